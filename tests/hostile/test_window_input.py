"""The window under the same guards: a name that reads differently from what is stored is
refused, and a PDF export onto the open database is refused with one line."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from skillmatrix.domain.model import Entry, Staff
from skillmatrix.store.repository import Store
from tests.ui.support import commit_text, find, snapshot


@pytest.fixture
def one_person(tmp_path):
    path = tmp_path / "skills.sqlite"
    with Store.create(path) as store:
        category = store.categories()[0].id
        store.add_staff(
            Staff(name="藤沢 花子", kana="ふじさわ はなこ", entries=[Entry(1, category, "研修", "training")])
        )
    return path


@pytest.fixture
def window(qtbot, one_person):
    from skillmatrix.app import create_window

    win = create_window(one_person)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()


@pytest.mark.parametrize(
    ("field", "text", "code"),
    [("nameEdit", "山田\u202e郎太", "U+202E"), ("kanaEdit", "やま\u200bだ", "U+200B")],
)
def test_invisible_characters_in_names_are_refused(qtbot, window, one_person, field, text, code):
    edit = find(window, QLineEdit, field)
    before = snapshot(one_person)
    edit.setFocus()
    edit.selectAll()
    commit_text(edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert snapshot(one_person) == before
    assert (
        code in window.statusBar().currentMessage() and "見えない文字" in window.statusBar().currentMessage()
    )
    assert window.session.undo_stack.count() == 0


def test_pdf_export_onto_the_open_database_is_refused(qtbot, window, one_person, monkeypatch):
    before = one_person.read_bytes()
    controller = window.printing
    monkeypatch.setattr(controller, "ask_pdf_path", lambda name: one_person)
    job = controller._job()
    assert controller.export_job(job) is None
    message = window.statusBar().currentMessage()
    assert "開いているデータベースには書き出せません" in message and "\n" not in message
    assert one_person.read_bytes() == before


def test_title_says_when_the_database_is_on_a_network_drive(qtbot, tmp_path, monkeypatch):
    from skillmatrix.app import create_window
    from skillmatrix.files import locations

    share = tmp_path / "share"
    share.mkdir()
    monkeypatch.setattr(locations, "_mounts", lambda: [("/", "ext4"), (str(share), "cifs")])
    for folder, shown in ((share, True), (tmp_path, False)):
        win = create_window(folder / "skills.sqlite")
        qtbot.addWidget(win)
        try:
            assert ("ネットワークドライブ" in win.windowTitle()) is shown
            assert win.store.db.execute("PRAGMA journal_mode").fetchone()[0] == ("delete" if shown else "wal")
        finally:
            win.close()
