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


def _type_checking_nodes(tree):
    """The nodes under `if TYPE_CHECKING:`: imports for annotations only, never run."""
    skip = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skip.update(id(sub) for sub in ast.walk(node))
    return skip


def imported(tree):
    """Yields every module a file imports (in functions too), TYPE_CHECKING imports aside;
    `from skillmatrix.x import y` yields both skillmatrix.x and skillmatrix.x.y."""
    skip = _type_checking_nodes(tree)
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            yield from (a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module == "skillmatrix":
            # `from skillmatrix import files` imports the module skillmatrix.files
            yield from (f"skillmatrix.{a.name}" for a in node.names if a.name != "__version__")
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module
            yield from (f"{node.module}.{a.name}" for a in node.names)


def layer(module):
    parts = module.split("/")
    return parts[1] if len(parts) > 2 else parts[1].removesuffix(".py")


# What each part of the package may import from the package (DESIGN.md: domain <- store
# <- operations, exchange, report <- demo, cli, ui <- app; files and paths below all
# that touch a file). Every part is listed: a new one fails test_every_part_is_listed.
BELOW_STORE = {"domain", "paths", "files", "progress", "__version__"}
ALLOWED = {
    "__init__": set(),
    "paths": {"paths", "files"},
    "files": {"files"},  # below everything that touches a file: the standard library only
    "progress": {"progress"},
    "domain": {"domain", "paths"},
    "store": BELOW_STORE | {"store"},
    "operations": BELOW_STORE | {"store", "operations"},
    "exchange": BELOW_STORE | {"store", "operations", "exchange"},
    "report": BELOW_STORE | {"store", "report"},
    "demo": BELOW_STORE | {"store", "operations", "demo"},
    "selftest": BELOW_STORE | {"store", "operations", "exchange", "report", "demo", "selftest"},
    "cli": BELOW_STORE | {"store", "operations", "exchange", "report", "demo", "selftest", "cli"},
    "ui": BELOW_STORE | {"store", "operations", "exchange", "report", "demo", "selftest", "ui"},
    "app": BELOW_STORE | {"store", "operations", "exchange", "report", "demo", "selftest", "cli", "ui"},
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


def test_every_part_is_listed():
    assert {layer(m) for m, _ in modules()} <= set(ALLOWED)


def module_name(path: str) -> str:
    name = path.removesuffix(".py").replace("/", ".")
    return name.removesuffix(".__init__")


def import_graph() -> dict[str, set[str]]:
    """Module -> the package's modules it imports (TYPE_CHECKING imports aside)."""
    trees = {module_name(m): tree for m, tree in modules()}
    return {name: {i for i in imported(tree) if i in trees and i != name} for name, tree in trees.items()}


def strongly_connected(graph: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's algorithm, iterative: the groups of modules that import each other."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            for child in children:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    group = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        group.append(member)
                        if member == node:
                            break
                    if len(group) > 1:
                        groups.append(sorted(group))
    return groups


def test_no_import_cycles():
    assert strongly_connected(import_graph()) == []


def test_the_cycle_check_can_fail():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": set()}
    assert strongly_connected(graph) == [["a", "b", "c"]]
    tree = ast.parse(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import skillmatrix.x\nimport skillmatrix.y\n"
    )
    assert "skillmatrix.x" not in set(imported(tree)) and "skillmatrix.y" in set(imported(tree))


def _connection_reaches(tree: ast.AST) -> list[int]:
    """Lines that reach into a store's connection: `<x>.db.<y>` or `<x>.db.conn`."""
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Attribute)
        and node.value.attr == "db"
        and not (isinstance(node.value.value, ast.Name) and node.value.value.id == "args")
    ]


def test_only_the_store_touches_its_connection():
    """exchange/, report/, operations/, the CLI and the window go through Store methods."""
    offenders = [
        f"{m}:{line}"
        for m, tree in modules()
        if not m.startswith("skillmatrix/store/")
        for line in _connection_reaches(tree)
    ]
    assert offenders == []
    assert _connection_reaches(ast.parse("store.db.conn.execute('x')")) != []
