"""The department as of a past moment, rebuilt from the revisions, against a dump of then."""

import time

import pytest

from skillmatrix.demo.generated import SEED_STAFFER_ID, SEED_VETERAN_ID, generated_staff, seed_staff
from skillmatrix.domain.department import person_levels
from skillmatrix.domain.model import Entry, Staff
from skillmatrix.exchange.interchange import read_json, write_json
from skillmatrix.store import audit
from skillmatrix.store.history import HistoryStore
from skillmatrix.store.repository import Store


@pytest.fixture
def store(tmp_path):
    s = Store.create(tmp_path / "h.sqlite")
    s.add_many(seed_staff(s.categories()) + generated_staff(20, s.categories()), "demo")
    yield s
    s.close()


def tick():
    time.sleep(0.005)  # timestamps are to the millisecond
    at = audit.now()
    time.sleep(0.005)
    return at


def test_as_of_view_matches_a_dump_saved_then(store, tmp_path):
    dump = tmp_path / "then.json"
    write_json(store.iter_staff(), store.categories(), dump)
    then = tick()
    sec = next(c.id for c in store.categories() if c.name == "セキュリティ")
    vet = store.get_staff(SEED_VETERAN_ID)
    vet.entries.append(Entry(level=7, category_id=sec, text="CISO補佐官"))
    vet.title = "課長"
    store.save_staff(vet)
    store.delete_staff(SEED_STAFFER_ID)
    store.add_staff(Staff(name="新人 一郎", title="主事"))
    history = HistoryStore(store)

    saved = read_json(dump, store.categories()).people
    past = history.snapshot_at(then)
    # Everyone of then (the deleted person too; list order is today's, leavers last).
    assert sorted(p.id for p in past.people) == sorted(s.id for s in saved)
    assert past.people[-1].id == SEED_STAFFER_ID
    assert past.levels == {s.id: person_levels(s) for s in saved if s.entries} | {
        s.id: {} for s in saved if not s.entries
    }
    assert past.level(SEED_VETERAN_ID, sec) == 6
    assert next(p for p in past.people if p.id == SEED_VETERAN_ID).title != "課長"
    # The sheet itself as of then: every entry as the dump has it.
    old = history.staff_at(SEED_VETERAN_ID, then)
    dumped = next(s for s in saved if s.id == SEED_VETERAN_ID)
    assert [(e.level, e.category_id, e.text) for e in old.entries] == [
        (e.level, e.category_id, e.text) for e in dumped.entries
    ]
    # And now: the change, the deletion and the newcomer.
    now = history.snapshot_at(tick())
    assert now.level(SEED_VETERAN_ID, sec) == 7
    assert SEED_STAFFER_ID not in {p.id for p in now.people}
    assert "新人 一郎" in {p.name for p in now.people}
    assert history.staff_at(SEED_STAFFER_ID, then) is not None


def test_before_anything_was_saved_nobody_is_there(store):
    assert HistoryStore(store).snapshot_at("2000-01-01T00:00:00.000+00:00").people == []


def test_scenarios_are_saved_by_name_only(store):
    from skillmatrix.domain.coverage import Placeholder, Scenario

    history = HistoryStore(store)
    assert history.scenarios() == {}
    s = Scenario(leaving=(SEED_VETERAN_ID,), arriving=(Placeholder("主任"),))
    history.save_scenario("2027年4月案", s)
    assert history.scenarios() == {"2027年4月案": s}
    history.delete_scenario("2027年4月案")
    assert history.scenarios() == {}
