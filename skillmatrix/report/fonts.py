"""Finds and registers the Japanese TrueType font the résumé is printed in.

reportlab's built-in CID fonts (HeiseiKakuGo-W5) are not embedded: viewers without a
Japanese font show boxes. A TrueType font registered as TTFont is embedded as a subset of
the glyphs used, and its text stays searchable and copyable. The program ships IPAexGothic
(resources/fonts/ipaexg.ttf, IPA Font License: embedding allowed); a setting or
``--font`` may name another TrueType font. OpenType fonts with CFF outlines (Noto CJK, the
.otf files) are refused by reportlab and reported as such.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError

from skillmatrix.paths import resources_dir
from skillmatrix.report import messages
from skillmatrix.report.glyphs import (
    ChainFont,
    FontChain,
    load_font,
    mj_font_candidates,
    system_font_candidates,
)

DEFAULT_FONT_FILE = "ipaexg.ttf"
DEFAULT_FONT_NAME = "IPAexGothic"
# Where Debian's fonts-ipaexfont-gothic puts the same file: used only when the program's
# own copy is missing (a broken install), so printing still works.
SYSTEM_FALLBACKS = (
    Path("/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf"),
    Path("/usr/share/fonts/truetype/ipaexfont-gothic/ipaexg.ttf"),
)


class ReportError(Exception):
    """The résumé cannot be printed; the message is one Japanese line for the user."""


def default_font_path() -> Path:
    """Returns the shipped IPAexGothic, else a system copy of it.

    Raises:
        ReportError: no copy of the font can be found.
    """
    candidates = []
    try:
        candidates.append(resources_dir() / "fonts" / DEFAULT_FONT_FILE)
    except FileNotFoundError:
        pass
    candidates += SYSTEM_FALLBACKS
    for path in candidates:
        if path.is_file():
            return path
    raise ReportError(messages.BUNDLED_FONT_NOT_FOUND)


def register_font(path: str | Path | None = None) -> str:
    """Registers a TrueType font with reportlab once and returns its name.

    Args:
        path: a .ttf (or .ttc) file; None for the shipped IPAexGothic.

    Returns:
        The font name to use in styles and on the canvas.

    Raises:
        ReportError: the file is missing or is not a TrueType font reportlab can embed.
    """
    if path is None:
        path, name = default_font_path(), DEFAULT_FONT_NAME
    else:
        path = Path(path)
        # The name depends on the file, so two different fonts never share a name in
        # reportlab's process-wide registry.
        digest = hashlib.sha1(str(path.resolve()).encode("utf-8")).hexdigest()[:8]
        name = f"SM-{path.stem}-{digest}"
    if name in pdfmetrics.getRegisteredFontNames():
        return name
    if not Path(path).is_file():
        raise ReportError(messages.FONT_NOT_FOUND.format(path=path))
    try:
        pdfmetrics.registerFont(ChainFont(name, str(path)))
    except (TTFError, OSError, ValueError, KeyError, IndexError, AssertionError) as e:
        # TTFError covers CFF outlines ("postscript outlines are not supported") and
        # fonts that forbid embedding; the rest are damaged files.
        raise ReportError(messages.FONT_UNUSABLE.format(path=path, error=e)) from e
    return name


def font_chain(main: str | Path | None = None, fallback: str | Path | None = None) -> FontChain:
    """Returns the chain résumé text is printed with: the main font, the 外字 fallback
    (the named one, else IPAmj明朝 where installed), then common system fonts.

    Args:
        main: the main TrueType font; None for the shipped IPAexGothic.
        fallback: a TrueType font tried right after the main one (--fallback-font).

    Raises:
        ReportError: a named font is missing or unusable (one Japanese line).
    """
    font = pdfmetrics.getFont(register_font(main))
    fallbacks: list[tuple[Path, int]] = []
    if fallback is not None:
        path = Path(fallback)
        if not path.is_file():
            raise ReportError(messages.GAIJI_FONT_NOT_FOUND.format(path=path))
        try:
            load_font(path)
        except (TTFError, OSError, ValueError, KeyError, IndexError, AssertionError) as e:
            raise ReportError(messages.GAIJI_FONT_UNUSABLE.format(path=path, error=e)) from e
        fallbacks.append((path, 0))
    fallbacks += [(p, 0) for p in mj_font_candidates() if p.is_file()]
    fallbacks += [(p, i) for p, i in system_font_candidates() if p.is_file()]
    if not isinstance(font, ChainFont):  # registered elsewhere as a plain TTFont
        font = load_font(Path(getattr(font.face, "filename", main or default_font_path())))
    return FontChain(font, fallbacks)
