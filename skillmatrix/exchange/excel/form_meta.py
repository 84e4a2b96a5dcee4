"""The hidden sheet of a self-report form: whose sheet it is and what it held when made.

The form keeps the person's id, the revision it was made from and that revision's whole
sheet (the interchange dict as JSON, in chunks under Excel's 32,767-character cell
limit) with a SHA-256 of it. Taking the form back compares three ways against that
snapshot; a sheet that is missing, or whose text no longer matches its digest, makes
the form an ordinary sheet (matched by name), and the plan says so.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from skillmatrix.domain.model import Category, Staff
from skillmatrix.domain.serialize import staff_from_dict, staff_to_dict
from skillmatrix.exchange.excel.labels import META_SHEET
from skillmatrix.exchange.excel.workbook import SheetCells

MARKER = "skillmatrix-form"
VERSION = "1"
CHUNK = 30_000


@dataclass
class FormMeta:
    """What a form's hidden sheet says."""

    staff_id: str
    revision: str
    base: Staff


def meta_rows(staff: Staff, categories: list[Category]) -> list[list[str]]:
    """The hidden sheet's rows (column A: key, column B: value) for a person's form."""
    payload = json.dumps(staff_to_dict(staff, {c.id: c.name for c in categories}), ensure_ascii=False)
    digest = hashlib.sha256(payload.encode("utf-8")).hexdigest()
    rows = [[MARKER, VERSION], ["staff_id", staff.id], ["revision", staff.revision], ["sha256", digest]]
    rows += [["base", payload[i : i + CHUNK]] for i in range(0, len(payload), CHUNK)]
    return rows


def read_meta(sheets: list[SheetCells], categories: list[Category]) -> tuple[FormMeta | None, str | None]:
    """(meta, None) for an intact form; (None, why) when a form's sheet was removed or edited;
    (None, None) for a workbook that never was a form."""
    sheet = next((s for s in sheets if s.name == META_SHEET), None)
    if sheet is None:
        return None, None
    rows: dict[str, list[str]] = {}
    for r in sorted({r for r, _ in sheet.cells}):
        rows.setdefault(sheet.text(r, 1), []).append(sheet.text(r, 2))
    broken = "記入用シートの管理情報（非表示のシート）が変更されているため、氏名で照合しました"
    if rows.get(MARKER) != [VERSION] or not rows.get("staff_id") or not rows.get("base"):
        return None, broken
    payload = "".join(rows["base"])
    if hashlib.sha256(payload.encode("utf-8")).hexdigest() != "".join(rows.get("sha256", [])):
        return None, broken
    try:
        data: Any = json.loads(payload)
    except ValueError:
        return None, broken
    problems: list[str] = []
    base = staff_from_dict(data, {c.name: c.id for c in categories}, 0, problems)
    if base is None or problems or base.id != rows["staff_id"][0]:
        return None, broken
    base.revision = "".join(rows.get("revision", []))
    return FormMeta(base.id, base.revision, base), None
