"""The staff list's search index: built while the window is idle, complete before a filter
is applied, and folding text exactly as NFKC + casefold + katakana→hiragana would."""

import unicodedata

import pytest

from skillmatrix.demo.generated import generated_staff, seed_staff
from skillmatrix.store.repository import Store
from skillmatrix.ui.common.session import Session
from skillmatrix.ui.staff import staff_list
from skillmatrix.ui.staff.staff_list import StaffListModel, normalise


def reference(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold().translate(staff_list._KATAKANA_TO_HIRAGANA)


@pytest.mark.parametrize(
    "text",
    [
        "情報セキュリティ研修（ＰＭ向け）",
        "ＩＴパスポート　取得",
        "ｾｷｭﾘﾃｨ ｶﾞｲﾄﾞ",
        "ワ\u3099",
        "ウ\u3099ァ",
        "㌀㍻①Ⅳ",
        "Straße ΣΊΣΥΦΟΣ",
        "ヴヵヶヷヺー・",
        "𠮷野家　ネットワーク",
        "",
        "\n\n",
        "ａｂｃ１２３：；",
    ],
)
def test_normalise_folds_like_nfkc(text):
    assert normalise(text) == reference(text)


@pytest.fixture
def session(qtbot, tmp_path):
    path = tmp_path / "people.sqlite"
    with Store.create(path) as store:
        categories = store.categories()
        store.add_many(seed_staff(categories) + generated_staff(30, categories), "demo", "test")
    store = Store.open(path)
    session = Session(store)
    yield session
    session.close()


def test_the_index_is_built_while_idle(qtbot, session, monkeypatch):
    monkeypatch.setattr(staff_list, "INDEX_SLICE", 7)
    model = StaffListModel(session)
    assert model.rowCount() == 32 and not model.searchable  # the list shows before its index
    qtbot.waitUntil(lambda: model.searchable)
    assert None not in model._texts
    model.set_filter("ネットワーク")
    expected = {s.id for s in session.store.iter_staff() if any("ネットワーク" in e.text for e in s.entries)}
    assert {model.summary(r).id for r in range(model.rowCount())} == expected != set()


def test_a_filter_before_the_index_is_complete_searches_what_is_ready(qtbot, session):
    model = StaffListModel(session)
    assert not model.searchable
    model.set_filter("ねっとわーく")  # hiragana finds katakana — in entries, not indexed yet
    assert not model.searchable  # the keystroke did not wait for the index
    qtbot.waitUntil(lambda: model.searchable)
    assert 0 < model.rowCount() < model.total()  # filtered again once the index was there
    names = {model.summary(r).name for r in range(model.rowCount())}
    model.set_filter("")
    model.set_filter("ネットワーク")
    assert {model.summary(r).name for r in range(model.rowCount())} == names


def test_a_long_list_is_indexed_in_a_background_thread(qtbot, session, monkeypatch):
    monkeypatch.setattr(staff_list, "INDEX_SLICE", 5)  # 32 people count as a long list
    model = StaffListModel(session)
    assert model._unindexed and not model._index_timer.isActive()  # not on the GUI thread
    qtbot.waitUntil(lambda: model.searchable, timeout=10000)
    model.set_filter("ネットワーク")
    expected = {s.id for s in session.store.iter_staff() if any("ネットワーク" in e.text for e in s.entries)}
    assert {model.summary(r).id for r in range(model.rowCount())} == expected != set()


def test_an_edit_before_indexing_is_searchable(qtbot, session):
    model = StaffListModel(session)
    person = session.store.get_staff(model.summary(5).id)
    person.title = "特命担当ＸＹＺ"
    session.store.save_staff(person)
    session.staff_written.emit(person)
    qtbot.waitUntil(lambda: model.searchable)
    model.set_filter("xyz")
    assert [model.summary(r).id for r in range(model.rowCount())] == [person.id]


def test_indexing_stops_when_the_database_is_closed(qtbot, session):
    model = StaffListModel(session)
    session.store.close()
    qtbot.wait(20)  # the idle turn comes and finds the store closed: no error
    assert model.searchable
    model.set_filter("何か")
    assert model.rowCount() == 0


def test_adding_a_person_keeps_the_index_of_the_others(qtbot, session, monkeypatch):
    from skillmatrix.domain.model import Entry, Staff

    model = StaffListModel(session)
    qtbot.waitUntil(lambda: model.searchable)
    newcomer = Staff(name="新人 花子", entries=[Entry(0, session.categories[0].id, "ゾウリムシ観察")])
    session.store.add_staff(newcomer)
    read = []
    search_texts = session.store.search_texts
    monkeypatch.setattr(session.store, "search_texts", lambda ids=None: read.append(ids) or search_texts(ids))
    session.staff_added.emit(newcomer, model.total())
    assert read == [[newcomer.id]] and model.searchable  # only the newcomer is read, at once
    model.set_filter("ぞうりむし")
    assert [model.summary(r).name for r in range(model.rowCount())] == ["新人 花子"]
    session.store.delete_staff(newcomer.id)
    session.staff_removed.emit(newcomer.id)
    assert model.searchable and model.rowCount() == 0


def test_first_keystroke_after_opening_does_not_wait_for_the_index(qtbot, window, db_path, monkeypatch):
    """Issue 13 item 10 in the window: a key typed into staffFilter while the index is being
    read is answered from what is ready; the list is completed when the index arrives."""
    import threading

    from PySide6.QtWidgets import QLineEdit

    from skillmatrix.ui.staff import search_index

    window.close()
    with Store.open(db_path) as store:
        categories = store.categories()
        store.add_many(seed_staff(categories) + generated_staff(30, categories), "demo", "test")
    release = threading.Event()
    read = search_index.read_folded_texts
    monkeypatch.setattr(search_index, "read_folded_texts", lambda *a: release.wait(10) and read(*a))
    monkeypatch.setattr(staff_list, "INDEX_SLICE", 5)
    from skillmatrix.app import create_window

    win = create_window(db_path)
    qtbot.addWidget(win)
    win.show()
    model = win.staff_panel.model
    box = win.findChild(QLineEdit, "staffFilter")
    box.setFocus()
    qtbot.keyClicks(box, "it")  # in entry texts (ＩＴパスポート …), not in any name
    assert not model.searchable  # answered without the index
    shown_before = model.rowCount()
    release.set()
    qtbot.waitUntil(lambda: model.searchable, timeout=10000)
    with Store.open(db_path, readonly=True) as store:
        expected = {
            s.id
            for s in store.iter_staff()
            if "it"
            in normalise("\n".join([s.name, s.kana, s.title, s.section] + [e.text for e in s.entries]))
        }
    assert {model.summary(r).id for r in range(model.rowCount())} == expected
    assert model.rowCount() > shown_before
    assert box.text() == "it"  # typed with real key events
    win.close()
