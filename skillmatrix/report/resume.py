"""Prints résumés to one PDF: the entry point for the command line and the window.

    with Store.open(path, readonly=True) as store:
        pages = build_resumes(store.iter_staff(ids), store.levels(), store.categories(),
                              "out.pdf", PrintOptions(masked=True), progress=dialog_step,
                              total=len(ids))

Memory does not grow with the number of résumés: the story is produced one résumé at a
time (reportlab's build() consumes a list from the front, and _LazyStory refills it with
the next résumé only when the previous one is used up), ResumeCanvas holds only the
current résumé's pages open, and StreamingDocument (stream.py) writes each finished page
to the file at once, keeping only its name for the page tree.

The window's batch print runs this in a worker thread with a progress callback that
updates the dialog and returns False when the user presses Cancel.
"""

from __future__ import annotations

import itertools
import shutil
from collections.abc import Callable, Iterable, Iterator, Sequence, Sized
from functools import partial
from pathlib import Path
from typing import BinaryIO

from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageBreak, PageTemplate

from skillmatrix import __version__, files
from skillmatrix.domain.dates import PartialDate
from skillmatrix.domain.model import Category, Level, Staff
from skillmatrix.report import messages
from skillmatrix.report.canvas import Decoration, ResumeCanvas
from skillmatrix.report.fonts import ReportError, font_chain
from skillmatrix.report.glyphs import Missing
from skillmatrix.report.options import PrintOptions
from skillmatrix.report.sheet import SheetContext, printed_texts, resume_story
from skillmatrix.report.styles import (
    FRAME_HEIGHT,
    FRAME_WIDTH,
    MARGIN_BOTTOM,
    MARGIN_X,
    PAGE_SIZE,
    styles_for,
)

Progress = Callable[[int, int], bool]


class PrintCancelled(Exception):
    """The progress callback returned False; no output was written."""


class _LazyStory(list[Flowable]):
    """A story list that pulls the next résumé's flowables only when it runs empty.

    BaseDocTemplate.build() loops `while len(flowables)` and takes flowables from the
    front, so refilling in __len__ gives it a story of any length while at most one
    résumé's flowables exist at a time.
    """

    def __init__(self, chunks: Iterator[list[Flowable]]):
        super().__init__()
        self._chunks = chunks

    def __len__(self) -> int:
        n = super().__len__()
        if n == 0:
            chunk = next(self._chunks, None)
            if chunk:
                self.extend(chunk)
                n = super().__len__()
        return n


def _chunks(
    people: Iterable[Staff], ctx: SheetContext, progress: Progress | None, total: int
) -> Iterator[list[Flowable]]:
    for done, person in enumerate(people):
        if progress is not None and progress(done, total) is False:
            raise PrintCancelled()
        story = resume_story(person, ctx)
        yield ([PageBreak()] + story) if done else story


def _doc(target: str, font: str, title: str) -> BaseDocTemplate:
    doc = BaseDocTemplate(
        target,
        pagesize=PAGE_SIZE,
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=PAGE_SIZE[1] - MARGIN_BOTTOM - FRAME_HEIGHT,
        bottomMargin=MARGIN_BOTTOM,
        title=title,
        author="SkillMatrix",
        creator=f"SkillMatrix {__version__}",
        lang="ja-JP",
        subject="スキル履歴書",
        pageCompression=1,
        initialFontName=font,
    )  # else every page names Helvetica, a font not embedded
    frame = Frame(
        MARGIN_X,
        MARGIN_BOTTOM,
        FRAME_WIDTH,
        FRAME_HEIGHT,
        id="body",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    doc.addPageTemplates([PageTemplate(id="resume", frames=[frame], pagesize=PAGE_SIZE)])
    return doc


def build_resumes(
    people: Iterable[Staff],
    levels: Sequence[Level],
    categories: Sequence[Category],
    out: str | Path | BinaryIO,
    options: PrintOptions | None = None,
    progress: Progress | None = None,
    total: int | None = None,
    missing: list[Missing] | None = None,
) -> int:
    """Prints résumés into one PDF, each starting on a new page.

    Args:
        people: the staff in print order; may be a generator (Store.iter_staff), consumed
            once, one person at a time.
        levels: the level definitions (number and short definition head each grid row).
        categories: the categories, printed across in their position order.
        out: a file path, or a binary file object to write the PDF to. A path is written
            under a temporary name beside it and renamed when complete, so a failed or
            cancelled job never leaves a partial file (nor replaces an existing one).
        options: the print-time choices (default: everything, 西暦, names shown).
        progress: called as progress(done, total) before each résumé; returning False
            cancels the job (PrintCancelled is raised). Called once more with
            (total, total) when the PDF is written.
        total: the number of people, for progress (default: len(people) if it has one).
        missing: if given, receives each character no font of the chain has (printed
            as 〓), with the person and field.

    Returns:
        The number of pages written.

    Raises:
        ReportError: no people, or the font cannot be used (one Japanese line).
        PrintCancelled: progress returned False.
        OSError: the output cannot be written.
    """
    options = options or PrintOptions()
    chain = font_chain(options.font_path, options.fallback_font)
    font = chain.name
    if total is None:
        total = len(people) if isinstance(people, Sized) else 0
    ctx = SheetContext(styles_for(font, options.size), list(levels), list(categories), options, chain)
    people = iter(people)
    first_person = next(people, None)
    if first_person is None:
        raise ReportError(messages.NOBODY_TO_PRINT)
    title = options.title
    if total == 1 and not options.masked:
        title = f"{options.title} {first_person.name}"
    chunks = _chunks(itertools.chain([first_person], people), ctx, progress, total)
    story = _LazyStory(chunks)
    decoration = Decoration(
        font, PartialDate.from_date(options.day()).format(options.era), options.confidential, chain
    )
    canvasmaker = partial(ResumeCanvas, decoration=decoration)

    if isinstance(out, (str, Path)):
        # The guarded writer: never onto the database, temp + fsync + rename, - = stdout.
        try:
            pages = files.write_output(out, lambda part: _build(story, part, font, title, canvasmaker))
        except files.FileError as e:  # refused target, busy file: one line, as fonts' errors
            raise ReportError(str(e)) from None
    else:
        # Build to a temporary file and copy: a cancelled job writes nothing to `out`.
        with files.private_folder("print") as folder:
            part = folder / "resume.pdf.part"  # the folder is this job's alone
            pages = _build(story, part, font, title, canvasmaker)
            with open(part, "rb") as f:
                shutil.copyfileobj(f, out)
    if missing is not None:
        missing.extend(chain.missing)
    if progress is not None:
        progress(total, total)
    return pages


def find_missing(
    people: Iterable[Staff],
    categories: Sequence[Category],
    options: PrintOptions | None = None,
    progress: Progress | None = None,
    total: int = 0,
) -> list[Missing]:
    """Lists the characters no font of the chain has in what the résumés would print,
    without laying them out (the window's check before a batch print).

    Args:
        people: the staff to be printed.
        categories: the categories (their names label grid fields).
        options: the print choices (sections, kinds, masking, fonts).
        progress: called as progress(done, total); returning False stops the scan.
        total: the number of people, for progress.

    Raises:
        ReportError: a font cannot be used.
        PrintCancelled: progress returned False.
    """
    options = options or PrintOptions()
    chain = font_chain(options.font_path, options.fallback_font)
    ctx = SheetContext(styles_for(chain.name, options.size), [], list(categories), options, chain)
    for done, person in enumerate(people):
        if progress is not None and progress(done, total) is False:
            raise PrintCancelled()
        chain.person = person.name
        for field, text in printed_texts(person, ctx):
            chain.runs(text, field)
    return chain.missing


def build_resume(
    staff: Staff,
    levels: Sequence[Level],
    categories: Sequence[Category],
    out: str | Path | BinaryIO,
    options: PrintOptions | None = None,
) -> int:
    """Prints one person's résumé (e.g. into a BytesIO for the print preview).

    Returns:
        The number of pages.
    """
    return build_resumes([staff], levels, categories, out, options)


def _build(
    story: _LazyStory, path: Path, font: str, title: str, canvasmaker: Callable[..., ResumeCanvas]
) -> int:
    doc = _doc(str(path), font, title)
    try:
        doc.build(story, canvasmaker=canvasmaker)
    except BaseException:
        canvas = getattr(doc, "canv", None)
        if canvas is not None:
            canvas.abort()  # close the file so it can be removed (Windows)
        raise
    pages: int = doc.canv.pages_written
    return pages
