"""The self-test's checks (skillmatrix/selftest/), in-process on folders in tmp_path: each
check passes where the PC is fit and fails, with what to do, where it is not."""

import shutil
import socket
import sys
import types

import pytest

from skillmatrix import selftest
from skillmatrix.cli.selftest import marks_for
from skillmatrix.paths import resources_dir
from skillmatrix.selftest import Check, Report, common, machine, run_selftest
from skillmatrix.selftest import places as place_checks


@pytest.fixture
def font_folder(tmp_path, monkeypatch):
    """A font folder holding a TrueType file named ipamjm.ttf (a copy of the shipped
    IPAexGothic: IPAmj明朝 itself is not in the repository); the self-test looks only there
    and in the program's own fonts folder."""
    folder = tmp_path / "fonts"
    folder.mkdir()
    shutil.copyfile(resources_dir() / "fonts" / "ipaexg.ttf", folder / "ipamjm.ttf")
    monkeypatch.setattr(machine, "font_folders", lambda: [folder, resources_dir() / "fonts"])
    return folder


@pytest.fixture
def places(tmp_path, monkeypatch):
    # Modules other tests of this process loaded (Datasette's httpx) are not the program's.
    for name in machine.NETWORK_MODULES:
        monkeypatch.delitem(sys.modules, name, raising=False)
    data = tmp_path / "データ"
    share = tmp_path / "共有 フォルダ"
    temp = tmp_path / "temp"
    for folder in (data, share, temp):
        folder.mkdir()
    monkeypatch.setattr(selftest.tempfile, "tempdir", str(temp))
    return data, share, temp


def lines(report: Report) -> dict[str, Check]:
    return {c.label: c for c in report.checks}


def test_every_check_passes_on_good_folders_and_leaves_nothing(places, font_folder):
    data, share, temp = places
    report = run_selftest(data, share)
    assert report.ok, report.text()
    found = lines(report)
    assert set(found) >= {
        "Python",
        "SQLite",
        "Qt",
        "データフォルダ",
        "データベースとロック（データフォルダ）",
        "ジャーナル方式（データフォルダ）",
        "共有ファイルの書き出しと取り込み（データフォルダ）",
        f"フォルダ（{share}）",
        f"データベースとロック（{share}）",
        f"ジャーナル方式（{share}）",
        f"共有ファイルの書き出しと取り込み（{share}）",
        "履歴書のフォント",
        "外字のフォント",
        "PDF 印刷",
        "ネットワーク",
        "ディスクの空き（データフォルダ）",
        f"ディスクの空き（{share}）",
        "後片付け",
    }
    assert "2名を書き出し" in found[f"共有ファイルの書き出しと取り込み（{share}）"].detail
    assert "2名を取り込めました" in found[f"共有ファイルの書き出しと取り込み（{share}）"].detail
    assert found[f"ジャーナル方式（{share}）"].detail.startswith("WAL")
    assert str(font_folder / "ipamjm.ttf") in found["外字のフォント"].detail
    assert "1ページ" in found["PDF 印刷"].detail
    assert "一時フォルダ3個" in found["後片付け"].detail  # data folder, share, temp
    text = report.text()
    assert text.splitlines()[-1] == "結果: すべて正常です"
    assert all(line.startswith("✔ ") for line in text.splitlines()[1:-1])
    # Everything made is gone: the data folder, the share and the temp folder are empty.
    assert [list(f.iterdir()) for f in places] == [[], [], []]


def test_a_missing_folder_fails_with_what_to_do(places, font_folder, tmp_path):
    data, _, _ = places
    report = run_selftest(data, tmp_path / "ない")
    assert not report.ok
    failed = report.failures
    assert [c.label for c in failed] == [f"フォルダ（{tmp_path / 'ない'}）"]  # no free-space line for it
    assert "フォルダがありません" in failed[0].detail
    assert "\\\\サーバー\\共有" in failed[0].line()
    assert report.text().splitlines()[-1] == "結果: 1件の問題があります（✘ の行）"


def test_without_the_gaiji_font_its_line_says_how_to_install_it(places, tmp_path, monkeypatch):
    data, share, _ = places
    monkeypatch.setattr(machine, "font_folders", lambda: [tmp_path / "空", resources_dir() / "fonts"])
    report = run_selftest(data, share)
    assert [c.label for c in report.failures] == ["外字のフォント"]
    line = report.failures[0].line()
    assert "IPAmj明朝（ipamjm.ttf）が見つかりません" in line
    assert "「インストール」" in line and "管理者権限がなくても" in line


def test_a_damaged_gaiji_font_is_reported(places, font_folder):
    (font_folder / "ipamjm.ttf").write_bytes(b"not a font at all" * 10)
    report = run_selftest(*places[:2])
    assert [c.label for c in report.failures] == ["外字のフォント"]
    assert "を読めません" in report.failures[0].detail


def test_the_journal_mode_line_compares_the_choice_with_the_file(places, font_folder, monkeypatch):
    # Where the network-drive detector will choose DELETE, the file must really be in DELETE.
    monkeypatch.setattr(place_checks, "chosen_journal_mode", lambda folder: "delete")
    report = run_selftest(*places[:2])
    failed = [c for c in report.failures if c.label.startswith("ジャーナル方式")]
    assert len(failed) == 2
    assert failed[0].detail == "DELETE にするはずが WAL になりました"


def test_socket_use_during_the_test_is_refused_and_reported(places, font_folder, monkeypatch):
    real_fonts = machine.fonts

    def fonts_that_phone_home():
        socket.getaddrinfo("example.invalid", 80)
        return real_fonts()

    monkeypatch.setattr(machine, "fonts", fonts_that_phone_home)
    report = run_selftest(*places[:2])
    found = lines(report)
    assert not found["ネットワーク"].ok and "socket.getaddrinfo" in found["ネットワーク"].detail
    # The lookup itself was refused (and became a ✘ line, not a crash).
    assert "PermissionError" in found["フォント"].detail
    # Outside a self-test the hook records nothing (and no lookup is tried here: no network).
    assert machine._watch is None


def test_a_loaded_network_module_is_reported(places, font_folder, monkeypatch):
    monkeypatch.setitem(sys.modules, "ftplib", types.ModuleType("ftplib"))
    report = run_selftest(*places[:2])
    assert [c.label for c in report.failures] == ["ネットワーク"]
    assert "ftplib" in report.failures[0].detail


def test_qt_missing_and_little_disk_space_are_failures(places, font_folder, monkeypatch):
    monkeypatch.setattr(place_checks, "MIN_FREE_BYTES", 2**62)
    report = run_selftest(places[0], None, qt=None)
    assert [c.label for c in report.failures] == ["Qt", "ディスクの空き（データフォルダ）"]
    assert "ウィンドウは開けません" in report.failures[0].detail
    assert "以上空けてください" in report.failures[1].advice
    assert "selftest --folder" in report.hint


def test_a_folder_that_cannot_be_removed_is_reported(places, font_folder, monkeypatch):
    monkeypatch.setattr(common, "remove_work_folder", lambda work: None)
    report = run_selftest(*places[:2])
    assert [c.label for c in report.failures] == ["後片付け"]
    assert str(places[1]) in report.failures[0].detail


def test_an_unexpected_error_is_a_failed_line_not_a_crash(places, font_folder, monkeypatch):
    def broken(work):
        raise RuntimeError("壊れた")

    monkeypatch.setattr(machine, "pdf", broken)
    report = run_selftest(*places[:2])
    assert [c.label for c in report.failures] == ["PDF 印刷"]
    assert "RuntimeError: 壊れた" in report.failures[0].detail


def test_marks_fall_back_where_the_output_cannot_encode_them():
    assert marks_for("utf-8") is None
    assert marks_for("cp932") == ("○", "×")
    assert marks_for("no-such-encoding") == ("○", "×")
    report = Report("見出し", [Check("A", True, "よい"), Check("B", False, "だめ", "直す")])
    text = report.text(marks_for("cp932"))
    text.encode("cp932")
    assert text.splitlines()[1:4] == ["○ A: よい", "× B: だめ", "    → 直す"]
    assert text.endswith("結果: 1件の問題があります（× の行）")


def test_font_folders_cover_windows_per_user_fonts(monkeypatch, tmp_path):
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("WINDIR", str(tmp_path / "Windows"))
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "Local"))
    folders = machine.font_folders()
    assert folders[:2] == [
        tmp_path / "Windows" / "Fonts",
        tmp_path / "Local" / "Microsoft" / "Windows" / "Fonts",
    ]
    assert folders[-1] == resources_dir() / "fonts"
    (tmp_path / "Local" / "Microsoft" / "Windows" / "Fonts").mkdir(parents=True)
    font = tmp_path / "Local" / "Microsoft" / "Windows" / "Fonts" / "ipamjm.ttf"
    font.write_bytes(b"x")
    assert machine.find_gaiji_font() == font
