"""Importing résumé workbooks: read every sheet, plan against the database, apply.

The plan is an ordinary merge.ImportPlan (so applying it is the shared file's one
transaction with its backup) plus, per person, what was read from which cell, the cells
not understood and the per-part difference with the database:

- a form whose hidden sheet is intact: three-way against the revision the form was made
  from (changes the chief made since then show as conflicts);
- a sheet whose 氏名 matches one person: two-way against that person (every
  difference needs a choice, or --prefer);
- anyone else: a new person.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from skillmatrix.domain.model import Category, Staff, ValidationError, validate_staff
from skillmatrix.domain.sheet_diff import Choice, SheetDiff, adopt_details, diff_sheets, merge_sheets
from skillmatrix.exchange import messages
from skillmatrix.exchange.excel.form_meta import FormMeta, read_meta
from skillmatrix.exchange.excel.legacy import load_xls
from skillmatrix.exchange.excel.resume_sheet import ReadSheet, looks_like_resume, read_resume
from skillmatrix.exchange.excel.workbook import SUFFIXES, SheetCells, WorkbookError, check_file, load_xlsx
from skillmatrix.exchange.merge import ImportPlan
from skillmatrix.store.repository import Store

LOOKED_FOR = "「…スキル履歴書」の表題か、スキル実績等一覧の分類の見出し行（行政職員一般…ストラテジ）"


@dataclass
class PersonRead:
    """One person read from a workbook, and how they meet the database."""

    source: Path
    read: ReadSheet
    form: FormMeta | None = None
    mine: Staff | None = None
    diff: SheetDiff | None = None


@dataclass
class ExcelPlan:
    """What an Excel import would do (nothing is written to make it)."""

    plan: ImportPlan
    people: list[PersonRead]
    notes: list[str] = field(default_factory=list)

    def person(self, staff_id: str) -> PersonRead:
        """The person read whose sheet is staff_id (the incoming copy's id)."""
        return next(p for p in self.people if p.read.staff.id == staff_id)


def workbook_paths(path: Path) -> list[Path]:
    """The workbooks to read: the file itself, or every workbook in a folder (sorted).

    Raises:
        WorkbookError: a folder without a workbook.
    """
    if not path.is_dir():
        return [path]
    found = sorted(
        p
        for p in path.iterdir()
        if p.suffix.lower() in SUFFIXES and not p.name.startswith("~$") and p.is_file()
    )
    if not found:
        raise WorkbookError(messages.NO_BOOKS_IN_FOLDER.format(path=path))
    return found


def load_cells(path: Path) -> list[SheetCells]:
    """Checks, then reads a workbook's sheets as displayed cells (xlrd for .xls)."""
    if path.suffix.lower() not in SUFFIXES:
        raise WorkbookError(messages.NOT_A_BOOK.format(path_name=path.name))
    check_file(path)
    return load_xls(path) if path.suffix.lower() == ".xls" else load_xlsx(path)


def read_workbook(path: Path, categories: list[Category]) -> tuple[list[PersonRead], list[str]]:
    """Reads every résumé sheet of one workbook.

    Returns:
        (people, notes).

    Raises:
        WorkbookError: refused, unreadable, or no sheet looks like a résumé.
    """
    sheets = load_cells(path)
    meta, broken = read_meta(sheets, categories)
    notes = [f"{path.name}: {broken}"] if broken else []
    people = [
        PersonRead(path, read_resume(s, categories)) for s in sheets if looks_like_resume(s, categories)
    ]
    if not people:
        raise WorkbookError(
            messages.RESUME_SHEET_NOT_FOUND.format(looked_for=LOOKED_FOR, path_name=path.name)
        )
    if meta is not None:
        if len(people) == 1:
            people[0].form = meta
            notes.append(f"{path.name}: 記入用シート（{meta.base.name}、作成時の版と比べます）")
        else:
            notes.append(f"{path.name}: 記入用シートにシートが増えているため、氏名で照合しました")
    return people, notes


def plan_excel_import(store: Store, path: Path) -> ExcelPlan:
    """Reads a workbook (or every workbook in a folder) and plans it against the store.

    Raises:
        WorkbookError: a workbook is refused (one line).
        ValidationError: one line per problem in what was read; nothing is planned.
    """
    categories = store.categories()
    names = {c.id: c.name for c in categories}
    people: list[PersonRead] = []
    notes: list[str] = []
    for book in workbook_paths(path):
        read, book_notes = read_workbook(book, categories)
        people += read
        notes += book_notes
    ids = {c.id for c in categories}
    problems = [p for person in people for p in person.read.problems]
    problems += [
        p
        for person in people
        for p in validate_staff(person.read.staff, ids, f"シート「{person.read.sheet}」")
        if not person.read.problems
    ]
    seen: dict[str, str] = {}
    plan = ImportPlan(chains={})
    for person in people:
        notes += person.read.notes
        theirs = person.read.staff
        key = theirs.name.replace(" ", "").replace("\u3000", "")
        if key in seen and theirs.name.strip():
            problems.append(
                messages.PERSON_TWO_SHEETS.format(
                    source_name=person.source.name, sheet=person.read.sheet, person_name=theirs.name
                )
            )
        seen[key] = person.read.sheet
        if problems:
            continue
        base: Staff | None = None
        mine: Staff | None
        if person.form is not None and person.form.staff_id in set(store.staff_ids()):
            mine, base = store.get_staff(person.form.staff_id), person.form.base
        else:
            if person.form is not None:
                notes.append(
                    f"{theirs.name}: 記入用シートの職員はデータベースにいないため、氏名で照合しました"
                )
                person.form = None
            found = store.find_staff(theirs.name)
            if len(found) > 1:
                problems.append(
                    messages.PERSON_NAME_AMBIGUOUS.format(sheet=person.read.sheet, person_name=theirs.name)
                )
                continue
            mine = store.get_staff(found[0].id) if found else None
        if mine is None:
            plan.added.append(theirs)
            continue
        adopt_details(theirs, base or mine)
        theirs.id, theirs.revision = mine.id, ""
        for attr in ("kana", "title", "section"):
            if attr not in person.read.present:  # the sheet has no place for it: not a change
                setattr(theirs, attr, getattr(base or mine, attr))
        if person.read.years_text == "":
            theirs.experience_override = (base or mine).experience_override
        person.mine, person.diff = mine, diff_sheets(base, mine, theirs, names)
        if person.diff.parts:
            plan.conflicts.append((mine, theirs))
        else:
            plan.unchanged.append(mine)
    if problems:
        raise ValidationError(problems[:50])
    return ExcelPlan(plan, people, notes)


def settle(
    excel: ExcelPlan, choices: dict[str, dict[str, Choice]], prefer: Choice | None = None
) -> dict[str, str]:
    """Merges every conflict part by part and puts the merged sheets into the plan.

    Args:
        excel: the plan.
        choices: staff id -> part key -> 'mine' / 'theirs'.
        prefer: the side for every part without a choice that needs one.

    Returns:
        The per-person choices for merge.apply_plan ('merged' for everyone in conflict).

    Raises:
        ValueError: a part that needs a choice has none.
    """
    settled: dict[str, str] = {}
    for mine, theirs in excel.plan.conflicts:
        assert mine is not None
        person = excel.person(theirs.id)
        assert person.diff is not None
        chosen = dict(choices.get(mine.id, {}))
        for part in person.diff.parts:
            if part.key not in chosen and part.default_choice() is None and prefer is not None:
                chosen[part.key] = prefer
        excel.plan.set_merged(mine.id, merge_sheets(mine, theirs, person.diff, chosen))
        settled[theirs.id] = "merged"
    return settled
