"""The print-time choices (印刷の設定): sections, entry kinds, masking, era, 取扱注意, font,
the 外字 font, text size, duplex and approval boxes (確認印).

The dialog offers exactly what ``skillmatrix print`` offers on the command line, through the
same PrintOptions (report/options.py). The choices are remembered in the window's settings
(settings.ini, group ``print/``) so the next print starts from them. For a batch job the
dialog also asks whom to print (everyone, those the filter shows, those selected) and where
to (a PDF file or a printer).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from skillmatrix.domain.model import KIND_LABELS, KINDS
from skillmatrix.report.fonts import ReportError, font_chain, register_font
from skillmatrix.report.options import (
    ERA_LABELS,
    ERAS,
    SECTION_LABELS,
    SECTIONS,
    SIZES,
    PrintOptions,
    parse_stamps,
)
from skillmatrix.report.styles import SIZE_LABELS
from skillmatrix.ui.printing.print_settings import GROUP, load_options, save_options

__all__ = ["GROUP", "PrintChoicesDialog", "Scope", "load_options", "save_options"]

DESTINATIONS = ("pdf", "printer")


@dataclass(frozen=True)
class Scope:
    """One choice of whom a batch job prints.

    Attributes:
        key: 'all', 'shown' or 'selected'.
        label: what the radio button says (with the number of people).
        ids: the people, in list order.
    """

    key: str
    label: str
    ids: tuple[str, ...]


class PrintChoicesDialog(QDialog):
    """The choices of one print job (objectName printChoicesDialog).

    Args:
        options: the choices to start from.
        accept_text: the OK button's text (「印刷…」, 「書き出す…」, 「OK」).
        scopes: for a batch job, whom it may print (empty scopes are left out); None for
            one résumé.
        destination: for a batch job, 'pdf' or 'printer' to start from.
    """

    def __init__(
        self,
        options: PrintOptions,
        accept_text: str,
        parent: QWidget | None = None,
        scopes: list[Scope] | None = None,
        destination: str = "pdf",
    ):
        super().__init__(parent)
        self.setObjectName("printChoicesDialog")
        self.setWindowTitle(self.tr("印刷の設定"))
        self._font_path = options.font_path
        self._fallback_path = options.fallback_font
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("あ") * 34)
        layout = QVBoxLayout(self)
        self.scope_group = QButtonGroup(self)
        self.destination_group = QButtonGroup(self)
        if scopes is not None:
            layout.addWidget(self._batch_box(scopes, destination))

        sections = QGroupBox(self.tr("印刷する項目"))
        grid = QGridLayout(sections)
        self.section_checks = {}
        for i, key in enumerate(SECTIONS):
            box = QCheckBox(self.tr(SECTION_LABELS[key]), objectName=f"section_{key}")
            box.setChecked(key in options.sections)
            grid.addWidget(box, i // 3, i % 3)
            self.section_checks[key] = box
        layout.addWidget(sections)

        kinds = QGroupBox(self.tr("スキル実績等一覧に載せる実績の種別"))
        row = QHBoxLayout(kinds)
        self.kind_checks = {}
        for key in KINDS:
            box = QCheckBox(self.tr(KIND_LABELS[key]), objectName=f"kind_{key}")
            box.setChecked(key in options.kinds)
            row.addWidget(box)
            self.kind_checks[key] = box
        row.addStretch(1)
        layout.addWidget(kinds)

        marks = QGroupBox(self.tr("表記と印"))
        form = QVBoxLayout(marks)
        eras = QHBoxLayout()
        eras.addWidget(QLabel(self.tr("日付:")))
        self.era_group = QButtonGroup(self)
        self.era_buttons = {}
        for key in ERAS:
            button = QRadioButton(self.tr(ERA_LABELS[key]), objectName=f"era_{key}")
            button.setChecked(key == options.era)
            self.era_group.addButton(button)
            self.era_buttons[key] = button
            eras.addWidget(button)
        eras.addStretch(1)
        form.addLayout(eras)
        self.masked_check = QCheckBox(
            self.tr("氏名をイニシャルにする（部外への提供用）"), objectName="maskedCheck"
        )
        self.masked_check.setChecked(options.masked)
        self.confidential_check = QCheckBox(
            self.tr("各ページに「取扱注意」を印字する"), objectName="confidentialCheck"
        )
        self.confidential_check.setChecked(options.confidential)
        form.addWidget(self.masked_check)
        form.addWidget(self.confidential_check)
        form.addLayout(self._font_row())
        form.addLayout(self._fallback_row())
        layout.addWidget(marks)
        layout.addWidget(self._paper_box(options))

        self.problem = QLabel(objectName="printChoicesProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #c53030")
        layout.addWidget(self.problem)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(accept_text)
        self.ok_button.setObjectName("printChoicesOk")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        for box in [*self.section_checks.values(), *self.kind_checks.values()]:
            box.toggled.connect(self._check)
        self._check()

    def _batch_box(self, scopes: list[Scope], destination: str) -> QGroupBox:
        box = QGroupBox(self.tr("対象と出力先"))
        grid = QGridLayout(box)
        grid.addWidget(QLabel(self.tr("対象:")), 0, 0)
        self.scopes = {s.key: s for s in scopes if s.ids}
        for i, scope in enumerate(self.scopes.values()):
            button = QRadioButton(scope.label, objectName=f"scope_{scope.key}")
            button.setProperty("scope", scope.key)
            button.setChecked(i == 0)
            self.scope_group.addButton(button)
            grid.addWidget(button, i, 1)
        row = len(self.scopes)
        grid.addWidget(QLabel(self.tr("出力先:")), row, 0)
        for i, (key, text) in enumerate(
            (("pdf", self.tr("PDFファイル")), ("printer", self.tr("プリンター")))
        ):
            button = QRadioButton(text, objectName=f"destination_{key}")
            button.setProperty("destination", key)
            button.setChecked(key == destination)
            self.destination_group.addButton(button)
            grid.addWidget(button, row + i, 1)
        grid.setColumnStretch(1, 1)
        return box

    def _font_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("フォント:")))
        self.font_label = QLabel(objectName="fontLabel")
        row.addWidget(self.font_label, 1)
        choose = QPushButton(self.tr("変更(&O)…"), objectName="fontChooseButton")
        reset = QPushButton(self.tr("既定に戻す"), objectName="fontResetButton")
        choose.clicked.connect(self._choose_font)
        reset.clicked.connect(lambda: self.set_font_path(None))
        row.addWidget(choose)
        row.addWidget(reset)
        self.font_reset_button = reset
        self._show_font()
        return row

    def _paper_box(self, options: PrintOptions) -> QGroupBox:
        box = QGroupBox(self.tr("文字の大きさ・両面・確認印"))
        form = QVBoxLayout(box)
        sizes = QHBoxLayout()
        sizes.addWidget(QLabel(self.tr("文字:")))
        self.size_group = QButtonGroup(self)
        self.size_buttons = {}
        for key in SIZES:
            button = QRadioButton(self.tr(SIZE_LABELS[key]), objectName=f"size_{key}")
            button.setChecked(key == options.size)
            self.size_group.addButton(button)
            self.size_buttons[key] = button
            sizes.addWidget(button)
        sizes.addStretch(1)
        form.addLayout(sizes)
        self.duplex_check = QCheckBox(
            self.tr("両面印刷用に各人のページ数を偶数にそろえる"), objectName="duplexCheck"
        )
        self.duplex_check.setChecked(options.duplex)
        form.addWidget(self.duplex_check)
        stamps = QHBoxLayout()
        label = QLabel(self.tr("確認印の欄(&S):"))
        self.stamps_edit = QLineEdit(",".join(options.stamps), objectName="stampsEdit")
        self.stamps_edit.setPlaceholderText(self.tr("例: 本人,所属長（4つまで。空なら印刷しない）"))
        label.setBuddy(self.stamps_edit)
        self.stamps_edit.textChanged.connect(self._check)
        stamps.addWidget(label)
        stamps.addWidget(self.stamps_edit, 1)
        form.addLayout(stamps)
        return box

    def _fallback_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("外字フォント:")))
        self.fallback_label = QLabel(objectName="fallbackFontLabel")
        row.addWidget(self.fallback_label, 1)
        choose = QPushButton(self.tr("変更…"), objectName="fallbackFontChooseButton")
        reset = QPushButton(self.tr("既定に戻す"), objectName="fallbackFontResetButton")
        choose.clicked.connect(self._choose_fallback)
        reset.clicked.connect(lambda: self.set_fallback_path(None))
        row.addWidget(choose)
        row.addWidget(reset)
        self.fallback_reset_button = reset
        self._show_fallback()
        return row

    def _show_fallback(self) -> None:
        path = self._fallback_path
        self.fallback_label.setText(path.name if path else self.tr("IPAmj明朝（あれば。既定）"))
        self.fallback_label.setToolTip(str(path) if path else "")
        self.fallback_reset_button.setEnabled(path is not None)

    def _choose_fallback(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("外字（主フォントにない文字）を印刷するフォント"),
            str(self._fallback_path.parent) if self._fallback_path else "",
            self.tr("TrueTypeフォント (*.ttf *.ttc);;すべてのファイル (*)"),
        )
        if path:
            self.set_fallback_path(Path(path))

    def set_fallback_path(self, path: Path | None) -> bool:
        """Names the 外字 font tried after the main one (None: IPAmj明朝 where installed).

        Returns:
            False, with the reason shown, when the font cannot be used.
        """
        if path is not None:
            try:
                font_chain(self._font_path, path)
            except ReportError as error:
                self.problem.setText(str(error))
                return False
        self._fallback_path = path
        self._show_fallback()
        self._check()
        return True

    def _show_font(self) -> None:
        path = self._font_path
        self.font_label.setText(path.name if path else self.tr("IPAexゴシック（既定）"))
        self.font_label.setToolTip(str(path) if path else "")
        self.font_reset_button.setEnabled(path is not None)

    def _choose_font(self) -> None:
        start = str(self._font_path.parent) if self._font_path else ""
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("印刷に使うフォント"),
            start,
            self.tr("TrueTypeフォント (*.ttf *.ttc);;すべてのファイル (*)"),
        )
        if path:
            self.set_font_path(Path(path))

    def set_font_path(self, path: Path | None) -> bool:
        """Uses another TrueType font for printing (None: the shipped IPAexGothic).

        Returns:
            False, with the reason shown, when the font cannot be embedded.
        """
        if path is not None:
            try:
                register_font(path)
            except ReportError as error:
                self.problem.setText(str(error))
                return False
        self._font_path = path
        self._show_font()
        self._check()
        return True

    def _check(self) -> None:
        problems = []
        if not any(b.isChecked() for b in self.section_checks.values()):
            problems.append(self.tr("印刷する項目を1つ以上選んでください。"))
        if not any(b.isChecked() for b in self.kind_checks.values()):
            problems.append(self.tr("実績の種別を1つ以上選んでください。"))
        stamps_edit = getattr(self, "stamps_edit", None)
        if stamps_edit is not None:
            try:
                parse_stamps(stamps_edit.text())
            except ValueError as error:
                problems.append(str(error))
        self.problem.setText(" ".join(problems))
        self.ok_button.setEnabled(not problems)

    # -- results ------------------------------------------------------------------------------

    def options(self, base: PrintOptions | None = None) -> PrintOptions:
        """Returns the chosen options (other fields, such as the print date, from base)."""
        era = next(k for k, b in self.era_buttons.items() if b.isChecked())
        return replace(
            base or PrintOptions(),
            sections=frozenset(k for k, b in self.section_checks.items() if b.isChecked()),
            kinds=frozenset(k for k, b in self.kind_checks.items() if b.isChecked()),
            masked=self.masked_check.isChecked(),
            era=era,
            confidential=self.confidential_check.isChecked(),
            font_path=self._font_path,
            fallback_font=self._fallback_path,
            size=next(k for k, b in self.size_buttons.items() if b.isChecked()),
            duplex=self.duplex_check.isChecked(),
            stamps=parse_stamps(self.stamps_edit.text()),
        )

    def scope(self) -> Scope | None:
        """Returns whom a batch job prints (None for one résumé)."""
        button = self.scope_group.checkedButton()
        return self.scopes[button.property("scope")] if button else None

    def destination(self) -> str:
        """Returns 'pdf' or 'printer' for a batch job."""
        button = self.destination_group.checkedButton()
        return button.property("destination") if button else "pdf"
