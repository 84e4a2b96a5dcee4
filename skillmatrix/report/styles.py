"""Page geometry, paragraph styles and the one way user text becomes a Paragraph.

Every page is A4 landscape. The スキル実績等一覧 grid is the heart of the résumé: nine
columns (the level and its definition, then eight categories) need the 273 mm of a
landscape line to give each category cell ~10 Japanese characters at 8 pt, where portrait
would leave ~6 and wrap most course titles over three or four lines. The history tables
are short and read as well in landscape, and one orientation throughout means a stapled
résumé is never turned halfway through (a short résumé fits on one sheet, as in the seed).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph

PAGE_SIZE = landscape(A4)  # 841.9 x 595.3 pt
MARGIN_X = 12 * mm
MARGIN_TOP = 12 * mm
MARGIN_BOTTOM = 15 * mm  # the footer sits in it
FOOTER_Y = 7 * mm
FRAME_WIDTH = PAGE_SIZE[0] - 2 * MARGIN_X
FRAME_HEIGHT = PAGE_SIZE[1] - MARGIN_TOP - MARGIN_BOTTOM
CELL_PAD = 3  # pt, each side of a table cell

MIN_SIZE = 7  # pt: nothing is printed smaller (the legibility floor)
HEADER_FILL = colors.Color(0.88, 0.90, 0.93)
GRID_LINE = colors.Color(0.35, 0.35, 0.35)
MUTED = colors.Color(0.35, 0.35, 0.35)
MARK_RED = colors.Color(0.75, 0.05, 0.05)


@dataclass(frozen=True)
class Styles:
    """The paragraph styles of a résumé in one font."""

    font: str
    title: ParagraphStyle
    experience: ParagraphStyle
    heading: ParagraphStyle
    cell: ParagraphStyle
    head: ParagraphStyle
    entry: ParagraphStyle
    level: ParagraphStyle
    level_number: ParagraphStyle
    muted: ParagraphStyle


@cache
def styles_for(font: str) -> Styles:
    """Returns the styles for a registered font name (built once per font)."""

    def style(name: str, size: float, leading: float, in_cell: bool = True, **kw: Any) -> ParagraphStyle:
        assert size >= MIN_SIZE
        if in_cell:
            # CJK line breaking hangs a character that may not start a line (。、ー」)
            # past the right edge, by up to one em: keep that em inside the cell.
            kw.setdefault("rightIndent", max(0.0, size - CELL_PAD) + 0.5)
        # CJK wrapping breaks between any two characters (the default would split only
        # at spaces, so a long Japanese line or a long URL would overflow the cell).
        return ParagraphStyle(
            name,
            fontName=font,
            fontSize=size,
            leading=leading,
            wordWrap="CJK",
            alignment=kw.pop("alignment", TA_LEFT),
            **kw,
        )

    return Styles(
        font=font,
        title=style("title", 16, 20, in_cell=False, alignment=TA_CENTER, spaceAfter=4),
        experience=style("experience", 10.5, 13, in_cell=False),
        heading=style("heading", 10.5, 13, in_cell=False, spaceBefore=7, spaceAfter=3),
        cell=style("cell", 8.5, 11),
        head=style("head", 8.5, 11, alignment=TA_CENTER, leftIndent=6, rightIndent=6),
        # The full-width 「・」 bullet has its dot in the middle of its em: pull it left.
        entry=style("entry", 8, 10, leftIndent=6, bulletIndent=-2.5, bulletFontName=font, bulletFontSize=8),
        level=style("level", 7, 9),
        level_number=style("level_number", 10, 12),
        muted=style("muted", 7.5, 9.5, textColor=MUTED),
    )


class CachedParagraph(Paragraph):
    """A Paragraph that keeps its line breaking while the width stays the same.

    A table wraps each cell several times at one width (to measure, to split, to draw),
    and CJK line breaking measures every character each time: without the cache that
    was about half of the time spent printing. wrap() does not depend on the height.
    """

    _wrapped_at: float | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 (reportlab's names)
        if availWidth == self._wrapped_at and hasattr(self, "blPara"):
            return self.width, self.height
        size: tuple[float, float] = super().wrap(availWidth, availHeight)
        self._wrapped_at = availWidth if hasattr(self, "blPara") else None
        return size


def markup(text: str) -> str:
    """Returns user text as Paragraph markup that prints it literally.

    reportlab's Paragraph reads markup: '<b>' would turn bold, 'a<b' raises and '&amp;'
    would print '&'. Escaping makes them text; line breaks become <br/>.
    """
    return escape(text).replace("\r\n", "\n").replace("\n", "<br/>")


def para(text: str, style: ParagraphStyle, **kw: Any) -> Paragraph:
    """Returns a Paragraph printing user text literally."""
    return CachedParagraph(markup(text), style, **kw)
