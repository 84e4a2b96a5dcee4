"""History tables: 経験年数 follows the typing, rows are deleted and cells emptied by key."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QTableView

from skillmatrix.domain.dates import PartialDate, Period
from skillmatrix.domain.model import Assignment, Project, Staff
from tests.ui.support import commit_text, find, go_to, snapshot


@pytest.fixture
def person(window):
    assert window.session.add_staff(
        Staff(
            name="藤沢 花子",
            assignments=[
                Assignment(Period(PartialDate(2010, 4, 1), PartialDate(2013, 3, 31)), "情報システム担当")
            ],
            projects=[
                Project(Period(PartialDate(2010, 4)), "職員ポータル更新"),
                Project(Period(PartialDate(2012, 4)), "通信回線更新"),
            ],
        )
    )
    return window


def test_experience_follows_the_period_as_it_is_typed(qtbot, person, db_path):
    label = find(person, QLabel, "experienceLabel")
    table = find(person, QTableView, "assignmentTable")
    assert label.text() == "経験年数 3年"
    table.setFocus()
    go_to(table, 0, 0)
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    editor.selectAll()
    commit_text(editor, "平成12年4月～平成22年3月")  # typed, not yet committed
    assert label.text() == "経験年数 10年"
    before = snapshot(db_path)
    qtbot.keyClick(editor, Qt.Key.Key_Escape)  # cancelled: back to what is stored
    QApplication.processEvents()
    assert label.text() == "経験年数 3年"
    assert snapshot(db_path) == before


def test_keys_delete_rows_and_empty_cells(qtbot, person, db_path):
    table = find(person, QTableView, "projectTable")
    table.setFocus()
    go_to(table, 0, 0)
    qtbot.keyClick(table, Qt.Key.Key_Delete)  # empties the period
    assert snapshot(db_path)[0]["projects"][0] == {"start": None, "end": None, "name": "職員ポータル更新"}
    assert person.action("actionUndo").text() == "元に戻す: プロジェクト履歴の入力"
    qtbot.keyClick(table, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    assert [p["name"] for p in snapshot(db_path)[0]["projects"]] == ["通信回線更新"]
    assert person.action("actionUndo").text() == "元に戻す: プロジェクト履歴の行の削除"
    find(person, QTableView, "projectTable").model().move_row(0, 1)  # nothing below: refused
    person.action("actionUndo").trigger()
    person.action("actionUndo").trigger()
    assert snapshot(db_path)[0]["projects"][0]["start"] == "2010-04"
