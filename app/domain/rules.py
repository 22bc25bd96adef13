"""The rules R1-R15, each with the articles it comes from (docs/rules.md), and their titles."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    summary: str
    sources: tuple[int, ...]


RULES: dict[str, Rule] = {
    rule.id: rule
    for rule in (
        Rule(
            "R1",
            "Send a thank-you within 24 hours that names the interviewer, mentions a "
            "specific point, restates interest and does not ask about the timeline.",
            (0, 1, 4),
        ),
        Rule("R2", "Send one personalised thank-you to each person interviewed with.", (1,)),
        Rule(
            "R3",
            "A thank-you may restate strengths, address a concern and add information.",
            (4, 2),
        ),
        Rule(
            "R4",
            "Email is the default channel; phone only if the contact asked for it, with a "
            "voicemail that gives the number twice.",
            (3, 0),
        ),
        Rule("R5", "A status follow-up comes only after the thank-you was sent.", (3,)),
        Rule(
            "R6",
            "With a decision date, wait until one full business day after it has passed.",
            (0, 2, 3),
        ),
        Rule("R7", "With no timeline, wait about 5-7 business days.", (0, 1, 3, 4)),
        Rule(
            "R8",
            "The follow-up has a clear subject, says who you are, the position, the date "
            "and format of the interview, asks politely for an update and signs off in full.",
            (0, 3),
        ),
        Rule(
            "R9", "After a week with no reply, one final, briefer message; then stop.", (0, 2, 3, 4)
        ),
        Rule(
            "R10",
            "After two unanswered messages to a recruiter, one may write to the hiring manager.",
            (2, 0),
        ),
        Rule(
            "R11",
            "After the last message, stop and put the energy into other applications.",
            (0, 2),
        ),
        Rule("R12", "If another process is moving faster, a follow-up may say so politely.", (2,)),
        Rule(
            "R13",
            "Do not follow up too soon or too often, sound demanding, ask about salary, "
            "or write to several people within 24 hours about the status.",
            (0, 2, 3),
        ),
        Rule(
            "R14",
            "Hiring often takes weeks: about 33 to 49 days depending on the job family.",
            (2,),
        ),
        Rule(
            "R15",
            "The status follow-up goes to the primary contact: the hiring manager or the "
            "recruiter who scheduled the interview.",
            (0, 3),
        ),
    )
}


#: The articles the rules come from, by the number a rule's ``sources`` cite. Article 4's
#: text has no headline: its title is made from its subject and its byline.
SOURCES: dict[int, str] = {
    0: "How to Follow Up About a Job Interview",
    1: "When Should I Follow Up After A Job Interview?",
    2: "Here's When And When Not To Follow Up After A Job Interview",
    3: "How, When, and Why Follow Up After a Job Interview (Templates Included)",
    4: "Following up after a job interview (Michelle Keefe, January 28, 2023)",
}


@lru_cache(maxsize=256)
def sources_of(rule_ids: tuple[str, ...]) -> tuple[int, ...]:
    """The seed numbers behind a set of rules, sorted and without repeats.

    Args:
        rule_ids: ids from :data:`RULES`.

    Returns:
        The seed article numbers (0-4) those rules cite.
    """
    return tuple(sorted({source for rule_id in rule_ids for source in RULES[rule_id].sources}))
