"""The self-test command: `skillmatrix selftest [--folder PATH]` (動作確認).

Run on the user's own PC (from the bundle: `skillmatrix.exe selftest --folder
\\\\server\\share`) before trusting it or a share with the data. The checks are in
skillmatrix/selftest/; this prints their report and exits 0 when every line is ✔, 1
when any is ✘. It needs no display and never opens the user's database.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from skillmatrix.cli import command, out

# ✔ and ✘ are not in cp932: a report redirected to a file on Japanese Windows would turn
# both into '?', and the one thing the report must show, pass or fail, would be lost.
FALLBACK_MARKS = ("○", "×")


def marks_for(encoding: str | None) -> tuple[str, str] | None:
    """Returns the pass/fail marks to print in encoding: None for the usual ✔ and ✘ when
    it can write them, else ○ and × (which cp932 has)."""
    try:
        "✔✘".encode(encoding or "utf-8")
    except (UnicodeEncodeError, LookupError):
        return FALLBACK_MARKS
    return None


def _arguments(p: argparse.ArgumentParser) -> None:
    # Every command requires --db; the self-test does not open a database and checks the
    # data folder unless given a database file, whose folder it then checks instead.
    for action in p._actions:
        if action.dest == "db":
            action.required = False
            action.help = (
                "このデータベースファイルのフォルダをデータフォルダとして確かめる（既定: データフォルダ）"
            )
    p.add_argument(
        "--folder",
        type=Path,
        metavar="フォルダ",
        help=r"共有フォルダやUSBメモリも確かめる（例: \\server\share）",
    )


@command("selftest", help="このPCと共有フォルダでの動作確認（結果を ✔/✘ で表示）", arguments=_arguments)
def cmd_selftest(args: argparse.Namespace) -> int:
    from skillmatrix.selftest import run_selftest  # reportlab and the store: only when asked

    data_folder = Path(args.db).parent if args.db else None
    report = run_selftest(data_folder, args.folder)
    out(report.text(marks_for(getattr(sys.stdout, "encoding", None))))
    return 0 if report.ok else 1
