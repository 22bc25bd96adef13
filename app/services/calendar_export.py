"""A plan's steps as an iCalendar file (RFC 5545), made and escaped by ``icalendar``.

What goes in, and why:

- One VEVENT for each step still to do (due, overdue, upcoming, or waiting on an earlier step
  or on no reply); a step done or skipped is history, not an appointment, so it is left out.
  A calendar that subscribes to the file sees such a step disappear, and a step that comes
  back (a new wait after a reply) reappears under its own UID.
- UID ``<step id>.<interview id>@<host>``: step ids are stable for the same facts, so a
  re-import updates an event instead of adding a copy.
- DTSTART is the recommended ``send_at``, DTEND fifteen minutes later, TRANSP:TRANSPARENT
  (a reminder to write, not a meeting that makes you busy). The window's end, the deadline,
  is in the description. Times are written in UTC: every calendar shows them in its user's
  own zone, and no VTIMEZONE is needed for zones given only as an offset. The description
  gives the window in the recipient's own time.
- STATUS is TENTATIVE for a step that waits on an earlier one or on no reply, CONFIRMED
  otherwise. DTSTAMP is the plan's ``as_of``: the same plan gives the same bytes.
- A VALARM (ACTION:DISPLAY) 30 minutes before the start, CATEGORIES (the job search, the
  company, the kind of step), and the description: why, when, to whom, the rules and their
  seeds, then the message itself (subject and body, or the voicemail script).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from icalendar import Alarm, Calendar, Event
from icalendar.enums import STATUS, TRANSP

from app.domain.model import Channel, Plan, Step, StepKind, StepStatus
from app.domain.timeline import format_day
from app.services.planning import PlannedInterview

#: Steps that are still to do; done and skipped ones are left out of the calendar.
TO_DO = frozenset({StepStatus.DUE, StepStatus.OVERDUE, StepStatus.UPCOMING, StepStatus.WAITING})
EVENT_LENGTH = timedelta(minutes=15)
REMINDER_BEFORE = timedelta(minutes=30)
CATEGORY = "Job search"

_LABELS = {
    StepKind.THANK_YOU: "thank-you",
    StepKind.FOLLOW_UP: "follow-up",
    StepKind.FINAL_FOLLOW_UP: "final follow-up",
    StepKind.ESCALATION: "message to the hiring manager",
}


def _who(step: Step) -> str:
    return ", ".join(contact.name for contact in step.to)


def summary(step: Step, *, company: str, job_title: str) -> str:
    """What to do, to whom and how, in one line: ``Send the follow-up to Carol Diaz (email)``."""
    if step.kind is StepKind.MOVE_ON:
        return f"Move on: stop following up on the {job_title} role - {company}"
    label = _LABELS[step.kind]
    if step.channel is Channel.PHONE:
        action = f"Call {_who(step)} for the {label} (phone)"
    elif step.kind is StepKind.ESCALATION:
        action = f"Write once to the hiring manager {_who(step)} (email)"
    else:
        action = f"Send the {label} to {_who(step)} (email)"
    if step.optional:
        action = f"Optional: {action[0].lower()}{action[1:]}"
    if step.condition == "no_reply":
        action += " if no reply"
    return f"{action} - {company}"


def _local(moment: datetime) -> str:
    return f"{format_day(moment.date())}, {moment:%H:%M} (UTC{moment:%z})"


def description(step: Step, planned: PlannedInterview, *, candidate_name: str) -> str:
    """Why, when, to whom and under which rules; then the message, ready to send."""
    window = step.window
    lines = [
        step.rationale,
        "",
        f"Planned for: {_local(step.send_at)}",
        f"Window: {_local(window.earliest)} to {_local(window.latest)}, the recipient's time",
        f"Deadline: {_local(window.latest)}",
    ]
    if step.condition == "no_reply":
        lines.append("Only if: they have not replied by then")
    if step.status is StepStatus.WAITING:
        lines.append("Waiting: on an earlier step being sent and logged")
    if step.to:
        people = "; ".join(f"{c.name} <{c.email}>" if c.email else c.name for c in step.to)
        lines.append(f"To: {people}")
    seeds = ", ".join(f"{source:03d}" for source in step.sources)
    lines.append(f"Rules: {', '.join(step.rules)} (seed articles {seeds})")
    message = planned.messages.get(step.id)
    if message is not None:
        lines.append("")
        if message.channel is Channel.PHONE:
            lines += [f"Voicemail script for {candidate_name}:", message.script or ""]
        else:
            lines += [f"Subject: {message.subject or ''}", "", message.body_text]
    return "\n".join(lines)


def _event(
    step: Step,
    planned: PlannedInterview,
    *,
    interview_id: str,
    company: str,
    job_title: str,
    candidate_name: str,
    host: str,
) -> Event:
    plan: Plan = planned.plan
    start = step.send_at.astimezone(UTC)
    title = summary(step, company=company, job_title=job_title)
    tentative = step.status is StepStatus.WAITING or step.condition is not None
    event = Event.new(
        uid=f"{step.id}.{interview_id}@{host}",
        stamp=plan.as_of.astimezone(UTC),
        start=start,
        end=start + EVENT_LENGTH,
        summary=title,
        description=description(step, planned, candidate_name=candidate_name),
        categories=[CATEGORY, company, step.kind.value],
        status=STATUS.TENTATIVE if tentative else STATUS.CONFIRMED,
        transparency=TRANSP.TRANSPARENT,
    )
    alarm = Alarm.new(description=title)
    alarm.add("action", "DISPLAY")
    alarm.add("trigger", -REMINDER_BEFORE)
    event.add_component(alarm)
    return event


def plan_ics(
    planned: PlannedInterview,
    *,
    interview_id: str,
    company: str,
    job_title: str,
    candidate_name: str,
    prodid_host: str = "followup.local",
) -> bytes:
    """The plan's steps still to do as an iCalendar file (``text/calendar``).

    Args:
        planned: the plan and its rendered messages.
        interview_id: the stored interview's id; part of every UID.
        company: the hiring company, for summaries and categories.
        job_title: the position, for the calendar's name.
        candidate_name: whose plan it is.
        prodid_host: the host named in PRODID and in every UID.

    Returns:
        The calendar, CRLF line ends, lines folded at 75 octets, text escaped.
    """
    calendar = Calendar.new(
        uid=f"{interview_id}@{prodid_host}",
        prodid=f"-//{prodid_host}//Follow-up planner//EN",
        method="PUBLISH",
        name=f"Follow-up plan: {job_title} at {company}",
        description=f"{candidate_name}'s follow-up plan for the {job_title} role at {company}.",
    )
    for step in planned.plan.steps:
        if step.status in TO_DO:
            calendar.add_component(
                _event(
                    step,
                    planned,
                    interview_id=interview_id,
                    company=company,
                    job_title=job_title,
                    candidate_name=candidate_name,
                    host=prodid_host,
                )
            )
    ical: bytes = calendar.to_ical()
    return ical
