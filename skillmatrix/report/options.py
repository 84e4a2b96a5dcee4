"""What the user chooses at print time: sections, entry kinds, masking, era, marks, font.

The same :class:`PrintOptions` serves the command line (``print --sections …``) and the
print dialog of the window, so both offer exactly the same choices.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from skillmatrix.domain.model import KIND_LABELS, KINDS
from skillmatrix.report import messages

# The résumé's parts in the seed's order; the title line is always printed.
SECTIONS = ("profile", "qualifications", "assignments", "projects", "grid", "chart")
SECTION_LABELS = {
    "profile": "経験年数・職名・氏名",
    "qualifications": "資格等",
    "assignments": "担当履歴",
    "projects": "プロジェクト",
    "grid": "スキル実績等一覧",
    "chart": "レーダーチャート",
}
SIZES = ("standard", "large")
MAX_STAMPS = 4
MAX_STAMP_LABEL = 6  # characters: a box is 18 mm wide
# The radar chart is not in the seed's form: printed only when asked for.
DEFAULT_SECTIONS = frozenset(SECTIONS) - {"chart"}
ERAS = ("seireki", "wareki")
ERA_LABELS = {"seireki": "西暦", "wareki": "和暦"}


@dataclass(frozen=True)
class PrintOptions:
    """The choices of one print job.

    Attributes:
        sections: the parts to print (keys of SECTIONS); order does not matter.
        kinds: the entry kinds whose entries appear in the grid (keys of KINDS).
        masked: print initials instead of names (for sharing outside the department).
        era: 'seireki' (2013年4月) or 'wareki' (平成25年4月) for every date printed.
        confidential: print the 「取扱注意」 mark on every page.
        font_path: another TrueType font; None for the shipped IPAexGothic.
        print_date: the date in the footer and the day 経験年数 is counted to
            (None: today).
        title: the PDF's document title (metadata); build_resumes() makes it
            「スキル履歴書 氏名」 for one named person.
        size: 'standard' or 'large' (entries 10.5 pt, level texts 9 pt).
        duplex: pad each résumé to an even page count (両面印刷).
        stamps: the labels of the approval boxes (確認印) at the top right, at most 4.
        fallback_font: the 外字 font tried after the main font (None: IPAmj明朝 where
            installed).
        title: the PDF's document title (metadata).
        targets: per person the target level per category, drawn over the radar chart
            of the optional section 'chart'.
    """

    sections: frozenset[str] = DEFAULT_SECTIONS
    kinds: frozenset[str] = frozenset(KINDS)
    masked: bool = False
    era: str = "seireki"
    confidential: bool = False
    font_path: Path | None = None
    print_date: date | None = None
    title: str = "スキル履歴書"
    size: str = "standard"
    duplex: bool = False
    stamps: tuple[str, ...] = ()
    fallback_font: Path | None = None
    # staff id -> category id -> target level, for the chart section's 求める人材像.
    targets: Mapping[str, Mapping[str, int]] = field(default_factory=dict, compare=False, hash=False)

    def __post_init__(self) -> None:
        if self.size not in SIZES:
            raise ValueError(f"unknown size: {self.size!r}")
        if len(self.stamps) > MAX_STAMPS:
            raise ValueError(f"at most {MAX_STAMPS} stamps")
        if unknown := set(self.sections) - set(SECTIONS):
            raise ValueError(f"unknown sections: {sorted(unknown)}")
        if unknown := set(self.kinds) - set(KINDS):
            raise ValueError(f"unknown kinds: {sorted(unknown)}")
        if self.era not in ERAS:
            raise ValueError(f"unknown era: {self.era!r}")

    def day(self) -> date:
        """Returns the print date (today unless fixed)."""
        return self.print_date or date.today()


def _choices(values: list[str], labels: dict[str, str], what: str) -> frozenset[str]:
    """Turns keys or Japanese labels (comma- or 、-separated) into a set of keys."""
    by_label = {v: k for k, v in labels.items()} | {k: k for k in labels}
    chosen = set()
    for value in values:
        for part in value.replace("、", ",").replace("，", ",").split(","):
            part = part.strip()
            if not part:
                continue
            if part not in by_label:
                allowed = "、".join(f"{k}（{v}）" for k, v in labels.items())
                raise ValueError(messages.NO_SUCH_CHOICE.format(what=what, part=part, allowed=allowed))
            chosen.add(by_label[part])
    if not chosen:
        raise ValueError(messages.CHOOSE_AT_LEAST_ONE.format(what=what))
    return frozenset(chosen)


def parse_sections(values: list[str]) -> frozenset[str]:
    """Parses section names: keys ('grid') or labels ('スキル実績等一覧'), comma-separated.

    Raises:
        ValueError: an unknown name (Japanese message).
    """
    return _choices(values, SECTION_LABELS, "印刷する項目")


def parse_kinds(values: list[str]) -> frozenset[str]:
    """Parses entry kinds: keys ('training') or labels ('研修'), comma-separated.

    Raises:
        ValueError: an unknown kind (Japanese message).
    """
    return _choices(values, KIND_LABELS, "実績の種別")


def parse_stamps(value: str) -> tuple[str, ...]:
    """Parses approval box labels: 「本人,所属長」 (comma or 、 separated), at most 4,
    each at most 6 characters.

    Raises:
        ValueError: too many or too long labels (Japanese message).
    """
    labels = tuple(p.strip() for p in value.replace("、", ",").replace("，", ",").split(",") if p.strip())
    if len(labels) > MAX_STAMPS:
        raise ValueError(messages.TOO_MANY_STAMPS.format(max_stamps=MAX_STAMPS, count=len(labels)))
    for label in labels:
        if len(label) > MAX_STAMP_LABEL:
            raise ValueError(
                messages.STAMP_LABEL_TOO_LONG.format(max_stamp_label=MAX_STAMP_LABEL, label=label)
            )
    return labels


# First Latin letter of each kana in Hepburn romanisation (し shi, ち chi, つ tsu, ふ fu,
# じ/ぢ ji, づ zu): enough for initials, which is all masking needs.
_ROWS = {
    "あ": "A",
    "い": "I",
    "う": "U",
    "え": "E",
    "お": "O",
    "ゔ": "V",
    "かきくけこ": "K",
    "がぎぐげご": "G",
    "さすせそ": "S",
    "し": "S",
    "ざずぜぞ": "Z",
    "じぢ": "J",
    "たてと": "T",
    "ち": "C",
    "つ": "T",
    "だでど": "D",
    "づ": "Z",
    "なにぬねの": "N",
    "はひへほ": "H",
    "ふ": "F",
    "ばびぶべぼ": "B",
    "ぱぴぷぺぽ": "P",
    "まみむめも": "M",
    "やゆよ": "Y",
    "らりるれろ": "R",
    "わゐゑ": "W",
    "を": "O",
    "ん": "N",
    "ぁ": "A",
    "ぃ": "I",
    "ぅ": "U",
    "ぇ": "E",
    "ぉ": "O",
}
_KANA_INITIAL = {kana: letter for group, letter in _ROWS.items() for kana in group}


def _kana_initial(part: str) -> str | None:
    part = unicodedata.normalize("NFKC", part)
    for ch in part:
        if "ァ" <= ch <= "ヶ":  # katakana -> hiragana (same layout, 0x60 apart)
            ch = chr(ord(ch) - 0x60)
        if ch in _KANA_INITIAL:
            return _KANA_INITIAL[ch]
        if ch.isascii() and ch.isalpha():
            return ch.upper()
    return None


def initials(name: str, kana: str = "") -> str:
    """Returns the initials a masked print shows instead of a name.

    The reading is used where there is one ('ふじさわ はなこ' -> 'F.H.'); otherwise the
    first character of each part of the name ('藤沢 花子' -> '藤.花.').

    Args:
        name: the name as written, family and given name separated by a space.
        kana: the reading (hiragana, katakana or Latin letters), parts separated likewise.
    """
    parts = kana.split()
    letters = [_kana_initial(p) for p in parts]
    if parts and all(letters):
        return "".join(f"{letter}." for letter in letters)
    parts = name.split()
    return "".join(f"{p[0]}." for p in parts) or "－"
