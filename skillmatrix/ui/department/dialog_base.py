"""What the department's dialogs share: non-modal, the window's undo stack, a message line.

Each dialog edits through the session (one undo step per change, written at once), so
there is no OK: Ctrl+Z and Ctrl+Y work inside the dialog on the same stack as the
window's Edit menu, and the dialog reloads whenever the session says data changed.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from skillmatrix.ui.common import settings
from skillmatrix.ui.common.session import Session
from skillmatrix.ui.common.undo_keys import redo_keys


class DepartmentDialog(QDialog):
    """Base of the plan, profile, catalogue and expiry dialogs.

    Subclasses build their widgets into self.body (a QVBoxLayout) and implement reload().
    """

    staff_activated = Signal(str)  # show this person's sheet (a double click on a name)
    default_size = (900, 560)

    def __init__(self, session: Session, name: str, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(name)
        self.setWindowTitle(title)
        self.setModal(False)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.session = session
        self.body = QVBoxLayout()
        self.message = QLabel(objectName=f"{name}Message")
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addLayout(self.body, 1)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        stack = session.undo_stack
        for action, keys in (
            (stack.createUndoAction(self, self.tr("元に戻す")), QKeySequence.StandardKey.Undo),
            (stack.createRedoAction(self, self.tr("やり直し")), redo_keys()),  # Ctrl+Y, Ctrl+Shift+Z
        ):
            action.setShortcuts(keys)
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)
        self._stale = self._pending = False
        session.department_changed.connect(self._department_changed)
        for signal in self._staff_signals():
            signal.connect(self._data_changed)
        session.problem.connect(self.say)
        self._connected = True
        self._settings = settings.app_settings()
        geometry = self._settings.value(f"dialogs/{name}")
        if not (isinstance(geometry, QByteArray) and self.restoreGeometry(geometry)):
            self.resize(*self.default_size)

    def _staff_signals(self):
        s = self.session
        return (
            s.staff_reloaded,
            s.staff_added,
            s.staff_removed,
            s.staff_written,
            s.store_replaced,
            s.definitions_changed,
            s.order_changed,
        )

    def _department_changed(self) -> None:
        # The dialog's own edits: show them at once (and drop a reload already due).
        self._stale = False
        self.reload()

    def _data_changed(self, *_args) -> None:
        # Sheets changed: reload once, after the event-loop turn, however many signals
        # one step sends (recording a plan sends three).
        self._stale = True
        if not self._pending:
            self._pending = True
            QTimer.singleShot(0, self._reload_if_stale)

    def _reload_if_stale(self) -> None:
        self._pending = False
        if self._stale and self._connected:
            self._stale = False
            self.reload()

    def reload(self) -> None:
        """Reads what the dialog shows from the file again."""
        raise NotImplementedError

    def say(self, text: str) -> None:
        """Shows a message (why a change was refused, where a file was written)."""
        self.message.setText(text)

    def done(self, result: int) -> None:
        self._disconnect()
        super().done(result)

    def closeEvent(self, event) -> None:
        self._disconnect()
        super().closeEvent(event)

    def _disconnect(self) -> None:
        # The session outlives the dialog: stop reloading a dialog that is closing.
        if not self._connected:
            return
        self._connected = False
        session = self.session
        self._settings.setValue(f"dialogs/{self.objectName()}", self.saveGeometry())
        session.department_changed.disconnect(self._department_changed)
        for signal in self._staff_signals():
            signal.disconnect(self._data_changed)
        session.problem.disconnect(self.say)


def ok_cancel(dialog: QDialog) -> QDialogButtonBox:
    """Returns OK / キャンセル buttons wired to the dialog's accept and reject."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons
