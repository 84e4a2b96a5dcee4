"""Edits of a 研修計画 (a list of PlanItem) and recording the courses taken. No I/O.

Each function returns new lists and never changes its arguments, so that the window can
write the result as one undo step and keep the old list for undo.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from skillmatrix.domain import messages
from skillmatrix.domain.dates import PartialDate
from skillmatrix.domain.department import PLAN_STATUSES, Course, PlanItem, normalize
from skillmatrix.domain.model import Entry, Staff


def _copy(items: Iterable[PlanItem]) -> list[PlanItem]:
    return [dataclasses.replace(i) for i in items]


def _key(item: PlanItem) -> tuple[str, str]:
    return item.staff_id, item.course_id or normalize(item.title)


def merge_proposals(items: list[PlanItem], proposals: list[PlanItem]) -> list[PlanItem]:
    """Returns the plan with the proposals it lacks appended (per person and course).

    A line already in the plan — whatever its status, dropped included — is not proposed
    again, so that a decision once taken stays taken.
    """
    out = _copy(items)
    present = {_key(i) for i in out}
    for p in proposals:
        if _key(p) not in present:
            present.add(_key(p))
            out.append(dataclasses.replace(p, position=next_position(out, p.staff_id)))
    return out


def next_position(items: list[PlanItem], staff_id: str) -> int:
    """Returns the position after the person's last line."""
    return max((i.position for i in items if i.staff_id == staff_id), default=-1) + 1


def set_status(items: list[PlanItem], ids: Iterable[str], status: str) -> list[PlanItem]:
    """Returns the plan with the lines of ids given a status (受講予定, 見送り, …)."""
    if status not in PLAN_STATUSES:
        raise ValueError(messages.PLAN_BAD_STATUS.format(status=status))
    chosen = set(ids)
    return [
        dataclasses.replace(i, status=status) if i.id in chosen else dataclasses.replace(i) for i in items
    ]


def set_note(items: list[PlanItem], item_id: str, note: str) -> list[PlanItem]:
    """Returns the plan with one line's note replaced."""
    return [dataclasses.replace(i, note=note) if i.id == item_id else dataclasses.replace(i) for i in items]


def add_line(
    items: list[PlanItem], staff_id: str, title: str, course: Course | None, status: str = "accepted"
) -> list[PlanItem]:
    """Returns the plan with a line added by hand (a catalogue course or a free title).

    Raises:
        ValueError: the person already has this course in the plan.
    """
    line = PlanItem(
        staff_id=staff_id,
        title=course.name if course else title.strip(),
        course_id=course.id if course else None,
        status=status,
        position=next_position(items, staff_id),
    )
    if not line.title:
        raise ValueError(messages.PLAN_TITLE_EMPTY)
    if any(_key(i) == _key(line) for i in items):
        raise ValueError(messages.PLAN_LINE_EXISTS.format(title=line.title))
    return _copy(items) + [line]


def remove_lines(items: list[PlanItem], ids: Iterable[str]) -> list[PlanItem]:
    """Returns the plan without the lines of ids."""
    chosen = set(ids)
    return [dataclasses.replace(i) for i in items if i.id not in chosen]


@dataclasses.dataclass
class Recording:
    """What 「受講を記録」 writes: the changed sheets and the plan with those lines done."""

    sheets: list[Staff]
    items: list[PlanItem]
    recorded: int  # lines recorded
    skipped: list[str]  # titles that have no cell (a free title, or no level/category)


def record_taken(
    items: list[PlanItem],
    ids: Iterable[str],
    sheets: dict[str, Staff],
    courses: dict[str, Course],
    date: PartialDate | None,
) -> Recording:
    """Adds an entry of kind 研修 in the course's cell to each person's sheet for the
    chosen lines, and marks those lines 受講済.

    A course already in that cell of the sheet is not added twice (the line is still
    marked done). Lines without a catalogue course with a level and category are skipped.

    Args:
        items: the whole plan.
        ids: the lines taken.
        sheets: staff id -> sheet of everyone concerned.
        courses: course id -> course.
        date: when the course was taken (None: no date).
    """
    chosen = set(ids)
    new_sheets: dict[str, Staff] = {}
    done: set[str] = set()
    skipped: list[str] = []
    for item in items:
        if item.id not in chosen or item.status == "done":
            continue
        course = courses.get(item.course_id) if item.course_id else None
        if (
            course is None
            or course.level is None
            or course.category_id is None
            or item.staff_id not in sheets
        ):
            skipped.append(item.title)
            continue
        sheet = new_sheets.get(item.staff_id) or sheets[item.staff_id].copy()
        in_cell = {normalize(e.text) for e in sheet.cell(course.level, course.category_id)}
        if normalize(course.name) not in in_cell:
            sheet.entries.append(
                Entry(course.level, course.category_id, course.name, kind=course.kind, date=date)
            )
        new_sheets[item.staff_id] = sheet
        done.add(item.id)
    new_items = set_status(items, done, "done")
    return Recording(list(new_sheets.values()), new_items, len(done), skipped)
