"""CORS, with a refused preflight answered like every other error: a problem document."""

from __future__ import annotations

from starlette.datastructures import Headers
from starlette.middleware.cors import CORSMiddleware
from starlette.responses import Response

from app.api.errors import problem

_BODY_HEADERS = frozenset({"content-type", "content-length"})


class ProblemCORSMiddleware(CORSMiddleware):
    """Starlette's CORS middleware; a preflight it refuses (origin, method or header not
    allowed) is a 400 problem+json naming what was refused, with the same CORS headers."""

    def preflight_response(self, request_headers: Headers) -> Response:
        response = super().preflight_response(request_headers)
        if response.status_code < 400:
            return response
        headers = {
            name: value for name, value in response.headers.items() if name not in _BODY_HEADERS
        }
        refused = bytes(response.body).decode("utf-8", "replace")
        return problem(
            response.status_code,
            f"{refused}: this cross-origin request is refused.",
            headers=headers,
        )
