"""The flowables of one スキル履歴書, in the seed's order.

経験年数, the title 「{所属} スキル履歴書」, 職名・氏名, 資格等, 担当履歴 (期間・担当名・主担当業務),
プロジェクト (期間・プロジェクト名) and スキル実績等一覧 (levels down, categories across).
Every table repeats its header row on each page it continues to, and rows taller than a
page are cut into continuation rows first (rows.py), so nothing is ever clipped.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from skillmatrix.domain.dates import PartialDate
from skillmatrix.domain.model import Category, Entry, Level, Staff
from skillmatrix.report.markers import ResumeEnd, ResumeStart
from skillmatrix.report.options import PrintOptions, initials
from skillmatrix.report.rows import Row, cell_height, fit_rows
from skillmatrix.report.styles import (CELL_PAD, FRAME_HEIGHT, FRAME_WIDTH, GRID_LINE, HEADER_FILL,
                                       Styles, markup, para)

PERIOD_WIDTH = 62 * mm  # '平成22年4月1日～平成25年3月31日' on one line at 8.5 pt
LEVEL_WIDTH = 54 * mm  # most short definitions on two lines
# Room kept above a table's rows on a page: its heading and a little slack, so a row cut
# to fit below the repeated header really fits wherever the table continues.
HEADING_ROOM = 30


@dataclass(frozen=True)
class SheetContext:
    """What every résumé of one print job shares."""

    styles: Styles
    levels: Sequence[Level]
    categories: Sequence[Category]
    options: PrintOptions

    def date(self, d: PartialDate | None) -> str:
        """Formats a date at its stored precision in the chosen era."""
        return d.format(self.options.era) if d else ""

    def display_name(self, staff: Staff) -> str:
        """Returns the name as printed: initials in a masked print."""
        return initials(staff.name, staff.kana) if self.options.masked else staff.name


def _table(data: list, widths: Sequence[float], st: Styles, header_rows: int = 1) -> Table:
    style = [
        # Cells hold paragraphs, but the table still sets its own font per cell: name ours,
        # or every page would reference Helvetica, which is not embedded.
        ("FONTNAME", (0, 0), (-1, -1), st.font),
        ("GRID", (0, 0), (-1, -1), 0.5, GRID_LINE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PAD),
        ("TOPPADDING", (0, 0), (-1, -1), CELL_PAD),
        ("BOTTOMPADDING", (0, 0), (-1, -1), CELL_PAD),
        ("BACKGROUND", (0, 0), (-1, header_rows - 1), HEADER_FILL),
        ("VALIGN", (0, 0), (-1, header_rows - 1), "MIDDLE"),
    ]
    return Table(data, colWidths=list(widths), repeatRows=header_rows, splitByRow=1, splitInRow=1,
                 hAlign="LEFT", style=TableStyle(style))


def _max_row_height(header: list, widths: Sequence[float]) -> float:
    head = max(cell_height(c if isinstance(c, list) else [c], w - 2 * CELL_PAD)
               for c, w in zip(header, widths)) + 2 * CELL_PAD
    return FRAME_HEIGHT - head - HEADING_ROOM


def _section(title: str, header: Sequence[str], rows: list[Row], widths: Sequence[float],
             st: Styles) -> list[Flowable]:
    """A heading and its table: header row, then the rows (cut to fit) or 「（なし）」."""
    head = [Paragraph(h, st.head) for h in header]
    if rows:
        body = fit_rows(rows, widths, _max_row_height(head, widths))
    else:
        body = [[[Paragraph("（なし）", st.muted)]] + [[] for _ in header[1:]]]
    return [Paragraph(title, st.heading), _table([head] + body, widths, st)]


def _continued(text: str, st: Styles):
    return lambda: [para(f"{text}（続き）" if text else "（続き）", st.muted)]


def profile(staff: Staff, ctx: SheetContext) -> list[Flowable]:
    """The 職名・氏名 table."""
    st = ctx.styles
    data = [[Paragraph("職名", st.head), Paragraph("氏名", st.head)],
            [para(staff.title, st.cell), para(ctx.display_name(staff), st.cell)]]
    return [Spacer(1, 2 * mm), _table(data, (55 * mm, 80 * mm), st)]


def qualifications(staff: Staff, ctx: SheetContext) -> list[Flowable]:
    """資格等: name, date acquired, expiry."""
    st = ctx.styles
    widths = (FRAME_WIDTH - 2 * 45 * mm, 45 * mm, 45 * mm)
    rows = [Row([[para(q.name, st.cell)], [para(ctx.date(q.acquired), st.cell)],
                 [para(ctx.date(q.expires), st.cell)]],
                [_continued(q.name, st), None, None])
            for q in staff.qualifications]
    return _section("資格等", ("資格等", "取得", "有効期限"), rows, widths, st)


def assignments(staff: Staff, ctx: SheetContext) -> list[Flowable]:
    """担当履歴: 期間・担当名・主担当業務."""
    st = ctx.styles
    widths = (PERIOD_WIDTH, 70 * mm, FRAME_WIDTH - PERIOD_WIDTH - 70 * mm)
    rows = []
    for a in staff.assignments:
        period = a.period.format(ctx.options.era)
        rows.append(Row([[para(period, st.cell)], [para(a.name, st.cell)], [para(a.duties, st.cell)]],
                        [_continued(period, st), _continued(a.name, st), None]))
    return _section("担当履歴", ("期間", "担当名", "主担当業務"), rows, widths, st)


def projects(staff: Staff, ctx: SheetContext) -> list[Flowable]:
    """プロジェクト: 期間・プロジェクト名."""
    st = ctx.styles
    widths = (PERIOD_WIDTH, FRAME_WIDTH - PERIOD_WIDTH)
    rows = []
    for p in staff.projects:
        period = p.period.format(ctx.options.era)
        rows.append(Row([[para(period, st.cell)], [para(p.name, st.cell)]],
                        [_continued(period, st), None]))
    return _section("プロジェクト", ("期間", "プロジェクト名"), rows, widths, st)


def _entry(e: Entry, ctx: SheetContext) -> Paragraph:
    text = markup(e.text)
    if e.date:
        text += f"（{ctx.date(e.date)}）"
    if e.note.strip():
        text += f'<br/><font size="7">※{markup(e.note)}</font>'
    return Paragraph(text, ctx.styles.entry, bulletText="・")


def grid(staff: Staff, ctx: SheetContext) -> list[Flowable]:
    """スキル実績等一覧: one row per level (number and short definition), one column per
    category, each cell listing its entries of the chosen kinds in their order."""
    st = ctx.styles
    cats = sorted(ctx.categories, key=lambda c: c.position)
    col = (FRAME_WIDTH - LEVEL_WIDTH) / max(1, len(cats))
    widths = [LEVEL_WIDTH] + [col] * len(cats)
    cells: dict[tuple[int, str], list[Flowable]] = {}
    kinds = ctx.options.kinds
    for e in staff.entries:
        if e.kind in kinds:
            cells.setdefault((e.level, e.category_id), []).append(_entry(e, ctx))
    rows = []
    for level in sorted(ctx.levels, key=lambda lv: lv.number):
        label = [Paragraph(f'<font size="{st.level_number.fontSize}">{level.number}</font>　'
                           f"{markup(level.short)}", st.level)]
        rows.append(Row([label] + [cells.get((level.number, c.id), []) for c in cats],
                        [_continued(str(level.number), st)]))
    head = [Paragraph("レベル", st.head)] + [para(c.name, st.head) for c in cats]
    table = _table([head] + fit_rows(rows, widths, _max_row_height(head, widths)), widths, st)
    # Keep the heading and the grid on one page when the grid fits on one; a longer grid
    # starts on a fresh page and continues with its header repeated.
    return [KeepTogether([Paragraph("スキル実績等一覧", st.heading), table])]


def resume_story(staff: Staff, ctx: SheetContext) -> list[Flowable]:
    """Returns the flowables of one résumé, framed by the markers that give the footer
    its name and per-résumé page numbers."""
    st = ctx.styles
    opts = ctx.options
    today = opts.day()
    story: list[Flowable] = [ResumeStart(ctx.display_name(staff))]
    if "profile" in opts.sections:
        years = staff.experience_years(today)
        story.append(Paragraph(f"経験年数　{years}年", st.experience))
    title = f"{staff.section.strip()}　スキル履歴書" if staff.section.strip() else "スキル履歴書"
    story.append(para(title, st.title))
    if "profile" in opts.sections:
        story += profile(staff, ctx)
    if "qualifications" in opts.sections:
        story += qualifications(staff, ctx)
    if "assignments" in opts.sections:
        story += assignments(staff, ctx)
    if "projects" in opts.sections:
        story += projects(staff, ctx)
    if "grid" in opts.sections:
        story += grid(staff, ctx)
    story.append(ResumeEnd())
    return story
