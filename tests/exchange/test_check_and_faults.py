"""`skillmatrix check` on a damaged file (never written to, the newest good backup named),
and a full disk or a read-only folder during an edit (clear message, nothing lost)."""

import subprocess
import sys
import textwrap
from datetime import datetime

import pytest

from skillmatrix.domain.model import Entry
from skillmatrix.store.backup import make_backup
from skillmatrix.store.errors import StoreError
from skillmatrix.store.health import inspect
from skillmatrix.store.repository import Store
from tests.exchange.shared_support import (
    ROOT,
    drop_root_powers,
    file_hash,
    limit_file_size,
    one_clear_line,
    rows_hash,
    sm,
)


def damage(path):
    data = bytearray(path.read_bytes())
    middle = (len(data) // 4096 // 2) * 4096
    data[middle : middle + 4096] = b"\x5a" * 4096
    path.write_bytes(bytes(data))


def test_check_of_a_sound_file(demo_factory, tmp_path):
    db = demo_factory(tmp_path, 5)
    p = sm("check", "--db", db, check=0)
    assert "問題ありません" in p.out and "職員5名" in p.out


def test_check_of_a_damaged_file_names_the_newest_good_backup(demo_factory, tmp_path):
    db = demo_factory(tmp_path, 50)
    good = make_backup(db, "daily", now=datetime(2026, 4, 1, 9, 0))
    bad = make_backup(db, "daily", now=datetime(2026, 4, 2, 9, 0))
    damage(bad)
    damage(db)
    before, listing = file_hash(db), sorted(x.name for x in tmp_path.iterdir())
    p = sm("check", "--db", db)
    assert p.returncode == 1 and one_clear_line(p), p.err
    assert "壊れて" in p.err
    assert (
        f"最新の正常なバックアップ: {good}" in p.err and "2026-04-01 09:00" in p.err and "職員50名" in p.err
    )
    assert file_hash(db) == before and sorted(x.name for x in tmp_path.iterdir()) == listing


def test_check_of_a_damaged_file_without_backups(demo_factory, tmp_path):
    db = demo_factory(tmp_path, 5)
    damage(db)
    p = sm("check", "--db", db)
    assert p.returncode == 1 and one_clear_line(p) and "正常なバックアップはありません" in p.err


@pytest.mark.parametrize("content", [b"", b"garbage" * 1000])
def test_check_of_something_else(tmp_path, content):
    path = tmp_path / "x.sqlite"
    path.write_bytes(content)
    p = sm("check", "--db", path)
    assert p.returncode == 1 and one_clear_line(p)
    assert path.read_bytes() == content


def test_disk_full_during_an_edit_loses_nothing(demo_factory, tmp_path):
    """PRAGMA max_page_count stands in for a full disk: the save fails with a clear
    message, the transaction is gone, the file is as before, and the same save
    succeeds once there is room."""
    db = demo_factory(tmp_path, 5)
    before = rows_hash(db)
    with Store.open(db) as store:
        conn = store.db.conn
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages}")
        staff = store.get_staff(store.staff_ids()[2])
        old = staff.copy()
        cat = store.categories()[0].id
        staff.entries += [Entry(3, cat, f"長い記録{i} " + "あ" * 3000) for i in range(200)]
        with pytest.raises(StoreError, match="ディスクの空きがない"):
            store.save_staff(staff)
        assert not conn.in_transaction
        assert store.get_staff(staff.id) == old
        assert store.check() == []
        conn.execute(f"PRAGMA max_page_count = {pages * 100}")
        store.save_staff(staff)  # the edit was kept by the caller and now goes in
        assert len(store.get_staff(staff.id).entries) == len(old.entries) + 200
    assert rows_hash(db) != before


def test_file_size_limit_during_an_edit_in_another_process(demo_factory, tmp_path):
    db = demo_factory(tmp_path, 5)
    before = rows_hash(db)
    script = textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(ROOT)!r})
        from skillmatrix.domain.model import Entry
        from skillmatrix.store.errors import StoreError
        from skillmatrix.store.repository import Store
        store = Store.open({str(db)!r})
        staff = store.get_staff(store.staff_ids()[1])
        cats = [c.id for c in store.categories()]  # spread: one cell holds at most 200
        staff.entries += [Entry(2, cats[i % 8], f"記録{{i}} " + "い" * 3000) for i in range(300)]
        try:
            store.save_staff(staff)
        except StoreError as e:
            print(e)
            sys.exit(1)
    """)
    limit = db.stat().st_size + 64 * 1024
    p = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, preexec_fn=limit_file_size(limit), timeout=120
    )
    message = p.stdout.decode("utf-8")
    assert p.returncode == 1 and "変更は保存されていません" in message, p.stderr.decode()
    assert inspect(db, full=True).ok
    assert rows_hash(db) == before


def test_editing_in_a_read_only_folder_is_refused_clearly(demo_factory, tmp_path):
    folder = tmp_path / "stick"
    folder.mkdir()
    db = demo_factory(folder, 5)
    before = file_hash(db)
    folder.chmod(0o555)
    try:
        script = textwrap.dedent(f"""
            import sys
            sys.path.insert(0, {str(ROOT)!r})
            from skillmatrix.store.errors import StoreError
            from skillmatrix.store.repository import Store
            try:
                Store.open({str(db)!r})
            except StoreError as e:
                print(e)
                sys.exit(1)
            with Store.open({str(db)!r}, readonly=True) as store:  # what the window offers
                print(store.staff_count())
        """)
        p = subprocess.run(
            [sys.executable, "-c", script], capture_output=True, preexec_fn=drop_root_powers, timeout=60
        )
        assert p.returncode == 1 and "読み取り専用" in p.stdout.decode("utf-8"), p.stderr.decode()
        p = sm("import", "--db", db, tmp_path / "nothing.sqlite")
        assert p.returncode == 1
    finally:
        folder.chmod(0o755)
    assert file_hash(db) == before and sorted(x.name for x in folder.iterdir()) == ["user.sqlite"]
