"""Setting up the QApplication: names, Japanese locale, a Japanese font where the system
has none."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication

from skillmatrix import paths

ORGANIZATION = "SkillMatrix"
APPLICATION = "SkillMatrix"
FONT_FAMILY = "IPAexGothic"


def configure_application(app: QApplication) -> None:
    """Names the program and sets the Japanese locale the window is written for.

    QLocale.system() is C where LANG is unset (and on many Windows set-ups not Japanese):
    the locale is set in code so that numbers and dates look the same everywhere.
    """
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APPLICATION)
    QLocale.setDefault(QLocale(QLocale.Language.Japanese, QLocale.Country.Japan))
    ensure_japanese_font(app)
    app.setWindowIcon(QIcon(str(paths.resources_dir() / "icons" / "skillmatrix.png")))  # every window's


def has_japanese_font() -> bool:
    """True when some installed font covers the Japanese writing system."""
    return bool(QFontDatabase.families(QFontDatabase.WritingSystem.Japanese))


def ensure_japanese_font(app: QApplication) -> str | None:
    """Registers the IPAexGothic the program ships when the system has no Japanese font,
    and makes it the application font; returns the family used, None if nothing changed."""
    if has_japanese_font():
        return None
    font_file = paths.resources_dir() / "fonts" / "ipaexg.ttf"
    if not font_file.exists():
        return None
    font_id = QFontDatabase.addApplicationFont(str(font_file))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        return None
    font = QFont(app.font())
    font.setFamilies([families[0], *font.families()])
    app.setFont(font)
    return families[0]
