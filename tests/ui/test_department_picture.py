"""Issue 18 in the window: the radar panel, the 時点 (as-of) choices and the 異動 what-if."""

import dataclasses
import math
import sqlite3

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QListView, QMessageBox, QPushButton, QTableView, QWidget

from skillmatrix.demo.generated import SEED_STAFFER_ID, SEED_VETERAN_ID, generated_staff, seed_staff
from skillmatrix.domain.model import Entry
from skillmatrix.store.department import DepartmentStore
from skillmatrix.store.history import HistoryStore
from skillmatrix.store.repository import Store
from tests.ui.support import commit_text, find

VETERAN = (None, 6, 5, 1, 6, 5, 6, 6)  # 行政職員一般 … ストラテジ
OLD = "2020-05-01T00:00:00.000+00:00"


@pytest.fixture
def history_db(db_path):
    """The seed and 20 generated people saved in 2020年度; since then the veteran reached
    セキュリティ 7 and the staffer left."""
    with Store.create(db_path) as s:
        s.add_many(seed_staff(s.categories()) + generated_staff(20, s.categories()), "demo")
    conn = sqlite3.connect(db_path)
    with conn:
        conn.execute("UPDATE staff_revision SET created = ?", [OLD])
    conn.close()
    with Store.open(db_path) as s:
        sec = next(c.id for c in s.categories() if c.name == "セキュリティ")
        vet = s.get_staff(SEED_VETERAN_ID)
        vet.entries.append(Entry(level=7, category_id=sec, text="CISO補佐官"))
        s.save_staff(vet)
        s.delete_staff(SEED_STAFFER_ID)
    return db_path


@pytest.fixture
def win(qtbot, history_db):
    from skillmatrix.app import create_window

    w = create_window(history_db)
    qtbot.addWidget(w)
    w.resize(1400, 900)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.close()


def choose(qtbot, combo: QComboBox, text: str) -> None:
    """Picks an item the keyboard way: focus, Home, then Down until it is current."""
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    for _ in range(combo.count()):
        if combo.currentText().startswith(text):
            return
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentText().startswith(text)


def test_radar_panel_shows_the_veterans_levels_in_order(qtbot, win):
    win.session.select(SEED_VETERAN_ID)
    chart = find(win, QWidget, "radarChart")
    sec7 = (None, 6, 5, 1, 6, 5, 7, 6)
    assert chart.chart.labels == tuple(c.name for c in win.session.store.categories())
    assert chart.chart.values == sec7
    # 参事 → the 総括 profile: its targets drawn dashed.
    profile = next(p for p in DepartmentStore(win.session.store).profiles() if "参事" in p.titles)
    assert chart.chart.targets == tuple(profile.targets.get(c.id) for c in win.session.store.categories())
    points = chart.polygon_points()
    cx, cy = points[0]  # 行政職員一般 has no entry: the centre
    top = chart.polygon_points("targets")[0]
    radius = (cy - top[1]) / profile.targets[win.session.store.categories()[0].id] * 7
    for i, (x, y) in enumerate(points[1:], 1):
        assert math.hypot(x - cx, y - cy) / radius * 7 == pytest.approx(sec7[i], abs=0.01)
        assert math.degrees(math.atan2(cy - y, x - cx)) % 360 == pytest.approx((90 - 45 * i) % 360, abs=0.01)
    assert "セキュリティ 7（目標4）" in chart.accessibleDescription()


def test_sheet_as_of_draws_the_past_and_opens_it(qtbot, win):
    win.session.select(SEED_VETERAN_ID)
    combo = find(win, QComboBox, "sheetAsOf")
    choose(qtbot, combo, "2021年4月1日")
    chart = find(win, QWidget, "radarChart")
    assert chart.past is not None and chart.past.values == VETERAN
    assert chart.chart.values[6] == 7
    button = find(win, QPushButton, "sheetAsOfButton")
    assert button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = find(win, QWidget, "asOfSheetDialog")
    grid = dialog.findChild(QTableView, "asOfGrid")
    texts = [grid.model().index(r, c).data() or "" for r in range(8) for c in range(8)]
    assert not any("CISO補佐官" in t for t in texts) and any("LASDEC" in t for t in texts)
    assert dialog.findChild(QWidget, "asOfRadar").chart.values == VETERAN
    dialog.close()


def test_department_as_of_matches_the_revisions(qtbot, win):
    win.main_tabs.setCurrentIndex(1)
    panel = find(win, QWidget, "departmentPanel")
    combo = find(win, QComboBox, "departmentAsOf")
    assert combo.itemText(0) == "現在" and combo.findText("2021年4月1日") > 0
    now_ids = set(panel.model.shown_ids())
    assert SEED_STAFFER_ID not in now_ids
    choose(qtbot, combo, "2021年4月1日")
    snap = panel.model.snapshot
    assert SEED_STAFFER_ID in panel.model.shown_ids()
    expected = HistoryStore(win.session.store).snapshot_at("2021-04-01T00:00:00.000+09:00")
    assert snap.levels == expected.levels
    sec = next(c.id for c in snap.categories if c.name == "セキュリティ")
    row, col = (
        panel.model.row_of(SEED_VETERAN_ID),
        snap.category_ids.index(sec) + panel.model.first_category_column(),
    )
    assert panel.model.index(row, col).data() in (6, "6")
    choose(qtbot, combo, "現在")
    assert panel.model.index(panel.model.row_of(SEED_VETERAN_ID), col).data() in (7, "7")


def test_what_if_ticking_the_veteran_and_saving_by_name(qtbot, win):
    win.main_tabs.setCurrentIndex(1)
    picture = find(win, QWidget, "departmentPicture")
    picture.setCurrentIndex(2)
    people = find(win, QListView, "whatIfPeople")
    table = find(win, QTableView, "whatIfTable").model()
    before = {table.index(r, 0).data(): table.index(r, 2).data() for r in range(table.rowCount())}
    commit_text(find(win, QLineEdit, "whatIfSearch"), "湘南")
    assert people.model().rowCount() == 1
    people.setFocus()
    people.setCurrentIndex(people.model().index(0, 0))
    qtbot.keyClick(people, Qt.Key.Key_Space)  # ticks the check box
    rows = {
        table.index(r, 0).data(): [table.index(r, c).data() for c in range(7)]
        for r in range(table.rowCount())
    }
    sec = rows["セキュリティ"]
    assert sec[2] == before["セキュリティ"] and sec[3] == sec[2] - 1 and "湘南 太郎" in sec[6]
    assert rows["行政職員一般"][3] == rows["行政職員一般"][2]  # no entry there: nothing lost
    # A chief's minimum above what remains flags 属人化.
    table.setData(table.index(list(rows).index("セキュリティ"), 4), sec[3] + 1)
    r = list(rows).index("セキュリティ")
    assert table.index(r, 5).data() == "属人化"
    summary = find(win, QWidget, "whatIfSummary").text()
    assert "転出 1名" in summary and "セキュリティ" in summary
    # A placeholder arrival counts in the headcount, not in coverage.
    commit_text(find(win, QLineEdit, "whatIfPlaceholderTitle"), "主事")
    qtbot.mouseClick(find(win, QPushButton, "whatIfAddPlaceholder"), Qt.MouseButton.LeftButton)
    assert "着任 1名" in find(win, QWidget, "whatIfSummary").text()
    assert table.index(r, 3).data() == sec[3]
    # Nothing stored until saved by name.
    assert HistoryStore(win.session.store).scenarios() == {}
    commit_text(find(win, QLineEdit, "whatIfName"), "2027年4月案")
    qtbot.mouseClick(find(win, QPushButton, "whatIfSave"), Qt.MouseButton.LeftButton)
    saved = HistoryStore(win.session.store).scenarios()["2027年4月案"]
    assert saved.leaving == (SEED_VETERAN_ID,) and saved.arriving[0].title == "主事"
    qtbot.mouseClick(find(win, QPushButton, "whatIfClear"), Qt.MouseButton.LeftButton)
    assert table.index(r, 3).data() == before["セキュリティ"]
    qtbot.mouseClick(find(win, QPushButton, "whatIfLoad"), Qt.MouseButton.LeftButton)
    assert table.index(r, 3).data() == before["セキュリティ"] - 1
    assert not [m for m in win.findChildren(QMessageBox) if m.isVisible()]  # no error shown


def test_the_windows_print_gives_the_chart_its_targets(qtbot, win, tmp_path):
    import pdfplumber

    from skillmatrix.report.resume import build_resume

    win.session.select(SEED_VETERAN_ID)
    job = win.printing._job()
    profile = next(p for p in DepartmentStore(win.session.store).profiles() if "参事" in p.titles)
    assert job.options.targets[SEED_VETERAN_ID] == profile.targets
    assert "chart" not in job.options.sections  # optional: off unless chosen
    options = dataclasses.replace(job.options, sections=frozenset({"chart"}))
    out = tmp_path / "chart.pdf"
    build_resume(job.staff, job.levels, job.categories, out, options)
    with pdfplumber.open(out) as pdf:
        dashed = [c for c in pdf.pages[0].curves if c.get("dash") and c["dash"][0]]
    assert dashed  # the target polygon is drawn
