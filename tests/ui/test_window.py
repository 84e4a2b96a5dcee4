"""The window as a whole: actions, title, read-only mode, files, settings, definitions,
the welcome page with the demo data, keyboard order and the error handler."""

import sqlite3

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
)

from skillmatrix.app import create_window
from skillmatrix.domain.model import Entry, Staff
from skillmatrix.store.repository import Store
from skillmatrix.ui.common.errors import ErrorReporter, log_path
from tests.ui.support import definitions, find, snapshot

SPEC_ACTIONS = (
    "actionNewStaff",
    "actionDeleteStaff",
    "actionUndo",
    "actionRedo",
    "actionExportShared",
    "actionImport",
    "actionPrintPreview",
    "actionPrint",
    "actionExportPdf",
)


def test_actions_of_the_spec_are_in_the_menus_with_standard_keys(window):
    in_menus = {
        a.objectName()
        for menu in window.menuBar().findChildren(type(window.menuBar().addMenu("x")))
        for a in menu.actions()
    }
    for name in SPEC_ACTIONS:
        action = window.findChild(QAction, name)
        assert action is window.action(name)
        assert name in in_menus
    for name, key in (
        ("actionNewStaff", QKeySequence.StandardKey.New),
        ("actionUndo", QKeySequence.StandardKey.Undo),
        ("actionRedo", QKeySequence.StandardKey.Redo),
        ("actionPrint", QKeySequence.StandardKey.Print),
        ("actionFind", QKeySequence.StandardKey.Find),
        ("actionOpen", QKeySequence.StandardKey.Open),
    ):
        assert window.action(name).shortcut() == QKeySequence(key)
    # Printing is connected by print_actions.py (tests/ui/test_printing.py), shared files by
    # file_actions.py (tests/ui/test_shared_files.py): enabled, no 準備中 left.
    for name in ("actionExportShared", "actionImport"):
        assert window.action(name).isEnabled()
        assert "準備中" not in window.action(name).toolTip()


def test_title_shows_the_file_and_read_only_mark(qtbot, db_path):
    with Store.create(db_path) as store:
        store.add_staff(Staff(name="藤沢 花子", entries=[Entry(1, store.categories()[0].id, "研修")]))
    win = create_window(db_path, readonly=True)
    qtbot.addWidget(win)
    win.show()
    assert win.windowTitle() == "skills.sqlite — SkillMatrix ［読み取り専用］"
    assert find(win, QLineEdit, "nameEdit").isReadOnly()
    assert not win.action("actionNewStaff").isEnabled()
    grid = find(win, QTableView, "skillGrid")
    assert not grid.model().setData(grid.model().index(1, 0), "変更", Qt.ItemDataRole.EditRole)
    assert grid.model().index(1, 0).data() == "研修"
    assert "読み取り専用" in win.statusBar().currentMessage()
    win.close()
    writable = create_window(db_path)
    qtbot.addWidget(writable)
    assert writable.windowTitle() == "skills.sqlite — SkillMatrix"
    writable.close()


def test_welcome_page_loads_the_demo_data_in_one_undoable_step(qtbot, window, db_path):
    assert window.sheet_editor.currentWidget().objectName() == "welcomePage"
    find(window, QPushButton, "loadDemoButton").click()
    people = snapshot(db_path)
    assert len(people) == 50 and people[0]["name"]
    assert window.sheet_editor.currentWidget().objectName() != "welcomePage"
    assert find(window, QLineEdit, "nameEdit").text() == people[0]["name"]
    assert window.action("actionUndo").text() == "元に戻す: デモデータの読み込み"
    window.action("actionUndo").trigger()
    assert snapshot(db_path) == []
    assert window.sheet_editor.currentWidget().objectName() == "welcomePage"


def test_definitions_dialog_edits_are_undoable_and_audited(qtbot, window, db_path):
    window.session.add_staff(Staff(name="藤沢 花子"))
    levels_before, categories_before = definitions(db_path)
    window.action("actionDefinitions").trigger()
    dialog = window.findChild(QDialog, "definitionsDialog")
    dialog.findChild(object, "levelList").setCurrentRow(3)
    dialog.findChild(QPlainTextEdit, "levelDefinition").setPlainText("独力で遂行できる（改訂）")
    dialog.findChild(object, "categoryList").setCurrentRow(7)
    dialog.findChild(QLineEdit, "categoryName").setText("戦略・企画")
    dialog.accept()
    levels, categories = definitions(db_path)
    assert levels[3]["definition"] == "独力で遂行できる（改訂）"
    assert categories[7]["name"] == "戦略・企画"
    grid = find(window, QTableView, "skillGrid").model()
    assert grid.headerData(7, Qt.Orientation.Horizontal) == "戦略・企画"
    assert (
        grid.headerData(3, Qt.Orientation.Vertical, Qt.ItemDataRole.ToolTipRole) == "独力で遂行できる（改訂）"
    )
    with Store.open(db_path, readonly=True) as store:
        assert {r["action"] for r in store.audit_log(5)} >= {"level", "category"}
    assert window.action("actionUndo").text() == "元に戻す: 定義の変更"
    window.action("actionUndo").trigger()
    assert definitions(db_path) == (levels_before, categories_before)
    assert grid.headerData(7, Qt.Orientation.Horizontal) == "ストラテジ"
    # A duplicate category name is refused inside the dialog; nothing is written.
    window.action("actionDefinitions").trigger()
    dialog = [d for d in window.findChildren(QDialog, "definitionsDialog") if d.isVisible()][0]
    dialog.findChild(object, "categoryList").setCurrentRow(1)
    dialog.findChild(QLineEdit, "categoryName").setText("ネットワーク")
    dialog.accept()
    assert dialog.isVisible() and "ネットワーク" in dialog.findChild(object, "definitionsProblem").text()
    dialog.reject()
    assert definitions(db_path) == (levels_before, categories_before)


def test_date_style_shows_wareki(qtbot, window):
    from skillmatrix.domain.dates import PartialDate, Period
    from skillmatrix.domain.model import Assignment

    window.session.add_staff(
        Staff(
            name="藤沢 花子",
            assignments=[
                Assignment(Period(PartialDate(2010, 4, 1), PartialDate(2013, 3, 31)), "情報システム担当")
            ],
        )
    )
    table = find(window, QTableView, "assignmentTable").model()
    window.action("actionDateWareki").trigger()
    assert table.index(0, 0).data() == "平成22年4月1日～平成25年3月31日"
    window.action("actionDateSeireki").trigger()
    assert table.index(0, 0).data() == "2010年4月1日～2013年3月31日"


def test_layout_and_recent_files_are_remembered_in_the_private_data_folder(
    qtbot, db_path, tmp_path, private_data_dir
):
    win = create_window(db_path)
    qtbot.addWidget(win)
    win.resize(790, 560)  # inside the offscreen screen (800 × 600), so nothing is clamped
    win.show()
    splitter = win.findChild(QSplitter, "mainSplitter")
    splitter.setSizes([170, 600])
    sizes = splitter.sizes()
    assert sizes[0] > 150
    win.close()
    ini = private_data_dir / "settings.ini"
    assert ini.exists()
    settings = QSettings(str(ini), QSettings.Format.IniFormat)
    assert settings.value("splitters/mainSplitter") is not None
    again = create_window(db_path)
    qtbot.addWidget(again)
    again.show()
    assert again.findChild(QSplitter, "mainSplitter").sizes() == sizes
    other = tmp_path / "other.sqlite"
    Store.create(other).close()
    assert again.open_database(other)
    assert again.windowTitle().startswith("other.sqlite")
    recent = [
        str(p)
        for p in __import__("skillmatrix.ui.common.settings", fromlist=["x"]).recent_files(again.settings)
    ]
    assert recent[:2] == [str(other.resolve()), str(db_path.resolve())]
    again.close()


def test_closing_the_window_releases_the_database(qtbot, window, db_path):
    window.session.add_staff(Staff(name="藤沢 花子"))
    conn = window.session.store.db.conn
    window.close()
    with pytest.raises(sqlite3.ProgrammingError):
        conn.execute("SELECT 1")
    assert not db_path.with_name(db_path.name + "-wal").exists()


def test_keyboard_tab_order_reaches_every_editor(qtbot, window):
    window.session.add_staff(Staff(name="藤沢 花子"))
    names = []
    find(window, QLineEdit, "staffFilter").setFocus()
    for _ in range(15):
        widget = QApplication.focusWidget()
        while widget is not None and not widget.objectName():
            widget = widget.parentWidget()
        names.append(widget.objectName())
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert names == [
        "staffFilter",
        "staffList",
        "nameEdit",
        "kanaEdit",
        "titleEdit",
        "sectionEdit",
        "experienceOverride",
        "experienceLabelEdit",
        "qualificationTable",
        "assignmentTable",
        "projectTable",
        "skillGrid",
        "levelPanel",
        "sheetAsOf",  # the radar chart's 比べる時点 (its button is off until a past is chosen)
        "staffFilter",
    ]


@pytest.mark.qt_no_exception_capture
def test_unexpected_errors_are_logged_and_shown_once(qtbot, window):
    reporter = ErrorReporter(show_dialogs=True)
    reporter.install()
    try:

        def broken():
            raise RuntimeError("テスト用の故障")

        for _ in range(3):  # the same error again and again (a repaint loop) …
            QTimer.singleShot(0, broken)
            qtbot.wait(20)
        assert reporter.reported == 1  # … is shown once
        dialog = reporter.dialog
        assert dialog is not None and dialog.isVisible()
        assert "予期しないエラー" in dialog.text()
        assert "テスト用の故障" in dialog.detailedText()
        assert "RuntimeError" in log_path().read_text(encoding="utf-8")
        assert window.isVisible()  # the program keeps running
        dialog.button(QMessageBox.StandardButton.Ok).click()
    finally:
        reporter.uninstall()


def test_a_locked_file_refuses_the_edit_and_says_so(qtbot, window, db_path):
    window.session.add_staff(Staff(name="藤沢 花子"))
    before = snapshot(db_path)
    other = sqlite3.connect(db_path, timeout=0)
    other.execute("BEGIN EXCLUSIVE")  # another program holds the file
    try:
        grid = find(window, QTableView, "skillGrid")
        assert not grid.model().setData(grid.model().index(1, 0), "新採用職員研修", Qt.ItemDataRole.EditRole)
        assert grid.model().index(1, 0).data() == ""
        assert "使用中" in window.statusBar().currentMessage()
        box = [b for b in window.findChildren(QMessageBox, "writeFailedDialog") if b.isVisible()]
        assert box and "使用中" in box[0].informativeText()
        assert window.action("actionUndo").text() == "元に戻す: 職員の追加"
    finally:
        other.rollback()
        other.close()
    assert snapshot(db_path) == before
