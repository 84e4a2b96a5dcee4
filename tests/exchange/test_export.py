"""`skillmatrix export`: a consistent, self-contained, verified shared file, written
atomically, that other tools read through the documented view."""

import sqlite3
import subprocess
import threading

import pytest

from skillmatrix.exchange.shared_file import export_shared
from skillmatrix.store import schema
from skillmatrix.store.repository import Store
from tests.exchange.shared_support import drop_root_powers, file_hash, limit_file_size, one_clear_line, sm


def pragmas(path):
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {
            name: conn.execute(f"PRAGMA {name}").fetchone()[0]
            for name in ("integrity_check", "application_id", "user_version", "journal_mode")
        }
    finally:
        conn.close()


def test_export_is_a_verified_self_contained_copy(demo_factory, tmp_path):
    db = demo_factory(tmp_path, 50)
    before = file_hash(db)
    out = tmp_path / "共有.sqlite"
    p = sm("export", "--db", db, "--out", out, check=0)
    assert "50名を書き出しました" in p.out
    assert pragmas(out) == {
        "integrity_check": "ok",
        "application_id": schema.APPLICATION_ID,
        "user_version": schema.current_version(),
        "journal_mode": "delete",
    }
    assert not (tmp_path / "共有.sqlite-wal").exists() and not (tmp_path / "共有.sqlite-journal").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["user.sqlite", "共有.sqlite"]  # no temp left
    assert file_hash(db) == before  # the source is only read
    with Store.open(db, readonly=True) as src, Store.open(out, readonly=True) as exported:
        assert exported.staff_ids() == src.staff_ids()
        for staff_id in src.staff_ids()[:10]:
            assert exported.get_staff(staff_id) == src.get_staff(staff_id)
            # the revision chain travels with the person: the merge needs it
            assert exported.revision_chain(staff_id) == src.revision_chain(staff_id)
        assert exported.audit_log() == []  # the chief's change log stays at home


def test_never_overwrites_without_force(demo_factory, tmp_path):
    db = demo_factory(tmp_path, 5)
    out = tmp_path / "x.sqlite"
    out.write_bytes(b"precious")
    p = sm("export", "--db", db, "--out", out)
    assert p.returncode == 1 and one_clear_line(p) and "--force" in p.err
    assert out.read_bytes() == b"precious"
    sm("export", "--db", db, "--out", out, "--force", check=0)
    assert pragmas(out)["integrity_check"] == "ok"


def test_a_subset_holds_no_trace_of_the_others(demo_factory, tmp_path):
    db = demo_factory(tmp_path, 20)
    with Store.open(db) as store:
        people = list(store.iter_staff())
        kept, left_out, deleted = people[0], people[1], people[2]
        # a person deleted before the export: their sheet sits in the audit log and in
        # free pages of the source file
        store.delete_staff(deleted.id)
    assert deleted.name.encode() in db.read_bytes()  # the source still holds it somewhere
    out = tmp_path / "one.sqlite"
    sm("export", "--db", db, "--out", out, "--staff", kept.id, check=0)
    raw = out.read_bytes()
    assert kept.name.encode() in raw
    for gone in (left_out, deleted):
        assert gone.name.encode() not in raw
        assert gone.id.encode() not in raw
        for row in gone.entries + gone.assignments + gone.qualifications:
            assert row.id.encode() not in raw
    with Store.open(out, readonly=True) as exported:
        assert exported.staff_ids() == [kept.id]
        assert [c.name for c in exported.categories()] == [
            c.name for c in Store.open(db, readonly=True).categories()
        ]
        assert len(exported.levels()) == 8
        rows = exported.db.execute("SELECT DISTINCT staff_id FROM staff_revision").fetchall()
        assert rows == [(kept.id,)]


def test_full_export_drops_the_deleted_and_the_audit_log(demo_factory, tmp_path):
    db = demo_factory(tmp_path, 10)
    with Store.open(db) as store:
        gone = store.get_staff(store.staff_ids()[3])
        store.delete_staff(gone.id)
    out = tmp_path / "all.sqlite"
    sm("export", "--db", db, "--out", out, check=0)
    assert gone.name.encode() not in out.read_bytes()


def test_the_stock_sqlite3_shell_reads_the_documented_view(demo_factory, tmp_path):
    db = demo_factory(tmp_path, 5)
    out = tmp_path / "x.sqlite"
    sm("export", "--db", db, "--out", out, check=0)
    before = out.read_bytes()
    shell = subprocess.run(
        [
            "/usr/bin/sqlite3",
            "-readonly",
            "-separator",
            "|",
            str(out),
            "SELECT staff_name, level, level_name, category, kind, text FROM resume_entries "
            "WHERE staff_name = '藤沢 花子' AND text = 'ネットワーク基礎セミナー'",
        ],
        capture_output=True,
        timeout=60,
    )
    assert shell.returncode == 0, shell.stderr.decode()
    assert (
        shell.stdout.decode("utf-8").strip()
        == "藤沢 花子|1|レベル1|ネットワーク|研修|ネットワーク基礎セミナー"
    )
    count = subprocess.run(
        ["/usr/bin/sqlite3", str(out), "SELECT count(*) FROM resume_entries"], capture_output=True, timeout=60
    )
    with Store.open(db, readonly=True) as store:
        assert int(count.stdout) == sum(len(s.entries) for s in store.iter_staff())
    assert out.read_bytes() == before  # reading it with another tool changes nothing


def test_export_while_another_connection_writes_is_a_consistent_snapshot(demo_factory, tmp_path):
    """A writer changes a person's name and first entry in one transaction, over and over;
    every export holds a matching pair and passes integrity_check."""
    db = demo_factory(tmp_path, 50)
    with Store.open(db, readonly=True) as store:
        target = store.staff_ids()[7]
        original = store.get_staff(target)
    stop, written, errors = threading.Event(), [0], []

    def writer():
        try:
            with Store.open(db) as store:
                staff = store.get_staff(target)
                while not stop.is_set():
                    written[0] += 1
                    staff.name = f"書込 {written[0]}"
                    staff.entries[0].text = f"版 {written[0]}"
                    store.save_staff(staff)
        except Exception as e:  # noqa: BLE001 - reported by the assertion below
            errors.append(e)

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        seen = set()
        with Store.open(db, readonly=True) as reader:
            for i in range(8):
                out = tmp_path / f"snap{i}.sqlite"
                export_shared(reader, out)
                assert pragmas(out)["integrity_check"] == "ok"
                with Store.open(out, readonly=True) as snap:
                    staff = snap.get_staff(target)
                    pair = (staff.name, staff.entries[0].text)
                    assert pair == (original.name, original.entries[0].text) or staff.name.removeprefix(
                        "書込 "
                    ) == staff.entries[0].text.removeprefix("版 ")
                    assert snap.revision_chain(target)[-1] == staff.revision
                    seen.add(staff.name)
    finally:
        stop.set()
        thread.join()
    assert not errors, errors
    assert written[0] > 8 and len(seen) > 1  # the writer really ran during the exports


def test_disk_full_during_export_leaves_no_file(demo_factory, tmp_path):
    db = demo_factory(tmp_path, 50)
    size = db.stat().st_size
    out = tmp_path / "full.sqlite"
    p = sm("export", "--db", db, "--out", out, preexec_fn=limit_file_size(size // 3))
    assert p.returncode == 1 and one_clear_line(p), p.err
    assert "ディスクの空き" in p.err and "作られていません" in p.err
    assert sorted(x.name for x in tmp_path.iterdir()) == ["user.sqlite"]
    # over an existing file with --force: the old one survives whole
    out.write_bytes(b"old export")
    p = sm("export", "--db", db, "--out", out, "--force", preexec_fn=limit_file_size(size // 3))
    assert p.returncode == 1 and "元のファイルはそのまま" in p.err
    assert out.read_bytes() == b"old export"
    assert sorted(x.name for x in tmp_path.iterdir()) == ["full.sqlite", "user.sqlite"]


def test_read_only_folder_during_export(demo_factory, tmp_path):
    db = demo_factory(tmp_path, 5)
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        p = sm("export", "--db", db, "--out", folder / "x.sqlite", preexec_fn=drop_root_powers)
        assert p.returncode == 1 and one_clear_line(p), p.err
        assert "書き込めません" in p.err
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o755)


@pytest.mark.parametrize("bad", ["missing/x.sqlite", "."])
def test_bad_targets_are_refused(demo_factory, tmp_path, bad):
    db = demo_factory(tmp_path, 5)
    p = sm("export", "--db", db, "--out", tmp_path / bad)
    assert p.returncode == 1 and one_clear_line(p)


def test_unknown_staff_name_is_refused(demo_factory, tmp_path):
    db = demo_factory(tmp_path, 5)
    p = sm("export", "--db", db, "--out", tmp_path / "x.sqlite", "--staff", "だれでもない")
    assert p.returncode == 1 and one_clear_line(p) and "見つかりません" in p.err
    assert not (tmp_path / "x.sqlite").exists()
