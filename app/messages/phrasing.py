"""Free text as people type it, read for its grammatical form so a message can use it.

Strengths, concerns, responses, additional information and discussion points arrive as noun
phrases ("five years of Kafka"), verb phrases without a subject ("led the redesign of …",
"speaks fluent Hindi"), adjective phrases ("fluent in Spanish"), clauses ("I speak fluent
Hindi") or whole sentences, with or without a final period. :func:`read` tells them apart
with rules over a few closed word classes (pronouns, determiners, auxiliaries) and lists of
the verbs and adjectives people open such phrases with; the templates then put each form
where it is grammatical: a noun phrase where a noun belongs, a clause as a clause, a
sentence of several as written.

Why rules and not a statistical tagger: the inputs are short, open with the word that
decides their form, and come from a narrow register (CVs and interview notes); a tagger
whose data ships in a package would add megabytes and milliseconds per message to get
the same first word right. Articles come from ``inflect``, which knows the sound of a word
("an hour", "a university", "an MBA").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from app.messages.inflection import inflect


class Form(StrEnum):
    NOUN = "noun"  # five years of Kafka; leading a team of six
    VERB = "verb"  # led the redesign of …; speak fluent Hindi
    ADJECTIVE = "adjective"  # fluent in Spanish; AWS certified; very organized
    ROLE = "role"  # strong communicator; contributor to the Go standard library
    CLAUSE = "clause"  # I speak fluent Hindi; the team is moving to streaming
    SENTENCES = "sentences"  # more than one sentence, or a question: used as written


_SUBJECTS = frozenset(
    "i i'm i've i'd i'll we we're we've we'd we'll you you're you've he he's she she's they "
    "they're they've it it's there there's this".split()
)
#: Subjects that let a point read "I especially enjoyed it when …".
PERSONAL_SUBJECTS = frozenset("i i'm i've i'd we we're we've we'd you you're you've".split())
_DETERMINERS = frozenset(
    "a an the my our your his her their its this that these those some any each every all "
    "both several many much more most few no one two three four five six seven eight nine "
    "ten eleven twelve twenty fifty hundred dozens".split()
)
_POSSESSIVES = frozenset("my our your his her their its".split())
_QUANTIFIERS = frozenset("most all much part half some none each many".split())
_AUXILIARIES = frozenset(
    "is are was were am has have had will would can could should shall may might must do "
    "does did isn't aren't wasn't weren't hasn't haven't hadn't won't can't couldn't "
    "don't doesn't didn't".split()
)
#: Words before which a later auxiliary belongs to a relative clause, not to the phrase.
_EMBEDDERS = frozenset(
    "that which who whom whose what how where when why whether if of with in on for to at by "
    "from about as than into across over under".split()
)
#: Past tenses people open achievements with; regular ``-ed`` words are read by rule below.
_IRREGULAR_PAST = frozenset(
    "led ran built wrote grew drove taught made won spoke sold began brought chose did found "
    "gave got held kept knew left met paid put said saw sent set took thought understood went "
    "oversaw rebuilt rewrote overcame undertook became co-wrote co-led fought flew stood "
    "spent lent dealt cut hit split spread shut quit bought caught drew fed froze hung lost "
    "rode rose shook shot shrank sought struck swept threw told tore wove withdrew upheld "
    "outgrew withstood forecast broadcast".split()
)
#: Verbs that open a phrase in their plain or third-person form and are never its noun.
_BASE_VERBS = {
    "speak": "speak",
    "speaks": "speak",
    "know": "know",
    "knows": "know",
    "have": "have",
    "has": "have",
    "am": "am",
    "love": "love",
    "loves": "love",
    "enjoy": "enjoy",
    "enjoys": "enjoy",
    "bring": "bring",
    "brings": "bring",
    "understand": "understand",
    "understands": "understand",
    "thrive": "thrive",
    "thrives": "thrive",
    "excel": "excel",
    "excels": "excel",
    "can": "can",
    "could": "could",
    "will": "will",
    "would": "would",
    "believe": "believe",
    "care": "care",
    "cares": "care",
    "hold": "hold",
    "holds": "hold",
    "specialize": "specialize",
    "specializes": "specialize",
    "specialise": "specialise",
    "specialises": "specialise",
    "communicate": "communicate",
    "communicates": "communicate",
    "adapt": "adapt",
    "adapts": "adapt",
    "learn": "learn",
    "learns": "learn",
    "did": "did",
    "didn't": "didn't",
    "haven't": "haven't",
    "hasn't": "haven't",
    "don't": "don't",
    "doesn't": "don't",
    "lack": "lack",
    "lacks": "lack",
    "need": "need",
    "needs": "need",
    "want": "want",
    "wants": "want",
    "prefer": "prefer",
    "prefers": "prefer",
    "was": "was",
    "is": "am",
}
#: Verbs that are nouns as often ("lead generation", "design systems"): a verb only when an
#: object follows at once ("lead the team", "design a system").
_AMBIGUOUS_VERBS = {
    **{
        v: v
        for v in "lead build design manage run write work mentor teach ship own code test "
        "research plan drive scale coach grow deliver create develop help launch migrate "
        "automate maintain operate support train".split()
    },
    **{
        v + "s": v
        for v in "lead build design manage run write work mentor ship own code test plan drive "
        "scale coach grow deliver create develop help launch migrate automate maintain operate "
        "support train".split()
    },
    "teaches": "teach",
    "researches": "research",
}
#: ``-ed`` words that mostly qualify a noun ("distributed systems", "limited experience").
_ED_ADJECTIVES = frozenset(
    "distributed automated embedded applied advanced limited detailed dedicated experienced "
    "skilled talented motivated supervised unsupervised based integrated mixed accelerated "
    "accomplished balanced certified committed complicated customized decentralized educated "
    "established extended focused gifted guided informed interested licensed managed named "
    "needed noted organized organised qualified reinforced related renowned seasoned shared "
    "sophisticated specialized specialised structured unstructured varied weighted "
    "well-rounded self-directed self-motivated detail-oriented data-driven user-centred "
    "user-centered proven red bed need seed speed feed shed breed deed hundred "
    "tailored dated outdated unrelated regulated unregulated".split()
)
#: Adjectives that open a phrase about the candidate: "fluent in Spanish".
_ADJECTIVES = frozenset(
    "fluent experienced comfortable familiar passionate skilled proficient certified bilingual "
    "trilingual able confident curious eager keen new used adept versed well-versed "
    "self-taught detail-oriented available willing happy open excited enthusiastic "
    "interested qualified licensed".split()
)
#: Words that open a fragment in sentence case but are common words: lower-cased in place.
_COMMON_OPENERS = frozenset(
    "experience background expertise knowledge years year strong deep solid proven extensive "
    "hands-on broad long practical direct first-hand several how what why whether "
    "not lack gap limited little some".split()
)
#: Adjectives that say what someone is, at the end of a short phrase: "AWS certified", "very
#: organized", "detail-oriented".
_PREDICATES = frozenset(
    "certified licensed qualified accredited registered bilingual trilingual multilingual "
    "organized organised detail-oriented self-motivated motivated driven reliable adaptable "
    "creative analytical proactive resourceful dependable punctual hardworking hard-working "
    "personable approachable meticulous patient flexible fluent data-driven "
    "results-driven customer-focused self-taught cleared trained".split()
)
#: Words that make the next one say how much: "very organized", "highly motivated".
_INTENSIFIERS = frozenset(
    "very highly extremely really super quite incredibly exceptionally".split()
)
#: Adjectives that, with a preposition after them, say what someone is good at: "good at
#: algorithms", "strong in SQL".
_ABLE = frozenset("good great excellent strong skilled experienced proficient".split())
#: Nouns for a person: a phrase that names what the candidate is ("strong communicator",
#: "PRINCE2 practitioner", "contributor to …") says "I am a …".
_PERSON_NOUNS = frozenset(
    "communicator learner expert practitioner contributor leader lead salesman saleswoman "
    "salesperson seller speaker writer player engineer developer designer analyst coach mentor "
    "teacher nurse problem-solver self-starter founder co-founder maintainer author owner "
    "specialist generalist consultant veteran graduate alum alumnus alumna volunteer organizer "
    "storyteller thinker worker collaborator multitasker achiever negotiator presenter "
    "researcher scientist manager architect strategist advocate builder creator operator "
    "performer closer hunter".split()
)
#: Degrees and certifications a strength may open with: "I would bring my PhD in …".
_CREDENTIALS = frozenset(
    "phd ph.d. mba msc m.sc. ms ma bsc b.sc. bs ba beng meng m.ed. med jd llm md cpa cfa acca "
    "cima pmp cissp cism cisa ccna ccnp ccie ccrn rn lpn cna prince2 csm psm cma shrm-cp "
    "shrm-scp aphr phr sphr cfp cpp itil togaf".split()
)
#: Adverbs that may stand between a subject-less phrase and its verb ("also led").
_ADVERBS = frozenset(
    "also recently previously successfully personally never always consistently regularly "
    "often".split()
)
_OBJECT_STARTS = _DETERMINERS | frozenset("me us them it well".split())

#: What people leave out when they type fast and a letter would not: the capital of "I" and of
#: the days, the apostrophe of a contraction. Only spellings that are no other word ("may",
#: "march", "cant" and "wont" are, so they stay as typed).
_AS_WRITTEN = {
    **{w: "I" + w[1:] for w in ("i", "i'm", "i've", "i'd", "i'll", "i’m", "i’ve", "i’d", "i’ll")},
    **{
        d: d.capitalize()
        for d in "monday tuesday wednesday thursday friday saturday sunday january february "
        "april june july september october november december".split()
    },
    **{
        c: c[:-1] + "'t"
        for c in "havent hasnt hadnt didnt doesnt dont isnt arent wasnt werent couldnt "
        "shouldnt wouldnt".split()
    },
    **{
        language: language.capitalize()
        for language in "english spanish french german italian portuguese dutch hindi urdu "
        "bengali mandarin cantonese japanese korean arabic hebrew russian ukrainian greek "
        "swedish norwegian danish finnish".split()
    },
    "im": "I'm",
    "ive": "I've",
    # note-taking abbreviations a letter spells out
    **{
        "yrs": "years",
        "yr": "year",
        "mos": "months",
        "mgmt": "management",
        "mgr": "manager",
        "execs": "executives",
        "exp": "experience",
        "dept": "department",
        "w/": "with",
    },
}
# A contraction opening the text in sentence case lost its apostrophe too ("Havent used Go").
_AS_WRITTEN |= {
    typed.capitalize(): written[0].upper() + written[1:]
    for typed, written in _AS_WRITTEN.items()
    if "'" in written and typed.isalpha() and typed != "i"
}
_TYPED = re.compile(
    r"(?<![\w'’])(" + "|".join(sorted(_AS_WRITTEN, key=len, reverse=True)) + r")(?![\w'’])"
)


def _as_written(text: str) -> str:
    """The capitals and apostrophes typing left out ("i havent used looker" → "I haven't used
    looker"); a word typed in capitals is left as it is."""
    return _TYPED.sub(lambda m: _AS_WRITTEN[m.group(1)], text)


_WORD = re.compile(r"[\w'’+#./-]+")
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9])")
_NUMBER = re.compile(r"\d")


@dataclass(frozen=True, slots=True)
class Phrase:
    """A piece of free text and the form it was read as.

    Attributes:
        text: the text as it goes into a message: spaces tidied, the final period dropped
            (kept for ``sentences``), the first letter lowered where it was only sentence case.
        form: what it is grammatically.
        first: the first word, lower-cased (for ``clause``: its subject).
    """

    text: str
    form: Form
    first: str

    @property
    def clause(self) -> str | None:
        """The phrase as a clause with a subject ("I led …"), or None for a noun phrase."""
        if self.form is Form.CLAUSE:
            return self.text
        if self.form is Form.VERB:
            head, _, rest = self.text.partition(" ")
            verb = _BASE_VERBS.get(head.lower()) or _AMBIGUOUS_VERBS.get(head.lower(), head)
            return f"I {verb} {rest}".rstrip()
        if self.form is Form.ADJECTIVE:
            return f"I am {self.text}"
        if self.form is Form.ROLE:
            first = self.text.split(" ", 1)[0].lower()
            return f"I am {self.text if first in ('a', 'an') else with_article(self.text)}"
        if self.form is Form.NOUN and self.first == "no":
            return f"I have {self.text}"
        return None


def _words(text: str) -> list[str]:
    return [w.lower().replace("’", "'") for w in _WORD.findall(text)]


def _tidy(text: str) -> str:
    return " ".join(text.split())


def _drop_period(text: str) -> str:
    """The text without one final period (an ellipsis or a URL's last dot stays)."""
    if text.endswith(".") and not text.endswith("..."):
        return text[:-1].rstrip()
    return text


def _lower_first(text: str, first: str) -> str:
    """Lower a capital that is only sentence case ("Led the …" → "led the …")."""
    head = text.split(" ", 1)[0]
    if len(head) < 2 or not head[0].isupper() or not head[1:].islower() and "-" not in head:
        return text
    known = (
        first in _DETERMINERS
        or first in _IRREGULAR_PAST
        or first in _BASE_VERBS
        or first in _AMBIGUOUS_VERBS
        or first in _ADJECTIVES
        or first in _ED_ADJECTIVES
        or first in _COMMON_OPENERS
        or first in _ADVERBS
        or first.endswith(("ed", "ing"))
        or (first in _SUBJECTS and first not in ("i", "i'm", "i've", "i'd", "i'll"))
    )
    return text[0].lower() + text[1:] if known else text


def _finite_after_noun(words: list[str]) -> bool:
    """A phrase like "my background is in statistics": an auxiliary soon after the opening
    noun group, with nothing that starts a relative clause or a prepositional phrase first
    ("most of my last role was selling": a quantifier's "of" does not count)."""
    if words[0] in _QUANTIFIERS and len(words) > 2 and words[1] == "of":
        return any(word in _AUXILIARIES for word in words[2:8])
    for word in words[1:5]:
        if word in _AUXILIARIES:
            return True
        if word in _EMBEDDERS or word in _SUBJECTS or word.endswith(","):
            return False  # "the work I did": a relative clause inside the noun phrase
    return False


def _form(text: str, words: list[str]) -> Form:
    first = words[0]
    second = words[1] if len(words) > 1 else ""
    if first in _ADVERBS and second:
        return _form(text, words[1:])
    if first in _SUBJECTS:
        if first == "this" or first == "that":
            return Form.CLAUSE if second in _AUXILIARIES else Form.NOUN
        if first in ("there", "it") and second not in _AUXILIARIES:
            return Form.NOUN
        return Form.CLAUSE
    if first in _PREDICATES and second in ("in", "as", "for", "by", "to"):
        return Form.ADJECTIVE  # "licensed in IL, WI and IN", "certified in ESL"
    if first in _BASE_VERBS:
        return Form.VERB
    if first in _IRREGULAR_PAST:
        return Form.VERB
    if first in _AMBIGUOUS_VERBS:
        return Form.VERB if second in _OBJECT_STARTS or _NUMBER.match(second) else Form.NOUN
    if first.endswith("ed") and len(first) > 4:
        if first not in _ED_ADJECTIVES or second in _OBJECT_STARTS:
            return Form.VERB
        return Form.NOUN
    if first in _ADJECTIVES and second in ("in", "with", "at", "to", "about", "working", "in,"):
        return Form.ADJECTIVE
    if first in _ABLE and second in ("in", "with", "at"):
        return Form.ADJECTIVE
    if (
        len(words) <= 4
        and first not in _DETERMINERS
        and (words[-1].rstrip(".,!") in _PREDICATES or (first in _INTENSIFIERS and len(words) == 2))
    ):
        return Form.ADJECTIVE
    if _is_role(words):
        return Form.ROLE
    if _finite_after_noun(words):
        return Form.CLAUSE
    return Form.NOUN


_ROLE_ENDS = frozenset("to in of at for with on who from".split())


def _is_role(words: list[str]) -> bool:
    """A phrase naming what someone is: modifiers, then a person noun, then nothing, a
    preposition or a number ("strong communicator", "contributor to the Go standard library",
    "top salesman 3 years running"); "a" or "an" may open it, no other determiner."""
    start = 1 if words[0] in ("a", "an") else 0
    if words[0] in _DETERMINERS and not start:
        return False
    for index, word in enumerate(words[start : start + 4], start):
        if word.rstrip(",.") in _PERSON_NOUNS:
            after = words[index + 1] if index + 1 < len(words) else ""
            return not after or after in _ROLE_ENDS or bool(_NUMBER.match(after))
        if word in _ROLE_ENDS or word in _AUXILIARIES or _NUMBER.match(word):
            return False
    return False


def credential(text: str) -> bool:
    """Whether a noun phrase opens with a degree or certification ("PhD in …", "CISSP")."""
    first = text.split(" ", 1)[0].lower().rstrip(",")
    return first in _CREDENTIALS


@lru_cache(maxsize=4096)
def read(raw: str) -> Phrase:
    """Read one piece of free text for its form.

    Args:
        raw: the text as the candidate typed it.

    Returns:
        The phrase, ready to be put where its form is grammatical.
    """
    text = _as_written(_tidy(raw))
    words = _words(text)
    if not words:
        return Phrase(text, Form.NOUN, "")
    several = len(_SENTENCE_BREAK.split(text)) > 1
    if several or text.endswith("?"):
        return Phrase(text if text[-1] in ".!?" else text + ".", Form.SENTENCES, words[0])
    text = _drop_period(text.rstrip("!").rstrip())
    form = _form(text, words)
    return Phrase(_lower_first(text, words[0]), form, words[0])


_ENGINE = inflect.engine()
_LEADING_NUMBER = re.compile(r"\d+")


@lru_cache(maxsize=1024)
def article(phrase: str) -> str:
    """``a`` or ``an``, by the sound of the phrase's first word ("an in-person interview",
    "an 8-year run", "a university")."""
    word = phrase.split(" ", 1)[0]
    number = _LEADING_NUMBER.match(word)
    if number:
        word = _ENGINE.number_to_words(number.group())  # type: ignore[assignment]
    return _ENGINE.a(str(word)).split(" ", 1)[0]


def with_article(phrase: str) -> str:
    """The phrase after its indefinite article."""
    return f"{article(phrase)} {phrase}"


def sentence(clause: str) -> str:
    """A clause as a sentence: its first letter capital, a period at the end."""
    if not clause:
        return clause
    text = clause[0].upper() + clause[1:]
    return text if text[-1] in ".!?" else text + "."
