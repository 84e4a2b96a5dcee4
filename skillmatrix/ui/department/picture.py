"""The lower half of the 部門 tab (issue 18): the per-category counts, the department's
radar chart (average and minimum of the people shown against their targets) and the 異動
what-if, as tabs; and the 「時点」 choice above the matrix, which shows the department as it
stood on 4月1日 of a past 年度 (rebuilt from the revisions, store/history.py)."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QTabWidget

from skillmatrix.domain.department_view import Snapshot
from skillmatrix.domain.history import fiscal_year_start
from skillmatrix.domain.radar import department_radar
from skillmatrix.store.department import DepartmentStore
from skillmatrix.store.history import HistoryStore
from skillmatrix.ui.common.radar_widget import RadarWidget
from skillmatrix.ui.common.session import Session
from skillmatrix.ui.department.what_if import WhatIfPanel


class DepartmentPicture(QTabWidget):
    """Counts | レーダーチャート | 異動の影響 (objectName departmentPicture)."""

    def __init__(self, panel, session: Session):
        super().__init__(panel)
        self.setObjectName("departmentPicture")
        self.panel = panel
        self.session = session
        self.radar = RadarWidget(self, "departmentRadar")
        self.radar.value_label = self.tr("平均")
        self.what_if = WhatIfPanel(session, self)
        self.addTab(panel.count_view, self.tr("分類別の人数"))
        self.addTab(self.radar, self.tr("レーダーチャート"))
        self.addTab(self.what_if, self.tr("異動の影響"))
        session.store_replaced.connect(self.fill_years)
        self.fill_years()

    def fill_years(self) -> None:
        """Offers 現在 and 4月1日 of each 年度 the revisions reach back to."""
        combo = self.panel.as_of_combo
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(self.tr("現在"), None)
        for year in HistoryStore(self.session.store).fiscal_years(date.today()):
            combo.addItem(self.tr("{y}年4月1日").format(y=year), year)
        combo.setCurrentIndex(max(0, combo.findData(current)))
        combo.blockSignals(False)

    def as_of(self) -> int | None:
        """Returns the 年度 chosen (None: now)."""
        return self.panel.as_of_combo.currentData()

    def load_snapshot(self, kinds: list[str] | None) -> Snapshot:
        """Returns the department now, or as of 4月1日 of the chosen 年度."""
        year = self.as_of()
        if year is None:
            return DepartmentStore(self.session.store).snapshot(kinds)
        return HistoryStore(self.session.store).snapshot_at(fiscal_year_start(year), kinds)

    def show_people(self, snapshot: Snapshot | None, ids: list[str]) -> None:
        """Draws the radar of the people shown and gives them to the what-if."""
        if snapshot is None:
            self.radar.set_chart(None)
            return
        targets = {s: p.targets for s in ids if (p := snapshot.profile(s))}
        self.radar.set_chart(
            department_radar(snapshot.categories, snapshot.levels, ids, targets) if ids else None
        )
        self.what_if.set_group(snapshot, ids)


def install_picture(panel, session: Session) -> DepartmentPicture:
    """Builds the tabs under the matrix (the count table moves into the first)."""
    return DepartmentPicture(panel, session)
