"""A phone typing in SMS through the real Application: "jsp", "c bon" and "qq heures" read as meant, and the
team told once that the dossier prints "bcp" and "ds" as typed."""
from __future__ import annotations

import pytest

from tests.bot.test_conversation import create_project
from tests.bot.test_meant_input import reach_population, versions
from tests.support.walk import question_in

TOLD = ("ℹ️ Le dossier reprendra vos textes tels quels pour la Préfecture, abréviations comprises : « bcp », « qq », "
        "« ds ». Si besoin, touchez ↩️ Retour pour écrire en toutes lettres.")


async def test_sms_spellings_in_a_text_are_said_once_to_stay_as_typed(client, services):
    await reach_population(client, services)
    await client.send("2500")
    replies = await client.send("bcp de retraites, qq familles ds les hameaux")
    assert TOLD in [reply.text for reply in replies]
    assert versions(services, "diag_demographie") == ["bcp de retraites, qq familles ds les hameaux"]
    replies = await client.send("un bourg et ds hameaux, bcp de fermes")  # said already: not again
    assert not any("tels quels" in reply.text for reply in replies)
    assert question_in(services.guide, replies[-1]).id == "diag_emplois"


async def test_jsp_is_not_knowing_yet_and_qq_heures_a_part_time(client, services):
    await create_project(client)
    await client.send("Sylvie Garnaud")
    await client.send("responsable du bureau de poste")
    replies = await client.send("qq heures par semaine, le reste c est le guichet")
    assert replies[0].text == ("➡️ Réponse retenue : Moins d'un mi-temps.\nℹ️ Cette question ne garde pas de précision : "
                               "« le reste c est le guichet » n'est pas enregistré.")
    replies = await client.send("c bon")
    assert question_in(services.guide, replies[-1]).id == "enjeux"
    replies = await client.send("jsp")
    assert question_in(services.guide, replies[-1]).id != "enjeux_autre"
    assert versions(services, "enjeux") == [None]  # left for later, no « Autre » worded "jsp"


@pytest.mark.parametrize("typed", ["qq heures par mois, c'est en plus de mon poste",
                                   "quelques heures tous les ans, c'est en plus de mon poste"])
async def test_how_often_after_a_few_hours_is_not_said_unkept(client, services, typed):
    """"« par mois », « c'est en plus de mon poste » ne sont pas enregistrés": "mois" was read as "moi"."""
    await create_project(client)
    await client.send("Thomas Girod")
    await client.send("responsable de secteur La Poste")
    replies = await client.send(typed)
    assert replies[0].text == ("➡️ Réponse retenue : Moins d'un mi-temps.\nℹ️ Cette question ne garde pas de "
                               "précision : « c'est en plus de mon poste » n'est pas enregistré.")


async def test_abridged_words_of_an_official_are_said_to_stay_as_typed(client, services):
    """Rémalard-en-Perche: "perms" and "aprem" went into the dossier without a word."""
    await reach_population(client, services)
    await client.send("2500")
    replies = await client.send("perms partenaires le mardi, ateliers numériques le jeudi aprem")
    assert ("ℹ️ Le dossier reprendra vos textes tels quels pour la Préfecture, abréviations comprises : « perms », "
            "« aprem ». Si besoin, touchez ↩️ Retour pour écrire en toutes lettres.") in [reply.text for reply in replies]
