"""The one guarded way to read an input file.

Only regular files are read (a FIFO would block forever, /dev/zero never ends, a
folder is a mistake): anything else is refused at once with a line saying what the path
is. The size is checked before reading, on the opened file itself. JSON is parsed with
limits: integers of at most MAX_INT_DIGITS digits and nesting at most MAX_DEPTH deep,
each refused as one line naming where. `-` means standard input.
"""

from __future__ import annotations

import json
import os
import stat
import sys
from typing import Any

import skillmatrix.files.messages as messages
from skillmatrix.files.errors import FileError, clip
from skillmatrix.files.writing import _kind, is_stdio

MAX_INT_DIGITS = 20  # no field of ours needs more; Python refuses > 4,300 with a traceback
MAX_DEPTH = 64  # the interchange format nests 4 deep
CONVERT_HINT = (
    "UTF-8で保存し直してから取り込んでください（メモ帳:「名前を付けて保存」で文字コード UTF-8、"
    "PowerShell: Get-Content 元.json | Set-Content -Encoding UTF8 新.json）"
)


def check_input(path: str | os.PathLike[str]) -> os.stat_result:
    """Returns the stat of an input that is a regular file.

    Raises:
        FileError: missing, unreadable, or not a regular file (what it is is named).
    """
    shown = clip(os.fspath(path))
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise FileError(messages.FILE_NOT_FOUND.format(shown=shown)) from None
    except OSError as e:
        raise FileError(messages.FILE_UNREADABLE.format(reason=e.strerror or e, shown=shown)) from None
    if not stat.S_ISREG(st.st_mode):
        raise FileError(messages.INPUT_NOT_REGULAR.format(kind=_kind(st.st_mode), shown=shown))
    return st


def read_bytes(path: str | os.PathLike[str], max_bytes: int) -> bytes:
    """Reads a whole input (a regular file, or `-` for standard input) of at most max_bytes.

    Raises:
        FileError: see check_input; or the input is larger than max_bytes.
    """
    limit = f"{max_bytes // 2**20} MBまで" if max_bytes >= 2**20 else f"{max_bytes}バイトまで"
    if is_stdio(path):
        data = sys.stdin.buffer.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise FileError(messages.STDIN_TOO_LARGE.format(limit=limit))
        return data
    shown = clip(os.fspath(path))
    check_input(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as e:
        raise FileError(messages.FILE_UNREADABLE.format(reason=e.strerror or e, shown=shown)) from None
    with os.fdopen(fd, "rb") as f:
        st = os.fstat(f.fileno())  # the file opened, not a name swapped meanwhile
        if not stat.S_ISREG(st.st_mode):
            raise FileError(messages.INPUT_NOT_REGULAR.format(kind=_kind(st.st_mode), shown=shown))
        if st.st_size > max_bytes:
            raise FileError(
                messages.FILE_TOO_LARGE_SIZED.format(limit=limit, size_mb=st.st_size // 2**20, shown=shown)
            )
        try:
            data = f.read(max_bytes + 1)
        except OSError as e:
            raise FileError(messages.FILE_UNREADABLE.format(reason=e.strerror or e, shown=shown)) from None
    if len(data) > max_bytes:
        raise FileError(messages.FILE_TOO_LARGE.format(limit=limit, shown=shown))
    return data


def decode_text(raw: bytes, shown: str) -> str:
    """Decodes UTF-8 (with or without BOM); names UTF-16 and cp932 and how to convert.

    Raises:
        FileError: the bytes are not UTF-8.
    """
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or (len(raw) > 3 and (raw[1] == 0 or raw[0] == 0)):
        raise FileError(messages.SAVED_AS_UTF16.format(convert_hint=CONVERT_HINT, shown=clip(shown)))
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        raw.decode("cp932")
    except UnicodeDecodeError:
        raise FileError(messages.NOT_UTF8.format(shown=clip(shown))) from None
    raise FileError(messages.SAVED_AS_CP932.format(convert_hint=CONVERT_HINT, shown=clip(shown)))


class _TooManyDigits(ValueError):
    def __init__(self, digits: str):
        super().__init__(digits)
        self.digits = digits


def _parse_int(digits: str) -> int:
    if len(digits.lstrip("-")) > MAX_INT_DIGITS:
        raise _TooManyDigits(digits)
    return int(digits)


def _refuse_constant(name: str) -> Any:
    raise json.JSONDecodeError(messages.NOT_A_JSON_VALUE.format(name=name), name, 0)


def _where(text: str, index: int) -> str:
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return f"{line}行{column}列"


def _too_deep_at(text: str) -> int:
    """Returns where nesting first passes MAX_DEPTH (only called once parsing failed)."""
    depth, in_string, escaped = 0, False, False
    for i, ch in enumerate(text):
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return i
        elif ch in "]}":
            depth -= 1
    return len(text)


def parse_json(raw: bytes, shown: str) -> Any:
    """Parses JSON bytes with the limits of this module.

    Args:
        raw: the file's bytes.
        shown: the file's name for messages.

    Raises:
        FileError: not UTF-8, not JSON, nested too deep, or an integer too long; one line
            naming the place.
    """
    text = decode_text(raw, shown)
    name = clip(shown)
    try:
        return json.loads(text, parse_int=_parse_int, parse_constant=_refuse_constant)
    except RecursionError:
        where = _where(text, _too_deep_at(text))
        raise FileError(
            messages.JSON_TOO_DEEP_AT.format(max_depth=MAX_DEPTH, where=where, name=name)
        ) from None
    except _TooManyDigits as e:
        index = text.find(e.digits)
        raise FileError(
            messages.JSON_INTEGER_TOO_LONG.format(
                max_int_digits=MAX_INT_DIGITS, where=_where(text, index), digits=clip(e.digits, 20), name=name
            )
        ) from None
    except json.JSONDecodeError as e:
        raise FileError(
            messages.JSON_UNREADABLE_AT.format(line=e.lineno, column=e.colno, reason=clip(e.msg), name=name)
        ) from None
    except ValueError as e:  # a float Python refuses, …
        raise FileError(messages.JSON_UNREADABLE.format(error=clip(e), name=name)) from None


def json_depth(value: Any, limit: int = MAX_DEPTH) -> int:
    """Returns how deep value nests (containers only), stopping once past limit."""
    depth, level = 0, [value]
    while level:
        depth += 1
        if depth > limit:
            return depth
        nxt: list[Any] = []
        for item in level:
            if isinstance(item, dict):
                nxt.extend(v for v in item.values() if isinstance(v, (dict, list)))
            elif isinstance(item, list):
                nxt.extend(v for v in item if isinstance(v, (dict, list)))
        level = nxt
    return depth - 1


def read_json(path: str | os.PathLike[str], max_bytes: int) -> Any:
    """Reads a JSON input (file or `-`) with every limit of this module.

    Raises:
        FileError: see read_bytes and parse_json; or it nests deeper than MAX_DEPTH.
    """
    shown = "標準入力" if is_stdio(path) else os.fspath(path)
    data = parse_json(read_bytes(path, max_bytes), shown)
    if json_depth(data) > MAX_DEPTH:
        raise FileError(messages.JSON_TOO_DEEP.format(max_depth=MAX_DEPTH, shown=clip(shown)))
    return data


def path_kind(path: str | os.PathLike[str]) -> str | None:
    """Returns what a path is when it exists and is not a regular file ('FIFO', …), else None."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return None if stat.S_ISREG(st.st_mode) else _kind(st.st_mode)
