"""Fills a folder with every wheel SkillMatrix needs, to carry across the air gap.

On a PC with internet access (any OS):

    python build/wheelhouse.py                 # wheels for this PC's platform and Python
    python build/wheelhouse.py --windows       # wheels for 64-bit Windows, Python 3.12

and on the isolated PC, from the copied folder, with no index at all:

    python -m venv venv
    venv/bin/pip install --no-index --find-links wheelhouse skillmatrix     (Linux)
    venv\\Scripts\\pip install --no-index --find-links wheelhouse skillmatrix (Windows)

It is `pip wheel` (the program's own wheel) plus `pip download --only-binary=:all:` (its
dependencies, no source packages: the isolated PC has no compiler), plus one thing pip
does not do: when downloading for another platform pip evaluates environment markers
(`; sys_platform == "win32"`) for the PC it runs on, so a Windows-only dependency would
be missing. This script reads every wheel's requirements, evaluates their markers for the
target, and downloads what is missing by name until the folder is complete.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import zipfile
from email.parser import Parser
from pathlib import Path

from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name, parse_wheel_filename

ROOT = Path(__file__).resolve().parent.parent
WINDOWS_ENV = {
    "sys_platform": "win32",
    "platform_system": "Windows",
    "os_name": "nt",
    "platform_machine": "AMD64",
    "implementation_name": "cpython",
    "platform_python_implementation": "CPython",
}


def target_environment(windows: bool, python_version: str) -> dict[str, str]:
    """Returns the marker environment of the PC the wheels are for."""
    env = dict(default_environment())
    if windows:
        env.update(WINDOWS_ENV)
        env["python_version"] = python_version
        env["python_full_version"] = f"{python_version}.0"
    return env


def wheel_requirements(wheel: Path) -> list[Requirement]:
    """Returns the Requires-Dist entries of a wheel's METADATA."""
    with zipfile.ZipFile(wheel) as zf:
        name = next(n for n in zf.namelist() if n.endswith(".dist-info/METADATA"))
        metadata = Parser().parsestr(zf.read(name).decode("utf-8"))
    return [Requirement(text) for text in metadata.get_all("Requires-Dist") or []]


def missing(folder: Path, env: dict[str, str], root: str = "skillmatrix") -> list[str]:
    """Returns the requirements (as text) that no wheel in folder satisfies, following the
    requirements of every wheel needed from root on, with markers evaluated for env."""
    wheels = {}
    for wheel in folder.glob("*.whl"):
        name, version, _, _ = parse_wheel_filename(wheel.name)
        wheels.setdefault(name, []).append((version, wheel))
    todo, seen, lacking = [Requirement(root)], set(), []
    while todo:
        req = todo.pop()
        if req.marker and not req.marker.evaluate({**env, "extra": ""}):
            continue
        name = canonicalize_name(req.name)
        if name in seen:
            continue
        seen.add(name)
        found = sorted((v, w) for v, w in wheels.get(name, []) if req.specifier.contains(v, prereleases=True))
        if not found:
            lacking.append(str(req.name) + str(req.specifier))
            continue
        todo += wheel_requirements(found[-1][1])  # the newest, as pip would pick
    return sorted(lacking)


def pip(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "pip", *args], check=True)


def build_wheelhouse(dest: Path, windows: bool = False, python_version: str = "3.12") -> list[Path]:
    """Builds the program's wheel into dest and downloads its dependencies beside it.

    Returns:
        The wheels in dest.

    Raises:
        SystemExit: a dependency cannot be found as a wheel for the target.
    """
    dest.mkdir(parents=True, exist_ok=True)
    try:
        import hatchling  # noqa: F401  (present: build the wheel without fetching it)

        isolation = ["--no-build-isolation"]
    except ImportError:
        isolation = []
    pip("wheel", "-q", "--no-deps", *isolation, "-w", str(dest), str(ROOT))
    own = sorted(dest.glob("skillmatrix-*.whl"))[-1]
    target = (
        ["--platform", "win_amd64", "--python-version", python_version, "--implementation", "cp"]
        if windows
        else []
    )
    pip("download", "-q", "--only-binary=:all:", *target, "-d", str(dest), str(own))
    env = target_environment(windows, python_version)
    for _ in range(5):
        lacking = missing(dest, env)
        if not lacking:
            return sorted(dest.glob("*.whl"))
        pip("download", "-q", "--only-binary=:all:", "--no-deps", *target, "-d", str(dest), *lacking)
    raise SystemExit(f"エラー: 次のパッケージの wheel がそろいません: {', '.join(missing(dest, env))}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="オフラインでインストールするための wheel を集める")
    parser.add_argument(
        "-d",
        "--dest",
        type=Path,
        default=ROOT / "dist" / "wheelhouse",
        help="wheel を置くフォルダ（既定: dist/wheelhouse）",
    )
    parser.add_argument("--windows", action="store_true", help="64ビット Windows 用の wheel を集める")
    parser.add_argument("--python-version", default="3.12", help="Windows 側の Python の版（既定 3.12）")
    args = parser.parse_args(argv)
    wheels = build_wheelhouse(args.dest, args.windows, args.python_version)
    size = sum(w.stat().st_size for w in wheels) / 2**20
    print(f"wheel {len(wheels)} 個（{size:.0f} MB）をそろえました: {args.dest}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
