"""ふりがな order folds katakana/hiragana and width, and the window's sort, `list --sort
kana` and `report --sort kana` give the same order."""

import json
import os
import subprocess
import sys

from openpyxl import load_workbook

from skillmatrix.domain.kana import kana_key
from skillmatrix.domain.model import Staff
from skillmatrix.store.repository import Store

MAIN = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "main.py")

# (name, kana): readings in hiragana, full-width katakana, half-width katakana and none.
PEOPLE = [
    ("青木 一", "アオキ ハジメ"),
    ("伊藤 二郎", "いとう じろう"),
    ("上野 三子", "ｳｴﾉ ﾐﾂｺ"),
    ("江藤 四郎", "えとう しろう"),
    ("大野 五月", "オオノ サツキ"),
    ("加藤 六", "かとう ろく"),
    ("木村 七", "ｷﾑﾗ ﾅﾅ"),
    ("あべ 八", ""),
    ("久保 九", "クボ キュウ"),
]
EXPECTED = [
    "青木 一",
    "あべ 八",
    "伊藤 二郎",
    "上野 三子",
    "江藤 四郎",
    "大野 五月",
    "加藤 六",
    "木村 七",
    "久保 九",
]


def sm(*args):
    p = subprocess.run([sys.executable, MAIN, *map(str, args)], capture_output=True, timeout=120)
    assert p.returncode == 0, p.stderr.decode("utf-8")
    return p.stdout.decode("utf-8")


def test_kana_key_folds_script_width_case_and_spaces():
    assert kana_key("アオキ ハジメ") == kana_key("あおき はじめ") == kana_key("ｱｵｷﾊｼﾞﾒ") == "あおきはじめ"
    assert kana_key("ＡＢＣ") == "abc"
    # Raw code points would put every katakana reading after every hiragana one.
    assert sorted(["カ", "き"]) == ["き", "カ"] and sorted(["カ", "き"], key=kana_key) == ["カ", "き"]


def test_window_list_and_report_agree(qtbot, tmp_path):
    from skillmatrix.app import create_window

    db = tmp_path / "kana.sqlite"
    with Store.create(db) as store:
        store.add_many([Staff(name=n, kana=k) for n, k in reversed(PEOPLE)], "demo")
    listed = [p["name"] for p in json.loads(sm("list", "--db", db, "--json", "--sort", "kana"))]
    assert listed == EXPECTED
    report = tmp_path / "m.xlsx"
    sm("report", "--db", db, "--kind", "matrix", "--sort", "kana", "--out", report)
    rows = list(load_workbook(report).worksheets[0].iter_rows(values_only=True))[2:]
    assert [r[0] for r in rows] == EXPECTED
    window = create_window(db)
    qtbot.addWidget(window)
    window.show()
    window.action("actionSortByKana").trigger()
    assert [p.name for p in window.staff_panel.model.people()] == EXPECTED
    window.close()
    # The sort is stored as the list order: the plain list and reports now follow it too.
    assert [p["name"] for p in json.loads(sm("list", "--db", db, "--json"))] == EXPECTED
