"""ヘルプ › 動作確認, offscreen: opened from the Help menu, the report of the folder of the
open database, another folder typed in and checked, 「コピー」 to the clipboard."""

import shutil
import sys

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit, QPushButton

from skillmatrix import selftest
from skillmatrix.paths import resources_dir
from skillmatrix.selftest import machine
from skillmatrix.ui.help.selftest import SelftestDialog
from tests.ui.support import commit_text


@pytest.fixture(autouse=True)
def fonts_and_temp(tmp_path, monkeypatch):
    # Modules other tests of this process loaded (Datasette's httpx) are not the program's.
    for name in machine.NETWORK_MODULES:
        monkeypatch.delitem(sys.modules, name, raising=False)
    """The 外字 font the self-test looks for (a TrueType file named ipamjm.ttf) and a
    private temp folder."""
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    shutil.copyfile(resources_dir() / "fonts" / "ipaexg.ttf", fonts / "ipamjm.ttf")
    monkeypatch.setattr(machine, "font_folders", lambda: [fonts, resources_dir() / "fonts"])
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setattr(selftest.tempfile, "tempdir", str(temp))
    return temp


def help_menu(window):
    return next(a.menu() for a in window.menuBar().actions() if a.text() == "ヘルプ(&H)")


def wait_for_report(qtbot, dialog, previous=None):
    qtbot.waitUntil(lambda: dialog.report is not None and dialog.report is not previous, timeout=60000)
    qtbot.waitUntil(lambda: dialog.findChild(QPushButton, "selftestRun").isEnabled())


def test_help_menu_opens_the_selftest_and_shows_the_report(qtbot, window, db_path, tmp_path, fonts_and_temp):
    menu = help_menu(window)
    action = next(a for a in menu.actions() if a.objectName() == "actionSelftest")
    assert action.text() == "動作確認(&T)…"
    action.trigger()
    dialog = window.findChild(SelftestDialog, "selftestDialog")
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.windowTitle() == "動作確認"
    wait_for_report(qtbot, dialog)
    text = dialog.findChild(QPlainTextEdit, "selftestReport").toPlainText()
    assert text == dialog.report.text()
    assert f"✔ データフォルダ: 書き込めます（{db_path.parent}）" in text
    assert "✔ PDF 印刷: 1ページ" in text and "✔ ネットワーク: 通信しません" in text
    assert text.splitlines()[-1] == "結果: すべて正常です"
    assert "上の「フォルダ」に指定して" in text  # the window's hint, not the command's option
    assert dialog.findChild(QLabel, "selftestStatus").text() == "すべて正常です"
    dialog.grab().save(str(tmp_path / "selftest_ok.png"))

    # 「コピー」 with a real click puts the report on the clipboard.
    QTest.mouseClick(dialog.findChild(QPushButton, "selftestCopy"), Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == text
    assert "コピーしました" in dialog.findChild(QLabel, "selftestStatus").text()

    # A folder that does not exist, typed in and checked with the button: ✘ with what to do.
    missing = tmp_path / "サーバー" / "共有"
    field = dialog.findChild(QLineEdit, "selftestFolder")
    field.setFocus()
    commit_text(field, str(missing))  # typed as an IME does: keyClicks aborts on Japanese
    first = dialog.report
    QTest.mouseClick(dialog.findChild(QPushButton, "selftestRun"), Qt.MouseButton.LeftButton)
    wait_for_report(qtbot, dialog, first)
    text = dialog.findChild(QPlainTextEdit, "selftestReport").toPlainText()
    assert f"✘ フォルダ（{missing}）: フォルダがありません" in text
    assert dialog.findChild(QLabel, "selftestStatus").text() == "1件の問題があります（✘ の行）"
    dialog.grab().save(str(tmp_path / "selftest_failed.png"))
    dialog.reject()
    assert list(fonts_and_temp.iterdir()) == []


def test_closing_while_it_runs_waits_for_the_cleanup(qtbot, tmp_path, fonts_and_temp):
    data = tmp_path / "data"
    data.mkdir()
    dialog = SelftestDialog(data)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.reject()  # at once, while the worker runs
    assert not dialog.workers.busy()
    assert list(data.iterdir()) == [] and list(fonts_and_temp.iterdir()) == []
