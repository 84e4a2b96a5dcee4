"""Screenshots of issue 13's window changes, for a human to look at (not a test).

Usage:
    .venv/bin/python tests/ui/editor_screenshots.py OUTDIR

Runs itself three times on an offscreen screen of a fixed size (the platform's configfile):
1600×1000 at QT_SCALE_FACTOR 1 and 2 (the window as it opens, on a person with 40 entries)
and 1920×1080 maximised in 一覧表示. Writes screen_1600_s1.png, screen_1600_s2.png and
overview_1920.png, plus geometry lines on stdout.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def child(db: Path, out: Path, mode: str) -> None:
    from PySide6.QtWidgets import QApplication

    import skillmatrix.ui  # noqa: F401
    from skillmatrix.app import create_window
    from skillmatrix.ui.common.application import configure_application

    app = QApplication([])
    configure_application(app)
    window = create_window(db)
    if mode == "overview":
        window.action("actionOverview").setChecked(True)
        window.showMaximized()
    else:
        window.show()
    person = next(p for p in window.staff_panel.model.people() if p.name == "多田 実績")
    window.staff_panel.show_staff(person.id) if hasattr(window.staff_panel, "show_staff") else None
    window.session.select(person.id)
    for _ in range(10):
        app.processEvents()
    grid = window.sheet_editor.grid
    rows_visible = all(
        grid.rowViewportPosition(r) >= 0
        and grid.rowViewportPosition(r) + grid.rowHeight(r) <= grid.viewport().height()
        for r in range(8)
    )
    window.grab().save(str(out))
    screen = window.screen()
    frame = window.frameGeometry()
    print(
        json.dumps(
            {
                "image": out.name,
                "screen": [screen.geometry().width(), screen.geometry().height()],
                "dpr": screen.devicePixelRatio(),
                "frame": [frame.x(), frame.y(), frame.width(), frame.height()],
                "all_8_levels_visible": rows_visible,
            },
            ensure_ascii=False,
        )
    )
    window.action("actionOverview").setChecked(False)  # not remembered for the next run
    window.close()


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(Path(sys.argv[2]), Path(sys.argv[3]), sys.argv[4])
        return
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        from skillmatrix.demo.generated import generated_staff, seed_staff
        from skillmatrix.store.repository import Store
        from tests.ui.grid_people import forty_entry_person

        db = Path(tmp) / "screens.sqlite"
        with Store.create(db) as store:
            categories = store.categories()
            store.add_many(
                [forty_entry_person(categories)] + seed_staff(categories) + generated_staff(20, categories),
                "demo",
                "screenshots",
            )
        for name, (width, height), scale, mode in (
            ("screen_1600_s1.png", (1600, 1000), "1", "normal"),
            ("screen_1600_s2.png", (1600, 1000), "2", "normal"),
            ("overview_1920.png", (1920, 1080), "1", "overview"),
        ):
            screen = Path(tmp) / f"screen_{width}.json"
            screen.write_text(
                json.dumps({"screens": [{"name": "s", "x": 0, "y": 0, "width": width, "height": height}]})
            )
            env = dict(os.environ)
            env.update(
                QT_QPA_PLATFORM=f"offscreen:configfile={screen}",
                QT_SCALE_FACTOR=scale,
                XDG_DATA_HOME=str(Path(tmp) / "data"),
                LOCALAPPDATA=str(Path(tmp) / "data"),
            )
            subprocess.run(
                [sys.executable, __file__, "--child", str(db), str(out / name), mode], env=env, check=True
            )


if __name__ == "__main__":
    main()
