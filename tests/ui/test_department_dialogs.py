"""The department's editors: course catalogue, target profiles, qualification expiry; how
they are reached from the 「部門」 tab and menu; each change one undo step."""

import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QComboBox, QMenu, QPushButton

from skillmatrix.demo.generated import SEED_STAFFER_ID, SEED_VETERAN_ID
from skillmatrix.domain import dates
from skillmatrix.domain.dates import PartialDate
from skillmatrix.domain.department import PlanItem
from skillmatrix.domain.model import Qualification, Staff
from skillmatrix.store.department import DepartmentStore
from skillmatrix.store.repository import Store
from skillmatrix.ui.department import catalogue, profiles
from tests.ui.support import commit_text, find, press_enter


def stored(db_path):
    with Store.open(db_path, readonly=True) as store:
        d = DepartmentStore(store)
        return d.courses(), d.profiles(), d.assigned_profiles(), d.plan(2026)


@pytest.fixture
def demo(window, monkeypatch):
    monkeypatch.setattr(dates, "today", lambda: datetime.date(2025, 6, 15))
    window.load_demo()
    window.main_tabs.setCurrentWidget(window.department)
    return window


def open_by_button(qtbot, window, name):
    button = find(window.department, QPushButton, f"department_{name}")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = window.department.open_dialogs[name]
    assert dialog.isVisible()
    return dialog


def row_named(model, name, column=0):
    return next(r for r in range(model.rowCount()) if model.index(r, column).data() == name)


def choose_in_cell(view, index, text):
    """Edits a list cell as a user does: open the editor, pick the entry."""
    view.setCurrentIndex(index)
    view.edit(index)
    combo = view.indexWidget(index)
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(combo.findText(text))
    combo.activated.emit(combo.currentIndex())
    view.commitData(combo)
    view.closeEditor(combo, view.itemDelegate().EndEditHint.NoHint)
    QApplication.processEvents()


def test_the_menu_and_the_buttons_open_one_dialog_each(qtbot, demo):
    menu = find(demo, QMenu, "menuDepartment")
    titles = [a.text() for a in demo.menuBar().actions()]
    assert titles.index("部門(&D)") == titles.index("ヘルプ(&H)") - 1
    names = [a.objectName() for a in menu.actions() if a.objectName()]
    assert names == [
        "actionShowDepartment",
        "actionDepartmentPlan",
        "actionDepartmentProfiles",
        "actionDepartmentCatalogue",
        "actionDepartmentExpiry",
    ]
    demo.main_tabs.setCurrentIndex(0)
    menu.actions()[0].trigger()
    assert demo.main_tabs.currentWidget() is demo.department
    first = open_by_button(qtbot, demo, "catalogue")
    menu.actions()[4].trigger()  # the catalogue again: the same dialog, raised
    assert demo.department.open_dialogs["catalogue"] is first
    first.close()
    QApplication.processEvents()
    menu.actions()[2].trigger()
    assert demo.department.open_dialogs["plan"].objectName() == "planDialog"
    demo.department.open_dialogs["plan"].close()


def test_catalogue(qtbot, qtmodeltester, demo, db_path):
    dialog = open_by_button(qtbot, demo, "catalogue")
    model, view = dialog.model, dialog.view
    qtmodeltester.check(model)
    qtmodeltester.check(dialog.takers)
    # 研修受講履歴: who took the selected course, and a double click opens the sheet.
    row = row_named(model, "CIO育成研修(運用管理)")
    view.selectRow(row)
    assert dialog.takers.rowCount() >= 1
    assert dialog.taker_title.text().startswith("「CIO育成研修(運用管理)」の受講者")
    taker = dialog.takers.index(0, 0)
    staff_id = taker.data(Qt.ItemDataRole.UserRole)
    dialog.taker_view.doubleClicked.emit(taker)
    assert demo.session.current.id == staff_id and demo.main_tabs.currentIndex() == 0
    # Rename in place, change the level through its list; each one step.
    assert model.setData(model.index(row, catalogue.NAME), "CIO育成研修（運用管理）")
    assert any(c.name == "CIO育成研修（運用管理）" for c in stored(db_path)[0])
    choose_in_cell(view, model.index(row, catalogue.LEVEL), "レベル3")
    course = next(c for c in stored(db_path)[0] if c.name == "CIO育成研修（運用管理）")
    assert course.level == 3
    choose_in_cell(view, model.index(row, catalogue.CATEGORY), "（なし）")
    assert next(c for c in stored(db_path)[0] if c.id == course.id).category_id is None
    demo.undo()
    demo.undo()
    demo.undo()
    assert any(c.name == "CIO育成研修(運用管理)" and c.level == 2 for c in stored(db_path)[0])
    # Add: 「新しい研修」 at the end, its name being edited.
    before = len(stored(db_path)[0])
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    editor = QApplication.focusWidget()
    commit_text(editor, "RPA導入研修")
    press_enter(qtbot, editor)
    courses = stored(db_path)[0]
    assert len(courses) == before + 1 and courses[-1].name == "RPA導入研修"
    # Delete a course named by a plan line; undo links the line again.
    target = courses[0]
    DepartmentStore(demo.session.store).save_plan(
        2026, [PlanItem(staff_id=SEED_STAFFER_ID, title=target.name, course_id=target.id)]
    )
    view.selectRow(row_named(model, target.name))
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    courses, _, _, plan = stored(db_path)
    assert target.id not in {c.id for c in courses} and plan[0].course_id is None
    demo.undo()
    courses, _, _, plan = stored(db_path)
    assert target.id in {c.id for c in courses} and plan[0].course_id == target.id
    dialog.close()


def test_profiles(qtbot, qtmodeltester, demo, db_path):
    find(demo, QAction, "actionDepartmentProfiles").trigger()
    dialog = demo.department.open_dialogs["profiles"]
    model, view = dialog.model, dialog.view
    qtmodeltester.check(model)
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == ["担当", "主担当", "総括"]
    assert sum(int(model.index(r, model.required_column + 1).data()) for r in range(3)) == 50
    security = next(
        c
        for c in range(model.columnCount())
        if model.headerData(c, Qt.Orientation.Horizontal) == "セキュリティ"
    )
    # The staffer's target (担当) in セキュリティ: 2 -> 1; the gap view follows.
    choose_in_cell(view, model.index(0, security), "レベル1")
    tanto = stored(db_path)[1][0]
    assert tanto.targets[demo.session.categories[security - 2].id] == 1
    gaps = demo.department.model
    demo.department.mode_combo.setCurrentIndex(1)
    col = next(
        c
        for c in range(gaps.columnCount())
        if gaps.headerData(c, Qt.Orientation.Horizontal) == "セキュリティ"
    )
    assert gaps.index(gaps.row_of(SEED_STAFFER_ID), col).data() == "1／1"
    choose_in_cell(view, model.index(0, security), "目標なし")
    assert demo.session.categories[security - 2].id not in stored(db_path)[1][0].targets
    assert gaps.index(gaps.row_of(SEED_STAFFER_ID), col).data() == "1"
    # A name taken already is refused with the reason.
    assert not model.setData(model.index(0, profiles.NAME), "総括")
    assert "すでにあります" in dialog.message.text()
    assert model.setData(model.index(0, profiles.TITLES), "主事、主事補, 技師")
    assert stored(db_path)[1][0].titles == ["主事", "主事補", "技師"]
    # A new profile, with required statements ticked.
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert stored(db_path)[1][-1].name == "新しい人材像"
    required = dialog.edit_required()
    for i in (0, 2):
        required.list.item(i).setCheckState(Qt.CheckState.Checked)
    required.accept()
    new = stored(db_path)[1][-1]
    assert len(new.can_do) == 2
    assert model.index(3, model.required_column).data() == "2件"
    # Give the veteran the new profile, then delete it: undo gives it back to them.
    panel = demo.sheet_editor.can_do_panel
    demo.session.select(SEED_VETERAN_ID)
    combo = panel.profile_combo
    combo.setCurrentIndex(combo.findText("新しい人材像"))
    combo.activated.emit(combo.currentIndex())
    assert stored(db_path)[2] == {SEED_VETERAN_ID: new.id}
    view.selectRow(3)
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    assert stored(db_path)[2] == {} and len(stored(db_path)[1]) == 3
    assert panel.model.profile.name == "総括"  # back to the default by 職名
    demo.undo()
    assert stored(db_path)[2] == {SEED_VETERAN_ID: new.id}
    assert len(stored(db_path)[1][-1].can_do) == 2
    dialog.close()


def test_expiry(qtbot, qtmodeltester, window, monkeypatch):
    monkeypatch.setattr(dates, "today", lambda: datetime.date(2025, 6, 15))
    people = [
        ("期限 切れ子", PartialDate(2025, 5)),
        ("まもなく 太郎", PartialDate(2025, 7, 20)),
        ("まだ 先子", PartialDate(2026, 3)),
        ("無期限 さん", None),
    ]
    for name, expires in people:
        window.session.add_staff(
            Staff(
                name=name,
                qualifications=[Qualification("情報処理安全確保支援士", PartialDate(2020, 4), expires)],
            )
        )
    window.main_tabs.setCurrentWidget(window.department)
    dialog = open_by_button(qtbot, window, "expiry")
    model = dialog.model
    qtmodeltester.check(model)
    rows = [[model.index(r, c).data() for c in range(4)] for r in range(model.rowCount())]
    assert rows == [
        ["期限 切れ子", "情報処理安全確保支援士", "2025年5月", "期限切れ（15日経過）"],
        ["まもなく 太郎", "情報処理安全確保支援士", "2025年7月20日", "あと35日"],
    ]
    assert dialog.count.text() == "2件（期限切れ 1件）"
    assert model.index(0, 3).data(Qt.ItemDataRole.BackgroundRole) != model.index(1, 3).data(
        Qt.ItemDataRole.BackgroundRole
    )
    dialog.days.setValue(365)
    assert model.rowCount() == 3
    # A renewed qualification leaves the list when the sheet is saved.
    sheet = next(s for s in window.session.store.iter_staff() if s.name == "期限 切れ子")
    sheet.qualifications[0].expires = PartialDate(2030, 5)
    window.session.save_sheet(sheet, "更新")
    qtbot.waitUntil(lambda: model.rowCount() == 2)  # reloaded once the step is done
    index = model.index(0, 0)
    dialog.view.doubleClicked.emit(index)
    assert window.session.current.name == "まもなく 太郎" and window.main_tabs.currentIndex() == 0
    dialog.close()
