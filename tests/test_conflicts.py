"""Facts across sources: linking, conflicts and their verdicts, diff, fact
tables as input.  The texts here are written for these tests, not the seeds."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from cloudfacts import extract_text
from cloudfacts.conflicts import diff, find_conflicts
from cloudfacts.entities import canonicalize_corpus
from cloudfacts.facttable import FactTableError, read_table


def corpus(**docs: str):
    """Mentions of several short articles, canonicalised together."""
    out = []
    for name, text in docs.items():
        out.extend(extract_text(text, source=f"{name}.txt"))
    return canonicalize_corpus(out)


def verdicts(**docs: str):
    return sorted((c.key["subject"], c.key["attribute"], c.verdict, tuple(v["value"] for v in c.values))
                  for c in find_conflicts(corpus(**docs)))


# ---- linking --------------------------------------------------------------------

def _fig(text, span):
    return next(m for m in extract_text(text) if m.text == span)


@pytest.mark.parametrize("text,span,subject,obj,attribute", [
    ("Renault détient 15 % de Nissan.", "15 %", "Renault", "Nissan", "stake"),
    ("Le capital de Vinci est détenu à 8 % par Qatari Diar.", "8 %", "Qatari Diar", None, "stake"),
    ("La SNCF possède 30 % de Eurostar, Transdev 10 % et Keolis 5 %.", "10 %", "Transdev", "Eurostar", "stake"),
    ("Les actionnaires sont Safran (40 %) et Dassault (20 %).", "20 %", "Dassault", None, "stake"),
    ("Le pacte prévoit 60 % pour Danone et 40 % pour Yakult.", "40 %", "Yakult", None, None),
    ("Bouygues rachète 100 % du capital de Colas.", "100 %", "Bouygues", "Colas", "acquisition"),
    ("Airbus et Safran recevront 50 millions d'euros chacun.", "50 millions d'euros", "Airbus", None, None),
    ("Le chiffre d'affaires de Michelin atteint 24 milliards d'euros en 2018.", "24 milliards d'euros",
     "Michelin", None, "revenue"),
    ("La participation de la famille Mulliez passe de 25 % à 14 %.", "25 %", "famille Mulliez", None,
     "previous_stake"),
    ("Alors que Renault a perdu 2 milliards d'euros, Peugeot a atteint un résultat de 1,5 milliard d'euros.",
     "1,5 milliard d'euros", "Peugeot", None, None),
    ("Vivendi a porté sa participation dans Mediaset à 28,8 %, contre 3,5 % en juin dernier.", "3,5 %",
     "Vivendi", "Mediaset", "previous_stake"),
    ("Vivendi a porté sa participation dans Mediaset à 28,8 %, contre 3,5 % en juin dernier.", "28,8 %",
     "Vivendi", "Mediaset", "stake"),
    ("Selon un analyste de Natixis, Kering investirait 3,5 milliards d'euros.", "3,5 milliards d'euros",
     "Kering", None, "investment"),
    ("Le groupe affiche une capitalisation boursière de 40 milliards d'euros.", "40 milliards d'euros",
     None, None, "market_cap"),
    # a nationality standing for the company introduced with it
    ("Le fabricant japonais Toyota discute avec Suzuki. Selon l'accord, le japonais détient 5 % de Suzuki.",
     "5 %", "Toyota", "Suzuki", "stake"),
    ("Dans le secteur, Volvo, le constructeur suédois, prépare une fusion. "
     "Le suédois possède 12 % de Renault Trucks.", "12 %", "Volvo", "Renault Trucks", "stake"),
    # a capital increase is the company's own, not its investors'
    ("Le fonds Ardian et l'américain KKR deviendront actionnaires de Lisi lors d'une augmentation de capital "
     "de 500 millions d'euros.", "500 millions d'euros", "Lisi", None, "capital_increase"),
    # bought from someone (`à X`) is no object; co-subjects neither
    ("L'État va racheter à Lagardère, pour 600 millions d'euros, 10 % du capital de Thales.",
     "600 millions d'euros", "État", "Thales", "acquisition"),
    ("Le fonds Eurazeo et l'État investissent chacun 200 millions d'euros pour recapitaliser Vallourec.",
     "200 millions d'euros", "Eurazeo", "Vallourec", "investment"),
])
def test_linking_rules(text, span, subject, obj, attribute):
    m = _fig(text, span)
    assert m.subject == subject
    if obj is not None:
        assert m.object == obj
    if attribute is not None:
        assert m.attribute == attribute


def test_generic_reference_resolves_to_previous_subject():
    text = "Iliad a annoncé un accord. L'opérateur possède 12 % de Monaco Telecom."
    m = _fig(text, "12 %")
    assert (m.subject, m.object, m.attribute) == ("Iliad", "Monaco Telecom", "stake")


def test_each_of_the_parties_named_before():
    text = "L'État et Dongfeng entreront au capital. Chacune des deux parties investirait 750 millions d'euros."
    assert _fig(text, "750 millions d'euros").subject == "État"


def test_a_person_has_no_headcount_the_company_has():
    text = ("Vivendi détient 15 % du capital d'Ubisoft. "
            "Yves Guillemot, PDG d'Ubisoft, a rappelé que le groupe compte 10 000 salariés.")
    m = _fig(text, "10 000 salariés")
    assert (m.subject, m.attribute) == ("Ubisoft", "headcount")


def test_period_is_the_date_next_to_the_figure_not_a_dateline():
    text = "[12/01/2017 10:00:00] Vivendi a porté sa participation dans Mediaset à 28,8 %, contre 3,5 % en juin 2016."
    got = {m.text: (m.period, m.attribute) for m in extract_text(text) if m.kind == "percentage"}
    assert got == {"28,8 %": (None, "stake"), "3,5 %": ("2016-06", "previous_stake")}
    assert all(m.object != "Natixis" for m in extract_text("Selon Natixis, Kering investirait 3 milliards d'euros."))


def test_period_from_the_same_sentence():
    m = _fig("En 2014, Lafarge a réalisé un chiffre d'affaires de 12,8 milliards d'euros.", "12,8 milliards d'euros")
    assert (m.subject, m.attribute, m.period) == ("Lafarge", "revenue", "2014")


# ---- conflicts ------------------------------------------------------------------

def test_rounding_between_sources():
    assert verdicts(a="Renault détient 15 % de Nissan.", b="Renault détient 15,2 % de Nissan.") == [
        ("Renault", "stake", "rounding", (15, 15.2))]


def test_contradiction_between_sources():
    assert verdicts(a="SFR détient 46 % de Numergy.", b="SFR détient 47 % de Numergy.") == [
        ("SFR", "stake", "contradiction", (46, 47))]


def test_rounding_is_tried_before_the_qualifier():
    """SPEC §4: 1,7 milliard rounded to the precision of `quelque 2 milliards` is 2: rounding."""
    got = verdicts(a="L'État rachète 20 % d'Alstom pour quelque 2 milliards d'euros.",
                   b="L'État rachète 20 % d'Alstom pour 1,7 milliard d'euros.")
    assert got == [("État", "acquisition", "rounding", (1700000000, 2000000000))]


def test_approximate_within_qualifier():
    got = verdicts(a="L'État rachète 20 % d'Alstom pour près de 150 millions d'euros.",
                   b="L'État rachète 20 % d'Alstom pour 146 millions d'euros.")
    assert got == [("État", "acquisition", "approximate", (146000000, 150000000))]


def test_approx_that_does_not_cover_is_a_contradiction():
    got = verdicts(a="Dongfeng investit environ 750 millions d'euros dans PSA.",
                   b="Dongfeng investit 800 millions d'euros dans PSA.")
    assert got == [("Dongfeng", "investment", "contradiction", (750000000, 800000000))]


def test_less_than_qualifier_is_approximate():
    got = verdicts(a="Le déficit de Zorglub est inférieur à six millions d'euros.",
                   b="Le déficit de Zorglub est de 2 millions d'euros.")
    assert [g[2] for g in got] == ["approximate"]


def test_same_value_different_subjects_is_not_a_conflict():
    assert verdicts(a="Dongfeng prend 14 % de PSA. L'État prend 14 % de PSA.",
                    b="Dongfeng prend 14 % de PSA.") == []


def test_same_figure_for_different_years_is_not_a_conflict():
    assert verdicts(a="En 2013, Lafarge a réalisé un chiffre d'affaires de 15 milliards d'euros.",
                    b="En 2014, Lafarge a réalisé un chiffre d'affaires de 12 milliards d'euros.") == []


def test_value_inside_a_stated_range_is_not_a_contradiction():
    got = verdicts(a="Le prix de souscription de Zorglub sera compris entre 7,5 et 8 euros.",
                   b="Le prix de souscription de Zorglub sera de 7,8 euros.")
    assert all(v[2] != "contradiction" for v in got)


def test_equal_values_with_different_qualifiers_are_not_a_conflict():
    assert verdicts(a="L'État détiendra environ 14 % de PSA.", b="L'État détiendra 14 % de PSA.") == []


def test_stakes_of_one_holder_in_two_companies_are_not_a_conflict():
    assert verdicts(a="Bolloré détient 25 % de Vivendi.", b="Bolloré détient 27 % de Havas.") == []


def test_one_source_alone_is_not_a_conflict():
    assert verdicts(a="Renault détient 15 % de Nissan. Plus loin : Renault détient 15,2 % de Nissan.") == []


def test_exchange_ratios_are_compared_as_ratios():
    assert verdicts(a="La parité est de 9 actions Holcim pour 10 actions Lafarge.",
                    b="La parité est de 0,9 action Holcim pour une action Lafarge.") == []


def test_spelling_of_a_person_across_sources():
    cs = find_conflicts(corpus(a="Didier Lombard a quitté ses fonctions.", b="Didier Lombart a quitté ses fonctions."))
    assert [(c.verdict, c.key["kind"], [v["value"] for v in c.values]) for c in cs] == [
        ("spelling", "person", ["Didier Lombard", "Didier Lombart"])]


def test_conflict_record_follows_the_spec():
    c = find_conflicts(corpus(a="Renault détient 15 % de Nissan.", b="Renault détient 15,2 % de Nissan."))[0].to_dict()
    assert c["key"] == {"subject": "Renault", "attribute": "stake", "object": "Nissan", "period": None,
                        "kind": "percentage"}
    assert c["values"][0]["value"] == 15 and c["values"][0]["unit"] == "%"
    assert c["values"][0]["mentions"][0] == {"source": "a.txt", "line": 1, "start": 16, "end": 20, "text": "15 %",
                                             "sentence": "Renault détient 15 % de Nissan.", "source_date": None}
    assert c["values"][0]["first_date"] is None


def test_the_same_number_in_two_units_is_a_contradiction():
    """SPEC §4: different units are different values, whatever the numbers."""
    assert verdicts(a="Alpha réalise un chiffre d'affaires de 3,9 milliards de dollars.",
                    b="Alpha réalise un chiffre d'affaires de 3,9 milliards d'euros.") == [
        ("Alpha", "revenue", "contradiction", (3.9e9, 3.9e9))]



def test_a_headcount_in_salaries_employes_or_personnes_is_one_unit():
    """SPEC §4: the nouns that count a headcount are one unit, so the same number is
    no conflict and two numbers are compared as numbers."""
    assert verdicts(a="Le groupe Kappa emploie 14 000 salariés.", b="Le groupe Kappa emploie 14 000 employés.") == []
    assert verdicts(a="Le groupe Kappa emploie 14 000 salariés.", b="Le groupe Kappa emploie 14 200 personnes.") == [
        ("Kappa", "headcount", "contradiction", (14000, 14200))]
    assert verdicts(a="Le groupe Kappa emploie 14 000 salariés.", b="Le groupe Kappa emploie 14 000 collaborateurs.",
                    c="Le groupe Kappa emploie 14 200 salariés.") == [
        ("Kappa", "headcount", "contradiction", (14000, 14000, 14200))]


@pytest.mark.parametrize("a,b,expected", [
    # a raised bid: the second text marks its value as the new one
    ("Le groupe Alpha propose 12 euros par action dans son OPA sur Nuvia.",
     "Le groupe Alpha relève son offre sur Nuvia à 13,5 euros par action.", (12, 13.5)),
    ("Le groupe Alpha propose 12 euros par action dans son OPA sur Nuvia.",
     "Le groupe Alpha a relevé à 13,5 euros par action son offre sur Nuvia.", (12, 13.5)),
    # a holding carried higher, or said to be the new one
    ("Le fonds Kappa détient 27 % de Nuvia.", "Le fonds Kappa porte sa participation à 45 % de Nuvia.", (27, 45)),
    ("Le fonds Kappa détient 27 % de Nuvia.", "Le fonds Kappa détient désormais 45 % de Nuvia.", (27, 45)),
    ("Le fonds Kappa détient 27 % de Nuvia.", "La part du fonds Kappa tombera à 14 % de Nuvia.", (27, 14)),
    # the other text marks its value as the former one
    ("Le groupe Alpha propose 13,5 euros par action dans son OPA sur Nuvia.",
     "Le groupe Alpha proposait initialement 12 euros par action dans son OPA sur Nuvia.", (12, 13.5)),
    ("Le groupe Alpha propose 13,5 euros par action dans son OPA sur Nuvia.",
     "Le groupe Alpha avait proposé 12 euros par action dans son OPA sur Nuvia.", (12, 13.5)),
])
def test_a_figure_the_text_says_changed_is_an_update_listed_former_first(a, b, expected):
    """SPEC §4 `update`: successive bids and a growing stake are a sequence, not an error."""
    got = verdicts(a=a, b=b)
    assert [(g[2], g[3]) for g in got] == [("update", expected)]


def test_without_change_words_different_values_stay_a_contradiction():
    assert [g[2] for g in verdicts(a="Le fonds Kappa détient 27 % de Nuvia.",
                                   b="Le fonds Kappa détient 45 % de Nuvia.")] == ["contradiction"]
    # a change word of another figure of the sentence, far from this one, marks nothing
    far = ("Le fonds Kappa détient 17 % du capital de Nuvia et 14 % des droits de vote théoriques du groupe, "
           "ce qui va permettre au groupe Alpha de porter sa participation à 45 % du capital de Nuvia.")
    assert [g[2] for g in verdicts(a="Le fonds Kappa détient 20 % du capital de Nuvia.", b=far)
            if g[0] == "Kappa"] == ["contradiction"]
    # values in two currencies are two values, whatever the words
    assert [g[2] for g in verdicts(a="Le groupe Alpha propose 12 euros par action dans son OPA sur Nuvia.",
                                   b="Le groupe Alpha relève son offre sur Nuvia à 13 dollars par action.")] == [
        "contradiction"]
    # rounding is tried before update
    assert [g[2] for g in verdicts(a="Le fonds Kappa détient 45 % de Nuvia.",
                                   b="Le fonds Kappa détient désormais 45,1 % de Nuvia.")] == ["rounding"]


def test_a_conversion_into_another_currency_is_no_second_fact():
    """SPEC §4: `2 milliards d'euros (3,1 milliards de dollars canadiens)` is one fact."""
    text = "Le groupe Alpha a réalisé une augmentation de capital de 2 milliards d'euros (3,1 milliards de dollars canadiens)."
    ms = {m.text: m for m in extract_text(text)}
    assert ms["2 milliards d'euros"].subject == "Alpha"
    assert ms["3,1 milliards de dollars canadiens"].unit == "CAD"
    assert ms["3,1 milliards de dollars canadiens"].subject is None
    # two conversions at other rates of one amount are no disagreement
    assert verdicts(a=text, b=text.replace("3,1 milliards", "3 milliards")) == []
    # a restatement in the same currency keeps the subject (`14 euros par action, soit 420 millions d'euros`)
    same = {m.text: m for m in extract_text("Le fonds Kappa propose 14 euros par action, soit 420 millions d'euros.")}
    assert same["420 millions d'euros"].subject == "Kappa"


def test_a_conflict_takes_its_most_serious_pair():
    """44 vs 44,4 is rounding, but 46 against either is a contradiction: the conflict is one."""
    assert verdicts(a="Orange détient 44 % de Cloudwatt.", b="Orange détient 44,4 % de Cloudwatt.",
                    c="Orange détient 46 % de Cloudwatt.") == [
        ("Orange", "stake", "contradiction", (44, 44.4, 46))]
    assert verdicts(a="Orange détient 44 % de Cloudwatt.", b="Orange détient 44,4 % de Cloudwatt.") == [
        ("Orange", "stake", "rounding", (44, 44.4))]


def test_a_figure_without_subject_is_no_fact():
    """A threshold belongs to nobody (SPEC §1): two thresholds never conflict."""
    assert verdicts(a="Tout actionnaire qui franchit le seuil de 30 % du capital doit lancer une offre.",
                    b="Tout actionnaire qui franchit le seuil de 33 % du capital doit lancer une offre.") == []


def test_values_carry_their_source_date_and_come_in_its_order(tmp_path):
    """Each value says when its source was written; the values of a conflict
    read as a sequence, the earliest source first, undated ones last."""
    from cloudfacts.pipeline import extract_paths

    for name, text in (("a.txt", "[14/03/2016 09:00:00] Kappa détient 20 % de Nuvia."),
                       ("b.txt", "[02/01/2015 18:30:00] Kappa détient 25 % de Nuvia."),
                       ("c.txt", "Kappa détient 12 % de Nuvia.")):
        (tmp_path / name).write_text(text + "\n", encoding="utf-8")
    c = find_conflicts(extract_paths([str(tmp_path)]))[0].to_dict()
    assert [(v["value"], v["first_date"], [m["source_date"] for m in v["mentions"]]) for v in c["values"]] == [
        (25, "2015-01-02", ["2015-01-02"]), (20, "2016-03-14", ["2016-03-14"]), (12, None, [None])]


def test_contradictions_come_first():
    cs = find_conflicts(corpus(a="Renault détient 15 % de Nissan. SFR détient 46 % de Numergy.",
                               b="Renault détient 15,2 % de Nissan. SFR détient 47 % de Numergy."))
    assert [c.verdict for c in cs] == ["contradiction", "rounding"]


def test_diff():
    a = corpus(a="Renault détient 15 % de Nissan. SFR détient 46 % de Numergy.")
    b = corpus(b="Renault détient 15 % de Nissan. SFR détient 47 % de Numergy. Bolloré détient 25 % de Vivendi.")
    d = diff(a, b)
    assert [x["key"]["subject"] for x in d["only_in_b"]] == ["Bolloré"]
    assert d["only_in_a"] == []
    assert [(x["key"]["subject"], [v["value"] for v in x["a"]], [v["value"] for v in x["b"]])
            for x in d["changed"]] == [("SFR", [46], [47])]


# ---- fact tables ------------------------------------------------------------------

def test_fact_table_errors_name_file_and_line():
    with pytest.raises(FactTableError, match=r"^t.jsonl:2: invalid JSON"):
        read_table(b'{"kind": "date", "source": "a", "text": "x", "start": 0, "end": 1}\n{oops\n', "t.jsonl")
    with pytest.raises(FactTableError, match=r"^t.jsonl:1: field 'start' must be an integer"):
        read_table(b'{"kind": "date", "source": "a", "text": "x", "start": "zero", "end": 1}\n', "t.jsonl")
    with pytest.raises(FactTableError, match=r"^t.json: element 1: field 'value' is nan, not a finite number"):
        read_table(b'[{"kind": "amount", "source": "a", "text": "x", "start": 0, "end": 1, "value": NaN}]', "t.json")
    with pytest.raises(FactTableError, match=r"^t.csv:1: not a cloudfacts CSV"):
        read_table(b"a,b\n1,2\n", "t.csv")
    with pytest.raises(FactTableError, match=r"field 'kind' must be one of"):
        read_table(b'[{"kind": "money", "source": "a", "text": "x", "start": 0, "end": 1}]', "t.json")


def test_cli_round_trips_give_the_same_conflicts(cli, tmp_path):
    direct = cli("conflicts", "seeds", "--format", "json")
    assert direct.returncode == 0
    facts = tmp_path / "facts.json"
    facts.write_bytes(cli("extract", "seeds", "--format", "json").stdout)
    via_json = cli("conflicts", str(facts), "--format", "json")
    via_stdin = cli("conflicts", "-", "--format", "json", input=cli("extract", "seeds", "-f", "jsonl").stdout)
    csv_file = tmp_path / "facts.csv"
    csv_file.write_bytes(cli("extract", "seeds", "--format", "csv").stdout)
    via_csv = cli("conflicts", str(csv_file), "--format", "json")
    assert json.loads(direct.stdout) == json.loads(via_json.stdout) == json.loads(via_stdin.stdout) \
        == json.loads(via_csv.stdout)
    got = json.loads(direct.stdout)
    assert [(c["key"]["subject"], c["verdict"]) for c in got] == [
        ("Caisse des Dépôts", "rounding"), ("Orange", "rounding"), ("Thales", "rounding"), (None, "spelling")]


def test_cli_fail_on(cli):
    r = cli("conflicts", "seeds", "--fail-on", "contradiction")
    assert r.returncode == 0
    r = cli("conflicts", "seeds", "--fail-on", "any", "--format", "json")
    assert r.returncode == 1 and len(json.loads(r.stdout)) == 4
    r = cli("conflicts", "seeds", "--fail-on", "sometimes")
    assert r.returncode == 2 and b"--fail-on 'sometimes'" in r.stderr


def test_cli_filters(cli):
    r = cli("conflicts", "seeds", "--subject", "orange", "-f", "json")
    assert [c["key"]["subject"] for c in json.loads(r.stdout)] == ["Orange"]
    r = cli("conflicts", "seeds", "--attribute", "funding", "-f", "json")
    assert json.loads(r.stdout) == []


def test_cli_bad_fact_table(cli, tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"kind": "percentage", "source": "a", "text": "1 %", "start": 0, "end": 3, "value": "x"}\n')
    r = cli("conflicts", str(bad))
    assert r.returncode == 2
    assert r.stderr.decode() == f"cloudfacts: {bad}:1: field 'value' must be a number for a percentage, not 'x'\n"


def test_cli_conflicts_without_paths_needs_a_store(cli):
    r = cli("conflicts")
    assert r.returncode == 2
    assert r.stderr.decode() == (f"cloudfacts: no fact store at {cli.db}: run 'cloudfacts extract PATHS' "
                                 "first, or give paths\n")


def test_cli_diff(cli, tmp_path):
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_text("SFR détient 46 % de Numergy.", encoding="utf-8")
    b.write_text("SFR détient 47 % de Numergy.", encoding="utf-8")
    r = cli("diff", str(a), str(b), "--format", "json")
    d = json.loads(r.stdout)
    assert [(x["a"][0]["value"], x["b"][0]["value"]) for x in d["changed"]] == [(46, 47)]
    table = cli("diff", str(a), str(b)).stdout.decode()
    assert "changed (1)" in table and "SFR · stake · Numergy" in table


def test_two_wire_leads_differing_in_dateline_and_figure_are_one_contradiction(tmp_path):
    """The dateline dates the article, never a figure (SPEC §1): two sources whose only
    other difference is the figure share a key, and contradict each other."""
    from cloudfacts.conflicts import find_conflicts
    from cloudfacts.pipeline import extract_paths

    (tmp_path / "a.txt").write_text("PARIS, 3 mars 2023 (Reuters) - Safran détient 51 % de Zodiac Aerospace.\n",
                                    encoding="utf-8")
    (tmp_path / "b.txt").write_text("PARIS, 4 mars 2023 (Reuters) - Safran détient 49 % de Zodiac Aerospace.\n",
                                    encoding="utf-8")
    mentions = extract_paths([str(tmp_path)])
    figures = [m for m in mentions if m.kind == "percentage"]
    assert [(m.subject, m.attribute, m.object, m.period) for m in figures] == \
        [("Safran", "stake", "Zodiac Aerospace", None)] * 2
    found = find_conflicts(mentions)
    assert [(c.verdict, c.key["subject"], [(v["value"], v["first_date"]) for v in c.values]) for c in found] == \
        [("contradiction", "Safran", [(51, "2023-03-03"), (49, "2023-03-04")])]


def test_a_date_in_the_sentence_is_still_the_period(tmp_path):
    from cloudfacts.pipeline import extract_text

    got = [m for m in extract_text("PARIS, 3 mars 2023 (Reuters) - Safran a réalisé un chiffre d'affaires de "
                                   "2 milliards d'euros en 2022.") if m.kind == "amount"]
    assert [(m.subject, m.period) for m in got] == [("Safran", "2022")]


def test_dates_of_one_event_conflict_unless_they_overlap():
    """SPEC §4: a date with a subject and an attribute is a fact; `2012` and
    `septembre 2012`, the autumn and September, agree; 2012 and 2013 do not."""
    a = "La société Numergy, créée en septembre 2012, emploie 50 personnes."
    assert verdicts(a=a, b="La société Numergy, créée en 2012, compte des clients.") == []
    assert verdicts(a=a, b="La société Numergy, créée à l'automne 2012, compte des clients.") == []
    assert verdicts(a=a, b="La société Numergy, créée en 2013, compte des clients.") == [
        ("Numergy", "creation", "contradiction", ("2012-09", "2013"))]
    assert verdicts(a="Le groupe Brakel a racheté la société Lumio en 2006.",
                    b="La société Lumio, rachetée en 2008 par le groupe Brakel, a été revendue.") == [
        ("Brakel", "acquisition", "contradiction", ("2006", "2008"))]


def test_date_spans():
    from cloudfacts.conflicts import date_span

    assert date_span("2012")[0] <= date_span("2012-09")[0] <= date_span("2012-09-30")[1] <= date_span("2012")[1]
    autumn, december = date_span("2012-23"), date_span("2012-12")
    assert autumn[0] <= date_span("2012-10")[0] and autumn[1] < december[0]
    assert date_span("2016/2017") == (date_span("2016")[0], date_span("2017")[1])
    assert date_span("vers 2012") is None
