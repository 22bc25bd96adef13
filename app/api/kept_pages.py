"""Kept pages answered before routing: a list or agenda page asked again, nothing changed since.

A page rendered for a request is kept (:class:`app.services.pages.PageCache`) under the
request as it came: its path, its raw query string, the explanation's language and, when the
query names no ``as_of``, the second it was asked in (the moment the page is about). The same
request again, from a key already known good, while the account's data version is the one
the page was rendered at, is answered here, before FastAPI matches the route and validates
ten query parameters: that validation costs several times what answering does. Equal keys
mean equal answers: the raw query determines every parameter, and a key is only ever kept by
a request that passed validation.

Everything else — a key not yet known, a page not kept, a version that moved on, a caller
over their rate limit — goes on to the route, which checks it all and answers as ever. A
kept page is counted against the key's rate limit like any request; a caller over the limit
is counted again by the route that refuses them (only then).
"""

from __future__ import annotations

import uuid
from collections.abc import Hashable
from datetime import UTC, datetime
from urllib.parse import parse_qsl

from starlette.types import ASGIApp, Receive, Scope, Send

from app.domain.validity import seconds
from app.services.explanation import negotiate
from app.services.keys import KeyVerifier
from app.services.pages import PageCache

#: The pages kept: the interview list and the agenda.
PAGES = frozenset({"/v1/interviews", "/v1/agenda"})

#: Where a request leaves the version it read for the route to reuse (``request.state``).
_VERSION = "page_version"


def question(scope: Scope, language: str, moment: datetime | None) -> Hashable:
    """What a page is kept under: the request as it came, and the moment when the query does
    not give one (``moment``: None when it names ``as_of``)."""
    return (scope["path"], scope["query_string"], language, moment)


def version_read(scope: Scope, account_id: uuid.UUID) -> int | None:
    """The account's data version as this request read it on the way in, if it did."""
    found = scope.get("state", {}).get(_VERSION)
    if found is not None and found[0] == account_id:
        return int(found[1])
    return None


def _header(scope: Scope, name: bytes) -> bytes | None:
    for key, value in scope["headers"]:
        if key == name:
            return bytes(value)
    return None


def _names_as_of(query_string: bytes) -> bool:
    if b"as_of" not in query_string:
        return False
    text = query_string.decode("latin-1")
    return any(name == "as_of" for name, _ in parse_qsl(text, keep_blank_values=True))


class KeptPages:
    """Answers a kept page before routing; everything else goes on to the app."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] == "GET" and scope["path"] in PAGES:
            try:
                kept = await self._kept(scope)
            except Exception:  # noqa: BLE001 - the route reads it all again and answers for it
                kept = None
            if kept is not None:
                body, language = kept
                await send(
                    {
                        "type": "http.response.start",
                        "status": 200,
                        "headers": [
                            (b"content-length", str(len(body)).encode()),
                            (b"content-type", b"application/json"),
                            (b"content-language", language.encode()),
                            (b"vary", b"Accept-Language"),
                        ],
                    }
                )
                await send({"type": "http.response.body", "body": body})
                return
        await self.app(scope, receive, send)

    async def _kept(self, scope: Scope) -> tuple[bytes, str] | None:
        authorization = _header(scope, b"authorization")
        if authorization is None:
            return None
        # Read as the route's HTTPBearer reads it: the scheme, one space, the credentials.
        scheme, _, credentials = authorization.decode("latin-1").partition(" ")
        if scheme.lower() != "bearer" or not credentials:
            return None
        state = scope["app"].state
        keys: KeyVerifier = state.keys
        principal = keys.cached(credentials)
        if principal is None:
            return None
        accept = _header(scope, b"accept-language")
        language = negotiate(accept.decode("latin-1") if accept is not None else None)
        moment = None if _names_as_of(scope["query_string"]) else seconds(datetime.now(UTC))
        pages: PageCache = state.pages
        version = await pages.current(principal.account_id)
        scope.setdefault("state", {})[_VERSION] = (principal.account_id, version)
        body = pages.kept(principal.account_id, question(scope, language, moment), version)
        if not isinstance(body, bytes):
            return None
        limiter = state.rate_limiter
        if limiter is not None and not (await limiter.hit(principal.key_id)).allowed:
            return None  # the route counts the request too, and answers 429
        return body, language
