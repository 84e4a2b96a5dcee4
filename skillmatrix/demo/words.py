"""Word lists for generated demo people, read from resources/demo_words.json.

The JSON holds the plain data: FAMILY and GIVEN names as (kanji, kana) — 髙 (U+9AD9),
﨑 (U+FA11, a compatibility ideograph NFC keeps) and 德 (U+5FB7) are the variants real
rosters carry; 塚 is the ordinary U+585A, since NFC folds U+FA10 to it —, SECTIONS,
TITLE_BANDS (up to how many years, the titles drawn from), POSTS (担当名 and the 主担当業務
picked from), PROJECTS, QUALIFICATIONS (name, first year offered, years valid or null), and
POOLS: per category in CATEGORY_NAMES order, (kind, lowest level, highest level, texts).
Lists become tuples so the data cannot be changed by accident.
"""

import json
from itertools import accumulate

from skillmatrix.paths import resources_dir


def _frozen(value):
    return tuple(_frozen(v) for v in value) if isinstance(value, list) else value


_DATA = {
    k: _frozen(v)
    for k, v in json.loads((resources_dir() / "demo_words.json").read_text(encoding="utf-8")).items()
}

FAMILY = _DATA["FAMILY"]
GIVEN = _DATA["GIVEN"]
SECTIONS = _DATA["SECTIONS"]
TITLE_BANDS = _DATA["TITLE_BANDS"]
POSTS = _DATA["POSTS"]
PROJECTS = _DATA["PROJECTS"]
QUALIFICATIONS = _DATA["QUALIFICATIONS"]
POOLS = _DATA["POOLS"]
MANAGERS = frozenset(("課長", "担当課長", "参事"))
# How common each of QUALIFICATIONS is, as cumulative weights for bisect.
QUAL_CUM = tuple(accumulate((6, 6, 4, 2, 2, 1, 1, 1, 1, 3, 1, 1, 1, 1, 1, 2)))
T, W, R, O = "training", "work", "role", "other"
