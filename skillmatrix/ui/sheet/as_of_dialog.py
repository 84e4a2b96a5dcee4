"""A person's sheet as it was at a past moment, read-only: profile line, the skill grid's
entries per level and category, and the radar chart of then."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from skillmatrix.domain.department import TargetProfile, person_levels
from skillmatrix.domain.model import LEVEL_COUNT, Staff
from skillmatrix.domain.radar import person_radar
from skillmatrix.ui.common.radar_widget import RadarWidget
from skillmatrix.ui.common.session import Session


class AsOfSheetDialog(QDialog):
    """The past sheet (objectName asOfSheetDialog); nothing in it can be edited."""

    def __init__(
        self,
        session: Session,
        sheet: Staff,
        when: str,
        profile: TargetProfile | None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("asOfSheetDialog")
        self.setWindowTitle(self.tr("{name}（{when}）").format(name=sheet.name, when=when))
        self.sheet = sheet
        cats = session.store.categories()
        head = QLabel(
            self.tr("<b>{name}</b>　{title}　{section}　— {when} 時点の内容（読み取り専用）").format(
                name=sheet.name, title=sheet.title, section=sheet.section, when=when
            )
        )
        self.grid = QTableWidget(LEVEL_COUNT, len(cats), objectName="asOfGrid")
        self.grid.setHorizontalHeaderLabels([c.name for c in cats])
        self.grid.setVerticalHeaderLabels([str(n) for n in range(LEVEL_COUNT)])
        self.grid.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.grid.setWordWrap(True)
        column = {c.id: i for i, c in enumerate(cats)}
        cells: dict[tuple[int, int], list[str]] = {}
        for e in sheet.entries:
            if e.category_id in column:
                cells.setdefault((e.level, column[e.category_id]), []).append("・" + e.text)
        for (level, col), texts in cells.items():
            item = QTableWidgetItem("\n".join(texts))
            item.setTextAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            self.grid.setItem(level, col, item)
        self.grid.resizeRowsToContents()
        self.chart = RadarWidget(self, "asOfRadar")
        self.chart.set_chart(person_radar(cats, person_levels(sheet), profile))
        body = QHBoxLayout()
        body.addWidget(self.grid, 3)
        body.addWidget(self.chart, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("閉じる"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(head)
        layout.addLayout(body, 1)
        layout.addWidget(buttons)
        self.resize(1100, 560)
