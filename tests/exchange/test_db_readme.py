"""db/README.md documents every table, view, column and index of db/*.sql, and its
sqlite3 examples run against a real shared file."""

import re
import sqlite3
import subprocess

import pytest

from skillmatrix.store import schema
from tests.exchange.shared_support import ROOT, sm

README = ROOT / "db" / "README.md"


def defined():
    """(type, name, columns) of every object the migrations create."""
    conn = sqlite3.connect(":memory:")
    for _, sql in schema.migrations():
        for statement in schema.split_sql(sql):
            conn.execute(statement)
    objects = []
    for kind, name in conn.execute("SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"):
        columns = (
            [r[1] for r in conn.execute(f"PRAGMA table_info({name})")] if kind in ("table", "view") else []
        )
        objects.append((kind, name, columns))
    conn.close()
    return objects


def section(text, name):
    """The README's text under '### `name`' up to the next heading."""
    m = re.search(rf"^### `{re.escape(name)}`\n(.*?)(?=^#{{2,3}} )", text + "\n## end", re.S | re.M)
    return m.group(1) if m else None


def test_every_table_view_and_column_is_documented():
    text = README.read_text(encoding="utf-8")
    missing = []
    for kind, name, columns in defined():
        if kind == "index":
            if f"`{name}`" not in text:
                missing.append(f"index {name}")
            continue
        body = section(text, name)
        if body is None:
            missing.append(f"{kind} {name}: no '### `{name}`' section")
            continue
        documented = set(re.findall(r"^\| `(\w+)` \|", body, re.M))
        missing += [f"{kind} {name}.{c}" for c in columns if c not in documented]
        missing += [f"{kind} {name}.{c} (no such column)" for c in documented - set(columns)]
    assert missing == []


def test_the_file_markers_are_stated_correctly():
    text = README.read_text(encoding="utf-8")
    assert f"`{schema.APPLICATION_ID}`" in text and f"`0x{schema.APPLICATION_ID:08X}`" in text
    assert f"(currently {schema.current_version()})" in text


@pytest.fixture(scope="module")
def shared(tmp_path_factory, demo_factory):
    folder = tmp_path_factory.mktemp("readme")
    db = demo_factory(folder, 5)
    out = folder / "shared.sqlite"
    sm("export", "--db", db, "--out", out, check=0)
    return out


def test_the_readme_queries_run_in_the_stock_sqlite3_shell(shared):
    text = README.read_text(encoding="utf-8")
    queries = re.findall(r'"(SELECT[^"]+)"', text)
    assert len(queries) >= 4
    for query in queries:
        p = subprocess.run(
            ["/usr/bin/sqlite3", "-readonly", "-header", "-csv", str(shared), query],
            capture_output=True,
            timeout=60,
        )
        assert p.returncode == 0 and p.stdout.strip(), (query, p.stderr.decode())
    first = subprocess.run(
        [
            "/usr/bin/sqlite3",
            "-readonly",
            "-header",
            "-csv",
            str(shared),
            "SELECT * FROM resume_entries LIMIT 1",
        ],
        capture_output=True,
        timeout=60,
    )
    header = first.stdout.decode("utf-8").splitlines()[0].split(",")
    view = next(cols for kind, name, cols in defined() if name == "resume_entries")
    assert header == view
