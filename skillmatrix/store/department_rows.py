"""The department's rows as they travel (db/0007: the department_rows view and the
department_seen history): read from a database, from an untrusted shared file, and
written into a database by an import.

A row is (kind, key, content): kind is 'tick', 'course', 'plan' or 'profile'; key and
content name categories, statements and courses by name, never by this file's ids, so
that two files seeded apart compare equal where their users see the same thing.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

from skillmatrix.domain.model import new_id
from skillmatrix.store import audit, messages
from skillmatrix.store.repository import Store
from skillmatrix.store.untrusted_db import UntrustedDatabase

RowKey = tuple[str, str]  # (kind, key)
Versions = set[tuple[str, str, str]]  # (kind, key, content) ever held
_LITERAL = re.compile(r"\s*(?:'((?:[^']|'')*)'|(NULL)|(-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?))\s*(?:,|$)")


def parse_literals(content: str) -> list[str | int | float | None]:
    """Reads a row's content (SQL literals from quote(), comma-separated) into values.

    Raises:
        ValueError: the text is not such a list.
    """
    values: list[str | int | float | None] = []
    pos = 0
    while pos < len(content):
        m = _LITERAL.match(content, pos)
        if not m or m.end() == pos:
            raise ValueError(messages.DEPARTMENT_ROW_UNREADABLE.format(content=content[:60]))
        text, null, number = m.groups()
        if text is not None:
            values.append(text.replace("''", "'"))
        elif null:
            values.append(None)
        else:
            values.append(float(number) if "." in number or "e" in number.lower() else int(number))
        pos = m.end()
    return values


def current_rows(store: Store) -> dict[RowKey, str]:
    """Returns (kind, key) -> content of every department row of a database."""
    return {(k, key): c for k, key, c in store.db.execute("SELECT kind, key, content FROM department_rows")}


def seen_rows(store: Store) -> Versions:
    """Returns every (kind, key, content) the database has held (its history)."""
    return {
        (str(k), str(key), str(c))
        for k, key, c in store.db.execute("SELECT kind, key, content FROM department_seen")
    }


def untrusted_rows(db: UntrustedDatabase) -> tuple[dict[RowKey, str], Versions]:
    """The rows and history of an incoming shared file (already checked and migrated)."""
    rows = {
        (str(k), str(key)): str(c) for k, key, c in db._all("SELECT kind, key, content FROM department_rows")
    }
    seen = {
        (str(k), str(key), str(c)) for k, key, c in db._all("SELECT kind, key, content FROM department_seen")
    }
    return rows, seen


class Skipped(ValueError):
    """A row that cannot be placed here (its person or statement is missing)."""


def apply_rows(
    store: Store,
    rows: Iterable[tuple[str, str, str]],
    source: str,
    absorb: Iterable[tuple[str, str, str]] = (),
) -> list[str]:
    """Writes incoming rows in one transaction; returns a line per row that was skipped.

    Args:
        store: the database, open for writing (the caller holds its lock).
        rows: (kind, key, content) to take.
        source: the file's name, for the audit log.
        absorb: versions the other file had, recorded as seen here (so that a conflict
            settled for mine, or an older version, is not asked about again).
    """
    skipped: list[str] = []
    taken = 0
    with store._write():
        store.db.conn.executemany(
            "INSERT OR IGNORE INTO department_seen (kind, key, content, staff_id) VALUES (?, ?, ?, ?)",
            [(k, key, c, key.split("|", 1)[0] if k == "tick" else None) for k, key, c in absorb],
        )
        writer = _Writer(store)
        for kind, key, content in rows:
            try:
                getattr(writer, kind)(key, parse_literals(content))
                taken += 1
            except (Skipped, ValueError) as e:
                skipped.append(str(e))
        audit.record(store.db, "import_department", "department", None, {"source": source, "rows": taken})
    return skipped


class _Writer:
    def __init__(self, store: Store):
        self.store = store
        self.db = store.db
        self.categories = {c.name: c.id for c in store.categories()}
        self.staff = set(store.staff_ids())

    def _one(self, sql: str, params: list[Any]) -> object:
        row = self.db.execute(sql, params).fetchone()
        return row[0] if row else None

    def _statement(self, key: str) -> str:
        category, level, text = key.split("|", 2)
        found = self._one(
            "SELECT s.id FROM can_do s JOIN category c ON c.id = s.category_id "
            "WHERE c.name = ? AND s.level = ? AND s.text = ?",
            [category, int(level), text],
        )
        if found is None:
            raise Skipped(messages.STATEMENT_NOT_IN_FILE.format(text=text))
        return str(found)

    def _course(self, key: str | None) -> str | None:
        if not key:
            return None
        name, provider = key.split("|", 1)
        found = self._one("SELECT id FROM course WHERE name = ? AND provider = ?", [name, provider])
        return None if found is None else str(found)

    def tick(self, key: str, content: list[Any]) -> None:
        staff_id, statement = key.split("|", 1)
        if staff_id not in self.staff:
            raise Skipped(messages.TICK_STAFF_NOT_IN_FILE.format(staff_id=staff_id))
        self.db.execute(
            "INSERT INTO can_do_tick (staff_id, statement_id, date) VALUES (?, ?, ?) "
            "ON CONFLICT (staff_id, statement_id) DO UPDATE SET date = excluded.date",
            [staff_id, self._statement(statement), content[0]],
        )

    def course(self, key: str, content: list[Any]) -> None:
        name, provider, category, level, kind, note = content
        values = [self.categories.get(category) if category else None, level, kind, note]
        mine = self._course(key)
        if mine is not None:
            self.db.execute(
                "UPDATE course SET category_id = ?, level = ?, kind = ?, note = ? WHERE id = ?",
                [*values, mine],
            )
            return
        position = self._one("SELECT coalesce(max(position), -1) + 1 FROM course", [])
        self.db.execute(
            "INSERT INTO course (id, position, name, provider, category_id, level, kind, note) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [new_id(), position, name, provider, *values],
        )

    def plan(self, key: str, content: list[Any]) -> None:
        year, staff_id, course, position, title, status, note = content
        if staff_id not in self.staff:
            raise Skipped(messages.PLAN_STAFF_NOT_IN_FILE.format(title=title, staff_id=staff_id))
        self.db.execute(
            "INSERT INTO plan_item (id, fiscal_year, staff_id, course_id, position, title, status, note) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET fiscal_year = excluded.fiscal_year, "
            "staff_id = excluded.staff_id, course_id = excluded.course_id, position = excluded.position, "
            "title = excluded.title, status = excluded.status, note = excluded.note",
            [key, year, staff_id, self._course(course), position, title, status, note],
        )

    def profile(self, key: str, content: list[Any]) -> None:
        titles_text, note, targets_text, can_do_text = content
        titles = json.loads(titles_text or "[]")
        targets = dict(line.rsplit("=", 1) for line in (targets_text or "").split("\n") if "=" in line)
        can_do = [line for line in (can_do_text or "").split("\n") if line]
        mine = self._one("SELECT id FROM target_profile WHERE name = ?", [key])
        if mine is None:
            mine = new_id()
            position = self._one("SELECT coalesce(max(position), -1) + 1 FROM target_profile", [])
            self.db.execute(
                "INSERT INTO target_profile (id, position, name, titles, note) VALUES (?, ?, ?, ?, ?)",
                [mine, position, key, json.dumps(titles, ensure_ascii=False), note],
            )
        else:
            self.db.execute(
                "UPDATE target_profile SET titles = ?, note = ? WHERE id = ?",
                [json.dumps(titles, ensure_ascii=False), note, mine],
            )
        self.db.execute("DELETE FROM target_level WHERE profile_id = ?", [mine])
        self.db.execute("DELETE FROM target_can_do WHERE profile_id = ?", [mine])
        for name, level in targets.items():
            if name in self.categories:
                self.db.execute(
                    "INSERT INTO target_level (profile_id, category_id, level) VALUES (?, ?, ?)",
                    [mine, self.categories[name], int(level)],
                )
        for statement in can_do:
            try:
                self.db.execute(
                    "INSERT OR IGNORE INTO target_can_do (profile_id, statement_id) VALUES (?, ?)",
                    [mine, self._statement(statement)],
                )
            except Skipped:
                continue  # a statement this file lacks: the rest of the profile still comes
