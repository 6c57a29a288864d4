"""Options of the guide said in the words local officials type on a phone: abbreviations, partners' names."""
from __future__ import annotations

import pytest

from dialogs.loader import load_guide
from dialogs.parsing import parse_answer
from tests.dialogs.test_choices import _france_services_question

GUIDE = load_guide()


@pytest.mark.parametrize(("question", "typed", "answer"), [
    ("part_acteurs_locaux", "la cc, l'admr, le secours pop", ["communes_intercommunalites", "associations"]),
    ("part_acteurs_locaux", "la mairie, les restos du coeur et la croix rouge",
     ["communes_intercommunalites", "associations"]),
])
def test_local_associations_retained_are_named_by_their_networks(question, typed, answer):
    """A DGS typed "la cc, l'admr, le secours pop" at « Quels acteurs locaux retenez-vous… ? »."""
    assert parse_answer(GUIDE.questions[question], typed) == answer


@pytest.mark.parametrize(("typed", "answer"), [
    ("accueil des usagers, aide aux demarches, demat", ["accueil", "services_en_ligne", "demarches_administratives"]),
    ("accueil/info/orientation", ["accueil"]),
    ("demarches en ligne", ["services_en_ligne"]),
    ("les demarches admin", ["demarches_administratives"]),
    ("rdv en visio avec la caf + signalement aux operateurs", ["mise_en_relation", "porter_a_connaissance"]),
    ("rdv avec les operateurs", ["mise_en_relation"]),
])
def test_the_basic_services_said_shortly_are_the_options_they_mean(typed, answer):
    """A chargée de mission typed "accueil des usagers, aide aux demarches, demat" at « …l'offre de base… ? »."""
    assert parse_answer(GUIDE.questions["part_offre_base"], typed) == answer


@pytest.mark.parametrize(("typed", "answer"), [
    ("formation des agents, doc a jour, un referent", ["formation_personnel", "documentation", "referent_interne"]),
    ("traitement des dossiers et questions", ["traitement_dossiers"]),
    ("formation des agents + plaquettes + un interlocuteur dedie",
     ["formation_personnel", "documentation", "referent_interne"]),
])
def test_the_partners_commitments_said_shortly_are_the_options_they_mean(typed, answer):
    """A DGS typed "formation des agents, doc a jour, un referent" at « Quels engagements… ont-ils acceptés ? »."""
    assert parse_answer(GUIDE.questions["part_obligations"], typed) == answer


@pytest.mark.parametrize(("question", "typed", "answer"), [
    ("thematiques", "CDAD, point justice, conciliateur", ["acces_au_droit"]),
    ("thematiques", "mediatheque, office de tourisme", ["culture", "tourisme"]),
    ("thematiques", "CCAS, PMI, MDPH", ["medico_social"]),
    ("part_thematiques", "permanence juridique, l'OT et la biblio", ["acces_au_droit", "culture", "tourisme"]),
    ("part_thematiques", "sante, handicap, personnes agees", ["medico_social"]),
])
def test_a_theme_said_by_its_partners_is_the_theme_they_carry(question, typed, answer):
    """A mayor's secretary typed "CDAD, point justice, conciliateur" at « …des partenaires sur une thématique… ? »."""
    assert parse_answer(GUIDE.questions[question], typed) == answer


@pytest.mark.parametrize(("typed", "answer"), [
    ("agent d'accueil, conseillere FS, coordo", ["accueil", "accompagnement", "coordination"]),
    ("accueil + accompagnement, cheffe de projet", ["accueil", "accompagnement", "coordination"]),
])
def test_the_functions_said_by_the_posts_that_hold_them_are_the_options_they_mean(typed, answer):
    """A DGS typed "agent d'accueil, conseillere FS, coordo" at « Quelles fonctions sont indispensables… ? »."""
    assert parse_answer(GUIDE.questions["equipe_fonctions"], typed) == answer


@pytest.mark.parametrize(("question", "typed", "answer"), [
    ("dev_outils_reseau", "fiches, annuaire, webinaires", ["fiches_pratiques", "annuaire", "formations"]),
    ("dev_outils_reseau", "doc, carto, echanges de pratiques, formations CNFPT",
     ["fiches_pratiques", "annuaire", "forum", "formations"]),
    ("dev_contribution_reseau", "GT, parrainage", ["deploiement", "temps_travail_technique"]),
    ("dev_contribution_reseau", "parrainage de nouvelles maisons, groupes de travail ANCT",
     ["deploiement", "temps_travail_technique"]),
])
def test_the_network_s_tools_and_works_said_shortly_are_the_options_they_mean(question, typed, answer):
    """A chargée de mission typed "fiches, annuaire, webinaires" at « Quels outils du réseau national… ? »."""
    assert parse_answer(GUIDE.questions[question], typed) == answer


def test_the_france_services_network_s_tools_said_shortly_are_the_options_they_mean():
    """A chargée de mission typed "les fiches, le repertoire, les echanges de pratiques et les webinaires"."""
    question = _france_services_question("dev_outils_reseau")
    assert parse_answer(question, "les fiches, le repertoire, les echanges de pratiques et les webinaires") == [
        "fiches_pratiques", "annuaire", "forum", "formations"]
