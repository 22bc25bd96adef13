"""A frontend's TypeScript client, generated from the contract with default options, compiles.

openapi-typescript writes the types of openapi/openapi.json into a temporary folder (never
into the tree: always from the committed contract, and two runs cannot clash), then
``tsc --strict --noEmit`` compiles clients/typescript/src/usage.ts, which calls every
operation through openapi-fetch with bodies of only the required fields and of every field.
The tools are the versions clients/typescript/package-lock.json pins, installed by
``make clients`` (``npm ci``, kept until the lock changes): this test never installs anything.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CLIENT = ROOT / "clients" / "typescript"
CONTRACT = ROOT / "openapi" / "openapi.json"
USAGE = CLIENT / "src" / "usage.ts"


def _tools() -> Path:
    """The pinned tools, or a skip (a failure under CI) that says what is missing."""
    if shutil.which("node") is None:
        missing = "Node.js is not installed: the TypeScript client check needs node and npm"
    elif not (CLIENT / "node_modules" / ".installed").exists():
        missing = "the TypeScript client tools are not installed: run `make clients` (npm ci)"
    else:
        return CLIENT / "node_modules" / ".bin"
    if os.environ.get("CI"):
        pytest.fail(f"{missing} (CI never skips this check)")
    pytest.skip(missing)


def _run(command: list[str], cwd: Path) -> None:
    done = subprocess.run(  # noqa: S603 - the pinned tools, on our own files
        command, cwd=cwd, capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, f"{' '.join(command)} failed:\n{done.stdout}\n{done.stderr}"


def test_the_usage_file_calls_every_operation() -> None:
    usage = USAGE.read_text()
    called = set(re.findall(r'client\.(GET|POST|PATCH|DELETE|PUT)\("([^"]+)"', usage))
    document = json.loads(CONTRACT.read_text())

    operations = {
        (method.upper(), path) for path, item in document["paths"].items() for method in item
    }

    assert operations - called == set(), "call these in clients/typescript/src/usage.ts"


def test_a_client_generated_with_default_options_compiles_under_strict(tmp_path: Path) -> None:
    tools = _tools()
    for name in ("tsconfig.json", "src/usage.ts"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        shutil.copy(CLIENT / name, tmp_path / name)
    (tmp_path / "node_modules").symlink_to(CLIENT / "node_modules")

    _run([str(tools / "openapi-typescript"), str(CONTRACT), "-o", "src/schema.d.ts"], tmp_path)
    _run([str(tools / "tsc"), "--strict", "--noEmit", "-p", "."], tmp_path)
