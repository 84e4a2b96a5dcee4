"""The questions and notices of the file commands, behind one seam.

Every yes/no question and every notice of opening, importing, exporting and restoring
goes through ask() and tell(), which show a modal QMessageBox. Tests replace these two
functions (monkeypatch) to answer without a person and to read what was said.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


def ask(
    parent: QWidget | None,
    title: str,
    text: str,
    detail: str = "",
    yes: str = "",
    no: str = "",
    name: str = "questionDialog",
) -> bool:
    """Asks a yes/no question; returns True for yes. No is the default button.

    Args:
        parent: the window it belongs to (None before the window exists).
        title, text: the box's title and question.
        detail: a second paragraph (the file, what happens next).
        yes, no: the buttons' texts (default はい / いいえ).
        name: the box's objectName.
    """
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent)
    box.setObjectName(name)
    if detail:
        box.setInformativeText(detail)
    yes_button = box.addButton(yes or box.tr("はい"), QMessageBox.ButtonRole.YesRole)
    no_button = box.addButton(no or box.tr("いいえ"), QMessageBox.ButtonRole.NoRole)
    box.setDefaultButton(no_button)
    box.setEscapeButton(no_button)
    box.exec()
    return box.clickedButton() is yes_button


def tell(
    parent: QWidget | None,
    title: str,
    text: str,
    detail: str = "",
    warning: bool = True,
    name: str = "noticeDialog",
) -> None:
    """Shows a notice with an OK button (a warning icon unless warning is False)."""
    icon = QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Information
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName(name)
    if detail:
        box.setInformativeText(detail)
    box.exec()
