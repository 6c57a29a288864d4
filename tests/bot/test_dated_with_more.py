"""A date typed with more than its day: what the date does not keep is said, or kept where the step asks it."""
from __future__ import annotations

import pytest

from tests.bot import test_yes_no_said as yes_no_said
from tests.bot.test_meant_input import versions
from tests.support.walk import question_in


def date_kept_without(day: str, *unkept: str) -> str:
    """The chat's reply to a date kept without what it was said with."""
    said = ", ".join(f"« {words} »" for words in unkept)
    verb = "n'est pas enregistré" if len(unkept) == 1 else "ne sont pas enregistrés"
    return f"📅 Date retenue : {day}.\nℹ️ Cette question ne garde pas de précision : {said} {verb}."


@pytest.mark.parametrize(("stage", "question_id", "typed", "day", "stored", "unkept"), [
    (8, "dev_inauguration_date", "le 12 juin à 14h à la mairie", "lundi 12 juin 2028", "2028-06-12",
     ("à 14h à la mairie",)),
    (1, "date_premier_contact", "le 3/11/2026 par téléphone avec la sous-préfète", "mardi 3 novembre 2026",
     "2026-11-03", ("par téléphone", "avec la sous-préfète")),
    (3, "port_deliberation_date", "délibération du 12/10/2026 n°2026-45", "lundi 12 octobre 2026", "2026-10-12",
     ("n°2026-45",)),
])
async def test_what_follows_a_date_is_said_not_kept(client, services, stage, question_id, typed, day, stored,
                                                    unkept):
    """Rémalard-en-Perche: "le 12 juin à 14h à la mairie" kept the day and dropped the rest without a word, as
    "par téléphone avec la sous-préfète" after the first contact's date and the deliberation's number."""
    await yes_no_said.reach(client, services, stage, question_id)
    said, _ = await client.send(typed)
    assert said.text == date_kept_without(day, *unkept)
    assert versions(services, question_id) == [stored]


@pytest.mark.parametrize("typed", ["le 12 juin prochain", "le 12 juin, c'est calé", "12/06/2028."])
async def test_words_that_only_date_a_date_are_no_detail(client, services, typed):
    await yes_no_said.reach(client, services, 8, "dev_inauguration_date")
    replies = await client.send(typed)
    assert not any("ne garde pas" in reply.text for reply in replies)
    assert versions(services, "dev_inauguration_date") == ["2028-06-12"]


async def test_a_doubt_after_a_date_is_said_once(client, services):
    await yes_no_said.reach(client, services, 8, "dev_inauguration_date")
    said, _ = await client.send("le 12 juin à 11h, à confirmer")
    assert said.text == date_kept_without("lundi 12 juin 2028", "à 11h, à confirmer")


async def test_whom_a_meeting_is_with_after_its_date_is_said_apart(client, services):
    await yes_no_said.reach(client, services, 8, "dev_comite_date")
    said, *_ = await client.send("le 28/01/2028 de 14h à 16h, avec les maires et la sous-préfète")
    assert said.text == date_kept_without("vendredi 28 janvier 2028", "avec les maires et la sous-préfète")


async def test_the_committees_hours_and_place_typed_with_its_date_answer_them(client, services):
    """"le 28/01/2028 de 14h à 16h salle du conseil, avec les maires" kept the date, then asked the hours and the
    place the user had just typed."""
    guide = services.guide
    await yes_no_said.reach(client, services, 8, "dev_comite_date")
    date, hours, place, committee, asked = await client.send(
        "le 28/01/2028 de 14h à 16h salle du conseil, avec les maires")
    assert date.text == date_kept_without("vendredi 28 janvier 2028", "avec les maires")
    assert hours.text == "➡️ Réponse retenue pour « De quelle heure à quelle heure ? » : 14 h – 16 h."
    assert place.text == "➡️ Réponse retenue pour « Où se tiendra-t-il ? » : Salle du conseil."
    assert "vendredi 28 janvier 2028, 14 h – 16 h" in committee.text and "📍 Salle du conseil" in committee.text
    assert versions(services, "dev_comite_date") == ["2028-01-28"]
    assert versions(services, "dev_comite_horaire") == [[[840, 960]]]
    assert versions(services, "dev_comite_lieu") == ["Salle du conseil"]
    assert question_in(guide, asked).id == "dev_reseau_departemental"


async def test_a_start_alone_with_the_committees_date_is_said_and_its_hours_asked(client, services):
    guide = services.guide
    await yes_no_said.reach(client, services, 8, "dev_comite_date")
    date, place, asked = await client.send("28/01/2028 à 14h en mairie")
    assert date.text == date_kept_without("vendredi 28 janvier 2028", "à 14h")
    assert place.text == "➡️ Réponse retenue pour « Où se tiendra-t-il ? » : Mairie."
    assert question_in(guide, asked).id == "dev_comite_horaire"



async def test_the_first_place_said_is_the_committees_and_a_doubt_keeps_whom_to_ask(client, services):
    """Bourganeuf: "…de 14h à 16h30, salle du conseil de la CC à Bourganeuf, à confirmer avec la CC." placed the
    committee in « Bourganeuf » and said « salle du conseil de la CC, à confirmer », « avec la CC » not kept."""
    await yes_no_said.reach(client, services, 8, "dev_comite_date")
    date, hours, place, *_ = await client.send(
        "Le mardi 14 mars 2028 de 14h à 16h30, salle du conseil de la CC à Bourganeuf, à confirmer avec la CC.")
    assert date.text == date_kept_without("mardi 14 mars 2028", "à confirmer avec la CC")
    assert place.text == ("➡️ Réponse retenue pour « Où se tiendra-t-il ? » : Salle du conseil de la CC à "
                          "Bourganeuf.")
    assert versions(services, "dev_comite_horaire") == [[[840, 990]]]


async def test_the_date_typed_again_with_other_hours_and_place_replaces_them(client, services):
    """Bourganeuf: the committee's date typed again with its hours and place kept the first ones, the new said « pas
    enregistré », and the calendar file kept the old place."""
    await yes_no_said.reach(client, services, 8, "dev_comite_date")
    await client.send("le 14/03/2028 de 14h à 16h à Bourganeuf")
    await client.click("↩️ Retour")
    await client.click("↩️ Retour")
    await client.click("↩️ Retour")
    assert question_in(services.guide, client.last()).id == "dev_comite_date"
    date, place, *_ = await client.send("le 14/03/2028 de 14h à 16h, salle du conseil de la CC")
    assert date.text == "📅 Date retenue : mardi 14 mars 2028."
    assert place.text == ("➡️ Réponse retenue pour « Où se tiendra-t-il ? » : Salle du conseil de la CC, à la place "
                          "de « Bourganeuf ».")
    assert versions(services, "dev_comite_lieu") == ["Bourganeuf", "Salle du conseil de la CC"]
    assert versions(services, "dev_comite_horaire") == [[[840, 960]]]
