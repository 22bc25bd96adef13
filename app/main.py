"""The FastAPI application."""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.routing import APIRoute
from fastapi_offline import FastAPIOffline
from starlette.middleware.cors import CORSMiddleware

from app.api.body import add_body_schemas
from app.api.errors import RequestLimits, install_error_handlers
from app.api.routes import health, plans
from app.services.planning import warm_up
from app.settings import Settings, get_settings

DESCRIPTION = """
Takes the facts of a job interview and answers with a **follow-up plan**: what to send, to whom,
by which channel, in which business-day window and why, with the messages ready to send.

Every step names the rules it follows (R1-R15) and the articles behind them (seeds 000-004).
Business days are the hiring team's: the `holidays` package's calendar for a country and
subdivision, with that country's own weekend.
"""


def _operation_id(route: APIRoute) -> str:
    """Stable operation ids: the route function's name."""
    return route.name


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Warm up before the first request, then keep long-lived objects out of the collector.

    The first plan otherwise pays for importing a country's holidays, compiling templates
    and building validators. ``gc.freeze`` moves everything alive after start-up (modules,
    calendars, schemas) out of the collector's generations, so a full collection walks only
    what requests allocate: fewer long pauses under load.
    """
    warm_up(app.state.settings.default_country)
    gc.collect()
    gc.freeze()
    yield
    gc.unfreeze()


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
    install_error_handlers(app)
    app.add_middleware(RequestLimits, max_body_bytes=settings.max_body_bytes)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST"],
            allow_headers=["*"],
        )
    app.include_router(health.router)
    app.include_router(plans.router)
    add_body_schemas(app)
    return app
