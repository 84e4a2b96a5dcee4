"""The radar chart beside the skill grid: the shown person's level per category against
their 求める人材像, and (chosen from 「比べる時点」) the same person at the start of a past
年度, rebuilt from the stored revisions, dotted behind. 「この時点の履歴書」 shows that
past sheet whole (read-only)."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QComboBox, QLabel, QPushButton, QVBoxLayout, QWidget

from skillmatrix.domain.department import TargetProfile, person_levels, profile_of
from skillmatrix.domain.history import fiscal_year_start, moment
from skillmatrix.domain.model import Staff
from skillmatrix.domain.radar import person_radar
from skillmatrix.store.department import DepartmentStore
from skillmatrix.store.history import HistoryStore
from skillmatrix.ui.common.radar_widget import RadarWidget
from skillmatrix.ui.common.session import Session
from skillmatrix.ui.sheet.as_of_dialog import AsOfSheetDialog


class RadarPanel(QWidget):
    """The chart of the shown person, with an as-of choice."""

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("radarPanel")
        self.session = session
        self._profiles: tuple[dict[str, TargetProfile], dict[str, str]] | None = None
        self.chart = RadarWidget(self)
        self.as_of = QComboBox(objectName="sheetAsOf")
        self.as_of.setToolTip(
            self.tr("その年度の4月1日時点のレベルを点線で重ねます（保存された版から組み立てます）")
        )
        self.past_button = QPushButton(self.tr("この時点の履歴書…"), objectName="sheetAsOfButton")
        self.past_button.clicked.connect(self.show_past_sheet)
        # Compact: the panel shares the column beside the grid with the level panel, and
        # the window must still fit a 1600×1000 screen at 200 %.
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.chart, 1)
        label = QLabel(self.tr("比べる時点"))
        label.setBuddy(self.as_of)
        layout.addWidget(label)
        layout.addWidget(self.as_of)
        layout.addWidget(self.past_button)
        # Bound methods, not lambdas holding self: no reference cycle for the garbage
        # collector to break later, perhaps in a worker thread.
        self.as_of.currentIndexChanged.connect(self._as_of_changed)
        session.current_changed.connect(self.show_sheet)
        session.staff_written.connect(self._written)
        for signal in (session.department_changed, session.store_replaced, session.definitions_changed):
            signal.connect(self._forget)
        session.store_replaced.connect(self.fill_years)
        self.fill_years()
        self.show_sheet(session.current)

    def _as_of_changed(self, _index: int) -> None:
        self.show_sheet(self.session.current)

    def fill_years(self) -> None:
        """Offers 現在 and the 4月1日 of every 年度 the revisions reach back to."""
        self.as_of.blockSignals(True)
        self.as_of.clear()
        self.as_of.addItem(self.tr("（比べない）"), None)
        for year in HistoryStore(self.session.store).fiscal_years(date.today()):
            self.as_of.addItem(self.tr("{y}年4月1日（{y}年度初め）").format(y=year), year)
        self.as_of.blockSignals(False)
        self.past_button.setEnabled(False)

    def _forget(self, *_args: object) -> None:
        self._profiles = None
        self.show_sheet(self.session.current)

    def _written(self, sheet: Staff) -> None:
        current = self.session.current
        if current is not None and current.id == sheet.id:
            self.show_sheet(sheet)

    def _profile(self, sheet: Staff) -> TargetProfile | None:
        if self._profiles is None:
            department = DepartmentStore(self.session.store)
            self._profiles = ({p.id: p for p in department.profiles()}, department.assigned_profiles())
        by_id, assigned = self._profiles
        return profile_of(sheet.id, sheet.title, assigned, by_id)

    def moment(self) -> str | None:
        """Returns the stored timestamp of the chosen past moment (None: no comparison)."""
        year = self.as_of.currentData()
        return None if year is None else moment(fiscal_year_start(year))

    def show_sheet(self, sheet: Staff | None) -> None:
        """Draws the person's chart (and the chosen past one behind it)."""
        if sheet is None:
            self.chart.set_chart(None)
            self.past_button.setEnabled(False)
            return
        cats = self.session.store.categories()
        profile = self._profile(sheet)
        chart = person_radar(cats, person_levels(sheet), profile)
        past = None
        at = self.moment()
        if at is not None:
            old = HistoryStore(self.session.store).staff_at(sheet.id, at)
            if old is not None:
                past = person_radar(cats, person_levels(old), profile)
        label = self.as_of.currentText().split("（")[0] if past is not None else ""
        self.chart.set_chart(chart, past, label)
        self.past_button.setEnabled(past is not None)

    def show_past_sheet(self) -> None:
        """Opens the shown person's sheet as it was at the chosen moment (read-only)."""

        sheet, at = self.session.current, self.moment()
        if sheet is None or at is None:
            return
        old = HistoryStore(self.session.store).staff_at(sheet.id, at)
        if old is None:
            return
        dialog = AsOfSheetDialog(self.session, old, self.as_of.currentText(), self._profile(sheet), self)
        dialog.open()
