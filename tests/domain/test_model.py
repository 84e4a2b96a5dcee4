"""Experience years, ids, copies and validation of the domain model."""

import uuid
from datetime import date

import pytest

from skillmatrix.domain.dates import PartialDate, Period
from skillmatrix.domain.model import Assignment, Entry, Staff, experience_years, new_id, validate_staff

D = PartialDate
TODAY = date(2026, 11, 27)


@pytest.mark.parametrize(
    "periods, years",
    [
        ([], 0),
        ([Period(D(2010, 4, 1), D(2013, 3, 31))], 3),  # exactly three years
        ([Period(D(2010, 4, 1), D(2013, 3, 30))], 2),  # one day short
        ([Period(D(2010, 4), D(2013, 3))], 3),  # month precision spans whole months
        ([Period(D(2010), D(2012))], 3),  # year precision spans whole years
        # overlapping periods are not counted twice
        ([Period(D(2010, 4), D(2014, 3)), Period(D(2012, 4), D(2013, 3))], 4),
        ([Period(D(2010, 4), D(2012, 3)), Period(D(2011, 4), D(2014, 3))], 4),
        # adjacent periods join; a gap is not counted
        ([Period(D(2000, 4), D(2001, 3)), Period(D(2001, 4), D(2002, 3))], 2),
        ([Period(D(2000, 4), D(2001, 3)), Period(D(2005, 4), D(2006, 3))], 2),
        # an open end counts to today
        ([Period(D(2013, 4), None)], 13),
        ([Period(D(2010, 4, 1), D(2013, 3, 31)), Period(D(2013, 4), None)], 16),
        # the veteran of the seed: 1981/8 onwards without a break
        ([Period(D(1981, 8), D(1995, 3)), Period(D(1995, 4), None)], 45),
        # open end overlapping a closed one, a future start, a missing start
        ([Period(D(2020, 4), None), Period(D(2021, 4), D(2022, 3))], 6),
        ([Period(D(2030, 4), None)], 0),
        ([Period(None, D(2020, 3))], 0),
    ],
)
def test_experience_years_union_of_periods(periods, years):
    assert experience_years(periods, TODAY) == years


def test_override_wins_and_none_derives():
    staff = Staff(name="x", assignments=[Assignment(Period(D(2013, 4), None))])
    assert staff.experience_years(TODAY) == 13
    staff.experience_override = 3
    assert staff.experience_years(TODAY) == 3


def test_new_id_is_a_random_uuid4():
    ids = {new_id() for _ in range(1000)}
    assert len(ids) == 1000
    for text in list(ids)[:50]:
        u = uuid.UUID(text)
        assert u.version == 4 and u.variant == uuid.RFC_4122 and str(u) == text


def test_copy_is_deep():
    staff = Staff(name="x", entries=[Entry(1, "c", "a")])
    other = staff.copy()
    other.entries[0].text = "b"
    other.entries.append(Entry(2, "c", "z"))
    assert staff.entries == [Entry(1, "c", "a", id=staff.entries[0].id)]


def test_cell_keeps_order():
    staff = Staff(name="x", entries=[Entry(1, "c", "a"), Entry(2, "c", "b"), Entry(1, "c", "c")])
    assert [e.text for e in staff.cell(1, "c")] == ["a", "c"]


def test_validate_staff_lists_every_problem():
    staff = Staff(
        name="",
        kana="か\x00",
        entries=[Entry(8, "c", "x"), Entry(1, "zz", " ", kind="x")],
        assignments=[Assignment(name="a" * 201, duties="改行は\nよい")],
    )
    problems = validate_staff(staff, {"c"})
    text = "\n".join(problems)
    assert "氏名が空です" in text and "ふりがな: 制御文字（U+0000）" in text
    assert "レベル8はありません" in text and "分類「zz」は定義にありません" in text
    assert "種別「x」は使えません" in text and "内容が空です" in text
    assert "担当名: 200文字を超えています（201文字）" in text
    assert "主担当業務" not in text
    assert validate_staff(Staff(name="a", entries=[Entry(7, "c", "ok\n二行")]), {"c"}) == []


def test_lone_surrogates_and_c1_controls_are_refused():
    assert validate_staff(Staff(name="a\ud800"), set())
    assert validate_staff(Staff(name="a\x85"), set())
    assert validate_staff(Staff(name="a\u3000b\t"), set()) == []


def _violations():
    """One sheet per rule of validate_staff, each breaking exactly that rule."""
    from skillmatrix.domain.model import MAX_NAME, MAX_TEXT, Project, Qualification

    ok = dict(name="a")
    yield Staff(name=" ")
    yield Staff(name="a", experience_override=81)
    yield Staff(name="a", experience_override=-1)
    for field in ("name", "kana", "title", "section"):
        yield Staff(**{**ok, field: "x\x01"})
        yield Staff(**{**ok, field: "x" * (MAX_NAME + 1)})
        yield Staff(**{**ok, field: "x\ny"})
    yield Staff(name="a", qualifications=[Qualification(" ")])
    yield Staff(name="a", qualifications=[Qualification("x\x02")])
    yield Staff(name="a", assignments=[Assignment(name="x" * (MAX_NAME + 1))])
    yield Staff(name="a", assignments=[Assignment(duties="x" * (MAX_TEXT + 1))])
    yield Staff(name="a", assignments=[Assignment(duties="x\x1b")])
    yield Staff(name="a", projects=[Project(name="x\ny")])
    for entry in (
        Entry(8, "c", "x"),
        Entry(-1, "c", "x"),
        Entry(1, "zz", "x"),
        Entry(1, "c", "x", "hobby"),
        Entry(1, "c", " "),
        Entry(1, "c", "x" * (MAX_TEXT + 1)),
        Entry(1, "c", "x\x00"),
        Entry(1, "c", "x", note="y\x7f"),
        Entry(1, "c", "x", note="y" * (MAX_TEXT + 1)),
        Entry(1, "c", "\ud800"),
    ):
        yield Staff(name="a", entries=[entry])


@pytest.mark.parametrize("staff", list(_violations()))
def test_the_fast_path_never_passes_what_the_full_check_refuses(staff):
    """validate_staff() skips its message-building check when _looks_valid() says all is
    well; that shortcut must refuse everything the full rules refuse."""
    from skillmatrix.domain import model

    assert not model._looks_valid(staff, {"c"})
    assert validate_staff(staff, {"c"})
