"""Webhook deliveries per second to a receiver on loopback, with one and with two dispatchers.

``count`` ping messages are written to the outbox of one endpoint at once; then dispatchers (in
this process, each with its own engine, as two ``followup worker`` processes would have) tick
until the outbox is empty, each attempt signed and sent over HTTP to a small threaded server on
127.0.0.1 that answers 204. The figure is messages delivered per second of wall time: claiming,
signing, sending, and recording each attempt. The receiver, in the same process and on the same
two cores, is part of what is measured: read the figure as this machine's, not a ceiling.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from _common import Figure

from app.db import migrations
from app.db import repositories as repo
from app.db.models import Account, WebhookMessage
from app.db.session import Database
from app.services.webhook_dispatch import Dispatcher
from app.services.webhook_endpoints import WebhookEndpoints
from app.services.webhook_events import PING, body, new_message_id
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
        while time.monotonic() < stop and dispatcher.deliver():
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
    print_table(found)
