"""A real HTTP receiver on 127.0.0.1 for webhook tests, verifying as an integrator would.

Each delivery is checked with the ``standardwebhooks`` library and the endpoint's secret(s),
exactly as its documentation tells an integrator to; what arrived, and whether it verified,
is kept for the test to read.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from standardwebhooks import Webhook
from standardwebhooks.webhooks import WebhookVerificationError


@dataclass
class Received:
    headers: dict[str, str]
    body: bytes
    verified_with: list[str]

    @property
    def id(self) -> str:
        return self.headers["webhook-id"]

    @property
    def json(self) -> dict[str, Any]:
        parsed: dict[str, Any] = json.loads(self.body)
        return parsed


@dataclass
class Receiver:
    """What the server received; ``answers`` decides each answer (status, headers, delay)."""

    secrets: list[str] = field(default_factory=list)
    received: list[Received] = field(default_factory=list)
    answers: list[tuple[int, dict[str, str], float]] = field(default_factory=list)
    url: str = ""
    lock: threading.Lock = field(default_factory=threading.Lock)
    #: webhook-ids being answered right now, and any that arrived while already in flight.
    in_flight: set[str] = field(default_factory=set)
    overlapped: list[str] = field(default_factory=list)

    def types(self) -> list[str]:
        with self.lock:
            return [r.json["type"] for r in self.received]

    def of_type(self, event_type: str) -> list[Received]:
        with self.lock:
            return [r for r in self.received if r.json["type"] == event_type]

    def wait_for(self, count: int, timeout: float = 10.0) -> list[Received]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                if len(self.received) >= count:
                    return list(self.received)
            time.sleep(0.02)
        with self.lock:
            return list(self.received)


def _handler(receiver: Receiver) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 - http.server's name
            length = int(self.headers.get("Content-Length", "0"))
            body = self.rfile.read(length)
            headers = {k.lower(): v for k, v in self.headers.items()}
            verified = []
            for secret in receiver.secrets:
                try:
                    Webhook(secret).verify(body, headers)
                    verified.append(secret)
                except WebhookVerificationError:
                    pass
            ident = headers.get("webhook-id", "")
            with receiver.lock:
                status, extra, delay = (
                    receiver.answers.pop(0) if receiver.answers else (200, {}, 0.0)
                )
                receiver.received.append(Received(headers, body, verified))
                if ident in receiver.in_flight:
                    receiver.overlapped.append(ident)
                receiver.in_flight.add(ident)
            if delay:
                time.sleep(delay)
            try:
                self.send_response(status)
                for name, value in extra.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"ok")
            except (BrokenPipeError, ConnectionResetError):
                pass  # the sender gave up waiting (a timeout) or was killed
            finally:
                with receiver.lock:
                    receiver.in_flight.discard(ident)

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
            pass

    return Handler


@contextmanager
def receiving() -> Iterator[Receiver]:
    """A receiver listening on a free loopback port until the block ends."""
    receiver = Receiver()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(receiver))
    server.daemon_threads = True
    receiver.url = f"http://127.0.0.1:{server.server_address[1]}/hooks"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield receiver
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
