"""What the parts of the window may use of the main window: AppWindow.

Menus, file actions, dialogs and layout modes are handed the window they work in; they
depend on this base class, never on ui/main_window.py (which composes them and nothing
imports). MainWindow is the one subclass: it sets these attributes and implements these
methods.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu, QSplitter

from skillmatrix.domain.model import Staff
from skillmatrix.store.repository import Store
from skillmatrix.ui.common.session import Session
from skillmatrix.ui.common.undo_keys import UndoKeys

if TYPE_CHECKING:  # the parts below are built with the window: annotations only
    from skillmatrix.ui.files.file_guard import FileGuard
    from skillmatrix.ui.sheet.sheet_editor import SheetEditor
    from skillmatrix.ui.staff.staff_panel import StaffPanel


class AppWindow(QMainWindow):
    """The main window as its parts see it.

    Attributes:
        session: the open database, its undo stack and the shown person.
        settings: the window's QSettings (settings.ini in the data folder).
        staff_panel, sheet_editor, splitter: the two halves and the splitter between.
        file_guard: the open file's lock, backups and read-only state.
        actions_by_name: every QAction by objectName.
        recent_menu: File › 最近使ったファイル.
        undo_keys: routes Ctrl+Z / Ctrl+Y from text fields to the program's stack.
        is_closed: set once the window has closed its database.
    """

    session: Session
    settings: QSettings
    staff_panel: StaffPanel
    sheet_editor: SheetEditor
    splitter: QSplitter
    file_guard: FileGuard
    actions_by_name: dict[str, QAction]
    recent_menu: QMenu
    undo_keys: UndoKeys | None
    is_closed: bool

    def action(self, name: str) -> QAction:
        """Returns an action by objectName (e.g. 'actionPrint'), for modules that connect it."""
        return self.actions_by_name[name]

    def add_action(self, name: str, text: str, slot: Callable[[], object]) -> QAction:
        """Makes an action of the window (objectName name, reachable by action(name))."""
        action = QAction(text, self)
        action.setObjectName(name)
        action.triggered.connect(slot)
        self.addAction(action)
        self.actions_by_name[name] = action
        return action

    def menu_holding(self, name: str) -> QMenu | None:
        """Returns the menu-bar menu that holds the action named name (None: none does)."""
        action = self.action(name)
        for menu_action in self.menuBar().actions():
            menu = menu_action.menu()
            if isinstance(menu, QMenu) and action in menu.actions():  # the stub says QObject
                return menu
        return None

    def insert_after(self, name: str, action: QAction) -> None:
        """Puts action into the menu holding the action named name, right after it."""
        menu = self.menu_holding(name)
        if menu is None:
            return
        actions = menu.actions()
        i = actions.index(self.action(name))
        if i + 1 < len(actions):
            menu.insertAction(actions[i + 1], action)
        else:
            menu.addAction(action)

    @property
    def store(self) -> Store:
        """The open database."""
        return self.session.store

    def current_staff(self) -> Staff | None:
        """Returns the shown person's sheet as stored (None when nobody is shown)."""
        return self.session.current

    # What the menus call; MainWindow implements them.

    def undo(self) -> None:
        raise NotImplementedError

    def redo(self) -> None:
        raise NotImplementedError

    def new_staff(self) -> None:
        raise NotImplementedError

    def delete_staff(self) -> None:
        raise NotImplementedError

    def sort_by_kana(self) -> None:
        raise NotImplementedError

    def load_demo(self) -> None:
        raise NotImplementedError

    def show_definitions(self) -> None:
        raise NotImplementedError

    def show_manual(self) -> None:
        raise NotImplementedError

    def about(self) -> None:
        raise NotImplementedError

    def set_date_style(self, style: str) -> None:
        raise NotImplementedError

    def choose_database(self) -> None:
        raise NotImplementedError

    def new_database(self) -> None:
        raise NotImplementedError

    def open_database(self, path: Path, readonly: bool = False, create: bool = False) -> bool:
        raise NotImplementedError

    def fill_recent_menu(self) -> None:
        raise NotImplementedError
