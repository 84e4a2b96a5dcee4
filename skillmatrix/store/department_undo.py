"""Department writes that undo needs beyond DepartmentStore's plain saves.

Removing a can-do statement, a profile or a course also removes (or unlinks) what hangs on
it: ticks, the profiles requiring a statement, the people given a profile, the plan lines
naming a course. Each removal here returns all of that, and its restore puts it back in
one transaction, so that undo gives back exactly what was there. record_training writes
the sheets and the plan of 「受講を記録」 together, so that one step is one transaction.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from skillmatrix.domain.dates import PartialDate
from skillmatrix.domain.department import CanDo, Course, PlanItem, TargetProfile
from skillmatrix.domain.model import Staff
from skillmatrix.domain.sheet_patch import diff
from skillmatrix.store import audit, messages
from skillmatrix.store.department import DepartmentStore
from skillmatrix.store.errors import StoreError


@dataclass
class RemovedStatement:
    """A statement as it was removed: its ticks and the profiles that required it."""

    statement: CanDo
    ticks: dict[str, PartialDate | None] = field(default_factory=dict)  # staff id -> date
    profiles: list[str] = field(default_factory=list)


def delete_can_do(department: DepartmentStore, statement_id: str) -> RemovedStatement:
    """Removes a statement with its ticks and profile links; returns them for undo."""
    db = department.db
    statement = next((s for s in department.can_do() if s.id == statement_id), None)
    if statement is None:
        raise StoreError(messages.STATEMENT_NOT_FOUND.format(statement_id=statement_id))
    ticks = {
        staff_id: (PartialDate.from_iso(d) if d else None)
        for staff_id, d in db.execute(
            "SELECT staff_id, date FROM can_do_tick WHERE statement_id = ?", [statement_id]
        )
    }
    profiles = [
        r[0]
        for r in db.execute("SELECT profile_id FROM target_can_do WHERE statement_id = ?", [statement_id])
    ]
    with department.store._write():
        db.execute("DELETE FROM can_do WHERE id = ?", [statement_id])  # cascades
        audit.record(
            db,
            "can_do",
            f"can_do:{statement_id}",
            {**asdict(statement), "ticks": len(ticks), "profiles": profiles},
            None,
        )
    return RemovedStatement(statement, ticks, profiles)


def restore_can_do(department: DepartmentStore, removed: RemovedStatement) -> None:
    """Puts a removed statement back with its ticks and profile links."""
    db = department.db
    s = removed.statement
    with department.store._write():
        db.execute(
            "INSERT INTO can_do (id, category_id, position, level, grouping, text) VALUES (?, ?, ?, ?, ?, ?)",
            [s.id, s.category_id, s.position, s.level, s.group, s.text],
        )
        db.conn.executemany(
            "INSERT OR IGNORE INTO can_do_tick (staff_id, statement_id, date) "
            "SELECT ?, ?, ? WHERE EXISTS (SELECT 1 FROM staff WHERE id = ?)",
            [(staff_id, s.id, d.iso() if d else None, staff_id) for staff_id, d in removed.ticks.items()],
        )
        db.conn.executemany(
            "INSERT OR IGNORE INTO target_can_do (profile_id, statement_id) "
            "SELECT ?, ? WHERE EXISTS (SELECT 1 FROM target_profile WHERE id = ?)",
            [(p, s.id, p) for p in removed.profiles],
        )
        audit.record(
            db,
            "can_do",
            f"can_do:{s.id}",
            None,
            {**asdict(s), "ticks": len(removed.ticks), "profiles": removed.profiles},
        )


def restore_profile(department: DepartmentStore, profile: TargetProfile, holders: list[str]) -> None:
    """Puts a removed profile back, with the people who had been given it by hand."""
    db = department.db
    with department.store._write():
        department._write_profile(profile)
        db.conn.executemany(
            "INSERT OR REPLACE INTO staff_profile (staff_id, profile_id) "
            "SELECT ?, ? WHERE EXISTS (SELECT 1 FROM staff WHERE id = ?)",
            [(staff_id, profile.id, staff_id) for staff_id in holders],
        )
        audit.record(db, "profile", f"profile:{profile.id}", None, {**asdict(profile), "staff": holders})


def course_plan_links(department: DepartmentStore, course_id: str) -> list[str]:
    """Returns the ids of the plan lines that name a course (unlinked when it goes)."""
    return [r[0] for r in department.db.execute("SELECT id FROM plan_item WHERE course_id = ?", [course_id])]


def restore_course(department: DepartmentStore, course: Course, plan_items: list[str]) -> None:
    """Puts a removed course back and links the plan lines that named it again."""
    db = department.db
    with department.store._write():
        department.save_course(course)  # nested: a savepoint inside this transaction
        db.conn.executemany(
            "UPDATE plan_item SET course_id = ? WHERE id = ?",
            [(course.id, item_id) for item_id in plan_items],
        )


def record_training(
    department: DepartmentStore, fiscal_year: int, sheets: list[Staff], items: list[PlanItem]
) -> tuple[list[Staff], list[PlanItem]]:
    """Writes edited sheets and the whole plan of a 年度 in one transaction.

    「受講を記録」 adds an entry per course taken to each person's sheet and marks the plan
    lines done; undo is the same call with the returned old sheets and plan.

    Returns:
        (the sheets as they were, the plan as it was).

    Raises:
        ValidationError: a sheet breaks a rule (nothing is written).
        StoreError: someone is gone, or the write failed (nothing is written).
    """
    store = department.store
    for sheet in sheets:
        store._check(sheet)
    old_sheets = [store.get_staff(s.id) for s in sheets]
    with store._write():
        for new, old in zip(sheets, old_sheets):
            store._patch_rows(old, diff(old, new), "record_training")
        old_items = department.save_plan(fiscal_year, items)  # a savepoint inside
    return old_sheets, old_items
