"""Nothing lost: cells, rows and tables longer than a page, long words, markup characters
and rare kanji all come out exactly as typed, once each."""

import re

import pdfplumber
import pytest

from skillmatrix.domain.dates import PartialDate, Period
from skillmatrix.domain.model import Assignment, Entry, Project, Qualification, Staff
from skillmatrix.report.resume import build_resumes
from tests.report.conftest import ReadPdf, squash

# 40 lines of 49 characters, 39 line breaks and a closing 。: 2,000 characters, each line
# marked so a lost or doubled line shows.
DUTIES = (
    "\n".join(
        f"L{i:03d}:" + ("住民記録システムの運用と改善、庁内調整を担当した。" * 2)[:44] for i in range(40)
    )
    + "。"
)
MARKUP = "<b>太字</b> & <script>alert(1)</script> a<b &amp; <br/>"
LONG_WORD = "https://example.jp/" + "x" * 300


def long_person(categories) -> Staff:
    cat = categories[2].id
    entries = [
        Entry(
            level=3,
            category_id=cat,
            text=f"E{i:02d} 住民情報システム研修 第{i}回",
            kind="training",
            date=PartialDate(2010 + i % 10, 4),
        )
        for i in range(60)
    ]
    entries.append(Entry(level=5, category_id=categories[6].id, text=MARKUP, kind="role"))
    entries.append(Entry(level=1, category_id=categories[0].id, text=LONG_WORD, kind="other"))
    return Staff(
        name="髙﨑 德塚",
        kana="たかさき とくづか",
        title="主任<i>",
        section="情報&政策課",
        qualifications=[Qualification(name="A&B <i>応用情報</i>", acquired=PartialDate(2015, 10))],
        assignments=[
            Assignment(
                period=Period(PartialDate(2001, 4), PartialDate(2005, 3)), name="前任", duties="引継ぎ"
            ),
            Assignment(period=Period(PartialDate(2005, 4), None), name="塚本担当", duties=DUTIES),
        ],
        projects=[
            Project(period=Period(PartialDate(2006, 4, 1), None), name=f"P{i:02d} 基幹系更新")
            for i in range(30)
        ],
        entries=entries,
    )


@pytest.fixture(scope="module")
def printed(tmp_path_factory, definitions, seed):
    from skillmatrix.report.options import PrintOptions

    levels, categories = definitions
    people = [seed[0], long_person(categories), seed[0]]
    path = tmp_path_factory.mktemp("long") / "long.pdf"
    pages = build_resumes(people, levels, categories, path, PrintOptions())
    return people, pages, ReadPdf(path)


def column(tables, index):
    """Concatenates one column of a table that continues over pages (header rows dropped)."""
    return "".join(row[index] for _, rows in tables for row in rows[1:])


def test_a_2000_character_duty_text_crosses_pages_every_line_once(printed):
    people, _, read = printed
    assert len(DUTIES) == 2000
    tables = [
        t for t in read.tables_headed("期間", "担当名", "主担当業務") if read.footers[t[0]].startswith("髙")
    ]
    assert len({page for page, _ in tables}) >= 2  # the row goes on over a page break
    duties = column(tables, 2)
    assert duties == squash("引継ぎ" + DUTIES)
    for i in range(40):
        assert duties.count(f"L{i:03d}:") == 1
    # The continuation row says what it continues.
    assert "2005年4月～（続き）" in column(tables, 0)
    assert "塚本担当（続き）" in column(tables, 1)


def test_sixty_entries_in_one_cell_go_to_a_separate_sheet_each_once(printed, definitions):
    people, _, read = printed
    levels, categories = definitions
    header = ("レベル", *[c.name for c in categories])
    grids = [t for t in read.tables_headed(*header) if read.footers[t[0]].startswith("髙")]
    # The grid stays on one page: the full cell no longer stretches its level row.
    assert len({page for page, _ in grids}) == 1
    rows = [row for _, rows in grids for row in rows[1:]]
    assert [row[0][0] for row in rows] == [str(lv.number) for lv in levels]
    cell = next(row[3] for row in rows if row[0].startswith("3"))
    shown = re.findall(r"E(\d\d)", cell)
    assert 0 < len(shown) < 60
    assert [int(n) for n in shown] == list(range(len(shown)))  # the first ones, in order
    more = re.search(r"ほか(\d+)件（別紙(\d)）$", cell)
    assert more and int(more[1]) == 60 - len(shown)
    # The rest follow the grid under the 別紙 heading, in full; every entry exactly once.
    pages = [i for i, f in enumerate(read.footers) if f.startswith("髙")]
    text = squash("".join(read.texts[i] for i in pages))
    heading = f"別紙{more[2]}レベル3×{categories[2].name}（続き）"
    assert text.count(heading) == 1
    for i in range(60):
        assert len(re.findall(f"E{i:02d}住民", text)) == 1, i  # printed exactly once
    # The 別紙 is in two columns: read each column whole, left then right, page by page.
    sheet = ""
    with pdfplumber.open(read.path) as pdf:
        for i in pages:
            page = pdf.pages[i]
            body = page.height - 30  # above the footer
            for half in ((0, 0, page.width / 2, body), (page.width / 2, 0, page.width, body)):
                sheet += squash(page.crop(half).extract_text())
    after = sheet.split(heading, 1)[1]
    expected = "".join(
        f"・E{i:02d}住民情報システム研修第{i}回（{2010 + i % 10}年4月）" for i in range(len(shown), 60)
    )
    assert after.startswith(expected)


def test_markup_and_rare_kanji_come_out_as_typed(printed):
    _, _, read = printed
    text = squash(read.text)
    for typed in ("髙﨑德塚", "主任<i>", "情報&政策課", "A&B<i>応用情報</i>", "塚本担当"):
        assert typed in text, typed
    grid_cells = "".join(cell for _, rows in read.tables for row in rows for cell in row if cell)
    assert squash(MARKUP) in squash(grid_cells)
    assert all("髙﨑 德塚" in f for f in read.footers if f.startswith("髙"))


def test_long_words_wrap_inside_the_page(printed):
    _, _, read = printed
    # Taller than a third of the page on its own, the entry goes to a 別紙, whole.
    assert squash(LONG_WORD) in squash(read.text)
    assert read.out_of_frame == [] and read.on_rules == []
    assert min(read.char_sizes) >= 7


def test_thirty_projects_and_footer_numbering_per_resume(printed):
    people, pages, read = printed
    projects = [
        t for t in read.tables_headed("期間", "プロジェクト名") if read.footers[t[0]].startswith("髙")
    ]
    names = column(projects, 1)
    assert names == "".join(f"P{i:02d}基幹系更新" for i in range(30))
    numbers = [re.search(r"(\d+) / (\d+)", f).groups() for f in read.footers]
    by_person = [f.split()[0] for f in read.footers]
    # 藤沢 (1 or 2 pages), 髙﨑 (several), 藤沢 again: each numbered from 1 to its own total.
    runs = []
    for who, (n, total) in zip(by_person, numbers):
        if n == "1":
            runs.append([])
        runs[-1].append((who, int(n), int(total)))
    assert len(runs) == 3
    for run in runs:
        assert [n for _, n, _ in run] == list(range(1, len(run) + 1))
        assert {total for _, _, total in run} == {len(run)}
        assert len({who for who, _, _ in run}) == 1
    assert sum(len(r) for r in runs) == pages
    # Each résumé starts on a new page with its own head.
    starts = [i for i, f in enumerate(read.footers) if re.search(r"\b1 / ", f)]
    assert all("スキル履歴書経験年数" in squash(read.texts[i])[:30] for i in starts)
