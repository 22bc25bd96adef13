"""Input from an attack run, on SQLite and PostgreSQL alike: each gets a clear 4xx naming the
field, never a 500, and what is invisible or reorders text never reaches a message or a file."""

from __future__ import annotations

import copy
import logging
import unicodedata
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.main import create_app
from app.services.document.text import BIDI_CONTROLS, EmptyText, NulInText, clean_text
from app.settings import Settings
from tests.api.conftest import bearer, new_key

#: Strings that have nothing a reader would see.
INVISIBLE = ["\x1c\x1d\x1e\x1f", "\u200b\u2060\ufeff", " \u200b \t ", "\u202e\u202c"]


@pytest.fixture
def api(database_url: str) -> Iterator[TestClient]:
    settings = Settings(_env_file=None, database_url=database_url, rate_limit=0)  # type: ignore[call-arg]
    with TestClient(
        create_app(settings),
        raise_server_exceptions=False,
        headers=bearer(new_key(database_url)),
    ) as client:
        yield client


def _with(body: dict[str, Any], path: tuple[str | int, ...], value: Any) -> dict[str, Any]:
    changed = copy.deepcopy(body)
    target = changed
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    return changed


def _fields(response: Any) -> list[str]:
    assert response.headers["content-type"] == "application/problem+json"
    return [error["field"] for error in response.json()["errors"]]


NUL_PLACES = [
    (("candidate", "name"), "Ann\x00 Lee", "candidate.name"),
    (("company",), "Acme\x00", "company"),
    (("contacts", 0, "discussion_point"), "the \x00 pipeline", "contacts[0].discussion_point"),
    (("strengths",), ["Kafka", "dbt\x00"], "strengths[1]"),
    (("decision_timeline",), {"text": "by Friday\x00"}, "decision_timeline.text"),
    (("interview", "timezone"), "America/New_York\x00", "interview.timezone"),
]


class TestNul:
    @pytest.mark.parametrize(("path", "value", "field"), NUL_PLACES)
    def test_a_nul_in_a_created_interview_is_422_naming_the_field(
        self, api: TestClient, body: dict[str, Any], path: tuple, value: Any, field: str
    ) -> None:
        response = api.post("/v1/interviews", json=_with(body, path, value))

        assert response.status_code == 422
        assert field in _fields(response)
        assert api.get("/v1/interviews").json()["items"] == []

    def test_a_nul_in_a_plan_request_is_422(self, api: TestClient, body: dict[str, Any]) -> None:
        response = api.post("/v1/plans", json=_with(body, ("job_title",), "Data\x00 Engineer"))

        assert response.status_code == 422
        assert _fields(response) == ["job_title"]

    def test_a_nul_in_a_patch_is_422_and_changes_nothing(
        self, api: TestClient, body: dict[str, Any]
    ) -> None:
        created = api.post("/v1/interviews", json=body)
        url = created.headers["Location"]

        response = api.patch(
            url, json={"company": "Acme\x00"}, headers={"If-Match": created.headers["ETag"]}
        )

        assert response.status_code == 422
        assert _fields(response) == ["company"]
        after = api.get(url)
        assert after.headers["ETag"] == created.headers["ETag"]
        assert after.json()["company"] == body["company"]

    def test_a_nul_in_an_event_is_422(self, api: TestClient, body: dict[str, Any]) -> None:
        url = api.post("/v1/interviews", json=body).headers["Location"]

        response = api.post(
            f"{url}/events",
            json={"type": "withdrawn", "at": "2026-11-25T10:00:00Z", "note": "moved\x00 on"},
        )

        assert response.status_code == 422
        assert _fields(response) == ["note"]
        assert api.get(url).json()["events"] == []

    def test_a_nul_in_a_query_is_422(self, api: TestClient) -> None:
        response = api.get("/v1/interviews", params={"company": "Acme\x00"})

        assert response.status_code == 422
        assert _fields(response) == ["query.company"]


class TestInvisible:
    @pytest.mark.parametrize("value", INVISIBLE)
    def test_a_name_with_nothing_visible_is_422_on_plans(
        self, api: TestClient, body: dict[str, Any], value: str
    ) -> None:
        response = api.post("/v1/plans", json=_with(body, ("candidate", "name"), value))

        assert response.status_code == 422
        assert _fields(response) == ["candidate.name"]

    @pytest.mark.parametrize("value", INVISIBLE)
    def test_a_name_with_nothing_visible_is_422_on_create_and_patch(
        self, api: TestClient, body: dict[str, Any], value: str
    ) -> None:
        refused = api.post("/v1/interviews", json=_with(body, ("contacts", 0, "name"), value))
        created = api.post("/v1/interviews", json=body)
        patched = api.patch(
            created.headers["Location"],
            json={"candidate": {"name": value}},
            headers={"If-Match": created.headers["ETag"]},
        )

        assert refused.status_code == 422
        assert _fields(refused) == ["contacts[0].name"]
        assert patched.status_code == 422
        assert _fields(patched) == ["candidate.name"]

    def test_controls_and_bidi_overrides_reach_no_message_and_no_calendar(
        self, api: TestClient, body: dict[str, Any]
    ) -> None:
        hostile = _with(body, ("job_title",), "Data\u202e Engineer\x07")
        hostile = _with(hostile, ("candidate", "name"), "Ann\u2066 Lee\x1b[31m")
        hostile = _with(hostile, ("contacts", 0, "name"), "Carol\u200b Diaz\x85")

        created = api.post("/v1/interviews", json=hostile)
        assert created.status_code == 201
        url = created.headers["Location"]
        plan = created.json()["plan"]
        texts = [created.json()["job_title"], created.json()["candidate"]["name"]]
        for step in plan["steps"]:
            message = step["message"] or {}
            texts += [message.get("subject") or "", message.get("body_text") or ""]
            texts += [message.get("script") or "", *message.get("to", [])]
        texts.append(api.get(f"{url}/plan.ics").text)

        for text in texts:
            assert not any(char in BIDI_CONTROLS for char in text)
            assert not any(
                unicodedata.category(char) == "Cc" and char not in "\r\n\t" for char in text
            )
        assert created.json()["job_title"] == "Data Engineer"


class TestMergePatch:
    def test_a_patch_nested_too_deep_is_422_with_no_traceback(
        self, api: TestClient, body: dict[str, Any], caplog: pytest.LogCaptureFixture
    ) -> None:
        created = api.post("/v1/interviews", json=body)
        deep: dict[str, Any] = {}
        for _ in range(500):
            deep = {"a": deep}

        with caplog.at_level(logging.WARNING):
            response = api.patch(
                created.headers["Location"],
                json={"candidate": deep},
                headers={"If-Match": created.headers["ETag"]},
            )

        assert response.status_code == 422
        assert not [r for r in caplog.records if r.exc_info]

    def test_policy_overrides_are_echoed_as_sent_without_nulls(
        self, api: TestClient, body: dict[str, Any]
    ) -> None:
        sent = _with(body, ("policy_overrides",), {"move_on_after": 5})

        created = api.post("/v1/interviews", json=sent)

        assert created.status_code == 201
        assert created.json()["policy_overrides"] == {"move_on_after": 5}


class TestCleanText:
    @pytest.mark.parametrize(
        ("raw", "clean"),
        [
            ("Carol Diaz", "Carol Diaz"),
            ("Zoë Müller", "Zoë Müller"),
            ("Ann\u202e Lee", "Ann Lee"),
            ("Acme\x07Corp", "Acme Corp"),
            ("line one\r\nline two\u2028three", "line one\nline two\nthree"),
            ("\u200bDiaz\ufeff", "Diaz"),
            ("👩\u200d💻 engineer", "👩\u200d💻 engineer"),
        ],
    )
    def test_what_is_kept(self, raw: str, clean: str) -> None:
        assert clean_text(raw) == clean

    @pytest.mark.parametrize("raw", INVISIBLE + ["\u200d\u200c"])
    def test_nothing_visible_is_refused(self, raw: str) -> None:
        with pytest.raises(EmptyText):
            clean_text(raw)

    def test_a_nul_is_refused(self) -> None:
        with pytest.raises(NulInText):
            clean_text("a\x00b")
