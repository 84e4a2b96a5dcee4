"""SQLite URIs of every Windows path form (run on Linux with PureWindowsPath) and the
network-drive detector (a cifs mount reported by a stand-in mount table)."""

import sqlite3
from pathlib import PurePosixPath, PureWindowsPath

import pytest

from skillmatrix.files import locations
from skillmatrix.files.locations import is_network_path, sqlite_uri, windows_path_is_remote
from skillmatrix.store import schema
from skillmatrix.store.repository import Store


@pytest.mark.parametrize(
    ("path", "uri"),
    [
        (r"C:\Users\yamada\skillmatrix.sqlite", "file:///C:/Users/yamada/skillmatrix.sqlite?mode=rw"),
        (
            r"Z:\共有\スキル 表.sqlite",
            "file:///Z:/%E5%85%B1%E6%9C%89/%E3%82%B9%E3%82%AD%E3%83%AB%20%E8%A1%A8.sqlite?mode=rw",
        ),
        (r"\\fileserver\share\skill.sqlite", "file:////fileserver/share/skill.sqlite?mode=rw"),
        (r"\\fileserver\情報\a b.sqlite", "file:////fileserver/%E6%83%85%E5%A0%B1/a%20b.sqlite?mode=rw"),
        (r"\\?\UNC\fileserver\share\x.sqlite", "file:////fileserver/share/x.sqlite?mode=rw"),
        (r"\\?\C:\long\x.sqlite", "file:///C:/long/x.sqlite?mode=rw"),
        (r"D:\100%\#1\what?.sqlite", "file:///D:/100%25/%231/what%3F.sqlite?mode=rw"),
    ],
)
def test_windows_forms(path, uri):
    assert sqlite_uri(PureWindowsPath(path), "rw") == uri


def test_unc_has_no_authority():
    uri = sqlite_uri(PureWindowsPath(r"\\fileserver\share\x.sqlite"), "ro", immutable=True)
    # SQLite refuses file://fileserver/… ("invalid uri authority"); file://// has an empty one.
    assert uri.startswith("file:////fileserver/") and uri.endswith("?mode=ro&immutable=1")


def test_posix_forms_open_in_sqlite(tmp_path):
    folder = tmp_path / "100% #1 ?ス キ"
    folder.mkdir()
    path = folder / "x.sqlite"
    sqlite3.connect(path).execute("CREATE TABLE t (x)").connection.close()
    uri = sqlite_uri(path, "ro")
    assert "%25" in uri and "%23" in uri and "%3F" in uri
    conn = sqlite3.connect(uri, uri=True)
    assert conn.execute("SELECT name FROM sqlite_master").fetchone() == ("t",)
    conn.close()
    assert sqlite_uri(PurePosixPath("/a b/x.sqlite"), "ro") == "file:///a%20b/x.sqlite?mode=ro"


def test_symlinks_are_not_resolved(tmp_path):
    # Path.resolve() on Windows turns a mapped drive into UNC; the URI keeps the path as given.
    (tmp_path / "real").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "real")
    assert "/link/x.sqlite" in sqlite_uri(tmp_path / "link" / "x.sqlite", "ro")
    assert schema.uri(tmp_path / "link" / "x.sqlite", "ro") == sqlite_uri(
        tmp_path / "link" / "x.sqlite", "ro"
    )


@pytest.mark.parametrize(
    ("path", "drive_type", "remote"),
    [
        (r"\\fileserver\share\x.sqlite", 3, True),
        (r"Z:\x.sqlite", 4, True),  # DRIVE_REMOTE: a mapped drive
        (r"C:\x.sqlite", 3, False),  # DRIVE_FIXED
        (r"E:\x.sqlite", 2, False),  # DRIVE_REMOVABLE: a USB stick
    ],
)
def test_windows_network_detection(path, drive_type, remote):
    asked = []

    def fake(root):
        asked.append(root)
        return drive_type

    assert windows_path_is_remote(PureWindowsPath(path), fake) is remote
    assert asked in ([], [path[:3]])


@pytest.fixture
def cifs(monkeypatch, tmp_path):
    share = tmp_path / "share"
    share.mkdir()
    monkeypatch.setattr(locations, "_mounts", lambda: [("/", "ext4"), (str(share), "cifs")])
    return share


def test_cifs_mount_is_network(cifs, tmp_path):
    assert is_network_path(cifs / "x.sqlite")
    assert not is_network_path(tmp_path / "x.sqlite")


def test_database_on_a_network_drive_is_written_in_delete_mode(cifs, tmp_path):
    with Store.create(cifs / "x.sqlite") as store:
        assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    with Store.open(cifs / "x.sqlite") as store:
        assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert not (cifs / "x.sqlite-wal").exists()
    with Store.create(tmp_path / "local.sqlite") as store:
        assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
