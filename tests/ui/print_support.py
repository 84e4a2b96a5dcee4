"""Helpers of the printing tests: a window on demo staff, dialogs answered without a user,
and PDFs read back."""

from __future__ import annotations

import re
from pathlib import Path

import pypdf
from PySide6.QtGui import QImage
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog

from skillmatrix.app import create_window
from skillmatrix.demo.generated import generated_staff, seed_staff
from skillmatrix.store.repository import Store
from skillmatrix.ui.printing import page_rendering as printing


def make_demo(path: Path, generated: int) -> list[str]:
    """Creates a database with the seed's two résumés and generated people; returns names."""
    with Store.create(path) as store:
        categories = store.categories()
        people = seed_staff(categories) + generated_staff(generated, categories)
        store.add_many(people, "demo", "tests")
        return [p.name for p in store.iter_staff()]


def open_window(qtbot, path: Path):
    window = create_window(path)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    return window


def show_person(window, name: str) -> None:
    staff_id = next(p.id for p in window.staff_panel.model.people() if p.name == name)
    window.session.select(staff_id)
    assert window.current_staff().name == name


def choices_dialog(window) -> QDialog:
    """Returns the open print choices dialog."""
    dialog = next(
        (
            w
            for w in QApplication.topLevelWidgets() + window.findChildren(QDialog)
            if w.objectName() == "printChoicesDialog" and w.isVisible()
        ),
        None,
    )
    assert dialog is not None, "the print choices dialog is not open"
    return dialog


def answer_save_dialog(monkeypatch, path: Path | None) -> list[str]:
    """Makes QFileDialog.getSaveFileName return path; returns the default names offered."""
    offered = []

    def fake(parent, caption, start, filters, *args, **kwargs):
        offered.append(start)
        return (str(path) if path else "", filters)

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake))
    return offered


def answer_print_dialog(
    monkeypatch, out: Path, dpi: int = 100, accept: bool = True, pages: tuple[int, int] | None = None
) -> list[QPrinter]:
    """Makes the print dialog choose 'print to PDF file' at a low resolution (fast), and
    a page range (1-based, inclusive) when pages is given."""
    used = []

    def fake(printer: QPrinter, parent) -> bool:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        printer.setResolution(dpi)
        if pages:
            printer.setFromTo(*pages)
        used.append(printer)
        return accept

    monkeypatch.setattr(printing, "ask_printer", fake)
    return used


def pdf_text(path) -> str:
    """Returns the text of every page, white space removed (cells wrap anywhere)."""
    reader = pypdf.PdfReader(path)
    return re.sub(r"\s+", "", "".join(page.extract_text() or "" for page in reader.pages))


def embedded_fonts(path) -> dict[str, bool]:
    """Returns {font name: embedded?} over every page."""
    fonts = {}
    for page in pypdf.PdfReader(path).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            fonts[str(font["/BaseFont"])] = "/FontFile2" in font.get("/FontDescriptor", {})
    return fonts


def ink_extent(path, page: int = 0, width: int = 842) -> tuple[int, int, int, int]:
    """Returns (left, top, right, bottom) of the dark pixels of a page rendered with QtPdf:
    where the ink is, to compare a printed page with the PDF it was printed from."""
    dark = dark_pixels(path, page, width)
    xs, ys = [x for x, _ in dark], [y for _, y in dark]
    return min(xs), min(ys), max(xs), max(ys)


def dark_pixels(path, page: int = 0, width: int = 842) -> list[tuple[int, int]]:
    """Returns the dark pixels of a page rendered with QtPdf at width pixels."""
    from PySide6.QtCore import QSize
    from PySide6.QtPdf import QPdfDocument

    from skillmatrix.ui.printing.page_rendering import on_white

    document = QPdfDocument()
    document.load(str(path))
    size = document.pagePointSize(page)
    image = on_white(document.render(page, QSize(width, round(width * size.height() / size.width()))))
    document.close()
    grey = image.convertToFormat(QImage.Format.Format_Grayscale8)
    data, line = bytes(grey.constBits()), grey.bytesPerLine()
    return [
        (x, y)
        for y in range(grey.height())
        for x, value in enumerate(data[y * line : y * line + grey.width()])
        if value < 160
    ]
