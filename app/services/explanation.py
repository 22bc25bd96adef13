"""The explanation for the user (rationales, summaries, status reasons, expectations,
interpretations, warnings, check findings) in the language their ``Accept-Language`` asks for.

The domain writes its explanation in English and stays pure. Where it says something with many
shapes (how a recruiter's words were read, why a date was set aside, how a reply was read, a
warning, a status reason) and where a check says what to change, the English sentence is an
:class:`~app.domain.model.Explained`: it carries a stable key and its parameters (the quoted
words, the dates, the counts, the parts said in their own words). This layer writes that key
again from :data:`TEMPLATES`: names and quoted words as they are, dates by Babel in the target
language, parts by their own keys. A sentence with no key (a list item read back from the
database, a step's rationale) is read against :data:`SENTENCES`, the table of the planner's
fixed sentences. A sentence neither knows, or one with a part neither knows, stays English
whole: better English than a guess or a mix.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from typing import Any

import holidays
from babel.core import negotiate_locale
from babel.dates import format_date

from app.domain.model import Explained, Month
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


def translate(text: str, code: str) -> str:
    """``text`` in language ``code``: an :class:`Explained` sentence from its key, another
    from the table of the planner's sentences; as it is (English, whole) where neither knows
    it or a part of it."""
    if code == DEFAULT:
        return text
    said = say(text, code)
    return text if said is None else said


def say(text: str, code: str) -> str | None:
    """``text`` in language ``code``, or None where no part of the service knows how."""
    if code == DEFAULT:
        return text
    if not isinstance(text, Explained):
        return _from_table(text, code)
    try:
        return _say(text, code, {})
    except _Unsaid:
        return None


@lru_cache(maxsize=4096)
def _from_table(text: str, code: str) -> str | None:
    """A sentence of the table in ``code``; None when the table does not know it."""
    for sentence in SENTENCES:
        match = sentence.english.fullmatch(text)
        if match is None or code not in sentence.languages:
            continue
        values: dict[str, str] = {}
        for name, raw in match.groupdict().items():
            value = _value(name, raw, code)
            if value is None:
                return None
            values[name] = value
        return sentence.languages[code].format(**values)
    return None


class _Unsaid(Exception):
    """A part of a sentence no table knows in the language: the sentence stays English."""


#: How each language names a month of a year ("Dezember 2026", "diciembre de 2026").
_MONTH_PATTERNS = {"de": "MMMM y", "fr": "MMMM y", "es": "MMMM 'de' y"}
#: A slot of a template: ``{name}``, ``{name@form}`` (a part in another form, German's
#: genitive), ``{name|one|other}`` (a word by a count) or ``{name/first/second/...}`` (by a
#: number from 1).
_SLOT = re.compile(r"\{(?P<name>\w+)(?:@(?P<form>\w+))?(?:(?P<sep>[|/])(?P<choices>[^}]*))?\}")


def _say(value: Any, code: str, scope: Mapping[str, Any], form: str | None = None) -> str:
    if isinstance(value, Explained) and value.key in _HOLIDAY_KEYS:
        return _holiday(value, code)
    if isinstance(value, Explained):
        templates = TEMPLATES.get(code, {})
        template = None
        if value.key:
            template = (form and templates.get(f"{value.key}@{form}")) or templates.get(value.key)
        if template is None:
            found = _from_table(str(value), code)
            if found is None:
                raise _Unsaid(value)
            return found
        return _fill(template, code, {**scope, **value.params})
    if isinstance(value, str):
        return value  # a name, or a recruiter's words: as written
    if isinstance(value, Month):
        pattern = _MONTH_PATTERNS[code]
        return format_date(date(value.year, value.month, 1), pattern, locale=language(code).locale)
    if isinstance(value, tuple):
        return "".join(_say(part, code, scope) for part in value)  # parts, one after another
    if isinstance(value, date):
        return language(code).day(value)
    if isinstance(value, int):
        return str(value)
    raise _Unsaid(value)


#: Parts naming a holiday: one a recruiter wrote (``holiday.name``), and one the calendar gives
#: a closed day (``holiday.official``).
_HOLIDAY_KEYS = frozenset({"holiday.name", "holiday.official"})


def _holiday(value: Explained, code: str) -> str:
    """A holiday's name in language ``code``.

    A name written in ``code`` stays as written. Otherwise: the everyday name the language
    gives that holiday (the timeline readers' table: "Weihnachten" for "Christmas" or "Erster
    Weihnachtstag", "Noël"), found from the calendar's name in ``code``, the name as written
    or the calendar's English name; else the calendar's own name in ``code`` when the
    ``holidays`` package has the calendar in that language; else the name as written. A
    closed day (``holiday.official``) keeps the calendar's name, in ``code`` where it can.
    """
    written = str(value)
    params = value.params
    if params.get("language") == code:
        return written
    day = params.get("day")
    country = params.get("country")
    if not isinstance(day, date) or not country:
        return written
    subdivision = params.get("subdivision") or None
    official = _calendar_names(country, subdivision, code, day.year).get(day)
    if value.key == "holiday.official":
        return official or written
    english = _calendar_names(country, subdivision, "en", day.year).get(day)
    for name in (official, written, english):
        everyday = _everyday(name, code, official)
        if everyday:
            return everyday
    return official or written


@lru_cache(maxsize=256)
def _calendar_names(country: str, subdivision: str | None, code: str, year: int) -> dict[date, str]:
    """The holidays of a calendar in ``year`` named in language ``code`` (its first variant:
    ``en_US`` for ``en``); empty when ``holidays`` has no such calendar or language."""
    try:
        base = holidays.country_holidays(country, subdiv=subdivision)
        tag = next(
            (t for t in base.supported_languages if t == code or t.startswith(f"{code}_")), None
        )
        if tag is None:
            return {}
        named = holidays.country_holidays(country, subdiv=subdivision, years=year, language=tag)
    except (NotImplementedError, KeyError, ValueError):
        return {}
    return {day: str(name) for day, name in named.items()}


@lru_cache(maxsize=1024)
def _everyday(name: str | None, code: str, official: str | None) -> str | None:
    """The everyday name language ``code`` gives the holiday called ``name``, in the case
    ``official`` writes it where it holds it, else each word capitalised ("Nouvel An", "Año
    Nuevo"); None when the language has none for it. Names of a period are left out ("Semana
    Santa" is a week, not Good Friday)."""
    if not name:
        return None
    table: Mapping[str, str] = getattr(_reader_language(code), "HOLIDAY_NAMES", {})
    lowered = name.lower()
    for everyday, pattern in table.items():
        if everyday in _PERIODS or not re.search(pattern, lowered):
            continue
        if official and everyday in official.lower():
            start = official.lower().index(everyday)
            return official[start : start + len(everyday)]
        return " ".join(word[:1].upper() + word[1:] for word in everyday.split())
    return None


#: Everyday names of the readers' tables that name a period around a holiday, not the day.
_PERIODS = frozenset({"semana santa"})


def _reader_language(code: str) -> Any:
    """The timeline reader's data of language ``code`` (its everyday holiday names)."""
    try:
        return importlib.import_module(f"app.domain.languages.{code}")
    except ImportError:
        return None


def _fill(template: str, code: str, scope: Mapping[str, Any]) -> str:
    def slot(match: re.Match[str]) -> str:
        name = match["name"]
        if name not in scope:
            raise _Unsaid(name)
        value = scope[name]
        if match["sep"] == "|":
            one, _, other = match["choices"].partition("|")
            return one if value == 1 else other
        if match["sep"] == "/":
            return str(match["choices"].split("/")[value - 1])
        said = _say(value, code, scope, match["form"])
        if (
            isinstance(value, date)
            and language(code).closes_day_aside
            and _GOES_ON.match(template, match.end())
        ):
            said += ","
        return said

    return _SLOT.sub(slot, template)


#: A template going on with a word after a slot.
_GOES_ON = re.compile(r" \w")


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
    ("timeline", "set_aside", "*", "why"),
    ("replies", "*", "interpretation"),
)

#: Where a list item's or an agenda item's explanation is, in its wire form.
EXPLAINED_ITEM = (
    ("status_reason",),
    ("next_action", "summary"),
    ("step", "rationale"),
)

#: The checks whose findings quote the words they found (the phrase tables of every
#: language share one message a check): said from the check's id and the span's words.
QUOTING_CHECKS = frozenset(
    {"C-SALARY", "C-REPROACH", "C-DEMANDING", "C-DESPERATE", "C-CASUAL", "C-TIMELINE-QUESTION"}
)


def _explain(wire: dict[str, Any], paths: tuple[tuple[str, ...], ...], code: str) -> None:
    if code != DEFAULT:
        for path in paths:
            _at(wire, path, lambda text: translate(text, code))


def explain_plan(wire: dict[str, Any], code: str) -> dict[str, Any]:
    """A plan's wire form with its explanation in ``code`` (changed in place, returned)."""
    _explain(wire, EXPLAINED, code)
    return wire


def explain_item(wire: dict[str, Any], code: str) -> dict[str, Any]:
    """A list item's or an agenda item's wire form with its explanation (``status_reason``,
    ``next_action.summary``, ``step.rationale`` where present) in ``code`` (changed in
    place, returned)."""
    _explain(wire, EXPLAINED_ITEM, code)
    return wire


def explain_check(wire: dict[str, Any], code: str) -> dict[str, Any]:
    """A check answer's wire form with each finding's ``message`` in ``code`` (changed in
    place, returned)."""
    if code == DEFAULT:
        return wire
    for finding in wire.get("findings") or ():
        message = finding.get("message")
        if not isinstance(message, str):
            continue
        span = finding.get("span")
        rule = finding.get("rule")
        if not isinstance(message, Explained) and rule in QUOTING_CHECKS and span:
            message = Explained(message, f"check.{rule}", {"text": span["text"]})
        finding["message"] = translate(message, code)
    return wire


# -- the explanation by key --------------------------------------------------------------------
#
# Each key the domain and the checks give an Explained sentence, as German, French and Spanish
# say it (formal: Sie, vous, usted). Quoted words keep the recruiter's or the draft's own text,
# in the language's quotation marks. ``since`` is what a reading counts from: the interview or
# their reply ("@gen": German's genitive).

_WORDS: dict[str, tuple[str, str, str]] = {
    # what a reading counts from
    "since.interview": ("dem Gespräch", "l'entretien", "la entrevista"),
    "since.interview@gen": ("des Gesprächs", "l'entretien", "la entrevista"),
    "since.reply": ("ihrer Antwort", "leur réponse", "su respuesta"),
    "since.reply@gen": ("ihrer Antwort", "leur réponse", "su respuesta"),
    # a step's rationale: its reason, then the tails that narrow its window, in order
    "rationale.thank_you": (
        "Danken Sie {who} innerhalb von {hours} Stunden mit Namen, nennen Sie einen "
        "konkreten Punkt aus Ihrem Gespräch und fragen Sie nicht nach dem Zeitplan{tail}.",
        "Remerciez {who} nommément dans les {hours} heures, en citant un point précis de "
        "votre échange et sans demander le calendrier{tail}.",
        "Dé las gracias a {who} por su nombre en las {hours} horas siguientes, mencionando "
        "un punto concreto de la conversación y sin preguntar por los plazos{tail}.",
    ),
    "rationale.follow_up": ("{why}{tail}.", "{why}{tail}.", "{why}{tail}."),
    "why.deadline": (
        "Die Entscheidung war für {day} angekündigt; warten Sie, bis {wait} vergangen ist, "
        "und fragen Sie dann {who} nach dem Stand",
        "La décision était attendue pour le {day} ; attendez qu'{wait}, puis demandez des "
        "nouvelles à {who}",
        "La decisión estaba prevista para el {day}; espere a que pase {wait} y pida novedades "
        "a {who}",
    ),
    "wait.full_day": (
        "ein voller Werktag",
        "un jour ouvré complet soit passé",
        "un día hábil completo",
    ),
    "wait.day": ("dieser Tag", "elle soit passée", "esa fecha"),
    "why.no_date": (
        "Es wurde kein Entscheidungsdatum genannt; warten Sie {count} Werktage nach {since}, "
        "bevor Sie {who} nach dem Stand fragen",
        "Aucune date de décision n'a été donnée ; attendez {count} jours ouvrés après {since} "
        "avant de demander des nouvelles à {who}",
        "No se dio ninguna fecha de decisión; espere {count} días hábiles después de {since} "
        "antes de pedir novedades a {who}",
    ),
    "why.competing": (
        "Ein anderes Bewerbungsverfahren verlangt bis {day} eine Antwort von Ihnen; fragen Sie "
        "{who} deshalb vorher höflich nach dem Zeitplan",
        "Un autre processus de recrutement attend votre réponse d'ici le {day} ; demandez donc "
        "poliment à {who}, avant cette date, où en est leur calendrier",
        "Otro proceso de selección necesita su respuesta antes del {day}; pregunte, por tanto, "
        "con cortesía a {who} por sus plazos antes de esa fecha",
    ),
    "why.competing_at": (
        "Ein anderes Bewerbungsverfahren bei {company} verlangt bis {day} eine Antwort von "
        "Ihnen; fragen Sie {who} deshalb vorher höflich nach dem Zeitplan",
        "Un autre processus de recrutement, chez {company}, attend votre réponse d'ici le "
        "{day} ; demandez donc poliment à {who}, avant cette date, où en est leur calendrier",
        "Otro proceso de selección, en {company}, necesita su respuesta antes del {day}; "
        "pregunte, por tanto, con cortesía a {who} por sus plazos antes de esa fecha",
    ),
    "tail.own_note": (
        ", jeweils mit einer eigenen Nachricht",
        ", chacun avec son propre message",
        ", cada uno con su propio mensaje",
    ),
    "tail.after_thank_you": (
        ", frühestens am Werktag nach Ihrem Dankschreiben",
        ", et pas avant le jour ouvré qui suit votre message de remerciement",
        ", y no antes del día hábil siguiente a su agradecimiento",
    ),
    "tail.phone": (
        " – telefonisch, wie gewünscht, und nennen Sie Ihre Nummer zweimal",
        " – par téléphone, comme demandé, en laissant votre numéro deux fois",
        " – por teléfono, como pidieron, dejando su número dos veces",
    ),
    "away.until": (
        "{who} ist bis {back} nicht im Büro",
        "{who} est hors du bureau jusqu'au {back}",
        "{who} está fuera de la oficina hasta el {back}",
    ),
    "tail.away": (
        "; {away}, also nicht vor {day}, dem zweiten Werktag nach der Rückkehr",
        " ; {away}, donc pas avant le {day}, le deuxième jour ouvré après son retour",
        "; {away}, así que no antes del {day}, el segundo día hábil tras su regreso",
    ),
    "tail.due": (
        ", frühestens am {day}, an dem die Nachfrage fällig war (R6)",
        ", et pas avant le {day}, date à laquelle la relance était prévue (R6)",
        ", y no antes del {day}, cuando correspondía el seguimiento (R6)",
    ),
    "rationale.final": (
        "Wenn {who} etwa {count} Werktage nach der Nachfrage nicht geantwortet hat, senden Sie "
        "eine letzte, kürzere Nachricht{tail}; danach ist Schluss.",
        "Si {who} n'a pas répondu environ {count} jours ouvrés après la relance, envoyez un "
        "dernier message, plus bref{tail} ; puis arrêtez-vous là.",
        "Si {who} no ha respondido unos {count} días hábiles después del seguimiento, envíe un "
        "último mensaje, más breve{tail}; después, no insista más.",
    ),
    "rationale.escalation": (
        "Nach zwei unbeantworteten Nachrichten an {who} (Recruiting) können Sie einmal an "
        "die einstellende Führungskraft {manager} schreiben{tail}; manche bleiben lieber bei "
        "der Hauptansprechperson.",
        "Après deux messages sans réponse à {who} (recrutement), vous pouvez écrire une fois "
        "au responsable du recrutement {manager}{tail} ; certains préfèrent s'en tenir au "
        "contact principal.",
        "Tras dos mensajes sin respuesta a {who} (selección), puede escribir una vez a la "
        "persona responsable de la contratación, {manager}{tail}; hay quien prefiere "
        "limitarse al contacto principal.",
    ),
    "rationale.move_on": (
        "Melden Sie sich nach der letzten Nachricht nicht mehr bei {company} zu dieser Stelle "
        "und stecken Sie Ihre Energie in andere Bewerbungen; auch Schweigen ist eine Antwort.",
        "Après le dernier message, ne recontactez plus {company} pour ce poste et consacrez "
        "votre énergie à d'autres candidatures ; le silence est aussi une réponse.",
        "Tras el último mensaje, no vuelva a contactar con {company} por este puesto y "
        "dedique su energía a otras candidaturas; el silencio también es una respuesta.",
    ),
    # the next action, in a line
    "by.email": ("per E-Mail", "par e-mail", "por correo electrónico"),
    "by.phone": ("telefonisch", "par téléphone", "por teléfono"),
    "summary.thank_you": (
        "Senden Sie {who} das Dankschreiben {by}.",
        "Envoyez votre message de remerciement à {who} {by}.",
        "Envíe su agradecimiento a {who} {by}.",
    ),
    "summary.follow_up": (
        "Fragen Sie {who} {by} nach dem Stand.",
        "Demandez des nouvelles à {who} {by}.",
        "Pida novedades a {who} {by}.",
    ),
    "summary.final_follow_up": (
        "Senden Sie {who} {by} eine letzte, kurze Nachfrage.",
        "Envoyez à {who} une dernière relance, brève, {by}.",
        "Envíe a {who} un último seguimiento breve {by}.",
    ),
    "summary.escalation": (
        "Schreiben Sie, wenn Sie möchten, einmal {by} an die einstellende Führungskraft {who}.",
        "Si vous le souhaitez, écrivez une fois {by} au responsable du recrutement {who}.",
        "Si lo desea, escriba una vez {by} a la persona responsable de la contratación, {who}.",
    ),
    "summary.move_on": (
        "Fragen Sie zu dieser Stelle nicht weiter nach und konzentrieren Sie sich auf andere "
        "Bewerbungen.",
        "Arrêtez les relances pour ce poste et concentrez-vous sur d'autres candidatures.",
        "Deje de hacer seguimiento de este puesto y céntrese en otras candidaturas.",
    ),
    # how a recruiter's words were read
    "timeline.read": (
        "„{matched}“ gelesen als {how}: {day}.",
        "« {matched} » compris comme {how} : {day}.",
        "«{matched}» interpretado como {how}: {day}.",
    ),
    "timeline.given": (
        "Entscheidungsdatum angegeben: {day}.",
        "Date de décision indiquée : {day}.",
        "Fecha de decisión indicada: {day}.",
    ),
    "how.iso": ("ein Datum im ISO-Format", "une date au format ISO", "una fecha en formato ISO"),
    "how.date": ("ein Datum", "une date", "una fecha"),
    "how.next_date": (
        "das nächste solche Datum ab {since}",
        "la prochaine date de ce jour à partir de {since}",
        "la próxima fecha de ese día a partir de {since}",
    ),
    "how.numeric_day_first": (
        "ein Datum in Ziffern, der Tag zuerst, wie man in {country} Daten schreibt",
        "une date en chiffres, le jour d'abord, comme on écrit les dates au pays {country}",
        "una fecha en cifras, con el día primero, como se escriben las fechas en {country}",
    ),
    "how.numeric_month_first": (
        "ein Datum in Ziffern, der Monat zuerst, wie man in {country} Daten schreibt",
        "une date en chiffres, le mois d'abord, comme on écrit les dates au pays {country}",
        "una fecha en cifras, con el mes primero, como se escriben las fechas en {country}",
    ),
    "how.dotted": (
        "ein Datum mit Punkten, der Tag zuerst",
        "une date avec des points, le jour d'abord",
        "una fecha con puntos, con el día primero",
    ),
    "how.weekday_next_week": (
        "dieser Wochentag in der nächsten Woche",
        "ce jour de la semaine prochaine",
        "ese día de la semana que viene",
    ),
    "how.weekday_bare": (
        "der nächste solche Wochentag nach {since}",
        "le premier jour de ce nom après {since}",
        "el primer día con ese nombre después de {since}",
    ),
    "how.weekday_week_after": (
        "dieser Wochentag in der Woche danach",
        "ce jour de la semaine suivante",
        "ese día de la semana siguiente",
    ),
    "how.weekday_week_of": (
        "dieser Wochentag in der Woche vom {after}",
        "ce jour de la semaine du {after}",
        "ese día de la semana del {after}",
    ),
    "how.week_end": (
        "der letzte Werktag {what} ({first} bis {last})",
        "le dernier jour ouvré de {what} (du {first} au {last})",
        "el último día hábil de {what} (del {first} al {last})",
    ),
    "week.interview": (
        "der Woche {since@gen}",
        "la semaine de {since}",
        "la semana de {since}",
    ),
    "week.after_interview": (
        "der Woche nach {since}",
        "la semaine qui suit {since}",
        "la semana siguiente a {since}",
    ),
    "week.second_after_interview": (
        "der zweiten Woche nach {since}",
        "la deuxième semaine après {since}",
        "la segunda semana después de {since}",
    ),
    "week.after": ("der Woche danach", "la semaine suivante", "la semana siguiente"),
    "how.early_next_week": (
        "der zweite Werktag der Woche nach {since}",
        "le deuxième jour ouvré de la semaine qui suit {since}",
        "el segundo día hábil de la semana siguiente a {since}",
    ),
    "how.mid_next_week": (
        "der dritte Werktag der Woche nach {since}",
        "le troisième jour ouvré de la semaine qui suit {since}",
        "el tercer día hábil de la semana siguiente a {since}",
    ),
    "how.after_business_days": (
        "{count} {count|Werktag|Werktage} nach {since}",
        "{count} {count|jour ouvré|jours ouvrés} après {since}",
        "{count} {count|día hábil|días hábiles} después de {since}",
    ),
    "how.after_days": (
        "{count} {count|Tag|Tage} nach {since}",
        "{count} {count|jour|jours} après {since}",
        "{count} {count|día|días} después de {since}",
    ),
    "how.after_weeks": (
        "{count} {count|Woche|Wochen} nach {since}",
        "{count} {count|semaine|semaines} après {since}",
        "{count} {count|semana|semanas} después de {since}",
    ),
    "how.after_months": (
        "{count} {count|Monat|Monate} nach {since}",
        "{count} mois après {since}",
        "{count} {count|mes|meses} después de {since}",
    ),
    "how.later_bound": (
        "die spätere Grenze, {how}",
        "la borne la plus tardive, {how}",
        "el límite más tardío, {how}",
    ),
    "how.hours": (
        "{hours} Stunden, gezählt als {days} {days|Werktag|Werktage} nach {since}",
        "{hours} heures, comptées comme {days} {days|jour ouvré|jours ouvrés} après {since}",
        "{hours} horas, contadas como {days} {days|día hábil|días hábiles} después de {since}",
    ),
    "how.next_business_day": (
        "der Werktag nach {since}",
        "le jour ouvré qui suit {since}",
        "el día hábil siguiente a {since}",
    ),
    "how.same_day": ("der Tag {since@gen}", "le jour de {since}", "el día de {since}"),
    "how.next_day": (
        "der Tag nach {since}",
        "le lendemain de {since}",
        "el día siguiente a {since}",
    ),
    "how.two_days": (
        "zwei Tage nach {since}",
        "deux jours après {since}",
        "dos días después de {since}",
    ),
    "how.few_days": (
        "ein paar Tage (3) nach {since}",
        "quelques jours (3) après {since}",
        "unos días (3) después de {since}",
    ),
    "how.fifteen_days": (
        "fünfzehn Tage nach {since}",
        "quinze jours après {since}",
        "quince días después de {since}",
    ),
    "how.eight_days": (
        "acht Tage (eine „huitaine“) nach {since}",
        "huit jours (une huitaine) après {since}",
        "ocho días (una «huitaine») después de {since}",
    ),
    "how.fortnight": (
        "zwei Wochen, 14 Tage nach {since}",
        "une quinzaine, 14 jours après {since}",
        "dos semanas, 14 días después de {since}",
    ),
    "how.month_early": (
        "der letzte Werktag bis zum 10. {month}",
        "le dernier jour ouvré jusqu'au 10 {month}",
        "el último día hábil hasta el 10 de {month}",
    ),
    "how.month_mid": (
        "der letzte Werktag bis zum 15. {month}",
        "le dernier jour ouvré jusqu'au 15 {month}",
        "el último día hábil hasta el 15 de {month}",
    ),
    "how.month_end": (
        "der letzte Werktag im {month}",
        "le dernier jour ouvré de {month}",
        "el último día hábil de {month}",
    ),
    "how.ordinal_day": (
        "der nächste solche Tag des Monats ab {since}",
        "le prochain jour du mois portant ce numéro à partir de {since}",
        "el próximo día del mes con ese número a partir de {since}",
    ),
    "how.nth_week_of": (
        "der letzte Werktag der {nth/ersten/zweiten/dritten/vierten} Woche im {month}",
        "le dernier jour ouvré de la {nth/première/deuxième/troisième/quatrième} semaine de "
        "{month}",
        "el último día hábil de la {nth/primera/segunda/tercera/cuarta} semana de {month}",
    ),
    "how.last_week_of": (
        "der letzte Werktag der letzten Woche im {month}",
        "le dernier jour ouvré de la dernière semaine de {month}",
        "el último día hábil de la última semana de {month}",
    ),
    "how.day_of_next_month": (
        "dieser Tag des nächsten Monats",
        "ce jour du mois suivant",
        "ese día del mes siguiente",
    ),
    "how.before_day": (
        "der letzte Werktag vor dem {day}",
        "le dernier jour ouvré avant le {day}",
        "el último día hábil antes del {day}",
    ),
    "how.weekday_after_holiday": (
        "dieser Tag nach {holiday} ({day})",
        "ce jour après {holiday} ({day})",
        "ese día después de {holiday} ({day})",
    ),
    "how.week_of": (
        "der letzte Werktag der Woche vom {start}",
        "le dernier jour ouvré de la semaine du {start}",
        "el último día hábil de la semana del {start}",
    ),
    "how.quarter": (
        "der letzte Werktag bis {last}, im {quarter}. Quartal {year}",
        "le dernier jour ouvré jusqu'au {last}, au {quarter/premier/deuxième/troisième/"
        "quatrième} trimestre {year}",
        "el último día hábil hasta el {last}, en el {quarter/primer/segundo/tercer/cuarto} "
        "trimestre de {year}",
    ),
    "how.year_end": (
        "der letzte Werktag des Jahres {year}",
        "le dernier jour ouvré de l'année {year}",
        "el último día hábil de {year}",
    ),
    "how.january": (
        "der letzte Werktag im Januar {year}",
        "le dernier jour ouvré de janvier {year}",
        "el último día hábil de enero de {year}",
    ),
    "how.calendar_week": (
        "der letzte Werktag der Kalenderwoche {week} ({first} bis {last})",
        "le dernier jour ouvré de la semaine {week} (du {first} au {last})",
        "el último día hábil de la semana {week} (del {first} al {last})",
    ),
    "how.after_holiday": (
        "nach {holiday} ({day}): der letzte Werktag der Woche danach",
        "après {holiday} ({day}) : le dernier jour ouvré de la semaine suivante",
        "después de {holiday} ({day}): el último día hábil de la semana siguiente",
    ),
    "how.before_holiday": (
        "vor {holiday} ({day}): der letzte Werktag davor",
        "avant {holiday} ({day}) : le dernier jour ouvré qui précède",
        "antes de {holiday} ({day}): el último día hábil anterior",
    ),
    "holiday.year_end": (
        "den Feiertagen zum Jahreswechsel",
        "les fêtes de fin d'année",
        "las fiestas de fin de año",
    ),
    "how.counted_from": (
        "{how}, gezählt ab {anchor}",
        "{how}, à compter du {anchor}",
        "{how}, contando desde el {anchor}",
    ),
    # why a date was set aside
    "set_aside.email_header": ("ein E-Mail-Kopf", "un en-tête d'e-mail", "un encabezado de correo"),
    "set_aside.candidate_task": (
        "etwas, worum die Bewerberin oder der Bewerber gebeten wird",
        "une demande faite au candidat",
        "algo que se pide a la persona candidata",
    ),
    "set_aside.quoted": (
        "eine zitierte frühere Nachricht",
        "un message antérieur cité",
        "un mensaje anterior citado",
    ),
    "set_aside.absence": ("eine Abwesenheit", "une absence", "una ausencia"),
    "set_aside.start_date": (
        "ein Eintrittsdatum",
        "une date de prise de poste",
        "una fecha de incorporación",
    ),
    "set_aside.contract": (
        "eine Vertrags- oder Kündigungsfrist",
        "une durée de contrat ou de préavis",
        "una duración de contrato o de preaviso",
    ),
    "set_aside.work_pattern": (
        "ein Arbeitszeitmodell",
        "un rythme de travail",
        "un horario de trabajo",
    ),
    "set_aside.past_duration": ("eine vergangene Dauer", "une durée passée", "una duración pasada"),
    "set_aside.meeting": (
        "ein Gespräch oder Termin",
        "un entretien ou une réunion",
        "una entrevista o una reunión",
    ),
    "set_aside.application": ("die Bewerbung", "la candidature", "la candidatura"),
    "set_aside.pay": (
        "Gehalt oder Zusatzleistungen",
        "la rémunération ou les avantages",
        "el salario o los beneficios",
    ),
    "set_aside.other_length": (
        "die Dauer von etwas anderem",
        "la durée d'autre chose",
        "la duración de otra cosa",
    ),
    "set_aside.office_hours": ("Bürozeiten", "des horaires de bureau", "un horario de oficina"),
    "set_aside.past_date": (
        "ein bereits vergangenes Datum",
        "une date déjà passée",
        "una fecha ya pasada",
    ),
    "set_aside.interview_day": (
        "der Tag des Gesprächs",
        "le jour de l'entretien",
        "el día de la entrevista",
    ),
    "set_aside.earlier_date": (
        "ein früheres Datum als das späteste für die Entscheidung genannte",
        "une date antérieure à la plus tardive donnée pour la décision",
        "una fecha anterior a la más tardía indicada para la decisión",
    ),
    "set_aside.same_date": (
        "dasselbe Entscheidungsdatum noch einmal",
        "la même date de décision, répétée",
        "la misma fecha de decisión, repetida",
    ),
    # how a reply was read
    "reply.rejection": (
        "„{matched}“ als Absage gelesen: Das Verfahren ist beendet.",
        "« {matched} » compris comme un refus : le processus est terminé.",
        "«{matched}» interpretado como un rechazo: el proceso ha terminado.",
    ),
    "reply.offer": (
        "„{matched}“ als Angebot gelesen.",
        "« {matched} » compris comme une offre.",
        "«{matched}» interpretado como una oferta.",
    ),
    "reply.next_round": (
        "„{matched}“ als Einladung zu einer weiteren Runde gelesen.",
        "« {matched} » compris comme une invitation à une nouvelle étape.",
        "«{matched}» interpretado como una invitación a una nueva fase.",
    ),
    "reply.out_of_office": (
        "„{matched}“ als Abwesenheitsnotiz gelesen, {how}; sie ist keine Antwort.",
        "« {matched} » compris comme un message d'absence, {how} ; ce n'est pas une réponse.",
        "«{matched}» interpretado como un aviso de ausencia, {how}; no es una respuesta.",
    ),
    "reply.no_return_date": ("ohne Rückkehrdatum", "sans date de retour", "sin fecha de regreso"),
    "reply.back_on": ("zurück am {day}", "de retour le {day}", "de vuelta el {day}"),
    "reply.update_dated": (
        "Als Zwischenstand mit neuem Entscheidungsdatum gelesen: {reading}",
        "Compris comme un point d'étape avec une nouvelle date de décision : {reading}",
        "Interpretado como una actualización con una nueva fecha de decisión: {reading}",
    ),
    "reply.update": (
        "„{matched}“ als Zwischenstand ohne neues Datum gelesen; das Warten geht weiter.",
        "« {matched} » compris comme un point d'étape sans nouvelle date ; l'attente continue.",
        "«{matched}» interpretado como una actualización sin nueva fecha; la espera continúa.",
    ),
    "reply.unrecognized": (
        "Was die Antwort sagt, ließ sich nicht erkennen; sie gilt als Zwischenstand ohne neues "
        "Datum, das Warten geht also weiter.",
        "Impossible de dire ce que dit la réponse ; elle est prise comme un point d'étape sans "
        "nouvelle date, l'attente continue donc.",
        "No se ha podido saber qué dice la respuesta; se toma como una actualización sin nueva "
        "fecha, así que la espera continúa.",
    ),
    "reply.given": (
        "Angegeben als {outcome}.",
        "Indiqué comme {outcome}.",
        "Indicado como {outcome}.",
    ),
    "outcome.offer": ("Angebot", "offre", "oferta"),
    "outcome.rejection": ("Absage", "refus", "rechazo"),
    "outcome.next_round": ("weitere Runde", "nouvelle étape", "nueva fase"),
    "outcome.update": ("Zwischenstand", "point d'étape", "actualización"),
    "outcome.out_of_office": ("Abwesenheitsnotiz", "message d'absence", "aviso de ausencia"),
    # why the plan has its status
    "status.waiting": (
        "Warten auf eine Entscheidung.",
        "En attente d'une décision.",
        "A la espera de una decisión.",
    ),
    "status.moved_on": (
        "Keine Nachricht wurde beantwortet; es ist Zeit, {company} hinter sich zu lassen.",
        "Aucun message n'a reçu de réponse ; il est temps de tourner la page {company}.",
        "Ningún mensaje ha recibido respuesta; es hora de pasar página con {company}.",
    ),
    "status.withdrawn": (
        "Sie haben Ihre Bewerbung am {day} zurückgezogen.",
        "Vous avez retiré votre candidature le {day}.",
        "Retiró su candidatura el {day}.",
    ),
    "status.offer": (
        "{company} hat am {day} mit einem Angebot geantwortet.",
        "{company} a répondu le {day} par une offre.",
        "{company} respondió el {day} con una oferta.",
    ),
    "status.rejection": (
        "{company} hat am {day} mit einer Entscheidung geantwortet.",
        "{company} a répondu le {day} en donnant sa décision.",
        "{company} respondió el {day} con una decisión.",
    ),
    "status.next_round": (
        "{company} hat Sie am {day} zu einer weiteren Runde eingeladen; planen Sie dieses "
        "Gespräch für sich.",
        "Le {day}, {company} vous a proposé une nouvelle étape ; planifiez cet entretien à part.",
        "{company} le invitó el {day} a una nueva fase; planifique esa entrevista por separado.",
    ),
    # warnings
    "warning.timeline_unrecognized": (
        "Aus „{text}“ ließ sich kein Entscheidungsdatum lesen; der Plan wartet, als wäre kein "
        "Zeitrahmen genannt worden (R7).",
        "Aucune date de décision n'a pu être lue dans « {text} » ; le plan attend comme si "
        "aucun délai n'avait été donné (R7).",
        "No se ha podido leer ninguna fecha de decisión en «{text}»; el plan espera como si no "
        "se hubiera dado ningún plazo (R7).",
    ),
    "warning.deadline_in_past": (
        "Das Entscheidungsdatum, {deadline}, liegt vor dem {said_on}, an dem es genannt wurde.",
        "La date de décision, le {deadline}, précède le {said_on}, jour où elle a été donnée.",
        "La fecha de decisión, el {deadline}, es anterior al {said_on}, cuando se indicó.",
    ),
    "warning.deadline_not_business_day": (
        "Das Entscheidungsdatum, {deadline}, ist kein Werktag ({closure}); die Werktage werden "
        "ab diesem Tag gezählt.",
        "La date de décision, le {deadline}, n'est pas un jour ouvré ({closure}) ; les jours "
        "ouvrés sont comptés à partir de ce jour.",
        "La fecha de decisión, el {deadline}, no es un día hábil ({closure}); los días hábiles "
        "se cuentan a partir de ese día.",
    ),
    "closure.weekend": ("Wochenende", "week-end", "fin de semana"),
    "closure.extra": (
        "zusätzlicher Schließtag",
        "jour de fermeture supplémentaire",
        "día de cierre adicional",
    ),
    "warning.event_in_future": (
        "Ein Ereignis „{event}“ ist auf {day} datiert, nach dem Zeitpunkt des Plans ({now}); "
        "der Plan nimmt es als geschehen. Prüfen Sie Datum und Zeitzone.",
        "Un événement « {event} » est daté du {day}, après le moment du plan ({now}) ; le plan "
        "le considère comme survenu. Vérifiez sa date et son fuseau horaire.",
        "Un evento «{event}» tiene fecha del {day}, posterior al momento del plan ({now}); el "
        "plan lo da por ocurrido. Compruebe su fecha y su zona horaria.",
    ),
    "event.thank_you_sent": (
        "Dankschreiben gesendet",
        "remerciement envoyé",
        "agradecimiento enviado",
    ),
    "event.follow_up_sent": ("Nachfrage gesendet", "relance envoyée", "seguimiento enviado"),
    "event.call_made": ("Anruf getätigt", "appel passé", "llamada realizada"),
    "event.reply_received": ("Antwort erhalten", "réponse reçue", "respuesta recibida"),
    "event.withdrawn": ("Bewerbung zurückgezogen", "candidature retirée", "candidatura retirada"),
    "warning.reply_unrecognized": (
        "Was die Antwort vom {day} sagt, ließ sich nicht erkennen („{excerpt}“); der Plan nimmt "
        "sie als Zwischenstand ohne neues Datum. Erfassen Sie ihr Ergebnis, um sicherzugehen.",
        "Impossible de dire ce que dit la réponse du {day} (« {excerpt} ») ; le plan la prend "
        "comme un point d'étape sans nouvelle date. Indiquez son issue pour en être sûr.",
        "No se ha podido saber qué dice la respuesta del {day} («{excerpt}»); el plan la toma "
        "como una actualización sin nueva fecha. Registre su resultado para asegurarse.",
    ),
    "warning.out_of_office_no_return": (
        "{who} ist abwesend und hat kein Rückkehrdatum genannt; prüfen Sie, ob die Person "
        "zurück ist, bevor Sie schreiben.",
        "{who} n'est pas au bureau et n'a donné aucune date de retour ; vérifiez son retour "
        "avant de lui écrire.",
        "{who} está fuera de la oficina y no ha indicado fecha de regreso; compruebe que haya "
        "vuelto antes de escribirle.",
    ),
    "warning.thank_you_late": (
        "Das Dankschreiben an {who} war innerhalb von {hours} Stunden nach dem Gespräch "
        "fällig; senden Sie es trotzdem jetzt, es hilft noch (R1).",
        "Le message de remerciement à {who} était attendu dans les {hours} heures suivant "
        "l'entretien ; envoyez-le quand même maintenant, il reste utile (R1).",
        "El agradecimiento a {who} debía enviarse en las {hours} horas siguientes a la "
        "entrevista; envíelo ahora de todos modos, todavía ayuda (R1).",
    ),
    "warning.no_discussion_point": (
        "Nennen Sie einen konkreten Punkt aus Ihrem Gespräch mit {who}: ein Dankschreiben "
        "ohne ihn wirkt austauschbar (R1, R13).",
        "Ajoutez un point précis de votre échange avec {who} : sans lui, un message de "
        "remerciement paraît impersonnel (R1, R13).",
        "Añada un punto concreto de su conversación con {who}: sin él, un agradecimiento "
        "parece genérico (R1, R13).",
    ),
    "warning.phone_not_possible": (
        "{who} wünscht einen Anruf, aber {missing} fehlt; der Plan nutzt stattdessen E-Mail (R4).",
        "{who} a demandé un appel, mais {missing} manque ; le plan passe par l'e-mail (R4).",
        "{who} pidió una llamada, pero falta {missing}; el plan usa el correo electrónico en "
        "su lugar (R4).",
    ),
    "missing.their_number": ("die Nummer der Person", "son numéro", "su número"),
    "missing.own_number": (
        "Ihre eigene Nummer für die Sprachnachricht",
        "votre propre numéro pour le message vocal",
        "su propio número para el mensaje de voz",
    ),
    "warning.no_contact_address": (
        "Für {who} ist keine E-Mail-Adresse bekannt; ergänzen Sie sie vor dem Senden.",
        "Aucune adresse e-mail n'est connue pour {who} ; ajoutez-la avant l'envoi.",
        "No se conoce ninguna dirección de correo de {who}; añádala antes de enviar.",
    ),
    "warning.too_many_follow_ups": (
        "{count} Nachfragen wurden erfasst, wo der Plan Platz für {room} hat; weitere "
        "Nachrichten können mehr schaden als nützen (R9, R13).",
        "{count} relances ont été enregistrées là où le plan en prévoit {room} ; d'autres "
        "messages peuvent nuire plus qu'aider (R9, R13).",
        "Se registraron {count} mensajes de seguimiento donde el plan prevé {room}; más "
        "mensajes pueden perjudicar más que ayudar (R9, R13).",
    ),
    "warning.follow_up_too_soon": (
        "Die Nachfrage ging am {sent} hinaus, vor dem {due}, an dem sie fällig war; warten "
        "Sie bei der nächsten die volle Zeit ab (R13).",
        "La relance est partie le {sent}, avant le {due}, date à laquelle elle était prévue ; "
        "pour la suivante, attendez le délai complet (R13).",
        "El seguimiento se envió el {sent}, antes del {due}, cuando correspondía; para el "
        "siguiente, espere el plazo completo (R13).",
    ),
    "warning.follow_up_before_thank_you": (
        "Eine Nachfrage zum Stand ging vor dem Dankschreiben hinaus (R5).",
        "Une relance est partie avant le message de remerciement (R5).",
        "Se envió un seguimiento antes del agradecimiento (R5).",
    ),
    "warning.several_contacts_within_24h": (
        "Nachfragen gingen innerhalb von 24 Stunden an mehrere Personen (R13).",
        "Des relances sont parties vers plusieurs personnes en moins de 24 heures (R13).",
        "Se enviaron seguimientos a varias personas en menos de 24 horas (R13).",
    ),
    "warning.competing_deadline_passed": (
        "Das Datum des anderen Verfahrens, {day}, liegt nicht nach dem Gespräch; der Plan "
        "erwähnt es daher nicht.",
        "La date de l'autre processus, le {day}, n'est pas postérieure à l'entretien ; le plan "
        "ne la mentionne donc pas.",
        "La fecha del otro proceso, el {day}, no es posterior a la entrevista, así que el plan "
        "no la menciona.",
    ),
    "warning.competing_deadline_close": (
        "Das Datum des anderen Verfahrens, {day}, lässt keinen Werktag, um vorher nachzufragen; "
        "fragen Sie so bald wie möglich.",
        "La date de l'autre processus, le {day}, ne laisse aucun jour ouvré pour demander "
        "avant ; demandez dès que possible.",
        "La fecha del otro proceso, el {day}, no deja ningún día hábil para preguntar antes; "
        "pregunte lo antes posible.",
    ),
    "warning.escalation_not_possible": (
        "Die Eskalation ist eingeschaltet, aber diese Richtlinie sieht keine letzte Nachfrage "
        "vor: Zwei Nachrichten bleiben nie unbeantwortet, daher hat der Plan keinen Schritt an "
        "die einstellende Führungskraft (R10).",
        "L'escalade est activée, mais cette politique ne prévoit pas de dernière relance : deux "
        "messages ne restent jamais sans réponse, le plan n'a donc pas d'étape vers le "
        "responsable du recrutement (R10).",
        "La escalada está activada, pero esta política no envía un último seguimiento: nunca "
        "quedan dos mensajes sin respuesta, así que el plan no tiene ningún paso hacia la "
        "persona responsable de la contratación (R10).",
    ),
    # check findings: what to change in a draft
    "check.C-SALARY": (
        "Lassen Sie „{text}“ weg: Gehalt und Zusatzleistungen sind Thema, wenn ein Angebot "
        "vorliegt, nicht in einer Nachfrage (R13).",
        "Supprimez « {text} » : le salaire et les avantages se discutent une fois l'offre "
        "faite, pas dans une relance (R13).",
        "Quite «{text}»: el salario y los beneficios se tratan cuando hay una oferta, no en un "
        "seguimiento (R13).",
    ),
    "check.C-REPROACH": (
        "Streichen Sie „{text}“: Bleiben Sie positiv und erwähnen Sie nicht, dass man sich "
        "nicht gemeldet hat (R13).",
        "Supprimez « {text} » : gardez un ton positif et ne mentionnez pas qu'ils ne vous ont "
        "pas recontacté (R13).",
        "Elimine «{text}»: mantenga un tono positivo y no mencione que no se han puesto en "
        "contacto con usted (R13).",
    ),
    "check.C-DEMANDING": (
        "Formulieren Sie „{text}“ um: Fragen Sie höflich und überlassen Sie den Zeitpunkt "
        "Ihrem Gegenüber; fordernde Worte schaden (R13).",
        "Reformulez « {text} » : demandez poliment et laissez-leur le choix du moment ; un ton "
        "exigeant dessert (R13).",
        "Reformule «{text}»: pregunte con cortesía y deje que decidan los plazos; un tono "
        "exigente perjudica (R13).",
    ),
    "check.C-DESPERATE": (
        "Formulieren Sie „{text}“ um: Selbstbewusstes Interesse wirkt besser als Bedürftigkeit "
        "(R13).",
        "Reformulez « {text} » : un intérêt confiant fait meilleure impression que le besoin "
        "(R13).",
        "Reformule «{text}»: un interés seguro causa mejor impresión que la necesidad (R13).",
    ),
    "check.C-CASUAL": (
        "Ersetzen Sie „{text}“: Bleiben Sie professionell; lockere Wörter und Emojis wirken "
        "nachlässig (R13).",
        "Remplacez « {text} » : gardez un ton professionnel ; les mots familiers et les émojis "
        "paraissent négligés (R13).",
        "Sustituya «{text}»: mantenga un tono profesional; las palabras coloquiales y los "
        "emojis parecen descuidados (R13).",
    ),
    "check.C-TIMELINE-QUESTION": (
        "Lassen Sie „{text}“ weg: Ein Dankschreiben drückt Dank aus und fragt nicht nach dem "
        "Zeitplan der Besetzung (R1).",
        "Supprimez « {text} » : un message de remerciement exprime de la gratitude et ne "
        "demande pas le calendrier du recrutement (R1).",
        "Quite «{text}»: un agradecimiento expresa gratitud y no pregunta por los plazos de la "
        "contratación (R1).",
    ),
    "check.C-WORD-BUDGET": (
        "Kürzen Sie die Nachricht ({label}) auf höchstens {budget} Wörter (sie hat {words}): "
        "Kurze Nachrichten werden gelesen ({rules}).",
        "Réduisez le message ({label}) à {budget} mots au plus (il en compte {words}) : les "
        "messages brefs sont lus ({rules}).",
        "Reduzca el mensaje ({label}) a {budget} palabras como máximo (tiene {words}): los "
        "mensajes breves se leen ({rules}).",
    ),
    "label.thank_you": ("Dankschreiben", "remerciement", "agradecimiento"),
    "label.follow_up": ("Nachfrage", "relance", "seguimiento"),
    "label.final_follow_up": ("letzte Nachfrage", "dernière relance", "último seguimiento"),
    "label.escalation": (
        "Nachricht an die einstellende Führungskraft",
        "message au responsable du recrutement",
        "mensaje a la persona responsable de la contratación",
    ),
    "label.move_on": (
        "Nachricht nach der letzten",
        "message après le dernier",
        "mensaje tras el último",
    ),
    "label.voicemail": ("Sprachnachricht", "message vocal", "mensaje de voz"),
    "label.step_before": ("vorheriger Schritt", "étape précédente", "paso anterior"),
    "check.C-NOTHING-TO-SEND": (
        "Senden Sie das nicht: Melden Sie sich nach der letzten Nachricht zu dieser Stelle "
        "nicht mehr und stecken Sie die Energie in andere Bewerbungen (R11).",
        "N'envoyez pas ce message : après le dernier message, ne recontactez plus l'entreprise "
        "pour ce poste et consacrez votre énergie à d'autres candidatures (R11).",
        "No envíe esto: tras el último mensaje, no vuelva a contactar por este puesto y "
        "dedique su energía a otras candidaturas (R11).",
    ),
    "check.C-SUBJECT-MISSING": (
        "Geben Sie einen klaren Betreff an oder antworten Sie im E-Mail-Verlauf des Gesprächs "
        "(R8).",
        "Ajoutez un objet clair, ou répondez dans le fil de l'entretien (R8).",
        "Añada un asunto claro, o responda en el hilo de la entrevista (R8).",
    ),
    "check.C-SUBJECT-MISSING.example": (
        "Geben Sie einen klaren Betreff an, etwa „Nachfrage zum Vorstellungsgespräch – "
        "{title}“, oder antworten Sie im E-Mail-Verlauf des Gesprächs (R8).",
        "Ajoutez un objet clair, par exemple « Suite à notre entretien – {title} », ou "
        "répondez dans le fil de l'entretien (R8).",
        "Añada un asunto claro, por ejemplo «Seguimiento de la entrevista – {title}», o "
        "responda en el hilo de la entrevista (R8).",
    ),
    "check.C-SUBJECT-LONG": (
        "Kürzen Sie den Betreff auf höchstens {most} Zeichen (er hat {length}): "
        "E-Mail-Programme schneiden lange Betreffzeilen ab (R8).",
        "Raccourcissez l'objet à {most} caractères au plus (il en compte {length}) : les "
        "messageries coupent les objets longs (R8).",
        "Acorte el asunto a {most} caracteres como máximo (tiene {length}): los programas de "
        "correo cortan los asuntos largos (R8).",
    ),
    "check.C-GENERIC-GREETING": (
        "Sprechen Sie die Person mit Namen an statt mit „{greeting}“: Eine persönliche "
        "Nachricht hinterlässt Eindruck, eine allgemeine nicht (R1, R13).",
        "Adressez-vous à la personne par son nom plutôt que par « {greeting} » : un message "
        "personnel marque les esprits, un message générique non (R1, R13).",
        "Diríjase a la persona por su nombre en lugar de «{greeting}»: un mensaje personal "
        "deja huella y uno genérico no (R1, R13).",
    ),
    "check.C-NO-NAME.expected": (
        "Sprechen Sie {who} mit Namen an: Eine persönliche Nachricht hinterlässt Eindruck "
        "(R1, R13).",
        "Adressez-vous à {who} par son nom : un message personnel marque les esprits (R1, R13).",
        "Diríjase a {who} por su nombre: un mensaje personal deja huella (R1, R13).",
    ),
    "check.C-NO-NAME": (
        "Beginnen Sie mit dem Namen der Person („Guten Tag Frau Díaz,“): Eine persönliche "
        "Nachricht hinterlässt Eindruck (R1, R13).",
        "Commencez par le nom de la personne (« Madame Díaz, ») : un message personnel marque "
        "les esprits (R1, R13).",
        "Empiece con el nombre de la persona («Estimada Sra. Díaz:»): un mensaje personal "
        "deja huella (R1, R13).",
    ),
    "check.C-NO-JOB-TITLE": (
        "Nennen Sie die Stelle, {title}, damit man Sie sofort zuordnen kann (R8).",
        "Nommez le poste, {title}, pour qu'on vous situe tout de suite (R8).",
        "Mencione el puesto, {title}, para que le sitúen enseguida (R8).",
    ),
    "check.C-NO-SPECIFIC-POINT": (
        "Nennen Sie einen konkreten Punkt aus Ihrem Gespräch („Besonders gefallen hat mir "
        "unser Austausch über …“): Das zeigt Ihr Engagement (R1).",
        "Mentionnez un point précis de votre échange (« J'ai particulièrement apprécié notre "
        "discussion sur … ») : cela montre votre implication (R1).",
        "Mencione un punto concreto de la conversación («Me gustó especialmente nuestra "
        "conversación sobre…»): demuestra su implicación (R1).",
    ),
    "check.C-NO-INTERVIEW-DATE": (
        "Nennen Sie den Tag des Gesprächs ({day}), damit man Sie zuordnen kann (R8).",
        "Mentionnez le jour de l'entretien ({day}) pour qu'on vous situe (R8).",
        "Mencione el día de la entrevista ({day}) para que le sitúen (R8).",
    ),
    "check.C-SIGNATURE.name": (
        "Unterschreiben Sie mit Ihrem vollen Namen, {name}, und Ihren Kontaktdaten (R8).",
        "Signez de votre nom complet, {name}, avec vos coordonnées (R8).",
        "Firme con su nombre completo, {name}, y sus datos de contacto (R8).",
    ),
    "check.C-SIGNATURE.closing": (
        "Schließen Sie mit einer Grußformel wie „Mit freundlichen Grüßen“ und Ihrem vollen "
        "Namen (R8).",
        "Terminez par une formule comme « Bien cordialement, » et votre nom complet (R8).",
        "Termine con una despedida como «Atentamente,» y su nombre completo (R8).",
    ),
    "check.C-SIGNATURE.first_name": (
        "Unterschreiben Sie unter der Grußformel mit vollem Namen, nicht nur mit dem Vornamen "
        "(R8).",
        "Signez sous la formule de politesse de votre nom complet, pas seulement de votre "
        "prénom (R8).",
        "Firme bajo la despedida con su nombre completo, no solo con el nombre de pila (R8).",
    ),
    "check.C-SIGNATURE.add": (
        "Setzen Sie Ihren vollen Namen unter die Grußformel (R8).",
        "Ajoutez votre nom complet sous la formule de politesse (R8).",
        "Añada su nombre completo bajo la despedida (R8).",
    ),
    "check.C-VOICEMAIL-NAME": (
        "Sagen Sie, wer anruft: Ihren vollen Namen, {name} (R4).",
        "Dites qui appelle : votre nom complet, {name} (R4).",
        "Diga quién llama: su nombre completo, {name} (R4).",
    ),
    "check.C-VOICEMAIL-NUMBER": (
        "Hinterlassen Sie Ihre Telefonnummer und nennen Sie sie zweimal, langsam (R4).",
        "Laissez votre numéro de téléphone, et dites-le deux fois, lentement (R4).",
        "Deje su número de teléfono y dígalo dos veces, despacio (R4).",
    ),
    "check.C-VOICEMAIL-NUMBER.once": (
        "Nennen Sie Ihre Nummer zweimal: „{number}“ kommt nur einmal vor (R4).",
        "Dites votre numéro deux fois : « {number} » n'apparaît qu'une fois (R4).",
        "Diga su número dos veces: «{number}» aparece solo una vez (R4).",
    ),
    "check.C-REPEATED-WORD": (
        "Streichen Sie das doppelte „{word}“ (R13).",
        "Supprimez le « {word} » répété (R13).",
        "Elimine el «{word}» repetido (R13).",
    ),
    "check.C-CLAUSE-AS-NOUN": (
        "Formulieren Sie „{text}“ um: Wo ein Substantiv hingehört, steht ein ganzer Satz, so "
        "liest es sich nicht; machen Sie einen eigenen Satz oder eine Nominalgruppe daraus "
        "(R13).",
        "Reformulez « {text} » : une proposition se trouve là où il faut un nom, ce qui ne se "
        "lit pas ; faites-en une phrase à part entière, ou un groupe nominal (R13).",
        "Reformule «{text}»: hay una oración donde debería ir un sustantivo, y no se entiende; "
        "conviértala en una oración independiente o en un sintagma nominal (R13).",
    ),
    "check.C-ARTICLE": (
        "Schreiben Sie „{wanted}“, nicht „{given}“ (R13).",
        "Écrivez « {wanted} », et non « {given} » (R13).",
        "Escriba «{wanted}», no «{given}» (R13).",
    ),
    "check.C-REPEATED-OPENING": (
        "Variieren Sie den Satzanfang: Dieser Satz beginnt wie der vorige („{opening} …“), "
        "das wirkt wie ein Serienbrief (R2, R13).",
        "Variez le début : cette phrase commence comme la précédente (« {opening} … »), ce qui "
        "fait lettre type (R2, R13).",
        "Varíe el comienzo: esta oración empieza como la anterior («{opening}…»), lo que "
        "parece una carta modelo (R2, R13).",
    ),
    "check.C-FULL-NAME-GREETING": (
        "Grüßen Sie, wie man es tut: mit dem Vornamen („Hi {first},“) oder in einem förmlichen "
        "Brief mit Anrede und Nachnamen; der volle Name wirkt wie ein Serienbrief (R1).",
        "Saluez comme on le fait : par le prénom (« Hi {first}, ») ou, dans une lettre "
        "formelle, par la civilité et le nom ; le nom complet fait publipostage (R1).",
        "Salude como se hace: por el nombre de pila («Hi {first},») o, en una carta formal, "
        "con el tratamiento y el apellido; el nombre completo parece un envío masivo (R1).",
    ),
    "check.C-SPELLING": (
        "Prüfen Sie die Schreibung von „{word}“: Das Wort steht nicht im Wörterbuch (R13).",
        "Vérifiez l'orthographe de « {word} » : ce mot n'est pas dans le dictionnaire (R13).",
        "Revise la ortografía de «{word}»: no está en el diccionario (R13).",
    ),
    "check.C-SPELLING.suggestion": (
        "Prüfen Sie die Schreibung von „{word}“: Meinten Sie „{suggestion}“? (R13)",
        "Vérifiez l'orthographe de « {word} » : vouliez-vous dire « {suggestion} » ? (R13)",
        "Revise la ortografía de «{word}»: ¿quería decir «{suggestion}»? (R13)",
    ),
    # check findings: when a draft would go out, read against the plan
    "moment": (
        "{day} um {time} Uhr ({offset})",
        "{day} à {time} ({offset})",
        "{day} a las {time} ({offset})",
    ),
    "check.C-ONE-TOO-MANY": (
        "Das wäre eine Nachricht zu viel: {why}; hören Sie hier auf und stecken Sie die "
        "Energie in andere Bewerbungen (R9, R11, R13).",
        "Ce serait un message de trop : {why} ; arrêtez-vous là et consacrez votre énergie à "
        "d'autres candidatures (R9, R11, R13).",
        "Sería un mensaje de más: {why}; deténgase aquí y dedique su energía a otras "
        "candidaturas (R9, R11, R13).",
    ),
    "none_left.sent": (
        "Die Nachricht ({label}) ging bereits am {day} hinaus",
        "le message ({label}) est déjà parti le {day}",
        "el mensaje ({label}) ya se envió el {day}",
    ),
    "none_left.no_escalation": (
        "Der Plan sieht keine Nachricht an die einstellende Führungskraft vor (dafür braucht "
        "es eine Recruiterin oder einen Recruiter als Hauptkontakt, zwei unbeantwortete "
        "Nachrichten und die Adresse der Führungskraft, R10)",
        "le plan ne prévoit pas de message au responsable du recrutement (il faut pour cela un "
        "recruteur comme contact principal, deux messages sans réponse et l'adresse du "
        "responsable, R10)",
        "el plan no prevé ningún mensaje a la persona responsable de la contratación (hace "
        "falta una persona de selección como contacto principal, dos mensajes sin respuesta y "
        "la dirección de la persona responsable, R10)",
    ),
    "none_left.not_in_policy": (
        "Der Plan (Richtlinie {policy}) sieht diese Nachricht nicht vor ({label})",
        "le plan (politique {policy}) ne prévoit pas ce message ({label})",
        "el plan (política {policy}) no prevé este mensaje ({label})",
    ),
    "none_left.moved_on": (
        "Keine Nachricht wurde beantwortet, und der Plan ist abgeschlossen",
        "aucun message n'a reçu de réponse et le plan a tourné la page",
        "ningún mensaje ha recibido respuesta y el plan ha pasado página",
    ),
    "none_left.skipped": (
        "Die Nachricht ({label}) wurde übersprungen: Ihr Zeitfenster ist vorbei, oder eine "
        "spätere Antwort hat sie ersetzt",
        "le message ({label}) a été sauté : son créneau est passé ou une réponse ultérieure "
        "l'a remplacé",
        "el mensaje ({label}) se omitió: su plazo pasó o una respuesta posterior lo sustituyó",
    ),
    "check.C-PLAN-CLOSED": (
        "Der Plan ist abgeschlossen: {reason} Antworten Sie auf die Nachricht, statt eine "
        "weitere zu senden ({label}) (R11).",
        "Le plan est clos : {reason} Répondez à leur message plutôt que d'envoyer ce message "
        "({label}) (R11).",
        "El plan está cerrado: {reason} Responda a su mensaje en lugar de enviar este "
        "({label}) (R11).",
    ),
    "check.C-OUT-OF-ORDER": (
        "Senden und erfassen Sie zuerst die vorherige Nachricht ({first}): Diese ({label}) "
        "wartet darauf. {rationale}",
        "Envoyez et enregistrez d'abord le message précédent ({first}) : celui-ci ({label}) en "
        "dépend. {rationale}",
        "Envíe y registre primero el mensaje anterior ({first}): este ({label}) depende de "
        "él. {rationale}",
    ),
    "check.C-TOO-SOON": (
        "Zu früh: Die Nachricht ({label}) an {to} ist ab {moment} fällig. {rationale}",
        "Trop tôt : le message ({label}) à {to} est prévu à partir du {moment}. {rationale}",
        "Demasiado pronto: el mensaje ({label}) a {to} corresponde a partir del {moment}. "
        "{rationale}",
    ),
    "check.C-LATE": (
        "Das Dankschreiben war bis {moment} fällig; senden Sie es trotzdem jetzt, es hilft "
        "noch (R1).",
        "Le message de remerciement était attendu pour le {moment} ; envoyez-le quand même "
        "maintenant, il reste utile (R1).",
        "El agradecimiento debía enviarse antes del {moment}; envíelo ahora de todos modos, "
        "todavía ayuda (R1).",
    ),
}

#: The explanation by key, a table per language.
TEMPLATES: dict[str, dict[str, str]] = {
    code: {key: said[index] for key, said in _WORDS.items()}
    for index, code in enumerate(("de", "fr", "es"))
}
