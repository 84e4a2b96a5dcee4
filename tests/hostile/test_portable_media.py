"""Portable mode on a write-protected USB stick (issue 17 item 5): the window opens the
database read-only and says why; with no data folder and none creatable, one Japanese
message instead of a traceback."""

import argparse
import errno
import shutil
import sys
import tempfile

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from skillmatrix import app, paths
from skillmatrix.store.repository import Store
from tests.hostile.support import ROOT


@pytest.fixture
def stick(tmp_path, monkeypatch):
    """A bundle on a stick in portable mode (as PyInstaller sets it up)."""
    folder = tmp_path / "usb" / "skillmatrix"
    internal = folder / "_internal"
    internal.mkdir(parents=True)
    shutil.copytree(ROOT / "resources", internal / "resources")
    shutil.copytree(ROOT / "db", internal / "db")
    (folder / "skillmatrix").write_bytes(b"")
    (folder / "portable").write_text("", encoding="utf-8")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(folder / "skillmatrix"))
    monkeypatch.setattr(sys, "_MEIPASS", str(internal), raising=False)
    return folder


def write_protect(monkeypatch, folder):
    """Nothing can be created under folder any more (EROFS, as a locked stick answers)."""
    real_mkstemp, real_mkdir = tempfile.mkstemp, type(folder).mkdir

    def mkstemp(*args, dir=None, **kwargs):
        if dir is not None and str(dir).startswith(str(folder)):
            raise OSError(errno.EROFS, "Read-only file system")
        return real_mkstemp(*args, dir=dir, **kwargs)

    def mkdir(self, *args, **kwargs):
        if str(self).startswith(str(folder)) and not self.exists():
            raise OSError(errno.EROFS, "Read-only file system")
        return real_mkdir(self, *args, **kwargs)

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
    monkeypatch.setattr(type(folder), "mkdir", mkdir)


def start(monkeypatch):
    """Runs run_window up to the event loop; returns the window it built."""
    built = []
    real = app.create_window

    def create(path, readonly=False):
        window = real(path, readonly=readonly)
        built.append(window)
        return window

    monkeypatch.setattr(app, "create_window", create)
    monkeypatch.setattr(QApplication, "exec", lambda self: 0)
    args = argparse.Namespace(db=None, demo=False, read_only=False, command=None)
    return app.run_window(args), built


def test_a_write_protected_stick_opens_read_only_with_a_note(qtbot, stick, monkeypatch):
    (stick / "data").mkdir()
    with Store.create(stick / "data" / "skillmatrix.sqlite"):
        pass
    before = (stick / "data" / "skillmatrix.sqlite").read_bytes()
    write_protect(monkeypatch, stick)
    status, built = start(monkeypatch)
    assert status == 0 and len(built) == 1
    window = built[0]
    try:
        assert window.store.readonly
        assert "読み取り専用" in window.statusBar().currentMessage()
    finally:
        window.close()
    assert (stick / "data" / "skillmatrix.sqlite").read_bytes() == before
    # Nothing of ours beside it: no lock, no -wal/-shm, no backups (Qt's settings.ini is
    # written by Qt's own code, which the stand-in cannot stop; a real locked stick does).
    assert sorted(p.name for p in (stick / "data").iterdir()) in (
        ["skillmatrix.sqlite"],
        ["settings.ini", "skillmatrix.sqlite"],
    )


def test_no_data_folder_on_a_write_protected_stick_is_one_japanese_message(qtbot, stick, monkeypatch):
    write_protect(monkeypatch, stick)
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append(text))
    with pytest.raises(paths.DataFolderError):
        paths.data_dir()
    status, built = start(monkeypatch)
    assert status == 1 and built == []
    assert len(shown) == 1 and "書き込み禁止" in shown[0] and "\n" not in shown[0]


def test_the_portable_bundle_ships_its_data_folder(tmp_path):
    import importlib.util

    spec = importlib.util.spec_from_file_location("build_script", ROOT / "build" / "build.py")
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    build.make_portable(tmp_path)
    assert (tmp_path / "portable").is_file() and (tmp_path / "data" / "README.txt").is_file()
    assert not build.holds_data(tmp_path / "data")  # a rebuild may replace it
    (tmp_path / "data" / "skillmatrix.sqlite").write_bytes(b"x")
    assert build.holds_data(tmp_path / "data")  # but never a portable copy's database
