"""Domain results in their wire form: plans, stored interviews, list items, agenda items.

The request side (wire facts to domain facts) is the stored-interview document's codec,
:mod:`app.services.document.codec`, below the web layer.
"""

from __future__ import annotations

from typing import Any

from app.domain.model import (
    Plan,
    Step,
)
from app.domain.policies import BusinessDayWindow, Policy
from app.domain.timeline import WEEKDAYS
from app.messages import Message, mailto_of
from app.services.interviews import AgendaEntry, Listed, StoredInterview
from app.services.planning import PlannedInterview
from app.services.webhook_events import next_action_data

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
        "mailto": mailto_of(message),
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
        "send_at_for_candidate": step.send_at_for_candidate or step.send_at,
        "status": step.status,
        "condition": step.condition,
        "optional": step.optional,
        "rationale": step.rationale,
        "rules": step.rules,
        "sources": step.sources,
        "done_at": step.done_at,
        "message": _message(message),
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
            "sentence": timeline.sentence,
            "set_aside": [{"text": s.text, "why": s.why} for s in timeline.set_aside],
        },
        "steps": [_step(s, planned.messages.get(s.id)) for s in plan.steps],
        "next_action": next_action_data(action),
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
        "replies": [
            {
                "at": r.at,
                "contact_email": r.contact_email,
                "outcome": r.reading.outcome,
                "given": r.reading.given,
                "recognized": r.reading.recognized,
                "matched": r.reading.matched,
                "new_deadline": r.reading.new_deadline,
                "return_date": r.reading.return_date,
                "interpretation": r.reading.interpretation,
            }
            for r in plan.replies
        ],
        "policy": policy_wire(plan.policy),
        "calendar": {
            "country": plan.calendar.country,
            "subdivision": plan.calendar.subdivision,
            "extra_closed": list(plan.calendar.extra_closed),
            "weekend": [WEEKDAYS[d] for d in sorted(plan.weekend)],
        },
    }


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
                "text": recorded.event.text,
                "return_date": recorded.event.return_date,
                "recorded_at": recorded.recorded_at,
            }
            for recorded in stored.events
        ],
        "created_at": stored.created_at,
        "updated_at": stored.updated_at,
        "plan": plan_wire(planned),
    }


def summary_wire(listed: Listed) -> dict[str, Any]:
    return {
        "id": listed.id,
        "company": listed.company,
        "job_title": listed.job_title,
        "candidate": listed.candidate,
        "starts_at": listed.starts_at,
        "status": listed.status,
        "status_reason": listed.status_reason,
        "next_action": next_action_data(listed.next_action),
        "events": listed.events,
        "created_at": listed.created_at,
        "updated_at": listed.updated_at,
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
