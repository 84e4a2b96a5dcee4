"""Offline install for Python users, as README describes it (opt-in: it downloads ~100 MB).

    SKILLMATRIX_TEST_BUNDLE=1 .venv/bin/python -m pytest tests/build/test_offline_install.py -q

On the "connected PC" build/wheelhouse.py fills a folder with the program's wheel and
every dependency as wheels (SKILLMATRIX_WHEELHOUSE may name one made earlier). On the
"isolated PC" a fresh venv installs from that folder alone (`--no-index --find-links`,
pip's configuration files switched off) and runs the program. Where `unshare` works the
install and the runs have no network at all and the source tree is hidden.
"""

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import skillmatrix

pytestmark = [
    pytest.mark.bundle,
    pytest.mark.skipif(
        os.environ.get("SKILLMATRIX_TEST_BUNDLE") != "1",
        reason="downloads wheels: set SKILLMATRIX_TEST_BUNDLE=1",
    ),
]

ROOT = Path(__file__).resolve().parents[2]
WINDOWS = sys.platform == "win32"
HIDE_SOURCE = 'mount --bind "$1" "$2"; shift 2; exec "$@"'


def _unshare_works() -> bool:
    if WINDOWS or not shutil.which("unshare"):
        return False
    return subprocess.run(["unshare", "--net", "--mount", "true"], capture_output=True).returncode == 0


ISOLATED = _unshare_works()


def load_wheelhouse_module():
    spec = importlib.util.spec_from_file_location("wheelhouse", ROOT / "build" / "wheelhouse.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def offline(command: list[str], cwd: Path, empty: Path, timeout: float = 600) -> subprocess.CompletedProcess:
    """Runs command with no pip configuration, no PYTHON* variables, and (where possible)
    no network and no source tree."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PIP_", "PYTHON", "VIRTUAL_ENV"))}
    env.update(
        {
            "PIP_CONFIG_FILE": os.devnull,
            "PIP_DISABLE_PIP_VERSION_CHECK": "1",
            "LANG": "C",
            "QT_QPA_PLATFORM": "offscreen",
            "HOME": str(cwd),
            "XDG_DATA_HOME": str(cwd / "data"),
        }
    )
    if ISOLATED:
        command = [
            "unshare",
            "--net",
            "--mount",
            "sh",
            "-c",
            HIDE_SOURCE,
            "sh",
            str(empty),
            str(ROOT),
            *command,
        ]
    result = subprocess.run(
        command,
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=timeout,
    )
    assert result.returncode == 0, f"{command}\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def wheelhouse(tmp_path_factory) -> Path:
    given = os.environ.get("SKILLMATRIX_WHEELHOUSE")
    if given:
        return Path(given)
    dest = tmp_path_factory.mktemp("wheelhouse")
    subprocess.run(
        [sys.executable, str(ROOT / "build" / "wheelhouse.py"), "-d", str(dest)],
        check=True,
        capture_output=True,
        timeout=900,
    )
    return dest


@pytest.fixture(scope="module")
def installed(wheelhouse, tmp_path_factory) -> Path:
    """A fresh venv with SkillMatrix installed from the wheelhouse alone; returns its scripts folder."""
    work = tmp_path_factory.mktemp("isolated-pc")
    empty = work / "empty"
    empty.mkdir()
    venv = work / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    scripts = venv / ("Scripts" if WINDOWS else "bin")
    offline(
        [
            str(scripts / "python"),
            "-m",
            "pip",
            "install",
            "-q",
            "--no-index",
            "--find-links",
            str(wheelhouse),
            "skillmatrix",
        ],
        work,
        empty,
    )
    return scripts


def test_wheelhouse_is_complete(wheelhouse):
    module = load_wheelhouse_module()
    assert module.missing(wheelhouse, module.target_environment(False, "3.12")) == []
    names = {p.name.split("-")[0].lower() for p in wheelhouse.glob("*.whl")}
    assert {
        "skillmatrix",
        "pyside6_essentials",
        "pyside6_pdf",
        "reportlab",
        "sqlite_utils",
        "openpyxl",
    } <= names
    assert not list(wheelhouse.glob("*.tar.gz"))  # wheels only: the isolated PC has no compiler


def test_installed_program_runs_offline(installed, tmp_path):
    exe = str(installed / "skillmatrix")
    empty = tmp_path / "empty"
    empty.mkdir()
    assert (
        offline([exe, "--version"], tmp_path, empty).stdout.strip()
        == f"SkillMatrix {skillmatrix.__version__}"
    )
    db = tmp_path / "demo.sqlite"
    assert "2名" in offline([exe, "demo", "--db", str(db)], tmp_path, empty).stdout
    offline([exe, "print", "--db", str(db), "--all", "--out", str(tmp_path / "all.pdf")], tmp_path, empty)
    assert (tmp_path / "all.pdf").read_bytes().startswith(b"%PDF")
    assert "問題ありません" in offline([exe, "check", "--db", str(db)], tmp_path, empty).stdout
    # The program came from the venv, not from the source tree.
    where = offline(
        [str(installed / "python"), "-c", "import skillmatrix.paths as p; print(p.migrations_dir())"],
        tmp_path,
        empty,
    ).stdout.strip()
    assert Path(where).parent.parent.name == "site-packages"


def test_windows_wheelhouse_resolves(tmp_path):
    """The documented Windows download (pip download --platform win_amd64 …) is complete,
    including requirements whose markers only hold on Windows."""
    dest = tmp_path / "wheelhouse-win"
    subprocess.run(
        [sys.executable, str(ROOT / "build" / "wheelhouse.py"), "--windows", "-d", str(dest)],
        check=True,
        capture_output=True,
        timeout=900,
    )
    module = load_wheelhouse_module()
    assert module.missing(dest, module.target_environment(True, "3.12")) == []
    wheels = [p.name for p in dest.glob("*.whl")]
    assert any(n.startswith("pyside6_essentials") and n.endswith("win_amd64.whl") for n in wheels)
    assert not [n for n in wheels if "linux" in n]
