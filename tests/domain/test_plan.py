"""Editing a 研修計画 and recording the courses taken (no I/O)."""

import pytest

from skillmatrix.domain import plan as plans
from skillmatrix.domain.dates import PartialDate
from skillmatrix.domain.department import Course, PlanItem
from skillmatrix.domain.model import Entry, Staff

SEC = "sec"
COURSE = Course(name="情報セキュリティ対策等研修", category_id=SEC, level=2, id="c1")
FREE = Course(name="自由な勉強会", id="c2")


def test_merge_keeps_decisions_and_appends_what_is_new():
    a = PlanItem(staff_id="p1", title=COURSE.name, course_id="c1", status="dropped")
    proposals = [
        PlanItem(staff_id="p1", title=COURSE.name, course_id="c1"),
        PlanItem(staff_id="p1", title="B", course_id="c3"),
        PlanItem(staff_id="p2", title="B", course_id="c3"),
    ]
    merged = plans.merge_proposals([a], proposals)
    assert [(i.staff_id, i.course_id, i.status, i.position) for i in merged] == [
        ("p1", "c1", "dropped", 0),
        ("p1", "c3", "proposed", 1),
        ("p2", "c3", "proposed", 0),
    ]
    assert a.status == "dropped" and proposals[1].position == 0  # arguments untouched


def test_status_note_add_and_remove():
    items = [
        PlanItem(staff_id="p1", title="A", course_id="c1", id="i1"),
        PlanItem(staff_id="p1", title="B", id="i2"),
    ]
    accepted = plans.set_status(items, ["i1"], "accepted")
    assert [i.status for i in accepted] == ["accepted", "proposed"] and items[0].status == "proposed"
    with pytest.raises(ValueError):
        plans.set_status(items, ["i1"], "maybe")
    assert plans.set_note(items, "i2", "秋")[1].note == "秋"
    added = plans.add_line(items, "p1", "", FREE)
    assert added[-1].title == "自由な勉強会" and added[-1].position == 1 and added[-1].status == "accepted"
    with pytest.raises(ValueError, match="すでにあります"):
        plans.add_line(items, "p1", "Ｂ", None)  # the same free title, full width
    with pytest.raises(ValueError):
        plans.add_line(items, "p1", "  ", None)
    assert [i.id for i in plans.remove_lines(items, ["i1"])] == ["i2"]


def test_record_taken_adds_each_course_once_and_marks_done():
    sheet = Staff(
        name="藤沢", id="p1", entries=[Entry(2, SEC, "情報セキュリティ対策等研修", kind="training")]
    )
    other = Staff(name="鎌倉", id="p2")
    items = [
        PlanItem(staff_id="p1", title=COURSE.name, course_id="c1", id="i1", status="accepted"),
        PlanItem(staff_id="p2", title=COURSE.name, course_id="c1", id="i2", status="accepted"),
        PlanItem(staff_id="p2", title=FREE.name, course_id="c2", id="i3", status="accepted"),
        PlanItem(staff_id="p2", title="X", id="i4", status="done"),
    ]
    result = plans.record_taken(
        items,
        ["i1", "i2", "i3", "i4"],
        {"p1": sheet, "p2": other},
        {"c1": COURSE, "c2": FREE},
        PartialDate(2026, 7),
    )
    assert result.recorded == 2 and result.skipped == ["自由な勉強会"]
    by_id = {s.id: s for s in result.sheets}
    assert len(by_id["p1"].entries) == 1  # already in its cell: not twice
    added = by_id["p2"].entries
    assert [(e.level, e.category_id, e.text, e.kind, e.date) for e in added] == [
        (2, SEC, COURSE.name, "training", PartialDate(2026, 7))
    ]
    assert [i.status for i in result.items] == ["done", "done", "accepted", "done"]
    assert other.entries == []  # the given sheets are untouched
