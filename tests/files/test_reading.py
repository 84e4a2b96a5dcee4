"""The guarded reader: regular files only, size caps before reading, JSON limits."""

import io
import os
import sys

import pytest

from skillmatrix.files import FileError, read_bytes, read_json
from skillmatrix.files.reading import MAX_DEPTH, MAX_INT_DIGITS


def test_non_regular_inputs_are_refused_at_once(tmp_path):
    os.mkfifo(tmp_path / "fifo.json")  # reading it would block forever
    (tmp_path / "zero.json").symlink_to("/dev/zero")  # would never end
    for path, what in (
        (tmp_path / "fifo.json", "FIFO"),
        (tmp_path / "zero.json", "デバイス"),
        (tmp_path, "フォルダ"),
    ):
        with pytest.raises(FileError) as e:
            read_bytes(path, 1000)
        assert what in str(e.value)
    with pytest.raises(FileError, match="見つかりません"):
        read_bytes(tmp_path / "none.json", 1000)


def test_size_cap_is_checked_before_reading(tmp_path):
    path = tmp_path / "big.json"
    path.write_bytes(b" " * 2000)
    with pytest.raises(FileError, match="大きすぎます"):
        read_bytes(path, 1000)
    assert read_bytes(path, 2000) == b" " * 2000


def test_dash_reads_standard_input(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b'{"a": 1}')))
    assert read_json("-", 1000) == {"a": 1}
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b" " * 2000)))
    with pytest.raises(FileError, match="標準入力が大きすぎます"):
        read_bytes("-", 1000)


def test_deep_nesting_is_one_line_naming_where(tmp_path):
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    with pytest.raises(FileError) as e:
        read_json(path, 10**6)
    assert f"入れ子が深すぎます（{MAX_DEPTH}段まで、1行{MAX_DEPTH + 1}列）" in str(e.value)
    moderate = tmp_path / "moderate.json"
    moderate.write_text("[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5), encoding="utf-8")
    with pytest.raises(FileError, match="入れ子が深すぎます"):
        read_json(moderate, 10**6)


def test_long_integers_are_refused_naming_where(tmp_path):
    path = tmp_path / "digits.json"
    path.write_text('{\n  "version": ' + "9" * 5000 + "\n}", encoding="utf-8")
    with pytest.raises(FileError) as e:
        read_json(path, 10**6)
    message = str(e.value)
    assert f"整数の桁が多すぎます（{MAX_INT_DIGITS}桁まで、2行14列" in message and len(message) < 200
    path.write_text('{"version": ' + "9" * MAX_INT_DIGITS + "}", encoding="utf-8")
    assert read_json(path, 10**6) == {"version": int("9" * MAX_INT_DIGITS)}


@pytest.mark.parametrize(
    ("data", "named"),
    [
        ('{"名前": "藤沢"}'.encode("cp932"), "cp932"),
        ('{"名前": "藤沢"}'.encode("utf-16"), "UTF-16"),  # PowerShell 5.1's `>`
        ('{"名前": "藤沢"}'.encode("utf-16-le"), "UTF-16"),
    ],
)
def test_other_encodings_are_named_with_how_to_convert(tmp_path, data, named):
    path = tmp_path / "x.json"
    path.write_bytes(data)
    with pytest.raises(FileError) as e:
        read_json(path, 10**6)
    assert named in str(e.value) and "Set-Content -Encoding UTF8" in str(e.value)


def test_utf8_with_bom_is_read(tmp_path):
    path = tmp_path / "x.json"
    path.write_bytes('{"名前": "藤沢"}'.encode("utf-8-sig"))
    assert read_json(path, 1000) == {"名前": "藤沢"}
