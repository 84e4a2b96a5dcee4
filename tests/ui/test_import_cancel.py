"""File > 取り込む shows a cancellable progress dialog while it writes; 中止 in the middle
of the transaction leaves the database byte for byte and row for row as it was."""

import time

import pytest
from PySide6.QtWidgets import QDialog, QProgressDialog, QPushButton

from skillmatrix.app import create_window
from skillmatrix.store.repository import Store
from tests.ui.file_support import Answers, export, file_hash, make_db, rows


@pytest.fixture
def answers(monkeypatch):
    return Answers(monkeypatch)


def open_window(qtbot, path):
    win = create_window(path)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    return win


def start_import(qtbot, window, answers, path):
    answers.files.append(path)
    window.action("actionImport").trigger()
    dialog = [d for d in window.findChildren(QDialog, "importDialog") if d.isVisible()][-1]
    qtbot.waitUntil(lambda: dialog.state != "checking", timeout=20000)
    return dialog


@pytest.fixture
def slow_writes(monkeypatch):
    """Each person written takes 20 ms more, so that the import is surely still running
    when 中止 is pressed (the write itself is the real one)."""
    real = Store._insert_sheet

    def slow(self, *args, **kwargs):
        time.sleep(0.02)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Store, "_insert_sheet", slow)


def test_cancel_in_the_middle_of_an_import_changes_nothing(qtbot, tmp_path, answers, slow_writes):
    source = make_db(tmp_path / "source.sqlite", 148)
    shared = export(source, tmp_path / "from-source.sqlite")
    target = tmp_path / "mine.sqlite"
    make_db(target, 2)
    window = open_window(qtbot, target)
    dialog = start_import(qtbot, window, answers, shared)
    assert dialog.counts()["added"] == 146  # the seed two and two generated are already here
    before_rows, before_bytes = rows(target), file_hash(target)
    dialog.apply_button.click()
    progress = dialog.findChild(QProgressDialog, "importProgress")
    assert progress is not None
    qtbot.waitUntil(lambda: progress.value() >= 25, timeout=20000)  # some people are written
    assert progress.maximum() == 146 and progress.value() < 146
    progress.findChild(QPushButton).click()  # 中止
    qtbot.waitUntil(lambda: dialog.state == "cancelled", timeout=20000)
    assert "中止しました" in dialog.error_label.text()
    assert rows(target) == before_rows
    assert file_hash(target) == before_bytes
    assert window.staff_panel.model.total() == 4


def test_the_progress_dialog_counts_up_to_everyone_when_not_cancelled(qtbot, tmp_path, answers):
    source = make_db(tmp_path / "source.sqlite", 60)
    shared = export(source, tmp_path / "from-source.sqlite")
    target = tmp_path / "mine.sqlite"
    Store.create(target).close()
    window = open_window(qtbot, target)
    dialog = start_import(qtbot, window, answers, shared)
    seen = []
    shown = dialog._progressed

    def spy(value):
        shown(value)
        seen.append((value, dialog.progress_dialog.value(), dialog.progress_dialog.maximum()))

    dialog._progressed = spy
    dialog.apply_button.click()
    qtbot.waitUntil(lambda: dialog.state == "done", timeout=20000)
    assert seen[-1] == ((62, 62), 62, 62) and len(seen) >= 3
    assert window.staff_panel.model.total() == 62
