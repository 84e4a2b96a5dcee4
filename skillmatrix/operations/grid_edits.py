"""Pure edits of a sheet's grid entries (no Qt): each returns a new sheet, never mutates.

The grid model turns a user action (typing a cell, dropping entries, pasting, clearing)
into one of these; operations.sheet.edit_sheet() turns the result into an operation that
writes only the cells that differ, as one undo step.
"""

from __future__ import annotations

import dataclasses
import re

from skillmatrix.domain.model import Entry, Staff, new_id

Cell = tuple[int, str]  # (level, category id)

# Words that tell what kind of entry a newly typed line is. A guess only saves a click in
# the usual case (most lines are courses taken); the detail editor corrects it.
_TRAINING = re.compile(r"研修|セミナー|講座|講習|入門|基礎|eラーニング|e-ラーニング|演習|アカデミー|訓練")
_ROLE = re.compile(r"講師|委員|講演|専門家|アドバイザー|審査|座長")
_WORK = re.compile(r"導入|構築|開発|更新|運用|策定|設計|移行|担当|実施|管理|監査")


def guess_kind(text: str) -> str:
    """Returns the likely kind of a newly typed entry line: training, role, work or other."""
    if _ROLE.search(text):
        return "role"
    if _TRAINING.search(text):
        return "training"
    if _WORK.search(text):
        return "work"
    return "other"


def split_lines(text: str) -> list[str]:
    """Returns the non-empty lines of a cell's text, each stripped of outer spaces."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def cell_entries(sheet: Staff, cell: Cell) -> list[Entry]:
    """Returns the entries of one cell in order."""
    return sheet.cell(*cell)


def _replace_in_cell(sheet: Staff, cell: Cell, new_entries: list[Entry]) -> Staff:
    """Returns a copy of the sheet with the cell's entries replaced, in the same place."""
    result = sheet.copy()
    level, category_id = cell
    positions = [i for i, e in enumerate(result.entries) if e.level == level and e.category_id == category_id]
    at = positions[0] if positions else len(result.entries)
    kept = [e for e in result.entries if not (e.level == level and e.category_id == category_id)]
    at -= sum(1 for i in positions if i < at)
    result.entries = kept[:at] + new_entries + kept[at:]
    return result


def set_cell_text(sheet: Staff, cell: Cell, text: str, kinds: dict[str, str] | None = None) -> Staff:
    """Replaces a cell's entries by the non-empty lines of text.

    A line whose text is unchanged keeps its entry (kind, date, note, id); a new line
    gets its kind from kinds (a course picked from the catalogue), else a guessed one.
    """
    pool: dict[str, list[Entry]] = {}
    for entry in cell_entries(sheet, cell):
        pool.setdefault(entry.text, []).append(entry)
    new_entries = []
    for line in split_lines(text):
        if pool.get(line):
            new_entries.append(dataclasses.replace(pool[line].pop(0)))
        else:
            kind = (kinds or {}).get(line) or guess_kind(line)
            new_entries.append(Entry(cell[0], cell[1], line, kind=kind))
    return _replace_in_cell(sheet, cell, new_entries)


def add_to_cell(sheet: Staff, cell: Cell, entries: list[Entry]) -> Staff:
    """Appends copies of entries (new ids) to a cell, skipping texts already in it."""
    present = {e.text for e in cell_entries(sheet, cell)}
    added = []
    for entry in entries:
        if entry.text in present:
            continue
        present.add(entry.text)
        added.append(dataclasses.replace(entry, level=cell[0], category_id=cell[1], id=new_id()))
    return _replace_in_cell(sheet, cell, cell_entries(sheet, cell) + added)


def add_lines(sheet: Staff, cell: Cell, text: str) -> Staff:
    """Appends the non-empty lines of text to a cell as new entries (paste, text drop)."""
    return add_to_cell(
        sheet, cell, [Entry(cell[0], cell[1], line, kind=guess_kind(line)) for line in split_lines(text)]
    )


def move_entries(sheet: Staff, moves: dict[str, Cell]) -> Staff:
    """Moves entries (by id) to the end of their target cells, keeping ids and details.

    Entries keep their relative order; one going to a cell it is already in moves to its end.
    """
    moving = [e for e in sheet.entries if e.id in moves]
    result = sheet.copy()
    result.entries = [e for e in result.entries if e.id not in moves]
    for cell in dict.fromkeys(moves[e.id] for e in moving):  # targets in first-seen order
        arriving = [
            dataclasses.replace(e, level=cell[0], category_id=cell[1]) for e in moving if moves[e.id] == cell
        ]
        result = _replace_in_cell(result, cell, cell_entries(result, cell) + arriving)
    return result


def clear_cells(sheet: Staff, cells: list[Cell]) -> Staff:
    """Removes every entry of the given cells."""
    targets = set(cells)
    result = sheet.copy()
    result.entries = [e for e in result.entries if (e.level, e.category_id) not in targets]
    return result


def replace_entries(sheet: Staff, cell: Cell, entries: list[Entry]) -> Staff:
    """Replaces a cell's entries by the given ones (the detail editor's result)."""
    return _replace_in_cell(
        sheet, cell, [dataclasses.replace(e, level=cell[0], category_id=cell[1]) for e in entries]
    )
