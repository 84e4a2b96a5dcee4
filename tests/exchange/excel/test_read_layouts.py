"""Hand-made スキル履歴書 workbooks (three layouts built by code) read back into the seed's
two résumés: every entry in its level × category, every history row and project with its
dates at the precision written."""

import pytest

from skillmatrix.demo.seed import seed_staff
from skillmatrix.domain.defaults import load_defaults
from skillmatrix.exchange.excel.importing import read_workbook
from tests.fixtures import excel_books

CATEGORIES = load_defaults().new_categories()
SEED = seed_staff(CATEGORIES)


def grid(staff):
    return sorted((e.level, e.category_id, e.text) for e in staff.entries)


def rows(staff):
    return (
        [(a.period, a.name, a.duties) for a in staff.assignments],
        [(p.period, p.name) for p in staff.projects],
    )


def assert_is_seed(read, seed):
    staff = read.staff
    assert (staff.name, staff.title, staff.section) == (seed.name, seed.title, seed.section)
    assert staff.experience_override == seed.experience_override
    assert staff.qualifications == []
    assert rows(staff) == rows(seed)  # PartialDate equality: the precision is the one written
    assert grid(staff) == grid(seed)
    assert read.problems == []


def test_layout_a_one_sheet_per_person_in_one_workbook(tmp_path):
    path = excel_books.layout_a(tmp_path, SEED, CATEGORIES)
    people, notes = read_workbook(path, CATEGORIES)
    assert [p.read.sheet for p in people] == ["藤沢", "湘南"]
    for person, seed in zip(people, SEED):
        assert_is_seed(person.read, seed)
        assert person.read.not_understood == []
    staffer = people[0].read
    # The plan says where each value came from.
    assert ("氏名", "C5", "藤沢 花子") in staffer.readings
    assert (
        "レベル3 × 情報系システム",
        "E23",
        "Windows Server 2008 Active Directory の基礎",
    ) in staffer.readings
    assert staffer.staff.assignments[1].period.start.precision == "month"
    assert staffer.staff.assignments[0].period.end.precision == "day"


@pytest.mark.parametrize("who", [0, 1])
def test_layout_b_date_cells_shuffled_columns_levels_bottom_up(tmp_path, who):
    path = excel_books.layout_b(tmp_path, SEED[who], CATEGORIES)
    (person,), _notes = read_workbook(path, CATEGORIES)
    assert_is_seed(person.read, SEED[who])
    assert person.read.not_understood == []


@pytest.mark.parametrize("who", [0, 1])
def test_layout_c_wareki_full_width_hidden_row(tmp_path, who):
    path = excel_books.layout_c(tmp_path, SEED[who], CATEGORIES)
    (person,), _notes = read_workbook(path, CATEGORIES)
    assert_is_seed(person.read, SEED[who])
    assert person.read.not_understood == []
    assert any("非表示の行" in note for note in person.read.notes)
