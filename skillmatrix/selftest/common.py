"""What the self-test's parts share: a report line (Check), the report, the errors a
step may meet, and the temporary folders every part works in."""

from __future__ import annotations

import errno
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from skillmatrix.domain.model import ValidationError
from skillmatrix.report.fonts import ReportError
from skillmatrix.store.errors import StoreError

# What a step may raise when the PC or the folder is not fit: reported as ✘ with the reason.
EXPECTED = (StoreError, ValidationError, ReportError, sqlite3.Error, OSError)
OK_MARK = "✔"
FAIL_MARK = "✘"
# Below this much free space a day's backups and an export of a large department may not fit.


_TEMP_PREFIX = ".skillmatrix-selftest-"


@dataclass(frozen=True)
class Check:
    """One line of the report.

    Attributes:
        label: what was checked (データフォルダ, PDF 印刷, …).
        ok: passed.
        detail: what was found.
        advice: what to do when it failed (Japanese, for the user or the IT section).
    """

    label: str
    ok: bool
    detail: str
    advice: str = ""

    def line(self, marks: tuple[str, str] | None = None) -> str:
        """Returns the check as report text: one line, and the advice on a second.

        Args:
            marks: the pass and fail marks (default ✔ and ✘).
        """
        passed, failed = marks or (OK_MARK, FAIL_MARK)
        text = f"{passed if self.ok else failed} {self.label}: {self.detail}"
        return text if self.ok or not self.advice else f"{text}\n    → {self.advice}"


@dataclass
class Report:
    """The self-test's result: a heading and the checks in order."""

    heading: str
    checks: list[Check] = field(default_factory=list)
    hint: str = ""

    @property
    def ok(self) -> bool:
        """True when every check passed."""
        return all(c.ok for c in self.checks)

    @property
    def failures(self) -> list[Check]:
        """The checks that failed."""
        return [c for c in self.checks if not c.ok]

    def text(self, marks: tuple[str, str] | None = None) -> str:
        """Returns the whole report as text (what the command prints and the dialog shows).

        Args:
            marks: the pass and fail marks (default ✔ and ✘; the command passes others
                when its output cannot encode those).
        """
        failed_mark = (marks or (OK_MARK, FAIL_MARK))[1]
        lines = [self.heading, *(c.line(marks) for c in self.checks)]
        if self.hint:
            lines.append(self.hint)
        failed = len(self.failures)
        lines.append(
            "結果: すべて正常です"
            if not failed
            else f"結果: {failed}件の問題があります（{failed_mark} の行）"
        )
        return "\n".join(lines)


_REASONS = {
    errno.EACCES: "アクセスが拒否されました",
    errno.EPERM: "アクセスが拒否されました",
    errno.EROFS: "読み取り専用の場所です",
    errno.ENOSPC: "空きがありません",
    errno.ENOENT: "見つかりません",
}


def reason(error: OSError) -> str:
    """Returns why a file operation failed, in Japanese where the reason is a usual one."""
    return _REASONS.get(error.errno or 0) or error.strerror or str(error)


def short(error: BaseException, limit: int = 160) -> str:
    """Returns an error as one short line (a ValidationError lists only its first problem)."""
    if isinstance(error, ValidationError):
        more = len(error.problems) - 1
        text = error.problems[0] + (f" ほか{more}件" if more > 0 else "")
    else:
        text = str(error)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def advice_writable(folder: Path) -> str:
    return (
        f"{folder} に書き込める権限があるか、USBメモリの書き込み禁止スイッチが入っていないか、"
        "共有フォルダなら書き込み権限を情報システム担当に確認してください"
    )


def make_work_folder(parent: Path, made: list[Path]) -> Path:
    """Creates a private folder inside parent for one part of the test (removed by
    remove_work_folder; run_selftest checks at the end that none is left)."""
    work = Path(tempfile.mkdtemp(prefix=_TEMP_PREFIX, dir=parent))
    made.append(work)
    return work


def remove_work_folder(work: Path) -> None:
    # A virus scanner may still hold a file for a moment: the 後片付け line reports leftovers.
    shutil.rmtree(work, ignore_errors=True)
