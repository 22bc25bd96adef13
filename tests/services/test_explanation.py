"""The explanation in the user's language: Accept-Language negotiated, sentences rewritten."""

from __future__ import annotations

import pytest

from app.services.explanation import SENTENCES, explain_plan, negotiate, translate


@pytest.mark.parametrize(
    ("header", "code"),
    [
        (None, "en"),
        ("", "en"),
        ("de", "de"),
        ("de-AT", "de"),
        ("de-AT,de;q=0.9,en;q=0.8", "de"),
        ("fr-CA, en;q=0.5", "fr"),
        ("es-419", "es"),
        ("en;q=0.5, es;q=0.9", "es"),
        ("it, pt;q=0.9", "en"),  # nothing supported: English
        ("it, fr;q=0.3", "fr"),  # the best supported one, however low
        ("de;q=0, fr;q=0.2", "fr"),  # q=0 refuses German
        ("*", "en"),
        ("zz-ZZ-x-private, 123, de;q=abc, es;q=0.1", "es"),  # malformed parts are skipped
        ("en-GB, de", "en"),
    ],
)
def test_accept_language_is_negotiated_by_weight_and_region(header: str | None, code: str) -> None:
    assert negotiate(header) == code


@pytest.mark.parametrize(
    ("code", "english", "expected"),
    [
        (
            "de",
            "Send the thank-you to Bob Smith by email.",
            "Senden Sie Bob Smith das Dankschreiben per E-Mail.",
        ),
        (
            "fr",
            "Ask Carol Diaz for an update by phone.",
            "Demandez des nouvelles à Carol Diaz par téléphone.",
        ),
        ("es", "Waiting for a decision.", "A la espera de una decisión."),
        (
            "de",
            "The decision was expected by Friday, December 4, 2026, so wait until one full "
            "business day has passed and ask Carol Diaz for an update.",
            "Die Entscheidung war für Freitag, 4. Dezember 2026 angekündigt; warten Sie, bis ein "
            "voller Werktag vergangen ist, und fragen Sie dann Carol Diaz nach dem Stand.",
        ),
        (
            "fr",
            "The decision was expected by Friday, December 4, 2026, so wait until it has "
            "passed and ask Carol Diaz for an update, and not before the business day after "
            "your thank-you.",
            "La décision était attendue pour le vendredi 4 décembre 2026 ; attendez qu'elle soit "
            "passée, puis demandez des nouvelles à Carol Diaz, et pas avant le jour ouvré qui "
            "suit votre message de remerciement.",
        ),
        (
            "es",
            "Hiring for engineering roles took about 49 days on average (LinkedIn analysis of "
            "400,000 hires, 2020-2021), so weeks of silence are common.",
            "La contratación en puestos de ingeniería llevó de media unos 49 días (análisis de "
            "LinkedIn de 400.000 contrataciones, 2020-2021), así que semanas de silencio son "
            "habituales.",
        ),
        # Not in the table: stays English rather than a guess.
        ("de", 'Read "soon" as nothing to plan by.', 'Read "soon" as nothing to plan by.'),
        ("en", "Waiting for a decision.", "Waiting for a decision."),
    ],
)
def test_a_sentence_of_the_planner_in_another_language(
    code: str, english: str, expected: str
) -> None:
    assert translate(english, code) == expected


@pytest.mark.parametrize("code", ["de", "fr", "es"])
def test_every_sentence_has_every_language(code: str) -> None:
    assert all(code in sentence.languages for sentence in SENTENCES)


def test_a_plan_wire_is_explained_where_its_explanation_is() -> None:
    wire = {
        "status_reason": "Waiting for a decision.",
        "next_action": {"summary": "Ask Carol Diaz for an update by email.", "step_id": "x"},
        "steps": [{"rationale": "Waiting for a decision.", "id": "Waiting for a decision."}],
        "expectations": None,
        "warnings": [],
    }

    explained = explain_plan(wire, "de")

    assert explained["status_reason"] == "Warten auf eine Entscheidung."
    assert explained["next_action"]["summary"] == "Fragen Sie Carol Diaz per E-Mail nach dem Stand."
    assert explained["steps"][0] == {
        "rationale": "Warten auf eine Entscheidung.",
        "id": "Waiting for a decision.",
    }


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        (
            "de",
            "Die Nachfrage ging am Montag, 30. November 2026 hinaus, vor dem Dienstag, "
            "1. Dezember 2026, an dem sie fällig war; warten Sie bei der nächsten die volle "
            "Zeit ab (R13).",
        ),
        (
            "es",
            "El seguimiento se envió el lunes, 30 de noviembre de 2026, antes del martes, 1 de "
            "diciembre de 2026, cuando correspondía; para el siguiente, espere el plazo "
            "completo (R13).",
        ),
    ],
)
def test_a_warning_with_two_dates_in_another_language(code: str, expected: str) -> None:
    english = (
        "The follow-up went on Monday, November 30, 2026, before Tuesday, December 1, 2026, "
        "when it was due; wait the full time for the next one (R13)."
    )

    assert translate(english, code) == expected
