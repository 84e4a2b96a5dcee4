"""ヘルプ › 操作説明 (F1): the Japanese guide shipped in resources/manual/, shown offline.

The guide is a few Markdown pages with PNG pictures made by tests/ui/manual_screenshots.py.
QTextBrowser renders Markdown itself and loads the pictures from the same folder: no web
engine, no network. Links between the pages are followed inside the browser; a link that
leaves the manual folder (a web address) is never opened, only its address is shown.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from skillmatrix import paths

# (file, title): the table of contents, in reading order.
PAGES = (
    ("index.md", "はじめに（画面の見方）"),
    ("resume.md", "スキル履歴書を入力する"),
    ("print.md", "印刷する"),
    ("share.md", "共有ファイルの書き出しと取り込み"),
    ("department.md", "部門タブ"),
    ("backups.md", "バックアップと復元"),
)


def manual_dir() -> Path:
    """Returns the folder of the shipped guide."""
    return paths.resources_dir() / "manual"


class ManualWindow(QDialog):
    """The guide: its contents on the left, the page on the right (not modal, so it can
    stay open beside the main window)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("manualWindow")
        self.setWindowTitle(self.tr("SkillMatrix 操作説明"))
        self.folder = manual_dir()
        self.contents = QListWidget(objectName="manualPages")
        for name, title in PAGES:
            item = QListWidgetItem(self.tr(title))
            item.setData(256, name)  # Qt.UserRole
            self.contents.addItem(item)
        self.browser = QTextBrowser(objectName="manualBrowser")
        self.browser.setOpenExternalLinks(False)
        self.browser.setOpenLinks(False)  # every link goes through follow()
        self.browser.setSearchPaths([str(self.folder)])
        self.browser.anchorClicked.connect(self.follow)
        self.contents.currentRowChanged.connect(
            lambda row: self.show_page(PAGES[row][0]) if row >= 0 else None
        )
        splitter = QSplitter()
        splitter.addWidget(self.contents)
        splitter.addWidget(self.browser)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([220, 760])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("閉じる"))
        buttons.rejected.connect(self.close)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(row)
        self.resize(1000, 720)
        self.contents.setCurrentRow(0)

    def show_page(self, name: str, fragment: str = "") -> None:
        """Shows one page of the guide (a file name in the manual folder)."""
        path = (self.folder / name).resolve()
        if path.parent != self.folder.resolve() or not path.is_file():
            self.browser.setPlainText(self.tr("操作説明のページが見つかりません: {name}").format(name=name))
            return
        url = QUrl.fromLocalFile(str(path))
        if fragment:
            url.setFragment(fragment)
        self.browser.setSource(url, QTextDocument.ResourceType.MarkdownResource)
        names = [n for n, _ in PAGES]
        if name in names and self.contents.currentRow() != names.index(name):
            self.contents.blockSignals(True)
            self.contents.setCurrentRow(names.index(name))
            self.contents.blockSignals(False)

    def follow(self, url: QUrl) -> None:
        """Follows a link inside the manual; anything else is not opened (no network)."""
        if url.scheme() in ("", "file") and url.path().endswith(".md"):
            self.show_page(Path(url.path()).name, url.fragment())
        elif url.scheme() == "" and url.hasFragment():
            self.browser.scrollToAnchor(url.fragment())
        else:
            self.browser.setToolTip(url.toString())

    def current_page(self) -> str:
        """Returns the file name of the page shown."""
        return Path(self.browser.source().toLocalFile()).name
