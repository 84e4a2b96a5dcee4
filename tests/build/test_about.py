"""The About dialog, offscreen: version, data folder and portable mode, Qt version, and
the licence texts of what the program ships (the font's from resources/)."""

import sys

import PySide6
import pytest
from PySide6.QtCore import qVersion
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QTableWidget

from skillmatrix import __version__
from skillmatrix.ui.help import about
from skillmatrix.ui.help.about import AboutDialog


@pytest.fixture(autouse=True)
def private_data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "userdata"))
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "userdata"))
    return tmp_path / "userdata" / "SkillMatrix"


@pytest.fixture
def dialog(qtbot, tmp_path):
    from PySide6.QtWidgets import QApplication

    from skillmatrix.ui.common.application import install_translations

    install_translations(QApplication.instance())  # as the program does at start (Qt's 閉じる)
    dlg = AboutDialog(database=tmp_path / "職員.sqlite")
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    return dlg


def label(dlg, name):
    return dlg.findChild(QLabel, name).text()


def test_shows_version_data_folder_and_qt(dialog, private_data_dir, tmp_path):
    assert dialog.objectName() == "aboutDialog"
    assert __version__ in label(dialog, "aboutTitle")
    assert label(dialog, "aboutVersion") == __version__
    assert label(dialog, "aboutDataDir") == str(private_data_dir)
    assert label(dialog, "aboutPortable").startswith("オフ")
    assert label(dialog, "aboutDatabase") == str(tmp_path / "職員.sqlite")
    assert label(dialog, "aboutQtVersion") == f"Qt {qVersion()} / PySide6 {PySide6.__version__}"


def test_close_button_is_japanese(dialog, qtbot):
    from PySide6.QtWidgets import QDialogButtonBox

    button = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Close)
    assert button.text() == "閉じる"
    with qtbot.wait_signal(dialog.rejected):
        button.click()


def test_lists_the_bundled_licences(dialog):
    table = dialog.findChild(QTableWidget, "licenceTable")
    rows = {table.item(r, 0).text(): table.item(r, 1).text() for r in range(table.rowCount())}
    assert rows["Qt / PySide6"] == "LGPL v3"
    assert rows["reportlab"] == "BSD"
    assert rows["sqlite-utils"] == "Apache 2.0"
    assert rows["openpyxl"] == "MIT"
    assert rows["tqdm"] == "MPL 2.0 / MIT"
    assert rows["xlrd"] == "BSD"
    assert rows["IPAexゴシック (IPAexGothic)"] == "IPAフォントライセンス v1.0"
    text = dialog.findChild(QPlainTextEdit, "licenceText")
    assert "Lesser General Public License" in text.toPlainText()  # the first row is shown


def test_font_licence_is_shown_in_full(dialog, qtbot):
    dialog.select_component("IPAex")
    text = dialog.findChild(QPlainTextEdit, "licenceText").toPlainText()
    assert "IPAフォントライセンスv1.0" in text and "許諾者は" in text
    assert len(text) > 5000


def test_library_licences_come_from_their_metadata(dialog):
    dialog.select_component("reportlab")
    text = dialog.findChild(QPlainTextEdit, "licenceText").toPlainText()
    assert "ReportLab" in text and "Redistribution and use" in text
    dialog.select_component("sqlite-utils")
    assert "Apache License" in dialog.findChild(QPlainTextEdit, "licenceText").toPlainText()


def test_portable_mode_is_reported(qtbot, tmp_path, monkeypatch):
    folder = tmp_path / "usb"
    folder.mkdir()
    (folder / "portable").write_text("", encoding="utf-8")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(folder / "skillmatrix"))
    dlg = AboutDialog()
    qtbot.addWidget(dlg)
    assert label(dlg, "aboutPortable").startswith("オン")
    assert label(dlg, "aboutDataDir") == str(folder.resolve() / "data")
    assert dlg.findChild(QLabel, "aboutDatabase") is None


def test_bundled_licence_folder_is_preferred(qtbot, tmp_path, monkeypatch):
    # The bundle's build copies licence texts to _internal/licenses/<dist>/.
    internal = tmp_path / "_internal"
    (internal / "licenses" / "Qt").mkdir(parents=True)
    (internal / "licenses" / "Qt" / "LGPL-3.0.txt").write_text(
        "GNU LESSER GENERAL PUBLIC LICENSE v3 本文", encoding="utf-8"
    )
    (internal / "licenses" / "Qt" / "GPL-3.0.txt").write_text("GNU GENERAL PUBLIC LICENSE", encoding="utf-8")
    (internal / "licenses" / "Pillow").mkdir()
    (internal / "licenses" / "Pillow" / "LICENSE").write_text("MIT-CMU", encoding="utf-8")
    monkeypatch.setattr(sys, "_MEIPASS", str(internal), raising=False)
    assert about.licence_files("Qt") == [
        ("LGPL-3.0.txt", "GNU LESSER GENERAL PUBLIC LICENSE v3 本文"),
        ("GPL-3.0.txt", "GNU GENERAL PUBLIC LICENSE"),
    ]
    assert about.licence_files("pillow") == [("LICENSE", "MIT-CMU")]  # names compared normalised
    assert about.licence_files("reportlab") == []  # not in this fake bundle


def test_every_named_library_has_its_licence_text():
    # Outside a bundle the texts come from the installed distributions; Qt and Python
    # ship none there (the dialog says where the full text is), the bundle carries both.
    lacking = [
        dist
        for component in about.components()
        for dist in component.dists
        if dist not in ("Qt", "Python") and not about.licence_files(dist)
    ]
    assert lacking == []


def test_help_menu_opens_the_dialog(qtbot, tmp_path):
    from PySide6.QtGui import QAction

    from skillmatrix.app import create_window

    window = create_window(tmp_path / "skills.sqlite")
    qtbot.addWidget(window)
    window.show()
    window.findChild(QAction, "actionAbout").trigger()
    dialog = window.findChild(AboutDialog, "aboutDialog")
    qtbot.waitUntil(lambda: dialog is not None and dialog.isVisible())
    assert label(dialog, "aboutDatabase") == str(tmp_path / "skills.sqlite")
    dialog.reject()
    window.close()
