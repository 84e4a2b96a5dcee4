"""Demo data, part one: the two résumés of the seed document, transcribed in full.

The seed document (藤沢市IT推進課「ITガバナンスと人材育成」) closes with two sample
スキル履歴書: a staffer with three years in the section and a veteran of more than twenty.
:func:`seed_staff` transcribes both in full; :func:`generated_staff` makes as many
realistic, fictional people as a demo or a benchmark needs.

Everything here is reproducible: fixed ids for the seed people (uuid5 under them for their
rows), and one ``random.Random(seed)`` for the generated ones, never the global random
generator or the clock, so the same call always returns the same people, ids included.
"""

from __future__ import annotations

import uuid

from skillmatrix.demo import messages
from skillmatrix.domain.dates import PartialDate, Period
from skillmatrix.domain.model import (
    Assignment,
    Category,
    Entry,
    Project,
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
            raise ValueError(messages.DEMO_CATEGORY_MISSING.format(name=name))
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
            Project(period=period, name=n, id=rid("project", i)) for i, (period, n) in enumerate(projects)
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
