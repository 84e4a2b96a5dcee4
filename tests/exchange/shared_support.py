"""Helpers for the shared-file tests: the command line in a real process, demo databases
made once and copied, fingerprints that prove a database did not change."""

from __future__ import annotations

import ctypes
import hashlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def sm(*args, check=None, timeout=600, **popen):
    """Runs `main.py ARGS` as a user would; returns the CompletedProcess with .out/.err."""
    # Redirected output honours PYTHONIOENCODING (issue 17); tests/cli/test_encoding.py
    # covers cp932 and the locale fallback.
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    p = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *map(str, args)],
        capture_output=True,
        env=env,
        timeout=timeout,
        **popen,
    )
    p.out, p.err = p.stdout.decode("utf-8"), p.stderr.decode("utf-8")
    if check is not None:
        assert p.returncode == check, p.err
    return p


def one_clear_line(p) -> bool:
    """True when stderr is exactly one 'エラー: …' line and no traceback."""
    lines = p.err.strip().splitlines()
    return len(lines) == 1 and "Traceback" not in p.err and lines[0].startswith("エラー: ")


def file_hash(path: Path) -> str:
    """sha256 of the file's bytes (and of its -wal, which must not appear)."""
    digest = hashlib.sha256(Path(path).read_bytes())
    wal = Path(str(path) + "-wal")
    if wal.exists():
        digest.update(b"wal:" + wal.read_bytes())
    return digest.hexdigest()


def rows_hash(path: Path, skip: tuple[str, ...] = ()) -> str:
    """sha256 of every row of every table (not SQLite's planner statistics, which closing
    a database may refresh), read through a read-only connection."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        digest = hashlib.sha256()
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        for table in tables:
            if table in skip:
                continue
            digest.update(table.encode())
            for row in conn.execute(f"SELECT * FROM {table} ORDER BY rowid"):
                digest.update(repr(row).encode())
        return digest.hexdigest()
    finally:
        conn.close()


def sql(path: Path, statement: str, params=()) -> list[tuple]:
    """Runs one statement on a file with a plain connection (for building bad files)."""
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute(statement, params).fetchall()
        conn.commit()
        return rows
    finally:
        conn.close()


def drop_root_powers() -> None:
    """preexec_fn: the child keeps uid 0 but loses the capabilities that let root ignore
    file permissions, so a chmod'ed folder stops it as it stops a user."""
    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (1, 2, 3):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER
        if libc.prctl(24, cap, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def limit_file_size(limit: int):
    """Returns a preexec_fn that caps the size of any file the child writes (RLIMIT_FSIZE),
    the way a full disk stops a write."""

    def apply() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply
