"""Every numbered part of every section of the fiche maps to at least one step of the guide, in every referential;
every rule of a referential is checked, and every check cites the text it comes from."""
from __future__ import annotations

import re
import unicodedata
from functools import cache
from pathlib import Path

import pytest

from dialogs.budget_model import load_budget_model
from dialogs.loader import load_guide
from dialogs.referentials import load_referentials

SOURCES = Path(__file__).resolve().parents[3] / "shared" / "sources"
FICHE = SOURCES / "fiche-technique-msap.txt"
FACTS = SOURCES / "france-services-2026.md"  # the France services rules collected with their sources
REFERENTIALS = load_referentials(load_budget_model())
# Every referential shares the stages and steps of the fiche; what differs is in its questions and checks.
EACH = pytest.mark.parametrize("referential", list(REFERENTIALS))


def guide_of(referential: str):
    return REFERENTIALS[referential].guide

# Section title of the fiche -> its numbered parts, as the fiche writes them.
FICHE_PARTS = {
    "ETABLIR UN DIAGNOSTIC POUR DEFINIR LE PROJET": [
        "1. Identifier un chef de projet", "2. Formuler les enjeux et les objectifs",
        "3. Qualifier le besoin des usagers pour définir le public cible",
        "4. Prendre connaissance du cahier des charges de la labellisation", "5. Identifier les partenaires",
        "6. Calibrer l'offre de services"],
    "MONTER LE PARTENARIAT AVEC LES OPERATEURS DE SERVICES ET LES ACTEURS LOCAUX": [
        "1. Définir une offre de services pour la Maison", "2. Définir une offre de services de base par opérateur",
        "3. Signature des conventions globale et locales"],
    "DEFINIR LE PORTAGE": [
        "1. Définir les modalités de délivrance des services (itinérance, antenne, réseau...)",
        "2. Choisir le portage juridique"],
    "ORGANISER LA FAISABILITE TECHNIQUE DU PROJET": [
        "1. Identifier et choisir le lieu pour implanter la Maison de services au public",
        "2. Assurer l'accessibilité et la visibilité du lieu", "3. Organiser l'accès numérique aux services",
        "4. Aménager l'espace disponible", "5. Planifier et organiser le fonctionnement du lieu"],
    "CALIBRER L'EQUIPE": [
        "1. Rédiger les profils de poste (missions et compétences)", "2. Définir une offre de formation adaptée"],
    "PREPARER LE BUDGET DE LA MAISON DE SERVICES AU PUBLIC": [
        "1. Evaluer les charges", "2. Evaluer les recettes",
        "3. Construire le budget de fonctionnement et le plan d'investissement de la Maison de services"],
    "PREPARER LA LABELLISATION ET OBTENIR LE FINANCEMENT": ["Transmettre son dossier de demande de financement"],
    "LA MAISON DE SERVICES AU PUBLIC, OUTIL DE DEVELOPPEMENT LOCAL": [
        "1. Organiser le suivi de l'activité", "2. Communiquer sur le projet", "3. Animer les partenariats",
        "4. S'inscrire dans le réseau national"],
}


def plain(text: str) -> str:
    bare = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return " ".join(bare.casefold().split())


@pytest.mark.skipif(not FICHE.exists(), reason="the fiche is beside the repository in shared/")
def test_the_table_is_the_fiche():
    fiche = FICHE.read_text(encoding="utf-8")
    for section, parts in FICHE_PARTS.items():
        assert f"\n{section}\n" in fiche, section
        body = fiche.split(f"\n{section}\n")[-1]
        for part in parts:
            assert part in body, part


@EACH
def test_eight_stages_in_the_order_of_the_fiche(referential):
    guide = guide_of(referential)
    assert [plain(stage.fiche) for stage in guide.stages] == [plain(section) for section in FICHE_PARTS]
    assert [stage.order for stage in guide.stages] == list(range(1, 9))


@EACH
@pytest.mark.parametrize("section", list(FICHE_PARTS))
def test_every_numbered_part_has_a_step(referential, section):
    stage = next(s for s in guide_of(referential).stages if plain(s.fiche) == plain(section))
    step_parts = {plain(step.fiche) for step in stage.steps}
    for part in FICHE_PARTS[section]:
        assert plain(part) in step_parts, f"{section}: {part}"


@EACH
def test_every_stage_has_its_checklist(referential):
    assert all(stage.checklist for stage in guide_of(referential).stages)


# Every rule of the fiche -> the checks that enforce it (a requirement, a recommendation or a plausibility check).
FICHE_RULES = {
    "horaires (24 heures par semaine minimum)": ["tech_check_horaires"],
    "aménagement du local (point d'accueil, point d'attente, espace confidentiel)": ["tech_check_espaces"],
    "équipement informatique (accès à Internet en haut débit minimum)": ["tech_check_internet"],
    "signalétique et identité graphique": ["tech_check_signaletique"],
    "déontologie, évaluation des actions menées": ["dev_check_deontologie_evaluation"],
    "Pour les partenaires : formation du personnel, documentation, traitement des dossiers et questions transmises "
    "par la Maison, désignation d'un référent interne.": ["part_check_obligations", "part_check_referents"],
    "Organisation d'un comité de pilotage par an.": ["dev_check_comite"],
    "Coopération avec la cellule d'animation nationale.": ["dev_check_cellule"],
    "au moins deux opérateurs parmi la Poste, Pôle Emploi, la CAF, la CNAM, la MSA, la CARSAT, GRDF":
        ["part_check_operateurs"],
    "Offre de base : accueil, accompagnement des usagers à l'utilisation des services en ligne":
        ["part_check_offre_base"],
    "3. Signature des conventions globale et locales": ["part_check_conventions"],
    "L'accord du Préfet sera obtenu sous réserve du respect du cahier des charges par la convention cadre.":
        ["part_check_convention_cadre", "label_check_conventions_avant"],
    "Une seule demande de subvention (regroupant FNADT et fonds inter-opérateurs) est à faire.":
        ["label_check_demande_unique"],
    "le soutien du FNADT et de la DETR (ou d'autres subventions de l'Etat au fonctionnement de la Maison) ne sont "
    "pas cumulables": ["budget_check_non_cumul"],
    "la labellisation permet de bénéficier d'un financement de 50% de son budget annuel de fonctionnement":
        ["budget_check_fonctionnement", "budget_check_plausible"],
    "avec les collectivités concernées, la Préfecture de département et les partenaires":
        ["dev_check_comite_prefecture"],
    "Aménagement des locaux : accessibilité": ["tech_check_accessibilite"],
    "Il est recommandé de caler son budget (et ses subventions en fonctionnement) sur l'année civile.":
        ["budget_check_annee_civile"],
    "Contacter son référent en Préfecture": ["diag_check_referent"],
    "Contactez votre référent en Préfecture pour connaître les modalités pratiques de la labellisation et "
    "transmettre votre dossier.": ["label_check_referent"],
    "1. Identifier un chef de projet": ["diag_check_chef_projet"],
    "1. Définir les modalités de délivrance des services": ["port_check_delivrance"],
    "2. Choisir le portage juridique": ["port_check_porteur"],
}
GUIDE_OWN = {"equipe_check_etp"}  # the guide's own plausibility checks: no line of the fiche to cite

# Every France services rule, as the facts file writes it -> the checks that enforce it (those the referential
# replaces or adds; the others are the fiche's, unchanged). A line marked "to confirm" there is to_confirm here.
FRANCE_SERVICES_RULES = {
    # The whole list, and the fiche's rules on "chaque opérateur" over it.
    "National partners (the whole list must be offered in every France services)": [
        "part_check_operateurs", "part_check_referents", "part_check_conventions", "label_check_conventions_avant"],
    "From 1 January 2025 Agirc-Arrco and the Urssaf were added.": ["part_check_operateurs"],
    'At least two agents ("conseillers France services"), trained before opening': ["fs_check_conseillers"],
    "Open at least 24 hours a week": ["tech_check_horaires"],
    "laïcité and neutrality": ["fs_check_laicite"],
    "France services (signage and name are the network's)": ["tech_check_signaletique"],
    "Regular quality audits of the label: to confirm": ["fs_check_audits"],
    "Open on at least five days a week: to confirm": ["fs_check_cinq_jours"],
    # The fiche's one request regrouping the subsidy's funds, which are the forfait's.
    "30,000 € a year from 2020, half from the FNADT": ["budget_check_fonctionnement", "label_check_demande_unique"],
}
FICHE_RULES_CHECKS = [check_id for ids in FICHE_RULES.values() for check_id in ids]
OWN_RULES = {"france_services": FRANCE_SERVICES_RULES}  # the 2016 fiche has no rule beyond the fiche


def fiche_text() -> str:
    return plain(FICHE.read_text(encoding="utf-8").replace("*", ""))


@pytest.mark.skipif(not FICHE.exists(), reason="the fiche is beside the repository in shared/")
def test_every_rule_of_the_table_is_a_line_of_the_fiche():
    fiche = fiche_text()
    for rule in FICHE_RULES:
        assert plain(rule) in fiche, rule


def facts_lines() -> list[str]:
    """The facts file's lines, an indented line joined to the one it continues."""
    lines: list[str] = []
    for line in FACTS.read_text(encoding="utf-8").replace("*", "").splitlines():
        if line.startswith("  ") and lines:
            lines[-1] += " " + line
        else:
            lines.append(line)
    return [plain(line) for line in lines]


@cache
def fiche_checks(referential: str) -> set[str]:
    """The checks a referential takes from the fiche unchanged."""
    fiche = {check.id: check for check in load_guide().checks}
    return {check.id for check in guide_of(referential).checks if fiche.get(check.id) == check}


@pytest.mark.skipif(not FACTS.exists(), reason="the facts are beside the repository in shared/")
def test_every_france_services_rule_is_a_line_of_the_facts_and_to_confirm_as_it_says():
    checks = {check.id: check for check in guide_of("france_services").checks}
    lines = facts_lines()
    for rule, check_ids in FRANCE_SERVICES_RULES.items():
        line = next((line for line in lines if plain(rule) in line), None)
        assert line is not None, rule
        for check_id in check_ids:
            assert checks[check_id].to_confirm is ("to confirm" in line), (rule, check_id)


@EACH
def test_every_rule_is_checked_and_every_check_cites_one(referential):
    checks = {check.id: check for check in guide_of(referential).checks}
    kept = fiche_checks(referential)
    own = {check_id for ids in OWN_RULES.get(referential, {}).values() for check_id in ids}
    # Each check is the fiche's, unchanged, or one of the referential's own rules; never both.
    assert kept | own == set(checks) and not kept & own
    assert kept <= set(FICHE_RULES_CHECKS) | GUIDE_OWN
    # Each rule of the fiche is checked, unless the referential replaced or removed its check.
    assert set(FICHE_RULES_CHECKS) <= kept | own | set(REFERENTIALS[referential].meta.checks.remove)
    assert all(checks[c].kind == "coherence" for c in GUIDE_OWN if c in checks)


@pytest.mark.skipif(not FICHE.exists(), reason="the fiche is beside the repository in shared/")
@EACH
def test_every_check_from_the_fiche_quotes_it(referential):
    fiche = fiche_text()
    for check in guide_of(referential).checks:
        if check.id not in fiche_checks(referential):
            continue  # a referential's own rule: it cites its own source (below)
        for part in re.split(r" / | ; |…", check.fiche):
            part = plain(part).strip(" .:")
            assert not part or part in fiche, (check.id, part)


def test_every_france_services_check_names_its_source():
    meta = REFERENTIALS["france_services"].meta
    for check in guide_of("france_services").checks:
        if check.id in fiche_checks("france_services"):
            continue
        named = any(source.title in check.fiche for source in meta.sources)
        assert named or (check.to_confirm and "à confirmer" in check.fiche), check.id


@EACH
def test_every_checklist_item_an_answer_can_prove_is_linked(referential):
    # The two left by hand: no answer says the activity report was written or the committee held (the
    # questions plan them; each operator's services, answered, are the offer translated per operator).
    by_hand = {item.id for item in guide_of(referential).checklist if item.proved_by is None}
    assert by_hand == {"dev_preparer_rapport", "dev_reunir_comite"}
