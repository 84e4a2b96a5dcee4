"""The course catalogue (研修カタログ): courses with provider, category and level, edited in
place, and who took the selected course when (研修受講履歴).

Each change is one undo step; a course removed keeps the entries people have of it (they
are text on their sheets) and its plan lines get it back on undo.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from skillmatrix.domain.dates import PartialDate
from skillmatrix.domain.department import AUDIENCE_LABELS, AUDIENCES, Course
from skillmatrix.domain.model import KIND_LABELS, KINDS, Category
from skillmatrix.operations.department import DeleteCourse, SaveCourse
from skillmatrix.store.department import DepartmentStore
from skillmatrix.ui.common.row_table_model import RowTableModel
from skillmatrix.ui.common.session import Session
from skillmatrix.ui.common.table_keys import TableKeys
from skillmatrix.ui.department.delegates import CHOICE_ROLE, ChoiceDelegate, level_choices
from skillmatrix.ui.department.dialog_base import DepartmentDialog

NAME, PROVIDER, CATEGORY, LEVEL, KIND, TAKERS, NOTE, AUDIENCE = range(8)


class CourseModel(RowTableModel):
    """The catalogue; edits go to save(course) (the dialog turns them into undo steps)."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.courses: list[Course] = []
        self.takers: dict[str, list[tuple[str, str, PartialDate | None]]] = {}
        self.categories: list[Category] = []
        self.save: Callable[[Course], bool] | None = None  # (Course) -> bool, set by the dialog
        self.headers = [
            self.tr("研修名"),
            self.tr("提供機関"),
            self.tr("分類"),
            self.tr("レベル"),
            self.tr("種別"),
            self.tr("受講者"),
            self.tr("備考"),
            self.tr("対象"),
        ]

    def set_courses(self, courses: list[Course], categories: list[Category], takers: dict[str, list]) -> None:
        self.beginResetModel()
        self.courses, self.categories, self.takers = list(courses), list(categories), takers
        self.endResetModel()

    def row_items(self) -> list:
        return self.courses

    def _category_name(self, category_id: str | None) -> str:
        return next((c.name for c in self.categories if c.id == category_id), "")

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        c = self.courses[index.row()]
        col = index.column()
        if role == CHOICE_ROLE:
            return {CATEGORY: c.category_id, LEVEL: c.level, KIND: c.kind, AUDIENCE: c.audience}.get(col)
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (LEVEL, TAKERS):
            return int(Qt.AlignmentFlag.AlignCenter)
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return None
        if col == NAME:
            return c.name
        if col == PROVIDER:
            return c.provider
        if col == CATEGORY:
            return self._category_name(c.category_id)
        if col == LEVEL:
            return "" if c.level is None else str(c.level)
        if col == KIND:
            return KIND_LABELS.get(c.kind, c.kind)
        if col == TAKERS:
            return str(len(self.takers.get(c.id, ())))
        if col == NOTE:
            return c.note
        if col == AUDIENCE:
            return self.tr(AUDIENCE_LABELS.get(c.audience, c.audience))
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled
        if index.column() != TAKERS and self.save is not None:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: QModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or self.save is None:
            return False
        c = self.courses[index.row()]
        col = index.column()
        if role == CHOICE_ROLE and col in (CATEGORY, LEVEL, KIND, AUDIENCE):
            field = {CATEGORY: "category_id", LEVEL: "level", KIND: "kind", AUDIENCE: "audience"}[col]
            new = dataclasses.replace(c, **{field: value})
        elif role == Qt.ItemDataRole.EditRole and col in (NAME, PROVIDER, NOTE):
            field = {NAME: "name", PROVIDER: "provider", NOTE: "note"}[col]
            changes: dict[str, Any] = {field: str(value or "").strip()}  # a text field named at run time
            new = dataclasses.replace(c, **changes)
        else:
            return False
        return new == c or self.save(new)


class TakersModel(QAbstractTableModel):
    """Who took one course and when (研修受講履歴), in list order."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.rows: list[tuple[str, str, PartialDate | None]] = []
        self.date_style = "seireki"

    def set_rows(self, rows: list[tuple[str, str, PartialDate | None]], date_style: str) -> None:
        self.beginResetModel()
        self.rows, self.date_style = list(rows), date_style
        self.endResetModel()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 2

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and section in (0, 1)
        ):
            return (self.tr("氏名"), self.tr("受講時期"))[section]
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.UserRole):
            return None
        staff_id, name, date = self.rows[index.row()]
        if role == Qt.ItemDataRole.UserRole:
            return staff_id
        if index.column() == 0:
            return name
        return date.format(self.date_style) if date else ""


class CatalogueDialog(DepartmentDialog):
    """Edits the catalogue (objectName catalogueDialog)."""

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(session, "catalogueDialog", "研修カタログ", parent)
        self.setWindowTitle(self.tr("研修カタログ"))
        self.model = CourseModel(self)
        self.takers = TakersModel(self)
        self.view = QTableView(objectName="catalogueTable")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(PROVIDER, QHeaderView.ResizeMode.Stretch)  # names in full
        self.view.setItemDelegateForColumn(
            CATEGORY,
            ChoiceDelegate(
                lambda: [(self.tr("（なし）"), None)] + [(c.name, c.id) for c in session.categories],
                self.view,
            ),
        )
        self.view.setItemDelegateForColumn(
            LEVEL, ChoiceDelegate(level_choices(self.tr("（なし）")), self.view)
        )
        self.view.setItemDelegateForColumn(
            KIND, ChoiceDelegate([(KIND_LABELS[k], k) for k in KINDS], self.view)
        )
        self.view.setItemDelegateForColumn(
            AUDIENCE, ChoiceDelegate([(self.tr(AUDIENCE_LABELS[a]), a) for a in AUDIENCES], self.view)
        )
        self.taker_view = QTableView(objectName="catalogueTakers")
        self.taker_view.setModel(self.takers)
        self.taker_view.verticalHeader().setVisible(False)
        self.taker_view.horizontalHeader().setStretchLastSection(True)
        self.taker_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.taker_title = QLabel(objectName="catalogueTakersTitle")
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.taker_title)
        side_layout.addWidget(self.taker_view)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.view)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        self.add_button = QPushButton(self.tr("研修を追加(&N)"), objectName="catalogueAdd")
        self.delete_button = QPushButton(self.tr("削除(&D)"), objectName="catalogueDelete")
        hint = QLabel(
            self.tr(
                "セルをダブルクリックで修正。分類とレベルは、入力補完で研修を選んだときに"
                "入るセルと研修計画の提案に使われます。"
            )
        )
        hint.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(hint, 1)
        row.addWidget(self.add_button)
        row.addWidget(self.delete_button)
        self.body.addWidget(splitter, 1)
        self.body.addLayout(row)
        self.add_button.clicked.connect(self.add_course)
        self.delete_button.clicked.connect(self.delete_course)
        self.keys = TableKeys.install(self.view, add=self.add_course, delete=self.delete_course)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._show_takers())
        self.taker_view.doubleClicked.connect(
            lambda index: (
                self.staff_activated.emit(index.data(Qt.ItemDataRole.UserRole)) if index.isValid() else None
            )
        )
        if not session.readonly:
            self.model.save = self._save
        self.reload()

    def reload(self) -> None:
        department = DepartmentStore(self.session.store)
        courses = department.courses()
        row = self.view.currentIndex().row()
        self.model.set_courses(courses, self.session.categories, department.course_history(courses))
        if self.model.rowCount():
            self.view.selectRow(min(max(row, 0), self.model.rowCount() - 1))
        self._show_takers()
        writable = not self.session.readonly
        self.add_button.setEnabled(writable)
        self.delete_button.setEnabled(writable and self.view.currentIndex().isValid())

    def _show_takers(self) -> None:
        index = self.view.currentIndex()
        if not index.isValid():
            self.takers.set_rows([], self.session.date_style)
            self.taker_title.setText(self.tr("受講者"))
            return
        course = self.model.courses[index.row()]
        rows = self.model.takers.get(course.id, [])
        self.takers.set_rows(rows, self.session.date_style)
        self.taker_title.setText(self.tr("「{name}」の受講者 {n}名").format(name=course.name, n=len(rows)))

    def _save(self, course: Course) -> bool:
        return self.session.run(SaveCourse(course, self.tr("研修カタログの修正")))

    def add_course(self) -> bool:
        """Adds 「新しい研修」 at the end and starts editing its name."""
        position = max((c.position for c in self.model.courses), default=-1) + 1
        course = Course(name=self.tr("新しい研修"), position=position)
        if not self.session.run(SaveCourse(course, self.tr("研修の追加"))):
            return False
        row = next(i for i, c in enumerate(self.model.courses) if c.id == course.id)
        self.view.selectRow(row)
        self.view.edit(self.model.index(row, NAME))
        return True

    def delete_course(self) -> bool:
        """Removes the selected course (undo puts it back with its plan lines)."""
        index = self.view.currentIndex()
        if not index.isValid():
            return False
        course = self.model.courses[index.row()]
        return self.session.run(
            DeleteCourse(course.id, self.tr("研修「{name}」の削除").format(name=course.name))
        )
