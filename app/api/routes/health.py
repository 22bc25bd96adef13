"""Operations: liveness and readiness."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import orjson
from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from app.api.errors import PROBLEM_JSON, problem
from app.api.schemas import Health, Problem
from app.db import migrations
from app.db.session import Database

router = APIRouter(tags=["operations"])

_OK = b'{"status":"ok"}'
#: How long a load balancer should wait before asking again when the service is not ready.
RETRY_AFTER_SECONDS = 5


@router.get("/healthz", response_model=Health, summary="Liveness: the process answers.")
async def healthz() -> Response:
    """Checks nothing external: the process is up and serving."""
    return Response(_OK, media_type="application/json")


def _sqlite_file_problem(db: Database) -> str | None:
    """Why a SQLite database file cannot take writes, or None.

    An open connection goes on reading a file that was deleted or made read-only, so a ping
    alone says "ready" while every write would fail: the file and its folder are looked at.
    """
    url = db.engine.url
    path = url.database
    if url.get_backend_name() != "sqlite" or not path or path == ":memory:":
        return None
    file = Path(path)
    if not file.is_file():
        return f"The database file {file} is gone."
    # Writes need the file, and the folder for the journal files beside it. No write bit at
    # all counts as read-only even for root, who could write it anyway.
    writable = file.stat().st_mode & 0o222 and os.access(file, os.W_OK)
    if not writable or not os.access(file.parent, os.W_OK | os.X_OK):
        return f"The database file {file} (or its folder) is read-only."
    return None


def _readiness(db: Database) -> str | None:
    """None when ready, else why not."""
    try:
        db.ping()
        # After the ping: a file not made yet (a new database) is made by connecting.
        problem_with_file = _sqlite_file_problem(db)
        if problem_with_file is not None:
            return problem_with_file
        current = migrations.current(db.engine)
    except Exception as exc:  # noqa: BLE001 - any failure to reach the database means "not ready"
        return f"The database is unreachable ({type(exc).__name__})."
    head = migrations.head()
    if current != head:
        behind = current or "none"
        return f"The database is at migration {behind}, not {head}; run followup migrate."
    return None


_NOT_READY: dict[int | str, dict[str, Any]] = {
    503: {"model": Problem, "content": {PROBLEM_JSON: {}}, "description": "Not ready."}
}


@router.get(
    "/readyz",
    response_model=Health,
    summary="Readiness: the database answers and is at the latest migration.",
    responses=_NOT_READY,
)
async def readyz(request: Request) -> Response:
    """503 with Retry-After while the database is unreachable or behind the migrations."""
    reason = await run_in_threadpool(_readiness, request.app.state.db)
    if reason is not None:
        return problem(503, reason, headers={"Retry-After": str(RETRY_AFTER_SECONDS)})
    return Response(orjson.dumps({"status": "ok"}), media_type="application/json")
