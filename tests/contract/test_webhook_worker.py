"""``followup worker`` as a process: killed with SIGKILL mid-delivery, the message is delivered
after a restart, with the same ``webhook-id``; SIGTERM stops it cleanly."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import orjson
import pytest
import sqlalchemy as sa

from app.api.schemas import PlanRequest
from app.db import migrations
from app.db.models import StepSchedule, WebhookMessage
from app.db.session import Database
from app.domain.model import StepStatus
from app.services.document.codec import DocumentCodec
from app.services.interviews import InterviewStore
from app.services.keys import KeyVerifier, issue_key
from app.services.planning import plan_only
from app.services.webhook_endpoints import WebhookEndpoints
from app.services.webhook_events import PushListener
from tests.conftest import fresh_postgres_database
from tests.webhook_receiver import receiving

FOLLOWUP = str(Path(sys.executable).parent / "followup")
#: Interviews with a step due now, for two workers to share.
_INTERVIEWS = 120


@pytest.fixture
def database(tmp_path: Path) -> Iterator[tuple[str, Database]]:
    url = f"sqlite:///{tmp_path / 'worker.db'}"
    db = Database(url)
    migrations.upgrade(db.engine)
    yield url, db
    db.dispose()


def _worker(url: str) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "WEBHOOK_ALLOW_PRIVATE": "true",
        "WEBHOOK_TIMEOUT_SECONDS": "1",  # a claim's lease: 1 x 2 + 5 = 7 s
        "DISPATCH_INTERVAL_SECONDS": "0.2",
        "LOG_LEVEL": "warning",
    }
    return subprocess.Popen(  # noqa: S603 - our own console script
        [FOLLOWUP, "worker"], env=env, stdout=subprocess.DEVNULL, stderr=None
    )


def test_a_worker_killed_mid_delivery_delivers_after_a_restart(
    database: tuple[str, Database],
) -> None:
    url, db = database
    issued = issue_key(db, account=f"worker-{uuid.uuid4().hex[:8]}")
    principal = KeyVerifier(db, ttl=0).verify(issued.key)
    assert principal is not None
    with receiving() as receiver:
        endpoints = WebhookEndpoints(db, allow_private=True)
        endpoint = endpoints.create(
            account_id=principal.account_id, url=receiver.url, events=None, description=None
        )
        receiver.secrets.append(endpoint.secret)
        # The first answer takes a while: the worker is killed while it waits for it.
        receiver.answers.append((200, {}, 1.5))
        message = endpoints.test(account_id=principal.account_id, endpoint_id=endpoint.id)

        first = _worker(url)
        try:
            assert receiver.wait_for(1, timeout=60), "the first worker sent nothing"
        finally:
            first.send_signal(signal.SIGKILL)
            first.wait(10)
        assert first.returncode == -signal.SIGKILL

        second = _worker(url)
        try:
            arrived = receiver.wait_for(2, timeout=60)
            deadline = time.monotonic() + 10
            state = None
            while time.monotonic() < deadline and state != "delivered":
                with db.read() as session:
                    state = session.scalar(
                        sa.select(WebhookMessage.state).where(WebhookMessage.id == message.id)  # type: ignore[arg-type]
                    )
                time.sleep(0.1)
        finally:
            second.send_signal(signal.SIGTERM)
            second.wait(20)

    assert [r.id for r in arrived] == [message.id, message.id]
    assert all(r.verified_with == [endpoint.secret] for r in arrived)
    assert state == "delivered"
    assert second.returncode == 0


def _request(body: dict[str, Any]) -> PlanRequest:
    return PlanRequest.model_validate_json(orjson.dumps(body))


def _due_now_body(body: dict[str, Any]) -> dict[str, Any]:
    """The example, held some hours ago such that a step is due right now (real time)."""
    now = datetime.now(UTC)
    for hours in range(1, 24 * 8, 3):
        starts = (now - timedelta(hours=hours)).replace(microsecond=0)
        held = {
            **body,
            "as_of": None,
            "interview": {**body["interview"], "starts_at": starts.isoformat(), "timezone": "UTC"},
        }
        decoded = DocumentCodec(default_country="US").read(_request(held))
        plan = plan_only(facts=decoded.facts, policy=decoded.policy, as_of=now)
        if any(step.status is StepStatus.DUE for step in plan.steps):
            return held
    raise AssertionError("no hour of the last week gives a step due now")


@pytest.mark.postgres
def test_two_workers_on_postgresql_deliver_every_due_step_once(body: dict[str, Any]) -> None:
    """Two ``followup worker`` processes share one outbox: every step.due of 120 interviews
    arrives, each once, and no webhook-id is ever in flight twice at once."""
    with fresh_postgres_database("workers") as url:
        db = Database(url, pool_size=2)
        migrations.upgrade(db.engine)
        try:
            issued = issue_key(db, account=f"workers-{uuid.uuid4().hex[:8]}")
            principal = KeyVerifier(db, ttl=0).verify(issued.key)
            assert principal is not None
            store = InterviewStore(db, default_country="US", listeners=[PushListener()])
            held = _request(_due_now_body(body))
            with receiving() as receiver:
                endpoint = WebhookEndpoints(db, allow_private=True).create(
                    account_id=principal.account_id,
                    url=receiver.url,
                    events=["step.due"],
                    description=None,
                )
                receiver.secrets.append(endpoint.secret)
                for _ in range(_INTERVIEWS):
                    store.create(
                        account_id=principal.account_id, fields=held, events=[], as_of=None
                    )
                with db.read() as session:
                    due = session.scalar(
                        sa.select(sa.func.count())
                        .select_from(StepSchedule)
                        .where(
                            StepSchedule.fire_at <= datetime.now(UTC)  # type: ignore[arg-type,operator]
                        )
                    )
                workers = [_worker(url), _worker(url)]
                try:
                    arrived = receiver.wait_for(_INTERVIEWS, timeout=120)
                    time.sleep(1)  # anything sent twice would arrive now
                    arrived = receiver.wait_for(10**6, timeout=0)
                finally:
                    for worker in workers:
                        worker.send_signal(signal.SIGTERM)
                    for worker in workers:
                        worker.wait(30)
        finally:
            db.dispose()

    assert due and due >= _INTERVIEWS
    steps = Counter((r.json["data"]["interview_id"], r.json["data"]["step"]["id"]) for r in arrived)
    assert len(steps) == _INTERVIEWS and set(steps.values()) == {1}
    assert len({r.id for r in arrived}) == len(arrived) == _INTERVIEWS
    assert all(r.verified_with == [endpoint.secret] for r in arrived)
    assert receiver.overlapped == []
    assert [w.returncode for w in workers] == [0, 0]
