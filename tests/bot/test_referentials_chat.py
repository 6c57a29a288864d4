"""Each project follows one referential, chosen at its creation: France services today, or the MSAP fiche of 2016;
the team can switch, seeing first what would change, and hears of it; an MSAP project sees what it lacks
(/passage)."""
from __future__ import annotations

from sqlalchemy import func, select

from bot.app import REMINDERS
from dialogs.budget import project_budget
from dialogs.checks import State, evaluate
from states.events import Reply
from store.models import Answer, Project
from store.repo import Repository
from tests.support.members import add_member
from tests.support.telegram import FRANCE_SERVICES_RULES, MSAP_RULES, ChatClient
from tests.bot.test_whole_guide import CONFORMANT_FRANCE_SERVICES
from tests.support.walk import question_in, walk_step


def record(services, **answers) -> int:
    """Answers given earlier in the guide (set directly: walking stages would say nothing more here)."""
    with services.database.begin() as connection:
        repo = Repository(connection)
        project_id = connection.execute(select(Project.id)).scalar_one()
        for question_id, value in answers.items():
            kind = services.guide.questions[question_id].kind.value if question_id in services.guide.questions \
                else "yes_no"
            repo.record_answer(project_id, question_id, kind, "answered", value, 1001)
    return project_id


def stored(services) -> tuple[str, str, int]:
    with services.database.connect() as connection:
        referential, version = connection.execute(select(Project.referential, Project.referential_version)).one()
        return referential, version, connection.execute(select(func.count()).select_from(Answer)).scalar_one()


async def switch_rules(client, now: str, to_button: str, to_name: str) -> None:
    """The owner switches the project's rules from the menu, confirming."""
    await client.send("/menu")
    await client.click(f"Règles suivies : {now}")
    await client.click(to_button)
    await client.click(f"Suivre : {to_name}")


async def test_a_new_project_chooses_its_rules_between_two_buttons(client, services):
    await client.send("/start")
    await client.send("MSAP du Lévézou")
    asked = (await client.send("Lévézou"))[-1]
    assert asked.labels == [FRANCE_SERVICES_RULES, MSAP_RULES, "↩️ Retour"]  # to the territory
    assert "arrêté du 16 juin 2025" in asked.text and "fiche technique" in asked.text  # one line each
    typed = (await client.send("Jeanne Martin"))[-1]
    assert "Choisissez d'abord les règles que suit « MSAP du Lévézou »" in typed.text
    assert typed.labels == [FRANCE_SERVICES_RULES, MSAP_RULES, "↩️ Retour"]
    started = await client.click(FRANCE_SERVICES_RULES)
    assert "selon les règles « France services »" in started[0].text
    assert question_in(services.guide, started[-1]).id == "chef_projet_nom"
    assert stored(services) == ("france_services", "2026", 0)
    assert "Règles suivies : France services" in (await client.send("/menu"))[-1].text


async def test_the_rules_typed_instead_of_tapped_are_chosen_when_they_name_one(client, services):
    await client.send("/start")
    await client.send("Euh, France services des Aubiers.")  # dictated: its filler and full stop are no name
    asked = (await client.send("Bordeaux Métropole, en Gironde."))[-1]
    assert "Quelles règles suit « France services des Aubiers » ?" in asked.text
    assert "Choisissez d'abord" in (await client.send("les règles"))[-1].text  # names neither
    started = await client.send("Les règles en vigueur, bien sûr.")
    assert "« France services des Aubiers », Bordeaux Métropole, en Gironde, selon les règles « France services »" \
        in started[0].text
    assert question_in(services.guide, started[-1]).id == "chef_projet_nom"
    assert stored(services) == ("france_services", "2026", 0)


async def test_the_2016_rules_typed_by_their_old_name(client, services):
    await client.send("/start")
    await client.send("MSAP du Lévézou")
    await client.send("Lévézou")
    started = await client.send("la MSAP, on a commencé en 2019")
    assert "selon les règles « Maison de services au public »" in started[0].text
    assert stored(services) == ("msap", "2016", 0)


async def test_a_france_services_project_is_checked_against_todays_rules(client, services):
    await client.start_project("MSAP du Lévézou", "Lévézou", FRANCE_SERVICES_RULES)
    record(services, part_operateurs=["la_poste", "caf", "msa"])
    conformity = (await client.send("/conformite"))[-1].text
    assert "❌ Tous les partenaires nationaux présents" in conformity
    assert "France Travail" in conformity.split("Tous les partenaires nationaux présents")[1].split("Source")[0]
    assert "Au moins deux opérateurs partenaires" not in conformity  # the 2016 rule is not applied
    assert "(règle à confirmer avec votre Préfecture)" in conformity


async def test_a_rule_to_confirm_says_so_wherever_its_state_is_told(client, services):
    """Five open days a week: no primary text gives it, so its verdict always comes with that caveat."""
    await client.start_project("France services du Lévézou", "Lévézou", FRANCE_SERVICES_RULES)
    week = ["tech_horaires_lundi", "tech_horaires_mardi", "tech_horaires_mercredi", "tech_horaires_jeudi"]
    record(services, **dict.fromkeys(week, [[540, 720], [840, 1020]]), tech_horaires_vendredi=[],
           tech_horaires_samedi=[], tech_horaires_dimanche=[])
    summary = (await client.send("/dossier"))[0].text
    assert ("❌ Exigence · Ouverte au moins cinq jours par semaine (règle à confirmer avec votre Préfecture) : "
            "Jours d'ouverture prévus par semaine : 4 ;") in summary
    stage = services.engine.referentials["france_services"].guide.stages[3]
    done = services.renderer.html(Reply("stage_done", {
        "order": 4, "title": stage.title, "total": 1, "done": 1, "deferred": 0, "checks": [{
            "title": "Ouverte au moins cinq jours par semaine", "state": "satisfied", "kind": "exigence",
            "to_confirm": True, "reason": ""}]}))
    assert "✅ Exigence · Ouverte au moins cinq jours par semaine <i>(règle à confirmer avec votre Préfecture)</i> : " \
           "respectée" in done


async def test_switching_shows_what_changes_first_and_keeps_every_answer(client, services):
    await client.start_project("MSAP du Lévézou", "Lévézou", MSAP_RULES)
    await client.send("Jeanne Martin")
    await client.send("Directrice")
    assert stored(services)[::2] == ("msap", 2)
    await client.send("/menu")
    others = (await client.click("Règles suivies : Maison de services au public"))[-1]
    assert others.labels == [FRANCE_SERVICES_RULES, "☰ Menu"]
    preview = (await client.click(FRANCE_SERVICES_RULES))[-1].text
    assert "Suivre « France services » au lieu de « Maison de services au public » ?" in preview
    assert "Toutes vos réponses sont gardées" in preview
    assert "Laïcité et neutralité" in preview.split("Exigences en plus")[1]
    assert "Tous les partenaires nationaux présents" in preview
    assert stored(services)[0] == "msap"  # nothing changes before the confirmation
    switched = await client.click("Suivre : France services")
    assert "suit désormais « France services »" in switched[0].text
    assert question_in(services.guide, switched[-1]).id == "chef_projet_temps"  # where the team was
    assert stored(services) == ("france_services", "2026", 2)


async def test_passage_lists_what_an_msap_project_lacks_and_the_subsidy_it_would_get(client, services):
    await client.start_project("MSAP du Lévézou", "Lévézou", MSAP_RULES)
    project_id = record(services, part_operateurs=["la_poste", "caf", "msa"], budget_annee=2026)
    with services.database.begin() as connection:
        Repository(connection).add_budget_line(project_id, 1001, "charge", "salaires", "Salaires", 8_000_000,
                                               "fonctionnement")
    passage = (await client.send("/passage"))[-1]
    text = passage.text
    assert "De « Maison de services au public » à « France services »" in text
    not_met = text.split("Non remplies aujourd'hui")[1].split("À renseigner dans le guide")[0]
    assert "Tous les partenaires nationaux présents" in not_met
    assert "France Travail" in not_met and "Urssaf" in not_met and "La Poste" not in not_met
    later = text.split("À renseigner après le passage")[1]
    assert "Laïcité et neutralité" in later and "Tous les partenaires" not in later
    assert ("35\u202f000\xa0€ aujourd'hui, 50\u202f000\xa0€ avec « France services » (+15\u202f000\xa0€)"
            in text)
    assert "🔧 Tous les partenaires nationaux présents" in passage.labels
    assert "🔧 Laïcité et neutralité" not in passage.labels  # its question is asked once the project moves
    # Exactly the France services requirements these answers do not meet: none more, none less.
    referential = services.engine.referentials["france_services"]
    fs = referential.guide
    with services.database.connect() as connection:
        repo = Repository(connection)
        answers, lines = repo.answers(project_id), repo.budget_lines(project_id)
    budget = project_budget(referential.budget, {k: a.value for k, a in answers.items()}, lines)
    met = {r.check.title for r in evaluate(fs.stages, fs.questions, answers, lambda: budget)
           if r.requirement and r.state is State.SATISFIED}
    listed = {line[2:].split(" (règle")[0] for line in text.splitlines() if line[:1] in ("❌", "⏳", "➕")}
    assert listed == {c.title for c in fs.checks if c.kind == "exigence"} - met
    opened = (await client.click("🔧 Tous les partenaires nationaux présents"))
    assert any("Les opérateurs partenaires et leurs services" in reply.text for reply in opened)
    assert stored(services)[0] == "msap"


async def test_passage_on_a_france_services_project_has_nothing_to_prepare(client, services):
    await client.start_project("MSAP du Lévézou", "Lévézou", FRANCE_SERVICES_RULES)
    assert "Il n'y a pas de passage à préparer" in (await client.send("/passage"))[-1].text


async def test_a_partner_chosen_under_france_services_stays_shown_after_switching_back(client, services):
    await client.start_project("MSAP du Lévézou", "Lévézou", FRANCE_SERVICES_RULES)
    record(services, part_operateurs=["la_poste", "caf", "justice"])
    await switch_rules(client, "France services", MSAP_RULES, "Maison de services au public")
    conformity = (await client.send("/conformite"))[-1].text
    assert "Exigences de la labellisation" in conformity  # no crash on an option the 2016 list lacks
    with services.database.connect() as connection:
        value = connection.execute(select(Answer.value).where(Answer.question_id == "part_operateurs")).scalar_one()
    assert value == ["la_poste", "caf", "justice"]  # the answer is kept as given


async def test_the_team_hears_that_the_project_follows_other_rules(client, services, application, api):
    await client.start_project("MSAP du Lévézou", "Lévézou", MSAP_RULES)
    with services.database.begin() as connection:
        add_member(connection, connection.execute(select(Project.id)).scalar_one(), 2002, "Anne Lambert", "reader")
    await switch_rules(client, "Maison de services au public", FRANCE_SERVICES_RULES, "France services")
    since = len(api.calls)
    await application.bot_data[REMINDERS].run_once(application.bot)
    (news,) = api.sent(since)  # the member who switched is not told of it
    assert news.chat_id == 2002, news
    assert ("⚖️ Le projet suit désormais les règles « France services », au lieu de « Maison de services au "
            "public »") in news.text


async def test_the_help_names_the_rules_the_project_is_checked_against(client, services):
    welcome_help = (await client.send("/aide"))[0].text
    assert "Les règles vérifiées" not in welcome_help  # no project yet: no rules chosen
    await client.start_project("MSAP du Lévézou", "Lévézou", FRANCE_SERVICES_RULES)
    help_text = (await client.send("/aide"))[0].text
    assert ("Les règles vérifiées sont celles du référentiel « France services » : "
            "Arrêté du 16 juin 2025 approuvant le référentiel France services.") in help_text
    await client.send("/menu")
    await client.click("Règles suivies : France services")
    await client.click(MSAP_RULES)
    await client.click("Suivre : Maison de services au public")
    help_text = (await client.send("/aide"))[0].text
    assert "celles du référentiel « Maison de services au public » : Fiche technique « Créer une Maison" in help_text


async def test_a_step_with_more_answers_than_a_keyboard_holds_is_recapped_in_several_messages(client, services):
    """France services asks each of the thirteen national partners' questions in one step: over a hundred ✏️
    buttons, which Telegram refuses in one keyboard (tests.support.telegram enforces its limits)."""
    replies = await client.start_project("France services du Lévézou", "Lévézou", FRANCE_SERVICES_RULES)
    guide = services.engine.referentials["france_services"].guide
    while True:
        since = len(client.api.calls)
        replies = await walk_step(client, guide, replies, CONFORMANT_FRANCE_SERVICES)
        if "Les opérateurs partenaires et leurs services" in replies[-1].text:
            break
        replies = await client.click("Étape suivante")
    parts: list[list] = []   # a part too long for one message comes in two, its keyboard under the second
    for message in client.api.sent(since):
        if message.text.startswith("📋 Récapitulatif"):
            parts.append([])
        if parts:
            parts[-1].append(message)
    assert [part[0].text.split("\n")[0] for part in parts] == [
        "📋 Récapitulatif : Les opérateurs partenaires et leurs services",
        "📋 Récapitulatif : Les opérateurs partenaires et leurs services (suite)",
        "📋 Récapitulatif : Les opérateurs partenaires et leurs services (suite)"]
    recap = [part[-1] for part in parts]
    text = ["\n".join(m.text for m in part) for part in parts]
    assert recap[0].labels == [f"✏️ {n}" for n in range(1, 41)]
    assert recap[1].labels == [f"✏️ {n}" for n in range(41, 81)]
    assert recap[2].labels[-2:] == ["↩️ Retour", "Étape suivante ➡️"]
    last = int(recap[2].labels[-3].removeprefix("✏️ "))
    assert last > 100 and "Tout est juste ?" in text[2] and "Tout est juste ?" not in text[0] + text[1]
    assert "Fiche technique" in text[0] and "Fiche technique" not in text[1] + text[2]
    assert "\n41. " in text[1] and f"\n{last}. " in text[2]

    async def press(sent, label):
        button = next(b for row in sent.buttons for b in row if b["text"] == label)
        return (await client.deliver(client.press_update(client.api.messages[sent.message_id],
                                                         button["callback_data"])))[-1]

    # An earlier part's buttons are as live as the last one's.
    prompt = text[1].split("\n41. ")[1].split("\n")[0]
    asked = await press(recap[1], "✏️ 41")
    assert question_in(guide, asked).prompt == prompt


async def test_a_partner_france_services_alone_has_is_told_so_once_the_project_follows_the_2016_fiche(
        client, services, application, api):
    """The Urssaf, invited to answer its part of a France services project, has nothing to answer once the
    project switches to the 2016 fiche, which does not have it: it is told so, and its part comes back with
    France services."""
    guide = services.engine.referentials["france_services"].guide
    await client.start_project("France services du Lévézou", "Lévézou", FRANCE_SERVICES_RULES)
    record(services, part_operateurs=["la_poste", "caf", "urssaf"])
    with services.database.begin() as connection:
        add_member(connection, connection.execute(select(Project.id)).scalar_one(), 2002, "Paul Fournier",
                   "partner", partner="part_operateurs:urssaf")
    urssaf = ChatClient(application, api, user_id=2002)

    async def resume():
        await urssaf.send("/start")
        return (await urssaf.click("Continuer"))[-1]

    assert question_in(guide, await resume()).id == "part_nom_urssaf"
    await switch_rules(client, "France services", MSAP_RULES, "Maison de services au public")
    assert "Le projet ne retient plus l'Urssaf parmi ses partenaires" in (await resume()).text
    assert "Désolé" not in "\n".join(m.text for m in api.sent())
    assert "Urssaf" in (await urssaf.send("/equipe"))[-1].text
    await switch_rules(client, "Maison de services au public", FRANCE_SERVICES_RULES, "France services")
    assert question_in(guide, await resume()).id == "part_nom_urssaf"


async def test_points_d_attention_say_whose_texts_they_are(client):
    """Where France services replaced the fiche's points d'attention (its funding, its partners), they are not
    presented as the fiche's."""
    def intro(replies):
        return next(reply.text for reply in replies if "Points d'attention" in reply.text)

    await client.start_project("France services du Lévézou", "Lévézou", FRANCE_SERVICES_RULES)
    await client.send("/menu")
    shown = intro(await client.click("7. Préparer la labellisation et obtenir le financement"))
    assert "Points d'attention (France services) :\n• Contactez votre référent" in shown
    assert "fonds national France services (FNFS)" in shown
    await client.send("/menu")
    assert "Points d'attention de la fiche :" in intro(await client.click("1. Établir un diagnostic pour définir "
                                                                            "le projet"))
    await client.send("/menu")
    await client.click("⚖️ Règles suivies : France services")
    await client.click("Maison de services au public (fiche 2016)")
    await client.click("✅ Suivre : Maison de services au public")
    await client.send("/menu")
    shown = intro(await client.click("7. Préparer la labellisation et obtenir le financement"))
    assert "Points d'attention de la fiche :\n• Contactez votre référent" in shown
    assert "fonds inter-opérateurs" in shown
