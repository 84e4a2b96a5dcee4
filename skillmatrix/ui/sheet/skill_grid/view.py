"""The skill grid view: spreadsheet-like editing, clipboard, drag and drop of entries.

Typing on a cell starts a new line after its entries (F2 or a double-click edits the
whole text); Delete clears the selected cells; Ctrl+X/C/V cut, copy and paste cells as
text lines (kind, date and note travel along inside the program). Dragging from a cell
moves the entry under the mouse — or every entry of the selected cells when several are
selected — to the cell it is dropped on; with Ctrl held it copies.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPoint, Qt, QTimer
from PySide6.QtGui import QAction, QDrag, QKeySequence, QPainter, QPixmap
from PySide6.QtWidgets import QAbstractItemView, QApplication, QHeaderView, QMenu, QTableView, QWidget

from skillmatrix.ui.sheet.skill_grid.columns import GridColumns
from skillmatrix.ui.sheet.skill_grid.course_completion import CourseCellPrompt, place_text
from skillmatrix.ui.sheet.skill_grid.delegate import SkillGridDelegate
from skillmatrix.ui.sheet.skill_grid.detail_dialog import EntryDetailDialog
from skillmatrix.ui.sheet.skill_grid.model import ENTRIES_ROLE, SkillGridModel
from skillmatrix.ui.sheet.skill_grid.overview import fit_rows_to_viewport


class SkillGridView(QTableView):
    """The 8 × 8 grid of the shown person (objectName skillGrid)."""

    def __init__(self, model: SkillGridModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("skillGrid")
        self.setAccessibleName(self.tr("スキル実績等一覧"))
        self.grid_delegate = SkillGridDelegate(self)
        self.setItemDelegate(self.grid_delegate)
        self.setModel(model)
        self.setWordWrap(True)
        self.setTabKeyNavigation(False)  # Tab leaves the grid: the window works by keyboard
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDragDropOverwriteMode(True)  # drop onto a cell, never between rows
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDropIndicatorShown(True)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.horizontalHeader().setMinimumSectionSize(self.fontMetrics().averageCharWidth() * 6)
        # Heights are measured by _resize_rows (once per change), not by the header on every
        # layout: ResizeToContents would measure all 64 cells again and again.
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        # Category names wrap in narrow columns instead of being cut off.
        self.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
        self._press_pos = QPoint()
        self.overview = False
        self.grid_actions = self._make_actions()
        # Row heights depend on the column widths (the text wraps): measure again after
        # the data or a width changed, once per event-loop turn however many sections moved.
        self._resize_pending = False
        model.dataChanged.connect(self._resize_rows)
        model.modelReset.connect(self._resize_rows)
        self.horizontalHeader().sectionResized.connect(self._schedule_row_resize)
        # A course typed in a cell other than its catalogue cell: offer to move it there.
        self.course_prompt = CourseCellPrompt(self)
        self.grid_delegate.course_cells_offered.connect(
            lambda staff_id, offers: self.course_prompt.offer(
                staff_id, offers, lambda c: place_text(c, {k.id: k.name for k in model.session.categories})
            )
        )
        self.course_prompt.accepted.connect(model.move_entries)
        self.columns = GridColumns(self)  # widths follow the content, remembered when dragged
        model.session.current_changed.connect(self.course_prompt.forget)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.overview and event.size().height() != event.oldSize().height():
            self._schedule_row_resize()
        if self.course_prompt.isVisible():
            self.course_prompt.place_in(self)

    def _schedule_row_resize(self, *_args) -> None:
        if not self._resize_pending:
            self._resize_pending = True
            QTimer.singleShot(0, self._resize_rows)

    def _resize_rows(self, *_args) -> None:
        self._resize_pending = False
        if self.overview:
            fit_rows_to_viewport(self)
        else:
            self.resizeRowsToContents()

    def set_overview(self, on: bool) -> None:
        """一覧表示: all 8 levels in the visible height; a cell lower than its entries shows
        those that fit and a "+N" badge (a click on it opens the cell)."""
        self.overview = on
        self.setVerticalScrollBarPolicy(
            Qt.ScrollBarPolicy.ScrollBarAlwaysOff if on else Qt.ScrollBarPolicy.ScrollBarAsNeeded
        )
        self._schedule_row_resize()

    def grid_model(self) -> SkillGridModel:
        model = self.model()
        assert isinstance(model, SkillGridModel)  # set in __init__, never replaced
        return model

    # -- actions -------------------------------------------------------------------------

    def _make_actions(self) -> dict[str, QAction]:
        specs = [
            ("details", self.tr("項目の詳細(&I)…"), QKeySequence("Ctrl+I"), self.edit_details),
            ("cut", self.tr("セルを切り取り(&T)"), QKeySequence.StandardKey.Cut, self.cut),
            ("copy", self.tr("セルをコピー(&C)"), QKeySequence.StandardKey.Copy, self.copy),
            ("paste", self.tr("セルに貼り付け(&P)"), QKeySequence.StandardKey.Paste, self.paste),
            ("clear", self.tr("セルを消去(&D)"), QKeySequence.StandardKey.Delete, self.clear_cells),
        ]
        actions = {}
        for name, text, keys, slot in specs:
            action = QAction(text, self)
            action.setObjectName(f"actionGrid{name.capitalize()}")
            action.setShortcut(keys)
            # Only while the grid has focus: in a text field these keys belong to the field.
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            self.addAction(action)
            actions[name] = action
        return actions

    def contextMenuEvent(self, event) -> None:
        menu = QMenu(self)
        for name in ("details", None, "cut", "copy", "paste", "clear"):
            if name is None:
                menu.addSeparator()
            else:
                menu.addAction(self.grid_actions[name])
        menu.exec(event.globalPos())

    # -- editing -------------------------------------------------------------------------

    def edit(self, index: QModelIndex, trigger=None, event=None) -> bool | None:
        if trigger is None:  # Qt's one-argument edit() is a slot returning nothing
            return super().edit(index)
        # Typing appends a line; F2 / double-click edit the whole text (see the delegate).
        self.grid_delegate.append_line = trigger == QAbstractItemView.EditTrigger.AnyKeyPressed
        opened = super().edit(index, trigger, event)
        if not opened:
            self.grid_delegate.append_line = False
        return opened

    def keyPressEvent(self, event) -> None:
        if self.state() != QAbstractItemView.State.EditingState:
            if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and not event.modifiers():
                self.clear_cells()
                return
            for keys, slot in (
                (QKeySequence.StandardKey.Copy, self.copy),
                (QKeySequence.StandardKey.Cut, self.cut),
                (QKeySequence.StandardKey.Paste, self.paste),
            ):
                if event.matches(keys):
                    slot()
                    return
        super().keyPressEvent(event)

    def _selected(self) -> list[QModelIndex]:
        indexes = self.selectedIndexes()
        if not indexes and self.currentIndex().isValid():
            indexes = [self.currentIndex()]
        return indexes

    def copy(self) -> None:
        """Puts the selected cells' entries on the clipboard (text lines + our own type)."""
        indexes = self._selected()
        if indexes:
            QApplication.clipboard().setMimeData(self.grid_model().mimeData(indexes))

    def cut(self) -> None:
        """Copies the selected cells, then clears them as one step 「切り取り」."""
        indexes = self._selected()
        if indexes:
            self.copy()
            self.grid_model().clear(indexes, self.tr("切り取り"))

    def paste(self) -> None:
        """Adds the clipboard's lines (or entries) after those of the current cell."""
        mime = QApplication.clipboard().mimeData()
        if mime is not None and self.currentIndex().isValid():
            self.grid_model().paste(self.currentIndex(), mime)

    def clear_cells(self) -> None:
        """Removes every entry of the selected cells as one step 「セルの消去」."""
        indexes = self._selected()
        if indexes:
            self.grid_model().clear(indexes)

    def edit_details(self) -> None:
        """Opens the detail editor (kind, date, note) for the current cell's entries."""

        index = self.currentIndex()
        if index.isValid() and self.grid_model().sheet is not None:
            dialog = EntryDetailDialog(self.grid_model(), index, self)
            dialog.open()

    # -- drag ------------------------------------------------------------------------------

    def mousePressEvent(self, event) -> None:
        self._press_pos = event.position().toPoint()
        index = self.more_badge_at(self._press_pos)
        if index is not None and event.button() == Qt.MouseButton.LeftButton:
            self.setCurrentIndex(index)
            self.edit(index)  # the editor grows to show every line of the cell
            return
        super().mousePressEvent(event)

    def more_badge_at(self, pos: QPoint) -> QModelIndex | None:
        """Returns the cell whose "+N" badge is at a viewport position, if any."""
        index = self.indexAt(pos)
        if not index.isValid():
            return None
        rect = self.visualRect(index)
        entries = index.data(ENTRIES_ROLE) or []
        font = self.font()
        if self.grid_delegate.hidden_count(rect, font, entries) and (
            self.grid_delegate.more_rect(rect, font).contains(pos)
        ):
            return index
        return None

    def entry_at(self, pos: QPoint):
        """Returns the entry drawn at a viewport position, if any."""
        index = self.indexAt(pos)
        if not index.isValid():
            return None
        entries = index.data(ENTRIES_ROLE) or []
        return self.grid_delegate.entry_at(self.visualRect(index), self.font(), entries, pos)

    def startDrag(self, supported: Qt.DropAction) -> None:
        # Our own drag: the drop itself moves the entries (one undo step), so the view must
        # not clear the source cells afterwards as QAbstractItemView.startDrag would.
        model = self.grid_model()
        entry = self.entry_at(self._press_pos)
        if entry is not None and len(self.selectedIndexes()) <= 1:
            mime = model.entries_mime([(entry, 0, 0)])
        else:
            mime = model.mimeData(self._selected())
        if not mime.text():
            return
        drag = QDrag(self)
        drag.setMimeData(mime)
        drag.setPixmap(self._drag_pixmap(mime.text()))
        drag.exec(supported, Qt.DropAction.MoveAction)

    def _drag_pixmap(self, text: str) -> QPixmap:
        lines = text.splitlines()
        label = lines[0] + (f" …（{len(lines)}）" if len(lines) > 1 else "")
        metrics = self.fontMetrics()
        pixmap = QPixmap(metrics.horizontalAdvance(label) + 12, metrics.height() + 8)
        pixmap.fill(self.palette().highlight().color())
        painter = QPainter(pixmap)
        painter.setPen(self.palette().highlightedText().color())
        painter.drawText(pixmap.rect(), Qt.AlignmentFlag.AlignCenter, label)
        painter.end()
        return pixmap
