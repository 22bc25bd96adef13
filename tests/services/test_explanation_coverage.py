"""Every explanation the planner, the timeline and reply readers and the checks write, in
German, French and Spanish: no sentence left English, none half translated.

The domain and the checks give each such sentence a key and its parameters
(:class:`app.domain.model.Explained`); these tests read every corpus row, every warning and
every check's finding, say each in the three languages and look for English left over.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from app.domain.calendar import CalendarSpec, calendar_for
from app.domain.model import Channel, DecisionTimeline, Explained, Month, StepKind, said
from app.domain.replies import read_reply
from app.domain.timeline import read_timeline
from app.messages.checks import Draft, DraftContext, check_message
from app.services.explanation import TEMPLATES, explain_check, explain_plan, say, translate

ROOT = Path(__file__).parents[2]
CORPORA = ROOT / "tests" / "unit" / "corpus"
CODES = ("de", "fr", "es")
#: Words of an English sentence that no German, French or Spanish one holds.
ENGLISH = (" the ", " and ", " was ", "Read ", " is ", " of ", " with ", " after ", " before ")
#: Quoted words stay as the recruiter or the draft wrote them: left out of the search.
QUOTED = re.compile(r"„[^“]*“|«[^»]*»|\"[^\"]*\"|“[^”]*”")


def assert_said(text: str | None, code: str) -> None:
    """``text`` said in ``code`` whole: a translation exists, and no English is left in it."""
    assert isinstance(text, Explained) and text.key, f"no key: {text!r}"
    found = say(text, code)
    assert found is not None, f"not said in {code}: {text}"
    assert found != text
    bare = f" {QUOTED.sub('…', found)} "
    left = [word for word in ENGLISH if word in bare]
    assert not left, f"English {left} in {code}: {found}"


@cache
def corpus(name: str) -> tuple[dict[str, Any], ...]:
    data = yaml.safe_load((CORPORA / name).read_text(encoding="utf-8"))
    return tuple({**data["contexts"][row["context"]], **row} for row in data["rows"])


def _calendar(row: dict[str, Any]):
    return calendar_for(CalendarSpec(row["country"], row.get("subdivision")))


def _language(name: str) -> str:
    stem = Path(name).stem
    return stem.split("_")[1] if "_" in stem else "en"


@pytest.mark.parametrize(
    "name", ["timeline.yaml", "timeline_de.yaml", "timeline_fr.yaml", "timeline_es.yaml"]
)
def test_every_timeline_reading_and_set_aside_reason_is_said_in_each_language(name: str) -> None:
    said_count = 0
    for row in corpus(name):
        reading = read_timeline(
            DecisionTimeline(text=row["text"]),
            said_on=row["said_on"],
            calendar=_calendar(row),
            day_first=row["country"] != "US",
            language=_language(name),
        )
        texts = [reading.interpretation] if reading.interpretation else []
        texts += [aside.why for aside in reading.set_aside]
        for text in texts:
            for code in CODES:
                assert_said(text, code)
                said_count += 1
    assert said_count > 0


@pytest.mark.parametrize(
    "name", ["replies.yaml", "replies_de.yaml", "replies_fr.yaml", "replies_es.yaml"]
)
def test_every_reply_reading_is_said_in_each_language(name: str) -> None:
    for row in corpus(name):
        reading = read_reply(
            row["text"],
            received_on=row["received_on"],
            calendar=_calendar(row),
            day_first=row["country"] != "US",
            language=_language(name),
        )
        for code in CODES:
            assert_said(reading.interpretation, code)


def _keys(path: Path) -> set[str]:
    """The keys a module gives its sentences: literal ones, and f-string families."""
    source = path.read_text(encoding="utf-8")
    return set(
        re.findall(
            r'"((?:warning|status|reply|how|check|none_left|timeline|rationale|why|tail|wait'
            r'|away|summary|by|since|closure)\.[\w.-]+)"',
            source,
        )
    )


MODULES = [
    "app/domain/planner.py",
    "app/domain/timeline.py",
    "app/domain/replies.py",
    "app/messages/checks/content.py",
    "app/messages/checks/grammar.py",
    "app/messages/checks/spelling.py",
    "app/messages/checks/timing.py",
]


@pytest.mark.parametrize("code", CODES)
def test_every_key_the_domain_and_the_checks_give_has_a_sentence_in_each_language(
    code: str,
) -> None:
    keys = set().union(*(_keys(ROOT / module) for module in MODULES))
    keys |= {
        f"event.{kind}"
        for kind in ("thank_you_sent", "follow_up_sent", "call_made", "reply_received", "withdrawn")
    }
    keys |= {
        f"outcome.{kind}"
        for kind in ("offer", "rejection", "next_round", "update", "out_of_office")
    }
    keys |= {f"label.{kind.value}" for kind in StepKind}
    keys |= {f"how.after_{unit}s" for unit in ("business_day", "day", "week", "month")}
    keys |= {
        f"check.{rule}"
        for rule in (
            "C-SALARY",
            "C-REPROACH",
            "C-DEMANDING",
            "C-DESPERATE",
            "C-CASUAL",
            "C-TIMELINE-QUESTION",
        )
    }
    assert sum(key.startswith("warning.") for key in keys) == 17
    assert sorted(keys - TEMPLATES[code].keys()) == []


#: A value of the right kind for each parameter a warning takes.
SAMPLES: dict[str, Any] = {
    "who": "Carol Díaz",
    "company": "Acme",
    "text": "we'll be in touch soon",
    "excerpt": "Thanks, we'll be in touch",
    "day": date(2026, 12, 4),
    "deadline": date(2026, 12, 4),
    "said_on": date(2026, 12, 7),
    "sent": date(2026, 11, 30),
    "due": date(2026, 12, 1),
    "now": date(2026, 11, 27),
    "hours": 24,
    "count": 3,
    "room": 2,
    "event": said("follow up sent", "event.follow_up_sent"),
    "missing": said("their number", "missing.their_number"),
    "closure": said("weekend", "closure.weekend"),
}


@pytest.mark.parametrize("code", CODES)
def test_every_warning_the_planner_can_emit_is_said_in_each_language(code: str) -> None:
    planner = ROOT / "app" / "domain" / "planner.py"
    for key in sorted(k for k in _keys(planner) if k.startswith("warning.")):
        names = set(re.findall(r"\{(\w+)", TEMPLATES[code][key]))
        assert_said(
            Explained(f"English of {key} with the ", key, {n: SAMPLES[n] for n in names}), code
        )


def test_a_plan_wire_explains_its_timeline_set_aside_reasons_replies_and_warnings() -> None:
    reading = read_timeline(
        DecisionTimeline(
            text="Thanks for today. We will decide by the end of next week; "
            "you'd start on January 4th."
        ),
        said_on=date(2026, 11, 24),
        calendar=calendar_for(CalendarSpec("US", "NY")),
        day_first=False,
    )
    wire = {
        "timeline": {
            "interpretation": reading.interpretation,
            "set_aside": [{"text": s.text, "why": s.why} for s in reading.set_aside],
        },
        "replies": [
            {
                "interpretation": said(
                    "Given as offer.", "reply.given", outcome=said("offer", "outcome.offer")
                )
            }
        ],
        "warnings": [
            {
                "code": "x",
                "message": said(
                    "A status follow-up went before the thank-you (R5).",
                    "warning.follow_up_before_thank_you",
                ),
            }
        ],
    }

    explain_plan(wire, "de")

    assert wire["timeline"]["interpretation"] == (
        "„end of next week“ gelesen als der letzte Werktag der Woche nach dem Gespräch (Montag, "
        "30. November 2026 bis Sonntag, 6. Dezember 2026): Freitag, 4. Dezember 2026."
    )
    assert [s["why"] for s in wire["timeline"]["set_aside"]] == [
        "der Tag des Gesprächs",
        "ein Eintrittsdatum",
    ]
    assert wire["replies"][0]["interpretation"] == "Angegeben als Angebot."
    assert (
        wire["warnings"][0]["message"]
        == "Eine Nachfrage zum Stand ging vor dem Dankschreiben hinaus (R5)."
    )


def _reading(text: str, said_on: date, country: str = "US", language: str = "en") -> str:
    reading = read_timeline(
        DecisionTimeline(text=text),
        said_on=said_on,
        calendar=calendar_for(CalendarSpec(country, "NY" if country == "US" else None)),
        day_first=country != "US",
        language=language,
    )
    assert reading.interpretation is not None
    return reading.interpretation


@pytest.mark.parametrize(
    ("code", "text", "expected"),
    [
        (
            "de",
            "We will get back to you within two weeks.",
            "„within two weeks“ gelesen als 2 Wochen nach dem Gespräch: Dienstag, 8. Dezember "
            "2026.",
        ),
        (
            "fr",
            "We will get back to you within two weeks.",
            "« within two weeks » compris comme 2 semaines après l'entretien : mardi 8 décembre "
            "2026.",
        ),
        (
            "es",
            "We will get back to you within two weeks.",
            "«within two weeks» interpretado como 2 semanas después de la entrevista: martes, 8 de "
            "diciembre de 2026.",
        ),
        (
            "fr",
            "We hope to decide before Christmas.",
            "« before Christmas » compris comme avant Noël (vendredi 25 décembre 2026) : le "
            "dernier jour ouvré qui précède : jeudi 24 décembre 2026.",
        ),
        (
            "es",
            "We will decide by mid December at the latest",
            "«mid December» interpretado como el último día hábil hasta el 15 de diciembre de "
            "2026: martes, 15 de diciembre de 2026.",
        ),
    ],
)
def test_a_reading_as_a_native_speaker_writes_it(code: str, text: str, expected: str) -> None:
    assert translate(_reading(text, date(2026, 11, 24)), code) == expected


def test_recruiter_words_stay_as_written_and_the_date_is_the_languages() -> None:
    reading = _reading(
        "Wir melden uns bis Ende nächster Woche bei Ihnen.", date(2026, 11, 24), "DE", "de"
    )

    assert translate(reading, "fr") == (
        "« Ende nächster Woche » compris comme le dernier jour ouvré de la semaine qui suit "
        "l'entretien (du lundi 30 novembre 2026 au dimanche 6 décembre 2026) : vendredi 4 "
        "décembre 2026."
    )
    assert translate(reading, "en") == reading


def test_a_reply_counted_from_their_reply_says_so() -> None:
    reading = read_timeline(
        DecisionTimeline(text="We will decide within two weeks."),
        said_on=date(2026, 12, 1),
        calendar=calendar_for(CalendarSpec("US", "NY")),
        day_first=False,
        counted_from="their reply",
    )
    assert translate(reading.interpretation, "de") == (
        "„within two weeks“ gelesen als 2 Wochen nach ihrer Antwort: Dienstag, 15. Dezember 2026."
    )


def test_a_part_no_table_knows_leaves_the_whole_sentence_english() -> None:
    sentence = said(
        "The plan is closed: Something new. Answer their message (R11).",
        "check.C-PLAN-CLOSED",
        reason=Explained("Something new."),
        label=said("follow-up", "label.follow_up"),
    )
    assert translate(sentence, "de") == sentence
    assert say(sentence, "de") is None


def test_a_month_is_said_by_babel() -> None:
    how = said("x", "how.month_end", month=Month(2026, 12))
    assert [translate(how, code) for code in CODES] == [
        "der letzte Werktag im Dezember 2026",
        "le dernier jour ouvré de décembre 2026",
        "el último día hábil de diciembre de 2026",
    ]


BAD_DRAFTS = (
    Draft(
        kind=StepKind.FOLLOW_UP,
        subject="",
        body=(
            "Dear Hiring Manager,\n\nI still havent heard back and you never got back to me. "
            "What is the salary range? I need an answer ASAP!! I am desperate for this job lol. "
            "I would would love an update. I have a idea.\n\nBest regards,\nAnn"
        ),
        context=DraftContext(
            interviewer_name="Carol Diaz",
            job_title="Data Engineer",
            interview_date=date(2026, 11, 24),
            candidate_name="Ann Lee",
        ),
    ),
    Draft(
        kind=StepKind.THANK_YOU,
        subject="Thank you " + "very much " * 10,
        body="Hi Bob Smith,\n\nThanks. When will you decide?\n\nAnn",
        context=DraftContext(interviewer_name="Bob Smith", candidate_name="Ann Lee"),
    ),
    Draft(kind=StepKind.MOVE_ON, body="Hello, any news?"),
    Draft(
        kind=StepKind.FOLLOW_UP,
        body="Hi, this is Ann. Call me at 555-123-4567. " + "More words here. " * 60,
        channel=Channel.PHONE,
        context=DraftContext(candidate_name="Ann Lee", interview_date=date(2026, 11, 24)),
    ),
)


@pytest.mark.parametrize("code", CODES)
def test_every_check_finding_is_said_in_each_language(code: str) -> None:
    rules = set()
    for draft in BAD_DRAFTS:
        result = check_message(draft)
        texts = {"subject": draft.subject or "", "body": draft.body}
        wire = {
            "findings": [
                {
                    "rule": f.check,
                    "message": f.message,
                    "span": None
                    if f.span is None
                    else {"text": texts[f.span.part][f.span.start : f.span.end]},
                }
                for f in result.findings
            ]
        }
        english = [f["message"] for f in wire["findings"]]
        explain_check(wire, code)
        for finding, before in zip(wire["findings"], english, strict=True):
            rules.add(finding["rule"])
            assert finding["message"] != before, finding
            bare = f" {QUOTED.sub('…', finding['message'])} "
            assert not [w for w in ENGLISH if w in bare], finding["message"]
    assert len(rules) >= 15, sorted(rules)


def test_a_finding_as_a_native_speaker_writes_it() -> None:
    wire = {
        "findings": [
            {
                "rule": "C-SALARY",
                "message": "Leave out “salary range”: …",
                "span": {"text": "salary range"},
            },
        ]
    }
    explain_check(wire, "es")
    assert wire["findings"][0]["message"] == (
        "Quite «salary range»: el salario y los beneficios se tratan cuando hay una oferta, no en "
        "un seguimiento (R13)."
    )


# -- stored list items, rationales with a tail, holiday names ---------------------------------


def _no_english(text: str, code: str) -> None:
    bare = f" {QUOTED.sub('…', text)} "
    left = [word for word in ENGLISH if word in bare]
    assert not left, f"English {left} in {code}: {text}"


@pytest.fixture
def workers(database_url: str):
    """Two apps on one database: what one writes, the other lists from the stored listing."""
    from fastapi.testclient import TestClient

    from app.main import create_app
    from app.settings import Settings
    from tests.api.conftest import bearer, new_key

    settings = Settings(_env_file=None, database_url=database_url)  # type: ignore[call-arg]
    headers = bearer(new_key(database_url))
    with (
        TestClient(create_app(settings), headers=headers) as one,
        TestClient(create_app(settings), headers=headers) as two,
    ):
        yield one, two


CLOSING_EVENTS = {
    "withdrawn": {"type": "withdrawn", "at": "2026-11-26T10:00:00-05:00"},
    "offer": {"type": "reply_received", "at": "2026-11-25T10:00:00-05:00", "outcome": "offer"},
    "next_round": {
        "type": "reply_received",
        "at": "2026-11-25T11:00:00-05:00",
        "outcome": "next_round",
    },
}


def test_stored_list_items_say_their_status_reason_and_summary_in_each_language(
    workers, body: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.services.interviews import InterviewStore

    one, two = workers
    created = {}
    for name, event in CLOSING_EVENTS.items():
        data = {**body, "company": f"Acme {name}"}
        data.pop("as_of", None)
        answer = one.post("/v1/interviews", json=data)
        assert answer.status_code == 201, answer.text
        created[name] = answer.json()["id"]
        logged = one.post(f"/v1/interviews/{created[name]}/events", json=event)
        assert logged.status_code == 201, logged.text
    open_one = one.post("/v1/interviews", json={**body, "company": "Acme open"}).json()["id"]

    # The other worker has planned nothing: every item comes from the stored listing.
    def planned(*_: Any, **__: Any) -> Any:
        raise AssertionError("a list item was planned, not read from the stored listing")

    monkeypatch.setattr(InterviewStore, "plan_at", planned)
    path = "/v1/interviews?limit=50"
    english = {item["id"]: item for item in two.get(path).json()["items"]}
    assert english[created["withdrawn"]]["status_reason"] == (
        "You withdrew on Thursday, November 26, 2026."
    )
    for code in CODES:
        answer = two.get(path, headers={"Accept-Language": code})
        assert answer.headers["content-language"] == code
        items = {item["id"]: item for item in answer.json()["items"]}
        for ident in [*created.values(), open_one]:
            reason = items[ident]["status_reason"]
            assert reason != english[ident]["status_reason"], (code, reason)
            _no_english(reason, code)
        summary = items[open_one]["next_action"]["summary"]
        assert summary != english[open_one]["next_action"]["summary"]
        _no_english(summary, code)
    german = {
        item["id"]: item["status_reason"]
        for item in two.get(path, headers={"Accept-Language": "de"}).json()["items"]
    }
    assert german[created["withdrawn"]] == (
        "Sie haben Ihre Bewerbung am Donnerstag, 26. November 2026 zurückgezogen."
    )
    assert german[created["offer"]] == (
        "Acme offer hat am Mittwoch, 25. November 2026 mit einem Angebot geantwortet."
    )


RATIONALE_CASES = {
    "away": (
        {
            "events": [
                {
                    "type": "reply_received",
                    "at": "2026-11-25T10:00:00-05:00",
                    "outcome": "out_of_office",
                    "contact_email": "carol.diaz@acme.example",
                    "return_date": "2026-12-14",
                }
            ],
            "decision_timeline": None,
        },
        "is out of the office until",
    ),
    "competing": (
        {"competing_deadline": {"date": "2026-12-02", "company": "Globex"}},
        "Another process at Globex needs an answer by",
    ),
    "too_soon": (
        {
            "thank_you_sent_at": "2026-11-24T14:00:00-05:00",
            "events": [{"type": "follow_up_sent", "at": "2026-11-27T10:00:00-05:00"}],
            "as_of": "2026-11-30T10:00:00-05:00",
        },
        "when the follow-up was due (R6)",
    ),
}


@pytest.mark.parametrize("case", sorted(RATIONALE_CASES))
def test_rationales_with_each_tail_are_said_in_each_language(
    workers, body: dict[str, Any], case: str
) -> None:
    one, _ = workers
    change, tail = RATIONALE_CASES[case]
    data = {**body, **change}
    english = one.post("/v1/plans", json=data)
    assert english.status_code == 200, english.text
    rationales = [step["rationale"] for step in english.json()["steps"]]
    assert any(tail in r for r in rationales), rationales
    for code in CODES:
        said_plan = one.post("/v1/plans", json=data, headers={"Accept-Language": code}).json()
        for before, step in zip(rationales, said_plan["steps"], strict=True):
            assert step["rationale"] != before, (code, before)
            _no_english(step["rationale"], code)


def test_an_away_tail_as_a_native_speaker_writes_it() -> None:
    away = said(
        "Carol Diaz is out of the office until Monday, December 14, 2026",
        "away.until",
        who="Carol Diaz",
        back=date(2026, 12, 14),
    )
    tail = said("; …", "tail.away", away=away, day=date(2026, 12, 16))
    why = said(
        "The decision was expected by …",
        "why.deadline",
        day=date(2026, 12, 4),
        wait=said("one full business day has", "wait.full_day"),
        who="Carol Diaz",
    )
    rationale = said("…", "rationale.follow_up", why=why, tail=(tail,))
    assert [translate(rationale, code) for code in CODES] == [
        "Die Entscheidung war für Freitag, 4. Dezember 2026 angekündigt; warten Sie, bis ein "
        "voller Werktag vergangen ist, und fragen Sie dann Carol Diaz nach dem Stand; Carol "
        "Diaz ist bis Montag, 14. Dezember 2026 nicht im Büro, also nicht vor Mittwoch, 16. "
        "Dezember 2026, dem zweiten Werktag nach der Rückkehr.",
        "La décision était attendue pour le vendredi 4 décembre 2026 ; attendez qu'un jour "
        "ouvré complet soit passé, puis demandez des nouvelles à Carol Diaz ; Carol Diaz est "
        "hors du bureau jusqu'au lundi 14 décembre 2026, donc pas avant le mercredi 16 "
        "décembre 2026, le deuxième jour ouvré après son retour.",
        "La decisión estaba prevista para el viernes, 4 de diciembre de 2026; espere a que "
        "pase un día hábil completo y pida novedades a Carol Diaz; Carol Diaz está fuera de "
        "la oficina hasta el lunes, 14 de diciembre de 2026, así que no antes del miércoles, "
        "16 de diciembre de 2026, el segundo día hábil tras su regreso.",
    ]


@pytest.mark.parametrize(
    ("text", "country", "subdivision", "language", "expected"),
    [
        (
            "We hope to decide before Christmas.",
            "US",
            "NY",
            "en",
            ("Weihnachten", "Noël", "Navidad"),
        ),
        ("We will decide after New Year.", "US", "NY", "en", ("Neujahr", "Nouvel An", "Año Nuevo")),
        ("Wir entscheiden vor Weihnachten.", "DE", "BY", "de", ("Weihnachten", "Noël", "Navidad")),
        # No everyday name: the calendar's own in the language where it has one (CA: French).
        (
            "We will decide before Good Friday.",
            "CA",
            "QC",
            "en",
            ("Good Friday", "Vendredi saint", "Good Friday"),
        ),
        ("We will decide before Thanksgiving.", "US", "NY", "en", ("Thanksgiving",) * 3),
    ],
)
def test_a_holiday_is_named_in_each_language_where_it_can_be(
    text: str, country: str, subdivision: str, language: str, expected: tuple[str, ...]
) -> None:
    reading = _reading_in(text, country, subdivision, language)
    for code, name in zip(CODES, expected, strict=True):
        said_text = translate(reading, code)
        assert said_text != reading
        assert f" {name} (" in said_text, (code, said_text)


def _reading_in(text: str, country: str, subdivision: str, language: str) -> str:
    reading = read_timeline(
        DecisionTimeline(text=text),
        said_on=date(2026, 11, 24),
        calendar=calendar_for(CalendarSpec(country, subdivision)),
        day_first=country != "US",
        language=language,
    )
    assert reading.interpretation is not None
    return reading.interpretation


def test_a_closed_day_keeps_the_calendars_name_in_the_language_it_has() -> None:
    closure = said(
        "Christmas Day", "holiday.official", day=date(2026, 12, 25), country="CA", subdivision="QC"
    )
    warning = said(
        "…", "warning.deadline_not_business_day", deadline=date(2026, 12, 25), closure=closure
    )
    assert "(Jour de Noël)" in translate(warning, "fr")
    assert "(Christmas Day)" in translate(warning, "de")  # no German names for Canada


@pytest.mark.parametrize(
    ("code", "template", "expected"),
    [
        ("es", "el {day} con una decisión", "el lunes, 30 de noviembre de 2026, con una decisión"),
        ("es", "hasta el {day}.", "hasta el lunes, 30 de noviembre de 2026."),
        ("es", "({day}): x", "(lunes, 30 de noviembre de 2026): x"),
        ("de", "am {day} zurückgezogen", "am Montag, 30. November 2026 zurückgezogen"),
        ("fr", "le {day} avec", "le lundi 30 novembre 2026 avec"),
    ],
)
def test_a_spanish_day_in_running_text_closes_its_aside(
    code: str, template: str, expected: str
) -> None:
    from app.services.explanation import _fill

    assert _fill(template, code, {"day": date(2026, 11, 30)}) == expected
