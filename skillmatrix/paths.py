"""Where the program's own files are: the resources and the database migrations.

In the source tree they sit beside the package (resources/, db/); an installed wheel
carries them inside the package (skillmatrix/resources, skillmatrix/db, see
pyproject.toml); a PyInstaller bundle unpacks them under sys._MEIPASS.
"""

from __future__ import annotations

import sys
from pathlib import Path

from skillmatrix import files
from skillmatrix.files import messages

_PACKAGE = Path(__file__).resolve().parent


def _find(name: str, marker: str) -> Path:
    candidates = []
    if hasattr(sys, "_MEIPASS"):
        candidates.append(Path(sys._MEIPASS) / name)
    candidates += [_PACKAGE / name, _PACKAGE.parent / name]
    for candidate in candidates:
        # Look for a file we ship, not just the folder: beside an installed package (in
        # site-packages) another distribution may have put its own resources/ or db/.
        if (candidate / marker).is_file():
            return candidate
    raise FileNotFoundError(messages.PROGRAM_FILES_MISSING.format(name=name))


def resources_dir() -> Path:
    """Returns the folder of defaults, fonts and icons that ship with the program."""
    return _find("resources", "defaults.json")


def migrations_dir() -> Path:
    """Returns the folder of numbered SQL migrations (db/0001_initial.sql, …)."""
    return _find("db", "0001_initial.sql")


def program_dir() -> Path:
    """Returns the folder of the running program (the bundle's folder when frozen)."""
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    return _PACKAGE.parent


def portable_data_dir() -> Path | None:
    """Returns the data folder beside the program in portable mode, else None.

    Portable mode is on when a file named `portable` or a folder `data/` sits beside the
    program, so the whole thing runs from a USB stick. The program is the bundle's
    executable or a source checkout; an installed package never is, since its folder is
    site-packages, where any distribution may have left a data/ folder.
    """
    base = program_dir()
    if not (getattr(sys, "frozen", False) or (base / "pyproject.toml").is_file()):
        return None
    if (base / "portable").exists() or (base / "data").is_dir():
        return base / "data"
    return None


class DataFolderError(OSError):
    """The data folder cannot be made (a write-protected stick in portable mode, …)."""


def is_read_only_media(folder: Path) -> bool:
    """True when folder exists but nothing can be written into it (a write-protected
    stick or a read-only share); the window then opens the database read-only."""
    import os
    import tempfile

    if not folder.is_dir():
        return False
    try:
        fd, probe = tempfile.mkstemp(prefix=".~skillmatrix-probe-", dir=folder)
    except OSError:
        return True
    os.close(fd)
    files.remove_quietly(probe)
    return False


def data_dir() -> Path:
    """Returns (and creates) the folder for the database, logs and backups.

    Raises:
        DataFolderError: the folder does not exist and cannot be made; the message says
            what to do (one Japanese line).
    """
    import os

    folder = portable_data_dir()
    if folder is None:
        if sys.platform == "win32":
            root = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
        elif sys.platform == "darwin":
            root = Path.home() / "Library" / "Application Support"
        else:
            root = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
        folder = root / "SkillMatrix"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        where = "ポータブル版の data フォルダ" if portable_data_dir() is not None else "データフォルダ"
        raise DataFolderError(
            messages.DATA_FOLDER_UNCREATABLE.format(where=where, reason=e.strerror or e, folder=folder)
        ) from None
    return folder


def default_database() -> Path:
    """Returns the database the window opens when no --db is given."""
    return data_dir() / "skillmatrix.sqlite"
