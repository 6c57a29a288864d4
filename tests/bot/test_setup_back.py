"""↩️ Retour before the guide starts: from the rules to the territory, from the territory to the project's name,
each kept until another is typed, through the real Application."""
from __future__ import annotations

from sqlalchemy import select

from store.models import Project
from tests.bot.test_meant_input import ALREADY
from tests.support.telegram import FRANCE_SERVICES_RULES

NAME = "France services de Bénévent-l'Abbaye"


def stored(services) -> list[tuple[str, str | None]]:
    with services.database.connect() as connection:
        return connection.execute(select(Project.name, Project.territory)).all()


async def test_retour_typed_at_the_territory_is_no_territory_but_the_way_back_to_the_name(client, services):
    await client.send("/start")
    await client.send("bureau de poste de Benevent")
    replies = await client.send("Retour")
    assert replies[-1].text.startswith("Quel est le nouveau nom du projet ?\nNom actuel : « bureau de poste de "
                                       "Benevent ». Pour le garder, touchez ↩️ Retour.")
    assert stored(services) == [("bureau de poste de Benevent", None)]
    replies = await client.send(NAME)
    assert replies[0].text == f"ℹ️ Nom du projet corrigé : « {NAME} »."
    assert replies[-1].text.startswith(f"Sur quel territoire se situe le projet « {NAME} » ?")
    replies = await client.send("Commune de Bénévent-l'Abbaye (Creuse)")
    assert f"Quelles règles suit « {NAME} »" in replies[-1].text
    assert stored(services) == [(NAME, "Commune de Bénévent-l'Abbaye (Creuse)")]


async def test_from_the_rules_retour_goes_back_through_the_territory_and_the_name_and_nothing_is_lost(client, services):
    await client.send("/start")
    await client.send(NAME)
    await client.send("Creuse")
    replies = await client.click("↩️ Retour")  # under the rules
    assert replies[-1].text.startswith(f"Sur quel territoire se situe le projet « {NAME} » ?\n"
                                       "Vous aviez écrit : « Creuse ». Écrivez-en un autre, ou gardez-le.")
    assert replies[-1].labels == ["✅ Garder ce territoire", "↩️ Retour"]
    replies = await client.click("↩️ Retour")  # under the territory: the name
    assert replies[-1].text.startswith("Quel est le nouveau nom du projet ?")
    replies = await client.click("↩️ Retour")  # the name kept: the territory again, as given
    assert "Vous aviez écrit : « Creuse »" in replies[-1].text
    replies = await client.send("garder")
    assert f"Quelles règles suit « {NAME} »" in replies[-1].text
    assert stored(services) == [(NAME, "Creuse")]
    await client.click("↩️ Retour")
    replies = await client.send("Communauté de communes Bénévent-Grand-Bourg (Creuse)")
    assert f"Quelles règles suit « {NAME} »" in replies[-1].text
    replies = await client.click(FRANCE_SERVICES_RULES)
    assert "Étape 1" in "\n".join(reply.text for reply in replies)
    assert stored(services) == [(NAME, "Communauté de communes Bénévent-Grand-Bourg (Creuse)")]


async def test_retour_tapped_twice_acts_once(client, api, services):
    await client.send("/start")
    await client.send(NAME)
    tap, again = client.button_update("↩️ Retour"), client.button_update("↩️ Retour")
    replies = await client.deliver(tap)
    assert replies[-1].text.startswith("Quel est le nouveau nom du projet ?")
    since = len(api.calls)
    assert await client.deliver(again) == []
    assert api.toasts(since) == [ALREADY]
    replies = await client.send("Maison France services de Bénévent")  # still the name that is asked
    assert replies[0].text == "ℹ️ Nom du projet corrigé : « Maison France services de Bénévent »."


async def test_a_button_s_words_are_no_name(client, services):
    await client.send("/start")
    replies = await client.send("Retour")
    assert replies[0].text.startswith("⚠️ « Retour » ne ressemble pas à un nom")
    assert stored(services) == []


async def test_a_greeting_in_sms_and_a_sentence_with_on_are_no_name(client, services):
    await client.send("/start")
    replies = await client.send("bjr, c pour le bureau de poste de Benevent l Abbaye, on voudrait en faire une "
                                "france services")
    assert "ressemble à une phrase" in replies[0].text
    replies = await client.send("Bjr")
    assert replies[0].text.startswith("⚠️ « Bjr » ne ressemble pas à un nom")
    await client.send("Bjr, France services de Bénévent")
    assert stored(services) == [("France services de Bénévent", None)]


async def test_annuler_typed_for_a_new_project_s_name_goes_back_to_the_project(client, services):
    await client.send("/start")
    await client.send(NAME)
    await client.send("Creuse")
    await client.click(FRANCE_SERVICES_RULES)
    await client.send("/projets")
    await client.click("Nouveau projet")
    replies = await client.send("annuler")
    assert "Qui est le chef de projet" in replies[-1].text
    assert stored(services) == [(NAME, "Creuse")]
