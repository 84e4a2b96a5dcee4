"""Issue 13 item 2: after an import the window rebuilds its views from the file and shows
the selected person — also when the database was empty before (the pane stayed blank)."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLineEdit, QTableView

from skillmatrix.store.repository import Store
from skillmatrix.ui.sheet.sheet_editor import SHEET_PAGE
from tests.ui.file_support import Answers, export, make_db


@pytest.fixture
def answers(monkeypatch):
    return Answers(monkeypatch)


def test_import_into_an_empty_database_shows_the_person_at_once(qtbot, tmp_path, answers):
    from skillmatrix.app import create_window

    shared = export(make_db(tmp_path / "office.sqlite", generated=2), tmp_path / "shared.sqlite")
    window = create_window(tmp_path / "empty.sqlite")
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    assert window.staff_panel.model.total() == 0
    answers.files.append(shared)
    window.action("actionImport").trigger()
    dialog = [d for d in window.findChildren(QDialog, "importDialog") if d.isVisible()][-1]
    qtbot.waitUntil(lambda: dialog.state == "preview", timeout=20000)
    # Enter does the dialog's job: 取り込む.
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.state == "done", timeout=20000)
    qtbot.wait(20)

    shown = window.session.current
    assert shown is not None
    with Store.open(tmp_path / "empty.sqlite", readonly=True) as store:
        stored = store.get_staff(shown.id)
    assert window.sheet_editor.currentIndex() == SHEET_PAGE
    assert window.findChild(QLineEdit, "nameEdit").text() == stored.name
    grid = window.findChild(QTableView, "skillGrid")
    assert grid.isEnabled()
    texts = [grid.model().index(r, c).data() or "" for r in range(8) for c in range(8)]
    assert any(texts), "the grid shows no entry of the imported person"
    assignments = window.findChild(QTableView, "assignmentTable")
    assert assignments.isEnabled()
    assert assignments.model().rowCount() == len(stored.assignments)
    window.close()


def test_restore_into_an_emptied_database_shows_the_person(qtbot, tmp_path, answers):
    from PySide6.QtWidgets import QTableWidget

    from skillmatrix.app import create_window
    from skillmatrix.store.backup import make_backup

    db = make_db(tmp_path / "chief.sqlite", 1)
    make_backup(db, "manual")
    window = create_window(db)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    for staff_id in window.store.staff_ids():
        window.session.delete_staff(staff_id)
    assert window.session.current is None
    window.action("actionRestoreBackup").trigger()
    dialog = window.findChild(QDialog, "backupsDialog")
    qtbot.waitUntil(dialog.checks_done, timeout=20000)
    assert dialog.findChild(QTableWidget, "backupTable").rowCount() == 1
    dialog.restore_button.click()
    qtbot.wait(20)
    shown = window.session.current
    assert shown is not None and window.sheet_editor.currentIndex() == SHEET_PAGE
    assert window.findChild(QLineEdit, "nameEdit").text() == shown.name
    assert window.findChild(QTableView, "skillGrid").isEnabled()
    window.close()
