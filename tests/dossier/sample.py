"""A hand-built dossier view model, complete or draft, for the renderers' tests; its rules are grouped and counted
by dossier.view, as a real project's are."""
from __future__ import annotations

import re
from functools import cache

from dialogs.ui import DocumentTexts, load_ui
from dossier.model import (BudgetView, ChecklistItemView, ChecklistStage, CheckView, ConventionItem, DayHours, Dossier,
                           Fact, MoneyLine, Partner, PlanView, StageView, StepView)
from dossier.view import check_view, conformity_fields

HOSTILE = "{{ 7*7 }} <img src=\"http://evil.example/x.png\"> & ]]> مرحبا 🚀 {% raw %}"
CONVENTION_TITLES = [
    "Dénomination et périmètre", "Lieu principal d'activité", "Partenaires associés", "Gestionnaire",
    "Missions et services rendus", "Contributions des partenaires", "Fonctionnement de la Maison",
    "Intervention des personnels des partenaires", "Accès des personnes à mobilité réduite",
    "Durée, évolution, renouvellement et résiliation",
]
# The wording the documents print, written out here: a change of ui.yaml or of a template shows in the tests.
GROUP_HEADINGS = ["Exigences du cahier des charges", "Recommandations de la fiche technique",
                  "Contrôles de cohérence"]
KIND_NAMES = {"exigence": "Exigence du cahier des charges", "recommandation": "Recommandation de la fiche technique",
              "coherence": "Contrôle de cohérence"}
VERDICTS = {"exigence": {"satisfied": "Respectée", "not_met": "Non respectée", "pending": "À renseigner"},
            "recommandation": {"satisfied": "Suivie", "not_met": "Non suivie", "pending": "À renseigner"},
            "coherence": {"satisfied": "Cohérent", "not_met": "Incohérent", "pending": "À renseigner"}}
COMPLETE_CONFORMITY = "Exigences du cahier des charges : toutes respectées (4 sur 4)."
DRAFT_CONFORMITY = "Exigences du cahier des charges : 1 respectée sur 4 ; 2 non respectées ; 1 à renseigner."
RESPECTED = re.compile(r"(\S+)\s+respectées?\b")

HOURS_REASON = "Ouverture prévue : 23 h 30 par semaine ; le cahier des charges demande au moins 24 h."
TRAINING_REASON = "Aucune formation des agents n'est prévue."
REFERENT_REASON = "Contactez votre référent en Préfecture."
PLAUSIBLE_REASON = "Budget de fonctionnement de 8 000 € : c'est moins que le plancher de 10 000 €."
MISSING_BUDGET = "Étape 6 · Budget : aucune charge de fonctionnement saisie"


def respect_summaries(text: str) -> list[str]:
    """Every "respectée(s)" of a text that is neither a count ("14 respectées sur 17") nor "non respectée(s)",
    such as "toutes respectées": what may be printed only when every requirement is met."""
    return [found.group(0) for found in RESPECTED.finditer(text)
            if not found.group(1).isdigit() and found.group(1).lower() != "non"]


@cache
def texts() -> DocumentTexts:
    return load_ui().documents


def sample_checks(draft: bool) -> list[CheckView]:
    """The rules in guide order, of the three kinds. Complete: every requirement met, one recommendation still
    to answer (it is not a requirement). Draft: requirements 1 met, 2 not met, 1 to answer; a recommendation
    and the plausibility check not met."""
    rules = [
        ("Un chef de projet identifié", "satisfied", "", "1. Identifier un chef de projet", "recommandation"),
        ("Référent en Préfecture contacté", "not_met" if draft else "pending", REFERENT_REASON if draft else "",
         "Contacter son référent en Préfecture", "recommandation"),
        ("Au moins deux opérateurs nationaux", "satisfied", "", "au moins deux opérateurs nationaux", "exigence"),
        ("Horaires d'ouverture", "not_met" if draft else "satisfied", HOURS_REASON if draft else "",
         "horaires (24 heures par semaine minimum)", "exigence"),
        ("Formation des agents", "not_met" if draft else "satisfied", TRAINING_REASON if draft else "",
         "formation des agents d'accueil", "exigence"),
        ("Un budget de fonctionnement plausible", "not_met" if draft else "satisfied",
         PLAUSIBLE_REASON if draft else "", "plancher de 10 000 € par an", "coherence"),
        ("Comité de pilotage au moins une fois par an", "pending" if draft else "satisfied", "",
         "Organisation d'un comité de pilotage par an.", "exigence"),
    ]
    return [check_view(*rule, texts()) for rule in rules]


def sample_dossier(draft: bool = False, hostile: str = "", long_text: str = "") -> Dossier:
    services = "Services postaux, retrait des recommandés. " + hostile
    return Dossier(
        draft=draft, generated_on="27 novembre 2026",
        referential="Fiche technique « Créer une Maison de services au public » (msap 2016)",
        project="MSAP du Saint-Affricain" + (" " + hostile if hostile else ""),
        territory="Communauté de communes du Saint-Affricain", carrier="La collectivité locale",
        leader="Claire Morel",
        missing=["Étape 3 · Qui porte juridiquement la Maison ?", MISSING_BUDGET] if draft else [],
        summary=[Fact("Territoire", "Communauté de communes du Saint-Affricain"), Fact("Population", "18 500"),
                 Fact("Ouverture", "26 h par semaine")],
        stages=[StageView(1, "Établir un diagnostic pour définir le projet",
                          "Etablir un diagnostic pour définir le projet", [
                              StepView("Le chef de projet", "1. Identifier un chef de projet",
                                       [Fact("Qui est le chef de projet de la future Maison ?", "Claire Morel"),
                                        Fact("Quels enjeux ?", "Cohésion sociale, Maillage territorial"),
                                        Fact("Objectifs", long_text or "Rapprocher les services des habitants.")],
                                       deferred=["Quel temps pourra-t-il consacrer au projet ?"])])],
        partners=[Partner("La Poste", services, "signée", "2 mars 2027"),
                  Partner("CAF", "Aide aux prestations, visio.", "en discussion", ""),
                  Partner("MSA", "Accompagnement des exploitants agricoles.", "à préparer", "")],
        local_actors=["Département", "Missions locales"],
        delivery=[Fact("Modalités", "Point fixe, Réseau d'antennes"), Fact("Nombre de sites", "2"),
                  Fact("Coordination", "Une coordinatrice au siège.")],
        schedule=[DayHours("Lundi", "9 h – 12 h, 14 h – 17 h"), DayHours("Mardi", "9 h – 12 h, 14 h – 17 h"),
                  DayHours("Mercredi", "9 h – 12 h"), DayHours("Jeudi", "9 h – 12 h, 14 h – 17 h"),
                  DayHours("Vendredi", "9 h – 12 h, 14 h – 16 h"), DayHours("Samedi", "fermé"),
                  DayHours("Dimanche", "fermé")],
        schedule_total="26 h par semaine",
        spaces=["Point d'accueil", "Point d'attente", "Espace confidentiel"],
        equipment=["Accès Internet haut débit", "Postes informatiques"],
        team=[Fact("Fonctions", "Accueil, Accompagnement"), Fact("Équivalents temps plein", "1,5 ETP")],
        training=[Fact("Besoins de formation", "Actualiser la connaissance de l'offre des opérateurs")],
        **conformity_fields(sample_checks(draft), texts()),
        budget=BudgetView(
            year="2027",
            investment_charges=[MoneyLine("Mobilier", "20 000 €", "investissement")],
            operating_charges=[MoneyLine("Salaires et charges", "40 000 €", "fonctionnement"),
                               MoneyLine("Loyer ou hébergement", "6 000 €", "fonctionnement"),
                               MoneyLine("Entretien & ménage", "12 000 €", "fonctionnement")],
            investment_total="20 000 €", operating_total="58 000 €",
            resources=[MoneyLine("Labellisation (FNADT + fonds inter-opérateurs)", "29 000 €", "fonctionnement"),
                       MoneyLine("Commune", "10 000 €", "fonctionnement"),
                       MoneyLine("DETR", "20 000 €", "investissement")],
            subsidy="29 000 €", subsidy_formula="50 % de 58 000 € = 29 000 €",
            operating=PlanView("58 000 €", "39 000 €", "19 000 €", "32,8 %", ""),
            investment=PlanView("20 000 €", "20 000 €", "", "", ""),
            notes=["La Maison ouvre en cours d'année : le budget de fonctionnement couvre 4 mois d'activité."]),
        follow_up=[Fact("Indicateurs suivis", "Fréquentation, Services rendus"),
                   Fact("Prochain comité de pilotage", "20 octobre 2028")],
        annexes=["Projet de convention-cadre", "Conventions locales signées avec les opérateurs",
                 "Budget prévisionnel et plan de financement", "Délibération de la collectivité porteuse"],
        convention=[ConventionItem(n, title, "" if (draft and n in (4, 6)) else f"Texte pré-rempli {n}.")
                    for n, title in enumerate(CONVENTION_TITLES, start=1)],
        checklist=[ChecklistStage(1, "Établir un diagnostic pour définir le projet",
                                  [ChecklistItemView("Identifier un chef de projet", True),
                                   ChecklistItemView("Visiter des Maisons existantes", False)]),
                   ChecklistStage(2, "Monter le partenariat", [ChecklistItemView("Signer la convention globale",
                                                                                  False)])],
    )
