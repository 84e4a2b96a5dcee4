"""Helpers that act on the window as a user would, and read the database file separately.

Japanese text is typed with QInputMethodEvent commit strings (what an IME sends):
qtbot.keyClicks with non-ASCII text aborts the process (reference/stack.md).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget

from skillmatrix.domain.serialize import staff_to_dict
from skillmatrix.store.repository import Store


def find(window: QWidget, kind, name: str):
    """Returns the child widget or object with this objectName (fails loudly if absent)."""
    found = window.findChild(kind, name)
    assert found is not None, f"no {kind.__name__} named {name}"
    return found


def commit_text(widget: QWidget, text: str) -> None:
    """Types text into widget the way an input method does: a composition (preedit) of the
    text, then its commit. On an item view the composition opens the cell's editor."""
    QApplication.sendEvent(widget, QInputMethodEvent(text, []))
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def press_enter(qtbot, widget: QWidget, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    """Presses Enter and lets queued work run (Qt's delegate closes a line-edit editor
    through a queued call)."""
    qtbot.keyClick(widget, Qt.Key.Key_Return, modifiers)
    QApplication.processEvents()


def replace_field(qtbot, field: QWidget, text: str) -> None:
    """Clicks into a line edit, selects everything, types text and presses Enter."""
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    commit_text(field, text)
    press_enter(qtbot, field)


def go_to(view, row: int, column: int) -> None:
    """Makes a cell current and the only one selected (as a click does).

    QAbstractItemView.setCurrentIndex() would read the keyboard modifiers still recorded
    from the last synthesised Ctrl+key and extend the selection instead.
    """
    view.selectionModel().setCurrentIndex(
        view.model().index(row, column), QItemSelectionModel.SelectionFlag.ClearAndSelect
    )


def type_into_cell(qtbot, view, row: int, column: int, text: str, enter: bool = True) -> QWidget:
    """Moves to a cell, starts typing (which opens the editor) and presses Enter.

    Lines after the first are started with Shift+Enter, as in a spreadsheet cell.
    Returns the editor (already closed when enter is True).
    """
    view.setFocus()
    go_to(view, row, column)
    lines = text.split("\n")
    commit_text(view, lines[0])
    editor = focused()
    assert editor is not view, "typing did not open an editor"
    for line in lines[1:]:
        qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
        commit_text(editor, line)
    if enter:
        press_enter(qtbot, editor)
    return editor


def snapshot(path: Path) -> list[dict]:
    """Returns every person in the file as interchange dicts, read by a second connection."""
    with Store.open(path, readonly=True) as store:
        names = {c.id: c.name for c in store.categories()}
        return [staff_to_dict(s, names) for s in store.iter_staff()]


def definitions(path: Path) -> tuple[list[dict], list[dict]]:
    """Returns the levels and categories in the file, read by a second connection."""
    with Store.open(path, readonly=True) as store:
        return [vars(lv) for lv in store.levels()], [vars(c) for c in store.categories()]
