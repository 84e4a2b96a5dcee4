"""Printing the résumé PDF from the window: the job, the PDF opened with QtPdf, the printer.

What goes to the printer is the very PDF that ``skillmatrix print`` writes: reportlab lays
the résumé out once (report/resume.py), QtPdf renders each page at the printer's own
resolution, and QPainter puts the image on the page. There is no second layout in Qt that
could drift from the PDF.

Each page goes to the printer as an opaque image on white paper (QtPdf renders with a
transparent background; some Windows drivers print transparency black or rasterise the
page twice). A page image is capped at MAX_PAGE_BYTES: A4 at 600 dpi would be a
7,016 × 4,961 image (139 MB in the spooler of an old PC), so the page is rendered at the
printer's resolution while that fits, else at the largest resolution that does (about
300 dpi for A4 at 4 bytes a pixel), and the painter scales it to the sheet. Rendering in
bands (QPdfDocumentRenderOptions.setScaledClipRect) would keep the full resolution but is
unusable in QtPdf 6.12: it scales a band of h rows by (h-1)/h, so a 126-row band is drawn
15 rows off and band seams show (measured; see qpdfdocument.cpp render()).

The paper is A4 unless the user picks another size in the print dialog: settle_paper()
after the dialog keeps a size the user chose and otherwise puts A4 back (a driver whose
default is Letter would otherwise shrink the résumé).
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
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import QMessageBox, QWidget

from skillmatrix.domain.model import Category, Level, Staff
from skillmatrix.report.fonts import ReportError
from skillmatrix.report.glyphs import Missing
from skillmatrix.report.options import PrintOptions, initials
from skillmatrix.report.resume import build_resume, find_missing

MAX_PAGE_BYTES = 40 * 1024 * 1024  # one page image in the spooler (RGB32: 4 bytes a pixel)
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
        build_resume(self.staff, self.levels, self.categories, out, self.options)
        return out.getvalue()

    def missing_characters(self) -> list[Missing]:
        """Returns the characters no font of the chain has (printed as 〓), with where
        they are, so the window can warn before printing."""
        return find_missing([self.staff], self.categories, self.options)

    def write(self, path: Path) -> int:
        """Writes the PDF to path (complete or not at all); returns the number of pages.

        Raises:
            ReportError, OSError: the font cannot be used, or the file cannot be written.
        """
        # The document title (「スキル履歴書 氏名」, or 「スキル履歴書」 when masked) is
        # made by build_resumes.
        return build_resume(self.staff, self.levels, self.categories, path, self.options)

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


def printer_default_paper(printer: QPrinter) -> QPageSize:
    """Returns the paper the printer's driver defaults to (invalid for PDF output)."""
    return QPrinterInfo(printer).defaultPageSize()


def settle_paper(printer: QPrinter) -> QPageSize:
    """Decides the paper after the print dialog: what the user picked there, else A4.

    A size that is neither A4 nor the driver's own default was chosen by the user and is
    kept; the driver's default (Letter on many drivers, restored when the dialog switches
    printer or output) is not a choice, and A4 is put back.

    Returns:
        The paper now set on the printer.
    """
    a4 = QPageSize(QPageSize.PageSizeId.A4)
    chosen = printer.pageLayout().pageSize()
    default = printer_default_paper(printer)
    if not chosen.isValid() or chosen.id() == QPageSize.PageSizeId.A4:
        paper = a4
    elif default.isValid() and chosen.id() == default.id():
        paper = a4
    else:
        paper = chosen
    printer.setPageSize(paper)
    return paper


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
    if not printer.pageLayout().pageSize().isValid():
        printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
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
    """Renders one page to fit the sheet, centred, opaque, at the printer's resolution or
    less (page_image); the painter scales it to the sheet."""
    size = document.pagePointSize(page)
    scale = min(sheet.width() / size.width(), sheet.height() / size.height())
    target = QRectF(0, 0, size.width() * scale, size.height() * scale)
    target.moveCenter(QRectF(sheet).center())
    painter.drawImage(
        target, page_image(document, page, QSize(round(target.width()), round(target.height())))
    )


def page_image(document: QPdfDocument, page: int, wanted: QSize, budget: int = MAX_PAGE_BYTES) -> QImage:
    """Renders a page as an opaque white image of the wanted size, or smaller (same
    proportions) so that it takes at most budget bytes."""
    pixels = max(1, wanted.width() * wanted.height())
    shrink = min(1.0, (budget / 4 / pixels) ** 0.5)
    size = QSize(max(1, int(wanted.width() * shrink)), max(1, int(wanted.height() * shrink)))
    return on_white(document.render(page, size))


def on_white(image: QImage) -> QImage:
    """Returns a rendered page on white paper: QtPdf leaves the background transparent."""
    paper = QImage(image.size(), QImage.Format.Format_RGB32)
    paper.fill(Qt.GlobalColor.white)
    painter = QPainter(paper)
    painter.drawImage(0, 0, image)
    painter.end()
    return paper


def confirm_missing(parent: QWidget, missing: list[Missing]) -> bool:
    """Asks whether to print although some characters will print as 〓 (a seam: the
    tests answer it). True to print."""
    lines = "\n".join(m.describe() for m in missing[:20])
    more = len(missing) - 20
    if more > 0:
        lines += "\n" + QCoreApplication.translate("printing", "ほか {n} か所").format(n=more)
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        QCoreApplication.translate("printing", "印刷できない文字があります"),
        QCoreApplication.translate(
            "printing",
            "次の文字はどのフォントにもないため「〓」で印刷されます。"
            "外字フォントは「印刷の設定」で指定できます。\n\n{lines}\n\nこのまま印刷しますか？",
        ).format(lines=lines),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        parent,
    )
    box.setObjectName("missingCharactersDialog")
    return box.exec() == QMessageBox.StandardButton.Yes


def show_error(parent: QWidget, title: str, message: str) -> QMessageBox:
    """Says why printing failed, in a box that does not block (objectName printErrorDialog)."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("printErrorDialog")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
