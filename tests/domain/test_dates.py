"""Tests for skillmatrix.domain.dates."""

from __future__ import annotations

import datetime

import pytest

from skillmatrix.domain import dates
from skillmatrix.domain.dates import (
    ERAS,
    DateError,
    PartialDate,
    Period,
    era_of,
    fiscal_year,
    format_fiscal_year,
)

D = datetime.date
PD = PartialDate


# --- PartialDate.parse: accepted inputs ------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2013", PD(2013)),
        ("2013年", PD(2013)),
        ("2013-04", PD(2013, 4)),
        ("2013-4", PD(2013, 4)),
        ("2013/4", PD(2013, 4)),
        ("2013.4", PD(2013, 4)),
        ("2013.4.1", PD(2013, 4, 1)),
        ("2013/04/01", PD(2013, 4, 1)),
        ("2013-04-01", PD(2013, 4, 1)),
        ("2013年4月", PD(2013, 4)),
        ("2013年4月1日", PD(2013, 4, 1)),
        ("20130401", PD(2013, 4, 1)),
        ("201304", PD(2013, 4)),
        ("２０１３／４", PD(2013, 4)),
        ("２０１３年４月", PD(2013, 4)),
        ("２０１３－０４－０１", PD(2013, 4, 1)),
        ("２０１３．４．１", PD(2013, 4, 1)),
        ("  2013/4/1  ", PD(2013, 4, 1)),
        ("\u30002013年4月\u3000", PD(2013, 4)),
        ("\t2013\n", PD(2013)),
        ("2013年 4月 1日", PD(2013, 4, 1)),
        ("平成25年4月", PD(2013, 4)),
        ("平成２５年４月１日", PD(2013, 4, 1)),
        ("平成25年", PD(2013)),
        ("平成25", PD(2013)),
        ("H25", PD(2013)),
        ("H25.4", PD(2013, 4)),
        ("h25.4.1", PD(2013, 4, 1)),
        ("H25/4", PD(2013, 4)),
        ("H25-4-1", PD(2013, 4, 1)),
        ("Ｈ２５．４．１", PD(2013, 4, 1)),
        ("R5.4.1", PD(2023, 4, 1)),
        ("R05.04.01", PD(2023, 4, 1)),
        ("r5.4", PD(2023, 4)),
        ("令和元年5月", PD(2019, 5)),
        ("令和1年5月", PD(2019, 5)),
        ("令和元年", PD(2019)),
        ("R1.5.1", PD(2019, 5, 1)),
        ("昭和56年8月", PD(1981, 8)),
        ("S56.8", PD(1981, 8)),
        ("s56.8.10", PD(1981, 8, 10)),
        ("平成元年1月8日", PD(1989, 1, 8)),
        ("平成元年", PD(1989)),
        ("昭和64年1月7日", PD(1989, 1, 7)),
        ("昭和64年", PD(1989)),
        ("平成31年4月30日", PD(2019, 4, 30)),
        ("平成31年4月", PD(2019, 4)),
        ("平成31年", PD(2019)),
        ("令和元年5月1日", PD(2019, 5, 1)),
        ("大正15年12月24日", PD(1926, 12, 24)),
        ("昭和元年12月25日", PD(1926, 12, 25)),
        ("T1.7.30", PD(1912, 7, 30)),
        ("明治45年7月29日", PD(1912, 7, 29)),
        ("M45.7", PD(1912, 7)),
        ("明治元年", PD(1868)),
        ("㍻25年4月", PD(2013, 4)),
        ("㋿5年4月1日", PD(2023, 4, 1)),
        ("㋿元年5月", PD(2019, 5)),
        ("㍼56年8月", PD(1981, 8)),
        ("㍽10年", PD(1921)),
        ("㍾40年", PD(1907)),
        ("2024-02-29", PD(2024, 2, 29)),
        ("2000/2/29", PD(2000, 2, 29)),
        ("1868", PD(1868)),
        ("2200-12-31", PD(2200, 12, 31)),
    ],
)
def test_parse_accepts(text, expected):
    assert PartialDate.parse(text) == expected


# --- PartialDate.parse: rejected inputs ------------------------------------


@pytest.mark.parametrize(
    ("text", "message_part"),
    [
        ("2023-02-30", "2023年2月30日は存在しない日付です"),
        ("2023年2月30日", "存在しない日付"),
        ("2023-13-01", "13月"),
        ("2023-13", "13月"),
        ("2023-00", "0月"),
        ("2023-02-29", "2023年2月29日は存在しない日付です"),
        ("2023-04-31", "存在しない日付"),
        ("2023-04-00", "存在しない日付"),
        ("20230230", "存在しない日付"),
        ("平成31年5月1日", "平成は2019年4月30日まで"),
        ("平成31年5月", "平成は2019年4月30日まで"),
        ("H31.5.1", "平成は2019年4月30日まで"),
        ("令和元年4月30日", "令和は2019年5月1日から"),
        ("令和元年4月", "令和は2019年5月1日から"),
        ("R1.4.30", "令和は2019年5月1日から"),
        ("平成32年", "平成は31年までです（平成32年）"),
        ("H32.1.1", "平成は31年まで"),
        ("昭和65年", "昭和は64年まで"),
        ("令和0年", "令和0年は存在しません（元年と書きます）"),
        ("R0.5.1", "元年と書きます"),
        ("平成元年1月7日", "平成は1989年1月8日から"),
        ("昭和64年1月8日", "昭和は1989年1月7日まで"),
        ("大正15年12月25日", "大正は1926年12月24日まで"),
        ("平成31年2月30日", "平成31年2月30日は存在しない日付です"),
        ("1867", "1868年から2200年"),
        ("2201-01-01", "1868年から2200年"),
        ("0999", "1868年から2200年"),
        ("令和183年", "1868年から2200年"),
        ("abc", "日付として読めません: 'abc'"),
        ("2013年4月頃", "日付として読めません"),
        ("13/4/1", "日付として読めません"),
        ("2013/4/1/5", "日付として読めません"),
        ("X25.4", "日付として読めません"),
        ("平成", "日付として読めません"),
        ("2013年4月1日～", "日付として読めません"),
    ],
)
def test_parse_rejects(text, message_part):
    with pytest.raises(DateError) as excinfo:
        PartialDate.parse(text)
    assert message_part in str(excinfo.value)


@pytest.mark.parametrize("text", ["", "   ", "\u3000"])
def test_parse_empty(text):
    with pytest.raises(DateError, match="^日付が空です$"):
        PartialDate.parse(text)


def test_date_error_is_value_error():
    assert issubclass(DateError, ValueError)


# --- construction / validation ---------------------------------------------


@pytest.mark.parametrize(
    "args",
    [(2013, None, 1), (2023, 2, 30), (2023, 13), (2023, 0), (1867,), (2201,), (2023, 2, 29)],
)
def test_constructor_validates(args):
    with pytest.raises(DateError):
        PartialDate(*args)


@pytest.mark.parametrize("args", [(2013.0,), ("2013",), (2013, "4"), (True,)])
def test_constructor_rejects_non_int(args):
    with pytest.raises(TypeError):
        PartialDate(*args)


@pytest.mark.parametrize(
    ("pd", "precision"),
    [(PD(2013), "year"), (PD(2013, 4), "month"), (PD(2013, 4, 1), "day")],
)
def test_precision(pd, precision):
    assert pd.precision == precision


def test_frozen_hashable_and_equal():
    a, b = PD(2013, 4), PartialDate.parse("平成25年4月")
    assert a == b and hash(a) == hash(b)
    assert len({a, b, PD(2013, 4, 1)}) == 2
    with pytest.raises(AttributeError):
        a.year = 2014  # type: ignore[misc]


def test_from_date():
    assert PartialDate.from_date(D(2019, 5, 1)) == PD(2019, 5, 1)


# --- iso / from_iso ----------------------------------------------------------


@pytest.mark.parametrize(
    ("pd", "iso"),
    [
        (PD(2013), "2013"),
        (PD(2013, 4), "2013-04"),
        (PD(2013, 4, 1), "2013-04-01"),
        (PD(1989, 1, 8), "1989-01-08"),
        (PD(2024, 12, 31), "2024-12-31"),
    ],
)
def test_iso_round_trip(pd, iso):
    assert pd.iso() == iso
    assert str(pd) == iso
    assert PartialDate.from_iso(iso) == pd
    assert PartialDate.parse(iso) == pd


@pytest.mark.parametrize(
    "text",
    [
        "",
        "2013-4",
        "2013/04",
        "2013-04-1",
        "20130401",
        "2013年",
        " 2013",
        "2013 ",
        "２０１３",
        "H25",
        "13-04",
        "2013-04-01T00:00",
        "2013-",
        "abc",
    ],
)
def test_from_iso_is_strict(text):
    with pytest.raises(DateError):
        PartialDate.from_iso(text)


@pytest.mark.parametrize("text", ["2023-02-30", "2023-13", "2023-00", "1867"])
def test_from_iso_validates(text):
    with pytest.raises(DateError):
        PartialDate.from_iso(text)


# --- first_day / last_day ----------------------------------------------------


@pytest.mark.parametrize(
    ("pd", "first", "last"),
    [
        (PD(2013), D(2013, 1, 1), D(2013, 12, 31)),
        (PD(2013, 4), D(2013, 4, 1), D(2013, 4, 30)),
        (PD(2024, 2), D(2024, 2, 1), D(2024, 2, 29)),
        (PD(2023, 2), D(2023, 2, 1), D(2023, 2, 28)),
        (PD(2013, 12), D(2013, 12, 1), D(2013, 12, 31)),
        (PD(2013, 4, 15), D(2013, 4, 15), D(2013, 4, 15)),
    ],
)
def test_first_and_last_day(pd, first, last):
    assert pd.first_day() == first
    assert pd.last_day() == last


# --- format ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pd", "seireki", "wareki", "numeric"),
    [
        (PD(2013), "2013年", "平成25年", "2013"),
        (PD(2013, 4), "2013年4月", "平成25年4月", "2013/4"),
        (PD(2013, 4, 1), "2013年4月1日", "平成25年4月1日", "2013/4/1"),
        (PD(2019, 4, 30), "2019年4月30日", "平成31年4月30日", "2019/4/30"),
        (PD(2019, 5, 1), "2019年5月1日", "令和元年5月1日", "2019/5/1"),
        (PD(2019, 5), "2019年5月", "令和元年5月", "2019/5"),
        (PD(2019, 4), "2019年4月", "平成31年4月", "2019/4"),
        (PD(2019), "2019年", "平成31年", "2019"),
        (PD(2020), "2020年", "令和2年", "2020"),
        (PD(2023, 4, 1), "2023年4月1日", "令和5年4月1日", "2023/4/1"),
        (PD(1989, 1, 7), "1989年1月7日", "昭和64年1月7日", "1989/1/7"),
        (PD(1989, 1, 8), "1989年1月8日", "平成元年1月8日", "1989/1/8"),
        (PD(1989, 1), "1989年1月", "昭和64年1月", "1989/1"),
        (PD(1989), "1989年", "昭和64年", "1989"),
        (PD(1990), "1990年", "平成2年", "1990"),
        (PD(1981, 8), "1981年8月", "昭和56年8月", "1981/8"),
        (PD(1926, 12, 25), "1926年12月25日", "昭和元年12月25日", "1926/12/25"),
        (PD(1926, 12, 24), "1926年12月24日", "大正15年12月24日", "1926/12/24"),
        (PD(1912, 7, 30), "1912年7月30日", "大正元年7月30日", "1912/7/30"),
        (PD(1912, 7, 29), "1912年7月29日", "明治45年7月29日", "1912/7/29"),
        # Before 明治 began (1868-01-25): month/year fall back to the era of
        # the span's last day, an exact day falls back to seireki.
        (PD(1868), "1868年", "明治元年", "1868"),
        (PD(1868, 1, 1), "1868年1月1日", "1868年1月1日", "1868/1/1"),
    ],
)
def test_format_styles(pd, seireki, wareki, numeric):
    assert pd.format() == seireki
    assert pd.format("seireki") == seireki
    assert pd.format("wareki") == wareki
    assert pd.format("numeric") == numeric


@pytest.mark.parametrize(
    "pd", [PD(2013), PD(2013, 4), PD(2019, 4, 30), PD(2019, 5, 1), PD(2019, 5), PD(1989, 1, 8)]
)
@pytest.mark.parametrize("style", ["seireki", "wareki", "numeric"])
def test_format_round_trips_through_parse(pd, style):
    assert PartialDate.parse(pd.format(style)) == pd


def test_format_unknown_style():
    with pytest.raises(ValueError):
        PD(2013).format("kanji")


# --- ordering ----------------------------------------------------------------


def test_sort_key():
    assert PD(2013).sort_key() == (2013, 0, 0)
    assert PD(2013, 4).sort_key() == (2013, 4, 0)
    assert PD(2013, 4, 1).sort_key() == (2013, 4, 1)


def test_ordering():
    items = [PD(2014), PD(2013, 4, 2), PD(2013, 4), PD(2013), PD(2013, 4, 1), PD(2012, 12, 31)]
    assert sorted(items) == [
        PD(2012, 12, 31),
        PD(2013),
        PD(2013, 4),
        PD(2013, 4, 1),
        PD(2013, 4, 2),
        PD(2014),
    ]
    assert PD(2013) < PD(2013, 1) <= PD(2013, 1) < PD(2013, 1, 1)
    assert PD(2014) > PD(2013, 12, 31) >= PD(2013, 12, 31)
    assert max(items) == PD(2014)


def test_ordering_with_other_types():
    assert PD(2013) != "2013"
    with pytest.raises(TypeError):
        PD(2013) < "2014"  # noqa: B015


# --- ERAS / era_of -----------------------------------------------------------


def test_eras_table():
    assert [(e.name, e.abbreviations[0], e.start) for e in ERAS] == [
        ("明治", "M", D(1868, 1, 25)),
        ("大正", "T", D(1912, 7, 30)),
        ("昭和", "S", D(1926, 12, 25)),
        ("平成", "H", D(1989, 1, 8)),
        ("令和", "R", D(2019, 5, 1)),
    ]
    name, abbreviations, start = ERAS[3]  # plain tuple unpacking works
    assert (name, start) == ("平成", D(1989, 1, 8)) and "H" in abbreviations


@pytest.mark.parametrize(
    ("d", "name"),
    [
        (D(2019, 4, 30), "平成"),
        (D(2019, 5, 1), "令和"),
        (D(1989, 1, 7), "昭和"),
        (D(1989, 1, 8), "平成"),
        (D(1868, 1, 25), "明治"),
        (D(1868, 1, 24), None),
    ],
)
def test_era_of(d, name):
    era = era_of(d)
    assert (era.name if era else None) == name


# --- Period.parse ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2010.4.1~2013.3.31", PD(2010, 4, 1), PD(2013, 3, 31)),
        ("2010.4.1～2013.3.31", PD(2010, 4, 1), PD(2013, 3, 31)),
        ("2010.4.1〜2013.3.31", PD(2010, 4, 1), PD(2013, 3, 31)),
        ("2010年4月1日 ～ 2013年3月31日", PD(2010, 4, 1), PD(2013, 3, 31)),
        ("2013年4月～", PD(2013, 4), None),
        ("2013年4月 ～ ", PD(2013, 4), None),
        ("1981/8~1995/3", PD(1981, 8), PD(1995, 3)),
        ("2010/4/1 - 2013/3/31", PD(2010, 4, 1), PD(2013, 3, 31)),
        ("2010-04-01 - 2013-03-31", PD(2010, 4, 1), PD(2013, 3, 31)),
        ("2010/4/1-2013/3/31", PD(2010, 4, 1), PD(2013, 3, 31)),
        ("2010/4/1‐2013/3/31", PD(2010, 4, 1), PD(2013, 3, 31)),
        ("2010/4/1－2013/3/31", PD(2010, 4, 1), PD(2013, 3, 31)),
        ("2010-04-2013-03", PD(2010, 4), PD(2013, 3)),
        ("2010-04-01-2013-03-31", PD(2010, 4, 1), PD(2013, 3, 31)),
        ("20100401-20130331", PD(2010, 4, 1), PD(2013, 3, 31)),
        ("2010-2013", PD(2010), PD(2013)),
        ("2013-04 -", PD(2013, 4), None),
        ("2013年4月-", PD(2013, 4), None),
        ("～2013年3月", None, PD(2013, 3)),
        ("~2013/3", None, PD(2013, 3)),
        ("2013年4月から2015年3月まで", PD(2013, 4), PD(2015, 3)),
        ("2013年4月から", PD(2013, 4), None),
        ("2013/4 to 2015/3", PD(2013, 4), PD(2015, 3)),
        ("2013/4 TO 2015/3", PD(2013, 4), PD(2015, 3)),
        ("2013年4月～現在", PD(2013, 4), None),
        ("2013年4月～現在に至る", PD(2013, 4), None),
        ("H22.4～H25.3", PD(2010, 4), PD(2013, 3)),
        ("平成22年4月～令和元年5月", PD(2010, 4), PD(2019, 5)),
        ("昭和56年8月 - 平成7年3月", PD(1981, 8), PD(1995, 3)),
        ("２０１０／４～２０１３／３", PD(2010, 4), PD(2013, 3)),
        # A single date is a one-date period, including hyphenated ISO forms.
        ("2013-04", PD(2013, 4), PD(2013, 4)),
        ("2013-04-01", PD(2013, 4, 1), PD(2013, 4, 1)),
        ("2013", PD(2013), PD(2013)),
        ("平成25年4月", PD(2013, 4), PD(2013, 4)),
        # Same-month end with coarser precision is fine.
        ("2013/4/10~2013/4", PD(2013, 4, 10), PD(2013, 4)),
        ("2013~2013/4/1", PD(2013), PD(2013, 4, 1)),
    ],
)
def test_period_parse(text, start, end):
    assert Period.parse(text) == Period(start, end)


@pytest.mark.parametrize("text", ["", "  ", "\u3000", "-", "－", "~", "～", " ～ "])
def test_period_parse_empty(text):
    assert Period.parse(text) == Period(None, None)
    assert Period.parse(text).format() == ""


@pytest.mark.parametrize(
    ("text", "message_part"),
    [
        ("2013/4/10~2013/4/5", "終了（2013年4月5日）が開始（2013年4月10日）より前です"),
        ("2013/4~2013/3", "より前です"),
        ("2013-04-10-2013-04-05", "より前です"),
        ("2013/4/10 - 2013/4/5", "より前です"),
        ("2010.4.1~2013.2.30", "2013年2月30日は存在しない日付です"),
        ("abc~2013", "日付として読めません: 'abc'"),
        ("2023-02-30", "存在しない日付"),
        ("2013 - 4", "日付として読めません"),
        ("2013 - 2014 - 2015", "日付として読めません"),
        ("abc", "日付として読めません"),
    ],
)
def test_period_parse_rejects(text, message_part):
    with pytest.raises(DateError) as excinfo:
        Period.parse(text)
    assert message_part in str(excinfo.value)


# --- Period construction / format ---------------------------------------------


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (PD(2013, 4, 10), PD(2013, 4, 5)),
        (PD(2013, 4), PD(2013, 3, 31)),
        (PD(2014), PD(2013, 12, 31)),
        (PD(2013, 4, 1), PD(2012)),
    ],
)
def test_period_end_before_start_rejected(start, end):
    with pytest.raises(DateError, match="が開始（.*）より前です"):
        Period(start, end)


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (PD(2013, 4, 10), PD(2013, 4)),
        (PD(2013, 4), PD(2013, 4, 1)),
        (PD(2013, 4), PD(2013, 4)),
        (PD(2013, 4, 1), PD(2013, 4, 1)),
        (PD(2013), PD(2013, 1, 1)),
        (PD(2013, 12, 31), PD(2013)),
        (None, PD(2013)),
        (PD(2013), None),
        (None, None),
    ],
)
def test_period_valid_bounds(start, end):
    assert Period(start, end).start == start


def test_period_rejects_non_partial_date():
    with pytest.raises(TypeError):
        Period(D(2013, 4, 1))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("period", "seireki", "wareki", "numeric"),
    [
        (
            Period(PD(2010, 4, 1), PD(2013, 3, 31)),
            "2010年4月1日～2013年3月31日",
            "平成22年4月1日～平成25年3月31日",
            "2010/4/1～2013/3/31",
        ),
        (Period(PD(2013, 4)), "2013年4月～", "平成25年4月～", "2013/4～"),
        (Period(None, PD(2013, 3)), "～2013年3月", "～平成25年3月", "～2013/3"),
        (
            Period(PD(2019, 4), PD(2019, 5)),
            "2019年4月～2019年5月",
            "平成31年4月～令和元年5月",
            "2019/4～2019/5",
        ),
        (Period(PD(2013, 4), PD(2013, 4)), "2013年4月", "平成25年4月", "2013/4"),
        (Period(), "", "", ""),
    ],
)
def test_period_format(period, seireki, wareki, numeric):
    assert period.format() == seireki
    assert period.format("wareki") == wareki
    assert period.format("numeric") == numeric
    for text in (seireki, wareki, numeric):
        assert Period.parse(text) == period


def test_period_is_open():
    assert Period(PD(2013)).is_open
    assert not Period(PD(2013), PD(2014)).is_open
    assert Period.parse("2013年4月～").is_open
    assert not Period.parse("2013年4月").is_open


def test_period_hashable():
    assert len({Period.parse("2013/4~"), Period(PD(2013, 4)), Period.parse("2013/4")}) == 2


# --- Period.days_until ---------------------------------------------------------

TODAY = D(2024, 6, 15)


@pytest.mark.parametrize(
    ("period", "expected"),
    [
        (Period(PD(2010, 4, 1), PD(2013, 3, 31)), (D(2010, 4, 1), D(2013, 3, 31))),
        (Period(PD(2010, 4), PD(2013, 3)), (D(2010, 4, 1), D(2013, 3, 31))),
        (Period(PD(2010), PD(2013)), (D(2010, 1, 1), D(2013, 12, 31))),
        (Period(PD(2020, 4)), (D(2020, 4, 1), TODAY)),
        (Period(PD(2024, 6)), (D(2024, 6, 1), TODAY)),
        (Period(PD(2024, 6, 15)), (TODAY, TODAY)),
        # End beyond today is clipped; a span containing today too.
        (Period(PD(2020, 4), PD(2025, 3)), (D(2020, 4, 1), TODAY)),
        (Period(PD(2024, 6), PD(2024, 6)), (D(2024, 6, 1), TODAY)),
        (Period(PD(2024), PD(2024)), (D(2024, 1, 1), TODAY)),
        # No start, or start after today.
        (Period(None, PD(2013, 3)), None),
        (Period(), None),
        (Period(PD(2024, 6, 16)), None),
        (Period(PD(2024, 7), PD(2025, 3)), None),
        (Period(PD(2025)), None),
    ],
)
def test_days_until(period, expected):
    assert period.days_until(TODAY) == expected


def test_today_can_be_monkeypatched(monkeypatch):
    assert dates.today() == D.today()
    monkeypatch.setattr(dates, "today", lambda: D(2020, 1, 1))
    assert Period(PD(2019, 4)).days_until(dates.today()) == (D(2019, 4, 1), D(2020, 1, 1))


# --- fiscal year -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("d", "fy"),
    [
        (D(2013, 4, 1), 2013),
        (D(2014, 3, 31), 2013),
        (D(2013, 3, 31), 2012),
        (D(2013, 12, 31), 2013),
        (D(2014, 1, 1), 2013),
        (D(2019, 5, 1), 2019),
    ],
)
def test_fiscal_year(d, fy):
    assert fiscal_year(d) == fy


@pytest.mark.parametrize(
    ("year", "seireki", "wareki", "numeric"),
    [
        (2013, "2013年度", "平成25年度", "2013"),
        (2019, "2019年度", "平成31年度", "2019"),
        (2020, "2020年度", "令和2年度", "2020"),
        (1989, "1989年度", "平成元年度", "1989"),
        (1988, "1988年度", "昭和63年度", "1988"),
        (1926, "1926年度", "大正15年度", "1926"),
        (1867, "1867年度", "1867年度", "1867"),
    ],
)
def test_format_fiscal_year(year, seireki, wareki, numeric):
    assert format_fiscal_year(year) == seireki
    assert format_fiscal_year(year, "wareki") == wareki
    assert format_fiscal_year(year, "numeric") == numeric


def test_format_fiscal_year_unknown_style():
    with pytest.raises(ValueError):
        format_fiscal_year(2013, "kanji")
