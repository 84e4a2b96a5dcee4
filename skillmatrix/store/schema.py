"""Opens SkillMatrix database files and keeps their schema current.

The schema is the numbered SQL files in db/, applied in order inside one transaction;
`PRAGMA user_version` is the number of the last one applied and `PRAGMA application_id`
marks the file as ours. A file from a newer program is refused; an older one is migrated
after a backup copy is written into backups/ beside it.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any, cast

from skillmatrix import files
from skillmatrix.paths import migrations_dir
from skillmatrix.store import messages
from skillmatrix.store.errors import StoreError, explain

APPLICATION_ID = 0x534B4D58  # 'SKMX'
SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 3000


@cache
def migrations() -> tuple[tuple[int, str], ...]:
    """Returns (version, sql) for every migration file in db/, in order."""
    found = []
    for path in sorted(migrations_dir().glob("[0-9][0-9][0-9][0-9]_*.sql")):
        found.append((int(path.name[:4]), path.read_text(encoding="utf-8")))
    versions = [v for v, _ in found]
    if versions != list(range(1, len(found) + 1)):
        raise StoreError(messages.MIGRATIONS_NOT_CONSECUTIVE.format(versions=versions))
    return tuple(found)


def current_version() -> int:
    """Returns the schema version this program writes (the last migration's number)."""
    return migrations()[-1][0]


def check_header(path: Path) -> None:
    """Raises StoreError unless path is a non-empty SQLite file (a regular file: a FIFO
    or device is refused before it is opened, so nothing blocks)."""
    if not path.exists() and not path.is_symlink():
        raise StoreError(messages.NOT_FOUND.format(path=files.clip(str(path))))
    if path.is_dir():
        raise StoreError(messages.IS_A_FOLDER.format(path=files.clip(str(path))))
    try:
        header = files.read_bytes(path, 100) if path.stat().st_size <= 100 else _read_header(path)
    except files.FileError as e:
        raise StoreError(str(e)) from None
    except OSError as e:
        raise StoreError(messages.UNREADABLE.format(reason=e.strerror, path=files.clip(str(path)))) from None
    if len(header) < 100 or not header.startswith(SQLITE_HEADER):
        raise StoreError(messages.NOT_SQLITE.format(path=files.clip(str(path))))


def _read_header(path: Path) -> bytes:
    files.check_input(path)  # a FIFO or device is refused before open() could block
    with open(path, "rb") as f:
        return f.read(100)


def uri(path: Path, mode: str, immutable: bool = False) -> str:
    """Returns the SQLite URI for path in mode 'ro', 'rw' or 'rwc' (files.sqlite_uri:
    UNC shares and mapped drives as written, never resolved)."""
    return files.sqlite_uri(path, mode, immutable)


def configure(conn: sqlite3.Connection) -> None:
    """Applies the settings every SkillMatrix connection uses; none of them writes."""
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA trusted_schema = OFF")
    # 64 MB of page cache: random UUID keys make bulk inserts touch every index page; the
    # default 2 MB made a 10,000-person import several times slower.
    conn.execute("PRAGMA cache_size = -65536")


def journal_mode_for(path: Path) -> str:
    """Returns the journal mode a database at path is written in: WAL on a local disk;
    DELETE on a network drive, where SQLite's WAL index cannot be shared between PCs."""
    return "DELETE" if files.is_network_path(path) else "WAL"


def configure_for_writing(conn: sqlite3.Connection, path: Path | None = None) -> None:
    """Switches a verified file of ours to WAL (DELETE on a network drive) with full
    sync: durable commits that do not block readers. Never called before verify(): it
    rewrites the file header."""
    mode = journal_mode_for(path) if path is not None else "WAL"
    conn.execute(f"PRAGMA journal_mode = {mode}")
    conn.execute("PRAGMA synchronous = FULL")


def check_wal_belongs(conn: sqlite3.Connection, path: Path) -> None:
    """Refuses a -wal file beside the database that belongs to another database.

    SQLite applies whatever -wal lies beside a file, so a foreign one shows another
    database's data. Each database records when it was created (meta 'created'); read
    through the -wal and from the main file alone (immutable=1 ignores the -wal), the
    two must agree. A file whose main part does not hold the row yet (never
    checkpointed) cannot be told apart and is accepted.

    Raises:
        StoreError: the -wal belongs to another database.
    """
    wal = path.with_name(path.name + "-wal")
    try:
        if not wal.is_file() or wal.stat().st_size == 0:
            return
    except OSError:
        return
    query = "SELECT value FROM meta WHERE key = 'created'"
    try:
        seen = conn.execute(query).fetchone()
    except sqlite3.Error:
        seen = None
    try:
        alone = sqlite3.connect(uri(path, "ro", immutable=True), uri=True)
        try:
            stored = alone.execute(query).fetchone()
        finally:
            alone.close()
    except sqlite3.Error:
        return  # the main file alone is not readable yet: nothing to compare
    if stored is not None and seen != stored:
        raise StoreError(messages.WAL_OF_ANOTHER_DATABASE.format(wal=files.clip(str(wal))))


def connect(
    path: Path,
    *,
    readonly: bool = False,
    create: bool = False,
    before_migration: Callable[[sqlite3.Connection, Path], object] | None = None,
) -> sqlite3.Connection:
    """Opens a SkillMatrix database and brings its schema up to date.

    Args:
        path: the file.
        readonly: open with SQLite's read-only URI mode; the file is never modified.
        create: create the file if it does not exist (never for readonly).
        before_migration: called with the connection and the path before an older
            schema is brought up to date (the store makes a backup there); raising
            StoreError stops the migration.

    Raises:
        StoreError: missing file, not SQLite, not ours, newer schema, locked, damaged.
    """
    path = Path(path)
    fresh = create and (not path.exists() or path.stat().st_size == 0)
    if not fresh:
        check_header(path)
    try:
        conn = _open(path, readonly, fresh)
    except sqlite3.Error as e:
        raise explain(e, str(path)) from None
    try:
        version = verify(conn, path, allow_empty=fresh)
        if not fresh:
            check_wal_belongs(conn, path)
        if not readonly:
            configure_for_writing(conn, path)
        if version < current_version():
            if readonly:
                raise StoreError(messages.READ_ONLY_TOO_OLD.format(version=version, path=path))
            if version > 0 and before_migration is not None:
                before_migration(conn, path)
            migrate(conn, version)
    except sqlite3.Error as e:
        conn.close()
        raise explain(e, str(path)) from None
    except StoreError:
        conn.close()
        raise
    return conn


def _open(path: Path, readonly: bool, fresh: bool) -> sqlite3.Connection:
    if readonly:
        try:
            conn = sqlite3.connect(uri(path, "ro"), uri=True)
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.OperationalError:
            # A WAL file on a write-protected stick cannot get its -shm index: read it as
            # immutable, which SQLite documents as safe when nobody writes meanwhile.
            conn = sqlite3.connect(uri(path, "ro", immutable=True), uri=True)
    else:
        conn = sqlite3.connect(uri(path, "rwc" if fresh else "rw"), uri=True)
    configure(conn)
    if readonly:
        # Nothing is inserted through a read-only connection, and what it reads in bulk
        # (print --all, dump, export) is read once: SQLite's default 2 MB of page cache
        # keeps `print --all` of 1,000 people at the memory of 250 (issue 8).
        conn.execute("PRAGMA cache_size = -2000")
    return conn


def verify(conn: sqlite3.Connection, path: Path, allow_empty: bool = False) -> int:
    """Checks that the file is ours and not newer than this program; returns its version."""
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    version: int = conn.execute("PRAGMA user_version").fetchone()[0]
    tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    if app_id == 0 and version == 0 and tables == 0 and allow_empty:
        return 0
    if app_id != APPLICATION_ID:
        raise StoreError(messages.NOT_SKILLMATRIX_DATABASE.format(path=path))
    if version > current_version():
        raise StoreError(
            messages.SCHEMA_TOO_NEW.format(version=version, current_version=current_version(), path=path)
        )
    return version


def migrate(conn: sqlite3.Connection, from_version: int) -> None:
    """Applies every migration after from_version in one transaction."""
    conn.isolation_level = None  # we manage the transaction; DDL must not auto-commit
    try:
        conn.execute("BEGIN IMMEDIATE")
        for version, sql in migrations():
            if version > from_version:
                for statement in split_sql(sql):
                    conn.execute(statement)
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute(f"PRAGMA user_version = {current_version()}")
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    finally:
        # The stub lists only DEFERRED/EXCLUSIVE/IMMEDIATE/None; "" is the default (a plain BEGIN).
        conn.isolation_level = cast(Any, "")


def split_sql(sql: str) -> list[str]:
    """Splits a migration file into statements (no semicolons inside strings in db/); a
    CREATE TRIGGER's body, whose statements end in semicolons too, stays one statement."""
    without_comments = re.sub(r"--[^\n]*", "", sql)
    statements, pending = [], ""
    for part in without_comments.split(";"):
        pending += part + ";"
        if sqlite3.complete_statement(pending):
            if pending.strip(" \n;"):
                statements.append(pending.strip().rstrip(";").strip())
            pending = ""
    if pending.strip(" \n;"):
        statements.append(pending.strip().rstrip(";").strip())
    return statements
