"""Stored interviews: create (idempotently), read, change, delete, log events, list, agenda.

A stored interview is its document (the facts a client sent, :mod:`app.services.document`) and
its events. Three columns per interview are kept in step with the plan, in the same
transaction as the change that moves it, so that lists filter and the agenda finds due steps
in SQL (:func:`app.db.mapping.columns`).

Plans are derived, never a source of truth: every answer is what planning the facts and events
as of ``as_of`` gives. A plan is kept, per interview version, with the span of moments it holds
for (:mod:`app.domain.validity`), so a list or an agenda page plans an interview once per
change and per few hours, not once per read; past its span it is planned again.

Each use case runs in one transaction and answers in domain terms (:class:`StoredInterview`,
:class:`Changed`, :class:`Page`); the web layer chooses statuses and headers.
"""

from __future__ import annotations

import hashlib
import threading
import uuid
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from importlib import metadata
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy import event
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.db import repositories as repo
from app.db.mapping import PENDING, RecordedEvent, bounds, event_row, recorded, skip_moments
from app.db.models import Interview, InterviewEvent, utcnow
from app.db.session import Database
from app.domain.errors import InvalidFacts
from app.domain.model import (
    Event,
    Explained,
    InterviewFacts,
    Month,
    NextAction,
    Plan,
    PlanStatus,
    Step,
    StepKind,
    StepStatus,
)
from app.domain.policies import Policy
from app.domain.validity import Span, seconds, shifted, stable_span
from app.services.document.codec import Decoded, DocumentCodec, document_of
from app.services.document.fields import InterviewFields
from app.services.errors import (
    InFlight,
    NotFound,
    PreconditionFailed,
    PreconditionRequired,
)
from app.services.idempotency import Claim, Idempotency, Keys, Replay
from app.services.planning import PlannedInterview, messages_of, plan_interview, plan_only

_ACTIONABLE = frozenset({StepStatus.DUE, StepStatus.OVERDUE})
#: Attempts at a create whose Idempotency-Key another transaction claimed at the same time.
_CLAIM_ATTEMPTS = 3
#: Interviews whose documents and events one query reads (the ids are bound parameters,
#: and PostgreSQL takes at most 65,535 of those in a statement).
_READ_AT_ONCE = 1000
#: Spans kept per interview version: as of now, and as of a moment a client asked about.
_SPANS_PER_VERSION = 2


@dataclass(slots=True)
class _Held:
    """A plan of one interview version and the span it holds for; its messages once asked."""

    span: Span
    plan: Plan
    messages: dict[str, Any] | None


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
    #: A keyed create's answer as rendered once, kept for its retries and sent as it is.
    answer: Replay | None = None


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
    """An interview as a list shows it: what it is, its plan's status and next action."""

    id: uuid.UUID
    company: str
    job_title: str
    candidate: str
    starts_at: datetime
    status: PlanStatus
    status_reason: str
    next_action: NextAction | None
    events: int
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, stored: StoredInterview, plan: Plan) -> Listed:
        facts = stored.decoded.facts
        return cls(
            stored.id,
            facts.company,
            facts.job_title,
            facts.candidate.name,
            facts.starts_at,
            plan.status,
            plan.status_reason,
            plan.next_action,
            len(stored.events),
            stored.created_at,
            stored.updated_at,
        )


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


def _planning_digest() -> int:
    """A digest of everything a stored plan column depends on: the source of the domain,
    the document codec, the locale and planning services, the mapping of plans to columns
    and this module, and the ``holidays`` package's version. (Messages are not stored: they
    are rendered from the plan in each process.)

    Any change to one of them is a new planner version, so nobody has to remember to bump a
    number: rows written by another version are planned afresh until their columns are
    computed again (:meth:`InterviewStore.settle`).
    """
    app = Path(__file__).resolve().parent.parent
    sources = sorted(
        [
            *(app / "domain").rglob("*.py"),
            *(app / "services" / "document").rglob("*.py"),
            app / "services" / "planning.py",
            app / "services" / "locale.py",
            app / "db" / "mapping.py",
            Path(__file__).resolve(),
        ]
    )
    digest = hashlib.sha256(metadata.version("holidays").encode())
    for source in sources:
        digest.update(str(source.relative_to(app)).encode())
        digest.update(source.read_bytes())
    return int.from_bytes(digest.digest()[:4], "big") & 0x7FFFFFFF


#: The planning the stored columns were computed with (:func:`_planning_digest`).
PLANNER_VERSION = _planning_digest()
#: At most this many moments an optional step is skipped at, per interview.
_REGIMES = 4


def index_columns(facts: InterviewFacts, policy: Policy, plan: Plan) -> dict[str, Any]:
    """The columns lists and the agenda filter on, for ``plan`` (as of the write's moment).

    They bound the plan for every ``as_of`` from that moment until the next event's
    (:func:`app.db.mapping.bounds`); the pages filter on them in SQL and plan only what
    passes, so what they answer is always what planning afresh gives.
    """
    moment = plan.as_of
    until = min((e.at for e in facts.events if e.at > moment), default=None)
    regimes = [plan]
    while plan.status is not PlanStatus.CLOSED:
        later = [m for m in skip_moments(regimes[-1]) if until is None or m < until]
        if not later:
            break
        if len(regimes) == _REGIMES:  # pragma: no cover - a plan has one optional step
            until = later[0]
            break
        regimes.append(plan_only(facts=facts, policy=policy, as_of=later[0]))
    span = stable_span(plan, facts)
    return {
        **bounds(regimes, facts.events, until),
        "planner_version": PLANNER_VERSION,
        "listing": listing_of(facts, plan, span),
        "listing_until": span.end,
    }


def listing_of(facts: InterviewFacts, plan: Plan, span: Span) -> dict[str, Any]:
    """A list's item for ``facts`` as planned in ``plan``, as JSON: it holds over ``span``
    (the next action's send time is then ``as_of`` itself when it ``follows``)."""
    action = plan.next_action
    return {
        "company": facts.company,
        "job_title": facts.job_title,
        "candidate": facts.candidate.name,
        "starts_at": facts.starts_at.isoformat(),
        "events": len(facts.events),
        "status": plan.status.value,
        "status_reason": plan.status_reason,
        "status_reason_said": _said_json(plan.status_reason),
        "next_action": None
        if action is None
        else {
            "step_id": action.step_id,
            "kind": action.kind.value,
            "status": action.status.value,
            "send_at": action.send_at.isoformat(),
            "summary": action.summary,
            "summary_said": _said_json(action.summary),
            "follows": action.step_id in span.tracking,
        },
    }


def _said_json(text: str) -> dict[str, Any] | None:
    """What an :class:`Explained` says (its key and parameters), as JSON: days as ISO
    strings, parts nested; None for a text without a key. The English is stored beside it."""
    if not isinstance(text, Explained) or not text.key:
        return None
    return _explained_json(text)


def _explained_json(text: Explained) -> dict[str, Any]:
    return {"key": text.key, "params": {k: _param_json(v) for k, v in text.params.items()}}


def _param_json(value: Any) -> Any:
    if isinstance(value, Explained):
        return {"text": str(value), **_explained_json(value)}
    if isinstance(value, Month):
        return {"month": [value.year, value.month]}
    if isinstance(value, tuple):
        return {"parts": [_param_json(part) for part in value]}
    if isinstance(value, date):
        return {"day": value.isoformat()}
    return value  # a name, a quoted word, a count


def _said_from(text: str, said: Any) -> str:
    """``text`` again as the :class:`Explained` it was stored from (``said``, see
    :func:`_said_json`); as it is (English) when the listing has no key for it (a row
    written before keys were stored)."""
    if not isinstance(said, dict) or not said.get("key"):
        return text
    return _explained_from(text, said)


def _explained_from(text: str, said: dict[str, Any]) -> Explained:
    params = {k: _param_from(v) for k, v in said.get("params", {}).items()}
    return Explained(text, said.get("key", ""), params)


def _param_from(value: Any) -> Any:
    if not isinstance(value, dict):
        return value
    if "key" in value:
        return _explained_from(value["text"], value)
    if "month" in value:
        return Month(*value["month"])
    if "parts" in value:
        return tuple(_param_from(part) for part in value["parts"])
    return date.fromisoformat(value["day"])


def listed_from(row: repo.ListRow, as_of: datetime) -> Listed | None:
    """The row's list item from its stored listing, or None when that does not hold at
    ``as_of`` (another planner version wrote it, or ``as_of`` is outside its span)."""
    moment = seconds(as_of)
    listing, start, end = row.listing, row.index_from, row.listing_until
    if (
        listing is None
        or start is None
        or end is None
        or row.planner_version != PLANNER_VERSION
        or not start <= moment < end
    ):
        return None
    action = listing["next_action"]
    next_action = None
    if action is not None:
        send_at = datetime.fromisoformat(action["send_at"])
        next_action = NextAction(
            action["step_id"],
            StepKind(action["kind"]),
            StepStatus(action["status"]),
            moment.astimezone(send_at.tzinfo) if action["follows"] else send_at,
            _said_from(action["summary"], action.get("summary_said")),
        )
    return Listed(
        row.id,
        listing["company"],
        listing["job_title"],
        listing["candidate"],
        datetime.fromisoformat(listing["starts_at"]),
        PlanStatus(listing["status"]),
        _said_from(listing["status_reason"], listing.get("status_reason_said")),
        next_action,
        listing["events"],
        row.created_at,
        row.updated_at,
    )


def _bump_at_commit(session: Session, account_id: uuid.UUID) -> None:
    """The account's data version goes up as the last statement before the change commits.

    The bump locks the account's row until the commit (on PostgreSQL; SQLite writes one at a
    time anyway), so every change of the account waits for it: done first, it would hold the
    lock through the listeners' and the Idempotency-Key's statements; done last, it holds it
    for one statement and the commit.
    """
    pending: set[uuid.UUID] | None = session.info.get("bump_data_version")
    if pending is None:
        pending = session.info["bump_data_version"] = set()

        def bump(finishing: Session) -> None:
            for account in sorted(pending):
                repo.bump_data_version(session=finishing, account_id=account)

        event.listen(session, "before_commit", bump)
    pending.add(account_id)


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
        plan_cache_size: int = 8192,
        listeners: Sequence[ChangeListener] = (),
    ) -> None:
        self.db = db
        self.listeners = list(listeners)
        self.codec = DocumentCodec(default_country=default_country)
        self.keys = Keys()
        self._decoded: OrderedDict[tuple[uuid.UUID, int], Decoded] = OrderedDict()
        self._cache_size = cache_size
        self._held: OrderedDict[tuple[uuid.UUID, int], list[_Held]] = OrderedDict()
        self._seen: OrderedDict[tuple[uuid.UUID, int], StoredInterview] = OrderedDict()
        self._plan_cache_size = plan_cache_size
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

    def unsettle(self) -> int:
        """In one statement, make the plan columns another planner version computed hold for
        no moment: pages plan those rows until :meth:`settle` computes them again."""
        with self.db.write() as session:
            return repo.unsettle_other_versions(session=session, planner_version=PLANNER_VERSION)

    def settle(self, *, batch: int = 500) -> int:
        """Compute the plan columns of every interview that has none, or another planner
        version's (after an upgrade); returns how many."""
        self.unsettle()
        settled = 0
        while True:
            with self.db.write() as session:
                rows = repo.interviews_to_settle(
                    session=session, planner_version=PLANNER_VERSION, limit=batch
                )
                events = repo.events_of(session=session, interview_ids=[r.id for r in rows])
                now = utcnow()
                for row in rows:
                    stored = self._stored(row, events[row.id])
                    try:
                        plan = plan_only(
                            facts=stored.facts, policy=stored.decoded.policy, as_of=now
                        )
                        values = index_columns(stored.facts, stored.decoded.policy, plan)
                    except InvalidFacts:  # pragma: no cover - stored facts were planned before
                        values = {"index_from": None, "planner_version": PLANNER_VERSION}
                    repo.settle_interview(
                        session=session, interview_id=row.id, version=row.version, values=values
                    )
            settled += len(rows)
            if len(rows) < batch:
                return settled

    # -- plans, kept for the span they hold ---------------------------------------------------

    def plan_at(
        self, stored: StoredInterview, as_of: datetime, *, messages: bool = True
    ) -> PlannedInterview:
        """The plan of ``stored`` as of ``as_of``, exactly as planning it afresh gives.

        A plan kept for this version whose span holds ``as_of`` is moved to it
        (:func:`app.domain.validity.shifted`); otherwise the interview is planned and kept.
        Without ``messages`` the answer's messages are empty (lists need none).
        """
        moment = seconds(as_of)
        key = (stored.id, stored.version)
        with self._lock:
            kept = self._held.get(key)
            held = next((h for h in kept if moment in h.span), None) if kept else None
            if kept is not None:
                self._held.move_to_end(key)
        if held is None:
            plan = plan_only(facts=stored.facts, policy=stored.decoded.policy, as_of=moment)
            held = _Held(stable_span(plan, stored.facts), plan, None)
            self._keep(key, held)
        if messages and held.messages is None:
            held.messages = messages_of(held.plan, stored.facts)
        plan = held.plan if held.plan.as_of == moment else shifted(held.plan, held.span, moment)
        return PlannedInterview(plan, held.messages if messages and held.messages else {})

    def _keep(self, key: tuple[uuid.UUID, int], held: _Held) -> None:
        with self._lock:
            kept = self._held.setdefault(key, [])
            kept.insert(0, held)
            del kept[_SPANS_PER_VERSION:]
            self._held.move_to_end(key)
            while len(self._held) > self._plan_cache_size:
                self._held.popitem(last=False)

    def _keep_planned(self, stored: StoredInterview, planned: PlannedInterview) -> None:
        """Keep a plan a change just made (call once its transaction committed)."""
        plan = planned.plan
        self._keep(
            (stored.id, stored.version),
            _Held(stable_span(plan, stored.facts), plan, dict(planned.messages)),
        )

    def _stored_rows(self, session: Session, rows: Sequence[repo.PageRow]) -> list[StoredInterview]:
        """The stored interviews of page rows read without their documents: those seen before
        (a version never changes) from memory, the others with their documents and events."""
        with self._lock:
            kept = {row.id: self._seen.get((row.id, row.version)) for row in rows}
        missing = [row for row in rows if kept[row.id] is None]
        for start in range(0, len(missing), _READ_AT_ONCE):
            batch = missing[start : start + _READ_AT_ONCE]
            ids = [row.id for row in batch]
            documents = repo.facts_of(session=session, interview_ids=ids)
            events = repo.events_of(session=session, interview_ids=ids)
            for row in batch:
                key = (row.id, row.version)
                with self._lock:
                    decoded = self._decoded.get(key)
                if decoded is None:
                    decoded = self._remember(key, self.codec.decode(documents[row.id]))
                stored = StoredInterview(
                    id=row.id,
                    version=row.version,
                    decoded=decoded,
                    events=tuple(recorded(e) for e in events[row.id]),
                    created_at=row.created_at,
                    updated_at=row.updated_at,
                )
                kept[row.id] = stored
                with self._lock:
                    self._seen[key] = stored
                    while len(self._seen) > self._plan_cache_size:
                        self._seen.popitem(last=False)
        with self._lock:
            for row in rows:
                if (row.id, row.version) in self._seen:
                    self._seen.move_to_end((row.id, row.version))
        return [kept[row.id] for row in rows]  # type: ignore[misc]

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
        index_plan = planned.plan
        if as_of is not None:
            # The columns are planned as of now. A client's as_of is mostly a moment ago (its
            # own clock, the request's time): inside the span the answer's plan holds for,
            # that plan moved to now is the plan now, without planning a second time.
            span = stable_span(planned.plan, facts)
            index_plan = (
                shifted(planned.plan, span, now)
                if seconds(now) in span
                else plan_only(facts=facts, policy=policy, as_of=now)
            )
        return planned, index_columns(facts, policy, index_plan)

    def _before(
        self, row: Interview, events: Sequence[InterviewEvent], now: datetime
    ) -> Plan | None:
        """The plan as it stands before a change, when someone listens for changes."""
        if not self.listeners:
            return None
        return self.plan_at(self._stored(row, events), now, messages=False).plan

    def _tell(self, session: Session, change: Change) -> None:
        """Every change: the listeners hear of it, and the account's data version goes up
        (pages answered before it no longer hold, :mod:`app.services.pages`)."""
        for listener in self.listeners:
            listener(session, change)
        _bump_at_commit(session, change.account_id)

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
        # Planned and rendered before the transaction: a create's plan depends on nothing
        # stored, and on SQLite the write lock is then held for the writes alone, not for
        # the planning too (other creates queued behind it while a core sat idle).
        now = utcnow()
        # Plain values, not a table model: building and filling one validates every field
        # again, a good part of a create's time.
        interview_id = uuid.uuid4()
        rows = [event_row(interview_id, seq, e) for seq, e in enumerate(events, start=1)]
        for added in rows:
            added.created_at = now
        stored = StoredInterview(
            id=interview_id,
            version=1,
            decoded=decoded,
            events=tuple(recorded(e) for e in rows),
            created_at=now,
            updated_at=now,
        )
        planned, values = self._plans(stored, as_of)
        answer = replay(stored, planned) if idempotency is not None and replay else None
        with self.db.write() as session:
            claim: Claim | None = None
            if idempotency is not None:
                found = self.keys.claim(
                    session, account_id=account_id, request=idempotency, now=now
                )
                if isinstance(found, Replay):
                    return found
                claim = found
            repo.add_interview(
                session=session,
                values={
                    **values,
                    "id": interview_id,
                    "account_id": account_id,
                    "version": 1,
                    "facts": document,
                    "company": decoded.facts.company,
                    "company_key": decoded.facts.company.casefold(),
                    "created_at": now,
                    "updated_at": now,
                },
                events=rows,
            )
            self._tell(
                session,
                Change(ChangeKind.CREATED, account_id, interview_id, 1, now, None, planned, stored),
            )
            if claim is not None and answer is not None:
                self.keys.complete(session, claim=claim, answer=answer, now=now)
        self._remember((interview_id, 1), decoded)
        self._keep_planned(stored, planned)
        return Changed(stored, planned, answer)

    # -- read, change, delete ---------------------------------------------------------------

    def get(self, *, account_id: uuid.UUID, interview_id: uuid.UUID) -> StoredInterview:
        with self.db.read() as session:
            row, events = self._load(session, account_id, interview_id, lock=False)
            return self._stored(row, events)

    def planned(
        self, *, account_id: uuid.UUID, interview_id: uuid.UUID, as_of: datetime | None
    ) -> tuple[StoredInterview, PlannedInterview]:
        stored = self.get(account_id=account_id, interview_id=interview_id)
        return stored, self.plan_at(stored, as_of or utcnow())

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
        self._keep_planned(stored, planned)
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
            repo.add_event(session=session, event=new_row)
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
        self._keep_planned(stored, planned)
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
        """A page of the account's interviews with their plans as of ``as_of``.

        SQL filters on the stored plan columns, which are bounds; with a status, each row
        that passes is planned (or its kept plan moved) and kept only if its plan has that
        status, and more rows are read until the page is full.
        """
        company_key = filters.company.casefold() if filters.company else None
        items: list[Listed] = []
        if filters.next_action_before is not None:
            return self._list_by_action(account_id, filters, company_key, as_of, after, limit)
        position = after
        with self.db.read() as session:
            while True:
                rows = repo.list_interviews(
                    session=session,
                    account_id=account_id,
                    as_of=as_of,
                    status=filters.status,
                    company_key=company_key,
                    after=position,
                    limit=limit + 1,
                )
                for listed in self._listed(session, rows, as_of):
                    if filters.status is None or listed.status.value == filters.status:
                        items.append(listed)
                if len(items) > limit or len(rows) <= limit:
                    break
                position = (rows[-1].created_at, rows[-1].id)
        more = len(items) > limit
        items = items[:limit]
        last = items[-1] if more else None
        return Page(items, (last.created_at, last.id) if last else None)

    def _list_by_action(
        self,
        account_id: uuid.UUID,
        filters: ListFilter,
        company_key: str | None,
        as_of: datetime,
        after: tuple[datetime, uuid.UUID] | None,
        limit: int,
    ) -> Page:
        """Open interviews whose next action opens before ``filters.next_action_before``,
        soonest first: rows whose columns hold from SQL, the others by planning them."""
        before = filters.next_action_before
        assert before is not None  # noqa: S101 - the caller checked
        with self.db.read() as session:
            rows = repo.list_interviews(
                session=session,
                account_id=account_id,
                as_of=as_of,
                status=filters.status,
                company_key=company_key,
                next_action_before=before,
                after=after,
                limit=limit + 1,
            )
            others = repo.unsettled_interviews(
                session=session, account_id=account_id, as_of=as_of, company_key=company_key
            )
            listed_rows = self._listed(session, rows, as_of)
            stored_rows = self._stored_rows(session, others)
        keyed: list[tuple[tuple[datetime, uuid.UUID], Listed]] = []
        for row, listed in zip(rows, listed_rows, strict=True):
            if filters.status is None or listed.status.value == filters.status:
                assert row.next_action_at is not None  # noqa: S101 - filtered on it
                keyed.append(((row.next_action_at, row.id), listed))
        for other, stored in zip(others, stored_rows, strict=True):
            plan = self.plan_at(stored, as_of, messages=False).plan
            opens = self._opens(stored, plan)
            if (
                opens is None
                or opens >= before
                or (after is not None and (opens, other.id) <= after)
                or (filters.status is not None and plan.status.value != filters.status)
            ):
                continue
            keyed.append(((opens, other.id), Listed.of(stored, plan)))
        keyed.sort(key=lambda pair: pair[0])
        more = len(keyed) > limit
        keyed = keyed[:limit]
        return Page([listed for _, listed in keyed], keyed[-1][0] if more else None)

    def _listed(
        self, session: Session, rows: Sequence[repo.ListRow], as_of: datetime
    ) -> Sequence[Listed]:
        """List items: from the stored listing where it holds at ``as_of``, else planned."""
        found = [listed_from(row, as_of) for row in rows]
        missing = [row for row, listed in zip(rows, found, strict=True) if listed is None]
        planned = iter(
            Listed.of(stored, self.plan_at(stored, as_of, messages=False).plan)
            for stored in self._stored_rows(session, missing)
        )
        return [listed if listed is not None else next(planned) for listed in found]

    def _opens(self, stored: StoredInterview, plan: Plan) -> datetime | None:
        """The stored next action a row would get if written as of ``plan.as_of``."""
        if plan.status is PlanStatus.CLOSED:
            return None
        opens = index_columns(stored.facts, stored.decoded.policy, plan)["next_action_at"]
        return opens if isinstance(opens, datetime) else None

    def agenda(
        self,
        *,
        account_id: uuid.UUID,
        as_of: datetime,
        start: date | None,
        end: date | None,
        after: tuple[datetime, uuid.UUID] | None,
        limit: int,
        messages: bool = True,
    ) -> Page:
        """Steps due or overdue at ``as_of``, or to do between ``start`` and ``end``.

        The database picks the interviews that may have something open by then (an index
        on the stored next action, a bound); only those are planned, with the few whose
        stored columns do not hold at ``as_of``. A page holds at most ``limit`` interviews'
        steps; ``after`` continues from the last interview of the page before.
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
            rows, others = repo.agenda_rows(
                session=session,
                account_id=account_id,
                as_of=as_of,
                opens_by=opens_by,
                quiet_before=quiet_before,
                after=after,
                limit=limit + 1,
            )
            stored_rows = self._stored_rows(session, [*rows, *others])
        keyed: list[tuple[tuple[datetime, uuid.UUID], StoredInterview, PlannedInterview]] = []
        for row, stored in zip(rows, stored_rows, strict=False):
            assert row.next_action_at is not None  # noqa: S101 - filtered on it
            planned = self.plan_at(stored, as_of, messages=messages)
            keyed.append(((row.next_action_at, row.id), stored, planned))
        for row, stored in zip(others, stored_rows[len(rows) :], strict=True):
            planned = self.plan_at(stored, as_of, messages=False)
            opens = self._opens(stored, planned.plan)
            if opens is None or (after is not None and (opens, row.id) <= after):
                continue
            if any(on_agenda(s, planned.plan.as_of, start, end) for s in planned.plan.steps):
                planned = self.plan_at(stored, as_of, messages=messages)
                keyed.append(((opens, row.id), stored, planned))
        keyed.sort(key=lambda item: item[0])
        more = len(keyed) > limit
        keyed = keyed[:limit]
        entries = [
            AgendaEntry(stored, step, planned)
            for _, stored, planned in keyed
            for step in planned.plan.steps
            if on_agenda(step, planned.plan.as_of, start, end)
        ]
        # In the order they should go out; of those due at once, the longest overdue first.
        entries.sort(key=lambda e: (e.step.send_at, e.step.window.earliest, str(e.interview.id)))
        return Page(entries, keyed[-1][0] if more else None)
