"""Every character as typed: the font chain, variation sequences and 〓 for the rest."""

import shutil
import subprocess

import pdfplumber
import pypdf
import pytest

from skillmatrix.domain.model import Entry, Staff
from skillmatrix.report.glyphs import mj_font_candidates
from skillmatrix.report.options import PrintOptions
from skillmatrix.report.resume import build_resumes
from tests.report.conftest import PRINT_DAY, squash
from tests.report.tiny_font import KATSU, KICHI, VS256, make_tiny_font

IVS_KATSU = KATSU + "\U000e0100"  # 葛󠄀: IPAexGothic's own cmap format 14 lists it
UNLISTED = KATSU + "\U000e01ee"  # a sequence no font lists: the base glyph, text kept
NOWHERE = "\U0010fffd"  # a private-use character no font has


@pytest.fixture(scope="module")
def tiny_font(tmp_path_factory):
    return make_tiny_font(tmp_path_factory.mktemp("font") / "tiny-gaiji.ttf")


def person(categories, name=f"{KICHI}田 太郎", text="研修"):
    return Staff(
        name=name,
        kana="よしだ たろう",
        title="主任",
        section=f"{IVS_KATSU}飾課",
        entries=[Entry(level=1, category_id=categories[1].id, text=text, kind="training")],
    )


@pytest.fixture(scope="module")
def printed(tmp_path_factory, definitions, tiny_font):
    levels, categories = definitions
    text = f"変異{KATSU}{VS256}と{UNLISTED}と{NOWHERE}終"
    path = tmp_path_factory.mktemp("glyphs") / "yoshida.pdf"
    missing = []
    options = PrintOptions(print_date=PRINT_DAY, fallback_font=tiny_font)
    build_resumes([person(categories, text=text)], levels, categories, path, options, missing=missing)
    with pdfplumber.open(path) as pdf:
        chars = [c for p in pdf.pages for c in p.chars]
    return path, chars, missing


def test_a_name_outside_the_main_font_prints_from_the_fallback_font(printed):
    path, chars, _ = printed
    kichi = [c for c in chars if c["text"] == KICHI]
    # In the profile table and the footer, drawn with the fallback font's glyph (900 units).
    assert len(kichi) >= 2
    assert all("SMTinyGaiji" in c["fontname"] for c in kichi)
    assert all(abs((c["x1"] - c["x0"]) / c["size"] - 0.9) < 0.01 for c in kichi)
    assert f"{KICHI}田 太郎" in pypdf.PdfReader(path).pages[0].extract_text()


def test_variation_sequences_use_the_variant_glyph_and_keep_the_stored_text(printed):
    path, chars, _ = printed
    text = "".join(c["text"] for c in chars)
    # Each sequence is one glyph that reads back as base + selector.
    variant = next(c for c in chars if c["text"] == KATSU + VS256)
    assert "SMTinyGaiji" in variant["fontname"]
    assert abs((variant["x1"] - variant["x0"]) / variant["size"] - 0.6) < 0.01  # the variant glyph
    unlisted = next(c for c in chars if c["text"] == UNLISTED)
    assert "IPAexGothic" in unlisted["fontname"]  # the base glyph from the first font having it
    assert (
        IVS_KATSU + "飾課" in text
        and "IPAexGothic" in next(c for c in chars if c["text"] == IVS_KATSU)["fontname"]
    )


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils (CI installs it)")
def test_pdftotext_returns_exactly_the_stored_characters(printed):
    path, _, _ = printed
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True).stdout.decode(
        "utf-8"
    )
    for typed in (f"{KICHI}田 太郎", f"{IVS_KATSU}飾課", f"{KATSU}{VS256}", UNLISTED, NOWHERE):
        assert typed in out, ascii(typed)


def test_a_character_in_no_font_prints_geta_and_is_reported(printed):
    path, chars, missing = printed
    geta = [c for c in chars if c["text"] == NOWHERE]
    assert len(geta) == 1 and "IPAexGothic" in geta[0]["fontname"]
    assert [(m.person, m.field, m.char) for m in missing] == [
        (f"{KICHI}田 太郎", "レベル1 × ITスキル一般", NOWHERE)
    ]
    assert "U+10FFFD" in missing[0].describe()


def test_every_font_is_embedded(printed):
    path, _, _ = printed
    reader = pypdf.PdfReader(path)
    fonts = {}
    for page in reader.pages:
        for name, ref in page["/Resources"]["/Font"].items():
            fonts[name] = ref.get_object()
    assert len({f["/BaseFont"].split("+")[1] for f in fonts.values()}) == 2  # IPAexGothic + the 外字 font
    for font in fonts.values():
        assert "/FontFile2" in font["/FontDescriptor"], font["/BaseFont"]


def test_without_a_fallback_font_the_main_font_prints_the_rest(tmp_path, definitions, monkeypatch):
    # No 外字 font anywhere: 𠮷 prints as 〓, reads back as 𠮷, and is reported.
    from skillmatrix.report import fonts

    monkeypatch.setattr(fonts, "mj_font_candidates", lambda: [])
    monkeypatch.setattr(fonts, "system_font_candidates", lambda: [])
    levels, categories = definitions
    missing = []
    path = tmp_path / "no-fallback.pdf"
    build_resumes(
        [person(categories)], levels, categories, path, PrintOptions(print_date=PRINT_DAY), missing=missing
    )
    assert {(m.field, m.char) for m in missing} == {("氏名", KICHI)}
    assert f"{KICHI}田" in squash(pypdf.PdfReader(path).pages[0].extract_text())


def test_a_missing_fallback_font_is_one_clear_error(tmp_path, definitions):
    from skillmatrix.report.fonts import ReportError

    levels, categories = definitions
    options = PrintOptions(fallback_font=tmp_path / "nothing.ttf")
    with pytest.raises(ReportError, match="外字用のフォントファイルが見つかりません"):
        build_resumes([person(categories)], levels, categories, tmp_path / "x.pdf", options)
    assert not (tmp_path / "x.pdf").exists()


@pytest.mark.skipif(
    not any(p.is_file() for p in mj_font_candidates()),
    reason="IPAmj明朝 not installed (.ci/run installs fonts-ipamj-mincho)",
)
def test_by_default_the_name_prints_from_ipamj_mincho(tmp_path, definitions):
    levels, categories = definitions
    path = tmp_path / "default-chain.pdf"
    build_resumes([person(categories)], levels, categories, path, PrintOptions(print_date=PRINT_DAY))
    with pdfplumber.open(path) as pdf:
        kichi = [c for c in pdf.pages[0].chars if c["text"] == KICHI]
    assert kichi and all("IPAmjMincho" in c["fontname"] for c in kichi)


def test_the_check_without_layout_finds_what_the_print_reports(tmp_path, definitions):
    from skillmatrix.domain.dates import PartialDate, Period
    from skillmatrix.domain.model import Assignment, Project, Qualification
    from skillmatrix.report.resume import find_missing

    levels, categories = definitions
    odd = "\U0010fff0"
    someone = Staff(
        name="外字 さん",
        title=f"主任{odd}",
        section=f"課{odd}",
        experience_label=f"約{odd}年",
        qualifications=[Qualification(name=f"資格{odd}", acquired=PartialDate(2015, 4))],
        assignments=[Assignment(period=Period(PartialDate(2010, 4), None), name="担当", duties=f"業務{odd}")],
        projects=[Project(period=Period(PartialDate(2011, 4), None), name=f"事業{odd}")],
        entries=[
            Entry(
                level=3, category_id=categories[6].id, text=f"研修{odd}", kind="training", note=f"備考{odd}"
            ),
            Entry(level=4, category_id=categories[2].id, text=f"委員{odd}", kind="role"),
        ],
    )
    for options in (
        PrintOptions(print_date=PRINT_DAY),
        PrintOptions(print_date=PRINT_DAY, kinds=frozenset({"role"})),
    ):
        printed = []
        build_resumes([someone], levels, categories, tmp_path / "x.pdf", options, missing=printed)
        checked = find_missing([someone], categories, options)
        assert sorted((m.field, m.char) for m in checked) == sorted((m.field, m.char) for m in printed)
        assert len(printed) == (9 if len(options.kinds) > 1 else 7)
