"""Setting up the QApplication: names, Japanese locale, Qt's own Japanese translation
(standard buttons, file dialogs, context menus) and the program's translations, a Japanese
font where the system has none."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
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
    install_translations(app)
    ensure_japanese_font(app)
    app.setWindowIcon(QIcon(str(paths.resources_dir() / "icons" / "skillmatrix.png")))  # every window's


def install_translations(app: QCoreApplication, locale: QLocale | None = None) -> list[str]:
    """Loads Qt's own translation (qtbase_ja.qm, shipped inside PySide6) and the program's
    (resources/translations/skillmatrix_<locale>.qm, when there is one) for a locale
    (default: Japanese, the window's language). Safe to call again: each file is installed once per application.

    The window is written in Japanese, so for Japanese only Qt's file is needed; it names
    the standard buttons (キャンセル, 閉じる …) and the file dialogs, which are therefore never
    renamed by hand.

    Returns:
        The names of the translations installed by this call.
    """
    installed: list[str] = []
    locale = locale or QLocale(QLocale.Language.Japanese, QLocale.Country.Japan)  # the window's
    done = set(app.property("skillmatrixTranslations") or [])
    sources = (
        ("qtbase", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
        ("skillmatrix", str(paths.resources_dir() / "translations")),
    )
    for name, folder in sources:
        if name in done:
            continue
        translator = QTranslator(app)
        if translator.load(locale, name, "_", folder):
            app.installTranslator(translator)
            installed.append(name)
            done.add(name)
    app.setProperty("skillmatrixTranslations", sorted(done))
    return installed


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
