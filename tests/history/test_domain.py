"""Radar values, level queries and the 異動 what-if on the seed's people (Qt-free)."""

import math

import pytest

from skillmatrix.demo.generated import SEED_VETERAN_ID, generated_staff, seed_staff
from skillmatrix.domain import radar
from skillmatrix.domain.coverage import CoverageBase, Placeholder, Scenario, thresholds
from skillmatrix.domain.defaults import load_defaults
from skillmatrix.domain.department import TargetProfile, person_levels
from skillmatrix.domain.level_query import QueryError, parse

VETERAN = {
    "行政職員一般": None,
    "ITスキル一般": 6,
    "基幹系システム": 5,
    "情報系システム": 1,
    "ネットワーク": 6,
    "地域情報化": 5,
    "セキュリティ": 6,
    "ストラテジ": 6,
}


@pytest.fixture(scope="module")
def cats():
    return load_defaults().new_categories()


@pytest.fixture(scope="module")
def veteran(cats):
    found = [s for s in seed_staff(cats) if s.id == SEED_VETERAN_ID]
    return found[0]


def test_veteran_radar_values_follow_the_categories_order(cats, veteran):
    profile = TargetProfile("係長", {cats[1].id: 4, cats[6].id: 5})
    chart = radar.person_radar(cats, person_levels(veteran), profile)
    assert chart.labels == tuple(c.name for c in cats)
    assert dict(zip(chart.labels, chart.values, strict=True)) == VETERAN
    assert chart.labels[0] == "行政職員一般" and chart.values[0] is None
    assert chart.targets[1] == 4 and chart.targets[6] == 5 and chart.targets[0] is None


def test_polygon_starts_at_the_top_and_goes_clockwise():
    pts = radar.polygon([7, 7, 0, 7], 100, 100, 70)
    assert pts[0] == pytest.approx((100, 170))  # up (y grows upward)
    assert pts[1] == pytest.approx((170, 100))  # right: clockwise
    assert pts[2] == pytest.approx((100, 100))  # level 0 / none: the centre
    assert pts[3] == pytest.approx((30, 100))
    down = radar.polygon([3.5], 0, 0, 70, y_down=True)
    assert down[0] == pytest.approx((0, -35))
    assert math.isclose(radar.axis_angle(2, 8), 0.0, abs_tol=1e-12)


def test_department_radar_average_and_minimum(cats):
    a, b = "a", "b"
    levels = {a: {cats[1].id: 6, cats[2].id: 2}, b: {cats[1].id: 3}}
    chart = radar.department_radar(cats, levels, [a, b], {a: {cats[1].id: 4}, b: {cats[1].id: 5}})
    assert chart.values[1] == 4.5 and chart.lows[1] == 3
    assert chart.values[2] == 1.0 and chart.lows[2] == 0
    assert chart.targets[1] == 4 or chart.targets[1] == 5  # rounded average of 4 and 5
    assert chart.targets[2] is None


@pytest.mark.parametrize(
    ("text", "op", "level"),
    [
        ("セキュリティ>=4", ">=", 4),
        ("セキュリティ:4+", ">=", 4),
        ("セキュリティ:4-", "<=", 4),
        ("ｾｷｭﾘﾃｨ＞＝４", ">=", 4),
        ("セキュリティ:4", "=", 4),
        ("セキュリティ<2", "<", 2),
    ],
)
def test_condition_forms(cats, text, op, level):
    q = parse(text, cats)
    (c,) = q.conditions
    assert (c.category_name, c.op, c.level) == ("セキュリティ", op, level)
    assert q.words == ()


def test_it_is_folded_and_prefixes_and_words(cats):
    q = parse("ＩＴスキル一般=6  山田 基幹系>=5", cats)
    assert [c.category_name for c in q.conditions] == ["ITスキル一般", "基幹系システム"]
    assert q.words == ("山田",)
    q = parse("itスキル:6+", cats)
    assert q.conditions[0].category_name == "ITスキル一般"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("セキュリティ>=8", "レベル8"),
        ("そんな分類>=1", "ありません"),
        ("システム>=1", "複数"),
        ("セキュリティ>=", "読めません"),
    ],
)
def test_bad_conditions_say_why(cats, text, message):
    with pytest.raises(QueryError, match=message):
        parse(text, cats)


def test_conditions_against_the_levels_of_generated_people(cats):
    people = generated_staff(200, cats)
    q = parse("セキュリティ>=4 ネットワーク=3", cats)
    sec, net = cats[6].id, cats[4].id
    expected = {s.id for s in people if (lv := person_levels(s)).get(sec, -1) >= 4 and lv.get(net) == 3}
    assert {s.id for s in people if q.matches_levels(person_levels(s))} == expected
    fast = q.level_test()
    assert {s.id for s in people if fast(person_levels(s))} == expected
    assert parse("セキュリティ<=1", cats).level_test()({}) and not parse(
        "セキュリティ>=0", cats
    ).level_test()({})
    assert expected  # the generated people do hold such a combination
    below = parse("セキュリティ<2", cats)
    assert below.matches_levels({}) and not parse("セキュリティ=0", cats).matches_levels({})


def test_what_if_counts_and_flags(cats):
    net = cats[4].id
    levels = {"a": {net: 4}, "b": {net: 5}, "c": {net: 1}, "x": {net: 6}}
    base = CoverageBase(cats, levels, ["a", "b", "c"], thresholds(cats, [{net: 3}]))
    assert base.threshold[net] == 3 and base.threshold[cats[0].id] == 3
    (row,) = [r for r in base.what_if(Scenario()) if r.category_id == net]
    assert (row.before, row.after, row.flag) == (2, 2, None)
    (row,) = [r for r in base.what_if(Scenario(leaving=("a",))) if r.category_id == net]
    assert (row.after, row.flag, row.lost) == (1, "below", ("a",))
    (row,) = [r for r in base.what_if(Scenario(leaving=("a", "b"))) if r.category_id == net]
    assert (row.after, row.flag) == (0, "zero")
    s = Scenario(leaving=("a", "b"), arriving=("x", Placeholder("主任")), minimum={net: 1})
    (row,) = [r for r in base.what_if(s) if r.category_id == net]
    assert (row.after, row.flag, row.gained) == (1, None, ("x",))
    assert base.headcount(s) == (3, 3)
    assert Scenario.from_json(s.to_json()) == s
