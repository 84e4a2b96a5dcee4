"""Checks a database file without ever writing to it: for `check`, backups and recovery.

The file is opened with SQLite's read-only URI mode (immutable for files nobody else
writes, such as backups), so a damaged file is looked at, never touched.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from skillmatrix.progress import Progress, no_progress
from skillmatrix.store import messages, schema
from skillmatrix.store.errors import StoreError, explain

MAX_PROBLEMS = 20  # a badly damaged file lists thousands of pages; the first ones tell enough


@dataclass
class Health:
    """What a check found in one file.

    Attributes:
        path: the file checked.
        problems: one Japanese sentence per problem (empty when the file is sound).
        version: the schema version (PRAGMA user_version), when it could be read.
        staff_count: how many people the file holds, when it could be read.
    """

    path: Path
    problems: list[str] = field(default_factory=list)
    version: int | None = None
    staff_count: int | None = None

    @property
    def ok(self) -> bool:
        """True when nothing is wrong."""
        return not self.problems


def open_readonly(path: Path, immutable: bool = False) -> sqlite3.Connection:
    """Opens a file read-only with the safe settings; nothing of the file's schema runs.

    Args:
        path: the file.
        immutable: promise SQLite that nobody writes the file meanwhile (backups and
            private copies); it then creates no -shm or -journal beside it.
    """
    try:
        conn = sqlite3.connect(schema.uri(path, "ro", immutable=immutable), uri=True)
        conn.execute("PRAGMA trusted_schema = OFF")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.OperationalError:
        if immutable:
            raise
        # A WAL file in a folder we cannot write gets no -shm: read it as immutable.
        conn = sqlite3.connect(schema.uri(path, "ro", immutable=True), uri=True)
        conn.execute("PRAGMA trusted_schema = OFF")
    conn.execute(f"PRAGMA busy_timeout = {schema.BUSY_TIMEOUT_MS}")
    return conn


def inspect(
    path: str | Path, full: bool = True, immutable: bool = False, progress: Progress = no_progress
) -> Health:
    """Checks that a file is a sound SkillMatrix database; never raises for a bad file.

    Args:
        path: the file.
        full: run integrity_check (every index against its table) rather than the
            faster quick_check.
        immutable: see open_readonly().
        progress: called as progress(n, 0) now and then while SQLite checks (the total
            is unknown: it only shows that the check is alive).

    Returns:
        The findings; `ok` is True when the file can be used.
    """
    path = Path(path)
    health = Health(path)
    try:
        schema.check_header(path)
    except StoreError as e:
        health.problems.append(str(e))
        return health
    conn = None
    try:
        conn = open_readonly(path, immutable)
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        health.version = conn.execute("PRAGMA user_version").fetchone()[0]
        if app_id != schema.APPLICATION_ID:
            health.problems.append(messages.NOT_SKILLMATRIX_DATABASE.format(path=path))
            return health
        if health.version > schema.current_version():
            health.problems.append(messages.MADE_BY_NEWER_VERSION.format(version=health.version, path=path))
            return health
        if not immutable:  # an immutable open ignores the -wal; any other must check its origin
            try:
                schema.check_wal_belongs(conn, path)
            except StoreError as e:
                health.problems.append(str(e))
                return health
        pragma = "integrity_check" if full else "quick_check"
        ticks = iter(range(1, 1 << 62))
        conn.set_progress_handler(lambda: progress(next(ticks), 0), 200_000)
        found = [r[0] for r in conn.execute(f"PRAGMA {pragma}({MAX_PROBLEMS})") if r[0] != "ok"]
        if found:
            health.problems.append(
                f"データベースファイルが壊れています（{found[0]}"
                + (f" ほか{len(found) - 1}件" if len(found) > 1 else "")
                + f"）: {path}"
            )
            return health
        violations = conn.execute("PRAGMA foreign_key_check").fetchall()
        if violations:
            table, rowid, parent = violations[0][:3]
            health.problems.append(
                f"データの対応が壊れています（{table} の行 {rowid} が指す {parent} がありません"
                + (f" ほか{len(violations) - 1}件" if len(violations) > 1 else "")
                + f"）: {path}"
            )
        health.staff_count = conn.execute("SELECT count(*) FROM staff").fetchone()[0]
    except sqlite3.Error as e:
        health.problems.append(str(explain(e, str(path))))
    finally:
        if conn is not None:
            conn.close()
    return health
