"""経験年数 for readers of a shared file: the export stores it with its as-of day, and the
SQL that db/README.md gives reproduces it, for every demo person and for awkward periods."""

import json
import random
import re
import sqlite3
from datetime import date

import pytest

from skillmatrix.domain.dates import PartialDate, Period
from skillmatrix.domain.model import Assignment, Staff, experience_years
from skillmatrix.store.repository import Store
from skillmatrix.store.shared_sql import record_experience
from tests.exchange.shared_support import ROOT, sm


def readme_sql() -> str:
    text = (ROOT / "db" / "README.md").read_text(encoding="utf-8")
    rule = text[text.index("### The rule, exactly") :]
    return re.search(r"```sql\n(.*?)```", rule, re.S).group(1)


def run_readme_sql(path) -> dict[str, int]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {staff_id: years for staff_id, _name, years in conn.execute(readme_sql())}
    finally:
        conn.close()


@pytest.fixture(scope="module")
def shared_300(tmp_path_factory, demo_factory):
    folder = tmp_path_factory.mktemp("exp")
    db = demo_factory(folder, 300)
    out = folder / "shared.sqlite"
    sm("export", "--db", db, "--out", out, check=0)
    return db, out


def test_the_export_stores_each_persons_years_and_the_readme_sql_reproduces_them(shared_300):
    db, shared = shared_300
    listed = {
        p["id"]: p["experience_years"] for p in json.loads(sm("list", "--db", db, "--json", check=0).out)
    }
    conn = sqlite3.connect(f"file:{shared}?mode=ro", uri=True)
    stored = {
        r[0]: r[1:]
        for r in conn.execute("SELECT staff_id, years, computed, override, as_of FROM staff_experience")
    }
    conn.close()
    assert len(listed) == 300 and stored.keys() == listed.keys()
    assert {as_of for *_, as_of in stored.values()} == {date.today().isoformat()}
    assert {sid: v[0] for sid, v in stored.items()} == listed
    assert run_readme_sql(shared) == listed
    # The demo has people of every kind the rule must get right: not all figures are equal.
    assert len(set(listed.values())) > 10


def test_a_working_database_leaves_the_table_empty(tmp_path, demo_factory):
    db = demo_factory(tmp_path, 2)
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    assert conn.execute("SELECT count(*) FROM staff_experience").fetchone()[0] == 0
    conn.close()


AS_OF = date(2026, 11, 27)


def awkward_dates(rng):
    """Dates of every precision around month ends, leap days and the as-of day."""
    year = rng.choice([1999, 2000, 2012, 2015, 2020, 2024, 2025, 2026, 2027])
    kind = rng.random()
    if kind < 0.2:
        return PartialDate(year)
    month = rng.randint(1, 12)
    if kind < 0.45:
        return PartialDate(year, month)
    day = rng.choice([1, 2, 15, 28, 29, 30, 31])
    while True:
        try:
            return PartialDate(year, month, day)
        except Exception:
            day -= 1


def random_staff(rng, n):
    people = []
    for i in range(n):
        assignments = []
        for _ in range(rng.randint(0, 5)):
            start = awkward_dates(rng) if rng.random() > 0.05 else None
            end = None if rng.random() < 0.3 else awkward_dates(rng)
            if start and end and end.last_day() < start.first_day():
                start, end = end, start
            assignments.append(Assignment(period=Period(start, end), name=f"係{i}"))
        override = rng.choice([None] * 9 + [7])
        people.append(Staff(name=f"職員{i}", assignments=assignments, experience_override=override))
    return people


def test_the_readme_sql_agrees_with_the_program_on_awkward_periods(tmp_path):
    rng = random.Random(20261127)
    people = random_staff(rng, 400)
    path = tmp_path / "awkward.sqlite"
    with Store.create(path) as store:
        store.add_many(people, action="demo")
    conn = sqlite3.connect(path)
    with conn:
        record_experience(conn, AS_OF)
    conn.close()
    expected = {
        p.id: p.experience_override
        if p.experience_override is not None
        else experience_years([a.period for a in p.assignments], AS_OF)
        for p in people
    }
    assert run_readme_sql(path) == expected
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    assert dict(conn.execute("SELECT staff_id, years FROM staff_experience")) == expected
    conn.close()
