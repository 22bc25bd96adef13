"""Message checks: a draft in, a score and findings out.

Each finding names its check (a stable id such as ``C-SALARY``), a severity, one sentence on
what to change, where (a span of the subject or body), and the rules (R1-R15) and seed
articles behind it. The score starts at 100 and loses 25 per error, 10 per warning and 2 per
note, down to 0 (:data:`PENALTY`).

The checks, by module:

- ``phrases``: wording not to use, as one table: salary or benefits (error), reproach
  (error), demanding, desperate and casual wording, and a thank-you that asks about the
  timeline.
- ``content``: what must be there: the recipient's name and not a generic greeting, the job
  title, a specific point (thank-you), the interview's day (follow-ups), a signature with the
  full name, a subject (email) that is not too long, the word budget, a voicemail's name and
  number said twice; a repeated word; and a draft for a step with nothing to send.
- ``grammar``: what a composer gets wrong pasting free text into a frame: a clause or a
  verb where a noun belongs, "a" or "an" against the next word's sound, a sentence opening
  like the one before it, a greeting with the full name.
- ``spelling``: words the ``pyspellchecker`` dictionary and the workplace word lists do not
  know, with names, the context, addresses and acronyms left alone.
- ``timing``: for a stored interview, a message too soon or one too many
  (:func:`timing_findings`, given the plan).

Each language (``Draft.language``) has its own phrase table, letter shapes (``wording``),
dictionary and word budgets; the grammar checks of a composer's English (a clause as a noun,
"a"/"an") apply to English only, since the other languages' messages take free text as
written.

Pure: no web framework here; the route and the stored-interview lookup call in.
"""

from __future__ import annotations

import re
from functools import lru_cache

from app.domain.model import Channel
from app.messages.checks import content, grammar
from app.messages.checks.model import (
    PENALTY,
    CheckResult,
    Draft,
    DraftContext,
    Finding,
    Part,
    Severity,
    Span,
    score,
)
from app.messages.checks.phrases import COMPILED, Compiled, compile_rows, phrase_findings
from app.messages.checks.spelling import spell_checker, spelling_findings
from app.messages.checks.timing import timing_findings
from app.messages.languages import LANGUAGES, language
from app.messages.render import word_count

__all__ = [
    "PENALTY",
    "CheckResult",
    "Draft",
    "DraftContext",
    "Finding",
    "Severity",
    "Span",
    "check_message",
    "preload",
    "score",
    "timing_findings",
    "with_findings",
]

_CONTEXT_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
_PART_ORDER = {"subject": 0, "body": 1}


def preload(codes: tuple[str, ...] = tuple(LANGUAGES)) -> None:
    """Load the spelling dictionaries and phrase tables now rather than on the first check
    (0.15 to 1 s a language)."""
    for code in codes:
        spell_checker(code)
        _rows(code)


@lru_cache(maxsize=len(LANGUAGES))
def _rows(code: str) -> tuple[Compiled, ...]:
    """A language's phrase rows, compiled once: English's lowering ASCII, the others'
    ignoring case."""
    if code == "en":
        return COMPILED
    return compile_rows(content.wording_of(code).rows, ignore_case=True)


def _allowed(context: DraftContext) -> frozenset[str]:
    """Lower-case words of the draft's context: names, company, job title, known words."""
    texts = (
        context.interviewer_name,
        context.job_title,
        context.company,
        context.candidate_name,
        *context.known_words,
    )
    return frozenset(
        word.lower().replace("’", "'")
        for text in texts
        if text
        for word in _CONTEXT_WORD.findall(text)
    )


def _phrases(context: DraftContext) -> tuple[str, ...]:
    """The context's texts as written, which the grammar checks take as the caller's words."""
    texts = (
        context.interviewer_name,
        context.job_title,
        context.company,
        context.candidate_name,
        *context.known_words,
    )
    return tuple(text for text in texts if text and text.strip())


def _order(finding: Finding) -> tuple[int, int, int, int]:
    span = finding.span
    if span is None:
        return (_SEVERITY_ORDER[finding.severity], -1, 0, 0)
    return (_SEVERITY_ORDER[finding.severity], _PART_ORDER[span.part], span.start, span.end)


def check_message(draft: Draft) -> CheckResult:
    """Check one draft against the guidance of the seeds.

    Args:
        draft: the kind, channel, subject, body and context of the message.

    Returns:
        The score and the findings, errors first, then by position (subject before body).
    """
    findings: list[Finding] = []
    allowed = _allowed(draft.context)
    phrases = _phrases(draft.context)
    code = language(draft.language).code
    english = code == "en"
    rows = _rows(code)
    repeats = LANGUAGES[code].repeats
    parts: list[tuple[Part, str]] = [("body", draft.body)]
    if draft.subject and draft.channel is Channel.EMAIL:
        parts.insert(0, ("subject", draft.subject))
    for part, text in parts:
        findings.extend(phrase_findings(draft.kind, part, text, rows))
        findings.extend(content.repeated_words(part, text, repeats))
        if english:
            quoted = grammar.quoted_spans(text, phrases)
            findings.extend(grammar.clause_as_noun(part, text, quoted))
            findings.extend(grammar.articles(part, text, quoted))
        findings.extend(spelling_findings(part, text, allowed, code))
    findings.extend(grammar.repeated_openings("body", draft.body))
    words = word_count(draft.body)
    for check in (
        content.nothing_to_send,
        content.subject,
        content.greeting,
        *((grammar.full_name_greeting,) if english else ()),
        content.job_title,
        content.specific_point,
        content.interview_date,
        content.signature,
        content.voicemail,
    ):
        findings.extend(check(draft))
    findings.extend(content.word_budget(draft, words))
    findings.sort(key=_order)
    return CheckResult(
        score=score(findings),
        findings=tuple(findings),
        word_count=words,
        word_budget=content.budget_of(draft),
    )


def with_findings(result: CheckResult, extra: list[Finding]) -> CheckResult:
    """``result`` with ``extra`` findings (such as :func:`timing_findings`) merged in order
    and the score taken again.
    """
    if not extra:
        return result
    findings = tuple(sorted((*result.findings, *extra), key=_order))
    return CheckResult(score(findings), findings, result.word_count, result.word_budget)
