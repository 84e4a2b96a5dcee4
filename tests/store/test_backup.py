"""Backups in backups/ beside the database: once a day, before migrations, imports and
restores; verified; thinned to the last 14 days and the first of each of 12 months;
restored with the current file saved first; the newest good one found for recovery."""

import sqlite3
import threading
from datetime import date, datetime, timedelta

import pytest

from skillmatrix.domain.model import Entry, Staff
from skillmatrix.store import backup
from skillmatrix.store.backup import (
    daily_backup,
    list_backups,
    make_backup,
    newest_good_backup,
    restore_backup,
    rotate,
    select_kept,
)
from skillmatrix.store.errors import StoreError
from skillmatrix.store.health import inspect
from skillmatrix.store.repository import Store


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "skill.sqlite"
    with Store.create(path) as store:
        cat = store.categories()[0].id
        for i in range(3):
            store.add_staff(Staff(name=f"職員 {i}", entries=[Entry(1, cat, f"研修{i}")]))
    return path


def names(path):
    with Store.open(path, readonly=True) as store:
        return [s.name for s in store.staff_summaries()]


def damage(path):
    """Overwrites a page in the middle of the file, as a failing disk would."""
    data = bytearray(path.read_bytes())
    page = 4096
    middle = (len(data) // page // 2) * page
    data[middle : middle + page] = b"\xa5" * page
    path.write_bytes(bytes(data))


# -- the retention rule, on fake dates ---------------------------------------------------


def test_retention_keeps_14_days_and_12_month_firsts():
    today = date(2026, 11, 27)
    taken = [datetime(2025, 1, 1, 9) + timedelta(days=d) for d in range((today - date(2025, 1, 1)).days + 1)]
    kept = select_kept(taken, today)
    days = {t.date() for t in kept}
    assert {today - timedelta(days=d) for d in range(14)} <= days
    firsts = {date(2026, m, 1) for m in range(1, 12)} | {date(2025, 12, 1)}  # 12 months
    assert firsts <= days
    assert len(kept) == 14 + 12  # 2026-11-01 is older than 14 days: kept as the month's first
    assert date(2025, 11, 1) not in days and date(2026, 10, 2) not in days


def test_retention_keeps_every_backup_of_a_recent_day_and_always_the_newest():
    today = date(2026, 11, 27)
    busy_day = [datetime(2026, 11, 20, h) for h in (8, 12, 17)]
    assert select_kept(busy_day, today) == set(busy_day)
    ancient = [datetime(2020, 1, 1), datetime(2019, 6, 1)]
    assert select_kept(ancient, today) == {datetime(2020, 1, 1)}
    assert select_kept([], today) == set()


def test_monthly_firsts_use_the_earliest_backup_of_the_month():
    today = date(2026, 11, 27)
    taken = [datetime(2026, 5, 9), datetime(2026, 5, 3, 18), datetime(2026, 5, 20)]
    assert select_kept(taken, today) == {datetime(2026, 5, 3, 18), datetime(2026, 5, 20)}  # + newest


def test_daily_backups_over_two_years_of_fake_days(db):
    start = datetime(2025, 1, 1, 8, 30)
    for d in range(700):
        now = start + timedelta(days=d)
        assert daily_backup(db, now=now) is not None
        assert daily_backup(db, now=now + timedelta(hours=5)) is None  # once a day
    found = list_backups(db)
    last = (start + timedelta(days=699)).date()
    assert len(found) == len(select_kept([b.taken for b in found], last))
    assert len(found) <= 14 + 12
    assert found[0].taken.date() == last
    assert all(b.path.parent == db.parent / "backups" for b in found)


# -- making, listing, verifying -------------------------------------------------------------


def test_a_backup_is_a_verified_single_file_with_its_staff_count(db):
    path = make_backup(db, "manual")
    assert (
        path.parent.name == "backups"
        and path.name.startswith("skill-")
        and path.name.endswith("-manual.sqlite")
    )
    with open(path, "rb") as f:
        assert f.read(20)[18:20] == b"\x01\x01"  # rollback-journal mode: one self-contained file
    info = list_backups(db)[0]
    health = info.check()
    assert health.ok and health.staff_count == 3 and info.label == "手動"
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]  # no temp left


def test_backups_of_another_database_in_the_folder_are_not_listed(db, tmp_path):
    other = tmp_path / "other.sqlite"
    Store.create(other).close()
    make_backup(other, "manual")
    make_backup(db, "manual")
    assert [b.path.name.split("-")[0] for b in list_backups(db)] == ["skill"]


def test_two_backups_in_the_same_second_both_survive(db):
    now = datetime(2026, 4, 1, 9, 0, 0)
    a, b = make_backup(db, "import", now=now), make_backup(db, "import", now=now)
    assert a != b and a.exists() and b.exists()


def test_a_backup_during_another_connections_write_is_consistent(db):
    """Taken while another connection holds an open write transaction: the copy is the
    state before it, whole."""
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("UPDATE staff SET name = '書きかけ'")
    try:
        path = make_backup(db, "manual")
    finally:
        conn.execute("ROLLBACK")
        conn.close()
    assert names(path) == ["職員 0", "職員 1", "職員 2"]


def test_newest_good_backup_skips_a_damaged_one(db):
    older = make_backup(db, "daily", now=datetime(2026, 4, 1, 9))
    newer = make_backup(db, "daily", now=datetime(2026, 4, 2, 9))
    damage(newer)
    assert not inspect(newer, full=False).ok
    info, health = newest_good_backup(db)
    assert info.path == older and health.staff_count == 3


def test_no_backup_is_made_of_a_damaged_file(db):
    damage(db)
    with pytest.raises(StoreError, match="バックアップ"):
        make_backup(db, "manual")
    assert list_backups(db) == []
    assert [p.name for p in (db.parent / "backups").iterdir()] == []


def test_rotation_never_removes_the_backup_just_made(db):
    made = make_backup(db, "daily", now=datetime(2019, 1, 1))
    assert rotate(db, today=date(2026, 1, 1), keep=made) == []
    assert made.exists()


# -- migration and restore ------------------------------------------------------------------


def test_restore_puts_the_backup_back_and_saves_the_current_file_first(db):
    saved = make_backup(db, "daily", now=datetime(2026, 4, 1, 9))
    with Store.open(db) as store:
        staff = store.get_staff(store.staff_ids()[0])
        staff.name = "変更後"
        store.save_staff(staff)
    kept = restore_backup(db, saved, now=datetime(2026, 4, 1, 10))
    assert names(db) == ["職員 0", "職員 1", "職員 2"]
    assert names(kept) == ["変更後", "職員 1", "職員 2"]
    assert [b.reason for b in list_backups(db)] == ["restore", "daily"]
    assert inspect(db).ok


def test_restore_moves_a_stale_wal_aside(db):
    saved = make_backup(db, "manual")
    stale = db.with_name(db.name + "-wal")
    stale.write_bytes(b"a journal that belongs to another file")
    restore_backup(db, saved)
    assert not stale.exists()
    assert list(db.parent.glob(f"{db.name}-wal.stale-*"))
    assert inspect(db).ok and names(db) == ["職員 0", "職員 1", "職員 2"]


def test_restore_over_a_damaged_file_moves_it_aside(db):
    saved = make_backup(db, "manual")
    damage(db)
    damaged_bytes = db.read_bytes()
    aside = restore_backup(db, saved)
    assert aside.name.startswith("skill.sqlite.damaged-") and aside.read_bytes() == damaged_bytes
    assert inspect(db).ok


def test_a_damaged_backup_is_not_restored(db):
    saved = make_backup(db, "manual")
    damage(saved)
    before = db.read_bytes()
    with pytest.raises(StoreError, match="使えません"):
        restore_backup(db, saved)
    assert db.read_bytes() == before


def test_migration_backup_goes_to_the_backups_folder(tmp_path):
    from tests.store.test_schema import make_version_1

    path = tmp_path / "old.sqlite"
    make_version_1(path)
    Store.open(path).close()
    [info] = list_backups(path)
    assert info.reason == "migration" and info.check().version == 1


def test_daily_backup_runs_beside_a_writing_window(db):
    """The window's connection keeps writing while the daily backup copies the file."""
    errors = []

    def write():
        try:
            with Store.open(db) as store:
                for i in range(30):
                    staff = store.get_staff(store.staff_ids()[0])
                    staff.title = f"版{i}"
                    store.save_staff(staff)
        except Exception as e:  # noqa: BLE001 - asserted below
            errors.append(e)

    thread = threading.Thread(target=write)
    thread.start()
    path = daily_backup(db)
    thread.join()
    assert not errors and inspect(path).ok


def test_reason_labels_are_japanese():
    assert set(backup.REASONS) == {"daily", "import", "restore", "migration", "manual"}
    assert all(not label.isascii() for label in backup.REASONS.values())
