"""Wire schemas of ``POST /v1/messages/check``."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from app.domain.model import StepKind
from app.messages.checks import PENALTY, Severity
from app.messages.languages import LanguageCode
from app.services.document.fields import Moment

ShortName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
_PENALTIES = ", ".join(f"{severity.value} {points}" for severity, points in PENALTY.items())


class _Strict(BaseModel):
    # A misspelt field would otherwise be ignored and the check silently weaker: refuse it.
    # Subject and body are kept exactly as sent: the spans are offsets into them.
    model_config = ConfigDict(extra="forbid", strict=True)


class MessageContext(_Strict):
    """What is known about the interview; each field makes some checks sharper."""

    interviewer_name: ShortName | None = Field(
        None,
        description="Who the message goes to: the draft should address them by name.",
        examples=["Carol Diaz"],
    )
    job_title: ShortName | None = Field(
        None,
        description="The position: the draft should name it; its words are never misspellings.",
        examples=["Data Engineer"],
    )
    company: ShortName | None = Field(
        None,
        description="The hiring company; its words are never misspellings.",
        examples=["Acme Corp"],
    )
    interview_date: date | None = Field(
        None,
        description="The day of the interview: a follow-up should mention it (R8).",
        examples=["2026-11-24"],
    )
    candidate_name: ShortName | None = Field(
        None,
        description="Your full name: the draft should be signed with it (R8).",
        examples=["Ann Lee"],
    )
    known_words: list[Annotated[str, StringConstraints(min_length=1, max_length=60)]] = Field(
        default_factory=list,
        max_length=100,
        description="Further words the spelling check accepts: terms of your trade, names.",
        examples=[["Kafka", "onboarding"]],
    )
    interview_id: uuid.UUID | None = Field(
        None,
        description="A stored interview of yours: the draft is also checked against its plan "
        "(too soon, one too many, the plan closed), and the fields left out above are taken "
        "from it.",
        examples=["3f1c2a8e-5b7d-4c1e-9a0b-2d4e6f8a1c3e"],
    )
    as_of: Moment | None = Field(
        None,
        description="With interview_id: when the message would go out (default: now).",
        examples=["2026-12-09T09:30:00-05:00"],
    )


class MessageCheckRequest(_Strict):
    """A draft message and what is known about it."""

    kind: StepKind = Field(
        description="The step the draft is for: thank_you, follow_up, final_follow_up, "
        "escalation; move_on has nothing to send.",
        examples=["follow_up"],
    )
    channel: Literal["email", "phone"] = Field(
        "email",
        description="email, or phone for a voicemail script (no subject; the number twice).",
        examples=["email"],
    )
    subject: Annotated[str, StringConstraints(max_length=300)] | None = Field(
        None,
        description="The email's subject line; null or empty is reported for an email.",
        examples=["Follow-up regarding Data Engineer interview"],
    )
    body: Annotated[str, StringConstraints(min_length=1, max_length=20000)] = Field(
        description="The message text (or the voicemail script), plain text.",
        examples=["Dear Carol Diaz,\n\nI hope you are well. ...\n\nBest regards,\nAnn Lee"],
    )
    context: MessageContext = Field(
        default_factory=MessageContext,
        description="Optional facts of the interview that sharpen the checks.",
    )
    language: LanguageCode | None = Field(
        None,
        description="The language the draft is written in (en, de, fr, es): its phrase table, "
        "dictionary and word budgets. Default: the stored interview's with "
        "context.interview_id, else the service's DEFAULT_LANGUAGE.",
        examples=["en"],
    )


class SpanOut(BaseModel):
    model_config = ConfigDict(extra="forbid")
    part: Literal["subject", "body"] = Field(
        description="Which part of the draft.", examples=["body"]
    )
    start: int = Field(description="Offset of the first character, from 0.", examples=[112])
    end: int = Field(description="Offset just past the last character.", examples=[116])
    text: str = Field(
        description="The characters of the span (empty where something is missing).",
        examples=["ASAP"],
    )


class FindingOut(BaseModel):
    model_config = ConfigDict(extra="forbid")
    rule: str = Field(
        description="The stable id of the check that found it.", examples=["C-DEMANDING"]
    )
    severity: Severity = Field(
        description="error: do not send it as it is; warning: worth fixing; info: a note.",
        examples=["warning"],
    )
    message: str = Field(
        description="One sentence saying what to change.",
        examples=[
            "Rephrase “ASAP”: ask politely and leave the timing to them; demanding wording "
            "hurts (R13)."
        ],
    )
    span: SpanOut | None = Field(
        description="Where in the draft; null for a finding about when it goes out.",
    )
    rules: list[str] = Field(
        description="The rules of the planner (R1-R15) the check follows.", examples=[["R13"]]
    )
    sources: list[int] = Field(
        description="The seed articles (0-4) the rules come from.", examples=[[0]]
    )


class MessageCheckOut(BaseModel):
    model_config = ConfigDict(extra="forbid")
    score: int = Field(
        ge=0,
        le=100,
        description=f"100 less a penalty per finding ({_PENALTIES}), at least 0.",
        examples=[90],
    )
    findings: list[FindingOut] = Field(
        description="Errors first, then warnings and notes, each in the order of the text."
    )
    word_count: int = Field(description="Words in the body.", examples=[78])
    word_budget: int | None = Field(
        description="The most words a message of this kind should have; null for move_on.",
        examples=[150],
    )
