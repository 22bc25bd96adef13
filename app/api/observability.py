"""Request ids, JSON logs and Prometheus metrics for every request.

One pure ASGI middleware, :class:`Observability`, does all three, so an access line, a metric
and an error logged deep in a route all carry the same request id:

- ``X-Request-ID``: taken from the request when it is sane (at most 128 characters of
  ``[A-Za-z0-9._-]``), else a new uuid4; kept in :data:`REQUEST_ID` while the request runs and
  sent back on every response.
- Logs: :class:`JsonFormatter` writes one JSON object a line; :func:`configure_logging` puts it
  on the root logger, :func:`uvicorn_log_config` does the same for ``followup serve`` so
  uvicorn's own lines are JSON too. Access lines come from this middleware, not uvicorn.
- Metrics: a request counter and a latency histogram labelled by method, route template
  (``/v1/interviews/{id}``, never the raw path, a 404 from a route that matched included;
  ``unmatched`` when no route matched) and status, in a registry of the app's own (tests build
  many apps in one process). With ``PROMETHEUS_MULTIPROC_DIR`` set (``followup serve
  --workers N`` sets it), every worker writes its counts to files there and ``/metrics`` sums
  them, whichever worker answers. The start-up warm-up's requests are not counted or logged.
- Headers every answer carries: ``X-Content-Type-Options: nosniff``; under ``/v1`` also
  ``Cache-Control: no-store`` (answers are one account's data); on the docs pages their
  Content-Security-Policy. Chosen per path kind once, added in the same step as the request id.
"""

from __future__ import annotations

import logging
import os
import random
import re
import sys
import time
from bisect import bisect_left
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from contextvars import ContextVar
from datetime import UTC, datetime
from itertools import accumulate
from typing import Any, TextIO

import orjson
from fastapi.routing import iter_route_contexts
from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import CounterMetricFamily, HistogramMetricFamily, Metric
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.registry import Collector
from prometheus_client.utils import floatToGoString
from starlette.routing import BaseRoute
from starlette.types import ASGIApp, Message, Receive, Scope, Send

HEADER = "X-Request-ID"
_HEADER_KEY = b"x-request-id"
_SANE_ID = re.compile(rb"[A-Za-z0-9._-]{1,128}")

#: The current request's id; None outside a request.
REQUEST_ID: ContextVar[str | None] = ContextVar("request_id", default=None)

#: Methods get a label of their own; any other (made-up) method is one label, so a client
#: cannot grow the number of series without bound.
_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
UNMATCHED = "unmatched"
#: The host the start-up warm-up calls the app by (app.main); no socket has that name.
WARM_UP_HOST = "warm-up"

access_log = logging.getLogger("app.access")

# -- logs -----------------------------------------------------------------------------------

#: Fields an access line adds to the usual ones (passed as ``extra``).
_ACCESS_FIELDS = ("method", "path", "route", "status", "duration_ms")


class JsonFormatter(logging.Formatter):
    """One JSON object a line: time, level, logger, message, request_id, and what is known.

    Access lines add method, path, route, status and duration_ms; an exception is one ``exc``
    string (the traceback), so a line never spans two.
    """

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", None) or REQUEST_ID.get(),
        }
        for field in _ACCESS_FIELDS:
            value = record.__dict__.get(field)
            if value is not None:
                entry[field] = value
        if record.exc_info:
            entry["exc"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return orjson.dumps(entry, default=str).decode()


class _StderrHandler(logging.StreamHandler[TextIO]):
    """Writes to whatever ``sys.stderr`` is at the time (as ``logging.lastResort`` does)."""

    def __init__(self) -> None:
        logging.Handler.__init__(self)

    @property
    def stream(self) -> TextIO:  # type: ignore[override]
        return sys.stderr


def configure_logging(level: str) -> None:
    """JSON lines on standard error from the root logger, at ``level``; safe to call again."""
    root = logging.getLogger()
    if not any(isinstance(handler.formatter, JsonFormatter) for handler in root.handlers):
        handler = _StderrHandler()
        handler.setFormatter(JsonFormatter())
        root.addHandler(handler)
    root.setLevel(level.upper())
    # The app's only HTTP client is its in-process warm-up: its lines would repeat ours.
    logging.getLogger("httpx").setLevel(logging.WARNING)


def uvicorn_log_config(level: str) -> dict[str, Any]:
    """uvicorn's ``log_config``: its loggers, and ours, write JSON lines through the root."""
    return {
        "version": 1,
        # Loggers made at import time (app.errors, ...) must keep working.
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": JsonFormatter}},
        "handlers": {"stderr": {"()": _StderrHandler, "formatter": "json"}},
        "root": {"handlers": ["stderr"], "level": level.upper()},
        "loggers": {
            name: {"handlers": [], "propagate": True}
            for name in ("uvicorn", "uvicorn.error", "uvicorn.access")
        },
    }


# -- metrics --------------------------------------------------------------------------------


#: Upper bounds of the latency histogram's buckets, in seconds.
_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)
_LABELS = ("method", "route", "status")
_REQUESTS_HELP = "HTTP requests answered, by method, route template and status."
_LATENCY_HELP = "Time from a request's arrival to the end of its response, in seconds."


class Metrics:
    """The service's Prometheus metrics: a request counter and a latency histogram.

    One process (one worker, every test app): each series is a list of plain numbers (count,
    sum, one count per bucket) that a request adds to, with no lock (only the event loop
    touches it) and no objects; a collector turns them into the metric families when
    scraped, from a registry of the app's own. That is a tenth of the cost of
    prometheus_client's metric objects per request, which matters on every request.

    Several workers (``PROMETHEUS_MULTIPROC_DIR`` set when the process starts):
    prometheus_client's own Counter and Histogram, which keep each value in a file of that
    folder, one per process; :meth:`exposition` sums every worker's files.
    """

    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self.multiprocess_dir = os.environ.get("PROMETHEUS_MULTIPROC_DIR") or None
        #: Counts one answered request: (method, route template, status, seconds).
        self.observe: Callable[[str, str, int, float], None]
        if self.multiprocess_dir is None:
            self._tallies: dict[tuple[str, str, int], list[float]] = {}
            self.registry.register(_Tallies(self._tallies))
            self.observe = self._tally
            return
        self.requests = Counter("http_requests", _REQUESTS_HELP, _LABELS, registry=self.registry)
        self.latency = Histogram(
            "http_request_duration_seconds",
            _LATENCY_HELP,
            _LABELS,
            registry=self.registry,
            buckets=_BUCKETS,
        )
        # Each series once: labels() takes a lock and checks its arguments on every call.
        self._series: dict[tuple[str, str, int], tuple[Any, Any]] = {}
        self.observe = self._shared

    def exposition(self) -> bytes:
        """The text exposition: this process's registry, or every worker's files summed."""
        if self.multiprocess_dir is None:
            return generate_latest(self.registry)
        registry = CollectorRegistry()
        MultiProcessCollector(registry, path=self.multiprocess_dir)  # type: ignore[no-untyped-call]
        return generate_latest(registry)

    def _tally(self, method: str, route: str, status: int, seconds: float) -> None:
        key = (method if method in _METHODS else "other", route, status)
        tally = self._tallies.get(key)
        if tally is None:
            tally = self._tallies[key] = [0.0] * (len(_BUCKETS) + 3)
        tally[0] += 1
        tally[1] += seconds
        tally[2 + bisect_left(_BUCKETS, seconds)] += 1

    def _shared(self, method: str, route: str, status: int, seconds: float) -> None:
        key = (method if method in _METHODS else "other", route, status)
        series = self._series.get(key)
        if series is None:
            labels = (key[0], route, str(status))
            series = self._series[key] = (
                self.requests.labels(*labels),
                self.latency.labels(*labels),
            )
        series[0].inc()
        series[1].observe(seconds)


class _Tallies(Collector):
    """The one-process tallies as Prometheus metric families, made when scraped."""

    def __init__(self, tallies: dict[tuple[str, str, int], list[float]]) -> None:
        self._tallies = tallies
        bounds = [floatToGoString(bound) for bound in _BUCKETS]  # type: ignore[no-untyped-call]
        self._bounds = [*bounds, "+Inf"]

    def describe(self) -> Iterable[Metric]:
        return self._families({})

    def collect(self) -> Iterable[Metric]:
        return self._families(dict(self._tallies))

    def _families(self, tallies: dict[tuple[str, str, int], list[float]]) -> list[Metric]:
        requests = CounterMetricFamily("http_requests", _REQUESTS_HELP, labels=_LABELS)
        latency = HistogramMetricFamily(
            "http_request_duration_seconds", _LATENCY_HELP, labels=_LABELS
        )
        for (method, route, status), tally in sorted(tallies.items()):
            labels = [method, route, str(status)]
            requests.add_metric(labels, tally[0])
            cumulative = list(accumulate(tally[2:]))
            latency.add_metric(labels, list(zip(self._bounds, cumulative, strict=True)), tally[1])
        return [requests, latency]


class RouteTemplates:
    """Which route template a request went to: ``/v1/interviews/{id}``, or ``unmatched``.

    The router leaves the route it chose in ``scope["route"]``, but the route's own
    ``path_format`` lacks any prefix it was included under; FastAPI's route contexts know
    the full template, so a table from route to template is built once (again when a route
    is missing from it). A request refused before routing (413, 415) has no route in its
    scope: only for those is the path matched against every template here.
    """

    def __init__(self, routes: Sequence[BaseRoute]) -> None:
        self._routes = routes
        self._by_route: dict[int, str] = {}
        self._table: list[tuple[BaseRoute, str, re.Pattern[str], Collection[str]]] = []

    def _build(self) -> None:
        self._table = [
            (context.original_route, context.path_format, context.path_regex, methods)
            for context in iter_route_contexts(self._routes)
            if context.path_format is not None
            for methods in [context.methods or ()]
        ]
        self._by_route = {id(route): template for route, template, _, _ in self._table}

    def of(self, scope: Scope) -> str:
        route = scope.get("route")
        if route is not None:
            if id(route) not in self._by_route:
                self._build()
            return self._by_route.get(id(route), UNMATCHED)
        return self._matching(scope)

    def _matching(self, scope: Scope) -> str:
        if not self._table:
            self._build()
        path, method = scope["path"], scope["method"]
        root = scope.get("root_path", "")
        if root and path.startswith(root):
            path = path[len(root) :] or "/"
        found = [
            (method in methods, template)
            for _, template, regex, methods in self._table
            if regex.match(path)
        ]
        return max(found, key=lambda pair: pair[0])[1] if found else UNMATCHED


# -- the middleware -------------------------------------------------------------------------


def request_id_of(scope: Scope) -> str:
    """The client's ``X-Request-ID`` when it is sane, else a new one."""
    for name, value in scope["headers"]:
        if name == _HEADER_KEY:
            if _SANE_ID.fullmatch(value):
                return str(value, "ascii")
            break
    # As long as a uuid4's hex. An id to find a request by, not a secret: the process's
    # Mersenne Twister (reseeded in every forked worker) instead of a getrandom() system
    # call per request, which cost more than the rest of a /healthz answer here.
    return f"{random.getrandbits(128):032x}"


_NOSNIFF = (b"x-content-type-options", b"nosniff")
_NO_STORE = (b"cache-control", b"no-store")


class Observability:
    """Request id in and out, an access line, the metrics and the common headers of every
    HTTP request.

    An exception that escapes the app is counted as a 500, and the request id is left set:
    the error handling answers with ``errors._on_unexpected``, which logs with that id and
    puts it on the response. Each request runs in a task of its own, so the id never leaks
    into another request.

    ``headers_by_path`` adds headers to the answers of exact paths (the docs pages' policy).
    """

    def __init__(
        self,
        app: ASGIApp,
        *,
        metrics: Metrics,
        routes: Sequence[BaseRoute] = (),
        log_access: bool = True,
        headers_by_path: Mapping[str, Sequence[tuple[bytes, bytes]]] | None = None,
    ) -> None:
        self.app = app
        self.metrics = metrics
        self.templates = RouteTemplates(routes)
        self.log_access = log_access
        self._by_path = {
            path: (_NOSNIFF, *headers) for path, headers in (headers_by_path or {}).items()
        }

    def _headers_for(self, path: str) -> tuple[tuple[bytes, bytes], ...]:
        if path.startswith("/v1/"):
            return (_NOSNIFF, _NO_STORE)
        return self._by_path.get(path, (_NOSNIFF,))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = request_id_of(scope)
        token = REQUEST_ID.set(request_id)
        added = (*self._headers_for(scope["path"]), (_HEADER_KEY, request_id.encode("ascii")))
        status = 500
        started = time.perf_counter()

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message["headers"] = [*message.get("headers", ()), *added]
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        except BaseException:
            self._record(scope, 500, started)
            raise
        self._record(scope, status, started)
        REQUEST_ID.reset(token)

    def _record(self, scope: Scope, status: int, started: float) -> None:
        seconds = time.perf_counter() - started
        server = scope.get("server")
        if server is not None and server[0] == WARM_UP_HOST:
            return  # the app calling itself at start-up: not traffic
        # A 404 from a route that matched (an unknown id) keeps its template; a path no
        # route takes is "unmatched", never the raw path.
        route = self.templates.of(scope) if status != 404 or "route" in scope else UNMATCHED
        self.metrics.observe(scope["method"], route, status, seconds)
        if self.log_access and access_log.isEnabledFor(logging.INFO):
            # The record is made here, not by access_log.info(): that would walk the stack
            # to find the caller on every request, which an access line does not need.
            record = access_log.makeRecord(
                access_log.name,
                logging.INFO,
                __file__,
                0,
                "%s %s %d",
                (scope["method"], scope["path"], status),
                None,
                extra={
                    "method": scope["method"],
                    "path": scope["path"],
                    "route": route,
                    "status": status,
                    "duration_ms": round(seconds * 1000, 3),
                },
            )
            access_log.handle(record)
