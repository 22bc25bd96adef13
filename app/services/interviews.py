"""Stored interviews: create (idempotently), read, change, delete, log events, list, agenda.

A stored interview is the facts a client sent (a JSON document the web layer can read back,
through the ``decode`` function it hands to :class:`InterviewStore`) and its events. Plans are
never stored: each answer plans again from the facts and events (SPEC.md section 5). Three
columns per interview are kept in step with the plan, in the same transaction as the change
that moves it, so that lists filter and the agenda finds due steps in SQL (see
:mod:`app.db.models`).
"""

from __future__ import annotations

import threading
import uuid
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlmodel import col

from app.db import repositories as repo
from app.db.models import IdempotencyRecord, Interview, InterviewEvent, utcnow
from app.db.session import Database
from app.domain.errors import InvalidFacts
from app.domain.model import (
    Event,
    EventType,
    InterviewFacts,
    Plan,
    PlanStatus,
    ReplyOutcome,
    Step,
    StepKind,
    StepStatus,
)
from app.domain.policies import Policy
from app.services.errors import (
    InFlight,
    KeyReused,
    NotFound,
    PreconditionFailed,
    PreconditionRequired,
)
from app.services.planning import PlannedInterview, plan_interview, plan_only

#: A create still "in flight" after this long is taken to have died, and may be retried.
IN_FLIGHT_TIMEOUT = timedelta(seconds=60)
#: How long a create's response is kept for replays (the IETF draft suggests 24 hours).
IDEMPOTENCY_TTL = timedelta(hours=24)

_PENDING = frozenset({StepStatus.DUE, StepStatus.OVERDUE, StepStatus.UPCOMING, StepStatus.WAITING})
_ACTIONABLE = frozenset({StepStatus.DUE, StepStatus.OVERDUE})


@dataclass(frozen=True, slots=True)
class Decoded:
    """A stored document read back: the domain's facts (no events yet), the policy, and the
    document with every default filled in, as the wire shows it."""

    facts: InterviewFacts
    policy: Policy
    fields: dict[str, Any]


#: Reads a stored document; raises the web layer's validation error or InvalidFacts.
Decode = Callable[[Mapping[str, Any]], Decoded]


@dataclass(frozen=True, slots=True)
class RecordedEvent:
    seq: int
    event: Event
    recorded_at: datetime


@dataclass(frozen=True, slots=True)
class StoredInterview:
    id: uuid.UUID
    version: int
    decoded: Decoded
    events: tuple[RecordedEvent, ...]
    created_at: datetime
    updated_at: datetime

    @property
    def etag(self) -> str:
        return f'"{self.version}"'

    @property
    def facts(self) -> InterviewFacts:
        return replace(self.decoded.facts, events=tuple(e.event for e in self.events))


@dataclass(frozen=True, slots=True)
class Idempotency:
    key: str
    request_hash: str


@dataclass(frozen=True, slots=True)
class Reply:
    """A response as sent: kept whole for an idempotent replay."""

    status: int
    body: bytes
    location: str | None
    etag: str | None
    replayed: bool = False


#: Renders the answer to a change: the interview and its plan, as bytes, with its Location.
Respond = Callable[[StoredInterview, PlannedInterview], tuple[bytes, str | None]]


@dataclass(frozen=True, slots=True)
class Listed:
    interview: StoredInterview
    plan: Plan


@dataclass(frozen=True, slots=True)
class AgendaEntry:
    interview: StoredInterview
    step: Step
    planned: PlannedInterview


@dataclass(frozen=True, slots=True)
class Page:
    items: Sequence[Any]
    after: tuple[datetime, uuid.UUID] | None


@dataclass(frozen=True, slots=True)
class ListFilter:
    status: str | None = None
    company: str | None = None
    next_action_before: datetime | None = None


def matches(if_match: str, etag: str) -> bool:
    """RFC 9110 If-Match: ``*`` or a list of strong tags, one of them the current one."""
    candidates = [tag.strip() for tag in if_match.split(",")]
    return "*" in candidates or etag in candidates


def columns(plan: Plan, events: Sequence[Event]) -> dict[str, datetime | None]:
    """The stored columns that the list filters and the agenda read (:mod:`app.db.models`).

    ``plan`` must be planned as of the moment of the write. The first step still to do opens
    at a moment fixed by the facts and the events alone (only steps blocked behind it move
    with "now"), so the column stays right as time passes, until the next change rewrites it.
    """
    if plan.status is PlanStatus.CLOSED:
        closing = [
            e.at for e in events if e.type in (EventType.REPLY_RECEIVED, EventType.WITHDRAWN)
        ]
        return {
            "next_action_at": None,
            "moves_on_at": None,
            "closed_at": max(closing) if closing else plan.as_of,
        }
    pending = [s for s in plan.steps if s.status in _PENDING]
    last = plan.steps[-1] if plan.steps else None
    moves_on = (
        last.window.earliest
        if last is not None
        and last.kind is StepKind.MOVE_ON
        and last.status is not StepStatus.WAITING
        else None
    )
    return {
        "next_action_at": min((s.window.earliest for s in pending), default=None),
        "moves_on_at": moves_on,
        "closed_at": None,
    }


def on_agenda(step: Step, as_of: datetime, start: date | None, end: date | None) -> bool:
    """Due or overdue now, or still to do and open at some point between ``start`` and ``end``.

    The move-on step stays "due" once reached; it is on the agenda on its own day only.
    """
    if step.status in _ACTIONABLE and not (
        step.kind is StepKind.MOVE_ON and as_of > step.window.latest
    ):
        return True
    if start is None or end is None or step.status not in _PENDING:
        return False
    return step.window.earliest.date() <= end and step.window.latest.date() >= start


def recorded(row: InterviewEvent) -> RecordedEvent:
    offset = timezone(timedelta(minutes=row.at_offset_minutes))
    return RecordedEvent(
        seq=row.seq,
        event=Event(
            type=EventType(row.type),
            at=row.at.astimezone(offset),
            contact_email=row.contact_email,
            outcome=ReplyOutcome(row.outcome) if row.outcome else None,
            new_deadline=row.new_deadline,
            timeline_text=row.timeline_text,
            note=row.note,
        ),
        recorded_at=row.created_at,
    )


def event_row(interview_id: uuid.UUID, seq: int, event: Event) -> InterviewEvent:
    offset = event.at.utcoffset() or timedelta(0)
    return InterviewEvent(
        interview_id=interview_id,
        seq=seq,
        type=event.type.value,
        at=event.at,
        at_offset_minutes=int(offset.total_seconds() // 60),
        contact_email=event.contact_email,
        outcome=event.outcome.value if event.outcome else None,
        new_deadline=event.new_deadline,
        timeline_text=event.timeline_text,
        note=event.note,
    )


def _check_contacts(
    facts: InterviewFacts,
    events: Sequence[Event],
    *,
    locate: Callable[[int], tuple[str | int, ...]],
) -> None:
    """An event naming a contact must name one of this interview's contacts."""
    known = {c.email.lower() for c in facts.contacts if c.email}
    problems: list[tuple[tuple[str | int, ...], str]] = [
        (locate(index), "is not the address of any of this interview's contacts")
        for index, event in enumerate(events)
        if event.contact_email and event.contact_email.lower() not in known
    ]
    if problems:
        raise InvalidFacts(problems)


class InterviewStore:
    """Every operation on stored interviews, each in one transaction."""

    def __init__(self, db: Database, decode: Decode, *, cache_size: int = 4096) -> None:
        self.db = db
        self._decode = decode
        self._decoded: OrderedDict[tuple[uuid.UUID, int], Decoded] = OrderedDict()
        self._cache_size = cache_size
        self._lock = threading.Lock()

    # -- reading rows back ------------------------------------------------------------------

    def decode(self, row: Interview) -> Decoded:
        """The row's document, read back once per version (a version never changes)."""
        key = (row.id, row.version)
        with self._lock:
            found = self._decoded.get(key)
            if found is not None:
                self._decoded.move_to_end(key)
                return found
        return self._remember(key, self._decode(row.facts))

    def _remember(self, key: tuple[uuid.UUID, int], decoded: Decoded) -> Decoded:
        with self._lock:
            self._decoded[key] = decoded
            if len(self._decoded) > self._cache_size:
                self._decoded.popitem(last=False)
        return decoded

    def _stored(self, row: Interview, events: Sequence[InterviewEvent]) -> StoredInterview:
        return StoredInterview(
            id=row.id,
            version=row.version,
            decoded=self.decode(row),
            events=tuple(recorded(e) for e in events),
            created_at=row.created_at,
            updated_at=row.updated_at,
        )

    def _load(
        self, session: Session, account_id: uuid.UUID, interview_id: uuid.UUID, *, lock: bool
    ) -> tuple[Interview, list[InterviewEvent]]:
        row = repo.interview(
            session=session, account_id=account_id, interview_id=interview_id, for_update=lock
        )
        if row is None:
            raise NotFound("No interview with this id.")
        events = repo.events_of(session=session, interview_ids=[row.id])[row.id]
        return row, events

    def _plans(
        self, stored: StoredInterview, as_of: datetime | None
    ) -> tuple[PlannedInterview, dict[str, datetime | None]]:
        """The plan to answer with (as of ``as_of``), and the columns planned as of now."""
        now = utcnow()
        facts, policy = stored.facts, stored.decoded.policy
        planned = plan_interview(facts=facts, policy=policy, as_of=as_of or now)
        index_plan = (
            planned.plan if as_of is None else plan_only(facts=facts, policy=policy, as_of=now)
        )
        return planned, columns(index_plan, facts.events)

    # -- create -----------------------------------------------------------------------------

    def create(
        self,
        *,
        account_id: uuid.UUID,
        document: dict[str, Any],
        events: Sequence[Event],
        as_of: datetime | None,
        idempotency: Idempotency | None,
        respond: Respond,
    ) -> Reply:
        """Store an interview with its first events; with an Idempotency-Key, at most once.

        Raises:
            InvalidFacts: for facts the planner cannot use (nothing is written).
            KeyReused: the key came before with another body.
            InFlight: the key's first request has not finished.
        """
        decoded = self._decode(document)
        _check_contacts(decoded.facts, events, locate=lambda i: ("events", i, "contact_email"))
        record_id: uuid.UUID | None = None
        if idempotency is not None:
            claim = self._claim(account_id, idempotency)
            if isinstance(claim, Reply):
                return claim
            record_id = claim
        try:
            with self.db.write() as session:
                now = utcnow()
                row = Interview(
                    account_id=account_id,
                    created_at=now,
                    updated_at=now,
                    facts=document,
                    company=decoded.facts.company,
                    company_key=decoded.facts.company.casefold(),
                )
                self._remember((row.id, row.version), decoded)
                rows = [event_row(row.id, seq, e) for seq, e in enumerate(events, start=1)]
                stored = self._stored(row, rows)
                planned, values = self._plans(stored, as_of)
                for name, value in values.items():
                    setattr(row, name, value)
                session.add(row)
                session.flush()
                session.add_all(rows)
                body, location = respond(stored, planned)
                if record_id is not None:
                    session.execute(
                        sa.update(IdempotencyRecord)
                        .where(col(IdempotencyRecord.id) == record_id)
                        .values(
                            state="done",
                            status_code=201,
                            response_body=body,
                            location=location,
                            etag=stored.etag,
                        )
                    )
        except BaseException:
            if record_id is not None:
                self._release(record_id)
            raise
        return Reply(201, body, location, stored.etag)

    def _claim(self, account_id: uuid.UUID, request: Idempotency) -> uuid.UUID | Reply:
        """Take the key for this request, or find the answer to replay.

        The claim commits on its own, before the work, so a second request with the same key
        sees it at once: 409 while the first runs, its response once it is done.
        """
        for _ in range(3):
            try:
                with self.db.write() as session:
                    return self._claim_in(session, account_id, request)
            except IntegrityError:
                continue  # another request inserted the key first: read what it left
        raise InFlight("A request with this Idempotency-Key is still being processed.")

    def _claim_in(
        self, session: Session, account_id: uuid.UUID, request: Idempotency
    ) -> uuid.UUID | Reply:
        now = utcnow()
        record = repo.idempotency_record(session=session, account_id=account_id, key=request.key)
        if record is None:
            record = IdempotencyRecord(
                account_id=account_id,
                key=request.key,
                request_hash=request.request_hash,
                state="in_flight",
                created_at=now,
            )
            session.add(record)
            session.flush()
            return record.id
        expired = now - record.created_at > IDEMPOTENCY_TTL
        if not expired and record.request_hash != request.request_hash:
            raise KeyReused(
                "This Idempotency-Key was used with another request body; use a new key."
            )
        if record.state == "done" and not expired:
            assert record.response_body is not None  # noqa: S101 - done records keep it
            return Reply(
                record.status_code or 201,
                record.response_body,
                record.location,
                record.etag,
                replayed=True,
            )
        if record.state == "in_flight" and now - record.created_at < IN_FLIGHT_TIMEOUT:
            raise InFlight(
                "A request with this Idempotency-Key is still being processed; retry shortly.",
                headers={"Retry-After": "1"},
            )
        # Expired, or abandoned by a request that died: take it over, unless someone else
        # just did (the update only matches the record as read).
        taken = session.execute(
            sa.update(IdempotencyRecord)
            .where(
                col(IdempotencyRecord.id) == record.id,
                col(IdempotencyRecord.created_at) == record.created_at,
            )
            .values(
                state="in_flight",
                request_hash=request.request_hash,
                created_at=now,
                status_code=None,
                response_body=None,
                location=None,
                etag=None,
            )
            .execution_options(synchronize_session=False)
        )
        if not taken.rowcount:  # type: ignore[attr-defined]
            raise InFlight(
                "A request with this Idempotency-Key is still being processed; retry shortly.",
                headers={"Retry-After": "1"},
            )
        return record.id

    def _release(self, record_id: uuid.UUID) -> None:
        with self.db.write() as session:
            session.execute(
                sa.delete(IdempotencyRecord).where(
                    col(IdempotencyRecord.id) == record_id,
                    col(IdempotencyRecord.state) == "in_flight",
                )
            )

    # -- read, change, delete ---------------------------------------------------------------

    def get(self, *, account_id: uuid.UUID, interview_id: uuid.UUID) -> StoredInterview:
        with self.db.read() as session:
            row, events = self._load(session, account_id, interview_id, lock=False)
            return self._stored(row, events)

    def planned(
        self, *, account_id: uuid.UUID, interview_id: uuid.UUID, as_of: datetime | None
    ) -> tuple[StoredInterview, PlannedInterview]:
        stored = self.get(account_id=account_id, interview_id=interview_id)
        return stored, plan_interview(
            facts=stored.facts, policy=stored.decoded.policy, as_of=as_of or utcnow()
        )

    def update(
        self,
        *,
        account_id: uuid.UUID,
        interview_id: uuid.UUID,
        if_match: str | None,
        revise: Callable[[dict[str, Any]], dict[str, Any]],
        respond: Respond,
    ) -> Reply:
        """Replace the facts with ``revise(stored facts)`` if ``if_match`` names this version.

        Raises:
            PreconditionRequired: no If-Match.
            PreconditionFailed: the interview changed since that ETag.
        """
        if if_match is None:
            raise PreconditionRequired(
                "Send If-Match with the ETag you read, so a change cannot overwrite another."
            )
        with self.db.write() as session:
            row, events = self._load(session, account_id, interview_id, lock=True)
            # A change that is wrong in itself is refused as such (422) before asking
            # whether it was made against the current version (412).
            document = revise(dict(row.facts))
            decoded = self._decode(document)
            current = f'"{row.version}"'
            if not matches(if_match, current):
                raise PreconditionFailed(
                    "The interview changed since you read it; read it again and retry.",
                    headers={"ETag": current},
                )
            stored = replace(
                self._stored(row, events),
                version=row.version + 1,
                decoded=decoded,
                updated_at=utcnow(),
            )
            planned, index = self._plans(stored, None)
            values: dict[str, Any] = {
                **index,
                "updated_at": stored.updated_at,
                "facts": document,
                "company": decoded.facts.company,
                "company_key": decoded.facts.company.casefold(),
            }
            if not repo.update_interview(
                session=session, row=row, expected_version=row.version, values=values
            ):
                raise PreconditionFailed(  # pragma: no cover - the row lock above serialises
                    "The interview changed since you read it; read it again and retry."
                )
            body, location = respond(stored, planned)
        # Only once committed: a version that never came to be must not sit in the cache.
        self._remember((stored.id, stored.version), decoded)
        return Reply(200, body, location, stored.etag)

    def delete(
        self, *, account_id: uuid.UUID, interview_id: uuid.UUID, if_match: str | None
    ) -> None:
        with self.db.write() as session:
            row, _ = self._load(session, account_id, interview_id, lock=True)
            if if_match is not None and not matches(if_match, f'"{row.version}"'):
                raise PreconditionFailed(
                    "The interview changed since you read it; read it again and retry."
                )
            repo.delete_interview(session=session, row=row)

    # -- events -----------------------------------------------------------------------------

    def add_event(
        self,
        *,
        account_id: uuid.UUID,
        interview_id: uuid.UUID,
        event: Event,
        respond: Respond,
    ) -> Reply:
        """Append one event (events are never changed or removed) and move the plan."""
        with self.db.write() as session:
            row, events = self._load(session, account_id, interview_id, lock=True)
            decoded = self.decode(row)
            _check_contacts(decoded.facts, [event], locate=lambda _: ("contact_email",))
            seq = (events[-1].seq if events else 0) + 1
            new_row = event_row(row.id, seq, event)
            new_row.created_at = utcnow()
            session.add(new_row)
            stored = replace(
                self._stored(row, [*events, new_row]),
                version=row.version + 1,
                updated_at=utcnow(),
            )
            planned, values = self._plans(stored, None)
            values["updated_at"] = stored.updated_at
            repo.update_interview(
                session=session, row=row, expected_version=row.version, values=values
            )
            body, location = respond(stored, planned)
        return Reply(201, body, location, stored.etag)

    # -- many at once -----------------------------------------------------------------------

    def list(
        self,
        *,
        account_id: uuid.UUID,
        filters: ListFilter,
        as_of: datetime,
        after: tuple[datetime, uuid.UUID] | None,
        limit: int,
    ) -> Page:
        with self.db.read() as session:
            rows = repo.list_interviews(
                session=session,
                account_id=account_id,
                as_of=as_of,
                status=filters.status,
                company_key=filters.company.casefold() if filters.company else None,
                next_action_before=filters.next_action_before,
                after=after,
                limit=limit + 1,
            )
            more = len(rows) > limit
            rows = rows[:limit]
            events = repo.events_of(session=session, interview_ids=[r.id for r in rows])
        items = []
        for row in rows:
            stored = self._stored(row, events[row.id])
            plan = plan_only(facts=stored.facts, policy=stored.decoded.policy, as_of=as_of)
            items.append(Listed(stored, plan))
        last = rows[-1] if rows and more else None
        if last is None:
            return Page(items, None)
        by_action = filters.next_action_before is not None and last.next_action_at is not None
        key = last.next_action_at if by_action else last.created_at
        assert key is not None  # noqa: S101 - created_at always, next_action_at when filtered
        return Page(items, (key, last.id))

    def agenda(
        self,
        *,
        account_id: uuid.UUID,
        as_of: datetime,
        start: date | None,
        end: date | None,
        after: tuple[datetime, uuid.UUID] | None,
        limit: int,
    ) -> Page:
        """Steps due or overdue at ``as_of``, or to do between ``start`` and ``end``.

        The database picks the interviews with something open by then (an index on the
        stored next action); only those are planned. A page holds at most ``limit``
        interviews' steps; ``after`` continues from the last interview of the page before.
        """
        opens_by = as_of
        quiet_before = as_of
        if start is not None and end is not None:
            # A day of any zone lies within a day either side of the same UTC date.
            opens_by = max(
                opens_by, datetime.combine(end + timedelta(days=2), datetime.min.time(), UTC)
            )
            quiet_before = min(quiet_before, datetime.combine(start, datetime.min.time(), UTC))
        quiet_before -= timedelta(days=2)
        with self.db.read() as session:
            rows = repo.agenda_candidates(
                session=session,
                account_id=account_id,
                opens_by=opens_by,
                quiet_before=quiet_before,
                after=after,
                limit=limit + 1,
            )
            more = len(rows) > limit
            rows = rows[:limit]
            events = repo.events_of(session=session, interview_ids=[r.id for r in rows])
        entries: list[AgendaEntry] = []
        for row in rows:
            stored = self._stored(row, events[row.id])
            planned = plan_interview(facts=stored.facts, policy=stored.decoded.policy, as_of=as_of)
            entries.extend(
                AgendaEntry(stored, step, planned)
                for step in planned.plan.steps
                if on_agenda(step, planned.plan.as_of, start, end)
            )
        # In the order they should go out; of those due at once, the longest overdue first.
        entries.sort(key=lambda e: (e.step.send_at, e.step.window.earliest, str(e.interview.id)))
        last = rows[-1] if rows and more else None
        assert last is None or last.next_action_at is not None  # noqa: S101 - filtered on it
        return Page(entries, (last.next_action_at, last.id) if last else None)  # type: ignore[arg-type]
