"""Search by level (レベル検索): `セキュリティ>=4`, `セキュリティ:4+`, `ネットワーク=3`.

Standard library only; the staff filter and `skillmatrix list --where` both use it. A
query is words and level conditions separated by spaces, all of which must hold (AND).
A condition is a category, an operator and a level 0–7:

- `名前>=4`, `名前>4`, `名前<=4`, `名前<4`, `名前=4` (also full-width `＞＝` and so on);
- `名前:4+` (4 or higher), `名前:4-` (4 or lower), `名前:4` (exactly 4).

Category names are compared folded (NFKC, so ＩＴ and IT, full- and half-width alike;
case and spaces ignored) and may be shortened to a unique beginning (基幹系 for
基幹系システム) or part. A person without an entry in the category has no level: only `<` and
`<=` conditions (and `:N-`) hold for them.
"""

from __future__ import annotations

import operator
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from skillmatrix.domain import messages
from skillmatrix.domain.model import LEVEL_COUNT, Category

# One condition: name, operator, level, optional + or - after a colon form.
_CONDITION = re.compile(r"^(?P<name>[^<>=:]+?)(?P<op>>=|<=|=|>|<|:)(?P<level>\d+)(?P<sign>[+-]?)$")
_OPS: dict[str, Callable[[int, int], bool]] = {
    ">=": operator.ge,
    ">": operator.gt,
    "<=": operator.le,
    "<": operator.lt,
    "=": operator.eq,
}


class QueryError(ValueError):
    """The text holds a condition that cannot be read; the message says which (Japanese)."""


@dataclass(frozen=True)
class Condition:
    """One level condition: the category's level compared with level by op."""

    category_id: str
    category_name: str
    op: str  # one of >=, >, <=, <, =
    level: int

    def holds(self, levels: Mapping[str, int]) -> bool:
        """Returns whether the condition holds for a person's levels (category id -> level)."""
        have = levels.get(self.category_id)
        if have is None:
            return self.op in ("<", "<=")
        return _OPS[self.op](have, self.level)

    def text(self) -> str:
        """Returns the condition as written canonically (`セキュリティ>=4`)."""
        return f"{self.category_name}{self.op}{self.level}"


@dataclass(frozen=True)
class LevelQuery:
    """A parsed query: the plain words (folded) and the level conditions."""

    words: tuple[str, ...]
    conditions: tuple[Condition, ...]

    def matches_levels(self, levels: Mapping[str, int]) -> bool:
        """Returns whether every level condition holds for the levels."""
        return all(c.holds(levels) for c in self.conditions)

    def level_test(self) -> Callable[[Mapping[str, int]], bool]:
        """Returns matches_levels made for speed (the filter calls it for every person on
        every keystroke): the conditions unpacked once, C comparisons, no generator."""
        checks = [(c.category_id, _OPS[c.op], c.level, c.op in ("<", "<=")) for c in self.conditions]

        def test(levels: Mapping[str, int]) -> bool:
            for category_id, compare, want, none_ok in checks:
                have = levels.get(category_id)
                if have is None:
                    if not none_ok:
                        return False
                elif not compare(have, want):
                    return False
            return True

        return test


def fold(text: str) -> str:
    """Returns text folded the way category names and words are compared."""
    return "".join(unicodedata.normalize("NFKC", text).casefold().split())


def _category(name: str, categories: Sequence[Category]) -> Category:
    wanted = fold(name)
    exact = [c for c in categories if fold(c.name) == wanted]
    if exact:
        return exact[0]
    starting = [c for c in categories if fold(c.name).startswith(wanted)]
    if len(starting) == 1:
        return starting[0]
    found = starting or [c for c in categories if wanted in fold(c.name)]
    if len(found) == 1:
        return found[0]
    if not found:
        raise QueryError(messages.NO_SUCH_CATEGORY.format(name=name))
    raise QueryError(messages.CATEGORY_AMBIGUOUS.format(name=name, value="、".join(c.name for c in found)))


def looks_like_condition(token: str) -> bool:
    """Returns whether a word is meant as a level condition (it holds an operator)."""
    return any(ch in unicodedata.normalize("NFKC", token) for ch in "<>=:")


def parse(text: str, categories: Sequence[Category]) -> LevelQuery:
    """Reads a query into words and level conditions.

    Args:
        text: what the user typed.
        categories: the file's categories.

    Raises:
        QueryError: a condition names no category, or a level outside 0–7.
    """
    words: list[str] = []
    conditions: list[Condition] = []
    for token in unicodedata.normalize("NFKC", text).split():
        if not looks_like_condition(token):
            words.append(fold(token))
            continue
        m = _CONDITION.match(token)
        if not m:
            raise QueryError(messages.QUERY_UNREADABLE.format(token=token))
        level = int(m["level"])
        if not 0 <= level < LEVEL_COUNT:
            raise QueryError(messages.QUERY_NO_SUCH_LEVEL.format(token=token, level=level))
        op = m["op"]
        if op == ":":
            op = {"+": ">=", "-": "<=", "": "="}[m["sign"]]
        elif m["sign"]:
            raise QueryError(messages.QUERY_PLUS_MINUS_ONLY_WITH_COLON.format(token=token))
        category = _category(m["name"], categories)
        conditions.append(Condition(category.id, category.name, op, level))
    return LevelQuery(tuple(words), tuple(conditions))


def has_conditions(text: str) -> bool:
    """Returns whether the text holds anything meant as a level condition."""
    return any(looks_like_condition(t) for t in text.split())
