"""Wire schemas of webhook endpoints, their deliveries, and calendar feeds."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

EventType = Literal[
    "step.due", "step.overdue", "plan.changed", "interview.closed", "interview.moved_on", "ping"
]

_URL: dict[str, Any] = {
    "min_length": 1,
    "max_length": 2000,
    "pattern": r"^[^\x00-\x20\x7f]+$",
    "description": "Where to POST events: https, to a public address (http and private "
    "addresses only where WEBHOOK_ALLOW_PRIVATE is on, for development).",
}
_EVENTS: dict[str, Any] = {
    "min_length": 1,
    "max_length": 6,
    "description": "The event types to send; leave out (or null) for every type.",
}
_DESCRIPTION: dict[str, Any] = {
    "max_length": 500,
    "pattern": r"^[^\x00]*$",
    "description": "What the endpoint is for, for people.",
}


class EndpointCreate(BaseModel):
    """A URL to hear about your interviews at."""

    model_config = ConfigDict(extra="forbid")

    url: str = Field(**_URL)
    events: list[EventType] | None = Field(None, **_EVENTS)
    description: str | None = Field(None, **_DESCRIPTION)


class EndpointPatch(BaseModel):
    """What to change; fields left out stay as they are. `enabled: true` turns an endpoint
    the service turned off back on."""

    model_config = ConfigDict(extra="forbid")

    url: str | None = Field(None, **_URL)
    events: list[EventType] | None = Field(None, **_EVENTS)
    description: str | None = Field(None, **_DESCRIPTION)
    enabled: bool | None = Field(None, description="Send to it (true) or not (false).")


class EndpointOut(BaseModel):
    id: uuid.UUID = Field(description="The endpoint's id.")
    url: str = Field(description="Where events are POSTed.")
    events: list[EventType] | None = Field(description="The types sent; null: every type.")
    description: str | None = Field(description="What the endpoint is for, for people.")
    enabled: bool = Field(description="Whether events are sent to it.")
    disabled_reason: str | None = Field(
        description="Why it is off: turned off by you, answered 410 Gone, or failing for days."
    )
    disabled_at: datetime | None = Field(description="When it was turned off.")
    failing_since: datetime | None = Field(
        description="The first failed attempt since its last delivery, if it is failing."
    )
    previous_secret_expires_at: datetime | None = Field(
        description="After a rotation, until when the previous secret signs too."
    )
    created_at: datetime = Field(description="When it was registered.")
    updated_at: datetime = Field(description="When it last changed.")


class EndpointCreated(EndpointOut):
    secret: str = Field(
        description="The signing secret (`whsec_…`), shown this once: verify each delivery's "
        "`webhook-signature` with it, with any Standard Webhooks library."
    )


class EndpointList(BaseModel):
    items: list[EndpointOut] = Field(description="Your endpoints, oldest first.")


class AttemptOut(BaseModel):
    at: datetime = Field(description="When the attempt was made.")
    status_code: int | None = Field(
        description="The receiver's status; null: no answer (refused, timed out)."
    )
    duration_ms: int = Field(description="How long it took, in milliseconds.")
    error: str | None = Field(description="What went wrong, if it failed.")
    next_try_at: datetime | None = Field(description="null: none planned after this one.")


class DeliveryOut(BaseModel):
    id: str = Field(description="The `webhook-id` of every attempt of this message.")
    type: EventType = Field(description="The event's type.")
    state: Literal["pending", "delivered", "failed", "cancelled"] = Field(
        description="`pending` (to be tried), `delivered` (a 2xx came back), `failed` (every "
        "attempt failed, or 410 Gone) or `cancelled` (the endpoint was turned off)."
    )
    created_at: datetime = Field(description="When the event happened.")
    delivered_at: datetime | None = Field(description="When a 2xx answered it.")
    next_attempt_at: datetime | None = Field(description="When it is tried next, if it is.")
    payload: dict[str, object] = Field(description="The body sent: type, timestamp and data.")
    attempts: list[AttemptOut] = Field(description="Every attempt, oldest first.")


class DeliveryPage(BaseModel):
    items: list[DeliveryOut] = Field(description="Deliveries, newest first.")
    next_cursor: str | None = Field(description="Pass as `cursor` for older deliveries.")


class FeedCreate(BaseModel):
    """A calendar feed: one interview's steps, or (no interview) every open interview's."""

    model_config = ConfigDict(extra="forbid")

    interview_id: uuid.UUID | None = Field(
        None, description="The interview; leave out for every open interview of the account."
    )


class FeedOut(BaseModel):
    id: uuid.UUID = Field(description="The feed's id (not its token).")
    interview_id: uuid.UUID | None = Field(
        description="Its interview; null: every open interview of the account."
    )
    created_at: datetime = Field(description="When it was made.")


class FeedCreated(FeedOut):
    url: str = Field(description="The feed, shown this once: anyone with it can read it.")
    webcal_url: str = Field(description="The same feed for calendar apps (`webcal://`).")


class FeedList(BaseModel):
    items: list[FeedOut] = Field(description="Your calendar feeds, oldest first.")
