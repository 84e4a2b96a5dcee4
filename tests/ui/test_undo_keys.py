"""Issue 13 item 3: Ctrl+Z / Ctrl+Y / Ctrl+Shift+Z reach the program's undo stack from every
widget; a field with uncommitted typing undoes that typing first."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QTableView

from skillmatrix.domain.model import Staff
from tests.ui.support import find, type_into_cell

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def grid_text(window) -> str:
    return find(window, QTableView, "skillGrid").model().index(0, 0).data() or ""


def test_undo_keys_in_a_profile_field_reach_the_programs_stack(qtbot, window):
    window.session.add_staff(Staff(name="藤沢 花子"))
    grid = find(window, QTableView, "skillGrid")
    type_into_cell(qtbot, grid, 0, 0, "住民記録システム研修")
    assert grid_text(window) == "住民記録システム研修"
    assert window.action("actionUndo").text() == "元に戻す: セル入力"
    kana = find(window, QLineEdit, "kanaEdit")
    kana.setFocus()
    qtbot.keyClick(kana, Qt.Key.Key_Z, CTRL)
    assert grid_text(window) == ""
    qtbot.keyClick(kana, Qt.Key.Key_Y, CTRL)  # the Windows redo key
    assert grid_text(window) == "住民記録システム研修"
    qtbot.keyClick(kana, Qt.Key.Key_Z, CTRL)
    qtbot.keyClick(kana, Qt.Key.Key_Z, CTRL | SHIFT)
    assert grid_text(window) == "住民記録システム研修"


def test_uncommitted_typing_is_undone_first_then_the_program_step(qtbot, window):
    window.session.add_staff(Staff(name="藤沢 花子"))
    grid = find(window, QTableView, "skillGrid")
    type_into_cell(qtbot, grid, 0, 0, "住民記録システム研修")
    steps = window.session.undo_stack.index()
    kana = find(window, QLineEdit, "kanaEdit")
    kana.setFocus()
    qtbot.keyClicks(kana, "abc")
    assert kana.text() == "abc"
    qtbot.keyClick(kana, Qt.Key.Key_Z, CTRL)
    assert kana.text() == ""  # Qt's own undo of the typing
    assert window.session.undo_stack.index() == steps
    assert grid_text(window) == "住民記録システム研修"
    qtbot.keyClick(kana, Qt.Key.Key_Z, CTRL)  # the next press: the program's stack
    assert window.session.undo_stack.index() == steps - 1
    assert grid_text(window) == ""
    assert window.store.get_staff(window.session.current.id).kana == ""
