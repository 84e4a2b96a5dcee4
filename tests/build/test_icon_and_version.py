"""The bundle's icon and Windows version resource, checked without running PyInstaller:
the committed ICO and PNG, the version file generated from skillmatrix.__version__, the
spec handing both to each executable, and the window's icon."""

import importlib
import importlib.util
import re
import sys
import types
from pathlib import Path

import pytest
from packaging.markers import default_environment
from PIL import Image

import skillmatrix

ROOT = Path(__file__).resolve().parents[2]
ICO = ROOT / "resources" / "icons" / "skillmatrix.ico"
PNG = ROOT / "resources" / "icons" / "skillmatrix.png"


def load_build_module(name: str):
    spec = importlib.util.spec_from_file_location(f"build_{name}", ROOT / "build" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


version_info = load_build_module("version_info")
make_icon = load_build_module("make_icon")


def ico_directory(path: Path) -> list[tuple[int, int]]:
    """Reads the ICO header by hand: (width, height) of every image it holds."""
    data = path.read_bytes()
    reserved, kind, count = (
        int.from_bytes(data[0:2], "little"),
        int.from_bytes(data[2:4], "little"),
        int.from_bytes(data[4:6], "little"),
    )
    assert (reserved, kind) == (0, 1), "not an ICO file"
    sizes = []
    for i in range(count):
        entry = data[6 + 16 * i : 22 + 16 * i]
        width, height = entry[0] or 256, entry[1] or 256  # 0 means 256 in an ICO directory
        size, offset = int.from_bytes(entry[8:12], "little"), int.from_bytes(entry[12:16], "little")
        assert offset + size <= len(data)
        sizes.append((width, height))
    return sizes


def test_the_icon_is_a_valid_ico_with_the_windows_sizes():
    assert sorted(ico_directory(ICO)) == [(16, 16), (32, 32), (48, 48), (256, 256)]
    with Image.open(ICO) as image:
        assert image.format == "ICO"
        for size in (16, 32, 48, 256):
            image.size = (size, size)
            image.load()
            rgba = image.convert("RGBA")
            assert rgba.size == (size, size)
            # Drawn, not blank: the corner is transparent, the middle is opaque.
            assert rgba.getpixel((0, 0))[3] < 16
            assert rgba.getpixel((size // 2, size // 2))[3] == 255
    with Image.open(PNG) as png:
        assert png.format == "PNG" and png.size == (256, 256)


def test_the_committed_icons_are_what_the_script_draws(tmp_path):
    png, ico = make_icon.write_icons(tmp_path)
    for committed, fresh in ((PNG, png), (ICO, ico)):
        with Image.open(committed) as a, Image.open(fresh) as b:
            assert a.size == b.size
            assert a.convert("RGBA").tobytes() == b.convert("RGBA").tobytes(), committed.name


class Recorder:
    """Stands in for PyInstaller's version-info classes: keeps the arguments."""

    def __init__(self, kind, *args, **kwargs):
        self.kind, self.args, self.kwargs = kind, args, kwargs


def parse_version_file(text: str) -> Recorder:
    names = [
        "VSVersionInfo",
        "FixedFileInfo",
        "StringFileInfo",
        "StringTable",
        "StringStruct",
        "VarFileInfo",
        "VarStruct",
    ]
    namespace = {n: (lambda *a, _n=n, **k: Recorder(_n, *a, **k)) for n in names}
    # PyInstaller evaluates the file the same way (eval of its text with these names).
    return eval(compile(text, "version.txt", "eval"), {"__builtins__": {}}, namespace)


def test_version_file_carries_the_version_and_japanese_strings(tmp_path):
    written = version_info.write_version_files(tmp_path)
    assert set(written) == {"skillmatrix", "skillmatrix-gui"}
    text = written["skillmatrix-gui"].read_text(encoding="utf-8")
    assert text.startswith("# UTF-8")
    info = parse_version_file(text)
    assert info.kind == "VSVersionInfo"
    numbers = tuple(int(n) for n in re.findall(r"\d+", skillmatrix.__version__)[:3]) + (0,)
    fixed = info.kwargs["ffi"]
    assert fixed.kwargs["filevers"][:3] == numbers[:3] and fixed.kwargs["prodvers"][:3] == numbers[:3]
    string_info, var_info = info.kwargs["kids"]
    table = string_info.args[0][0]
    assert table.args[0] == "041104B0"  # Japanese, Unicode
    strings = {s.args[0]: s.args[1] for s in table.args[1]}
    assert strings["FileVersion"] == skillmatrix.__version__
    assert strings["ProductVersion"] == skillmatrix.__version__
    assert strings["OriginalFilename"] == "skillmatrix-gui.exe"
    for key in ("CompanyName", "ProductName", "FileDescription"):
        assert re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", strings[key]), (
            f"{key} is not Japanese: {strings[key]}"
        )
    assert "ウィンドウ" in strings["FileDescription"]
    assert var_info.args[0][0].args == ("Translation", [0x0411, 1200])
    console = {
        s.args[0]: s.args[1]
        for s in parse_version_file(written["skillmatrix"].read_text(encoding="utf-8"))
        .kwargs["kids"][0]
        .args[0][0]
        .args[1]
    }
    assert console["OriginalFilename"] == "skillmatrix.exe" and "コマンド" in console["FileDescription"]


def test_version_numbers_follow_the_program_version():
    assert version_info.version_tuple("1.2.3") == (1, 2, 3, 0)
    assert version_info.version_tuple("0.1.0.dev4") == (0, 1, 0, 0)
    assert version_info.version_tuple("2.0") == (2, 0, 0, 0)
    assert version_info.program_version() == skillmatrix.__version__


def run_spec(tmp_path, monkeypatch, platform: str) -> list[dict]:
    """Executes build/skillmatrix.spec with PyInstaller's build classes replaced by
    recorders; returns the keyword arguments of every EXE."""
    exes = []

    class Analysis:
        def __init__(self, *args, **kwargs):
            self.datas, self.binaries, self.pure, self.scripts = [], [], [], []

    hooks = types.ModuleType("PyInstaller.utils.hooks")
    hooks.collect_submodules = lambda name: [name]
    for name, module in (
        ("PyInstaller", types.ModuleType("PyInstaller")),
        ("PyInstaller.utils", types.ModuleType("PyInstaller.utils")),
        ("PyInstaller.utils.hooks", hooks),
    ):
        monkeypatch.setitem(sys.modules, name, module)
    # packaging caches the marker environment on first use (26.3+): compute it from the real
    # platform first, so that the spec's marker checks under the patched one do not poison it.
    default_environment()
    monkeypatch.setattr(sys, "platform", platform)
    monkeypatch.setattr(sys, "path", list(sys.path))  # the spec puts build/ on it
    namespace = {
        "SPECPATH": str(ROOT / "build"),
        "workpath": str(tmp_path / "work"),
        "Analysis": Analysis,
        "PYZ": lambda *a, **k: object(),
        "EXE": lambda *a, **k: exes.append(k) or object(),
        "COLLECT": lambda *a, **k: object(),
    }
    spec = ROOT / "build" / "skillmatrix.spec"
    exec(compile(spec.read_text(encoding="utf-8"), str(spec), "exec"), namespace)
    return exes


@pytest.mark.parametrize("platform", ["win32", "linux"])
def test_the_spec_gives_each_executable_the_icon_and_its_version_file(tmp_path, monkeypatch, platform):
    exes = run_spec(tmp_path, monkeypatch, platform)
    names = [e["name"] for e in exes]
    assert names == (["skillmatrix", "skillmatrix-gui"] if platform == "win32" else ["skillmatrix"])
    for exe in exes:
        assert Path(exe["icon"]) == ICO
        version_file = Path(exe["version"])
        assert version_file.parent == tmp_path / "work"  # generated for this build, not committed
        strings = version_file.read_text(encoding="utf-8")
        assert f"'FileVersion', '{skillmatrix.__version__}'" in strings
        assert f"'OriginalFilename', '{exe['name']}.exe'" in strings
    if platform == "win32":
        gui = next(e for e in exes if e["name"] == "skillmatrix-gui")
        assert gui["console"] is False


def test_the_window_uses_the_icon(qtbot, tmp_path, monkeypatch):
    from PySide6.QtCore import QCoreApplication, QLocale
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from skillmatrix.app import create_window
    from skillmatrix.ui.common.application import configure_application

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "userdata"))
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "userdata"))
    app = QApplication.instance()
    saved = (
        app.font(),
        QLocale(),
        app.windowIcon(),
        QCoreApplication.organizationName(),
        QCoreApplication.applicationName(),
    )
    try:
        app.setWindowIcon(QIcon())  # as before the program configures the application
        configure_application(app)
        icon = app.windowIcon()
        assert not icon.isNull()
        assert icon.pixmap(32, 32).toImage().pixelColor(16, 16).alpha() == 255
        window = create_window(tmp_path / "skills.sqlite")
        qtbot.addWidget(window)
        assert window.windowIcon().cacheKey() == icon.cacheKey()  # windows take the application's icon
        window.close()
    finally:
        app.setFont(saved[0])
        QLocale.setDefault(saved[1])
        app.setWindowIcon(saved[2] if not saved[2].isNull() else QIcon())
        QCoreApplication.setOrganizationName(saved[3])
        QCoreApplication.setApplicationName(saved[4])


def test_pyinstaller_reads_the_version_file_into_a_resource(tmp_path, monkeypatch):
    """With the build extra installed: PyInstaller's own parser turns the file into the
    binary resource it writes into the exe, Japanese strings included (UTF-16)."""
    compat = pytest.importorskip("PyInstaller.compat")
    pytest.importorskip("pefile")
    # versioninfo imports win32api from compat; it is used only when writing into an exe.
    monkeypatch.setattr(compat, "win32api", None, raising=False)
    versioninfo = importlib.import_module("PyInstaller.utils.win32.versioninfo")
    path = version_info.write_version_files(tmp_path)["skillmatrix-gui"]
    raw = versioninfo.load_version_info_from_text_file(str(path)).toRaw()
    for text in (version_info.COMPANY, version_info.PRODUCT, skillmatrix.__version__, "skillmatrix-gui.exe"):
        assert text.encode("utf-16-le") in raw
