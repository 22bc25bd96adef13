"""Idempotency-Key for creates: a retry with the same key and body gets the first answer again.

The claim on a key is made in the same transaction as the create it guards and completed there
with the answer's bytes, so a create that fails (a bad fact, a database that went away: 503)
leaves no claim behind, and a create that commits leaves its answer ready to replay. Two
requests racing with one key meet at the key's unique index: the second waits for the first's
transaction, then replays its answer (or, if the first rolled back, does the work itself).
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


class Keys:
    """Claims, completes and forgets Idempotency-Keys, inside the caller's transaction."""

    def __init__(self) -> None:
        self._swept_at = float("-inf")
        self._lock = threading.Lock()

    def claim(
        self, session: Session, *, account_id: uuid.UUID, request: Idempotency, now: datetime
    ) -> uuid.UUID | Replay:
        """Take the key for this request, or find the answer to replay.

        Raises:
            KeyReused: the key came before with another body (within its 24 hours).
            InFlight: a claim left by a request that is still running, or died less than
                a minute ago.
            IntegrityError: another transaction holds a claim on the key: the caller retries
                in a new transaction, and then finds its answer.
        """
        self._sweep(session, now)
        record = repo.idempotency_record(session=session, account_id=account_id, key=request.key)
        if record is None:
            return repo.add_idempotency_record(
                session=session,
                account_id=account_id,
                key=request.key,
                request_hash=request.request_hash,
                now=now,
            )
        expired = now - record.created_at > IDEMPOTENCY_TTL
        if not expired and record.request_hash != request.request_hash:
            raise KeyReused(
                "This Idempotency-Key was used with another request body; use a new key."
            )
        if record.state == "done" and not expired:
            assert record.response_body is not None  # noqa: S101 - done records keep it
            return Replay(
                record.status_code or 201, record.response_body, record.location, record.etag
            )
        if record.state == "in_flight" and now - record.created_at < IN_FLIGHT_TIMEOUT:
            raise _in_flight()
        # Expired, or abandoned by a request that died: take it over.
        if not repo.take_over_idempotency_record(
            session=session, record=record, request_hash=request.request_hash, now=now
        ):
            raise _in_flight()
        return record.id

    def complete(self, session: Session, *, record_id: uuid.UUID, answer: Replay) -> None:
        """Keep the answer to replay with the claim, in the transaction that made it."""
        repo.finish_idempotency_record(
            session=session,
            record_id=record_id,
            status_code=answer.status,
            body=answer.body,
            location=answer.location,
            etag=answer.etag,
        )

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
