"""The domain's vocabulary: interview facts in, a plan out. Plain frozen dataclasses."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from enum import StrEnum
from functools import lru_cache
from typing import Any, NamedTuple

from app.domain.calendar import CalendarSpec
from app.domain.policies import Policy


class Month(NamedTuple):
    """A month of a year, as an explanation names it ("December 2026")."""

    year: int
    month: int


class Explained(str):
    """A sentence (or a part of one) of the explanation for the user: the English text the
    domain writes, which it *is*, and what it says as data: a stable ``key`` and its
    ``params``, so that the service layer can say it in the user's language from the key
    instead of reading the English back.

    Params are kept as they are (``str``: names, and a recruiter's words quoted exactly as
    written; ``int``: counts), written in the target language (``date``: a day; ``Month``),
    or said in it too (``Explained``: a part with its own key; a part may use the params of
    the sentence holding it). An empty ``key`` says the text has no key of its own.

    It compares, hashes and serialises as its English text, so every English answer stays
    byte-identical; any string operation on it gives a plain ``str``, which is English only.
    """

    key: str
    params: dict[str, Any]

    def __new__(cls, text: str, key: str = "", params: dict[str, Any] | None = None) -> Explained:
        self = super().__new__(cls, text)
        self.key = key
        self.params = params or {}
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        return (Explained, (str(self), self.key, self.params))


def said(text: str, key: str, /, **params: Any) -> Explained:
    """``text``, the English of the explanation ``key`` with ``params``."""
    return Explained(text, key, params)


class InterviewFormat(StrEnum):
    PHONE = "phone"
    VIDEO = "video"
    IN_PERSON = "in_person"


class ContactRole(StrEnum):
    HIRING_MANAGER = "hiring_manager"
    RECRUITER = "recruiter"
    INTERVIEWER = "interviewer"
    OTHER = "other"


class Channel(StrEnum):
    EMAIL = "email"
    PHONE = "phone"
    NONE = "none"


class StepKind(StrEnum):
    THANK_YOU = "thank_you"
    FOLLOW_UP = "follow_up"
    FINAL_FOLLOW_UP = "final_follow_up"
    ESCALATION = "escalation"
    MOVE_ON = "move_on"


class StepStatus(StrEnum):
    DONE = "done"
    DUE = "due"
    UPCOMING = "upcoming"
    OVERDUE = "overdue"
    WAITING = "waiting"
    SKIPPED = "skipped"


class PlanStatus(StrEnum):
    ACTIVE = "active"
    CLOSED = "closed"
    MOVED_ON = "moved_on"


class EventType(StrEnum):
    THANK_YOU_SENT = "thank_you_sent"
    FOLLOW_UP_SENT = "follow_up_sent"
    CALL_MADE = "call_made"
    REPLY_RECEIVED = "reply_received"
    WITHDRAWN = "withdrawn"


class ReplyOutcome(StrEnum):
    OFFER = "offer"
    REJECTION = "rejection"
    NEXT_ROUND = "next_round"
    UPDATE = "update"
    #: An automatic reply: not an answer; the contact is away (until ``return_date``).
    OUT_OF_OFFICE = "out_of_office"


class TimelineSource(StrEnum):
    DATE = "date"
    TEXT = "text"
    NONE = "none"


class Formality(StrEnum):
    """How the messages address people: ``informal`` greets by first name ("Hi Bob,"),
    ``formal`` by title and surname where a title is known ("Dear Mr Smith,")."""

    INFORMAL = "informal"
    FORMAL = "formal"


@dataclass(frozen=True, slots=True)
class Candidate:
    """The person the plan is for; ``preferred_name`` is the first name they go by;
    ``timezone`` is where they are (None: the interview's), to show them each step's moment."""

    name: str
    email: str | None = None
    phone: str | None = None
    preferred_name: str | None = None
    timezone: tzinfo | None = None


@dataclass(frozen=True, slots=True)
class Concern:
    """A doubt raised in the interview (R3) and, where the candidate gave one, their answer."""

    concern: str
    response: str | None = None


@dataclass(frozen=True, slots=True)
class Contact:
    """Someone at the hiring company.

    Attributes:
        interviewed: the candidate was interviewed by them (they get a thank-you, R2).
        scheduled_interview: they arranged the interview (a primary contact, R15).
        primary: the caller names them the primary contact outright.
        timezone: their own zone; None means the interview's.
        preferred_channel: the channel they asked to be contacted by (R4).
        title: how a formal letter addresses them ("Mr", "Ms", "Dr").
        preferred_name: the first name they go by, where not the first word of ``name``.
        concerns: doubts this person raised, each addressed in their thank-you (R3).
    """

    name: str
    email: str | None = None
    phone: str | None = None
    role: ContactRole = ContactRole.OTHER
    interviewed: bool = False
    scheduled_interview: bool = False
    primary: bool = False
    timezone: tzinfo | None = None
    discussion_point: str | None = None
    preferred_channel: Channel | None = None
    title: str | None = None
    preferred_name: str | None = None
    concerns: tuple[str | Concern, ...] = ()

    @property
    def key(self) -> str:
        """A short stable identity for step ids, from the address and the name together:
        panel members may share one address, and names repeat across companies."""
        return _contact_key(self.email or "", self.name)


@lru_cache(maxsize=4096)
def _contact_key(email: str, name: str) -> str:
    basis = f"{email.strip().lower()}|{name.strip().lower()}"
    return hashlib.sha256(basis.encode()).hexdigest()[:8]


@dataclass(frozen=True, slots=True)
class DecisionTimeline:
    """What the interviewer said about the decision: a date, or their words."""

    by: date | None = None
    text: str | None = None


@dataclass(frozen=True, slots=True)
class CompetingDeadline:
    """Another process moving faster (R12): the date its answer is needed by, and whether
    the candidate said this company is their top choice (a message claims it only then)."""

    on: date
    company: str | None = None
    top_choice: bool = False


@dataclass(frozen=True, slots=True)
class Event:
    """Something that happened since the interview."""

    type: EventType
    at: datetime
    contact_email: str | None = None
    outcome: ReplyOutcome | None = None
    new_deadline: date | None = None
    timeline_text: str | None = None
    note: str | None = None
    #: A reply as received; without ``outcome`` the planner reads one from it.
    text: str | None = None
    #: For an out-of-office reply: the day the contact is back.
    return_date: date | None = None


@dataclass(frozen=True, slots=True)
class InterviewFacts:
    """Everything known about one interview; ``starts_at`` is timezone-aware."""

    candidate: Candidate
    company: str
    job_title: str
    starts_at: datetime
    timezone: tzinfo
    calendar: CalendarSpec
    duration: timedelta = timedelta(minutes=60)
    format: InterviewFormat = InterviewFormat.VIDEO
    contacts: tuple[Contact, ...] = ()
    job_family: str | None = None
    timeline: DecisionTimeline | None = None
    preferred_channel: Channel = Channel.EMAIL
    competing_deadline: CompetingDeadline | None = None
    thank_you_sent_at: datetime | None = None
    events: tuple[Event, ...] = ()
    discussion_points: tuple[str, ...] = ()
    strengths: tuple[str, ...] = ()
    concerns_to_address: tuple[str | Concern, ...] = ()
    additional_info: tuple[str, ...] = ()
    #: None: the register the language writes to someone met once (formal but in English).
    formality: Formality | None = None
    #: The language written to the recipient (an ISO 639-1 code: en, de, fr, es).
    language: str = "en"

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + self.duration

    @property
    def local_start(self) -> datetime:
        return self.starts_at.astimezone(self.timezone)


@dataclass(frozen=True, slots=True)
class Window:
    earliest: datetime
    latest: datetime


@dataclass(frozen=True, slots=True)
class SetAside:
    """A date expression the timeline reader found and did not take, and why."""

    text: str
    why: str


@dataclass(frozen=True, slots=True)
class TimelineReading:
    """How the decision timeline was read.

    Attributes:
        deadline: the date the decision is expected by, or None.
        source: ``date`` (given as a date), ``text`` (read from words) or ``none``.
        matched: the part of the text that was read.
        interpretation: one sentence saying how it was read.
        sentence: the sentence of the text the deadline was read from.
        set_aside: the other date expressions found, each with why it is not the decision.
    """

    deadline: date | None
    source: TimelineSource
    text: str | None = None
    matched: str | None = None
    interpretation: str | None = None
    sentence: str | None = None
    set_aside: tuple[SetAside, ...] = ()


@dataclass(frozen=True, slots=True)
class ReplyReading:
    """What a reply says, read from its text or given by the client.

    Attributes:
        outcome: what the reply is: an offer, a rejection, a next round, an update or an
            out-of-office notice.
        given: the client sent the outcome (it always wins); False when read from the text.
        recognized: the text said something the reader knows; False means it read nothing
            and took the reply as an update without a date.
        matched: the words that decided the outcome.
        new_deadline: a new decision date the reply gives.
        return_date: for an out-of-office notice, the day the contact is back.
        interpretation: one sentence saying how the reply was read.
    """

    outcome: ReplyOutcome
    given: bool = False
    recognized: bool = True
    matched: str | None = None
    new_deadline: date | None = None
    return_date: date | None = None
    interpretation: str = ""


@dataclass(frozen=True, slots=True)
class ReadReply:
    """A reply of the plan's events and how the plan took it."""

    at: datetime
    contact_email: str | None
    reading: ReplyReading


@dataclass(frozen=True, slots=True)
class Warning:
    code: str
    message: str


@dataclass(frozen=True, slots=True)
class Step:
    id: str
    kind: StepKind
    channel: Channel
    to: tuple[Contact, ...]
    window: Window
    send_at: datetime
    status: StepStatus
    rationale: str
    rules: tuple[str, ...]
    sources: tuple[int, ...]
    condition: str | None = None
    optional: bool = False
    done_at: datetime | None = None
    #: For messages: the contact a follow-up reports back to (the recruiter, for an escalation).
    regarding: Contact | None = None
    #: R12: mention the faster process in this message.
    mentions_competing_process: bool = False
    #: ``send_at`` in the candidate's own zone (they may not be where the recipient is).
    send_at_for_candidate: datetime | None = None


@dataclass(frozen=True, slots=True)
class NextAction:
    step_id: str
    kind: StepKind
    status: StepStatus
    send_at: datetime
    summary: str


@dataclass(frozen=True, slots=True)
class Expectations:
    job_family: str
    typical_days_to_hire: int
    summary: str
    rules: tuple[str, ...] = ("R14",)
    sources: tuple[int, ...] = (2,)


@dataclass(frozen=True, slots=True)
class Plan:
    as_of: datetime
    status: PlanStatus
    timeline: TimelineReading
    steps: tuple[Step, ...]
    next_action: NextAction | None
    expectations: Expectations | None
    warnings: tuple[Warning, ...]
    policy: Policy
    calendar: CalendarSpec
    weekend: frozenset[int] = field(default_factory=frozenset)
    #: One sentence on why the plan has its status.
    status_reason: str = ""
    #: Every reply among the events, with what the plan read from it.
    replies: tuple[ReadReply, ...] = ()
