"""Undo steps of the department's data: ticks, statements, profiles, courses, the plan.

Like ../commands.py: each store write returns what was there, undo writes that back.
After every write the session's department_changed() tells the views to reload.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from skillmatrix.domain.dates import PartialDate
from skillmatrix.domain.department import CanDo, Course, PlanItem, TargetProfile
from skillmatrix.domain.model import Staff
from skillmatrix.store import department_undo as undo
from skillmatrix.store.department import DepartmentStore
from skillmatrix.ui.common.commands import StoreCommand

if TYPE_CHECKING:
    from skillmatrix.ui.common.session import Session


class DepartmentCommand(StoreCommand):
    """Base: the department store of the session's database, and the change signal."""

    @property
    def department(self) -> DepartmentStore:
        return DepartmentStore(self.session.store)

    def changed(self) -> None:
        self.session.department_changed.emit()


class SetTick(DepartmentCommand):
    """Ticks or unticks a can-do statement for one person (with the date)."""

    def __init__(
        self,
        session: Session,
        staff_id: str,
        statement_id: str,
        ticked: bool,
        date: PartialDate | None,
        text: str,
    ):
        super().__init__(session, text)
        self.staff_id, self.statement_id = staff_id, statement_id
        self.ticked, self.date = ticked, date
        self.old: tuple[bool, PartialDate | None] = (False, None)

    def apply(self) -> None:
        self.old = self.department.set_tick(self.staff_id, self.statement_id, self.ticked, self.date)
        self.changed()

    def revert(self) -> None:
        self.department.set_tick(self.staff_id, self.statement_id, *self.old)
        self.changed()


class SaveCanDo(DepartmentCommand):
    """Adds or edits a can-do statement; undo of an addition removes it."""

    def __init__(self, session: Session, statement: CanDo, text: str):
        super().__init__(session, text)
        self.statement = dataclasses.replace(statement)
        self.old: CanDo | None = None

    def apply(self) -> None:
        self.old = self.department.save_can_do(self.statement)
        self.changed()

    def revert(self) -> None:
        if self.old is None:
            undo.delete_can_do(self.department, self.statement.id)
        else:
            self.department.save_can_do(self.old)
        self.changed()


class DeleteCanDo(DepartmentCommand):
    """Removes a statement; undo brings back its ticks and the profiles requiring it."""

    def __init__(self, session: Session, statement_id: str, text: str):
        super().__init__(session, text)
        self.statement_id = statement_id
        self.removed: undo.RemovedStatement | None = None

    def apply(self) -> None:
        self.removed = undo.delete_can_do(self.department, self.statement_id)
        self.changed()

    def revert(self) -> None:
        undo.restore_can_do(self.department, self.removed)
        self.changed()


class SaveProfile(DepartmentCommand):
    """Adds or edits a target profile (求める人材像)."""

    def __init__(self, session: Session, profile: TargetProfile, text: str):
        super().__init__(session, text)
        self.profile = dataclasses.replace(
            profile, targets=dict(profile.targets), titles=list(profile.titles), can_do=list(profile.can_do)
        )
        self.old: TargetProfile | None = None

    def apply(self) -> None:
        self.old = self.department.save_profile(self.profile)
        self.changed()

    def revert(self) -> None:
        if self.old is None:
            self.department.delete_profile(self.profile.id)
        else:
            self.department.save_profile(self.old)
        self.changed()


class DeleteProfile(DepartmentCommand):
    """Removes a profile; undo gives it back to the people who had it."""

    def __init__(self, session: Session, profile_id: str, text: str):
        super().__init__(session, text)
        self.profile_id = profile_id
        self.old: tuple[TargetProfile, list[str]] | None = None

    def apply(self) -> None:
        self.old = self.department.delete_profile(self.profile_id)
        self.changed()

    def revert(self) -> None:
        undo.restore_profile(self.department, *self.old)
        self.changed()


class AssignProfile(DepartmentCommand):
    """Gives one person a profile (None: back to the default by 職名)."""

    def __init__(self, session: Session, staff_id: str, profile_id: str | None, text: str):
        super().__init__(session, text)
        self.staff_id, self.profile_id = staff_id, profile_id
        self.old: str | None = None

    def apply(self) -> None:
        self.old = self.department.assign_profile(self.staff_id, self.profile_id)
        self.changed()

    def revert(self) -> None:
        self.department.assign_profile(self.staff_id, self.old)
        self.changed()


class SaveCourse(DepartmentCommand):
    """Adds or edits a course of the catalogue."""

    def __init__(self, session: Session, course: Course, text: str):
        super().__init__(session, text)
        self.course = dataclasses.replace(course)
        self.old: Course | None = None

    def apply(self) -> None:
        self.old = self.department.save_course(self.course)
        self.changed()

    def revert(self) -> None:
        if self.old is None:
            self.department.delete_course(self.course.id)
        else:
            self.department.save_course(self.old)
        self.changed()


class DeleteCourse(DepartmentCommand):
    """Removes a course; undo links the plan lines that named it again."""

    def __init__(self, session: Session, course_id: str, text: str):
        super().__init__(session, text)
        self.course_id = course_id
        self.old: Course | None = None
        self.links: list[str] = []

    def apply(self) -> None:
        self.links = undo.course_plan_links(self.department, self.course_id)
        self.old = self.department.delete_course(self.course_id)
        self.changed()

    def revert(self) -> None:
        undo.restore_course(self.department, self.old, self.links)
        self.changed()


class SavePlan(DepartmentCommand):
    """Replaces the 研修計画 of a 年度 (accept, drop, add, remove lines)."""

    def __init__(self, session: Session, fiscal_year: int, items: list[PlanItem], text: str):
        super().__init__(session, text)
        self.fiscal_year = fiscal_year
        self.items = [dataclasses.replace(i) for i in items]
        self.old: list[PlanItem] = []

    def apply(self) -> None:
        self.old = self.department.save_plan(self.fiscal_year, self.items)
        self.changed()

    def revert(self) -> None:
        self.department.save_plan(self.fiscal_year, self.old)
        self.changed()


class RecordTraining(DepartmentCommand):
    """Adds the courses taken to each person's sheet and marks the plan lines done."""

    def __init__(
        self, session: Session, fiscal_year: int, sheets: list[Staff], items: list[PlanItem], text: str
    ):
        super().__init__(session, text)
        self.fiscal_year = fiscal_year
        self.sheets = [s.copy() for s in sheets]
        self.items = [dataclasses.replace(i) for i in items]
        self.old_sheets: list[Staff] = []
        self.old_items: list[PlanItem] = []

    def apply(self) -> None:
        self.old_sheets, self.old_items = undo.record_training(
            self.department, self.fiscal_year, [s.copy() for s in self.sheets], self.items
        )
        self._show(self.sheets)

    def revert(self) -> None:
        undo.record_training(
            self.department, self.fiscal_year, [s.copy() for s in self.old_sheets], self.old_items
        )
        self._show(self.old_sheets)

    def _show(self, sheets: list[Staff]) -> None:
        session = self.session
        # The staff list reloads its rows; the shown person's views take the new sheet.
        session.staff_reloaded.emit()
        current = session.current
        for sheet in sheets:
            if current is not None and sheet.id == current.id:
                session.written(sheet)
        self.changed()
