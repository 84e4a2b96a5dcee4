"""The window's models: Qt's model tester on each, and the skill grid's contract of gui.md."""

import pytest
from PySide6.QtCore import QMimeData, Qt

from skillmatrix.demo.generated import generated_staff, seed_staff
from skillmatrix.domain.dates import PartialDate
from skillmatrix.domain.model import Entry
from skillmatrix.store.repository import Store
from tests.ui.support import snapshot


@pytest.fixture
def demo_db(db_path):
    with Store.create(db_path) as store:
        categories = store.categories()
        store.add_many(seed_staff(categories) + generated_staff(8, categories), "demo", "test")
    return db_path


@pytest.fixture
def demo_window(qtbot, demo_db):
    from skillmatrix.app import create_window

    win = create_window(demo_db)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()


def test_model_tester_passes_on_every_model(qtmodeltester, demo_window):
    editor = demo_window.sheet_editor
    assert demo_window.session.current is not None
    qtmodeltester.check(editor.grid_model, force_py=True)
    for model in editor.history_models.values():
        qtmodeltester.check(model, force_py=True)
    staff = demo_window.staff_panel.model
    qtmodeltester.check(staff, force_py=True)
    staff.set_filter("研修")
    qtmodeltester.check(staff, force_py=True)


def test_model_tester_passes_with_nobody_shown(qtmodeltester, window):
    editor = window.sheet_editor
    qtmodeltester.check(editor.grid_model, force_py=True)
    for model in editor.history_models.values():
        qtmodeltester.check(model, force_py=True)
    qtmodeltester.check(window.staff_panel.model, force_py=True)


def test_grid_contract(demo_window, demo_db):
    model = demo_window.sheet_editor.grid_model
    session = demo_window.session
    assert (model.rowCount(), model.columnCount()) == (8, 8)
    for row, level in enumerate(session.levels):
        assert level.number == row
        assert model.headerData(row, Qt.Orientation.Vertical) == level.name
        assert model.headerData(row, Qt.Orientation.Vertical, Qt.ItemDataRole.ToolTipRole) == level.definition
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(8)] == [
        c.name for c in session.categories
    ]
    sheet = session.current
    for row in range(8):
        for column in range(8):
            index = model.index(row, column)
            texts = [e.text for e in sheet.cell(row, session.categories[column].id)]
            assert index.data(Qt.ItemDataRole.DisplayRole) == "\n".join(texts)
            assert index.data(Qt.ItemDataRole.EditRole) == "\n".join(texts)
    empty = next(
        model.index(r, c) for r in range(8) for c in range(8) if not sheet.cell(r, session.categories[c].id)
    )
    assert empty.data() == ""  # nothing shown, not "0"


def test_set_data_keeps_kind_date_and_note_of_unchanged_lines(demo_window, demo_db):
    session = demo_window.session
    model = demo_window.sheet_editor.grid_model
    index = model.index(4, 6)
    cell = (4, session.categories[6].id)
    sheet = session.current.copy()
    sheet.entries = [e for e in sheet.entries if (e.level, e.category_id) != cell]
    sheet.entries += [
        Entry(4, cell[1], "セキュリティ監査", "role", PartialDate(2015, 6), "県の委員"),
        Entry(4, cell[1], "ISMS内部監査", "work", PartialDate(2016)),
    ]
    assert session.save_sheet(sheet, "準備")
    assert model.setData(
        index, "新しい行\nセキュリティ監査\n\n  \nISMS内部監査（改）", Qt.ItemDataRole.EditRole
    )
    after = [
        e for e in snapshot(demo_db)[0]["entries"] if e["level"] == 4 and e["category"] == "セキュリティ"
    ]
    assert [(e["text"], e["kind"], e["date"], e.get("note")) for e in after] == [
        ("新しい行", "other", None, None),
        ("セキュリティ監査", "role", "2015-06", "県の委員"),
        ("ISMS内部監査（改）", "work", None, None),
    ]
    assert index.data() == "新しい行\nセキュリティ監査\nISMS内部監査（改）"
    assert "〔講師・委員〕セキュリティ監査（2015年6月）" in index.data(Qt.ItemDataRole.ToolTipRole)
    assert model.setData(index, "", Qt.ItemDataRole.EditRole)
    assert index.data() == ""


def test_mime_data_carries_entries_and_text_lines(demo_window):
    model = demo_window.sheet_editor.grid_model
    session = demo_window.session
    full = [model.index(r, c) for r in range(8) for c in range(8) if model.index(r, c).data()]
    mime = model.mimeData(full[:2])
    assert set(model.mimeTypes()) <= set(mime.formats())
    assert mime.text().splitlines() == [line for i in full[:2] for line in i.data().splitlines()]
    # Plain text from another program adds its lines to the cell it is dropped on.
    target = model.index(7, 7)
    plain = QMimeData()
    plain.setText("外部の研修A\n\n外部の研修B\n")
    assert model.dropMimeData(plain, Qt.DropAction.CopyAction, -1, -1, target)
    assert target.data() == "外部の研修A\n外部の研修B"
    assert session.undo_stack.undoText() == "ドロップ"
