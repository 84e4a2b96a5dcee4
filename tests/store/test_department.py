"""The department tables: levels in SQL, the seeded catalogue, profiles, ticks, the plan."""

import sqlite3

import pytest

from skillmatrix.demo.generated import SEED_STAFFER_ID, SEED_VETERAN_ID, generated_staff, seed_staff
from skillmatrix.domain import department as dep
from skillmatrix.domain.dates import PartialDate
from skillmatrix.domain.model import Entry
from skillmatrix.store import schema
from skillmatrix.store.department import DepartmentStore
from skillmatrix.store.department_seed import SEEDED_KEY, seed_defaults
from skillmatrix.store.errors import StoreError
from skillmatrix.store.repository import Store


@pytest.fixture
def store(tmp_path):
    s = Store.create(tmp_path / "d.sqlite")
    s.add_many(seed_staff(s.categories()) + generated_staff(40, s.categories()), "demo")
    yield s
    s.close()


def cat(store, name):
    return next(c.id for c in store.categories() if c.name == name)


def test_levels_in_sql_equal_the_domain_rule(store):
    d = DepartmentStore(store)
    people = list(store.iter_staff())
    assert d.levels() == {s.id: dep.person_levels(s) for s in people if s.entries}
    training = d.levels(["training"])
    assert training == {s.id: lv for s in people if (lv := dep.person_levels(s, ["training"]))}
    assert d.levels()[SEED_VETERAN_ID][cat(store, "セキュリティ")] == 6
    assert training[SEED_VETERAN_ID][cat(store, "セキュリティ")] == 0
    assert d.levels([]) == {}
    with pytest.raises(ValueError):
        d.levels(["nope"])


def test_new_database_has_the_seed_catalogue(store):
    d = DepartmentStore(store)
    courses = d.courses()
    names = [c.name for c in courses]
    assert "市町村アカデミー (情報政策の新展開)" in names and "J-LIS教育研修 eラーニング" in names
    assert {"自治体CIO育成研修", "ベンダー", "市町村アカデミー"} <= {c.provider for c in courses}
    assert [c.position for c in courses] == list(range(len(courses)))
    statements = d.can_do()
    assert len(statements) == 7 and all(s.category_id == cat(store, "セキュリティ") for s in statements)
    profiles = d.profiles()
    assert [p.name for p in profiles] == ["担当", "主担当", "総括"]
    assert profiles[2].targets[cat(store, "ストラテジ")] == 4 and len(profiles[2].can_do) == 7
    actions = [r["action"] for r in store.audit_log(100)]
    assert actions.count("create") == 1 and "department_defaults" not in actions  # one step
    assert not seed_defaults(store.db, store.categories())  # written once only


def test_course_takers(store):
    d = DepartmentStore(store)
    course = next(c for c in d.courses() if c.name == "CIO育成研修(運用管理)")
    takers = d.course_takers(course)
    assert SEED_VETERAN_ID in [t[0] for t in takers]
    net = next(c for c in d.courses() if c.name == "ネットワーク基礎セミナー")
    ids = [t[0] for t in d.course_takers(net)]
    assert SEED_STAFFER_ID in ids and SEED_VETERAN_ID in ids


def test_profile_assignment_and_undo(store):
    d = DepartmentStore(store)
    tanto, shutanto, soukatsu = d.profiles()
    assert d.assign_profile(SEED_VETERAN_ID, tanto.id) is None
    assert d.assigned_profiles() == {SEED_VETERAN_ID: tanto.id}
    assert d.assign_profile(SEED_VETERAN_ID, None) == tanto.id
    assert d.assigned_profiles() == {}
    old = d.save_profile(dep.TargetProfile(**{**vars(tanto), "targets": {cat(store, "セキュリティ"): 3}}))
    assert old.targets[cat(store, "セキュリティ")] == 2
    assert d.profiles()[0].targets == {cat(store, "セキュリティ"): 3}
    d.save_profile(old)
    assert d.profiles()[0].targets == tanto.targets
    with pytest.raises(StoreError, match="すでにあります"):
        d.save_profile(dep.TargetProfile(name="総括"))
    d.assign_profile(SEED_STAFFER_ID, soukatsu.id)
    removed, holders = d.delete_profile(soukatsu.id)
    assert holders == [SEED_STAFFER_ID] and d.assigned_profiles() == {}
    d.save_profile(removed)
    assert [p.name for p in d.profiles()] == ["担当", "主担当", "総括"]
    actions = [r["action"] for r in store.audit_log(10)]
    assert actions.count("profile") == 4 and actions.count("assign_profile") == 3


def test_ticks_with_dates(store):
    d = DepartmentStore(store)
    s = d.can_do()[0]
    assert d.set_tick(SEED_VETERAN_ID, s.id, True, PartialDate(2020, 4)) == (False, None)
    assert d.ticks() == {SEED_VETERAN_ID: {s.id: PartialDate(2020, 4)}}
    assert d.set_tick(SEED_VETERAN_ID, s.id, False) == (True, PartialDate(2020, 4))
    assert d.ticks() == {}
    store.delete_staff(SEED_STAFFER_ID)  # ticks and profiles go with the person
    d.set_tick(SEED_VETERAN_ID, s.id, True)
    store.delete_staff(SEED_VETERAN_ID)
    assert d.ticks() == {}


def test_courses_and_plan(store):
    d = DepartmentStore(store)
    new = dep.Course(
        name='=HYPERLINK("x")', provider="庁内", category_id=cat(store, "セキュリティ"), level=2, position=99
    )
    assert d.save_course(new) is None
    assert d.courses()[-1].name.startswith("=HYPERLINK")
    with pytest.raises(StoreError):
        d.save_course(dep.Course(name="x", level=9))
    items = [
        dep.PlanItem(SEED_STAFFER_ID, "情報セキュリティ対策等研修", course_id=d.courses()[4].id),
        dep.PlanItem(SEED_VETERAN_ID, "自由記入の研修", status="accepted", position=1),
    ]
    assert d.save_plan(2027, items) == []
    assert [(i.staff_id, i.status) for i in d.plan(2027)] == [
        (SEED_STAFFER_ID, "proposed"),
        (SEED_VETERAN_ID, "accepted"),
    ]
    assert d.plan(2026) == []
    d.delete_course(d.courses()[4].id)
    assert d.plan(2027)[0].course_id is None  # the plan keeps its title
    with pytest.raises(StoreError):
        d.save_plan(2027, [dep.PlanItem(SEED_STAFFER_ID, "x", status="maybe")])


def make_version_2(path):
    """A file as version 2 of the program wrote it: two categories and one person."""
    conn = sqlite3.connect(path)
    for _version, sql in schema.migrations()[:2]:
        for statement in schema.split_sql(sql):
            conn.execute(statement)
    conn.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")
    conn.execute("PRAGMA user_version = 2")
    conn.execute("INSERT INTO level VALUES (0, 'レベル0', 'x', 'x', '{}')")
    conn.execute("INSERT INTO category VALUES ('c1', 0, 'セキュリティ', '')")
    conn.execute("INSERT INTO category VALUES ('c2', 1, '独自の分類', '')")
    conn.execute("INSERT INTO staff VALUES ('s1', 0, '旧版 職員', '', '主任', '', NULL, 'r1', 't', 't')")
    conn.commit()
    conn.close()


def test_migrated_file_gets_the_defaults_once(tmp_path):
    path = tmp_path / "v2.sqlite"
    make_version_2(path)
    with Store.open(path) as store:
        assert store.schema_version() == schema.current_version()
        d = DepartmentStore(store)
        courses = d.courses()
        # Categories it lacks by name are left empty; セキュリティ is resolved.
        assert any(c.category_id == "c1" for c in courses)
        assert {c.category_id for c in courses} <= {"c1", None}
        assert len(d.can_do()) == 7
        assert d.profiles()[1].targets == {"c1": 3}
        count = len(courses)
        d.delete_course(courses[0].id)
    with Store.open(path) as store:  # not seeded again: the user's deletion stands
        assert len(DepartmentStore(store).courses()) == count - 1


def test_read_only_open_writes_nothing(tmp_path):
    path = tmp_path / "v3.sqlite"
    Store.create(path).close()
    conn = sqlite3.connect(path)
    conn.execute("DELETE FROM meta WHERE key = ?", [SEEDED_KEY])
    conn.execute("DELETE FROM course")
    conn.commit()
    conn.close()
    with Store.open(path, readonly=True) as store:
        assert DepartmentStore(store).courses() == []
    with Store.open(path) as store:  # can_do and profiles held: nothing is added
        assert DepartmentStore(store).courses() == []
        assert store.db.execute("SELECT 1 FROM meta WHERE key = ?", [SEEDED_KEY]).fetchone()


def test_course_history_ignores_width_and_spaces(store):
    d = DepartmentStore(store)
    sheet = store.get_staff(SEED_STAFFER_ID)
    sheet.entries.append(
        Entry(
            level=3,
            category_id=cat(store, "セキュリティ"),
            text="ＣＹＤＥＲ（実践的 サイバー防御演習）",
            kind="training",
            date=PartialDate(2024, 11),
        )
    )
    store.save_staff(sheet)
    courses = d.courses()
    history = d.course_history(courses)
    cyder = next(c for c in courses if c.name.startswith("CYDER"))
    assert (SEED_STAFFER_ID, "藤沢 花子", PartialDate(2024, 11)) in history[cyder.id]
    assert {c.id: d.course_takers(c) for c in courses[:3]} == {c.id: history[c.id] for c in courses[:3]}
