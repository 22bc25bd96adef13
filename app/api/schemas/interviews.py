"""Wire schemas of stored interviews, their events, lists and the agenda."""

from __future__ import annotations

import re
import uuid
from datetime import date, datetime
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, create_model

from app.api.schemas.plans import NextActionOut, PlanOut, StepOut
from app.domain.model import EventType, PlanStatus, ReplyOutcome
from app.services.document.fields import Day, EventIn, InterviewFields, Moment

_RFC3339 = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _moment_text(value: Any) -> Any:
    """Query strings are text: only RFC 3339, never a number read as a timestamp."""
    if isinstance(value, str) and not _RFC3339.match(value):
        raise ValueError("must be an RFC 3339 date-time with an offset, e.g. 2026-11-24T15:00:00Z")
    return value


def _day_text(value: Any) -> Any:
    if isinstance(value, str) and not _ISO_DAY.fullmatch(value):
        raise ValueError("must be a date, YYYY-MM-DD")
    return value


#: A moment or a day in a query string.
QueryMoment = Annotated[Moment, BeforeValidator(_moment_text)]
QueryDay = Annotated[Day, BeforeValidator(_day_text)]


class EventCreate(EventIn):
    """Something that happened since the interview. Events are kept in order and never
    changed: log a correction as a new event."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "type": "follow_up_sent",
                    "at": "2026-12-09T09:30:00-05:00",
                    "contact_email": "carol.diaz@acme.example",
                }
            ]
        }
    )


def _optional(model: type[BaseModel], name: str, doc: str) -> type[BaseModel]:
    """``model`` with every field optional and no defaults: the shape of a merge patch."""
    fields: dict[str, Any] = {}
    for key, field in model.model_fields.items():
        annotation: Any = field.annotation
        fields[key] = (annotation | None, Field(None, description=field.description))
    patch: type[BaseModel] = create_model(
        name, __config__=ConfigDict(extra="forbid"), __doc__=doc, **fields
    )
    return patch


InterviewPatch = _optional(
    InterviewFields,
    "InterviewPatch",
    "An RFC 7396 JSON merge patch of the stored interview: the fields you send replace the "
    "stored ones (objects merge key by key, null removes a field); the result must be a "
    "valid interview. Events are not patched: log them.",
)


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class EventOut(_Out):
    seq: int = Field(description="Position among the interview's events, from 1.", examples=[1])
    type: EventType = Field(description="What happened.")
    at: datetime = Field(description="When it happened, with the offset it was logged with.")
    contact_email: str | None = Field(description="Whom it concerned, if one contact.")
    outcome: ReplyOutcome | None = Field(description="For a reply: what it said.")
    new_deadline: date | None = Field(description="For a reply: the new date it gave.")
    timeline_text: str | None = Field(description="For a reply: the timeline in its words.")
    note: str | None = Field(description="The candidate's own note.")
    text: str | None = Field(description="For a reply: the reply as received.")
    return_date: date | None = Field(description="For an out-of-office reply: the day back.")
    recorded_at: datetime = Field(description="When the service recorded it.")


class InterviewOut(InterviewFields):
    """A stored interview: its fields (with defaults filled in), id, events, times and its
    plan as of the request (``as_of``, default now)."""

    model_config = ConfigDict(extra="forbid", strict=False)

    id: uuid.UUID = Field(description="The interview's id, for its URL.")
    events: list[EventOut] = Field(description="What happened since, in order.")
    created_at: datetime = Field(description="When it was stored.")
    updated_at: datetime = Field(description="When its facts or events last changed.")
    plan: PlanOut = Field(description="The current plan.")


class InterviewSummary(_Out):
    id: uuid.UUID = Field(description="The interview's id.")
    company: str = Field(description="The employer.", examples=["Acme Corp"])
    job_title: str = Field(description="The role.", examples=["Data Engineer"])
    candidate: str = Field(description="The candidate's name.", examples=["Ann Lee"])
    starts_at: datetime = Field(description="When the interview started.")
    status: PlanStatus = Field(description="The plan's status as of the request.")
    status_reason: str = Field(description="Why the plan has that status.")
    next_action: NextActionOut | None = Field(description="The next thing to do, if any.")
    events: int = Field(description="How many events were logged.", examples=[2])
    created_at: datetime = Field(description="When it was stored.")
    updated_at: datetime = Field(description="When it last changed.")


class InterviewPage(_Out):
    items: list[InterviewSummary] = Field(description="Newest first.")
    next_cursor: str | None = Field(
        description="Pass as `cursor` for the next page; null on the last page."
    )


class AgendaItem(_Out):
    interview_id: uuid.UUID = Field(description="The interview the step belongs to.")
    company: str = Field(description="The employer.", examples=["Acme Corp"])
    job_title: str = Field(description="The role.", examples=["Data Engineer"])
    candidate: str = Field(description="The candidate's name.", examples=["Ann Lee"])
    plan_status: PlanStatus = Field(description="The interview's plan status.")
    step: StepOut = Field(description="The step, with its message ready to send.")


class AgendaPage(_Out):
    as_of: datetime = Field(description="The moment the statuses are computed for.")
    items: list[AgendaItem] = Field(description="Steps in the order they should go out.")
    next_cursor: str | None = Field(
        description="Pass as `cursor` for the next page; null on the last page."
    )
