"""Fixtures of the window tests.

Every test gets its own data folder (XDG_DATA_HOME / LOCALAPPDATA point into tmp_path), so
the window's settings.ini and logs never touch the user's, and a fresh database file.
"""

import pytest

import skillmatrix.ui  # noqa: F401  (first: its binding check must run before Qt is used much)
from skillmatrix.app import create_window


@pytest.fixture(autouse=True)
def private_data_dir(tmp_path, monkeypatch):
    folder = tmp_path / "userdata"
    folder.mkdir()
    monkeypatch.setenv("XDG_DATA_HOME", str(folder))
    monkeypatch.setenv("LOCALAPPDATA", str(folder))
    return folder / "SkillMatrix"


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "skills.sqlite"


@pytest.fixture
def window(qtbot, db_path):
    """The main window on a new, empty database, shown offscreen."""
    win = create_window(db_path)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    yield win
    win.close()
