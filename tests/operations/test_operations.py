"""Every operation done, undone and redone on a real file, compared through `dump` and
the department's tables — with no Qt anywhere (see test_no_qt)."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from skillmatrix import operations
from skillmatrix.demo.generated import SEED_STAFFER_ID, SEED_VETERAN_ID, generated_staff, seed_staff
from skillmatrix.domain.dates import PartialDate, Period
from skillmatrix.domain.department import PlanItem
from skillmatrix.domain.model import Assignment, Entry, Staff, ValidationError
from skillmatrix.domain.sheet_patch import SheetPatch
from skillmatrix.exchange.import_operation import ApplyImport
from skillmatrix.exchange.interchange import write_json
from skillmatrix.exchange.merge import plan_import
from skillmatrix.operations import department as dept
from skillmatrix.operations import grid_edits
from skillmatrix.operations.definitions import SaveDefinitions
from skillmatrix.operations.replace import ReplaceSheets
from skillmatrix.operations.sheet import edit_sheet, set_cell, set_profile
from skillmatrix.operations.staff import AddMany, AddStaff, DeleteMany, DeleteStaff, MoveStaff, SetOrder
from skillmatrix.store.department import DepartmentStore
from skillmatrix.store.repository import Store


@pytest.fixture
def store(tmp_path):
    s = Store.create(tmp_path / "ops.sqlite")
    s.add_many(seed_staff(s.categories()) + generated_staff(6, s.categories()), "demo")
    yield s
    s.close()


def _strip(value):
    if isinstance(value, dict):
        return {k: _strip(v) for k, v in value.items() if k != "revision"}
    if isinstance(value, list):
        return [_strip(v) for v in value]
    return value


def state(store: Store, tmp: Path) -> dict:
    """What a user can see: the `dump` of everyone (revisions aside: every write makes a
    new one), the list order, the definitions and the department's tables."""
    out = tmp / "dump.json"
    write_json(store.iter_staff(), store.categories(), out)
    d = DepartmentStore(store)
    return {
        "dump": _strip(json.loads(out.read_text(encoding="utf-8"))),
        "order": store.staff_ids(),
        "levels": [vars(lv) for lv in store.levels()],
        "categories": [vars(c) for c in store.categories()],
        "profiles": [dataclasses.asdict(p) for p in d.profiles()],
        "assigned": d.assigned_profiles(),
        "courses": [dataclasses.asdict(c) for c in d.courses()],
        "can_do": [dataclasses.asdict(c) for c in d.can_do()],
        "ticks": {k: {s: str(v) for s, v in t.items()} for k, t in d.ticks().items()},
        "plan": [dataclasses.asdict(i) for i in d.plan(2026)],
    }


def do_undo_redo(store: Store, tmp_path: Path, operation) -> operations.Changes:
    """Runs, undoes and redoes an operation; each step leaves exactly the state expected."""
    before = state(store, tmp_path)
    changes = operations.run(store, operation)
    after = state(store, tmp_path)
    assert after != before, "the operation changed nothing"
    assert changes.label == operation.label
    undone = operations.run(store, changes.inverse)
    assert state(store, tmp_path) == before
    operations.run(store, undone.inverse)
    assert state(store, tmp_path) == after
    assert store.check() == []
    return changes


def test_set_cell(store, tmp_path):
    cell = (3, store.categories()[6].id)
    changes = do_undo_redo(
        store,
        tmp_path,
        set_cell(SEED_STAFFER_ID, cell, [Entry(*cell, "情報セキュリティ研修", "training")], "セル入力"),
    )
    assert changes.staff == {SEED_STAFFER_ID: frozenset({f"cell:3:{cell[1]}"})}


def test_set_profile(store, tmp_path):
    changes = do_undo_redo(store, tmp_path, set_profile(SEED_STAFFER_ID, "所属の変更", section="情報政策課"))
    assert changes.staff == {SEED_STAFFER_ID: frozenset({"profile:section"})}


def test_edit_history(store, tmp_path):
    old = store.get_staff(SEED_VETERAN_ID)
    new = old.copy()
    new.assignments.append(Assignment(Period(PartialDate(2024, 4)), "情報政策担当", "庁内DX"))
    del new.projects[0]
    changes = do_undo_redo(store, tmp_path, edit_sheet(old, new, "担当履歴の追加"))
    assert changes.staff[SEED_VETERAN_ID] == {"assignments", "projects"}


def test_move_entries_between_cells(store, tmp_path):
    old = store.get_staff(SEED_VETERAN_ID)
    entry = old.entries[0]
    target = (7, store.categories()[0].id)
    new = grid_edits.move_entries(old, {entry.id: target})
    changes = do_undo_redo(store, tmp_path, edit_sheet(old, new, "項目の移動"))
    assert changes.staff[SEED_VETERAN_ID] == {
        f"cell:{entry.level}:{entry.category_id}",
        f"cell:7:{target[1]}",
    }
    moved = [e for e in store.get_staff(SEED_VETERAN_ID).entries if e.id == entry.id]
    assert [(e.level, e.category_id) for e in moved] == [target]  # the entry keeps its id


def test_staff_list_operations(store, tmp_path):
    do_undo_redo(store, tmp_path, AddStaff(Staff(name="新しい職員"), 1, "職員の追加"))
    do_undo_redo(store, tmp_path, DeleteStaff(SEED_VETERAN_ID, "職員の削除"))
    do_undo_redo(store, tmp_path, MoveStaff(SEED_STAFFER_ID, 5, "職員の移動"))
    do_undo_redo(store, tmp_path, SetOrder(tuple(reversed(store.staff_ids())), "並べ替え"))
    more = tuple(generated_staff(9, store.categories())[6:])
    do_undo_redo(store, tmp_path, AddMany(more, "デモデータの読み込み"))
    do_undo_redo(store, tmp_path, DeleteMany((SEED_STAFFER_ID, store.staff_ids()[4]), "職員の削除"))


def test_definitions_in_one_transaction(store, tmp_path):
    levels, categories = store.levels(), store.categories()
    level = dataclasses.replace(levels[3], definition="独力で遂行できる（改訂）")
    # Two category names swapped: only possible when both are written in one transaction.
    a = dataclasses.replace(categories[0], name=categories[1].name)
    b = dataclasses.replace(categories[1], name=categories[0].name)
    do_undo_redo(store, tmp_path, SaveDefinitions((level,), (a, b), "定義の変更"))
    clash = dataclasses.replace(categories[2], name=categories[3].name)
    before = state(store, tmp_path)
    with pytest.raises(Exception, match=categories[3].name):
        operations.run(store, SaveDefinitions((level,), (clash,), "定義の変更"))
    assert state(store, tmp_path) == before  # the level was not written either


def test_department_operations(store, tmp_path):
    d = DepartmentStore(store)
    statement, profile, course = d.can_do()[0], d.profiles()[0], d.courses()[0]
    do_undo_redo(
        store, tmp_path, dept.SetTick(SEED_STAFFER_ID, statement.id, True, PartialDate(2025, 6), "チェック")
    )
    do_undo_redo(store, tmp_path, dept.SaveCanDo(dataclasses.replace(statement, text="改訂した文"), "修正"))
    new_statement = dataclasses.replace(statement, id="new-statement", text="新しい文", position=99)
    do_undo_redo(store, tmp_path, dept.SaveCanDo(new_statement, "追加"))
    operations.run(store, dept.SetTick(SEED_VETERAN_ID, statement.id, True, None, "チェック"))
    do_undo_redo(store, tmp_path, dept.DeleteCanDo(statement.id, "削除"))
    do_undo_redo(
        store, tmp_path, dept.SaveProfile(dataclasses.replace(profile, name="改訂した人材像"), "修正")
    )
    operations.run(store, dept.AssignProfile(SEED_STAFFER_ID, profile.id, "割り当て"))
    do_undo_redo(store, tmp_path, dept.AssignProfile(SEED_VETERAN_ID, profile.id, "割り当て"))
    do_undo_redo(store, tmp_path, dept.DeleteProfile(profile.id, "削除"))
    do_undo_redo(store, tmp_path, dept.SaveCourse(dataclasses.replace(course, name="改訂した研修"), "修正"))
    item = PlanItem(staff_id=SEED_STAFFER_ID, title=course.name, course_id=course.id, status="accepted")
    do_undo_redo(store, tmp_path, dept.SavePlan(2026, (item,), "研修計画"))
    operations.run(store, dept.SavePlan(2026, (item,), "研修計画"))
    do_undo_redo(store, tmp_path, dept.DeleteCourse(course.id, "削除"))
    sheet = store.get_staff(SEED_STAFFER_ID)
    sheet.entries.append(Entry(course.level or 0, course.category_id, course.name, kind="training"))
    done = dataclasses.replace(d.plan(2026)[0], status="done")
    do_undo_redo(store, tmp_path, dept.RecordTraining(2026, (sheet,), (done,), "受講を記録"))


def test_replace_sheets_and_import(store, tmp_path):
    theirs = store.get_staff(SEED_STAFFER_ID)
    theirs.section = "情報政策課"
    newcomer = generated_staff(8, store.categories())[7]
    do_undo_redo(store, tmp_path, ReplaceSheets((theirs, newcomer), (SEED_VETERAN_ID,), "置き換え"))
    theirs.section, other = "総務課", generated_staff(9, store.categories())[8]
    plan = plan_import(store, [theirs, other], None)
    changes = do_undo_redo(store, tmp_path, ApplyImport(plan, "file.json", "取り込み"))
    assert set(changes.staff) == {SEED_STAFFER_ID} and changes.added == (other.id,)


def test_a_refused_operation_writes_nothing(store, tmp_path):
    before = state(store, tmp_path)
    bad = set_cell(
        SEED_STAFFER_ID, (9, store.categories()[0].id), [Entry(9, store.categories()[0].id, "x")], "x"
    )
    with pytest.raises(ValidationError):
        operations.run(store, bad)
    with pytest.raises(ValidationError):
        operations.run(store, set_profile(SEED_STAFFER_ID, "x", name=" "))
    assert state(store, tmp_path) == before


def test_a_cell_edit_writes_only_that_cells_rows(store):
    sheet = store.get_staff(SEED_VETERAN_ID)
    cell = (sheet.entries[0].level, sheet.entries[0].category_id)
    entries = [*sheet.cell(*cell), Entry(*cell, "追加した研修", "training")]

    def other_rows() -> dict:
        return {
            r["id"]: (r["level"], r["category_id"], r["position"], r["text"], r["created"], r["updated"])
            for r in store.db.query("SELECT * FROM entry WHERE staff_id = ?", [SEED_VETERAN_ID])
            if (r["level"], r["category_id"]) != cell
        }

    others = other_rows()
    assert len(others) > 30
    conn: sqlite3.Connection = store.db.conn
    before = conn.total_changes
    operations.run(store, set_cell(SEED_VETERAN_ID, cell, entries, "セル入力"))
    written = conn.total_changes - before
    # The cell's rows deleted and inserted again, the revision row, the staff row's
    # revision, and one audit row: nothing of the person's other 40-odd rows.
    assert written == 2 * len(entries) - 1 + 3
    assert other_rows() == others  # untouched, to the position and timestamps
    audit = store.audit_log(1)[0]
    assert audit["action"] == "edit_cell"
    assert json.loads(audit["after"]) == {
        "cells": [
            {
                "level": cell[0],
                "category_id": cell[1],
                "entries": [
                    {
                        "id": e.id,
                        "text": e.text,
                        "kind": e.kind,
                        "date": e.date.iso() if e.date else None,
                        "note": e.note,
                    }
                    for e in entries
                ],
            }
        ]
    }


def test_empty_patch_writes_nothing(store):
    conn = store.db.conn
    before = conn.total_changes
    store.patch_staff(SEED_STAFFER_ID, SheetPatch())
    assert conn.total_changes == before


def test_no_qt(tmp_path):
    """The operations, the store and the importers run with no Qt module loaded."""
    script = (
        "import sys\n"
        "from tests.operations import test_operations as t\n"
        "from skillmatrix.store.repository import Store\n"
        "from pathlib import Path\n"
        f"tmp = Path({str(tmp_path)!r})\n"
        "for i, test in enumerate([t.test_staff_list_operations, t.test_department_operations,\n"
        "                          t.test_replace_sheets_and_import, t.test_move_entries_between_cells]):\n"
        "    s = Store.create(tmp / f'noqt{i}.sqlite')\n"
        "    s.add_many(t.seed_staff(s.categories()) + t.generated_staff(6, s.categories()), 'demo')\n"
        "    test(s, tmp)\n"
        "    s.close()\n"
        "qt = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6'))\n"
        "print('QT', qt)\n"
    )
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=root,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "QT []" in result.stdout
