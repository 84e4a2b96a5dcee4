"""`init`, `import` into a missing file, and progress that appears only on a terminal."""

import os
import subprocess
import sys

import pytest

from skillmatrix.store.department import DepartmentStore
from skillmatrix.store.repository import Store
from tests.cli.test_cli import ROOT, one_clear_line, sm


def test_init_creates_a_database_with_the_default_definitions(tmp_path):
    db = tmp_path / "new.sqlite"
    p = sm("init", "--db", db, check=0)
    assert str(db) in p.out
    with Store.open(db, readonly=True) as store:
        assert len(store.levels()) == 8 and len(store.categories()) == 8
        assert store.staff_count() == 0
        department = DepartmentStore(store)
        assert department.courses() and department.profiles()
    assert sm("check", "--db", db, check=0).returncode == 0
    assert sm("list", "--db", db, check=0).out == ""


@pytest.mark.parametrize("content", [b"", b"not a database"])
def test_init_refuses_an_existing_file_and_leaves_it(tmp_path, content):
    db = tmp_path / "there.sqlite"
    db.write_bytes(content)
    p = sm("init", "--db", db)
    assert p.returncode == 1 and one_clear_line(p) and "すでにあります" in p.err
    assert db.read_bytes() == content


def test_init_into_a_missing_folder_is_one_line(tmp_path):
    p = sm("init", "--db", tmp_path / "nowhere" / "x.sqlite")
    assert p.returncode == 1 and one_clear_line(p)
    assert not (tmp_path / "nowhere").exists()


def test_import_into_a_missing_database_says_to_run_init(tmp_path):
    source = tmp_path / "src.sqlite"
    sm("demo", "--db", source, check=0)
    dump = tmp_path / "d.json"
    sm("dump", "--db", source, "--out", dump, check=0)
    for missing in (tmp_path / "missing.sqlite", tmp_path / "empty.sqlite"):
        if missing.name == "empty.sqlite":
            missing.write_bytes(b"")
        p = sm("import", "--db", missing, dump)
        assert p.returncode == 1 and one_clear_line(p) and "skillmatrix init" in p.err
    assert not (tmp_path / "missing.sqlite").exists()
    assert (tmp_path / "empty.sqlite").read_bytes() == b""
    target = tmp_path / "new.sqlite"
    sm("init", "--db", target, check=0)
    assert "追加 2" in sm("import", "--db", target, dump, check=0).out


# -- progress on a terminal only --------------------------------------------------------------


def run_with_stderr_on_a_pty(*args):
    """Runs main.py with stderr on a pseudo-terminal and stdout on a pipe; returns
    (exit status, stdout, what the terminal received)."""
    master, slave = os.openpty()
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=slave,
        stdin=subprocess.DEVNULL,
    )
    os.close(slave)
    seen = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: every writer closed the terminal
            break
        if not chunk:
            break
        seen += chunk
    out = proc.stdout.read()
    proc.stdout.close()
    proc.wait(timeout=300)
    os.close(master)
    return proc.returncode, out.decode("utf-8"), seen.decode("utf-8", "replace")


pytestmark_posix = pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")


@pytestmark_posix
@pytest.mark.parametrize(
    "command",
    [
        ["demo", "--staff", "60"],
        ["print", "--all", "--out", "{tmp}/all.pdf"],
        ["report", "--kind", "matrix", "--out", "{tmp}/m.xlsx"],
        ["export", "--out", "{tmp}/shared.sqlite"],
    ],
    ids=lambda c: c[0],
)
def test_progress_shows_on_a_terminal_not_on_a_pipe_and_never_on_stdout(tmp_path, command):
    def line(n):
        db = tmp_path / f"db{n}.sqlite"
        if command[0] != "demo":
            sm("demo", "--db", db, "--staff", 60, check=0)
        folder = tmp_path / f"out{n}"
        folder.mkdir()
        return [command[0], "--db", db, *(a.replace("{tmp}", str(folder)) for a in command[1:])]

    status, out_tty, terminal = run_with_stderr_on_a_pty(*line(1))
    assert status == 0, terminal
    assert "%" in terminal and "|" in terminal  # a tqdm bar was drawn
    piped = sm(*line(2), check=0)
    assert piped.err == ""  # a pipe gets no bar
    quiet_status, out_quiet, quiet_terminal = run_with_stderr_on_a_pty(*line(3), "--quiet")
    assert quiet_status == 0 and quiet_terminal == ""

    # stdout is the same whatever stderr is (but for the file names, which differ per run)
    def normalise(text):
        return text.replace(str(tmp_path), "").replace("1", "N").replace("2", "N").replace("3", "N")

    assert normalise(out_tty) == normalise(piped.out) == normalise(out_quiet)


@pytestmark_posix
def test_import_shows_progress_on_a_terminal(tmp_path):
    source = tmp_path / "src.sqlite"
    sm("demo", "--db", source, "--staff", 80, check=0)
    shared = tmp_path / "s.sqlite"
    sm("export", "--db", source, "--out", shared, check=0)
    target = tmp_path / "t.sqlite"
    sm("init", "--db", target, check=0)
    status, out, terminal = run_with_stderr_on_a_pty("import", "--db", target, shared)
    assert status == 0 and "取り込みました" in out
    assert "取り込み" in terminal and "80/80" in terminal


@pytestmark_posix
def test_check_shows_that_it_is_working_on_a_terminal_only(tmp_path):
    db = tmp_path / "c.sqlite"
    sm("demo", "--db", db, "--staff", 200, check=0)
    status, out, terminal = run_with_stderr_on_a_pty("check", "--db", db)
    assert status == 0 and "問題ありません" in out
    assert "検査" in terminal
    piped = sm("check", "--db", db, check=0)
    assert piped.err == "" and piped.out == out
    status, out, terminal = run_with_stderr_on_a_pty("check", "--db", db, "-q")
    assert status == 0 and terminal == ""
