"""Replies sent as text, on POST /v1/plans and on a stored interview's events: the plan reads
the outcome, shows what it read, and a given outcome always wins."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.main import create_app
from app.settings import Settings
from tests.api.conftest import bearer, new_key

AS_OF = "2026-12-07T12:00:00-05:00"
CAROL = "carol.diaz@acme.example"
AUTO_REPLY = "Automatic reply: I am out of the office until Thursday, December 10."


@pytest.fixture
def api(database_url: str) -> Iterator[TestClient]:
    settings = Settings(_env_file=None, database_url=database_url, rate_limit=0)  # type: ignore[call-arg]
    headers = bearer(new_key(database_url))
    with TestClient(create_app(settings), raise_server_exceptions=False, headers=headers) as client:
        yield client


def _follow_up(plan: dict[str, Any]) -> dict[str, Any]:
    (step,) = [s for s in plan["steps"] if s["kind"] == "follow_up"]
    return step


class TestReplyTextOnAPlan:
    def test_a_rejection_in_soft_words_closes_the_plan(
        self, client: TestClient, body: dict
    ) -> None:
        body["as_of"] = AS_OF
        body["events"] = [
            {
                "type": "reply_received",
                "at": "2026-12-03T10:00:00-05:00",
                "text": "After careful consideration we have decided to move forward with "
                "other candidates.",
            }
        ]

        plan = client.post("/v1/plans", json=body).json()

        assert plan["status"] == "closed"
        (reply,) = plan["replies"]
        assert (reply["outcome"], reply["given"], reply["recognized"]) == ("rejection", False, True)
        assert "move forward with other" in reply["matched"]

    def test_a_given_outcome_wins_over_the_text(self, client: TestClient, body: dict) -> None:
        body["as_of"] = AS_OF
        body["events"] = [
            {
                "type": "reply_received",
                "at": "2026-12-03T10:00:00-05:00",
                "text": "We have decided to move forward with other candidates.",
                "outcome": "next_round",
            }
        ]

        reply = client.post("/v1/plans", json=body).json()["replies"][0]

        assert (reply["outcome"], reply["given"]) == ("next_round", True)

    def test_a_reply_with_neither_outcome_nor_text_is_refused(
        self, client: TestClient, body: dict
    ) -> None:
        body["events"] = [{"type": "reply_received", "at": "2026-12-03T10:00:00-05:00"}]

        response = client.post("/v1/plans", json=body)

        assert response.status_code == 422
        assert response.json()["errors"][0]["field"] == "events[0].outcome"

    def test_out_of_office_as_an_outcome_with_a_return_date(
        self, client: TestClient, body: dict
    ) -> None:
        body["as_of"] = AS_OF
        body["events"] = [
            {"type": "thank_you_sent", "at": "2026-11-24T15:00:00-05:00"},
            {
                "type": "reply_received",
                "at": "2026-12-07T09:00:00-05:00",
                "contact_email": CAROL,
                "outcome": "out_of_office",
                "return_date": "2026-12-10",
            },
        ]

        plan = client.post("/v1/plans", json=body).json()

        assert plan["status"] == "active"
        assert _follow_up(plan)["window"]["earliest"].startswith("2026-12-14")


class TestReplyTextOnAStoredInterview:
    def test_an_auto_reply_is_stored_read_and_holds_the_follow_up(
        self, api: TestClient, body: dict
    ) -> None:
        body["thank_you_sent_at"] = "2026-11-24T15:00:00-05:00"
        created = api.post("/v1/interviews", json=body).json()
        url = f"/v1/interviews/{created['id']}"

        logged = api.post(
            f"{url}/events",
            json={
                "type": "reply_received",
                "at": "2026-12-07T09:00:00-05:00",
                "contact_email": CAROL,
                "text": AUTO_REPLY,
            },
        )
        assert logged.status_code == 201, logged.text
        stored = api.get(url, params={"as_of": AS_OF}).json()

        (event,) = stored["events"]
        assert (event["text"], event["outcome"], event["return_date"]) == (AUTO_REPLY, None, None)
        (reply,) = stored["plan"]["replies"]
        assert (reply["outcome"], reply["return_date"]) == ("out_of_office", "2026-12-10")
        assert stored["plan"]["status"] == "active"
        # Back Thu 12-10: nothing to Carol before Mon 12-14, the second business day after.
        assert _follow_up(stored["plan"])["window"]["earliest"].startswith("2026-12-14")
