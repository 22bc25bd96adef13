"""The tables (SQLModel). Alembic migrations create them; the app never calls ``create_all``.

An interview is stored as the facts a client sent (one JSON document, contacts included) plus
the few columns that lists and the agenda filter and sort on. Those columns are derived from the
plan and rewritten in the same transaction as every change that moves it:

- ``next_action_at``: when the earliest step still to do opens (its window's start). The plan's
  first pending step depends only on the facts and the events, not on "now", so the agenda can
  ask the database for interviews with something due instead of planning all of them.
- ``moves_on_at``: when the plan moves on (R11) once every message went out unanswered.
- ``closed_at``: when a reply with an outcome or a withdrawal closed it.

As ``as_of`` moves, a plan moves too (a step due now is sent now, and the steps after it
count from that day), so the columns are bounds, valid from ``index_from`` until
``index_until`` (the next event's moment): SQL filters on them, the service plans what passes
and answers exactly as planning afresh would. A row outside its bounds is planned as well.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.engine import Dialect
from sqlmodel import Field, SQLModel

#: Deterministic constraint names, so migrations can name what they drop (STYLE.md 7).
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(sa.TypeDecorator[datetime]):
    """Aware UTC datetimes on every backend (SQLite keeps no offset of its own)."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are not stored")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


#: JSON documents: jsonb on PostgreSQL, text on SQLite.
Document = sa.JSON().with_variant(JSONB(), "postgresql")


def utcnow() -> datetime:
    return datetime.now(UTC)


class Account(SQLModel, table=True):
    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    name: str = Field(max_length=100, unique=True)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)
    #: One more with every change to the account's interviews, in the change's transaction:
    #: a page answered at one version still holds while the version is the same.
    data_version: int = Field(
        default=0, sa_type=sa.BigInteger, sa_column_kwargs={"server_default": "0"}, nullable=False
    )


class ApiKey(SQLModel, table=True):
    """A key is ``fup_<key_id>_<secret>``: the id finds the row, only a hash of the key is kept."""

    __tablename__ = "api_key"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    account_id: uuid.UUID = Field(foreign_key="account.id", ondelete="CASCADE", index=True)
    key_id: str = Field(max_length=16, unique=True)
    key_hash: str = Field(max_length=64)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)
    revoked_at: datetime | None = Field(default=None, sa_type=UTCDateTime, nullable=True)


class Interview(SQLModel, table=True):
    __table_args__ = (
        sa.Index("ix_interview_account_created", "account_id", "created_at", "id"),
        sa.Index("ix_interview_account_next_action", "account_id", "next_action_at", "id"),
        sa.Index("ix_interview_account_company", "account_id", "company_key", "created_at", "id"),
        sa.Index("ix_interview_account_index_from", "account_id", "index_from"),
        sa.Index("ix_interview_account_index_until", "account_id", "index_until"),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    account_id: uuid.UUID = Field(foreign_key="account.id", ondelete="CASCADE")
    version: int = Field(default=1, ge=1)
    facts: dict[str, Any] = Field(sa_type=Document, nullable=False)
    company: str = Field(max_length=200)
    #: ``company`` case-folded, for the list's company filter.
    company_key: str = Field(max_length=200)
    next_action_at: datetime | None = Field(default=None, sa_type=UTCDateTime, nullable=True)
    moves_on_at: datetime | None = Field(default=None, sa_type=UTCDateTime, nullable=True)
    closed_at: datetime | None = Field(default=None, sa_type=UTCDateTime, nullable=True)
    #: From this moment on the plan has moved on, unless an event comes (None: not by itself).
    moved_on_by: datetime | None = Field(default=None, sa_type=UTCDateTime, nullable=True)
    #: The plan columns hold for ``as_of`` from here (None: they hold for none, plan the row)...
    index_from: datetime | None = Field(default=None, sa_type=UTCDateTime, nullable=True)
    #: ...until here, the next event's moment (None: no event is to come).
    index_until: datetime | None = Field(default=None, sa_type=UTCDateTime, nullable=True)
    #: The planning the columns were computed with (``PLANNER_VERSION`` of the service).
    planner_version: int | None = Field(default=None, nullable=True)
    #: A list's item (status, next action, what the interview is), as planned at the write;
    #: it answers for ``as_of`` from ``index_from`` until ``listing_until`` (its plan's span).
    listing: dict[str, Any] | None = Field(default=None, sa_type=Document, nullable=True)
    listing_until: datetime | None = Field(default=None, sa_type=UTCDateTime, nullable=True)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)


class InterviewEvent(SQLModel, table=True):
    """What happened since the interview. Append-only: no route changes or deletes one."""

    __tablename__ = "interview_event"
    #: One sequence per interview; two racing appends cannot take the same number.
    __table_args__ = (sa.UniqueConstraint("interview_id", "seq"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    interview_id: uuid.UUID = Field(foreign_key="interview.id", ondelete="CASCADE")
    seq: int = Field(ge=1)
    type: str = Field(max_length=32)
    at: datetime = Field(sa_type=UTCDateTime, nullable=False)
    #: The offset the client wrote ``at`` with, in minutes, so the event reads back as sent.
    at_offset_minutes: int = Field(default=0)
    contact_email: str | None = Field(default=None, max_length=320)
    outcome: str | None = Field(default=None, max_length=32)
    new_deadline: date | None = None
    timeline_text: str | None = Field(default=None, max_length=500)
    note: str | None = Field(default=None, max_length=2000)
    #: A reply as received; its outcome is read from it when none was given.
    text: str | None = Field(default=None, max_length=10000)
    #: An out-of-office reply: the day the contact is back.
    return_date: date | None = None
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)


class IdempotencyRecord(SQLModel, table=True):
    """The first response to a create with an ``Idempotency-Key``, replayed for a retry."""

    __tablename__ = "idempotency_record"
    __table_args__ = (sa.UniqueConstraint("account_id", "key"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    account_id: uuid.UUID = Field(foreign_key="account.id", ondelete="CASCADE")
    key: str = Field(max_length=255)
    request_hash: str = Field(max_length=64)
    #: ``in_flight`` until the create commits, then ``done`` with the response.
    state: str = Field(max_length=16)
    status_code: int | None = None
    response_body: bytes | None = Field(default=None, sa_type=sa.LargeBinary, nullable=True)
    location: str | None = Field(default=None, max_length=300)
    etag: str | None = Field(default=None, max_length=80)
    #: The language the answer explains itself in (``Content-Language``), replayed with it.
    content_language: str | None = Field(default=None, max_length=8)
    #: Indexed: records past their 24 hours are deleted by this column.
    created_at: datetime = Field(
        default_factory=utcnow, sa_type=UTCDateTime, nullable=False, index=True
    )


# -- push: webhook endpoints, their outbox, the steps' schedule, calendar feeds ---------------


class WebhookEndpoint(SQLModel, table=True):
    """A URL of an account that hears about its interviews, signed with ``secret``.

    The secret must sign, so it is kept as issued (a hash could not sign). After a rotation the
    previous one signs alongside until ``previous_secret_expires_at``.
    """

    __tablename__ = "webhook_endpoint"
    __table_args__ = (sa.Index("ix_webhook_endpoint_account_created", "account_id", "created_at"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    account_id: uuid.UUID = Field(foreign_key="account.id", ondelete="CASCADE")
    url: str = Field(max_length=2000)
    description: str | None = Field(default=None, max_length=500)
    #: The event types it wants; None: every type.
    events: list[str] | None = Field(default=None, sa_type=sa.JSON, nullable=True)
    enabled: bool = Field(default=True)
    #: Why it was turned off when the service did it (410 Gone, failing for days).
    disabled_reason: str | None = Field(default=None, max_length=300)
    disabled_at: datetime | None = Field(default=None, sa_type=UTCDateTime, nullable=True)
    #: The first failed attempt since its last success; None while it delivers.
    failing_since: datetime | None = Field(default=None, sa_type=UTCDateTime, nullable=True)
    secret: str = Field(max_length=100)
    previous_secret: str | None = Field(default=None, max_length=100)
    previous_secret_expires_at: datetime | None = Field(
        default=None, sa_type=UTCDateTime, nullable=True
    )
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)


class WebhookMessage(SQLModel, table=True):
    """The outbox: one event for one endpoint, its exact body, and when to try it next.

    ``id`` is the ``webhook-id`` of every attempt. ``next_attempt_at`` is set while there is
    something to do (the dispatcher's queue, by its index) and cleared when the message is
    delivered or given up; a claim moves it forward by a lease, so a dispatcher that dies
    mid-delivery leaves the message to be tried again.
    """

    __tablename__ = "webhook_message"
    __table_args__ = (
        sa.Index("ix_webhook_message_endpoint_created", "endpoint_id", "created_at", "id"),
    )

    id: str = Field(primary_key=True, max_length=40)
    account_id: uuid.UUID = Field(foreign_key="account.id", ondelete="CASCADE", index=True)
    endpoint_id: uuid.UUID = Field(foreign_key="webhook_endpoint.id", ondelete="CASCADE")
    type: str = Field(max_length=40)
    payload: str = Field(sa_type=sa.Text, nullable=False)
    #: ``pending`` (to try), ``delivered``, ``failed`` (gave up) or ``cancelled`` (endpoint off).
    state: str = Field(default="pending", max_length=16)
    attempts: int = Field(default=0)
    next_attempt_at: datetime | None = Field(
        default=None, sa_type=UTCDateTime, nullable=True, index=True
    )
    delivered_at: datetime | None = Field(default=None, sa_type=UTCDateTime, nullable=True)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)


class WebhookAttempt(SQLModel, table=True):
    """One try at delivering a message: when, what came back, how long it took."""

    __tablename__ = "webhook_attempt"
    __table_args__ = (sa.Index("ix_webhook_attempt_message_at", "message_id", "at"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    message_id: str = Field(foreign_key="webhook_message.id", ondelete="CASCADE", max_length=40)
    at: datetime = Field(sa_type=UTCDateTime, nullable=False)
    status_code: int | None = None
    duration_ms: int = Field(default=0)
    error: str | None = Field(default=None, max_length=500)
    next_try_at: datetime | None = Field(default=None, sa_type=UTCDateTime, nullable=True)


class StepSchedule(SQLModel, table=True):
    """When a step of a stored interview falls due (its window opens) or overdue (it closes).

    Written with every change from the plan it leaves. ``fire_at`` is set until the moment is
    announced, then cleared: the dispatcher's scan reads ``fire_at <= now`` by its index, so
    its cost grows with what falls due, not with what is stored. ``step_at`` (the window's
    edge) stays: a change that leaves a step in the same window finds the row announced and
    does not announce it again; a step moved to another window is a new row.
    """

    __tablename__ = "step_schedule"
    __table_args__ = (sa.UniqueConstraint("interview_id", "step_id", "kind", "step_at"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    account_id: uuid.UUID = Field(foreign_key="account.id", ondelete="CASCADE")
    interview_id: uuid.UUID = Field(foreign_key="interview.id", ondelete="CASCADE")
    step_id: str = Field(max_length=100)
    #: ``step.due`` or ``step.overdue``.
    kind: str = Field(max_length=16)
    step_at: datetime = Field(sa_type=UTCDateTime, nullable=False)
    fire_at: datetime | None = Field(default=None, sa_type=UTCDateTime, nullable=True, index=True)
    #: The interview's version that wrote the row.
    version: int = Field(default=1)
    fired_at: datetime | None = Field(default=None, sa_type=UTCDateTime, nullable=True)


class CalendarFeed(SQLModel, table=True):
    """A secret URL a calendar app subscribes to: one interview's steps, or the account's.

    Only the SHA-256 of the token is kept; deleting the row revokes the URL at once.
    """

    __tablename__ = "calendar_feed"
    __table_args__ = (sa.Index("ix_calendar_feed_account_created", "account_id", "created_at"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    account_id: uuid.UUID = Field(foreign_key="account.id", ondelete="CASCADE")
    interview_id: uuid.UUID | None = Field(
        default=None, foreign_key="interview.id", ondelete="CASCADE", nullable=True
    )
    token_hash: str = Field(max_length=64, unique=True)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)
