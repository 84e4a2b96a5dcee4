"""The print-time choices (印刷の設定): sections, entry kinds, masking, era, 取扱注意, font.

The dialog offers exactly what ``skillmatrix print`` offers on the command line, through the
same PrintOptions (report/options.py). The choices are remembered in the window's settings
(settings.ini, group ``print/``) so the next print starts from them. For a batch job the
dialog also asks whom to print (everyone, those the filter shows, those selected) and where
to (a PDF file or a printer).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtCore import QSettings
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
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from skillmatrix.domain.model import KIND_LABELS, KINDS
from skillmatrix.report.fonts import ReportError, register_font
from skillmatrix.report.options import (
    DEFAULT_SECTIONS,
    ERA_LABELS,
    ERAS,
    SECTION_LABELS,
    SECTIONS,
    PrintOptions,
)

GROUP = "print"
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


def _bool(value, default: bool) -> bool:
    # An INI file gives booleans back as the strings 'true' / 'false'.
    if value is None:
        return default
    if isinstance(value, str):
        return value.lower() == "true"
    return bool(value)


def _keys(value, allowed: tuple[str, ...]) -> frozenset[str]:
    if value is None:
        return frozenset(allowed)
    if isinstance(value, str):  # a one-element list comes back as a string
        value = [value] if value else []
    chosen = frozenset(v for v in value if v in allowed)
    return chosen or frozenset(allowed)


def load_options(settings: QSettings, default_era: str = "seireki") -> PrintOptions:
    """Returns the remembered print choices (everything, in default_era, when none are).

    A remembered font file that has gone missing is forgotten rather than failing every
    print.
    """
    era = settings.value(f"{GROUP}/era", default_era)
    font = settings.value(f"{GROUP}/fontPath", "") or None
    if font and not Path(font).is_file():
        font = None
    return PrintOptions(
        # Nothing remembered: the seed's form (the radar chart only when chosen).
        sections=_keys(settings.value(f"{GROUP}/sections"), SECTIONS)
        if settings.value(f"{GROUP}/sections") is not None
        else DEFAULT_SECTIONS,
        kinds=_keys(settings.value(f"{GROUP}/kinds"), KINDS),
        masked=_bool(settings.value(f"{GROUP}/masked"), False),
        era=era if era in ERAS else "seireki",
        confidential=_bool(settings.value(f"{GROUP}/confidential"), False),
        font_path=Path(font) if font else None,
    )


def save_options(settings: QSettings, options: PrintOptions) -> None:
    """Remembers print choices for the next print."""
    settings.setValue(f"{GROUP}/sections", [s for s in SECTIONS if s in options.sections])
    settings.setValue(f"{GROUP}/kinds", [k for k in KINDS if k in options.kinds])
    settings.setValue(f"{GROUP}/masked", options.masked)
    settings.setValue(f"{GROUP}/era", options.era)
    settings.setValue(f"{GROUP}/confidential", options.confidential)
    settings.setValue(f"{GROUP}/fontPath", str(options.font_path) if options.font_path else "")


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
        layout.addWidget(marks)

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
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("キャンセル"))
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
        )

    def scope(self) -> Scope | None:
        """Returns whom a batch job prints (None for one résumé)."""
        button = self.scope_group.checkedButton()
        return self.scopes[button.property("scope")] if button else None

    def destination(self) -> str:
        """Returns 'pdf' or 'printer' for a batch job."""
        button = self.destination_group.checkedButton()
        return button.property("destination") if button else "pdf"
