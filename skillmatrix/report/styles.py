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

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph

from skillmatrix.report.glyphs import escape
from skillmatrix.report.linebreak import JaParagraph

PAGE_SIZE = landscape(A4)  # 841.9 x 595.3 pt
MARGIN_X = 12 * mm
MARGIN_TOP = 12 * mm
MARGIN_BOTTOM = 15 * mm  # the footer sits in it
FOOTER_Y = 7 * mm
FRAME_WIDTH = PAGE_SIZE[0] - 2 * MARGIN_X
FRAME_HEIGHT = PAGE_SIZE[1] - MARGIN_TOP - MARGIN_BOTTOM
CELL_PAD = 3  # pt, each side of a table cell
CELL_VPAD = 2  # pt, above and below a résumé cell's text (a one-sheet résumé needs the room)

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


# Text sizes (size, leading) of the two print sizes: entries and level texts are the
# grid's reading text; 「大きめ」 is for readers who find 8 pt small.
SIZES = {
    "standard": {
        "cell": (8.5, 11),
        "entry": (8, 10),
        "level": (7, 8.5),
        "number": (10, 12),
        "muted": (7.5, 9.5),
    },
    "large": {
        "cell": (10, 12.5),
        "entry": (10.5, 13),
        "level": (9, 11),
        "number": (12, 14),
        "muted": (8.5, 10.5),
    },
}
SIZE_LABELS = {"standard": "標準", "large": "大きめ"}


@cache
def styles_for(font: str, size: str = "standard") -> Styles:
    """Returns the styles for a registered font name and print size (built once each).

    Args:
        font: the registered main font.
        size: a key of SIZES ('standard' or 'large').
    """
    sizes = SIZES[size]

    def style(name: str, size: float, leading: float, in_cell: bool = True, **kw: Any) -> ParagraphStyle:
        assert size >= MIN_SIZE
        # CJK wrapping with 禁則処理 (linebreak.py): breaks between Japanese characters,
        # keeps Latin runs whole, never hangs a mark past the edge.
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
        title=style("title", 16, 19, in_cell=False, alignment=TA_CENTER, spaceAfter=2),
        experience=style("experience", 10.5, 13, in_cell=False),
        heading=style("heading", 10.5, 13, in_cell=False, spaceBefore=5, spaceAfter=2),
        cell=style("cell", *sizes["cell"]),
        # Headers stay at the standard size: 「基幹系システム」 keeps to one line.
        head=style("head", *SIZES["standard"]["cell"], alignment=TA_CENTER, leftIndent=2, rightIndent=2),
        # The full-width 「・」 bullet has its dot in the middle of its em: pull it left.
        entry=style(
            "entry",
            *sizes["entry"],
            leftIndent=sizes["entry"][0] * 0.75,
            bulletIndent=-2.5,
            bulletFontName=font,
            bulletFontSize=sizes["entry"][0],
        ),
        level=style("level", *sizes["level"]),
        level_number=style("level_number", *sizes["number"]),
        muted=style("muted", *sizes["muted"], textColor=MUTED),
    )


class CachedParagraph(JaParagraph):
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
