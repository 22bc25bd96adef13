"""Reads a reply from the hiring team, as received, into an outcome the plan can act on.

A reply is an offer, a rejection (most rejections are euphemisms: "we have decided to move
forward with other candidates", "the position has been filled"), an invitation to a next round,
an update (with a new decision date: a new wait on it, R6; without: the wait goes on), or an
out-of-office notice, which is no answer at all: the contact is away, and nothing goes to them
before the second business day after they are back (R13: not too soon, not too often).

The phrases are read in that order of weight: a rejection first (so "we are unable to offer
you the role" is not an offer), then an offer, a next round, an absence, and last a date or
words of an update. Text that says none of these is taken as an update without a date, and
the planner warns ``reply_unrecognized``. Praise alone ("congratulations on completing the
loop") is not an offer.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from app.domain.calendar import BusinessCalendar
from app.domain.model import DecisionTimeline, ReplyOutcome, ReplyReading, said
from app.domain.timeline import (
    Language,
    also_plain,
    date_expressions,
    format_day,
    language_of,
    read_timeline,
)

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u2013": "-", "\u2014": "-"})

#: Words that turn an offer or a next round around: "unable to offer you the role".
_NEGATION = re.compile(
    r"\b(?:not|no|never|unable|cannot|can't|won't|wouldn't|isn't|aren't|don't|didn't"
    r"|no\s+longer|instead\s+of|rather\s+than)\b[^.;!?]{0,25}$"
)

_REJECTION = re.compile(
    r"\b(?:"
    r"(?:decided|chosen|elected|opted|made\s+the\s+decision)\s+(?:not\s+to\s+(?:move|proceed|progress"
    r"|pursue|continue|offer|advance|extend)|to\s+(?:move|go|proceed|pursue|progress|continue|advance"
    r")\s+(?:forward\s+|ahead\s+)?with\s+(?:other|another|a\s+different|a\s+more|the\s+other|someone"
    r"|an\s+internal|a\s+candidate))"
    r"|mov(?:e|ing)\s+(?:forward|ahead)\s+with\s+(?:other|another|a\s+different|someone\s+else"
    r"|candidates\s+whose|a\s+candidate\s+whose|an\s+internal)"
    r"|(?:will|shall|are|am|would)\s+not\s+be\s+(?:moving|proceeding|progressing|taking|advancing"
    r"|offering|extending|inviting|continuing|pursuing)"
    r"|(?:won't|aren't|cannot|can't|unable\s+to|not\s+able\s+to|not\s+in\s+a\s+position\s+to)\s+"
    r"(?:be\s+)?(?:mov\w+\s+forward|proceed\w*|progress\w*|offer\w*|extend\w*|invit\w+|advanc\w+"
    r"|tak\w+\s+your\s+application|continu\w+)"
    r"|(?:position|role|vacancy|job|opening|post|req(?:uisition)?)\s+(?:has|had)\s+(?:now\s+|since\s+"
    r"|already\s+)?been\s+(?:filled|closed|cancell?ed|withdrawn|offered\s+to)"
    r"|fill(?:ed|ing)\s+(?:the\s+(?:position|role)\s+)?internally"
    r"|(?:we've|we\s+have|we)\s+(?:now\s+|already\s+|just\s+)?filled\s+(?:the|this|that)\s+"
    r"(?:role|position|vacancy|job|opening|post)"
    r"|(?:don't|do\s+not)\s+think\s+you(?:'re|\s+are)\s+(?:a|the\s+right)\s+(?:match|fit)"
    r"|regret\s+to\s+(?:inform|let\s+you\s+know|advise|tell)"
    r"|(?:have|has|were|was|are)\s+not\s+(?:been\s+)?(?:selected|successful|shortlisted|chosen)"
    r"|unsuccessful|not\s+(?:be\s+)?(?:selected|successful)\s+(?:for|on|this)"
    r"|no\s+longer\s+(?:under\s+consideration|being\s+considered|considering|in\s+consideration"
    r"|in\s+the\s+running)"
    r"|(?:pursue|pursuing|go\s+with|going\s+with|proceed\s+with|went\s+with|gone\s+with|selected"
    r"|hired|offered\s+the\s+(?:role|position)\s+to)\s+(?:another|other|a\s+different|an\s+internal"
    r"|a\s+more\s+experienced|someone\s+else)(?:\s+candidate)?"
    r"|(?:more|most|better|closer)\s+(?:closely\s+)?(?:match(?:es|ed)?|aligned|suited)"
    r"|keep\s+your\s+(?:resume|cv|details|profile|information|application)\s+on\s+file"
    r"|wish\s+you\s+(?:the\s+)?(?:very\s+)?(?:best|every\s+success|all\s+the\s+best|luck|well)"
    r"(?:\s+of\s+luck)?\s+(?:in|with|for)\s+your\s+(?:job\s+)?(?:search|future|career|next)"
    r"|go(?:ing)?\s+(?:in\s+)?(?:a\s+)?(?:different|another)\s+direction"
    r"|not\s+(?:the\s+)?(?:right|best)\s+(?:fit|match)"
    r"|(?:must|have\s+to|will)\s+decline"
    r"|not\s+(?:be\s+)?(?:a\s+)?(?:fit|match)\s+for"
    r"|(?:role|position|search|hiring)\s+(?:has\s+been|is|was)\s+(?:cancell?ed|closed|frozen|eliminated)"
    r"|hiring\s+freeze"
    r"|decided\s+not\s+to\s+(?:fill|hire|move|proceed)"
    r"|other\s+candidates\s+(?:whose|who|with)\s+(?:experience|skills|background|profiles?)"
    r"|not\s+(?:moving|going)\s+(?:forward|ahead)\s+with\s+your"
    # The role went to someone else: "extended an offer to another candidate", "offer the post
    # to another candidate", "appoint someone else", "found our person", "decided to pass".
    r"|(?:offer\w*|extend\w*\s+an?\s+offer)\s+(?:(?:the|this|that|our)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:role|position|post|job)\s+)?"
    r"to\s+(?:another|a\s+different|an\s+internal|someone\s+else|somebody\s+else"
    r"|a\s+candidate\s+who|the\s+other)"
    r"|appoint(?:ed|ing)?\s+(?:someone|somebody|another|a\s+different|an\s+internal|the\s+other)"
    r"|(?:found|identified|selected|chosen|hired)\s+(?:our\s+(?:person|candidate|hire|new\s+\w+)"
    r"|(?:someone|somebody)\s+else"
    r"|(?:a|another|the\s+right|a\s+stronger)\s+candidate\s+(?:for|who))"
    r"|(?:decided|decision|going|chosen|opted|elected)\s+to\s+pass\b|pass(?:ing)?\s+on\s+(?:your"
    r"|moving|this\s+one)"
    r"|(?:who|and\s+(?:she|he|they))\s+(?:has|have)\s+(?:now\s+)?accepted"
    r"|(?:decided|chosen|elected|opted)\s+to\s+pe?rs?ue\s+(?:other|another)"
    r"|(?:won't|will\s+not|are\s+not|aren't|not)\s+(?:be\s+)?"
    r"(?:mov|advanc|progress|invit|tak|bring)\w*\s+you\s+(?:forward|on|ahead|through|to|further"
    r"|any\s+further)"
    r"|(?:position|role|vacancy|job|opening|post)\b(?:\s+[\w-]+){0,4}?\s+(?:is|has\s+been|have"
    r"\s+been)\s+(?:now\s+)?(?:closed|filled)"
    r"|decided\s+not\s+to\s+(?:appoint|offer|progress|invite|shortlist)"
    r"|(?:decided|chose|chosen|opted|elected)\s+to\s+(?:hire|appoint|go\s+with|bring\s+on)\s+"
    r"(?:a|another|an|the\s+other|someone|somebody)\b(?!\s+(?:offer|next|final))"
    r")"
)

_OFFER = re.compile(
    r"\b(?:"
    r"(?:pleased|delighted|happy|thrilled|excited|glad)\s+to\s+(?:offer|extend|make)"
    r"|(?:like|love|want|wish)\s+to\s+(?:offer\s+you|extend\s+(?:you\s+)?an?\s+(?:\w+\s+)?offer"
    r"|make\s+you\s+an?\s+(?:\w+\s+)?offer)"
    r"|offer(?:ing)?\s+you\s+the\s+(?:position|role|job|post)"
    r"|(?:extend(?:ing)?|mak(?:e|ing))\s+(?:you\s+)?an?\s+(?:verbal\s+|formal\s+|written\s+|job\s+)?"
    r"offer"
    r"|(?:your|the|an?|our)\s+(?:formal\s+|written\s+|official\s+)?offer\s+(?:letter|package|details)"
    r"|(?:attached|enclosed)\s+(?:is|please\s+find|you'll\s+find)\s+(?:your|the|our)\s+offer"
    r"|welcome\s+(?:you\s+)?(?:to\s+the\s+team|aboard|on\s+board)"
    r"|you\s+got\s+the\s+(?:job|role|position)|the\s+(?:job|role|position)\s+is\s+yours"
    r"|(?:accept|approved)\s+(?:the|your|our)\s+offer"
    r"|offer\s+of\s+employment"
    # "Offer letter attached!", "offer details are coming", "they've come back with an offer",
    # "we'd love to have you join us as...", "we want to bring you on board".
    r"|offer\s+(?:letter|package|paperwork|documents?)"
    r"|(?:come|came|coming)\s+back\s+with\s+an?\s+(?:\w+\s+)?offer"
    r"|(?:move|moving)\s+forward\s+with\s+an?\s+offer"
    r"|(?:like|love|want|wish|delighted|happy|pleased|excited|thrilled)\s+(?:for\s+)?(?:you\s+to"
    r"|to\s+have\s+you)\s+join\s+(?:us|the\s+team|our\s+team|[\w&'.-]+)(?:\s+(?:team"
    r"|full[\s-]time))?"
    r"(?=\s+as\b|\s*(?:!|\.|$|,\s+(?:starting|with|on)))"
    r"|(?:like|love|want|wish|delighted|happy|pleased|excited|thrilled)\s+to\s+"
    r"(?:have|bring|welcome)\s+you\s+(?:on\s*board|aboard)"
    r"|(?:bring|welcome)\s+you\s+(?:on\s*board|aboard)"
    r"|you\s+(?:are|have\s+been|were)\s+(?:selected|chosen)\s+(?:for|as)\s+(?:the\s+|our\s+)?"
    r"(?:[\w-]+\s+){0,3}?(?:post|position|role|job)\b"
    r")"
)

_NEXT_ROUND = re.compile(
    r"\b(?:"
    r"(?:next|second|2nd|third|3rd|final|last|follow[\s-]up|onsite|on[\s-]site|technical|panel"
    r"|in[\s-]person|superday|virtual\s+onsite)\s+(?:round|stage|interview|conversation|call|chat"
    r"|step\s+in\s+(?:our|the)\s+process)s?"
    r"|invite\s+you\s+(?:to|for|back|in)"
    r"|(?:move|moving|advance|advancing|progress|progressing|proceed|proceeding|bring|bringing)"
    r"\s+(?:you\s+)?(?:forward\s+|through\s+|on\s+)?to\s+the\s+(?:next|final|onsite|last)"
    r"|(?:like|love|want)\s+(?:you\s+)?to\s+(?:meet|speak\s+with|talk\s+to|come\s+(?:in|back))"
    r"|(?:like|love|want)\s+to\s+have\s+you\s+(?:meet|come|speak)"
    r"|schedule\s+(?:a|an|the|your)\s+(?:second|next|final|follow[\s-]up|technical|onsite|on[\s-]site"
    r"|panel|call\s+with|chat\s+with|meeting\s+with|conversation\s+with)"
    r"|(?:take[\s-]home|case\s+study|technical\s+(?:test|exercise|assessment)|coding\s+(?:test"
    r"|exercise|challenge)|assessment)(?:\s+\w+)?\s+(?:as|for)\s+the\s+next"
    r"|next\s+step\s+(?:is|will\s+be|would\s+be)\s+(?:a|an|to\s+meet|to\s+schedule|to\s+book)"
    # "the next part of our process", "one more step: a portfolio review", "a take-home
    # exercise", "book a 45-minute conversation", "bring you in to meet the team".
    r"|next\s+(?:part|stage|step|phase)\s+(?:of|in)\s+(?:our|the)\s+(?:hiring\s+"
    r"|interview\s+)?process"
    r"|one\s+(?:more|last|final)\s+(?:step|stage|round|conversation|chat|call|interview)"
    r"|(?:complete|do|take|send\s+you)\s+(?:a|an|our|the)\s+(?:short\s+|brief\s+)?"
    r"(?:take[\s-]home|case\s+study|coding|technical|written|skills?)\s*(?:exercise|assignment"
    r"|test|challenge|task|assessment|project)?"
    r"|book\s+(?:a|an|some|your)\s+(?:[\w-]+\s+){0,2}(?:conversation|call|chat|interview|meeting"
    r"|time|slot)"
    r"|bring\s+you\s+(?:in|back|on[\s-]?site)\s+(?:to|for)"
    r"|(?:selected|invited|chosen)\s+to\s+(?:advance|move\s+forward|proceed|progress|attend"
    r"|participate|interview|sit)"
    r"|advance\s+to\s+the\s+(?:next|final|oral|second|third|panel|technical|interview"
    r"|assessment|onsite)"
    r"|(?:can|could|would)\s+you\s+come\s+(?:in\s+|by\s+|over\s+)?(?:and\s+|to\s+)?meet"
    r"|(?:wants?|would\s+like|'d\s+like|wanted)\s+to\s+(?:talk|speak|meet|chat)\s+(?:to|with)\s+you"
    r"\b(?!\s+about\s+(?:the|your)\s+offer)"
    r"|meet\s+(?:the\s+rest\s+of|more\s+of|some\s+of|others\s+on)\s+(?:the|our)\s+team"
    r"|(?:system\s+design|design|coding|technical|culture|values|behaviou?ral|case|portfolio)"
    r"\s+(?:round|interview|review)\s+w(?:ith|/)"
    r")"
)

_OUT_OF_OFFICE = re.compile(
    r"\b(?:"
    r"automatic\s+reply|auto[\s-]?reply|autoreply|auto[\s-]?response|out\s+of\s+(?:the\s+)?office"
    r"|ooo"
    r"|on\s+(?:annual\s+|parental\s+|maternity\s+|paternity\s+|sick\s+|medical\s+|extended\s+)?leave"
    r"|on\s+(?:a\s+)?sabbatical"
    r"|(?:i\s+am|i'm|i\s+will\s+be|i'll\s+be)\s+(?:currently\s+)?(?:away|travel+ing|on\s+vacation"
    r"|on\s+holiday|on\s+pto|off|out)\b"
    r"|limited\s+(?:access\s+to|email\s+access|e-mail\s+access)"
    r"|away\s+from\s+(?:my|the)\s+(?:desk|office|e-?mail)"
    r"|(?:respond|reply|get\s+back\s+to\s+you)\s+(?:to\s+your\s+(?:e-?mail|message)\s+)?(?:when|upon"
    r"|on|after)\s+(?:i|my)\s+return"
    r")"
)
#: A mailing to many (a careers newsletter, a job alert), in any of the four languages: after a
#: rejection or an offer, nothing in it is an answer about this application.
_BULK = re.compile(
    r"\b(?:newsletter|unsubscribe|you\s+are\s+receiving\s+this|abmelden|sie\s+erhalten\s+diese"
    r"|se\s+désinscrire|désinscription|vous\s+recevez\s+cet|darse\s+de\s+baja|cancelar\s+(?:la\s+)?"
    r"suscripción|recibes\s+este\s+correo|recibe\s+este\s+correo)\b"
)
#: Someone else away ("Dave is out of the office until 12/7", "Tom's on annual leave"): part of
#: an update, not an out-of-office notice, which is the sender's own absence.
_SOMEONE_ELSE = re.compile(
    r"\b(?!i\b)(?:[a-z]+,?\s+(?:is|are|was|were|will\s+be|has\s+been|have\s+been)|[a-z]+'s)\s+"
    r"(?:currently\s+|still\s+|now\s+|also\s+|away\s+and\s+)?$"
)
#: Before a next-round phrase, the team's own process, not an invitation: "we're wrapping up
#: our last interviews", "we just finished the final round".
_OWN_PROCESS = re.compile(
    r"\b(?:finish\w*|wrap\w*(?:\s+up)?|complet\w*|conclud\w*|done\s+with|conduct\w*|hold\w*"
    r"|still\s+in|in\s+the\s+middle\s+of|wait\w*\s+(?:on|for)|mak\w+)\s+(?:up\s+)?(?:\w+\s+){0,2}$"
)
_RETURN = re.compile(
    r"(?:until|till|til|through|thru|back|return|returning|in\s+the\s+office|resume|on\s+leave\s+to"
    r"|away\s+to|out\s+to)\b[^.;!?]{0,20}$"
)

_UPDATE = re.compile(
    r"\b(?:"
    r"still\s+(?:reviewing|deciding|interviewing|working|waiting|finali[sz]ing|discussing|gathering"
    r"|meeting|evaluating|considering|in\s+the\s+process)"
    r"|not\s+yet\s+(?:made|reached|decided|finali[sz]ed)|no\s+(?:final\s+)?decision\s+(?:yet|has)"
    r"|(?:haven't|have\s+not|hasn't|has\s+not)\s+(?:yet\s+)?(?:made|reached|decided|finali[sz]ed"
    r"|heard)"
    r"|taking\s+(?:a\s+(?:bit|little)\s+)?longer|delay\w*|on\s+hold|paused|bear\s+with|patience"
    r"|update|in\s+progress|deliberat\w+|get\s+back\s+to\s+you|be\s+in\s+touch|keep\s+you\s+posted"
    r"|let\s+you\s+know|circle\s+back|follow\s+up\s+with\s+you|touch\s+base|timeline|decision"
    r"|you're\s+still\s+(?:in|under)|still\s+(?:very\s+much\s+)?in\s+(?:the\s+)?(?:running|process"
    r"|consideration)"
    r")"
)


@dataclass(frozen=True, slots=True)
class _Phrases:
    """One language's phrases of a reply, in the order they are weighed."""

    negation: re.Pattern[str]
    rejection: re.Pattern[str]
    offer: re.Pattern[str]
    next_round: re.Pattern[str]
    out_of_office: re.Pattern[str]
    back: re.Pattern[str]
    update: re.Pattern[str]
    #: Before an absence: someone other than the sender is away (None: not told apart).
    someone_else: re.Pattern[str] | None = None
    #: Before a next-round phrase: the team's own interviews (None: not told apart).
    own_process: re.Pattern[str] | None = None
    #: Right after a date, words that make it an absent sender's return ("am 11. Jänner wieder
    #: im Büro"; None: only the words before a date say so).
    back_after: re.Pattern[str] | None = None


@lru_cache(maxsize=8)
def _phrases(code: str) -> _Phrases:
    """English from this module; German, French and Spanish from ``app.domain.languages``."""
    if code == "en":
        return _Phrases(
            _NEGATION,
            _REJECTION,
            _OFFER,
            _NEXT_ROUND,
            _OUT_OF_OFFICE,
            _RETURN,
            _UPDATE,
            _SOMEONE_ELSE,
            _OWN_PROCESS,
        )
    data = importlib.import_module(f"app.domain.languages.{code}")
    spellings = getattr(data, "PLAIN_SPELLINGS", {})

    def compiled(pattern: str) -> re.Pattern[str]:
        return re.compile(also_plain(pattern, spellings))

    own = getattr(data, "REPLY_OWN_PROCESS", None)
    back_after = getattr(data, "REPLY_RETURN_AFTER", None)
    return _Phrases(
        compiled(data.REPLY_NEGATION),
        compiled(data.REPLY_REJECTION),
        compiled(data.REPLY_OFFER),
        compiled(data.REPLY_NEXT_ROUND),
        compiled(data.REPLY_OUT_OF_OFFICE),
        compiled(data.REPLY_RETURN),
        compiled(data.REPLY_UPDATE),
        own_process=compiled(own) if own else None,
        back_after=compiled(back_after) if back_after else None,
    )


def _found(
    pattern: re.Pattern[str],
    normalized: str,
    negatable: bool,
    negation: re.Pattern[str] = _NEGATION,
    unless: re.Pattern[str] | None = None,
) -> re.Match[str] | None:
    """The first match of ``pattern`` not turned around by what comes just before it: a
    negation (when ``negatable``), or ``unless`` (an absence that is someone else's)."""
    for match in pattern.finditer(normalized):
        before = max(0, match.start() - 40)
        if negatable and negation.search(normalized, before, match.start()):
            continue
        if unless is not None and unless.search(normalized, before, match.start()):
            continue
        return match
    return None


#: A line that starts a quoted message: "From: ...", "> ...", or the language's own quote
#: header ("On Tue, Nov 24, 2026 at 3:12 PM Carol wrote:", "-----Original Message-----").
_QUOTE_START = re.compile(r"^\s*(?:>|(?:from|von|de|de\s+la\s+part\s+de)\s*:)")
#: A line of a header block: "Subject: ...", "To: ..." (not the reply's own words).
_HEADER_FIELD = re.compile(r"^\s*[\w-]+(?:\s[\w-]+)?\s*:\s")


def _own_words(text: str, lang: Language) -> str:
    """The reply's own words: what comes before the message it quotes, if it quotes one.

    A candidate's own follow-up, quoted under the answer ("is there any news?", "my interview
    on 23/09"), is not what the hiring team said. Header lines above the first words of the
    reply (a pasted "From:", "Sent:", "Subject:") do not count as its words.
    """
    offset, spoken = 0, False
    for line in text.splitlines(keepends=True):
        lowered = line.lower()
        quoting = bool(_QUOTE_START.match(lowered) or lang.header_line.search(lowered))
        if quoting and spoken:
            return text[:offset]
        if not quoting and not _HEADER_FIELD.match(lowered) and len(line.split()) >= 2:
            spoken = True
        offset += len(line)
    return text


def read_reply(
    text: str,
    *,
    received_on: date,
    calendar: BusinessCalendar,
    day_first: bool,
    language: str = "en",
) -> ReplyReading:
    """Read what a reply says.

    Args:
        text: the reply as received (a whole e-mail is fine).
        received_on: the local day it came; a new date in it counts from that day.
        calendar: the hiring team's calendar (for dates and business days).
        day_first: whether numeric dates are written day first.
        language: the language of the reply (``en``, ``de``, ``fr``, ``es``); a reply given
            as English that is clearly one of the others is read in that language.

    Returns:
        The outcome with the words that decided it; an unreadable text is an update without a
        date with ``recognized`` False.
    """
    lang = language_of(text, language)
    code = lang.code
    text = _own_words(text, lang)
    phrases = _phrases(code)
    normalized = text.translate(_APOSTROPHES).lower()
    if len(normalized) != len(text):
        normalized = text.translate(_APOSTROPHES)

    def quote(match: re.Match[str]) -> str:
        return text[match.start() : match.end()]

    if (found := _found(phrases.rejection, normalized, negatable=False)) is not None:
        return ReplyReading(
            ReplyOutcome.REJECTION,
            matched=quote(found),
            interpretation=said(
                f'Read "{quote(found)}" as a rejection: the process has ended.',
                "reply.rejection",
                matched=quote(found),
            ),
        )
    if (found := _found(phrases.offer, normalized, True, phrases.negation)) is not None:
        return ReplyReading(
            ReplyOutcome.OFFER,
            matched=quote(found),
            interpretation=said(
                f'Read "{quote(found)}" as an offer.', "reply.offer", matched=quote(found)
            ),
        )
    if _BULK.search(normalized):
        return _unrecognized()
    next_round = _found(phrases.next_round, normalized, True, phrases.negation, phrases.own_process)
    if (found := next_round) is not None:
        return ReplyReading(
            ReplyOutcome.NEXT_ROUND,
            matched=quote(found),
            interpretation=said(
                f'Read "{quote(found)}" as an invitation to a next round.',
                "reply.next_round",
                matched=quote(found),
            ),
        )
    absence = _found(
        phrases.out_of_office, normalized, negatable=False, unless=phrases.someone_else
    )
    if (found := absence) is not None:
        back = _return_date(text, received_on, calendar, day_first, code)
        if back is None:
            how = said("with no return date", "reply.no_return_date")
        else:
            how = said(f"back on {format_day(back)}", "reply.back_on", day=back)
        return ReplyReading(
            ReplyOutcome.OUT_OF_OFFICE,
            matched=quote(found),
            return_date=back,
            interpretation=said(
                f'Read "{quote(found)}" as an out-of-office notice, {how}; it is not an answer.',
                "reply.out_of_office",
                matched=quote(found),
                how=how,
            ),
        )
    timeline = read_timeline(
        DecisionTimeline(text=text),
        said_on=received_on,
        calendar=calendar,
        day_first=day_first,
        language=code,
    )
    if timeline.deadline is not None:
        return ReplyReading(
            ReplyOutcome.UPDATE,
            matched=timeline.matched,
            new_deadline=timeline.deadline,
            interpretation=said(
                f"Read as an update with a new decision date: {timeline.interpretation}",
                "reply.update_dated",
                reading=timeline.interpretation,
            ),
        )
    if (found := _found(phrases.update, normalized, negatable=False)) is not None:
        return ReplyReading(
            ReplyOutcome.UPDATE,
            matched=quote(found),
            interpretation=said(
                f'Read "{quote(found)}" as an update without a new date; the wait goes on.',
                "reply.update",
                matched=quote(found),
            ),
        )
    return _unrecognized()


def _unrecognized() -> ReplyReading:
    return ReplyReading(
        ReplyOutcome.UPDATE,
        recognized=False,
        interpretation=said(
            "Could not tell what the reply says; taken as an update without a new date, so the "
            "wait goes on.",
            "reply.unrecognized",
        ),
    )


def _return_date(
    text: str, received_on: date, calendar: BusinessCalendar, day_first: bool, code: str = "en"
) -> date | None:
    """The day an absent contact is back: a date after "until", "back on", "returning"...,
    else the latest date in the notice that is not before it came."""
    expressions = date_expressions(
        text, said_on=received_on, calendar=calendar, day_first=day_first, language=code
    )
    found = [e for e in expressions if e.day >= received_on]
    phrases = _phrases(code)
    marked = [
        e.day
        for e in found
        if phrases.back.search(e.before)
        or (phrases.back_after is not None and phrases.back_after.search(e.after))
    ]
    days = marked or [e.day for e in found]
    return max(days, default=None)
