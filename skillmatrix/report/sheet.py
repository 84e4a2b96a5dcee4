"""The flowables of one スキル履歴書, in the seed's order.

経験年数, the title 「{所属} スキル履歴書」, 職名・氏名, 資格等, 担当履歴 (期間・担当名・主担当業務),
プロジェクト (期間・プロジェクト名) and スキル実績等一覧 (levels down, categories across).
Every table repeats its header row on each page it continues to and cuts rows too tall
for the page (tables.py), so nothing is ever clipped.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Spacer, Table, TableStyle
from reportlab.platypus.flowables import BalancedColumns

from skillmatrix.domain.dates import PartialDate
from skillmatrix.domain.model import Category, Entry, Level, Staff
from skillmatrix.report.glyphs import FontChain
from skillmatrix.report.markers import ResumeEnd, ResumeStart
from skillmatrix.report.options import PrintOptions, initials
from skillmatrix.report.radar_chart import chart_section
from skillmatrix.report.styles import CELL_PAD, CELL_VPAD, FRAME_HEIGHT, FRAME_WIDTH, CachedParagraph, Styles
from skillmatrix.report.tables import BIG_ROW, ResumeTable, Row, cell_height

PERIOD_WIDTH = 62 * mm  # '平成22年4月1日～平成25年3月31日' on one line at 8.5 pt
LEVEL_WIDTH = 56 * mm  # a level's short definition on two lines, each category ~9 characters


@dataclass(frozen=True)
class SheetContext:
    """What every résumé of one print job shares."""

    styles: Styles
    levels: Sequence[Level]
    categories: Sequence[Category]
    options: PrintOptions
    chain: FontChain

    def markup(self, text: str, field: str) -> str:
        """Returns user text as Paragraph markup, each character in the chain's first
        font that has it (missing ones noted under field)."""
        return self.chain.markup(text, field)

    def para(self, text: str, style: ParagraphStyle, field: str, **kw: Any) -> Paragraph:
        """Returns a Paragraph printing user text literally."""
        return CachedParagraph(self.markup(text, field), style, **kw)

    def date(self, d: PartialDate | None) -> str:
        """Formats a date at its stored precision in the chosen era."""
        return d.format(self.options.era) if d else ""

    def display_name(self, staff: Staff) -> str:
        """Returns the name as printed: initials in a masked print."""
        return initials(staff.name, staff.kana) if self.options.masked else staff.name


def _continued(text: str, ctx: SheetContext) -> Callable[[], list[Flowable]]:
    return lambda: [ctx.para(f"{text}（続き）" if text else "（続き）", ctx.styles.muted, "")]


def _section(
    title: str, header: Sequence[str], rows: list[Row], widths: Sequence[float], st: Styles
) -> list[Flowable]:
    """A heading and its table: the rows, or 「（なし）」 when there are none."""
    head = [CachedParagraph(h, st.head) for h in header]
    if not rows:
        rows = [Row([[CachedParagraph("（なし）", st.muted)]] + [[] for _ in header[1:]])]
    return _keep(
        CachedParagraph(title, st.heading), ResumeTable(head, rows, widths, st.font), FRAME_HEIGHT / 3
    )


def _keep(heading: Paragraph, table: ResumeTable, whole_up_to: float) -> list[Flowable]:
    """A heading and its table, with the page break that keeps them readable.

    A table no taller than whole_up_to starts on the next page unless it fits whole in
    what is left; a longer one starts right here if the heading, the header row and its
    first row fit (so a heading is never left alone at the foot of a page), since it
    would be split anyway.
    """
    _, h = heading.wrap(FRAME_WIDTH, FRAME_HEIGHT)
    h += heading.getSpaceBefore() + heading.getSpaceAfter()
    _, whole = table.wrap(FRAME_WIDTH, FRAME_HEIGHT)
    need = h + (whole if h + whole <= whole_up_to else table.lead_height())
    return [CondPageBreak(need), heading, table]


def profile(staff: Staff, ctx: SheetContext) -> list[Flowable]:
    """The 職名・氏名 table."""
    st = ctx.styles
    head = [CachedParagraph("職名", st.head), CachedParagraph("氏名", st.head)]
    row = Row(
        [[ctx.para(staff.title, st.cell, "職名")], [ctx.para(ctx.display_name(staff), st.cell, "氏名")]]
    )
    return [Spacer(1, 1 * mm), ResumeTable(head, [row], (55 * mm, 80 * mm), st.font)]


def heading_line(staff: Staff, ctx: SheetContext) -> Flowable:
    """経験年数 at the left and the title 「{所属}　スキル履歴書」 in the middle, on one line
    (the seed puts 経験年数 above the title; sharing the line leaves room for the grid)."""
    st = ctx.styles
    left = []
    if "profile" in ctx.options.sections:
        left = [
            CachedParagraph(f"経験年数　{ctx.markup(experience_text(staff, ctx), '経験年数')}", st.experience)
        ]
    section = staff.section.strip()
    title = ctx.para(f"{section}　スキル履歴書" if section else "スキル履歴書", st.title, "所属")
    side = FRAME_WIDTH / 4
    table = Table([[left, title, []]], colWidths=[side, FRAME_WIDTH - 2 * side, side], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), st.font),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


def qualifications(staff: Staff, ctx: SheetContext) -> list[Flowable]:
    """資格等: name, date acquired, expiry."""
    st = ctx.styles
    widths = (FRAME_WIDTH - 2 * 45 * mm, 45 * mm, 45 * mm)
    rows = [
        Row(
            [
                [ctx.para(q.name, st.cell, "資格等")],
                [ctx.para(ctx.date(q.acquired), st.cell, "資格等")],
                [ctx.para(ctx.date(q.expires), st.cell, "資格等")],
            ],
            (_continued(q.name, ctx),),
        )
        for q in staff.qualifications
    ]
    return _section("資格等", ("資格等", "取得", "有効期限"), rows, widths, st)


def assignments(staff: Staff, ctx: SheetContext) -> list[Flowable]:
    """担当履歴: 期間・担当名・主担当業務."""
    st = ctx.styles
    widths = (PERIOD_WIDTH, 70 * mm, FRAME_WIDTH - PERIOD_WIDTH - 70 * mm)
    rows = []
    for a in staff.assignments:
        period = a.period.format(ctx.options.era)
        rows.append(
            Row(
                [
                    [ctx.para(period, st.cell, "担当履歴")],
                    [ctx.para(a.name, st.cell, "担当履歴")],
                    [ctx.para(a.duties, st.cell, "担当履歴")],
                ],
                (_continued(period, ctx), _continued(a.name, ctx)),
            )
        )
    return _section("担当履歴", ("期間", "担当名", "主担当業務"), rows, widths, st)


def projects(staff: Staff, ctx: SheetContext) -> list[Flowable]:
    """プロジェクト: 期間・プロジェクト名."""
    st = ctx.styles
    widths = (PERIOD_WIDTH, FRAME_WIDTH - PERIOD_WIDTH)
    rows = []
    for p in staff.projects:
        period = p.period.format(ctx.options.era)
        rows.append(
            Row(
                [[ctx.para(period, st.cell, "プロジェクト")], [ctx.para(p.name, st.cell, "プロジェクト")]],
                (_continued(period, ctx),),
            )
        )
    return _section("プロジェクト", ("期間", "プロジェクト名"), rows, widths, st)


def _entry(e: Entry, ctx: SheetContext, field: str) -> Paragraph:
    text = ctx.markup(e.text, field)
    if e.date:
        text += f"（{ctx.date(e.date)}）"
    if e.note.strip():
        note_size = ctx.styles.muted.fontSize
        text += f'<br/><font size="{note_size}">※{ctx.markup(e.note, field)}</font>'
    return CachedParagraph(text, ctx.styles.entry, bulletText="・")


@dataclass
class Overflow:
    """The entries of one over-full cell that go to a 別紙 after the grid."""

    number: int
    level: int
    category: str
    entries: list[Flowable]


def _fit_cell(
    entries: list[Flowable], width: float, limit: float, more: Callable[[int], Paragraph]
) -> tuple[list[Flowable], int]:
    """Returns the entries that fit within limit together with a 「ほか N 件」 line, and how
    many do not (0: all fit, no line needed)."""
    if cell_height(entries, width) <= limit:
        return entries, 0
    line_height = cell_height([more(len(entries))], width)
    kept: list[Flowable] = []
    used = line_height
    for e in entries:
        h = cell_height([e], width)
        if used + h > limit:
            break
        kept.append(e)
        used += h
    return kept, len(entries) - len(kept)


def grid(staff: Staff, ctx: SheetContext) -> list[Flowable]:
    """スキル実績等一覧: one row per level (number and short definition), one column per
    category, each cell listing its entries of the chosen kinds in their order.

    A level row is kept to about a third of the page: a cell with more entries than fit
    shows the first ones and 「ほか N 件（別紙 n）」, and the rest follow after the grid
    under 「別紙 n レベル3 × セキュリティ（続き）」 (sheets()). Every entry is printed once.
    """
    st = ctx.styles
    cats = sorted(ctx.categories, key=lambda c: c.position)
    col = (FRAME_WIDTH - LEVEL_WIDTH) / max(1, len(cats))
    widths = [LEVEL_WIDTH] + [col] * len(cats)
    names = {c.id: c.name for c in cats}
    cells: dict[tuple[int, str], list[Flowable]] = {}
    for e in staff.entries:
        if e.kind in ctx.options.kinds:
            field = f"レベル{e.level} × {names.get(e.category_id, '')}"
            cells.setdefault((e.level, e.category_id), []).append(_entry(e, ctx, field))
    rows = []
    overflows: list[Overflow] = []
    inner = col - 2 * CELL_PAD
    limit = BIG_ROW - 2 * CELL_VPAD - 1
    for level in sorted(ctx.levels, key=lambda lv: lv.number):
        label = CachedParagraph(
            f'<font size="{st.level_number.fontSize}">{level.number}</font>　{ctx.markup(level.short, "レベル")}',
            st.level,
        )
        row_cells: list[list[Flowable]] = [[label]]
        for c in cats:
            entries = cells.get((level.number, c.id), [])
            number = len(overflows) + 1

            def more(n: int, number: int = number) -> Paragraph:
                return CachedParagraph(f"ほか\u00a0{n}\u00a0件<br/>（別紙\u00a0{number}）", st.muted)

            kept, rest = _fit_cell(entries, inner, limit, more)
            if rest:
                overflows.append(Overflow(number, level.number, c.name, entries[len(kept) :]))
                kept = kept + [more(rest)]
            row_cells.append(kept)
        rows.append(Row(row_cells, (_continued(str(level.number), ctx),)))
    head = [CachedParagraph("レベル", st.head)] + [ctx.para(c.name, st.head, "カテゴリ") for c in cats]
    # The grid reads best whole: it starts on a fresh page unless it fits in what is left;
    # a grid longer than a page starts at once and continues with its header repeated.
    story = _keep(
        CachedParagraph("スキル実績等一覧", st.heading),
        ResumeTable(head, rows, widths, st.font),
        FRAME_HEIGHT,
    )
    return story + sheets(overflows, ctx)


def sheets(overflows: list[Overflow], ctx: SheetContext) -> list[Flowable]:
    """The 別紙: each over-full cell's remaining entries in full, in two balanced columns
    that continue over pages."""
    st = ctx.styles
    story: list[Flowable] = []
    for o in overflows:
        heading = CachedParagraph(
            f"別紙 {o.number}　レベル{o.level} × {ctx.markup(o.category, 'カテゴリ')}（続き）", st.heading
        )
        story += [
            CondPageBreak(60),
            heading,
            BalancedColumns(o.entries, nCols=2, spaceBefore=0, innerPadding=12),
        ]
    return story


def experience_text(staff: Staff, ctx: SheetContext) -> str:
    """Returns 経験年数 as printed: the office's own wording (「20年以上」) when set, else
    the computed or overridden number of years."""
    label = (getattr(staff, "experience_label", "") or "").strip()
    return label or f"{staff.experience_years(ctx.options.day())}年"


def resume_story(staff: Staff, ctx: SheetContext) -> list[Flowable]:
    """Returns the flowables of one résumé, framed by the markers that give the footer
    its name and per-résumé page numbers."""
    sections = ctx.options.sections
    ctx.chain.person = staff.name
    story: list[Flowable] = [
        ResumeStart(ctx.display_name(staff), ctx.options.stamps),
        heading_line(staff, ctx),
    ]
    if "profile" in sections:
        story += profile(staff, ctx)
    if "qualifications" in sections:
        story += qualifications(staff, ctx)
    if "assignments" in sections:
        story += assignments(staff, ctx)
    if "projects" in sections:
        story += projects(staff, ctx)
    if "grid" in sections:
        story += grid(staff, ctx)
    if "chart" in sections:
        cats = sorted(ctx.categories, key=lambda c: c.position)
        story += chart_section(staff, cats, ctx.options.kinds, ctx.options.targets.get(staff.id), ctx.styles)
    story.append(ResumeEnd(ctx.options.duplex))
    return story


def printed_texts(staff: Staff, ctx: SheetContext) -> list[tuple[str, str]]:
    """Returns (field, text) for everything of the person the résumé prints from their
    sheet, as grid() and the sections label it: what the window checks for characters no
    font has before a batch print, without laying anything out."""
    sections = ctx.options.sections
    names = {c.id: c.name for c in ctx.categories}
    texts: list[tuple[str, str]] = [("所属", staff.section)]
    if "profile" in sections:
        texts += [
            ("職名", staff.title),
            ("氏名", ctx.display_name(staff)),
            ("経験年数", staff.experience_label),
        ]
    if "qualifications" in sections:
        texts += [("資格等", q.name) for q in staff.qualifications]
    if "assignments" in sections:
        texts += [("担当履歴", t) for a in staff.assignments for t in (a.name, a.duties)]
    if "projects" in sections:
        texts += [("プロジェクト", p.name) for p in staff.projects]
    if "grid" in sections:
        for e in staff.entries:
            if e.kind in ctx.options.kinds:
                field = f"レベル{e.level} × {names.get(e.category_id, '')}"
                texts += [(field, e.text), (field, e.note)]
    return [(f, t) for f, t in texts if t]
