"""The FastAPI application."""

from __future__ import annotations

import gc
import logging
import secrets
import threading
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date

import httpx
from anyio import to_thread
from fastapi import Depends, FastAPI
from fastapi.routing import APIRoute
from fastapi_offline import FastAPIOffline
from starlette.concurrency import run_in_threadpool

from app.api.auth import authenticate
from app.api.body import add_body_schemas
from app.api.cors import ProblemCORSMiddleware
from app.api.docs_policy import docs_headers
from app.api.errors import (
    RequestLimits,
    UnexpectedErrors,
    document_problems,
    install_error_handlers,
)
from app.api.kept_pages import KeptPages
from app.api.observability import HEADER as REQUEST_ID_HEADER
from app.api.observability import Metrics, Observability, configure_logging
from app.api.params import KnownQueryOnly
from app.api.ratelimit import rate_limiter
from app.api.routes import feeds, health, interviews, ops, plans, rules, webhooks
from app.api.routes import messages as message_routes
from app.db.async_reads import AsyncReads
from app.db.session import Database
from app.messages.checks import preload as preload_checks
from app.messages.render import preload as preload_templates
from app.services.calendar_feeds import CalendarFeeds
from app.services.interviews import InterviewStore
from app.services.keys import KeyVerifier, Principal
from app.services.pages import PageCache
from app.services.planning import warm_calendars
from app.services.webhook_dispatch import dispatcher_from
from app.services.webhook_endpoints import WebhookEndpoints
from app.services.webhook_events import PushListener
from app.settings import Settings, get_settings

DESCRIPTION = """
Takes the facts of a job interview and answers with a **follow-up plan**: what to send, to whom,
by which channel, in which business-day window and why, with the messages ready to send.

Every step names the rules it follows (R1-R15) and the articles behind them (seeds 000-004).
Business days are the hiring team's: the `holidays` package's calendar for a country and
subdivision, with that country's own weekend.
"""


log = logging.getLogger("app.main")

_CORS_REQUEST_HEADERS = ["Authorization", "Content-Type", "If-Match", "Idempotency-Key"]


def _operation_id(route: APIRoute) -> str:
    """Stable operation ids: the route function's name."""
    return route.name


#: An interview that needs every template: thank-yous, a phone follow-up, an escalation.
_WARM_UP_PLAN = {
    "candidate": {"name": "Warm Up", "email": "warm@example.com", "phone": "+1 555 000 0000"},
    "company": "Warm-up",
    "job_title": "Warm-up",
    "interview": {"starts_at": "2026-01-06T10:00:00+00:00", "timezone": "UTC"},
    "contacts": [
        {
            "name": "Hiring Manager",
            "email": "hm@example.com",
            "role": "hiring_manager",
            "interviewed": True,
        },
        {
            "name": "Recruiter",
            "email": "r@example.com",
            "phone": "+1 555 000 0001",
            "role": "recruiter",
            "scheduled_interview": True,
            "preferred_channel": "phone",
        },
    ],
    "decision_timeline": {"text": "by the end of next week"},
    "as_of": "2026-01-06T12:00:00+00:00",
}


async def _warm_up(app: FastAPI) -> None:
    """Warm up before the first request, then keep long-lived objects out of the collector.

    A first request would otherwise pay for FastAPI filling in its route state, building a
    calendar and compiling templates: the service's own country is built for every
    subdivision, and one request to each route, in process, pays for the rest.
    ``gc.freeze`` then moves everything alive (modules, calendars, schemas) out of the
    collector's generations, so a full collection walks only what requests allocate: fewer
    long pauses under load.
    """
    preload_templates()
    warm_calendars(app.state.settings.default_country, date.today())
    # The warm-up calls the app as a client would, with a key that exists only in this
    # process's memory, for these few requests (no account, nothing written).
    keys: KeyVerifier = app.state.keys
    warm_key = f"warm-up-{secrets.token_urlsafe(32)}"
    keys.remember(warm_key, Principal(uuid.uuid4(), "warm-up"), ttl=60)
    try:
        # A first real key is checked in the database: compile that query, open a connection.
        await run_in_threadpool(keys.verify, f"fup_{'0' * 12}_{'0' * 43}")
    except Exception as exc:  # noqa: BLE001 - a database that is down is /readyz's to report
        log.warning("warm-up could not reach the database: %s", exc)
    transport = httpx.ASGITransport(app=app)
    headers = {"Authorization": f"Bearer {warm_key}"}
    try:
        async with httpx.AsyncClient(
            transport=transport, base_url="http://warm-up", headers=headers
        ) as client:
            for response in (
                await client.get("/healthz"),
                await client.get("/v1/policies"),
                await client.post("/v1/plans", json=_WARM_UP_PLAN),
                # Reads only (the warm-up account has nothing): route state, the pool's
                # first connection.
                await client.get("/v1/interviews"),
                await client.get("/v1/agenda"),
            ):
                if response.status_code != 200:
                    log.warning("warm-up %s answered %s", response.url.path, response.status_code)
    finally:
        keys.forget(warm_key)
    gc.collect()
    gc.freeze()
    # What the first requests rarely need is built beside them: the spelling dictionaries of
    # the message checks (about as long as the rest of the start-up on this machine). A few
    # seconds later, so that it does not compete for the interpreter with the first
    # requests; a check that comes first loads its dictionary itself.
    rest = threading.Timer(_WARM_REST_AFTER_S, _warm_rest)
    rest.name, rest.daemon = "warm-up", True
    rest.start()


#: Seconds after the first answer the rest of the warm-up starts.
_WARM_REST_AFTER_S = 3.0


def _warm_rest() -> None:
    try:
        preload_checks()
    except Exception:  # pragma: no cover - what is not warm is built on first use
        log.exception("background warm-up failed")


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Warm up when the ``warm_up`` setting says so (``followup serve``: yes; tests: no)."""
    # As many requests at once in the thread pool as the database pool keeps connections for
    # (anyio's default is 40): more would only open and close connections and contend for
    # the GIL, while the event loop keeps accepting and queueing the rest.
    to_thread.current_default_thread_limiter().total_tokens = app.state.settings.database_pool_size
    if app.state.settings.warm_up:
        await _warm_up(app)
    # Webhooks: announce due steps and deliver the outbox in this process unless told not to.
    # Built only when it runs: its HTTP client loads the CA bundle twice (about 90 ms).
    dispatcher = (
        dispatcher_from(app.state.db, app.state.settings) if app.state.settings.dispatcher else None
    )
    if dispatcher is not None:
        dispatcher.start()
    yield
    if dispatcher is not None:
        await run_in_threadpool(dispatcher.stop)
    gc.unfreeze()
    await app.state.pages.aclose()
    app.state.db.dispose()
    for limiter in (app.state.rate_limiter, app.state.anonymous_rate_limiter):
        if limiter is not None:
            await limiter.aclose()


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    app = FastAPIOffline(
        title="Follow-up planner",
        version="0.1.0",
        description=DESCRIPTION,
        generate_unique_id_function=_operation_id,
        lifespan=_lifespan,
    )
    app.state.settings = settings
    configure_logging(settings.log_level)
    app.state.metrics = Metrics()
    app.state.rate_limiter = rate_limiter(
        settings.rate_limit, settings.redis_url, shared_file=settings.rate_limit_file
    )
    app.state.anonymous_rate_limiter = rate_limiter(
        settings.rate_limit_anonymous if settings.rate_limit else 0,
        settings.redis_url,
        shared_file=settings.rate_limit_file,
        prefix="address:",
    )
    app.state.db = Database(settings.database_url, pool_size=settings.database_pool_size)
    app.state.keys = KeyVerifier(app.state.db, ttl=settings.key_cache_seconds)
    app.state.interviews = InterviewStore(
        app.state.db, default_country=settings.default_country, listeners=[PushListener()]
    )
    app.state.pages = PageCache(
        app.state.db,
        reads=None
        if app.state.db.is_sqlite
        else AsyncReads(settings.database_url, size=settings.database_pool_size),
    )
    app.state.webhook_endpoints = WebhookEndpoints(
        app.state.db, allow_private=settings.webhook_allow_private
    )
    app.state.calendar_feeds = CalendarFeeds(app.state.interviews)
    install_error_handlers(app)
    # Middlewares, outermost last: request id, access log, metrics and common headers see
    # everything, and CORS headers reach 413/415 answers and the 500 too.
    app.add_middleware(KeptPages)
    app.add_middleware(UnexpectedErrors)
    app.add_middleware(KnownQueryOnly, routes=app.router.routes)
    app.add_middleware(RequestLimits, max_body_bytes=settings.max_body_bytes)
    if settings.cors_origins:
        app.add_middleware(
            ProblemCORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST", "PATCH", "DELETE", "OPTIONS"],
            allow_headers=[*_CORS_REQUEST_HEADERS, REQUEST_ID_HEADER],
            expose_headers=["ETag", "Location", "Retry-After", REQUEST_ID_HEADER],
        )
    app.add_middleware(
        Observability,
        metrics=app.state.metrics,
        routes=app.router.routes,
        log_access=settings.access_log,
        headers_by_path=docs_headers(("/docs", "/redoc")),
    )
    app.include_router(health.router)
    app.include_router(ops.router)
    # Every /v1 route needs a key (routes that use the caller declare it themselves).
    keyed = [Depends(authenticate)]
    app.include_router(plans.router, dependencies=keyed)
    app.include_router(rules.router, dependencies=keyed)
    app.include_router(interviews.router)
    app.include_router(message_routes.router, dependencies=keyed)
    app.include_router(webhooks.router)
    app.include_router(feeds.router)
    add_body_schemas(app)
    document_problems(app)
    return app
