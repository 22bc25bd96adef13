"""Webhooks: deliveries per second to a receiver on loopback (one and two dispatchers), and the
cost of finding what falls due among many scheduled steps, with due-to-delivered latency.

``count`` ping messages are written to the outbox of one endpoint at once; then dispatchers (in
this process, each with its own engine, as two ``followup worker`` processes would have) tick
until the outbox is empty, each attempt signed and sent over HTTP to a small threaded server on
127.0.0.1 that answers 204. The figure is messages delivered per second of wall time: claiming,
signing, sending, and recording each attempt. The receiver, in the same process and on the same
two cores, is part of what is measured: read the figure as this machine's, not a ceiling.

:func:`announcements`: ``stored`` interviews each with a step scheduled days ahead (rows written
straight into the tables: their plans are never read), then ``due`` real interviews whose step
opens within the next 20 seconds. The figures: one idle tick of the schedule scan (nothing due,
everything stored: it must not grow with ``stored``), and for each due step the time from the
moment it opens to its delivery at the receiver (p50, p99), with a dispatcher ticking every
second as ``followup serve`` does.
"""

from __future__ import annotations

import statistics
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import orjson
import sqlalchemy as sa
from _common import EXAMPLE, Figure

from app.api.schemas import PlanRequest
from app.db import migrations
from app.db import repositories as repo
from app.db.models import Account, Interview, StepSchedule, WebhookMessage
from app.db.session import Database
from app.services.interviews import Changed, InterviewStore
from app.services.webhook_dispatch import Dispatcher
from app.services.webhook_endpoints import WebhookEndpoints
from app.services.webhook_events import PING, PushListener, body, new_message_id
from app.services.webhook_transport import HttpSender


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as a real receiver would

    def do_POST(self) -> None:  # noqa: N802 - http.server's name
        self.rfile.read(int(self.headers.get("Content-Length", "0")))
        self.server.count += 1  # type: ignore[attr-defined]
        self.send_response(204)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass


@contextmanager
def _receiver() -> Iterator[tuple[str, ThreadingHTTPServer]]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    server.count = 0  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/hooks", server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def _fill_outbox(db: Database, url: str, count: int) -> None:
    with db.write() as session:
        account = Account(name=f"bench-hooks-{uuid.uuid4().hex[:8]}")
        session.add(account)
        session.flush()
        account_id = account.id
    endpoint = WebhookEndpoints(db, allow_private=True).create(
        account_id=account_id, url=url, events=None, description="bench"
    )
    now = datetime.now(UTC)
    rows = [
        WebhookMessage(
            id=new_message_id(),
            account_id=account_id,
            endpoint_id=endpoint.id,
            type=PING,
            payload=body(PING, now, {"endpoint_id": endpoint.id, "serial": serial}),
            next_attempt_at=now,
            created_at=now,
        )
        for serial in range(count)
    ]
    with db.write() as session:
        repo.add_webhook_messages(session=session, rows=rows)


def _run(url: str, dispatchers: int, deadline_s: float) -> float:
    """Seconds until the outbox is empty, with ``dispatchers`` ticking at once."""
    engines = [Database(url, pool_size=12) for _ in range(dispatchers)]
    workers = [
        Dispatcher(e, sender=HttpSender(allow_private=True), concurrency=8, batch=64)
        for e in engines
    ]
    stop = time.monotonic() + deadline_s

    def drain(dispatcher: Dispatcher) -> None:
        while time.monotonic() < stop and dispatcher.tick():
            pass

    threads = [threading.Thread(target=drain, args=(w,)) for w in workers]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    for worker, engine in zip(workers, engines, strict=True):
        worker.stop()
        engine.dispose()
    return elapsed


def deliveries(figures: list[Figure], database_url: str, *, label: str, count: int) -> None:
    """Deliveries per second to a loopback receiver, one dispatcher then two."""
    db = Database(database_url)
    migrations.upgrade(db.engine)
    try:
        for dispatchers in (1, 2):
            with _receiver() as (url, server):
                _fill_outbox(db, url, count)
                elapsed = _run(database_url, dispatchers, deadline_s=120)
                delivered = server.count  # type: ignore[attr-defined]
            figures.append(
                Figure(
                    f"webhooks, {label}: deliveries/s, {dispatchers} dispatcher(s)",
                    f"{delivered / elapsed:.0f} ({delivered} of {count} in {elapsed:.1f} s)",
                )
            )
    finally:
        db.dispose()


class _Timed(BaseHTTPRequestHandler):
    """Notes when each step.due arrives."""

    def do_POST(self) -> None:  # noqa: N802 - http.server's name
        data = orjson.loads(self.rfile.read(int(self.headers.get("Content-Length", "0"))))
        if data["type"] == "step.due":
            self.server.arrivals.append((time.time(), data["data"]["interview_id"]))  # type: ignore[attr-defined]
        self.send_response(204)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass


def _stored_rows(db: Database, account_id: uuid.UUID, count: int) -> None:
    """``count`` interviews with one step scheduled 1 to 30 days ahead, in bulk."""
    facts = orjson.loads(EXAMPLE.read_bytes())
    now = datetime.now(UTC)
    for start in range(0, count, 10_000):
        chunk = range(start, min(count, start + 10_000))
        interviews = [
            {
                "id": uuid.uuid4(),
                "account_id": account_id,
                "version": 1,
                "facts": facts,
                "company": "Acme Corp",
                "company_key": "acme corp",
                "created_at": now,
                "updated_at": now,
            }
            for _ in chunk
        ]
        with db.write() as session:
            session.execute(sa.insert(Interview), interviews)
            session.execute(
                sa.insert(StepSchedule),
                [
                    {
                        "id": uuid.uuid4(),
                        "account_id": account_id,
                        "interview_id": row["id"],
                        "step_id": "follow_up",
                        "kind": "due",
                        "step_at": now + timedelta(days=1 + serial % 30),
                        "fire_at": now + timedelta(days=1 + serial % 30),
                        "version": 1,
                    }
                    for serial, row in zip(chunk, interviews, strict=True)
                ],
            )


def _due_soon(store: InterviewStore, account_id: uuid.UUID, count: int) -> None:
    """``count`` interviews whose first step is due now; their schedule is then moved so the
    steps open one after another over the next 20 seconds."""
    example = orjson.loads(EXAMPLE.read_bytes())
    now = datetime.now(UTC)
    for hours in range(1, 24 * 8, 3):
        starts = (now - timedelta(hours=hours)).replace(microsecond=0)
        held = {
            **example,
            "as_of": None,
            "interview": {
                **example["interview"],
                "starts_at": starts.isoformat(),
                "timezone": "UTC",
            },
        }
        fields = PlanRequest.model_validate_json(orjson.dumps(held))
        created = store.create(account_id=account_id, fields=fields, events=[], as_of=None)
        assert isinstance(created, Changed)
        if any(step.status.value == "due" for step in created.planned.plan.steps):
            break
    for _ in range(count - 1):
        store.create(account_id=account_id, fields=fields, events=[], as_of=None)


def announcements(
    figures: list[Figure], database_url: str, *, label: str, stored: int, due: int
) -> None:
    """The schedule scan's idle tick among ``stored`` interviews, and due-to-delivered latency."""
    db = Database(database_url, pool_size=12)
    migrations.upgrade(db.engine)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Timed)
    server.daemon_threads = True
    server.arrivals = []  # type: ignore[attr-defined]
    listening = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    listening.start()
    try:
        with db.write() as session:
            account = Account(name=f"bench-due-{uuid.uuid4().hex[:8]}")
            session.add(account)
            session.flush()
            account_id = account.id
        _stored_rows(db, account_id, stored)
        dispatcher = Dispatcher(db, sender=HttpSender(allow_private=True), interval=1.0)
        samples = []
        for _ in range(30):
            began = time.perf_counter()
            dispatcher.announce()
            samples.append((time.perf_counter() - began) * 1000)
        figures.append(
            Figure(
                f"webhooks, {label}: idle schedule scan, {stored:,} stored (ms, p50)",
                f"{statistics.median(samples):.2f}",
            )
        )
        store = InterviewStore(db, default_country="US", listeners=[PushListener()])
        _due_soon(store, account_id, due)
        WebhookEndpoints(db, allow_private=True).create(
            account_id=account_id,
            url=f"http://127.0.0.1:{server.server_address[1]}/hooks",
            events=["step.due"],
            description="bench",
        )
        # Each due step opens at its own moment over the next 20 seconds.
        opens: dict[str, float] = {}
        start = datetime.now(UTC) + timedelta(seconds=2)
        with db.write() as session:
            rows = session.scalars(
                sa.select(StepSchedule).where(
                    StepSchedule.fire_at <= datetime.now(UTC),  # type: ignore[arg-type,operator]
                    StepSchedule.kind == "due",  # type: ignore[arg-type]
                )
            ).all()
            for serial, row in enumerate(rows):
                moment = start + timedelta(seconds=20 * serial / max(1, len(rows)))
                row.fire_at = moment
                opens[str(row.interview_id)] = moment.timestamp()
        dispatcher.start()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and len(server.arrivals) < len(opens):  # type: ignore[attr-defined]
            time.sleep(0.2)
        dispatcher.stop()
        latencies = sorted(
            (at - opens[interview]) * 1000
            for at, interview in server.arrivals  # type: ignore[attr-defined]
            if interview in opens
        )
        if latencies:
            p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
            figures.append(
                Figure(
                    f"webhooks, {label}: due to delivered, {len(latencies)} steps (ms, p50/p99)",
                    f"{statistics.median(latencies):.0f} / {p99:.0f}",
                    "p99 < 15000",
                    "yes" if p99 < 15_000 and len(latencies) == len(opens) else "NO",
                )
            )
    finally:
        server.shutdown()
        server.server_close()
        listening.join(5)
        db.dispose()


if __name__ == "__main__":
    import sys
    import tempfile

    from _common import print_table

    found: list[Figure] = []
    with tempfile.TemporaryDirectory() as scratch:
        deliveries(
            found,
            f"sqlite:///{Path(scratch) / 'hooks.db'}",
            label="SQLite",
            count=int(sys.argv[1]) if len(sys.argv) > 1 else 1000,
        )
        announcements(
            found,
            f"sqlite:///{Path(scratch) / 'due.db'}",
            label="SQLite",
            stored=int(sys.argv[2]) if len(sys.argv) > 2 else 100_000,
            due=int(sys.argv[3]) if len(sys.argv) > 3 else 200,
        )
    print_table(found)
