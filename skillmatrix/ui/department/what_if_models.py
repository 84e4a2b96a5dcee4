"""The models of the 異動 what-if (what_if.py): the people to tick as leaving, and the
coverage per category that follows (domain/coverage.py)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from skillmatrix.domain.coverage import FLAG_LABELS, FLAG_ZERO, CoverageRow
from skillmatrix.domain.department_view import Person
from skillmatrix.ui.common.row_table_model import RowTableModel

_CHECK = Qt.ItemDataRole.CheckStateRole
_FLAG_BRUSH = {FLAG_ZERO: QBrush(QColor(235, 150, 150)), "below": QBrush(QColor(250, 215, 160))}


class LeavingModel(QAbstractListModel):
    """Everyone of the group with a check box: ticked = leaving in April.

    Signals:
        ticked(): the set of people leaving changed.
    """

    ticked = Signal()

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.people: list[Person] = []
        self.leaving: dict[str, None] = {}  # ordered set of ids

    def set_people(self, people: Sequence[Person]) -> None:
        self.beginResetModel()
        self.people = list(people)
        here = {p.id for p in self.people}
        self.leaving = {s: None for s in self.leaving if s in here}
        self.endResetModel()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.people)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        person = self.people[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{person.name}　{person.title}" if person.title else person.name
        if role == _CHECK:
            return Qt.CheckState.Checked if person.id in self.leaving else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.UserRole:
            return person.id
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        return super().flags(index) | Qt.ItemFlag.ItemIsUserCheckable

    def setData(self, index: QModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != _CHECK or not index.isValid():
            return False
        staff_id = self.people[index.row()].id
        checked = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value, 2, True)
        self.set_leaving(staff_id, checked)
        return True

    def set_leaving(self, staff_id: str, leaving: bool) -> None:
        """Ticks or unticks one person."""
        if leaving == (staff_id in self.leaving):
            return
        if leaving:
            self.leaving[staff_id] = None
        else:
            del self.leaving[staff_id]
        row = next((i for i, p in enumerate(self.people) if p.id == staff_id), -1)
        if row >= 0:
            self.dataChanged.emit(self.index(row), self.index(row), [_CHECK])
        self.ticked.emit()


class CoverageModel(RowTableModel):
    """One row per category: threshold, before, after, minimum (editable), flag, who leaves.

    Signals:
        minimum_changed(category id, n): the chief set a category's minimum.
    """

    minimum_changed = Signal(str, int)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.headers = [
            self.tr("分類"),
            self.tr("基準レベル"),
            self.tr("異動前"),
            self.tr("異動後"),
            self.tr("最低人数"),
            self.tr("判定"),
            self.tr("抜ける人"),
        ]
        self.rows: list[CoverageRow] = []
        self.names: dict[str, str] = {}

    def row_items(self) -> Sequence[CoverageRow]:
        return self.rows

    def set_rows(self, rows: list[CoverageRow], names: dict[str, str]) -> None:
        """Shows new numbers; a reset only when the categories change (keeps the view still)."""
        self.names = names
        if [r.category_id for r in rows] != [r.category_id for r in self.rows]:
            self.beginResetModel()
            self.rows = rows
            self.endResetModel()
            return
        self.rows = rows
        if rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, len(self.headers) - 1))

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        r, col = self.rows[index.row()], index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            values = [
                r.name,
                r.threshold,
                r.before,
                r.after,
                r.minimum,
                FLAG_LABELS[r.flag],
                "、".join(self.names.get(s, s) for s in r.lost),
            ]
            return values[col]
        if role == Qt.ItemDataRole.BackgroundRole and r.flag and col in (3, 5):
            return _FLAG_BRUSH[r.flag]
        if role == Qt.ItemDataRole.TextAlignmentRole and 1 <= col <= 5:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole and col == 4:
            return self.tr("この人数を下回ると「属人化」として示します（ダブルクリックで変更）")
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        f = super().flags(index)
        return f | Qt.ItemFlag.ItemIsEditable if index.column() == 4 else f

    def setData(self, index: QModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or index.column() != 4:
            return False
        try:
            n = int(value)
        except (TypeError, ValueError):
            return False
        if n < 0:
            return False
        self.minimum_changed.emit(self.rows[index.row()].category_id, n)
        return True
