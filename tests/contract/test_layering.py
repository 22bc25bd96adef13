"""The domain is pure: it imports the standard library, holidays and dateutil, nothing else.

import-linter (make lint) forbids named packages; this test allows only named ones, so a new
dependency cannot slip into the domain unnoticed.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

DOMAIN = Path(__file__).resolve().parents[2] / "app" / "domain"
ALLOWED = set(sys.stdlib_module_names) | {"holidays", "dateutil", "app"}


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module)
    return found


def test_the_domain_imports_only_the_standard_library_holidays_and_dateutil() -> None:
    offenders = {}
    for path in sorted(DOMAIN.rglob("*.py")):
        bad = {
            name
            for name in _imports(path)
            if name.split(".")[0] not in ALLOWED
            or (name.startswith("app.") and not name.startswith("app.domain"))
        }
        if bad:
            offenders[path.name] = sorted(bad)

    assert offenders == {}
