"""Graceful shutdown: a request in flight at SIGTERM still completes, then the process exits 0."""

from __future__ import annotations

import signal
import sys
import threading
import time
from pathlib import Path

import httpx

from tests.contract.server import free_port, running


def test_a_slow_request_in_flight_at_sigterm_completes(tmp_path: Path) -> None:
    port = free_port()
    command = [sys.executable, "-m", "tests.contract.slow_app", str(port)]
    with running(command, port, tmp_path) as (process, base_url):
        answers: list[httpx.Response] = []
        request = threading.Thread(
            target=lambda: answers.append(httpx.get(f"{base_url}/slow", timeout=20))
        )
        started = time.monotonic()
        request.start()
        time.sleep(0.5)  # the request is in the server now, sleeping

        process.send_signal(signal.SIGTERM)
        request.join(timeout=20)
        code = process.wait(timeout=20)

    assert answers, "the slow request got no answer"
    assert answers[0].status_code == 200
    assert answers[0].json() == {"status": "finished"}
    assert time.monotonic() - started >= 2
    assert code == 0, (tmp_path / "server.log").read_text()
    assert "Waiting for connections to close" in (tmp_path / "server.log").read_text()
