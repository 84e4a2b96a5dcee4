"""The shown person's can-do statements (できること): one row per statement, a tick box and
the date it was confirmed; which ones the person's target profile (求める人材像) requires.

Ticking writes at once through the session (one undo step each, see
operations/department.py); the model reloads when the session says the department's data
or the shown person changed.
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QModelIndex, QObject, Qt
from PySide6.QtGui import QFont

from skillmatrix.domain import dates
from skillmatrix.domain.dates import DateError, PartialDate
from skillmatrix.domain.department import CanDo, TargetProfile, profile_of
from skillmatrix.operations import WHOLE_SHEET
from skillmatrix.operations.department import SaveCanDo, SetTick
from skillmatrix.store.department import DepartmentStore
from skillmatrix.ui.common.row_table_model import RowTableModel
from skillmatrix.ui.common.session import Session

STATEMENT_ROLE = Qt.ItemDataRole.UserRole + 1
TEXT, CATEGORY, LEVEL, DATE, REQUIRED = range(5)


class CanDoModel(RowTableModel):
    """Statements of every category (or of one), ticked or not for the shown person."""

    def __init__(self, session: Session, parent: QObject | None = None):
        super().__init__(parent)
        self.session = session
        self._all: list[CanDo] = []
        self._rows: list[CanDo] = []
        self._ticks: dict[str, PartialDate | None] = {}
        self.profile: TargetProfile | None = None
        self.assigned: str | None = None  # the profile id given by hand, if any
        self.profiles: list[TargetProfile] = []
        self._category = ""
        self._bold = QFont()
        self._bold.setBold(True)
        self.headers = [
            self.tr("できること"),
            self.tr("分類"),
            self.tr("レベル"),
            self.tr("確認日"),
            self.tr("人材像"),
        ]
        # A new 職名 may bring another default profile; other parts of the sheet do not matter.
        session.parts_written.connect(
            lambda _sheet, parts: self.reload() if parts & {"profile:title", WHOLE_SHEET} else None
        )
        for signal in (
            session.current_changed,
            session.department_changed,
            session.store_replaced,
            session.definitions_changed,
        ):
            signal.connect(self.reload)
        self.reload()

    # -- reading -------------------------------------------------------------------------

    def reload(self, *_args) -> None:
        """Reads the statements, the person's ticks and profile from the file."""
        department = DepartmentStore(self.session.store)
        sheet = self.session.current
        self.beginResetModel()
        self._all = department.can_do()
        self.profiles = department.profiles()
        if sheet is None:
            self._ticks, self.profile, self.assigned = {}, None, None
        else:
            self._ticks = department.ticks(sheet.id).get(sheet.id, {})
            assigned = department.assigned_profiles()
            self.assigned = assigned.get(sheet.id)
            self.profile = profile_of(sheet.id, sheet.title, assigned, {p.id: p for p in self.profiles})
        self._rows = self._filtered()
        self.endResetModel()

    def _filtered(self) -> list[CanDo]:
        return [s for s in self._all if not self._category or s.category_id == self._category]

    def set_category(self, category_id: str) -> None:
        """Shows the statements of one category ('' for all)."""
        self.beginResetModel()
        self._category = category_id
        self._rows = self._filtered()
        self.endResetModel()

    def statement(self, row: int) -> CanDo:
        return self._rows[row]

    def statements(self) -> list[CanDo]:
        """Returns every statement (whatever the category filter)."""
        return list(self._all)

    def is_ticked(self, statement_id: str) -> bool:
        return statement_id in self._ticks

    def required(self) -> list[str]:
        """Returns the ids of the statements the person's profile requires."""
        return list(self.profile.can_do) if self.profile else []

    def missing(self) -> list[str]:
        """Returns the required statements the person has not ticked."""
        return [s for s in self.required() if s not in self._ticks]

    def _category_name(self, category_id: str) -> str:
        return next((c.name for c in self.session.categories if c.id == category_id), "")

    # -- Qt's model interface --------------------------------------------------------------------

    def row_items(self) -> list:
        return self._rows

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        s = self._rows[index.row()]
        col = index.column()
        if role == STATEMENT_ROLE:
            return s
        if role == Qt.ItemDataRole.CheckStateRole and col == TEXT:
            return (Qt.CheckState.Checked if s.id in self._ticks else Qt.CheckState.Unchecked).value
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if col == TEXT:
                return s.text
            if col == CATEGORY:
                return self._category_name(s.category_id)
            if col == LEVEL:
                return self.tr("レベル{n}").format(n=s.level)
            if col == DATE:
                d = self._ticks.get(s.id)
                return d.format(self.session.date_style) if d else ""
            if col == REQUIRED:
                return self.tr("必須") if s.id in self.required() else ""
        if role == Qt.ItemDataRole.ToolTipRole and col == TEXT:
            return s.group or None
        if role == Qt.ItemDataRole.FontRole and col == REQUIRED and s.id in self.missing():
            return self._bold  # required and not yet ticked
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled
        if self.session.readonly:
            return flags
        if index.column() == TEXT:
            flags |= Qt.ItemFlag.ItemIsEditable  # the wording, for everyone
            if self.session.current is not None:
                flags |= Qt.ItemFlag.ItemIsUserCheckable
        elif index.column() == DATE and self.session.current is not None:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    # -- writing ---------------------------------------------------------------------------------

    def setData(self, index: QModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid():
            return False
        s = self._rows[index.row()]
        if role == Qt.ItemDataRole.CheckStateRole and index.column() == TEXT:
            checked = Qt.CheckState(value) == Qt.CheckState.Checked
            return self.tick(s.id, checked)
        if role != Qt.ItemDataRole.EditRole:
            return False
        if index.column() == TEXT:
            text = str(value or "").strip()
            if text == s.text:
                return True
            return self.session.run(
                SaveCanDo(dataclasses.replace(s, text=text), self.tr("「できること」の修正"))
            )
        if index.column() == DATE:
            return self.set_date(s.id, str(value or ""))
        return False

    def tick(self, statement_id: str, ticked: bool, date: PartialDate | None = None) -> bool:
        """Ticks (dated this month unless a date is given) or unticks, as one undo step."""
        sheet = self.session.current
        if sheet is None or ticked == self.is_ticked(statement_id):
            return sheet is not None
        if ticked and date is None:
            today = dates.today()
            date = PartialDate(today.year, today.month)
        text = self.tr("できることのチェック") if ticked else self.tr("できることのチェック解除")
        return self.session.run(SetTick(sheet.id, statement_id, ticked, date if ticked else None, text))

    def set_date(self, statement_id: str, text: str) -> bool:
        """Sets the date a statement was confirmed (ticking it); '' keeps it without date."""
        sheet = self.session.current
        if sheet is None:
            return False
        try:
            date = PartialDate.parse(text) if text.strip() else None
        except DateError as error:
            self.session.problem.emit(str(error))
            return False
        if self.is_ticked(statement_id) and self._ticks.get(statement_id) == date:
            return True
        return self.session.run(SetTick(sheet.id, statement_id, True, date, self.tr("できることの確認日")))
