"""The per-part difference of one person (a form taken back, a conflict, a name match):
one row per differing part — profile field, history row, grid cell — with this
database's value and the file's side by side. Clicking a side takes it for that part;
「すべてこちら」/「すべてファイル」 take one side for every part.

Parts changed on one side only (three-way, with the form's base) start chosen as the
side that changed; parts changed on both sides (or any difference without a base) start
open and are marked 競合 in red until the chief chooses.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from skillmatrix.domain.sheet_diff import CHANGE_LABELS, SIDE_LABELS, Choice, SheetDiff
from skillmatrix.exchange.excel.plan_text import value_text

CHOSEN = QColor("#cdebd3")
NOT_CHOSEN = QColor("#f2f2f2")
OPEN = QColor("#fff3c4")
CONFLICT = QColor("#b00020")
SIDE_COLUMNS: dict[int, Choice] = {2: "mine", 3: "theirs"}


class PartChoiceView(QWidget):
    """Parts of one person and the side taken for each (objectName partChoices).

    Signals:
        choices_changed(): a part's side was chosen.
    """

    choices_changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("partChoices")
        self.diff: SheetDiff | None = None
        self.choices: dict[str, Choice] = {}
        self.style_ = "seireki"
        self.caption = QLabel(objectName="partCaption")
        self.caption.setWordWrap(True)
        self.table = QTableWidget(0, 4, objectName="partTable")
        self.table.setHorizontalHeaderLabels(
            [self.tr("部分"), self.tr("違い"), self.tr("こちら（このデータベース）"), self.tr("ファイル")]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().hide()
        self.table.cellClicked.connect(self._clicked)
        self.all_mine = QPushButton(self.tr("すべてこちら"), objectName="partsAllMine")
        self.all_theirs = QPushButton(self.tr("すべてファイル"), objectName="partsAllTheirs")
        self.all_mine.clicked.connect(lambda: self.choose_all("mine"))
        self.all_theirs.clicked.connect(lambda: self.choose_all("theirs"))
        self.open_label = QLabel(objectName="partOpen")
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("採る側のセルをクリックして選びます。")))
        row.addStretch(1)
        row.addWidget(self.open_label)
        row.addWidget(self.all_mine)
        row.addWidget(self.all_theirs)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.caption)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)

    def show_diff(
        self, diff: SheetDiff, choices: dict[str, Choice], caption: str, style: str = "seireki"
    ) -> None:
        """Shows one person's parts; choices is that person's dict, changed in place."""
        self.diff, self.choices, self.style_ = diff, choices, style
        self.caption.setText(caption)
        self.table.setRowCount(len(diff.parts))
        for row, part in enumerate(diff.parts):
            label = QTableWidgetItem(part.label)
            change = QTableWidgetItem(
                f"{self.tr(CHANGE_LABELS[part.change])}・{self.tr(SIDE_LABELS[part.side])}"
            )
            if part.is_conflict:
                change.setForeground(QBrush(CONFLICT))
                bold = QFont(change.font())
                bold.setBold(True)
                change.setFont(bold)
            self.table.setItem(row, 0, label)
            self.table.setItem(row, 1, change)
            for column, value in ((2, part.mine), (3, part.theirs)):
                item = QTableWidgetItem(value_text(value, style).replace(" / ", "\n"))
                item.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
                self.table.setItem(row, column, item)
            self._paint(row)
        self._update_open()

    def _clicked(self, row: int, column: int) -> None:
        if column in SIDE_COLUMNS:
            self.choose(row, SIDE_COLUMNS[column])

    def choose(self, row: int, side: Choice) -> None:
        """Takes side for the part in row."""
        if self.diff is None or not 0 <= row < len(self.diff.parts):
            return
        self.choices[self.diff.parts[row].key] = side
        self._paint(row)
        self._update_open()
        self.choices_changed.emit()

    def choose_all(self, side: Choice) -> None:
        """Takes side for every part of the person shown."""
        if self.diff is None:
            return
        for row, part in enumerate(self.diff.parts):
            self.choices[part.key] = side
            self._paint(row)
        self._update_open()
        self.choices_changed.emit()

    def chosen(self, row: int) -> Choice | None:
        """The side taken for the part in row (None: not chosen yet)."""
        assert self.diff is not None
        part = self.diff.parts[row]
        return self.choices.get(part.key, part.default_choice())

    def _paint(self, row: int) -> None:
        side = self.chosen(row)
        for column, name in SIDE_COLUMNS.items():
            item = self.table.item(row, column)
            item.setBackground(OPEN if side is None else CHOSEN if side == name else NOT_CHOSEN)
            font = QFont(item.font())
            font.setBold(side == name)
            item.setFont(font)
            item.setToolTip(self.tr("採る") if side == name else self.tr("クリックするとこちらを採ります"))

    def open_count(self) -> int:
        """Parts that still need a choice."""
        if self.diff is None:
            return 0
        return sum(1 for row in range(len(self.diff.parts)) if self.chosen(row) is None)

    def _update_open(self) -> None:
        n = self.open_count()
        self.open_label.setText(self.tr("未選択 {n}か所").format(n=n) if n else "")
