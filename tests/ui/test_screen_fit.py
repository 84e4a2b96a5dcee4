"""Issue 13 item 7: the window opens inside the available screen at any scale factor, and a
saved geometry is used only if it still fits. Each case runs in a child process: the
screen (offscreen platform, 1600×1000) and QT_SCALE_FACTOR are fixed at start-up."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

CHILD = """
import json, sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
app = QApplication([])
from skillmatrix.app import create_window
window = create_window(Path(sys.argv[1]))
window.show()
app.processEvents()
available = window.screen().availableGeometry()
frame = window.frameGeometry()
print(json.dumps({
    "available": [available.x(), available.y(), available.width(), available.height()],
    "frame": [frame.x(), frame.y(), frame.width(), frame.height()],
    "fits": available.contains(frame),
}))
if len(sys.argv) > 2:  # leave a geometry behind, as a user on a bigger screen would
    window.setGeometry(20, 30, int(sys.argv[2]), int(sys.argv[3]))
window.close()
"""


def open_window(tmp_path: Path, scale: str, *size: str) -> dict:
    screen = tmp_path / "screen.json"
    screen.write_text(
        json.dumps({"screens": [{"name": "s", "x": 0, "y": 0, "width": 1600, "height": 1000, "dpr": 1}]})
    )
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM=f"offscreen:configfile={screen}",
        QT_SCALE_FACTOR=scale,
        XDG_DATA_HOME=str(tmp_path / "data"),
        LOCALAPPDATA=str(tmp_path / "data"),
        PYTHONPATH=str(ROOT),
    )
    result = subprocess.run(
        [sys.executable, "-c", CHILD, str(tmp_path / "db.sqlite"), *size],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("scale", ["1", "2"])
def test_the_window_opens_inside_the_screen(tmp_path, scale):
    opened = open_window(tmp_path, scale)
    assert opened["fits"], opened
    if scale == "2":
        assert opened["available"][2:] == [800, 500]


def test_a_saved_geometry_that_no_longer_fits_is_not_used(tmp_path):
    first = open_window(tmp_path, "1", "1500", "940")  # saved at scale 1: fits 1600×1000
    assert first["fits"]
    again = open_window(tmp_path, "1")
    assert again["fits"] and again["frame"][2] >= 1500  # restored: it still fits
    small = open_window(tmp_path, "2")  # the same settings at 200 %: 1500×940 would not fit
    assert small["fits"], small
