"""A text typed at a yes/no question that answers what a yes asks next: kept there, the yes still asked for.

Through the real Application and the fake Bot API.
"""
from __future__ import annotations

from tests.bot.test_conversation import create_project
from tests.bot.test_meant_input import versions
from tests.bot.test_option_details import reach
from tests.bot.test_verdicts import goto_stage
from tests.support.walk import answer_until, question_in

KEPT = ("⚠️ Répondez par oui ou par non, ou utilisez les boutons. Si c'est oui, votre texte est déjà noté pour "
        "« Qu'ont répondu les acteurs sondés ? ».")


async def test_what_the_actors_said_typed_for_the_yes_is_kept_for_the_question_after_it(client, services):
    """"la commune, la CGSS, la CAF et la mission locale sont partants" at "Avez-vous sondé les acteurs… ?" was
    refused, and typed again after the yes."""
    guide = await reach(client, services, "acteurs_sondes")
    refused, asked = await client.send("la commune, la CGSS, la CAF et la mission locale sont partants")
    assert refused.text == KEPT
    assert question_in(guide, asked).id == "acteurs_sondes"
    assert versions(services, "acteurs_sondes") == []
    assert versions(services, "retours_acteurs") == ["la commune, la CGSS, la CAF et la mission locale sont partants"]
    recap_or_next = (await client.click("Oui"))[-1]
    assert question_in(guide, recap_or_next).id == "noyau_depart"  # the text is its answer: not asked again
    assert versions(services, "acteurs_sondes") == [True]
    # Once that question holds an answer, another text is refused as before, and the answer stays.
    await client.click("↩️ Retour")
    await client.click("↩️ Retour")
    refused, _ = await client.send("ils sont tous d'accord")
    assert refused.text == "⚠️ Répondez par oui ou par non, ou utilisez les boutons."
    assert versions(services, "retours_acteurs") == ["la commune, la CGSS, la CAF et la mission locale sont partants"]


async def test_a_partly_yes_before_the_text_is_not_kept_with_it(client, services):
    """"oui en partie : Julie Morel, mais elle est à la commune" at « La structure porteuse a-t-elle déjà du personnel
    pour la Maison ? » kept "oui en partie :" in the agents' answer, which the dossier prints."""
    await reach(client, services, "acteurs_sondes")
    refused, _ = await client.send("oui en partie : la commune et la CAF sont partantes")
    assert refused.text == KEPT
    assert versions(services, "retours_acteurs") == ["la commune et la CAF sont partantes"]


async def test_a_yes_to_check_is_a_doubt_and_a_yes_believed_is_a_yes(client, services):
    """Saint-Éloy: "je crois que oui, à vérifier avec la sous-préfecture de Riom" was "Répondez par oui ou par non";
    "oui, à confirmer" was taken for a sure yes."""
    guide = await reach(client, services, "acteurs_sondes")
    for typed, words in (("je crois que oui, à vérifier avec la sous-préfecture de Riom",
                          "à vérifier avec la sous-préfecture de Riom"), ("oui, à confirmer", "à confirmer")):
        refused, asked = await client.send(typed)
        assert refused.text == (f"⚠️ Votre réponse laisse un doute (« {words} ») : répondez par oui ou par non, tel "
                                "que c'est aujourd'hui. Pas encore sûr ? Touchez « 🕓 Je ne sais pas encore ».")
        assert question_in(guide, asked).id == "acteurs_sondes"
    assert versions(services, "acteurs_sondes") == []
    await client.send("je crois que oui")
    assert versions(services, "acteurs_sondes") == [True]


async def test_a_question_or_words_that_say_nothing_are_kept_nowhere(client, services):
    await reach(client, services, "acteurs_sondes")
    for typed in ("c'est-à-dire ?", "plus tard"):
        replies = await client.send(typed)
        assert not any("votre texte" in reply.text for reply in replies), typed
    assert versions(services, "retours_acteurs") == []


async def test_what_the_question_asks_said_planned_is_a_yes(client, services):
    """Mayotte: "inauguration prevue a l'ouverture avec le prefet et les maires" at « Prévoyez-vous une inauguration
    de la Maison ? » was "Répondez par oui ou par non"; "pas prévue" stays refused, as a doubt would."""
    guide = services.guide
    await create_project(client)
    replies = await goto_stage(client, 8)
    replies = await answer_until(client, guide, replies, "dev_inauguration")
    refused, _ = await client.send("l'inauguration n'est pas prévue")
    assert refused.text == "⚠️ Répondez par oui ou par non, ou utilisez les boutons."
    said, asked = await client.send("inauguration prevue a l'ouverture avec le prefet et les maires")
    assert said.text == ("➡️ Réponse retenue : Oui.\nℹ️ Cette question ne garde pas de précision : « inauguration "
                         "prevue a l'ouverture avec le prefet et les maires » n'est pas enregistré.")
    assert versions(services, "dev_inauguration") == [True]
    assert question_in(guide, asked).id == "dev_inauguration_date"


async def test_a_yes_for_one_part_and_a_no_for_the_other_is_told_to_answer_no_for_now(client, services):
    """"le cahier des charges oui, les modèles de convention pas encore" at « Avez-vous reçu le cahier des charges et
    les modèles de conventions ? » was only "Répondez par oui ou par non"."""
    guide = await reach(client, services, "documents_recus")
    refused, asked = await client.send("le cahier des charges oui, les modèles de convention pas encore")
    assert refused.text == ("⚠️ Votre réponse dit oui pour une partie, non pour une autre. Tant qu'une partie manque, "
                            "répondez non : vous changerez la réponse le moment venu.")
    assert question_in(guide, asked).id == "documents_recus" and versions(services, "documents_recus") == []


async def test_a_yes_in_part_is_told_to_answer_no_while_a_part_is_missing(client, services):
    """Val-de-Bonnieure: "en partie, il m'a dit d'attendre la délibération pour déposer" was only "Répondez par oui
    ou par non"."""
    guide = await reach(client, services, "documents_recus")
    for typed in ("en partie, on a le cahier des charges", "oui en partie"):
        refused, asked = await client.send(typed)
        assert refused.text.startswith("⚠️ Votre réponse dit oui pour une partie, non pour une autre.")
        assert question_in(guide, asked).id == "documents_recus" and versions(services, "documents_recus") == []


async def test_a_thing_asked_for_and_not_come_is_told_to_answer_no_for_now(client, services):
    """"on les a demandés à la sous-préfecture la semaine dernière" at « Avez-vous reçu le cahier des charges… ? »
    was only "Répondez par oui ou par non"."""
    guide = await reach(client, services, "documents_recus")
    refused, asked = await client.send("on les a demandés à la sous-préfecture la semaine dernière")
    assert refused.text == ("⚠️ Demandé, mais pas encore là ? Répondez non pour l'instant : vous changerez la réponse "
                            "le moment venu.")
    assert question_in(guide, asked).id == "documents_recus" and versions(services, "documents_recus") == []
    refused, _ = await client.send("demandés et reçus hier")  # it came: no such advice
    assert "pas encore là" not in refused.text
    refused, _ = await client.send("il doit me l'envoyer par mail")  # Val-de-Bonnieure: "Répondez par oui ou par non"
    assert refused.text.startswith("⚠️ Demandé, mais pas encore là ? Répondez non pour l'instant")
