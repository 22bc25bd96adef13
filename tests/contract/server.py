"""A real uvicorn in a subprocess on a free loopback port, for tests that need one."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def running(
    command: list[str],
    port: int,
    tmp_path: Path,
    env: dict[str, str] | None = None,
    *,
    start_timeout_s: float = 30,
) -> Iterator[tuple[subprocess.Popen[bytes], str]]:
    """The server ``command`` starts on 127.0.0.1:``port``, once /healthz answers; stopped after.

    Its database is a SQLite file in ``tmp_path``; its output goes to ``server.log`` there,
    shown when it fails to start. It runs in a process group of its own, killed whole at the
    end, so the workers of a multi-worker server never outlive the test.
    """
    log = tmp_path / "server.log"
    environment = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'server.db'}",
        **(env or {}),
    }
    with log.open("wb") as output:
        process = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
            command,
            cwd=ROOT,
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    base_url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(process, base_url, log, start_timeout_s)
        yield process, base_url
    finally:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass  # the server and every worker have already gone
        process.wait(timeout=10)


def wait_for_workers(log: Path, count: int, timeout_s: float = 60) -> None:
    """Until ``count`` worker processes say their start-up is complete in the server's log.

    The first worker up answers /healthz while the others may still be starting; a test of
    what several workers share needs them all taking connections.
    """
    deadline = time.monotonic() + timeout_s
    while log.read_text().count("Application startup complete") < count:
        if time.monotonic() > deadline:
            raise RuntimeError(
                f"{count} workers did not start within {timeout_s} s:\n{log.read_text()}"
            )
        time.sleep(0.05)


def uvicorn_command(factory: str, port: int) -> list[str]:
    """uvicorn serving the app ``factory`` makes, on 127.0.0.1:``port``."""
    return [
        *(sys.executable, "-m", "uvicorn", factory, "--factory"),
        *("--host", "127.0.0.1", "--port", str(port), "--no-access-log"),
    ]


def _wait_until_up(
    process: subprocess.Popen[bytes], base_url: str, log: Path, timeout_s: float
) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode}:\n{log.read_text()}")
        try:
            if httpx.get(f"{base_url}/healthz", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"the server did not answer within {timeout_s} s:\n{log.read_text()}")
