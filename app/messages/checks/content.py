"""What a message must contain and how long it may be: the checks that read its structure.

A finding about something missing points where it belongs: a missing name at the greeting,
a missing job title or point at the opening paragraph, a missing signature at the end, words
over the budget from the first word too many.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from functools import lru_cache

from babel.dates import get_day_names, get_month_names

from app.domain.model import Channel, Explained, StepKind, said
from app.domain.timeline import WEEKDAYS
from app.messages.checks.model import Check, Draft, Finding, Part, Severity, Span
from app.messages.checks.phrases import CASUAL_WORDS, MAX_PER_CHECK, ROWS
from app.messages.checks.wording import WORDINGS, Wording
from app.messages.languages import language

#: Longer subjects are cut off in mail clients; RFC 5322 keeps a line to 78 characters.
SUBJECT_MAX = 78

NOTHING_TO_SEND = Check("C-NOTHING-TO-SEND", Severity.ERROR, ("R11",))
SUBJECT_MISSING = Check("C-SUBJECT-MISSING", Severity.WARNING, ("R8",))
SUBJECT_LONG = Check("C-SUBJECT-LONG", Severity.WARNING, ("R8",))
NO_NAME = Check("C-NO-NAME", Severity.WARNING, ("R1", "R13"), (0, 1, 3))
GENERIC_GREETING = Check("C-GENERIC-GREETING", Severity.WARNING, ("R1", "R13"), (0, 1, 3))
NO_JOB_TITLE = Check("C-NO-JOB-TITLE", Severity.WARNING, ("R8",))
NO_SPECIFIC_POINT = Check("C-NO-SPECIFIC-POINT", Severity.WARNING, ("R1",))
NO_INTERVIEW_DATE = Check("C-NO-INTERVIEW-DATE", Severity.INFO, ("R8",))
SIGNATURE = Check("C-SIGNATURE", Severity.WARNING, ("R8",))
VOICEMAIL_NAME = Check("C-VOICEMAIL-NAME", Severity.WARNING, ("R4",))
VOICEMAIL_NUMBER = Check("C-VOICEMAIL-NUMBER", Severity.WARNING, ("R4",))
REPEATED_WORD = Check("C-REPEATED-WORD", Severity.WARNING, ("R13",), (0, 4))

#: Over the word budget: each kind cites the rule that asks it to be brief.
WORD_BUDGET = {
    StepKind.THANK_YOU: Check("C-WORD-BUDGET", Severity.WARNING, ("R1",)),
    StepKind.FOLLOW_UP: Check("C-WORD-BUDGET", Severity.WARNING, ("R8",)),
    StepKind.FINAL_FOLLOW_UP: Check("C-WORD-BUDGET", Severity.WARNING, ("R9",)),
    StepKind.ESCALATION: Check("C-WORD-BUDGET", Severity.WARNING, ("R10",)),
}
VOICEMAIL_WORD_BUDGET = Check("C-WORD-BUDGET", Severity.WARNING, ("R4",))

LABELS = {
    StepKind.THANK_YOU: "thank-you",
    StepKind.FOLLOW_UP: "follow-up",
    StepKind.FINAL_FOLLOW_UP: "final follow-up",
    StepKind.ESCALATION: "message to the hiring manager",
    StepKind.MOVE_ON: "message after the last one",
}
#: Kinds that remind the reader of the interview's date (R8; the voicemail too, R4).
_DATED = frozenset({StepKind.FOLLOW_UP, StepKind.FINAL_FOLLOW_UP, StepKind.ESCALATION})

_WORD = re.compile(r"\S+")
#: A line's text from its first to its last non-space; a paragraph: such lines in a row.
_LINE = re.compile(r"\S(?:[^\n]*\S)?")
_PARAGRAPH = re.compile(r"\S(?:[^\n]*\S)?(?:[^\S\n]*\n[^\S\n]*\S(?:[^\n]*\S)?)*")
_GREETING = re.compile(
    r"(?:to whom it may concern|dear|hi|hey|hello|good (?:morning|afternoon|evening)|greetings)\b"
    r"[ \t,]*(?:(?:mr|mrs|ms|mx|dr|prof)\.?[ \t]+)?(?P<name>[^\W\d_][\w'’.-]*)?",
    re.IGNORECASE,
)
_GENERIC_NAMES = frozenset(
    "sir madam sir/madam hiring recruiter recruiting recruitment team all there everyone "
    "colleague colleagues friend friends whom".split()
)
_TITLES = frozenset("mr mrs ms mx dr prof".split())
_SPECIFIC = re.compile(
    r"\b(?:(?:conversation|discussion|talk|chat|chatting|talking|discussing|hearing|learning|"
    r"speaking) (?:about|on|regarding|of)|we (?:discussed|talked about|spoke about|covered|"
    r"touched on)|you (?:mentioned|described|explained|shared|said|told me)|"
    r"(?:especially|particularly|really) (?:enjoyed|appreciated|liked|valued)|"
    r"(?:interesting|insightful|fascinating|helpful|great) to (?:hear|learn|discuss))",
    re.IGNORECASE,
)
_CLOSING = re.compile(
    r"(?:best(?: regards| wishes)?|kind(?:est)? regards|warm(?:est)? regards|regards|"
    r"sincerely(?: yours)?|yours (?:sincerely|truly|faithfully)|thank you(?: again)?|"
    r"thanks(?: again)?|many thanks|respectfully|all the best|cheers|"
    r"with (?:thanks|appreciation|gratitude))[ \t]*[,.!]?[ \t]*",
    re.IGNORECASE,
)
_NAME_PARTICLES = frozenset("de da del della der den di do dos du la le van von y bin al".split())
_PHONE = re.compile(r"\+?\d[\d \t().-]{5,}\d")
_REPEATED = re.compile(r"\b([^\W\d_]+)\s+(\1)\b", re.IGNORECASE)
_REPEATS_ALLOWED = frozenset({"that", "had"})
_RELATIVE_DAY = re.compile(
    r"\b(?:yesterday|today|this morning|last week|earlier this week|last (?:"
    + "|".join(WEEKDAYS)
    + r"))\b",
    re.IGNORECASE,
)


#: English's wording; the other languages' is in ``wording``.
ENGLISH = Wording(ROWS, _GREETING, _GENERIC_NAMES, _CLOSING, _SPECIFIC, _RELATIVE_DAY, CASUAL_WORDS)


def wording_of(code: str | None) -> Wording:
    """The phrase rows and letter shapes of a language (English for None)."""
    return WORDINGS[code] if code and code != "en" else ENGLISH


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def _contains_words(haystack: list[str], needle: list[str]) -> bool:
    """Whether ``needle`` occurs in ``haystack`` as consecutive words."""
    if not needle:
        return True
    size = len(needle)
    first = needle[0]
    return any(
        word == first and haystack[index : index + size] == needle
        for index, word in enumerate(haystack)
    )


@lru_cache(maxsize=512)
def _name_parts(name: str) -> frozenset[str]:
    return frozenset(p for p in _words(name) if len(p) > 1 and p not in _TITLES)


def _lines(body: str) -> list[tuple[int, int]]:
    """Each line that has text, without its leading and trailing spaces."""
    return [match.span() for match in _LINE.finditer(body)]


def _opening(body: str, greeting: re.Pattern[str] = _GREETING) -> Span:
    """The first paragraph after the greeting, where the job title and the point belong."""
    paragraphs = [match.span() for match in _PARAGRAPH.finditer(body)] or [(0, len(body))]
    first = paragraphs[0]
    if len(paragraphs) > 1 and greeting.match(body, first[0]) and "\n" not in body[slice(*first)]:
        first = paragraphs[1]
    return Span("body", *first)


def _end(body: str) -> Span:
    lines = _lines(body)
    return Span("body", *(lines[-1] if lines else (len(body), len(body))))


def budget_of(draft: Draft) -> int | None:
    """The word budget of the draft's kind and channel."""
    lang = language(draft.language)
    if draft.channel is Channel.PHONE:
        return lang.voicemail_budget if draft.kind is not StepKind.MOVE_ON else None
    return lang.budgets.get(draft.kind)


def label_of(draft: Draft) -> str:
    return "voicemail" if draft.channel is Channel.PHONE else LABELS[draft.kind]


def label_said(draft: Draft) -> Explained:
    """The draft's label with its key (``label.voicemail``, ``label.follow_up``...)."""
    if draft.channel is Channel.PHONE:
        return said("voicemail", "label.voicemail")
    return kind_label(draft.kind)


def kind_label(kind: StepKind) -> Explained:
    """A kind of message as the explanation names it, with its key."""
    return said(LABELS[kind], f"label.{kind.value}")


def word_budget(draft: Draft, words: int) -> Iterator[Finding]:
    budget = budget_of(draft)
    if budget is None or words <= budget:
        return
    check = VOICEMAIL_WORD_BUDGET if draft.channel is Channel.PHONE else WORD_BUDGET[draft.kind]
    first_over = next(m for i, m in enumerate(_WORD.finditer(draft.body)) if i == budget)
    yield check.finding(
        said(
            f"Cut the {label_of(draft)} to {budget} words or fewer (it has {words}): "
            f"brief messages get read ({', '.join(check.rules)}).",
            "check.C-WORD-BUDGET",
            label=label_said(draft),
            budget=budget,
            words=words,
            rules=", ".join(check.rules),
        ),
        Span("body", first_over.start(), len(draft.body.rstrip())),
    )


def nothing_to_send(draft: Draft) -> Iterator[Finding]:
    if draft.kind is StepKind.MOVE_ON:
        yield NOTHING_TO_SEND.finding(
            said(
                "Do not send this: after the last message, stop contacting them about this "
                "role and put the energy into other applications (R11).",
                "check.C-NOTHING-TO-SEND",
            ),
            Span("body", 0, len(draft.body)),
        )


def subject(draft: Draft) -> Iterator[Finding]:
    if draft.channel is not Channel.EMAIL or draft.kind is StepKind.MOVE_ON:
        return
    text = draft.subject or ""
    if not text.strip():
        example = f" such as “Follow-up regarding {draft.context.job_title} interview”"
        yield SUBJECT_MISSING.finding(
            said(
                f"Add a clear subject{example if draft.context.job_title else ''}, or reply in "
                "the interview's thread (R8).",
                "check.C-SUBJECT-MISSING.example"
                if draft.context.job_title
                else "check.C-SUBJECT-MISSING",
                title=draft.context.job_title,
            ),
            Span("subject", 0, len(text)),
        )
    elif len(text) > SUBJECT_MAX:
        yield SUBJECT_LONG.finding(
            said(
                f"Shorten the subject to {SUBJECT_MAX} characters or fewer (it has "
                f"{len(text)}): mail clients cut long subjects off (R8).",
                "check.C-SUBJECT-LONG",
                most=SUBJECT_MAX,
                length=len(text),
            ),
            Span("subject", SUBJECT_MAX, len(text)),
        )


def greeting(draft: Draft) -> Iterator[Finding]:
    """R1, R13: the recipient by name, not “Dear Hiring Manager”."""
    if draft.kind is StepKind.MOVE_ON:
        return
    body = draft.body
    lines = _lines(body)
    if not lines:
        return
    first = lines[0]
    wording = wording_of(draft.language)
    opening = wording.greeting.match(body, first[0], first[1])
    name = opening.group("name") if opening else None
    if opening and (name is None or name.lower() in wording.generic_names):
        generic = body[first[0] : first[1]].rstrip(" ,:")
        yield GENERIC_GREETING.finding(
            said(
                f"Address them by name rather than “{generic}”: a personal message makes its "
                "mark where a generic one does not (R1, R13).",
                "check.C-GENERIC-GREETING",
                greeting=generic,
            ),
            Span("body", *first),
        )
        return
    expected = draft.context.interviewer_name
    if expected:
        parts = _name_parts(f"{expected} {draft.context.interviewer_preferred_name or ''}")
        if parts and not parts.intersection(_words(body)):
            yield NO_NAME.finding(
                said(
                    f"Address {expected} by name: a personal message makes its mark (R1, R13).",
                    "check.C-NO-NAME.expected",
                    who=expected,
                ),
                Span("body", *first),
            )
    elif not (name and name[0].isupper()) and not _addressed(body[first[0] : first[1]]):
        yield NO_NAME.finding(
            said(
                "Open with the recipient's name (“Hi Bob,”): a personal message makes "
                "its mark (R1, R13).",
                "check.C-NO-NAME",
            ),
            Span("body", *first),
        )


def _addressed(line: str) -> bool:
    """A first line like “Bob,” or “Ms. Diaz,”: a name and a comma."""
    head, comma, _ = line.partition(",")
    words = head.split()
    return bool(comma) and 0 < len(words) <= 4 and all(w[:1].isupper() for w in words)


def job_title(draft: Draft) -> Iterator[Finding]:
    title = draft.context.job_title
    if not title or draft.kind is StepKind.MOVE_ON:
        return
    if not _contains_words(_words(f"{draft.subject or ''}\n{draft.body}"), _words(title)):
        yield NO_JOB_TITLE.finding(
            said(
                f"Name the position, {title}, so they can place you at once (R8).",
                "check.C-NO-JOB-TITLE",
                title=title,
            ),
            _opening(draft.body, wording_of(draft.language).greeting),
        )


def specific_point(draft: Draft) -> Iterator[Finding]:
    if draft.kind is not StepKind.THANK_YOU or draft.channel is not Channel.EMAIL:
        return
    wording = wording_of(draft.language)
    if not wording.specific.search(draft.body):
        yield NO_SPECIFIC_POINT.finding(
            said(
                "Mention a specific point from your conversation (“I especially enjoyed our "
                "conversation about …”): it shows you were engaged (R1).",
                "check.C-NO-SPECIFIC-POINT",
            ),
            _opening(draft.body, wording.greeting),
        )


@lru_cache(maxsize=256)
def _date_pattern(day: date, code: str = "en") -> re.Pattern[str]:
    if code == "en":
        month, short, weekday = day.strftime("%B"), day.strftime("%b"), WEEKDAYS[day.weekday()]
    else:  # the language's own names, from CLDR: "November", "novembre", "noviembre"
        month = re.escape(get_month_names("wide", locale=code)[day.month])
        short = re.escape(get_month_names("abbreviated", locale=code)[day.month].rstrip("."))
        weekday = re.escape(get_day_names("wide", locale=code)[day.weekday()])
    d, m = day.day, day.month
    forms = [
        rf"(?:{month}|{short}\.?)\s+{d}(?:st|nd|rd|th)?\b",
        rf"\b{d}(?:st|nd|rd|th|\.)?(?:\s+(?:of|de))?\s+(?:{month}|{short}\b)",
        rf"\b{weekday}\b",
        rf"\b{day.isoformat()}\b",
        rf"\b0?{m}/0?{d}\b",
        rf"\b0?{d}/0?{m}\b",
        rf"\b0?{d}\.0?{m}\.",
    ]
    return re.compile("|".join(forms), re.IGNORECASE)


def interview_date(draft: Draft) -> Iterator[Finding]:
    day = draft.context.interview_date
    dated = draft.kind in _DATED or draft.channel is Channel.PHONE
    if day is None or not dated or draft.kind is StepKind.MOVE_ON:
        return
    wording = wording_of(draft.language)
    if not (
        _date_pattern(day, draft.language or "en").search(draft.body)
        or wording.relative_day.search(draft.body)
    ):
        yield NO_INTERVIEW_DATE.finding(
            said(
                f"Mention the day of the interview ({day:%A, %B} {day.day}) so they can place "
                "you (R8).",
                "check.C-NO-INTERVIEW-DATE",
                day=day,
            ),
            _opening(draft.body, wording.greeting),
        )


def _name_like(line: str) -> int:
    """How many words of a name ``line`` has (0: it does not look like a name)."""
    words = line.replace(",", " ").split()
    if not 1 <= len(words) <= 6 or not words[0][:1].isupper():
        return 0
    if all(w[:1].isupper() or w.lower() in _NAME_PARTICLES for w in words):
        return len(words)
    return 0


def signature(draft: Draft) -> Iterator[Finding]:
    """R8: sign off with the full name (and contact details)."""
    if draft.channel is not Channel.EMAIL or draft.kind is StepKind.MOVE_ON:
        return
    body = draft.body
    lines = _lines(body)
    if not lines:
        return
    closing = next(
        (
            i
            for i in range(len(lines) - 1, -1, -1)
            if wording_of(draft.language).closing.fullmatch(body, *lines[i])
        ),
        None,
    )
    name = draft.context.candidate_name
    if name:
        # The signature: what follows the closing, else the last few lines.
        tail = lines[closing:] if closing is not None else lines[-4:]
        wanted = _words(name)
        if not any(_contains_words(_words(body[s:e]), wanted) for s, e in tail):
            yield SIGNATURE.finding(
                said(
                    f"Sign off with your full name, {' '.join(name.split())}, and your contact "
                    "details (R8).",
                    "check.C-SIGNATURE.name",
                    name=" ".join(name.split()),
                ),
                Span("body", tail[0][0], tail[-1][1]),
            )
        return
    if closing is None:
        yield SIGNATURE.finding(
            said(
                "End with a closing such as “Best regards,” and your full name (R8).",
                "check.C-SIGNATURE.closing",
            ),
            _end(body),
        )
        return
    after = lines[closing + 1 : closing + 2]
    words = _name_like(body[after[0][0] : after[0][1]]) if after else 0
    if words < 2:
        where = after[0] if after else lines[closing]
        yield SIGNATURE.finding(
            said(
                "Sign with your full name under the closing, not only a first name (R8).",
                "check.C-SIGNATURE.first_name",
            )
            if words == 1
            else said("Add your full name under the closing (R8).", "check.C-SIGNATURE.add"),
            Span("body", *where),
        )


def voicemail(draft: Draft) -> Iterator[Finding]:
    """R4: a voicemail says who you are and your number, twice."""
    if draft.channel is not Channel.PHONE or draft.kind is StepKind.MOVE_ON:
        return
    body = draft.body
    name = draft.context.candidate_name
    # The full name, or the first name one goes by and the surname ("this is Annie Lee").
    wanted = _words(name) if name else []
    if name and not _contains_words(_words(body), wanted[1:] if len(wanted) > 1 else wanted):
        lines = _lines(body)
        yield VOICEMAIL_NAME.finding(
            said(
                f"Say who is calling: your full name, {' '.join(name.split())} (R4).",
                "check.C-VOICEMAIL-NAME",
                name=" ".join(name.split()),
            ),
            Span("body", *(lines[0] if lines else (0, 0))),
        )
    numbers: dict[str, list[re.Match[str]]] = {}
    for match in _PHONE.finditer(body):
        numbers.setdefault(re.sub(r"\D", "", match.group()), []).append(match)
    if not numbers:
        yield VOICEMAIL_NUMBER.finding(
            said(
                "Leave your phone number, and say it twice, slowly (R4).",
                "check.C-VOICEMAIL-NUMBER",
            ),
            _end(body),
        )
    elif max(len(found) for found in numbers.values()) < 2:
        first = next(iter(numbers.values()))[0]
        yield VOICEMAIL_NUMBER.finding(
            said(
                f"Say your number twice: “{first.group()}” comes only once (R4).",
                "check.C-VOICEMAIL-NUMBER.once",
                number=first.group(),
            ),
            Span("body", first.start(), first.end()),
        )


def repeated_words(
    part: Part, text: str, allowed: frozenset[str] = _REPEATS_ALLOWED
) -> Iterator[Finding]:
    """A word twice in a row, except those a language may repeat ("that that", "nous nous")."""
    repeats = (m for m in _REPEATED.finditer(text) if m.group(1).lower() not in allowed)
    for _, match in zip(range(MAX_PER_CHECK), repeats, strict=False):
        yield REPEATED_WORD.finding(
            said(
                f"Remove the repeated “{match.group(1)}” (R13).",
                "check.C-REPEATED-WORD",
                word=match.group(1),
            ),
            Span(part, match.start(2), match.end(2)),
        )
