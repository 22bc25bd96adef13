"""Idempotency-Key for creates: a retry with the same key and body gets the first answer again.

The key is looked up and its answer kept in the same transaction as the create it guards, so a
create that fails (a bad fact, a database that went away: 503) leaves nothing behind, and a
create that commits leaves its answer ready to replay. Two requests racing with one key meet at
the key's unique index when they keep their answers: the second's transaction rolls back (its
interview with it) and it replays the first's answer.
Records live 24 hours (the IETF draft's suggestion); the expired ones are deleted as creates
come in, at most once a minute per process.
"""

from __future__ import annotations

import threading
import time
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from app.db import repositories as repo
from app.db.models import IdempotencyRecord
from app.services.errors import InFlight, KeyReused

#: A claim still "in flight" after this long was left by a process that died mid-request.
IN_FLIGHT_TIMEOUT = timedelta(seconds=60)
#: How long a create's answer is kept for replays.
IDEMPOTENCY_TTL = timedelta(hours=24)
#: Expired records are deleted at most this often (seconds) by one process.
SWEEP_EVERY = 60.0


@dataclass(frozen=True, slots=True)
class Idempotency:
    """A request's Idempotency-Key and the hash of its body."""

    key: str
    request_hash: str


@dataclass(frozen=True, slots=True)
class Replay:
    """The answer a create with this key gave first, as it was sent."""

    status: int
    body: bytes
    location: str | None
    etag: str | None
    #: The language its explanation is in, said again as ``Content-Language``.
    language: str | None = None


@dataclass(frozen=True, slots=True)
class Claim:
    """A key this request may answer for, once its create is done."""

    account_id: uuid.UUID
    request: Idempotency
    #: An expired record, or one a request that died left in flight: overwritten on completion.
    taken_over: IdempotencyRecord | None


class Keys:
    """Reads and keeps Idempotency-Keys' answers, inside the caller's transaction."""

    def __init__(self) -> None:
        self._swept_at = float("-inf")
        self._lock = threading.Lock()

    def claim(
        self, session: Session, *, account_id: uuid.UUID, request: Idempotency, now: datetime
    ) -> Claim | Replay:
        """Whether this request may do the work, or the answer to replay.

        Raises:
            KeyReused: the key came before with another body (within its 24 hours).
            InFlight: a claim that a request left in flight less than a minute ago.
        """
        self._sweep(session, now)
        record = repo.idempotency_record(session=session, account_id=account_id, key=request.key)
        if record is None:
            return Claim(account_id, request, None)
        expired = now - record.created_at > IDEMPOTENCY_TTL
        if not expired and record.request_hash != request.request_hash:
            raise KeyReused(
                "This Idempotency-Key was used with another request body; use a new key."
            )
        if record.state == "done" and not expired:
            assert record.response_body is not None  # noqa: S101 - done records keep it
            return Replay(
                record.status_code or 201,
                record.response_body,
                record.location,
                record.etag,
                record.content_language,
            )
        if record.state == "in_flight" and now - record.created_at < IN_FLIGHT_TIMEOUT:
            raise _in_flight()
        return Claim(account_id, request, record)

    def complete(self, session: Session, *, claim: Claim, answer: Replay, now: datetime) -> None:
        """Keep the answer for the key, in the transaction that did the work.

        Raises:
            IntegrityError: another transaction kept an answer for the key first; the caller
                retries in a new transaction, and then replays it.
            InFlight: another request took over the same expired record first.
        """
        if claim.taken_over is None:
            repo.add_idempotency_record(
                session=session,
                account_id=claim.account_id,
                key=claim.request.key,
                request_hash=claim.request.request_hash,
                now=now,
                status_code=answer.status,
                body=answer.body,
                location=answer.location,
                etag=answer.etag,
                content_language=answer.language,
            )
        elif not repo.take_over_idempotency_record(
            session=session,
            record=claim.taken_over,
            request_hash=claim.request.request_hash,
            now=now,
            status_code=answer.status,
            body=answer.body,
            location=answer.location,
            etag=answer.etag,
            content_language=answer.language,
        ):
            raise _in_flight()

    def _sweep(self, session: Session, now: datetime) -> None:
        with self._lock:
            if time.monotonic() - self._swept_at < SWEEP_EVERY:
                return
            self._swept_at = time.monotonic()
        repo.delete_idempotency_records(session=session, created_before=now - IDEMPOTENCY_TTL)


def _in_flight() -> InFlight:
    return InFlight(
        "A request with this Idempotency-Key is still being processed; retry shortly.",
        headers={"Retry-After": "1"},
    )
