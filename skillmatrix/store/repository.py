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
from contextlib import contextmanager
from pathlib import Path

from sqlite_utils import Database

from skillmatrix.domain.dates import PartialDate
from skillmatrix.domain.defaults import load_defaults
from skillmatrix.domain.model import (
    Category,
    Level,
    Staff,
    ValidationError,
    new_id,
    validate_staff,
)
from skillmatrix.domain.serialize import gc_paused, staff_to_dict
from skillmatrix.store import audit, schema
from skillmatrix.store.errors import StoreError, explain
from skillmatrix.store.staff_reading import BATCH, StaffReading  # noqa: F401  (BATCH: shared_sql)


def _iso(d: PartialDate | None) -> str | None:
    return d.iso() if d else None


def revision_content(staff: Staff) -> str:
    """Returns what a revision keeps of the sheet (staff_revision.content): the
    interchange form with categories by id, so that a renamed category still matches."""
    return json.dumps(staff_to_dict(staff, {}), ensure_ascii=False, separators=(",", ":"))


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
        store = cls(schema.connect(path, readonly=readonly), path, readonly)
        if not readonly:
            from skillmatrix.store.department import seed_defaults  # it imports this module

            try:
                seed_defaults(store)  # a file migrated from schema 2 gets the catalogue once
            except BaseException:
                store.close()
                raise
        return store

    @classmethod
    def create(cls, path: str | Path) -> Store:
        """Creates a database with the default levels and categories, or opens an
        existing one (an empty file counts as new)."""
        path = Path(path)
        store = cls(schema.connect(path, create=True), path, False)
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

    def __exit__(self, *exc) -> None:
        self.close()

    @contextmanager
    def _write(self):
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
            self.db["level"].insert_all(
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
            self.db["category"].insert_all(
                [
                    {"id": c.id, "position": c.position, "name": c.name, "knowledge": c.knowledge}
                    for c in defaults.new_categories()
                ]
            )
            self.db["meta"].insert({"key": "created", "value": audit.now()})
            from skillmatrix.store.department import DepartmentStore  # it imports this module

            DepartmentStore(self).write_defaults()
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
            "revision, created, updated) VALUES (?, ?, ?, ?, ?, ?, ?, '', ?, ?)",
            [
                staff.id,
                position,
                staff.name,
                staff.kana,
                staff.title,
                staff.section,
                staff.experience_override,
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
        conn = self.db.conn
        conn.executemany(
            "INSERT INTO qualification (id, staff_id, position, name, acquired, expires, created, "
            "updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (q.id, staff.id, i, q.name, _iso(q.acquired), _iso(q.expires), stamp, stamp)
                for i, q in enumerate(staff.qualifications)
            ],
        )
        conn.executemany(
            "INSERT INTO assignment (id, staff_id, position, start_date, end_date, name, duties, "
            "created, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (a.id, staff.id, i, _iso(a.period.start), _iso(a.period.end), a.name, a.duties, stamp, stamp)
                for i, a in enumerate(staff.assignments)
            ],
        )
        conn.executemany(
            "INSERT INTO project (id, staff_id, position, start_date, end_date, name, created, "
            "updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (p.id, staff.id, i, _iso(p.period.start), _iso(p.period.end), p.name, stamp, stamp)
                for i, p in enumerate(staff.projects)
            ],
        )
        conn.executemany(
            "INSERT INTO entry (id, staff_id, level, category_id, position, text, kind, date, "
            "note, created, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    e.id,
                    staff.id,
                    e.level,
                    e.category_id,
                    i,
                    e.text,
                    e.kind,
                    _iso(e.date),
                    e.note,
                    stamp,
                    stamp,
                )
                for i, e in enumerate(staff.entries)
            ],
        )

    def _delete_children(self, staff_id: str) -> None:
        for table in ("qualification", "assignment", "project", "entry"):
            self.db.execute(f"DELETE FROM {table} WHERE staff_id = ?", [staff_id])

    def _position_of(self, staff_id: str) -> int | None:
        row = self.db.execute("SELECT position FROM staff WHERE id = ?", [staff_id]).fetchone()
        return row[0] if row else None

    def _next_position(self) -> int:
        return self.db.execute("SELECT coalesce(max(position), -1) + 1 FROM staff").fetchone()[0]

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
        self._renumber(ids[:index] + [None] + ids[index:])
        return index

    def _renumber(self, ids: list[str | None]) -> None:
        self.db.conn.executemany(
            "UPDATE staff SET position = ? WHERE id = ?",
            [(i, sid) for i, sid in enumerate(ids) if sid is not None],
        )

    def save_staff(self, staff: Staff) -> Staff:
        """Replaces a person's whole sheet; returns the sheet as it was before (for undo).

        Raises:
            ValidationError: the sheet breaks a rule (nothing is written).
            StoreError: no such person, or the write failed (nothing is written).
        """
        self._check(staff)
        old = self.get_staff(staff.id)
        with self._write():
            self._replace(staff, old)
            audit.record(
                self.db,
                "update",
                f"staff:{staff.id}",
                staff_to_dict(old, self._category_names()),
                staff_to_dict(staff, self._category_names()),
            )
        return old

    def _replace(self, staff: Staff, old: Staff) -> None:
        """Swaps old's rows for staff's, keeping list position, creation time and chain."""
        stamp = audit.now()
        self.db.execute(
            "UPDATE staff SET name = ?, kana = ?, title = ?, section = ?, experience_override = ? "
            "WHERE id = ?",
            [staff.name, staff.kana, staff.title, staff.section, staff.experience_override, staff.id],
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

    def add_many(self, people: list[Staff], action: str = "import", source: str = "") -> None:
        """Adds or replaces many people in one transaction (import, demo).

        A person whose id exists is replaced in place; a new one goes to the end. Every
        sheet is validated before anything is written.

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
            for staff in people:
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

    def audit_log(self, limit: int = 100, target: str | None = None) -> list[dict]:
        """Returns the newest audit rows first."""
        return audit.recent(self.db, limit, target)

    def schema_version(self) -> int:
        """Returns the file's PRAGMA user_version."""
        return self.db.execute("PRAGMA user_version").fetchone()[0]
