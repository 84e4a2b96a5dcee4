"""Runs the window on a database, makes edits the way a user types them, prints READY and
keeps running until it is killed. Used by test_crash_safety.py.

Usage: python tests/ui/kill_driver.py DB_PATH
"""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QLineEdit, QTableView  # noqa: E402

from skillmatrix.app import create_window  # noqa: E402
from tests.ui.support import commit_text, focused, go_to  # noqa: E402


def main() -> None:
    app = QApplication(sys.argv[:1])
    window = create_window(Path(sys.argv[1]))
    window.show()
    window.activateWindow()
    QTest.qWaitForWindowActive(window)  # keyboard focus needs an active window
    window.action("actionNewStaff").trigger()
    name = window.findChild(QLineEdit, "nameEdit")
    commit_text(name, "強制終了 テスト")
    QTest.keyClick(name, Qt.Key.Key_Return)
    grid = window.findChild(QTableView, "skillGrid")
    grid.setFocus()
    go_to(grid, 2, 4)
    commit_text(grid, "ネットワーク基礎セミナー")
    QTest.keyClick(focused(), Qt.Key.Key_Return)  # the editor commits: in the file now
    app.processEvents()
    print("READY", flush=True)
    app.exec()


if __name__ == "__main__":
    main()
