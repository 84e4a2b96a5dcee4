"""Room for the grid: the staff list and the level panel can be hidden, and 一覧表示 gives
the whole window to the grid (all 8 levels on one screen, see skill_grid/overview.py).

Three checkable actions in the 表示 menu, remembered in the settings:
- 職員一覧 (actionShowStaffList, Ctrl+Shift+L): the staff list on the left;
- レベルの説明 (actionShowLevelPanel): the level panel beside the grid;
- 一覧表示 (actionOverview, Ctrl+Shift+O): the grid alone — no staff list, profile,
  histories or level panel — with its rows fitted into the height.
The splitters also let the staff list and the level panel be dragged shut.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

if TYPE_CHECKING:
    from skillmatrix.ui.common.app_window import AppWindow


def _setting(value, default: bool) -> bool:
    if value is None:
        return default
    return value is True or str(value).lower() == "true"


class SheetLayout(QObject):
    """The window's layout switches (see the module docstring)."""

    def __init__(self, window: AppWindow):
        super().__init__(window)
        self.window = window
        self.settings = window.settings
        editor = window.sheet_editor
        self.staff_panel = window.staff_panel
        self.level_panel = editor.level_panel
        self.top = editor.sheet_splitter.widget(0)  # profile and histories
        window.splitter.setCollapsible(0, True)
        editor.grid_splitter.setCollapsible(1, True)
        self.actions: dict[str, QAction] = {}
        for name, text, keys, key, default in (
            ("actionShowStaffList", self.tr("職員一覧(&L)"), "Ctrl+Shift+L", "view/staffList", True),
            ("actionShowLevelPanel", self.tr("レベルの説明(&D)"), "", "view/levelPanel", True),
            ("actionOverview", self.tr("一覧表示(&O)"), "Ctrl+Shift+O", "view/overview", False),
        ):
            action = QAction(text, window, checkable=True, objectName=name)
            if keys:
                action.setShortcut(QKeySequence(keys))
            action.setChecked(_setting(self.settings.value(key), default))
            action.setData(key)
            action.toggled.connect(self._toggled)
            window.addAction(action)
            window.actions_by_name[name] = action
            self.actions[name] = action
        self.actions["actionOverview"].setToolTip(
            self.tr("スキル実績等一覧だけを画面いっぱいに表示（8レベルすべてが見えます）")
        )
        self._install_menu()
        self.apply()

    def _install_menu(self) -> None:
        bar = self.window.menuBar()
        view_menu = next(
            (m for a in bar.actions() if isinstance(m := a.menu(), QMenu) and a.text().startswith("表示")),
            None,
        )
        if view_menu is None:
            return
        if not view_menu.actions():
            view_menu.addActions(list(self.actions.values()))
            return
        first = view_menu.actions()[0]
        for action in self.actions.values():
            view_menu.insertAction(first, action)
        view_menu.insertSeparator(first)

    def _toggled(self, _checked: bool) -> None:
        for action in self.actions.values():
            self.settings.setValue(action.data(), action.isChecked())
        self.apply()

    @property
    def overview(self) -> bool:
        return self.actions["actionOverview"].isChecked()

    def apply(self) -> None:
        """Shows and hides the parts as the actions say."""
        overview = self.overview
        self.staff_panel.setVisible(self.actions["actionShowStaffList"].isChecked() and not overview)
        self.level_panel.setVisible(self.actions["actionShowLevelPanel"].isChecked() and not overview)
        self.top.setVisible(not overview)
        self.window.sheet_editor.grid.set_overview(overview)
        for name in ("actionShowStaffList", "actionShowLevelPanel"):
            self.actions[name].setEnabled(not overview)
