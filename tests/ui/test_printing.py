"""Printing one résumé from the window: actions, print choices, Export PDF, Print, preview."""

import pypdf
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QColor, QKeySequence, QPageSize
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QMenu

from skillmatrix.report import fonts
from skillmatrix.report.fonts import SYSTEM_FALLBACKS, register_font
from skillmatrix.report.options import PrintOptions
from skillmatrix.ui.printing import page_rendering as printing
from skillmatrix.ui.printing.page_rendering import safe_file_name
from skillmatrix.ui.printing.print_dialog import load_options
from tests.ui.print_support import (
    answer_print_dialog,
    answer_save_dialog,
    choices_dialog,
    dark_pixels,
    embedded_fonts,
    ink_extent,
    make_demo,
    open_window,
    pdf_text,
    show_person,
)

VETERAN = "湘南 太郎"


@pytest.fixture
def demo(qtbot, tmp_path):
    """The window on the seed's two résumés and four generated people, the veteran shown."""
    names = make_demo(tmp_path / "demo.sqlite", 4)
    window = open_window(qtbot, tmp_path / "demo.sqlite")
    show_person(window, VETERAN)
    yield window, names
    window.close()


def export(window, monkeypatch, out, configure=None):
    """Export PDF through the real choices dialog; configure(dialog) may change choices."""
    offered = answer_save_dialog(monkeypatch, out)
    window.action("actionExportPdf").trigger()
    dialog = choices_dialog(window)
    if configure:
        configure(dialog)
    dialog.ok_button.click()
    return offered


def test_print_actions_are_connected_with_standard_keys(demo):
    window, _ = demo
    file_menu = window.menuBar().findChildren(QMenu)[0]
    for name in ("actionPrintPreview", "actionPrint", "actionExportPdf", "actionPrintAll"):
        action = window.findChild(QAction, name)
        assert action.isEnabled() and action.toolTip() != "準備中"
        assert action in file_menu.actions()
    assert window.action("actionPrint").shortcut() == QKeySequence(QKeySequence.StandardKey.Print)
    assert window.action("actionPrintPreview").shortcut() == QKeySequence("Ctrl+Shift+P")


def test_nothing_to_print_in_an_empty_database(window):
    for name in ("actionPrintPreview", "actionPrint", "actionExportPdf", "actionPrintAll"):
        assert not window.action(name).isEnabled()


def test_export_pdf_writes_the_shown_persons_resume_with_the_font_embedded(demo, monkeypatch, tmp_path):
    window, _ = demo
    veteran = window.current_staff()
    out = tmp_path / "out" / "veteran"  # typed without .pdf
    out.parent.mkdir()
    offered = export(window, monkeypatch, out)
    assert offered[0].endswith("スキル履歴書_湘南 太郎.pdf")
    written = out.with_name("veteran.pdf")
    text = pdf_text(written)
    assert "湘南太郎" in text
    for item in (
        [e.text for e in veteran.entries]
        + [a.name for a in veteran.assignments]
        + [p.name for p in veteran.projects]
    ):
        assert "".join(item.split()) in text, item
    fonts = embedded_fonts(written)
    assert fonts and all(fonts.values()) and all("IPAexGothic" in f for f in fonts)
    assert pypdf.PdfReader(written).metadata.title == "スキル履歴書 湘南 太郎"
    assert "PDFに書き出しました" in window.statusBar().currentMessage()
    # The next export starts in the folder used.
    offered = export(window, monkeypatch, None)
    assert offered[0].startswith(str(out.parent))


def test_choices_reach_the_pdf_and_are_remembered(demo, monkeypatch, tmp_path):
    window, _ = demo
    veteran = window.current_staff()

    def masked_without_projects(dialog):
        dialog.masked_check.setChecked(True)
        dialog.confidential_check.setChecked(True)
        dialog.era_buttons["wareki"].setChecked(True)
        dialog.section_checks["projects"].setChecked(False)
        for kind, box in dialog.kind_checks.items():
            box.setChecked(kind == "training")

    out = tmp_path / "masked.pdf"
    offered = export(window, monkeypatch, out, masked_without_projects)
    assert offered[0].endswith("スキル履歴書_S.T.pdf")  # initials, not the name, in the file name
    text = pdf_text(out)
    assert "湘南" not in text and "太郎" not in text and "S.T." in text
    assert "取扱注意" in text and "令和" in text
    assert not any(p.name in text for p in veteran.projects)
    work = [e.text for e in veteran.entries if e.kind != "training"]
    training = [e.text for e in veteran.entries if e.kind == "training"]
    assert training and all(t.replace(" ", "") in text for t in training)
    assert work and not any(t.replace(" ", "") in text for t in work if len(t) > 3)
    remembered = load_options(window.settings)
    assert remembered.masked and remembered.confidential and remembered.era == "wareki"
    assert "projects" not in remembered.sections and remembered.kinds == {"training"}
    # The next dialog starts from them.
    window.action("actionExportPdf").trigger()
    dialog = choices_dialog(window)
    assert dialog.masked_check.isChecked() and not dialog.section_checks["projects"].isChecked()
    dialog.reject()


def test_choices_need_a_section_and_a_kind(demo):
    window, _ = demo
    window.action("actionPrint").trigger()
    dialog = choices_dialog(window)
    for box in dialog.section_checks.values():
        box.setChecked(False)
    assert not dialog.ok_button.isEnabled() and "項目" in dialog.problem.text()
    dialog.section_checks["grid"].setChecked(True)
    for box in dialog.kind_checks.values():
        box.setChecked(False)
    assert not dialog.ok_button.isEnabled() and "種別" in dialog.problem.text()
    dialog.kind_checks["work"].setChecked(True)
    assert dialog.ok_button.isEnabled()
    dialog.reject()


def test_another_font_is_checked_and_used(demo, monkeypatch, tmp_path):
    system_font = next((p for p in SYSTEM_FALLBACKS if p.is_file()), None)
    if system_font is None:
        pytest.skip("no system copy of IPAexGothic")
    window, _ = demo
    not_a_font = tmp_path / "broken.ttf"
    not_a_font.write_bytes(b"not a font")

    def other_font(dialog):
        assert not dialog.set_font_path(not_a_font)
        assert "フォント" in dialog.problem.text()
        assert dialog.set_font_path(system_font)
        assert dialog.font_label.text() == "ipaexg.ttf"

    used = []

    def spy(path=None):
        used.append(path)
        return register_font(path)

    monkeypatch.setattr(fonts, "register_font", spy)  # the résumé's font chain registers through it
    out = tmp_path / "font.pdf"
    export(window, monkeypatch, out, other_font)
    assert used and set(used) == {system_font} and all(embedded_fonts(out).values())
    assert load_options(window.settings).font_path == system_font


@pytest.mark.parametrize("budget", [printing.MAX_PAGE_BYTES, 200_000])  # 200 kB: ~40 dpi, scaled up
def test_print_goes_through_the_printer_as_opaque_a4_pages(demo, monkeypatch, tmp_path, budget):
    window, _ = demo
    monkeypatch.setattr(printing, "MAX_PAGE_BYTES", budget)
    out = tmp_path / "printed.pdf"
    used = answer_print_dialog(monkeypatch, out)
    expected = tmp_path / "expected.pdf"
    export(window, monkeypatch, expected)
    window.action("actionPrint").trigger()
    choices_dialog(window).ok_button.click()
    assert used and used[0] is window.printing.printer  # the printer is kept, not a temporary
    printed, reference = pypdf.PdfReader(out), pypdf.PdfReader(expected)
    assert len(printed.pages) == len(reference.pages) >= 1
    for page in printed.pages:  # A4 landscape, the whole sheet used
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (842, 595)
        images = [x.get_object() for x in page["/Resources"]["/XObject"].values()]
        assert images  # pages are images rendered from the PDF …
        for image in images:  # … opaque: no soft mask (transparency) for a driver to get wrong
            assert "/SMask" not in image and "/Mask" not in image
            assert image["/ColorSpace"] == "/DeviceRGB"
    for page in range(len(reference.pages)):  # in the same place, down to the footer
        for got, want in zip(ink_extent(out, page), ink_extent(expected, page)):
            assert abs(got - want) <= (2 if budget > 10**6 else 4)
    assert f"{len(printed.pages)}ページを印刷しました" in window.statusBar().currentMessage()


def test_a_page_image_is_white_and_capped_in_size(demo, tmp_path, monkeypatch):
    from PySide6.QtCore import QSize
    from PySide6.QtPdf import QPdfDocument

    window, _ = demo
    expected = tmp_path / "expected.pdf"
    export(window, monkeypatch, expected)
    document = QPdfDocument()
    document.load(str(expected))
    # A4 at 600 dpi would be 7,016 × 4,961 pixels, 139 MB.
    image = printing.page_image(document, 0, QSize(7016, 4961))
    document.close()
    assert image.sizeInBytes() <= printing.MAX_PAGE_BYTES
    assert image.width() > 3000 and abs(image.width() / image.height() - 7016 / 4961) < 0.01
    assert not image.hasAlphaChannel()
    assert image.pixelColor(5, 5) == QColor(Qt.GlobalColor.white)


@pytest.mark.parametrize(
    "picked, driver_default, expected",
    [
        (None, None, (842, 595)),  # nothing chosen: A4
        ("Letter", None, (792, 612)),  # the user picked Letter in the dialog
        ("Letter", "Letter", (842, 595)),  # the driver's default is not a choice: A4
        ("A3", "Letter", (1191, 842)),
    ],
)
def test_paper_is_a4_unless_the_user_picks_another(
    demo, monkeypatch, tmp_path, picked, driver_default, expected
):
    window, _ = demo
    out = tmp_path / "printed.pdf"
    sizes = {"Letter": QPageSize.PageSizeId.Letter, "A3": QPageSize.PageSizeId.A3}

    def dialog(printer, parent) -> bool:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        printer.setResolution(60)
        if picked:
            printer.setPageSize(QPageSize(sizes[picked]))
        return True

    monkeypatch.setattr(printing, "ask_printer", dialog)
    default = QPageSize(sizes[driver_default]) if driver_default else QPageSize()
    monkeypatch.setattr(printing, "printer_default_paper", lambda printer: default)
    window.action("actionPrint").trigger()
    choices_dialog(window).ok_button.click()
    page = pypdf.PdfReader(out).pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == expected


def test_cancelled_print_dialog_prints_nothing(demo, monkeypatch, tmp_path):
    window, _ = demo
    out = tmp_path / "printed.pdf"
    answer_print_dialog(monkeypatch, out, accept=False)
    window.action("actionPrint").trigger()
    choices_dialog(window).ok_button.click()
    assert not out.exists()


def _has_ink(pixmap) -> bool:
    image = pixmap.toImage()
    step = max(1, image.width() // 60)
    return any(
        image.pixelColor(x, y) != QColor(Qt.GlobalColor.white)
        for x in range(0, image.width(), step)
        for y in range(0, image.height(), step)
    )


def test_preview_shows_the_pdf_with_navigation_and_zoom(demo, qtbot, monkeypatch, tmp_path):
    window, _ = demo
    expected = tmp_path / "expected.pdf"
    export(window, monkeypatch, expected)
    pages = len(pypdf.PdfReader(expected).pages)
    window.action("actionPrintPreview").trigger()
    preview = window.printing.preview_dialog
    qtbot.waitExposed(preview)
    assert preview.objectName() == "printPreview" and preview.isVisible()
    assert preview.page_count() == pages >= 2
    spin = preview.page_spin
    assert (spin.value(), spin.suffix()) == (1, f" / {pages}")
    assert not preview.actions_by_name["previewPreviousPage"].isEnabled()
    label = preview.view.page_label
    assert _has_ink(label.pixmap())

    preview.actions_by_name["previewNextPage"].trigger()
    assert preview.view.page == 1 and spin.value() == 2
    preview.actions_by_name["previewLastPage"].trigger()
    assert spin.value() == pages and not preview.actions_by_name["previewNextPage"].isEnabled()
    spin.setValue(1)
    assert preview.view.page == 0
    qtbot.keyClick(preview.view, Qt.Key.Key_PageDown)  # the whole page is in view: turns it
    assert preview.view.page == 1
    qtbot.keyClick(preview.view, Qt.Key.Key_PageUp)
    assert preview.view.page == 0

    preview.view.set_zoom(1.0)
    width = label.pixmap().width()
    preview.actions_by_name["previewZoomIn"].trigger()
    assert preview.view.zoom == pytest.approx(1.25)
    assert label.pixmap().width() == pytest.approx(width * 1.25, rel=0.01)
    assert preview.zoom_combo.currentText() == "125%"
    preview.actions_by_name["previewZoomOut"].trigger()
    preview.actions_by_name["previewZoomOut"].trigger()
    assert preview.view.zoom == pytest.approx(0.75)
    preview.zoom_combo.setEditText("200")
    qtbot.keyClick(preview.zoom_combo.lineEdit(), Qt.Key.Key_Return)
    assert preview.view.zoom == pytest.approx(2.0)
    preview.actions_by_name["previewFitWidth"].trigger()
    viewport = preview.view.viewport().width()
    assert viewport - 30 <= label.pixmap().width() / label.pixmap().devicePixelRatio() <= viewport
    preview.actions_by_name["previewFitPage"].trigger()
    assert label.pixmap().height() / label.pixmap().devicePixelRatio() <= preview.view.viewport().height()
    assert _has_ink(label.pixmap())
    preview.close()


def test_preview_prints_exports_and_changes_choices(demo, qtbot, monkeypatch, tmp_path):
    window, _ = demo
    preview = window.action("actionPrintPreview").trigger() or window.printing.preview_dialog
    pages = preview.page_count()
    printed = tmp_path / "printed.pdf"
    answer_print_dialog(monkeypatch, printed)
    preview.actions_by_name["previewPrint"].trigger()
    assert len(pypdf.PdfReader(printed).pages) == pages

    only_second = tmp_path / "second.pdf"
    answer_print_dialog(monkeypatch, only_second, pages=(2, 2))  # a page range chosen
    preview.actions_by_name["previewPrint"].trigger()
    assert len(pypdf.PdfReader(only_second).pages) == 1
    second, first, wanted = (
        set(dark_pixels(p, n)) for p, n in ((only_second, 0), (printed, 0), (printed, 1))
    )
    assert len(second & wanted) > 0.9 * len(wanted) and len(second & first) < 0.5 * len(first)

    preview.actions_by_name["previewChoices"].trigger()
    dialog = choices_dialog(preview)
    dialog.masked_check.setChecked(True)
    dialog.section_checks["grid"].setChecked(False)
    dialog.ok_button.click()
    assert preview.windowTitle() == "印刷プレビュー — S.T."
    assert preview.page_count() < pages  # without the grid
    assert load_options(window.settings).masked

    out = tmp_path / "from_preview.pdf"
    answer_save_dialog(monkeypatch, out)
    preview.actions_by_name["previewExportPdf"].trigger()
    text = pdf_text(out)
    assert "S.T." in text and "湘南" not in text and "スキル実績等一覧" not in text
    preview.close()


@pytest.mark.parametrize(
    "name, expected",
    [
        ("湘南 太郎", "湘南 太郎.pdf"),
        ("  湘南\u3000 太郎 ", "湘南 太郎.pdf"),
        ("../../etc/passwd", "_.._etc_passwd.pdf"),
        ('a\\b/c:d*e?f"g<h>i|j', "a_b_c_d_e_f_g_h_i_j.pdf"),
        ("行\n\t改", "行 改.pdf"),
        ("CON", "_CON.pdf"),
        ("nul.txt", "_nul.txt.pdf"),
        ("COM1 ", "_COM1.pdf"),
        ("...", "スキル履歴書.pdf"),
        ("", "スキル履歴書.pdf"),
        ("名" * 300, "名" * 100 + ".pdf"),
    ],
)
def test_safe_file_names(name, expected):
    assert safe_file_name(name) == expected


def test_default_options_follow_the_windows_date_style(demo):
    window, _ = demo
    window.set_date_style("wareki")
    assert window.printing.options() == PrintOptions(era="wareki")


def test_a_font_that_cannot_be_used_is_a_message_not_a_crash(demo, monkeypatch, tmp_path):
    from PySide6.QtWidgets import QMessageBox

    window, _ = demo
    broken = tmp_path / "broken.ttf"
    broken.write_bytes(b"not a font")
    window.settings.setValue("print/fontPath", str(broken))
    assert window.printing.preview() is None
    box = window.findChild(QMessageBox, "printErrorDialog")
    assert box is not None and box.isVisible() and "フォント" in box.text()
    box.close()
    out = tmp_path / "out.pdf"
    export(window, monkeypatch, out)
    assert not out.exists()
    assert "フォント" in window.statusBar().currentMessage()
