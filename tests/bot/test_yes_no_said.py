"""A yes or a no as busy officials type it on a phone: with whom, how often, begun, a date alone.

Through the real Application and the fake Bot API, as the chargée de mission of a communauté de communes running a
France services bus (Haut-Allier) answered.
"""
from __future__ import annotations

from tests.bot.test_carrier_identity import current_values
from tests.bot.test_conversation import create_project
from tests.bot.test_meant_input import reach_prefecture_question
from tests.bot.test_verdicts import goto_stage
from tests.support.telegram import FRANCE_SERVICES_RULES, MSAP_RULES
from tests.support.walk import answer_until, question_in


async def reach(client, services, stage: int, question_id: str, rules: str = MSAP_RULES):
    """A new project at that stage's question, every question before it in the stage answered."""
    guide = services.engine.referentials["france_services" if rules == FRANCE_SERVICES_RULES else "msap"].guide
    await create_project(client, rules=rules)
    replies = await goto_stage(client, stage)
    replies = await answer_until(client, guide, replies, question_id)


async def test_a_yes_said_with_whom_it_is_for_is_a_yes(client, services):
    """Haut-Allier: "ponctuellement oui, sur rdv, pour les personnes qui peuvent pas se deplacer jusqu'au bus" was
    « Votre réponse laisse un doute » at « La Maison se déplacera-t-elle chez les personnes… ? »."""
    await reach(client, services, 4, "tech_visites_domicile")
    said, _ = await client.send("ponctuellement oui, sur rdv, pour les personnes qui peuvent pas se deplacer "
                                "jusqu'au bus")
    assert said.text == ("➡️ Réponse retenue : Oui.\nℹ️ Cette question ne garde pas de précision : « pour les "
                         "personnes qui peuvent pas se deplacer jusqu'au bus » n'est pas enregistré.")
    assert current_values(services, "tech_visites_domicile") == [True]


async def test_a_yes_said_by_how_often_alone_is_a_yes_and_its_terms_said_not_kept(client, services):
    """Plouaret: "Exceptionnellement, sur rendez-vous, pour les personnes âgées isolées." at « La Maison se
    déplacera-t-elle chez les personnes… ? » was "Répondez par oui ou par non"."""
    await reach(client, services, 4, "tech_visites_domicile")
    said, _ = await client.send("Exceptionnellement, sur rendez-vous, pour les personnes âgées isolées.")
    assert said.text == ("➡️ Réponse retenue : Oui.\nℹ️ Cette question ne garde pas de précision : "
                         "« Exceptionnellement, sur rendez-vous, pour les personnes âgées isolées » n'est pas "
                         "enregistré.")
    assert current_values(services, "tech_visites_domicile") == [True]


async def test_a_yes_on_a_condition_of_being_asked_is_a_yes(client, services):
    """Plouaret: "Oui si c'est demandé" at « La Maison accepte-t-elle les audits qualité réguliers du label ? » was
    « Demandé, mais pas encore là ? Répondez non pour l'instant »."""
    await reach(client, services, 8, "fs_engagement_audits", FRANCE_SERVICES_RULES)
    said, *_ = await client.send("Oui si c'est demandé")
    assert said.text == "➡️ Réponse retenue : Oui."
    assert current_values(services, "fs_engagement_audits") == [True]


async def test_a_yes_with_a_doubt_on_when_is_a_yes_and_the_date_asked(client, services):
    """Plouaret: "Oui, probablement en avril, avec M. le Sous-Préfet." at « Prévoyez-vous une inauguration de la
    Maison ? » was « Votre réponse laisse un doute » though the doubt bore on the month, not on the yes."""
    await reach(client, services, 8, "dev_inauguration", FRANCE_SERVICES_RULES)
    said, refused, asked = await client.send("Oui, probablement en avril, avec M. le Sous-Préfet.")
    assert said.text == "➡️ Réponse retenue : Oui."
    assert refused.text.startswith("⚠️ Il me faut aussi le jour. Exemple : 15 avril.")
    assert question_in(services.guide, asked).id == "dev_inauguration_date"
    assert current_values(services, "dev_inauguration") == [True]


async def test_a_yes_believed_but_to_check_is_asked_as_a_doubt(client, services):
    """Plouaret: "Je crois que oui mais à vérifier avec la préfecture." at « Le territoire de la Maison est-il classé en
    zone France Ruralités ? » was "Répondez par oui ou par non", the doubt not quoted, « Je ne sais pas encore » not
    offered (here at another yes/no question, the same words)."""
    await reach(client, services, 4, "tech_visites_domicile")
    refused, _ = await client.send("Je crois que oui mais à vérifier avec la préfecture.")
    assert refused.text == ("⚠️ Votre réponse laisse un doute (« à vérifier avec la préfecture ») : répondez par oui "
                            "ou par non, tel que c'est aujourd'hui. Pas encore sûr ? Touchez « 🕓 Je ne sais pas "
                            "encore ».")
    assert current_values(services, "tech_visites_domicile") == []
    # Les Rousses: an aside after the yes was quoted from inside its bracket, « haut-jura) mais… »
    refused, _ = await client.send("je crois que oui (haut-jura) mais a confirmer avec la sous-pref")
    assert refused.text.startswith("⚠️ Votre réponse laisse un doute (« (haut-jura) mais a confirmer avec la sous-pref »)")


async def test_a_yes_then_a_plus_and_what_it_is_answers_the_question_asking_what(client, services):
    """Haut-Allier: "oui + panneaux sur les places de stationnement ds chaque commune" at « La signalétique France
    services de la Maison est-elle prévue ? » was "Répondez par oui ou par non"."""
    await reach(client, services, 4, "tech_signaletique", FRANCE_SERVICES_RULES)
    said, *_ = await client.send("oui + panneaux sur les places de stationnement ds chaque commune")
    assert said.text.startswith("➡️ Réponse retenue : Oui.\n📝 Et à « Quelle signalétique France services prévoyez-"
                                "vous ? », j'ai noté : panneaux sur les places de stationnement ds chaque commune.")


async def test_the_office_asked_for_said_to_serve_is_a_yes(client, services):
    """Haut-Allier: "le bureau confidentiel servira aussi pour ca" at « Un bureau est-il prévu pour les permanences des
    partenaires ? » was "Répondez par oui ou par non"."""
    await reach(client, services, 4, "tech_bureau_permanence")
    said, _ = await client.send("le bureau confidentiel servira aussi pour ca")
    assert said.text == ("➡️ Réponse retenue : Oui.\nℹ️ Cette question ne garde pas de précision : « le bureau "
                         "confidentiel servira aussi pour ca » n'est pas enregistré.")


async def test_a_no_but_one_person_is_asked_again_not_stored_as_a_no(client, services):
    """Haut-Allier: "non, a part moi pour la coordination" at « La structure porteuse a-t-elle déjà du personnel… ? »
    was stored as a no, though the carrier has its coordinator."""
    await reach(client, services, 5, "equipe_personnel_collectivite")
    refused, _ = await client.send("non, a part moi pour la coordination")
    assert refused.text.startswith("⚠️ Votre réponse laisse un doute (« a part moi pour la coordination »)")
    assert current_values(services, "equipe_personnel_collectivite") == []


async def test_begun_then_when_it_will_be_done_is_a_no_for_now(client, services):
    """Haut-Allier: "en cours, validation au bureau communautaire de janvier" at « Les profils de poste sont-ils
    rédigés ? » was "Répondez par oui ou par non", though "en cours" alone is a no."""
    await reach(client, services, 5, "equipe_profils_rediges")
    said, *_ = await client.send("en cours, validation au bureau communautaire de janvier")
    assert said.text == ("➡️ Réponse retenue : Non.\nℹ️ Cette question ne garde pas de précision : « validation au "
                         "bureau communautaire de janvier » n'est pas enregistré.")
    assert current_values(services, "equipe_profils_rediges") == [False]


async def test_a_date_to_come_alone_at_already_open_is_a_no_and_the_opening_date(client, services):
    """Haut-Allier: "le 1er avril 2027" at « La Maison fonctionne-t-elle déjà ? » was "Répondez par oui ou par non",
    though the question after a no asks that date."""
    await create_project(client)
    await client.send("/conformite")
    await client.click("🔧 Un budget calé sur l'année civile")
    await client.send("2027")
    await client.send("oui")
    said, *_ = await client.send("le 1er septembre 2027")
    assert said.text.startswith("➡️ Réponse retenue : Non.\n📝 Et à « À quelle date la Maison doit-elle ouvrir ? »")
    assert current_values(services, "budget_en_activite") == [False]
    assert current_values(services, "budget_date_ouverture") == ["2027-09-01"]


async def test_a_past_date_alone_at_whether_the_referent_was_contacted_is_a_yes_and_its_date(client, services):
    """A date alone answers a yes/no whose date question follows: past, it was done then."""
    await reach_prefecture_question(client, services.guide)
    said, asked = await client.send("le 15/09/2026")
    assert said.text == ("➡️ Réponse retenue : Oui.\n📝 Et à « À quelle date l'avez-vous contacté pour la première "
                         "fois ? », j'ai noté : 15 septembre 2026.")
    assert question_in(services.guide, asked).id == "referent_nom"


async def test_a_yes_with_a_part_still_to_do_is_asked_again(client, services):
    """Les Rousses: "oui de plain pied, rampe + porte automatique. les toilettes pmr sont a faire" at « Les locaux
    sont-ils accessibles… ? » was a yes, the dossier saying the premises accessible."""
    await reach(client, services, 4, "tech_accessibilite_pmr")
    refused, _ = await client.send("oui de plain pied, rampe + porte automatique. les toilettes pmr sont a faire")
    assert refused.text.startswith("⚠️ Votre réponse dit oui pour une partie, non pour une autre.")
    assert current_values(services, "tech_accessibilite_pmr") == []


async def test_a_yes_of_course_then_its_terms_quotes_the_terms_alone(client, services):
    """Les Rousses: "oui evidemment, avec les 4 maires + la poste + la sous-pref" said « evidemment, avec les 4
    maires… » not kept."""
    await reach(client, services, 1, "dev_comite_annuel")
    said, _ = await client.send("oui evidemment, avec les 4 maires + la poste + la sous-pref")
    assert said.text == ("➡️ Réponse retenue : Oui.\nℹ️ Cette question ne garde pas de précision : « avec les 4 maires "
                         "+ la poste + la sous-pref » n'est pas enregistré.")
