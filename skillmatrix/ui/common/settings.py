"""Window settings (geometry, splitters, recent files, date style) in an INI file.

The file is `settings.ini` in the data folder (skillmatrix.paths.data_dir()), beside the
database and the logs, instead of the registry or ~/.config: a portable installation keeps
everything on its stick, and tests that point the data folder elsewhere (XDG_DATA_HOME on
Linux, LOCALAPPDATA on Windows; see tests/ui/conftest.py) never touch the user's settings.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from skillmatrix import paths

MAX_RECENT = 8


def app_settings() -> QSettings:
    """Returns the program's settings object."""
    return QSettings(str(paths.data_dir() / "settings.ini"), QSettings.Format.IniFormat)


def recent_files(settings: QSettings) -> list[Path]:
    """Returns the recently opened databases, newest first, that still exist."""
    value = settings.value("recentFiles", [])
    if isinstance(value, str):  # QSettings gives a one-element list back as a string
        value = [value]
    return [Path(v) for v in value if v and Path(v).exists()] if isinstance(value, list) else []


def add_recent_file(settings: QSettings, path: Path) -> None:
    """Puts path first in the recent files list."""
    path = Path(path).resolve()
    files = [path] + [p for p in recent_files(settings) if p.resolve() != path]
    settings.setValue("recentFiles", [str(p) for p in files[:MAX_RECENT]])
