"""What routes depend on, as ``Annotated`` aliases, and the one way to answer in JSON.

A route declares ``store: Store``, ``settings: AppSettings`` or ``caller: Caller`` and gets the
process's interview store, its settings or the authenticated principal; errors are raised and
turned into problem documents by :mod:`app.api.errors`, whose statuses a route documents with
:func:`problem_responses`.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Mapping
from datetime import datetime
from typing import Annotated, Any

import orjson
from fastapi import Depends, Query, Request
from fastapi.exceptions import RequestValidationError
from starlette.responses import Response

from app.api.auth import Caller
from app.api.errors import PROBLEM_JSON
from app.api.schemas import Problem
from app.services.calendar_feeds import CalendarFeeds
from app.services.explanation import negotiate
from app.services.interviews import InterviewStore
from app.services.pages import PageCache
from app.services.webhook_endpoints import WebhookEndpoints
from app.settings import Settings

__all__ = [
    "AppSettings",
    "Caller",
    "Cursor",
    "Endpoints",
    "ExplanationLanguage",
    "Pages",
    "Feeds",
    "Store",
    "bad_cursor",
    "decode_cursor",
    "encode_cursor",
    "json_response",
    "problem_responses",
]


async def _store(request: Request) -> InterviewStore:
    store: InterviewStore = request.app.state.interviews
    return store


async def _settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def _pages(request: Request) -> PageCache:
    pages: PageCache = request.app.state.pages
    return pages


def _endpoints(request: Request) -> WebhookEndpoints:
    endpoints: WebhookEndpoints = request.app.state.webhook_endpoints
    return endpoints


def _feeds(request: Request) -> CalendarFeeds:
    feeds: CalendarFeeds = request.app.state.calendar_feeds
    return feeds


Store = Annotated[InterviewStore, Depends(_store)]
Pages = Annotated[PageCache, Depends(_pages)]
Endpoints = Annotated[WebhookEndpoints, Depends(_endpoints)]
Feeds = Annotated[CalendarFeeds, Depends(_feeds)]
AppSettings = Annotated[Settings, Depends(_settings)]


async def _explanation_language(request: Request) -> str:
    return negotiate(request.headers.get("accept-language"))


#: The language of the explanation (rationales, summaries), from ``Accept-Language``; an
#: answer that carries one names it in ``Content-Language``.
ExplanationLanguage = Annotated[str, Depends(_explanation_language)]


def explained_headers(code: str, **headers: str) -> dict[str, str]:
    """``Content-Language`` of an answer that explains, and ``Vary`` for caches."""
    return {"Content-Language": code, "Vary": "Accept-Language", **headers}


def json_response(
    data: Any, *, status: int = 200, headers: Mapping[str, str] | None = None
) -> Response:
    """``data`` as JSON (orjson writes dates, enums and UUIDs as the contract says)."""
    return Response(
        orjson.dumps(data), status_code=status, media_type="application/json", headers=headers
    )


def problem_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """The OpenAPI ``responses`` for errors a route answers beyond those of every keyed route
    (:func:`app.api.errors.document_problems` adds 401, 429 and 503 to all of those)."""
    return {status: {"model": Problem, "content": {PROBLEM_JSON: {}}} for status in statuses}


#: A page's continuation, as the page before gave it out.
Cursor = Annotated[
    str | None, Query(max_length=200, description="`next_cursor` of the page before.")
]


def encode_cursor(position: tuple[datetime, str] | None) -> str | None:
    """Where the next page starts (the last row's moment and id), opaque to clients."""
    if position is None:
        return None
    raw = orjson.dumps([position[0].isoformat(), position[1]])
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> tuple[datetime, str] | None:
    """A cursor :func:`encode_cursor` gave out; anything else is a 422 naming ``cursor``."""
    if cursor is None:
        return None
    try:
        moment, ident = orjson.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        position = (datetime.fromisoformat(moment), str(ident))
    except (ValueError, TypeError, binascii.Error, orjson.JSONDecodeError):
        raise bad_cursor() from None
    if position[0].tzinfo is None:
        raise bad_cursor()
    return position


def bad_cursor() -> RequestValidationError:
    return RequestValidationError(
        [
            {
                "loc": ("query", "cursor"),
                "msg": "is not a cursor this service gave out",
                "type": "value_error",
            }
        ]
    )
