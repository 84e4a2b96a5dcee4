"""`skillmatrix import FILE.xlsx|FOLDER [--dry-run]` in a real process: the plan printed,
people added, a name match settled as a conflict, one line per refusal."""

import dataclasses

from openpyxl import Workbook

from skillmatrix.demo.seed import seed_staff
from tests.exchange.excel.support import categories, revisions, seed_db, staff
from tests.exchange.shared_support import one_clear_line, rows_hash, sm
from tests.fixtures import excel_books


def grid(s):
    return sorted((e.level, e.category_id, e.text) for e in s.entries)


def test_dry_run_prints_the_plan_then_import_adds_both(tmp_path):
    db = seed_db(tmp_path / "db.sqlite", people=False)
    cats = categories(db)
    seed = seed_staff(cats)
    book = excel_books.layout_a(tmp_path, seed, cats)
    before = rows_hash(db)
    p = sm("import", "--db", db, book, "--dry-run", check=0)
    assert "職員: 追加 2" in p.out
    assert "layout_a.xlsx シート「藤沢」: 藤沢 花子（追加）" in p.out
    assert "  C5 氏名: 藤沢 花子" in p.out
    assert "  E23 レベル3 × 情報系システム: Windows Server 2008 Active Directory の基礎" in p.out
    assert "--dry-run" in p.out and rows_hash(db) == before
    sm("import", "--db", db, book, check=0)
    for person in seed:
        got = staff(db, person.name)
        assert grid(got) == grid(person)
        assert [(a.period, a.name, a.duties) for a in got.assignments] == [
            (a.period, a.name, a.duties) for a in person.assignments
        ]


def test_same_content_is_unchanged_and_a_name_match_is_a_conflict(tmp_path):
    db = seed_db(tmp_path / "db.sqlite")
    cats = categories(db)
    seed = seed_staff(cats)
    book = excel_books.layout_a(tmp_path, seed, cats)
    p = sm("import", "--db", db, book, check=0)
    assert "変更なし 2" in p.out and "変更はありません" in p.out
    changed = [dataclasses.replace(seed[0], section="情報政策課"), seed[1]]
    book = excel_books.layout_a(tmp_path, changed, cats)
    before = rows_hash(db)
    p = sm("import", "--db", db, book, check=1)
    assert one_clear_line(p) and "--prefer" in p.err
    assert "所属: 変更（相違） こちら「IT推進課」→ ファイル「情報政策課」" in p.out
    assert rows_hash(db) == before
    chain = revisions(db, "藤沢 花子")
    sm("import", "--db", db, book, "--prefer", "theirs", check=0)
    got = staff(db, "藤沢 花子")
    assert got.section == "情報政策課"
    assert got.kana == "ふじさわ はなこ"  # the sheet has no ふりがな: kept, not cleared
    assert {e.kind for e in got.entries} == {"training"}  # kinds kept from the database
    assert revisions(db, "藤沢 花子") == [*chain, got.revision]  # one new revision


def test_a_folder_imports_every_workbook(tmp_path):
    db = seed_db(tmp_path / "db.sqlite", people=False)
    cats = categories(db)
    folder = tmp_path / "books"
    folder.mkdir()
    for person in seed_staff(cats):
        excel_books.layout_b(folder, person, cats)
    (folder / "memo.txt").write_text("not a workbook")
    p = sm("import", "--db", db, folder, check=0)
    assert "職員: 追加 2" in p.out
    assert staff(db, "湘南 太郎").assignments[0].period.start.precision == "month"


def test_not_a_resume_is_one_line(tmp_path):
    db = seed_db(tmp_path / "db.sqlite")
    book = Workbook()
    book.active["A1"] = "予算要求書"
    book.save(tmp_path / "budget.xlsx")
    before = rows_hash(db)
    p = sm("import", "--db", db, tmp_path / "budget.xlsx", check=1)
    assert one_clear_line(p)
    assert "スキル履歴書のシートが見つかりません" in p.err and "行政職員一般" in p.err
    assert rows_hash(db) == before


def test_missing_category_column_is_an_error_not_a_shift(tmp_path):
    db = seed_db(tmp_path / "db.sqlite", people=False)
    cats = categories(db)
    path = excel_books.layout_b(tmp_path, seed_staff(cats)[1], cats)
    from openpyxl import load_workbook

    book = load_workbook(path)
    ws = book.active
    for row in ws.iter_rows():
        for cell in row:
            if cell.value == "セキュリティ":
                cell.value = None
    book.save(path)
    before = rows_hash(db)
    p = sm("import", "--db", db, path, check=1)
    assert one_clear_line(p) and "「セキュリティ」の列がありません" in p.err
    assert rows_hash(db) == before


def test_a_value_breaking_a_rule_is_one_line_per_problem_nothing_written(tmp_path):
    db = seed_db(tmp_path / "db.sqlite", people=False)
    cats = categories(db)
    seed = seed_staff(cats)
    seed[0].title = "長" * 300  # over the 200-character limit of a name field
    seed[1].projects[0].name = "計" * 250
    book = excel_books.layout_a(tmp_path, seed, cats)
    before = rows_hash(db)
    p = sm("import", "--db", db, book, check=1)
    assert one_clear_line(p)
    assert "問題2件" in p.err and "職名: 200文字を超えています" in p.err and "プロジェクト1: 200文字" in p.err
    assert rows_hash(db) == before
