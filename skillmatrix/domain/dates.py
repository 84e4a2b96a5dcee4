"""Partial dates, periods and Japanese eras (和暦) for skill résumés.

Résumé entries are rarely known to the day: staff write 「平成25年4月」 or
「2013」 as often as a full date, so :class:`PartialDate` keeps the precision
the user actually gave instead of inventing a day. :class:`Period` pairs two
of them and allows an open end (「2013年4月～」, i.e. up to the present).
"""

from __future__ import annotations

import calendar
import datetime
import functools
import re
import unicodedata
from dataclasses import dataclass
from typing import NamedTuple

from skillmatrix.domain import messages

__all__ = [
    "DateError",
    "Era",
    "ERAS",
    "PartialDate",
    "Period",
    "era_of",
    "fiscal_year",
    "format_fiscal_year",
    "today",
]

MIN_YEAR = 1868  # Nothing on a staff résumé predates 明治; bounds catch typos.
MAX_YEAR = 2200
STYLES = ("seireki", "wareki", "numeric")


class DateError(ValueError):
    """A date or period text/value is invalid; the message (Japanese) says why."""


class Era(NamedTuple):
    """A Japanese era: its name, accepted abbreviations and first day."""

    name: str
    abbreviations: tuple[str, ...]
    start: datetime.date


# 明治 starts 1868-01-25 (Gregorian for 慶応4年1月1日) because the era was
# proclaimed on 1868-10-23 but applied retroactively to the whole year. Dates
# before 1873 were lunisolar anyway, so 明治1-5 mappings are approximate; that
# cannot matter for IT staff records.
ERAS: list[Era] = [
    Era("明治", ("M", "㍾"), datetime.date(1868, 1, 25)),
    Era("大正", ("T", "㍽"), datetime.date(1912, 7, 30)),
    Era("昭和", ("S", "㍼"), datetime.date(1926, 12, 25)),
    Era("平成", ("H", "㍻"), datetime.date(1989, 1, 8)),
    Era("令和", ("R", "㋿"), datetime.date(2019, 5, 1)),
]
_ERA_BY_KEY = {e.name: e for e in ERAS} | {a.upper(): e for e in ERAS for a in e.abbreviations}

# Dash look-alikes people (and IMEs) produce; all mean the ASCII hyphen here:
# hyphen, non-breaking hyphen, figure/en/em dash, horizontal bar, minus, chōonpu.
# The wave dash 〜 (U+301C) survives NFKC, unlike full-width ～, so map it too.
_DASHES = str.maketrans(
    {c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u30fc"} | {"\u301c": "~"}
)

# Year, then optional month and day, separated by 年/月/日 or - / . (mixing is
# tolerated: offices write 「2013年4.1」 too). Normalised input is ASCII digits.
_TAIL = (
    r"(?:\s*(?:年|[-/.])\s*(?P<m>\d{1,2})"
    r"(?:\s*(?:月|[-/.])\s*(?P<d>\d{1,2})\s*日?|\s*月)?|\s*年)?"
)
_WESTERN = re.compile(r"(?P<y>\d{4})" + _TAIL, re.ASCII)
_COMPACT = re.compile(r"(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})?", re.ASCII)
_ERA = re.compile(
    r"(?P<era>明治|大正|昭和|平成|令和|[MTSHR])\s*(?P<y>\d{1,3}|元)" + _TAIL, re.ASCII | re.IGNORECASE
)
_ISO = re.compile(r"(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2}))?)?", re.ASCII)
_RANGE_SEP = re.compile(r"~|から|(?:^|\s)to(?:\s|$)", re.IGNORECASE)
# Words meaning "still ongoing" on the end side of a period.
_OPEN_WORDS = {"現在", "現在に至る", "継続中", "在職中", "present", "now"}


def _normalize(text: str) -> str:
    # NFKC folds full-width digits/separators and the era ligatures (㍻ -> 平成).
    return unicodedata.normalize("NFKC", text).translate(_DASHES).strip()


def _era_end(era: Era) -> datetime.date | None:
    i = ERAS.index(era)
    return ERAS[i + 1].start - datetime.timedelta(days=1) if i + 1 < len(ERAS) else None


def era_of(d: datetime.date) -> Era | None:
    """Returns the era containing ``d``, or None before 明治."""
    for era in reversed(ERAS):
        if d >= era.start:
            return era
    return None


def _jp(d: datetime.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def _era_year(era: Era, n: int) -> str:
    return f"{era.name}{'元' if n == 1 else n}年"


def _check_fields(year: int, month: int | None, day: int | None, label: str) -> None:
    """Validates calendar fields; ``label`` is how the year appears in messages."""
    if month is not None and not 1 <= month <= 12:
        raise DateError(messages.NO_SUCH_MONTH.format(label=label, month=month))
    if day is not None:
        if month is None:
            raise DateError(messages.DAY_WITHOUT_MONTH.format(label=label, day=day))
        if not 1 <= day <= calendar.monthrange(year, month)[1]:
            raise DateError(messages.NO_SUCH_DAY.format(label=label, month=month, day=day))


@functools.total_ordering
@dataclass(frozen=True)
class PartialDate:
    """A date known to year, month or day precision.

    Attributes:
        year: Western (Gregorian) year, 1868..2200.
        month: 1..12, or None for year precision.
        day: Day of month, or None; requires ``month``.
    """

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        for name in ("year", "month", "day"):
            v = getattr(self, name)
            if v is not None and (not isinstance(v, int) or isinstance(v, bool)):
                raise TypeError(f"PartialDate.{name} must be int, got {v!r}")
        if not MIN_YEAR <= self.year <= MAX_YEAR:
            raise DateError(
                messages.YEAR_OUT_OF_RANGE.format(min_year=MIN_YEAR, max_year=MAX_YEAR, year=self.year)
            )
        _check_fields(self.year, self.month, self.day, f"{self.year}年")

    @property
    def precision(self) -> str:
        """'year', 'month' or 'day'."""
        return "year" if self.month is None else "month" if self.day is None else "day"

    @classmethod
    def from_date(cls, d: datetime.date) -> PartialDate:
        """Returns a day-precision PartialDate for ``d``."""
        return cls(d.year, d.month, d.day)

    @classmethod
    def from_iso(cls, text: object) -> PartialDate:
        """Strictly parses 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD' (the storage form).

        Raises:
            DateError: On anything else, or an impossible date.
        """
        m = _ISO.fullmatch(text) if isinstance(text, str) else None
        if not m:
            raise DateError(messages.NOT_ISO_DATE.format(text=text))
        return cls(int(m["y"]), *(int(v) if v else None for v in m.group("m", "d")))

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Leniently parses a date as typed in Japanese offices.

        Accepts western forms (2013, 2013年4月1日, 2013/4, 2013.4.1, 2013-04-01,
        20130401), era forms (平成25年4月, H25.4.1, R05.04.01, 令和元年5月, ㍻25年),
        full-width characters and surrounding spaces.

        Raises:
            DateError: If empty, unreadable, impossible, or outside the era.
        """
        s = _normalize(text)
        if not s:
            raise DateError(messages.DATE_EMPTY)
        m = _COMPACT.fullmatch(s) or _WESTERN.fullmatch(s)
        if m:
            return cls(int(m["y"]), *(int(v) if v else None for v in m.group("m", "d")))
        m = _ERA.fullmatch(s)
        if not m:
            raise DateError(messages.DATE_UNREADABLE.format(text=text))
        return cls._from_era(_ERA_BY_KEY[m["era"].upper()], m["y"], m["m"], m["d"])

    @classmethod
    def _from_era(cls, era: Era, y: str, mo: str | None, d: str | None) -> PartialDate:
        n = 1 if y == "元" else int(y)
        if n == 0:
            raise DateError(messages.ERA_YEAR_ZERO.format(era_name=era.name))
        end = _era_end(era)
        if end and n > end.year - era.start.year + 1:
            raise DateError(
                messages.ERA_ENDS_IN_YEAR.format(
                    era_name=era.name, last_year=end.year - era.start.year + 1, n=n
                )
            )
        month, day = (int(mo) if mo else None), (int(d) if d else None)
        label = _era_year(era, n)
        _check_fields(era.start.year + n - 1, month, day, label)  # era-named message
        pd = cls(era.start.year + n - 1, month, day)
        # Accept when any day of the span lies in the era: 平成31年4月 is fine,
        # 平成31年5月 is not (平成 ended 2019-04-30).
        text = label + (f"{month}月" if month else "") + (f"{day}日" if day else "")
        if pd.last_day() < era.start:
            raise DateError(messages.ERA_STARTS_ON.format(era_name=era.name, jp=_jp(era.start), text=text))
        if end and pd.first_day() > end:
            raise DateError(messages.ERA_ENDS_ON.format(era_name=era.name, jp=_jp(end), text=text))
        return pd

    def iso(self) -> str:
        """Returns 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'."""
        parts = [f"{self.year:04d}"] + [f"{v:02d}" for v in (self.month, self.day) if v]
        return "-".join(parts)

    def first_day(self) -> datetime.date:
        """Returns the first day of the span this date covers."""
        return datetime.date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> datetime.date:
        """Returns the last day of the span this date covers."""
        month = self.month or 12
        return datetime.date(self.year, month, self.day or calendar.monthrange(self.year, month)[1])

    def format(self, style: str = "seireki") -> str:
        """Formats for display.

        Args:
            style: 'seireki' (2013年4月1日), 'wareki' (平成25年4月1日) or
                'numeric' (2013/4/1). For year/month precision the era is the
                one of the span's first day (2019 -> 平成31年, 2019-05 -> 令和元年5月);
                dates before 明治 fall back to seireki.
        """
        if style == "numeric":
            return "/".join(str(v) for v in (self.year, self.month, self.day) if v)
        if style not in STYLES:
            raise ValueError(f"unknown date style: {style!r}")
        tail = (f"{self.month}月" if self.month else "") + (f"{self.day}日" if self.day else "")
        era = era_of(self.first_day()) or era_of(self.last_day())
        if style == "seireki" or era is None:
            return f"{self.year}年{tail}"
        return _era_year(era, self.year - era.start.year + 1) + tail

    def sort_key(self) -> tuple[int, int, int]:
        """Returns (year, month or 0, day or 0); coarser dates sort first."""
        return (self.year, self.month or 0, self.day or 0)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self.sort_key() < other.sort_key()

    def __str__(self) -> str:
        return self.iso()


@dataclass(frozen=True)
class Period:
    """A span between two partial dates; either side may be missing.

    Attributes:
        start: First date, or None if unknown.
        end: Last date, or None for an open end (continuing to the present).
    """

    start: PartialDate | None = None
    end: PartialDate | None = None

    def __post_init__(self) -> None:
        for v in (self.start, self.end):
            if v is not None and not isinstance(v, PartialDate):
                raise TypeError(f"Period bounds must be PartialDate or None, got {v!r}")
        # Compare spans, not points, so 2013-04-10～2013-04 (same month) is valid.
        if self.start and self.end and self.end.last_day() < self.start.first_day():
            raise DateError(
                messages.PERIOD_END_BEFORE_START.format(end=self.end.format(), start=self.start.format())
            )

    @property
    def is_open(self) -> bool:
        """True when there is no end date (ongoing)."""
        return self.end is None

    @classmethod
    def parse(cls, text: str) -> Period:
        """Parses '2010.4.1~2013.3.31', '2013年4月～', '～2013年3月', '2010/4/1 - 2013/3/31'.

        Separators are ~ ～ 〜 から ' to ' and hyphens. A hyphen separates only
        when it has spaces around it or when both sides parse ('2013-04' alone
        is one date). A single date means Period(date, date); a missing side
        is None; '' or a lone separator ('-' is the office
        spreadsheet "none") gives Period(None, None).

        Raises:
            DateError: If a side cannot be parsed or the end precedes the start.
        """
        s = _normalize(text)
        if not s:
            return cls()
        m = _RANGE_SEP.search(s)
        if m:
            return cls(*cls._parse_sides(s[: m.start()], s[m.end() :]))
        hyphens = [i for i, c in enumerate(s) if c == "-"]
        spaced = [
            i for i in hyphens if (i == 0 or s[i - 1].isspace()) and (i == len(s) - 1 or s[i + 1].isspace())
        ]
        if len(spaced) == 1:
            return cls(*cls._parse_sides(s[: spaced[0]], s[spaced[0] + 1 :]))
        try:
            d = PartialDate.parse(s)
            return cls(d, d)
        except DateError as err:
            single_error = err
        found = []
        for i in hyphens:
            try:
                found.append(cls._parse_sides(s[:i], s[i + 1 :]))
            except DateError:
                continue
        if len(found) > 1:
            raise DateError(messages.PERIOD_SEPARATOR_AMBIGUOUS.format(text=text))
        if found and any(found[0]):
            return cls(*found[0])
        raise single_error

    @staticmethod
    def _parse_sides(left: str, right: str) -> tuple[PartialDate | None, PartialDate | None]:
        left, right = left.strip(), right.strip().removesuffix("まで").strip()
        end = None if not right or right.lower() in _OPEN_WORDS else PartialDate.parse(right)
        return (PartialDate.parse(left) if left else None), end

    def format(self, style: str = "seireki") -> str:
        """Formats as '2010年4月1日～2013年3月31日', '2013年4月～' or ''.

        A one-date period (start == end) is shown as just that date.
        """
        if self.start is None and self.end is None:
            return ""
        if self.start is not None and self.start == self.end:
            return self.start.format(style)
        return "～".join(d.format(style) if d else "" for d in (self.start, self.end))

    def days_until(self, today: datetime.date) -> tuple[datetime.date, datetime.date] | None:
        """Returns the concrete [first, last] days covered up to ``today``.

        An open end runs to ``today`` and a later end is clipped to it. Returns
        None when there is no start or the period starts after ``today``.
        """
        if self.start is None or self.start.first_day() > today:
            return None
        last = self.end.last_day() if self.end else today
        return self.start.first_day(), min(last, today)


def today() -> datetime.date:
    """Returns today's date; a seam for tests to monkeypatch."""
    return datetime.date.today()


def fiscal_year(d: datetime.date) -> int:
    """Returns the 年度 (April–March) containing ``d``: 2014-03-31 -> 2013."""
    return d.year if d.month >= 4 else d.year - 1


def format_fiscal_year(year: int, style: str = "seireki") -> str:
    """Formats a 年度: '2013年度', '平成25年度' or numeric '2013'.

    The era is that of April 1, so 2019 is 平成31年度 (令和 began on May 1).
    """
    if style == "numeric":
        return str(year)
    if style not in STYLES:
        raise ValueError(f"unknown date style: {style!r}")
    era = era_of(datetime.date(year, 4, 1))
    if style == "seireki" or era is None:
        return f"{year}年度"
    return f"{_era_year(era, year - era.start.year + 1)}度"
