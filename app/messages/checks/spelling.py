"""Spelling, against the dictionary of the draft's language that ships with ``pyspellchecker``
(English, German, French, Spanish).

Tolerant by design: a draft is full of words no dictionary holds. Left alone are e-mail
addresses, URLs and domains, anything with a digit, acronyms (``SQL``), words with inner
capitals (``JavaScript``), capitalised words except where a sentence starts with one and
goes on in lower case (names, places, products), abbreviations (``ext. 12``), words of the
draft's context (names, the company, the job title), British spellings whose American
form is known (``colour``), the workplace words of the lists in ``data/`` (``app``,
``onboarding``, ``Kubernetes``; each file names its source), and chat words such as ``btw``,
which the casual-wording check reports instead. In German, French and Spanish, words with
accents are checked too, French elisions are read without their article ("l'entretien":
"entretien"), and the English workplace lists still apply (a German letter about a "Data
Engineer" role says "Kafka" and "Streaming"). German nouns, capitalised, are left alone like
names: a dictionary cannot tell a misspelt noun from a surname.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from functools import lru_cache
from pathlib import Path

from spellchecker import SpellChecker

from app.domain.model import said
from app.messages.checks.model import Check, Finding, Part, Severity, Span
from app.messages.checks.phrases import CASUAL_WORDS
from app.messages.checks.wording import WORDINGS

DATA = Path(__file__).parent / "data"
#: Word lists a dictionary of general English lacks, one lower-case word a line, ``#`` notes;
#: ``<code>-gaps.txt``: everyday words a language's dictionary lacks (each file says why).
WORD_LISTS = (DATA / "software-terms.txt", DATA / "workplace-terms.txt")

SPELLING = Check("C-SPELLING", Severity.WARNING, ("R13",), (0, 4))
#: At most this many spelling findings per part of a draft.
MAX_FINDINGS = 10

_TOKENS = re.compile(
    r"""
    (?P<skip>
        [\w.%+-]+@[\w-]+(?:\.[\w-]+)+             # an e-mail address
      | (?:https?://|www\.)\S+                     # a URL
      | (?<![\w.])(?:[a-z0-9-]+\.)+[a-z]{2,}(?:/\S*)?  # a domain, lower case: acme.example/x
      | [@\#]\w+                                   # a handle or a tag
      | \w*\d\w*                                   # anything with a digit: 5th, B2B, 2026
    )
    | (?P<word>[^\W\d_]+(?:['’][^\W\d_]+)*)
    """,
    re.VERBOSE,
)
#: Where a sentence starts: the text's start, or after . ! ? or a line break (and spaces).
_SENTENCE_END = frozenset(".!?\n")
#: A period the text goes on after in lower case or with a number ends an abbreviation
#: ("ext. 12", "approx. five"), not a sentence.
_ABBREVIATED = re.compile(r"\.[ \t]+[a-z\d]")

#: British endings and the American ones to look up in their place.
_BRITISH = (
    ("isation", "ization"),
    ("ise", "ize"),
    ("ised", "ized"),
    ("ises", "izes"),
    ("ising", "izing"),
    ("yse", "yze"),
    ("our", "or"),
    ("ours", "ors"),
    ("tre", "ter"),
    ("tres", "ters"),
    ("ogue", "og"),
    ("mme", "m"),
    ("mmes", "ms"),
    ("ence", "ense"),
    ("lled", "led"),
    ("lling", "ling"),
)


@lru_cache(maxsize=4)
def spell_checker(code: str = "en") -> SpellChecker:
    """The checker of a language, built once (a dictionary takes 0.15 to 1 s to load).

    ``distance=1`` keeps a suggestion to one edit: a couple of milliseconds a word
    rather than tens of milliseconds for two. The workplace word lists join its dictionary,
    so a suggestion may be one of them too.
    """
    checker = SpellChecker(language=code, distance=1)
    checker.word_frequency.load_words(workplace_words())
    if code in WORDINGS:
        checker.word_frequency.load_words(WORDINGS[code].chat_words)
        checker.word_frequency.load_words(_words_of(DATA / f"{code}-gaps.txt"))
    return checker


def _words_of(path: Path) -> set[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


@lru_cache(maxsize=1)
def workplace_words() -> frozenset[str]:
    """The words of :data:`WORD_LISTS` and the chat words left to the casual-wording check."""
    words = {
        line.strip()
        for path in WORD_LISTS
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    return frozenset(words | set(CASUAL_WORDS))


def _dictionary(code: str = "en") -> Collection[str]:
    words: Collection[str] = spell_checker(code).word_frequency.dictionary
    return words


#: French elided articles and pronouns: "l'entretien" is "entretien" to the dictionary.
_ELISION = re.compile(r"(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu)'", re.IGNORECASE)


@lru_cache(maxsize=4096)
def _known(lower: str, code: str = "en") -> bool:
    """Whether a word not in the dictionary as it is still is: a possessive, or British;
    in French, a word after an elided article."""
    words = _dictionary(code)
    if code == "fr":
        elided = _ELISION.match(lower)
        return elided is not None and lower[elided.end() :] in words
    if code == "es":
        return any(form in words for form in _spanish_forms(lower))
    if code != "en":
        return False
    if lower.endswith("'s") and lower[:-2] in words:
        return True
    return any(
        lower.endswith(british) and lower[: -len(british)] + american in words
        for british, american in _BRITISH
    )


#: Pronouns Spanish joins to an infinitive or gerund: "dedicarme", "consultarle".
_ENCLITIC = re.compile(r"(?<=[aei]r)(?:me|te|le|les|lo|la|los|las|se|nos)$")
_ACCENTS = str.maketrans("áéíóú", "aeiou")


def _spanish_forms(lower: str) -> list[str]:
    """Forms to look up for a Spanish word the dictionary lacks: its singular, its verb
    without a joined pronoun, and itself without accents (the dictionary's holes are
    mostly inflections)."""
    forms = [lower.translate(_ACCENTS), _ENCLITIC.sub("", lower)]
    if lower.endswith("es"):
        forms.append(lower[:-2])
    if lower.endswith("s"):
        forms.append(lower[:-1])
    return [form for form in forms if form and form != lower]


@lru_cache(maxsize=1024)
def _suggestion(lower: str, code: str = "en") -> str | None:
    return spell_checker(code).correction(lower)


def _message(word: str, code: str = "en") -> str:
    suggestion = _suggestion(word.lower(), code)
    if suggestion and suggestion != word.lower():
        return said(
            f"Check the spelling of “{word}”: did you mean “{suggestion}”? (R13)",
            "check.C-SPELLING.suggestion",
            word=word,
            suggestion=suggestion,
        )
    return said(
        f"Check the spelling of “{word}”: it is not in the dictionary (R13).",
        "check.C-SPELLING",
        word=word,
    )


def _starts_sentence(text: str, start: int) -> bool:
    index = start - 1
    while index >= 0 and text[index] in " \t\r\"'“‘(":
        index -= 1
    return index < 0 or text[index] in _SENTENCE_END


def _to_check(word: str, text: str, start: int, following: str | None, code: str = "en") -> bool:
    """Whether ``word`` (found at ``start``) is one a dictionary should know; in English,
    a word with letters beyond ASCII is a name or a loan ("Zoë", "café")."""
    if len(word) < 2 or (code == "en" and not word.isascii()):
        return False
    rest = word[1:]
    if not rest.islower():
        return False  # an acronym, or inner capitals: SQL, JavaScript, McKay
    if word[0].isupper():
        # A name, unless it starts a sentence that goes on in lower case ("Thnak you").
        return following is not None and following[:1].islower() and _starts_sentence(text, start)
    return not _ABBREVIATED.match(text, start + len(word))


def spelling_findings(
    part: Part, text: str, allowed: frozenset[str], code: str = "en"
) -> Iterator[Finding]:
    """Words of ``text`` the dictionary does not know, at most :data:`MAX_FINDINGS`.

    Args:
        part: ``subject`` or ``body``.
        text: the text of that part.
        allowed: lower-case words to accept (the draft's context).
        code: the language of the text.
    """
    words = _dictionary(code)
    matches = [m for m in _TOKENS.finditer(text) if m.lastgroup == "word"]
    found = 0
    for index, match in enumerate(matches):
        word = match.group()
        lower = word.lower().replace("’", "'")
        if lower in words or lower in allowed:
            continue  # most words end here, so the cheap test comes first
        following = matches[index + 1].group() if index + 1 < len(matches) else None
        if not _to_check(word, text, match.start(), following, code) or _known(lower, code):
            continue
        yield SPELLING.finding(_message(word, code), Span(part, match.start(), match.end()))
        found += 1
        if found == MAX_FINDINGS:
            return
