"""Every numbered part of every section of the fiche maps to at least one step of the guide."""
from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from dialogs.loader import load_guide

FICHE = Path(__file__).resolve().parents[3] / "shared" / "sources" / "fiche-technique-msap.txt"

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


def test_eight_stages_in_the_order_of_the_fiche():
    guide = load_guide()
    assert [plain(stage.fiche) for stage in guide.stages] == [plain(section) for section in FICHE_PARTS]
    assert [stage.order for stage in guide.stages] == list(range(1, 9))


@pytest.mark.parametrize("section", list(FICHE_PARTS))
def test_every_numbered_part_has_a_step(section):
    stage = next(s for s in load_guide().stages if plain(s.fiche) == plain(section))
    step_parts = {plain(step.fiche) for step in stage.steps}
    for part in FICHE_PARTS[section]:
        assert plain(part) in step_parts, f"{section}: {part}"


def test_every_stage_has_its_checklist():
    assert all(stage.checklist for stage in load_guide().stages)
