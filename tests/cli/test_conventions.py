"""Command-line conventions (issue 16 item 2): -o everywhere, - for standard output and
input, quiet broken pipes, a message when there is no display, help in Japanese."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from skillmatrix import cli
from skillmatrix.cli.japanese_argparse import MESSAGES

ROOT = Path(__file__).resolve().parents[2]
MAIN = [sys.executable, str(ROOT / "main.py")]


def sm(*args, stdin=None, env=None):
    full = {**os.environ, "PYTHONIOENCODING": "utf-8", **(env or {})}
    return subprocess.run([*MAIN, *map(str, args)], capture_output=True, input=stdin, env=full, timeout=120)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("conv") / "t.sqlite"
    assert (
        sm("demo", "--db", path, "--staff", 1500).returncode == 0
    )  # ~100 KB of list: more than a pipe holds
    return path


def test_short_o_on_every_command_with_an_output():
    parser = cli.build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    with_out = {name for name, p in sub.choices.items() for a in p._actions if "--out" in a.option_strings}
    assert with_out == {"dump", "export", "print", "report", "form"}
    for name in with_out:
        action = next(a for a in sub.choices[name]._actions if "--out" in a.option_strings)
        assert action.option_strings == ["-o", "--out"]


def test_dash_writes_dump_and_report_to_standard_output(demo, tmp_path):
    p = sm("dump", "--db", demo, "-o", "-", "--staff", "藤沢 花子")
    data = json.loads(p.stdout.decode("utf-8"))
    assert data["staff"][0]["name"] == "藤沢 花子" and data["staff"][0]["revision"]
    assert "1名を書き出しました" in p.stderr.decode() and not (Path.cwd() / "-").exists()
    p = sm("report", "--db", demo, "--kind", "matrix", "-o", "-", "--format", "pdf")
    assert p.returncode == 0 and p.stdout.startswith(b"%PDF")
    p = sm("report", "--db", demo, "--kind", "matrix", "-o", "-", "--format", "xlsx")
    assert p.returncode == 0 and p.stdout.startswith(b"PK")
    p = sm("report", "--db", demo, "--kind", "matrix", "-o", "-")
    assert p.returncode == 1 and "--format" in p.stderr.decode() and p.stdout == b""


def test_dash_reads_json_from_standard_input(demo, tmp_path):
    dumped = sm("dump", "--db", demo, "-o", "-", "--staff", "藤沢 花子").stdout
    target = tmp_path / "new.sqlite"
    assert sm("demo", "--db", target).returncode == 0
    p = sm("import", "--db", target, "-", "--dry-run", stdin=dumped)
    assert p.returncode == 0 and "変更なし 1" in p.stdout.decode()
    p = sm("import", "--db", target, "-", stdin=b"not json")
    assert p.returncode == 1 and "JSONとして読めません" in p.stderr.decode()


@pytest.mark.parametrize("command", ["list --db {db}", "dump --db {db} -o -"])
def test_broken_pipe_ends_quietly(demo, command):
    line = " ".join(MAIN) + " " + command.format(db=demo)
    p = subprocess.run(
        ["bash", "-c", f"{line} | head -1 >/dev/null; echo ${{PIPESTATUS[0]}}"],
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        timeout=120,
    )
    assert p.stderr == b""  # no "Broken pipe", no "Exception ignored"
    assert p.stdout.decode().strip() in ("141", "0")  # killed-by-SIGPIPE status, or done first


def test_no_display_is_one_line_not_an_abort(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    p = subprocess.run([*MAIN, "--db", str(tmp_path / "x.sqlite")], capture_output=True, env=env, timeout=60)
    lines = p.stderr.decode("utf-8").strip().splitlines()
    assert p.returncode == 1 and len(lines) == 1 and "skillmatrix-gui" in lines[0] and "--help" in lines[0]
    assert not (tmp_path / "x.sqlite").exists()


ENGLISH = [english.strip(" :%()s\n") for english in MESSAGES] + ["usage", "options", "positional", "error"]


def help_texts():
    parser = cli.build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    yield "skillmatrix", parser
    yield from sub.choices.items()


@pytest.mark.parametrize(("name", "parser"), list(help_texts()))
def test_help_is_entirely_japanese(name, parser):
    text = parser.format_help()
    assert text.startswith("使い方: ") and "オプション:" in text
    for english in ENGLISH:
        if len(english) > 3:
            assert english not in text, english
    for action in parser._actions:
        if action.help != "==SUPPRESS==":
            assert action.help and re.search("[ぁ-んァ-ヶ一-龠]", action.help), (name, action.option_strings)
    # What is left once option names, choices and examples are removed is Japanese.
    words = set(re.findall(r"(?<![-.\w])[A-Za-z]{4,}(?![-\w.])", text))
    allowed = {
        "SkillMatrix",
        "skillmatrix",
        "JSON",
        "Excel",
        "TrueType",
        "PYTHONIOENCODING",
        "wareki",
        "seireki",
    }
    allowed |= {"matrix", "gaps", "plan", "courses", "mine", "theirs", "xlsx", "sqlite", "json", "profile"}
    allowed |= {"qualifications", "assignments", "projects", "grid", "training", "work", "role", "other"}
    allowed |= {"demo", "list", "check", "dump", "export", "import", "print", "report", "help"}
    allowed |= {"init", "form", "selftest", "kana", "standard", "large", "chart", "growth", "coverage"}
    allowed |= {"server", "share"}  # a share's path in an example: \\server\share
    assert words <= allowed, words - allowed


def test_usage_errors_in_japanese_on_one_line():
    p = sm("report", "--kind", "nothing")
    err = p.stderr.decode("utf-8").strip().splitlines()
    assert p.returncode == 2 and len(err) == 1
    assert "エラー" in err[0] and "使い方: skillmatrix report --help" in err[0] and "invalid" not in err[0]
    p = sm("--help")
    assert p.returncode == 0 and "show this help" not in p.stdout.decode() and "使い方" in p.stdout.decode()
