"""A question typed back at the guide's question is no answer, through the real Application."""
from __future__ import annotations

from tests.bot.test_meant_input import reach_population, versions
from tests.support.walk import question_in


async def test_a_question_typed_back_is_no_answer_and_the_fiche_s_points_are_shown(client, services):
    """"C'est quoi le tissu urbain ?" at "Comment le tissu urbain est-il organisé ?" was stored as its answer."""
    await reach_population(client, services)
    await client.send("3600")
    await client.send("Population vieillissante")
    asked = question_in(services.guide, client.last())
    puzzled, again = await client.send("C'est quoi le tissu urbain ?")
    assert puzzled.text.startswith("❓ Je ne peux pas vous répondre ici. Voici ce que demande la fiche "
                                   "technique pour « Enjeux, objectifs et diagnostic » :")
    assert "organisations spatiales du tissu urbain" in puzzled.text and "🕓 Je ne sais pas encore" in puzzled.text
    assert question_in(services.guide, again) == asked
    assert versions(services, asked.id) == []
