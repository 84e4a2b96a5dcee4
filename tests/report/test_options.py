"""Print-time choices: sections, kinds, masked names, era, the 取扱注意 mark."""

import pytest

from skillmatrix.report.options import PrintOptions, initials, parse_kinds, parse_sections
from skillmatrix.report.resume import build_resumes
from tests.report.conftest import PRINT_DAY, ReadPdf, squash


@pytest.mark.parametrize(
    "name, kana, expected",
    [
        ("藤沢 花子", "ふじさわ はなこ", "F.H."),
        ("湘南 太郎", "しょうなん たろう", "S.T."),
        ("千葉 次郎", "ちば じろう", "C.J."),
        ("福田 翼", "フクダ ツバサ", "F.T."),  # katakana
        ("髙﨑 德", "ｶﾞﾓｳ ﾄｸ", "G.T."),  # half-width katakana
        ("Smith John", "smith john", "S.J."),
        ("藤沢 花子", "", "藤.花."),  # no reading: first character of each part
        ("藤沢　花子", "", "藤.花."),  # full-width space
        ("藤沢花子", "ふじさわ", "F."),
        ("藤沢 花子", "ふじさわ ?", "藤.花."),  # an unreadable reading is not guessed from
    ],
)
def test_initials(name, kana, expected):
    assert initials(name, kana) == expected


def test_parse_choices_accept_keys_and_japanese_labels():
    assert parse_sections(["grid"]) == {"grid"}
    assert parse_sections(["資格等,担当履歴", "projects"]) == {"qualifications", "assignments", "projects"}
    assert parse_sections(["スキル実績等一覧、プロジェクト"]) == {"grid", "projects"}
    assert parse_kinds(["研修", "role"]) == {"training", "role"}
    with pytest.raises(ValueError, match="「給与」はありません"):
        parse_sections(["給与"])
    with pytest.raises(ValueError, match="1つ以上"):
        parse_kinds([","])
    with pytest.raises(ValueError):
        PrintOptions(era="koki")


def print_read(tmp_path, people, definitions, **choices):
    levels, categories = definitions
    path = tmp_path / "out.pdf"
    build_resumes(people, levels, categories, path, PrintOptions(print_date=PRINT_DAY, **choices))
    return ReadPdf(path)


def test_sections_choose_what_is_printed(tmp_path, seed, definitions):
    read = print_read(tmp_path, seed[1:], definitions, sections=frozenset({"projects"}))
    text = squash(read.text)
    assert "IT推進課スキル履歴書" in text  # the title line is always there
    assert "住基、印鑑、外国人" in text
    for absent in ("経験年数", "職名", "資格等", "担当履歴", "収納、年金", "スキル実績等一覧", "COBOL"):
        assert absent not in text, absent
    read = print_read(tmp_path, seed[1:], definitions, sections=frozenset({"grid", "profile"}))
    text = squash(read.text)
    assert "経験年数" in text and "COBOL" in text and "担当履歴" not in text


def test_kinds_filter_the_grid(tmp_path, seed, definitions):
    veteran = seed[1]
    read = print_read(tmp_path, [veteran], definitions, kinds=frozenset({"role"}))
    cells = squash("".join(c or "" for _, rows in read.tables for row in rows[1:] for c in row[1:]))
    for entry in veteran.entries:
        assert (squash(entry.text) in cells) == (entry.kind == "role"), entry.text
    # Histories are not entries: the kind filter leaves them alone.
    assert "収納、年金、住基、税、OS" in squash(read.text)


def test_masked_print_shows_initials_only(tmp_path, seed, definitions):
    read = print_read(tmp_path, seed, definitions, masked=True)
    text = squash(read.text)
    # (藤沢 alone stays: the veteran's entries name 藤沢市.)
    for name in ("藤沢花子", "花子", "湘南", "太郎", "ふじさわ", "しょうなん"):
        assert name not in text
    assert [f.split()[0] for f in read.footers if f.split()[0] in ("F.H.", "S.T.")] == [
        f.split()[0] for f in read.footers
    ]
    names = [rows[1][1] for _, rows in read.tables if rows[0] == ["職名", "氏名"]]
    assert names == ["F.H.", "S.T."]


def test_wareki_dates_and_the_confidential_mark(tmp_path, seed, definitions):
    read = print_read(tmp_path, seed, definitions, era="wareki", confidential=True)
    text = squash(read.text)
    assert "平成22年4月1日～平成25年3月31日" in text
    assert "昭和56年8月～平成7年3月" in text
    assert "平成25年4月～" in text
    assert all("印刷日令和8年11月27日" in squash(f) for f in read.footers)
    assert all(squash(t).startswith("取扱注意") for t in read.texts)  # top right of every page
    plain = print_read(tmp_path, seed, definitions)
    assert "取扱注意" not in plain.text
