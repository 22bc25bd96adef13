"""Free text made ready for the templates: each piece sorted by its form (see ``phrasing``).

The templates hold the wording; this module only decides which frame each piece may stand
in: noun phrases where a noun belongs, clauses as clauses, several sentences as written.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from app.domain.model import Concern
from app.messages.phrasing import PERSONAL_SUBJECTS, Form, Phrase, credential, read


@dataclass(frozen=True, slots=True)
class Point:
    """A discussion point and its frame: ``noun`` ("our conversation about …"), ``when``
    ("it when we discussed …"), ``hearing`` ("hearing that the team …") or ``sentences``."""

    frame: str
    text: str


@dataclass(frozen=True, slots=True)
class Pieces:
    """Free-text items by form: noun phrases, clauses with their subject, sentences."""

    nouns: tuple[str, ...]
    clauses: tuple[str, ...]
    sentences: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ConcernText:
    """A concern (``noun``, ``clause`` or ``sentences``) and the candidate's response, if any
    (``response_form``: ``noun``, ``clause`` or ``sentences``)."""

    form: str
    text: str
    response_form: str | None = None
    response: str | None = None


def _frame_of(phrase: Phrase) -> str:
    if phrase.form is Form.SENTENCES:
        return "sentences"
    if phrase.clause is not None and phrase.form is not Form.NOUN:
        return "clause"
    return "noun"


#: A point typed about the team ("their migration to Snowflake") is said to them: "your".
_THIRD_PERSON = re.compile(r"^(?:their|they're|they|them)\b", re.IGNORECASE)
_SECOND_PERSON = {"their": "your", "they're": "you're", "they": "you", "them": "you"}


def _to_them(text: str) -> str:
    return _THIRD_PERSON.sub(lambda m: _SECOND_PERSON[m.group().lower()], text, count=1)


@lru_cache(maxsize=1024)
def point(text: str) -> Point:
    """The frame a discussion point fits. A point typed about the team ("their migration
    to Snowflake") is said to the person it goes to ("your migration to Snowflake")."""
    phrase = read(text)
    said = _to_them(phrase.text)
    if phrase.form is Form.SENTENCES:
        return Point("sentences", phrase.text)
    if phrase.form is Form.CLAUSE:
        personal = phrase.first in PERSONAL_SUBJECTS
        return Point("when" if personal else "hearing", said)
    if phrase.form is Form.VERB:
        return Point("when", f"we {phrase.text}")
    if phrase.form is Form.ADJECTIVE:
        return Point("when", f"I was {phrase.text}")
    return Point("noun", said)  # a role too: "the new team lead" is a topic


#: "5+ years python", "4 years ICU experience": the "of" typing leaves out.
_BARE_YEARS = re.compile(
    r"^(\S+\s+(?:years?|months?))\s+(?!(?:of|as|at|in|with|on|for|running|ago|old|later|straight"
    r"|in\s+a\s+row|and|or)\b)(\w)"
)
_LIST_BREAK = re.compile(r"\s*[,;]\s+(?:and\s+)?")


def _parts(item: str) -> list[str]:
    """One typed item, split where a new verb phrase or clause starts after a comma: "5+
    years of Python, led the migration to Kubernetes" is two strengths, a noun and a deed.
    A list of nouns ("Kubernetes, Terraform, Go") stays whole, as typed."""
    parts, begin = [], 0
    for brk in _LIST_BREAK.finditer(item):
        before, after = item[begin : brk.start()], item[brk.end() :]
        if read(after).form in (Form.VERB, Form.CLAUSE) and read(before).form is Form.NOUN:
            parts.append(before)
            begin = brk.end()
    return [*parts, item[begin:]]


@lru_cache(maxsize=1024)
def _pieces(items: tuple[str, ...]) -> Pieces | None:
    nouns: list[str] = []
    gerunds: list[str] = []
    clauses: list[str] = []
    sentences: list[str] = []
    for item in (part for typed in items for part in _parts(typed)):
        phrase = read(item)
        if not phrase.text:
            continue
        frame = _frame_of(phrase)
        if frame == "sentences":
            sentences.append(phrase.text)
        elif frame == "clause":
            clauses.append(phrase.clause or phrase.text)
        elif phrase.first.endswith("ing") and " " in phrase.text and phrase.first != "nothing":
            gerunds.append(phrase.text)  # "leading a team of six": experience, as a noun
        elif _BARE_YEARS.match(phrase.text):
            nouns.append(_BARE_YEARS.sub(r"\1 of \2", phrase.text, count=1))
        elif credential(phrase.text):
            nouns.append(f"my {phrase.text}")  # "my PhD in information retrieval"
        else:
            nouns.append(phrase.text)
    if gerunds:
        nouns.append("experience " + " and ".join(gerunds))
    if not (nouns or clauses or sentences):
        return None
    return Pieces(tuple(nouns), tuple(clauses), tuple(sentences))


def strengths(items: Sequence[str]) -> Pieces | None:
    """Strengths by form: what the candidate would bring (nouns), what they did (clauses)."""
    return _pieces(tuple(items))


def additional(items: Sequence[str]) -> Pieces | None:
    """Additional information by form: things to share (nouns), facts to add (clauses)."""
    return _pieces(tuple(items))


#: How a concern was raised, typed before it: "they worried (that) …", "the manager was
#: concerned about …". The concern is what follows.
_RAISED = re.compile(
    r"^(?:they|he|she|the\s+\w+(?:\s+\w+)?)\s+(?:were\s+|was\s+|seemed\s+|seem\s+|are\s+|is\s+)?"
    r"(?:worried|concerned|unsure|not\s+sure|asked|wondered|felt|thought|mentioned|noted|said)"
    r"(?:\s+(?:about|that|whether|if|by))?\s+",
    re.IGNORECASE,
)
#: Nouns of a shortfall that need their determiner: "lack of X" is "my lack of X".
_SHORTFALLS = {"lack": "my", "gap": "the", "gaps": "the", "absence": "my"}
_SHORTFALL = re.compile(r"^(lack|gaps?|absence)\s+(?:of|in)\b", re.IGNORECASE)


@lru_cache(maxsize=1024)
def _concern(concern: Concern) -> ConcernText | None:
    typed = _RAISED.sub("", concern.concern.strip(), count=1)
    shortfall = _SHORTFALL.match(typed)
    if shortfall:
        typed = f"{_SHORTFALLS[shortfall.group(1).lower()]} {typed[0].lower()}{typed[1:]}"
    phrase = read(typed)
    if not phrase.text:
        return None
    frame = _frame_of(phrase)
    text = phrase.clause if frame == "clause" else phrase.text
    if phrase.form is Form.NOUN and phrase.clause is not None:
        frame, text = "clause", phrase.clause  # "no experience with Go": "I have no …"
    response = read(concern.response) if concern.response and concern.response.strip() else None
    if response is None or not response.text:
        return ConcernText(frame, text or phrase.text)
    response_frame = _frame_of(response)
    response_text = response.clause if response_frame == "clause" else response.text
    return ConcernText(frame, text or phrase.text, response_frame, response_text)


def concerns(items: Sequence[Concern]) -> tuple[ConcernText, ...]:
    """Each concern with the frame it fits, and its response."""
    return tuple(c for c in (_concern(item) for item in items) if c is not None)
