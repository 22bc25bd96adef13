"""Plans on the wire: the stateless plan request, and every answer that carries a plan."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from app.domain.model import (
    ContactRole,
    PlanStatus,
    ReplyOutcome,
    StepKind,
    StepStatus,
    TimelineSource,
)
from app.services.document.fields import EventIn, InterviewFields, Moment


class PlanRequest(InterviewFields):
    """The facts of one interview, what happened since, and the moment to plan for."""

    events: list[EventIn] = Field(
        description="What happened since the interview: messages sent, calls, replies.",
        default_factory=list,
        max_length=200,
    )
    as_of: Moment | None = Field(None, description="Fixes 'now'; default: the clock.")


# -- responses ------------------------------------------------------------------------------


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ContactOut(_Out):
    name: str = Field(description="The contact's name.")
    email: str | None = Field(description="Their email address, if known.")
    phone: str | None = Field(description="Their phone number, if known.")
    role: ContactRole = Field(description="Who they are in the process.")


class WindowOut(_Out):
    earliest: datetime = Field(
        description="The first moment the step should be done, in the recipient's zone."
    )
    latest: datetime = Field(
        description="The last moment the step should be done, in the recipient's zone."
    )


class MessageOut(_Out):
    channel: Literal["email", "phone"] = Field(description="email or phone.")
    to: list[str] = Field(
        description="Each recipient as written, name and address (Zoë Müller "
        "<zoe@acme.example>), or the number to call.",
        examples=[["Bob Smith <bob.smith@acme.example>"]],
    )
    subject: str | None = Field(description="The email's subject; null for a call.")
    body_text: str = Field(description="The message as plain text.")
    body_html: str = Field(description="The message as HTML.")
    script: str | None = Field(
        description="For a call: what to say, voicemail included; null for an email."
    )
    mailto: str | None = Field(
        description="A mailto: URI (RFC 6068) that opens the email in a mail client, "
        "addressed, with its subject and body; null for a call. The step's message.eml is "
        "the same email as a draft file."
    )


class StepOut(_Out):
    id: str = Field(
        description="The step's id, stable within a plan (e.g. thank_you:bob.smith@acme.example)."
    )
    kind: StepKind = Field(description="What the step is, e.g. thank_you, follow_up or move_on.")
    channel: Literal["email", "phone", "none"] = Field(
        description="How to do it: email, phone, or none (move_on)."
    )
    to: list[ContactOut] = Field(description="Whom it goes to.")
    window: WindowOut = Field(description="When it should be done.")
    send_at: datetime = Field(
        description="The suggested moment, within the window and business hours."
    )
    send_at_for_candidate: datetime = Field(
        description="The same moment in the candidate's own zone (candidate.timezone, default "
        "the interview's), for a candidate who is elsewhere than the recipient."
    )
    status: StepStatus = Field(
        description="done, due, upcoming, overdue, waiting (on a condition) or skipped."
    )
    condition: str | None = Field(
        description="What must hold for the step to happen, e.g. 'if no reply by then'."
    )
    optional: bool = Field(description="The step is offered, not required.")
    rationale: str = Field(description="Why this step, when, and to whom, in a sentence or two.")
    rules: list[str] = Field(description="The rules (R1-R15) the step follows.")
    sources: list[int] = Field(description="The articles (seeds 000-004) behind those rules.")
    done_at: datetime | None = Field(
        description="When it was done, from the events; null if not yet."
    )
    message: MessageOut | None = Field(description="The message, ready to send; null for move_on.")


class SetAsideOut(_Out):
    text: str = Field(description="A date expression found in the text.", examples=["January 4th"])
    why: str = Field(
        description="Why it is not the decision date: a start date, an e-mail header, an "
        "absence, a past duration, ...",
        examples=["a start date"],
    )


class TimelineOut(_Out):
    deadline: date | None = Field(
        description="The decision date the plan counts from; null when none is known."
    )
    source: TimelineSource = Field(
        description="Where the deadline came from: date (given), text (read from words) or none."
    )
    text: str | None = Field(description="The words it was read from, if any.")
    matched: str | None = Field(description="The part of the text that gave the date.")
    interpretation: str | None = Field(description="How the words were read, in a sentence.")
    sentence: str | None = Field(
        description="The sentence of the text the deadline was read from; null when none."
    )
    set_aside: list[SetAsideOut] = Field(
        description="Every other date expression found in the text, and why it was not taken."
    )


class ReplyOut(_Out):
    at: datetime = Field(description="When the reply came.")
    contact_email: str | None = Field(description="Who replied, if known.")
    outcome: ReplyOutcome = Field(description="What the plan took the reply to be.")
    given: bool = Field(description="True when the client gave the outcome (it always wins).")
    recognized: bool = Field(
        description="False when the text said nothing the reader knows: it is then an update "
        "without a date, with a reply_unrecognized warning."
    )
    matched: str | None = Field(description="The words of the reply that decided the outcome.")
    new_deadline: date | None = Field(description="A new decision date the reply gave.")
    return_date: date | None = Field(description="For an out-of-office reply: the day back.")
    interpretation: str = Field(description="How the reply was read, in a sentence.")


class NextActionOut(_Out):
    step_id: str = Field(description="The step to do next.")
    kind: StepKind = Field(description="That step's kind.")
    status: StepStatus = Field(description="That step's status.")
    send_at: datetime = Field(description="When to do it.")
    summary: str = Field(description="What to do, in one line.")


class ExpectationsOut(_Out):
    job_family: str = Field(description="The job family the figures are for.")
    typical_days_to_hire: int = Field(
        description="Typical days from interview to decision in that family (R14)."
    )
    summary: str = Field(description="What to expect, in a sentence.")
    rules: list[str] = Field(description="The rules behind it.")
    sources: list[int] = Field(description="The articles behind it.")


class WarningOut(_Out):
    code: str = Field(description="A stable code for the warning, e.g. thank_you_late.")
    message: str = Field(description="The warning, for people.")


class BusinessDayWindowOut(_Out):
    first: int = Field(
        description="The window's first business day, counted from the day it starts after."
    )
    last: int = Field(description="The window's last business day.")


class PolicyOut(_Out):
    name: str = Field(description="The policy's name.")
    thank_you_within_hours: int = Field(
        description="Hours after the interview ends by which the thank-you is due."
    )
    follow_up_after_deadline: BusinessDayWindowOut = Field(
        description="Business days after a stated decision date for the follow-up (R6)."
    )
    follow_up_without_timeline: BusinessDayWindowOut = Field(
        description="Business days after the interview for a follow-up with no timeline."
    )
    final_follow_up_after: BusinessDayWindowOut | None = Field(
        description="Business days after the follow-up for the final one; null: none."
    )
    escalation: bool = Field(
        description="Whether an optional note to the hiring manager is offered (R10)."
    )
    escalation_after: BusinessDayWindowOut = Field(
        description="Business days after the final follow-up for the escalation."
    )
    move_on_after: int = Field(
        description="Business days after the last message until the plan says move on (R11)."
    )
    business_hours_start: str = Field(
        description="Local time (HH:MM) before which nothing is sent."
    )
    business_hours_end: str = Field(description="Local time (HH:MM) after which nothing is sent.")


class CalendarOut(_Out):
    country: str = Field(description="The calendar's country (ISO 3166-1 alpha-2).")
    subdivision: str | None = Field(description="Its subdivision, if any.")
    extra_closed: list[date] = Field(description="Further dates the hiring team does not work.")
    weekend: list[str] = Field(
        description="The country's weekend days, e.g. ['saturday', 'sunday']."
    )


class PlanOut(_Out):
    as_of: datetime = Field(description="The moment the plan was made for.")
    status: PlanStatus = Field(
        description="active, closed (an answer came, or you withdrew) or moved_on."
    )
    status_reason: str = Field(description="Why the plan has that status, in a sentence.")
    timeline: TimelineOut = Field(description="The decision timeline as understood.")
    steps: list[StepOut] = Field(description="Every step, in order.")
    next_action: NextActionOut | None = Field(
        description="What to do next; null when nothing is left."
    )
    expectations: ExpectationsOut | None = Field(
        description="Typical hiring times for the job family, when known."
    )
    warnings: list[WarningOut] = Field(description="Things to know about the plan or the facts.")
    replies: list[ReplyOut] = Field(
        description="Every reply among the events and how the plan took it: read from its "
        "text, or as the client gave it."
    )
    policy: PolicyOut = Field(description="The policy the plan used, overrides applied.")
    calendar: CalendarOut = Field(description="The business-day calendar the plan counted with.")


class ParameterSource(_Out):
    rules: list[str] = Field(description="The rules behind the parameter.")
    sources: list[int] = Field(description="The articles behind it.")
    note: str = Field(description="Why the value is what it is.")


class PolicyDescription(_Out):
    name: str = Field(description="The policy's name.")
    parameters: PolicyOut = Field(description="Its parameters.")
    sources: dict[str, ParameterSource] = Field(
        description="For each parameter, the rules and articles behind it."
    )


class PoliciesOut(_Out):
    default: str = Field(description="The policy used when a request names none.")
    policies: list[PolicyDescription] = Field(description="Every named policy.")


class LanguageOut(_Out):
    code: str = Field(description="The ISO 639-1 code, as `language` takes it.", examples=["de"])
    name: str = Field(description="The language's name in itself.", examples=["Deutsch"])
    formality: Literal["informal", "formal"] = Field(
        description="The register of its messages when a request names none."
    )


class LanguagesOut(_Out):
    default: str = Field(
        description="The language of the messages when a request names none (DEFAULT_LANGUAGE)."
    )
    languages: list[LanguageOut] = Field(
        description="Every language messages are written in; the explanation (rationales, "
        "summaries) follows Accept-Language among the same, English when none matches."
    )


class ProblemField(_Out):
    field: str = Field(description="The field as people read it, e.g. contacts[0].email.")
    pointer: str = Field(
        description="The field as a JSON pointer (RFC 6901), e.g. /contacts/0/email."
    )
    message: str = Field(description="What is wrong with it.")


class Problem(BaseModel):
    """An RFC 9457 problem document."""

    type: str = Field(
        description="A URI naming the kind of problem; about:blank when the status says it all."
    )
    title: str = Field(description="The status's short phrase.")
    status: int = Field(description="The HTTP status code.")
    detail: str = Field(description="What went wrong with this request, for people.")
    errors: list[ProblemField] | None = Field(
        None, description="For invalid fields: each field and what is wrong with it."
    )


class Health(_Out):
    status: Literal["ok"] = Field(description="ok when the process answers.")
