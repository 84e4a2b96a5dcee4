"""Operations on the department's tables: ticks, can-do statements, profiles, courses,
the training plan, and 「受講を記録」 (sheets and plan together)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from skillmatrix.domain.dates import PartialDate
from skillmatrix.domain.department import CanDo, Course, PlanItem, TargetProfile
from skillmatrix.domain.model import Staff
from skillmatrix.operations.base import WHOLE_SHEET, Changes, Operation
from skillmatrix.store import department_undo as removal
from skillmatrix.store.department import DepartmentStore
from skillmatrix.store.repository import Store


def _changes(label: str, inverse: Operation) -> Changes:
    return Changes(label, inverse, department=True)


@dataclass(frozen=True)
class SetTick:
    """Ticks (with a date) or unticks a can-do statement for one person."""

    staff_id: str
    statement_id: str
    ticked: bool
    date: PartialDate | None
    label: str

    def run(self, store: Store) -> Changes:
        was, when = DepartmentStore(store).set_tick(self.staff_id, self.statement_id, self.ticked, self.date)
        return _changes(self.label, SetTick(self.staff_id, self.statement_id, was, when, self.label))


@dataclass(frozen=True)
class SaveCanDo:
    """Adds or edits a can-do statement; undo of an addition removes it."""

    statement: CanDo
    label: str

    def run(self, store: Store) -> Changes:
        old = DepartmentStore(store).save_can_do(dataclasses.replace(self.statement))
        inverse = DeleteCanDo(self.statement.id, self.label) if old is None else SaveCanDo(old, self.label)
        return _changes(self.label, inverse)


@dataclass(frozen=True)
class DeleteCanDo:
    """Removes a statement with its ticks and the profiles' links to it."""

    statement_id: str
    label: str

    def run(self, store: Store) -> Changes:
        removed = removal.delete_can_do(DepartmentStore(store), self.statement_id)
        return _changes(self.label, RestoreCanDo(removed, self.label))


@dataclass(frozen=True)
class RestoreCanDo:
    """Puts a removed statement back with its ticks and profile links."""

    removed: removal.RemovedStatement
    label: str

    def run(self, store: Store) -> Changes:
        removal.restore_can_do(DepartmentStore(store), self.removed)
        return _changes(self.label, DeleteCanDo(self.removed.statement.id, self.label))


@dataclass(frozen=True)
class SaveProfile:
    """Adds or edits a target profile (求める人材像)."""

    profile: TargetProfile
    label: str

    def run(self, store: Store) -> Changes:
        p = self.profile
        copy = dataclasses.replace(p, targets=dict(p.targets), titles=list(p.titles), can_do=list(p.can_do))
        old = DepartmentStore(store).save_profile(copy)
        inverse = DeleteProfile(p.id, self.label) if old is None else SaveProfile(old, self.label)
        return _changes(self.label, inverse)


@dataclass(frozen=True)
class DeleteProfile:
    """Removes a profile; undo gives it back to the people who had it."""

    profile_id: str
    label: str

    def run(self, store: Store) -> Changes:
        profile, holders = DepartmentStore(store).delete_profile(self.profile_id)
        return _changes(self.label, RestoreProfile(profile, tuple(holders), self.label))


@dataclass(frozen=True)
class RestoreProfile:
    """Puts a removed profile back with the people who had been given it."""

    profile: TargetProfile
    holders: tuple[str, ...]
    label: str

    def run(self, store: Store) -> Changes:
        removal.restore_profile(DepartmentStore(store), self.profile, list(self.holders))
        return _changes(self.label, DeleteProfile(self.profile.id, self.label))


@dataclass(frozen=True)
class AssignProfile:
    """Gives one person a profile (None: back to the default by 職名)."""

    staff_id: str
    profile_id: str | None
    label: str

    def run(self, store: Store) -> Changes:
        old = DepartmentStore(store).assign_profile(self.staff_id, self.profile_id)
        return _changes(self.label, AssignProfile(self.staff_id, old, self.label))


@dataclass(frozen=True)
class SaveCourse:
    """Adds or edits a course of the catalogue."""

    course: Course
    label: str

    def run(self, store: Store) -> Changes:
        old = DepartmentStore(store).save_course(dataclasses.replace(self.course))
        inverse = DeleteCourse(self.course.id, self.label) if old is None else SaveCourse(old, self.label)
        return _changes(self.label, inverse)


@dataclass(frozen=True)
class DeleteCourse:
    """Removes a course; undo links the plan lines that named it again."""

    course_id: str
    label: str

    def run(self, store: Store) -> Changes:
        department = DepartmentStore(store)
        links = removal.course_plan_links(department, self.course_id)
        old = department.delete_course(self.course_id)
        return _changes(self.label, RestoreCourse(old, tuple(links), self.label))


@dataclass(frozen=True)
class RestoreCourse:
    """Puts a removed course back and relinks the plan lines that named it."""

    course: Course
    plan_items: tuple[str, ...]
    label: str

    def run(self, store: Store) -> Changes:
        removal.restore_course(DepartmentStore(store), self.course, list(self.plan_items))
        return _changes(self.label, DeleteCourse(self.course.id, self.label))


@dataclass(frozen=True)
class SavePlan:
    """Replaces the 研修計画 of a 年度 (accept, drop, add, remove lines)."""

    fiscal_year: int
    items: tuple[PlanItem, ...]
    label: str

    def run(self, store: Store) -> Changes:
        old = DepartmentStore(store).save_plan(self.fiscal_year, [dataclasses.replace(i) for i in self.items])
        return _changes(self.label, SavePlan(self.fiscal_year, tuple(old), self.label))


@dataclass(frozen=True)
class RecordTraining:
    """Adds the courses taken to each person's sheet and marks the plan lines done, in
    one transaction."""

    fiscal_year: int
    sheets: tuple[Staff, ...]
    items: tuple[PlanItem, ...]
    label: str

    def run(self, store: Store) -> Changes:
        old_sheets, old_items = removal.record_training(
            DepartmentStore(store),
            self.fiscal_year,
            [s.copy() for s in self.sheets],
            [dataclasses.replace(i) for i in self.items],
        )
        return Changes(
            self.label,
            RecordTraining(self.fiscal_year, tuple(old_sheets), tuple(old_items), self.label),
            staff={s.id: frozenset({WHOLE_SHEET}) for s in self.sheets},
            department=True,
        )
