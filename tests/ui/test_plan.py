"""The 研修計画 dialog: proposals from the gaps, decisions, lines added and removed, the
courses taken recorded on the sheets in one step, the plan printed — all undoable."""

import datetime

import openpyxl
import pytest
from pypdf import PdfReader
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QApplication

from skillmatrix.demo.generated import SEED_STAFFER_ID
from skillmatrix.domain import dates
from skillmatrix.store.department import DepartmentStore
from skillmatrix.store.repository import Store
from skillmatrix.ui.department.plan import PlanDialog
from skillmatrix.ui.department.plan_model import COURSE, NAME, NOTE, STATUS
from tests.ui.support import commit_text, snapshot


@pytest.fixture
def dialog(window, monkeypatch):
    monkeypatch.setattr(dates, "today", lambda: datetime.date(2025, 6, 15))
    window.load_demo()
    d = PlanDialog(window.session, window)
    d.show()
    yield d
    d.close()


def stored_plan(db_path, year=2026):
    with Store.open(db_path, readonly=True) as store:
        return DepartmentStore(store).plan(year)


def select_rows(dialog, rows):
    selection = dialog.view.selectionModel()
    selection.clearSelection()
    for r in rows:
        selection.select(
            dialog.model.index(r, 0),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )


def rows_of(dialog, staff_id):
    return [r for r in range(dialog.model.rowCount()) if dialog.model.item(r).staff_id == staff_id]


def test_plan_model(qtmodeltester, dialog):
    qtmodeltester.check(dialog.model)
    assert dialog.model.headerData(COURSE, Qt.Orientation.Horizontal) == "研修名"


def test_proposals_decisions_and_undo(qtbot, window, dialog, db_path):
    assert dialog.year.value() == 2026  # the next 年度
    assert not dialog.stored and stored_plan(db_path) == []
    assert dialog.state.text().startswith("案: 目標との差から")
    model = dialog.model
    total = model.rowCount()
    mine = rows_of(dialog, SEED_STAFFER_ID)
    # The staffer (担当, セキュリティ 1 of 2) is proposed the security course first.
    assert model.index(mine[0], COURSE).data() == "情報セキュリティ対策等研修"
    select_rows(dialog, mine)
    qtbot.mouseClick(dialog.buttons["Accept"], Qt.MouseButton.LeftButton)
    plan = stored_plan(db_path)
    assert len(plan) == total and dialog.stored
    assert {i.status for i in plan if i.staff_id == SEED_STAFFER_ID} == {"accepted"}
    assert {i.status for i in plan if i.staff_id != SEED_STAFFER_ID} == {"proposed"}
    assert model.index(mine[0], STATUS).data() == "受講予定"
    # Drop another person's line; undo gives the proposal back.
    other = next(r for r in range(model.rowCount()) if r not in mine)
    select_rows(dialog, [other])
    qtbot.mouseClick(dialog.buttons["Drop"], Qt.MouseButton.LeftButton)
    assert stored_plan(db_path)[other].status == "dropped"
    qtbot.keyClick(dialog.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # the dialog's undo
    assert stored_plan(db_path)[other].status == "proposed"
    # Proposing again adds nothing new.
    qtbot.mouseClick(dialog.buttons["Propose"], Qt.MouseButton.LeftButton)
    assert dialog.message.text() == "新しい提案はありません" and len(stored_plan(db_path)) == total
    # A note is written as a step too.
    assert model.setData(model.index(other, NOTE), "秋の集合研修で")
    assert stored_plan(db_path)[other].note == "秋の集合研修で"
    # Removing lines forgets them; undo brings them back.
    select_rows(dialog, [other])
    qtbot.mouseClick(dialog.buttons["Remove"], Qt.MouseButton.LeftButton)
    assert len(stored_plan(db_path)) == total - 1
    window.undo()
    assert len(stored_plan(db_path)) == total
    # Undo to the start: nothing stored, the proposals shown again.
    while window.session.undo_stack.undoText().startswith("研修計画"):
        window.undo()
    assert stored_plan(db_path) == [] and not dialog.stored and model.rowCount() == total


def test_adding_a_line_by_hand(qtbot, window, dialog, db_path):
    add = dialog.add_line()
    add.person.setCurrentIndex(add.person.findData(SEED_STAFFER_ID))
    add.course.setCurrentIndex(add.course.findText("CYDER（実践的サイバー防御演習）"))
    add.accept()
    plan = stored_plan(db_path)
    line = next(i for i in plan if i.title.startswith("CYDER"))
    assert line.staff_id == SEED_STAFFER_ID and line.status == "accepted" and line.course_id
    # The same course twice is refused with a reason; a free title is allowed.
    again = dialog.add_line()
    again.person.setCurrentIndex(again.person.findData(SEED_STAFFER_ID))
    again.course.setCurrentIndex(again.course.findText("CYDER（実践的サイバー防御演習）"))
    again.accept()
    assert "すでにあります" in dialog.message.text() and len(stored_plan(db_path)) == len(plan)
    free = dialog.add_line()
    free.person.setCurrentIndex(free.person.findData(SEED_STAFFER_ID))
    free.course.setFocus()
    free.course.lineEdit().selectAll()
    commit_text(free.course.lineEdit(), "庁内ネットワーク勉強会")
    free.accept()
    line = next(i for i in stored_plan(db_path) if i.title == "庁内ネットワーク勉強会")
    assert line.course_id is None


def test_recording_courses_taken_in_one_step(qtbot, window, dialog, db_path):
    model = dialog.model
    mine = rows_of(dialog, SEED_STAFFER_ID)
    others = [r for r in range(model.rowCount()) if model.item(r).staff_id != SEED_STAFFER_ID][:3]
    chosen = mine + others
    people = {model.item(r).staff_id for r in chosen}
    titles = {model.item(r).staff_id: [] for r in chosen}
    for r in chosen:
        titles[model.item(r).staff_id].append(model.item(r).title)
    select_rows(dialog, chosen)
    qtbot.mouseClick(dialog.buttons["Accept"], Qt.MouseButton.LeftButton)
    before = {p["id"]: p for p in snapshot(db_path)}
    window.session.select(SEED_STAFFER_ID)
    select_rows(dialog, [])
    record = dialog.record()  # nothing selected: every 受講予定 line
    assert f"件（{len(people)}名）" in record.summary.text()
    assert record.date.text() == "2025年6月"  # this month by default
    record.date.setText("令和8年7月")
    record.accept()
    after = {p["id"]: p for p in snapshot(db_path)}
    for staff_id in people:
        added = [e for e in after[staff_id]["entries"] if e not in before[staff_id]["entries"]]
        assert sorted(e["text"] for e in added) == sorted(titles[staff_id])
        assert all(e["kind"] == "training" and e["date"] == "2026-07" for e in added)
    assert all(after[p] == before[p] for p in after if p not in people)
    plan = stored_plan(db_path)
    assert {i.status for i in plan if i.staff_id in people} == {"done"}
    # The staffer's security course is in its catalogue cell, on the sheet shown.
    grid = window.sheet_editor.grid_model
    sec = [c.name for c in window.session.categories].index("セキュリティ")
    level2 = [lv.number for lv in window.session.levels].index(2)
    assert "情報セキュリティ対策等研修" in grid.index(level2, sec).data().split("\n")
    # The gaps moved: the matrix shows the new level.
    assert (
        DepartmentStore(window.session.store).levels()[SEED_STAFFER_ID][window.session.categories[sec].id]
        == 2
    )
    # One undo step takes everything back.
    assert window.session.undo_stack.undoText() == "研修計画: 受講を記録"
    window.undo()
    assert {p["id"]: p for p in snapshot(db_path)} == before
    assert {i.status for i in stored_plan(db_path) if i.staff_id in people} == {"accepted"}
    assert "情報セキュリティ対策等研修" not in (grid.index(level2, sec).data() or "").split("\n")
    window.redo()
    assert {i.status for i in stored_plan(db_path) if i.staff_id in people} == {"done"}
    # Done lines are not recorded twice.
    select_rows(dialog, mine)
    assert dialog.record() is None and "記録する研修がありません" in dialog.message.text()


def test_printing_the_plan(window, dialog, db_path, tmp_path):
    model = dialog.model
    select_rows(dialog, list(range(model.rowCount())))
    dialog.set_status("accepted")
    pdf = dialog.write_report(tmp_path / "plan.pdf")
    assert pdf and dialog.message.text().startswith("書き出しました")
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "2026年度 研修計画" in text
    names = {model.index(r, NAME).data() for r in range(model.rowCount())}
    assert all(name in text for name in names)
    xlsx = dialog.write_report(tmp_path / "plan.xlsx")
    sheet = openpyxl.load_workbook(xlsx).worksheets[0]
    values = [c.value for row in sheet.iter_rows() for c in row]
    assert "受講予定" in values and all(name in values for name in names)
    assert dialog.write_report(tmp_path / "missing" / "plan.pdf") is None
    assert dialog.message.text()  # the reason, in one line


def test_recorded_date_must_be_readable(window, dialog, db_path):
    select_rows(dialog, rows_of(dialog, SEED_STAFFER_ID))
    dialog.set_status("accepted")
    record = dialog.record()
    record.date.setText("いつか")
    record.accept()
    QApplication.processEvents()
    assert {i.status for i in stored_plan(db_path) if i.staff_id == SEED_STAFFER_ID} == {"accepted"}
    assert dialog.message.text()
