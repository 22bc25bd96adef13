"""POST /v1/messages/check over HTTP, the way clients call it."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.api.routes.messages import CHECK_EXAMPLE
from app.api.schemas.messages import MessageCheckOut

PROBLEM = "application/problem+json"
GOOD_BODY = (
    "Hi Carol,\n\n"
    "I hope you are well. This is Ann Lee; I had a video interview for the Data Engineer "
    "position at Acme Corp on Tuesday, November 24, and I am writing to ask whether there is "
    "any update on your decision.\n\n"
    "I remain very interested in the role. Please let me know if I can provide any "
    "additional information.\n\nThank you again for your time and consideration.\n\n"
    "Best regards,\nAnn Lee\nann.lee@example.com"
)


def _request(**changes: Any) -> dict[str, Any]:
    request: dict[str, Any] = {
        "kind": "follow_up",
        "subject": "Follow-up regarding Data Engineer interview",
        "body": GOOD_BODY,
        "context": dict(CHECK_EXAMPLE["context"]),
    }
    request.update(changes)
    return request


def _fields(response: Any) -> set[str]:
    assert response.headers["content-type"] == PROBLEM
    problem = response.json()
    assert problem["status"] == response.status_code == 422
    return {error["field"] for error in problem["errors"]}


class TestCheckMessage:
    def test_a_good_follow_up_scores_100(self, client: TestClient) -> None:
        response = client.post("/v1/messages/check", json=_request())

        assert response.status_code == 200, response.text
        assert response.headers["content-type"] == "application/json"
        assert response.json() == {
            "score": 100,
            "findings": [],
            "word_count": 73,
            "word_budget": 150,
        }

    def test_the_documented_example_finds_what_it_shows(self, client: TestClient) -> None:
        response = client.post("/v1/messages/check", json=CHECK_EXAMPLE)

        result = MessageCheckOut.model_validate(response.json())  # the wire matches its schema
        rules = [finding.rule for finding in result.findings]
        assert rules[:2] == ["C-REPROACH", "C-SALARY"]  # errors first
        assert {"C-CASUAL", "C-DEMANDING", "C-SIGNATURE"} <= set(rules)
        assert result.score == 0

    def test_a_finding_carries_its_span_text_rules_and_sources(self, client: TestClient) -> None:
        body = GOOD_BODY.replace("I remain", "Please reply ASAP. I remain")

        (finding,) = client.post("/v1/messages/check", json=_request(body=body)).json()["findings"]

        start = body.index("ASAP")
        assert finding == {
            "rule": "C-DEMANDING",
            "severity": "warning",
            "message": "Rephrase “ASAP”: ask politely and leave the timing to them; "
            "demanding wording hurts (R13).",
            "span": {"part": "body", "start": start, "end": start + 4, "text": "ASAP"},
            "rules": ["R13"],
            "sources": [0],
        }

    def test_the_findings_speak_the_language_of_accept_language(self, client: TestClient) -> None:
        body = GOOD_BODY.replace("I remain", "Please reply ASAP. I remain")

        response = client.post(
            "/v1/messages/check", json=_request(body=body), headers={"Accept-Language": "de-AT"}
        )
        english = client.post("/v1/messages/check", json=_request(body=body))

        assert response.headers["content-language"] == "de"
        assert response.headers["vary"] == "Accept-Language"
        (finding,) = response.json()["findings"]
        assert finding["message"] == (
            "Formulieren Sie „ASAP“ um: Fragen Sie höflich und überlassen Sie den Zeitpunkt "
            "Ihrem Gegenüber; fordernde Worte schaden (R13)."
        )
        assert english.headers["content-language"] == "en"
        assert english.json()["findings"][0]["message"].startswith("Rephrase “ASAP”")

    def test_spans_count_characters_as_sent_even_around_spaces(self, client: TestClient) -> None:
        body = "  \n" + GOOD_BODY.replace("Acme Corp on", "Acme Corp (naïve 😀) on")

        findings = client.post("/v1/messages/check", json=_request(body=body)).json()["findings"]

        (casual,) = [f for f in findings if f["rule"] == "C-CASUAL"]
        span = casual["span"]
        assert body[span["start"] : span["end"]] == span["text"] == "😀"

    def test_a_subject_finding_points_into_the_subject(self, client: TestClient) -> None:
        subject = "URGENT: Data Engineer interview"

        (finding,) = client.post("/v1/messages/check", json=_request(subject=subject)).json()[
            "findings"
        ]

        assert finding["span"] == {"part": "subject", "start": 0, "end": 6, "text": "URGENT"}

    def test_a_voicemail_has_no_subject_and_its_own_budget(self, client: TestClient) -> None:
        script = (
            "Hello Carol, this is Ann Lee, following up on my video interview for the "
            "Data Engineer position on Tuesday, November 24. My number is +1 555 010 2030. "
            "That number again is +1 555 010 2030. Thank you. Goodbye."
        )

        response = client.post(
            "/v1/messages/check",
            json=_request(channel="phone", subject=None, body=script),
        )

        assert response.json()["findings"] == []
        assert response.json()["word_budget"] == 110

    def test_move_on_has_nothing_to_send(self, client: TestClient) -> None:
        response = client.post("/v1/messages/check", json=_request(kind="move_on"))

        assert [f["rule"] for f in response.json()["findings"]] == ["C-NOTHING-TO-SEND"]
        assert response.json()["word_budget"] is None

    def test_the_context_is_optional(self, client: TestClient) -> None:
        response = client.post("/v1/messages/check", json={"kind": "thank_you", "body": "Thanks!!"})

        assert response.status_code == 200
        rules = {f["rule"] for f in response.json()["findings"]}
        assert {"C-SUBJECT-MISSING", "C-CASUAL", "C-SIGNATURE", "C-NO-NAME"} <= rules

    def test_known_words_are_not_misspellings(self, client: TestClient) -> None:
        body = GOOD_BODY.replace(
            "I remain", "I enjoyed the hightouch and rudderstack talk. I remain"
        )
        request = _request(body=body)

        flagged = client.post("/v1/messages/check", json=request).json()["findings"]
        request["context"]["known_words"] = ["hightouch", "rudderstack"]
        accepted = client.post("/v1/messages/check", json=request).json()["findings"]

        assert [f["span"]["text"] for f in flagged] == ["hightouch", "rudderstack"]
        assert accepted == []


class TestCheckMessageRefuses:
    @pytest.mark.parametrize(
        ("change", "field"),
        [
            ({"kind": "reminder"}, "kind"),
            ({"channel": "fax"}, "channel"),
            ({"body": ""}, "body"),
            ({"body": "x" * 20001}, "body"),
            ({"subject": "x" * 301}, "subject"),
            ({"subject": 42}, "subject"),
            ({"tone": "friendly"}, "tone"),
            ({"context": {"interviewer_name": "x" * 201}}, "context.interviewer_name"),
            ({"context": {"company": ""}}, "context.company"),
            ({"context": {"interview_date": "24/11/2026"}}, "context.interview_date"),
            ({"context": {"interviewer_email": "c@acme.example"}}, "context.interviewer_email"),
            ({"context": {"known_words": ["x" * 61]}}, "context.known_words[0]"),
        ],
    )
    def test_invalid_fields_are_422_naming_the_field(
        self, client: TestClient, change: dict[str, Any], field: str
    ) -> None:
        response = client.post("/v1/messages/check", json=_request(**change))

        assert response.status_code == 422
        assert _fields(response) == {field}

    def test_a_missing_body_is_422(self, client: TestClient) -> None:
        response = client.post("/v1/messages/check", json={"kind": "follow_up"})

        assert _fields(response) == {"body"}

    def test_not_json_is_a_problem(self, client: TestClient) -> None:
        response = client.post(
            "/v1/messages/check",
            content=b"{not json",
            headers={"Content-Type": "application/json"},
        )

        assert response.status_code in (400, 422)
        assert response.headers["content-type"] == PROBLEM
