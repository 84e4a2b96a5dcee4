"""The print dialog's office choices (size, duplex, 確認印, 外字 font), remembered; the
warning before a character prints as 〓; the 外字 font registered with Qt."""

import pdfplumber
import pypdf
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from skillmatrix.domain.model import Entry, Staff
from skillmatrix.ui.printing import page_rendering as printing
from skillmatrix.ui.printing.print_dialog import load_options
from tests.report.tiny_font import KICHI, make_tiny_font
from tests.ui.print_support import (
    answer_save_dialog,
    choices_dialog,
    make_demo,
    open_window,
    pdf_text,
    show_person,
)
from tests.ui.support import commit_text
from tests.ui.test_printing import export

NOWHERE = "\U0010fffd"  # a private-use character no font has


@pytest.fixture
def demo(qtbot, tmp_path):
    make_demo(tmp_path / "demo.sqlite", 0)
    window = open_window(qtbot, tmp_path / "demo.sqlite")
    show_person(window, "藤沢 花子")
    yield window
    window.close()


def test_size_duplex_and_stamps_reach_the_pdf_and_are_remembered(demo, qtbot, monkeypatch, tmp_path):
    window = demo

    def office(dialog):
        qtbot.mouseClick(dialog.size_buttons["large"], Qt.MouseButton.LeftButton)
        qtbot.mouseClick(dialog.duplex_check, Qt.MouseButton.LeftButton)
        dialog.stamps_edit.setFocus()
        commit_text(dialog.stamps_edit, "本人,所属長")  # typed through the input method

    out = tmp_path / "office.pdf"
    export(window, monkeypatch, out, office)
    assert len(pypdf.PdfReader(out).pages) % 2 == 0  # padded for duplex
    with pdfplumber.open(out) as pdf:
        first = pdf.pages[0]
        assert "本人所属長" in "".join(c["text"] for c in first.chars if c["x0"] > first.width * 0.7)
        assert 10.5 in {round(c["size"], 1) for c in first.chars}
    remembered = load_options(window.settings)
    assert remembered.size == "large" and remembered.duplex and remembered.stamps == ("本人", "所属長")
    window.action("actionExportPdf").trigger()
    dialog = choices_dialog(window)
    assert dialog.size_buttons["large"].isChecked() and dialog.duplex_check.isChecked()
    assert dialog.stamps_edit.text() == "本人,所属長"
    dialog.reject()


def test_too_many_stamps_keep_ok_disabled_with_the_reason(demo, qtbot):
    window = demo
    window.action("actionPrint").trigger()
    dialog = choices_dialog(window)
    dialog.stamps_edit.setFocus()
    qtbot.keyClicks(dialog.stamps_edit, "a,b,c,d,e")
    assert not dialog.ok_button.isEnabled() and "4つまで" in dialog.problem.text()
    qtbot.keyClick(dialog.stamps_edit, Qt.Key.Key_Backspace)
    qtbot.keyClick(dialog.stamps_edit, Qt.Key.Key_Backspace)
    assert dialog.ok_button.isEnabled()
    dialog.reject()


def test_a_fallback_font_is_used_remembered_and_registered_with_qt(demo, monkeypatch, tmp_path):
    window = demo
    font = make_tiny_font(tmp_path / "tiny-gaiji.ttf")
    window.session.add_staff(Staff(name=f"{KICHI}田 太郎"))
    show_person(window, f"{KICHI}田 太郎")
    out = tmp_path / "yoshida.pdf"
    export(window, monkeypatch, out, lambda dialog: dialog.set_fallback_path(font))
    with pdfplumber.open(out) as pdf:
        kichi = [c for c in pdf.pages[0].chars if c["text"] == KICHI]
    assert kichi and all("SMTinyGaiji" in c["fontname"] for c in kichi)
    assert load_options(window.settings).fallback_font == font
    # The window draws the name with the same font: it is a fallback of the application font.
    assert "SMTinyGaiji" in QApplication.font().families()


def test_characters_no_font_has_are_listed_before_printing(demo, monkeypatch, tmp_path):
    window = demo
    category = window.session.categories[0]
    window.session.add_staff(
        Staff(name="外字 さん", entries=[Entry(level=2, category_id=category.id, text=f"研修{NOWHERE}")])
    )
    show_person(window, "外字 さん")
    asked = []

    def answer(parent, missing):
        asked.append([m.describe() for m in missing])
        return answer.go_on

    monkeypatch.setattr(printing, "confirm_missing", answer)
    answer.go_on = False
    out = tmp_path / "gaiji.pdf"
    offered = export(window, monkeypatch, out)
    assert asked == [[f"外字 さん　レベル2 × {category.name}：「\U0010fffd」（U+10FFFD）"]]
    assert offered == [] and not out.exists()  # declined: no file dialog, nothing written
    answer.go_on = True
    export(window, monkeypatch, out)
    assert "研修\U0010fffd" in pdf_text(out)  # printed as 〓, read back as stored


def test_a_batch_print_lists_characters_no_font_has_first(demo, qtbot, monkeypatch, tmp_path):
    window = demo
    category = window.session.categories[3]
    window.session.add_staff(
        Staff(
            name="外字 さん",
            entries=[Entry(level=5, category_id=category.id, text=f"講師{NOWHERE}", kind="role")],
        )
    )
    asked = []

    def answer(parent, missing):
        asked.append([(m.person, m.field, m.char) for m in missing])
        return answer.go_on

    monkeypatch.setattr(printing, "confirm_missing", answer)
    out = tmp_path / "all.pdf"
    offered = answer_save_dialog(monkeypatch, out)
    answer.go_on = False
    window.action("actionPrintAll").trigger()
    choices_dialog(window).ok_button.click()
    assert asked == [[("外字 さん", f"レベル5 × {category.name}", NOWHERE)]]
    assert offered == [] and window.printing.batch is None and not out.exists()
    # Leaving that kind out of the print leaves nothing to warn of.
    answer.go_on = True
    window.action("actionPrintAll").trigger()
    dialog = choices_dialog(window)
    dialog.kind_checks["role"].setChecked(False)
    dialog.ok_button.click()
    assert len(asked) == 1 and offered  # no question this time; the file dialog came
    qtbot.waitUntil(lambda: window.printing.batch is None, timeout=60_000)
    assert out.exists()
