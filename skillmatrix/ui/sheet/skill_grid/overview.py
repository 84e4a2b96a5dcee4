"""一覧表示: the 8 levels of the grid in the height the window gives it.

Rows normally grow to their entries, so a person with 40 entries in one level pushes
レベル6–7 out of sight. In 一覧表示 every row gets its content height while the eight fit;
when they do not, the tallest rows are cut down to one common cap (water-filling: short rows
keep their height, the room left is shared by the tall ones). A cell lower than its entries
shows the entries that fit whole and a "+N" badge (delegate.py).
"""

from __future__ import annotations

from PySide6.QtWidgets import QTableView


def row_heights_within(wanted: list[int], room: int, minimum: int) -> list[int]:
    """Returns row heights that fit room: each row its wanted height, the tallest capped.

    Args:
        wanted: the content height of every row.
        room: the height available for all rows.
        minimum: no row lower than this (one line).
    """
    if sum(wanted) <= room or not wanted:
        return list(wanted)
    remaining, rows = room, sorted(range(len(wanted)), key=wanted.__getitem__)
    heights = list(wanted)
    for i, row in enumerate(rows):
        share = remaining // (len(rows) - i)
        if wanted[row] <= share:
            remaining -= wanted[row]
            continue
        for other in rows[i:]:  # the rest are all taller than the share: cap them
            heights[other] = max(minimum, remaining // (len(rows) - i))
        break
    return heights


def fit_rows_to_viewport(view: QTableView) -> None:
    """Sets the grid's row heights so that every row is in the viewport."""
    rows = view.model().rowCount()
    if rows == 0:
        return
    wanted = [view.sizeHintForRow(r) for r in range(rows)]
    minimum = view.fontMetrics().lineSpacing() * 2
    room = view.viewport().height()
    for row, height in enumerate(row_heights_within(wanted, room, minimum)):
        view.setRowHeight(row, height)
