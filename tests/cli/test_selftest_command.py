"""`skillmatrix selftest [--folder PATH]` run as a user would, in a real process, on
folders in tmp_path (data folder, temp folder and fonts folder all pointed there)."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions and environment")


@pytest.fixture
def env(tmp_path):
    """The child's environment: its own data folder, temp folder and user fonts folder
    (with a TrueType file named ipamjm.ttf, the 外字 font the self-test looks for)."""
    userdata, temp = tmp_path / "userdata", tmp_path / "temp"
    (userdata / "fonts").mkdir(parents=True)
    temp.mkdir()
    shutil.copyfile(ROOT / "resources" / "fonts" / "ipaexg.ttf", userdata / "fonts" / "ipamjm.ttf")
    return {
        **os.environ,
        "XDG_DATA_HOME": str(userdata),
        "LOCALAPPDATA": str(userdata),
        "TMPDIR": str(temp),
        "PYTHONIOENCODING": "utf-8",
        "QT_QPA_PLATFORM": "offscreen",
    }


def selftest(env, *args, **popen):
    p = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "selftest", *map(str, args)],
        capture_output=True,
        env=env,
        timeout=300,
        **popen,
    )
    p.out, p.err = p.stdout.decode("utf-8"), p.stderr.decode("utf-8")
    return p


def without_root_powers():
    """preexec_fn: as root, drop the capabilities that ignore file permissions, so that a
    read-only folder stops the child as it stops a user."""
    if os.geteuid() == 0:
        from tests.exchange.shared_support import drop_root_powers

        drop_root_powers()


def test_all_checks_pass_and_nothing_is_left(env, tmp_path):
    share = tmp_path / "共有 フォルダ"
    share.mkdir()
    p = selftest(env, "--folder", share)
    assert p.returncode == 0, p.out + p.err
    assert p.err == ""
    lines = p.out.strip().splitlines()
    assert lines[0].startswith("SkillMatrix ") and "動作確認" in lines[0]
    assert lines[-1] == "結果: すべて正常です"
    checks = lines[1:-1]
    assert all(line.startswith("✔ ") for line in checks), p.out
    text = "\n".join(checks)
    data = Path(env["XDG_DATA_HOME"]) / "SkillMatrix"
    for expected in (
        "✔ Python: 3.",
        "✔ SQLite: ",
        f"✔ データフォルダ: 書き込めます（{data}）",
        "✔ データベースとロック（データフォルダ）: 作成・ロック・解放できました",
        f"✔ フォルダ（{share}）: 書き込めます",
        f"✔ データベースとロック（{share}）: 作成・ロック・解放できました",
        f"✔ ジャーナル方式（{share}）: WAL",
        f"✔ 共有ファイルの書き出しと取り込み（{share}）: 2名を書き出し",
        "✔ 履歴書のフォント: IPAexGothic",
        "✔ 外字のフォント: ",
        "✔ PDF 印刷: 1ページの履歴書を一時ファイルに印刷できました",
        "✔ ネットワーク: 通信しません",
        f"✔ ディスクの空き（{share}）: ",
        "✔ 後片付け: ",
    ):
        assert expected in text, expected
    assert list(share.iterdir()) == []
    assert list(data.iterdir()) == []
    assert list(Path(env["TMPDIR"]).iterdir()) == []


def test_a_read_only_folder_fails_with_what_to_do(env, tmp_path):
    share = tmp_path / "読み取り専用"
    share.mkdir()
    share.chmod(0o555)
    try:
        p = selftest(env, "--folder", share, preexec_fn=without_root_powers)
    finally:
        share.chmod(0o755)
    assert p.returncode == 1, p.out + p.err
    assert "Traceback" not in p.err
    assert f"✘ フォルダ（{share}）: 書き込めません（アクセスが拒否されました）: {share}" in p.out
    assert f"→ {share} に書き込める権限があるか" in p.out
    assert "✔ データフォルダ: 書き込めます" in p.out  # only the folder named is at fault
    assert p.out.strip().splitlines()[-1] == "結果: 1件の問題があります（✘ の行）"
    assert list(share.iterdir()) == []


def test_db_names_the_folder_to_check_and_no_database_is_opened(env, tmp_path):
    folder = tmp_path / "職員データ"
    folder.mkdir()
    db = folder / "skills.sqlite"  # never created: the self-test makes its own files
    p = selftest(env, "--db", db)
    assert p.returncode == 0, p.out + p.err
    assert f"✔ データフォルダ: 書き込めます（{folder}）" in p.out
    assert "selftest --folder" in p.out  # the hint to check a share as well
    assert list(folder.iterdir()) == []


def test_usage_error_exits_2(env):
    p = selftest(env, "--no-such-option")
    assert p.returncode == 2
