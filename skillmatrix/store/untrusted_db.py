"""Reading a shared file that came from elsewhere, without trusting anything in it.

Only ever used on a private copy of the file. The copy is opened read-only (immutable),
with trusted_schema off, no extensions, no functions of ours, lowered limits and a
progress handler that stops any statement running too long. Nothing of its schema may
run: the schema must equal, object for object and character for character, what the
program's own migrations create, before any data is read; then only plain SELECTs of
known columns run.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from skillmatrix.store import messages, schema
from skillmatrix.store.errors import StoreError, explain

SchemaRow = tuple[str, str, str, str | None]  # type, name, tbl_name, sql
_KIND_LABELS = {"table": "テーブル", "view": "ビュー", "index": "インデックス", "trigger": "トリガー"}

# ANALYZE (PRAGMA optimize) may add these; their fixed definitions are harmless.
_STATISTICS = {
    ("table", "sqlite_stat1", "sqlite_stat1", "CREATE TABLE sqlite_stat1(tbl,idx,stat)"),
    ("table", "sqlite_stat4", "sqlite_stat4", "CREATE TABLE sqlite_stat4(tbl,idx,neq,nlt,ndlt,sample)"),
}

# Caps far above any real department and far below what would exhaust memory.
MAX_ROWS = {
    "staff": 50_000,
    "qualification": 1_000_000,
    "assignment": 1_000_000,
    "project": 1_000_000,
    "entry": 3_000_000,
    "staff_revision": 5_000_000,
    "category": 200,
    "level": 8,
}
_LIMITS = {  # sqlite3 limit -> value; a longer cell than LENGTH raises "too big"
    "SQLITE_LIMIT_LENGTH": 1_000_000,
    "SQLITE_LIMIT_SQL_LENGTH": 100_000,
    "SQLITE_LIMIT_COLUMN": 100,
    "SQLITE_LIMIT_EXPR_DEPTH": 100,
    "SQLITE_LIMIT_COMPOUND_SELECT": 10,
    "SQLITE_LIMIT_FUNCTION_ARG": 8,
    "SQLITE_LIMIT_ATTACHED": 0,
    "SQLITE_LIMIT_LIKE_PATTERN_LENGTH": 100,
    "SQLITE_LIMIT_VARIABLE_NUMBER": 1000,
    "SQLITE_LIMIT_TRIGGER_DEPTH": 1,
}


def header_ids(path: Path, shown: Path | None = None) -> tuple[int, int]:
    """Reads (application_id, user_version) straight from the 100-byte header.

    Args:
        path: the private copy.
        shown: the file's name as the user knows it, for messages.

    Raises:
        StoreError: the file is too short or lacks SQLite's magic string.
    """
    with open(path, "rb") as f:
        header = f.read(100)
    if len(header) < 100 or not header.startswith(schema.SQLITE_HEADER):
        raise StoreError(messages.NOT_A_SHARED_FILE.format(shown=shown or path))
    return int.from_bytes(header[68:72], "big", signed=True), int.from_bytes(
        header[60:64], "big", signed=True
    )


@cache
def expected_schema(version: int) -> frozenset[SchemaRow]:
    """Returns sqlite_master as the program's own migrations 1..version create it."""
    conn = sqlite3.connect(":memory:")
    try:
        for number, sql in schema.migrations():
            if number <= version:
                for statement in schema.split_sql(sql):
                    conn.execute(statement)
        return frozenset(_schema_rows(conn))
    finally:
        conn.close()


def _schema_rows(conn: sqlite3.Connection) -> list[SchemaRow]:
    return [tuple(r) for r in conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master")]


def migrate_copy(path: Path, from_version: int, shown: Path | None = None) -> None:
    """Brings a private copy whose schema matched version from_version up to date."""
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA trusted_schema = OFF")
        schema.migrate(conn, from_version)
    except sqlite3.Error as e:
        raise StoreError(
            messages.SHARED_FILE_NOT_MIGRATED.format(explain=explain(e, str(shown or path)))
        ) from None
    finally:
        conn.close()


class UndecodableText(StoreError):
    """Text that is not UTF-8 was met; call decode_leniently() and read again."""


class UntrustedDatabase:
    """A private copy of an incoming file, opened so that nothing in it can act.

    Every method raises StoreError with a Japanese message; SQLite errors (damaged
    pages, limits, the time limit) are translated.
    """

    def __init__(self, path: Path, max_seconds: float = 120.0, shown: Path | None = None):
        """Opens the private copy at path; messages name `shown` (the original file)."""
        self.path = Path(path)
        self.shown = shown or self.path
        self._lenient = False
        self._deadline = time.monotonic() + max_seconds
        try:
            self.conn = sqlite3.connect(
                schema.uri(self.path, "ro", immutable=True), uri=True, check_same_thread=False
            )
            for name, value in _LIMITS.items():
                self.conn.setlimit(getattr(sqlite3, name), value)
            for pragma in (
                "trusted_schema = OFF",
                "cell_size_check = ON",
                "mmap_size = 0",
                "query_only = ON",
                "foreign_keys = OFF",
            ):
                self.conn.execute(f"PRAGMA {pragma}")
            self.conn.set_progress_handler(self._too_long, 1000)
        except sqlite3.Error as e:
            raise self._error(e) from None

    def decode_leniently(self) -> None:
        """From now on, text that is not UTF-8 is read with its bad bytes as lone
        surrogates, which the rules reject naming the person and field. (Slower, so only
        after a strict read met such text.)"""
        self.conn.text_factory = lambda raw: raw.decode("utf-8", "surrogateescape")
        self._lenient = True

    def _too_long(self) -> int:
        return 1 if time.monotonic() > self._deadline else 0

    def _error(self, e: sqlite3.Error) -> StoreError:
        text = str(e).lower()
        if "could not decode" in text:
            return self._damaged()
        if "interrupted" in text:
            return StoreError(messages.SHARED_FILE_CHECK_TIMED_OUT.format(shown=self.shown))
        if "too big" in text or isinstance(e, sqlite3.DataError):
            return StoreError(messages.SHARED_FILE_VALUE_TOO_LARGE.format(error=e, shown=self.shown))
        if "malformed" in text or "not a database" in text or "corrupt" in text:
            return StoreError(messages.SHARED_FILE_BROKEN.format(error=e, shown=self.shown))
        return explain(e, str(self.shown))

    def _damaged(self) -> StoreError:
        if not self._lenient:
            return UndecodableText(f"共有ファイルにUTF-8でない文字があります: {self.shown}")
        # Still failing: SQLite's own error text quotes broken bytes of the schema.
        return StoreError(messages.SHARED_FILE_UNDECODABLE.format(shown=self.shown))

    def close(self) -> None:
        """Closes the copy."""
        self.conn.close()

    def __enter__(self) -> UntrustedDatabase:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _all(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        try:
            return self.conn.execute(sql, params).fetchall()
        except sqlite3.Error as e:
            raise self._error(e) from None
        except UnicodeDecodeError:
            raise self._damaged() from None

    def _iter(self, sql: str) -> Iterator[tuple[Any, ...]]:
        try:
            yield from self.conn.execute(sql)
        except sqlite3.Error as e:
            raise self._error(e) from None
        except UnicodeDecodeError:
            raise self._damaged() from None

    # -- checks, in the order they must run ------------------------------------------------

    def pragma_ids(self) -> tuple[int, int]:
        """Returns (application_id, user_version) as SQLite reads them."""
        return (self._all("PRAGMA application_id")[0][0], self._all("PRAGMA user_version")[0][0])

    def schema_differences(self, version: int) -> list[str]:
        """Returns what differs from the schema of that version (empty when identical)."""
        expected = expected_schema(version)
        actual = set(self._all("SELECT type, name, tbl_name, sql FROM sqlite_master"))
        extra = {(r[0], r[1]) for r in actual - expected - _STATISTICS}
        missing = {(r[0], r[1]) for r in expected - actual}
        changed = extra & missing

        def label(kind: str, name: str) -> str:
            return f"{_KIND_LABELS.get(kind, kind)}「{name}」"

        return (
            [f"{label(*k)}の定義が違います" for k in sorted(changed)]
            + [f"余分な{label(*k)}があります" for k in sorted(extra - changed)]
            + [f"{label(*k)}がありません" for k in sorted(missing - changed)]
        )

    def integrity_problems(self, limit: int = 10) -> list[str]:
        """Returns what PRAGMA integrity_check finds (empty when sound)."""
        return [r[0] for r in self._all(f"PRAGMA integrity_check({limit})") if r[0] != "ok"]

    def foreign_key_violations(self) -> list[tuple[str, int, str]]:
        """Returns (table, rowid, parent table) for every row whose reference is missing."""
        return [(r[0], r[1], r[2]) for r in self._all("PRAGMA foreign_key_check")]

    def counts(self) -> dict[str, int]:
        """Returns the row count of every table the import reads."""
        return {table: self._all(f"SELECT count(*) FROM {table}")[0][0] for table in MAX_ROWS}

    def busiest(self) -> dict[str, tuple[str, int]]:
        """Returns, per child table and for one grid cell ('cell'), the person with the
        most rows and how many: the per-person caps are checked before any row is read."""
        found: dict[str, tuple[str, int]] = {}
        for table in ("entry", "qualification", "assignment", "project"):
            rows = self._all(
                f"SELECT staff_id, count(*) AS n FROM {table} GROUP BY staff_id ORDER BY n DESC LIMIT 1"
            )
            if rows:
                found[table] = (rows[0][0], rows[0][1])
        rows = self._all(
            "SELECT staff_id, count(*) AS n FROM entry GROUP BY staff_id, level, category_id ORDER BY n DESC LIMIT 1"
        )
        if rows:
            found["cell"] = (rows[0][0], rows[0][1])
        return found

    # -- reading known columns ---------------------------------------------------------------

    def categories(self) -> list[tuple[Any, ...]]:
        """(id, name) of every category."""
        return self._all("SELECT id, name FROM category ORDER BY position, rowid")

    def staff(self) -> list[tuple[Any, ...]]:
        """(id, name, kana, title, section, experience_override, revision, experience_label), in
        list order (an older file's copy is migrated first, so the label column is there)."""
        return self._all(
            "SELECT id, name, kana, title, section, experience_override, revision, experience_label "
            "FROM staff ORDER BY position, rowid"
        )

    def qualifications(self) -> Iterator[tuple[Any, ...]]:
        """(id, staff_id, name, acquired, expires), in each person's order."""
        return self._iter(
            "SELECT id, staff_id, name, acquired, expires FROM qualification "
            "ORDER BY staff_id, position, rowid"
        )

    def assignments(self) -> Iterator[tuple[Any, ...]]:
        """(id, staff_id, start_date, end_date, name, duties), in each person's order."""
        return self._iter(
            "SELECT id, staff_id, start_date, end_date, name, duties FROM assignment "
            "ORDER BY staff_id, position, rowid"
        )

    def projects(self) -> Iterator[tuple[Any, ...]]:
        """(id, staff_id, start_date, end_date, name), in each person's order."""
        return self._iter(
            "SELECT id, staff_id, start_date, end_date, name FROM project ORDER BY staff_id, position, rowid"
        )

    def entries(self) -> Iterator[tuple[Any, ...]]:
        """(id, staff_id, level, category_id, text, kind, date, note), in each person's order."""
        return self._iter(
            "SELECT id, staff_id, level, category_id, text, kind, date, note FROM entry "
            "ORDER BY staff_id, position, rowid"
        )

    def revisions(self) -> Iterator[tuple[Any, ...]]:
        """(staff_id, revision, parent, created), oldest first per person."""
        return self._iter(
            "SELECT staff_id, revision, parent, created FROM staff_revision ORDER BY staff_id, created, rowid"
        )
