"""Stored interviews: create (idempotently), read, change, delete, log events, list, agenda.

A stored interview is its document (the facts a client sent, :mod:`app.services.document`) and
its events. Plans are never stored: each answer plans again from the facts and events. Three
columns per interview are kept in step with the plan, in the same transaction as the change
that moves it, so that lists filter and the agenda finds due steps in SQL
(:func:`app.db.mapping.columns`).

Each use case runs in one transaction and answers in domain terms (:class:`StoredInterview`,
:class:`Changed`, :class:`Page`); the web layer chooses statuses and headers.
"""

from __future__ import annotations

import threading
import uuid
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from typing import Any, Protocol

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.db import repositories as repo
from app.db.mapping import PENDING, RecordedEvent, columns, event_row, recorded
from app.db.models import Interview, InterviewEvent, utcnow
from app.db.session import Database
from app.domain.errors import InvalidFacts
from app.domain.model import Event, InterviewFacts, Plan, Step, StepKind, StepStatus
from app.services.document.codec import Decoded, DocumentCodec, document_of
from app.services.document.fields import InterviewFields
from app.services.errors import (
    InFlight,
    NotFound,
    PreconditionFailed,
    PreconditionRequired,
)
from app.services.idempotency import Claim, Idempotency, Keys, Replay
from app.services.planning import PlannedInterview, plan_interview, plan_only

_ACTIONABLE = frozenset({StepStatus.DUE, StepStatus.OVERDUE})
#: Attempts at a create whose Idempotency-Key another transaction claimed at the same time.
_CLAIM_ATTEMPTS = 3


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
class Changed:
    """An interview as a change left it, with its plan (as of the change, or ``as_of``)."""

    interview: StoredInterview
    planned: PlannedInterview


class ChangeKind(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    EVENT_ADDED = "event_added"
    DELETED = "deleted"


@dataclass(frozen=True, slots=True)
class Change:
    """A change to a stored interview, as a listener sees it inside the change's transaction.

    ``before`` is the plan as it stood just before the change (planned as of ``at``; None for
    a create); ``after`` the plan the change leaves (None for a delete).
    """

    kind: ChangeKind
    account_id: uuid.UUID
    interview_id: uuid.UUID
    version: int
    at: datetime
    before: Plan | None
    after: PlannedInterview | None
    interview: StoredInterview | None


class ChangeListener(Protocol):
    """Told of every change in the change's own transaction (``session``), after it is written:
    what it writes there (an outbox row, say) commits or rolls back with the change."""

    def __call__(self, session: Session, change: Change) -> None: ...


#: Renders a create's answer for an Idempotency-Key's replays; called inside the create's
#: transaction, so the answer is kept if and only if the interview is.
ReplayHook = Callable[[StoredInterview, PlannedInterview], Replay]


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


def on_agenda(step: Step, as_of: datetime, start: date | None, end: date | None) -> bool:
    """Due or overdue now, or still to do and open at some point between ``start`` and ``end``.

    The move-on step stays "due" once reached; it is on the agenda on its own day only.
    """
    if step.status in _ACTIONABLE and not (
        step.kind is StepKind.MOVE_ON and as_of > step.window.latest
    ):
        return True
    if start is None or end is None or step.status not in PENDING:
        return False
    return step.window.earliest.date() <= end and step.window.latest.date() >= start


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


def _stale() -> PreconditionFailed:
    return PreconditionFailed("The interview changed since you read it; read it again and retry.")


class InterviewStore:
    """Every operation on stored interviews, each in one transaction."""

    def __init__(
        self,
        db: Database,
        *,
        default_country: str,
        cache_size: int = 4096,
        listeners: Sequence[ChangeListener] = (),
    ) -> None:
        self.db = db
        self.listeners = list(listeners)
        self.codec = DocumentCodec(default_country=default_country)
        self.keys = Keys()
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
        return self._remember(key, self.codec.decode(row.facts))

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

    def _before(
        self, row: Interview, events: Sequence[InterviewEvent], now: datetime
    ) -> Plan | None:
        """The plan as it stands before a change, when someone listens for changes."""
        if not self.listeners:
            return None
        stored = self._stored(row, events)
        return plan_only(facts=stored.facts, policy=stored.decoded.policy, as_of=now)

    def _tell(self, session: Session, change: Change) -> None:
        for listener in self.listeners:
            listener(session, change)

    # -- create -----------------------------------------------------------------------------

    def create(
        self,
        *,
        account_id: uuid.UUID,
        fields: InterviewFields,
        events: Sequence[Event],
        as_of: datetime | None,
        idempotency: Idempotency | None = None,
        replay: ReplayHook | None = None,
    ) -> Changed | Replay:
        """Store an interview with its first events; with an Idempotency-Key, at most once.

        Returns the stored interview and its plan, or, for a key seen before with the same
        body, the first answer to replay (``replay`` renders it; it is kept with the claim).

        Raises:
            InvalidFacts: for facts the planner cannot use (nothing is written).
            KeyReused: the key came before with another body.
            InFlight: the key's first request has not finished.
        """
        decoded = self.codec.read(fields)
        document = document_of(fields)
        _check_contacts(decoded.facts, events, locate=lambda i: ("events", i, "contact_email"))
        for _ in range(_CLAIM_ATTEMPTS):
            try:
                return self._create(
                    account_id, decoded, document, events, as_of, idempotency, replay
                )
            except IntegrityError:
                if idempotency is None:
                    raise
                # Another request kept an answer for the key while this one worked: a new
                # transaction finds it and replays it.
        raise InFlight("A request with this Idempotency-Key is still being processed.")

    def _create(
        self,
        account_id: uuid.UUID,
        decoded: Decoded,
        document: dict[str, Any],
        events: Sequence[Event],
        as_of: datetime | None,
        idempotency: Idempotency | None,
        replay: ReplayHook | None,
    ) -> Changed | Replay:
        with self.db.write() as session:
            now = utcnow()
            claim: Claim | None = None
            if idempotency is not None:
                found = self.keys.claim(
                    session, account_id=account_id, request=idempotency, now=now
                )
                if isinstance(found, Replay):
                    return found
                claim = found
            row = Interview(
                account_id=account_id,
                created_at=now,
                updated_at=now,
                facts=document,
                company=decoded.facts.company,
                company_key=decoded.facts.company.casefold(),
            )
            rows = [event_row(row.id, seq, e) for seq, e in enumerate(events, start=1)]
            for event in rows:
                event.created_at = now
            self._remember((row.id, row.version), decoded)
            stored = self._stored(row, rows)
            planned, values = self._plans(stored, as_of)
            for name, value in values.items():
                setattr(row, name, value)
            repo.add_interview(session=session, row=row, events=rows)
            self._tell(
                session,
                Change(
                    ChangeKind.CREATED, account_id, row.id, row.version, now, None, planned, stored
                ),
            )
            if claim is not None and replay is not None:
                self.keys.complete(session, claim=claim, answer=replay(stored, planned), now=now)
        return Changed(stored, planned)

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
        patch: Mapping[str, Any],
    ) -> Changed:
        """Merge ``patch`` (RFC 7396) into the stored facts if ``if_match`` names this version.

        Raises:
            PreconditionRequired: no If-Match.
            InvalidDocument: the patched facts are not a valid interview (nothing changes).
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
            document = self.codec.revise(row.facts, patch)
            decoded = self.codec.decode(document)
            current = f'"{row.version}"'
            if not matches(if_match, current):
                raise PreconditionFailed(
                    "The interview changed since you read it; read it again and retry.",
                    headers={"ETag": current},
                )
            now = utcnow()
            before = self._before(row, events, now)
            stored = replace(
                self._stored(row, events), version=row.version + 1, decoded=decoded, updated_at=now
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
                raise _stale()  # pragma: no cover - the row lock above serialises
            self._tell(
                session,
                Change(
                    ChangeKind.UPDATED,
                    account_id,
                    stored.id,
                    stored.version,
                    stored.updated_at,
                    before,
                    planned,
                    stored,
                ),
            )
        # Only once committed: a version that never came to be must not sit in the cache.
        self._remember((stored.id, stored.version), decoded)
        return Changed(stored, planned)

    def delete(
        self, *, account_id: uuid.UUID, interview_id: uuid.UUID, if_match: str | None
    ) -> None:
        with self.db.write() as session:
            row, events = self._load(session, account_id, interview_id, lock=True)
            if if_match is not None and not matches(if_match, f'"{row.version}"'):
                raise _stale()
            now = utcnow()
            before = self._before(row, events, now)
            repo.delete_interview(session=session, row=row)
            self._tell(
                session,
                Change(
                    ChangeKind.DELETED, account_id, row.id, row.version, now, before, None, None
                ),
            )

    # -- events -----------------------------------------------------------------------------

    def add_event(self, *, account_id: uuid.UUID, interview_id: uuid.UUID, event: Event) -> Changed:
        """Append one event (events are never changed or removed) and move the plan.

        Raises:
            NotFound: no such interview of this account.
            InvalidFacts: the event names an address none of the contacts has.
        """
        with self.db.write() as session:
            row, events = self._load(session, account_id, interview_id, lock=True)
            decoded = self.decode(row)
            _check_contacts(decoded.facts, [event], locate=lambda _: ("contact_email",))
            now = utcnow()
            before = self._before(row, events, now)
            seq = (events[-1].seq if events else 0) + 1
            new_row = event_row(row.id, seq, event)
            new_row.created_at = now
            session.add(new_row)
            stored = replace(
                self._stored(row, [*events, new_row]), version=row.version + 1, updated_at=now
            )
            planned, values = self._plans(stored, None)
            values["updated_at"] = stored.updated_at
            if not repo.update_interview(
                session=session, row=row, expected_version=row.version, values=values
            ):
                raise _stale()  # pragma: no cover - the row lock above serialises
            self._tell(
                session,
                Change(
                    ChangeKind.EVENT_ADDED,
                    account_id,
                    stored.id,
                    stored.version,
                    now,
                    before,
                    planned,
                    stored,
                ),
            )
        return Changed(stored, planned)

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
