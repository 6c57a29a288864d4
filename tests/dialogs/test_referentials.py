"""The referentials side by side: the 2016 fiche and France services (2026), each checked on hand-built answers."""
from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from dialogs.budget_model import load_budget_model
from dialogs.checks import State, evaluate
from dialogs.errors import GuideError
from dialogs.parsing import parse_answer
from dialogs.referentials import default_referential, load_referentials
from tests.support.typed import A, answers, state

NATIONAL_PARTNERS = ["la_poste", "pole_emploi", "caf", "cnam", "msa", "carsat", "interieur", "justice", "dgfip",
                     "cheque_energie", "anah", "agirc_arrco", "urssaf"]


@pytest.fixture(scope="module")
def referentials():
    return load_referentials(load_budget_model())


@pytest.fixture(scope="module")
def msap(referentials):
    return referentials["msap"].guide


@pytest.fixture(scope="module")
def fs(referentials):
    return referentials["france_services"].guide


def test_both_referentials_load_and_the_2016_fiche_stays_the_default(referentials):
    assert set(referentials) == {"msap", "france_services"}
    assert default_referential(referentials).id == "msap"
    meta = referentials["france_services"].meta
    assert (meta.version, meta.name, meta.choice) == ("2026", "France services", "France services (règles en vigueur)")
    assert not meta.default
    titles = " | ".join(source.title for source in meta.sources)
    for text in ("Arrêté du 16 juin 2025", "Circulaire n° 6094-SG du 1er juillet 2019", "Loi n° 2000-321"):
        assert text in titles
    assert meta.sources[0].id == "arrete_2025"  # the référentiel itself is the guide's source
    assert [visa[:22] for visa in meta.visas] == ["Vu la loi n° 2000-321 ", "Vu la circulaire n° 60",
                                                   "Vu l'arrêté du 16 juin"]


def test_three_national_partners_fail_and_the_missing_ones_are_named(fs):
    assert state(fs, "part_check_operateurs", {})[0] is State.PENDING
    got, reason = state(fs, "part_check_operateurs", answers(fs, part_operateurs="La Poste, CAF, MSA"))
    assert got is State.NOT_MET
    assert reason == ("Une France services propose tous les partenaires nationaux ; il manque : France Travail "
                      "(ex-Pôle emploi), Assurance maladie (CPAM), Carsat (Assurance retraite), Ministère de "
                      "l'Intérieur (ANTS), Ministère de la Justice, Finances publiques (DGFiP), Chèque énergie "
                      "(DGEC), Anah (Agence nationale de l'habitat), Agirc-Arrco (retraite complémentaire), Urssaf.")
    assert state(fs, "part_check_operateurs", answers(fs, part_operateurs="-"))[0] is State.NOT_MET


def test_all_national_partners_pass_and_grdf_or_another_operator_changes_nothing(fs):
    question = fs.questions["part_operateurs"]
    every = ", ".join(question.option(option).label for option in NATIONAL_PARTNERS)
    assert state(fs, "part_check_operateurs", answers(fs, part_operateurs=every))[0] is State.SATISFIED
    more = answers(fs, part_operateurs=f"{every}, GRDF (hors partenaires nationaux), Autre",
                   part_operateurs_autre="Mutuelle sociale")
    assert state(fs, "part_check_operateurs", more)[0] is State.SATISFIED
    twelve = ", ".join(question.option(option).label for option in NATIONAL_PARTNERS[:-1])
    got, reason = state(fs, "part_check_operateurs", answers(fs, part_operateurs=twelve))
    assert got is State.NOT_MET and reason.endswith("il manque : Urssaf.")


# The questions the convention-cadre and the dossier read for each operator (dialogs/dossier.yaml's patterns).
PER_OPERATOR = ("part_nom_{}", "part_signataire_{}", "part_services_{}", "part_referent_{}", "part_contribution_{}",
                "part_convention_{}", "part_convention_{}_date")


@pytest.mark.parametrize("which", ["msap", "france_services"])
def test_every_operator_a_project_can_choose_is_asked_what_the_convention_cadre_names(referentials, which):
    """Otherwise a complete dossier would print a party "représenté par ____" and call it final."""
    guide = referentials[which].guide
    operators = [o.id for o in guide.questions["part_operateurs"].options if o.id != "autre"]
    missing = [pattern.format(o) for o in operators for pattern in PER_OPERATOR
               if pattern.format(o) not in guide.questions]
    assert missing == []
    for pattern in ("part_nom_{}", "part_signataire_{}", "part_contribution_{}"):
        assert all(guide.questions[pattern.format(o)].required for o in operators)
    # And so each can be invited to answer its own part (a partner member, /equipe).
    partners = referentials[which].partners
    assert [p.option for p in partners.all if p.selector == "part_operateurs"] == operators
    last = operators[-1]
    assert {q.id for q in partners.step(f"part_operateurs:{last}").questions} == {
        *(pattern.format(last) for pattern in PER_OPERATOR), f"part_contribution_{last}_detail"}


@pytest.mark.parametrize("which", ["msap", "france_services"])
def test_each_rule_on_every_operator_reads_every_operator(referentials, which):
    """"Un référent interne désigné par chaque opérateur" is not met while one of them has none."""
    guide = referentials[which].guide
    operators = {o.id for o in guide.questions["part_operateurs"].options} - {"autre"}
    per_operator = [(check.id, set(rule.options)) for check in guide.checks for rule in check.rules
                    if getattr(rule, "question", None) == "part_operateurs"
                    and rule.kind in ("each_selected", "dates_before")]
    assert {check for check, _ in per_operator} >= {"part_check_referents", "part_check_conventions",
                                                     "label_check_conventions_avant"}
    assert [(check, operators - options) for check, options in per_operator if options != operators] == []


def test_a_partner_france_services_added_without_a_referent_fails_the_referents_rule(fs):
    question = fs.questions["part_operateurs"]
    every = ", ".join(question.option(option).label for option in NATIONAL_PARTNERS)
    typed = {f"part_referent_{option}": "Mme Martin" for option in NATIONAL_PARTNERS if option != "urssaf"}
    # Unanswered is still to be answered, never met; skipped is not met.
    assert state(fs, "part_check_referents", answers(fs, part_operateurs=every, **typed))[0] is State.PENDING
    got, reason = state(fs, "part_check_referents", answers(fs, part_operateurs=every, part_referent_urssaf="-",
                                                            **typed))
    assert (got, reason) == (State.NOT_MET, "Référent interne pas encore désigné pour : Urssaf.")
    typed["part_referent_urssaf"] = "M. Fournier, directeur"
    assert state(fs, "part_check_referents", answers(fs, part_operateurs=every, **typed))[0] is State.SATISFIED


def test_the_same_two_operators_meet_the_2016_fiche_but_not_france_services(msap, fs):
    typed = {"part_operateurs": "La Poste, CAF", "part_services_la_poste": "Colis", "part_services_caf": "Aides"}
    assert state(msap, "part_check_operateurs", answers(msap, **typed))[0] is State.SATISFIED
    assert state(fs, "part_check_operateurs", answers(fs, **typed))[0] is State.NOT_MET


@pytest.mark.parametrize("typed, expected, said", [
    ({}, State.PENDING, None),
    ({"fs_conseillers": "Conseiller 1", "fs_forme_conseiller_1": "oui"}, State.NOT_MET,
     "Conseillers France services prévus : 1 ; il en faut au moins 2."),                # one agent, trained
    ({"fs_conseillers": "Conseiller 1, Conseiller 2", "fs_forme_conseiller_1": "oui",
      "fs_forme_conseiller_2": "oui"}, State.SATISFIED, None),                            # two trained agents
    ({"fs_conseillers": "Conseiller 1, Conseiller 2"}, State.PENDING, None),              # training not said yet
    ({"fs_conseillers": "Conseiller 1, Conseiller 2", "fs_forme_conseiller_1": "oui",
      "fs_forme_conseiller_2": "non"}, State.NOT_MET,
     "Formation avant l'ouverture pas encore prévue pour : Conseiller 2."),
    ({"fs_conseillers": "1, 2, 3", "fs_forme_conseiller_1": "oui", "fs_forme_conseiller_2": "oui",
      "fs_forme_conseiller_3": "-"}, State.NOT_MET,
     "Formation avant l'ouverture pas encore prévue pour : Conseiller 3."),
    ({"fs_conseillers": "-"}, State.NOT_MET, "Conseillers France services prévus : 0 ; il en faut au moins 2."),
])
def test_at_least_two_conseillers_trained_before_opening(fs, typed, expected, said):
    got, reason = state(fs, "fs_check_conseillers", answers(fs, **typed))
    assert got is expected
    assert reason == said


def test_the_conseillers_are_asked_with_the_team_and_only_in_france_services(msap, fs):
    assert fs.step_of_question["fs_conseillers"].id == "equipe_profils"
    assert fs.step_of_question["fs_forme_conseiller_2"].id == "equipe_profils"
    assert "fs_conseillers" not in msap.questions
    assert "fs_check_conseillers" not in {check.id for check in msap.checks}


def test_laicite_and_neutrality(fs):
    assert state(fs, "fs_check_laicite", {})[0] is State.PENDING
    assert state(fs, "fs_check_laicite", answers(fs, fs_engagement_laicite="oui"))[0] is State.SATISFIED
    got, reason = state(fs, "fs_check_laicite", answers(fs, fs_engagement_laicite="non"))
    assert got is State.NOT_MET and "laïcité et de neutralité" in reason
    assert state(fs, "fs_check_laicite", answers(fs, fs_engagement_laicite="-"))[0] is State.NOT_MET


def test_opening_hours_stay_24_hours_a_week_citing_france_services(fs):
    week = {f"tech_horaires_{day}": "9h-12h 14h-17h" for day in ("lundi", "mardi", "mercredi")}
    week |= {"tech_horaires_jeudi": "9h-12h 14h-16h30", "tech_horaires_vendredi": "fermé",
             "tech_horaires_samedi": "fermé", "tech_horaires_dimanche": "fermé"}
    got, reason = state(fs, "tech_check_horaires", answers(fs, **week))
    assert got is State.NOT_MET
    assert reason == "Ouverture prévue : 23 h 30 par semaine ; une France services ouvre au moins 24 h."
    week["tech_horaires_vendredi"] = "9h-9h30"
    assert state(fs, "tech_check_horaires", answers(fs, **week))[0] is State.SATISFIED
    assert "France services" in next(c for c in fs.checks if c.id == "tech_check_horaires").fiche


def test_the_to_confirm_checks_are_flagged(msap, fs):
    assert {c.id for c in fs.checks if c.to_confirm} == {"fs_check_audits", "fs_check_cinq_jours"}
    assert not any(c.to_confirm for c in msap.checks)
    result = next(r for r in evaluate(fs.stages, fs.questions, {}) if r.check.id == "fs_check_audits")
    assert result.check.to_confirm and result.requirement
    assert "à confirmer" in result.check.fiche
    # The question says so too, before any check is shown.
    assert "à confirmer avec votre Préfecture" in fs.questions["fs_engagement_audits"].help


def test_france_ruralites_is_asked_with_the_budget_framing(fs):
    framing = load_budget_model().framing
    question = fs.questions["fs_france_ruralites"]
    assert question.kind.value == "yes_no"
    assert fs.step_of_question["fs_france_ruralites"] is fs.step_of_question[framing.year]
    assert "à confirmer" in question.help


def test_the_network_name_replaces_the_maisons_in_signage_and_follow_up(msap, fs):
    for question_id in ("tech_charte_connue", "tech_charte_graphique", "tech_signaletique", "dev_kit_communication",
                        "dev_reseau_departemental", "dev_outils_reseau"):
        assert "France services" in fs.questions[question_id].prompt, question_id
        assert "France services" not in msap.questions[question_id].prompt, question_id
    tools = fs.questions["dev_tableau_bord_outil"]
    assert tools.options[0].id == "outils_anct" and "maisonsdeservicesaupublic" not in tools.help
    assert "ANCT" in fs.questions["dev_cooperation_cellule"].prompt


def test_shared_questions_are_the_same_so_answers_carry_over(msap, fs):
    changed = {q.id for q in fs.questions.values() if msap.questions.get(q.id) != q}
    added = set(fs.questions) - set(msap.questions)
    per_partner = {pattern.format(partner) for partner in NATIONAL_PARTNERS[6:]
                   for pattern in (*PER_OPERATOR, "part_contribution_{}_detail")}
    assert added == {"fs_conseillers", "fs_forme_conseiller_1", "fs_forme_conseiller_2", "fs_forme_conseiller_3",
                     "fs_forme_conseiller_4", "fs_france_ruralites", "fs_engagement_laicite", "fs_engagement_audits",
                     *per_partner}
    assert changed - added == {"operateurs", "visites_maisons", "dev_cooperation_cellule", "part_operateurs", "tech_charte_connue",
                               "tech_charte_graphique", "tech_signaletique", "tech_signaletique_details",
                               "dev_tableau_bord_outil", "dev_kit_communication", "dev_reseau_departemental",
                               "dev_outils_reseau", "label_demande_unique"}
    assert set(msap.questions) <= set(fs.questions)  # France services removes none
    for question_id, question in msap.questions.items():
        other = fs.questions[question_id]
        # Same place, same kind, every option still there: an answer given under one holds under the other.
        assert fs.step_of_question[question_id].id == msap.step_of_question[question_id].id
        assert other.kind is question.kind and other.when == question.when
        assert {o.id for o in question.options} <= {o.id for o in other.options}, question_id
    assert [s.id for s in fs.steps] == [s.id for s in msap.steps]


def test_one_projects_answers_read_the_same_under_both(msap, fs):
    typed = {"part_operateurs": "La Poste, CAF, GRDF", "part_services_grdf": "Raccordement",
             "part_convention_la_poste": "Signée", "tech_charte_graphique": "oui", "tech_signaletique": "oui"}
    stored = answers(msap, **typed)
    assert stored == answers(fs, **typed)
    assert state(fs, "tech_check_signaletique", stored)[0] is State.SATISFIED
    assert state(msap, "tech_check_signaletique", stored)[0] is State.SATISFIED
    assert state(fs, "part_check_conventions", stored) == state(msap, "part_check_conventions", stored)


def write(tmp_path: Path, text: str) -> Path:
    (tmp_path / "bad.yaml").write_text("id: bad\nversion: '1'\nname: Bad\nchoice: Bad\nsummary: Bad.\n"
                                       "default: true\nrequirements_basis: le cahier des charges\n"
                                       "sources: [{id: s, title: S}]\n" + text, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("changes, where", [
    ("questions: {replace: [{id: nulle_part, prompt: 'Quoi ?', kind: yes_no}]}", "questions.replace"),
    ("questions: {add: [{after: nulle_part, question: {id: fs_x, prompt: 'Quoi ?', kind: yes_no}}]}",
     "questions.add.after"),
    ("questions: {remove: [nulle_part]}", "questions.remove"),
    ("checks: {remove: [check_inconnu]}", "checks.remove"),
    ("checks: {add: [{stage: etape_inconnue, check: {id: c, kind: exigence, title: T, fiche: F, step: equipe_profils,"
     " rules: [{kind: 'yes', questions: [equipe_profils_rediges], reason: R}]}}]}", "checks.add.stage"),
    ("checklist: {remove: [action_inconnue]}", "checklist.remove"),
    ("checklist: {replace: [{id: action_inconnue, label: L, fiche: F}]}", "checklist.replace"),
    ("steps: [{id: etape_inconnue, attention: [A]}]", "steps"),
])
def test_a_change_naming_an_unknown_question_or_check_is_refused(tmp_path, changes, where):
    with pytest.raises(GuideError, match=rf"^bad\.yaml: {where}: .*not in the shared guide"):
        load_referentials(load_budget_model(), directory=write(tmp_path, changes))


def test_a_check_reading_an_unknown_question_is_refused_naming_the_file(tmp_path):
    changes = ("checks: {add: [{stage: equipe, check: {id: fs_c, kind: exigence, title: T, fiche: F,"
               " step: equipe_profils, rules: [{kind: 'yes', questions: [nulle_part], reason: R}]}}]}")
    with pytest.raises(GuideError, match=r"^bad\.yaml \+ 05-equipe\.yaml: checks\.fs_c.*'nulle_part'"):
        load_referentials(load_budget_model(), directory=write(tmp_path, changes))


def test_removing_a_question_other_questions_depend_on_is_refused(tmp_path):
    with pytest.raises(GuideError, match=r"^bad\.yaml \+ 02-partenariat\.yaml: .*'part_operateurs'"):
        load_referentials(load_budget_model(), directory=write(tmp_path, "questions: {remove: [part_operateurs]}"))



def test_france_services_changes_its_checklist_and_points_d_attention(msap, fs):
    def noyau(guide):
        return next(item for item in guide.checklist if item.id == "part_todo_noyau")
    assert "au moins deux opérateurs" in noyau(msap).label and "tous les partenaires nationaux" in noyau(fs).label
    assert "au moins deux opérateurs" not in " ".join(fs.step("part_offre_operateurs").attention)
    assert fs.step("part_offre_maison").attention == msap.step("part_offre_maison").attention


def test_france_services_has_france_services_to_visit_not_maisons_that_no_longer_exist(msap, fs):
    def visit(guide):
        return next(item for item in guide.checklist if item.id == "diag_visiter_maisons")
    assert visit(fs).label == "Visiter des France services existantes"
    assert "France services" in fs.questions["visites_maisons"].prompt
    assert "France services" in fs.step("calibrer_offre").attention[-1]
    assert "Maisons de services au public" in visit(msap).label + msap.questions["visites_maisons"].prompt


def test_open_on_five_days_a_week_to_confirm(fs):
    week = {f"tech_horaires_{day}": "9h-12h" for day in ("lundi", "mardi", "mercredi", "jeudi")}
    pending = answers(fs, **week)
    assert state(fs, "fs_check_cinq_jours", pending)[0] is State.PENDING  # three days still unanswered
    closed = answers(fs, **week, tech_horaires_vendredi="fermé", tech_horaires_samedi="fermé",
                     tech_horaires_dimanche="fermé")
    assert state(fs, "fs_check_cinq_jours", closed) == (
        State.NOT_MET, "Jours d'ouverture prévus par semaine : 4 ; une France services ouvre au moins 5 jours.")
    opened = answers(fs, **week, tech_horaires_vendredi="14h-17h", tech_horaires_samedi="fermé",
                     tech_horaires_dimanche="-")
    assert state(fs, "fs_check_cinq_jours", opened)[0] is State.SATISFIED


def test_a_referentials_evidence_naming_an_unknown_answer_is_refused(tmp_path):
    with pytest.raises(GuideError, match="nulle_part"):
        load_referentials(load_budget_model(),
                          directory=write(tmp_path, "evidence: {tech_check_horaires: ['{nulle_part}']}"))


def test_a_referentials_name_for_an_operator_it_does_not_offer_is_refused(tmp_path):
    with pytest.raises(GuideError, match="option ants"):
        load_referentials(load_budget_model(), directory=write(tmp_path, "operator_names: {ants: \"l'ANTS\"}"))


def test_france_services_quotes_no_rule_of_the_50_percent_subsidy(msap, fs):
    def quoting(guide):
        return {c.id for c in guide.checks if "plancher de 10 000 €" in c.fiche}
    assert quoting(msap) == {"budget_check_fonctionnement", "budget_check_plausible"} and quoting(fs) == set()


def _shown(guide) -> dict[str, str]:
    """What the chat shows of a guide, by where: points d'attention, questions, checklist items, rules."""
    shown = {f"attention {step.id}": " ".join(step.attention) for stage in guide.stages for step in stage.steps}
    for question in guide.questions.values():
        shown[f"question {question.id}"] = " ".join([question.prompt, question.help or "",
                                                     *(option.label for option in question.options)])
    shown |= {f"checklist {item.id}": item.label for item in guide.checklist}
    for check in guide.checks:
        shown[f"check {check.id}"] = " ".join([check.title, *(rule.reason for rule in check.rules)])
    return shown


def test_france_services_shows_its_forfaits_funds_not_the_2016_fiches(msap, fs):
    """The forfait is half FNADT, half fonds national France services: no step, question, checklist item or rule
    of a France services project names the fiche's fonds inter-opérateurs, or its 50 % rule's floor and ceiling."""
    def naming(guide, *words):
        return {where for where, text in _shown(guide).items() if any(word in text for word in words)}
    assert naming(fs, "inter-opérateurs", "plafond de 35 000", "50%") == set()
    assert naming(msap, "inter-opérateurs") == {"attention budget_recettes", "attention label_dossier",
                                                "question label_demande_unique", "checklist label_preparer_demande",
                                                "checklist budget_integrer_financement",
                                                "check label_check_demande_unique"}
    assert naming(fs, "fonds national France services", "FNFS") == {
        "attention budget_recettes", "attention label_dossier", "question label_demande_unique",
        "checklist label_preparer_demande", "checklist budget_integrer_financement", "check label_check_demande_unique"}
    # The fiche's other points on the subsidy still stand under France services.
    assert fs.step("budget_recettes").attention[1:] == msap.step("budget_recettes").attention[1:]


def test_france_services_points_d_attention_name_nothing_that_no_longer_exists(msap, fs):
    """The 2016 fiche's portal, national cell, operators and signage are quoted as such in a 2016 project; a France
    services project is told what replaced them."""
    gone = ("maisonsdeservicesaupublic.fr", "portail collaboratif", "cellule d'animation", "Pôle Emploi", "GRDF",
            "identité visuelle des Maisons", "signalétique des Maisons")

    def naming(guide):
        return {where for where, text in _shown(guide).items()
                if where.startswith("attention") and any(word in text for word in gone)}
    assert naming(fs) == set()
    assert naming(msap) == {"attention cahier_des_charges", "attention partenaires", "attention part_offre_operateurs",
                            "attention part_autres_partenaires", "attention tech_visibilite", "attention dev_suivi",
                            "attention dev_communication", "attention dev_reseau_national"}
    assert "ANCT" in " ".join(fs.step("dev_suivi").attention + fs.step("dev_reseau_national").attention)
    assert "France Travail" in " ".join(fs.step("partenaires").attention)
    # The rest of those steps is the fiche's, word for word.
    assert fs.step("dev_communication").attention[1:] == msap.step("dev_communication").attention[1:]
    assert fs.step("cahier_des_charges").attention[:-1] == msap.step("cahier_des_charges").attention[:-1]


def test_a_partner_named_with_details_in_brackets_is_that_partner(fs):
    """"la poste (agence postale)" was refused: "agence" is a word of « Anah (Agence nationale de l'habitat) »."""
    question = fs.questions["part_operateurs"]
    assert parse_answer(question, "la poste (agence postale), la caf et la msa par permanences",
                        datetime.date(2027, 1, 1)) == ["la_poste", "caf", "msa"]
