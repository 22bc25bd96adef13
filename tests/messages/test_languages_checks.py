"""Checks in each language: its own phrase table, letter shapes and dictionary; and every
message the planner writes in a language passes that language's checks with no error."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.domain.model import Channel, Formality, InterviewFacts, StepKind
from app.domain.policies import POLICIES
from app.messages.checks import Draft, DraftContext, Finding, Severity, check_message
from app.services.planning import plan_interview
from tests.messages.test_rendered_pass_checks import AS_OF, _draft, interviews

OTHER_LANGUAGES = ("de", "fr", "es")


def _errors(facts: InterviewFacts, policy: str) -> list[tuple[str, Finding]]:
    planned = plan_interview(facts=facts, policy=POLICIES[policy], as_of=AS_OF)
    found = []
    for step in planned.plan.steps:
        message = planned.messages.get(step.id)
        if message is None:
            continue
        draft = replace(_draft(step, message, facts), language=facts.language)
        result = check_message(draft)
        found += [(step.id, f) for f in result.findings if f.severity is Severity.ERROR]
    return found


@settings(
    max_examples=200, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
@given(
    facts=interviews(),
    code=st.sampled_from(OTHER_LANGUAGES),
    formality=st.sampled_from((None, *Formality)),
    policy=st.sampled_from(sorted(POLICIES)),
)
def test_every_message_in_every_language_passes_its_own_checks_without_error(
    facts: InterviewFacts, code: str, formality: Formality | None, policy: str
) -> None:
    assert _errors(replace(facts, language=code, formality=formality), policy) == []


THANK_YOU = StepKind.THANK_YOU
FOLLOW_UP = StepKind.FOLLOW_UP

#: (language, kind, a sentence, the check it must raise or None for none of the phrase rows).
ROWS = [
    # German
    ("de", FOLLOW_UP, "Wie hoch ist das Gehalt für die Stelle?", "C-SALARY"),
    ("de", FOLLOW_UP, "Meine Gehaltsvorstellung liegt bei 70.000 Euro.", "C-SALARY"),
    ("de", FOLLOW_UP, "Wie viele Urlaubstage gibt es?", "C-SALARY"),
    ("de", FOLLOW_UP, "Ich habe das Gespräch gut in Erinnerung behalten.", None),
    ("de", FOLLOW_UP, "Leider haben Sie sich nie bei mir gemeldet.", "C-REPROACH"),
    ("de", FOLLOW_UP, "Trotz mehrerer E-Mails habe ich noch keine Antwort.", "C-REPROACH"),
    ("de", FOLLOW_UP, "Ich freue mich auf Ihre Antwort.", None),
    ("de", FOLLOW_UP, "Bitte antworten Sie mir umgehend.", "C-DEMANDING"),
    ("de", FOLLOW_UP, "Ich erwarte eine Antwort bis Freitag.", "C-DEMANDING"),
    ("de", FOLLOW_UP, "Ich würde mich über eine Rückmeldung freuen.", None),
    ("de", FOLLOW_UP, "Ich brauche diesen Job wirklich.", "C-DESPERATE"),
    ("de", FOLLOW_UP, "Bitte, bitte geben Sie mir eine Chance.", "C-DESPERATE"),
    ("de", FOLLOW_UP, "Ich bin sehr an der Stelle interessiert.", None),
    ("de", FOLLOW_UP, "Hey, wie läuft's? lol", "C-CASUAL"),
    ("de", FOLLOW_UP, "Das war ein tolles Gespräch!!", "C-CASUAL"),
    ("de", FOLLOW_UP, "Das war ein gutes Gespräch.", None),
    ("de", THANK_YOU, "Wann kann ich mit einer Rückmeldung rechnen?", "C-TIMELINE-QUESTION"),
    ("de", THANK_YOU, "Wie sehen die nächsten Schritte aus?", "C-TIMELINE-QUESTION"),
    ("de", FOLLOW_UP, "Wie sehen die nächsten Schritte aus?", None),
    ("de", THANK_YOU, "Vielen Dank für Ihre Zeit.", None),
    # French
    ("fr", FOLLOW_UP, "Quel est le salaire proposé ?", "C-SALARY"),
    ("fr", FOLLOW_UP, "Mes prétentions salariales sont de 50 k€.", "C-SALARY"),
    ("fr", FOLLOW_UP, "Y a-t-il des tickets restaurant ?", "C-SALARY"),
    ("fr", FOLLOW_UP, "Je vous remercie pour cet échange.", None),
    ("fr", FOLLOW_UP, "Vous ne m'avez jamais répondu.", "C-REPROACH"),
    ("fr", FOLLOW_UP, "Malgré mes relances, toujours sans réponse.", "C-REPROACH"),
    ("fr", FOLLOW_UP, "Je reste à votre disposition.", None),
    ("fr", FOLLOW_UP, "Merci de me répondre au plus vite.", "C-DEMANDING"),
    ("fr", FOLLOW_UP, "Vous devez me répondre avant vendredi.", "C-DEMANDING"),
    ("fr", FOLLOW_UP, "Je serais heureux d'avoir de vos nouvelles.", None),
    ("fr", FOLLOW_UP, "J'ai vraiment besoin de ce poste.", "C-DESPERATE"),
    ("fr", FOLLOW_UP, "Je vous en supplie.", "C-DESPERATE"),
    ("fr", FOLLOW_UP, "Le poste m'intéresse beaucoup.", None),
    ("fr", FOLLOW_UP, "Coucou, merci bcp !", "C-CASUAL"),
    ("fr", FOLLOW_UP, "Merci beaucoup pour votre temps.", None),
    ("fr", THANK_YOU, "Quelles sont les prochaines étapes ?", "C-TIMELINE-QUESTION"),
    ("fr", THANK_YOU, "Quand pourrai-je avoir une réponse ?", "C-TIMELINE-QUESTION"),
    ("fr", FOLLOW_UP, "Quelles sont les prochaines étapes ?", None),
    ("fr", THANK_YOU, "Merci encore pour votre accueil.", None),
    # Spanish
    ("es", FOLLOW_UP, "¿Cuál es el salario del puesto?", "C-SALARY"),
    ("es", FOLLOW_UP, "¿Cuál es la banda salarial?", "C-SALARY"),
    ("es", FOLLOW_UP, "¿Cuántos días de vacaciones hay?", "C-SALARY"),
    ("es", FOLLOW_UP, "Gracias por la conversación.", None),
    ("es", FOLLOW_UP, "Nunca me han respondido.", "C-REPROACH"),
    ("es", FOLLOW_UP, "Sigo esperando una respuesta.", "C-REPROACH"),
    ("es", FOLLOW_UP, "Quedo a su disposición.", None),
    ("es", FOLLOW_UP, "Respóndame lo antes posible.", "C-DEMANDING"),
    ("es", FOLLOW_UP, "Exijo una respuesta.", "C-DEMANDING"),
    ("es", FOLLOW_UP, "Me alegraría saber de usted.", None),
    ("es", FOLLOW_UP, "Necesito este trabajo.", "C-DESPERATE"),
    ("es", FOLLOW_UP, "Se lo ruego, deme una oportunidad.", "C-DESPERATE"),
    ("es", FOLLOW_UP, "El puesto me interesa mucho.", None),
    ("es", FOLLOW_UP, "Holi, jaja, qué tal", "C-CASUAL"),
    ("es", FOLLOW_UP, "Buenas tardes, gracias por su tiempo.", None),
    ("es", THANK_YOU, "¿Cuáles son los próximos pasos?", "C-TIMELINE-QUESTION"),
    ("es", THANK_YOU, "¿Cuándo podré saber algo?", "C-TIMELINE-QUESTION"),
    ("es", FOLLOW_UP, "¿Cuáles son los próximos pasos?", None),
    ("es", THANK_YOU, "Gracias de nuevo por su tiempo.", None),
]
_PHRASE_CHECKS = {
    "C-SALARY",
    "C-REPROACH",
    "C-DEMANDING",
    "C-DESPERATE",
    "C-CASUAL",
    "C-TIMELINE-QUESTION",
}


@pytest.mark.parametrize(("code", "kind", "sentence", "check"), ROWS)
def test_a_phrase_row_of_the_language(
    code: str, kind: StepKind, sentence: str, check: str | None
) -> None:
    found = {
        f.check
        for f in check_message(Draft(kind, sentence, language=code)).findings
        if f.check in _PHRASE_CHECKS
    }

    assert found == ({check} if check else set())


def test_english_rows_do_not_read_a_german_draft() -> None:
    draft = Draft(FOLLOW_UP, "I would like to know the salary.", language="de")
    english = Draft(FOLLOW_UP, "Ich möchte das Gehalt wissen.")

    assert "C-SALARY" not in {f.check for f in check_message(draft).findings}
    assert "C-SALARY" not in {f.check for f in check_message(english).findings}


CONTEXT = DraftContext(
    interviewer_name="Carol Díaz",
    job_title="Data Engineer",
    company="Acme",
    interview_date=date(2026, 11, 24),
    candidate_name="Ann Lee",
)
#: (language, body, the structural check it must raise, or None for none of them).
LETTERS = [
    (
        "de",
        "Sehr geehrte Frau Díaz,\n\nich hatte am Dienstag, 24. November 2026 ein Gespräch "
        "zur Position Data Engineer.\n\nMit freundlichen Grüßen\nAnn Lee",
        None,
    ),
    (
        "de",
        "Sehr geehrte Damen und Herren,\n\nich hatte am 24. November ein Gespräch zur "
        "Position Data Engineer.\n\nMit freundlichen Grüßen\nAnn Lee",
        "C-GENERIC-GREETING",
    ),
    (
        "de",
        "Sehr geehrte Frau Díaz,\n\nich hatte am 24.11. ein Gespräch zur Position Data "
        "Engineer.\n\nMit freundlichen Grüßen\nAnn",
        "C-SIGNATURE",
    ),
    (
        "fr",
        "Madame Díaz,\n\nJ'ai passé un entretien le mardi 24 novembre pour le poste de Data "
        "Engineer.\n\nBien cordialement,\nAnn Lee",
        None,
    ),
    (
        "fr",
        "Madame, Monsieur,\n\nJ'ai passé un entretien le 24 novembre pour le poste de Data "
        "Engineer.\n\nBien cordialement,\nAnn Lee",
        "C-GENERIC-GREETING",
    ),
    (
        "fr",
        "Madame Díaz,\n\nJ'ai passé un entretien pour le poste de Data Engineer.\n\n"
        "Bien cordialement,\nAnn Lee",
        "C-NO-INTERVIEW-DATE",
    ),
    (
        "es",
        "Estimada Sra. Díaz:\n\nEl martes, 24 de noviembre de 2026 tuve una entrevista para "
        "el puesto de Data Engineer.\n\nAtentamente,\nAnn Lee",
        None,
    ),
    (
        "es",
        "Estimados señores:\n\nEl 24 de noviembre tuve una entrevista para el puesto de Data "
        "Engineer.\n\nAtentamente,\nAnn Lee",
        "C-GENERIC-GREETING",
    ),
    (
        "es",
        "Estimada Sra. Díaz:\n\nEl 24 de noviembre tuve una entrevista para el puesto de Data "
        "Engineer.\n\nAtentamente,\nAnn",
        "C-SIGNATURE",
    ),
]
_STRUCTURE = {"C-GENERIC-GREETING", "C-NO-NAME", "C-SIGNATURE", "C-NO-INTERVIEW-DATE"}


@pytest.mark.parametrize(("code", "body", "check"), LETTERS)
def test_the_parts_of_a_letter_as_the_language_writes_them(
    code: str, body: str, check: str | None
) -> None:
    draft = Draft(FOLLOW_UP, body, "Data Engineer", Channel.EMAIL, CONTEXT, code)

    found = {f.check for f in check_message(draft).findings if f.check in _STRUCTURE}

    assert found == ({check} if check else set())


@pytest.mark.parametrize(
    ("code", "body", "misspelt"),
    [
        # A capitalised noun is left alone, as a name is: the dictionary cannot tell them apart.
        ("de", "Ich freue mich auf die Zusamenarbeit.", set()),
        ("de", "Ich freue mich auf die gemeinsame Zusammenarbiet.", set()),
        ("de", "Ich freue mich auf die gemeinsamme Zusammenarbeit.", {"gemeinsamme"}),
        ("de", "Ich bin weiterhin sehr interesiert.", {"interesiert"}),
        ("de", "Ich bin weiterhin sehr interessiert, Frau Díaz.", set()),
        ("fr", "Je reste à votre disposision.", {"disposision"}),
        ("fr", "Je vous remercie pour l'entretien d'hier.", set()),
        ("es", "Quedo a su disposisión.", {"disposisión"}),
        ("es", "Muchas gracias por dedicarme su tiempo.", set()),
    ],
)
def test_spelling_in_the_language_dictionary(code: str, body: str, misspelt: set[str]) -> None:
    draft = Draft(FOLLOW_UP, body, context=CONTEXT, language=code)

    found = {
        body[f.span.start : f.span.end]
        for f in check_message(draft).findings
        if f.check == "C-SPELLING" and f.span
    }

    assert found == misspelt


@settings(max_examples=100, deadline=None, derandomize=True)
@given(facts=interviews(), code=st.sampled_from(OTHER_LANGUAGES))
def test_R9_a_final_message_has_at_most_60_percent_of_the_follow_ups_words_in_each_language(
    facts: InterviewFacts, code: str
) -> None:
    facts = replace(facts, language=code)
    planned = plan_interview(facts=facts, policy=POLICIES["standard"], as_of=AS_OF)
    by_kind = {
        (s.kind, s.channel): planned.messages[s.id]
        for s in planned.plan.steps
        if s.id in planned.messages
    }

    for channel in (Channel.EMAIL, Channel.PHONE):
        follow_up = by_kind.get((StepKind.FOLLOW_UP, channel))
        final = by_kind.get((StepKind.FINAL_FOLLOW_UP, channel))
        if follow_up and final:
            words = len(final.body_text.split())
            assert words <= 0.6 * len(follow_up.body_text.split())
