"""Renders the message of a plan step.

Templates are files under ``templates/`` (English) and ``templates/<language>/`` (each
other language, the same names; see ``languages``), rendered in Jinja2's sandbox; the HTML body goes
through an autoescaping environment, so nothing a caller writes ever becomes markup. Each
message keeps to its word budget: optional content (extra strengths, concerns, links) is
dropped, least important first, until it fits. The input limits in :data:`LIMITS` make
the required content alone always fit.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import FileSystemLoader, StrictUndefined, Template
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup, escape

from app.domain.model import (
    Candidate,
    Channel,
    Concern,
    Contact,
    Formality,
    InterviewFacts,
    Step,
    StepKind,
)
from app.messages import compose
from app.messages.languages import LANGUAGES, Language, language, title_gender
from app.messages.phrasing import sentence, with_article

TEMPLATES = Path(__file__).parent / "templates"

#: English word budgets per kind; a voicemail of 110 words is about 45 seconds. Each
#: language has its own (``Language.budgets``).
WORD_BUDGETS = LANGUAGES["en"].budgets
VOICEMAIL_BUDGET = LANGUAGES["en"].voicemail_budget


@dataclass(frozen=True, slots=True)
class FieldLimit:
    chars: int
    words: int


#: Input limits that keep every message within budget; the API schema enforces them.
LIMITS = {
    "name": FieldLimit(100, 6),
    "company": FieldLimit(120, 8),
    "job_title": FieldLimit(120, 10),
    "phone": FieldLimit(32, 5),
    "discussion_point": FieldLimit(240, 30),
    "strength": FieldLimit(160, 20),
    "concern": FieldLimit(200, 25),
    "response": FieldLimit(240, 30),
    "title": FieldLimit(20, 3),
    "additional_info": FieldLimit(300, 25),
}

#: R2, each note its own: the opening turns with the person's place among those interviewed
#: with (so up to four notes to one company open differently); the closing is worded for
#: their role and turns with their place and whether a point was discussed with them.
_OPENINGS = 4
_CLOSINGS = 3


@dataclass(frozen=True, slots=True)
class Message:
    """A message ready to send.

    Attributes:
        to: each recipient as written: ``Zoë Müller <zoe@acme.example>`` for email (no
            header encoding: that belongs to an export), the number for phone.
        addresses: each email recipient's name and bare address, for an export
            (:func:`mailto_of`, the ``.eml`` draft) to encode.
    """

    channel: Channel
    to: tuple[str, ...]
    subject: str | None
    body_text: str
    body_html: str
    script: str | None = None
    addresses: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class _Optional:
    """The droppable parts of a message, trimmed in this order until it fits."""

    additional_info: tuple[str, ...]
    concerns: tuple[Concern, ...]
    strengths: tuple[str, ...]

    def trims(self) -> Iterator[_Optional]:
        current = self
        yield current
        for name in ("additional_info", "concerns", "strengths"):
            while getattr(current, name):
                current = replace(current, **{name: getattr(current, name)[:-1]})
                yield current


def _join_and(items: Sequence[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``; with a serial comma where an item has its own
    "and" ("Python and SQL, and experience with dbt")."""
    items = list(items)
    if len(items) == 1:
        return items[0]
    last = ", and " if any(" and " in item for item in items) else " and "
    return ", ".join(items[:-1]) + last + items[-1]


def _paragraphs(text: str) -> Markup:
    """Escape ``text``, then mark up its paragraphs and line breaks: the only tags are ours."""
    escaped = str(escape(text))
    paragraphs = (p.replace("\n", "<br>\n") for p in escaped.split("\n\n"))
    return Markup("\n".join(f"<p>{p}</p>" for p in paragraphs))  # noqa: S704 - escaped first


def _written(text: str) -> str:
    """Free text as the candidate wrote it, on one line, ending as a sentence ends."""
    text = " ".join(text.split())
    return text if not text or text[-1] in ".!?…" else f"{text}."


def _environment(*, autoescape: bool, code: str = "en") -> SandboxedEnvironment:
    # A language's own folder first; the HTML wrapper is shared by all.
    folders = [TEMPLATES] if code == "en" else [TEMPLATES / code, TEMPLATES]
    env = SandboxedEnvironment(
        loader=FileSystemLoader(folders),
        autoescape=autoescape,
        undefined=StrictUndefined,
        lstrip_blocks=True,
        trim_blocks=False,
    )
    env.filters["join_and"] = _join_and
    env.filters["paragraphs"] = _paragraphs
    env.filters["sentence"] = sentence
    env.filters["a"] = with_article
    env.filters["written"] = _written
    return env


_HTML = _environment(autoescape=True)


@lru_cache(maxsize=len(LANGUAGES))
def _text_environment(code: str) -> SandboxedEnvironment:
    return _environment(autoescape=False, code=code)


@lru_cache(maxsize=64)
def _template(name: str, code: str = "en") -> Template:
    return _text_environment(code).get_template(name)


def template_names() -> list[str]:
    """The text templates every language has."""
    return sorted(path.name for path in TEMPLATES.glob("*.txt"))


def preload(codes: Sequence[str] = tuple(LANGUAGES)) -> None:
    """Compile every template of ``codes`` now rather than on the first message that needs
    it."""
    for code in codes:
        for name in template_names():
            _template(name, code)
        language(code).day(date(2000, 1, 3))
    _html_template()
    with_article("in-person interview")


@lru_cache(maxsize=1)
def _html_template() -> Template:
    return _HTML.get_template("message.html")


def _blocks(template: Template, variables: dict[str, Any], *names: str) -> list[str]:
    """Render named blocks of ``template`` in one context.

    ``shared=True`` hands the variables over as they are, without merging in Jinja's globals
    (the templates use none): a context costs a third as much, and each message needs two.
    """
    context = template.new_context(variables, shared=True)
    return ["".join(template.blocks[name](context)) for name in names]


_BLANK_RUNS = re.compile(r"\n{3,}")
_DOUBLE_STOP = re.compile(r"(?<=\w)\.\.(?!\.)")
_SPACE_RUNS = re.compile(r"(?<=\S) {2,}")


def _tidy(text: str) -> str:
    if "  " in text:
        text = _SPACE_RUNS.sub(" ", text)
    if ".." in text:
        # A name that ends in its own full stop ends the sentence too: "at Acme Inc.",
        # "en Naranja Digital S.L.", not "S.L.." (an ellipsis stays as written).
        text = _DOUBLE_STOP.sub(".", text)
    lines = (line.strip() for line in text.strip().splitlines())
    return _BLANK_RUNS.sub("\n\n", "\n".join(lines))


def _one_line(text: str) -> str:
    return " ".join(text.split())


def word_count(text: str) -> int:
    return len(text.split())


def _html(body: str) -> str:
    template = _html_template()
    context = template.new_context({"body": body}, shared=True)
    return "".join(template.root_render_func(context)).strip()


def _signature(facts: InterviewFacts) -> str:
    candidate = facts.candidate
    name = cased(candidate.name)
    return "\n".join(part for part in (name, candidate.email, candidate.phone) if part)


#: Small words of a surname that stay small inside it: "van der Berg", "de la Cruz".
_PARTICLES = frozenset("van von der den de del della di da du la le ten ter bin al y".split())
#: Titles people type into a name field: "Dr. Priya Nair", "Mr John Smith", "Frau Weber".
_HONORIFICS = frozenset(
    "mr mrs ms mx miss dr prof professor sir dame herr frau m mme mlle sr sra srta dra don doña "
    "mag dipl".split()
)


#: The first letter of a name and of each part after a hyphen or apostrophe.
_NAME_PART = re.compile(r"(^|[-'’])(\w)")


@lru_cache(maxsize=1024)
def cased(name: str, *, capitals: bool = True) -> str:
    """A name typed all in small letters (or, with ``capitals``, all in capitals) written as
    names are: "sarah chen" → "Sarah Chen", "RAJESH KUMAR" → "Rajesh Kumar", "o'neil" →
    "O'Neil", "jean-luc" → "Jean-Luc"; particles stay small inside a name ("van der berg" →
    "van der Berg" only after a first name). A name typed with capitals of its own ("McKinsey",
    "eBay", "María José") is left as it is."""
    letters = [c for c in name if c.isalpha()]
    lower = all(c.islower() for c in letters)
    upper = capitals and len(letters) > 3 and all(c.isupper() for c in letters)
    if not letters or not (lower or upper):
        return name
    words = []
    for index, word in enumerate(name.lower().split()):
        if index and word in _PARTICLES:
            words.append(word)
            continue
        words.append(_NAME_PART.sub(lambda m: m.group(1) + m.group(2).upper(), word))
    return " ".join(words)


def _titled(name: str) -> tuple[str, str]:
    """A title typed into the name field, and the name without it: ("Dr.", "Priya Nair")."""
    words = name.split()
    if len(words) > 1 and words[0].rstrip(".").lower() in _HONORIFICS:
        return words[0], " ".join(words[1:])
    return "", " ".join(words)


def first_name(name: str, preferred: str | None = None) -> str:
    """The name a person goes by: ``preferred`` where given, else the first word of ``name``
    (after any title typed into it: "Dr. Priya Nair" goes by Priya)."""
    if preferred and preferred.strip():
        return cased(" ".join(preferred.split()))
    words = _titled(cased(name))[1].split()
    return words[0] if words else name


def _surname(name: str) -> str:
    words = _titled(name)[1].split()
    return " ".join(words[1:]) if len(words) > 1 else name.strip()


def _spoken_name(candidate: Candidate) -> str:
    """How the candidate introduces themselves: their preferred first name and surname."""
    name = cased(candidate.name)
    if not candidate.preferred_name:
        return name
    surname = _surname(name)
    preferred = first_name(name, candidate.preferred_name)
    return preferred if surname == name.strip() else f"{preferred} {surname}"


def formality_of(facts: InterviewFacts) -> Formality:
    """The register of the messages: the one asked for, else the language's own."""
    return facts.formality or language(facts.language).formality


def _salutation(contact: Contact, facts: InterviewFacts) -> tuple[bool, str]:
    """Whether the greeting is formal, and the name it uses: "Mr Smith", or "Bob". A title
    typed into the name field ("Dr. Priya Nair") is the title when none is given."""
    typed_title, name = _titled(cased(contact.name))
    if formality_of(facts) is Formality.FORMAL:
        title = (contact.title or "").strip() or typed_title
        if title:
            return True, f"{title} {_surname(name)}"
        return True, name
    return False, first_name(contact.name, contact.preferred_name)


@lru_cache(maxsize=1024)
def _greeting(code: str, formal: bool, name: str, title: str, full_name: str) -> str:
    """The salutation line, from the language's own template: rendered once per name, not
    per message. A formal greeting gets the title's gender (``f``, ``m`` or None), for the
    languages whose greeting agrees with it ("Sehr geehrte Frau …", "Estimado Sr. …")."""
    template = _template("_greeting.txt", code)
    variables = {
        "formal": formal,
        "greeting_name": name,
        "title": title,
        "gender": title_gender(title),
        "surname": _surname(full_name),
        "full_name": full_name,
    }
    context = template.new_context(variables, shared=True)
    return "".join(template.root_render_func(context)).strip()


def _day(facts: InterviewFacts, contact: Contact, lang: Language) -> str:
    """The interview's weekday and date as the recipient lived it, in their own zone."""
    return lang.day(facts.starts_at.astimezone(contact.timezone or facts.timezone).date())


def _point_for(contact: Contact, facts: InterviewFacts) -> str | None:
    """R2: each interviewer's own point; else the shared points, one per interviewer in turn."""
    if contact.discussion_point:
        return contact.discussion_point
    if not facts.discussion_points:
        return None
    interviewed = [c for c in facts.contacts if c.interviewed] or [contact]
    index = interviewed.index(contact) if contact in interviewed else 0
    return facts.discussion_points[index % len(facts.discussion_points)]


def _place(contact: Contact, facts: InterviewFacts) -> int:
    """The contact's place among the people interviewed with (0 for anyone else)."""
    interviewed = [c for c in facts.contacts if c.interviewed]
    return interviewed.index(contact) if contact in interviewed else 0


#: Pay, in the four languages: a concern about it waits for an offer (R13: no salary talk in
#: the notes before one).
_MONEY = re.compile(
    r"\b(?:salary|salaries|compensation|pay|equity|bonus|money|benefits|gehalt\w*|vergütung"
    r"|lohn|salaire|salari\w*|rémunération|prétentions|sueldo|salario|remuneración"
    r"|pretensiones)\b",
    re.IGNORECASE,
)


def _concerns(contact: Contact, facts: InterviewFacts) -> tuple[Concern, ...]:
    """This person's concerns, then the interview's, each once; none about pay (R13)."""
    items = (*contact.concerns, *facts.concerns_to_address)
    concerns = (item if isinstance(item, Concern) else Concern(item) for item in items)
    return tuple(
        dict.fromkeys(c for c in concerns if c.concern.strip() and not _MONEY.search(c.concern))
    )


def display_address(name: str, email: str) -> str:
    """``Name <address>`` as written, quoting the name only where RFC 5322 needs it."""
    name = " ".join(name.split())
    if _NEEDS_QUOTES.search(name):
        name = '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return f"{name} <{email}>" if name else email


_NEEDS_QUOTES = re.compile(r'[()<>@,;:\\".\[\]]')

#: Each byte as a URI writes it: unreserved characters as they are, the rest as %XX.
_UNRESERVED = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
_PERCENT = tuple(chr(b) if b in _UNRESERVED else f"%{b:02X}" for b in range(256))
_IN_ADDRESS = tuple(
    chr(b) if b in _UNRESERVED or chr(b) in "@!$'*+;=:" else _PERCENT[b] for b in range(256)
)


def _percent(text: str, table: tuple[str, ...] = _PERCENT) -> str:
    """``text`` as UTF-8, percent-encoded: what ``urllib.parse.quote`` gives, a byte a lookup
    in C rather than a call in Python (a body is a thousand bytes)."""
    return "".join(map(table.__getitem__, text.encode("utf-8")))


@lru_cache(maxsize=1024)
def mailto_of(message: Message) -> str | None:
    """The ``mailto:`` URI of an email message, None for a call. Made when the wire asks for
    it, not with the message: encoding the body costs more than rendering it."""
    if message.channel is not Channel.EMAIL or not message.addresses:
        return None
    return mailto(
        [email for _, email in message.addresses], message.subject or "", message.body_text
    )


def mailto(addresses: Sequence[str], subject: str, body: str) -> str:
    """A ``mailto:`` URI (RFC 6068): the addresses, subject and body, UTF-8 percent-encoded,
    line breaks as CRLF."""
    to = ",".join(_percent(address, _IN_ADDRESS) for address in addresses)
    crlf = body.replace("\n", "\r\n")
    return f"mailto:{to}?subject={_percent(subject)}&body={_percent(crlf)}"


def render_step(step: Step, facts: InterviewFacts) -> Message | None:
    """The message for a sendable step, or None for a step with nothing to send (move on).

    A message depends on the step's kind, channel and people and on the facts, never on
    the step's dates, so the same interview planned again reuses its rendered messages.

    Args:
        step: a plan step.
        facts: the interview facts the plan was made from.

    Returns:
        The message, within the word budget of its kind.
    """
    if step.kind is StepKind.MOVE_ON or not step.to:
        return None
    rendered = _rendered_for(facts)
    key = (step.kind, step.channel, step.to, step.regarding, step.mentions_competing_process)
    message = rendered.get(key)
    if message is None:
        message = rendered[key] = _render(*key, facts)
    return message


_MessageKey = tuple[StepKind, Channel, tuple[Contact, ...], Contact | None, bool]


@lru_cache(maxsize=512)
def _rendered_for(facts: InterviewFacts) -> dict[_MessageKey, Message]:
    """The messages rendered so far for one set of facts: the facts are hashed once a plan."""
    return {}


def _render(
    kind: StepKind,
    channel: Channel,
    to: tuple[Contact, ...],
    regarding: Contact | None,
    competing: bool,
    facts: InterviewFacts,
) -> Message:
    recipient = to[0]
    lang = language(facts.language)
    formal, greeting_name = _salutation(recipient, facts)
    typed_title, full_name = _titled(cased(recipient.name))
    title = ((recipient.title or "").strip() or typed_title) if formal else ""
    place = _place(recipient, facts)
    point = _point_for(recipient, facts)
    deadline = facts.competing_deadline
    variables: dict[str, Any] = {
        "greeting_name": greeting_name,
        "salutation": _greeting(lang.code, formal, greeting_name, title, full_name),
        "formal": formal,
        "gender": title_gender(title),
        "surname": _surname(full_name),
        "full_name": full_name,
        "candidate": cased(facts.candidate.name),
        "spoken_name": _spoken_name(facts.candidate),
        "company": cased(facts.company, capitals=False),
        "job_title": facts.job_title,
        "interview_day": _day(facts, recipient, lang),
        "format": lang.formats[facts.format],
        "signature": _signature(facts),
        "phone": facts.candidate.phone or "",
        "point": (compose.point(point) if lang.composes else point) if point else None,
        "role": recipient.role.value,
        # Whether the recipient was in the interview: "the role we discussed" only to them.
        "interviewed": recipient.interviewed,
        "opening": place % _OPENINGS,
        "closing": (place + (1 if point else 0)) % _CLOSINGS,
        "competing": competing and deadline is not None,
        "competing_day": lang.day(deadline.on) if deadline else "",
        "top_choice": bool(deadline and deadline.top_choice),
        "regarding": _titled(cased(regarding.name))[1] if regarding else "",
        # How a formal letter names the colleague it mentions ("mit Herrn Huber", "avec
        # M. Huber", "con el Sr. Huber"): the title's gender and the surname, when known.
        "regarding_gender": title_gender(regarding.title) if regarding else None,
        "regarding_surname": _surname(cased(regarding.name)) if regarding else "",
        "final": kind is StepKind.FINAL_FOLLOW_UP,
    }
    if channel is Channel.PHONE:
        (script,) = _blocks(_template("voicemail.txt", lang.code), variables, "body")
        script = _tidy(script)
        return Message(
            Channel.PHONE,
            tuple(c.phone or "" for c in to),
            None,
            script,
            _html(script),
            script,
        )
    template = _template(f"{kind.value}.txt", lang.code)
    budget = lang.budgets[kind]
    # R2: each interviewer's note leads with a different strength, so a panel's notes differ.
    turn = place % len(facts.strengths) if facts.strengths else 0
    strengths = (*facts.strengths[turn:], *facts.strengths[:turn])
    optional = _Optional(facts.additional_info, _concerns(recipient, facts), strengths)
    subject, body = "", ""
    for trimmed in optional.trims():
        if lang.composes:
            variables.update(
                additional=compose.additional(trimmed.additional_info),
                concerns=compose.concerns(trimmed.concerns),
                strengths=compose.strengths(trimmed.strengths),
            )
        else:  # as written: see ``languages``
            variables.update(
                additional=list(dict.fromkeys(t for t in trimmed.additional_info if t.strip())),
                concerns=trimmed.concerns,
                strengths=list(dict.fromkeys(t for t in trimmed.strengths if t.strip())),
            )
        subject, body = _blocks(template, variables, "subject", "body")
        body = _tidy(body)
        if word_count(body) <= budget:
            break
    subject = _one_line(subject)
    with_address = [c for c in to if c.email]
    addresses = tuple((" ".join(c.name.split()), c.email or "") for c in with_address)
    shown = tuple(display_address(name, email) for name, email in addresses) or tuple(
        c.name for c in to
    )
    return Message(Channel.EMAIL, shown, subject, body, _html(body), None, addresses)
