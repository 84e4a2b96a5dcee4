"""A whole editing session driven through the window's object names, with the database file
checked by a second connection after every step, then undone to the empty file and redone."""

from PySide6.QtCore import QMimeData, QPoint, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QLineEdit, QTableView, QToolButton

from tests.ui.support import (
    commit_text,
    find,
    focused,
    go_to,
    press_enter,
    replace_field,
    snapshot,
    type_into_cell,
)


def drop_on_cell(grid, mime: QMimeData, row: int, column: int, action=Qt.DropAction.MoveAction) -> None:
    """Drags mime data over a grid cell and drops it, with the events a mouse drag sends
    (Qt delivers a drop only to the widget that accepted the drag's enter event)."""
    pos = grid.visualRect(grid.model().index(row, column)).center()
    actions = Qt.DropAction.MoveAction | Qt.DropAction.CopyAction
    for kind in (QDragEnterEvent, QDragMoveEvent, QDropEvent):
        try:  # Qt 6.12 takes a QPointF for every drag event; 6.11 a QPoint for enter/move
            event = kind(
                pos.toPointF(), actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
            )
        except TypeError:
            event = kind(pos, actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
        event.setDropAction(action)
        QApplication.sendEvent(grid.viewport(), event)
        assert kind is QDropEvent or event.isAccepted(), f"the grid refused {kind.__name__}"


def test_edit_everything_then_undo_to_the_empty_file_and_redo(qtbot, window, db_path):
    stages = [snapshot(db_path)]
    assert stages == [[]]
    undo, redo = window.action("actionUndo"), window.action("actionRedo")

    def step(expected_undo_text: str):
        """Records the file after a user action that must be exactly one undo step."""
        stages.append(snapshot(db_path))
        assert stages[-1] != stages[-2], "the action did not reach the file"
        assert undo.text() == f"元に戻す: {expected_undo_text}"
        assert window.session.undo_stack.count() == len(stages) - 1

    # A new person: the name field gets the focus with the placeholder name selected.
    window.action("actionNewStaff").trigger()
    step("職員の追加")
    name = find(window, QLineEdit, "nameEdit")
    assert focused() is name and name.selectedText() == "新しい職員"
    commit_text(name, "藤沢 花子")
    press_enter(qtbot, name)
    step("氏名の変更")
    replace_field(qtbot, find(window, QLineEdit, "kanaEdit"), "ふじさわ はなこ")
    step("ふりがなの変更")
    replace_field(qtbot, find(window, QComboBox, "titleEdit").lineEdit(), "事務職員")
    step("職名の変更")
    replace_field(qtbot, find(window, QLineEdit, "sectionEdit"), "IT推進課")
    step("所属の変更")
    person = stages[-1][0]
    assert (person["name"], person["kana"], person["title"], person["section"]) == (
        "藤沢 花子",
        "ふじさわ はなこ",
        "事務職員",
        "IT推進課",
    )
    staff_list = find(window, QTableView, "staffList")
    assert staff_list.model().index(0, 0).data() == "藤沢 花子"

    # 担当履歴: the ＋ button adds a row and opens the period cell's editor.
    assignments = find(window, QTableView, "assignmentTable")
    find(window, QToolButton, "assignmentTable_add").click()
    step("担当履歴の行の追加")
    commit_text(focused(), "平成22年4月1日～平成25年3月31日")
    press_enter(qtbot, focused())
    step("担当履歴の入力")
    assert assignments.model().index(0, 0).data() == "2010年4月1日～2013年3月31日"
    assert find(window, QLabel, "experienceLabel").text() == "経験年数 3年"
    type_into_cell(qtbot, assignments, 0, 1, "情報システム・NW担当")
    step("担当履歴の入力")
    go_to(assignments, 0, 1)
    qtbot.keyClick(assignments, Qt.Key.Key_Insert)  # a second row below the first
    step("担当履歴の行の追加")
    commit_text(focused(), "H25.4～")
    press_enter(qtbot, focused())
    step("担当履歴の入力")
    assert assignments.model().index(1, 0).data() == "2013年4月～"
    assert stages[-1][0]["assignments"][1]["start"] == "2013-04"
    assert stages[-1][0]["assignments"][1]["end"] is None

    # An impossible date is marked and explained, and not stored.
    type_into_cell(qtbot, assignments, 1, 0, "平成31年5月")
    assert snapshot(db_path) == stages[-1]
    cell = assignments.model().index(1, 0)
    assert cell.data() == "平成31年5月"
    assert cell.data(Qt.ItemDataRole.BackgroundRole) is not None
    assert "平成" in cell.data(Qt.ItemDataRole.ToolTipRole)
    assert "平成" in window.statusBar().currentMessage()
    type_into_cell(qtbot, assignments, 1, 0, "2013/4～2010/3")
    assert "前です" in cell.data(Qt.ItemDataRole.ToolTipRole)
    assert snapshot(db_path) == stages[-1]
    type_into_cell(qtbot, assignments, 1, 0, "R5.4～")  # a valid date clears the mark
    step("担当履歴の入力")
    assert cell.data(Qt.ItemDataRole.BackgroundRole) is None
    assert stages[-1][0]["assignments"][1]["start"] == "2023-04"
    # Alt+Down moves the first row below the second; the cursor follows the row.
    go_to(assignments, 0, 1)
    qtbot.keyClick(assignments, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    step("担当履歴の行の移動")
    assert [a["name"] for a in stages[-1][0]["assignments"]] == ["", "情報システム・NW担当"]
    assert assignments.currentIndex().row() == 1

    # プロジェクト履歴 and 資格等.
    projects = find(window, QTableView, "projectTable")
    find(window, QToolButton, "projectTable_add").click()
    step("プロジェクト履歴の行の追加")
    commit_text(focused(), "2010.4.1~2012.3.31")
    press_enter(qtbot, focused())
    step("プロジェクト履歴の入力")
    type_into_cell(qtbot, projects, 0, 1, "職員ポータル更新")
    step("プロジェクト履歴の入力")
    assert stages[-1][0]["projects"] == [
        {"start": "2010-04-01", "end": "2012-03-31", "name": "職員ポータル更新"}
    ]
    # Enter after the last column of the last row: a new row, still in プロジェクト履歴.
    qtbot.waitUntil(lambda: projects.model().rowCount() == 2)
    step("プロジェクト履歴の行の追加")
    assert projects.isAncestorOf(focused())
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)
    qualifications = find(window, QTableView, "qualificationTable")
    find(window, QToolButton, "qualificationTable_add").click()
    step("資格等の行の追加")
    editor = focused()
    assert editor.selectedText() == "新しい資格"  # typing replaces the placeholder
    commit_text(editor, "基本情報技術者")
    press_enter(qtbot, editor)
    step("資格等の入力")
    type_into_cell(qtbot, qualifications, 0, 1, "H23.10")
    step("資格等の入力")
    assert stages[-1][0]["qualifications"] == [
        {"name": "基本情報技術者", "acquired": "2011-10", "expires": None}
    ]

    # The skill grid: one line, then a cell of two lines (Shift+Enter between them).
    grid = find(window, QTableView, "skillGrid")
    model = grid.model()
    type_into_cell(qtbot, grid, 1, 0, "新採用職員研修")
    step("セル入力")
    type_into_cell(qtbot, grid, 3, 3, "Windows Server 2008管理\nActive Directoryの基礎")
    step("セル入力")
    assert model.index(3, 3).data() == "Windows Server 2008管理\nActive Directoryの基礎"
    entries = stages[-1][0]["entries"]
    assert [(e["level"], e["category"], e["text"], e["kind"]) for e in entries] == [
        (1, "行政職員一般", "新採用職員研修", "training"),
        (3, "情報系システム", "Windows Server 2008管理", "work"),
        (3, "情報系システム", "Active Directoryの基礎", "training"),
    ]
    # Typing on a filled cell adds a line after its entries.
    type_into_cell(qtbot, grid, 1, 0, "IT基礎セミナー")
    step("セル入力")
    assert model.index(1, 0).data() == "新採用職員研修\nIT基礎セミナー"

    # Drag the second entry of (3, 3) to (2, 3): the entry under the mouse is what moves.
    source = grid.visualRect(model.index(3, 3))
    second_line = source.top() + source.height() - 4
    dragged = grid.entry_at(QPoint(source.center().x(), second_line))
    assert dragged is not None and dragged.text == "Active Directoryの基礎"
    drop_on_cell(grid, model.entries_mime([(dragged, 0, 0)]), 2, 3)
    step("項目の移動")
    assert model.index(3, 3).data() == "Windows Server 2008管理"
    assert model.index(2, 3).data() == "Active Directoryの基礎"
    moved = [e for e in stages[-1][0]["entries"] if e["text"] == "Active Directoryの基礎"]
    assert moved[0]["level"] == 2 and moved[0]["kind"] == "training"  # details travel along

    # Delete clears a cell.
    grid.setFocus()
    grid.setCurrentIndex(model.index(2, 3))
    qtbot.keyClick(grid, Qt.Key.Key_Delete)
    step("セルの消去")
    assert model.index(2, 3).data() == ""

    # Undo every step back to the empty file, checking the file at each stage …
    for expected in reversed(stages[:-1]):
        undo.trigger()
        assert snapshot(db_path) == expected
    assert not undo.isEnabled()
    assert snapshot(db_path) == []
    assert find(window, QTableView, "staffList").model().rowCount() == 0
    # … and redo all of it.
    for expected in stages[1:]:
        assert redo.isEnabled()
        redo.trigger()
        assert snapshot(db_path) == expected
    assert not redo.isEnabled()
    assert find(window, QLineEdit, "nameEdit").text() == "藤沢 花子"
    assert model.index(1, 0).data() == "新採用職員研修\nIT基礎セミナー"
