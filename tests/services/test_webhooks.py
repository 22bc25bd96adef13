"""Webhooks end to end below the web layer: a change writes the schedule and the outbox, the
dispatcher announces each due step once and delivers it, signed, to a real HTTP receiver on
loopback that verifies it with the ``standardwebhooks`` library (both backends)."""

from __future__ import annotations

import socket
import threading
import time
import uuid
from collections import Counter
from datetime import UTC, datetime, timedelta
from typing import Any

import orjson
import pytest
import sqlalchemy as sa

from app.api.schemas import PlanRequest
from app.db import repositories as repo
from app.db.models import StepSchedule, WebhookAttempt, WebhookMessage
from app.db.session import Database
from app.domain.model import Event, EventType, Step, StepKind, StepStatus
from app.services.interviews import Changed, InterviewStore
from app.services.keys import KeyVerifier, issue_key
from app.services.webhook_dispatch import Dispatcher, retry_after
from app.services.webhook_endpoints import WebhookEndpoints
from app.services.webhook_events import PushListener
from app.services.webhook_transport import HttpSender
from tests.webhook_receiver import Receiver, receiving


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def _account(db: Database) -> uuid.UUID:
    issued = issue_key(db, account=f"hooks-{uuid.uuid4().hex[:8]}")
    principal = KeyVerifier(db, ttl=0).verify(issued.key)
    assert principal is not None
    return principal.account_id


def _fields(body: dict[str, Any]) -> PlanRequest:
    return PlanRequest.model_validate_json(orjson.dumps({**body, "as_of": None}))


def _first_step(changed: Changed) -> Step:
    return next(
        s
        for s in changed.planned.plan.steps
        if s.kind is not StepKind.MOVE_ON and s.status is not StepStatus.DONE
    )


def _dispatcher(db: Database, clock: Clock, **options: Any) -> Dispatcher:
    options.setdefault("retry_schedule", (0, 5, 300))
    return Dispatcher(
        db,
        sender=HttpSender(allow_private=True, timeout=options.pop("timeout", 5.0)),
        clock=clock,
        interval=0.05,
        **options,
    )


class World:
    """An account with one endpoint at a live receiver, and an interview store that pushes."""

    def __init__(self, db: Database, receiver: Receiver, **endpoint: Any) -> None:
        self.db = db
        self.receiver = receiver
        self.account = _account(db)
        self.store = InterviewStore(db, default_country="US", listeners=[PushListener()])
        self.endpoints = WebhookEndpoints(db, allow_private=True)
        self.endpoint = self.endpoints.create(
            account_id=self.account,
            url=receiver.url,
            events=endpoint.get("events"),
            description="test",
        )
        receiver.secrets.append(self.endpoint.secret)

    def interview(self, body: dict[str, Any]) -> Changed:
        created = self.store.create(
            account_id=self.account, fields=_fields(body), events=[], as_of=None
        )
        assert isinstance(created, Changed)
        return created

    def messages(self) -> list[WebhookMessage]:
        with self.db.read() as session:
            return list(
                session.scalars(
                    sa.select(WebhookMessage).where(
                        WebhookMessage.endpoint_id == self.endpoint.id  # type: ignore[arg-type]
                    )
                )
            )

    def attempts(self, message_id: str) -> list[WebhookAttempt]:
        with self.db.read() as session:
            return repo.webhook_attempts_of(session=session, message_ids=[message_id])[message_id]


@pytest.fixture
def receiver() -> Any:
    with receiving() as live:
        yield live


def test_a_step_that_opens_is_delivered_once_signed_and_verified(
    db: Database, receiver: Receiver, body: dict[str, Any]
) -> None:
    world = World(db, receiver, events=["step.due"])
    changed = world.interview(body)
    step = _first_step(changed)
    clock = Clock(step.window.earliest + timedelta(minutes=1))

    dispatcher = _dispatcher(db, clock)
    dispatcher.tick()
    # A restarted dispatcher (a new process) finds nothing left to announce or send.
    _dispatcher(db, clock).tick()
    dispatcher.tick()

    due = receiver.of_type("step.due")
    assert [r.json["data"]["step"]["id"] for r in due] == [step.id]
    delivery = due[0]
    assert delivery.verified_with == [world.endpoint.secret]
    data = delivery.json["data"]
    assert data["interview_id"] == str(changed.interview.id)
    assert data["step"]["status"] == "due"
    assert data["message"]["body_text"]
    assert set(delivery.headers) >= {"webhook-id", "webhook-timestamp", "webhook-signature"}
    [message] = world.messages()
    assert (message.id, message.state, message.attempts) == (delivery.id, "delivered", 1)


def test_a_step_moved_to_a_new_window_is_announced_again(
    db: Database, receiver: Receiver, body: dict[str, Any]
) -> None:
    world = World(db, receiver, events=["step.due"])
    changed = world.interview(body)
    step = _first_step(changed)
    clock = Clock(step.window.earliest + timedelta(minutes=1))
    dispatcher = _dispatcher(db, clock)
    dispatcher.tick()
    assert len(receiver.of_type("step.due")) == 1

    # A change that leaves the step's window where it was announces nothing new.
    world.store.update(
        account_id=world.account,
        interview_id=changed.interview.id,
        if_match='"1"',
        patch={"job_title": "Senior Data Engineer"},
    )
    # Moving the interview a week later moves every window: the step is due again then.
    later = datetime.fromisoformat(body["interview"]["starts_at"]) + timedelta(days=7)
    moved = world.store.update(
        account_id=world.account,
        interview_id=changed.interview.id,
        if_match='"2"',
        patch={"interview": {"starts_at": later.isoformat()}},
    )
    new_step = next(s for s in moved.planned.plan.steps if s.id == step.id)
    assert new_step.window.earliest > step.window.earliest
    dispatcher.tick()
    assert len(receiver.of_type("step.due")) == 1
    clock.now = new_step.window.earliest + timedelta(minutes=1)
    dispatcher.tick()
    dispatcher.tick()

    assert [r.json["data"]["step"]["window"]["earliest"] for r in receiver.of_type("step.due")] == [
        step.window.earliest.isoformat(),
        new_step.window.earliest.isoformat(),
    ]


def test_a_closed_window_is_announced_overdue(
    db: Database, receiver: Receiver, body: dict[str, Any]
) -> None:
    world = World(db, receiver, events=["step.overdue"])
    step = _first_step(world.interview(body))
    clock = Clock(step.window.latest + timedelta(minutes=1))

    _dispatcher(db, clock).tick()

    overdue = receiver.of_type("step.overdue")
    assert step.id in [r.json["data"]["step"]["id"] for r in overdue]
    assert all(r.json["data"]["step"]["status"] == "overdue" for r in overdue)


def test_a_plan_that_moves_on_unanswered_is_announced_then(
    db: Database, receiver: Receiver, body: dict[str, Any]
) -> None:
    world = World(db, receiver, events=["interview.moved_on"])
    changed = world.interview(body)
    # Every message goes out and nobody answers: then the plan knows when it moves on.
    sent = {
        StepKind.THANK_YOU: EventType.THANK_YOU_SENT,
        StepKind.FOLLOW_UP: EventType.FOLLOW_UP_SENT,
        StepKind.FINAL_FOLLOW_UP: EventType.FOLLOW_UP_SENT,
    }
    for _ in range(5):
        move_on = next(s for s in changed.planned.plan.steps if s.kind is StepKind.MOVE_ON)
        if move_on.status is not StepStatus.WAITING:
            break
        step = next(
            s
            for s in changed.planned.plan.steps
            if s.kind in sent
            and s.status in (StepStatus.DUE, StepStatus.OVERDUE, StepStatus.UPCOMING)
        )
        changed = world.store.add_event(
            account_id=world.account,
            interview_id=changed.interview.id,
            event=Event(type=sent[step.kind], at=step.send_at, contact_email=step.to[0].email),
        )
    clock = Clock(move_on.window.earliest + timedelta(minutes=1))

    _dispatcher(db, clock).tick()

    [moved] = receiver.of_type("interview.moved_on")
    assert moved.json["data"]["interview_id"] == str(changed.interview.id)
    assert moved.json["data"]["status"] == "moved_on"


def test_an_event_that_moves_the_plan_is_sent_with_before_and_after(
    db: Database, receiver: Receiver, body: dict[str, Any]
) -> None:
    world = World(db, receiver, events=["plan.changed", "interview.closed"])
    changed = world.interview(body)
    world.store.add_event(
        account_id=world.account,
        interview_id=changed.interview.id,
        event=Event(type=EventType.WITHDRAWN, at=datetime.now(UTC)),
    )

    _dispatcher(db, Clock(datetime.now(UTC))).tick()

    assert sorted(receiver.types()) == ["interview.closed", "plan.changed"]
    [changed_event] = receiver.of_type("plan.changed")
    data = changed_event.json["data"]
    assert data["before"]["status"] == "active" and data["after"]["status"] == "closed"
    assert data["change"] == "event_added"


def test_the_outbox_rolls_back_with_a_change_that_fails(
    db: Database, receiver: Receiver, body: dict[str, Any]
) -> None:
    world = World(db, receiver)

    def fail(session: Any, change: Any) -> None:
        raise RuntimeError("after the outbox was written")

    store = InterviewStore(db, default_country="US", listeners=[PushListener(), fail])
    with pytest.raises(RuntimeError):
        store.create(account_id=world.account, fields=_fields(body), events=[], as_of=None)

    with db.read() as session:
        rows = session.scalars(
            sa.select(StepSchedule).where(StepSchedule.account_id == world.account)  # type: ignore[arg-type]
        ).all()
    assert rows == []
    assert world.messages() == []


def test_delivered_at_least_once_when_a_dispatcher_dies_mid_delivery(
    db: Database, receiver: Receiver, body: dict[str, Any]
) -> None:
    world = World(db, receiver, events=["step.due"])
    step = _first_step(world.interview(body))
    clock = Clock(step.window.earliest + timedelta(minutes=1))
    first = _dispatcher(db, clock, lease=timedelta(seconds=60))
    first.announce()
    # The first dispatcher claims the message and dies before sending it (kill -9).
    with db.write() as session:
        claimed = repo.claim_webhook_messages(
            session=session, now=clock.now, lease_until=clock.now + first.lease, limit=10
        )
    assert len(claimed) == 1
    second = _dispatcher(db, clock)
    second.tick()
    assert receiver.received == []  # leased: nobody sends it twice at once

    clock.now += timedelta(seconds=61)
    second.tick()

    [delivered] = receiver.received
    assert delivered.id == claimed[0].id
    assert delivered.verified_with == [world.endpoint.secret]


def test_retries_keep_the_webhook_id_and_follow_the_schedule(
    db: Database, receiver: Receiver
) -> None:
    world = World(db, receiver)
    receiver.answers += [(500, {}, 0.0), (429, {"Retry-After": "120"}, 0.0)]
    message = world.endpoints.test(account_id=world.account, endpoint_id=world.endpoint.id)
    clock = Clock(datetime.now(UTC))
    dispatcher = _dispatcher(db, clock, retry_schedule=(0, 5, 300, 1800))

    dispatcher.tick()
    [first] = world.attempts(message.id)
    assert first.status_code == 500
    assert first.next_try_at == clock.now + timedelta(seconds=5)

    dispatcher.tick()  # not yet
    assert len(receiver.received) == 1
    clock.now += timedelta(seconds=5)
    dispatcher.tick()
    second = world.attempts(message.id)[1]
    assert second.status_code == 429
    # The schedule says 5 minutes; the receiver asked for 2: the longer wins.
    assert second.next_try_at == clock.now + timedelta(seconds=300)

    clock.now += timedelta(seconds=300)
    dispatcher.tick()

    assert [r.id for r in receiver.received] == [message.id] * 3
    assert all(r.verified_with for r in receiver.received)
    [row] = world.messages()
    assert (row.state, row.attempts, row.next_attempt_at) == ("delivered", 3, None)


def test_a_message_is_given_up_after_the_last_attempt(db: Database, receiver: Receiver) -> None:
    world = World(db, receiver)
    receiver.answers += [(500, {}, 0.0)] * 2
    message = world.endpoints.test(account_id=world.account, endpoint_id=world.endpoint.id)
    clock = Clock(datetime.now(UTC))
    dispatcher = _dispatcher(db, clock, retry_schedule=(0, 1))
    dispatcher.tick()
    clock.now += timedelta(seconds=1)
    dispatcher.tick()

    [row] = world.messages()
    assert (row.state, row.attempts, row.next_attempt_at) == ("failed", 2, None)
    assert [a.next_try_at for a in world.attempts(message.id)][-1] is None

    # A manual retry sends it again, with the same id.
    world.endpoints.retry(
        account_id=world.account, endpoint_id=world.endpoint.id, message_id=message.id
    )
    dispatcher.tick()
    assert [r.id for r in receiver.received] == [message.id] * 3
    assert world.messages()[0].state == "delivered"


def test_a_slow_receiver_times_out_and_is_tried_again(db: Database, receiver: Receiver) -> None:
    world = World(db, receiver)
    receiver.answers.append((200, {}, 1.5))
    message = world.endpoints.test(account_id=world.account, endpoint_id=world.endpoint.id)
    clock = Clock(datetime.now(UTC))
    dispatcher = _dispatcher(db, clock, timeout=0.5)

    dispatcher.tick()
    [attempt] = world.attempts(message.id)
    assert attempt.status_code is None and "timed out" in (attempt.error or "")
    clock.now += timedelta(seconds=5)
    dispatcher.tick()

    assert world.messages()[0].state == "delivered"


def test_gone_turns_the_endpoint_off(db: Database, receiver: Receiver) -> None:
    world = World(db, receiver)
    receiver.answers.append((410, {}, 0.0))
    world.endpoints.test(account_id=world.account, endpoint_id=world.endpoint.id)

    _dispatcher(db, Clock(datetime.now(UTC))).tick()

    endpoint = world.endpoints.get(account_id=world.account, endpoint_id=world.endpoint.id)
    assert not endpoint.enabled
    assert "410" in (endpoint.disabled_reason or "")
    assert world.messages()[0].state == "failed"


def test_an_endpoint_failing_for_days_is_turned_off(db: Database, receiver: Receiver) -> None:
    world = World(db, receiver)
    receiver.answers += [(500, {}, 0.0)] * 3
    world.endpoints.test(account_id=world.account, endpoint_id=world.endpoint.id)
    clock = Clock(datetime.now(UTC))
    dispatcher = _dispatcher(db, clock, disable_after=timedelta(days=5))
    dispatcher.tick()
    clock.now += timedelta(days=5)
    world.endpoints.test(account_id=world.account, endpoint_id=world.endpoint.id)
    dispatcher.tick()

    endpoint = world.endpoints.get(account_id=world.account, endpoint_id=world.endpoint.id)
    assert not endpoint.enabled
    assert "failed since" in (endpoint.disabled_reason or "")


def test_after_a_rotation_both_secrets_sign_for_a_day(db: Database, receiver: Receiver) -> None:
    world = World(db, receiver)
    old = world.endpoint.secret
    rotated = world.endpoints.rotate_secret(account_id=world.account, endpoint_id=world.endpoint.id)
    receiver.secrets.append(rotated.secret)
    assert rotated.secret != old
    world.endpoints.test(account_id=world.account, endpoint_id=world.endpoint.id)

    _dispatcher(db, Clock(datetime.now(UTC))).tick()

    [delivery] = receiver.received
    assert delivery.verified_with == [old, rotated.secret]
    assert len(delivery.headers["webhook-signature"].split(" ")) == 2


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        ("120", 120),
        (None, None),
        ("soon", None),
        ("999999", 86400),
        ("Thu, 01 Jan 2026 00:00:00 GMT", 0),
    ],
)
def test_retry_after(value: str | None, seconds: int | None) -> None:
    wait = retry_after(value, datetime.now(UTC))
    assert (wait.total_seconds() if wait is not None else None) == seconds


@pytest.mark.postgres
def test_two_dispatchers_racing_announce_each_step_once(
    postgres_url: str, receiver: Receiver, body: dict[str, Any]
) -> None:
    """Two dispatchers, each with its own engine (as two processes), tick at the same time
    over 40 interviews' due steps: every step.due arrives once, no id twice."""
    db = Database(postgres_url, pool_size=10)
    try:
        world = World(db, receiver, events=["step.due"])
        steps = [_first_step(world.interview(body)) for _ in range(40)]
        clock = Clock(max(s.window.earliest for s in steps) + timedelta(minutes=1))
        engines = [Database(postgres_url, pool_size=10) for _ in range(2)]
        dispatchers = [_dispatcher(e, clock, batch=5, concurrency=4) for e in engines]
        start = threading.Barrier(2)

        def run(dispatcher: Dispatcher) -> None:
            start.wait()
            for _ in range(20):
                dispatcher.tick()

        threads = [threading.Thread(target=run, args=(d,)) for d in dispatchers]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        for engine in engines:
            engine.dispose()

        due = receiver.of_type("step.due")
        announced = Counter(
            (r.json["data"]["interview_id"], r.json["data"]["step"]["id"]) for r in due
        )
        assert len(announced) == 40
        assert set(announced.values()) == {1}
        assert len({r.id for r in due}) == len(due) == 40
        assert all(r.verified_with for r in due)
    finally:
        db.dispose()


def test_an_answer_dripped_slowly_is_cut_at_the_total_timeout() -> None:
    """Each byte comes well within the time per read; the attempt still ends on time."""
    listener = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()

    def drip() -> None:
        connection, _ = listener.accept()
        with connection:
            connection.recv(65536)
            for byte in b"HTTP/1.1 200 OK\r\nX-Slow: " + b"a" * 100:
                if stop.wait(0.1):
                    return
                try:
                    connection.sendall(bytes([byte]))
                except OSError:
                    return

    thread = threading.Thread(target=drip)
    thread.start()
    sender = HttpSender(allow_private=True, timeout=1.0)
    try:
        began = time.monotonic()
        outcome = sender.send(f"http://127.0.0.1:{listener.getsockname()[1]}/hooks", {}, b"{}")
        took = time.monotonic() - began
    finally:
        stop.set()
        sender.close()
        thread.join(5)
        listener.close()

    assert outcome.status_code is None and "timed out" in (outcome.error or "")
    assert took < 2.0


def test_a_slow_receiver_holds_up_no_other(db: Database, body: dict[str, Any]) -> None:
    """A running dispatcher keeps claiming while an attempt waits on a slow receiver."""
    with receiving() as slow, receiving() as fast:
        slow_world, fast_world = World(db, slow), World(db, fast)
        slow.answers.append((200, {}, 3.0))
        dispatcher = _dispatcher(db, Clock(datetime.now(UTC)), timeout=10.0)
        dispatcher.clock = lambda: datetime.now(UTC)  # running: the true time
        dispatcher.start()
        try:
            slow_world.endpoints.test(
                account_id=slow_world.account, endpoint_id=slow_world.endpoint.id
            )
            assert slow.wait_for(1, timeout=10)
            sent = time.monotonic()
            fast_world.endpoints.test(
                account_id=fast_world.account, endpoint_id=fast_world.endpoint.id
            )
            assert fast.wait_for(1, timeout=10)
            took = time.monotonic() - sent
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline and slow_world.messages()[0].state != "delivered":
                time.sleep(0.05)
        finally:
            dispatcher.stop()

    assert took < 2.0  # not the 3 s the slow receiver takes
    assert slow_world.messages()[0].state == "delivered"
