"""Spanish: how recruiters in Spain and Latin America write about a decision.

Patterns run on lower-case text. Slots (``<MONTH>``, ``<DAY_NAME>``, ``<NUM>``, ``<UNIT>``...)
are filled in from the tables below; each rule names the resolver of ``app.domain.timeline``
that turns its match into a day.
"""

CODE = "es"

#: Letters people leave out when typing fast or without the layout ("desole", "manana"): the
#: reader's patterns match both spellings.
PLAIN_SPELLINGS = {"á": "a", "é": "e", "í": "i", "ó": "o", "ú": "u", "ñ": "n"}
MONTHS = {
    "enero": 1,
    "ene": 1,
    "febrero": 2,
    "feb": 2,
    "marzo": 3,
    "abril": 4,
    "abr": 4,
    "mayo": 5,
    "junio": 6,
    "jun": 6,
    "julio": 7,
    "jul": 7,
    "agosto": 8,
    "ago": 8,
    "septiembre": 9,
    "setiembre": 9,
    "sept": 9,
    "sep": 9,
    "octubre": 10,
    "oct": 10,
    "noviembre": 11,
    "nov": 11,
    "diciembre": 12,
    "dic": 12,
}
WEEKDAYS = {
    "lunes": 0,
    "martes": 1,
    "miércoles": 2,
    "miercoles": 2,
    "jueves": 3,
    "viernes": 4,
    "sábado": 5,
    "sabado": 5,
    "domingo": 6,
}
NUMBERS = {
    "un": 1,
    "una": 1,
    "uno": 1,
    "dos": 2,
    "tres": 3,
    "cuatro": 4,
    "cinco": 5,
    "seis": 6,
    "siete": 7,
    "ocho": 8,
    "nueve": 9,
    "diez": 10,
    "once": 11,
    "doce": 12,
    "quince": 15,
    "veinte": 20,
    "treinta": 30,
    "veinticuatro": 24,
    "cuarenta y ocho": 48,
    "setenta y dos": 72,
    "un par de": 2,
    "par de": 2,
    "unos pocos": 3,
    "unas pocas": 3,
    "unos": 3,
    "unas": 3,
    "algunos": 3,
    "algunas": 3,
    "varios": 4,
    "varias": 4,
    "decena": 10,
    "veintena": 20,
}
UNITS = (
    (r"d[ií]as?\s+(?:h[aá]biles|laborables|laborales)", "business"),
    (r"d[ií]as?", "day"),
    (r"semanas?", "week"),
    (r"mes(?:es)?", "month"),
)
PARTS = {
    "principios": "early",
    "comienzos": "early",
    "inicios": "early",
    "primeros días": "early",
    "mediados": "mid",
    "finales": "end of",
    "final": "end of",
    "fin": "end of",
    "últimos días": "end of",
}

_DIGIT_H = ("0h", "1h", "2h", "3h", "4h", "5h", "6h", "7h", "8h", "9h")
_MONTH_NEEDS = tuple(MONTHS)
_DAY_NEEDS = ("lunes", "martes", "rcoles", "jueves", "viernes", "bado", "domingo")
_UNIT_NEEDS = ("día", "dia", "semana", "mes")
_NEXT_WEEK = r"(?:próxima\s+semana|semana\s+que\s+viene|semana\s+próxima)"
_PART = r"(?:principios|comienzos|inicios|mediados|finales|final|fin)"

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
    (
        r"\b(?P<day>\d{1,2})\s+(?:de\s+)?<MONTH>(?!\w)(?:,?\s+(?:de\s+|del\s+)?(?P<year>\d{4}))?",
        "month_name",
        _MONTH_NEEDS,
    ),
    (
        r"\b(?:el|día|del)\s+(?:día\s+)?(?P<day>[12]?\d|3[01])\b(?!\s*(?:de\s+<ANY_MONTH>"
        r"|<ANY_MONTH>|[/.:h]\s?\d|h\b|%|€|años?|d[ií]as?|semanas?|mes|horas?|personas|candidat))",
        "ordinal_day",
        ("el ", "día ", "del "),
    ),
    (
        r"\b(?:la\s+)?semana\s+del\s+(?:lunes\s+)?(?:(?P<day>\d{1,2})\s+(?:de\s+)?<MONTH>"
        r"|(?P<first>\d{1,2})/(?P<second>\d{1,2}))",
        "week_commencing",
        ("semana del",),
    ),
    (
        r"\b(?:el\s+)?<DAY_NAME>,?\s+(?:día\s+)?(?P<day>[12]?\d|3[01])\b(?!\s*(?:de\s+)?<ANY_MONTH>"
        r"|[/.:]\d|\s*h\b|\s*horas)",
        "ordinal_day",
        _DAY_NEEDS,
    ),
    (
        r"\b(?:en|dentro\s+de)\s+(?:una\s+)?(?P<count>decena|veintena)\s+de\s+<UNIT>",
        "amount",
        ("decena", "veintena"),
    ),
    (r"\bsemana\s+(?:n\.?º\s*)?(?P<kw>\d{1,2})\b", "calendar_week", ("semana",)),
    (
        r"\b(?:(?:el\s+|este\s+)?(?:(?P<next>próximo)\s+)?)<DAY_NAME>(?:\s+(?P<nextweek>que\s+viene"
        r"|próximo|de\s+la\s+" + _NEXT_WEEK + r"))?(?!\w)",
        "weekday",
        _DAY_NEEDS,
    ),
    (
        r"\b(?:(?:a|para)\s+)?(?:finales|final|fin)\s+de\s+(?:esta|la)\s+semana\b"
        r"(?!\s+(?:que\s+viene|próxima))|\b(?:en\s+)?esta\s+(?:misma\s+)?semana\b"
        r"|\b(?:antes\s+del|para\s+el)\s+fin\s+de\s+semana\b"
        r"|\ben\s+lo\s+que\s+queda\s+de\s+semana\b"
        r"|\ba\s+lo\s+largo\s+de\s+(?:esta|la)\s+semana\b(?!\s+(?:que\s+viene|próxima))",
        "this_week_end",
        ("semana",),
    ),
    (
        r"\b(?:(?:a\s+|para\s+)?(?:finales|final|fin)\s+de\s+)?(?:la\s+|durante\s+la\s+"
        r"|a\s+lo\s+largo\s+de\s+la\s+)?" + _NEXT_WEEK + r"\b",
        "next_week_end",
        ("semana",),
    ),
    (
        r"\b(?:(?:a\s+)?(?:finales|final)\s+de\s+)?la\s+semana\s+(?:siguiente|después)\b"
        r"(?!\s+de\b)",
        "following_week_end",
        ("semana",),
    ),
    (
        r"\b(?P<count><NUM>)\s+<UNIT>\s+(?:después|más\s+tarde)\b(?!\s+de\b)",
        "following_amount",
        ("después", "más tarde"),
    ),
    (
        r"\b(?:a\s+)?(?:principios|comienzos|inicios)\s+de\s+(?:la\s+)?" + _NEXT_WEEK + r"\b",
        "early_next_week",
        ("semana",),
    ),
    (
        r"\b(?:a\s+)?mediados\s+de\s+(?:la\s+)?" + _NEXT_WEEK + r"\b",
        "mid_next_week",
        ("semana",),
    ),
    (
        r"\b(?:en|dentro\s+de|durante|en\s+(?:un\s+)?plazo\s+(?:máximo\s+)?de|en\s+el\s+plazo\s+de"
        r"|en\s+los|en\s+las|de\s+aquí\s+a)\s+(?:unos\s+|unas\s+|aproximadamente\s+|los\s+|las\s+"
        r"|próximos\s+|próximas\s+)*(?P<count><NUM>)\s+(?:próximos\s+|próximas\s+)?<UNIT>(?!\w)",
        "amount",
        _UNIT_NEEDS,
    ),
    (
        r"\b(?P<count>\d{1,2}|dos|tres|cuatro|cinco|seis|siete|ocho|diez|quince|un\s+par\s+de"
        r"|unos\s+pocos|unas\s+pocas|unos|unas|algunos|algunas|varios|varias)\s*<UNIT>(?!\w)",
        "amount",
        _UNIT_NEEDS,
    ),
    (
        r"\b(?P<low><NUM>)\s*(?:-|a|o|u)\s*(?P<high><NUM>)\s+<UNIT>(?!\w)",
        "range",
        _UNIT_NEEDS,
    ),
    (
        r"\b(?:(?:en|dentro\s+de|en\s+las\s+próximas)\s+)?(?<!las )(?:(?P<low>\d{1,3})\s*(?:-|a)"
        r"\s*)?(?P<count>\d{1,3}|veinticuatro|cuarenta\s+y\s+ocho|setenta\s+y\s+dos)\s*(?:horas|h)"
        r"\b(?!\s*\d)",
        "hours",
        ("hora", *_DIGIT_H),
    ),
    (
        r"\b(?:(?:en|dentro\s+de)\s+(?:una\s+)?)?quincena\b",
        "fifteen_days",
        ("quincena",),
    ),
    (
        r"\b(?:en|durante)\s+los\s+próximos\s+d[ií]as\b|\ben\s+los\s+d[ií]as\s+que\s+vienen\b",
        "few_days",
        ("próximos", "vienen"),
    ),
    (
        r"\b(?:el\s+)?próximo\s+d[ií]a\s+(?:hábil|laborable)\b",
        "next_business_day",
        ("próximo",),
    ),
    (
        r"\b(?:(?:a|para|antes\s+de)\s+)?(?:finales|final|fin)\s+(?:de\s+este|del|de)\s+mes\b"
        r"(?!\s+(?:que\s+viene|próximo))",
        "this_month_end",
        ("mes",),
    ),
    (
        rf"\b(?:(?:a\s+)?(?P<part>{_PART})\s+(?:del|de)\s+)?(?:el\s+)?(?:próximo\s+mes"
        r"|mes\s+que\s+viene|mes\s+próximo)\b",
        "next_month_part",
        ("mes",),
    ),
    (
        r"\b(?:a\s+)?(?P<part>principios|comienzos|inicios|mediados|finales|final|fin"
        r"|primeros\s+días|últimos\s+días)\s+de\s+<MONTH>(?!\w)(?!\s*\d)",
        "named_month_part",
        _MONTH_NEEDS,
    ),
    (
        r"\b(?:en|durante|a\s+lo\s+largo\s+de|durante\s+el\s+mes\s+de|en\s+el\s+mes\s+de)\s+"
        r"<MONTH>(?!\w)(?!\s*\d)",
        "in_month",
        _MONTH_NEEDS,
    ),
    (
        r"\b(?:(?:a|para|antes\s+de)\s+)?(?:finales|final|fin)\s+(?:de\s+este|del|de)\s+año\b"
        r"(?!\s+que\s+viene)|\bfinales\s+de\s+(?P<y>20\d\d)\b",
        "year_end",
        ("año", "de 20"),
    ),
    (
        r"\b(?:a\s+)?(?:principios|comienzos|inicios)\s+del\s+(?:próximo\s+año|año\s+que\s+viene)"
        r"\b",
        "early_next_year",
        ("año",),
    ),
    (r"(?<!esta )(?<!la )(?<!pasado )\bmañana\b", "tomorrow", ("mañana",)),
    (r"\bpasado\s+mañana\b", "day_after_tomorrow", ("mañana",)),
    (
        r"\b(?:hoy(?:\s+mismo)?|esta\s+tarde|antes\s+del\s+final\s+del\s+día)\b",
        "today",
        ("hoy", "tarde", "final del"),
    ),
)

DECISION = (
    r"\b(?:decid\w*|decisi[oó]n\w*|respuesta\w*|respond\w*|contest\w*|inform\w*|comunic\w*"
    r"|noticias|novedades|avis\w*|contact\w*|volver\w*\s+a\s+(?:contactar|escribir|llamar)"
    r"|nos\s+pondremos|próximos\s+pasos|siguientes\s+pasos|resultado\w*|feedback|valoraci[oó]n\w*"
    r"|valorar|seleccionar\w*|seleccionaremos|elegir|finaliz\w*|cerrar\s+el\s+proceso|conclu\w*"
    r"|resolver|resoluci[oó]n|llam(?:ar\w*|o|amos)|escrib\w*|saber\s+algo|sabrás|sabrá|diremos"
    r"|dir[eé](?!\w)|decimos|confirm\w*"
    r"|aprobaci[oó]n|aprobar|validar|validaci[oó]n|veredicto)"
)
DISTRACTORS = (
    (
        r"\b(?:fuera\s+de\s+la\s+oficina|ausente|ausencia|de\s+vacaciones|vacaciones|de\s+baja"
        r"|baja\s+(?:médica|por\s+maternidad|por\s+paternidad)|de\s+viaje|viajando|de\s+vuelta"
        r"|volveré|vuelvo|estar[eé]\s+fuera|estoy\s+fuera|regres\w*|me\s+incorporo"
        r"|me\s+incorporaré|respuesta\s+automática|sin\s+acceso"
        r"|acceso\s+limitado|cerrad[oa]s?|no\s+estar[eé]\s+disponible|no\s+estoy)\b",
        "an absence",
    ),
    (
        r"\b(?:incorporaci[oó]n|incorporarte|incorporarse|incorporaría|empez\w*|comenz\w*"
        r"|inicio\s+(?:del\s+contrato|de\s+la\s+relación)|fecha\s+de\s+(?:inicio|alta)"
        r"|alta\s+en|onboarding|primer\s+día|arranque)\b",
        "a start date",
    ),
    (
        r"\b(?:contrato\w*|temporal|indefinido|per[ií]odo\s+de\s+prueba|preaviso|interinidad"
        r"|sustituci[oó]n|prácticas|becari\w*|obra\s+y\s+servicio)\b",
        "a contract or notice length",
    ),
    (
        r"\b(?:h[ií]brido|remoto|teletrabajo|en\s+remoto|presencial\w*|en\s+la\s+oficina"
        r"|d[ií]as?\s+(?:a\s+la|por)\s+semana|horas\s+(?:a\s+la|por)\s+semana|horario\w*"
        r"|jornada\w*|turnos?|guardias?|24/7)\b",
        "a work pattern",
    ),
    (
        r"\b(?:dur[oó]|tard[oó]|llevamos|desde\s+hace|hace|el\s+último\s+proceso"
        r"|la\s+última\s+vez|anterior\w*)\b",
        "a past duration",
    ),
    (
        r"\b(?:entrevista\w*|reuni[oó]n\w*|reunirnos|conversaci[oó]n|charla|llamada|videollamada"
        r"|visita|conocer(?:te|le|nos)|presentaci[oó]n|prueba\s+técnica|caso\s+práctico"
        r"|disponibilidad|hueco|teams|zoom|meet|ronda|fase)\b",
        "an interview or meeting",
    ),
    (
        r"\b(?:plazo\s+de\s+inscripci[oó]n|fecha\s+límite\s+para\s+(?:aplicar|postular)"
        r"|oferta\s+publicada|postulaste|inscribiste"
        # how long the application's data is kept (RGPD, LOPDGDD)
        r"|conserv\w+\s+(?:tus|sus)\s+(?:datos|cv)|(?:tus|sus)\s+datos|rgpd|lopd\w*"
        r"|datos\s+personales)\b",
        "the application",
    ),
    (
        r"\b(?:salario\w*|sueldo|retribuci[oó]n|bonus|beneficios|nómina|pagas?)\b",
        "pay or benefits",
    ),
)
AFTER = (
    (
        r"\s*(?:a\s+la|por|al|/)\s*(?:semana|día|mes)\b|\s*(?:en\s+(?:la\s+)?oficina"
        r"|de\s+teletrabajo|en\s+remoto|presenciales)\b",
        "a work pattern",
    ),
    (
        r"[\s-]*(?:de\s+)?(?:contrato|prueba|preaviso|prácticas|sustituci[oó]n|temporal"
        r"|renovable)\b",
        "a contract or notice length",
    ),
    (r"\s+atrás\b", "a past duration"),
    (
        r"[\s-]*(?:de\s+)?(?:formaci[oó]n|onboarding|vacaciones|prueba\s+técnica|caso\s+práctico"
        r"|entrevista|presentaci[oó]n)\b",
        "a length of something else",
    ),
)
BEFORE = (
    (
        r"(?:\b(?:desde\s+hace|hace|dur[oó]|tard[oó]|llevamos|durante\s+las?\s+últim[oa]s)\s+"
        r"(?:unos\s+|unas\s+|casi\s+|más\s+de\s+|aproximadamente\s+)?)$",
        "a past duration",
    ),
    (
        r"\b(?:incorporaci[oó]n|incorporarte|incorporarse|incorporaría|empezar\w*|empezaría\w*"
        r"|comenzar\w*|inicio|alta)\s+(?:(?:sería|es|está\s+prevista|prevista|el|la|para"
        r"|a\s+partir\s+del?|desde|en)\s+)*$",
        "a start date",
    ),
    (
        r"\b(?:entrevista\w*|reuni[oó]n\w*|conversaci[oó]n|llamada|charla)(?:\s+\S+){0,3}\s+"
        r"(?:del|de|el)\s+$",
        "an interview or meeting",
    ),
    (
        r"\b(?:hasta\s+el|hasta|a\s+partir\s+del?|desde\s+el|de\s+vuelta\s+el|regreso\s+el"
        r"|vuelvo\s+el|volveré\s+el)\s*$",
        "",
    ),
)
HEADER_LINE = (
    r"^\s*(?:>+\s*)?(?:enviado(?:\s+el)?|fecha|sent|date)\s*:"
    r"|^\s*(?:>+\s*)?el\b.*\bescribi[oó]\s*:?\s*$"
    r"|^\s*-+\s*(?:mensaje\s+original|original\s+message)"
)
ABBREVIATION = (
    r"\b(?:ene|feb|abr|jun|jul|ago|sept?|oct|nov|dic|lun|mar|mié|jue|vie|sáb|dom|sr|sra|srta"
    r"|dr|dra|d|dña|etc|aprox|pág|núm)$"
)
CLAUSE_BREAK = (
    r",|;|:|\s-\s|\(|\)|\b(?:y|pero|aunque|porque|mientras|sin\s+embargo|así\s+que|pues)\b"
)
HOLIDAY_BEFORE = r"antes\s+de|para|hasta"
HOLIDAY_AFTER = (
    r"(?:la\s+semana\s+)?después\s+de|tras|pasad[oa]s?|a\s+la\s+vuelta\s+de"
    r"|la\s+semana\s+siguiente\s+a"
)
HOLIDAY_ARTICLE = r"(?:las|la|los|el)\s+"
HOLIDAY_SUFFIX = r"festivos?"
SEASON = (
    r"(?:fiestas(?:\s+navideñas|\s+de\s+navidad)?|vacaciones\s+de\s+navidad|navidades"
    r"|fiestas\s+de\s+fin\s+de\s+año)"
)
SEASON_NEEDS = ("fiestas", "navidades", "vacaciones")
HOLIDAY_NAMES = {
    "navidad": r"natividad|navidad|christmas",
    "año nuevo": r"año nuevo|new year",
    "reyes": r"reyes|epiphany|epifan",
    "semana santa": r"viernes santo|good friday",
}
MARKS = (
    r"\b(?:gracias|saludos|hola|estimad[oa]s?|nosotros|usted|ustedes|para|con|los|las|una|del"
    r"|el|pondremos|semana|por|muy|cordiales?|atentamente|quedo|quedamos|hemos|estamos|tenemos"
    r"|proceso|candidatura|puesto|contigo|te\s+escribo|equipo|saludo|algo|semanas|decimos"
    r"|contestamos|tendrás|tendrá|nuestr[oa]s?|como|tarde|sin|falta|lunes|martes|jueves|viernes"
    r"|esta|este|hola)\b|[ñáíóú¿¡]|\b\w+(?:aremos|eremos|iremos)\b"
)

# -- replies ---------------------------------------------------------------------------------

REPLY_NEGATION = r"\b(?:no|nunca|ningún|ninguna|en\s+lugar\s+de|en\s+vez\s+de)\b[^.;!?]{0,25}$"
REPLY_REJECTION = (
    r"\b(?:"
    r"(?:decidido|optado|elegido)\s+(?:por\s+)?(?:continuar|seguir|avanzar|proseguir)\s+"
    r"(?:el\s+proceso\s+)?con\s+(?:otr[oa]s?|un\s+perfil|una\s+persona|un\s+candidato\s+interno)"
    r"|(?:continuar|seguir|avanzar)\s+(?:el\s+proceso\s+|adelante\s+)?con\s+otr[oa]s?\s+"
    r"(?:candidat|perfil|persona)\w*"
    r"|(?:seleccionado|elegido|optado\s+por|decantado\s+por|apostado\s+por)\s+(?:a\s+)?(?:otr[oa]"
    r"|un\s+perfil|una\s+candidata|un\s+candidato)"
    r"|(?:ajust\w*|adecu\w*|encaj\w*)\s+(?:más|mejor)"
    r"|no\s+(?:ha|has|han)\s+(?:sido|resultado)\s+(?:seleccionad|elegid)\w*"
    r"|no\s+(?:vamos\s+a|podemos|podremos)\s+(?:continuar|seguir|avanzar)"
    r"|no\s+(?:podemos|podremos|vamos\s+a\s+poder)\s+(?:ofrecer(?:te|le)|hacer(?:te|le)\s+una\s+"
    r"oferta)|lamentablemente,?\s+no\b"
    r"|no\s+(?:continuar|seguir|avanzar)\s+(?:adelante\s+)?con\s+(?:tu|su)"
    r"|no\s+(?:encaj\w*|se\s+ajust\w*|se\s+adecu\w*|cumple\w*)"
    r"|(?:puesto|posición|vacante|plaza)\s+(?:ya\s+)?(?:ha\s+sido|fue|está)\s+(?:ya\s+)?"
    r"(?:cubiert[oa]|ocupad[oa]|cancelad[oa]|cerrad[oa]|congelad[oa])"
    r"|(?:hemos|ya\s+hemos)\s+cubierto\s+(?:el|la|este|esta)\s+(?:puesto|posición|vacante|plaza)"
    r"|cubrir\s+(?:el\s+puesto\s+|la\s+posición\s+|la\s+vacante\s+)?(?:de\s+forma\s+|a\s+nivel\s+)?"
    r"intern\w*|promoci[oó]n\s+interna|candidat[oa]\s+intern[oa]"
    r"|lamentamos\s+(?:comunicarte|comunicarle|informarte|informarle|decirte)"
    r"|sentimos\s+(?:comunicarte|comunicarle|informarte|informarle)"
    r"|(?:mucha\s+)?suerte\s+en\s+(?:tu|su)\s+(?:búsqueda|futuro|carrera|próximos)"
    r"|éxito\s+en\s+(?:tu|su)\s+(?:búsqueda|futuro|carrera)"
    r"|(?:guardaremos|conservaremos|mantendremos)\s+(?:tu|su)\s+(?:cv|curr[ií]culum|candidatura"
    r"|perfil)|bolsa\s+de\s+(?:empleo|candidatos|talento)"
    r"|congelaci[oó]n\s+de\s+(?:contrataciones|plantilla)|proceso\s+(?:ha\s+sido\s+)?"
    r"(?:cancelado|congelado)|desestimad[oa]|descartad[oa]"
    # "su candidatura no continuará en el proceso de selección"
    r"|no\s+continuará\s+en\s+el\s+proceso|no\s+(?:continúa|sigue|seguirá|avanzará"
    r"|avanza)\s+en\s+el\s+proceso"
    # "no ha superado la fase de entrevista", "no se dio", "el cliente se fue por otra persona"
    r"|no\s+ha\s+superado|no\s+has\s+superado"
    r"|no\s+se\s+dio\b"
    r"|se\s+(?:fue|decidió|decidio|inclinó|inclino)\s+por\s+otr[oa]"
    r")"
)
REPLY_OFFER = (
    r"\b(?:"
    r"(?:encantad[oa]s?|content[oa]s?|alegra|placer|gusto)\s+(?:de\s+)?(?:poder\s+)?"
    r"(?:ofrecer(?:te|le)|hacer(?:te|le)\s+una\s+oferta)"
    r"|ofrecer(?:te|le)\s+(?:el\s+puesto|la\s+posición|una\s+oferta)"
    r"|hacer(?:te|le)\s+una\s+(?:oferta|propuesta)"
    r"|(?:oferta|propuesta|carta\s+de\s+oferta)\s+(?:formal\s+)?(?:de\s+(?:trabajo|empleo"
    r"|contratación)|económica)"
    r"|(?:te|le)\s+(?:adjuntamos|enviamos|remitimos)\s+(?:la|nuestra)\s+(?:oferta|propuesta"
    r"|carta\s+de\s+oferta)"
    r"|(?:has|ha)\s+sido\s+(?:seleccionad[oa]|elegid[oa])\s+(?:para\s+(?:el\s+puesto"
    r"|la\s+posición)|como)"
    r"|bienvenid[oa]\s+(?:al\s+equipo|a\s+bordo|a\s+la\s+empresa)|el\s+puesto\s+es\s+tuyo"
    # "queremos que te unas al equipo", "hemos decidido contar con usted", "carta oferta"
    r"|queremos\s+que\s+(?:te\s+unas|se\s+una|formes\s+parte|forme\s+parte)"
    r"|(?:decidido|decidimos)\s+contar\s+con\s+(?:usted|contigo|vos)"
    r"|carta\s+(?:de\s+)?oferta"
    r"|(?:ha|has)\s+sido\s+seleccionad[oa]\s+para\s+(?:ocupar|el\s+puesto|la\s+vacante"
    r"|la\s+posición|incorporarte|incorporarse)"
    r"|(?:te|le)\s+adjunto\s+(?:la|nuestra)\s+(?:propuesta|oferta)"
    # "fuiste seleccionada para la vacante", "te queremos en el equipo"
    r"|(?:fuiste|fue|has\s+sido|ha\s+sido)\s+seleccionad[oa]\s+para\s+(?:la\s+vacante|el\s+puesto"
    r"|la\s+plaza|la\s+posición)"
    r"|te\s+queremos\s+en\s+el\s+equipo|(?:la|una)\s+propuesta\s+formal"
    r")"
)
REPLY_NEXT_ROUND = (
    r"\b(?:"
    r"(?:segunda|siguiente|próxima|última|tercera|nueva|otra)\s+(?:entrevista|fase|ronda"
    r"|reunión|etapa)"
    r"|(?:entrevista|reunión)\s+(?:final|técnica|presencial|con\s+(?:el|la|nuestr[oa])\s+"
    r"(?:director|directora|ceo|cto|responsable|manager|equipo))"
    r"|(?:invitar(?:te|le)|convocar(?:te|le))\s+a"
    r"|(?:conocer(?:te|le)|ver(?:te|le))\s+(?:en\s+persona|de\s+nuevo|otra\s+vez)"
    r"|(?:gustaría|encantaría|queremos)\s+(?:conocer(?:te|le)|que\s+conozcas|presentar(?:te|le))"
    r"|prueba\s+técnica|caso\s+práctico"
    r"|(?:pasas|pasa|has\s+pasado|ha\s+pasado)\s+a\s+la\s+(?:siguiente|próxima|última)"
    r"|siguiente\s+paso\s+(?:es|será|sería)\s+(?:una?|la|el)"
    # "nos gustaría que conociera a nuestro director general"
    r"|(?:nos\s+gustaría|queremos|quisiéramos)\s+que\s+(?:conociera|conozca|conocieras|conozcas"
    r"|hablara|hable|hablaras|hables)\s+(?:a|con)"
    # a kitchen trial, a demo lesson, "quiere que tengas una charla con el gerente"
    r"|(?:hacer|realizar)\s+una\s+prueba|clase\s+de\s+prueba|día\s+de\s+prueba"
    r"|jornada\s+de\s+prueba"
    r"|(?:tengas|tenga)\s+una\s+(?:charla|entrevista|reunión|conversación)\s+con"
    r")"
)
REPLY_OUT_OF_OFFICE = (
    r"\b(?:"
    r"respuesta\s+automática|fuera\s+de\s+la\s+oficina|out\s+of\s+office"
    r"|(?:estoy|estaré)\s+fuera\b"
    r"|(?:estoy|estaré|me\s+encuentro)\s+[^;!?]{0,50}?(?:de\s+vacaciones|de\s+viaje|de\s+baja"
    r"|ausente|sin\s+acceso|con\s+acceso\s+limitado|disfrutando)"
    r"|a\s+mi\s+(?:vuelta|regreso)|cuando\s+(?:vuelva|regrese)"
    # "en este momento no me encuentro en la oficina"
    r"|no\s+me\s+encuentro\s+en\s+la\s+oficina"
    r")"
)
REPLY_RETURN = (
    r"(?:hasta|vuelta|regreso|regresaré|volveré|vuelvo|incorporo|incorporaré|a\s+partir\s+del?"
    r"|desde\s+el)\b[^.;!?]{0,20}$"
)
REPLY_UPDATE = (
    r"\b(?:"
    r"seguimos\s+(?:en\s+(?:el\s+)?proceso|valorando|evaluando|revisando|entrevistando)"
    r"|todavía\s+no\s+(?:hemos|tenemos)|aún\s+no\s+(?:hemos|tenemos)|sin\s+(?:una\s+)?decisión"
    r"|retras\w*|se\s+(?:está\s+)?alargando|paciencia|en\s+pausa|paralizado"
    r"|(?:te|le)\s+mantendremos\s+informad[oa]|mantener(?:te|le)\s+informad[oa]"
    r"|nos\s+pondremos\s+en\s+contacto|decisi[oó]n|sigues?\s+en\s+el\s+proceso|novedades"
    r")"
)
