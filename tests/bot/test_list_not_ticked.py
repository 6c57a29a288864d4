"""An option said not to tick, through the real Application: a stake typed by mistake, then "les deux, pas autre"."""
from __future__ import annotations

from tests.bot.test_carrier_contribution import reach_the_contribution
from tests.bot.test_carrier_identity import current_values
from tests.bot.test_conversation import create_project
from tests.bot.test_meant_input import versions
from tests.support.walk import question_in


async def test_les_deux_pas_autre_replaces_a_mistaken_autre(client, services):
    await create_project(client)
    for text in ("Hélène Vasseur, DGS de la commune", "environ un tiers de mon temps", "c'est bon"):
        await client.send(text)
    await client.send("environ 1900 habitants pour la commune, 14000 pour la CC")  # meant for later, an « Autre »
    await client.send("retour")
    replies = await client.send("retour")
    assert question_in(services.guide, replies[-1]).id == "enjeux"
    replies = await client.send("les deux, pas autre")
    assert not any("Autre ?" in reply.text for reply in replies)  # it was suggested, the option left out
    assert versions(services, "enjeux")[-1] == ["cohesion_sociale", "maillage_territorial"]
    assert question_in(services.guide, replies[-1]).id == "enjeux_cohesion"


async def test_all_but_one_contribution_is_no_details_of_it(client, services):
    """"tout sauf la formation" was kept as the carrier's details, which the convention-cadre prints."""
    await reach_the_contribution(client, services)
    replies = await client.send("tout sauf la formation")
    assert question_in(services.guide, replies[-1]).id == "port_contribution_detail"
    assert current_values(services, "port_contribution") == [["personnel", "locaux", "equipement", "financement"]]
    assert current_values(services, "port_contribution_detail") == []
