"""The window survives the PySide6 6.12 / Python 3.11 reference-count defect (see
skillmatrix/ui/__init__.py): a long session of void Qt calls must not abort."""
import subprocess
import sys

SESSION = """
import skillmatrix.ui
from PySide6.QtCore import QObject
probe = QObject()
for _ in range(300_000):
    probe.setObjectName("x")  # each returns None; a lost reference each time would abort
print("survived", skillmatrix.ui.NONE_GUARD_APPLIED)
"""


def test_many_void_calls_do_not_abort_the_interpreter():
    result = subprocess.run([sys.executable, "-c", SESSION], capture_output=True, text=True,
                            timeout=120, cwd=str(__import__("pathlib").Path(__file__).resolve().parents[2]))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("survived")
