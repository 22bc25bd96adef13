from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from app.db.session import Database
from app.main import create_app
from app.services.keys import issue_key
from app.settings import Settings


def new_key(database_url: str, account: str | None = None) -> str:
    """A key for a new (or the named) account."""
    db = Database(database_url, pool_size=1)
    try:
        return issue_key(db, account=account or f"account-{uuid.uuid4().hex[:12]}").key
    finally:
        db.dispose()


def bearer(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


@pytest.fixture
def settings(sqlite_url: str) -> Settings:
    return Settings(_env_file=None, database_url=sqlite_url)  # type: ignore[call-arg]


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    """A client of a fresh app, with a key of its own account on every request."""
    headers = bearer(new_key(settings.database_url))
    with TestClient(
        create_app(settings), raise_server_exceptions=False, headers=headers
    ) as test_client:
        yield test_client


@pytest.fixture
def anonymous(settings: Settings) -> Iterator[TestClient]:
    """A client that sends no key."""
    with TestClient(create_app(settings), raise_server_exceptions=False) as test_client:
        yield test_client
