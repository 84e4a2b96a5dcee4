"""The default button of a dialog: Enter does the dialog's job and nothing else.

Qt makes every push button of a dialog an "auto default": the button that has the focus
(or last had it) takes Enter. A dialog whose first Tab stop is a helper button (「一覧で表示中の
職員を選ぶ」, 「キャンセル」) then answers Enter with that helper. settle_default() makes one
button the default and takes the auto-default role away from the others, including buttons
added later (a conflict panel filled after a check).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QDialog, QPushButton


class _DefaultKeeper(QObject):
    """Takes auto-default away from push buttons added to the dialog after settle_default()."""

    def __init__(self, dialog: QDialog, button: QPushButton):
        super().__init__(dialog)
        self.dialog, self.button = dialog, button
        dialog.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Show, QEvent.Type.LayoutRequest):
            _demote_others(self.dialog, self.button)
        return False


def _demote_others(dialog: QDialog, button: QPushButton) -> None:
    for other in dialog.findChildren(QPushButton):
        if other is not button and other.autoDefault():
            other.setAutoDefault(False)
            other.setDefault(False)
    button.setAutoDefault(True)
    button.setDefault(True)


def settle_default(dialog: QDialog, button: QPushButton) -> None:
    """Makes button the one Enter presses in dialog (when it is enabled).

    Args:
        dialog: the dialog.
        button: the button that does the dialog's job (書き出す, 取り込む, OK).
    """
    _demote_others(dialog, button)
    _DefaultKeeper(dialog, button)
