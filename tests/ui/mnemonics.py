"""Finds Alt+letter mnemonics used twice in one window or dialog (issue 13 item 4).

Within a window, every label with a buddy, button, group box, tab and menu-bar title is
reached by Alt+letter from anywhere in it: one letter, one target. Within a menu, its
actions share the letter namespace of that menu only. Pages of a QStackedWidget that are
never shown together (the welcome page and the sheet) are walked separately.
"""

from __future__ import annotations

import re
from collections import defaultdict

from PySide6.QtWidgets import (
    QAbstractButton,
    QGroupBox,
    QLabel,
    QMenu,
    QStackedWidget,
    QTabBar,
    QWidget,
)

MNEMONIC = re.compile(r"&([^&\s])")


def mnemonic(text: str) -> str | None:
    match = MNEMONIC.search(text.replace("&&", ""))
    return match.group(1).upper() if match else None


def _texts(widget: QWidget) -> list[str]:
    if isinstance(widget, QLabel):
        return [widget.text()] if widget.buddy() is not None else []
    if isinstance(widget, QAbstractButton):
        return [widget.text()]
    if isinstance(widget, QGroupBox):
        return [widget.title()]
    if isinstance(widget, QTabBar):
        return [widget.tabText(i) for i in range(widget.count())]
    return []


def _walk(widget: QWidget, top: QWidget, found: list[tuple[str, str]], skip: set[int]) -> None:
    for child in widget.findChildren(QWidget, options=_direct()):
        if child.isWindow() or id(child) in skip or isinstance(child, QMenu):
            continue
        for text in _texts(child):
            letter = mnemonic(text)
            if letter:
                found.append((letter, f"{type(child).__name__} {child.objectName()} 「{text}」"))
        if isinstance(child, QStackedWidget) and child.count() > 1:
            # Pages never shown together: each page separately, with what surrounds them.
            for i in range(child.count()):
                page_found = list(found)
                _walk(child.widget(i), top, page_found, skip)
                found.extend(page_found[len(found) :])
            continue
        _walk(child, top, found, skip)


def _direct():
    from PySide6.QtCore import Qt

    return Qt.FindChildOption.FindDirectChildrenOnly


def clashes(window: QWidget) -> list[str]:
    """Returns a sentence per letter used twice in the window itself or in one of its menus."""
    problems = []
    found: list[tuple[str, str]] = []
    _walk(window, window, found, set())
    menu_bar = getattr(window, "menuBar", None)
    if menu_bar is not None and callable(menu_bar) and window.findChildren(QMenu):
        for action in window.menuBar().actions():
            letter = mnemonic(action.text())
            if letter:
                found.append((letter, f"menu 「{action.text()}」"))
    problems += _report(window.objectName(), found)
    for menu in window.findChildren(QMenu):
        entries = [(mnemonic(a.text()), f"「{a.text()}」") for a in menu.actions() if not a.isSeparator()]
        problems += _report(f"{window.objectName()} menu 「{menu.title()}」", [e for e in entries if e[0]])
    return problems


def _report(where: str, found: list[tuple[str, str]]) -> list[str]:
    by_letter = defaultdict(list)
    for letter, what in found:
        if what not in by_letter[letter]:
            by_letter[letter].append(what)
    return [f"{where}: Alt+{k} — " + ", ".join(v) for k, v in sorted(by_letter.items()) if len(v) > 1]
