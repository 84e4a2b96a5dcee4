"""Parts of one person's sheet: what an edit changes, and nothing more.

A sheet is made of parts that are written independently: each profile field, each of the
three history lists (資格等, 担当履歴, プロジェクト), and each grid cell (level × category).
A SheetPatch names some parts with their new values. The store writes only those parts,
the audit log records them (before and after), and the inverse of a patch is simply the
same parts as they were, so undo is another patch.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from skillmatrix.domain.dates import PartialDate, Period
from skillmatrix.domain.model import Assignment, Entry, Project, Qualification, Staff

Cell = tuple[int, str]  # (level number, category id)
Row = Qualification | Assignment | Project

PROFILE_FIELDS = ("name", "kana", "title", "section", "experience_override", "experience_label")
LIST_PARTS = ("qualifications", "assignments", "projects")


@dataclass(frozen=True)
class SheetPatch:
    """New values for some parts of one sheet; a part not named is left as it is.

    Attributes:
        profile: profile field name → new value.
        lists: "qualifications" / "assignments" / "projects" → the whole new list.
        cells: (level, category id) → the cell's new entries, in order.
    """

    profile: Mapping[str, Any] = field(default_factory=dict)
    lists: Mapping[str, tuple[Row, ...]] = field(default_factory=dict)
    cells: Mapping[Cell, tuple[Entry, ...]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        unknown = set(self.profile) - set(PROFILE_FIELDS) or set(self.lists) - set(LIST_PARTS)
        if unknown:
            raise ValueError(f"unknown sheet parts: {sorted(unknown)}")

    @property
    def empty(self) -> bool:
        """True when the patch changes nothing."""
        return not (self.profile or self.lists or self.cells)

    def parts(self) -> frozenset[str]:
        """Names of the parts: 'profile:name', 'assignments', 'cell:3:<category id>'."""
        return frozenset(
            [f"profile:{name}" for name in self.profile]
            + list(self.lists)
            + [f"cell:{level}:{category}" for level, category in self.cells]
        )


def cell_of(sheet: Staff, cell: Cell) -> tuple[Entry, ...]:
    """Returns the entries of one cell, in order."""
    return tuple(e for e in sheet.entries if (e.level, e.category_id) == cell)


def _cells(entries: Iterable[Entry]) -> dict[Cell, list[Entry]]:
    cells: dict[Cell, list[Entry]] = {}
    for entry in entries:
        cells.setdefault((entry.level, entry.category_id), []).append(entry)
    return cells


def diff(old: Staff, new: Staff) -> SheetPatch:
    """Returns the parts of new that differ from old (an empty patch when none do)."""
    profile = {
        name: getattr(new, name) for name in PROFILE_FIELDS if getattr(new, name) != getattr(old, name)
    }
    lists = {
        name: tuple(getattr(new, name)) for name in LIST_PARTS if getattr(new, name) != getattr(old, name)
    }
    before, after = _cells(old.entries), _cells(new.entries)
    cells = {
        cell: tuple(after.get(cell, []))
        for cell in dict.fromkeys([*before, *after])
        if before.get(cell, []) != after.get(cell, [])
    }
    return SheetPatch(profile, lists, cells)


def take(sheet: Staff, patch: SheetPatch) -> SheetPatch:
    """Returns the sheet's current values of the parts the patch names: its inverse."""
    return SheetPatch(
        {name: getattr(sheet, name) for name in patch.profile},
        {name: tuple(getattr(sheet, name)) for name in patch.lists},
        {cell: cell_of(sheet, cell) for cell in patch.cells},
    )


def apply(sheet: Staff, patch: SheetPatch) -> Staff:
    """Returns a copy of the sheet with the patch's parts replaced.

    A replaced cell keeps its place among the entries (where its first entry was; a
    new cell goes last), so that an edit does not reorder the other cells.
    """
    result = sheet.copy()
    for name, value in patch.profile.items():
        setattr(result, name, value)
    for name, rows in patch.lists.items():
        setattr(result, name, [dataclasses.replace(r) for r in rows])
    for cell, entries in patch.cells.items():
        places = [i for i, e in enumerate(result.entries) if (e.level, e.category_id) == cell]
        at = places[0] if places else len(result.entries)
        kept = [e for e in result.entries if (e.level, e.category_id) != cell]
        new = [dataclasses.replace(e, level=cell[0], category_id=cell[1]) for e in entries]
        result.entries = kept[:at] + new + kept[at:]
    return result


def same_content(a: Staff, b: Staff) -> bool:
    """True when two sheets hold the same parts (the order of cells among each other aside)."""
    return diff(a, b).empty


# -- the audit log's form --------------------------------------------------------------------


def _iso(d: PartialDate | None) -> str | None:
    return d.iso() if d is not None else None


def _date(text: str | None) -> PartialDate | None:
    return PartialDate.from_iso(text) if text else None


def _row_to_json(part: str, row: Row) -> dict[str, Any]:
    if isinstance(row, Qualification):
        return {"id": row.id, "name": row.name, "acquired": _iso(row.acquired), "expires": _iso(row.expires)}
    start, end = _iso(row.period.start), _iso(row.period.end)
    if isinstance(row, Assignment):
        return {"id": row.id, "start": start, "end": end, "name": row.name, "duties": row.duties}
    return {"id": row.id, "start": start, "end": end, "name": row.name}


def _row_from_json(part: str, data: Mapping[str, Any]) -> Row:
    if part == "qualifications":
        return Qualification(
            id=data["id"], name=data["name"], acquired=_date(data["acquired"]), expires=_date(data["expires"])
        )
    period = Period(_date(data["start"]), _date(data["end"]))
    if part == "assignments":
        return Assignment(id=data["id"], period=period, name=data["name"], duties=data["duties"])
    return Project(id=data["id"], period=period, name=data["name"])


def _entry_to_json(entry: Entry) -> dict[str, Any]:
    return {
        "id": entry.id,
        "text": entry.text,
        "kind": entry.kind,
        "date": _iso(entry.date),
        "note": entry.note,
    }


def to_json(patch: SheetPatch) -> dict[str, Any]:
    """Returns the patch as plain JSON values (the audit log's before and after)."""
    out: dict[str, Any] = {}
    if patch.profile:
        out["profile"] = dict(patch.profile)
    for name, rows in patch.lists.items():
        out[name] = [_row_to_json(name, r) for r in rows]
    if patch.cells:
        out["cells"] = [
            {"level": level, "category_id": category, "entries": [_entry_to_json(e) for e in entries]}
            for (level, category), entries in patch.cells.items()
        ]
    return out


def from_json(data: Mapping[str, Any]) -> SheetPatch:
    """Returns the patch to_json() wrote."""
    cells = {
        (c["level"], c["category_id"]): tuple(
            Entry(
                c["level"],
                c["category_id"],
                e["text"],
                kind=e["kind"],
                date=_date(e["date"]),
                note=e["note"],
                id=e["id"],
            )
            for e in c["entries"]
        )
        for c in data.get("cells", [])
    }
    lists = {name: tuple(_row_from_json(name, r) for r in data[name]) for name in LIST_PARTS if name in data}
    return SheetPatch(dict(data.get("profile", {})), lists, cells)
