"""Output encodings: UTF-8 to a console; redirected output honours PYTHONIOENCODING,
else the locale's encoding (cp932 on Japanese Windows), with errors replaced."""

import io
import os
import subprocess
import sys

from skillmatrix.files.console import stream_encoding
from tests.conftest import ROOT


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_console_gets_utf8_whatever_is_asked():
    assert stream_encoding(Terminal(), {"PYTHONIOENCODING": "cp932"}, lambda: "cp932") == "utf-8"


def test_redirected_output_honours_pythonioencoding():
    assert stream_encoding(io.StringIO(), {"PYTHONIOENCODING": "cp932:strict"}, lambda: "utf-8") == "cp932"


def test_redirected_output_falls_back_to_the_locale():
    assert stream_encoding(io.StringIO(), {}, lambda: "cp932") == "cp932"
    assert stream_encoding(io.StringIO(), {"PYTHONIOENCODING": "no-such-codec"}, lambda: "cp932") == "cp932"
    assert stream_encoding(io.StringIO(), {}, lambda: "ANSI_X3.4-1968") == "utf-8"  # 7-bit: UTF-8


def run(*args, **env):
    full = {k: v for k, v in os.environ.items() if k != "PYTHONIOENCODING"}
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *map(str, args)],
        capture_output=True,
        env={**full, **env},
        timeout=60,
    )


def test_list_redirected_with_pythonioencoding_cp932(tmp_path):
    db = tmp_path / "t.sqlite"
    assert run("demo", "--db", db).returncode == 0
    p = run("list", "--db", db, PYTHONIOENCODING="cp932")
    assert p.returncode == 0 and "藤沢 花子" in p.stdout.decode("cp932")
    p = run("list", "--db", tmp_path / "none.sqlite", PYTHONIOENCODING="cp932")
    assert p.returncode == 1 and "見つかりません" in p.stderr.decode("cp932")


def test_encoding_option_of_list_and_dump(tmp_path):
    db = tmp_path / "t.sqlite"
    assert run("demo", "--db", db).returncode == 0
    p = run("list", "--db", db, "--encoding", "cp932", PYTHONIOENCODING="utf-8")
    assert "藤沢 花子" in p.stdout.decode("cp932")
    out = tmp_path / "cp932.json"
    assert run("dump", "--db", db, "-o", out, "--encoding", "cp932").returncode == 0
    assert "藤沢 花子" in out.read_bytes().decode("cp932")
    p = run("import", "--db", db, out, PYTHONIOENCODING="utf-8")  # named, with how to convert
    assert p.returncode == 1 and "cp932" in p.stderr.decode() and "UTF8" in p.stderr.decode()
