"""What every hostile case needs: a fresh copy of a demo database, the command run as a
user would (a real process, with a time limit), and the database's dump."""

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MAIN = [sys.executable, str(ROOT / "main.py")]
LIMIT_SECONDS = 30


def run(args, cwd=None, preexec_fn=None, stdin=None):
    """Runs main.py with args; returns (process, seconds)."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    start = time.monotonic()
    p = subprocess.run(
        [*MAIN, *map(str, args)],
        capture_output=True,
        env=env,
        cwd=cwd,
        timeout=LIMIT_SECONDS,
        preexec_fn=preexec_fn,
        stdin=stdin,
    )
    return p, time.monotonic() - start


def dump(db: Path) -> bytes:
    """The database as JSON, through the program (what 'unchanged' is compared by)."""
    p, _ = run(["dump", "--db", db, "-o", "-"])
    assert p.returncode == 0, p.stderr.decode()
    return p.stdout


def copy_demo(template: Path, folder: Path, name: str = "t.sqlite") -> Path:
    target = folder / name
    shutil.copyfile(template, target)
    return target


def limit_file_size(limit: int):
    """A preexec_fn capping every file the child writes (how a full disk stops a write)."""

    def apply() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def interchange(people: list[dict]) -> str:
    return json.dumps({"format": "skillmatrix-resume", "version": 1, "staff": people}, ensure_ascii=False)


def shared_file_with(db: Path, out: Path, edit) -> Path:
    """Exports db as a shared file, then changes it with raw SQL (what an attacker's tool
    would do), keeping it a well-formed SkillMatrix file otherwise."""
    p, _ = run(["export", "--db", db, "-o", out])
    assert p.returncode == 0, p.stderr.decode()
    conn = sqlite3.connect(out)
    edit(conn)
    conn.commit()
    conn.close()
    return out


def add_entries(conn: sqlite3.Connection, count: int, spread: bool) -> None:
    """Gives the first person `count` more valid entries (in one cell, or spread)."""
    staff_id = conn.execute("SELECT id FROM staff ORDER BY position LIMIT 1").fetchone()[0]
    categories = [r[0] for r in conn.execute("SELECT id FROM category ORDER BY position")]
    rows = []
    for i in range(count):
        category = categories[i % len(categories)] if spread else categories[0]
        level = (i // len(categories)) % 8 if spread else 1
        rows.append(
            (str(uuid.uuid4()), staff_id, level, category, 1000 + i, f"研修{i}", "2020-01-01", "2020-01-01")
        )
    conn.executemany(
        "INSERT INTO entry (id, staff_id, level, category_id, position, text, kind, created, updated) "
        "VALUES (?, ?, ?, ?, ?, ?, 'training', ?, ?)",
        rows,
    )
