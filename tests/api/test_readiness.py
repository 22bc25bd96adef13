"""/readyz and a database that is down or behind: 503 problem documents with Retry-After."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.main import create_app
from app.settings import Settings


def _client(database_url: str) -> TestClient:
    settings = Settings(_env_file=None, database_url=database_url)  # type: ignore[call-arg]
    return TestClient(create_app(settings), raise_server_exceptions=False)


def test_ready_when_the_database_is_at_the_latest_migration(database_url: str) -> None:
    with _client(database_url) as client:
        response = client.get("/readyz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_not_ready_before_the_migrations(tmp_path: Path) -> None:
    with _client(f"sqlite:///{tmp_path / 'new.db'}") as client:
        response = client.get("/readyz")

    assert response.status_code == 503
    assert response.headers["retry-after"] == "5"
    assert response.headers["content-type"] == "application/problem+json"
    assert "followup migrate" in response.json()["detail"]


@pytest.fixture
def unreachable() -> str:
    # Nothing listens on port 1 of the loopback: the connection is refused at once.
    return "postgresql://postgres@127.0.0.1:1/none"


def test_not_ready_when_the_database_is_unreachable(unreachable: str) -> None:
    with _client(unreachable) as client:
        response = client.get("/readyz")

    assert response.status_code == 503
    assert response.headers["retry-after"] == "5"
    assert "unreachable" in response.json()["detail"]


def test_a_request_that_needs_the_database_gets_503_not_500(unreachable: str) -> None:
    with _client(unreachable) as client:
        response = client.get(
            "/v1/interviews", headers={"Authorization": "Bearer fup_abcdefghijkl_" + "x" * 43}
        )

    assert response.status_code == 503
    assert response.headers["retry-after"] == "5"
    assert response.headers["content-type"] == "application/problem+json"
    assert "Traceback" not in response.text
