"""The guarded writer: what it refuses, how it writes, what it leaves after a failure."""

import fcntl
import os
import socket
import time

import pytest

from skillmatrix import files
from skillmatrix.files import FileError, check_output, open_output, sweep_stale, write_output
from skillmatrix.files.writing import TEMP_PREFIX


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "t.sqlite"
    path.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    for suffix in ("-wal", "-shm", ".lock"):
        path.with_name(path.name + suffix).write_bytes(b"x")
    (tmp_path / "backups").mkdir()
    (tmp_path / "backups" / "t-20260401-083000-daily.sqlite").write_bytes(b"b")
    return path


def leftovers(folder):
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(TEMP_PREFIX))


@pytest.mark.parametrize(
    "name",
    [
        "t.sqlite",
        "t.sqlite-wal",
        "t.sqlite-shm",
        "t.sqlite-journal",
        "t.sqlite.lock",
        "backups/t-20260401-083000-daily.sqlite",
    ],
)
def test_database_and_companions_are_refused(db, name):
    with pytest.raises(FileError) as e:
        check_output(db.parent / name, protected=[db])
    assert "書き出せません" in str(e.value)


def test_other_names_of_the_database_are_refused(db, tmp_path):
    (tmp_path / "link.json").symlink_to(db)
    os.link(db, tmp_path / "hard.json")
    (tmp_path / "sub").mkdir()
    for other in (tmp_path / "link.json", tmp_path / "hard.json", tmp_path / "sub" / ".." / "t.sqlite"):
        with pytest.raises(FileError):
            check_output(other, protected=[db])


def test_registered_databases_are_refused_without_being_named(db):
    files.protect(db)
    try:
        with pytest.raises(FileError):
            with open_output(db) as f:
                f.write(b"{}")
    finally:
        files.unprotect(db)
    assert db.read_bytes().startswith(b"SQLite format 3")


def test_non_regular_targets_are_refused(tmp_path):
    os.mkfifo(tmp_path / "fifo")
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(tmp_path / "sock"))
    try:
        for target, what in (
            (tmp_path, "フォルダ"),
            (tmp_path / "fifo", "FIFO"),
            (tmp_path / "sock", "ソケット"),
            ("/dev/null", "デバイス"),
        ):
            with pytest.raises(FileError) as e:
                check_output(target)
            assert what in str(e.value)
    finally:
        sock.close()
    with pytest.raises(FileError, match="フォルダがありません"):
        check_output(tmp_path / "missing" / "x.json")


def test_written_through_a_temporary_file_and_renamed(tmp_path):
    target = tmp_path / "out.json"
    with open_output(target, text=True) as f:
        f.write("一行目\n")
        assert not target.exists() and len(leftovers(tmp_path)) == 1
    assert target.read_text(encoding="utf-8") == "一行目\n" and leftovers(tmp_path) == []


def test_a_failure_leaves_the_old_file_byte_identical(tmp_path):
    target = tmp_path / "out.pdf"
    target.write_bytes(b"good old file")
    with pytest.raises(OSError):
        with open_output(target) as f:
            f.write(b"half")
            raise OSError(28, "No space left on device")
    with pytest.raises(RuntimeError):
        write_output(target, lambda tmp: (tmp.write_bytes(b"half"), (_ for _ in ()).throw(RuntimeError()))[0])
    assert target.read_bytes() == b"good old file" and leftovers(tmp_path) == []


def test_a_symlink_is_written_through_never_replaced(tmp_path):
    real = tmp_path / "real.json"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    write_output(link, lambda tmp: tmp.write_text("new", encoding="utf-8"))
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "new"


def test_existing_permissions_are_kept(tmp_path):
    target = tmp_path / "out.json"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    write_output(target, lambda tmp: tmp.write_text("new", encoding="utf-8"))
    assert target.stat().st_mode & 0o777 == 0o640


def test_dash_is_standard_output(capfdbinary):
    with open_output("-", text=True) as f:
        f.write("標準出力\n")
    write_output("-", lambda tmp: tmp.write_bytes(b"%PDF-1.3"))
    assert capfdbinary.readouterr().out == "標準出力\n".encode() + b"%PDF-1.3"


def test_stale_temporary_files_are_swept_when_their_writer_is_gone(tmp_path):
    old = time.time() - 2 * 24 * 3600
    dead = tmp_path / f"{TEMP_PREFIX}999999-abcd-share.sqlite.tmp"  # no such process
    alive_locked = tmp_path / f"{TEMP_PREFIX}1-abcd-other.pdf.tmp"  # pid 1 lives and holds its lock
    fresh = tmp_path / f"{TEMP_PREFIX}999998-abcd-x.json.tmp"
    foreign = tmp_path / ".other-program.tmp"
    for path in (dead, alive_locked, fresh, foreign):
        path.write_bytes(b"personal data")
    for path in (dead, alive_locked, foreign):
        os.utime(path, (old, old))
    holder = os.open(alive_locked, os.O_RDONLY)
    fcntl.flock(holder, fcntl.LOCK_EX)
    try:
        removed = sweep_stale(tmp_path)
    finally:
        os.close(holder)
    assert removed == [dead]
    assert alive_locked.exists() and fresh.exists() and foreign.exists()
    # Its lock released (the writer is gone though pid 1 lives on): swept next time.
    assert sweep_stale(tmp_path) == [alive_locked]


def test_the_next_write_sweeps_its_folder(tmp_path):
    stale = tmp_path / f"{TEMP_PREFIX}999999-abcd-x.json.tmp"
    stale.write_bytes(b"x")
    os.utime(stale, (0, 0))
    write_output(tmp_path / "x.json", lambda tmp: tmp.write_bytes(b"{}"))
    assert not stale.exists()
