"""The words and patterns linking reads: attribute triggers, generic nouns,
the small French constructions around a figure (`pour X`, `détenue par X`,
`de X`, `dans X`, `chacun`, `passe de … à`).  Every pattern is compiled through
`rx` (simple case folding, a time bound)."""
from __future__ import annotations

import re
from typing import Optional

import regex

from ..vocab import APOS, DEMONYM_FORMS
from .. import rx

V = regex.V1 | regex.I
# a head noun that may stand between an article and a company's name (`à la banque Orfeo`)
HEAD_NOUN = r"(?:(?:société|groupe|fonds|banque|famille|entreprise|holding|firme|start-up)\s+)?"


def stems(words) -> tuple[str, ...]:
    """The fewest of `words` that the others contain (`chinois` for `chinoise`):
    a text holding none of them holds none of `words`."""
    out: list[str] = []
    for w in sorted(set(words), key=lambda w: (len(w), w)):
        if not any(s in w for s in out):
            out.append(w)
    return tuple(out)


def positions(text: str, words: tuple) -> list[int]:
    """Where each of `words` starts in `text`, in order (plain `find`, in C)."""
    out = []
    for w in words:
        k = text.find(w)
        while k >= 0:
            out.append(k)
            k = text.find(w, k + 1)
    return sorted(set(out))


def has_any(text: str, words: tuple) -> bool:
    """One of `words` occurs in `text` (case as written: they are lower case, as in running text)."""
    for w in words:
        if w in text:
            return True
    return False


# What a figure measures: attribute → trigger words (stems), nearest trigger wins.
# Order matters where two triggers start at one word: the alternation takes the
# first that matches, so the longer or narrower trigger comes first
# (`part de marché` before `part`, `dividende en actions` before `dividende`).
ATTRIBUTE_TRIGGERS: dict[str, list[str]] = {
    "market_share": [r"parts? de marché", r"du marché", r"des immatriculations"],
    "stock_dividend": [r"dividende\w*(?:\s+payable)?\s+en\s+actions"],
    "special_dividend": [r"dividendes? exceptionnel\w*", r"dividendes? extraordinaire\w*", r"superdividende\w*"],
    "control_premium": [r"primes? de contrôle"],
    "premium": [r"primes?(?!\s+(?:encaissées|émises|brutes|acquises|d['’]assurance))"],
    "dividend": [r"dividende\w*", r"coupons?"],
    "synergies": [r"synergies?(?: de (?:chiffre d['’]affaires|coûts|revenus)(?: et de (?:coûts|chiffre d['’]affaires))?)?"],
    "voting_rights": [r"droits? de vote"],
    "market_cap": [r"capitalisation\w* boursière\w*", r"valorisation\w* boursière\w*", r"valeurs? boursière\w*",
                   r"capitalisation\w*"],
    "valuation": [r"valoris\w*", r"valeur du", r"valeur de (?:la|l['’])", r"valeur de", r"valai\w*", r"vaut", r"valent",
                  r"valoir", r"vaudr\w*"],
    "acquisition": [r"rach[eè]t\w*", r"rachat\w*", r"repren\w*", r"reprise", r"reprend\w*", r"repris",
                    r"acqu[ié]\w*", r"acquisition\w*", r"ach[eè]t\w*", r"achat", r"rachète\w*", r"s['’]empar\w*",
                    r"m(?:et|ettre|ettra|ettrait|is|ettent)\s+la\s+main\s+sur", r"absorb\w*",
                    r"prise de contrôle", r"monter au capital", r"entr\w+ au capital",
                    r"offres?", r"OPA", r"OPE", r"surenchèr\w*", r"enchères?", r"propositions?", r"propos[ae]\w*",
                    r"offr[ae]\w*", r"offert",
                    # `prendrait 12 % du capital`, `prend plus de 20 %`: a share taken
                    r"(?:pr(?:end|endr|enn|en)\w*|pris)(?=\s+(?:(?:plus|près|moins)\s+de\s+|environ\s+)?\d[\d,.]*\s*%)"],
    "stake": [r"d[ée]t[ie]\w*", r"poss[eèé]d\w*", r"contr[oô]l\w*", r"participation\w*", r"actionnaire\w*",
              r"conserv\w*", r"gard\w*", r"part\w? du capital", r"du capital", r"des parts", r"des titres",
              r"(?:la|sa|leur|une|cette|ses|leurs|de) parts?(?! de marché)", r"propriétaire\w*", r"capital",
              r"tour de table",
              # `monterait à 20 %`, `est monté à 51 % du capital`: the holding reached
              r"mont\w*\s+à(?=\s+(?:(?:plus|près)\s+de\s+|environ\s+)?\d[\d,.]*\s*%)"],
    "funding": [r"financement\w*", r"subvention\w*", r"financ[ée]\w*", r"aide\w* publique\w*", r"vers[ée]\w*",
                r"dotation\w*", r"prêt\w*", r"levées? de fonds", r"lève", r"lèvent", r"levé", r"levée",
                r"lèvera", r"tours? de financement"],
    "debt": [r"dettes?(?: nette| financière)?", r"endettement"],
    "investment": [r"invest\w*", r"réinvest\w*", r"apport\w*", r"inject\w*", r"débours\w*", r"mettre au pot", r"remettre au pot"],
    "reserved_capital_increase": [r"augmentation de capital réservée"],
    "capital_increase": [r"augmentation de capital", r"augmentation du capital", r"recapitalisation"],
    "rights_issue": [r"appel au marché", r"appel aux marchés"],
    "threshold": [r"seuils?", r"franchi\w*", r"barre"],
    "revenue": [r"chiffres? d['’]affaires", r"produit net bancaire", r"PNB",
                r"primes (?:encaissées|émises|brutes|acquises|d['’]assurance)", r"ventes", r"revenus?", r"recettes", r"CA", r"engrang\w*",
                r"génér(?:er|era|erait|eront|ant|é|ée|és|ées|ait|aient|e|ent)"],
    "sale": [r"c[éè]d[aeéè]\w*", r"cession\w*", r"vend(?!redi)\w*", r"vente", r"revend\w*"],
    "loss": [r"pert\w*", r"perdu", r"déficit\w*"],
    "ebitda": [r"ebitda", r"excédent brut d['’]exploitation", r"bénéfice opérationnel"],
    "operating_profit": [r"(?:résultat|profit)s? opérationnels?(?: courants?)?", r"résultats? d['’]exploitation",
                         r"marge opérationnelle"],
    "net_income": [r"bénéfice\w*", r"résultat net"],
    "share_price": [r"cours", r"clôtur\w*", r"cote", r"cot[ée]\w*", r"cotai\w*"],
    "subscription_price": [r"prix de souscription", r"prix d['’]émission"],
    "price": [r"prix", r"par action", r"par titre"],
    "target": [r"objectifs?", r"vis(?:ait|aient|ant|é|ée|ent|era|erait|er)", r"vise", r"table sur", r"tablent sur", r"tabler sur", r"tablait sur"],
    "headcount": [r"emploie\w*", r"salariés", r"effectifs?", r"employés", r"collaborateurs"],
    "subscribers": [r"abonnés"],
    "order_backlog": [r"carnets? de commandes?", r"prises? de commandes?"],
    "job_cuts": [r"suppressions? de postes?", r"suppressions? d['’]emplois?", r"licenciements?"],
}
# The standard library's `re` (letters: `[^\W\d_]`) matches this alternation at a
# given word twice as fast as `regex`; it is only ever tried at word starts.
TRIGGER_RE = re.compile(
    r"(?<![^\W\d_])(?:" + "|".join(f"(?P<{a}>{'|'.join(ws)})" for a, ws in ATTRIBUTE_TRIGGERS.items())
    + r")(?![^\W\d_])",
    re.I,
)
# what only a company has: a person is never their subject
COMPANY_ATTRIBUTES = {"headcount", "jobs", "job_cuts", "subscribers", "customers", "stores", "revenue",
                      "net_income", "ebitda", "operating_profit", "market_cap", "capital_increase", "reserved_capital_increase",
                      "rights_issue"}
# the counted noun says what a quantity measures
# what a headcount counts (`emploie 300 ouvriers`), in the singular
PEOPLE_NOUNS = {"salarié", "employé", "collaborateur", "personne", "ouvrier", "ingénieur", "technicien", "cadre", "agent",
                "intérimaire", "chercheur", "développeur", "consultant", "personnel", "effectif", "emploi", "poste",
                "travailleur", "vendeur", "conseiller", "pilote", "soignant", "infirmier", "médecin", "enseignant",
                "fonctionnaire", "commercial", "chauffeur", "livreur", "informaticien", "apprenti", "stagiaire",
                "opérateur", "mineur", "marin", "militaire", "journaliste", "associé", "membre", "équipier"}
UNIT_ATTRIBUTES = {"salarié": "headcount", "emploi": "headcount", "employé": "headcount",
                   "collaborateur": "headcount", "personne": "headcount", "abonné": "subscribers",
                   "client": "customers", "magasin": "stores", "action": "shares", "poste": "jobs",
                   "agence": "stores", "boutique": "stores", "succursale": "stores", "point de vente": "stores"}

GENERIC_HEADS = ("opérateur", "société", "entreprise", "groupe", "firme", "constructeur", "cimentier", "fonds",
                 "holding", "distributeur", "assureur", "équipementier", "laboratoire",
                 "industriel", "conglomérat", "compagnie", "banque", "start-up", "jeune entreprise",
                 "jeune pousse", "enseigne", "filiale", "opérateur historique", "direction", "établissement",
                 "papetier", "chimiste", "pétrolier", "sidérurgiste", "transporteur", "éditeur", "courtier",
                 "brasseur", "énergéticien", "électricien", "motoriste", "avionneur", "armateur", "spécialiste")
GENERIC_RE = rx.compile(
    r"(?<!\p{L})(?:l" + APOS + r"|la\s+|le\s+)(?P<g>" + "|".join(regex.escape(g) for g in GENERIC_HEADS) + r")(?!\p{L})"
    # `le groupe Bouygues`, `le constructeur chinois Dongfeng`: names (not `le groupe de BTP`)
    r"(?!(?:\s+(?!(?:de|du|des|d)(?!\p{L}))(?-i:\p{Ll})+)?\s+(?-i:\p{Lu}))",
    V,
)
# Patterns anchored at the end (`\Z`) of the text before a mention search right
# to left (`(?r)`): the first try is at the end, not at each of the 60 positions.
DATIVE_BEFORE = rx.compile(r"(?r)(?:\b(?:à|au|aux|chez|avec|contre|auprès\s+de|auprès\s+d['’])\s*(?:la\s+|le\s+|les\s+|l['’])?)\Z", V)
DE_BEFORE = rx.compile(r"(?r)" r"(?:\b(?:de|du|des)\s+(?:la\s+|le\s+|les\s+|l['’])?|d['’])\Z", V)
ADJACENT = rx.compile(r"\A[ \u00a0]*(?:\(|:)?[ \u00a0]*\Z", V)
POUR_PAR = rx.compile(r"\A[ \u00a0]*\)?[ \u00a0]*(?:(?:du|de\s+la|de\s+l['’])\s+(?:capital|groupe|société|entité|"
                      r"ensemble)(?:\s+(?:fusionnée?|combinée?|commune?))?\s+)?(?:pour|par|à|au)\s+(?:la\s+|le\s+|les\s+|l['’]\s*)?"
                      r"(?:(?:fonds|groupe|société|famille|holding|banque)\s+)?\Z"
                      # a description, then the name in apposition: `contre 24 % pour le numéro 1 européen, Volkswagen`
                      r"|\A[ \u00a0]*(?:pour|par)\s+(?:le|la|l['’]|son|sa|leur)\s*(?:[\p{L}\d'’-]+\s+){0,4}[\p{L}\d'’-]+\s*,\s*\Z", V)
OBJECT_DE = rx.compile(
    r"\A[ \u00a0]*\)?\s*(?:de|du|des|d['’])\s*(?:(?:la\s+|l['’]\s*|le\s+|les\s+)?(?:capital|titres|parts|actions|"
    r"droits\s+de\s+vote)\s+(?:de|du|des|d['’])\s*)?(?:la\s+|l['’]\s*|le\s+|les\s+)?"
    r"(?:(?:société|groupe|fonds|banque|holding|firme|entreprise)\s+)?\Z", V)
DANS = rx.compile(r"(?r)" r"(?<!\p{L})dans\s+(?:(?:la\s+|le\s+|l['’]\s*|sa\s+|son\s+|leur\s+)"
                  r"(?:(?-i:\p{Ll})[\p{L}\-]*\s+(?:(?:de|d['’])\s*)?){0,3}?)?"
                  r"(?:(?:filiale|société|groupe|capital\s+(?:de|du|d['’]))\s*)?\Z", V)
PREVIOUS = rx.compile(r"\A[^.;(]{0,80}?(?:auparavant|initialement|précédemment|avant l['’]opération|dans le schéma initial)", V)
# `passe (en effet) de 25 % à 14 %`: the first figure is the holding before
PASSE_DE = rx.compile(r"(?r)" r"(?<!\p{L})(?:pass\w*|réduit\w*|ramen\w*|port[ée]\w*|porter|recul\w*|tomb\w*|baiss\w*|relev\w*|"
                      r"augment\w*|abaiss\w*)(?:\s+[\p{L}'’\-]+){0,8}?\s+(?:de|d['’])\s*\Z", V)
DATELINE = rx.compile(r"\s*(?:à\s+)?\d{1,2}[:h]\d\d", V)
CONTRE = rx.compile(r"(?r)" r"(?<!\p{L})contre\s+(?:environ\s+|près\s+de\s+)?\Z", V)
SOURCE_BEFORE = rx.compile(r"(?r)" r"(?<!\p{L})(?:selon|d['’]après)(?:\s+[^,;:.]{0,40})?\Z", V)
PASSE_A = rx.compile(r"\A[^.;\d]{0,30}?(?<!\p{L})à\s+(?:\d|une?\s)", V)
EACH = rx.compile(r"\A[^.;]{0,40}?(?<!\p{L})chacune?(?!\p{L})", V)
EACH_BEFORE = rx.compile(r"(?r)" r"(?<!\p{L})chacune?(?:\s+des\s+(?:deux|trois|quatre)\s+\p{L}+)?\s+(?!d)[^.;]{0,40}\Z|(?<!\p{L})l['’]un\s+et\s+l['’]autre\s+\Z", V)
# (plain characters and a bounded repeat: linear, and four times faster with the standard library's `re`)
ASIDE = re.compile(r"[–—(][^–—()]{1,200}[–—)]")
ASIDE_OPENERS = ("(", "–", "—")
# two names coordinated: nothing between them but `,`, `et`, `ou`, `/` and an article with a head noun
# or a nationality (`Alpha, Kappa et la banque Orfeo`, `Opel/Vauxhall`); not an apposition or a
# relative clause that runs on (`Nuvia, dont le groupe Alpha possède…`)
COORD = rx.compile(r"\A\s*(?:,\s*(?:et|ou)?|et|ou)\s+(?:(?:le|la|les|l['’])\s*)?"
                   r"(?:(?!(?:dont|qui|que|où|lequel|laquelle|lesquels|auquel|duquel)\s)\p{Ll}[\p{Ll}\-]*\s+){0,2}\Z|"
                   r"\A\s?/\s?\Z", V)
# an apposition between a subject and its verb: `X, maison mère de Y et Z, détient…` (matched from
# the subject's end: `match(text, pos, endpos)`, where `\A` would not match)
APPOSITION_OPEN = rx.compile(r"\s*,\s+(?:(?:le|la|les|l['’]|un|une|son|sa|ses|leur)\s*)?\p{Ll}[^;:.()]*?\Z", V)
TARGET_RE = rx.compile(
    r"(?r)" r"(?:titres|capital|actionnaires?|actionnariat|rachat|reprise|racheter|reprendre|acquérir|acquisition|"
    r"intégration|filialisant|filialiser|fusion|contrôle)"
    r"\s+(?:de|du|d['’])\s*(?:la\s+société\s+|société\s+|l['’]entreprise\s+|(?:du\s+)?groupe\s+)?\Z"
    # `actions Lagardère`, `OPA sur le groupe Lagardère`, `55 % du capital de Lagardère`
    r"|(?<!\p{L})(?:OPA|OPE|offres?(?:\s+publiques?)?(?:\s+d['’](?:achat|échange))?|raid)\s+(?:sur|pour)\s+"
    r"(?:le\s+groupe\s+|la\s+société\s+|l['’]entreprise\s+)?\Z"
    r"|%\s+(?:du\s+capital\s+|des\s+actions\s+|des\s+titres\s+)?(?:de|du|d['’])\s*(?:la\s+|l['’])?(?:groupe\s+)?\Z"
    # a weaker sign, told apart by its group: `les actions Bouygues` may be the buyer's own shares
    r"|(?P<issuer>(?<!\p{L})(?:actions|titres|action|titre)\s+)\Z", V)
HELD_RE = rx.compile(r"(?:parts|participations?|titres|actions)\b", V)

# A nationality standing for a company named with it before (`le constructeur
# chinois Dongfeng` … `le chinois possède 14 %`), and `la famille` for the family
# named before (`la famille Peugeot` … `la famille, principal actionnaire`).
DEMONYM = "|".join(sorted(DEMONYM_FORMS, key=len, reverse=True))
# what a State does with a company, said right after a capital's name (`Lisbonne détient`, `Rome va acquérir`)
STATE_VERB_AFTER = rx.compile(r"\s+(?:(?:va|veut|doit|devrait|pourrait|a|avait|aura)\s+)?(?:détient|détenait|détiendra|"
                              r"possède|possédait|contrôle|contrôlait|rachète|racheter|racheté|acquiert|acquérir|acquis|"
                              r"cède|céder|cédé|vend|vendre|vendu|prend|prendre|pris|monte|monter|monté|investit|"
                              r"investir|investi|injecte|injecter|injecté|entre|entrer|entré|conserve|conserver|"
                              r"conservé|garde|garder|gardé|reste|restera)(?!\p{L})", V)
# a company named as the one whose shares trade: `le titre X`, `l'action X`, `les actions de X`, `X … en Bourse`
SHARES_OF = rx.compile(r"(?<!\p{L})(?:(?:le|du|au)\s+titre|titres|l['’]action|actions|(?:le\s+|du\s+)?cours\s+de\s+"
                       r"l['’]action|(?:le\s+|du\s+)?cours)(?:\s+(?:de|du|d['’]))?\s*\Z", V)
IN_BOURSE = rx.compile(r"\s*(?:a\s+clôturé|clôture|cote|cotait|s['’]échangeait|gagne|perd|recule|progresse|bondit|"
                       r"chute|cède|grimpe|s['’]envole|dévisse|plonge)(?!\p{L})", V)
# the words of buying a company
PURCHASE_WORD = rx.compile(r"(?<!\p{L})(?:rachat|racheter|rachète|rachètent|racheté|acquisition|acquérir|acquiert|"
                           r"OPA|reprise\s+d|reprendre|s['’]empar\w*|prise\s+de\s+(?:participation|contrôle)|"
                           r"entr\w*\s+au\s+capital|prend\w*\s+(?:une\s+participation|\d[\d,]*\s*%)|achète|acheter|absorb\w*|"
                           r"m(?:et|ettre|ettra|is)\s+la\s+main\s+sur)(?!\p{L})", V)
# a deal noun and its agent before a figure: `l'acquisition par X de 11 %`, `la cession par X de 30 %`
AGENT_BEFORE = rx.compile(r"(?<!\p{L})(?:acquisition|rachat|achat|reprise|cession|vente|souscription|montée|prise\s+de\s+"
                          r"participation|entrée)\s+par\s+(?:(?:le|la|les|l['’])\s*)?" + HEAD_NOUN + r"\Z", V)
AGENT_AFTER = rx.compile(r"\s+(?:de|d['’]|des|du)\s*(?:la\s+|l['’])?(?:(?:plus|près|moins)\s+de\s+|environ\s+|"
                         r"quelque\s+)?\Z", V)
# what lies between a part bought and its price: `11 % de la nouvelle société pour 641 millions`
PRICE_OF_PART = rx.compile(r"[^;.()]{0,60}?\s(?:pour|moyennant|contre)\s+(?:un\s+montant\s+de\s+|environ\s+|près\s+de\s+)?\Z",
                           V)
# `l'actionnaire (majoritaire|de contrôle|principal) de X`: X is the company held
SHAREHOLDER_OF = rx.compile(r"(?<!\p{L})actionnaires?\s+(?:(?:de\s+contrôle|de\s+référence|majoritaire|principal|"
                            r"minoritaire|premier|unique|historique)\s+)?(?:de|du|d['’])\s*(?:la\s+|l['’]\s*)?"
                            + HEAD_NOUN + r"\Z", V)
# the latter: `celui-ci`, `celle-ci`, `ce dernier`, `cette dernière` opening a clause
LATTER = rx.compile(r"(?:\A|(?<=[.;:,]\s)|(?<=\bet\s))(?:\s*)(?:celui-ci|celle-ci|ce\s+dernier|cette\s+dernière)(?!\p{L})",
                    V)
# a stock index is a market, no company: what it does belongs to nobody (`le CAC 40 gagne 1,2 %`)
MARKET_INDEX = rx.compile(r"\A(?:CAC|SBF|(?:Euro\s?)?Stoxx|STOXX|FTSE|DAX|Nikkei|Dow\s+Jones|Nasdaq|S&P|IBEX|Ibex|"
                          r"AEX|SMI)(?!\p{L})", regex.V1)
# the State: `l'État`, `l'Etat français`, `l'État portugais`, `le gouvernement néerlandais`
STATE_RE = rx.compile(r"(?<!\p{L})(?:(?:l" + APOS + r")?(?P<g>[ÉE]tat)|(?:le\s+)?(?P<g>gouvernement))"
                      r"(?:\s+(?P<nat>" + DEMONYM + r"))?(?!\p{L})", regex.V1)
ANAPHOR_HEADS = ("géant", "groupe", "constructeur", "cimentier", "opérateur", "société", "banque", "firme",
                  "industriel", "conglomérat", "compagnie", "entreprise", "fonds", "équipementier", "motoriste",
                  "avionneur", "laboratoire", "assureur", "pétrolier", "sidérurgiste", "partenaire", "investisseur",
                  "actionnaire", "acheteur", "repreneur", "concurrent", "rival", "numéro un", "leader")
HEAD = "|".join(regex.escape(h) for h in ANAPHOR_HEADS)
ANAPHOR_RE = rx.compile(
    # (a word may qualify the head: `le groupe ferroviaire français`, `du constructeur automobile allemand`;
    # after `du`, `au` the name starts at the head, so that it reads as a complement)
    r"(?<!\p{L})(?:(?:l" + APOS + r"|la\s+|le\s+|(?:du|au)\s+(?P<g>))(?:(?:" + HEAD + r")\s+(?:\p{Ll}[\p{Ll}\-]+\s+)?)?(?P<dem>"
    + DEMONYM + r")"
    r"|la\s+(?P<fam>famille))(?!\p{L})(?!\s+(?-i:\p{Lu}))",  # `le chinois Dongfeng` introduces, not refers
    V,
)
# what a text must hold, lower-cased, for `ANAPHOR_RE` to find anything in it
ANAPHOR_WORDS = ("famille",) + stems(w.lower() for w in DEMONYM_FORMS)
# how a company is introduced with its nationality: right before its name, or in apposition after it
INTRO_BEFORE = rx.compile(r"(?r)(?<!\p{L})(?P<dem>" + DEMONYM + r")\s+\Z", V)
INTRO_AFTER = rx.compile(r"\A\s*,\s*(?:l" + APOS + r"|la\s+|le\s+|un\s+|une\s+)(?:(?:" + HEAD + r")\s+)?"
                             r"(?P<dem>" + DEMONYM + r")(?!\p{L})", V)

TRIGGER_BODY = rx.compile(
    "|".join(f"(?:{'|'.join(ws)})" for ws in ATTRIBUTE_TRIGGERS.values()), V)


# `actionnaire d'Alstom`, `du capital de X`: X is what is held, not who holds
NOT_OWNER = rx.compile(r"actionnaire\w*|du capital|des parts|des titres|des droits de vote|rach\w*|repri\w*|acqu\w*|"
                       r"entr\w+ au capital|monter au capital|OPA|OPE|offres?|propos\w*", V)
OWNER_DE = rx.compile(r"\A(?:\s+net)?\s*(?:de|du|d['’])\s*(?:la\s+|l['’]\s*|le\s+)?"
                      + HEAD_NOUN + r"\Z", V)
# `9 actions Holcim pour 10 actions Lafarge`: an exchange ratio, 9 for 10
RATIO_AFTER = rx.compile(r"\A(?:\s+par\s+(?:titre|action)(?!\p{L})|(?:\s+(?:nouvelles?|anciennes?|gratuites?|existantes?))?(?:\s+(?-i:\p{Lu})[\p{L}\-]*){0,2}\s+pour\s+(?:une?|\d[\d,.]*)\s+(?:nouvelles?\s+|anciennes?\s+)?(?:actions?|titres?)(?!\p{L}))", V)
DIVIDEND = rx.compile(r"dividende", V)
# who takes part in another company's capital increase (`Kappa souscrit à son augmentation de capital`)
SUBSCRIBES = rx.compile(r"(?<!\p{L})(?:souscri|particip|accompagn|soutien|soutenu|contribu|finan[cç]|garanti|"
                        r"apport)\p{L}*", V)
# the deal paid for: `l'opération sera financée par`, `pour financer le rachat`, `financement de l'acquisition`
FINANCES_DEAL = rx.compile(r"(?<!\p{L})(?:(?:l['’]|cette\s+|la\s+)(?:opération|transaction|offre|acquisition|OPA)\s+"
                           r"(?:sera|serait|est|a\s+été|va\s+être)\s+financée|financ\w*\s+(?:de\s+|d['’])?(?:le\s+|l['’]|la\s+|cette\s+)?"
                           r"(?:rachat|acquisition|opération|transaction|offre|OPA))(?!\p{L})", V)
OWN_CAPITAL = ("capital_increase", "reserved_capital_increase", "rights_issue",
               "subscription_price")  # a company's own operations (the price of its new shares)
# (a reporting verb's `que` opens the reported clause, with its own subject: `X, PDG d'Alpha, a
# annoncé que le groupe détient 30 %`)
REPORTING_STEMS = ("annonc", "indiqu", "précis", "affirm", "déclar", "expliqu", "estim", "confirm", "assur",
                   "rappel", "soulign", "ajout", "prévien", "prévenu")
CLAUSE_BREAK = rx.compile(r"[;:]|,\s|\b(?:tandis\s+qu|alors\s+qu|mais|contre|quand|lorsqu|puisqu|car)\b|"
                          r"(?<!\p{L})(?:" + "|".join(REPORTING_STEMS) + r")\p{L}*\s+(?:\p{L}+\s+){0,3}?"
                          r"qu(?:e\s+|['’]\s*)", V)
# the same, found faster: the punctuation by a pattern of its own, the words where they stand
PUNCT_BREAK = rx.compile(r"[;:]|,\s", V)
BREAK_WORDS = ("tandis", "alors", "mais", "contre", "quand", "lorsqu", "puisqu", "car") + REPORTING_STEMS


def clause_breaks(text: str, a: int, b: int, words: Optional[list[int]] = None) -> list[tuple[int, int]]:
    """The spans of `CLAUSE_BREAK` in text[a:b], in order (`words`: where the
    words of `BREAK_WORDS` start there, when the caller knows)."""
    if words is None:
        body = text[a:b]
        low = body.lower()
        if len(low) != len(body):
            return [m.span() for m in CLAUSE_BREAK.finditer(text, a, b)]
        words = [a + p for p in positions(low, BREAK_WORDS)]
    found = [m.span() for m in PUNCT_BREAK.finditer(text, a, b)]
    for p in words:
        m = CLAUSE_BREAK.match(text, p, b)
        if m:
            found.append(m.span())
    found.sort()
    return found

# a share price moving: `le titre bondit de 12 %`, `prenant plus de 15 %`, `cède 3 %`
SHARE_MOVE_BEFORE = rx.compile(
    r"(?r)(?<!\p{L})(?:bondi\w*|progress\w*|grimp\w*|envol\w*|chut\w*|recul\w*|gagn\w*|pren[ad]\w*|pris|"
    r"cèd\w*|céd\w*|perd\w*|dévisse\w*|plong\w*|décroch\w*|apprécie\w*|dépréci\w*|baiss\w*|monte\w*|"
    r"flamb\w*|s['’]envol\w*|rebond\w*|lâch\w*|abandonn\w*|avanc\w*|hausse|baisse|repli|s['’]adjug\w*|adjug\w*|"
    r"grignot\w*|s['’]effondr\w*|effondr\w*|s['’]enfonc\w*|enfonc\w*|bondit|bondi)"
    r"(?:\s+(?:de|d['’]|plus|près|moins|environ|quelque|encore|ainsi|déjà|jusqu['’]à|quelques|hier|lundi|mardi|"
    r"mercredi|jeudi|vendredi|en\s+séance|en\s+Bourse))*\s*\Z", V)
STOCK_CONTEXT = rx.compile(r"(?<!\p{L})(?:titres?|actions?|Bourse|cours|séance|CAC|SBF|Euronext|cotée?s?|cotation|"
                           r"boursi\w+)(?!\p{L})", V)
PRICE_AFTER_MOVE = rx.compile(r"(?r)(?<!\p{L})à\s+\Z", V)
# `4 euros par action`, `160 pence pour chaque action Darty`, `35 € le titre`
PER_SHARE_AFTER = rx.compile(r"\A\s*(?:\(|,)?\s*(?:par|pour\s+(?:chaque|une|un)|l['’]|le|la)\s*(?:action|titre|part|"
                             r"certificat)s?(?!\p{L})", V)
# `détient déjà 27 %`, `détenait déjà près de 45 %`
ALREADY_BEFORE = rx.compile(r"(?r)(?<!\p{L})(?:déjà|jusqu['’]ici|jusqu['’]alors|jusque-là|auparavant|précédemment)\s+"
                            r"(?:(?:plus|près|moins)\s+de\s+|environ\s+|quelque\s+)?\Z", V)
# a noun right after the figure says what it measures: `1,5 milliard de dividendes`, `15 % des droits de vote`
NOUN_AFTER = rx.compile(r"\A\s*(?:(?:de|d['’]|des|du)\s*(?:la\s+|l['’])?)?\Z", V)
# `le seuil des 30 %`, `la barre du milliard`: a threshold is the figure right after its word
THRESHOLD_GAP = rx.compile(r"\A\w*\s*(?:(?:de\s+(?:réussite|détention|caducité|renonciation|contrôle)|d['’]acceptation|"
                           r"minimal|minimum|légal|de\s+participation)\s+)?(?:de|d['’]|des|du)?\s*(?:la\s+|l['’])?\Z", V)
# after `détient déjà N %`, what raises the holding: `portera sa participation à`, `pour acquérir davantage`
RAISED_AFTER = rx.compile(r"(?<!\p{L})(?:port\w+|acqu[ié]r\w*|rach[eè]t\w*|mont\w+|relev\w+|augment\w+|offre|OPA|"
                          r"franchi\w*|passer\w*|passera)(?!\p{L})", V)

# a name right after `actions`, `titres` is the issuer of the shares: `3 millions de titres Nuvia`
ISSUER_BEFORE = rx.compile(r"(?r)(?<!\p{L})(?:actions?|titres?|certificats?|obligations?)\s+\Z", V)
# `celui du Qatar`, `celle de Kappa`: the holder named by the pronoun's complement
# (lower case: what `CELUI_BEFORE` or `QUANT_A_BEFORE` cannot match without)
HOLDER_TOPIC_WORDS = ("cel", "ceux", "fonds", "mirat", "royaume", "quant")
QUANT_A_BEFORE = rx.compile(r"(?r)(?<!\p{L})quant\s+(?:à|au|aux)\s+(?:la\s+|le\s+|les\s+|l['’])?\Z", V)
CELUI_BEFORE = rx.compile(r"(?r)(?<!\p{L})(?:celui|celle|ceux|celles|fonds(?:\s+souverains?)?(?:\s+d['’]investissement)?|"
                          r"émirat|royaume)\s+(?:de|du|des|d['’])\s*(?:la\s+|le\s+|l['’])?\Z", V)
# the merged company of a merger, named by a noun phrase
MERGED_RE = rx.compile(
    r"(?<!\p{L})(?:(?:la|cette)\s+(?:nouvelle|future)\s+(?:entité|société|structure)|(?:(?:le|ce)\s+|(?<=(?<!\p{L})du\s+))"
    r"(?:nouvel|futur)\s+(?:ensemble|groupe|géant|champion|leader|numéro\s+un)|(?:(?:le|ce)\s+|(?<=(?<!\p{L})du\s+))"
    r"nouveau\s+(?:groupe|géant|champion|leader)|"
    r"l['’]entité\s+(?:fusionnée|combinée|commune|issue\s+de\s+la\s+fusion)|le\s+groupe\s+(?:fusionné|combiné|"
    r"issu\s+de\s+la\s+fusion|commun)|l['’]ensemble\s+(?:fusionné|combiné)|les\s+deux\s+(?:groupes|sociétés|"
    r"entreprises|entités)\s+(?:réunie?s|combinée?s|ensemble)|les\s+deux\s+(?:groupes|sociétés|entreprises|entités)"
    r"(?=\s+(?:pèse|représente|réalise|emploie|compte|affiche|cumule)\w*)"
    r"|ce\s+(?:géant|colosse|mastodonte|nouveau\s+champion))(?!\p{L})", V)
# the words between two coordinated names: `X et Y`, `X et la Y`, `X ou Y` (a comma is no sure sign)
COORDINATED_AFTER = rx.compile(r"(?r)(?:\s*\([^()]{0,30}\)\s*,|(?:\s*\([^()]{0,30}\))?\s+(?:et|ou))\s+(?:la\s+|le\s+|les\s+|l['’]\s*)?"
                               r"(?:(?:société|groupe|fonds|banque|holding|firme|entreprise|famille)\s+)?\Z", V)
# `les actionnaires d'X détiendront N %`: the shareholders of a company, holding together
SHAREHOLDERS_OF = rx.compile(r"(?<!\p{L})(?:les\s+)?actionnaires\s+(?:actuels\s+|existants\s+)?(?:de\s+|d['’]\s*|du\s+)"
                             r"(?:la\s+|l['’]\s*|le\s+)?(?P<x>(?-i:\p{Lu})[^\s,;.]*(?:\s+(?-i:\p{Lu})[^\s,;.]*){0,3})\s+"
                             r"(?:détiendr\w+|détiennent|détenaient|posséder\w+|possèdent|recevr\w+|reçoivent|obtiendr\w+|"
                             r"auront|conserver\w+|garder\w+)\s+(?:\p{L}+\s+){0,3}?\Z", V)
# a sentence opening on a noun phrase of people, its own subject: `Les fondateurs conservent…`,
# `Les salariés recevront…`, `Les actionnaires minoritaires détiennent…`
OWN_NOUN_SUBJECT = rx.compile(r"\s*(?:Les|Ses|Leurs)\s+(?:deux\s+|trois\s+|autres\s+)?(?:fondateurs|cofondateurs|salariés|"
                              r"actionnaires|dirigeants|associés|investisseurs|porteurs|employés|syndicats|"
                              r"minoritaires|créanciers|banques)(?!\p{L})", V)
# the agent of a deal noun opening a list: `le rachat par notre Groupe :`, `l'acquisition par X :`
INTRO_AGENT = rx.compile(r"(?<!\p{L})(?:rachat|acquisition|reprise|cession|vente)\s+par\s+(?P<x>[^:]{1,60}):", V)
# a person who comments: `X, analyste chez Kepler`, `X, économiste à la Banque de France`
ANALYST_AFTER = rx.compile(r"\s*,\s*(?:(?:un|une|l['’])\s*)?(?:analyste|économiste|stratégiste|gérant|gérante|consultant|"
                           r"consultante|spécialiste|expert|experte)(?!\p{L})", V)
CHEZ_BEFORE = rx.compile(r"(?r)(?<!\p{L})chez\s+(?:le\s+|la\s+|l['’]\s*|les\s+)?\Z", V)
# a deal's party named by its role (`le repreneur s'engage à investir`, `l'acquéreur`, `la cible`, `le vendeur`)
ROLE_NOUN_WORDS = ("repreneur", "acquéreur", "acheteur", "racheteur", "cible", "vendeur", "cédant")
ROLE_NOUN_RE = rx.compile(
    r"(?<!\p{L})(?:le\s+|la\s+|l['’]\s*|du\s+|au\s+|de\s+la\s+|à\s+la\s+)(?:(?P<buyer>repreneur|acquéreur|acheteur|"
    r"racheteur)|(?P<seller>vendeur|cédant)|(?P<target>cible))(?!\p{L})"
    r"(?!(?:\s+(?!(?:de|du|des|d)(?!\p{L}))(?-i:\p{Ll})+)?\s+(?-i:\p{Lu}))", V)
# the buyer grown by its purchase: `le groupe ainsi élargi`, `le nouveau groupe agrandi`, `l'ensemble ainsi constitué`
ENLARGED_WORDS = ("élargi", "agrandi", "augmenté", "renforcé", "ainsi")
ENLARGED_RE = rx.compile(
    r"(?<!\p{L})(?:(?:le|ce)\s+(?:nouveau\s+)?groupe\s+(?:ainsi\s+)?(?:élargi|agrandi|augmenté|renforcé)|"
    r"(?:le\s+groupe|l['’]ensemble)\s+ainsi\s+(?:constitué|formé|créé))(?!\p{L})", V)
# the group a merger creates: `crée un groupe pesant 50 Md€`, `donner naissance à un géant`,
# `formerait un colosse` (read forwards from the verb; the group is the `g` group)
CREATED_RE = rx.compile(
    r"(?<!\p{L})(?:crée|créer|créera|créerait|créant|forme|former|formera|formerait|formant|constitue|constituer|"
    r"constituera|constituerait|donn\w*\s+naissance(?:[\s,]+\p{L}+){0,3}[\s,]+à|naissance\s+d['’])\s*"
    r"(?P<g>(?:un|une)\s+(?:nouvel\s+|nouveau\s+|nouvelle\s+)?"
    r"(?:groupe|géant|colosse|champion|leader|entité|ensemble|mastodonte|numéro\s+un|poids\s+lourd))(?!\p{L})", V)
# after the deal, `le groupe` is the merged company: `A l'issue de l'opération, le groupe comptera…`
AFTER_DEAL = rx.compile(r"(?<!\p{L})(?:[àa]\s+l['’]issue\s+de\s+(?:l['’]opération|la\s+fusion|l['’]opération|ce\s+rapprochement|"
                        r"la\s+transaction)|après\s+(?:la\s+fusion|le\s+rapprochement|l['’]opération)|une\s+fois\s+"
                        r"(?:la\s+fusion|l['’]opération|le\s+rapprochement)\s+\p{L}+)(?!\p{L})", V)
# giving something away: `apporter sa participation de 62 % à Essilor` (Essilor receives, it does not hold)
TRANSFER = rx.compile(r"(?<!\p{L})(?:apport\w*|cèd\w*|céd\w*|vend\w*|transf[eéè]r\w*|échang\w*|propos\w*|offr\w*|"
                      r"prêt\w*|prêté\w*|lègu\w*|légu\w*|revend\w*)(?!\p{L})", V)
# a company held: `27 % de Lagardère`, `le capital de X`, `le rachat de X`
HELD_DE_BEFORE = rx.compile(r"(?r)(?:%|\d|(?<!\p{L})(?:capital|titres|actions|parts|participations?|contrôle|rachat|"
                            r"reprise|OPA|OPE|offres?|racheter|acquérir|reprendre|sur))\s*(?:de|du|d['’]|des)?\s*"
                            r"(?:la\s+|le\s+|l['’])?(?:groupe\s+|société\s+)?\Z", V)
MARKET_CAP_AFTER = rx.compile(r"\A\s+(?:en\s+Bourse|sur\s+les\s+marchés|en\s+capitalisation)(?!\p{L})", V)

# `il`, `elle`: the subject pronoun of a clause
PRONOUN_RE = rx.compile(
    r"(?<![\p{L}'’-])(?:il|elle|ils|elles)(?![\p{L}'’-])(?!\s*-)"
    # not the impersonal `il`: `il y a`, `il faut`, `il s'agit`, `il avait été convenu`, `il est prévu`
    r"(?!\s+(?:y\s|faut|fallait|faudra|faudrait|s['’]agit|s['’]agissait|semble|semblait|paraît|suffit|suffirait|"
    r"reste\s+(?:à|que)|a\s+été|avait\s+été|aurait\s+été|sera\s+\p{L}+é|serait\s+\p{L}+é|est\s+(?:possible|"
    r"probable|prévu|question|clair|vrai|certain|temps|difficile|évident)|était\s+(?:possible|prévu|question)))", V)
# a possessive before a holding or a figure: `sa participation`, `ses 14 %`, `son offre`
POSSESSIVE_BEFORE = rx.compile(r"(?r)(?<!\p{L})(?:sa|son|ses|leur|leurs)\s+(?:\p{L}+\s+){0,2}\Z", V)
POSSESSIVE_WORD = rx.compile(r"(?<!\p{L})(?:sa|son|ses|leur|leurs)\s", V)
# the holder named after the figure: `les 30 % détenus par X`, `les 5 % qui reviennent à X`
HOLDER_AFTER = rx.compile(
    r"\A(?:\s+(?:du|de|des|d['’])\s*(?:la\s+|l['’])?(?:(?:capital|actions|titres|parts|droits\s+de\s+vote)\s+"
    r"(?:de|du|d['’])\s*(?:la\s+|l['’])?)?\S+(?:\s+(?-i:\p{Lu})\S*)*)?,?\s*(?:restants?\s+|restantes?\s+)?,?\s*"
    r"(?:qui\s+)?(?:sont\s+|étaient\s+|restent\s+|seront\s+|étant\s+|ayant\s+été\s+|devant\s+être\s+|demeurent\s+|"
    r"demeureront\s+|resteront\s+)?"
    r"(?:(?:actuellement|aujourd['’]hui|encore|jusqu['’]ici|toujours)\s+)?"
    r"(?:détenu\w*|possédé\w*|contrôlé\w*|appart(?:ien|en)\w*|revien\w+|revenant|reviendr\w+|aux\s+mains|entre\s+les\s+mains|"
    r"dans\s+les\s+mains|propriété|apporté\w*|souscrit\w*|conservé\w*|gardé\w*|en\s+(?:la\s+)?possession)"
    r"\s+(?:par|à|au|aux|de|du|d['’])\s*(?:la\s+|le\s+|l['’]\s*|les\s+)?"
    r"(?:(?:fonds|groupe|société|famille|holding|banque)\s+)?\Z", V)
# a list of holdings: `X à 20 %`, `Y, à plus de 5 %`, `Z avec 13 %`
LIST_ITEM = rx.compile(r"\A\s*,?\s*(?:(?:était|est|serait|sera|reste|restait|figure|se\s+situe)\s+)?(?:à|avec)\s+"
                       r"(?:(?:plus|moins|près)\s+de\s+|environ\s+|quelque\s+|un\s+peu\s+plus\s+de\s+)?\Z", V)
# a figure restated: `670 millions de livres (858 millions d'euros)`, `145 pence par action, soit 779 millions`
RESTATED_GAP = rx.compile(r"\A[^()\d.;]{0,40}?\(\s*(?:environ\s+|près\s+de\s+|quelque\s+|plus\s+de\s+|soit\s+)?\Z|"
                          r"\A\s*(?:(?:par|l['’]|le)\s*(?:action|titre))?\s*(?:\(|,?\s*(?:soit|ou|c['’]est-à-dire|"
                          r"ou\s+encore)\s+)\s*(?:environ\s+|près\s+de\s+|quelque\s+|plus\s+de\s+)?\Z", V)
RESPECTIVELY = rx.compile(r"(?<!\p{L})(?:respectivement|respectifs|respectives)(?!\p{L})", V)
# the fronted phrase of a sentence ends at its first comma or closing dash
FRONT_END = rx.compile(r",\s|\s[–—]\s", V)
# the market itself moving: `un marché parisien en hausse de 1,1 %`, `le CAC 40 gagne 2 %`
MARKET_BEFORE = rx.compile(r"(?<!\p{L})(?:marché|marchés|indice|CAC|SBF|Dow|Nasdaq|Bourse|place|secteur)(?!\p{L})[^,;]{0,30}\Z", V)
# `le titre`, `l'action`, `la cote`, `le cours` standing for the company's shares
SHARE_NOUN = rx.compile(r"(?<!\p{L})(?:le\s+titre|l['’]action|la\s+cote|le\s+cours|l['’]action\s+\p{L}+|"
                        r"les\s+titres|les\s+actions)(?!\p{L})", V)
# giving a holding to someone: `ce qui donnera à Holcim 56 %`, `accorde à l'État 20 %`
DATIVE_GIVE = rx.compile(r"(?r)(?<!\p{L})(?:donn\w+|attribu\w+|accord\w+|confér\w+|confèr\w+|laiss\w+|offr\w+|"
                         r"revien\w+|octroi\w+|réserv\w+|assur\w+)\s+(?:(?:ainsi|donc|alors|toutefois|cependant|désormais|seulement|"
                         r"finalement|aussi)\s+)*(?:à|au|aux)\s+"
                         r"(?:la\s+|le\s+|les\s+|l['’])?"
                         + HEAD_NOUN + r"\Z", V)
# what is said of two companies together: `une capitalisation combinée`, `un chiffre d'affaires cumulé`
COMBINED = rx.compile(r"(?<!\p{L})(?:combiné\w*|cumulé\w*|consolidé\w*|à\s+eux\s+deux|à\s+elles\s+deux|"
                      r"des\s+deux\s+(?:groupes|sociétés|entreprises|entités|partenaires)|réunis|ensemble)(?!\p{L})", V)
QUI = rx.compile(r"(?<!\p{L})qui(?!\p{L})", V)
CLAUSE_END = rx.compile(r"[,;:()–—]", V)
GENERIC_HEAD = rx.compile(r"(?<!\p{L})(?:groupe|société|entreprise|enseigne|distributeur|firme|compagnie)(?!\p{L})", V)
# a merger between two companies: `la fusion entre X et Y`, `X va fusionner avec Y`, `le rapprochement de X et Y`
MERGER_WORD = rx.compile(r"(?<!\p{L})(?:fusion\w*|rapprochement\w*|mariage|marier|convol\w*|regroupement)(?!\p{L})", V)
# what lies between a figure and the `qui` of its clause: `un colosse du béton, qui pèsera…`
QUI_GAP = rx.compile(r"\A\s*(?:(?:de|du|des|d['’])\s*\p{Ll}+(?:\s+\p{Ll}+)?)?\s*,?\s*\Z", V)
# two figures of one clause in a row: `32 milliards d'euros et 130 000 emplois`
FIGURE_AND = rx.compile(r"\A(?:\s+(?:du|de|des|d['’])[^,;.()%\d]{0,60}?)?\s*(?:,|et|,\s*et|ainsi\s+que)\s+"
                        r"(?:(?:plus|près|moins)\s+de\s+|environ\s+|quelque\s+)?\Z", V)
# `dont 20 % ont été prêtés`: a part of the figure before
DONT_BEFORE = rx.compile(r"(?r)(?<!\p{L})dont\s+(?:(?:plus|près|moins)\s+de\s+|environ\s+|quelque\s+)?\Z", V)
# an article telling that holdings will change: the holdings it gives as they are now are the ones before
DILUTION = rx.compile(r"(?<!\p{L})(?:va|vont|devrait|devraient)\s+(?:fondre|être\s+dilué\w*|baisser|diminuer)|"
                      r"(?:sera|seront)\s+dilué\w*|tombera\s+à|tomberont\s+à|sera\s+ramenée?\s+à|"
                      r"passera\s+(?:de\s+\S+\s+)?à", V)
FUTURE_HOLDING = rx.compile(r"(?r)(?<!\p{L})(?:détiendra\w*|possédera\w*|contrôlera\w*|tombera|tomberont|passera|"
                            r"sera\s+(?:ramenée?|portée?|de)|céder|disposera)(?:\s+\p{L}+){0,4}\s+\Z", V)

# an offer on a company: `son OPA sur Darty`, `une offre pour Darty`, `la bataille pour Darty`
OFFER_ON = rx.compile(r"(?<!\p{L})(?:OPA|OPE|offres?(?:\s+publiques?)?(?:\s+d['’](?:achat|échange))?|raid|bataille|"
                      r"surenchère|proposition(?:\s+d['’](?:OPA|achat|rachat))?|%\s+sur\s+le\s+cours|prime\s+\S+\s+"
                      r"\S+\s+sur\s+le\s+cours|par\s+(?:action|titre))\s+(?:sur|pour|visant|de|du|d['’])\s*"
                      r"(?:le\s+groupe\s+|la\s+société\s+|l['’]entreprise\s+|l['’]enseigne\s+)?\Z", V)
# money received from someone: `Nuvia devait recevoir 50 M€ de l'État`
RECEIVE_BEFORE = rx.compile(r"(?r)(?<!\p{L})(?:lev[éeè]\w*|reçoi\w*|recevoir|recevra\w*|reçu\w*|perçoi\w*|percevoir|percevra\w*|"
                            r"perçu\w*|obten\w+|obtien\w+|obtenu\w*|touch\w+|encaiss\w+|empoch\w+|"
                            r"bénéfici\w+)(?:\s+\p{L}+){0,4}\s+\Z", V)
FROM_AFTER = rx.compile(r"\A\s*(?:de\s+la\s+part\s+(?:de|du|d['’])|de|du|d['’]|des|auprès\s+(?:de|du|d['’]))\s*"
                        r"(?:la\s+|le\s+|l['’])?" + HEAD_NOUN + r"\Z", V)
# a date in an apposition about a name: `Numergy, fondée en 2012, a réalisé…`
APPOSITION_DATE = rx.compile(r"(?r)(?<!\p{L})(?:fondée?s?|créée?s?|née?s?|lancée?s?|rachetée?s?|acquise?s?|introduite?s?|"
                             r"entrée?s?|nommée?s?|arrivée?s?|installée?s?|implantée?s?|constituée?s?|immatriculée?s?)"
                             r"\s+(?:en|le|au|à|dès|depuis|il\s+y\s+a)?\s*\Z", V)
# the verb that does something with a holding: `vendre sa part de 7 %`, `racheter la participation de`
HOLDING_NOUN = rx.compile(r"(?<!\p{L})(?:participation|part|parts|titres|actions|bloc)(?!\p{L})", V)
SHARE_OF_COMPANY = rx.compile(r"\A\s+(?:du|de\s+la|de\s+l['’])\s*(?:capital|groupe|société|entité|ensemble|entreprise)"
                              r"(?!\s+(?:de|du|d['’])\s)", V)
# a gerund: `… en apportant 50 M€` has the subject of its main clause
GERUND_BEFORE = rx.compile(r"(?r)(?<!\p{L})en\s+\Z", V)
DANS_AFTER = rx.compile(r"\A\s+dans\s+(?:le\s+capital\s+(?:de|du|d['’])\s*)?(?:la\s+|le\s+|l['’])?", V)
# a possessive right after the figure: `70 % de ses activités`, `12 % de son capital`
POSSESSIVE_AFTER = rx.compile(r"\A\s+(?:de|d['’])\s*(?:ses|sa|son|leurs?)\s", V)
# what may open an item of a list of holdings: `, la banque Orfeo à 13 %`, `et le groupe Brakel à 5 %`
LIST_HEAD = rx.compile(r"(?:[,;:(]|(?<!\p{L})et)\s*(?:(?:la|le|les|l['’])\s*)?(?:(?-i:\p{Ll}[\p{Ll}'’-]*)\s+){0,3}\Z", V)
SENTENCE_HEAD = rx.compile(r"[\s\"«'’(]*(?:(?:la|le|les|l['’])\s*)?(?:(?-i:\p{Ll}[\p{Ll}'’-]*)\s+){0,3}", V)

# cheap pre-filters: plain substring tests (`in` on a slice, in C, far cheaper than a
# pattern): a text without any of these words cannot hold what the rule reads
MERGED_WORDS = ("nouvel", "nouveau", "futur", "fusionn", "combin", "deux groupes", "deux sociétés", "deux entreprises",
                "deux entités", "issu", "commun", "colosse", "mastodonte", "géant", "champion")
CREATED_WORDS = ("naissance", "crée", "créer", "créant", "forme", "formant", "constitue")
DATE_FACT_WORDS = ("fond", "cré", "née", "né ", "lanc", "constitu", "immatricul", "naissance", "rachet", "acqu", "Fond", "Cré",
                   "Lanc", "Rachet", "Acqu", "Né",
                   "repris", "absorb", "contrôle")
# (lower case: what `DILUTION` reads, whatever the case; the text before and after them is searched)
DILUTION_WORDS = ("fondre", "dilu", "baiss", "diminu", "tomber", "ramen", "passera")
EACH_WORDS = ("chacun", "Chacun", "l'un et", "l’un et", "L'un et", "L’un et")
# the rest of a capital and who holds it: `les 40 % restants étant conservés par X`
REMAINDER_HELD = rx.compile(r"\A\s*(?:restants?|restantes?)\s*,?\s*(?:(?:étant|sont|seront|restent|resteront|demeurent|"
                            r"demeureront)\s+)?(?:(?:détenu|possédé|contrôlé|apporté|souscrit|conservé|gardé)\w*\s+(?:par|à)\s|"
                            # `les 40 % restants demeurent entre les mains de la famille`
                            r"(?:entre\s+les\s+mains|aux\s+mains|(?:la\s+)?propriété|dans\s+le\s+giron)\s+(?:de|du|des|d['’]))", V)
HOLDER_WORDS = ("détenu", "possédé", "contrôlé", "appart", "revien", "revenant", "mains", "propriété", "apporté",
                "souscrit", "conservé", "gardé", "possession")
DATIVE_WORDS = ("donne", "donné", "donner", "attribu", "accorde", "accordé", "accorder", "confér", "confèr", "laisse",
                "laissé", "laisser", "offr", "revien", "octroi", "réserv", "assure", "assuré", "assurer")


# a passive: `être racheté par Conforama au prix de…`, `a été acquise par X`
PASSIVE_BEFORE = rx.compile(r"(?r)(?<!\p{L})(?:être|été|est|sont|sera|seront|serait|seraient|était|étaient)"
                            r"(?:\s+(?:déjà|finalement|bien|aussi))?\s+\Z", V)
PAR_AFTER = rx.compile(r"\A\w*\s+par\s+(?:la\s+|le\s+|l['’]|les\s+)?" + HEAD_NOUN + r"\Z", V)
# `0,875 action par titre que le groupe suisse était disposé à verser`: the agent of an object relative
QUE_AFTER = rx.compile(r"\A(?:\s+(?:par|de|d['’]|du|des)\s+\p{L}+)?\s*,?\s+(?:que|qu['’])\s*"
                       r"(?:la\s+|le\s+|les\s+|l['’])?" + HEAD_NOUN + r"\Z", V)
# two figures given against the two before: `56 % et 44 %, contre 53 %-47 % dans le schéma initial`
PARALLEL_BEFORE = rx.compile(r"(?r)(?<!\p{L})(?:contre|au\s+lieu\s+de|après|avant|puis)\s+\Z", V)
PAIR_GAP = rx.compile(r"\A\s*(?:-|–|/|et|,)\s*\Z", V)
# what only a company has: its owner is no person (`la vente de sa branche énergie`)
COMPANY_NOUN = rx.compile(r"\A\s*(?:\p{L}+\s+)?(?:branche|filiale|activités?|chiffre|capital|salariés|effectifs|"
                          r"actionnaires|titres|actions|résultats?|bénéfices?|dette|usines?|magasins?|clients)(?!\p{L})", V)
# a person introduced with a nationality: `son vis-à-vis italien, Leonardo Del Vecchio`, `X, le patron italien de Y`
PERSON_INTRO_BEFORE = rx.compile(r"(?r)(?<!\p{L})(?P<dem>" + DEMONYM + r"),?\s+\Z", V)
PERSON_INTRO_AFTER = rx.compile(r"\A\s*,\s*(?:l" + APOS + r"|la\s+|le\s+|un\s+|une\s+|son\s+|sa\s+)(?:\p{L}+\s+){0,2}?"
                                r"(?P<dem>" + DEMONYM + r")(?!\p{L})", V)
# a role whose holder the relative pronoun describes: `Leonardo Del Vecchio, le patron italien de Luxottica qui contrôle`
ROLE_DE_BEFORE = rx.compile(r"(?r)(?<!\p{L})(?:patron|PDG|P-DG|président|fondateur|directeur|dirigeant|chef|héritier|"
                            r"propriétaire)(?:\s+\p{L}+)?\s+(?:de|du|d['’])\s*(?:la\s+|l['’])?\Z", V)
MERGER_WORDS = ("fusion", "rapproch", "mariage", "marier", "regroupement", "convol")  # (what `MERGER_WORD` starts with)
MOVE_WORDS = ("bondi", "progress", "grimp", "envol", "chut", "recul", "gagn", "pren", "pris", "cèd", "céd", "perd",
              "dévisse", "plong", "décroch", "appréci", "dépréci", "baiss", "monte", "flamb", "rebond", "lâch",
              "abandonn", "avanc", "hausse", "repli", "adjug", "grignot", "effondr", "enfonc")
BEFORE_WORDS = ("auparavant", "initialement", "précédemment", "avant l", "schéma initial")
PASSE_WORDS = ("pass", "rédui", "ramen", "porté", "portée", "porter", "recul", "tomb", "baiss", "relev", "augment", "abaiss")
POSSESSIVE_WORDS = ("sa ", "son ", "ses ", "leur", "Sa ", "Son ", "Ses ", "Leur")
PARALLEL_WORDS = ("contre", "lieu de", "après", "avant", "puis")
RECEIVE_WORDS = ("lev", "reç", "recev", "perç", "perce", "obt", "touch", "encaiss", "empoch", "bénéfici")
COMBINED_WORDS = ("combin", "cumul", "consolid", "deux", "réuni", "ensemble")
