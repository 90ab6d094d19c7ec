"""Unit tests of the building blocks: numbers, dates, names, canonical forms."""
from __future__ import annotations

from datetime import date

import pytest

from cloudfacts import extract_text
from cloudfacts.entities import canonicalize_corpus, load_aliases, AliasError
from cloudfacts.extractors.dates import find_ref_date
from cloudfacts.extractors.figures import singular
from cloudfacts.extractors.names import tokenize
from cloudfacts.numbers import parse_digits, parse_words
from cloudfacts.sources import decode, html_to_text


@pytest.mark.parametrize("s,v", [("44,4", 44.4), ("44.4", 44.4), ("100 000", 100000), ("100\u00a0000", 100000),
                                 ("12\u202f500", 12500), ("100.000", 100000), ("1.200.000", 1200000),
                                 ("1.200.000,5", 1200000.5), ("2014", 2014), ("0,875", 0.875)])
def test_parse_digits(s, v):
    assert parse_digits(s) == v


@pytest.mark.parametrize("s,v", [("quarante-quatre", 44), ("soixante-dix", 70), ("quatre-vingt-dix", 90),
                                 ("quatre-vingts", 80), ("vingt et un", 21), ("deux cent cinquante", 250),
                                 ("trois cent quatre-vingts", 380), ("deux mille quinze", 2015), ("mille", 1000),
                                 ("soixante et onze", 71), ("dix-sept", 17)])
def test_parse_words(s, v):
    assert parse_words(s) == v


@pytest.mark.parametrize("p,s", [("emplois", "emploi"), ("journaux", "journal"), ("bureaux", "bureau"),
                                 ("salariés", "salarié"), ("pays", "pays"), ("travaux", "travail"),
                                 ("points de vente", "point de vente")])
def test_singular(p, s):
    assert singular(p) == s


@pytest.mark.parametrize("text,d", [("[12/01/2015 11:44:50] Paris (AFP) Orange", date(2015, 1, 12)),
                                    ("Paris, le 12 janvier 2015 - Orange annonce", date(2015, 1, 12)),
                                    ("Le Revenu 04/07/2014 à 17:10\n", date(2014, 7, 4)),
                                    ("20 juin 2014\nFrance - États-Unis", date(2014, 6, 20)),
                                    ("Titre\n\n  Lyon (Reuters), le mardi 3 mars 2015 - Renault", date(2015, 3, 3)),
                                    # a line opening in lower case is the end of a cut sentence
                                    ("Une mise en valeur de la\nfaçade, le 18 décembre 2014.", None),
                                    ("Orange annonce un accord.", None),
                                    # a wire's dateline may close the article
                                    ("Alpha rachète Nuvia jeudi.\n\n(©AFP / 28 mars 2018 06h38)", date(2018, 3, 28)),
                                    ("Alpha rachète Nuvia. (Reuters, 3 mars 2023)", date(2023, 3, 3)),
                                    ("Alpha rachète Nuvia, selon Le Monde (12 mars 2023).", None),
                                    # a web page's publication line
                                    ("Titre\n\npar Jeanne Roux\npublié le 27 septembre 2017 à 17h14\n\nAlpha", date(2017, 9, 27)),
                                    ("Titre\n\nPubliée le mardi 3 mars 2015\nAlpha", date(2015, 3, 3)),
                                    ("Titre\n\nle 28/09/2017 La Lettre / Edition du matin\n\nAlpha", date(2017, 9, 28)),
                                    # a date inside a sentence is not the article's
                                    ("Titre\nLe groupe a été publié le 3 mars 2015 au Journal officiel.", None)])
def test_ref_date(text, d):
    assert find_ref_date(text) == d


@pytest.mark.parametrize("text,toks", [
    ("l'Etat", [(0, 2, "l'", False, False, True), (2, 6, "Etat", True, False, False)]),
    ("Qu'aujourd'hui", [(0, 3, "Qu'", False, False, True), (3, 14, "aujourd'hui", False, False, False)]),
    ("presqu'île", [(0, 10, "presqu'île", False, False, False)]),
    ("Jean-Marc a l'2015", [(0, 9, "Jean-Marc", True, False, False), (10, 11, "a", False, False, False),
                           (12, 18, "l'2015", False, False, False)]),
    ("eNovance SFR", [(0, 8, "eNovance", True, False, False), (9, 12, "SFR", True, True, False)]),
    ("AT&T x_y ½2", [(0, 4, "AT&T", True, True, False), (5, 6, "x", False, False, False),
                     (7, 8, "y", False, False, False), (10, 11, "2", False, False, False)]),
    ("CloudwattCloudwatt", [(0, 9, "Cloudwatt", True, False, False), (9, 18, "Cloudwatt", True, False, False)]),
    ("", []),
])
def test_tokenize(text, toks):
    assert [tuple(t) for t in tokenize(text)] == toks


def test_relative_dates_resolve_against_the_dateline():
    text = "[12/01/2015 11:44:50] Orange a annoncé lundi un accord pour mars."
    got = {m.text: m.value for m in extract_text(text) if m.kind == "date"}
    assert got == {"12/01/2015": "2015-01-12", "lundi": "2015-01-12", "mars": "2015-03"}


def test_relative_dates_stay_null_without_reference():
    got = {m.text: m.value for m in extract_text("Il a démissionné lundi, fin avril.") if m.kind == "date"}
    assert got == {"lundi": None, "fin avril": None}


def test_sentence_initial_word_is_not_a_name_on_that_ground():
    ms = extract_text("Dernièrement, le marché a changé. Rappelons les faits.")
    assert [m for m in ms if m.kind in ("person", "organization", "location")] == []


def test_sentence_initial_name_found_when_used_elsewhere():
    ms = extract_text("Zorglub a levé des fonds. Les clients de Zorglub sont ravis.")
    assert [(m.kind, m.text, m.start) for m in ms] == [("organization", "Zorglub", 0),
                                                       ("organization", "Zorglub", 41)]


def test_surname_propagation_and_title():
    ms = extract_text("Didier Renard a été nommé. Plus tard, M. Renard a confirmé.")
    persons = [(m.text, m.value) for m in ms if m.kind == "person"]
    assert persons == [("Didier Renard", "Didier Renard"), ("Renard", "Didier Renard")]


def test_acronym_defined_in_text():
    ms = extract_text("Le Fonds Européen pour la Transition Énergétique (FETE) investit. Le FETE recrute.")
    assert {m.text: m.value for m in ms if m.kind == "organization"} == {
        "Fonds Européen pour la Transition Énergétique": "Fonds Européen pour la Transition Énergétique",
        "FETE": "Fonds Européen pour la Transition Énergétique"}


def test_acronym_with_two_letters_swapped_is_the_defined_one():
    ms = extract_text("Le Fonds Régional des Actions Vertes (FRAV) investit. Le FARV détient 12 % du capital.")
    assert {m.text: m.value for m in ms if m.kind == "organization"} == {
        "Fonds Régional des Actions Vertes": "Fonds Régional des Actions Vertes",
        "FRAV": "Fonds Régional des Actions Vertes", "FARV": "Fonds Régional des Actions Vertes"}
    # two different acronyms stay apart, and so do three-letter ones
    ms = extract_text("La Banque Ouest Nord (BON) recrute. La BNO aussi. Le Fonds Zeta Kappa Omega (ZKO) et le KZO.")
    vals = {m.text: m.value for m in ms if m.kind == "organization"}
    assert vals.get("BNO", "BNO") == "BNO" and vals.get("KZO", "KZO") == "KZO"


def test_canonical_is_most_frequent_spelling_and_persons_stay_apart():
    ms = extract_text("Zorglub et ZorgLub. La société Zorglub. Patrick Stark puis Patrick Starck.")
    vals = {(m.kind, m.text): m.value for m in ms}
    assert vals[("organization", "ZorgLub")] == "Zorglub"
    assert vals[("person", "Patrick Stark")] == "Patrick Stark"
    assert vals[("person", "Patrick Starck")] == "Patrick Starck"


def test_organisation_typo_takes_known_form():
    ms = extract_text("La Caisse des Dépôt a confirmé.")
    assert [(m.text, m.value) for m in ms if m.kind == "organization"] == [("Caisse des Dépôt", "Caisse des Dépôts")]


def test_a_name_one_letter_off_a_known_one_at_its_start_is_another_name():
    ms = extract_text("Le distributeur Maréva cède ses magasins au groupe Delcourt.")
    assert [(m.text, m.value) for m in ms if m.kind == "organization"] == [("Maréva", "Maréva"),
                                                                         ("Delcourt", "Delcourt")]


def test_alias_file_formats(tmp_path):
    a = tmp_path / "a.json"
    a.write_text('{"Big Co": "BigCompany"}', encoding="utf-8")
    assert load_aliases(a) == {"big co": "BigCompany"}
    b = tmp_path / "b.json"
    b.write_text('{"x": 3}', encoding="utf-8")
    with pytest.raises(AliasError, match="must map to a non-empty string"):
        load_aliases(b)


def test_decode_latin1_and_binary():
    assert decode("Société".encode("cp1252")) == ("Société", "cp1252")
    assert decode("\ufeffabc".encode("utf-8")) == ("abc", "utf-8")
    with pytest.raises(ValueError, match="binary"):
        decode(b"ab\x00cd")


def test_html_to_text_drops_scripts_and_decodes_entities():
    t = html_to_text("<p>A&amp;B <b>44&nbsp;%</b></p><script>x=1</script><div>fin</div>")
    assert t == "A&B 44\u00a0%\nfin\n"


def test_canonicalize_corpus_is_idempotent():
    ms = extract_text("Orange, Thalès et la Caisse des dépôts (CDC).")
    assert canonicalize_corpus(ms) == ms


# Long date expressions: each rule is scanned in a window around its trigger
# word, and the window must hold the whole expression.
@pytest.mark.parametrize("text,expected", [
    ("Les négociations ont duré entre le 1er et le 15 septembre 2015, selon Orange.",
     ("entre le 1er et le 15 septembre 2015", "2015-09-01/2015-09-15")),
    ("La réunion du mercredi 12 mars 2015 a été décisive.", ("mercredi 12 mars 2015", "2015-03-12")),
    ("Bouclé à la fin du premier trimestre de l'année 2016.", ("fin du premier trimestre de l'année 2016", "2016-33")),
    ("Les ventes ont progressé de 2010 jusqu'en 2014.", ("de 2010 jusqu'en 2014", "2010/2014")),
    ("Un retour à l'équilibre courant de l'automne 2015.", ("courant de l'automne 2015", "2015-23")),
    ("Le mercredi  12  mars  2015  dernier, Orange a signé.", ("mercredi  12  mars  2015  dernier", "2015-03-12")),
    ("Les travaux reprendront cet hiver.", ("cet hiver", "2015-24")),
    ("Ce printemps, le groupe a recruté.", ("Ce printemps", "2015-21")),
    ("Il a démissionné la semaine dernière.", ("la semaine dernière", "2015-01-05/2015-01-11")),
    ("Le site fermera au deuxième semestre 2014.", ("deuxième semestre 2014", "2014-41")),
    ("Les ventes ont chuté entre 2010 et 2014.", ("entre 2010 et 2014", "2010/2014")),
])
def test_long_date_expressions(text, expected):
    got = [(m.text, m.value) for m in extract_text(text, ref_date=date(2015, 1, 12)) if m.kind == "date"]
    assert got == [expected]


@pytest.mark.parametrize("changes", [
    {}, {"value": 44.4, "subject": "Orange", "qualifier": "about"}, {"value": float("nan"), "max": float("inf")},
    {"value": 12, "max": 15.0}, {"value": "2015-01"}, {"text": 'guillemets "x" \\ \n\t\x01 \u2028 «é»'},
    {"sentence": "\ud800 lone surrogate"}, {"value": True}, {"start": 3.0}, {"sentence": None},
])
def test_json_line_is_json_dumps(changes):
    import json
    import math

    from cloudfacts.export import json_line
    from cloudfacts.model import Mention

    m = Mention(source="a/b.txt", kind="percentage", text="44 %", start=3, end=7, line=1, sentence="Orange 44 %.",
                rule="percent_sign", id="0123456789abcdef")._replace(**changes)
    d = m.to_dict()
    for k in ("value", "max"):
        if isinstance(d[k], float) and not math.isfinite(d[k]):
            d[k] = None
    assert json_line(m) == json.dumps(d, ensure_ascii=False)


@pytest.mark.parametrize("text", [
    "Le rachat-vente, l'ex-actionnaire, du capital-risque, s'emparer, la prise de contrôle, chiffre d'affaires.",
    "Les co-actionnaires détiennent des parts du capital ; de 10 % des droits de vote, par action.",
    "Ventes, VENTES et Ventes-record : le bénéfice net et la part de marché.",
])
def test_trigger_words_found_from_the_tokens_as_by_a_full_scan(text):
    from cloudfacts.extractors.names import tokenize
    from cloudfacts.link.context import TRIGGER_RE as _TRIGGER_RE, Triggers as _Triggers

    expected = [(m.start(), m.end(), m.lastgroup) for m in _TRIGGER_RE.finditer(text)]
    assert expected and _Triggers(text, tokenize(text)).hits == expected


def test_merged_company_named_elsewhere_in_the_corpus_in_the_other_order():
    # one article makes `ZorvexOmnalis` of the two merging companies; another names the merged group
    a = extract_text("Le groupe Zorvex et la société Omnalis fusionnent : Zorvex deviendra l'actionnaire "
                     "principal de la nouvelle entité avec 40 %.", source="a.txt")
    assert [(m.subject, m.object) for m in a if m.kind == "percentage"] == [("Zorvex", "ZorvexOmnalis")]
    b = extract_text("Le nouvel ensemble Omnalis-Zorvex pèsera 3 milliards d'euros.", source="b.txt")
    out = canonicalize_corpus(a + b)
    assert [(m.source, m.subject, m.object) for m in out if m.kind == "percentage"] == \
        [("a.txt", "Zorvex", "Omnalis-Zorvex")]


def test_acronym_heading_a_name_in_small_letters():
    ms = extract_text("Bouygues et RTL Group espèrent résister à la VOD. Le PDG Jean Dupont a parlé.")
    assert [(m.kind, m.text, m.start) for m in ms if m.kind != "date"] == [
        ("organization", "Bouygues", 0), ("organization", "RTL Group", 12), ("person", "Jean Dupont", 57)]


@pytest.mark.parametrize("text, sentences", [
    # a word that merely ends like an abbreviation (`p`, `art`, `M`) ends its sentence
    ("Il en reste beaucoup. Le groupe vend.", ["Il en reste beaucoup.", " Le groupe vend."]),
    ("Il vend sa part. Le reste suit.", ["Il vend sa part.", " Le reste suit."]),
    ("Le fonds vend à Orfeo Group. Celui-ci garde 16 %.", ["Le fonds vend à Orfeo Group.", " Celui-ci garde 16 %."]),
    ("Le client est IBM. Le reste suit.", ["Le client est IBM.", " Le reste suit."]),
    ("Des pommes, des poires, etc. Le reste suit.", ["Des pommes, des poires, etc.", " Le reste suit."]),
    # abbreviations and initials do not
    ("Le 5 sept. 2014, M. Dupont part.", ["Le 5 sept. 2014, M. Dupont part."]),
    ("Voir p. 12 et art. 3 du texte.", ["Voir p. 12 et art. 3 du texte."]),
    ("Il parle à Mme. Durand.", ["Il parle à Mme. Durand."]),
])
def test_sentence_boundaries(text, sentences):
    from cloudfacts.text import TextIndex
    assert [text[s.start:s.end] for s in TextIndex(text).sentences] == sentences


@pytest.mark.parametrize("before,expected", [
    ("une participation de ", None),               # `de` alone qualifies nothing
    ("une participation de plus de ", "more_than"),
    ("une hausse d'environ ", "approx"),
    ("un chèque d’environ ", "approx"),
    ("sa participation (environ ", "approx"),
    ("soit\u00a0plus de ", "more_than"),
    ("(plus d'", "more_than"),
    ("au-delà de ", "more_than"),
    ("de l'ordre de ", "approx"),
    ("autour du ", "approx"),
    ("jusqu'à ", "at_most"),
    ("ne dépasse pas les ", "at_most"),
    ("un peu moins de ", "less_than"),
    ("~", "approx"),
    ("le groupe détient ", None),
])
def test_the_qualifier_before_a_figure(before, expected):
    from cloudfacts.extractors.figures import qualifier_before
    text = before + "20 %"
    assert qualifier_before(text, len(before)) == expected


@pytest.mark.parametrize("after,expected", [
    (" environ", "approx"), (", au maximum", "at_most"), (" tout au plus", "at_most"), (" minimum", "at_least"),
    (" max.", "at_most"), (" au moins", "at_least"), (" du capital", None), (", soit", None),
])
def test_the_qualifier_after_a_figure(after, expected):
    from cloudfacts.extractors.figures import _qualifier_after
    assert _qualifier_after("20 %" + after, 4) == expected


def test_a_bracket_listing_names_after_an_acronym_defines_nothing():
    # `PSA (Peugeot, Citroën et DS)` lists brands: the acronym does not become the first of them
    text = "Le groupe PSA (Peugeot, Citroën et DS) rachète Opel. PSA détiendra 100 % d'Opel."
    values = {m.text: m.value for m in extract_text(text) if m.kind == "organization"}
    assert values["PSA"] == "PSA Peugeot Citroën" and values["Peugeot"] == "Peugeot"
