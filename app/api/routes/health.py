"""Operations: liveness."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.responses import Response

from app.api.schemas import Health

router = APIRouter(tags=["operations"])

_OK = b'{"status":"ok"}'


@router.get("/healthz", response_model=Health, summary="Liveness: the process answers.")
async def healthz() -> Response:
    """Checks nothing external: the process is up and serving."""
    return Response(_OK, media_type="application/json")
