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


class TestExplanationLanguage:
    def test_the_explanation_follows_accept_language_and_says_which(
        self, client: TestClient, body: dict[str, Any]
    ) -> None:
        response = client.post(
            "/v1/plans", json=body, headers={"Accept-Language": "de-AT,de;q=0.9,en;q=0.5"}
        )

        assert response.status_code == 200, response.text
        assert response.headers["content-language"] == "de"
        assert "accept-language" in response.headers["vary"].lower()
        plan = response.json()
        assert (
            plan["next_action"]["summary"] == "Senden Sie Bob Smith das Dankschreiben per E-Mail."
        )
        assert plan["status_reason"] == "Warten auf eine Entscheidung."
        # The letters keep the request's language: English here.
        assert plan["steps"][0]["message"]["body_text"].startswith("Hi Bob,")

    def test_two_languages_in_one_plan(self, client: TestClient, body: dict[str, Any]) -> None:
        response = client.post(
            "/v1/plans", json={**body, "language": "es"}, headers={"Accept-Language": "fr"}
        )

        plan = response.json()
        assert response.headers["content-language"] == "fr"
        assert plan["next_action"]["summary"].startswith("Envoyez votre message de remerciement")
        assert plan["steps"][0]["message"]["body_text"].startswith("Buenos días, Bob Smith:")

    def test_an_unsupported_language_gets_english(
        self, client: TestClient, body: dict[str, Any]
    ) -> None:
        response = client.post("/v1/plans", json=body, headers={"Accept-Language": "it, pt"})

        assert response.headers["content-language"] == "en"
        assert response.json()["status_reason"] == "Waiting for a decision."


def test_the_languages_are_listed_with_their_default_register(client: TestClient) -> None:
    response = client.get("/v1/languages")

    assert response.status_code == 200
    listed = response.json()
    assert listed["default"] == "en"
    assert [(lang["code"], lang["formality"]) for lang in listed["languages"]] == [
        ("en", "informal"),
        ("de", "formal"),
        ("fr", "formal"),
        ("es", "formal"),
    ]


def test_a_stored_interview_is_read_with_its_explanation_in_the_asked_language(
    client: TestClient, body: dict[str, Any]
) -> None:
    created = client.post("/v1/interviews", json={**body, "language": "fr"})
    assert created.status_code == 201, created.text
    url = created.headers["location"]

    read = client.get(url, headers={"Accept-Language": "es"})
    plan = client.get(f"{url}/plan", headers={"Accept-Language": "de"})

    assert read.headers["content-language"] == "es"
    assert read.json()["language"] == "fr"
    assert read.json()["plan"]["status_reason"] == "A la espera de una decisión."
    assert plan.headers["content-language"] == "de"
    assert plan.json()["steps"][0]["message"]["body_text"].startswith("Bonjour Bob Smith,")


class TestStoredAnswersExplain:
    """Creates, changes and events answer with the plan explained in the caller's language;
    a replayed create is the first answer, bytes and language alike."""

    def test_a_create_explains_in_the_callers_language_and_its_replay_says_the_same(
        self, client: TestClient, body: dict[str, Any]
    ) -> None:
        headers = {"Idempotency-Key": "lang-1", "Accept-Language": "de-AT"}
        first = client.post("/v1/interviews", json=body, headers=headers)
        again = client.post(
            "/v1/interviews", json=body, headers={**headers, "Accept-Language": "fr"}
        )

        assert first.status_code == again.status_code == 201, first.text
        assert first.headers["Content-Language"] == "de"
        assert first.json()["plan"]["next_action"]["summary"].startswith("Senden Sie")
        assert again.headers["Idempotent-Replayed"] == "true"
        assert again.headers["Content-Language"] == "de"
        assert again.content == first.content

    def test_an_event_and_a_patch_answer_in_the_callers_language(
        self, client: TestClient, body: dict[str, Any]
    ) -> None:
        created = client.post("/v1/interviews", json=body)
        assert created.headers["Content-Language"] == "en"
        path = f"/v1/interviews/{created.json()['id']}"
        event = client.post(
            f"{path}/events",
            json={"type": "withdrawn", "at": "2026-11-25T12:00:00Z"},
            headers={"Accept-Language": "es"},
        )
        assert event.status_code == 201, event.text
        assert event.headers["Content-Language"] == "es"
        assert event.json()["plan"]["status_reason"] != created.json()["plan"]["status_reason"]
        assert " the " not in event.json()["plan"]["status_reason"]

        patched = client.patch(
            path,
            json={"job_title": "Staff Data Engineer"},
            headers={
                "If-Match": event.headers["ETag"],
                "Content-Type": "application/merge-patch+json",
                "Accept-Language": "fr",
            },
        )
        assert patched.status_code == 200, patched.text
        assert patched.headers["Content-Language"] == "fr"
