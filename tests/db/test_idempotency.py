"""Idempotency records that outlive their request: abandoned claims and expired answers."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from datetime import timedelta

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient
from sqlmodel import col

from app.db.models import IdempotencyRecord, utcnow
from app.main import create_app
from app.services.idempotency import IDEMPOTENCY_TTL, IN_FLIGHT_TIMEOUT
from app.settings import Settings
from tests.api.conftest import bearer, new_key


@pytest.fixture
def api(database_url: str) -> Iterator[TestClient]:
    settings = Settings(_env_file=None, database_url=database_url, rate_limit=0)  # type: ignore[call-arg]
    app = create_app(settings)
    with TestClient(
        app, raise_server_exceptions=False, headers=bearer(new_key(database_url))
    ) as client:
        yield client


def _age(api: TestClient, key: str, by: timedelta, **values: object) -> None:
    db = api.app.state.db  # type: ignore[attr-defined]
    with db.write() as session:
        session.execute(
            sa.update(IdempotencyRecord)
            .where(col(IdempotencyRecord.key) == key)
            .values(created_at=utcnow() - by, **values)
        )


def test_a_claim_whose_request_died_is_taken_over(api: TestClient, body: dict) -> None:
    first = api.post("/v1/interviews", json=body, headers={"Idempotency-Key": "dead"})
    # As if the first request had died after claiming the key and before finishing.
    _age(api, "dead", IN_FLIGHT_TIMEOUT + timedelta(seconds=1), state="in_flight")

    retry = api.post("/v1/interviews", json=body, headers={"Idempotency-Key": "dead"})

    assert first.status_code == retry.status_code == 201
    assert "idempotent-replayed" not in retry.headers


def test_a_fresh_claim_is_409_with_retry_after(api: TestClient, body: dict) -> None:
    api.post("/v1/interviews", json=body, headers={"Idempotency-Key": "busy"})
    _age(api, "busy", timedelta(seconds=1), state="in_flight")

    response = api.post("/v1/interviews", json=body, headers={"Idempotency-Key": "busy"})

    assert response.status_code == 409
    assert response.headers["retry-after"] == "1"
    assert response.json()["type"] == "urn:followup:problem:idempotency-in-flight"


def test_an_expired_key_can_be_used_again_even_with_another_body(
    api: TestClient, body: dict
) -> None:
    api.post("/v1/interviews", json=body, headers={"Idempotency-Key": "old"})
    _age(api, "old", IDEMPOTENCY_TTL + timedelta(minutes=1))
    other = copy.deepcopy(body)
    other["company"] = "Later Corp"

    response = api.post("/v1/interviews", json=other, headers={"Idempotency-Key": "old"})

    assert response.status_code == 201
    assert response.json()["company"] == "Later Corp"


def _keys(api: TestClient) -> list[str]:
    db = api.app.state.db  # type: ignore[attr-defined]
    with db.read() as session:
        return list(session.scalars(sa.select(IdempotencyRecord.key)).all())


def test_records_past_their_24_hours_are_deleted(api: TestClient, body: dict) -> None:
    api.post("/v1/interviews", json=body, headers={"Idempotency-Key": "stale"})
    api.post("/v1/interviews", json=body, headers={"Idempotency-Key": "fresh"})
    _age(api, "stale", IDEMPOTENCY_TTL + timedelta(minutes=1))
    api.app.state.interviews.keys._swept_at = float("-inf")  # type: ignore[attr-defined]  # as a minute later

    api.post("/v1/interviews", json=body, headers={"Idempotency-Key": "next"})

    assert "stale" not in _keys(api)
    assert {"fresh", "next"} <= set(_keys(api))


def test_a_create_answered_503_leaves_its_key_free(
    api: TestClient, body: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlalchemy.exc import OperationalError

    from app.db import repositories

    real = repositories.add_interview

    def database_gone(**kwargs: object) -> None:
        raise OperationalError("INSERT", {}, Exception("server closed the connection"))

    monkeypatch.setattr(repositories, "add_interview", database_gone)
    failed = api.post("/v1/interviews", json=body, headers={"Idempotency-Key": "outage"})
    monkeypatch.setattr(repositories, "add_interview", real)
    retry = api.post("/v1/interviews", json=body, headers={"Idempotency-Key": "outage"})

    assert failed.status_code == 503
    assert retry.status_code == 201
    assert "idempotent-replayed" not in retry.headers
    assert api.get("/v1/interviews").json()["items"][0]["id"] == retry.json()["id"]
    assert len(api.get("/v1/interviews").json()["items"]) == 1
