"""Self-report forms (記入用シート): a prefilled workbook per person that staff fill in
Excel or LibreOffice and hand back.

The layout is the printed résumé's (title, 職名 / 氏名, 資格等, 担当履歴, プロジェクト,
the スキル実績等一覧 grid), so the same reader takes it back. The grid has one entry per
row inside each level's band, with empty rows to add to. The sheet is protected without
a password and only the cells meant for writing are unlocked (yellow); the hidden,
protected sheet keeps the person's id, revision and the sheet as it was (form_meta.py).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from skillmatrix import files
from skillmatrix.domain.model import KIND_LABELS, Category, Level, Staff
from skillmatrix.exchange import messages
from skillmatrix.exchange.excel.form_meta import meta_rows
from skillmatrix.exchange.excel.labels import META_SHEET
from skillmatrix.store.errors import StoreError
from skillmatrix.store.repository import Store

SPARE_ROWS = 3  # empty rows under every list, to write new lines in
COLUMNS = 10  # A: level / period, B..I: the categories, J: 種別 of the entries of the row
GRID_WIDTH = 18  # characters of a category column
INSTRUCTIONS = (
    "※記入のしかた: 黄色のセルだけ書き換えられます（パスワードはありません）。",
    "※スキル実績等一覧は1つのセルに1件です。足りないときは同じレベルの空いている行に書いてください。",
    "※期間は「2013年4月～」「2010/4/1～2013/3/31」「H25.4～」のように書きます。書き終えたら保存して返してください。",
)


class FormError(StoreError):
    """A form could not be written; the message is one Japanese line."""


def _styles() -> dict[str, Any]:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side

    thin = Side(style="thin", color="808080")
    return {
        "fill": PatternFill("solid", fgColor="FFF7C2"),
        "head": PatternFill("solid", fgColor="D9E2F3"),
        "border": Border(left=thin, right=thin, top=thin, bottom=thin),
        "open": Protection(locked=False),
        "wrap": Alignment(wrap_text=True, vertical="top"),
        "title": Font(size=16, bold=True),
        "bold": Font(bold=True),
        "note": Font(size=9, color="505050"),
    }


def build_form(staff: Staff, categories: list[Category], levels: list[Level]) -> Any:
    """Returns the openpyxl workbook of one person's form (not saved)."""
    from openpyxl import Workbook
    from openpyxl.worksheet.datavalidation import DataValidation

    st = _styles()
    book = Workbook()
    ws = book.active
    ws.title = "スキル履歴書"

    def put(row: int, column: int, value: Any, editable: bool = False, head: bool = False) -> Any:
        cell = ws.cell(row, column, value)
        cell.alignment = st["wrap"]
        cell.border = st["border"]
        if editable:
            cell.protection, cell.fill = st["open"], st["fill"]
        if head:
            cell.fill, cell.font = st["head"], st["bold"]
        return cell

    def band(row: int, first: int, last: int) -> None:
        ws.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)

    for i, text in enumerate(INSTRUCTIONS, 1):
        ws.cell(i, 1, text).font = st["note"]
    ws.cell(5, 3, f"{staff.section} スキル履歴書".strip()).font = st["title"]
    band(5, 3, 8)
    ws.cell(6, 1, "経験年数")
    # Left empty unless the chief set it: the program counts it from 担当履歴, and a number
    # written today would freeze it when the form comes back next year.
    years = f"{staff.experience_override}年" if staff.experience_override is not None else None
    put(6, 2, years, editable=True)
    note = f"※空欄のときは担当履歴から計算します（現在 {staff.experience_years()}年）"
    ws.cell(6, 3, note).font = st["note"]
    profile = (("職名", staff.title), ("氏名", staff.name), ("ふりがな", staff.kana), ("所属", staff.section))
    for column, (label, value) in enumerate(profile):
        put(8, 1 + 2 * column, label, head=True)
        put(9, 1 + 2 * column, value, editable=True)
        band(8, 1 + 2 * column, 2 + 2 * column)
        band(9, 1 + 2 * column, 2 + 2 * column)
    row = 11
    put(row, 1, "資格等", head=True)
    put(row, 2, "名称", head=True)
    put(row, 5, "取得", head=True)
    band(row, 2, 4)
    for q in [*staff.qualifications, *[None] * SPARE_ROWS]:
        row += 1
        put(row, 2, q.name if q else None, editable=True)
        put(row, 5, q.acquired.format("numeric") if q and q.acquired else None, editable=True)
        band(row, 2, 4)
    row += 2
    ws.cell(row, 1, "担当履歴").font = st["bold"]
    row += 1
    for first, last, label in ((1, 2, "期間"), (3, 4, "担当名"), (5, 9, "主担当業務")):
        put(row, first, label, head=True)
        band(row, first, last)
    for a in [*staff.assignments, *[None] * SPARE_ROWS]:
        row += 1
        texts: tuple[str | None, ...] = (a.period.format(), a.name, a.duties) if a else (None, None, None)
        for (first, last), shown in zip(((1, 2), (3, 4), (5, 9)), texts):
            put(row, first, shown, editable=True)
            band(row, first, last)
        _fit(ws, row, [(texts[1] or "", 32), (texts[2] or "", 80)])
    row += 2
    ws.cell(row, 1, "プロジェクト履歴").font = st["bold"]
    row += 1
    for first, last, label in ((1, 2, "期間"), (3, 9, "プロジェクト名")):
        put(row, first, label, head=True)
        band(row, first, last)
    for p in [*staff.projects, *[None] * SPARE_ROWS]:
        row += 1
        put(row, 1, p.period.format() if p else None, editable=True)
        put(row, 3, p.name if p else None, editable=True)
        band(row, 1, 2)
        band(row, 3, 9)
    row += 2
    ws.cell(row, 1, "スキル実績等一覧").font = st["bold"]
    row += 1
    put(row, 1, "レベル", head=True)
    ordered = sorted(categories, key=lambda c: c.position)
    for i, category in enumerate(ordered):
        put(row, 2 + i, category.name, head=True)
    put(row, COLUMNS, "種別（新しく書いた実績の）", head=True)
    kinds = DataValidation(type="list", formula1='"' + ",".join(KIND_LABELS.values()) + '"', allow_blank=True)
    kinds.error, kinds.errorTitle = "一覧から選んでください", "種別"
    ws.add_data_validation(kinds)
    short = {lv.number: lv.short or lv.name for lv in levels}
    for level in range(8):
        cells = [staff.cell(level, c.id) for c in ordered]
        depth = max([len(c) for c in cells] + [0]) + 2
        first = row + 1
        for k in range(depth):
            row += 1
            put(row, 1, f"{level} {short.get(level, '')}".strip() if k == 0 else None)
            line = [entries[k].text if k < len(entries) else None for entries in cells]
            for i, shown in enumerate(line):
                put(row, 2 + i, shown, editable=True)
            kinds.add(put(row, COLUMNS, None, editable=True))
            _fit(ws, row, [(t or "", GRID_WIDTH) for t in texts])
        ws.merge_cells(start_row=first, start_column=1, end_row=row, end_column=1)
    widths = {"A": 24, "J": 12, **{chr(66 + i): GRID_WIDTH for i in range(8)}}
    for letter, width in widths.items():
        ws.column_dimensions[letter].width = width
    ws.page_setup.orientation, ws.page_setup.paperSize = "landscape", ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0  # as wide as the page, as many pages as needed
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.protection.sheet = True  # no password: the protection keeps the layout, not a secret
    meta = book.create_sheet(META_SHEET)
    for values in meta_rows(staff, categories):
        meta.append(values)
    meta.sheet_state = "hidden"
    meta.protection.sheet = True
    return book


def _fit(ws: Any, row: int, texts: list[tuple[str, int]]) -> None:
    """Makes a row tall enough for its wrapped texts (openpyxl does not measure text)."""
    lines = 1
    for text, width in texts:
        units = sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)  # CJK is two columns wide
        lines = max(lines, -(-units // max(width, 1)))
    if lines > 1:
        ws.row_dimensions[row].height = 15 * lines


def _file_name(staff: Staff, taken: set[str]) -> str:
    stem = re.sub(r'[\\/:*?"<>|\s]+', "_", staff.name).strip("_.") or "職員"
    name = f"記入用_{stem}.xlsx"
    if name in taken:
        name = f"記入用_{stem}_{staff.id[:8]}.xlsx"
    taken.add(name)
    return name


def save_workbook(book: Any, path: Path, force: bool) -> None:
    """Writes one workbook (the one place a form reaches the disk: the guarded writer's temp
    file, sync and rename; an existing file stays as it was when anything fails)."""
    if path.exists() and not force:
        raise FormError(messages.FORM_TARGET_EXISTS.format(path=files.clip(path)))
    try:
        files.write_output(path, book.save)
    except files.FileError as e:
        raise FormError(str(e)) from None
    except OSError as e:
        raise FormError(messages.FORM_UNWRITABLE.format(reason=e.strerror or e, path=path)) from None


def write_forms(store: Store, staff_ids: list[str], out: Path, force: bool = False) -> list[Path]:
    """Writes one form per person: to out (an .xlsx, one person) or into the folder out.

    Raises:
        FormError: the target is wrong or cannot be written (one line).
    """
    single = out.suffix.lower() == ".xlsx"
    if single and len(staff_ids) != 1:
        raise FormError(messages.FORMS_NEED_FOLDER.format(count=len(staff_ids)))
    if not single:
        if out.exists() and not out.is_dir():
            raise FormError(messages.FORMS_TARGET_NOT_FOLDER.format(out=out))
        if not out.parent.is_dir():
            raise FormError(messages.FORMS_FOLDER_MISSING.format(out_parent=out.parent))
        out.mkdir(exist_ok=True)
    elif not out.resolve().parent.is_dir():
        raise FormError(messages.FORMS_PARENT_MISSING.format(parent=out.resolve().parent))
    categories, levels = store.categories(), store.levels()
    written: list[Path] = []
    taken: set[str] = set()
    for staff in store.iter_staff(staff_ids):
        path = out if single else out / _file_name(staff, taken)
        save_workbook(build_form(staff, categories, levels), path, force)
        written.append(path)
    return written
