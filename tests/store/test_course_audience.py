"""Issue 13 item 8: a course's audience (新採用 / 担当 / 主担当 / 管理職), migration 0005 and
the proposals that respect it."""

import sqlite3

import pytest

from skillmatrix.domain import department as dep
from skillmatrix.domain.department_defaults import load_department_defaults
from skillmatrix.store import schema
from skillmatrix.store.department import DepartmentStore
from skillmatrix.store.errors import StoreError
from skillmatrix.store.repository import Store


@pytest.mark.parametrize(
    ("title", "years", "role"),
    [
        ("参事", 32, "manager"),
        ("課長補佐", 20, "manager"),
        ("主幹", 15, "manager"),
        ("主査", 12, "lead"),
        ("主任", 0, "lead"),
        ("主事", 0, "new"),
        ("主事", 1, "new"),
        ("主事", 5, "staff"),
        ("", None, "staff"),
    ],
)
def test_role_of_title_and_years(title, years, role):
    assert dep.role_of(title, years) == role


def test_every_built_in_course_has_a_sensible_audience():
    courses = {c["name"]: c["audience"] for c in load_department_defaults().courses}
    assert len(courses) == 23 and set(courses.values()) <= set(dep.AUDIENCES) - {""}
    assert courses["新採用職員研修"] == "new"
    assert courses["自治体CIO育成研修"] == "manager"
    assert courses["IT基礎セミナー"] == "staff"


def test_no_newcomer_course_for_a_32_year_sanji():
    course = dep.Course("新採用職員研修", category_id="gen", level=1, audience="new")
    academy = dep.Course("市町村アカデミー 宿泊研修", category_id="gen", level=2, audience="lead")
    profile = dep.TargetProfile("総括", targets={"gen": 3})
    veteran = dep.propose_courses({}, profile, [course, academy], [], role=dep.role_of("参事", 32))
    assert [c.name for c in veteran] == ["市町村アカデミー 宿泊研修"]
    newcomer = dep.propose_courses({}, profile, [course, academy], [], role=dep.role_of("主事", 0))
    assert [c.name for c in newcomer] == ["新採用職員研修"]


def make_version_3(path):
    conn = sqlite3.connect(path)
    for _version, sql in schema.migrations()[:3]:
        for statement in schema.split_sql(sql):
            conn.execute(statement)
    conn.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")
    conn.execute("PRAGMA user_version = 3")
    conn.execute("INSERT INTO meta (key, value) VALUES ('department_defaults', 't')")
    for i, name in enumerate(["新採用職員研修", "自治体CIO育成研修", "庁内の独自研修"]):
        conn.execute("INSERT INTO course (id, position, name) VALUES (?, ?, ?)", [f"k{i}", i, name])
    conn.commit()
    conn.close()


def test_migration_0005_gives_the_built_in_courses_their_audience(tmp_path):
    path = tmp_path / "v3.sqlite"
    make_version_3(path)
    with Store.open(path) as store:
        assert store.schema_version() == schema.current_version()
        courses = {c.name: c for c in DepartmentStore(store).courses()}
    assert courses["新採用職員研修"].audience == "new"
    assert courses["自治体CIO育成研修"].audience == "manager"
    assert courses["庁内の独自研修"].audience == ""


def test_audience_is_stored_and_checked(tmp_path):
    with Store.create(tmp_path / "a.sqlite") as store:
        d = DepartmentStore(store)
        assert {c.name: c.audience for c in d.courses()}["新採用職員研修"] == "new"
        course = d.courses()[0]
        course.audience = "manager"
        d.save_course(course)
        assert d.courses()[0].audience == "manager"
        course.audience = "boss"
        with pytest.raises(StoreError, match="対象"):
            d.save_course(course)
        assert d.courses()[0].audience == "manager"
