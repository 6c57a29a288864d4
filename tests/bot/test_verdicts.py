"""Verdicts a project leader can trust, through the real application: fixes, recalled facts, dates, budget."""
from __future__ import annotations

from tests.bot.test_conversation import create_project
from tests.support.projects import CONFORMANT
from tests.support.walk import answer_text, question_in, walk_step


async def test_every_fix_button_opens_the_step_holding_the_checks_questions(client, services):
    guide = services.guide
    await create_project(client)
    for check in guide.checks:
        report = (await client.send("/conformite"))[0]
        replies = await client.click(f"🔧 {check.title}")
        step = guide.step(check.step)
        assert f"\n{step.title}\n" in f"\n{replies[0].text}\n", check.id
        shown = question_in(guide, replies[-1])
        assert shown is None or shown in [*guide.recalled(step), *step.questions], check.id
    assert "🔧" in " ".join(report.labels)


async def goto_stage(client, order: int):
    await client.send("/menu")
    return await client.click(f"{order}. ")


async def reach_the_yearly_committee(client, guide, said_first: str):
    """Stage 8 at « Réunirez-vous un comité de pilotage… ? », first asked with stage 1's cahier des charges, where
    `said_first` answered it."""
    replies = await create_project(client)
    for _ in guide.stages[0].steps[:4]:
        replies = await walk_step(client, guide, replies, {"dev_comite_annuel": said_first})
        replies = await client.click("Étape suivante")
    replies = await goto_stage(client, 8)
    for _ in range(2):  # the activity follow-up, then communication
        replies = await walk_step(client, guide, replies)
        replies = await client.click("Étape suivante")
    return replies


async def test_a_fact_given_earlier_is_shown_again_with_a_one_tap_still_true(client, services):
    guide = services.guide
    asked = (await reach_the_yearly_committee(client, guide, "oui"))[-1]
    assert question_in(guide, asked).id == "dev_comite_annuel"
    assert "Vous avez déjà répondu à l'étape 1 (Le cahier des charges de la labellisation)" in asked.text
    assert "Réponse actuelle : Oui" in asked.text and "✅ Toujours exact" in asked.labels
    replies = await client.click("✅ Toujours exact")
    assert question_in(guide, replies[-1]).id == "dev_comite_membres"
    # Changing it here changes the one fact: stage 1 shows the new answer.
    await client.click("↩️ Retour")
    replies = await client.click("Non")
    assert question_in(guide, replies[-1]).id != "dev_comite_membres"
    replies = await goto_stage(client, 1)
    for _ in range(3):
        replies = await walk_step(client, guide, replies)
        replies = await client.click("Étape suivante")
    recap = replies[-1].text
    assert "Réunirez-vous un comité de pilotage au moins une fois par an ?\n➡️ Non" in recap


async def at_first_contact_date(client, guide) -> None:
    """A new project at « date_premier_contact », a date of something done."""
    replies = await create_project(client)
    for _ in range(3):  # to the cahier des charges
        replies = await walk_step(client, guide, replies)
        replies = await client.click("Étape suivante")
    await client.send("oui bien sûr")          # referent contacted
    await client.send("M. Lambert")


async def test_a_date_on_the_wrong_side_of_today_asks_for_a_confirmation(client, services):
    guide = services.guide
    await at_first_contact_date(client, guide)
    # The tests' today is 1 July 2027: a first contact in December is not past yet.
    replies = await client.send("3 décembre 2027")
    assert "le 3 décembre 2027 n'est pas encore passé. Confirmez-vous cette date ?" in replies[-1].text
    replies = await client.click("✏️ Corriger")
    assert question_in(guide, replies[-1]).id == "date_premier_contact"
    replies = await client.send("3 décembre 2027")
    replies = await client.click("✅ Oui, c'est la bonne date")
    assert question_in(guide, replies[-1]).id == "documents_recus"
    # A date on the expected side goes straight through.
    await client.click("↩️ Retour")
    replies = await client.send("12/01/2027")
    assert question_in(guide, replies[-1]).id == "documents_recus"


async def test_a_date_typed_without_its_year_is_the_one_its_question_means_and_is_shown(client, services):
    guide = services.guide
    await at_first_contact_date(client, guide)
    # The tests' today is 1 July 2027, and a first contact lies in the past: last December, not the next one.
    replies = await client.send("le 3 décembre")
    assert replies[0].text == "📅 Date retenue : jeudi 3 décembre 2026."
    assert question_in(guide, replies[-1]).id == "documents_recus"
    replies = await client.click("↩️ Retour")
    assert question_in(guide, replies[-1]).id == "date_premier_contact"
    replies = await client.send("Hier")  # a day in words: counted from today, and shown
    assert replies[0].text == "📅 Date retenue : mercredi 30 juin 2027."
    replies = await client.click("↩️ Retour")
    replies = await client.send("rendez-vous en sous-préfecture le 3 décembre")  # a date within a sentence
    assert replies[0].text == "📅 Date retenue : jeudi 3 décembre 2026."
    replies = await client.click("↩️ Retour")
    replies = await client.send("avant le 3 décembre")  # a bound is not the date
    assert replies[0].text.startswith("⚠️ Je n'ai pas reconnu une date.")
    replies = await client.send("15 mars 2027")  # with its year: taken as typed, nothing to show
    assert question_in(guide, replies[0]).id == "documents_recus"
    replies = await walk_step(client, guide, replies)
    assert "➡️ 15 mars 2027" in replies[-1].text  # the step's recap


async def test_the_budget_is_entered_step_by_step_in_the_guide(client, api, services):
    guide = services.guide
    await create_project(client)
    replies = await goto_stage(client, 6)
    asked = replies[-1]
    assert question_in(guide, asked).id == "budget_charges_fonctionnement"
    assert "Aucune ligne pour l'instant." in asked.text and "🕓 Je ne sais pas encore" in asked.labels
    since = len(api.calls)
    await client.click("✅ Valider")
    assert api.toasts(since) == ["Ajoutez au moins une ligne, ou touchez « Je ne sais pas encore »."]
    await client.click("Salaires et charges")
    replies = await client.send("40 000 €")
    asked = replies[-1]
    assert question_in(guide, asked).id == "budget_charges_fonctionnement"
    assert "• Salaires et charges : 40 000 €" in asked.text.replace("\u202f", " ").replace("\xa0", " ")
    replies = await client.click("✅ Valider")
    assert question_in(guide, replies[-1]).id == "budget_charges_investissement"
    replies = await client.click("🕓 Je ne sais pas encore")
    recap = replies[-1].text.replace("\u202f", " ").replace("\xa0", " ")
    assert "Quelles charges de fonctionnement prévoyez-vous sur l'année civile ?\n➡️ 40 000 €" in recap
    assert "à compléter plus tard" in recap
    # A typed amount where a category is expected gets the way to do it.
    await client.click("✏️ 2")
    replies = await client.send("20 000")
    assert "Pour quelle catégorie ? Tapez-la avec le montant." in replies[0].text
    assert question_in(guide, replies[-1]).id == "budget_charges_investissement"


async def test_the_end_reached_by_jumping_ahead_names_the_stages_with_no_answer(client, services):
    guide = services.guide
    await create_project(client)
    await client.send("Marie Dupont")  # stage 1 is begun, then the leader jumps to the last stage
    replies = await goto_stage(client, 8)
    for _ in guide.stages[-1].steps:
        await walk_step(client, guide, replies)
        replies = await client.click("Étape suivante")
    end = next(reply for reply in replies if "fin du guide" in reply.text)
    # Stage 4's signage was asked again in stage 8, one fact asked once: stage 4 has an answer.
    assert end.text.startswith("🏁 Vous voici à la fin du guide pour « MSAP du Val de Sèvre ». Vous n'avez encore "
                               "rien répondu aux étapes 2, 3, 5, 6 et 7 : reprenez-les depuis le menu.")
    assert "parcouru toutes les étapes" not in end.text


async def test_the_questions_about_an_other_function_name_it_as_typed(client, services):
    guide = services.guide
    await create_project(client)
    await goto_stage(client, 5)
    await client.send("Accueil, Autre")
    asked = (await client.send("Médiation <numérique>"))[-1]  # "Quelle autre fonction ?"
    while question_in(guide, asked).id != "equipe_agent_autre":
        asked = (await client.send(answer_text(question_in(guide, asked), CONFORMANT)))[-1]
    assert "Qui assurera la fonction « Médiation <numérique> » ?" in asked.text
    assert "Médiation &lt;numérique&gt;" in asked.markup  # typed text is data, escaped as any answer is
    await client.send("Julie Rouquette")
    asked = (await client.send("0,5"))[-1]
    assert "Quel sera le statut de la personne chargée de la fonction « Médiation <numérique> » ?" in asked.text
