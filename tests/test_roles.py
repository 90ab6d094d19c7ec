"""The deal's roles read from an article's lead (`cloudfacts.link.roles`): each
construction of French that states who buys what, and leads that state none."""
from __future__ import annotations

import pytest

from cloudfacts import extract_text
from cloudfacts.link.roles import LEAD, deal_roles
from cloudfacts.text import TextIndex


def roles(text: str):
    names = [m for m in extract_text(text) if m.kind in ("organization", "person", "location")]
    r = deal_roles(text, names, TextIndex(text))
    return (r.buyer, r.target, r.seller, r.rule)


@pytest.mark.parametrize("text,expected", [
    ("Le groupe Alpha rachète la société Nuvia pour 2 milliards d'euros.", ("Alpha", "Nuvia", None, "buy_verb")),
    ("Le groupe Alpha va racheter le fabricant Nuvia.", ("Alpha", "Nuvia", None, "buy_verb")),
    ("Le groupe Alpha change d'échelle en rachetant la société Nuvia.", ("Alpha", "Nuvia", None, "buy_verb")),
    ("Le constructeur Alpha a donné son feu vert au rachat de la société Nuvia.", ("Alpha", "Nuvia", None, "buy_verb")),
    ("Le groupe Alpha a signé un accord avec le fonds Kappa pour racheter 100 % de la société Nuvia.",
     ("Alpha", "Nuvia", None, "buy_verb")),
    ("PARIS, 3 mars (Reuters) - Le groupe Alpha a accepté de reprendre la participation du fonds Kappa dans la "
     "société Nuvia.", ("Alpha", "Nuvia", "Kappa", "buy_verb")),
    ("OPA du groupe Alpha sur la société Nuvia : le conseil approuve.", ("Alpha", "Nuvia", None, "offer_of_on")),
    ("Le rachat de la société Nuvia par le groupe Alpha est finalisé.", ("Alpha", "Nuvia", None, "deal_noun_par")),
    ("La société Nuvia passe sous le contrôle du groupe Alpha.", ("Alpha", "Nuvia", None, "passive_buy")),
    ("Le groupe Nuvia a annoncé son rachat par le groupe Alpha.", ("Alpha", "Nuvia", None, "passive_buy")),
    ("Le groupe Sopratec cède sa participation dans la société Nuvia au groupe Alpha.",
     ("Alpha", "Nuvia", "Sopratec", "sell_verb")),
    ("Le groupe Alpha a réussi son augmentation de capital, qui va lui permettre de financer l'acquisition de la "
     "société Nuvia.", ("Alpha", "Nuvia", None, "buy_verb")),
    ("Le groupe Alpha veut grandir. Le constructeur ferroviaire français a annoncé avoir signé un accord avec la "
     "banque Kappa pour racheter 100 % de la société Nuvia.", ("Alpha", "Nuvia", None, "buy_verb")),
    ("La société Alpha change de taille. Le groupe a racheté la société Nuvia.", ("Alpha", "Nuvia", None, "buy_verb")),
    ("L'opérateur Alpha a annoncé mardi le rachat de la société Nuvia.", ("Alpha", "Nuvia", None, "buy_verb")),
    ("Le fonds Kappa convoite la société Nuvia. Selon la presse, le groupe Alpha envisageait de lancer une OPA sur le "
     "distributeur français.", ("Alpha", "Nuvia", None, "buy_verb")),
    ("(Lyon) Le constructeur ferroviaire français Alpha a réussi son augmentation de capital, qui va lui permettre "
     "de financer l'acquisition de la société Nuvia.", ("Alpha", "Nuvia", None, "buy_verb")),
    # buying said other ways: acheter, avaler, se payer, jeter son dévolu sur, prendre N %, the offer filed
    ("Le groupe Alpha achète la société Nuvia pour 2 milliards d'euros.", ("Alpha", "Nuvia", None, "buy_verb")),
    ("Le groupe Alpha a acheté la société Nuvia l'an dernier.", ("Alpha", "Nuvia", None, "buy_verb")),
    ("Le groupe Alpha finalise l'achat de la société Nuvia.", ("Alpha", "Nuvia", None, "buy_verb")),
    ("Le géant Alpha avale la société Nuvia.", ("Alpha", "Nuvia", None, "buy_verb")),
    ("Le groupe Alpha se paie la société Nuvia.", ("Alpha", "Nuvia", None, "buy_verb")),
    ("Le groupe Alpha jette son dévolu sur la société Nuvia.", ("Alpha", "Nuvia", None, "buy_verb")),
    ("Le groupe Alpha prend 60 % de la société Nuvia.", ("Alpha", "Nuvia", None, "buy_verb")),
    ("Le groupe Alpha lance une offre publique d'achat sur la société Nuvia.", ("Alpha", "Nuvia", None, "buy_verb")),
    ("Le groupe Alpha dépose une OPA sur la société Nuvia.", ("Alpha", "Nuvia", None, "buy_verb")),
    # the deal as a noun after `pour`, `en vue de`: the sentence's subject's
    ("Le groupe Alpha a conclu un accord pour le rachat de la société Nuvia.", ("Alpha", "Nuvia", None, "buy_verb")),
    ("Le groupe Alpha a remporté l'appel d'offres pour la reprise de la société Nuvia.",
     ("Alpha", "Nuvia", None, "buy_verb")),
])
def test_the_lead_states_the_roles(text, expected):
    assert roles(text) == expected


@pytest.mark.parametrize("text", [
    "Le groupe Alpha et le groupe Kappa fusionnent.",                         # a merger: nobody buys
    "Le groupe Alpha a publié ses comptes, meilleurs que ceux du groupe Kappa.",
    # the infinitive's subject is the sentence's, and a generic noun opens it: unclear
    "Le constructeur a signé un accord avec le fonds Kappa pour racheter 100 % de la société Nuvia.",
    # whose shares: the holder's, in a company the sentence does not name
    "Le groupe Alpha rachètera les titres du fonds Kappa au prix de 24 euros.",
    # the deal of another's offer: `l'offre de X déposée en vue de l'acquisition de Y` is X's, not the subject's
    "Le groupe Alpha conteste l'offre du groupe Kappa déposée en vue de l'acquisition de Nuvia.",
    "Le groupe Alpha prend la tête du marché européen des capteurs devant la société Nuvia.",
])
def test_a_lead_that_states_no_purchase_gives_no_roles(text):
    assert roles(text) == (None, None, None, None)


def test_only_the_lead_is_read():
    text = "Le groupe Alpha publie ses résultats. " + "Le marché est calme. " * (LEAD // 20) + \
        "Le groupe Alpha rachète la société Nuvia."
    assert roles(text) == (None, None, None, None)
