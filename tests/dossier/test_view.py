"""The documents' view model from a project walked through the real application."""
from __future__ import annotations

import datetime
import re
from dataclasses import replace
from decimal import Decimal

import pytest
from sqlalchemy import update

from dialogs.budget import Plan, project_budget
from dialogs.checks import ANSWERED, evaluate
from dialogs.conditions import holds
from dialogs.model import PLAUSIBILITY, RECOMMENDATION, REQUIREMENT, Kind
from dialogs.parsing import parse_answer, to_json
from dossier.answers import Answers
from dossier.model import RequirementCount
from dossier.pdf import render_convention_pdf, render_dossier_pdf
from dossier.view import _Builder, build_dossier, check_view, conformity_fields
from dossier.word import render_convention_docx, render_dossier_docx
from store.models import Project
from store.repo import Repository
from tests.bot.test_budget_typed import reach
from tests.bot.test_conversation import create_project
from tests.bot.test_meant_input import reach_team_functions, to_the_population
from tests.bot.test_verdicts import goto_stage
from tests.dossier.sample import GROUP_HEADINGS, guide, msap, sample_dossier, texts, ui
from tests.support.budget_chat import add_resource
from tests.dossier.test_docx import all_text, open_docx
from tests.dossier.test_pdf import page_texts, squash
from tests.support.projects import CONFORMANT, NONCONFORMANT
from tests.support.walk import answer_text, walk_guide


def build(services, draft=False):
    with services.database.connect() as connection:
        return build_dossier(services.documents.sources, Repository(connection), 1, draft,
                             datetime.date(2027, 6, 20))


async def test_a_complete_project_fills_every_part(client, services):
    replies = await create_project(client, "MSAP du Saint-Affricain", "Sud-Aveyron")
    await walk_guide(client, services.guide, replies, CONFORMANT)   # the budget's lines are entered in stage 6
    dossier = build(services)
    assert dossier.project == "MSAP du Saint-Affricain" and dossier.territory == "Sud-Aveyron"
    assert dossier.generated_on == "20 juin 2027" and not dossier.draft
    assert dossier.leader == "Claire Morel"
    carrier = dossier.carrier
    assert (carrier.name, carrier.kind, carrier.siret) == ("Communauté de communes du Pays de Saint-Affrique",
                                                           "La collectivité locale", "200 067 510 00012")
    assert (carrier.town, carrier.representative, carrier.deliberation_on) == ("Saint-Affrique", "Marie Fabre",
                                                                               "16 février 2027")
    assert dossier.missing == [] and dossier.unmet == []
    assert [(p.short_name, p.legal_name) for p in dossier.partners] == [
        ("La Poste", "La Poste, direction régionale Occitanie"),
        ("la CAF", "Caisse d'allocations familiales de l'Aveyron"), ("la MSA", "MSA Midi-Pyrénées Nord")]
    la_poste, caf = dossier.partners[:2]
    assert (la_poste.convention, la_poste.signed_on) == ("signée", "2 mars 2027")
    assert la_poste.referent == "M. Vidal, responsable du bureau de Saint-Affrique"
    assert la_poste.contributions == "du personnel et des locaux" and la_poste.staff and not caf.staff
    assert caf.contribution_detail == "Deux jours de formation des agents et une borne de visio."
    assert [p.legal_name for p in dossier.local_partners] == ["Conseil départemental de l'Aveyron",
                                                               "Commune de Belmont-sur-Rance, commune de Camarès"]
    assert [(p.role, p.name) for p in dossier.parties][:2] == [
        ("gestionnaire", "Communauté de communes du Pays de Saint-Affrique"),
        ("operateur", "La Poste, direction régionale Occitanie")]
    assert len(dossier.parties) == 1 + 3 + 2
    assert [(row.function, row.agent, row.fte) for row in dossier.team] == [
        ("Accueil", "Sophie Martin", "1"), ("Accompagnement", "À recruter", "0,5"),
        ("Coordination", "Claire Morel", "0,3")]
    assert dossier.team_fte == "1,8"
    assert [m.label for m in dossier.milestones][:2] == [
        "Premier contact avec le référent de la Préfecture",
        "Approbation du projet par la structure porteuse"]
    dates = [m.date for m in dossier.milestones]
    assert "2 mars 2027" in dates and len(dates) == len(set((m.date, m.label) for m in dossier.milestones))
    assert dossier.schedule_total.replace("\u202f", " ") == "26 h par semaine"
    assert dossier.schedule[5].hours == "fermé"
    assert len(dossier.checks) == len(services.guide.checks)
    assert {check.state for check in dossier.checks} == {"satisfied"}
    requirements = sum(check.kind == REQUIREMENT for check in services.guide.checks)
    assert dossier.requirements == RequirementCount(requirements, 0, 0, requirements)
    assert all(check.evidence for check in dossier.checks if check.kind == REQUIREMENT)
    referents = next(check.evidence for check in dossier.checks if check.id == "part_check_referents")
    assert referents.startswith("Référents internes : La Poste : M. Vidal, responsable du bureau de "
                                "Saint-Affrique ; la CAF : ")   # French spacing before the semicolon
    sentence = f"Exigences de la labellisation : toutes respectées ({requirements} sur {requirements})."
    assert dossier.conformity == sentence
    for text in ("\n".join(page_texts(render_dossier_pdf(dossier))), all_text(open_docx(render_dossier_docx(dossier)))):
        assert squash(text).count(squash(sentence)) == 2   # the summary and the conformity part
    assert dossier.budget.subsidy_formula.replace("\u202f", " ").replace("\xa0", " ") == \
        "50 % de 58 000 € = 29 000 €"
    assert dossier.budget.operating.gap.replace("\u202f", " ").replace("\xa0", " ") == "19 000 €"
    assert dossier.budget.operating.gap_percent == "32,8 %"
    assert [stage.order for stage in dossier.checklist] == list(range(1, 9))


async def test_an_incomplete_project_lists_what_is_missing_by_step(client, services):
    await create_project(client)
    await client.send("Claire Morel")
    dossier = build(services)   # asked for as final, still a draft
    assert dossier.draft
    missing = "\n".join(dossier.missing)
    assert "Étape 1 · Enjeux, objectifs et diagnostic : 1 réponse obligatoire manquante" in missing
    assert "Étape 3 · Le portage juridique : 5 réponses obligatoires manquantes" in missing, missing
    assert not any(question.prompt in missing for question in services.guide.question_list)
    assert dossier.partners == [] and dossier.schedule_total == "" and dossier.carrier.name == ""
    assert dossier.budget.subsidy_formula == "Budget de fonctionnement non encore renseigné"


async def test_a_rule_met_by_the_budget_alone_quotes_the_budget(client, services):
    """No DETR among the operating resources meets the non-cumulation rule before the aids question is answered:
    the evidence says what the verdict rests on, not "Non renseigné"."""
    await create_project(client)
    await client.send("/budget")
    await add_resource(client, "Commune", "fonctionnement", "10 000 €")
    await add_resource(client, "DETR", "investissement", "20 000 €")
    check = next(check for check in build(services).checks if check.id == "budget_check_non_cumul")
    assert (check.state, check.evidence) == ("satisfied", "Ressources de fonctionnement du budget : Commune.")


# ---- the rules and their counts

def expected_sentence(met: int, not_met: int, pending: int, total: int) -> str:
    """The requirements' sentence, written out again here from the counts."""
    if met == total:
        return f"Exigences de la labellisation : toutes respectées ({total} sur {total})."
    parts = [f"{met} respectée{'s' if met > 1 else ''} sur {total}"]
    if not_met:
        parts.append(f"{not_met} non respectée{'s' if not_met > 1 else ''}")
    if pending:
        parts.append(f"{pending} à renseigner")
    return f"Exigences de la labellisation : {' ; '.join(parts)}."


@pytest.mark.parametrize("met, not_met, pending, sentence", [
    (14, 2, 1, "Exigences de la labellisation : 14 respectées sur 17 ; 2 non respectées ; 1 à renseigner."),
    (1, 1, 0, "Exigences de la labellisation : 1 respectée sur 2 ; 1 non respectée."),
    (0, 0, 3, "Exigences de la labellisation : 0 respectée sur 3 ; 3 à renseigner."),
    (16, 0, 1, "Exigences de la labellisation : 16 respectées sur 17 ; 1 à renseigner."),
    (17, 0, 0, "Exigences de la labellisation : toutes respectées (17 sur 17)."),
    (0, 0, 0, "Exigences de la labellisation : aucune n'est encore évaluée."),
])
def test_the_sentence_counts_requirements_and_says_toutes_only_when_all_are_met(met, not_met, pending, sentence):
    states = ["satisfied"] * met + ["not_met"] * not_met + ["pending"] * pending
    checks = [check_view(f"e{n}", f"Exigence {n}", state, "", "fiche", REQUIREMENT, texts())
              for n, state in enumerate(states)]
    others = [check_view(f"o{n}", f"Autre {n}", state, "", "fiche", kind, texts())
              for n, (kind, state) in enumerate([(RECOMMENDATION, "not_met"), (PLAUSIBILITY, "pending")])]
    fields = conformity_fields(others[:1] + checks + others[1:], texts(), msap().requirements_basis)
    assert fields["requirements"] == RequirementCount(met, not_met, pending, len(states))
    assert fields["conformity"] == sentence
    if len(states):
        assert sentence == expected_sentence(met, not_met, pending, len(states))


def test_rules_are_grouped_by_kind_in_a_fixed_order_and_what_is_not_met_names_its_kind():
    rules = [("Cohérence", "not_met", PLAUSIBILITY), ("Recommandation", "not_met", RECOMMENDATION),
             ("Exigence A", "satisfied", REQUIREMENT), ("Exigence B", "not_met", REQUIREMENT),
             ("Exigence C", "pending", REQUIREMENT)]
    fields = conformity_fields([check_view(title, title, state, "raison" * (state == "not_met"), "fiche", kind, texts())
                                for title, state, kind in rules], texts(), "le cahier des charges")
    groups = fields["check_groups"]
    assert groups[0].intro == "Conditions de la labellisation fixées par le cahier des charges."
    assert [(g.kind, g.heading) for g in groups] == [
        (REQUIREMENT, "Exigences de la labellisation"), (RECOMMENDATION, "Recommandations de la fiche technique"),
        (PLAUSIBILITY, "Contrôles de cohérence")]
    assert [[c.title for c in g.checks] for g in groups] == [["Exigence A", "Exigence B", "Exigence C"],
                                                            ["Recommandation"], ["Cohérence"]]
    assert [(c.title, c.kind_name, c.verdict) for c in groups[0].checks] == [
        ("Exigence A", "Exigence de la labellisation", "Respectée"),
        ("Exigence B", "Exigence de la labellisation", "Non respectée"),
        ("Exigence C", "Exigence de la labellisation", "À renseigner")]
    assert [(c.title, c.kind_name, c.verdict) for c in fields["unmet"]] == [
        ("Exigence B", "Exigence de la labellisation", "Non respectée"),
        ("Recommandation", "Recommandation de la fiche technique", "Non suivie"),
        ("Cohérence", "Contrôle de cohérence", "Incohérent")]


def store_project(services, script: dict, last_stage: int) -> int:
    """A project stored as the engine stores it, without the chat: every question shown of stages 1 to
    last_stage answered from the script or with its default, no budget line; the project's id."""
    guide, values = services.guide, {}
    with services.database.begin() as connection:
        repo = Repository(connection)
        _, project = repo.create_project(repo.user(1, "Claire Morel"), "MSAP du Saint-Affricain",
                                         guide.guide.referential, guide.guide.version, guide.steps[0].id)
        project.territory = "Sud-Aveyron"
        repo.save_project(project)
        for question in guide.question_list:
            stage = guide.stage_of_step[guide.step_of_question[question.id].id]
            if stage.order > last_stage or question.kind is Kind.BUDGET or not holds(question.when, values):
                continue
            value = to_json(question.kind, parse_answer(question, answer_text(question, script)))
            repo.record_answer(project.id, question.id, question.kind.value, ANSWERED, value, 1)
            values[question.id] = value
    return project.id


def test_a_project_with_requirements_unmet_and_unanswered_says_so_in_both_documents(services):
    """Counts read from the guide's own evaluation: a requirement not met or not answered is never respected."""
    guide, sources = services.guide, services.documents.sources
    project_id = store_project(services, NONCONFORMANT, last_stage=5)
    dossier = services.documents.view(project_id, draft=True)
    with services.database.connect() as connection:
        repo = Repository(connection)
        answers = repo.answers(project_id)
        budget = project_budget(sources.budget, {q: a.value for q, a in answers.items() if a.status == ANSWERED},
                                repo.budget_lines(project_id))
    results = evaluate(guide.stages, guide.questions, answers, lambda: budget)
    states = [r.state.value for r in results if r.requirement]
    met, not_met, pending = (states.count(state) for state in ("satisfied", "not_met", "pending"))
    assert met and not_met and pending, "the script must leave requirements of each state"
    assert len(states) == sum(check.kind == REQUIREMENT for check in guide.checks) < len(guide.checks)
    assert dossier.requirements == RequirementCount(met, not_met, pending, len(states))
    sentence = expected_sentence(met, not_met, pending, len(states))
    assert dossier.conformity == sentence
    assert [len(group.checks) for group in dossier.check_groups] == [
        sum(check.kind == kind for check in guide.checks) for kind in (REQUIREMENT, RECOMMENDATION, PLAUSIBILITY)]
    unmet = [r for kind in (REQUIREMENT, RECOMMENDATION, PLAUSIBILITY) for r in results
             if r.check.kind == kind and r.state.value == "not_met"]
    assert [(c.title, c.kind, c.reason) for c in dossier.unmet] == [(r.check.title, r.check.kind, r.reason)
                                                                     for r in unmet]
    budget_stage = next(stage.order for stage in guide.stages for step in stage.steps if step.tool == "budget")
    missing_budget = f"Étape {budget_stage} · Budget : aucune charge de fonctionnement saisie"
    assert dossier.missing.count(missing_budget) == 1
    assert not any(question.prompt in item for item in dossier.missing for question in guide.question_list
                   if question.kind is Kind.BUDGET and question.budget == "fonctionnement")

    pdf_text = "\n".join(page_texts(render_dossier_pdf(dossier)))
    docx_text = all_text(open_docx(render_dossier_docx(dossier)))
    for name, text in (("PDF", squash(pdf_text)), ("DOCX", squash(docx_text))):
        assert text.count(squash(sentence)) == 3, name   # the front page, the summary and the conformity part
        assert squash(missing_budget) in text, name
        positions = [text.find(squash(heading)) for heading in GROUP_HEADINGS]
        assert -1 not in positions and positions == sorted(positions), name
        for check in dossier.unmet:
            assert squash(f"{check.kind_name} · {check.title}") in text, (name, check.title)
    for text in (pdf_text, docx_text):
        assert "toutes respectées" not in text


def test_a_side_of_the_plan_with_nothing_entered_states_no_balance():
    """0 € of charges and 0 € of resources read "Équilibré" in a draft: a balance nobody has drawn up."""
    assert _Builder.plan(Plan(0, 0, 0, 0, Decimal(0))).empty
    assert not _Builder.plan(Plan(5_000_000, 5_000_000, 0, 0, Decimal(0))).empty


async def test_names_and_table_cells_typed_in_lowercase_start_with_a_capital_in_the_documents(client, services):
    """"maison france services de la vallée d'aspe" was the dossier's title as typed on a phone, and every cell
    ("sandrine lacoste, SG de la CC") started in lowercase; prose keeps the text as typed."""
    await create_project(client, "maison france services de la vallée d'aspe", "cc du haut béarn")
    await client.send("sandrine lacoste, SG de la CC")
    await client.click("Mi-temps")
    await client.click("Étape suivante")
    await client.send("les deux")
    dossier = build(services, draft=True)
    # A name starts with a capital wherever it is printed; the territory, in a cell only ("suivant : la vallée…").
    assert (dossier.project, dossier.territory) == ("Maison france services de la vallée d'aspe", "cc du haut béarn")
    for text in ("\n".join(page_texts(render_dossier_pdf(dossier))), all_text(open_docx(render_dossier_docx(dossier)))):
        text = squash(text)
        assert squash("Chef de projet Sandrine Lacoste, SG de la CC") in text  # a name typed lowercase: its capitals
        assert squash("Territoire Cc du haut béarn") in text and "maisonfranceservices" not in text
        assert squash("Le projet répond aux enjeux suivants : cohésion sociale et maillage territorial.") in text
        # No budget entered yet: nothing says there is no investment, nor a subsidy of 0 €.
        assert "Aucunecharged'investissement" not in text and squash("Charges d'investissement : ___") in text
        assert re.search(r"Labellisation\([^)]*\)Fonctionnement_{3}", text)


async def test_a_territory_stored_with_its_population_prints_the_population_once(client, services):
    """Val-de-Bonnieure, created before the count given with the territory was noted apart: "…(Charente), 3200
    habitants (3200 habitants)" in the request letter."""
    await create_project(client, "Maison France services de Val-de-Bonnieure", "Val-de-Bonnieure (Charente)")
    with services.database.begin() as connection:
        connection.execute(update(Project).values(territory="commune nouvelle de Val-de-Bonnieure (Charente), 3200 "
                                                            "habitants"))
    assert build(services, draft=True).territory.endswith("3200 habitants")  # no population given: kept whole
    await to_the_population(client)
    await client.send("3200")
    dossier = build(services, draft=True)
    assert dossier.territory == "commune nouvelle de Val-de-Bonnieure (Charente)"
    text = squash("\n".join(page_texts(render_dossier_pdf(dossier))))
    assert squash("La Maison desservira le territoire suivant : commune nouvelle de Val-de-Bonnieure (Charente) "
                  "(3200 habitants).") in text


async def test_no_investment_is_printed_only_once_the_user_said_so(client, services):
    """A draft printed « Aucune charge d'investissement n'est prévue » for a budget never opened."""
    await reach(client, services, "budget_charges_investissement")
    assert not build(services, draft=True).budget.investment_said
    await client.send("aucun")
    dossier = build(services, draft=True)
    assert dossier.budget.investment_said
    assert squash("Aucune charge d'investissement n'est prévue.") in squash(
        "\n".join(page_texts(render_dossier_pdf(dossier))))


async def test_a_deliberation_still_to_come_is_said_planned_never_taken(client, services):
    """"Elle a approuvé ce projet par délibération du 16 février 2027", in a dossier made on 1 January 2027."""
    replies = await create_project(client, "MSAP du Saint-Affricain", "Sud-Aveyron")
    await walk_guide(client, services.guide, replies, CONFORMANT)
    with services.database.connect() as connection:
        before = build_dossier(services.documents.sources, Repository(connection), 1, True, datetime.date(2027, 1, 1))
    assert before.carrier.deliberation_planned and not build(services).carrier.deliberation_planned
    text = squash("\n".join(page_texts(render_dossier_pdf(before))))
    assert squash("se prononcera sur ce projet le 16 février 2027") in text
    assert squash("Prévue le 16 février 2027") in text and "Elleaapprouvé" not in text
    assert squash("Elle a approuvé ce projet par délibération du 16 février 2027") in squash(
        "\n".join(page_texts(render_dossier_pdf(build(services)))))


async def test_la_poste_carrying_the_maison_approves_it_by_a_decision_not_a_deliberation(client, services):
    """La Poste has no assembly deliberating: its management decides, and the documents say so."""
    replies = await create_project(client, "France services de Bénévent-l'Abbaye", "Creuse")
    la_poste = {"port_porteur": "3", "port_porteur_nom": "La Poste SA"}
    await walk_guide(client, services.guide, replies, CONFORMANT | la_poste)
    dossier = build(services)
    letter = squash("\n".join(page_texts(render_dossier_pdf(dossier))))
    assert squash("Elle a approuvé ce projet par décision du 16 février 2027") in letter
    assert squash("Décision approuvant le projet") in letter
    assert letter.lower().count("délibération") == letter.lower().count("délibérationoudécision")  # annexes
    convention = squash("\n".join(page_texts(render_convention_pdf(dossier))))
    assert squash("Vu la décision de la structure porteuse, La Poste SA, en date du 16 février 2027") in convention
    assert "Vuladélibération" not in convention


def test_a_name_or_an_address_stored_with_a_full_stop_is_printed_without_it():
    """Typed as a sentence before the chat read it so: "Pierre Hurmic." signed "Pierre Hurmic.", "… Bordeaux." ended
    "Son adresse sera la suivante : … Bordeaux.."."""
    answers = Answers(guide().questions, {"port_representant_nom": "Pierre Hurmic.",
                                          "tech_adresse": "34 rue Robert Schuman, 33300 Bordeaux.",
                                          "objectifs": "Lutter contre le non-recours."}, ui())
    assert answers.port_representant_nom == "Pierre Hurmic"
    assert answers.tech_adresse == "34 rue Robert Schuman, 33300 Bordeaux"
    assert answers.objectifs == "Lutter contre le non-recours."  # prose keeps its own


def test_a_name_or_a_commune_typed_lowercase_is_printed_with_its_capitals():
    """Haut-Allier: "Elodie garnier" led the project and the letter was "Fait à langeac", from "elodie garnier" and
    "8 av de la gare 43300 langeac" typed on a phone."""
    answers = Answers(guide().questions, {"chef_projet_nom": "elodie garnier",
                                          "port_representant_nom": "jean-pierre vigouroux",
                                          "port_adresse": "8 av de la gare 43300 langeac",
                                          "equipe_agent_accueil": "une conseillère à recruter",
                                          "referent_nom": "Mme Chabanon"}, ui())
    assert answers.chef_projet_nom == "Elodie Garnier"
    assert answers.port_representant_nom == "Jean-Pierre Vigouroux"
    assert answers.port_adresse == "8 av de la gare 43300 Langeac"
    assert answers.equipe_agent_accueil == "une conseillère à recruter"  # words about someone: as typed
    assert answers.referent_nom == "Mme Chabanon"


@pytest.mark.parametrize(("places", "how_often", "printed"), [
    # "Des permanences itinérantes se tiendront Sur les places des mairies": the phone's capital on the first word,
    # kept in the middle of a sentence; a name keeps its own.
    ("Sur les places des mairies : lundi Lormes et Brassy", "Chaque semaine",
     "sur les places des mairies : lundi Lormes et Brassy (chaque semaine)."),
    # Plouaret: "…(mairie). (une demi-journée par mois.)." the full stops of the messages kept inside the sentence.
    ("Au Vieux-Marché (salle des associations) et à Loguivy-Plougras (mairie).", "Une demi-journée par mois.",
     "au Vieux-Marché (salle des associations) et à Loguivy-Plougras (mairie) (une demi-journée par mois)."),
    # Plouaret: how often said with the places, then again at its own question, was printed twice
    ("une demi-journée par mois au Vieux-Marché et à Loguivy-Plougras", "Une demi-journée par mois.",
     "une demi-journée par mois au Vieux-Marché et à Loguivy-Plougras.")])
async def test_where_permanences_are_held_reads_inside_the_sentence(client, services, places, how_often, printed):
    """Where the permanences are held and how often, as typed on a phone, in the dossier and the convention."""
    await create_project(client)
    await goto_stage(client, 3)
    await client.send("itinérance")
    await client.click("Valider")
    await client.send(places)
    await client.send(how_often)
    dossier = build(services, draft=True)
    for text in (squash("\n".join(page_texts(render_dossier_pdf(dossier)))),
                 squash(all_text(open_docx(render_dossier_docx(dossier))))):
        assert squash(f"se tiendront {printed}") in text
    convention = squash("\n".join(page_texts(render_convention_pdf(dossier))))
    assert squash(f"se tiennent {printed}") in convention


async def test_a_function_typed_as_an_other_option_starts_its_row_with_a_capital(client, services):
    """"la conduite du bus", a bus's « Autre » function, opened its row of the team table in lowercase."""
    await reach_team_functions(client, "l'accueil et la conduite du bus")
    dossier = build(services, draft=True)
    for text in (squash("\n".join(page_texts(render_dossier_pdf(dossier)))),
                 squash(all_text(open_docx(render_dossier_docx(dossier))))):
        assert squash("La conduite du bus") in text and squash("la conduite du bus") not in text


async def test_one_body_signing_for_two_operators_is_one_party(client, services):
    """Outre-mer, the CGSS signs for the Assurance maladie and the MSA: the convention listed it twice among the
    parties and the partners, and said each contribution twice ("du personnel. du personnel (visio)")."""
    replies = await create_project(client, "Maison de Maripasoula", "Commune de Maripasoula (Guyane)")
    cgss = {"part_operateurs": "La Poste, Assurance maladie, MSA",
            "part_nom_cnam": "CGSS de la Guyane", "part_nom_msa": "cgss de la Guyane",
            "part_signataire_cnam": "M. Ho-A-Chuck, directeur général", "part_services_cnam": "Droits santé.",
            "part_signataire_msa": "M. Ho-A-Chuck, directeur général", "part_referent_cnam": "Mme Jean, accueil",
            "part_contribution_cnam": "Du personnel", "part_contribution_cnam_detail": "du personnel (en visio)",
            "part_convention_cnam": "3", "part_convention_cnam_date": "16/03/2027",
            "part_contribution_la_poste_detail": "un guichet deux jours par semaine"}
    await walk_guide(client, services.guide, replies, CONFORMANT | cgss)
    dossier = build(services)
    assert [p.name for p in dossier.parties if p.role == "operateur"] == [
        "La Poste, direction régionale Occitanie", "CGSS de la Guyane"]
    assert dossier.partner_names == ["La Poste, direction régionale Occitanie", "CGSS de la Guyane"]
    assert [p.shared for p in dossier.partners] == [False, True, True]
    convention = squash("\n".join(page_texts(render_convention_pdf(dossier))))
    assert squash("CGSS de la Guyane, ayant pour signataire M. Ho-A-Chuck, directeur général,") in convention
    assert convention.count(squash("Guyane, ayant pour signataire")) == 1
    assert squash("opérateurs nationaux suivants : La Poste, direction régionale Occitanie et CGSS de la Guyane.") \
        in convention
    assert squash("CGSS de la Guyane, pour l'Assurance maladie : du personnel (en visio).") in convention
    assert squash("cgss de la Guyane, pour la MSA : la formation des agents.") in convention
    # Where the staff and the referents are listed too (Article 8).
    assert squash("CGSS de la Guyane, pour l'Assurance maladie : Mme Jean, accueil") in convention
    assert squash("CGSS de la Guyane, pour l'Assurance maladie : du personnel (en visio)") in convention
    # Details naming none of the ticks follow them as a sentence of their own.
    assert squash("Occitanie : du personnel et des locaux. Un guichet deux jours par semaine.") in convention


async def test_a_partner_not_named_yet_is_a_blank_said_for_whom_in_the_draft(client, services):
    """A draft convention listed "____, ayant pour signataire ____" once per partner left for later, and as many
    signature blocks: nothing told which was the CAF's."""
    await create_project(client)
    await goto_stage(client, 2)
    await client.send("tous")
    await client.click("Passer")
    await client.click("Étape suivante")  # from the base offer's recap
    await client.send("La Poste et la CAF")
    await client.send("La Poste, direction régionale de Normandie")
    await client.send("tous les partenaires plus tard")
    dossier = build(services, draft=True)
    for text in (squash("\n".join(page_texts(render_convention_pdf(dossier)))),
                 squash(all_text(open_docx(render_convention_docx(dossier))))):
        assert squash("____________________ (la CAF), ayant pour signataire ____________________,") in text
        assert squash("La Poste, direction régionale de Normandie, ayant pour signataire") in text
        assert text.count(squash("(la CAF)")) == 2  # in the parties, and over its signature block


@pytest.mark.parametrize(("town", "said"), [("Les Rousses", "Fait aux Rousses"), ("Le Vieux-Marché",
                                                                                   "Fait au Vieux-Marché"),
                                            ("La Souterraine", "Fait à La Souterraine")])
def test_the_letter_and_the_convention_are_made_at_the_town_as_french_says_it(town, said):
    """Les Rousses: the letter to the Préfecture ended "Fait à Les Rousses"."""
    dossier = sample_dossier()
    dossier = replace(dossier, carrier=replace(dossier.carrier, town=town))
    assert said + ", le 27 novembre 2026" in " ".join(" ".join(page_texts(render_dossier_pdf(dossier))).split())
    assert said + ", le" in all_text(open_docx(render_convention_docx(dossier)))
