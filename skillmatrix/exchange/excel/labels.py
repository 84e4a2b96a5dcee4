"""Folding and recognising the labels of a hand-made スキル履歴書 sheet.

Labels are compared after NFKC (full-width letters and digits, ＩＴ → IT), with every
space removed and letters upper-cased, so 「I T 推進課」, 「ＩＴスキル一般」 and
「ITスキル 一般」 all read the same.
"""

from __future__ import annotations

import re
import unicodedata

from skillmatrix.domain.dates import PartialDate, Period

TITLE = "スキル履歴書"
META_SHEET = "_skillmatrix"  # the hidden sheet of a self-report form
NONE_WORDS = {"", "-", "--", "---", "ー", "－", "―", "なし", "無し", "特になし", "該当なし", "N/A", "NA"}
SEPARATORS = {"~", "～", "〜", "-", "–", "—", "から"}
_SPACE = re.compile(r"\s+")
_LEVEL = re.compile(r"^(?:レベル|LEVEL|LV\.?)?([0-7])(?![0-9])")
_YEARS = re.compile(r"^(\d{1,2})年?(以上)?")

# Label -> what it names. Anything folded to one of these keys is a label, never a value.
LABELS = {
    "職名": "title",
    "氏名": "name",
    "ふりがな": "kana",
    "フリガナ": "kana",
    "所属": "section",
    "資格等": "qualifications",
    "資格": "qualifications",
    "資格・免許": "qualifications",
    "担当履歴": "assignments_label",
    "プロジェクト": "projects_label",
    "プロジェクト履歴": "projects_label",
    "期間": "period",
    "開始": "period",
    "終了": "period",
    "自": "period",
    "至": "period",
    "担当名": "assignment_name",
    "主担当業務": "duties",
    "プロジェクト名": "project_name",
    "スキル実績等一覧": "grid_label",
    "レベル": "level",
    "名称": "qualification_header",
    "資格名": "qualification_header",
    "取得": "qualification_header",
    "取得年月": "qualification_header",
    "取得日": "qualification_header",
    "有効期限": "qualification_header",
}


def fold(text: str) -> str:
    """NFKC, no spaces, upper case: the form labels are compared in."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", text)).upper()


def label_of(text: str) -> str | None:
    """What a label cell names ('name', 'period', …), or None when it is not a label."""
    folded = fold(text).rstrip(":：")
    if folded.startswith("種別"):
        return "kind"
    return LABELS.get(folded)


def split_label(text: str, label: str) -> str | None:
    """The value written in the label's own cell (「氏名：藤沢 花子」 → 「藤沢 花子」), else None."""
    folded = unicodedata.normalize("NFKC", text).strip()
    if not fold(folded).startswith(label):
        return None
    rest = folded
    for ch in label:  # drop the label's characters, spaces between them allowed
        rest = rest.lstrip()[1:] if rest.lstrip().startswith(ch) else rest
    rest = rest.strip().lstrip(":：").strip()
    return rest or None


def section_of_title(text: str) -> str | None:
    """「IT推進課 スキル履歴書」 → 「IT推進課」; '' for a bare title; None when not a title."""
    flat = _SPACE.sub("", unicodedata.normalize("NFKC", text))
    if not flat.endswith(TITLE):
        return None
    return flat.removesuffix(TITLE).strip("　 ・-")


def level_of(text: str) -> int | None:
    """0..7 for 「0」, 「レベル0」, 「０ 情報技術に…」, 「Lv.3」; None otherwise."""
    m = _LEVEL.match(fold(text))
    return int(m.group(1)) if m else None


def years_of(text: str) -> tuple[int, bool] | None:
    """(years, 以上) for 「20年以上」, 「3年」, 「3」; None when not a number of years."""
    m = _YEARS.match(fold(text))
    return (int(m.group(1)), bool(m.group(2))) if m else None


def is_separator(text: str) -> bool:
    """True for a cell holding only a period separator (～ between two date cells)."""
    return text.strip() in SEPARATORS


def is_none(text: str) -> bool:
    """True for the ways sheets write "none" (「--」, 「なし」)."""
    return unicodedata.normalize("NFKC", text).strip() in NONE_WORDS


def parse_side(text: str, value: PartialDate | None) -> PartialDate | None:
    """One side of a period written in a cell of its own (a date cell or text)."""
    if value is not None:
        return value
    s = text.strip().removesuffix("まで").strip()
    if not s or is_none(s) or s in ("現在", "現在に至る", "継続中", "在職中"):
        return None
    return PartialDate.parse(s)


def parse_period(cells: list[tuple[str, PartialDate | None]], two_columns: bool) -> Period:
    """A period from its cells (text, date-cell value), without the separator cells.

    Raises:
        DateError: a side cannot be read.
    """
    cells = [(t, d) for t, d in cells if not is_separator(t)]
    if not cells:
        return Period()
    if len(cells) >= 2:
        return Period(parse_side(*cells[0]), parse_side(*cells[1]))
    text, value = cells[0]
    if value is not None:
        return Period(value, None) if two_columns else Period(value, value)
    period = Period.parse(text)
    if two_columns and period.start is not None and period.start == period.end and not _has_separator(text):
        return Period(period.start, None)  # the end cell is empty: still going on
    return period


def _has_separator(text: str) -> bool:
    return any(sep in text for sep in SEPARATORS)
