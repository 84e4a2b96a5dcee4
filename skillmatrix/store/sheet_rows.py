"""The rows of one person's sheet: the SQL that inserts, deletes and patches them.

Functions of a sqlite_utils Database; the caller (store/repository.py) holds the
transaction, writes the person's revision and the audit row.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlite_utils import Database

from skillmatrix.domain.dates import PartialDate
from skillmatrix.domain.model import Assignment, Entry, Project, Qualification, Staff
from skillmatrix.domain.sheet_patch import LIST_PARTS, PROFILE_FIELDS, Row, SheetPatch
from skillmatrix.store import audit

LIST_TABLES = {"qualifications": "qualification", "assignments": "assignment", "projects": "project"}


def _iso(d: PartialDate | None) -> str | None:
    return d.iso() if d else None


def insert_staff(
    db: Database, staff: Staff, position: int, revision: str, created: str, updated: str
) -> None:
    """Inserts a person's own row (the profile); the caller inserts the rest."""
    columns = ", ".join(PROFILE_FIELDS)
    marks = ", ".join("?" * len(PROFILE_FIELDS))
    db.execute(
        f"INSERT INTO staff (id, position, {columns}, revision, created, updated) "
        f"VALUES (?, ?, {marks}, ?, ?, ?)",
        [staff.id, position, *(getattr(staff, name) for name in PROFILE_FIELDS), revision, created, updated],
    )


def replace_rows(db: Database, staff: Staff, stamp: str) -> None:
    """Replaces a person's profile columns and every row of their sheet (an import, or
    「受講を記録」's undo); the caller writes the revision."""
    columns = ", ".join(f"{name} = ?" for name in PROFILE_FIELDS)
    db.execute(
        f"UPDATE staff SET {columns} WHERE id = ?",
        [*(getattr(staff, name) for name in PROFILE_FIELDS), staff.id],
    )
    delete_children(db, staff.id)
    insert_children(db, staff, stamp)


def insert_children(db: Database, staff: Staff, stamp: str) -> None:
    for part in LIST_PARTS:
        insert_rows(db, staff.id, part, getattr(staff, part), stamp)
    insert_entries(db, staff.id, staff.entries, 0, stamp)


def insert_rows(db: Database, staff_id: str, part: str, rows: Sequence[Row], stamp: str) -> None:
    """Inserts one history list of a person (資格等, 担当履歴 or プロジェクト), in order."""
    conn = db.conn
    if part == "qualifications":
        conn.executemany(
            "INSERT INTO qualification (id, staff_id, position, name, acquired, expires, created, "
            "updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (q.id, staff_id, i, q.name, _iso(q.acquired), _iso(q.expires), stamp, stamp)
                for i, q in enumerate(rows)
                if isinstance(q, Qualification)
            ],
        )
    elif part == "assignments":
        conn.executemany(
            "INSERT INTO assignment (id, staff_id, position, start_date, end_date, name, duties, "
            "created, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    a.id,
                    staff_id,
                    i,
                    _iso(a.period.start),
                    _iso(a.period.end),
                    a.name,
                    a.duties,
                    stamp,
                    stamp,
                )
                for i, a in enumerate(rows)
                if isinstance(a, Assignment)
            ],
        )
    else:
        conn.executemany(
            "INSERT INTO project (id, staff_id, position, start_date, end_date, name, created, "
            "updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (p.id, staff_id, i, _iso(p.period.start), _iso(p.period.end), p.name, stamp, stamp)
                for i, p in enumerate(rows)
                if isinstance(p, Project)
            ],
        )


def insert_entries(db: Database, staff_id: str, entries: Sequence[Entry], first: int, stamp: str) -> None:
    """Inserts entries at positions first, first + 1, … (the order within a cell)."""
    db.conn.executemany(
        "INSERT INTO entry (id, staff_id, level, category_id, position, text, kind, date, "
        "note, created, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                e.id,
                staff_id,
                e.level,
                e.category_id,
                first + i,
                e.text,
                e.kind,
                _iso(e.date),
                e.note,
                stamp,
                stamp,
            )
            for i, e in enumerate(entries)
        ],
    )


def delete_children(db: Database, staff_id: str) -> None:
    for table in ("qualification", "assignment", "project", "entry"):
        db.execute(f"DELETE FROM {table} WHERE staff_id = ?", [staff_id])


def write_patch(db: Database, staff_id: str, patch: SheetPatch) -> None:
    """Writes the rows of the patch's parts; the caller holds the transaction."""
    stamp = audit.now()
    if patch.profile:
        columns = ", ".join(f"{name} = ?" for name in patch.profile)
        db.execute(f"UPDATE staff SET {columns} WHERE id = ?", [*patch.profile.values(), staff_id])
    for part, rows in patch.lists.items():
        db.execute(f"DELETE FROM {LIST_TABLES[part]} WHERE staff_id = ?", [staff_id])
        insert_rows(db, staff_id, part, rows, stamp)
    if patch.cells:
        first = db.execute(
            "SELECT coalesce(max(position), -1) + 1 FROM entry WHERE staff_id = ?", [staff_id]
        ).fetchone()[0]
        # Every cell first emptied, then filled: an entry moving between two patched
        # cells keeps its id.
        db.conn.executemany(
            "DELETE FROM entry WHERE staff_id = ? AND level = ? AND category_id = ?",
            [(staff_id, level, category_id) for level, category_id in patch.cells],
        )
        for entries in patch.cells.values():
            insert_entries(db, staff_id, entries, first, stamp)
            first += len(entries)
