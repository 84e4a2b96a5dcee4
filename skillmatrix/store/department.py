"""The department tables of db/0003_department.sql: profiles, catalogue, can-do, plan.

Reads return domain objects of skillmatrix.domain.department; every write is one
transaction with one audit row and returns what was there before, so that undo is the
same write with the old value. Levels are computed here in SQL (one GROUP BY over the
entry table), which keeps the matrix of 10,000 people well under a second.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict

from skillmatrix.domain.dates import PartialDate
from skillmatrix.domain.department import (
    AUDIENCES,
    PLAN_STATUSES,
    CanDo,
    Course,
    Levels,
    PlanItem,
    TargetProfile,
    check_kinds,
    normalize,
)
from skillmatrix.domain.department_view import Person, Snapshot
from skillmatrix.domain.model import KINDS, LEVEL_COUNT, Qualification
from skillmatrix.store import audit, messages
from skillmatrix.store.department_seed import write_profile
from skillmatrix.store.errors import StoreError
from skillmatrix.store.repository import Store


def _date(text: str | None) -> PartialDate | None:
    return PartialDate.from_iso(text) if text else None


def _check_level(level: int | None, what: str) -> None:
    if level is not None and not 0 <= level < LEVEL_COUNT:
        raise StoreError(messages.NO_SUCH_LEVEL.format(what=what, level=level))


def _check_name(name: str, what: str) -> None:
    if not name.strip():
        raise StoreError(messages.NAME_EMPTY.format(what=what))
    if len(name) > 200:
        raise StoreError(messages.NAME_TOO_LONG.format(what=what))


class DepartmentStore:
    """The department's part of one open database."""

    def __init__(self, store: Store):
        self.store = store
        self.db = store.db

    # -- levels and people ---------------------------------------------------------------

    def levels(self, kinds: Iterable[str] | None = None) -> dict[str, Levels]:
        """Returns staff id -> category id -> highest level with an entry of kinds."""
        wanted = check_kinds(kinds)
        where, params = "", []
        if wanted is not None and wanted != set(KINDS):
            if not wanted:
                return {}
            where = f"WHERE kind IN ({','.join('?' * len(wanted))})"
            params = sorted(wanted)
        out: dict[str, Levels] = {}
        for staff_id, category_id, level in self.db.execute(
            f"SELECT staff_id, category_id, max(level) FROM entry {where} GROUP BY staff_id, category_id",
            params,
        ):
            out.setdefault(staff_id, {})[category_id] = level
        return out

    def people(self) -> list[tuple[str, str, str, str, str]]:
        """Returns (id, name, kana, title, section) of everyone in list order."""
        return [
            tuple(r)
            for r in self.db.execute(
                "SELECT id, name, kana, title, section FROM staff ORDER BY position, rowid"
            )
        ]

    def people_with_years(self) -> list[Person]:
        """Returns everyone as a Person with the 経験年数 (for the course audience)."""
        years = {s.id: s.experience_years for s in self.store.staff_summaries()}
        return [Person(*r, years=years.get(r[0])) for r in self.people()]

    def snapshot(self, kinds: Iterable[str] | None = None) -> Snapshot:
        """Returns the department at this moment, levels counted over entries of kinds."""
        return Snapshot(
            categories=self.store.categories(),
            people=self.people_with_years(),
            levels=self.levels(kinds),
            profiles=self.profiles(),
            assigned=self.assigned_profiles(),
            can_do=self.can_do(),
            ticks=self.ticks(),
            kinds=check_kinds(kinds),
        )

    def qualifications_with_expiry(self) -> list[tuple[str, str, Qualification]]:
        """Returns (staff id, name, qualification) for every qualification that expires."""
        return [
            (r[0], r[1], Qualification(name=r[2], acquired=_date(r[3]), expires=_date(r[4]), id=r[5]))
            for r in self.db.execute(
                "SELECT s.id, s.name, q.name, q.acquired, q.expires, q.id FROM qualification q "
                "JOIN staff s ON s.id = q.staff_id WHERE q.expires IS NOT NULL "
                "ORDER BY q.expires, s.position"
            )
        ]

    def entry_texts(self, staff_id: str) -> list[str]:
        """Returns the texts of a person's entries (to tell which courses were taken)."""
        return [r[0] for r in self.db.execute("SELECT text FROM entry WHERE staff_id = ?", [staff_id])]

    def taken_courses(self, courses: Iterable[Course]) -> dict[str, set[str]]:
        """Returns staff id -> normalized names of the catalogue courses they have an
        entry for (training entries only: a course is something taken)."""
        names = {normalize(c.name) for c in courses}
        out: dict[str, set[str]] = {}
        for staff_id, text in self.db.execute("SELECT staff_id, text FROM entry WHERE kind = 'training'"):
            n = normalize(text)
            if n in names:
                out.setdefault(staff_id, set()).add(n)
        return out

    def course_history(
        self, courses: Iterable[Course]
    ) -> dict[str, list[tuple[str, str, PartialDate | None]]]:
        """Returns course id -> (staff id, name, date) of everyone with an entry named like
        it, in list order: the whole 研修受講履歴 in one pass over the entries."""
        by_name: dict[str, list[str]] = {}
        for c in courses:
            by_name.setdefault(normalize(c.name), []).append(c.id)
        out: dict[str, list[tuple[str, str, PartialDate | None]]] = {
            cid: [] for ids in by_name.values() for cid in ids
        }
        seen: dict[str, str | None] = {}  # text -> normalized name if a course, else None
        for staff_id, name, text, date in self.db.execute(
            "SELECT s.id, s.name, e.text, e.date FROM entry e JOIN staff s ON s.id = e.staff_id "
            "ORDER BY s.position, e.position"
        ):
            key = seen.get(text, "")
            if key == "":
                n = normalize(text)
                key = seen[text] = n if n in by_name else None
            if key is not None:
                for cid in by_name[key]:
                    out[cid].append((staff_id, name, _date(date)))
        return out

    def course_takers(self, course: Course) -> list[tuple[str, str, PartialDate | None]]:
        """Returns (staff id, name, date) of everyone with an entry named like the course
        (研修受講履歴), spaces and full/half width ignored, in list order."""
        return self.course_history([course])[course.id]

    # -- profiles --------------------------------------------------------------------------

    def profiles(self) -> list[TargetProfile]:
        """Returns the target profiles in their order, with targets and required can-dos."""
        found = {
            r[0]: TargetProfile(id=r[0], position=r[1], name=r[2], titles=json.loads(r[3]))
            for r in self.db.execute(
                "SELECT id, position, name, titles FROM target_profile ORDER BY position"
            )
        }
        for profile_id, category_id, level in self.db.execute(
            "SELECT t.profile_id, t.category_id, t.level FROM target_level t "
            "JOIN category c ON c.id = t.category_id ORDER BY c.position"
        ):
            found[profile_id].targets[category_id] = level
        for profile_id, statement_id in self.db.execute(
            "SELECT t.profile_id, t.statement_id FROM target_can_do t "
            "JOIN can_do s ON s.id = t.statement_id ORDER BY s.position"
        ):
            found[profile_id].can_do.append(statement_id)
        return list(found.values())

    def assigned_profiles(self) -> dict[str, str]:
        """Returns staff id -> profile id for the people given a profile by hand."""
        return dict(self.db.execute("SELECT staff_id, profile_id FROM staff_profile").fetchall())

    def _profile(self, profile_id: str) -> TargetProfile | None:
        return next((p for p in self.profiles() if p.id == profile_id), None)

    def save_profile(self, profile: TargetProfile) -> TargetProfile | None:
        """Adds or replaces a profile; returns it as it was (None if new)."""
        _check_name(profile.name, "人材像の名前")
        for level in profile.targets.values():
            _check_level(level, f"人材像「{profile.name}」")
        old = self._profile(profile.id)
        if any(p.name == profile.name and p.id != profile.id for p in self.profiles()):
            raise StoreError(messages.PROFILE_EXISTS.format(profile_name=profile.name))
        with self.store._write():
            self._write_profile(profile)
            audit.record(
                self.db, "profile", f"profile:{profile.id}", asdict(old) if old else None, asdict(profile)
            )
        return old

    def _write_profile(self, p: TargetProfile) -> None:
        write_profile(self.db, p)

    def delete_profile(self, profile_id: str) -> tuple[TargetProfile, list[str]]:
        """Removes a profile; returns it and the people who had it by hand (for undo)."""
        old = self._profile(profile_id)
        if old is None:
            raise StoreError(messages.PROFILE_NOT_FOUND.format(profile_id=profile_id))
        holders = [
            r[0]
            for r in self.db.execute("SELECT staff_id FROM staff_profile WHERE profile_id = ?", [profile_id])
        ]
        with self.store._write():
            self.db.execute("DELETE FROM target_profile WHERE id = ?", [profile_id])
            audit.record(self.db, "profile", f"profile:{profile_id}", {**asdict(old), "staff": holders}, None)
        return old, holders

    def assign_profile(self, staff_id: str, profile_id: str | None) -> str | None:
        """Gives a person a profile (None: back to the default by 職名); returns the old."""
        old = self.assigned_profiles().get(staff_id)
        with self.store._write():
            self.db.execute("DELETE FROM staff_profile WHERE staff_id = ?", [staff_id])
            if profile_id is not None:
                self.db.execute(
                    "INSERT INTO staff_profile (staff_id, profile_id) VALUES (?, ?)", [staff_id, profile_id]
                )
            audit.record(
                self.db, "assign_profile", f"staff:{staff_id}", {"profile": old}, {"profile": profile_id}
            )
        return old

    # -- course catalogue --------------------------------------------------------------------

    def courses(self) -> list[Course]:
        """Returns the catalogue in its order."""
        return [
            Course(
                id=r[0],
                position=r[1],
                name=r[2],
                provider=r[3],
                category_id=r[4],
                level=r[5],
                kind=r[6],
                note=r[7],
                audience=r[8],
            )
            for r in self.db.execute(
                "SELECT id, position, name, provider, category_id, level, kind, note, audience "
                "FROM course ORDER BY position, rowid"
            )
        ]

    def save_course(self, course: Course) -> Course | None:
        """Adds or replaces a course; returns it as it was (None if new)."""
        _check_name(course.name, "研修名")
        _check_level(course.level, f"研修「{course.name}」")
        if course.kind not in KINDS:
            raise StoreError(messages.COURSE_BAD_KIND.format(course_name=course.name, kind=course.kind))
        if course.audience not in AUDIENCES:
            raise StoreError(
                messages.COURSE_BAD_AUDIENCE.format(course_name=course.name, audience=course.audience)
            )
        old = next((c for c in self.courses() if c.id == course.id), None)
        with self.store._write():
            self.db.execute(
                "INSERT INTO course (id, position, name, provider, category_id, level, kind, note, "
                "audience) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
                "position = excluded.position, name = excluded.name, provider = excluded.provider, "
                "category_id = excluded.category_id, level = excluded.level, kind = excluded.kind, "
                "note = excluded.note, audience = excluded.audience",
                [
                    course.id,
                    course.position,
                    course.name,
                    course.provider,
                    course.category_id,
                    course.level,
                    course.kind,
                    course.note,
                    course.audience,
                ],
            )
            audit.record(
                self.db, "course", f"course:{course.id}", asdict(old) if old else None, asdict(course)
            )
        return old

    def delete_course(self, course_id: str) -> Course:
        """Removes a course from the catalogue; returns it (entries keep their text)."""
        old = next((c for c in self.courses() if c.id == course_id), None)
        if old is None:
            raise StoreError(messages.COURSE_NOT_FOUND.format(course_id=course_id))
        with self.store._write():
            self.db.execute("DELETE FROM course WHERE id = ?", [course_id])
            audit.record(self.db, "course", f"course:{course_id}", asdict(old), None)
        return old

    # -- can-do statements ---------------------------------------------------------------------

    def can_do(self) -> list[CanDo]:
        """Returns the can-do statements by category order, then their own order."""
        return [
            CanDo(id=r[0], category_id=r[1], position=r[2], level=r[3], group=r[4], text=r[5])
            for r in self.db.execute(
                "SELECT s.id, s.category_id, s.position, s.level, s.grouping, s.text "
                "FROM can_do s JOIN category c ON c.id = s.category_id "
                "ORDER BY c.position, s.position"
            )
        ]

    def save_can_do(self, statement: CanDo) -> CanDo | None:
        """Adds or replaces a statement; returns it as it was (None if new)."""
        _check_name(statement.text, "「できること」の文")
        _check_level(statement.level, "「できること」")
        old = next((s for s in self.can_do() if s.id == statement.id), None)
        with self.store._write():
            self.db.execute(
                "INSERT INTO can_do (id, category_id, position, level, grouping, text) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
                "category_id = excluded.category_id, position = excluded.position, "
                "level = excluded.level, grouping = excluded.grouping, text = excluded.text",
                [
                    statement.id,
                    statement.category_id,
                    statement.position,
                    statement.level,
                    statement.group,
                    statement.text,
                ],
            )
            audit.record(
                self.db, "can_do", f"can_do:{statement.id}", asdict(old) if old else None, asdict(statement)
            )
        return old

    def ticks(self, staff_id: str | None = None) -> dict[str, dict[str, PartialDate | None]]:
        """Returns staff id -> statement id -> the date it was ticked (None: no date), for
        everyone or for one person."""
        out: dict[str, dict[str, PartialDate | None]] = {}
        where, params = ("WHERE staff_id = ?", [staff_id]) if staff_id is not None else ("", [])
        for staff_id, statement_id, date in self.db.execute(
            f"SELECT staff_id, statement_id, date FROM can_do_tick {where}", params
        ):
            out.setdefault(staff_id, {})[statement_id] = _date(date)
        return out

    def set_tick(
        self, staff_id: str, statement_id: str, ticked: bool, date: PartialDate | None = None
    ) -> tuple[bool, PartialDate | None]:
        """Ticks or unticks a statement for a person; returns (was ticked, old date)."""
        row = self.db.execute(
            "SELECT date FROM can_do_tick WHERE staff_id = ? AND statement_id = ?", [staff_id, statement_id]
        ).fetchone()
        old = (row is not None, _date(row[0]) if row else None)
        with self.store._write():
            self.db.execute(
                "DELETE FROM can_do_tick WHERE staff_id = ? AND statement_id = ?", [staff_id, statement_id]
            )
            if ticked:
                self.db.execute(
                    "INSERT INTO can_do_tick (staff_id, statement_id, date) VALUES (?, ?, ?)",
                    [staff_id, statement_id, date.iso() if date else None],
                )
            audit.record(
                self.db,
                "can_do_tick",
                f"staff:{staff_id}",
                {"statement": statement_id, "ticked": old[0], "date": old[1].iso() if old[1] else None},
                {"statement": statement_id, "ticked": ticked, "date": date.iso() if date else None},
            )
        return old

    # -- training plan ---------------------------------------------------------------------------

    def plan(self, fiscal_year: int) -> list[PlanItem]:
        """Returns the 研修計画 of a 年度, person by person in list order."""
        return [
            PlanItem(
                id=r[0], staff_id=r[1], course_id=r[2], position=r[3], title=r[4], status=r[5], note=r[6]
            )
            for r in self.db.execute(
                "SELECT p.id, p.staff_id, p.course_id, p.position, p.title, p.status, p.note "
                "FROM plan_item p JOIN staff s ON s.id = p.staff_id WHERE p.fiscal_year = ? "
                "ORDER BY s.position, p.position",
                [fiscal_year],
            )
        ]

    def save_plan(self, fiscal_year: int, items: list[PlanItem]) -> list[PlanItem]:
        """Replaces the whole plan of a 年度; returns the plan as it was (for undo)."""
        for item in items:
            if item.status not in PLAN_STATUSES:
                raise StoreError(messages.PLAN_BAD_STATUS.format(status=item.status))
            _check_name(item.title, "計画の研修名")
        old = self.plan(fiscal_year)
        with self.store._write():
            self.db.execute("DELETE FROM plan_item WHERE fiscal_year = ?", [fiscal_year])
            self.db.conn.executemany(
                "INSERT INTO plan_item (id, fiscal_year, staff_id, course_id, position, title, "
                "status, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (i.id, fiscal_year, i.staff_id, i.course_id, i.position, i.title, i.status, i.note)
                    for i in items
                ],
            )
            audit.record(self.db, "plan", f"plan:{fiscal_year}", {"items": len(old)}, {"items": len(items)})
        return old
