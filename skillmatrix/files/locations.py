"""Where a file is: the SQLite URI of any path, and whether it is on a network drive.

Windows paths come in several forms — drive letters (C:\\), mapped network drives (Z:\\),
UNC shares (\\\\server\\share) and long-path prefixes (\\\\?\\) — and Path.resolve() on Windows
turns a mapped drive into its UNC form. The URI is therefore made from the absolute path
as written (os.path.abspath), never from a resolved one.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import PurePath, PurePosixPath, PureWindowsPath
from urllib.parse import quote

# Filesystem types of network mounts on Linux (/proc/self/mounts) and macOS.
NETWORK_FILESYSTEMS = frozenset(
    {
        "cifs",
        "smb3",
        "smbfs",
        "nfs",
        "nfs4",
        "fuse.sshfs",
        "sshfs",
        "afs",
        "ncpfs",
        "9p",
        "davfs",
        "fuse.davfs2",
    }
)
DRIVE_REMOTE = 4  # GetDriveTypeW's answer for a network drive


def _as_pure(path: str | os.PathLike[str]) -> PurePath:
    if isinstance(path, PurePath) and type(path) in (PureWindowsPath, PurePosixPath):
        return path  # a pure path (tests of the other platform's forms) is taken as written
    text = os.path.abspath(os.fspath(path))
    return PureWindowsPath(text) if os.name == "nt" else PurePosixPath(text)


def _strip_long_prefix(text: str) -> str:
    if text.startswith("\\\\?\\UNC\\"):
        return "\\\\" + text[8:]
    if text.startswith("\\\\?\\"):
        return text[4:]
    return text


def sqlite_uri(path: str | os.PathLike[str], mode: str, immutable: bool = False) -> str:
    """Returns the SQLite URI of a file.

    Drive letters become file:///C:/…, UNC shares file:////server/share/… (an empty
    authority, as SQLite requires), and %, #, ?, spaces and non-ASCII characters are
    percent-encoded.

    Args:
        path: the file; a PureWindowsPath or PurePosixPath is taken as written (it must
            be absolute), anything else is made absolute without resolving links.
        mode: 'ro', 'rw' or 'rwc'.
        immutable: promise SQLite that nobody writes the file meanwhile.
    """
    pure = _as_pure(path)
    if isinstance(pure, PureWindowsPath):
        posix = PureWindowsPath(_strip_long_prefix(str(pure))).as_posix()
        if posix.startswith("//"):  # \\server\share\x → file:////server/share/x
            body = quote(posix, safe="/")
        else:  # C:/x → file:///C:/x
            body = "/" + quote(posix, safe="/:")
    else:
        body = quote(str(pure), safe="/")
    return f"file://{body}?mode={mode}" + ("&immutable=1" if immutable else "")


def windows_path_is_remote(path: PureWindowsPath, drive_type: Callable[[str], int]) -> bool:
    """True for a UNC path or a drive letter that Windows reports as a network drive.

    Args:
        path: an absolute Windows path.
        drive_type: GetDriveTypeW (tests pass a stand-in).
    """
    text = _strip_long_prefix(str(path))
    if text.startswith("\\\\"):
        return True
    drive = PureWindowsPath(text).drive
    return bool(drive) and drive_type(drive + "\\") == DRIVE_REMOTE


def _get_drive_type(root: str) -> int:  # pragma: no cover - Windows only
    if sys.platform != "win32":
        raise OSError("GetDriveTypeW is Windows only")
    import ctypes

    if sys.platform == "win32":
        return int(ctypes.windll.kernel32.GetDriveTypeW(root))
    return 0


def _mounts() -> list[tuple[str, str]]:
    """Returns (mount point, filesystem type) of every mount (Linux; [] elsewhere)."""
    try:
        with open("/proc/self/mounts", encoding="utf-8", errors="replace") as f:
            lines = f.read().splitlines()
    except OSError:
        return []
    found = []
    for line in lines:
        parts = line.split()
        if len(parts) >= 3:
            point = parts[1].encode().decode("unicode_escape", errors="replace")  # \040 is a space
            found.append((point, parts[2]))
    return found


def mount_type(path: str | os.PathLike[str]) -> str:
    """Returns the filesystem type of the mount holding path ('' when unknown)."""
    real = os.path.realpath(os.fspath(path))
    best, kind = "", ""
    for point, fstype in _mounts():
        prefix = point.rstrip("/") + "/"
        if (real == point or real.startswith(prefix) or point == "/") and len(point) >= len(best):
            best, kind = point, fstype
    return kind


def is_network_path(path: str | os.PathLike[str]) -> bool:
    """True when the file lives on a network drive (a share, a mapped drive, an NFS or
    sshfs mount), where SQLite's WAL mode must not be used."""
    if sys.platform == "win32":  # pragma: no cover - Windows only
        return windows_path_is_remote(PureWindowsPath(os.path.abspath(os.fspath(path))), _get_drive_type)
    if sys.platform.startswith("linux"):
        return mount_type(path) in NETWORK_FILESYSTEMS
    return False
