"""Starts SkillMatrix: `python main.py [ARGS]` is the same as the `skillmatrix` command."""

from skillmatrix.app import run

if __name__ == "__main__":
    raise SystemExit(run())
