"""Shared fixtures: the example interview of SPEC.md section 8, as a request body."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "interview.json"


@pytest.fixture
def body() -> dict[str, Any]:
    """A fresh copy of the SPEC's example request, safe to change in a test."""
    return copy.deepcopy(json.loads(EXAMPLE.read_text()))
