"""German: how recruiters in Germany, Austria and Switzerland write about a decision.

Patterns run on lower-case text. ``<MONTH>``, ``<ANY_MONTH>``, ``<DAY_NAME>``, ``<NUM>``,
``<UNIT>`` and ``<YEAR>`` are filled in from the tables below. Each rule names the resolver of
``app.domain.timeline`` that turns its match into a day; reasons stay the reader's own words.
"""

CODE = "de"

#: Letters people type spelled out when their keyboard lacks them ("naechste", "Gruesse"): the
#: reader's patterns match both spellings.
PLAIN_SPELLINGS = {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"}
MONTHS = {
    "januar": 1,
    "jänner": 1,
    "jaenner": 1,
    "jan": 1,
    "februar": 2,
    "feb": 2,
    "märz": 3,
    "maerz": 3,
    "mär": 3,
    "april": 4,
    "apr": 4,
    "mai": 5,
    "juni": 6,
    "jun": 6,
    "juli": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sept": 9,
    "sep": 9,
    "oktober": 10,
    "okt": 10,
    "november": 11,
    "nov": 11,
    "dezember": 12,
    "dez": 12,
}
WEEKDAYS = {
    "montag": 0,
    "dienstag": 1,
    "mittwoch": 2,
    "donnerstag": 3,
    "freitag": 4,
    "samstag": 5,
    "sonnabend": 5,
    "sonntag": 6,
}
NUMBERS = {
    "ein": 1,
    "eine": 1,
    "einer": 1,
    "einem": 1,
    "einen": 1,
    "zwei": 2,
    "drei": 3,
    "vier": 4,
    "fünf": 5,
    "fuenf": 5,
    "sechs": 6,
    "sieben": 7,
    "acht": 8,
    "neun": 9,
    "zehn": 10,
    "elf": 11,
    "zwölf": 12,
    "zwoelf": 12,
    "vierzehn": 14,
    "zwanzig": 20,
    "dreißig": 30,
    "dreissig": 30,
    "vierundzwanzig": 24,
    "achtundvierzig": 48,
    "zweiundsiebzig": 72,
    "ein paar": 3,
    "paar": 3,
    "wenige": 3,
    "wenigen": 3,
    "einige": 4,
    "einigen": 4,
}
#: Unit words and their kind; the first that matches the whole word wins.
UNITS = (
    (r"(?:werk|arbeits|geschäfts)tag(?:e|en)?", "business"),
    (r"tag(?:e|en)?", "day"),
    (r"woche(?:n)?", "week"),
    (r"monat(?:e|en)?", "month"),
)
PARTS = {"anfang": "early", "mitte": "mid", "ende": "end of"}

_NEXT = r"(?:nächste[nrms]?|kommende[nrms]?)"
_DIGIT_H = ("0h", "1h", "2h", "3h", "4h", "5h", "6h", "7h", "8h", "9h")
_MONTH_NEEDS = tuple(MONTHS)
_DAY_NEEDS = ("montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonn")

#: (pattern, resolver, words one of which the text must hold)
RULES = (
    (r"\b(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})\b", "iso", ("-",)),
    (
        r"(?<![\d/.])(?P<first>\d{1,2})\.\s?(?P<second>\d{1,2})\.(?:\s?(?P<year>\d{4}|\d{2})\b)?",
        "dotted",
        tuple(f"{digit}." for digit in range(10)),
    ),
    (
        r"(?<![\d/.])(?!24/7)(?P<first>\d{1,2})/(?P<second>\d{1,2})(?:/(?P<year>\d{4}|\d{2}))?"
        r"(?![\d/])",
        "numeric",
        ("/",),
    ),
    (r"\b(?P<day>\d{1,2})\.?\s*<MONTH>(?!\w)<YEAR>", "month_name", _MONTH_NEEDS),
    (
        r"\b(?:zum|am|den|dem|vom)\s+(?P<day>[12]?\d|3[01])\.(?!\s?\d)(?!\s*<ANY_MONTH>)",
        "ordinal_day",
        ("zum ", "am ", "den ", "dem ", "vom "),
    ),
    (
        r"\b(?:in\s+der\s+)?woche\s+(?:vom|ab\s+dem|ab)\s+(?:(?P<day>\d{1,2})\.\s*<MONTH>"
        r"|(?P<first>\d{1,2})\.(?P<second>\d{1,2})\.?)",
        "week_commencing",
        ("woche",),
    ),
    (
        r"\b(?:in\s+den\s+|in\s+)?(?:nächsten|kommenden)\s+tagen\b",
        "few_days",
        ("tagen",),
    ),
    (
        r"\b<DAY_NAME>,?\s+(?:den\s+)?(?P<day>[12]?\d|3[01])\.(?!\s?\d)(?!\s*<ANY_MONTH>)",
        "ordinal_day",
        _DAY_NEEDS,
    ),
    (
        r"\b(?:noch|ca\.|etwa|ungefähr|rund|circa)\s+(?:ca\.\s+|etwa\s+)?(?P<count><NUM>)\s+"
        r"<UNIT>(?!\w)",
        "amount",
        ("tag", "woche", "monat"),
    ),
    (r"\b(?:kw|kalenderwoche)\s*(?P<kw>\d{1,2})\b", "calendar_week", ("kw", "kalenderwoche")),
    (
        rf"\b(?:(?P<next>{_NEXT})\s+|(?:diese[nm]?\s+)?)<DAY_NAME>"
        rf"(?:\s+(?P<nextweek>(?:der\s+)?{_NEXT}\s+woche))?(?!\w)",
        "weekday",
        _DAY_NEEDS,
    ),
    (
        r"\b<DAY_NAME>\s+(?:der\s+)?(?:darauf\s*folgenden|folgenden)\s+woche\b",
        "following_weekday",
        ("folgend",),
    ),
    (
        r"\b(?:(?:zum\s+|gegen\s+)?ende\s+(?:dieser|der|diese)\s+woche|(?:noch\s+)?(?:in\s+)?"
        r"diese[rn]?\s+woche|im\s+laufe\s+der\s+woche|innerhalb\s+der\s+woche"
        r"|(?:vor|bis\s+zum)\s+(?:dem\s+)?wochenende)\b",
        "this_week_end",
        ("woche",),
    ),
    (
        rf"\b(?:(?:zum\s+|gegen\s+)?ende\s+)?(?:im\s+laufe\s+)?(?:der\s+|in\s+der\s+)?{_NEXT}"
        r"\s+woche\b",
        "next_week_end",
        ("woche",),
    ),
    (
        r"\b(?:(?:zum\s+)?ende\s+)?(?:der\s+|in\s+der\s+)?übernächste[nr]?\s+woche\b",
        "week_after_next_end",
        ("woche",),
    ),
    (
        r"\b(?:(?:zum\s+)?ende\s+)?der\s+(?:darauf\s*folgenden|folgenden)\s+woche\b"
        r"|\b(?:in\s+der\s+)?woche\s+danach\b",
        "following_week_end",
        ("woche",),
    ),
    (
        r"\b(?P<count><NUM>)\s+<UNIT>\s+(?:später|danach|darauf)\b",
        "following_amount",
        ("später", "danach", "darauf"),
    ),
    (rf"\banfang\s+(?:der\s+)?{_NEXT}\s+woche\b", "early_next_week", ("woche",)),
    (rf"\bmitte\s+(?:der\s+)?{_NEXT}\s+woche\b", "mid_next_week", ("woche",)),
    (
        r"\b(?:in|innerhalb|binnen|nach|während)\s+(?:von\s+|der\s+|den\s+|nächsten\s+|etwa\s+"
        r"|kommenden\s+"
        r"|ca\.\s+|rund\s+|spätestens\s+)*(?P<count><NUM>)\s+<UNIT>(?!\w)",
        "amount",
        ("tag", "woche", "monat"),
    ),
    (
        r"\b(?P<count>\d{1,2}|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf"
        r"|vierzehn|ein\s+paar|einigen|einige|wenigen)\s*<UNIT>(?!\w)",
        "amount",
        ("tag", "woche", "monat"),
    ),
    (
        r"\b(?P<low><NUM>)\s*(?:-|bis|oder|,)\s*(?P<high><NUM>)\s+<UNIT>(?!\w)",
        "range",
        ("tag", "woche", "monat"),
    ),
    (
        r"\b(?:(?:in|innerhalb|binnen)\s+(?:von\s+|der\s+nächsten\s+|den\s+nächsten\s+)?)?"
        r"(?:(?P<low>\d{1,3})\s*(?:-|bis)\s*)?(?P<count>\d{1,3}|vierundzwanzig|achtundvierzig"
        r"|zweiundsiebzig)\s*(?:stunden|std\.?|h)\b",
        "hours",
        ("stunde", "std", *_DIGIT_H),
    ),
    (r"\b(?:am\s+)?nächsten\s+(?:werk|arbeits|geschäfts)tag\b", "next_business_day", ("tag",)),
    (
        r"\b(?:(?:bis\s+)?(?:zum\s+)?ende\s+(?:des|dieses)\s+monats|(?:zum\s+)?monatsende)\b",
        "this_month_end",
        ("monat",),
    ),
    (
        rf"\b(?:(?P<part>anfang|mitte|ende)\s+)?(?:des\s+|im\s+)?{_NEXT}\s+monats?\b",
        "next_month_part",
        ("monat",),
    ),
    (r"\b(?P<part>anfang|mitte|ende)\s+<MONTH>(?![\w.]*\s*\d)", "named_month_part", _MONTH_NEEDS),
    (
        r"\b(?:im|im\s+laufe\s+des|noch\s+im|bis\s+ende)\s+<MONTH>(?![\w.]*\s*\d)",
        "in_month",
        _MONTH_NEEDS,
    ),
    (
        r"\b(?:(?:zum\s+|bis\s+)?ende\s+(?:des|dieses)\s+jahres|(?:zum\s+|bis\s+zum\s+)?jahresende"
        r"|(?:zum|bis\s+zum)\s+jahreswechsel|ende\s+(?P<y>20\d\d))\b",
        "year_end",
        ("jahr", "ende 20"),
    ),
    (rf"\banfang\s+(?:des\s+)?{_NEXT}\s+jahres\b", "early_next_year", ("jahr",)),
    (r"(?<!guten )\bmorgen\b", "tomorrow", ("morgen",)),
    (r"\bübermorgen\b", "day_after_tomorrow", ("morgen",)),
    (
        r"\b(?:(?:noch\s+)?heute|bis\s+(?:heute\s+)?(?:abend|feierabend)|(?:zum\s+)?tagesende"
        r"|ende\s+des\s+tages)\b",
        "today",
        ("heute", "abend", "tagesende", "tages"),
    ),
)

#: Words that make a sentence about the decision or the answer to come.
DECISION = (
    r"\b(?:entscheid\w*|entschied\w*|entschluss|rückmeld\w*|meld(?:e|en|et)\b|bescheid"
    r"|antwort\w*|feedback|informier\w*|benachrichtig\w*|mitteil\w*|teilen\s+(?:ihnen|dir)"
    r"|auf\s+(?:sie|dich)\s+zu(?:kommen|rückkommen)?|zurück\s*(?:kommen|melden)|zurückkommen"
    r"|zurückmelden|nächsten?\s+schritte?|weitere\s+vorgehen|ergebnis\w*|auswahl\w*"
    r"|ausgewählt|abschlie\w+|abgeschlossen|abstimm\w*|stimmen\s+uns|klarheit|wissen\s+lassen"
    r"|hören|zusage|absage|update|neuigkeiten|status|zeitplan|zeitrahmen|evaluier\w*|bewert\w*"
    r"|freigabe|genehmig\w*|kontaktier\w*|anrufen|finalisier\w*|festleg\w*|sagen\s+können"
    r"|(?:ruf|rufe|rufen)\s+(?:sie|dich)\s+an|hörst|hört|teilen\s+wir\s+(?:ihnen|dir|euch)"
    r"|sagen\s+(?:ihnen|dir|euch)|geben\s+(?:ihnen|dir|euch)\s+bescheid)"
)
DISTRACTORS = (
    (
        r"\b(?:abwesen\w*|nicht\s+im\s+büro|außer\s+haus|urlaub\w*|elternzeit|krank\w*"
        r"|(?:bin|ist|sind)\s+(?:ich\s+|sie\s+|er\s+)?(?:wieder|zurück)|wieder\s+(?:im\s+büro"
        r"|erreichbar|da|zurück|für\s+sie\s+da)|zurück\s+im\s+büro|dienstreise|geschäftsreise"
        r"|unterwegs|eingeschränkt\s+erreichbar|nicht\s+erreichbar|automatische\s+antwort"
        r"|abwesenheitsnotiz|out\s+of\s+office|geschlossen|betriebsferien)\b",
        "an absence",
    ),
    (
        r"\b(?:start\w*|eintritt\w*|beginn\w*|anfangen|anfängt|antritt|arbeitsbeginn|einstieg\w*"
        r"|onboarding|erste[nr]?\s+arbeitstag|einsteigen|besetz\w*|zu\s+besetzen)\b",
        "a start date",
    ),
    (
        r"\b(?:vertrag\w*|befrist\w*|probezeit|kündigungsfrist|elternzeitvertretung|vertretung"
        r"|laufzeit|praktikum\w*|werkstudent\w*|projekteinsatz)\b",
        "a contract or notice length",
    ),
    (
        r"\b(?:hybrid|remote|homeoffice|home[\s-]office|mobile[sn]?\s+arbeiten|im\s+büro"
        r"|tage?\s+(?:pro|die|in\s+der)\s+woche|stunden\s+(?:pro|die|in\s+der)\s+woche"
        r"|arbeitszeit\w*|teilzeit|vollzeit|schicht\w*|rufbereitschaft|gleitzeit|kernzeit\w*"
        r"|bürozeiten|öffnungszeiten|24/7)\b",
        "a work pattern",
    ),
    (
        r"\b(?:gedauert|dauerte|bisher|bislang|seit|letzte[nrs]?\s+(?:einstellung|mal|jahr"
        r"|runde)|zuletzt|damals|bereits)\b",
        "a past duration",
    ),
    (
        r"\b(?:gespräch\w*|vorstellungsgespräch\w*|interview\w*|kennenlern\w*|termin\w*|treffen"
        r"|getroffen|besuch\w*|telefonat\w*|call|videocall|teams|zoom|runde|präsentation\w*"
        r"|probearbeit\w*|fallstudie|case\s+study|assessment\w*|verfügbar\w*|einlad\w*"
        r"|gesprochen|vor\s+ort)\b",
        "an interview or meeting",
    ),
    (
        r"\b(?:bewerbungsfrist|bewerbungsschluss|ausschreibung|stellenanzeige|beworben"
        # how long the application's data is kept: "speichern Ihre Daten 6 Monate" (DSGVO)
        r"|speicher\w*|aufbewahr\w*|dsgvo|datenschutz\w*|ihre\s+daten|deine\s+daten)\b",
        "the application",
    ),
    (r"\b(?:gehalt\w*|vergütung\w*|bonus\w*|zahltag|lohn\w*|urlaubstage)\b", "pay or benefits"),
)
#: Right after an expression: it measures something other than a wait.
AFTER = (
    (r"\s*(?:pro|die|je|in\s+der|im)\s+(?:woche|tag|monat)\b|\s*im\s+büro\b", "a work pattern"),
    (
        r"[\s-]*(?:befristet\w*|vertrag\w*|probezeit|kündigungsfrist|elternzeitvertretung)\b",
        "a contract or notice length",
    ),
    (r"\s+(?:her|gedauert)\b", "a past duration"),
    (
        r"[\s-]*(?:einarbeitung|onboarding|schulung|training|probearbeit\w*|assessment"
        r"|präsentation|aufgabe|fallstudie|gespräch|urlaub)\b",
        "a length of something else",
    ),
    (r"[\s-]*tage?[\s-]*woche\b", "a work pattern"),
)
#: Right before an expression (to the end of the text before it).
BEFORE = (
    (
        r"(?:\b(?:seit|bereits\s+seit|schon\s+seit|dauerte|vor)\s+(?:etwa\s+|rund\s+|ca\.\s+"
        r"|über\s+|knapp\s+|gut\s+)?)$",
        "a past duration",
    ),
    (
        r"\b(?:start(?:en|et|termin)?|beginn(?:en|t)?|eintritt(?:sdatum|stermin)?|anfangen"
        r"|einsteigen|arbeitsbeginn|einstieg)\s+(?:(?:ist|wäre|am|ab|zum|im|der|den|dem|wäre)\s+)*$",
        "a start date",
    ),
    (
        r"\b(?:gespräch\w*|interview\w*|treffen|getroffen|gesprochen)(?:\s+\w+){0,3}\s+(?:am|vom"
        r"|letzten)\s+$",
        "an interview or meeting",
    ),
    (r"\b(?:bis|ab|wieder\s+(?:am|ab)|zurück\s+(?:am|ab))\s*(?:zum\s+|dem\s+|am\s+)?$", ""),
)
HEADER_LINE = (
    r"^\s*(?:>+\s*)?(?:gesendet|datum|date|sent|empfangen)\s*:"
    r"|^\s*(?:>+\s*)?am\b.*\bschrieb\b.*$|^\s*-+\s*(?:ursprüngliche\s+nachricht|original\s+message)"
)
#: Words before a full stop that do not end a sentence ("4. Dezember", "z. B.", "ca.").
ABBREVIATION = (
    r"\b(?:jan|feb|mär|apr|jun|jul|aug|sept?|okt|nov|dez|z\.\s?b|bzw|ca|nr|dr|hr|fr|str|usw"
    r"|ggf|evtl|inkl|d\.\s?h|u\.\s?a|kw|\d{1,2})$"
)
CLAUSE_BREAK = (
    r",(?!\s*(?:zwei|drei|2|3)\s)|;|:|\s-\s|\(|\)|\b(?:und|aber|sodass|während|obwohl|weil"
    r"|jedoch|allerdings|sondern)\b"
)
HOLIDAY_BEFORE = r"vor|bis|bis\s+vor|noch\s+vor|bis\s+zu"
HOLIDAY_AFTER = r"nach|über|zwischen"
HOLIDAY_ARTICLE = r"(?:dem|den|der|die|das)\s+"
HOLIDAY_SUFFIX = r"feiertag(?:e|en)?|ferien|pause"
SEASON = (
    r"(?:feiertage[n]?|festtage[n]?|weihnachtsferien|weihnachtspause|weihnachtsfeiertage[n]?"
    r"|jahreswechsel|betriebsferien|weihnachtszeit)"
)
SEASON_NEEDS = ("feiertag", "festtag", "weihnacht", "jahreswechsel", "ferien")
#: Everyday holiday names and a pattern of the calendar's own names each stands for.
HOLIDAY_NAMES = {
    "weihnachten": r"weihnacht|christmas",
    "neujahr": r"neujahr|new year",
    "ostern": r"oster|easter",
    "pfingsten": r"pfingst|whit",
    "dreikönig": r"drei\s*könig|epiphan",
    "heilige drei könige": r"drei\s*könig|epiphan",
}
#: Words common in German and rare in English: enough of them and the text is German.
MARKS = (
    r"\b(?:und|wir|ihnen|sie|nicht|für|mit|uns|ist|der|das|den|dem|ich|vielen|dank|grüße"
    r"|grüßen|freundlichen|liebe[rn]?|hallo|geehrte[rn]?|woche|melden|bitte|gerne|auch|noch"
    r"|eine[nrm]?|bei|ihre[nrm]?|zum|zur|wieder|nächste[nrm]?|frau|herrn?|danke|unser\w*|von"
    r"|gibt|wird|werden|haben|dieses|herzliche[n]?|beste[n]?|viele|gruß|lg|kurze[sn]?)\b"
    r"|[äöüß]"
)

# -- replies ---------------------------------------------------------------------------------

REPLY_NEGATION = r"\b(?:nicht|kein\w*|nie|statt|anstatt)\b[^.;!?]{0,25}$"
REPLY_REJECTION = (
    r"\b(?:"
    r"(?:für|zugunsten)\s+(?:eine[nr]?\s+)?(?:andere[nrn]?|weitere[nrn]?)\s+(?:kandidat\w*"
    r"|bewerber\w*|bewerbung\w*|person\w*|profil\w*)"
    r"|anderweitig\s+(?:zu\s+)?(?:besetz\w*|entschieden|vergeben|orientiert)"
    r"|intern\s+(?:zu\s+)?besetz\w*|interne[nr]?\s+(?:kandidat\w*|lösung)"
    r"|für\s+jemand(?:en)?\s+ander\w*|nicht\s+geklappt"
    r"|mit\s+(?:anderen|weiteren)\s+(?:kandidat|bewerber)\w*(?:\s+und\s+\w+)?\s+"
    r"(?:fortzusetzen|fortsetzen|fortzuführen|fortfahren|weiterzumachen|weiterzugehen)"
    r"|an\s+(?:eine[nr]?\s+)?andere[nrn]?\s+(?:kandidat|bewerber|person)\w*\s+vergeben"
    r"|in\s+unse\w+\s+(?:talent\s*pool|bewerberpool)"
    r"|(?:stelle|position|vakanz)\s+(?:ist|wurde|konnte|wird)\s+(?:bereits\s+|inzwischen\s+"
    r"|mittlerweile\s+|leider\s+)*(?:besetzt|vergeben|gestrichen|zurückgezogen|intern\s+besetzt"
    r"|nicht\s+(?:mehr\s+)?besetzt)"
    r"|(?:nicht|keine)\s+(?:weiter\s+|mehr\s+)?berücksichtig\w*"
    r"|nicht\s+(?:weiter\s+)?(?:verfolgen|fortsetzen|fortführen)"
    r"|(?:eine\s+)?absage\s+(?:erteilen|geben|mitteilen)|(?:ihnen|dir)\s+(?:leider\s+)?"
    r"(?:eine\s+)?absage|(?:ihnen|dir)\s+(?:leider\s+)?absagen|leider\s+absagen"
    r"|keine\s+positive\s+(?:nachricht|rückmeldung)"
    r"|(?:ihnen|dir)\s+(?:leider\s+)?(?:keine\s+zusage|kein\s+(?:vertrags)?angebot)"
    r"|nicht\s+(?:für\s+(?:sie|dich)\s+)?entschieden"
    r"|(?:deren|dessen)\s+(?:profil|erfahrung\w*|qualifikation\w*|hintergrund)\s+(?:noch\s+)?"
    r"(?:besser|näher|genauer)"
    r"|(?:besser|genauer|näher)\s+(?:zu\s+unseren\s+anforderungen|zum\s+anforderungsprofil"
    r"|zur\s+stelle|zu\s+der\s+position)"
    r"|(?:alles\s+gute|viel\s+erfolg)\s+(?:für\s+(?:ihre|deine)\s+(?:weitere\w*|berufliche\w*)"
    r"|bei\s+(?:ihrer|deiner)\s+(?:weiteren\s+)?(?:suche|jobsuche|stellensuche))"
    r"|für\s+(?:ihre|deine)\s+(?:weitere\s+|berufliche\s+)?zukunft\s+(?:alles\s+gute|viel\s+erfolg)"
    r"|einstellungsstopp|stelle\s+nicht\s+(?:zu\s+)?besetzen"
    r"|nicht\s+in\s+die\s+(?:engere|nächste)\s+(?:auswahl|runde)"
    r"|(?:profil|erfahrung|hintergrund)\w*\s+(?:\w+\s+){0,2}nicht\s+(?:ganz\s+|ausreichend\s+)?"
    r"(?:zu\s+\w+\s+\w+\s+)?(?:pass|entsprich)\w*"
    # "uns für jemanden entschieden, der...", "für eine Bewerberin entschieden, deren..."
    r"|für\s+(?:jemand\w*|eine?n?\s+(?:andere\w*\s+|interne\w*\s+)?(?:bewerber\w*|kandidat\w*"
    r"|person)|eine?n?\s+andere\w*)\s+(?:\w+\s+)?entschieden"
    # "für eine Mitbewerberin entschieden", "den Prozess nicht weiterzuführen", "gegen eine
    # Zusammenarbeit entschieden"
    r"|für\s+(?:eine?n?\s+)?(?:andere\w*\s+)?\w*(?:bewerber|kandidat)\w*\s+(?:\w+\s+)?entschieden"
    r"|nicht\s+(?:weiter\s+)?(?:weiterzuführen|weiterführen|fortzusetzen|weiterzuverfolgen"
    r"|weiterverfolgen)"
    r"|gegen\s+(?:eine\s+)?(?:zusammenarbeit|ihre\s+bewerbung|deine\s+bewerbung|sie"
    r"|dich)\s+entschieden"
    r")"
)
REPLY_OFFER = (
    r"\b(?:"
    r"(?:ihnen|dir)\s+(?:gerne\s+)?(?:ein\s+|das\s+|unser\s+)?(?:angebot|vertragsangebot"
    r"|arbeitsvertrag)\s+(?:zu\s+)?(?:machen|unterbreiten|zukommen|senden|schicken)"
    r"|(?:unterbreiten|machen|schicken|senden)\s+(?:ihnen|dir)\s+(?:gerne\s+)?(?:hiermit\s+)?"
    r"(?:ein\s+|das\s+|unser\s+)?(?:angebot|vertragsangebot)"
    r"|(?:ihnen|dir)\s+(?:die|eine|unsere)\s+zusage|zusage\s+(?:für|zur)\s+(?:die|der)\s+"
    r"(?:stelle|position)"
    r"|(?:im\s+anhang|anbei)\s+(?:finden\s+sie\s+|erhalten\s+sie\s+)?(?:ihr|das|unser|den|ihren)\s+"
    r"(?:angebot|vertragsangebot|arbeitsvertrag|vertragsentwurf)"
    r"|willkommen\s+(?:im\s+team|an\s+bord)"
    r"|(?:möchten|wollen|würden)\s+(?:sie|dich)\s+(?:sehr\s+)?(?:gerne\s+)?einstellen"
    r"|(?:angebot|vertragsangebot)\s+(?:an|für)\s+(?:sie|dich)"
    r"|(?:sie|du)\s+(?:haben|hast)\s+die\s+stelle"
    r"|(?:sie|du)\s+(?:die\s+stelle|den\s+job|die\s+position)\s+(?:bekommen|bekommst|erhalten)"
    r"|(?:ihnen|dir)\s+(?:gerne\s+)?(?:die|diese|eine|unsere)\s+(?:stelle|position)[^;!?]{0,60}"
    r"anbieten"
    r"|(?:ihnen|dir)\s+(?:gerne\s+)?(?:ein|das|unser)\s+(?:vertrags)?angebot\b[^;!?]{0,60}?"
    r"(?:machen|unterbreiten|zukommen|senden|schicken|übermitteln)"
    # "anbei findest du unser Angebot", "die Wahl ist auf Sie gefallen", "Sie ... im Team begrüßen"
    r"|(?:im\s+anhang|anbei)\s+(?:(?:finden|erhalten)\s+sie\s+|(?:findest"
    r"|erhältst)\s+du\s+)?(?:ihr|das|unser|den|ihren|dein|deinen)\s+(?:\w+\s+)?(?:angebot"
    r"|vertragsangebot|arbeitsvertrag|vertragsentwurf)"
    r"|(?:sie|dich)\s+(?:\w+\s+){0,6}(?:im|in\s+unserem|in\s+unser"
    r"|ins)\s+team\s+(?:zu\s+)?(?:haben|begrüßen|holen|aufnehmen)"
    r"|wahl\s+(?:ist\s+)?auf\s+(?:sie|dich)\s+gefallen"
    r"|(?:sie|dich)\s+(?:[\w.]+\s+){0,8}(?:anstellen|einstellen)\s+(?:möchten|wollen|würden|werden)"
    r"|schriftliche\w*\s+(?:vertrags)?angebot"
    # "Ihnen die Stelle als ... anbieten", "wir nehmen dich", "für Sie entschieden", "Ihre
    # Einstellung ist ... vorgesehen"
    r"|(?:ihnen|dir)\s+(?:gerne\s+)?(?:die|diese|eine|unsere)\s+(?:stelle"
    r"|position)[^;!?]{0,120}anbieten"
    r"|wir\s+nehmen\s+(?:dich|sie)\b"
    r"|(?<!nicht\s)für\s+(?:sie|dich)\s+entschieden"
    r"|(?:ihre|deine)\s+(?:einstellung|anstellung)\s+(?:ist|wird|erfolgt)"
    r"|(?:ihrer|deiner)\s+(?:einstellung|anstellung)\s+[^.;!?]{0,60}zugestimmt"
    r")"
)
REPLY_NEXT_ROUND = (
    r"\b(?:"
    r"(?:zweite[snm]?|nächste[snm]?|finale[snm]?|dritte[snm]?|abschließende[snm]?|weitere[snm]?"
    r"|persönliche[snm]?|technische[snm]?)\s+(?:gespräch\w*|runde|interview|kennenlernen"
    r"|termin|vorstellungsgespräch)"
    r"|(?:einladen|einladung|laden\s+(?:sie|dich)\s+(?:gerne\s+)?(?:zu|ein))"
    r"|(?:möchten|würden|wollen)\s+(?:sie|dich)\s+(?:gerne\s+)?(?:persönlich\s+)?"
    r"(?:kennenlernen|einladen|(?:unserem|dem)\s+team\s+vorstellen|wiedersehen)"
    r"|(?:probearbeit\w*|fallstudie|case\s+study|aufgabe)\s+(?:als|für\s+den)\s+nächsten\s+schritt"
    r"|nächste[rn]?\s+schritt\s+(?:ist|wäre|wird)\s+(?:ein|eine|das)"
    r"|als\s+nächsten\s+schritt[^;!?]{0,60}(?:fallstudie|aufgabe|probearbeit\w*|gespräch"
    r"|interview|einladen|kennenlernen|case)"
    # "du bist eine Runde weiter", "als Nächstes steht eine Case Study an", a trial day
    r"|runde\s+weiter"
    r"|als\s+nächstes\s+(?:steht|folgt|kommt)"
    r"|laden\s+(?:sie|dich)\s+(?:(?:gerne|herzlich|hiermit)\s+)+(?:zu|ein)"
    r"|(?:sie|dich)\s+(?:gerne\s+)?(?:unsere[mr]|dem|der)\s+(?:\w+\s+)?\w+\s+vorstellen"
    r"|probe(?:arbeits)?tag\w*"
    # "lädt Sie zum Assessment-Center ein", a demo lesson
    r"|lädt\s+(?:sie|dich)\s+(?:\w+\s+){0,3}?(?:zu|zum|zur|ein)\b"
    r"|assessment[\s-]?center|probestunde|hospitation|schnuppertag"
    r")"
)
REPLY_OUT_OF_OFFICE = (
    r"\b(?:"
    r"abwesenheitsnotiz|automatische\s+antwort|autoreply|out\s+of\s+office"
    r"|(?:ich\s+bin|bin\s+ich)\b[^;!?]{0,50}?(?:nicht\s+im\s+büro|abwesend|im\s+urlaub"
    r"|in\s+elternzeit|auf\s+dienstreise|(?:nur\s+)?(?:eingeschränkt|nicht)\s+erreichbar"
    r"|außer\s+haus|unterwegs|krank)"
    r"|ich\s+befinde\s+mich\s+[^;!?]{0,30}?(?:urlaub|elternzeit|dienstreise|mutterschutz)"
    r"|nach\s+meiner\s+rückkehr"
    # "ich bin ... auf einer Fortbildung und ab dem 7.12. wieder erreichbar"
    r"|(?:ich\s+bin|bin\s+ich)\b[^;!?]{0,50}?(?:fortbildung|schulung|seminar|weiterbildung|messe"
    r"|kur\b|reha)"
    r"|(?:ich\s+bin|bin\s+ich)\b[^;!?]{0,50}?wieder\s+(?:erreichbar|im\s+büro|da)\b"
    r")"
)
#: Before a next-round phrase, the team's own interviews: "wir führen noch zwei weitere
#: Gespräche" is not an invitation.
REPLY_OWN_PROCESS = r"\bnoch\s+(?:\w+\s+){0,2}$"
REPLY_RETURN = r"(?:bis|ab|wieder|zurück|rückkehr)\b[^.;!?]{0,20}$"
#: Right after a date, words that make it the return: "am 11. Jänner wieder im Büro".
REPLY_RETURN_AFTER = r"^[^.;!?]{0,12}\b(?:wieder|zurück)\b"
REPLY_UPDATE = (
    r"\b(?:"
    r"noch\s+(?:keine\s+entscheidung|nicht\s+entschieden|nicht\s+abgeschlossen|in\s+(?:der|den)\s+"
    r"(?:abstimmung|gesprächen|auswahl))"
    r"|noch\s+(?:mitten\s+)?(?:im|in\s+der)\s+(?:prozess|auswahl\w*|abstimmung)"
    r"|verzöger\w*|dauert\s+(?:leider\s+)?(?:noch\s+)?(?:etwas\s+)?länger|geduld|pausiert"
    r"|auf\s+eis|zwischenstand|update|melden\s+uns|rückmeld\w*|auf\s+dem\s+laufenden"
    r"|noch\s+im\s+rennen|weiterhin\s+im\s+(?:prozess|rennen|auswahlprozess)|entscheidung"
    # "werden uns zeitnah bei Ihnen melden", "führen derzeit noch Gespräche"
    r"|bei\s+(?:ihnen|dir|euch)\s+melden"
    r"|(?:derzeit|aktuell)\s+noch\s+(?:gespräche|im\s+gespräch|in\s+gesprächen)"
    r")"
)
