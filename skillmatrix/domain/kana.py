"""Sorting by ふりがな the way a Japanese reader expects.

Raw code points put every katakana reading (カ U+30AB) after every hiragana one (か U+304B),
and half-width ｶ (U+FF76) after both. The key folds width (NFKC: ｶ → カ, Ａ → A), katakana
to hiragana, case, and ignores spaces, so that 「フジサワ」, 「ふじさわ」 and 「ﾌｼﾞｻﾜ」 sort
together. The staff list's ふりがな sort (window), `skillmatrix list --sort kana` and the
reports' `--sort kana` all use staff_sort_key, so they agree.
"""

from __future__ import annotations

import unicodedata

_KATAKANA_TO_HIRAGANA = {code: code - 0x60 for code in range(0x30A1, 0x30F7)} | {
    0x30FD: 0x309D,
    0x30FE: 0x309E,
}


def kana_key(text: str) -> str:
    """Returns text folded for sorting: NFKC width, katakana → hiragana, casefold, no spaces."""
    folded = unicodedata.normalize("NFKC", text).translate(_KATAKANA_TO_HIRAGANA).casefold()
    return "".join(folded.split())


def staff_sort_key(kana: str, name: str, staff_id: str = "") -> tuple[str, str, str, str]:
    """The ふりがな order of a person: the folded reading (the name when there is none),
    then the folded name, then the raw name and id so that the order is total."""
    return kana_key(kana or name), kana_key(name), name, staff_id
