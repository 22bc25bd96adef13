"""Each language's own wording for the checks: what not to say, and what a letter's parts
look like (greeting, closing, a specific point, a relative day).

English's rows and patterns are in ``phrases`` and ``content``; this module holds German,
French and Spanish, row for row the same checks with the same ids, severities and rules, so a
finding means the same thing in every language. The phrases are those the career guides of
each language warn against in a follow-up (German: "Gehaltsvorstellung", "Funkstille",
"umgehend"; French: "prétentions salariales", "sans réponse de votre part", "au plus vite";
Spanish: "banda salarial", "sigo esperando", "lo antes posible"), each next to the English
row it mirrors; the rules and seed articles behind each check are the English row's.

Patterns are matched case-insensitively against the text as written (the English rows lower
ASCII capitals only, which would leave "Gehalt" and "Über" alone).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.domain.model import StepKind
from app.messages.checks.model import Check, Severity
from app.messages.checks.phrases import ROWS, PhraseRow

_SALARY = Check("C-SALARY", Severity.ERROR, ("R13",), (0,))
_REPROACH = Check("C-REPROACH", Severity.ERROR, ("R13",), (2,))
_DEMANDING = Check("C-DEMANDING", Severity.WARNING, ("R13",), (0,))
_DESPERATE = Check("C-DESPERATE", Severity.WARNING, ("R13",), (0, 4))
_CASUAL = Check("C-CASUAL", Severity.WARNING, ("R13",), (0,))
_TIMELINE = Check("C-TIMELINE-QUESTION", Severity.WARNING, ("R1",), (0,))
_THANK_YOU = frozenset({StepKind.THANK_YOU})
#: What to change, as the English row says it: a finding's message is explanation for the
#: user, in the language of the explanation, whatever the language of the draft.
_MESSAGES = {row.check.id: row.message for row in ROWS}


def _row(
    check: Check, patterns: tuple[str, ...], kinds: frozenset[StepKind] | None = None
) -> PhraseRow:
    return PhraseRow(check, _MESSAGES[check.id], patterns, kinds)


#: Emoji, repeated marks and smileys read careless in any language.
_MARKS = (
    r"[!?]{2,}",
    r"(?<![\w)])[:;=]-?[)(dp](?!\w)",
    r"<3",
    "[\U0001f300-\U0001faff\U0001f000-\U0001f2ff\u2600-\u27bf\u2b50\u2b55]+",
)


@dataclass(frozen=True, slots=True)
class Wording:
    """A language's phrase rows and the shapes of a letter's parts.

    Attributes:
        greeting: a salutation at a line's start, with the name in group ``name``.
        generic_names: words after a salutation that name nobody ("Damen", "équipe").
        closing: a closing line ("Mit freundlichen Grüßen", "Bien cordialement,").
        specific: wording that points at something said in the interview.
        relative_day: a day said relative to now ("gestern", "la semaine dernière").
        chat_words: chat abbreviations the casual row reports, so spelling leaves them.
    """

    rows: tuple[PhraseRow, ...]
    greeting: re.Pattern[str]
    generic_names: frozenset[str]
    closing: re.Pattern[str]
    specific: re.Pattern[str]
    relative_day: re.Pattern[str]
    chat_words: tuple[str, ...] = ()


_DE_CHAT = tuple("lol omg thx lg vg mfg hdl btw digga".split())
_FR_CHAT = tuple("mdr ptdr lol stp slt bjr jsp tkt bcp pk pcq cc bisous bises".split())
_ES_CHAT = tuple("jaja jajaja jeje xd porfa xq pq tb tmb besos besitos".split())

GERMAN = Wording(
    rows=(
        _row(
            _SALARY,
            (
                r"\bgehalt(?:s|es)?\b",
                r"\bgehalts\w+",
                r"\b\w+gehalt(?:s|es)?\b",
                r"\bvergütung\w*",
                r"\bbezahlung\b",
                r"\b(?:lohn|löhne|stundenlohn)\b",
                r"\burlaubs(?:tage?n?|anspruch)\b",
                r"\b(?:dienst|firmen)wagen\b",
                r"\b(?:sozial|zusatz)leistungen\b",
                r"\bbenefits\b",
                r"\b(?:bonus|boni|bonuszahlung\w*)\b",
                r"\b(?:aktienoptionen|mitarbeiterbeteiligung)\b",
                r"\bbetriebliche altersvorsorge\b",
                r"\bwie viel (?:verdient|zahlt|bezahlt)",
            ),
        ),
        _row(
            _REPROACH,
            (
                r"\b(?:sie|man|niemand) (?:hat|haben) (?:sich )?(?:bei mir )?(?:nie|noch nicht|"
                r"nicht|noch immer nicht) (?:bei mir )?(?:gemeldet|geantwortet|zurückgerufen)",
                r"\b(?:haben|hat) (?:sie|man|niemand) (?:sich )?(?:bei mir )?(?:nie|noch nicht|"
                r"nicht|noch immer nicht) (?:bei mir )?(?:gemeldet|geantwortet|zurückgerufen)",
                r"\bnoch (?:immer )?(?:keine|nichts) (?:antwort|rückmeldung|nachricht|reaktion)",
                r"\bwarte (?:immer )?noch\b",
                r"\btrotz (?:mehrerer|meiner|wiederholter|zahlreicher) (?:e-?mails|nachrichten|"
                r"anrufe|anfragen)",
                r"\bignorier(?:en|t) (?:sie )?(?:mich|meine)",
                r"\bfunkstille\b",
                r"\b(?:nichts|nie etwas) (?:mehr )?von ihnen gehört",
                r"\bkeine (?:antwort|reaktion|rückmeldung) auf meine",
                r"\bim regen stehen (?:lassen|gelassen)",
            ),
        ),
        _row(
            _DEMANDING,
            (
                r"\basap\b",
                r"\bso (?:schnell|bald) wie möglich\b",
                r"\b(?:umgehend|unverzüglich|sofort)\b",
                r"\bdringend\w*",
                r"\bich (?:erwarte|verlange|fordere|brauche) (?:eine |ihre |bis \w+ eine )?"
                r"(?:antwort|rückmeldung|entscheidung)",
                r"\bsie müssen (?:mir )?(?:antworten|sich melden|entscheiden|bescheid geben)",
                r"\bwarum (?:haben|hat) (?:sie|man) (?:sich )?(?:nicht|noch nicht)",
                r"\bohne (?:weitere )?verzögerung\b",
            ),
        ),
        _row(
            _DESPERATE,
            (
                r"\bich brauche (?:diesen|den|einen|diese|die|eine) "
                r"(?:job|stelle|arbeit|position)\b",
                r"\bverzweifelt\b",
                r"\bich (?:flehe|bitte sie inständig|bettle)\b",
                r"\bbitte,? bitte\b",
                r"\bgeben sie mir (?:doch )?(?:bitte )?eine chance\b",
                r"\bmeine (?:letzte|einzige) (?:hoffnung|chance)\b",
                r"\bich (?:würde|mache|tue) alles\b",
                r"\birgendeine (?:stelle|position)\b",
            ),
        ),
        _row(
            _CASUAL,
            (
                r"\b(?:hey|heyho|yo|hi)\b",
                rf"\b(?:{'|'.join(_DE_CHAT)}|krass|geil|tschüss|tschö|ciao)\b",
                *_MARKS,
            ),
        ),
        _row(
            _TIMELINE,
            (
                r"\bwann (?:kann|darf|werde|könnte) ich (?:mit )?(?:einer |ihrer )?"
                r"(?:rückmeldung|antwort|entscheidung|nachricht)",
                r"\bwann (?:fällt|fallen|treffen sie|wird) (?:die |eine )?entscheidung",
                r"\b(?:zeitplan|zeitrahmen|zeithorizont)\w*",
                r"\bwie (?:geht es|es) (?:jetzt |nun )?weiter\b",
                r"\b(?:die )?nächsten schritte\b",
                r"\bwie lange (?:dauert|wird)",
                r"\bstand (?:meiner|der) bewerbung\b",
            ),
            _THANK_YOU,
        ),
    ),
    greeting=re.compile(
        r"(?:sehr geehrte[rs]?|liebe[rs]?|hallo|guten (?:tag|morgen|abend)|moin|servus|"
        r"grüß gott|hi|hey)\b[ \t,]*(?:(?:herr|frau|dr|prof)\.?[ \t]+)*"
        r"(?P<name>[^\W\d_][\w'’.-]*)?",
        re.IGNORECASE,
    ),
    generic_names=frozenset(
        "damen herren team bewerbungsteam personalabteilung recruiting recruitingteam "
        "personalteam alle zusammen ansprechpartner ansprechpartnerin".split()
    ),
    closing=re.compile(
        r"(?:mit (?:freundlichen|besten|herzlichen) grüßen|(?:freundliche|viele|beste|"
        r"herzliche|liebe) grüße|lg|vg|mfg|(?:vielen )?dank)[ \t]*[,.!]?[ \t]*",
        re.IGNORECASE,
    ),
    specific=re.compile(
        r"\b(?:besonders|insbesondere|vor allem)\b|\b(?:gespräch|austausch|unterhaltung) "
        r"(?:über|zu|zum|zur)\b|\bsie (?:erwähnten|erzählten|beschrieben|haben (?:erwähnt|"
        r"erzählt|beschrieben))",
        re.IGNORECASE,
    ),
    relative_day=re.compile(
        r"\b(?:gestern|heute|heute morgen|letzte woche|anfang der woche|letzten (?:montag|"
        r"dienstag|mittwoch|donnerstag|freitag|samstag|sonntag))\b",
        re.IGNORECASE,
    ),
    chat_words=_DE_CHAT,
)

FRENCH = Wording(
    rows=(
        _row(
            _SALARY,
            (
                r"\bsalaires?\b",
                r"\bsalarial(?:e|es|aux)?\b",
                r"\brémunération\w*",
                r"\bprétentions\b",
                r"\bavantages (?:sociaux|en nature)\b",
                r"\b(?:primes?|bonus|intéressement)\b",
                r"\btickets?[ -](?:restaurant|resto)\b",
                r"\bmutuelle\b",
                r"\bjours de (?:congés?|rtt)\b",
                r"\brtt\b",
                r"\bcongés payés\b",
                r"\bvoiture de fonction\b",
                r"\bstock-?options\b|\bactions gratuites\b",
                r"\bcombien (?:paie|payez|est payé)",
            ),
        ),
        _row(
            _REPROACH,
            (
                r"\b(?:vous|personne) ne m['’](?:a|avez)(?: jamais| toujours pas| pas) "
                r"(?:répondu|recontacté|rappelé|donné (?:de )?nouvelles)",
                r"\bvous n['’]avez (?:jamais|toujours pas|pas) (?:répondu|donné suite|rappelé)",
                r"\bje n['’]ai (?:toujours )?(?:pas|jamais|aucune?) (?:eu |reçu )?(?:de |d['’])?"
                r"(?:réponse|nouvelles|retour)",
                r"\btoujours (?:sans|pas de) (?:réponse|nouvelles|retour)",
                r"\bmalgré (?:mes|plusieurs|de nombreux|de nombreuses) (?:e-?mails|messages|"
                r"appels|relances)",
                r"\bvous m['’]ignorez\b|\bignoré\w* mes\b",
                r"\bsilence radio\b",
                r"\bsans (?:aucune )?(?:réponse|nouvelles) de votre part\b",
            ),
        ),
        _row(
            _DEMANDING,
            (
                r"\basap\b",
                r"\bau plus vite\b",
                r"\bdès que possible\b",
                r"\bimmédiatement\b",
                r"\burgen(?:t|te|ce)\w*",
                r"\bsans (?:plus )?tarder\b|\bsans délai\b",
                r"\bj['’](?:exige|attends|ai besoin d['’]) (?:une|votre) (?:réponse|décision)",
                r"\bvous devez (?:me )?(?:répondre|rappeler|décider|donner)",
                r"\bpourquoi (?:n['’]avez|ne m['’]avez)-vous",
            ),
        ),
        _row(
            _DESPERATE,
            (
                r"\bj['’]ai (?:vraiment |absolument )?besoin (?:de ce|d['’]un|de cet) "
                r"(?:poste|emploi|travail|job)\b",
                r"\bdésespér\w*",
                r"\bje vous (?:en )?supplie\b",
                r"\bs['’]il vous plaît,? s['’]il vous plaît\b",
                r"\bdonnez-moi (?:une|ma) chance\b",
                r"\bmon (?:dernier|seul) espoir\b",
                r"\bje suis prête? à (?:tout|accepter n['’]importe)",
                r"\bn['’]importe quel (?:poste|emploi)\b",
            ),
        ),
        _row(
            _CASUAL,
            (
                r"\b(?:salut|coucou|hello|yo|wesh)\b",
                rf"\b(?:{'|'.join(_FR_CHAT)}|trop cool|super cool)\b",
                *_MARKS,
            ),
        ),
        _row(
            _TIMELINE,
            (
                r"\bquand (?:pourrai-je|puis-je|vais-je|allez-vous|pensez-vous) (?:avoir|"
                r"recevoir|espérer|prendre|rendre|me donner|connaître)",
                r"\b(?:calendrier|délais?) (?:de|du) (?:recrutement|processus|décision)",
                r"\b(?:les )?prochaines étapes\b",
                r"\bcombien de temps (?:prendra|va prendre|faudra)",
                r"\boù en est (?:ma candidature|le processus)",
                r"\bquand (?:aurai-je|aurez-vous) (?:une|votre) (?:réponse|décision)",
            ),
            _THANK_YOU,
        ),
    ),
    greeting=re.compile(
        r"(?:madame|monsieur|bonjour|bonsoir|cher|chère|salut|coucou|hello)\b[ \t,]*"
        r"(?:(?:madame|monsieur|mme|mlle|m|dr)\.?[ \t]+)*(?P<name>[^\W\d_][\w'’.-]*)?",
        re.IGNORECASE,
    ),
    generic_names=frozenset(
        "madame monsieur madame/monsieur mesdames messieurs équipe service recrutement "
        "tous toutes".split()
    ),
    closing=re.compile(
        r"(?:bien cordialement|cordialement|bien à vous|sincères salutations|meilleures "
        r"salutations|salutations distinguées|(?:un grand )?merci(?: encore)?|à bientôt|"
        r"belle journée|bonne journée)[ \t]*[,.!]?[ \t]*",
        re.IGNORECASE,
    ),
    specific=re.compile(
        r"\b(?:particulièrement|notamment|surtout|en particulier)\b|\b(?:échange|"
        r"conversation|discussion|entretien) (?:sur|au sujet|concernant)\b|\bvous (?:avez "
        r"(?:mentionné|évoqué|décrit|présenté|expliqué))",
        re.IGNORECASE,
    ),
    relative_day=re.compile(
        r"\b(?:hier|aujourd['’]hui|ce matin|la semaine dernière|en début de semaine|"
        r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche) dernier)\b",
        re.IGNORECASE,
    ),
    chat_words=_FR_CHAT,
)

SPANISH = Wording(
    rows=(
        _row(
            _SALARY,
            (
                r"\bsalari(?:o|os|al|ales)\b",
                r"\bsueldos?\b",
                r"\bremuneraci\w+",
                r"\bretribuci\w+",
                r"\b(?:banda|rango|paquete) (?:salarial|retributivo|de beneficios)\b",
                r"\bbeneficios sociales\b",
                r"\b(?:bonus|bonificaci\w+|incentivos?)\b",
                r"\bdías de (?:vacaciones|libre disposición)\b",
                r"\bvacaciones\b",
                r"\bseguro (?:médico|de salud)\b",
                r"\bstock options\b|\bacciones de la empresa\b",
                r"\bcoche de empresa\b",
                r"\bcuánto (?:pagan|se paga|cobra)",
            ),
        ),
        _row(
            _REPROACH,
            (
                r"\b(?:nunca|todavía no|aún no|no) (?:me )?(?:han|ha) (?:respondido|contestado|"
                r"llamado|escrito|dicho nada|vuelto a llamar)",
                r"\bsigo (?:esperando|sin (?:recibir )?(?:respuesta|noticias))\b",
                r"\ba pesar de (?:mis|varios|varias|reiterados|reiteradas) (?:correos|mensajes|"
                r"llamadas|intentos)",
                r"\bme (?:han|ha) ignorado\b|\bignoraron mis\b",
                r"\bsilencio (?:absoluto|total)\b",
                r"\bno he (?:recibido|tenido) (?:ninguna |ni una )?(?:respuesta|noticia)",
            ),
        ),
        _row(
            _DEMANDING,
            (
                r"\basap\b",
                r"\blo antes posible\b|\bcuanto antes\b",
                r"\binmediatamente\b|\bde inmediato\b",
                r"\burgen(?:te|cia)\w*",
                r"\bsin (?:más )?demora\b",
                r"\b(?:exijo|necesito|espero) (?:una|su) (?:respuesta|decisión)",
                r"\btiene(?:n)? que (?:responderme|contestarme|decidir|llamarme)",
                r"\bpor qué no (?:me )?(?:han|ha) (?:respondido|contestado)",
            ),
        ),
        _row(
            _DESPERATE,
            (
                r"\bnecesito (?:este|el|un) (?:trabajo|puesto|empleo)\b",
                r"\bdesesperad\w*",
                r"\b(?:le|se lo) (?:ruego|suplico)\b",
                r"\bpor favor,? por favor\b",
                r"\bdeme una oportunidad\b",
                r"\bmi (?:última|única) (?:esperanza|oportunidad)\b",
                r"\bharía cualquier cosa\b",
                r"\bcualquier (?:puesto|trabajo|empleo)\b",
            ),
        ),
        _row(
            _CASUAL,
            (
                r"\b(?:hey|holi|holis|qué tal|que tal|chao)\b",
                r"(?m:^[ \t]*buenas\b(?! (?:tardes|noches)))",
                rf"\b(?:{'|'.join(_ES_CHAT)}|guay|mola)\b",
                *_MARKS,
            ),
        ),
        _row(
            _TIMELINE,
            (
                r"\bcuándo (?:podré|podría|puedo|voy a) (?:saber|tener|recibir|esperar)",
                r"\bcuándo (?:tomarán|van a tomar|tendrán) (?:una|la) decisión\b",
                r"\b(?:plazos?|calendario) (?:del|de) (?:proceso|selección|decisión)\b",
                r"\b(?:los )?próximos pasos\b",
                r"\bcuánto (?:tiempo )?(?:tardará|durará|llevará)",
                r"\bestado de mi candidatura\b",
                r"\ben qué punto (?:está|se encuentra) (?:mi candidatura|el proceso)",
            ),
            _THANK_YOU,
        ),
    ),
    greeting=re.compile(
        r"(?:estimad[oa]s?|apreciad[oa]s?|querid[oa]s?|hola|buen(?:os|as) (?:días|tardes|"
        r"noches)|saludos)\b[ \t,]*(?:(?:sr|sra|srta|señor|señora|dr|dra|don|doña)\.?[ \t]+)*"
        r"(?P<name>[^\W\d_][\w'’.-]*)?",
        re.IGNORECASE,
    ),
    generic_names=frozenset(
        "señores señoras señor señora equipo responsable departamento recursos todos a".split()
    ),
    closing=re.compile(
        r"(?:atentamente|un (?:cordial )?saludo|saludos(?: cordiales)?|cordialmente|"
        r"(?:muchas )?gracias|reciba un cordial saludo|un abrazo)[ \t]*[,.!]?[ \t]*",
        re.IGNORECASE,
    ),
    specific=re.compile(
        r"\b(?:especialmente|en particular|sobre todo|particularmente)\b|\b(?:conversación|"
        r"charla|entrevista) (?:sobre|acerca)\b|\b(?:mencionó|comentó|describió|explicó|"
        r"contó)\b",
        re.IGNORECASE,
    ),
    relative_day=re.compile(
        r"\b(?:ayer|hoy|esta mañana|la semana pasada|a principios de semana|el (?:lunes|"
        r"martes|miércoles|jueves|viernes|sábado|domingo) pasado)\b",
        re.IGNORECASE,
    ),
    chat_words=_ES_CHAT,
)

#: The other languages' wording; English's is in ``content`` and ``phrases``.
WORDINGS = {"de": GERMAN, "fr": FRENCH, "es": SPANISH}
