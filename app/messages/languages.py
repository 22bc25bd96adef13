"""The languages messages are written in, as data: one :class:`Language` per code.

A language is this table's row plus its templates: English's in ``templates/``, every other
language's in ``templates/<code>/`` (the same file names, each language's own wording). Per
language template files, not gettext catalogs: a letter's sentences differ in order, register
and grammar from one language to the next, so a translator needs the whole letter in front of
them, and the templates already hold the wording for English.

Free text (strengths, concerns, points) is read for its grammatical form in English only
(``composes``); in the other languages it stands as the candidate wrote it, in frames that fit
any form (a list, "…: <text>"), since English grammar says nothing about a German sentence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Literal, get_args

from babel import Locale
from babel.dates import format_date

from app.domain.model import Formality, InterviewFormat, StepKind


@dataclass(frozen=True, slots=True)
class Language:
    """How one language writes a letter.

    Attributes:
        code: the ISO 639-1 code (``de``), also the template folder.
        formality: the register when a request names none: ``formal`` in German, French and
            Spanish, where a first-name greeting to someone met once reads presumptuous.
        date_format: a Babel pattern for a day ("Dienstag, 24. November 2026").
        formats: each interview format as a sentence names it.
        budgets: word budgets per kind, and the voicemail's: German says in fewer, longer
            words what French and Spanish say in more, shorter ones.
        composes: free text is read for its English grammar (see the module's note).
        repeats: words a sentence may say twice in a row ("nous nous", "die die").
        closes_day_aside: a day in running text is followed by a comma when the sentence goes
            on: the comma after its weekday opens an aside ("el lunes, 30 de noviembre de
            2026, con …"); German leaves that closing comma free.
    """

    code: str
    name: str
    formality: Formality
    date_format: str
    formats: dict[InterviewFormat, str]
    budgets: dict[StepKind, int]
    voicemail_budget: int
    composes: bool = False
    repeats: frozenset[str] = field(default_factory=frozenset)
    closes_day_aside: bool = False

    @property
    def locale(self) -> Locale:
        return _locale(self.code)

    def day(self, day: date) -> str:
        """The weekday and date as the language writes it in a letter."""
        return _day(self.code, self.date_format, day)


@lru_cache(maxsize=8)
def _locale(code: str) -> Locale:
    return Locale.parse(code)


@lru_cache(maxsize=2048)
def _day(code: str, pattern: str, day: date) -> str:
    return format_date(day, pattern, locale=_locale(code))


_EN_BUDGETS = {
    StepKind.THANK_YOU: 180,
    StepKind.FOLLOW_UP: 150,
    StepKind.FINAL_FOLLOW_UP: 90,
    StepKind.ESCALATION: 150,
}
#: French and Spanish take about a sixth more words than English for the same letter
#: (articles, prepositions, "de" phrases); German about the same number.
_ROMANCE_BUDGETS = {
    StepKind.THANK_YOU: 210,
    StepKind.FOLLOW_UP: 175,
    StepKind.FINAL_FOLLOW_UP: 105,
    StepKind.ESCALATION: 175,
}

LANGUAGES: dict[str, Language] = {
    "en": Language(
        "en",
        "English",
        Formality.INFORMAL,
        "EEEE, MMMM d",
        {
            InterviewFormat.PHONE: "phone interview",
            InterviewFormat.VIDEO: "video interview",
            InterviewFormat.IN_PERSON: "in-person interview",
        },
        _EN_BUDGETS,
        110,
        composes=True,
        repeats=frozenset({"that", "had"}),
    ),
    "de": Language(
        "de",
        "Deutsch",
        Formality.FORMAL,
        "EEEE, d. MMMM y",
        {
            InterviewFormat.PHONE: "Telefoninterview",
            InterviewFormat.VIDEO: "Videointerview",
            InterviewFormat.IN_PERSON: "persönliches Gespräch",
        },
        _EN_BUDGETS,
        110,
        repeats=frozenset({"die", "der", "das", "den", "dem"}),
    ),
    "fr": Language(
        "fr",
        "Français",
        Formality.FORMAL,
        "EEEE d MMMM y",
        {
            InterviewFormat.PHONE: "entretien téléphonique",
            InterviewFormat.VIDEO: "entretien en visioconférence",
            InterviewFormat.IN_PERSON: "entretien en présentiel",
        },
        _ROMANCE_BUDGETS,
        125,
        repeats=frozenset({"nous", "vous"}),
    ),
    "es": Language(
        "es",
        "Español",
        Formality.FORMAL,
        "EEEE, d 'de' MMMM 'de' y",
        {
            InterviewFormat.PHONE: "entrevista telefónica",
            InterviewFormat.VIDEO: "entrevista por videollamada",
            InterviewFormat.IN_PERSON: "entrevista presencial",
        },
        _ROMANCE_BUDGETS,
        125,
        closes_day_aside=True,
    ),
}
#: The codes as the wire takes them; :data:`LANGUAGES` has a row for each.
LanguageCode = Literal["en", "de", "fr", "es"]
SUPPORTED: tuple[str, ...] = get_args(LanguageCode)
DEFAULT = "en"


def language(code: str | None) -> Language:
    """The language of ``code``; English for None. Raises ``KeyError`` for an unknown code."""
    return LANGUAGES[code or DEFAULT]


#: Titles as people write them, in any of the languages, and what a letter needs of them:
#: ``f`` or ``m`` where the title says how to address the person (Frau, Madame, Sra.), else
#: ``None`` (Dr, Prof.): a greeting that needs the gender then takes its neutral form.
TITLE_GENDER: dict[str, str | None] = {
    "mr": "m",
    "mister": "m",
    "herr": "m",
    "m": "m",
    "monsieur": "m",
    "sr": "m",
    "señor": "m",
    "senor": "m",
    "don": "m",
    "ms": "f",
    "mrs": "f",
    "miss": "f",
    "frau": "f",
    "mme": "f",
    "madame": "f",
    "mlle": "f",
    "sra": "f",
    "señora": "f",
    "senora": "f",
    "srta": "f",
    "doña": "f",
}


def title_gender(title: str | None) -> str | None:
    """``f``, ``m`` or None for a title as written ("Ms", "Frau", "Sra.", "Dr")."""
    if not title:
        return None
    return TITLE_GENDER.get(title.strip().rstrip(".").casefold())
