"""The stored-interview document: the facts of one interview as clients send them and as
they are kept, with every check a single document can make on itself.

The web layer takes these models as request bodies; the interview store validates what it
reads back and every merge patch with the same models, so one definition says what a valid
interview is. The domain has its own dataclasses (:mod:`app.domain.model`).
"""

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
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic.json_schema import SkipJsonSchema
from pydantic_core import InitErrorDetails, PydanticCustomError

from app.domain.calendar import known_country, known_subdivision
from app.domain.errors import UnknownCalendar
from app.domain.model import (
    ContactRole,
    EventType,
    InterviewFormat,
    ReplyOutcome,
)
from app.messages import LIMITS
from app.messages.languages import LanguageCode
from app.services.document.text import clean_text


def invalid(model: str, problems: list[tuple[tuple[str | int, ...], str, Any]]) -> ValidationError:
    """A check across fields, reported on the field to fix (``loc`` is relative to the model
    that checks, so nested models report the whole path)."""
    return ValidationError.from_exception_data(
        model,
        [
            InitErrorDetails(type=PydanticCustomError("value_error", message), loc=loc, input=value)
            for loc, message, value in problems
        ],
    )


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


#: The years the service plans in, as the contract can say it: a pattern on the text.
_IN_RANGE = Field(json_schema_extra={"pattern": r"^(199[0-9]|20[0-9]{2})-"})
Day = Annotated[date, AfterValidator(_day_in_range), _IN_RANGE]
Moment = Annotated[AwareDatetime, AfterValidator(_moment_in_range), _IN_RANGE]


def _clean(value: Any) -> Any:
    return clean_text(value) if isinstance(value, str) else value


#: Before any other check of a text field: no NUL, no invisible formatting, something visible.
_CLEAN = BeforeValidator(_clean)
_ONE_LINE = AfterValidator(_one_line)
Name = Annotated[str, _CLEAN, _chars("name"), _ONE_LINE, _words("name"), _doc("name", "A name.")]
Company = Annotated[
    str,
    _CLEAN,
    _chars("company"),
    _ONE_LINE,
    _words("company"),
    _doc("company", "The hiring company."),
]
JobTitle = Annotated[
    str,
    _CLEAN,
    _ONE_LINE,
    _chars("job_title"),
    _words("job_title"),
    _doc("job_title", "The position interviewed for."),
]
Phone = Annotated[
    str,
    _CLEAN,
    _ONE_LINE,
    _chars("phone"),
    _words("phone"),
    _doc("phone", "A phone number as it should be said or dialled."),
]
Point = Annotated[
    str,
    _CLEAN,
    _ONE_LINE,
    _chars("discussion_point"),
    _words("discussion_point"),
    _doc("discussion_point", "A specific point from the conversation."),
]
Strength = Annotated[
    str,
    _CLEAN,
    _ONE_LINE,
    _chars("strength"),
    _words("strength"),
    _doc(
        "strength",
        "A strength or qualification as you would say it: a noun phrase (five years of "
        "Kafka), a verb phrase (led the redesign of ...), a clause or a sentence.",
    ),
]
Concern = Annotated[
    str,
    _CLEAN,
    _ONE_LINE,
    _chars("concern"),
    _words("concern"),
    _doc(
        "concern",
        "A concern raised in the interview, in any form: a noun phrase (my limited "
        "experience with Go), a clause (I have not worked in a regulated industry) or a "
        "sentence.",
    ),
]
Response = Annotated[
    str,
    _CLEAN,
    _ONE_LINE,
    _chars("response"),
    _words("response"),
    _doc("response", "Your answer to the concern, as a clause or a sentence of your own."),
]
Title = Annotated[
    str,
    _CLEAN,
    _ONE_LINE,
    _chars("title"),
    _words("title"),
    _doc("title", "How a formal letter addresses them: Mr, Ms, Mx, Dr, Prof."),
]
Info = Annotated[
    str,
    _CLEAN,
    _ONE_LINE,
    _chars("additional_info"),
    _words("additional_info"),
    _doc("additional_info", "Information to add, e.g. a link to a relevant post."),
]
TimeZoneName = Annotated[
    str,
    _CLEAN,
    StringConstraints(max_length=64),
    AfterValidator(_zone),
    Field(description="An IANA time zone, e.g. America/New_York.", examples=["America/New_York"]),
]
EmailAddress = Annotated[
    str,
    _CLEAN,
    StringConstraints(max_length=254),
    AfterValidator(_email),
    Field(
        description="An email address (as HTML's <input type=email> accepts).",
        examples=["ann.lee@example.com"],
        json_schema_extra={"pattern": f"^{_EMAIL.pattern}$"},
    ),
]
Text = Annotated[str, _CLEAN, StringConstraints(min_length=1, max_length=500)]

PolicyName = Literal["standard", "minimal", "patient"]


class ChannelChoice(StrEnum):
    EMAIL = "email"
    PHONE = "phone"


class _In(BaseModel):
    # Unknown fields are refused (a client cannot send an id, an account or a
    # created_at), so a misspelt field is an error instead of silently lost. Strict: a value
    # is of the type the contract says (RFC 3339 text for a time, not a number). A stored
    # interview is answered whole, defaults filled in: in a response's schema, every field
    # is required (PolicyOverrides is not one of these: only the parameters set are sent).
    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        strict=True,
        json_schema_serialization_defaults_required=True,
    )


class ConcernIn(_In):
    concern: Concern
    response: Response | None = Field(
        None,
        description="Your answer, written into the thank-you; without one the note offers to "
        "say more (R3).",
    )


#: A concern as text, or with your response.
ConcernItem = Annotated[
    Concern | ConcernIn,
    Field(union_mode="left_to_right"),
]


class CandidateIn(_In):
    name: Name
    preferred_name: Name | None = Field(
        None,
        description="The first name you go by, where it is not the first word of name: used "
        "where you introduce yourself.",
    )
    email: EmailAddress | None = Field(
        None, description="The candidate's address, signed under every email."
    )
    phone: Phone | None = Field(
        None, description="Needed for phone follow-ups: the voicemail says it twice (R4)."
    )
    timezone: TimeZoneName | None = Field(
        None,
        description="Where you are, as an IANA zone: every step's moment is also shown in it "
        "(send_at_for_candidate). Default: the interview's zone.",
        examples=["Europe/Lisbon"],
    )


class ContactIn(_In):
    name: Name
    email: EmailAddress | None = Field(
        None, description="Where their emails go; a contact without one gets no email step."
    )
    phone: Phone | None = Field(None, description="Their phone number, for phone follow-ups.")
    role: ContactRole = Field(
        ContactRole.OTHER,
        description="Who they are in the process: hiring_manager, recruiter, interviewer or other.",
    )
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
    discussion_point: Point | None = Field(
        None, description="What you talked about with them, quoted in their thank-you (R2)."
    )
    preferred_channel: ChannelChoice | None = Field(
        None, description="The channel they asked for; phone only if they did (R4)."
    )
    title: Title | None = Field(
        None, description="Their title, for a formal greeting (Dear Mr Smith); see formality."
    )
    preferred_name: Name | None = Field(
        None,
        description="The first name they go by (Bob for Robert Smith): the greeting uses it.",
    )
    concerns: list[ConcernItem] = Field(
        default_factory=list,
        max_length=3,
        description="Concerns this person raised, each addressed in their own thank-you (R3).",
    )


class InterviewIn(_In):
    starts_at: Annotated[datetime, AfterValidator(_moment_in_range), _IN_RANGE] = Field(
        description="RFC 3339 with an offset, or a local time with `timezone`.",
        examples=["2026-11-24T10:00:00-05:00"],
    )
    timezone: TimeZoneName | None = Field(
        None, description="The interview's IANA zone; needed when starts_at has no offset."
    )
    duration_minutes: int = Field(
        60,
        description="How long it lasted; the thank-you is due counting from its end.",
        ge=5,
        le=600,
    )
    format: InterviewFormat = Field(
        InterviewFormat.VIDEO, description="How it was held: video, phone or onsite."
    )

    @model_validator(mode="after")
    def _placed_in_time(self) -> InterviewIn:
        if self.starts_at.tzinfo is None and self.timezone is None:
            raise invalid(
                "InterviewIn",
                [
                    (
                        ("starts_at",),
                        "needs a UTC offset (e.g. 2026-11-24T10:00:00-05:00), "
                        "or give interview.timezone",
                        self.starts_at.isoformat(),
                    )
                ],
            )
        if self.starts_at.tzinfo is not None and self.timezone is not None:
            # An offset the zone does not have at that instant shows every message the wrong
            # day: refuse it rather than guess which of the two the client meant.
            offset = self.starts_at.utcoffset()
            zoned = self.starts_at.astimezone(ZoneInfo(self.timezone)).utcoffset()
            if offset != zoned:
                said = self.starts_at.isoformat()
                problem = (
                    f"{said} has the offset {_offset(offset)}, but {self.timezone} is at "
                    f"{_offset(zoned)} at that moment; give one of them right, or the local "
                    "time without an offset"
                )
                raise invalid(
                    "InterviewIn",
                    [(("starts_at",), problem, said), (("timezone",), problem, self.timezone)],
                )
        return self


def _offset(value: dt.timedelta | None) -> str:
    minutes = int((value or dt.timedelta(0)).total_seconds() // 60)
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


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
    country: Annotated[str, _CLEAN, StringConstraints(min_length=2, max_length=3)] = Field(
        description="ISO 3166-1 alpha-2, as the holidays package names it.", examples=["US"]
    )
    subdivision: Annotated[str, _CLEAN, StringConstraints(min_length=1, max_length=40)] | None = (
        Field(None, description="A subdivision code the holidays package knows, e.g. NY or BY.")
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
    company: Company | None = Field(None, description="The company whose offer has that deadline.")
    top_choice: bool = Field(
        False,
        description="This interview's company is your top choice: only then does the follow-up "
        "say so (R12).",
    )


class EventIn(_In):
    type: EventType = Field(
        description="What happened, e.g. thank_you_sent, reply_received or withdrawn."
    )
    at: Moment = Field(description="When it happened, RFC 3339 with an offset.")
    contact_email: EmailAddress | None = Field(
        None, description="The contact it concerns, by email; default: the primary contact."
    )
    outcome: ReplyOutcome | None = Field(
        None,
        description="For reply_received: offer, rejection, next_round, update or "
        "out_of_office (an automatic reply: not an answer). Optional when `text` is given: the "
        "plan then reads the outcome from the text; a given outcome always wins.",
    )
    text: Annotated[str, StringConstraints(max_length=10000)] | None = Field(
        None,
        description="For reply_received: the reply as received (a whole e-mail is fine).",
        examples=["Thanks for your patience - we'll have a decision by Friday."],
    )
    return_date: Day | None = Field(
        None,
        description="For an out_of_office reply: the day the contact is back; nothing goes to "
        "them before the second business day after it.",
    )
    new_deadline: Day | None = Field(
        None, description="For a reply: the new decision date they gave."
    )
    timeline_text: Text | None = Field(
        None, description="For a reply: the new timeline in their words."
    )
    note: Annotated[str, _CLEAN, StringConstraints(max_length=2000)] | None = Field(
        None, description="Free text kept with the event."
    )

    @model_validator(mode="after")
    def _reply_says_what(self) -> EventIn:
        if self.type is EventType.REPLY_RECEIVED and self.outcome is None and not self.text:
            raise invalid(
                "EventIn",
                [(("outcome",), "a reply_received event needs an outcome or its text", None)],
            )
        return self


def _local(value: time) -> time:
    if value.tzinfo is not None:
        raise ValueError("is a local time in each recipient's zone: give it without an offset")
    return value


LocalTime = Annotated[time, AfterValidator(_local), Field(examples=["09:00"])]


class BusinessDayWindowIn(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)
    first: int = Field(
        description="The window's first business day, counted from the day it starts after.",
        ge=1,
        le=60,
    )
    last: int = Field(description="The window's last business day; at least `first`.", ge=1, le=60)


def _no_null_defaults(schema: dict[str, Any]) -> None:
    """SkipJsonSchema takes null out of a field's type; its default of null goes too, or the
    document would offer a default its own schema refuses."""
    for field in schema.get("properties", {}).values():
        if "default" in field and field["default"] is None and "anyOf" not in field:
            del field["default"]


class PolicyOverrides(BaseModel):
    """Any policy parameter, replaced for this request (docs/policies.md)."""

    # A parameter left out keeps the policy's value. Only final_follow_up_after takes null;
    # for the others null is refused (the schema does not offer it, hence SkipJsonSchema).
    model_config = ConfigDict(extra="forbid", strict=True, json_schema_extra=_no_null_defaults)
    thank_you_within_hours: Annotated[int, Field(ge=1, le=168)] | SkipJsonSchema[None] = Field(
        None, description="Hours after the interview ends by which the thank-you is due."
    )
    follow_up_after_deadline: BusinessDayWindowIn | SkipJsonSchema[None] = Field(
        None, description="Business days after a stated decision date for the follow-up (R6)."
    )
    follow_up_without_timeline: BusinessDayWindowIn | SkipJsonSchema[None] = Field(
        None,
        description="Business days after the interview for a follow-up with no timeline.",
    )
    final_follow_up_after: BusinessDayWindowIn | None = Field(
        None, description="null (with the key present) turns the final follow-up off."
    )
    escalation: bool | SkipJsonSchema[None] = Field(
        None,
        description="Offer a note to the hiring manager after two unanswered messages (R10).",
    )
    escalation_after: BusinessDayWindowIn | SkipJsonSchema[None] = Field(
        None, description="Business days after the final follow-up for the escalation."
    )
    move_on_after: Annotated[int, Field(ge=1, le=60)] | SkipJsonSchema[None] = Field(
        None, description="Business days after the last message until the plan says move on (R11)."
    )
    business_hours_start: LocalTime | SkipJsonSchema[None] = Field(
        None, description="Local time in each recipient's zone before which nothing is sent."
    )
    business_hours_end: LocalTime | SkipJsonSchema[None] = Field(
        None, description="Local time in each recipient's zone after which nothing is sent."
    )

    #: The one parameter for which null means something: no final follow-up.
    NULLABLE: ClassVar[frozenset[str]] = frozenset({"final_follow_up_after"})

    @model_validator(mode="after")
    def _null_only_where_it_means_something(self) -> PolicyOverrides:
        nulls = sorted(
            key
            for key in self.model_fields_set
            if getattr(self, key) is None and key not in self.NULLABLE
        )
        if nulls:
            raise invalid("PolicyOverrides", [((key,), "cannot be null", None) for key in nulls])
        return self


class InterviewFields(_In):
    """The facts of one interview, as the plan and create routes take them: what a stored
    interview keeps."""

    candidate: CandidateIn = Field(description="Who was interviewed.")
    company: Company
    job_title: JobTitle
    job_family: Annotated[str, _CLEAN, StringConstraints(max_length=60)] | None = Field(
        None,
        description="engineering, research, project_management, customer_service or "
        "administrative give typical hiring times (R14).",
    )
    interview: InterviewIn = Field(description="When and how the interview took place.")
    contacts: list[ContactIn] = Field(
        description="The hiring side you dealt with: interviewers, recruiter, hiring manager.",
        min_length=1,
        max_length=20,
    )
    decision_timeline: DecisionTimelineIn | None = Field(
        None, description="What they said about when they will decide, as a date or in their words."
    )
    preferred_channel: ChannelChoice = Field(
        ChannelChoice.EMAIL, description="The channel the primary contact asked for (R4)."
    )
    discussion_points: list[Point] = Field(
        description="Specific points from the conversation, for the thank-you notes.",
        default_factory=list,
        max_length=10,
    )
    strengths: list[Strength] = Field(
        description="Strengths to restate in the messages.", default_factory=list, max_length=5
    )
    concerns_to_address: list[ConcernItem] = Field(
        description="Concerns raised in the interview, answered in the thank-you.",
        default_factory=list,
        max_length=3,
    )
    additional_info: list[Info] = Field(
        description="Information to add in a follow-up, e.g. a link to a relevant post.",
        default_factory=list,
        max_length=3,
    )
    calendar: CalendarIn | None = Field(None, description="Default: the service's country.")
    competing_deadline: CompetingDeadlineIn | None = Field(
        None, description="Another offer's deadline that calls for an earlier follow-up (R12)."
    )
    formality: Literal["informal", "formal"] | None = Field(
        None,
        description="informal greets by first name (Hi Bob, / Hallo Bob,); formal by title "
        "and surname where a contact has a title (Dear Mr Smith, / Sehr geehrter Herr Smith,). "
        "Default: the language's own, informal in English, formal in German, French and "
        "Spanish.",
    )
    language: LanguageCode | None = Field(
        None,
        description="The language written to the recipient: subjects, bodies, voicemail "
        "scripts (en, de, fr, es; GET /v1/languages). Default: the service's "
        "DEFAULT_LANGUAGE, en.",
    )
    policy: PolicyName = Field(
        "standard",
        description="The named policy: standard, minimal or patient (see GET /v1/policies).",
    )
    policy_overrides: PolicyOverrides | None = Field(
        None, description="Policy parameters replaced for this request."
    )
    thank_you_sent_at: Moment | None = Field(
        None, description="When the thank-you went out, if it has."
    )
