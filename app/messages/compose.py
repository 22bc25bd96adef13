"""Free text made ready for the templates: each piece sorted by its form (see ``phrasing``).

The templates hold the wording; this module only decides which frame each piece may stand
in: noun phrases where a noun belongs, clauses as clauses, several sentences as written.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from app.domain.model import Concern
from app.messages.phrasing import PERSONAL_SUBJECTS, Form, Phrase, read


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


@lru_cache(maxsize=1024)
def point(text: str) -> Point:
    """The frame a discussion point fits."""
    phrase = read(text)
    if phrase.form is Form.SENTENCES:
        return Point("sentences", phrase.text)
    if phrase.form is Form.CLAUSE:
        personal = phrase.first in PERSONAL_SUBJECTS
        return Point("when" if personal else "hearing", phrase.text)
    if phrase.form is Form.VERB:
        return Point("when", f"we {phrase.text}")
    if phrase.form is Form.ADJECTIVE:
        return Point("when", f"I was {phrase.text}")
    return Point("noun", phrase.text)


@lru_cache(maxsize=1024)
def _pieces(items: tuple[str, ...]) -> Pieces | None:
    nouns: list[str] = []
    gerunds: list[str] = []
    clauses: list[str] = []
    sentences: list[str] = []
    for item in items:
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


@lru_cache(maxsize=1024)
def _concern(concern: Concern) -> ConcernText | None:
    phrase = read(concern.concern)
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
