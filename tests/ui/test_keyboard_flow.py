"""Issue 13 item 1: Enter commits and stays in the table; Insert / Ctrl+Delete / Alt+arrows
act on the table that has the focus; a focused table shows a frame. Real key events only."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QTableView

from tests.ui.support import commit_text, find, focused


def enter(qtbot, widget=None) -> None:
    qtbot.keyClick(widget or focused(), Qt.Key.Key_Return)
    for _ in range(3):  # the delegate commits through a queued call, then the table moves on
        QApplication.processEvents()
    qtbot.wait(10)


def in_table(table: QTableView) -> bool:
    widget = QApplication.focusWidget()
    return widget is table or table.isAncestorOf(widget)


def type_cell(qtbot, table: QTableView, text: str) -> None:
    """Types into the table's current cell (an input method commit opens its editor), then Enter."""
    target = focused()
    assert in_table(table), f"focus is on {target.objectName() or type(target).__name__}"
    commit_text(target, text)
    enter(qtbot)


def person(window):
    window.action("actionNewStaff").trigger()
    return window.session.current


def test_enter_after_the_last_column_stays_in_the_history_and_adds_a_row(qtbot, window):
    person(window)
    assignments = find(window, QTableView, "assignmentTable")
    projects = find(window, QTableView, "projectTable")
    assignments.setFocus()
    qtbot.keyClick(assignments, Qt.Key.Key_Insert)
    assert assignments.model().rowCount() == 1
    type_cell(qtbot, assignments, "2010/4～2013/3")
    assert in_table(assignments) and assignments.currentIndex().column() == 1
    type_cell(qtbot, assignments, "税務システム")
    type_cell(qtbot, assignments, "住民税の賦課")
    # After the last column: still in 担当履歴, on a new row below.
    assert in_table(assignments)
    assert assignments.model().rowCount() == 2
    assert assignments.currentIndex().row() == 1
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)
    qtbot.keyClick(focused(), Qt.Key.Key_Insert)
    assert assignments.model().rowCount() == 3
    assert projects.model().rowCount() == 0
    sheet = window.store.get_staff(window.session.current.id)
    assert [(a.name, a.duties) for a in sheet.assignments][0] == ("税務システム", "住民税の賦課")
    assert sheet.projects == []


def test_enter_in_the_project_history_never_reaches_the_grid(qtbot, window):
    person(window)
    projects = find(window, QTableView, "projectTable")
    grid = find(window, QTableView, "skillGrid")
    projects.setFocus()
    qtbot.keyClick(projects, Qt.Key.Key_Insert)
    type_cell(qtbot, projects, "H18.4~H21.3")
    type_cell(qtbot, projects, "基幹系更新")
    assert in_table(projects) and projects.model().rowCount() == 2
    assert grid.model().index(0, 0).data() in ("", None)
    sheet = window.store.get_staff(window.session.current.id)
    assert [p.name for p in sheet.projects] == ["基幹系更新", ""]
    assert all(not cell for cell in sheet.grid.values()) if hasattr(sheet, "grid") else True


def test_row_keys_act_only_on_the_focused_table(qtbot, window):
    person(window)
    assignments = find(window, QTableView, "assignmentTable")
    projects = find(window, QTableView, "projectTable")
    qualifications = find(window, QTableView, "qualificationTable")
    for table in (assignments, projects):
        table.setFocus()
        qtbot.keyClick(table, Qt.Key.Key_Insert)
        qtbot.keyClick(focused(), Qt.Key.Key_Escape)
    # The 担当履歴 table still shows a current cell, but the focus is in 資格等.
    qualifications.setFocus()
    qtbot.keyClick(qualifications, Qt.Key.Key_Insert)
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)
    counts = [t.model().rowCount() for t in (qualifications, assignments, projects)]
    assert counts == [1, 1, 1]
    qtbot.keyClick(qualifications, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    assert [t.model().rowCount() for t in (qualifications, assignments, projects)] == [0, 1, 1]
    # Alt+Down in a table moves its rows, not the person in the staff list.
    assignments.setFocus()
    qtbot.keyClick(assignments, Qt.Key.Key_Insert)
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)
    first = assignments.model().row_id(0)
    assignments.setCurrentIndex(assignments.model().index(0, 0))
    qtbot.keyClick(assignments, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert assignments.model().row_id(1) == first
    assert [t.model().rowCount() for t in (qualifications, assignments, projects)] == [0, 2, 1]


def frame_pixels(widget) -> list[QColor]:
    image = widget.viewport().grab().toImage()
    return [image.pixelColor(1, image.height() // 2), image.pixelColor(image.width() // 2, 1)]


def test_an_empty_focused_table_shows_a_frame(qtbot, window):
    person(window)
    qualifications = find(window, QTableView, "qualificationTable")
    assert qualifications.model().rowCount() == 0
    find(window, QTableView, "projectTable").setFocus()
    qtbot.wait(10)
    unfocused = frame_pixels(qualifications)
    qualifications.setFocus()
    qtbot.wait(10)
    highlight = qualifications.palette().highlight().color()
    assert frame_pixels(qualifications) == [highlight, highlight]
    assert unfocused != [highlight, highlight]


def test_the_tab_stop_after_the_grid_shows_that_it_has_the_focus(qtbot, window):
    person(window)
    grid = find(window, QTableView, "skillGrid")
    grid.setFocus()
    qtbot.wait(10)
    before = window.grab().toImage()
    qtbot.keyClick(grid, Qt.Key.Key_Tab)
    qtbot.wait(10)
    widget = focused()
    assert widget.objectName() == "levelPanel"
    after = window.grab().toImage()
    top_left = widget.mapTo(window, widget.rect().topLeft())
    rect = widget.rect().translated(top_left)
    highlight = widget.palette().highlight().color()
    edge = [after.pixelColor(rect.left() + 1 + dx, rect.center().y()) for dx in range(0, 4)]
    edge += [after.pixelColor(rect.center().x(), rect.top() + 1 + dy) for dy in range(0, 4)]
    assert highlight in edge, "no focus frame on the level text"
    assert highlight not in [before.pixelColor(rect.left() + 1 + dx, rect.center().y()) for dx in range(4)]


def test_the_catalogue_table_has_the_same_keys(qtbot, window):
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QDialog

    window.findChild(QAction, "actionDepartmentCatalogue").trigger()
    qtbot.wait(20)
    (dialog,) = [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()]
    table = find(dialog, QTableView, "catalogueTable")
    count = table.model().rowCount()
    table.setFocus()
    table.setCurrentIndex(table.model().index(0, 0))
    qtbot.keyClick(table, Qt.Key.Key_Return)  # moves on; never the dialog's 閉じる
    assert dialog.isVisible() and table.currentIndex() == table.model().index(0, 1)
    qtbot.keyClick(table, Qt.Key.Key_Insert)
    assert table.model().rowCount() == count + 1
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)
    assert in_table(table)
    qtbot.keyClick(table, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    assert table.model().rowCount() == count
    dialog.close()
