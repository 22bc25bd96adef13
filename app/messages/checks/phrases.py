"""Wording a follow-up should not use, as one table: the check, what to say, the patterns.

Each row is a check of its own (one id, one severity, the rules and seeds behind it); its
patterns are joined into one compiled alternation, so a draft is scanned once per row. A
message may quote the matched text as ``{text}``.

``patterns`` are written in lower case and read a copy of the text with its ASCII capitals
lowered (same length, so the offsets hold): about twice as fast as ``re.IGNORECASE``.
``exact`` patterns read the text as written, for words whose case matters (``PTO``, ``u``).
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterator
from dataclasses import dataclass

from app.domain.model import StepKind
from app.messages.checks.model import Check, Finding, Part, Severity, Span

#: No row reports more than this many findings for one part of a draft.
MAX_PER_CHECK = 10


@dataclass(frozen=True, slots=True)
class PhraseRow:
    check: Check
    message: str
    patterns: tuple[str, ...]
    #: The kinds of message the row applies to; None: every kind.
    kinds: frozenset[StepKind] | None = None
    #: Patterns matched against the text as written, case and all.
    exact: tuple[str, ...] = ()


#: Getting back to someone, as a reproach says they did not.
_ASK_BACK = (
    r"(?:(?:get|got|gotten|come|came|write|wrote|written|call|called|reach|reached) back|"
    r"reply|replied|respond|responded|answer|answered|contact(?:ed)? (?:me|us)|"
    r"call(?:ed)? (?:me|us)|follow(?:ed)? up|(?:be|get|got|gotten) in touch)"
)
_TO_ME = r"(?: to (?:me|us|my \w+))?\b"

#: Chat words a letter should not use: the casual row reports them, so the spelling check,
#: which would call them misspelt, leaves them alone.
CASUAL_WORDS = tuple(
    "gonna wanna gotta kinda sorta dunno lemme gimme yeah yep yup nope dude bro lol lmao rofl "
    "omg tbh imo imho thx thanx pls plz cya ttyl xoxo btw idk nvm".split()
)

ROWS: tuple[PhraseRow, ...] = (
    PhraseRow(
        Check("C-SALARY", Severity.ERROR, ("R13",), (0,)),
        "Leave out “{text}”: salary and benefits are for when an offer is made, not for a "
        "follow-up (R13).",
        (
            r"\bsalar(?:y|ies)\b",
            r"\b(?:compensation|remuneration)\b",
            r"\b(?:pay|wage|wages)[ -](?:range|scale|band|rate|grade|package)s?\b",
            r"\b(?:starting|base) (?:pay|wage)\b",
            r"\b(?:what|how much) (?:does|would|will) (?:the (?:role|position|job)|it) pay\b",
            r"\bbenefits? (?:package|plan|options|offered|you offer)\b",
            r"\b(?:employee|health|medical|dental|retirement|vision) (?:benefits|insurance)\b",
            r"\bwhat (?:are )?(?:the )?benefits\b",
            r"\bhealth ?care plan\b",
            r"\bpaid time off\b",
            r"\bvacation (?:days|time|policy|allowance)\b",
            r"\b401 ?\(?k\)?",
            r"\b(?:signing|sign-on|annual|performance|year-end) bonus(?:es)?\b",
            r"\bbonus (?:structure|plan|scheme)\b",
            r"\bstock options?\b",
            r"\bequity (?:package|grant|stake|compensation|offer)\b",
            r"\bperks\b",
            r"\brelocation (?:package|assistance|bonus)\b",
        ),
        exact=(r"\bPTO\b", r"\bRSUs?\b"),
    ),
    PhraseRow(
        Check("C-REPROACH", Severity.ERROR, ("R13",), (2,)),
        "Drop “{text}”: keep it positive and do not mention that they have not been in "
        "touch (R13).",
        (
            rf"\b(?:you|they|nobody|no one|no-one)(?: have| has| had)? never {_ASK_BACK}{_TO_ME}",
            r"\b(?:you|they)(?: still)? (?:did not|didn't|have not|haven't|has not|hasn't|"
            rf"do not|don't) (?:bother(?:ed)? to )?{_ASK_BACK}{_TO_ME}",
            r"\b(?:i|we)(?: still)? (?:have not|haven't|did not|didn't|never|hadn't|had not) "
            r"(?:heard (?:back|anything|from you|a word|any (?:news|word))|"
            r"(?:received|got|gotten) (?:a |any )?(?:reply|response|word|answer|news|update))",
            rf"\b(?:no one|nobody|no-one) (?:has |had )?{_ASK_BACK}{_TO_ME}",
            r"\bstill (?:waiting|no (?:word|news|reply|response|answer|update))\b",
            r"\bdespite (?:my|several|multiple|many|repeated) (?:e-?mails|messages|calls|"
            r"attempts|follow-ups|follow ups|requests)\b",
            r"\bignor(?:ed|ing) (?:me|my)\b",
            r"\bno (?:reply|response|answer) to my\b",
            rf"\b(?:you|they) (?:said|promised) (?:you|they)(?:'d|’d| would) {_ASK_BACK}{_TO_ME}",
            r"\b(?:i have|i've|i’ve) (?:already )?(?:e-?mailed|written|called|reached out|"
            r"contacted you)(?: to you)? (?:several|multiple|many|three|two|a few|numerous) "
            r"times\b",
            r"\bradio silence\b",
            r"\bleft me hanging\b",
        ),
    ),
    PhraseRow(
        Check("C-DEMANDING", Severity.WARNING, ("R13",), (0,)),
        "Rephrase “{text}”: ask politely and leave the timing to them; demanding wording "
        "hurts (R13).",
        (
            r"\basap\b",
            r"\bas soon as (?:possible|you can)\b",
            r"\bi (?:need|demand|require|expect|want) (?:an? |your |to get an? )?(?:answer|"
            r"response|reply|decision|update)\b",
            r"\bi (?:need|must|have) to (?:know|hear)\b",
            r"\b(?:reply|respond|answer|get back to me|let me know|call me|decide) "
            r"(?:immediately|right away|at once|urgently|today|by (?:tomorrow|tonight|"
            r"the end of (?:the )?day|end of day|eod|cob))\b",
            r"\burgent(?:ly)?\b",
            r"\bwithout (?:any )?(?:further )?delay\b",
            r"\byou (?:must|need to|have to) (?:reply|respond|answer|get back|let me know|"
            r"tell me|decide|call|inform)\b",
            r"\bi insist\b",
            r"\bwhy (?:haven't|have not|hasn't|has not) (?:you|anyone|anybody)\b",
        ),
        exact=(r"\b(?:EOD|COB)\b",),
    ),
    PhraseRow(
        Check("C-DESPERATE", Severity.WARNING, ("R13",), (0, 4)),
        "Rephrase “{text}”: confident interest reads better than need (R13).",
        (
            r"\bi (?:really |truly |desperately |badly )?need (?:this|the|a) (?:job|role|"
            r"position|work|opportunity)\b",
            r"\bbeg(?:ging)?\b",
            r"\bdesperate(?:ly)?\b",
            r"\bi(?:'ll|’ll| will| would)(?: literally)? do anything\b",
            r"\bplease,? please\b",
            r"\b(?:please )?give me a chance\b",
            r"\bmy (?:last|only) (?:hope|chance)\b",
            r"\bany (?:position|role|job) at all\b",
            r"\bi (?:can't|can’t|cannot|can not) afford (?:to|not)\b",
            r"\bi(?:'m|’m| am) willing to (?:take|accept) (?:any|a lower)\b",
        ),
    ),
    PhraseRow(
        Check("C-CASUAL", Severity.WARNING, ("R13",), (0,)),
        "Replace “{text}”: keep the tone professional; casual wording and emoji read "
        "careless (R13).",
        (
            r"\b(?:hey|heya|hiya|howdy|sup)\b",
            r"(?m:^[ \t]*yo\b)",
            rf"\b(?:{'|'.join(CASUAL_WORDS)}|y'all|awesome|super excited)\b",
            r"\byou guys\b",
            r"[!?]{2,}",
            r"(?<![\w)])[:;=]-?[)(dp](?!\w)",
            r"<3",
            "[\U0001f300-\U0001faff\U0001f000-\U0001f2ff\u2600-\u27bf\u2b50\u2b55]+",
        ),
        exact=(r"\b(?:u|ur|ya|ty)\b(?![.'’])",),
    ),
    PhraseRow(
        Check("C-TIMELINE-QUESTION", Severity.WARNING, ("R1",), (0,)),
        "Leave out “{text}”: a thank-you expresses gratitude and does not ask about the "
        "hiring timeline (R1).",
        (
            r"\b(?:hiring|decision(?:-making)?|recruiting|recruitment|interview) "
            r"(?:timeline|timeframe|time frame|schedule)\b",
            r"\b(?:your |the )?timeline (?:for|on|of) (?:a |the |your )?(?:decision|hire|"
            r"hiring|next steps|filling)",
            r"\b(?:check|ask|know|hear|learn|inquire|enquire) (?:on|about) (?:the |your )?"
            r"timeline\b",
            r"\bwhen (?:(?:can|could|will|would|should|might|may) (?:i|we)|(?:i|we) "
            r"(?:can|could|will|would|should|might|may)) (?:expect to )?(?:hear|expect|know|"
            r"learn|receive|get)\b",
            r"\bwhen (?:you|you'll|you’ll|you will|you expect to|you plan to|the team will) "
            r"(?:make|reach|have|come to|announce) (?:a|your|the|their) (?:decision|choice)\b",
            r"\b(?:what|any)(?: are| is)? (?:the )?next steps\b",
            r"\bhow long (?:will|does|would|might) (?:it|the (?:process|decision|hiring))\b",
            r"\b(?:by )?when (?:is|will) (?:the|a|your) (?:decision|offer)\b",
            r"\bhear back (?:by|before|within|when)\b",
            r"\bupdate on (?:your|the|a) (?:decision|process|hiring)\b",
            r"\bstatus of (?:my|the) (?:application|candidacy)\b",
        ),
        frozenset({StepKind.THANK_YOU}),
    ),
)


#: Lowers ASCII capitals only: the text keeps its length, so offsets into it hold.
_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)
_CAPITAL = re.compile(r"(?<!\\)[A-Z]")


def _alternation(patterns: tuple[str, ...]) -> re.Pattern[str] | None:
    return re.compile("|".join(f"(?:{p})" for p in patterns)) if patterns else None


@dataclass(frozen=True, slots=True)
class Compiled:
    """A row's patterns, joined: ``lowered`` reads the text with ASCII capitals lowered
    (or, for a row compiled to ignore case, the text as written)."""

    row: PhraseRow
    lowered: re.Pattern[str] | None
    exact: re.Pattern[str] | None
    ignore_case: bool = False


def _compiled(row: PhraseRow, *, ignore_case: bool = False) -> Compiled:
    """A row ready to scan; ``ignore_case`` for languages whose letters ASCII does not
    cover ("Gehalt", "Über"), matched case-insensitively against the text as written."""
    for pattern in row.patterns:
        if _CAPITAL.search(pattern):
            raise ValueError(f"{row.check.id}: write {pattern!r} in lower case, or as exact")
    if ignore_case:
        joined = "|".join(f"(?:{p})" for p in row.patterns)
        return Compiled(row, re.compile(joined, re.IGNORECASE), _alternation(row.exact), True)
    return Compiled(row, _alternation(row.patterns), _alternation(row.exact))


def compile_rows(rows: tuple[PhraseRow, ...], *, ignore_case: bool = False) -> tuple[Compiled, ...]:
    return tuple(_compiled(row, ignore_case=ignore_case) for row in rows)


COMPILED = compile_rows(ROWS)


def phrase_findings(
    kind: StepKind, part: Part, text: str, rows: tuple[Compiled, ...] = COMPILED
) -> Iterator[Finding]:
    """Every row's matches in ``text`` (the draft's ``part``), at most a few per row."""
    lowered = text.translate(_ASCII_LOWER)
    for compiled in rows:
        row = compiled.row
        if row.kinds is not None and kind not in row.kinds:
            continue
        matches = [
            match
            for pattern, subject in (
                (compiled.lowered, text if compiled.ignore_case else lowered),
                (compiled.exact, text),
            )
            if pattern is not None
            for match in pattern.finditer(subject)
        ]
        matches.sort(key=lambda match: (match.start(), -match.end()))
        end, found = -1, 0
        for match in matches:
            if match.start() < end:
                continue  # inside one reported already: "answer by EOD" holds "EOD"
            yield row.check.finding(
                row.message.format(text=text[match.start() : match.end()]),
                Span(part, match.start(), match.end()),
            )
            end, found = match.end(), found + 1
            if found == MAX_PER_CHECK:
                return
