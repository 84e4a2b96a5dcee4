"""The per-part difference of two résumés, and merging them part by part.

A part is one thing the chief can take from either side: a profile field, one row of
資格等 / 担当履歴 / プロジェクト, or one grid cell (level × category, as its list of
entries). :func:`diff_sheets` lists the parts that differ between *mine* (the database)
and *theirs* (a file or a filled form); given the *base* both were made from it also
says who changed the part: only here, only there, or both (a conflict). :func:`merge_sheets`
builds the merged sheet from a choice per part.

Rows are matched by id; a row without a known id (an Excel sheet has none) is matched to
a row with the same content, else to one with the same name, else it is new. Standard
library only, so the command line, the window and the tests share it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from skillmatrix.domain import messages
from skillmatrix.domain.model import Assignment, Entry, Project, Qualification, Staff

PartKind = Literal["profile", "qualification", "assignment", "project", "cell"]
Change = Literal["added", "changed", "removed"]
Side = Literal["mine", "theirs", "both", "differs"]
Choice = Literal["mine", "theirs"]
Row = Qualification | Assignment | Project

PROFILE_FIELDS: tuple[tuple[str, str], ...] = (
    ("name", "氏名"),
    ("kana", "ふりがな"),
    ("title", "職名"),
    ("section", "所属"),
    ("experience_override", "経験年数"),
    ("experience_label", "経験年数の表記"),
)
ROW_KINDS: tuple[tuple[PartKind, str, str], ...] = (
    ("qualification", "qualifications", "資格等"),
    ("assignment", "assignments", "担当履歴"),
    ("project", "projects", "プロジェクト"),
)
CHANGE_LABELS = {"added": "追加", "changed": "変更", "removed": "削除"}
SIDE_LABELS = {"mine": "こちらだけ変更", "theirs": "ファイルだけ変更", "both": "競合", "differs": "相違"}

CellKey = tuple[int, str]


@dataclass(frozen=True)
class Part:
    """One differing part of a résumé.

    Attributes:
        key: unique within one diff: 'profile:section', 'assignment:<id>', 'cell:3:<category id>'.
        kind: 'profile', 'qualification', 'assignment', 'project' or 'cell'.
        label: what the part is, in Japanese (「所属」, 「担当履歴 情報政策担当」, 「レベル3 × 情報系システム」).
        base, mine, theirs: the part's value on each side; None where the side has no such
            row (a profile field is never None as a part, only its value may be). For a
            cell, the tuple of its entries.
        change: what taking theirs does to mine: 'added', 'changed' or 'removed'.
        side: 'mine' (changed only here), 'theirs' (only in the file), 'both' (a
            conflict) with a base; 'differs' without one.
    """

    key: str
    kind: PartKind
    label: str
    base: Any
    mine: Any
    theirs: Any
    change: Change
    side: Side

    @property
    def is_conflict(self) -> bool:
        """True when both sides changed the part since the base, or no base says who did."""
        return self.side in ("both", "differs")

    def default_choice(self) -> Choice | None:
        """The side to take when nobody chooses: the side that changed; None for a conflict."""
        if self.side == "mine":
            return "mine"
        if self.side == "theirs":
            return "theirs"
        return None


@dataclass
class SheetDiff:
    """The differing parts of one person, in résumé order."""

    parts: list[Part]
    three_way: bool

    def conflicts(self) -> list[Part]:
        """Parts that need the chief's choice."""
        return [p for p in self.parts if p.is_conflict]

    def default_choices(self) -> dict[str, Choice]:
        """key -> the choice made without asking (the side that changed)."""
        return {p.key: c for p in self.parts if (c := p.default_choice()) is not None}


def _row_content(row: Row) -> tuple[Any, ...]:
    return tuple(getattr(row, f.name) for f in dataclasses.fields(row) if f.name != "id")


def _entry_content(e: Entry) -> tuple[Any, ...]:
    return (e.text, e.kind, e.date, e.note)


def _cells(staff: Staff) -> dict[CellKey, tuple[Entry, ...]]:
    cells: dict[CellKey, list[Entry]] = {}
    for e in staff.entries:
        cells.setdefault((e.level, e.category_id), []).append(e)
    return {k: tuple(v) for k, v in cells.items()}


def _cell_content(entries: tuple[Entry, ...] | None) -> tuple[tuple[Any, ...], ...]:
    return tuple(_entry_content(e) for e in entries or ())


def _align(reference: Sequence[Row], rows: Sequence[Row]) -> dict[str, str]:
    """Maps each row's id to the id of the reference row it stands for (itself if new).

    An id known to the reference wins; then equal content; then the same name, when
    exactly one unclaimed reference row has it (a changed row of a sheet without ids).
    """
    known = {r.id: r for r in reference}
    mapping: dict[str, str] = {}
    claimed: set[str] = set()
    loose: list[Row] = []
    for row in rows:
        if row.id in known and row.id not in claimed:
            mapping[row.id] = row.id
            claimed.add(row.id)
        else:
            loose.append(row)
    for match in (_row_content, lambda r: r.name):
        still: list[Row] = []
        for row in loose:
            candidates = [r for r in reference if r.id not in claimed and match(r) == match(row)]
            if len(candidates) == 1 or (candidates and match is _row_content):
                mapping[row.id] = candidates[0].id
                claimed.add(candidates[0].id)
            else:
                still.append(row)
        loose = still
    for row in loose:
        mapping[row.id] = row.id
    return mapping


def _row_label(title: str, row: Row) -> str:
    period = getattr(row, "period", None)
    when = period.format() if period is not None else ""
    return f"{title} {row.name or '（名称なし）'}" + (f"（{when}）" if when else "")


def _classify(base: Any, mine: Any, theirs: Any, three_way: bool) -> tuple[Change, Side] | None:
    """(change, side) of a part whose values are compared with ==, or None if no difference."""
    if mine == theirs:
        return None
    change: Change = "added" if mine is None else "removed" if theirs is None else "changed"
    if not three_way:
        return change, "differs"
    if mine == base:
        return change, "theirs"
    if theirs == base:
        return change, "mine"
    return change, "both"


def diff_sheets(
    base: Staff | None,
    mine: Staff,
    theirs: Staff,
    category_names: dict[str, str] | None = None,
) -> SheetDiff:
    """Lists every part where mine and theirs differ.

    Args:
        base: the version both sides started from (a form's snapshot), or None for a
            two-way comparison, where every difference needs a choice.
        mine: the sheet in the database.
        theirs: the incoming sheet.
        category_names: category id -> name, for the cells' labels.

    Returns:
        The parts in résumé order: profile, 資格等, 担当履歴, プロジェクト, then the grid
        by level and category.
    """
    names = category_names or {}
    three_way = base is not None
    parts: list[Part] = []
    for attr, label in PROFILE_FIELDS:
        b = getattr(base, attr) if base is not None else None
        m, t = getattr(mine, attr), getattr(theirs, attr)
        if m == t:
            continue
        side: Side = "differs"
        if three_way:
            side = "theirs" if m == b else "mine" if t == b else "both"
        parts.append(Part(f"profile:{attr}", "profile", label, b, m, t, "changed", side))
    for kind, attr, title in ROW_KINDS:
        base_rows: list[Row] = list(getattr(base, attr)) if base is not None else []
        mine_rows: list[Row] = list(getattr(mine, attr))
        theirs_rows: list[Row] = list(getattr(theirs, attr))
        mine_map = _align(base_rows, mine_rows)
        theirs_map = _align(base_rows + [r for r in mine_rows if mine_map[r.id] == r.id], theirs_rows)
        by_base = {r.id: r for r in base_rows}
        by_mine = {mine_map[r.id]: r for r in mine_rows}
        by_theirs = {theirs_map[r.id]: r for r in theirs_rows}
        order = list(dict.fromkeys([*by_mine, *by_theirs, *by_base]))
        for key in order:
            rows = (by_base.get(key), by_mine.get(key), by_theirs.get(key))
            b, m, t = (_row_content(r) if r is not None else None for r in rows)
            found = _classify(b, m, t, three_way)
            if found is None:
                continue
            shown = next(r for r in (rows[2], rows[1], rows[0]) if r is not None)
            parts.append(
                Part(f"{kind}:{key}", kind, _row_label(title, shown), rows[0], rows[1], rows[2], *found)
            )
    base_cells = _cells(base) if base is not None else {}
    mine_cells, theirs_cells = _cells(mine), _cells(theirs)
    for cell in sorted({*base_cells, *mine_cells, *theirs_cells}, key=lambda k: (k[0], k[1])):
        values = (base_cells.get(cell), mine_cells.get(cell), theirs_cells.get(cell))
        b, m, t = (_cell_content(v) or None for v in values)
        found = _classify(b, m, t, three_way)
        if found is None:
            continue
        level, category = cell
        label = f"レベル{level} × {names.get(category, category)}"
        parts.append(Part(f"cell:{level}:{category}", "cell", label, *values, *found))
    return SheetDiff(parts, three_way)


def merge_sheets(mine: Staff, theirs: Staff, diff: SheetDiff, choices: dict[str, Choice]) -> Staff:
    """Returns mine with every part chosen as 'theirs' taken from theirs.

    Args:
        mine: the sheet in the database (not changed).
        theirs: the incoming sheet (not changed).
        diff: diff_sheets(…, mine, theirs).
        choices: part key -> 'mine' or 'theirs'; a part missing here takes its
            default_choice(), and a conflict with neither raises.

    Raises:
        ValueError: a conflicting part has no choice.
    """
    merged = mine.copy()
    open_parts = [p.label for p in diff.parts if choices.get(p.key, p.default_choice()) is None]
    if open_parts:
        raise ValueError(messages.MERGE_UNDECIDED.format(open_parts="、".join(open_parts[:5])))
    taken = [p for p in diff.parts if choices.get(p.key, p.default_choice()) == "theirs"]
    for part in taken:
        if part.kind == "profile":
            setattr(merged, part.key.split(":", 1)[1], part.theirs)
    for kind, attr, _title in ROW_KINDS:
        _merge_rows(merged, theirs, attr, [p for p in taken if p.kind == kind])
    _merge_cells(merged, theirs, [p for p in taken if p.kind == "cell"])
    return merged


def _merge_rows(merged: Staff, theirs: Staff, attr: str, taken: list[Part]) -> None:
    rows: list[Row] = getattr(merged, attr)
    for part in taken:
        mine_row = next((r for r in rows if part.mine is not None and r.id == part.mine.id), None)
        if part.theirs is None:
            if mine_row is not None:
                rows.remove(mine_row)
            continue
        new = dataclasses.replace(part.theirs)
        if part.mine is not None:
            new = dataclasses.replace(new, id=part.mine.id)  # keep the database's row id
        if mine_row is not None:
            rows[rows.index(mine_row)] = new
            continue
        # A row only they have goes after the row it follows in their sheet, if mine has it.
        their_rows: list[Row] = getattr(theirs, attr)
        i = next(i for i, r in enumerate(their_rows) if r is part.theirs)
        before = _row_content(their_rows[i - 1]) if i > 0 else None
        at = next((j + 1 for j, r in enumerate(rows) if _row_content(r) == before), None)
        rows.insert(0 if before is None else len(rows) if at is None else at, new)


def _merge_cells(merged: Staff, theirs: Staff, taken: list[Part]) -> None:
    if not taken:
        return
    keys = {(int(p.key.split(":")[1]), p.key.split(":", 2)[2]) for p in taken}
    their_cells = _cells(theirs)
    entries: list[Entry] = []
    placed: set[CellKey] = set()
    for e in merged.entries:
        key = (e.level, e.category_id)
        if key not in keys:
            entries.append(e)
        elif key not in placed:  # the chosen cell goes where mine's first entry was
            entries.extend(dataclasses.replace(t) for t in their_cells.get(key, ()))
            placed.add(key)
    for key in sorted(keys - placed):
        entries.extend(dataclasses.replace(t) for t in their_cells.get(key, ()))
    merged.entries = entries


def adopt_details(incoming: Staff, reference: Staff) -> Staff:
    """Gives a sheet read from a spreadsheet the ids and details the reference knows.

    A spreadsheet has no ids, kinds, entry dates or notes: a row equal to a reference
    row in what the sheet does hold takes the reference row's id, and an entry with the
    same text in the same cell takes its id, kind, date and note, so that only what the
    sheet really changed shows as a difference.

    Args:
        incoming: the sheet read (changed in place and returned).
        reference: the database's (or the form's base) version of the same person.
    """
    incoming.id, incoming.revision = reference.id, reference.revision
    for _kind, attr, _title in ROW_KINDS:
        mapping = _align(getattr(reference, attr), getattr(incoming, attr))
        setattr(incoming, attr, [dataclasses.replace(r, id=mapping[r.id]) for r in getattr(incoming, attr)])
    pool: dict[tuple[int, str, str], list[Entry]] = {}
    for e in reference.entries:
        pool.setdefault((e.level, e.category_id, e.text), []).append(e)
    adopted = []
    for e in incoming.entries:
        same = pool.get((e.level, e.category_id, e.text))
        if same:
            ref = same.pop(0)
            e = dataclasses.replace(e, id=ref.id, kind=ref.kind, date=ref.date, note=ref.note)
        adopted.append(e)
    incoming.entries = adopted
    return incoming
