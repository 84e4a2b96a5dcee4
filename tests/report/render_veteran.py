"""Prints the demo's veteran (湘南 太郎, the seed's 20-year résumé) and renders it to PNG.

Run:  .venv/bin/python tests/report/render_veteran.py [--out-dir DIR] [--dpi 80] [PRINT OPTIONS]
e.g.  .venv/bin/python tests/report/render_veteran.py --out-dir /tmp/veteran --era wareki --confidential

It makes a demo database in a temporary folder (`main.py demo`), prints the veteran with
`main.py print --staff 湘南太郎` (extra arguments go to the print command), and renders
each page with `pdftoppm -r DPI -png` (poppler-utils). Look at the PNGs: the sheet should
read like the seed's 「スキル履歴書」, in Japanese, with nothing cut off. The images are not
kept in the repository; this script is.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str) -> None:
    p = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True, encoding="utf-8"
    )
    if p.returncode:
        raise SystemExit(p.stderr.strip() or f"main.py {args[0]} failed ({p.returncode})")
    print(p.stdout.strip())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out-dir", type=Path, default=Path(tempfile.gettempdir()) / "skillmatrix-veteran")
    parser.add_argument("--dpi", type=int, default=80)
    args, print_options = parser.parse_known_args()
    if not shutil.which("pdftoppm"):
        raise SystemExit("pdftoppm がありません（poppler-utils をインストールしてください）")
    args.out_dir.mkdir(parents=True, exist_ok=True)
    for old in args.out_dir.glob("veteran-*.png"):
        old.unlink()
    pdf = args.out_dir / "veteran.pdf"
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "demo.sqlite"
        run("demo", "--db", str(db))
        run("print", "--db", str(db), "--staff", "湘南太郎", "--out", str(pdf), *print_options)
    subprocess.run(
        ["pdftoppm", "-r", str(args.dpi), "-png", str(pdf), str(args.out_dir / "veteran")], check=True
    )
    for png in sorted(args.out_dir.glob("veteran-*.png")):
        print(png)


if __name__ == "__main__":
    main()
