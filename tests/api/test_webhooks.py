"""Webhook endpoints and calendar feeds over HTTP (SQLite and PostgreSQL)."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from icalendar import Calendar

from app.db.session import Database
from app.main import create_app
from app.services.webhook_dispatch import Dispatcher
from app.services.webhook_targets import check_url, resolve_public
from app.services.webhook_transport import HttpSender
from app.settings import Settings
from tests.api.conftest import bearer, new_key
from tests.webhook_receiver import Receiver, receiving


def _client(database_url: str, **settings: Any) -> TestClient:
    config = Settings(_env_file=None, database_url=database_url, rate_limit=0, **settings)  # type: ignore[call-arg]
    client = TestClient(
        create_app(config),
        raise_server_exceptions=False,
        headers=bearer(new_key(database_url)),
    )
    client.stranger = bearer(new_key(database_url))  # type: ignore[attr-defined]
    return client


@pytest.fixture
def api(database_url: str) -> Iterator[TestClient]:
    """An app that refuses private targets, as in production."""
    with _client(database_url) as client:
        yield client


@pytest.fixture
def local(database_url: str) -> Iterator[TestClient]:
    """An app that may send to loopback (WEBHOOK_ALLOW_PRIVATE, for tests)."""
    with _client(database_url, webhook_allow_private=True) as client:
        yield client


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    with receiving() as live:
        yield live


def _register(client: TestClient, url: str, **fields: Any) -> dict[str, Any]:
    response = client.post("/v1/webhook-endpoints", json={"url": url, **fields})
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    return created


class TestCreateWebhookEndpoint:
    def test_the_secret_is_shown_once(self, api: TestClient) -> None:
        created = _register(api, "https://ats.example.com/hooks", events=["step.due"])

        assert created["secret"].startswith("whsec_")
        assert created["events"] == ["step.due"] and created["enabled"] is True
        read = api.get(f"/v1/webhook-endpoints/{created['id']}")
        assert read.status_code == 200
        assert "secret" not in read.json()
        listed = api.get("/v1/webhook-endpoints").json()["items"]
        assert [e["id"] for e in listed] == [created["id"]]
        assert all("secret" not in e for e in listed)

    @pytest.mark.parametrize(
        "url",
        [
            "http://ats.example.com/hooks",
            "https://127.0.0.1/hooks",
            "https://[::1]/hooks",
            "https://10.0.0.1/hooks",
            "https://169.254.169.254/latest/meta-data",
            "https://0.0.0.0/hooks",
            "https://2130706433/hooks",
            "https://0177.0.0.1/hooks",
            "https://[::ffff:127.0.0.1]/hooks",
            "https://[fd00::1]/hooks",
            "https://localhost/hooks",
            "https://user:pass@ats.example.com/hooks",
            "ftp://ats.example.com/hooks",
        ],
    )
    def test_a_target_that_is_not_public_https_is_refused(self, api: TestClient, url: str) -> None:
        response = api.post("/v1/webhook-endpoints", json={"url": url})

        assert response.status_code == 422, response.text
        assert response.headers["content-type"] == "application/problem+json"

    def test_an_unknown_event_type_is_422(self, api: TestClient) -> None:
        response = api.post(
            "/v1/webhook-endpoints", json={"url": "https://a.example.com", "events": ["nope"]}
        )
        assert response.status_code == 422


class TestOtherAccounts:
    def test_another_accounts_endpoint_is_404_everywhere(self, api: TestClient) -> None:
        created = _register(api, "https://ats.example.com/hooks")
        base = f"/v1/webhook-endpoints/{created['id']}"
        stranger = api.stranger  # type: ignore[attr-defined]
        ping = api.post(f"{base}/test")
        assert ping.status_code == 202
        delivery = ping.json()["id"]

        for method, path, body in [
            ("GET", base, None),
            ("PATCH", base, {"enabled": False}),
            ("POST", f"{base}/rotate-secret", None),
            ("POST", f"{base}/test", None),
            ("GET", f"{base}/deliveries", None),
            ("POST", f"{base}/deliveries/{delivery}/retry", None),
            ("DELETE", base, None),
        ]:
            response = api.request(method, path, json=body, headers=stranger)
            assert response.status_code == 404, (method, path, response.text)
        assert api.get("/v1/webhook-endpoints", headers=stranger).json()["items"] == []
        assert api.get(base).json()["enabled"] is True

    def test_an_id_that_is_not_one_is_404(self, api: TestClient) -> None:
        assert api.get("/v1/webhook-endpoints/nope").status_code == 404


class TestChangeWebhookEndpoint:
    def test_turn_off_and_on_and_change_events(self, api: TestClient) -> None:
        created = _register(api, "https://ats.example.com/hooks")
        base = f"/v1/webhook-endpoints/{created['id']}"

        off = api.patch(base, json={"enabled": False, "events": ["ping"]})
        assert off.status_code == 200, off.text
        assert off.json()["enabled"] is False and off.json()["disabled_reason"]
        on = api.patch(base, json={"enabled": True})
        assert on.json()["enabled"] is True and on.json()["disabled_reason"] is None
        assert on.json()["events"] == ["ping"]
        assert api.patch(base, json={"url": None}).status_code == 422
        assert api.patch(base, json={"url": "https://10.1.2.3/"}).status_code == 422

    def test_rotate_answers_a_new_secret_and_when_the_old_one_stops(self, api: TestClient) -> None:
        created = _register(api, "https://ats.example.com/hooks")
        rotated = api.post(f"/v1/webhook-endpoints/{created['id']}/rotate-secret")

        assert rotated.status_code == 200
        assert rotated.json()["secret"] not in (None, created["secret"])
        assert rotated.json()["previous_secret_expires_at"] is not None

    def test_delete(self, api: TestClient) -> None:
        created = _register(api, "https://ats.example.com/hooks")
        assert api.delete(f"/v1/webhook-endpoints/{created['id']}").status_code == 204
        assert api.get(f"/v1/webhook-endpoints/{created['id']}").status_code == 404


class TestDeliveries:
    def test_ping_is_delivered_signed_and_logged_with_its_attempts(
        self, local: TestClient, receiver: Receiver, database_url: str
    ) -> None:
        created = _register(local, receiver.url)
        receiver.secrets.append(created["secret"])
        receiver.answers.append((503, {"Retry-After": "0"}, 0.0))
        base = f"/v1/webhook-endpoints/{created['id']}"
        ping = local.post(f"{base}/test").json()
        assert ping["type"] == "ping" and ping["state"] == "pending"

        db = Database(database_url)
        dispatcher = Dispatcher(db, sender=HttpSender(allow_private=True), retry_schedule=(0, 0, 0))
        try:
            dispatcher.tick()
            dispatcher.tick()
        finally:
            dispatcher.stop()
            db.dispose()

        assert [r.id for r in receiver.received] == [ping["id"]] * 2
        assert all(r.verified_with == [created["secret"]] for r in receiver.received)
        page = local.get(f"{base}/deliveries").json()
        [delivery] = page["items"]
        assert delivery["state"] == "delivered"
        assert [a["status_code"] for a in delivery["attempts"]] == [503, 200]
        assert delivery["payload"]["type"] == "ping"
        again = local.post(f"{base}/deliveries/{ping['id']}/retry")
        assert again.status_code == 202 and again.json()["state"] == "pending"
        assert local.post(f"{base}/deliveries/msg_nope/retry").status_code == 404

    def test_deliveries_page_on(self, api: TestClient) -> None:
        created = _register(api, "https://ats.example.com/hooks")
        base = f"/v1/webhook-endpoints/{created['id']}"
        sent = [api.post(f"{base}/test").json()["id"] for _ in range(3)]

        first = api.get(f"{base}/deliveries", params={"limit": 2}).json()
        second = api.get(
            f"{base}/deliveries", params={"limit": 2, "cursor": first["next_cursor"]}
        ).json()

        seen = [d["id"] for d in first["items"] + second["items"]]
        assert sorted(seen) == sorted(sent) and second["next_cursor"] is None
        bad = api.get(f"{base}/deliveries", params={"cursor": "!!"})
        assert bad.status_code == 422
        # A forged cursor with a moment and no offset is refused too, as on the interview list.
        naive = base64.urlsafe_b64encode(b'["2026-11-30T10:00:00","msg_x"]').decode()
        forged = api.get(f"{base}/deliveries", params={"cursor": naive})
        assert forged.status_code == 422
        assert forged.json()["errors"][0]["field"] == "query.cursor"


def test_a_name_that_resolves_to_loopback_is_refused_when_connecting() -> None:
    assert check_url("https://localhost/hooks", allow_private=False) is not None
    with pytest.raises(PermissionError):
        resolve_public("localhost", 443, allow_private=False)
    with pytest.raises(PermissionError):
        resolve_public("2130706433", 443, allow_private=False)
    assert resolve_public("127.0.0.1", 80, allow_private=True) == ["127.0.0.1"]


def test_the_sender_refuses_a_private_address_at_connect() -> None:
    sender = HttpSender(allow_private=False, timeout=2)
    try:
        outcome = sender.send("https://127.0.0.1:9/hooks", {}, b"{}")
    finally:
        sender.close()
    assert outcome.status_code is None
    assert "not a public address" in (outcome.error or "")


# -- calendar feeds ---------------------------------------------------------------------------


def _interview(client: TestClient, body: dict[str, Any]) -> str:
    response = client.post("/v1/interviews", json=body)
    assert response.status_code == 201, response.text
    ident: str = response.json()["id"]
    return ident


class TestCalendarFeeds:
    def test_a_feed_needs_no_header_and_answers_304_when_unchanged(
        self, api: TestClient, body: dict[str, Any]
    ) -> None:
        interview = _interview(api, body)
        created = api.post("/v1/calendar-feeds", json={"interview_id": interview})
        assert created.status_code == 201, created.text
        feed = created.json()
        assert feed["webcal_url"].startswith("webcal://")
        path = feed["url"].split("://", 1)[1].split("/", 1)[1]

        anonymous = api.get(f"/{path}", headers={"Authorization": ""})
        assert anonymous.status_code == 200, anonymous.text
        assert anonymous.headers["content-type"].startswith("text/calendar")
        calendar = Calendar.from_ical(anonymous.content)
        assert "REFRESH-INTERVAL" in calendar and "X-PUBLISHED-TTL" in calendar
        events = calendar.walk("VEVENT")
        assert events and all(interview in str(e["UID"]) for e in events)
        assert {int(e["SEQUENCE"]) for e in events} == {1}
        assert all("VALARM" in [c.name for c in e.subcomponents] for e in events)

        etag = anonymous.headers["etag"]
        again = api.get(f"/{path}", headers={"If-None-Match": etag})
        assert again.status_code == 304

        # A change to the interview raises every SEQUENCE and changes the ETag.
        patched = api.patch(
            f"/v1/interviews/{interview}",
            json={"job_title": "Staff Engineer"},
            headers={"If-Match": '"1"'},
        )
        assert patched.status_code == 200, patched.text
        changed = api.get(f"/{path}", headers={"If-None-Match": etag})
        assert changed.status_code == 200
        assert {int(e["SEQUENCE"]) for e in Calendar.from_ical(changed.content).walk("VEVENT")} == {
            2
        }

    def test_revoked_is_404_and_others_never_see_it(
        self, api: TestClient, body: dict[str, Any]
    ) -> None:
        interview = _interview(api, body)
        stranger = api.stranger  # type: ignore[attr-defined]
        assert (
            api.post(
                "/v1/calendar-feeds", json={"interview_id": interview}, headers=stranger
            ).status_code
            == 404
        )
        feed = api.post("/v1/calendar-feeds", json={}).json()
        path = "/" + feed["url"].split("://", 1)[1].split("/", 1)[1]
        account_feed = Calendar.from_ical(api.get(path).content)
        assert any(interview in str(e["UID"]) for e in account_feed.walk("VEVENT"))

        assert api.get("/v1/calendar-feeds", headers=stranger).json()["items"] == []
        assert [f["id"] for f in api.get("/v1/calendar-feeds").json()["items"]] == [feed["id"]]
        assert api.delete(f"/v1/calendar-feeds/{feed['id']}", headers=stranger).status_code == 404
        assert api.delete(f"/v1/calendar-feeds/{feed['id']}").status_code == 204
        assert api.get(path).status_code == 404
        assert api.get("/feeds/not-a-token.ics").status_code == 404


def _due_now(client: TestClient, body: dict[str, Any]) -> dict[str, Any]:
    """The example, held a number of hours ago such that a step is due right now."""
    now = datetime.now(UTC)
    for hours in range(1, 24 * 8, 3):
        held = {**body, "as_of": None}
        starts = (now - timedelta(hours=hours)).replace(microsecond=0)
        held["interview"] = {
            **body["interview"],
            "starts_at": starts.isoformat(),
            "timezone": "UTC",
        }
        plan = client.post("/v1/plans", json=held).json()
        if any(step["status"] == "due" for step in plan["steps"]):
            return held
    raise AssertionError("no hour of the last week gives a step due now")


def test_a_step_due_reaches_a_receiver_through_the_served_app(
    database_url: str, receiver: Receiver, body: dict[str, Any]
) -> None:
    """The app's own dispatcher (DISPATCHER on) announces a step that is due now."""
    with _client(
        database_url, webhook_allow_private=True, dispatcher=True, dispatch_interval_seconds=0.1
    ) as client:
        body = _due_now(client, body)
        created = _register(client, receiver.url, events=["step.due"])
        receiver.secrets.append(created["secret"])
        assert client.post("/v1/interviews", json=body).status_code == 201
        received = receiver.wait_for(1, timeout=15)
    assert received and received[0].json["type"] == "step.due"
    assert received[0].verified_with == [created["secret"]]
