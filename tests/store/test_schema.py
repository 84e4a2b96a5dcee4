"""Opening files: migrations, refusals, no file created by accident."""

import sqlite3

import pytest

from skillmatrix.store import schema
from skillmatrix.store.errors import StoreError
from skillmatrix.store.repository import Store


def make_version_1(path):
    """Builds a file as version 1 of the program wrote it, with one person in it."""
    conn = sqlite3.connect(path)
    version, sql = schema.migrations()[0]
    assert version == 1
    for statement in schema.split_sql(sql):
        conn.execute(statement)
    conn.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")
    conn.execute("PRAGMA user_version = 1")
    conn.execute("INSERT INTO level VALUES (0, 'レベル0', 'x', 'x', '{}')")
    conn.execute("INSERT INTO category VALUES ('c1', 0, 'セキュリティ', '')")
    conn.execute("INSERT INTO staff VALUES ('s1', 0, '旧版 職員', '', '', '', NULL, 'r1', 't', 't')")
    conn.execute(
        "INSERT INTO entry VALUES ('e1', 's1', 0, 'c1', 0, 'ISMS研修', 'training', '2010', '', 't', 't')"
    )
    conn.commit()
    conn.close()


def test_older_schema_is_migrated_after_a_backup(tmp_path):
    path = tmp_path / "old.sqlite"
    make_version_1(path)
    store = Store.open(path)
    assert store.schema_version() == schema.current_version() >= 3
    assert store.get_staff("s1").entries[0].text == "ISMS研修"
    rows = list(store.db.query("SELECT staff_name, category, text FROM resume_entries"))
    assert rows == [{"staff_name": "旧版 職員", "category": "セキュリティ", "text": "ISMS研修"}]
    store.close()
    backups = list((tmp_path / "backups").glob("old-*-migration.sqlite"))
    assert len(backups) == 1
    conn = sqlite3.connect(backups[0])
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    assert conn.execute("SELECT name FROM staff").fetchall() == [("旧版 職員",)]
    conn.close()


def test_newer_schema_is_refused_and_not_written(tmp_path):
    path = tmp_path / "new.sqlite"
    Store.create(path).close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 99")
    conn.commit()
    conn.close()
    data = path.read_bytes()
    with pytest.raises(StoreError, match="新しい版.*スキーマ版99"):
        Store.open(path)
    assert path.read_bytes() == data


def test_missing_file_is_not_created(tmp_path):
    with pytest.raises(StoreError, match="見つかりません"):
        Store.open(tmp_path / "nothing.sqlite")
    assert not (tmp_path / "nothing.sqlite").exists()


@pytest.mark.parametrize("content", [b"", b"hello world" * 20, bytes(range(256)) * 4])
def test_non_databases_are_refused(tmp_path, content):
    path = tmp_path / "x.sqlite"
    path.write_bytes(content)
    with pytest.raises(StoreError, match="SQLiteのデータベースファイルではありません"):
        Store.open(path)
    assert path.read_bytes() == content


def test_another_programs_database_is_refused(tmp_path):
    path = tmp_path / "other.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="別のプログラム"):
        Store.open(path)


def test_migration_failure_leaves_the_old_version(tmp_path, monkeypatch):
    path = tmp_path / "old.sqlite"
    make_version_1(path)
    broken = (
        *schema.migrations()[:1],
        (
            2,
            "CREATE VIEW resume_entries AS SELECT 1; CREATE TABLE oops (x INTEGER) STRICT; SELECT * FROM no_such_table",
        ),
    )
    monkeypatch.setattr(schema, "migrations", lambda: broken)
    with pytest.raises(StoreError):
        Store.open(path)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    assert (
        conn.execute(
            "SELECT count(*) FROM sqlite_master WHERE name IN ('oops', 'resume_entries')"
        ).fetchone()[0]
        == 0
    )
    conn.close()
