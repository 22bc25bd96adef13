"""Wire schemas: what clients send and receive. The domain has its own dataclasses."""

from __future__ import annotations

import datetime as dt
import re
from datetime import date, datetime, time
from enum import StrEnum
from typing import Annotated, Any, ClassVar, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic.json_schema import SkipJsonSchema

from app.domain.calendar import known_country, known_subdivision
from app.domain.errors import UnknownCalendar
from app.domain.model import (
    ContactRole,
    EventType,
    InterviewFormat,
    PlanStatus,
    ReplyOutcome,
    StepKind,
    StepStatus,
    TimelineSource,
)
from app.messages import LIMITS


def _one_line(value: str) -> str:
    return " ".join(value.split())


def _words(field: str) -> AfterValidator:
    limit = LIMITS[field].words

    def check(value: str) -> str:
        if len(value.split()) > limit:
            raise ValueError(f"must be at most {limit} words")
        return value

    return AfterValidator(check)


def _chars(field: str) -> StringConstraints:
    return StringConstraints(min_length=1, max_length=LIMITS[field].chars)


def _doc(field: str, description: str) -> Any:
    """The field's description, with the limits that keep every message in its word budget."""
    limit = LIMITS[field]
    return Field(
        description=f"{description} At most {limit.chars} characters and {limit.words} words."
    )


#: WHATWG HTML's "valid email address": what browsers accept in <input type=email>.
_EMAIL = re.compile(
    r"[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?"
    r"(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*"
)


def _email(value: str) -> str:
    if not _EMAIL.fullmatch(value):
        raise ValueError("is not a valid email address")
    return value


def _zone(value: str) -> str:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"'{value}' is not an IANA time zone (e.g. America/New_York)") from exc
    return value


#: Dates the service plans with: wide enough for any interview, and every holiday calendar
#: of the holidays package works across it (lunar calendars have limited tables).
EARLIEST_DAY, LATEST_DAY = date(1990, 1, 1), date(2099, 12, 31)
_RANGE = f"between {EARLIEST_DAY.year} and {LATEST_DAY.year}"


def _day_in_range(value: date) -> date:
    if not EARLIEST_DAY <= value <= LATEST_DAY:
        raise ValueError(f"must be a date {_RANGE}")
    return value


def _moment_in_range(value: datetime) -> datetime:
    _day_in_range(value.date())
    return value


Day = Annotated[date, AfterValidator(_day_in_range)]
Moment = Annotated[AwareDatetime, AfterValidator(_moment_in_range)]

_ONE_LINE = AfterValidator(_one_line)
Name = Annotated[str, _chars("name"), _ONE_LINE, _words("name"), _doc("name", "A name.")]
Company = Annotated[
    str, _chars("company"), _ONE_LINE, _words("company"), _doc("company", "The hiring company.")
]
JobTitle = Annotated[
    str,
    _ONE_LINE,
    _chars("job_title"),
    _words("job_title"),
    _doc("job_title", "The position interviewed for."),
]
Phone = Annotated[
    str,
    _ONE_LINE,
    _chars("phone"),
    _words("phone"),
    _doc("phone", "A phone number as it should be said or dialled."),
]
Point = Annotated[
    str,
    _ONE_LINE,
    _chars("discussion_point"),
    _words("discussion_point"),
    _doc("discussion_point", "A specific point from the conversation."),
]
Strength = Annotated[
    str,
    _ONE_LINE,
    _chars("strength"),
    _words("strength"),
    _doc("strength", "A strength or qualification, as a noun phrase."),
]
Concern = Annotated[
    str,
    _ONE_LINE,
    _chars("concern"),
    _words("concern"),
    _doc("concern", "A concern raised in the interview, as a noun phrase."),
]
Info = Annotated[
    str,
    _ONE_LINE,
    _chars("additional_info"),
    _words("additional_info"),
    _doc("additional_info", "Information to add, e.g. a link to a relevant post."),
]
TimeZoneName = Annotated[
    str,
    StringConstraints(max_length=64),
    AfterValidator(_zone),
    Field(description="An IANA time zone, e.g. America/New_York.", examples=["America/New_York"]),
]
EmailAddress = Annotated[
    str,
    StringConstraints(max_length=254),
    AfterValidator(_email),
    Field(
        description="An email address (as HTML's <input type=email> accepts).",
        examples=["ann.lee@example.com"],
        json_schema_extra={"pattern": f"^{_EMAIL.pattern}$"},
    ),
]
Text = Annotated[str, StringConstraints(min_length=1, max_length=500)]

PolicyName = Literal["standard", "minimal", "patient"]


class ChannelChoice(StrEnum):
    EMAIL = "email"
    PHONE = "phone"


class _In(BaseModel):
    # Unknown fields are refused (issue 3: a client cannot send an id, an account or a
    # created_at), so a misspelt field is an error instead of silently lost. Strict: a value
    # is of the type the contract says (RFC 3339 text for a time, not a number).
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, strict=True)


class CandidateIn(_In):
    name: Name
    email: EmailAddress | None = None
    phone: Phone | None = Field(
        None, description="Needed for phone follow-ups: the voicemail says it twice (R4)."
    )


class ContactIn(_In):
    name: Name
    email: EmailAddress | None = None
    phone: Phone | None = None
    role: ContactRole = ContactRole.OTHER
    interviewed: bool = Field(
        False, description="You were interviewed by them: they get a thank-you of their own (R2)."
    )
    scheduled_interview: bool = Field(
        False, description="They arranged the interview: a primary contact (R15)."
    )
    primary: bool = Field(False, description="Name them the primary contact outright (R15).")
    timezone: TimeZoneName | None = Field(
        None, description="Their own IANA zone; default: the interview's."
    )
    discussion_point: Point | None = None
    preferred_channel: ChannelChoice | None = Field(
        None, description="The channel they asked for; phone only if they did (R4)."
    )


class InterviewIn(_In):
    starts_at: Annotated[datetime, AfterValidator(_moment_in_range)] = Field(
        description="RFC 3339 with an offset, or a local time with `timezone`.",
        examples=["2026-11-24T10:00:00-05:00"],
    )
    timezone: TimeZoneName | None = None
    duration_minutes: int = Field(60, ge=5, le=600)
    format: InterviewFormat = InterviewFormat.VIDEO


class DecisionTimelineIn(_In):
    by: Day | None = Field(None, description="The decision date, if one was given.")
    text: Text | None = Field(
        None,
        description="What the interviewer said, e.g. 'by the end of next week'.",
        examples=["We will make a decision by the end of next week"],
    )

    @model_validator(mode="after")
    def _something(self) -> DecisionTimelineIn:
        if self.by is None and self.text is None:
            raise ValueError("give `by` (a date) or `text` (the words)")
        return self


def _country(value: str) -> str:
    try:
        return known_country(value)
    except UnknownCalendar as exc:
        raise ValueError(exc.problems[0][1]) from None


class CalendarIn(_In):
    country: Annotated[str, StringConstraints(min_length=2, max_length=3)] = Field(
        description="ISO 3166-1 alpha-2, as the holidays package names it.", examples=["US"]
    )
    subdivision: Annotated[str, StringConstraints(min_length=1, max_length=40)] | None = Field(
        None, description="A subdivision code the holidays package knows, e.g. NY or BY."
    )
    extra_closed: list[Day] = Field(
        default_factory=list,
        max_length=366,
        description="Further dates the hiring team does not work.",
    )

    @field_validator("country")
    @classmethod
    def _known_country(cls, value: str) -> str:
        return _country(value)

    @field_validator("subdivision")
    @classmethod
    def _known_subdivision(cls, value: str | None, info: ValidationInfo) -> str | None:
        country = info.data.get("country")
        if value is None or country is None:
            return value
        try:
            return known_subdivision(country, value)
        except UnknownCalendar as exc:
            raise ValueError(exc.problems[0][1]) from None


class CompetingDeadlineIn(_In):
    date: Annotated[dt.date, AfterValidator(_day_in_range)] = Field(
        description="When the faster process needs your answer (R12)."
    )
    company: Company | None = None


class EventIn(_In):
    type: EventType
    at: Moment
    contact_email: EmailAddress | None = None
    outcome: ReplyOutcome | None = None
    new_deadline: Day | None = None
    timeline_text: Text | None = None
    note: Annotated[str, StringConstraints(max_length=2000)] | None = None


def _local(value: time) -> time:
    if value.tzinfo is not None:
        raise ValueError("is a local time in each recipient's zone: give it without an offset")
    return value


LocalTime = Annotated[time, AfterValidator(_local), Field(examples=["09:00"])]


class BusinessDayWindowIn(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)
    first: int = Field(ge=1, le=60)
    last: int = Field(ge=1, le=60)


class PolicyOverrides(BaseModel):
    """Any policy parameter, replaced for this request (SPEC.md section 2)."""

    # A parameter left out keeps the policy's value. Only final_follow_up_after takes null;
    # for the others null is refused (the schema does not offer it, hence SkipJsonSchema).
    model_config = ConfigDict(extra="forbid", strict=True)
    thank_you_within_hours: Annotated[int, Field(ge=1, le=168)] | SkipJsonSchema[None] = None
    follow_up_after_deadline: BusinessDayWindowIn | SkipJsonSchema[None] = None
    follow_up_without_timeline: BusinessDayWindowIn | SkipJsonSchema[None] = None
    final_follow_up_after: BusinessDayWindowIn | None = Field(
        None, description="null (with the key present) turns the final follow-up off."
    )
    escalation: bool | SkipJsonSchema[None] = None
    escalation_after: BusinessDayWindowIn | SkipJsonSchema[None] = None
    move_on_after: Annotated[int, Field(ge=1, le=60)] | SkipJsonSchema[None] = None
    business_hours_start: LocalTime | SkipJsonSchema[None] = None
    business_hours_end: LocalTime | SkipJsonSchema[None] = None

    #: The one parameter for which null means something: no final follow-up.
    NULLABLE: ClassVar[frozenset[str]] = frozenset({"final_follow_up_after"})


class InterviewFields(_In):
    """The facts of one interview (SPEC.md section 8): what a stored interview keeps."""

    candidate: CandidateIn
    company: Company
    job_title: JobTitle
    job_family: Annotated[str, StringConstraints(max_length=60)] | None = Field(
        None,
        description="engineering, research, project_management, customer_service or "
        "administrative give typical hiring times (R14).",
    )
    interview: InterviewIn
    contacts: list[ContactIn] = Field(min_length=1, max_length=20)
    decision_timeline: DecisionTimelineIn | None = None
    preferred_channel: ChannelChoice = Field(
        ChannelChoice.EMAIL, description="The channel the primary contact asked for (R4)."
    )
    discussion_points: list[Point] = Field(default_factory=list, max_length=10)
    strengths: list[Strength] = Field(default_factory=list, max_length=5)
    concerns_to_address: list[Concern] = Field(default_factory=list, max_length=3)
    additional_info: list[Info] = Field(default_factory=list, max_length=3)
    calendar: CalendarIn | None = Field(None, description="Default: the service's country.")
    competing_deadline: CompetingDeadlineIn | None = None
    policy: PolicyName = "standard"
    policy_overrides: PolicyOverrides | None = None
    thank_you_sent_at: Moment | None = None


class PlanRequest(InterviewFields):
    """The facts of one interview, what happened since, and the moment to plan for."""

    events: list[EventIn] = Field(default_factory=list, max_length=200)
    as_of: Moment | None = Field(None, description="Fixes 'now'; default: the clock.")


# -- responses ------------------------------------------------------------------------------


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ContactOut(_Out):
    name: str
    email: str | None
    phone: str | None
    role: ContactRole


class WindowOut(_Out):
    earliest: datetime
    latest: datetime


class MessageOut(_Out):
    channel: Literal["email", "phone"]
    to: list[str]
    subject: str | None
    body_text: str
    body_html: str
    script: str | None


class StepOut(_Out):
    id: str
    kind: StepKind
    channel: Literal["email", "phone", "none"]
    to: list[ContactOut]
    window: WindowOut
    send_at: datetime
    status: StepStatus
    condition: str | None
    optional: bool
    rationale: str
    rules: list[str]
    sources: list[int]
    done_at: datetime | None
    message: MessageOut | None


class TimelineOut(_Out):
    deadline: date | None
    source: TimelineSource
    text: str | None
    matched: str | None
    interpretation: str | None


class NextActionOut(_Out):
    step_id: str
    kind: StepKind
    status: StepStatus
    send_at: datetime
    summary: str


class ExpectationsOut(_Out):
    job_family: str
    typical_days_to_hire: int
    summary: str
    rules: list[str]
    sources: list[int]


class WarningOut(_Out):
    code: str
    message: str


class BusinessDayWindowOut(_Out):
    first: int
    last: int


class PolicyOut(_Out):
    name: str
    thank_you_within_hours: int
    follow_up_after_deadline: BusinessDayWindowOut
    follow_up_without_timeline: BusinessDayWindowOut
    final_follow_up_after: BusinessDayWindowOut | None
    escalation: bool
    escalation_after: BusinessDayWindowOut
    move_on_after: int
    business_hours_start: str
    business_hours_end: str


class CalendarOut(_Out):
    country: str
    subdivision: str | None
    extra_closed: list[date]
    weekend: list[str]


class PlanOut(_Out):
    as_of: datetime
    status: PlanStatus
    status_reason: str
    timeline: TimelineOut
    steps: list[StepOut]
    next_action: NextActionOut | None
    expectations: ExpectationsOut | None
    warnings: list[WarningOut]
    policy: PolicyOut
    calendar: CalendarOut


class ParameterSource(_Out):
    rules: list[str]
    sources: list[int]
    note: str


class PolicyDescription(_Out):
    name: str
    parameters: PolicyOut
    sources: dict[str, ParameterSource]


class PoliciesOut(_Out):
    default: str
    policies: list[PolicyDescription]


class ProblemField(_Out):
    field: str
    pointer: str
    message: str


class Problem(BaseModel):
    """An RFC 9457 problem document."""

    type: str
    title: str
    status: int
    detail: str
    errors: list[ProblemField] | None = None


class Health(_Out):
    status: Literal["ok"]
