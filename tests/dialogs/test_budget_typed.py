"""Budget lines typed in one's own words: what each reads as, and what is refused with its reason."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dialogs.budget_model import load_budget_model
from dialogs.budget_typed import amount_and_words, read_lines, says_none
from dialogs.errors import ParseError
from dialogs.formatting import cents as format_cents

MODEL = load_budget_model()
OPERATING = MODEL.charges.fonctionnement
INVESTMENT = MODEL.charges.investissement
RESOURCES = MODEL.resources


def read(section, text):
    return [(line.category.id, line.cents, line.label, line.use)
            for line in read_lines(section, text, MODEL.subsidy_words, MODEL.names_with_article)]


def refused(section, text) -> ParseError:
    with pytest.raises(ParseError) as caught:
        read_lines(section, text, MODEL.subsidy_words)
    return caught.value


@pytest.mark.parametrize(("text", "lines"), [
    ("salaires 70 000 €", [("salaires", 7_000_000, None, None)]),
    ("Salaires et charges : 70000", [("salaires", 7_000_000, None, None)]),
    ("salaires 70 000 €, loyer 6 000 €", [("salaires", 7_000_000, None, None),
                                          ("loyer_hebergement", 600_000, None, None)]),
    ("loyer 6 000 € par an\nfournitures 1 500,50 €", [("loyer_hebergement", 600_000, None, None),
                                                     ("fournitures", 150_050, None, None)]),
    ("6 000 € de loyer et 35 k€ pour les salaires", [("loyer_hebergement", 600_000, None, None),
                                                     ("salaires", 3_500_000, None, None)]),
    # Both orders in one message, "et" parting two lines but not « Salaires et charges ».
    ("Salaires et charges 70 000, loyer 6 000 € et 3 000 € de ménage", [
        ("salaires", 7_000_000, None, None), ("loyer_hebergement", 600_000, None, None),
        ("autre_fonctionnement", 300_000, "Ménage", None)]),
    ("Autre charge de fonctionnement 500", [("autre_fonctionnement", 50_000, None, None)]),  # its wording asked next
    # An association's accounts say it so.
    ("Salaires et charges sociales 98 500 €", [("salaires", 9_850_000, None, None)]),
    ("le téléphone et internet 1 200 euros", [("telecoms", 120_000, "Téléphone et internet", None)]),
    # Rémalard-en-Perche, abridged
    ("tel/internet 1200, com 500", [("telecoms", 120_000, None, None), ("communication", 50_000, None, None)]),
    ("3 000 € de ménage", [("autre_fonctionnement", 300_000, "Ménage", None)]),
    ("électricité 1 200", [("autre_fonctionnement", 120_000, "Électricité", None)]),
    # What one amount covers, listed before a colon: one line, not two without their amount.
    ("électricité, eau, chauffage : 2 400 €", [("autre_fonctionnement", 240_000, "Électricité, eau, chauffage",
                                                None)]),
    ("Salaires 62 000 € (2 ETP)", [("salaires", 6_200_000, "Salaires (2 ETP)", None)]),
    # An aside after an amount typed without its euro sign (a post office's own premises).
    ("loyer 0 (c nos locaux), fournitures 1500", [("loyer_hebergement", 0, "Loyer (c nos locaux)", None),
                                                  ("fournitures", 150_000, None, None)]),
    ("3 000 € de ménage (prestataire)", [("autre_fonctionnement", 300_000, "Ménage (prestataire)", None)]),
    # Val-de-Bonnieure: why the amount is nil, said after it, was "Il manque le montant"
    ("formation CNFPT 1 200 €, loyer 0 car c'est la mairie", [
        ("formation", 120_000, "Formation CNFPT", None), ("loyer_hebergement", 0, "Loyer (car c'est la mairie)", None)]),
    ("loyer 0 € parce que la commune prête le local", [
        ("loyer_hebergement", 0, "Loyer (parce que la commune prête le local)", None)]),
    ("2 agents 60 000 €", [("salaires", 6_000_000, "2 agents", None)]),  # "2" is what the line is for, not its amount
    ("2 chauffeurs 60 000 €", [("salaires", 6_000_000, "2 chauffeurs", None)]),  # a bus's drivers are staff
    # A France services bus's running costs; "forfaits 4G" are telecoms, never the labelling forfait.
    # What the line pays for is its wording ("Carburant"), set apart after its category's name too.
    ("carburant 14 000 €, péages 200 €, forfaits 4G 1 200 €, assurance du bus 3 500 €, chauffeur 18 000 €",
     [("deplacements", 1_400_000, "Carburant", None), ("deplacements", 20_000, "Péages", None),
      ("telecoms", 120_000, "Forfaits 4G", None), ("autre_fonctionnement", 350_000, "Assurance du bus", None),
      ("salaires", 1_800_000, "Chauffeur", None)]),
    ("Déplacements : entretien du véhicule 6 000 €, autre charge de fonctionnement : ménage 200 €",
     [("deplacements", 600_000, "Entretien du véhicule", None), ("autre_fonctionnement", 20_000, "Ménage", None)]),
    ("un agent d'accueil à mi-temps : 18 000 €", [("salaires", 1_800_000, "Un agent d'accueil à mi-temps", None)]),
    # The longest of a category's words is the one said: "salaires et traitements" is one, "salaires" another
    ("salaires et traitements 40 000 €", [("salaires", 4_000_000, None, None)]),
    # A post named by its function is staff ("coordination mi-temps" was an « Autre charge »)
    ("coordination mi-temps 21 000 €", [("salaires", 2_100_000, "Coordination mi-temps", None)]),
    ("une coordinatrice à mi-temps : 21 000 €", [("salaires", 2_100_000, "Une coordinatrice à mi-temps", None)]),
    ("fournitures de bureau 1 000", [("fournitures", 100_000, "Fournitures de bureau", None)]),
    # Haut-Allier: a decimal comma is no line's end ("Coordination : 0 €" and "2 etp : 9 000 €" were stored)
    ("salaires 2 agents 68 000€, coordination 0,2 etp 9 000, carburant 7 500",
     [("salaires", 6_800_000, "Salaires 2 agents", None), ("salaires", 900_000, "Coordination 0,2 etp", None),
      ("deplacements", 750_000, "Carburant", None)]),
    ("salaires 1,5 etp 45 000 €", [("salaires", 4_500_000, "Salaires 1,5 etp", None)]),
    ("formation", [("formation", None, None, None)]),  # the category alone: its amount is asked next
    # Dictated: amounts said in words
    ("Salaires quatre-vingt-quinze mille euros, maintenance informatique deux mille, fournitures mille cinq cents.",
     [("salaires", 9_500_000, None, None), ("maintenance_informatique", 200_000, None, None),
      ("fournitures", 150_000, None, None)]),
])
def test_operating_lines_read_as_the_user_meant_them(text, lines):
    assert read(OPERATING, text) == lines


def test_words_saying_more_than_the_category_are_the_lines_wording():
    """The dossier prints a line's wording: what the user typed, when it says more than the category's name."""
    assert read(INVESTMENT, "Travaux d'accessibilité 15 000 €") == [
        ("amenagement_locaux", 1_500_000, "Travaux d'accessibilité", None)]
    assert read(RESOURCES, "les fonds propres 2 000 € en fonctionnement") == [
        ("fonds_propres", 200_000, None, "fonctionnement")]


def test_investment_lines_take_the_sections_own_words():
    assert read(INVESTMENT, "Mobilier 3 000, ordinateurs 4 500 € et travaux 12 000") == [
        ("mobilier", 300_000, None, None), ("informatique", 450_000, None, None),
        ("amenagement_locaux", 1_200_000, None, None)]
    assert read(INVESTMENT, "3 postes informatiques 2 700 €") == [
        ("informatique", 270_000, "3 postes informatiques", None)]
    # A France services bus's livery is its signage.
    assert read(INVESTMENT, "habillage France services du bus 6 000 €") == [
        ("signaletique", 600_000, "Habillage France services du bus", None)]


@pytest.mark.parametrize(("text", "lines"), [
    ("Commune 20 000 € en fonctionnement, DETR 10 000 € en investissement",
     [("commune", 2_000_000, None, "fonctionnement"), ("detr", 1_000_000, None, "investissement")]),
    ("la mairie 5 000", [("commune", 500_000, None, None)]),  # its use is asked next
    ("5 000 € de la communauté de communes pour le fonctionnement",
     [("intercommunalite", 500_000, None, "fonctionnement")]),
    ("CAF 2 000 € en fonctionnement", [("autre_ressource", 200_000, "CAF", "fonctionnement")]),
    # La Poste keeps its article: never « Poste ».
    ("la poste 9000 en invest (fonds de perequation)",
     [("autre_ressource", 900_000, "La Poste (fonds de perequation)", "investissement")]),
    ("9 000 € de la poste", [("autre_ressource", 900_000, "La Poste", None)]),
    ("LEADER 20 000 € invest", [("europe", 2_000_000, "LEADER", "investissement")]),  # the fund, printed
    # One source for both uses, its second amount said with its use only; a State bank is no State subsidy.
    ("Département de la Nièvre 84 700 € en fonctionnement et 59 600 € en investissement, Banque des Territoires "
     "50 000 € pour l'investissement", [
         ("departement", 8_470_000, "Département de la Nièvre", "fonctionnement"),
         ("departement", 5_960_000, "Département de la Nièvre", "investissement"),
         ("autre_ressource", 5_000_000, "Banque des Territoires", "investissement")]),
    ("Département du Lot 15 000 € (fonct.)", [("departement", 1_500_000, "Département du Lot", "fonctionnement")]),
    ("La ville quarante mille euros en fonctionnement, la Métropole dix mille en fonctionnement aussi.",
     [("commune", 4_000_000, None, "fonctionnement"), ("intercommunalite", 1_000_000, None, "fonctionnement")]),
    # The use said in brackets with more: the rest of the brackets stays, closed ("DETR (40 % )" was printed)
    ("DETR 3 800 € (40 % de l'investissement)", [("detr", 380_000, "DETR (40 %)", "investissement")]),
    ("DETR 3 800 € (40 % du fonctionnement)", [("detr", 380_000, "DETR (40 %)", "fonctionnement")]),
    # Val-de-Bonnieure: the use said after the brackets was "Il manque le montant de « (40 % des travaux) »"
    ("DETR 11 800 € (40 % des travaux) en investissement, Département de la Charente 5 000 € en investissement", [
        ("detr", 1_180_000, "DETR (40 % des travaux)", "investissement"),
        ("departement", 500_000, "Département de la Charente", "investissement")]),
    # Rémalard-en-Perche: the use abridged after an amount without its euro sign
    ("DETR 11 200 invest, commune 10 000 fonct", [("detr", 1_120_000, None, "investissement"),
                                                  ("commune", 1_000_000, None, "fonctionnement")]),
])
def test_resources_say_what_they_fund_when_the_user_says_it(text, lines):
    assert read(RESOURCES, text) == lines


@pytest.mark.parametrize(("section", "text", "key", "params"), [
    (OPERATING, "salair 70000", "budget.category", {"unknown": "salair", "close": ["Salaires et charges"]}),
    (OPERATING, "70 000", "budget.amount_only", {}),
    (OPERATING, "total 3000", "budget.category", {"unknown": "total"}),
    (OPERATING, "loyer 500 € par mois", "budget.monthly", {}),
    (OPERATING, "loyer 500 € x 12", "budget.product", {}),
    # Two lines, one without its amount: the salaries are not taken either, which the message says.
    (OPERATING, "salaires 70 000 €, loyer", "budget.no_amount", {"unknown": "loyer", "several": True}),
    (OPERATING, "fournitures 500, ménage, téléphone 300", "budget.no_amount", {"unknown": "ménage", "several": True}),
    # Categories listed for one amount: which one it is, asked (« Autre » would hide a loyer).
    (OPERATING, "loyer, charges : 6 000 €", "budget.category", {"unknown": "loyer, charges",
                                                             "close": ["Loyer ou hébergement"]}),
    (OPERATING, "bonjour", "budget.buttons", {}),
    (RESOURCES, "FNADT 30 000", "budget.subsidy", {"unknown": "FNADT"}),
    (RESOURCES, "forfait France services 50 000 €", "budget.subsidy", {"unknown": "forfait France services"}),
    (OPERATING, "forfait 50 000 €", "budget.subsidy", {"unknown": "forfait"}),  # no forfait 4G: the subsidy
    (RESOURCES, "Commune 5 000 € en investissement et fonctionnement", "budget.two_uses", {}),
])
def test_what_cannot_be_read_for_sure_is_refused_with_its_reason(section, text, key, params):
    error = refused(section, text)
    assert error.key == key
    several = params.pop("several", None)
    assert params.items() <= error.params.items()
    if several is not None:
        assert error.params.get("several", False) is several


@given(st.integers(min_value=1, max_value=99_999_999), st.sampled_from(OPERATING))
def test_an_amount_as_the_bot_shows_it_reads_back_whole(cents, category):
    """What the chat displays ("12 500,50 €", narrow no-break spaces) typed back gives the same line."""
    shown = format_cents(cents)
    [line] = read_lines(OPERATING, f"{category.label} {shown}", MODEL.subsidy_words)
    assert (line.category, line.cents) == (category, cents)


@pytest.mark.parametrize(("text", "none"), [
    ("aucun", True), ("Aucune.", True), ("rien", True), ("pas d'investissement", True), ("0", True),
    ("mobilier 3 000", False), ("autre", False),
])
def test_none_is_said_in_a_few_words(text, none):
    assert says_none(text) is none


def test_a_spreadsheet_table_is_read_without_its_heading_and_total_rows():
    table = ("Charges de fonctionnement\tMontant 2027\nLoyer\t6 000 €\nFournitures\t1 200\nSous-total\t7 200\n"
             "Formation\t800 €\nTOTAL\t8 000,00 €")
    assert read(OPERATING, table) == [("loyer_hebergement", 600_000, None, None), ("fournitures", 120_000, None, None),
                                      ("formation", 80_000, None, None)]
    error = refused(OPERATING, table.replace("8 000,00", "8 800,00"))
    assert (error.key, error.params) == ("budget.total", {"total": 880_000, "sum": 800_000})


def test_a_first_line_naming_a_line_is_no_heading():
    assert read(OPERATING, "Loyer 2027\nFournitures 1 200 €") == [("loyer_hebergement", 202_700, None, None),
                                                                   ("fournitures", 120_000, None, None)]


def test_a_comma_in_brackets_stays_in_its_line():
    """"Travaux d'accessibilité (rampe, sanitaires PMR)⇥18 000 €" was cut at its comma: "Il manque le montant"."""
    assert read(INVESTMENT, "Travaux d'accessibilité (rampe, sanitaires PMR)\t18 000 €\nMobilier\t4 440 €") == [
        ("amenagement_locaux", 1_800_000, "Travaux d'accessibilité (rampe, sanitaires PMR)", None),
        ("mobilier", 444_000, None, None)]


def test_a_table_with_two_columns_of_amounts_is_not_guessed():
    error = refused(INVESTMENT, "Poste\tHT\tTTC\nMobilier\t4 440 €\t5 328 €\nSignalétique\t1 200 €\t1 440 €")
    assert (error.key, error.params) == ("budget.columns", {"row": "Mobilier"})


def test_a_resources_table_with_a_column_by_use_gives_each_amount_its_use():
    table = ("Financeur\tInvestissement\tFonctionnement\nDETR\t14 467 €\t\nCC La Grandvallière\t7 000 €\t37 160 €\n"
             "Total\t21 467 €\t37 160 €")
    assert read(RESOURCES, table) == [
        ("detr", 1_446_700, None, "investissement"),
        ("intercommunalite", 700_000, "CC La Grandvallière", "investissement"),
        ("intercommunalite", 3_716_000, "CC La Grandvallière", "fonctionnement")]
    error = refused(RESOURCES, table.replace("37 160 €\n", "37 000 €\n"))  # one cell mistyped: its column's total
    assert (error.key, error.params) == ("budget.total", {"total": 3_716_000, "sum": 3_700_000})


def test_an_association_s_funders_are_the_lines_it_names():
    """"CC Monts et Vallées Ouest Creuse" was an « Autre » line, its "et" taken for two lines; volunteers' time
    valued was the civil servant put at the Maison's disposal."""
    table = ("Financeur\tFonctionnement\tInvestissement\nCC Monts et Vallées Ouest Creuse\t15 000 €\t3 000 €\n"
             "CAF – prestation animation globale\t25 000 €\t\nValorisation du bénévolat\t6 000 €\t\n"
             "Total\t46 000 €\t3 000 €")
    assert read(RESOURCES, table) == [
        ("intercommunalite", 1_500_000, "CC Monts et Vallées Ouest Creuse", "fonctionnement"),
        ("intercommunalite", 300_000, "CC Monts et Vallées Ouest Creuse", "investissement"),
        ("autre_ressource", 2_500_000, "CAF – prestation animation globale", "fonctionnement"),
        ("autre_ressource", 600_000, "Valorisation du bénévolat", "fonctionnement")]
    assert read(RESOURCES, "Autre ressource 500 € en fonctionnement") == [
        ("autre_ressource", 50_000, None, "fonctionnement")]  # its wording asked next


def test_an_intercommunality_named_communauté_or_agglomération_funds_as_one():
    """Plouaret: "Lannion-Trégor Communauté 15 000 €" was refused, close to « Commune » and « Intercommunalité »."""
    assert read(RESOURCES, "Lannion-Trégor Communauté 15 000 €\nDinan Agglomération : 5 000") == [
        ("intercommunalite", 1_500_000, "Lannion-Trégor Communauté", None),
        ("intercommunalite", 500_000, "Dinan Agglomération", None)]


def test_premises_lent_free_and_valued_are_a_line_of_their_value():
    """Plouaret: "Le local est mis à disposition gratuitement par la mairie, valorisé 4 800 € par an." was « Il manque
    le montant de « local est mis à disposition gratuitement par la mairie » »: the comma cut the line from its
    value."""
    assert read(OPERATING, "Le local est mis à disposition gratuitement par la mairie, valorisé 4 800 € par an.") == [
        ("autre_fonctionnement", 480_000, "Local est mis à disposition gratuitement par la mairie", None)]
    assert read(OPERATING, "fournitures, estimées à 1 500 €") == [("fournitures", 150_000, None, None)]


def test_works_said_as_a_refitting_are_the_premises_fitting_out():
    """Plouaret: "Réaménagement de l'ancienne salle du conseil 12 000 € (cloison, accessibilité)" was not read, taken
    for « Équipement informatique » mistyped, and the three lines after it were added with none."""
    assert read(INVESTMENT, "Réaménagement de l'ancienne salle du conseil 12 000 € (cloison, accessibilité) ; "
                            "mobilier 3 500 €") == [
        ("amenagement_locaux", 1_200_000, "Réaménagement de l'ancienne salle du conseil (cloison, accessibilité)",
         None), ("mobilier", 350_000, None, None)]


def test_accessible_toilets_are_fitting_out_the_premises():
    """Les Rousses: "toilettes pmr 6500 HT" was an « Autre investissement » line."""
    assert read(INVESTMENT, "toilettes pmr 6500 HT, sanitaires adaptés 3 000") == [
        ("amenagement_locaux", 650_000, "Toilettes pmr", None),
        ("amenagement_locaux", 300_000, "Sanitaires adaptés", None)]


def test_a_river_maison_s_investments_are_in_their_categories():
    """French Guiana: the air conditioning and the satellite dish were « Autre investissement » lines."""
    assert read(INVESTMENT, "Climatisation du local 8 000 €, antenne satellite 6 000 €, électricité 1 000 €") == [
        ("amenagement_locaux", 800_000, "Climatisation du local", None),
        ("informatique", 600_000, "Antenne satellite", None),
        ("amenagement_locaux", 100_000, "Électricité", None)]
    assert read(OPERATING, "Internet par satellite 4 800 €, pirogue 2 000 €") == [
        ("telecoms", 480_000, "Internet par satellite", None), ("deplacements", 200_000, "Pirogue", None)]
    # The collectivité holding the Département's powers there is that category, under its own name.
    assert read(RESOURCES, "Collectivité territoriale de Guyane 20 000 € en fonctionnement") == [
        ("departement", 2_000_000, "Collectivité territoriale de Guyane", "fonctionnement")]


def test_a_finance_officers_lines_are_read_with_their_part_named_first():
    """Réunion: a part named before its lines, salaries "charges comprises", computers counted and joined by "+",
    and "CAF de La Réunion", once « Europe » mistyped (« Union européenne »)."""
    assert read(OPERATING, "Fonctionnement : salaires 2 agents 68 000 € charges comprises ; loyer 0 (locaux "
                           "communaux) ; formation 1 500") == [
        ("salaires", 6_800_000, "Salaires 2 agents", "fonctionnement"),
        ("loyer_hebergement", 0, "Loyer (locaux communaux)", "fonctionnement"),
        ("formation", 150_000, None, "fonctionnement")]
    assert read(OPERATING, "salaires 68 000 toutes charges comprises") == [("salaires", 6_800_000, None, None)]
    assert read(OPERATING, "salaires 48 000 et charges patronales 20 000") == [
        ("salaires", 4_800_000, None, None), ("salaires", 2_000_000, None, None)]
    assert read(INVESTMENT, "Investissement : 6 postes informatiques + imprimante 12 000") == [
        ("informatique", 1_200_000, "6 postes informatiques + imprimante", "investissement")]
    assert read(INVESTMENT, "signalétique extérieure + kakémono 2 500") == [
        ("signaletique", 250_000, "Signalétique extérieure + kakémono", None)]
    assert read(RESOURCES, "Ressources : Région Réunion 15 000 en investissement ; CAF de La Réunion 10 000 en "
                           "fonctionnement") == [
        ("region", 1_500_000, "Région Réunion", "investissement"),
        ("autre_ressource", 1_000_000, "CAF de La Réunion", "fonctionnement")]
    assert read(RESOURCES, "Fonctionnement : CAF 10 000 ; commune 16 500") == [
        ("autre_ressource", 1_000_000, "CAF", "fonctionnement"), ("commune", 1_650_000, None, "fonctionnement")]


@pytest.mark.parametrize("text", ["commune de Saint-Joseph le reste",
                                  "CAF 10 000 en fonctionnement, le solde par la commune"])
def test_a_funder_for_the_rest_is_asked_its_amount_and_told_the_plan_counts_the_rest(text):
    assert refused(RESOURCES, text).key == "budget.remainder"


@pytest.mark.parametrize(("typed", "said"), [
    ("18000 (travaux bureau confidentiel + boucle magnetique)",
     (1_800_000, "travaux bureau confidentiel + boucle magnetique")),
    ("18 000 € pour le bureau confidentiel", (1_800_000, "pour le bureau confidentiel")),
    ("18 000 €", None), ("beaucoup", None), ("18 000 ou 20 000", None)])
def test_an_amount_with_what_it_pays_for_is_set_apart(typed, said):
    """Rémalard-en-Perche: an amount asked under a category, typed with what it pays for."""
    assert amount_and_words(typed) == said
