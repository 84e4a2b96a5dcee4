"""Portable mode and the program's own files, as the frozen bundle sees them.

The bundle is imitated the way PyInstaller sets it up: sys.frozen is True, sys.executable
is the bundle's executable and sys._MEIPASS its _internal/ folder.
"""

import sys
from pathlib import Path

import pytest

from skillmatrix import paths

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def bundle(tmp_path, monkeypatch):
    """A fake one-folder bundle on a 'USB stick'; returns its folder."""
    folder = tmp_path / "usb" / "skillmatrix"
    internal = folder / "_internal"
    (internal / "resources").mkdir(parents=True)
    (internal / "resources" / "defaults.json").write_text("{}", encoding="utf-8")
    (internal / "db").mkdir()
    (internal / "db" / "0001_initial.sql").write_text("", encoding="utf-8")
    exe = folder / "skillmatrix"
    exe.write_bytes(b"")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(exe))
    monkeypatch.setattr(sys, "_MEIPASS", str(internal), raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "home-data"))
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "LocalAppData"))
    return folder


def test_frozen_without_marker_uses_the_user_data_folder(bundle, tmp_path):
    assert paths.program_dir() == bundle.resolve()
    assert paths.portable_data_dir() is None
    expected = tmp_path / "home-data" / "SkillMatrix"
    assert paths.data_dir() == expected and expected.is_dir()
    assert paths.default_database() == expected / "skillmatrix.sqlite"
    assert not (bundle / "data").exists()  # nothing written beside the program


def test_portable_file_keeps_the_data_beside_the_program(bundle, tmp_path):
    (bundle / "portable").write_text("", encoding="utf-8")
    assert paths.portable_data_dir() == bundle.resolve() / "data"
    assert paths.data_dir() == bundle.resolve() / "data"
    assert (bundle / "data").is_dir()
    assert paths.default_database() == bundle.resolve() / "data" / "skillmatrix.sqlite"
    assert not (tmp_path / "home-data").exists()


def test_data_folder_alone_turns_portable_mode_on(bundle):
    (bundle / "data").mkdir()
    assert paths.data_dir() == bundle.resolve() / "data"


def test_a_file_named_data_does_not_turn_portable_mode_on(bundle):
    (bundle / "data").write_text("", encoding="utf-8")
    assert paths.portable_data_dir() is None


def test_symlinked_executable_finds_its_real_folder(bundle, tmp_path, monkeypatch):
    (bundle / "portable").write_text("", encoding="utf-8")
    link = tmp_path / "bin" / "skillmatrix"
    link.parent.mkdir()
    link.symlink_to(bundle / "skillmatrix")
    monkeypatch.setattr(sys, "executable", str(link))
    assert paths.data_dir() == bundle.resolve() / "data"


def test_windows_user_data_folder_is_localappdata(bundle, tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "platform", "win32")
    assert paths.data_dir() == tmp_path / "LocalAppData" / "SkillMatrix"


def test_frozen_program_files_come_from_meipass(bundle):
    assert paths.resources_dir() == bundle / "_internal" / "resources"
    assert paths.migrations_dir() == bundle / "_internal" / "db"


def test_source_checkout_is_a_program_folder(monkeypatch, tmp_path):
    checkout = tmp_path / "checkout"
    (checkout / "skillmatrix").mkdir(parents=True)
    (checkout / "pyproject.toml").write_text("", encoding="utf-8")
    (checkout / "portable").write_text("", encoding="utf-8")
    monkeypatch.setattr(paths, "_PACKAGE", checkout / "skillmatrix")
    monkeypatch.setattr(sys, "frozen", False, raising=False)
    assert paths.portable_data_dir() == checkout / "data"


def test_installed_package_is_never_portable(monkeypatch, tmp_path):
    # site-packages may hold a data/ folder of some other distribution.
    site = tmp_path / "site-packages"
    (site / "skillmatrix").mkdir(parents=True)
    (site / "data").mkdir()
    monkeypatch.setattr(paths, "_PACKAGE", site / "skillmatrix")
    monkeypatch.setattr(sys, "frozen", False, raising=False)
    assert paths.portable_data_dir() is None


def test_foreign_folders_beside_an_installed_package_are_ignored(monkeypatch, tmp_path):
    site = tmp_path / "site-packages"
    (site / "skillmatrix" / "db").mkdir(parents=True)
    (site / "skillmatrix" / "db" / "0001_initial.sql").write_text("", encoding="utf-8")
    (site / "db").mkdir()  # another distribution's
    (site / "resources").mkdir()  # ditto, without our defaults
    monkeypatch.setattr(paths, "_PACKAGE", site / "skillmatrix")
    assert paths.migrations_dir() == site / "skillmatrix" / "db"
    with pytest.raises(FileNotFoundError, match="resources"):
        paths.resources_dir()


def test_the_real_tree_is_found():
    assert paths.migrations_dir() == ROOT / "db"
    assert (paths.resources_dir() / "fonts" / "ipaexg.ttf").is_file()
