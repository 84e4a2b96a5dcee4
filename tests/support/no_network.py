"""Runs SkillMatrix with every socket refused: `python tests/support/no_network.py ARGS`.

An audit hook (PEP 578) sees every socket the interpreter creates, connects, binds or
resolves, including those of libraries; it records the attempt in the file named by
SKILLMATRIX_NETLOG and refuses it. Tests then check the log is empty.
"""

import os
import sys

EVENTS = {
    "socket.__new__",
    "socket.connect",
    "socket.bind",
    "socket.getaddrinfo",
    "socket.gethostbyname",
    "socket.sendto",
    "urllib.Request",
}
LOG = os.environ.get("SKILLMATRIX_NETLOG")


def refuse(event, args):
    if event in EVENTS:
        if LOG:
            with open(LOG, "a", encoding="utf-8") as f:
                f.write(f"{event} {args!r}\n")
        raise PermissionError(f"network blocked by test: {event}")


sys.addaudithook(refuse)
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
from skillmatrix.app import run  # noqa: E402

if __name__ == "__main__":
    code = run(sys.argv[1:])
    if os.environ.get("SKILLMATRIX_ASSERT_NO_QTNETWORK") and "PySide6.QtNetwork" in sys.modules:
        print("QtNetwork was imported", file=sys.stderr)
        code = 3
    raise SystemExit(code)
