"""The explanation for the user (rationales, summaries, status reasons, expectations) in the
language their ``Accept-Language`` asks for.

The domain writes its explanation in English and stays pure; this layer, at the service
boundary, reads each English sentence against a table of the sentences the planner writes
(one pattern a sentence, its variable parts as named groups) and writes it again in German,
French or Spanish: names and numbers as they are, dates by Babel in the target language,
fixed phrases from :data:`PHRASES`. A sentence the table does not know (a timeline's reading
of a phrase, a rare warning) stays English: better English than a guess.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any

from babel.core import negotiate_locale

from app.messages.languages import SUPPORTED, language

DEFAULT = "en"
_WEIGHTED = re.compile(
    r"\s*([A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*|\*)\s*(?:;\s*q\s*=\s*([01](?:\.\d{0,3})?))?\s*"
)


def negotiate(accept_language: str | None) -> str:
    """The language of the explanation: the best of ``en``, ``de``, ``fr``, ``es`` by the
    header's weights (``q``), a regional tag meaning its language (``de-AT``: ``de``);
    English when nothing matches or the header is missing or malformed."""
    if not accept_language:
        return DEFAULT
    ranked: list[tuple[float, int, str]] = []
    for index, item in enumerate(accept_language.split(",")):
        match = _WEIGHTED.fullmatch(item)
        if match is None:
            continue
        tag, weight = match.group(1), match.group(2)
        try:
            q = float(weight) if weight is not None else 1.0
        except ValueError:
            continue
        if q <= 0 or tag == "*":
            continue
        ranked.append((-q, index, tag.replace("-", "_")))
    preferred = [tag for _, _, tag in sorted(ranked)]
    return negotiate_locale(preferred, list(SUPPORTED)) or DEFAULT


#: Fixed English phrases of the explanation, as each language says them.
PHRASES: dict[str, dict[str, str]] = {
    "by email": {"de": "per E-Mail", "fr": "par e-mail", "es": "por correo electrónico"},
    "by phone": {"de": "telefonisch", "fr": "par téléphone", "es": "por teléfono"},
    ", with a note of their own": {
        "de": ", jeweils mit einer eigenen Nachricht",
        "fr": ", chacun avec son propre message",
        "es": ", cada uno con su propio mensaje",
    },
    ", and not before the business day after your thank-you": {
        "de": ", frühestens am Werktag nach Ihrem Dankschreiben",
        "fr": ", et pas avant le jour ouvré qui suit votre message de remerciement",
        "es": ", y no antes del día hábil siguiente a su agradecimiento",
    },
    " by phone, as they asked, leaving your number twice": {
        "de": " – telefonisch, wie gewünscht, und nennen Sie Ihre Nummer zweimal",
        "fr": " – par téléphone, comme demandé, en laissant votre numéro deux fois",
        "es": " – por teléfono, como pidieron, dejando su número dos veces",
    },
    "one full business day has": {
        "de": "ein voller Werktag",
        "fr": "un jour ouvré complet soit passé",
        "es": "un día hábil completo",
    },
    "it has": {"de": "dieser Tag", "fr": "elle soit passée", "es": "esa fecha"},
    "the interview": {"de": "dem Gespräch", "fr": "l'entretien", "es": "la entrevista"},
    "their reply": {"de": "ihrer Antwort", "fr": "leur réponse", "es": "su respuesta"},
    "engineering": {"de": "Technik", "fr": "ingénierie", "es": "ingeniería"},
    "research": {"de": "Forschung", "fr": "recherche", "es": "investigación"},
    "project management": {
        "de": "Projektmanagement",
        "fr": "gestion de projet",
        "es": "gestión de proyectos",
    },
    "customer service": {
        "de": "Kundenservice",
        "fr": "service client",
        "es": "atención al cliente",
    },
    "administrative": {"de": "Verwaltung", "fr": "administration", "es": "administración"},
}


@dataclass(frozen=True, slots=True)
class Sentence:
    """An English sentence of the planner and how each language writes it.

    Groups named ``day…`` are dates ("Friday, December 4, 2026"), written again by Babel;
    groups named ``p…`` are fixed phrases (:data:`PHRASES`); ``tail`` is a run of fixed
    phrases; the rest are names and numbers, kept as they are.
    """

    english: re.Pattern[str]
    languages: Mapping[str, str]


def _sentence(pattern: str, **languages: str) -> Sentence:
    return Sentence(re.compile(pattern), languages)


_BY = r"(?P<pby>by email|by phone)"
_TAIL = r"(?P<tail>(?:, and not before the business day after your thank-you| by phone, as they asked, leaving your number twice)*)"  # noqa: E501

SENTENCES: tuple[Sentence, ...] = (
    _sentence(
        rf"Send the thank-you to (?P<who>.+) {_BY}\.",
        de="Senden Sie {who} das Dankschreiben {pby}.",
        fr="Envoyez votre message de remerciement à {who} {pby}.",
        es="Envíe su agradecimiento a {who} {pby}.",
    ),
    _sentence(
        rf"Ask (?P<who>.+) for an update {_BY}\.",
        de="Fragen Sie {who} {pby} nach dem Stand.",
        fr="Demandez des nouvelles à {who} {pby}.",
        es="Pida novedades a {who} {pby}.",
    ),
    _sentence(
        rf"Send (?P<who>.+) one final, brief follow-up {_BY}\.",
        de="Senden Sie {who} {pby} eine letzte, kurze Nachfrage.",
        fr="Envoyez à {who} une dernière relance, brève, {pby}.",
        es="Envíe a {who} un último seguimiento breve {pby}.",
    ),
    _sentence(
        rf"Optionally write once to the hiring manager (?P<who>.+) {_BY}\.",
        de="Schreiben Sie, wenn Sie möchten, einmal {pby} an die einstellende Führungskraft {who}.",
        fr="Si vous le souhaitez, écrivez une fois {pby} au responsable du recrutement {who}.",
        es="Si lo desea, escriba una vez {pby} a la persona responsable de la contratación, {who}.",
    ),
    _sentence(
        r"Stop following up on this role and focus on other applications\.",
        de="Fragen Sie zu dieser Stelle nicht weiter nach und konzentrieren Sie sich auf andere "
        "Bewerbungen.",
        fr="Arrêtez les relances pour ce poste et concentrez-vous sur d'autres candidatures.",
        es="Deje de hacer seguimiento de este puesto y céntrese en otras candidaturas.",
    ),
    _sentence(
        r"Waiting for a decision\.",
        de="Warten auf eine Entscheidung.",
        fr="En attente d'une décision.",
        es="A la espera de una decisión.",
    ),
    _sentence(
        r"Every message went unanswered; it is time to move on from (?P<company>.+)\.",
        de="Keine Nachricht wurde beantwortet; es ist Zeit, {company} hinter sich zu lassen.",
        fr="Aucun message n'a reçu de réponse ; il est temps de tourner la page {company}.",
        es="Ningún mensaje ha recibido respuesta; es hora de pasar página con {company}.",
    ),
    _sentence(
        r"Thank (?P<who>.+?) by name within (?P<hours>\d+) hours, mentioning a specific point "
        r"from your conversation and not asking about the timeline"
        r"(?P<tail>(?:, with a note of their own)?)\.",
        de="Danken Sie {who} innerhalb von {hours} Stunden mit Namen, nennen Sie einen "
        "konkreten Punkt aus Ihrem Gespräch und fragen Sie nicht nach dem Zeitplan{tail}.",
        fr="Remerciez {who} nommément dans les {hours} heures, en citant un point précis de "
        "votre échange et sans demander le calendrier{tail}.",
        es="Dé las gracias a {who} por su nombre en las {hours} horas siguientes, mencionando "
        "un punto concreto de la conversación y sin preguntar por los plazos{tail}.",
    ),
    _sentence(
        r"The decision was expected by (?P<day>.+?), so wait until "
        r"(?P<pwait>one full business day has|it has) passed and ask (?P<who>.+?) for an "
        rf"update{_TAIL}\.",
        de="Die Entscheidung war für {day} angekündigt; warten Sie, bis {pwait} vergangen ist, "
        "und fragen Sie dann {who} nach dem Stand{tail}.",
        fr="La décision était attendue pour le {day} ; attendez qu'{pwait}, puis demandez "
        "des nouvelles à {who}{tail}.",
        es="La decisión estaba prevista para el {day}; espere a que pase {pwait} y pida "
        "novedades a {who}{tail}.",
    ),
    _sentence(
        r"No decision date was given, so wait (?P<count>[\d-]+) business days after "
        rf"(?P<psince>the interview|their reply) before asking (?P<who>.+?) for an update{_TAIL}\.",
        de="Es wurde kein Entscheidungsdatum genannt; warten Sie {count} Werktage nach "
        "{psince}, bevor Sie {who} nach dem Stand fragen{tail}.",
        fr="Aucune date de décision n'a été donnée ; attendez {count} jours ouvrés après "
        "{psince} avant de demander des nouvelles à {who}{tail}.",
        es="No se dio ninguna fecha de decisión; espere {count} días hábiles después de "
        "{psince} antes de pedir novedades a {who}{tail}.",
    ),
    _sentence(
        r"If (?P<who>.+?) has not replied about (?P<count>\d+) business days after the "
        r"follow-up, send one final, briefer message; then stop\.",
        de="Wenn {who} etwa {count} Werktage nach der Nachfrage nicht geantwortet hat, senden Sie "
        "eine letzte, kürzere Nachricht; danach ist Schluss.",
        fr="Si {who} n'a pas répondu environ {count} jours ouvrés après la relance, envoyez un "
        "dernier message, plus bref ; puis arrêtez-vous là.",
        es="Si {who} no ha respondido unos {count} días hábiles después del seguimiento, envíe un "
        "último mensaje, más breve; después, no insista más.",
    ),
    _sentence(
        r"After two unanswered messages to the recruiter (?P<who>.+?), you may write once to "
        r"the hiring manager (?P<manager>.+?); some prefer to stick to the primary contact\.",
        de="Nach zwei unbeantworteten Nachrichten an {who} (Recruiting) können Sie einmal an "
        "die einstellende Führungskraft {manager} schreiben; manche bleiben lieber bei der "
        "Hauptansprechperson.",
        fr="Après deux messages sans réponse à {who} (recrutement), vous pouvez écrire une fois "
        "au responsable du recrutement {manager} ; certains préfèrent s'en tenir au contact "
        "principal.",
        es="Tras dos mensajes sin respuesta a {who} (selección), puede escribir una vez a la "
        "persona responsable de la contratación, {manager}; hay quien prefiere limitarse al "
        "contacto principal.",
    ),
    _sentence(
        r"After the last message, stop contacting (?P<company>.+?) about this role and put "
        r"your energy into other applications; silence is an answer\.",
        de="Melden Sie sich nach der letzten Nachricht nicht mehr bei {company} zu dieser Stelle "
        "und stecken Sie Ihre Energie in andere Bewerbungen; auch Schweigen ist eine Antwort.",
        fr="Après le dernier message, ne recontactez plus {company} pour ce poste et consacrez "
        "votre énergie à d'autres candidatures ; le silence est aussi une réponse.",
        es="Tras el último mensaje, no vuelva a contactar con {company} por este puesto y "
        "dedique su energía a otras candidaturas; el silencio también es una respuesta.",
    ),
    _sentence(
        r"Hiring for (?P<pfamily>engineering|research|project management|customer service|"
        r"administrative) roles took about (?P<count>\d+) days on average \(LinkedIn analysis "
        r"of 400,000 hires, 2020-2021\), so weeks of silence are common\.",
        de="Stellen im Bereich {pfamily} waren im Schnitt nach etwa {count} Tagen besetzt "
        "(LinkedIn-Analyse von 400.000 Einstellungen, 2020–2021); wochenlanges Schweigen ist "
        "also normal.",
        fr="Le recrutement pour les postes en {pfamily} a pris en moyenne environ {count} jours "
        "(analyse LinkedIn de 400 000 embauches, 2020-2021) : des semaines de silence sont "
        "donc courantes.",
        es="La contratación en puestos de {pfamily} llevó de media unos {count} días (análisis "
        "de LinkedIn de 400.000 contrataciones, 2020-2021), así que semanas de silencio son "
        "habituales.",
    ),
)

#: The planner's warnings people meet most: a missing point, an address, a late thank-you, a
#: follow-up too soon or before the thank-you, a decision date not on a business day.
WARNINGS: tuple[Sentence, ...] = (
    _sentence(
        r"Add a specific point from your conversation with (?P<who>.+?): a thank-you without "
        r"one reads generic \(R1, R13\)\.",
        de="Nennen Sie einen konkreten Punkt aus Ihrem Gespräch mit {who}: ein Dankschreiben "
        "ohne ihn wirkt austauschbar (R1, R13).",
        fr="Ajoutez un point précis de votre échange avec {who} : sans lui, un message de "
        "remerciement paraît impersonnel (R1, R13).",
        es="Añada un punto concreto de su conversación con {who}: sin él, un agradecimiento "
        "parece genérico (R1, R13).",
    ),
    _sentence(
        r"No email address is known for (?P<who>.+?); add it before sending\.",
        de="Für {who} ist keine E-Mail-Adresse bekannt; ergänzen Sie sie vor dem Senden.",
        fr="Aucune adresse e-mail n'est connue pour {who} ; ajoutez-la avant l'envoi.",
        es="No se conoce ninguna dirección de correo de {who}; añádala antes de enviar.",
    ),
    _sentence(
        r"The thank-you to (?P<who>.+?) was due within (?P<hours>\d+) hours of the interview; "
        r"send it now all the same, it still helps \(R1\)\.",
        de="Das Dankschreiben an {who} war innerhalb von {hours} Stunden nach dem Gespräch "
        "fällig; senden Sie es trotzdem jetzt, es hilft noch (R1).",
        fr="Le message de remerciement à {who} était attendu dans les {hours} heures suivant "
        "l'entretien ; envoyez-le quand même maintenant, il reste utile (R1).",
        es="El agradecimiento a {who} debía enviarse en las {hours} horas siguientes a la "
        "entrevista; envíelo ahora de todos modos, todavía ayuda (R1).",
    ),
    _sentence(
        r"A status follow-up went before the thank-you \(R5\)\.",
        de="Eine Nachfrage zum Stand ging vor dem Dankschreiben hinaus (R5).",
        fr="Une relance est partie avant le message de remerciement (R5).",
        es="Se envió un seguimiento antes del agradecimiento (R5).",
    ),
    _sentence(
        r"The follow-up went on (?P<day_sent>.+?), before (?P<day_due>.+?), when it was due; "
        r"wait the full time for the next one \(R13\)\.",
        de="Die Nachfrage ging am {day_sent} hinaus, vor dem {day_due}, an dem sie fällig war; "
        "warten Sie bei der nächsten die volle Zeit ab (R13).",
        fr="La relance est partie le {day_sent}, avant le {day_due}, date à laquelle elle était "
        "prévue ; pour la suivante, attendez le délai complet (R13).",
        es="El seguimiento se envió el {day_sent}, antes del {day_due}, cuando correspondía; "
        "para el siguiente, espere el plazo completo (R13).",
    ),
    _sentence(
        r"Status messages went to several people within 24 hours \(R13\)\.",
        de="Nachfragen gingen innerhalb von 24 Stunden an mehrere Personen (R13).",
        fr="Des relances sont parties vers plusieurs personnes en moins de 24 heures (R13).",
        es="Se enviaron seguimientos a varias personas en menos de 24 horas (R13).",
    ),
)
SENTENCES = SENTENCES + WARNINGS

_TAIL_PIECES = re.compile(
    r", and not before the business day after your thank-you"
    r"| by phone, as they asked, leaving your number twice"
    r"|, with a note of their own"
)


def _day(text: str, code: str) -> str | None:
    try:
        day = datetime.strptime(text, "%A, %B %d, %Y").date()  # noqa: DTZ007 - a date
    except ValueError:
        return None
    return language(code).day(day)


def _value(name: str, text: str | None, code: str) -> str | None:
    if text is None:
        return ""
    if name.startswith("day"):
        return _day(text, code)
    if name == "tail":
        return "".join(PHRASES[piece.group()][code] for piece in _TAIL_PIECES.finditer(text))
    if name.startswith("p"):
        return PHRASES.get(text, {}).get(code)
    return text


@lru_cache(maxsize=4096)
def translate(text: str, code: str) -> str:
    """``text`` in language ``code`` where the table knows the sentence, else as it is."""
    if code == DEFAULT:
        return text
    for sentence in SENTENCES:
        match = sentence.english.fullmatch(text)
        if match is None or code not in sentence.languages:
            continue
        values: dict[str, str] = {}
        for name, raw in match.groupdict().items():
            value = _value(name, raw, code)
            if value is None:
                return text
            values[name] = value
        return sentence.languages[code].format(**values)
    return text


def _at(data: Any, path: tuple[str, ...], change: Callable[[str], str]) -> None:
    """Apply ``change`` to the string at ``path`` in nested dicts and lists (``*``: each)."""
    if not path:
        return
    key, rest = path[0], path[1:]
    items = data if key == "*" and isinstance(data, list) else None
    if items is not None:
        for item in items:
            _at(item, rest, change)
        return
    if not isinstance(data, dict) or data.get(key) is None:
        return
    if rest:
        _at(data[key], rest, change)
    elif isinstance(data[key], str):
        data[key] = change(data[key])


#: Where a plan's explanation is, in its wire form.
EXPLAINED = (
    ("status_reason",),
    ("next_action", "summary"),
    ("steps", "*", "rationale"),
    ("expectations", "summary"),
    ("warnings", "*", "message"),
    ("timeline", "interpretation"),
)


def explain_plan(wire: dict[str, Any], code: str) -> dict[str, Any]:
    """A plan's wire form with its explanation in ``code`` (changed in place, returned)."""
    if code != DEFAULT:
        for path in EXPLAINED:
            _at(wire, path, lambda text: translate(text, code))
    return wire
