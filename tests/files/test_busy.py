"""Busy files: every rename, replace and delete retries while another program holds the
file (WinError 32 injected as Windows raises it), then fails with one Japanese line; a
restore never calls a healthy database damaged."""

import errno
import os
import shutil
from datetime import datetime

import pytest

from skillmatrix import app, files
from skillmatrix.files import busy
from skillmatrix.files.writing import TEMP_PREFIX
from skillmatrix.store.backup import list_backups, make_backup, restore_backup, rotate
from skillmatrix.store.errors import StoreError
from skillmatrix.store.repository import Store


def sharing_violation(path):
    error = PermissionError(errno.EACCES, "別のプロセスが使用中", str(path))
    error.winerror = 32  # what Windows sets; is_sharing_violation reads it
    return error


@pytest.fixture(autouse=True)
def quick(monkeypatch):
    monkeypatch.setattr(busy, "BUSY_SECONDS", 0.2)


@pytest.fixture
def busy_replace(monkeypatch):
    """os.replace fails with a sharing violation `times` times (or always), as a virus
    scanner holding the new file would make it fail."""
    real = os.replace
    state = {"left": 0, "calls": 0}

    def replace(src, dst, *args, **kwargs):
        state["calls"] += 1
        if state["left"] != 0:
            state["left"] -= 1
            raise sharing_violation(dst)
        return real(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "replace", replace)

    def set_times(n):
        state["left"] = n
        return state

    return set_times


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "t.sqlite"
    assert app.run(["demo", "--db", str(path), "--staff", "4"]) == 0
    return path


def test_retry_then_success_and_then_the_message():
    calls = []

    def flaky():
        calls.append(1)
        if len(calls) < 3:
            raise sharing_violation("x")
        return "done"

    assert busy.retry_busy(flaky, "x") == "done" and len(calls) == 3
    with pytest.raises(files.BusyFileError) as e:
        busy.retry_busy(lambda: (_ for _ in ()).throw(sharing_violation("x")), "x.pdf")
    assert str(e.value) == f"{busy.BUSY_MESSAGE}: x.pdf"
    with pytest.raises(FileNotFoundError):  # not a sharing violation: at once
        busy.retry_busy(lambda: (_ for _ in ()).throw(FileNotFoundError()), "x")
    assert busy.is_sharing_violation(OSError(errno.EBUSY, "busy"))


COMMANDS = {
    "dump": (["dump", "-o", "{out}.json"], ".json"),
    "print": (["print", "--all", "-o", "{out}.pdf"], ".pdf"),
    "report-pdf": (["report", "--kind", "matrix", "-o", "{out}.pdf"], ".pdf"),
    "report-xlsx": (["report", "--kind", "matrix", "-o", "{out}.xlsx"], ".xlsx"),
    "export": (["export", "--force", "-o", "{out}.sqlite"], ".sqlite"),
}


@pytest.mark.parametrize("name", COMMANDS)
def test_each_command_retries_a_busy_rename(name, db, tmp_path, busy_replace, capsys):
    args, suffix = COMMANDS[name]
    out = tmp_path / "out"
    argv = [a.format(out=out) for a in args] + ["--db", str(db)]
    busy_replace(2)  # held for a moment: written anyway
    assert app.run(argv) == 0, capsys.readouterr().err
    target = out.with_suffix(suffix)
    target.write_bytes(b"the earlier file")
    state = busy_replace(-1)  # held for good
    assert app.run(argv) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and busy.BUSY_MESSAGE in err[0], err
    assert state["calls"] > 1  # retried
    assert target.read_bytes() == b"the earlier file"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(TEMP_PREFIX)]


def test_backup_retries_and_then_says_busy(db, busy_replace):
    busy_replace(1)
    assert make_backup(db, "manual").exists()
    busy_replace(-1)
    with pytest.raises(StoreError, match=busy.BUSY_MESSAGE):
        make_backup(db, "manual")
    assert len(list_backups(db)) == 1
    assert not [p for p in (db.parent / "backups").iterdir() if p.name.startswith(TEMP_PREFIX)]


def test_restore_with_a_busy_safety_backup_never_calls_the_database_damaged(db, busy_replace):
    backup = make_backup(db, "manual")
    with Store.open(db) as store:  # an edit after the backup
        staff = store.get_staff(store.staff_ids()[0])
        staff.title = "復元で消える職名"
        store.save_staff(staff)
    before = db.read_bytes()
    busy_replace(-1)
    with pytest.raises(StoreError, match=busy.BUSY_MESSAGE):
        restore_backup(db, backup)
    assert db.read_bytes() == before
    assert not list(db.parent.glob("*.damaged-*"))
    busy_replace(0)
    restore_backup(db, backup)
    with Store.open(db, readonly=True) as store:
        assert "復元で消える職名" not in [s.title for s in store.staff_summaries()]


def test_restore_retries_each_rename(db, busy_replace):
    backup = make_backup(db, "manual")
    state = busy_replace(2)
    restore_backup(db, backup)
    assert state["calls"] >= 4  # the safety backup's rename and the restore's own, retried


def test_busy_deletions_are_left_for_later(db, monkeypatch):
    old = [make_backup(db, "daily", now=datetime(2020, m, 1)) for m in (1, 2)]
    real = os.unlink

    def unlink(path, *args, **kwargs):
        if str(path).endswith("-daily.sqlite"):
            raise sharing_violation(path)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(os, "unlink", unlink)
    rotate(db)  # nothing raised: the file stays until a later rotation
    assert all(p.exists() for p in old)


def test_a_private_folder_a_scanner_holds_is_not_an_error(monkeypatch):
    real = os.unlink

    def unlink(path, *args, **kwargs):
        raise sharing_violation(path)

    with files.private_folder("test") as folder:
        (folder / "copy.sqlite").write_bytes(b"x")
        monkeypatch.setattr(os, "unlink", unlink)
    monkeypatch.setattr(os, "unlink", real)
    assert folder.exists()  # left for sweep_private_folders
    shutil.rmtree(folder)
