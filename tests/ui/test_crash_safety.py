"""Nothing committed is lost when the program is killed, and the program starts on a new file."""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from skillmatrix.store.repository import Store

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")


def environment(tmp_path: Path) -> dict:
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        XDG_DATA_HOME=str(tmp_path / "userdata"),
        SKILLMATRIX_NO_ERROR_DIALOG="1",
    )
    env.pop("PYTEST_CURRENT_TEST", None)
    return env


def test_an_edit_survives_sigkill_right_after_it_was_committed(tmp_path):
    db = tmp_path / "killed.sqlite"
    with subprocess.Popen(
        [sys.executable, str(ROOT / "tests/ui/kill_driver.py"), str(db)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=environment(tmp_path),
    ) as process:
        try:
            line = process.stdout.readline()  # blocks until the driver committed its edits
            assert line.strip() == "READY", process.stderr.read()
            process.send_signal(signal.SIGKILL)
            assert process.wait(timeout=10) == -signal.SIGKILL
        finally:
            if process.poll() is None:
                process.kill()
    assert db.with_name(db.name + "-wal").exists()  # killed: never closed cleanly
    conn = sqlite3.connect(db)  # a plain connection replays the write-ahead log
    try:
        assert conn.execute("SELECT name FROM staff").fetchall() == [("強制終了 テスト",)]
        assert conn.execute("SELECT level, text FROM entry").fetchall() == [(2, "ネットワーク基礎セミナー")]
    finally:
        conn.close()
    with Store.open(db) as store:
        assert store.check() == []


def test_the_program_creates_a_missing_database_with_defaults(tmp_path):
    db = tmp_path / "new" / "first.sqlite"
    with subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), "--db", str(db)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=environment(tmp_path),
    ) as process:
        try:
            deadline = time.monotonic() + 30
            settings = tmp_path / "userdata" / "SkillMatrix" / "settings.ini"
            while time.monotonic() < deadline and process.poll() is None:
                if db.exists() and settings.exists():
                    break  # the window saves the recent-files list once it is up
                time.sleep(0.1)
            assert process.poll() is None, process.stderr.read().decode()
        finally:
            process.kill()
    with Store.open(db, readonly=True) as store:
        assert len(store.levels()) == 8 and len(store.categories()) == 8
        assert store.staff_count() == 0
