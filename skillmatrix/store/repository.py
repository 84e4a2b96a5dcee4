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
from skillmatrix.domain.defaults import load_defaults
from skillmatrix.domain.model import (
    Assignment,
    Category,
    Entry,
    Level,
    Project,
    Qualification,
    Staff,
    ValidationError,
    new_id,
    validate_staff,
)
from skillmatrix.domain.serialize import gc_paused, staff_to_dict
from skillmatrix.domain.sheet_patch import LIST_PARTS, Row, SheetPatch, apply, diff, take, to_json
from skillmatrix.progress import Progress
from skillmatrix.store import audit, department_seed, schema
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


_LIST_TABLES = {"qualifications": "qualification", "assignments": "assignment", "projects": "project"}


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
            raise StoreError(f"読み取り専用で開いているため変更できません: {self.path}")
        try:
            with self.db.atomic():
                yield
        except sqlite3.Error as e:
            raise explain(e, str(self.path)) from None

    def _write_defaults(self) -> None:
        defaults = load_defaults()
        with self._write():
            self.db.table("level").insert_all(
                [
                    {
                        "number": lv.number,
                        "name": lv.name,
                        "short": lv.short,
                        "definition": lv.definition,
                        "criteria": json.dumps(lv.criteria, ensure_ascii=False),
                    }
                    for lv in defaults.levels
                ]
            )
            self.db.table("category").insert_all(
                [
                    {"id": c.id, "position": c.position, "name": c.name, "knowledge": c.knowledge}
                    for c in defaults.new_categories()
                ]
            )
            self.db.table("meta").insert({"key": "created", "value": audit.now()})
            department_seed.write_defaults(self.db, self.categories())
            audit.record(self.db, "create", "database", None, {"levels": 8, "categories": 8})

    # -- definitions ----------------------------------------------------------------------

    def levels(self) -> list[Level]:
        """Returns the 8 levels, レベル0 first."""
        return [
            Level(
                number=r["number"],
                name=r["name"],
                short=r["short"],
                definition=r["definition"],
                criteria=json.loads(r["criteria"]),
            )
            for r in self.db.query("SELECT * FROM level ORDER BY number")
        ]

    def categories(self) -> list[Category]:
        """Returns the categories in their defined order."""
        if self._categories is None:
            self._categories = [
                Category(id=r["id"], name=r["name"], knowledge=r["knowledge"], position=r["position"])
                for r in self.db.query("SELECT * FROM category ORDER BY position")
            ]
        return list(self._categories)

    def save_level(self, level: Level) -> Level:
        """Replaces one level's texts; returns the level as it was (for undo)."""
        old = next(lv for lv in self.levels() if lv.number == level.number)
        with self._write():
            self.db.execute(
                "UPDATE level SET name = ?, short = ?, definition = ?, criteria = ? WHERE number = ?",
                [
                    level.name,
                    level.short,
                    level.definition,
                    json.dumps(level.criteria, ensure_ascii=False),
                    level.number,
                ],
            )
            audit.record(self.db, "level", f"level:{level.number}", vars(old), vars(level))
        return old

    def save_category(self, category: Category) -> Category:
        """Replaces one category's name and knowledge areas; returns it as it was."""
        old = next(c for c in self.categories() if c.id == category.id)
        if any(c.name == category.name and c.id != category.id for c in self.categories()):
            raise StoreError(f"分類名「{category.name}」はすでにあります")
        if not category.name.strip():
            raise StoreError("分類名が空です")
        with self._write():
            self.db.execute(
                "UPDATE category SET name = ?, knowledge = ? WHERE id = ?",
                [category.name, category.knowledge, category.id],
            )
            audit.record(self.db, "category", f"category:{category.id}", vars(old), vars(category))
        self._categories = None
        return old

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
        self.db.execute(
            "INSERT INTO staff (id, position, name, kana, title, section, experience_override, "
            "experience_label, revision, created, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, '', ?, ?)",
            [
                staff.id,
                position,
                staff.name,
                staff.kana,
                staff.title,
                staff.section,
                staff.experience_override,
                staff.experience_label,
                created,
                stamp,
            ],
        )
        self._insert_children(staff, stamp)
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

    def _insert_children(self, staff: Staff, stamp: str) -> None:
        for part in LIST_PARTS:
            self._insert_rows(staff.id, part, getattr(staff, part), stamp)
        self._insert_entries(staff.id, staff.entries, 0, stamp)

    def _insert_rows(self, staff_id: str, part: str, rows: Sequence[Row], stamp: str) -> None:
        """Inserts one history list of a person (資格等, 担当履歴 or プロジェクト), in order."""
        conn = self.db.conn
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

    def _insert_entries(self, staff_id: str, entries: Sequence[Entry], first: int, stamp: str) -> None:
        """Inserts entries at positions first, first + 1, … (the order within a cell)."""
        self.db.conn.executemany(
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

    def _delete_children(self, staff_id: str) -> None:
        for table in ("qualification", "assignment", "project", "entry"):
            self.db.execute(f"DELETE FROM {table} WHERE staff_id = ?", [staff_id])

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
                raise StoreError(f"同じidの職員がすでにいます（{staff.id}）")
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
        self._write_patch(old.id, patch)
        self._new_revision(apply(old, patch), old.revision or None, audit.now())
        audit.record(self.db, action, f"staff:{old.id}", to_json(take(old, patch)), to_json(patch))

    def _write_patch(self, staff_id: str, patch: SheetPatch) -> None:
        """Writes the rows of the patch's parts; the caller holds the transaction."""
        stamp = audit.now()
        if patch.profile:
            columns = ", ".join(f"{name} = ?" for name in patch.profile)
            self.db.execute(f"UPDATE staff SET {columns} WHERE id = ?", [*patch.profile.values(), staff_id])
        for part, rows in patch.lists.items():
            self.db.execute(f"DELETE FROM {_LIST_TABLES[part]} WHERE staff_id = ?", [staff_id])
            self._insert_rows(staff_id, part, rows, stamp)
        if patch.cells:
            first = self.db.execute(
                "SELECT coalesce(max(position), -1) + 1 FROM entry WHERE staff_id = ?", [staff_id]
            ).fetchone()[0]
            # Every cell first emptied, then filled: an entry moving between two patched
            # cells keeps its id.
            self.db.conn.executemany(
                "DELETE FROM entry WHERE staff_id = ? AND level = ? AND category_id = ?",
                [(staff_id, level, category_id) for level, category_id in patch.cells],
            )
            for entries in patch.cells.values():
                self._insert_entries(staff_id, entries, first, stamp)
                first += len(entries)

    def _replace(self, staff: Staff, old: Staff) -> None:
        """Swaps old's rows for staff's, keeping list position, creation time and chain."""
        stamp = audit.now()
        self.db.execute(
            "UPDATE staff SET name = ?, kana = ?, title = ?, section = ?, experience_override = ?, "
            "experience_label = ? WHERE id = ?",
            [
                staff.name,
                staff.kana,
                staff.title,
                staff.section,
                staff.experience_override,
                staff.experience_label,
                staff.id,
            ],
        )
        self._delete_children(staff.id)
        self._insert_children(staff, stamp)
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
            raise StoreError(f"職員が見つかりません（id {sorted(missing)[0]}）")
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
                    raise StoreError(f"同じidの職員がすでにいます（{sheet.id}）")
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

    def save_definitions(
        self, levels: list[Level], categories: list[Category]
    ) -> tuple[list[Level], list[Category]]:
        """Replaces the texts of some levels and categories in one transaction; returns
        them as they were (for undo)."""
        old_levels = {lv.number: lv for lv in self.levels()}
        old_categories = {c.id: c for c in self.categories()}
        names = {c.id: c.name for c in self.categories()} | {c.id: c.name for c in categories}
        seen: set[str] = set()
        for name in names.values():
            if name in seen:
                raise StoreError(f"分類名「{name}」はすでにあります")
            seen.add(name)
        if any(not c.name.strip() for c in categories):
            raise StoreError("分類名が空です")
        with self._write():
            for level in levels:
                self.db.execute(
                    "UPDATE level SET name = ?, short = ?, definition = ?, criteria = ? WHERE number = ?",
                    [
                        level.name,
                        level.short,
                        level.definition,
                        json.dumps(level.criteria, ensure_ascii=False),
                        level.number,
                    ],
                )
                audit.record(
                    self.db, "level", f"level:{level.number}", vars(old_levels[level.number]), vars(level)
                )
            # Two names may swap: clear them first so the UNIQUE constraint never sees both.
            for category in categories:
                self.db.execute(
                    "UPDATE category SET name = ? WHERE id = ?", [f"（変更中）{category.id}", category.id]
                )
            for category in categories:
                self.db.execute(
                    "UPDATE category SET name = ?, knowledge = ? WHERE id = ?",
                    [category.name, category.knowledge, category.id],
                )
                audit.record(
                    self.db,
                    "category",
                    f"category:{category.id}",
                    vars(old_categories[category.id]),
                    vars(category),
                )
        self._categories = None
        return [old_levels[lv.number] for lv in levels], [old_categories[c.id] for c in categories]

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
            raise StoreError("並べ替えの対象が職員一覧と一致しません")
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
