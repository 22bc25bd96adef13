"""Operations: Prometheus metrics."""

from __future__ import annotations

from fastapi import APIRouter, Request
from prometheus_client import CONTENT_TYPE_PLAIN_0_0_4
from starlette.responses import Response

router = APIRouter(tags=["operations"])

_EXPOSITION = {
    200: {
        "description": "Prometheus text exposition format 0.0.4.",
        "content": {"text/plain": {"schema": {"type": "string"}}},
    }
}


@router.get(
    "/metrics",
    summary="Prometheus metrics: requests and latency by route template and status.",
    response_class=Response,
    responses=_EXPOSITION,  # type: ignore[arg-type]
)
async def metrics(request: Request) -> Response:
    """No API key: scrapers read it; it shows counts and timings, never request contents."""
    return Response(request.app.state.metrics.exposition(), media_type=CONTENT_TYPE_PLAIN_0_0_4)
