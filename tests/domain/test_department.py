"""The department's computations on the seed's two résumés and on generated people."""

from datetime import date

import pytest

from skillmatrix.demo.generated import generated_staff, seed_staff
from skillmatrix.domain import department as dep
from skillmatrix.domain.dates import PartialDate
from skillmatrix.domain.defaults import load_defaults
from skillmatrix.domain.department_defaults import load_department_defaults
from skillmatrix.domain.model import Qualification


@pytest.fixture(scope="module")
def cats():
    categories = load_defaults().new_categories()
    return {c.name: c.id for c in categories}, categories


@pytest.fixture(scope="module")
def seed(cats):
    staffer, veteran = seed_staff(cats[1])
    return staffer, veteran


@pytest.fixture(scope="module")
def profiles(cats):
    d = load_department_defaults()
    can_do = d.new_can_do(cats[1])
    return {p.id: p for p in d.new_profiles(cats[1], can_do)}, can_do


def test_veteran_levels_follow_the_seed_grid(cats, seed):
    ids, _ = cats
    levels = dep.person_levels(seed[1])
    # セキュリティ: ISMS適用範囲内研修 (0), LASDEC講師 and ICT-BCP講演 (5), 研究会 and 講演 (6).
    assert levels[ids["セキュリティ"]] == 6
    assert levels[ids["ストラテジ"]] == 6
    assert levels[ids["基幹系システム"]] == 5
    assert levels[ids["ITスキル一般"]] == 6
    assert ids["行政職員一般"] not in levels  # the veteran's first column is empty
    # Only training: the veteran's highest セキュリティ course is at レベル0.
    training = dep.person_levels(seed[1], ["training"])
    assert training[ids["セキュリティ"]] == 0
    assert training[ids["ストラテジ"]] == 2  # CIO育成研修(運用管理)
    assert ids["基幹系システム"] in training and training[ids["基幹系システム"]] == 2


def test_staffer_levels(cats, seed):
    ids, _ = cats
    levels = dep.person_levels(seed[0])
    assert levels == {
        ids["行政職員一般"]: 1,
        ids["ITスキル一般"]: 1,
        ids["ネットワーク"]: 1,
        ids["セキュリティ"]: 1,
        ids["情報系システム"]: 3,
        ids["ストラテジ"]: 3,
    }
    assert dep.person_levels(seed[0], ["work", "role"]) == {}


def test_unknown_kind_is_refused(seed):
    with pytest.raises(ValueError, match="種別"):
        dep.person_levels(seed[0], ["courses"])


def test_levels_from_rows_equals_per_person(cats):
    people = generated_staff(30, cats[1])
    rows = [(s.id, e.category_id, e.level) for s in people for e in s.entries]
    best = {}
    for sid, c, lv in rows:
        best[(sid, c)] = max(best.get((sid, c), -1), lv)
    grouped = dep.levels_from_rows((sid, c, lv) for (sid, c), lv in best.items())
    assert grouped == {s.id: dep.person_levels(s) for s in people}


def test_histogram_counts_everyone_once_per_category(cats, seed):
    ids, categories = cats
    levels = {s.id: dep.person_levels(s) for s in seed}
    h = dep.histograms(levels, [s.id for s in seed], [c.id for c in categories])
    assert h[ids["セキュリティ"]].counts[1] == 1 and h[ids["セキュリティ"]].counts[6] == 1
    assert h[ids["行政職員一般"]].counts[1] == 1 and h[ids["行政職員一般"]].none == 1
    assert h[ids["基幹系システム"]].none == 1 and h[ids["基幹系システム"]].counts[5] == 1
    assert all(x.total == 2 for x in h.values())


def test_gap_status():
    assert dep.gap_status(3, 3) == dep.GAP_MET
    assert dep.gap_status(5, 3) == dep.GAP_MET
    assert dep.gap_status(2, 3) == dep.GAP_ONE_BELOW
    assert dep.gap_status(1, 3) == dep.GAP_BELOW
    assert dep.gap_status(None, 0) == dep.GAP_ONE_BELOW  # no entry is one below レベル0
    assert dep.gap_status(None, 1) == dep.GAP_BELOW
    assert dep.gap_status(4, None) is None


def test_default_profile_by_title(profiles):
    by_id, _ = profiles
    names = {
        t: dep.default_profile(t, by_id.values()).name
        for t in ("事務職員", "主事", "主任", "主査", "課長", "参事", "副主幹")
    }
    assert names == {
        "事務職員": "担当",
        "主事": "担当",
        "主任": "主担当",
        "主査": "主担当",
        "課長": "総括",
        "参事": "総括",
        "副主幹": "総括",
    }
    assert dep.default_profile("嘱託", by_id.values()) is None
    assert dep.default_profile("事務職員 ", by_id.values()).name == "担当"  # spaces ignored


def test_gaps_of_the_seed_people(cats, seed, profiles):
    ids, categories = cats
    by_id, _ = profiles
    staffer, veteran = seed
    levels = {s.id: dep.person_levels(s) for s in seed}
    people = [(s.id, s.title) for s in seed]
    below = dep.below_target(people, levels, {}, by_id, [c.id for c in categories])
    # 藤沢 花子 (事務職員 -> 担当): セキュリティ 1 against 2 is one below; 基幹系 none against 1.
    sec = {g.staff_id: g for g in below[ids["セキュリティ"]]}
    assert sec[staffer.id].status == dep.GAP_ONE_BELOW and veteran.id not in sec
    assert {g.staff_id: g.status for g in below[ids["基幹系システム"]]} == {staffer.id: dep.GAP_BELOW}
    assert below[ids["ストラテジ"]] == []  # 3 ≥ 1 and 6 ≥ 4
    # 湘南 太郎 (参事 -> 総括, 行政職員一般 target 3) has no entry there: far below.
    admin = {g.staff_id: g for g in below[ids["行政職員一般"]]}
    assert admin[veteran.id].status == dep.GAP_BELOW and admin[veteran.id].level is None
    # Given 担当 by hand, the veteran still misses 行政職員一般 (target 1) but by less.
    tanto = next(p.id for p in by_id.values() if p.name == "担当")
    again = dep.below_target(people, levels, {veteran.id: tanto}, by_id, [c.id for c in categories])
    assert {g.staff_id: g.status for g in again[ids["行政職員一般"]]}[veteran.id] == dep.GAP_BELOW
    assert veteran.id not in {g.staff_id for g in again[ids["セキュリティ"]]}


def test_missing_can_do(profiles):
    by_id, can_do = profiles
    assert len(can_do) == 7 and {s.level for s in can_do} == {3, 4}
    assert "原課のセキュリティ教育を実施できる" in {s.text for s in can_do}
    soukatsu = next(p for p in by_id.values() if p.name == "総括")
    assert len(dep.missing_can_do(soukatsu, [])) == 7
    assert len(dep.missing_can_do(soukatsu, [can_do[0].id, can_do[1].id])) == 5
    assert dep.missing_can_do(None, []) == []


def test_expiring_within_90_days():
    today = date(2026, 11, 27)
    q = [
        ("a", "甲", Qualification("情報処理安全確保支援士", expires=PartialDate(2026, 10))),
        ("b", "乙", Qualification("情報処理安全確保支援士", expires=PartialDate(2027, 2, 25))),
        ("c", "丙", Qualification("情報処理安全確保支援士", expires=PartialDate(2027, 2, 26))),
        ("d", "丁", Qualification("基本情報技術者試験")),
        ("e", "戊", Qualification("情報処理安全確保支援士", expires=PartialDate(2026, 11))),
    ]
    found = dep.expiring(q, today)
    assert [(x.staff_id, x.expired) for x in found] == [("a", True), ("e", False), ("b", False)]
    assert found[0].days_left == -27 and found[2].days_left == 90


def test_expiring_in_generated_staff(cats):
    people = generated_staff(300, cats[1])
    items = [(s.id, s.name, q) for s in people for q in s.qualifications]
    found = dep.expiring(items, date(2026, 11, 27))
    assert found and all(x.qualification == "情報処理安全確保支援士" for x in found)


def test_proposals_security_first(cats, seed, profiles):
    ids, categories = cats
    by_id, _ = profiles
    courses = load_department_defaults().new_courses(categories)
    staffer = seed[0]
    profile = dep.default_profile(staffer.title, by_id.values())
    first = dep.priority_category((c.id, c.name) for c in categories)
    proposed = dep.propose_courses(
        dep.person_levels(staffer),
        profile,
        courses,
        [e.text for e in staffer.entries],
        [c.id for c in categories],
        first,
    )
    names = [c.name for c in proposed]
    assert names[0] == "情報セキュリティ対策等研修"  # セキュリティ 1 -> 2 first
    assert "IT基礎セミナー" not in names  # taken already
    assert "個人番号制度eラーニング" in names  # 基幹系 none -> 1
    assert all(c.level <= profile.targets[c.category_id] for c in proposed)
    # The veteran as 総括 needs nothing in セキュリティ.
    vet = seed[1]
    vprof = dep.default_profile(vet.title, by_id.values())
    vnames = dep.propose_courses(dep.person_levels(vet), vprof, courses, [], None, first)
    assert not [c for c in vnames if c.category_id == ids["セキュリティ"]]
    assert "市町村アカデミー 宿泊研修" in [c.name for c in vnames]


def test_seed_catalogue_resolves_every_category(cats):
    courses = load_department_defaults().new_courses(cats[1])
    assert len(courses) >= 20 and all(c.category_id and c.level is not None for c in courses)
    providers = {c.provider for c in courses}
    assert {"市町村アカデミー", "自治体CIO育成研修", "ベンダー"} <= providers
