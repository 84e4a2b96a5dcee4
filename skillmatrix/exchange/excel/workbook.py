"""Loading a workbook into plain cells, values as the user sees them, with guards.

.xlsx/.xlsm go through openpyxl (macros are never run: openpyxl does not run them, and
keep_vba stays off), .xls through xlrd. Before openpyxl opens a file, its zip directory
is checked (declared uncompressed sizes and compression ratio: a zip bomb is refused
unread), an OLE compound file under an .xlsx name (how Excel stores an encrypted
workbook) is refused, and rows are counted while streaming so a 10^6-row sheet stops
at the cap. Small files are loaded fully (merged ranges, hidden rows and columns,
formulas without a cached value are then known); big ones are streamed read-only.
"""

from __future__ import annotations

import datetime
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from skillmatrix.domain.dates import DateError, PartialDate
from skillmatrix.exchange import messages
from skillmatrix.store.errors import StoreError

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_UNCOMPRESSED = 300 * 1024 * 1024  # all parts together, as the zip declares them
MAX_RATIO = 100  # a part that inflates more than this is a bomb, not a spreadsheet
FULL_LOAD_LIMIT = 8 * 1024 * 1024  # uncompressed bytes up to which the whole workbook is loaded
MAX_ROWS = 5000  # a résumé has ~100 rows; a sheet longer than this is not one
MAX_COLUMNS = 200
MAX_SHEETS = 200
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
SUFFIXES = (".xlsx", ".xlsm", ".xls")


class WorkbookError(StoreError):
    """The workbook cannot be read; the message is one Japanese line (a StoreError, so
    the command line and the window report it like any refused file)."""


@dataclass
class CellValue:
    """One non-empty cell as displayed: its text, and the date when it holds a real date."""

    text: str
    date: PartialDate | None = None


@dataclass
class SheetCells:
    """A worksheet as plain cells (1-based rows and columns)."""

    name: str
    cells: dict[tuple[int, int], CellValue] = field(default_factory=dict)
    hidden_rows: set[int] = field(default_factory=set)
    hidden_columns: set[int] = field(default_factory=set)
    missing_values: list[tuple[int, int]] = field(default_factory=list)  # formulas never calculated
    hidden: bool = False

    def text(self, row: int, column: int) -> str:
        """The displayed text of a cell ('' when empty)."""
        cell = self.cells.get((row, column))
        return cell.text if cell else ""


def address(row: int, column: int) -> str:
    """'B7' for row 7, column 2."""
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return f"{letters}{row}"


_QUOTED = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.')


def date_precision(number_format: str) -> str:
    """'day', 'month' or 'year': what a date cell's number format shows of it.

    和暦 formats (ggge"年"m"月"d"日", [$-411]…) show the same fields as western ones.
    """
    fmt = _QUOTED.sub("", number_format or "").lower()
    if "d" in fmt or fmt in ("general", ""):
        return "day"
    if "m" in fmt:
        return "month"
    return "year"


def _partial(value: datetime.date, number_format: str) -> PartialDate | None:
    precision = date_precision(number_format)
    try:
        if precision == "day":
            return PartialDate(value.year, value.month, value.day)
        if precision == "month":
            return PartialDate(value.year, value.month)
        return PartialDate(value.year)
    except DateError:
        return None


def is_date_format(number_format: str) -> bool:
    """True for a number format that shows a date (western or 和暦: ggge"年"m"月")."""
    fmt = _QUOTED.sub("", number_format or "").lower()
    if fmt in ("general", "@", "") or re.search(r"[0#?]", fmt):
        return False
    return bool(re.search(r"[ymdeg]", fmt))


def serial_date(serial: float, date1904: bool = False) -> datetime.date:
    """The day of an Excel date serial (1900 date system unless the book uses 1904's).

    1900 serials count from 1899-12-30 for every date after Excel's phantom 1900-02-29.
    """
    epoch = datetime.date(1904, 1, 1) if date1904 else datetime.date(1899, 12, 30)
    return epoch + datetime.timedelta(days=int(serial))


def display(value: Any, number_format: str = "General", date1904: bool = False) -> CellValue | None:
    """The cell as the user sees it; None for an empty cell.

    A number in a date format is a date serial the reader did not convert (xlrd does not
    know 和暦 formats as dates): it is shown, and kept, as the date.
    """
    if value is None:
        return None
    if isinstance(value, int | float) and not isinstance(value, bool) and is_date_format(number_format):
        if 0 < value < 2_958_466:  # up to 9999-12-31
            value = serial_date(value, date1904)
    if isinstance(value, datetime.datetime | datetime.date):
        d = _partial(value, number_format)
        return CellValue(d.format("numeric") if d else str(value), d)
    if isinstance(value, bool):
        return CellValue("TRUE" if value else "FALSE")
    if isinstance(value, int | float):
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return CellValue(str(value))
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    return CellValue(text) if text.strip() else None


def check_file(path: Path) -> None:
    """Refuses what must not reach a spreadsheet reader: too big, encrypted, a zip bomb.

    Raises:
        WorkbookError: one line saying why.
    """
    try:
        size = path.stat().st_size
        with open(path, "rb") as f:
            head = f.read(8)
    except OSError as e:
        raise WorkbookError(
            messages.BOOK_CANNOT_OPEN.format(reason=e.strerror or e, path_name=path.name)
        ) from None
    if size > MAX_FILE_BYTES:
        raise WorkbookError(messages.BOOK_TOO_LARGE.format(size=size // 1024 // 1024, path_name=path.name))
    suffix = path.suffix.lower()
    if suffix == ".xls":
        if head != OLE_MAGIC:
            raise WorkbookError(messages.NOT_XLS.format(path_name=path.name))
        return
    if head == OLE_MAGIC:
        raise WorkbookError(messages.XLSX_ENCRYPTED.format(path_name=path.name))
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
    except (zipfile.BadZipFile, OSError):
        raise WorkbookError(messages.XLSX_UNREADABLE.format(path_name=path.name)) from None
    total = sum(i.file_size for i in infos)
    bomb = [
        i for i in infos if i.file_size > 1024 * 1024 and i.file_size > MAX_RATIO * max(i.compress_size, 1)
    ]
    if len(infos) > 10_000 or total > MAX_UNCOMPRESSED or bomb:
        raise WorkbookError(messages.BOOK_ZIP_BOMB.format(size=total // 1024 // 1024, path_name=path.name))


def _scan(path: Path) -> dict[str, tuple[set[int], set[int]]]:
    """Streams every worksheet's XML and stops at the row or cell cap, before openpyxl
    (which parses a whole sheet to learn its size when the sheet does not declare it).

    Returns:
        tab name -> (hidden rows, hidden columns), which a streamed (read-only) load
        cannot tell.
    """
    from xml.etree.ElementTree import ParseError, iterparse

    found: dict[str, tuple[set[int], set[int]]] = {}
    with zipfile.ZipFile(path) as z:
        tabs = _tab_names(z)
        for name in z.namelist():
            if not (name.startswith("xl/worksheets/") and name.endswith(".xml")):
                continue
            rows = cells = 0
            hidden_rows: set[int] = set()
            hidden_columns: set[int] = set()
            try:
                with z.open(name) as part:
                    for _event, element in iterparse(part, events=("start",)):
                        tag = element.tag.rsplit("}", 1)[-1]
                        if tag == "row":
                            rows += 1
                            if element.get("hidden") in ("1", "true") and (element.get("r") or "").isdigit():
                                hidden_rows.add(int(element.get("r") or 0))
                        elif tag == "c":
                            cells += 1
                        elif tag == "col" and element.get("hidden") in ("1", "true"):
                            first, last = int(element.get("min") or 1), int(element.get("max") or 1)
                            hidden_columns.update(range(first, min(last, MAX_COLUMNS) + 1))
                        if rows > MAX_ROWS or cells > MAX_ROWS * 20:
                            raise _too_many_rows(tabs.get(name, name.rsplit("/", 1)[-1]), path)
            except (ParseError, ValueError):
                raise WorkbookError(messages.SHEET_XML_BROKEN.format(path_name=path.name)) from None
            found[tabs.get(name, name)] = (hidden_rows, hidden_columns)
    return found


def _tab_names(z: zipfile.ZipFile) -> dict[str, str]:
    """Worksheet part ('xl/worksheets/sheet1.xml') -> the tab's name, for messages."""
    from xml.etree.ElementTree import ParseError, fromstring

    main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    rel = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    try:
        targets = {
            r.get("Id"): "xl/" + (r.get("Target") or "").lstrip("/").removeprefix("xl/")
            for r in fromstring(z.read("xl/_rels/workbook.xml.rels"))
        }
        sheets = fromstring(z.read("xl/workbook.xml")).iter(f"{main}sheet")
        return {targets.get(s.get(rel), ""): s.get("name") or "" for s in sheets}
    except (KeyError, ParseError):
        return {}


def _uncompressed(path: Path) -> int:
    with zipfile.ZipFile(path) as z:
        return sum(i.file_size for i in z.infolist())


def _too_many_rows(sheet: str, book: Path) -> WorkbookError:
    return WorkbookError(
        messages.SHEET_TOO_MANY_ROWS.format(sheet=sheet, max_rows=MAX_ROWS, book_name=book.name)
    )


def load_xlsx(path: Path) -> list[SheetCells]:
    """Reads every worksheet of an .xlsx/.xlsm workbook (already checked) as displayed cells.

    Raises:
        WorkbookError: the file is unreadable or has too many rows (one line).
    """
    import openpyxl  # lazily: the window starts without it

    layout = _scan(path)

    full = _uncompressed(path) <= FULL_LOAD_LIMIT
    try:
        book = openpyxl.load_workbook(path, read_only=not full, data_only=True, keep_vba=False)
        formulas = openpyxl.load_workbook(path, read_only=False, data_only=False) if full else None
    except WorkbookError:
        raise
    except Exception as e:  # openpyxl raises many kinds on a damaged file
        raise WorkbookError(
            messages.BOOK_UNREADABLE.format(name=type(e).__name__, path_name=path.name)
        ) from None
    try:
        if len(book.worksheets) > MAX_SHEETS:
            raise WorkbookError(messages.TOO_MANY_SHEETS.format(max_sheets=MAX_SHEETS, path_name=path.name))
        sheets = []
        for ws in book.worksheets:
            sheet = SheetCells(ws.title, hidden=ws.sheet_state != "visible")
            if full and ws.max_row > MAX_ROWS:
                raise _too_many_rows(ws.title, path)
            # A loaded sheet knows its extent; asking for more columns would create empty cells.
            columns = min(ws.max_column, MAX_COLUMNS) if full else MAX_COLUMNS
            for r, row in enumerate(ws.iter_rows(max_col=columns), 1):
                if r > MAX_ROWS:
                    raise _too_many_rows(ws.title, path)
                for cell in row:
                    if cell.value is None:
                        continue
                    value = display(cell.value, cell.number_format)
                    if value is not None:
                        sheet.cells[(cell.row, cell.column)] = value
            if formulas is not None:
                _full_details(sheet, ws, formulas[ws.title])
            else:  # streamed: hidden rows and columns as the scan found them
                sheet.hidden_rows, sheet.hidden_columns = layout.get(ws.title, (set(), set()))
            sheets.append(sheet)
        return sheets
    finally:
        book.close()


def _full_details(sheet: SheetCells, ws: Any, formula_ws: Any) -> None:
    """Hidden rows and columns, and formulas saved without their value (fully loaded books)."""
    from openpyxl.utils import column_index_from_string

    sheet.hidden_rows = {r for r, dim in ws.row_dimensions.items() if dim.hidden}
    for letter, dim in ws.column_dimensions.items():
        if dim.hidden:
            first = column_index_from_string(letter)
            sheet.hidden_columns.update(range(dim.min or first, (dim.max or first) + 1))
    for row in formula_ws.iter_rows(max_col=min(formula_ws.max_column, MAX_COLUMNS)):
        for cell in row:
            if isinstance(cell.value, str) and cell.value.startswith("=") and cell.data_type == "f":
                if (cell.row, cell.column) not in sheet.cells:
                    sheet.missing_values.append((cell.row, cell.column))
