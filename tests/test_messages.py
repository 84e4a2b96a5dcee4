"""Message texts below ui/ come from one module per layer (issue 12, item 2).

Every layer's messages.py holds its user-facing texts as named str.format templates; the
raise sites and validation problems below ui/ fill them in. These tests check the
templates (Japanese, fields that format, one meaning per field name) and that no raise
below ui/ carries its Japanese text inline again.
"""

import ast
import importlib
import re
import string
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "skillmatrix"

# Each layer's messages module. The inline check covers the whole package but ui/ and
# app.py (the window's, translated through Qt); operations/ has no texts of its own, and
# paths.py uses files/messages.py.
MESSAGE_MODULES = {
    "domain": "skillmatrix.domain.messages",
    "store": "skillmatrix.store.messages",
    "exchange": "skillmatrix.exchange.messages",
    "report": "skillmatrix.report.messages",
    "files": "skillmatrix.files.messages",
    "cli": "skillmatrix.cli.messages",
    "selftest": "skillmatrix.selftest.messages",
    "demo": "skillmatrix.demo.messages",
}
JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff66-\uff9f]")
TEMPLATE_NAME = re.compile(r"^[A-Z][A-Z0-9_]*$")


def templates(module_name):
    module = importlib.import_module(module_name)
    found = {name: value for name, value in vars(module).items() if TEMPLATE_NAME.match(name)}
    assert found, f"{module_name} holds no templates"
    return found


def all_templates():
    for module_name in MESSAGE_MODULES.values():
        for name, text in templates(module_name).items():
            yield pytest.param(module_name, name, text, id=f"{module_name.split('.')[-2]}.{name}")


def fields(text):
    """(name, conversion, format spec) of every replacement field in a template."""
    return [
        (field, conversion, spec)
        for _literal, field, spec, conversion in string.Formatter().parse(text)
        if field is not None
    ]


@pytest.mark.parametrize(("module_name", "name", "text"), list(all_templates()))
def test_every_template_is_japanese_and_formats_with_its_own_fields(module_name, name, text):
    assert isinstance(text, str), f"{module_name}.{name} is not a string"
    literal = "".join(part for part, *_ in string.Formatter().parse(text))
    assert JAPANESE.search(literal), f"{module_name}.{name} has no Japanese text: {text!r}"
    names = {field for field, _conversion, _spec in fields(text)}
    for field in names:
        # A field names what it holds: a plain identifier, no positional {} or {0}, no a.b
        assert field.isidentifier(), f"{module_name}.{name}: field {field!r} is not a name"
    # 1 satisfies every spec the templates use ({codepoint:04X}, {count:,}, {text!r}).
    text.format(**dict.fromkeys(names, 1))
    for field in names:
        with pytest.raises(KeyError):
            text.format(**dict.fromkeys(names - {field}, 1))


@pytest.mark.parametrize(("module_name", "name", "text"), list(all_templates()))
def test_no_field_is_named_twice_with_different_meanings(module_name, name, text):
    # The same name twice in one template must be the same value shown the same way.
    shown = {}
    for field, conversion, spec in fields(text):
        shown.setdefault(field, set()).add((conversion, spec))
    assert {f: s for f, s in shown.items() if len(s) > 1} == {}, f"{module_name}.{name}"


def test_every_template_is_used_and_only_through_its_own_layer():
    used = {}
    for path in PACKAGE.rglob("*.py"):
        if path.name == "messages.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        # `from skillmatrix.x import messages`, or inside a package whose __init__ imports
        # its modules (files, selftest) `import skillmatrix.files.messages as messages`
        imported = {
            f"{node.module}.{alias.name}"
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.module
            for alias in node.names
            if alias.name == "messages"
        } | {
            alias.name
            for node in ast.walk(tree)
            if isinstance(node, ast.Import)
            for alias in node.names
            if alias.asname == "messages"
        }
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
                if node.value.id == "messages":
                    for module_name in imported:
                        used.setdefault(module_name, set()).add(node.attr)
    for module_name in MESSAGE_MODULES.values():
        unused = set(templates(module_name)) - used.get(module_name, set())
        assert unused == set(), f"{module_name} holds templates nobody uses"
        missing = used.get(module_name, set()) - set(templates(module_name))
        assert missing == set(), f"code uses templates {module_name} does not have"


def _is_japanese_literal(node):
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return bool(JAPANESE.search(node.value))
    if isinstance(node, ast.JoinedStr):
        return any(_is_japanese_literal(value) for value in node.values)
    return False


def inline_japanese(source):
    """Line numbers where a raise, an error built to be raised or returned (SomeError(...)),
    or a validation's problems.append passes an inline string literal or f-string holding
    Japanese instead of a messages template."""
    offenders = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
            arguments = [*node.exc.args, *(keyword.value for keyword in node.exc.keywords)]
        elif isinstance(node, ast.Call) and _called_name(node).endswith(("Error", "Exception", "Warning")):
            arguments = [*node.args, *(keyword.value for keyword in node.keywords)]
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "append"
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == "problems"
        ):
            arguments = list(node.args)
        else:
            continue
        if any(_is_japanese_literal(argument) for argument in arguments):
            offenders.add(node.lineno)
    return sorted(offenders)


def _called_name(call):
    function = call.func
    if isinstance(function, ast.Attribute):
        return function.attr
    return function.id if isinstance(function, ast.Name) else ""


def checked_files():
    """Every module of the package except the window's (ui/ and app.py)."""
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).as_posix()
        if not (relative.startswith("ui/") or relative == "app.py"):
            yield path


def test_the_inline_check_finds_what_it_should():
    offending = (
        "def f(path, problems):\n"
        '    raise StoreError(f"データベースファイルが見つかりません: {path}")\n'
        '    raise ValueError("日付が空です")\n'
        '    raise DateError(message="日付が空です")\n'
        '    problems.append(f"{path}: 氏名が空です")\n'
        '    return store.StoreError(f"共有ファイルが壊れています: {path}")\n'
    )
    assert inline_japanese(offending) == [2, 3, 4, 5, 6]
    clean = (
        "def f(path, problems):\n"
        "    raise StoreError(messages.NOT_FOUND.format(path=path))\n"
        '    raise TypeError(f"PartialDate.year must be int, got {path!r}")\n'
        "    problems.append(messages.NAME_EMPTY.format(who=path))\n"
    )
    assert inline_japanese(clean) == []


def test_no_raise_below_the_window_carries_japanese_inline():
    assert list(checked_files()), "nothing checked"
    offenders = [
        f"{path.relative_to(PACKAGE.parent).as_posix()}:{line}"
        for path in checked_files()
        for line in inline_japanese(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_the_checked_parts_are_below_the_window():
    assert not {"ui", "app"} & set(MESSAGE_MODULES)
    for part, module_name in MESSAGE_MODULES.items():
        assert module_name == f"skillmatrix.{part}.messages"
        assert (PACKAGE / part / "messages.py").is_file()
