"""The canvas that numbers pages per résumé and draws the footer and the 取扱注意 mark.

A page's footer says 「n / m」 for its own résumé, so a page cannot be finished before the
résumé's last page is known. ResumeCanvas keeps the pages of the current résumé open
(reportlab's "page x of y" recipe, which keeps every page of the document until save,
here limited to one résumé), and when the ResumeEnd marker has been drawn and the page
closes, draws each held page's footer and hands the pages to the PDF document, which
writes them to the file at once (stream.py). Memory stays flat for a thousand résumés.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from skillmatrix.report.glyphs import FontChain
from skillmatrix.report.stream import StreamingDocument
from skillmatrix.report.styles import FOOTER_Y, GRID_LINE, MARGIN_TOP, MARGIN_X, MARK_RED, MUTED

STAMP_WIDTH = 18 * mm
STAMP_HEIGHT = 20 * mm  # a label row and room for a 12–15 mm seal
STAMP_LABEL = 5 * mm


@dataclass(frozen=True)
class Decoration:
    """What every page carries besides the résumé itself."""

    font: str
    print_date: str  # already formatted in the chosen era
    confidential: bool = False
    chain: FontChain | None = None  # for names with characters the main font lacks


class _Book:
    """Bookkeeping shared by every saved page state (one object, never copied)."""

    def __init__(self) -> None:
        self.held: list[dict[str, Any]] = []  # canvas states of the current résumé's closed pages
        self.ending = False  # ResumeEnd was drawn on the page now open
        self.duplex = False  # pad the résumé to an even page count
        self.stamps: tuple[str, ...] = ()  # approval boxes of the current résumé's first page
        self.pages = 0  # pages handed to the document so far


class ResumeCanvas(Canvas):
    """A reportlab Canvas for résumé jobs; create it through doc.build(canvasmaker=...)."""

    def __init__(self, filename: str, *args: Any, decoration: Decoration, **kwargs: Any):
        super().__init__(filename, *args, **kwargs)
        # Pages go to the file as they are finished (stream.py): same object, new class.
        self._doc.__class__ = StreamingDocument
        self._doc.start(filename)
        self._decoration = decoration
        self._book = _Book()
        self._resume_label = ""

    def abort(self) -> None:
        """Closes the output file after a failed or cancelled build."""
        self._doc.abort()

    # Called by the markers ------------------------------------------------------------

    def begin_resume(self, label: str, stamps: tuple[str, ...] = ()) -> None:
        """Starts a résumé: the pages from here on carry this name in their footer, and
        this first page the approval boxes."""
        self._resume_label = label
        # Drawn with the footer (flowables draw in a translated frame; the boxes are placed
        # on the page itself).
        self._book.stamps = stamps

    def end_resume(self, duplex: bool = False) -> None:
        """The page now open is the résumé's last one."""
        self._book.ending = True
        self._book.duplex = duplex

    # Page handling --------------------------------------------------------------------

    @property
    def pages_written(self) -> int:
        """Returns how many pages have been handed to the PDF document."""
        return self._book.pages

    def showPage(self) -> None:  # noqa: N802 (reportlab's name)
        book = self._book
        # A shallow copy of the state is the page: _startPage gives the canvas fresh
        # accumulators, so the held page's code list is never touched again.
        book.held.append(dict(self.__dict__))
        if book.ending:
            self._flush()
        else:
            self._startPage()

    def _flush(self) -> None:
        """Finishes the held pages with their footers and writes them to the document."""
        book = self._book
        held, book.held, book.ending = book.held, [], False
        for number, state in enumerate(held, 1):
            self.__dict__.update(state)
            self._decorate(number, len(held))
            Canvas.showPage(self)  # ends with _startPage: a fresh page follows
            self._doc.flush_last_page()
            book.pages += 1
        if book.duplex and len(held) % 2:
            # A blank back side: the next résumé starts on a front side.
            Canvas.showPage(self)
            self._doc.flush_last_page()
            book.pages += 1
        book.duplex = False

    def save(self) -> None:
        if len(self._code):
            self.showPage()
        if self._book.held:  # a story without ResumeEnd: finish what is there
            self._flush()
        super().save()

    def _decorate(self, number: int, total: int) -> None:
        deco = self._decoration
        width, height = self._pagesize
        self.saveState()
        self.setFillColor(MUTED)
        self.setFont(deco.font, 8)
        self._draw_runs(MARGIN_X, FOOTER_Y, self._fit(f"{self._resume_label}　スキル履歴書", width / 3), 8)
        self.drawCentredString(width / 2, FOOTER_Y, f"{number} / {total}")
        self.drawRightString(width - MARGIN_X, FOOTER_Y, f"印刷日 {deco.print_date}")
        if deco.confidential:
            self._confidential_mark(width, height)
        if number == 1 and self._book.stamps:
            self._stamps(self._book.stamps)
        self.restoreState()

    def _runs(self, text: str) -> list[tuple[str, str]]:
        chain = self._decoration.chain
        return chain.runs(text) if chain else [(self._decoration.font, text)]

    def _text_width(self, text: str, size: float) -> float:
        width: float = sum(self.stringWidth(piece, font, size) for font, piece in self._runs(text))
        return width

    def _draw_runs(self, x: float, y: float, text: str, size: float) -> None:
        """Draws text from x, each run in its font of the chain."""
        for font, piece in self._runs(text):
            self.setFont(font, size)
            self.drawString(x, y, piece)
            x += self.stringWidth(piece, font, size)

    def _stamps(self, labels: tuple[str, ...]) -> None:
        """Approval boxes (確認印) at the top right: a label row over an empty box each."""
        width, height = self._pagesize
        top = height - MARGIN_TOP
        x1 = width - MARGIN_X
        x0 = x1 - STAMP_WIDTH * len(labels)
        self.saveState()
        self.setStrokeColor(GRID_LINE)
        self.setLineWidth(0.6)
        self.rect(x0, top - STAMP_HEIGHT, x1 - x0, STAMP_HEIGHT, stroke=1, fill=0)
        self.line(x0, top - STAMP_LABEL, x1, top - STAMP_LABEL)
        for i, label in enumerate(labels):
            left = x0 + i * STAMP_WIDTH
            if i:
                self.line(left, top, left, top - STAMP_HEIGHT)
            size = 7.5
            text_width = self._text_width(label, size)
            self.setFillColor(MUTED)
            self._draw_runs(left + (STAMP_WIDTH - text_width) / 2, top - STAMP_LABEL + 4.2, label, size)
        self.restoreState()

    def _fit(self, text: str, limit: float) -> str:
        """Shortens a footer label with 「…」 so it never runs into the page number (the
        name itself is printed whole on the résumé)."""
        if self._text_width(text, 8) <= limit:
            return text
        while text and self._text_width(text + "…", 8) > limit:
            text = text[:-1]
        return text + "…"

    def _confidential_mark(self, width: float, height: float) -> None:
        deco = self._decoration
        text, size = "取扱注意", 11
        text_width = self.stringWidth(text, deco.font, size)
        x1 = width - MARGIN_X
        x0 = x1 - text_width - 10
        y0 = height - MARGIN_TOP + 4
        self.setStrokeColor(MARK_RED)
        self.setFillColor(MARK_RED)
        self.setLineWidth(1.2)
        self.rect(x0, y0, x1 - x0, size + 8, stroke=1, fill=0)
        self.setFont(deco.font, size)
        self.drawString(x0 + 5, y0 + 5, text)
