"""The window's actions, menus and toolbar.

Every action has a stable objectName (../shared/spec/gui.md) and is reachable from the
menu bar. Actions whose feature another module provides — shared files (shared_dialogs.py)
and printing (print_actions.py) — are created here disabled with the tooltip 「準備中」; that
module connects them with AppWindow.action(name) and enables them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QStyle, QToolBar

from skillmatrix.ui.common.undo_keys import UndoKeys, redo_keys
from skillmatrix.ui.help.selftest import open_selftest_dialog

if TYPE_CHECKING:
    from skillmatrix.ui.common.app_window import AppWindow

# Provided by other modules; disabled until they connect them.
PENDING_ACTIONS = (
    "actionExportShared",
    "actionImport",
    "actionPrintPreview",
    "actionPrint",
    "actionExportPdf",
    "actionPrintAll",
)


def _keys(*sequences) -> list[QKeySequence]:
    """Returns the non-empty key sequences (QKeySequence.Quit is empty on Windows)."""
    result = []
    for seq in sequences:
        if isinstance(seq, QKeySequence.StandardKey):
            result += [k for k in QKeySequence.keyBindings(seq) if not k.isEmpty()]
        elif seq:
            result.append(QKeySequence(seq))
    return result


def build_actions(window: AppWindow) -> dict[str, QAction]:
    """Creates every action of the window; returns them by objectName."""
    tr = window.tr
    style = window.style()
    SK = QKeySequence.StandardKey
    specs = [
        # name, text, keys, slot, icon
        ("actionNewDatabase", tr("新しいデータベース(&W)…"), [], window.new_database, None),
        (
            "actionOpen",
            tr("開く(&O)…"),
            _keys(SK.Open),
            window.choose_database,
            QStyle.StandardPixmap.SP_DialogOpenButton,
        ),
        ("actionExportShared", tr("共有ファイルに書き出す(&E)…"), [], None, None),
        ("actionImport", tr("取り込む(&I)…"), [], None, None),
        (
            "actionPrintPreview",
            tr("印刷プレビュー(&V)…"),
            [],
            None,
            QStyle.StandardPixmap.SP_FileDialogContentsView,
        ),
        ("actionPrint", tr("印刷(&P)…"), _keys(SK.Print), None, None),
        ("actionExportPdf", tr("PDFに書き出す(&F)…"), [], None, None),
        ("actionPrintAll", tr("まとめて印刷(&M)…"), [], None, None),
        ("actionLoadDemo", tr("デモデータを読み込む(&D)"), [], window.load_demo, None),
        ("actionQuit", tr("終了(&X)"), _keys(SK.Quit) or _keys("Ctrl+Q"), window.close, None),
        ("actionUndo", tr("元に戻す(&U)"), _keys(SK.Undo), window.undo, QStyle.StandardPixmap.SP_ArrowBack),
        (
            "actionRedo",
            tr("やり直し(&R)"),
            redo_keys(),  # Ctrl+Y and Ctrl+Shift+Z on every platform
            window.redo,
            QStyle.StandardPixmap.SP_ArrowForward,
        ),
        ("actionFind", tr("職員を検索(&F)"), _keys(SK.Find), window.staff_panel.focus_filter, None),
        ("actionDefinitions", tr("レベルと分類の定義(&L)…"), [], window.show_definitions, None),
        (
            "actionNewStaff",
            tr("新しい職員(&N)"),
            _keys(SK.New),
            window.new_staff,
            QStyle.StandardPixmap.SP_FileIcon,
        ),
        (
            "actionDeleteStaff",
            tr("職員を削除(&D)…"),
            [],
            window.delete_staff,
            QStyle.StandardPixmap.SP_TrashIcon,
        ),
        ("actionMoveStaffUp", tr("上へ移動(&U)"), [], lambda: window.staff_panel.move_current(-1), None),
        ("actionMoveStaffDown", tr("下へ移動(&W)"), [], lambda: window.staff_panel.move_current(1), None),
        ("actionSortByKana", tr("ふりがな順に並べ替え(&K)"), [], window.sort_by_kana, None),
        ("actionManual", tr("操作説明(&M)"), [QKeySequence(Qt.Key.Key_F1)], window.show_manual, None),
        ("actionSelftest", tr("動作確認(&T)…"), [], lambda: open_selftest_dialog(window), None),
        ("actionAbout", tr("SkillMatrixについて(&A)"), [], window.about, None),
    ]
    actions = {}
    for name, text, keys, slot, icon in specs:
        action = QAction(text, window)
        action.setObjectName(name)
        if keys:
            action.setShortcuts(keys)
        if icon is not None:
            action.setIcon(style.standardIcon(icon))
        if slot is not None:
            action.triggered.connect(slot)
        window.addAction(action)
        actions[name] = action
    for name in PENDING_ACTIONS:
        actions[name].setEnabled(False)
        actions[name].setToolTip(tr("準備中"))
        actions[name].setStatusTip(tr("準備中"))
    # Delete and Alt+arrows act on people only while the staff list has the focus.
    list_view = window.staff_panel.view
    for name, keys in (
        ("actionDeleteStaff", [QKeySequence(Qt.Key.Key_Delete)]),
        ("actionMoveStaffUp", [QKeySequence("Alt+Up")]),
        ("actionMoveStaffDown", [QKeySequence("Alt+Down")]),
    ):
        actions[name].setShortcuts(keys)
        actions[name].setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        list_view.addAction(actions[name])
    # From every widget of the window (the department's dialogs have their own actions on
    # the same stack): text fields pass the keys on when they have nothing to undo.
    window.undo_keys = UndoKeys(actions["actionUndo"], actions["actionRedo"], window)
    group = QActionGroup(window)
    for name, text, style_name in (
        ("actionDateSeireki", tr("西暦で表示(&S)"), "seireki"),
        ("actionDateWareki", tr("和暦で表示(&W)"), "wareki"),
    ):
        action = QAction(text, group, checkable=True)
        action.setObjectName(name)
        action.setData(style_name)
        actions[name] = action
    group.triggered.connect(lambda action: window.set_date_style(action.data()))
    return actions


def build_menus(window: AppWindow, actions: dict[str, QAction]) -> None:
    """Fills the menu bar and the toolbar."""
    tr = window.tr
    bar = window.menuBar()

    def menu(title: str, names: list[str | None]):
        m = bar.addMenu(title)
        for name in names:
            if name is None:
                m.addSeparator()
            elif name == "recent":
                window.recent_menu = m.addMenu(tr("最近使ったファイル(&R)"))
                window.recent_menu.setObjectName("menuRecent")
                window.recent_menu.aboutToShow.connect(window.fill_recent_menu)
            elif name == "grid":
                for grid_action in window.sheet_editor.grid.grid_actions.values():
                    m.addAction(grid_action)
            else:
                m.addAction(actions[name])
        return m

    menu(
        tr("ファイル(&F)"),
        [
            "actionNewDatabase",
            "actionOpen",
            "recent",
            None,
            "actionExportShared",
            "actionImport",
            None,
            "actionPrintPreview",
            "actionPrint",
            "actionExportPdf",
            "actionPrintAll",
            None,
            "actionLoadDemo",
            None,
            "actionQuit",
        ],
    )
    menu(
        tr("編集(&E)"),
        ["actionUndo", "actionRedo", None, "grid", None, "actionFind", None, "actionDefinitions"],
    )
    menu(
        tr("職員(&S)"),
        [
            "actionNewStaff",
            "actionDeleteStaff",
            None,
            "actionMoveStaffUp",
            "actionMoveStaffDown",
            "actionSortByKana",
        ],
    )
    menu(tr("表示(&V)"), ["actionDateSeireki", "actionDateWareki"])
    menu(tr("ヘルプ(&H)"), ["actionManual", "actionSelftest", None, "actionAbout"])

    toolbar = QToolBar(tr("ツールバー"), window)
    toolbar.setObjectName("mainToolBar")
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    for name in (
        "actionNewStaff",
        "actionDeleteStaff",
        None,
        "actionUndo",
        "actionRedo",
        None,
        "actionPrintPreview",
    ):
        if name is None:
            toolbar.addSeparator()
        else:
            toolbar.addAction(actions[name])
    window.addToolBar(toolbar)
