"""Issue 13 item 4: no Alt+letter twice in the main window, its menus or any dialog; Alt+K
reaches ふりがな; Enter in the export dialog exports."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog

from skillmatrix.domain.model import Staff
from tests.ui.mnemonics import clashes


def test_main_window_and_menus_use_each_mnemonic_once(qtbot, window):
    window.session.add_staff(Staff(name="藤沢 花子"))
    found = clashes(window)
    assert found == [], "\n".join(found)


def open_dialogs(qtbot, window, action_name):
    """Triggers an action and returns the dialogs it opened (shown, top level)."""
    before = {id(w) for w in QApplication.topLevelWidgets() if w.isVisible()}
    window.action(action_name).trigger() if action_name in window.actions_by_name else (
        window.findChild(type(window.action("actionAbout")), action_name).trigger()
    )
    qtbot.wait(20)
    return [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, QDialog) and w.isVisible() and id(w) not in before
    ]


DIALOG_ACTIONS = [
    "actionExportShared",
    "actionExportPdf",
    "actionPrintAll",
    "actionDefinitions",
    "actionAbout",
    "actionRestoreBackup",
    "actionDepartmentPlan",
    "actionDepartmentProfiles",
    "actionDepartmentCatalogue",
    "actionDepartmentExpiry",
]


def test_every_dialog_uses_each_mnemonic_once(qtbot, window):
    window.load_demo()
    problems, seen = [], []
    for name in DIALOG_ACTIONS:
        if window.findChild(type(window.action("actionAbout")), name) is None:
            problems.append(f"no action {name}")
            continue
        for dialog in open_dialogs(qtbot, window, name):
            seen.append(dialog.objectName())
            problems += clashes(dialog)
            dialog.close()
    assert problems == [], "\n".join(problems)
    assert len(seen) >= 7, seen


def test_enter_in_the_export_dialog_exports_not_the_helper_button(qtbot, window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog, QPushButton

    window.load_demo()
    asked = []
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (asked.append(a), ("", ""))[1])
    )
    (dialog,) = open_dialogs(qtbot, window, "actionExportShared")
    helper = dialog.findChild(QPushButton, "exportCheckShown")
    helper.setFocus()
    checked_before = dialog.findChild(QPushButton, "exportButton")
    qtbot.keyClick(helper, Qt.Key.Key_Return)
    assert asked, "Enter did not start the export (the file dialog was not asked)"
    assert checked_before.isDefault()
    dialog.close()


def test_alt_k_reaches_the_kana_field_even_with_the_course_bar_shown(qtbot, window):
    from PySide6.QtWidgets import QLineEdit

    window.session.add_staff(Staff(name="藤沢 花子"))
    prompt = window.sheet_editor.grid.course_prompt
    prompt.show()
    qtbot.keyClick(window.sheet_editor.grid, Qt.Key.Key_K, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is window.findChild(QLineEdit, "kanaEdit")


def test_the_import_dialog_uses_each_mnemonic_once(qtbot, window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    from tests.ui.file_support import export, make_db

    shared = export(make_db(tmp_path / "office.sqlite", 2), tmp_path / "shared.sqlite")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(shared), "")))
    window.load_demo()
    (dialog,) = open_dialogs(qtbot, window, "actionImport")
    qtbot.waitUntil(lambda: dialog.state != "checking", timeout=20000)
    assert clashes(dialog) == []
    dialog.reject()
