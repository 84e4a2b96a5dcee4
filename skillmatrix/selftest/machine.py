"""The checks of the PC itself: the versions the program runs on, the résumé font and
the 外字 fallback font, a one-page résumé printed to a temporary PDF, and that nothing
used the network while the self-test ran (an audit hook watches the sockets)."""

from __future__ import annotations

import importlib
import os
import platform
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from reportlab.pdfbase.ttfonts import TTFError, TTFontFile

import skillmatrix.selftest.common as common
import skillmatrix.selftest.messages as messages
from skillmatrix import paths
from skillmatrix.demo.seed import seed_staff
from skillmatrix.report.fonts import ReportError, default_font_path, register_font
from skillmatrix.report.options import PrintOptions
from skillmatrix.report.resume import build_resumes
from skillmatrix.selftest.common import EXPECTED, Check, short
from skillmatrix.store.repository import Store

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


_watch: list[str] | None = None  # socket events seen while a self-test runs
_hook_installed = False


def _audit(event: str, args: tuple[object, ...]) -> None:
    if _watch is not None and event.startswith("socket.") and event != "socket.gethostname":
        # The lock file names the host (socket.gethostname); anything else is network use.
        _watch.append(event)
        if event in ("socket.connect", "socket.getaddrinfo", "socket.sendto"):
            raise PermissionError(messages.NO_NETWORK_DURING_SELFTEST)


@contextmanager
def watching_sockets() -> Iterator[list[str]]:
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


def versions(qt: str | None) -> list[Check]:
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


def fonts() -> list[Check]:
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


def pdf(work: Path) -> Check:
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
            f"PDFを作れません（{short(e)}）",
            "一時フォルダ（%TEMP%）の空きと権限を確認してください",
        )
    if header != b"%PDF-" or pages != 1:
        return Check(label, False, f"PDFが正しくありません（{pages}ページ）", "開発者に報告してください")
    return Check(label, True, f"1ページの履歴書を一時ファイルに印刷できました（{size // 1024} KB）")


def network(seen: list[str]) -> Check:
    loaded = sorted(m for m in NETWORK_MODULES if m in sys.modules)
    if seen or loaded:
        what = "、".join(sorted(set(seen)) + loaded)
        return Check(
            "ネットワーク", False, f"通信に使うものが動きました（{what}）", "開発者に報告してください"
        )
    return Check("ネットワーク", True, "通信しません（ソケットの使用なし、通信用モジュールなし）")


def printed(temp_root: Path, made: list[Path]) -> list[Check]:
    work = common.make_work_folder(temp_root, made)
    try:
        return [pdf(work)]
    finally:
        common.remove_work_folder(work)
