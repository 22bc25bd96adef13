"""The docs pages load only what the app serves: a Content-Security-Policy says so.

ReDoc's bundle shows its maker's logo from a CDN (nothing turns it off); under this policy
the browser never fetches it, so the docs work offline and tell no third party who reads
them. Swagger UI needs nothing from outside either; the policy keeps it that way.
"""

from __future__ import annotations

from collections.abc import Collection

POLICY = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; worker-src 'self' blob:; connect-src 'self'; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
_HEADER = (b"content-security-policy", POLICY.encode("ascii"))


def docs_headers(paths: Collection[str]) -> dict[str, tuple[tuple[bytes, bytes], ...]]:
    """The policy header for the answers of ``paths`` (the docs pages).

    The headers are added by the one middleware that adds the request id
    (``observability.Observability``): one step per answer instead of a layer of its own.
    """
    return dict.fromkeys(paths, (_HEADER,))
