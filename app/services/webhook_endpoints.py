"""Webhook endpoints of an account: register, read, change, rotate the secret, test, deliveries.

Every operation is one transaction and finds an endpoint by the caller's account as well as its
id: another account's endpoint is as good as missing (404). The secret is returned once, by
:meth:`WebhookEndpoints.create` and :meth:`WebhookEndpoints.rotate_secret`, and never logged.
"""

from __future__ import annotations

import base64
import secrets
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from app.db import repositories as repo
from app.db.models import WebhookAttempt, WebhookEndpoint, WebhookMessage, utcnow
from app.db.session import Database
from app.services.errors import ServiceError
from app.services.webhook_events import PING, body, new_message_id
from app.services.webhook_targets import check_url

#: How long the secret before a rotation keeps signing alongside the new one.
ROTATION_OVERLAP = timedelta(hours=24)


class EndpointNotFound(ServiceError):
    status = 404


class RefusedTarget(ServiceError):
    """A URL the service will not send to (not https, or not a public address)."""

    status = 422
    type_ = "urn:followup:problem:webhook-url-refused"


def new_secret() -> str:
    """``whsec_`` and 24 random bytes in base64, as Standard Webhooks libraries read it."""
    return "whsec_" + base64.b64encode(secrets.token_bytes(24)).decode()


@dataclass(frozen=True, slots=True)
class Delivery:
    """A message to an endpoint, with every attempt at it."""

    message: WebhookMessage
    attempts: Sequence[WebhookAttempt]


@dataclass(frozen=True, slots=True)
class DeliveryPage:
    items: Sequence[Delivery]
    before: tuple[datetime, str] | None


class WebhookEndpoints:
    def __init__(self, db: Database, *, allow_private: bool = False) -> None:
        self.db = db
        self.allow_private = allow_private

    def _check(self, url: str) -> None:
        problem = check_url(url, allow_private=self.allow_private)
        if problem is not None:
            raise RefusedTarget(f"The URL is refused: {problem}.")

    @staticmethod
    def _find(session: Any, account_id: uuid.UUID, endpoint_id: uuid.UUID) -> WebhookEndpoint:
        row = repo.webhook_endpoint(
            session=session, account_id=account_id, endpoint_id=endpoint_id, for_update=True
        )
        if row is None:
            raise EndpointNotFound("No webhook endpoint with this id.")
        return row

    def create(
        self,
        *,
        account_id: uuid.UUID,
        url: str,
        events: Sequence[str] | None,
        description: str | None,
    ) -> WebhookEndpoint:
        """A new endpoint, enabled, with its secret (the only time the caller sees it)."""
        self._check(url)
        now = utcnow()
        row = WebhookEndpoint(
            account_id=account_id,
            url=url,
            events=list(events) if events is not None else None,
            description=description,
            secret=new_secret(),
            created_at=now,
            updated_at=now,
        )
        with self.db.write() as session:
            session.add(row)
        return row

    def list(self, *, account_id: uuid.UUID) -> Sequence[WebhookEndpoint]:
        with self.db.read() as session:
            return repo.webhook_endpoints_of(session=session, account_id=account_id)

    def get(self, *, account_id: uuid.UUID, endpoint_id: uuid.UUID) -> WebhookEndpoint:
        with self.db.read() as session:
            row = repo.webhook_endpoint(
                session=session, account_id=account_id, endpoint_id=endpoint_id
            )
        if row is None:
            raise EndpointNotFound("No webhook endpoint with this id.")
        return row

    def update(
        self, *, account_id: uuid.UUID, endpoint_id: uuid.UUID, changes: dict[str, Any]
    ) -> WebhookEndpoint:
        """Apply ``changes`` (url, events, description, enabled); enabling clears why it was
        turned off and its failure streak."""
        if changes.get("url") is not None:
            self._check(changes["url"])
        with self.db.write() as session:
            row = self._find(session, account_id, endpoint_id)
            for name in ("url", "events", "description"):
                if name in changes:
                    setattr(row, name, changes[name])
            if "enabled" in changes and changes["enabled"] is not None:
                row.enabled = bool(changes["enabled"])
                if row.enabled:
                    row.disabled_reason = row.disabled_at = row.failing_since = None
                else:
                    row.disabled_reason, row.disabled_at = "turned off by the account", utcnow()
            row.updated_at = utcnow()
        return row

    def delete(self, *, account_id: uuid.UUID, endpoint_id: uuid.UUID) -> None:
        """The endpoint and its messages (the foreign key cascades)."""
        with self.db.write() as session:
            session.delete(self._find(session, account_id, endpoint_id))

    def rotate_secret(self, *, account_id: uuid.UUID, endpoint_id: uuid.UUID) -> WebhookEndpoint:
        """A new secret; the current one keeps signing alongside it for 24 hours."""
        with self.db.write() as session:
            row = self._find(session, account_id, endpoint_id)
            now = utcnow()
            row.previous_secret, row.previous_secret_expires_at = row.secret, now + ROTATION_OVERLAP
            row.secret = new_secret()
            row.updated_at = now
        return row

    def test(self, *, account_id: uuid.UUID, endpoint_id: uuid.UUID) -> WebhookMessage:
        """A ``ping`` to the endpoint, queued for the dispatcher now (even when disabled)."""
        with self.db.write() as session:
            row = self._find(session, account_id, endpoint_id)
            now = utcnow()
            message = WebhookMessage(
                id=new_message_id(),
                account_id=account_id,
                endpoint_id=row.id,
                type=PING,
                payload=body(PING, now, {"endpoint_id": row.id}),
                next_attempt_at=now,
                created_at=now,
            )
            repo.add_webhook_messages(session=session, rows=[message])
        return message

    def deliveries(
        self,
        *,
        account_id: uuid.UUID,
        endpoint_id: uuid.UUID,
        before: tuple[datetime, str] | None,
        limit: int,
    ) -> DeliveryPage:
        """The endpoint's messages, newest first, each with its attempts."""
        with self.db.read() as session:
            if (
                repo.webhook_endpoint(
                    session=session, account_id=account_id, endpoint_id=endpoint_id
                )
                is None
            ):
                raise EndpointNotFound("No webhook endpoint with this id.")
            rows = repo.webhook_messages_of(
                session=session, endpoint_id=endpoint_id, before=before, limit=limit + 1
            )
            more = len(rows) > limit
            rows = rows[:limit]
            attempts = repo.webhook_attempts_of(session=session, message_ids=[r.id for r in rows])
        items = [Delivery(row, attempts[row.id]) for row in rows]
        last = rows[-1] if rows and more else None
        return DeliveryPage(items, (last.created_at, last.id) if last else None)

    def retry(self, *, account_id: uuid.UUID, endpoint_id: uuid.UUID, message_id: str) -> Delivery:
        """Try a message again now, whatever became of it (same ``webhook-id``)."""
        with self.db.write() as session:
            self._find(session, account_id, endpoint_id)
            message = repo.webhook_message(
                session=session, endpoint_id=endpoint_id, message_id=message_id, for_update=True
            )
            if message is None:
                raise EndpointNotFound("No delivery with this id at this endpoint.")
            message.state, message.next_attempt_at = "pending", utcnow()
            attempts = repo.webhook_attempts_of(session=session, message_ids=[message.id])
        return Delivery(message, attempts[message.id])
