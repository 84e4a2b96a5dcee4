"""The 経験年数 display text in the profile: typed, stored, shown, undone."""

from PySide6.QtWidgets import QLabel, QLineEdit

from skillmatrix.domain.model import Staff
from tests.ui.support import find, replace_field, snapshot


def test_the_label_is_typed_stored_shown_and_undone(qtbot, window, db_path):
    window.session.add_staff(Staff(name="湘南 太郎", experience_override=45))
    edit = find(window, QLineEdit, "experienceLabelEdit")
    shown = find(window, QLabel, "experienceLabel")
    assert shown.text() == "経験年数 45年"
    replace_field(qtbot, edit, "20年以上")
    (person,) = snapshot(db_path)
    assert person["experience_label"] == "20年以上" and person["experience_override"] == 45
    assert shown.text() == "経験年数 20年以上"
    undo = window.action("actionUndo")
    assert undo.text() == "元に戻す: 経験年数の表記の変更"
    undo.trigger()
    (person,) = snapshot(db_path)
    assert "experience_label" not in person and edit.text() == "" and shown.text() == "経験年数 45年"
    # At most 20 characters go in.
    replace_field(qtbot, edit, "約" * 25)
    assert edit.text() == "約" * 20 and snapshot(db_path)[0]["experience_label"] == "約" * 20
