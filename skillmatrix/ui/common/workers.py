"""Long file work (export, checking an incoming file, importing, backups) off the GUI thread.

The store connection of the window belongs to the GUI thread: a job opens its own
connection (Store.open) inside the worker and closes it before it ends. A job's result or
its expected error comes back to the GUI thread through a queued signal; an unexpected
exception comes back too and is re-raised there, so the program's error handler logs it.

The owner keeps every running worker in a WorkerPool and waits for them before the
database is closed (closing the window, opening another file).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, QTimer, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from skillmatrix.domain.dates import DateError
from skillmatrix.domain.model import ValidationError
from skillmatrix.progress import Cancelled
from skillmatrix.store.errors import StoreError

# What a job may raise and the user can act on: shown as a sentence, not as a crash.
EXPECTED = (StoreError, ValidationError, DateError, Cancelled)


def explain(error: BaseException) -> str:
    """Returns the Japanese sentence of an expected error (a ValidationError lists its
    first problems, one a line)."""
    if isinstance(error, ValidationError):
        shown = error.problems[:8]
        more = len(error.problems) - len(shown)
        return "\n".join(shown) + (f"\n…ほか{more}件" if more > 0 else "")
    return str(error)


class Worker(QThread):
    """Runs one callable in its own thread.

    Signals:
        succeeded(object): the callable's return value.
        failed(object): the exception it raised.
    """

    succeeded = Signal(object)
    failed = Signal(object)
    progressed = Signal(object)

    def __init__(self, job: Callable[..., Any], parent: QObject | None = None, reports: bool = False):
        super().__init__(parent)
        self.job = job
        self.reports = reports

    def run(self) -> None:
        try:
            result = self.job(self.progressed.emit) if self.reports else self.job()
        except BaseException as error:  # noqa: BLE001 - handed to the GUI thread
            self.failed.emit(error)
            return
        self.succeeded.emit(result)


class _Relay(QObject):
    """Receives a worker's signals in the GUI thread and calls the owner's callbacks."""

    def __init__(self, done, failed, progress, parent: QObject):
        super().__init__(parent)
        self.done, self.on_failure, self.progress = done, failed, progress
        self.ended_callback: Callable[[], None] = lambda: None

    @Slot(object)
    def succeeded(self, result: Any) -> None:
        self.done(result)

    @Slot(object)
    def failed(self, error: BaseException) -> None:
        if self.on_failure is not None:
            self.on_failure(error)
        if not isinstance(error, EXPECTED):
            raise error

    @Slot(object)
    def progressed(self, value: Any) -> None:
        if self.progress is not None:
            self.progress(value)

    @Slot()
    def ended(self) -> None:
        self.ended_callback()


class WorkerPool(QObject):
    """The running workers of one window."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.running: list[Worker] = []

    def start(
        self,
        job: Callable[..., Any],
        done: Callable[[Any], None],
        failed: Callable[[BaseException], None] | None = None,
        progress: Callable[[Any], None] | None = None,
    ) -> Worker:
        """Runs job in a worker; done(result) or failed(error) runs in the GUI thread.

        With progress, job is called with a report(value) function; progress(value)
        then runs in the GUI thread for each report. An error that is not EXPECTED (a
        bug) is raised again in the GUI thread after failed() ran, so that the error
        handler logs and shows it.
        """
        worker = Worker(job, reports=progress is not None)
        relay = _Relay(done, failed, progress, self)
        # Queued to the relay, which lives in the GUI thread: the callbacks run there
        # whatever thread emits.
        queued = Qt.ConnectionType.QueuedConnection
        worker.succeeded.connect(relay.succeeded, queued)
        worker.failed.connect(relay.failed, queued)
        worker.progressed.connect(relay.progressed, queued)
        worker.finished.connect(relay.ended, queued)
        relay.ended_callback = lambda: self._forget(worker, relay)
        self.running.append(worker)
        worker.start()
        return worker

    def _forget(self, worker: Worker, relay: QObject) -> None:
        if worker in self.running:
            self.running.remove(worker)
        worker.deleteLater()
        relay.deleteLater()

    def busy(self) -> bool:
        """True while a worker runs."""
        return any(w.isRunning() for w in self.running)

    def wait_all(self) -> None:
        """Blocks until every worker has finished (before the database is closed)."""
        for worker in list(self.running):
            worker.wait()


def busy_dialog(parent: QWidget, text: str, object_name: str = "progressDialog") -> QProgressDialog:
    """Returns a window-modal 'working…' dialog without a cancel button, shown only if the
    work takes longer than half a second. Close it with .close() when the work is done."""
    dialog = QProgressDialog(text, "", 0, 0, parent)
    dialog.setObjectName(object_name)
    dialog.setWindowTitle(parent.tr("SkillMatrix"))
    dialog.setCancelButton(None)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(500)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setValue(0)
    return dialog


def cancellable_progress(parent: QWidget, text: str, object_name: str) -> QProgressDialog:
    """Returns a window-modal progress dialog with a 中止 button, shown if the work takes
    longer than half a second; the caller connects its canceled signal and closes it."""
    dialog = QProgressDialog(text, parent.tr("中止"), 0, 0, parent)
    dialog.setObjectName(object_name)
    dialog.setWindowTitle(parent.tr("SkillMatrix"))
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(500)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setValue(0)
    return dialog


class CancelFlag:
    """Set from the GUI thread, read by a worker's progress callback, which then raises
    progress.Cancelled (the store rolls its transaction back)."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def set(self) -> None:
        """Asks the worker to stop at its next progress report."""
        self._event.set()

    def is_set(self) -> bool:
        """True once cancelling was asked."""
        return self._event.is_set()


def later(func: Callable[[], None], ms: int = 0) -> None:
    """Runs func from the event loop (after the current event, e.g. once a window is shown)."""
    QTimer.singleShot(ms, func)
