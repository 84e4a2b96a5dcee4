"""The SQL of the shared file: making an export copy, and writing a merge with the
revision chains that came with it.

An export is an online backup into a private temporary file (a consistent snapshot even
while another connection writes), then trimmed to the people shared and vacuumed again, so
that nothing of the people left out, and nothing of the audit log, remains in its bytes.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path

from skillmatrix.domain.dates import PartialDate
from skillmatrix.domain.model import Staff, new_id, years_of_spans
from skillmatrix.domain.serialize import staff_to_dict
from skillmatrix.progress import Progress, no_progress
from skillmatrix.store import audit, sheet_rows
from skillmatrix.store.repository import Store
from skillmatrix.store.staff_reading import BATCH

# (revision, parent, created): one row of a person's revision chain (staff_revision).
RevisionRow = tuple[str, str | None, str]


def snapshot_store(store: Store, target: Path, progress: Progress = no_progress) -> None:
    """snapshot_into() of an open store (for exchange/, which never touches a connection)."""
    snapshot_into(store.db.conn, target, progress)


def snapshot_into(conn: sqlite3.Connection, target: Path, progress: Progress = no_progress) -> None:
    """Writes a consistent copy of conn's database into target (an empty or missing
    file): SQLite's online backup in one step, which reads in one transaction.
    trim_export() then VACUUMs the copy, which leaves it as compact as VACUUM INTO would
    and with no trace of deleted rows.

    Not VACUUM INTO: from a read-only connection (the export command's) it read and wrote
    every page about ten times, 2.0 s for a 200 MB file against 0.4 s for this (issue 8).
    """
    dest = sqlite3.connect(target)
    try:
        # pages=-1 copies in one step (one read transaction); the callback still reports.
        conn.backup(dest, pages=-1, progress=lambda _status, left, total: progress(total - left, total))
    finally:
        dest.close()


def trim_export(
    path: Path, keep_ids: Iterable[str] | None, meta: dict[str, str], as_of: date | None = None
) -> int:
    """Trims a fresh export copy to the people shared; returns how many it holds.

    Removes everyone not in keep_ids (None keeps all) with their rows, the revision
    chains of people not in the file, the audit log and planner statistics; records
    meta; VACUUMs so that removed text is gone from the file's bytes; leaves the file
    in rollback-journal (DELETE) mode, one self-contained file.

    Args:
        path: the private copy (never the user's database).
        keep_ids: ids of the people to keep.
        meta: key -> value rows for the meta table (e.g. when it was exported).
        as_of: the day 経験年数 is computed as of for staff_experience (default: today).
    """
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA trusted_schema = OFF")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA secure_delete = ON")
        # A private temp copy that is discarded on any failure needs no rollback
        # journal; without one no old page is written to a -journal file either.
        conn.execute("PRAGMA journal_mode = OFF")
        conn.execute("PRAGMA synchronous = OFF")
        conn.execute("BEGIN")
        if keep_ids is not None:
            conn.execute("CREATE TEMP TABLE keep_staff (id TEXT PRIMARY KEY)")
            conn.executemany("INSERT OR IGNORE INTO temp.keep_staff VALUES (?)", [(i,) for i in keep_ids])
            conn.execute("DELETE FROM staff WHERE id NOT IN (SELECT id FROM temp.keep_staff)")
        conn.execute("DELETE FROM staff_revision WHERE staff_id NOT IN (SELECT id FROM staff)")
        # What the department's rows once were, for the people shared only (db/0007).
        conn.execute(
            "DELETE FROM department_seen WHERE staff_id IS NOT NULL AND staff_id NOT IN (SELECT id FROM staff)"
        )
        conn.execute("DELETE FROM audit")
        for key, value in meta.items():
            conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", [key, value])
        record_experience(conn, as_of or date.today())
        conn.execute("COMMIT")
        for table in ("sqlite_stat1", "sqlite_stat4"):
            conn.execute(f"DROP TABLE IF EXISTS {table}")
        if keep_ids is not None:
            conn.execute("DROP TABLE temp.keep_staff")
        conn.execute("VACUUM")
        conn.execute("PRAGMA journal_mode = DELETE")
        count: int = conn.execute("SELECT count(*) FROM staff").fetchone()[0]
        return count
    finally:
        conn.close()


def record_experience(conn: sqlite3.Connection, as_of: date) -> None:
    """Fills staff_experience with every person's 経験年数 as of a day, computed by the
    rule the program prints with (domain.model.experience_years; db/README.md states it),
    so that a reader of the shared file need not recompute it."""
    spans: dict[str, list[tuple[date, date | None]]] = defaultdict(list)
    for staff_id, start, end in conn.execute("SELECT staff_id, start_date, end_date FROM assignment"):
        if start:
            last = PartialDate.from_iso(end).last_day() if end else None
            spans[staff_id].append((PartialDate.from_iso(start).first_day(), last))
    rows = []
    for staff_id, override in conn.execute("SELECT id, experience_override FROM staff").fetchall():
        computed = years_of_spans(spans.get(staff_id, []), as_of)
        years = override if override is not None else computed
        rows.append((staff_id, years, computed, override, as_of.isoformat()))
    conn.execute("DELETE FROM staff_experience")
    conn.executemany(
        "INSERT INTO staff_experience (staff_id, years, computed, override, as_of) VALUES (?, ?, ?, ?, ?)",
        rows,
    )


def journal_mode(path: Path) -> str:
    """Returns the journal mode a file's header asks for ('delete' or 'wal')."""
    with open(path, "rb") as f:
        header = f.read(20)
    # Bytes 18-19 are the file format write/read versions: 2 means WAL.
    return "wal" if header[18:20] == b"\x02\x02" else "delete"


def revision_sets(store: Store, ids: list[str]) -> dict[str, set[str]]:
    """Returns every revision id each person has had in the store (kept after deletion)."""
    found: dict[str, set[str]] = {}
    for i in range(0, len(ids), BATCH):
        chunk = ids[i : i + BATCH]
        marks = ",".join("?" * len(chunk))
        for staff_id, revision in store.db.execute(
            f"SELECT staff_id, revision FROM staff_revision WHERE staff_id IN ({marks})", chunk
        ):
            found.setdefault(staff_id, set()).add(revision)
    return found


def revision_ancestors(store: Store, ids: list[str]) -> dict[str, list[str]]:
    """Returns, per person, the revisions their current one descends from, oldest first
    (following parent links): what a JSON dump writes as `revision_history`, so that an
    import can fast-forward. Revisions this file had but left (a sheet that converged on
    another copy's revision) are not ancestors and are not listed."""
    parents: dict[str, dict[str, str | None]] = {}
    current = current_revisions(store, ids)
    for i in range(0, len(ids), BATCH):
        chunk = ids[i : i + BATCH]
        marks = ",".join("?" * len(chunk))
        for staff_id, revision, parent in store.db.execute(
            f"SELECT staff_id, revision, parent FROM staff_revision WHERE staff_id IN ({marks})", chunk
        ):
            parents.setdefault(staff_id, {})[revision] = parent
    found: dict[str, list[str]] = {}
    for staff_id, revision in current.items():
        line: list[str] = []
        seen = {revision}
        parent = parents.get(staff_id, {}).get(revision)
        while parent is not None and parent not in seen:
            line.append(parent)
            seen.add(parent)
            parent = parents.get(staff_id, {}).get(parent)
        found[staff_id] = line[::-1]
    return found


def current_revisions(store: Store, ids: list[str]) -> dict[str, str]:
    """Returns staff id -> current revision for those of ids the store holds."""
    found: dict[str, str] = {}
    for i in range(0, len(ids), BATCH):
        chunk = ids[i : i + BATCH]
        marks = ",".join("?" * len(chunk))
        found.update(
            store.db.execute(f"SELECT id, revision FROM staff WHERE id IN ({marks})", chunk).fetchall()
        )
    return found


def write_merge(
    store: Store,
    inserts: list[tuple[Staff, list[RevisionRow]]],
    replaces: list[tuple[Staff, Staff, list[RevisionRow]]],
    absorbs: list[tuple[str, list[RevisionRow]]],
    source: str,
    progress: Progress = no_progress,
    converges: Sequence[tuple[Staff, list[RevisionRow]]] = (),
) -> None:
    """Writes a planned merge in one transaction, keeping the incoming revision ids.

    A person written here gets the revision the file gave them (not a new one) and the
    file's chain is added to theirs, so that importing the same file again finds every
    revision known and changes nothing.

    Args:
        store: the user's database, open for writing.
        inserts: (person, chain) for people new to the store; a person with no revision
            (kept as a second copy) gets a fresh one.
        replaces: (theirs, mine as stored, chain) for people whose sheet is replaced.
        absorbs: (staff id, chain) for people kept as they are whose chain records
            that the incoming version has been seen (a conflict settled for mine).
        converges: (theirs, chain) for people whose sheet is the same on both sides:
            their revision becomes the current one (content unchanged).
        source: the file's name, for the audit log.
        progress: called as progress(done, total) inside the transaction before each
            person; an exception it raises (progress.Cancelled) rolls everything back.
    """
    names = {c.id: c.name for c in store.categories()}
    total, done = len(inserts) + len(replaces), 0
    with store._write():
        stamp = audit.now()
        position = store.db.execute("SELECT coalesce(max(position), -1) + 1 FROM staff").fetchone()[0]
        for staff, chain in inserts:
            progress(done, total)
            done += 1
            if not staff.revision:
                staff.revision = new_id()
                chain = [(staff.revision, None, stamp)]
            sheet_rows.insert_staff(store.db, staff, position, staff.revision, stamp, stamp)
            position += 1
            sheet_rows.insert_children(store.db, staff, stamp)
            _add_chain(store, staff.id, chain)
            store.keep_content(staff)
            staff.updated = stamp
        for staff, old, chain in replaces:
            progress(done, total)
            done += 1
            sheet_rows.replace_rows(store.db, staff, stamp)
            store.db.execute(
                "UPDATE staff SET revision = ?, updated = ? WHERE id = ?", [staff.revision, stamp, staff.id]
            )
            _add_chain(store, staff.id, chain)
            store.keep_content(staff)
            staff.updated = stamp
            audit.record(
                store.db,
                "import",
                f"staff:{staff.id}",
                staff_to_dict(old, names),
                {"source": source, **staff_to_dict(staff, names)},
            )
        for staff_id, chain in absorbs:
            _add_chain(store, staff_id, chain)
        for staff, chain in converges:
            _add_chain(store, staff.id, chain)
            store.db.execute("UPDATE staff SET revision = ? WHERE id = ?", [staff.revision, staff.id])
            store.keep_content(staff)
        progress(total, total)
        # One row for everyone added (as add_many does); each replaced sheet has its own
        # row above with the sheet as it was, so that nothing overwritten is lost.
        audit.record(
            store.db,
            "import",
            "staff",
            None,
            {
                "source": source,
                "added": [s.id for s, _ in inserts],
                "updated": len(replaces),
                "kept": len(absorbs),
            },
        )


def _add_chain(store: Store, staff_id: str, chain: list[RevisionRow]) -> None:
    store.db.conn.executemany(
        "INSERT OR IGNORE INTO staff_revision (staff_id, revision, parent, created) VALUES (?, ?, ?, ?)",
        [(staff_id, revision, parent, created) for revision, parent, created in chain],
    )
