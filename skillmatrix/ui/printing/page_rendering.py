"""Printing the résumé PDF from the window: the job, the PDF opened with QtPdf, the printer.

What goes to the printer is the very PDF that ``skillmatrix print`` writes: reportlab lays
the résumé out once (report/resume.py), QtPdf renders each page at the printer's own
resolution, and QPainter puts the image on the page. There is no second layout in Qt that
could drift from the PDF.

Each page is rendered whole, at the printer's resolution up to MAX_RENDER_DPI: A4 at
600 dpi is a 7,016 × 4,961 image (139 MB), at 1200 dpi (what QPrinter's HighResolution
gives a PDF file) it would be 557 MB, so beyond 600 dpi the painter scales the image up.
Rendering in bands (QPdfDocumentRenderOptions.setScaledClipRect) would bound the memory
but is unusable in QtPdf 6.12: it scales a band of h rows by (h-1)/h, so a 126-row band
is drawn 15 rows off and band seams show (measured; see qpdfdocument.cpp render()).
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QIODevice,
    QObject,
    QRect,
    QRectF,
    QSize,
    QStandardPaths,
    Qt,
)
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QMessageBox, QWidget

from skillmatrix.domain.model import Category, Level, Staff
from skillmatrix.report.fonts import ReportError
from skillmatrix.report.options import PrintOptions, initials
from skillmatrix.report.resume import build_resume

MAX_RENDER_DPI = 600  # laser printers print 600 dpi; a page image stays at 139 MB
MAX_STEM = 100  # characters; NTFS allows 255 UTF-16 units, a folder path comes on top
_FORBIDDEN = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]')
_RESERVED = {
    "CON",
    "PRN",
    "AUX",
    "NUL",
    *(f"COM{i}" for i in range(1, 10)),
    *(f"LPT{i}" for i in range(1, 10)),
}


@dataclass(frozen=True)
class ResumeJob:
    """One person's résumé with the choices it is printed with."""

    staff: Staff
    levels: tuple[Level, ...]
    categories: tuple[Category, ...]
    options: PrintOptions

    def with_options(self, options: PrintOptions) -> ResumeJob:
        return replace(self, options=options)

    def display_name(self) -> str:
        """Returns the name as the print shows it (initials when masked)."""
        if self.options.masked:
            return initials(self.staff.name, self.staff.kana)
        return self.staff.name

    def pdf(self) -> bytes:
        """Lays the résumé out and returns the PDF.

        Raises:
            ReportError: the font cannot be used (one Japanese line).
        """
        out = io.BytesIO()
        build_resume(self.staff, self.levels, self.categories, out, self._titled())
        return out.getvalue()

    def write(self, path: Path) -> int:
        """Writes the PDF to path (complete or not at all); returns the number of pages.

        Raises:
            ReportError, OSError: the font cannot be used, or the file cannot be written.
        """
        return build_resume(self.staff, self.levels, self.categories, path, self._titled())

    def _titled(self) -> PrintOptions:
        return replace(self.options, title=f"スキル履歴書 {self.display_name()}")

    def file_name(self) -> str:
        """Returns the default file name, e.g. 「スキル履歴書_湘南 太郎.pdf」."""
        return safe_file_name(f"スキル履歴書_{self.display_name()}")


def safe_file_name(stem: str, suffix: str = ".pdf", fallback: str = "スキル履歴書") -> str:
    """Turns a text (a person's name) into a file name every system accepts.

    Path separators, characters Windows forbids and control characters become 「_」, runs
    of white space one space, leading and trailing dots and spaces go, and a name Windows
    reserves for devices (CON, NUL, COM1, …) gets a 「_」 in front.
    """
    text = " ".join(unicodedata.normalize("NFC", stem).split())  # line breaks, tabs, 全角空白
    text = _FORBIDDEN.sub("_", text).strip(" .")[:MAX_STEM].rstrip(" .")
    if text.split(".")[0].strip().upper() in _RESERVED:
        text = "_" + text
    return (text or fallback) + suffix


def default_folder(settings) -> Path:
    """Returns where a PDF is saved by default: the last folder used, else 「ドキュメント」."""
    last = settings.value("print/folder", "")
    if last and Path(last).is_dir():
        return Path(last)
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents and Path(documents).is_dir() else Path.home()


def with_pdf_suffix(path: str) -> Path:
    """Adds .pdf to a name the user typed without it."""
    result = Path(path)
    return result if result.suffix.lower() == ".pdf" else result.with_name(result.name + ".pdf")


class PdfSource(QObject):
    """A PDF opened with QtPdf, from bytes in memory or from a file.

    The bytes and the QBuffer are kept as attributes: QPdfDocument reads from the
    device for as long as it is open.

    Raises:
        ReportError: the PDF cannot be opened.
    """

    def __init__(self, data: bytes | None = None, path: Path | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.data = data
        self.document = QPdfDocument(self)
        if data is not None:
            self._bytes = QByteArray(data)
            self._buffer = QBuffer(self._bytes, self)
            self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
            self.document.load(self._buffer)
        else:
            self.document.load(str(path))
        if self.document.status() != QPdfDocument.Status.Ready or self.document.pageCount() < 1:
            raise ReportError(
                self.tr("印刷用のPDFを開けません（{error}）").format(error=self.document.error().name)
            )

    def page_count(self) -> int:
        return self.document.pageCount()

    def close(self) -> None:
        self.document.close()


def prepare_printer(printer: QPrinter, document: QPdfDocument, title: str) -> None:
    """Sets the paper (A4), orientation of the first page and job name before the dialog."""
    printer.setDocName(title)
    printer.setFullPage(True)  # the PDF has its own margins: place it on the whole sheet
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(_orientation(document, 0))
    printer.setFromTo(0, 0)


def _orientation(document: QPdfDocument, page: int) -> QPageLayout.Orientation:
    size = document.pagePointSize(page)
    return (
        QPageLayout.Orientation.Landscape
        if size.width() > size.height()
        else QPageLayout.Orientation.Portrait
    )


def ask_printer(printer: QPrinter, parent: QWidget | None) -> bool:
    """Shows the system's print dialog; True when the user chose to print.

    A seam: the tests replace it to choose a PDF output file without a dialog.
    """
    dialog = QPrintDialog(printer, parent)
    dialog.setObjectName("printDialog")
    dialog.setWindowTitle(dialog.tr("印刷"))
    return dialog.exec() == QPrintDialog.DialogCode.Accepted


def print_document(
    document: QPdfDocument, printer: QPrinter, progress: Callable[[int, int], bool] | None = None
) -> int:
    """Prints a PDF's pages (or the range chosen in the print dialog) on printer.

    Each page is rendered at the printer's resolution and scaled to fit the sheet,
    keeping its proportions (1:1 for A4 on A4).

    Args:
        document: the loaded PDF.
        printer: a configured printer (a real one or PdfFormat to a file).
        progress: called as progress(done, total) after each page; returning False
            aborts the job.

    Returns:
        The number of pages printed; -1 when progress cancelled the job.

    Raises:
        ReportError: the printer could not be started.
    """
    count = document.pageCount()
    first, last = 0, count - 1
    if printer.fromPage() > 0:
        first = min(printer.fromPage(), count) - 1
        last = min(max(printer.toPage(), printer.fromPage()), count) - 1
    pages = range(first, last + 1)
    # Again here: choosing the output format (in the print dialog) resets it. The PDF has
    # its own margins, so the painter's origin must be the sheet's corner.
    printer.setFullPage(True)
    printer.setPageOrientation(_orientation(document, first))
    painter = QPainter()
    if not painter.begin(printer):
        raise ReportError(
            QCoreApplication.translate("printing", "プリンターを使えません（接続と設定を確かめてください）")
        )
    try:
        for done, page in enumerate(pages):
            if done:
                printer.setPageOrientation(_orientation(document, page))
                printer.newPage()
            resolution = printer.resolution()
            _paint_page(painter, document, page, printer.pageLayout().fullRectPixels(resolution), resolution)
            if progress is not None and progress(done + 1, len(pages)) is False:
                printer.abort()
                return -1
    finally:
        if painter.isActive():
            painter.end()
    return len(pages)


def _paint_page(painter: QPainter, document: QPdfDocument, page: int, sheet: QRect, resolution: int) -> None:
    """Renders one page to fit the sheet, centred, at the printer's resolution (at most
    MAX_RENDER_DPI; the painter scales up beyond)."""
    size = document.pagePointSize(page)
    scale = min(sheet.width() / size.width(), sheet.height() / size.height())
    target = QRectF(0, 0, size.width() * scale, size.height() * scale)
    target.moveCenter(QRectF(sheet).center())
    render = min(1.0, MAX_RENDER_DPI / max(resolution, 1))
    image = document.render(page, QSize(round(target.width() * render), round(target.height() * render)))
    # The page's background is transparent: the sheet's white shows through.
    painter.drawImage(target, image)


def on_white(image: QImage) -> QImage:
    """Returns a rendered page on white paper: QtPdf leaves the background transparent."""
    paper = QImage(image.size(), QImage.Format.Format_RGB32)
    paper.fill(Qt.GlobalColor.white)
    painter = QPainter(paper)
    painter.drawImage(0, 0, image)
    painter.end()
    return paper


def show_error(parent: QWidget, title: str, message: str) -> QMessageBox:
    """Says why printing failed, in a box that does not block (objectName printErrorDialog)."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("printErrorDialog")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
