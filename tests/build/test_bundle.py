"""The air-gapped bundle, checked from the bundle itself (opt-in: it builds for ~30 s).

    SKILLMATRIX_TEST_BUNDLE=1 .venv/bin/python -m pytest tests/build/test_bundle.py -q

builds dist/skillmatrix/ with build/build.py (or takes the bundle named by
SKILLMATRIX_BUNDLE, e.g. one built on Windows), copies it to a temporary "USB stick" and
runs it from there with a clean environment (no PYTHONPATH, LANG=C, offscreen Qt).

Where `unshare` works (Linux, as root) every run is in its own network namespace (no
network at all) and mount namespace, in which the source tree, the development Python
and the system's IPAexGothic are hidden behind empty folders: what runs can only come
from the bundle, and the PDF's font can only be the bundled one. Where `strace` is
present every socket the program creates is logged, and any that is not a local
(AF_UNIX) socket fails the test.
"""

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

import skillmatrix

pytestmark = [
    pytest.mark.bundle,
    pytest.mark.skipif(
        os.environ.get("SKILLMATRIX_TEST_BUNDLE") != "1",
        reason="builds the bundle: set SKILLMATRIX_TEST_BUNDLE=1",
    ),
]

ROOT = Path(__file__).resolve().parents[2]
WINDOWS = sys.platform == "win32"
EXE_NAME = "skillmatrix.exe" if WINDOWS else "skillmatrix"
SYSTEM_FONT_DIRS = [
    Path("/usr/share/fonts/opentype/ipaexfont-gothic"),
    Path("/usr/share/fonts/truetype/ipaexfont-gothic"),
]
# Hides the folders given before "--" behind an empty one, proves the source tree is gone,
# then runs the command (under strace when asked).
ISOLATE = r"""
set -e
empty=$1; root=$2; strace_log=$3; shift 3
while [ "$1" != "--" ]; do mount --bind "$empty" "$1"; shift; done
shift
if [ -e "$root/pyproject.toml" ]; then echo "source tree still visible" >&2; exit 97; fi
if [ -n "$strace_log" ]; then exec strace -f -qq -e trace=execve,socket,connect -o "$strace_log" "$@"; fi
exec "$@"
"""


def _unshare_works() -> bool:
    if WINDOWS or not shutil.which("unshare"):
        return False
    return subprocess.run(["unshare", "--net", "--mount", "true"], capture_output=True).returncode == 0


ISOLATED = _unshare_works()
STRACE = ISOLATED and shutil.which("strace") is not None


@pytest.fixture(scope="module")
def built() -> Path:
    """The bundle: built now by build/build.py unless SKILLMATRIX_BUNDLE names one."""
    given = os.environ.get("SKILLMATRIX_BUNDLE")
    if given:
        return Path(given)
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, str(ROOT / "build" / "build.py"), "--no-check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=900,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    print(f"build: {time.perf_counter() - started:.1f} s")
    return ROOT / "dist" / "skillmatrix"


@pytest.fixture(scope="module")
def usb(built, tmp_path_factory) -> Path:
    """A copy of the bundle in an unrelated folder, as it would sit on a USB stick."""
    folder = tmp_path_factory.mktemp("usb") / "skillmatrix"
    shutil.copytree(built, folder, symlinks=True)
    return folder


class Runner:
    """Runs the copied bundle's executable in a clean environment, isolated where possible."""

    def __init__(self, exe: Path, scratch: Path):
        self.exe, self.scratch = exe, scratch
        self.home = scratch / "home"
        self.empty = scratch / "empty"
        for folder in (self.home, self.empty, scratch / "runtime"):
            folder.mkdir(parents=True, exist_ok=True)
        (scratch / "runtime").chmod(0o700)
        self.runs = 0

    def env(self, extra: dict[str, str]) -> dict[str, str]:
        keep = {k: v for k, v in os.environ.items() if k.upper() in {"SYSTEMROOT", "WINDIR", "TEMP", "TMP"}}
        return {
            **keep,
            "PATH": os.defpath if not WINDOWS else os.environ.get("PATH", ""),
            "HOME": str(self.home),
            "USERPROFILE": str(self.home),
            "LANG": "C",
            "XDG_DATA_HOME": str(self.home / "data"),
            "LOCALAPPDATA": str(self.home / "data"),
            "XDG_RUNTIME_DIR": str(self.scratch / "runtime"),
            "QT_QPA_PLATFORM": "offscreen",
            **extra,
        }

    def __call__(
        self, *args: str, env: dict[str, str] | None = None, timeout: float = 120, check: bool = True
    ) -> subprocess.CompletedProcess:
        command = [str(self.exe), *args]
        strace_log = ""
        if ISOLATED:
            self.runs += 1
            strace_log = str(self.scratch / f"strace-{self.runs}.log") if STRACE else ""
            hidden = [str(ROOT), *(str(d) for d in SYSTEM_FONT_DIRS if d.is_dir())]
            if Path(sys.base_prefix) not in (Path("/usr"), Path("/usr/local"), Path("/")):
                hidden.append(sys.base_prefix)  # the development interpreter
            command = [
                "unshare",
                "--net",
                "--mount",
                "sh",
                "-c",
                ISOLATE,
                "sh",
                str(self.empty),
                str(ROOT),
                strace_log,
                *hidden,
                "--",
                *command,
            ]
        # A session of its own, so that a timeout ends the program too and not only
        # unshare or strace in front of it.
        with subprocess.Popen(
            command,
            cwd=self.scratch,
            env=self.env(env or {}),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            errors="replace",
            start_new_session=not WINDOWS,
        ) as process:
            try:
                stdout, stderr = process.communicate(timeout=timeout)
            except subprocess.TimeoutExpired:
                if WINDOWS:
                    process.kill()
                else:
                    os.killpg(process.pid, signal.SIGKILL)
                process.communicate()
                pytest.fail(f"{args}: still running after {timeout} s")
        result = subprocess.CompletedProcess(command, process.returncode, stdout, stderr)
        if strace_log:
            self.assert_no_network(Path(strace_log), self.exe)
        if check:
            assert result.returncode == 0, (
                f"{args}: exit {result.returncode}\n{result.stdout}\n{result.stderr}"
            )
            assert "Traceback" not in result.stderr, result.stderr
        return result

    @staticmethod
    def assert_no_network(log: Path, exe: Path) -> None:
        lines = log.read_text(encoding="utf-8", errors="replace").splitlines()
        # The program's own start is in the log: strace really watched it.
        assert any("execve(" in line and str(exe) in line for line in lines), f"strace saw nothing: {log}"
        sockets = [line for line in lines if "socket(" in line or "connect(" in line]
        foreign = [line for line in sockets if "AF_UNIX" not in line and "AF_LOCAL" not in line]
        assert foreign == [], "the bundle created a network socket:\n" + "\n".join(foreign)


@pytest.fixture(scope="module")
def run(usb, tmp_path_factory) -> Runner:
    return Runner(usb / EXE_NAME, tmp_path_factory.mktemp("work"))


@pytest.fixture(scope="module")
def demo_db(run) -> Path:
    db = run.scratch / "デモ.sqlite"
    result = run("demo", "--db", str(db), "--staff", "5")
    assert "5名" in result.stdout and db.is_file()
    return db


def test_bundle_holds_what_the_program_needs(usb):
    internal = usb / "_internal"
    assert (usb / EXE_NAME).is_file()
    if WINDOWS:
        assert (usb / "skillmatrix-gui.exe").is_file()
    for name in (
        "resources/defaults.json",
        "resources/fonts/ipaexg.ttf",
        "resources/fonts/IPA_Font_License_Agreement_v1.0.txt",
        "licenses/Qt/LGPL-3.0.txt",
        "licenses/reportlab",
        "licenses/sqlite-utils",
        "licenses/openpyxl",
    ):
        assert (internal / name).exists(), name
    assert sorted(p.name for p in (internal / "db").glob("*.sql")) == sorted(
        p.name for p in (ROOT / "db").glob("*.sql")
    )
    # Every licence the About dialog names travels in the bundle.
    from skillmatrix.ui.help.about import _normalise, components

    shipped = {_normalise(p.name) for p in (internal / "licenses").iterdir() if any(p.iterdir())}
    assert {_normalise(d) for c in components() for d in c.dists} <= shipped
    qt = internal / "PySide6"
    plugins = {
        p.relative_to(qt / "Qt" / "plugins" if not WINDOWS else qt / "plugins").as_posix()
        for p in qt.rglob("*")
        if "plugins" in p.parts and p.is_file()
    }
    platform_plugins = {Path(p).stem.removeprefix("lib") for p in plugins if p.startswith("platforms/")}
    assert {"qoffscreen", "qwindows" if WINDOWS else "qxcb"} <= platform_plugins
    assert any(p.startswith("printsupport/") for p in plugins) or WINDOWS  # Windows prints natively
    modules = {p.name.split(".")[0] for p in qt.iterdir() if p.suffix in (".so", ".pyd")}
    assert {"QtCore", "QtGui", "QtWidgets", "QtPrintSupport", "QtPdf", "QtPdfWidgets"} <= modules
    # Qt's own Japanese (standard buttons, file dialogs), loaded by install_translations().
    assert "qtbase_ja.qm" in {p.name for p in qt.rglob("*.qm")}
    # Left out on purpose: the Python network module and plugins that listen or connect.
    assert "QtNetwork" not in modules and "QtQml" not in modules
    assert not [
        p for p in plugins if p.startswith(("tls/", "networkinformation/", "generic/")) or "qvnc" in p
    ]


def test_version(run):
    result = run("--version")
    assert result.stdout.strip() == f"SkillMatrix {skillmatrix.__version__}"


def test_demo_and_list(run, demo_db):
    people = json.loads(run("list", "--db", str(demo_db), "--json").stdout)
    assert len(people) == 5
    assert all(p["name"] and p["id"] for p in people)
    assert any(any("\u3040" <= ch <= "\u9fff" for ch in p["name"]) for p in people)  # Japanese names


def test_print_has_japanese_text_and_an_embedded_font(run, demo_db):
    pypdf = pytest.importorskip("pypdf")
    pdf = run.scratch / "履歴書.pdf"
    run("print", "--db", str(demo_db), "--all", "--out", str(pdf))
    reader = pypdf.PdfReader(pdf)
    assert len(reader.pages) >= 5
    names = [p["name"] for p in json.loads(run("list", "--db", str(demo_db), "--json").stdout)]
    text = "".join(page.extract_text() for page in reader.pages)
    assert "スキル履歴書" in text
    assert all(name in text for name in names)
    fonts = {}
    for page in reader.pages[:2]:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = (
                font.get("/FontDescriptor") or font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            ).get_object()
            fonts[str(font["/BaseFont"])] = [k for k in descriptor if k.startswith("/FontFile")]
    assert fonts and all("IPAexGothic" in name for name in fonts)
    assert all(files for files in fonts.values())  # embedded, not merely named


def test_export_and_check(run, demo_db):
    shared = run.scratch / "共有.sqlite"
    result = run("export", "--db", str(demo_db), "--out", str(shared))
    assert "5名" in result.stdout
    assert "問題ありません" in run("check", "--db", str(shared)).stdout
    assert "問題ありません" in run("check", "--db", str(demo_db)).stdout
    with sqlite3.connect(shared) as conn:
        assert conn.execute("PRAGMA application_id").fetchone()[0] == 0x534B4D58


def test_errors_are_one_japanese_line(run):
    result = run("check", "--db", str(run.scratch / "無い.sqlite"), check=False)
    assert result.returncode == 1
    assert result.stderr.startswith("エラー") and result.stderr.count("\n") == 1


def test_window_opens_and_closes(run, demo_db):
    # app.run_window closes the window after SKILLMATRIX_QUIT_AFTER_MS milliseconds.
    result = run("--db", str(demo_db), env={"SKILLMATRIX_QUIT_AFTER_MS": "1500"}, timeout=30)
    assert result.stdout == ""


def test_portable_mode_keeps_everything_beside_the_program(run, usb):
    marker = usb / "portable"
    marker.write_text("", encoding="utf-8")
    try:
        run(env={"SKILLMATRIX_QUIT_AFTER_MS": "1500"}, timeout=30)
        assert (usb / "data" / "skillmatrix.sqlite").is_file()
        assert not (run.home / "data" / "SkillMatrix" / "skillmatrix.sqlite").exists()
    finally:
        marker.unlink()
        shutil.rmtree(usb / "data", ignore_errors=True)


def test_starts_quickly(run):
    started = time.perf_counter()
    run("--version")
    elapsed = time.perf_counter() - started
    print(f"--version: {elapsed:.2f} s")
    assert elapsed < 10


def test_the_network_check_can_fail(tmp_path):
    log = tmp_path / "strace.log"
    log.write_text(
        '7 execve("/usb/skillmatrix", ["/usb/skillmatrix"], 0x7ff /* 9 vars */) = 0\n'
        "7 socket(AF_UNIX, SOCK_STREAM|SOCK_CLOEXEC, 0) = 3\n"
        "7 socket(AF_INET6, SOCK_STREAM|SOCK_CLOEXEC, IPPROTO_TCP) = 4\n",
        encoding="utf-8",
    )
    with pytest.raises(AssertionError, match="AF_INET6"):
        Runner.assert_no_network(log, Path("/usb/skillmatrix"))
    with pytest.raises(AssertionError, match="strace saw nothing"):
        Runner.assert_no_network(log, Path("/elsewhere/skillmatrix"))


def test_runs_were_isolated():
    if not ISOLATED:
        pytest.skip("unshare is not available: the runs above had the network and the source tree")
    if not STRACE:
        pytest.skip(
            "strace is not available: no socket was attempted successfully, but attempts were not logged"
        )
