"""Two at once: a second process is told the database is in use; SQLite's own lock makes
a competing write wait briefly, then fail with a clear message, never half-written."""

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from skillmatrix.store import schema
from skillmatrix.store.errors import StoreError
from skillmatrix.store.lock import DatabaseLock, InUseError, is_in_use, lock_path, read_holder
from skillmatrix.store.repository import Store

ROOT = Path(__file__).resolve().parents[2]


def start(code: str) -> subprocess.Popen:
    """Runs code in a second Python process that prints 'ready' once it holds what it
    holds, then waits for stdin to close."""
    script = (
        f"import sys; sys.path.insert(0, {str(ROOT)!r})\n"
        + textwrap.dedent(code)
        + "\nprint('ready', flush=True)\nsys.stdin.read()\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", script],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    line = proc.stdout.readline()
    assert line.strip() == "ready", proc.stderr.read()
    return proc


def finish(proc: subprocess.Popen, kill: bool = False) -> None:
    if kill:
        os.kill(proc.pid, signal.SIGKILL)
    proc.stdin.close()
    proc.wait(timeout=30)
    proc.stdout.close()
    proc.stderr.close()


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "職員.sqlite"
    with Store.create(path) as store:
        from skillmatrix.domain.model import Entry, Staff

        cat = store.categories()[0].id
        store.add_staff(Staff(name="藤沢 花子", entries=[Entry(1, cat, "研修A")]))
    return path


def test_a_second_process_is_told_who_holds_the_database(db):
    holder = start(f"""
        from skillmatrix.store.lock import DatabaseLock
        lock = DatabaseLock({str(db)!r}).acquire()
    """)
    try:
        assert is_in_use(db)
        with pytest.raises(InUseError, match="編集中です。読み取り専用で開くことはできます") as caught:
            DatabaseLock(db).acquire()
        assert caught.value.holder["pid"] == holder.pid
        assert read_holder(db)["pid"] == holder.pid
        # read-only viewing still works meanwhile
        with Store.open(db, readonly=True) as store:
            assert store.staff_count() == 1
    finally:
        finish(holder)
    assert not lock_path(db).exists()  # released and removed on a normal exit
    with DatabaseLock(db):
        assert is_in_use(db)  # even from this process: one lock per window


def test_a_killed_holder_leaves_no_stale_lock(db):
    holder = start(f"""
        from skillmatrix.store.lock import DatabaseLock
        lock = DatabaseLock({str(db)!r}).acquire()
    """)
    assert is_in_use(db)
    finish(holder, kill=True)
    assert lock_path(db).exists()  # the file stays behind…
    lock = DatabaseLock(db).acquire()  # …but the OS dropped the lock with the process
    assert lock.held and read_holder(db)["pid"] == os.getpid()
    lock.release()


def test_two_windows_in_one_process_exclude_each_other(db):
    first = DatabaseLock(db).acquire()
    with pytest.raises(InUseError):
        DatabaseLock(db).acquire()
    first.release()
    first.release()  # twice is harmless
    with DatabaseLock(db) as again:
        assert again.held


def test_the_command_line_import_refuses_while_the_window_has_the_file(db, tmp_path):
    shared = tmp_path / "in.sqlite"
    other = tmp_path / "other.sqlite"
    with Store.create(other) as store:
        from skillmatrix.domain.model import Staff

        store.add_staff(Staff(name="他課 太郎"))
    subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "export", "--db", str(other), "--out", str(shared)],
        check=True,
        capture_output=True,
    )
    before = db.read_bytes()
    with DatabaseLock(db):
        p = subprocess.run(
            [sys.executable, str(ROOT / "main.py"), "import", "--db", str(db), str(shared)],
            capture_output=True,
        )
    assert p.returncode == 1 and "編集中" in p.stderr.decode("utf-8")
    assert db.read_bytes() == before


def test_a_lock_file_that_cannot_be_created_says_so(tmp_path):
    target = tmp_path / "no-such-folder" / "x.sqlite"
    with pytest.raises(StoreError, match="ロックファイルを作れません") as caught:
        DatabaseLock(target).acquire()
    assert not isinstance(caught.value, InUseError)


def test_a_competing_write_waits_then_fails_cleanly(db):
    """Another process holds a write transaction (as a second program would): our save
    waits busy_timeout, then fails with 'in use'; nothing of it is written."""
    holder = start(f"""
        import sqlite3
        conn = sqlite3.connect({str(db)!r}, isolation_level=None)
        conn.execute("PRAGMA journal_mode = WAL")  # as the window keeps it while open
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("UPDATE staff SET title = 'よそ者の書きかけ'")
    """)
    try:
        with Store.open(db) as store:
            staff = store.get_staff(store.staff_ids()[0])
            changed = staff.copy()
            changed.title = "課長"
            started = time.monotonic()
            with pytest.raises(StoreError, match="使用中"):
                store.save_staff(changed)
            waited = time.monotonic() - started
            assert schema.BUSY_TIMEOUT_MS / 1000 * 0.8 <= waited < 10
            assert not store.db.conn.in_transaction
    finally:
        finish(holder)  # the other process exits without committing
    with Store.open(db, readonly=True) as store:
        after = store.get_staff(staff.id)
        assert (after.title, after.revision) == (staff.title, staff.revision)
        assert store.check() == []
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM audit WHERE action = 'update'").fetchone()[0] == 0
    conn.close()
