"""API keys: made at random, shown once, kept only as a hash, several per account, revocable.

A key reads ``fup_<key id>_<secret>``. The prefix makes a leaked key easy to recognise (and
to scan for); the key id finds its row without a scan; the whole key is kept only as its
SHA-256. A key carries 256 random bits, so a fast hash is as safe as a slow one: slow hashes
protect guessable passwords, and nothing about a random key is guessable.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import string
import threading
import time
import uuid
from dataclasses import dataclass

from app.db import repositories as repo
from app.db.session import Database

PREFIX = "fup_"
_ID_ALPHABET = string.ascii_lowercase + string.digits
_ID_LENGTH = 12


@dataclass(frozen=True, slots=True)
class Principal:
    """Who is calling: the account every object belongs to, and the key used."""

    account_id: uuid.UUID
    key_id: str


@dataclass(frozen=True, slots=True)
class IssuedKey:
    key: str
    key_id: str
    account: str


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def _split(key: str) -> str | None:
    """The key id of a well-formed key, else None."""
    if not key.startswith(PREFIX):
        return None
    key_id, _, secret = key.removeprefix(PREFIX).partition("_")
    if len(key_id) != _ID_LENGTH or len(secret) < 32 or len(key) > 128:
        return None
    return key_id


def issue_key(db: Database, *, account: str) -> IssuedKey:
    """Create the account if needed and a new key for it; the key is returned once, here."""
    key_id = "".join(secrets.choice(_ID_ALPHABET) for _ in range(_ID_LENGTH))
    key = f"{PREFIX}{key_id}_{secrets.token_urlsafe(32)}"
    with db.write() as session:
        owner = repo.account_named(session=session, name=account, create=True)
        assert owner is not None  # noqa: S101 - create=True
        repo.add_key(session=session, account=owner, key_id=key_id, key_hash=hash_key(key))
    return IssuedKey(key=key, key_id=key_id, account=account)


def revoke_key(db: Database, *, key_id: str) -> bool:
    with db.write() as session:
        return repo.revoke_key(session=session, key_id=key_id)


class KeyVerifier:
    """Checks bearer keys against the database, remembering good ones for ``ttl`` seconds.

    Without the memory every request would cost a query; with it, a revoked key keeps
    working for at most ``ttl`` seconds in each worker. Bad keys are never remembered, so a
    key created a moment ago works at once.
    """

    def __init__(self, db: Database, *, ttl: float) -> None:
        self.db = db
        self.ttl = ttl
        self._known: dict[str, tuple[Principal, float]] = {}
        self._lock = threading.Lock()

    def cached(self, key: str) -> Principal | None:
        hit = self._known.get(key)
        if hit is None or hit[1] < time.monotonic():
            return None
        return hit[0]

    def verify(self, key: str) -> Principal | None:
        """The key's principal, or None for a malformed, unknown or revoked key."""
        principal = self.cached(key)
        if principal is not None:
            return principal
        key_id = _split(key)
        if key_id is None:
            return None
        with self.db.read() as session:
            row = repo.key_by_id(session=session, key_id=key_id)
        if row is None or row.revoked_at is not None:
            return None
        if not hmac.compare_digest(row.key_hash, hash_key(key)):
            return None
        principal = Principal(row.account_id, key_id)
        self.remember(key, principal)
        return principal

    def remember(self, key: str, principal: Principal, ttl: float | None = None) -> None:
        with self._lock:
            if len(self._known) > 10_000:
                self._known.clear()
            self._known[key] = (principal, time.monotonic() + (self.ttl if ttl is None else ttl))

    def forget(self, key: str) -> None:
        with self._lock:
            self._known.pop(key, None)
