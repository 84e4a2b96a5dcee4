"""A tiny TrueType 外字 font made with fontTools, so the font-chain tests need no system font.

It has glyphs for 𠮷 (U+20BB7, which IPAexGothic lacks) and for 葛 (U+845B), and a cmap
format 14 table mapping the variation sequence 葛 + U+E01EF (VS256, which IPAexGothic does
not list) to a variant glyph. The glyphs differ in advance width, so a test can tell from
the PDF's character positions which glyph was drawn: 𠮷 900, 葛 1000, the variant 600.
"""

from __future__ import annotations

from pathlib import Path

from fontTools.fontBuilder import FontBuilder
from fontTools.pens.ttGlyphPen import TTGlyphPen

KICHI = "\U00020bb7"  # 𠮷
KATSU = "\u845b"  # 葛
VS256 = "\U000e01ef"
WIDTHS = {".notdef": 500, "kichi": 900, "katsu": 1000, "katsu_v": 600}


def _box(width: int):
    pen = TTGlyphPen(None)
    pen.moveTo((50, 0))
    pen.lineTo((50, 700))
    pen.lineTo((width - 50, 700))
    pen.lineTo((width - 50, 0))
    pen.closePath()
    return pen.glyph()


def make_tiny_font(path: Path) -> Path:
    """Writes the font to path and returns it."""
    fb = FontBuilder(1000, isTTF=True)
    order = list(WIDTHS)
    fb.setupGlyphOrder(order)
    fb.setupCharacterMap({0x20BB7: "kichi", 0x845B: "katsu"}, uvs=[(0x845B, 0xE01EF, "katsu_v")])
    fb.setupGlyf({name: _box(w) for name, w in WIDTHS.items()})
    fb.setupHorizontalMetrics({name: (w, 50) for name, w in WIDTHS.items()})
    fb.setupHorizontalHeader(ascent=880, descent=-120)
    fb.setupNameTable({"familyName": "SMTinyGaiji", "styleName": "Regular"})
    fb.setupOS2(sTypoAscender=880, sTypoDescender=-120, usWinAscent=880, usWinDescent=120, fsType=0)
    fb.setupPost()
    fb.save(str(path))
    return path
