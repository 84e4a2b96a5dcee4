"""The interchange JSON of ../shared/spec/interchange.md, both ways.

dump writes every person (or those chosen) losslessly; load reads a file, checks every
rule and either returns every person or raises ValidationError listing what is wrong,
so that an import is all or nothing.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from skillmatrix import files
from skillmatrix.domain.model import Category, Staff, ValidationError, new_id, validate_staff
from skillmatrix.domain.serialize import (
    dumps_indented,
    gc_paused,
    require_valid,
    staff_from_dict,
    staff_to_dict,
    who_label,
)
from skillmatrix.exchange import messages
from skillmatrix.store import audit

FORMAT = "skillmatrix-resume"
VERSION = 1
# 100 MB holds ~20,000 people; parsing takes ~10 bytes of memory per byte of JSON, so a
# larger file would cost gigabytes before a single rule was checked.
MAX_FILE_BYTES = 100 * 1024 * 1024
_REVISION = re.compile(r"[0-9A-Za-z][0-9A-Za-z-]{0,63}")
RevisionRow = tuple[str, str | None, str]


MAX_HISTORY = 100_000  # earlier revisions listed for one person


def _with_revision(obj: dict[str, Any], revision: str, history: list[str] | None) -> dict[str, Any]:
    """Puts the person's revision (and the earlier ones) after section, where the spec's
    example shows it."""
    out: dict[str, Any] = {}
    for key, value in obj.items():
        out[key] = value
        if key == "section":
            out["revision"] = revision
            if history is not None:
                out["revision_history"] = history
    out.setdefault("revision", revision)
    return out


def write_json(
    people: Iterable[Staff],
    categories: list[Category],
    out: Path | str,
    today: date | None = None,
    protected: Iterable[Path] = (),
    encoding: str = "utf-8",
    histories: Mapping[str, Iterable[str]] | None = None,
    extra: Mapping[str, object] | None = None,
) -> int:
    """Writes the interchange file through the guarded writer (temp name, then rename;
    `-` for standard output); returns the count.

    The file is streamed person by person, so memory does not grow with the staff count.
    Each person carries its revision, so that an import knows what the file is newer than.

    Args:
        people: the sheets, in order.
        categories: the categories (entries name theirs).
        out: the file, or `-`.
        today: the day experience years are counted to.
        protected: open databases the file must not overwrite.
        encoding: 'utf-8' (the interchange format) or 'cp932' for other tools.
        histories: staff id -> the revisions the person's current one descends from,
            oldest first (store.shared_sql.revision_ancestors); written as
            `revision_history` so that an import can tell a newer sheet (fast-forward)
            from a conflicting one.

    Raises:
        FileError: the output is refused, or a character has no form in the encoding.
    """
    names = {c.id: c.name for c in categories}
    count = 0
    try:
        with files.open_output(out, text=True, encoding=encoding, protected=protected) as f:
            f.write(f'{{\n  "format": "{FORMAT}",\n  "version": {VERSION:d},\n  "staff": [')
            for staff in people:
                history = None
                if histories is not None:
                    history = [r for r in histories.get(staff.id, ()) if r != staff.revision]
                obj = _with_revision(staff_to_dict(staff, names, today), staff.revision, history)
                text = dumps_indented(obj)  # = json.dumps(indent=2)
                f.write(("," if count else "") + "\n    " + text.replace("\n", "\n    "))
                count += 1
            f.write("\n  ]" if count else "]")
            for key, value in (extra or {}).items():  # e.g. "department" (department_merge.py)
                f.write(f",\n  {json.dumps(key)}: " + json.dumps(value, ensure_ascii=False))
            f.write("\n}\n")
    except UnicodeEncodeError as e:
        bad = files.clip(e.object[e.start : e.end], 10)
        raise files.FileError(messages.UNENCODABLE_CHARACTER.format(encoding=encoding, bad=bad)) from None
    return count


@dataclass
class Loaded:
    """A validated interchange file: the people in it, in file order."""

    people: list[Staff]
    chains: dict[str, list[RevisionRow]] | None = None
    without_revisions: int = 0
    problems: list[str] = field(default_factory=list)
    department: object = None  # the "department" member as read (department_merge.py reads it)


def read_json(path: Path, categories: list[Category]) -> Loaded:
    """Reads and validates an interchange file (or `-`: standard input) through the
    guarded reader (a regular file, at most MAX_FILE_BYTES, JSON limits).

    Raises:
        ValidationError: the file is not readable JSON of this format, or any person in
            it breaks a rule; the message lists every problem with where it is.
    """
    with gc_paused():  # millions of objects, none of them garbage
        try:
            data = files.read_json(path, MAX_FILE_BYTES)
        except files.FileError as e:
            raise ValidationError(str(e)) from None
        return parse(data, categories)


def parse(data: object, categories: list[Category]) -> Loaded:
    """Validates parsed JSON (see read_json)."""
    if not isinstance(data, dict):
        raise ValidationError(messages.INTERCHANGE_NOT_OBJECT)
    if data.get("format") != FORMAT:
        raise ValidationError(
            messages.INTERCHANGE_WRONG_FORMAT.format(format=FORMAT, found=data.get("format"))
        )
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ValidationError(messages.INTERCHANGE_BAD_VERSION.format(version=version))
    if version > VERSION:
        raise ValidationError(messages.INTERCHANGE_TOO_NEW.format(version=version, supported=VERSION))
    staff = data.get("staff")
    if not isinstance(staff, list):
        raise ValidationError(messages.INTERCHANGE_STAFF_NOT_ARRAY)
    ids = {c.name: c.id for c in categories}
    problems: list[str] = []
    people = [
        s for i, obj in enumerate(staff, 1) if (s := staff_from_dict(obj, ids, i, problems)) is not None
    ]
    seen: dict[str, int] = {}
    for i, s in enumerate(people, 1):
        if s.id in seen:
            problems.append(
                messages.DUPLICATE_STAFF_ID.format(
                    who_label=who_label(i, s.name), first_index=seen[s.id], id=s.id
                )
            )
        seen.setdefault(s.id, i)
        problems += validate_staff(s, set(ids.values()), who_label(i, s.name))
    chains, without = _revisions(staff, people, problems)
    require_valid(list(dict.fromkeys(problems)))
    return Loaded(people, chains, without, department=data.get("department"))


def _revisions(
    objects: list[object], people: list[Staff], problems: list[str]
) -> tuple[dict[str, list[RevisionRow]] | None, int]:
    """Reads each person's `revision`. Returns the chains for merge.plan_import (None
    when no person carries one: a hand-made file, taken as the newer side) and how many
    people had none."""
    chains: dict[str, list[RevisionRow]] = {}
    without, stamp = 0, audit.now()
    listed = [obj for obj in objects if isinstance(obj, dict)]
    for i, (obj, staff) in enumerate(zip(listed, people, strict=False), 1):
        value = obj.get("revision")
        if value is None:
            without += 1
            staff.revision = new_id()  # an unknown version: never taken as an ancestor
        elif not isinstance(value, str) or not _REVISION.fullmatch(value):
            problems.append(
                messages.REVISION_INVALID.format(
                    who_label=who_label(i, staff.name), value=files.clip(value, 40)
                )
            )
            continue
        else:
            staff.revision = value
        earlier = obj.get("revision_history") or []
        if not isinstance(earlier, list) or len(earlier) > MAX_HISTORY:
            problems.append(messages.REVISION_HISTORY_INVALID.format(who_label=who_label(i, staff.name)))
            continue
        rows: list[RevisionRow] = []
        for old in earlier:
            if not isinstance(old, str) or not _REVISION.fullmatch(old):
                problems.append(
                    messages.REVISION_HISTORY_RECORD_INVALID.format(
                        who_label=who_label(i, staff.name), old=files.clip(old, 40)
                    )
                )
                break
            rows.append((old, rows[-1][0] if rows else None, stamp))  # oldest first: parent before
        chains[staff.id] = rows + [(staff.revision, rows[-1][0] if rows else None, stamp)]
    if without == len(people):
        for staff in people:
            staff.revision = ""
        return None, without
    return chains, without
