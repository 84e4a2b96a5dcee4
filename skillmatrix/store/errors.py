"""The one error type the store raises: a Japanese sentence fit to show a user."""

from __future__ import annotations

import sqlite3

from skillmatrix.store import messages


class StoreError(Exception):
    """A database problem explained in one line of Japanese (what is wrong, what to do)."""


def explain(error: sqlite3.Error, path: str) -> StoreError:
    """Turns a sqlite3 error into a StoreError that says what happened to which file."""
    text = str(error).lower()
    if "locked" in text or "busy" in text:
        return StoreError(messages.IN_USE.format(path=path))
    if "disk is full" in text or "database or disk is full" in text:
        return StoreError(messages.DISK_FULL.format(path=path))
    if "readonly" in text or "read-only" in text:
        return StoreError(messages.READ_ONLY_FILE.format(path=path))
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return StoreError(messages.BROKEN_OR_NOT_SQLITE.format(path=path))
    if "unable to open" in text:
        return StoreError(messages.CANNOT_OPEN.format(path=path))
    if "disk i/o" in text:
        return StoreError(messages.DISK_IO_FAILED.format(path=path))
    return StoreError(messages.OPERATION_FAILED.format(error=error, path=path))
