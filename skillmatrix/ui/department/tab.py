"""Puts the 「部門」 tab beside the résumé editor in the main window."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QBoxLayout, QTabWidget

from skillmatrix.ui.department.panel import DepartmentPanel


def install_department_tab(window, layout: QBoxLayout) -> DepartmentPanel:
    """Wraps the window's editor splitter in tabs (スキル履歴書 | 部門) inside layout.

    A person opened from the department view is shown in the editor tab.
    """
    tabs = QTabWidget(objectName="mainTabs")
    tabs.setDocumentMode(True)
    # Out of the Tab chain, which cycles through the editor's fields; Ctrl+Tab and
    # Ctrl+PageUp/PageDown switch tabs (QTabWidget's own keys).
    tabs.tabBar().setFocusPolicy(Qt.FocusPolicy.NoFocus)
    tabs.addTab(window.splitter, window.tr("スキル履歴書"))
    panel = DepartmentPanel(window.session)
    tabs.addTab(panel, window.tr("部門"))
    layout.addWidget(tabs)

    def open_person(staff_id: str) -> None:
        window.session.select(staff_id)
        tabs.setCurrentIndex(0)

    panel.staff_activated.connect(open_person)
    window.main_tabs = tabs
    return panel
