"""The app plus a route that waits for the test's word, served by ``followup serve``: for the
shutdown test.

``python -m tests.contract.slow_app PORT`` runs the real ``followup serve`` (its uvicorn
settings and signal handling) with this app in place of the service's own. ``/slow`` connects
to the test on ``SLOW_APP_SIGNAL_PORT``, says ``started``, and answers once the test says
``go``: the test knows when the request is in the server and decides when it ends, no clock.
"""

from __future__ import annotations

import asyncio
import os
import sys
from typing import Any

from fastapi import FastAPI

from app.main import create_app


def create_slow_app() -> FastAPI:
    app = create_app()

    async def slow() -> dict[str, str]:
        reader, writer = await asyncio.open_connection(
            "127.0.0.1", int(os.environ["SLOW_APP_SIGNAL_PORT"])
        )
        writer.write(b"started\n")
        await writer.drain()
        await reader.readline()
        writer.close()
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
