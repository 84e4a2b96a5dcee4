"""File > 共有ファイルに書き出す and File > 取り込む from the window: real files, the worker
threads, the preview with its counts, each conflict choice, and refused files that leave
the database row for row as it was."""

import sqlite3

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QTableView, QTableWidget

from skillmatrix.app import create_window, run
from skillmatrix.domain.model import Staff
from skillmatrix.store.backup import list_backups
from skillmatrix.store.health import inspect
from skillmatrix.store.repository import Store
from tests.ui.file_support import Answers, edit, export, file_hash, make_db, merge, rows


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


def wait_idle(qtbot, window):
    qtbot.waitUntil(lambda: not window.file_guard.workers.running, timeout=20000)


def test_export_writes_the_chosen_people_into_a_file_check_accepts(qtbot, tmp_path, answers, capsys):
    db = make_db(tmp_path / "chief.sqlite", 4)
    window = open_window(qtbot, db)
    with Store.open(db, readonly=True) as store:
        ids = store.staff_ids()
    out = tmp_path / "share" / "for-sub.sqlite"
    out.parent.mkdir()
    window.action("actionExportShared").trigger()
    dialog = window.findChild(QDialog, "exportDialog")
    assert dialog.isVisible() and dialog.chosen_button.isChecked()  # the shown person, ticked
    assert dialog.chosen_ids() == [ids[0]]
    dialog.list.item(2).setCheckState(Qt.CheckState.Checked)
    answers.files.append(out.with_suffix(""))  # no suffix typed: .sqlite is added
    dialog.export_button.click()
    wait_idle(qtbot, window)
    assert window.file_guard.last_export.staff_count == 2
    health = inspect(out, full=True)
    assert health.ok and health.staff_count == 2
    assert run(["check", "--db", str(out)]) == 0
    assert "問題ありません" in capsys.readouterr().out
    with Store.open(out, readonly=True) as shared:
        assert shared.staff_ids() == [ids[0], ids[2]]
    assert "2名を共有ファイルに書き出しました" in window.statusBar().currentMessage()

    # Everyone, to the same name: replaced only after the user said so.
    before = file_hash(out)
    for answer in (False, True):
        window.action("actionExportShared").trigger()
        dialog = [d for d in window.findChildren(QDialog, "exportDialog") if d.isVisible()][0]
        dialog.all_button.setChecked(True)
        answers.files.append(out)
        answers.yes.append(answer)
        dialog.export_button.click()
        wait_idle(qtbot, window)
        assert "すでにあります" in answers.asked[-1][1]
        if not answer:
            assert file_hash(out) == before and dialog.isVisible()
            dialog.reject()
    assert inspect(out).staff_count == 6


def test_export_to_a_read_only_folder_says_why_and_leaves_nothing(qtbot, tmp_path, answers, monkeypatch):
    db = make_db(tmp_path / "chief.sqlite", 1)
    window = open_window(qtbot, db)
    window.action("actionExportShared").trigger()
    dialog = window.findChild(QDialog, "exportDialog")
    dialog.all_button.setChecked(True)
    answers.files.append(tmp_path / "missing-folder" / "x.sqlite")
    dialog.export_button.click()
    wait_idle(qtbot, window)
    assert answers.told and "フォルダがありません" in answers.told[-1][1]
    assert not (tmp_path / "missing-folder").exists()


@pytest.fixture
def offices(tmp_path):
    """The chief's database and a sub-leader's made from the chief's shared file, then:
    person 1 changed by the sub only (updated), person 2 by both (conflict), a new person
    added by the sub (added); the sub's shared file comes back to the chief."""
    chief = make_db(tmp_path / "chief.sqlite", 4)
    sub = tmp_path / "sub.sqlite"
    Store.create(sub).close()
    merge(sub, export(chief, tmp_path / "from-chief.sqlite"))
    with Store.open(chief, readonly=True) as store:
        ids = store.staff_ids()
    edit(sub, ids[1], title="主任（サブ）")
    edit(sub, ids[2], section="情報政策課（サブ）", title="主査（サブ）")
    edit(chief, ids[2], section="行政経営課（チーフ）")
    with Store.open(sub) as store:
        store.add_staff(Staff(name="新人 一郎", section="情報システム課"))
    back = export(sub, tmp_path / "from-sub.sqlite")
    return chief, back, ids


def start_import(qtbot, window, answers, path):
    answers.files.append(path)
    window.action("actionImport").trigger()
    # The newest one: an earlier dialog may still await its deferred deletion.
    dialog = [d for d in window.findChildren(QDialog, "importDialog") if d.isVisible()][-1]
    qtbot.waitUntil(lambda: dialog.state != "checking", timeout=20000)
    return dialog


def test_import_preview_counts_each_kind_and_shows_the_conflict_side_by_side(qtbot, offices, answers):
    chief, back, ids = offices
    window = open_window(qtbot, chief)
    dialog = start_import(qtbot, window, answers, back)
    assert dialog.state == "preview"
    assert dialog.counts() == {"added": 1, "updated": 1, "unchanged": 4, "conflicts": 1, "deleted_here": 0}
    summary = dialog.findChild(QLabel, "importSummary").text()
    assert "追加 1名、更新 1名、変更なし 4名、競合 1名" in summary
    table = dialog.findChild(QTableView, "importPreview").model()
    kinds = [table.index(r, 0).data() for r in range(table.rowCount())]
    assert kinds == ["競合", "追加", "更新"] + ["変更なし"] * 4
    compare = dialog.findChild(QTableWidget, "conflictCompare")
    lines = {
        compare.verticalHeaderItem(r).text(): (compare.item(r, 0).text(), compare.item(r, 1).text())
        for r in range(compare.rowCount())
    }
    assert lines["所属"] == ("行政経営課（チーフ）", "情報政策課（サブ）")
    assert lines["職名"][1] == "主査（サブ）" and lines["職名"][0] != "主査（サブ）"
    assert {"氏名", "担当履歴", "プロジェクト履歴", "資格等", "実績（件数）"} <= set(lines)
    # A choice is needed before anything can be written.
    assert not dialog.apply_button.isEnabled()
    assert "1件" in dialog.findChild(QLabel, "importPending").text()
    dialog.conflict_panel.buttons["theirs"].click()
    assert dialog.apply_button.isEnabled()
    dialog.reject()
    with Store.open(chief, readonly=True) as store:
        assert store.get_staff(ids[2]).section == "行政経営課（チーフ）"  # nothing written


@pytest.mark.parametrize("choice", ["mine", "theirs", "both"])
def test_each_conflict_choice_gives_the_expected_database(qtbot, offices, answers, choice):
    chief, back, ids = offices
    window = open_window(qtbot, chief)
    window.session.add_staff(Staff(name="取り込み前の追加"))  # an undo step that must end
    assert window.session.undo_stack.count() == 1
    dialog = start_import(qtbot, window, answers, back)
    dialog.conflict_panel.buttons[choice].click()
    dialog.apply_button.click()
    qtbot.waitUntil(lambda: dialog.state == "done", timeout=20000)
    with Store.open(chief, readonly=True) as store:
        people = {s.id: s for s in store.iter_staff()}
        named = [s for s in people.values() if s.name == people[ids[2]].name]
    assert people[ids[1]].title == "主任（サブ）"  # updated from the file
    assert any(s.name == "新人 一郎" for s in people.values())  # added
    if choice == "mine":
        assert people[ids[2]].section == "行政経営課（チーフ）" and len(named) == 1
    elif choice == "theirs":
        assert people[ids[2]].section == "情報政策課（サブ）" and len(named) == 1
    else:
        assert people[ids[2]].section == "行政経営課（チーフ）"
        assert sorted(s.section for s in named) == ["情報政策課（サブ）", "行政経営課（チーフ）"]
    assert len(people) == 6 + 1 + 1 + (choice == "both")  # 6, the new one, the one added before
    # The window shows the file as it is now; the import is one undo step.
    assert window.staff_panel.model.total() == len(people)
    stack = window.session.undo_stack
    assert stack.count() == 2 and stack.undoText().startswith("取り込み")
    stack.undo()  # everyone as before the import: the added gone, the updated back
    with Store.open(chief, readonly=True) as store:
        undone = {s.id: s for s in store.iter_staff()}
    assert len(undone) == 7 and undone[ids[1]].title != "主任（サブ）"
    assert undone[ids[2]].section == "行政経営課（チーフ）"
    assert window.staff_panel.model.total() == 7
    stack.redo()
    with Store.open(chief, readonly=True) as store:
        assert {s.id: (s.title, s.section) for s in store.iter_staff()} == {
            i: (s.title, s.section) for i, s in people.items()
        }
    assert dialog.backup is not None and dialog.backup in [b.path for b in list_backups(chief)]
    assert "取り込みました" in window.statusBar().currentMessage()
    window.session.undo_stack.undo()  # the whole import, in one step
    with Store.open(chief, readonly=True) as store:
        after_undo = {s.id: s for s in store.iter_staff()}
    assert len(after_undo) == 6 + 1  # the new one (and a second copy) gone again
    assert after_undo[ids[1]].title != "主任（サブ）"
    assert after_undo[ids[2]].section == "行政経営課（チーフ）"
    assert window.staff_panel.model.total() == 7


def _random_bytes(path):
    path.write_bytes(bytes(range(256)) * 64)


def _other_program(path):
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE bookmarks (url TEXT, title TEXT)")
    conn.execute("INSERT INTO bookmarks VALUES ('https://example.org', 'x')")
    conn.commit()
    conn.close()


def _text_renamed(path):
    path.write_text("氏名,所属\n藤沢 花子,情報政策課\n", encoding="utf-8")


@pytest.mark.parametrize(
    "make, says",
    [
        (_random_bytes, "SQLite"),
        (_other_program, "別のプログラム"),
        (_text_renamed, "SQLite"),
    ],
)
def test_a_bad_file_is_refused_with_a_message_and_nothing_changes(qtbot, tmp_path, answers, make, says):
    db = make_db(tmp_path / "chief.sqlite", 2)
    window = open_window(qtbot, db)
    before = rows(db)
    bad = tmp_path / "incoming.sqlite"
    make(bad)
    dialog = start_import(qtbot, window, answers, bad)
    assert dialog.state == "refused"
    message = dialog.findChild(QLabel, "importError").text()
    assert "取り込めません" in message and says in message and "Traceback" not in message
    assert not dialog.apply_button.isEnabled()
    dialog.reject()
    assert rows(db) == before
    assert list_backups(db) == []


def test_importing_the_same_file_again_changes_nothing(qtbot, offices, answers):
    chief, back, _ids = offices
    window = open_window(qtbot, chief)
    dialog = start_import(qtbot, window, answers, back)
    dialog.conflict_panel.choose_all("theirs")
    dialog.apply_button.click()
    qtbot.waitUntil(lambda: dialog.state == "done", timeout=20000)
    before = rows(chief)
    again = start_import(qtbot, window, answers, back)
    assert again.counts()["unchanged"] == 7 and not again.checked.plan.has_changes
    assert "取り込む変更はありません" in again.findChild(QLabel, "importSummary").text()
    assert not again.apply_button.isEnabled()
    again.reject()
    assert rows(chief) == before


def test_import_of_interchange_json(qtbot, tmp_path, answers):
    from skillmatrix.exchange.interchange import write_json

    source = make_db(tmp_path / "source.sqlite", 2)
    with Store.open(source, readonly=True) as store:
        write_json(store.iter_staff(), store.categories(), tmp_path / "people.json")
    db = tmp_path / "mine.sqlite"
    Store.create(db).close()
    window = open_window(qtbot, db)
    dialog = start_import(qtbot, window, answers, tmp_path / "people.json")
    assert dialog.counts()["added"] == 4
    dialog.apply_button.click()
    qtbot.waitUntil(lambda: dialog.state == "done", timeout=20000)
    assert window.staff_panel.model.total() == 4
