"""Search by level in the staff filter, against the department's matrix of the same file."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QTableView

from skillmatrix.demo.generated import generated_staff, seed_staff
from skillmatrix.domain.model import Entry
from skillmatrix.store.department import DepartmentStore
from skillmatrix.store.repository import Store
from tests.ui.support import commit_text, find


@pytest.fixture
def demo_window(qtbot, db_path):
    from skillmatrix.app import create_window

    with Store.create(db_path) as store:
        store.add_many(seed_staff(store.categories()) + generated_staff(60, store.categories()), "demo")
    win = create_window(db_path)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()


def shown_ids(window) -> list[str]:
    model = find(window, QTableView, "staffList").model()
    return [model.index(r, 0).data(Qt.ItemDataRole.UserRole) for r in range(model.rowCount())]


def expected(window, rule) -> list[str]:
    store = window.session.store
    cats = {c.name: c.id for c in store.categories()}
    levels = DepartmentStore(store).levels()
    return [s for s in store.staff_ids() if rule(levels.get(s, {}), cats)]


def test_level_conditions_match_the_matrix(qtbot, demo_window):
    window = demo_window
    box = find(window, QLineEdit, "staffFilter")
    assert "セキュリティ>=4" in box.toolTip() and "すべてを満たす" in box.toolTip()
    window.activateWindow()
    box.setFocus()
    # The levels are read when the box gets the focus, not on the keystroke after.
    level_filter = window.staff_panel.level_filter
    qtbot.waitUntil(lambda: level_filter._levels is not None, timeout=5000)
    commit_text(box, "セキュリティ")  # Japanese comes through the input method,
    qtbot.keyClicks(box, ">=4")  # the operator and the level as keystrokes
    want = expected(window, lambda lv, c: lv.get(c["セキュリティ"], -1) >= 4)
    assert 0 < len(want) < 62 and shown_ids(window) == want
    box.clear()
    commit_text(box, "セキュリティ：４＋")  # full-width, the colon form
    assert shown_ids(window) == want
    box.clear()
    commit_text(box, "ﾈｯﾄﾜｰｸ=3 ＩＴスキル:2+")
    want = expected(
        window, lambda lv, c: lv.get(c["ネットワーク"]) == 3 and lv.get(c["ITスキル一般"], -1) >= 2
    )
    assert shown_ids(window) == want and want


def test_conditions_and_words_combine(qtbot, demo_window):
    window = demo_window
    box = find(window, QLineEdit, "staffFilter")
    commit_text(box, "湘南 セキュリティ>=6")
    assert len(shown_ids(window)) == 1
    box.clear()
    commit_text(box, "湘南 セキュリティ=0")
    assert shown_ids(window) == []
    box.clear()
    # Half-typed: the words still filter, and the tooltip says what is wrong.
    commit_text(box, "湘南 セキュリティ>=9")
    assert len(shown_ids(window)) == 1 and "レベル9はありません" in box.toolTip()


def test_a_save_updates_the_levels_searched(qtbot, demo_window):
    window = demo_window
    store = window.session.store
    box = find(window, QLineEdit, "staffFilter")
    commit_text(box, "地域情報化=7")
    before = shown_ids(window)
    target = next(s for s in store.staff_ids() if s not in before)
    sheet = store.get_staff(target)
    cat = next(c.id for c in store.categories() if c.name == "地域情報化")
    sheet.entries.append(Entry(7, cat, "地域情報化アドバイザー"))
    assert window.session.save_sheet(sheet, "実績を追加")  # the undoable save the grid makes
    box.clear()
    commit_text(box, "地域情報化=7")
    assert target in shown_ids(window)
