"""Plain dict form of a person's sheet, shared by the interchange JSON and the audit log.

The dict is exactly a staff object of ../shared/spec/interchange.md, with the category
written by name so that it means the same in any database.
"""

from __future__ import annotations

import gc
import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from functools import lru_cache
from json.encoder import encode_basestring
from typing import Any

from skillmatrix.domain import messages
from skillmatrix.domain.dates import DateError, PartialDate, Period
from skillmatrix.domain.model import (
    Assignment,
    Entry,
    Project,
    Qualification,
    Staff,
    ValidationError,
    clipped,
)


def _iso(d: PartialDate | None) -> str | None:
    return d.iso() if d is not None else None


def staff_to_dict(staff: Staff, category_names: dict[str, str], today: date | None = None) -> dict[str, Any]:
    """Returns the interchange form of one person.

    Args:
        staff: the sheet.
        category_names: category id -> name.
        today: the day experience years are counted to.
    """
    return {
        "id": staff.id,
        "name": staff.name,
        "kana": staff.kana,
        "title": staff.title,
        "section": staff.section,
        "experience_years": staff.experience_years(today),
        "experience_override": staff.experience_override,
        # Optional (at most 20 characters): written only when set, so older readers and
        # files without it stay as they were.
        **({"experience_label": staff.experience_label} if staff.experience_label else {}),
        "qualifications": [
            {"name": q.name, "acquired": _iso(q.acquired), "expires": _iso(q.expires)}
            for q in staff.qualifications
        ],
        "assignments": [
            {"start": _iso(a.period.start), "end": _iso(a.period.end), "name": a.name, "duties": a.duties}
            for a in staff.assignments
        ],
        "projects": [
            {"start": _iso(p.period.start), "end": _iso(p.period.end), "name": p.name} for p in staff.projects
        ],
        "entries": [
            {
                "level": e.level,
                "category": category_names.get(e.category_id, e.category_id),
                "text": e.text,
                "kind": e.kind,
                "date": _iso(e.date),
                **({"note": e.note} if e.note else {}),
            }
            for e in staff.entries
        ],
    }


@contextmanager
def gc_paused() -> Iterator[None]:
    """Holds off Python's cyclic garbage collector while a bulk job builds objects.

    Reading 10,000 people makes millions of objects that all stay alive; every full
    collection meanwhile walked all of them (1.3 s of a 3.3 s read). Nothing built
    here forms cycles worth collecting early, and collection resumes afterwards.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def dumps_indented(value: Any, pad: str = "\n") -> str:
    """Returns exactly json.dumps(value, ensure_ascii=False, indent=2), about twice as fast.

    json.dumps gives up its C encoder when asked to indent; a dump of 10,000 people spent
    half its time there. Values are what staff_to_dict() makes: dicts, lists, str, int,
    bool, None (a float goes through json.dumps).

    Args:
        value: the value to encode.
        pad: a newline and the indentation of the line the value starts on.
    """
    kind = type(value)
    if kind is str:
        return encode_basestring(value)
    inner = pad + "  "
    if kind is dict:
        if not value:
            return "{}"
        parts = []
        for key, item in value.items():
            kind = type(item)
            if kind is str:
                parts.append(encode_basestring(key) + ": " + encode_basestring(item))
            elif item is None:
                parts.append(encode_basestring(key) + ": null")
            elif kind is int:
                parts.append(encode_basestring(key) + ": " + int.__repr__(item))
            else:
                parts.append(encode_basestring(key) + ": " + dumps_indented(item, inner))
        return "{" + inner + ("," + inner).join(parts) + pad + "}"
    if kind is list or kind is tuple:
        if not value:
            return "[]"
        return "[" + inner + ("," + inner).join([dumps_indented(x, inner) for x in value]) + pad + "]"
    return json.dumps(value, ensure_ascii=False)


# Dates of a file recur thousands of times; PartialDate is immutable. A bad date raises
# every time (lru_cache keeps no exceptions), so every place is reported.
_from_iso = lru_cache(maxsize=65536)(PartialDate.from_iso)


class _Reader:
    """Reads one staff dict, collecting every problem instead of stopping at the first."""

    def __init__(self, who: str, problems: list[str]):
        self.who = who
        self.problems = problems

    def text(self, obj: dict[str, Any], key: str, where: str) -> str:
        value = obj.get(key)
        if value is None:
            return ""
        if not isinstance(value, str):
            self.problems.append(messages.NOT_A_STRING.format(who=self.who, where=where, value=value))
            return ""
        return value

    def date(self, obj: dict[str, Any], key: str, where: str) -> PartialDate | None:
        value = obj.get(key)
        if value is None or value == "":
            return None
        if not isinstance(value, str):
            self.problems.append(messages.DATE_NOT_A_STRING.format(who=self.who, where=where, value=value))
            return None
        try:
            return _from_iso(value)
        except DateError as e:
            self.problems.append(f"{self.who} {where}: {e}")
            return None

    def period(self, obj: dict[str, Any], where: str) -> Period:
        start = self.date(obj, "start", f"{where} 開始")
        end = self.date(obj, "end", f"{where} 終了")
        try:
            return Period(start, end)
        except DateError as e:
            self.problems.append(f"{self.who} {where}: {e}")
            return Period(start, None)

    def items(self, obj: dict[str, Any], key: str, where: str) -> list[dict[str, Any]]:
        value = obj.get(key)
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(x, dict) for x in value):
            self.problems.append(messages.NOT_AN_OBJECT_ARRAY.format(who=self.who, where=where))
            return []
        return value


def staff_from_dict(obj: Any, category_ids: dict[str, str], index: int, problems: list[str]) -> Staff | None:
    """Reads one interchange staff object; appends every problem found to problems.

    Args:
        obj: the parsed JSON object.
        category_ids: category name -> id in the target database.
        index: the person's position in the file (1-based), for messages.
        problems: where problems are collected.

    Returns:
        The sheet, or None when the object is not usable at all.
    """
    if not isinstance(obj, dict):
        problems.append(messages.STAFF_NOT_OBJECT.format(index=index))
        return None
    who = who_label(index, obj.get("name"))
    r = _Reader(who, problems)
    staff = Staff(
        name=r.text(obj, "name", "氏名(name)"),
        kana=r.text(obj, "kana", "ふりがな(kana)"),
        title=r.text(obj, "title", "職名(title)"),
        section=r.text(obj, "section", "所属(section)"),
    )
    staff_id = obj.get("id")
    if staff_id is not None:
        if not isinstance(staff_id, str) or not _is_uuid(staff_id):
            problems.append(messages.ID_NOT_UUID.format(who=who, staff_id=staff_id))
        else:
            staff.id = staff_id.lower()
    override = obj.get("experience_override")
    if override is not None and (not isinstance(override, int) or isinstance(override, bool)):
        problems.append(messages.EXPERIENCE_NOT_INTEGER.format(who=who, override=override))
    else:
        staff.experience_override = override
    staff.experience_label = r.text(obj, "experience_label", "経験年数の表記(experience_label)")
    for i, q in enumerate(r.items(obj, "qualifications", "資格等(qualifications)"), 1):
        staff.qualifications.append(
            Qualification(
                name=r.text(q, "name", f"資格等{i}"),
                acquired=r.date(q, "acquired", f"資格等{i} 取得"),
                expires=r.date(q, "expires", f"資格等{i} 有効期限"),
            )
        )
    for i, a in enumerate(r.items(obj, "assignments", "担当履歴(assignments)"), 1):
        staff.assignments.append(
            Assignment(
                period=r.period(a, f"担当履歴{i}"),
                name=r.text(a, "name", f"担当履歴{i} 担当名"),
                duties=r.text(a, "duties", f"担当履歴{i} 主担当業務"),
            )
        )
    for i, p in enumerate(r.items(obj, "projects", "プロジェクト(projects)"), 1):
        staff.projects.append(
            Project(period=r.period(p, f"プロジェクト{i}"), name=r.text(p, "name", f"プロジェクト{i} 名称"))
        )
    for i, e in enumerate(r.items(obj, "entries", "実績(entries)"), 1):
        # The usual entry, well-typed, is read without making the messages below.
        text, level, day, note = e.get("text"), e.get("level"), e.get("date"), e.get("note")
        if (
            type(text) is str
            and type(level) is int
            and (day is None or type(day) is str)
            and (note is None or type(note) is str)
        ):
            try:
                when = _from_iso(day) if day else None
            except DateError:
                pass  # said where below
            else:
                category = e.get("category")
                staff.entries.append(
                    Entry(
                        level=level,
                        category_id=category_ids.get(category, category)
                        if isinstance(category, str)
                        else str(category),
                        text=text,
                        kind=str(e.get("kind") or "other"),
                        date=when,
                        note=note or "",
                    )
                )
                continue
        text = r.text(e, "text", f"実績{i} 内容")
        where = f"{who} 実績{i}「{text[:20]}」"
        level = e.get("level")
        if not isinstance(level, int) or isinstance(level, bool):
            problems.append(messages.LEVEL_NOT_INTEGER.format(where=where, level=level))
            level = 0
        category = e.get("category")
        # An unknown name stays as it is, so validate_staff names it in its message.
        category_id = category_ids.get(category, category) if isinstance(category, str) else str(category)
        kind = e.get("kind") or "other"
        staff.entries.append(
            Entry(
                level=level,
                category_id=category_id,
                text=text,
                kind=str(kind),
                date=r.date(e, "date", f"実績{i} 日付"),
                note=r.text(e, "note", f"実績{i} 備考"),
            )
        )
    return staff


def who_label(index: int, name: object) -> str:
    """Returns how messages name the index-th person of a file: staff[3]「藤沢 花子」."""
    if isinstance(name, str) and name.strip():
        return f"staff[{index}]「{clipped(name.strip())}」"  # a 10-MB name is not echoed
    return f"staff[{index}]"


def _is_uuid(text: str) -> bool:
    import uuid

    try:
        uuid.UUID(text)
    except ValueError:
        return False
    return len(text) == 36


def require_valid(problems: list[str], limit: int = 50) -> None:
    """Raises ValidationError listing up to `limit` problems, if there are any."""
    if problems:
        shown = problems[:limit]
        if len(problems) > limit:
            shown.append(f"…ほか{len(problems) - limit}件")
        raise ValidationError(shown)
