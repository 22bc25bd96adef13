"""The app plus a route that takes 2 s, served by ``followup serve``: for the shutdown test.

``python -m tests.contract.slow_app PORT`` runs the real ``followup serve`` (its uvicorn
settings and signal handling) with this app in place of the service's own.
"""

from __future__ import annotations

import asyncio
import sys
from typing import Any

from fastapi import FastAPI

from app.main import create_app


def create_slow_app() -> FastAPI:
    app = create_app()

    async def slow() -> dict[str, str]:
        await asyncio.sleep(2)
        return {"status": "finished"}

    app.add_api_route("/slow", slow, include_in_schema=False)
    return app


def _serve_slow_app(port: str) -> int:
    import uvicorn

    from app.cli import main

    serve = uvicorn.run

    def run(app: str, **kwargs: Any) -> None:
        serve("tests.contract.slow_app:create_slow_app", **kwargs)

    uvicorn.run = run
    return main(["serve", "--host", "127.0.0.1", "--port", port])


if __name__ == "__main__":
    sys.exit(_serve_slow_app(sys.argv[1]))
