"""The dispatcher: announces steps as they fall due, and delivers the outbox, at least once.

The database is the queue; there is no broker. Each tick:

1. **Announce.** Claim the schedule rows whose moment came (``fire_at <= now``, by its index:
   the cost grows with what falls due, not with what is stored), plan their interviews as of
   now, and for a step that is indeed due (or overdue, or the plan moved on) write one outbox
   row per endpoint that wants it; clear ``fire_at`` in the same transaction. A step is
   therefore announced once: two dispatchers never claim the same row, and a dispatcher that
   dies before committing leaves the row to the next.
2. **Deliver.** Claim messages whose next attempt is due by moving ``next_attempt_at`` a lease
   ahead, in a short transaction; send them (several at once), then record each attempt and
   the next one. A dispatcher that dies mid-delivery leaves the lease to run out, and the
   message is sent again (at least once; the ``webhook-id`` lets a receiver drop the copy).

Claims use ``SELECT … FOR UPDATE SKIP LOCKED`` on PostgreSQL, so any number of dispatchers on
any number of machines share the work and none sends an attempt another holds. On SQLite a
write transaction takes the database's only write lock at ``BEGIN IMMEDIATE``, so a claim (read
and lease in one transaction) cannot interleave with another process's: a second dispatcher on
the same file is safe, it only waits its turn.

Each attempt is signed as Standard Webhooks v1 (``webhook-id``, ``webhook-timestamp``,
``webhook-signature``) with the ``standardwebhooks`` package; after a secret's rotation the
previous secret signs alongside for a day. Retries follow the Standard Webhooks schedule (a
setting); ``429`` and ``503`` answers' ``Retry-After`` is honoured; ``410`` turns the endpoint
off, as does failing for five days; each is recorded on the endpoint.
"""

from __future__ import annotations

import email.utils
import logging
import queue
import threading
import uuid
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from sqlalchemy.orm import Session
from standardwebhooks import Webhook

from app.db import repositories as repo
from app.db.mapping import recorded
from app.db.models import (
    Interview,
    InterviewEvent,
    StepSchedule,
    WebhookAttempt,
    WebhookEndpoint,
    WebhookMessage,
    utcnow,
)
from app.db.session import Database
from app.domain.model import InterviewFacts, PlanStatus, StepStatus
from app.services.document.codec import DocumentCodec
from app.services.planning import PlannedInterview, plan_interview
from app.services.webhook_events import (
    DUE,
    INTERVIEW_MOVED_ON,
    MOVES_ON,
    OVERDUE,
    PING,
    STEP_DUE,
    STEP_OVERDUE,
    enqueue,
    interview_data,
    message_data,
    step_data,
    wants,
)
from app.services.webhook_transport import HttpSender, Outcome, Sender
from app.settings import Settings

log = logging.getLogger("app.webhooks")

#: The Standard Webhooks retry schedule, in seconds before each attempt.
STANDARD_SCHEDULE = (0.0, 5.0, 300.0, 1800.0, 7200.0, 18000.0, 36000.0, 36000.0)
#: The longest a Retry-After is waited for.
MAX_RETRY_AFTER = timedelta(days=1)
_EVENT_OF_KIND = {DUE: STEP_DUE, OVERDUE: STEP_OVERDUE, MOVES_ON: INTERVIEW_MOVED_ON}

#: A message tried: its endpoint, the outcome (None: not sent, the endpoint is off), when.
Attempted = tuple[WebhookMessage, WebhookEndpoint, Outcome | None, datetime]


def signature(endpoint: WebhookEndpoint, message_id: str, at: datetime, payload: str) -> str:
    """``v1,<base64>`` with the current secret, and with the previous one while it signs."""
    secrets = [endpoint.secret]
    expires = endpoint.previous_secret_expires_at
    if endpoint.previous_secret and expires is not None and expires > at:
        secrets.append(endpoint.previous_secret)
    return " ".join(
        Webhook(secret).sign(msg_id=message_id, timestamp=at, data=payload) for secret in secrets
    )


def signed_headers(
    endpoint: WebhookEndpoint, message_id: str, at: datetime, payload: str
) -> dict[str, str]:
    at = at.astimezone(UTC).replace(microsecond=0)
    return {
        "content-type": "application/json",
        "webhook-id": message_id,
        "webhook-timestamp": str(int(at.timestamp())),
        "webhook-signature": signature(endpoint, message_id, at, payload),
    }


def retry_after(value: str | None, now: datetime) -> timedelta | None:
    """A ``Retry-After`` header's wait: seconds, or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return min(timedelta(seconds=int(value)), MAX_RETRY_AFTER)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return min(max(when - now, timedelta(0)), MAX_RETRY_AFTER)


class Dispatcher:
    """Announces due steps and delivers the outbox; :meth:`tick` once, or :meth:`start`."""

    def __init__(
        self,
        db: Database,
        *,
        sender: Sender,
        default_country: str = "US",
        retry_schedule: Sequence[float] = STANDARD_SCHEDULE,
        interval: float = 1.0,
        concurrency: int = 8,
        lease: timedelta = timedelta(seconds=60),
        disable_after: timedelta = timedelta(days=5),
        batch: int = 200,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self.db = db
        self.sender = sender
        self.codec = DocumentCodec(default_country=default_country)
        self.retry_schedule = tuple(retry_schedule)
        self.interval = interval
        self.concurrency = concurrency
        self.lease = lease
        self.disable_after = disable_after
        self.batch = batch
        self.clock = clock
        self._pool = ThreadPoolExecutor(concurrency, thread_name_prefix="webhook")
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        #: Attempts sent or being sent, not yet recorded; outcomes wait in ``_outcomes``.
        self._in_flight = 0
        self._lock = threading.Lock()
        self._outcomes: queue.SimpleQueue[Attempted] = queue.SimpleQueue()

    # -- running ----------------------------------------------------------------------------

    def tick(self, *, wait: bool = True) -> int:
        """Record the attempts that finished, announce what fell due, send what is due.

        With ``wait`` (tests, benches) the attempts it starts are finished and recorded before
        it returns. Without (:meth:`run`), it leaves them running and the next tick records
        them, so one slow receiver holds up nothing but its own attempts: a dispatcher keeps
        up to ``2 x concurrency`` attempts in flight, and claims more as they finish.

        Returns:
            The work done: attempts recorded, steps looked at, messages claimed.
        """
        done = self.record()
        with self.db.read() as session:
            due = repo.anything_due(session=session, now=self.clock())
        if due:
            done += self.announce() + self.deliver(wait=wait)
        if wait:
            done += self.record()
        return done

    def run(self) -> None:
        """Tick until :meth:`stop`; sleep ``interval`` whenever a tick found nothing to do."""
        while not self._stop.is_set():
            try:
                done = self.tick(wait=False)
            except Exception:
                log.exception("dispatcher tick failed; trying again")
                done = 0
            if not done:
                self._stop.wait(self.interval)

    def start(self) -> None:
        self._thread = threading.Thread(target=self.run, name="webhook-dispatcher", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        """Stop ticking; deliveries in flight finish or are retried after their lease."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
        self._pool.shutdown(wait=False, cancel_futures=True)
        self.record()  # what finished; anything still in flight is sent again after its lease
        self.sender.close()

    # -- announcing -------------------------------------------------------------------------

    def announce(self) -> int:
        """Announce every schedule row whose moment came, a batch per transaction."""
        total = 0
        while True:
            done = self._announce_batch(self.clock())
            total += done
            if done < self.batch:
                return total

    def _announce_batch(self, now: datetime) -> int:
        with self.db.write() as session:
            rows = repo.claim_due_schedule(session=session, now=now, limit=self.batch)
            if not rows:
                return 0
            by_account: dict[uuid.UUID, list[WebhookEndpoint]] = {}
            for account_id in {row.account_id for row in rows}:
                by_account[account_id] = list(
                    repo.enabled_endpoints_of(session=session, account_id=account_id)
                )
            # Only interviews of accounts that listen for this are planned.
            heard = [
                row
                for row in rows
                if any(
                    wants(e.events, _EVENT_OF_KIND[row.kind]) for e in by_account[row.account_id]
                )
            ]
            interviews = repo.interviews_by_id(
                session=session, interview_ids=[row.interview_id for row in heard]
            )
            events = repo.events_of(session=session, interview_ids=list(interviews))
            for row in heard:
                interview = interviews.get(row.interview_id)
                if interview is None:
                    continue
                planned = self._plan(interview, events[interview.id], now)
                if planned is not None:
                    self._announce_one(session, row, interview, *planned, by_account, now)
            repo.mark_schedule_fired(session=session, ids=[row.id for row in rows], now=now)
            return len(rows)

    def _plan(
        self, interview: Interview, events: Sequence[InterviewEvent], now: datetime
    ) -> tuple[InterviewFacts, PlannedInterview] | None:
        try:
            decoded = self.codec.decode(interview.facts)
            facts = replace(decoded.facts, events=tuple(recorded(e).event for e in events))
            return facts, plan_interview(facts=facts, policy=decoded.policy, as_of=now)
        except Exception:
            # One interview that cannot be planned must not hold up every other one.
            log.exception("interview %s could not be planned for its schedule", interview.id)
            return None

    def _announce_one(
        self,
        session: Session,
        row: StepSchedule,
        interview: Interview,
        facts: InterviewFacts,
        planned: PlannedInterview,
        endpoints: dict[uuid.UUID, list[WebhookEndpoint]],
        now: datetime,
    ) -> None:
        plan = planned.plan
        about = interview_data(interview.id, interview.version, facts, plan)
        if row.kind == MOVES_ON:
            if plan.status is PlanStatus.MOVED_ON:
                enqueue(
                    session,
                    account_id=row.account_id,
                    event_type=INTERVIEW_MOVED_ON,
                    data=about,
                    at=now,
                    endpoints=endpoints[row.account_id],
                )
            return
        step = next((s for s in plan.steps if s.id == row.step_id), None)
        if step is None:
            return
        if row.kind == DUE:
            # Still in the window it was scheduled for, and neither sent nor waiting.
            fits = step.status is StepStatus.DUE and step.window.earliest == row.step_at
        else:
            fits = step.status is StepStatus.OVERDUE and step.window.latest == row.step_at
        if not fits:
            return
        enqueue(
            session,
            account_id=row.account_id,
            event_type=_EVENT_OF_KIND[row.kind],
            data={
                **about,
                "step": step_data(step),
                "message": message_data(planned.messages.get(step.id)),
            },
            at=now,
            endpoints=endpoints[row.account_id],
        )

    # -- delivering -------------------------------------------------------------------------

    def deliver(self, *, wait: bool = True) -> int:
        """Claim due messages, as many as there is room in flight for, and start each.

        Returns:
            How many were claimed.
        """
        with self._lock:
            room = self.batch if wait else min(self.batch, 2 * self.concurrency - self._in_flight)
        if room <= 0:
            return 0
        now = self.clock()
        with self.db.write() as session:
            messages = repo.claim_webhook_messages(
                session=session, now=now, lease_until=now + self.lease, limit=room
            )
            endpoints = repo.webhook_endpoints_by_id(
                session=session, endpoint_ids=[m.endpoint_id for m in messages]
            )
        work = [(m, endpoints[m.endpoint_id]) for m in messages if m.endpoint_id in endpoints]
        with self._lock:
            self._in_flight += len(work)
        started = [self._pool.submit(self._attempt_and_keep, m, e) for m, e in work]
        if wait:
            for future in started:
                future.result()
        return len(messages)

    def record(self) -> int:
        """Keep every finished attempt and what comes next, in one transaction: on SQLite one
        write lock for many. A dispatcher that dies first leaves those messages leased, and
        they are sent again after the lease (at least once, with the same ids)."""
        finished: list[Attempted] = []
        while True:
            try:
                finished.append(self._outcomes.get_nowait())
            except queue.Empty:
                break
        if finished:
            with self.db.write() as session:
                for message, endpoint, outcome, at in finished:
                    self._record(session, message, endpoint, outcome, at)
        return len(finished)

    def _attempt_and_keep(self, message: WebhookMessage, endpoint: WebhookEndpoint) -> None:
        try:
            attempted = self._attempt(message, endpoint)
            if attempted is not None:
                self._outcomes.put(attempted)
        finally:
            with self._lock:
                self._in_flight -= 1

    def _attempt(self, message: WebhookMessage, endpoint: WebhookEndpoint) -> Attempted | None:
        """Send one message (None for the outcome: not sent, its endpoint is off); None if
        it could not even be tried (it stays leased and is tried again after the lease)."""
        try:
            at = self.clock()
            if not endpoint.enabled and message.type != PING:
                return message, endpoint, None, at
            # Signed at the true time: receivers refuse a timestamp minutes off their clock.
            headers = signed_headers(endpoint, message.id, utcnow(), message.payload)
            return (
                message,
                endpoint,
                self.sender.send(endpoint.url, headers, message.payload.encode()),
                at,
            )
        except Exception:
            log.exception("webhook message %s could not be attempted", message.id)
            return None

    def _record(
        self,
        session: Session,
        message: WebhookMessage,
        endpoint: WebhookEndpoint,
        outcome: Outcome | None,
        at: datetime,
    ) -> None:
        """Keep the attempt and what comes next: delivered, another try, or given up."""
        row = session.get(WebhookMessage, message.id)
        target = session.get(WebhookEndpoint, endpoint.id)
        if row is None or target is None:
            return  # the endpoint was deleted meanwhile, its messages with it
        now = self.clock()
        if outcome is None:
            row.state, row.next_attempt_at = "cancelled", None
            return
        row.attempts += 1
        next_at: datetime | None = None
        if outcome.delivered:
            row.state, row.delivered_at = "delivered", now
            target.failing_since = None
        else:
            next_at = self._failed(row, target, outcome, now)
            row.state = "pending" if next_at is not None else "failed"
        row.next_attempt_at = next_at
        session.add(
            WebhookAttempt(
                message_id=row.id,
                at=at,
                status_code=outcome.status_code,
                duration_ms=outcome.duration_ms,
                error=(outcome.error or "")[:500] or None,
                next_try_at=next_at,
            )
        )

    def _failed(
        self, row: WebhookMessage, endpoint: WebhookEndpoint, outcome: Outcome, now: datetime
    ) -> datetime | None:
        """When to try again after a failed attempt (None: give up); turns the endpoint off
        on 410 Gone or when it has failed for ``disable_after``."""
        if endpoint.failing_since is None:
            endpoint.failing_since = now
        if outcome.status_code == 410:
            _disable(endpoint, "the endpoint answered 410 Gone", now)
            return None
        if now - endpoint.failing_since >= self.disable_after:
            _disable(endpoint, f"every attempt failed since {endpoint.failing_since:%Y-%m-%d}", now)
            return None
        if row.attempts >= len(self.retry_schedule):
            return None
        wait = timedelta(seconds=self.retry_schedule[row.attempts])
        if outcome.status_code in (429, 503):
            wait = max(wait, retry_after(outcome.retry_after, now) or wait)
        return now + wait


def _disable(endpoint: WebhookEndpoint, reason: str, now: datetime) -> None:
    endpoint.enabled = False
    endpoint.disabled_reason, endpoint.disabled_at = reason, now
    log.warning("webhook endpoint %s turned off: %s", endpoint.id, reason)


def dispatcher_from(db: Database, settings: Settings) -> Dispatcher:
    """A dispatcher with an HTTP sender, as the settings say (``followup serve`` and
    ``followup worker``)."""
    return Dispatcher(
        db,
        sender=HttpSender(
            connect_timeout=settings.webhook_connect_timeout_seconds,
            timeout=settings.webhook_timeout_seconds,
            allow_private=settings.webhook_allow_private,
            max_connections=settings.dispatch_concurrency * 2,
        ),
        default_country=settings.default_country,
        retry_schedule=settings.webhook_retry_schedule,
        interval=settings.dispatch_interval_seconds,
        concurrency=settings.dispatch_concurrency,
        # Longer than any attempt can last, so a live dispatcher never loses its claim.
        lease=timedelta(seconds=settings.webhook_timeout_seconds * 2 + 5),
        disable_after=timedelta(hours=settings.webhook_disable_after_hours),
    )
