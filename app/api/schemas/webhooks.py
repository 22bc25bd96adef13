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
    id: uuid.UUID
    url: str
    events: list[EventType] | None = Field(description="null: every type.")
    description: str | None
    enabled: bool
    disabled_reason: str | None = Field(
        description="Why it is off: turned off by you, answered 410 Gone, or failing for days."
    )
    disabled_at: datetime | None
    failing_since: datetime | None = Field(
        description="The first failed attempt since its last delivery, if it is failing."
    )
    previous_secret_expires_at: datetime | None = Field(
        description="After a rotation, until when the previous secret signs too."
    )
    created_at: datetime
    updated_at: datetime


class EndpointCreated(EndpointOut):
    secret: str = Field(
        description="The signing secret (`whsec_…`), shown this once: verify each delivery's "
        "`webhook-signature` with it, with any Standard Webhooks library."
    )


class EndpointList(BaseModel):
    items: list[EndpointOut]


class AttemptOut(BaseModel):
    at: datetime
    status_code: int | None = Field(description="null: no answer (refused, timed out).")
    duration_ms: int
    error: str | None
    next_try_at: datetime | None = Field(description="null: none planned after this one.")


class DeliveryOut(BaseModel):
    id: str = Field(description="The `webhook-id` of every attempt of this message.")
    type: EventType
    state: Literal["pending", "delivered", "failed", "cancelled"]
    created_at: datetime
    delivered_at: datetime | None
    next_attempt_at: datetime | None
    payload: dict[str, object] = Field(description="The body sent: type, timestamp and data.")
    attempts: list[AttemptOut]


class DeliveryPage(BaseModel):
    items: list[DeliveryOut]
    next_cursor: str | None = Field(description="Pass as `cursor` for older deliveries.")


class FeedCreate(BaseModel):
    """A calendar feed: one interview's steps, or (no interview) every open interview's."""

    model_config = ConfigDict(extra="forbid")

    interview_id: uuid.UUID | None = Field(
        None, description="The interview; leave out for every open interview of the account."
    )


class FeedOut(BaseModel):
    id: uuid.UUID
    interview_id: uuid.UUID | None
    created_at: datetime


class FeedCreated(FeedOut):
    url: str = Field(description="The feed, shown this once: anyone with it can read it.")
    webcal_url: str = Field(description="The same feed for calendar apps (`webcal://`).")


class FeedList(BaseModel):
    items: list[FeedOut]
