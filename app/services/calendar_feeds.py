"""Calendar feeds: a secret URL per interview or per account that a calendar app subscribes to.

The token is the only credential (calendar apps send no header), so it is long and random,
shown once, and kept as its SHA-256 only; deleting the feed revokes it at once. A feed is
the plan's calendar (:mod:`app.services.calendar_export`) with what subscriptions need on top:

- ``REFRESH-INTERVAL`` (RFC 7986) and ``X-PUBLISHED-TTL`` of an hour, so apps poll hourly;
- ``SEQUENCE`` per event: the interview's version, which rises with every change, so an app
  takes a moved step as an update of the same UID (stable per step and interview);
- ``DTSTAMP``: when the interview last changed, not the time of the request, so the same plan
  gives the same bytes and the ``ETag`` (a hash of them) answers ``304`` until it changes.
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from icalendar import Calendar

from app.db import repositories as repo
from app.db.models import CalendarFeed, utcnow
from app.domain.model import PlanStatus
from app.services.calendar_export import plan_ics
from app.services.errors import NotFound
from app.services.interviews import InterviewStore, StoredInterview
from app.services.planning import PlannedInterview

#: How many open interviews an account's feed carries (soonest next action first).
ACCOUNT_FEED_LIMIT = 200
REFRESH = timedelta(hours=1)

#: The interviews of a feed, each with its plan.
Plans = list[tuple[StoredInterview, PlannedInterview]]


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class Feed:
    body: bytes
    etag: str


class CalendarFeeds:
    def __init__(self, store: InterviewStore) -> None:
        self.store = store
        self.db = store.db

    def create(
        self, *, account_id: uuid.UUID, interview_id: uuid.UUID | None
    ) -> tuple[CalendarFeed, str]:
        """A new feed and its token (the only time anyone sees it)."""
        if interview_id is not None:
            self.store.get(account_id=account_id, interview_id=interview_id)  # 404 if not ours
        token = secrets.token_urlsafe(32)
        row = CalendarFeed(
            account_id=account_id, interview_id=interview_id, token_hash=token_hash(token)
        )
        with self.db.write() as session:
            session.add(row)
        return row, token

    def list(self, *, account_id: uuid.UUID) -> Sequence[CalendarFeed]:
        with self.db.read() as session:
            return repo.calendar_feeds_of(session=session, account_id=account_id)

    def delete(self, *, account_id: uuid.UUID, feed_id: uuid.UUID) -> None:
        with self.db.write() as session:
            if not repo.delete_calendar_feed(
                session=session, account_id=account_id, feed_id=feed_id
            ):
                raise NotFound("No calendar feed with this id.")

    def read(self, *, token: str, host: str) -> Feed:
        """The feed the token names, as iCalendar bytes with its ETag.

        Raises:
            NotFound: no such token (never issued, or revoked).
        """
        with self.db.read() as session:
            feed = repo.calendar_feed_by_hash(session=session, token_hash=token_hash(token))
        if feed is None:
            raise NotFound("No calendar feed at this address (it may have been revoked).")
        now = utcnow()
        plans: Plans = []
        if feed.interview_id is not None:
            try:
                plans.append(
                    self.store.planned(
                        account_id=feed.account_id, interview_id=feed.interview_id, as_of=now
                    )
                )
            except NotFound:
                raise NotFound("No calendar feed at this address.") from None
            name = None
        else:
            plans = self._open(feed.account_id, now)
            name = "Follow-up plans"
        body = _calendar(plans, host=host, name=name, feed_id=feed.id)
        return Feed(body, f'"{hashlib.sha256(body).hexdigest()[:32]}"')

    def _open(self, account_id: uuid.UUID, now: datetime) -> Plans:
        """The account's open interviews (soonest next action first), each planned now."""
        with self.db.read() as session:
            ids = [
                row.id
                for row in repo.open_interviews(
                    session=session, account_id=account_id, limit=ACCOUNT_FEED_LIMIT
                )
            ]
        found: Plans = []
        for interview_id in ids:
            try:
                stored, planned = self.store.planned(
                    account_id=account_id, interview_id=interview_id, as_of=now
                )
            except NotFound:
                continue  # deleted meanwhile
            if planned.plan.status is PlanStatus.ACTIVE:
                found.append((stored, planned))
        return found


def _calendar(
    plans: Sequence[tuple[StoredInterview, PlannedInterview]],
    *,
    host: str,
    name: str | None,
    feed_id: uuid.UUID,
) -> bytes:
    merged: Calendar | None = None
    for stored, planned in plans:
        facts = stored.facts
        one = Calendar.from_ical(
            plan_ics(
                planned,
                interview_id=str(stored.id),
                company=facts.company,
                job_title=facts.job_title,
                candidate_name=facts.candidate.name,
                prodid_host=host,
            )
        )
        for event in one.walk("VEVENT"):
            del event["DTSTAMP"]
            event.add("dtstamp", stored.updated_at.astimezone(UTC))
            event.add("sequence", stored.version)
        if merged is None:
            merged = one
        else:
            for event in one.walk("VEVENT"):
                merged.add_component(event)
    if merged is None:
        merged = Calendar.new(
            uid=f"{feed_id}@{host}",
            prodid=f"-//{host}//Follow-up planner//EN",
            method="PUBLISH",
            name=name or "Follow-up plan",
        )
    if name is not None:
        for key in ("NAME", "X-WR-CALNAME"):
            if key in merged:
                del merged[key]
        merged.add("name", name)
        merged.add("x-wr-calname", name)
    merged.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    merged.add("x-published-ttl", "PT1H")
    ical: bytes = merged.to_ical()
    return ical
