"""The print choices remembered in the window's settings (settings.ini, group ``print/``)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from skillmatrix.domain.model import KINDS
from skillmatrix.report.options import DEFAULT_SECTIONS, ERAS, SECTIONS, SIZES, PrintOptions, parse_stamps

GROUP = "print"


def _bool(value, default: bool) -> bool:
    # An INI file gives booleans back as the strings 'true' / 'false'.
    if value is None:
        return default
    if isinstance(value, str):
        return value.lower() == "true"
    return bool(value)


def _keys(value, allowed: tuple[str, ...]) -> frozenset[str]:
    if value is None:
        return frozenset(allowed)
    if isinstance(value, str):  # a one-element list comes back as a string
        value = [value] if value else []
    chosen = frozenset(v for v in value if v in allowed)
    return chosen or frozenset(allowed)


def load_options(settings: QSettings, default_era: str = "seireki") -> PrintOptions:
    """Returns the remembered print choices (everything, in default_era, when none are).

    A remembered font file that has gone missing is forgotten rather than failing every
    print.
    """
    era = settings.value(f"{GROUP}/era", default_era)
    font = settings.value(f"{GROUP}/fontPath", "") or None
    font = font if isinstance(font, str) and Path(font).is_file() else None
    fallback = settings.value(f"{GROUP}/fallbackFontPath", "") or None
    fallback = fallback if isinstance(fallback, str) and Path(fallback).is_file() else None
    size = settings.value(f"{GROUP}/size", "standard")
    try:
        stamps = parse_stamps(str(settings.value(f"{GROUP}/stamps", "") or ""))
    except ValueError:
        stamps = ()
    return PrintOptions(
        # Nothing remembered: the seed's form (the radar chart only when chosen).
        sections=_keys(settings.value(f"{GROUP}/sections"), SECTIONS)
        if settings.value(f"{GROUP}/sections") is not None
        else DEFAULT_SECTIONS,
        kinds=_keys(settings.value(f"{GROUP}/kinds"), KINDS),
        masked=_bool(settings.value(f"{GROUP}/masked"), False),
        era=era if era in ERAS else "seireki",
        confidential=_bool(settings.value(f"{GROUP}/confidential"), False),
        font_path=Path(font) if font else None,
        fallback_font=Path(fallback) if fallback else None,
        size=size if size in SIZES else "standard",
        duplex=_bool(settings.value(f"{GROUP}/duplex"), False),
        stamps=stamps,
    )


def save_options(settings: QSettings, options: PrintOptions) -> None:
    """Remembers print choices for the next print."""
    settings.setValue(f"{GROUP}/sections", [s for s in SECTIONS if s in options.sections])
    settings.setValue(f"{GROUP}/kinds", [k for k in KINDS if k in options.kinds])
    settings.setValue(f"{GROUP}/masked", options.masked)
    settings.setValue(f"{GROUP}/era", options.era)
    settings.setValue(f"{GROUP}/confidential", options.confidential)
    settings.setValue(f"{GROUP}/fontPath", str(options.font_path) if options.font_path else "")
    settings.setValue(
        f"{GROUP}/fallbackFontPath", str(options.fallback_font) if options.fallback_font else ""
    )
    settings.setValue(f"{GROUP}/size", options.size)
    settings.setValue(f"{GROUP}/duplex", options.duplex)
    settings.setValue(f"{GROUP}/stamps", ",".join(options.stamps))
