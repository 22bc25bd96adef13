"""A step's email as a draft file (message.eml) and as a mailto URI, read back by the
standard library as a mail client would."""

from __future__ import annotations

import email
from email import policy
from email.message import EmailMessage
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from fastapi.testclient import TestClient

AS_OF = "2026-11-24T15:00:00-05:00"


def _created(client: TestClient, body: dict[str, Any]) -> dict[str, Any]:
    body["contacts"][0]["name"] = "Zoë Müller"
    body["contacts"][0]["email"] = "zoe@acme.example"
    response = client.post("/v1/interviews", json=body)
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    return created


def _step(created: dict[str, Any], kind: str) -> dict[str, Any]:
    return next(s for s in created["plan"]["steps"] if s["kind"] == kind)


class TestMessageEml:
    def test_the_draft_round_trips_through_the_standard_parser(
        self, client: TestClient, body: dict[str, Any]
    ) -> None:
        created = _created(client, body)
        step = _step(created, "thank_you")
        message = step["message"]

        response = client.get(
            f"/v1/interviews/{created['id']}/steps/{step['id']}/message.eml",
            params={"as_of": AS_OF},
        )

        assert response.status_code == 200
        assert response.headers["content-type"] == "message/rfc822"
        assert response.headers["content-disposition"].startswith("attachment; filename=")
        raw = response.content
        assert raw.isascii()  # every header encoded, every body part transfer-encoded
        assert b"\r\n" in raw and b"=?utf-8?" in raw
        parsed = email.message_from_bytes(raw, policy=policy.default)
        assert isinstance(parsed, EmailMessage)
        assert parsed["X-Unsent"] == "1"
        assert str(parsed["To"]) == message["to"][0] == "Zoë Müller <zoe@acme.example>"
        assert parsed["To"].addresses[0].addr_spec == "zoe@acme.example"
        assert parsed["Subject"] == message["subject"]
        assert parsed["From"].addresses[0].addr_spec == body["candidate"]["email"]
        text = parsed.get_body(("plain",))
        html = parsed.get_body(("html",))
        assert text is not None and html is not None
        assert text.get_content().replace("\r\n", "\n").rstrip("\n") == message["body_text"]
        assert html.get_content().replace("\r\n", "\n").rstrip("\n") == message["body_html"]
        assert parsed.get_content_charset() is None  # multipart; each part is UTF-8
        assert text.get_content_charset() == "utf-8"

    def test_a_call_or_an_unknown_step_has_no_draft(
        self, client: TestClient, body: dict[str, Any]
    ) -> None:
        created = _created(client, body)
        base = f"/v1/interviews/{created['id']}/steps"
        move_on = _step(created, "move_on")

        unknown = client.get(f"{base}/thank_you:nobody/message.eml", params={"as_of": AS_OF})
        moving_on = client.get(f"{base}/{move_on['id']}/message.eml", params={"as_of": AS_OF})

        assert unknown.status_code == moving_on.status_code == 404
        assert unknown.headers["content-type"] == "application/problem+json"


class TestMailto:
    def test_each_email_opens_addressed_with_its_subject_and_body(
        self, client: TestClient, body: dict[str, Any]
    ) -> None:
        created = _created(client, body)

        for step in created["plan"]["steps"]:
            message = step["message"]
            if message is None or message["channel"] != "email":
                continue
            uri = urlsplit(message["mailto"])
            query = parse_qs(uri.query, strict_parsing=True)

            assert uri.scheme == "mailto"
            assert uri.query.isascii() and uri.path.isascii()
            addresses = [unquote(a) for a in uri.path.split(",")]
            assert addresses == [email.utils.parseaddr(t)[1] for t in message["to"]]
            assert query["subject"] == [message["subject"]]
            assert query["body"] == [message["body_text"].replace("\n", "\r\n")]
