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


def test_a_filter_before_the_index_is_complete_completes_it(qtbot, session):
    model = StaffListModel(session)
    assert not model.searchable
    model.set_filter("ねっとわーく")  # hiragana finds katakana
    assert model.searchable and 0 < model.rowCount() < model.total()
    names = {model.summary(r).name for r in range(model.rowCount())}
    model.set_filter("")
    model.set_filter("ネットワーク")
    assert {model.summary(r).name for r in range(model.rowCount())} == names


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


def test_adding_a_person_keeps_the_index_of_the_others(qtbot, session):
    from skillmatrix.domain.model import Entry, Staff

    model = StaffListModel(session)
    qtbot.waitUntil(lambda: model.searchable)
    newcomer = Staff(name="新人 花子", entries=[Entry(0, session.categories[0].id, "ゾウリムシ観察")])
    session.store.add_staff(newcomer)
    session.staff_added.emit(newcomer, model.total())
    assert model._unindexed == [newcomer.id]  # only the newcomer is read again
    model.set_filter("ぞうりむし")
    assert [model.summary(r).name for r in range(model.rowCount())] == ["新人 花子"]
    session.store.delete_staff(newcomer.id)
    session.staff_removed.emit(newcomer.id)
    assert model.searchable and model.rowCount() == 0
