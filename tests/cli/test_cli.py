"""The command line of spec/cli.md, run as a user would, in a real process."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "tests" / "fixtures" / "example.json"  # the spec's example, inside the repository


def sm(*args, check=None):
    # Redirected output honours PYTHONIOENCODING (issue 17); tests/cli/test_encoding.py
    # covers cp932 and the locale fallback.
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    p = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *map(str, args)], capture_output=True, env=env, timeout=300
    )
    p.out, p.err = p.stdout.decode("utf-8"), p.stderr.decode("utf-8")
    if check is not None:
        assert p.returncode == check, p.err
    return p


def one_clear_line(p):
    lines = p.err.strip().splitlines()
    return len(lines) == 1 and "Traceback" not in p.err and lines[0].startswith("エラー: ")


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "デモ.sqlite"
    sm("demo", "--db", path, check=0)
    return path


def test_version_and_usage_errors(tmp_path):
    assert sm("--version", check=0).out.startswith("SkillMatrix ")
    assert sm("no-such-command").returncode == 2
    assert sm("list").returncode == 2  # --db missing
    assert sm("demo", "--db", tmp_path / "x.sqlite", "--staff", "abc").returncode == 2


def test_demo_writes_the_two_seed_resumes(demo):
    people = json.loads(sm("list", "--db", demo, "--json", check=0).out)
    assert [p["title"] for p in people] == ["事務職員", "参事"]
    assert people[0]["experience_years"] == 3
    assert all({"id", "name", "title", "experience_years"} <= set(p) for p in people)


def test_demo_refuses_a_database_with_staff(demo):
    before = demo.read_bytes()
    p = sm("demo", "--db", demo)
    assert p.returncode == 1 and one_clear_line(p) and "書き込みません" in p.err
    assert demo.read_bytes() == before


def test_demo_with_generated_staff_is_deterministic(tmp_path):
    a, b = tmp_path / "a.sqlite", tmp_path / "b.sqlite"
    sm("demo", "--db", a, "--staff", 40, check=0)
    sm("demo", "--db", b, "--staff", 40, check=0)
    da, db = tmp_path / "a.json", tmp_path / "b.json"
    sm("dump", "--db", a, "--out", da, check=0)
    sm("dump", "--db", b, "--out", db, check=0)
    people = json.loads(da.read_text(encoding="utf-8"))["staff"]
    # Each database gives its people revisions of its own; everything else is the same.
    without = [re.sub(rb'\n      "revision": "[^"]+",', b"", d.read_bytes()) for d in (da, db)]
    assert len(people) == 40 and without[0] == without[1] and b'"revision"' not in without[0]


def test_list_plain(demo):
    lines = sm("list", "--db", demo, check=0).out.splitlines()
    assert len(lines) == 2 and lines[0].split("\t")[2:] == ["事務職員", "3年"]


def test_missing_database_is_an_error_and_not_created(tmp_path):
    for command in (["list"], ["dump", "--out", tmp_path / "o.json"], ["check"], ["import", EXAMPLE]):
        p = sm(command[0], "--db", tmp_path / "missing.sqlite", *command[1:])
        assert p.returncode == 1 and one_clear_line(p)
        # import into a missing file says how to make one
        assert ("skillmatrix init" in p.err) if command[0] == "import" else ("見つかりません" in p.err)
    assert not (tmp_path / "missing.sqlite").exists()


def test_dump_import_dump_round_trip(demo, tmp_path):
    first, second = tmp_path / "1.json", tmp_path / "2.json"
    sm("dump", "--db", demo, "--out", first, check=0)
    target = tmp_path / "t.sqlite"
    sm("demo", "--db", target, check=0)  # the same two people: all unchanged
    p = sm("import", "--db", target, first, check=0)
    assert "追加 0、更新 0、変更なし 2、競合 0" in p.out
    sm("dump", "--db", target, "--out", second, check=0)
    # The same sheets; the revisions are each database's own.
    strip = [re.sub(rb'\n      "revision": "[^"]+",', b"", f.read_bytes()) for f in (first, second)]
    assert strip[0] == strip[1]


def test_dump_of_named_staff_and_ambiguous_names(demo, tmp_path):
    out = tmp_path / "one.json"
    sm("dump", "--db", demo, "--out", out, "--staff", "湘南 太郎", check=0)
    assert [s["title"] for s in json.loads(out.read_text(encoding="utf-8"))["staff"]] == ["参事"]
    p = sm("dump", "--db", demo, "--out", out, "--staff", "いない人")
    assert p.returncode == 1 and one_clear_line(p) and "いない人" in p.err


def test_import_example_then_dry_run_changes_nothing(tmp_path):
    db = tmp_path / "d.sqlite"
    sm("demo", "--db", db, check=0)
    before = db.read_bytes()
    p = sm("import", "--db", db, EXAMPLE, "--dry-run", check=0)
    assert "追加 1" in p.out and "--dry-run" in p.out
    assert db.read_bytes() == before
    sm("import", "--db", db, EXAMPLE, check=0)
    assert len(json.loads(sm("list", "--db", db, "--json").out)) == 3


def test_invalid_import_is_refused_with_one_line_and_nothing_changes(tmp_path):
    db = tmp_path / "d.sqlite"
    sm("demo", "--db", db, check=0)
    dump_before = tmp_path / "before.json"
    sm("dump", "--db", db, "--out", dump_before, check=0)
    bad = tmp_path / "bad.json"
    bad.write_text(
        json.dumps(
            {
                "format": "skillmatrix-resume",
                "version": 1,
                "staff": [
                    {"name": "良い人"},
                    {"name": "悪い人", "entries": [{"level": 9, "category": "宇宙", "text": "x"}]},
                ],
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    p = sm("import", "--db", db, bad)
    assert p.returncode == 1 and one_clear_line(p)
    assert "悪い人" in p.err and "レベル9" in p.err and "宇宙" in p.err
    dump_after = tmp_path / "after.json"
    sm("dump", "--db", db, "--out", dump_after, check=0)
    assert dump_before.read_bytes() == dump_after.read_bytes()


def test_check(demo, tmp_path):
    assert "問題ありません" in sm("check", "--db", demo, check=0).out
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"not a database" * 100)
    p = sm("check", "--db", junk)
    assert p.returncode == 1 and one_clear_line(p)


def test_debug_shows_the_traceback(tmp_path):
    p = sm("list", "--db", tmp_path / "missing.sqlite", "--debug")
    assert p.returncode == 1 and "Traceback" in p.err


def test_commands_open_no_network(tmp_path):
    log = tmp_path / "net.log"
    env = {**os.environ, "SKILLMATRIX_NETLOG": str(log)}
    db, out = tmp_path / "n.sqlite", tmp_path / "n.json"
    runner = ROOT / "tests" / "support" / "no_network.py"
    for args in (
        ["demo", "--db", db, "--staff", "5"],
        ["list", "--db", db, "--json"],
        ["dump", "--db", db, "--out", out],
        ["import", "--db", db, out],
        ["check", "--db", db],
    ):
        p = subprocess.run(
            [sys.executable, str(runner), *map(str, args)], env=env, capture_output=True, timeout=300
        )
        assert p.returncode == 0, p.stderr.decode()
    assert not log.exists() or log.read_text() == ""


def test_the_network_guard_itself_works(tmp_path):
    """The guard must catch a socket, or the test above proves nothing."""
    log = tmp_path / "net.log"
    probe = (
        f"import sys; sys.path.insert(0, {str(ROOT)!r}); import tests.support.no_network; "
        "import socket; socket.create_connection(('127.0.0.1', 9))"
    )
    p = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        timeout=60,
        env={**os.environ, "SKILLMATRIX_NETLOG": str(log)},
    )
    assert p.returncode != 0 and b"network blocked by test" in p.stderr
    assert "socket." in log.read_text()


def test_demo_dump_holds_every_entry_of_the_seed_grids(demo, tmp_path):
    """`demo` then `dump`: each seed résumé complete, every entry at its level and category."""
    from tests.demo.test_demo import STAFFER_GRID, VETERAN_GRID

    out = tmp_path / "seed.json"
    sm("dump", "--db", demo, "--out", out, check=0)
    staffer, veteran = json.loads(out.read_text(encoding="utf-8"))["staff"]
    for person, grid in ((staffer, STAFFER_GRID), (veteran, VETERAN_GRID)):
        got = sorted((e["level"], e["category"], e["text"]) for e in person["entries"])
        assert got == sorted(tuple(row[:3]) for row in grid)
    assert [(a["start"], a["end"], a["name"]) for a in staffer["assignments"]] == [
        ("2010-04-01", "2013-03-31", "情報システム・NW担当"),
        ("2013-04", None, "情報政策担当"),
    ]
    assert [(p["start"], p["end"], p["name"]) for p in staffer["projects"]] == [
        ("2010-04-01", "2012-03-31", "職員ポータル更新"),
        ("2012-04-01", None, "通信回線更新"),
    ]
    assert len(veteran["assignments"]) == 7 and veteran["assignments"][-1]["name"] == "課長"
    assert veteran["assignments"][0]["start"] == "1981-08" and veteran["assignments"][-1]["end"] is None
    assert len(veteran["projects"]) == 8 and veteran["projects"][5]["name"] == "地域イントラ・学校イントラ"


def test_readme_demo_command_opens_and_closes_the_window_without_network(tmp_path):
    """`main.py --demo` (the README's first command) creates the demo database in the data
    folder, opens the window and, here, closes it: with every socket refused and QtNetwork
    never loaded."""
    log = tmp_path / "net.log"
    env = {
        **os.environ,
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "QT_QPA_PLATFORM": "offscreen",
        "SKILLMATRIX_QUIT_AFTER_MS": "300",
        "SKILLMATRIX_NETLOG": str(log),
        "SKILLMATRIX_ASSERT_NO_QTNETWORK": "1",
    }
    runner = ROOT / "tests" / "support" / "no_network.py"
    p = subprocess.run([sys.executable, str(runner), "--demo"], env=env, capture_output=True, timeout=120)
    assert p.returncode == 0, p.stderr.decode()
    db = tmp_path / "data" / "SkillMatrix" / "demo.sqlite"
    assert db.exists()
    assert len(json.loads(sm("list", "--db", db, "--json", check=0).out)) == 2
    assert not log.exists() or log.read_text() == ""


def test_a_dump_imported_into_another_database_comes_back_the_same(tmp_path):
    """The spec's round trip: two demo files hold the seed people under different revisions
    (the same sheets made twice); importing one's dump into the other converges them, so
    the second dump gives the same people — revision and revision_history included."""
    a, c = tmp_path / "a.sqlite", tmp_path / "c.sqlite"
    sm("demo", "--db", a, check=0)
    sm("import", "--db", a, EXAMPLE, check=0)
    sm("dump", "--db", a, "-o", tmp_path / "a.json", check=0)
    sm("demo", "--db", c, check=0)
    sm("import", "--db", c, tmp_path / "a.json", check=0)
    sm("dump", "--db", c, "-o", tmp_path / "c.json", check=0)
    first = {p["id"]: p for p in json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))["staff"]}
    second = {p["id"]: p for p in json.loads((tmp_path / "c.json").read_text(encoding="utf-8"))["staff"]}
    assert len(first) == 3 and {k: second.get(k) for k in first} == first
    # … and importing it again changes nothing.
    assert "変更はありません" in sm("import", "--db", c, tmp_path / "a.json", check=0).out
