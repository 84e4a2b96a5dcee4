"""Issue 13 item 8 in the window: the 研修計画 respects the course audience and the person's
role and years; every number on the 部門 tab says how it is computed."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QDialog, QPushButton, QTableView

from skillmatrix.domain.dates import PartialDate, Period
from skillmatrix.domain.model import Assignment, Entry, Staff
from skillmatrix.ui.department.plan_model import COURSE, NAME


def people(window):
    # Everything at レベル5 but an empty 行政職員一般 column: only that column's courses
    # (新採用職員研修 レベル1, 市町村アカデミー 宿泊研修 レベル2) can be proposed to him.
    veteran = Staff(
        name="古参 一郎",
        title="参事",
        assignments=[Assignment(Period(PartialDate(1993, 4), PartialDate(2025, 3)), "情報政策")],
        entries=[
            Entry(5, c.id, f"{c.name}の実績") for c in window.session.categories if c.name != "行政職員一般"
        ],
    )
    newcomer = Staff(name="新人 花子", title="主事")
    assert window.session.add_many([veteran, newcomer], "test")
    return veteran, newcomer


def test_the_plan_proposes_no_newcomer_course_to_a_32_year_sanji(qtbot, window):
    veteran, newcomer = people(window)
    assert window.store.get_staff(veteran.id).experience_years() >= 32
    window.main_tabs.setCurrentIndex(1)  # 部門
    qtbot.wait(10)
    button = window.findChild(QPushButton, "department_plan")  # 研修計画(&T)…
    button.setFocus()
    qtbot.keyClick(button, Qt.Key.Key_Space)
    qtbot.wait(10)
    dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()]
    (plan,) = [d for d in dialogs if d.objectName() == "planDialog"]
    model = plan.findChild(QTableView, "planTable").model()
    proposed = {}
    for r in range(model.rowCount()):
        proposed.setdefault(model.index(r, NAME).data(), []).append(model.index(r, COURSE).data())
    assert proposed["古参 一郎"] == ["市町村アカデミー 宿泊研修"]  # not 新採用職員研修
    assert proposed["新人 花子"]
    plan.close()


def test_every_number_on_the_department_tab_has_a_tooltip_saying_how(qtbot, window):
    people(window)
    window.main_tabs.setCurrentIndex(1)  # 部門
    qtbot.wait(10)
    mode = window.findChild(QComboBox, "departmentMode")
    for index in range(mode.count()):
        mode.setCurrentIndex(index)
        qtbot.wait(10)
        for name in ("departmentMatrix", "departmentCounts"):
            model = window.findChild(QTableView, name).model()
            for r in range(model.rowCount()):
                for c in range(model.columnCount()):
                    shown = model.index(r, c).data() or ""
                    if any(ch.isdigit() for ch in shown):
                        tip = model.index(r, c).data(Qt.ItemDataRole.ToolTipRole)
                        assert tip, f"{name} ({r}, {c}) 「{shown}」 has no tooltip"
    matrix = window.findChild(QTableView, "departmentMatrix").model()
    headers = [matrix.headerData(c, Qt.Orientation.Horizontal) for c in range(matrix.columnCount())]
    shortfall = headers.index("不足計")
    tip = matrix.headerData(shortfall, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert "目標レベル" in tip and "足した" in tip
    assert "不足計" in matrix.index(0, shortfall).data(Qt.ItemDataRole.ToolTipRole)
