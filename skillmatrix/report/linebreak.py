"""Japanese line breaking (禁則処理) for the résumé's paragraphs.

reportlab's CJK wrapping breaks between any two characters and only hangs one closing
mark past the edge: lines ended with 「（」 and words broke inside (「コンピュータ入/門」 is
fine in Japanese, but 「VISの導入と運/用」 after a Latin word and 「2001/年」 are not).
Here a line may break between two characters only when

- the next character may start a line (not 、。，．）」』】〕〉》ー・！？, small kana, closing
  marks, iteration marks),
- the previous one may end a line (not （「『【〔〈《 and other opening marks), and
- neither side is inside a run of Latin letters, digits and the punctuation joining them
  (2001/4, 1-基本管理編, v2.0): such a run is broken only when it is wider than the line,
  and Latin words break at their spaces.

Nothing is hung past the edge, so a cell's text never touches its rule. A line is broken
at the last allowed place before the edge; with none (one run wider than the line) at the
edge itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.pdfbase import pdfmetrics
from reportlab.platypus.paragraph import (
    Paragraph,
    ParaLines,
    _handleBulletWidth,
    cjkU,
    makeCJKParaLine,
)

NO_START = frozenset(
    "、。，．,.）)］]｝}〕〉》」』】〙〗〟’”»｠"
    "ーｰ・･！？!?：；:;‐゠–〜～"
    "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ"
    "ｧｨｩｪｫｯｬｭｮ々〻ゝゞヽヾ％%"
)
NO_END = frozenset("（(［[｛{〔〈《「『【〘〖〝‘“«｟")
# Punctuation that joins Latin letters and digits into one unbreakable run.
JOINERS = frozenset("/-.:,'_@&+%#~=・／－．：")
_FUZZ = 1e-6
WIDOW = 2  # characters: a paragraph's last line is not left this short when avoidable


def _latin(ch: str) -> bool:
    if not ch:
        return False  # before the first character
    o = ord(ch)
    if o < 0x250:
        return ch.isalnum()
    return 0xFF10 <= o <= 0xFF19 or 0xFF21 <= o <= 0xFF3A or 0xFF41 <= o <= 0xFF5A


def _glued(a: str, b: str, before_a: str) -> bool:
    """Whether a and b belong to one Latin run (before_a: the character before a)."""
    if _latin(a) and (_latin(b) or (b in JOINERS and b != "・")):
        return True
    if a in JOINERS and a != "・" and _latin(before_a):
        return True  # 2001/4, 1-基本: no break right after the joining mark either
    if (
        a.isascii()
        and b.isascii()
        and not a.isspace()
        and not b.isspace()
        and (a.isprintable() and b.isprintable())
    ):
        return True  # URLs and other ASCII words: broken only when wider than the line
    return False


def may_break(prev2: str, prev: str, nxt: str) -> bool:
    """Returns whether a line may break between prev and nxt (prev2 precedes prev)."""
    if not prev or not nxt:
        return True
    if prev == "\u00a0" or nxt == "\u00a0":
        return False  # a no-break space holds its neighbours together (「別紙 1」)
    if nxt in NO_START or prev in NO_END:
        return False
    if nxt.isspace() and nxt != "\u3000":
        return False  # a space stays at the end of the line it follows
    if prev.isspace():
        return True
    return not _glued(prev, nxt, prev2)


def _char(u: Any) -> str:
    return str(u)[:1]


def kinsoku_split(frags: list[Any], max_widths: Sequence[float], calc_bounds: bool) -> Any:
    """Breaks a paragraph's fragments into lines by the rules above (reportlab's
    cjkFragSplit with another choice of break points)."""
    units: list[Any] = []
    for f in frags:
        text = f.text if hasattr(f, "text") else ""
        if isinstance(text, bytes):
            text = text.decode("utf8")
        if text:
            units.extend(cjkU(t, f, "utf8") for t in text)
        else:
            units.append(cjkU(text, f, "utf8"))
    lines = []
    start = i = 0
    used = 0.0
    width = max_widths[0]

    def emit(end: int, line_break: bool) -> None:
        nonlocal start, used, width
        taken = sum(_width(u, width) for u in units[start:end])
        lines.append(makeCJKParaLine(units[start:end], width, taken, width - taken, line_break, calc_bounds))
        start, used = end, 0.0
        width = max_widths[min(len(lines), len(max_widths) - 1)]

    n = len(units)
    while i < n:
        u = units[i]
        if hasattr(u.frag, "lineBreak"):
            emit(i + 1, True)
            i += 1
            continue
        w = _width(u, width)
        if used + w > width + _FUZZ and i > start and not str(u).isspace():
            allowed = [
                b
                for b in range(i, start, -1)
                if may_break(_char(units[b - 2]) if b >= 2 else "", _char(units[b - 1]), _char(units[b]))
            ]
            cut = allowed[0] if allowed else i
            end = next((k for k in range(cut, n) if hasattr(units[k].frag, "lineBreak")), n)
            if end - cut <= WIDOW and len(allowed) > 1 and allowed[1] - start > 2:
                cut = allowed[1]  # as in split_text: no character or two alone on a last line
            emit(cut, False)
            i = cut
            continue
        used += w
        i += 1
    if start < n:
        emit(n, False)
    return ParaLines(kind=1, lines=lines)


def split_text(
    text: str, max_widths: Sequence[float], font_name: str, size: float
) -> list[tuple[float, str]]:
    """Breaks one run of text in one font into lines by the rules above: the fast path
    for the usual cell (reportlab's wordSplit, with other break points). Returns
    (unused width, line) pairs."""
    font = pdfmetrics.getFont(font_name)
    face = getattr(font, "face", None)
    if face is not None:
        table, default, scale = face.charWidths, face.defaultWidth, size / 1000.0
        widths = [table.get(ord(c), default) * scale for c in text]
    else:
        widths = [pdfmetrics.stringWidth(c, font_name, size) for c in text]
    lines: list[tuple[float, str]] = []
    start = i = 0
    used = 0.0
    width = max_widths[0]
    n = len(text)
    while i < n:
        w = widths[i]
        if used + w > width + _FUZZ and i > start and not text[i].isspace():
            allowed = [
                b
                for b in range(i, start, -1)
                if may_break(text[b - 2] if b >= 2 else "", text[b - 1], text[b])
            ]
            cut = allowed[0] if allowed else i
            if n - cut <= WIDOW and len(allowed) > 1 and allowed[1] - start > 2:
                # Not a character or two alone on the last line (「運/用」, 「でき/る。」):
                # break one place earlier.
                cut = allowed[1]
            # The space a line broke at stays at its end (invisible; the text keeps it).
            lines.append((width - sum(widths[start:cut]), text[start:cut]))
            width = max_widths[min(len(lines), len(max_widths) - 1)]
            start, i, used = cut, cut, 0.0
            continue
        used += w
        i += 1
    if start < n or not lines:
        lines.append((width - sum(widths[start:]), text[start:]))
    return lines


def _width(u: Any, line_width: float) -> float:
    w = u.width
    if hasattr(w, "normalizedValue"):
        w._normalizer = line_width
        w = w.normalizedValue(line_width)
    return float(w)


class JaParagraph(Paragraph):
    """A Paragraph whose CJK wrapping (wordWrap='CJK') follows 禁則処理."""

    def breakLinesCJK(self, maxWidths: Any) -> Any:  # noqa: N802, N803 (reportlab's names)
        if not isinstance(maxWidths, (list, tuple)):
            maxWidths = [maxWidths]
        style = self.style
        self.height = 0
        _handleBulletWidth(self.bulletText, style, maxWidths)
        frags = self.frags
        if len(frags) == 1 and not hasattr(frags[0], "cbDefn") and not style.endDots:
            # One run of text in one font (most cells): plain lines, as reportlab's own
            # single-fragment path makes them, which draw several times faster.
            f = frags[0]
            if hasattr(self, "blPara") and getattr(self, "_splitpara", False):
                return f.clone(kind=0, lines=self.blPara.lines)
            text = f.text if hasattr(f, "text") else "".join(getattr(f, "words", []))
            lines = split_text(text, maxWidths, f.fontName, f.fontSize)
            return f.clone(
                kind=0,
                lines=[(sp, [line]) for sp, line in lines],
                ascent=f.fontSize,
                descent=-0.2 * f.fontSize,
            )
        if not frags:
            return ParaLines(
                kind=0,
                fontSize=style.fontSize,
                fontName=style.fontName,
                textColor=style.textColor,
                lines=[],
                ascent=style.fontSize,
                descent=-0.2 * style.fontSize,
            )
        if hasattr(self, "blPara") and getattr(self, "_splitpara", False):
            return self.blPara
        auto = getattr(self, "autoLeading", getattr(style, "autoLeading", ""))
        return kinsoku_split(self.frags, maxWidths, auto not in ("", "off"))
