"""The lines of a 年度's 研修計画 as a table: person, course, where it lifts them, status.

The model only shows a list of PlanItem (stored, or proposed and not yet stored); the
dialog makes every change through the session as one undo step and sets the list again.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QObject, Qt
from PySide6.QtGui import QBrush, QColor

from skillmatrix.domain.department import PLAN_STATUS_LABELS, Course, PlanItem
from skillmatrix.domain.department_view import Person
from skillmatrix.domain.model import Category
from skillmatrix.ui.common.row_table_model import RowTableModel

ITEM_ROLE = Qt.ItemDataRole.UserRole + 1
NAME, TITLE, SECTION, COURSE, PROVIDER, CATEGORY, LEVEL, STATUS, NOTE = range(9)
STATUS_COLOURS = {"accepted": "#c6ebc6", "dropped": "#e2e2e2", "done": "#c9dcf5"}


class PlanModel(RowTableModel):
    """One row per plan line, in list order of the people."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.items: list[PlanItem] = []
        # Set by the dialog: (row, note) -> bool, which writes the note as an undo step.
        self.note_edited: Callable[[int, str], bool] | None = None
        self._people: dict[str, Person] = {}
        self._courses: dict[str, Course] = {}
        self._categories: dict[str, str] = {}
        self._brushes = {k: QBrush(QColor(v)) for k, v in STATUS_COLOURS.items()}
        self.headers = [
            self.tr("氏名"),
            self.tr("職名"),
            self.tr("所属"),
            self.tr("研修名"),
            self.tr("提供機関"),
            self.tr("分類"),
            self.tr("レベル"),
            self.tr("状態"),
            self.tr("備考"),
        ]

    def set_plan(
        self, items: list[PlanItem], people: list[Person], courses: list[Course], categories: list[Category]
    ) -> None:
        """Shows these lines (people who are gone are left out)."""
        self.beginResetModel()
        self._people = {p.id: p for p in people}
        self._courses = {c.id: c for c in courses}
        self._categories = {c.id: c.name for c in categories}
        self.items = [i for i in items if i.staff_id in self._people]
        self.endResetModel()

    def item(self, row: int) -> PlanItem:
        return self.items[row]

    def course(self, item: PlanItem) -> Course | None:
        """Returns the catalogue course of a line (None for a free title or a removed one)."""
        return self._courses.get(item.course_id) if item.course_id else None

    def person(self, staff_id: str) -> Person | None:
        return self._people.get(staff_id)

    def row_items(self) -> list:
        return self.items

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        item = self.items[index.row()]
        if role == ITEM_ROLE:
            return item
        if role == Qt.ItemDataRole.BackgroundRole and index.column() == STATUS:
            return self._brushes.get(item.status)
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in (LEVEL, STATUS):
            return int(Qt.AlignmentFlag.AlignCenter)
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return None
        person = self._people[item.staff_id]
        course = self.course(item)
        col = index.column()
        if col == NAME:
            return person.name
        if col == TITLE:
            return person.title
        if col == SECTION:
            return person.section
        if col == COURSE:
            return item.title
        if col == PROVIDER:
            return course.provider if course else ""
        if col == CATEGORY:
            return self._categories.get(course.category_id, "") if course and course.category_id else ""
        if col == LEVEL:
            return "" if course is None or course.level is None else str(course.level)
        if col == STATUS:
            return PLAN_STATUS_LABELS.get(item.status, item.status)
        if col == NOTE:
            return item.note
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled
        if index.column() == NOTE:
            flags |= Qt.ItemFlag.ItemIsEditable  # the dialog turns the edit into a step
        return flags

    def setData(self, index: QModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        # The note is written by the dialog (note_edited); the model stays a view of the file.
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or index.column() != NOTE:
            return False
        note = str(value or "").strip()
        if note == self.items[index.row()].note:
            return True
        return bool(self.note_edited and self.note_edited(index.row(), note))
