"""The 「できること」 tab: ticks with dates, profile assignment, adding and removing
statements, each one undo step; the gap view counts what is missing."""

import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from skillmatrix.domain import dates
from skillmatrix.domain.dates import PartialDate
from skillmatrix.domain.model import Staff
from skillmatrix.store.department import DepartmentStore
from skillmatrix.store.repository import Store
from skillmatrix.ui.department.can_do_model import DATE, REQUIRED, TEXT
from tests.ui.support import commit_text, find, go_to, replace_field


@pytest.fixture
def panel(window, monkeypatch):
    monkeypatch.setattr(dates, "today", lambda: datetime.date(2025, 6, 15))
    assert window.session.add_staff(Staff(name="藤沢 花子", title="主任"))  # 主担当 by 職名
    window.sheet_editor.findChild(type(window.main_tabs), "sheetTabs").setCurrentIndex(1)
    return window.sheet_editor.can_do_panel


def stored(db_path):
    """Returns (ticks of everyone, hand-given profiles, statement texts) read by a second
    connection."""
    with Store.open(db_path, readonly=True) as store:
        d = DepartmentStore(store)
        return d.ticks(), d.assigned_profiles(), [s.text for s in d.can_do()]


def row_of(model, text):
    return next(r for r in range(model.rowCount()) if model.index(r, TEXT).data() == text)


POLICY = "セキュリティポリシーを策定できる"  # required by 総括 only
EDUCATION = "原課のセキュリティ教育を実施できる"  # required by 主担当 and 総括


def test_model(qtmodeltester, panel):
    model = panel.model
    qtmodeltester.check(model)
    assert model.rowCount() == 7 and model.profile.name == "主担当"
    assert len(model.required()) == 4 and model.missing() == model.required()
    assert model.index(row_of(model, EDUCATION), REQUIRED).data() == "必須"
    assert model.index(row_of(model, POLICY), REQUIRED).data() == ""
    assert panel.summary.text() == "人材像「主担当」が求めるできること 4件中 0件確認（未達 4件）"


def test_ticking_with_a_date_is_undoable(qtbot, window, panel, db_path):
    model, view = panel.model, panel.view
    staff_id = window.session.current.id
    row = row_of(model, EDUCATION)
    view.setFocus()
    go_to(view, row, TEXT)
    qtbot.keyClick(view, Qt.Key.Key_Space)  # the tick box of the current row
    ticks, _, _ = stored(db_path)
    statement = model.statement(row).id
    assert ticks == {staff_id: {statement: PartialDate(2025, 6)}}
    assert model.index(row, DATE).data() == "2025年6月"
    assert panel.summary.text().endswith("4件中 1件確認（未達 3件）")
    tabs = window.sheet_editor.findChild(type(window.main_tabs), "sheetTabs")
    assert tabs.tabText(1) == "できること（1/4）"
    # The date is corrected in place; a wrong one is refused with a reason.
    assert model.setData(model.index(row, DATE), "令和7年4月")
    assert stored(db_path)[0][staff_id][statement] == PartialDate(2025, 4)
    problems = []
    window.session.problem.connect(problems.append)
    assert not model.setData(model.index(row, DATE), "あした")
    assert problems and stored(db_path)[0][staff_id][statement] == PartialDate(2025, 4)
    # The gap view counts the statements still missing.
    department = window.department
    window.main_tabs.setCurrentWidget(department)
    department.mode_combo.setCurrentIndex(1)
    missing_col = department.model.columnCount() - 1
    row_in_matrix = department.model.row_of(staff_id)
    assert department.model.index(row_in_matrix, missing_col).data() == "3"
    # Undo: the date back, then the tick gone; the gap view follows.
    assert window.session.undo_stack.undoText() == "できることの確認日"
    window.undo()
    assert stored(db_path)[0][staff_id][statement] == PartialDate(2025, 6)
    window.undo()
    assert stored(db_path)[0] == {}
    assert department.model.index(row_in_matrix, missing_col).data() == "4"
    window.redo()
    assert stored(db_path)[0][staff_id][statement] == PartialDate(2025, 6)
    assert model.index(row, TEXT).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked.value


def test_giving_the_person_another_profile(window, panel, db_path):
    combo = panel.profile_combo
    assert combo.itemText(0) == "職名から（主担当）"
    combo.setCurrentIndex(combo.findText("総括"))
    combo.activated.emit(combo.currentIndex())
    staff_id = window.session.current.id
    _, assigned, _ = stored(db_path)
    profiles = {p.name: p.id for p in DepartmentStore(window.session.store).profiles()}
    assert assigned == {staff_id: profiles["総括"]}
    assert panel.model.profile.name == "総括" and len(panel.model.required()) == 7
    assert panel.model.index(row_of(panel.model, POLICY), REQUIRED).data() == "必須"
    window.undo()
    assert stored(db_path)[1] == {}
    assert panel.model.profile.name == "主担当" and panel.profile_combo.currentIndex() == 0


def test_adding_and_removing_a_statement(qtbot, window, panel, db_path):
    dialog = panel.add_statement()
    assert dialog.category.currentText() == "セキュリティ" and dialog.level.currentData() == 3
    assert not dialog.ok_button.isEnabled()
    dialog.category.setCurrentIndex(dialog.category.findText("ネットワーク"))
    dialog.level.setCurrentIndex(dialog.level.findData(2))
    dialog.text.setFocus()
    commit_text(dialog.text, "庁内LANの障害を切り分けられる")
    assert dialog.ok_button.isEnabled()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    QApplication.processEvents()
    texts = stored(db_path)[2]
    assert "庁内LANの障害を切り分けられる" in texts and len(texts) == 8
    model = panel.model
    row = row_of(model, "庁内LANの障害を切り分けられる")
    assert model.index(row, 1).data() == "ネットワーク" and model.index(row, 2).data() == "レベル2"
    assert panel.category_combo.findText("ネットワーク") > 0
    # Only this category.
    panel.category_combo.setCurrentIndex(panel.category_combo.findText("ネットワーク"))
    panel.category_combo.activated.emit(panel.category_combo.currentIndex())
    assert model.rowCount() == 1
    window.undo()
    assert len(stored(db_path)[2]) == 7 and model.rowCount() == 7  # filter falls back to all
    # Removing a ticked statement; undo brings back the tick.
    staff_id = window.session.current.id
    row = row_of(model, EDUCATION)
    assert model.setData(model.index(row, TEXT), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    go_to(panel.view, row, TEXT)
    qtbot.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)
    ticks, _, texts = stored(db_path)
    assert EDUCATION not in texts and ticks == {}
    assert len(model.required()) == 3
    window.undo()
    ticks, _, texts = stored(db_path)
    assert EDUCATION in texts and list(ticks[staff_id].values()) == [PartialDate(2025, 6)]
    assert len(model.required()) == 4  # the profile requires it again


def test_rewording_a_statement(window, panel, db_path):
    model = panel.model
    row = row_of(model, POLICY)
    assert model.setData(model.index(row, TEXT), "情報セキュリティポリシーを策定できる")
    assert "情報セキュリティポリシーを策定できる" in stored(db_path)[2]
    window.undo()
    assert POLICY in stored(db_path)[2]


def test_nobody_shown(qtbot, db_path):
    from skillmatrix.app import create_window

    with Store.create(db_path):
        pass
    win = create_window(db_path)
    qtbot.addWidget(win)
    panel = win.sheet_editor.can_do_panel
    assert panel.model.rowCount() == 7 and not panel.profile_combo.isEnabled()
    flags = panel.model.flags(panel.model.index(0, TEXT))
    assert not flags & Qt.ItemFlag.ItemIsUserCheckable
    win.close()


def test_read_only_file_offers_no_edits(qtbot, db_path):
    from skillmatrix.app import create_window
    from skillmatrix.demo.generated import seed_staff

    with Store.create(db_path) as store:
        store.add_many(seed_staff(store.categories()), "demo")
    win = create_window(db_path, readonly=True)
    qtbot.addWidget(win)
    win.show()
    panel = win.sheet_editor.can_do_panel
    assert win.session.current is not None
    flags = panel.model.flags(panel.model.index(0, TEXT))
    assert not flags & (Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEditable)
    assert not panel.add_button.isEnabled() and not panel.profile_combo.isEnabled()
    plan = win.department.open_dialog("plan")
    assert not any(b.isEnabled() for n, b in plan.buttons.items() if n not in ("Pdf", "Xlsx"))
    plan.close()
    win.close()


def test_a_new_title_brings_its_default_profile(qtbot, window, panel):
    field = find(window, QWidget, "titleEdit")
    edit = field.lineEdit() if hasattr(field, "lineEdit") and field.lineEdit() else field
    replace_field(qtbot, edit, "参事")
    assert window.session.current.title == "参事"
    assert panel.model.profile.name == "総括" and panel.profile_combo.itemText(0) == "職名から（総括）"
