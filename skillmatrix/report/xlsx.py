"""Writes a department report to an Excel workbook (openpyxl): one sheet per table.

Written to be used as data: one column per value (a level against a target becomes three
number columns: level, target and gap; a days-left figure a status and a number), dates as
real date cells with a Japanese number format, one row per person. Row 1 names the
「基準日」 the figures are computed as of (a date cell) and the table; row 2 is the heading,
with an autofilter and repeated as the print title on every page; pages are A4 landscape,
fitted to one page wide. The heading and the name columns are frozen, cells shaded as in
the window and the PDF. User text never becomes a formula: a
value starting with =, +, -, @, a tab or a carriage return is stored as a text cell with
Excel's quote prefix, so that neither opening nor editing the cell evaluates it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font, PatternFill

if TYPE_CHECKING:  # the write-only sheet class lives in a private module
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.utils import get_column_letter

from skillmatrix import files
from skillmatrix.progress import Progress, no_progress
from skillmatrix.report import messages
from skillmatrix.report.department_tables import (
    DARK_SHADES,
    SHADE_RGB,
    DaysLeft,
    LevelTarget,
    Report,
    ReportTable,
    ShownDate,
    Value,
)
from skillmatrix.report.fonts import ReportError

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
MAX_CELL = 32767  # Excel's limit of characters in a cell
_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")
HEAD_ROW = 2  # row 1 holds the 基準日 and the table's title
# Japanese date formats by precision: a month-precision date shows no invented day.
DATE_FORMATS = {"day": 'yyyy"年"m"月"d"日"', "month": 'yyyy"年"m"月"', "year": 'yyyy"年"'}


def _hex(rgb: tuple[float, float, float]) -> str:
    return "".join(f"{round(v * 255):02X}" for v in rgb)


_FILLS = {k: PatternFill("solid", fgColor=_hex(v)) for k, v in SHADE_RGB.items()}
_HEAD_FILL = PatternFill("solid", fgColor="E0E6ED")
_BOLD = Font(bold=True)
_WHITE = Font(color="FFFFFF")


def safe_text(value: str) -> str:
    """Returns text Excel can hold: no XML-illegal control characters, within its limit."""
    text: str = ILLEGAL_CHARACTERS_RE.sub("", value)[:MAX_CELL]
    return text


def make_cell(
    ws: WriteOnlyWorksheet, value: object, shade: str | None = None, bold: bool = False
) -> WriteOnlyCell:
    """Returns a cell of value; text that looks like a formula is kept as text."""
    if isinstance(value, str):
        text = safe_text(value)
        cell = WriteOnlyCell(ws, value=text)
        if text.startswith(FORMULA_START):
            cell.data_type = "s"  # openpyxl made '=…' a formula: make it text again
            cell.quotePrefix = True  # and Excel keeps it text when the cell is edited
    else:
        cell = WriteOnlyCell(ws, value=value)
    if shade:
        cell.fill = _FILLS[shade]
        if shade in DARK_SHADES:
            cell.font = _WHITE
    if bold:
        cell.font = _BOLD
    return cell


def _sheet_title(title: str, used: set[str]) -> str:
    base = _SHEET_BAD.sub("・", title)[:28] or "表"
    name, n = base, 2
    while name in used:
        name, n = f"{base[:26]}{n}", n + 1
    used.add(name)
    return name


@dataclass(frozen=True)
class _Column:
    """One column of the sheet: its heading, how it takes its value from the table's
    cell, and the number format of its cells."""

    heading: str
    source: int  # the table column it reads
    value: Callable[[Value], object]
    number_format: str | None = None
    width: float = 1.0


def _plain(value: Value) -> object:
    if isinstance(value, ShownDate):
        return value.date.first_day()
    if isinstance(value, (LevelTarget, DaysLeft)):
        return str(value)
    return value


def _columns(table: ReportTable) -> list[_Column]:
    """Expands the table's columns: one sheet column per value."""
    rel = table.widths or [1.0] * len(table.columns)
    columns: list[_Column] = []
    for i, heading in enumerate(table.columns):
        values = [row[i] for row in table.rows if row[i] is not None]
        first = values[0] if values else None
        if isinstance(first, LevelTarget):
            columns += [
                _Column(
                    f"{heading} レベル",
                    i,
                    lambda v: v.level if isinstance(v, LevelTarget) else v,
                    None,
                    rel[i],
                ),
                _Column(
                    f"{heading} 目標",
                    i,
                    lambda v: v.target if isinstance(v, LevelTarget) else None,
                    None,
                    rel[i],
                ),
                _Column(
                    f"{heading} 差", i, lambda v: v.gap if isinstance(v, LevelTarget) else None, None, rel[i]
                ),
            ]
        elif isinstance(first, DaysLeft):
            columns += [
                _Column(
                    heading,
                    i,
                    lambda v: ("期限切れ" if v.days < 0 else "期限内") if isinstance(v, DaysLeft) else v,
                    None,
                    rel[i],
                ),
                _Column(
                    "残り日数（基準日から）",
                    i,
                    lambda v: v.days if isinstance(v, DaysLeft) else None,
                    "0",
                    rel[i],
                ),
            ]
        else:
            columns.append(_Column(heading, i, _plain, None, rel[i]))
    return columns


def _formatted(cell: WriteOnlyCell, raw: Value, column: _Column) -> WriteOnlyCell:
    if isinstance(raw, ShownDate) and column.value is _plain:
        cell.number_format = DATE_FORMATS[raw.date.precision]
    elif column.number_format:
        cell.number_format = column.number_format
    return cell


def _write_table(
    wb: Workbook, table: ReportTable, used: set[str], as_of: date, tick: Callable[[], None]
) -> None:
    ws = wb.create_sheet(_sheet_title(table.title.split("（")[0], used))
    columns = _columns(table)
    last = get_column_letter(max(1, len(columns)))
    # Freeze the heading row and the columns that name the row.
    ws.freeze_panes = f"{get_column_letter(table.key_columns + 1)}{HEAD_ROW + 1}"
    for i, column in enumerate(columns, 1):
        ws.column_dimensions[get_column_letter(i)].width = max(8, min(80, column.width * 6))
    ws.auto_filter.ref = f"A{HEAD_ROW}:{last}{HEAD_ROW + max(1, len(table.rows))}"
    ws.print_title_rows = f"{HEAD_ROW}:{HEAD_ROW}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = "9"  # A4 (ECMA-376 paper size code)
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages down as it takes
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    stamp = WriteOnlyCell(ws, value=as_of)
    stamp.number_format = DATE_FORMATS["day"]
    ws.append([make_cell(ws, "基準日", bold=True), stamp, make_cell(ws, table.title)])
    head = []
    for c in columns:
        cell = make_cell(ws, c.heading, bold=True)
        cell.fill = _HEAD_FILL
        head.append(cell)
    ws.append(head)
    for r, row in enumerate(table.rows):
        shades = table.shades[r] if table.shades else [None] * len(row)
        ws.append(
            [
                _formatted(make_cell(ws, c.value(row[c.source]), shades[c.source]), row[c.source], c)
                for c in columns
            ]
        )
        tick()


def write_xlsx(report: Report, out: str | Path, progress: Progress = no_progress) -> int:
    """Writes the report as a workbook, one sheet per table; returns the sheet count.

    Args:
        report: the tables.
        out: the .xlsx file.
        progress: told how many rows are written.

    Raises:
        ReportError: the file cannot be written.
    """
    out = Path(out)
    as_of = report.as_of or date.today()
    total = sum(len(t.rows) for t in report.tables)
    done = 0

    def tick() -> None:
        nonlocal done
        done += 1
        if done % 200 == 0 or done == total:
            progress(done, total)

    def build(path: Path) -> None:
        # Made only once the temporary file exists: a write-only workbook that is never
        # saved prints "Exception ignored" tracebacks when it is collected.
        wb = Workbook(write_only=True)
        try:
            used: set[str] = set()
            for table in report.tables:
                _write_table(wb, table, used, as_of, tick)
            wb.properties.title = report.title
            wb.properties.subject = report.subtitle
            wb.properties.creator = "SkillMatrix"
            wb.properties.language = "ja-JP"
            wb.save(path)
        except BaseException as error:
            _discard(wb, error)
            raise

    try:
        files.write_output(out, build)  # temp + fsync + rename: a failure leaves the old file
    except files.FileError as e:
        raise ReportError(str(e)) from None
    except OSError as e:
        raise ReportError(messages.XLSX_UNWRITABLE.format(reason=e.strerror or e, out=out)) from None
    return len(report.tables)


def _discard(wb: Workbook, error: BaseException) -> None:
    """Finishes a workbook whose save failed (a full disk) now, quietly: left to the
    garbage collector, its sheet writers and zip archive print "Exception ignored"
    tracebacks on stderr when they try to write to their broken files."""
    import gc
    import sys
    import traceback

    hook = sys.unraisablehook
    sys.unraisablehook = lambda _unraisable: None
    try:
        for ws in getattr(wb, "_sheets", []):
            for generator in (getattr(ws, "_rows", None), getattr(getattr(ws, "_writer", None), "xf", None)):
                try:
                    if generator is not None:
                        generator.close()
                except Exception:  # noqa: BLE001 - the broken file, already reported
                    pass
        traceback.clear_frames(error.__traceback__)  # the save's zip archive and streams
        gc.collect()
    finally:
        sys.unraisablehook = hook
