"""The interchange JSON of ../shared/spec/interchange.md, both ways.

dump writes every person (or those chosen) losslessly; load reads a file, checks every
rule and either returns every person or raises ValidationError listing what is wrong,
so that an import is all or nothing.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from skillmatrix.domain.model import Category, Staff, ValidationError, validate_staff
from skillmatrix.domain.serialize import (
    dumps_indented,
    gc_paused,
    require_valid,
    staff_from_dict,
    staff_to_dict,
    who_label,
)

FORMAT = "skillmatrix-resume"
VERSION = 1
MAX_FILE_BYTES = 512 * 1024 * 1024


def write_json(
    people: Iterable[Staff],
    categories: list[Category],
    out: Path,
    today: date | None = None,
    extra: dict[str, object] | None = None,
) -> int:
    """Writes the interchange file atomically (temp name, then rename); returns the count.

    The file is streamed person by person, so memory does not grow with the staff count.
    """
    out = Path(out)
    names = {c.id: c.name for c in categories}
    fd, tmp = tempfile.mkstemp(prefix=".dump-", suffix=".json", dir=out.parent or ".")
    count = 0
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(f'{{\n  "format": "{FORMAT}",\n  "version": {VERSION:d},\n  "staff": [')
            for staff in people:
                text = dumps_indented(staff_to_dict(staff, names, today))  # = json.dumps(indent=2)
                f.write(("," if count else "") + "\n    " + text.replace("\n", "\n    "))
                count += 1
            f.write("\n  ]" if count else "]")
            for key, value in (extra or {}).items():  # e.g. "department" (department_merge.py)
                f.write(f",\n  {json.dumps(key)}: " + json.dumps(value, ensure_ascii=False))
            f.write("\n}\n")
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return count


@dataclass
class Loaded:
    """A validated interchange file: the people in it, in file order."""

    people: list[Staff]
    department: object = None  # the "department" member as read (department_merge.py reads it)


def read_json(path: Path, categories: list[Category]) -> Loaded:
    """Reads and validates an interchange file.

    Raises:
        ValidationError: the file is not readable JSON of this format, or any person in
            it breaks a rule; the message lists every problem with where it is.
    """
    path = Path(path)
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise ValidationError(f"ファイルが大きすぎます（{MAX_FILE_BYTES // 2**20} MBまで）: {path}")
        raw = path.read_bytes()
    except OSError as e:
        raise ValidationError(f"ファイルを読めません（{e.strerror}）: {path}") from None
    with gc_paused():  # millions of objects, none of them garbage
        try:
            data = json.loads(raw.decode("utf-8-sig"))
        except UnicodeDecodeError:
            raise ValidationError(f"UTF-8のテキストではありません: {path}") from None
        except json.JSONDecodeError as e:
            raise ValidationError(
                f"JSONとして読めません（{e.lineno}行{e.colno}列: {e.msg}）: {path}"
            ) from None
        return parse(data, categories)


def parse(data: object, categories: list[Category]) -> Loaded:
    """Validates parsed JSON (see read_json)."""
    if not isinstance(data, dict):
        raise ValidationError("interchange形式ではありません（最上位がオブジェクトではありません）")
    if data.get("format") != FORMAT:
        raise ValidationError(f'形式が違います: format は "{FORMAT}" のはずが {data.get("format")!r} です')
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ValidationError(f"version が正しくありません: {version!r}")
    if version > VERSION:
        raise ValidationError(f"新しい版のファイルです（version {version}、このプログラムは{VERSION}まで）")
    staff = data.get("staff")
    if not isinstance(staff, list):
        raise ValidationError("staff が配列ではありません")
    ids = {c.name: c.id for c in categories}
    problems: list[str] = []
    people = [
        s for i, obj in enumerate(staff, 1) if (s := staff_from_dict(obj, ids, i, problems)) is not None
    ]
    seen: dict[str, int] = {}
    for i, s in enumerate(people, 1):
        if s.id in seen:
            problems.append(f"{who_label(i, s.name)} id: staff[{seen[s.id]}] と同じidです（{s.id}）")
        seen.setdefault(s.id, i)
        problems += validate_staff(s, set(ids.values()), who_label(i, s.name))
    require_valid(list(dict.fromkeys(problems)))
    return Loaded(people, data.get("department"))
