"""One sheet where it fits, and the choices an office expects: sizes, duplex, stamps,
document metadata."""

import re

import pdfplumber
import pypdf
import pytest

from skillmatrix import __version__
from skillmatrix.domain.dates import PartialDate
from skillmatrix.domain.model import Entry, Staff
from skillmatrix.report.options import PrintOptions, parse_stamps
from skillmatrix.report.resume import build_resumes
from tests.report.conftest import PRINT_DAY, ReadPdf, squash


def pages_of(tmp_path, people, definitions, name="out.pdf", **choices):
    levels, categories = definitions
    path = tmp_path / name
    pages = build_resumes(people, levels, categories, path, PrintOptions(print_date=PRINT_DAY, **choices))
    assert pages == len(pypdf.PdfReader(path).pages)
    return path, pages


def test_the_three_year_clerk_fits_one_sheet_and_the_veteran_two(tmp_path, seed, definitions):
    junior, veteran = seed
    assert pages_of(tmp_path, [junior], definitions, "junior.pdf")[1] == 1
    path, pages = pages_of(tmp_path, [veteran], definitions, "veteran.pdf")
    assert pages <= 2
    # The grid is whole on one page: its header once, every level row under it.
    read = ReadPdf(path)
    header = ("レベル", *[c.name for c in definitions[1]])
    grids = read.tables_headed(*header)
    assert len(grids) == 1
    assert [row[0][0] for row in grids[0][1][1:]] == [str(lv.number) for lv in definitions[0]]


def security_person(categories, count=45):
    security = next(c for c in categories if c.name == "セキュリティ")
    entries = [
        Entry(
            level=3,
            category_id=security.id,
            text=f"S{i:02d} 情報セキュリティ研修（J-LIS 集合研修「第{i}回」）",
            kind="training",
            date=PartialDate(2000 + i % 20, 4),
        )
        for i in range(count)
    ]
    entries.append(Entry(level=7, category_id=categories[0].id, text="世界会議で講演", kind="role"))
    return Staff(
        name="満杯 四十五", kana="まんぱい しじゅうご", title="主査", section="情報政策課", entries=entries
    )


def test_45_entries_in_one_cell_make_a_separate_sheet_each_entry_once(tmp_path, definitions):
    path, pages = pages_of(tmp_path, [security_person(definitions[1])], definitions)
    assert pages <= 3  # was 6: that one column ran down otherwise empty rows
    read = ReadPdf(path)
    text = squash(read.text)
    assert text.count("別紙1レベル3×セキュリティ（続き）") == 1
    more = re.search(r"ほか(\d+)件（別紙1）", text)
    assert more
    for i in range(45):
        assert len(re.findall(f"S{i:02d}(?!\\d)", text)) == 1, i  # a Latin run is never broken
    # レベル7 is in the grid with the other rows, not alone on a page of its own.
    header = ("レベル", *[c.name for c in definitions[1]])
    ((page, rows),) = read.tables_headed(*header)
    assert rows[-1][0].startswith("7") and rows[-1][1] == "・世界会議で講演"
    shown = len(re.findall(r"S\d\d", rows[4][7]))
    assert shown + int(more[1]) == 45


def test_large_size(tmp_path, seed, definitions):
    path, pages = pages_of(tmp_path, seed, definitions, size="large")
    sizes = ReadPdf(path).char_sizes
    assert 10.5 in sizes and 9.0 in sizes  # entries and level texts
    assert 7.0 not in sizes  # the standard level texts are gone (8 pt remains in the footer)


def test_duplex_pads_each_resume_to_an_even_page_count(tmp_path, seed, definitions):
    junior, veteran = seed
    _, single = pages_of(tmp_path, [junior, veteran, junior], definitions, "single.pdf")
    path, pages = pages_of(tmp_path, [junior, veteran, junior], definitions, "duplex.pdf", duplex=True)
    assert single == 1 + 2 + 1 and pages == 2 + 2 + 2
    with pdfplumber.open(path) as pdf:
        texts = [p.extract_text() or "" for p in pdf.pages]
    # Every résumé starts on an odd page (a front side); the padding pages are blank.
    starts = [i for i, t in enumerate(texts) if re.search(r"\b1 / \d", t)]
    assert starts == [0, 2, 4]
    assert texts[1] == "" and texts[5] == ""


def test_stamps_are_boxes_at_the_top_right_of_the_first_page(tmp_path, seed, definitions):
    path, _ = pages_of(tmp_path, [seed[1]], definitions, stamps=("本人", "所属長", "課長"))
    with pdfplumber.open(path) as pdf:
        first, second = pdf.pages
        top_right = first.crop((first.width * 0.7, 0, first.width, 90))
        assert squash(top_right.extract_text()) == "本人所属長課長"
        boxes = [r for r in first.rects if r["x0"] > first.width * 0.7 and r["top"] < 90]
        assert boxes and max(r["width"] for r in boxes) > 140  # 3 boxes of 18 mm
        assert (
            len([e for e in first.edges if e["orientation"] == "v" and e["top"] < 90 and e["x0"] > 600]) >= 4
        )
        assert "本人" not in (second.extract_text() or "")


def test_stamp_labels_are_checked():
    assert parse_stamps("本人,所属長") == ("本人", "所属長")
    assert parse_stamps("本人、所属長、 課長") == ("本人", "所属長", "課長")
    with pytest.raises(ValueError, match="4つまで"):
        parse_stamps("a,b,c,d,e")
    with pytest.raises(ValueError, match="6文字まで"):
        parse_stamps("とても長い見出しです")


def test_metadata_title_language_and_creator(tmp_path, seed, definitions):
    path, _ = pages_of(tmp_path, [seed[0]], definitions, "one.pdf")
    reader = pypdf.PdfReader(path)
    assert reader.metadata["/Title"] == "スキル履歴書 藤沢 花子"
    assert reader.metadata["/Creator"] == f"SkillMatrix {__version__}"
    assert reader.trailer["/Root"]["/Lang"] == "ja-JP"
    path, _ = pages_of(tmp_path, [seed[0]], definitions, "masked.pdf", masked=True)
    assert pypdf.PdfReader(path).metadata["/Title"] == "スキル履歴書"
    path, _ = pages_of(tmp_path, seed, definitions, "both.pdf")
    assert pypdf.PdfReader(path).metadata["/Title"] == "スキル履歴書"
