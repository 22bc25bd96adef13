"""Wire schemas to domain facts, and a domain plan to its wire form."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import timedelta, tzinfo
from typing import Any
from zoneinfo import ZoneInfo

import orjson

from app.api.schemas import ContactIn, EventIn, InterviewFields, PlanRequest, PolicyOverrides
from app.domain.calendar import CalendarSpec
from app.domain.errors import InvalidFacts
from app.domain.model import (
    Candidate,
    Channel,
    CompetingDeadline,
    Contact,
    DecisionTimeline,
    Event,
    EventType,
    InterviewFacts,
    NextAction,
    Plan,
    Step,
)
from app.domain.policies import BusinessDayWindow, Policy
from app.domain.timeline import WEEKDAYS
from app.messages import Message
from app.services.interviews import AgendaEntry, Decode, Decoded, Listed, StoredInterview
from app.services.planning import PlannedInterview, resolve_policy


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
    )


def _check(request: InterviewFields, events: Sequence[EventIn]) -> None:
    """Checks across fields, each tied to the field to fix."""
    problems: list[tuple[tuple[str | int, ...], str]] = []
    if request.interview.starts_at.tzinfo is None and request.interview.timezone is None:
        problems.append(
            (
                ("interview", "starts_at"),
                "needs a UTC offset (e.g. 2026-11-24T10:00:00-05:00), or give interview.timezone",
            )
        )
    problems.extend(event_problems(events, lambda index: ("events", index)))
    if problems:
        raise InvalidFacts(problems)


def event_problems(
    events: Sequence[EventIn], locate: Callable[[int], tuple[str | int, ...]]
) -> list[tuple[tuple[str | int, ...], str]]:
    """Checks across an event's fields: a reply says what it said."""
    return [
        ((*locate(index), "outcome"), "a reply_received event needs one")
        for index, event in enumerate(events)
        if event.type is EventType.REPLY_RECEIVED and event.outcome is None
    ]


def facts_from(
    request: InterviewFields, *, default_country: str, events: Sequence[EventIn] = ()
) -> InterviewFacts:
    """The domain's facts from a validated request.

    Raises:
        InvalidFacts: for a start time with no zone, or a reply with no outcome.
    """
    _check(request, events)
    interview = request.interview
    zone: tzinfo
    if interview.timezone is not None:
        zone = ZoneInfo(interview.timezone)
        starts_at = (
            interview.starts_at.replace(tzinfo=zone)
            if interview.starts_at.tzinfo is None
            else interview.starts_at
        )
    else:
        zone = interview.starts_at.tzinfo  # type: ignore[assignment]  # checked by the schema
        starts_at = interview.starts_at
    calendar = request.calendar
    timeline = request.decision_timeline
    competing = request.competing_deadline
    return InterviewFacts(
        candidate=Candidate(
            request.candidate.name,
            str(request.candidate.email) if request.candidate.email else None,
            request.candidate.phone,
        ),
        company=request.company,
        job_title=request.job_title,
        job_family=request.job_family,
        starts_at=starts_at,
        timezone=zone,
        duration=timedelta(minutes=interview.duration_minutes),
        format=interview.format,
        contacts=tuple(_contact(c) for c in request.contacts),
        timeline=DecisionTimeline(timeline.by, timeline.text) if timeline else None,
        preferred_channel=Channel(request.preferred_channel),
        calendar=(
            CalendarSpec(calendar.country, calendar.subdivision, tuple(calendar.extra_closed))
            if calendar
            else CalendarSpec(default_country)
        ),
        competing_deadline=(
            CompetingDeadline(competing.date, competing.company) if competing else None
        ),
        thank_you_sent_at=request.thank_you_sent_at,
        events=tuple(event_from(e) for e in events),
        discussion_points=tuple(request.discussion_points),
        strengths=tuple(request.strengths),
        concerns_to_address=tuple(request.concerns_to_address),
        additional_info=tuple(request.additional_info),
    )


def overrides_from(request: InterviewFields) -> dict[str, Any]:
    """The policy overrides the request set, windows as domain values.

    Raises:
        InvalidFacts: for a null where the parameter needs a value.
    """
    if request.policy_overrides is None:
        return {}
    raw = request.policy_overrides.model_dump(exclude_unset=True)
    nulls = [
        key for key, value in raw.items() if value is None and key not in PolicyOverrides.NULLABLE
    ]
    if nulls:
        raise InvalidFacts([(("policy_overrides", key), "cannot be null") for key in nulls])
    return {
        key: BusinessDayWindow(**value) if isinstance(value, dict) else value
        for key, value in raw.items()
    }


# -- to the wire ----------------------------------------------------------------------------
# Dates, times and enums stay as they are: orjson writes them (RFC 3339, ISO dates, enum
# values) in C, byte for byte as isoformat() would.


def _window(window: BusinessDayWindow | None) -> dict[str, int] | None:
    return None if window is None else {"first": window.first, "last": window.last}


def policy_wire(policy: Policy) -> dict[str, Any]:
    return {
        "name": policy.name,
        "thank_you_within_hours": policy.thank_you_within_hours,
        "follow_up_after_deadline": _window(policy.follow_up_after_deadline),
        "follow_up_without_timeline": _window(policy.follow_up_without_timeline),
        "final_follow_up_after": _window(policy.final_follow_up_after),
        "escalation": policy.escalation,
        "escalation_after": _window(policy.escalation_after),
        "move_on_after": policy.move_on_after,
        "business_hours_start": policy.business_hours_start.strftime("%H:%M"),
        "business_hours_end": policy.business_hours_end.strftime("%H:%M"),
    }


def _message(message: Message | None) -> dict[str, Any] | None:
    if message is None:
        return None
    return {
        "channel": message.channel,
        "to": list(message.to),
        "subject": message.subject,
        "body_text": message.body_text,
        "body_html": message.body_html,
        "script": message.script,
    }


def _step(step: Step, message: Message | None) -> dict[str, Any]:
    return {
        "id": step.id,
        "kind": step.kind,
        "channel": step.channel,
        "to": [
            {"name": c.name, "email": c.email, "phone": c.phone, "role": c.role} for c in step.to
        ],
        "window": {"earliest": step.window.earliest, "latest": step.window.latest},
        "send_at": step.send_at,
        "status": step.status,
        "condition": step.condition,
        "optional": step.optional,
        "rationale": step.rationale,
        "rules": step.rules,
        "sources": step.sources,
        "done_at": step.done_at,
        "message": _message(message),
    }


def _next_action(action: NextAction | None) -> dict[str, Any] | None:
    if action is None:
        return None
    return {
        "step_id": action.step_id,
        "kind": action.kind,
        "status": action.status,
        "send_at": action.send_at,
        "summary": action.summary,
    }


def plan_wire(planned: PlannedInterview) -> dict[str, Any]:
    """A plan as JSON-ready data, shaped as :class:`app.api.schemas.PlanOut`."""
    plan: Plan = planned.plan
    timeline = plan.timeline
    action = plan.next_action
    expectations = plan.expectations
    return {
        "as_of": plan.as_of,
        "status": plan.status,
        "status_reason": plan.status_reason,
        "timeline": {
            "deadline": timeline.deadline,
            "source": timeline.source,
            "text": timeline.text,
            "matched": timeline.matched,
            "interpretation": timeline.interpretation,
        },
        "steps": [_step(s, planned.messages.get(s.id)) for s in plan.steps],
        "next_action": _next_action(action),
        "expectations": None
        if expectations is None
        else {
            "job_family": expectations.job_family,
            "typical_days_to_hire": expectations.typical_days_to_hire,
            "summary": expectations.summary,
            "rules": list(expectations.rules),
            "sources": list(expectations.sources),
        },
        "warnings": [{"code": w.code, "message": w.message} for w in plan.warnings],
        "policy": policy_wire(plan.policy),
        "calendar": {
            "country": plan.calendar.country,
            "subdivision": plan.calendar.subdivision,
            "extra_closed": list(plan.calendar.extra_closed),
            "weekend": [WEEKDAYS[d] for d in sorted(plan.weekend)],
        },
    }


def decoder(*, default_country: str) -> Decode:
    """Reads a stored interview's document back (it was valid when it was written)."""

    def decode(document: Mapping[str, Any]) -> Decoded:
        fields = InterviewFields.model_validate_json(orjson.dumps(document))
        return Decoded(
            facts=facts_from(fields, default_country=default_country),
            policy=resolve_policy(fields.policy, overrides_from(fields)),
            fields=fields.model_dump(mode="json"),
        )

    return decode


def document_of(fields: InterviewFields) -> dict[str, Any]:
    """What is stored: the facts as the client sent them (defaults stay implicit)."""
    return fields.model_dump(
        mode="json",
        exclude_unset=True,
        exclude=set(PlanRequest.model_fields) - set(InterviewFields.model_fields),
    )


def interview_wire(stored: StoredInterview, planned: PlannedInterview) -> dict[str, Any]:
    """A stored interview: its fields, id, events, times and current plan."""
    return {
        "id": stored.id,
        **stored.decoded.fields,
        "events": [
            {
                "seq": recorded.seq,
                "type": recorded.event.type,
                "at": recorded.event.at,
                "contact_email": recorded.event.contact_email,
                "outcome": recorded.event.outcome,
                "new_deadline": recorded.event.new_deadline,
                "timeline_text": recorded.event.timeline_text,
                "note": recorded.event.note,
                "recorded_at": recorded.recorded_at,
            }
            for recorded in stored.events
        ],
        "created_at": stored.created_at,
        "updated_at": stored.updated_at,
        "plan": plan_wire(planned),
    }


def summary_wire(listed: Listed) -> dict[str, Any]:
    stored, plan = listed.interview, listed.plan
    facts = stored.decoded.facts
    action = plan.next_action
    return {
        "id": stored.id,
        "company": facts.company,
        "job_title": facts.job_title,
        "candidate": facts.candidate.name,
        "starts_at": facts.starts_at,
        "status": plan.status,
        "status_reason": plan.status_reason,
        "next_action": _next_action(action),
        "events": len(stored.events),
        "created_at": stored.created_at,
        "updated_at": stored.updated_at,
    }


def agenda_wire(entry: AgendaEntry) -> dict[str, Any]:
    facts = entry.interview.decoded.facts
    return {
        "interview_id": entry.interview.id,
        "company": facts.company,
        "job_title": facts.job_title,
        "candidate": facts.candidate.name,
        "plan_status": entry.planned.plan.status,
        "step": _step(entry.step, entry.planned.messages.get(entry.step.id)),
    }
