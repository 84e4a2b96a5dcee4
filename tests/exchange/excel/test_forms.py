"""Self-report forms: made, filled with openpyxl as a staff member would, taken back as a
three-way difference against the revision the form was made from."""

from openpyxl import load_workbook

from skillmatrix.domain.model import Entry
from skillmatrix.store.repository import Store
from tests.exchange.excel.support import revisions, seed_db, staff
from tests.exchange.shared_support import one_clear_line, rows_hash, sm


def make_form(tmp_path, db, name="藤沢 花子"):
    out = tmp_path / "form.xlsx"
    p = sm("form", "--db", db, "--staff", name, "--out", out, check=0)
    assert f"作りました: {out}" in p.out
    return out


def find(ws, text, column=None):
    for row in ws.iter_rows():
        for cell in row:
            if (
                isinstance(cell.value, str)
                and cell.value.startswith(text)
                and (column is None or cell.column == column)
            ):
                return cell
    raise AssertionError(text)


def fill_in(form):
    """Adds two entries, changes 所属, deletes the first project."""
    book = load_workbook(form)
    ws = book["スキル履歴書"]
    header = find(ws, "行政職員一般")
    strategy = find(ws, "ストラテジ").column
    level1 = find(ws, "1 ", column=1)
    # レベル1's band: its first row holds 新採用職員研修; the next rows are empty.
    ws.cell(level1.row + 1, header.column).value = "文書事務研修"
    ws.cell(level1.row + 1, 11 - 1).value = "研修"  # 種別 of that row (list-validated)
    level4 = find(ws, "4 ", column=1)
    ws.cell(level4.row, strategy).value = "DX推進計画策定"
    section = find(ws, "所属")
    ws.cell(section.row + 1, section.column).value = "デジタル推進課"
    project = find(ws, "2010年4月1日～2012年3月31日", column=1)
    ws.cell(project.row, 1).value = None
    ws.cell(project.row, 3).value = None
    book.save(form)


def test_form_is_protected_prefilled_with_a_hidden_id_sheet(tmp_path):
    db = seed_db(tmp_path / "db.sqlite")
    form = make_form(tmp_path, db)
    book = load_workbook(form)
    ws, meta = book["スキル履歴書"], book["_skillmatrix"]
    assert ws.protection.sheet and not ws.protection.password
    assert meta.sheet_state == "hidden" and meta.protection.sheet
    me = staff(db, "藤沢 花子")
    assert [meta["B2"].value, meta["B3"].value] == [me.id, me.revision]
    assert find(ws, "新採用職員研修").protection.locked is False
    assert find(ws, "氏名").protection.locked is True  # labels stay locked
    assert find(ws, "※記入のしかた").row == 1
    (kinds,) = ws.data_validations.dataValidation
    assert kinds.type == "list" and "研修" in kinds.formula1


def test_filled_form_shows_exactly_its_changes_and_applies_them(tmp_path):
    db = seed_db(tmp_path / "db.sqlite")
    form = make_form(tmp_path, db)
    fill_in(form)
    before = rows_hash(db)
    p = sm("import", "--db", db, form, "--dry-run", check=0)
    assert "作成時の版・現在・記入用シートの3者比較" in p.out
    assert "差分（作成時の版・現在・記入用シートの3者比較）: 4件" in p.out
    assert "所属: 変更（ファイルだけ変更） こちら「IT推進課」→ ファイル「デジタル推進課」" in p.out
    assert (
        "レベル1 × 行政職員一般: 変更（ファイルだけ変更） こちら「新採用職員研修」→ ファイル「新採用職員研修 / 文書事務研修」"
        in p.out
    )
    assert "レベル4 × ストラテジ: 追加（ファイルだけ変更） こちら「—」→ ファイル「DX推進計画策定」" in p.out
    assert "プロジェクト 職員ポータル更新（2010年4月1日～2012年3月31日）: 削除（ファイルだけ変更）" in p.out
    assert rows_hash(db) == before
    chain = revisions(db, "藤沢 花子")
    sm("import", "--db", db, form, check=0)  # nothing needs a choice
    me = staff(db, "藤沢 花子")
    assert me.section == "デジタル推進課"
    assert [p.name for p in me.projects] == ["通信回線更新"]
    cells = {(e.level, e.text): e.kind for e in me.entries}
    assert cells[(1, "文書事務研修")] == "training"  # the 種別 written in the row
    assert cells[(4, "DX推進計画策定")] == "other"
    assert cells[(1, "新採用職員研修")] == "training"
    assert len(me.entries) == 11
    assert revisions(db, "藤沢 花子") == [*chain, me.revision]
    p = sm("import", "--db", db, form, "--dry-run", check=0)  # taken back twice: nothing new
    assert "変更なし 1、競合 0" in p.out and ": 0件" in p.out


def test_a_change_made_here_since_the_form_is_a_conflict(tmp_path):
    db = seed_db(tmp_path / "db.sqlite")
    form = make_form(tmp_path, db)
    fill_in(form)
    with Store.open(db) as store:  # the chief edits the same person meanwhile
        me = store.get_staff(staff(db, "藤沢 花子").id)
        me.section = "情報政策課"
        me.entries.append(
            Entry(level=2, category_id=store.categories()[0].id, text="会計事務研修", kind="training")
        )
        store.save_staff(me)
    p = sm("import", "--db", db, form, check=1)
    assert one_clear_line(p) and "1か所" in p.err
    assert "所属: 変更（競合） こちら「情報政策課」→ ファイル「デジタル推進課」" in p.out
    assert "レベル2 × 行政職員一般: 追加（こちらだけ変更）" not in p.out
    assert "レベル2 × 行政職員一般: 削除（こちらだけ変更）" in p.out
    sm("import", "--db", db, form, "--prefer", "mine", check=0)
    me = staff(db, "藤沢 花子")
    assert me.section == "情報政策課"  # the chief's, as chosen
    texts = {e.text for e in me.entries}
    assert {"会計事務研修", "文書事務研修", "DX推進計画策定"} <= texts  # both sides' other changes
    assert "職員ポータル更新" not in [p.name for p in me.projects]


def test_a_form_whose_hidden_sheet_was_edited_is_matched_by_name(tmp_path):
    db = seed_db(tmp_path / "db.sqlite")
    form = make_form(tmp_path, db)
    fill_in(form)
    book = load_workbook(form)
    book["_skillmatrix"]["B2"] = "00000000-0000-4000-8000-000000000000"
    book.save(form)
    p = sm("import", "--db", db, form, "--dry-run", check=0)
    assert "管理情報（非表示のシート）が変更されているため、氏名で照合しました" in p.out
    assert "現在の内容との比較" in p.out and "所属: 変更（相違）" in p.out


def test_a_field_cleared_in_the_form_is_a_change(tmp_path):
    db = seed_db(tmp_path / "db.sqlite")
    form = make_form(tmp_path, db)
    book = load_workbook(form)
    ws = book["スキル履歴書"]
    kana = find(ws, "ふりがな")
    ws.cell(kana.row + 1, kana.column).value = None
    book.save(form)
    p = sm("import", "--db", db, form, "--dry-run", check=0)
    assert "差分（作成時の版・現在・記入用シートの3者比較）: 1件" in p.out
    assert "ふりがな: 変更（ファイルだけ変更） こちら「ふじさわ はなこ」→ ファイル「—」" in p.out
