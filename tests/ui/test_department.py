"""The 「部門」 tab: matrix and gap models, filters, sorting in the model, opening a sheet."""

from PySide6.QtCore import Qt

from skillmatrix.demo.generated import SEED_STAFFER_ID, SEED_VETERAN_ID, generated_staff, seed_staff
from skillmatrix.store.department import DepartmentStore
from skillmatrix.store.repository import Store
from skillmatrix.ui.department.counts_model import CountsModel
from skillmatrix.ui.department.matrix_model import MODE_GAPS, STAFF_ID_ROLE, MatrixModel


def snapshot(tmp_path, kinds=None):
    store = Store.create(tmp_path / "m.sqlite")
    store.add_many(seed_staff(store.categories()) + generated_staff(30, store.categories()), "demo")
    snap = DepartmentStore(store).snapshot(kinds)
    store.close()
    return snap


def cell(model, staff_id, header):
    row = model.row_of(staff_id)
    col = next(
        c for c in range(model.columnCount()) if model.headerData(c, Qt.Orientation.Horizontal) == header
    )
    return model.index(row, col)


def test_matrix_model_levels_and_colours(qtmodeltester, tmp_path):
    model = MatrixModel()
    model.set_snapshot(snapshot(tmp_path))
    qtmodeltester.check(model)
    assert model.rowCount() == 32 and model.columnCount() == 3 + 8
    sec = cell(model, SEED_VETERAN_ID, "セキュリティ")
    assert sec.data() == "6" and sec.data(Qt.ItemDataRole.BackgroundRole) is not None
    assert sec.data(Qt.ItemDataRole.ForegroundRole) is not None  # white on a dark blue
    empty = cell(model, SEED_VETERAN_ID, "行政職員一般")
    assert empty.data() == "" and empty.data(Qt.ItemDataRole.BackgroundRole) is None
    assert cell(model, SEED_STAFFER_ID, "セキュリティ").data() == "1"
    assert model.index(0, 0).data(STAFF_ID_ROLE) == SEED_STAFFER_ID


def test_gap_mode(qtmodeltester, tmp_path):
    model = MatrixModel()
    model.set_snapshot(snapshot(tmp_path))
    model.set_mode(MODE_GAPS)
    qtmodeltester.check(model)
    assert model.columnCount() == 4 + 8 + 2
    assert cell(model, SEED_STAFFER_ID, "人材像").data() == "担当"
    assert cell(model, SEED_STAFFER_ID, "セキュリティ").data() == "1／2"
    assert cell(model, SEED_STAFFER_ID, "基幹系システム").data() == "－／1"
    yellow = cell(model, SEED_STAFFER_ID, "セキュリティ").data(Qt.ItemDataRole.BackgroundRole)
    red = cell(model, SEED_STAFFER_ID, "基幹系システム").data(Qt.ItemDataRole.BackgroundRole)
    green = cell(model, SEED_STAFFER_ID, "行政職員一般").data(Qt.ItemDataRole.BackgroundRole)
    assert len({yellow.color().name(), red.color().name(), green.color().name()}) == 3
    assert cell(model, SEED_VETERAN_ID, "未達のできること").data() == "7"


def test_sorting_and_filtering_in_the_model(tmp_path):
    model = MatrixModel()
    snap = snapshot(tmp_path)
    model.set_snapshot(snap)
    col = next(c for c in range(model.columnCount()) if model.category_of(c) == snap.categories[6].id)
    model.sort(col, Qt.SortOrder.DescendingOrder)
    values = [int(model.index(r, col).data() or -1) for r in range(model.rowCount())]
    assert values == sorted(values, reverse=True)
    model.sort(0, Qt.SortOrder.AscendingOrder)  # by ふりがな
    kana = [
        snap.people[[p.id for p in snap.people].index(model.staff_id(r))].kana
        for r in range(model.rowCount())
    ]
    assert kana == sorted(kana)
    model.set_filter(section="IT推進課")
    assert model.rowCount() and all(model.index(r, 2).data() == "IT推進課" for r in range(model.rowCount()))
    kana = [model.index(r, 0).data(Qt.ItemDataRole.UserRole + 2) for r in range(model.rowCount())]
    assert kana == sorted(kana)  # the sort holds through a filter
    model.set_filter(section="IT推進課", title="参事")
    assert SEED_VETERAN_ID in model.shown_ids()
    assert all(model.index(r, 1).data() == "参事" for r in range(model.rowCount()))


def test_counts_model(qtmodeltester, tmp_path):
    snap = snapshot(tmp_path)
    counts = CountsModel()
    counts.set_people(snap, [p.id for p in snap.people])
    qtmodeltester.check(counts)
    sec = [c.name for c in snap.categories].index("セキュリティ")
    none, per_level, below = counts.counts(sec)
    assert none + sum(per_level) == 32 and below > 0
    counts.set_people(snap, [SEED_VETERAN_ID])
    assert counts.counts(sec) == (0, [0, 0, 0, 0, 0, 0, 1, 0], 0)


def test_training_only_levels(tmp_path):
    model = MatrixModel()
    model.set_snapshot(snapshot(tmp_path, ["training"]))
    assert cell(model, SEED_VETERAN_ID, "セキュリティ").data() == "0"


def test_department_tab_in_the_window(window, qtbot, tmp_path):
    window.load_demo()
    panel = window.department
    window.main_tabs.setCurrentWidget(panel)
    qtbot.waitUntil(lambda: panel.model.rowCount() == 50)
    assert panel.count_label.text() == "50名／50名"
    # Filter by 職名 through the combo box.
    panel.title_combo.setCurrentIndex(panel.title_combo.findData("参事"))
    assert 0 < panel.model.rowCount() < 50
    assert panel.count_label.text().startswith(f"{panel.model.rowCount()}名")
    panel.title_combo.setCurrentIndex(0)
    # Untick every kind but 研修: the veteran's セキュリティ drops to 0.
    for kind in ("work", "role", "other"):
        panel.kind_boxes[kind].setChecked(False)
    assert cell(panel.model, SEED_VETERAN_ID, "セキュリティ").data() == "0"
    panel.kind_boxes["role"].setChecked(True)
    assert cell(panel.model, SEED_VETERAN_ID, "セキュリティ").data() == "6"
    # Sorting through the header, then a double click opens the person's sheet.
    panel.view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    index = cell(panel.model, SEED_VETERAN_ID, "氏名")
    panel.view.scrollTo(index)
    other = cell(panel.model, SEED_VETERAN_ID, "セキュリティ")
    qtbot.mouseClick(
        panel.view.viewport(), Qt.MouseButton.LeftButton, pos=panel.view.visualRect(other).center()
    )
    assert window.main_tabs.currentIndex() == 1  # a click on a level only selects
    qtbot.mouseClick(
        panel.view.viewport(), Qt.MouseButton.LeftButton, pos=panel.view.visualRect(index).center()
    )
    assert window.session.current.id == SEED_VETERAN_ID
    assert window.main_tabs.currentIndex() == 0
    window.main_tabs.setCurrentWidget(panel)
    window.session.select(SEED_STAFFER_ID)
    qtbot.mouseClick(
        panel.view.viewport(), Qt.MouseButton.LeftButton, pos=panel.view.visualRect(other).center()
    )
    qtbot.mouseDClick(
        panel.view.viewport(), Qt.MouseButton.LeftButton, pos=panel.view.visualRect(other).center()
    )
    assert window.session.current.id == SEED_VETERAN_ID and window.main_tabs.currentIndex() == 0
    # An edit in the editor shows in the tab when it is next shown.
    sheet = window.session.current.copy()
    sheet.entries = [e for e in sheet.entries if e.category_id != window.session.categories[6].id]
    window.session.save_sheet(sheet, "test")
    window.main_tabs.setCurrentWidget(panel)
    assert cell(panel.model, SEED_VETERAN_ID, "セキュリティ").data() == ""


def test_report_from_the_tab(window, tmp_path):
    window.load_demo()
    out = window.department.write_report("gaps", tmp_path / "g.xlsx")
    assert out and out.stat().st_size > 0
