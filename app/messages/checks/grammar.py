"""Grammar faults a composer makes when it pastes free text into a sentence frame.

- a clause or a verb where a noun belongs: "my I speak …", "my led the …", "come back to I
  have …" (error: the sentence does not parse);
- "a" before a vowel sound or "an" before a consonant sound, by the sound ``inflect`` gives
  the next word ("an hour", "a university"); acronyms are left alone, since "a SQL" and
  "an SQL" are both said (error);
- a sentence that opens with the same three words as the one before it (warning: it reads
  like a mail merge);
- a greeting with the recipient's full name where their first name is known: "Dear Bob
  Smith," (info: "Hi Bob," or "Dear Mr Smith," read as written by a person).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import lru_cache

from app.domain.model import said
from app.messages.checks.model import Check, Draft, Finding, Part, Severity, Span
from app.messages.checks.phrases import MAX_PER_CHECK
from app.messages.phrasing import article

CLAUSE_AS_NOUN = Check("C-CLAUSE-AS-NOUN", Severity.ERROR, ("R13",), (0, 4))
ARTICLE = Check("C-ARTICLE", Severity.ERROR, ("R13",), (0, 4))
REPEATED_OPENING = Check("C-REPEATED-OPENING", Severity.WARNING, ("R2", "R13"), (1, 3))
FULL_NAME_GREETING = Check("C-FULL-NAME-GREETING", Severity.INFO, ("R1",), (3,))

#: Possessives ("her" is left out: "I told her I would call" is right).
_POSSESSIVE = r"(?:[Mm]y|[Oo]ur|[Yy]our|[Tt]heir|[Hh]is|[Ii]ts)"
#: Words a noun follows ("than" and "like" are left out: "better than I expected").
_BEFORE_NOUN = rf"(?:{_POSSESSIVE}|[Tt]he|[Aa]n?|to|about|of|with|for|on|from|at|by|into)"
#: A subject pronoun cannot follow a determiner or a preposition ("to I", "my we").
_PRONOUN_AFTER = re.compile(
    rf"\b{_BEFORE_NOUN}\s+(?P<word>I(?![/&\w-])|(?:we|he|she|they)\b)(?!['’-])"
)
#: A finite verb cannot follow a possessive ("my led", "my speak", "our have").
_VERB_AFTER = re.compile(
    rf"\b{_POSSESSIVE}\s+(?P<word>(?:led|ran|wrote|grew|drove|taught|spoke|speak|speaks|have|"
    r"has|had|am|is|are|was|were|know|knows|bring|brings|enjoy|enjoys|understand|did|"
    r"haven't|hasn't|didn't|don't|doesn't)\b)(?![-'’])"
)
#: Nor a past tense with its object ("my shipped the …", "their migrated 40 …").
_PAST_WITH_OBJECT = re.compile(
    rf"\b{_POSSESSIVE}\s+(?P<word>[a-z]+ed)\s+(?:the|a|an|my|our|their|his|her|its|\d)\b"
)
#: A clause as the subject of another verb: "… and I speak fluent Hindi would let me …".
_CLAUSE_AS_SUBJECT = re.compile(
    r"\bI\s+(?!(?:think|believe|hope|feel|know|expect|trust|am|suspect|guess|imagine|would|"
    r"will|could|can|should|might|may|also|do|did|said)\b)(?P<word>[a-z]+)\b[^,.;:!?\n]{0,100}?"
    r"\s(?:would|will|could|can|should|might)\s+(?:let|help|allow|make|enable|get)\s+me\b"
)
_ARTICLE = re.compile(r"(?<![\w'’-])(?P<article>[Aa]n?)\s+(?P<word>[A-Za-z0-9][\w'’-]*)")
#: Words whose article varies among careful writers ("an historic", "a historic").
_EITHER_ARTICLE = frozenset(
    "historic historical hotel herb herbal heroic hysterical horrific homage hypothesis "
    "humble".split()
)
_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|(?=\n)|$)")
_OPENING_WORDS = 3
_GREETING = re.compile(
    r"[ \t]*(?:dear|hi|hello|hey|good (?:morning|afternoon|evening))[ \t]+", re.IGNORECASE
)
_NAME_WORD = re.compile(r"[^\W\d_][\w'’.-]*")


def _finding(check: Check, message: str, part: Part, start: int, end: int) -> Finding:
    return check.finding(message, Span(part, start, end))


def quoted_spans(text: str, phrases: Sequence[str]) -> list[tuple[int, int]]:
    """Where ``text`` quotes the draft's own context (a job title, a company, the candidate's
    strengths as they typed them): those words are the caller's, not the composer's."""
    lowered = text.lower()
    spans = []
    for phrase in phrases:
        needle = phrase.strip().lower()
        if not needle:
            continue
        start = lowered.find(needle)
        while start != -1:
            end = start + len(needle)
            # A short phrase ("A", a job title of one letter) counts only as a whole word.
            if len(needle) > 2 or (
                (start == 0 or not lowered[start - 1].isalnum())
                and (end == len(lowered) or not lowered[end].isalnum())
            ):
                spans.append((start, end))
            start = lowered.find(needle, start + 1)
    return spans


def _quoted(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def clause_as_noun(
    part: Part, text: str, quoted: list[tuple[int, int]] | None = None
) -> Iterator[Finding]:
    """A subject pronoun or a finite verb where the frame wants a noun."""
    matches = sorted(
        (
            match
            for pattern in (_PRONOUN_AFTER, _VERB_AFTER, _PAST_WITH_OBJECT, _CLAUSE_AS_SUBJECT)
            for match in pattern.finditer(text)
        ),
        key=lambda match: (match.start(), -match.end()),
    )
    end, found = -1, 0
    for match in matches:
        if match.start() < end or (quoted and _quoted(quoted, match.start(), match.end())):
            continue  # within one reported already, or the caller's own words
        end = match.end()
        shown = match.group() if len(match.group()) <= 40 else match.group()[:37] + "…"
        yield _finding(
            CLAUSE_AS_NOUN,
            said(
                f"Rewrite “{shown}”: a sentence stands where a noun belongs, so it does not "
                "read; make it a sentence of its own, or a noun phrase (R13).",
                "check.C-CLAUSE-AS-NOUN",
                text=shown,
            ),
            part,
            match.start(),
            match.end(),
        )
        found += 1
        if found == MAX_PER_CHECK:
            return


@lru_cache(maxsize=4096)
def _wanted(word: str) -> str | None:
    """The article ``word`` takes, or None where either is right or the sound is unknown."""
    bare = word.rstrip("'’-")
    if not bare or bare.lower() in _EITHER_ARTICLE:
        return None
    letters = bare.replace("-", "").replace("'", "").replace("’", "")
    if letters.isupper() and len(letters) > 1:
        return None  # an acronym: said as letters or as a word
    return article(bare.lower() if not bare[:1].isdigit() else bare)


def articles(
    part: Part, text: str, quoted: list[tuple[int, int]] | None = None
) -> Iterator[Finding]:
    """ "a" before a vowel sound, "an" before a consonant sound."""
    found = 0
    for match in _ARTICLE.finditer(text):
        given = match.group("article")
        if given[0] == "A" and (part == "subject" or not _starts_sentence(text, match.start())):
            continue  # "Plan A and …": a letter, not the article; a subject is title case
        if quoted and any(s <= match.start() < e for s, e in quoted):
            continue  # "An Post", a job title, a strength as typed: the caller's own words
        wanted = _wanted(match.group("word"))
        if wanted is None or wanted == given.lower():
            continue
        yield _finding(
            ARTICLE,
            said(
                f"Write “{wanted} {match.group('word')}”, not “{match.group()}” (R13).",
                "check.C-ARTICLE",
                wanted=f"{wanted} {match.group('word')}",
                given=match.group(),
            ),
            part,
            match.start("article"),
            match.end("word"),
        )
        found += 1
        if found == MAX_PER_CHECK:
            return


def _starts_sentence(text: str, start: int) -> bool:
    before = text[:start].rstrip(' \t"“(')
    return not before or before[-1] in ".!?\n"


def _opening(sentence: str) -> tuple[str, ...]:
    return tuple(w.lower() for w in re.findall(r"[^\W\d_][\w'’]*", sentence)[:_OPENING_WORDS])


def repeated_openings(part: Part, text: str) -> Iterator[Finding]:
    """A sentence that starts with the same words as the sentence before it."""
    previous: tuple[str, ...] = ()
    found = 0
    for match in _SENTENCE.finditer(text):
        opening = _opening(match.group())
        if len(opening) == _OPENING_WORDS and opening == previous:
            start = match.start() + len(match.group()) - len(match.group().lstrip())
            yield _finding(
                REPEATED_OPENING,
                said(
                    f"Vary the opening: this sentence starts like the one before it "
                    f"(“{' '.join(opening)} …”), which reads like a form letter (R2, R13).",
                    "check.C-REPEATED-OPENING",
                    opening=" ".join(opening),
                ),
                part,
                start,
                match.end(),
            )
            found += 1
            if found == MAX_PER_CHECK:
                return
        if opening:
            previous = opening


def full_name_greeting(draft: Draft) -> Iterator[Finding]:
    """ "Dear Bob Smith," where "Hi Bob," (or "Dear Mr Smith,") is what a person writes."""
    name = draft.context.interviewer_name
    if not name:
        return
    parts = [w.lower() for w in _NAME_WORD.findall(name)]
    if len(parts) < 2:
        return
    body = draft.body
    opening = _GREETING.match(body)
    if opening is None:
        return
    words = list(_NAME_WORD.finditer(body, opening.end()))[: len(parts)]
    if [w.group().lower().rstrip(",") for w in words] != parts:
        return
    first = draft.context.interviewer_preferred_name or name.split()[0]
    yield FULL_NAME_GREETING.finding(
        said(
            f"Greet them as people do, by first name (“Hi {first},”), or by title and surname "
            "in a formal letter; the full name reads like a mail merge (R1).",
            "check.C-FULL-NAME-GREETING",
            first=first,
        ),
        Span("body", opening.start(), words[-1].end()),
    )
