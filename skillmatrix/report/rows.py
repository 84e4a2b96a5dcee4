"""Splitting table rows that are taller than a page into several rows.

reportlab's Table splits between rows (``splitByRow``) and repeats the header row
(``repeatRows``), but it cannot split inside a cell: a row taller than the frame would
raise LayoutError or be clipped. So before a table is built, every row whose tallest cell
would not fit on a page below the repeated header is cut into continuation rows here:
each cell's paragraphs are packed into slices that fit, a paragraph taller than a slice
is itself split (Paragraph.split keeps every line exactly once), and slice i of every
cell goes into continuation row i. Key columns of a continuation row show what the row
continues (e.g. 「3（続き）」) so a reader on the next page knows where they are.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from reportlab.platypus import Flowable

from skillmatrix.report.styles import CELL_PAD

Cell = list[Flowable]
_TALL = 10**6  # "unlimited" height for measuring


@dataclass
class Row:
    """One logical table row.

    Attributes:
        cells: the flowables of each column.
        continued: for each column, a function returning what a continuation row shows
            there (None: an empty cell).
    """

    cells: list[Cell]
    continued: list[Callable[[], Cell] | None] = field(default_factory=list)


def _height(f: Flowable, width: float) -> float:
    _, h = f.wrap(width, _TALL)
    return h + f.getSpaceBefore() + f.getSpaceAfter()


def cell_height(cell: Cell, width: float) -> float:
    """Returns the height a cell's flowables need in a column of the given inner width."""
    return sum(_height(f, width) for f in cell)


def _slices(cell: Cell, width: float, limit: float) -> list[Cell]:
    """Packs a cell's flowables into slices no taller than limit, splitting as needed."""
    slices: list[Cell] = [[]]
    room = limit
    pending = list(cell)
    while pending:
        f = pending.pop(0)
        h = _height(f, width)
        if h <= room:
            slices[-1].append(f)
            room -= h
            continue
        parts = f.split(width, room) if room > 0 else []
        if len(parts) > 1:  # the first part fits in what is left of this slice
            slices[-1].append(parts[0])
            pending[0:0] = parts[1:]
        elif not slices[-1]:
            # Unsplittable and taller than a whole slice (cannot happen with text at a
            # legible size); keep it rather than lose it.
            slices[-1].append(f)
        else:
            pending.insert(0, f)
        if pending:
            slices.append([])
            room = limit
    return slices


def fit_rows(rows: Sequence[Row], widths: Sequence[float], max_height: float) -> list[list[Cell]]:
    """Returns table data in which no row is taller than max_height.

    Args:
        rows: the logical rows.
        widths: the column widths (including cell padding).
        max_height: the tallest a row may be, padding included (frame height minus the
            repeated header row and a little room).
    """
    inner = [w - 2 * CELL_PAD for w in widths]
    limit = max_height - 2 * CELL_PAD
    data: list[list[Cell]] = []
    for row in rows:
        if max(cell_height(c, w) for c, w in zip(row.cells, inner)) <= limit:
            data.append(row.cells)
            continue
        sliced = [_slices(c, w, limit) for c, w in zip(row.cells, inner)]
        for i in range(max(len(s) for s in sliced)):
            out = []
            for col, s in enumerate(sliced):
                if i < len(s) and s[i]:
                    out.append(s[i])
                elif i > 0 and col < len(row.continued) and row.continued[col]:
                    out.append(row.continued[col]())
                else:
                    out.append([])
            data.append(out)
    return data
