"""A bare FastAPI app with one hello route: the yardstick the service's throughput is read
against (same venv, same server, one worker, same load generator, same run).

It answers ``GET /healthz`` so the bench's start-up wait works on it unchanged.
"""

from __future__ import annotations

from fastapi import FastAPI

app = FastAPI()


@app.get("/healthz")
async def hello() -> dict[str, str]:
    return {"status": "ok"}
