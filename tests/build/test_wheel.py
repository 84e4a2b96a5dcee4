"""The wheel built from the project carries its migrations and resources, and an install
of it finds them inside the package (a wheel without db/ is the classic broken install).

The wheel is built with hatchling's own API (no network, no build isolation), unpacked
into an empty folder and imported from there by a separate interpreter started in
isolated mode, away from the source tree.
"""

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import skillmatrix

ROOT = Path(__file__).resolve().parents[2]
REQUIRED = [
    "skillmatrix/db/0001_initial.sql",
    "skillmatrix/db/0002_resume_entries_view.sql",
    "skillmatrix/resources/defaults.json",
    "skillmatrix/resources/fonts/ipaexg.ttf",
    "skillmatrix/resources/fonts/IPA_Font_License_Agreement_v1.0.txt",
    "skillmatrix/app.py",
    "skillmatrix/cli/__init__.py",
]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    pytest.importorskip("hatchling.build")
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, hatchling.build as b; print(b.build_wheel(sys.argv[1]))",
            str(out),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return out / result.stdout.strip().splitlines()[-1]


@pytest.fixture(scope="module")
def unpacked(wheel, tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("site-packages")
    with zipfile.ZipFile(wheel) as zf:
        zf.extractall(site)
    return site


def test_wheel_carries_migrations_and_resources(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    missing = [name for name in REQUIRED if name not in names]
    assert missing == []
    # Every migration of the tree, not just the two named above.
    for sql in sorted((ROOT / "db").glob("*.sql")):
        assert f"skillmatrix/db/{sql.name}" in names
    # Nothing of the development tree leaks in.
    assert not [
        n
        for n in names
        if n.startswith(("tests/", "build/", "skillmatrix/__pycache__")) or n.endswith((".sqlite", ".pyc"))
    ]


def test_wheel_metadata(wheel):
    assert wheel.name.startswith(f"skillmatrix-{skillmatrix.__version__}-py3-none-any")
    with zipfile.ZipFile(wheel) as zf:
        info = next(n for n in zf.namelist() if n.endswith(".dist-info/entry_points.txt"))
        entry_points = zf.read(info).decode("utf-8")
    assert "skillmatrix = skillmatrix.app:run" in entry_points


PROBE = r"""
import json, sys
sys.path.insert(0, sys.argv[1])
import skillmatrix, skillmatrix.paths as paths
from skillmatrix.app import run
from skillmatrix.report.fonts import default_font_path
from skillmatrix.store.repository import Store
db = sys.argv[2]
code = run(["demo", "--db", db])
with Store.open(db, readonly=True) as store:
    staff = store.staff_count()
    categories = len(store.categories())
print(json.dumps({"package": skillmatrix.__file__, "db": str(paths.migrations_dir()),
                  "resources": str(paths.resources_dir()), "font": str(default_font_path()),
                  "demo": code, "staff": staff, "categories": categories}))
"""


def test_installed_wheel_finds_its_files_inside_the_package(unpacked, tmp_path):
    # -I: no PYTHONPATH, no current folder, no user site; only the interpreter's own
    # site-packages (for sqlite-utils, reportlab) and the unpacked wheel.
    result = subprocess.run(
        [sys.executable, "-I", "-c", PROBE, str(unpacked), str(tmp_path / "demo.sqlite")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout.strip().splitlines()[-1])
    package = unpacked / "skillmatrix"
    assert Path(found["package"]).parent == package
    assert Path(found["db"]) == package / "db"
    assert Path(found["resources"]) == package / "resources"
    assert Path(found["font"]) == package / "resources" / "fonts" / "ipaexg.ttf"
    assert (found["demo"], found["staff"], found["categories"]) == (0, 2, 8)
