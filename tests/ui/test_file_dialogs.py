"""Issue 13 items 4 and 5: file dialogs start in 「ドキュメント」 (then the last folder of their
kind), never offer the open database as an import; Qt's own buttons are in Japanese."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFileDialog, QPushButton

from skillmatrix.store.backup import make_backup
from skillmatrix.ui.common import prompts
from skillmatrix.ui.common.settings import documents_folder
from tests.ui.file_support import export, make_db


def test_import_starts_in_documents_and_refuses_the_open_database(qtbot, window, tmp_path, monkeypatch):
    calls, told = [], []
    answers = []
    monkeypatch.setattr(
        QFileDialog,
        "getOpenFileName",
        staticmethod(lambda *a, **k: (calls.append(a), (answers.pop(0), ""))[1]),
    )
    monkeypatch.setattr(prompts, "tell", lambda _p, title, text, *a, **k: told.append(text))
    db = window.store.path
    backup = make_backup(db, reason="test")
    for refused in (db, backup):
        answers.append(str(refused))
        window.action("actionImport").trigger()
        assert "取り込めません" in told[-1] or "開いているデータベース" in told[-1]
        assert not [d for d in window.findChildren(QDialog, "importDialog") if d.isVisible()]
    start = calls[0][2]
    assert start == str(documents_folder())
    assert db.parent.resolve() not in (documents_folder().resolve(),)
    # A real shared file is accepted; the next import starts in its folder.
    shared_folder = tmp_path / "received"
    shared_folder.mkdir()
    shared = export(make_db(tmp_path / "office.sqlite", 1), shared_folder / "shared.sqlite")
    answers.append(str(shared))
    window.action("actionImport").trigger()
    dialogs = [d for d in window.findChildren(QDialog, "importDialog") if d.isVisible()]
    assert dialogs
    qtbot.waitUntil(lambda: dialogs[0].state != "checking", timeout=20000)
    dialogs[0].reject()
    answers.append("")
    window.action("actionImport").trigger()
    assert calls[-1][2] == str(shared_folder)


def test_standard_buttons_are_named_by_qts_japanese_translation(qtbot, window):
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel | QDialogButtonBox.StandardButton.Close)
    qtbot.addWidget(box)
    texts = sorted(b.text() for b in box.buttons())
    assert texts == sorted(["キャンセル", "閉じる"])
    window.action("actionAbout").trigger()
    about = [d for d in window.findChildren(QDialog, "aboutDialog") if d.isVisible()][-1]
    assert "閉じる" in [b.text() for b in about.findChildren(QPushButton)]
    qtbot.keyClick(about, Qt.Key.Key_Escape)
