"""``followup worker`` as a process: killed with SIGKILL mid-delivery, the message is delivered
after a restart, with the same ``webhook-id``; SIGTERM stops it cleanly."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from app.db import migrations
from app.db.models import WebhookMessage
from app.db.session import Database
from app.services.keys import KeyVerifier, issue_key
from app.services.webhook_endpoints import WebhookEndpoints
from tests.webhook_receiver import receiving

FOLLOWUP = str(Path(sys.executable).parent / "followup")


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
        "WEBHOOK_TIMEOUT_SECONDS": "2",  # a claim's lease: 2 x 2 + 5 = 9 s
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
