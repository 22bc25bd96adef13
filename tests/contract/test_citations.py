"""The repository cites only what a reader of it can open: docs/, not a specification or an
issue tracker it does not contain."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WHERE = ["app", "tests", "bench", "alembic", "docs", "pyproject.toml", "Makefile", "README.md"]
#: Built in pieces, so this file does not match itself.
CITATION = re.compile(
    r"\b" + "SPEC" + r"(?:\.md|'s| section| §| example)|\b" + "issue" + r" \d+", re.I
)


def _files() -> list[Path]:
    found = []
    for name in WHERE:
        path = ROOT / name
        if path.is_file():
            found.append(path)
        else:
            found += [p for p in path.rglob("*") if p.suffix in {".py", ".md", ".toml", ".ini"}]
    return found


def test_no_citation_of_what_the_repository_lacks() -> None:
    hits = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in _files()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if CITATION.search(line)
    ]

    assert hits == [], "cite docs/ instead:\n" + "\n".join(hits)
