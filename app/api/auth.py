"""Who is calling: ``Authorization: Bearer <api key>`` on every ``/v1`` route."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.concurrency import run_in_threadpool

from app.api.ratelimit import enforce_anonymous_limit, enforce_rate_limit
from app.services.errors import ServiceError
from app.services.keys import KeyVerifier, Principal


class Unauthorized(ServiceError):
    status = 401
    type_ = "urn:followup:problem:unauthorized"

    def __init__(self, detail: str) -> None:
        super().__init__(detail, headers={"WWW-Authenticate": "Bearer"})


#: Declares the scheme in the OpenAPI document (Swagger's "Authorize" button); the check
#: itself is ours, so a missing key is a problem document like every other error.
_bearer = HTTPBearer(
    auto_error=False,
    scheme_name="ApiKey",
    description="An API key from `followup create-key --account NAME` (`make run` prints one).",
)


async def authenticate(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Principal:
    if credentials is None:
        await enforce_anonymous_limit(request)
        raise Unauthorized("Send your API key as the header Authorization: Bearer <key>.")
    verifier: KeyVerifier = request.app.state.keys
    key = credentials.credentials
    principal = verifier.cached(key)
    if principal is None:
        # Not known good: counted against the client's address before the database is asked.
        await enforce_anonymous_limit(request)
        principal = await run_in_threadpool(verifier.verify, key)
    if principal is None:
        raise Unauthorized("The API key is not valid, or it was revoked.")
    request.state.principal = principal
    await enforce_rate_limit(request, principal.key_id)
    return principal


Caller = Annotated[Principal, Depends(authenticate)]
