"""build/wheelhouse.py's completeness check: pip evaluates environment markers for the
PC it runs on, so a wheelhouse downloaded for Windows from Linux would lack Windows-only
requirements; the check evaluates them for the target."""

import importlib.util
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wheelhouse_module():
    pytest.importorskip("packaging")
    spec = importlib.util.spec_from_file_location("wheelhouse", ROOT / "build" / "wheelhouse.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def make_wheel(folder: Path, name: str, version: str, requires: list[str]) -> None:
    with zipfile.ZipFile(folder / f"{name}-{version}-py3-none-any.whl", "w") as zf:
        zf.writestr(
            f"{name}-{version}.dist-info/METADATA",
            f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n"
            + "".join(f"Requires-Dist: {r}\n" for r in requires),
        )


def test_a_windows_only_requirement_is_missing_only_for_windows(wheelhouse_module, tmp_path):
    make_wheel(
        tmp_path,
        "skillmatrix",
        "9.0",
        ["helper>=1", 'winonly; sys_platform == "win32"', 'docs; extra == "docs"'],
    )
    make_wheel(tmp_path, "helper", "1.0", [])
    here = wheelhouse_module.target_environment(windows=False, python_version="3.12")
    windows = wheelhouse_module.target_environment(windows=True, python_version="3.12")
    assert wheelhouse_module.missing(tmp_path, here) == (["winonly"] if sys.platform == "win32" else [])
    assert wheelhouse_module.missing(tmp_path, windows) == ["winonly"]


def test_versions_and_transitive_requirements_count(wheelhouse_module, tmp_path):
    make_wheel(tmp_path, "skillmatrix", "9.0", ["helper>=2"])
    make_wheel(tmp_path, "helper", "1.0", [])
    env = wheelhouse_module.target_environment(windows=False, python_version="3.12")
    assert wheelhouse_module.missing(tmp_path, env) == ["helper>=2"]
    make_wheel(tmp_path, "helper", "2.0", ["deep"])
    assert wheelhouse_module.missing(tmp_path, env) == ["deep"]
