"""Renames and deletions that survive a virus scanner or a viewer holding a file for a
moment (Windows' sharing violations, WinError 5 and 32; EBUSY elsewhere).

Every rename, replace and delete of the program goes through here: it retries for about
BUSY_SECONDS, then raises BusyFileError with one Japanese line.
"""

from __future__ import annotations

import errno
import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from skillmatrix.files.errors import BusyFileError, clip

T = TypeVar("T")

BUSY_SECONDS = 2.0
BUSY_MESSAGE = "他のプログラムがファイルを使用中です（PDF を開いているなら閉じてください）"
_SHARING_WINERRORS = {5, 32}  # ERROR_ACCESS_DENIED, ERROR_SHARING_VIOLATION


def is_sharing_violation(error: OSError) -> bool:
    """True when the error means that another program holds the file for now."""
    if getattr(error, "winerror", None) in _SHARING_WINERRORS:
        return True
    return error.errno == errno.EBUSY


def retry_busy(action: Callable[[], T], path: str | os.PathLike[str], seconds: float | None = None) -> T:
    """Runs action, retrying while the file is busy.

    Args:
        action: the file operation (a rename, a replace, a deletion).
        path: the file, for the message.
        seconds: how long to keep trying (default BUSY_SECONDS).

    Returns:
        What action returned.

    Raises:
        BusyFileError: the file stayed busy.
        OSError: any other failure, at once.
    """
    deadline = time.monotonic() + (BUSY_SECONDS if seconds is None else seconds)
    delay = 0.05
    while True:
        try:
            return action()
        except OSError as e:
            if not is_sharing_violation(e):
                raise
            if time.monotonic() >= deadline:
                raise BusyFileError(f"{BUSY_MESSAGE}: {clip(os.fspath(path))}") from None
        time.sleep(delay)
        delay = min(delay * 2, 0.25)


def replace(source: str | os.PathLike[str], target: str | os.PathLike[str]) -> None:
    """os.replace, retried while either file is busy."""
    retry_busy(lambda: os.replace(source, target), target)


def remove(path: str | os.PathLike[str]) -> None:
    """Deletes a file (nothing if it is gone), retried while it is busy."""
    retry_busy(lambda: Path(path).unlink(missing_ok=True), path)


def remove_quietly(path: str | os.PathLike[str]) -> bool:
    """Deletes a leftover file if it can; returns False when it had to stay (swept later)."""
    try:
        remove(path)
        return True
    except (OSError, BusyFileError):
        return False


def remove_tree_quietly(folder: str | os.PathLike[str]) -> None:
    """Removes a private temporary folder, ignoring files a scanner still holds: a
    finished job never fails for its cleanup, and the folder is swept later."""
    shutil.rmtree(folder, ignore_errors=True)
