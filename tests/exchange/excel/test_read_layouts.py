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


def test_one_date_period_under_a_wide_period_header_and_a_stray_cell(tmp_path):
    from openpyxl import Workbook

    from skillmatrix.domain.dates import PartialDate, Period

    book = Workbook()
    ws = book.active
    ws["A1"], ws["A2"], ws["B2"] = "スキル履歴書", "氏名", "試験 一郎"
    ws["A4"], ws["C4"] = "期間", "プロジェクト名"
    ws.merge_cells("A4:B4")
    ws["A5"], ws["C5"] = "2013年4月", "単月の移行作業"
    ws["A6"], ws["C6"] = "2014.4", "次の作業"
    ws["B6"] = "2015.3"  # this row uses both cells: the table has two period columns
    ws["H9"] = "メモ"
    path = tmp_path / "one.xlsx"
    book.save(path)
    ((person,), _notes) = read_workbook(path, CATEGORIES)
    projects = person.read.staff.projects
    assert projects[1].period == Period(PartialDate(2014, 4), PartialDate(2015, 3))
    assert projects[0].period == Period(PartialDate(2013, 4), None)  # two-cell table: open end
    assert person.read.not_understood == [("H9", "メモ")]
    ws["B6"] = None
    ws["A6"] = "2014.4~2015.3"
    book.save(path)
    ((person,), _notes) = read_workbook(path, CATEGORIES)
    assert person.read.staff.projects[0].period == Period(PartialDate(2013, 4), PartialDate(2013, 4))


def test_a_streamed_workbook_still_reports_hidden_rows(tmp_path, monkeypatch):
    from skillmatrix.exchange.excel import workbook

    monkeypatch.setattr(workbook, "FULL_LOAD_LIMIT", 0)  # as if it were a big file
    path = excel_books.layout_c(tmp_path, SEED[1], CATEGORIES)
    (person,), _notes = read_workbook(path, CATEGORIES)
    assert_is_seed(person.read, SEED[1])
    assert any("非表示の行" in note for note in person.read.notes)


def test_formulas_saved_without_cached_values_are_reported(tmp_path):
    from openpyxl import load_workbook

    path = excel_books.layout_a(tmp_path, SEED, CATEGORIES)
    book = load_workbook(path)
    book["藤沢"]["A5"] = '=UPPER("事務職員")'  # openpyxl saves a formula without its value
    book.save(path)
    people, _notes = read_workbook(path, CATEGORIES)
    read = people[0].read
    assert read.staff.title == ""  # never the formula text
    assert ("A5", "（数式の計算結果が保存されていません）") in read.not_understood
    assert any("計算結果が保存されていない数式があります（A5）" in n for n in read.notes)
