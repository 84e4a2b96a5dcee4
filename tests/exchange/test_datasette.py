"""The Datasette metadata shipped in resources/: it describes every table, view and column
of a shared file in Japanese, and Datasette's own client runs every canned query on a real
export (read-only, immutable)."""

import asyncio
import json
import sqlite3

import pytest

from skillmatrix.paths import resources_dir
from tests.exchange.shared_support import sm

datasette_app = pytest.importorskip("datasette.app")

METADATA = resources_dir() / "datasette-metadata.json"


@pytest.fixture(scope="module")
def shared(tmp_path_factory, demo_factory):
    folder = tmp_path_factory.mktemp("datasette")
    db = demo_factory(folder, 40)
    # README: the file is published as skillmatrix.sqlite, the database the metadata names.
    out = folder / "skillmatrix.sqlite"
    sm("export", "--db", db, "--out", out, check=0)
    return out


def load_metadata():
    return json.loads(METADATA.read_text(encoding="utf-8"))


def test_every_table_view_and_column_has_a_japanese_title_and_description(shared):
    described = load_metadata()["databases"]["skillmatrix"]["tables"]
    conn = sqlite3.connect(f"file:{shared}?mode=ro", uri=True)
    objects = [
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%'"
        )
    ]
    missing = []
    for name in objects:
        meta = described.get(name)
        if not meta or not meta.get("title") or not meta.get("description"):
            missing.append(name)
            continue
        columns = [r[1] for r in conn.execute(f"PRAGMA table_info({name})")]
        missing += [f"{name}.{c}" for c in columns if not meta["columns"].get(c)]
        missing += [f"{name}.{c} (no such column)" for c in set(meta["columns"]) - set(columns)]
    conn.close()
    assert missing == []
    assert set(described) == set(objects)


def fetch(ds, path):
    async def get():
        response = await ds.client.get(path)
        return response.status_code, response.text

    return asyncio.run(get())


@pytest.fixture(scope="module")
def datasette(shared):
    ds = datasette_app.Datasette(immutables=[str(shared)], metadata=load_metadata())
    asyncio.run(ds.invoke_startup())
    return ds


def rows(ds, path):
    status, text = fetch(ds, path + ("&" if "?" in path else "?") + "_shape=array")
    assert status == 200, text[:500]
    return json.loads(text)


def test_every_canned_query_runs(datasette, shared):
    queries = load_metadata()["databases"]["skillmatrix"]["queries"]
    assert set(queries) == {
        "people_at_level",
        "entries_per_category",
        "experience_years",
        "qualifications_expiring",
        "course_takers",
    }
    conn = sqlite3.connect(f"file:{shared}?mode=ro", uri=True)
    staff = conn.execute("SELECT count(*) FROM staff").fetchone()[0]

    at_level = rows(datasette, "/skillmatrix/people_at_level.json?category=セキュリティ&level=3")
    expected = conn.execute(
        "SELECT count(DISTINCT e.staff_id) FROM entry e JOIN category c ON c.id = e.category_id "
        "WHERE c.name = 'セキュリティ' AND e.level >= 3"
    ).fetchone()[0]
    assert len(at_level) == expected > 0
    assert all(r["最高レベル"] >= 3 for r in at_level)
    assert "湘南 太郎" in {r["氏名"] for r in at_level}  # the seed veteran: セキュリティ level 6

    per_category = rows(datasette, "/skillmatrix/entries_per_category.json")
    assert len(per_category) == 8
    assert (
        sum(r["実績件数"] for r in per_category) == conn.execute("SELECT count(*) FROM entry").fetchone()[0]
    )

    years = rows(datasette, "/skillmatrix/experience_years.json")
    assert len(years) == staff
    listed = {p["name"]: p["experience_years"] for p in json.loads(sm("list", "--db", shared, "--json").out)}
    assert {r["氏名"]: r["経験年数"] for r in years} == listed

    expiring = rows(datasette, "/skillmatrix/qualifications_expiring.json")
    assert all(r["残り日数"] <= 90 for r in expiring)

    course = conn.execute("SELECT text FROM entry WHERE kind = 'training' LIMIT 1").fetchone()[0]
    takers = rows(datasette, f"/skillmatrix/course_takers.json?course={course}")
    assert takers and all(course in r["研修"] for r in takers)
    conn.close()


def test_the_view_and_tables_show_their_japanese_titles(datasette):
    status, html = fetch(datasette, "/skillmatrix/resume_entries")
    assert status == 200 and "スキル履歴書の実績（一覧）" in html
    first = rows(datasette, "/skillmatrix/resume_entries.json?_size=5")
    assert [r["staff_name"] for r in first][:1] == ["藤沢 花子"]  # list order, from the indexes
    status, html = fetch(datasette, "/skillmatrix")
    assert status == 200 and "経験年数の一覧" in html


def test_the_published_file_cannot_be_written(datasette):
    status, _ = fetch(datasette, "/skillmatrix?sql=DELETE+FROM+staff")
    assert status in (400, 403)
