"""Ctrl+Z / Ctrl+Y / Ctrl+Shift+Z reach the program's one undo stack from every widget.

Qt's text fields take the undo keys for themselves (through a ShortcutOverride), even when
they have nothing to undo, so that with the cursor in ふりがな the toolbar offered
「元に戻す: セル入力」 and Ctrl+Z did nothing. The rule here, as in office programs:

- a field holding typing that is not committed yet undoes (or redoes) that typing first,
  with Qt's own undo — exactly as before;
- otherwise the keys go to the window's Undo / Redo actions, i.e. the program's stack.

Ctrl+Y (the Windows redo key) and Ctrl+Shift+Z (the usual one elsewhere) both redo on
every platform.

The filter sits on the focused text field only (it follows QApplication.focusChanged), not
on the whole application: Python sees no other events.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QTextEdit, QWidget

UNDO_KEYS = [QKeySequence("Ctrl+Z")]
REDO_KEYS = [QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")]


def redo_keys() -> list[QKeySequence]:
    """Returns the redo keys: the platform's own first, then Ctrl+Y and Ctrl+Shift+Z."""
    keys = [k for k in QKeySequence.keyBindings(QKeySequence.StandardKey.Redo) if not k.isEmpty()]
    return keys + [k for k in REDO_KEYS if k not in keys]


def _own_history(widget: QWidget, redo: bool) -> bool:
    """True when the field has typing of its own to undo (or redo)."""
    if isinstance(widget, QLineEdit):
        return widget.isRedoAvailable() if redo else widget.isUndoAvailable()
    if isinstance(widget, (QPlainTextEdit, QTextEdit)):
        document = widget.document()
        return document.isRedoAvailable() if redo else document.isUndoAvailable()
    return False


def _matches(event: QKeyEvent, keys: list[QKeySequence]) -> bool:
    pressed = QKeySequence(event.keyCombination())
    return any(pressed.matches(k) == QKeySequence.SequenceMatch.ExactMatch for k in keys)


class UndoKeys(QObject):
    """Routes the undo keys of text fields to the program's stack when they have nothing
    of their own to undo.

    Args:
        undo: the window's Undo action.
        redo: the window's Redo action.
    """

    def __init__(self, undo: QAction, redo: QAction, parent: QObject | None = None):
        super().__init__(parent)
        self.undo, self.redo = undo, redo
        self._watched: QWidget | None = None
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.focusChanged.connect(self._follow_focus)
        self._follow_focus(None, QApplication.focusWidget())

    def _follow_focus(self, _old: QWidget | None, new: QWidget | None) -> None:
        if self._watched is not None:
            try:
                self._watched.removeEventFilter(self)
            except RuntimeError:  # deleted meanwhile (a closed cell editor)
                pass
        self._watched = new if isinstance(new, (QLineEdit, QPlainTextEdit, QTextEdit)) else None
        if self._watched is not None:
            self._watched.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() not in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            return False
        if not isinstance(event, QKeyEvent) or not isinstance(watched, QWidget):
            return False
        for keys, action, redo in ((UNDO_KEYS, self.undo, False), (redo_keys(), self.redo, True)):
            if _matches(event, keys) and not _own_history(watched, redo):
                # Not the field's: let the window's action have the key.
                event.ignore()
                if event.type() == QEvent.Type.KeyPress:
                    # No shortcut took the key. In the window itself that is this action's
                    # key; in a dialog (a field of 「レベルと分類の定義」 …) nothing happens.
                    if watched.window() is self.parent() and action.isEnabled():
                        action.trigger()
                return True
        return False
