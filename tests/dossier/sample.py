"""A hand-built dossier view model, complete or draft, for the renderers' tests; its answers are read through the
real guide's questions, and its rules are grouped and counted by dossier.view, as a real project's are."""
from __future__ import annotations

import re
from functools import cache
from typing import Any

from dialogs.budget_model import load_budget_model
from dialogs.loader import load_guide
from dialogs.referential_model import ReferentialFile
from dialogs.referentials import load_referentials
from dialogs.ui import DocumentTexts, UiTexts, load_ui
from dossier.answers import Answers
from dossier.checklist_view import ChecklistItemView, ChecklistStage
from dossier.model import (BudgetView, CarrierView, CheckView, DayHours, Dossier, LocalPartnerView, Milestone,
                           MoneyLine, OperatorsRule, Party, PartnerView, PlanView, TeamRow)
from dossier.view import check_view, conformity_fields, label_view

HOSTILE = "{{ 7*7 }} <img src=\"http://evil.example/x.png\"> & ]]> مرحبا 🚀 {% raw %}"
CONVENTION_TITLES = [
    "Article 1 – Dénomination et périmètre géographique", "Article 2 – Lieu principal d'activité",
    "Article 3 – Partenaires associés", "Article 4 – Gestionnaire de la Maison",
    "Article 5 – Missions et services rendus", "Article 6 – Contributions des partenaires",
    "Article 7 – Modalités de fonctionnement",
    "Article 8 – Conditions d'intervention des personnels des partenaires",
    "Article 9 – Accès des personnes rencontrant des difficultés de déplacement",
    "Article 10 – Durée, évolution, renouvellement et résiliation",
]
# The wording the documents print, written out here: a change of ui.yaml or of a template shows in the tests.
GROUP_HEADINGS = ["Exigences de la labellisation", "Recommandations de la fiche technique",
                  "Contrôles de cohérence"]
KIND_NAMES = {"exigence": "Exigence de la labellisation", "recommandation": "Recommandation de la fiche technique",
              "coherence": "Contrôle de cohérence"}
VERDICTS = {"exigence": {"satisfied": "Respectée", "not_met": "Non respectée", "pending": "À renseigner"},
            "recommandation": {"satisfied": "Suivie", "not_met": "Non suivie", "pending": "À renseigner"},
            "coherence": {"satisfied": "Cohérent", "not_met": "Incohérent", "pending": "À renseigner"}}
COMPLETE_CONFORMITY = "Exigences de la labellisation : toutes respectées (4 sur 4)."
DRAFT_CONFORMITY = "Exigences de la labellisation : 1 respectée sur 4 ; 2 non respectées ; 1 à renseigner."
RESPECTED = re.compile(r"(\S+)\s+respectées?\b")

HOURS_REASON = "Ouverture prévue : 23 h 30 par semaine ; le cahier des charges demande au moins 24 h."
TRAINING_REASON = "Aucune formation des agents n'est prévue."
REFERENT_REASON = "Contactez votre référent en Préfecture."
PLAUSIBLE_REASON = "Budget de fonctionnement de 8 000 € : c'est moins que le plancher de 10 000 €."
MISSING_BUDGET = "Étape 6 · Budget : aucune charge de fonctionnement saisie"
MISSING_STEP = "Étape 3 · Le portage juridique : 2 réponses obligatoires manquantes"

CARRIER = "Communauté de communes du Saint-Affricain"
ADDRESS = "12 place de la Mairie, 12400 Saint-Affrique"
OPERATORS = {"la_poste": ("La Poste", "La Poste, direction régionale Occitanie"),
             "caf": ("la CAF", "Caisse d'allocations familiales de l'Aveyron"),
             "msa": ("la MSA", "MSA Midi-Pyrénées Nord")}
LOCAL = {"departement": ("Le Département", "Conseil départemental de l'Aveyron")}
DAYS = ["Lundi", "Mardi", "Mercredi", "Jeudi", "Vendredi", "Samedi", "Dimanche"]


def respect_summaries(text: str) -> list[str]:
    """Every "respectée(s)" of a text that is neither a count ("14 respectées sur 17") nor "non respectée(s)",
    such as "toutes respectées": what may be printed only when every requirement is met."""
    return [found.group(0) for found in RESPECTED.finditer(text)
            if not found.group(1).isdigit() and found.group(1).lower() != "non"]


@cache
def ui() -> UiTexts:
    return load_ui()


def texts() -> DocumentTexts:
    return ui().documents


@cache
def guide():
    return load_guide()


@cache
def referentials():
    return load_referentials(load_budget_model())


def msap() -> ReferentialFile:
    """The 2016 fiche's referential, whose label, visas and sources the sample dossier prints."""
    return referentials()["msap"].meta


def sample_values(hostile: str = "", long_text: str = "") -> dict[str, Any]:
    """Stored answers (as JSON) of a complete project, by question id."""
    values: dict[str, Any] = {
        "chef_projet_nom": "Claire Morel", "chef_projet_fonction": "Directrice générale des services",
        "territoire": CARRIER, "population": 18500, "enjeux": ["cohesion_sociale", "maillage_territorial"],
        "objectifs": long_text or "Rapprocher les services publics des habitants du Sud-Aveyron.",
        "diag_demographie": "Population vieillissante ; 22 % de plus de 75 ans.",
        "diag_mobilites": "Peu de transports en commun ; la voiture domine.",
        "public_cible": "Les personnes âgées et les demandeurs d'emploi.",
        "besoins_usagers": "Aide aux démarches en ligne.", "referent_nom": "M. Garcia, sous-préfecture de Millau",
        "date_premier_contact": "2027-01-10", "dev_comite_annuel": True, "dev_cooperation_cellule": True,
        "part_offre_base": ["accueil", "services_en_ligne", "demarches_administratives", "mise_en_relation",
                            "porter_a_connaissance"],
        "part_offre_complementaire": ["accompagnement_numerique"],
        "part_operateurs": list(OPERATORS), "part_acteurs_locaux": list(LOCAL),
        "part_obligations": ["formation_personnel", "documentation", "traitement_dossiers", "referent_interne"],
        "part_convention_globale": "signee", "part_convention_globale_date": "2027-03-20",
        "part_convention_cadre_conforme": True,
        "conv_duree": "trois_ans", "conv_reconduction": "tacite", "conv_preavis": "trois_mois",
        "port_modes": ["point_fixe", "itinerance"], "port_itinerance_lieux": "dans les mairies de Vabres et Broquiès",
        "port_itinerance_frequence": "un mardi sur deux", "port_coordination": "Une coordinatrice au siège.",
        "port_porteur": "collectivite", "port_porteur_nom": CARRIER, "port_siret": "20003955500017",
        "port_adresse": ADDRESS, "port_representant_nom": "Sébastien David",
        "port_representant_fonction": "Président de la communauté de communes",
        "port_deliberation_date": "2027-02-14", "port_contribution": ["personnel", "locaux", "equipement"],
        "tech_adresse": ADDRESS, "tech_surface": 140, "tech_lieu_description": "Rez-de-chaussée de l'ancienne perception.",
        "tech_localisation": "dans_bourg_centre", "tech_foncier": "batiment_public_existant",
        "tech_accessibilite_pmr": True, "tech_visites_domicile": True, "tech_solution": ["borne", "visio"],
        "tech_signaletique": True, "tech_charte_graphique": True,
        "tech_equipements": ["internet_haut_debit", "postes_informatiques", "imprimante_scanner"],
        "tech_espaces": ["point_accueil", "point_attente", "espace_confidentiel"], "tech_bureau_permanence": True,
        "equipe_fonctions": ["accueil", "accompagnement"], "equipe_nombre_personnes": 2,
        "equipe_agent_accueil": "Julie Bernard", "equipe_etp_accueil": "1", "equipe_statut_accueil": "titulaire",
        "equipe_formation_accueil": "Formation CAF et MSA avant l'ouverture",
        "equipe_agent_accompagnement": "à recruter", "equipe_etp_accompagnement": "0.5",
        "equipe_statut_accompagnement": "a_recruter",
        "budget_annee": 2027, "budget_en_activite": False, "budget_date_ouverture": "2027-09-01",
        "label_demande_unique": True, "dev_comite_membres": ["collectivites", "prefecture", "partenaires"],
        "dev_comite_date": "2027-10-12", "dev_comite_horaire": [[840, 960]],
        "dev_comite_lieu": f"Salle du conseil de la CC {hostile}".strip(), "dev_engagement_deontologie": True, "dev_engagement_evaluation": True,
    }
    for key, (_, legal) in OPERATORS.items():
        values |= {f"part_nom_{key}": legal, f"part_signataire_{key}": "Anne Roux, directrice",
                   f"part_services_{key}": f"Services de {legal}. {hostile}".strip(),
                   f"part_referent_{key}": "Paul Martin, conseiller", f"part_convention_{key}": "signee",
                   f"part_convention_{key}_date": "2027-03-02", f"part_contribution_{key}": ["personnel", "formation"],
                   f"part_contribution_{key}_detail": "Une permanence le mardi matin."}
    for key, (_, legal) in LOCAL.items():
        values |= {f"part_local_nom_{key}": legal, f"part_local_signataire_{key}": "Arnaud Viala, président",
                   f"part_local_contribution_{key}": ["financement"]}
    hours = [[540, 720], [840, 1020]]
    for day, question in zip(DAYS, ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")):
        values[f"tech_horaires_{question}"] = [] if day in ("Samedi", "Dimanche") else hours
    return values


def sample_checks(draft: bool) -> list[CheckView]:
    """The rules in guide order, of the three kinds. Complete: every requirement met, one recommendation still
    to answer (it is not a requirement). Draft: requirements 1 met, 2 not met, 1 to answer; a recommendation
    and the plausibility check not met."""
    rules = [
        ("diag_check_chef_projet", "Un chef de projet identifié", "satisfied", "", "1. Identifier un chef de projet",
         "recommandation", ""),
        ("diag_check_referent", "Référent en Préfecture contacté", "not_met" if draft else "pending",
         REFERENT_REASON if draft else "", "Contacter son référent en Préfecture", "recommandation", ""),
        ("part_check_operateurs", "Au moins deux opérateurs nationaux", "satisfied", "",
         "au moins deux opérateurs nationaux", "exigence", "Opérateurs partenaires : La Poste, CAF et MSA."),
        ("tech_check_horaires", "Horaires d'ouverture", "not_met" if draft else "satisfied",
         HOURS_REASON if draft else "", "horaires (24 heures par semaine minimum)", "exigence",
         "Ouverture au public : 30 h par semaine."),
        ("equipe_check_formation", "Formation des agents", "not_met" if draft else "satisfied",
         TRAINING_REASON if draft else "", "formation des agents d'accueil", "exigence", ""),
        ("budget_check_plausible", "Un budget de fonctionnement plausible", "not_met" if draft else "satisfied",
         PLAUSIBLE_REASON if draft else "", "plancher de 10 000 € par an", "coherence", ""),
        ("dev_check_comite", "Comité de pilotage au moins une fois par an", "pending" if draft else "satisfied", "",
         "Organisation d'un comité de pilotage par an.", "exigence", ""),
    ]
    return [check_view(*rule[:6], texts(), rule[6]) for rule in rules]


def sample_dossier(draft: bool = False, hostile: str = "", long_text: str = "") -> Dossier:
    a = Answers(guide().questions, sample_values(hostile, long_text), ui())
    carrier = CarrierView(CARRIER, "La collectivité locale", "", "200 039 555 00017", ADDRESS, "Saint-Affrique",
                          "Sébastien David", "Président de la communauté de communes", "14 février 2027")
    partners = [PartnerView(key, short, legal, "Anne Roux, directrice", f"Services de {legal}. {hostile}".strip(),
                            "de la formation et du personnel", "Une permanence le mardi matin.", True,
                            "Paul Martin, conseiller", "signée", "2 mars 2027")
                for key, (short, legal) in OPERATORS.items()]
    local = [LocalPartnerView(key, category, legal, "Arnaud Viala, président", "une participation financière")
             for key, (category, legal) in LOCAL.items()]
    parties = [Party("gestionnaire", CARRIER, "Sébastien David, Président de la communauté de communes"),
               *(Party("operateur", p.legal_name, p.signatory) for p in partners),
               *(Party("partenaire_local", p.legal_name, p.signatory) for p in local)]
    hours = "9 h – 12 h, 14 h – 17 h"
    return Dossier(
        draft=draft, generated_on="27 novembre 2026",
        referential="Fiche technique « Créer une Maison de services au public » (Maison de services au public 2016)",
        label=label_view(msap()),
        project="MSAP du Saint-Affricain" + (" " + hostile if hostile else ""),
        territory="Communauté de communes du Saint-Affricain", a=a, carrier=carrier,
        leader="Claire Morel", leader_function="Directrice générale des services",
        missing=[MISSING_STEP, MISSING_BUDGET] if draft else [],
        partners=partners, operators_rule=OperatorsRule(2, []), local_partners=local, parties=parties,
        schedule=[DayHours(day, "fermé" if day in ("Samedi", "Dimanche") else hours) for day in DAYS],
        schedule_total="30 h par semaine",
        team=[TeamRow("Accueil", "Julie Bernard", "1", "Agent titulaire de la structure porteuse",
                      "Formation CAF et MSA avant l'ouverture"),
              TeamRow("Accompagnement", "à recruter", "0,5", "À recruter", "")],
        team_fte="1,5",
        milestones=[Milestone("14 février 2027", "Approbation du projet par la structure porteuse", True),
                    Milestone("1er septembre 2027", "Ouverture de la Maison au public", False)],
        **conformity_fields(sample_checks(draft), texts(), msap().requirements_basis),
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
            notes=["La Maison ouvre en cours d'année : le budget de fonctionnement couvre 4 mois d'activité."],
            funds=["FNADT", "fonds inter-opérateurs"]),
        annexes=["Projet de convention-cadre", "Conventions locales signées avec les opérateurs",
                 "Budget prévisionnel et plan de financement", "Délibération de la collectivité porteuse"],
        checklist=[ChecklistStage(1, "Établir un diagnostic pour définir le projet",
                                  [ChecklistItemView("Identifier un chef de projet", True, "10 janvier 2027", "proved"),
                                   ChecklistItemView("Visiter des Maisons existantes", False, "", "")]),
                   ChecklistStage(2, "Monter le partenariat",
                                  [ChecklistItemView("Signer la convention globale", False, "", "")])],
    )
