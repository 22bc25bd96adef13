"""One way to fail: every error is an RFC 9457 problem document (application/problem+json)."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from http import HTTPStatus
from typing import Any

import orjson
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from sqlalchemy.exc import OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response
from starlette.routing import Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.api.observability import HEADER as REQUEST_ID_HEADER
from app.api.observability import REQUEST_ID
from app.api.ratelimit import RateLimited
from app.domain.errors import InvalidFacts
from app.services.errors import InvalidDocument, ServiceError

PROBLEM_JSON = "application/problem+json"
VALIDATION_TYPE = "urn:followup:problem:invalid-fields"
log = logging.getLogger("app.errors")


def problem(
    status: int,
    detail: str,
    *,
    type_: str = "about:blank",
    errors: list[dict[str, str]] | None = None,
    headers: Mapping[str, str] | None = None,
) -> Response:
    body: dict[str, Any] = {
        "type": type_,
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
    }
    if errors is not None:
        body["errors"] = errors
    return Response(
        orjson.dumps(body), status_code=status, media_type=PROBLEM_JSON, headers=headers
    )


def field_error(loc: Sequence[str | int], message: str) -> dict[str, str]:
    """A field as people read it (``contacts[0].email``) and as a JSON pointer."""
    field = ""
    for part in loc:
        field += f"[{part}]" if isinstance(part, int) else (f".{part}" if field else str(part))
    pointer = "/" + "/".join(str(part).replace("~", "~0").replace("/", "~1") for part in loc)
    return {"field": field or "body", "pointer": pointer if loc else "", "message": message}


def validation_errors(errors: Sequence[Any]) -> list[dict[str, str]]:
    found = []
    for error in errors:
        # Pydantic also names the validator it tried ("function-after[...]",
        # "constrained-str"); our field names never hold "[" or "-", so those go.
        parts = error["loc"][1:] if error["loc"][:1] == ("body",) else error["loc"]
        loc = [p for p in parts if isinstance(p, int) or not ("[" in p or "-" in p)]
        message = str(error["msg"]).removeprefix("Value error, ")
        found.append(field_error(loc, message))
    return found


def invalid_fields(exc: InvalidFacts) -> list[dict[str, str]]:
    """The domain's problems as fields people and programs can find."""
    return [field_error(loc, message) for loc, message in exc.problems]


def _invalid(found: list[dict[str, str]]) -> Response:
    fields = ", ".join(sorted({error["field"] for error in found}))
    detail = f"{len(found)} field(s) are invalid: {fields}."
    return problem(422, detail, type_=VALIDATION_TYPE, errors=found)


async def _on_validation(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)  # noqa: S101 - registered for this type only
    errors = exc.errors()
    if any(e.get("type") == "json_invalid" for e in errors):
        return problem(400, "The request body is not valid JSON.")
    return _invalid(validation_errors(errors))


async def _on_invalid_facts(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, InvalidFacts)  # noqa: S101 - registered for this type only
    return _invalid(invalid_fields(exc))


async def _on_invalid_document(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, InvalidDocument)  # noqa: S101 - registered for this type only
    return _invalid(validation_errors(exc.errors))


async def _on_http(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)  # noqa: S101
    detail = exc.detail if isinstance(exc.detail, str) else HTTPStatus(exc.status_code).description
    headers = exc.headers
    if exc.status_code == 405:
        # Starlette names only the methods of the first route that matched the path; a path
        # served by several routes (GET and POST /v1/interviews) allows all of theirs.
        headers = {**(headers or {}), "Allow": ", ".join(_allowed(request))}
    return problem(exc.status_code, detail, headers=headers)


_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")


def _allowed(request: Request) -> list[str]:
    """Every method some route fully matches on this path (routes are asked, not listed:
    FastAPI keeps included routers whole)."""
    allowed = []
    for method in _METHODS:
        scope = {**request.scope, "method": method}
        if any(route.matches(scope)[0] is Match.FULL for route in request.app.router.routes):
            allowed.append(method)
    return allowed


def _unexpected(request: Request, headers: Mapping[str, str] | None = None) -> Response:
    log.exception("unhandled error on %s %s", request.method, request.url.path)
    return problem(
        500, "Something went wrong on our side; the request changed nothing.", headers=headers
    )


async def _on_unexpected(request: Request, exc: Exception) -> Response:
    # Starlette calls this outside every middleware, ours included: the request id is still
    # set (observability.Observability leaves it so), so the log line and the answer carry it.
    request_id = REQUEST_ID.get()
    return _unexpected(request, {REQUEST_ID_HEADER: request_id} if request_id else None)


async def _on_rate_limited(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RateLimited)  # noqa: S101 - registered for this type only
    return too_many_requests(exc)


def too_many_requests(exc: RateLimited) -> Response:
    """429 with ``Retry-After``, and the limit and what remains as RateLimit-* headers."""
    decision = exc.decision
    detail = (
        f"{exc.subject} is over its limit of {decision.limit} requests in "
        f"{exc.period_seconds:g} seconds; retry after {decision.retry_after} seconds."
    )
    headers = {
        "Retry-After": str(decision.retry_after),
        "RateLimit-Limit": str(decision.limit),
        "RateLimit-Remaining": str(decision.remaining),
    }
    return problem(429, detail, headers=headers)


_PROBLEM_REF = "#/components/schemas/Problem"
_RETRY_AFTER = {
    "description": "Seconds to wait before trying again.",
    "schema": {"type": "integer", "minimum": 0},
}


def document_problems(app: FastAPI) -> None:
    """Make the OpenAPI document say what the handlers do: every error is problem+json.

    Each 4xx/5xx response of each operation (FastAPI's automatic 422 too) gets one media
    type, ``application/problem+json`` with the Problem schema; the unused validation-error
    schemas go. An operation that needs an API key also documents its 429. Call it after
    every route is included; it changes the document in place, so calling it twice is safe.
    """
    from app.api.schemas import Problem

    build = app.openapi

    def openapi() -> dict[str, Any]:
        document = build()
        schemas = document.setdefault("components", {}).setdefault("schemas", {})
        if "Problem" not in schemas:
            schema = Problem.model_json_schema(ref_template="#/components/schemas/{model}")
            schemas.update(schema.pop("$defs", {}))
            schemas["Problem"] = schema
        for path in document.get("paths", {}).values():
            for operation in path.values():
                _problem_responses(operation)
        text = orjson.dumps(document["paths"]).decode()
        for unused in ("HTTPValidationError", "ValidationError"):
            if f'/{unused}"' not in text:
                schemas.pop(unused, None)
        return document

    app.openapi = openapi  # type: ignore[method-assign]


def _problem_responses(operation: dict[str, Any]) -> None:
    responses = operation.setdefault("responses", {})
    if operation.get("security"):
        responses.setdefault(
            "401",
            {
                "description": "No API key, or one that is not valid or was revoked.",
                "headers": {"WWW-Authenticate": {"schema": {"type": "string"}}},
            },
        )
        responses.setdefault(
            "429",
            {
                "description": "Too many requests for this API key: retry after Retry-After "
                "seconds.",
                "headers": {"Retry-After": _RETRY_AFTER},
            },
        )
        responses.setdefault(
            "503",
            {
                "description": "The database is unavailable: retry after Retry-After seconds.",
                "headers": {"Retry-After": _RETRY_AFTER},
            },
        )
    for status, response in responses.items():
        if status[:1] in ("4", "5"):
            media = response.get("content", {}).get(PROBLEM_JSON, {})
            response["content"] = {PROBLEM_JSON: {**media, "schema": {"$ref": _PROBLEM_REF}}}


async def _on_database_down(request: Request, exc: Exception) -> Response:
    log.warning("database unavailable on %s %s: %s", request.method, request.url.path, exc)
    return problem(
        503,
        "The database is unavailable; the request changed nothing. Retry shortly.",
        headers={"Retry-After": "5"},
    )


async def _on_service_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ServiceError)  # noqa: S101 - registered for this type only
    return problem(exc.status, exc.detail, type_=exc.type_, headers=exc.headers)


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, _on_validation)
    app.add_exception_handler(InvalidFacts, _on_invalid_facts)
    app.add_exception_handler(InvalidDocument, _on_invalid_document)
    app.add_exception_handler(StarletteHTTPException, _on_http)
    app.add_exception_handler(RateLimited, _on_rate_limited)
    app.add_exception_handler(ServiceError, _on_service_error)
    app.add_exception_handler(OperationalError, _on_database_down)
    app.add_exception_handler(Exception, _on_unexpected)


class UnexpectedErrors:
    """Answers an exception that escapes the app with the 500 problem document.

    Starlette's own last-resort handler sits outside every middleware, so its 500 would carry
    no CORS headers and skip the common headers; this one sits inside them (added first, so
    innermost). An exception after the answer has begun is left to go on up: the server
    closes the connection, as nothing else can be said.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def sending(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, sending)
        except Exception:
            if started:
                raise
            # Inside Observability: it adds the request id to this answer as to any other.
            await _unexpected(Request(scope))(scope, receive, send)


class RequestLimits:
    """Refuses bodies over the size limit (413) and bodies that are not JSON (415).

    A pure ASGI middleware: a body with a Content-Length within the limit passes untouched;
    one without is read up to the limit, then replayed to the app.
    """

    def __init__(self, app: ASGIApp, *, max_body_bytes: int) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("POST", "PUT", "PATCH"):
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        length = headers.get(b"content-length")
        if length is not None and length.isdigit():
            if int(length) > self.max_body_bytes:
                await self._refuse(scope, receive, send, 413, self._too_large())
                return
            if int(length) > 0 and not _is_json(headers.get(b"content-type", b"")):
                await self._refuse(scope, receive, send, 415, _NOT_JSON)
                return
            await self.app(scope, receive, send)
            return
        body = b""
        more = True
        while more:
            message = await receive()
            body += message.get("body", b"")
            more = message.get("more_body", False)
            if len(body) > self.max_body_bytes:
                await self._refuse(scope, receive, send, 413, self._too_large())
                return
        if body and not _is_json(headers.get(b"content-type", b"")):
            await self._refuse(scope, receive, send, 415, _NOT_JSON)
            return
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if replayed:
                return await receive()
            replayed = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app(scope, replay, send)

    def _too_large(self) -> str:
        return f"The request body is larger than {self.max_body_bytes} bytes."

    async def _refuse(
        self, scope: Scope, receive: Receive, send: Send, status: int, detail: str
    ) -> None:
        await problem(status, detail)(scope, receive, send)


_NOT_JSON = "Send the body as JSON, with the header Content-Type: application/json."


def _is_json(content_type: bytes) -> bool:
    media = content_type.split(b";", 1)[0].strip().lower()
    return media == b"application/json" or (
        media.startswith(b"application/") and media.endswith(b"+json")
    )
