"""/checklist, /a_traiter and the conformity buttons, through the real application."""
from __future__ import annotations

from sqlalchemy import select

from store.models import ChecklistMark, Membership
from store.repo import Repository
from tests.bot.test_conversation import create_project
from tests.support.walk import question_in


async def test_checklist_ticks_from_answers_and_by_hand(client, services):
    await create_project(client)
    await client.send("Claire Morel")
    overview = (await client.send("/checklist"))[0]
    assert "1. Établir un diagnostic pour définir le projet : 1/11" in overview.text
    stage = (await client.click("1. Établir un diagnostic"))[0]
    assert "☑️ Identifier un chef de projet (d'après vos réponses" in stage.text
    assert "⬜ Visiter des Maisons de services au public existantes" in stage.text
    # Items proved by an answer have no button; the others can be ticked by hand.
    assert "⬜ Identifier un chef de projet" not in stage.labels
    edited = (await client.click("⬜ Visiter des Maisons"))[0]
    assert edited.method == "editMessageText"
    assert "☑️ Visiter des Maisons de services au public existantes" in edited.text
    assert "☑️ Visiter des Maisons de services au public existantes" in edited.labels
    overview = (await client.send("/checklist"))[0]
    assert ": 2/11" in overview.text
    await client.click("1. Établir un diagnostic")
    untick = (await client.click("☑️ Visiter des Maisons"))[0]
    assert "⬜ Visiter des Maisons de services au public existantes" in untick.text
    with services.database.connect() as connection:
        assert connection.execute(select(ChecklistMark.done).order_by(ChecklistMark.id)).scalars().all() == [
            True, False]


async def test_the_checklist_overview_leads_back_to_the_menu(client):
    await create_project(client)
    overview = (await client.send("/checklist"))[0]
    assert overview.labels[-1] == "☰ Menu"
    menu = (await client.click("☰ Menu"))[-1]
    assert "☰ Menu" in menu.text and "▶️ Continuer" in menu.labels


async def test_deferred_questions_are_listed_and_one_tap_away(client, services):
    await create_project(client)
    await client.send("Claire Morel")
    await client.click("Je ne sais pas encore")      # the function
    await client.click("Je ne sais pas encore")      # the time given to the project
    listing = (await client.send("/a_traiter"))[0]
    # The stage is named as a stage, so that its number is not read as the first question's.
    assert "Étape 1 : Établir un diagnostic pour définir le projet\n1. Quelle est sa fonction et dans quelle " \
           "structure ?" in listing.text
    assert "2. Quel temps de travail sera consacré au projet ?" in listing.text
    replies = await client.click("Répondre 2")
    assert question_in(services.guide, replies[-1]).id == "chef_projet_temps"
    assert "à compléter plus tard" in replies[-1].text
    await client.click("Mi-temps")
    listing = (await client.send("/a_traiter"))[0]
    assert "Quel temps de travail sera" not in listing.text and "Quelle est sa fonction" in listing.text


async def test_a_question_answered_from_the_list_goes_back_to_it_then_where_the_guide_was(client, services):
    """Answered from /a_traiter, a question of step 1 led through the recaps of every step since to get back."""
    guide = services.guide
    await create_project(client)
    await client.send("Claire Morel")
    await client.click("Je ne sais pas encore")  # the function
    await client.click("Je ne sais pas encore")  # the time given to the project
    assert question_in(guide, (await client.click("Étape suivante"))[-1]).id == "enjeux"
    await client.send("/a_traiter")
    await client.click("Répondre 2")
    replies = await client.click("Mi-temps")
    assert replies[-2].text == "ℹ️ C'est noté. Voici les questions qui restent à traiter."
    assert "1. Quelle est sa fonction" in replies[-1].text and "Quel temps" not in replies[-1].text
    await client.click("Répondre 1")
    replies = await client.send("Chargée de mission")
    assert replies[0].text == ("ℹ️ C'est noté : plus aucune question laissée pour plus tard. "
                               "Reprenons où vous en étiez.")
    assert question_in(guide, replies[-1]).id == "enjeux"
    with services.database.connect() as connection:
        answers = Repository(connection).answers(1)
    assert (answers["chef_projet_fonction"].value, answers["chef_projet_temps"].value) == (
        "Chargée de mission", "mi_temps")


async def test_leaving_a_question_opened_from_the_list_leaves_its_way_back(client, services):
    guide = services.guide
    await create_project(client)
    await client.send("Claire Morel")
    await client.click("Je ne sais pas encore")  # the function
    await client.send("/a_traiter")
    await client.click("Répondre 1")
    await client.send("/avancement")
    await client.send("/menu")
    replies = await client.click("▶️ Continuer")
    assert question_in(guide, replies[-1]).id == "chef_projet_fonction"
    replies = await client.send("Chargée de mission")  # in the step as usual: its next question
    assert question_in(guide, replies[-1]).id == "chef_projet_temps"


async def test_nothing_deferred_says_so(client):
    await create_project(client)
    listing = (await client.send("/a_traiter"))[0]
    assert "Aucune" in listing.text


async def test_conformity_lists_every_check_and_pending_ones_link_to_their_step(client, services):
    await create_project(client)
    report = (await client.send("/conformite"))[0]
    total = len(services.guide.checks)
    requirements = sum(check.kind == "exigence" for check in services.guide.checks)
    assert f"Exigences de la labellisation : 0 respectée sur {requirements}, {requirements} à renseigner." \
        in report.text
    assert report.text.count("⏳") == total
    assert "Recommandations de la fiche technique" in report.text and "Contrôles de cohérence" in report.text
    replies = await client.click("🔧 Horaires d'ouverture")
    assert "Étape 4 : Organiser la faisabilité technique" not in replies[0].text  # mid-stage: no stage banner
    assert "5. Planifier et organiser le fonctionnement du lieu" in replies[0].text
    assert question_in(services.guide, replies[-1]).id == "tech_horaires_lundi"
    replies = await client.send("9h-12h 14h-17h")
    assert question_in(services.guide, replies[-1]).id == "tech_horaires_mardi"


async def test_more_deferred_questions_than_a_keyboard_holds_come_forty_at_a_time(client, services):
    """Telegram refuses more than 100 buttons (tests.support.telegram enforces it): /a_traiter shows the first
    forty, each with its button, and says how many more wait."""
    await create_project(client)
    always = [q for q in services.guide.question_list if q.when is None][:45]
    with services.database.begin() as connection:
        repo = Repository(connection)
        for question in always:
            repo.record_answer(1, question.id, question.kind.value, "deferred", None, client.user_id)
    listing = await client.send("/a_traiter")
    text = "\n".join(message.text for message in listing)
    assert listing[-1].labels == [f"✏️ Répondre {n}" for n in range(1, 41)] + ["▶️ Continuer", "☰ Menu"]
    assert f"40. {always[39].prompt}" in text and always[40].prompt not in text
    assert "… et 5 autres questions, que cette liste montrera une fois celles-ci traitées." in text
    replies = await client.click("Répondre 40")
    assert question_in(services.guide, replies[-1]).id == always[39].id


async def test_what_an_answer_from_the_list_calls_for_is_asked_before_going_back(client, services):
    """« Cohésion sociale » ticked at a question answered from /a_traiter: its own questions come next."""
    guide = services.guide
    await create_project(client)
    await client.send("Claire Morel")
    await client.click("Passer")
    await client.click("Passer")
    await client.click("Étape suivante")
    await client.click("Je ne sais pas encore")  # the stakes, required: the step waits for them
    await client.send("/conformite")
    await client.click("🔧 Une convention-cadre conforme au cahier des charges")  # the step with the longest id
    await client.send("/a_traiter")
    await client.click("Répondre 1")
    with services.database.connect() as connection:  # PostgreSQL refuses a longer value; SQLite would keep it
        way_back = connection.execute(select(Membership.awaiting)).scalar_one()
    assert len(way_back) <= Membership.__table__.c.awaiting.type.length
    asked = await client.send("la cohésion sociale")
    assert question_in(guide, asked[-1]).id == "enjeux_cohesion"
    asked = await client.send("autre")
    assert question_in(guide, asked[-1]).id == "enjeux_cohesion_autre"
    back = await client.send("l'accès aux droits")
    assert back[0].text.startswith("ℹ️ C'est noté : plus aucune question laissée pour plus tard.")
    assert guide.step_of_question[question_in(guide, back[-1]).id].id == "part_signature_conventions"


async def test_a_number_typed_under_the_list_answers_that_question(client, services):
    await create_project(client)
    await client.send("Claire Morel")
    await client.click("Je ne sais pas encore")  # the function
    await client.click("Je ne sais pas encore")  # the time given to the project
    await client.send("/a_traiter")
    asked = await client.send("répondre 2")
    assert question_in(services.guide, asked[-1]).id == "chef_projet_temps"
    await client.send("/a_traiter")
    asked = await client.send("3")  # only two are listed: not a question's number, nor its option 3
    assert asked[0].text.startswith("ℹ️ Je n'ai rien enregistré")
    with services.database.connect() as connection:
        assert Repository(connection).answers(1)["chef_projet_temps"].status == "deferred"


async def test_a_maison_open_for_years_ticks_a_stage_s_checklist_at_once(client, services):
    """Eleven taps to say the diagnosis was done in 2022: « ☑️ Tout cocher », or "tout est fait" typed under the
    stage; the items the answers show stay theirs, and « ⬜ Tout décocher » takes back the hand ticks only."""
    await create_project(client)
    await client.send("Claire Morel")  # proves « Identifier un chef de projet »
    await client.send("/checklist")
    stage = (await client.click("1. Établir un diagnostic"))[0]
    assert stage.labels[-3:] == ["☑️ Tout cocher", "📋 Toutes les étapes", "☰ Menu"]
    ticked = (await client.click("☑️ Tout cocher"))[0]
    assert ticked.method == "editMessageText"
    assert "⬜" not in ticked.text and ticked.text.count("(cochée à la main") == 10
    assert "⬜ Tout décocher" in ticked.labels
    unticked = (await client.click("⬜ Tout décocher"))[0]
    assert unticked.text.count("⬜") == 10 and "☑️ Identifier un chef de projet (d'après vos réponses" in unticked.text
    typed = (await client.send("tout est fait"))[0]
    assert "⬜" not in typed.text
    overview = (await client.send("/checklist"))[0]
    assert "1. Établir un diagnostic pour définir le projet : 11/11" in overview.text
    with services.database.connect() as connection:
        assert connection.execute(select(ChecklistMark.done).order_by(ChecklistMark.id)).scalars().all() == [
            *[True] * 10, *[False] * 10, *[True] * 10]  # each tick kept, the ones taken back too
    answered = await client.send("tout est fait")  # no stage's checklist shown: it answers no checklist
    assert "11/11" not in answered[0].text and "☑️ Visiter" not in answered[0].text


async def test_an_action_said_done_by_its_words_under_its_stage_is_ticked(client, services):
    """Rémalard-en-Perche: "la charte c'est fait, recue hier" under stage 4's checklist went on to the guide,
    nothing ticked."""
    await create_project(client)
    await client.send("/checklist")
    await client.click("4. Organiser la faisabilité technique")
    await client.click("⬜ Prévoir la signalétique")  # else two actions name the charter: which one is not sure
    ticked = (await client.send("la charte c'est fait, recue hier"))[0]
    assert ("☑️ Prendre connaissance de la charte graphique et de l'identité visuelle des Maisons (cochée à la main"
            in ticked.text)
    with services.database.connect() as connection:
        assert connection.execute(select(ChecklistMark.done)).scalars().all() == [True, True]
