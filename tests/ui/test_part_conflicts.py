"""Conflicts settled part by part (issue 13 item 9) in File › 取り込む, with real clicks:
the file's 職名 and my 所属 for the same person, one undoable step, one revision."""

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPushButton, QTableWidget

from skillmatrix.store.repository import Store
from tests.ui.test_shared_files import answers, offices, open_window, start_import  # noqa: F401


def click_cell(qtbot, table: QTableWidget, row: int, column: int) -> None:
    table.scrollToItem(table.item(row, column))
    rect = table.visualItemRect(table.item(row, column))
    QTest.mouseClick(
        table.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, rect.center()
    )


def rows_by_label(table: QTableWidget) -> dict[str, int]:
    return {table.item(r, 0).text(): r for r in range(table.rowCount())}


def test_take_their_title_and_keep_my_section(qtbot, offices, answers):  # noqa: F811
    chief, back, ids = offices
    with Store.open(chief, readonly=True) as store:
        chain = store.revision_chain(ids[2])
    window = open_window(qtbot, chief)
    dialog = start_import(qtbot, window, answers, back)
    panel = dialog.conflict_panel
    table = panel.findChild(QTableWidget, "partTable")
    assert table.isVisible()
    rows = rows_by_label(table)
    assert set(rows) == {"職名", "所属"}  # exactly the parts that differ
    assert table.item(rows["所属"], 2).text() == "行政経営課（チーフ）"
    assert table.item(rows["所属"], 3).text() == "情報政策課（サブ）"
    assert "競合" in table.item(rows["所属"], 1).text() or "相違" in table.item(rows["所属"], 1).text()
    assert not dialog.apply_button.isEnabled()
    click_cell(qtbot, table, rows["職名"], 3)  # the file's 職名
    assert not dialog.apply_button.isEnabled()  # 所属 still open
    click_cell(qtbot, table, rows["所属"], 2)  # my 所属
    assert dialog.apply_button.isEnabled()
    assert panel.choices[ids[2]] == "merged"
    assert "部分ごとに選んだ内容" in panel.list.item(0).text()
    dialog.apply_button.click()
    qtbot.waitUntil(lambda: dialog.state == "done", timeout=20000)
    with Store.open(chief, readonly=True) as store:
        person = store.get_staff(ids[2])
        new_chain = store.revision_chain(ids[2])
    assert (person.section, person.title) == ("行政経営課（チーフ）", "主査（サブ）")
    # One new revision after mine, and the file's revisions known: importing again is quiet.
    assert new_chain[-1] == person.revision and set(chain) < set(new_chain)
    assert window.session.undo_stack.count() == 1
    window.session.undo_stack.undo()
    with Store.open(chief, readonly=True) as store:
        assert store.get_staff(ids[2]).title != "主査（サブ）"
    window.session.undo_stack.redo()
    with Store.open(chief, readonly=True) as store:
        assert store.get_staff(ids[2]).title == "主査（サブ）"


def test_all_mine_and_all_theirs_shortcuts(qtbot, offices, answers):  # noqa: F811
    chief, back, ids = offices
    window = open_window(qtbot, chief)
    dialog = start_import(qtbot, window, answers, back)
    panel = dialog.conflict_panel
    theirs_button = panel.findChild(QPushButton, "partsAllTheirs")
    qtbot.mouseClick(theirs_button, Qt.MouseButton.LeftButton)
    assert panel.choices[ids[2]] == "theirs" and dialog.apply_button.isEnabled()
    qtbot.mouseClick(panel.findChild(QPushButton, "partsAllMine"), Qt.MouseButton.LeftButton)
    assert panel.choices[ids[2]] == "mine"
    assert panel.buttons["mine"].isChecked()
