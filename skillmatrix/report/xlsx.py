"""Writes a department report to an Excel workbook (openpyxl): one sheet per table.

Real cells (numbers stay numbers), one row per person, the heading row and the name column
frozen, cells shaded as in the window and the PDF. User text never becomes a formula: a
value starting with =, +, -, @, a tab or a carriage return is stored as a text cell with
Excel's quote prefix, so that neither opening nor editing the cell evaluates it.
"""

from __future__ import annotations

import re
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from skillmatrix import files
from skillmatrix.report.department_tables import DARK_SHADES, SHADE_RGB, Report, ReportTable
from skillmatrix.report.fonts import ReportError

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
MAX_CELL = 32767  # Excel's limit of characters in a cell
_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")


def _hex(rgb: tuple[float, float, float]) -> str:
    return "".join(f"{round(v * 255):02X}" for v in rgb)


_FILLS = {k: PatternFill("solid", fgColor=_hex(v)) for k, v in SHADE_RGB.items()}
_HEAD_FILL = PatternFill("solid", fgColor="E0E6ED")
_BOLD = Font(bold=True)
_WHITE = Font(color="FFFFFF")


def safe_text(value: str) -> str:
    """Returns text Excel can hold: no XML-illegal control characters, within its limit."""
    return ILLEGAL_CHARACTERS_RE.sub("", value)[:MAX_CELL]


def make_cell(ws, value, shade: str | None = None, bold: bool = False) -> WriteOnlyCell:
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


def _write_table(wb: Workbook, table: ReportTable, used: set[str]) -> None:
    ws = wb.create_sheet(_sheet_title(table.title.split("（")[0], used))
    # Freeze the heading row and the columns that name the row.
    ws.freeze_panes = f"{get_column_letter(table.key_columns + 1)}2"
    rel = table.widths or [1.0] * len(table.columns)
    for i, w in enumerate(rel, 1):
        ws.column_dimensions[get_column_letter(i)].width = max(6, min(80, w * 6))
    head = []
    for c in table.columns:
        cell = make_cell(ws, c, bold=True)
        cell.fill = _HEAD_FILL
        head.append(cell)
    ws.append(head)
    for r, row in enumerate(table.rows):
        shades = table.shades[r] if table.shades else [None] * len(row)
        ws.append([make_cell(ws, v, shades[i]) for i, v in enumerate(row)])


def write_xlsx(report: Report, out: str | Path) -> int:
    """Writes the report as a workbook, one sheet per table; returns the sheet count.

    Raises:
        ReportError: the file cannot be written.
    """
    out = Path(out)

    def build(path: Path) -> None:
        # Made only once the temporary file exists: a write-only workbook that is never
        # saved prints "Exception ignored" tracebacks when it is collected.
        wb = Workbook(write_only=True)
        try:
            used: set[str] = set()
            for table in report.tables:
                _write_table(wb, table, used)
            wb.properties.title = report.title
            wb.properties.subject = report.subtitle
            wb.properties.creator = "SkillMatrix"
            wb.save(path)
        except BaseException as error:
            _discard(wb, error)
            raise

    try:
        files.write_output(out, build)  # temp + fsync + rename: a failure leaves the old file
    except files.FileError as e:
        raise ReportError(str(e)) from None
    except OSError as e:
        raise ReportError(f"Excelファイルを書き出せません（{e.strerror or e}）: {out}") from None
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
