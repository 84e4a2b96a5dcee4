"""Demo data: the two résumés of the seed document and any number of generated people.

The seed document (藤沢市IT推進課「ITガバナンスと人材育成」) closes with two sample
スキル履歴書: a staffer with three years in the section and a veteran of more than twenty.
:func:`seed_staff` transcribes both in full; :func:`generated_staff` makes as many
realistic, fictional people as a demo or a benchmark needs.

Everything here is reproducible: fixed ids for the seed people (uuid5 under them for their
rows), and one ``random.Random(seed)`` for the generated ones, never the global random
generator or the clock, so the same call always returns the same people, ids included.
"""

from __future__ import annotations

import gc
import random
import uuid
from bisect import bisect
from itertools import accumulate
from operator import itemgetter

from skillmatrix.domain import demo_words as words
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

CATEGORY_NAMES = (
    "行政職員一般",
    "ITスキル一般",
    "基幹系システム",
    "情報系システム",
    "ネットワーク",
    "地域情報化",
    "セキュリティ",
    "ストラテジ",
)

SEED_STAFFER_ID = "0c5e2a4e-7d1b-4f36-9a52-3e8d1f6b2c01"
SEED_VETERAN_ID = "0c5e2a4e-7d1b-4f36-9a52-3e8d1f6b2c02"

# The year the generated data is "as of": every generated date lies on or before
# November 2026 (the default seed reads 2026-11-27). A constant, never the clock.
REFERENCE_YEAR = 2026


def _category_ids(categories: list[Category]) -> list[str]:
    """Returns the ids of the eight seed categories, in CATEGORY_NAMES order.

    Categories are matched by name; a name the user has since changed falls back to the
    category at the same position, so demo data still lands in the right column.
    """
    by_name = {c.name: c.id for c in categories}
    ordered = sorted(categories, key=lambda c: c.position)
    ids = []
    for i, name in enumerate(CATEGORY_NAMES):
        if name in by_name:
            ids.append(by_name[name])
        elif i < len(ordered) and ordered[i].name not in CATEGORY_NAMES:
            ids.append(ordered[i].id)
        else:
            raise ValueError(f"分類「{name}」がありません（デモデータには8つの分類が必要です）")
    return ids


# ---------------------------------------------------------------------------------------
# The seed résumés
# ---------------------------------------------------------------------------------------


def _d(year: int, month: int | None = None, day: int | None = None) -> PartialDate:
    return PartialDate(year, month, day)


def _p(start: PartialDate | None, end: PartialDate | None) -> Period:
    return Period(start, end)


# The staffer's grid. Its rows read '1 必要最低限の…⇥新採用職員研修⇥IT基礎セミナー⇥…':
# the level number and its short definition share the first cell, so after splitting on
# tabs field 1 is 行政職員一般 and field 8 is ストラテジ, exactly as the header
# (レベル⇥行政職員一般⇥…⇥ストラテジ, 9 fields) says. Every row has 9 fields.
# Cells wrap over lines; a space in the extracted cell is a line break, so each wrapped
# line is its own entry unless it continues a phrase.
# (level, category index, text, kind)
_STAFFER_GRID = (
    # row 0: all eight cells empty.
    # row 1: f1 行政職員一般, f2 ITスキル一般, f5 ネットワーク, f7 セキュリティ.
    (1, 0, "新採用職員研修", "training"),
    (1, 1, "IT基礎セミナー", "training"),
    (1, 4, "ネットワーク基礎セミナー", "training"),
    (1, 6, "適用範囲内研修", "training"),  # the ISMS 適用範囲内研修 (the veteran's row 0)
    # row 2: f4 情報系システム holds two course names, one a line.
    (2, 3, "システム開発セミナー", "training"),
    (2, 3, "プロジェクト管理セミナー", "training"),
    # row 3: f4 情報系システム holds two Windows Server course titles, each wrapped
    # after "2008": '…2008管理 1-基本管理編' and '…2008 Active Directory の基礎' are one
    # title each (the course series is "Windows Server 2008管理 1-基本管理編", and the
    # second is a separate Active Directory course). f8 ストラテジ.
    (3, 3, "Windows Server 2008管理 1-基本管理編", "training"),
    (3, 3, "Windows Server 2008 Active Directory の基礎", "training"),
    (3, 7, "業務改善・改革セミナー", "training"),
    # rows 4–7: empty.
)

# The veteran's grid. Here the level number and the definition are two tab-separated
# fields ('0⇥情報技術に初めて携わる。⇥コンピュータ入門 フローチャート⇥⇥⇥ネットワーク基礎
# セミナー⇥⇥ISMS適用範囲内研修⇥'), yet every row still has the header's 9 fields, so one
# field was lost when the level cell was split. Reading fields 2..8 as 行政職員一般..セキュ
# リティ (the "entries start right after the definition" reading) would put COBOL under
# ITスキル一般, ネットワーク基礎セミナー under 情報系システム, ISMS and LASDEC:情報セキュリティ
# under 地域情報化 and the CIO and 地域IT基本計画 entries under セキュリティ: wrong in every row.
# Reading field k (k = 2..8) as category k-1, i.e. the definition sits where the
# 行政職員一般 cell would be, puts every entry under the category its knowledge list
# names (COBOL -> 基幹系システム, ISMS -> セキュリティ, ICT-BCP -> セキュリティ, CIO and
# 計画策定 -> ストラテジ, 市町村アカデミー -> 地域情報化, the staffer's ネットワーク基礎セミナー
# is in the same field 5 = ネットワーク). So: the veteran's 行政職員一般 column is empty, and
# fields 2..8 are ITスキル一般..ストラテジ.
_VETERAN_GRID = (
    # row 0: f2 ITスキル一般, f5 ネットワーク, f7 セキュリティ.
    # 'コンピュータ入門 フローチャート': two courses (an introduction and a flowchart course),
    # as 'UNIXの使い方 HOLON/AB' below is two.
    (0, 1, "コンピュータ入門", "training"),
    (0, 1, "フローチャート", "training"),
    (0, 4, "ネットワーク基礎セミナー", "training"),
    (0, 6, "ISMS適用範囲内研修", "training"),
    # row 1: f2 ITスキル一般, f3 基幹系システム, f4 情報系システム.
    # 'JIPSの導入' (NEC's Japanese processing system) is at level 1 and phrased like the
    # level-2 'VISの導入と運用' vendor courses: a course title, so training, not work.
    (1, 1, "JIPSの導入", "training"),
    # 'COBOL プログラム開発とジョブの実行 ファイル設計とジョブの運用': a COBOL course and two
    # parallel "…とジョブの…" operation courses, three lines, three entries.
    (1, 2, "COBOL", "training"),
    (1, 2, "プログラム開発とジョブの実行", "training"),
    (1, 2, "ファイル設計とジョブの運用", "training"),
    (1, 3, "UNIXの使い方", "training"),
    (1, 3, "HOLON/AB", "training"),
    # row 2: f2 ITスキル一般, f3 基幹系システム, f6 地域情報化, f8 ストラテジ.
    (2, 1, "SOFPIA概説", "training"),
    # Three ACOS middleware courses (VIS, ADBS, RIQS): course titles, so training.
    (2, 2, "VISの導入と運用", "training"),
    (2, 2, "ADBSの導入と運用", "training"),
    (2, 2, "RIQSの導入と利用", "training"),
    # The parenthesised line is the course's subtitle: one entry.
    (2, 5, "市町村アカデミー (情報政策の新展開)", "training"),
    (2, 7, "CIO育成研修(運用管理)", "training"),
    # row 3: f3 基幹系システム, f5 ネットワーク, f6 地域情報化.
    (3, 2, "住基印鑑外国人システム導入", "work"),
    (3, 2, "選挙、児童手当、小児医療、母子福祉貸付金、定額給付金等システム開発", "work"),
    (3, 4, "地域イントラ・学校イントラ構築", "work"),
    (3, 5, "電子自治体ネットワーク事業", "work"),
    # row 4: f3 基幹系システム, f6 地域情報化, f8 ストラテジ.
    (4, 2, "税総合オンラインシステム導入計画", "work"),
    # A talk given in Akita, the "(秋田講演)" line belongs to it: one entry, a role.
    (4, 5, "電子自治体ITセミナー (秋田講演)", "role"),
    # Two plans, one a line (the first is a plan's title, the second its 策定).
    (4, 7, "藤沢市地域IT基本計画", "work"),
    (4, 7, "藤沢市IT推進指針策定", "work"),
    # row 5: f3 基幹系システム, f6 地域情報化, f7 セキュリティ; f8 empty.
    # '保健福祉総合システム 導入基本計画策定' wraps one phrase: one entry.
    (5, 2, "保健福祉総合システム 導入基本計画策定", "work"),
    (5, 2, "基幹系最適化計画策定", "work"),
    (5, 5, "市町村アカデミー講師", "role"),
    # '…電子自治体 共同運営協議会立ち上げ' wraps one phrase: one entry.
    (5, 5, "神奈川県市町村電子自治体 共同運営協議会立ち上げ", "work"),
    (5, 5, "電子申請システム部会長", "role"),
    # 'LASDEC:情報セキュリティ マネジメント講師' wraps one phrase: one entry.
    (5, 6, "LASDEC:情報セキュリティ マネジメント講師", "role"),
    (5, 6, "ICT-BCP講演(多数)", "role"),
    # row 6: f2 ITスキル一般, f5 ネットワーク, f7 セキュリティ, f8 ストラテジ.
    (6, 1, "NISC重要ノウハウ専門委員", "role"),
    # The council, its committee and its two working groups: one membership, one entry.
    (
        6,
        4,
        "総務省電気通信審議会 IPネットワーク設備委員会 (安全・信頼性検討作業班) (通信確保作業班)",
        "role",
    ),
    # A study group membership (委員) and a talk: roles.
    (6, 6, "総務省:災害に強い電子自治体研究会", "role"),
    (6, 6, "システム監査学会における講演", "role"),
    # One phrase wrapped over three lines; selecting the municipalities for a national
    # agency's demonstration is a committee's job: a role.
    (6, 7, "消防庁:住民への災害情報 伝達手段の多様化実証 に係る対象自治体選考", "role"),
    # row 7: empty.
)


def _seed_person(
    staff_id: str,
    name: str,
    kana: str,
    title: str,
    section: str,
    override: int | None,
    assignments,
    projects,
    grid,
    cat_ids: list[str],
) -> Staff:
    ns = uuid.UUID(staff_id)

    def rid(kind: str, i: int) -> str:
        return str(uuid.uuid5(ns, f"{kind}/{i}"))

    return Staff(
        name=name,
        kana=kana,
        title=title,
        section=section,
        experience_override=override,
        qualifications=[],  # both sheets' 資格等 are empty
        assignments=[
            Assignment(period=period, name=n, duties=duties, id=rid("assignment", i))
            for i, (period, n, duties) in enumerate(assignments)
        ],
        projects=[
            Project(period=period, name=n, id=rid("project", i))
            for i, (period, n) in enumerate(projects)
        ],
        entries=[
            Entry(level=level, category_id=cat_ids[c], text=text, kind=kind, id=rid("entry", i))
            for i, (level, c, text, kind) in enumerate(grid)
        ],
        id=staff_id,
    )


def seed_staff(categories: list[Category]) -> list[Staff]:
    """Returns the seed document's two résumés, every row of them, with fixed ids.

    Names are fictional (the seed hides the real ones as 〇〇 〇〇). Entries carry no date,
    as in the seed.

    Args:
        categories: the eight categories in the seed's order (matched by name).
    """
    cat_ids = _category_ids(categories)
    staffer = _seed_person(
        SEED_STAFFER_ID,
        "藤沢 花子",
        "ふじさわ はなこ",
        "事務職員",
        "IT推進課",
        # The sheet prints 経験年数 3年: it was filled in in 2013, three years after the
        # 2010.4.1 start. Derived from the open-ended second post it would grow every
        # year, so the override keeps the sheet as the seed shows it.
        3,
        [
            (
                _p(_d(2010, 4, 1), _d(2013, 3, 31)),
                "情報システム・NW担当",
                "情報系システム担当（ポータル）",
            ),
            # 'I T ガバナンス' in the extracted text is letter-spaced 'IT' (like the
            # heading 'I T 推進課', which the veteran's sheet prints as 'IT推進課'), so
            # it is written without the spaces.
            (_p(_d(2013, 4), None), "情報政策担当", "ITガバナンス、研修、ISMS"),
        ],
        [
            (_p(_d(2010, 4, 1), _d(2012, 3, 31)), "職員ポータル更新"),
            (_p(_d(2012, 4, 1), None), "通信回線更新"),
        ],
        _STAFFER_GRID,
        cat_ids,
    )
    veteran = _seed_person(
        SEED_VETERAN_ID,
        "湘南 太郎",
        "しょうなん たろう",
        "参事",
        "IT推進課",
        None,  # 20年以上: derived from 1981/8 onward it is well over twenty.
        [
            (_p(_d(1981, 8), _d(1995, 3)), "情報システム担当", "収納、年金、住基、税、OS"),
            (_p(_d(1995, 4), _d(1997, 3)), "システム運用担当", "保健福祉、その他"),
            (_p(_d(1997, 4), _d(2002, 3)), "工事契約担当", "工事契約システム"),
            (_p(_d(2002, 4), _d(2003, 3)), "IT推進担当", "電子自治体、GIS、地域イントラ"),
            (_p(_d(2003, 4), _d(2007, 3)), "企画調整担当", "電子自治体、GIS"),
            (_p(_d(2007, 4), _d(2011, 3)), "システムネットワーク担当", "基幹系、ネットワーク"),
            (_p(_d(2011, 4), None), "課長", ""),
        ],
        [
            (_p(_d(1984, 4), _d(1988, 3)), "住基、印鑑、外国人"),
            (_p(_d(1989, 4), _d(1993, 3)), "税総合システム"),
            (_p(_d(1993, 4), _d(1995, 3)), "消防(救急、予防)"),
            (_p(_d(1994, 4), _d(1996, 3)), "戸籍"),
            (_p(_d(1995, 4), _d(1997, 3)), "保険福祉総合システム"),  # sic: 保険, as the seed
            (_p(_d(2002, 4), _d(2004, 5)), "地域イントラ・学校イントラ"),
            (_p(_d(2002, 4), _d(2006, 3)), "神奈川県市町村共同運営"),
            (_p(_d(2006, 4), _d(2009, 3)), "基幹系最適化計画"),
        ],
        _VETERAN_GRID,
        cat_ids,
    )
    return [staffer, veteran]


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
    (_TABLE[cell & 7][cell >> 3], len(_TABLE[cell & 7][cell >> 3]))
    for cell in range(LEVEL_COUNT * 8)
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
            assignments.append(
                Assignment(period=Period(start, end), name=post, duties=duties, id=uid())
            )

        # --- 資格等: 0..3, acquired during the career.
        qualifications = []
        n_quals = min(3, int(rand() * 4.6 * (0.5 + years / 38)))
        if n_quals:
            picked = set()
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
                qualifications.append(
                    Qualification(name=qname, acquired=acquired, expires=expires, id=uid())
                )
            qualifications.sort(key=lambda q: q.acquired)

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
            projects.sort(key=lambda p: p.period.start)

        # --- スキル実績等: 5..80 entries, about 40 on average. A cell is drawn with the
        # weight level weight × category weight (one draw picks both), then a text of it.
        max_level = min(LEVEL_COUNT - 1, 1 + years // 4)
        mode = min(70.0, 12 + years * 1.6)
        n = max(5, min(80, int(rng.triangular(5, 81, mode))))
        cat_w = [0.05 + rand() ** 2 for _ in range(8)]
        for _ in range(1 + (rand() < 0.4)):  # one or two specialties
            cat_w[int(rand() * 8)] += 2.0 + rand() * 2
        cell_cum = list(
            accumulate([lw * w for lw in _LEVEL_WEIGHTS[: max_level + 1] for w in cat_w])
        )
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
