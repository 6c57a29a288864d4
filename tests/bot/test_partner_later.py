"""« Tout ce partenaire plus tard »: the questions about one partner, which its own people often answer best, left
for later at once, instead of "Je ne sais pas encore" six times per partner."""
from __future__ import annotations

from sqlalchemy import select

from store.models import Answer
from tests.bot.test_conversation import create_project
from tests.support.walk import question_in

LATER = "🕓 Tout ce partenaire plus tard"


async def at_the_first_operator(client, services):
    """Stage 2 of a new project, its operators chosen: the first question about the first of them."""
    await create_project(client)
    await client.send("/menu")
    await client.click("2. Monter le partenariat")
    await client.send("tous")
    await client.click("Passer")
    await client.click("Étape suivante")  # from the base offer's recap
    return await client.send("La Poste, CAF et MSA")


def statuses(services, prefix: str) -> dict[str, str]:
    with services.database.connect() as connection:
        rows = connection.execute(select(Answer.question_id, Answer.status)
                                  .where(Answer.question_id.like(f"{prefix}%"))).all()
    return dict(rows)


async def test_a_partners_questions_not_answered_are_left_for_later_at_once(client, services):
    replies = await at_the_first_operator(client, services)
    assert question_in(services.guide, replies[-1]).id == "part_nom_la_poste"
    assert LATER in replies[-1].labels
    await client.send("La Poste, direction régionale Occitanie")

    replies = await client.click(LATER)
    assert replies[0].text.startswith("🕓 La Poste : 5 questions gardées pour plus tard, dans /a_traiter.")
    assert "Une personne de cet organisme peut aussi y répondre elle-même : invitez-la depuis /equipe, « Comme " \
           "partenaire »." \
        in replies[0].text
    assert question_in(services.guide, replies[-1]).id == "part_nom_caf"
    stored = statuses(services, "part_")
    stored = {q.id: stored.get(q.id) for q in services.guide.question_list if "la_poste" in q.id}
    assert stored == {"part_nom_la_poste": "answered", "part_services_la_poste": "deferred",
                      "part_referent_la_poste": "deferred", "part_signataire_la_poste": "deferred",
                      "part_contribution_la_poste": "deferred", "part_convention_la_poste": "deferred",
                      "part_contribution_la_poste_detail": None, "part_convention_la_poste_date": None}

    replies = await client.send("ce partenaire plus tard")  # typed, as a phone user would
    assert replies[0].text.startswith("🕓 CAF : 6 questions gardées pour plus tard")
    assert question_in(services.guide, replies[-1]).id == "part_nom_msa"
    assert all(statuses(services, f"part_{field}_caf").get(f"part_{field}_caf") == "deferred"
               for field in ("nom", "services", "referent", "signataire", "contribution", "convention"))

    # One line a partner, not one a question (France services' twelve partners made some seventy lines)
    listed = (await client.send("/a_traiter"))[-1]
    assert "\n1 à 5. La Poste : 5 questions\n6 à 11. CAF : 6 questions\n" in listed.text
    assert [label for label in listed.labels if "Répondre" in label] == ["✏️ Répondre 1", "✏️ Répondre 6"]
    # Answered from there, a partner's questions follow one another; left again, the list comes back
    replies = await client.click("✏️ Répondre 6")
    assert question_in(services.guide, replies[-1]).id == "part_nom_caf"
    replies = await client.send("Caisse d'allocations familiales de l'Aveyron")
    assert replies[0].text == ("ℹ️ C'est noté. Question suivante sur la CAF, laissée pour plus tard ; /a_traiter pour "
                               "revenir à la liste.")
    assert question_in(services.guide, replies[-1]).id == "part_services_caf"
    replies = await client.send("aide aux demandes de prestations")
    assert question_in(services.guide, replies[-1]).id == "part_referent_caf"
    replies = await client.click("Je ne sais pas encore")
    assert "6 à 9. CAF : 4 questions" in replies[-1].text
    replies = await client.send("la Poste")  # its name typed: its button
    assert question_in(services.guide, replies[-1]).id == "part_services_la_poste"


async def test_the_last_question_about_a_partner_offers_only_the_usual_later(client, services):
    replies = await at_the_first_operator(client, services)
    for answer in ("La Poste Occitanie", "Timbres et colis", "Mme Vidal, directrice", "M. Roux, directeur"):
        replies = await client.send(answer)
        assert LATER in replies[-1].labels
    replies = await client.send("du personnel")  # the contribution; its details are optional
    replies = await client.click("Passer")
    assert question_in(services.guide, replies[-1]).id == "part_convention_la_poste"
    assert LATER not in replies[-1].labels and "🕓 Je ne sais pas encore" in replies[-1].labels
    replies = await client.send("tout ce partenaire plus tard")  # one question left: it is the one left for later
    assert "➡️ à compléter plus tard" in replies[0].text
    assert question_in(services.guide, replies[-1]).id == "part_nom_caf"


async def test_next_step_names_five_of_the_answers_left_for_later_and_counts_the_others(client, services):
    await at_the_first_operator(client, services)
    for _ in range(3):
        replies = await client.click(LATER)
    assert "Récapitulatif" in replies[-1].text
    refused = await client.click("Étape suivante")
    text = refused[0].text
    assert text.startswith("Avant l'étape suivante, il reste 9 réponses obligatoires :")
    assert text.count("• ") == 5 and "… et 4 autres." in text
    assert "Vous les aviez gardées pour plus tard." in text and "/a_traiter les garde en mémoire." in text
    assert question_in(services.guide, refused[-1]).id == "part_nom_la_poste"


async def test_the_help_tells_of_it(client, services):
    await create_project(client)
    shown = (await client.send("/aide"))[0].text
    assert ("Pour un partenaire, « Tout ce partenaire plus tard » garde d'un coup toutes ses questions ; « tous les "
            "partenaires plus tard », celles de tous.") in shown


async def test_every_partner_is_left_for_later_at_once_when_typed(client, services):
    """Seventy questions for France services' partners: "tous les partenaires plus tard" instead of twelve taps."""
    await at_the_first_operator(client, services)
    replies = await client.click(LATER)
    assert replies[0].text.endswith("Les autres partenaires aussi ? Tapez « tous les partenaires plus tard ».")
    replies = await client.send("on verra tous les partenaires plus tard")
    assert replies[0].text.startswith("🕓 2 partenaires : 12 questions gardées pour plus tard, dans /a_traiter.")
    assert "Une personne de chaque organisme" in replies[0].text and "Les autres partenaires" not in replies[0].text
    # On a phone, one line for the run of answers left for later, not a line and a ✏️ each (73 in France services)
    recap = replies[-1]
    assert "Récapitulatif" in recap.text and recap.text.count("➡️") == 1
    assert "\n2 à 19. 18 questions à compléter plus tard : /a_traiter\n" in recap.text
    assert [label for label in recap.labels if label.startswith("✏️")] == ["✏️ 1"]
    reopened = await client.send("14")  # its number still reopens one of them
    assert "Réponse actuelle : à compléter plus tard" in reopened[-1].text
    assert all(statuses(services, f"part_{field}_{key}").get(f"part_{field}_{key}") == "deferred"
               for field in ("nom", "services", "referent", "signataire", "contribution", "convention")
               for key in ("caf", "msa"))


async def test_every_partner_left_for_later_with_whom_it_will_be_done_is_no_official_name(client, services):
    """Val-de-Bonnieure: "on verra tout ça plus tard avec chaque partenaire" at « Quel est le nom officiel de
    l'organisme qui signera pour La Poste ? » was stored as that name, for the convention-cadre to print."""
    await at_the_first_operator(client, services)
    replies = await client.send("on verra tout ça plus tard avec chaque partenaire")
    assert replies[0].text.startswith("🕓 3 partenaires : ")
    assert statuses(services, "part_nom_") == dict.fromkeys(["part_nom_la_poste", "part_nom_caf", "part_nom_msa"],
                                                           "deferred")


async def test_all_the_other_partners_left_for_later_is_no_official_name(client, services):
    """Haut-Allier: "tous les autres partenaires plus tard" at « Quel est le nom officiel de l'organisme qui signera
    pour France Travail ? » was stored as that name."""
    await at_the_first_operator(client, services)
    replies = await client.send("tous les autres partenaires plus tard")
    assert replies[0].text.startswith("🕓 3 partenaires : ")
    assert statuses(services, "part_nom_") == dict.fromkeys(["part_nom_la_poste", "part_nom_caf", "part_nom_msa"],
                                                           "deferred")
