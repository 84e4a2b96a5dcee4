"""The seed's two résumés printed and read back: every row in its table, every entry in its
grid cell, A4 pages, an embedded font, dates at their stored precision."""

import re

import pypdf
import pytest

from skillmatrix.report.resume import build_resumes
from tests.report.conftest import PRINT_DAY, ReadPdf, squash

GRID_HEADER = (
    "レベル",
    "行政職員一般",
    "ITスキル一般",
    "基幹系システム",
    "情報系システム",
    "ネットワーク",
    "地域情報化",
    "セキュリティ",
    "ストラテジ",
)


@pytest.fixture(scope="module")
def printed(tmp_path_factory, definitions, seed):
    from skillmatrix.report.options import PrintOptions

    levels, categories = definitions
    path = tmp_path_factory.mktemp("seed") / "seed.pdf"
    pages = build_resumes(seed, levels, categories, path, PrintOptions(print_date=PRINT_DAY))
    return path, pages, ReadPdf(path)


def resume_pages(read, name):
    return [i for i, footer in enumerate(read.footers) if footer.startswith(name)]


def test_pages_are_a4_and_numbered_per_resume(printed):
    path, pages, read = printed
    assert pages == len(read.sizes)
    assert set(read.sizes) <= {(842, 595), (595, 842)}
    staffer, veteran = resume_pages(read, "藤沢 花子"), resume_pages(read, "湘南 太郎")
    assert staffer and veteran and staffer + veteran == list(range(pages))
    for person in (staffer, veteran):
        numbers = [re.search(r"(\d+) / (\d+)", read.footers[i]).groups() for i in person]
        assert numbers == [(str(n), str(len(person))) for n in range(1, len(person) + 1)]
        assert all("印刷日2026年11月27日" in squash(read.footers[i]) for i in person)
    # Each résumé starts on a new page with its own heading.
    assert "経験年数" in read.texts[veteran[0]].splitlines()[1]  # the heading line (title, 経験年数)
    assert "湘南" not in " ".join(read.texts[i] for i in staffer)


def test_font_is_embedded_and_text_minimum_size(printed):
    path, _, read = printed
    reader = pypdf.PdfReader(path, strict=True)
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            fonts[font["/BaseFont"]] = font
    assert fonts and all("IPAexGothic" in name for name in fonts)
    for font in fonts.values():
        assert "/FontFile2" in font["/FontDescriptor"], font["/BaseFont"]
    assert min(read.char_sizes) >= 7
    assert read.out_of_frame == [] and read.on_rules == []


def test_profile_and_title(printed, seed):
    _, _, read = printed
    # 経験年数 and the title share the heading line (the title is taller: read first).
    assert squash(read.texts[0]).startswith("IT推進課スキル履歴書経験年数3年職名氏名")
    names = read.tables_headed("職名", "氏名")
    assert [rows[1] for _, rows in names] == [["事務職員", "藤沢花子"], ["参事", "湘南太郎"]]
    veteran = seed[1]
    assert f"経験年数{veteran.experience_years(PRINT_DAY)}年" in squash(read.text)


def test_every_history_row_project_and_qualification(printed, seed):
    _, _, read = printed
    assignments = read.tables_headed("期間", "担当名", "主担当業務")
    projects = read.tables_headed("期間", "プロジェクト名")
    qualifications = read.tables_headed("資格等", "取得", "有効期限")
    assert len(assignments) == len(projects) == len(qualifications) == 2
    for person, (_, a_rows), (_, p_rows), (_, q_rows) in zip(seed, assignments, projects, qualifications):
        assert a_rows[1:] == [
            [squash(a.period.format()), squash(a.name), squash(a.duties)] for a in person.assignments
        ]
        assert p_rows[1:] == [[squash(p.period.format()), squash(p.name)] for p in person.projects]
        assert q_rows[1:] == [["（なし）", "", ""]]  # both sheets' 資格等 are empty


def test_dates_at_their_stored_precision(printed):
    _, _, read = printed
    text = squash(read.text)
    assert "2010年4月1日～2013年3月31日" in text  # the staffer: days
    assert "2013年4月～" in text  # an open end, month precision
    assert "1981年8月～1995年3月" in text  # the veteran: months, no invented day
    assert "2013/4/1" not in text and "1981年8月1日" not in text


def test_every_entry_in_its_grid_cell(printed, seed, definitions):
    _, _, read = printed
    levels, categories = definitions
    grids = read.tables_headed(*GRID_HEADER)
    assert len(grids) == 2
    for person, (_, rows) in zip(seed, grids):
        assert [row[0] for row in rows[1:]] == [squash(f"{lv.number} {lv.short}") for lv in levels]
        column = {c.id: i for i, c in enumerate(categories, 1)}
        for entry in person.entries:
            cell = rows[1 + entry.level][column[entry.category_id]]
            assert "・" + squash(entry.text) in cell, (entry.text, entry.level)
        # Each cell holds exactly its entries, in their order, and nothing else.
        for level in levels:
            for category in categories:
                expected = "".join("・" + squash(e.text) for e in person.cell(level.number, category.id))
                assert rows[1 + level.number][column[category.id]] == expected


def test_sample_entries_sit_under_their_column_headers(printed):
    """Word positions, independent of table detection: an entry's x lies within its
    category's column and its y below its level's label."""
    import pdfplumber

    path, _, read = printed
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[
            [
                i
                for i, t in enumerate(read.texts)
                if "スキル実績等一覧" in t and read.footers[i].startswith("湘南")
            ][0]
        ]
        words = page.extract_words()

    def find(text):
        return next(w for w in words if w["text"].startswith(text))

    headers = [find(h) for h in GRID_HEADER[1:]]
    centres = [(h["x0"] + h["x1"]) / 2 for h in headers]
    half = (centres[1] - centres[0]) / 2  # the category columns are equally wide
    edges = [c - half for c in centres] + [centres[-1] + half]
    for text, column, level in (
        ("ISMS", "セキュリティ", 0),
        ("COBOL", "基幹系システム", 1),
        ("SOFPIA概説", "ITスキル一般", 2),
        ("NISC", "ITスキル一般", 6),
    ):
        word = find(text)
        i = GRID_HEADER.index(column) - 1
        assert edges[i] <= word["x0"] < edges[i + 1], text
        label_top = find(str(level))["top"] if level else find("0")["top"]
        next_label = [w for w in words if w["text"] == str(level + 1) and w["x0"] < headers[0]["x0"]]
        assert word["top"] >= label_top - 1
        if next_label:
            assert word["top"] < next_label[0]["top"], text
