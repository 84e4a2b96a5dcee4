"""What an import would do, shown before anything is written: the table of every person
in the file (added / updated / unchanged / in conflict / deleted here) and, for each
conflict, both versions side by side with the user's choice.
"""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from skillmatrix.domain.model import Entry, Staff
from skillmatrix.domain.sheet_diff import Choice, SheetDiff, diff_sheets, merge_sheets
from skillmatrix.exchange.merge import ImportPlan
from skillmatrix.ui.files.part_choices import PartChoiceView

KIND_LABELS = {
    "conflict": "競合",
    "added": "追加",
    "updated": "更新",
    "deleted": "削除済み（取り込まない）",
    "unchanged": "変更なし",
}
CHOICE_LABELS = {
    "mine": "こちらを残す",
    "theirs": "ファイルの内容を採る",
    "both": "両方残す（2人として）",
    "merged": "部分ごとに選んだ内容",
}
DIFFERS = QColor("#fff3c4")
CONFLICT = QColor("#b00020")


def plan_rows(plan: ImportPlan) -> list[tuple[str, Staff | None, Staff]]:
    """(kind, mine, theirs-or-only) for every person in the file, conflicts first."""
    rows: list[tuple[str, Staff | None, Staff]] = []
    rows += [("conflict", mine, theirs) for mine, theirs in plan.conflicts]
    rows += [("added", None, s) for s in plan.added]
    rows += [("updated", mine, theirs) for mine, theirs in plan.updated]
    rows += [("deleted", None, s) for s in plan.deleted_here]
    rows += [("unchanged", None, s) for s in plan.unchanged]
    return rows


class PlanModel(QAbstractTableModel):
    """One row per person in the file (objectName of its view: importPreview)."""

    HEADERS = ("区分", "氏名", "所属", "職名", "実績（こちら → ファイル）")

    def __init__(self, plan: ImportPlan, parent=None, labels: dict[str, str] | None = None):
        super().__init__(parent)
        self.rows = plan_rows(plan)
        self.labels = {**KIND_LABELS, **(labels or {})}  # an Excel import names its kinds its way

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def kind(self, row: int) -> str:
        return self.rows[row][0]

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        kind, mine, theirs = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return self.tr(self.labels[kind])
            if column == 1:
                return theirs.name
            if column == 2:
                return theirs.section
            if column == 3:
                return theirs.title
            if mine is not None:
                return f"{len(mine.entries)} → {len(theirs.entries)}"
            return f"{len(theirs.entries)}" if kind != "conflict" else f"— → {len(theirs.entries)}"
        if role == Qt.ItemDataRole.ForegroundRole and column == 0 and kind == "conflict":
            return QBrush(CONFLICT)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.tr(self.HEADERS[section])
        return None


def _lines(items: list[str]) -> str:
    return "\n".join(items) if items else "—"


def _entry_key(e: Entry) -> tuple:
    return (e.level, e.category_id, e.text)


def compare_rows(
    mine: Staff | None,
    theirs: Staff,
    categories: dict[str, str],
    levels: dict[int, str],
    style: str = "seireki",
) -> list[tuple[str, str, str]]:
    """(field, mine, theirs) lines of the side-by-side comparison: the profile, the
    histories, entry counts, then every entry that only one side has."""

    def profile(s: Staff) -> list[str]:
        return [s.name, s.kana, s.title, s.section, str(s.experience_years())]

    def histories(s: Staff) -> list[str]:
        return [
            _lines(
                [
                    f"{q.name}（{q.acquired.format(style)}）" if q.acquired else q.name
                    for q in s.qualifications
                ]
            ),
            _lines([f"{a.period.format(style)} {a.name} {a.duties}".strip() for a in s.assignments]),
            _lines([f"{p.period.format(style)} {p.name}".strip() for p in s.projects]),
            f"{len(s.entries)}件",
        ]

    labels = [
        "氏名",
        "ふりがな",
        "職名",
        "所属",
        "経験年数",
        "資格等",
        "担当履歴",
        "プロジェクト履歴",
        "実績（件数）",
    ]
    theirs_values = profile(theirs) + histories(theirs)
    if mine is None:
        mine_values = ["（こちらでは削除済み）"] + ["—"] * (len(labels) - 1)
    else:
        mine_values = profile(mine) + histories(mine)
    rows = list(zip(labels, mine_values, theirs_values))
    mine_keys = {_entry_key(e) for e in mine.entries} if mine is not None else set()
    theirs_keys = {_entry_key(e) for e in theirs.entries}
    only = sorted(({*mine_keys} ^ theirs_keys), key=lambda k: (k[0], k[1], k[2]))
    for level, category_id, text in only:
        where = f"{levels.get(level, level)}・{categories.get(category_id, category_id)}"
        key = (level, category_id, text)
        rows.append((where, text if key in mine_keys else "", text if key in theirs_keys else ""))
    return rows


class ConflictPanel(QWidget):
    """The conflicts: a list, then for the selected person each differing part with the
    side taken for it (part_choices.py), both whole versions side by side on a second
    tab, and the person-level choice (keep mine, take theirs, keep both as two people).

    A person is settled when every part has a side: all mine is 'mine', all theirs is
    'theirs', a mix is 'merged' (the merged sheet is written as one new revision).

    Signals:
        choices_changed(): a choice was made or changed.
    """

    choices_changed = Signal()

    def __init__(
        self,
        plan: ImportPlan,
        categories: dict[str, str],
        levels: dict[int, str],
        style: str = "seireki",
        parent: QWidget | None = None,
        diffs: dict[str, SheetDiff] | None = None,
        captions: dict[str, str] | None = None,
        merged_only: bool = False,
    ):
        super().__init__(parent)
        self.setObjectName("conflictPanel")
        self.conflicts = plan.conflicts
        # date_style, not style: an attribute named style hid QWidget.style().
        self.categories, self.levels, self.date_style = categories, levels, style
        self.merged_only = merged_only  # a sheet without history: settled only by merging
        self.choices: dict[str, str] = {}
        self.diffs: dict[str, SheetDiff] = dict(diffs or {})
        self.captions = captions or {}
        for mine, theirs in self.conflicts:
            if mine is not None and theirs.id not in self.diffs:
                self.diffs[theirs.id] = diff_sheets(None, mine, theirs, categories)
        self.part_choices: dict[str, dict[str, Choice]] = {theirs.id: {} for _m, theirs in self.conflicts}
        self.list = QListWidget(objectName="conflictList")
        self.list.setAccessibleName(self.tr("競合している職員"))
        for _mine, theirs in self.conflicts:
            self.list.addItem(QListWidgetItem(theirs.name))
        self.parts = PartChoiceView()
        self.parts.choices_changed.connect(self._parts_changed)
        self.table = QTableWidget(0, 2, objectName="conflictCompare")
        self.table.setHorizontalHeaderLabels([self.tr("こちら（このデータベース）"), self.tr("ファイル")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.tabs = QTabWidget(objectName="conflictTabs")
        self.tabs.addTab(self.parts, self.tr("部分ごとに選ぶ"))
        self.tabs.addTab(self.table, self.tr("全体を並べて見る"))
        self.buttons: dict[str, QRadioButton] = {}
        self.group = QButtonGroup(self)
        choice_row = QHBoxLayout()
        choice_row.addWidget(QLabel(self.tr("この職員は:")))
        for name in ("mine", "theirs", "both"):
            label = CHOICE_LABELS[name]
            button = QRadioButton(self.tr(label), objectName=f"choice{name.capitalize()}")
            self.group.addButton(button)
            self.buttons[name] = button
            choice_row.addWidget(button)
            button.clicked.connect(lambda _checked=False, n=name: self.choose(n))
        self.buttons["both"].setVisible(not merged_only)
        choice_row.addStretch(1)
        all_mine = QPushButton(self.tr("すべてこちらを残す"), objectName="chooseAllMine")
        all_theirs = QPushButton(self.tr("すべてファイルの内容を採る"), objectName="chooseAllTheirs")
        all_mine.clicked.connect(lambda: self.choose_all("mine"))
        all_theirs.clicked.connect(lambda: self.choose_all("theirs"))
        choice_row.addWidget(all_mine)
        choice_row.addWidget(all_theirs)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.tabs, 1)
        right_layout.addLayout(choice_row)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.list)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 4)
        splitter.setSizes([160, 640])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        title = QLabel(
            self.tr(
                "<b>競合</b>: 両方で変更された職員です。違う部分ごとに、どちらを採るか選んでください"
                "（こちらだけ・ファイルだけで変わった部分は、変わった側が選ばれています）。"
            )
        )
        title.setWordWrap(True)
        layout.addWidget(title)
        layout.addWidget(splitter, 1)
        for row, (_mine, theirs) in enumerate(self.conflicts):
            self._settle(theirs.id)
            self._mark(row)
        self.list.currentRowChanged.connect(self.show_conflict)
        if self.conflicts:
            self.list.setCurrentRow(0)

    def current_theirs(self) -> Staff | None:
        row = self.list.currentRow()
        return self.conflicts[row][1] if 0 <= row < len(self.conflicts) else None

    def show_conflict(self, row: int) -> None:
        """Shows the row's parts and its two whole versions."""
        if not 0 <= row < len(self.conflicts):
            return
        mine, theirs = self.conflicts[row]
        lines = compare_rows(mine, theirs, self.categories, self.levels, self.date_style)
        self.table.setRowCount(len(lines))
        for i, (label, a, b) in enumerate(lines):
            self.table.setVerticalHeaderItem(i, QTableWidgetItem(label))
            for column, text in enumerate((a, b)):
                item = QTableWidgetItem(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
                if a != b:
                    item.setBackground(DIFFERS)
                self.table.setItem(i, column, item)
        diff = self.diffs.get(theirs.id)
        self.tabs.setTabEnabled(0, diff is not None)
        if diff is not None:
            caption = self.captions.get(theirs.id) or self.tr(
                "{name}: 違う部分 {n}か所（共通の元の版が無いため、すべて選んでください）"
            ).format(name=theirs.name, n=len(diff.parts))
            self.parts.show_diff(diff, self.part_choices[theirs.id], caption, self.date_style)
            self.tabs.setCurrentIndex(0)
        else:
            self.tabs.setCurrentIndex(1)
        self.buttons["both"].setEnabled(mine is not None)  # nothing of mine to keep beside theirs
        self._check_buttons(theirs.id)

    def _check_buttons(self, staff_id: str) -> None:
        choice = self.choices.get(staff_id)
        self.group.setExclusive(False)
        for name, button in self.buttons.items():
            button.setChecked(name == choice)  # a merged person has no whole-sheet choice
        self.group.setExclusive(True)

    def choose(self, choice: str) -> None:
        """Sets the choice for the conflict shown (mine / theirs: every part that side)."""
        theirs = self.current_theirs()
        if theirs is None:
            return
        if choice in ("mine", "theirs") and theirs.id in self.diffs:
            self.parts.choose_all(cast(Choice, choice))  # calls _parts_changed, which settles the person
            return
        self.choices[theirs.id] = choice
        self._mark(self.list.currentRow())
        self.choices_changed.emit()

    def choose_all(self, choice: str) -> None:
        """Takes one side for every part of every person in conflict."""
        for row, (_mine, theirs) in enumerate(self.conflicts):
            diff = self.diffs.get(theirs.id)
            if diff is not None and choice in ("mine", "theirs"):
                side = cast(Choice, choice)
                self.part_choices[theirs.id].update({p.key: side for p in diff.parts})
                self._settle(theirs.id)
            else:
                self.choices[theirs.id] = choice
            self._mark(row)
        self.show_conflict(self.list.currentRow())
        self.choices_changed.emit()

    def _parts_changed(self) -> None:
        theirs = self.current_theirs()
        if theirs is None:
            return
        self._settle(theirs.id)
        self._mark(self.list.currentRow())
        self._check_buttons(theirs.id)
        self.choices_changed.emit()

    def _settle(self, staff_id: str) -> None:
        """The person's choice from their parts' sides (none while a part is open)."""
        diff = self.diffs.get(staff_id)
        if diff is None:
            return
        chosen = self.part_choices[staff_id]
        sides = {chosen.get(p.key, p.default_choice()) for p in diff.parts}
        if None in sides:
            self.choices.pop(staff_id, None)
        elif self.merged_only:
            self.choices[staff_id] = "merged"
        elif sides == {"mine"}:
            self.choices[staff_id] = "mine"
        elif sides == {"theirs"}:
            self.choices[staff_id] = "theirs"
        else:
            self.choices[staff_id] = "merged"

    def merged_sheets(self) -> dict[str, Staff]:
        """staff id -> the sheet made part by part, for every person settled as 'merged'."""
        sheets = {}
        for mine, theirs in self.conflicts:
            if mine is not None and self.choices.get(theirs.id) == "merged":
                diff = self.diffs[theirs.id]
                sheets[mine.id] = merge_sheets(mine, theirs, diff, self.part_choices[theirs.id])
        return sheets

    def _mark(self, row: int) -> None:
        theirs = self.conflicts[row][1]
        choice = self.choices.get(theirs.id)
        text = theirs.name + (f"（{self.tr(CHOICE_LABELS[choice])}）" if choice else "")
        self.list.item(row).setText(text)

    def open_count(self) -> int:
        """How many conflicts have no choice yet."""
        return sum(1 for _m, theirs in self.conflicts if theirs.id not in self.choices)
