"""The skill grid as a spreadsheet: editor keys, clipboard, detail editor, row heights."""

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QApplication, QComboBox, QDialog, QLineEdit, QPlainTextEdit, QTableView

from skillmatrix.domain.model import Staff
from tests.ui.support import commit_text, find, focused, go_to, press_enter, snapshot, type_into_cell


@pytest.fixture
def grid(qtbot, window):
    assert window.session.add_staff(Staff(name="藤沢 花子"))
    view = find(window, QTableView, "skillGrid")
    view.setFocus()
    return view


def texts(grid, row, column) -> str:
    return grid.model().index(row, column).data()


def test_escape_cancels_and_f2_edits_the_whole_text(qtbot, grid, db_path):
    type_into_cell(qtbot, grid, 2, 1, "IT基礎セミナー\nシステム開発セミナー")
    before = snapshot(db_path)
    editor = type_into_cell(qtbot, grid, 2, 1, "書きかけ", enter=False)
    assert isinstance(editor, QPlainTextEdit)
    assert editor.toPlainText() == "IT基礎セミナー\nシステム開発セミナー\n書きかけ"
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    QApplication.processEvents()
    assert snapshot(db_path) == before
    assert texts(grid, 2, 1) == "IT基礎セミナー\nシステム開発セミナー"
    # F2 opens the editor on the whole text; replacing it replaces the entries.
    go_to(grid, 2, 1)
    qtbot.keyClick(grid, Qt.Key.Key_F2)
    editor = focused()
    assert editor.toPlainText() == "IT基礎セミナー\nシステム開発セミナー"
    editor.selectAll()
    commit_text(editor, "Javaプログラミング研修")
    press_enter(qtbot, editor)
    assert texts(grid, 2, 1) == "Javaプログラミング研修"
    assert grid.window().action("actionUndo").text() == "元に戻す: セル入力"


def test_rows_grow_to_fit_their_entries(qtbot, grid):
    grid.resizeRowsToContents()
    one_line = grid.rowHeight(5)
    type_into_cell(qtbot, grid, 5, 2, "\n".join(f"研修その{n}（長い名前の研修で折り返す）" for n in range(6)))
    QApplication.processEvents()
    assert grid.rowHeight(5) > 4 * one_line
    assert grid.rowHeight(5) >= grid.sizeHintForRow(5)


def test_copy_cut_paste_and_delete(qtbot, grid, db_path):
    type_into_cell(qtbot, grid, 1, 0, "新採用職員研修\n接遇研修")
    go_to(grid, 1, 0)
    qtbot.keyClick(grid, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.clipboard().text() == "新採用職員研修\n接遇研修"
    go_to(grid, 2, 0)
    qtbot.keyClick(grid, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert texts(grid, 2, 0) == "新採用職員研修\n接遇研修"
    assert grid.window().action("actionUndo").text() == "元に戻す: 貼り付け"
    # Cut a cell and paste it elsewhere: a move in two steps, kinds kept.
    go_to(grid, 2, 0)
    qtbot.keyClick(grid, Qt.Key.Key_X, Qt.KeyboardModifier.ControlModifier)
    assert texts(grid, 2, 0) == ""
    assert grid.window().action("actionUndo").text() == "元に戻す: 切り取り"
    go_to(grid, 4, 7)
    qtbot.keyClick(grid, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    pasted = [e for e in snapshot(db_path)[0]["entries"] if e["level"] == 4]
    assert [(e["text"], e["kind"], e["category"]) for e in pasted] == [
        ("新採用職員研修", "training", "ストラテジ"),
        ("接遇研修", "training", "ストラテジ"),
    ]
    # Plain text from elsewhere pastes as lines, after those already there.
    QApplication.clipboard().setText("ISMS内部監査\n")
    qtbot.keyClick(grid, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert texts(grid, 4, 7) == "新採用職員研修\n接遇研修\nISMS内部監査"
    # Delete clears every selected cell in one step.
    selection = grid.selectionModel()
    selection.select(grid.model().index(1, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect)
    selection.select(grid.model().index(4, 7), QItemSelectionModel.SelectionFlag.Select)
    count = grid.window().session.undo_stack.count()
    qtbot.keyClick(grid, Qt.Key.Key_Delete)
    assert texts(grid, 1, 0) == texts(grid, 4, 7) == ""
    assert grid.window().session.undo_stack.count() == count + 1
    assert snapshot(db_path)[0]["entries"] == []


def test_detail_editor_sets_kind_date_and_note(qtbot, grid, db_path):
    type_into_cell(qtbot, grid, 3, 6, "ISMS適用範囲内研修\n情報セキュリティ監査")
    go_to(grid, 3, 6)
    qtbot.keyClick(grid, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    dialog = grid.window().findChild(QDialog, "entryDetailDialog")
    assert dialog is not None and dialog.isVisible()
    entry_list = dialog.findChild(object, "entryList")
    entry_list.setCurrentRow(1)
    kind = dialog.findChild(QComboBox, "entryKind")
    kind.setCurrentIndex(kind.findData("role"))
    date = dialog.findChild(QLineEdit, "entryDate")
    date.setText("令和2年7月")
    dialog.findChild(QPlainTextEdit, "entryNote").setPlainText("監査人として")
    dialog.accept()
    assert not dialog.isVisible()
    entry = [e for e in snapshot(db_path)[0]["entries"] if e["text"] == "情報セキュリティ監査"][0]
    assert (entry["kind"], entry["date"], entry["note"]) == ("role", "2020-07", "監査人として")
    assert grid.window().action("actionUndo").text() == "元に戻す: 項目の詳細"
    # An unreadable date keeps the dialog open with the reason.
    qtbot.keyClick(grid, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    dialog = [d for d in grid.window().findChildren(QDialog, "entryDetailDialog") if d.isVisible()][0]
    dialog.findChild(QLineEdit, "entryDate").setText("平成99年")
    dialog.accept()
    assert dialog.isVisible()
    assert "平成" in dialog.findChild(object, "entryProblem").text()
    dialog.reject()
    assert entry == [e for e in snapshot(db_path)[0]["entries"] if e["text"] == "情報セキュリティ監査"][0]


def test_dragging_several_cells_keeps_their_places(qtbot, grid):
    from tests.ui.test_editing_flow import drop_on_cell

    type_into_cell(qtbot, grid, 1, 0, "新採用職員研修")
    type_into_cell(qtbot, grid, 2, 1, "IT基礎セミナー")
    model = grid.model()
    mime = model.mimeData([model.index(1, 0), model.index(2, 1)])
    drop_on_cell(grid, mime, 4, 5)
    assert (texts(grid, 4, 5), texts(grid, 5, 6)) == ("新採用職員研修", "IT基礎セミナー")
    assert texts(grid, 1, 0) == texts(grid, 2, 1) == ""
    assert grid.window().action("actionUndo").text() == "元に戻す: 項目の移動"
    # With Ctrl (a copy action) the source stays.
    drop_on_cell(grid, model.mimeData([model.index(4, 5)]), 0, 0, Qt.DropAction.CopyAction)
    assert texts(grid, 0, 0) == texts(grid, 4, 5) == "新採用職員研修"


def test_level_panel_follows_the_current_row(qtbot, grid):
    panel = grid.window().findChild(object, "levelText")
    go_to(grid, 3, 6)
    level = grid.window().session.levels[3]
    assert level.definition in panel.text()
    assert "LASDEC上級" in panel.text()  # criteria
    assert "ISMS" in panel.text()  # the category's knowledge areas
