"""The stored-interview document read into the domain's facts, and changed by merge patches.

A document is the facts of one interview as a client sent them (JSON, defaults left implicit);
:mod:`app.services.document.fields` says what a valid one is. This module turns a valid
document into :class:`app.domain.model.InterviewFacts` and a :class:`app.domain.policies.Policy`,
and applies an RFC 7396 merge patch to a stored one.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import timedelta, tzinfo
from typing import Any
from zoneinfo import ZoneInfo

import orjson
from pydantic import ValidationError

from app.domain.calendar import CalendarSpec
from app.domain.model import (
    Candidate,
    Channel,
    CompetingDeadline,
    Concern,
    Contact,
    DecisionTimeline,
    Event,
    Formality,
    InterviewFacts,
)
from app.domain.policies import BusinessDayWindow, Policy
from app.services.document.fields import ConcernIn, ContactIn, EventIn, InterviewFields
from app.services.errors import InvalidDocument
from app.services.planning import resolve_policy
from app.settings import get_settings

#: A merge patch nested deeper than this is refused: no interview's facts go near it, and
#: a deep one would only cost recursion.
MAX_PATCH_DEPTH = 16


@dataclass(frozen=True, slots=True)
class Decoded:
    """A document read: the domain's facts (no events yet), the policy, and the document with
    every default filled in, as the wire shows it."""

    facts: InterviewFacts
    policy: Policy
    fields: dict[str, Any]


def _concerns(items: Iterable[str | ConcernIn]) -> tuple[str | Concern, ...]:
    return tuple(
        item if isinstance(item, str) else Concern(item.concern, item.response) for item in items
    )


def _contact(contact: ContactIn) -> Contact:
    return Contact(
        name=contact.name,
        email=str(contact.email) if contact.email else None,
        phone=contact.phone,
        role=contact.role,
        interviewed=contact.interviewed,
        scheduled_interview=contact.scheduled_interview,
        primary=contact.primary,
        timezone=ZoneInfo(contact.timezone) if contact.timezone else None,
        discussion_point=contact.discussion_point,
        preferred_channel=Channel(contact.preferred_channel) if contact.preferred_channel else None,
        title=contact.title,
        preferred_name=contact.preferred_name,
        concerns=_concerns(contact.concerns),
    )


def event_from(event: EventIn) -> Event:
    return Event(
        type=event.type,
        at=event.at,
        contact_email=str(event.contact_email) if event.contact_email else None,
        outcome=event.outcome,
        new_deadline=event.new_deadline,
        timeline_text=event.timeline_text,
        note=event.note,
        text=event.text,
        return_date=event.return_date,
    )


def facts_from(
    fields: InterviewFields,
    *,
    default_country: str,
    events: Iterable[EventIn] = (),
    default_language: str | None = None,
) -> InterviewFacts:
    """The domain's facts from a valid document (the models have checked every field);
    without ``default_language``, the service's ``DEFAULT_LANGUAGE``."""
    interview = fields.interview
    zone: tzinfo
    if interview.timezone is not None:
        zone = ZoneInfo(interview.timezone)
        starts_at = (
            interview.starts_at.replace(tzinfo=zone)
            if interview.starts_at.tzinfo is None
            else interview.starts_at
        )
    else:
        zone = interview.starts_at.tzinfo  # type: ignore[assignment]  # InterviewIn checks it
        starts_at = interview.starts_at
    calendar = fields.calendar
    timeline = fields.decision_timeline
    competing = fields.competing_deadline
    return InterviewFacts(
        candidate=Candidate(
            fields.candidate.name,
            str(fields.candidate.email) if fields.candidate.email else None,
            fields.candidate.phone,
            fields.candidate.preferred_name,
            ZoneInfo(fields.candidate.timezone) if fields.candidate.timezone else None,
        ),
        company=fields.company,
        job_title=fields.job_title,
        job_family=fields.job_family,
        starts_at=starts_at,
        timezone=zone,
        duration=timedelta(minutes=interview.duration_minutes),
        format=interview.format,
        contacts=tuple(_contact(c) for c in fields.contacts),
        timeline=DecisionTimeline(timeline.by, timeline.text) if timeline else None,
        preferred_channel=Channel(fields.preferred_channel),
        calendar=(
            CalendarSpec(calendar.country, calendar.subdivision, tuple(calendar.extra_closed))
            if calendar
            else CalendarSpec(default_country)
        ),
        competing_deadline=(
            CompetingDeadline(competing.date, competing.company, competing.top_choice)
            if competing
            else None
        ),
        thank_you_sent_at=fields.thank_you_sent_at,
        events=tuple(event_from(e) for e in events),
        discussion_points=tuple(fields.discussion_points),
        strengths=tuple(fields.strengths),
        concerns_to_address=_concerns(fields.concerns_to_address),
        formality=Formality(fields.formality) if fields.formality else None,
        language=fields.language or default_language or get_settings().default_language,
        additional_info=tuple(fields.additional_info),
    )


def overrides_from(fields: InterviewFields) -> dict[str, Any]:
    """The policy overrides the document sets, windows as domain values."""
    if fields.policy_overrides is None:
        return {}
    raw = fields.policy_overrides.model_dump(exclude_unset=True)
    return {
        key: BusinessDayWindow(**value) if isinstance(value, dict) else value
        for key, value in raw.items()
    }


def policy_of(fields: InterviewFields) -> Policy:
    return resolve_policy(fields.policy, overrides_from(fields))


_DOCUMENT_FIELDS = frozenset(InterviewFields.model_fields)


def document_of(fields: InterviewFields) -> dict[str, Any]:
    """What is stored: the facts as the client sent them (defaults stay implicit), without
    what only a request has (a plan request's events and ``as_of``)."""
    return fields.model_dump(mode="json", exclude_unset=True, include=set(_DOCUMENT_FIELDS))


class DocumentCodec:
    """Reads documents into facts with the service's default country."""

    def __init__(self, *, default_country: str) -> None:
        self.default_country = default_country

    def decode(self, document: Mapping[str, Any]) -> Decoded:
        """A document read back.

        Raises:
            InvalidDocument: for a document the models refuse (a merge patch made it so).
        """
        try:
            fields = InterviewFields.model_validate_json(orjson.dumps(document))
        except ValidationError as exc:
            raise InvalidDocument(exc.errors()) from None
        return self.read(fields)

    def read(self, fields: InterviewFields) -> Decoded:
        """A validated document's facts, policy and filled-in fields."""
        wire = fields.model_dump(mode="json", include=set(_DOCUMENT_FIELDS))
        if fields.policy_overrides is not None:
            # Only the parameters the client replaced: a null would say "turned off".
            wire["policy_overrides"] = fields.policy_overrides.model_dump(
                mode="json", exclude_unset=True
            )
        return Decoded(
            facts=facts_from(fields, default_country=self.default_country),
            policy=policy_of(fields),
            fields=wire,
        )

    def revise(self, document: Mapping[str, Any], patch: Mapping[str, Any]) -> dict[str, Any]:
        """The stored document with an RFC 7396 merge patch applied, validated and normalised.

        Raises:
            InvalidDocument: the patch is too deep, or the result is not a valid interview.
        """
        if _depth(patch) > MAX_PATCH_DEPTH:
            raise InvalidDocument(
                [
                    {
                        "loc": (),
                        "msg": f"is nested more than {MAX_PATCH_DEPTH} levels deep",
                        "type": "value_error",
                    }
                ]
            )
        merged = merge_patch(document, patch)
        try:
            fields = InterviewFields.model_validate_json(orjson.dumps(merged))
        except ValidationError as exc:
            raise InvalidDocument(exc.errors()) from None
        return document_of(fields)


def merge_patch(target: Any, patch: Any) -> Any:
    """RFC 7396: objects merge key by key, null removes, anything else replaces."""
    if not isinstance(patch, Mapping):
        return patch
    merged = dict(target) if isinstance(target, Mapping) else {}
    for key, value in patch.items():
        if value is None:
            merged.pop(key, None)
        else:
            merged[key] = merge_patch(merged.get(key), value)
    return merged


def _depth(value: Any) -> int:
    """How deeply objects and arrays nest in ``value``, counted without recursion."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, Mapping):
            children: Iterable[Any] = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        deepest = max(deepest, depth + 1)
        if deepest > MAX_PATCH_DEPTH:
            return deepest
        stack.extend((child, depth + 1) for child in children)
    return deepest
