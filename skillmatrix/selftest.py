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
"""

from __future__ import annotations

import errno
import importlib
import os
import platform
import shutil
import sqlite3
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from reportlab.pdfbase.ttfonts import TTFError, TTFontFile

from skillmatrix import __version__, paths
from skillmatrix.demo.seed import seed_staff
from skillmatrix.domain.model import ValidationError
from skillmatrix.exchange.merge import plan_import
from skillmatrix.exchange.shared_file import apply_import, export_shared, read_shared_file
from skillmatrix.report.fonts import ReportError, default_font_path, register_font
from skillmatrix.report.options import PrintOptions
from skillmatrix.report.resume import build_resumes
from skillmatrix.store.audit import os_user
from skillmatrix.store.errors import StoreError
from skillmatrix.store.lock import DatabaseLock, is_in_use, lock_path
from skillmatrix.store.repository import Store
from skillmatrix.store.shared_sql import journal_mode

# What a step may raise when the PC or the folder is not fit: reported as ✘ with the reason.
EXPECTED = (StoreError, ValidationError, ReportError, sqlite3.Error, OSError)
OK_MARK = "✔"
FAIL_MARK = "✘"
# Below this much free space a day's backups and an export of a large department may not fit.
MIN_FREE_BYTES = 200 * 2**20
GAIJI_FONT_FILE = "ipamjm.ttf"
_TEMP_PREFIX = ".skillmatrix-selftest-"
# Modules that would mean the program can talk to the network. http.client, ssl and
# urllib.request are not listed: the standard library's xml.sax.saxutils (used by
# reportlab) imports them without ever connecting (the bundle leaves ssl out); sockets
# themselves are watched by the audit hook while the self-test runs.
NETWORK_MODULES = (
    "requests",
    "urllib3",
    "httpx",
    "aiohttp",
    "ftplib",
    "smtplib",
    "poplib",
    "imaplib",
    "telnetlib",
    "socketserver",
    "xmlrpc.client",
    "webbrowser",
    "PySide6.QtNetwork",
    "PySide6.QtWebEngineCore",
)


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


# -- the network watch ---------------------------------------------------------------------

_watch: list[str] | None = None  # socket events seen while a self-test runs
_hook_installed = False


def _audit(event: str, args: tuple) -> None:
    if _watch is not None and event.startswith("socket.") and event != "socket.gethostname":
        # The lock file names the host (socket.gethostname); anything else is network use.
        _watch.append(event)
        if event in ("socket.connect", "socket.getaddrinfo", "socket.sendto"):
            raise PermissionError("SkillMatrix の動作確認中はネットワークを使いません")


@contextmanager
def _watching_sockets() -> Iterator[list[str]]:
    """Records (and refuses) socket use while the block runs. Audit hooks cannot be
    removed, so one hook is added per process and is idle outside a self-test."""
    global _watch, _hook_installed
    if not _hook_installed:
        sys.addaudithook(_audit)
        _hook_installed = True
    seen: list[str] = []
    _watch = seen
    try:
        yield seen
    finally:
        _watch = None


# -- single checks -------------------------------------------------------------------------


def qt_version() -> str | None:
    """Returns "6.x（PySide6 6.x）", or None when PySide6 cannot be loaded.

    Imported by name, here only: QtCore reads its version without a display or a
    QApplication, and the command line must run where the window cannot.
    """
    try:
        qtcore = importlib.import_module("PySide6.QtCore")
        pyside = importlib.import_module("PySide6")
    except ImportError:
        return None
    return f"{qtcore.qVersion()}（PySide6 {pyside.__version__}）"


def chosen_journal_mode(folder: Path) -> str:
    """Returns the journal mode the program uses for a database in folder ('wal' or
    'delete').

    For now every writable database is switched to WAL (store/schema.py). Network-drive
    detection (issue 17, item 2) chooses DELETE on a share: this is the one place that
    must ask that detector once it exists.
    """
    return "wal"


def _versions(qt: str | None) -> list[Check]:
    bits = "64 bit" if sys.maxsize > 2**32 else "32 bit"
    checks = [
        Check("Python", True, f"{platform.python_version()}（{bits}、{platform.platform()}）"),
        Check("SQLite", True, sqlite3.sqlite_version),
    ]
    if qt is None:
        checks.append(
            Check(
                "Qt",
                False,
                "Qt（PySide6）を読み込めません。ウィンドウは開けません",
                "配布フォルダ（_internal を含む）をそのままもう一度コピーしてください",
            )
        )
    else:
        checks.append(Check("Qt", True, qt))
    return checks


def _write_probe(path: Path) -> None:
    """Writes and reads back a small file: the only file this module writes itself."""
    path.write_bytes(b"SkillMatrix selftest\n")
    if path.read_bytes() != b"SkillMatrix selftest\n":
        raise OSError(f"書いた内容を読み戻せません: {path}")
    path.unlink()


def _writable(label: str, folder: Path, work: Path) -> Check:
    try:
        _write_probe(work / "書き込み確認.txt")
    except OSError as e:
        return Check(label, False, f"書き込めません（{_reason(e)}）: {folder}", _advice_writable(folder))
    return Check(label, True, f"書き込めます（{folder}）")


def _advice_writable(folder: Path) -> str:
    return (
        f"{folder} に書き込める権限があるか、USBメモリの書き込み禁止スイッチが入っていないか、"
        "共有フォルダなら書き込み権限を情報システム担当に確認してください"
    )


def _database_and_lock(where: str, work: Path) -> tuple[list[Check], Store | None]:
    """Creates a demo database in work, takes and releases its lock, and checks the
    journal mode; returns the checks and the open store (for the round trip)."""
    label = f"データベースとロック（{where}）"
    db = work / "動作確認 データベース.sqlite"
    try:
        store = Store.create(db)
    except EXPECTED as e:
        return [
            Check(label, False, f"データベースを作れません（{_short(e)}）", _advice_writable(work.parent))
        ], None
    checks = []
    lock = DatabaseLock(db)
    try:
        store.add_many(seed_staff(store.categories()), action="demo", source="selftest")
        lock.acquire()
        seen_by_others = is_in_use(db)
        lock.release()
        released = not is_in_use(db) and not lock_path(db).exists()
        if seen_by_others and released:
            checks.append(Check(label, True, "作成・ロック・解放できました"))
        else:
            problem = (
                "ほかのプロセスからロックが見えません" if not seen_by_others else "ロックを解放できません"
            )
            checks.append(
                Check(
                    label,
                    False,
                    problem,
                    "この場所ではファイルのロックが効きません。共有フォルダなら SMB の設定"
                    "（oplocks、読み取り専用のキャッシュ）を情報システム担当に確認してください",
                )
            )
    except EXPECTED as e:
        lock.release()
        checks.append(
            Check(
                label, False, f"書き込みやロックに失敗しました（{_short(e)}）", _advice_writable(work.parent)
            )
        )
    chosen = chosen_journal_mode(work.parent)
    try:
        actual = journal_mode(db)
    except OSError as e:
        actual = f"不明（{e.strerror}）"
    place = "ネットワークドライブ" if chosen == "delete" else "ローカルのドライブ"
    mode_label = f"ジャーナル方式（{where}）"
    if actual == chosen:
        checks.append(Check(mode_label, True, f"{chosen.upper()}（{place}として扱います）"))
    else:
        checks.append(
            Check(
                mode_label,
                False,
                f"{chosen.upper()} にするはずが {actual.upper()} になりました",
                "このフォルダのファイルシステムでは SQLite のジャーナルが働きません。ローカルのドライブを使ってください",
            )
        )
    return checks, store


def _round_trip(where: str, store: Store, work: Path) -> Check:
    """Exports the demo people to a shared file in work, reads it back as an incoming
    file and imports it into a second, empty database there."""
    label = f"共有ファイルの書き出しと取り込み（{where}）"
    shared = work / "動作確認 共有ファイル.sqlite"
    try:
        exported = export_shared(store, shared)
        # Read back as the sender would (nothing new: every person unchanged), then as a
        # receiver with its own category ids (everyone added).
        again = read_shared_file(shared, store.categories())
        unchanged = plan_import(store, again.people, again.chains)
        with Store.create(work / "動作確認 取り込み先.sqlite") as other:
            incoming = read_shared_file(shared, other.categories())
            apply_import(other, plan_import(other, incoming.people, incoming.chains), shared.name)
            names = sorted(s.name for s in other.iter_staff())
    except EXPECTED as e:
        return Check(label, False, f"失敗しました（{_short(e)}）", _advice_writable(work.parent))
    expected = sorted(s.name for s in store.iter_staff())
    if len(unchanged.unchanged) != exported.staff_count or names != expected:
        return Check(
            label,
            False,
            f"書き出した{exported.staff_count}名のうち、取り込めたのは{len(names)}名でした",
            "共有フォルダのファイルが途中で書き換えられていないか（ウイルス対策ソフト、同期ソフト）確認してください",
        )
    return Check(
        label,
        True,
        f"{exported.staff_count}名を書き出し（{exported.size // 1024} KB）、読み直して{len(names)}名を取り込めました",
    )


_REASONS = {
    errno.EACCES: "アクセスが拒否されました",
    errno.EPERM: "アクセスが拒否されました",
    errno.EROFS: "読み取り専用の場所です",
    errno.ENOSPC: "空きがありません",
    errno.ENOENT: "見つかりません",
}


def _reason(error: OSError) -> str:
    """Returns why a file operation failed, in Japanese where the reason is a usual one."""
    return _REASONS.get(error.errno or 0) or error.strerror or str(error)


def _short(error: BaseException, limit: int = 160) -> str:
    """Returns an error as one short line (a ValidationError lists only its first problem)."""
    if isinstance(error, ValidationError):
        more = len(error.problems) - 1
        text = error.problems[0] + (f" ほか{more}件" if more > 0 else "")
    else:
        text = str(error)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def font_folders() -> list[Path]:
    """Returns where fonts are installed on this PC (system-wide and for this user), and
    the program's own fonts folder, in that order."""
    home = Path.home()
    folders: list[Path] = []
    if sys.platform == "win32":
        windir = Path(os.environ.get("WINDIR") or os.environ.get("SystemRoot") or r"C:\Windows")
        folders.append(windir / "Fonts")
        local = os.environ.get("LOCALAPPDATA")
        # Fonts a user installs without admin rights (右クリック › インストール) land here.
        folders.append(
            Path(local) / "Microsoft" / "Windows" / "Fonts"
            if local
            else home / "AppData" / "Local" / "Microsoft" / "Windows" / "Fonts"
        )
    elif sys.platform == "darwin":
        folders += [Path("/Library/Fonts"), home / "Library" / "Fonts"]
    else:
        data_home = Path(os.environ.get("XDG_DATA_HOME") or home / ".local" / "share")
        folders += [
            Path("/usr/share/fonts"),
            Path("/usr/local/share/fonts"),
            data_home / "fonts",
            home / ".fonts",
        ]
    try:
        folders.append(paths.resources_dir() / "fonts")
    except FileNotFoundError:
        pass
    return folders


def find_gaiji_font() -> Path | None:
    """Returns the first ipamjm.ttf (IPAmj明朝, the 外字 fallback) in font_folders()."""
    for folder in font_folders():
        direct = folder / GAIJI_FONT_FILE
        if direct.is_file():
            return direct
        if folder.is_dir() and sys.platform != "win32":
            # Linux and macOS sort fonts into subfolders (truetype/ipamj/…).
            for found in sorted(folder.rglob(GAIJI_FONT_FILE)):
                if found.is_file():
                    return found
    return None


def _fonts() -> list[Check]:
    checks = []
    try:
        register_font()
        checks.append(Check("履歴書のフォント", True, f"IPAexGothic（{default_font_path()}）"))
    except ReportError as e:
        checks.append(
            Check(
                "履歴書のフォント",
                False,
                str(e),
                "配布フォルダの resources/fonts/ipaexg.ttf を戻してください",
            )
        )
    gaiji = find_gaiji_font()
    advice = (
        "IPAmj明朝（ipamjm.ttf）を入れてください。管理者権限がなくても、フォントファイルを右クリック › "
        "「インストール」で自分用に入ります（配布フォルダの resources/fonts に置いてもかまいません）"
    )
    if gaiji is None:
        checks.append(Check("外字のフォント", False, "IPAmj明朝（ipamjm.ttf）が見つかりません", advice))
        return checks
    try:
        family = TTFontFile(str(gaiji)).familyName
    except (TTFError, OSError, ValueError, KeyError, IndexError, AssertionError) as e:
        checks.append(Check("外字のフォント", False, f"{gaiji} を読めません（{e}）", advice))
        return checks
    checks.append(
        Check(
            "外字のフォント", True, f"{family.decode() if isinstance(family, bytes) else family}（{gaiji}）"
        )
    )
    return checks


def _pdf(work: Path) -> Check:
    """Prints one demo résumé (profile and grid: one page) to a PDF in work."""
    label = "PDF 印刷"
    out = work / "動作確認 履歴書.pdf"
    try:
        with Store.create(work / "印刷用.sqlite") as store:
            person = seed_staff(store.categories())[0]
            options = PrintOptions(sections=frozenset({"profile", "grid"}), title="動作確認")
            pages = build_resumes([person], store.levels(), store.categories(), out, options)
        with open(out, "rb") as f:
            header = f.read(5)
        size = out.stat().st_size
    except EXPECTED as e:
        return Check(
            label,
            False,
            f"PDFを作れません（{_short(e)}）",
            "一時フォルダ（%TEMP%）の空きと権限を確認してください",
        )
    if header != b"%PDF-" or pages != 1:
        return Check(label, False, f"PDFが正しくありません（{pages}ページ）", "開発者に報告してください")
    return Check(label, True, f"1ページの履歴書を一時ファイルに印刷できました（{size // 1024} KB）")


def _network(seen: list[str]) -> Check:
    loaded = sorted(m for m in NETWORK_MODULES if m in sys.modules)
    if seen or loaded:
        what = "、".join(sorted(set(seen)) + loaded)
        return Check(
            "ネットワーク", False, f"通信に使うものが動きました（{what}）", "開発者に報告してください"
        )
    return Check("ネットワーク", True, "通信しません（ソケットの使用なし、通信用モジュールなし）")


def _free_space(where: str, folder: Path) -> Check:
    label = f"ディスクの空き（{where}）"
    try:
        free = shutil.disk_usage(folder).free
    except OSError as e:
        return Check(label, False, f"調べられません（{_reason(e)}）", _advice_writable(folder))
    text = f"{free / 2**30:.1f} GB"
    if free < MIN_FREE_BYTES:
        return Check(
            label,
            False,
            f"{text}しかありません",
            f"{MIN_FREE_BYTES // 2**20} MB 以上空けてください（{folder}）",
        )
    return Check(label, True, text)


def _make_work_folder(parent: Path, made: list[Path]) -> Path:
    """Creates a private folder inside parent for one part of the test (removed by
    _remove_work_folder; run_selftest checks at the end that none is left)."""
    work = Path(tempfile.mkdtemp(prefix=_TEMP_PREFIX, dir=parent))
    made.append(work)
    return work


def _remove_work_folder(work: Path) -> None:
    # A virus scanner may still hold a file for a moment: the 後片付け line reports leftovers.
    shutil.rmtree(work, ignore_errors=True)


def _place_checks(where: str, folder: Path, made: list[Path]) -> list[Check]:
    """The checks of one folder: writable, database and lock, journal mode, round trip."""
    label = "データフォルダ" if where == "データフォルダ" else f"フォルダ（{where}）"
    if not folder.is_dir():
        return [
            Check(
                label,
                False,
                f"フォルダがありません: {folder}",
                "パスを確かめてください（\\\\サーバー\\共有 の形）",
            )
        ]
    try:
        work = _make_work_folder(folder, made)
    except OSError as e:
        return [Check(label, False, f"書き込めません（{_reason(e)}）: {folder}", _advice_writable(folder))]
    try:
        checks = [_writable(label, folder, work)]
        if not checks[0].ok:
            return checks
        more, store = _database_and_lock(where, work)
        checks += more
        if store is not None:
            try:
                checks.append(_round_trip(where, store, work))
            finally:
                store.close()
        return checks
    finally:
        _remove_work_folder(work)


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
    with _watching_sockets() as seen:
        report.checks += _versions(qt() if callable(qt) else qt)
        try:
            data = data_folder or paths.data_dir()
        except OSError as e:
            report.checks.append(
                Check(
                    "データフォルダ",
                    False,
                    f"作れません（{_reason(e)}）",
                    _advice_writable(Path(e.filename or "")),
                )
            )
            data = None
        places = [("データフォルダ", data)] if data is not None else []
        if folder is not None:
            places.append((str(folder), folder))
        for where, place in places:
            report.checks += _guarded(
                f"フォルダ（{where}）", lambda w=where, p=place: _place_checks(w, p, made)
            )
        report.checks += _guarded("フォント", _fonts)
        temp_root = Path(tempfile.gettempdir())
        report.checks += _guarded("PDF 印刷", lambda: _printed(temp_root, made))
        report.checks.append(_network(seen))
    for where, place in places:
        if place.is_dir():  # a missing folder has its ✘ already
            report.checks.append(_free_space(where, place))
    report.checks.append(_cleanup(made))
    if folder is None:
        report.hint = (
            "（共有フォルダやUSBメモリも確かめるには: skillmatrix selftest --folder \\\\サーバー\\共有）"
        )
    return report


def _printed(temp_root: Path, made: list[Path]) -> list[Check]:
    work = _make_work_folder(temp_root, made)
    try:
        return [_pdf(work)]
    finally:
        _remove_work_folder(work)


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
                f"予期しないエラー（{type(e).__name__}: {_short(e)}）",
                "この報告を開発者に送ってください",
            )
        ]
