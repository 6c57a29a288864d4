"""The same text sent twice in a row, as people do when a weak network shows it unsent: the second is no answer
to the next question, through the real Application."""
from __future__ import annotations

from tests.bot.test_meant_input import reach_objectives, send_at, sent_at, versions
from tests.support.walk import question_in

OBJECTIVES = "Éviter aux habitants des hameaux d'aller à Saint-Flour"


async def test_a_text_sent_again_at_once_is_taken_once_and_a_third_time_answers(client, services):
    await reach_objectives(client, services)
    await send_at(client, OBJECTIVES, sent_at(services))
    assert question_in(services.guide, client.last()).id == "territoire"
    replies = await send_at(client, OBJECTIVES, sent_at(services, 20))
    assert replies[0].text == ("ℹ️ Vous avez envoyé deux fois le même message : je l'ai pris une fois, pour « Quels "
                               "objectifs fixez-vous à la Maison ? ». S'il répond aussi à la question suivante, "
                               "envoyez-le de nouveau.")
    assert question_in(services.guide, replies[-1]).id == "territoire"
    assert versions(services, "objectifs") == [OBJECTIVES]
    assert versions(services, "territoire") == []
    await send_at(client, OBJECTIVES, sent_at(services, 40))  # meant: the same words answer this one too
    assert versions(services, "territoire") == [OBJECTIVES]


async def test_the_same_short_answer_or_the_same_text_later_answers_the_next_question(client, services):
    await reach_objectives(client, services)
    await send_at(client, "À définir avec les élus", sent_at(services))
    await send_at(client, "À définir avec les élus", sent_at(services, 300))  # minutes later: meant
    assert versions(services, "territoire") == ["À définir avec les élus"]
    await send_at(client, "12 400", sent_at(services, 310))
    await send_at(client, "12 400", sent_at(services, 312))  # a figure: the next question's own answer maybe
    assert versions(services, "population") == [12400]
    assert question_in(services.guide, client.last()).id != "population"


async def test_a_text_refused_then_sent_again_is_read_again(client, services):
    await reach_objectives(client, services)
    await client.click("Passer")
    await client.click("Passer")
    assert question_in(services.guide, client.last()).id == "population"
    await send_at(client, "beaucoup d'habitants", sent_at(services))
    replies = await send_at(client, "beaucoup d'habitants", sent_at(services, 5))
    assert replies[0].text.startswith("⚠️")  # refused again, with its reason: nothing was taken the first time
