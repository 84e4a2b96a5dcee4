"""The profile of the shown person: 氏名, ふりがな, 職名, 所属 and 経験年数.

A field is written when its edit is finished (Enter, leaving the field, choosing a title
from the list), each as one undo step. A refused value (an empty name) stays in the field
marked in red with the reason, and is not stored.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QLineEdit, QSpinBox, QWidget

from skillmatrix.domain.model import MAX_EXPERIENCE_LABEL, Staff
from skillmatrix.operations import WHOLE_SHEET
from skillmatrix.ui.common.session import Session

# The titles (職名) of a municipal IT section, lowest first; the list takes free entry too.
TITLES = ("主事補", "主事", "主任", "主査", "副主幹", "主幹", "課長補佐", "課長", "参事", "事務職員", "技師")
INVALID_STYLE = "background: #fed7d7"
AUTO = -1  # the spin box value meaning 「自動」 (experience computed from 担当履歴)


def experience_text(years: int) -> str:
    """Returns the 経験年数 line as the résumé prints it: 「経験年数 3年」."""
    return QCoreApplication.translate("ProfileForm", "経験年数 {years}年").format(years=years)


class ProfileForm(QWidget):
    """The profile fields of the shown person."""

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.name_edit = QLineEdit(objectName="nameEdit")
        self.kana_edit = QLineEdit(objectName="kanaEdit")
        self.title_edit = QComboBox(objectName="titleEdit")
        self.title_edit.setEditable(True)
        self.title_edit.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.title_edit.addItems(TITLES)
        self.section_edit = QLineEdit(objectName="sectionEdit")
        self.experience_label = QLabel(objectName="experienceLabel")
        self.experience_label.setToolTip(
            self.tr("履歴書に印刷される経験年数（担当履歴の期間の合計。重なりは1回だけ数えます）")
        )
        self.override_edit = QSpinBox(objectName="experienceOverride")
        self.override_edit.setRange(AUTO, 80)
        self.override_edit.setSpecialValueText(self.tr("自動"))
        self.override_edit.setSuffix(self.tr("年"))
        self.override_edit.setKeyboardTracking(False)  # one step per value, not per digit
        self.override_edit.setToolTip(
            self.tr("経験年数を手で決めるときに入力します。「自動」は担当履歴から計算します")
        )

        # 経験年数 as the office writes it (「20年以上」), printed instead of 「N年」; the
        # number beside it still sorts the list and fills the matrix.
        self.experience_label_edit = QLineEdit(objectName="experienceLabelEdit")
        self.experience_label_edit.setMaxLength(MAX_EXPERIENCE_LABEL)
        self.experience_label_edit.setPlaceholderText(self.tr("表記（例: 20年以上）"))
        self.experience_label_edit.setToolTip(
            self.tr("履歴書に「N年」の代わりに印刷する表記（20文字まで）。空なら年数を印刷します")
        )

        self.fields = {
            "name": (self.name_edit, self.tr("氏名")),
            "kana": (self.kana_edit, self.tr("ふりがな")),
            "title": (self.title_edit.lineEdit(), self.tr("職名")),
            "section": (self.section_edit, self.tr("所属")),
            "experience_label": (self.experience_label_edit, self.tr("経験年数の表記")),
        }
        self.name_edit.setPlaceholderText(self.tr("例: 藤沢 太郎"))
        self.kana_edit.setPlaceholderText(self.tr("例: ふじさわ たろう"))
        self.section_edit.setPlaceholderText(self.tr("例: IT推進課"))

        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        for column, (label, widget) in enumerate(
            (
                (self.tr("氏名(&M)"), self.name_edit),
                (self.tr("ふりがな(&K)"), self.kana_edit),
                (self.tr("職名(&J)"), self.title_edit),
                (self.tr("所属(&B)"), self.section_edit),
            )
        ):
            caption = QLabel(label)
            caption.setBuddy(widget)
            grid.addWidget(caption, 0, column)
            grid.addWidget(widget, 1, column)
            grid.setColumnStretch(column, 2 if column < 2 else 1)
        grid.addWidget(self.experience_label, 0, 4, 1, 2)
        grid.addWidget(self.override_edit, 1, 4)
        grid.addWidget(self.experience_label_edit, 1, 5)
        self.experience_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom)

        for attr, (edit, _label) in self.fields.items():
            edit.editingFinished.connect(lambda attr=attr: self.commit(attr))
        self.title_edit.activated.connect(lambda _i: self.commit("title"))
        self.override_edit.valueChanged.connect(self._override_changed)
        session.current_changed.connect(self.show_sheet)
        session.parts_written.connect(self._parts_written)
        session.store_replaced.connect(lambda: self.show_sheet(session.current))
        self.show_sheet(session.current)

    def _parts_written(self, sheet: Staff, parts: frozenset[str]) -> None:
        # The profile shows its fields and the 経験年数 the 担当履歴 give.
        if any(p.startswith("profile:") or p in ("assignments", WHOLE_SHEET) for p in parts):
            self.show_sheet(sheet)

    def show_sheet(self, sheet: Staff | None) -> None:
        """Fills the fields from the sheet as stored (clears marks of refused values)."""
        self.setEnabled(sheet is not None)
        for attr, (edit, _label) in self.fields.items():
            edit.setText(getattr(sheet, attr) if sheet else "")
            edit.setStyleSheet("")
            edit.setToolTip("")
            edit.setReadOnly(self.session.readonly)
        self.override_edit.blockSignals(True)
        override = sheet.experience_override if sheet else None
        self.override_edit.setValue(AUTO if override is None else override)
        self.override_edit.blockSignals(False)
        self.override_edit.setReadOnly(self.session.readonly)
        self.show_experience(sheet)

    def show_experience(self, sheet: Staff | None) -> None:
        """Shows the 経験年数 of a sheet (the stored one, or one being typed)."""
        if sheet is None:
            self.experience_label.setText("")
        elif sheet.experience_label:
            self.experience_label.setText(
                QCoreApplication.translate("ProfileForm", "経験年数 {label}").format(
                    label=sheet.experience_label
                )
            )
        else:
            self.experience_label.setText(experience_text(sheet.experience_years()))

    def commit(self, attr: str) -> bool:
        """Writes one field if its text differs from what is stored (one undo step)."""
        sheet = self.session.current
        edit, label = self.fields[attr]
        if sheet is None or self.session.readonly:
            return False
        text = edit.text().strip()
        if text == getattr(sheet, attr):
            edit.setStyleSheet("")
            return True
        new = sheet.copy()
        setattr(new, attr, text)
        problems: list[str] = []
        connection = self.session.problem.connect(problems.append)
        try:
            saved = self.session.save_sheet(new, self.tr("{field}の変更").format(field=label))
        finally:
            self.session.problem.disconnect(connection)
        if not saved:
            edit.setStyleSheet(INVALID_STYLE)
            edit.setToolTip(self.tr("保存されていません: {why}").format(why="、".join(problems)))
        return saved

    def commit_all(self) -> None:
        """Writes every field still being edited (before switching person, closing, …)."""
        for attr, (edit, _label) in self.fields.items():
            if edit.hasFocus() or edit.isModified():
                self.commit(attr)

    def _override_changed(self, value: int) -> None:
        sheet = self.session.current
        if sheet is None:
            return
        override = None if value == AUTO else value
        if override == sheet.experience_override:
            return
        new = sheet.copy()
        new.experience_override = override
        self.session.save_sheet(new, self.tr("経験年数の変更"))
