"""Reading one worksheet that looks like a スキル履歴書 into a person, by its labels.

Nothing is found by a fixed address: the title, 職名 / 氏名, 資格等, the 担当履歴 and
プロジェクト tables and the スキル実績等一覧 grid are found by their labels, and every
non-empty cell that none of them explains is reported with its address and text
instead of being guessed at.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from skillmatrix.domain.dates import DateError, PartialDate
from skillmatrix.domain.model import KIND_LABELS, Assignment, Category, Entry, Project, Qualification, Staff
from skillmatrix.exchange import messages
from skillmatrix.exchange.excel.labels import (
    fold,
    is_none,
    is_separator,
    label_of,
    level_of,
    parse_period,
    section_of_title,
    split_label,
    years_of,
)
from skillmatrix.exchange.excel.workbook import SheetCells, address

Cell = tuple[int, int]
PART_FIELDS = {"氏名": "name", "職名": "title", "ふりがな": "kana", "所属": "section"}
SECTION_LABELS = {"qualifications", "assignments_label", "projects_label", "grid_label"}


@dataclass
class ReadSheet:
    """What one worksheet gave.

    Attributes:
        sheet: the worksheet's name.
        staff: the person read (fresh ids; no kinds, all entries 'other').
        readings: (part, address, text) for every value taken, in sheet order.
        not_understood: (address, text) of every non-empty cell nothing explained.
        notes: things the user should know (hidden rows read, formulas without values).
        problems: what stops this sheet from being imported (one line each).
        years_text: 経験年数 as written (「20年以上」), '' when absent.
        present: the profile fields the sheet has a place for ('kana', 'section', …):
            a field it does not have keeps the database's value when matched.
    """

    sheet: str
    staff: Staff
    readings: list[tuple[str, str, str]] = field(default_factory=list)
    not_understood: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    years_text: str = ""
    present: set[str] = field(default_factory=set)


class _Reader:
    def __init__(self, sheet: SheetCells, categories: list[Category]):
        self.sheet = sheet
        self.cells = sheet.cells
        self.used: set[Cell] = set()
        self.categories = {fold(c.name): c for c in categories}
        self.category_names = [c.name for c in categories]
        self.labels: dict[Cell, str] = {}
        for key, value in self.cells.items():
            kind = label_of(value.text)
            if kind is not None:
                self.labels[key] = kind
        self.result = ReadSheet(sheet.name, Staff(name=""))

    # -- helpers ----------------------------------------------------------------------------

    def text(self, cell: Cell) -> str:
        return self.sheet.text(*cell)

    def take(self, cell: Cell, part: str) -> str:
        self.used.add(cell)
        self.result.present.add(PART_FIELDS.get(part, part))
        text = self.text(cell).strip()
        self.result.readings.append((part, address(*cell), text))
        return text

    def where(self, cell: Cell) -> str:
        return f"シート「{self.sheet.name}」{address(*cell)}"

    def find(self, kind: str) -> list[Cell]:
        return sorted((c for c, k in self.labels.items() if k == kind), key=lambda c: c)

    def beside_or_below(self, cell: Cell) -> Cell | None:
        """The value of a label: the first non-empty cell to its right (stopping at another
        label), else the first non-empty one below it."""
        row, column = cell
        for c in range(column + 1, column + 8):
            if (row, c) in self.labels or self.text((row, c)).lstrip().startswith("※"):
                break  # another label, or the sheet's own note: this label has no value
            if (row, c) in self.cells:
                return (row, c)
        for r in range(row + 1, row + 3):
            if (r, column) in self.labels or self.text((r, column)).lstrip().startswith("※"):
                break
            if (r, column) in self.cells:
                return (r, column)
        return None

    # -- the parts --------------------------------------------------------------------------

    def read(self) -> ReadSheet:
        staff = self.result.staff
        for key, value in sorted(self.cells.items()):
            section = section_of_title(value.text)
            if section is not None:
                self.used.add(key)
                self.result.readings.append(("表題", address(*key), value.text.strip()))
                if section:
                    staff.section = section
                    self.result.present.add("section")
                break
        self.profile(staff)
        anchors = self.anchor_rows()
        self.qualifications(staff, anchors)
        self.history(staff, "assignment_name", anchors)
        self.history(staff, "project_name", anchors)
        self.grid(staff)
        for key, value in sorted(self.cells.items()):
            if key in self.used or key in self.labels:
                continue
            if value.text.lstrip().startswith("※"):
                continue  # the sheet's own notes (a form's instructions)
            self.result.not_understood.append((address(*key), value.text))
        self.hidden_notes()
        if not staff.name.strip():
            self.result.problems.append(messages.SHEET_NAME_NOT_FOUND.format(sheet=self.sheet.name))
        return self.result

    def profile(self, staff: Staff) -> None:
        for kind, attr, part in (
            ("name", "name", "氏名"),
            ("title", "title", "職名"),
            ("kana", "kana", "ふりがな"),
        ):
            for cell in self.find(kind)[:1]:
                self.result.present.add(attr)
                value = self.beside_or_below(cell)
                if value is not None:
                    setattr(staff, attr, self.take(value, part))
        for cell in self.find("section")[:1]:
            self.result.present.add("section")
            value = self.beside_or_below(cell)
            if value is not None:
                staff.section = self.take(value, "所属")
        for key, shown in sorted(self.cells.items()):
            for label, attr in (("氏名", "name"), ("職名", "title"), ("所属", "section")):
                if key not in self.labels and not getattr(staff, attr) and fold(shown.text).startswith(label):
                    written = split_label(shown.text, label)
                    if written:
                        self.used.add(key)
                        self.result.readings.append((label, address(*key), written))
                        self.result.present.add(attr)
                        setattr(staff, attr, written)
            if fold(shown.text).startswith("経験年数"):
                self.used.add(key)
                rest = split_label(shown.text, "経験年数")
                source = key
                if rest is None:
                    beside = self.beside_or_below(key)
                    if beside is None:
                        continue
                    rest, source = self.text(beside), beside
                    self.used.add(beside)
                years = years_of(rest)
                if years is None:
                    self.result.problems.append(
                        messages.EXPERIENCE_UNREADABLE.format(where=self.where(source), rest=rest)
                    )
                    continue
                self.result.years_text = rest.strip()
                self.result.readings.append(("経験年数", address(*source), rest.strip()))
                self._years = years

    def finish_years(self, staff: Staff) -> None:
        """経験年数 as an override only where the derived years would print differently."""
        years = getattr(self, "_years", None)
        if years is None:
            return
        n, at_least = years
        derived = staff.experience_years()
        if (at_least and derived < n) or (not at_least and derived != n):
            staff.experience_override = n

    def anchor_rows(self) -> list[int]:
        rows = {c[0] for c, k in self.labels.items() if k in SECTION_LABELS | {"period", "level"}}
        rows |= {r for r in self.grid_header_rows()}
        return sorted(rows)

    def next_anchor(self, row: int, anchors: list[int]) -> int:
        later = [r for r in anchors if r > row]
        return later[0] if later else max((r for r, _ in self.cells), default=row) + 1

    def qualifications(self, staff: Staff, anchors: list[int]) -> None:
        for label in self.find("qualifications")[:1]:
            row, column = label
            stop = self.next_anchor(row, anchors)
            for r in range(row, stop):
                current: Qualification | None = None
                for c in range(column + (1 if r == row else 0), column + 12):
                    key = (r, c)
                    if key not in self.cells or key in self.labels or key in self.used:
                        continue
                    text, when = self.text(key), self.cells[key].date
                    self.used.add(key)
                    if current is not None and (when or _date_text(text)):
                        date = when or _date_text(text)
                        if current.acquired is None:
                            current.acquired = date
                        else:
                            current.expires = date
                        self.result.readings.append(("資格等 取得", address(*key), text.strip()))
                        continue
                    for line in text.split("\n"):
                        if not is_none(line):
                            self.result.readings.append(("資格等", address(*key), line.strip()))
                            current = Qualification(line.strip())
                            staff.qualifications.append(current)

    def history(self, staff: Staff, name_kind: str, anchors: list[int]) -> None:
        part = "担当履歴" if name_kind == "assignment_name" else "プロジェクト"
        for header in self.find(name_kind)[:1]:
            row = header[0]
            headers = {c: k for (r, c), k in self.labels.items() if r == row}
            period_cols = [c for c, k in headers.items() if k == "period"]
            if not period_cols:
                self.result.problems.append(
                    messages.HISTORY_PERIOD_HEADING_MISSING.format(where=self.where(header), part=part)
                )
                return
            for c in headers:
                self.used.add((row, c))
            name_col, first = header[1], min(period_cols)
            later = sorted(c for c in headers if c > first and headers[c] != "period")
            period_range = range(first, later[0] if later else first + 1)
            duties_col = next((c for c, k in headers.items() if k == "duties"), None)
            stop = self.next_anchor(row, anchors)
            # Periods in two cells only where some row uses two: a 期間 header over a wide
            # (merged) column must not turn a one-date period into an open one.
            two_columns = (
                any(
                    sum(
                        1
                        for c in period_range
                        if (r, c) in self.cells and not is_separator(self.text((r, c)))
                    )
                    > 1
                    for r in range(row + 1, stop)
                )
                or sum(1 for k in headers.values() if k == "period") > 1
            )
            for r in range(row + 1, stop):
                keys = [(r, c) for c in period_range if (r, c) in self.cells]
                name_key, duties_key = (r, name_col), (r, duties_col) if duties_col else None
                if not keys and name_key not in self.cells and (duties_key not in self.cells):
                    continue
                cells = [(self.text(k), self.cells[k].date) for k in keys]
                for k in keys:
                    self.used.add(k)
                try:
                    period = parse_period(cells, two_columns)
                except DateError as e:
                    self.result.problems.append(
                        messages.HISTORY_PERIOD_UNREADABLE.format(
                            where=self.where(keys[0]), part=part, error=e
                        )
                    )
                    continue
                name = self.take(name_key, part + " 名称") if name_key in self.cells else ""
                duties = self.take(duties_key, "主担当業務") if duties_key in self.cells else ""
                if keys:
                    shown = " ".join(t for t, _ in cells if not is_separator(t))
                    self.result.readings.append((part + " 期間", address(*keys[0]), shown))
                if name_kind == "assignment_name":
                    staff.assignments.append(Assignment(period=period, name=name, duties=duties))
                else:
                    staff.projects.append(Project(period=period, name=name))

    def grid_header_rows(self) -> list[int]:
        rows: dict[int, int] = {}
        for (r, _c), value in self.cells.items():
            if fold(value.text) in self.categories:
                rows[r] = rows.get(r, 0) + 1
        return [r for r, n in rows.items() if n >= 4]

    def grid(self, staff: Staff) -> None:
        header_rows = self.grid_header_rows()
        if not header_rows:
            return
        row = header_rows[0]
        columns: dict[int, Category] = {}
        for (r, c), value in self.cells.items():
            if r == row and fold(value.text) in self.categories:
                category = self.categories[fold(value.text)]
                if category in columns.values():
                    self.result.problems.append(
                        messages.GRID_CATEGORY_TWICE.format(
                            where=self.where((r, c)), category_name=category.name
                        )
                    )
                columns[c] = category
                self.used.add((r, c))
        missing = [
            name for name in self.category_names if self.categories[fold(name)] not in columns.values()
        ]
        if missing:
            self.result.problems.append(
                messages.GRID_COLUMN_MISSING.format(
                    name=self.sheet.name, row=row, missing="」「".join(missing)
                )
            )
            return
        first = min(columns)
        last_row = max(r for r, _ in self.cells)
        kind_column = next((c for (r, c), k in self.labels.items() if r == row and k == "kind"), None)
        kinds = {label: key for key, label in KIND_LABELS.items()}
        level: int | None = None
        for r in range(row + 1, last_row + 1):
            labels = [(r, c) for c in range(1, first) if (r, c) in self.cells]
            found = next((level_of(self.text(k)) for k in labels if level_of(self.text(k)) is not None), None)
            if found is not None:
                level = found
                for k in labels:  # the level and its definition text
                    self.used.add(k)
            if level is None:
                continue
            kind = "other"
            if kind_column is not None and (r, kind_column) in self.cells:
                written = self.text((r, kind_column)).strip()
                if written in kinds:
                    kind = kinds[written]
                    self.used.add((r, kind_column))
            for c, category in sorted(columns.items()):
                key = (r, c)
                if key not in self.cells:
                    continue
                self.used.add(key)
                where = f"レベル{level} × {category.name}"
                for line in self.text(key).split("\n"):
                    if line.strip():
                        self.result.readings.append((where, address(*key), line.strip()))
                        staff.entries.append(
                            Entry(level=level, category_id=category.id, text=line.strip(), kind=kind)
                        )

    def hidden_notes(self) -> None:
        rows = sorted({r for r, _ in self.cells if r in self.sheet.hidden_rows})
        columns = sorted({c for _, c in self.cells if c in self.sheet.hidden_columns})
        if rows:
            self.result.notes.append(
                f"シート「{self.sheet.name}」: 非表示の行 {', '.join(map(str, rows[:10]))} の値も読み込みました"
            )
        if columns:
            letters = ", ".join(address(1, c)[:-1] for c in columns[:10])
            self.result.notes.append(
                f"シート「{self.sheet.name}」: 非表示の列 {letters} の値も読み込みました"
            )
        if self.sheet.missing_values:
            where = ", ".join(address(*k) for k in self.sheet.missing_values[:5])
            self.result.notes.append(
                f"シート「{self.sheet.name}」: 計算結果が保存されていない数式があります（{where}）。"
                "Excelで開いて保存し直してください"
            )
            for key in self.sheet.missing_values:
                self.result.not_understood.append((address(*key), "（数式の計算結果が保存されていません）"))


def _date_text(text: str) -> PartialDate | None:
    try:
        return PartialDate.parse(text)
    except DateError:
        return None


def looks_like_resume(sheet: SheetCells, categories: list[Category]) -> bool:
    """True when the sheet has a 「…スキル履歴書」 title or the grid's category header."""
    if sheet.name == "_skillmatrix":
        return False
    if any(section_of_title(v.text) is not None for v in sheet.cells.values()):
        return True
    return bool(_Reader(sheet, categories).grid_header_rows())


def read_resume(sheet: SheetCells, categories: list[Category]) -> ReadSheet:
    """Reads a sheet that looks like a スキル履歴書 into a person.

    Args:
        sheet: the worksheet's displayed cells.
        categories: the database's categories (the grid's columns are matched to them).
    """
    reader = _Reader(sheet, categories)
    result = reader.read()
    reader.finish_years(result.staff)
    return result
