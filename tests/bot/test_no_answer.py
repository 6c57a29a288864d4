"""What is typed at a question but does not answer it (a question back, « Étape suivante »), through the
real Application."""
from __future__ import annotations

from tests.bot.test_meant_input import reach_population, reach_stakes, versions
from tests.support.walk import question_in

PAUSE = "👋 C'est noté, à bientôt. Vos réponses sont enregistrées : reprenez quand vous voulez avec /start, là où " \
        "vous en étiez."


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


async def test_next_step_typed_at_an_optional_question_passes_it_and_is_not_its_answer(client, services):
    """"Étape suivante" typed at "Quels écarts voyez-vous… ?", as if under the recap, was stored as its answer."""
    await reach_population(client, services)
    replies = await client.send("Étape suivante")
    assert versions(services, "population") == [None]
    assert question_in(services.guide, replies[-1]).id == "diag_demographie"


async def test_next_step_typed_at_a_required_question_says_it_must_be_answered(client, services):
    await reach_stakes(client)
    refused, again = await client.send("on passe à la suite")
    assert refused.text.startswith("⚠️ Cette question est obligatoire : répondez-y avant de passer à la suite.")
    assert question_in(services.guide, again).id == "enjeux" and versions(services, "enjeux") == []
    await client.click("Cohésion sociale")
    await client.send("Suivant")  # options ticked: what « ✅ Valider » does
    assert versions(services, "enjeux") == [["cohesion_sociale"]]


async def test_a_goodbye_records_nothing_and_the_question_waits(client, services):
    """"stop" at "Qu'attendent ces acteurs… ?" was stored as its answer."""
    await reach_population(client, services)
    replies = await client.send("Merci, à demain !")
    assert [r.text for r in replies] == [PAUSE]
    assert versions(services, "population") == []
    resumed = await client.send("/start")
    assert "Voulez-vous continuer ?" in resumed[-1].text
    assert question_in(services.guide, (await client.click("Continuer"))[-1]).id == "population"


async def test_cancel_typed_at_a_question_goes_back_to_the_one_before(client, services):
    """"annuler" at "Quels services ces acteurs locaux rendent-ils ?" was stored as its answer."""
    await reach_population(client, services)
    replies = await client.send("annuler")
    assert question_in(services.guide, replies[-1]).id == "territoire"
    assert versions(services, "population") == []


async def test_thanks_are_no_answer_and_the_question_comes_again(client, services):
    """"merci" at "Souhaitez-vous des partenaires sur une thématique spécifique ?" was ticked as « Autre »."""
    await reach_population(client, services)
    thanks, again = await client.send("Merci !")
    assert thanks.text == "ℹ️ Je vous en prie. Voici la question en cours."
    assert question_in(services.guide, again).id == "population" and versions(services, "population") == []
    await client.send("/avancement")
    await client.send("merci")  # the question shown again after another screen: in sight, answered by a figure
    await client.send("3600")
    assert versions(services, "population") == [3600]


async def test_where_do_we_stand_asked_in_words_shows_the_progress(client, services):
    """"On en est où ?" at "En quoi la Maison complétera-t-elle l'offre existante ?" was stored as its answer."""
    await reach_population(client, services)
    replies = await client.send("On en est où ?")
    assert replies[0].text.startswith("📊 Avancement") and versions(services, "population") == []


async def test_a_question_back_at_a_list_says_to_choose_with_the_buttons(client, services):
    await reach_stakes(client)
    puzzled, _ = await client.send("C'est quoi la différence ?")
    assert "Choisissez avec les boutons, ou écrivez votre réponse." in puzzled.text
    assert "Répondez avec vos mots" not in puzzled.text


async def test_yes_or_no_to_shall_we_go_on_is_no_answer_to_the_question_out_of_sight(client, services):
    """"non" to "Voulez-vous continuer ?" showed the recap's how-to; "oui" would have answered a yes/no question
    not on screen."""
    await reach_population(client, services)
    await client.send("/start")
    replies = await client.send("non")
    assert [r.text for r in replies] == [PAUSE]
    await client.send("/start")
    replies = await client.send("Oui !")
    assert question_in(services.guide, replies[-1]).id == "population" and versions(services, "population") == []
