"""The plan of an Excel import as text: what the command line prints (and the window's
tables show cell by cell)."""

from __future__ import annotations

from typing import Any

from skillmatrix.domain.model import Entry, Staff
from skillmatrix.domain.sheet_diff import CHANGE_LABELS, SIDE_LABELS, Part
from skillmatrix.exchange.excel.importing import ExcelPlan, PersonRead


def value_text(value: Any, style: str = "seireki") -> str:
    """A part's value on one side as one line ('—' when the side has none)."""
    if value is None or value == "":
        return "—"
    if isinstance(value, tuple) and value and isinstance(value[0], Entry):
        return " / ".join(e.text for e in value)
    period = getattr(value, "period", None)
    name = getattr(value, "name", None)
    if name is not None and not isinstance(value, Staff):
        extra = getattr(value, "duties", "")
        acquired = getattr(value, "acquired", None)
        bits = [period.format(style) if period is not None else "", name, extra]
        if acquired is not None:
            bits.append(acquired.format(style))
        return " ".join(b for b in bits if b)
    return str(value)


def status_of(excel: ExcelPlan, person: PersonRead) -> str:
    """追加 / 競合（差分あり） / 変更なし for one person read."""
    staff = person.read.staff
    if any(s is staff for s in excel.plan.added):
        return "追加"
    if any(t is staff for _, t in excel.plan.conflicts):
        return "記入用シートの差分" if person.form is not None else "同じ氏名の職員と差分あり"
    return "変更なし"


def part_line(part: Part) -> str:
    """One differing part: label, change, who changed it, mine → theirs."""
    return (
        f"    {part.label}: {CHANGE_LABELS[part.change]}（{SIDE_LABELS[part.side]}）"
        f" こちら「{value_text(part.mine)}」→ ファイル「{value_text(part.theirs)}」"
    )


def plan_lines(excel: ExcelPlan, readings: bool = True) -> list[str]:
    """Every line of the plan: per person what was read where, the cells not understood,
    and the differences with the database."""
    lines: list[str] = []
    for person in excel.people:
        read = person.read
        lines.append(
            f"{person.source.name} シート「{read.sheet}」: {read.staff.name}（{status_of(excel, person)}）"
        )
        if readings:
            lines += [f"  {where} {part}: {text}" for part, where, text in read.readings]
        lines += [f"  読めなかったセル {where}: {text}" for where, text in read.not_understood]
        if person.diff is not None:
            kind = (
                "作成時の版・現在・記入用シートの3者比較" if person.diff.three_way else "現在の内容との比較"
            )
            lines.append(f"  差分（{kind}）: {len(person.diff.parts)}件")
            lines += [part_line(p) for p in person.diff.parts]
    lines += excel.notes
    return lines


def open_parts(excel: ExcelPlan) -> int:
    """How many parts need a choice (changed on both sides, or no base to say)."""
    return sum(len(p.diff.conflicts()) for p in excel.people if p.diff is not None and p.mine is not None)
