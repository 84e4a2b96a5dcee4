"""Where the department's dialogs are opened: buttons on the 「部門」 tab and the 部門 menu.

One dialog of each kind at a time: opening it again raises the open one. A person
chosen in a dialog (a double click on a name) is shown in the résumé tab.
"""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QMenu

from skillmatrix.ui.department.catalogue import CatalogueDialog
from skillmatrix.ui.department.expiry import ExpiryDialog
from skillmatrix.ui.department.plan import PlanDialog
from skillmatrix.ui.department.profiles import ProfilesDialog


def _plan(session, parent):

    return PlanDialog(session, parent)


def _profiles(session, parent):

    return ProfilesDialog(session, parent)


def _catalogue(session, parent):

    return CatalogueDialog(session, parent)


def _expiry(session, parent):

    return ExpiryDialog(session, parent)


# name -> (button and menu text, factory(session, parent))
DIALOGS = {
    "plan": ("研修計画(&T)…", _plan),
    "profiles": ("求める人材像(&P)…", _profiles),
    "catalogue": ("研修カタログ(&C)…", _catalogue),
    "expiry": ("資格の有効期限(&X)…", _expiry),
}


def open_dialog(panel, name: str) -> QDialog:
    """Shows the dialog called name for the panel's session, raising it if it is open."""
    open_ones = getattr(panel, "open_dialogs", None)
    if open_ones is None:
        open_ones = panel.open_dialogs = {}
    dialog = open_ones.get(name)
    if dialog is not None:
        try:
            dialog.raise_()
            dialog.activateWindow()
            return dialog
        except RuntimeError:  # deleted on close meanwhile
            pass
    dialog = DIALOGS[name][1](panel.session, panel.window())
    open_ones[name] = dialog
    dialog.destroyed.connect(lambda *_: open_ones.pop(name, None))
    dialog.staff_activated.connect(panel.staff_activated)
    dialog.show()
    return dialog


def install_menu(panel, window) -> QMenu:
    """Adds the 「部門」 menu before the Help menu: the dialogs, then the tab itself."""
    menu = QMenu(window.tr("部門(&D)"), window)
    menu.setObjectName("menuDepartment")
    show_tab = QAction(window.tr("部門の見える化を表示(&V)"), window, objectName="actionShowDepartment")
    show_tab.triggered.connect(lambda: window.main_tabs.setCurrentWidget(panel))
    menu.addAction(show_tab)
    menu.addSeparator()
    for name, (text, _factory) in DIALOGS.items():
        action = QAction(window.tr(text), window, objectName=f"actionDepartment{name.capitalize()}")
        action.triggered.connect(lambda _c=False, n=name: open_dialog(panel, n))
        menu.addAction(action)
        window.addAction(action)
    bar = window.menuBar()
    help_menu = next(
        (a for a in bar.actions() if a.menu() is not None and a.text().startswith("ヘルプ")), None
    )
    if help_menu is not None:
        bar.insertMenu(help_menu, menu)
    else:
        bar.addMenu(menu)
    return menu
