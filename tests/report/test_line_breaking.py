"""禁則処理, checked on the glyphs' positions in a 50-person print (not only on the text)."""

from collections import defaultdict

import pdfplumber
import pytest

from skillmatrix.demo.generated import generated_staff
from skillmatrix.report.linebreak import NO_END, NO_START, may_break
from skillmatrix.report.options import PrintOptions
from skillmatrix.report.resume import build_resumes
from tests.report.conftest import PRINT_DAY

OPENING = set("（「『【〔〈《")
CLOSING = set("、。，．）」』】〕〉》ー・！？") | set("ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ")


def latin(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def cell_lines(page):
    """Yields (inner width, lines) per table cell: the characters between two vertical
    rules, grouped into lines by baseline, each line sorted left to right."""
    rules = [e for e in page.edges if e["orientation"] == "v"]
    cells = defaultdict(lambda: defaultdict(list))
    for c in page.chars:
        mid = (c["top"] + c["bottom"]) / 2
        around = [e for e in rules if e["top"] <= mid <= e["bottom"]]
        left = max((e["x0"] for e in around if e["x0"] <= c["x0"] + 0.5), default=None)
        right = min((e["x0"] for e in around if e["x0"] >= c["x1"] - 0.5), default=None)
        if left is None or right is None:
            continue  # outside the tables (headings, footer)
        cells[(round(left, 1), round(right, 1), round(min(e["top"] for e in around), 1))][
            round(c["bottom"])
        ].append(c)
    flat = [e for e in page.edges if e["orientation"] == "h"]
    for (left, right, _), lines in cells.items():
        # Split the column at the horizontal rules: each table row is a cell of its own.
        ys = sorted(e["top"] for e in flat if e["x0"] <= (left + right) / 2 <= e["x1"])
        rows = defaultdict(list)
        for k in sorted(lines):
            line = sorted(lines[k], key=lambda c: c["x0"])
            rows[sum(1 for y in ys if y < line[0]["top"])].append(line)
        for row in rows.values():
            yield left, right, row


@pytest.fixture(scope="module")
def fifty(tmp_path_factory, definitions):
    levels, categories = definitions
    people = generated_staff(50, categories)
    path = tmp_path_factory.mktemp("fifty") / "fifty.pdf"
    build_resumes(people, levels, categories, path, PrintOptions(print_date=PRINT_DAY))
    starts, ends, runs, lines_seen = [], [], [], 0
    with pdfplumber.open(path) as pdf:
        for number, page in enumerate(pdf.pages):
            for left, right, lines in cell_lines(page):
                # The bullet 「・」 of an entry is drawn left of the text indent: not a line start.
                bullet = [any(c["text"] == "・" and c["x0"] < left + 5 for c in line) for line in lines]
                text_lines = [
                    [c for c in line if not (c["text"] == "・" and c["x0"] < left + 5)] for line in lines
                ]
                for line in text_lines:
                    if not line:
                        continue
                    lines_seen += 1
                    if line[0]["text"] in CLOSING:
                        starts.append((number, "".join(c["text"] for c in line)))
                    if line[-1]["text"] in OPENING:
                        ends.append((number, "".join(c["text"] for c in line)))
                for a, b, new_entry in zip(text_lines, text_lines[1:], bullet[1:]):
                    if a and b and not new_entry and latin(a[-1]["text"]) and latin(b[0]["text"]):
                        # A Latin run broken between lines: only when it is wider than the cell.
                        run = [c for c in reversed(a) if latin(c["text"])]
                        width = sum(c["x1"] - c["x0"] for c in run)
                        width += sum(c["x1"] - c["x0"] for c in b if latin(c["text"]))
                        if width < right - left - 12:
                            runs.append(
                                (number, "".join(c["text"] for c in a), "".join(c["text"] for c in b))
                            )
    return starts, ends, runs, lines_seen


def test_no_line_starts_with_a_closing_mark_or_small_kana(fifty):
    starts, _, _, lines_seen = fifty
    assert lines_seen > 3000  # the check saw the whole print
    assert starts == []


def test_no_line_ends_with_an_opening_bracket(fifty):
    assert fifty[1] == []


def test_latin_words_dates_and_numbers_are_not_broken(fifty):
    assert fifty[2] == []


@pytest.mark.parametrize(
    "text",
    [
        "第|1|回|（研|修",  # never after 「（」
        "研|修」。|次",  # never before 」 or 。
        "コ|ン|ピュー|タ|入|門",  # never before a small kana or ー
        "（2001/4|月）",  # 2001/4 is one run; brackets stay with what they enclose
        "1-基|本|管|理|編",  # 「1-基」 stays together
        "Windows |Server |2008",  # Latin words break at their spaces only
        "きゃっ|と",
        "J-LIS |集|合|研|修|「イ|ン|シ|デ|ン|ト」",
        "-1|日",  # a joining mark first: nothing before it to join
        "/|研|修",
    ],
)
def test_break_rules(text):
    """'|' marks every place a line may break; nowhere else may it."""
    plain = text.replace("|", "")
    allowed = {
        i for i in range(1, len(plain)) if may_break(plain[i - 2] if i >= 2 else "", plain[i - 1], plain[i])
    }
    marked, pos = set(), 0
    for ch in text:
        if ch == "|":
            marked.add(pos)
        else:
            pos += 1
    assert allowed == marked


def test_the_rule_sets_cover_the_issue_list():
    assert set("、。，．）」』】〕〉》ー・！？") <= NO_START
    assert set("ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ") <= NO_START
    assert set("（「『【〔〈《") <= NO_END
