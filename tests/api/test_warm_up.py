"""The start-up warm-up: on for ``followup serve`` (the default), off for the rest of the suite."""

from __future__ import annotations

import gc
import logging

import pytest
from fastapi.testclient import TestClient

from app.main import create_app
from app.settings import Settings


def _settings(sqlite_url: str, **values: object) -> Settings:
    return Settings(_env_file=None, database_url=sqlite_url, **values)  # type: ignore[arg-type]


def test_it_is_on_unless_the_environment_says_otherwise(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("WARM_UP", raising=False)

    assert Settings(_env_file=None).warm_up is True  # type: ignore[call-arg]


def test_the_suite_runs_without_it() -> None:
    assert Settings(_env_file=None).warm_up is False  # type: ignore[call-arg]


def test_every_warm_up_request_is_answered_and_the_heap_frozen_until_shutdown(
    sqlite_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    with (
        caplog.at_level(logging.WARNING, logger="app.main"),
        TestClient(create_app(_settings(sqlite_url, warm_up=True))) as client,
    ):
        frozen = gc.get_freeze_count()
        health = client.get("/healthz")

    assert health.status_code == 200
    assert frozen > 0
    assert gc.get_freeze_count() == 0
    assert [r.getMessage() for r in caplog.records if r.name == "app.main"] == []


def test_without_it_nothing_is_frozen(sqlite_url: str) -> None:
    with TestClient(create_app(_settings(sqlite_url, warm_up=False))) as client:
        frozen = gc.get_freeze_count()
        assert client.get("/healthz").status_code == 200

    assert frozen == 0
