"""Printing many résumés from the window: whom, where to, progress, cancel."""

import time

import pypdf
import pytest
from PySide6.QtWidgets import QProgressDialog, QPushButton

from skillmatrix.ui.printing import batch_print
from skillmatrix.ui.printing.batch_print import BatchWorker
from tests.ui.print_support import (
    answer_print_dialog,
    answer_save_dialog,
    choices_dialog,
    make_demo,
    open_window,
    pdf_text,
)


@pytest.fixture
def demo(qtbot, tmp_path):
    """The window on the seed's two résumés and 28 generated people."""
    names = make_demo(tmp_path / "demo.sqlite", 28)
    window = open_window(qtbot, tmp_path / "demo.sqlite")
    yield window, names
    window.close()


@pytest.fixture
def slow_job(monkeypatch):
    """Makes each résumé of a batch take 50 ms more, so a test can act while it runs."""
    original = batch_print.build_resumes

    def slow(*args, progress, **kwargs):
        def step(done, total):
            time.sleep(0.05)
            return progress(done, total)

        return original(*args, progress=step, **kwargs)

    monkeypatch.setattr(batch_print, "build_resumes", slow)


def start_batch(window, configure=None):
    window.action("actionPrintAll").trigger()
    dialog = choices_dialog(window)
    if configure:
        configure(dialog)
    dialog.ok_button.click()
    return window.printing.batch


def wait_done(qtbot, window, timeout=60_000):
    qtbot.waitUntil(lambda: window.printing.batch is None, timeout=timeout)


def squashed(name: str) -> str:
    return "".join(name.split())


def test_print_all_writes_one_pdf_with_everyone_in_list_order(demo, qtbot, monkeypatch, tmp_path):
    window, names = demo
    out = tmp_path / "all.pdf"
    offered = answer_save_dialog(monkeypatch, out)
    seen = []
    batch = start_batch(window)
    assert offered[0].endswith(".pdf") and "スキル履歴書_30名_" in offered[0]
    assert not window.action("actionPrintAll").isEnabled()  # one batch at a time
    progress = window.findChild(QProgressDialog, "printProgress")
    assert progress is not None and progress.maximum() == len(names)
    batch.worker.progressed.connect(lambda done, total: seen.append((done, total)))
    wait_done(qtbot, window)
    assert seen[-1] == (len(names), len(names))
    reader = pypdf.PdfReader(out)
    text = pdf_text(out)
    positions = [text.find(squashed(n)) for n in names]
    assert all(p >= 0 for p in positions) and positions == sorted(positions)
    first_pages = [
        i for i, page in enumerate(reader.pages) if (page.extract_text() or "").startswith("経験年数")
    ]
    assert len(first_pages) == len(names)  # each résumé starts on a new page
    assert f"{len(names)}名分" in window.statusBar().currentMessage()
    assert window.action("actionPrintAll").isEnabled()
    assert list(tmp_path.glob("*.part")) == []


def test_cancel_midway_leaves_no_file(demo, slow_job, qtbot, monkeypatch, tmp_path):
    window, names = demo
    out = tmp_path / "all.pdf"
    answer_save_dialog(monkeypatch, out)
    batch = start_batch(window)
    progress = window.findChild(QProgressDialog, "printProgress")
    reached = []

    def on_progress(done, total):
        reached.append(done)
        if done == 3:
            progress.findChild(QPushButton).click()  # the Cancel button

    batch.worker.progressed.connect(on_progress)
    wait_done(qtbot, window)
    assert max(reached) < len(names)
    assert batch.worker.cancelled
    assert not out.exists() and list(tmp_path.glob("*.part")) == []
    assert "取り消しました" in window.statusBar().currentMessage()


def test_print_the_people_the_filter_shows(demo, qtbot, monkeypatch, tmp_path):
    window, names = demo
    window.staff_panel.filter_edit.setText("湘南")
    assert window.staff_panel.model.rowCount() == 1
    out = tmp_path / "shown.pdf"
    answer_save_dialog(monkeypatch, out)

    def shown_only(dialog):
        assert set(dialog.scopes) == {"all", "shown"}
        dialog.findChild(type(dialog.destination_group.buttons()[0]), "scope_shown").setChecked(True)

    start_batch(window, shown_only)
    wait_done(qtbot, window)
    text = pdf_text(out)
    assert "湘南太郎" in text and not any(squashed(n) in text for n in names if n != "湘南 太郎")


def test_print_all_to_a_printer(demo, qtbot, monkeypatch, tmp_path):
    window, names = demo
    window.staff_panel.filter_edit.setText("藤沢")
    printed = tmp_path / "printed.pdf"
    answer_print_dialog(monkeypatch, printed, dpi=50)

    def to_printer(dialog):
        dialog.findChild(type(dialog.destination_group.buttons()[0]), "destination_printer").setChecked(True)
        dialog.findChild(type(dialog.destination_group.buttons()[0]), "scope_shown").setChecked(True)

    batch = start_batch(window, to_printer)
    folder = batch._folder
    wait_done(qtbot, window)
    assert len(pypdf.PdfReader(printed).pages) >= 1
    assert "印刷しました" in window.statusBar().currentMessage()
    assert not folder.exists()  # the temporary PDF is gone
    assert window.settings.value("print/destination") == "printer"


def test_closing_the_window_stops_a_running_job(demo, slow_job, qtbot, monkeypatch, tmp_path):
    window, _ = demo
    out = tmp_path / "all.pdf"
    answer_save_dialog(monkeypatch, out)
    batch = start_batch(window)
    worker = batch.worker
    window.close()
    assert worker.isFinished() and worker.cancelled
    assert not out.exists()


def test_worker_reports_a_missing_database_as_one_line(tmp_path):
    from skillmatrix.report.options import PrintOptions

    worker = BatchWorker(tmp_path / "missing.sqlite", ["x"], tmp_path / "out.pdf", PrintOptions())
    worker.run()  # in this thread: the same code path
    assert worker.error and "\n" not in worker.error and not (tmp_path / "out.pdf").exists()
