"""The removals and restores undo needs, and recording courses with the plan in one
transaction."""

import pytest

from skillmatrix.demo.generated import SEED_STAFFER_ID, SEED_VETERAN_ID, generated_staff, seed_staff
from skillmatrix.domain.dates import PartialDate
from skillmatrix.domain.department import PlanItem
from skillmatrix.domain.model import Entry, ValidationError
from skillmatrix.store import department_undo as undo
from skillmatrix.store.department import DepartmentStore
from skillmatrix.store.errors import StoreError
from skillmatrix.store.repository import Store


@pytest.fixture
def store(tmp_path):
    s = Store.create(tmp_path / "u.sqlite")
    s.add_many(seed_staff(s.categories()) + generated_staff(10, s.categories()), "demo")
    yield s
    s.close()


def test_statement_removed_and_restored_with_ticks_and_profiles(store):
    d = DepartmentStore(store)
    statement = d.can_do()[0]
    d.set_tick(SEED_VETERAN_ID, statement.id, True, PartialDate(2024, 5))
    d.set_tick(SEED_STAFFER_ID, statement.id, True)
    required_by = [p.id for p in d.profiles() if statement.id in p.can_do]
    assert required_by
    removed = undo.delete_can_do(d, statement.id)
    assert statement.id not in {s.id for s in d.can_do()}
    assert all(statement.id not in p.can_do for p in d.profiles())
    assert d.ticks() == {}
    undo.restore_can_do(d, removed)
    assert d.can_do()[0] == statement
    assert d.ticks() == {
        SEED_VETERAN_ID: {statement.id: PartialDate(2024, 5)},
        SEED_STAFFER_ID: {statement.id: None},
    }
    assert [p.id for p in d.profiles() if statement.id in p.can_do] == required_by
    assert d.ticks(SEED_STAFFER_ID) == {SEED_STAFFER_ID: {statement.id: None}}
    with pytest.raises(StoreError):
        undo.delete_can_do(d, "nope")


def test_profile_restored_with_its_holders(store):
    d = DepartmentStore(store)
    profile = d.profiles()[2]
    d.assign_profile(SEED_STAFFER_ID, profile.id)
    old, holders = d.delete_profile(profile.id)
    assert d.assigned_profiles() == {}
    store.delete_staff(SEED_STAFFER_ID)  # someone gone meanwhile is skipped, not an error
    undo.restore_profile(d, old, holders + [SEED_VETERAN_ID])
    assert d.profiles()[2] == profile
    assert d.assigned_profiles() == {SEED_VETERAN_ID: profile.id}


def test_course_restored_with_its_plan_lines(store):
    d = DepartmentStore(store)
    course = d.courses()[3]
    d.save_plan(2026, [PlanItem(staff_id=SEED_STAFFER_ID, title=course.name, course_id=course.id)])
    links = undo.course_plan_links(d, course.id)
    assert len(links) == 1
    d.delete_course(course.id)
    assert d.plan(2026)[0].course_id is None
    undo.restore_course(d, course, links)
    assert d.courses()[3] == course and d.plan(2026)[0].course_id == course.id


def test_record_training_is_one_transaction(store):
    d = DepartmentStore(store)
    course = d.courses()[2]
    sheet = store.get_staff(SEED_STAFFER_ID)
    sheet.entries.append(Entry(course.level, course.category_id, course.name, kind="training"))
    item = PlanItem(staff_id=SEED_STAFFER_ID, title=course.name, course_id=course.id, status="done")
    old_sheets, old_items = undo.record_training(d, 2026, [sheet], [item])
    assert old_items == [] and len(old_sheets[0].entries) == len(sheet.entries) - 1
    assert course.name in [
        e.text for e in store.get_staff(SEED_STAFFER_ID).cell(course.level, course.category_id)
    ]
    assert d.plan(2026)[0].status == "done"
    # A broken sheet writes nothing at all, not even the plan.
    bad = store.get_staff(SEED_STAFFER_ID)
    bad.entries.append(Entry(9, course.category_id, "x"))
    with pytest.raises(ValidationError):
        undo.record_training(d, 2026, [bad], [])
    assert d.plan(2026)[0].status == "done"
    # Undo is the same call with the old values.
    undo.record_training(d, 2026, old_sheets, old_items)
    assert d.plan(2026) == [] and store.get_staff(SEED_STAFFER_ID).entries == old_sheets[0].entries
    # A plan refused inside rolls the sheets back too.
    with pytest.raises(StoreError):
        undo.record_training(d, 2026, [sheet], [PlanItem(staff_id=SEED_STAFFER_ID, title="", status="done")])
    assert store.get_staff(SEED_STAFFER_ID).entries == old_sheets[0].entries
    assert [r["action"] for r in store.audit_log(3)][:1] == ["plan"]
