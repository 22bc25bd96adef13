"""POST /v1/plans and GET /v1/policies over HTTP, the way clients call them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.api.schemas import PlanOut, PoliciesOut

PROBLEM = "application/problem+json"


def _fields(response: Any) -> set[str]:
    assert response.headers["content-type"] == PROBLEM
    problem = response.json()
    assert {"type", "title", "status", "detail"} <= problem.keys()
    assert problem["status"] == response.status_code
    return {error["field"] for error in problem.get("errors", [])}


class TestCreatePlan:
    def test_the_spec_example_gets_a_full_plan(self, client: TestClient, body: dict) -> None:
        response = client.post("/v1/plans", json=body)

        assert response.status_code == 200, response.text
        assert response.headers["content-type"] == "application/json"
        plan = PlanOut.model_validate(response.json())  # the wire matches the contract
        assert plan.status == "active"
        assert plan.timeline.deadline.isoformat() == "2026-12-04"
        assert plan.timeline.matched == "end of next week"
        kinds = [step.kind for step in plan.steps]
        assert kinds == ["thank_you", "follow_up", "final_follow_up", "escalation", "move_on"]
        thank_you, follow_up = plan.steps[0], plan.steps[1]
        assert [c.name for c in thank_you.to] == ["Bob Smith"]
        assert thank_you.status == "due"
        assert [c.name for c in follow_up.to] == ["Carol Diaz"]  # R15: scheduled the interview
        # R6: decision by Friday Dec 4, Monday is the full business day, send Tuesday.
        assert follow_up.window.earliest.isoformat() == "2026-12-08T09:00:00-05:00"
        assert follow_up.send_at.isoformat() == "2026-12-08T09:00:00-05:00"
        assert plan.next_action is not None and plan.next_action.step_id == thank_you.id
        assert plan.expectations is not None and plan.expectations.typical_days_to_hire == 49

    def test_every_sendable_step_carries_its_message(self, client: TestClient, body: dict) -> None:
        steps = client.post("/v1/plans", json=body).json()["steps"]

        for step in steps:
            if step["kind"] == "move_on":
                assert step["message"] is None
            else:
                message = step["message"]
                assert message["channel"] == "email"
                assert message["subject"] and "\n" not in message["subject"]
                assert message["body_text"].startswith("Hi ")
                assert message["body_html"].startswith("<p>")
        thank_you = steps[0]["message"]
        assert "moving their batch jobs to streaming" in thank_you["body_text"]
        assert thank_you["to"] == ["Bob Smith <bob.smith@acme.example>"]

    def test_a_local_start_time_with_a_zone(self, client: TestClient, body: dict) -> None:
        body["interview"] = {"starts_at": "2026-11-24T10:00:00", "timezone": "America/New_York"}

        step = client.post("/v1/plans", json=body).json()["steps"][0]

        assert step["window"]["earliest"] == "2026-11-24T11:00:00-05:00"

    def test_without_as_of_the_clock_is_now(self, client: TestClient, body: dict) -> None:
        del body["as_of"]

        plan = client.post("/v1/plans", json=body).json()

        as_of = datetime.fromisoformat(plan["as_of"])
        assert abs(datetime.now(UTC) - as_of) < timedelta(minutes=1)

    def test_the_same_input_gives_the_same_plan(self, client: TestClient, body: dict) -> None:
        first = client.post("/v1/plans", json=body).content
        assert client.post("/v1/plans", json=body).content == first

    def test_unreadable_timeline_is_a_warning_not_an_error(
        self, client: TestClient, body: dict
    ) -> None:
        body["decision_timeline"] = {"text": "we'll be in touch when the stars align"}

        plan = client.post("/v1/plans", json=body).json()

        assert plan["timeline"]["deadline"] is None
        assert [w["code"] for w in plan["warnings"]] == ["timeline_unrecognized"]
        assert "stars align" in plan["warnings"][0]["message"]

    def test_a_given_date_wins(self, client: TestClient, body: dict) -> None:
        body["decision_timeline"] = {"by": "2026-12-11"}

        timeline = client.post("/v1/plans", json=body).json()["timeline"]

        assert timeline == {
            "deadline": "2026-12-11",
            "source": "date",
            "text": None,
            "matched": None,
            "interpretation": "Decision date given: Friday, December 11, 2026.",
            "sentence": None,
            "set_aside": [],
        }

    def test_a_whole_email_reads_to_its_decision_sentence(
        self, client: TestClient, body: dict
    ) -> None:
        body["decision_timeline"] = {
            "text": "Sent: Tuesday, November 24, 2026 4:12 PM\n\nHi Ann,\nThe role starts "
            "January 4th. We'll make our decision by the end of next week.\nCarol"
        }

        timeline = client.post("/v1/plans", json=body).json()["timeline"]

        assert timeline["deadline"] == "2026-12-04"
        assert timeline["sentence"] == "We'll make our decision by the end of next week"
        assert timeline["set_aside"] == [
            {"text": "Tuesday, November 24, 2026", "why": "an e-mail header"},
            {"text": "January 4th", "why": "a start date"},
        ]

    def test_the_minimal_policy_has_no_final_follow_up(
        self, client: TestClient, body: dict
    ) -> None:
        body["policy"] = "minimal"

        plan = client.post("/v1/plans", json=body).json()

        assert [s["kind"] for s in plan["steps"]] == ["thank_you", "follow_up", "move_on"]
        assert plan["policy"]["name"] == "minimal"

    def test_policy_overrides_apply(self, client: TestClient, body: dict) -> None:
        body["policy_overrides"] = {"follow_up_after_deadline": {"first": 3, "last": 3}}

        plan = client.post("/v1/plans", json=body).json()

        assert plan["policy"]["name"] == "standard+overrides"
        assert plan["steps"][1]["window"]["earliest"] == "2026-12-09T09:00:00-05:00"
        assert plan["steps"][1]["window"]["latest"] == "2026-12-09T17:00:00-05:00"

    def test_a_null_final_follow_up_turns_it_off(self, client: TestClient, body: dict) -> None:
        body["policy_overrides"] = {"final_follow_up_after": None}

        plan = client.post("/v1/plans", json=body).json()

        assert [s["kind"] for s in plan["steps"]] == ["thank_you", "follow_up", "move_on"]
        assert plan["policy"]["final_follow_up_after"] is None

    def test_phone_when_the_contact_asked_for_it(self, client: TestClient, body: dict) -> None:
        body["contacts"][1] |= {"preferred_channel": "phone", "phone": "+1 555 010 9999"}

        follow_up = client.post("/v1/plans", json=body).json()["steps"][1]

        assert follow_up["channel"] == "phone"
        assert "R4" in follow_up["rules"]
        script = follow_up["message"]["script"]
        assert script.count("+1 555 010 2030") == 2  # R4: the number said twice
        assert follow_up["message"]["to"] == ["+1 555 010 9999"]

    def test_user_text_never_becomes_markup(self, client: TestClient, body: dict) -> None:
        body["candidate"]["name"] = "Ann <script>alert(1)</script>"

        steps = client.post("/v1/plans", json=body).json()["steps"]

        html = steps[0]["message"]["body_html"]
        assert "<script>" not in html
        assert "&lt;script&gt;" in html

    def test_line_breaks_in_names_never_reach_a_subject(
        self, client: TestClient, body: dict
    ) -> None:
        body["job_title"] = "Data\r\nEngineer\nBcc: someone@example.com"

        steps = client.post("/v1/plans", json=body).json()["steps"]

        for step in steps:
            if step["message"]:
                assert "\r" not in step["message"]["subject"]
                assert "\n" not in step["message"]["subject"]

    def test_unknown_fields_are_refused_by_name(self, client: TestClient, body: dict) -> None:
        # Unknown fields are refused: a misspelt field must not vanish silently.
        body["source_system"] = "acme-ats"
        body["contacts"][0]["emial"] = "bob@acme.example"

        response = client.post("/v1/plans", json=body)

        assert response.status_code == 422
        fields = {error["field"] for error in response.json()["errors"]}
        assert fields == {"source_system", "contacts[0].emial"}


class TestCreatePlanRefusals:
    @pytest.mark.parametrize(
        ("change", "field"),
        [
            (lambda b: b["interview"].update(timezone="Mars/Olympus"), "interview.timezone"),
            (lambda b: b["contacts"][0].update(timezone="Nowhere/City"), "contacts[0].timezone"),
            (lambda b: b["calendar"].update(country="ZZ"), "calendar.country"),
            (lambda b: b["calendar"].update(subdivision="XX"), "calendar.subdivision"),
            (lambda b: b.update(policy="reckless"), "policy"),
            (lambda b: b.pop("company"), "company"),
            (lambda b: b.pop("job_title"), "job_title"),
            (lambda b: b.update(company="A" * 121), "company"),
            (lambda b: b.update(job_title="word " * 11), "job_title"),
            (lambda b: b["candidate"].update(name="   "), "candidate.name"),
            (lambda b: b.update(contacts=[]), "contacts"),
            (lambda b: b.update(contacts=[{"name": f"P{i}"} for i in range(21)]), "contacts"),
            (lambda b: b["contacts"][0].update(email="not-an-address"), "contacts[0].email"),
            (lambda b: b["interview"].update(duration_minutes=0), "interview.duration_minutes"),
            (
                lambda b: b.update(interview={"starts_at": "2026-11-24T10:00:00"}),
                "interview.starts_at",
            ),
            (
                lambda b: b.update(events=[{"type": "reply_received", "at": "2026-12-01T10:00Z"}]),
                "events[0].outcome",
            ),
            (
                lambda b: b.update(events=[{"type": "lunch", "at": "2026-12-01T10:00Z"}]),
                "events[0].type",
            ),
            (lambda b: b.update(policy_overrides={"patience": 3}), "policy_overrides.patience"),
            (
                lambda b: b.update(
                    policy_overrides={"follow_up_after_deadline": {"first": 4, "last": 2}}
                ),
                "policy_overrides.follow_up_after_deadline",
            ),
            (
                lambda b: b.update(
                    policy_overrides={
                        "business_hours_start": "18:00",
                        "business_hours_end": "09:00",
                    }
                ),
                "policy_overrides.business_hours_end",
            ),
            (lambda b: b.update(strengths=["x"] * 6), "strengths"),
            (lambda b: b.update(as_of="2026-11-24T15:00:00"), "as_of"),
            (lambda b: b.update(as_of=0), "as_of"),  # strict: a time is RFC 3339 text
            (
                lambda b: b.update(thank_you_sent_at="0001-01-01T00:00:00+00:01"),
                "thank_you_sent_at",
            ),
            (
                lambda b: b["interview"].update(starts_at="2150-01-01T10:00:00Z"),
                "interview.starts_at",
            ),
            (lambda b: b.update(decision_timeline={"by": "1900-01-01"}), "decision_timeline.by"),
            (
                lambda b: b.update(policy_overrides={"thank_you_within_hours": None}),
                "policy_overrides.thank_you_within_hours",
            ),
            (
                lambda b: b.update(policy_overrides={"business_hours_start": "09:00+01:00"}),
                "policy_overrides.business_hours_start",
            ),
            (lambda b: b["interview"].update(duration_minutes="60"), "interview.duration_minutes"),
            (
                lambda b: b.update(policy_overrides={"follow_up_after_deadline": None}),
                "policy_overrides.follow_up_after_deadline",
            ),
            (lambda b: b.update(decision_timeline={}), "decision_timeline"),
        ],
    )
    def test_each_bad_field_is_named(
        self, client: TestClient, body: dict, change: Any, field: str
    ) -> None:
        change(body)

        response = client.post("/v1/plans", json=body)

        assert response.status_code == 422, response.text
        assert field in _fields(response)

    def test_all_bad_fields_are_named_at_once(self, client: TestClient, body: dict) -> None:
        body["company"] = ""
        body["interview"]["timezone"] = "Mars/Olympus"
        body["contacts"][1]["email"] = "carol"

        response = client.post("/v1/plans", json=body)

        assert _fields(response) == {"company", "interview.timezone", "contacts[1].email"}
        assert response.json()["type"] == "urn:followup:problem:invalid-fields"
        assert response.json()["errors"][0]["pointer"].startswith("/")

    def test_malformed_json_is_400(self, client: TestClient) -> None:
        response = client.post(
            "/v1/plans", content=b"{not json", headers={"content-type": "application/json"}
        )

        assert response.status_code == 400
        assert response.headers["content-type"] == PROBLEM

    def test_a_body_that_is_not_json_is_415(self, client: TestClient) -> None:
        response = client.post("/v1/plans", data={"company": "Acme"})

        assert response.status_code == 415
        assert "Content-Type: application/json" in response.json()["detail"]

    def test_a_huge_body_is_413(self, client: TestClient, body: dict) -> None:
        body["padding"] = "x" * 70_000

        response = client.post("/v1/plans", json=body)

        assert response.status_code == 413
        assert response.headers["content-type"] == PROBLEM

    def test_a_huge_chunked_body_is_413(self, client: TestClient) -> None:
        def chunks() -> Any:
            for _ in range(100):
                yield b" " * 1024

        response = client.post(
            "/v1/plans", content=chunks(), headers={"content-type": "application/json"}
        )

        assert response.status_code == 413

    def test_an_unexpected_failure_shows_no_traceback(
        self, client: TestClient, body: dict, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        def explode(**_: Any) -> None:
            raise RuntimeError("secret internals")

        monkeypatch.setattr("app.api.routes.plans.plan_interview", explode)

        response = client.post("/v1/plans", json=body)

        assert response.status_code == 500
        assert response.headers["content-type"] == PROBLEM
        assert "secret" not in response.text
        assert "Traceback" not in response.text

    def test_unknown_routes_are_problems_too(self, client: TestClient) -> None:
        response = client.get("/v1/nothing-here")

        assert response.status_code == 404
        assert response.headers["content-type"] == PROBLEM

    def test_wrong_method_is_405(self, client: TestClient) -> None:
        response = client.get("/v1/plans")

        assert response.status_code == 405
        assert response.headers["content-type"] == PROBLEM


class TestListPolicies:
    def test_lists_the_three_policies_with_sources(self, client: TestClient) -> None:
        response = client.get("/v1/policies")

        assert response.status_code == 200
        policies = PoliciesOut.model_validate(response.json())
        assert policies.default == "standard"
        assert [p.name for p in policies.policies] == ["standard", "minimal", "patient"]
        standard, minimal, patient = policies.policies
        assert standard.parameters.follow_up_after_deadline.first == 2
        assert minimal.parameters.final_follow_up_after is None
        assert patient.parameters.thank_you_within_hours == 48
        assert standard.sources["follow_up_after_deadline"].rules == ["R6"]
        assert standard.sources["follow_up_after_deadline"].sources == [0, 2, 3]


class TestOperations:
    def test_healthz(self, client: TestClient) -> None:
        assert client.get("/healthz").json() == {"status": "ok"}

    @pytest.mark.parametrize("path", ["/docs", "/redoc"])
    def test_docs_use_only_assets_the_app_serves(self, client: TestClient, path: str) -> None:
        page = client.get(path)

        assert page.status_code == 200
        assert "cdn" not in page.text.lower()
        assert "/static-offline-docs/" in page.text

    @pytest.mark.parametrize(
        "asset", ["swagger-ui-bundle.js", "swagger-ui.css", "redoc.standalone.js"]
    )
    def test_docs_assets_are_served(self, client: TestClient, asset: str) -> None:
        assert client.get(f"/static-offline-docs/{asset}").status_code == 200

    def test_cors_only_for_configured_origins(self, body: dict) -> None:
        from app.main import create_app
        from app.settings import Settings

        app = create_app(Settings(_env_file=None, cors_origins=["https://jobs.example"]))  # type: ignore[call-arg]
        with TestClient(app) as client:
            allowed = client.options(
                "/v1/plans",
                headers={"Origin": "https://jobs.example", "Access-Control-Request-Method": "POST"},
            )
            refused = client.options(
                "/v1/plans",
                headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"},
            )

        assert allowed.headers["access-control-allow-origin"] == "https://jobs.example"
        assert "access-control-allow-origin" not in refused.headers


class TestRequestLimits:
    """The limits middleware, on bodies sent without a Content-Length (chunked)."""

    def test_a_chunked_form_body_is_415(self, client: TestClient) -> None:
        def chunks() -> Any:
            yield b"company=Acme"

        response = client.post(
            "/v1/plans", content=chunks(), headers={"content-type": "text/plain"}
        )

        assert response.status_code == 415

    def test_a_chunked_json_body_is_planned(self, client: TestClient, body: dict) -> None:
        import json

        def chunks() -> Any:
            data = json.dumps(body).encode()
            yield data[:100]
            yield data[100:]

        response = client.post(
            "/v1/plans", content=chunks(), headers={"content-type": "application/json"}
        )

        assert response.status_code == 200
        assert response.json()["timeline"]["deadline"] == "2026-12-04"

    def test_json_with_a_charset_and_problem_json_are_json(
        self, client: TestClient, body: dict
    ) -> None:
        import json

        for media in ("application/json; charset=utf-8", "application/merge-patch+json"):
            response = client.post(
                "/v1/plans", content=json.dumps(body), headers={"content-type": media}
            )
            assert response.status_code == 200, media


def test_the_wire_accepts_exactly_the_domains_policies() -> None:
    from typing import get_args

    from app.api.schemas import PolicyName
    from app.domain.policies import POLICIES

    assert set(get_args(PolicyName)) == set(POLICIES)
