"""build_resumes as the window and the command line use it: progress and cancelling, file
objects, errors, fonts, and a streamed PDF that any reader accepts."""

import gc
import io
import itertools
import shutil
import subprocess
import tracemalloc

import pypdf
import pytest

from skillmatrix.report.fonts import SYSTEM_FALLBACKS, ReportError, register_font
from skillmatrix.report.options import PrintOptions
from skillmatrix.report.resume import PrintCancelled, build_resumes
from tests.report.conftest import ReadPdf, squash


def test_progress_reports_each_resume_and_the_end(tmp_path, seed, definitions):
    calls = []
    pages = build_resumes(
        iter(seed),
        *definitions,
        tmp_path / "a.pdf",
        total=2,
        progress=lambda done, total: calls.append((done, total)) or True,
    )
    assert calls == [(0, 2), (1, 2), (2, 2)]
    assert pages == len(pypdf.PdfReader(tmp_path / "a.pdf").pages)


def test_cancel_leaves_no_file_and_keeps_an_existing_one(tmp_path, seed, definitions):
    out = tmp_path / "a.pdf"
    with pytest.raises(PrintCancelled):
        build_resumes(seed, *definitions, out, progress=lambda done, total: done < 1)
    assert list(tmp_path.iterdir()) == []
    out.write_bytes(b"previous")
    with pytest.raises(PrintCancelled):
        build_resumes(seed, *definitions, out, progress=lambda done, total: False)
    assert out.read_bytes() == b"previous"
    assert list(tmp_path.iterdir()) == [out]


def test_a_failure_midway_leaves_no_file(tmp_path, seed, definitions):
    def people():
        yield seed[0]
        raise RuntimeError("database went away")

    with pytest.raises(RuntimeError):
        build_resumes(people(), *definitions, tmp_path / "a.pdf")
    assert list(tmp_path.iterdir()) == []


def test_writes_to_a_binary_file_object(tmp_path, seed, definitions):
    buffer = io.BytesIO()
    pages = build_resumes(seed, *definitions, buffer)
    assert buffer.getvalue().startswith(b"%PDF-") and len(pypdf.PdfReader(buffer).pages) == pages
    cancelled = io.BytesIO()
    with pytest.raises(PrintCancelled):
        build_resumes(seed, *definitions, cancelled, progress=lambda done, total: done < 1)
    assert cancelled.getvalue() == b""  # nothing half-written


def test_no_people_and_bad_fonts_are_one_line_errors(tmp_path, seed, definitions):
    with pytest.raises(ReportError, match="印刷する職員がいません"):
        build_resumes([], *definitions, tmp_path / "a.pdf")
    with pytest.raises(ReportError, match="見つかりません"):
        build_resumes(seed, *definitions, tmp_path / "a.pdf", PrintOptions(font_path=tmp_path / "none.ttf"))
    fake = tmp_path / "fake.ttf"
    fake.write_bytes(b"not a font at all" * 100)
    with pytest.raises(ReportError, match="このフォントは使えません"):
        build_resumes(seed, *definitions, tmp_path / "a.pdf", PrintOptions(font_path=fake))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fake.ttf"]


@pytest.mark.skipif(not any(p.exists() for p in SYSTEM_FALLBACKS), reason="no system IPAexGothic")
def test_another_truetype_font_by_path(tmp_path, seed, definitions):
    font = tmp_path / "copy.ttf"
    shutil.copy(next(p for p in SYSTEM_FALLBACKS if p.exists()), font)
    name = register_font(font)
    assert name.startswith("SM-copy-") and register_font(font) == name
    build_resumes(seed, *definitions, tmp_path / "a.pdf", PrintOptions(font_path=font))
    assert "湘南 太郎" in ReadPdf(tmp_path / "a.pdf").text


def test_the_streamed_pdf_is_valid_for_every_reader(tmp_path, seed, definitions):
    """Pages are written as they close (stream.py); pypdf in strict mode, pdfplumber and
    poppler must all read the result."""
    path = tmp_path / "many.pdf"
    people = list(itertools.islice(itertools.cycle(seed), 9))
    pages = build_resumes(people, *definitions, path)
    reader = pypdf.PdfReader(path, strict=True)
    assert len(reader.pages) == pages
    assert reader.metadata.title == "スキル履歴書"
    assert "湘南太郎スキル履歴書" in squash(reader.pages[2].extract_text())
    assert "藤沢花子スキル履歴書" in squash(reader.pages[-1].extract_text())
    if shutil.which("pdftoppm"):
        p = subprocess.run(
            ["pdftoppm", "-r", "20", "-png", str(path), str(tmp_path / "p")], capture_output=True, text=True
        )
        assert p.returncode == 0 and p.stderr == ""
        assert len(list(tmp_path.glob("p-*.png"))) == pages


def test_memory_does_not_grow_with_the_number_of_resumes(tmp_path, seed, definitions):
    """Finished pages leave only their names behind: the memory in use after 16 résumés
    is scarcely more than after 4 (holding the pages, as reportlab does by itself, costs
    ~25 KB a résumé here; streamed, ~3 KB of cross-reference bookkeeping)."""
    register_font()
    in_use = {}

    def progress(done, total):
        if done in (4, 16):
            gc.collect()
            in_use[done] = tracemalloc.get_traced_memory()[0]
        return True

    tracemalloc.start()
    try:
        build_resumes(
            itertools.islice(itertools.cycle(seed), 17), *definitions, tmp_path / "a.pdf", progress=progress
        )
    finally:
        tracemalloc.stop()
    assert (in_use[16] - in_use[4]) / 12 < 10_000, in_use


def test_one_resume_into_memory_for_the_preview_and_a_long_name(seed, definitions):
    from skillmatrix.report.resume import build_resume

    person = seed[0].copy()
    person.name = "長い名前" * 50  # 200 characters: printed whole, shortened in the footer
    buffer = io.BytesIO()
    pages = build_resume(person, *definitions, buffer)
    read = ReadPdf(buffer)
    assert len(read.texts) == pages
    assert person.name in squash("".join(c for _, rows in read.tables for row in rows for c in row if c))
    for n, footer in enumerate(read.footers, 1):
        assert footer.startswith("長い名前") and "…" in footer and f"{n} / {pages}" in footer
        assert "印刷日" in footer
