"""The per-part difference of two résumés and the merge by choice (domain/sheet_diff.py)."""

import dataclasses

import pytest

from skillmatrix.demo.seed import seed_staff
from skillmatrix.domain.dates import PartialDate, Period
from skillmatrix.domain.defaults import load_defaults
from skillmatrix.domain.model import Entry, Project, Qualification
from skillmatrix.domain.sheet_diff import adopt_details, diff_sheets, merge_sheets

CATEGORIES = load_defaults().new_categories()
NAMES = {c.id: c.name for c in CATEGORIES}
CAT = [c.id for c in CATEGORIES]


@pytest.fixture
def base():
    return seed_staff(CATEGORIES)[0]


def keys(diff):
    return {p.key: (p.change, p.side) for p in diff.parts}


def test_same_sheet_has_no_parts(base):
    assert diff_sheets(base, base.copy(), base.copy()).parts == []
    assert diff_sheets(None, base.copy(), base.copy()).parts == []


def test_three_way_classifies_each_part(base):
    mine, theirs = base.copy(), base.copy()
    mine.title = "主任"  # only here
    theirs.section = "情報政策課"  # only there
    mine.kana, theirs.kana = "あ", "い"  # both: a conflict
    del theirs.projects[0]  # only there: removed
    theirs.entries.append(Entry(level=5, category_id=CAT[7], text="DX推進計画策定", kind="work"))
    mine.assignments[1] = dataclasses.replace(mine.assignments[1], duties="ITガバナンス")
    theirs.assignments[1] = dataclasses.replace(theirs.assignments[1], duties="研修")
    diff = diff_sheets(base, mine, theirs, NAMES)
    got = keys(diff)
    assert got == {
        "profile:title": ("changed", "mine"),
        "profile:section": ("changed", "theirs"),
        "profile:kana": ("changed", "both"),
        f"project:{base.projects[0].id}": ("removed", "theirs"),
        f"assignment:{base.assignments[1].id}": ("changed", "both"),
        f"cell:5:{CAT[7]}": ("added", "theirs"),
    }
    labels = {p.key: p.label for p in diff.parts}
    assert labels[f"cell:5:{CAT[7]}"] == "レベル5 × ストラテジ"
    assert labels["profile:section"] == "所属"
    assert [p.key for p in diff.conflicts()] == ["profile:kana", f"assignment:{base.assignments[1].id}"]


def test_two_way_every_difference_needs_a_choice(base):
    theirs = base.copy()
    theirs.section = "情報政策課"
    diff = diff_sheets(None, base, theirs)
    assert [(p.key, p.side) for p in diff.parts] == [("profile:section", "differs")]
    with pytest.raises(ValueError, match="所属"):
        merge_sheets(base, theirs, diff, {})
    assert merge_sheets(base, theirs, diff, {"profile:section": "theirs"}).section == "情報政策課"
    assert merge_sheets(base, theirs, diff, {"profile:section": "mine"}).section == "IT推進課"


def test_merge_takes_each_part_from_the_side_chosen(base):
    mine, theirs = base.copy(), base.copy()
    mine.title = "主任"
    theirs.section = "情報政策課"
    mine.kana, theirs.kana = "あ", "い"
    del theirs.projects[0]
    theirs.projects.append(Project(Period(PartialDate(2024, 4), None), "ガバメントクラウド移行"))
    theirs.qualifications.append(Qualification("基本情報技術者", PartialDate(2012, 10)))
    theirs.entries.append(Entry(level=5, category_id=CAT[7], text="DX推進計画策定", kind="work"))
    mine.entries.append(Entry(level=1, category_id=CAT[0], text="文書事務研修", kind="training"))
    diff = diff_sheets(base, mine, theirs, NAMES)
    # Defaults take each side's own change; the conflict is the chief's.
    merged = merge_sheets(mine, theirs, diff, {"profile:kana": "theirs"})
    assert (merged.title, merged.section, merged.kana) == ("主任", "情報政策課", "い")
    assert [p.name for p in merged.projects] == ["通信回線更新", "ガバメントクラウド移行"]
    assert [q.name for q in merged.qualifications] == ["基本情報技術者"]
    assert [e.text for e in merged.cell(5, CAT[7])] == ["DX推進計画策定"]
    assert [e.text for e in merged.cell(1, CAT[0])] == ["新採用職員研修", "文書事務研修"]
    assert merged.id == mine.id
    # Everything mine, conflicts included: mine unchanged.
    all_mine = {p.key: "mine" for p in diff.parts}
    assert diff_sheets(None, mine, merge_sheets(mine, theirs, diff, all_mine)).parts == []
    # Everything theirs: theirs' content.
    all_theirs = {p.key: "theirs" for p in diff.parts}
    assert diff_sheets(None, theirs, merge_sheets(mine, theirs, diff, all_theirs)).parts == []
    assert mine.title == "主任" and len(mine.projects) == 2  # inputs untouched


def test_rows_without_ids_match_by_content_then_name(base):
    theirs = base.copy()
    # As read from a spreadsheet: every row and entry with a fresh id.
    theirs.assignments = [dataclasses.replace(a, id=f"x{i}") for i, a in enumerate(theirs.assignments)]
    theirs.projects = [dataclasses.replace(p, id=f"p{i}") for i, p in enumerate(theirs.projects)]
    theirs.entries = [dataclasses.replace(e, id=f"e{i}", kind="other") for i, e in enumerate(theirs.entries)]
    theirs.assignments[0] = dataclasses.replace(theirs.assignments[0], duties="ポータル、メール")
    adopt_details(theirs, base)
    diff = diff_sheets(base, base.copy(), theirs)
    assert keys(diff) == {f"assignment:{base.assignments[0].id}": ("changed", "theirs")}
    assert {e.kind for e in theirs.entries} == {"training"}  # kinds adopted from the database


def test_cell_is_one_part_with_its_entry_list(base):
    theirs = base.copy()
    theirs.entries = [e for e in theirs.entries if e.text != "プロジェクト管理セミナー"]
    theirs.entries.append(Entry(level=2, category_id=CAT[3], text="クラウド基礎", kind="training"))
    diff = diff_sheets(base, base.copy(), theirs)
    (part,) = diff.parts
    assert part.key == f"cell:2:{CAT[3]}" and part.change == "changed"
    assert [e.text for e in part.mine] == ["システム開発セミナー", "プロジェクト管理セミナー"]
    assert [e.text for e in part.theirs] == ["システム開発セミナー", "クラウド基礎"]
    merged = merge_sheets(base, theirs, diff, {})
    assert [e.text for e in merged.cell(2, CAT[3])] == ["システム開発セミナー", "クラウド基礎"]
    emptied = base.copy()
    emptied.entries = [e for e in emptied.entries if (e.level, e.category_id) != (2, CAT[3])]
    (removed,) = diff_sheets(None, base, emptied).parts
    assert removed.change == "removed" and removed.theirs is None
