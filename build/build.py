"""Builds the air-gapped bundle: `python build/build.py` → dist/skillmatrix/.

PyInstaller cannot cross-build, so this builds for the platform it runs on: on Windows
the result is dist/skillmatrix/skillmatrix.exe (plus skillmatrix-gui.exe for a desktop
shortcut), on Linux dist/skillmatrix/skillmatrix. PyInstaller's work files go to
build/work/ and the bundle to dist/ (both ignored by git), never among build/'s sources.

Options:
    --portable   put an empty `portable` file beside the executable, so the copy on a USB
                 stick keeps its database, settings, logs and backups in its own data/.
    --no-check   skip the smoke test (running the bundle's --version) after the build.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "build" / "skillmatrix.spec"
WORK = ROOT / "build" / "work"
DIST = ROOT / "dist"
BUNDLE = DIST / "skillmatrix"


def executable(bundle: Path = BUNDLE) -> Path:
    """Returns the path of the bundle's console executable."""
    return bundle / ("skillmatrix.exe" if sys.platform == "win32" else "skillmatrix")


def folder_size(folder: Path) -> int:
    """Returns the bytes of every file under folder."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def build(portable: bool = False, check: bool = True) -> Path:
    """Runs PyInstaller on the spec and returns the bundle's folder.

    Raises:
        SystemExit: PyInstaller is missing or the build (or its smoke test) failed.
    """
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        raise SystemExit(
            "エラー: PyInstaller がありません。`pip install -e '.[build]'` で入れてください"
        ) from None
    if holds_data(BUNDLE / "data"):
        # PyInstaller empties dist/skillmatrix/: a portable copy's database would go with it.
        raise SystemExit(
            f"エラー: {BUNDLE / 'data'} にデータがあります。別の場所へ移してからビルドしてください"
        )
    started = time.perf_counter()
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        str(SPEC),
        "--noconfirm",
        "--clean",
        "--log-level",
        "WARN",
        "--workpath",
        str(WORK),
        "--distpath",
        str(DIST),
    ]
    result = subprocess.run(command, cwd=ROOT)
    if result.returncode:
        raise SystemExit(f"エラー: PyInstaller が失敗しました（終了コード {result.returncode}）")
    elapsed = time.perf_counter() - started
    if portable:
        make_portable(BUNDLE)
    exe = executable()
    if not exe.is_file():
        raise SystemExit(f"エラー: 実行ファイルができていません: {exe}")
    print(f"作成しました: {BUNDLE}（{elapsed:.0f} 秒、{folder_size(BUNDLE) / 2**20:.0f} MB）")
    if check:
        smoke_test(exe)
    return BUNDLE


DATA_README = (
    "このフォルダにデータベース（skillmatrix.sqlite）、設定、ログ、バックアップが置かれます"
    "（ポータブル版）。USBメモリが書き込み禁止のときは、読み取り専用で開きます。\n"
)


def make_portable(bundle: Path) -> None:
    """Marks a bundle portable and ships its data/ folder, so that a copy on a stick that
    is later write-protected still opens (read-only) instead of failing to create it."""
    (bundle / "portable").write_text("", encoding="utf-8")
    (bundle / "data").mkdir(exist_ok=True)
    (bundle / "data" / "README.txt").write_text(DATA_README, encoding="utf-8")


def holds_data(folder: Path) -> bool:
    """True when a bundle's data/ holds more than the README it ships with."""
    return folder.is_dir() and any(p.name != "README.txt" for p in folder.iterdir())


def smoke_test(exe: Path) -> None:
    """Runs the bundle's --version from outside the source tree, without PYTHONPATH."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    result = subprocess.run(
        [str(exe), "--version"],
        cwd=exe.parent.parent,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    if result.returncode or "SkillMatrix" not in result.stdout:
        raise SystemExit(f"エラー: できた実行ファイルが動きません: {result.stdout}{result.stderr}")
    print(f"動作確認: {result.stdout.strip()}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="SkillMatrix の配布用フォルダ（dist/skillmatrix/）を作る")
    parser.add_argument("--portable", action="store_true", help="ポータブルモードの印（portable）を置く")
    parser.add_argument("--no-check", action="store_true", help="作成後の動作確認をしない")
    parser.add_argument("--clean", action="store_true", help="作業フォルダ build/work/ を最後に消す")
    args = parser.parse_args(argv)
    build(portable=args.portable, check=not args.no_check)
    if args.clean:
        shutil.rmtree(WORK, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
