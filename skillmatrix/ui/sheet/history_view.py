"""The history tables as the user sees them: a title, row buttons and the editable table.

Keys in a table: Insert adds a row below the current one, Ctrl+Delete deletes the selected
rows, Delete empties the current cell, Alt+Up / Alt+Down move the current row; F2, a
double-click or typing edits a cell in place.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStyledItemDelegate,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from skillmatrix.ui.common.table_keys import TableKeys
from skillmatrix.ui.sheet.cell_editor import MultiLineDelegate
from skillmatrix.ui.sheet.history_tables import HistoryModel


class TypingDelegate(QStyledItemDelegate):
    """The standard line editor, telling what is being typed before it is committed."""

    text_edited = Signal(int, int, str)  # row, column, text

    def createEditor(self, parent: QWidget, option, index: QModelIndex) -> QWidget:
        editor = super().createEditor(parent, option, index)
        if isinstance(editor, QLineEdit):
            row, column = index.row(), index.column()
            editor.textEdited.connect(lambda text: self.text_edited.emit(row, column, text))
        return editor


class HistoryTable(QTableView):
    """One history table, editable in place.

    Signals:
        typing(row, column, text): a cell's editor text changed (not yet committed).
        editing_ended(): a cell editor closed (committed or cancelled).
    """

    typing = Signal(int, int, str)
    editing_ended = Signal()

    def __init__(self, model: HistoryModel, object_name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setAccessibleName(model.noun)
        self.setModel(model)
        self.setTabKeyNavigation(False)
        self.setWordWrap(True)
        # Never "…": rows grow to the wrapped text (_resize_rows), so nothing is cut short.
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        typing_delegate = TypingDelegate(self)
        typing_delegate.text_edited.connect(self.typing)
        self.setItemDelegate(typing_delegate)
        for column, spec in enumerate(model.columns):
            if spec.multiline:
                self.setItemDelegateForColumn(column, MultiLineDelegate(self))
        for delegate in {self.itemDelegateForColumn(c) or typing_delegate for c in range(len(model.columns))}:
            delegate.closeEditor.connect(lambda *_: self.editing_ended.emit())
        header = self.horizontalHeader()
        header.setStretchLastSection(True)
        chars = self.fontMetrics().averageCharWidth()
        header.setMinimumSectionSize(chars * 8)
        for column, spec in enumerate(model.columns):
            if spec.fit:  # dates: as wide as the widest, so they never wrap
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
            elif column < len(model.columns) - 1:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
                self.setColumnWidth(column, chars * 18)
        if not model.columns[0].fit:  # 資格等: the name takes the room, dates follow
            header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
            header.setStretchLastSection(False)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # see _resize_rows
        # Wrapped text needs the final column widths: measure rows again after they change.
        self._resize_pending = False
        header.sectionResized.connect(self._schedule_row_resize)
        self._remembered: tuple[str | None, int, int] = (None, -1, 0)
        model.modelAboutToBeReset.connect(self._remember_current)
        model.modelReset.connect(self._restore_current)
        self.keys = TableKeys.install(self, add=self.add_row, delete=self.delete_rows, move=self.move_current)

    def _schedule_row_resize(self, *_args) -> None:
        if not self._resize_pending:
            self._resize_pending = True
            QTimer.singleShot(0, self._resize_rows)

    def _resize_rows(self) -> None:
        self._resize_pending = False
        self.resizeRowsToContents()

    def history_model(self) -> HistoryModel:
        model = self.model()
        assert isinstance(model, HistoryModel)  # set in __init__, never replaced
        return model

    def _remember_current(self) -> None:
        index = self.currentIndex()
        self._remembered = (
            self.history_model().row_id(index.row()) if index.isValid() else None,
            index.row(),
            max(index.column(), 0),
        )

    def _restore_current(self) -> None:
        # The model is reset on every write; keep the cursor on the same row (by id) so that
        # a move, an undo or a typed value leaves the user where they were.
        row_id, old_row, column = self._remembered
        row = self.history_model().row_of(row_id)
        if row < 0 and row_id is not None:  # the row went away: stay at the same height
            row = min(old_row, self.history_model().rowCount() - 1)
        if row >= 0:
            self.setCurrentIndex(self.history_model().index(row, column))
        self.resizeRowsToContents()

    # -- row operations -------------------------------------------------------------------

    def add_row(self) -> None:
        """Inserts a row below the current one and starts editing its first cell."""
        current = self.currentIndex()
        at = current.row() + 1 if current.isValid() else None
        row_id = self.history_model().insert_row(at)
        if row_id is None:
            return
        row = self.history_model().row_of(row_id)
        first = 0
        index = self.history_model().index(row, first)
        self.setCurrentIndex(index)
        self.setFocus()
        self.edit(index)

    def delete_rows(self) -> None:
        """Deletes the rows of the selected cells (one undo step)."""
        rows = sorted(
            {i.row() for i in self.selectedIndexes()}
            or ({self.currentIndex().row()} if self.currentIndex().isValid() else set())
        )
        if rows:
            self.history_model().remove_rows(rows)

    def move_current(self, delta: int) -> None:
        """Moves the current row up or down; the cursor follows the row."""
        index = self.currentIndex()
        if index.isValid():
            row_id = self.history_model().row_id(index.row())
            if self.history_model().move_row(index.row(), delta):
                self.setCurrentIndex(
                    self.history_model().index(self.history_model().row_of(row_id), index.column())
                )

    def keyPressEvent(self, event) -> None:
        # Insert, Ctrl+Delete, Alt+arrows and Enter are TableKeys' (installed in __init__).
        if (
            self.state() != QAbstractItemView.State.EditingState
            and event.key() == Qt.Key.Key_Delete
            and not event.modifiers()
            and self.currentIndex().isValid()
        ):
            self.model().setData(self.currentIndex(), "", Qt.ItemDataRole.EditRole)
            return
        super().keyPressEvent(event)


class HistoryPanel(QWidget):
    """A history table with its title and row buttons."""

    def __init__(self, title: str, model: HistoryModel, object_name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.table = HistoryTable(model, object_name, self)
        label = QLabel(f"<b>{title}</b>")
        label.setBuddy(self.table)
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(label)
        bar.addStretch(1)
        specs = [
            ("add", "＋", self.tr("行を追加（Insert）"), self.table.add_row),
            ("delete", "－", self.tr("行を削除（Ctrl+Delete）"), self.table.delete_rows),
            ("up", "↑", self.tr("行を上へ（Alt+↑）"), lambda: self.table.move_current(-1)),
            ("down", "↓", self.tr("行を下へ（Alt+↓）"), lambda: self.table.move_current(1)),
        ]
        for name, symbol, tip, slot in specs:
            button = QToolButton(self)
            button.setObjectName(f"{object_name}_{name}")
            button.setText(symbol)
            button.setToolTip(tip)
            button.setAccessibleName(tip)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the table's keys do the same
            button.clicked.connect(slot)
            bar.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(bar)
        layout.addWidget(self.table)

    def current(self) -> QModelIndex:
        return self.table.currentIndex()
