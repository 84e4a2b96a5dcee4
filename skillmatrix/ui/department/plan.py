"""The 研修計画 dialog: a 年度's plan, proposed from the gaps, decided line by line, printed,
and the courses taken recorded on everyone's sheet in one step.

While nothing is stored for the 年度 the dialog shows the proposals (目標との差から提案);
the first decision stores the whole list. Every change — accept, drop, add, remove, note,
record — is one step on the window's undo stack.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QWidget,
)

from skillmatrix.domain import dates
from skillmatrix.domain import plan as plans
from skillmatrix.domain.dates import DateError, PartialDate, fiscal_year
from skillmatrix.domain.department import Course, PlanItem
from skillmatrix.domain.department_view import Person, propose_plan
from skillmatrix.operations.department import RecordTraining, SavePlan
from skillmatrix.store.department import DepartmentStore
from skillmatrix.ui.common import settings
from skillmatrix.ui.common.session import Session
from skillmatrix.ui.common.table_keys import TableKeys
from skillmatrix.ui.department.dialog_base import DepartmentDialog, ok_cancel
from skillmatrix.ui.department.plan_model import COURSE, NAME, NOTE, PlanModel


class AddLineDialog(QDialog):
    """Asks for a person and a course (from the catalogue, or a free title)."""

    def __init__(
        self, people: list[Person], courses: list[Course], staff_id: str | None, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.setObjectName("planAddDialog")
        self.setWindowTitle(self.tr("研修を計画に追加"))
        self.person = QComboBox(objectName="planAddPerson")
        self.person.setEditable(True)  # type a name to find the person
        self.person.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.person.completer().setFilterMode(Qt.MatchFlag.MatchContains)  # type: ignore[union-attr]  # editable: has one
        self.person.completer().setCompletionMode(QCompleter.CompletionMode.PopupCompletion)  # type: ignore[union-attr]  # editable: has one
        for p in people:
            self.person.addItem(f"{p.name}（{p.title}）" if p.title else p.name, p.id)
        if staff_id:
            self.person.setCurrentIndex(max(0, self.person.findData(staff_id)))
        self.course = QComboBox(objectName="planAddCourse")
        self.course.setEditable(True)  # a title not in the catalogue may be typed
        self.course.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.course.completer().setFilterMode(Qt.MatchFlag.MatchContains)  # type: ignore[union-attr]  # editable: has one
        self.course.completer().setCompletionMode(QCompleter.CompletionMode.PopupCompletion)  # type: ignore[union-attr]  # editable: has one
        self._courses = courses
        for c in courses:
            self.course.addItem(c.name, c.id)
        self.course.setMinimumContentsLength(30)
        buttons = ok_cancel(self)
        form = QFormLayout(self)
        form.addRow(self.tr("職員(&S)"), self.person)
        form.addRow(self.tr("研修(&C)"), self.course)
        form.addRow(buttons)

    def staff_id(self) -> str | None:
        index = self.person.findText(self.person.currentText())
        return self.person.itemData(index) if index >= 0 else None

    def chosen(self) -> tuple[str, Course | None]:
        """Returns (title, the catalogue course if the title is one)."""
        title = self.course.currentText().strip()
        return title, next((c for c in self._courses if c.name == title), None)


class RecordDialog(QDialog):
    """Asks when the chosen courses were taken before recording them."""

    def __init__(self, count: int, people: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("planRecordDialog")
        self.setWindowTitle(self.tr("受講を記録"))
        today = dates.today()
        self.date = QLineEdit(PartialDate(today.year, today.month).format(), objectName="planRecordDate")
        self.date.setToolTip(self.tr("2025年6月、R7.6、2025/6/15 など（空欄: 日付なし）"))
        self.summary = QLabel(
            self.tr(
                "{n}件（{p}名）の研修を、各職員のスキル実績等一覧に「研修」として"
                "記録し、計画を「受講済」にします。"
            ).format(n=count, p=people),
            objectName="planRecordText",
        )
        self.summary.setWordWrap(True)
        buttons = ok_cancel(self)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        form = QFormLayout(self)
        form.addRow(self.summary)
        form.addRow(self.tr("受講時期(&D)"), self.date)
        form.addRow(buttons)

    def taken_on(self) -> PartialDate | None:
        """Returns the date typed (None when empty); raises DateError when unreadable."""
        text = self.date.text().strip()
        return PartialDate.parse(text) if text else None


class PlanDialog(DepartmentDialog):
    """The 研修計画 of one 年度 (objectName planDialog)."""

    default_size = (1100, 640)

    def __init__(self, session: Session, parent: QWidget | None = None, year: int | None = None):
        super().__init__(session, "planDialog", "研修計画", parent)
        self.setWindowTitle(self.tr("研修計画"))
        self.stored = False
        self.model = PlanModel(self)
        self.model.note_edited = self._note_edited
        self.year = QSpinBox(objectName="planYear")
        self.year.setRange(2000, 2100)
        self.year.setSuffix(self.tr("年度"))
        self.year.setValue(year if year is not None else fiscal_year(dates.today()) + 1)
        self.state = QLabel(objectName="planState")
        self.view = QTableView(objectName="planTable")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.view.setWordWrap(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COURSE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(NOTE, QHeaderView.ResizeMode.Interactive)

        self.buttons: dict[str, QPushButton] = {}
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("年度(&Y)"), buddy=self.year))
        top.addWidget(self.year)
        top.addWidget(self.state, 1)
        slot: Callable[[], object]
        for name, text, slot in (
            ("Propose", self.tr("目標との差から提案(&P)"), self.propose),
            ("Pdf", self.tr("PDFに書き出す…"), lambda: self.export(".pdf")),
            ("Xlsx", self.tr("Excelに書き出す…"), lambda: self.export(".xlsx")),
        ):
            top.addWidget(self._button(name, text, slot))
        row = QHBoxLayout()
        for name, text, slot in (
            ("Accept", self.tr("受講予定にする(&A)"), lambda: self.set_status("accepted")),
            ("Drop", self.tr("見送る(&D)"), lambda: self.set_status("dropped")),
            ("Reset", self.tr("提案に戻す"), lambda: self.set_status("proposed")),
            ("Add", self.tr("研修を追加(&N)…"), self.add_line),
            ("Remove", self.tr("行を削除"), self.remove_lines),
            ("Record", self.tr("受講を記録(&R)…"), self.record),
        ):
            row.addWidget(self._button(name, text, slot))
        row.addStretch(1)
        self.body.addLayout(top)
        self.body.addWidget(self.view, 1)
        self.body.addLayout(row)
        self.year.valueChanged.connect(lambda _v: self.reload())
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.view.doubleClicked.connect(self._open_person)
        self.keys = TableKeys.install(
            self.view, add=self.add_line, delete=self.remove_lines, add_on_enter=False
        )
        self.reload()

    def _button(self, name: str, text: str, slot) -> QPushButton:
        button = QPushButton(text, objectName=f"plan{name}")
        button.clicked.connect(slot)
        self.buttons[name] = button
        return button

    # -- reading ---------------------------------------------------------------------------

    def reload(self) -> None:
        """Shows the stored plan of the 年度, or the proposals when none is stored."""
        department = DepartmentStore(self.session.store)
        year = self.year.value()
        courses = department.courses()
        items = department.plan(year)
        self.stored = bool(items)
        if items:  # levels (a GROUP BY over every entry) are needed for proposals only
            people = [Person(*r) for r in department.people()]
        else:
            snapshot = department.snapshot()
            people = snapshot.people
            items = propose_plan(snapshot, courses, department.taken_courses(courses))
        self.model.set_plan(items, people, courses, self.session.categories)
        person_count = len({i.staff_id for i in self.model.items})
        if self.stored:
            counts = {
                s: sum(1 for i in self.model.items if i.status == s)
                for s in ("accepted", "dropped", "done", "proposed")
            }
            self.state.setText(
                self.tr("{n}件（{p}名）　受講予定 {a}　受講済 {d}　見送り {x}　未決 {u}").format(
                    n=len(self.model.items),
                    p=person_count,
                    a=counts["accepted"],
                    d=counts["done"],
                    x=counts["dropped"],
                    u=counts["proposed"],
                )
            )
        else:
            self.state.setText(
                self.tr(
                    "案: 目標との差から {n}件（{p}名）を提案（まだ保存されていません。"
                    "受講予定・見送りを決めると保存されます）"
                ).format(n=len(self.model.items), p=person_count)
            )
        self._update_buttons()

    def selected_ids(self) -> list[str]:
        """Returns the ids of the selected lines, in table order."""
        rows = sorted({i.row() for i in self.view.selectionModel().selectedRows()})
        return [self.model.item(r).id for r in rows]

    def _update_buttons(self) -> None:
        writable = not self.session.readonly
        chosen = bool(self.selected_ids())
        for name in ("Accept", "Drop", "Reset", "Remove"):
            self.buttons[name].setEnabled(writable and chosen)
        self.buttons["Add"].setEnabled(writable)
        self.buttons["Propose"].setEnabled(writable)
        self.buttons["Record"].setEnabled(
            writable and any(i.status in ("accepted", "proposed") for i in self._record_candidates())
        )

    # -- changing --------------------------------------------------------------------------

    def _save(self, items: list[PlanItem], text: str) -> bool:
        return self.session.run(SavePlan(self.year.value(), tuple(items), text))

    def set_status(self, status: str) -> bool:
        """Gives the selected lines a status (受講予定, 見送り, 提案) as one step."""
        ids = self.selected_ids()
        if not ids:
            return False
        texts = {
            "accepted": self.tr("研修計画: 受講予定"),
            "dropped": self.tr("研修計画: 見送り"),
            "proposed": self.tr("研修計画: 提案に戻す"),
        }
        return self._save(plans.set_status(self.model.items, ids, status), texts[status])

    def propose(self) -> bool:
        """Adds the proposals the plan lacks (a line already decided is not proposed again)."""
        department = DepartmentStore(self.session.store)
        courses = department.courses()
        proposals = propose_plan(department.snapshot(), courses, department.taken_courses(courses))
        merged = plans.merge_proposals(self.model.items if self.stored else [], proposals)
        added = len(merged) - (len(self.model.items) if self.stored else 0)
        if self.stored and not added:
            self.say(self.tr("新しい提案はありません"))
            return False
        ok = self._save(merged, self.tr("研修計画: 提案"))
        if ok:
            self.say(self.tr("{n}件を提案しました").format(n=added))
        return ok

    def add_line(self) -> AddLineDialog:
        """Opens the dialog for a line added by hand (as 受講予定)."""
        current = self.view.currentIndex()
        staff_id = self.model.item(current.row()).staff_id if current.isValid() else None
        department = DepartmentStore(self.session.store)
        dialog = AddLineDialog(
            [Person(*r) for r in department.people()], department.courses(), staff_id, self
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._add_chosen(dialog))
        dialog.open()
        return dialog

    def _add_chosen(self, dialog: AddLineDialog) -> bool:
        staff_id = dialog.staff_id()
        title, course = dialog.chosen()
        if staff_id is None:
            self.say(self.tr("職員を一覧から選んでください"))
            return False
        try:
            items = plans.add_line(self.model.items, staff_id, title, course)
        except ValueError as error:
            self.say(str(error))
            return False
        return self._save(items, self.tr("研修計画: 追加"))

    def remove_lines(self) -> bool:
        """Removes the selected lines from the plan (見送り keeps them; this forgets them)."""
        ids = self.selected_ids()
        return bool(ids) and self._save(
            plans.remove_lines(self.model.items, ids), self.tr("研修計画: 行の削除")
        )

    def _note_edited(self, row: int, note: str) -> bool:
        return self._save(
            plans.set_note(self.model.items, self.model.item(row).id, note), self.tr("研修計画: 備考")
        )

    # -- recording ---------------------------------------------------------------------------

    def _record_candidates(self) -> list[PlanItem]:
        """The selected lines, else every 受講予定 line; never those dropped or done."""
        ids = set(self.selected_ids())
        items = self.model.items
        chosen = [i for i in items if i.id in ids] if ids else [i for i in items if i.status == "accepted"]
        return [i for i in chosen if i.status in ("accepted", "proposed")]

    def record(self) -> RecordDialog | None:
        """Asks for the date, then records the chosen courses on everyone's sheet in one step."""
        chosen = self._record_candidates()
        if not chosen:
            self.say(self.tr("記録する研修がありません（受講予定の行を選んでください）"))
            return None
        dialog = RecordDialog(len(chosen), len({i.staff_id for i in chosen}), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        ids = [i.id for i in chosen]

        def accepted() -> None:
            try:
                date = dialog.taken_on()
            except DateError as error:
                self.say(str(error))
                return
            self.record_lines(ids, date)

        dialog.accepted.connect(accepted)
        dialog.open()
        return dialog

    def record_lines(self, ids: list[str], date: PartialDate | None) -> bool:
        """Adds the courses of these lines to the sheets and marks them done (one step)."""
        store = self.session.store
        department = DepartmentStore(store)
        staff_ids = list(dict.fromkeys(i.staff_id for i in self.model.items if i.id in set(ids)))
        sheets = {s.id: s for s in store.iter_staff(staff_ids)}
        courses = {c.id: c for c in department.courses()}
        result = plans.record_taken(self.model.items, ids, sheets, courses, date)
        if not result.recorded:
            self.say(
                self.tr("記録できる研修がありません（分類とレベルのあるカタログの研修だけ記録できます）")
            )
            return False
        ok = self.session.run(
            RecordTraining(
                self.year.value(), tuple(result.sheets), tuple(result.items), self.tr("研修計画: 受講を記録")
            )
        )
        if ok:
            message = self.tr("{n}件を記録しました").format(n=result.recorded)
            if result.skipped:
                message += self.tr("（分類・レベルがないため記録しなかった研修: {t}）").format(
                    t="、".join(result.skipped)
                )
            self.say(message)
        return ok

    # -- printing and opening -----------------------------------------------------------------

    def export(self, suffix: str) -> Path | None:
        """Asks for a file name and writes the plan there (PDF or Excel)."""
        folder = settings.start_folder(
            settings.app_settings(), "report", avoid=(self.session.store.path.parent,)
        )
        name = f"研修計画_{self.year.value()}年度{suffix}"
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("研修計画を書き出す"), str(folder / name), f"*{suffix}"
        )
        if path:
            settings.remember_folder(settings.app_settings(), "report", Path(path))
        return self.write_report(Path(path)) if path else None

    def write_report(self, path: Path) -> Path | None:
        """Writes the plan of the 年度 shown (the stored one, else the proposals)."""
        from skillmatrix.report.department_tables import build_report
        from skillmatrix.report.fonts import ReportError

        try:
            report = build_report(self.session.store, "plan", fiscal_year=self.year.value())
            if path.suffix.lower() == ".pdf":
                from skillmatrix.report.department import write_pdf

                write_pdf(report, path)
            else:
                from skillmatrix.report.xlsx import write_xlsx

                write_xlsx(report, path)
        except (ReportError, OSError) as error:
            self.say(str(error))
            return None
        self.say(self.tr("書き出しました: {p}").format(p=path))
        return path

    def _open_person(self, index) -> None:
        # A double click on a name shows the person's sheet in the window.
        if index.isValid() and index.column() == NAME:
            self.staff_activated.emit(self.model.item(index.row()).staff_id)
