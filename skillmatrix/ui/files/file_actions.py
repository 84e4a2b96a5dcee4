"""The File menu's shared-file commands and the read-only state of the window.

install_file_actions(window) is called once by the main window. It
- connects 共有ファイルに書き出す (actionExportShared) and 取り込む (actionImport),
- adds 読み取り専用で開く (actionOpenReadOnly) and バックアップから復元
  (actionRestoreBackup) to the File menu,
- creates the window's FileGuard (lock, background work, backups),
- keeps every editing action disabled while the file is open read-only.

Other modules mark an editing action of theirs with `action.setProperty("editing", True)`;
it is then disabled in read-only mode too.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QToolButton

from skillmatrix.ui.files.backups_dialog import BackupsDialog
from skillmatrix.ui.files.file_guard import FileGuard
from skillmatrix.ui.files.form_actions import install_form_actions
from skillmatrix.ui.files.import_dialog import start_import
from skillmatrix.ui.files.shared_dialogs import ExportDialog

if TYPE_CHECKING:
    from skillmatrix.ui.common.app_window import AppWindow

# Actions of the window that change the file (besides those marked "editing").
EDITING_ACTIONS = (
    "actionNewStaff",
    "actionDeleteStaff",
    "actionMoveStaffUp",
    "actionMoveStaffDown",
    "actionSortByKana",
    "actionLoadDemo",
    "actionImport",
    "actionRestoreBackup",
)
WINDOW_DECIDES = ("actionDeleteStaff", "actionLoadDemo")
GRID_EDITING = ("cut", "paste", "clear")
ROW_BUTTONS = ("_add", "_delete", "_up", "_down")  # the history tables' row buttons


def install_file_actions(window: AppWindow) -> FileGuard:
    """Wires the shared-file and backup commands into the window; returns its FileGuard."""
    guard = FileGuard(window)
    tr = window.tr
    export = window.action("actionExportShared")
    export.triggered.connect(lambda: _export(window))
    imp = window.action("actionImport")
    imp.triggered.connect(lambda: _import(window))
    for action in (export, imp):
        action.setEnabled(True)
        action.setToolTip("")
        action.setStatusTip("")
    export.setStatusTip(tr("全員または選んだ職員を、他の人が開ける共有ファイル（.sqlite）に書き出します"))
    imp.setStatusTip(tr("共有ファイル（.sqlite）、交換用JSON、Excelの履歴書の内容を確認してから取り込みます"))

    read_only = window.add_action(
        "actionOpenReadOnly", tr("読み取り専用で開く(&Y)…"), lambda: choose_read_only(window)
    )
    restore = window.add_action(
        "actionRestoreBackup", tr("バックアップから復元(&B)…"), lambda: _backups(window)
    )
    restore.setStatusTip(tr("自動で作られたバックアップの一覧から、一つを選んで元に戻します"))
    window.insert_after("actionOpen", read_only)
    window.insert_after(imp.objectName(), restore)
    install_form_actions(window)  # Excel: forms and folder import (form_actions.py)
    window.session.store_replaced.connect(lambda: apply_read_only(window))
    apply_read_only(window)
    return guard


def apply_read_only(window: AppWindow) -> None:
    """Enables or disables every editing action for the open file (printing, export and
    viewing stay available)."""
    editable = not window.session.readonly
    for name in EDITING_ACTIONS:
        # The window enables these only in some states (a person shown, an empty list).
        if name in window.actions_by_name and not (editable and name in WINDOW_DECIDES):
            window.action(name).setEnabled(editable)
    for name in GRID_EDITING:
        window.sheet_editor.grid.grid_actions[name].setEnabled(editable)
    for action in window.findChildren(QAction):
        if action.property("editing"):
            action.setEnabled(editable)
    for button in window.findChildren(QToolButton):
        if button.objectName().endswith(ROW_BUTTONS) and "Table_" in button.objectName():
            button.setEnabled(editable)


def _db_filter(window: AppWindow) -> str:
    return window.tr("SkillMatrix データベース (*.sqlite *.db);;すべてのファイル (*)")


def choose_read_only(window: AppWindow) -> None:
    """File > 読み取り専用で開く: picks a file and opens it without ever writing to it."""
    path, _ = QFileDialog.getOpenFileName(
        window, window.tr("読み取り専用で開く"), str(window.store.path.parent), _db_filter(window)
    )
    if path:
        window.open_database(Path(path), readonly=True)


def _export(window: AppWindow) -> None:

    window.sheet_editor.commit_open_editors()
    ExportDialog(window).open()


def _import(window: AppWindow) -> None:

    window.sheet_editor.commit_open_editors()
    start_import(window)


def _backups(window: AppWindow) -> None:

    window.sheet_editor.commit_open_editors()
    BackupsDialog(window).open()
