"""The department reports as data: openpyxl reads back numbers, date cells, the 基準日, the
filter and the print settings of every kind; LibreOffice converts each to CSV; the PDFs
name only the font they print with and carry /Title and /Lang."""

import csv
import shutil
import subprocess
from datetime import date, datetime

import pypdf
import pytest
from openpyxl import load_workbook

from skillmatrix.demo.generated import generated_staff, seed_staff
from skillmatrix.domain.dates import PartialDate
from skillmatrix.domain.model import Qualification, Staff
from skillmatrix.report.department import write_pdf
from skillmatrix.report.department_tables import REPORT_KINDS, build_report
from skillmatrix.report.xlsx import write_xlsx
from skillmatrix.store.repository import Store

TODAY = date(2026, 11, 27)
KINDS = list(REPORT_KINDS)


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("formats") / "demo.sqlite"
    with Store.create(path) as created:
        cats = created.categories()
        people = seed_staff(cats) + generated_staff(30, cats)
        people.append(
            Staff(
                name="期限 近子",
                kana="きげん ちかこ",
                qualifications=[
                    Qualification(
                        "情報処理安全確保支援士", PartialDate(2020, 4, 1), PartialDate(2026, 10, 31)
                    ),
                    Qualification("月まで資格", PartialDate(2021), PartialDate(2027, 1)),
                ],
            )
        )
        created.add_many(people, "demo")
    with Store.open(path, readonly=True) as opened:
        yield opened


@pytest.fixture(scope="module")
def workbooks(store, tmp_path_factory):
    folder = tmp_path_factory.mktemp("xlsx")
    paths = {}
    for kind in KINDS:
        paths[kind] = folder / f"{kind}.xlsx"
        write_xlsx(build_report(store, kind, fiscal_year=2027, today=TODAY), paths[kind])
    return paths


def sheet_rows(ws):
    return [list(r) for r in ws.iter_rows()]


@pytest.mark.parametrize("kind", KINDS)
def test_every_sheet_has_the_as_of_cell_a_filter_and_print_settings(workbooks, kind):
    wb = load_workbook(workbooks[kind])
    for ws in wb.worksheets:
        stamp = ws.cell(1, 2)
        assert ws.cell(1, 1).value == "基準日"
        assert stamp.is_date and stamp.value == datetime(2026, 11, 27)
        assert stamp.number_format == 'yyyy"年"m"月"d"日"'
        last_row = max(ws.max_row, 3)
        assert ws.auto_filter.ref == f"A2:{ws.cell(2, ws.max_column).column_letter}{last_row}"
        assert ws.print_title_rows == "$2:$2"
        setup = ws.page_setup
        assert (setup.orientation, int(setup.paperSize), setup.fitToWidth, setup.fitToHeight) == (
            "landscape",
            9,
            1,
            0,
        )
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.freeze_panes.endswith("3")
        assert not any(c.data_type == "f" for row in ws.iter_rows() for c in row)


def by_heading(ws, name):
    rows = sheet_rows(ws)
    header = [c.value for c in rows[1]]
    return {r[0].value: dict(zip(header, r)) for r in rows[2:]}


def test_matrix_levels_are_numbers(workbooks, store):
    ws = load_workbook(workbooks["matrix"]).worksheets[0]
    veteran = by_heading(ws, "matrix")["湘南 太郎"]
    assert veteran["セキュリティ"].value == 6 and veteran["セキュリティ"].data_type == "n"
    counts = by_heading(load_workbook(workbooks["matrix"]).worksheets[1], "hist")
    assert all(isinstance(c.value, int) for c in list(counts["セキュリティ"].values())[1:])


def test_gaps_have_level_target_and_gap_as_three_number_columns(workbooks):
    wb = load_workbook(workbooks["gaps"])
    staffer = by_heading(wb.worksheets[0], "gaps")["藤沢 花子"]
    assert [staffer[f"セキュリティ {w}"].value for w in ("レベル", "目標", "差")] == [1, 2, 1]
    assert all(staffer[f"セキュリティ {w}"].data_type == "n" for w in ("レベル", "目標", "差"))
    assert [staffer[f"基幹系システム {w}"].value for w in ("レベル", "目標", "差")] == [None, 1, 2]
    assert not any(isinstance(c.value, str) and "／" in c.value for c in staffer.values())


def test_expiry_dates_are_date_cells_and_days_are_numbers_from_the_as_of_day(workbooks):
    ws = load_workbook(workbooks["gaps"]).worksheets[2]
    rows = sheet_rows(ws)
    header = [c.value for c in rows[1]]
    assert header == ["氏名", "資格", "有効期限", "状況", "残り日数（基準日から）"]
    found = {r[1].value: r for r in rows[2:]}
    expired, month = found["情報処理安全確保支援士"], found["月まで資格"]
    assert expired[2].is_date and expired[2].value == datetime(2026, 10, 31)
    assert expired[2].number_format == 'yyyy"年"m"月"d"日"'
    assert (expired[3].value, expired[4].value) == ("期限切れ", -27)
    assert month[2].is_date and month[2].number_format == 'yyyy"年"m"月"'
    assert (month[3].value, month[4].value) == ("期限内", (date(2027, 1, 31) - TODAY).days)


def test_plan_and_course_levels_and_counts_are_numbers(workbooks):
    plan = sheet_rows(load_workbook(workbooks["plan"]).worksheets[0])
    header = [c.value for c in plan[1]]
    levels = [r[header.index("レベル")] for r in plan[2:]]
    assert levels and all(c.value is None or c.data_type == "n" for c in levels)
    assert any(isinstance(c.value, int) for c in levels)
    courses = sheet_rows(load_workbook(workbooks["courses"]).worksheets[0])
    header = [c.value for c in courses[1]]
    assert all(isinstance(r[header.index("受講者数")].value, int) for r in courses[2:])


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_converts_every_report_to_csv(workbooks, tmp_path):
    out = tmp_path / "csv"
    out.mkdir()
    # All sheets (-1), UTF-8 (76), cells as shown (so dates read as the format prints them).
    csv_filter = "csv:Text - txt - csv (StarCalc):44,34,76,1,,1041,false,true,true,false,false,-1"
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            csv_filter,
            "--outdir",
            str(out),
            *map(str, workbooks.values()),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    for kind, path in workbooks.items():
        sheets = sorted(out.glob(f"{kind}-*.csv"))
        assert len(sheets) == len(load_workbook(path).worksheets), kind
        for sheet in sheets:
            rows = read_csv(sheet)
            assert rows[0][:2] == ["基準日", "2026年11月27日"], sheet.name
    gaps = next(out.glob("gaps-レベル*.csv"))
    rows = read_csv(gaps)
    staffer = dict(zip(rows[1], next(r for r in rows if r[0] == "藤沢 花子")))
    assert (staffer["セキュリティ レベル"], staffer["セキュリティ 目標"], staffer["セキュリティ 差"]) == (
        "1",
        "2",
        "1",
    )
    expiry = next(out.glob("gaps-資格*.csv"))
    rows = read_csv(expiry)
    assert ["期限 近子", "月まで資格", "2027年1月", "期限内", str((date(2027, 1, 31) - TODAY).days)] in rows


@pytest.mark.parametrize("kind", KINDS)
def test_pdf_reports_embed_only_their_font_and_carry_title_and_language(store, tmp_path, kind):
    out = tmp_path / f"{kind}.pdf"
    report = build_report(store, kind, fiscal_year=2027, today=TODAY)
    write_pdf(report, out)
    reader = pypdf.PdfReader(out, strict=True)
    assert reader.metadata.title == report.title
    assert reader.trailer["/Root"]["/Lang"] == "ja-JP"
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            fonts.add(font["/BaseFont"])
            descriptor = font.get("/FontDescriptor")
            assert descriptor is not None and "/FontFile2" in descriptor.get_object(), font["/BaseFont"]
    assert fonts and all(name.endswith("+IPAexGothic") for name in fonts)
