"""Window settings (geometry, splitters, recent files, date style) in an INI file.

The file is `settings.ini` in the data folder (skillmatrix.paths.data_dir()), beside the
database and the logs, instead of the registry or ~/.config: a portable installation keeps
everything on its stick, and tests that point the data folder elsewhere (XDG_DATA_HOME on
Linux, LOCALAPPDATA on Windows; see tests/ui/conftest.py) never touch the user's settings.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths

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


def documents_folder() -> Path:
    """Returns the user's 「ドキュメント」 folder (the home folder where there is none)."""
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents and Path(documents).is_dir() else Path.home()


def start_folder(settings: QSettings, kind: str, avoid: tuple[Path, ...] = ()) -> Path:
    """Returns where a file dialog of this kind ('import', 'export', 'report' …) opens: the
    folder used last for that kind, else 「ドキュメント」 — never one of the avoided folders
    (the hidden data folder holding the open database and its backups).

    Args:
        settings: the program's settings.
        kind: the kind of file dialog; each kind remembers its own folder.
        avoid: folders a dialog of this kind must not open in.
    """
    last = str(settings.value(f"{kind}/folder", "") or "")
    avoided = {p.resolve() for p in avoid}
    if last and Path(last).is_dir() and Path(last).resolve() not in avoided:
        return Path(last)
    return documents_folder()


def remember_folder(settings: QSettings, kind: str, chosen: Path) -> None:
    """Remembers the folder of a file chosen in a dialog of this kind."""
    settings.setValue(f"{kind}/folder", str(Path(chosen).parent))
