"""The course catalogue as completion in the grid's cell editor, and moving a picked
course to its catalogue cell."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTableView

from skillmatrix.domain.department import Course
from skillmatrix.domain.model import Staff
from skillmatrix.store.department import DepartmentStore
from skillmatrix.ui.sheet.skill_grid.course_completion import COURSE_ROLE, CourseCellEdit, CourseListModel
from tests.ui.support import commit_text, find, focused, go_to, press_enter, snapshot


@pytest.fixture
def grid(qtbot, window):
    assert window.session.add_staff(Staff(name="藤沢 花子"))
    view = find(window, QTableView, "skillGrid")
    view.setFocus()
    return view


def row_of(window, level: int) -> int:
    return [lv.number for lv in window.session.levels].index(level)


def column_of(window, name: str) -> int:
    return [c.name for c in window.session.categories].index(name)


def entries_in_file(db_path, name="藤沢 花子"):
    person = next(p for p in snapshot(db_path) if p["name"] == name)
    return [(e["level"], e["category"], e["text"], e["kind"]) for e in person["entries"]]


def start_typing(grid, row: int, column: int, text: str) -> CourseCellEdit:
    go_to(grid, row, column)
    commit_text(grid, text)
    editor = focused()
    assert isinstance(editor, CourseCellEdit)
    return editor


def test_course_list_model(qtmodeltester, tmp_path):
    from skillmatrix.store.repository import Store

    with Store.create(tmp_path / "c.sqlite") as store:
        courses = DepartmentStore(store).courses()
        model = CourseListModel(courses, store.categories())
    qtmodeltester.check(model)
    first = model.index(0, 0)
    assert first.data(COURSE_ROLE) == courses[0]
    assert first.data() == "J-LIS教育研修 集合研修　〔ITスキル一般・レベル1〕"
    assert first.data(Qt.ItemDataRole.EditRole) == "j-lis教育研修集合研修"  # matched form
    assert model.find("Ｊ－ＬＩＳ教育研修　集合研修") == courses[0]  # 全角 and spaces ignored
    assert model.find("j-lis 教育研修 集合研修") == courses[0]
    assert model.find("どこにもない研修") is None
    free = CourseListModel([Course(name="自由な研修")], [])
    assert free.index(0, 0).data() == "自由な研修"


def test_picking_a_course_places_it_in_its_catalogue_cell(qtbot, window, grid, db_path):
    it_row, it_col = row_of(window, 1), column_of(window, "ITスキル一般")
    sec_row, sec_col = row_of(window, 4), column_of(window, "セキュリティ")
    model = grid.model()
    editor = start_typing(grid, it_row, it_col, "ぶんや")  # nothing matches: no list
    assert not editor.completer.popup().isVisible()
    editor.selectAll()
    commit_text(editor, "横断")
    popup = editor.completer.popup()
    qtbot.waitUntil(popup.isVisible)
    shown = [
        editor.completer.completionModel().index(r, 0).data()
        for r in range(editor.completer.completionCount())
    ]
    assert shown == ["分野横断的演習　〔セキュリティ・レベル4〕"]
    # The keys go to the open list, as Qt routes them to a popup.
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert not popup.isVisible()
    assert editor.toPlainText() == "分野横断的演習"
    assert focused() is editor  # the list never closed the editor
    press_enter(qtbot, editor)
    # Committed where it was typed, as a course (研修), one undo step …
    assert model.index(it_row, it_col).data() == "分野横断的演習"
    assert entries_in_file(db_path) == [(1, "ITスキル一般", "分野横断的演習", "training")]
    # … and the bar offers its catalogue cell, without taking the focus.
    prompt = grid.course_prompt
    assert prompt.isVisible() and "セキュリティ・レベル4" in prompt.label.text()
    assert focused() is grid
    qtbot.mouseClick(prompt.move_button, Qt.MouseButton.LeftButton)
    assert not prompt.isVisible()
    assert model.index(sec_row, sec_col).data() == "分野横断的演習"
    assert model.index(it_row, it_col).data() == ""
    assert entries_in_file(db_path) == [(4, "セキュリティ", "分野横断的演習", "training")]
    # Undo puts it back where it was typed; once more removes it.
    assert window.session.undo_stack.undoText() == "研修のセルへ移動"
    window.undo()
    assert entries_in_file(db_path) == [(1, "ITスキル一般", "分野横断的演習", "training")]
    assert model.index(it_row, it_col).data() == "分野横断的演習"
    window.undo()
    assert entries_in_file(db_path) == []


def test_course_in_its_own_cell_is_not_offered(qtbot, window, grid, db_path):
    row, col = row_of(window, 2), column_of(window, "セキュリティ")
    editor = start_typing(grid, row, col, "対策等")
    popup = editor.completer.popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    press_enter(qtbot, editor)
    assert grid.model().index(row, col).data() == "情報セキュリティ対策等研修"
    assert not grid.course_prompt.isVisible()
    assert entries_in_file(db_path) == [(2, "セキュリティ", "情報セキュリティ対策等研修", "training")]


def test_keeping_the_typed_cell_and_escape_in_the_list(qtbot, window, grid, db_path):
    row, col = row_of(window, 0), column_of(window, "行政職員一般")
    editor = start_typing(grid, row, col, "ｅラーニング")  # full-width e still matches
    popup = editor.completer.popup()
    qtbot.waitUntil(popup.isVisible)
    assert editor.completer.completionCount() == 3
    qtbot.keyClick(popup, Qt.Key.Key_Escape)  # closes the list, not the editor
    assert not popup.isVisible() and focused() is editor
    editor.selectAll()
    commit_text(editor, "セキュリティeラーニング")  # typed in full: also a course
    press_enter(qtbot, editor)
    prompt = grid.course_prompt
    assert prompt.isVisible()
    qtbot.mouseClick(prompt.keep_button, Qt.MouseButton.LeftButton)
    assert not prompt.isVisible()
    assert entries_in_file(db_path) == [(0, "行政職員一般", "セキュリティeラーニング", "training")]


def test_opening_an_editor_on_a_course_cell_offers_nothing(qtbot, window, grid, db_path):
    row, col = row_of(window, 3), column_of(window, "ITスキル一般")
    model = grid.model()
    assert model.setData(model.index(row, col), "IT基礎セミナー")  # a course, wrong level
    go_to(grid, row, col)
    qtbot.keyClick(grid, Qt.Key.Key_F2)
    editor = focused()
    QApplication.processEvents()
    assert not editor.completer.popup().isVisible()
    commit_text(editor, "")  # nothing new: an unchanged course line is not offered
    press_enter(qtbot, editor)
    assert not grid.course_prompt.isVisible()
    # Another person shown: an open offer is dropped.
    editor = start_typing(
        grid, row_of(window, 5), column_of(window, "セキュリティ"), "CYDER（実践的サイバー防御演習）"
    )  # its cell is レベル3
    press_enter(qtbot, editor)
    assert grid.course_prompt.isVisible()
    window.session.add_staff(Staff(name="別の人"))
    assert not grid.course_prompt.isVisible()
