"""The target profiles (求める人材像) editor: name, the 職名 that default to the profile, a
target level per category and the can-do statements (できること) required.

One row per profile, edited in place; each change is one undo step. A person is given
another profile than their 職名's in the 「できること」 tab of their sheet.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from skillmatrix.domain.department import CanDo, TargetProfile
from skillmatrix.domain.department_view import Person, Snapshot
from skillmatrix.domain.model import Category
from skillmatrix.operations.department import DeleteProfile, SaveProfile
from skillmatrix.store.department import DepartmentStore
from skillmatrix.ui.common.session import Session
from skillmatrix.ui.department.delegates import CHOICE_ROLE, ChoiceDelegate, level_choices
from skillmatrix.ui.department.dialog_base import DepartmentDialog, ok_cancel

NAME, TITLES = 0, 1
_TITLE_SPLIT = re.compile(r"[、,，\s]+")


class ProfileModel(QAbstractTableModel):
    """Profiles × (name, 職名, one target per category, required statements, people)."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.profiles: list[TargetProfile] = []
        self.categories: list[Category] = []
        self.holders: dict[str, int] = {}
        self.save: Callable[[TargetProfile], bool] | None = None  # (TargetProfile) -> bool, set by the dialog

    def set_profiles(
        self, profiles: list[TargetProfile], categories: list[Category], holders: dict[str, int]
    ) -> None:
        self.beginResetModel()
        self.profiles, self.categories, self.holders = list(profiles), list(categories), holders
        self.endResetModel()

    def category_of(self, column: int) -> Category | None:
        i = column - 2
        return self.categories[i] if 0 <= i < len(self.categories) else None

    @property
    def required_column(self) -> int:
        return 2 + len(self.categories)

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008 (Qt's default)
        return 0 if parent.isValid() else len(self.profiles)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4 + len(self.categories)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if section == NAME:
            return self.tr("人材像")
        if section == TITLES:
            return self.tr("既定の職名")
        category = self.category_of(section)
        if category is not None:
            return category.name
        if section == self.required_column:
            return self.tr("必須のできること")
        if section == self.required_column + 1:
            return self.tr("人数")
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        p = self.profiles[index.row()]
        col = index.column()
        category = self.category_of(col)
        if role == CHOICE_ROLE and category is not None:
            return p.targets.get(category.id)
        if role == Qt.ItemDataRole.TextAlignmentRole and col > TITLES:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return None
        if col == NAME:
            return p.name
        if col == TITLES:
            return "、".join(p.titles)
        if category is not None:
            level = p.targets.get(category.id)
            return "" if level is None else str(level)
        if col == self.required_column:
            return self.tr("{n}件").format(n=len(p.can_do))
        if col == self.required_column + 1:
            return str(self.holders.get(p.id, 0))
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled
        if self.save is not None and (
            index.column() in (NAME, TITLES) or self.category_of(index.column()) is not None
        ):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: QModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or self.save is None:
            return False
        p = self.profiles[index.row()]
        col = index.column()
        category = self.category_of(col)
        if role == CHOICE_ROLE and category is not None:
            targets = dict(p.targets)
            if value is None:
                targets.pop(category.id, None)
            else:
                targets[category.id] = int(value)
            # Keep the grid's category order in the stored targets.
            targets = {c.id: targets[c.id] for c in self.categories if c.id in targets}
            new = dataclasses.replace(p, targets=targets)
        elif role == Qt.ItemDataRole.EditRole and col == NAME:
            new = dataclasses.replace(p, name=str(value or "").strip())
        elif role == Qt.ItemDataRole.EditRole and col == TITLES:
            titles = [t for t in _TITLE_SPLIT.split(str(value or "")) if t]
            new = dataclasses.replace(p, titles=list(dict.fromkeys(titles)))
        else:
            return False
        return new == p or self.save(new)


class RequiredDialog(QDialog):
    """Ticks the can-do statements a profile requires."""

    def __init__(
        self,
        profile: TargetProfile,
        statements: list[CanDo],
        categories: list[Category],
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("requiredCanDoDialog")
        self.setWindowTitle(self.tr("「{name}」に求めるできること").format(name=profile.name))
        names = {c.id: c.name for c in categories}
        self.list = QListWidget(objectName="requiredCanDoList")
        for s in statements:
            item = QListWidgetItem(f"〔{names.get(s.category_id, '')}・レベル{s.level}〕{s.text}")
            item.setData(Qt.ItemDataRole.UserRole, s.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if s.id in profile.can_do else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        buttons = ok_cancel(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addWidget(buttons)
        self.resize(640, 420)

    def chosen(self) -> list[str]:
        """Returns the ids of the statements ticked, in list order."""
        return [
            self.list.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.list.count())
            if self.list.item(i).checkState() == Qt.CheckState.Checked
        ]


class ProfilesDialog(DepartmentDialog):
    """Edits the target profiles (objectName profilesDialog)."""

    default_size = (1100, 420)

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(session, "profilesDialog", "求める人材像", parent)
        self.setWindowTitle(self.tr("求める人材像"))
        self.model = ProfileModel(self)
        self.statements: list[CanDo] = []
        self.view = QTableView(objectName="profilesTable")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.level_delegate = ChoiceDelegate(level_choices(self.tr("目標なし")), self.view)
        self.add_button = QPushButton(self.tr("人材像を追加(&N)"), objectName="profilesAdd")
        self.delete_button = QPushButton(self.tr("削除(&D)"), objectName="profilesDelete")
        self.required_button = QPushButton(self.tr("必須のできること(&R)…"), objectName="profilesRequired")
        hint = QLabel(
            self.tr(
                "数字は分類ごとの目標レベル（ダブルクリックで変更）。職名が「既定の職名」にある職員は"
                "その人材像になります（個別の割り当ては職員の「できること」タブで）。"
            )
        )
        hint.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(hint, 1)
        for button in (self.required_button, self.add_button, self.delete_button):
            row.addWidget(button)
        self.body.addWidget(self.view, 1)
        self.body.addLayout(row)
        self.add_button.clicked.connect(self.add_profile)
        self.delete_button.clicked.connect(self.delete_profile)
        self.required_button.clicked.connect(self.edit_required)
        self.view.doubleClicked.connect(
            lambda index: index.column() == self.model.required_column and self.edit_required()
        )
        if not session.readonly:
            self.model.save = self._save
        self.reload()

    def reload(self) -> None:
        department = DepartmentStore(self.session.store)
        profiles = department.profiles()
        self.statements = department.can_do()
        snapshot = Snapshot(
            self.session.categories,
            [Person(*r) for r in department.people()],
            {},
            profiles,
            department.assigned_profiles(),
        )
        holders: dict[str, int] = {}
        for person in snapshot.people:
            p = snapshot.profile(person.id)
            if p is not None:
                holders[p.id] = holders.get(p.id, 0) + 1
        row = self.view.currentIndex().row()
        self.model.set_profiles(profiles, self.session.categories, holders)
        for col in range(2, 2 + len(self.session.categories)):
            self.view.setItemDelegateForColumn(col, self.level_delegate)
        if self.model.rowCount():
            self.view.selectRow(min(max(row, 0), self.model.rowCount() - 1))
        writable = not self.session.readonly
        chosen = self.view.currentIndex().isValid()
        self.add_button.setEnabled(writable)
        self.delete_button.setEnabled(writable and chosen)
        self.required_button.setEnabled(writable and chosen)

    def _save(self, profile: TargetProfile) -> bool:
        return self.session.run(SaveProfile(profile, self.tr("人材像の修正")))

    def add_profile(self) -> bool:
        """Adds a profile named 「新しい人材像」 (numbered if taken) with no targets."""
        names = {p.name for p in self.model.profiles}
        name, n = self.tr("新しい人材像"), 2
        while name in names:
            name, n = self.tr("新しい人材像{n}").format(n=n), n + 1
        position = max((p.position for p in self.model.profiles), default=-1) + 1
        profile = TargetProfile(name=name, position=position)
        if not self.session.run(SaveProfile(profile, self.tr("人材像の追加"))):
            return False
        self.view.selectRow(next(i for i, p in enumerate(self.model.profiles) if p.id == profile.id))
        return True

    def delete_profile(self) -> bool:
        """Removes the selected profile (its people fall back to the default by 職名)."""
        index = self.view.currentIndex()
        if not index.isValid():
            return False
        p = self.model.profiles[index.row()]
        return self.session.run(DeleteProfile(p.id, self.tr("人材像「{name}」の削除").format(name=p.name)))

    def edit_required(self) -> RequiredDialog | None:
        """Opens the list of statements to tick those the selected profile requires."""
        index = self.view.currentIndex()
        if not index.isValid() or self.session.readonly:
            return None
        profile = self.model.profiles[index.row()]
        dialog = RequiredDialog(profile, self.statements, self.session.categories, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._save(dataclasses.replace(profile, can_do=dialog.chosen())))
        dialog.open()
        return dialog
