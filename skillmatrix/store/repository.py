"""The résumé store: loads and saves domain objects in one SQLite file.

Every public write is one transaction and one audit row per person it touches. A write
replaces a person's whole sheet (profile and every list) and returns what was there
before, so undo is simply the same write with the old sheet: audited and transactional
like any edit. Every write gives the person a new revision id and records the chain
(staff_revision) that the shared-file merge uses to tell who changed what.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from skillmatrix.domain.dates import PartialDate
from skillmatrix.domain.model import (
    Category,
    Level,
    Staff,
    ValidationError,
    new_id,
    validate_staff,
)
from skillmatrix.domain.serialize import gc_paused, staff_to_dict
from skillmatrix.domain.sheet_patch import SheetPatch, apply, diff, take, to_json
from skillmatrix.progress import Progress
from skillmatrix.store import audit, definitions, department_seed, messages, schema, sheet_rows
from skillmatrix.store.backup import make_backup
from skillmatrix.store.errors import StoreError, explain
from skillmatrix.store.staff_reading import StaffReading


def _iso(d: PartialDate | None) -> str | None:
    return d.iso() if d else None


def revision_content(staff: Staff) -> str:
    """Returns what a revision keeps of the sheet (staff_revision.content): the
    interchange form with categories by id, so that a renamed category still matches."""
    return json.dumps(staff_to_dict(staff, {}), ensure_ascii=False, separators=(",", ":"))


def _backup_first(conn: sqlite3.Connection, path: Path) -> Path:
    """Writes a verified copy of a file into backups/ beside it before its schema is
    changed; raises StoreError, and nothing is migrated, if the copy cannot be made."""
    return make_backup(path, "migration", conn=conn)


class Store(StaffReading):
    """One open SkillMatrix database.

    Use Store.open() for an existing file and Store.create() for a new one.
    """

    def __init__(self, conn: sqlite3.Connection, path: Path, readonly: bool):
        self.path = Path(path)
        self.readonly = readonly
        self.db = Database(conn, execute_plugins=False)
        self._categories: list[Category] | None = None
        self.closed = False  # work deferred to idle time (the staff list's index) checks it

    # -- opening and closing -------------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path, readonly: bool = False) -> Store:
        """Opens an existing database (never creates one).

        Raises:
            StoreError: missing, damaged, foreign, newer, or locked file.
        """
        path = Path(path)
        store = cls(schema.connect(path, readonly=readonly, before_migration=_backup_first), path, readonly)
        if not readonly:
            try:
                # A file migrated from schema 2 gets the catalogue once.
                with store._write():
                    department_seed.seed_defaults(store.db, store.categories())
            except BaseException:
                store.close()
                raise
        return store

    @classmethod
    def create(cls, path: str | Path) -> Store:
        """Creates a database with the default levels and categories, or opens an
        existing one (an empty file counts as new)."""
        path = Path(path)
        store = cls(schema.connect(path, create=True, before_migration=_backup_first), path, False)
        if store.db.execute("SELECT count(*) FROM level").fetchone()[0] == 0:
            store._write_defaults()
        return store

    def close(self) -> None:
        """Closes the file; a writable one is left in rollback-journal mode so that it is
        one self-contained file again (safe to copy once the program has closed it)."""
        conn = self.db.conn
        try:
            if not self.readonly:
                conn.execute("PRAGMA optimize")
                conn.execute("PRAGMA journal_mode = DELETE")
        except sqlite3.Error:
            pass  # another connection still has it open: WAL stays, nothing is lost
        finally:
            conn.close()
            self.closed = True

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _write(self) -> Iterator[None]:
        """One transaction for one public write, with SQLite errors explained."""
        if self.readonly:
            raise StoreError(messages.READ_ONLY.format(path=self.path))
        try:
            with self.db.atomic():
                yield
        except sqlite3.Error as e:
            raise explain(e, str(self.path)) from None

    def _write_defaults(self) -> None:
        with self._write():
            definitions.write_defaults(self.db)
            department_seed.write_defaults(self.db, self.categories())
            audit.record(self.db, "create", "database", None, {"levels": 8, "categories": 8})

    # -- definitions ----------------------------------------------------------------------

    def levels(self) -> list[Level]:
        """Returns the 8 levels, レベル0 first."""
        return definitions.read_levels(self.db)

    def categories(self) -> list[Category]:
        """Returns the categories in their defined order."""
        if self._categories is None:
            self._categories = definitions.read_categories(self.db)
        return list(self._categories)

    def save_definitions(
        self, levels: list[Level], categories: list[Category]
    ) -> tuple[list[Level], list[Category]]:
        """Replaces the texts of some levels and categories in one transaction; returns
        them as they were (for undo).

        Raises:
            StoreError: a category name is empty or used twice (nothing is written).
        """
        old_levels = {lv.number: lv for lv in self.levels()}
        old_categories = {c.id: c for c in self.categories()}
        definitions.check_names(self.categories(), categories)
        with self._write():
            definitions.write(self.db, levels, categories, old_levels, old_categories)
        self._categories = None
        return [old_levels[lv.number] for lv in levels], [old_categories[c.id] for c in categories]

    # -- writing staff --------------------------------------------------------------------------

    def _check(self, staff: Staff) -> None:
        problems = validate_staff(staff, {c.id for c in self.categories()})
        if problems:
            raise ValidationError(problems)

    def _category_names(self) -> dict[str, str]:
        return {c.id: c.name for c in self.categories()}

    def _insert_sheet(self, staff: Staff, position: int, created: str, parent: str | None) -> None:
        """Writes a new person's rows with a new revision after parent (the last revision
        the person had, if they were here before); the caller holds the transaction."""
        stamp = audit.now()
        sheet_rows.insert_staff(self.db, staff, position, "", created, stamp)
        sheet_rows.insert_children(self.db, staff, stamp)
        self._new_revision(staff, parent, stamp)

    def _new_revision(self, staff: Staff, parent: str | None, stamp: str) -> None:
        revision = new_id()
        self.db.execute(
            "INSERT INTO staff_revision (staff_id, revision, parent, created, content) VALUES (?, ?, ?, ?, ?)",
            [staff.id, revision, parent, stamp, revision_content(staff)],
        )
        self.db.execute(
            "UPDATE staff SET revision = ?, updated = ? WHERE id = ?", [revision, stamp, staff.id]
        )
        staff.revision, staff.updated = revision, stamp

    def keep_content(self, staff: Staff) -> None:
        """Stores the sheet as the content of its current revision where none is kept
        (a revision that came in a shared file); the caller holds the transaction."""
        self.db.execute(
            "UPDATE staff_revision SET content = ? WHERE staff_id = ? AND revision = ? AND content IS NULL",
            [revision_content(staff), staff.id, staff.revision],
        )

    def _position_of(self, staff_id: str) -> int | None:
        row = self.db.execute("SELECT position FROM staff WHERE id = ?", [staff_id]).fetchone()
        return row[0] if row else None

    def _next_position(self) -> int:
        position: int = self.db.execute("SELECT coalesce(max(position), -1) + 1 FROM staff").fetchone()[0]
        return position

    def add_staff(self, staff: Staff, index: int | None = None) -> Staff:
        """Adds a new person (at list index, default last); returns the sheet as stored.

        Raises:
            ValidationError: the sheet breaks a rule.
            StoreError: the id exists already, or the write failed.
        """
        self._check(staff)
        with self._write():
            if self._position_of(staff.id) is not None:
                raise StoreError(messages.STAFF_ID_EXISTS.format(id=staff.id))
            position = self._open_slot(index)
            chain = self.revision_chain(staff.id)
            self._insert_sheet(staff, position, audit.now(), chain[-1] if chain else None)
            audit.record(
                self.db, "add", f"staff:{staff.id}", None, staff_to_dict(staff, self._category_names())
            )
        return staff

    def _open_slot(self, index: int | None) -> int:
        """Returns the position for a person inserted at list index, shifting later ones."""
        ids = self.staff_ids()
        if index is None or index >= len(ids):
            return self._next_position()
        self._renumber([*ids[:index], None, *ids[index:]])
        return index

    def _renumber(self, ids: Sequence[str | None]) -> None:
        self.db.conn.executemany(
            "UPDATE staff SET position = ? WHERE id = ?",
            [(i, sid) for i, sid in enumerate(ids) if sid is not None],
        )

    def save_staff(self, staff: Staff) -> Staff:
        """Writes a person's edited sheet; returns the sheet as it was before.

        Only the parts that differ are written (see patch_staff); an unchanged sheet
        writes nothing.

        Raises:
            ValidationError: the sheet breaks a rule (nothing is written).
            StoreError: no such person, or the write failed (nothing is written).
        """
        old = self.get_staff(staff.id)
        self._check(staff)
        if self.patch_staff(staff.id, diff(old, staff), old=old).empty:
            return old
        staff.revision, staff.updated = self.db.execute(
            "SELECT revision, updated FROM staff WHERE id = ?", [staff.id]
        ).fetchone()
        return old

    def patch_staff(
        self, staff_id: str, patch: SheetPatch, action: str = "update", old: Staff | None = None
    ) -> SheetPatch:
        """Replaces some parts of a person's sheet in one transaction; returns the parts as
        they were (the inverse patch). Writes only those parts' rows, gives the person a
        new revision and records the parts before and after in the audit log.

        Args:
            staff_id: the person.
            patch: the parts to write.
            action: the audit log's name for the change (the operation).
            old: the person's sheet as stored, when the caller has just read it.

        Raises:
            ValidationError: the patched sheet breaks a rule (nothing is written).
            StoreError: no such person, or the write failed (nothing is written).
        """
        old = old if old is not None else self.get_staff(staff_id)
        inverse = take(old, patch)
        if patch.empty:
            return inverse
        self._check(apply(old, patch))
        with self._write():
            self._patch_rows(old, patch, action)
        return inverse

    def _patch_rows(self, old: Staff, patch: SheetPatch, action: str) -> None:
        """Writes a patch of old's sheet with its revision and audit row; the caller has
        validated it and holds the transaction."""
        sheet_rows.write_patch(self.db, old.id, patch)
        self._new_revision(apply(old, patch), old.revision or None, audit.now())
        audit.record(self.db, action, f"staff:{old.id}", to_json(take(old, patch)), to_json(patch))

    def _replace(self, staff: Staff, old: Staff) -> None:
        """Swaps old's rows for staff's, keeping list position, creation time and chain."""
        stamp = audit.now()
        sheet_rows.replace_rows(self.db, staff, stamp)
        self._new_revision(staff, old.revision or None, stamp)

    def delete_staff(self, staff_id: str) -> tuple[Staff, int]:
        """Removes a person; returns the sheet and list index it had (for undo)."""
        old = self.get_staff(staff_id)
        index = self.staff_ids().index(staff_id)
        with self._write():
            self.db.execute("DELETE FROM staff WHERE id = ?", [staff_id])
            self._renumber(self.staff_ids())
            audit.record(
                self.db, "delete", f"staff:{staff_id}", staff_to_dict(old, self._category_names()), None
            )
        return old, index

    def delete_many(self, staff_ids: list[str]) -> list[tuple[Staff, int]]:
        """Removes several people in one transaction; returns each sheet with the list
        index it had, lowest index first (for undo: restore_many)."""
        order = self.staff_ids()
        wanted = set(staff_ids)
        missing = wanted - set(order)
        if missing:
            raise StoreError(messages.STAFF_NOT_FOUND_MANY.format(missing=sorted(missing)[0]))
        removed = [
            (sheet, order.index(sheet.id)) for sheet in self.iter_staff([i for i in order if i in wanted])
        ]
        names = self._category_names()
        with self._write():
            for sheet, _index in removed:
                self.db.execute("DELETE FROM staff WHERE id = ?", [sheet.id])
                audit.record(self.db, "delete", f"staff:{sheet.id}", staff_to_dict(sheet, names), None)
            self._renumber(self.staff_ids())
        return removed

    def restore_many(self, removed: list[tuple[Staff, int]]) -> None:
        """Puts removed people back at their list indexes in one transaction (the inverse
        of delete_many); each continues their revision chain."""
        for sheet, _index in removed:
            self._check(sheet)
        names = self._category_names()
        with self._write():
            for sheet, index in sorted(removed, key=lambda pair: pair[1]):
                if self._position_of(sheet.id) is not None:
                    raise StoreError(messages.STAFF_ID_EXISTS.format(id=sheet.id))
                chain = self.revision_chain(sheet.id)
                self._insert_sheet(
                    sheet.copy(), self._open_slot(index), audit.now(), chain[-1] if chain else None
                )
                audit.record(self.db, "add", f"staff:{sheet.id}", None, staff_to_dict(sheet, names))

    def replace_sheets(
        self,
        sheets: list[Staff],
        remove: list[str],
        places: dict[str, int] | None = None,
        action: str = "replace",
    ) -> tuple[list[Staff], list[tuple[Staff, int]], list[str]]:
        """Writes whole sheets and removes people in one transaction (undo and redo of an
        import or a merge). A sheet whose person is here has only its differing parts
        written; a new one is added at its place (list index) or last.

        Returns:
            (the replaced sheets as they were, the removed people with their list
            indexes, the ids added): what the inverse needs.

        Raises:
            ValidationError, StoreError: nothing was written.
        """
        for sheet in sheets:
            self._check(sheet)
        order = self.staff_ids()
        here = set(order)
        olds = {old.id: old for old in self.iter_staff([s.id for s in sheets if s.id in here])}
        removed = [
            (sheet, order.index(sheet.id))
            for sheet in self.iter_staff([i for i in order if i in set(remove)])
        ]
        added = [s.id for s in sheets if s.id not in here]
        names = self._category_names()
        places = places or {}
        with self._write():
            for sheet, _index in removed:
                self.db.execute("DELETE FROM staff WHERE id = ?", [sheet.id])
                audit.record(self.db, action, f"staff:{sheet.id}", staff_to_dict(sheet, names), None)
            if removed:
                self._renumber(self.staff_ids())
            new = sorted((s for s in sheets if s.id not in here), key=lambda s: places.get(s.id, len(order)))
            for sheet in sheets:
                if sheet.id in olds:
                    self._patch_rows(olds[sheet.id], diff(olds[sheet.id], sheet), action)
            for sheet in new:
                chain = self.revision_chain(sheet.id)
                slot = self._open_slot(places.get(sheet.id))
                self._insert_sheet(sheet.copy(), slot, audit.now(), chain[-1] if chain else None)
                audit.record(self.db, action, f"staff:{sheet.id}", None, staff_to_dict(sheet, names))
        return list(olds.values()), removed, added

    def move_staff(self, staff_id: str, index: int) -> int:
        """Moves a person to list index; returns the index it had before."""
        ids = self.staff_ids()
        old_index = ids.index(staff_id)
        ids.remove(staff_id)
        ids.insert(max(0, min(index, len(ids))), staff_id)
        with self._write():
            self._renumber(ids)
            audit.record(self.db, "move", f"staff:{staff_id}", {"index": old_index}, {"index": index})
        return old_index

    def set_staff_order(self, ids: list[str]) -> list[str]:
        """Puts the list in the given order (e.g. sorted by kana); returns the old order."""
        old = self.staff_ids()
        if sorted(old) != sorted(ids):
            raise StoreError(messages.ORDER_MISMATCH)
        with self._write():
            self._renumber(ids)
            audit.record(self.db, "reorder", "staff", {"order": old}, {"order": ids})
        return old

    def add_many(
        self, people: list[Staff], action: str = "import", source: str = "", progress: Progress | None = None
    ) -> None:
        """Adds or replaces many people in one transaction (import, demo).

        A person whose id exists is replaced in place; a new one goes to the end. Every
        sheet is validated before anything is written.

        progress(done, total) is called inside the transaction after each person; if it
        raises (progress.Cancelled), the transaction rolls back and nothing is written.

        Raises:
            ValidationError: any sheet breaks a rule (nothing is written).
        """
        ids = {c.id for c in self.categories()}
        problems = [p for s in people for p in validate_staff(s, ids)]
        if problems:
            raise ValidationError(problems[:50])
        names = self._category_names()
        with gc_paused(), self._write():
            position = self._next_position()
            existing = set(self.staff_ids())
            last = self._last_revisions([s.id for s in people if s.id not in existing])
            stamp = audit.now()
            for done, staff in enumerate(people, 1):
                if progress is not None:
                    progress(done - 1, len(people))
                if staff.id in existing:
                    old = self.get_staff(staff.id)
                    self._replace(staff, old)
                    audit.record(
                        self.db, action, f"staff:{staff.id}", staff_to_dict(old, names), {"source": source}
                    )
                else:
                    self._insert_sheet(staff, position, stamp, last.get(staff.id))
                    position += 1
                    existing.add(staff.id)
            if progress is not None:
                progress(len(people), len(people))
            audit.record(self.db, action, "staff", None, {"source": source, "count": len(people)})

    # -- health ---------------------------------------------------------------------------------

    def backup(self, reason: str) -> Path:
        """Writes a verified copy of the file into backups/ beside it (before an import,
        a restore …) through this connection; returns it."""
        return make_backup(self.path, reason, conn=self.db.conn)

    def check(self, full: bool = True) -> list[str]:
        """Returns the problems SQLite finds in the file (empty when it is sound)."""
        pragma = "integrity_check" if full else "quick_check"
        problems = [r[0] for r in self.db.execute(f"PRAGMA {pragma}") if r[0] != "ok"]
        problems += [
            f"外部キー違反: {r[0]} の行 {r[1]} が {r[2]} にありません"
            for r in self.db.execute("PRAGMA foreign_key_check")
        ]
        return problems

    def audit_log(self, limit: int = 100, target: str | None = None) -> list[dict[str, Any]]:
        """Returns the newest audit rows first."""
        return audit.recent(self.db, limit, target)

    def schema_version(self) -> int:
        """Returns the file's PRAGMA user_version."""
        version: int = self.db.execute("PRAGMA user_version").fetchone()[0]
        return version
