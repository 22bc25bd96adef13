"""The front door: request ids, JSON logs, metrics, CORS, and problem+json for every error."""

from __future__ import annotations

import io
import json
import logging
import sys
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi import APIRouter, FastAPI
from fastapi.testclient import TestClient
from prometheus_client.parser import text_string_to_metric_families
from pydantic import BaseModel, Field

from app.api.observability import (
    REQUEST_ID,
    JsonFormatter,
    configure_logging,
    uvicorn_log_config,
)
from app.main import create_app
from app.settings import Settings

PROBLEM = "application/problem+json"


@pytest.fixture
def log_lines() -> Iterator[io.StringIO]:
    """What the root logger writes, as the JSON formatter writes it."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.addHandler(handler)
    yield stream
    root.removeHandler(handler)


def _lines(stream: io.StringIO) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stream.getvalue().splitlines()]


class Echo(BaseModel):
    name: str = Field(min_length=1)
    count: int


def _with_routes(app: FastAPI) -> FastAPI:
    """The app plus a route that fails and one with a path parameter (tests only)."""

    async def boom() -> None:
        raise RuntimeError("a bug: the secret is hunter2")

    async def thing(thing_id: int) -> dict[str, int]:
        return {"id": thing_id}

    async def echo(body: Echo) -> Echo:
        return body

    app.add_api_route("/boom", boom, include_in_schema=False)
    app.add_api_route("/echo", echo, methods=["POST"], include_in_schema=False)
    app.add_api_route("/things/{thing_id}", thing, include_in_schema=False)
    included = APIRouter()
    included.add_api_route("/items/{item_id}", thing, methods=["POST"], include_in_schema=False)
    app.include_router(included, prefix="/v9")
    return app


@pytest.fixture
def ops_client(settings: Settings) -> Iterator[TestClient]:
    app = _with_routes(create_app(settings))
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


class TestRequestId:
    def test_a_sane_id_comes_back_as_it_was_sent(self, client: TestClient) -> None:
        response = client.get("/healthz", headers={"X-Request-ID": "req-42.a_B"})

        assert response.headers["X-Request-ID"] == "req-42.a_B"

    @pytest.mark.parametrize(
        "sent", ["", "a" * 129, "has space", "semi;colon", "ünïcode", "new\\nline"]
    )
    def test_an_insane_id_is_replaced_by_a_new_one(self, client: TestClient, sent: str) -> None:
        response = client.get("/healthz", headers={"X-Request-ID": sent.encode()})

        returned = response.headers["X-Request-ID"]
        assert returned != sent
        assert len(returned) == 32
        assert int(returned, 16) >= 0

    def test_each_request_without_an_id_gets_its_own(self, client: TestClient) -> None:
        first = client.get("/healthz").headers["X-Request-ID"]
        second = client.get("/healthz").headers["X-Request-ID"]

        assert first != second

    def test_no_id_outside_a_request(self) -> None:
        assert REQUEST_ID.get() is None


class TestJsonLogs:
    def test_an_access_line_per_request_with_the_route_template(
        self, ops_client: TestClient, log_lines: io.StringIO
    ) -> None:
        ops_client.get("/things/7", headers={"X-Request-ID": "trace-1"})

        access = [line for line in _lines(log_lines) if line["logger"] == "app.access"]
        assert len(access) == 1
        line = access[0]
        assert line["request_id"] == "trace-1"
        assert line["level"] == "INFO"
        assert line["message"] == "GET /things/7 200"
        assert (line["method"], line["path"], line["route"], line["status"]) == (
            "GET",
            "/things/7",
            "/things/{thing_id}",
            200,
        )
        assert line["duration_ms"] >= 0
        assert line["time"].endswith("+00:00")

    def test_the_access_log_can_be_turned_off(self, log_lines: io.StringIO) -> None:
        settings = Settings(_env_file=None, access_log=False)  # type: ignore[call-arg]
        with TestClient(create_app(settings)) as quiet:
            quiet.get("/healthz")

        assert not [line for line in _lines(log_lines) if line["logger"] == "app.access"]

    def test_an_unexpected_error_is_logged_with_the_request_id(
        self, ops_client: TestClient, log_lines: io.StringIO
    ) -> None:
        response = ops_client.get("/boom", headers={"X-Request-ID": "bug-report-9"})

        errors = [line for line in _lines(log_lines) if line["logger"] == "app.errors"]
        assert len(errors) == 1
        assert errors[0]["level"] == "ERROR"
        assert errors[0]["request_id"] == "bug-report-9"
        assert "RuntimeError: a bug" in errors[0]["exc"]
        assert response.headers["X-Request-ID"] == "bug-report-9"
        access = [line for line in _lines(log_lines) if line["logger"] == "app.access"]
        assert access[0]["status"] == 500

    def test_a_line_outside_a_request_has_a_null_request_id(self) -> None:
        record = logging.LogRecord("app.x", logging.WARNING, __file__, 1, "n=%d", (3,), None)

        line = json.loads(JsonFormatter().format(record))

        assert line["message"] == "n=3"
        assert line["request_id"] is None
        assert line["level"] == "WARNING"
        assert "exc" not in line

    def test_one_line_even_with_a_traceback_and_a_stack(self) -> None:
        try:
            raise ValueError("two\nlines")
        except ValueError:
            record = logging.getLogger("t").makeRecord(
                "t", logging.ERROR, __file__, 1, "failed", (), exc_info=sys.exc_info()
            )
        record.stack_info = "Stack (most recent call last):\n  here"

        text = JsonFormatter().format(record)

        assert "\n" not in text
        assert "ValueError: two\nlines" in json.loads(text)["exc"]
        assert json.loads(text)["stack"].startswith("Stack")

    def test_configure_logging_is_idempotent(self) -> None:
        root = logging.getLogger()
        level = root.level
        try:
            configure_logging("warning")
            configure_logging("debug")

            ours = [h for h in root.handlers if isinstance(h.formatter, JsonFormatter)]
            assert len(ours) == 1
            assert root.level == logging.DEBUG
        finally:
            root.setLevel(level)

    def test_uvicorn_logs_through_the_json_root(self) -> None:
        config = uvicorn_log_config("info")

        assert config["disable_existing_loggers"] is False
        assert config["root"] == {"handlers": ["stderr"], "level": "INFO"}
        for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
            assert config["loggers"][name]["propagate"] is True


def _samples(text: str) -> dict[tuple[str, str, str, str], float]:
    found = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            if sample.name == "http_requests_total":
                labels = sample.labels
                key = (sample.name, labels["method"], labels["route"], labels["status"])
                found[key] = sample.value
    return found


class TestMetrics:
    def test_requests_are_counted_by_route_template_and_status(
        self, ops_client: TestClient, body: dict[str, Any]
    ) -> None:
        ops_client.get("/things/1")
        ops_client.get("/things/2")
        ops_client.post("/v9/items/3", content=b"x", headers={"Content-Type": "text/x"})
        ops_client.get("/v9/items/3")
        ops_client.get("/no/such/path/123")
        ops_client.get("/boom")
        ops_client.post("/v1/plans", content=b"x" * 70_000, headers={"Content-Type": "text/x"})
        ops_client.request("BREW", "/healthz")

        response = ops_client.get("/metrics")

        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/plain; version=0.0.4")
        counts = _samples(response.text)
        assert counts[("http_requests_total", "GET", "/things/{thing_id}", "200")] == 2
        assert counts[("http_requests_total", "GET", "unmatched", "404")] == 1
        assert counts[("http_requests_total", "GET", "/boom", "500")] == 1
        assert counts[("http_requests_total", "POST", "/v1/plans", "413")] == 1
        assert counts[("http_requests_total", "POST", "/v9/items/{item_id}", "415")] == 1
        assert counts[("http_requests_total", "GET", "/v9/items/{item_id}", "405")] == 1
        assert counts[("http_requests_total", "other", "/healthz", "405")] == 1
        assert "/no/such/path" not in response.text
        assert "/things/1" not in response.text
        assert "http_request_duration_seconds_bucket" in response.text

    def test_metrics_need_no_key_and_are_in_the_contract(self, settings: Settings) -> None:
        operation = create_app(settings).openapi()["paths"]["/metrics"]["get"]

        assert "security" not in operation
        assert "text/plain" in operation["responses"]["200"]["content"]


class TestCors:
    ORIGIN = "https://planner.example"

    @pytest.fixture
    def cors_client(self) -> Iterator[TestClient]:
        settings = Settings(_env_file=None, cors_origins=[self.ORIGIN])  # type: ignore[call-arg]
        with TestClient(create_app(settings)) as test_client:
            yield test_client

    def test_a_preflight_allows_the_methods_and_headers_clients_need(
        self, cors_client: TestClient
    ) -> None:
        response = cors_client.options(
            "/v1/plans",
            headers={
                "Origin": self.ORIGIN,
                "Access-Control-Request-Method": "PATCH",
                "Access-Control-Request-Headers": (
                    "authorization, content-type, if-match, idempotency-key, x-request-id"
                ),
            },
        )

        assert response.status_code == 200
        assert response.headers["access-control-allow-origin"] == self.ORIGIN
        methods = {m.strip() for m in response.headers["access-control-allow-methods"].split(",")}
        assert methods == {"GET", "POST", "PATCH", "DELETE", "OPTIONS"}
        allowed = response.headers["access-control-allow-headers"].lower()
        for header in ("authorization", "content-type", "if-match", "idempotency-key"):
            assert header in allowed
        assert "x-request-id" in allowed

    def test_a_simple_request_exposes_the_headers_clients_read(
        self, cors_client: TestClient
    ) -> None:
        response = cors_client.get("/healthz", headers={"Origin": self.ORIGIN})

        assert response.headers["access-control-allow-origin"] == self.ORIGIN
        exposed = {h.strip() for h in response.headers["access-control-expose-headers"].split(",")}
        assert {"ETag", "Location", "Retry-After", "X-Request-ID"} <= exposed

    def test_an_unknown_origin_gets_no_grant(self, cors_client: TestClient) -> None:
        preflight = cors_client.options(
            "/v1/plans",
            headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"},
        )
        simple = cors_client.get("/healthz", headers={"Origin": "https://evil.example"})

        assert preflight.status_code == 400
        assert "access-control-allow-origin" not in simple.headers

    def test_an_error_carries_the_grant_too(self, cors_client: TestClient) -> None:
        response = cors_client.post(
            "/v1/plans", content=b"plain", headers={"Origin": self.ORIGIN, "Content-Type": "text/x"}
        )

        assert response.status_code == 415
        assert response.headers["access-control-allow-origin"] == self.ORIGIN

    def test_no_origins_no_cors(self, client: TestClient) -> None:
        response = client.get("/healthz", headers={"Origin": self.ORIGIN})

        assert "access-control-allow-origin" not in response.headers


def _request(client: TestClient, case: str) -> Any:
    # Routes of the test app's own (no API key needed), so only the error itself is tested.
    json_type = {"Content-Type": "application/json"}
    if case == "404":
        return client.get("/v1/no-such-thing")
    if case == "405":
        return client.delete("/healthz")
    if case == "413":
        return client.post("/echo", content=b"{" * 70_000, headers=json_type)
    if case == "413-chunked":
        return client.post("/echo", content=iter([b"{" * 40_000] * 2), headers=json_type)
    if case == "415":
        return client.post("/echo", content=b"name=Ann", headers={"Content-Type": "text/x"})
    if case == "422":
        return client.post("/echo", json={"name": ""})
    if case == "400":
        return client.post("/echo", content=b'{"name": ', headers=json_type)
    assert case == "500"
    return client.get("/boom")


class TestEveryErrorIsAProblem:
    @pytest.mark.parametrize(
        ("case", "status"),
        [
            ("404", 404),
            ("405", 405),
            ("413", 413),
            ("413-chunked", 413),
            ("415", 415),
            ("422", 422),
            ("400", 400),
            ("500", 500),
        ],
    )
    def test_problem_json_with_a_request_id(
        self, ops_client: TestClient, case: str, status: int
    ) -> None:
        response = _request(ops_client, case)

        assert response.status_code == status
        assert response.headers["content-type"] == PROBLEM
        assert len(response.headers["X-Request-ID"]) == 32
        problem = response.json()
        assert {"type", "title", "status", "detail"} <= problem.keys()
        assert problem["status"] == status
        assert isinstance(problem["title"], str)
        assert problem["title"]
        assert problem["detail"]

    def test_a_500_tells_nothing_of_the_bug(self, ops_client: TestClient) -> None:
        response = ops_client.get("/boom")

        assert "hunter2" not in response.text
        assert "Traceback" not in response.text
        assert "RuntimeError" not in response.text

    def test_a_405_names_the_allowed_methods(self, ops_client: TestClient) -> None:
        response = ops_client.delete("/healthz")

        assert response.headers["Allow"] == "GET"

    def test_a_422_names_each_field(self, ops_client: TestClient) -> None:
        problem = ops_client.post("/echo", json={"name": ""}).json()

        assert {error["field"] for error in problem["errors"]} == {"name", "count"}


class TestDocsPolicy:
    @pytest.mark.parametrize("path", ["/docs", "/redoc"])
    def test_the_docs_pages_may_load_only_what_the_app_serves(
        self, client: TestClient, path: str
    ) -> None:
        response = client.get(path)

        assert response.status_code == 200
        policy = response.headers["Content-Security-Policy"]
        assert "default-src 'self'" in policy
        assert "img-src 'self' data:" in policy

    def test_other_answers_carry_no_policy(self, client: TestClient) -> None:
        assert "Content-Security-Policy" not in client.get("/healthz").headers


class TestWhatTheMetricsCount:
    def test_a_404_from_a_route_that_matched_keeps_its_template(self, client: TestClient) -> None:
        unknown = "00000000-0000-4000-8000-000000000000"
        assert client.get(f"/v1/interviews/{unknown}").status_code == 404

        counts = _samples(client.get("/metrics").text)

        assert counts[("http_requests_total", "GET", "/v1/interviews/{interview_id}", "404")] == 1
        assert unknown not in client.get("/metrics").text

    def test_the_start_up_warm_up_is_not_traffic(self, sqlite_url: str) -> None:
        settings = Settings(  # type: ignore[call-arg]
            _env_file=None, database_url=sqlite_url, warm_up=True
        )
        with TestClient(create_app(settings)) as warmed:
            counts = _samples(warmed.get("/metrics").text)

        assert counts == {}


class TestCommonHeaders:
    def test_v1_answers_are_not_stored_nor_sniffed(self, client: TestClient) -> None:
        for response in (
            client.get("/v1/policies"),
            client.get("/v1/interviews/not-a-uuid"),
            client.post("/v1/plans", json={}),
        ):
            assert response.headers["cache-control"] == "no-store", response.url
            assert response.headers["x-content-type-options"] == "nosniff"

    def test_a_refused_key_is_not_stored_either(self, anonymous: TestClient) -> None:
        response = anonymous.get("/v1/policies")

        assert response.status_code == 401
        assert response.headers["cache-control"] == "no-store"

    def test_operations_answers_are_not_sniffed(self, client: TestClient) -> None:
        response = client.get("/healthz")

        assert response.headers["x-content-type-options"] == "nosniff"
        assert "cache-control" not in response.headers


class TestCorsProblems:
    ORIGIN = "https://planner.example"

    @pytest.fixture
    def cors_client(self, settings: Settings) -> Iterator[TestClient]:
        allowed = settings.model_copy(update={"cors_origins": [self.ORIGIN]})
        app = _with_routes(create_app(allowed))
        with TestClient(app, raise_server_exceptions=False) as test_client:
            yield test_client

    def test_a_refused_preflight_is_a_problem_with_cors_headers(
        self, cors_client: TestClient
    ) -> None:
        response = cors_client.options(
            "/v1/plans",
            headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "PUT"},
        )

        assert response.status_code == 400
        assert response.headers["content-type"] == PROBLEM
        assert "access-control-allow-methods" in response.headers
        assert response.headers["x-request-id"]
        problem = response.json()
        assert problem["status"] == 400
        assert "origin" in problem["detail"] and "method" in problem["detail"]

    def test_a_500_is_a_problem_with_cors_headers(
        self, cors_client: TestClient, log_lines: io.StringIO
    ) -> None:
        response = cors_client.get("/boom", headers={"Origin": self.ORIGIN})

        assert response.status_code == 500
        assert response.headers["content-type"] == PROBLEM
        assert response.headers["access-control-allow-origin"] == self.ORIGIN
        assert response.headers.get_list("x-request-id") == [response.headers["x-request-id"]]
        assert "hunter2" not in response.text
        assert any(line.get("exc") for line in _lines(log_lines))


class TestUnknownQueryParameters:
    def test_a_misspelt_filter_is_a_422_naming_it(self, client: TestClient) -> None:
        response = client.get("/v1/interviews", params={"stauts": "open", "limit": 5})

        assert response.status_code == 422
        assert response.headers["content-type"] == PROBLEM
        assert [error["field"] for error in response.json()["errors"]] == ["query.stauts"]

    def test_every_unknown_one_is_named_once_and_known_ones_pass(self, client: TestClient) -> None:
        refused = client.post("/v1/plans?b=1&a=2&a=3", json={})
        known = client.get("/v1/interviews", params={"limit": 5})

        assert [error["field"] for error in refused.json()["errors"]] == ["query.a", "query.b"]
        assert known.status_code == 200

    def test_a_value_given_twice_is_a_422_naming_it(self, client: TestClient) -> None:
        response = client.get("/v1/interviews?company=Acme&company=Initech&limit=5")

        assert response.status_code == 422
        assert [error["field"] for error in response.json()["errors"]] == ["query.company"]
        assert "more than once" in response.json()["errors"][0]["message"]

    def test_a_path_no_route_takes_is_left_to_the_router(self, client: TestClient) -> None:
        assert client.get("/no/such/path", params={"x": "1"}).status_code == 404
