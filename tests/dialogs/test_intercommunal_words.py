"""A communauté de communes running a France services bus, said in its chargée de mission's own words."""
from __future__ import annotations

import pytest

from dialogs.loader import load_guide
from dialogs.parsing import parse_answer
from tests.dialogs.test_choices import _france_services_question

GUIDE = load_guide()


@pytest.mark.parametrize(("question", "typed", "answer"), [
    ("enjeux_maillage", "isolement + disparition des services (tresorerie fermee en 2024) + fusion des cc en 2017",
     ["isolement_territorial", "disparition_services", "redecoupage_administratif"]),
    ("enjeux_maillage", "la loi NOTRe", ["redecoupage_administratif"]),
    ("enjeux_cohesion", "accompagnement des habitants", ["accompagnement_personnes"]),
    ("tech_foncier", "acheté par la cc (neuf, aménagé par un carrossier)", "acquisition"),
    ("equipe_fonctions", "accueil + accompagnement, coordination, l'admin reste a la cc",
     ["accueil", "accompagnement", "coordination", "administration"]),
    ("equipe_besoins_formation", "formation initiale FS (CNFPT / ANCT) pour les 2 recrues + mises a jour regulieres "
     "par les operateurs", ["actualiser_offre_operateurs", "offre_nationale"]),
])
def test_an_intercommunality_s_words_are_the_option_they_mean(question, typed, answer):
    """Haut-Allier: "fusion des cc en 2017" at « …de quoi tenez-vous compte ? » was stored as an « Autre »."""
    assert parse_answer(GUIDE.questions[question], typed) == answer


def test_partners_typed_with_slashes_are_each_one():
    """Haut-Allier: "caf/cpam/carsat au puy" and "sip brioude" at « Quels partenaires nationaux… ? » were not read."""
    question = _france_services_question("operateurs")
    assert parse_answer(question, "caf/cpam/carsat, sip brioude") == ["caf", "cnam", "carsat", "dgfip"]
    assert parse_answer(question, "l'APC de Prades, le SIP de Brioude") == ["la_poste", "dgfip"]


def test_a_rural_territory_s_associations_are_named_by_their_networks():
    """Haut-Allier: "l'ADMR, le secours pop" at « Quels acteurs locaux… ? » was an « Autre »."""
    question = GUIDE.questions["acteurs_locaux"]
    assert parse_answer(question, "la cc bien sur, mission locale du brivadois, l'ADMR, le secours pop") == [
        "communes_intercommunalites", "missions_locales", "associations"]


def test_the_running_costs_a_carrier_pays_are_its_financial_share():
    """Haut-Allier: "…, carburant + entretien, …" at « Qu'apportera la structure porteuse… ? » was not read."""
    question = GUIDE.questions["port_contribution"]
    assert parse_answer(question, "le bus amenage (achat env 180k€ subventionne), 2 agents, carburant + entretien, et "
                                  "la formation des agents") == ["personnel", "equipement", "financement", "formation"]


@pytest.mark.parametrize(("question", "typed", "answer"), [
    ("acteurs_locaux", "Le Département (centre départemental d'action sociale de Lannion), Lannion-Trégor Communauté, "
     "la Mission locale Ouest Côtes-d'Armor et le Secours catholique.",
     ["departement", "communes_intercommunalites", "missions_locales", "associations"]),
    ("port_porteur", "Lannion-Trégor Communauté", "collectivite"),
    ("budget_autres_financements", "Lannion-Trégor Communauté", ["intercommunalite"]),
])
def test_an_intercommunality_named_communauté_is_one(question, typed, answer):
    """Plouaret: "Lannion-Trégor Communauté" (an agglomeration, named as many are) was an « Autre »."""
    assert parse_answer(GUIDE.questions[question], typed) == answer
