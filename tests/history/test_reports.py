"""`report --kind growth` and `--kind coverage` run as a user would, read back with openpyxl."""

import sqlite3

import openpyxl
import pdfplumber
import pytest

from skillmatrix.demo.generated import SEED_STAFFER_ID, SEED_VETERAN_ID, generated_staff, seed_staff
from skillmatrix.domain.model import Entry, Staff
from skillmatrix.store.repository import Store
from tests.exchange.shared_support import sm

OLD = "2020-05-01T00:00:00.000+00:00"  # 2020年度: the file's first saves


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("growth") / "g.sqlite"
    with Store.create(path) as s:
        s.add_many(seed_staff(s.categories()) + generated_staff(6, s.categories()), "demo")
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE staff_revision SET created = ?", [OLD])  # as if saved in 2020
    conn.close()
    with Store.open(path) as s:
        sec = next(c.id for c in s.categories() if c.name == "セキュリティ")
        vet = s.get_staff(SEED_VETERAN_ID)
        vet.entries += [
            Entry(level=7, category_id=sec, text="CISO補佐官"),
            Entry(level=2, category_id=sec, text="x"),
        ]
        s.save_staff(vet)
        s.delete_staff(SEED_STAFFER_ID)
        s.add_staff(
            Staff(name="新人 一郎", title="主事", entries=[Entry(level=1, category_id=sec, text="新人研修")])
        )
    return path


def sheet_rows(path, title_start):
    wb = openpyxl.load_workbook(path)
    ws = next(ws for ws in wb.worksheets if ws.title.startswith(title_start))
    # Row 1 is the 基準日 (the as-of date), the header is row 2.
    assert ws.cell(1, 1).value == "基準日"
    return [list(r) for r in ws.iter_rows(min_row=2, values_only=True)]


def test_growth_xlsx_numbers_marks_and_totals(db, tmp_path):
    out = tmp_path / "growth.xlsx"
    p = sm("report", "--db", db, "--kind", "growth", "--from", "2021", "--out", out)
    assert p.returncode == 0, p.err
    rows = sheet_rows(out, "職員別")
    head = rows[0]
    col = head.index("セキュリティ 前")
    assert head[col + 1 : col + 3] == ["セキュリティ 後", "セキュリティ 追加"]
    by_name = {r[0]: r for r in rows[1:]}
    vet = by_name["湘南 太郎"]
    assert vet[1] in ("", None) and vet[col : col + 3] == [6, 7, 2]  # numbers, not text
    assert by_name["藤沢 花子"][1] == "転出・退職" and by_name["藤沢 花子"][col + 1] is None
    assert by_name["新人 一郎"][1] == "新規" and by_name["新人 一郎"][col : col + 3] == [None, 1, 1]
    totals = {r[0]: r for r in sheet_rows(out, "部門の合計")[1:]}
    assert totals["セキュリティ"][5] == 3 and totals["セキュリティ"][6] == 1  # entries added, people raised


def test_growth_pdf_has_a_chart_per_category(db, tmp_path):
    out = tmp_path / "growth.pdf"
    assert sm("report", "--db", db, "--kind", "growth", "--from", "2021", "--out", out).returncode == 0
    with pdfplumber.open(out) as pdf:
        text = pdf.pages[0].extract_text()
        bars = [r for r in pdf.pages[0].rects if r["fill"]]
    for name in ("行政職員一般", "セキュリティ", "ストラテジ", "2021年度初", "現在"):
        assert name in text
    assert len(bars) > 16  # bars of then and now in the 8 small charts


def test_growth_needs_from_and_order(db, tmp_path):
    p = sm("report", "--db", db, "--kind", "growth", "--out", tmp_path / "g.xlsx")
    assert p.returncode == 1 and "--from" in p.err
    p = sm(
        "report",
        "--db",
        db,
        "--kind",
        "growth",
        "--from",
        "2030",
        "--to",
        "2021",
        "--out",
        tmp_path / "g.xlsx",
    )
    assert p.returncode == 1 and "より後" in p.err and not (tmp_path / "g.xlsx").exists()


def test_coverage_xlsx_flags_the_veterans_departure(db, tmp_path):
    out = tmp_path / "cov.xlsx"
    before = sm("report", "--db", db, "--kind", "coverage", "--out", out)
    assert before.returncode == 0, before.err
    plain = {r[0]: r for r in sheet_rows(out, "分類別")[1:]}
    p = sm(
        "report", "--db", db, "--kind", "coverage", "--leaving", "湘南太郎", "--minimum", "9", "--out", out
    )
    assert p.returncode == 0, p.err
    rows = sheet_rows(out, "分類別")
    assert rows[0][:6] == ["分類", "基準レベル", "異動前", "異動後", "最低人数", "判定"]
    after = {r[0]: r for r in rows[1:]}
    sec = after["セキュリティ"]
    assert isinstance(sec[2], int) and sec[2] == plain["セキュリティ"][2]
    assert sec[3] == sec[2] - 1 and "湘南 太郎" in sec[6]
    assert sec[4] == 9 and sec[5] in ("属人化", "ゼロ")
    assert after["行政職員一般"][6] in (None, "")  # the veteran has no entry there
    p = sm("report", "--db", db, "--kind", "coverage", "--leaving", "いない人", "--out", out)
    assert p.returncode == 1 and "見つかりません" in p.err


def test_list_where_matches_the_levels(db):
    from skillmatrix.store.department import DepartmentStore

    with Store.open(db, readonly=True) as s:
        cats = {c.name: c.id for c in s.categories()}
        levels = DepartmentStore(s).levels()
        want = [
            i
            for i in s.staff_ids()
            if levels.get(i, {}).get(cats["セキュリティ"], -1) >= 4
            and levels.get(i, {}).get(cats["ITスキル一般"], -1) >= 1
        ]
    p = sm("list", "--db", db, "--where", "ｾｷｭﾘﾃｨ:4+ ＩＴスキル>=1")
    assert p.returncode == 0, p.err
    assert [line.split("\t")[0] for line in p.out.splitlines()] == want and want
    p = sm("list", "--db", db, "--where", "湘南 セキュリティ=7")
    assert [line.split("\t")[1] for line in p.out.splitlines()] == ["湘南 太郎"]
    p = sm("list", "--db", db, "--where", "セキュリティ>=8")
    assert p.returncode == 1 and p.err.count("\n") == 1 and "レベル8" in p.err
