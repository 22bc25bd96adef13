"""French: how recruiters in France, Belgium and Switzerland write about a decision.

Patterns run on lower-case text with typographic apostrophes made plain (``d'ici``). Slots
(``<MONTH>``, ``<DAY_NAME>``, ``<NUM>``, ``<UNIT>``...) are filled in from the tables below;
each rule names the resolver of ``app.domain.timeline`` that turns its match into a day.
"""

CODE = "fr"

#: Letters people leave out when typing fast or without the layout ("desole", "manana"): the
#: reader's patterns match both spellings.
PLAIN_SPELLINGS = {
    "é": "e",
    "è": "e",
    "ê": "e",
    "à": "a",
    "â": "a",
    "ç": "c",
    "ô": "o",
    "î": "i",
    "û": "u",
    "ù": "u",
}
MONTHS = {
    "janvier": 1,
    "janv": 1,
    "février": 2,
    "fevrier": 2,
    "févr": 2,
    "mars": 3,
    "avril": 4,
    "avr": 4,
    "mai": 5,
    "juin": 6,
    "juillet": 7,
    "juil": 7,
    "août": 8,
    "aout": 8,
    "septembre": 9,
    "sept": 9,
    "octobre": 10,
    "oct": 10,
    "novembre": 11,
    "nov": 11,
    "décembre": 12,
    "decembre": 12,
    "déc": 12,
}
WEEKDAYS = {
    "lundi": 0,
    "mardi": 1,
    "mercredi": 2,
    "jeudi": 3,
    "vendredi": 4,
    "samedi": 5,
    "dimanche": 6,
}
NUMBERS = {
    "un": 1,
    "une": 1,
    "deux": 2,
    "trois": 3,
    "quatre": 4,
    "cinq": 5,
    "six": 6,
    "sept": 7,
    "huit": 8,
    "neuf": 9,
    "dix": 10,
    "onze": 11,
    "douze": 12,
    "quinze": 15,
    "vingt": 20,
    "trente": 30,
    "vingt-quatre": 24,
    "quarante-huit": 48,
    "soixante-douze": 72,
    "quelques": 3,
    "plusieurs": 4,
    "dizaine": 10,
    "vingtaine": 20,
}
UNITS = (
    (r"jours?\s+(?:ouvr(?:é|e|able)s?|travaillés?)", "business"),
    (r"jours?", "day"),
    (r"semaines?", "week"),
    (r"mois", "month"),
)
PARTS = {
    "début": "early",
    "debut": "early",
    "mi": "mid",
    "milieu": "mid",
    "fin": "end of",
}

_DIGIT_H = ("0h", "1h", "2h", "3h", "4h", "5h", "6h", "7h", "8h", "9h")
_MONTH_NEEDS = tuple(MONTHS)
_DAY_NEEDS = tuple(WEEKDAYS)
_UNIT_NEEDS = ("jour", "semaine", "mois")

RULES = (
    (r"\b(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})\b", "iso", ("-",)),
    (
        r"(?<![\d/.])(?!24/7)(?P<first>\d{1,2})/(?P<second>\d{1,2})(?:/(?P<year>\d{4}|\d{2}))?"
        r"(?![\d/])",
        "numeric",
        ("/",),
    ),
    (
        r"(?<![\d/.])(?P<first>\d{1,2})\.(?P<second>\d{1,2})\.(?P<year>\d{4}|\d{2})\b",
        "dotted",
        tuple(f"{digit}." for digit in range(10)),
    ),
    (r"\b(?P<day>\d{1,2})(?:er|e)?\s+<MONTH>(?!\w)<YEAR>", "month_name", _MONTH_NEEDS),
    (
        r"\b(?:le|au)\s+(?P<day>[12]?\d|3[01])(?:er)?\b(?!\s*(?:<ANY_MONTH>|[/.:h]\s?\d|h\b|%|€"
        r"|ans?\b|jours?|semaines?|mois|heures?|personnes|candidat|min))",
        "ordinal_day",
        tuple(f"le {digit}" for digit in range(10)) + tuple(f"au {digit}" for digit in range(10)),
    ),
    (
        r"\b(?:la\s+)?semaine\s+du\s+(?:lundi\s+)?(?:(?P<day>\d{1,2})(?:er)?\s+<MONTH>"
        r"|(?P<first>\d{1,2})/(?P<second>\d{1,2}))",
        "week_commencing",
        ("semaine du",),
    ),
    (
        r"\b<DAY_NAME>\s+(?P<day>[12]?\d|3[01])(?:er)?\b(?!\s*<ANY_MONTH>|[/.:h]\s?\d|\s*h\b)",
        "ordinal_day",
        _DAY_NEEDS,
    ),
    (
        r"\b(?:(?:dans|sous|d'ici|en)\s+)?(?:une\s+)?(?P<count>dizaine|vingtaine)\s+de\s+<UNIT>",
        "amount",
        ("dizaine", "vingtaine"),
    ),
    (
        r"\b(?:(?:dans|sous|d'ici)\s+)?(?:une\s+)?huitaine(?:\s+de\s+jours)?\b",
        "eight_days",
        ("huitaine",),
    ),
    (r"\b(?:semaine|sem\.)\s*(?:n°\s*|no\s*)?(?P<kw>\d{1,2})\b", "calendar_week", ("sem",)),
    (
        r"\b(?:ce\s+)?<DAY_NAME>(?:\s+(?P<nextweek>prochain|de\s+la\s+semaine\s+prochaine))?"
        r"(?!\w)",
        "weekday",
        _DAY_NEEDS,
    ),
    (
        r"\b(?:(?:d'ici\s+|avant\s+|pour\s+)?(?:la\s+)?fin\s+de\s+(?:la|cette)\s+semaine"
        r"|(?:dans\s+le\s+courant\s+de\s+|courant\s+)?cette\s+semaine|(?:avant|d'ici)\s+(?:le|ce)"
        r"\s+week-?end|dans\s+la\s+semaine|en\s+fin\s+de\s+semaine)\b",
        "this_week_end",
        ("semaine", "week"),
    ),
    (
        r"\b(?:(?:d'ici\s+|avant\s+|pour\s+)?(?:la\s+)?fin\s+de\s+)?(?:dans\s+|courant\s+(?:de\s+)?"
        r"|pendant\s+|au\s+cours\s+de\s+|dans\s+le\s+courant\s+de\s+)?(?:la\s+)?semaine\s+"
        r"prochaine\b",
        "next_week_end",
        ("semaine",),
    ),
    (
        r"\b(?:(?:la\s+)?fin\s+de\s+)?(?:la\s+)?semaine\s+(?:suivante|d'après)\b",
        "following_week_end",
        ("semaine",),
    ),
    (
        r"\b(?P<count><NUM>)\s+<UNIT>\s+(?:plus\s+tard|après)\b",
        "following_amount",
        ("plus tard", "après"),
    ),
    (
        r"\b(?:en\s+|au\s+)?début\s+de\s+(?:la\s+)?semaine\s+prochaine\b",
        "early_next_week",
        ("semaine",),
    ),
    (
        r"\b(?:en\s+|au\s+)?(?:milieu\s+de\s+(?:la\s+)?semaine|mi-semaine)\s+prochaine\b",
        "mid_next_week",
        ("semaine",),
    ),
    (
        r"\b(?:dans|sous|d'ici|en|d'ici\s+à|au\s+cours\s+des|pendant|durant|(?:sous|dans)\s+un"
        r"\s+délai\s+(?:maximum\s+)?de)\s+(?:les\s+)?(?:prochains?\s+|prochaines?\s+)?"
        r"(?:environ\s+)?(?P<count><NUM>)\s+(?:prochains?\s+|prochaines?\s+)?<UNIT>(?!\w)",
        "amount",
        _UNIT_NEEDS,
    ),
    (
        r"\b(?P<count>\d{1,2}|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|quinze|quelques)"
        r"\s*<UNIT>(?!\w)",
        "amount",
        _UNIT_NEEDS,
    ),
    (
        r"\b(?P<low><NUM>)\s*(?:-|à|ou)\s*(?P<high><NUM>)\s+<UNIT>(?!\w)",
        "range",
        _UNIT_NEEDS,
    ),
    (
        r"\b(?:(?:dans|sous|d'ici|en)\s+(?:les\s+)?(?:prochaines\s+)?)?(?<!à )(?<!vers )"
        r"(?:(?P<low>\d{1,3})\s*(?:-|à)\s*)?(?P<count>\d{1,3}|vingt-quatre|quarante-huit"
        r"|soixante-douze)\s*(?:heures|h)\b(?!\s*\d)",
        "hours",
        ("heure", *_DIGIT_H),
    ),
    (
        r"\b(?:(?:dans|sous|d'ici)\s+(?:une\s+)?)?quinzaine(?:\s+de\s+jours)?\b",
        "fifteen_days",
        ("quinzaine",),
    ),
    (
        r"\b(?:dans|sous|au\s+cours\s+de)s?\s+les\s+(?:tout\s+)?prochains\s+jours\b"
        r"|\bdans\s+les\s+jours\s+(?:qui\s+viennent|à\s+venir)\b",
        "few_days",
        ("jours",),
    ),
    (
        r"\b(?:le\s+)?(?:prochain\s+jour\s+ouvr(?:é|able)|jour\s+ouvr(?:é|able)\s+suivant)\b",
        "next_business_day",
        ("jour",),
    ),
    (
        r"\b(?:(?:d'ici\s+|avant\s+|pour\s+)?(?:la\s+)?fin\s+(?:du|de\s+ce)\s+mois|fin\s+de\s+mois)"
        r"\b",
        "this_month_end",
        ("mois",),
    ),
    (
        r"\b(?:(?P<part>début|debut|mi|milieu|fin)[\s-]+(?:du\s+|de\s+)?)?(?:le\s+|au\s+cours\s+du"
        r"\s+|dans\s+le\s+|courant\s+du\s+)?mois\s+prochain\b",
        "next_month_part",
        ("mois",),
    ),
    (
        r"\b(?P<part>début|debut|mi|milieu|fin)[\s-]+(?:de\s+|d')?<MONTH>(?![\w.]*\s*\d)",
        "named_month_part",
        _MONTH_NEEDS,
    ),
    (
        r"\b(?:en|courant|au\s+cours\s+du\s+mois\s+de|dans\s+le\s+courant\s+du\s+mois\s+de)\s+"
        r"(?:d')?<MONTH>(?![\w.]*\s*\d)",
        "in_month",
        _MONTH_NEEDS,
    ),
    (
        r"\b(?:(?:d'ici\s+|avant\s+)?(?:la\s+)?fin\s+(?:de\s+l'année|d'année)(?!\s+prochaine)"
        r"|(?:la\s+)?fin\s+(?P<y>20\d\d))\b",
        "year_end",
        ("année", "fin 20"),
    ),
    (
        r"\bdébut\s+(?:de\s+l'année|d'année)\s+prochaine\b",
        "early_next_year",
        ("année",),
    ),
    (r"(?<!-)\bdemain\b", "tomorrow", ("demain",)),
    (r"\baprès[\s-]demain\b", "day_after_tomorrow", ("demain",)),
    (
        r"\b(?:aujourd'hui|ce\s+soir|(?:en|d'ici\s+la)\s+fin\s+de\s+(?:la\s+)?journée)(?!\w)",
        "today",
        ("aujourd", "soir", "journée"),
    ),
)

DECISION = (
    r"\b(?:décid\w*|décision\w*|(?<!de\s)retour\w*|reven\w*|revien\w*"
    r"|répon\w*(?!\s+automatique)|vous\s+(?:informer|tenir|recontacter|contacter|rappeler"
    r"|écrire|faire\s+savoir|donner\s+des\s+nouvelles|dire)|informer|tiendrons|tenir\s+informé\w*"
    r"|nouvelles|suite\s+(?:à\s+donner|du\s+processus)|prochaines?\s+étapes?|conclu\w*"
    r"|finalis\w*|choix|choisir|sélection\w*|verdict|résultat\w*|feedback|faire\s+part"
    r"|recontact\w*|arbitr\w*|trancher|délibér\w*|valid\w*|statuer|fixés?|positionn\w*"
    r"|proposition|avis)"
)
DISTRACTORS = (
    (
        r"\b(?:absente?s?|absence|en\s+congés?|congés?|vacances|de\s+retour|en\s+déplacement"
        r"|en\s+arrêt|arrêt\s+maladie|congé\s+(?:maternité|parental)|hors\s+du\s+bureau"
        r"|pas\s+au\s+bureau|réponse\s+automatique|message\s+d'absence|injoignable|joignable"
        r"|fermée?s?|fermeture|rentre|rentrerai)\b",
        "an absence",
    ),
    (
        r"\b(?:prise\s+de\s+(?:poste|fonctions?)|démarr\w*|début\s+(?:du\s+contrat|de\s+(?:la\s+)?"
        r"mission|du\s+poste)|commencer|commence\w*|intégr\w*|arrivée|onboarding|premier\s+jour"
        r"|embauche\s+(?:le|au|à|dès)|à\s+pourvoir)\b",
        "a start date",
    ),
    (
        r"\b(?:cdd|cdi|contrat\w*|période\s+d'essai|préavis|mission|intérim\w*|stage|alternance"
        r"|portage)\b",
        "a contract or notice length",
    ),
    (
        r"\b(?:télétravail|hybride|remote|sur\s+site|au\s+bureau|jours?\s+par\s+semaine"
        r"|heures\s+par\s+semaine|horaires?|temps\s+(?:plein|partiel)|astreintes?|24/7|7j/7)\b",
        "a work pattern",
    ),
    (
        r"\b(?:a\s+duré|ont\s+duré|depuis|déjà|il\s+y\s+a|dernier\s+recrutement"
        r"|la\s+dernière\s+fois|précédent\w*)\b",
        "a past duration",
    ),
    (
        r"\b(?:entretiens?|rencontr\w*|rendez-vous|rdv|échang\w*|visio\w*|appel|téléphon\w*"
        r"|entrevue|réunion\w*|présentation|cas\s+pratique|test\w*|étude\s+de\s+cas"
        r"|disponibilit\w*|créneau\w*|teams|zoom|tour)\b",
        "an interview or meeting",
    ),
    (
        r"\b(?:clôture\s+des\s+candidatures|date\s+limite\s+de\s+candidature|postulé|annonce"
        r"|offre\s+d'emploi"
        # how long the application's data is kept (RGPD)
        r"|conserv\w+\s+(?:vos|tes)\s+(?:données|informations|cv)|rgpd|données\s+personnelles)\b",
        "the application",
    ),
    (
        r"\b(?:salaire\w*|rémunération|primes?|variable|avantages|paie|tickets?[\s-]restaurant"
        r"|mutuelle|congés\s+payés|rtt)\b",
        "pay or benefits",
    ),
)
AFTER = (
    (
        r"\s*(?:par|/)\s*(?:semaine|jour|mois)\b|\s*(?:au\s+bureau|en\s+télétravail|sur\s+site)\b",
        "a work pattern",
    ),
    (
        r"[\s-]*(?:de\s+)?(?:cdd|contrat|période\s+d'essai|préavis|mission|stage|renouvelable)\b",
        "a contract or notice length",
    ),
    (r"\s+(?:plus\s+tôt|auparavant)\b", "a past duration"),
    (
        r"[\s-]*(?:de\s+)?(?:formation|intégration|onboarding|test|cas\s+pratique|exercice"
        r"|entretien|présentation|congés|rtt)\b",
        "a length of something else",
    ),
)
BEFORE = (
    (
        r"(?:\b(?:depuis|il\s+y\s+a|a\s+duré|ont\s+duré|pendant\s+les\s+(?:derniers|dernières))"
        r"\s+(?:environ\s+|près\s+de\s+|plus\s+de\s+|presque\s+)?)$",
        "a past duration",
    ),
    (
        r"\b(?:prise\s+de\s+(?:poste|fonctions?)|démarrage|démarrer|début\s+(?:du\s+contrat"
        r"|de\s+(?:la\s+)?mission)|commencer|intégrer\s+(?:l'équipe\s+)?|arrivée|embauche)\s+"
        r"(?:(?:prévue?|souhaitée?|serait|est|le|au|à\s+partir\s+du|dès\s+le|pour\s+le|en)\s+)*$",
        "a start date",
    ),
    (
        r"\b(?:entretiens?|rencontr\w*|échang\w*|appel|rendez-vous)(?:\s+\S+){0,3}\s+(?:du|le|de)"
        r"\s+$",
        "an interview or meeting",
    ),
    (r"(?:\bjusqu'(?:au|à|a)?|\bà\s+partir\s+du|\bdès\s+le|\bretour\s+(?:le|prévu\s+le))\s*$", ""),
)
HEADER_LINE = (
    r"^\s*(?:>+\s*)?(?:envoyé|date|sent)\s*:|^\s*(?:>+\s*)?le\b.*\ba\s+écrit\s*:?\s*$"
    r"|^\s*-+\s*(?:message\s+(?:d'origine|original)|original\s+message)"
)
ABBREVIATION = (
    r"\b(?:janv|févr|avr|juil|sept|oct|nov|déc|lun|mar|mer|jeu|ven|sam|dim|m|mme|mlle|dr|env|cf"
    r"|etc|n°|p\.\s?ex)$"
)
CLAUSE_BREAK = (
    r",|;|:|\s-\s|\(|\)|\b(?:et|mais|donc|alors\s+que|tandis\s+que|bien\s+que|car|parce\s+que"
    r"|cependant|toutefois|puis)\b"
)
HOLIDAY_BEFORE = r"avant|d'ici|pour"
HOLIDAY_AFTER = r"après|au\s+retour\s+(?:de|des)|pendant"
HOLIDAY_ARTICLE = r"(?:les|la|le|l')\s*"
HOLIDAY_SUFFIX = r"férié"
SEASON = (
    r"(?:fêtes(?:\s+de\s+fin\s+d'année)?|vacances\s+de\s+noël|congés\s+de\s+fin\s+d'année"
    r"|trêve\s+des\s+confiseurs)"
)
SEASON_NEEDS = ("fête", "vacances", "congés", "trêve")
HOLIDAY_NAMES = {
    "noël": r"noël|christmas",
    "noel": r"noël|christmas",
    "nouvel an": r"jour de l'an|new year",
    "jour de l'an": r"jour de l'an|new year",
    "pâques": r"pâques|easter",
    "toussaint": r"toussaint|all saints",
}
MARKS = (
    r"\b(?:nous|vous|votre|vos|notre|nos|pour|avec|merci|cordialement|bonjour|madame|monsieur"
    r"|est|une|sommes|serons|reviendrons|semaine|prochaine?|d'ici|bien|très|suite|entretien"
    r"|au|aux|du|ce|cette|mais|ou|bonne|journée|chère?|toi|tu|auras|aurez|vers|reviendr\w*"
    r"|revien\w*|faisons|avons|serez|retour)\b|[èêàçùâîôë]"
)

# -- replies ---------------------------------------------------------------------------------

REPLY_NEGATION = (
    r"(?:\bne\b|\bn'|\bpas\b|\baucun\w*|\bjamais\b|plutôt\s+que|au\s+lieu\s+de)[^.;!?]{0,25}$"
)
REPLY_REJECTION = (
    r"\b(?:"
    r"(?:retenu|choisi|sélectionné|privilégié|privilégier)\s+(?:une?\s+)?(?:autres?|d'autres)\s+"
    r"(?:candidat\w*|profils?|personne)"
    r"|(?:poursuivre|continuer|avancer)\s+(?:le\s+processus\s+|notre\s+processus\s+)?avec\s+"
    r"(?:un\s+|une\s+)?(?:autres?|d'autres)\s+(?:candidat|profil)\w*"
    r"|(?:pas|plus)\s+(?:en\s+mesure\s+de\s+)?(?:pouvoir\s+)?(?:donner\s+(?:une\s+)?suite(?:\s+favorable)?"
    r"|retenir\s+votre|poursuivre\s+(?:avec\s+vous|le\s+processus\s+avec\s+vous|votre\s+candidature))"
    r"|(?:pas|plus)\s+(?:en\s+mesure\s+de\s+)?(?:vous\s+)?(?:faire\s+d'offre|proposer\s+le\s+poste"
    r"|faire\s+de\s+proposition)"
    r"|pas\s+(?:été\s+)?retenue?|suite\s+défavorable|réponse\s+(?:négative|défavorable)"
    r"|(?:poste|offre)\s+(?:a\s+été|est)\s+(?:déjà\s+|désormais\s+|finalement\s+)?(?:pourvu\w*"
    r"|clôturé\w*|annulé\w*|gelé\w*)"
    r"|(?:avons|a)\s+(?:déjà\s+)?pourvu\s+(?:le|ce)\s+poste"
    r"|au\s+regret\s+de|regrettons\s+de\s+vous\s+(?:informer|annoncer)|avons\s+le\s+regret"
    r"|(?:correspond\w*|colle)\s+(?:davantage|plus|mieux)|(?:plus|davantage)\s+en\s+adéquation"
    r"|conserv\w+\s+(?:votre\s+)?(?:cv|candidature|profil)|vivier|cvthèque"
    r"|bonne\s+(?:continuation|chance)\s+(?:dans|pour)\s+(?:vos|votre|tes|ta)\s+(?:recherches?|projets?"
    r"|démarches?)"
    r"|(?:réussite|succès)\s+dans\s+(?:vos|votre)\s+(?:recherches?|démarches?|projets?)"
    r"|(?:gel|suspension)\s+des\s+recrutements|(?:pourvu|pourvoir)\s+(?:le\s+poste\s+)?en\s+interne"
    r"|(?:ne|n')\s*(?:correspond|répond|colle)\w*\s+pas|candidature\s+interne|(?:partons|part|partir|parti)\s+sur\s+(?:un\s+)?autre\s+profil"
    # "on part finalement sur quelqu'un d'autre"
    r"|(?:part|partons|partir|allons|va)\s+(?:finalement\s+)?sur\s+(?:quelqu'un\s+d'autre"
    r"|un\s+autre\s+profil|une\s+autre\s+candidature|un\s+autre\s+candidat"
    r"|une\s+autre\s+candidate)"
    # "c'est non pour cette fois", "ils sont partis sur un autre profil"
    r"|c'est\s+non\b"
    r"|(?:sont|est|sommes)\s+partis?\s+sur\s+(?:un\s+autre|une\s+autre|quelqu'un)"
    r")"
)
REPLY_OFFER = (
    r"\b(?:"
    r"(?:heureux|heureuse|ravis?|ravies?|plaisir)\s+(?:de\s+)?(?:vous\s+)?(?:proposer|faire\s+une"
    r"\s+(?:proposition|offre))"
    r"|vous\s+(?:proposer|faire)\s+(?:le\s+poste|une\s+(?:proposition|offre))"
    r"|proposition\s+d'(?:embauche|emploi)|promesse\s+d'embauche|offre\s+d'embauche"
    r"|(?:votre\s+candidature\s+a\s+été\s+retenue|vous\s+avez\s+été\s+retenue?)"
    r"(?!\w)(?!\s+pour\s+(?:la\s+suite|le\s+prochain|la\s+prochaine|l'étape|un\s|une\s))"
    r"|vous\s+(?:rejoignez|rejoindrez|allez\s+rejoindre)\s+(?:l'équipe|notre\s+équipe|nous)"
    r"|bienvenue\s+(?:dans\s+l'équipe|parmi\s+nous|à\s+bord|chez)"
    r"|(?:ci-joint|vous\s+trouverez\s+ci-joint)\s+(?:votre|notre|la)\s+(?:proposition|offre"
    r"|promesse|contrat)"
    # "on aimerait que tu rejoignes l'équipe", "nous souhaitons vous engager", "notre accord pour
    # ton embauche"
    r"|(?:aimerait|aimerions|souhaitons|souhaiterions|voudrions|voulons)\s+(?:beaucoup\s+"
    r"|vraiment\s+)?(?:que\s+(?:tu|vous)\s+rejoign\w+|vous\s+engager|t'engager|vous\s+embaucher"
    r"|t'embaucher|vous\s+recruter|te\s+recruter|vous\s+accueillir\s+(?:au\s+sein|dans))"
    r"|(?:notre\s+)?accord\s+pour\s+(?:ton|votre)\s+(?:embauche|recrutement)"
    r"|(?:en\s+pièce\s+jointe|ci-joint\w*)\s+(?:\w+\s+){0,2}(?:notre|votre|ta"
    r"|la)\s+(?:proposition|promesse\s+d'embauche|offre)"
    r"|promesse\s+d'embauche"
    # "M. le Maire a retenu votre candidature pour le poste", "on aimerait t'offrir le poste", "te
    # confirmer ton embauche"
    r"|(?:a|avons|ont)\s+retenu\s+(?:votre|ta)\s+candidature\s+pour\s+le\s+poste"
    r"|(?:vous|t')\s*offrir\s+le\s+poste|(?:aimerait|aimerions|souhaitons)\s+(?:vous|t')\s*offrir"
    r"|(?:vous|te)\s+confirmer\s+(?:votre|ton)\s+(?:embauche|recrutement)"
    r")"
)
REPLY_NEXT_ROUND = (
    r"\b(?:"
    r"(?:second|deuxième|dernier|prochain|nouvel|troisième|ultime)\s+(?:entretien|tour|échange"
    r"|rendez-vous)"
    r"|(?:entretien|tour)\s+(?:final|suivant|technique)"
    r"|(?:prochaine|dernière)\s+étape\s+(?:sera|est|consiste|serait)"
    r"|(?:invit\w*|convier|convions|convoquer)\s+(?:à|pour)"
    r"|(?:souhaiterions|aimerions|voudrions|souhaitons|aimerait)\s+(?:vous|te)\s+(?:rencontrer|revoir"
    r"|présenter|faire\s+rencontrer)"
    r"|cas\s+pratique|étude\s+de\s+cas|test\s+technique"
    r"|retenue?\s+pour\s+(?:la\s+suite|le\s+prochain|la\s+prochaine|l'étape|un\s+(?:second"
    r"|deuxième|dernier))"
    # "nous souhaiterions vous faire rencontrer notre directeur"
    r"|vous\s+faire\s+rencontrer|te\s+faire\s+rencontrer"
    r"|(?:souhaiterions|aimerions|voudrions|aimerait)\s+(?:maintenant\s+|ensuite\s+)?(?:vous"
    r"|te)\s+(?:présenter\s+à|faire\s+rencontrer|(?:re)?voir)"
    # "vous êtes convoquée à un entretien", "vous passez à l'étape suivante", a trial day
    r"|(?:êtes|es)\s+convoqué\w*\s+(?:à|a)\s+un\s+(?:entretien|oral|épreuve)"
    r"|pass(?:ez|es)\s+(?:à|a)\s+l'étape\s+suivante"
    r"|journée\s+d'essai|période\s+d'immersion|mise\s+en\s+situation"
    r")"
)
REPLY_OUT_OF_OFFICE = (
    r"\b(?:"
    r"réponse\s+automatique|message\s+d'absence|absence\s+du\s+bureau|out\s+of\s+office"
    r"|(?:je\s+suis|je\s+serai)\s+[^;!?]{0,50}?(?:absente?|en\s+congés?|en\s+vacances"
    r"|en\s+déplacement|hors\s+du\s+bureau|en\s+arrêt|en\s+congé\s+(?:maternité|parental)"
    r"|indisponible|injoignable)"
    r"|je\s+serai\s+de\s+retour|dès\s+mon\s+retour|à\s+mon\s+retour|actuellement\s+absente?"
    # "je suis en formation cette semaine", "je serai de nouveau joignable à partir du"
    r"|(?:je\s+suis|je\s+serai)\s+[^;!?]{0,30}?en\s+(?:formation|séminaire|déplacement|congé)"
    r"|(?:je\s+serai|serai)\s+(?:de\s+nouveau\s+)?joignable\s+(?:à\s+partir|dès)"
    r")"
)
REPLY_RETURN = (
    r"(?:jusqu|retour|partir\s+du|dès\s+le|reprendrai|rentrerai|reviendrai)[^.;!?]{0,20}$"
)
REPLY_UPDATE = (
    r"\b(?:"
    r"toujours\s+en\s+(?:cours|réflexion)|pas\s+encore\s+(?:pris|arrêté|de\s+décision)"
    r"|aucune\s+décision|retard\w*|prend\s+(?:un\s+peu\s+)?plus\s+de\s+temps|patience"
    r"|en\s+attente|suspendu|point\s+d'étape|reviendrons\s+vers\s+vous|reviens\s+vers\s+vous"
    r"|tiendrons\s+informée?|tenir\s+informée?|décision|processus\s+(?:est\s+)?(?:toujours\s+)?"
    r"en\s+cours|toujours\s+en\s+lice|point\s+sur"
    r")"
)
