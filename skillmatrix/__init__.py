"""SkillMatrix: the skill résumés (スキル履歴書) of a municipal IT department."""

__version__ = "0.1.0"
