"""職員 › 記入用シートを作る (the person shown, to one .xlsx) and 全員の記入用シートを作る
(one file per person, into a folder), and File › フォルダから取り込む.

The forms are written by exchange/excel/form_writer.py (save_workbook is the one place
they reach the disk); a filled form comes back through File › 取り込む.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog

from skillmatrix.exchange.excel.form_writer import FormError, write_forms
from skillmatrix.ui.common import prompts
from skillmatrix.ui.files.import_dialog import ImportDialog

if TYPE_CHECKING:
    from skillmatrix.ui.common.app_window import AppWindow
    from skillmatrix.ui.files.import_dialog import ImportDialog


def install_form_actions(window: AppWindow) -> None:
    """Adds the form actions to the 職員 menu and the folder import to the File menu."""
    tr = window.tr
    one = window.add_action("actionMakeForm", tr("記入用シートを作る(&F)…"), lambda: make_form(window))
    one.setStatusTip(tr("表示中の職員が自分で記入するExcelのシートを作ります（記入済み・保護あり）"))
    every = window.add_action(
        "actionMakeAllForms", tr("全員の記入用シートを作る(&G)…"), lambda: make_all_forms(window)
    )
    folder = window.add_action(
        "actionImportFolder", tr("フォルダから取り込む(&L)…"), lambda: start_folder_import(window)
    )
    folder.setStatusTip(tr("フォルダの中のExcelの履歴書をすべて読み取り、確認してから取り込みます"))
    folder.setProperty("editing", True)
    staff_menu = window.menu_holding("actionNewStaff")
    if staff_menu is not None:
        staff_menu.addSeparator()
        staff_menu.addAction(one)
        staff_menu.addAction(every)
    window.insert_after("actionImport", folder)
    window.session.current_changed.connect(lambda staff: one.setEnabled(staff is not None))
    one.setEnabled(window.session.current is not None)


def _start_folder(window: AppWindow) -> str:
    return str(window.settings.value("forms/folder", "")) or str(Path.home())


def _write(window: AppWindow, ids: list[str], out: Path) -> None:
    force = False
    if out.suffix.lower() == ".xlsx" and out.exists():
        if not prompts.ask(
            window,
            window.tr("記入用シートを作る"),
            window.tr("ファイルがすでにあります。置き換えますか？\n{path}").format(path=out),
        ):
            return
        force = True
    try:
        written = write_forms(window.store, ids, out, force=force)
    except FormError as error:
        prompts.tell(window, window.tr("記入用シートを作れませんでした"), str(error), name="formFailedDialog")
        return
    window.statusBar().showMessage(
        window.tr("{n}名分の記入用シートを作りました: {path}").format(n=len(written), path=out), 30000
    )


def make_form(window: AppWindow) -> None:
    """The form of the person shown, to a file the user picks."""
    staff = window.session.current
    if staff is None:
        return
    name, _ = QFileDialog.getSaveFileName(
        window,
        window.tr("記入用シートの保存先"),
        str(Path(_start_folder(window)) / f"記入用_{staff.name.replace(' ', '_')}.xlsx"),
        window.tr("Excelのブック (*.xlsx)"),
    )
    if not name:
        return
    out = Path(name) if Path(name).suffix.lower() == ".xlsx" else Path(name + ".xlsx")
    window.settings.setValue("forms/folder", str(out.parent))
    _write(window, [staff.id], out)


def make_all_forms(window: AppWindow) -> None:
    """Everyone's forms, one file each, into a folder the user picks."""
    folder = QFileDialog.getExistingDirectory(
        window, window.tr("記入用シートを置くフォルダ"), _start_folder(window)
    )
    if not folder:
        return
    window.settings.setValue("forms/folder", folder)
    _write(window, window.store.staff_ids(), Path(folder))


def start_folder_import(window: AppWindow) -> ImportDialog | None:
    """File > フォルダから取り込む: every Excel résumé workbook in a folder."""
    if window.session.readonly:
        prompts.tell(
            window,
            window.tr("取り込めません"),
            window.tr("読み取り専用で開いているため取り込めません。"),
            name="importFailedDialog",
        )
        return None
    folder = str(window.settings.value("import/folder", "")) or str(window.store.path.parent)
    name = QFileDialog.getExistingDirectory(window, window.tr("Excelの履歴書があるフォルダ"), folder)
    if not name:
        return None
    window.settings.setValue("import/folder", name)

    dialog = ImportDialog(window, Path(name))
    dialog.open()
    return dialog
