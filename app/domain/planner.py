"""The planner: interview facts, policy and ``as_of`` in, a plan out (docs/time.md).

Deterministic: the same facts, events, policy and ``as_of`` always give the same plan. Every
window of a later step hangs off the effective day of the step before it, the day it was
really sent or else the day it is planned for, so a late thank-you moves everything after it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta, tzinfo

from app.domain.calendar import EXTRA_CLOSED, BusinessCalendar
from app.domain.errors import InvalidFacts
from app.domain.model import (
    Channel,
    Contact,
    ContactRole,
    DecisionTimeline,
    Event,
    EventType,
    Expectations,
    Explained,
    InterviewFacts,
    NextAction,
    Plan,
    PlanStatus,
    ReadReply,
    ReplyOutcome,
    ReplyReading,
    Step,
    StepKind,
    StepStatus,
    TimelineReading,
    TimelineSource,
    Warning,
    Window,
    said,
)
from app.domain.policies import BusinessDayWindow, Policy
from app.domain.replies import read_reply
from app.domain.rules import sources_of
from app.domain.timeline import format_day, read_timeline

#: R14: typical days to hire by job family (LinkedIn analysis of 400,000 hires, 2020-2021; 002).
DAYS_TO_HIRE = {
    "engineering": 49,
    "research": 48,
    "project_management": 47,
    "customer_service": 34,
    "administrative": 33,
}

#: A thank-you sent the minute the call ends reads automatic; leave an hour (R1 "soon after").
THANK_YOU_SETTLE = timedelta(hours=1)

#: R1: the latest a thank-you may wait for a business day: 48 hours (001, 004).
THANK_YOU_LIMIT = timedelta(hours=48)

_MESSAGE_EVENTS = (EventType.FOLLOW_UP_SENT, EventType.CALL_MADE)

#: The fixed tails of a rationale: parts said after its reason.
_OWN_NOTE = said(", with a note of their own", "tail.own_note")
_AFTER_THANK_YOU = said(
    ", and not before the business day after your thank-you", "tail.after_thank_you"
)
_BY_PHONE_TWICE = said(" by phone, as they asked, leaving your number twice", "tail.phone")


def normalize_job_family(job_family: str | None) -> str | None:
    """``Project Management`` and ``project-management`` both become ``project_management``."""
    if job_family is None:
        return None
    return "_".join(job_family.strip().lower().replace("-", " ").split()) or None


def primary_contact(contacts: Iterable[Contact]) -> Contact | None:
    """R15: the contact named primary, else the one who scheduled the interview, else the
    hiring manager, else a recruiter, else the first contact."""
    contacts = tuple(contacts)
    for wanted in (
        lambda c: c.primary,
        lambda c: c.scheduled_interview,
        lambda c: c.role is ContactRole.HIRING_MANAGER,
        lambda c: c.role is ContactRole.RECRUITER,
    ):
        for contact in contacts:
            if wanted(contact):
                return contact
    return contacts[0] if contacts else None


@dataclass(slots=True)
class _Cycle:
    """One wait for a decision: from the interview, or from a reply that gave a new date."""

    number: int
    anchor_day: date
    reading: TimelineReading
    messages: list[Event] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _Timing:
    """When a status follow-up goes and why: its business days, reason and rules."""

    first: date
    last: date
    why: Explained
    rules: tuple[str, ...]
    #: R12: the message mentions the other process that is moving faster.
    mentions_competing: bool = False
    #: What narrows the window further, each a part said after ``why``.
    tails: tuple[Explained, ...] = ()


@dataclass(slots=True)
class _History:
    """What the events say, read in time order."""

    thank_you_for_all: datetime | None
    thank_you_by_email: dict[str, datetime]
    cycles: list[_Cycle]
    closed_by: str | None = None


class _Planner:
    def __init__(
        self,
        facts: InterviewFacts,
        policy: Policy,
        as_of: datetime,
        calendar: BusinessCalendar,
        day_first: bool,
    ) -> None:
        if not facts.contacts:
            raise InvalidFacts([(("contacts",), "at least one contact is needed")])
        if as_of.tzinfo is None or facts.starts_at.tzinfo is None:
            raise InvalidFacts([(("as_of",), "must carry a UTC offset")])
        self.facts = facts
        self.policy = policy
        self.as_of = as_of
        self.calendar = calendar
        self.day_first = day_first
        self.interview_day = facts.local_start.date()
        self.warnings: list[Warning] = []
        self.primary = primary_contact(facts.contacts) or facts.contacts[0]
        #: Contacts away (an out-of-office reply): nothing goes to them before that day.
        self.holds: dict[str, tuple[date, Explained]] = {}
        self.replies: list[ReadReply] = []

    # -- time ---------------------------------------------------------------------------------

    def zone(self, contact: Contact) -> tzinfo:
        return contact.timezone or self.facts.timezone

    def _at(self, day: date, clock: time, zone: tzinfo) -> datetime:
        return datetime.combine(day, clock, tzinfo=zone)

    def business_days(self, first: date, last: date, zone: tzinfo) -> Window:
        """A window from the start of business hours on ``first`` to their end on ``last``."""
        return Window(
            self._at(first, self.policy.business_hours_start, zone),
            self._at(last, self.policy.business_hours_end, zone),
        )

    def next_business_moment(self, moment: datetime, zone: tzinfo) -> datetime:
        """The first moment at or after ``moment`` in business hours on a business day."""
        local = moment.astimezone(zone)
        day = local.date()
        if self.calendar.is_business_day(day):
            if local.time() < self.policy.business_hours_start:
                return self._at(day, self.policy.business_hours_start, zone)
            if local.time() < self.policy.business_hours_end:
                return local
            day = self.calendar.business_day_after(day, 1)
        else:
            day = self.calendar.business_day_on_or_after(day)
        return self._at(day, self.policy.business_hours_start, zone)

    def _next_hours_moment(self, moment: datetime, zone: tzinfo) -> datetime:
        """The first moment at or after ``moment`` in business hours, any day of the week."""
        local = moment.astimezone(zone)
        if local.time() < self.policy.business_hours_start:
            return self._at(local.date(), self.policy.business_hours_start, zone)
        if local.time() < self.policy.business_hours_end:
            return local
        return self._at(local.date() + timedelta(days=1), self.policy.business_hours_start, zone)

    def after(self, day: date, days: BusinessDayWindow) -> tuple[date, date]:
        return (
            self.calendar.business_day_after(day, days.first),
            self.calendar.business_day_after(day, days.last),
        )

    def status(
        self, *, done_at: datetime | None, blocked: bool, window: Window, optional: bool = False
    ) -> StepStatus:
        if done_at is not None:
            return StepStatus.DONE
        if blocked:
            return StepStatus.WAITING
        if self.as_of < window.earliest:
            return StepStatus.UPCOMING
        if self.as_of <= window.latest:
            return StepStatus.DUE
        return StepStatus.SKIPPED if optional else StepStatus.OVERDUE

    def send_at(self, window: Window, zone: tzinfo, done_at: datetime | None) -> datetime:
        if done_at is not None:
            return done_at.astimezone(zone)
        return self.next_business_moment(max(window.earliest, self.as_of), zone)

    def warn(self, code: str, message: str) -> None:
        if all(w.code != code or w.message != message for w in self.warnings):
            self.warnings.append(Warning(code, message))

    # -- events -------------------------------------------------------------------------------

    def read(
        self,
        timeline_text: str | None,
        by: date | None,
        said_on: date,
        counted_from: str = "the interview",
    ) -> TimelineReading:
        reading = read_timeline(
            DecisionTimeline(by=by, text=timeline_text) if (by or timeline_text) else None,
            said_on=said_on,
            calendar=self.calendar,
            day_first=self.day_first,
            counted_from=counted_from,
            language=self.facts.language,
        )
        if reading.source is TimelineSource.TEXT and reading.deadline is None:
            self.warn(
                "timeline_unrecognized",
                said(
                    f'Could not read a decision date from "{reading.text}"; the plan waits '
                    "as if no timeline was given (R7).",
                    "warning.timeline_unrecognized",
                    text=reading.text,
                ),
            )
        if reading.deadline is not None:
            if reading.deadline < said_on:
                self.warn(
                    "deadline_in_past",
                    said(
                        f"The decision date {format_day(reading.deadline)} is before "
                        f"{format_day(said_on)}, when it was given.",
                        "warning.deadline_in_past",
                        deadline=reading.deadline,
                        said_on=said_on,
                    ),
                )
            closure = self.calendar.closure(reading.deadline)
            if closure is not None:
                self.warn(
                    "deadline_not_business_day",
                    said(
                        f"The decision date {format_day(reading.deadline)} is not a business "
                        f"day ({closure}); business days are counted from it.",
                        "warning.deadline_not_business_day",
                        deadline=reading.deadline,
                        closure=self.closure_said(closure, reading.deadline),
                    ),
                )
        return reading

    def closure_said(self, closure: str, day: date) -> Explained:
        """Why ``day`` is closed, as a part: the weekend, an extra closed date, or a holiday
        of this calendar (its name as the calendar gives it)."""
        if closure == "weekend":
            return said(closure, "closure.weekend")
        if closure == EXTRA_CLOSED:
            return said(closure, "closure.extra")
        spec = self.calendar.spec
        return said(
            closure,
            "holiday.official",
            day=day,
            country=spec.country,
            subdivision=spec.subdivision or "",
        )

    def history(self) -> _History:
        facts = self.facts
        timeline = facts.timeline
        first = _Cycle(
            1,
            self.interview_day,
            self.read(
                timeline.text if timeline else None,
                timeline.by if timeline else None,
                self.interview_day,
            ),
        )
        history = _History(facts.thank_you_sent_at, {}, [first])
        for event in sorted(facts.events, key=lambda e: e.at):
            if history.closed_by is not None:
                break
            if event.at > self.as_of:
                self.warn(
                    "event_in_future",
                    said(
                        f"A {event.type.value.replace('_', ' ')} event is dated "
                        f"{format_day(self.local_day(event.at))}, after the plan's moment "
                        f"({format_day(self.local_day(self.as_of))}); the plan takes it as "
                        "happened. Check its date and offset.",
                        "warning.event_in_future",
                        event=said(event.type.value.replace("_", " "), f"event.{event.type.value}"),
                        day=self.local_day(event.at),
                        now=self.local_day(self.as_of),
                    ),
                )
            cycle = history.cycles[-1]
            if event.type is EventType.THANK_YOU_SENT:
                if event.contact_email:
                    history.thank_you_by_email.setdefault(event.contact_email.lower(), event.at)
                elif history.thank_you_for_all is None:
                    history.thank_you_for_all = event.at
            elif event.type in _MESSAGE_EVENTS:
                cycle.messages.append(event)
            elif event.type is EventType.WITHDRAWN:
                withdrawn = self.local_day(event.at)
                history.closed_by = said(
                    f"You withdrew on {format_day(withdrawn)}.", "status.withdrawn", day=withdrawn
                )
            elif event.type is EventType.REPLY_RECEIVED:
                self.reply(event, history)
        return history

    def reply(self, event: Event, history: _History) -> None:
        """A reply closes the plan (an offer, a rejection, a next round), starts a new wait on
        a new date (R6), lets the wait go on (an update without a date), or, when it is an
        automatic out-of-office notice, holds messages to that contact until they are back."""
        said_on = self.local_day(event.at)
        reading = self.reply_reading(event, said_on)
        self.replies.append(ReadReply(event.at, event.contact_email, reading))
        outcome, company = reading.outcome, self.facts.company
        cycle = history.cycles[-1]
        if outcome is ReplyOutcome.OUT_OF_OFFICE:
            self.out_of_office(event, reading)
        elif outcome in (ReplyOutcome.OFFER, ReplyOutcome.REJECTION):
            history.closed_by = said(
                f"{company} replied on {format_day(said_on)} with "
                f"{'an offer' if outcome is ReplyOutcome.OFFER else 'a decision'}.",
                "status.offer" if outcome is ReplyOutcome.OFFER else "status.rejection",
                company=company,
                day=said_on,
            )
        elif event.new_deadline or event.timeline_text:
            timeline = self.read(event.timeline_text, event.new_deadline, said_on, "their reply")
            history.cycles.append(_Cycle(cycle.number + 1, said_on, timeline))
        elif reading.new_deadline is not None and event.text:
            timeline = self.read(event.text, None, said_on, "their reply")
            history.cycles.append(_Cycle(cycle.number + 1, said_on, timeline))
        elif outcome is ReplyOutcome.NEXT_ROUND:
            history.closed_by = said(
                f"{company} invited you to a next round on {format_day(said_on)}; "
                "plan that interview as its own.",
                "status.next_round",
                company=company,
                day=said_on,
            )
        # An update without a new date: nothing closes, the wait goes on.

    def reply_reading(self, event: Event, said_on: date) -> ReplyReading:
        """The client's outcome when given (it always wins), else what the text says."""
        if event.outcome is not None or not event.text:
            outcome = event.outcome or ReplyOutcome.UPDATE
            given = ReplyReading(
                outcome,
                given=event.outcome is not None,
                new_deadline=event.new_deadline,
                return_date=event.return_date,
                interpretation=said(
                    f"Given as {outcome.value.replace('_', ' ')}.",
                    "reply.given",
                    outcome=said(outcome.value.replace("_", " "), f"outcome.{outcome.value}"),
                ),
            )
            if event.text and outcome in (ReplyOutcome.UPDATE, ReplyOutcome.OUT_OF_OFFICE):
                # The outcome is the client's; a date only the text gives is still taken.
                read = read_reply(
                    event.text,
                    received_on=said_on,
                    calendar=self.calendar,
                    day_first=self.day_first,
                    language=self.facts.language,
                )
                given = replace(
                    given,
                    new_deadline=given.new_deadline or read.new_deadline,
                    return_date=given.return_date or read.return_date,
                )
            return given
        reading = read_reply(
            event.text,
            received_on=said_on,
            calendar=self.calendar,
            day_first=self.day_first,
            language=self.facts.language,
        )
        if not reading.recognized:
            excerpt = " ".join(event.text.split())[:80]
            self.warn(
                "reply_unrecognized",
                said(
                    f'Could not tell what the reply of {format_day(said_on)} says ("{excerpt}"); '
                    "the plan takes it as an update without a new date. Log its outcome to be "
                    "sure.",
                    "warning.reply_unrecognized",
                    day=said_on,
                    excerpt=excerpt,
                ),
            )
        if event.return_date is not None and reading.outcome is ReplyOutcome.OUT_OF_OFFICE:
            reading = replace(reading, return_date=event.return_date)
        return reading

    def out_of_office(self, event: Event, reading: ReplyReading) -> None:
        """An automatic reply is not an answer: nothing goes to that contact before the second
        business day after they are back (R13); without a return date, a warning."""
        address = (event.contact_email or "").lower()
        contact = next(
            (c for c in self.facts.contacts if address and (c.email or "").lower() == address),
            self.primary,
        )
        back = reading.return_date
        if back is None:
            self.warn(
                "out_of_office_no_return",
                said(
                    f"{contact.name} is out of the office and gave no return date; check they "
                    "are back before writing to them.",
                    "warning.out_of_office_no_return",
                    who=contact.name,
                ),
            )
            return
        not_before = self.calendar.business_day_after(back, 2)
        held = self.holds.get(contact.key)
        if held is None or held[0] < not_before:
            self.holds[contact.key] = (
                not_before,
                said(
                    f"{contact.name} is out of the office until {format_day(back)}",
                    "away.until",
                    who=contact.name,
                    back=back,
                ),
            )

    def held(
        self, contact: Contact, first: date, last: date
    ) -> tuple[date, date, tuple[Explained, ...]]:
        """A window moved past a contact's absence, and the words that say so (a tail)."""
        hold = self.holds.get(contact.key)
        if hold is None or first >= hold[0]:
            return first, last, ()
        not_before, why = hold
        return (
            not_before,
            max(last, not_before),
            (
                said(
                    f"; {why}, so not before {format_day(not_before)}, the second business "
                    "day after",
                    "tail.away",
                    away=why,
                    day=not_before,
                ),
            ),
        )

    def local_day(self, moment: datetime, zone: tzinfo | None = None) -> date:
        """The date of ``moment`` where it is read: a recipient's zone, else the interview's."""
        return moment.astimezone(zone or self.facts.timezone).date()

    # -- steps --------------------------------------------------------------------------------

    def thank_you_steps(self, history: _History) -> list[Step]:
        interviewed = [c for c in self.facts.contacts if c.interviewed] or [self.primary]
        several = len(interviewed) > 1
        rules = ("R1", "R2", "R3") if several else ("R1", "R3")
        hours = self.policy.thank_you_within_hours
        steps = []
        for contact in interviewed:
            zone = self.zone(contact)
            window = Window(
                self.facts.ends_at.astimezone(zone),
                (self.facts.ends_at + timedelta(hours=hours)).astimezone(zone),
            )
            done_at = (
                history.thank_you_by_email.get((contact.email or "").lower())
                or history.thank_you_for_all
            )
            send_at = self.thank_you_send_at(window, zone, done_at)
            if done_at is None and self.as_of <= window.latest < send_at <= self.thank_you_limit:
                # The window closed on a closed day: it stays open to the business moment.
                window = Window(window.earliest, send_at)
            status = self.status(done_at=done_at, blocked=False, window=window)
            if status is StepStatus.OVERDUE or (done_at is not None and done_at > window.latest):
                self.warn(
                    "thank_you_late",
                    said(
                        f"The thank-you to {contact.name} was due within {hours} hours of the "
                        "interview; send it now all the same, it still helps (R1).",
                        "warning.thank_you_late",
                        who=contact.name,
                        hours=hours,
                    ),
                )
            self.require_address(contact, Channel.EMAIL)
            if done_at is None and not (contact.discussion_point or self.facts.discussion_points):
                self.warn(
                    "no_discussion_point",
                    said(
                        f"Add a specific point from your conversation with {contact.name}: a "
                        "thank-you without one reads generic (R1, R13).",
                        "warning.no_discussion_point",
                        who=contact.name,
                    ),
                )
            steps.append(
                Step(
                    id=f"thank_you-{contact.key}",
                    kind=StepKind.THANK_YOU,
                    channel=Channel.EMAIL,
                    to=(contact,),
                    window=window,
                    send_at=send_at,
                    status=status,
                    rationale=said(
                        f"Thank {contact.name} by name within {hours} hours, mentioning a "
                        "specific point from your conversation and not asking about the "
                        "timeline" + (", with a note of their own" if several else "") + ".",
                        "rationale.thank_you",
                        who=contact.name,
                        hours=hours,
                        tail=(_OWN_NOTE,) if several else (),
                    ),
                    rules=rules,
                    sources=sources_of(rules),
                    done_at=done_at,
                )
            )
        return steps

    @property
    def thank_you_limit(self) -> datetime:
        """R1: 24 hours is the aim (000), 48 the most the seeds allow (001, 004)."""
        return self.facts.ends_at + THANK_YOU_LIMIT

    def thank_you_send_at(self, window: Window, zone: tzinfo, done_at: datetime | None) -> datetime:
        """R1: soon after the interview, in business hours on a business day (the time
        section of the specification) when one comes within 48 hours of the interview, even past
        a 24-hour window; a closed day only when none does."""
        if done_at is not None:
            return done_at.astimezone(zone)
        if self.as_of > window.latest:
            return self.next_business_moment(self.as_of, zone)
        start = max(window.earliest + THANK_YOU_SETTLE, self.as_of)
        business = self.next_business_moment(start, zone)
        if business <= max(window.latest, self.thank_you_limit):
            return business
        hours = self._next_hours_moment(start, zone)
        if hours <= window.latest:
            return hours
        return start.astimezone(zone)

    def channel_for(self, contact: Contact) -> Channel:
        """R4: email, unless the contact asked for phone and both numbers are known."""
        asked = contact.preferred_channel or (
            self.facts.preferred_channel if contact is self.primary else Channel.EMAIL
        )
        if asked is Channel.PHONE:
            if contact.phone and self.facts.candidate.phone:
                return Channel.PHONE
            missing = (
                said("their number", "missing.their_number")
                if not contact.phone
                else said("your own number for the voicemail", "missing.own_number")
            )
            self.warn(
                "phone_not_possible",
                said(
                    f"{contact.name} asked for a call, but {missing} is missing; the plan "
                    "uses email instead (R4).",
                    "warning.phone_not_possible",
                    who=contact.name,
                    missing=missing,
                ),
            )
        self.require_address(contact, Channel.EMAIL)
        return Channel.EMAIL

    def require_address(self, contact: Contact, channel: Channel) -> None:
        if channel is Channel.EMAIL and not contact.email:
            self.warn(
                "no_contact_address",
                said(
                    f"No email address is known for {contact.name}; add it before sending.",
                    "warning.no_contact_address",
                    who=contact.name,
                ),
            )

    def cycle_steps(self, cycle: _Cycle, thank_yous: list[Step]) -> list[Step]:
        """One wait's steps: the follow-up, the final one, an escalation, then move on."""
        suffix = "" if cycle.number == 1 else f"-{cycle.number}"
        follow_up = self.follow_up_step(cycle, thank_yous, suffix)
        steps = [follow_up]
        last_message = follow_up
        final = self.final_step(cycle, follow_up, suffix)
        if final is not None:
            steps.append(final)
            last_message = final
            escalation = self.escalation(final, cycle.messages, suffix)
            if escalation is not None:
                steps.append(escalation)
                if escalation.status is not StepStatus.SKIPPED:
                    last_message = escalation
        # Every logged message that no step of the plan accounts for is one too many.
        messages = cycle.messages
        accounted = sum(1 for step in steps if step.done_at is not None)
        if len(messages) > accounted:
            self.warn(
                "too_many_follow_ups",
                said(
                    f"{len(messages)} status messages were logged where the plan has room for "
                    f"{accounted}; further messages can hurt more than help (R9, R13).",
                    "warning.too_many_follow_ups",
                    count=len(messages),
                    room=accounted,
                ),
            )
        self.check_spacing(messages)
        steps.append(self.move_on(cycle, last_message, steps, suffix))
        return steps

    def follow_up_timing(self, cycle: _Cycle, thank_yous: list[Step]) -> _Timing:
        """R6 after a deadline, R7 without one; never before the thank-yous (R5); before a
        faster process's date (R12)."""
        policy, primary = self.policy, self.primary
        deadline = cycle.reading.deadline
        if deadline is not None:
            first, last = self.after(deadline, policy.follow_up_after_deadline)
            rules: tuple[str, ...] = ("R5", "R6", "R8", "R15")
            full_day = policy.follow_up_after_deadline.first > 1
            wait = (
                said("one full business day has", "wait.full_day")
                if full_day
                else said("it has", "wait.day")
            )
            why = said(
                f"The decision was expected by {format_day(deadline)}, so wait until "
                f"{wait} passed and ask {primary.name} for an update",
                "why.deadline",
                day=deadline,
                wait=wait,
                who=primary.name,
            )
        else:
            first, last = self.after(cycle.anchor_day, policy.follow_up_without_timeline)
            rules = ("R5", "R7", "R8", "R15")
            since = (
                said("the interview", "since.interview")
                if cycle.number == 1
                else said("their reply", "since.reply")
            )
            span = policy.follow_up_without_timeline
            days = f"{span.first}" if span.first == span.last else f"{span.first}-{span.last}"
            why = said(
                f"No decision date was given, so wait {days} business days after {since} "
                f"before asking {primary.name} for an update",
                "why.no_date",
                count=days,
                since=since,
                who=primary.name,
            )
        # R5: never before the business day after the last thank-you (sent or planned).
        zone = self.zone(primary)
        thank_you_day = max((self.local_day(s.send_at, zone) for s in thank_yous), default=None)
        floor = self.calendar.business_day_after(thank_you_day or cycle.anchor_day, 1)
        tails: tuple[Explained, ...] = ()
        if first < floor:
            first, last = floor, max(last, floor)
            tails = (_AFTER_THANK_YOU,)
        timing = self.competing(cycle, _Timing(first, last, why, rules, tails=tails), floor)
        first, last, away = self.held(primary, timing.first, timing.last)
        return replace(timing, first=first, last=last, tails=timing.tails + away)

    def follow_up_step(self, cycle: _Cycle, thank_yous: list[Step], suffix: str) -> Step:
        """R8: the status follow-up to the primary contact (R15), by their channel (R4)."""
        primary = self.primary
        zone = self.zone(primary)
        timing = self.follow_up_timing(cycle, thank_yous)
        why, tails, rules = timing.why, timing.tails, timing.rules
        channel = self.channel_for(primary)
        if channel is Channel.PHONE:
            rules = (*rules, "R4")
            tails = (*tails, _BY_PHONE_TWICE)
        window = self.business_days(timing.first, timing.last, zone)
        messages = cycle.messages
        done_at = messages[0].at if messages else None
        blocked = any(s.done_at is None for s in thank_yous)
        if done_at is not None:
            sent_day = done_at.astimezone(zone).date()
            if sent_day < timing.first:
                self.warn(
                    "follow_up_too_soon",
                    said(
                        f"The follow-up went on {format_day(sent_day)}, before "
                        f"{format_day(timing.first)}, when it was due; wait the full time for "
                        "the next one (R13).",
                        "warning.follow_up_too_soon",
                        sent=sent_day,
                        due=timing.first,
                    ),
                )
            if any(s.done_at is None or s.done_at > done_at for s in thank_yous):
                self.warn(
                    "follow_up_before_thank_you",
                    said(
                        "A status follow-up went before the thank-you (R5).",
                        "warning.follow_up_before_thank_you",
                    ),
                )
        return Step(
            id=f"follow_up{suffix}",
            kind=StepKind.FOLLOW_UP,
            channel=channel,
            to=(primary,),
            window=window,
            send_at=self.send_at(window, zone, done_at),
            status=self.status(done_at=done_at, blocked=blocked, window=window),
            rationale=said(why + "".join(tails) + ".", "rationale.follow_up", why=why, tail=tails),
            rules=rules,
            sources=sources_of(rules),
            done_at=done_at,
            mentions_competing_process=timing.mentions_competing,
        )

    def final_step(self, cycle: _Cycle, follow_up: Step, suffix: str) -> Step | None:
        """R9: one final, briefer message if the follow-up goes unanswered (None when the
        policy has no final follow-up)."""
        policy, primary = self.policy, self.primary
        if policy.final_follow_up_after is None:
            return None
        zone = self.zone(primary)
        first, last = self.after(
            self.local_day(follow_up.send_at, zone), policy.final_follow_up_after
        )
        # R6: after a follow-up sent too soon, nothing comes before the wait R6 asked for.
        due = follow_up.window.earliest.astimezone(zone).date()
        too_soon: tuple[Explained, ...] = ()
        if first < due:
            first, last = due, max(last, due)
            too_soon = (
                said(
                    f", and not before {format_day(due)}, when the follow-up was due (R6)",
                    "tail.due",
                    day=due,
                ),
            )
        first, last, held = self.held(primary, first, last)
        away = too_soon + held
        window = self.business_days(first, last, zone)
        messages = cycle.messages
        done_at = messages[1].at if len(messages) > 1 else None
        rules = ("R9", "R13")
        return Step(
            id=f"final_follow_up{suffix}",
            kind=StepKind.FINAL_FOLLOW_UP,
            channel=follow_up.channel,
            to=(primary,),
            window=window,
            send_at=self.send_at(window, zone, done_at),
            status=self.status(done_at=done_at, blocked=follow_up.done_at is None, window=window),
            condition="no_reply",
            rationale=said(
                f"If {primary.name} has not replied about "
                f"{policy.final_follow_up_after.first} business days after the "
                f"follow-up, send one final, briefer message; then stop{''.join(away)}.",
                "rationale.final",
                who=primary.name,
                count=policy.final_follow_up_after.first,
                tail=away,
            ),
            rules=rules,
            sources=sources_of(rules),
            done_at=done_at,
        )

    def competing(self, cycle: _Cycle, timing: _Timing, floor: date) -> _Timing:
        """R12: a faster process pulls the follow-up before its date, and is mentioned.

        A window that starts before the other date keeps its start and ends before that date;
        otherwise it moves to the three business days before it, never earlier than ``floor``
        (R5).
        """
        competing = self.facts.competing_deadline
        if competing is None:
            return timing
        if competing.on <= cycle.anchor_day:
            if cycle.number == 1:
                self.warn(
                    "competing_deadline_passed",
                    said(
                        f"The other process's date, {format_day(competing.on)}, is not after "
                        "the interview, so the plan does not mention it.",
                        "warning.competing_deadline_passed",
                        day=competing.on,
                    ),
                )
            return timing
        if timing.first < competing.on:
            before = self.calendar.business_day_after(competing.on, -1)
            return replace(
                timing,
                last=max(timing.first, min(timing.last, before)),
                rules=(*timing.rules, "R12"),
                mentions_competing=True,
            )
        last = max(floor, self.calendar.business_day_after(competing.on, -1))
        first = max(floor, self.calendar.business_day_after(competing.on, -3))
        other = f" at {competing.company}" if competing.company else ""
        why = said(
            f"Another process{other} needs an answer by {format_day(competing.on)}, so ask "
            f"{self.primary.name} about their timeline before then, politely",
            "why.competing_at" if competing.company else "why.competing",
            company=competing.company or "",
            day=competing.on,
            who=self.primary.name,
        )
        if last >= competing.on:
            self.warn(
                "competing_deadline_close",
                said(
                    f"The other process's date, {format_day(competing.on)}, leaves no business "
                    "day to ask first; ask as soon as you can.",
                    "warning.competing_deadline_close",
                    day=competing.on,
                ),
            )
        rules = tuple(r for r in timing.rules if r not in ("R6", "R7")) + ("R12",)
        return _Timing(first, last, why, rules, mentions_competing=True)

    def escalation(self, final: Step, messages: list[Event], suffix: str) -> Step | None:
        """R10: after two unanswered messages to a recruiter, the hiring manager, once."""
        primary = self.primary
        manager = next(
            (
                c
                for c in self.facts.contacts
                if c.role is ContactRole.HIRING_MANAGER and c.email and c != primary
            ),
            None,
        )
        if not (self.policy.escalation and primary.role is ContactRole.RECRUITER and manager):
            return None
        address = (manager.email or "").lower()
        zone = self.zone(manager)
        first, last = self.after(self.local_day(final.send_at, zone), self.policy.escalation_after)
        first, last, away = self.held(manager, first, last)
        window = self.business_days(first, last, zone)
        # The third message is the escalation, unless it went to someone else (the recruiter).
        third = messages[2] if len(messages) > 2 else None
        if third and third.contact_email and third.contact_email.lower() != address:
            third = None
        done_at = third.at if third else None
        rules = ("R10", "R13")
        return Step(
            id=f"escalation{suffix}",
            kind=StepKind.ESCALATION,
            channel=self.channel_for(manager),
            to=(manager,),
            window=window,
            send_at=self.send_at(window, zone, done_at),
            status=self.status(
                done_at=done_at, blocked=final.done_at is None, window=window, optional=True
            ),
            condition="no_reply",
            optional=True,
            rationale=said(
                f"After two unanswered messages to the recruiter {primary.name}, you may "
                f"write once to the hiring manager {manager.name}; some prefer to stick "
                f"to the primary contact{''.join(away)}.",
                "rationale.escalation",
                who=primary.name,
                manager=manager.name,
                tail=away,
            ),
            rules=rules,
            sources=sources_of(rules),
            done_at=done_at,
            regarding=primary,
        )

    def check_spacing(self, messages: list[Event]) -> None:
        """R13: no status messages to several people within 24 hours."""
        for earlier, later in zip(messages, messages[1:], strict=False):
            if (
                later.at - earlier.at < timedelta(hours=24)
                and (earlier.contact_email or "").lower() != (later.contact_email or "").lower()
            ):
                self.warn(
                    "several_contacts_within_24h",
                    said(
                        "Status messages went to several people within 24 hours (R13).",
                        "warning.several_contacts_within_24h",
                    ),
                )

    def move_on(self, cycle: _Cycle, last_message: Step, steps: list[Step], suffix: str) -> Step:
        """R11: a set number of business days after the last message, stop."""
        zone = self.zone(self.primary)
        day = self.calendar.business_day_after(
            self.local_day(last_message.send_at, zone), self.policy.move_on_after
        )
        window = self.business_days(day, day, zone)
        blocked = any(s.done_at is None for s in steps if not s.optional)
        status = self.status(done_at=None, blocked=blocked, window=window)
        if status is StepStatus.OVERDUE:
            status = StepStatus.DUE
        rules = ("R11",)
        return Step(
            id=f"move_on{suffix}",
            kind=StepKind.MOVE_ON,
            channel=Channel.NONE,
            to=(),
            window=window,
            send_at=self.next_business_moment(max(window.earliest, self.as_of), zone),
            status=status,
            condition="no_reply",
            rationale=said(
                f"After the last message, stop contacting {self.facts.company} about this "
                "role and put your energy into other applications; silence is an answer.",
                "rationale.move_on",
                company=self.facts.company,
            ),
            rules=rules,
            sources=sources_of(rules),
        )

    # -- the plan -----------------------------------------------------------------------------

    def plan(self) -> Plan:
        if self.policy.escalation and self.policy.final_follow_up_after is None:
            self.warn(
                "escalation_not_possible",
                said(
                    "Escalation is on, but this policy sends no final follow-up: two messages "
                    "never go unanswered, so the plan has no step to the hiring manager (R10).",
                    "warning.escalation_not_possible",
                ),
            )
        history = self.history()
        steps = self.thank_you_steps(history)
        thank_yous = list(steps)
        for cycle in history.cycles:
            cycle_steps = self.cycle_steps(cycle, thank_yous)
            if cycle is not history.cycles[-1]:
                cycle_steps = [_skipped(s) for s in cycle_steps]
            steps.extend(cycle_steps)
        candidate_zone = self.facts.candidate.timezone or self.facts.timezone
        steps = [
            replace(s, send_at_for_candidate=s.send_at.astimezone(candidate_zone)) for s in steps
        ]
        if history.closed_by is not None:
            steps = [_skipped(s) for s in steps]
            status = PlanStatus.CLOSED
        elif steps[-1].kind is StepKind.MOVE_ON and steps[-1].status is StepStatus.DUE:
            status = PlanStatus.MOVED_ON
        else:
            status = PlanStatus.ACTIVE
        reading = history.cycles[-1].reading
        return Plan(
            as_of=self.as_of,
            status=status,
            timeline=reading,
            steps=tuple(steps),
            next_action=None if status is PlanStatus.CLOSED else self.next_action(steps),
            expectations=self.expectations(),
            warnings=tuple(self.warnings),
            policy=self.policy,
            calendar=self.calendar.spec,
            weekend=self.calendar.weekend,
            status_reason=history.closed_by or _status_reason(status, self.facts.company),
            replies=tuple(self.replies),
        )

    def next_action(self, steps: list[Step]) -> NextAction | None:
        actionable = [s for s in steps if s.status in (StepStatus.DUE, StepStatus.OVERDUE)]
        if not actionable:
            upcoming = [s for s in steps if s.status is StepStatus.UPCOMING]
            actionable = sorted(upcoming, key=lambda s: s.send_at)[:1]
        if not actionable:
            return None
        step = actionable[0]
        return NextAction(step.id, step.kind, step.status, step.send_at, _summary(step))

    def expectations(self) -> Expectations | None:
        family = normalize_job_family(self.facts.job_family)
        days = DAYS_TO_HIRE.get(family or "")
        if family is None or days is None:
            return None
        return Expectations(
            job_family=family,
            typical_days_to_hire=days,
            summary=(
                f"Hiring for {family.replace('_', ' ')} roles took about {days} days on "
                "average (LinkedIn analysis of 400,000 hires, 2020-2021), so weeks of "
                "silence are common."
            ),
        )


def _skipped(step: Step) -> Step:
    if step.status is StepStatus.DONE:
        return step
    return replace(step, status=StepStatus.SKIPPED)


def _summary(step: Step) -> str:
    who = ", ".join(c.name for c in step.to)
    by = (
        said("by phone", "by.phone")
        if step.channel is Channel.PHONE
        else said("by email", "by.email")
    )
    english, key = {
        StepKind.THANK_YOU: (f"Send the thank-you to {who} {by}.", "summary.thank_you"),
        StepKind.FOLLOW_UP: (f"Ask {who} for an update {by}.", "summary.follow_up"),
        StepKind.FINAL_FOLLOW_UP: (
            f"Send {who} one final, brief follow-up {by}.",
            "summary.final_follow_up",
        ),
        StepKind.ESCALATION: (
            f"Optionally write once to the hiring manager {who} {by}.",
            "summary.escalation",
        ),
        StepKind.MOVE_ON: (
            "Stop following up on this role and focus on other applications.",
            "summary.move_on",
        ),
    }[step.kind]
    return said(english, key, who=who, by=by)


def _status_reason(status: PlanStatus, company: str) -> str:
    if status is PlanStatus.MOVED_ON:
        return said(
            f"Every message went unanswered; it is time to move on from {company}.",
            "status.moved_on",
            company=company,
        )
    return said("Waiting for a decision.", "status.waiting")


def build_plan(
    facts: InterviewFacts,
    *,
    policy: Policy,
    as_of: datetime,
    calendar: BusinessCalendar,
    day_first: bool,
) -> Plan:
    """The follow-up plan for one interview.

    Args:
        facts: the interview and everything that happened since.
        policy: the parameters to plan with (section 2), overrides already applied.
        as_of: "now", with a UTC offset; fixes every status.
        calendar: the hiring team's business calendar.
        day_first: whether that country writes numeric dates day first (for "12/4").

    Returns:
        The plan; nothing is stored.

    Raises:
        InvalidFacts: when there is no contact to write to.
    """
    return _Planner(facts, policy, as_of, calendar, day_first).plan()
