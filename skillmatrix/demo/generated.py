"""Demo data, part two: generated people (the seed résumés are in seed.py).

generated_staff() makes as many realistic, fictional people as a demo or a benchmark
needs, from the word lists of words.py. One ``random.Random(seed)`` drives it, never
the global random generator or the clock, so the same call always returns the same people,
ids included. seed_staff() is re-exported from seed.py.
"""

from __future__ import annotations

import gc
import random
from bisect import bisect
from itertools import accumulate
from operator import itemgetter

from skillmatrix.demo import words
from skillmatrix.demo.seed import (  # noqa: F401  (seed_staff and the ids are re-exported)
    CATEGORY_NAMES,
    REFERENCE_YEAR,
    SEED_STAFFER_ID,
    SEED_VETERAN_ID,
    _category_ids,
    seed_staff,
)
from skillmatrix.domain.dates import PartialDate, Period
from skillmatrix.domain.model import (
    LEVEL_COUNT,
    Assignment,
    Category,
    Entry,
    Project,
    Qualification,
    Staff,
)

# ---------------------------------------------------------------------------------------
# Generated people
# ---------------------------------------------------------------------------------------

_T, _W, _R, _O = "training", "work", "role", "other"

# How likely each kind is at each level: training dominates the low levels, work the
# middle and 講師・委員 the top.
_KIND_WEIGHTS = {
    0: {_T: 90, _W: 5, _R: 0, _O: 5},
    1: {_T: 80, _W: 15, _R: 0, _O: 5},
    2: {_T: 65, _W: 30, _R: 2, _O: 3},
    3: {_T: 45, _W: 48, _R: 4, _O: 3},
    4: {_T: 25, _W: 55, _R: 17, _O: 3},
    5: {_T: 12, _W: 50, _R: 35, _O: 3},
    6: {_T: 5, _W: 35, _R: 60, _O: 0},
    7: {_T: 0, _W: 30, _R: 70, _O: 0},
}
_LEVEL_WEIGHTS = (22, 26, 20, 14, 9, 5, 3, 1)


def _build_table() -> tuple[tuple[tuple[tuple[str, str], ...], ...], ...]:
    """Returns table[category][level]: (kind, text) slots to draw from uniformly.

    Each kind gets a share of the slots in proportion to its weight at that level, and
    each text an equal part of its kind's share, so one uniform draw picks both.
    """
    table = []
    for pools in words.POOLS:
        rows = []
        for level in range(LEVEL_COUNT):
            by_kind: dict[str, list[str]] = {}
            for kind, lo, hi, texts in pools:
                if lo <= level <= hi:
                    by_kind.setdefault(kind, []).extend(texts)
            weights = {k: _KIND_WEIGHTS[level][k] for k in by_kind if _KIND_WEIGHTS[level][k]}
            if not weights:  # no kind usual at this level: take what there is, evenly
                weights = dict.fromkeys(by_kind, 1)
            assert weights, (level, pools)
            total = sum(weights.values())
            slots = []
            for kind, w in weights.items():
                texts = by_kind[kind]
                repeat = max(1, round(240 * w / total / len(texts)))
                slots += [(kind, t) for t in texts] * repeat
            rows.append(tuple(slots))
        table.append(tuple(rows))
    return tuple(table)


_TABLE = _build_table()
# The same by cell number level * 8 + category, with the slot count.
_FLAT = tuple(
    (_TABLE[cell & 7][cell >> 3], len(_TABLE[cell & 7][cell >> 3])) for cell in range(LEVEL_COUNT * 8)
)
_first = itemgetter(0)

# The first year a text can carry as its date: the year the course, system or body it
# names came about (J-LIS took over from LASDEC in 2014, マイナンバー from 2014, …).
_ERAS = (
    ("生成AI", 2023),
    ("ChatGPT", 2023),
    ("ガバメントクラウド", 2021),
    ("標準化", 2021),
    ("標準仕様書", 2021),
    ("デジタル庁", 2021),
    ("書かない窓口", 2021),
    ("DX", 2020),
    ("テレワーク", 2020),
    ("Web会議", 2020),
    ("ゼロトラスト", 2020),
    ("α'", 2020),
    ("キャッシュレス", 2019),
    ("GIGAスクール", 2019),
    ("Power Automate", 2019),
    ("RPA", 2018),
    ("AI-OCR", 2018),
    ("EBPM", 2017),
    ("CYDER", 2017),
    ("ぴったりサービス", 2017),
    ("個人情報保護法改正", 2017),
    ("SD-WAN", 2017),
    ("Microsoft 365", 2017),
    ("情報処理安全確保支援士", 2017),
    ("セキュリティクラウド", 2016),
    ("LINE", 2016),
    ("IoT", 2015),
    ("スマートシティ", 2015),
    ("三層分離", 2015),
    ("強靱化", 2015),
    ("J-LIS", 2014),
    ("マイナンバー", 2014),
    ("個人番号", 2014),
    ("中間サーバー", 2014),
    ("番号連携", 2014),
    ("子ども・子育て", 2013),
    ("オープンデータ", 2012),
    ("Free Wi-Fi", 2012),
    ("SNS", 2011),
    ("標的型攻撃", 2011),
    ("Python", 2010),
    ("クラウド", 2010),
    ("コンビニ交付", 2010),
    ("ITパスポート", 2009),
    ("定額給付金", 2009),
    ("仮想化", 2008),
    ("ICT-BCP", 2008),
    ("アジャイル", 2005),
    ("IPv6", 2005),
    ("電子申請", 2003),
    ("ISMS", 2002),
    ("ITIL", 2000),
    ("ハラスメント", 2000),
    ("GIS", 1998),
    ("地域イントラ", 1998),
    ("ホームページ", 1996),
    ("LGWAN", 2002),
)
_SINCE = {
    text: max((y for word, y in _ERAS if word in text), default=0)
    for pools in words.POOLS
    for _kind, _lo, _hi, texts in pools
    for text in texts
}
_VARIANT = {c: format(8 | (int(c, 16) & 3), "x") for c in "0123456789abcdef"}


def _uuid4s(rng: random.Random, n: int) -> list[str]:
    """Returns n ids, each str(uuid.UUID(int=rng.getrandbits(128), version=4)).

    One getrandbits(128 * n) holds the same bits as n successive getrandbits(128) (the
    first draw in the lowest bits), and setting the version and variant on the text is
    several times faster than building UUID objects: 400,000 ids are a third of a second.
    """
    if n <= 0:
        return []
    h = format(rng.getrandbits(128 * n), f"0{32 * n}x")
    variant = _VARIANT
    return [
        f"{s[:8]}-{s[8:12]}-4{s[13:16]}-{variant[s[16]]}{s[17:20]}-{s[20:]}"
        for s in (h[i : i + 32] for i in range(32 * (n - 1), -1, -32))
    ]


def generated_staff(count: int, categories: list[Category], seed: int = 20261127) -> list[Staff]:
    """Returns `count` fictional, realistic people, the same ones for the same arguments.

    Career length drives the rest: title, number of posts, how high the grid goes and
    (a little) how full it is. Between 5 and 80 entries a person, about 40 on average,
    lower levels more often, one or two specialty categories much fuller than the rest.
    Names are unique while the name pool allows (it has several thousand combinations);
    beyond that 同姓同名 occur, as in real rosters.

    Args:
        count: how many people.
        categories: the eight categories in the seed's order (matched by name).
        seed: the random seed; the only source of variation.
    """
    cat_ids = _category_ids(categories)
    # The cyclic garbage collector would walk the growing heap again and again while
    # millions of objects are made (a fifth of the time for 10,000 people); nothing
    # made here forms a cycle, so it pauses until the people are done.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _generate(count, cat_ids, random.Random(seed))
    finally:
        if gc_was_enabled:
            gc.enable()


def _generate(count: int, cat_ids: list[str], rng: random.Random) -> list[Staff]:
    rand = rng.random

    def randint(a: int, b: int) -> int:  # rng.randint, without its argument checks
        return a + int(rand() * (b - a + 1))

    def uid() -> str:
        return _uuid4s(rng, 1)[0]

    dates: dict[tuple, PartialDate] = {}

    def pdate(y: int, m: int | None = None, d: int | None = None) -> PartialDate:
        key = (y, m, d)
        v = dates.get(key)
        if v is None:
            v = dates[key] = PartialDate(y, m, d)
        return v

    givens_by_gen = {g: [x for x in words.GIVEN if x[2] == g] for g in (0, 1, 2)}
    used_names: set[str] = set()
    people = []
    for _ in range(count):
        # --- career: 1..38 years in the department, more juniors than veterans.
        years = 1 + int(rand() ** 1.4 * 38)
        start_year = REFERENCE_YEAR - years
        gens = (0, 1) if years >= 25 else (1, 2) if years < 10 else (0, 1, 2)
        givens = [g for gen in gens for g in givens_by_gen[gen]]
        for _attempt in range(8):
            fam, fam_kana = words.FAMILY[int(rand() * len(words.FAMILY))]
            giv, giv_kana, _gen = givens[int(rand() * len(givens))]
            name = f"{fam} {giv}"
            if name not in used_names:
                break
        used_names.add(name)
        for limit, titles in words.TITLE_BANDS:
            if years <= limit:
                title = titles[int(rand() * len(titles))]
                break
        section = words.SECTIONS[int(rand() * len(words.SECTIONS))]

        # --- 担当履歴: 1..6 consecutive April–March posts covering the career.
        # A manager's last post is the title itself (as the seed's veteran: '課長', no
        # duties), held the last one to five years.
        n_posts = min(years, randint(1, 6))
        manager = title in words.MANAGERS and years >= 2
        if manager:
            n_posts = max(2, n_posts)
            body = years - randint(1, min(5, years - n_posts + 1))
            cuts = sorted(rng.sample(range(1, body), n_posts - 2)) + [body]
        else:
            cuts = sorted(rng.sample(range(1, years), n_posts - 1))
        bounds = [start_year] + [start_year + c for c in cuts] + [REFERENCE_YEAR]
        day_precision = rand() < 0.2
        open_end = rand() < 0.75
        assignments = []
        end: PartialDate | None  # None: the last post is still held
        for i in range(n_posts):
            y0, y1 = bounds[i], bounds[i + 1]
            last = i == n_posts - 1
            if day_precision:
                start, end = pdate(y0, 4, 1), pdate(y1, 3, 31)
            else:
                start, end = pdate(y0, 4), pdate(y1, 3)
            if last and open_end:
                end = None
            post, duties_pool = words.POSTS[int(rand() * len(words.POSTS))]
            duties = "、".join(rng.sample(duties_pool, randint(1, 3)))
            if last and manager:
                post, duties = title, ("" if rand() < 0.5 else f"{section}の総括")
            assignments.append(Assignment(period=Period(start, end), name=post, duties=duties, id=uid()))

        # --- 資格等: 0..3, acquired during the career.
        qualifications = []
        n_quals = min(3, int(rand() * 4.6 * (0.5 + years / 38)))
        if n_quals:
            picked: set[int] = set()
            for _ in range(n_quals * 2):
                if len(picked) == n_quals:
                    break
                picked.add(bisect(words.QUAL_CUM, rand() * words.QUAL_CUM[-1]))
            for q in sorted(picked):
                qname, first, valid = words.QUALIFICATIONS[q]
                lo = max(first, start_year - 2)
                if lo > REFERENCE_YEAR - 1:
                    continue
                y = randint(lo, REFERENCE_YEAR - 1)
                m = 4 if rand() < 0.5 else 10  # IPA registrations: April and October
                acquired = pdate(y, m, 1) if rand() < 0.3 else pdate(y, m)
                expires = None
                if valid:
                    expires = pdate(y + valid, m, 1) if acquired.day else pdate(y + valid, m)
                qualifications.append(Qualification(name=qname, acquired=acquired, expires=expires, id=uid()))
            qualifications.sort(key=lambda q: q.acquired.sort_key() if q.acquired else (0, 0, 0))

        # --- プロジェクト履歴: 0..5 of the projects of the career's years.
        projects = []
        n_projects = min(5, int(rand() * 6 * min(1.0, 0.3 + years / 20)))
        if n_projects:
            for pi in sorted(rng.sample(range(len(words.PROJECTS)), n_projects)):
                pname, first, last_start, length = words.PROJECTS[pi]
                lo, hi = max(first, start_year), min(last_start, REFERENCE_YEAR - 1)
                if lo > hi:
                    continue
                y = randint(lo, hi)
                end_year = y + length
                end = pdate(end_year, 3) if end_year <= REFERENCE_YEAR else None
                projects.append(Project(period=Period(pdate(y, 4), end), name=pname, id=uid()))
            projects.sort(key=lambda p: p.period.start.sort_key() if p.period.start else (0, 0, 0))

        # --- スキル実績等: 5..80 entries, about 40 on average. A cell is drawn with the
        # weight level weight × category weight (one draw picks both), then a text of it.
        max_level = min(LEVEL_COUNT - 1, 1 + years // 4)
        mode = min(70.0, 12 + years * 1.6)
        n = max(5, min(80, int(rng.triangular(5, 81, mode))))
        cat_w = [0.05 + rand() ** 2 for _ in range(8)]
        for _ in range(1 + (rand() < 0.4)):  # one or two specialties
            cat_w[int(rand() * 8)] += 2.0 + rand() * 2
        cell_cum = list(accumulate([lw * w for lw in _LEVEL_WEIGHTS[: max_level + 1] for w in cat_w]))
        total = cell_cum[-1]
        last_cell = len(cell_cum) - 1
        seen: set[str] = set()  # a course is taken once, an achievement listed once
        raw = []
        span = REFERENCE_YEAR - start_year
        flat, since = _FLAT, _SINCE
        for _ in range(4 * n):
            cell = bisect(cell_cum, rand() * total)
            if cell > last_cell:  # rand() * total rounded up to total
                cell = last_cell
            slots, n_slots = flat[cell]
            j = int(rand() * n_slots)
            kind, text = slots[j]
            if text in seen:  # taken: walk on through the cell's texts to a fresh one
                for _step in range(12):
                    j = j + 1 if j + 1 < n_slots else 0
                    kind, text = slots[j]
                    if text not in seen:
                        break
                else:
                    continue
            seen.add(text)
            date = None
            if rand() < 0.2:
                # Higher levels tend to come later in the career.
                frac = (cell >> 3) / 7 * 0.6 + rand() * 0.5
                first = since.get(text, 0)
                if first > start_year:  # no マイナンバー course in 2009
                    y = first + int((frac if frac < 1.0 else 1.0) * (REFERENCE_YEAR - first))
                else:
                    y = start_year + int((frac if frac < 1.0 else 1.0) * span)
                date = pdate(y, 1 + int(rand() * (10 if y == REFERENCE_YEAR else 12)))
            raw.append((cell, text, kind, date))
            if len(raw) == n:
                break
        # Not seen in practice: if the cells drawn ran dry, the last course is taken again
        # a year apart, as annual training is (raw has at least the first draw).
        while len(raw) < 5:
            cell, text, kind, _date = raw[-1]
            raw.append((cell, text, kind, pdate(REFERENCE_YEAR - len(raw), 4)))
        raw.sort(key=_first)  # stable: by level, then category, drawing order within a cell
        entries = [
            Entry(level=cell >> 3, category_id=cat_ids[cell & 7], text=t, kind=k, date=d, id=i)
            for (cell, t, k, d), i in zip(raw, _uuid4s(rng, len(raw)), strict=True)
        ]

        override = None
        if rand() < 0.04:  # experience from a former employer counted in by hand
            override = min(80, years + randint(1, 8))
        people.append(
            Staff(
                name=name,
                kana=f"{fam_kana} {giv_kana}",
                title=title,
                section=section,
                experience_override=override,
                qualifications=qualifications,
                assignments=assignments,
                projects=projects,
                entries=entries,
                id=uid(),
            )
        )
    return people
