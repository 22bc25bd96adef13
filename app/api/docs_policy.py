"""The docs pages load only what the app serves: a Content-Security-Policy says so.

ReDoc's bundle shows its maker's logo from a CDN (nothing turns it off); under this policy
the browser never fetches it, so the docs work offline and tell no third party who reads
them. Swagger UI needs nothing from outside either; the policy keeps it that way.
"""

from __future__ import annotations

from collections.abc import Collection

from starlette.types import ASGIApp, Message, Receive, Scope, Send

POLICY = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; worker-src 'self' blob:; connect-src 'self'; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
_HEADER = (b"content-security-policy", POLICY.encode("ascii"))


class DocsSecurityPolicy:
    """Adds the policy to the responses of ``paths`` (the docs pages); others pass as they are."""

    def __init__(self, app: ASGIApp, *, paths: Collection[str]) -> None:
        self.app = app
        self.paths = frozenset(paths)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] not in self.paths:
            await self.app(scope, receive, send)
            return

        async def send_with_policy(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", ()), _HEADER]
            await send(message)

        await self.app(scope, receive, send_with_policy)
