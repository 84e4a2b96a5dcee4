"""The errors of the file guards and how they quote what users and files wrote."""

from __future__ import annotations

import re

QUOTE_LIMIT = 80  # characters of user or file text a message ever quotes
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200b-\u200d\u2060\ufeff\ud800-\udfff]")


class FileError(Exception):
    """An output or input file the program will not (or cannot) use; the message is the
    one Japanese line the user sees."""


class BusyFileError(FileError):
    """Another program (a virus scanner, a PDF viewer) kept a file open for too long."""


def clip(text: object, limit: int = QUOTE_LIMIT) -> str:
    """Returns text safe to quote in a one-line message: control and direction-changing
    characters shown as '?', at most `limit` characters (then '…').

    Args:
        text: anything; it is turned into text first.
        limit: how many characters to keep.
    """
    value = str(text)
    if len(value) > limit:
        value = value[:limit] + "…"
    return _UNSAFE.sub("?", value)
