"""A name answered anew for another one, through the real Application: the carrier changed after a council."""
from __future__ import annotations

from tests.bot.test_carrier_contribution import reach_the_contribution
from tests.bot.test_conversation import create_project
from tests.support.walk import question_in

CHECK = ("ℹ️ « Communauté de communes Cœur du Perche » remplace « Communauté de communes du Pays de Saint-Affrique ». "
         "Vérifiez que ces réponses valent pour « Communauté de communes Cœur du Perche » : l'adresse, le représentant "
         "légal, sa fonction et la date d'approbation.")


async def test_a_new_carrier_asks_to_check_what_was_given_for_the_former(client, services):
    """The address, the mayor as signatory and the council's date stayed the commune's, silently, once the
    community of communes carried the Maison: the convention would have printed them for it."""
    await reach_the_contribution(client, services)
    await client.send("tout sauf la formation")
    await client.click("Je ne sais pas encore")  # the details: the recap follows
    await client.click("✏️ 2")
    replies = await client.send("Communauté de communes Cœur du Perche")
    assert [reply.text for reply in replies[:-1]] == [CHECK]
    assert "📋 Récapitulatif : Le portage juridique" in replies[-1].text  # what to check, right under it


async def test_a_name_spelt_better_asks_nothing(client, services):
    await reach_the_contribution(client, services)
    await client.click("Je ne sais pas encore")
    await client.click("✏️ 2")
    replies = await client.send("Communauté de communes du Pays de Saint Affrique")  # a spelling, the same body
    assert not any("remplace" in reply.text for reply in replies)


async def test_a_leader_named_first_then_another_asks_to_check_the_function(client, services):
    await create_project(client)
    replies = await client.send("Nadia Benali, chargée de mission")  # a first answer: nothing to check
    assert not any("remplace" in reply.text for reply in replies)
    assert question_in(services.guide, replies[-1]).id == "chef_projet_temps"
    await client.click("Retour")
    await client.click("Retour")
    replies = await client.send("Hélène Vasseur")  # the DGS takes the project after all
    assert replies[-2].text == ("ℹ️ « Hélène Vasseur » remplace « Nadia Benali ». Vérifiez que ces réponses valent "
                                "pour « Hélène Vasseur » : sa fonction.")
