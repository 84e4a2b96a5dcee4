"""Models of the history tables: 資格等, 担当履歴 (期間・担当名・主担当業務) and
プロジェクト履歴 (期間・プロジェクト名).

Dates are typed in any form the domain parses (2013/4, 平成25年4月, R5.4 …) and shown back
normalised in the window's date style. A date that cannot be read, or a period that ends
before it starts, is not stored: the cell keeps the typed text marked in red with the reason
as its tooltip, and invalid_entered() carries the reason to the status bar.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QStyle

from skillmatrix.domain.dates import DateError, PartialDate, Period
from skillmatrix.domain.model import Assignment, Project, Qualification, Staff
from skillmatrix.operations import WHOLE_SHEET
from skillmatrix.ui.common.session import Session

INVALID_BACKGROUND = QColor("#fed7d7")
_ROLES_USED = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.EditRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.BackgroundRole,
        Qt.ItemDataRole.DecorationRole,
        Qt.ItemDataRole.TextAlignmentRole,
    }
)
# Top-left: in a row made tall by a wrapped 主担当業務, the other cells' text stays in sight.
_TOP_LEFT = int(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)


@dataclass(frozen=True)
class Column:
    """One column: its title, how to show a row's value and how to set it from text."""

    title: str
    read: Callable[[Any, str], str]  # (row, date style) -> text
    write: Callable[[Any, str], Any]  # (row, typed text) -> new row; raises DateError
    multiline: bool = False
    fit: bool = False  # a date column: as wide as its widest value, never wrapped


def _date_text(d: PartialDate | None, style: str) -> str:
    return d.format(style) if d else ""


def _parse_date(text: str) -> PartialDate | None:
    return PartialDate.parse(text) if text.strip() else None


def _period_column(title: str) -> Column:
    return Column(
        title,
        lambda r, s: r.period.format(s),
        lambda r, t: dataclasses.replace(r, period=Period.parse(t)),
        fit=True,
    )


def _text_column(title: str, attr: str, multiline: bool = False) -> Column:
    return Column(
        title,
        lambda r, s: getattr(r, attr),
        lambda r, t: dataclasses.replace(r, **{attr: t.strip()}),
        multiline,
    )


def qualification_columns(tr) -> list[Column]:
    return [
        _text_column(tr("名称"), "name"),
        Column(
            tr("取得"),
            lambda r, s: _date_text(r.acquired, s),
            lambda r, t: dataclasses.replace(r, acquired=_parse_date(t)),
            fit=True,
        ),
        Column(
            tr("有効期限"),
            lambda r, s: _date_text(r.expires, s),
            lambda r, t: dataclasses.replace(r, expires=_parse_date(t)),
            fit=True,
        ),
    ]


def assignment_columns(tr) -> list[Column]:
    return [
        _period_column(tr("期間")),
        _text_column(tr("担当名"), "name"),
        _text_column(tr("主担当業務"), "duties", multiline=True),
    ]


def project_columns(tr) -> list[Column]:
    return [_period_column(tr("期間")), _text_column(tr("プロジェクト名"), "name")]


class HistoryModel(QAbstractTableModel):
    """One history list of the shown person, editable in place; each change one undo step.

    Args:
        session: the open database.
        attr: the Staff attribute holding the rows ('qualifications', …).
        noun: the list's Japanese name, used in undo step names (「担当履歴の入力」).
        columns: the column definitions.
        new_row: makes the row that 「行の追加」 inserts.
    """

    invalid_entered = Signal(str)

    def __init__(
        self,
        session: Session,
        attr: str,
        noun: str,
        columns: list[Column],
        new_row: Callable[[], Any],
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self.session, self.attr, self.noun = session, attr, noun
        self.columns, self.new_row = columns, new_row
        self._rows: list[Any] = []
        self._shown_id: str | None = None
        self._invalid: dict[tuple[str, int], tuple[str, str]] = {}  # (row id, col) -> text, why
        session.current_changed.connect(self._show)
        session.parts_written.connect(self._parts_written)
        self._show(session.current)

    def _parts_written(self, sheet: Staff, parts: frozenset[str]) -> None:
        if self.attr in parts or WHOLE_SHEET in parts:
            self._show(sheet)

    def _show(self, sheet: Staff | None) -> None:
        self.beginResetModel()
        self._rows = list(getattr(sheet, self.attr)) if sheet else []
        if sheet is None or sheet.id != self._shown_id:
            self._invalid.clear()
        else:
            ids = {r.id for r in self._rows}
            self._invalid = {k: v for k, v in self._invalid.items() if k[0] in ids}
        self._shown_id = sheet.id if sheet else None
        self.endResetModel()

    def refresh(self) -> None:
        """Shows the rows again (after the date style changed)."""
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(self.columns) - 1))

    def row_id(self, row: int) -> str | None:
        return self._rows[row].id if 0 <= row < len(self._rows) else None

    def row_of(self, row_id: str | None) -> int:
        return next((i for i, r in enumerate(self._rows) if r.id == row_id), -1)

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        # The view asks for a dozen roles per cell on every paint: answer the unused ones first.
        if role not in _ROLES_USED or not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        invalid = self._invalid.get((row.id, index.column()))
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if invalid:
                return invalid[0]
            return self.columns[index.column()].read(row, self.session.date_style)
        if role == Qt.ItemDataRole.ToolTipRole:
            if invalid:
                return self.tr("保存されていません: {why}").format(why=invalid[1])
            text = self.columns[index.column()].read(row, self.session.date_style)
            return text if "\n" in text else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _TOP_LEFT
        if role == Qt.ItemDataRole.BackgroundRole and invalid:
            return INVALID_BACKGROUND
        if role == Qt.ItemDataRole.DecorationRole and invalid:
            # Seen even when the cell is selected and its red background is not.
            return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.columns[section].title if 0 <= section < len(self.columns) else None
        return str(section + 1) if 0 <= section < len(self._rows) else None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled
        if not self.session.readonly:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    # -- writing --------------------------------------------------------------------------

    def _save(self, rows: list[Any], text: str) -> bool:
        if self.session.current is None:  # nobody shown: nothing to save
            return False
        sheet = self.session.current.copy()
        setattr(sheet, self.attr, rows)
        return self.session.save_sheet(sheet, text)

    def setData(self, index: QModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or self.session.current is None:
            return False
        row = self._rows[index.row()]
        key = (row.id, index.column())
        text = str(value or "")
        try:
            new_row = self.columns[index.column()].write(row, text)
        except DateError as error:
            self._invalid[key] = (text, str(error))
            self.dataChanged.emit(index, index)
            self.invalid_entered.emit(str(error))
            return False
        had_mark = self._invalid.pop(key, None) is not None
        if new_row == row:
            if had_mark:
                self.dataChanged.emit(index, index)
            return True
        rows = list(self._rows)
        rows[index.row()] = new_row
        return self._save(rows, self.tr("{noun}の入力").format(noun=self.noun))

    def preview(self, row: int, column: int, text: str) -> Staff | None:
        """Returns the sheet as it would be with text in a cell (None if unreadable), so
        that figures derived from it — 経験年数 — can follow the typing."""
        if self.session.current is None or not 0 <= row < len(self._rows):
            return None
        try:
            new_row = self.columns[column].write(self._rows[row], text)
        except DateError:
            return None
        sheet = self.session.current.copy()
        rows = list(self._rows)
        rows[row] = new_row
        setattr(sheet, self.attr, rows)
        return sheet

    def insert_row(self, at: int | None = None) -> str | None:
        """Inserts a new row (default: at the end); returns its id, None if refused."""
        if self.session.current is None:
            return None
        at = len(self._rows) if at is None else max(0, min(at, len(self._rows)))
        new = self.new_row()
        rows = list(self._rows)
        rows.insert(at, new)
        return new.id if self._save(rows, self.tr("{noun}の行の追加").format(noun=self.noun)) else None

    def remove_rows(self, rows: list[int]) -> bool:
        """Removes the rows at these positions as one undo step."""
        doomed = {self._rows[r].id for r in rows if 0 <= r < len(self._rows)}
        if not doomed or self.session.current is None:
            return False
        kept = [r for r in self._rows if r.id not in doomed]
        return self._save(kept, self.tr("{noun}の行の削除").format(noun=self.noun))

    def move_row(self, row: int, delta: int) -> bool:
        """Moves a row up (delta -1) or down (+1) as one undo step."""
        target = row + delta
        if not (0 <= row < len(self._rows) and 0 <= target < len(self._rows)):
            return False
        rows = list(self._rows)
        rows.insert(target, rows.pop(row))
        return self._save(rows, self.tr("{noun}の行の移動").format(noun=self.noun))


def make_history_models(session: Session, parent: QObject) -> dict[str, HistoryModel]:
    """Returns the three history models keyed by the Staff attribute they show."""
    tr = parent.tr
    return {
        "qualifications": HistoryModel(
            session,
            "qualifications",
            tr("資格等"),
            qualification_columns(tr),
            lambda: Qualification(tr("新しい資格")),
            parent,
        ),
        "assignments": HistoryModel(
            session, "assignments", tr("担当履歴"), assignment_columns(tr), Assignment, parent
        ),
        "projects": HistoryModel(
            session, "projects", tr("プロジェクト履歴"), project_columns(tr), Project, parent
        ),
    }
