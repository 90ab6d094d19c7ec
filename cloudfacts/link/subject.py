"""Whose figure it is (SPEC §1 `subject`), tried in this order: first what the
figure's own words say (a restatement, `chacun`, a holder named after it, a
name right before it), then the clause's grammar (a relative pronoun, a
possessive, a fronted phrase, `respectivement`, the verb's subject), then what
the text said before (a pronoun, the previous figure, the sentence's first name)."""
from __future__ import annotations

from typing import Optional

from .context import Ent, Figure
from .lexicon import (ADJACENT, INTRO_AGENT, GENERIC_RE, OWN_NOUN_SUBJECT, SHAREHOLDERS_OF, CHEZ_BEFORE, FINANCES_DEAL, SUBSCRIBES, COMPANY_ATTRIBUTES, DANS, DATIVE_GIVE, DE_BEFORE, EACH, EACH_BEFORE, FRONT_END,
                      AGENT_AFTER, AGENT_BEFORE, APPOSITION_OPEN, PRICE_OF_PART, HOLDER_AFTER, LATTER, LIST_ITEM, MARKET_BEFORE, NOT_OWNER, OBJECT_DE, OWN_CAPITAL, OWNER_DE,
                      POSSESSIVE_BEFORE, POSSESSIVE_WORD, POUR_PAR, PRONOUN_RE, RESPECTIVELY,
                      RESTATED_GAP, QUI, CLAUSE_END, COMBINED, GENERIC_HEAD,
                      TRANSFER, HELD_DE_BEFORE, QUI_GAP, FIGURE_AND, DONT_BEFORE,
                      GERUND_BEFORE, POSSESSIVE_AFTER, LIST_HEAD, SENTENCE_HEAD, EACH_WORDS, HOLDER_WORDS,
                      DATIVE_WORDS, has_any, POSSESSIVE_WORDS, PARALLEL_WORDS, PASSIVE_BEFORE, PAR_AFTER, QUE_AFTER, PARALLEL_BEFORE, PAIR_GAP, COMPANY_NOUN,
                      ROLE_DE_BEFORE, COMBINED_WORDS)
import regex

from .. import rx
from .rules import SUBJECT, ref, rule

_RECEIVED = ("funding",)


_PRONOUNS = ("il", "Il", "elle", "Elle")  # (`ils`, `elles` contain them)


def _each(f: Figure) -> bool:
    """`75 millions d'euros chacun`, `chacune des deux parties apporte…`."""
    got = getattr(f, "_each", None)
    if got is None:
        window = f.text[max(f.sent.start, f.m.start - 60):f.m.end + 60]
        got = f._each = has_any(window, EACH_WORDS) and bool(
            EACH.match(f.after_text(60)) or EACH_BEFORE.search(f.before_text(60, f.sent.start)))
    return got


def restated(f: Figure) -> bool:
    """The figure restates the one right before it: `670 millions de livres
    (858 millions d'euros)`, `145 pence par action, soit 779 millions`."""
    got = getattr(f, "_restated", None)
    if got is None:
        p = f.previous
        got = f._restated = p is not None and p.kind == f.m.kind and p.end <= f.m.start \
            and f.m.start - p.end <= 40 and f.doc.index.sentence_index(p.start) == f.si \
            and bool(RESTATED_GAP.match(f.text[p.end:f.m.start])) \
            and not any(p.end <= e.start and e.end <= f.m.start and not OBJECT_DE.match(f.text[p.end:e.start])
                        for e in f.ents if not e.generic)
        # (`14,5 %, derrière Orange (37 %)`: a bracket after a name gives that name's figure; not
        # `27 % de Lagardère (26,7 %)`, the first figure's own company)
    return got


def _asked(f: Figure) -> bool:
    """The figure is in a question (`Alpha va-t-il racheter 30 % de Nuvia ?`): no fact is stated."""
    after = f.text[f.m.end:min(f.sent.end + 3, f.m.end + 200)]
    q = after.find("?")
    return q >= 0 and not any(c in after[:q] for c in ".!»\n")


@rule(SUBJECT, "question")
def question(f: Figure) -> Optional[Ent]:
    """A figure someone asks about (`« Alpha va-t-il racheter 30 % de Nuvia ? »`) belongs to nobody."""
    return ref(None) if f.text.find("?", f.m.end, f.m.end + 200) >= 0 and _asked(f) else None


@rule(SUBJECT, "threshold_nobody", attributes=("threshold",))
def threshold_nobody(f: Figure) -> Optional[Ent]:
    """A legal or announced threshold (`le seuil des 30 %`) belongs to nobody (SPEC §1)."""
    return ref(None) if f.attribute == "threshold" else None


@rule(SUBJECT, "conversion", kinds=("amount",))
def conversion(f: Figure) -> Optional[Ent]:
    """An amount that only converts the one before it into another currency
    (`2 milliards d'euros (3,1 milliards de dollars canadiens)`, `14,7 milliards
    d'euros, soit 16,2 milliards de dollars`) is no second fact (SPEC §4): nobody's."""
    p = f.previous
    if restated(f) and p.kind == "amount" and p.unit and f.m.unit and p.unit != f.m.unit:
        return ref(None)
    return None


@rule(SUBJECT, "restated")
def restated_subject(f: Figure) -> Optional[Ent]:
    """A restated figure has the subject of the figure it restates."""
    if restated(f) and f.previous.subject:
        return ref(f.previous.subject)
    return None


@rule(SUBJECT, "each", names=True)
def each(f: Figure) -> Optional[Ent]:
    """`X et Y apportent 75 millions d'euros chacun`: the first of the coordinated names."""
    if _each(f) and f.free:
        return f.first_of_group(f.free, f.free[0])
    return None


@rule(SUBJECT, "agent_of_noun", names=True)
def agent_of_noun(f: Figure) -> Optional[Ent]:
    """`l'acquisition par Bouygues de 11 % du capital`, `la souscription par Kappa de 20 %`:
    the agent a deal noun names right before the figure."""
    if f.text.find(" par ", max(f.sent.start, f.m.start - 160), f.m.start) < 0:
        return None
    p = f.previous
    if p is not None and p.subject and dict(p.links).get("subject") == "agent_of_noun" and p.end <= f.m.start \
            and f.doc.index.sentence_index(p.start) == f.si and PRICE_OF_PART.match(f.text, p.end, f.m.start):
        return ref(p.subject)  # `… par X de 11 % de la société pour 641 millions`: the same agent pays
    named = [e for e in f.free if e.end <= f.m.start and f.m.start - e.end <= 30]
    if not named:
        return None
    e = named[-1]
    if AGENT_AFTER.match(f.text, e.end, f.m.start) and AGENT_BEFORE.search(f.text, max(f.sent.start, e.start - 60),
                                                                         e.start):
        return e
    return None


@rule(SUBJECT, "holder_after", names=True, unless=("acquisition", "sale") + OWN_CAPITAL)
def holder_after(f: Figure) -> Optional[Ent]:
    """The holder named after the figure: `les 30 % de Nuvia détenus par Sopratec`,
    `les 5 % qui reviennent à Kappa`, `20 % du capital, aux mains de X`, `les 40 %
    restants étant conservés par X`."""
    if f.attribute in ("acquisition", "sale") or f.attribute in OWN_CAPITAL:
        return None  # `X s'engage à acquérir 20 % des titres possédés par Y`: the buyer's figure
        # (and `une augmentation de capital de 150 M€ souscrite par Y`: the company's own)
    if not has_any(f.text[f.m.end:f.m.end + 90], HOLDER_WORDS):
        return None
    return f.name_after(90, HOLDER_AFTER)


@rule(SUBJECT, "investor_de", names=True, attributes=("investment", "funding"))
def investor_de(f: Figure) -> Optional[Ent]:
    """`un apport de 800 M€ de Dongfeng`: the name right after an investment is its investor."""
    a = f.after
    if (f.attribute == "investment" or (f.attribute == "funding" and f.rules.get("attribute") != "received")) \
            and a and a[0].start - f.m.end < 20 \
            and OBJECT_DE.match(f.text[f.m.end:a[0].start]):
        return a[0]
    return None


@rule(SUBJECT, "pour_par", names=True)
def pour_par(f: Figure) -> Optional[Ent]:
    """`33 % pour la Caisse des dépôts`, `détenue à 44 % par Orange`."""
    a = f.after
    if a and a[0].start - f.m.end <= 60 and POUR_PAR.match(f.text[f.m.end:a[0].start]):
        gap = f.text[f.m.end:a[0].start]
        if "par" not in gap and "pour" not in gap and TRANSFER.search(f.text, f.clause_start(), f.m.start):
            return None  # `apporter sa participation de 62 % à Essilor`: Essilor receives it
        return a[0]
    return None


@rule(SUBJECT, "unnamed_in_list")
def unnamed_in_list(f: Figure) -> Optional[Ent]:
    """`X (18 %), le fonds souverain norvégien (6 %) et le flottant`: in a list of
    holders each given its figure in brackets, a figure after a holder the text does
    not name has no subject (not the name before it)."""
    text, m = f.text, f.m
    if "(" not in text[max(0, m.start - 3):m.start]:
        return None
    k = m.start - 1
    while k > f.sent.start and text[k] in " \u00a0":
        k -= 1
    if text[k] != "(" or text[k - 1:k] not in (" ", "\u00a0", ""):
        return None
    if any(e.end >= k - 2 and e.start < k for e in f.ents):
        return None  # `X (18 %)`: the name's
    siblings = [p for p in f.doc.figures_in(f.sent.start, f.sent.end) if p.start != m.start
                and text.rfind("(", max(f.sent.start, p.start - 3), p.start) >= 0
                and any(0 <= text.rfind("(", 0, p.start) - e.end <= 2 for e in f.ents)]
    return ref(None) if siblings else None


@rule(SUBJECT, "shareholders_of", names=True)
def shareholders_of(f: Figure) -> Optional[Ent]:
    """`Les actionnaires d'Ordane détiendront 55 % du nouvel ensemble`: the company whose
    shareholders the clause opens with (a merger's parity, in SPEC terms its holding)."""
    if "actionnaires" not in f.text[f.sent.start:f.m.start]:
        return None
    g = SHAREHOLDERS_OF.search(f.text, max(f.clause_start(), f.m.start - 120), f.m.start)
    if g is None:
        return None
    return next((e for e in f.ents if g.start("x") <= e.start < g.end("x")), None)


@rule(SUBJECT, "adjacent", names=True)
def adjacent(f: Figure) -> Optional[Ent]:
    """`Thales 22,2 %`, `Thales (22,2 %)`, `à l'État 1,7 Md€`: a name right before
    the figure (not one held, `dans X`; an amount not after `de X`)."""
    if not f.before:
        return None
    b, text, m = f.before[-1], f.text, f.m
    if b.generic or not ADJACENT.match(text[b.end:m.start]) or DANS.search(text[max(0, b.start - 12):b.start]):
        return None
    if m.kind == "amount" and (DE_BEFORE.search(text[max(0, b.start - 25):b.start]) or text[b.end:m.start].strip()):
        return None
    return b


@rule(SUBJECT, "valued", attributes=("valuation",))
def valued(f: Figure) -> Optional[Ent]:
    """`valorisant Darty à 1,16 milliard`, `menant la valeur du groupe à 742
    millions`: a valuation belongs to the company valued."""
    if f.attribute != "valuation" or f.trig is None:
        return None
    between = [e for e in f.ents if f.trig[1] <= e.start and e.end <= f.m.start]
    if between and between[0].generic:
        # `valorisant la société à 1,16 Md€`: the company introduced with that noun, else the text's
        head = GENERIC_RE.match(f.text, between[0].start, between[0].end)
        named = f.doc.introduced_with(head.group("g").lower(), between[0].start) if head else None
        return ref(named or f.doc.target) if (named or f.doc.target) else None
    if between:
        return between[0]
    if GENERIC_HEAD.search(f.text, f.trig[0], f.m.start) and f.doc.target:
        return ref(f.doc.target)
    return None


def _possessor(f: Figure, pos: int) -> Optional[Ent]:
    """What a possessive at `pos` refers to: a name of its own clause (`permettre
    à Vivendi de porter sa participation`); else the subject of the figure before
    it in the sentence; else the sentence's last free name before it (`Delfin, la
    holding de X, apporterait sa participation`); else the previous sentence's
    subject.  Never a company held (`27 % de X`, `dans X`) nor a name in an aside."""
    text = f.text
    company_only = bool(COMPANY_NOUN.match(text[pos + 3:pos + 40])) or f.attribute in COMPANY_ATTRIBUTES

    def possible(e: Ent) -> bool:
        return not (HELD_DE_BEFORE.search(text[max(0, e.start - 40):e.start])
                    or DANS.search(text[max(0, e.start - 12):e.start])
                    or (company_only and e.person)  # `la vente de sa branche énergie`: a company's
                    or any(a <= e.start and e.end <= b and not a <= pos < b for a, b in f.asides))

    before = [e for e in f.ents if e.end <= pos and possible(e)]
    start = f.clause_start(pos)
    own = [e for e in before if e.start >= start]
    if own:
        return own[-1]
    p = f.previous
    if p is not None and p.subject and p.end <= pos and f.doc.index.sentence_index(p.start) == f.si:
        return ref(p.subject)
    free = [e for e in before if not f.doc.is_complement(e)]
    if free:
        return free[-1]
    if before:
        return before[-1]  # `le pôle énergie du groupe Alstom, soit 70 % de ses activités`
    if company_only and f.doc.target and any(e.person for e in f.ents if e.end <= pos):
        return ref(f.doc.target)  # `Patrick Kron … la vente de sa branche énergie`: his company's
    prev = f.doc.previous_subject(f.si)
    return ref(prev) if prev else None


@rule(SUBJECT, "respectively", names=True)
def respectively(f: Figure) -> Optional[Ent]:
    """`Alpha et Sopratec détiennent respectivement 51 % et 19 %`: the n-th
    figure belongs to the n-th coordinated name."""
    if "respecti" not in f.clauses.body:  # (`respectivement`; `pour des montants respectifs de A et B`)
        return None
    r = RESPECTIVELY.search(f.text, f.sent.start, f.sent.end)
    if not r:
        return None
    names = [e for e in f.free if e.end <= r.start()]
    if not names:
        return None
    group = f.group(f.free, names[-1])
    figs = [s for s in f.doc.fig_starts if r.start() - 80 <= s < f.sent.end and f.sent.start <= s]
    if r.start() > f.m.start:  # `… 51 % et 19 % respectivement`
        figs = [s for s in figs if s < r.start()]
    else:
        figs = [s for s in figs if s > r.start()]
    if f.m.start in figs and len(group) >= 2:
        i = figs.index(f.m.start)
        return group[i] if i < len(group) else None
    return None


@rule(SUBJECT, "contre_earlier", kinds=("percentage", "amount"))
def contre_earlier(f: Figure) -> Optional[Ent]:
    """`X a porté sa participation à 12,4 %, contre 8 % en début d'année`: the figure set
    against the one before it in the sentence, with nobody named between, is the same holder's."""
    p = f.previous
    if p is None or not p.subject or f.rules.get("attribute") not in ("contre_earlier", "contre_former"):
        return None
    if p.start < f.sent.start or any(p.end <= e.start < f.m.start for e in f.ents):
        return None
    return ref(p.subject)


@rule(SUBJECT, "parallel")
def parallel(f: Figure) -> Optional[Ent]:
    """`56 % pour Holcim et 44 % pour Lafarge, contre 53 %-47 % dans le schéma
    initial`: figures given against the same number of figures before take
    their subjects, in order."""
    if not has_any(f.text[max(f.sent.start, f.m.start - 40):f.m.start], PARALLEL_WORDS):
        return None
    figs = [s for s in f.doc.fig_starts if f.sent.start <= s < f.sent.end]
    i = figs.index(f.m.start) if f.m.start in figs else -1
    if i < 0:
        return None
    k = i  # the first figure of this one's group
    text = f.text
    ends = {x.start: x.end for x in f.doc.figures_in(f.sent.start, f.sent.end)}
    while k > 0 and PAIR_GAP.match(text[ends[figs[k - 1]]:figs[k]]):
        k -= 1
    if not PARALLEL_BEFORE.search(text, max(f.sent.start, figs[k] - 20), figs[k]):
        return None
    j = i
    while j + 1 < len(figs) and PAIR_GAP.match(text[ends[figs[j]]:figs[j + 1]]):
        j += 1
    n = j - k + 1
    if n < 2 or k < n:
        return None
    earlier = f.doc.linked_subjects(figs[k - n:k])
    return ref(earlier[i - k]) if earlier and earlier[i - k] else None


@rule(SUBJECT, "figure_and")
def figure_and(f: Figure) -> Optional[Ent]:
    """`qui pèsera 32 milliards d'euros et 130 000 emplois`: a figure coordinated
    with the one before it in its clause has its subject."""
    p = f.previous
    if p is not None and p.subject and p.end <= f.m.start and f.m.start - p.end <= 80 \
            and f.doc.index.sentence_index(p.start) == f.si and FIGURE_AND.match(f.text[p.end:f.m.start]) \
            and all(f.doc.is_complement(e) for e in f.ents if p.end <= e.start < f.m.start):
        return ref(p.subject)
    if p is not None and p.subject and "dont" in f.before_text(25) and f.doc.index.sentence_index(p.start) == f.si \
            and DONT_BEFORE.search(f.before_text(25)):
        return ref(p.subject)  # `avec 28,2 % du capital, dont 20 % ont été prêtés`: a part of its holding
    return None


@rule(SUBJECT, "que_agent", names=True)
def que_agent(f: Figure) -> Optional[Ent]:
    """`le prix de 35 euros que l'État est prêt à payer`, `0,875 action par titre
    que le groupe suisse était disposé à verser`: the agent of the relative clause."""
    if "qu" not in f.after_text(45):
        return None
    return f.name_after(45, QUE_AFTER)


@rule(SUBJECT, "list_item", names=True)
def list_item(f: Figure) -> Optional[Ent]:
    """A list of holdings: `Amber était à 20 %, celui du Qatar à 13 % et Bernard Arnault, à plus de 5 %`."""
    b = f.before[-1] if f.before else None
    if b is not None and not b.generic and f.m.start - b.end <= 40 and LIST_ITEM.match(f.text[b.end:f.m.start]) \
            and not DANS.search(f.text[max(0, b.start - 12):b.start]) and not f.doc.is_complement(b) \
            and (LIST_HEAD.search(f.text, max(f.sent.start, b.start - 45), b.start) or _opens_sentence(f, b)):
        return b  # (not `Kappa contrôle Lumio avec 51 %`: an item opens its clause)
    return None


def _opens_sentence(f: Figure, e: Ent) -> bool:
    """Only an article or a few lower-case words (`le fonds`) stand before `e` in its sentence."""
    return bool(SENTENCE_HEAD.fullmatch(f.text, f.sent.start, e.start))


@rule(SUBJECT, "dative_holder", names=True)
def dative_holder(f: Figure) -> Optional[Ent]:
    """`ce qui donnera à Holcim 56 % du futur ensemble`, `accorde à l'État 20 %`: who is given the figure."""
    b = f.before
    if not b or f.m.start - b[-1].end > 60:
        return None
    near = f.text[max(0, f.m.start - 140):f.m.start]
    if " à " not in near and " au " not in near and " aux " not in near and "à l" not in near:
        return None
    start = f.clause_start()
    for e in reversed(b):
        if e.start < start or f.m.start - e.end > 60:
            break
        window = f.text[max(0, e.start - 40):e.start]
        tail = window[-22:]
        if (" à " in tail or " au " in tail or " aux " in tail or "à l" in tail) \
                and has_any(window, DATIVE_WORDS) and DATIVE_GIVE.search(window):
            return e
    return None


@rule(SUBJECT, "counted_issuer", kinds=('quantity',), names=True)
def counted_issuer(f: Figure) -> Optional[Ent]:
    """`0,9 action Holcim pour une action Lafarge`: in an exchange ratio, the
    company whose shares are counted."""
    a = f.after
    if f.m.kind == "quantity" and f.attribute and f.attribute.startswith(("exchange_ratio", "stock_dividend")) \
            and a and a[0].start - f.m.end <= 2:
        return a[0]
    return None


@rule(SUBJECT, "listed_company", attributes=("share_price", "share_change"))
def listed_company(f: Figure) -> Optional[Ent]:
    """A share price or its move belongs to the listed company: the one named in
    the clause (`le titre Darty s'envole`, `tandis qu'Holcim prend 1,2 %`), else
    the company the text is about (`le titre a clôturé à 35 euros`); the market's
    own move belongs to nobody (`un marché en hausse de 1,1 %`)."""
    if f.attribute not in ("share_price", "share_change"):
        return None
    if MARKET_BEFORE.search(f.before_text(45, f.sent.start)) and not [e for e in f.before if f.m.start - e.end < 30]:
        return ref(None)
    start = f.clause_start()
    clause = [e for e in f.before if e.start >= start and not e.generic]
    if clause:
        return clause[-1]
    named = [e for e in f.before if not e.generic and not f.doc.is_source(f.sent.start, e)]
    if named:
        return named[-1]
    listed = f.doc.listed
    return ref(listed) if listed else None


@rule(SUBJECT, "clause_name", names=True)
def clause_name(f: Figure) -> Optional[Ent]:
    """No trigger word: the last name of the figure's own clause (`tandis qu'Holcim prend 1,2 %`)."""
    if f.attribute and not (f.m.kind == "quantity" and f.trig is None):
        return None  # (a counted noun is no verb: `un géant employant 115 000 salariés`)
    start = f.clause_start()
    clause = [e for e in f.free if e.end <= f.m.start and e.start >= start]
    if not clause:
        return None
    group = f.group(f.free, clause[-1])
    # `Opel et Vauxhall employaient 35 600 salariés`: the first of coordinated names, as the verb rule
    return _merged_pair(f, group) or group[0]


def _merged_pair(f: Figure, group: list[Ent]) -> Optional[Ent]:
    """`Luxottica et Essilor espèrent épargner 500 M€`: the two merging companies
    together are the merged company."""
    merged = f.doc.merged() if len(group) == 2 else None
    if merged and all(e.value and e.value in merged for e in group):
        return ref(merged)
    return None


@rule(SUBJECT, "owner_de", names=True)
def owner_de(f: Figure) -> Optional[Ent]:
    """`la participation de la famille Peugeot passe de 25 %`, `le bénéfice net de Lafarge`."""
    if f.trig is None:
        return None
    start = f.clause_start()
    for trig in reversed([t for t in f.triggers_before if t[0] >= start] or [f.trig]):
        # (`la participation du fonds Kappa dans Lumio vaut 240 M€`: the noun's owner, before the verb)
        owner = [e for e in f.ents if trig[1] <= e.start < f.m.start]
        if trig is not f.trig and any(not f.doc.is_complement(e) for e in owner):
            break  # `la part de X tombera à 14 % quand Siemens détiendra 50 %`: another subject between
        if owner and f.text[trig[1]:trig[1] + 6].lstrip().startswith(("de", "du", "d'", "d’", "net")) \
                and OWNER_DE.match(f.text[trig[1]:owner[0].start]) \
                and not NOT_OWNER.fullmatch(f.text[trig[0]:trig[1]]) \
                and f.text[trig[0]:trig[1]].lower() not in ("contrôle", "controle") \
                and not f.text[max(0, trig[0] - 3):trig[0] + 2].lower().replace("’", "'").count("s'"):
            # (`s'empare de X`: a verb's object, no noun's owner)
            # (`le contrôle de X`, `l'actionnaire de contrôle de X`: X is what is controlled)
            return owner[0]
    return None


@rule(SUBJECT, "relative_qui", names=True)
def relative_qui(f: Figure) -> Optional[Ent]:
    """`il s'agit de Sopratec, qui en possède 12,5 %`, `suivi par la Fnac, qui a
    mis 987 millions sur la table`: the antecedent of the `qui` that opens the
    figure's clause, even a complement."""
    lo = max(f.sent.start, f.m.start - 70)
    if "qui" not in f.text[lo:f.m.start]:
        return None
    quis = [q for q in QUI.finditer(f.text, lo, f.m.start) if not CLAUSE_END.search(f.text, q.end(), f.m.start)]
    if not quis:
        return None
    q = quis[-1].start()
    cands = [e for e in f.ents if e.end <= q and q - e.end <= 40 and QUI_GAP.match(f.text[e.end:q])]
    if not cands:
        return None
    e = cands[-1]
    if ROLE_DE_BEFORE.search(f.text[max(0, e.start - 40):e.start]):
        # `Leonardo Del Vecchio, le patron italien de Luxottica qui contrôle 62 %`: the patron, not his company
        people = [p for p in f.ents if p.person and p.end <= e.start and e.start - p.end <= 60]
        if people:
            return people[-1]
    return e


@rule(SUBJECT, "combined", kinds=("amount", "quantity"))
def combined(f: Figure) -> Optional[Ent]:
    """`une capitalisation boursière combinée de 46 Md€`, `le chiffre d'affaires
    cumulé des deux groupes`: what two merging companies have together belongs
    to the merged company, when the text names it."""
    if f.m.kind == "percentage":
        return None
    lo = f.clause_start()
    if not has_any(f.text[lo:f.m.end + 30], COMBINED_WORDS):
        return None
    if COMBINED.search(f.text, lo, f.m.start) or COMBINED.match(f.after_text(30).lstrip(" ,")):
        merged = f.doc.merged()
        return ref(merged) if merged else None
    return None


# a clause opened by a coordinated verb with no subject of its own: `, et a franchi`, `puis va céder`
_SUBJECTLESS = rx.compile(r"\s*(?:et|puis|mais)\s+(?:(?:ne\s+|n['’]\s*)?(?:a|ont|avait|avaient|aura|auront|va|vont|doit|doivent|"
                          r"devrait|devraient|pourrait|pourraient|est|sont|sera|seront|s['’]est|s['’]était)\s+)?"
                          r"(?:(?:déjà|aussi|également|ensuite|désormais|ainsi)\s+)?\Z", regex.V1 | regex.I)
_INDEFINITE = rx.compile(r"(?<![\p{L}'’])(?:un|une)\s+\p{Ll}", regex.V1 | regex.I)


@rule(SUBJECT, "possessive")
def possessive(f: Figure) -> Optional[Ent]:
    """`sa participation`, `ses 14 %`, `son offre`, `leurs titres` with no
    subject named in the clause: the possessor (`permettre à Vivendi de porter
    sa participation à 45 %`)."""
    pos = None
    if not has_any(f.text[max(f.sent.start, f.m.start - 60):f.m.end + 12], POSSESSIVE_WORDS):
        return None
    if POSSESSIVE_BEFORE.search(f.before_text(30, f.sent.start)) or POSSESSIVE_AFTER.match(f.after_text(12)):
        pos = f.m.start
    elif f.trig is not None:
        start = f.clause_start()
        for t in reversed([t for t in f.triggers_before if t[0] >= start] or [f.trig]):
            if _INDEFINITE.search(f.text, t[1], f.m.start):
                break  # `… de son capital avec une mise de 500 M€`: the figure has a noun of its own, not possessed
                # (`sa participation, d'une valeur de…` is still the possessed noun's)
            if POSSESSIVE_BEFORE.search(f.text, max(f.sent.start, t[0] - 20), t[0]):
                pos = t[0]  # `sa participation dans Alstom est valorisée 2,2 Md€`
                break
    if pos is None:
        return None
    mark = POSSESSIVE_WORD.search(f.text, max(f.sent.start, pos - 30), pos)
    pos = mark.start() if mark else pos
    start = f.clause_start(pos)
    named = [e for e in f.free if start <= e.start and e.end <= pos]
    if named and f.attribute in OWN_CAPITAL and not SUBSCRIBES.search(f.text, named[-1].end, pos):
        # `Alpha a annoncé le succès de son augmentation de capital de 2 Md€` (the verb rule leaves a
        # capital increase to the company the text is about; the possessive says whose it is)
        return f.group(f.free, named[-1])[0]
    if named:
        return None  # `Vivendi porte sa participation à 45 %`: the verb's subject is named (the verb rule)
    return _possessor(f, pos)


@rule(SUBJECT, "fronted")
def fronted(f: Figure) -> Optional[Ent]:
    """A figure in a phrase fronted before the sentence's subject: `En
    acquérant 100 % de Nuvia, Alpha…`, `Avec 45 % des titres, il…`,
    `Actionnaire principal (il détient 40 %), Alpha…`: the name (or pronoun)
    that opens the main clause."""
    s = f.sent
    head = FRONT_END.search(f.text, f.m.end, min(s.end, f.m.end + 150))
    if head is None or [e for e in f.free if s.start <= e.start < f.m.start]:
        return None
    if [e for e in f.before if not f.doc.is_complement(e) and not f.in_aside(e) and e.start >= s.start]:
        return None
    opening = min((a for a, b in f.asides if a <= f.m.start < b), default=f.m.start)
    if FRONT_END.search(f.text, s.start, opening):
        return None  # the figure (or its brackets) is not in the sentence's first phrase
    at = head.end()
    for a, b in f.asides:  # `avec 28,2 % du capital – dont 20 % prêtés – le groupe…`: past the aside
        if a <= head.start() < b or head.start() <= a < at + 1:
            at = max(at, b)
    after = f.text[at:at + 60].lstrip(" ,–—")
    p = PRONOUN_RE.match(after)
    if p:
        prev = f.doc.previous_subject(f.si)
        return ref(prev) if prev else None
    nxt = [e for e in f.ents if e.start >= at]
    if nxt and nxt[0].start - at <= 40 and not f.doc.is_complement(nxt[0]):
        return nxt[0]
    return None


@rule(SUBJECT, "created_group", names=True)
def created_group(f: Figure) -> Optional[Ent]:
    """`Elle va donner naissance à un groupe pesant 32 milliards d'euros`: the
    group created, named before the figure with no other name between."""
    for e in reversed(f.before):
        if e.created:
            return e
        if not f.doc.is_complement(e):
            return None
    return None


@rule(SUBJECT, "clause_pronoun")
def clause_pronoun(f: Figure) -> Optional[Ent]:
    """`Leonardo Del Vecchio devient l'actionnaire principal : il détient 31 %`:
    a subject pronoun opening the figure's own clause refers to the nearest name
    before it that is not a complement, else to the previous sentence's subject."""
    start = f.clause_start()
    end = f.trig[0] if f.trig is not None and f.trig[0] >= start else f.m.start
    if not has_any(f.text[start:end], _PRONOUNS):
        return None
    p = PRONOUN_RE.search(f.text, start, end)
    if p is None or [e for e in f.free if start <= e.start and e.end <= f.m.start]:
        return None
    for e in reversed([e for e in f.free if e.end <= p.start()]):
        if not e.generic:
            return e
    prev = f.doc.previous_topic(f.si)
    return ref(prev) if prev else None


@rule(SUBJECT, "passive_agent", names=True)
def passive_agent(f: Figure) -> Optional[Ent]:
    """`Darty a accepté d'être racheté par Conforama au prix de 125 pence`: the agent of a passive verb."""
    start = f.clause_start()
    if "par " not in f.text[start:f.m.start]:
        return None
    for t in f.triggers_before:
        if t[0] < start or t[2] not in ("acquisition", "sale", "investment", "funding", "stake"):
            continue
        if not PASSIVE_BEFORE.search(f.text, max(start, t[0] - 25), t[0]):
            continue
        for e in f.before:
            if e.start > t[1] and PAR_AFTER.match(f.text[t[0]:e.start]):
                return e
    return None


def _verb_allowed(f: Figure) -> bool:
    # the investors named before a capital increase are not its subject: the company is
    return bool(f.attribute) and f.trig is not None and not (f.attribute in OWN_CAPITAL and f.doc.target)


@rule(SUBJECT, "own_clause", names=True)
def own_clause(f: Figure) -> Optional[Ent]:
    """`…, Peugeot a atteint 1,5 milliard`: a clause that starts after the trigger word has its own subject."""
    if not _verb_allowed(f):
        return None
    start = f.clause_start()
    if f.trig[1] > start:
        return None
    own = [e for e in f.free if start <= e.start and e.end <= f.m.start]
    return own[-1] if own else None


@rule(SUBJECT, "verb", names=True)
def verb(f: Figure) -> Optional[Ent]:
    """`X détient / possède / rachète … N %`: the last free name before the
    trigger word, or the first of the names coordinated with it."""
    if not _verb_allowed(f):
        return None
    start = f.clause_start()
    first = next((t for t in f.triggers_before if t[0] >= start and not f.aside_of(t[0], t[1])), f.trig)
    # `X a racheté Y au prix de N`: the subject of the clause's first trigger (the verb), not of `prix`
    cands = [e for e in f.free if e.end <= first[0]] or [e for e in f.free if e.end <= f.trig[0]]
    if not cands:
        return None
    if cands[0].end <= start and start < first[0] and _SUBJECTLESS.match(f.text, start, first[0]):
        # `X a annoncé … au capital de Y, et a franchi le seuil de 5 %`: a verb coordinated without a
        # subject of its own shares the sentence's
        return cands[0]
    if GERUND_BEFORE.search(f.text, max(f.sent.start, f.trig[0] - 5), f.trig[0]):
        cands = cands[:1]  # `X et Y renflouent Z en apportant 50 M€`: the main clause's subject
    group = f.group(f.free, cands[-1])
    # `X, maison mère de Y et Z, détient 55 %`, `X, rachetée par Y en 2019, a réalisé…`: the names of
    # an apposition are not the subject of the verb after it
    k = f.free.index(group[0])
    if k > 0 and "," in f.text[group[-1].end:first[0]] \
            and APPOSITION_OPEN.match(f.text, f.free[k - 1].end, group[0].start) \
            and f.free[k - 1].start >= f.sent.start:
        return f.free[k - 1]  # (a generic one too: `Le groupe, contrôlé à 41 % par X, a enregistré…`)
    # `Lafarge et Holcim représentent un chiffre d'affaires de…`: together, the merged company
    return _merged_pair(f, group) or group[0]


@rule(SUBJECT, "latter")
def latter(f: Figure) -> Optional[Ent]:
    """`… au fonds Kappa. Celui-ci détient 16 %`, `cette dernière possède 20 %`: the
    demonstrative names the last one named before, not the previous sentence's subject."""
    if f.text.find("-ci", f.sent.start, f.m.start) < 0 and f.text.find("dernière", f.sent.start, f.m.start) < 0 \
            and f.text.find("dernier", f.sent.start, f.m.start) < 0:
        return None
    if [e for e in f.free if e.end <= f.m.start]:
        return None
    if LATTER.search(f.text, f.sent.start, f.m.start):
        got = f.doc.previous_last(f.si)
        return ref(got) if got else None
    return None


@rule(SUBJECT, "pronoun")
def pronoun(f: Figure) -> Optional[Ent]:
    """`Il pourrait toucher plus de 500 millions`: a subject pronoun with no
    name before the figure in its sentence refers to the previous sentence's subject."""
    if [e for e in f.free if e.end <= f.m.start]:
        return None
    if has_any(f.text[f.sent.start:f.m.start], _PRONOUNS) and PRONOUN_RE.search(f.text, f.sent.start, f.m.start):
        prev = f.doc.previous_topic(f.si)
        return ref(prev) if prev else None
    return None


@rule(SUBJECT, "chez", names=True, attributes=tuple(sorted(COMPANY_ATTRIBUTES | {"job_cuts", "jobs"})))
def chez(f: Figure) -> Optional[Ent]:
    """`Chez Berlac, 300 emplois sont menacés`, `les 4 000 salariés employés chez X`: the
    company `chez` names, for what only a company has, when no free name says whose it is
    (never `analyste chez X`)."""
    if "hez" not in f.text[f.sent.start:f.sent.end] or [e for e in f.free if e.end <= f.m.start]:
        return None
    for e in f.ents:
        if e.value and not e.person and CHEZ_BEFORE.search(f.text, max(f.sent.start, e.start - 12), e.start):
            return e
    return None


# what the figure's attribute makes of the deal's parties (SPEC §1 table)
BUYER_ATTRIBUTES = ("acquisition", "price", "premium", "cash_component", "warrants", "share_component")


@rule(SUBJECT, "deal_role/buyer", attributes=BUYER_ATTRIBUTES)
def deal_buyer(f: Figure) -> Optional[Ent]:
    """A price, a premium or what is bought, whose sentence says nothing of who
    buys: the buyer the article's lead names (`Alpha rachète Nuvia` … `le prix
    de 12 euros par action`)."""
    roles = f.doc.roles
    if roles.buyer and f.attribute in BUYER_ATTRIBUTES and f.doc.target in (None, roles.target):
        return ref(roles.buyer)
    return None  # (no lead, or a lead that the rest of the article reads otherwise: nobody)


@rule(SUBJECT, "deal_role/seller", attributes=("sale",))
def deal_seller(f: Figure) -> Optional[Ent]:
    """What is sold, with no seller in its sentence: the seller the lead names."""
    roles = f.doc.roles
    if roles.seller and f.attribute == "sale" and f.doc.target in (None, roles.target):
        return ref(roles.seller)
    return None


@rule(SUBJECT, "bullet_intro", attributes=("acquisition", "sale"))
def bullet_intro_subject(f: Figure) -> Optional[Ent]:
    """A list item's figure whose line names no subject (`- d'Opel, pour 1 320 M€`): the agent
    of the line introducing the list (`le rachat par X :`), else the deal's buyer."""
    from .attribute import bullet_intro
    if f.rules.get("attribute") != "bullet_of_intro":
        return None
    intro = bullet_intro(f)
    if intro is None:
        return None
    g = INTRO_AGENT.search(f.text, *intro)
    if g:
        names = [m for m in f.doc.names if g.start("x") <= m.start < intro[1] and m.kind == "organization"]
        if names:
            return ref(str(names[0].value))
    # (else nobody: the item names what changes hands, never who buys it)
    return ref(f.doc.roles.buyer if f.attribute == "acquisition" else None)


@rule(SUBJECT, "amount_nearest", kinds=('amount',), names=True)
def amount_nearest(f: Figure) -> Optional[Ent]:
    """An amount with no trigger word near it: the name of its own clause, else the nearest before it."""
    if f.trig is not None or _each(f) or f.m.kind != "amount":
        return None
    start = f.clause_start()
    # (not a company held: `porter sa participation dans le constructeur X … pour 300 M€`)
    nearest = [e for e in f.free if e.end <= f.m.start and not DANS.search(f.text, max(0, e.start - 45), e.start)]
    clause = [e for e in nearest if e.start >= start]
    return (clause or nearest or [None])[-1]


@rule(SUBJECT, "deal_role/financing", attributes=OWN_CAPITAL)
def deal_financing(f: Figure) -> Optional[Ent]:
    """`L'opération sera financée par une augmentation de capital de 1,5 Md€`: the
    capital increase that pays for the deal is the buyer's (not the company bought)."""
    buyer = f.doc.roles.buyer
    if not buyer or f.attribute not in OWN_CAPITAL or f.ents:
        return None
    if FINANCES_DEAL.search(f.text, f.sent.start, f.sent.end):
        return ref(buyer)
    return None


@rule(SUBJECT, "own_capital", attributes=OWN_CAPITAL)
def own_capital(f: Figure) -> Optional[Ent]:
    """A capital increase is the company's own: the company the text is about."""
    if f.attribute in OWN_CAPITAL and f.doc.target:
        return ref(f.doc.target)
    return None


@rule(SUBJECT, "each_previous")
def each_previous(f: Figure) -> Optional[Ent]:
    """`Chacune des deux parties investirait …` with nobody named: the previous sentence's subject."""
    if _each(f):
        return ref(f.doc.previous_subject(f.si))
    return None


# companies or places counted: `23 sociétés du secteur ont bénéficié du plan`
_COUNTED_ENTITIES = {"société", "entreprise", "groupe", "banque", "pays", "ville", "commune", "start-up", "pme", "eti",
                     "acteur", "investisseur", "fonds", "opérateur", "constructeur", "région", "état"}


@rule(SUBJECT, "counted_entities", kinds=("quantity",))
def counted_entities(f: Figure) -> Optional[Ent]:
    """A count of companies or places in a sentence naming nobody is nobody's
    (it does not go on about the previous figure's holder)."""
    if f.m.kind != "quantity" or str(f.m.unit or "").lower() not in _COUNTED_ENTITIES:
        return None
    if not f.ents:
        return ref(None)
    # `Selon les analystes, 23 sociétés ont répondu à l'appel d'offres lancé par X`: the count opens its
    # clause, it is what the clause speaks of, not something X has
    start = f.clause_start()
    if not [e for e in f.free if start <= e.start < f.m.start] and _COUNT_OPENS.match(f.text, start, f.m.start):
        return ref(None)
    return None


# what may stand before a count that opens its clause: an article, `plus de`, `quelque`
_COUNT_OPENS = rx.compile(r"\s*(?:(?:les|des|ces|quelque|environ|près\s+de|plus\s+de|moins\s+de|au\s+moins)\s+)*\Z", regex.V1 | regex.I)


@rule(SUBJECT, "previous_figure")
def previous_figure(f: Figure) -> Optional[Ent]:
    """A sentence naming nobody (`En ajoutant les 700 millions à venir, on
    dépasse les 2 milliards`, `Ce qui revient à un prix total de 610 millions`)
    goes on about the previous figure's subject, when it is one or two sentences back."""
    if f.ents or f.previous is None or not f.previous.subject:
        return None
    if OWN_NOUN_SUBJECT.match(f.text, f.sent.start, f.m.start):
        return None  # `Les fondateurs conservent 52 %`: the sentence has a subject of its own, unnamed
    if f.m.kind == "percentage" and f.after_text(12).lstrip().startswith(("restant", "restants", "restante", "restantes")):
        return None  # `les 40 % restants`: the rest, someone else's
    if f.si - f.doc.index.sentence_index(f.previous.start) <= 2:
        if dict(f.previous.links).get("subject") in ("adjacent", "pour_par", "list_item"):
            # `…, derrière Orange (37 %) et SFR (24 %). Le chiffre d'affaires s'élève à…`: a rival
            # given in passing is not what the text goes on about
            main = f.doc.previous_subject(f.si)
            if main:
                return ref(main)
        return ref(f.previous.subject)
    return None


_RESULTS = tuple(sorted(COMPANY_ATTRIBUTES | {a + "_change" for a in ("revenue", "net_income", "ebitda", "operating_profit",
                                                                       "headcount", "subscribers", "customers")}))


@rule(SUBJECT, "company_topic", attributes=_RESULTS)
def company_topic(f: Figure) -> Optional[Ent]:
    """`Le groupe Nuvia a publié ses résultats. Le chiffre d'affaires a progressé de 5 %`: what
    only a company has, in a sentence that names nobody and opens with that result, is the
    company the sentence before spoke of."""
    if f.ents or not _RESULT_OPENS.match(f.text, f.sent.start, f.m.start):
        return None
    prev = f.doc.previous_subject(f.si)
    return ref(prev) if prev and prev not in f.doc.person_values else None


# a sentence opened by a result with its article (`Le chiffre d'affaires`, `Son bénéfice net`, `Les ventes`)
_RESULT_OPENS = rx.compile(r"\s*(?:(?:le|la|les|l['’]|son|sa|ses|leur|leurs)\s*)(?:chiffre\s+d['’]affaires|bénéfice|résultat|"
                           r"excédent\s+brut|ebitda|ventes|revenus?|effectifs?|carnet\s+de\s+commandes|perte|"
                           r"capitalisation|nombre\s+d['’](?:abonnés|clients|employés|salariés))(?!\p{L})", regex.V1 | regex.I)


@rule(SUBJECT, "sentence_first", names=True)
def sentence_first(f: Figure) -> Optional[Ent]:
    """The sentence's first free name (before a percentage); never a person for
    what only a company has."""
    cands = [e for e in f.free if e.start < f.m.start or (f.m.kind != "percentage" and e.start < f.clause_end())]
    if f.attribute in COMPANY_ATTRIBUTES:
        cands = [e for e in cands if not e.person]
    return cands[0] if cands else None
