"""The skill grid model: 8 levels × the categories of the database, over one person's entries.

The contract of ../shared/spec/gui.md: DisplayRole and EditRole of a cell are its entry
texts joined by '\\n'; setData(EditRole) replaces the cell's entries by the non-empty lines,
keeping the kind and date of unchanged lines; header data gives level and category names
and the row header's ToolTipRole the level's definition. Every change goes through the
session (one undo step each) and comes back through Session.staff_written.
"""

from __future__ import annotations

import json

from PySide6.QtCore import QAbstractTableModel, QMimeData, QModelIndex, QObject, Qt

from skillmatrix.domain.dates import PartialDate
from skillmatrix.domain.model import KIND_LABELS, Entry, Staff
from skillmatrix.domain.sheet_patch import LIST_PARTS, cell_of
from skillmatrix.operations import grid_edits as edits
from skillmatrix.ui.common.session import Session

ENTRIES_ROLE = Qt.ItemDataRole.UserRole + 1  # list[Entry] of the cell, for the delegate
MIME_TYPE = "application/x-skillmatrix-entries"
_ROLES_USED = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.EditRole,
        ENTRIES_ROLE,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.TextAlignmentRole,
    }
)


class SkillGridModel(QAbstractTableModel):
    """The shown person's grid; empty (but still 8 × 8) when nobody is shown."""

    def __init__(self, session: Session, parent: QObject | None = None):
        super().__init__(parent)
        self.session = session
        self._cells: dict[tuple[int, str], list[Entry]] = {}
        session.current_changed.connect(self._show)
        session.parts_written.connect(self._parts_written)
        session.definitions_changed.connect(self._definitions_changed)
        session.store_replaced.connect(self._definitions_changed)
        self._show(session.current)

    # -- reading -------------------------------------------------------------------------

    @property
    def sheet(self) -> Staff | None:
        return self.session.current

    def _show(self, sheet: Staff | None) -> None:
        cells: dict[tuple[int, str], list[Entry]] = {}
        for entry in sheet.entries if sheet else ():
            cells.setdefault((entry.level, entry.category_id), []).append(entry)
        self._cells = cells
        if self.rowCount() and self.columnCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))

    def _parts_written(self, sheet: Staff, parts: frozenset[str]) -> None:
        """The shown sheet was written: repaint only the cells written, when only cells were."""
        if not all(part.startswith("cell:") for part in parts):
            if any(not part.startswith("profile:") and part not in LIST_PARTS for part in parts):
                self._show(sheet)
            return
        cells = {(int(level), category) for _, level, category in (p.split(":", 2) for p in parts)}
        for cell in cells:
            self._cells[cell] = list(cell_of(sheet, cell))
        columns = {c.id: i for i, c in enumerate(self.session.categories)}
        rows = {lv.number: i for i, lv in enumerate(self.session.levels)}
        for level, category in cells:
            if level in rows and category in columns:
                index = self.index(rows[level], columns[category])
                self.dataChanged.emit(index, index)

    def _definitions_changed(self) -> None:
        self.beginResetModel()
        self._show(self.session.current)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.session.levels)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.session.categories)

    def cell_of(self, index: QModelIndex) -> tuple[int, str]:
        """Returns (level number, category id) of an index."""
        return (self.session.levels[index.row()].number, self.session.categories[index.column()].id)

    def entries(self, index: QModelIndex) -> list[Entry]:
        """Returns the entries of the cell at index, in order."""
        return self._cells.get(self.cell_of(index), []) if index.isValid() else []

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if role not in _ROLES_USED or not index.isValid():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return "\n".join(e.text for e in self.entries(index))
        if role == ENTRIES_ROLE:
            return self.entries(index)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(self.entries(index)) or None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        return None

    def _tooltip(self, entries: list[Entry]) -> str:
        lines = []
        for e in entries:
            line = f"〔{KIND_LABELS.get(e.kind, e.kind)}〕{e.text}"
            if e.date:
                line += f"（{e.date.format(self.session.date_style)}）"
            if e.note:
                line += "\n　" + e.note.replace("\n", "\n　")
            lines.append(line)
        return "\n".join(lines)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Vertical:
            if not 0 <= section < len(self.session.levels):
                return None
            level = self.session.levels[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return level.name
            if role == Qt.ItemDataRole.ToolTipRole:
                return level.definition
        else:
            if not 0 <= section < len(self.session.categories):
                return None
            category = self.session.categories[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return category.name
            if role == Qt.ItemDataRole.ToolTipRole:
                return category.knowledge or None
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        flags = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled
        if self.sheet is not None:
            flags |= Qt.ItemFlag.ItemIsDragEnabled
            if not self.session.readonly:
                flags |= Qt.ItemFlag.ItemIsEditable | Qt.ItemFlag.ItemIsDropEnabled
        return flags

    # -- writing ------------------------------------------------------------------------

    def _save(self, new: Staff, text: str) -> bool:
        if self.sheet is None:
            return False
        if [vars(e) for e in new.entries] == [vars(e) for e in self.sheet.entries]:
            return True  # nothing changed: no undo step
        return self.session.save_sheet(new, text, action="edit_cell")

    def setData(self, index: QModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or self.sheet is None:
            return False
        return self.set_cell_text(index, str(value or ""))

    def set_cell_text(self, index: QModelIndex, text: str, kinds: dict[str, str] | None = None) -> bool:
        """Like setData(EditRole), with the kinds of new lines that name a course."""
        if not index.isValid() or self.sheet is None:
            return False
        new = edits.set_cell_text(self.sheet, self.cell_of(index), text, kinds)
        return self._save(new, self.tr("セル入力"))

    def move_entries(self, moves: dict[str, tuple[int, str]], text: str) -> bool:
        """Moves entries (by id) to other cells (level, category id) as one step."""
        if self.sheet is None:
            return False
        return self._save(edits.move_entries(self.sheet, moves), text)

    def set_entries(self, index: QModelIndex, entries: list[Entry]) -> bool:
        """Replaces a cell's entries with edited ones (the detail editor) as one step."""
        if self.sheet is None:
            return False
        new = edits.replace_entries(self.sheet, self.cell_of(index), entries)
        return self._save(new, self.tr("項目の詳細"))

    def clear(self, indexes: list[QModelIndex], text: str | None = None) -> bool:
        """Removes every entry of the given cells as one step (Delete, cut)."""
        if self.sheet is None:
            return False
        new = edits.clear_cells(self.sheet, [self.cell_of(i) for i in indexes if i.isValid()])
        return self._save(new, text or self.tr("セルの消去"))

    # -- drag and drop, clipboard ----------------------------------------------------------

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE, "text/plain"]

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:
        """Returns the entries of the cells at indexes, keeping their places relative to the
        top-left cell, as our own type and as text lines for other programs."""
        indexes = sorted((i for i in indexes if i.isValid()), key=lambda i: (i.row(), i.column()))
        top = min((i.row() for i in indexes), default=0)
        left = min((i.column() for i in indexes), default=0)
        chosen = [(e, i.row() - top, i.column() - left) for i in indexes for e in self.entries(i)]
        return self.entries_mime(chosen)

    def entries_mime(self, chosen: list[tuple[Entry, int, int]]) -> QMimeData:
        """Returns mime data for (entry, row offset, column offset) triples."""
        payload = {
            "staff": self.sheet.id if self.sheet else None,
            "entries": [
                {
                    "id": e.id,
                    "text": e.text,
                    "kind": e.kind,
                    "date": e.date.iso() if e.date else None,
                    "note": e.note,
                    "row": dr,
                    "column": dc,
                }
                for e, dr, dc in chosen
            ],
        }
        mime = QMimeData()
        mime.setData(MIME_TYPE, json.dumps(payload, ensure_ascii=False).encode("utf-8"))
        mime.setText("\n".join(e.text for e, _, _ in chosen))
        return mime

    @staticmethod
    def _payload(mime: QMimeData) -> dict | None:
        if not mime.hasFormat(MIME_TYPE):
            return None
        try:
            payload = json.loads(bytes(mime.data(MIME_TYPE)).decode("utf-8"))
            return payload if isinstance(payload, dict) and isinstance(payload.get("entries"), list) else None
        except (ValueError, UnicodeDecodeError):
            return None

    def canDropMimeData(
        self, mime: QMimeData, action: Qt.DropAction, row: int, column: int, parent: QModelIndex
    ) -> bool:
        target = parent if parent.isValid() else self.index(row, column)
        return (
            target.isValid()
            and self.sheet is not None
            and not self.session.readonly
            and (mime.hasFormat(MIME_TYPE) or mime.hasText())
        )

    def dropMimeData(
        self, mime: QMimeData, action: Qt.DropAction, row: int, column: int, parent: QModelIndex
    ) -> bool:
        """Drops entries on the cell under the cursor: a move within this person's grid
        (one step 「項目の移動」), otherwise a copy; plain text adds its lines."""
        target = parent if parent.isValid() else self.index(row, column)
        if not self.canDropMimeData(mime, action, row, column, parent):
            return False
        payload = self._payload(mime)
        if self.sheet is None:  # canDropMimeData refuses without a sheet
            return False
        if payload and action == Qt.DropAction.MoveAction and payload.get("staff") == self.sheet.id:
            moves = self._moves(payload, target)
            if all((e.level, e.category_id) == moves[e.id] for e in self.sheet.entries if e.id in moves):
                return False  # dropped where it came from
            return self._save(edits.move_entries(self.sheet, moves), self.tr("項目の移動"))
        return self.paste(target, mime, self.tr("項目のコピー") if payload else self.tr("ドロップ"))

    def _moves(self, payload: dict, target: QModelIndex) -> dict[str, tuple[int, str]]:
        """Returns entry id -> target cell, keeping the dragged cells' relative places;
        an entry whose place falls outside the grid stays where it is."""
        moves = {}
        for item in payload["entries"]:
            if not isinstance(item, dict):
                continue
            index = self.index(
                target.row() + int(item.get("row", 0)), target.column() + int(item.get("column", 0))
            )
            if index.isValid():
                moves[str(item.get("id"))] = self.cell_of(index)
        return moves

    def paste(self, target: QModelIndex, mime: QMimeData, text: str | None = None) -> bool:
        """Adds pasted entries after those already in the cells (one step).

        Our own type keeps kind, date and note and the relative places of several cells;
        plain text adds its lines to the target cell.
        """
        if self.sheet is None or not target.isValid():
            return False
        text = text or self.tr("貼り付け")
        payload = self._payload(mime)
        if payload is None:
            return self._save(edits.add_lines(self.sheet, self.cell_of(target), mime.text()), text)
        new = self.sheet
        for item in payload["entries"]:
            if not isinstance(item, dict) or not str(item.get("text", "")).strip():
                continue
            index = self.index(
                target.row() + int(item.get("row", 0)), target.column() + int(item.get("column", 0))
            )
            if not index.isValid():
                continue
            cell = self.cell_of(index)
            entry = Entry(
                cell[0],
                cell[1],
                str(item["text"]).strip(),
                kind=item["kind"] if item.get("kind") in KIND_LABELS else "other",
                date=_date(item.get("date")),
                note=str(item.get("note") or ""),
            )
            new = edits.add_to_cell(new, cell, [entry])
        return self._save(new, text)


def _date(text) -> PartialDate | None:
    try:
        return PartialDate.from_iso(text) if text else None
    except ValueError:
        return None
