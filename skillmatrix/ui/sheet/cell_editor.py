"""The in-place editor for cells that hold several lines (grid cells, 主担当業務).

Spreadsheet keys: Enter commits, Shift+Enter or Alt+Enter starts a new line within the
cell, Esc cancels, Tab commits and moves on. The editor grows downwards to show every line.
"""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import QAbstractItemModel, QEvent, QModelIndex, QObject, QRect, Qt
from PySide6.QtGui import QKeyEvent, QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QPlainTextEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)


class CellTextEdit(QPlainTextEdit):
    """A plain-text editor that sizes itself to its lines inside a view."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("cellEditor")
        self.setTabChangesFocus(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setToolTip(self.tr("Enter: 確定　Shift+Enter（Alt+Enter）: 改行　Esc: 取り消し"))
        self.min_rect = QRect()
        self.document().contentsChanged.connect(self.fit)

    def fit(self) -> None:
        """Grows the editor down (never below the cell) so every line stays visible."""
        if self.min_rect.isNull():
            return
        # QPlainTextDocumentLayout reports the document height in lines (wrapped included).
        lines = max(1, int(self.document().size().height()))
        wanted = lines * self.fontMetrics().lineSpacing() + 2 * self.frameWidth() + 8
        parent = self.parentWidget()
        room = parent.height() - self.min_rect.top() if parent else wanted
        height = max(self.min_rect.height(), min(wanted, room))
        self.setGeometry(QRect(self.min_rect.left(), self.min_rect.top(), self.min_rect.width(), height))


class MultiLineDelegate(QStyledItemDelegate):
    """Edits a cell's EditRole text with CellTextEdit and spreadsheet keys.

    Attributes:
        append_line: set by the view when typing (not F2 or a double-click) started the
            edit: the typed text then starts a new line after the cell's lines instead of
            replacing them, so a stray key never wipes a cell.
    """

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.append_line = False

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex) -> QWidget:
        editor = CellTextEdit(parent)
        editor.setFont(option.font)
        return editor

    def setEditorData(self, editor: CellTextEdit, index: QModelIndex) -> None:
        text = index.data(Qt.ItemDataRole.EditRole) or ""
        if self.append_line and text:
            text += "\n"
        self.append_line = False
        editor.setPlainText(text)
        editor.moveCursor(QTextCursor.MoveOperation.End)

    def setModelData(self, editor: CellTextEdit, model: QAbstractItemModel, index: QModelIndex) -> None:
        text = editor.toPlainText()
        if text != (index.data(Qt.ItemDataRole.EditRole) or ""):
            model.setData(index, text, Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(
        self, editor: CellTextEdit, option: QStyleOptionViewItem, index: QModelIndex
    ) -> None:
        editor.min_rect = QRect(option.rect)
        editor.setGeometry(option.rect)
        editor.fit()

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(editor, CellTextEdit):
            key_event = cast(QKeyEvent, event)  # the stub cannot tie the event type to the class
            if key_event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if key_event.modifiers() & (
                    Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.AltModifier
                ):
                    editor.insertPlainText("\n")
                else:
                    self.commitData.emit(editor)
                    self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)
                return True
        return super().eventFilter(editor, event)
