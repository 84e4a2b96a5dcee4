"""Department reports: Excel read back with openpyxl, PDFs parsed back with pdfplumber."""

import re
import subprocess
import sys
from datetime import date

import pdfplumber
import pytest
from openpyxl import load_workbook

from skillmatrix.demo.generated import SEED_STAFFER_ID, generated_staff, seed_staff
from skillmatrix.domain.department import Course, PlanItem
from skillmatrix.domain.model import Staff
from skillmatrix.report.department import write_pdf
from skillmatrix.report.department_tables import build_report
from skillmatrix.report.xlsx import write_xlsx
from skillmatrix.store.department import DepartmentStore
from skillmatrix.store.repository import Store
from tests.conftest import ROOT

TODAY = date(2026, 11, 27)
EVIL = '=HYPERLINK("http://example.invalid","x")'


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("dept") / "demo.sqlite"
    with Store.create(path) as store:
        cats = store.categories()
        people = seed_staff(cats) + generated_staff(40, cats)
        people.append(Staff(name=EVIL, title="@SUM(1)", section="+81-0466"))
        people.append(Staff(name="-1 職員", title="主事", section="\tタブ"))
        store.add_many(people, "demo")
        DepartmentStore(store).save_course(Course(name="-2+3 研修", provider="=1+1", position=99))
    return path


@pytest.fixture(scope="module")
def store(db):
    with Store.open(db, readonly=True) as s:
        yield s


def names(store):
    return [s.name for s in store.staff_summaries()]


def test_matrix_xlsx_holds_one_row_per_person_with_levels(store, tmp_path):
    out = tmp_path / "m.xlsx"
    write_xlsx(build_report(store, "matrix", today=TODAY), out)
    wb = load_workbook(out)
    ws = wb.worksheets[0]
    rows = list(ws.iter_rows(values_only=True))[1:]  # row 1: the 基準日
    header = rows[0]
    assert header[:4] == ("氏名", "ふりがな", "職名", "所属") and header[-2] == "セキュリティ"
    assert [r[0] for r in rows[1:]] == names(store)
    veteran = next(r for r in rows if r[0] == "湘南 太郎")
    by_col = dict(zip(header, veteran))
    assert by_col["セキュリティ"] == 6 and by_col["基幹系システム"] == 5
    assert by_col["行政職員一般"] is None and by_col["情報系システム"] == 1
    assert ws.freeze_panes == "B3"
    hist = wb.worksheets[1]
    sec = next(r for r in hist.iter_rows(values_only=True) if r[0] == "セキュリティ")
    assert sum(x for x in sec[1:]) == len(rows) - 1  # everyone counted once


def test_text_that_looks_like_a_formula_stays_text(store, tmp_path):
    out = tmp_path / "m.xlsx"
    write_xlsx(build_report(store, "matrix", today=TODAY), out)
    ws = load_workbook(out).worksheets[0]
    cells = {c.value: c for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    for value in (EVIL, "@SUM(1)", "+81-0466", "-1 職員", "\tタブ"):
        assert cells[value].data_type == "s" and cells[value].quotePrefix, value
    assert cells["湘南 太郎"].quotePrefix is False
    assert not any(c.data_type == "f" for row in ws.iter_rows() for c in row)
    out2 = tmp_path / "c.xlsx"
    write_xlsx(build_report(store, "courses", today=TODAY), out2)
    ws = load_workbook(out2).worksheets[0]
    row = next(r for r in ws.iter_rows() if r[0].value == "-2+3 研修")
    assert row[1].value == "=1+1" and row[1].data_type == "s"


def test_gap_and_expiry_sheets(store, tmp_path):
    out = tmp_path / "g.xlsx"
    write_xlsx(build_report(store, "gaps", today=TODAY), out)
    wb = load_workbook(out)
    gaps = list(wb.worksheets[0].iter_rows(values_only=True))[1:]  # row 1: the 基準日
    header = gaps[0]
    staffer = dict(zip(header, next(r for r in gaps if r[0] == "藤沢 花子")))
    assert staffer["人材像"] == "担当"
    assert (staffer["セキュリティ レベル"], staffer["セキュリティ 目標"], staffer["セキュリティ 差"]) == (
        1,
        2,
        1,
    )
    assert (staffer["基幹系システム レベル"], staffer["基幹系システム 目標"]) == (None, 1)
    fill = next(r for r in wb.worksheets[0].iter_rows() if r[0].value == "藤沢 花子")
    sec = fill[header.index("セキュリティ レベル")]
    assert sec.fill.fgColor.rgb.endswith("FFE899")  # one below: yellow
    below = {r[0]: r for r in wb.worksheets[1].iter_rows(values_only=True)}
    assert "藤沢 花子（1／2）" in below["セキュリティ"][2]
    assert wb.worksheets[2].cell(2, 1).value == "氏名"


def read_pdf(path):
    with pdfplumber.open(path) as pdf:
        sizes = {(round(p.width), round(p.height)) for p in pdf.pages}
        text = "\n".join(p.extract_text() or "" for p in pdf.pages)
        fonts = {c["fontname"] for p in pdf.pages for c in p.chars}
    return sizes, text, fonts


@pytest.mark.parametrize("kind", ["matrix", "gaps"])
def test_pdf_has_every_person(store, tmp_path, kind):
    out = tmp_path / f"{kind}.pdf"
    pages = write_pdf(build_report(store, kind, today=TODAY), out)
    sizes, text, fonts = read_pdf(out)
    assert sizes == {(842, 595)} and pages >= 2  # A4 landscape
    assert all("IPAex" in f for f in fonts)
    squashed = re.sub(r"\s+", "", text)
    for name in names(store):
        # A long name wraps inside its cell, and the next cells' text comes between its
        # lines: its first line is whole.
        assert re.sub(r"\s+", "", name)[:12] in squashed, name
    assert "\x00" not in text  # a tab is printed as a space, not as a missing glyph


def test_plan_proposes_from_gaps_then_uses_the_stored_plan(db, tmp_path):
    with Store.open(db) as store:
        report = build_report(store, "plan", fiscal_year=2027, today=TODAY)
        rows = report.tables[0].rows
        assert "案" in report.tables[0].title
        first = next(r for r in rows if r[0] == "藤沢 花子")
        assert first[3] == "情報セキュリティ対策等研修" and first[-1] == "提案"
        DepartmentStore(store).save_plan(
            2027, [PlanItem(SEED_STAFFER_ID, "<b>自由</b>研修", status="accepted")]
        )
        report = build_report(store, "plan", fiscal_year=2027, today=TODAY)
        assert report.tables[0].rows == [
            ["藤沢 花子", "事務職員", "IT推進課", "<b>自由</b>研修", "", "", None, "受講予定"]
        ]
        out = tmp_path / "plan.pdf"
        write_pdf(report, out)
        assert "<b>自由</b>研修" in read_pdf(out)[1]  # printed as typed, not as markup
        DepartmentStore(store).save_plan(2027, [])


def test_course_report_lists_takers(store):
    rows = build_report(store, "courses", today=TODAY).tables[0].rows
    cio = next(r for r in rows if r[0] == "CIO育成研修(運用管理)")
    assert "湘南 太郎" in cio[5] and cio[4] >= 1


def sm(*args):
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *map(str, args)], capture_output=True, text=True, timeout=120
    )


def test_cli_report(db, tmp_path):
    p = sm("report", "--db", db, "--kind", "matrix", "--out", tmp_path / "m.xlsx")
    assert p.returncode == 0 and "m.xlsx" in p.stdout
    p = sm("report", "--db", db, "--kind", "gaps", "--kinds", "研修", "--out", tmp_path / "g.pdf")
    assert p.returncode == 0 and (tmp_path / "g.pdf").stat().st_size > 1000
    assert "研修" in read_pdf(tmp_path / "g.pdf")[1].split("\n")[1]
    assert sm("report", "--db", db, "--kind", "matrix", "--out", tmp_path / "m.csv").returncode == 2
    assert sm("report", "--db", db, "--kind", "who", "--out", tmp_path / "m.pdf").returncode == 2
    p = sm("report", "--db", tmp_path / "none.sqlite", "--kind", "plan", "--out", tmp_path / "p.pdf")
    assert p.returncode == 1 and len(p.stderr.strip().splitlines()) == 1
    p = sm("report", "--db", db, "--kind", "plan", "--out", tmp_path / "no" / "p.pdf")
    assert p.returncode == 1 and "フォルダ" in p.stderr
