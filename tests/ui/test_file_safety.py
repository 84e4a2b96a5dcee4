"""The window and its file: read-only viewing, the lock against a second window, the
check on opening with the offer of the newest good backup, restoring a backup, and the
daily backup in a worker thread."""

import os
import sqlite3

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLineEdit, QTableView, QTableWidget, QToolButton

from skillmatrix.app import create_window
from skillmatrix.domain.model import Staff
from skillmatrix.store.backup import list_backups, make_backup
from skillmatrix.store.errors import StoreError
from skillmatrix.store.lock import InUseError
from skillmatrix.store.repository import Store
from skillmatrix.ui.files import opening
from skillmatrix.ui.files.file_actions import EDITING_ACTIONS
from skillmatrix.ui.files.opening import DamagedError, open_with_questions
from tests.ui.file_support import Answers, file_hash, make_db, rows
from tests.ui.support import commit_text, find, press_enter

READ_ONLY_TITLE = "［読み取り専用］"


@pytest.fixture
def answers(monkeypatch):
    return Answers(monkeypatch)


def show(qtbot, win):
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    return win


def assert_read_only(win):
    assert READ_ONLY_TITLE in win.windowTitle()
    for name in EDITING_ACTIONS:
        assert not win.action(name).isEnabled(), name
    for name in ("cut", "paste", "clear"):
        assert not win.sheet_editor.grid.grid_actions[name].isEnabled()
    buttons = [b for b in win.findChildren(QToolButton) if b.objectName().startswith("qualificationTable_")]
    assert buttons and not any(b.isEnabled() for b in buttons)
    assert not win.action("actionUndo").isEnabled()
    for name in ("actionExportShared", "actionPrintPreview", "actionPrint", "actionOpen"):
        assert win.action(name).isEnabled(), name  # reading, printing and sharing stay available


def poke_at(qtbot, win):
    """Tries to change things the ways a user would."""
    name = find(win, QLineEdit, "nameEdit")
    name.setFocus()
    commit_text(name, "書き換え")
    press_enter(qtbot, name)
    grid = find(win, QTableView, "skillGrid")
    grid.model().setData(grid.model().index(2, 2), "変更", Qt.ItemDataRole.EditRole)
    for action in ("actionNewStaff", "actionDeleteStaff", "actionSortByKana"):
        win.action(action).trigger()
    win.sheet_editor.grid.clear_cells()


def test_file_open_read_only_disables_editing_and_never_touches_the_file(qtbot, tmp_path, answers):
    db = make_db(tmp_path / "chief.sqlite", 2)
    other = tmp_path / "mine.sqlite"
    win = show(qtbot, create_window(other))
    before = file_hash(db)
    answers.files.append(db)
    win.action("actionOpenReadOnly").trigger()
    assert win.store.path == db and win.store.readonly
    assert_read_only(win)
    poke_at(qtbot, win)
    win.action("actionExportShared").trigger()  # sharing from a read-only file works
    dialog = win.findChild(QDialog, "exportDialog")
    assert dialog is not None
    dialog.reject()
    win.close()
    assert file_hash(db) == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("chief")) == ["chief.sqlite"]
    # The window it came from may open it for writing again: no lock was left behind.
    again = show(qtbot, create_window(db))
    assert READ_ONLY_TITLE not in again.windowTitle() and again.action("actionNewStaff").isEnabled()
    assert again.action("actionImport").isEnabled()
    again.close()


def test_a_file_that_cannot_be_written_opens_read_only(qtbot, tmp_path, monkeypatch):
    db = make_db(tmp_path / "stick.sqlite", 1)
    before = file_hash(db)
    # Tests run as root, which may write anywhere: the seam stands for os.access.
    monkeypatch.setattr(opening, "can_write", lambda path: False)
    win = show(qtbot, create_window(db))
    assert_read_only(win)
    assert "書き込めない" in win.statusBar().currentMessage()
    poke_at(qtbot, win)
    win.close()
    assert file_hash(db) == before
    assert not (tmp_path / "stick.sqlite.lock").exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write a read-only folder")
def test_a_read_only_folder_opens_read_only(qtbot, tmp_path):  # pragma: no cover - not as root
    db = make_db(tmp_path / "ro" / "stick.sqlite", 1)
    os.chmod(db.parent, 0o555)
    try:
        win = show(qtbot, create_window(db))
        assert_read_only(win)
        win.close()
    finally:
        os.chmod(db.parent, 0o755)


def test_a_second_window_on_a_locked_file_is_offered_read_only(qtbot, tmp_path, answers):
    db = make_db(tmp_path / "shared.sqlite", 2)
    first = show(qtbot, create_window(db))
    with pytest.raises(InUseError):
        create_window(db)  # no questions in the contract: it says why
    # What run_window does: ask, then open read-only.
    second, note = open_with_questions(None, db, False, lambda ro: create_window(db, readonly=ro))
    show(qtbot, second)
    title, text, detail = answers.asked[-1]
    assert title == "使用中のファイル" and "編集中" in text and "読み取り専用で開きますか" in detail
    assert second.store.readonly and READ_ONLY_TITLE in second.windowTitle()
    assert "読み取り専用" in note
    second.close()
    # File > 開く in another window: declined, nothing changes; accepted, read-only.
    third = show(qtbot, create_window(tmp_path / "other.sqlite"))
    answers.yes.append(False)
    assert not third.open_database(db)
    assert third.store.path.name == "other.sqlite" and not third.store.readonly
    assert third.open_database(db)
    assert third.store.readonly and READ_ONLY_TITLE in third.windowTitle()
    third.close()
    first.session.add_staff(Staff(name="書き込めるのは一人"))  # the holder still writes
    first.close()
    assert not first.store.readonly


def test_restore_from_a_backup_keeps_the_state_before_it(qtbot, tmp_path, answers):
    db = make_db(tmp_path / "chief.sqlite", 2)
    make_backup(db, "manual")
    win = show(qtbot, create_window(db))
    win.session.add_staff(Staff(name="後から追加"))
    win.session.delete_staff(win.store.staff_ids()[0])
    after_edits = rows(db)[0]
    assert len(after_edits) == 4
    win.action("actionRestoreBackup").trigger()
    dialog = win.findChild(QDialog, "backupsDialog")
    qtbot.waitUntil(dialog.checks_done, timeout=20000)
    table = dialog.findChild(QTableWidget, "backupTable")
    assert table.rowCount() == 1
    assert table.item(0, 1).text() == "手動" and table.item(0, 2).text() == "4名"
    assert table.item(0, 3).text() == "正常"
    assert dialog.restore_button.isEnabled()
    dialog.restore_button.click()
    assert "4名" in answers.asked[-1][1]
    assert len(rows(db)[0]) == 4 and "後から追加" not in {p["name"] for p in rows(db)[0]}
    assert win.staff_panel.model.total() == 4
    assert win.session.undo_stack.count() == 0 and not dialog.isVisible()
    # The state before the restore is itself a backup.
    saved = [b for b in list_backups(db) if b.reason == "restore"]
    assert len(saved) == 1
    with Store.open(saved[0].path, readonly=True) as store:
        assert "後から追加" in {s.name for s in store.staff_summaries()}
    # The window goes on editing the restored file, still holding the lock.
    assert win.session.add_staff(Staff(name="復元後の追加"))
    win.close()
    assert "復元後の追加" in {p["name"] for p in rows(db)[0]}


def test_a_declined_restore_changes_nothing(qtbot, tmp_path, answers):
    db = make_db(tmp_path / "chief.sqlite", 1)
    make_backup(db, "manual")
    win = show(qtbot, create_window(db))
    win.session.add_staff(Staff(name="残る人"))
    before = rows(db)
    win.action("actionRestoreBackup").trigger()
    dialog = win.findChild(QDialog, "backupsDialog")
    qtbot.waitUntil(dialog.checks_done, timeout=20000)
    answers.yes.append(False)
    dialog.restore_button.click()
    assert rows(db) == before and dialog.isVisible()
    dialog.reject()
    win.close()


def corrupt(path):
    """Overwrites the inside of some pages: the header stays, quick_check fails. Pages of
    the schema are spared (the file still reads as ours, with its staff counted)."""
    size = path.stat().st_size
    conn = sqlite3.connect(path)
    schema_pages = {p for (p,) in conn.execute("SELECT pageno FROM dbstat WHERE name = 'sqlite_schema'")}
    conn.close()
    with open(path, "r+b") as f:
        for page in range(3, size // 4096, 3):
            if page + 1 in schema_pages:  # page numbers start at 1
                continue
            f.seek(page * 4096 + 100)
            f.write(os.urandom(300))


def test_a_damaged_database_is_never_written_and_the_newest_good_backup_is_offered(qtbot, tmp_path, answers):
    db = make_db(tmp_path / "chief.sqlite", 40)
    old = make_backup(db, "manual")
    newer = make_backup(db, "daily")
    corrupt(newer)  # the newest backup is damaged too: the one before it is offered
    with Store.open(db) as store:
        store.add_staff(Staff(name="最後の変更"))
    corrupt(db)
    damaged = file_hash(db)
    with pytest.raises(DamagedError) as caught:
        create_window(db)
    assert "壊れています" in str(caught.value) and str(caught.value).count("\n") <= 4
    assert file_hash(db) == damaged and not (tmp_path / "chief.sqlite.lock").exists()
    # File > 開く: declined, nothing is written.
    win = show(qtbot, create_window(tmp_path / "other.sqlite"))
    answers.yes.append(False)
    assert not win.open_database(db)
    title, text, detail = answers.asked[-1]
    assert title == "ファイルが壊れています" and "壊れています" in text
    assert "職員42名" in detail and old.exists()
    assert file_hash(db) == damaged
    # Accepted: the good backup is put in place, the damaged file kept beside it.
    assert win.open_database(db)
    assert win.store.path == db and not win.store.readonly
    assert win.staff_panel.model.total() == 42
    assert "復元しました" in win.statusBar().currentMessage()
    kept = [p for p in tmp_path.iterdir() if ".damaged-" in p.name]
    assert len(kept) == 1 and file_hash(kept[0]) == damaged
    win.close()


def test_a_damaged_database_without_backups_says_so(qtbot, tmp_path, answers):
    db = make_db(tmp_path / "chief.sqlite", 40)
    corrupt(db)
    damaged = file_hash(db)
    window, _ = open_with_questions(None, db, False, lambda ro: create_window(db, readonly=ro))
    assert window is None
    assert "正常なバックアップはありません" in answers.told[-1][2]
    assert file_hash(db) == damaged


def test_a_missing_file_in_file_open_is_a_clear_message(qtbot, tmp_path, answers):
    win = show(qtbot, create_window(tmp_path / "mine.sqlite"))
    assert not win.open_database(tmp_path / "nowhere" / "x.sqlite")
    assert "見つかりません" in answers.told[-1][1]
    win.close()


def test_the_daily_backup_is_made_in_a_worker_once_a_day(qtbot, tmp_path):
    db = make_db(tmp_path / "chief.sqlite", 2)
    win = show(qtbot, create_window(db))
    win.file_guard.start_daily_backup()
    qtbot.waitUntil(lambda: win.file_guard.last_backup is not None, timeout=20000)
    assert [b.reason for b in list_backups(db)] == ["daily"]
    win.file_guard.start_daily_backup()  # today's exists: nothing more
    qtbot.waitUntil(lambda: not win.file_guard.workers.running, timeout=20000)
    assert len(list_backups(db)) == 1
    win.file_guard.start_daily_backup()
    win.close()  # waits for the worker before the file is closed
    assert not win.file_guard.workers.busy()


def test_open_store_refuses_a_newer_program_file_without_offering_backups(tmp_path):
    import sqlite3

    db = make_db(tmp_path / "chief.sqlite", 1)
    make_backup(db, "manual")
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA user_version = 999")
    conn.close()
    with pytest.raises(StoreError) as caught:
        opening.open_store(db)
    assert not isinstance(caught.value, DamagedError) and "新しい版" in str(caught.value)


def test_switching_the_open_file_to_read_only_and_back(qtbot, tmp_path, answers):
    db = make_db(tmp_path / "chief.sqlite", 1)
    lock = tmp_path / "chief.sqlite.lock"
    win = show(qtbot, create_window(db))
    assert lock.exists()
    answers.files.append(db)
    win.action("actionOpenReadOnly").trigger()
    assert win.store.readonly and not lock.exists()  # nothing held while only reading
    assert_read_only(win)
    assert win.open_database(db)
    assert not win.store.readonly and lock.exists()
    assert win.action("actionNewStaff").isEnabled() and win.action("actionImport").isEnabled()
    assert win.sheet_editor.grid.grid_actions["paste"].isEnabled()
    win.close()
    assert not lock.exists()
