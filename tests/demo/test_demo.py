"""Tests of the demo data: the seed document's two résumés and the generated people."""

from __future__ import annotations

import gc
import random
import statistics
import time
import uuid
from collections import Counter
from datetime import date
from itertools import pairwise

import pytest

from skillmatrix.demo import generated as demo
from skillmatrix.domain.dates import PartialDate, Period
from skillmatrix.domain.model import KINDS, Category, validate_staff

NAMES = (
    "行政職員一般",
    "ITスキル一般",
    "基幹系システム",
    "情報系システム",
    "ネットワーク",
    "地域情報化",
    "セキュリティ",
    "ストラテジ",
)


@pytest.fixture
def categories() -> list[Category]:
    return [Category(id=f"c{i}", name=n, position=i) for i, n in enumerate(NAMES)]


def _grid(staff, categories):
    names = {c.id: c.name for c in categories}
    return [(e.level, names[e.category_id], e.text) for e in staff.entries]


# Every grid entry of the seed's two スキル履歴書, (level, category, text), in sheet order.
STAFFER_GRID = [
    (1, "行政職員一般", "新採用職員研修"),
    (1, "ITスキル一般", "IT基礎セミナー"),
    (1, "ネットワーク", "ネットワーク基礎セミナー"),
    (1, "セキュリティ", "適用範囲内研修"),
    (2, "情報系システム", "システム開発セミナー"),
    (2, "情報系システム", "プロジェクト管理セミナー"),
    (3, "情報系システム", "Windows Server 2008管理 1-基本管理編"),
    (3, "情報系システム", "Windows Server 2008 Active Directory の基礎"),
    (3, "ストラテジ", "業務改善・改革セミナー"),
]

VETERAN_GRID = [
    (0, "ITスキル一般", "コンピュータ入門"),
    (0, "ITスキル一般", "フローチャート"),
    (0, "ネットワーク", "ネットワーク基礎セミナー"),
    (0, "セキュリティ", "ISMS適用範囲内研修"),
    (1, "ITスキル一般", "JIPSの導入"),
    (1, "基幹系システム", "COBOL"),
    (1, "基幹系システム", "プログラム開発とジョブの実行"),
    (1, "基幹系システム", "ファイル設計とジョブの運用"),
    (1, "情報系システム", "UNIXの使い方"),
    (1, "情報系システム", "HOLON/AB"),
    (2, "ITスキル一般", "SOFPIA概説"),
    (2, "基幹系システム", "VISの導入と運用"),
    (2, "基幹系システム", "ADBSの導入と運用"),
    (2, "基幹系システム", "RIQSの導入と利用"),
    (2, "地域情報化", "市町村アカデミー (情報政策の新展開)"),
    (2, "ストラテジ", "CIO育成研修(運用管理)"),
    (3, "基幹系システム", "住基印鑑外国人システム導入"),
    (3, "基幹系システム", "選挙、児童手当、小児医療、母子福祉貸付金、定額給付金等システム開発"),
    (3, "ネットワーク", "地域イントラ・学校イントラ構築"),
    (3, "地域情報化", "電子自治体ネットワーク事業"),
    (4, "基幹系システム", "税総合オンラインシステム導入計画"),
    (4, "地域情報化", "電子自治体ITセミナー (秋田講演)"),
    (4, "ストラテジ", "藤沢市地域IT基本計画"),
    (4, "ストラテジ", "藤沢市IT推進指針策定"),
    (5, "基幹系システム", "保健福祉総合システム 導入基本計画策定"),
    (5, "基幹系システム", "基幹系最適化計画策定"),
    (5, "地域情報化", "市町村アカデミー講師"),
    (5, "地域情報化", "神奈川県市町村電子自治体 共同運営協議会立ち上げ"),
    (5, "地域情報化", "電子申請システム部会長"),
    (5, "セキュリティ", "LASDEC:情報セキュリティ マネジメント講師"),
    (5, "セキュリティ", "ICT-BCP講演(多数)"),
    (6, "ITスキル一般", "NISC重要ノウハウ専門委員"),
    (
        6,
        "ネットワーク",
        "総務省電気通信審議会 IPネットワーク設備委員会 (安全・信頼性検討作業班) (通信確保作業班)",
    ),
    (6, "セキュリティ", "総務省:災害に強い電子自治体研究会"),
    (6, "セキュリティ", "システム監査学会における講演"),
    (6, "ストラテジ", "消防庁:住民への災害情報 伝達手段の多様化実証 に係る対象自治体選考"),
]


def test_seed_staffer(categories):
    staffer = demo.seed_staff(categories)[0]
    assert staffer.id == demo.SEED_STAFFER_ID
    assert (staffer.name, staffer.kana, staffer.title, staffer.section) == (
        "藤沢 花子",
        "ふじさわ はなこ",
        "事務職員",
        "IT推進課",
    )
    assert staffer.experience_override == 3
    assert staffer.experience_years() == 3
    assert staffer.qualifications == []
    assert [(a.period, a.name, a.duties) for a in staffer.assignments] == [
        (
            Period.parse("2010.4.1~2013.3.31"),
            "情報システム・NW担当",
            "情報系システム担当（ポータル）",
        ),
        (Period.parse("2013年4月～"), "情報政策担当", "ITガバナンス、研修、ISMS"),
    ]
    assert staffer.assignments[0].period.start.precision == "day"
    assert staffer.assignments[1].period == Period(PartialDate(2013, 4), None)
    assert [(p.period, p.name) for p in staffer.projects] == [
        (Period.parse("2010.4.1~2012.3.31"), "職員ポータル更新"),
        (Period.parse("2012.4.1～"), "通信回線更新"),
    ]
    assert _grid(staffer, categories) == STAFFER_GRID
    assert all(e.date is None and e.kind == "training" for e in staffer.entries)


def test_seed_veteran(categories):
    veteran = demo.seed_staff(categories)[1]
    assert veteran.id == demo.SEED_VETERAN_ID
    assert (veteran.name, veteran.kana, veteran.title, veteran.section) == (
        "湘南 太郎",
        "しょうなん たろう",
        "参事",
        "IT推進課",
    )
    assert veteran.experience_override is None
    assert veteran.experience_years(date(2013, 4, 1)) >= 20  # 「20年以上」
    assert veteran.qualifications == []
    assert [(a.period, a.name, a.duties) for a in veteran.assignments] == [
        (Period.parse("1981/8~1995/3"), "情報システム担当", "収納、年金、住基、税、OS"),
        (Period.parse("1995/4~1997/3"), "システム運用担当", "保健福祉、その他"),
        (Period.parse("1997/4~2002/3"), "工事契約担当", "工事契約システム"),
        (Period.parse("2002/4~2003/3"), "IT推進担当", "電子自治体、GIS、地域イントラ"),
        (Period.parse("2003/4~2007/3"), "企画調整担当", "電子自治体、GIS"),
        (Period.parse("2007/4~2011/3"), "システムネットワーク担当", "基幹系、ネットワーク"),
        (Period.parse("2011/4~"), "課長", ""),
    ]
    assert veteran.assignments[-1].period.is_open
    assert veteran.assignments[0].period.start.precision == "month"
    assert [(p.period, p.name) for p in veteran.projects] == [
        (Period.parse("1984/4~1988/3"), "住基、印鑑、外国人"),
        (Period.parse("1989/4~1993/3"), "税総合システム"),
        (Period.parse("1993/4~1995/3"), "消防(救急、予防)"),
        (Period.parse("1994/4~1996/3"), "戸籍"),
        (Period.parse("1995/4~1997/3"), "保険福祉総合システム"),
        (Period.parse("2002/4~2004/5"), "地域イントラ・学校イントラ"),
        (Period.parse("2002/4~2006/3"), "神奈川県市町村共同運営"),
        (Period.parse("2006/4~2009/3"), "基幹系最適化計画"),
    ]
    assert _grid(veteran, categories) == VETERAN_GRID
    assert not veteran.cell(0, "c0") and not any(e.category_id == "c0" for e in veteran.entries)
    assert all(e.date is None for e in veteran.entries)


def test_seed_kinds(categories):
    veteran = demo.seed_staff(categories)[1]
    kind = {e.text: e.kind for e in veteran.entries}
    assert kind["COBOL"] == "training"
    assert kind["CIO育成研修(運用管理)"] == "training"
    assert kind["住基印鑑外国人システム導入"] == "work"
    assert kind["神奈川県市町村電子自治体 共同運営協議会立ち上げ"] == "work"
    assert kind["基幹系最適化計画策定"] == "work"
    assert kind["市町村アカデミー講師"] == "role"
    assert kind["電子申請システム部会長"] == "role"
    assert kind["ICT-BCP講演(多数)"] == "role"
    assert kind["NISC重要ノウハウ専門委員"] == "role"


def test_seed_is_valid_and_reproducible(categories):
    first, second = demo.seed_staff(categories), demo.seed_staff(categories)
    assert first == second  # ids of every row included
    ids = {c.id for c in categories}
    for staff in first:
        assert validate_staff(staff, ids) == []
    all_ids = [x.id for s in first for x in [s, *s.assignments, *s.projects, *s.entries]]
    assert len(all_ids) == len(set(all_ids))
    assert all(str(uuid.UUID(i)) == i for i in all_ids)


def test_categories_matched_by_name(categories):
    shuffled = list(reversed(categories))
    assert demo.seed_staff(shuffled) == demo.seed_staff(categories)
    with pytest.raises(ValueError):
        demo.seed_staff(categories[:7])


def test_uuid4s_matches_uuid_module():
    a, b = random.Random(7), random.Random(7)
    fast = demo._uuid4s(a, 50)
    slow = [str(uuid.UUID(int=b.getrandbits(128), version=4)) for _ in range(50)]
    assert fast == slow
    assert a.random() == b.random()


@pytest.fixture
def fifty(categories):
    return demo.generated_staff(50, categories)


def test_generated_is_deterministic(categories, fifty):
    assert demo.generated_staff(50, categories) == fifty
    assert demo.generated_staff(50, categories, seed=1) != fifty
    # A longer run starts with the same people.
    assert demo.generated_staff(60, categories)[:50] == fifty


def test_generated_is_valid(categories, fifty):
    ids = {c.id for c in categories}
    for staff in fifty:
        assert validate_staff(staff, ids) == []
        assert all(e.kind in KINDS for e in staff.entries)


def test_generated_shape(fifty):
    counts = [len(s.entries) for s in fifty]
    assert all(5 <= n <= 80 for n in counts)
    assert 30 <= statistics.mean(counts) <= 50
    cells = Counter((s.id, e.level, e.category_id) for s in fifty for e in s.entries)
    assert max(cells.values()) >= 8
    levels = Counter(e.level for s in fifty for e in s.entries)
    assert levels[0] + levels[1] > levels[4] + levels[5] + levels[6] + levels[7]
    kinds = Counter(e.kind for s in fifty for e in s.entries)
    assert kinds["training"] and kinds["work"] and kinds["role"]
    assert any(e.date for s in fifty for e in s.entries)
    assert all(1 <= len(s.assignments) <= 6 for s in fifty)
    assert all(0 <= len(s.projects) <= 5 for s in fifty)
    assert all(0 <= len(s.qualifications) <= 3 for s in fifty)
    assert len({s.title for s in fifty}) >= 6


def test_generated_names_and_ids_unique(fifty):
    assert len({s.name for s in fifty}) == 50
    assert all(s.kana and " " in s.kana for s in fifty)
    all_ids = [x.id for s in fifty for x in [s, *s.qualifications, *s.assignments, *s.projects, *s.entries]]
    assert len(all_ids) == len(set(all_ids))
    assert all(uuid.UUID(i).version == 4 and str(uuid.UUID(i)) == i for i in all_ids)


def test_generated_dates(fifty):
    latest = date(2026, 11, 30)
    for staff in fifty:
        periods = [a.period for a in staff.assignments]
        for prev, nxt in pairwise(periods):
            assert prev.end is not None  # only the last post may be open
            assert prev.end.last_day().toordinal() + 1 == nxt.start.first_day().toordinal()
        for p in periods:
            assert p.start.month == 4 and (p.end is None or p.end.month == 3)
        for q in staff.qualifications:
            assert q.acquired.first_day() <= latest
            if q.name == "情報処理安全確保支援士":
                assert q.expires == PartialDate(q.acquired.year + 3, q.acquired.month, q.acquired.day)
            else:
                assert q.expires is None
        for e in staff.entries:
            assert e.date is None or e.date.first_day() <= latest
            if e.date and ("J-LIS" in e.text or "マイナンバー" in e.text):
                assert e.date.year >= 2014  # no anachronisms


def test_generated_managers_hold_their_title_last(fifty):
    managers = [s for s in fifty if s.title in ("課長", "担当課長", "参事")]
    assert managers
    for staff in managers:
        if len(staff.assignments) > 1:
            assert staff.assignments[-1].name == staff.title
            assert staff.assignments[-2].name != staff.title


def test_ten_thousand_fast(categories):
    start = time.perf_counter()
    people = demo.generated_staff(10_000, categories)
    assert time.perf_counter() - start < 5
    assert gc.isenabled()  # paused during generation, back on after
    assert len(people) == 10_000
