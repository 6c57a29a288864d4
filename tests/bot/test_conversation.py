"""Stage 1 of the fiche through the real Application and a fake Bot API."""
from __future__ import annotations

from dataclasses import replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from store.models import Answer
from states.buttons import decode
from store.repo import Repository
from tests.support.telegram import MSAP_RULES
from tests.support.walk import question_in, walk_step


async def create_project(client, name="MSAP du Val de Sèvre", territory="CC du Haut-Val de Sèvre", rules=MSAP_RULES):
    welcome = await client.send("/start")
    assert "Guide MSAP" in welcome[0].text and "Ce que je conserve" in welcome[0].text
    assert "ouvrir une maison France services, l'ancienne Maison de services au public" in welcome[0].text  # 2026
    assert "nom de votre projet" in welcome[0].text
    asked = await client.send(name)
    assert "territoire" in asked[-1].text
    chosen = await client.send(territory)
    assert "Quelles règles suit « " + name in chosen[-1].text
    return await client.click(rules)


async def test_a_greeting_a_figure_or_a_question_is_not_taken_for_a_name(client, services):
    """The project's name and territory are printed on every document: "Bonjour" typed first is not one."""
    await client.send("/start")
    refused = await client.send("Bonjour")
    assert refused[0].text.startswith("⚠️ « Bonjour » ne ressemble pas à un nom : il figurera sur chaque document.")
    assert refused[1].text.startswith("Quel est le nom de votre projet ?")
    refused = await client.send("Bonjour, je suis la directrice du centre social Le Lien")
    assert refused[0].text.startswith("⚠️ « Bonjour, je suis la directrice du centre social Le Lien » ressemble à "
                                      "une phrase. Écrivez seulement le nom demandé")
    refused = await client.send("https://www.clichy-sous-bois.fr/france-services")
    assert refused[0].text.startswith("⚠️ « https://www.clichy-sous-bois.fr/france-services » ne ressemble pas à "
                                      "un nom")
    refused = await client.send("Quel nom faut-il donner ?")
    assert refused[0].text.startswith("⚠️ Pour l'aide, tapez /aide.")
    helped = await client.send("Comment ça marche ?")  # asked in words: the help, then the name asked again
    assert helped[0].text.startswith("❓ Comment fonctionne le guide") and "nom de votre projet" in helped[1].text
    asked = await client.send("Bonjour ! Notre projet s'appelle France services de Figeac.")
    refused = await client.send("1")
    assert refused[0].text.startswith("⚠️ « 1 » ne ressemble pas à un nom")
    assert "Sur quel territoire se situe le projet « France services de Figeac » ?" in refused[1].text
    chosen = await client.send("Grand-Figeac")
    assert "Quelles règles suit « France services de Figeac »" in chosen[-1].text
    with services.database.connect() as connection:
        [(project, _)] = Repository(connection).projects(1001)
    assert (project.name, project.territory) == ("France services de Figeac", "Grand-Figeac")


async def test_a_name_and_territory_pasted_together_create_the_project_at_once(client, services):
    """"Nom du projet : … – Territoire : …" named the project after its territory, then asked the territory."""
    await client.send("/start")
    created, chosen = await client.send("Nom du projet : France services de Dun – Territoire : CC du Pays Dunois")
    assert created.text == "ℹ️ Projet « France services de Dun » créé ✅, sur le territoire « CC du Pays Dunois »."
    assert "Quelles règles suit « France services de Dun »" in chosen.text
    with services.database.connect() as connection:
        [(project, _)] = Repository(connection).projects(1001)
    assert (project.name, project.territory) == ("France services de Dun", "CC du Pays Dunois")


async def test_a_name_and_territory_pasted_with_the_population_note_it_apart(client, services):
    await client.send("/start")
    created, noted, _ = await client.send("Nom du projet : France services de Mansle – Territoire : commune de "
                                          "Mansle, 1 600 habitants")
    assert created.text == "ℹ️ Projet « France services de Mansle » créé ✅, sur le territoire « commune de Mansle »."
    assert noted.text == "➡️ Réponse retenue pour « Combien d'habitants compte ce territoire ? » : 1600."


async def test_guillemets_hold_to_the_name_they_quote(client):
    await client.send("/start")
    await client.send("France services de la Vallée du Lot et du Célé")
    chosen = await client.send("Vallée du Lot")
    # What Telegram receives: a phone that wraps the line cannot leave "»" at the start of the next one.
    assert "«\u00a0France services de la Vallée du Lot et du Célé\u00a0»" in chosen[-1].markup
    assert "« " not in chosen[-1].markup and " »" not in chosen[-1].markup


async def test_newcomer_creates_a_project_and_gets_the_first_question(client, services):
    replies = await create_project(client)
    texts = "\n".join(r.text for r in replies)
    assert "MSAP du Val de Sèvre" in texts and "CC du Haut-Val de Sèvre" in texts
    assert "Étape 1 : Établir un diagnostic pour définir le projet" in texts
    assert "Points d'attention de la fiche" in texts
    first = services.guide.steps[0].questions[0]
    assert question_in(services.guide, replies[-1]) == first


async def test_stage_one_completed_end_to_end(client, services):
    guide = services.guide
    replies = await create_project(client)
    for step in guide.stages[0].steps:
        recap = await walk_step(client, guide, replies, {"enjeux": "1, 2"})
        assert f"Récapitulatif : {step.title}" in recap[-1].text
        assert "pas encore répondu" not in recap[-1].text
        replies = await client.click("Étape suivante")
    assert "Étape 1 terminée : Établir un diagnostic pour définir le projet" in replies[0].text
    assert "✅ Recommandation · Un chef de projet identifié : suivie" in replies[0].text
    assert "Étape 2 : Monter le partenariat" in replies[1].text
    with Session(services.database) as session:
        answered = session.scalars(select(Answer.question_id).where(Answer.is_current.is_(True))).all()
    required = [q.id for step in guide.stages[0].steps for q in step.questions if q.required]
    assert set(required) <= set(answered)


async def test_invalid_answer_gets_an_example_and_the_same_question(client, services):
    await create_project(client)
    await client.send("Marie Dupont")
    await client.click("Passer")
    await client.click("Mi-temps")
    await client.click("Étape suivante")
    await client.click("Cohésion sociale")
    await client.click("Valider")
    # Skip forward to the population, an integer question.
    for _ in range(10):
        last = client.last()
        question = question_in(services.guide, last)
        if question.id == "population":
            break
        await client.click("Passer")
    replies = await client.send("beaucoup")
    assert "Je n'ai pas reconnu un nombre. Tapez-le en chiffres, comme dans l'exemple de la question." \
        in replies[0].text
    assert question_in(services.guide, replies[-1]).id == "population"
    assert "La population à l'année, selon l'Insee. Exemple : 12 400 habitants." in replies[-1].text
    replies = await client.send("4 500 l'hiver, plus de 15 000 l'été avec les touristes")  # a tourist territory
    assert replies[0].text == ("⚠️ J'ai lu plusieurs nombres : 4 500 et 15 000. Cette question en attend un seul : "
                               "tapez celui à retenir.")
    assert question_in(services.guide, replies[-1]).id == "population"
    replies = await client.send("12 400 habitants")
    assert question_in(services.guide, replies[-1]).id != "population"


async def reach_recap_of_first_step(client):
    await create_project(client)
    await client.send("Marie Dupont")
    await client.send("Chargée de mission")
    return await client.click("Mi-temps")


async def test_back_reopens_the_previous_question_and_keeps_the_answer(client, services):
    await create_project(client)
    await client.send("Marie Dupont")
    replies = await client.click("Retour")
    question = question_in(services.guide, replies[-1])
    assert question.id == "chef_projet_nom"
    assert "Réponse actuelle : Marie Dupont" in replies[-1].text
    replies = await client.send("Marie-Hélène Dupont")
    assert question_in(services.guide, replies[-1]).id == "chef_projet_fonction"


async def test_a_reopened_answer_is_kept_with_a_tap_and_passing_never_erases_it(client, services):
    """Back on an answered question, "✅ Garder cette réponse" goes on without retyping it; "Passer", which would
    have stored "passée" over it, is not offered, and typed it keeps the answer too."""
    await create_project(client)
    await client.send("Marie Dupont")
    await client.send("Chargée de mission")
    replies = await client.click("↩️ Retour")
    asked = replies[-1]
    assert question_in(services.guide, asked).id == "chef_projet_fonction"
    assert "Réponse actuelle : Chargée de mission" in asked.text
    assert "✅ Garder cette réponse" in asked.labels and "⏭️ Passer" not in asked.labels
    replies = await client.click("✅ Garder cette réponse")
    assert replies[0].text == "Quelle est sa fonction et dans quelle structure ?\n➡️ Chargée de mission"
    assert question_in(services.guide, replies[-1]).id == "chef_projet_temps"
    await client.click("↩️ Retour")
    replies = await client.click("↩️ Retour")  # a required question: no "Passer" either way
    assert "✅ Garder cette réponse" in replies[-1].labels
    await client.click("✅ Garder cette réponse")
    await client.click("↩️ Retour")
    replies = await client.send("passer")
    assert "➡️ Chargée de mission" in replies[0].text
    with services.database.connect() as connection:
        answers = Repository(connection).answers(1)
    assert (answers["chef_projet_nom"].value, answers["chef_projet_fonction"].value) == (
        "Marie Dupont", "Chargée de mission")


async def test_an_optional_answer_can_be_erased_and_a_required_one_cannot(client, services):
    """Back on an answered optional question, "🗑 Effacer la réponse" passes it, its answer kept in the history; a
    required question does not offer it, and the same tap forged there changes nothing."""
    await create_project(client)
    await client.send("Marie Dupont")
    await client.send("Chargée de mission")
    asked = (await client.click("↩️ Retour"))[-1]
    assert "🗑 Effacer la réponse" in asked.labels
    clear = next(b["callback_data"] for row in asked.buttons for b in row if b["text"] == "🗑 Effacer la réponse")
    replies = await client.click("🗑 Effacer la réponse")
    assert replies[0].text == "Quelle est sa fonction et dans quelle structure ?\n➡️ réponse effacée"
    assert question_in(services.guide, replies[-1]).id == "chef_projet_temps"
    await client.click("↩️ Retour")
    asked = (await client.click("↩️ Retour"))[-1]
    assert question_in(services.guide, asked).id == "chef_projet_nom"
    assert "🗑 Effacer la réponse" not in asked.labels
    current = decode(asked.buttons[0][0]["callback_data"]).revision
    forged = replace(decode(clear), revision=current, question=None)
    since = len(client.api.calls)
    await client.deliver(client.press_update(client.api.messages[max(client.api.messages)], forged.encode()))
    assert client.api.toasts(since) == ["Cette question est obligatoire : merci d'y répondre."]
    with services.database.connect() as connection:
        repo = Repository(connection)
        answers, history = repo.answers(1), repo.history(1, "chef_projet_fonction")
    assert (answers["chef_projet_nom"].status, answers["chef_projet_nom"].value) == ("answered", "Marie Dupont")
    assert answers["chef_projet_fonction"].status == "skipped"
    assert [(a.status, a.value) for a in history] == [("answered", "Chargée de mission"), ("skipped", None)]


async def test_back_at_the_very_first_question_says_so(client, api):
    await create_project(client)
    since = len(api.calls)
    replies = await client.click("Retour")
    assert api.toasts(since) == ["Vous êtes déjà au début du guide."]
    assert "Qui est le chef de projet" in replies[-1].text


async def test_change_an_answer_from_the_recap_keeps_history(client, services):
    recap = await reach_recap_of_first_step(client)
    assert "Récapitulatif" in recap[-1].text and "Chargée de mission" in recap[-1].text
    replies = await client.click("✏️ 2")
    assert "Réponse actuelle : Chargée de mission" in replies[-1].text
    invalid = await client.send("   ")
    assert "Votre réponse est vide" in invalid[0].text
    replies = await client.send("Directrice générale des services")
    assert "Récapitulatif" in replies[-1].text
    assert "Directrice générale des services" in replies[-1].text
    assert "Chargée de mission" not in replies[-1].text
    with Session(services.database) as session:
        values = session.scalars(select(Answer.value).where(Answer.question_id == "chef_projet_fonction")
                                 .order_by(Answer.id)).all()
    assert values == ["Chargée de mission", "Directrice générale des services"]


async def test_skip_and_defer_are_recorded_and_shown(client, services):
    await create_project(client)
    await client.send("Marie Dupont")
    skipped = await client.click("Passer")
    assert skipped[0].method == "editMessageText" and "question passée" in skipped[0].text
    deferred = await client.click("Je ne sais pas encore")
    assert "à compléter plus tard" in deferred[0].text
    assert "question passée" in deferred[-1].text and "à compléter plus tard" in deferred[-1].text
    progress = await client.send("/avancement")
    assert "1 à compléter plus tard" in progress[-1].text


async def test_typed_words_for_a_button_or_a_command_are_never_taken_as_the_answer(client, services):
    """A phone user types "aide" or "je ne sais pas" where a tap or a slash was expected: the project leader's
    name must not become "aide"."""
    replies = await create_project(client)
    guide = services.guide
    assert question_in(guide, replies[-1]).id == "chef_projet_nom"
    replies = await client.send("aide")
    assert "Comment fonctionne le guide" in replies[0].text
    replies = await client.send("Menu")
    assert replies[0].text.startswith("☰ Menu")
    replies = await client.send("passer")  # said to the menu, not to the question out of sight: shown again
    assert replies[0].text.startswith("ℹ️ Je n'ai rien enregistré")
    assert question_in(guide, replies[-1]).id == "chef_projet_nom"
    # A required question cannot be passed: said as a message, since a typed word has no toast.
    replies = await client.send("passer")
    assert replies[0].text == "ℹ️ Cette question est obligatoire : merci d'y répondre."
    assert question_in(guide, replies[-1]).id == "chef_projet_nom"
    replies = await client.send("Je ne sais pas.")
    assert "à compléter plus tard" in replies[0].text and question_in(guide, replies[-1]).id == "chef_projet_fonction"
    replies = await client.send("passer")
    assert "question passée" in replies[0].text
    replies = await client.send("retour")
    assert question_in(guide, replies[-1]).id == "chef_projet_fonction"
    with services.database.connect() as connection:
        answers = Repository(connection).answers(1)
    assert {question: (answer.status, answer.value) for question, answer in answers.items()} == {
        "chef_projet_nom": ("deferred", None), "chef_projet_fonction": ("skipped", None)}


async def test_a_required_question_offers_no_skip(client):
    replies = await create_project(client)
    assert "Passer" not in replies[-1].labels
    assert "obligatoire" in replies[-1].text


async def test_a_required_question_can_wait_but_the_next_step_waits_for_it(client, services):
    """Who does not know yet types nothing false: the step goes on, its recap says what is left, and the step
    after waits for the answer."""
    replies = await create_project(client)
    assert "🕓 Je ne sais pas encore" in replies[-1].labels
    replies = await client.click("Je ne sais pas encore")
    assert "à compléter plus tard" in replies[0].text
    assert question_in(services.guide, replies[-1]).id == "chef_projet_fonction"
    await client.send("Chargée de mission")
    recap = (await client.click("Mi-temps"))[-1]
    assert "1. Qui est le chef de projet de la future Maison ?\n➡️ à compléter plus tard" in recap.text
    replies = await client.click("Étape suivante")
    assert "Avant l'étape suivante, il reste une réponse obligatoire" in replies[0].text
    assert "Vous l'aviez gardée pour plus tard. Répondez maintenant pour continuer cette étape. Sinon, /menu mène " \
           "aux autres étapes, et /a_traiter la garde en mémoire." in replies[0].text
    assert question_in(services.guide, replies[-1]).id == "chef_projet_nom"
    assert "Qui est le chef de projet" in (await client.send("/a_traiter"))[-1].text
    assert "Récapitulatif : Le chef de projet" in (await client.send("Marie Dupont"))[-1].text
    moved = question_in(services.guide, (await client.click("Étape suivante"))[-1])
    assert services.guide.step_of_question[moved.id].id != "chef_de_projet"


async def test_goto_a_stage_from_the_menu(client, services):
    await reach_recap_of_first_step(client)
    await client.click("Étape suivante")
    menu = await client.send("/menu")
    assert "▶️ Continuer" in menu[-1].labels and "📊 Avancement" in menu[-1].labels
    replies = await client.click("1. Établir un diagnostic")
    assert "Étape 1 : Établir un diagnostic" in replies[0].text
    assert "Récapitulatif : Le chef de projet" in replies[-1].text


async def test_a_button_from_an_old_message_shows_the_current_question(client, api, services):
    await create_project(client)
    old_question = client.last()
    await client.send("Marie Dupont")
    stale = client.press_update(api.messages[old_question.message_id],
                                old_question.buttons[0][0]["callback_data"])
    since = len(api.calls)
    replies = await client.deliver(stale)
    assert api.toasts(since) == ["Ce bouton date d'un ancien message. Voici la question en cours."]
    assert question_in(services.guide, replies[-1]).id == "chef_projet_fonction"


async def test_forged_button_data_is_treated_as_stale(client, api, services):
    await create_project(client)
    message = api.messages[client.last().message_id]
    for data in ["999:1:o:0", "garbage", "1:x:o:0", "1::g:99", ""]:
        replies = await client.deliver(client.press_update(message, data))
        assert question_in(services.guide, replies[-1]).id == "chef_projet_nom"


async def test_stickers_photos_and_voice_notes_get_a_polite_answer(client, services):
    await create_project(client)
    sticker = {"file_id": "s1", "file_unique_id": "s1", "width": 512, "height": 512, "is_animated": False,
               "is_video": False, "type": "regular"}
    replies = await client.send_other(sticker=sticker)
    assert "je ne lis que du texte" in replies[0].text
    assert question_in(services.guide, replies[-1]).id == "chef_projet_nom"
    replies = await client.send_other(voice={"file_id": "v", "file_unique_id": "v", "duration": 3})
    assert "messages vocaux" in replies[0].text
    replies = await client.send_other(photo=[{"file_id": "p", "file_unique_id": "p", "width": 1, "height": 1}])
    assert "images" in replies[0].text
    replies = await client.send_other(document={"file_id": "d", "file_unique_id": "d"})
    assert "fichiers" in replies[0].text
    replies = await client.send_other(location={"latitude": 45.11, "longitude": 2.87})  # shared from the map
    assert replies[0].text == "📍 Je ne lis pas les positions sur une carte. Pour une adresse, tapez-la : numéro, " \
                              "rue, code postal et commune. Répondez par écrit ou avec les boutons, s'il vous plaît."


async def test_the_same_update_delivered_twice_is_handled_once(client, services):
    await create_project(client)
    update = client.message_update("Marie Dupont")
    first = await client.deliver(update)
    again = await client.deliver(update)
    assert first and again == []
    with Session(services.database) as session:
        rows = session.scalars(select(Answer).where(Answer.question_id == "chef_projet_nom")).all()
    assert len(rows) == 1


async def test_hostile_and_long_answers_come_back_verbatim(client, services):
    hostile = "Élodie <b>Çà</b> & {{ 7*7 }} 🚀 <img src=\"http://evil.example/x.png\"> ]]> مرحبا"
    replies = await create_project(client, name=hostile, territory="{% raw %}x & <i>y</i>")
    assert any(hostile in r.text for r in replies) and any("{% raw %}x & <i>y</i>" in r.text for r in replies)
    await client.send(hostile)
    await client.send(f"{hostile} (fonction)")  # the same text again at once would be said sent twice
    recap = await client.click("Mi-temps")
    assert recap[-1].text.count(hostile) == 2
    assert "49" not in recap[-1].text
    # A 5,000-character answer to a long-text question: accepted, and shown whole over several messages.
    await client.click("Étape suivante")
    await client.click("Cohésion sociale")
    await client.click("Valider")
    await client.click("Passer")
    question = question_in(services.guide, client.last())
    assert question.id == "objectifs"
    essay = ("Notre territoire mérite une Maison <ouverte> & accueillante. " * 90)[:5000]
    await client.send(essay)
    for _ in range(20):
        if "Étape suivante ➡️" in client.last().labels:
            break
        await client.click("Passer")
    await client.click("✏️ 1")
    recap = await client.send("Cohésion sociale")
    shown = "".join(r.text for r in recap if r.method == "sendMessage")
    assert essay.replace(" ", "") in shown.replace(" ", "").replace("\n", "")
    assert all(len(r.text) <= 4096 for r in recap)


async def test_a_too_long_short_answer_is_refused_with_the_limit(client):
    await create_project(client)
    replies = await client.send("x" * 301)
    assert "trop longue (301 caractères, 300 au plus)" in replies[0].text


async def test_an_unknown_command_lists_the_commands(client):
    await create_project(client)
    replies = await client.send("/rapport")
    assert "/rapport" in replies[0].text and "/menu" in replies[0].text and "/dossier" in replies[0].text


async def test_help_and_start_for_a_returning_user(client):
    await reach_recap_of_first_step(client)
    help_reply = await client.send("/aide")
    assert "Comment fonctionne le guide" in help_reply[0].text
    start = await client.send("/start")
    assert "Bon retour" in start[0].text and "Le chef de projet" in start[0].text
    replies = await client.click("Continuer")
    assert "Récapitulatif : Le chef de projet" in replies[-1].text


async def test_a_link_typed_as_an_answer_is_never_previewed(client, api):
    """Telegram would fetch a previewed link: every message the bot sends or edits has previews off."""
    await create_project(client)
    await client.send("https://exemple.org/chef-de-projet")
    await client.click("Passer")
    recap = await client.click("Temps plein")
    assert "https://exemple.org/chef-de-projet" in recap[-1].text
    calls = [params for name, params in api.calls if name in ("sendMessage", "editMessageText")]
    assert any("https://exemple.org" in params["text"] for params in calls)
    assert calls and all(params.get("link_preview_options") in ({"is_disabled": True}, '{"is_disabled": true}')
                         for params in calls)


async def test_part_of_an_option_is_answered_with_the_options_it_may_mean(client, services):
    await create_project(client)
    await client.send("Marie Dupont")
    await client.send("Chargée de mission")
    told = (await client.send("piscine"))[0].text   # no option holds it: nothing to suggest
    assert told == "⚠️ Je n'ai pas reconnu « piscine ». Utilisez les boutons, ou tapez le numéro d'une réponse."
    told = (await client.send("plein"))[0].text
    assert told == ("⚠️ Je n'ai pas reconnu « plein ». Vouliez-vous dire 1. Temps plein ? Tapez son numéro, ou "
                    "utilisez les boutons.")
    told = (await client.send("temps"))[0].text
    assert "Vouliez-vous dire 1. Temps plein, 2. Mi-temps ou 3. Moins d'un mi-temps ? Tapez le numéro voulu" in told
    with services.database.connect() as connection:
        assert "chef_projet_temps" not in Repository(connection).answers(1)   # nothing guessed, nothing stored
    assert "Récapitulatif" in (await client.send("1"))[-1].text


async def test_a_project_leaders_time_said_in_figures_is_the_option_it_falls_in(client, services):
    """"20% de mon temps environ" was refused; "80 %" is between two options, which the chat does not pick."""
    await create_project(client)
    await client.send("Nathalie Payet")
    await client.send("Responsable du pôle finances")
    told = (await client.send("80 %"))[0].text
    assert told == ("⚠️ « 80 % » se situe entre 2. Mi-temps et 1. Temps plein. Tapez le numéro le plus proche, ou "
                    "utilisez les boutons.")
    with services.database.connect() as connection:
        assert "chef_projet_temps" not in Repository(connection).answers(1)
    replies = await client.send("20% de mon temps environ")
    assert "➡️ Réponse retenue : Moins d'un mi-temps." in replies[0].text
    assert "Récapitulatif" in replies[-1].text
    with services.database.connect() as connection:
        assert Repository(connection).answers(1)["chef_projet_temps"].value == "temps_partiel"


async def test_a_multiple_choice_not_understood_says_several_numbers_may_be_typed(client, services):
    await reach_recap_of_first_step(client)
    asked = (await client.click("Étape suivante"))[-1]
    assert question_in(services.guide, asked).kind.value == "multi_choice"
    told = (await client.send("les trois premiers"))[0].text
    assert told == ("⚠️ Je n'ai pas reconnu « les trois premiers ». Utilisez les boutons, ou tapez les numéros des "
                    "réponses, ou « tous ». Exemple : 1, 3.")
    moved = (await client.send("1 et 2"))[-1]
    assert question_in(services.guide, moved) != question_in(services.guide, asked)
