"""ヘルプ › 操作説明 (F1): the shipped guide opens offline in a QTextBrowser, with its
pictures, and its links lead from page to page."""

import re

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QListWidget, QTextBrowser

from skillmatrix.ui.help.manual import PAGES, ManualWindow, manual_dir


def open_manual(qtbot, window):
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_F1)
    manual = window.findChild(ManualWindow, "manualWindow")
    assert manual is not None
    qtbot.waitUntil(manual.isVisible)
    return manual


def test_f1_opens_the_guide_with_its_pictures(qtbot, window):
    manual = open_manual(qtbot, window)
    browser = manual.findChild(QTextBrowser, "manualBrowser")
    assert manual.current_page() == "index.md"
    text = browser.toPlainText()
    assert "SkillMatrix 操作説明" in text and "スキル履歴書を入力する" in text
    image = browser.document().resource(QTextDocument.ResourceType.ImageResource, QUrl("images/main.png"))
    assert image is not None and not image.isNull()  # loaded from the shipped folder
    assert not browser.openExternalLinks()
    assert window.action("actionManual").shortcut().toString() == "F1"
    # F1 again brings the same window forward rather than opening a second one.
    qtbot.keyClick(window, Qt.Key.Key_F1)
    assert len(window.findChildren(ManualWindow)) == 1


def test_every_page_is_listed_and_its_links_and_pictures_exist():
    folder = manual_dir()
    for name, _title in PAGES:
        text = (folder / name).read_text(encoding="utf-8")
        for target in re.findall(r"\]\(([^)#]+)", text):
            assert not target.startswith(("http:", "https:")), (name, target)
            assert (folder / target).is_file(), (name, target)
    assert {p.name for p in folder.glob("*.md")} == {name for name, _ in PAGES}


def test_the_contents_and_links_lead_to_each_daily_task(qtbot, window):
    manual = open_manual(qtbot, window)
    browser = manual.findChild(QTextBrowser, "manualBrowser")
    contents = manual.findChild(QListWidget, "manualPages")
    for row, (name, title) in enumerate(PAGES):
        contents.setCurrentRow(row)
        assert manual.current_page() == name
        assert title.split("（")[0] in browser.toPlainText()
    manual.follow(QUrl("index.md"))
    assert manual.current_page() == "index.md" and contents.currentRow() == 0
    browser.anchorClicked.emit(QUrl("share.md"))
    assert manual.current_page() == "share.md"
    assert "取り込む" in browser.toPlainText()
    assert contents.currentRow() == [n for n, _ in PAGES].index("share.md")
    manual.follow(QUrl("https://example.invalid/"))  # never opened: the page stays
    assert manual.current_page() == "share.md"


def test_the_guide_explains_the_level_filter_and_the_department_picture():
    from skillmatrix.paths import resources_dir

    text = "".join(p.read_text(encoding="utf-8") for p in (resources_dir() / "manual").glob("*.md"))
    for phrase in ("セキュリティ>=4", "--where", "レーダーチャート", "比べる時点", "異動の影響", "属人化"):
        assert phrase in text, phrase
