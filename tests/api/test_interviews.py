"""Stored interviews over HTTP, on SQLite and on PostgreSQL (every test runs on both)."""

from __future__ import annotations

import copy
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient

from app.db.models import InterviewEvent
from app.db.session import Database
from app.main import create_app
from app.settings import Settings
from tests.api.conftest import bearer, new_key

AS_OF = "2026-11-24T15:00:00-05:00"


@pytest.fixture
def api(database_url: str) -> Iterator[TestClient]:
    settings = Settings(_env_file=None, database_url=database_url, rate_limit=0)  # type: ignore[call-arg]
    headers = bearer(new_key(database_url))
    with TestClient(create_app(settings), raise_server_exceptions=False, headers=headers) as client:
        client.stranger = bearer(new_key(database_url))  # type: ignore[attr-defined]
        yield client


def _create(api: TestClient, body: dict[str, Any], **headers: str) -> dict[str, Any]:
    response = api.post("/v1/interviews", json=body, headers=headers)
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    return created


def _steps(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {step["kind"]: step for step in document["plan"]["steps"]}


def _stored(api: TestClient, url: str) -> tuple[str, dict[str, Any]]:
    """The interview's ETag and fields as stored (its plan aside: planned as of each read)."""
    response = api.get(url)
    assert response.status_code == 200, response.text
    fields = {key: value for key, value in response.json().items() if key != "plan"}
    return response.headers["etag"], fields


def _events_in_database(database_url: str, interview_id: str) -> int:
    db = Database(database_url, pool_size=1)
    try:
        with db.engine.connect() as connection:
            count: int = connection.execute(
                sa.select(sa.func.count())
                .select_from(InterviewEvent)
                .where(InterviewEvent.interview_id == uuid.UUID(interview_id))
            ).scalar_one()
            return count
    finally:
        db.dispose()


class TestCreateInterview:
    def test_answers_201_with_location_etag_the_fields_and_the_plan(
        self, api: TestClient, body: dict
    ) -> None:
        response = api.post("/v1/interviews", json=body)

        assert response.status_code == 201
        created = response.json()
        assert response.headers["location"] == f"/v1/interviews/{created['id']}"
        assert response.headers["etag"] == '"1"'
        assert created["company"] == "Acme Corp"
        assert created["contacts"][0]["name"] == "Bob Smith"
        assert created["events"] == []
        assert created["plan"]["as_of"] == AS_OF
        assert created["plan"]["next_action"]["kind"] == "thank_you"
        assert "as_of" not in created  # fixes the answer's plan, is not stored
        assert created["created_at"] == created["updated_at"]

    def test_the_stored_interview_reads_back_the_same(self, api: TestClient, body: dict) -> None:
        created = _create(api, body)

        response = api.get(f"/v1/interviews/{created['id']}", params={"as_of": AS_OF})

        assert response.status_code == 200
        assert response.headers["etag"] == '"1"'
        assert response.json() == created

    def test_first_events_are_stored_in_order(self, api: TestClient, body: dict) -> None:
        body["events"] = [
            {"type": "thank_you_sent", "at": "2026-11-24T13:00:00-05:00"},
        ]

        created = _create(api, body)

        assert [(e["seq"], e["type"]) for e in created["events"]] == [(1, "thank_you_sent")]
        assert created["events"][0]["at"] == "2026-11-24T13:00:00-05:00"
        assert _steps(created)["thank_you"]["status"] == "done"

    @pytest.mark.parametrize("field", ["id", "account", "account_id", "created_at", "plan"])
    def test_server_owned_fields_are_refused(self, api: TestClient, body: dict, field: str) -> None:
        body[field] = "00000000-0000-0000-0000-000000000000"

        response = api.post("/v1/interviews", json=body)

        assert response.status_code == 422
        assert response.headers["content-type"] == "application/problem+json"
        assert [e["field"] for e in response.json()["errors"]] == [field]

    def test_an_invalid_interview_writes_nothing(self, api: TestClient, body: dict) -> None:
        body["calendar"] = {"country": "XX"}

        response = api.post("/v1/interviews", json=body)

        assert response.status_code == 422
        assert api.get("/v1/interviews").json()["items"] == []

    def test_an_event_for_someone_else_is_refused(self, api: TestClient, body: dict) -> None:
        body["events"] = [
            {"type": "follow_up_sent", "at": AS_OF, "contact_email": "nobody@else.example"}
        ]

        response = api.post("/v1/interviews", json=body)

        assert response.status_code == 422
        assert response.json()["errors"][0]["field"] == "events[0].contact_email"

    def test_a_reply_needs_an_outcome(self, api: TestClient, body: dict) -> None:
        body["events"] = [{"type": "reply_received", "at": AS_OF}]

        response = api.post("/v1/interviews", json=body)

        assert response.status_code == 422
        assert response.json()["errors"][0]["field"] == "events[0].outcome"


class TestIdempotentCreate:
    def test_a_replay_gives_the_first_answer_and_one_row(self, api: TestClient, body: dict) -> None:
        first = api.post("/v1/interviews", json=body, headers={"Idempotency-Key": "k-1"})
        again = api.post("/v1/interviews", json=body, headers={"Idempotency-Key": "k-1"})

        assert first.status_code == again.status_code == 201
        assert again.content == first.content
        assert again.headers["location"] == first.headers["location"]
        assert again.headers["etag"] == first.headers["etag"]
        assert again.headers["idempotent-replayed"] == "true"
        assert len(api.get("/v1/interviews").json()["items"]) == 1

    def test_the_same_key_with_another_body_is_422(self, api: TestClient, body: dict) -> None:
        api.post("/v1/interviews", json=body, headers={"Idempotency-Key": "k-2"})
        body["company"] = "Other Corp"

        response = api.post("/v1/interviews", json=body, headers={"Idempotency-Key": "k-2"})

        assert response.status_code == 422
        assert response.json()["type"] == "urn:followup:problem:idempotency-key-reused"

    def test_keys_belong_to_their_account(self, api: TestClient, body: dict) -> None:
        mine = api.post("/v1/interviews", json=body, headers={"Idempotency-Key": "shared"})
        theirs = api.post(
            "/v1/interviews",
            json=body,
            headers={**api.stranger, "Idempotency-Key": "shared"},  # type: ignore[attr-defined]
        )

        assert mine.status_code == theirs.status_code == 201
        assert mine.json()["id"] != theirs.json()["id"]

    def test_a_failed_create_frees_its_key(self, api: TestClient, body: dict) -> None:
        bad = copy.deepcopy(body)
        bad["calendar"] = {"country": "XX"}
        assert (
            api.post("/v1/interviews", json=bad, headers={"Idempotency-Key": "k-3"}).status_code
            == 422
        )

        response = api.post("/v1/interviews", json=body, headers={"Idempotency-Key": "k-3"})

        assert response.status_code == 201


class TestListInterviews:
    def test_newest_first_with_cursor_pages(self, api: TestClient, body: dict) -> None:
        ids = []
        for n in range(5):
            body["company"] = f"Company {n}"
            ids.append(_create(api, body)["id"])

        seen: list[str] = []
        cursor = None
        while True:
            params: dict[str, Any] = {"limit": 2, "as_of": AS_OF}
            if cursor:
                params["cursor"] = cursor
            page = api.get("/v1/interviews", params=params).json()
            seen.extend(item["id"] for item in page["items"])
            cursor = page["next_cursor"]
            if cursor is None:
                break

        assert seen == list(reversed(ids))

    def test_items_carry_the_plan_status_and_next_action(self, api: TestClient, body: dict) -> None:
        _create(api, body)

        item = api.get("/v1/interviews", params={"as_of": AS_OF}).json()["items"][0]

        assert item["status"] == "active"
        assert item["next_action"]["kind"] == "thank_you"
        assert item["candidate"] == "Ann Lee"

    def test_filters_by_company_in_any_case(self, api: TestClient, body: dict) -> None:
        _create(api, body)
        body["company"] = "Globex"
        _create(api, body)

        page = api.get("/v1/interviews", params={"company": "acme corp"}).json()

        assert [item["company"] for item in page["items"]] == ["Acme Corp"]

    def test_filters_by_status(self, api: TestClient, body: dict) -> None:
        open_one = _create(api, body)
        closed = _create(api, body)
        api.post(
            f"/v1/interviews/{closed['id']}/events",
            json={"type": "reply_received", "at": "2026-11-25T10:00:00-05:00", "outcome": "offer"},
        )

        def ids(status: str) -> list[str]:
            page = api.get("/v1/interviews", params={"status": status, "as_of": AS_OF}).json()
            return [item["id"] for item in page["items"]]

        assert ids("closed") == [closed["id"]]
        assert ids("active") == [open_one["id"]]
        assert ids("moved_on") == []

    def test_filters_by_next_action_before(self, api: TestClient, body: dict) -> None:
        soon = _create(api, body)
        later = copy.deepcopy(body)
        later["interview"]["starts_at"] = "2027-02-02T10:00:00-05:00"
        _create(api, later)

        page = api.get(
            "/v1/interviews", params={"next_action_before": "2026-12-01T00:00:00Z"}
        ).json()

        assert [item["id"] for item in page["items"]] == [soon["id"]]

    def test_next_action_before_pages_soonest_first(self, api: TestClient, body: dict) -> None:
        starts = [
            "2026-11-10T10:00:00-05:00",
            "2026-11-03T10:00:00-05:00",
            "2026-11-17T10:00:00-05:00",
        ]
        ids = {}
        for start in starts:
            body["interview"]["starts_at"] = start
            ids[start] = _create(api, body)["id"]
        params = {"next_action_before": "2027-01-01T00:00:00Z", "limit": 2}

        first = api.get("/v1/interviews", params=params).json()
        second = api.get("/v1/interviews", params={**params, "cursor": first["next_cursor"]}).json()

        seen = [item["id"] for item in first["items"] + second["items"]]
        assert seen == [ids[start] for start in sorted(starts)]
        assert second["next_cursor"] is None

    @pytest.mark.parametrize(
        ("params", "field"),
        [
            ({"cursor": "not-a-cursor"}, "query.cursor"),
            ({"status": "sleeping"}, "query.status"),
            ({"limit": 0}, "query.limit"),
            ({"as_of": "2026-11-24T10:00:00"}, "query.as_of"),
        ],
    )
    def test_bad_parameters_are_named(
        self, api: TestClient, params: dict[str, Any], field: str
    ) -> None:
        response = api.get("/v1/interviews", params=params)

        assert response.status_code == 422
        assert [e["field"] for e in response.json()["errors"]] == [field]


class TestUpdateInterview:
    def test_a_merge_patch_with_the_etag_changes_the_facts_and_the_plan(
        self, api: TestClient, body: dict
    ) -> None:
        created = _create(api, body)
        url = f"/v1/interviews/{created['id']}"

        response = api.patch(
            url,
            json={"decision_timeline": {"text": "by December 18"}, "job_family": None},
            headers={"If-Match": '"1"', "Content-Type": "application/merge-patch+json"},
        )

        assert response.status_code == 200, response.text
        assert response.headers["etag"] == '"2"'
        changed = response.json()
        assert changed["decision_timeline"]["text"] == "by December 18"
        assert changed["job_family"] is None
        assert changed["plan"]["timeline"]["deadline"] == "2026-12-18"
        assert changed["contacts"] == created["contacts"]
        assert api.get(url).headers["etag"] == '"2"'

    def test_without_if_match_is_428(self, api: TestClient, body: dict) -> None:
        created = _create(api, body)

        response = api.patch(f"/v1/interviews/{created['id']}", json={"company": "X"})

        assert response.status_code == 428
        assert response.headers["content-type"] == "application/problem+json"

    def test_a_stale_etag_is_412_and_changes_nothing(self, api: TestClient, body: dict) -> None:
        created = _create(api, body)
        url = f"/v1/interviews/{created['id']}"
        api.patch(url, json={"company": "First"}, headers={"If-Match": '"1"'})

        response = api.patch(url, json={"company": "Second"}, headers={"If-Match": '"1"'})

        assert response.status_code == 412
        assert api.get(url).json()["company"] == "First"

    def test_an_invalid_result_is_422_naming_the_field_and_changes_nothing(
        self, api: TestClient, body: dict
    ) -> None:
        created = _create(api, body)
        url = f"/v1/interviews/{created['id']}"
        before = _stored(api, url)

        response = api.patch(
            url,
            json={"company": None, "calendar": {"country": "US", "subdivision": "ZZ"}},
            headers={"If-Match": '"1"'},
        )

        assert response.status_code == 422
        assert {e["field"] for e in response.json()["errors"]} >= {"company"}
        assert _stored(api, url) == before

    @pytest.mark.parametrize("patch", [{"id": "x"}, {"events": []}, {"as_of": AS_OF}])
    def test_server_owned_and_event_fields_cannot_be_patched(
        self, api: TestClient, body: dict, patch: dict[str, Any]
    ) -> None:
        created = _create(api, body)
        url = f"/v1/interviews/{created['id']}"
        before = _stored(api, url)

        response = api.patch(url, json=patch, headers={"If-Match": '"1"'})

        assert response.status_code == 422
        assert _stored(api, url) == before

    def test_a_patch_must_be_an_object(self, api: TestClient, body: dict) -> None:
        created = _create(api, body)
        url = f"/v1/interviews/{created['id']}"
        before = _stored(api, url)

        response = api.patch(url, json=["company"], headers={"If-Match": '"1"'})

        assert response.status_code == 422
        assert _stored(api, url) == before


class TestDeleteInterview:
    def test_deletes_it_and_its_events(
        self, api: TestClient, body: dict, database_url: str
    ) -> None:
        body["events"] = [{"type": "thank_you_sent", "at": "2026-11-24T13:00:00-05:00"}]
        created = _create(api, body)
        url = f"/v1/interviews/{created['id']}"
        assert _events_in_database(database_url, created["id"]) == 1

        assert api.delete(url).status_code == 204
        assert api.get(url).status_code == 404
        assert api.delete(url).status_code == 404
        assert _events_in_database(database_url, created["id"]) == 0

    def test_a_stale_if_match_is_412(self, api: TestClient, body: dict) -> None:
        created = _create(api, body)

        response = api.delete(f"/v1/interviews/{created['id']}", headers={"If-Match": '"7"'})

        assert response.status_code == 412


class TestEventsMoveThePlan:
    """What happened since moves the plan (docs/time.md)."""

    def _log(self, api: TestClient, ident: str, **event: Any) -> dict[str, Any]:
        response = api.post(f"/v1/interviews/{ident}/events", json=event)
        assert response.status_code == 201, response.text
        logged: dict[str, Any] = response.json()
        return logged

    def test_a_logged_thank_you_marks_it_done_and_bumps_the_etag(
        self, api: TestClient, body: dict
    ) -> None:
        created = _create(api, body)

        response = api.post(
            f"/v1/interviews/{created['id']}/events",
            json={"type": "thank_you_sent", "at": "2026-11-24T16:00:00-05:00"},
        )

        assert response.status_code == 201
        assert response.headers["etag"] == '"2"'
        assert response.headers["location"] == f"/v1/interviews/{created['id']}"
        assert _steps(response.json())["thank_you"]["status"] == "done"

    def test_a_late_follow_up_restarts_the_clock_from_when_it_went_out(
        self, api: TestClient, body: dict
    ) -> None:
        created = _create(api, body)
        ident = created["id"]
        self._log(api, ident, type="thank_you_sent", at="2026-11-24T16:00:00-05:00")
        planned_final = _steps(created)["final_follow_up"]["window"]["earliest"]

        # The follow-up window opened on Dec 8; it really went out on Dec 10, two days late.
        moved = self._log(
            api,
            ident,
            type="follow_up_sent",
            at="2026-12-10T11:00:00-05:00",
            contact_email="carol.diaz@acme.example",
        )

        final = _steps(moved)["final_follow_up"]
        assert final["window"]["earliest"] > planned_final
        assert final["window"]["earliest"].startswith("2026-12-17")  # 5 business days on

    def test_a_reply_with_an_outcome_closes_the_plan(self, api: TestClient, body: dict) -> None:
        created = _create(api, body)

        closed = self._log(
            api,
            created["id"],
            type="reply_received",
            at="2026-11-30T10:00:00-05:00",
            outcome="rejection",
        )

        assert closed["plan"]["status"] == "closed"
        assert closed["plan"]["next_action"] is None

    def test_a_reply_with_a_new_date_starts_a_new_wait(self, api: TestClient, body: dict) -> None:
        created = _create(api, body)
        ident = created["id"]
        self._log(api, ident, type="thank_you_sent", at="2026-11-24T16:00:00-05:00")

        moved = self._log(
            api,
            ident,
            type="reply_received",
            at="2026-12-01T10:00:00-05:00",
            outcome="update",
            new_deadline="2027-01-08",
        )

        assert moved["plan"]["status"] == "active"
        assert moved["plan"]["timeline"]["deadline"] == "2027-01-08"
        pending = [s for s in moved["plan"]["steps"] if s["status"] not in ("done", "skipped")]
        assert pending[0]["kind"] == "follow_up"
        assert pending[0]["window"]["earliest"] > "2027-01-08"

    def test_a_withdrawal_closes_the_plan(self, api: TestClient, body: dict) -> None:
        created = _create(api, body)

        closed = self._log(api, created["id"], type="withdrawn", at="2026-11-26T10:00:00-05:00")

        assert closed["plan"]["status"] == "closed"

    def test_two_unanswered_messages_to_the_recruiter_open_the_escalation(
        self, api: TestClient, body: dict
    ) -> None:
        created = _create(api, body)
        ident = created["id"]
        self._log(api, ident, type="thank_you_sent", at="2026-11-24T16:00:00-05:00")
        carol = "carol.diaz@acme.example"
        self._log(
            api, ident, type="follow_up_sent", at="2026-12-08T10:00:00-05:00", contact_email=carol
        )
        moved = self._log(
            api, ident, type="follow_up_sent", at="2026-12-15T10:00:00-05:00", contact_email=carol
        )

        escalation = _steps(moved)["escalation"]
        assert escalation["status"] in ("upcoming", "due")
        assert escalation["to"][0]["name"] == "Bob Smith"

    def test_an_event_for_an_unknown_contact_is_422_and_not_stored(
        self, api: TestClient, body: dict
    ) -> None:
        created = _create(api, body)
        url = f"/v1/interviews/{created['id']}"

        response = api.post(
            f"{url}/events",
            json={"type": "call_made", "at": AS_OF, "contact_email": "x@y.example"},
        )

        assert response.status_code == 422
        assert response.json()["errors"][0]["field"] == "contact_email"
        assert api.get(url).json()["events"] == []

    def test_the_plan_route_plans_as_of_a_moment(self, api: TestClient, body: dict) -> None:
        created = _create(api, body)

        plan = api.get(
            f"/v1/interviews/{created['id']}/plan", params={"as_of": "2026-12-09T12:00:00-05:00"}
        ).json()

        statuses = {s["kind"]: s["status"] for s in plan["steps"]}
        assert statuses["thank_you"] == "overdue"


class TestAgenda:
    def test_lists_due_and_overdue_steps_with_their_messages(
        self, api: TestClient, body: dict
    ) -> None:
        created = _create(api, body)

        agenda = api.get("/v1/agenda", params={"as_of": AS_OF}).json()

        assert [(i["interview_id"], i["step"]["kind"]) for i in agenda["items"]] == [
            (created["id"], "thank_you")
        ]
        assert agenda["items"][0]["step"]["message"]["subject"]
        assert agenda["next_cursor"] is None

    def test_a_range_adds_the_steps_open_on_those_days(self, api: TestClient, body: dict) -> None:
        body["events"] = [{"type": "thank_you_sent", "at": "2026-11-24T16:00:00-05:00"}]
        _create(api, body)

        nothing_due = api.get("/v1/agenda", params={"as_of": "2026-11-26T12:00:00-05:00"})
        in_range = api.get(
            "/v1/agenda",
            params={"as_of": "2026-11-26T12:00:00-05:00", "from": "2026-12-07", "to": "2026-12-11"},
        )

        assert nothing_due.json()["items"] == []
        assert [i["step"]["kind"] for i in in_range.json()["items"]] == ["follow_up"]

    def test_closed_interviews_are_not_on_it(self, api: TestClient, body: dict) -> None:
        body["events"] = [{"type": "withdrawn", "at": "2026-11-24T16:00:00-05:00"}]
        _create(api, body)

        assert api.get("/v1/agenda", params={"as_of": AS_OF}).json()["items"] == []

    def test_pages_by_interview_most_overdue_first(self, api: TestClient, body: dict) -> None:
        starts = [
            "2026-11-10T10:00:00-05:00",
            "2026-11-03T10:00:00-05:00",
            "2026-11-17T10:00:00-05:00",
        ]
        for start in starts:
            body["interview"]["starts_at"] = start
            _create(api, body)

        first = api.get("/v1/agenda", params={"as_of": AS_OF, "limit": 2}).json()
        second = api.get(
            "/v1/agenda", params={"as_of": AS_OF, "limit": 2, "cursor": first["next_cursor"]}
        ).json()

        assert len(first["items"]) == 2 and len(second["items"]) == 1
        assert second["next_cursor"] is None
        overdue_since = [i["step"]["window"]["earliest"] for i in first["items"] + second["items"]]
        assert overdue_since == sorted(overdue_since)

    @pytest.mark.parametrize(
        ("params", "field"),
        [
            ({"from": "2026-12-01"}, "query.to"),
            ({"to": "2026-12-01"}, "query.from"),
            ({"from": "2026-12-09", "to": "2026-12-01"}, "query.to"),
            ({"from": "2026-01-01", "to": "2027-12-31"}, "query.to"),
        ],
    )
    def test_a_bad_range_is_named(
        self, api: TestClient, params: dict[str, str], field: str
    ) -> None:
        response = api.get("/v1/agenda", params=params)

        assert response.status_code == 422
        assert [e["field"] for e in response.json()["errors"]] == [field]


class TestPlanCalendar:
    def test_the_plan_as_icalendar_round_trips(self, api: TestClient, body: dict) -> None:
        import icalendar

        created = _create(api, body)

        response = api.get(f"/v1/interviews/{created['id']}/plan.ics", params={"as_of": AS_OF})

        assert response.status_code == 200
        assert response.headers["content-type"] == "text/calendar; charset=utf-8"
        calendar = icalendar.Calendar.from_ical(response.content)
        events = list(calendar.walk("VEVENT"))
        pending = [s for s in created["plan"]["steps"] if s["status"] not in ("done", "skipped")]
        assert len(events) == len(pending)
        assert all(e["UID"].endswith(f".{created['id']}@followup.local") for e in events)
        assert all(len(list(e.walk("VALARM"))) == 1 for e in events)


class TestCheckAgainstAStoredInterview:
    def _check(self, api: TestClient, ident: str, kind: str, as_of: str, **headers: str) -> Any:
        draft = {
            "kind": kind,
            "subject": "Following up on the Data Engineer interview",
            "body": "Dear Carol,\n\nI enjoyed our conversation on November 24 about the Data "
            "Engineer role at Acme Corp. Is there any update on the next steps?\n\n"
            "Best regards,\nAnn Lee",
            "context": {"interview_id": ident, "as_of": as_of},
        }
        return api.post("/v1/messages/check", json=draft, headers=headers)

    def test_a_follow_up_before_its_window_is_too_soon(self, api: TestClient, body: dict) -> None:
        created = _create(api, body)

        response = self._check(api, created["id"], "follow_up", "2026-11-26T10:00:00-05:00")

        assert response.status_code == 200
        rules = {f["rule"]: f["severity"] for f in response.json()["findings"]}
        assert rules.get("C-TOO-SOON") == "error"

    def test_in_its_window_it_is_on_time(self, api: TestClient, body: dict) -> None:
        body["events"] = [{"type": "thank_you_sent", "at": "2026-11-24T16:00:00-05:00"}]
        created = _create(api, body)

        response = self._check(api, created["id"], "follow_up", "2026-12-08T10:00:00-05:00")

        assert response.status_code == 200
        assert all(f["severity"] != "error" for f in response.json()["findings"])

    def test_another_accounts_interview_is_404(self, api: TestClient, body: dict) -> None:
        created = _create(api, body)

        response = self._check(
            api,
            created["id"],
            "follow_up",
            AS_OF,
            **api.stranger,  # type: ignore[attr-defined]
        )

        assert response.status_code == 404


class TestAccountsAreApart:
    """Another account's interview is a 404 on every route that names one."""

    ROUTES = [
        ("GET", "/v1/interviews/{id}", None),
        ("PATCH", "/v1/interviews/{id}", {"company": "Mine now"}),
        ("DELETE", "/v1/interviews/{id}", None),
        ("POST", "/v1/interviews/{id}/events", {"type": "withdrawn", "at": AS_OF}),
        ("GET", "/v1/interviews/{id}/plan", None),
        ("GET", "/v1/interviews/{id}/plan.ics", None),
        ("GET", "/v1/interviews/{id}/steps/thank_you:x/message.eml", None),
    ]

    def test_every_route_with_an_id_is_covered(self, api: TestClient) -> None:
        templated = {
            (method, path)
            for path, item in api.app.openapi()["paths"].items()  # type: ignore[attr-defined]
            # Webhook endpoints and calendar feeds are checked in tests/api/test_webhooks.py.
            if "{interview_id}" in path
            for method in item
        }
        covered = {
            (m.lower(), p.replace("{id}", "{interview_id}").replace("thank_you:x", "{step_id}"))
            for m, p, _ in self.ROUTES
        }
        assert templated == covered

    @pytest.mark.parametrize(("method", "path", "payload"), ROUTES)
    def test_another_account_gets_404_and_changes_nothing(
        self, api: TestClient, body: dict, method: str, path: str, payload: Any
    ) -> None:
        created = _create(api, body)
        url = path.format(id=created["id"])
        headers = {**api.stranger, "If-Match": '"1"'}  # type: ignore[attr-defined]

        response = api.request(method, url, json=payload, headers=headers)

        assert response.status_code == 404
        assert response.headers["content-type"] == "application/problem+json"
        mine = api.get(f"/v1/interviews/{created['id']}")
        assert mine.status_code == 200 and mine.headers["etag"] == '"1"'

    def test_lists_and_agendas_show_only_your_own(self, api: TestClient, body: dict) -> None:
        _create(api, body)
        stranger = api.stranger  # type: ignore[attr-defined]

        assert api.get("/v1/interviews", headers=stranger).json()["items"] == []
        assert (
            api.get("/v1/agenda", params={"as_of": AS_OF}, headers=stranger).json()["items"] == []
        )

    @pytest.mark.parametrize("ident", ["not-a-uuid", "00000000-0000-0000-0000-000000000000"])
    def test_unknown_ids_are_404(self, api: TestClient, ident: str) -> None:
        assert api.get(f"/v1/interviews/{ident}").status_code == 404


class TestKeys:
    @pytest.mark.parametrize(
        "header",
        [
            None,
            "Bearer",
            "Bearer nonsense",
            "Basic dXNlcjpwYXNz",
            "Bearer fup_abcdefghijkl_" + "x" * 43,
        ],
    )
    def test_no_or_a_bad_key_is_401_problem(self, api: TestClient, header: str | None) -> None:
        headers = {"Authorization": header} if header else {"Authorization": ""}

        response = api.get("/v1/interviews", headers=headers)

        assert response.status_code == 401
        assert response.headers["content-type"] == "application/problem+json"
        assert response.headers["www-authenticate"] == "Bearer"

    @pytest.mark.parametrize(
        ("method", "path"),
        [
            ("POST", "/v1/plans"),
            ("GET", "/v1/policies"),
            ("GET", "/v1/agenda"),
            ("POST", "/v1/interviews"),
        ],
    )
    def test_every_v1_route_needs_a_key(self, api: TestClient, method: str, path: str) -> None:
        assert api.request(method, path, headers={"Authorization": ""}).status_code == 401

    def test_health_needs_no_key(self, api: TestClient) -> None:
        assert api.get("/healthz", headers={"Authorization": ""}).status_code == 200


class TestMovedOn:
    """R11: once every message went unanswered, the plan moves on, and the list and the
    agenda know it from the stored columns alone."""

    def test_status_filter_and_agenda_after_the_last_message(
        self, api: TestClient, body: dict
    ) -> None:
        carol = "carol.diaz@acme.example"
        body["policy"] = "minimal"  # no final follow-up, no escalation: one message, then stop
        body["events"] = [
            {"type": "thank_you_sent", "at": "2026-11-24T16:00:00-05:00"},
            {"type": "follow_up_sent", "at": "2026-12-08T10:00:00-05:00", "contact_email": carol},
        ]
        created = _create(api, body)
        move_on = _steps(created)["move_on"]
        day_of = move_on["window"]["earliest"]
        week_later = "2026-12-31T12:00:00-05:00"

        def listed(status: str, as_of: str) -> list[str]:
            page = api.get("/v1/interviews", params={"status": status, "as_of": as_of}).json()
            return [item["id"] for item in page["items"]]

        assert listed("active", AS_OF) == [created["id"]]
        assert listed("moved_on", week_later) == [created["id"]]
        assert listed("active", week_later) == []
        on_the_day = api.get("/v1/agenda", params={"as_of": day_of}).json()["items"]
        assert [i["step"]["kind"] for i in on_the_day] == ["move_on"]
        assert api.get("/v1/agenda", params={"as_of": week_later}).json()["items"] == []
