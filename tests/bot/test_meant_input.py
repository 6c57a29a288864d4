"""Messages as the user meant them: a long paste the app cut in parts is one answer; a double tap acts once.

Through the real Application and the fake Bot API. "Within a few seconds" is read from the Telegram dates of
the messages, set here by hand; the engine's clock is the tests' frozen clock.
"""
from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from states.paste import TELEGRAM_TEXT_LIMIT
from store.models import Answer, Project
from store.repo import Repository
from tests.bot.test_conversation import create_project
from tests.support.telegram import FRANCE_SERVICES_RULES
from tests.support.walk import answer, answer_text, kept_without, question_in, walk_step

ALREADY = "C'est déjà pris en compte."
NOT_SURE = " Pas encore sûr ? Touchez « 🕓 Je ne sais pas encore »."
STALE = "Ce bouton date d'un ancien message. Voici la question en cours."
# The parts of the paste: Telegram apps cut a longer text at 4,096 characters and send the rest right after.
HEAD = ("Notre Maison accueillera chaque habitant, près de chez lui, pour ses démarches du quotidien. " * 50)[
    :TELEGRAM_TEXT_LIMIT]
TAIL = "Elle travaillera avec la CAF, la CPAM, Pôle emploi et La Poste, dans un esprit de service public."
TAIL = (TAIL + " " + "Accueil sans rendez-vous.")[:104]


def versions(services, question_id: str) -> list:
    with Session(services.database) as session:
        return session.scalars(select(Answer.value).where(Answer.question_id == question_id)
                               .order_by(Answer.id)).all()


def sent_at(services, seconds: int = 0) -> int:
    """A Telegram message date (Unix seconds): the tests' today, plus `seconds`."""
    return int(services.engine.clock().timestamp()) + seconds


async def reach_stakes(client):
    """Stage 1, step 2, at « enjeux », a multiple choice offering « Autre »."""
    await create_project(client)
    await to_the_stakes(client)


async def to_the_stakes(client):
    """From a new project's first question to « enjeux »."""
    await client.send("Marie Dupont")
    await client.send("Chargée de mission")
    await client.click("Mi-temps")
    await client.click("Étape suivante")


async def to_the_population(client) -> list:
    """From a new project's first question to « population », the territory passed; its question's messages."""
    await to_the_stakes(client)
    await client.click("Cohésion sociale")
    await client.click("Valider")
    for _ in range(3):  # what cohesion means here, the objectives, the territory
        asked = await client.click("Passer")
    return asked


@pytest.mark.parametrize(("both", "why"), [
    ("les deux : ",
     "la trésorerie de Saint-Éloy a fermé en 2024 et beaucoup de personnes âgées sans voiture ni internet"),
    ("LES DEUX. ", "la MSAP de la poste a fermé en 2022 et depuis les gens vont a Mortagne ou Nogent (25 km)")])
async def test_every_option_said_then_why_ticks_them_all_and_says_the_why_not_kept(client, services, both, why):
    """Saint-Éloy: "les deux : la trésorerie … a fermé en 2024 …" at « Quels enjeux la Maison doit-elle servir ? » was
    « Autre », worded with the whole text; Rémalard-en-Perche: "LES DEUX. la MSAP de la poste a fermé…" too."""
    await reach_stakes(client)
    understood, _ = await client.send(f"{both}{why}")
    assert understood.text == kept_without("Cohésion sociale, Maillage territorial", why)
    assert versions(services, "enjeux") == [["cohesion_sociale", "maillage_territorial"]]


async def test_a_social_stake_said_with_a_verb_is_its_option(client, services):
    """Saint-Éloy: "surtout accompagner les personnes âgées dans leurs démarches en ligne" at « En matière de
    cohésion sociale, que visez-vous ? » was « Autre », worded with the whole text."""
    await reach_stakes(client)
    await client.send("les deux")
    understood, _ = await client.send("surtout accompagner les personnes âgées dans leurs démarches en ligne")
    assert understood.text == kept_without("Accompagnement des personnes", "âgées dans leurs démarches en ligne")
    assert versions(services, "enjeux_cohesion") == [["accompagnement_personnes"]]


async def test_a_social_stake_said_with_what_it_is_above_all_is_its_option(client, services):
    """Rémalard-en-Perche: "accompagnement surtout les personnes agees, les demarches en ligne" was « Autre », worded
    with the whole text."""
    await reach_stakes(client)
    await client.send("les deux")
    understood, _ = await client.send("accompagnement surtout les personnes agees, les demarches en ligne")
    assert understood.text == kept_without("Accompagnement des personnes",
                                           "surtout les personnes agees, les demarches en ligne")
    assert versions(services, "enjeux_cohesion") == [["accompagnement_personnes"]]


async def test_a_territorial_stake_said_with_what_it_is_about_is_its_option(client, services):
    """Saint-Éloy: "…, l'isolement des hameaux et le bus qui ne passe que 2 fois par semaine" made both the « Autre »."""
    await reach_stakes(client)
    await client.send("les deux")
    await client.send("accompagner les personnes")
    understood, _ = await client.send("la fermeture de la trésorerie, l'isolement des hameaux et le bus qui ne passe "
                                      "que 2 fois par semaine")
    assert understood.text == (
        kept_without("Isolement territorial, Disparition de services classiques, Autre", "de la trésorerie",
                     "des hameaux") + "\n📝 Et à « Quel autre enjeu de maillage territorial ? », j'ai noté : le bus qui "
        "ne passe que 2 fois par semaine.")
    await client.click("↩️ Retour")
    await client.click("↩️ Retour")  # back at the territorial stakes
    understood, _ = await client.send("la fermeture des services publics et l'éloignement, Angoulême est à 35 km")
    assert understood.text == kept_without("Isolement territorial, Disparition de services classiques",
                                           "des services publics", "Angoulême est à 35 km")
    assert versions(services, "enjeux_maillage")[-1] == ["isolement_territorial", "disparition_services"]


async def reach_objectives(client, services):
    """Stage 1, step 2, at « objectifs », a long-text question."""
    await reach_stakes(client)
    await client.click("Cohésion sociale")
    await client.click("Valider")
    await client.click("Passer")
    assert question_in(services.guide, client.last()).id == "objectifs"


async def reach_population(client, services):
    """Stage 1, step 2, at « population », a number."""
    await reach_objectives(client, services)
    await client.click("Passer")
    await client.click("Passer")
    assert question_in(services.guide, client.last()).id == "population"


async def reach_prefecture_question(client, guide):
    """Stage 1, at « Avez-vous contacté votre référent en Préfecture ? », every step before it walked."""
    await create_project(client)
    replies = [client.last()]
    while question_in(guide, replies[-1]).id != "prefecture_contactee":
        await walk_step(client, guide, replies)
        replies = await client.click("Étape suivante")


async def test_a_yes_with_who_and_when_answers_the_name_and_the_date(client, services):
    """Saint-Éloy: "oui, Mme Besson, sous-préfecture de Riom, rencontrée le 18 novembre" noted the date, then asked
    « Quel est le nom de votre référent en Préfecture ? »."""
    guide = services.guide
    await reach_prefecture_question(client, guide)
    *said, asked = await client.send("oui, Mme Besson, sous-préfecture de Riom, rencontrée le 18 novembre")
    assert [reply.text for reply in said][1:] == [
        "➡️ Réponse retenue pour « Quel est le nom de votre référent en Préfecture ? » : Mme Besson, sous-préfecture "
        "de Riom."]
    assert versions(services, "referent_nom") == ["Mme Besson, sous-préfecture de Riom"]
    assert len(versions(services, "date_premier_contact")) == 1
    assert question_in(guide, asked).id not in ("referent_nom", "date_premier_contact")


async def test_a_yes_saying_whom_one_spoke_to_keeps_the_name_alone(client, services):
    """Val-de-Bonnieure: "oui, j'ai eu M. Rivière de la sous-préfecture de Confolens au téléphone la semaine
    dernière" was the referent's name, the whole sentence, with a notice that « j' » named no one."""
    guide = services.guide
    await reach_prefecture_question(client, guide)
    said, asked = await client.send("oui, j'ai eu M. Rivière de la sous-préfecture de Confolens au téléphone la "
                                    "semaine dernière")
    assert said.text == ("➡️ Réponse retenue : Oui.\n📝 Et à « Quel est le nom de votre référent en Préfecture ? », "
                         "j'ai noté : M. Rivière de la sous-préfecture de Confolens.")
    assert versions(services, "referent_nom") == ["M. Rivière de la sous-préfecture de Confolens"]
    assert question_in(guide, asked).id == "date_premier_contact"
    # "la semaine dernière, mardi je crois" was "Je n'ai pas reconnu une date" (the tests' today: Thursday 1 July)
    said, asked = await client.send("la semaine dernière, mardi je crois")
    assert said.text == ("📅 Date retenue : mardi 22 juin 2027.\nℹ️ Cette question ne garde pas de précision : « je "
                         "crois » n'est pas enregistré.")
    assert versions(services, "date_premier_contact") == ["2027-06-22"]


async def test_a_yes_saying_an_appointment_with_whom_keeps_whom(client, services):
    """Rémalard-en-Perche: "oui, RDV avec la sous prefete de Mortagne le 3/11" noted the date, and « RDV avec la sous
    prefete de Mortagne » as the referent's name."""
    guide = services.guide
    await reach_prefecture_question(client, guide)
    *said, asked = await client.send("oui, RDV avec la sous prefete de Mortagne le 3/6")  # past on the tests' clock
    assert said[-1].text == ("➡️ Réponse retenue pour « Quel est le nom de votre référent en Préfecture ? » : la sous "
                             "prefete de Mortagne.")
    assert versions(services, "referent_nom") == ["la sous prefete de Mortagne"]
    assert versions(services, "date_premier_contact") == ["2027-06-03"]
    assert question_in(guide, asked).id == "documents_recus"


async def send_at(client, text: str, date: int):
    return await client.deliver(client.message_update(text, date=date))


def test_the_parts_are_what_the_issue_describes():
    assert (len(HEAD), len(TAIL)) == (4096, 104)
    assert HEAD[-1] != " " and TAIL[0] != " " and TAIL[-1] != " "


async def test_a_long_paste_in_two_messages_is_one_answer(client, services):
    await reach_objectives(client, services)
    objectives = services.guide.questions["objectifs"]
    head = await send_at(client, HEAD, sent_at(services))
    following = question_in(services.guide, head[-1])
    assert following is not None and following.id != "objectifs"

    tail = await send_at(client, TAIL, sent_at(services, 1))
    assert tail[0].text == ("✂️ Telegram a envoyé votre long texte en plusieurs messages. J'ai ajouté cette suite à "
                            f"votre réponse à « {objectives.prompt} », qui compte maintenant 4200 caractères.")
    # The question that followed the first part is still the one asked: the second part did not answer it.
    assert question_in(services.guide, tail[-1]) == following
    assert versions(services, "objectifs") == [HEAD, HEAD + TAIL]  # a new version; the first one kept
    assert versions(services, following.id) == []
    # The second part was short of the limit: the paste ended there, the next text answers the question.
    await send_at(client, "Une réponse tapée à la main.", sent_at(services, 2))
    assert versions(services, following.id) == ["Une réponse tapée à la main"]  # a short text, without its stop
    assert versions(services, "objectifs") == [HEAD, HEAD + TAIL]


async def test_three_parts_counted_as_telegram_counts(client, services):
    await reach_objectives(client, services)
    # An emoji outside the Basic Multilingual Plane counts two towards Telegram's limit.
    first, second, third = "🚀" + HEAD[:TELEGRAM_TEXT_LIMIT - 2], HEAD, TAIL
    assert len(first) == 4095
    await send_at(client, first, sent_at(services))
    await send_at(client, second, sent_at(services, 1))
    replies = await send_at(client, third, sent_at(services, 2))
    assert "qui compte maintenant 8295 caractères" in replies[0].text
    assert versions(services, "objectifs")[-1] == first + second + third


async def test_a_text_after_the_window_answers_the_next_question(client, services):
    await reach_objectives(client, services)
    head = await send_at(client, HEAD, sent_at(services))
    following = question_in(services.guide, head[-1])
    late = await send_at(client, TAIL, sent_at(services, 6))
    assert "✂️" not in late[0].text
    assert versions(services, "objectifs") == [HEAD]
    assert versions(services, following.id) != []


async def test_a_text_short_of_the_limit_is_not_cut(client, services):
    await reach_objectives(client, services)
    head = await send_at(client, HEAD[:-1], sent_at(services))
    following = question_in(services.guide, head[-1])
    await send_at(client, TAIL, sent_at(services))
    assert versions(services, "objectifs") == [HEAD[:-1]]
    assert versions(services, following.id) != []


async def test_the_rest_of_a_refused_paste_is_not_taken_either(client, services):
    await create_project(client)  # at « chef_projet_nom », a short text: 300 characters at most
    refused = await send_at(client, HEAD, sent_at(services))
    assert "trop longue (4096 caractères, 300 au plus)" in refused[0].text
    replies = await send_at(client, TAIL, sent_at(services, 1))
    assert [r.text for r in replies] == [
        "✂️ Ce message est la suite du précédent, que Telegram a coupé parce qu'il était long. Le début n'a pas "
        "été retenu comme réponse : la suite ne l'est pas non plus."]
    assert versions(services, "chef_projet_nom") == []
    answered = await client.send("Marie Dupont")
    assert question_in(services.guide, answered[-1]).id == "chef_projet_fonction"


async def test_a_paste_too_long_once_joined_asks_the_question_again(client, services):
    await reach_objectives(client, services)
    parts = [HEAD, HEAD, TAIL * 20]  # 10,272 characters: 10,000 at most
    for seconds, part in enumerate(parts):
        replies = await send_at(client, part, sent_at(services, seconds))
    assert "ne peut pas être enregistrée : seul le début est conservé" in replies[0].text
    assert "trop longue (10272 caractères, 10000 au plus)" in replies[1].text
    # Asked again with its current answer, the first two parts: several messages, the question first.
    assert question_in(services.guide, replies[2]).id == "objectifs"
    assert "✅ Garder cette réponse" in replies[-1].labels  # the buttons go under the last part
    assert versions(services, "objectifs") == [HEAD, HEAD + HEAD]
    await client.send("Un texte plus court.")
    assert versions(services, "objectifs")[-1] == "Un texte plus court."


async def test_a_double_tap_on_a_choice_acts_once_and_sends_nothing_more(client, api, services):
    await create_project(client)
    first_question = client.last()
    await client.send("Marie Dupont")
    await client.send("Chargée de mission")
    # Both taps reach the bot before the phone shows the edited message.
    tap, again = client.button_update("Mi-temps"), client.button_update("Mi-temps")
    replies = await client.deliver(tap)
    assert "Récapitulatif : Le chef de projet" in replies[-1].text
    since = len(api.calls)
    assert await client.deliver(again) == []
    assert [name for name, _ in api.calls[since:]] == ["answerCallbackQuery"]
    assert api.toasts(since) == [ALREADY]
    assert len(versions(services, "chef_projet_temps")) == 1
    # A button of an old message is still a stale button.
    since = len(api.calls)
    stale = client.press_update(api.messages[first_question.message_id],
                                first_question.buttons[-1][0]["callback_data"])
    replies = await client.deliver(stale)
    assert api.toasts(since) == [STALE]
    assert "Récapitulatif : Le chef de projet" in replies[-1].text


async def test_a_double_tap_on_validate_sends_the_next_question_once(client, api, services):
    await create_project(client)
    await client.send("Marie Dupont")
    await client.send("Chargée de mission")
    await client.click("Mi-temps")
    await client.click("Étape suivante")
    await client.click("Cohésion sociale")
    tap, again = client.button_update("Valider"), client.button_update("Valider")
    replies = await client.deliver(tap)
    after = question_in(services.guide, replies[-1])
    since = len(api.calls)
    assert await client.deliver(again) == []
    assert api.toasts(since) == [ALREADY]
    assert question_in(services.guide, client.last()) == after
    assert len(versions(services, "enjeux")) == 1


async def test_a_double_tap_on_a_toggle_ticks_once(client, api, services):
    await create_project(client)
    await client.send("Marie Dupont")
    await client.send("Chargée de mission")
    await client.click("Mi-temps")
    await client.click("Étape suivante")  # at « enjeux », a multiple choice
    tap, again = client.button_update("Cohésion sociale"), client.button_update("Cohésion sociale")
    await client.deliver(tap)
    assert await client.deliver(again) == []
    assert "☑️ Cohésion sociale" in client.last().labels  # ticked once, not ticked and unticked again
    assert api.toasts()[-1] == ALREADY


async def test_a_button_of_any_old_message_acts_again_once_the_moment_has_passed(client, api, services):
    await create_project(client)
    await client.send("/menu")
    tap, again = client.button_update("Avancement"), client.button_update("Avancement")
    progress = await client.deliver(tap)
    assert progress[-1].text.startswith("📊 Avancement : MSAP du Val de Sèvre")
    since = len(api.calls)
    assert await client.deliver(again) == []
    assert api.toasts(since) == [ALREADY]
    # Menu, progress, documents… are valid from any old message: later, the same button acts again.
    services.engine.clock.advance(seconds=31)
    since = len(api.calls)
    later = await client.deliver(client.press_update(api.messages[tap["callback_query"]["message"]["message_id"]],
                                                     tap["callback_query"]["data"]))
    assert [r.text for r in later] == [progress[-1].text] and api.toasts(since) == [None]


async def test_a_tap_that_only_toasts_toasts_again(client, api, services):
    await create_project(client)
    await client.send("Marie Dupont")
    await client.send("Chargée de mission")
    await client.click("Mi-temps")
    await client.click("Étape suivante")  # at « enjeux »: nothing ticked yet
    since = len(api.calls)
    assert await client.click("Valider") == [] and await client.click("Valider") == []
    assert api.toasts(since) == [services.ui.notices.pick_one] * 2


async def test_a_tap_after_other_input_is_not_a_repeat(client, api, services):
    await create_project(client)
    await client.send("/menu")
    tap, again = client.button_update("Avancement"), client.button_update("Avancement")
    await client.deliver(tap)
    await client.send_other(sticker={"file_id": "s1", "file_unique_id": "s1", "width": 512, "height": 512,
                                     "is_animated": False, "is_video": False, "type": "regular"})
    since = len(api.calls)
    replies = await client.deliver(again)
    assert replies[-1].text.startswith("📊 Avancement") and api.toasts(since) == [None]



KEPT = ("✏️ Vous avez modifié un message déjà envoyé. Je garde le message d'origine : pour changer une réponse, "
        "utilisez ↩️ Retour, ou ✏️ dans le récapitulatif de l'étape.")


async def test_a_typo_fixed_by_editing_the_message_fixes_the_answer_it_gave(client, services):
    """People fix a typo by editing the message they sent: the answer it gave becomes the new text, a new version
    in its history, and the guide stays at the question in course."""
    await create_project(client)
    sent = client.message_update("Camille Delma")
    await client.deliver(sent)
    await client.send("Chargée de mission")
    replies = await client.deliver(client.edit_update(sent, "Camille Delmas"))
    assert replies[0].text == "✏️ Modification prise en compte.\nQui est le chef de projet de la future Maison ?\n" \
                              "➡️ Camille Delmas"
    assert question_in(services.guide, replies[-1]).id == "chef_projet_temps"
    assert versions(services, "chef_projet_nom") == ["Camille Delma", "Camille Delmas"]
    assert versions(services, "chef_projet_fonction") == ["Chargée de mission"]
    help_text = (await client.send("/aide"))[0].text
    assert "Une faute de frappe ? Vous pouvez aussi modifier votre message dans Telegram : la réponse est corrigée." \
           in help_text


async def test_an_edit_that_does_not_read_as_an_answer_leaves_the_answer_and_says_why(client, services):
    await reach_population(client, services)
    sent = client.message_update("12 000")
    await client.deliver(sent)
    replies = await client.deliver(client.edit_update(sent, "beaucoup"))
    assert replies[0].text.startswith("✏️ Je n'ai pas pu reprendre votre modification : la réponse à « Combien")
    assert replies[1].text.startswith("⚠️")
    assert versions(services, "population") == [12000]


async def test_an_edit_of_an_answer_changed_since_is_not_taken_and_says_so(client, services):
    await create_project(client)
    sent = client.message_update("Camille Delma")
    await client.deliver(sent)
    await client.click("↩️ Retour")
    await client.send("Camille Delmas")
    replies = await client.deliver(client.edit_update(sent, "Camille Delmaz"))
    assert replies[0].text == KEPT
    assert question_in(services.guide, replies[-1]).id == "chef_projet_fonction"
    assert versions(services, "chef_projet_nom") == ["Camille Delma", "Camille Delmas"]


async def test_an_edited_project_name_is_said_to_be_kept(client, services):
    await client.send("/start")
    sent = client.message_update("MSAP du Val")
    await client.deliver(sent)
    replies = await client.deliver(client.edit_update(sent, "MSAP du Val de Sèvre"))
    assert replies[0].text == KEPT
    assert "Sur quel territoire" in replies[-1].text
    with services.database.connect() as connection:
        assert connection.execute(select(Project.name)).scalars().all() == ["MSAP du Val"]


async def test_a_choice_typed_as_a_number_or_in_words_says_how_it_was_understood(client, services):
    await create_project(client)
    await client.send("Marie Dupont")
    await client.send("Chargée de mission")
    understood, recap = await client.send("2")  # the time given: a choice, typed as the option's number
    assert understood.text == "➡️ Réponse retenue : Mi-temps."
    assert "Mi-temps" in recap.text
    await client.click("Étape suivante")
    understood, _ = await client.send("1 et 2")  # the stakes: a multiple choice
    assert understood.text == "➡️ Réponse retenue : Cohésion sociale, Maillage territorial."
    assert versions(services, "enjeux") == [["cohesion_sociale", "maillage_territorial"]]


async def test_a_choice_said_in_its_own_words_is_taken_and_said_back(client, services):
    """"à mi-temps" is how one says « Mi-temps »: the guide's words for that option, with their article."""
    await create_project(client)
    await client.send("Marie Dupont")
    await client.send("Chargée de mission")
    understood, recap = await client.send("À mi-temps !")
    assert understood.text == "➡️ Réponse retenue : Mi-temps."
    assert "Récapitulatif" in recap.text
    assert versions(services, "chef_projet_temps") == ["mi_temps"]


async def test_an_answer_typed_as_it_is_shown_is_not_repeated(client, services):
    await create_project(client)
    await client.send("Marie Dupont")
    await client.send("Chargée de mission")
    replies = await client.send("mi-temps")  # the option's label, as a phone user types it
    assert len(replies) == 1 and "Récapitulatif" in replies[0].text
    assert "Réponse retenue" not in replies[0].text


async def test_moi_is_not_a_name_for_the_dossier(client, services):
    await create_project(client)
    refused = await client.send("moi")
    assert refused[0].text.startswith("⚠️ Le dossier reprend ce nom tel quel : écrivez le prénom et le nom")
    assert question_in(services.guide, refused[-1]).id == "chef_projet_nom"
    understood, _ = await client.send("C'est moi, Jean Rouvière")
    assert understood.text == "➡️ Réponse retenue : Jean Rouvière."
    assert versions(services, "chef_projet_nom") == ["Jean Rouvière"]


async def test_a_name_typed_with_its_function_answers_both_questions(client, services):
    """The dossier prints the name, then the function: "Hélène Vayssouze, directrice…" kept whole as the name
    would print the function twice, once the function is asked."""
    await create_project(client)
    understood, asked = await client.send("Hélène Vayssouze, directrice du pôle services de Cauvaldor")
    assert understood.text == (
        "➡️ Réponse retenue : Hélène Vayssouze.\n📝 Et à « Quelle est sa fonction et dans quelle structure ? », "
        "j'ai noté : directrice du pôle services de Cauvaldor.")
    assert question_in(services.guide, asked).id == "chef_projet_temps"
    assert versions(services, "chef_projet_nom") == ["Hélène Vayssouze"]
    assert versions(services, "chef_projet_fonction") == ["directrice du pôle services de Cauvaldor"]

    await client.click("Retour")
    await client.click("Retour")  # the name again: the function first, as people say it to the Préfecture
    understood, _ = await client.send("la directrice des services, Hélène Vayssouze")
    assert "Réponse retenue : Hélène Vayssouze." in understood.text
    assert versions(services, "chef_projet_fonction")[-1] == "directrice des services"


async def test_a_time_said_with_the_function_answers_the_time_of_work(client, services):
    """Saint-Éloy: "c'est moi, Nathalie Roussel, chargée de mission … à la CC, à 50 % sur le projet" noted the
    function, then asked « Quel temps de travail sera consacré au projet ? »."""
    await create_project(client)
    *said, recap = await client.send("c'est moi, Nathalie Roussel, chargée de mission développement territorial à la "
                                     "CC, à 50 % sur le projet")
    assert [reply.text for reply in said] == [
        "➡️ Réponse retenue : Nathalie Roussel.\n📝 Et à « Quelle est sa fonction et dans quelle structure ? », j'ai "
        "noté : chargée de mission développement territorial à la CC, à 50 % sur le projet.",
        "➡️ Réponse retenue pour « Quel temps de travail sera consacré au projet ? » : Mi-temps."]
    assert versions(services, "chef_projet_temps") == ["mi_temps"]
    assert "Récapitulatif" in recap.text


async def test_a_name_with_a_comma_but_no_function_is_kept_as_typed(client, services):
    await create_project(client)
    asked = (await client.send("Vayssouze, Hélène"))[-1]
    assert question_in(services.guide, asked).id == "chef_projet_fonction"
    assert versions(services, "chef_projet_nom") == ["Vayssouze, Hélène"]


async def test_a_post_to_recruit_is_its_status_too(client, services):
    """"à recruter" as who will do a job answered its status, asked two questions later, only by being typed
    again; a name leaves the status to ask."""
    guide = services.guide
    await reach_team_functions(client, "accueil et accompagnement")
    understood, asked = await client.send("à recruter")
    assert understood.text == ("➡️ Réponse retenue pour « Quel sera le statut de la personne chargée de l'accueil ? » "
                               ": À recruter.")
    assert question_in(guide, asked).id == "equipe_etp_accueil"
    asked = (await client.send("1"))[-1]
    assert question_in(guide, asked).id == "equipe_formation_accueil"  # the status is not asked again
    assert versions(services, "equipe_statut_accueil") == ["a_recruter"]
    await client.click("Passer")
    await client.send("Julie Lacoste")
    asked = (await client.send("0,5"))[-1]
    assert question_in(guide, asked).id == "equipe_statut_accompagnement"
    # Said last, after how many: "2 agentes à recruter" is that status too.
    await client.click("↩️ Retour")
    await client.click("↩️ Retour")
    understood, _ = await client.send("2 agentes à recruter")
    assert understood.text.endswith(": À recruter.")
    assert versions(services, "equipe_statut_accompagnement") == ["a_recruter"]


async def reach_team_functions(client, functions: str) -> None:
    """Stage 5 opened from the menu, the Maison's functions typed: who will do the first one is asked."""
    await create_project(client)
    await client.send("/menu")
    await client.click("5. ")
    await client.send(functions)


async def answer_the_reception(client, name: str, fte: str, status: str) -> None:
    """Stage 5, reception and accompaniment chosen: the reception's agent, time and status typed, its training
    passed; at « Qui assurera l'accompagnement des usagers ? »."""
    await reach_team_functions(client, "accueil et accompagnement")
    for typed in (name, fte, status):
        await client.send(typed)
    await client.click("Passer")


async def test_a_time_said_counted_in_another_function_s_is_asked_for_its_own_share(client, services):
    """Plouaret: "C'est compris dans le 1,5 ETP de l'accueil." at « Combien d'ETP l'accompagnement représente-t-il ? »
    was "Je n'ai pas reconnu un nombre"; its 1,5 kept would have counted the same people twice."""
    await answer_the_reception(client, "Nathalie Guillou", "1,5", "1")
    await client.send("les mêmes")
    refused, asked = await client.send("C'est compris dans le 1,5 ETP de l'accueil.")
    assert refused.text == ("⚠️ « C'est compris dans le 1,5 ETP de l'accueil. » : dans le dossier, chaque réponse "
                            "compte à part et les chiffres s'additionnent. Donnez la part qui revient à cette "
                            "question seule (par exemple 0,5), et corrigez l'autre réponse si besoin, depuis le "
                            "récapitulatif de l'étape.")
    assert question_in(services.guide, asked).id == "equipe_etp_accompagnement"
    assert versions(services, "equipe_etp_accompagnement") == []


async def test_a_post_to_recruit_said_first_then_who_is_its_status_too(client, services):
    await reach_team_functions(client, "accompagnement")
    understood, _ = await client.send("À recruter, deux conseillères France services.")
    assert understood.text == ("➡️ Réponse retenue pour « Quel sera le statut de la personne chargée de "
                               "l'accompagnement ? » : À recruter.")
    assert versions(services, "equipe_statut_accompagnement") == ["a_recruter"]


async def test_who_said_then_how_the_recruitment_goes_keeps_who_alone(client, services):
    """Val-de-Bonnieure: "une conseillère à recruter, le recrutement est lancé, fiche de poste publiée sur
    emploi-territorial" was all stored as who will do the reception, which the dossier's team table prints."""
    await reach_team_functions(client, "accueil")
    *understood, asked = await client.send("une conseillère à recruter, le recrutement est lancé, fiche de poste "
                                           "publiée sur emploi-territorial")
    assert [reply.text for reply in understood] == [  # the sentence after who, said not kept (Bourganeuf)
        kept_without("une conseillère à recruter", "le recrutement est lancé, fiche de poste publiée sur "
                                                   "emploi-territorial"),
        "➡️ Réponse retenue pour « Quel sera le statut de la personne chargée de l'accueil ? » : À recruter."]
    assert versions(services, "equipe_agent_accueil") == ["une conseillère à recruter"]
    assert question_in(services.guide, asked).id == "equipe_etp_accueil"
    # "un temps plein, elle fera aussi l'accompagnement" was "Je n'ai pas reconnu un nombre"
    understood, _ = await client.send("un temps plein, elle fera aussi l'accompagnement")
    assert understood.text == kept_without("1", "elle fera aussi l'accompagnement")
    assert versions(services, "equipe_etp_accueil") == ["1"]


async def test_who_said_with_to_recruit_and_full_time_answers_the_time_and_the_status_too(client, services):
    """"un conseiller France services à recruter, temps plein": both were asked again, the status because ", temps
    plein" came last."""
    await reach_team_functions(client, "accompagnement")
    *understood, asked = await client.send("un conseiller France services à recruter, temps plein")
    assert [reply.text for reply in understood] == [
        "➡️ Réponse retenue pour « Combien d'ETP l'accompagnement représente-t-il ? » : 1.",
        "➡️ Réponse retenue pour « Quel sera le statut de la personne chargée de l'accompagnement ? » : À recruter."]
    assert versions(services, "equipe_etp_accompagnement") == ["1"]
    assert question_in(services.guide, asked).id == "equipe_formation_accompagnement"


async def test_a_total_said_as_such_is_no_remark_and_remarks_come_in_their_order(client, services):
    """"1,2 en tout (le conseiller + Julie une journée)" said « le conseiller + Julie une journée », « en tout » not
    kept: "en tout" says the figure is a total."""
    await reach_team_functions(client, "accompagnement")
    await client.send("Julie Lacoste")
    understood, _ = await client.send("1,2 en tout (le conseiller + Julie une journée)")
    assert understood.text == kept_without("1,2", "le conseiller + Julie une journée")
    assert versions(services, "equipe_etp_accompagnement") == ["1.2"]


async def test_what_a_single_choice_says_in_brackets_is_said_not_kept(client, services):
    """"contractuelle (CDD de 3 ans)" kept the status and dropped the contract without a word."""
    await reach_team_functions(client, "coordination")
    await client.send("Nathalie Roussel")
    await client.send("0,5")
    understood, _ = await client.send("contractuelle (CDD de 3 ans)")
    assert understood.text == kept_without("Salarié ou contractuel de la structure porteuse", "CDD de 3 ans")
    assert versions(services, "equipe_statut_coordination") == ["contractuel"]


async def reach_advisers(client, services):
    """France services rules, stage 5, at « Quels postes de conseiller France services prévoyez-vous ? »."""
    guide = services.engine.referentials["france_services"].guide
    await create_project(client, rules=FRANCE_SERVICES_RULES)
    await client.send("/conformite")
    replies = await client.click("🔧 Au moins deux conseillers")
    while (question := question_in(guide, replies[-1])).id != "fs_conseillers":
        replies = await answer(client, question, {"equipe_fonctions": "accueil"})
    return guide


async def test_a_count_for_now_with_a_clause_ticks_the_first_posts(client, services):
    """"un seul pour l'instant, le deuxième sera Julie si la mairie est d'accord" at « Quels postes de conseiller
    France services prévoyez-vous ? » was "Je n'ai pas reconnu…"."""
    guide = await reach_advisers(client, services)
    understood, asked = await client.send("un seul pour l'instant, le deuxième sera Julie si la mairie est d'accord")
    assert understood.text == kept_without("Conseiller 1", "le deuxième sera Julie si la mairie est d'accord")
    assert versions(services, "fs_conseillers") == [["conseiller_1"]]
    assert question_in(guide, asked).id == "fs_forme_conseiller_1"


async def test_the_question_s_verb_said_back_is_a_yes(client, services):
    """"il le sera, la formation CNFPT est prévue en février" at « Le conseiller 1 est-il formé, ou le sera-t-il
    avant d'accueillir le public ? » was "Répondez par oui ou par non"."""
    guide = await reach_advisers(client, services)
    await client.send("1")
    await client.click("Valider")
    understood, asked = await client.send("il le sera, la formation CNFPT est prévue en février")
    assert understood.text == kept_without("Oui", "la formation CNFPT est prévue en février")
    assert versions(services, "fs_forme_conseiller_1") == [True]
    assert question_in(guide, asked).id == "equipe_profils_rediges"


async def test_who_said_with_my_own_post_is_told_to_stay_as_typed(client, services):
    """"Hélène Vasseur, en plus de mon poste de DGS" as who coordinates: the dossier prints "mon poste" for the
    Préfecture, which cannot tell whose."""
    await reach_team_functions(client, "coordination")
    replies = await client.send("moi, Hélène Vasseur, en plus de mon poste de DGS")
    assert ("ℹ️ Dans le dossier, « mon » ne dira pas à la Préfecture de qui il s'agit. Si besoin, touchez ↩️ Retour "
            "pour écrire un nom ou une fonction.") in [reply.text for reply in replies]


async def reach_first_recap(client, services):
    """Stage 1's first step answered: its recap asks « Tout est juste ? »."""
    await create_project(client)
    await client.send("Marie Dupont")
    await client.send("Chargée de mission")
    recap = (await client.send("mi-temps"))[-1]
    assert "Tout est juste ?" in recap.text and question_in(services.guide, recap) is None
    return recap


async def test_yes_to_tout_est_juste_goes_to_the_next_step(client, services):
    await reach_first_recap(client, services)
    replies = await client.send("Oui, tout est juste !")
    assert question_in(services.guide, replies[-1]).id == "enjeux"
    assert "Cette partie est complète" not in " ".join(reply.text for reply in replies)
    assert versions(services, "chef_projet_temps") == ["mi_temps"]  # nothing stored from that text


async def test_a_number_typed_under_the_recap_reopens_that_answer(client, services):
    await reach_first_recap(client, services)
    reopened = (await client.send("2"))[-1]
    assert question_in(services.guide, reopened).id == "chef_projet_fonction"
    assert "✅ Garder cette réponse" in reopened.labels
    assert versions(services, "chef_projet_fonction") == ["Chargée de mission"]


async def test_no_under_the_recap_says_how_to_change_an_answer(client, services):
    await reach_first_recap(client, services)
    said, recap = await client.send("non")
    assert said.text == ("Cette partie est complète. Pour modifier une réponse, touchez ✏️ et son numéro, ou tapez ce "
                         "numéro. Sinon, touchez « Étape suivante ».")
    assert "Tout est juste ?" in recap.text
    assert (await client.send("9"))[0].text == said.text  # no ninth answer in this step
    back = (await client.send("retour"))[-1]
    assert question_in(services.guide, back).id == "chef_projet_temps"


async def test_a_yes_said_with_a_meeting_and_its_date_answers_the_date_not_the_name(client, services):
    """"Oui, on a vu la déléguée du préfet… le dix novembre" was kept as the referent's name; its date answers
    "À quelle date… ?", and the name is asked."""
    guide = services.guide
    await reach_prefecture_question(client, guide)
    said, asked = await client.send("Oui, on a vu la déléguée du préfet pour l'égalité des chances le dix novembre.")
    assert said.text == ("➡️ Réponse retenue : Oui.\n📝 Et à « À quelle date l'avez-vous contacté pour la première "
                         "fois ? », j'ai noté : 10 novembre 2026.")
    assert question_in(guide, asked).id == "referent_nom"
    assert versions(services, "prefecture_contactee") == [True]
    assert versions(services, "date_premier_contact") == ["2026-11-10"]
    assert versions(services, "referent_nom") == []
    await client.send("Mme Nadia Kerroum, déléguée du préfet")
    assert question_in(guide, client.last()).id == "documents_recus"  # the date is not asked again


async def test_a_yes_said_with_a_month_asks_the_date_s_day_and_keeps_no_month_as_a_name(client, services):
    """"oui en octobre" kept "en octobre" as the referent's name."""
    guide = services.guide
    await reach_prefecture_question(client, guide)
    said, refused, asked = await client.send("oui en octobre")
    assert said.text == "➡️ Réponse retenue : Oui."
    assert refused.text.startswith("⚠️ Il me faut aussi le jour. Exemple : 15 octobre.")
    assert question_in(guide, asked).id == "date_premier_contact"
    assert versions(services, "prefecture_contactee") == [True]
    assert versions(services, "referent_nom") == []
    await client.send("le 14 octobre")
    assert question_in(guide, client.last()).id == "referent_nom"  # the name, asked after


@pytest.mark.parametrize(("typed", "name"), [
    ("oui le sous prefet de Brioude + la referente france services de la pref (Mme Chabanon) en sept",
     "le sous prefet de Brioude + la referente france services de la pref (Mme Chabanon)"),
    ("oui, Mme Chabanon en septembre", "Mme Chabanon")])
async def test_a_yes_with_who_and_a_month_keeps_the_name_and_asks_the_day(client, services, typed, name):
    """Haut-Allier: "oui le sous prefet de Brioude + … (Mme Chabanon) en sept" was the referent's name, "en sept"
    included, and the date was asked as if nothing had been said of it."""
    guide = services.guide
    await reach_prefecture_question(client, guide)
    said, noted, refused, asked = await client.send(typed)
    assert said.text == "➡️ Réponse retenue : Oui."
    assert noted.text == f"➡️ Réponse retenue pour « Quel est le nom de votre référent en Préfecture ? » : {name}."
    assert refused.text.startswith("⚠️ Il me faut aussi le jour. Exemple : 15 septembre.")
    assert question_in(guide, asked).id == "date_premier_contact"
    assert versions(services, "referent_nom") == [name]
    taken, _ = await client.send("le 12")  # the day of the month just said (Les Rousses: its month was asked)
    assert taken.text == "📅 Date retenue : samedi 12 septembre 2026."
    assert versions(services, "date_premier_contact") == ["2026-09-12"]
    assert question_in(guide, client.last()).id == "documents_recus"


async def test_a_yes_of_one_document_but_not_the_other_advises_a_no_for_now(client, services):
    """Haut-Allier: "oui le cdc, mais pas encore les modeles de convention" was "Répondez par oui ou par non"."""
    guide = services.guide
    await reach_prefecture_question(client, guide)
    for text in ("oui", "Mme Chabanon, préfecture de la Haute-Loire", "15/09/2026"):
        await client.send(text)
    refused, asked = await client.send("oui le cdc, mais pas encore les modeles de convention")
    assert refused.text.startswith("⚠️ Votre réponse dit oui pour une partie, non pour une autre.")
    assert question_in(guide, asked).id == "documents_recus" and versions(services, "documents_recus") == []


async def test_a_yes_told_with_a_date_says_the_date_is_not_kept(client, services):
    """"oui par mail le 20 octobre" was "Réponse retenue : Oui." alone: the date seemed kept."""
    guide = services.guide
    await reach_prefecture_question(client, guide)
    for text in ("oui", "M. Roux, sous-préfecture de Saint-Flour", "14/10/2026"):
        await client.send(text)
    assert question_in(guide, client.last()).id == "documents_recus"
    said, _ = await client.send("oui par mail le 20 octobre")
    assert said.text == ("➡️ Réponse retenue : Oui.\nℹ️ Cette question ne garde pas de précision : « par mail le 20 "
                         "octobre » n'est pas enregistré.")
    assert versions(services, "documents_recus") == [True]


async def test_a_yes_repeating_the_question_is_a_yes(client, services):
    """"Oui bien sûr, avec l'animation nationale" to "Coopérerez-vous avec l'animation nationale du réseau ?" was
    "Répondez seulement par oui ou par non"."""
    guide = services.guide
    await reach_prefecture_question(client, guide)
    await client.send("non")
    await client.send("oui")  # the yearly committee
    assert question_in(guide, client.last()).id == "dev_cooperation_cellule"
    said, asked = await client.send("Oui bien sûr, avec l'animation nationale.")
    assert said.text == "➡️ Réponse retenue : Oui."
    assert versions(services, "dev_cooperation_cellule") == [True]
    assert question_in(guide, asked).id == "ecarts_cahier_charges"


async def test_a_month_typed_without_its_day_asks_for_the_day(client, services):
    guide = services.guide
    await reach_prefecture_question(client, guide)
    await client.send("oui")
    await client.send("M. Martin, sous-préfecture de Millau")
    said, asked = await client.send("en mars")
    assert said.text == ("⚠️ Il me faut aussi le jour. Exemple : 15 mars. "
                         "Jour inconnu pour l'instant ? Touchez « 🕓 Je ne sais pas encore ».")
    assert question_in(guide, asked).id == "date_premier_contact" and "🕓 Je ne sais pas encore" in asked.labels
    assert versions(services, "date_premier_contact") == []


async def test_a_yes_said_with_its_details_answers_the_question_asking_for_them(client, services):
    """"Oui, M. Martin…" to "Avez-vous contacté votre référent ?": the yes, and the name the next question asks."""
    guide = services.guide
    await reach_prefecture_question(client, guide)
    # The next question asks nothing of a no: the no is kept, and the chat says its reason is not.
    said, asked = await client.send("Non, on attend son retour.")
    assert said.text == ("➡️ Réponse retenue : Non.\nℹ️ Cette question ne garde pas de précision : « on attend son "
                         "retour » n'est pas enregistré.")
    assert versions(services, "prefecture_contactee") == [False]
    assert question_in(guide, asked).id == "dev_comite_annuel"
    refused, _ = await client.send("non, enfin oui")  # taken back: asked again
    assert refused.text == ("⚠️ Votre réponse laisse un doute (« enfin oui ») : répondez par oui ou par non, tel que "
                            "c'est aujourd'hui." + NOT_SURE)  # it said the question kept no details, not the reason
    refused, _ = await client.send("pas au début, peut-être en 2028")  # was "Répondez par oui ou par non"
    assert refused.text == ("⚠️ Votre réponse laisse un doute (« peut-être en 2028 ») : répondez par oui ou par non, "
                            "tel que c'est aujourd'hui." + NOT_SURE)
    await client.click("↩️ Retour")
    said, asked = await client.send("Oui, bien sûr : M. Martin, sous-préfecture de Millau")
    assert said.text == ("➡️ Réponse retenue : Oui.\n📝 Et à « Quel est le nom de votre référent en Préfecture ? », "
                         "j'ai noté : M. Martin, sous-préfecture de Millau.")
    assert question_in(guide, asked).id == "date_premier_contact"
    assert versions(services, "prefecture_contactee") == [False, True]
    assert versions(services, "referent_nom") == ["M. Martin, sous-préfecture de Millau"]
    # Said again from the yes: the name given right after it is a new version of the name.
    await client.click("↩️ Retour")
    await client.click("↩️ Retour")
    await client.send("oui (Mme Vidal depuis janvier)")
    assert versions(services, "referent_nom") == ["M. Martin, sous-préfecture de Millau", "Mme Vidal depuis janvier"]
    # How it was done keeps a yes whole, and is said back as the yes kept; what makes it partial never does.
    await client.send("15/01/2027")
    refused, _ = await client.send("oui par mail mais pas tout")
    assert refused.text.startswith("⚠️ Répondez") and versions(services, "documents_recus") == []
    said, asked = await client.send("oui par mail")
    assert said.text == "➡️ Réponse retenue : Oui." and versions(services, "documents_recus") == [True]
    # A yes whose next question is not about it keeps its details out, and the chat says so ("Avez-vous reçu… ?"
    # then "Quelles attentes ?").
    await client.click("↩️ Retour")
    said, _ = await client.send("oui, le 3 février")
    assert said.text == ("➡️ Réponse retenue : Oui.\nℹ️ Cette question ne garde pas de précision : « le 3 février » "
                         "n'est pas enregistré.")
    assert versions(services, "documents_recus") == [True, True]
    assert question_in(guide, asked).id != "documents_recus"


def plain(text: str) -> str:
    """A message with its no-break spaces as plain ones."""
    return text.replace("\u202f", " ").replace("\u00a0", " ")


async def test_a_days_hours_said_as_another_days_are_taken_from_it_and_said_back(client, services):
    """"pareil", "idem" copy the day before; "comme lundi" the day named; a day not answered yet is asked for."""
    guide = services.guide
    await create_project(client)
    await client.send("/conformite")
    await client.click("🔧 Horaires d'ouverture")
    said, asked = await client.send("pareil")  # Monday has no day before it
    assert said.text == "⚠️ Je n'ai pas encore les horaires de la veille. Tapez ceux de ce jour. Exemple : 9h-12h 14h-17h."
    assert question_in(guide, asked).id == "tech_horaires_lundi"
    await client.send("9h-12h 14h-17h30")
    said, asked = await client.send("Idem.")
    assert plain(said.text) == "➡️ Réponse retenue : 9 h – 12 h, 14 h – 17 h 30."
    assert question_in(guide, asked).id == "tech_horaires_mercredi"
    await client.send("fermé")
    said, _ = await client.send("comme lundi")
    assert plain(said.text) == "➡️ Réponse retenue : 9 h – 12 h, 14 h – 17 h 30."
    said, asked = await client.send("pareil que dimanche")
    assert plain(said.text) == "⚠️ Je n'ai pas encore les horaires du dimanche. Tapez ceux de ce jour. Exemple : 9h-12h 14h-17h."
    assert question_in(guide, asked).id == "tech_horaires_vendredi"
    assert versions(services, "tech_horaires_mardi") == versions(services, "tech_horaires_jeudi") == [
        [[540, 720], [840, 1050]]]


async def test_what_a_list_names_besides_its_options_is_its_autre(client, services):
    """"cohésion sociale et l'attractivité touristique": « Autre » is ticked and its words are the rest."""
    guide = services.guide
    await reach_stakes(client)
    said, asked = await client.send("plus tard")  # « 🕓 Je ne sais pas encore », not an « Autre »
    assert said.text.endswith("➡️ à compléter plus tard") and versions(services, "enjeux_autre") == []
    assert question_in(guide, (await client.send("retour"))[-1]).id == "enjeux"
    said, asked = await client.send("cohésion socilae, l'attractivité")  # a mistyped option is suggested
    assert "Vouliez-vous dire 1. Cohésion sociale ?" in said.text and versions(services, "enjeux") == [None]
    said, asked = await client.send("cohésion sociale et l'attractivité touristique")
    other = guide.questions["enjeux_autre"]
    assert said.text == ("➡️ Réponse retenue : Cohésion sociale, Autre.\n"
                         f"📝 Et à « {other.prompt} », j'ai noté : l'attractivité touristique.")
    assert versions(services, "enjeux") == [None, ["cohesion_sociale", "autre"]]
    assert versions(services, "enjeux_autre") == ["l'attractivité touristique"]
    assert question_in(guide, asked).id not in ("enjeux", "enjeux_autre")


async def test_autre_followed_by_its_words_is_that_autre_commas_and_all(client, services):
    """"1 et autre : l'accès aux droits, le numérique" was refused: « autre : … » read as an option's name."""
    await reach_stakes(client)
    said, asked = await client.send("les deux et autre : l'accès aux droits, le numérique")
    assert said.text.startswith("➡️ Réponse retenue : Cohésion sociale, Maillage territorial, Autre.\n")
    assert versions(services, "enjeux") == [["cohesion_sociale", "maillage_territorial", "autre"]]
    assert versions(services, "enjeux_autre") == ["l'accès aux droits, le numérique"]
    said, asked = await client.send("Autre (à préciser)")  # words that say nothing: « Autre » ticked, then asked
    assert question_in(services.guide, asked).id == "enjeux_cohesion_autre"
    assert versions(services, "enjeux_cohesion") == [["autre"]] and versions(services, "enjeux_cohesion_autre") == []


async def test_a_no_with_a_date_answers_the_date_question_it_shows_or_says_what_is_missing(client, services):
    """"non, ouverture le 1er septembre 2027" to "La Maison fonctionne-t-elle déjà ?": the opening date too."""
    guide = services.guide
    await create_project(client)
    await client.send("/conformite")
    await client.click("🔧 Un budget calé sur l'année civile")
    await client.send("2027")
    await client.send("oui")
    said, refused, asked = await client.send("Non, ouverture prévue en septembre")  # recorded; no day said
    assert said.text == "➡️ Réponse retenue : Non."
    assert refused.text.startswith("⚠️ Il me faut aussi le jour. Exemple : 15 septembre.")
    assert question_in(guide, asked).id == "budget_date_ouverture"
    assert versions(services, "budget_en_activite") == [False] and versions(services, "budget_date_ouverture") == []
    await client.click("↩️ Retour")
    said, recap = await client.send("non : ouverture le 1er septembre 2027")
    assert "Récapitulatif" in recap.text
    assert said.text == ("➡️ Réponse retenue : Non.\n"
                         "📝 Et à « À quelle date la Maison doit-elle ouvrir ? », j'ai noté : 1er septembre 2027.")
    assert versions(services, "budget_date_ouverture") == ["2027-09-01"]


async def test_yes_to_still_exact_keeps_a_recalled_answer_and_no_asks_for_todays(client, services):
    """Stage 7 recalls the opening date: "Est-ce toujours exact ?" is answered "oui" or "non" as well as tapped."""
    guide = services.guide
    await create_project(client)
    await client.send("/conformite")
    await client.click("🔧 Un budget calé sur l'année civile")
    for text in ("2027", "oui", "non", "01/09/2027"):
        await client.send(text)
    await client.send("/conformite")
    asked = (await client.click("🔧 Une seule demande de subvention"))[-1]
    assert question_in(guide, asked).id == "budget_date_ouverture" and "✅ Toujours exact" in asked.labels
    told, asked = await client.send("non")
    assert told.text == "ℹ️ D'accord : tapez la réponse exacte aujourd'hui."
    assert question_in(guide, asked).id == "budget_date_ouverture"
    moved = (await client.send("Oui, c'est toujours exact !"))[-1]
    assert question_in(guide, moved).id != "budget_date_ouverture"
    assert versions(services, "budget_date_ouverture") == ["2027-09-01", "2027-09-01"]  # confirmed in step 7


async def test_yes_alone_to_a_text_question_asks_for_words(client, services):
    await create_project(client)
    await client.send("Marie Dupont")
    refused, asked = await client.send("oui")  # "Quelle est sa fonction et dans quelle structure ?"
    assert refused.text == ("⚠️ Cette question attend quelques mots, pas « oui ». Rien à dire pour l'instant ? "
                            "Touchez « 🕓 Je ne sais pas encore ».")
    assert question_in(services.guide, asked).id == "chef_projet_fonction"
    assert versions(services, "chef_projet_fonction") == []


async def test_garder_and_effacer_typed_under_an_answer_do_what_its_buttons_do(client, services):
    """Reopened with « Retour », an answer offers « ✅ Garder cette réponse » and « 🗑 Effacer la réponse »."""
    guide = services.guide
    await reach_objectives(client, services)
    await client.send("Rapprocher les services des habitants")
    asked = (await client.click("↩️ Retour"))[-1]
    assert question_in(guide, asked).id == "objectifs" and "🗑 Effacer la réponse" in asked.labels
    moved = (await client.send("garder"))[-1]
    assert question_in(guide, moved).id != "objectifs"
    await client.click("↩️ Retour")
    await client.send("🗑 Effacer la réponse")  # the button's label, copied
    assert versions(services, "objectifs") == ["Rapprocher les services des habitants", None]


async def test_ok_typed_under_ticked_options_validates_them(client, services):
    guide = services.guide
    await reach_stakes(client)
    told = (await client.send("ok"))[0]  # nothing ticked yet
    assert told.text == "ℹ️ Cochez au moins une réponse, puis validez."
    await client.click("Cohésion sociale")
    moved = (await client.send("C'est tout."))[-1]
    assert versions(services, "enjeux") == [["cohesion_sociale"]]
    assert question_in(guide, moved).id != "enjeux"


async def test_a_stage_typed_under_the_menu_opens_it_and_an_answer_still_answers(client, services):
    await create_project(client)
    await client.send("/menu")
    opened = await client.send("5")  # "5. Calibrer l'équipe", typed rather than tapped: never stored as an answer
    assert opened[0].text.startswith("📘 Étape 5 : Calibrer l'équipe")
    await client.send("/menu")
    opened = await client.send("Préparer le budget")
    assert opened[0].text.startswith("📘 Étape 6 : Préparer le budget")
    await client.send("/menu")
    resumed = await client.send("continuer")
    assert question_in(services.guide, resumed[-1]).id == "budget_charges_fonctionnement"
    assert versions(services, "chef_projet_nom") == []
    # Words that name no stage answer the question shown before the menu, as they always did.
    await client.send("/menu")
    await client.click("1. Établir un diagnostic pour définir le projet")
    await client.send("/menu")
    await client.send("Marie Dupont")
    assert versions(services, "chef_projet_nom") == ["Marie Dupont"]


async def test_a_buttons_number_typed_under_another_screen_is_that_button_never_an_answer(client, services):
    """"3" under /checklist was refused as a name; at a choice it would have picked option 3 unseen."""
    await create_project(client)
    await client.send("Marie Dupont")
    await client.send("Chargée de mission")  # at « Quel temps… ? », whose option 3 is « Moins d'un mi-temps »
    await client.send("/checklist")
    shown = await client.send("3")  # stage 3 of the checklist, meant as a tap
    assert shown[-1].text.startswith("📋 Étape 3 : Définir le portage")
    await client.send("/avancement")
    shown = await client.send("3")
    assert shown[0].text.startswith("ℹ️ Je n'ai rien enregistré")
    assert question_in(services.guide, shown[-1]).id == "chef_projet_temps"
    assert versions(services, "chef_projet_temps") == []


async def test_a_yes_typed_under_another_screen_is_no_answer_to_a_question_out_of_sight(client, services):
    """"oui" under /avancement answered "Avez-vous contacté votre référent… ?" unseen: a requirement could read as
    met. It shows the question instead; typed with the question on screen, it answers."""
    await create_project(client)
    await client.send("/menu")
    asked = question_in(services.guide, (await client.click("7. Préparer la labellisation et obtenir le financement"))[-1])
    assert asked.kind.value == "yes_no"
    await client.send("/avancement")
    shown = await client.send("oui")
    assert shown[0].text.startswith("ℹ️ Je n'ai rien enregistré : la question en cours n'était plus affichée.")
    assert question_in(services.guide, shown[-1]).id == asked.id
    assert versions(services, asked.id) == []
    await client.send("oui")
    assert versions(services, asked.id) == [True]


async def test_ok_typed_under_another_screen_validates_no_ticks_out_of_sight(client, services):
    """"ok" read under /avancement is said to the progress, not to the options ticked on a question gone from
    view: they stay ticked, unvalidated, and the question is shown again."""
    await reach_stakes(client)
    await client.click("Cohésion sociale")
    await client.send("/avancement")
    shown = await client.send("ok")
    assert shown[0].text.startswith("ℹ️ Je n'ai rien enregistré : la question en cours n'était plus affichée.")
    assert question_in(services.guide, shown[-1]).id == "enjeux"
    assert versions(services, "enjeux") == []
    await client.send("ok")
    assert versions(services, "enjeux") == [["cohesion_sociale"]]


async def test_an_answer_with_words_for_the_next_question_under_another_screen_names_the_question(client, services):
    """Typed under /equipe, "une épicerie solidaire" answered « Quels enjeux… ? » with « Autre » and its words, as
    "Réponse retenue : Autre.": which question took it was not said, as it is for every other answer out of sight."""
    await reach_stakes(client)
    await client.send("/equipe")
    understood = (await client.send("la cohésion sociale et une épicerie solidaire"))[0]
    assert understood.text.startswith("➡️ Réponse retenue pour « Quels enjeux la Maison doit-elle servir ? » : "
                                      "Cohésion sociale, Autre.")
    assert "📝 Et à « Quel autre enjeu ? », j'ai noté : une épicerie solidaire." in understood.text
    assert versions(services, "enjeux") == [["cohesion_sociale", "autre"]]


async def test_ok_or_a_number_typed_under_another_screen_does_nothing_to_a_recap_out_of_sight(client, services):
    """"ok" said to /avancement moved the guide to the next step, "3" reopened answer 3, of a recap no longer on
    screen. The recap is shown again, as it was; typed with the recap in sight, they act."""
    await reach_first_recap(client, services)
    for said in ("ok", "3"):
        await client.send("/avancement")
        shown = await client.send(said)
        assert shown[0].text.startswith("ℹ️ Je n'ai rien fait : le récapitulatif de l'étape n'était plus affiché.")
        assert "Récapitulatif : Le chef de projet" in shown[-1].text and "Tout est juste ?" in shown[-1].text
    reopened = await client.send("3")
    assert question_in(services.guide, reopened[-1]).id == "chef_projet_temps"


async def test_passer_typed_under_the_help_skips_nothing_out_of_sight(client, services):
    await create_project(client)
    await client.send("/aide")
    shown = await client.send("passer")
    assert shown[0].text.startswith("ℹ️ Je n'ai rien enregistré")
    assert question_in(services.guide, shown[-1]).id == "chef_projet_nom"
    await client.send("/aide")
    answered = await client.send("Marie Dupont")  # an answer typed after reading the help still answers
    assert versions(services, "chef_projet_nom") == ["Marie Dupont"]
    assert question_in(services.guide, answered[-1]).id != "chef_projet_nom"


async def test_an_answer_typed_under_another_screen_says_which_question_it_answers(client, services):
    """Typed after /equipe, "Chargée de mission à la mairie" is the answer to the question out of sight: kept,
    and said to be its answer, for the user to see where it went (« ↩️ Retour » below to change it)."""
    await create_project(client)
    await client.send("Marie Dupont")
    await client.send("/equipe")
    replies = await client.send("Chargée de mission à la mairie")
    assert replies[0].text == ("➡️ Réponse retenue pour « Quelle est sa fonction et dans quelle structure ? » : "
                               "Chargée de mission à la mairie.")
    assert versions(services, "chef_projet_fonction") == ["Chargée de mission à la mairie"]
    assert "↩️ Retour" in replies[-1].labels
    plain_answer = await client.send("Mi-temps")  # the question in sight: no such line
    assert not plain_answer[0].text.startswith("➡️ Réponse retenue pour")


async def test_plus_tard_typed_at_a_text_question_keeps_it_for_later_never_as_its_answer(client, services):
    """"plus tard" was stored as how the housing evolves, which the dossier would print."""
    await reach_objectives(client, services)
    said = await client.send("Plus tard")
    assert said[0].text.endswith("➡️ à compléter plus tard")
    assert versions(services, "objectifs") == [None]
    listed = (await client.send("/a_traiter"))[-1]
    assert "Quels objectifs fixez-vous à la Maison ?" in listed.text


async def test_aucun_typed_at_a_list_without_such_an_option_passes_it(client, services):
    """"non" to "Quels nouveaux services avez-vous repérés ?" was refused as an unknown option."""
    await reach_stakes(client)
    refused = await client.send("aucun")  # « Quels enjeux… ? » must be answered
    assert refused[0].text == "ℹ️ Cette question est obligatoire : merci d'y répondre."
    await client.click("Cohésion sociale")
    asked = question_in(services.guide, (await client.click("Valider"))[-1])
    assert asked.kind.value == "multi_choice" and not asked.required
    said = await client.send("Non, rien de particulier.")
    assert said[0].text.endswith("➡️ question passée") and versions(services, asked.id) == [None]
    assert question_in(services.guide, said[-1]).id != asked.id


async def test_ras_typed_at_a_list_is_nothing_to_report_never_an_other(client, services):
    """Rémalard-en-Perche: "RAS" at « Quels nouveaux services avez-vous repérés… ? » was « Autre », worded "RAS"
    (here at the first list not required)."""
    await reach_stakes(client)
    await client.click("Cohésion sociale")
    await client.click("Valider")
    asked = question_in(services.guide, client.last())
    said = await client.send("RAS")
    assert said[0].text.endswith("➡️ question passée") and versions(services, asked.id) == [None]


async def test_a_list_with_a_part_not_read_ticks_the_rest_for_the_user_to_complete(client, services):
    """"cohésion sociale, le maillage du territoire": the first part was lost with the refusal of the second."""
    await reach_stakes(client)
    refused, asked = await client.send("cohésion sociale, le maillage du territoire")
    assert refused.text == ("⚠️ Je n'ai pas reconnu « le maillage du territoire ». Vouliez-vous dire "
                            "2. Maillage territorial ?\n☑️ J'ai coché : Cohésion sociale. Touchez ce qui manque, "
                            "puis « ✅ Valider ».")
    assert "☑️ Cohésion sociale" in asked.labels and "⬜ Maillage territorial" in asked.labels
    assert versions(services, "enjeux") == []
    await client.click("Maillage territorial")
    await client.click("Valider")
    assert versions(services, "enjeux") == [["cohesion_sociale", "maillage_territorial"]]
    # Typed again from ↩️, the list says anew what applies: the answer given before is not ticked with it.
    await client.click("↩️ Retour")
    refused, asked = await client.send("cohésion sociale, le maillage du territoire")
    assert "☑️ J'ai coché : Cohésion sociale. " in refused.text and "⬜ Maillage territorial" in asked.labels


async def test_tous_sauf_typed_for_the_partners_leaves_that_one_out_and_the_requirement_says_so(client, services):
    """"tous sauf la MSA" ticked the MSA too: "Tous les partenaires nationaux présents" read as met."""
    await create_project(client, rules=FRANCE_SERVICES_RULES)
    await client.send("/menu")
    await client.click("2. Monter le partenariat avec les opérateurs et les acteurs locaux")
    await client.send("tous")
    await client.click("Passer")
    guide = services.engine.referentials["france_services"].guide
    asked = question_in(guide, (await client.click("Étape suivante"))[-1])
    assert asked.id == "part_operateurs"
    said = await client.send("tous sauf la MSA")
    assert said[0].text.startswith("➡️ Réponse retenue : La Poste, France Travail (ex-Pôle emploi), CAF, "
                                   "Assurance maladie (CPAM), Carsat")
    assert "msa" not in versions(services, "part_operateurs")[-1]
    report = "\n".join(reply.text for reply in await client.send("/conformite"))
    assert "❌ Tous les partenaires nationaux présents" in report and "il manque : MSA" in report


async def test_two_parts_each_close_to_an_option_are_suggested_together(client, services):
    """Only the first part was named: the user fixed it, then met the second."""
    await reach_stakes(client)
    refused, asked = await client.send("la cohésion socialle et le maillage territorail")
    assert refused.text == ("⚠️ Je n'ai pas reconnu « la cohésion socialle » ni « le maillage territorail ». "
                            "Vouliez-vous dire 1. Cohésion sociale et 2. Maillage territorial ? Tapez « 1, 2 », "
                            "ou utilisez les boutons.")
    await client.send("1, 2")
    assert versions(services, "enjeux") == [["cohesion_sociale", "maillage_territorial"]]


async def test_voir_ci_dessus_is_asked_in_words_for_the_dossier(client, services):
    await reach_objectives(client, services)
    refused, asked = await client.send("voir ci-dessus")
    assert refused.text == ("⚠️ « voir ci-dessus » ne se lira pas dans le dossier : chaque réponse y est lue seule. "
                            "Écrivez-la, même en reprenant des mots déjà tapés.")
    assert question_in(services.guide, asked).id == "objectifs" and versions(services, "objectifs") == []
    refused, asked = await client.send("Voir ma réponse précédente.")  # Plouaret: stored, printed as typed
    assert refused.text.startswith("⚠️ « Voir ma réponse précédente. » ne se lira pas dans le dossier")
    assert question_in(services.guide, asked).id == "objectifs" and versions(services, "objectifs") == []


async def test_idem_copies_the_same_question_answered_for_another_function(client, services):
    """"idem que pour l'accueil" at the accompaniment's training was refused: the phone user had to type the
    training again. The dossier reads each answer alone, so the text is copied, and said back."""
    guide = services.guide
    await reach_team_functions(client, "accueil, accompagnement et coordination")
    for answer in ("Karima Oudjit", "1", "2", "Tronc commun France services avant l'ouverture", "Nadia Benali",
                   "0,2", "2"):
        replies = await client.send(answer)
    assert question_in(guide, replies[-1]).id == "equipe_formation_accompagnement"
    understood, asked = await client.send("idem que pour l'accueil")
    assert understood.text == "➡️ Réponse retenue : Tronc commun France services avant l'ouverture."
    assert versions(services, "equipe_formation_accompagnement") == ["Tronc commun France services avant l'ouverture"]
    for answer in ("Nadia Benali", "0,2", "2"):
        replies = await client.send(answer)
    assert question_in(guide, replies[-1]).id == "equipe_formation_coordination"
    await client.send("idem")  # the one before
    assert versions(services, "equipe_formation_coordination") == ["Tronc commun France services avant l'ouverture"]
    await client.send("retour")
    refused, _ = await client.send("pareil que pour l'administration")  # not answered: nothing to copy
    assert "ne se lira pas dans le dossier" in refused.text


async def test_a_list_said_with_its_details_answers_the_details_question_too(client, services):
    """"2 agents, le local de l'ancienne perception et le matériel informatique" to « Qu'apportera la structure
    porteuse ? »: the options, then « Précisez l'apport » asked for what had just been typed."""
    guide = services.guide
    await create_project(client)
    await client.send("/menu")
    replies = await client.click("3. Définir le portage")
    replies = await walk_step(client, guide, replies, {"port_modes": "point fixe"})
    replies = await client.click("Étape suivante")
    while question_in(guide, replies[-1]).id != "port_contribution":
        replies = await client.send(answer_text(question_in(guide, replies[-1]), {}))
    typed = "2 agents, le local de l'ancienne perception et le matériel informatique"
    said, asked = await client.send(typed)
    assert said.text == ("➡️ Réponse retenue : Du personnel, Des locaux, Du matériel et des équipements.\n"
                         f"📝 Et à « Précisez l'apport de la structure porteuse. », j'ai noté : {typed}.")
    assert versions(services, "port_contribution_detail") == [typed]
    assert question_in(guide, asked) is None  # the step's recap
    await client.click("↩️ Retour")
    await client.click("↩️ Retour")
    await client.send("le personnel et les locaux")  # options only: the details given stay as they were
    assert versions(services, "port_contribution")[-1] == ["personnel", "locaux"]
    assert versions(services, "port_contribution_detail") == [typed]


async def test_a_yes_typed_without_its_comma_answers_what_it_goes_on_with(client, services):
    """"oui les deux agents d'accueil de l'ancienne trésorerie" was refused, kept only for the question after."""
    await reach_team_functions(client, "accueil")
    for text in ("Martine Roussel", "1", "titulaire", "passer"):
        replies = await client.send(text)
    assert question_in(services.guide, replies[-1]).id == "equipe_personnel_collectivite"
    replies = await client.send("oui les deux agents d'accueil de l'ancienne trésorerie")
    assert versions(services, "equipe_personnel_collectivite") == [True]
    assert versions(services, "equipe_personnel_existant") == ["les deux agents d'accueil de l'ancienne trésorerie"]
    assert question_in(services.guide, replies[-1]).id == "equipe_competences"


async def test_a_yes_said_as_planned_answers_a_question_of_what_will_be(client, services):
    """"oui, panneau prévu sur la façade" at « La Maison appliquera-t-elle la charte graphique… ? » was asked again,
    as if the yes were still to come."""
    await create_project(client, rules=FRANCE_SERVICES_RULES)
    await client.send("/menu")
    replies = await client.click("4. ")
    while "appliquera-t-elle la charte graphique" not in replies[-1].text:  # the place's step, its address required
        replies = await client.send("étape suivante" if "Récapitulatif" in replies[-1].text
                                    else "2 rue du Perche, 61110 Rémalard-en-Perche" if "l'adresse de la Maison" in
                                    replies[-1].text else "je ne sais pas encore")
    said, _ = await client.send("oui, panneau prévu sur la façade")
    assert said.text == ("➡️ Réponse retenue : Oui.\nℹ️ Cette question ne garde pas de précision : « panneau prévu sur "
                         "la façade » n'est pas enregistré.")
    assert versions(services, "tech_charte_graphique") == [True]


async def test_nobody_to_send_the_dossier_to_is_no_ones_name(client, services):
    """"personne, c'est en ligne sur demarches-simplifiees.fr" was stored as whom to send the dossier to, for the
    documents to print it; "personne" alone passes the question."""
    await create_project(client)
    await client.send("/menu")
    replies = await client.click("7. Préparer la labellisation et obtenir le financement")
    while (asked := question_in(services.guide, replies[-1])) is None or asked.id != "label_destinataire":
        replies = await client.click("Étape suivante" if asked is None else "🕓 Je ne sais pas encore")
    refused = await client.send("à lui directement")  # Val-de-Bonnieure: stored as whom to send it to
    assert refused[0].text == ("⚠️ « à lui directement » ne dit pas de qui il s'agit : le dossier reprend la réponse "
                               "telle quelle. Écrivez le prénom et le nom de la personne, ou passez la question si "
                               "elle ne vous concerne pas.")
    refused = await client.send("personne, c'est en ligne sur demarches-simplifiees.fr")
    assert refused[0].text == ("⚠️ « personne, c'est en ligne sur demarches-simplifiees.fr » ne nomme personne : rien "
                               "n'est enregistré. S'il n'y a pas de nom à donner, tapez seulement « personne ».")
    assert versions(services, "label_destinataire") == []
    passed = await client.send("personne")
    assert question_in(services.guide, passed[-1]).id == "label_date_limite"
    with services.database.connect() as connection:
        assert Repository(connection).answers(1)["label_destinataire"].status == "skipped"
    passed = await client.send("pas de date limite, au fil de l'eau d'après lui")  # "Je n'ai pas reconnu une date"
    assert passed[0].text == "Avant quelle date le dossier doit-il être déposé ?\n➡️ question passée"
    with services.database.connect() as connection:
        assert Repository(connection).answers(1)["label_date_limite"].status == "skipped"
    await client.click("↩️ Retour")
    await client.click("↩️ Retour")
    said, _ = await client.send("À M. Le Bihan directement.")  # Plouaret: "directement" was printed in the name
    assert said.text == ("➡️ Réponse retenue : M. Le Bihan.\nℹ️ Cette question ne garde pas de précision : "
                         "« directement » n'est pas enregistré.")
    assert versions(services, "label_destinataire") == [None, "M. Le Bihan"]  # passed, then answered


async def test_a_deadline_said_with_a_yes_answers_the_deadline_question_further_on(client, services):
    """Saint-Éloy: "oui, réunion avec Mme Besson … : dossier complet avant le 15 février" at « Votre référent vous
    a-t-il indiqué les modalités… ? » said it all not kept, and « Avant quelle date le dossier doit-il être déposé ? »
    was asked two questions later."""
    await create_project(client)
    await client.send("/menu")
    replies = await client.click("7. Préparer la labellisation et obtenir le financement")
    while (asked := question_in(services.guide, replies[-1])) is None or asked.id != "label_modalites_obtenues":
        replies = await client.click("Étape suivante" if asked is None else "🕓 Je ne sais pas encore")
    replies = await client.send("oui, réunion avec Mme Besson à la sous-préfecture le 18 novembre : dossier complet "
                                "avant le 15 février")
    said = [reply.text for reply in replies]
    assert said[1].startswith("➡️ Réponse retenue pour « Avant quelle date le dossier doit-il être déposé ? » : "
                              "15 février 20"), said
    assert versions(services, "label_modalites_obtenues") == [True]
    [deadline] = versions(services, "label_date_limite")
    assert deadline.endswith("-02-15") and deadline[:4] in said[1]
    assert question_in(services.guide, replies[-1]).id == "label_destinataire"
    replies = await client.send("Mme Besson")
    assert question_in(services.guide, replies[-1]).id != "label_date_limite"  # answered: not asked


async def open_the_carrying_stage(client) -> None:
    """A new project at stage 3's first question, « Comment la Maison délivrera-t-elle ses services ? »."""
    await create_project(client)
    await client.send("/menu")
    await client.click("3. Définir le portage")


async def test_what_a_list_says_of_an_option_answers_the_question_about_it(client, services):
    """Réunion: the places of the permanences, said with the ways the Maison delivers, were "not kept", and asked
    right after."""
    await open_the_carrying_stage(client)
    replies = await client.send("un point fixe au centre-ville + des permanences dans les écarts (Les Lianes, "
                                "Vincendo, Langevin)")
    assert replies[0].text == ("➡️ Réponse retenue : Point fixe (un lieu d'accueil permanent), Itinérance : "
                               "permanences hors de la Maison.\nℹ️ Cette question ne garde pas de précision : « au "
                               "centre-ville » n'est pas enregistré.")  # where the point fixe is: its address, later
    assert replies[1].text == ("➡️ Réponse retenue pour « Où les permanences itinérantes se tiendront-elles ? » : "
                               "dans les écarts (Les Lianes, Vincendo, Langevin).")
    assert question_in(services.guide, replies[-1]).id == "port_itinerance_frequence"
    assert versions(services, "port_itinerance_lieux") == ["dans les écarts (Les Lianes, Vincendo, Langevin)"]


async def reach_in_stage_4(client, services, question_id: str) -> None:
    """A new project at a question of stage 4, « Organiser la faisabilité technique », those before it answered."""
    await create_project(client)
    await client.send("/menu")
    replies = await client.click("4. Organiser la faisabilité technique")
    while (asked := question_in(services.guide, replies[-1])) is None or asked.id != question_id:
        replies = await answer(client, asked, {}) if asked else await client.click("Étape suivante")


async def test_a_surface_plus_an_office_asks_for_the_total_surface(client, services):
    """Val-de-Bonnieure: "85 m2 + un bureau à l'étage" at « Quelle est la surface… ? » was kept as 86 m², the
    office's article read as one more square metre; "environ 85 m2 plus un bureau…" was no number at all."""
    await reach_in_stage_4(client, services, "tech_surface")
    for typed in ("85 m2 + un bureau à l'étage", "environ 85 m2 plus un bureau à l'étage"):
        refused, asked = await client.send(typed)
        first = typed.partition(" + ")[0] if " + " in typed else "environ 85 m2"
        assert refused.text == (f"⚠️ Vous avez écrit {first} + « un bureau à l'étage ». Cette question attend un seul "
                                "nombre : tapez le total, en chiffres.")
        assert question_in(services.guide, asked).id == "tech_surface"
    assert versions(services, "tech_surface") == []
    await client.send("97")
    assert versions(services, "tech_surface") == [97]


async def test_a_surface_said_with_what_makes_it_up_is_the_total(client, services):
    """Plouaret: "Environ 60 m² : la salle de 45 m² plus un petit bureau de 15 m²." was "J'ai lu plusieurs nombres :
    60, 45 et 15", though 45 and 15 make the 60 said first."""
    await reach_in_stage_4(client, services, "tech_surface")
    said, asked = await client.send("Environ 60 m² : la salle de 45 m² plus un petit bureau de 15 m².")
    assert said.text == ("➡️ Réponse retenue : 60.\nℹ️ Cette question ne garde pas de précision : « la salle de 45 m² "
                         "plus un petit bureau de 15 m² » n'est pas enregistré.")
    assert versions(services, "tech_surface") == [60]


async def test_what_follows_a_choice_s_words_is_said_not_kept_with_the_clause_after_it(client, services):
    """Plouaret: "Le service informatique de Lannion-Trégor Communauté, dans le cadre de la mutualisation." said the
    clause not kept, and dropped "de Lannion-Trégor Communauté" without a word."""
    await reach_in_stage_4(client, services, "tech_maintenance")
    said, _ = await client.send("Le service informatique de Lannion-Trégor Communauté, dans le cadre de la "
                                "mutualisation.")
    assert said.text == ("➡️ Réponse retenue : En interne.\nℹ️ Cette question ne garde pas de précision : « de "
                         "Lannion-Trégor Communauté », « dans le cadre de la mutualisation » ne sont pas enregistrés.")


async def test_a_single_choice_naming_two_options_names_them_back(client, services):
    """Haute-Marne: "la fibre arrive en mars, pour l'instant ADSL à 8 méga" at « Quelle est la couverture numérique
    du territoire ? » was "Je n'ai pas reconnu…", though it names two of the options."""
    await reach_in_stage_4(client, services, "tech_couverture")
    refused, asked = await client.send("la fibre arrive en mars, pour l'instant ADSL à 8 méga")
    assert refused.text == ("⚠️ Votre réponse nomme 1. Très haut débit et 2. Haut débit. Une seule réponse ici : "
                            "laquelle retenir ? Tapez son numéro, ou utilisez les boutons.")
    assert question_in(services.guide, asked).id == "tech_couverture" and versions(services, "tech_couverture") == []
    await client.send("2")
    assert versions(services, "tech_couverture") == ["haut_debit"]


async def test_the_items_of_the_list_asked_next_are_ticked_there_not_kept_as_another_solution(client, services):
    """Haute-Marne: "la visio, 2 ordinateurs et une imprimante" at « Quelles solutions d'accès numérique… ? »
    stored the computers and the printer as « Autre », and « Quels équipements informatiques prévoyez-vous ? »,
    whose options they are, came next with nothing ticked."""
    await reach_in_stage_4(client, services, "tech_solution")
    replies = await client.send("la visio, 2 ordinateurs et une imprimante")
    assert [reply.text for reply in replies[:2]] == [
        "➡️ Réponse retenue : Visioconférence.",
        "ℹ️ À la question suivante, j'ai coché « 2 ordinateurs et une imprimante » : complétez si besoin, puis "
        "validez."]
    assert versions(services, "tech_solution") == [["visio"]]
    asked = replies[-1]
    assert question_in(services.guide, asked).id == "tech_equipements"
    assert "☑️ Postes informatiques" in asked.labels and "☑️ Imprimante et scanner" in asked.labels
    assert versions(services, "tech_equipements") == []  # for the user to complete and validate
    await client.click("Accès à Internet en haut débit")
    await client.click("Valider")
    assert versions(services, "tech_equipements") == [["internet_haut_debit", "postes_informatiques",
                                                        "imprimante_scanner"]]
    await client.click("↩️ Retour")
    await client.click("↩️ Retour")  # back at the solutions, the equipment answered: the words are its « Autre »
    replies = await client.send("la visio, 2 ordinateurs et une imprimante")
    assert replies[0].text == ("➡️ Réponse retenue : Visioconférence, Autre.\n📝 Et à « Quelle autre solution ? », "
                               "j'ai noté : 2 ordinateurs et une imprimante.")


# The four pieces of equipment ticked, as said back and as stored.
EQUIPPED = "Accès à Internet en haut débit, Postes informatiques, Imprimante et scanner, Wi-Fi pour le public"
EQUIPMENT = ["internet_haut_debit", "postes_informatiques", "imprimante_scanner", "wifi_public"]


async def test_appointments_by_video_and_a_self_service_computer_are_the_visio_and_a_computer_ticked_next(
        client, services):
    """Val-de-Bonnieure: "des rendez-vous en visio avec la CAF et la CPAM, et un poste en libre-service" was
    "Je n'ai pas reconnu…" for each part; with whom the appointments are is said not kept."""
    await reach_in_stage_4(client, services, "tech_solution")
    understood, ticked, asked = await client.send("des rendez-vous en visio avec la CAF et la CPAM, et un poste en "
                                                  "libre-service")
    assert understood.text == ("➡️ Réponse retenue : Visioconférence.\nℹ️ Cette question ne garde pas de précision : "
                               "« avec la CAF et la CPAM » n'est pas enregistré.")
    assert ticked.text == ("ℹ️ À la question suivante, j'ai coché « un poste en libre-service » : complétez si "
                           "besoin, puis validez.")
    assert question_in(services.guide, asked).id == "tech_equipements" and "☑️ Postes informatiques" in asked.labels
    assert versions(services, "tech_solution") == [["visio"]]
    # Plouaret: "Plus la fibre, …" under those ticks was « Je n'ai pas reconnu « Plus la fibre » »
    said, _ = await client.send("Plus la fibre, une imprimante-scanner et le wifi public.")
    assert said.text == f"➡️ Réponse retenue : {EQUIPPED}."
    assert versions(services, "tech_equipements") == [EQUIPMENT]


async def test_a_permanence_said_with_its_day_and_place_answers_where_it_is_held(client, services):
    """Haute-Marne: "le jeudi matin à Bourmont" was not kept, and « Où les permanences itinérantes se
    tiendront-elles ? » asked right after: the option's own word ("itinérante") and the day came before the place."""
    await open_the_carrying_stage(client)
    replies = await client.send("un point fixe à la mairie, et une permanence itinérante le jeudi matin à Bourmont")
    assert replies[0].text == ("➡️ Réponse retenue : Point fixe (un lieu d'accueil permanent), Itinérance : "
                               "permanences hors de la Maison.\nℹ️ Cette question ne garde pas de précision : « à la "
                               "mairie » n'est pas enregistré.")
    assert replies[1].text == ("➡️ Réponse retenue pour « Où les permanences itinérantes se tiendront-elles ? » : "
                               "le jeudi matin à Bourmont.")
    assert question_in(services.guide, replies[-1]).id == "port_itinerance_frequence"
    assert versions(services, "port_itinerance_lieux") == ["le jeudi matin à Bourmont"]


async def test_a_permanence_said_with_how_often_then_where_answers_where_it_is_held(client, services):
    """Plouaret: "…, et des permanences une demi-journée par mois au Vieux-Marché et à Loguivy-Plougras." was said not
    kept, and « Où les permanences itinérantes se tiendront-elles ? » asked right after."""
    await open_the_carrying_stage(client)
    replies = await client.send("Un point fixe à la mairie de Plouaret, et des permanences une demi-journée par mois "
                                "au Vieux-Marché et à Loguivy-Plougras.")
    assert replies[1].text == ("➡️ Réponse retenue pour « Où les permanences itinérantes se tiendront-elles ? » : "
                               "une demi-journée par mois au Vieux-Marché et à Loguivy-Plougras.")
    assert versions(services, "port_itinerance_lieux") == [
        "une demi-journée par mois au Vieux-Marché et à Loguivy-Plougras."]


async def test_where_a_permanence_is_held_is_kept_though_another_part_of_the_list_was_not_read(client, services):
    """Val-de-Bonnieure: "un accueil ouvert à la mairie de Mansle, et une permanence le mercredi matin à
    Saint-Angeau" ticked the itinérance, and the place it was said with was lost once the rest was tapped."""
    await open_the_carrying_stage(client)
    refused, kept, asked = await client.send("un accueil ouvert à la mairie de Mansle, et une permanence le mercredi "
                                             "matin à Saint-Angeau")
    assert "☑️ J'ai coché : Itinérance : permanences hors de la Maison." in refused.text
    assert kept.text == ("➡️ Réponse retenue pour « Où les permanences itinérantes se tiendront-elles ? » : le "
                         "mercredi matin à Saint-Angeau.")
    assert question_in(services.guide, asked).id == "port_modes"
    await client.click("Point fixe (un lieu d'accueil permanent)")
    replies = await client.click("Valider")
    assert question_in(services.guide, replies[-1]).id == "port_itinerance_frequence"
    assert versions(services, "port_itinerance_lieux") == ["le mercredi matin à Saint-Angeau"]


async def test_what_follows_an_option_and_a_colon_describes_it_though_a_word_is_another_option_s(client, services):
    """Haut-Allier: "itinerance : un bus…, 1/2 journee par commune, avec un point d'attache au siege de la cc a
    Langeac" refused its last two parts, suggesting « Point fixe » for "un point d'attache"."""
    await open_the_carrying_stage(client)
    said, *_ = await client.send("itinerance : un bus qui fait une tournee sur les 22 communes, 1/2 journee par "
                                 "commune, avec un point d'attache au siege de la cc a Langeac")
    assert said.text.startswith("➡️ Réponse retenue : Itinérance : permanences hors de la Maison.\nℹ️ Cette "
                                "question ne garde pas de précision : « un bus qui fait une tournee sur les 22 "
                                "communes », « 1/2 journee par commune », « un point d'attache au siege de la cc a "
                                "Langeac »")
    assert versions(services, "port_modes") == [["itinerance"]]


async def test_places_listed_after_an_option_s_description_go_on_with_it(client, services):
    """Mayotte: "…permanences dans les villages de Hamouro, Dapani et Mtsamoudou" refused "Dapani et Mtsamoudou"."""
    await open_the_carrying_stage(client)
    replies = await client.send("point fixe a Bandrele + permanences dans les villages de Hamouro, Dapani et "
                                "Mtsamoudou avec un mediateur")
    assert replies[0].text == ("➡️ Réponse retenue : Point fixe (un lieu d'accueil permanent), Itinérance : "
                               "permanences hors de la Maison.\nℹ️ Cette question ne garde pas de précision : « a "
                               "Bandrele » n'est pas enregistré.")
    assert versions(services, "port_itinerance_lieux") == [
        "dans les villages de Hamouro, Dapani et Mtsamoudou avec un mediateur"]


async def reach_the_carrier(client) -> None:
    """Stage 3, a fixed point chosen, at « Qui portera juridiquement la Maison ? »."""
    await open_the_carrying_stage(client)
    await client.send("un point fixe")
    await client.click("Étape suivante")


async def test_the_carrier_said_with_how_it_works_is_taken_with_its_name_and_the_how_said_not_kept(client, services):
    await reach_the_carrier(client)
    replies = await client.send("la commune de Saint-Joseph, via son CCAS pour la partie accompagnement social")
    assert replies[0].text == (
        "➡️ Réponse retenue : La collectivité locale.\nℹ️ Cette question ne garde pas de précision : « via son CCAS "
        "pour la partie accompagnement social » n'est pas enregistré.\n📝 Et à « Quel est le nom officiel de la "
        "structure porteuse ? », j'ai noté : Commune de Saint-Joseph.")
    assert versions(services, "port_porteur") == ["collectivite"]
    assert versions(services, "port_porteur_nom") == ["Commune de Saint-Joseph"]


async def test_what_the_carrier_s_name_is_said_with_is_said_not_kept(client, services):
    """Haute-Marne: ", en régie directe" after the commune's name was left out of the name without a word."""
    await reach_the_carrier(client)
    replies = await client.send("la commune nouvelle de Val-de-Meuse, en régie directe")
    assert replies[0].text == (
        "➡️ Réponse retenue : La collectivité locale.\nℹ️ Cette question ne garde pas de précision : « en régie "
        "directe » n'est pas enregistré.\n📝 Et à « Quel est le nom officiel de la structure porteuse ? », j'ai "
        "noté : Commune nouvelle de Val-de-Meuse.")
    assert versions(services, "port_porteur_nom") == ["Commune nouvelle de Val-de-Meuse"]


async def test_what_a_list_says_of_an_option_answers_where_only_when_it_names_a_place(client, services):
    """"itinérance (bus)" says how the permanences go, not where: the question is asked, nothing is put in it."""
    await open_the_carrying_stage(client)
    replies = await client.send("un point fixe, itinérance (bus)")
    assert question_in(services.guide, replies[-1]).id == "port_itinerance_lieux"
    assert versions(services, "port_itinerance_lieux") == []


async def test_a_population_said_with_its_winter_crowd_is_kept_and_the_season_said_not_kept(client, services):
    """Les Rousses: "~7200 a l'annee, x3 l'hiver avec les touristes" was "Je n'ai pas reconnu un nombre"."""
    await reach_population(client, services)
    understood, asked = await client.send("~7200 a l'annee, x3 l'hiver avec les touristes")
    assert understood.text == kept_without("7200", "x3 l'hiver avec les touristes")
    assert versions(services, "population") == [7200]
    assert question_in(services.guide, asked).id == "diag_demographie"


@pytest.mark.parametrize(("typed", "said", "name"), [
    # Les Rousses: the meeting's date was the first contact's, and "par mail, rdv fixé" the referent's name.
    ("oui par mail, rdv fixé le 14/07 a la sous-pref de st claude",
     "➡️ Réponse retenue : Oui.\nℹ️ Cette question ne garde pas de précision : « rdv fixé le 14/07 a la "
     "sous-pref de st claude » n'est pas enregistré.", []),
    ("oui par mail", "➡️ Réponse retenue : Oui.", []),  # "par mail" was the name
    ("oui, par téléphone, Mme Roux", "➡️ Réponse retenue : Oui.\n📝 Et à « Quel est le nom de votre référent en "
     "Préfecture ? », j'ai noté : Mme Roux.", ["Mme Roux"])])
async def test_a_yes_said_with_how_and_a_meeting_to_come_keeps_neither_as_the_name_or_the_date(client, services, typed,
                                                                                             said, name):
    await reach_prefecture_question(client, services.guide)
    understood, *_ = await client.send(typed)
    assert understood.text == said
    assert versions(services, "prefecture_contactee") == [True]
    assert versions(services, "referent_nom") == name
    assert versions(services, "date_premier_contact") == []


async def test_how_the_referent_was_reached_typed_for_the_name_is_refused(client, services):
    await reach_prefecture_question(client, services.guide)
    await client.send("oui")
    refused, _ = await client.send("par mail")
    assert refused.text.startswith("⚠️ « par mail » dit comment, pas qui. Cette question demande le prénom et le nom "
                                   "d'une personne.")
    assert versions(services, "referent_nom") == []


async def test_when_the_expectations_will_be_known_leaves_them_for_later(client, services):
    """Les Rousses: "on verra au rdv du 14 janvier" was kept as the Préfecture's expectations, for the dossier."""
    await reach_prefecture_question(client, services.guide)
    for text in ("oui", "M. Jacquet, sous-préfecture de Saint-Claude", "14/10/2026", "oui"):
        await client.send(text)
    said, _ = await client.send("on verra au rdv du 14 janvier")
    assert said.text == "Quelles sont les attentes de la Préfecture sur votre projet ?\n➡️ à compléter plus tard"
    assert versions(services, "attentes_prefecture") == [None]


async def test_a_second_place_after_et_goes_on_with_where_the_permanences_are(client, services):
    """Les Rousses: "…+ permanences a bois d'amont et bellefontaine (1/2 journee par semaine chacune)" refused
    "bellefontaine (…)", typed without its "à"."""
    await open_the_carrying_stage(client)
    replies = await client.send("point fixe au bureau de poste des rousses + permanences a bois d'amont et "
                                "bellefontaine (1/2 journee par semaine chacune)")
    assert replies[0].text.startswith("➡️ Réponse retenue : Point fixe (un lieu d'accueil permanent), Itinérance : "
                                      "permanences hors de la Maison.")
    assert versions(services, "port_modes") == [["point_fixe", "itinerance"]]
    assert versions(services, "port_itinerance_lieux") == [
        "a bois d'amont et bellefontaine (1/2 journee par semaine chacune)"]


async def test_computers_in_free_access_and_a_printer_after_the_visio_are_ticked_next(client, services):
    """Les Rousses: "visio (…), 2 pc en libre acces + 1 imprimante/scanner" made the computers and the printer the
    « Autre » solution: "pc en libre acces" was no computer ("accès" is the Internet option's word)."""
    await reach_in_stage_4(client, services, "tech_solution")
    understood, ticked, asked = await client.send("visio (caf/cpam ont deja des creneaux), 2 pc en libre acces + 1 "
                                                  "imprimante/scanner")
    assert understood.text == ("➡️ Réponse retenue : Visioconférence.\nℹ️ Cette question ne garde pas de précision : "
                               "« caf/cpam ont deja des creneaux » n'est pas enregistré.")
    assert ticked.text.startswith("ℹ️ À la question suivante, j'ai coché « 2 pc en libre acces + 1 imprimante/scanner »")
    assert "☑️ Postes informatiques" in asked.labels and "☑️ Imprimante et scanner" in asked.labels
    assert versions(services, "tech_solution") == [["visio"]]
    # then "valider" typed after the items added was an « Autre » worded "valider"
    said, _ = await client.send("+ la fibre et le wifi, valider")
    assert said.text == f"➡️ Réponse retenue : {EQUIPPED}."
    assert versions(services, "tech_equipements") == [EQUIPMENT]
    # Les Rousses: back at the list answered, "+ …" replaced the answer instead of adding to it
    await client.click("↩️ Retour")
    assert question_in(services.guide, client.last()).id == "tech_equipements"
    said, _ = await client.send("+ une borne tactile, valider")
    assert said.text.startswith(f"➡️ Réponse retenue : {EQUIPPED}, Autre.")
    assert versions(services, "tech_equipements")[-1] == [*EQUIPMENT, "autre"]


async def test_an_answer_after_idem_is_kept_and_the_idem_said_not_kept(client, services):
    """Rémalard-en-Perche: "idem, logements vacants dans le bourg + resid secondaires (parisiens)" was refused, the
    whole answer to type again; the next answer, typed at once, was then stored as the housing's."""
    await reach_population(client, services)
    for typed in ("6000", "population vieillissante", "bourg et hameaux dispersés", "agriculture, artisanat"):
        await client.send(typed)
    assert question_in(services.guide, client.last()).id == "diag_habitat"
    said, asked = await client.send("idem, logements vacants dans le bourg + resid secondaires (parisiens)")
    assert said.text == ("ℹ️ Non repris : « idem ». Dans le dossier, chaque réponse est lue seule : vérifiez que "
                         "celle-ci dit tout, sinon touchez ↩️ Retour pour la compléter.")
    assert versions(services, "diag_habitat") == ["logements vacants dans le bourg + resid secondaires (parisiens)"]
    assert question_in(services.guide, asked).id == "diag_mobilites"
    refused, _ = await client.send("idem + le car scolaire")  # more added to an answer the dossier cannot reach
    assert refused.text.startswith("⚠️ « idem + le car scolaire » ne se lira pas dans le dossier")
    assert versions(services, "diag_mobilites") == []


async def test_the_same_said_twice_copies_who_does_the_function_before(client, services):
    """Les Rousses: "idem, ce sont les memes" at « Qui assurera l'accompagnement des usagers ? » was refused."""
    await answer_the_reception(client, "Nathalie Bouvet et Kevin Jeunet", "1,2", "2")
    said, _ = await client.send("idem, ce sont les memes")
    assert said.text == "➡️ Réponse retenue : Nathalie Bouvet et Kevin Jeunet."
    assert versions(services, "equipe_agent_accompagnement") == ["Nathalie Bouvet et Kevin Jeunet"]


async def test_each_function_s_share_said_together_answers_both(client, services):
    """Les Rousses: "compris dans le 1,2 de l'accueil, disons 0,6 pour l'accompagnement et 0,6 pour l'accueil", as
    the refusal of "compris dans…" asked, was refused again."""
    await answer_the_reception(client, "Nathalie Bouvet et Kevin Jeunet", "1,2", "2")
    await client.send("les mêmes")
    said, along, _ = await client.send("compris dans le 1,2 de l'accueil, disons 0,6 pour l'accompagnement et 0,6 pour "
                                       "l'accueil")
    assert said.text == kept_without("0,6", "compris dans le 1,2 de l'accueil")
    assert along.text == "➡️ Réponse retenue pour « Combien d'ETP l'accueil représente-t-il ? » : 0,6."
    assert versions(services, "equipe_etp_accompagnement") == ["0.6"]
    assert versions(services, "equipe_etp_accueil") == ["1.2", "0.6"]  # the first kept in the history


async def test_a_name_said_with_a_share_of_one_s_time_answers_both(client, services):
    """Les Rousses: "moi, Thomas Girod, 10% de mon temps" at « Qui assurera la coordination… ? » was "écrivez le
    prénom et le nom, plutôt que « moi »"; without "moi", the share was part of the name."""
    await reach_team_functions(client, "coordination")
    said, _ = await client.send("moi, Thomas Girod, 10% de mon temps")
    assert said.text == ("➡️ Réponse retenue : Thomas Girod.\n📝 Et à « Combien d'ETP la coordination représente-t-elle "
                         "? », j'ai noté : 0,1.")
    assert versions(services, "equipe_agent_coordination") == ["Thomas Girod"]
    assert versions(services, "equipe_etp_coordination") == ["0.1"]


async def test_a_yes_typed_without_a_comma_then_when_is_a_yes_to_what_will_be(client, services):
    """Les Rousses: "oui formation en janvier, ouverture prevue en avril" at « Le conseiller 1 est-il formé, ou le
    sera-t-il… ? » was "Répondez par oui ou par non": "prévue" made the yes one to come."""
    await reach_advisers(client, services)
    await client.send("1")
    await client.click("Valider")
    understood, _ = await client.send("oui formation en janvier, ouverture prevue en avril")
    assert understood.text == kept_without("Oui", "formation en janvier, ouverture prevue en avril")
    assert versions(services, "fs_forme_conseiller_1") == [True]


async def test_the_day_typed_alone_after_the_month_was_said_is_that_month_s(client, services):
    """Les Rousses: "fin fevrier normalement" asked its day, and "le 26" then asked its month, « Exemple : 26 mars »."""
    await reach_prefecture_question(client, services.guide)
    await client.send("oui")
    await client.send("M. Jacquet")
    refused, _ = await client.send("fin septembre 2026 normalement")
    assert refused.text.startswith("⚠️ Il me faut aussi le jour. Exemple : 15 septembre 2026.")
    understood, _ = await client.send("le 26")  # the year typed too: the date is shown back all the same
    assert understood.text == "➡️ Réponse retenue : 26 septembre 2026."
    assert versions(services, "date_premier_contact") == ["2026-09-26"]
    assert question_in(services.guide, client.last()).id == "documents_recus"


async def test_how_the_addressee_is_reached_after_the_name_is_said_not_kept(client, services):
    """Les Rousses: "a M. Jacquet a la sous-pref de St-Claude, par mail" kept ", par mail" in the name."""
    await create_project(client)
    await client.send("/menu")
    replies = await client.click("7. ")
    while (asked := question_in(services.guide, replies[-1])) is None or asked.id != "label_destinataire":
        replies = await client.click("Passer") if asked is not None and not asked.required else \
            await client.click("Je ne sais pas encore")
    said, _ = await client.send("a M. Jacquet a la sous-pref de St-Claude, par mail")
    assert said.text == kept_without("M. Jacquet a la sous-pref de St-Claude", "par mail")
    assert versions(services, "label_destinataire") == ["M. Jacquet a la sous-pref de St-Claude"]


async def test_a_request_said_in_preparation_short_is_in_preparation(client, services):
    """Les Rousses: "en prepa, envoi prevu mi fevrier" at « Où en est votre demande de financement ? » was refused."""
    await create_project(client)
    await client.send("/menu")
    replies = await client.click("7. ")
    while (asked := question_in(services.guide, replies[-1])) is None or asked.id != "label_demande_etat":
        replies = await client.click("Étape suivante") if asked is None else await client.click(
            "Passer" if not asked.required else "Je ne sais pas encore")
    said, *_ = await client.send("en prepa, envoi prevu mi fevrier")
    assert said.text.startswith("➡️ Réponse retenue : En préparation.")
    assert versions(services, "label_demande_etat") == ["en_preparation"]
