"""Draws the application icon: resources/icons/skillmatrix.png (256 px) and
resources/icons/skillmatrix.ico (16, 32, 48 and 256 px), both committed.

    python build/make_icon.py

The motif is the résumé's skill grid: a blue tile holding a grid whose columns (the
skill categories) are filled up to a level, rising from left to right. Each size is drawn
on its own, four times larger and scaled down, with fewer cells where pixels are few (a
16 px icon cannot show 8×8 cells), so that the small sizes stay sharp in Explorer and the
taskbar. The output depends only on this script (no fonts, no randomness), so running it
again gives the same files.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "resources" / "icons"
ICO_SIZES = (16, 32, 48, 256)
SUPERSAMPLE = 4

BACKGROUND = (31, 78, 121, 255)  # the deep blue of the résumé's headings
EMPTY_CELL = (86, 124, 160, 255)  # white at 25 % over the blue, opaque
FILLED_CELLS = ((255, 255, 255, 255), (255, 214, 102, 255))  # white, and gold for the top


def _grid_cells(size: int) -> int:
    """How many cells across and down the grid has at this pixel size."""
    if size <= 16:
        return 3
    if size <= 32:
        return 4
    if size <= 48:
        return 5
    return 8


def draw(size: int) -> Image.Image:
    """Returns the icon drawn at size × size pixels (RGBA)."""
    big = size * SUPERSAMPLE
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    margin = big * 0.04
    pen.rounded_rectangle((margin, margin, big - margin, big - margin), radius=big * 0.18, fill=BACKGROUND)
    cells = _grid_cells(size)
    inner = big * (0.18 if size > 16 else 0.16)
    span = big - 2 * inner
    gap = span * (0.06 if cells > 4 else 0.1)
    cell = (span - gap * (cells - 1)) / cells
    for column in range(cells):
        # Column c reaches level c+1 of cells: the staircase of a growing career.
        height = min(cells, column + 1 + (1 if column == cells - 1 else 0))
        for row in range(cells):
            level = cells - row  # rows from the bottom
            x0 = inner + column * (cell + gap)
            y0 = inner + row * (cell + gap)
            if level <= height:
                colour = FILLED_CELLS[1] if level == height and column == cells - 1 else FILLED_CELLS[0]
            else:
                colour = EMPTY_CELL
            pen.rectangle((x0, y0, x0 + cell, y0 + cell), fill=colour)
    return image.resize((size, size), Image.Resampling.LANCZOS)


def write_icons(folder: Path = ICONS) -> tuple[Path, Path]:
    """Writes skillmatrix.png and skillmatrix.ico into folder; returns their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    images = {size: draw(size) for size in ICO_SIZES}
    png = folder / "skillmatrix.png"
    images[256].save(png, format="PNG", optimize=True)
    ico = folder / "skillmatrix.ico"
    # Pillow takes each size from append_images when one matches, else scales the first.
    images[256].save(
        ico,
        format="ICO",
        sizes=[(s, s) for s in ICO_SIZES],
        append_images=[images[s] for s in ICO_SIZES if s != 256],
    )
    return png, ico


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="アプリケーションのアイコン（PNG と ICO）を作る")
    parser.add_argument("--dest", type=Path, default=ICONS, help="書き出すフォルダ（既定: resources/icons）")
    args = parser.parse_args(argv)
    for path in write_icons(args.dest):
        print(f"作成しました: {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
