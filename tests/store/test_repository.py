"""The store: round trips, transactions, audit, revisions, read-only, on real files."""

import sqlite3

import pytest

from skillmatrix.domain.dates import PartialDate, Period
from skillmatrix.domain.model import Assignment, Entry, Project, Qualification, Staff, ValidationError
from skillmatrix.store import schema
from skillmatrix.store.errors import StoreError
from skillmatrix.store.repository import Store


@pytest.fixture
def store(tmp_path):
    s = Store.create(tmp_path / "s.sqlite")
    yield s
    s.close()


def sample(store: Store, name: str = "藤沢 花子") -> Staff:
    cats = store.categories()
    return Staff(
        name=name,
        kana="ふじさわ はなこ",
        title="事務職員",
        section="IT推進課",
        qualifications=[Qualification("基本情報技術者", PartialDate(2011, 10))],
        assignments=[
            Assignment(
                Period(PartialDate(2010, 4, 1), PartialDate(2013, 3, 31)),
                "情報システム・NW担当",
                "情報系システム担当（ポータル）\n二行目",
            ),
            Assignment(Period(PartialDate(2013, 4), None), "情報政策担当", "ITガバナンス"),
        ],
        projects=[Project(Period(PartialDate(2010, 4, 1), PartialDate(2012, 3, 31)), "職員ポータル更新")],
        entries=[
            Entry(1, cats[0].id, "新採用職員研修", "training"),
            Entry(1, cats[4].id, "ネットワーク基礎セミナー", "training", PartialDate(2010, 6)),
            Entry(3, cats[3].id, "Windows Server 2008管理 1-基本管理編", "training"),
            Entry(3, cats[3].id, "<b>&髙﨑</b>", "work", note="メモ"),
        ],
    )


def raw_rows(path):
    conn = sqlite3.connect(path)
    try:
        return {
            t: conn.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall()
            for t in ("staff", "qualification", "assignment", "project", "entry", "level", "category")
        }
    finally:
        conn.close()


def test_new_database_has_the_seed_levels_and_categories(store):
    levels = store.levels()
    assert [lv.number for lv in levels] == list(range(8))
    assert levels[1].criteria["LASDEC"] == "LASDEC初級"
    assert levels[3].criteria["課業務における役割"] == "課業務における主担当・総括補助"
    assert [c.name for c in store.categories()] == [
        "行政職員一般",
        "ITスキル一般",
        "基幹系システム",
        "情報系システム",
        "ネットワーク",
        "地域情報化",
        "セキュリティ",
        "ストラテジ",
    ]
    assert "ISMS" in store.categories()[6].knowledge


def test_pragmas_application_id_and_version(store):
    conn = store.db.conn
    assert conn.execute("PRAGMA application_id").fetchone()[0] == 0x534B4D58
    assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.current_version()
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA trusted_schema").fetchone()[0] == 0


def test_round_trip_keeps_everything_in_order(store, tmp_path):
    staff = sample(store)
    store.add_staff(staff)
    store.close()
    again = Store.open(tmp_path / "s.sqlite")
    got = again.get_staff(staff.id)
    assert got.name == staff.name and got.kana == staff.kana
    assert got.qualifications == staff.qualifications
    assert got.assignments == staff.assignments
    assert got.assignments[1].period.end is None
    assert got.assignments[1].period.start.precision == "month"
    assert got.projects == staff.projects
    assert got.entries == staff.entries
    assert got.revision and got.updated
    again.close()


def test_save_returns_the_old_sheet_and_undo_restores_it(store):
    staff = sample(store)
    store.add_staff(staff)
    edited = store.get_staff(staff.id)
    edited.entries.append(Entry(5, store.categories()[6].id, "ICT-BCP講演", "role"))
    edited.title = "主任"
    old = store.save_staff(edited)
    assert old.title == "事務職員" and len(old.entries) == 4
    assert store.get_staff(staff.id).title == "主任"
    store.save_staff(old)  # undo
    back = store.get_staff(staff.id)
    assert back.title == "事務職員" and back.entries == staff.entries
    assert len(store.revision_chain(staff.id)) == 3


def test_a_write_that_fails_midway_leaves_the_file_unchanged(store, tmp_path):
    staff = sample(store)
    store.add_staff(staff)
    before = raw_rows(tmp_path / "s.sqlite")
    broken = store.get_staff(staff.id)
    broken.name = "変更後"
    # The last entry points at a category that is not in the file: the foreign key fails
    # after the profile, lists and earlier entries were already written in the transaction.
    broken.entries.append(Entry(2, store.categories()[0].id, "ok"))
    broken.entries.append(Entry(2, "no-such-category", "壊れた行"))
    store._check = lambda s: None  # get past validation to reach SQLite's own guard
    with pytest.raises(StoreError):
        store.save_staff(broken)
    assert not store.db.conn.in_transaction
    assert raw_rows(tmp_path / "s.sqlite") == before


def test_validation_rejects_before_writing(store):
    staff = sample(store)
    staff.entries.append(Entry(9, store.categories()[0].id, "レベル9"))
    staff.name = "  "
    with pytest.raises(ValidationError) as e:
        store.add_staff(staff)
    assert any("レベル9" in p for p in e.value.problems)
    assert any("氏名が空" in p for p in e.value.problems)
    assert store.staff_count() == 0


def test_control_characters_are_refused(store):
    staff = sample(store, "名前\x07")
    with pytest.raises(ValidationError, match="制御文字"):
        store.add_staff(staff)


def test_every_write_is_audited_with_before_and_after(store):
    staff = sample(store)
    store.add_staff(staff)
    edited = store.get_staff(staff.id)
    edited.name = "藤沢 花"
    store.save_staff(edited)
    store.delete_staff(staff.id)
    log = store.audit_log(target=f"staff:{staff.id}")
    assert [r["action"] for r in log] == ["delete", "update", "add"]
    assert '"藤沢 花子"' in log[1]["before"] and '"藤沢 花"' in log[1]["after"]
    assert log[0]["after"] is None and log[0]["user"]


def test_delete_and_undo_keeps_position_ids_and_chain(store):
    people = [sample(store, f"職員{i}") for i in range(3)]
    for p in people:
        store.add_staff(p)
    chain = store.revision_chain(people[1].id)
    old, index = store.delete_staff(people[1].id)
    assert index == 1 and store.staff_count() == 2
    store.add_staff(old, index)
    assert store.staff_ids() == [p.id for p in people]
    assert store.revision_chain(people[1].id)[: len(chain)] == chain
    assert store.get_staff(people[1].id).entries == people[1].entries


def test_move_and_reorder(store):
    people = [sample(store, f"職員{i}") for i in range(4)]
    for p in people:
        store.add_staff(p)
    ids = [p.id for p in people]
    assert store.move_staff(ids[3], 0) == 3
    assert store.staff_ids() == [ids[3], ids[0], ids[1], ids[2]]
    old = store.set_staff_order(list(reversed(ids)))
    assert store.staff_ids() == list(reversed(ids)) and old == [ids[3], ids[0], ids[1], ids[2]]
    with pytest.raises(StoreError):
        store.set_staff_order(ids[:2])


def test_summaries_and_search_texts(store):
    staff = sample(store)
    store.add_staff(staff)
    (summary,) = store.staff_summaries()
    assert summary.name == "藤沢 花子" and summary.experience_years >= 13
    assert "ネットワーク基礎セミナー" in store.search_texts()[staff.id]
    assert [s.id for s in store.find_staff("藤沢花子")] == [staff.id]
    assert [s.id for s in store.find_staff(staff.id)] == [staff.id]


def test_read_only_store_refuses_writes_and_leaves_file_bytes_alone(store, tmp_path):
    store.add_staff(sample(store))
    store.close()
    path = tmp_path / "s.sqlite"
    data = path.read_bytes()
    ro = Store.open(path, readonly=True)
    assert ro.staff_count() == 1
    with pytest.raises(StoreError, match="読み取り専用"):
        ro.add_staff(sample(ro, "別人"))
    ro.close()
    assert path.read_bytes() == data


def test_check_reports_a_sound_file(store):
    store.add_staff(sample(store))
    assert store.check() == []


def test_edit_definitions(store):
    level = store.levels()[4]
    level.short = "高度な知識・スキルを有し、作業指示ができる（改）"
    (old,), _ = store.save_definitions([level], [])
    assert store.levels()[4].short.endswith("（改）") and not old.short.endswith("（改）")
    cat = store.categories()[7]
    cat.name = "戦略"
    store.save_definitions([], [cat])
    assert store.categories()[7].name == "戦略"
    dup = store.categories()[6]
    dup.name = "戦略"
    with pytest.raises(StoreError, match="すでにあります"):
        store.save_definitions([], [dup])
