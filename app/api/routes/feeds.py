"""Calendar feeds: secret URLs a calendar app subscribes to, with no header to send.

Managing feeds needs a key (``/v1/calendar-feeds``); reading one (``/feeds/{token}.ics``)
needs only the token in its URL, is counted against the rate limit per token, and answers
``304`` to an ``If-None-Match`` that names its current ``ETag``.
"""

from __future__ import annotations

import re
import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Header, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from app.api.body import json_body, parse_body
from app.api.deps import AppSettings, Caller, Feeds, json_response, problem_responses
from app.api.ratelimit import enforce_rate_limit
from app.api.schemas.webhooks import FeedCreate, FeedCreated, FeedList
from app.db.models import CalendarFeed
from app.services.calendar_feeds import token_hash
from app.services.errors import NotFound

router = APIRouter(tags=["calendar feeds"])

_MEDIA_TYPE = "text/calendar; charset=utf-8"
#: Tokens are URL-safe base64 (``secrets.token_urlsafe``).
_TOKEN = re.compile(r"[A-Za-z0-9_-]{16,100}")


def _feed_wire(row: CalendarFeed) -> dict[str, Any]:
    return {"id": row.id, "interview_id": row.interview_id, "created_at": row.created_at}


@router.post(
    "/v1/calendar-feeds",
    status_code=201,
    response_model=FeedCreated,
    summary="A calendar feed URL to subscribe to; answers with it, once.",
    responses=problem_responses(400, 404, 413, 415, 422),
    openapi_extra=json_body(FeedCreate, example={}),
)
async def create_calendar_feed(
    request: Request, caller: Caller, feeds: Feeds, settings: AppSettings
) -> Response:
    """Anyone with the URL can read the feed: share it as you would a password."""
    body = parse_body(FeedCreate, await request.body())
    row, token = await run_in_threadpool(
        feeds.create, account_id=caller.account_id, interview_id=body.interview_id
    )
    base = (settings.public_base_url or str(request.base_url)).rstrip("/")
    url = f"{base}/feeds/{token}.ics"
    webcal = "webcal://" + url.split("://", 1)[1]
    return json_response(
        {**_feed_wire(row), "url": url, "webcal_url": webcal},
        status=201,
        headers={"Location": f"/v1/calendar-feeds/{row.id}"},
    )


@router.get(
    "/v1/calendar-feeds",
    response_model=FeedList,
    summary="Your calendar feeds (without their URLs).",
)
async def list_calendar_feeds(caller: Caller, feeds: Feeds) -> Response:
    """Oldest first."""
    rows = await run_in_threadpool(feeds.list, account_id=caller.account_id)
    return json_response({"items": [_feed_wire(row) for row in rows]})


@router.delete(
    "/v1/calendar-feeds/{feed_id}",
    status_code=204,
    summary="Revoke a calendar feed: its URL answers 404 from now on.",
    responses=problem_responses(404),
)
async def delete_calendar_feed(caller: Caller, feeds: Feeds, feed_id: str) -> Response:
    """At once, for every calendar subscribed to it."""
    try:
        ident = uuid.UUID(feed_id)
    except ValueError:
        raise NotFound("No calendar feed with this id.") from None
    await run_in_threadpool(feeds.delete, account_id=caller.account_id, feed_id=ident)
    return Response(status_code=204)


@router.get(
    "/feeds/{token}.ics",
    response_class=Response,
    summary="A calendar feed (no key: the token in the URL is the credential).",
    responses={
        200: {
            "description": "RFC 5545, refreshed hourly: each step still to do, with a "
            "reminder; stable UIDs, a SEQUENCE that rises when the interview changes.",
            "content": {"text/calendar": {"schema": {"type": "string"}}},
        },
        304: {"description": "Unchanged since the ETag in If-None-Match."},
        **problem_responses(404, 429),
    },
)
async def read_calendar_feed(
    request: Request,
    feeds: Feeds,
    token: str,
    if_none_match: Annotated[
        str | None, Header(max_length=200, description="The ETag of the copy you have.")
    ] = None,
) -> Response:
    """What a calendar app subscribes to."""
    if not _TOKEN.fullmatch(token):
        raise NotFound("No calendar feed at this address.")
    await enforce_rate_limit(request, f"feed:{token_hash(token)[:16]}")
    feed = await run_in_threadpool(feeds.read, token=token, host="followup.local")
    headers = {"ETag": feed.etag, "Cache-Control": "private, max-age=300"}
    if if_none_match is not None and feed.etag in [t.strip() for t in if_none_match.split(",")]:
        return Response(status_code=304, headers=headers)
    return Response(feed.body, media_type=_MEDIA_TYPE, headers=headers)
