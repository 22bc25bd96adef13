"""Errors of the services, each carrying what HTTP needs; one handler turns them into problems."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any


class ServiceError(Exception):
    status: int = 400
    type_: str = "about:blank"

    def __init__(self, detail: str, *, headers: Mapping[str, str] | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.headers = dict(headers or {})


class NotFound(ServiceError):
    status = 404


class InFlight(ServiceError):
    """A request with the same Idempotency-Key is still being processed."""

    status = 409
    type_ = "urn:followup:problem:idempotency-in-flight"


class PreconditionFailed(ServiceError):
    status = 412
    type_ = "urn:followup:problem:stale-etag"


class PreconditionRequired(ServiceError):
    status = 428
    type_ = "urn:followup:problem:if-match-required"


class KeyReused(ServiceError):
    """An Idempotency-Key sent again with another body."""

    status = 422
    type_ = "urn:followup:problem:idempotency-key-reused"


class InvalidDocument(Exception):
    """A stored interview's document that its models refuse, e.g. after a merge patch.

    ``errors`` are pydantic's error details, each ``loc`` relative to the document, so the
    web layer reports them as it reports an invalid request body.
    """

    def __init__(self, errors: Sequence[Mapping[str, Any]]) -> None:
        super().__init__(f"{len(errors)} invalid field(s)")
        self.errors = list(errors)
