"""The user's data rights: /confidentialite says what is kept, /mes_donnees sends it all, /supprimer erases it."""
from __future__ import annotations

import io
import json
import re
from datetime import date
from decimal import Decimal

from pypdf import PdfReader
from sqlalchemy import insert, select

from dialogs.parsing import to_json
from store.models import Answer, Membership, Project
from store.repo import Repository
from tests.support.telegram import FRANCE_SERVICES_RULES, ChatClient, MSAP_RULES
from tests.support.traces import rows_mentioning
from tests.support.walk import question_in

USER_ID = 912_345_678
FIRST, LAST = "Zéphirine", "Quarante-Deux"


def person(application, api) -> ChatClient:
    return ChatClient(application, api, user_id=USER_ID, first_name=FIRST, last_name=LAST)


async def onboard(client: ChatClient, name: str, territory: str) -> None:
    for message in ("/start", name, territory):
        await client.send(message)
    await client.click(MSAP_RULES)


def flat(pdf: bytes) -> str:
    """The PDF's text without whitespace (pypdf breaks lines where the layout wraps)."""
    return re.sub(r"\s+", "", "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages))


async def test_privacy_is_said_with_or_without_a_project(application, api):
    client = person(application, api)
    first = (await client.send("/confidentialite"))[0].text
    assert "Ce qui est conservé" in first and "/mes_donnees" in first and "/supprimer" in first
    assert "2 jours" in first and "CNIL" in first
    await onboard(client, "MSAP des Causses", "Larzac")
    again = (await client.send("/confidentialite"))[0].text
    assert again == first


async def test_my_data_arrives_as_json_and_a_readable_pdf(application, api, services):
    client = person(application, api)
    await onboard(client, "MSAP des Causses", "Larzac")
    await client.send("Jeanne Martin")
    await client.send("Secrétaire générale")
    await client.click("Temps plein")
    await client.click("✏️ 1")
    await client.send("Jeanne Martin-Roux")  # an edit: both versions are the user's data
    replies = await client.send("/mes_donnees")
    assert "deux fichiers" in replies[0].text
    (pdf_name, pdf, _), (json_name, data, _) = api.documents[-2:]
    assert pdf_name == "mes-donnees-guide-msap-2027-07-01.pdf" and json_name.endswith(".json")

    records = json.loads(data)
    assert records["user"] == {"telegram_id": USER_ID, "name": f"{FIRST} {LAST}", "since": records["user"]["since"]}
    assert [p["project"] for p in records["projects"]] == ["MSAP des Causses"]
    names = [(a["question"], a["value"], a["current"]) for a in records["answers"] if a["question"] == "chef_projet_nom"]
    assert names == [("chef_projet_nom", "Jeanne Martin", False), ("chef_projet_nom", "Jeanne Martin-Roux", True)]

    readable = flat(pdf)
    for expected in ("Vosdonnées", f"{FIRST}{LAST}", str(USER_ID), "MSAPdesCausses", "porteurduprojet",
                     "Quiestlechefdeprojet", "JeanneMartin-Roux", "remplacée", "Tempsplein"):
        assert expected in readable, expected
    kinds = {row["kind"] for row in records["reminders"]}
    assert "funding_request" in kinds and "Demandedesubvention" in readable  # reminders by their name in /rappels
    assert not any(kind in readable for kind in kinds)


async def test_a_question_only_france_services_asks_is_named_by_its_prompt(application, api, services):
    client = person(application, api)
    await onboard(client, "MSAP des Causses", "Larzac")
    with services.database.begin() as connection:
        project_id = connection.execute(select(Project.id)).scalar_one()
        Repository(connection).record_answer(project_id, "fs_engagement_laicite", "yes_no", "answered", True,
                                             USER_ID)
    await client.send("/mes_donnees")
    readable = flat(api.documents[-2][1])
    assert "fs_engagement" not in readable
    assert "LaMaisons'engage-t-elleàrespecterlesprincipesdelaïcitéetdeneutralité?" in readable


async def test_the_readable_summary_prints_answers_as_the_chat_shows_them(application, api, services):
    """Oui, not True; a date and an hour in words; a France services project's own wording and options."""
    client = person(application, api)
    for message in ("/start", "France services de Gramat", "Causse de Gramat"):
        await client.send(message)
    await client.click(FRANCE_SERVICES_RULES)
    given = {"dev_reseau_departemental": ("yes_no", True), "dev_comite_date": ("date", date(2027, 6, 15)),
             "dev_comite_horaire": ("time_ranges", [[14 * 60, 16 * 60 + 30]]),
             "dev_tableau_bord_outil": ("choice", "outils_anct"), "equipe_etp_accueil": ("decimal", Decimal("0.5"))}
    with services.database.begin() as connection:
        project_id = connection.execute(select(Project.id)).scalar_one()
        for question_id, (kind, value) in given.items():
            Repository(connection).record_answer(project_id, question_id, kind, "answered", to_json(kind, value),
                                                 USER_ID)
    await client.send("/mes_donnees")
    readable = flat(api.documents[-2][1])
    for printed in ("LaMaisonparticipera-t-elleauréseaudépartementalFranceservices?Oui", "15juin2027",
                    "14h–16h30", "Lesoutilsdesuividel'ANCT", "0,5"):
        assert printed in readable, printed
    for raw in ("True", "2027-06-15", "840", "outils_anct", "Vousinscrirez-vous"):
        assert raw not in readable, raw
    states = {row["status"] for row in json.loads(api.documents[-1][1])["reminders"]}
    assert "pending" in states and "prévu" in readable and "pending" not in readable

async def test_erasing_leaves_nothing_of_the_user_and_keeps_what_others_share(application, api, services):
    other = ChatClient(application, api, user_id=2002, first_name="Paul", last_name="Roux")
    await onboard(other, "MSAP du Ségala", "Ségala")
    client = person(application, api)
    await onboard(client, "MSAP des Causses", "Larzac")
    await client.send("Jeanne Martin")
    with services.database.begin() as connection:
        shared = connection.execute(select(Project.id).where(Project.name == "MSAP du Ségala")).scalar_one()
        # Until invitations exist, a shared project is made by hand: the user is a member and answered there.
        connection.execute(insert(Membership), {"user_id": USER_ID, "project_id": shared, "role": "owner"})
        Repository(connection, clock=services.engine.clock).record_answer(
            shared, "chef_projet_fonction", "short_text", "answered", "Chargée de mission", USER_ID, message_id=57)

    confirm = (await client.send("/supprimer"))[-1]
    assert "MSAP des Causses" in confirm.text.split("Restent")[0] and "MSAP du Ségala" in confirm.text.split("Restent")[1]
    assert "prévenus" not in confirm.text  # the project erased has nobody else to tell
    kept = await client.click("Non, garder")
    assert "Rien n'a été effacé" in kept[0].text
    assert question_in(services.guide, kept[-1]).id == "chef_projet_fonction"

    await client.send("/supprimer")
    erased = await client.click("Oui, tout effacer")
    assert "Vos données sont effacées" in erased[0].text and "Projets effacés : MSAP des Causses" in erased[0].text

    found = rows_mentioning(services.database, str(USER_ID), FIRST, LAST)
    with services.database.connect() as connection:
        projects = connection.execute(select(Project.name)).scalars().all()
        answer = connection.execute(select(Answer.value, Answer.user_id, Answer.message_id)
                                    .where(Answer.project_id == shared)).all()
    assert found == []
    assert projects == ["MSAP du Ségala"]
    # The shared project keeps the answer; its author is cleared, and the message of their chat it was typed in.
    assert ("Chargée de mission", None, None) in answer

    again = await client.send("/start")  # a new start, as for anyone new
    assert "nom de votre projet" in again[0].text


async def test_the_erase_button_erases_only_whoever_taps_it(application, api, services):
    client = person(application, api)
    await onboard(client, "MSAP des Causses", "Larzac")
    await client.send("/supprimer")
    message = api.messages[client.last().message_id]
    other = ChatClient(application, api, user_id=2002, first_name="Paul", last_name="Roux")
    await onboard(other, "MSAP du Ségala", "Ségala")
    erase = next(b["callback_data"] for row in message["reply_markup"]["inline_keyboard"] for b in row
                 if "effacer" in b["text"])
    await other.deliver(other.press_update(message | {"chat": other.chat}, erase))
    with services.database.connect() as connection:
        names = connection.execute(select(Project.name).order_by(Project.id)).scalars().all()
    assert names == ["MSAP des Causses"]  # Paul erased himself, not the user whose message it was
