"""`skillmatrix print` with the office choices and the 外字 warning, in real processes."""

import pdfplumber
import pypdf
import pytest

from skillmatrix.domain.model import Entry, Staff
from skillmatrix.store.repository import Store
from tests.report.conftest import ReadPdf, squash
from tests.report.test_cli_print import one_clear_line, sm
from tests.report.tiny_font import KICHI, make_tiny_font

NOWHERE = "\U0010fffd"


@pytest.fixture(scope="module")
def gaiji_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("gaiji") / "gaiji.sqlite"
    assert sm("demo", "--db", db).returncode == 0
    with Store.open(db) as store:
        category = store.categories()[0]
        store.add_staff(
            Staff(
                name=f"{KICHI}田 太郎",
                title="主任",
                entries=[Entry(level=2, category_id=category.id, text=f"研修{NOWHERE}", kind="training")],
            )
        )
    return db, category.name


def test_a_character_in_no_font_is_printed_as_geta_with_a_warning_and_exit_0(gaiji_db, tmp_path):
    db, category = gaiji_db
    out = tmp_path / "yoshida.pdf"
    p = sm("print", "--db", db, "--staff", f"{KICHI}田太郎", "--out", out)
    assert p.returncode == 0, p.err
    assert "1名分" in p.out
    lines = p.err.strip().splitlines()
    assert lines[0].startswith("警告: どのフォントにもない文字を「〓」で印字しました（1か所）")
    assert f"{KICHI}田 太郎　レベル2 × {category}：「{NOWHERE}」（U+10FFFD）" in lines[1]
    assert "Traceback" not in p.err
    assert f"研修{NOWHERE}" in squash(ReadPdf(out).text)


def test_the_fallback_font_option_prints_the_name_from_that_font(gaiji_db, tmp_path):
    db, _ = gaiji_db
    font = make_tiny_font(tmp_path / "tiny.ttf")
    out = tmp_path / "yoshida.pdf"
    p = sm("print", "--db", db, "--staff", f"{KICHI}田太郎", "--out", out, "--fallback-font", font)
    assert p.returncode == 0, p.err
    with pdfplumber.open(out) as pdf:
        kichi = [c for c in pdf.pages[0].chars if c["text"] == KICHI]
    assert kichi and all("SMTinyGaiji" in c["fontname"] for c in kichi)
    p = sm(
        "print", "--db", db, "--all", "--out", tmp_path / "x.pdf", "--fallback-font", tmp_path / "none.ttf"
    )
    assert p.returncode == 1 and one_clear_line(p) and "外字用のフォント" in p.err


def test_size_duplex_stamps_and_metadata(gaiji_db, tmp_path):
    db, _ = gaiji_db
    out = tmp_path / "office.pdf"
    args = ("--size", "large", "--duplex", "--stamps", "本人,所属長")
    p = sm("print", "--db", db, "--staff", "藤沢花子", "湘南太郎", "--out", out, *args)
    assert p.returncode == 0, p.err
    reader = pypdf.PdfReader(out)
    assert len(reader.pages) % 2 == 0 and reader.trailer["/Root"]["/Lang"] == "ja-JP"
    read = ReadPdf(out)
    assert 10.5 in read.char_sizes
    assert "本人" in read.texts[0] and "所属長" in read.texts[0]
    one = tmp_path / "one.pdf"
    assert sm("print", "--db", db, "--staff", "藤沢花子", "--out", one).returncode == 0
    assert pypdf.PdfReader(one).metadata["/Title"] == "スキル履歴書 藤沢 花子"


def test_bad_office_choices_are_usage_errors(gaiji_db, tmp_path):
    db, _ = gaiji_db
    out = tmp_path / "x.pdf"
    p = sm("print", "--db", db, "--all", "--out", out, "--stamps", "a,b,c,d,e")
    assert p.returncode == 2 and "4つまで" in p.err
    assert sm("print", "--db", db, "--all", "--out", out, "--size", "huge").returncode == 2
    assert not out.exists()
