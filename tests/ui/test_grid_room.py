"""Issue 13 item 6: room for the grid — 一覧表示 with all 8 levels, "+N" instead of hidden
entries, the staff list and level panel collapsible (remembered), column widths that follow
the content and are remembered, history cells never cut with "…"."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTableView

from skillmatrix.app import create_window
from skillmatrix.domain.model import Assignment, Entry, Staff
from skillmatrix.ui.sheet.skill_grid.model import ENTRIES_ROLE
from skillmatrix.ui.sheet.skill_grid.overview import row_heights_within
from tests.ui.grid_people import forty_entry_person

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def show_person(qtbot, window, staff):
    assert window.session.add_staff(staff)
    qtbot.wait(20)
    return window.findChild(QTableView, "skillGrid")


def all_rows_in_view(grid) -> bool:
    return all(
        grid.rowViewportPosition(r) >= 0
        and grid.rowViewportPosition(r) + grid.rowHeight(r) <= grid.viewport().height()
        for r in range(8)
    )


def test_overview_shows_all_8_levels_of_a_40_entry_person_at_1920x1080(qtbot, window):
    window.resize(1920, 1080)
    grid = show_person(qtbot, window, forty_entry_person(window.session.categories))
    qtbot.wait(20)
    assert not all_rows_in_view(grid)  # the normal layout needs scrolling
    qtbot.keyClick(grid, Qt.Key.Key_O, CTRL_SHIFT)  # 一覧表示
    qtbot.wait(50)
    assert window.action("actionOverview").isChecked()
    assert not window.staff_panel.isVisible() and not window.sheet_editor.level_panel.isVisible()
    assert all_rows_in_view(grid)
    # Nothing hidden at this size: every entry is drawn whole.
    hidden = [
        grid.grid_delegate.hidden_count(grid.visualRect(i), grid.font(), i.data(ENTRIES_ROLE) or [])
        for i in (grid.model().index(r, c) for r in range(8) for c in range(8))
    ]
    assert sum(hidden) == 0
    qtbot.keyClick(grid, Qt.Key.Key_O, CTRL_SHIFT)
    qtbot.wait(20)
    assert window.staff_panel.isVisible()


def test_a_cell_too_low_shows_plus_n_that_opens_it(qtbot, window):
    window.resize(1100, 560)
    grid = show_person(qtbot, window, forty_entry_person(window.session.categories))
    window.action("actionOverview").trigger()
    qtbot.wait(50)
    assert all_rows_in_view(grid)
    cells = [grid.model().index(r, c) for r in range(8) for c in range(8)]
    counted = {
        i: grid.grid_delegate.hidden_count(grid.visualRect(i), grid.font(), i.data(ENTRIES_ROLE) or [])
        for i in cells
    }
    index, hidden = max(counted.items(), key=lambda kv: kv[1])
    assert hidden > 0
    badge = grid.grid_delegate.more_rect(grid.visualRect(index), grid.font())
    qtbot.mouseClick(grid.viewport(), Qt.MouseButton.LeftButton, pos=badge.center())
    editor = QApplication.focusWidget()
    assert editor.objectName() == "cellEditor"
    assert editor.toPlainText().count("\n") + 1 == len(index.data(ENTRIES_ROLE))
    qtbot.keyClick(editor, Qt.Key.Key_Escape)


def test_row_heights_share_the_room_tall_rows_capped():
    assert row_heights_within([10, 20, 30], 100, 5) == [10, 20, 30]
    heights = row_heights_within([10, 200, 300, 20], 200, 5)
    assert heights[0] == 10 and heights[3] == 20 and heights[1] == heights[2] and sum(heights) <= 200


def test_staff_list_and_level_panel_collapse_and_are_remembered(qtbot, window, db_path):
    show_person(qtbot, window, Staff(name="藤沢 花子"))
    qtbot.keyClick(window.staff_panel.filter_edit, Qt.Key.Key_L, CTRL_SHIFT)
    assert not window.staff_panel.isVisible()
    window.action("actionShowLevelPanel").trigger()
    assert not window.sheet_editor.level_panel.isVisible()
    window.close()
    again = create_window(db_path)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    assert not again.staff_panel.isVisible() and not again.sheet_editor.level_panel.isVisible()
    again.action("actionShowStaffList").trigger()
    assert again.staff_panel.isVisible()
    again.close()


def test_column_widths_follow_the_content_and_a_drag_is_remembered(qtbot, window, db_path):
    categories = window.session.categories
    full = Staff(
        name="偏り 一郎",
        entries=[
            Entry(level, categories[2].id, f"基幹系の長い実績の説明その{level}、運用と保守")
            for level in range(8)
        ],
    )
    grid = show_person(qtbot, window, full)
    qtbot.wait(50)
    header = grid.horizontalHeader()
    assert header.sectionSize(2) > 2 * header.sectionSize(5)  # the full column gets the room
    header.resizeSection(5, 300)  # as a drag on the header's edge does
    window.close()
    again = create_window(db_path)
    qtbot.addWidget(again)
    again.resize(1280, 800)
    again.show()
    qtbot.wait(50)
    assert again.findChild(QTableView, "skillGrid").horizontalHeader().sectionSize(5) == 300
    again.close()


def test_a_long_duty_is_never_cut_with_an_ellipsis(qtbot, window):
    duty = (
        "住民記録・税務システムの運用管理、制度改正対応、ベンダーとの調整、障害時の一次切り分けと報告書の作成"
    )
    show_person(qtbot, window, Staff(name="藤沢 花子", assignments=[Assignment(name="基幹系", duties=duty)]))
    table = window.findChild(QTableView, "assignmentTable")
    qtbot.wait(50)
    assert table.textElideMode() == Qt.TextElideMode.ElideNone
    assert table.rowHeight(0) >= table.sizeHintForRow(0)


def test_history_column_widths_are_remembered(qtbot, window, db_path):
    show_person(qtbot, window, Staff(name="藤沢 花子", assignments=[Assignment(name="基幹系")]))
    header = window.findChild(QTableView, "assignmentTable").horizontalHeader()
    header.resizeSection(1, 222)  # 担当名, as a drag does
    window.close()
    again = create_window(db_path)
    qtbot.addWidget(again)
    again.show()
    qtbot.wait(20)
    assert again.findChild(QTableView, "assignmentTable").horizontalHeader().sectionSize(1) == 222
    again.close()
