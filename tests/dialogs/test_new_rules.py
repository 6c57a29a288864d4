"""The rules the fiche states and nothing checked before: each fails and passes on the answers that should."""
from __future__ import annotations

from dialogs.budget import Line, summarize, Framing
from dialogs.budget_model import load_budget_model
from dialogs.checks import State, evaluate
from tests.dialogs.test_checks import answers, guide, state  # noqa: F401  (guide is a fixture)

MODEL = load_budget_model()
THREE = "La Poste, CAF, MSA"


def with_budget(guide, check_id: str, stored, lines: list[Line]) -> tuple[State, str | None]:
    budget = summarize(lines, MODEL, Framing(2027, True, None))
    result = next(r for r in evaluate(guide.stages, guide.questions, stored, lambda: budget)
                  if r.check.id == check_id)
    return result.state, result.reason


def line(key: int, section: str, category: str, cents: int, use: str) -> Line:
    return Line(key, section, category, MODEL.categories[category].label, cents, use)


def test_each_operator_names_an_internal_referent(guide):
    chosen = answers(guide, part_operateurs=THREE)
    assert state(guide, "part_check_referents", chosen)[0] is State.PENDING
    two = chosen | answers(guide, part_referent_la_poste="M. Vidal", part_referent_caf="Mme Roques")
    assert state(guide, "part_check_referents", two)[0] is State.PENDING
    skipped = two | answers(guide, part_referent_msa="-")
    assert state(guide, "part_check_referents", skipped) == (State.NOT_MET, "Référent interne pas encore désigné pour : MSA.")
    assert state(guide, "part_check_referents", two | answers(guide, part_referent_msa="Mme Bru"))[0] \
        is State.SATISFIED


def test_conventions_with_the_operators_are_signed(guide):
    chosen = answers(guide, part_operateurs=THREE, part_convention_la_poste="Signée", part_convention_caf="Signée")
    assert state(guide, "part_check_conventions", chosen)[0] is State.PENDING
    talking = chosen | answers(guide, part_convention_msa="En discussion")
    got, reason = state(guide, "part_check_conventions", talking)
    assert got is State.NOT_MET and "Convention pas encore signée avec : MSA." in reason
    signed = chosen | answers(guide, part_convention_msa="Signée")
    assert state(guide, "part_check_conventions", signed)[0] is State.SATISFIED


def test_conventions_are_signed_before_the_request_is_sent(guide):
    signed = answers(guide, part_operateurs="La Poste, CAF", part_convention_la_poste="Signée",
                     part_convention_la_poste_date="02/03/2027", part_convention_caf="Signée",
                     part_convention_caf_date="20/06/2027")
    check = "label_check_conventions_avant"
    assert state(guide, check, signed)[0] is State.PENDING  # no request sent yet: not met either
    sent = signed | answers(guide, label_demande_etat="Envoyée", label_date_envoi="15/06/2027")
    assert state(guide, check, sent) == (State.NOT_MET, "La convention avec CAF aurait été signée après l'envoi de "
                                                        "la demande : vérifiez ces dates.")
    fixed = sent | answers(guide, part_convention_caf_date="10/06/2027")
    assert state(guide, check, fixed)[0] is State.SATISFIED
    # A request sent before the operators are chosen is not "met": no date could be checked.
    alone = answers(guide, label_demande_etat="Envoyée", label_date_envoi="15/06/2027")
    assert state(guide, check, alone)[0] is State.PENDING
    none = alone | answers(guide, part_operateurs="-")  # operators skipped: that rule fails, not this one
    assert state(guide, check, none)[0] is State.SATISFIED


def test_the_convention_cadre_follows_the_cahier_des_charges(guide):
    check = "part_check_convention_cadre"
    assert state(guide, check, {})[0] is State.PENDING
    assert state(guide, check, answers(guide, part_convention_cadre_conforme="non merci"))[0] is State.NOT_MET
    assert state(guide, check, answers(guide, part_convention_cadre_conforme="oui bien sûr"))[0] is State.SATISFIED


def test_a_single_subsidy_request(guide):
    check = "label_check_demande_unique"
    assert state(guide, check, answers(guide, label_demande_unique="non"))[0] is State.NOT_MET
    assert state(guide, check, answers(guide, label_demande_unique="oui"))[0] is State.SATISFIED


def test_the_committee_invites_the_prefecture(guide):
    check = "dev_check_comite_prefecture"
    assert state(guide, check, answers(guide, dev_comite_annuel="oui"))[0] is State.PENDING
    without = answers(guide, dev_comite_annuel="oui", dev_comite_membres="Collectivités concernées, Partenaires")
    got, reason = state(guide, check, without)
    assert got is State.NOT_MET and "il manque : Préfecture de département" in reason
    every = answers(guide, dev_comite_annuel="oui", dev_comite_membres="1, 2, 3")
    assert state(guide, check, every)[0] is State.SATISFIED


def test_premises_accessible_is_a_recommendation(guide):
    check = "tech_check_accessibilite"
    assert next(c for c in guide.checks if c.id == check).kind == "recommandation"
    assert state(guide, check, answers(guide, tech_accessibilite_pmr="non"))[0] is State.NOT_MET
    assert state(guide, check, answers(guide, tech_accessibilite_pmr="oui"))[0] is State.SATISFIED


def test_the_functions_fte_no_more_than_the_staff(guide):
    """The team's FTE are those of its functions, asked once each: their sum is checked against the staff."""
    check = "equipe_check_etp"
    functions = {"equipe_fonctions": "Accueil, Coordination", "equipe_etp_accueil": "1"}
    assert state(guide, check, answers(guide, **functions, equipe_nombre_personnes="2"))[0] is State.PENDING
    over = answers(guide, **functions, equipe_etp_coordination="1,5", equipe_nombre_personnes="2")
    assert state(guide, check, over) == (State.NOT_MET, "Les fonctions comptent 2,5 ETP, pour une équipe de 2 : "
                                                        "une personne fait au plus un temps plein. Vérifiez les ETP de "
                                                        "chaque fonction et le nombre de personnes.")
    fits = answers(guide, **functions, equipe_etp_coordination="0,5", equipe_nombre_personnes="2")
    assert state(guide, check, fits)[0] is State.SATISFIED
    assert "equipe_etp" not in guide.questions  # the total is not asked again


def test_no_other_state_operating_aid_whichever_way_it_is_given(guide):
    check = "budget_check_non_cumul"
    assert with_budget(guide, check, {}, [])[0] is State.PENDING
    none = answers(guide, budget_autres_financements="Commune")
    assert with_budget(guide, check, none, [])[0] is State.SATISFIED
    # The answer alone, the budget line alone, and the two disagreeing.
    said = answers(guide, budget_autres_financements="Autre subvention de l'État", budget_etat_usage="Fonctionnement")
    got, reason = with_budget(guide, check, said, [])
    assert got is State.NOT_MET and "ne se cumule pas avec une autre subvention de l'État" in reason
    operating_line = [line(1, "resource", "etat_autre", 500_000, "fonctionnement")]
    assert with_budget(guide, check, none, operating_line)[0] is State.NOT_MET
    invest = answers(guide, budget_autres_financements="Autre subvention de l'État", budget_etat_usage="Investissement")
    got, reason = with_budget(guide, check, invest, operating_line)
    assert got is State.NOT_MET and reason.startswith("Vos réponses et les lignes du budget se contredisent")
    assert with_budget(guide, check, invest, [line(1, "resource", "etat_autre", 500_000, "investissement")])[0] \
        is State.SATISFIED


def test_the_operating_budget_is_entered(guide):
    check = "budget_check_fonctionnement"
    assert with_budget(guide, check, {}, [])[0] is State.PENDING
    assert with_budget(guide, check, answers(guide, budget_charges_fonctionnement="-"), [])[0] is State.NOT_MET
    salaries = [line(1, "charge", "salaires", 4_000_000, "fonctionnement")]
    assert with_budget(guide, check, {}, salaries)[0] is State.SATISFIED
