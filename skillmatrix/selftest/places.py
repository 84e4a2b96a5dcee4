"""The checks of one folder (the data folder, or --folder: a share or a USB stick):
writable, a database and its lock made and released, the journal mode chosen there, a
shared-file export and re-import, and its free space."""

from __future__ import annotations

import shutil
from pathlib import Path

import skillmatrix.selftest.common as common
import skillmatrix.selftest.messages as messages
from skillmatrix import files
from skillmatrix.demo.seed import seed_staff
from skillmatrix.exchange.merge import plan_import
from skillmatrix.exchange.shared_file import apply_import, export_shared, read_shared_file
from skillmatrix.selftest.common import EXPECTED, Check, advice_writable, reason, short
from skillmatrix.store import schema
from skillmatrix.store.lock import DatabaseLock, is_in_use, lock_path
from skillmatrix.store.repository import Store
from skillmatrix.store.shared_sql import journal_mode

# Below this much free space a day's backups and an export of a large department may not fit.
MIN_FREE_BYTES = 200 * 2**20


def chosen_journal_mode(folder: Path) -> str:
    """Returns the journal mode the program uses for a database in folder ('wal' or
    'delete'): store/schema.py's choice, DELETE on a network drive."""
    return schema.journal_mode_for(folder / "skillmatrix.sqlite").lower()


def _write_probe(path: Path) -> None:
    """Writes (through the guarded writer: temp, sync, rename) and reads back a small file."""
    with files.open_output(path) as out:
        out.write(b"SkillMatrix selftest\n")
    if files.read_bytes(path, 1024) != b"SkillMatrix selftest\n":
        raise OSError(messages.PROBE_NOT_READ_BACK.format(path=path))
    files.remove(path)


def _writable(label: str, folder: Path, work: Path) -> Check:
    try:
        _write_probe(work / "書き込み確認.txt")
    except OSError as e:
        return Check(label, False, f"書き込めません（{reason(e)}）: {folder}", advice_writable(folder))
    return Check(label, True, f"書き込めます（{folder}）")


def _database_and_lock(where: str, work: Path) -> tuple[list[Check], Store | None]:
    """Creates a demo database in work, takes and releases its lock, and checks the
    journal mode; returns the checks and the open store (for the round trip)."""
    label = f"データベースとロック（{where}）"
    db = work / "動作確認 データベース.sqlite"
    try:
        store = Store.create(db)
    except EXPECTED as e:
        return [
            Check(label, False, f"データベースを作れません（{short(e)}）", advice_writable(work.parent))
        ], None
    checks = []
    lock = DatabaseLock(db)
    try:
        store.add_many(seed_staff(store.categories()), action="demo", source="selftest")
        lock.acquire()
        seen_by_others = is_in_use(db)
        lock.release()
        released = not is_in_use(db) and not lock_path(db).exists()
        if seen_by_others and released:
            checks.append(Check(label, True, "作成・ロック・解放できました"))
        else:
            problem = (
                "ほかのプロセスからロックが見えません" if not seen_by_others else "ロックを解放できません"
            )
            checks.append(
                Check(
                    label,
                    False,
                    problem,
                    "この場所ではファイルのロックが効きません。共有フォルダなら SMB の設定"
                    "（oplocks、読み取り専用のキャッシュ）を情報システム担当に確認してください",
                )
            )
    except EXPECTED as e:
        lock.release()
        checks.append(
            Check(label, False, f"書き込みやロックに失敗しました（{short(e)}）", advice_writable(work.parent))
        )
    chosen = chosen_journal_mode(work.parent)
    try:
        actual = journal_mode(db)
    except OSError as e:
        actual = f"不明（{e.strerror}）"
    place = "ネットワークドライブ" if chosen == "delete" else "ローカルのドライブ"
    mode_label = f"ジャーナル方式（{where}）"
    if actual == chosen:
        checks.append(Check(mode_label, True, f"{chosen.upper()}（{place}として扱います）"))
    else:
        checks.append(
            Check(
                mode_label,
                False,
                f"{chosen.upper()} にするはずが {actual.upper()} になりました",
                "このフォルダのファイルシステムでは SQLite のジャーナルが働きません。ローカルのドライブを使ってください",
            )
        )
    return checks, store


def _round_trip(where: str, store: Store, work: Path) -> Check:
    """Exports the demo people to a shared file in work, reads it back as an incoming
    file and imports it into a second, empty database there."""
    label = f"共有ファイルの書き出しと取り込み（{where}）"
    shared = work / "動作確認 共有ファイル.sqlite"
    try:
        exported = export_shared(store, shared)
        # Read back as the sender would (nothing new: every person unchanged), then as a
        # receiver with its own category ids (everyone added).
        again = read_shared_file(shared, store.categories())
        unchanged = plan_import(store, again.people, again.chains)
        with Store.create(work / "動作確認 取り込み先.sqlite") as other:
            incoming = read_shared_file(shared, other.categories())
            apply_import(other, plan_import(other, incoming.people, incoming.chains), shared.name)
            names = sorted(s.name for s in other.iter_staff())
    except EXPECTED as e:
        return Check(label, False, f"失敗しました（{short(e)}）", advice_writable(work.parent))
    expected = sorted(s.name for s in store.iter_staff())
    if len(unchanged.unchanged) != exported.staff_count or names != expected:
        return Check(
            label,
            False,
            f"書き出した{exported.staff_count}名のうち、取り込めたのは{len(names)}名でした",
            "共有フォルダのファイルが途中で書き換えられていないか（ウイルス対策ソフト、同期ソフト）確認してください",
        )
    return Check(
        label,
        True,
        f"{exported.staff_count}名を書き出し（{exported.size // 1024} KB）、読み直して{len(names)}名を取り込めました",
    )


def free_space(where: str, folder: Path) -> Check:
    label = f"ディスクの空き（{where}）"
    try:
        free = shutil.disk_usage(folder).free
    except OSError as e:
        return Check(label, False, f"調べられません（{reason(e)}）", advice_writable(folder))
    text = f"{free / 2**30:.1f} GB"
    if free < MIN_FREE_BYTES:
        return Check(
            label,
            False,
            f"{text}しかありません",
            f"{MIN_FREE_BYTES // 2**20} MB 以上空けてください（{folder}）",
        )
    return Check(label, True, text)


def place_checks(where: str, folder: Path, made: list[Path]) -> list[Check]:
    """The checks of one folder: writable, database and lock, journal mode, round trip."""
    label = "データフォルダ" if where == "データフォルダ" else f"フォルダ（{where}）"
    if not folder.is_dir():
        return [
            Check(
                label,
                False,
                f"フォルダがありません: {folder}",
                "パスを確かめてください（\\\\サーバー\\共有 の形）",
            )
        ]
    try:
        work = common.make_work_folder(folder, made)
    except OSError as e:
        return [Check(label, False, f"書き込めません（{reason(e)}）: {folder}", advice_writable(folder))]
    try:
        checks = [_writable(label, folder, work)]
        if not checks[0].ok:
            return checks
        more, store = _database_and_lock(where, work)
        checks += more
        if store is not None:
            try:
                checks.append(_round_trip(where, store, work))
            finally:
                store.close()
        return checks
    finally:
        common.remove_work_folder(work)
