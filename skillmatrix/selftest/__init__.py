"""The self-test (動作確認) an IT section runs on a new PC or share before trusting it.

`skillmatrix selftest [--folder PATH]` and ヘルプ › 動作確認 both print the report made
here: the versions the program runs on, the data folder, a database and its editing lock
made and released there and in --folder (a file share or a USB stick), the journal mode
chosen there, a shared-file export and re-import in --folder, the résumé font and the 外字
fallback font, a one-page résumé printed to a temporary PDF, that the program used no
network, and the free disk space. Each line is ✔ or ✘, and a ✘ says what to do.

Everything is done through the program's own functions (Store, DatabaseLock,
export_shared, read_shared_file, plan_import, build_resumes), on demo people, in
temporary folders that are removed at the end; the user's database is never opened.
No Qt here: the window passes the Qt version it runs on, the command line asks
qt_version(), which only reads a version and needs no display.

The parts: common.py (a report line, the report, temporary folders), places.py (the
checks of one folder), machine.py (the checks of the PC), and run_selftest() here.
"""

from __future__ import annotations

import platform
import tempfile
from collections.abc import Callable
from datetime import datetime
from functools import partial
from pathlib import Path

from skillmatrix import __version__, paths
from skillmatrix.selftest import machine, places
from skillmatrix.selftest.common import Check, Report, advice_writable, reason, short
from skillmatrix.selftest.machine import qt_version
from skillmatrix.store.audit import os_user

__all__ = ["Check", "Report", "run_selftest"]


def _cleanup(made: list[Path]) -> Check:
    left = [p for p in made if p.exists()]
    if left:
        return Check(
            "後片付け",
            False,
            f"消せなかったフォルダがあります: {'、'.join(map(str, left))}",
            "ウイルス対策ソフトの検査が終わってから手で削除してください",
        )
    return Check("後片付け", True, f"作った一時フォルダ{len(made)}個をすべて消しました")


def run_selftest(
    data_folder: Path | None = None,
    folder: Path | None = None,
    qt: str | None | Callable[[], str | None] = qt_version,
) -> Report:
    """Runs every check and returns the report.

    Args:
        data_folder: the program's data folder (default: paths.data_dir()).
        folder: a share or USB stick to check as well (the command's --folder).
        qt: the Qt version text, or a function returning it (None: Qt is missing).

    Returns:
        The report; report.ok is False when any check failed.
    """
    started = datetime.now().strftime("%Y-%m-%d %H:%M")
    report = Report(f"SkillMatrix {__version__} 動作確認（{started}、{platform.node()}、{os_user()}）")
    made: list[Path] = []
    with machine.watching_sockets() as seen:
        report.checks += machine.versions(qt() if callable(qt) else qt)
        try:
            data = data_folder or paths.data_dir()
        except OSError as e:
            report.checks.append(
                Check(
                    "データフォルダ",
                    False,
                    f"作れません（{reason(e)}）",
                    advice_writable(Path(e.filename or "")),
                )
            )
            data = None
        folders = [("データフォルダ", data)] if data is not None else []
        if folder is not None:
            folders.append((str(folder), folder))
        for where, place in folders:
            report.checks += _guarded(
                f"フォルダ（{where}）", partial(places.place_checks, where, place, made)
            )
        report.checks += _guarded("フォント", machine.fonts)
        temp_root = Path(tempfile.gettempdir())
        report.checks += _guarded("PDF 印刷", lambda: machine.printed(temp_root, made))
        report.checks.append(machine.network(seen))
    for where, place in folders:
        if place.is_dir():  # a missing folder has its ✘ already
            report.checks.append(places.free_space(where, place))
    report.checks.append(_cleanup(made))
    if folder is None:
        report.hint = (
            "（共有フォルダやUSBメモリも確かめるには: skillmatrix selftest --folder \\\\サーバー\\共有）"
        )
    return report


def _guarded(label: str, step: Callable[[], list[Check]]) -> list[Check]:
    """Runs a step; an error nobody expected becomes a ✘ line, never a crash: the
    self-test is the tool for finding what is wrong on a PC."""
    try:
        return step()
    except Exception as e:  # noqa: BLE001 - reported, with its type, as a failed check
        return [
            Check(
                label,
                False,
                f"予期しないエラー（{type(e).__name__}: {short(e)}）",
                "この報告を開発者に送ってください",
            )
        ]
