"""Stored interviews, their events and plans, and the agenda across them.

Handlers parse and answer; the work, each piece in one transaction, is the InterviewStore's
(:mod:`app.services.interviews`), run in the thread pool because the database driver blocks.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Annotated, Any

import orjson
from fastapi import APIRouter, Header, Query, Request
from fastapi.exceptions import RequestValidationError
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from app.api import kept_pages
from app.api.body import json_body, parse_body, schema_ref
from app.api.deps import (
    Caller,
    Cursor,
    ExplanationLanguage,
    Pages,
    Store,
    bad_cursor,
    decode_cursor,
    encode_cursor,
    explained_headers,
    json_response,
    problem_responses,
)
from app.api.examples import PLAN_EXAMPLE
from app.api.mapping import agenda_wire, interview_wire, plan_wire, summary_wire
from app.api.schemas import PlanOut, PlanRequest
from app.api.schemas.interviews import (
    AgendaPage,
    EventCreate,
    InterviewOut,
    InterviewPage,
    InterviewPatch,
    QueryDay,
    QueryMoment,
)
from app.domain.validity import seconds
from app.services.calendar_export import plan_ics
from app.services.document.codec import event_from
from app.services.errors import NotFound
from app.services.explanation import explain_item, explain_plan
from app.services.idempotency import Idempotency, Replay
from app.services.interviews import Changed, ListFilter, StoredInterview
from app.services.keys import Principal
from app.services.message_export import MEDIA_TYPE as EML_MEDIA_TYPE
from app.services.message_export import step_eml
from app.services.pages import PageCache
from app.services.planning import PlannedInterview

router = APIRouter(prefix="/v1", tags=["interviews"])

#: No control characters in a query's text (PostgreSQL cannot even compare a NUL).
_VISIBLE_TEXT = r"^[^\x00-\x1f\x7f]+$"
#: An Idempotency-Key is a token: visible ASCII, as a UUID or a hash would be.
_VISIBLE_ASCII = r"^[\x21-\x7e]+$"


def _id(value: str) -> uuid.UUID:
    """A malformed id names no interview: 404, like another account's."""
    try:
        return uuid.UUID(value)
    except ValueError:
        raise NotFound("No interview with this id.") from None


async def _planned(
    store: Store, caller: Caller, interview_id: str, as_of: datetime | None
) -> tuple[StoredInterview, PlannedInterview]:
    """The caller's stored interview and its plan as of ``as_of`` (404 for anyone else's)."""
    return await run_in_threadpool(
        store.planned, account_id=caller.account_id, interview_id=_id(interview_id), as_of=as_of
    )


def _location(stored: StoredInterview) -> str:
    return f"/v1/interviews/{stored.id}"


def _explained_wire(
    stored: StoredInterview, planned: PlannedInterview, code: str
) -> dict[str, Any]:
    """The interview and its plan, the plan's explanation in language ``code``."""
    wire = interview_wire(stored, planned)
    explain_plan(wire["plan"], code)
    return wire


def _replay_in(code: str) -> Callable[[StoredInterview, PlannedInterview], Replay]:
    """A create's answer as an Idempotency-Key's retries get it again: in the language the
    first request's explanation was in, which the replay says again."""

    def replay(stored: StoredInterview, planned: PlannedInterview) -> Replay:
        body = orjson.dumps(_explained_wire(stored, planned, code))
        return Replay(201, body, _location(stored), stored.etag, code)

    return replay


def _changed(changed: Changed, status: int, code: str) -> Response:
    """A changed interview with its plan, explained in ``code``; ``Location`` and ``ETag``
    name it and its version."""
    stored = changed.interview
    return json_response(
        _explained_wire(stored, changed.planned, code),
        status=status,
        headers=explained_headers(code, Location=_location(stored), ETag=stored.etag),
    )


def _replayed(replay: Replay, *, replayed: bool = True) -> Response:
    """A keyed create's answer as it was kept: sent again (``Idempotent-Replayed``), or the
    first time."""
    headers = {"Idempotent-Replayed": "true"} if replayed else {}
    if replay.location:
        headers["Location"] = replay.location
    if replay.etag:
        headers["ETag"] = replay.etag
    if replay.language:
        headers = explained_headers(replay.language, **headers)
    return Response(
        replay.body, status_code=replay.status, media_type="application/json", headers=headers
    )


def _invalid(loc: tuple[str | int, ...], message: str) -> RequestValidationError:
    return RequestValidationError([{"loc": loc, "msg": message, "type": "value_error"}])


def _encode_cursor(after: tuple[datetime, uuid.UUID] | None) -> str | None:
    return encode_cursor(None if after is None else (after[0], str(after[1])))


def _decode_cursor(cursor: str | None) -> tuple[datetime, uuid.UUID] | None:
    position = decode_cursor(cursor)
    if position is None:
        return None
    try:
        return position[0], uuid.UUID(position[1])
    except ValueError:
        raise bad_cursor() from None


AsOf = Annotated[
    QueryMoment | None,
    Query(description="Plan as of this moment (RFC 3339 with an offset); default: now."),
]
IfMatch = Annotated[
    str | None,
    Header(description="The ETag you read; the change applies only if it is still current."),
]
#: What a client can do next with the id of an interview it just stored (OpenAPI links).
_INTERVIEW_LINKS = {
    name: {
        "operationId": operation,
        "parameters": {"interview_id": "$response.body#/id"},
        "description": description,
    }
    for name, operation, description in (
        ("GetInterview", "get_interview", "Read it back, with its plan."),
        ("UpdateInterview", "update_interview", "Change its facts."),
        ("DeleteInterview", "delete_interview", "Delete it."),
        ("AddEvent", "add_event", "Log what happened."),
        ("GetInterviewPlan", "get_interview_plan", "Its plan as of a moment."),
    )
}
Limit = Annotated[int, Query(ge=1, le=200, description="Interviews per page.")]
_INTERVIEW_EXAMPLE = {key: value for key, value in PLAN_EXAMPLE.items() if key != "as_of"}


# -- create and list --------------------------------------------------------------------------


@router.post(
    "/interviews",
    status_code=201,
    response_model=InterviewOut,
    summary="Store an interview; answers with it and its current plan.",
    responses={
        201: {
            "description": "Stored. `Location` names it, `ETag` is its version.",
            "links": _INTERVIEW_LINKS,
        },
        **problem_responses(400, 409, 413, 415, 422),
    },
    openapi_extra=json_body(
        PlanRequest,
        description="The interview's facts, as for POST /v1/plans. `events` become its first "
        "events; `as_of` fixes the moment of the plan in the answer and is not stored.",
        example=_INTERVIEW_EXAMPLE,
    ),
)
async def create_interview(
    request: Request,
    caller: Caller,
    store: Store,
    explanation: ExplanationLanguage,
    idempotency_key: Annotated[
        str | None,
        Header(
            min_length=1,
            max_length=255,
            pattern=_VISIBLE_ASCII,
            description="Makes a retry safe: the same key with the same body gives the first "
            "answer again and stores one interview (kept 24 hours).",
        ),
    ] = None,
) -> Response:
    """Stores the facts and answers 201 with `Location`, `ETag`, the interview and its plan."""
    body = parse_body(PlanRequest, await request.body())
    idempotency = None
    if idempotency_key is not None:
        canonical = orjson.dumps(body.model_dump(mode="json"), option=orjson.OPT_SORT_KEYS)
        idempotency = Idempotency(idempotency_key, hashlib.sha256(canonical).hexdigest())
    result = await run_in_threadpool(
        store.create,
        account_id=caller.account_id,
        fields=body,
        events=[event_from(e) for e in body.events],
        as_of=body.as_of,
        idempotency=idempotency,
        replay=_replay_in(explanation),
    )
    if isinstance(result, Replay):
        return _replayed(result)
    if result.answer is not None:  # rendered once already, for the key's retries
        return _replayed(result.answer, replayed=False)
    return _changed(result, 201, explanation)


@router.get(
    "/interviews",
    response_model=InterviewPage,
    summary="List your interviews, newest first.",
    responses=problem_responses(422),
)
async def list_interviews(
    request: Request,
    caller: Caller,
    store: Store,
    pages: Pages,
    explanation: ExplanationLanguage,
    as_of: AsOf = None,
    status: Annotated[
        str | None,
        Query(
            pattern="^(active|closed|moved_on)$",
            description="Only interviews whose plan has this status as of `as_of`.",
        ),
    ] = None,
    company: Annotated[
        str | None,
        Query(
            min_length=1,
            max_length=200,
            pattern=_VISIBLE_TEXT,
            description="Only this company (any case).",
        ),
    ] = None,
    next_action_before: Annotated[
        QueryMoment | None,
        Query(
            description="Only open interviews with a step that opens before this moment; "
            "the page is then in the order of those steps, soonest first."
        ),
    ] = None,
    cursor: Cursor = None,
    limit: Limit = 50,
) -> Response:
    """Each interview with its plan's status and next action; filter, then page on."""
    after = _decode_cursor(cursor)
    moment = seconds(as_of or datetime.now(UTC))
    filters = ListFilter(status, company, next_action_before)

    def render() -> bytes:
        page = store.list(
            account_id=caller.account_id, filters=filters, as_of=moment, after=after, limit=limit
        )
        return orjson.dumps(
            {
                "items": [explain_item(summary_wire(item), explanation) for item in page.items],
                "next_cursor": _encode_cursor(page.after),
            }
        )

    asked = moment if as_of is None else None
    return await _page(request, caller, pages, explanation, asked, render)


async def _page(
    request: Request,
    caller: Principal,
    pages: PageCache,
    explanation: str,
    moment: datetime | None,
    render: Callable[[], bytes],
) -> Response:
    """A list or agenda page: kept under the request as it came (``moment``: the one asked
    about, when the query names no ``as_of``), or rendered and kept (:mod:`app.api.kept_pages`)."""
    question = kept_pages.question(request.scope, explanation, moment)
    version = kept_pages.version_read(request.scope, caller.account_id)
    body = await pages.answer(caller.account_id, question, render, version=version)
    return Response(body, media_type="application/json", headers=explained_headers(explanation))


# -- one interview ----------------------------------------------------------------------------


@router.get(
    "/interviews/{interview_id}",
    response_model=InterviewOut,
    summary="Read an interview with its current plan.",
    responses=problem_responses(404, 422),
)
async def get_interview(
    caller: Caller,
    store: Store,
    interview_id: str,
    explanation: ExplanationLanguage,
    as_of: AsOf = None,
) -> Response:
    """The interview's fields, events and plan (its explanation in the language of
    `Accept-Language`); its `ETag` for a later change."""
    stored, planned = await _planned(store, caller, interview_id, as_of)
    wire = _explained_wire(stored, planned, explanation)
    return json_response(wire, headers=explained_headers(explanation, ETag=stored.etag))


@router.patch(
    "/interviews/{interview_id}",
    response_model=InterviewOut,
    summary="Change an interview's facts (JSON merge patch, If-Match required).",
    responses=problem_responses(400, 404, 412, 413, 415, 422, 428),
    openapi_extra={
        "requestBody": {
            "required": True,
            "description": InterviewPatch.__doc__,
            "content": {
                media: {
                    "schema": schema_ref(InterviewPatch),
                    "example": {"decision_timeline": {"text": "within two weeks"}},
                }
                for media in ("application/merge-patch+json", "application/json")
            },
        }
    },
)
async def update_interview(
    request: Request,
    caller: Caller,
    store: Store,
    interview_id: str,
    explanation: ExplanationLanguage,
    if_match: IfMatch = None,
) -> Response:
    """Merges the patch into the stored facts; the plan moves with them. 412 if the ETag is
    stale, 428 without If-Match."""
    raw = await request.body()
    try:
        patch = orjson.loads(raw)
    except orjson.JSONDecodeError:
        raise RequestValidationError(
            [{"type": "json_invalid", "loc": ("body",), "msg": "invalid JSON"}]
        ) from None
    if not isinstance(patch, dict):
        raise _invalid(("body",), "must be a JSON object (an RFC 7396 merge patch)")
    changed = await run_in_threadpool(
        store.update,
        account_id=caller.account_id,
        interview_id=_id(interview_id),
        if_match=if_match,
        patch=patch,
    )
    return _changed(changed, 200, explanation)


@router.delete(
    "/interviews/{interview_id}",
    status_code=204,
    summary="Delete an interview and its events.",
    responses=problem_responses(404, 412),
)
async def delete_interview(
    caller: Caller, store: Store, interview_id: str, if_match: IfMatch = None
) -> Response:
    """Deletes it for good; with If-Match, only if it did not change since."""
    await run_in_threadpool(
        store.delete,
        account_id=caller.account_id,
        interview_id=_id(interview_id),
        if_match=if_match,
    )
    return Response(status_code=204)


@router.post(
    "/interviews/{interview_id}/events",
    status_code=201,
    response_model=InterviewOut,
    summary="Log what happened; answers with the interview and its moved plan.",
    responses=problem_responses(400, 404, 413, 415, 422),
    openapi_extra=json_body(
        EventCreate,
        description="A sent message, a call, a reply or a withdrawal.",
        example={
            "type": "follow_up_sent",
            "at": "2026-12-09T09:30:00-05:00",
            "contact_email": "carol.diaz@acme.example",
        },
    ),
)
async def add_event(
    request: Request,
    caller: Caller,
    store: Store,
    interview_id: str,
    explanation: ExplanationLanguage,
) -> Response:
    """A logged message restarts the clock from the day it really went out; a reply closes
    the plan or, with a new date, starts a new wait; a withdrawal closes it."""
    ident = _id(interview_id)
    body = parse_body(EventCreate, await request.body())
    changed = await run_in_threadpool(
        store.add_event, account_id=caller.account_id, interview_id=ident, event=event_from(body)
    )
    return _changed(changed, 201, explanation)


@router.get(
    "/interviews/{interview_id}/plan",
    response_model=PlanOut,
    summary="The interview's plan as of a moment.",
    responses=problem_responses(404, 422),
)
async def get_interview_plan(
    caller: Caller,
    store: Store,
    interview_id: str,
    explanation: ExplanationLanguage,
    as_of: AsOf = None,
) -> Response:
    """The plan from the stored facts and events, as of `as_of` (default now); its
    explanation in the language of `Accept-Language`."""
    stored, planned = await _planned(store, caller, interview_id, as_of)
    return json_response(
        explain_plan(plan_wire(planned), explanation),
        headers=explained_headers(explanation, ETag=stored.etag),
    )


@router.get(
    "/interviews/{interview_id}/plan.ics",
    summary="The plan's steps as an iCalendar file, with reminders.",
    response_class=Response,
    responses={
        200: {
            "description": "RFC 5545: one event per step still to do, each with a reminder; "
            "UIDs stay the same while the facts do, so a calendar updates its events.",
            "content": {"text/calendar": {"schema": {"type": "string"}}},
        },
        **problem_responses(404, 422),
    },
)
async def get_interview_plan_ics(
    caller: Caller, store: Store, interview_id: str, as_of: AsOf = None
) -> Response:
    """Subscribe to it or import it: what to send to whom, when, and the message itself."""
    stored, planned = await _planned(store, caller, interview_id, as_of)
    facts = stored.facts
    body = plan_ics(
        planned,
        interview_id=str(stored.id),
        company=facts.company,
        job_title=facts.job_title,
        candidate_name=facts.candidate.name,
    )
    return Response(
        body,
        media_type="text/calendar; charset=utf-8",
        headers={
            "ETag": stored.etag,
            "Content-Disposition": f'inline; filename="interview-{stored.id}.ics"',
        },
    )


@router.get(
    "/interviews/{interview_id}/steps/{step_id}/message.eml",
    summary="A step's email as a draft to open in a mail client.",
    response_class=Response,
    responses={
        200: {
            "description": "RFC 5322, UTF-8, headers encoded, X-Unsent: 1 so a mail client "
            "opens it as a draft: To, From (the candidate), Subject, and the body as text and "
            "HTML.",
            "content": {EML_MEDIA_TYPE: {"schema": {"type": "string"}}},
        },
        **problem_responses(404, 422),
    },
)
async def get_step_message_eml(
    caller: Caller, store: Store, interview_id: str, step_id: str, as_of: AsOf = None
) -> Response:
    """Open the email, check it, send it: 404 for a step with no email (a call, moving on)."""
    stored, planned = await _planned(store, caller, interview_id, as_of)
    body = step_eml(planned, step_id=step_id, sender=stored.facts.candidate)
    name = "".join(c if c.isalnum() or c in "-_" else "-" for c in step_id.split("@")[0])
    return Response(
        body,
        media_type=EML_MEDIA_TYPE,
        headers={
            "ETag": stored.etag,
            "Content-Disposition": f'attachment; filename="{name}.eml"',
        },
    )


# -- the agenda -------------------------------------------------------------------------------


@router.get(
    "/agenda",
    response_model=AgendaPage,
    summary="What to do across your interviews: due, overdue, or in a date range.",
    responses=problem_responses(422),
)
async def get_agenda(
    request: Request,
    caller: Caller,
    store: Store,
    pages: Pages,
    explanation: ExplanationLanguage,
    as_of: AsOf = None,
    start: Annotated[
        QueryDay | None,
        Query(alias="from", description="With `to`: also list steps open on these days."),
    ] = None,
    end: Annotated[QueryDay | None, Query(alias="to", description="Last day of the range.")] = None,
    include: Annotated[
        str | None,
        Query(
            pattern="^(messages)?$",
            description="What each step carries beyond its schedule: `messages` (the "
            "default when left out) or nothing (`include=`, every `message` is null), for a "
            "client that only needs the schedule.",
        ),
    ] = None,
    cursor: Cursor = None,
    limit: Limit = 50,
) -> Response:
    """Every step that is due or overdue as of `as_of`, and with `from`/`to` every step still
    to do that is open on one of those days, each with its message unless `include=` leaves
    it out; the most overdue interviews first."""
    if (start is None) != (end is None):
        missing = "from" if start is None else "to"
        raise _invalid(("query", missing), "give both from and to, or neither")
    if start is not None and end is not None:
        if end < start:
            raise _invalid(("query", "to"), "must not be before from")
        if (end - start).days > 366:
            raise _invalid(("query", "to"), "must be at most 366 days after from")
    after = _decode_cursor(cursor)
    moment = seconds(as_of or datetime.now(UTC))
    messages = include != ""

    def render() -> bytes:
        page = store.agenda(
            account_id=caller.account_id,
            as_of=moment,
            start=start,
            end=end,
            after=after,
            limit=limit,
            messages=messages,
        )
        return orjson.dumps(
            {
                "as_of": moment,
                "items": [explain_item(agenda_wire(entry), explanation) for entry in page.items],
                "next_cursor": _encode_cursor(page.after),
            }
        )

    asked = moment if as_of is None else None
    return await _page(request, caller, pages, explanation, asked, render)
