"""Opens SkillMatrix database files and keeps their schema current.

The schema is the numbered SQL files in db/, applied in order inside one transaction;
`PRAGMA user_version` is the number of the last one applied and `PRAGMA application_id`
marks the file as ours. A file from a newer program is refused; an older one is migrated
after a backup copy is written into backups/ beside it.
"""

from __future__ import annotations

import os
import re
import sqlite3
from functools import cache
from pathlib import Path
from urllib.parse import quote

from skillmatrix.paths import migrations_dir
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
    # Numbers are handed out to branches ahead of time (0007 may land before 0004), so
    # they must rise and start at 1, but may skip; the version is the last number.
    if not versions or versions[0] != 1 or any(b <= a for a, b in zip(versions, versions[1:])):
        raise StoreError(f"スキーマ定義の番号が正しくありません: {versions}")
    return tuple(found)


def current_version() -> int:
    """Returns the schema version this program writes (the last migration's number)."""
    return migrations()[-1][0]


def check_header(path: Path) -> None:
    """Raises StoreError unless path is a non-empty SQLite file."""
    if not path.exists():
        raise StoreError(f"データベースファイルが見つかりません: {path}")
    if path.is_dir():
        raise StoreError(f"フォルダです。データベースファイルを指定してください: {path}")
    try:
        with open(path, "rb") as f:
            header = f.read(100)
    except OSError as e:
        raise StoreError(f"ファイルを読めません（{e.strerror}）: {path}") from None
    if len(header) < 100 or not header.startswith(SQLITE_HEADER):
        raise StoreError(f"SQLiteのデータベースファイルではありません: {path}")


def uri(path: Path, mode: str, immutable: bool = False) -> str:
    """Returns the SQLite URI for path in mode 'ro', 'rw' or 'rwc'."""
    text = quote(str(Path(path).resolve()).replace(os.sep, "/"), safe="/:")
    return f"file:{text}?mode={mode}" + ("&immutable=1" if immutable else "")


def configure(conn: sqlite3.Connection) -> None:
    """Applies the settings every SkillMatrix connection uses; none of them writes."""
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA trusted_schema = OFF")
    # 64 MB of page cache: random UUID keys make bulk inserts touch every index page; the
    # default 2 MB made a 10,000-person import several times slower.
    conn.execute("PRAGMA cache_size = -65536")


def configure_for_writing(conn: sqlite3.Connection) -> None:
    """Switches a verified file of ours to WAL with full sync: durable commits that do
    not block readers. Never called before verify(): it rewrites the file header."""
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")


def connect(path: Path, *, readonly: bool = False, create: bool = False) -> sqlite3.Connection:
    """Opens a SkillMatrix database and brings its schema up to date.

    Args:
        path: the file.
        readonly: open with SQLite's read-only URI mode; the file is never modified.
        create: create the file if it does not exist (never for readonly).

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
        if not readonly:
            configure_for_writing(conn)
        if version < current_version():
            if readonly:
                raise StoreError(
                    f"古い版（スキーマ版{version}）のファイルです。"
                    f"読み取り専用では更新できません。書き込みできる場所で開いてください: {path}"
                )
            if version > 0:
                backup_before_migration(conn, path, version)
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
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    if app_id == 0 and version == 0 and tables == 0 and allow_empty:
        return 0
    if app_id != APPLICATION_ID:
        raise StoreError(f"SkillMatrixのデータベースではありません（別のプログラムのファイルです）: {path}")
    if version > current_version():
        raise StoreError(
            f"新しい版のSkillMatrixで作られたファイルです（スキーマ版{version}、"
            f"このプログラムは版{current_version()}まで）。プログラムを更新してください: {path}"
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
        conn.isolation_level = ""


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


def backup_before_migration(conn: sqlite3.Connection, path: Path, version: int) -> Path:
    """Writes a verified copy of the file into backups/ beside it before its schema is
    changed (see store/backup.py); raises StoreError, and nothing is migrated, if the
    copy cannot be made."""
    from skillmatrix.store.backup import make_backup  # backup imports this module

    return make_backup(path, "migration", conn=conn)
