"""A person whose grid is full: 40 entries over the 8 levels, several per cell."""


def forty_entry_person(categories):
    """A person with 40 entries over all 8 levels (most at the lower ones, as in life)."""
    from skillmatrix.domain.dates import PartialDate, Period
    from skillmatrix.domain.model import Assignment, Entry, Project, Staff

    per_level = [12, 10, 6, 4, 3, 2, 2, 1]
    entries = []
    for level, count in enumerate(per_level):
        for i in range(count):
            category = categories[(i % 3 + level) % len(categories)]  # several per cell
            text = f"{category.name}の実績{level}-{i + 1}：庁内システム更新に伴う研修と運用手順の整備"
            entries.append(Entry(level, category.id, text))
    return Staff(
        name="多田 実績",
        kana="ただ じっせき",
        title="主査",
        section="情報政策課",
        assignments=[
            Assignment(
                Period(PartialDate(2005, 4), PartialDate(2012, 3)),
                "基幹系システム担当",
                "住民記録・税務システムの運用管理、制度改正対応、ベンダーとの調整、"
                "障害時の一次切り分けと報告書の作成",
            ),
            Assignment(Period(PartialDate(2012, 4)), "情報セキュリティ担当", "セキュリティポリシーの改定"),
        ],
        projects=[Project(Period(PartialDate(2016, 4), PartialDate(2018, 3)), "基幹系システム標準化")],
        entries=entries,
    )
