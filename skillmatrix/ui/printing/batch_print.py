"""Printing many résumés at once (Print all / the people shown or selected), cancellable.

The PDF is built in a worker thread so the window stays responsive and the progress dialog
can be cancelled. The worker opens its own read-only Store on the database file: the
window's sqlite connection belongs to the GUI thread, and reading the people one batch at
a time in the worker (Store.iter_staff) keeps memory flat for a thousand résumés. The
progress callback of build_resumes emits a signal to the dialog and returns False once
Cancel was pressed; build_resumes then stops and leaves no file (nor replaces one).

To a printer, the worker writes the PDF to a temporary folder and the window then prints
its pages (printing.print_document, one page at a time with the same dialog), and removes
the folder.
"""

from __future__ import annotations

import shutil
import tempfile
import threading
import traceback
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThread, Signal
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QProgressDialog, QWidget

from skillmatrix.report.fonts import ReportError
from skillmatrix.report.options import PrintOptions
from skillmatrix.report.resume import PrintCancelled, build_resumes
from skillmatrix.store.errors import StoreError
from skillmatrix.store.repository import Store
from skillmatrix.ui.common.errors import write_log
from skillmatrix.ui.printing.page_rendering import PdfSource, print_document


class BatchWorker(QThread):
    """Builds one PDF of many résumés in its own thread.

    After finished: `pages` (> 0 when written), `cancelled`, or `error` (one Japanese line).

    Signals:
        progressed(done, total): before each résumé, and (total, total) at the end.
    """

    progressed = Signal(int, int)

    def __init__(
        self, db_path: Path, ids: list[str], out: Path, options: PrintOptions, parent: QObject | None = None
    ):
        super().__init__(parent)
        self.db_path, self.ids, self.out, self.options = Path(db_path), list(ids), Path(out), options
        self._cancel = threading.Event()
        self.pages = 0
        self.cancelled = False
        self.error: str | None = None

    def cancel(self) -> None:
        """Asks the job to stop before the next résumé (safe from any thread)."""
        self._cancel.set()

    def _progress(self, done: int, total: int) -> bool:
        self.progressed.emit(done, total)
        return not self._cancel.is_set()

    def run(self) -> None:
        try:
            with Store.open(self.db_path, readonly=True) as store:
                self.pages = build_resumes(
                    store.iter_staff(self.ids),
                    store.levels(),
                    store.categories(),
                    self.out,
                    self.options,
                    progress=self._progress,
                    total=len(self.ids),
                )
        except PrintCancelled:
            self.cancelled = True
        except (ReportError, StoreError, OSError) as error:
            self.error = str(error)
        except Exception as error:  # noqa: BLE001 - a thread must report, never die silently
            write_log("".join(traceback.format_exception(error)))
            self.error = f"{type(error).__name__}: {error}"


class BatchPrint(QObject):
    """One batch job from start to end, with its progress dialog.

    Signals:
        done(str): the job ended; the sentence says how (written, printed, cancelled,
            failed), for the status bar.
        failed(str): the job could not be done; the sentence says why.
    """

    done = Signal(str)
    failed = Signal(str)

    def __init__(
        self,
        parent_widget: QWidget,
        db_path: Path,
        ids: list[str],
        options: PrintOptions,
        out: Path | None = None,
        printer: QPrinter | None = None,
    ):
        super().__init__(parent_widget)
        self.parent_widget = parent_widget
        self.ids, self.out, self.printer = list(ids), out, printer
        self._folder: Path | None = None
        if out is None:
            self._folder = Path(tempfile.mkdtemp(prefix="skillmatrix-print-"))
            target = self._folder / "resumes.pdf"
        else:
            target = out
        self.worker = BatchWorker(db_path, ids, target, options, self)
        self.progress = QProgressDialog(
            self.tr("スキル履歴書を作成しています…"), self.tr("キャンセル"), 0, len(ids), parent_widget
        )
        self.progress.setObjectName("printProgress")
        self.progress.setWindowTitle(self.tr("まとめて印刷"))
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setAutoClose(False)
        self.progress.setAutoReset(False)
        self.progress.setMinimumDuration(300)
        self.progress.canceled.connect(self.worker.cancel)
        self.worker.progressed.connect(self._progressed)
        self.worker.finished.connect(self._built)

    def start(self) -> None:
        self.progress.setValue(0)
        self.worker.start()

    def cancel(self) -> None:
        """Stops the job and waits for the worker (the window is closing)."""
        self.worker.cancel()
        self.worker.wait()

    def is_running(self) -> bool:
        return self.worker.isRunning()

    def _progressed(self, done: int, total: int) -> None:
        if self.progress.wasCanceled():  # also when cancelled by Esc or closing the dialog
            self.worker.cancel()
            return
        self.progress.setLabelText(
            self.tr("スキル履歴書を作成しています… {done} / {total}名").format(
                done=min(done + 1, total), total=total
            )
        )
        self.progress.setValue(done)

    def _built(self) -> None:
        worker = self.worker
        try:
            if worker.cancelled:
                self._finish(self.tr("印刷を取り消しました（ファイルは作成していません）"))
            elif worker.error:
                self._finish(None, worker.error)
            elif self.printer is None:
                self._finish(
                    self.tr("{n}名分（{pages}ページ）をPDFに書き出しました: {path}").format(
                        n=len(self.ids), pages=worker.pages, path=self.out
                    )
                )
            else:
                self._print_pages(worker.out)
        finally:
            self._remove_folder()

    def _print_pages(self, path: Path) -> None:
        if self.printer is None:  # _built() calls this only when printing to a printer
            return
        try:
            source = PdfSource(path=path, parent=self)
        except ReportError as error:
            self._finish(None, str(error))
            return
        self.progress.setRange(0, source.page_count())
        self.progress.setValue(0)
        self.progress.setLabelText(self.tr("プリンターに送っています…"))

        def step(done: int, total: int) -> bool:
            self.progress.setLabelText(
                self.tr("プリンターに送っています… {done} / {total}ページ").format(done=done, total=total)
            )
            self.progress.setValue(done)
            return not self.progress.wasCanceled()

        try:
            printed = print_document(source.document, self.printer, step)
        except ReportError as error:
            self._finish(None, str(error))
            return
        finally:
            source.close()
        if printed < 0:
            self._finish(self.tr("印刷を取り消しました"))
        else:
            self._finish(
                self.tr("{n}名分（{pages}ページ）を印刷しました").format(n=len(self.ids), pages=printed)
            )

    def _finish(self, message: str | None, error: str | None = None) -> None:
        self.progress.reset()
        self.progress.hide()
        self.progress.deleteLater()
        if error is not None:
            self.failed.emit(error)
            message = self.tr("印刷できませんでした: {error}").format(error=error)
        self.done.emit(message)

    def _remove_folder(self) -> None:
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
            self._folder = None
