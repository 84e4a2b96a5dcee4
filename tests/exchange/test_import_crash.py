"""A process killed (SIGKILL) in the middle of a large import: the database afterwards
passes integrity_check and holds the old state or the new one, never a mix."""

import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from skillmatrix.store.health import inspect
from tests.exchange.shared_support import ROOT, sm


def state(path):
    """What an import changes, without its timestamps: who is there at which revision,
    and how many rows hang off them."""
    conn = sqlite3.connect(path)  # read-write: recovers from the WAL the killed process left
    try:
        people = conn.execute("SELECT id, revision FROM staff ORDER BY id").fetchall()
        rows = [
            conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("entry", "assignment", "qualification", "project", "staff_revision")
        ]
        return people, rows
    finally:
        conn.close()


@pytest.mark.slow
def test_sigkill_during_a_large_import(demo_factory, tmp_path):
    chief = demo_factory(tmp_path, 2000, "chief.sqlite")
    shared = tmp_path / "shared.sqlite"
    sm("export", "--db", chief, "--out", shared, check=0)
    template = demo_factory(tmp_path, 2, "template.sqlite")
    old = state(template)
    done = tmp_path / "done.sqlite"
    done.write_bytes(template.read_bytes())
    sm("import", "--db", done, shared, check=0)
    new = state(done)
    assert len(new[0]) == 2000 and new != old

    outcomes = []
    # Kill once the write-ahead log has grown past a threshold (the transaction is
    # writing), and at a few fixed times (opening, backing up, validating).
    triggers = [("wal", 64 * 1024), ("wal", 4 << 20), ("wal", 16 << 20), ("time", 0.5)]
    for kind, value in triggers:
        db = tmp_path / f"victim-{kind}-{value}.sqlite"
        db.write_bytes(template.read_bytes())
        wal = db.with_name(db.name + "-wal")
        temp = tmp_path / f"temp-{kind}-{value}"  # where a killed import leaves its private copy
        temp.mkdir()
        proc = subprocess.Popen(
            [sys.executable, str(ROOT / "main.py"), "import", "--db", str(db), str(shared)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env={**os.environ, "TMPDIR": str(temp)},
        )
        start = time.monotonic()
        while proc.poll() is None and time.monotonic() - start < 120:
            if (kind == "wal" and wal.exists() and wal.stat().st_size > value) or (
                kind == "time" and time.monotonic() - start > value
            ):
                os.kill(proc.pid, signal.SIGKILL)
                break
            time.sleep(0.002)
        proc.wait()
        killed = proc.returncode == -signal.SIGKILL
        health = inspect(db, full=True)
        assert health.ok, (kind, value, health.problems)
        after = state(db)
        assert after in (old, new), (kind, value, "a mix of old and new")
        outcomes.append((killed, "old" if after == old else "new"))
        if killed and len(outcomes) == 1:
            # the killed process's lock died with it: the next import simply runs
            sm("import", "--db", db, shared, check=0)
            assert state(db) == new
    print(outcomes)
    assert (True, "old") in outcomes  # at least one kill landed inside the transaction
