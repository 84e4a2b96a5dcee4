"""No network, ever: no module of the program imports a networking library.

Two views of the same rule. The source view parses every module's imports, so a lazy
import inside a function is caught too. The runtime view imports every module in a fresh
interpreter whose sockets are refused by an audit hook and checks that Qt's network
module never loads and no socket is attempted. (The standard library's xml.sax.saxutils,
used by reportlab, imports urllib.request itself; that is why the runtime view can only
check for sockets and QtNetwork, and the source view checks the program's own imports.)
"""

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "skillmatrix"
FORBIDDEN = {
    "ssl",
    "http",
    "urllib.request",
    "urllib3",
    "requests",
    "httpx",
    "aiohttp",
    "ftplib",
    "smtplib",
    "poplib",
    "imaplib",
    "nntplib",
    "telnetlib",
    "socketserver",
    "xmlrpc",
    "asyncio",
    "webbrowser",
    "websocket",
    "websockets",
    "paramiko",
    "PySide6.QtNetwork",
    "PySide6.QtNetworkAuth",
    "PySide6.QtWebEngineCore",
    "PySide6.QtWebEngineWidgets",
    "PySide6.QtWebSockets",
    "PySide6.QtHttpServer",
    "PySide6.QtRemoteObjects",
}
# socket is allowed for the host name written into the lock file, and for nothing else.
SOCKET_ALLOWED = {"gethostname"}


def forbidden(name: str) -> bool:
    return any(name == f or name.startswith(f + ".") for f in FORBIDDEN)


def imports(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name, None
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                yield node.lineno, node.module, alias.name


def violations(source: str, where: str) -> list[str]:
    tree = ast.parse(source)
    found = []
    for line, module, name in imports(tree):
        full = f"{module}.{name}" if name else module
        if forbidden(module) or forbidden(full):
            found.append(f"{where}:{line} imports {full}")
        elif module == "socket" and name and name not in SOCKET_ALLOWED:
            found.append(f"{where}:{line} imports socket.{name}")
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id == "socket"
            and node.attr not in SOCKET_ALLOWED
        ):
            found.append(f"{where}:{node.lineno} uses socket.{node.attr}")
    return found


def test_no_module_imports_a_network_library():
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        offenders += violations(path.read_text(encoding="utf-8"), path.relative_to(PACKAGE.parent).as_posix())
    assert offenders == []


def test_the_source_check_can_fail():
    bad = (
        "import urllib.request\nfrom http import client\nfrom PySide6.QtNetwork import QTcpSocket\n"
        "import socket\nsocket.create_connection(('x', 1))\nfrom socket import socket as s\n"
    )
    assert len(violations(bad, "m.py")) == 5
    assert (
        violations("import socket\nhost = socket.gethostname()\nfrom urllib.parse import quote\n", "m.py")
        == []
    )


PROBE = r"""
import importlib, json, pkgutil, sys
attempts = []
def refuse(event, args):
    if event.startswith("socket.") and event != "socket.gethostname":
        attempts.append(event)
        raise PermissionError("network blocked by test")
sys.addaudithook(refuse)
sys.path.insert(0, sys.argv[1])
import skillmatrix
failed = {}
for info in pkgutil.walk_packages(skillmatrix.__path__, "skillmatrix."):
    try:
        importlib.import_module(info.name)
    except Exception as e:
        failed[info.name] = repr(e)
print(json.dumps({"attempts": attempts, "failed": failed,
                  "qt_network": sorted(m for m in sys.modules if "QtNetwork" in m or "QtWebEngine" in m),
                  "modules": sorted(m for m in sys.modules if m.startswith("skillmatrix"))}))
"""


def test_importing_every_module_opens_no_socket_and_loads_no_qt_network(tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", PROBE, str(PACKAGE.parent)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout.strip().splitlines()[-1])
    assert found["failed"] == {}
    assert found["attempts"] == []
    assert found["qt_network"] == []
    assert "skillmatrix.ui" in found["modules"] and "skillmatrix.cli" in found["modules"]
