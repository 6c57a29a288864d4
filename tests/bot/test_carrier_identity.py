"""What the Préfecture's dossier needs of the carrier, typed on a phone: the SIRET, the head office's address."""
from __future__ import annotations

import pytest

from sqlalchemy import select
from sqlalchemy.orm import Session

from store.models import Answer
from tests.bot.test_conversation import create_project
from tests.bot.test_verdicts import goto_stage
from tests.support.walk import question_in, walk_step


def current_values(services, question_id: str) -> list:
    with Session(services.database) as session:
        return session.scalars(select(Answer.value).where(Answer.question_id == question_id)
                               .order_by(Answer.id)).all()


async def reach_the_siret(client, services):
    guide = services.guide
    await create_project(client)
    replies = await goto_stage(client, 3)
    replies = await walk_step(client, guide, replies)  # the delivery of services
    replies = await client.click("Étape suivante")
    assert question_in(guide, replies[-1]).id == "port_porteur"
    await client.click("La collectivité locale")
    replies = await client.send("Communauté de communes du Pays de Saint-Affrique")
    assert question_in(guide, replies[-1]).id == "port_siret"
    return replies


async def reach_the_deliberation_date(client, services) -> None:
    """Stage 3, the carrier named, at the date its deliberating body approves the project."""
    await reach_the_siret(client, services)
    for typed in ("je ne sais pas encore", "97620 Chirongui", "M. Ali Moussa, président"):
        replies = await client.send(typed)
    assert question_in(services.guide, replies[-1]).id == "port_deliberation_date"


async def test_a_mistyped_siret_is_explained_in_french_and_asked_again_then_a_good_one_is_kept(client, services):
    guide = services.guide
    asked = (await reach_the_siret(client, services))[-1]
    assert "Quel est le numéro SIRET de la structure porteuse ?" in asked.text and "obligatoire" in asked.text
    assert "⏭️ Passer" not in asked.labels  # the dossier cannot go without it

    replies = await client.send("200 067 510 000")
    assert replies[0].text == "⚠️ Un SIRET compte 14 chiffres ; vous en avez tapé 12. Exemple : 200 012 342 00008."
    assert question_in(guide, replies[-1]).id == "port_siret"

    replies = await client.send("200 067 510 00013")
    assert replies[0].text.startswith("⚠️ Ce numéro SIRET n'est pas valide : vérifiez les chiffres")
    assert question_in(guide, replies[-1]).id == "port_siret"
    assert current_values(services, "port_siret") == []  # nothing wrong was stored

    replies = await client.send("200 067 510 00012")
    assert question_in(guide, replies[-1]).id == "port_adresse"
    assert current_values(services, "port_siret") == ["20006751000012"]

    replies = await client.click("Retour")
    assert "Réponse actuelle : 200 067 510 00012" in replies[-1].text


async def test_an_association_named_and_its_siret_copied_from_a_letterhead(client, services):
    """A centre social run by an association says so as it would in a letter: its kind, its name set apart, its
    SIRET with the letterhead's label; a SIREN alone is said to lack its establishment's digits."""
    guide = services.guide
    await create_project(client)
    await walk_step(client, guide, await goto_stage(client, 3))
    await client.click("Étape suivante")
    understood, *_ = await client.send("Notre association, le centre social Le Lien (association loi 1901)")
    assert understood.text == (
        "➡️ Réponse retenue : Une structure existante.\n📝 Et à « Quel est le nom officiel de la structure "
        "porteuse ? », j'ai noté : Centre social Le Lien (association loi 1901).")
    refused, asked = await client.send("SIREN 200 067 510")
    assert "vous en avez tapé 9. C'est le SIREN : ajoutez les 5 chiffres de l'établissement" in refused.text
    assert question_in(guide, asked).id == "port_siret"
    replies = await client.send("N° SIRET : 200 067 510 00012")
    assert question_in(guide, replies[-1]).id == "port_adresse"
    assert current_values(services, "port_siret") == ["20006751000012"]


async def test_a_name_and_function_typed_at_the_function_mend_the_name_before_it(client, services):
    """A "Retour" too far: the representative's name and function typed again at the function, one question after
    the name stored whole, were stored whole as the function."""
    guide = services.guide
    await reach_the_siret(client, services)
    await client.send("200 067 510 00012")
    await client.send("2 rue de la Gare, 23300 La Souterraine")
    await client.send("Odile Lacroix")
    replies = await client.send("Mme Odile Lacroix, présidente de l'association (bénévole)")
    assert replies[0].text == (
        "➡️ Réponse retenue : présidente de l'association (bénévole).\n📝 Et à « Qui est le représentant légal de "
        "la structure porteuse ? », j'ai noté : Mme Odile Lacroix.")
    assert current_values(services, "port_representant_nom") == ["Odile Lacroix", "Mme Odile Lacroix"]
    assert current_values(services, "port_representant_fonction") == ["présidente de l'association (bénévole)"]
    assert question_in(guide, replies[-1]).id == "port_deliberation_date"
    await client.send("retour")
    replies = await client.send("Mme Odile Lacroix, présidente")  # the same name: the function alone changes
    assert replies[0].text == "➡️ Réponse retenue : présidente."
    assert current_values(services, "port_representant_nom") == ["Odile Lacroix", "Mme Odile Lacroix"]


async def test_the_head_office_address_needs_a_postal_code_and_is_shown_in_the_recap(client, services):
    guide = services.guide
    await reach_the_siret(client, services)
    await client.send("20006751000012")
    replies = await client.send("12 place de la Mairie, Saint-Affrique")
    assert replies[0].text.startswith("⚠️ Il manque le code postal.")
    assert question_in(guide, replies[-1]).id == "port_adresse"
    replies = await client.send("12 place de la Mairie,\n12400  Saint-Affrique")
    assert question_in(guide, replies[-1]).id == "port_representant_nom"
    assert current_values(services, "port_adresse") == ["12 place de la Mairie, 12400 Saint-Affrique"]
    recap = await walk_step(client, guide, replies, {"port_deliberation_date": "16/02/2027"})
    assert "Récapitulatif : Le portage juridique" in recap[-1].text
    assert "200 067 510 00012" in recap[-1].text
    assert "12 place de la Mairie, 12400 Saint-Affrique" in recap[-1].text


async def test_a_carrier_still_to_create_is_not_asked_for_a_siret(client, services):
    guide = services.guide
    await create_project(client)
    replies = await goto_stage(client, 3)
    replies = await walk_step(client, guide, replies)
    await client.click("Étape suivante")
    await client.click("Une structure ad hoc, à créer")
    await client.send("Association Maison des services du Saint-Affricain")
    replies = await client.send("Association")  # its legal form
    assert question_in(guide, replies[-1]).id == "port_adresse"


async def test_the_opening_date_given_with_the_budget_is_confirmed_before_the_dossier(client, services):
    guide = services.guide
    await create_project(client)
    replies = await goto_stage(client, 6)
    for _ in guide.stages[5].steps:
        replies = await walk_step(client, guide, replies, {
            "budget_annee": "2027", "budget_en_activite": "non", "budget_date_ouverture": "01/09/2027"})
        replies = await client.click("Étape suivante")
    asked = replies[-1]
    assert question_in(guide, asked).id == "budget_date_ouverture"
    assert "Vous avez déjà répondu à l'étape 6" in asked.text
    assert "Réponse actuelle : 1er septembre 2027" in asked.text and "✅ Toujours exact" in asked.labels
    replies = await client.click("✅ Toujours exact")
    assert question_in(guide, replies[-1]).id == "label_modalites_obtenues"


async def test_the_carrier_s_name_spelt_out_in_brackets_after_its_short_form_is_its_name(client, services):
    """Haut-Allier: "la cc (communaute de communes des rives du haut allier)" said the brackets not kept, then asked
    « Quel est le nom officiel de la structure porteuse ? »."""
    guide = services.guide
    await create_project(client)
    await walk_step(client, guide, await goto_stage(client, 3))
    await client.click("Étape suivante")
    understood, *_, asked = await client.send("la cc (communaute de communes des rives du haut allier)")
    assert understood.text == (
        "➡️ Réponse retenue : La collectivité locale.\n📝 Et à « Quel est le nom officiel de la structure "
        "porteuse ? », j'ai noté : Communaute de communes des rives du haut allier (CC).")
    assert question_in(guide, asked).id == "port_siret"


async def test_the_carrier_named_when_asked_who_carries_the_maison_answers_its_name_too(client, services):
    """"Qui portera juridiquement la Maison ?" is answered with the carrier's name: its kind and its name, which
    the next question asks, are both taken, and the chat says so."""
    guide = services.guide
    await create_project(client)
    replies = await walk_step(client, guide, await goto_stage(client, 3))
    replies = await client.click("Étape suivante")
    assert question_in(guide, replies[-1]).id == "port_porteur"
    understood, *_, asked = await client.send("la communauté de communes Causse et Vallées de la Dordogne")
    assert understood.text == (
        "➡️ Réponse retenue : La collectivité locale.\n📝 Et à « Quel est le nom officiel de la structure "
        "porteuse ? », j'ai noté : Communauté de communes Causse et Vallées de la Dordogne.")
    assert question_in(guide, asked).id == "port_siret"
    assert current_values(services, "port_porteur") == ["collectivite"]
    assert current_values(services, "port_porteur_nom") == ["Communauté de communes Causse et Vallées de la Dordogne"]

    await client.click("Retour")
    await client.click("Retour")
    replies = await client.send("une commune rurale")  # no name in it: the kind alone, the name kept
    assert question_in(guide, replies[-1]).id == "port_siret"
    assert current_values(services, "port_porteur_nom") == ["Communauté de communes Causse et Vallées de la Dordogne"]


async def test_a_date_said_uncertain_is_kept_and_its_doubt_said_not_kept(client, services):
    """"conseil communautaire du 18 decembre (a confirmer)": the date was kept as sure, the doubt dropped unsaid."""
    guide = services.guide
    await reach_the_deliberation_date(client, services)
    said, asked = await client.send("conseil communautaire du 18 mars (a confirmer)")
    assert said.text == ("📅 Date retenue : jeudi 18 mars 2027.\nℹ️ Cette question ne garde pas de précision : « a "
                         "confirmer » n'est pas enregistré.")
    assert question_in(guide, asked).id != "port_deliberation_date"
    await client.click("↩️ Retour")
    said, _ = await client.send("le 18/03/2027, sous réserve")
    assert said.text == ("📅 Date retenue : jeudi 18 mars 2027.\nℹ️ Cette question ne garde pas de précision : « sous "
                         "réserve » n'est pas enregistré.")


async def test_a_date_said_after_not_yet_is_the_planned_date_and_is_kept(client, services):
    """"pas encore, ce sera au conseil municipal du 14 janvier" was « à compléter plus tard », the date typed lost:
    the question asks for the planned date of a deliberation still to come."""
    guide = services.guide
    await reach_the_deliberation_date(client, services)
    said, asked = await client.send("pas encore, ce sera au conseil municipal du 14 septembre")
    assert said.text == "📅 Date retenue : mardi 14 septembre 2027."
    assert question_in(guide, asked).id == "port_contribution"
    assert current_values(services, "port_deliberation_date") == ["2027-09-14"]
    await client.click("↩️ Retour")
    said, asked = await client.send("je ne sais pas, je dois demander au maire")
    assert "à compléter plus tard" in said.text
    assert question_in(guide, asked).id == "port_contribution"


@pytest.mark.parametrize(("typed", "name", "function"), [
    ("pour la poste c'est le directeur d'enseigne du secteur, Philippe Mouget", "Philippe Mouget",
     "directeur d'enseigne du secteur"),
    ("pour la poste c'est Philippe Mouget", "Philippe Mouget", None)])
async def test_whom_the_representative_is_for_said_first_is_no_part_of_the_name(client, services, typed, name,
                                                                               function):
    """Les Rousses: "pour la poste c'est le directeur d'enseigne du secteur, Philippe Mouget" was the name the
    dossier and the convention would print."""
    await reach_the_siret(client, services)
    await client.send("200 067 510 00012")
    await client.send("2 rue de la Gare, 23300 La Souterraine")
    await client.send(typed)
    assert current_values(services, "port_representant_nom") == [name]
    assert current_values(services, "port_representant_fonction") == ([function] if function else [])
