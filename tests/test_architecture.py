"""House rules of DESIGN.md, checked by parsing every module of the package."""

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "skillmatrix"
SQL = re.compile(
    r"\b(select\s.+\sfrom|insert\s+(or\s+\w+\s+)?into|update\s+[\w\"]+\s+set|delete\s+from|"
    r"create\s+(table|view|index|trigger)|drop\s+(table|view)|pragma\s|vacuum\b|attach\s)",
    re.IGNORECASE | re.DOTALL,
)


def modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        yield path.relative_to(PACKAGE.parent).as_posix(), ast.parse(path.read_text(encoding="utf-8"))


def imported(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module == "skillmatrix":
            # `from skillmatrix import files` imports the module skillmatrix.files
            yield from (f"skillmatrix.{a.name}" for a in node.names if a.name != "__version__")
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module


def layer(module):
    parts = module.split("/")
    return parts[1] if len(parts) > 2 else parts[1].removesuffix(".py")


ALLOWED = {  # what each layer may import from the package (DESIGN.md: domain <- store <- exchange, report <- ui <- app)
    "files": {"files"},  # below everything that touches a file: the standard library only
    "domain": {"domain", "paths"},
    "store": {"domain", "store", "paths", "files"},
    "exchange": {"domain", "store", "exchange", "paths", "files"},
    "report": {"domain", "store", "report", "paths", "files"},
}


def test_qt_only_in_ui_and_app():
    offenders = [
        m
        for m, tree in modules()
        if any(name.split(".")[0] == "PySide6" for name in imported(tree))
        and not (m.startswith("skillmatrix/ui/") or m == "skillmatrix/app.py")
    ]
    assert offenders == []


def test_sql_only_in_store():
    offenders = []
    for module, tree in modules():
        if module.startswith("skillmatrix/store/"):
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and SQL.search(node.value):
                offenders.append(f"{module}:{node.lineno}")
    assert offenders == []


def test_layers_depend_downwards_only():
    offenders = []
    for module, tree in modules():
        allowed = ALLOWED.get(layer(module))
        if allowed is None:
            continue
        for name in imported(tree):
            if name.startswith("skillmatrix."):
                target = name.split(".")[1]
                if target not in allowed:
                    offenders.append(f"{module} imports {name}")
    assert offenders == []


def test_the_checks_catch_a_violation(tmp_path):
    """The rules above must be able to fail."""
    tree = ast.parse("from PySide6.QtCore import Qt\nq = 'SELECT name FROM staff'\n")
    assert "PySide6.QtCore" in set(imported(tree))
    assert any(
        SQL.search(n.value)
        for n in ast.walk(tree)
        if isinstance(n, ast.Constant) and isinstance(n.value, str)
    )
    assert not SQL.search("選択された職員を更新します")
