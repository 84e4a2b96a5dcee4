"""The résumé's tables: header row repeated on every page, tall rows split with labels.

reportlab's Table splits between rows and repeats the header (repeatRows), but a row is
moved whole: a cell taller than a page cannot be placed at all, and a tall row moved to
the next page leaves most of a page blank. (reportlab 5's ``splitInRow`` does split rows,
but combined with splitByRow it repeats the header in mid-page, and a split row carries
no hint of what it continues.) ResumeTable splits itself:

- rows that fit go on this page; the rest continue on the next with the header repeated;
- a row taller than a third of a page that straddles the page end is cut where the page
  ends: each cell's paragraphs are divided (Paragraph.split keeps every line exactly
  once) and the remainder becomes a continuation row whose key columns say what it
  continues (「3（続き）」, 「2013年4月～（続き）」);
- a row taller than a whole page is thus cut again on every page it reaches.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from reportlab.platypus import Flowable, Table, TableStyle

from skillmatrix.report.styles import CELL_PAD, CELL_VPAD, FRAME_HEIGHT, GRID_LINE, HEADER_FILL

Cell = list[Flowable]
BIG_ROW = FRAME_HEIGHT / 3  # taller rows are cut at the page end rather than moved whole
MIN_ROOM = 40  # pt: less room than this (about three lines) is not worth a cut row


@dataclass
class Row:
    """One logical table row.

    Attributes:
        cells: the flowables of each column.
        continued: for some columns, a function returning what a continuation row shows
            there when the column's own content has ended (missing or None: empty).
    """

    cells: list[Cell]
    continued: Sequence[Callable[[], Cell] | None] = field(default_factory=tuple)


def _height(f: Flowable, width: float) -> float:
    _, h = f.wrap(width, 10**6)
    height: float = h + f.getSpaceBefore() + f.getSpaceAfter()
    return height


def cell_height(cell: Cell, width: float) -> float:
    """Returns the height of a cell's flowables stacked at this inner width."""
    return sum(_height(f, width) for f in cell)


def _take(cell: Cell, width: float, limit: float) -> tuple[Cell, Cell]:
    """Divides a cell's flowables into a head no taller than limit and the rest."""
    head: Cell = []
    room = limit
    for i, f in enumerate(cell):
        h = _height(f, width)
        if h <= room:
            head.append(f)
            room -= h
            continue
        parts = f.split(width, room) if room > 0 else []
        if len(parts) > 1:
            return head + parts[:1], list(parts[1:]) + cell[i + 1 :]
        return head, cell[i:]
    return head, []


def split_row(row: Row, widths: Sequence[float], height: float) -> tuple[Row, Row] | None:
    """Cuts a row into a part at most height tall (padding included) and the rest.

    Returns None when nothing at all fits in height.
    """
    heads, tails = [], []
    for cell, width in zip(row.cells, widths):
        head, tail = _take(cell, width - 2 * CELL_PAD, height - 2 * CELL_VPAD)
        heads.append(head)
        tails.append(tail)
    if not any(heads) or not any(tails):
        return None
    rest = []
    for col, tail in enumerate(tails):
        label = row.continued[col] if col < len(row.continued) else None
        rest.append(tail if tail else (label() if label else []))
    return Row(heads, row.continued), Row(rest, row.continued)


def _style(font: str) -> TableStyle:
    return TableStyle(
        [
            # Cells hold paragraphs, but the table still sets its own font per cell: name ours,
            # or every page would reference Helvetica, which is not embedded.
            ("FONTNAME", (0, 0), (-1, -1), font),
            ("GRID", (0, 0), (-1, -1), 0.5, GRID_LINE),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), CELL_PAD),
            ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PAD),
            ("TOPPADDING", (0, 0), (-1, -1), CELL_VPAD),
            ("BOTTOMPADDING", (0, 0), (-1, -1), CELL_VPAD + 1),
            ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
            ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
        ]
    )


class ResumeTable(Table):
    """A table with one header row, repeated on each page, that never loses a line.

    Args:
        header: the header row's cells (flowables or lists of them).
        rows: the body rows.
        widths: the column widths in points.
        font: the registered font name.
    """

    def __init__(
        self, header: Sequence[Flowable | Cell], rows: list[Row], widths: Sequence[float], font: str
    ):
        self._header, self._rows, self._font = header, rows, font
        super().__init__(
            [header] + [r.cells for r in rows],
            colWidths=list(widths),
            repeatRows=1,
            hAlign="LEFT",
            style=_style(font),
        )

    def lead_height(self) -> float:
        """Returns the height of the header and as much of the first row as must stay
        with it (all of it, or MIN_ROOM of a row tall enough to be cut)."""
        inner = [w - 2 * CELL_PAD for w in self._colWidths]

        def row_height(cells: Sequence[Flowable | Cell]) -> float:
            cells = [c if isinstance(c, list) else [c] for c in cells]
            return max(sum(_height(f, w) for f in c) for c, w in zip(cells, inner)) + 2 * CELL_VPAD + 1

        first = row_height(self._rows[0].cells) if self._rows else 0
        return row_height(self._header) + (first if first <= BIG_ROW else MIN_ROOM)

    def _part(self, rows: list[Row]) -> ResumeTable:
        return ResumeTable(self._header, rows, self._colWidths, self._font)

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        self._calc(avail_width, avail_height)
        heights = self._rowHeights[1:]  # body rows, below the header
        used = self._rowHeights[0]
        i = 0  # the first body row that does not fit
        while i < len(heights) and used + heights[i] <= avail_height:
            used += heights[i]
            i += 1
        if i == len(heights):
            return [self]
        h, room = heights[i], avail_height - used
        if h > BIG_ROW and room >= MIN_ROOM:
            cut = split_row(self._rows[i], self._colWidths, room)
            if cut:
                return [self._part(self._rows[:i] + [cut[0]]), self._part([cut[1]] + self._rows[i + 1 :])]
        if i == 0:
            return []  # not even one row here: the table starts on the next page
        return [self._part(self._rows[:i]), self._part(self._rows[i:])]
