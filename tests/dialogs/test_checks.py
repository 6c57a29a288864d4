"""Each check of the cahier des charges on hand-built answers: satisfied, not yet answered, not met."""
from __future__ import annotations

import pytest

from dialogs.checks import State
from dialogs.loader import load_guide
from tests.support.typed import A, answers, state


@pytest.fixture(scope="module")
def guide():
    return load_guide()


WEEK = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]


def week(*days: str) -> dict[str, str]:
    return {f"tech_horaires_{day}": text for day, text in zip(WEEK, days)}


def test_the_guide_declares_the_checks_the_cahier_des_charges_needs(guide):
    kinds = {c.id: c.kind for c in guide.checks}
    assert {c for c, kind in kinds.items() if kind == "exigence"} == {
        "part_check_operateurs", "part_check_offre_base", "part_check_obligations", "part_check_referents",
        "part_check_conventions", "part_check_convention_cadre", "tech_check_horaires", "tech_check_espaces",
        "tech_check_internet", "tech_check_signaletique", "budget_check_fonctionnement", "budget_check_non_cumul", "label_check_demande_unique",
        "label_check_conventions_avant", "dev_check_comite", "dev_check_comite_prefecture", "dev_check_cellule",
        "dev_check_deontologie_evaluation"}
    # A project leader, a plausible budget, the referent contacted: useful, but not the cahier's requirements.
    assert kinds["diag_check_chef_projet"] == kinds["diag_check_referent"] == "recommandation"
    assert kinds["budget_check_plausible"] == kinds["equipe_check_etp"] == "coherence"
    assert all(check.fiche for check in guide.checks)


@pytest.mark.parametrize("days, expected, total", [
    (("9h-12h 14h-17h",) * 4 + ("fermé",) * 3, State.SATISFIED, None),                      # exactly 24 h
    (("9h-12h 14h-17h",) * 3 + ("9h-12h 14h-16h30",) + ("fermé",) * 3, State.NOT_MET, "23 h 30"),
    (("9h-12h 14h-17h",) * 3, State.PENDING, None),                                        # four days unanswered
    (("9h-12h 14h-17h",) * 4, State.SATISFIED, None),                                      # 24 h already reached
    (("9h-12h",) * 3 + ("-",) * 4, State.NOT_MET, "9 h"),                                   # skipped days count as closed
])
def test_opening_hours_border(guide, days, expected, total):
    got, reason = state(guide, "tech_check_horaires", answers(guide, **week(*days)))
    assert got is expected
    if total:
        assert f"{total} par semaine" in reason and "24 h" in reason


@pytest.mark.parametrize("typed, expected", [
    ({}, State.PENDING),
    ({"part_operateurs": "La Poste, CAF"}, State.PENDING),                  # services questions not reached
    ({"part_operateurs": "La Poste"}, State.NOT_MET),                        # one can never make two
    ({"part_operateurs": "La Poste", "part_services_la_poste": "Colis"}, State.NOT_MET),
    ({"part_operateurs": "La Poste, CAF", "part_services_la_poste": "Colis", "part_services_caf": "Aides"},
     State.SATISFIED),
    ({"part_operateurs": "La Poste, CAF", "part_services_la_poste": "Colis", "part_services_caf": "-"},
     State.NOT_MET),                                                       # a retained operator with no services
    ({"part_operateurs": "La Poste, Autre", "part_operateurs_autre": "Mutuelle", "part_services_la_poste": "Colis"},
     State.NOT_MET),                                                       # "autre" is not among the seven
    ({"part_operateurs": "-"}, State.NOT_MET),
])
def test_at_least_two_of_the_seven_operators_with_their_services(guide, typed, expected):
    got, reason = state(guide, "part_check_operateurs", answers(guide, **typed))
    assert got is expected
    if expected is State.NOT_MET:
        assert "il en faut au moins 2" in reason


def test_spaces_name_what_is_missing(guide):
    assert state(guide, "tech_check_espaces", {})[0] is State.PENDING
    got, reason = state(guide, "tech_check_espaces", answers(guide, tech_espaces="1, 4"))
    assert got is State.NOT_MET and reason.endswith("Point d'attente, Espace confidentiel.")
    assert state(guide, "tech_check_espaces", answers(guide, tech_espaces="1, 2, 3"))[0] is State.SATISFIED


def test_base_offer_and_partners_obligations(guide):
    assert state(guide, "part_check_offre_base", answers(guide, part_offre_base="1, 2, 3, 4, 5"))[0] \
        is State.SATISFIED
    got, reason = state(guide, "part_check_offre_base", answers(guide, part_offre_base="Accueil"))
    assert got is State.NOT_MET and "Mise en relation des usagers avec les opérateurs" in reason
    assert state(guide, "part_check_obligations", answers(guide, part_obligations="1, 2, 3"))[0] is State.NOT_MET
    assert state(guide, "part_check_obligations", answers(guide, part_obligations="1, 2, 3, 4"))[0] \
        is State.SATISFIED


def test_internet_and_signage(guide):
    assert state(guide, "tech_check_internet", answers(guide, tech_equipements="2, 3"))[0] is State.NOT_MET
    assert state(guide, "tech_check_internet", answers(guide, tech_equipements="1"))[0] is State.SATISFIED
    both = answers(guide, tech_charte_graphique="oui", tech_signaletique="oui")
    assert state(guide, "tech_check_signaletique", both)[0] is State.SATISFIED
    one = answers(guide, tech_charte_graphique="oui")
    assert state(guide, "tech_check_signaletique", one)[0] is State.PENDING
    no = answers(guide, tech_charte_graphique="oui", tech_signaletique="non")
    assert state(guide, "tech_check_signaletique", no)[0] is State.NOT_MET


def test_carrier_and_delivery_details_only_when_relevant(guide):
    fixed = answers(guide, port_modes="1", port_porteur="1", port_porteur_nom="CC du Saint-Affricain")
    assert state(guide, "port_check_delivrance", fixed)[0] is State.SATISFIED
    assert state(guide, "port_check_porteur", fixed)[0] is State.SATISFIED
    assert state(guide, "port_check_porteur", answers(guide, port_porteur="1"))[0] is State.PENDING
    antennas = answers(guide, port_modes="1, 2", port_porteur="1")
    assert state(guide, "port_check_delivrance", antennas)[0] is State.PENDING
    antennas |= answers(guide, port_nombre_sites="2", port_sites="Camarès", port_coordination="-")
    assert state(guide, "port_check_delivrance", antennas)[0] is State.NOT_MET
    antennas |= answers(guide, port_coordination="Réunion mensuelle")
    assert state(guide, "port_check_delivrance", antennas)[0] is State.SATISFIED


def test_referent_contacted_before_the_request_is_sent(guide):
    check = "label_check_referent"
    assert state(guide, "diag_check_referent", answers(guide, prefecture_contactee="non"))[0] is State.NOT_MET
    contacted = answers(guide, prefecture_contactee="oui", date_premier_contact="12/01/2027")
    assert state(guide, check, contacted)[0] is State.PENDING  # nothing sent yet: not met either
    sent_after = contacted | answers(guide, label_demande_etat="2", label_date_envoi="12/01/2027")
    assert state(guide, check, sent_after)[0] is State.SATISFIED  # the same day is not before
    sent_before = contacted | answers(guide, label_demande_etat="2", label_date_envoi="11/01/2027")
    assert state(guide, check, sent_before)[0] is State.NOT_MET


def test_committee_cell_deontology_and_leader(guide):
    assert state(guide, "dev_check_comite", answers(guide, dev_comite_annuel="oui"))[0] is State.SATISFIED
    assert state(guide, "dev_check_comite", answers(guide, dev_comite_annuel="?"))[0] is State.PENDING
    assert state(guide, "dev_check_cellule", answers(guide, dev_cooperation_cellule="non"))[0] is State.NOT_MET
    half = answers(guide, dev_engagement_deontologie="oui", dev_engagement_evaluation="-")
    assert state(guide, "dev_check_deontologie_evaluation", half)[0] is State.NOT_MET
    assert state(guide, "diag_check_chef_projet", answers(guide, chef_projet_nom="-"))[0] is State.NOT_MET
    assert state(guide, "diag_check_chef_projet", answers(guide, chef_projet_nom="Claire"))[0] is State.SATISFIED


def test_la_poste_carrying_the_maison_needs_no_local_convention_with_itself(guide):
    """A Maison in a post office: La Poste's local convention passed ("pas besoin, c'est nous le porteur") made
    « Les conventions avec les opérateurs signées » not met, and the dates check wait for its date forever."""
    typed = {"part_operateurs": "La Poste, CAF", "part_convention_la_poste": "-", "part_convention_caf": "Signée",
             "part_convention_caf_date": "12/01/2027", "label_date_envoi": "15/03/2027"}
    by_collectivity = answers(guide, **typed, port_porteur="La collectivité locale")
    assert state(guide, "part_check_conventions", by_collectivity)[0] is State.NOT_MET
    assert state(guide, "label_check_conventions_avant", by_collectivity)[0] is State.PENDING
    by_la_poste = answers(guide, **typed, port_porteur="Un bureau de Poste")
    assert state(guide, "part_check_conventions", by_la_poste)[0] is State.SATISFIED
    assert state(guide, "label_check_conventions_avant", by_la_poste)[0] is State.SATISFIED
