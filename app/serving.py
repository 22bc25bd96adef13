"""uvicorn's HTTP protocol with a bounded request head: its size and the time it takes to arrive.

uvicorn bounds neither with httptools (the faster parser it picks): a client may send
megabytes of headers, or open a connection and send a request head a byte at a time, and hold
the connection open as long as it likes (slowloris). Its keep-alive timeout covers only the
quiet time between two requests. :class:`BoundedHttpToolsProtocol` adds what a front server
such as nginx does (``large_client_header_buffers``, ``client_header_timeout``):

- a head (request line and headers) over ``max_header_bytes`` is answered 431 and the
  connection closed; no more of it is read than one socket read beyond the limit;
- a head not complete ``header_timeout_seconds`` after the connection opened, or after the
  first byte of a later request on it arrived, is answered 408 and the connection closed.

Neither answer reaches the app: it is the server refusing a request it never finished
reading. ``followup serve`` passes the class to uvicorn by its import path, so every worker
process loads it; the limits come from the settings.
"""

from __future__ import annotations

import asyncio
from typing import Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from app.settings import get_settings

PROTOCOL = "app.serving:BoundedHttpToolsProtocol"


def _refusal(status: bytes, reason: str) -> bytes:
    body = reason.encode("ascii")
    return b"".join(
        (
            b"HTTP/1.1 " + status + b"\r\n",
            b"content-type: text/plain; charset=utf-8\r\n",
            b"content-length: " + str(len(body)).encode("ascii") + b"\r\n",
            b"connection: close\r\n\r\n",
            body,
        )
    )


class BoundedHttpToolsProtocol(HttpToolsProtocol):
    """httptools' protocol, refusing request heads that are too large (431) or too slow (408)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        settings = get_settings()
        self.max_header_bytes = settings.max_header_bytes
        self.header_timeout = settings.header_timeout_seconds
        self._reading_head = True
        self._head_received = 0  # raw bytes since this head began (may include some body)
        self._head_size = 0  # the head's parsed bytes: request target, names and values
        self._head_deadline: asyncio.TimerHandle | None = None
        self._refused = False

    # -- the deadline ----------------------------------------------------------------------

    def _arm(self) -> None:
        if self._head_deadline is None:
            self._head_deadline = self.loop.call_later(self.header_timeout, self._head_too_slow)

    def _disarm(self) -> None:
        if self._head_deadline is not None:
            self._head_deadline.cancel()
            self._head_deadline = None

    def _head_too_slow(self) -> None:
        self._head_deadline = None
        if self._reading_head and not self._refused:
            if self._head_received:
                self._refuse(b"408 Request Timeout", "The request head took too long to arrive.")
            else:
                # A connection that never sent a byte gets no answer, only closed.
                self._refused = True
                self.transport.close()

    def _refuse(self, status: bytes, reason: str) -> None:
        self._refused = True
        self._disarm()
        self.logger.warning("%s: %s", status.decode("ascii"), reason)
        if not self.transport.is_closing():
            self.transport.write(_refusal(status, reason))
            self.transport.close()

    def _too_large(self) -> None:
        self._refuse(
            b"431 Request Header Fields Too Large",
            f"The request head is larger than {self.max_header_bytes} bytes.",
        )

    # -- uvicorn's protocol ----------------------------------------------------------------

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        if self._refused:
            return
        if self._reading_head:
            self._head_received += len(data)
        super().data_received(data)
        # Still inside the head after this read: it alone is over the limit.
        if self._reading_head and self._head_received > self.max_header_bytes:
            self._too_large()

    def on_message_begin(self) -> None:
        if self._refused:
            return
        self._reading_head = True
        self._head_size = 0
        self._arm()
        super().on_message_begin()

    def on_url(self, url: bytes) -> None:
        if self._refused:
            return
        self._head_size += len(url)
        super().on_url(url)

    def on_header(self, name: bytes, value: bytes) -> None:
        if self._refused:
            return
        self._head_size += len(name) + len(value) + 4
        super().on_header(name, value)

    def on_headers_complete(self) -> None:
        if self._refused:
            return
        self._reading_head = False
        self._head_received = 0
        self._disarm()
        if self._head_size > self.max_header_bytes:
            self._too_large()
            return
        super().on_headers_complete()

    def on_body(self, body: bytes) -> None:
        if not self._refused:
            super().on_body(body)

    def on_message_complete(self) -> None:
        if self._refused:
            return
        super().on_message_complete()
        self._reading_head = True
