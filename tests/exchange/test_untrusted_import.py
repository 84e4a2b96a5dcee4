"""`skillmatrix import FILE.sqlite` treats the file as untrusted: every bad file is
refused with one clear line, exit 1, and the user's database byte for byte unchanged."""

import os
import random
import re
import sqlite3

import pytest

from skillmatrix.domain.model import ValidationError
from skillmatrix.exchange import untrusted
from skillmatrix.exchange.untrusted import read_shared_file
from skillmatrix.store import schema, untrusted_db
from skillmatrix.store.errors import StoreError
from skillmatrix.store.repository import Store
from tests.exchange.shared_support import file_hash, one_clear_line, sm, sql


@pytest.fixture(scope="module")
def good(tmp_path_factory, demo_factory):
    """A sound shared file of 5 people (from a database other than the user's)."""
    folder = tmp_path_factory.mktemp("good")
    db = demo_factory(folder, 5, "theirs.sqlite")
    out = folder / "good.sqlite"
    sm("export", "--db", db, "--out", out, check=0)
    return out


@pytest.fixture
def user(demo_factory, tmp_path):
    return demo_factory(tmp_path, 50)


def variant(good, tmp_path, *statements, name="bad.sqlite"):
    path = tmp_path / name
    path.write_bytes(good.read_bytes())
    conn = sqlite3.connect(path)
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()
    return path


def back_to_version_1():
    """The statements that turn a current file into one of schema version 1: every object
    the later migrations create is dropped (newest first), then the version is set."""
    drops = []
    for _version, text in schema.migrations()[1:]:
        for statement in schema.split_sql(text):
            m = re.match(r"CREATE\s+(TABLE|VIEW|INDEX|TRIGGER)\s+(\w+)", statement, re.I)
            if m:
                drops.append(f"DROP {m.group(1).upper()} {m.group(2)}")
            m = re.match(r"ALTER\s+TABLE\s+(\w+)\s+ADD\s+COLUMN\s+(\w+)", statement, re.I)
            if m:
                drops.append(f"ALTER TABLE {m.group(1)} DROP COLUMN {m.group(2)}")
    # A view re-created by a later migration (resume_entries, 0006) is dropped once.
    return [*dict.fromkeys(reversed(drops)), "PRAGMA user_version = 1"]


def first_person(path):
    return sql(path, "SELECT id, name FROM staff ORDER BY position LIMIT 1")[0]


def refused(user, bad, *fragments):
    before = file_hash(user)
    p = sm("import", "--db", user, bad)
    assert p.returncode == 1, p.out + p.err
    assert one_clear_line(p), p.err
    for fragment in fragments:
        assert fragment in p.err, p.err
    assert file_hash(user) == before
    assert not (user.parent / "backups").exists()
    assert not (user.parent / (user.name + ".lock")).exists()
    return p.err


# -- not a shared file at all -------------------------------------------------------------


def test_text_file_renamed(user, tmp_path):
    bad = tmp_path / "名簿.sqlite"
    bad.write_text("氏名,所属\n藤沢 花子,IT推進課\n" * 50, encoding="utf-8")
    refused(user, bad, "共有ファイルではありません")


def test_empty_file(user, tmp_path):
    bad = tmp_path / "empty.sqlite"
    bad.write_bytes(b"")
    refused(user, bad, "共有ファイルではありません")


def test_random_bytes(user, tmp_path):
    bad = tmp_path / "noise.sqlite"
    bad.write_bytes(random.Random(5).randbytes(64 * 1024))
    refused(user, bad, "共有ファイルではありません")


def test_sqlite_magic_then_random_bytes(user, tmp_path):
    bad = tmp_path / "noise.sqlite"
    bad.write_bytes(schema.SQLITE_HEADER + random.Random(6).randbytes(64 * 1024))
    refused(user, bad)


def test_truncated_copy(user, good, tmp_path):
    bad = tmp_path / "half.sqlite"
    bad.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    refused(user, bad, "壊れて")


def test_another_programs_sqlite_database(user, tmp_path):
    bad = tmp_path / "other.sqlite"
    sql(bad, "CREATE TABLE staff (id INTEGER PRIMARY KEY, name TEXT)")
    sql(bad, "INSERT INTO staff (name) VALUES ('山田')")
    refused(user, bad, "別のプログラム")


def test_newer_schema_version_is_named(user, good, tmp_path):
    bad = variant(good, tmp_path, "PRAGMA user_version = 99")
    refused(user, bad, "新しい版", "スキーマ版99")


def test_not_a_file(user, tmp_path):
    p = sm("import", "--db", user, tmp_path / "missing.sqlite")
    assert p.returncode == 1 and one_clear_line(p) and "見つかりません" in p.err


# -- our header, but a schema that would act -----------------------------------------------


@pytest.mark.parametrize(
    "statement, fragment",
    [
        ("CREATE TRIGGER wipe AFTER INSERT ON staff BEGIN DELETE FROM entry; END", "余分なトリガー「wipe」"),
        (
            "CREATE TRIGGER spy AFTER UPDATE ON staff BEGIN INSERT INTO audit (at, user, action, target) "
            "VALUES ('', '', '', new.name); END",
            "余分なトリガー「spy」",
        ),
        ("CREATE VIEW evil AS SELECT * FROM staff", "余分なビュー「evil」"),
        (
            "DROP VIEW resume_entries; CREATE VIEW resume_entries AS SELECT name AS staff_name FROM staff",
            "ビュー「resume_entries」の定義が違います",
        ),
        (
            "DROP TABLE meta; CREATE VIEW meta AS SELECT 'k' AS key, 'v' AS value",
            "テーブル「meta」がありません",
        ),
        ("ALTER TABLE staff ADD COLUMN extra TEXT DEFAULT 'x'", "テーブル「staff」の定義が違います"),
        ("CREATE INDEX evil_index ON staff (lower(name))", "余分なインデックス「evil_index」"),
        ("CREATE TABLE extra (x)", "余分なテーブル「extra」"),
    ],
)
def test_a_schema_that_differs_is_refused(user, good, tmp_path, statement, fragment):
    path = tmp_path / "bad.sqlite"
    path.write_bytes(good.read_bytes())
    conn = sqlite3.connect(path)
    conn.executescript(statement)
    conn.close()
    refused(user, path, "構造", fragment)


# -- sound file, bad rows: refused naming the person and the field -------------------------


def test_level_nine(user, good, tmp_path):
    staff_id, name = first_person(good)
    bad = variant(
        good,
        tmp_path,
        "UPDATE entry SET level = 9 WHERE rowid = "
        f"(SELECT min(rowid) FROM entry WHERE staff_id = '{staff_id}')",
    )
    refused(user, bad, f"「{name}」", "レベル9はありません")


def test_unknown_category(user, good, tmp_path):
    bad = variant(good, tmp_path, "UPDATE category SET name = '量子計算' WHERE position = 4")
    refused(user, bad, "分類「量子計算」は定義にありません", "「藤沢 花子」")


def test_end_date_before_start(user, good, tmp_path):
    staff_id, name = first_person(good)
    bad = variant(
        good,
        tmp_path,
        "UPDATE assignment SET start_date = '2015-04-01', end_date = '2010-03-31' "
        f"WHERE rowid = (SELECT min(rowid) FROM assignment WHERE staff_id = '{staff_id}')",
    )
    refused(user, bad, f"「{name}」", "担当履歴1", "より前です")


@pytest.mark.parametrize("column, label", [("title", "職名"), ("name", "氏名")])
def test_control_characters(user, good, tmp_path, column, label):
    staff_id, name = first_person(good)
    bad = variant(good, tmp_path, f"UPDATE staff SET {column} = {column} || char(7) WHERE id = '{staff_id}'")
    message = refused(user, bad, label, "制御文字（U+0007）")
    assert "\x07" not in message


def test_bad_date_text(user, good, tmp_path):
    staff_id, name = first_person(good)
    bad = variant(good, tmp_path, f"UPDATE entry SET date = '2013-13' WHERE staff_id = '{staff_id}'")
    refused(user, bad, f"「{name}」", "日付")


def test_a_row_breaking_a_check_constraint(user, good, tmp_path):
    bad = variant(
        good,
        tmp_path,
        "PRAGMA ignore_check_constraints = ON",
        "UPDATE entry SET kind = 'hack' WHERE rowid = 1",
    )
    refused(user, bad, "種別「hack」は使えません")


def test_invalid_utf8(user, good, tmp_path):
    staff_id, name = first_person(good)
    bad = variant(
        good, tmp_path, f"UPDATE staff SET section = CAST(X'e382a2ff' AS TEXT) WHERE id = '{staff_id}'"
    )
    refused(user, bad, f"「{name}」", "所属", "制御文字")


def test_row_of_nobody(user, good, tmp_path):
    bad = variant(
        good,
        tmp_path,
        "INSERT INTO qualification VALUES ('q', 'no-such-person', 0, '基本情報', NULL, NULL, 't', 't')",
    )
    refused(user, bad, "qualification", "staff がありません")


def test_id_that_is_not_a_uuid(user, good, tmp_path):
    staff_id, _ = first_person(good)
    bad = variant(
        good,
        tmp_path,
        "PRAGMA foreign_keys = OFF",
        f"UPDATE staff SET id = 'x' WHERE id = '{staff_id}'",
        f"UPDATE entry SET staff_id = 'x' WHERE staff_id = '{staff_id}'",
    )
    refused(user, bad, "UUIDではありません")


def test_oversized_cell(user, good, tmp_path):
    staff_id, _ = first_person(good)
    bad = variant(
        good, tmp_path, f"UPDATE entry SET note = printf('%.*c', 2000000, 'x') WHERE staff_id = '{staff_id}'"
    )
    refused(user, bad, "大きすぎる")


def test_too_many_rows(good, monkeypatch):
    monkeypatch.setitem(untrusted_db.MAX_ROWS, "staff", 3)
    with pytest.raises(StoreError, match="多すぎます"):
        read_shared_file(good, [])


def test_checks_that_take_too_long_are_stopped(good):
    with pytest.raises(StoreError, match="時間がかかりすぎる"):
        read_shared_file(good, [], max_seconds=0)


def test_file_too_large(good, monkeypatch):
    monkeypatch.setattr(untrusted, "MAX_FILE_BYTES", 1000)
    with pytest.raises(StoreError, match="大きすぎます"):
        read_shared_file(good, [])


def test_byte_flips_fail_cleanly_or_read_fully(good, tmp_path):
    """A small corpus of damaged copies: each is read fully (and validated) or refused
    with a StoreError or ValidationError; nothing else escapes, nothing hangs."""
    with Store.create(tmp_path / "cats.sqlite") as store:
        categories = store.categories()
    data = good.read_bytes()
    rng = random.Random(20)
    outcomes = {"read": 0, "refused": 0}
    for i in range(120):
        damaged = bytearray(data)
        for _ in range(rng.choice((1, 4, 16))):
            pos = rng.randrange(100) if i % 3 == 0 else rng.randrange(len(data))
            damaged[pos] = rng.randrange(256)
        path = tmp_path / "flip.sqlite"
        path.write_bytes(bytes(damaged))
        try:
            read_shared_file(path, categories, max_seconds=10)
            outcomes["read"] += 1
        except (StoreError, ValidationError):
            outcomes["refused"] += 1
    assert outcomes["refused"] > 10 and sum(outcomes.values()) == 120


# -- what is accepted ----------------------------------------------------------------------


def test_statistics_tables_from_analyze_are_accepted(demo_factory, good, tmp_path):
    target = demo_factory(tmp_path, 2)
    path = variant(good, tmp_path, "ANALYZE")
    assert sql(path, "SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'") == [(1,)]
    sm("import", "--db", target, path, check=0)


def test_an_older_version_is_migrated_on_the_copy_only(demo_factory, good, tmp_path):
    target = demo_factory(tmp_path, 2)
    old = variant(good, tmp_path, *back_to_version_1(), name="v1.sqlite")
    before = old.read_bytes()
    p = sm("import", "--db", target, old, check=0)
    assert "追加 3" in p.out
    assert old.read_bytes() == before  # never written, not even migrated in place
    assert sorted(os.listdir(tmp_path)) == ["backups", "user.sqlite", "v1.sqlite"]


def test_an_old_version_with_a_changed_schema_is_refused_before_migrating(user, good, tmp_path):
    old = variant(
        good,
        tmp_path,
        *back_to_version_1(),
        "CREATE TRIGGER t AFTER INSERT ON entry BEGIN DELETE FROM staff; END",
    )
    refused(user, old, "スキーマ版1", "トリガー")


def test_a_live_database_in_wal_mode_is_read_from_its_copy(demo_factory, good, tmp_path):
    target = demo_factory(tmp_path, 2)
    wal = variant(good, tmp_path, "PRAGMA journal_mode = WAL", name="wal.sqlite")
    sm("import", "--db", target, wal, check=0)
    assert not (tmp_path / "wal.sqlite-shm").exists()  # nothing written beside the original


@pytest.mark.slow
def test_a_shared_file_of_2000_staff_is_imported(demo_factory, tmp_path):
    source = demo_factory(tmp_path, 2000, "chief.sqlite")
    shared = tmp_path / "2000.sqlite"
    sm("export", "--db", source, "--out", shared, check=0)
    target = demo_factory(tmp_path, 2, "mine.sqlite")
    p = sm("import", "--db", target, shared, check=0)
    assert "追加 1998" in p.out and "変更なし 2" in p.out
    with Store.open(target, readonly=True) as store, Store.open(source, readonly=True) as chief:
        assert store.staff_count() == 2000
        assert store.check(full=True) == []
        for staff_id in chief.staff_ids()[2::250]:  # the seed two are in both
            mine, theirs = store.get_staff(staff_id), chief.get_staff(staff_id)
            assert (mine.name, mine.revision, [e.text for e in mine.entries]) == (
                theirs.name,
                theirs.revision,
                [e.text for e in theirs.entries],
            )
    before = file_hash(target)
    p = sm("import", "--db", target, shared, check=0)  # twice: nothing to do
    assert "変更はありません" in p.out and file_hash(target) == before


def test_private_copies_left_by_a_killed_import_are_swept(good, tmp_path, monkeypatch):
    monkeypatch.setattr(untrusted.tempfile, "tempdir", str(tmp_path))
    stale, fresh = tmp_path / "skillmatrix-import-old", tmp_path / "skillmatrix-import-new"
    for folder in (stale, fresh):
        folder.mkdir()
        (folder / "incoming.sqlite").write_bytes(good.read_bytes())
    os.utime(stale, (0, 0))
    with Store.create(tmp_path / "mine.sqlite") as store:
        read_shared_file(good, store.categories())
    assert not stale.exists() and fresh.exists()  # a running import's copy is left alone
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("skillmatrix-import-")) == [
        "skillmatrix-import-new"
    ]
