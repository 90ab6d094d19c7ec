"""Shared French vocabularies, compiled into the extractors' patterns.

Kept in one place so that every rule speaks the same French: month names, scale
words, currencies, qualifiers.  Each table maps a surface form (lower case,
accents kept) to what it means.
"""
from __future__ import annotations

import regex

# Apostrophes: French text uses the ASCII one and the typographic one (U+2019).
APOS = "['’]"
# Spaces that may separate groups of digits in French typography: a plain space,
# a no-break space (U+00A0) and a narrow no-break space (U+202F, the one the
# Imprimerie nationale recommends before % and between thousands).
SP = "[ \u00a0\u202f]"
# Any horizontal space between words, including the no-break ones.
WS = "[ \t\u00a0\u202f]+"

MONTHS = {
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5,
    "juin": 6, "juillet": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10,
    "novembre": 11, "décembre": 12, "decembre": 12,
    # abbreviations used in press datelines
    "janv.": 1, "févr.": 2, "fevr.": 2, "avr.": 4, "juil.": 7, "sept.": 9,
    "oct.": 10, "nov.": 11, "déc.": 12, "dec.": 12, "fév.": 2, "fev.": 2,
}
# Short months written without their dot (`15 fév 2013`, `1 janv`): months only
# right after a day number, as `sept` alone is seven and `oct` may be anything.
MONTHS_SHORT = {"janv": 1, "jan": 1, "sep": 9, "févr": 2, "fevr": 2, "fév": 2, "fev": 2, "avr": 4, "juil": 7,
                "sept": 9, "oct": 10, "nov": 11, "déc": 12, "dec": 12}
# Feasts that date a day: (month, day); days after Easter Sunday; or the rule named.
# The keys are also the pattern, as written (lower case matches any case of the first letter).
HOLIDAYS = {"noël": (12, 25), "toussaint": (11, 1), "saint-sylvestre": (12, 31),
            "saint-valentin": (2, 14), "saint-jean": (6, 24), "saint-patrick": (3, 17), "saint-nicolas": (12, 6),
            "nouvel an": (1, 1), "chandeleur": (2, 2), "halloween": (10, 31), "épiphanie": (1, 6),
            "Assomption": (8, 15), "Armistice": (11, 11),
            "fête du travail": (5, 1), "fête nationale": (7, 14), "fête de la musique": (6, 21),
            "pâques": 0, "lundi de pâques": 1, "vendredi saint": -2, "mardi gras": -47,
            "Ascension": 39, "jeudi de l'Ascension": 39, "pentecôte": 49, "lundi de pentecôte": 50,
            "fête des mères": "mothers", "fête des pères": "fathers"}

WEEKDAYS = {"lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4,
            "samedi": 5, "dimanche": 6}

# EDTF level 2 sub-year groupings: 21-24 seasons, 33-36 quarters, 40-41 semesters.
SEASONS = {"printemps": 21, "été": 22, "ete": 22, "automne": 23, "hiver": 24}

ORDINALS = {
    "premier": 1, "première": 1, "1er": 1, "1re": 1, "1ère": 1,
    "deuxième": 2, "second": 2, "seconde": 2, "2e": 2, "2ème": 2, "2nd": 2,
    "troisième": 3, "3e": 3, "3ème": 3, "quatrième": 4, "4e": 4, "4ème": 4,
}

# Scale words multiply the number before them.  `Md`, `Mds`, `Mrd` are the
# press abbreviations of milliard(s); `Mio` is the Swiss one of million.
SCALES = {
    "mille": 1e3, "k": 1e3, "millier": 1e3, "milliers": 1e3,
    "million": 1e6, "millions": 1e6, "m": 1e6, "mio": 1e6, "mln": 1e6,
    "milliard": 1e9, "milliards": 1e9, "md": 1e9, "mds": 1e9, "mrd": 1e9,
    "mrds": 1e9, "mdr": 1e9, "md.": 1e9,
    "billion": 1e12, "billions": 1e12,  # the French billion is 10^12
}
SCALE_WORDS_RE = r"(?:milliards?|millions?|milliers|mille|billions?)"
SCALE_ABBR_RE = r"(?:Mds|Mrds|Mrd|Md|Mio|Mln|M|k|K|mds|mrds|mrd|md|mio|mln)"  # (before a currency only)

# Currencies: surface → ISO 4217.  Symbols may be glued to a scale abbreviation
# (`M€`, `Md€`, `k€`).
CURRENCY_SYMBOLS = {"€": "EUR", "$": "USD", "£": "GBP", "¥": "JPY", "US$": "USD", "$US": "USD",
                    # Canadian dollars as Canadian papers write them: `65 milliards $CAN`, `C$`
                    "$CAN": "CAD", "$CA": "CAD", "C$": "CAD", "CA$": "CAD", "A$": "AUD", "$AUS": "AUD", "AU$": "AUD"}
CURRENCY_CODES = {c: c for c in (
    "EUR", "USD", "GBP", "CHF", "JPY", "CNY", "CAD", "AUD", "NZD", "HKD", "SGD", "SEK", "NOK", "DKK", "PLN", "CZK",
    "HUF", "RUB", "TRY", "INR", "BRL", "MXN", "ZAR", "KRW", "MAD", "XOF", "XAF", "AED", "SAR", "ILS", "THB")}
CURRENCY_WORDS = [
    # longest first: the alternation is tried in order
    (r"francs?\s+suisses?", "CHF"),
    (r"francs?\s+CFA", "XOF"),
    (r"francs?\s+CFP", "XPF"),
    (r"francs?\s+guinéens", "GNF"),
    (r"francs?\s+congolais", "CDF"),
    (r"francs?\s+rwandais", "RWF"),
    (r"dollars?\s+(?:américains?|US)", "USD"),
    (r"dollars?\s+canadiens?", "CAD"),
    (r"dollars?\s+australiens?", "AUD"),
    (r"dollars?\s+néo-zélandais", "NZD"),
    (r"dollars?\s+(?:de\s+)?Hong\s+Kong|dollars?\s+hongkongais", "HKD"),
    (r"dollars?\s+singapouriens?", "SGD"),
    (r"livres?\s+sterling", "GBP"),
    (r"livres?\s+turques?", "TRY"),
    (r"livres?\s+égyptiennes?", "EGP"),
    (r"livres?\s+libanaises?", "LBP"),
    (r"livres?", "GBP"),
    (r"euros?", "EUR"),
    (r"dollars?", "USD"),
    (r"yuans?", "CNY"),
    (r"renminbis?", "CNY"),
    (r"yens?", "JPY"),
    (r"roubles?", "RUB"),
    (r"couronnes?\s+suédoises?", "SEK"),
    (r"couronnes?\s+norvégiennes?", "NOK"),
    (r"couronnes?\s+danoises?", "DKK"),
    (r"couronnes?\s+tchèques?", "CZK"),
    (r"couronnes?\s+islandaises?", "ISK"),
    (r"dinars?\s+algériens?", "DZD"),
    (r"dinars?\s+tunisiens?", "TND"),
    (r"dinars?\s+koweïtiens?", "KWD"),
    (r"dirhams?\s+(?:émiratis?|des\s+Émirats)", "AED"),
    (r"dirhams?(?:\s+marocains?)?", "MAD"),
    (r"pesos?\s+mexicains?", "MXN"),
    (r"pesos?\s+argentins?", "ARS"),
    (r"pesos?\s+chiliens?", "CLP"),
    (r"pesos?\s+colombiens?", "COP"),
    (r"roupies?\s+indonésiennes?", "IDR"),
    (r"roupies?\s+pakistanaises?", "PKR"),
    (r"roupies?(?:\s+indiennes?)?", "INR"),
    (r"réals|reais|réais|real\s+brésiliens?|réal\s+brésiliens?|reals?\s+brésiliens?", "BRL"),
    (r"zlotys?|złotys?", "PLN"),
    (r"forints?", "HUF"),
    (r"wons?(?:\s+sud-coréens?)?", "KRW"),
    (r"rands?(?:\s+sud-africains?)?", "ZAR"),
    (r"shekels?|shekalim", "ILS"),
    (r"hryvnias?", "UAH"),
    (r"bahts?", "THB"),
    (r"ringgits?", "MYR"),
    (r"nairas?", "NGN"),
    (r"leis?\s+roumains?|lei", "RON"),
    (r"levs?\s+bulgares?|leva", "BGN"),
    (r"rials?\s+(?:saoudiens?|qataris?)", "SAR"),
    (r"riyals?(?:\s+saoudiens?)?", "SAR"),
    (r"dollars?\s+taïwanais", "TWD"),
    # minor units: a hundredth of the currency (`170 pence` is 1.70 GBP)
    (r"pence|penny", "GBP"),
    (r"centimes?(?:\s+d" + APOS + r"euros?)?", "EUR"),
    (r"cents?", "USD"),  # (the dollar of the article: `_article_dollars` makes it CAD where it is)
]
MINOR_UNITS = {"GBP": r"pence|penny", "EUR": r"centimes?(?:\s+d" + APOS + r"euros?)?", "USD": r"cents?"}

# Qualifiers written before a figure (SPEC §1 `qualifier`).  Matched at the end
# of the text just before the number; longest alternatives first.
QUALIFIERS_BEFORE = [
    (r"un\s+peu\s+plus\s+d(?:e\s+|" + APOS + ")", "more_than"),
    (r"un\s+peu\s+moins\s+d(?:e\s+|" + APOS + ")", "less_than"),
    (r"pas\s+moins\s+d(?:e\s+|" + APOS + ")", "at_least"),
    (r"pas\s+plus\s+d(?:e\s+|" + APOS + ")", "at_most"),
    # `ne dépasse pas 35 euros`, `n'excède pas les 10 %`
    (r"(?:ne\s+|n" + APOS + r"\s*)(?:dépass|excèd|excéd)\w*\s+(?:pas|plus|guère|jamais)(?:\s+les?|\s+la|\s+l" + APOS + r")?\s*",
     "at_most"),
    (r"(?:d" + APOS + r")?au\s+moins", "at_least"),
    (r"au\s+minimum(?:\s+d(?:e\s+|" + APOS + "))?", "at_least"),
    (r"(?:un|le)\s+minimum\s+d(?:e\s+|" + APOS + ")", "at_least"),
    (r"minimum\s+d(?:e\s+|" + APOS + ")", "at_least"),
    (r"au\s+(?:plus|maximum)(?:\s+d(?:e\s+|" + APOS + "))?", "at_most"),
    (r"(?:un|le)\s+maximum\s+d(?:e\s+|" + APOS + ")", "at_most"),
    (r"maximum\s+d(?:e\s+|" + APOS + ")", "at_most"),
    (r"jusqu" + APOS + r"(?:à|a)", "at_most"),
    (r"à\s+partir\s+d(?:e\s+|" + APOS + ")", "at_least"),
    (r"dès", "at_least"),
    (r"plus\s+d(?:e\s+|" + APOS + ")", "more_than"),
    (r"au[\s-]delà\s+d(?:e\s+|" + APOS + ")", "more_than"),
    (r"supérieure?s?\s+à", "more_than"),
    (r"moins\s+d(?:e\s+|" + APOS + ")", "less_than"),
    (r"inférieure?s?\s+à", "less_than"),
    (r"à\s+peu\s+près", "approx"),
    (r"près\s+d(?:e\s+|" + APOS + ")", "approx"),
    (r"presque", "approx"),
    (r"environ", "approx"),
    (r"quelque", "approx"),
    (r"approximativement", "approx"),
    (r"autour\s+d(?:e\s+|u\s+|" + APOS + ")", "approx"),
    (r"proches?\s+d(?:e\s+|u\s+|" + APOS + ")", "approx"),
    (r"aux\s+alentours\s+d(?:e\s+|" + APOS + ")", "approx"),
    (r"de\s+l" + APOS + r"ordre\s+d(?:e\s+|" + APOS + ")", "approx"),
    (r"quasiment", "approx"),
    (r"grosso\s+modo", "approx"),
    (r"~", "approx"),
]
QUALIFIERS_AFTER = [(r"environ", "approx"), (r"(?:au|tout\s+au)\s+(?:plus|maximum)|maximum|max\.?", "at_most"),
                    (r"(?:au|tout\s+au)\s+(?:moins|minimum)|minimum|min\.?", "at_least")]

# Nouns that follow a number without making it a counted quantity: durations,
# measures, multipliers, ordinals in disguise.
# Nouns that are money: after a scaled number (`1,5 milliard de dividendes`) they make
# it an amount whose currency the article implies, not a count of dividends.
MONEY_NOUNS = {
    "dividende", "dividendes", "gain", "gains", "bénéfice", "bénéfices", "perte", "pertes", "revenu",
    "revenus", "recette", "recettes", "dette", "dettes", "subvention", "subventions", "investissement",
    "investissements", "économie", "économies", "synergie", "synergies", "prime", "primes", "liquidités",
    "profit", "profits", "dépense", "dépenses", "coût", "coûts", "charge", "charges", "amende", "amendes",
    "indemnité", "indemnités", "aide", "aides", "prêt", "prêts", "crédit", "crédits", "financement",
    "financements", "plus-value", "plus-values", "capitalisation", "trésorerie", "cash", "cash-flow",
    # `3,5 milliards de chiffre d'affaires`, `2 milliards d'actifs`
    "chiffre", "chiffres", "actifs", "encours",
}

NOT_COUNTED = {
    "an", "ans", "année", "années", "mois", "jour", "jours", "semaine", "semaines",
    "heure", "heures", "minute", "minutes", "seconde", "secondes", "siècle",
    "siècles", "décennie", "décennies", "trimestre", "trimestres", "semestre",
    "semestres", "fois", "h", "km", "m", "cm", "mm", "kg", "g", "t", "l", "ml",
    "mètre", "mètres", "kilomètre", "kilomètres", "kilo", "kilos", "tonne",
    "tonnes", "litre", "litres", "degré", "degrés", "point", "points", "pour",
    "sur", "de", "des", "du", "d", "et", "ou", "à", "au", "aux", "en", "par",
    "dans", "avec", "sans", "contre", "entre", "chez", "vers", "que", "qui",
    "dont", "mais", "le", "la", "les", "un", "une", "ce", "cette", "ces", "son",
    "sa", "ses", "leur", "leurs", "se", "ne", "pas", "plus", "moins", "est",
    "sont", "a", "ont", "était", "fut", "soit", "ainsi", "puis", "alors", "après",
    "avant", "selon", "pendant", "depuis", "environ", "prochain", "prochains",
    "dernier", "derniers", "derniere", "premiers", "ème", "e", "er", "ère", "re",
    "bis", "ter", "octets", "go", "mo", "ko", "to", "mw", "gw", "kw", "mwh", "gwh",
    "kwh", "hectares", "hectare", "ha", "mètres", "m2", "m²", "km²", "pixels",
    "volts", "watts", "%", "millions", "milliards", "mille", "millier", "milliers",
    "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre",
    "décembre", "janvier", "février", "mars", "ce", "il", "elle", "ils", "elles",
    "on", "nous", "vous", "y", "lui", "même", "chacun", "chacune", "tous", "toutes",
    "autres", "fr", "com", "euro", "euros", "dollar", "dollars",
    # verbs after an elided noun (`Sur les 420 salariés, 310 seront conservés`): no unit
    "sera", "seront", "serait", "seraient", "étaient", "sont", "ont", "avaient", "auront", "auraient", "va", "vont",
    "doit", "doivent", "peut", "peuvent", "devront", "pourront", "devraient", "pourraient", "reste", "restent",
    "restaient", "resteront", "restera", "vient", "viennent", "iront", "partiront", "passent", "passeront",
    "travaillent", "travaillaient", "concernés", "conservés", "maintenus", "repris", "supprimés",
    # adverbs and prepositions ending like plurals (`$10 auprès de`, `300 désormais`)
    "auprès", "près", "dès", "lors", "sous", "vers", "alors", "mais", "très", "jamais", "toujours",
    "ailleurs", "désormais", "parfois", "toutefois", "néanmoins", "tandis", "certes", "volontiers", "hélas",
    "jadis", "tous", "plusieurs", "divers", "diverses", "mes", "tes", "nos", "vos", "aux", "lesquels", "lesquelles",
}
# (and any word of these endings: `conserveraient`, `quitteront`)
VERB_ENDINGS = ("aient", "eront", "iront")
# Adjectives that may stand between a number and its noun (`1 nouvelle action`).
COUNT_ADJECTIVES = {
    "nouveau", "nouveaux", "nouvel", "nouvelle", "nouvelles", "grand", "grands",
    "grande", "grandes", "petit", "petits", "petite", "petites", "autres",
    "jeunes", "vieux", "anciens", "anciennes", "principaux", "principales",
    "premiers", "premières", "derniers", "dernières", "gros", "grosses",
    "véritables", "vrais", "vraies", "seuls", "seules",
}

# French number words (SPEC §2): `quarante-quatre pour cent`, `soixante-dix salariés`.
UNITS_WORDS = {
    "zéro": 0, "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5,
    "six": 6, "sept": 7, "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12,
    "treize": 13, "quatorze": 14, "quinze": 15, "seize": 16, "vingt": 20,
    "vingts": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60,
    "septante": 70, "octante": 80, "huitante": 80, "nonante": 90,
}
HUNDRED_WORDS = {"cent": 100, "cents": 100}
THOUSAND_WORDS = {"mille": 1000, "mil": 1000}
NUMBER_WORDS = set(UNITS_WORDS) | set(HUNDRED_WORDS) | set(THOUSAND_WORDS)

# Fractions of a whole, read as percentages (SPEC §2).
FRACTIONS = {"moitié": 50.0, "tiers": 100.0 / 3, "quart": 25.0, "quarts": 25.0,
             "cinquième": 20.0, "cinquièmes": 20.0, "dixième": 10.0, "dixièmes": 10.0}


def alternation(words) -> str:
    """A regex alternation of literal words, longest first."""
    return "(?:" + "|".join(regex.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w))) + ")"


# Nationalities, each form (masculine, feminine) → its masculine: `le chinois
# Dongfeng` cues an organisation (names), `le chinois` later refers to it (linking).
DEMONYM_FORMS = {
    "chinois": "chinois", "chinoise": "chinois", "américain": "américain", "américaine": "américain",
    "suisse": "suisse", "allemand": "allemand", "allemande": "allemand", "japonais": "japonais",
    "japonaise": "japonais", "britannique": "britannique", "italien": "italien", "italienne": "italien",
    "espagnol": "espagnol", "espagnole": "espagnol", "néerlandais": "néerlandais", "néerlandaise": "néerlandais",
    "belge": "belge", "coréen": "coréen", "coréenne": "coréen", "indien": "indien", "indienne": "indien",
    "russe": "russe", "canadien": "canadien", "canadienne": "canadien", "suédois": "suédois",
    "suédoise": "suédois", "finlandais": "finlandais", "finlandaise": "finlandais", "norvégien": "norvégien",
    "norvégienne": "norvégien", "danois": "danois", "danoise": "danois", "autrichien": "autrichien",
    "autrichienne": "autrichien", "israélien": "israélien", "israélienne": "israélien", "taïwanais": "taïwanais",
    "taïwanaise": "taïwanais", "français": "français", "française": "français", "luxembourgeois": "luxembourgeois",
    "luxembourgeoise": "luxembourgeois", "européen": "européen", "européenne": "européen",
    "portugais": "portugais", "portugaise": "portugais", "grec": "grec", "grecque": "grec",
    "polonais": "polonais", "polonaise": "polonais", "irlandais": "irlandais", "irlandaise": "irlandais",
    "brésilien": "brésilien", "brésilienne": "brésilien", "mexicain": "mexicain", "mexicaine": "mexicain",
    "turc": "turc", "turque": "turc", "saoudien": "saoudien", "saoudienne": "saoudien", "qatari": "qatari",
    "qatarie": "qatari", "émirati": "émirati", "émiratie": "émirati", "australien": "australien",
    "australienne": "australien", "hongrois": "hongrois", "hongroise": "hongrois", "roumain": "roumain",
    "roumaine": "roumain", "marocain": "marocain", "marocaine": "marocain", "tchèque": "tchèque",
    "québécois": "québécois", "québécoise": "québécois",
}
# A place in a company's own name tells its nationality (`Caisse de dépôt et placement du
# Québec` is the `investisseur canadien` of a later sentence): folded word → nationalities.
PLACE_NATIONALITY = {
    "quebec": ("québécois", "canadien"), "canada": ("canadien",), "canadian": ("canadien",), "montreal": ("canadien",),
    "ontario": ("canadien",), "france": ("français",), "francaise": ("français",), "deutsche": ("allemand",),
    "deutschland": ("allemand",), "german": ("allemand",), "allemagne": ("allemand",), "china": ("chinois",),
    "chine": ("chinois",), "chinese": ("chinois",), "japan": ("japonais",), "nippon": ("japonais",),
    "italia": ("italien",), "italiana": ("italien",), "italiano": ("italien",), "espana": ("espagnol",),
    "espanola": ("espagnol",), "british": ("britannique",), "britain": ("britannique",), "america": ("américain",),
    "american": ("américain",), "suisse": ("suisse",), "swiss": ("suisse",), "schweiz": ("suisse",),
    "belgique": ("belge",), "belgium": ("belge",), "qatar": ("qatari",), "nederland": ("néerlandais",),
    "dutch": ("néerlandais",), "portugal": ("portugais",), "svenska": ("suédois",), "sverige": ("suédois",),
    "norge": ("norvégien",), "danmark": ("danois",), "luxembourg": ("luxembourgeois",), "maroc": ("marocain",),
    "india": ("indien",), "korea": ("coréen",), "australia": ("australien",), "brasil": ("brésilien",),
    "mexico": ("mexicain",), "polska": ("polonais",), "saudi": ("saoudien",), "emirates": ("émirati",),
}
# capitals that a text names for their State when they act (`Lisbonne détient 18 %`)
CAPITALS = {"Paris": "français", "Lisbonne": "portugais", "Rome": "italien", "Berlin": "allemand",
            "Madrid": "espagnol", "La Haye": "néerlandais", "Amsterdam": "néerlandais", "Londres": "britannique",
            "Pékin": "chinois", "Tokyo": "japonais", "Washington": "américain", "Ottawa": "canadien",
            "Bruxelles": "belge", "Berne": "suisse", "Athènes": "grec", "Varsovie": "polonais", "Dublin": "irlandais",
            "Vienne": "autrichien", "Stockholm": "suédois", "Oslo": "norvégien", "Helsinki": "finlandais",
            "Copenhague": "danois", "Moscou": "russe", "Séoul": "coréen", "New Delhi": "indien", "Doha": "qatari",
            "Riyad": "saoudien", "Abou Dhabi": "émirati", "Québec": "québécois"}


def state_of(demonym: str | None) -> str:
    """`État` for France or no nationality (SPEC §3), `État portugais` for another State."""
    d = DEMONYM_FORMS.get((demonym or "").lower())
    return f"État {d}" if d and d != "français" else "État"


# Words by which a text says that a figure changed (SPEC §4 `update`).  A value
# the sentence marks as the new one: a raised bid, a holding carried to a new
# level, `désormais`; a value marked as the former one: `initialement`, `à l'époque`.
CHANGE_NEW = [
    r"désormais", r"dorénavant", r"à\s+présent",
    r"nouvelle\s+offre", r"offre\s+(?:améliorée|relevée|rehaussée|revue\s+à\s+la\s+hausse)",
    r"(?:relève|relevé|relevée|relever|relèvera|rehausse|rehaussé|rehausser|augmente|augmenté|augmenter|améliore|"
    r"amélioré|améliorer)\s+(?:\S+\s+){0,4}?(?:offre|proposition|prix|participation|part)",
    r"(?:offre|proposition|prix)\s+(?:\S+\s+){0,2}?(?:relevée?|rehaussée?|portée?|augmentée?)\s+à",
    r"(?:porte|porté|porter|portera|portant|portait|porterait)\s+(?:sa|leur|la|ainsi\s+sa|désormais\s+sa)\s+"
    r"(?:participation|part|offre|proposition|prix)",
    r"(?:monte|monté|monter|montera|montant|tombe|tombé|tomber|tombera|chute|chuter|chutera|passe|passé|passer|"
    r"passera|redescend|redescendra|descend|descendra|recule|reculera|grimpe|grimpera)\s+(?:désormais\s+)?à",
    r"(?:relevé|rehaussé|augmenté|porté|amélioré|relève|rehausse|augmente|porte)\s+à",
    r"(?:se|s" + APOS + r")\s*(?:positionne|positionner|positionnera|établit|établir|établira|hisse|hisser)\s+à",
]
CHANGE_FORMER = [
    r"initialement", r"au\s+départ", r"à\s+l" + APOS + r"époque", r"auparavant", r"jusqu" + APOS + r"alors",
    r"précédente\s+offre", r"offre\s+précédente", r"première\s+offre", r"offre\s+initiale", r"prix\s+initial",
    r"avait\s+(?:proposé|offert|proposée)", r"avaient\s+(?:proposé|offert)",
]
