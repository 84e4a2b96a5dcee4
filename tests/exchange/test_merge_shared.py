"""Merging shared files by revision chains: added, updated (fast-forward), unchanged
(equal or mine ahead), conflict (both changed), kept deleted; --prefer mine / theirs;
importing the same file twice changes nothing."""

import sqlite3

import pytest

from skillmatrix.exchange.merge import ConflictError, apply_plan, plan_import
from skillmatrix.exchange.shared_file import apply_import, export_shared, read_shared_file
from skillmatrix.store.backup import list_backups
from skillmatrix.store.repository import Store
from tests.exchange.shared_support import file_hash, one_clear_line, rows_hash, sm


def export(db, out, ids=None):
    with Store.open(db, readonly=True) as store:
        export_shared(store, out, ids)
    return out


def plan_for(db, shared_path):
    with Store.open(db, readonly=True) as store:
        shared = read_shared_file(shared_path, store.categories())
        return shared, plan_import(store, shared.people, shared.chains)


def merge(db, shared_path, prefer=None, choices=None):
    shared, _ = plan_for(db, shared_path)
    with Store.open(db) as store:
        plan = plan_import(store, shared.people, shared.chains)
        apply_import(store, plan, shared_path.name, prefer, choices)
    return plan


def edit(db, staff_id, **fields):
    with Store.open(db) as store:
        staff = store.get_staff(staff_id)
        for key, value in fields.items():
            setattr(staff, key, value)
        store.save_staff(staff)
        return store.get_staff(staff_id)


def counts(plan):
    return (
        len(plan.added),
        len(plan.updated),
        len(plan.unchanged),
        len(plan.conflicts),
        len(plan.deleted_here),
    )


@pytest.fixture
def offices(demo_factory, tmp_path):
    """The chief's database (6 people) and a sub-leader's, filled from the chief's file."""
    chief = demo_factory(tmp_path, 6, "chief.sqlite")
    first = export(chief, tmp_path / "from-chief.sqlite")
    sub = tmp_path / "sub.sqlite"
    Store.create(sub).close()
    sm("import", "--db", sub, first, check=0)
    with Store.open(chief, readonly=True) as store:
        ids = store.staff_ids()
    return chief, sub, first, ids


def test_sharing_back_an_untouched_file_changes_nothing(offices):
    chief, sub, first, ids = offices
    with Store.open(sub, readonly=True) as s, Store.open(chief, readonly=True) as c:
        assert [s.get_staff(i).revision for i in ids] == [c.get_staff(i).revision for i in ids]
    before = file_hash(chief)
    _, plan = plan_for(chief, first)
    assert counts(plan) == (0, 0, 6, 0, 0) and not plan.has_changes
    p = sm("import", "--db", chief, first, check=0)
    assert "変更はありません" in p.out
    assert file_hash(chief) == before and list_backups(chief) == []


def test_a_change_on_one_side_is_taken(offices, tmp_path):
    chief, sub, first, ids = offices
    changed = edit(sub, ids[1], title="主任", section="情報政策課")
    back = export(sub, tmp_path / "from-sub.sqlite")
    _, plan = plan_for(chief, back)
    assert counts(plan) == (0, 1, 5, 0, 0)
    merge(chief, back)
    with Store.open(chief, readonly=True) as store:
        mine = store.get_staff(ids[1])
        assert (mine.title, mine.section, mine.revision) == ("主任", "情報政策課", changed.revision)
        # categories are matched by name: the chief's own ids, not the sub-leader's
        assert {e.category_id for e in mine.entries} <= {c.id for c in store.categories()}
        assert changed.revision in store.revision_chain(ids[1])
    before = rows_hash(chief)
    _, again = plan_for(chief, back)
    assert counts(again) == (0, 0, 6, 0, 0)  # importing the same file twice: a no-op
    assert rows_hash(chief) == before


def test_mine_ahead_is_kept(offices):
    chief, sub, first, ids = offices
    newer = edit(chief, ids[2], title="課長補佐")
    _, plan = plan_for(chief, first)  # the file holds the version before the edit
    assert counts(plan) == (0, 0, 6, 0, 0)
    with Store.open(chief, readonly=True) as store:
        assert store.get_staff(ids[2]).revision == newer.revision


def test_new_people_are_added_at_the_end(offices, tmp_path):
    chief, sub, first, ids = offices
    with Store.open(sub) as store:
        from skillmatrix.domain.model import Staff

        newcomer = store.add_staff(Staff(name="新人 一郎", title="主事"))
    back = export(sub, tmp_path / "from-sub.sqlite")
    plan = merge(chief, back)
    assert counts(plan) == (1, 0, 6, 0, 0)
    with Store.open(chief, readonly=True) as store:
        assert store.staff_ids()[-1] == newcomer.id
        assert store.get_staff(newcomer.id).revision == newcomer.revision
    _, again = plan_for(chief, back)
    assert counts(again) == (0, 0, 7, 0, 0)


def test_a_conflict_applies_nothing_without_a_choice(offices, tmp_path):
    chief, sub, first, ids = offices
    edit(chief, ids[3], title="チーフの版")
    theirs = edit(sub, ids[3], title="サブの版")
    back = export(sub, tmp_path / "from-sub.sqlite")
    before = file_hash(chief)
    p = sm("import", "--db", chief, back, "--dry-run", check=0)
    assert "競合 1" in p.out and "競合: " in p.out and "--dry-run" in p.out
    p = sm("import", "--db", chief, back)
    assert p.returncode == 1 and one_clear_line(p) and "--prefer" in p.err
    assert "競合 1" in p.out
    assert file_hash(chief) == before
    rows = rows_hash(chief)
    shared, _ = plan_for(chief, back)
    with Store.open(chief) as store:
        plan = plan_import(store, shared.people, shared.chains)
        assert [t.title for _, t in plan.conflicts] == [theirs.title]
        with pytest.raises(ConflictError, match="競合が1件"):
            apply_plan(store, plan, "x")
    assert rows_hash(chief) == rows


def test_prefer_mine_keeps_mine_and_settles_the_conflict(offices, tmp_path):
    chief, sub, first, ids = offices
    mine = edit(chief, ids[3], title="チーフの版")
    edit(sub, ids[3], title="サブの版")
    back = export(sub, tmp_path / "from-sub.sqlite")
    sm("import", "--db", chief, back, "--prefer", "mine", check=0)
    with Store.open(chief, readonly=True) as store:
        kept = store.get_staff(ids[3])
        assert (kept.title, kept.revision) == ("チーフの版", mine.revision)
    before = file_hash(chief)
    p = sm("import", "--db", chief, back, check=0)  # settled: the same file again is a no-op
    assert "変更はありません" in p.out and file_hash(chief) == before
    # the sub-leader then takes the chief's version as a plain fast-forward
    settled = export(chief, tmp_path / "settled.sqlite")
    _, plan = plan_for(sub, settled)
    assert counts(plan) == (0, 1, 5, 0, 0)
    merge(sub, settled)
    with Store.open(sub, readonly=True) as store:
        assert store.get_staff(ids[3]).title == "チーフの版"


def test_prefer_theirs_takes_theirs(offices, tmp_path):
    chief, sub, first, ids = offices
    edit(chief, ids[3], title="チーフの版")
    theirs = edit(sub, ids[3], title="サブの版")
    back = export(sub, tmp_path / "from-sub.sqlite")
    p = sm("import", "--db", chief, back, "--prefer", "theirs", check=0)
    assert "取り込みました" in p.out
    with Store.open(chief, readonly=True) as store:
        taken = store.get_staff(ids[3])
        assert (taken.title, taken.revision) == ("サブの版", theirs.revision)
        assert store.get_staff(ids[4]).title == Store.open(first, readonly=True).get_staff(ids[4]).title
    before = file_hash(chief)
    sm("import", "--db", chief, back, check=0)
    assert file_hash(chief) == before


def test_keep_both_adds_theirs_as_a_second_person(offices, tmp_path):
    chief, sub, first, ids = offices
    edit(chief, ids[3], title="チーフの版")
    edit(sub, ids[3], title="サブの版")
    back = export(sub, tmp_path / "from-sub.sqlite")
    merge(chief, back, choices={ids[3]: "both"})
    with Store.open(chief, readonly=True) as store:
        people = [s for s in store.iter_staff() if s.name == store.get_staff(ids[3]).name]
        assert sorted(s.title for s in people) == ["サブの版", "チーフの版"]
        assert store.staff_count() == 7
    _, again = plan_for(chief, back)
    assert not again.has_changes


def test_a_person_deleted_here_stays_deleted(offices, tmp_path):
    chief, sub, first, ids = offices
    with Store.open(chief) as store:
        gone = store.get_staff(ids[5])
        store.delete_staff(ids[5])
    before = file_hash(chief)
    p = sm("import", "--db", chief, first, check=0)
    assert "削除済みのため取り込まない 1" in p.out and "変更はありません" in p.out
    assert file_hash(chief) == before
    # …but a later version from the other side is a conflict, not a silent resurrection
    edit(sub, ids[5], title="サブで更新")
    back = export(sub, tmp_path / "from-sub.sqlite")
    _, plan = plan_for(chief, back)
    assert plan.conflicts == [(None, plan.conflicts[0][1])] and plan.conflicts[0][1].name == gone.name
    merge(chief, back, prefer="mine")
    with Store.open(chief, readonly=True) as store:
        assert ids[5] not in store.staff_ids()
    _, again = plan_for(chief, back)
    assert counts(again) == (0, 0, 5, 0, 1)
    merge(chief, back, prefer="theirs")  # nothing left to settle: still deleted
    with Store.open(chief, readonly=True) as store:
        assert ids[5] not in store.staff_ids()


def test_prefer_theirs_brings_back_a_person_deleted_here(offices, tmp_path):
    chief, sub, first, ids = offices
    with Store.open(chief) as store:
        store.delete_staff(ids[5])
    edit(sub, ids[5], title="サブで更新")
    back = export(sub, tmp_path / "from-sub.sqlite")
    sm("import", "--db", chief, back, "--prefer", "theirs", check=0)
    with Store.open(chief, readonly=True) as store:
        assert store.get_staff(ids[5]).title == "サブで更新"


def test_the_import_is_one_transaction_after_a_backup(offices, tmp_path, monkeypatch):
    chief, sub, first, ids = offices
    for i in ids[:4]:
        edit(sub, i, title="一括更新")
    back = export(sub, tmp_path / "from-sub.sqlite")
    before = rows_hash(chief)
    from skillmatrix.store import shared_sql

    calls = []

    def failing(store, staff_id, chain):
        calls.append(staff_id)
        if len(calls) == 3:
            raise sqlite3.OperationalError("disk I/O error")
        return real(store, staff_id, chain)

    real = shared_sql._add_chain
    monkeypatch.setattr(shared_sql, "_add_chain", failing)
    with pytest.raises(Exception, match="ディスク"):
        merge(chief, back)
    assert rows_hash(chief) == before  # the two people written before the failure are gone
    backups = list_backups(chief)
    assert [b.reason for b in backups] == ["import"]
    assert backups[0].check().staff_count == 6
    monkeypatch.undo()
    sm("import", "--db", chief, back, check=0)
    with Store.open(chief, readonly=True) as store:
        assert [store.get_staff(i).title for i in ids[:4]] == ["一括更新"] * 4
    assert [b.reason for b in list_backups(chief)] == ["import", "import"]


def test_json_import_still_works_and_is_backed_up(offices, tmp_path):
    chief, sub, first, ids = offices
    dump = tmp_path / "sub.json"
    edit(sub, ids[0], title="JSON経由")
    sm("dump", "--db", sub, "--out", dump, check=0)
    p = sm("import", "--db", chief, dump, check=0)
    assert "更新 1" in p.out
    with Store.open(chief, readonly=True) as store:
        assert store.get_staff(ids[0]).title == "JSON経由"
    assert [b.reason for b in list_backups(chief)] == ["import"]
