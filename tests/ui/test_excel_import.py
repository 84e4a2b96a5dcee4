"""Excel résumés and self-report forms in the window, with real clicks: the import plan
table and what was read from which cell; the form-difference view with a conflict; the
form made from 職員 › 記入用シートを作る."""

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QTableView, QTableWidget

from skillmatrix.demo.seed import seed_staff
from skillmatrix.store.repository import Store
from tests.exchange.excel.support import seed_db, staff
from tests.exchange.excel.test_forms import fill_in
from tests.fixtures import excel_books
from tests.ui.file_support import Answers
from tests.ui.test_part_conflicts import click_cell, rows_by_label
from tests.ui.test_shared_files import open_window, start_import


@pytest.fixture
def answers(monkeypatch):
    return Answers(monkeypatch)


def click_row(view: QTableView, row: int) -> None:
    rect = view.visualRect(view.model().index(row, 1))
    QTest.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, rect.center()
    )


def readings(dialog) -> list[tuple[str, str, str]]:
    model = dialog.findChild(QTableView, "importReadings").model()
    return [tuple(model.index(r, c).data() for c in range(3)) for r in range(model.rowCount())]


def test_import_plan_table_shows_what_was_read_per_person(qtbot, tmp_path, answers):
    db = seed_db(tmp_path / "db.sqlite", people=False)
    with Store.open(db, readonly=True) as store:
        cats = store.categories()
    book = excel_books.layout_a(tmp_path, seed_staff(cats), cats)
    wb = load_workbook(book)
    wb["湘南"]["L3"] = "要確認（人事課）"  # a cell nothing explains
    wb.save(book)
    window = open_window(qtbot, db)
    dialog = start_import(qtbot, window, answers, book)
    assert dialog.state == "preview"
    plan = dialog.findChild(QTableView, "importPreview")
    names = [plan.model().index(r, 1).data() for r in range(plan.model().rowCount())]
    assert names == ["藤沢 花子", "湘南 太郎"]
    click_row(plan, 0)
    assert ("C5", "氏名", "藤沢 花子") in readings(dialog)
    assert "シート「藤沢」" in dialog.findChild(QLabel, "readingsCaption").text()
    click_row(plan, 1)  # the veteran: his cells, and the one not understood, in red
    rows = readings(dialog)
    assert ("C5", "氏名", "湘南 太郎") in rows
    assert ("D32", "レベル1 × 基幹系システム", "COBOL") in rows
    assert rows[-1] == ("L3", "読めなかったセル", "要確認（人事課）")
    model = dialog.findChild(QTableView, "importReadings").model()
    assert model.index(len(rows) - 1, 0).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert dialog.apply_button.isEnabled()
    dialog.apply_button.click()
    qtbot.waitUntil(lambda: dialog.state == "done", timeout=20000)
    assert window.staff_panel.model.total() == 2
    assert window.session.undo_stack.undoText() == "取り込み（layout_a.xlsx）"
    window.session.undo_stack.undo()
    assert window.staff_panel.model.total() == 0


def test_form_difference_view_with_a_conflict(qtbot, tmp_path, answers):
    db = seed_db(tmp_path / "db.sqlite")
    window = open_window(qtbot, db)
    me = staff(db, "藤沢 花子")
    window.session.select(me.id)
    form = tmp_path / "form.xlsx"
    answers.files.append(form)
    window.action("actionMakeForm").trigger()  # 職員 › 記入用シートを作る
    assert form.exists() and "1名分の記入用シートを作りました" in window.statusBar().currentMessage()
    fill_in(form)
    changed = window.session.current.copy()
    changed.section = "情報政策課"  # the chief, since the form was made
    window.session.save_sheet(changed, "所属")
    dialog = start_import(qtbot, window, answers, form)
    table = dialog.conflict_panel.findChild(QTableWidget, "partTable")
    rows = rows_by_label(table)
    assert set(rows) == {
        "所属",
        "プロジェクト 職員ポータル更新（2010年4月1日～2012年3月31日）",
        "レベル1 × 行政職員一般",
        "レベル4 × ストラテジ",
    }
    assert table.item(rows["所属"], 1).text() == "変更・競合"
    assert table.item(rows["レベル4 × ストラテジ"], 1).text() == "追加・ファイルだけ変更"
    assert "作ったときの版と比べた" in dialog.conflict_panel.findChild(QLabel, "partCaption").text()
    assert not dialog.apply_button.isEnabled()  # the conflict needs the chief
    click_cell(qtbot, table, rows["所属"], 3)  # take the form's 所属
    assert dialog.apply_button.isEnabled()
    click_cell(qtbot, table, rows["レベル4 × ストラテジ"], 2)  # reject one added entry
    dialog.apply_button.click()
    qtbot.waitUntil(lambda: dialog.state == "done", timeout=20000)
    after = staff(db, "藤沢 花子")
    assert after.section == "デジタル推進課"
    assert "文書事務研修" in {e.text for e in after.entries}
    assert "DX推進計画策定" not in {e.text for e in after.entries}
    assert [p.name for p in after.projects] == ["通信回線更新"]
    # The import is one more undo step after the chief's own edit.
    assert window.session.undo_stack.undoText().startswith("取り込み")
    window.session.undo_stack.undo()
    assert staff(db, "藤沢 花子").section == "情報政策課"


def test_everyones_forms_to_a_folder_and_back_through_the_folder_import(
    qtbot, tmp_path, answers, monkeypatch
):
    from PySide6.QtWidgets import QDialog, QFileDialog

    db = seed_db(tmp_path / "db.sqlite")
    folder = tmp_path / "forms"
    folder.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: str(folder)))
    window = open_window(qtbot, db)
    window.action("actionMakeAllForms").trigger()  # 職員 › 全員の記入用シートを作る
    assert sorted(p.name for p in folder.iterdir()) == ["記入用_湘南_太郎.xlsx", "記入用_藤沢_花子.xlsx"]
    fill_in(folder / "記入用_藤沢_花子.xlsx")
    window.action("actionImportFolder").trigger()  # ファイル › フォルダから取り込む
    dialog = [d for d in window.findChildren(QDialog, "importDialog") if d.isVisible()][-1]
    qtbot.waitUntil(lambda: dialog.state != "checking", timeout=20000)
    assert dialog.counts()["conflicts"] == 1 and dialog.counts()["unchanged"] == 1
    assert dialog.apply_button.isEnabled()  # only the form's own changes: nothing to choose
    dialog.apply_button.click()
    qtbot.waitUntil(lambda: dialog.state == "done", timeout=20000)
    assert staff(db, "藤沢 花子").section == "デジタル推進課"


def test_an_import_too_big_for_undo_says_the_backup_is_the_way_back(qtbot, tmp_path, answers, monkeypatch):
    from skillmatrix.ui.files import import_dialog

    monkeypatch.setattr(import_dialog, "UNDO_LIMIT", 1)
    db = seed_db(tmp_path / "db.sqlite", people=False)
    with Store.open(db, readonly=True) as store:
        cats = store.categories()
    book = excel_books.layout_a(tmp_path, seed_staff(cats), cats)
    window = open_window(qtbot, db)
    dialog = start_import(qtbot, window, answers, book)
    dialog.apply_button.click()
    qtbot.waitUntil(lambda: dialog.state == "done", timeout=20000)
    assert window.session.undo_stack.count() == 0
    assert "バックアップから戻せます" in window.statusBar().currentMessage()


@pytest.mark.parametrize("bad", ["encrypted", "not_a_resume"])
def test_a_refused_workbook_says_why_and_changes_nothing(qtbot, tmp_path, answers, bad):
    from openpyxl import Workbook

    from tests.fixtures import bad_books
    from tests.ui.file_support import rows

    db = seed_db(tmp_path / "db.sqlite")
    if bad == "encrypted":
        book = bad_books.encrypted(tmp_path / "locked.xlsx")
    else:
        wb = Workbook()
        wb.active["A1"] = "予算要求書"
        book = tmp_path / "budget.xlsx"
        wb.save(book)
    before = rows(db)
    window = open_window(qtbot, db)
    dialog = start_import(qtbot, window, answers, book)
    assert dialog.state == "refused"
    text = dialog.findChild(QLabel, "importError").text()
    assert ("暗号化" if bad == "encrypted" else "スキル履歴書のシートが見つかりません") in text
    window.close()
    assert rows(db) == before
