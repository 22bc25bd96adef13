"""The language of the messages over HTTP: chosen per request, defaulted by the service."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.main import create_app
from app.settings import Settings
from tests.api.conftest import bearer, new_key


class TestPlanLanguage:
    def test_german_messages_with_formal_greeting_and_babel_dates(
        self, client: TestClient, body: dict[str, Any]
    ) -> None:
        response = client.post("/v1/plans", json={**body, "language": "de"})

        assert response.status_code == 200, response.text
        thank_you = response.json()["steps"][0]["message"]
        assert thank_you["subject"].startswith("Vielen Dank für das Gespräch")
        assert thank_you["body_text"].startswith("Guten Tag Bob Smith,")  # no title: neutral
        assert "Dienstag, 24. November 2026" in thank_you["body_text"]

    def test_an_unknown_language_is_a_422_naming_the_supported_ones(
        self, client: TestClient, body: dict[str, Any]
    ) -> None:
        response = client.post("/v1/plans", json={**body, "language": "it"})

        assert response.status_code == 422
        problem = response.json()
        (error,) = problem["errors"]
        assert error["field"] == "language"
        assert all(f"'{code}'" in error["message"] for code in ("en", "de", "fr", "es"))


@pytest.fixture
def french_by_default(sqlite_url: str) -> Iterator[TestClient]:
    settings = Settings(_env_file=None, database_url=sqlite_url, default_language="fr")  # type: ignore[call-arg]
    headers = bearer(new_key(settings.database_url))
    with TestClient(create_app(settings), raise_server_exceptions=False, headers=headers) as c:
        yield c


def test_the_service_default_language_applies_when_a_request_names_none(
    french_by_default: TestClient, body: dict[str, Any]
) -> None:
    response = french_by_default.post("/v1/plans", json=body)

    assert response.status_code == 200, response.text
    assert response.json()["steps"][0]["message"]["body_text"].startswith("Bonjour Bob Smith,")


class TestCheckLanguage:
    def test_a_german_draft_is_read_with_the_german_table_and_dictionary(
        self, client: TestClient
    ) -> None:
        draft = {
            "kind": "follow_up",
            "subject": "Nachfrage",
            "body": "Sehr geehrte Frau Diaz,\n\nwie hoch ist das Gehalt? Ich bin sehr "
            "interesiert.\n\nMit freundlichen Grüßen\nAnn Lee",
            "language": "de",
        }

        response = client.post("/v1/messages/check", json=draft)

        assert response.status_code == 200, response.text
        rules = {(f["rule"], f["span"]["text"]) for f in response.json()["findings"]}
        assert ("C-SALARY", "Gehalt") in rules
        assert ("C-SPELLING", "interesiert") in rules

    def test_an_unknown_language_is_a_422(self, client: TestClient) -> None:
        draft = {"kind": "follow_up", "body": "Ciao", "language": "it"}

        assert client.post("/v1/messages/check", json=draft).status_code == 422
