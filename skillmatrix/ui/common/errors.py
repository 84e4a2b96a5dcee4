"""Unexpected exceptions: written to a log file, shown once, and the program keeps running.

Qt calls Python slots and model methods from its event loop; an exception there goes to
sys.excepthook and the program continues. The hook installed here writes the traceback to
`logs/skillmatrix.log` in the data folder (a windowed build has no stderr) and shows a
Japanese dialog with the details to copy. One raised in a model's data() repeats on every
repaint, so each distinct error (type, message, place) is shown only once, and never more
than one dialog at a time. The dialog is opened without blocking (QDialog.open), so the
event loop — and tests — go on.

Set the environment variable SKILLMATRIX_NO_ERROR_DIALOG=1 to log without dialogs.
"""

from __future__ import annotations

import os
import sys
import traceback
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from skillmatrix import files, paths

MAX_LOG_BYTES = 1_000_000


def log_path() -> Path:
    """Returns the log file (its folder is created)."""
    folder = paths.data_dir() / "logs"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / "skillmatrix.log"


def write_log(text: str) -> Path | None:
    """Appends a stamped entry to the log, keeping one older file when it grows large."""
    try:
        path = log_path()
        if path.exists() and path.stat().st_size > MAX_LOG_BYTES:
            files.replace(path, path.with_suffix(".log.1"))  # retried while a scanner holds it
        with open(path, "a", encoding="utf-8") as f:
            f.write(f"--- {datetime.now().isoformat(timespec='seconds')}\n{text}\n")
        return path
    except (OSError, files.FileError):
        return None  # a log that cannot be written must not raise from the error handler


class ErrorReporter(QObject):
    """The sys.excepthook of the window.

    Args:
        show_dialogs: False logs only (default: unless SKILLMATRIX_NO_ERROR_DIALOG is set).
    """

    def __init__(self, parent: QObject | None = None, show_dialogs: bool | None = None):
        super().__init__(parent)
        if show_dialogs is None:
            show_dialogs = not os.environ.get("SKILLMATRIX_NO_ERROR_DIALOG")
        self.show_dialogs = show_dialogs
        self.seen: set[tuple] = set()
        self.dialog: QMessageBox | None = None
        self.reported = 0
        self._previous_hook = None

    def install(self) -> None:
        """Makes this the handler of every uncaught exception."""
        self._previous_hook = sys.excepthook
        sys.excepthook = self.handle

    def uninstall(self) -> None:
        """Puts back the hook that was there before install()."""
        if self._previous_hook is not None and sys.excepthook == self.handle:
            sys.excepthook = self._previous_hook
        self._previous_hook = None

    def handle(self, exc_type, exc, tb) -> None:
        """Logs an exception and shows it once."""
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        details = "".join(traceback.format_exception(exc_type, exc, tb))
        log = write_log(details)
        if sys.stderr is not None:
            try:
                sys.stderr.write(details)
            except (OSError, ValueError):
                pass
        frames = traceback.extract_tb(tb)
        place = (frames[-1].filename, frames[-1].lineno) if frames else None
        key = (exc_type.__name__, str(exc), place)
        if key in self.seen:
            return
        self.seen.add(key)
        self.reported += 1
        if self.show_dialogs and QApplication.instance() is not None:
            self._show(f"{exc_type.__name__}: {exc}", details, log)

    def _show(self, summary: str, details: str, log: Path | None) -> None:
        if self.dialog is not None and self.dialog.isVisible():
            return  # one dialog at a time; the rest is in the log
        parent = QApplication.activeWindow()
        box = QMessageBox(parent)
        box.setObjectName("errorDialog")
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle(self.tr("SkillMatrix — 予期しないエラー"))
        box.setText(
            self.tr(
                "予期しないエラーが発生しました。作業は続けられます。"
                "入力済みの内容はデータベースに保存されています。"
            )
        )
        where = self.tr("詳細はログに記録しました: {path}").format(path=log) if log else ""
        box.setInformativeText(f"{summary}\n{where}".strip())
        box.setDetailedText(details)
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.destroyed.connect(self._dialog_gone)
        self.dialog = box
        box.open()

    def _dialog_gone(self) -> None:
        self.dialog = None
