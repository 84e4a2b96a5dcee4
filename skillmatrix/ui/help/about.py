"""The About dialog (SkillMatrixについて): version, the data folder in use, the Qt version,
and the licences of everything the program ships with.

The licences matter because the program is handed on as a folder on a USB stick: the
bundle carries Qt and PySide6 (LGPLv3), reportlab (BSD), sqlite-utils (Apache 2.0),
openpyxl (MIT), the IPAexGothic font (IPA Font License v1.0) and Python itself, and each
asks for its licence text to travel with it. The bundle's build (build/skillmatrix.spec)
copies those texts into its licenses/ folder; an installed program reads them from the
installed distributions' metadata; the font's licence always comes from resources/.
Nothing here opens a link: paths and addresses are plain, selectable text.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import PySide6
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from skillmatrix import __version__, paths

FONT_LICENCE = "IPA_Font_License_Agreement_v1.0.txt"
LICENCE_WORDS = ("licen", "copying", "notice")


@dataclass(frozen=True)
class Component:
    """One piece of software the program ships with.

    Attributes:
        name: what the user sees.
        licence: the licence's name.
        dists: distribution names whose licence files to show (also the folder names under
            the bundle's licenses/).
        note: shown above the licence texts (how the licence is honoured, where the full
            text is when no file ships).
        file: a licence file inside resources/ (the font's).
    """

    name: str
    licence: str
    dists: tuple[str, ...] = ()
    note: str = ""
    file: str = ""


def _normalise(name: str) -> str:
    return name.lower().replace("_", "-").replace(".", "-")


def bundled_licences_dir() -> Path | None:
    """Returns the bundle's licenses/ folder, or None outside a bundle."""
    base = getattr(sys, "_MEIPASS", None)
    folder = Path(base) / "licenses" if base else None
    return folder if folder and folder.is_dir() else None


def licence_files(dist: str) -> list[tuple[str, str]]:
    """Returns (file name, text) of the licence files of a distribution: the bundle's copy,
    else the installed distribution's metadata; [] when neither has any."""
    bundled = bundled_licences_dir()
    if bundled is not None:
        # The build names the folders as the distributions spell themselves (Pillow or
        # pillow, et_xmlfile or et-xmlfile): compare normalised names.
        for folder in bundled.iterdir():
            if folder.is_dir() and _normalise(folder.name) == _normalise(dist):
                # Qt's LGPL first: the GPL after it is the text the LGPL builds on.
                files = sorted(folder.iterdir(), key=lambda p: (not p.name.startswith("LGPL"), p.name))
                return [
                    (p.name, p.read_text(encoding="utf-8", errors="replace")) for p in files if p.is_file()
                ]
        return []
    try:
        dist_files = metadata.distribution(dist).files or []
    except metadata.PackageNotFoundError:
        return []
    found = []
    for file in dist_files:
        if any(word in file.name.lower() for word in LICENCE_WORDS) and ".dist-info" in str(file.parent):
            try:
                found.append((file.name, Path(file.locate()).read_text(encoding="utf-8", errors="replace")))
            except OSError:
                continue
    return found


def licence_text(component: Component) -> str:
    """Returns everything there is to read about a component's licence, as one text."""
    parts = [f"{component.name} — {component.licence}"]
    if component.note:
        parts.append(component.note)
    if component.file:
        try:
            parts.append((paths.resources_dir() / "fonts" / component.file).read_text(encoding="utf-8"))
        except (OSError, FileNotFoundError):
            parts.append(f"（{component.file} が見つかりません）")
    for dist in component.dists:
        for name, text in licence_files(dist):
            parts.append(f"――― {dist}: {name} ―――\n{text.strip()}")
    return "\n\n".join(parts)


def components(tr: Callable[[str], str] = str) -> list[Component]:
    """Returns what the program ships with and under which licence, in the About dialog's
    order; tr translates the user-visible text."""
    lgpl = tr(
        "Qt と PySide6（shiboken6 を含む）は GNU Lesser General Public License v3 で提供されています。"
        "このプログラムはそれらを変更せず、差し替え可能な動的ライブラリとして使っています"
        "（配布フォルダでは _internal/PySide6 の中）。ソースコードは https://download.qt.io/ と "
        "https://code.qt.io/ から入手できます。ライセンスの全文: https://www.gnu.org/licenses/lgpl-3.0.html"
    )
    components = [
        Component("Qt / PySide6", "LGPL v3", ("Qt",), lgpl),
        Component(
            "IPAexゴシック (IPAexGothic)",
            tr("IPAフォントライセンス v1.0"),
            (),
            tr("画面と印刷（PDFに埋め込み）に使う日本語フォントです。変更せずに同梱しています。"),
            FONT_LICENCE,
        ),
        Component("reportlab", "BSD", ("reportlab",)),
        Component("sqlite-utils", "Apache 2.0", ("sqlite-utils",)),
        Component("openpyxl", "MIT", ("openpyxl", "et_xmlfile")),
        Component("xlrd", "BSD", ("xlrd",)),  # old .xls résumés (exchange/excel/legacy.py)
        Component(
            "tqdm",
            "MPL 2.0 / MIT",
            ("tqdm",),
            tr("コマンドの進み具合の表示に使っています（Windows では colorama、BSD、と共に）。"),
        ),
        Component(
            "Python",
            "PSF License",
            ("Python",),
            tr("ライセンスの全文: https://docs.python.org/3/license.html"),
        ),
        Component(
            "SQLite",
            tr("パブリックドメイン"),
            (),
            tr("SQLite は著作権を放棄したパブリックドメインのソフトウェアです。"),
        ),
        Component("Pillow", "MIT-CMU", ("pillow",)),
        Component(
            tr("そのほか sqlite-utils と reportlab が使うライブラリ"),
            "BSD / MIT / Apache 2.0",
            (
                "click",
                "click-default-group",
                "pluggy",
                "python-dateutil",
                "sqlite-fts4",
                "tabulate",
                "charset-normalizer",
                "tzdata",
            ),
        ),
    ]
    return components


class AboutDialog(QDialog):
    """SkillMatrixについて (objectName aboutDialog).

    Args:
        database: the database the window has open, shown when given.
        parent: the main window.
    """

    def __init__(self, database: Path | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(self.tr("SkillMatrixについて"))
        self.components = components(self.tr)

        title = QLabel(f"SkillMatrix {__version__}", objectName="aboutTitle")
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        title.setFont(font)
        summary = QLabel(self.tr("スキル履歴書の管理。インターネットには一切接続しません。"))

        portable = paths.portable_data_dir() is not None
        form = QFormLayout()
        form.addRow(self.tr("バージョン"), self._value(__version__, "aboutVersion"))
        form.addRow(self.tr("データフォルダ"), self._value(str(paths.data_dir()), "aboutDataDir"))
        form.addRow(
            self.tr("ポータブルモード"),
            self._value(
                self.tr("オン（プログラムの横の data フォルダを使います）")
                if portable
                else self.tr("オフ（ユーザーのデータフォルダを使います）"),
                "aboutPortable",
            ),
        )
        if database is not None:
            form.addRow(self.tr("データベース"), self._value(str(database), "aboutDatabase"))
        form.addRow(
            self.tr("Qt / PySide6"),
            self._value(f"Qt {qVersion()} / PySide6 {PySide6.__version__}", "aboutQtVersion"),
        )
        form.addRow(self.tr("Python"), self._value(sys.version.split()[0], "aboutPythonVersion"))

        self.table = QTableWidget(len(self.components), 2, self, objectName="licenceTable")
        self.table.setHorizontalHeaderLabels([self.tr("同梱しているソフトウェア"), self.tr("ライセンス")])
        for row, component in enumerate(self.components):
            self.table.setItem(row, 0, QTableWidgetItem(component.name))
            self.table.setItem(row, 1, QTableWidgetItem(component.licence))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.currentCellChanged.connect(lambda row, *_: self._show_licence(row))

        self.text = QPlainTextEdit(self, objectName="licenceText")
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(summary)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("ライセンス（行を選ぶと全文を表示します）")))
        layout.addWidget(self.table, 3)
        layout.addWidget(self.text, 4)
        layout.addWidget(buttons)
        self.table.setCurrentCell(0, 0)
        metrics = self.fontMetrics()
        self.table.resizeRowsToContents()
        self.resize(metrics.averageCharWidth() * 110, metrics.height() * 48)

    def _value(self, text: str, name: str) -> QLabel:
        label = QLabel(text, objectName=name)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.setWordWrap(True)
        return label

    def _show_licence(self, row: int) -> None:
        if 0 <= row < len(self.components):
            self.text.setPlainText(licence_text(self.components[row]))

    def select_component(self, name: str) -> None:
        """Shows the licence of the component whose name starts with name."""
        for row, component in enumerate(self.components):
            if component.name.startswith(name):
                self.table.setCurrentCell(row, 0)
                return
        raise KeyError(name)
