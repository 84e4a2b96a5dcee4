"""The flowables of one スキル履歴書, in the seed's order.

経験年数, the title 「{所属} スキル履歴書」, 職名・氏名, 資格等, 担当履歴 (期間・担当名・主担当業務),
プロジェクト (期間・プロジェクト名) and スキル実績等一覧 (levels down, categories across).
Every table repeats its header row on each page it continues to and cuts rows too tall
for the page (tables.py), so nothing is ever clipped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Spacer

from skillmatrix.domain.dates import PartialDate
from skillmatrix.domain.model import Category, Entry, Level, Staff
from skillmatrix.report.markers import ResumeEnd, ResumeStart
from skillmatrix.report.options import PrintOptions, initials
from skillmatrix.report.radar_chart import chart_section
from skillmatrix.report.styles import FRAME_HEIGHT, FRAME_WIDTH, CachedParagraph, Styles, markup, para
from skillmatrix.report.tables import ResumeTable, Row

PERIOD_WIDTH = 62 * mm  # '平成22年4月1日～平成25年3月31日' on one line at 8.5 pt
LEVEL_WIDTH = 42 * mm  # leaves each category 8 characters a line at 8 pt


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


def _continued(text: str, st: Styles):
    return lambda: [para(f"{text}（続き）" if text else "（続き）", st.muted)]


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
    row = Row([[para(staff.title, st.cell)], [para(ctx.display_name(staff), st.cell)]])
    return [Spacer(1, 2 * mm), ResumeTable(head, [row], (55 * mm, 80 * mm), st.font)]


def qualifications(staff: Staff, ctx: SheetContext) -> list[Flowable]:
    """資格等: name, date acquired, expiry."""
    st = ctx.styles
    widths = (FRAME_WIDTH - 2 * 45 * mm, 45 * mm, 45 * mm)
    rows = [
        Row(
            [
                [para(q.name, st.cell)],
                [para(ctx.date(q.acquired), st.cell)],
                [para(ctx.date(q.expires), st.cell)],
            ],
            (_continued(q.name, st),),
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
                [[para(period, st.cell)], [para(a.name, st.cell)], [para(a.duties, st.cell)]],
                (_continued(period, st), _continued(a.name, st)),
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
        rows.append(Row([[para(period, st.cell)], [para(p.name, st.cell)]], (_continued(period, st),)))
    return _section("プロジェクト", ("期間", "プロジェクト名"), rows, widths, st)


def _entry(e: Entry, ctx: SheetContext) -> Paragraph:
    text = markup(e.text)
    if e.date:
        text += f"（{ctx.date(e.date)}）"
    if e.note.strip():
        text += f'<br/><font size="7">※{markup(e.note)}</font>'
    return CachedParagraph(text, ctx.styles.entry, bulletText="・")


def grid(staff: Staff, ctx: SheetContext) -> list[Flowable]:
    """スキル実績等一覧: one row per level (number and short definition), one column per
    category, each cell listing its entries of the chosen kinds in their order."""
    st = ctx.styles
    cats = sorted(ctx.categories, key=lambda c: c.position)
    col = (FRAME_WIDTH - LEVEL_WIDTH) / max(1, len(cats))
    widths = [LEVEL_WIDTH] + [col] * len(cats)
    cells: dict[tuple[int, str], list[Flowable]] = {}
    for e in staff.entries:
        if e.kind in ctx.options.kinds:
            cells.setdefault((e.level, e.category_id), []).append(_entry(e, ctx))
    rows = []
    for level in sorted(ctx.levels, key=lambda lv: lv.number):
        label = CachedParagraph(
            f'<font size="{st.level_number.fontSize}">{level.number}</font>　{markup(level.short)}', st.level
        )
        rows.append(
            Row(
                [[label]] + [cells.get((level.number, c.id), []) for c in cats],
                (_continued(str(level.number), st),),
            )
        )
    head = [CachedParagraph("レベル", st.head)] + [para(c.name, st.head) for c in cats]
    # The grid reads best whole: it starts on a fresh page unless it fits in what is left;
    # a grid longer than a page starts at once and continues with its header repeated.
    return _keep(
        CachedParagraph("スキル実績等一覧", st.heading),
        ResumeTable(head, rows, widths, st.font),
        FRAME_HEIGHT,
    )


def resume_story(staff: Staff, ctx: SheetContext) -> list[Flowable]:
    """Returns the flowables of one résumé, framed by the markers that give the footer
    its name and per-résumé page numbers."""
    st = ctx.styles
    sections = ctx.options.sections
    story: list[Flowable] = [ResumeStart(ctx.display_name(staff))]
    if "profile" in sections:
        years = staff.experience_years(ctx.options.day())
        story.append(CachedParagraph(f"経験年数　{years}年", st.experience))
    section = staff.section.strip()
    story.append(para(f"{section}　スキル履歴書" if section else "スキル履歴書", st.title))
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
    story.append(ResumeEnd())
    return story
