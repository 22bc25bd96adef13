"""Sending one webhook attempt over HTTP (httpx), connecting only to addresses checked then.

The one module below the web layer that speaks HTTP (``pyproject.toml`` allows it by name):
the dispatcher needs a client, and nothing about it belongs to the web layer. The dispatcher
sees only :class:`Sender` and :class:`Outcome`, so tests may give it another sender.

Each connection resolves the host itself and refuses any address that is not public before
connecting (:func:`app.services.webhook_targets.resolve_public`); TLS still checks the
certificate against the host name. Redirects are not followed, at most 4 KiB of an answer is
read, and an attempt has a total time, connect to last byte, not only a time per read.
"""

from __future__ import annotations

import ssl
import threading
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

import httpcore
import httpx

from app.services.webhook_targets import resolve_public

#: How much of an answer is read (and kept as the attempt's error text, cut shorter).
MAX_ANSWER_BYTES = 4096


@dataclass(frozen=True, slots=True)
class Outcome:
    """What one attempt came to: a status, or an error before one arrived."""

    status_code: int | None
    duration_ms: int
    error: str | None = None
    retry_after: str | None = None

    @property
    def delivered(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


class Sender(Protocol):
    def send(self, url: str, headers: Mapping[str, str], content: bytes) -> Outcome: ...

    def close(self) -> None: ...


#: When the attempt running on this thread must be over (httpx has no total timeout of its own).
_deadline = threading.local()


class _DeadlineStream(httpcore.NetworkStream):
    """A connection whose every read and write waits no longer than the attempt has left, so
    an answer dripped a byte at a time cannot hold a dispatcher past its lease."""

    def __init__(self, stream: httpcore.NetworkStream) -> None:
        self._stream = stream

    @staticmethod
    def _left(timeout: float | None, error: type[Exception]) -> float | None:
        deadline: float | None = getattr(_deadline, "at", None)
        if deadline is None:
            return timeout
        left = deadline - time.monotonic()
        if left <= 0:
            raise error("the attempt's total time ran out")
        return left if timeout is None else min(timeout, left)

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._stream.read(max_bytes, self._left(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, self._left(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._stream.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        wait = self._left(timeout, httpcore.ConnectTimeout)
        return _DeadlineStream(self._stream.start_tls(ssl_context, server_hostname, wait))

    def get_extra_info(self, info: str) -> Any:
        return self._stream.get_extra_info(info)


class _CheckedBackend(httpcore.SyncBackend):
    """Connects to the host's addresses only after each is found public (DNS rebinding)."""

    def __init__(self, *, allow_private: bool) -> None:
        self.allow_private = allow_private

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        try:
            addresses = resolve_public(host, port, allow_private=self.allow_private)
        except PermissionError as exc:
            raise httpcore.ConnectError(str(exc)) from None
        except OSError as exc:
            raise httpcore.ConnectError(f"{host} does not resolve: {exc}") from None
        error: Exception | None = None
        for address in addresses:
            try:
                return _DeadlineStream(
                    super().connect_tcp(
                        address, port, timeout, local_address, socket_options=socket_options
                    )
                )
            except httpcore.ConnectError as exc:
                error = exc
        raise error or httpcore.ConnectError(f"{host} has no address")


class HttpSender:
    """Attempts over one pool of keep-alive connections, shared by the dispatcher's threads."""

    def __init__(
        self,
        *,
        connect_timeout: float = 5.0,
        timeout: float = 15.0,
        allow_private: bool = False,
        max_connections: int = 64,
    ) -> None:
        transport = httpx.HTTPTransport(limits=httpx.Limits(max_connections=max_connections))
        # httpx takes no network backend of its own: its pool is rebuilt with the checked one.
        transport._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(),
            max_connections=max_connections,
            network_backend=_CheckedBackend(allow_private=allow_private),
        )
        self.client = httpx.Client(
            transport=transport,
            timeout=httpx.Timeout(timeout, connect=connect_timeout),
            follow_redirects=False,
            # No proxy from the environment: it would connect where no address was checked.
            trust_env=False,
            headers={"User-Agent": "followup-planner-webhooks/1"},
        )
        self.timeout = timeout

    def send(self, url: str, headers: Mapping[str, str], content: bytes) -> Outcome:
        started = time.perf_counter()
        _deadline.at = time.monotonic() + self.timeout
        try:
            with self.client.stream("POST", url, headers=dict(headers), content=content) as answer:
                read = 0
                for chunk in answer.iter_raw():
                    read += len(chunk)
                    if read >= MAX_ANSWER_BYTES:
                        break
                return Outcome(
                    status_code=answer.status_code,
                    duration_ms=_ms(started),
                    error=None if answer.is_success else f"answered {answer.status_code}",
                    retry_after=answer.headers.get("Retry-After"),
                )
        except httpx.TimeoutException as exc:
            return Outcome(None, _ms(started), f"timed out ({type(exc).__name__})")
        except httpx.HTTPError as exc:
            return Outcome(None, _ms(started), f"{type(exc).__name__}: {exc}"[:500])
        finally:
            _deadline.at = None

    def close(self) -> None:
        self.client.close()


def _ms(started: float) -> int:
    return int((time.perf_counter() - started) * 1000)
