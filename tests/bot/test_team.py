"""A project is a team: invitations by link, roles checked on the server, a partner's own part, who did what."""
from __future__ import annotations

import json
import re

import pytest
from sqlalchemy import select, update

from bot.app import REMINDERS
from states.buttons import Action, Payload
from store.models import Answer, Invitation, Membership, Project, User
from store.repo import Repository
from tests.support.members import the_project
from tests.support.projects import CONFORMANT
from tests.support.telegram import FRANCE_SERVICES_RULES, ChatClient
from tests.support.traces import rows_mentioning
from tests.bot.test_verdicts import at_first_contact_date
from tests.support.walk import answer_text, question_in

LINK = re.compile(r"https://t\.me/guide_msap_bot\?start=([A-Za-z0-9_-]+)")


@pytest.fixture
def owner(application, api) -> ChatClient:
    return ChatClient(application, api, user_id=1001, first_name="Marie", last_name="Dupont")


def person(application, api, user_id: int, first_name: str, last_name: str) -> ChatClient:
    return ChatClient(application, api, user_id=user_id, first_name=first_name, last_name=last_name)


async def invite(owner: ChatClient, role: str, partner: str | None = None) -> str:
    """The token of a new invitation link made through /equipe."""
    await owner.send("/equipe")
    await owner.click("Inviter quelqu'un")
    replies = await owner.click(f"Comme {role}")
    if partner is not None:
        replies = await owner.click(partner)
    found = LINK.search(replies[-1].text)
    assert found, replies[-1].text
    return found.group(1)


async def join(client: ChatClient, token: str):
    offer = await client.send(f"/start {token}")
    return offer, await client.click("Rejoindre le projet")


async def contributor_who_answered(owner: ChatClient, application, api) -> ChatClient:
    """Claire Martin, invited as a contributor to the owner's new project, has named its chef de projet."""
    await owner.start_project()
    claire = person(application, api, 1002, "Claire", "Martin")
    await join(claire, await invite(owner, "contributeur"))
    await claire.send("Jeanne Martin")
    return claire


def choose_operators(services, *operators: str) -> None:
    """The owner's answer choosing the operators (set directly: walking two stages would say nothing more)."""
    with services.database.begin() as connection:
        repo = Repository(connection)
        repo.record_answer(connection.execute(select(Project.id)).scalar_one(), "part_operateurs", "multi_choice", "answered", list(operators), 1001)


def forge(client: ChatClient, project_id: int, action: str, arg: int | None = None, revision: int | None = None):
    message = {"message_id": 1, "date": 0, "chat": client.chat, "text": "x",
               "from": {"id": 1, "is_bot": True, "first_name": "Guide MSAP"}}
    return client.deliver(client.press_update(message, Payload(project_id, revision, action, arg).encode()))


async def test_a_contributor_joins_by_link_answers_and_the_owner_sees_who_changed_what(owner, application, api,
                                                                                      services):
    await owner.start_project()
    await owner.send("Jeanne Martin")  # chef_projet_nom
    token = await invite(owner, "contributeur")
    with services.database.connect() as connection:
        stored = connection.execute(select(Invitation.token_hash)).scalar_one()
    assert token not in stored and len(token) >= 22  # at least 128 bits, kept only hashed

    claire = person(application, api, 1002, "Claire", "Martin")
    offer, joined = await join(claire, token)
    assert "Marie Dupont vous invite à rejoindre le projet « MSAP des Causses » (Larzac)" in offer[-1].text
    assert "contributeur" in offer[-1].text
    assert "Bienvenue dans le projet « MSAP des Causses »" in joined[0].text
    assert ("📍 Le projet en est à l'étape 1 (Établir un diagnostic pour définir le projet) : Le chef de projet.\n"
            "L'équipe a déjà donné 1 réponse. Pour voir où en est chaque étape : /avancement. Le dossier en l'état : "
            "/dossier.") in joined[0].text  # she joins under way: where it stands
    assert question_in(services.guide, joined[-1]).id == "chef_projet_fonction"
    await claire.send("Directrice du pôle services")

    team = (await owner.send("/equipe"))[-1]
    assert "Marie Dupont (vous) : porteur du projet" in team.text and "Claire Martin : contributeur" in team.text
    with services.database.connect() as connection:
        authors = dict(connection.execute(select(Answer.question_id, Answer.user_id)).all())
        roles = dict(connection.execute(select(Membership.user_id, Membership.role)).all())
    assert authors == {"chef_projet_nom": 1001, "chef_projet_fonction": 1002}
    assert roles == {1001: "owner", 1002: "contributor"}

    recap = (await owner.send("Claire Morel"))[-1]  # the owner changes the name: her step's recap follows
    while "Récapitulatif" not in recap.text:
        question = question_in(services.guide, recap)
        recap = (await owner.send(answer_text(question, CONFORMANT)))[-1]
    # Claire gave this answer, she changed none: "modifié par" said more than happened
    assert "réponse de Claire Martin, le 1er juillet 2027" in recap.text
    assert recap.text.count("réponse de") == 1  # her own answers carry no name


async def two_at_the_function(owner, application, api) -> ChatClient:
    """Claire joins while the owner's project asks the chef de projet's function; both have it on screen."""
    await owner.start_project()
    await owner.send("Jeanne Martin")  # chef_projet_nom
    claire = person(application, api, 1002, "Claire", "Martin")
    joined = (await join(claire, await invite(owner, "contributeur")))[1]
    assert "Quelle est sa fonction" in joined[-1].text
    await owner.send("/menu")
    assert "Quelle est sa fonction" in (await owner.click("Continuer"))[-1].text
    return claire


def current_answers(services) -> dict[str, tuple]:
    with services.database.connect() as connection:
        return {question: (value, author) for question, value, author in connection.execute(
            select(Answer.question_id, Answer.value, Answer.user_id).where(Answer.is_current.is_(True)))}


async def test_a_text_typed_under_a_question_a_teammate_just_answered_answers_it_and_theirs_can_come_back(
        owner, application, api, services):
    claire = await two_at_the_function(owner, application, api)
    assert "Quel temps de travail sera" in (await owner.send("Directrice du centre social"))[-1].text

    # Typed under the function, Claire's text is no answer to the time the project asks now: it is the function.
    replies = await claire.send("Chargée de mission à la mairie")
    assert current_answers(services)["chef_projet_fonction"] == ("Chargée de mission à la mairie", 1002)
    assert "chef_projet_temps" not in current_answers(services)
    told = replies[-2]
    assert told.text.startswith("ℹ️ Marie Dupont avait répondu entre-temps :\nQuelle est sa fonction")
    assert "➡️ Directrice du centre social\nVotre réponse remplace la sienne, qui reste dans l'historique." in told.text
    assert told.labels == ["↩️ Remettre la réponse de Marie Dupont"]
    assert "Quel temps de travail sera" in replies[-1].text

    back = await claire.click("Remettre la réponse de Marie Dupont")
    assert back[0].text.startswith("↩️ La réponse de Marie Dupont est remise.\nQuelle est sa fonction")
    assert "Quel temps de travail sera" in back[-1].text
    assert current_answers(services)["chef_projet_fonction"][0] == "Directrice du centre social"
    assert (await claire.click("Remettre la réponse de Marie Dupont")) == []  # twice: once
    assert api.toasts()[-1] == "C'est déjà pris en compte."
    with services.database.connect() as connection:
        versions = connection.execute(select(Answer.value, Answer.user_id)
                                      .where(Answer.question_id == "chef_projet_fonction").order_by(Answer.id)).all()
    assert versions == [("Directrice du centre social", 1001), ("Chargée de mission à la mairie", 1002),
                        ("Directrice du centre social", 1001)]  # her words back, under her name


async def test_two_members_tick_one_question_at_once_and_the_later_valider_is_told_who_answered(
        owner, application, api, services):
    await owner.start_project()
    for text in ("Jeanne Martin", "Directrice du centre social"):
        await owner.send(text)
    await owner.click("Mi-temps")
    assert question_in(services.guide, (await owner.click("Étape suivante"))[-1]).id == "enjeux"
    claire = person(application, api, 1002, "Claire", "Martin")
    assert question_in(services.guide, (await join(claire, await invite(owner, "contributeur")))[1][-1]).id \
        == "enjeux"

    # Each one's ticks are their own: a teammate's tap makes no button of the other's screen old.
    assert "Cochées : Cohésion sociale." in (await owner.click("Cohésion sociale"))[-1].text
    assert "Cochées : Maillage territorial." in (await claire.click("Maillage territorial"))[-1].text
    assert question_in(services.guide, (await owner.click("Valider"))[-1]).id == "enjeux_cohesion"
    late = await claire.click("Valider")
    assert api.toasts()[-1] == "Marie Dupont vient de répondre à cette question. Voici la question en cours."
    assert question_in(services.guide, late[-1]).id == "enjeux_cohesion"
    assert current_answers(services)["enjeux"] == (["cohesion_sociale"], 1001)


async def test_a_list_and_its_other_said_at_once_replace_a_teammate_s_and_come_back_together(owner, application,
                                                                                              api, services):
    await owner.start_project()
    for text in ("Jeanne Martin", "Directrice du centre social"):
        await owner.send(text)
    await owner.click("Mi-temps")
    await owner.click("Étape suivante")
    await owner.click("Cohésion sociale")
    assert question_in(services.guide, (await owner.click("Valider"))[-1]).id == "enjeux_cohesion"
    claire = person(application, api, 1002, "Claire", "Martin")
    await join(claire, await invite(owner, "contributeur"))  # her screen: the same question
    await owner.send("/menu")
    await owner.click("Continuer")
    await owner.send("Autre : l'accès aux droits")

    replies = await claire.send("accompagnement des personnes et médiation numérique")
    told = next(reply for reply in replies if reply.text.startswith("ℹ️ Marie Dupont avait répondu entre-temps"))
    assert ("En matière de cohésion sociale, que visez-vous ?\n➡️ Autre\n"
            "Quel autre enjeu de cohésion sociale ?\n➡️ l'accès aux droits\n") in told.text
    assert current_answers(services)["enjeux_cohesion_autre"] == ("médiation numérique", 1002)

    back = await claire.click("Remettre la réponse de Marie Dupont")
    assert back[0].text == ("↩️ La réponse de Marie Dupont est remise.\n"
                            "En matière de cohésion sociale, que visez-vous ?\n➡️ Autre\n"
                            "Quel autre enjeu de cohésion sociale ?\n➡️ l'accès aux droits")
    assert current_answers(services)["enjeux_cohesion"] == (["autre"], 1001)
    assert current_answers(services)["enjeux_cohesion_autre"] == ("l'accès aux droits", 1001)

    replies = await claire.reply(back[0], "d'accord, je vois")  # a reply to two questions, which one unsaid
    assert replies[0].text == "ℹ️ Je n'ai rien enregistré : ce message porte sur plusieurs questions, et votre " \
                              "réponse peut aller à plus d'une. Répondez au message qui pose la question, ou " \
                              "allez-y depuis /menu. Voici la question en cours."
    assert current_answers(services)["enjeux_cohesion_autre"] == ("l'accès aux droits", 1001)


async def test_a_text_typed_under_a_question_left_behind_by_a_teammate_answers_it_where_the_project_is(
        owner, application, api, services):
    claire = await two_at_the_function(owner, application, api)
    await owner.send("/menu")
    stage_2 = question_in(services.guide, (await owner.click("2. Monter le partenariat"))[-1])

    replies = await claire.send("Chargée de mission à la mairie")
    assert replies[0].text == "Quelle est sa fonction et dans quelle structure ?\n➡️ Chargée de mission à la mairie"
    assert question_in(services.guide, replies[-1]) == stage_2  # then where the project is now
    assert current_answers(services)["chef_projet_fonction"] == ("Chargée de mission à la mairie", 1002)
    assert set(current_answers(services)) == {"chef_projet_nom", "chef_projet_fonction"}


async def test_a_text_typed_under_a_question_the_rules_no_longer_ask_is_taken_for_nothing(owner, application, api,
                                                                                           services):
    await owner.start_project(rules=FRANCE_SERVICES_RULES)
    claire = person(application, api, 1002, "Claire", "Martin")
    await join(claire, await invite(owner, "contributeur"))
    with services.database.begin() as connection:  # her screen asks what France services alone asks; meanwhile,
        connection.execute(update(Membership).where(Membership.user_id == 1002)  # the owner chose the 2016 fiche
                           .values(asked_question="part_nom_interieur"))
        connection.execute(update(Project).values(referential="msap"))
    replies = await claire.send("Préfecture de la Seine-Saint-Denis")
    assert replies[0].text.startswith("ℹ️ Je n'ai rien enregistré : entre-temps, l'équipe a changé le projet")
    assert question_in(services.guide, replies[-1]).id == "chef_projet_nom"
    assert current_answers(services) == {}


# The tests' today is 1 July 2027: a first contact in December is not past yet; "en mai" lacks its day.
@pytest.mark.parametrize("typed", ["3 décembre 2027", "en mai"])
async def test_a_surprising_date_or_a_text_to_read_with_its_question_left_behind_is_said_where_to_give(
        owner, application, api, services, typed):
    await at_first_contact_date(owner, services.guide)
    claire = person(application, api, 1002, "Claire", "Martin")
    assert question_in(services.guide, (await join(claire, await invite(owner, "contributeur")))[1][-1]).id \
        == "date_premier_contact"
    await owner.send("/menu")
    stage_2 = question_in(services.guide, (await owner.click("2. Monter le partenariat"))[-1])

    replies = await claire.send(typed)
    assert replies[0].text == ("ℹ️ Je n'ai rien enregistré pour « À quelle date l'avez-vous contacté pour la "
                               "première fois ? » : entre-temps, l'équipe a fait avancer le projet, et cette réponse "
                               "demande une vérification. Répondez-y à son étape, depuis /menu. Voici la question en "
                               "cours.")
    assert question_in(services.guide, replies[-1]) == stage_2
    assert "date_premier_contact" not in current_answers(services)


async def test_a_text_typed_under_a_question_a_teammate_made_pointless_is_taken_for_nothing(owner, application,
                                                                                            api, services):
    await owner.start_project()
    claire = person(application, api, 1002, "Claire", "Martin")
    await join(claire, await invite(owner, "contributeur"))
    with services.database.begin() as connection:  # the first step answered
        repo = Repository(connection)
        for question_id, kind, value in (("chef_projet_nom", "text", "Jeanne Martin"),
                                         ("chef_projet_fonction", "text", "DGS"),
                                         ("chef_projet_temps", "choice", "mi_temps")):
            repo.record_answer(1, question_id, kind, "answered", value, 1002)
    await claire.send("/menu")
    await claire.click("Continuer")  # the step's recap
    assert question_in(services.guide, (await claire.click("Étape suivante"))[-1]).id == "enjeux"
    assert question_in(services.guide, (await claire.send("maillage territorial"))[-1]).id == "enjeux_maillage"

    with services.database.begin() as connection:  # the owner meanwhile: cohesion, not the territory's mesh
        Repository(connection).record_answer(1, "enjeux", "multi_choice", "answered", ["cohesion_sociale"], 1001)
    replies = await claire.send("isolement territorial")
    assert replies[0].text.startswith("ℹ️ Je n'ai rien enregistré : entre-temps, l'équipe a changé le projet")
    assert question_in(services.guide, replies[-1]).id == "enjeux_cohesion"
    assert "enjeux_maillage" not in current_answers(services) and "enjeux_cohesion" not in current_answers(services)


async def partner_at_recap(owner, application, api, services):
    """Paul Roux, invited for the CAF, has answered its questions: its recap asks him to confirm."""
    await owner.start_project()
    choose_operators(services, "caf", "msa")
    await owner.send("/equipe")
    await owner.click("Inviter quelqu'un")
    choices = (await owner.click("Comme partenaire"))[-1]
    assert choices.labels == ["CAF", "MSA", "👥 Équipe"]
    token = LINK.search((await owner.click("CAF"))[-1].text).group(1)

    paul = person(application, api, 1003, "Paul", "Roux")
    offer, replies = await join(paul, token)
    assert "partenaire</b> pour la CAF." in offer[-1].markup and "aux questions sur la CAF et voyez" in offer[-1].text
    caf = services.engine.default.partners.by_key["part_operateurs:caf"]
    asked = []
    script = {**CONFORMANT, "part_convention_caf": "Signée", "part_convention_caf_date": "15 mars 2027"}
    while "Récapitulatif" not in replies[-1].text:
        question = question_in(services.guide, replies[-1])
        asked.append(question.id)
        replies = await paul.send(answer_text(question, script))
    assert set(asked) <= set(caf.questions) and "part_nom_caf" in asked
    assert "Récapitulatif : Les opérateurs partenaires et leurs services · CAF" in replies[-1].text
    return paul, asked


async def test_what_the_owner_leaves_for_the_partner_s_member_is_asked_of_them(owner, application, api, services):
    """Invited for the CAF, Paul answers its questions: the owner asked them is told so, leaves them to him, and he
    is asked each, not shown a recap of « à compléter plus tard »."""
    await owner.start_project()
    choose_operators(services, "caf", "msa")
    paul = person(application, api, 1003, "Paul", "Roux")
    await join(paul, await invite(owner, "partenaire", "CAF"))
    await owner.send("/menu")
    replies = await owner.click("2. Monter le partenariat")
    while (question := question_in(services.guide, replies[-1])) is None or question.id != "part_nom_caf":
        replies = await (owner.send(answer_text(question, CONFORMANT)) if question else owner.click("Étape suivante"))
    assert ("🤝 Paul Roux répond pour la CAF dans l'équipe : « 🕓 Tout ce partenaire plus tard » lui laisse ces "
            "questions.") in replies[-1].text
    left = await owner.click("Tout ce partenaire plus tard")
    assert "Paul Roux, qui répond pour la CAF dans l'équipe, les trouvera en reprenant le guide." in left[0].text
    assert "invitez-la depuis /equipe" not in left[0].text
    assert "🤝" not in left[-1].text  # the MSA's questions: nobody answers for it in the team

    await paul.send("/start")
    asked = await paul.click("Continuer")
    assert question_in(services.guide, asked[-1]).id == "part_nom_caf"
    assert "🤝" not in asked[-1].text  # he is the one
    asked = await paul.click("Je ne sais pas encore")  # his own « later »: the next one
    assert question_in(services.guide, asked[-1]).id == "part_services_caf"
    await paul.send("RDV en visio, aide aux demandes de prestations")
    await paul.send("Yacine Haddad, conseiller partenaires")
    refused = await paul.send("la directrice, je vous confirme son nom la semaine prochaine")  # the signatory
    assert refused[0].text.endswith("Pas encore connu ? Touchez « 🕓 Je ne sais pas encore ».")
    assert question_in(services.guide, refused[-1]).id == "part_signataire_caf"


async def test_the_team_hears_of_a_partner_joining_as_a_sentence_names_it(owner, application, api, services):
    await owner.start_project()
    choose_operators(services, "caf", "msa")
    await join(person(application, api, 1003, "Paul", "Roux"), await invite(owner, "partenaire", "CAF"))
    services.engine.clock.advance(hours=1)
    since = len(api.calls)
    await application.bot_data[REMINDERS].run_once(application.bot)
    (news,) = [sent for sent in api.sent(since) if sent.chat_id == 1001]
    assert "👋 Nouveau membre : partenaire pour la CAF (Paul Roux, " in news.text


async def test_a_partner_cannot_confirm_its_part_with_a_required_answer_left_for_later(owner, application, api,
                                                                                        services):
    await owner.start_project()
    choose_operators(services, "caf", "msa")
    await owner.send("/equipe")
    await owner.click("Inviter quelqu'un")
    await owner.click("Comme partenaire")
    token = LINK.search((await owner.click("CAF"))[-1].text).group(1)
    paul = person(application, api, 1003, "Paul", "Roux")
    _, replies = await join(paul, token)
    assert question_in(services.guide, replies[-1]).id == "part_nom_caf"
    assert "🕓 Tout ce partenaire plus tard" not in replies[-1].labels  # all its questions are about its partner
    replies = await paul.click("Je ne sais pas encore")
    while "Récapitulatif" not in replies[-1].text:
        replies = await paul.send(answer_text(question_in(services.guide, replies[-1]), CONFORMANT))
    refused = await paul.click("Confirmer notre partie")
    assert refused[0].text.startswith("Avant de confirmer votre partie, il reste une réponse obligatoire :")
    assert "/menu" not in refused[0].text  # the partner has no other step to go on with
    assert question_in(services.guide, refused[-1]).id == "part_nom_caf"


async def test_a_partner_who_types_oui_under_its_recap_confirms_its_part(owner, application, api, services):
    paul, _ = await partner_at_recap(owner, application, api, services)
    confirmed = await paul.send("Oui, c'est bon")
    assert "Votre partie, pour la CAF, est confirmée." in confirmed[-1].text
    team = (await owner.send("/equipe"))[-1]
    assert "partie confirmée le 1er juillet 2027" in team.text
    await paul.send("/equipe")  # its part given, its words under /equipe still do what its buttons do
    assert (await paul.send("quitter le projet"))[-1].text.startswith("🚪 Quitter le projet « MSAP des Causses » ?")

async def test_a_partner_sees_only_its_organisation_and_confirms_it(owner, application, api, services):
    paul, asked = await partner_at_recap(owner, application, api, services)
    said = (await paul.send("non"))[0]
    assert said.text.endswith("Sinon, touchez « Confirmer notre partie ».")
    confirmed = await paul.click("Confirmer notre partie")
    assert "Votre partie, pour la CAF, est confirmée." in confirmed[-1].text

    team = (await owner.send("/equipe"))[-1]
    assert "Paul Roux : partenaire pour la CAF" in team.text and "partie confirmée le 1er juillet 2027" in team.text

    # Nothing else is within reach: commands, buttons of the guide, forged buttons of any kind.
    project_id = the_project(services)
    for command in ("/dossier", "/conformite", "/budget", "/checklist", "/a_traiter"):
        refused = await paul.send(command)
        assert "En tant que partenaire, vous ne pouvez pas" in refused[0].text, command
    msa_question = services.guide.question_index["part_nom_msa"]
    for action, arg in ((Action.GOTO, 0), (Action.ANSWER, msa_question), (Action.FIX, 0), (Action.DOSSIER, 1),
                        (Action.TEAM_INVITE, 0), (Action.TICK, 0), (Action.BUDGET_ADD, 0)):
        await forge(paul, project_id, action, arg)
        assert api.toasts()[-1] == "Votre rôle (partenaire) ne le permet pas dans ce projet.", action
    await forge(paul, project_id, Action.EDIT, 40)  # past the last of its questions
    assert api.toasts()[-1].startswith("Ce bouton date d'un ancien message")
    with services.database.connect() as connection:
        answered = set(connection.execute(select(Answer.question_id).where(Answer.user_id == 1003)).scalars())
        state = connection.execute(select(Project.state)).scalar_one()
    assert answered == set(asked) and state == services.guide.steps[0].id  # the project did not move


async def test_a_reader_reads_and_answers_nothing(owner, application, api, services):
    await owner.start_project()
    token = await invite(owner, "lecteur")
    prefecture = person(application, api, 1004, "Luc", "Préfet")
    offer, joined = await join(prefecture, token)
    assert "sans répondre aux questions" in offer[-1].text
    assert "Avancement : MSAP des Causses" in joined[-1].text
    refused = await prefecture.send("Bien reçu. Pensez à joindre la délibération.")  # meant for the team
    assert refused[0].text.startswith("🔒 En tant que lecteur, vous ne répondez pas aux questions de ce projet.\n"
                                      "Votre message n'est ni enregistré ni transmis à l'équipe. Pour lui écrire, "
                                      "contactez Marie Dupont, porteur du projet.")
    assert "En tant que lecteur, vous ne pouvez pas faire cela" in (await prefecture.send("/a_traiter"))[0].text
    project_id = the_project(services)
    await forge(prefecture, project_id, Action.SKIP, revision=0)
    assert api.toasts()[-1] == "Votre rôle (lecteur) ne le permet pas dans ce projet."
    conformity = (await prefecture.send("/conformite"))[-1]
    assert "Exigences de la labellisation" in conformity.text
    assert conformity.labels == ["☰ Menu"]  # no 🔧 to open a step: a reader opens none
    assert "Dossier final" not in (await prefecture.send("/dossier"))[-1].labels  # what is missing, and a draft
    # "brouillon" typed there is its button, which a reader may tap: it was "vous ne répondez pas aux questions"
    assert (await prefecture.send("brouillon"))[0].text.startswith("📝 Préparation du brouillon…")
    await prefecture.send("/checklist")
    stage = (await prefecture.click("1. Établir un diagnostic"))[0]
    assert stage.labels == ["📋 Toutes les étapes", "☰ Menu"]  # nothing to tick, one by one or all at once
    assert "En tant que lecteur" in (await prefecture.send("tout est fait"))[0].text
    with services.database.connect() as connection:
        assert connection.execute(select(Answer.id)).first() is None


async def test_used_revoked_expired_and_unknown_links_are_refused_in_french(owner, application, api, services):
    await owner.start_project()
    used = await invite(owner, "contributeur")
    await join(person(application, api, 1002, "Claire", "Martin"), used)
    late = person(application, api, 1005, "Jean", "Tard")
    assert "Ce lien a déjà servi" in (await late.send(f"/start {used}"))[0].text

    revoked = await invite(owner, "lecteur")
    await owner.send("/equipe")
    team = (await owner.click("Annuler le lien 1"))[-1]
    assert "Le lien est annulé" in team.text and "Liens en attente" not in team.text
    assert "Ce lien a été annulé" in (await late.send(f"/start {revoked}"))[0].text

    expired = await invite(owner, "lecteur")
    services.engine.clock.advance(days=7)
    assert "Ce lien a expiré" in (await late.send(f"/start {expired}"))[0].text
    assert "n'est pas valable" in (await late.send("/start abcdefghijklmnopqrstuvwxyz012345"))[0].text
    # Refused, the newcomer is welcomed as anyone would be, and belongs to nothing.
    assert "quel est le nom de votre projet" in (await late.send("/start"))[-1].text
    with services.database.connect() as connection:
        assert connection.execute(select(Membership).where(Membership.user_id == 1005)).first() is None


async def test_a_link_pasted_as_a_message_opens_the_invitation_it_holds(owner, application, api, services):
    """Copied from an e-mail into the chat rather than tapped, the link is the invitation, never a project's name."""
    await owner.start_project("France services du Chêne Pointu", "Clichy-sous-Bois (93)")
    token = await invite(owner, "contributeur")
    karim = person(application, api, 1002, "Karim", "Ouali")
    offer = await karim.send(f"https://t.me/guide_msap_bot?start={token}")  # his first message to the bot
    assert len(offer) == 1  # the offer alone: no welcome asking for a project's name
    assert ("vous invite à rejoindre le projet « France services du Chêne Pointu » (Clichy-sous-Bois [93])."
            in offer[-1].text)
    joined = await karim.click("Rejoindre le projet")
    assert "Bienvenue dans le projet « France services du Chêne Pointu »" in joined[0].text

    again = await karim.send(f"Bonjour, Nadia m'a envoyé ce lien : t.me/guide_msap_bot?start={token}")
    assert "Vous faites déjà partie de ce projet" in again[0].text
    with services.database.connect() as connection:
        assert connection.execute(select(Project.name)).scalars().all() == ["France services du Chêne Pointu"]


async def test_an_offer_opened_by_one_person_cannot_be_accepted_by_another(owner, application, api, services):
    await owner.start_project()
    token = await invite(owner, "contributeur")
    claire = person(application, api, 1002, "Claire", "Martin")
    offer = await claire.send(f"/start {token}")
    intruder = person(application, api, 1006, "Igor", "Intrus")
    accept = next(b["callback_data"] for row in offer[-1].buttons for b in row if "Rejoindre" in b["text"])
    refused = await intruder.deliver(intruder.press_update(api.messages[offer[-1].message_id], accept))
    assert "n'est pas valable" in refused[0].text
    with services.database.connect() as connection:
        assert connection.execute(select(Membership.user_id).order_by(Membership.user_id)).scalars().all() == [1001]


async def test_only_the_owner_manages_the_team_and_changes_take_effect(owner, application, api, services):
    await owner.start_project()
    claire = person(application, api, 1002, "Claire", "Martin")
    await join(claire, await invite(owner, "contributeur"))
    team = (await claire.send("/equipe"))[-1]
    assert "Inviter" not in " ".join(team.labels)
    project_id = the_project(services)
    await forge(claire, project_id, Action.TEAM_ROLE, 1001 * 8 + 3)  # make the owner a reader
    assert api.toasts()[-1] == "Votre rôle (contributeur) ne le permet pas dans ce projet."

    await owner.send("/equipe")
    await owner.click("Claire Martin")
    changed = await owner.click("Rôle : lecteur")
    assert "Le rôle est changé" in changed[0].text and changed[0].chat_id == 1001
    told = [message.text for message in changed if message.chat_id == 1002]  # at once, not at her next message
    assert told == ["🔄 Projet « MSAP des Causses » : vous êtes maintenant lecteur.\nMarie Dupont, porteur du "
                    "projet, a changé votre rôle.\nVous consultez l'avancement, la conformité et les documents, "
                    "sans répondre aux questions."], told
    assert "En tant que lecteur" in (await claire.send("Directrice"))[0].text
    await owner.send("/equipe")
    await owner.click("Claire Martin")
    removed = await owner.click("Retirer du projet")
    assert "retirée du projet" in removed[0].text
    told = [message.text for message in removed if message.chat_id == 1002]
    assert len(told) == 1 and "Vous ne faites plus partie du projet « MSAP des Causses »" in told[0], told
    assert "Marie Dupont, porteur du projet, vous en a retiré" in told[0]
    assert "quel est le nom de votre projet" in (await claire.send("/start"))[-1].text  # no project left: she may start her own
    with services.database.connect() as connection:
        roles = dict(connection.execute(select(Membership.user_id, Membership.role)).all())
    assert roles == {1001: "owner"}


async def test_the_owner_deletes_the_project_for_everyone(owner, application, api, services):
    claire = await contributor_who_answered(owner, application, api)
    await owner.send("/equipe")
    confirm = (await owner.click("Supprimer le projet"))[-1]
    assert "pour les 2 membres de l'équipe" in confirm.text
    deleted = await owner.click("Oui, supprimer le projet")
    assert deleted[0].chat_id == 1001 and "Le projet « MSAP des Causses » est supprimé" in deleted[0].text
    told = [message.text for message in deleted if message.chat_id == 1002]  # at once, not at her next message
    assert len(told) == 1 and "Marie Dupont, porteur du projet, l'a supprimé" in told[0], told
    assert "quel est le nom de votre projet" in (await claire.send("/start"))[-1].text
    with services.database.connect() as connection:
        for table in (Project, Membership, Answer, Invitation):
            assert connection.execute(select(table)).first() is None, table


async def test_an_only_owner_who_erases_themselves_takes_the_project_and_the_team_is_told(owner, application,
                                                                                             api, services):
    claire = await contributor_who_answered(owner, application, api)
    confirm = (await owner.send("/supprimer"))[-1]
    assert "Leurs autres membres en seront prévenus" in confirm.text
    erased = await owner.click("Oui, tout effacer")
    told = [message.text for message in erased if message.chat_id == 1002]
    assert len(told) == 1 and "« MSAP des Causses » est supprimé" in told[0], told
    assert "Son porteur a effacé ses données" in told[0] and "Marie" not in told[0]
    assert rows_mentioning(services.database, "Dupont") == []
    assert "quel est le nom de votre projet" in (await claire.send("/start"))[-1].text


async def test_a_member_who_erases_themselves_leaves_their_answers_as_a_former_member(owner, application, api,
                                                                                       services):
    claire = await contributor_who_answered(owner, application, api)
    assert "Claire Martin : contributeur" in (await owner.send("/equipe"))[-1].text
    await claire.send("/supprimer")
    await claire.click("Oui, tout effacer")
    recap = (await owner.send("Directrice"))[-1]
    while "Récapitulatif" not in recap.text:
        recap = (await owner.send(answer_text(question_in(services.guide, recap), CONFORMANT)))[-1]
    assert "réponse d'un ancien membre" in recap.text
    assert rows_mentioning(services.database, "Claire") == []  # not even in the messages sent to Marie
    with services.database.connect() as connection:
        assert connection.execute(select(User.id).where(User.id == 1002)).first() is None
        assert connection.execute(select(Answer.user_id).where(Answer.question_id == "chef_projet_nom")
                                  ).scalar_one() is None


async def test_a_link_used_by_someone_who_then_erased_themselves_stays_used(owner, application, api, services):
    await owner.start_project()
    token = await invite(owner, "contributeur")
    claire = person(application, api, 1002, "Claire", "Martin")
    await join(claire, token)
    await claire.send("/supprimer")
    await claire.click("Oui, tout effacer")
    assert "Liens en attente" not in (await owner.send("/equipe"))[-1].text
    assert "Ce lien a déjà servi" in (await person(application, api, 1005, "Jean", "Tard").send(f"/start {token}")
                                      )[0].text


async def test_a_partner_whose_organisation_is_no_longer_chosen_is_told_so(owner, application, api, services):
    await owner.start_project()
    choose_operators(services, "caf", "msa")
    paul = person(application, api, 1003, "Paul", "Roux")
    await join(paul, await invite(owner, "partenaire", "CAF"))
    choose_operators(services, "msa")  # the owner drops the CAF
    told = (await paul.send("/start"))[-1]
    told = (await paul.click("Continuer"))[-1]
    assert "Le projet ne retient plus la CAF parmi ses partenaires" in told.text
    refused = await paul.send("Caisse d'allocations familiales")
    assert "ne retient plus la CAF" in refused[-1].text
    with services.database.connect() as connection:
        revision = connection.execute(select(Project.revision)).scalar_one()
    await forge(paul, the_project(services), Action.NEXT, revision=revision)  # "confirm" with nothing to confirm
    with services.database.connect() as connection:
        assert connection.execute(select(Membership.confirmed_at).where(Membership.user_id == 1003)
                                  ).scalar_one() is None
    with services.database.connect() as connection:
        assert connection.execute(select(Answer.id).where(Answer.user_id == 1003)).first() is None
    await paul.send("/equipe")  # nothing asked of it any more: it may leave, in words as with the button
    assert (await paul.send("quitter le projet"))[-1].text.startswith("🚪 Quitter le projet « MSAP des Causses » ?")


async def test_an_other_local_partner_is_named_as_the_project_typed_it(owner, application, api, services):
    """« Autre » among the local partners is the organisation typed for it, in every place the team sees it."""
    await owner.start_project()
    with services.database.begin() as connection:
        project_id = connection.execute(select(Project.id)).scalar_one()
        repo = Repository(connection)
        repo.record_answer(project_id, "part_acteurs_locaux", "multi_choice", "answered", ["autre"], 1001)
        repo.record_answer(project_id, "part_acteurs_locaux_autre", "short_text", "answered",
                           "Chambre d'agriculture du Lot", 1001)
    await owner.send("/equipe")
    await owner.click("Inviter quelqu'un")
    choices = (await owner.click("Comme partenaire"))[-1]
    assert choices.labels == ["Chambre d'agriculture du Lot", "👥 Équipe"]
    token = LINK.search((await owner.click("Chambre d'agriculture du Lot"))[-1].text).group(1)

    lucie = person(application, api, 1004, "Lucie", "Bru")
    offer, replies = await join(lucie, token)
    assert "partenaire pour Chambre d'agriculture du Lot" in offer[-1].text
    asked = []
    while "Récapitulatif" not in replies[-1].text:
        asked.append(replies[-1].text)
        replies = await lucie.send(answer_text(question_in(services.guide, replies[-1]), CONFORMANT))
    assert "Qui signera pour « Chambre d'agriculture du Lot » ?" in "\n".join(asked)  # its questions name it too
    assert "· Chambre d'agriculture du Lot" in replies[-1].text
    confirmed = await lucie.send("oui")
    assert "Votre partie, pour Chambre d'agriculture du Lot, est confirmée." in confirmed[-1].text
    team = (await owner.send("/equipe"))[-1]
    assert "Lucie Bru : partenaire pour Chambre d'agriculture du Lot" in team.text
    assert "Autre" not in team.text

async def test_inviter_typed_under_the_team_is_the_invite_button_never_an_answer(owner, services):
    """"inviter Paul" typed under /equipe was stored as the project leader's function."""
    await owner.start_project()
    await owner.send("Jeanne Martin")
    await owner.send("/equipe")
    roles = (await owner.send("inviter Paul"))[-1]
    assert "Comme contributeur" in " ".join(roles.labels)
    assert (await owner.send("2"))[0].text.startswith("ℹ️ Je n'ai rien enregistré")  # reached by words, as by a tap
    await owner.send("/equipe")
    await owner.send("inviter Paul")
    link = (await owner.click("Comme contributeur"))[-1]
    assert LINK.search(link.text)
    await owner.send("/equipe")
    await owner.click("Inviter quelqu'un")  # the roles' screen: a figure there is no answer to the question unseen
    assert (await owner.send("2"))[0].text.startswith("ℹ️ Je n'ai rien enregistré")
    await owner.send("/equipe")  # the project to hand over, said in a sentence: how, then the roles; no answer
    told = await owner.send("Je quitte la mairie en janvier, je dois passer le projet au nouveau maire")
    assert told[0].text.startswith("ℹ️ Pour transmettre le projet : invitez la personne « Comme porteur du projet ».")
    assert "Comme porteur du projet" in " ".join(told[-1].labels)
    await owner.send("/equipe")
    answered = await owner.send("Directrice")  # other words: the answer to the question out of sight, said so
    assert answered[0].text.startswith("➡️ Réponse retenue pour « Quelle est sa fonction")
    with services.database.connect() as connection:
        assert connection.execute(select(Answer.value).where(Answer.question_id == "chef_projet_fonction")
                                  ).scalars().all() == ["Directrice"]


async def test_a_member_leaves_the_project_and_their_answers_stay_with_their_name(owner, application, api, services):
    """A project leader changing jobs could only erase herself (every project, her name) or ask to be removed."""
    claire = await contributor_who_answered(owner, application, api)
    await claire.send("/equipe")
    confirm = (await claire.click("Quitter le projet"))[-1]
    assert confirm.text.startswith("🚪 Quitter le projet « MSAP des Causses » ?")
    assert "Vos réponses y restent, avec votre nom." in confirm.text
    left = await claire.click("Oui, quitter le projet")
    assert left[0].chat_id == 1002 and left[0].text.startswith("🚪 Vous avez quitté le projet « MSAP des Causses ».")
    told = [message.text for message in left if message.chat_id == 1001]  # at once, not at his next message
    assert told == ["🚪 Claire Martin a quitté le projet « MSAP des Causses ».\nSes réponses y restent, avec son nom."]
    assert [m for m in left if m.chat_id == 1002][-1].text == (  # not the newcomer's welcome again
        "Vous n'avez plus de projet dans le guide.\nPour en commencer un : quel est son nom ?\nCe que je garde de "
        "vous : /mes_donnees. Pour l'effacer : /supprimer.")
    with services.database.connect() as connection:
        assert dict(connection.execute(select(Membership.user_id, Membership.role)).all()) == {1001: "owner"}
    await owner.send("Directrice")
    recap = (await owner.click("Temps plein"))[-1]  # her answer is there, under her name
    assert "Jeanne Martin" in recap.text and "Claire Martin" in recap.text, recap.text
    await forge(claire, the_project(services), Action.PROJECT_LEAVE, 1)  # an old button: she is no member now
    assert (await owner.send("/equipe"))[-1].text.count("•") == 1
    await claire.send("/mes_donnees")  # what she wrote there is still hers: said with the project's name
    records = json.loads(api.documents[-1][1])
    assert records["projects"] == [] and {a["project"] for a in records["answers"]} == {"MSAP des Causses"}
    assert (await claire.send("Maison de Levie"))[0].text.startswith("Projet « Maison de Levie » créé")


async def test_the_last_owner_names_another_before_leaving_and_alone_has_no_leave_button(owner, application, api,
                                                                                      services):
    await owner.start_project()
    team = (await owner.send("/equipe"))[-1]
    assert "Quitter le projet" not in " ".join(team.labels)  # alone, leaving would be deleting it
    told = await owner.send("quitter le projet")  # typed alone: it was stored as the chef de projet's name
    assert told[0].text.startswith("ℹ️ Vous êtes seul dans « MSAP des Causses ».")
    with services.database.connect() as connection:
        assert connection.execute(select(Answer.id)).first() is None
    claire = person(application, api, 1002, "Claire", "Martin")
    await join(claire, await invite(owner, "contributeur"))
    await owner.send("/equipe")
    told = (await owner.send("je veux quitter le projet"))[-1]  # in words, as its button
    assert told.text.startswith("ℹ️ Vous êtes le seul porteur de « MSAP des Causses ».")
    assert "Oui, quitter le projet" not in " ".join(told.labels)
    await forge(owner, the_project(services), Action.PROJECT_LEAVE, 1)
    with services.database.connect() as connection:
        assert connection.execute(select(Membership.user_id).where(Membership.role == "owner")).scalars().all() \
            == [1001]
    await claire.send("/equipe")  # a contributor's words for the owner's buttons: refused, never an answer
    told = await claire.send("inviter Paul")
    assert told[0].text.startswith("🔒 En tant que contributeur, vous ne pouvez pas faire cela dans ce projet.")
    assert "L'équipe du projet" in told[-1].text
    await owner.send("/equipe")
    await owner.click("Claire Martin")
    await owner.click("Rôle : porteur du projet")
    await owner.send("/equipe")
    await owner.click("Quitter le projet")
    left = await owner.click("Oui, quitter le projet")
    assert any(m.chat_id == 1002 and "Marie Dupont a quitté le projet" in m.text for m in left)
    assert not any("Le dossier nomme encore" in m.text for m in left)  # no answer names her
    assert "👥" in (await claire.send("/equipe"))[-1].text
    with services.database.connect() as connection:
        assert dict(connection.execute(select(Membership.user_id, Membership.role)).all()) == {1002: "owner"}


async def test_a_step_a_teammate_answered_alone_says_so_once_in_its_recap(owner, application, api, services):
    """A new mayor taking the project over read "réponse de Marie-Paule Santoni, le 5 décembre 2026" under each of
    a step's answers."""
    claire = await contributor_who_answered(owner, application, api)
    await claire.send("Directrice")
    assert "Réponses de" not in (await claire.click("Temps plein"))[-1].text  # her own
    await owner.send("/menu")
    recap = (await owner.click("1. "))[-1]
    assert "Récapitulatif : Le chef de projet" in recap.text
    assert "Fiche technique : 1. Identifier un chef de projet\nRéponses de Claire Martin, le 1er juillet 2027." \
        in recap.text
    assert "réponse de" not in recap.text
    await owner.click("✏️ 2")
    recap = (await owner.send("Secrétaire générale"))[-1]  # now two hands: each answer says whose
    assert "Réponses de" not in recap.text and recap.text.count("réponse de Claire Martin") == 2


async def test_the_team_is_told_which_answers_still_name_a_member_who_leaves(owner, application, api, services):
    """The project leader left for another job; the Préfecture's dossier still named her as the chef de projet."""
    await owner.start_project()
    claire = person(application, api, 1002, "Claire", "Martin")
    await join(claire, await invite(owner, "contributeur"))
    luc = person(application, api, 1004, "Luc", "Ferrandi")
    await join(luc, await invite(owner, "lecteur"))
    await claire.send("Claire Martin, chargée de mission")
    await claire.send("/equipe")
    await claire.click("Quitter le projet")
    left = await claire.click("Oui, quitter le projet")
    told = {m.chat_id: m.text for m in left if m.chat_id != 1002}
    assert told[1001].endswith("👤 Le dossier nomme encore Claire Martin :\n• Étape 1 : Qui est le chef de projet de "
                               "la future Maison ?\nSi quelqu'un d'autre tient ce rôle, répondez à ce message avec "
                               "son nom, ou changez cette réponse depuis /menu.")
    assert told[1004] == ("🚪 Claire Martin a quitté le projet « MSAP des Causses ».\nSes réponses y restent, avec "
                          "son nom.")  # a reader changes no answer
    leaving = next(m for m in left if m.chat_id == 1001)
    replaced = await owner.reply(leaving, "Anne Roux")  # swiped in the app: the question it names
    assert replaced[0].text == ("✏️ Modification prise en compte.\nQui est le chef de projet de la future Maison ?"
                                "\n➡️ Anne Roux")
    await luc.send("/equipe")
    confirm = (await luc.send("je quitte le projet"))[-1]  # typed by a reader: the button's words
    assert "Vos réponses" not in confirm.text  # a reader gave none
    left = await luc.click("Oui, quitter le projet")
    assert left[0].text == "🚪 Vous avez quitté le projet « MSAP des Causses »."
    assert [m.text for m in left if m.chat_id == 1001] == ["🚪 Luc Ferrandi a quitté le projet « MSAP des Causses »."]


async def test_a_number_and_an_answer_typed_under_a_recap_change_that_answer(owner, application, api, services):
    """A new president typed "1 Anna Pietri, directrice générale des services" under the recap of « Le chef de
    projet »: "Cette partie est complète", nothing changed."""
    await owner.start_project()
    claire = person(application, api, 1002, "Claire", "Martin")
    await join(claire, await invite(owner, "contributeur"))
    await claire.send("Claire Martin, chargée de mission")
    await claire.click("Mi-temps")
    await owner.send("/menu")
    await owner.click("1. ")
    replies = await owner.send("1 Anna Pietri, directrice générale des services")
    assert replies[0].text == ("➡️ Réponse retenue pour « Qui est le chef de projet de la future Maison ? » : Anna "
                               "Pietri.\n📝 Et à « Quelle est sa fonction et dans quelle structure ? », j'ai noté : "
                               "directrice générale des services, à la place de « chargée de mission ».")
    theirs = next(reply for reply in replies if "avait répondu" in reply.text)  # both said with their questions
    assert theirs.text.startswith("ℹ️ Claire Martin avait répondu :\nQui est le chef de projet de la future Maison ?"
                                  "\n➡️ Claire Martin\nQuelle est sa fonction")
    assert "Récapitulatif : Le chef de projet" in replies[-1].text and "➡️ Anna Pietri" in replies[-1].text
    assert "Cette partie est complète" not in " ".join(reply.text for reply in replies)


async def test_erasing_oneself_after_leaving_leaves_one_s_answers_as_a_former_member_s(owner, application, api,
                                                                                      services):
    """The project left went unnamed in /supprimer, and its answers kept their link to the erased user's chat."""
    claire = await contributor_who_answered(owner, application, api)
    await claire.send("/equipe")
    await claire.click("Quitter le projet")
    await claire.click("Oui, quitter le projet")
    confirm = (await claire.send("/supprimer"))[-1]
    assert "Restent à leurs autres membres, vos réponses y figurant comme celles d'un ancien membre :\n• MSAP des " \
           "Causses" in confirm.text
    await claire.click("Oui, tout effacer")
    assert rows_mentioning(services.database, "Claire") == []
    with services.database.connect() as connection:
        assert connection.execute(select(Answer.user_id, Answer.message_id).where(
            Answer.question_id == "chef_projet_nom")).all() == [(None, None)]
    await owner.send("Directrice")
    recap = (await owner.click("Temps plein"))[-1]
    assert "➡️ Jeanne Martin" in recap.text and "d'un ancien membre" in recap.text
