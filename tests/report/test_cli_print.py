"""`skillmatrix print` run as a user would, in a real process: exit codes, one-line errors."""

import os
import subprocess
import sys
from pathlib import Path

import pypdf
import pytest

from tests.report.conftest import ReadPdf, squash

ROOT = Path(__file__).resolve().parents[2]


def sm(*args):
    # Redirected output honours PYTHONIOENCODING (issue 17); tests/cli/test_encoding.py
    # covers cp932 and the locale fallback.
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    p = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *map(str, args)], capture_output=True, env=env, timeout=300
    )
    p.out, p.err = p.stdout.decode("utf-8"), p.stderr.decode("utf-8")
    return p


def one_clear_line(p):
    lines = p.err.strip().splitlines()
    return len(lines) == 1 and "Traceback" not in p.err and lines[0].startswith("エラー: ")


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "デモ.sqlite"
    assert sm("demo", "--db", path, "--staff", 5).returncode == 0
    return path


def test_print_all_and_by_name(demo, tmp_path):
    out = tmp_path / "全員.pdf"
    p = sm("print", "--db", demo, "--all", "--out", out)
    assert p.returncode == 0, p.err
    assert "5名分" in p.out and str(out) in p.out
    pages = len(pypdf.PdfReader(out).pages)
    assert f"{pages}ページ" in p.out
    one = tmp_path / "one.pdf"
    p = sm("print", "--db", demo, "--staff", "湘南 太郎", "藤沢花子", "--out", one)
    assert p.returncode == 0, p.err
    footers = [f.split("スキル履歴書")[0].strip() for f in ReadPdf(one).footers]
    assert footers[0] == "湘南 太郎" and footers[-1] == "藤沢 花子"  # the order given


def test_print_choices(demo, tmp_path):
    out = tmp_path / "masked.pdf"
    p = sm(
        "print",
        "--db",
        demo,
        "--staff",
        "湘南太郎",
        "--out",
        out,
        "--masked",
        "--era",
        "wareki",
        "--confidential",
        "--sections",
        "profile,grid",
        "--kinds",
        "講師・委員",
    )
    assert p.returncode == 0, p.err
    read = ReadPdf(out)
    text = squash(read.text)
    cells = squash("".join(c or "" for _, rows in read.tables for row in rows for c in row))
    assert "S.T." in text and "湘南太郎" not in text
    assert "取扱注意" in text and "令和" in text
    assert "NISC重要ノウハウ専門委員" in cells and "COBOL" not in cells and "担当履歴" not in text


def test_unknown_staff_is_exit_1_with_one_line(demo, tmp_path):
    p = sm("print", "--db", demo, "--staff", "誰でもない", "--out", tmp_path / "x.pdf")
    assert p.returncode == 1 and one_clear_line(p) and "誰でもない" in p.err
    assert not any(tmp_path.iterdir())


def test_usage_errors_are_exit_2(demo, tmp_path):
    out = tmp_path / "x.pdf"
    assert sm("print", "--db", demo, "--out", out).returncode == 2  # neither --staff nor --all
    assert sm("print", "--db", demo, "--all", "--staff", "湘南太郎", "--out", out).returncode == 2
    assert sm("print", "--db", demo, "--all").returncode == 2  # no --out
    p = sm("print", "--db", demo, "--all", "--out", out, "--sections", "給与")
    assert p.returncode == 2 and "給与" in p.err
    assert sm("print", "--db", demo, "--all", "--out", out, "--era", "koki").returncode == 2
    assert not any(tmp_path.iterdir())


def test_failures_are_exit_1_with_one_line(demo, tmp_path):
    bad_font = tmp_path / "bad.ttf"
    bad_font.write_bytes(b"\0" * 64)
    for args in (("--font", bad_font), ("--font", tmp_path / "missing.ttf")):
        p = sm("print", "--db", demo, "--all", "--out", tmp_path / "x.pdf", *args)
        assert p.returncode == 1 and one_clear_line(p), p.err
    p = sm("print", "--db", demo, "--all", "--out", tmp_path / "no" / "such" / "x.pdf")
    assert p.returncode == 1 and one_clear_line(p) and "フォルダ" in p.err
    p = sm("print", "--db", tmp_path / "missing.sqlite", "--all", "--out", tmp_path / "x.pdf")
    assert p.returncode == 1 and one_clear_line(p)
    assert sorted(x.name for x in tmp_path.iterdir()) == ["bad.ttf"]


def test_an_empty_database_prints_nothing(tmp_path):
    db = tmp_path / "empty.sqlite"
    from skillmatrix.store.repository import Store

    Store.create(db).close()
    p = sm("print", "--db", db, "--all", "--out", tmp_path / "x.pdf")
    assert p.returncode == 1 and one_clear_line(p) and "いません" in p.err
