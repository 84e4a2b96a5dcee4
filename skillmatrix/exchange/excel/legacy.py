"""Old Excel 97-2003 workbooks (.xls) through xlrd, into the same plain cells."""

from __future__ import annotations

from pathlib import Path

from skillmatrix.exchange import messages
from skillmatrix.exchange.excel.workbook import (
    MAX_COLUMNS,
    MAX_ROWS,
    MAX_SHEETS,
    SheetCells,
    WorkbookError,
    display,
)


def load_xls(path: Path) -> list[SheetCells]:
    """Reads every worksheet of an .xls file as displayed cells.

    Raises:
        WorkbookError: encrypted, damaged or too big (one line).
    """
    import xlrd

    try:
        book = xlrd.open_workbook(str(path), formatting_info=True, on_demand=True)
    except xlrd.XLRDError as e:
        if "encrypt" in str(e).lower():
            raise WorkbookError(messages.XLS_ENCRYPTED.format(path_name=path.name)) from None
        raise WorkbookError(messages.XLS_UNREADABLE.format(error=e, path_name=path.name)) from None
    except Exception as e:  # xlrd raises assorted errors on a damaged file
        raise WorkbookError(
            messages.XLS_UNREADABLE_NAMED.format(name=type(e).__name__, path_name=path.name)
        ) from None
    try:
        if book.nsheets > MAX_SHEETS:
            raise WorkbookError(messages.TOO_MANY_SHEETS.format(max_sheets=MAX_SHEETS, path_name=path.name))
        sheets = []
        for index in range(book.nsheets):
            ws = book.sheet_by_index(index)
            if ws.nrows > MAX_ROWS:
                raise WorkbookError(
                    messages.XLS_TOO_MANY_ROWS.format(ws_name=ws.name, max_rows=MAX_ROWS, path_name=path.name)
                )
            sheet = SheetCells(ws.name, hidden=bool(getattr(ws, "visibility", 0)))
            for r in range(ws.nrows):
                for c in range(min(ws.ncols, MAX_COLUMNS)):
                    cell = ws.cell(r, c)
                    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                        continue
                    fmt = book.format_map[book.xf_list[ws.cell_xf_index(r, c)].format_key].format_str
                    value = cell.value
                    if cell.ctype == xlrd.XL_CELL_DATE:
                        value = xlrd.xldate.xldate_as_datetime(cell.value, book.datemode)
                    elif cell.ctype == xlrd.XL_CELL_BOOLEAN:
                        value = bool(cell.value)
                    elif cell.ctype == xlrd.XL_CELL_ERROR:
                        value = xlrd.error_text_from_code.get(cell.value, "#ERR")
                    shown = display(value, fmt, date1904=bool(book.datemode))
                    if shown is not None:
                        sheet.cells[(r + 1, c + 1)] = shown
            sheet.hidden_rows = {r + 1 for r, info in ws.rowinfo_map.items() if info.hidden}
            sheet.hidden_columns = {c + 1 for c, info in ws.colinfo_map.items() if info.hidden}
            sheets.append(sheet)
            book.unload_sheet(index)
        return sheets
    finally:
        book.release_resources()
