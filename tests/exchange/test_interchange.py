"""The interchange JSON of spec/interchange.md: round trips and every rejection rule."""

import json
from pathlib import Path

import pytest

from skillmatrix.domain.model import ValidationError
from skillmatrix.exchange.interchange import read_json, write_json
from skillmatrix.exchange.merge import apply_plan, plan_import
from skillmatrix.store.repository import Store

EXAMPLE = Path(__file__).resolve().parents[1] / "fixtures" / "example.json"


@pytest.fixture
def store(tmp_path):
    s = Store.create(tmp_path / "s.sqlite")
    yield s
    s.close()


def person(**over):
    base = {
        "name": "藤沢 花子",
        "entries": [
            {"level": 1, "category": "ネットワーク", "text": "ネットワーク基礎セミナー", "kind": "training"}
        ],
    }
    base.update(over)
    return base


def write(tmp_path, people, **top):
    data = {"format": "skillmatrix-resume", "version": 1, "staff": people, **top}
    path = tmp_path / "in.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_example_of_the_spec_reads_back_exactly(store, tmp_path):
    loaded = read_json(EXAMPLE, store.categories())
    apply_plan(store, plan_import(store, loaded.people), "example")
    out = tmp_path / "out.json"
    write_json(store.iter_staff(), store.categories(), out)
    got = json.loads(out.read_text(encoding="utf-8"))["staff"][0]
    want = json.loads(EXAMPLE.read_text(encoding="utf-8"))["staff"][0]
    for key in ("id", "name", "kana", "title", "section", "experience_override", "assignments", "projects"):
        assert got[key] == want[key], key
    assert got["qualifications"] == [{**q, "expires": None} for q in want["qualifications"]]
    assert got["entries"] == want["entries"]


def test_dump_import_dump_is_identical(store, tmp_path):
    raw = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    raw["staff"][0]["entries"] += [
        {
            "level": 7,
            "category": "セキュリティ",
            "text": "<b>&髙﨑 德 塚</b>\n二行目",
            "kind": "role",
            "date": "2019-05-01",
        },
        {"level": 7, "category": "セキュリティ", "text": "同じセルの2行目", "kind": "other", "date": None},
    ]
    src = write(tmp_path, raw["staff"])
    apply_plan(store, plan_import(store, read_json(src, store.categories()).people), "t")
    first, second = tmp_path / "1.json", tmp_path / "2.json"
    write_json(store.iter_staff(), store.categories(), first)
    other = Store.create(tmp_path / "other.sqlite")
    loaded = read_json(first, other.categories())  # a dump carries revisions: kept on import
    apply_plan(other, plan_import(other, loaded.people, loaded.chains), "t")
    write_json(other.iter_staff(), other.categories(), second)
    other.close()
    assert first.read_bytes() == second.read_bytes()


def test_bom_and_unknown_keys_are_accepted(store, tmp_path):
    path = tmp_path / "bom.json"
    data = {
        "format": "skillmatrix-resume",
        "version": 1,
        "future": 1,
        "staff": [
            person(
                hobby="将棋", entries=[{"level": 0, "category": "セキュリティ", "text": "x", "extra": True}]
            )
        ],
    }
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(data, ensure_ascii=False).encode("utf-8"))
    (staff,) = read_json(path, store.categories()).people
    assert staff.entries[0].kind == "other"


def test_without_id_a_new_person_is_created(store, tmp_path):
    src = write(tmp_path, [person()])
    (a,) = read_json(src, store.categories()).people
    (b,) = read_json(src, store.categories()).people
    assert a.id != b.id


@pytest.mark.parametrize(
    "top, expected",
    [
        ({"format": "other"}, "形式が違います"),
        ({"version": 2}, "新しい版のファイルです（version 2"),
        ({"version": "1"}, "version が正しくありません"),
        ({"staff": {}}, "staff が配列ではありません"),
    ],
)
def test_file_level_rejections(store, tmp_path, top, expected):
    path = write(tmp_path, [person()], **top)
    with pytest.raises(ValidationError, match=expected):
        read_json(path, store.categories())


@pytest.mark.parametrize(
    "staff, expected",
    [
        (person(name=""), "staff[1]: 氏名が空です"),
        (person(name="   "), "氏名が空です"),
        ({"kana": "x"}, "staff[1]: 氏名が空です"),
        (person(id="not-a-uuid"), "「藤沢 花子」 id: UUIDではありません"),
        (
            person(entries=[{"level": 8, "category": "セキュリティ", "text": "x"}]),
            "「藤沢 花子」 実績1「x」: レベル8はありません",
        ),
        (person(entries=[{"level": -1, "category": "セキュリティ", "text": "x"}]), "レベル-1はありません"),
        (
            person(entries=[{"level": "3", "category": "セキュリティ", "text": "x"}]),
            "レベル'3'は整数ではありません",
        ),
        (
            person(entries=[{"level": 1, "category": "宇宙開発", "text": "x"}]),
            "実績1「x」: 分類「宇宙開発」は定義にありません",
        ),
        (
            person(entries=[{"level": 1, "category": "セキュリティ", "text": "x", "kind": "hobby"}]),
            "種別「hobby」は使えません",
        ),
        (person(entries=[{"level": 1, "category": "セキュリティ", "text": ""}]), "内容が空です"),
        (
            person(entries=[{"level": 1, "category": "セキュリティ", "text": "x", "date": "2023-02-30"}]),
            "実績1 日付",
        ),
        (person(assignments=[{"start": "2013-04", "end": "2012-03", "name": "x"}]), "担当履歴1: 終了"),
        (person(projects=[{"start": "2013-04-01", "end": "2013-03-31", "name": "x"}]), "プロジェクト1: 終了"),
        (person(assignments=[{"start": "2013/04", "name": "x"}]), "担当履歴1 開始"),
        (person(name="a\x00b"), "氏名: 制御文字（U+0000）"),
        (person(entries=[{"level": 1, "category": "セキュリティ", "text": "a\x1bb"}]), "制御文字（U+001B）"),
        (person(experience_override="3"), "experience_override: 整数ではありません"),
        (person(qualifications=[{"name": ""}]), "資格等1: 名称が空です"),
        (person(assignments="x"), "担当履歴(assignments): オブジェクトの配列ではありません"),
        ("x", "staff[1]: オブジェクトではありません"),
    ],
)
def test_each_rejection_names_the_person_and_field(store, tmp_path, staff, expected):
    path = write(tmp_path, [person(name="ok"), staff] if staff != "x" else [staff])
    with pytest.raises(ValidationError) as e:
        read_json(path, store.categories())
    text = "\n".join(e.value.problems)
    assert expected.replace("staff[1]", "staff[2]" if staff != "x" else "staff[1]") in text


def test_line_breaks_and_tabs_are_allowed_in_duties(store, tmp_path):
    path = write(tmp_path, [person(assignments=[{"start": "2013", "name": "a", "duties": "一\n二\tタブ"}])])
    (s,) = read_json(path, store.categories()).people
    assert s.assignments[0].duties == "一\n二\tタブ"


def test_duplicate_ids_are_refused(store, tmp_path):
    same = "0b6f1f9e-6c1a-4f0e-9d55-2a4f3c1e8b10"
    path = write(tmp_path, [person(id=same), person(id=same, name="別人")])
    with pytest.raises(ValidationError, match="同じidです"):
        read_json(path, store.categories())


def test_all_problems_are_listed_and_nothing_is_imported(store, tmp_path):
    staff = [
        person(name=f"職員{i}", entries=[{"level": 9, "category": "セキュリティ", "text": "x"}])
        for i in range(80)
    ]
    path = write(tmp_path, [person()] + staff)
    with pytest.raises(ValidationError) as e:
        read_json(path, store.categories())
    assert len(e.value.problems) == 51 and e.value.problems[-1] == "…ほか30件"
    assert store.staff_count() == 0


def test_not_json_and_not_utf8(store, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{ not json", encoding="utf-8")
    with pytest.raises(ValidationError, match="JSONとして読めません"):
        read_json(bad, store.categories())
    bad.write_bytes("職員".encode("cp932"))
    with pytest.raises(ValidationError, match="UTF-8"):
        read_json(bad, store.categories())


def test_plan_counts_added_updated_unchanged(store, tmp_path):
    uid = "0b6f1f9e-6c1a-4f0e-9d55-2a4f3c1e8b10"
    first = write(tmp_path, [person(id=uid)])
    apply_plan(store, plan_import(store, read_json(first, store.categories()).people), "t")
    plan = plan_import(store, read_json(first, store.categories()).people)
    assert (len(plan.added), len(plan.updated), len(plan.unchanged)) == (0, 0, 1)
    changed = write(tmp_path, [person(id=uid, title="主任"), person(name="新人")])
    plan = plan_import(store, read_json(changed, store.categories()).people)
    assert (len(plan.added), len(plan.updated), len(plan.unchanged)) == (1, 1, 0)
    apply_plan(store, plan, "t")
    assert store.get_staff(uid).title == "主任" and store.staff_count() == 2
