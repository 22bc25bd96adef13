"""Webhook endpoints: register a URL, and hear about your interviews' steps as they fall due.

Handlers parse and answer; the work is :class:`app.services.webhook_endpoints.WebhookEndpoints`'s,
run in the thread pool because the database driver blocks. Another account's endpoint is a 404.
"""

from __future__ import annotations

import re
import uuid
from typing import Annotated, Any

import orjson
from fastapi import APIRouter, Query, Request
from fastapi.exceptions import RequestValidationError
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from app.api.body import json_body, parse_body
from app.api.deps import (
    Caller,
    Cursor,
    Endpoints,
    decode_cursor,
    encode_cursor,
    json_response,
    problem_responses,
)
from app.api.schemas.webhooks import (
    DeliveryOut,
    DeliveryPage,
    EndpointCreate,
    EndpointCreated,
    EndpointList,
    EndpointOut,
    EndpointPatch,
)
from app.db.models import WebhookAttempt, WebhookEndpoint
from app.services.webhook_endpoints import Delivery, EndpointNotFound

router = APIRouter(prefix="/v1", tags=["webhooks"])

_MESSAGE_ID = re.compile(r"msg_[0-9a-f]{32}")

_EXAMPLE = {
    "url": "https://ats.example.com/hooks/follow-up",
    "events": ["step.due", "step.overdue", "plan.changed"],
    "description": "Our tracker",
}


def _id(value: str) -> uuid.UUID:
    try:
        return uuid.UUID(value)
    except ValueError:
        raise EndpointNotFound("No webhook endpoint with this id.") from None


def _delivery_id(value: str) -> str:
    """A delivery id is a ``webhook-id`` this service made; anything else names none."""
    if not _MESSAGE_ID.fullmatch(value):
        raise EndpointNotFound("No delivery with this id at this endpoint.")
    return value


def endpoint_wire(row: WebhookEndpoint, *, secret: bool = False) -> dict[str, Any]:
    wire = {
        "id": row.id,
        "url": row.url,
        "events": row.events,
        "description": row.description,
        "enabled": row.enabled,
        "disabled_reason": row.disabled_reason,
        "disabled_at": row.disabled_at,
        "failing_since": row.failing_since,
        "previous_secret_expires_at": row.previous_secret_expires_at,
        "created_at": row.created_at,
        "updated_at": row.updated_at,
    }
    if secret:
        wire["secret"] = row.secret
    return wire


def _attempt_wire(row: WebhookAttempt) -> dict[str, Any]:
    return {
        "at": row.at,
        "status_code": row.status_code,
        "duration_ms": row.duration_ms,
        "error": row.error,
        "next_try_at": row.next_try_at,
    }


def delivery_wire(delivery: Delivery) -> dict[str, Any]:
    message = delivery.message
    return {
        "id": message.id,
        "type": message.type,
        "state": message.state,
        "created_at": message.created_at,
        "delivered_at": message.delivered_at,
        "next_attempt_at": message.next_attempt_at,
        "payload": orjson.loads(message.payload),
        "attempts": [_attempt_wire(a) for a in delivery.attempts],
    }


@router.post(
    "/webhook-endpoints",
    status_code=201,
    response_model=EndpointCreated,
    summary="Register a URL for your interviews' events; answers with its secret, once.",
    responses=problem_responses(400, 413, 415, 422),
    openapi_extra=json_body(EndpointCreate, example=_EXAMPLE),
)
async def create_webhook_endpoint(
    request: Request, caller: Caller, endpoints: Endpoints
) -> Response:
    """Every delivery is signed (Standard Webhooks v1) with the `secret` answered here: keep it."""
    body = parse_body(EndpointCreate, await request.body())
    row = await run_in_threadpool(
        endpoints.create,
        account_id=caller.account_id,
        url=body.url,
        events=body.events,
        description=body.description,
    )
    return json_response(
        endpoint_wire(row, secret=True),
        status=201,
        headers={"Location": f"/v1/webhook-endpoints/{row.id}"},
    )


@router.get(
    "/webhook-endpoints",
    response_model=EndpointList,
    summary="Your webhook endpoints (without their secrets).",
)
async def list_webhook_endpoints(caller: Caller, endpoints: Endpoints) -> Response:
    """Oldest first."""
    rows = await run_in_threadpool(endpoints.list, account_id=caller.account_id)
    return json_response({"items": [endpoint_wire(row) for row in rows]})


@router.get(
    "/webhook-endpoints/{endpoint_id}",
    response_model=EndpointOut,
    summary="One webhook endpoint.",
    responses=problem_responses(404),
)
async def get_webhook_endpoint(caller: Caller, endpoints: Endpoints, endpoint_id: str) -> Response:
    """Whether it is enabled, and if not, why."""
    row = await run_in_threadpool(
        endpoints.get, account_id=caller.account_id, endpoint_id=_id(endpoint_id)
    )
    return json_response(endpoint_wire(row))


@router.patch(
    "/webhook-endpoints/{endpoint_id}",
    response_model=EndpointOut,
    summary="Change an endpoint's URL, events or description, or turn it off or on.",
    responses=problem_responses(400, 404, 413, 415, 422),
    openapi_extra=json_body(EndpointPatch, example={"enabled": True}),
)
async def update_webhook_endpoint(
    request: Request, caller: Caller, endpoints: Endpoints, endpoint_id: str
) -> Response:
    """Fields left out stay as they are."""
    ident = _id(endpoint_id)
    changes = parse_body(EndpointPatch, await request.body()).model_dump(exclude_unset=True)
    for name in ("url", "enabled"):
        if name in changes and changes[name] is None:
            raise RequestValidationError(
                [{"loc": ("body", name), "msg": "may not be null", "type": "value_error"}]
            )
    row = await run_in_threadpool(
        endpoints.update, account_id=caller.account_id, endpoint_id=ident, changes=changes
    )
    return json_response(endpoint_wire(row))


@router.delete(
    "/webhook-endpoints/{endpoint_id}",
    status_code=204,
    summary="Delete an endpoint and its delivery log.",
    responses=problem_responses(404),
)
async def delete_webhook_endpoint(
    caller: Caller, endpoints: Endpoints, endpoint_id: str
) -> Response:
    """Nothing more is sent to it."""
    await run_in_threadpool(
        endpoints.delete, account_id=caller.account_id, endpoint_id=_id(endpoint_id)
    )
    return Response(status_code=204)


@router.post(
    "/webhook-endpoints/{endpoint_id}/rotate-secret",
    response_model=EndpointCreated,
    summary="A new signing secret; the previous one signs alongside it for 24 hours.",
    responses=problem_responses(404),
)
async def rotate_webhook_secret(caller: Caller, endpoints: Endpoints, endpoint_id: str) -> Response:
    """Answers with the new `secret`, once; deliveries carry both signatures for a day."""
    row = await run_in_threadpool(
        endpoints.rotate_secret, account_id=caller.account_id, endpoint_id=_id(endpoint_id)
    )
    return json_response(endpoint_wire(row, secret=True))


@router.post(
    "/webhook-endpoints/{endpoint_id}/test",
    status_code=202,
    response_model=DeliveryOut,
    summary="Send the endpoint a signed `ping`.",
    responses=problem_responses(404),
)
async def test_webhook_endpoint(caller: Caller, endpoints: Endpoints, endpoint_id: str) -> Response:
    """Queued at once; its attempts show in the endpoint's deliveries."""
    message = await run_in_threadpool(
        endpoints.test, account_id=caller.account_id, endpoint_id=_id(endpoint_id)
    )
    return json_response(delivery_wire(Delivery(message, [])), status=202)


@router.get(
    "/webhook-endpoints/{endpoint_id}/deliveries",
    response_model=DeliveryPage,
    summary="What was sent to the endpoint, newest first, each with its attempts.",
    responses=problem_responses(404, 422),
)
async def list_webhook_deliveries(
    caller: Caller,
    endpoints: Endpoints,
    endpoint_id: str,
    cursor: Cursor = None,
    limit: Annotated[int, Query(ge=1, le=100, description="Deliveries per page.")] = 20,
) -> Response:
    """Each message with its body, state and every attempt: time, status, duration, error."""
    page = await run_in_threadpool(
        endpoints.deliveries,
        account_id=caller.account_id,
        endpoint_id=_id(endpoint_id),
        before=decode_cursor(cursor),
        limit=limit,
    )
    return json_response(
        {"items": [delivery_wire(d) for d in page.items], "next_cursor": encode_cursor(page.before)}
    )


@router.post(
    "/webhook-endpoints/{endpoint_id}/deliveries/{delivery_id}/retry",
    status_code=202,
    response_model=DeliveryOut,
    summary="Send a delivery again now, with the same webhook-id.",
    responses=problem_responses(404),
)
async def retry_webhook_delivery(
    caller: Caller, endpoints: Endpoints, endpoint_id: str, delivery_id: str
) -> Response:
    """Whatever became of it: delivered, failed or still pending."""
    delivery = await run_in_threadpool(
        endpoints.retry,
        account_id=caller.account_id,
        endpoint_id=_id(endpoint_id),
        message_id=_delivery_id(delivery_id),
    )
    return json_response(delivery_wire(delivery), status=202)
