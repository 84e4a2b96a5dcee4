"""The résumé's 外字 fonts, registered with Qt so the window shows the names it prints.

The résumé prints a character the main font lacks (𠮷, MJ文字 with variation selectors)
with the fallback font of the chain (report/glyphs.py: the --fallback-font / print-dialog
font, else IPAmj明朝). Registering the same files with Qt and appending their families to
the application font's families makes the staff list, the profile and the grid draw
those characters too, instead of boxes.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication

from skillmatrix.report.glyphs import mj_font_candidates

_registered: dict[str, list[str]] = {}


def register_fallback_fonts(extra: Path | None = None) -> list[str]:
    """Registers the 外字 font files with Qt once each and makes them fallbacks of the
    application font.

    Args:
        extra: the fallback font the user named for printing, tried first.

    Returns:
        The font families now appended as fallbacks.
    """
    paths = ([extra] if extra else []) + [p for p in mj_font_candidates() if p.is_file()]
    families: list[str] = []
    for path in paths:
        key = str(path)
        if key not in _registered:
            font_id = QFontDatabase.addApplicationFont(key)
            _registered[key] = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        families += [f for f in _registered[key] if f not in families]
    app = QApplication.instance()
    if families and isinstance(app, QApplication):
        font = app.font()
        chain = list(font.families()) or [font.family()]
        chain += [f for f in families if f not in chain]
        font.setFamilies(chain)
        app.setFont(font)
    return families
