"""Graceful shutdown: a request in flight at SIGTERM still completes, then the process exits 0.

No clock decides anything: the slow route tells the test when it has started (over a loopback
socket) and waits for the test's word to finish, which comes only once the server's log says it
is draining.
"""

from __future__ import annotations

import signal
import socket
import sys
import threading
import time
from pathlib import Path

import httpx

from tests.contract.server import free_port, running

DRAINING = "Waiting for connections to close"


def _wait_for_line(log: Path, line: str, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while line not in log.read_text():
        assert time.monotonic() < deadline, f"no {line!r} in the log:\n{log.read_text()}"
        time.sleep(0.01)


def test_a_slow_request_in_flight_at_sigterm_completes(tmp_path: Path) -> None:
    port = free_port()
    command = [sys.executable, "-m", "tests.contract.slow_app", str(port)]
    with socket.create_server(("127.0.0.1", 0)) as signals:
        signals.settimeout(20)
        env = {"SLOW_APP_SIGNAL_PORT": str(signals.getsockname()[1])}
        with running(command, port, tmp_path, env=env) as (process, base_url):
            answers: list[httpx.Response] = []
            request = threading.Thread(
                target=lambda: answers.append(httpx.get(f"{base_url}/slow", timeout=20))
            )
            request.start()
            route, _ = signals.accept()
            with route:
                assert route.makefile("rb").readline() == b"started\n"

                process.send_signal(signal.SIGTERM)
                _wait_for_line(tmp_path / "server.log", DRAINING)
                assert not answers, "the request ended before the server began to drain"
                route.sendall(b"go\n")
                request.join(timeout=20)
            code = process.wait(timeout=20)

    assert answers, "the slow request got no answer"
    assert answers[0].status_code == 200
    assert answers[0].json() == {"status": "finished"}
    assert code == 0, (tmp_path / "server.log").read_text()
