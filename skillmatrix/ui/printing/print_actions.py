"""Connects the window's print actions: preview, print, export PDF and print many.

    actionPrintPreview  (Ctrl+Shift+P)  the shown person's résumé in the preview
    actionPrint         (Ctrl+P)        print choices, the system's print dialog, print
    actionExportPdf     (Ctrl+Shift+E)  print choices, a file name, the PDF
    actionPrintAll                      whom (everyone / shown by the filter / selected),
                                        choices, PDF file or printer; in the background

menus.py creates these actions disabled (「準備中」); install_printing() connects them and
enables each whenever there is something to print. The QPrinter is made once and kept: Qt
needs it alive for as long as a job or dialog uses it (a temporary one crashes), and it
remembers the printer the user chose last.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QGuiApplication, QKeySequence, QPageSize
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QFileDialog, QProgressDialog, QWidget

from skillmatrix.domain.radar import targets_of
from skillmatrix.report.fonts import ReportError
from skillmatrix.report.options import PrintOptions
from skillmatrix.report.resume import find_missing
from skillmatrix.store.department import DepartmentStore
from skillmatrix.ui.printing import page_rendering as printing
from skillmatrix.ui.printing.batch_print import BatchPrint
from skillmatrix.ui.printing.page_rendering import PdfSource, ResumeJob, safe_file_name, show_error
from skillmatrix.ui.printing.preview import PreviewDialog
from skillmatrix.ui.printing.print_dialog import PrintChoicesDialog, Scope, load_options, save_options
from skillmatrix.ui.printing.qt_fonts import register_fallback_fonts

SINGLE_ACTIONS = ("actionPrintPreview", "actionPrint", "actionExportPdf")


def install_printing(window) -> PrintController:
    """Connects and enables the window's print actions; returns the controller."""
    return PrintController(window)


class PrintController(QObject):
    """The print commands of one main window."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.printer: QPrinter | None = None
        self.batch: BatchPrint | None = None
        self.preview_dialog = None
        keys = {
            "actionPrintPreview": [QKeySequence("Ctrl+Shift+P")],
            "actionExportPdf": [QKeySequence("Ctrl+Shift+E")],
        }
        slots = {
            "actionPrintPreview": self.preview,
            "actionPrint": self.print_current,
            "actionExportPdf": self.export_current,
            "actionPrintAll": self.print_many,
        }
        for name, slot in slots.items():
            action = window.action(name)
            action.triggered.connect(slot)
            action.setToolTip("")
            action.setStatusTip("")
            if name in keys and not action.shortcuts():
                action.setShortcuts(keys[name])
        window.session.current_changed.connect(self.update_actions)
        window.staff_panel.model.modelReset.connect(self.update_actions)
        window.session.store_replaced.connect(self.update_actions)
        window.installEventFilter(self)  # to stop a batch job before the window closes
        # The window shows names with the same 外字 fonts the résumé prints them with.
        register_fallback_fonts(self.options().fallback_font)
        self.update_actions()

    # -- state ----------------------------------------------------------------------------------

    def update_actions(self, *_args) -> None:
        shown = self.window.current_staff() is not None
        for name in SINGLE_ACTIONS:
            self.window.action(name).setEnabled(shown)
        busy = self.batch is not None and self.batch.is_running()
        self.window.action("actionPrintAll").setEnabled(
            self.window.staff_panel.model.total() > 0 and not busy
        )

    def eventFilter(self, watched, event) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Close and self.batch is not None:
            self.batch.cancel()
        return False

    def options(self) -> PrintOptions:
        """Returns the remembered print choices (dates in the window's style by default),
        with everyone's 求める人材像 for the optional radar chart section."""
        options = load_options(self.window.settings, self.window.session.date_style)
        department = DepartmentStore(self.window.session.store)
        people = [(p[0], p[3]) for p in department.people()]
        return replace(
            options, targets=targets_of(people, department.assigned_profiles(), department.profiles())
        )

    def remember(self, options: PrintOptions) -> None:
        save_options(self.window.settings, options)
        register_fallback_fonts(options.fallback_font)

    def _job(self) -> ResumeJob | None:
        self.window.sheet_editor.commit_open_editors()
        staff = self.window.current_staff()
        if staff is None:
            return None
        session = self.window.session
        return ResumeJob(staff, tuple(session.levels), tuple(session.categories), self.options())

    def _parent(self) -> QWidget:
        """The window a dialog belongs to: the open preview, else the main window."""
        modal = QApplication.activeModalWidget()
        return modal if modal is not None and modal.isVisible() else self.window

    def _printer(self) -> QPrinter:
        if self.printer is None:
            self.printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        return self.printer

    def _choices(self, options: PrintOptions, accept_text: str, then, **batch) -> PrintChoicesDialog:
        """Opens the print choices without blocking; then(dialog) runs after OK."""
        dialog = PrintChoicesDialog(options, accept_text, self.window, **batch)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def accepted() -> None:
            self.remember(dialog.options(options))
            then(dialog)

        dialog.accepted.connect(accepted)
        dialog.open()
        return dialog

    def _failed(self, message: str) -> None:
        show_error(self.window, self.tr("印刷できません"), message)
        self.window.statusBar().showMessage(self.tr("印刷できませんでした: {m}").format(m=message), 15000)

    # -- one résumé ------------------------------------------------------------------------------

    def preview(self):
        """Shows the shown person's résumé in the print preview (with the remembered choices)."""

        job = self._job()
        if job is None:
            return None
        dialog = PreviewDialog(
            job, self.print_source, self.export_job, self.remember, self.window, self.window.settings
        )
        if dialog.source is None:  # the PDF could not be made; the message is open
            dialog.deleteLater()
            return None
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.preview_dialog = dialog
        dialog.open()
        return dialog

    def print_current(self) -> None:
        """Print choices, then the system's print dialog, then the printer."""
        job = self._job()
        if job is not None:
            self._choices(
                job.options,
                self.tr("印刷(&P)…"),
                lambda d: self._print_job(job.with_options(d.options(job.options))),
            )

    def _missing_ok(self, job: ResumeJob) -> bool:
        """Warns of characters that will print as 〓; True to go on printing."""
        try:
            missing = job.missing_characters()
        except ReportError:
            return True  # the print itself reports the error
        return not missing or printing.confirm_missing(self._parent(), missing)

    def _print_job(self, job: ResumeJob) -> None:
        if not self._missing_ok(job):
            return
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            source = PdfSource(job.pdf(), parent=self)
        except ReportError as error:
            self._failed(str(error))
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        try:
            self.print_source(source, self.tr("スキル履歴書 {name}").format(name=job.display_name()))
        finally:
            source.close()
            source.deleteLater()

    def print_source(self, source: PdfSource, title: str) -> bool:
        """Asks for the printer and prints a loaded PDF, page by page; True when printed."""
        printer = self._printer()
        printing.prepare_printer(printer, source.document, title)
        if not printing.ask_printer(printer, self._parent()):
            return False
        printing.settle_paper(printer)
        progress = QProgressDialog(
            self.tr("プリンターに送っています…"),
            self.tr("キャンセル"),
            0,
            source.page_count(),
            self._parent(),
        )
        progress.setObjectName("printProgress")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(500)

        def step(done: int, total: int) -> bool:
            progress.setValue(done)
            return not progress.wasCanceled()

        try:
            pages = printing.print_document(source.document, printer, step)
        except ReportError as error:
            self._failed(str(error))
            return False
        finally:
            progress.deleteLater()
        if pages < 0:
            self.window.statusBar().showMessage(self.tr("印刷を取り消しました"), 8000)
            return False
        self.window.statusBar().showMessage(self.tr("{pages}ページを印刷しました").format(pages=pages), 8000)
        return True

    def export_current(self) -> None:
        """Print choices, then a file name, then the PDF."""
        job = self._job()
        if job is not None:
            self._choices(
                job.options,
                self.tr("書き出す(&E)…"),
                lambda d: self.export_job(job.with_options(d.options(job.options))),
            )

    def ask_pdf_path(self, name: str) -> Path | None:
        """Asks where to save a PDF, starting in the last folder used."""
        folder = printing.default_folder(self.window.settings)
        path, _ = QFileDialog.getSaveFileName(
            self._parent(), self.tr("PDFに書き出す"), str(folder / name), self.tr("PDFファイル (*.pdf)")
        )
        if not path:
            return None
        chosen = printing.with_pdf_suffix(path)
        self.window.settings.setValue("print/folder", str(chosen.parent))
        return chosen

    def export_job(self, job: ResumeJob) -> Path | None:
        """Asks for a file name and writes the résumé's PDF there; returns the file."""
        if not self._missing_ok(job):
            return None
        path = self.ask_pdf_path(job.file_name())
        if path is None:
            return None
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            pages = job.write(path)
        except (ReportError, OSError) as error:
            self._failed(str(error))
            return None
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.window.statusBar().showMessage(
            self.tr("PDFに書き出しました（{pages}ページ）: {path}").format(pages=pages, path=path), 15000
        )
        return path

    # -- many résumés ------------------------------------------------------------------------------

    def scopes(self) -> list[Scope]:
        """Whom a batch job may print: everyone, those the filter shows, those selected."""
        panel = self.window.staff_panel
        model = panel.model
        everyone = tuple(model.ids())
        shown = tuple(model.summary(row).id for row in range(model.rowCount()))
        rows = sorted({index.row() for index in panel.view.selectionModel().selectedRows()})
        selected = tuple(model.summary(row).id for row in rows if model.summary(row) is not None)
        result = [Scope("all", self.tr("すべての職員（{n}名）").format(n=len(everyone)), everyone)]
        if model.filter_text.strip() and len(shown) < len(everyone):
            result.append(
                Scope("shown", self.tr("絞り込みで表示中の職員（{n}名）").format(n=len(shown)), shown)
            )
        if len(selected) > 1:
            result.append(
                Scope("selected", self.tr("選択中の職員（{n}名）").format(n=len(selected)), selected)
            )
        return result

    def print_many(self):
        """Asks whom and how, then prints their résumés into one PDF or on a printer."""
        if self.batch is not None and self.batch.is_running():
            return None
        self.window.sheet_editor.commit_open_editors()
        destination = str(self.window.settings.value("print/destination", "pdf"))
        return self._choices(
            self.options(),
            self.tr("印刷(&P)…"),
            self._start_batch,
            scopes=self.scopes(),
            destination=destination,
        )

    def _start_batch(self, dialog: PrintChoicesDialog) -> None:
        scope, destination = dialog.scope(), dialog.destination()
        options = dialog.options(self.options())
        self.window.settings.setValue("print/destination", destination)
        if scope is None:
            return
        if not self._batch_missing_ok(list(scope.ids), options):
            return
        out = printer = None
        if destination == "pdf":
            stem = f"スキル履歴書_{len(scope.ids)}名_{options.day():%Y%m%d}"
            out = self.ask_pdf_path(safe_file_name(stem))
            if out is None:
                return
        else:
            printer = self._printer()
            printer.setDocName(self.tr("スキル履歴書（{n}名）").format(n=len(scope.ids)))
            printer.setFullPage(True)
            printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
            if not printing.ask_printer(printer, self.window):
                return
            printing.settle_paper(printer)
        self.batch = BatchPrint(
            self.window, self.window.store.path, list(scope.ids), options, out=out, printer=printer
        )
        self.batch.done.connect(self._batch_done)
        self.batch.failed.connect(lambda message: show_error(self.window, self.tr("印刷できません"), message))
        self.batch.start()
        self.update_actions()

    def _batch_missing_ok(self, ids: list[str], options: PrintOptions) -> bool:
        """Lists, before a batch print, the characters that will print as 〓 (read from the
        sheets without laying them out); True to go on printing."""
        session = self.window.session
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            missing = find_missing(session.store.iter_staff(ids), session.categories, options)
        except ReportError:
            return True  # the print itself reports the error
        finally:
            QGuiApplication.restoreOverrideCursor()
        return not missing or printing.confirm_missing(self.window, missing)

    def _batch_done(self, message: str) -> None:
        self.window.statusBar().showMessage(message, 15000)
        batch, self.batch = self.batch, None
        if batch is not None:
            batch.deleteLater()
        self.update_actions()
