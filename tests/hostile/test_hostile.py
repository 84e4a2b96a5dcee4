"""Every case of issue 11, as a user or an attacker would type it: the command, its exit
code, the one line on stderr, and the database's dump before and after, byte for byte.

Set HOSTILE_REPORT=path to collect a table of the results (for the issue's note).
"""

import contextlib
import json
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from skillmatrix.domain.model import Staff
from skillmatrix.files.writing import TEMP_PREFIX
from skillmatrix.store.lock import DatabaseLock
from skillmatrix.store.repository import Store
from tests.hostile.support import (
    add_entries,
    copy_demo,
    dump,
    interchange,
    limit_file_size,
    run,
    shared_file_with,
)


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    path = tmp_path_factory.mktemp("template") / "demo.sqlite"
    p, _ = run(["demo", "--db", path, "--staff", 5])
    assert p.returncode == 0
    return path


@contextlib.contextmanager
def window_open(db: Path):
    """What the window does to a database it edits: the lock held, a connection open for
    writing, committed edits still in the -wal."""
    lock = DatabaseLock(db).acquire()
    store = Store.open(db)
    try:
        staff = store.get_staff(store.staff_ids()[0])
        staff.title = "窓で編集中"
        store.save_staff(staff)
        yield
    finally:
        store.close()
        lock.release()


@dataclass
class Case:
    """One hostile command line.

    prepare(tmp, db) returns the arguments (and may make files); `window` keeps the
    database open as the window would; `kept` names files that must stay byte-identical.
    """

    id: str
    issue: str
    prepare: Callable[[Path, Path], list]
    status: int
    says: str
    window: bool = False
    kept: list[str] = field(default_factory=list)
    preexec: Callable | None = None


def report_lock_case(t: Path, db: Path) -> list:
    return ["report", "--db", db, "--kind", "matrix", "--format", "pdf", "-o", f"{db}.lock"]


def fifo(tmp: Path, name: str) -> Path:
    os.mkfifo(tmp / name)
    return tmp / name


def write(tmp: Path, name: str, text: str) -> Path:
    (tmp / name).write_text(text, encoding="utf-8")
    return tmp / name


def good_xlsx(tmp: Path) -> Path:
    (tmp / "good.xlsx").write_bytes(b"PK an earlier, good report")
    return tmp / "good.xlsx"


def person(**fields) -> dict:
    return {"name": "攻撃 太郎", "kana": "こうげき たろう", **fields}


CASES = [
    Case(
        "dump-onto-db",
        "dump --out DB",
        lambda t, db: ["dump", "--db", db, "--out", db],
        1,
        "開いているデータベースには書き出せません",
    ),
    Case(
        "print-onto-db",
        "print --all --out DB",
        lambda t, db: ["print", "--db", db, "--all", "--out", db],
        1,
        "開いているデータベースには書き出せません",
    ),
    Case(
        "report-onto-db",
        "report --db t.xlsx --out t.xlsx",
        lambda t, db: ["report", "--db", db.rename(t / "t.xlsx"), "--kind", "matrix", "--out", t / "t.xlsx"],
        1,
        "開いているデータベースには書き出せません",
    ),
    Case(
        "export-onto-wal",
        "export --force --out DB-wal, window open",
        lambda t, db: ["export", "--db", db, "--force", "--out", f"{db}-wal"],
        1,
        "データベースの関連ファイルには書き出せません",
        window=True,
        kept=["t.sqlite-wal", "t.sqlite.lock"],
    ),
    Case(
        "dump-onto-lock",
        "dump --out DB.lock, window open",
        lambda t, db: ["dump", "--db", db, "-o", f"{db}.lock"],
        1,
        "データベースの関連ファイルには書き出せません",
        window=True,
        kept=["t.sqlite.lock", "t.sqlite-wal"],
    ),
    Case(
        "export-onto-lock",
        "export --force --out DB.lock, window open",
        lambda t, db: ["export", "--db", db, "--force", "-o", f"{db}.lock"],
        1,
        "データベースの関連ファイルには書き出せません",
        window=True,
        kept=["t.sqlite.lock"],
    ),
    Case(
        "print-onto-lock",
        "print --out DB.lock, window open",
        lambda t, db: ["print", "--db", db, "--all", "-o", f"{db}.lock"],
        1,
        "データベースの関連ファイルには書き出せません",
        window=True,
        kept=["t.sqlite.lock"],
    ),
    Case(
        "report-onto-wal",
        "report --format xlsx --out DB-wal, window open",
        lambda t, db: ["report", "--db", db, "--kind", "matrix", "--format", "xlsx", "-o", f"{db}-wal"],
        1,
        "データベースの関連ファイルには書き出せません",
        window=True,
        kept=["t.sqlite-wal", "t.sqlite.lock"],
    ),
    Case(
        "report-onto-lock",
        "report --format pdf --out DB.lock, window open",
        report_lock_case,
        1,
        "データベースの関連ファイルには書き出せません",
        window=True,
        kept=["t.sqlite.lock", "t.sqlite-wal"],
    ),
    Case(
        "report-bad-suffix",
        "report --out x.csv (no --format): a usage error",
        lambda t, db: ["report", "--db", db, "--kind", "matrix", "-o", t / "x.csv"],
        2,
        "拡張子は .pdf か .xlsx",
    ),
    Case(
        "dump-onto-fifo",
        "dump --out FIFO",
        lambda t, db: ["dump", "--db", db, "-o", fifo(t, "out.json")],
        1,
        "名前付きパイプ（FIFO）",
    ),
    Case(
        "export-onto-fifo",
        "export --force --out FIFO",
        lambda t, db: ["export", "--db", db, "--force", "-o", fifo(t, "out.sqlite")],
        1,
        "名前付きパイプ（FIFO）",
    ),
    Case(
        "print-onto-fifo",
        "print --out FIFO",
        lambda t, db: ["print", "--db", db, "--all", "-o", fifo(t, "out.pdf")],
        1,
        "名前付きパイプ（FIFO）",
    ),
    Case(
        "report-onto-fifo",
        "report --out FIFO",
        lambda t, db: ["report", "--db", db, "--kind", "matrix", "-o", fifo(t, "out.pdf")],
        1,
        "名前付きパイプ（FIFO）",
    ),
    Case(
        "dump-onto-dev-stdout",
        "dump --out /dev/stdout (a symlink to a device or pipe)",
        lambda t, db: ["dump", "--db", db, "-o", "/dev/stdout"],
        1,
        "通常のファイルを指定してください（標準出力には -）",
    ),
    Case(
        "report-full-disk-keeps-old",
        "report --out good.xlsx on a full disk",
        lambda t, db: ["report", "--db", db, "--kind", "matrix", "-o", good_xlsx(t)],
        1,
        "Excelファイルを書き出せません",
        kept=["good.xlsx"],
        preexec=limit_file_size(2000),
    ),
    Case(
        "report-full-disk-no-file",
        "report --out new.pdf on a full disk, no earlier file",
        lambda t, db: ["report", "--db", db, "--kind", "matrix", "-o", t / "new.pdf"],
        1,
        "PDFを書き出せません",
        preexec=limit_file_size(2000),
    ),
    Case(
        "report-into-read-only-folder",
        "report into a read-only folder",
        lambda t, db: ["report", "--db", db, "--kind", "matrix", "-o", "/proc/report.pdf"],
        1,
        "書き出し先のフォルダに書き込めません",
    ),
    Case(
        "report-onto-directory",
        "report onto a directory",
        lambda t, db: ["report", "--db", db, "--kind", "matrix", "-o", (t / "d.pdf").mkdir() or t / "d.pdf"],
        1,
        "書き出し先がフォルダです",
    ),
    Case(
        "import-fifo",
        "import f.json (a FIFO)",
        lambda t, db: ["import", "--db", db, fifo(t, "f.json")],
        1,
        "名前付きパイプ（FIFO）です",
    ),
    Case(
        "list-db-fifo",
        "list --db FIFO",
        lambda t, db: ["list", "--db", fifo(t, "x.sqlite")],
        1,
        "名前付きパイプ（FIFO）です",
    ),
    Case(
        "import-dev-zero",
        "import a symlink to /dev/zero",
        lambda t, db: ["import", "--db", db, (t / "z.json").symlink_to("/dev/zero") or t / "z.json"],
        1,
        "デバイスです",
    ),
    Case(
        "demo-staff-huge",
        "demo --staff 99999999999999999999",
        lambda t, db: ["demo", "--db", t / "new.sqlite", "--staff", "99999999999999999999"],
        2,
        "2〜100000",
    ),
    Case(
        "json-deep",
        "JSON nested 10^5 levels",
        lambda t, db: ["import", "--db", db, write(t, "deep.json", "[" * 100_000 + "]" * 100_000)],
        1,
        "入れ子が深すぎます",
    ),
    Case(
        "json-digits-version",
        "5,000-digit integer in version",
        lambda t, db: [
            "import",
            "--db",
            db,
            write(t, "v.json", '{"format": "skillmatrix-resume", "version": ' + "9" * 5000 + "}"),
        ],
        1,
        "整数の桁が多すぎます",
    ),
    Case(
        "json-digits-override",
        "5,000-digit integer in experience_override",
        lambda t, db: [
            "import",
            "--db",
            db,
            write(
                t,
                "o.json",
                interchange([person(experience_override=0)]).replace(
                    '"experience_override": 0', '"experience_override": ' + "7" * 5000
                ),
            ),
        ],
        1,
        "整数の桁が多すぎます",
    ),
    Case(
        "report-year-0",
        "report --kind plan --year 0",
        lambda t, db: ["report", "--db", db, "--kind", "plan", "--year", "0", "-o", t / "p.pdf"],
        2,
        "1900〜2999",
    ),
    Case(
        "shared-entries-over-cap",
        "a shared file with one person holding too many valid entries (cap + 1)",
        lambda t, db: [
            "import",
            "--db",
            db,
            shared_file_with(db, t / "many.sqlite", lambda c: add_entries(c, 2001, spread=True)),
        ],
        1,
        "実績が多すぎます",
    ),
    Case(
        "shared-cell-over-cap",
        "a shared file with one cell holding too many entries (cap + 1)",
        lambda t, db: [
            "import",
            "--db",
            db,
            shared_file_with(db, t / "cell.sqlite", lambda c: add_entries(c, 201, spread=False)),
        ],
        1,
        "1つのセルの実績が多すぎます",
    ),
    Case(
        "json-entries-over-cap",
        "a JSON person with too many entries (cap + 1)",
        lambda t, db: [
            "import",
            "--db",
            db,
            write(
                t,
                "e.json",
                interchange(
                    [
                        person(
                            entries=[
                                {"level": i % 8, "category": "ネットワーク", "text": f"研修{i}"}
                                for i in range(2001)
                            ]
                        )
                    ]
                ),
            ),
        ],
        1,
        "実績が多すぎます",
    ),
    Case(
        "json-too-big",
        "a JSON over the size cap (the 454 MB file), refused before reading",
        lambda t, db: ["import", "--db", db, sparse(t / "big.json", 100 * 2**20 + 1)],
        1,
        "ファイルが大きすぎます",
    ),
    Case(
        "json-10m-name",
        "a 10-million-character name",
        lambda t, db: [
            "import",
            "--db",
            db,
            write(t, "n.json", interchange([person(name="長" * 10_000_000)])),
        ],
        1,
        "200文字を超えています",
    ),
    Case(
        "json-bidi-name",
        "a name holding U+202E (right-to-left override)",
        lambda t, db: [
            "import",
            "--db",
            db,
            write(t, "b.json", interchange([person(name="山田\u202e郎太")])),
        ],
        1,
        "U+202E",
    ),
    Case(
        "json-zero-width-kana",
        "kana holding U+200B (zero-width space)",
        lambda t, db: ["import", "--db", db, write(t, "z.json", interchange([person(kana="やま\u200bだ")]))],
        1,
        "U+200B",
    ),
    Case(
        "shared-bidi-name",
        "a shared file whose name holds U+2066 (isolate)",
        lambda t, db: [
            "import",
            "--db",
            db,
            shared_file_with(
                db,
                t / "bidi.sqlite",
                lambda c: c.execute(
                    "UPDATE staff SET name = '佐藤\u2066花子' WHERE position = (SELECT min(position) FROM staff)"
                ),
            ),
        ],
        1,
        "U+2066",
    ),
]


def sparse(path: Path, size: int) -> Path:
    with open(path, "wb") as f:
        f.truncate(size)  # no disk used: the size alone must be refused
    return path


def record(case: Case, status: int, line: str, unchanged: bool, seconds: float) -> None:
    report = os.environ.get("HOSTILE_REPORT")
    if report:
        with open(report, "a", encoding="utf-8") as f:
            f.write(
                json.dumps([case.issue, status, line, unchanged, round(seconds, 2)], ensure_ascii=False)
                + "\n"
            )


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_hostile_case(case, template, tmp_path):
    db = copy_demo(template, tmp_path)
    with window_open(db) if case.window else contextlib.nullcontext():
        before = dump(db)
        args = case.prepare(tmp_path, db)
        named = Path(args[args.index("--db") + 1]) if "--db" in args else db
        db = named if named.is_file() else db  # renamed (t.xlsx), or a FIFO given instead
        kept = {name: (tmp_path / name).read_bytes() for name in case.kept}
        p, seconds = run(args, cwd=tmp_path, preexec_fn=case.preexec)
        err = p.stderr.decode("utf-8")
        lines = err.strip().splitlines()
        assert p.returncode == case.status, err
        assert len(lines) == 1 and case.says in lines[0], err[:2000]
        assert "Traceback" not in err and len(lines[0]) < 1000
        if db.exists():
            after = dump(db)
            assert after == before
        for name, data in kept.items():
            assert (tmp_path / name).read_bytes() == data, name
        assert not [q for q in tmp_path.iterdir() if q.name.startswith(TEMP_PREFIX)]
        assert not (tmp_path / "-").exists()
    record(case, p.returncode, lines[0], True, seconds)


@pytest.mark.parametrize("kind", ["whole", "edit"])
def test_foreign_wal_is_refused_by_every_command_before_printing(template, tmp_path, kind):
    """whole: the other database's -wal holds all of it (never checkpointed), so SQLite
    would show the other database's people — the -wal's origin is checked. edit: it holds
    one edit of another database, so the pages mix — SQLite finds the file damaged."""
    db = copy_demo(template, tmp_path)
    before = dump(db)
    other = tmp_path / "other.sqlite"
    if kind == "whole":
        store = Store.create(other)
        store.add_staff(Staff(name="別の データ"))
    else:
        assert run(["demo", "--db", other])[0].returncode == 0  # created at another time
        store = Store.open(other)
        staff = store.get_staff(store.staff_ids()[0])
        staff.name = "別の データ"
        store.save_staff(staff)
    shutil.copyfile(f"{other}-wal", f"{db}-wal")  # its -wal, uncheckpointed, beside ours
    store.close()
    expected = "別のデータベースのもの" if kind == "whole" else "壊れている"
    for args in (
        ["list"],
        ["list", "--json"],
        ["dump", "-o", "-"],
        ["check"],
        ["export", "-o", tmp_path / "x.sqlite"],
    ):
        p, seconds = run([args[0], "--db", db, *args[1:]])
        err = p.stderr.decode("utf-8")
        assert p.returncode == 1 and p.stdout == b"", (args, p.stdout[:200])
        assert len(err.strip().splitlines()) == 1 and expected in err, err
        issue = f"mismatched -wal ({kind}): {' '.join(map(str, args[:2]))}"
        record(Case("", issue, lambda t, d: [], 1, ""), 1, err.strip(), True, seconds)
    for companion in ("-wal", "-shm"):
        Path(f"{db}{companion}").unlink(missing_ok=True)
    assert dump(db) == before


def test_stale_json_never_overwrites_newer_local_edits(template, tmp_path):
    db = copy_demo(template, tmp_path)
    stale = tmp_path / "stale.json"
    assert run(["dump", "--db", db, "-o", stale])[0].returncode == 0
    with Store.open(db) as store:  # edited after the dump
        staff = store.get_staff(store.staff_ids()[0])
        staff.entries = staff.entries[:1]
        staff.title = "その後の編集"
        store.save_staff(staff)
    before = dump(db)
    p, seconds = run(["import", "--db", db, stale])
    assert p.returncode == 0 and "更新 0" in p.stdout.decode() and dump(db) == before
    record(
        Case("", "a stale JSON of the same person (import)", lambda t, d: [], 0, ""),
        0,
        p.stdout.decode().splitlines()[0],
        True,
        seconds,
    )
    # Edited on both sides since: a conflict, never a silent overwrite.
    other = json.loads(stale.read_text(encoding="utf-8"))
    other["staff"][0]["title"] = "別のPCでの編集"
    other["staff"][0]["revision"] = "0123456789abcdef-other-pc"
    write(tmp_path, "other.json", json.dumps(other, ensure_ascii=False))
    p, seconds = run(["import", "--db", db, tmp_path / "other.json"])
    assert p.returncode == 1 and "--prefer" in p.stderr.decode() and dump(db) == before
    record(
        Case("", "a JSON edited elsewhere too (import)", lambda t, d: [], 1, ""),
        1,
        p.stderr.decode().strip(),
        True,
        seconds,
    )


def test_a_newer_json_of_a_known_person_fast_forwards(template, tmp_path):
    db, elsewhere = copy_demo(template, tmp_path), copy_demo(template, tmp_path, "elsewhere.sqlite")
    with Store.open(elsewhere) as store:
        staff = store.get_staff(store.staff_ids()[0])
        staff.title = "向こうの新しい職名"
        store.save_staff(staff)
    assert run(["dump", "--db", elsewhere, "-o", tmp_path / "new.json"])[0].returncode == 0
    p, _ = run(["import", "--db", db, tmp_path / "new.json"])
    assert p.returncode == 0 and "更新 1" in p.stdout.decode() and "競合 0" in p.stdout.decode()


def test_hand_made_json_says_it_has_no_revisions(template, tmp_path):
    db = copy_demo(template, tmp_path)
    p, _ = run(["import", "--db", db, write(tmp_path, "hand.json", interchange([person()]))])
    assert p.returncode == 0 and "版の記録（revision）がありません" in p.stdout.decode()


def test_export_temp_in_the_share_never_holds_people_left_out(template, tmp_path, monkeypatch):
    """A kill at any moment of `export --staff A --out share/one.sqlite` can leave only
    bytes of A in the share folder: the trimmed copy is made privately first."""
    from skillmatrix import files
    from skillmatrix.exchange.shared_file import export_shared
    from skillmatrix.files import writing

    db = copy_demo(template, tmp_path)
    share = tmp_path / "share"
    share.mkdir()
    seen = []

    def killed(tmp, final):
        seen.append(tmp.read_bytes())
        raise KeyboardInterrupt  # the kill, with the temp file complete in the share

    monkeypatch.setattr(writing, "_commit", killed)
    with Store.open(db, readonly=True) as store:
        people = store.staff_summaries()
        with pytest.raises(KeyboardInterrupt):
            export_shared(store, share / "one.sqlite", [people[0].id])
    assert seen and people[0].name.encode() in seen[0]
    for left_out in people[1:]:
        assert left_out.name.encode() not in seen[0]
    assert files.sweep_stale(share, max_age=-1) == [] and list(share.iterdir()) == []
