"""Cells as the user sees them: date formats decide a date's precision; serials in a date
format (1900 and 1904 systems) are dates; numbers and text stay as shown."""

import datetime

import pytest

from skillmatrix.domain.dates import PartialDate
from skillmatrix.exchange.excel.labels import level_of, parse_period
from skillmatrix.exchange.excel.workbook import display


@pytest.mark.parametrize(
    "value, fmt, text, date",
    [
        (datetime.datetime(2010, 4, 1), "yyyy/m/d", "2010/4/1", PartialDate(2010, 4, 1)),
        (datetime.datetime(2013, 4, 1), "yyyy/m", "2013/4", PartialDate(2013, 4)),
        (datetime.datetime(2013, 4, 1), '[$-411]ggge"年"m"月"', "2013/4", PartialDate(2013, 4)),
        (datetime.datetime(2013, 4, 1), 'yyyy"年"', "2013", PartialDate(2013)),
        # a serial left as a number by the reader, in a 和暦 format: 1981-08-01 in the 1900 system
        (29799, '[$-ja-JP-x-gannen]ggge"年"m"月"', "1981/8", PartialDate(1981, 8)),
        (29799.0, "General", "29799", None),
        (2010.4, "General", "2010.4", None),
        ("0123", "@", "0123", None),
        ("  ", "General", None, None),
    ],
)
def test_display(value, fmt, text, date):
    shown = display(value, fmt)
    assert (shown.text if shown else None) == text
    assert (shown.date if shown else None) == date


def test_1904_date_system():
    assert display(0 + 28337, "yyyy/m/d", date1904=True).date == PartialDate(1981, 8, 1)


@pytest.mark.parametrize(
    "text, level",
    [
        ("0", 0),
        ("レベル0", 0),
        ("０ 情報技術に初めて携わる。", 0),
        ("Lv.3", 3),
        ("レベル 7", 7),
        ("10", None),
        ("基礎", None),
    ],
)
def test_level_labels(text, level):
    assert level_of(text) == level


@pytest.mark.parametrize(
    "cells, two, start, end",
    [
        ([("1981/8~1995/3", None)], False, PartialDate(1981, 8), PartialDate(1995, 3)),
        (
            [("２０１０．４．１～２０１３．３．３１", None)],
            False,
            PartialDate(2010, 4, 1),
            PartialDate(2013, 3, 31),
        ),
        ([("H25.4～", None)], False, PartialDate(2013, 4), None),
        ([("S56.8 – H7.3", None)], False, PartialDate(1981, 8), PartialDate(1995, 3)),
        ([("2013年4月〜", None)], False, PartialDate(2013, 4), None),
        ([("2002.4-2004.5", None)], False, PartialDate(2002, 4), PartialDate(2004, 5)),
        ([("2013/4/1", PartialDate(2013, 4, 1)), ("～", None)], True, PartialDate(2013, 4, 1), None),
        ([("2010.4", None), ("2013.3", None)], True, PartialDate(2010, 4), PartialDate(2013, 3)),
        ([("平成25年4月", None)], True, PartialDate(2013, 4), None),
    ],
)
def test_periods_in_one_or_two_cells(cells, two, start, end):
    period = parse_period(cells, two)
    assert (period.start, period.end) == (start, end)
