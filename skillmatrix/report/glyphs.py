"""The font chain: each character printed in the first font that has a glyph for it.

IPAexGothic (shipped) covers JIS X 0213 but not the MJ文字 of municipal name registers
(𠮷 U+20BB7, variation sequences such as 葛󠄀 = U+845B U+E0100). The chain tries, in order,
the main font, the 外字 fallback (IPAmj明朝, or the font the user names) and fonts the system
has, and splits user text into runs, each wrapped in ``<font face=…>`` for reportlab's
Paragraph.

Two things reportlab cannot do by itself are done with *virtual* character codes (plane
16, never a real character in the text reportlab sees):

- a variation sequence is drawn with the glyph the font's cmap format 14 table maps it
  to (else the base character's glyph), as one virtual code mapped to that glyph;
- a character that no font has is drawn as 〓 under a virtual code.

Each virtual code's ToUnicode entry is the exact stored text (base character and
selector, or the missing character), so the PDF's text — what pdftotext, search and copy
give — is what the user typed. ToUnicode entries outside the BMP are written as UTF-16
surrogate pairs (reportlab's own table writes them as five hex digits, which readers
misread).
"""

from __future__ import annotations

import hashlib
import os
import struct
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.ttfonts import SUBSETN, TTFError, TTFont

from skillmatrix.paths import resources_dir

GETA = "〓"  # printed for a character no font has (the 下駄記号 of Japanese typesetting)
MJ_FONT_FILE = "ipamjm.ttf"
_VIRTUAL_BASE = 0x100000  # Supplementary Private Use Area-B


def escape(text: str) -> str:
    """Escapes &, < and > for Paragraph markup (xml.sax.saxutils.escape, without importing
    it: its module pulls in urllib and http.client, 14 ms of a one-résumé print)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _is_selector(ch: str) -> bool:
    o = ord(ch)
    return 0xFE00 <= o <= 0xFE0F or 0xE0100 <= o <= 0xE01EF


def _windows_font_dirs() -> list[Path]:
    dirs = [Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"]
    if local := os.environ.get("LOCALAPPDATA"):
        dirs.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
    return dirs


def mj_font_candidates() -> list[Path]:
    """Where IPAmj明朝 may be: the program's resources (the bundle copies it there), then
    Debian's fonts-ipamj-mincho, then the Windows font folders."""
    found = []
    try:
        found.append(resources_dir() / "fonts" / MJ_FONT_FILE)
    except FileNotFoundError:
        pass
    found.append(Path("/usr/share/fonts/truetype/ipamj") / MJ_FONT_FILE)
    if sys.platform == "win32":
        found += [d / MJ_FONT_FILE for d in _windows_font_dirs()]
    return found


def system_font_candidates() -> list[tuple[Path, int]]:
    """TrueType fonts the system commonly has for rare kanji, last in the chain: on Windows
    the 外字 editor's EUDC font (private-use 外字), Yu Mincho, MS Mincho and SimSun-ExtB
    (CJK Extension B); on Linux the Japanese and DejaVu fonts Debian installs."""
    if sys.platform == "win32":
        names = [("EUDC.TTE", 0), ("yumin.ttf", 0), ("msmincho.ttc", 0), ("simsunb.ttf", 0)]
        return [(d / n, i) for d in _windows_font_dirs() for n, i in names]
    base = Path("/usr/share/fonts/truetype")
    return [
        (base / "fonts-japanese-gothic.ttf", 0),
        (base / "dejavu" / "DejaVuSans.ttf", 0),
    ]


def _read_format14(data: bytes, cmap_offset: int) -> dict[tuple[int, int], int | None]:
    """Reads a cmap format 14 subtable: {(base, selector): glyph id, or None where the
    sequence is a default one (drawn with the base glyph)}. Absent: an empty dict."""
    sequences: dict[tuple[int, int], int | None] = {}
    _, count = struct.unpack_from(">HH", data, cmap_offset)
    for i in range(count):
        platform, encoding, offset = struct.unpack_from(">HHL", data, cmap_offset + 4 + 8 * i)
        if (platform, encoding) != (0, 5):
            continue
        table = cmap_offset + offset
        if struct.unpack_from(">H", data, table)[0] != 14:
            continue
        records = struct.unpack_from(">L", data, table + 6)[0]
        for r in range(records):
            rec = table + 10 + 11 * r
            selector = int.from_bytes(data[rec : rec + 3], "big")
            default, non_default = struct.unpack_from(">LL", data, rec + 3)
            if default:
                pos = table + default
                for k in range(struct.unpack_from(">L", data, pos)[0]):
                    start = int.from_bytes(data[pos + 4 + 4 * k : pos + 7 + 4 * k], "big")
                    for base in range(start, start + data[pos + 7 + 4 * k] + 1):
                        sequences[(base, selector)] = None
            if non_default:
                pos = table + non_default
                for k in range(struct.unpack_from(">L", data, pos)[0]):
                    m = pos + 4 + 5 * k
                    base = int.from_bytes(data[m : m + 3], "big")
                    sequences[(base, selector)] = struct.unpack_from(">H", data, m + 3)[0]
    return sequences


def _utf16_hex(text: str) -> str:
    return text.encode("utf-16-be").hex().upper()


class ChainFont(TTFont):
    """A TrueType font that can take virtual codes (a glyph plus the exact text it stands
    for) and writes a ToUnicode table correct outside the BMP."""

    def __init__(self, name: str, filename: str, subfont: int = 0):
        super().__init__(name, filename, subfontIndex=subfont)
        self.actual: dict[int, str] = {}  # virtual code -> the stored text it prints
        self._sequences: dict[tuple[int, int], int | None] | None = None

    def has(self, code: int) -> bool:
        """Returns whether the font maps this character to a glyph."""
        return code < _VIRTUAL_BASE and code in self.face.charToGlyph

    def sequence_glyph(self, base: int, selector: int) -> int | None:
        """Returns the glyph the font's cmap format 14 gives a variation sequence (the
        base glyph for a default sequence), or None when it does not list it."""
        if self._sequences is None:
            cmap = self.face.table.get("cmap")
            data = getattr(self.face, "_ttf_data", b"")
            self._sequences = _read_format14(data, cmap["offset"]) if cmap and data else {}
        if (base, selector) not in self._sequences:
            return None
        glyph = self._sequences[(base, selector)]
        return self.face.charToGlyph.get(base) if glyph is None else glyph

    def virtual(self, glyph: int, text: str) -> str:
        """Returns a character that prints glyph and reads back as text."""
        face = self.face
        key = (glyph, text)
        cache: dict[tuple[int, str], str] = self.__dict__.setdefault("_virtuals", {})
        if key in cache:
            return cache[key]
        code = _VIRTUAL_BASE + len(self.actual)
        face.charToGlyph[code] = glyph
        face.glyphToChar.setdefault(glyph, []).append(code)
        metrics = face.hmetrics  # (advance, lsb) in font units; the last repeats for the rest
        advance = metrics[min(glyph, len(metrics) - 1)][0] if metrics else 0
        face.charWidths[code] = advance * 1000.0 / face.unitsPerEm if metrics else face.defaultWidth
        self.actual[code] = text
        cache[key] = chr(code)
        return chr(code)

    def _to_unicode(self, name: str, subset: Sequence[int]) -> str:
        entries = [
            f"<{i:02X}> <{_utf16_hex(self.actual.get(code, chr(code)))}>" for i, code in enumerate(subset)
        ]
        return "\n".join(
            [
                "/CIDInit /ProcSet findresource begin",
                "12 dict begin",
                "begincmap",
                f"/CIDSystemInfo << /Registry ({name}) /Ordering ({name}) /Supplement 0 >> def",
                f"/CMapName /{name} def",
                "/CMapType 2 def",
                "1 begincodespacerange",
                f"<00> <{len(subset) - 1:02X}>",
                "endcodespacerange",
                f"{len(subset)} beginbfchar",
                *entries,
                "endbfchar",
                "endcmap",
                "CMapName currentdict /CMap defineresource pop",
                "end",
                "end",
            ]
        )

    def addObjects(self, doc: Any) -> None:  # noqa: N802 (reportlab's name)
        # reportlab's TTFont.addObjects, with our ToUnicode table.
        try:
            state = self.state[doc]
        except KeyError:
            state = self.state[doc] = TTFont.State(self._asciiReadable)
        state.frozen = 1
        for n, subset in enumerate(state.subsets):
            internal = self.getSubsetInternalName(n, doc)[1:]
            base_name = (b"".join((SUBSETN(n), b"+", self.face.name, self.face.subfontNameX))).decode(
                "pdfdoc"
            )
            font = pdfdoc.PDFTrueTypeFont()
            font.__Comment__ = f"Font {self.fontName} subset {n}"
            font.Name = internal
            font.BaseFont = base_name
            font.FirstChar = 0
            font.LastChar = len(subset) - 1
            font.Widths = pdfdoc.PDFArray(list(map(self.face.getCharWidth, subset)))
            cmap = pdfdoc.PDFStream()
            cmap.content = self._to_unicode(base_name, subset)
            if doc.compression:
                cmap.filters = [pdfdoc.PDFZCompress]
            font.ToUnicode = doc.Reference(cmap, "toUnicodeCMap:" + base_name)
            font.FontDescriptor = self.face.addSubsetObjects(doc, base_name, subset)
            doc.Reference(font, internal)
            doc.idToObject["BasicFonts"].dict[internal] = font
        del self.state[doc]


def load_font(path: Path, subfont: int = 0, prefix: str = "SM") -> ChainFont:
    """Registers a TrueType font with reportlab once (by file) and returns it.

    Raises:
        TTFError, OSError, ValueError: the file is missing or not a usable TrueType font.
    """
    digest = hashlib.sha1(f"{Path(path).resolve()}#{subfont}".encode()).hexdigest()[:8]
    name = f"{prefix}-{Path(path).stem}-{digest}"
    if name in pdfmetrics.getRegisteredFontNames():
        font = pdfmetrics.getFont(name)
        assert isinstance(font, ChainFont)
        return font
    if not Path(path).is_file():
        raise OSError(f"no such font file: {path}")
    font = ChainFont(name, str(path), subfont)
    pdfmetrics.registerFont(font)
    return font


@dataclass
class Missing:
    """A character no font of the chain has, where it was found."""

    person: str
    field: str
    char: str

    def describe(self) -> str:
        """Returns one line for the user: person, field and the character's code."""
        code = "+".join(f"U+{ord(c):04X}" for c in self.char)
        return f"{self.person}　{self.field}：「{self.char}」（{code}）"


@dataclass
class FontChain:
    """The fonts résumé text is drawn in, first match wins; fonts after the main one are
    loaded only when a character needs them (most résumés never load them).

    Attributes:
        main: the registered main font (IPAexGothic or --font).
        fallbacks: further font files (path, subfont index) in order.
        missing: characters no font had, with where they were (see ``where``).
    """

    main: ChainFont
    fallbacks: list[tuple[Path, int]] = field(default_factory=list)
    missing: list[Missing] = field(default_factory=list)
    person: str = ""
    _loaded: list[ChainFont] = field(default_factory=list)
    _next: int = 0
    _choice: dict[str, tuple[str, str, bool]] = field(default_factory=dict)

    @property
    def name(self) -> str:
        """The main font's registered name."""
        return str(self.main.fontName)

    def fonts(self) -> Iterator[ChainFont]:
        """Yields the fonts in chain order, loading the next fallback only when asked."""
        yield self.main
        i = 0
        while True:
            if i < len(self._loaded):
                yield self._loaded[i]
                i += 1
                continue
            if self._next >= len(self.fallbacks):
                return
            path, sub = self.fallbacks[self._next]
            self._next += 1
            try:
                self._loaded.append(load_font(path, sub))
            except (TTFError, OSError, ValueError, KeyError, IndexError, AssertionError, struct.error):
                continue  # an unusable system font is simply not part of the chain

    def _pick(self, cluster: str) -> tuple[str, str, bool]:
        """Returns (font name, text for reportlab, whether no font had it) for one
        character or variation sequence."""
        if cluster in self._choice:
            return self._choice[cluster]
        base = ord(cluster[0])
        choice = None
        if len(cluster) > 1:
            for font in self.fonts():
                glyph = font.sequence_glyph(base, ord(cluster[1]))
                if glyph is not None:
                    choice = (font.fontName, font.virtual(glyph, cluster), False)
                    break
        if choice is None:
            for font in self.fonts():
                if font.has(base):
                    text = (
                        cluster if len(cluster) == 1 else font.virtual(font.face.charToGlyph[base], cluster)
                    )
                    choice = (font.fontName, text, False)
                    break
        if choice is None:
            # 〓 in the main font, reading back as the stored character.
            choice = (self.name, self.main.virtual(self.main.face.charToGlyph[ord(GETA)], cluster), True)
        self._choice[cluster] = choice
        return choice

    def runs(self, text: str, field: str = "") -> list[tuple[str, str]]:
        """Splits text into (font name, text) runs; notes characters no font has.

        Args:
            text: the stored text.
            field: where the text is printed, for the list of missing characters ("":
                not listed, for text printed again elsewhere such as the footer).
        """
        runs: list[tuple[str, str]] = []
        main, has = self.name, self.main.face.charToGlyph
        i, n = 0, len(text)
        while i < n:
            ch = text[i]
            if i + 1 < n and _is_selector(text[i + 1]):
                cluster, i = text[i : i + 2], i + 2
                font, piece, lost = self._pick(cluster)
            elif (ord(ch) in has and ord(ch) < _VIRTUAL_BASE) or ch in "\n\r\t":
                i += 1
                font, piece, lost = main, ch, False
            else:
                cluster, i = ch, i + 1
                font, piece, lost = self._pick(cluster)
            if lost and field:
                self.missing.append(Missing(self.person, field, cluster))
            if runs and runs[-1][0] == font:
                runs[-1] = (font, runs[-1][1] + piece)
            else:
                runs.append((font, piece))
        return runs

    def markup(self, text: str, field: str = "") -> str:
        """Returns user text as Paragraph markup printing it literally in the chain's
        fonts (escaped, line breaks as <br/>)."""
        out = []
        for font, piece in self.runs(text.replace("\r\n", "\n"), field):
            piece = escape(piece).replace("\n", "<br/>")
            out.append(piece if font == self.name else f'<font face="{font}">{piece}</font>')
        return "".join(out)
