"""Prints a department report (skillmatrix.report.department_tables) to a PDF.

A4 landscape in the résumé's font (IPAexGothic, embedded), one table after another, the
heading row repeated on every page, cells shaded as in the window. Long tables are cut
into blocks of rows: reportlab splits one huge table page by page at a cost that grows
with its length, and blocks keep 10,000 people to seconds.
"""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from reportlab.platypus.doctemplate import LayoutError

from skillmatrix import __version__, files
from skillmatrix.progress import Progress, no_progress
from skillmatrix.report import messages
from skillmatrix.report.department_charts import chart_flowables
from skillmatrix.report.department_tables import DARK_SHADES, SHADE_RGB, Report, ReportTable
from skillmatrix.report.fonts import ReportError, register_font
from skillmatrix.report.linebreak import JaParagraph
from skillmatrix.report.styles import (
    CELL_PAD,
    GRID_LINE,
    HEADER_FILL,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    MUTED,
    PAGE_SIZE,
    styles_for,
)

BLOCK_ROWS = 60
CELL_SIZE = 8
WRAP_WIDTH = 4.5  # relative widths from this up get wrapping paragraphs
MAX_CELL = 1500  # characters printed of one cell (well within a page; the rest is cut)


def _text(value: object) -> str:
    # The font has no glyph for a tab: it would print as a box.
    return "" if value is None else str(value).replace("\t", " ")


def _paragraph(text: str, style: ParagraphStyle) -> Paragraph:
    if len(text) > MAX_CELL:
        text = text[:MAX_CELL] + "…"
    # 禁則処理 and nothing hung past the cell edge (the shared styles no longer reserve
    # room for reportlab's hanging punctuation).
    return JaParagraph(escape(text).replace("\n", "<br/>"), style)


def _cell(value: object, wrap: bool, room: float, font: str, style: ParagraphStyle) -> str | Paragraph:
    """Returns a cell: a plain string when it fits on one line (cheap for 10,000 rows),
    else a wrapping Paragraph (user text escaped, so never read as markup)."""
    text = _text(value)
    if not wrap and "\n" not in text and stringWidth(text, font, CELL_SIZE) <= room:
        return text
    return _paragraph(text, style)


def _blocks(table: ReportTable, width: float, font: str) -> list[Table]:
    st = styles_for(font)
    rel = table.widths or [1.0] * len(table.columns)
    scale = width / sum(rel)
    col_widths = [w * scale for w in rel]
    wrap = [w >= WRAP_WIDTH for w in rel]
    fits = [w - 2 * CELL_PAD - 1 for w in col_widths]
    header = [_paragraph(c, st.head) for c in table.columns]
    out: list[Table] = []
    rows = table.rows or [[""] * len(table.columns)]
    for start in range(0, len(rows), BLOCK_ROWS):
        chunk = rows[start : start + BLOCK_ROWS]
        data = [header] + [
            [_cell(v, wrap[i], fits[i], font, st.cell) for i, v in enumerate(r)] for r in chunk
        ]
        style = [
            ("FONT", (0, 0), (-1, -1), font, CELL_SIZE),
            ("GRID", (0, 0), (-1, -1), 0.4, GRID_LINE),
            ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("ALIGN", (table.key_columns, 1), (-1, -1), "CENTER"),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ]
        for i, w in enumerate(wrap):
            if w:
                style.append(("ALIGN", (i, 1), (i, -1), "LEFT"))
        if table.shades:
            for r, shades in enumerate(table.shades[start : start + BLOCK_ROWS], 1):
                for c, key in enumerate(shades):
                    if key:
                        style.append(("BACKGROUND", (c, r), (c, r), colors.Color(*SHADE_RGB[key])))
                        if key in DARK_SHADES:
                            style.append(("TEXTCOLOR", (c, r), (c, r), colors.white))
        t = Table(data, colWidths=col_widths, repeatRows=1)
        t.setStyle(TableStyle(style))
        out.append(t)
    return out


def write_pdf(
    report: Report, out: str | Path, font_path: str | Path | None = None, progress: Progress = no_progress
) -> int:
    """Writes the report to a PDF file; returns the number of pages.

    The document names only the font it prints with (embedded as a subset; no Helvetica
    from reportlab's default canvas state) and carries /Title and /Lang (ja-JP), so
    readers and screen readers know what and which language it is.

    Args:
        report: the tables.
        out: the PDF file.
        font_path: a TrueType font (default: the shipped IPAexGothic).
        progress: told how many of the story's blocks are laid out.

    Raises:
        ReportError: no usable font, or the file cannot be written.
    """
    font = register_font(font_path)
    st = styles_for(font)
    out = Path(out)
    width = PAGE_SIZE[0] - 2 * MARGIN_X
    story: list[Flowable] = [_paragraph(report.title, st.title), _paragraph(report.subtitle, st.muted)]
    story += chart_flowables(report, font, st)
    for table in report.tables:
        story += [Spacer(1, 3 * mm), _paragraph(table.title, st.heading)]
        story += _blocks(table, width, font)

    def footer(canvas: Canvas, doc: SimpleDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont(font, 7.5)
        canvas.setFillColor(MUTED)
        canvas.drawString(MARGIN_X, 7 * mm, report.title)
        canvas.drawRightString(PAGE_SIZE[0] - MARGIN_X, 7 * mm, f"{doc.page} ページ")
        canvas.restoreState()

    def build(path: Path) -> int:
        doc = SimpleDocTemplate(
            str(path),
            pagesize=PAGE_SIZE,
            leftMargin=MARGIN_X,
            rightMargin=MARGIN_X,
            topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM,
            title=report.title,
            author="SkillMatrix",
            creator=f"SkillMatrix {__version__}",
            subject=report.subtitle,
            lang="ja-JP",
            initialFontName=font,  # else every page names Helvetica, a font not embedded
        )
        estimated = [0]

        def laid_out(kind: str, value: int) -> None:
            if kind == "SIZE_EST":
                estimated[0] = value
            elif kind == "PROGRESS":
                progress(value, estimated[0])

        doc.setProgressCallBack(laid_out)
        doc.build(story, onFirstPage=footer, onLaterPages=footer)
        pages: int = doc.page
        return pages

    try:
        return files.write_output(out, build)  # temp + fsync + rename; - = stdout
    except files.FileError as e:
        raise ReportError(str(e)) from None
    except OSError as e:
        raise ReportError(messages.PDF_UNWRITABLE.format(reason=e.strerror or e, out=out)) from None
    except LayoutError:
        raise ReportError(messages.PDF_FIELD_OVERFLOWS_PAGE.format(out=out)) from None
