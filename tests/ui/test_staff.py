"""People: the filter, adding, deleting with confirmation, moving and sorting — all undoable."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QMessageBox, QTableView

from skillmatrix.domain.model import Entry, Staff
from skillmatrix.store.repository import Store
from tests.ui.support import commit_text, find, go_to, snapshot

PEOPLE = [
    ("藤沢 花子", "ふじさわ はなこ", "事務職員", "セキュリティ研修"),
    ("湘南 太郎", "しょうなん たろう", "参事", "住基システム導入"),
    ("江ノ島 次郎", "えのしま じろう", "主事", "ネットワーク基礎セミナー"),
    ("辻堂 三郎", "つじどう さぶろう", "技師", "GIS研修"),
]


@pytest.fixture
def people_db(db_path):
    with Store.create(db_path) as store:
        category = store.categories()[0].id
        for name, kana, title, text in PEOPLE:
            store.add_staff(
                Staff(name=name, kana=kana, title=title, entries=[Entry(1, category, text, "training")])
            )
    return db_path


@pytest.fixture
def people_window(qtbot, people_db):
    from skillmatrix.app import create_window

    win = create_window(people_db)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()


def shown_names(window) -> list[str]:
    model = find(window, QTableView, "staffList").model()
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def test_filter_matches_name_kana_title_and_entry_text_as_you_type(qtbot, people_window):
    window = people_window
    box = find(window, QLineEdit, "staffFilter")
    window.action("actionFind").trigger()
    assert QApplication.focusWidget() is box
    commit_text(box, "研修")  # entry text
    assert shown_names(window) == ["藤沢 花子", "辻堂 三郎"]
    assert find(window, QLabel, "staffCount").text() == "4名中 2名を表示"
    commit_text(box, "GIS")  # narrows: 研修GIS matches nobody …
    assert shown_names(window) == []
    box.clear()
    commit_text(box, "ショウナン")  # katakana finds the hiragana kana
    assert shown_names(window) == ["湘南 太郎"]
    box.clear()
    commit_text(box, "主事 えの")  # every word must match
    assert shown_names(window) == ["江ノ島 次郎"]
    box.clear()
    commit_text(box, "ｇｉｓ")  # full-width, other case
    assert shown_names(window) == ["辻堂 三郎"]
    # Down goes to the list and shows the first match everywhere else.
    qtbot.keyClick(box, Qt.Key.Key_Down)
    assert find(window, QLineEdit, "nameEdit").text() == "辻堂 三郎"
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    assert len(shown_names(window)) == 4


def test_selecting_a_row_shows_that_person(qtbot, people_window):
    view = find(people_window, QTableView, "staffList")
    assert find(people_window, QLineEdit, "nameEdit").text() == "藤沢 花子"
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert find(people_window, QLineEdit, "nameEdit").text() == "湘南 太郎"
    grid = find(people_window, QTableView, "skillGrid")
    assert grid.model().index(1, 0).data() == "住基システム導入"


def test_delete_asks_first_and_undo_puts_the_person_back_in_place(qtbot, people_window, people_db):
    window = people_window
    view = find(window, QTableView, "staffList")
    view.setFocus()
    go_to(view, 1, 0)
    before = snapshot(people_db)
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    box = window.findChild(QMessageBox, "confirmDeleteDialog")
    assert box is not None and "湘南 太郎" in box.text()
    box.button(QMessageBox.StandardButton.No).click()
    assert snapshot(people_db) == before
    window.action("actionDeleteStaff").trigger()
    box = [b for b in window.findChildren(QMessageBox, "confirmDeleteDialog") if b.isVisible()][0]
    box.button(QMessageBox.StandardButton.Yes).click()
    assert [p["name"] for p in snapshot(people_db)] == ["藤沢 花子", "江ノ島 次郎", "辻堂 三郎"]
    assert find(window, QLineEdit, "nameEdit").text() == "江ノ島 次郎"  # the next one is shown
    assert window.action("actionUndo").text() == "元に戻す: 職員の削除"
    window.action("actionUndo").trigger()
    assert snapshot(people_db) == before
    assert shown_names(window)[1] == "湘南 太郎"
    assert find(window, QLineEdit, "nameEdit").text() == "湘南 太郎"


def test_move_and_sort_are_undoable(qtbot, people_window, people_db):
    window = people_window
    view = find(window, QTableView, "staffList")
    view.setFocus()
    go_to(view, 0, 0)
    qtbot.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    order = [p["name"] for p in snapshot(people_db)]
    assert order == ["湘南 太郎", "藤沢 花子", "江ノ島 次郎", "辻堂 三郎"]
    assert shown_names(window) == order
    assert view.currentIndex().row() == 1  # the cursor follows the moved person
    window.action("actionSortByKana").trigger()
    assert [p["name"] for p in snapshot(people_db)] == ["江ノ島 次郎", "湘南 太郎", "辻堂 三郎", "藤沢 花子"]
    assert window.action("actionUndo").text() == "元に戻す: ふりがな順に並べ替え"
    window.action("actionUndo").trigger()
    assert [p["name"] for p in snapshot(people_db)] == order
    window.action("actionUndo").trigger()
    assert [p["name"] for p in snapshot(people_db)] == [p[0] for p in PEOPLE]


def test_an_empty_name_is_refused_and_explained(qtbot, people_window, people_db):
    window = people_window
    name = find(window, QLineEdit, "nameEdit")
    before = snapshot(people_db)
    name.setFocus()
    name.selectAll()
    qtbot.keyClick(name, Qt.Key.Key_Delete)
    qtbot.keyClick(name, Qt.Key.Key_Return)
    assert snapshot(people_db) == before
    assert "氏名が空です" in window.statusBar().currentMessage()
    assert "氏名が空です" in name.toolTip()
    assert window.session.undo_stack.count() == 0


def test_profile_edit_updates_the_list_and_the_filter_text(qtbot, people_window):
    window = people_window
    name = find(window, QLineEdit, "nameEdit")
    name.setFocus()
    name.selectAll()
    commit_text(name, "藤沢 華子")
    qtbot.keyClick(name, Qt.Key.Key_Return)
    assert shown_names(window)[0] == "藤沢 華子"
    commit_text(find(window, QLineEdit, "staffFilter"), "華子")
    assert shown_names(window) == ["藤沢 華子"]
