"""Child process of test_x11_smoke.py: runs the program as `main.py --demo` does, on the
X server named by DISPLAY with Qt's xcb platform, and drives it from inside.

Once the window is shown: Ctrl+F, a keystroke typed into the staff filter (QTest, real key
events through the window), the filtered list checked, the whole X screen grabbed to a PNG
(what the X server shows, not a widget rendering), then the window is closed and
`run()` returns its exit status. Writes what it saw as JSON to argv[1].
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def main() -> int:
    result_path, screenshot = Path(sys.argv[1]), Path(sys.argv[2])
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QLineEdit

    from skillmatrix.app import run
    from skillmatrix.ui.main_window import MainWindow

    seen: dict = {}

    def drive() -> None:
        app = QApplication.instance()
        window = next((w for w in app.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()), None)
        if window is None or window.windowHandle() is None or not window.windowHandle().isExposed():
            QTimer.singleShot(100, drive)
            return
        # No window manager runs on the bare X server: give the window the focus directly.
        window.activateWindow()
        QTest.qWaitForWindowActive(window, 5000)
        seen["platform"] = QGuiApplication.platformName()
        model = window.staff_panel.model
        seen["rows_before"] = model.rowCount()
        QTest.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
        box = window.findChild(QLineEdit, "staffFilter")
        seen["filter_focused"] = QApplication.focusWidget() is box
        QTest.keyClicks(QApplication.focusWidget(), "cobol")  # in 湘南 太郎's entries only
        QTest.qWait(600)  # the filter runs after a short pause in typing
        seen["filter"] = box.text()
        seen["rows_after"] = model.rowCount()
        image = window.screen().grabWindow(0)  # the X server's framebuffer
        seen["screenshot"] = image.save(str(screenshot), "PNG")
        seen["screen"] = [image.width(), image.height()]
        window.close()

    # run() uses this application (QApplication.instance()); made here so that the timer
    # below has an event loop to fire in.
    app = QApplication(sys.argv[:1])
    QTimer.singleShot(200, drive)
    status = run(["--demo"])
    del app
    seen["status"] = status
    result_path.write_text(json.dumps(seen), encoding="utf-8")
    return status


if __name__ == "__main__":
    raise SystemExit(main())
