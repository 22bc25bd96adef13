"""What routes depend on, as ``Annotated`` aliases, and the one way to answer in JSON.

A route declares ``store: Store``, ``settings: AppSettings`` or ``caller: Caller`` and gets the
process's interview store, its settings or the authenticated principal; errors are raised and
turned into problem documents by :mod:`app.api.errors`, whose statuses a route documents with
:func:`problem_responses`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any

import orjson
from fastapi import Depends, Request
from starlette.responses import Response

from app.api.auth import Caller
from app.api.errors import PROBLEM_JSON
from app.api.schemas import Problem
from app.services.calendar_feeds import CalendarFeeds
from app.services.explanation import negotiate
from app.services.interviews import InterviewStore
from app.services.webhook_endpoints import WebhookEndpoints
from app.settings import Settings

__all__ = [
    "AppSettings",
    "Caller",
    "ExplanationLanguage",
    "Endpoints",
    "Feeds",
    "Store",
    "json_response",
    "problem_responses",
]


async def _store(request: Request) -> InterviewStore:
    store: InterviewStore = request.app.state.interviews
    return store


async def _settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def _endpoints(request: Request) -> WebhookEndpoints:
    endpoints: WebhookEndpoints = request.app.state.webhook_endpoints
    return endpoints


def _feeds(request: Request) -> CalendarFeeds:
    feeds: CalendarFeeds = request.app.state.calendar_feeds
    return feeds


Store = Annotated[InterviewStore, Depends(_store)]
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
