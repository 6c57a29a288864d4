"""The project's calendar through the real application: set the committee, get the reminders, answer the follow-up."""
from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from icalendar import Calendar

from bot.app import REMINDERS
from bot.services import build_services
from tests.conftest import make_settings, start_application
from states.reports import DEFERRED_SHOWN
from store.repo import Repository
from tests.support.clock import FrozenClock
from tests.support.telegram import FRANCE_SERVICES_RULES, ChatClient, FakeBotApi, MSAP_RULES
from tests.support.walk import question_in, walk_step


class Team:
    """One user, the bot, and the clock; `restart` builds a new process on the same database."""

    def __init__(self, database_url: str, clock: FrozenClock, api: FakeBotApi, user_id: int = 1001) -> None:
        self.database_url = database_url
        self.clock = clock
        self.api = api
        self.user_id = user_id
        self.services = None
        self.application = None

    async def start(self) -> Team:
        self.services = build_services(make_settings(self.database_url), clock=self.clock)
        self.application = await start_application(self.services, self.api)
        self.client = ChatClient(self.application, self.api, user_id=self.user_id)
        self.dispatcher = self.application.bot_data[REMINDERS]
        return self

    async def stop(self) -> None:
        await self.application.shutdown()
        self.services.close()

    async def restart(self) -> None:
        await self.stop()
        await self.start()

    async def tick(self, local: str | None = None) -> list[str]:
        """Move the clock, run the periodic job once; the texts it sent."""
        if local is not None:
            self.clock.set(local)
        since = len(self.api.calls)
        await self.dispatcher.run_once(self.application.bot)
        return [sent.text for sent in self.api.sent(since)]


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock("2027-11-27 10:00")


@pytest.fixture
async def team(database_url, clock, api):
    started = await Team(database_url, clock, api).start()
    yield started
    await started.stop()


async def new_project(team: Team, name: str = "MSAP du Lévézou", territory: str = "Lévézou",
                      keep: tuple[str, ...] = ("Comité de pilotage", "Rapport d'activité"),
                      rules: str = MSAP_RULES) -> None:
    """A project whose reminders other than `keep` are paused, as a user would in /rappels."""
    await team.client.send("/start")
    await team.client.send(name)
    await team.client.send(territory)
    await team.client.click(rules)
    await team.client.send("/rappels")
    for label in ("Comité de pilotage", "Rapport d'activité", "Relance sans nouvelles", "Demande de subvention"):
        if label not in keep:
            await team.client.click(f"⏸ {label}")


async def set_committee(team: Team, text: str) -> list:
    await team.client.send("/rappels")
    await team.client.click("Fixer la date du comité")
    return await team.client.send(text)


def calendar_files(api: FakeBotApi) -> list[Calendar]:
    return [Calendar.from_ical(content) for name, content, _ in api.documents if name.endswith(".ics")]


def event_of(calendar: Calendar):
    return next(component for component in calendar.walk("VEVENT"))


async def test_a_team_sets_its_committee_and_is_reminded_until_next_year(team, api):
    await new_project(team)
    replies = await set_committee(team, "13/06/2028")
    confirmation = replies[0].text
    assert "Comité de pilotage enregistré" in confirmation
    assert "mardi 13 juin 2028" in confirmation
    assert "le 12 mai 2028, le 6 juin 2028 et le 12 juin 2028" in confirmation  # 14 May is a Sunday
    (name, content, caption), = [d for d in api.documents if d[0].endswith(".ics")]
    assert name == "comite-pilotage-msap-du-levezou-2028-06-13.ics" and "agenda" in caption
    first_uid = str(event_of(Calendar.from_ical(content))["UID"])

    assert await team.tick("2028-05-12 08:59") == []
    await team.restart()
    sent = await team.tick("2028-05-12 09:00")
    assert len(sent) == 1 and "dans 32 jours" in sent[0]
    for fact in ["Bilan de l'année écoulée", "Perspectives de l'année à venir", "La Préfecture de département",
                 "Les collectivités concernées", "Les partenaires", "Envoyer les invitations",
                 "Préparer le rapport d'activité", "Préparer le budget de l'année suivante"]:
        assert fact in sent[0]
    assert await team.tick("2028-05-14 09:05") == []  # sent once

    report = await team.tick("2028-05-23 09:00")
    assert len(report) == 1 and "Rapport d'activité" in report[0] and "dans 21 jours" in report[0]
    await team.restart()
    week = await team.tick("2028-06-06 09:00")
    assert len(week) == 1 and "dans 7 jours" in week[0]
    day = await team.tick("2028-06-12 09:00")
    assert len(day) == 1 and "(demain)" in day[0]
    assert await team.tick("2028-06-13 18:00") == []
    await team.restart()
    followup = await team.tick("2028-06-14 09:00")
    assert len(followup) == 1 and "Le comité a-t-il eu lieu ?" in followup[0]

    replies = await team.client.click("Oui, il a eu lieu")
    texts = [r.text for r in replies]
    assert any("le comité de pilotage du 13 juin 2028 a eu lieu" in t for t in texts)
    assert any("mercredi 13 juin 2029" in t and "Comité de pilotage enregistré" in t for t in texts)
    next_year = event_of(calendar_files(api)[-1])
    assert next_year["DTSTART"].dt == date(2029, 6, 13)
    assert str(next_year["UID"]) != first_uid  # a new committee, a new event in the calendar

    summary = (await team.client.send("/rappels"))[0].text
    assert "Dernier comité tenu : 13 juin 2028" in summary
    assert "14 mai 2029, 9 h : comité dans 30 jours" in summary
    await team.restart()
    assert await team.tick("2028-06-14 09:10") == []
    assert len(await team.tick("2029-05-14 09:00")) == 1


async def test_reminders_fire_at_nine_in_paris_in_winter_and_in_summer(team, clock):
    await new_project(team, keep=("Comité de pilotage",))
    # 30 days before: Saturday 11 March, so Friday 10 March (winter); 7 days before: 3 April (summer)
    await set_committee(team, "10/04/2028")
    assert await team.tick("2028-03-10 08:59") == []
    assert clock.now == datetime.fromisoformat("2028-03-10 07:59+00:00")
    assert len(await team.tick("2028-03-10 09:00")) == 1  # 08:00 UTC
    assert await team.tick("2028-04-03 08:59") == []
    assert clock.now == datetime.fromisoformat("2028-04-03 06:59+00:00")
    assert len(await team.tick("2028-04-03 09:00")) == 1  # 07:00 UTC


async def test_after_an_outage_what_still_makes_sense_is_sent_once(team):
    await new_project(team)
    await set_committee(team, "13/06/2028")
    # Down from 1 May to 10 June: the 30-day reminder is stale, the 7-day one and the activity report still hold.
    sent = await team.tick("2028-06-10 11:00")
    assert len(sent) == 2
    assert any("Rapport d'activité" in text for text in sent)
    assert any("dans 3 jours" in text for text in sent)
    assert await team.tick() == []
    # Down again over the committee day: no "tomorrow", the question instead.
    await team.restart()
    sent = await team.tick("2028-06-20 09:30")
    assert len(sent) == 1 and "Le comité a-t-il eu lieu ?" in sent[0]


async def test_a_committee_that_did_not_happen_gets_a_new_date_in_the_same_calendar_event(team, api):
    await new_project(team)
    await set_committee(team, "13/06/2028")
    first = event_of(calendar_files(api)[-1])
    assert first["SEQUENCE"] == 0  # RFC 5545: a new event starts at 0
    await team.tick("2028-06-14 09:00")
    replies = await team.client.click("Non, pas encore")
    assert "À quelle nouvelle date" in replies[0].text
    replies = await team.client.send("27 juin 2028")
    assert "mardi 27 juin 2028" in replies[0].text
    moved = event_of(calendar_files(api)[-1])
    assert moved["UID"] == first["UID"]
    assert moved["SEQUENCE"] == 1
    assert moved["DTSTART"].dt == date(2028, 6, 27)
    sent = await team.tick("2028-06-26 09:00")
    assert len(sent) == 1 and "(demain)" in sent[0]


async def test_the_calendar_file_has_the_time_zone_the_alarms_and_the_uid(team, api):
    await new_project(team)
    await set_committee(team, "13/06/2028")
    await team.client.send("/rappels")
    await team.client.click("Fichier agenda")
    calendar = calendar_files(api)[-1]
    event = event_of(calendar)
    assert event["DTSTART"].dt == date(2028, 6, 13)  # no time given: an all-day event
    assert str(event["UID"]).startswith("comite-") and str(event["UID"]).endswith("@guide-msap")
    alarms = [alarm["TRIGGER"].dt for alarm in event.walk("VALARM")]
    assert alarms == [-timedelta(hours=15)]  # 9:00 the day before


async def test_bad_dates_are_explained_and_a_holiday_is_pointed_out(team):
    await new_project(team)
    replies = await set_committee(team, "bientôt")
    assert "Je n'ai pas reconnu une date" in replies[0].text
    assert "Écrivez la date du prochain comité" in replies[1].text
    replies = await team.client.send("juin 2028")
    assert replies[0].text == "⚠️ Il me faut aussi le jour. Exemple : 15 juin 2028."  # no « Je ne sais pas » here
    replies = await team.client.send("01/09/2027")
    assert "Cette date est passée" in replies[0].text
    replies = await team.client.send("14/07/2028")
    assert "jour férié (Fête nationale)" in replies[0].text
    assert "vendredi 14 juillet 2028" in replies[0].text
    # Without its year, the next such day: on 27 November 2027, the next 15 January is in 2028.
    replies = await set_committee(team, "le 15 janvier")
    assert "samedi 15 janvier 2028" in replies[0].text


async def test_cancel_leaves_the_date_unchanged(team):
    await new_project(team)
    await set_committee(team, "13/06/2028")
    await team.client.click("Changer la date du comité")
    replies = await team.client.click("Annuler")
    assert "mardi 13 juin 2028" in replies[0].text
    replies = await team.client.send("Une réponse")  # no longer taken as a date
    assert all("Comité de pilotage enregistré" not in r.text for r in replies)


async def test_each_kind_can_be_paused_and_resumed(team):
    await new_project(team, keep=("Comité de pilotage",))
    await set_committee(team, "13/06/2028")
    await team.client.send("/rappels")
    replies = await team.client.click("⏸ Comité de pilotage")
    assert "les rappels « Comité de pilotage » sont en pause" in replies[0].text
    assert "comité dans 30 jours" not in replies[1].text
    assert await team.tick("2028-05-14 09:00") == []
    replies = await team.client.click("▶️ Comité de pilotage")
    assert "les rappels « Comité de pilotage » reprennent" in replies[0].text
    assert "6 juin 2028, 9 h : comité dans 7 jours" in replies[1].text
    assert len(await team.tick("2028-06-06 09:00")) == 1


@pytest.mark.parametrize("rules, funds", [(MSAP_RULES, "FNADT et fonds inter-opérateurs"),
                                          (FRANCE_SERVICES_RULES, "FNADT et FNFS")])
async def test_the_funding_request_comes_on_the_first_working_day_of_january(team, rules, funds):
    await new_project(team, keep=("Demande de subvention",), rules=rules)
    # 1 January 2028 is a Saturday (and a holiday): Monday 3 January.
    assert await team.tick("2028-01-03 08:59") == []
    sent = await team.tick("2028-01-03 09:00")
    # The one request groups the funds of the project's rules: a France services' forfait has no fonds
    # inter-opérateurs.
    assert len(sent) == 1 and "Demande de subvention 2028" in sent[0]
    assert f"Une seule demande, qui regroupe {funds}." in sent[0]
    # A project at its diagnostic asks for no subsidy yet: "pensez à la demande" had it ask the Préfecture now.
    assert "La Maison n'est pas encore labellisée : sa demande de subvention de fonctionnement partira avec le " \
           "dossier de labellisation (étape 7)." in sent[0] and "pensez à la demande" not in sent[0]
    assert await team.tick("2028-01-04 09:00") == []
    with team.services.database.begin() as connection:
        project_id = Repository(connection).user(team.user_id, "Marie Dupont").active_project_id
        for question, kind, value in (("label_demande_etat", "choice", "decision"),
                                      ("label_decision", "choice", "accordee")):
            Repository(connection).record_answer(project_id, question, kind, "answered", value, team.user_id)
    sent = await team.tick("2029-01-02 09:00")  # 1 January 2029 is a Monday, a holiday
    assert len(sent) == 1 and "L'année commence : pensez à la demande de subvention de fonctionnement." in sent[0]


async def test_the_weekly_digest_is_opt_in_and_lists_the_deferred_questions(team):
    await new_project(team, keep=())
    # A question left for later, as "Je ne sais pas encore" records it.
    with team.services.database.begin() as connection:
        project_id = Repository(connection).user(team.user_id, "Marie Dupont").active_project_id
        Repository(connection).record_answer(project_id, "chef_projet_fonction", "short_text", "deferred", None,
                                             team.user_id)
    assert all("Récapitulatif" not in text for text in await team.tick("2027-11-29 09:00"))
    await team.client.send("/rappels")
    await team.client.click("▶️ Récapitulatif hebdomadaire")
    sent = await team.tick("2027-12-06 09:00")  # the next Monday
    digest = [text for text in sent if "Récapitulatif de la semaine" in text]
    assert len(digest) == 1
    assert "Étape 1 : Établir un diagnostic pour définir le projet\n1. Quelle est sa fonction" in digest[0]
    assert not [t for t in await team.tick("2027-12-07 09:00") if "Récapitulatif" in t]
    assert len([t for t in await team.tick("2027-12-13 09:00") if "Récapitulatif" in t]) == 1


async def test_the_weekly_digest_says_how_many_questions_it_does_not_list(team):
    """Forty questions are listed, each with its button; the others are counted, never silently left out."""
    await new_project(team, keep=())
    unconditional = [q for q in team.services.guide.question_list if q.when is None][:DEFERRED_SHOWN + 2]
    with team.services.database.begin() as connection:
        repo = Repository(connection)
        project_id = repo.user(team.user_id, "Marie Dupont").active_project_id
        for question in unconditional:
            repo.record_answer(project_id, question.id, question.kind.value, "deferred", None, team.user_id)
    await team.client.send("/rappels")
    await team.client.click("▶️ Récapitulatif hebdomadaire")
    [digest] = [text for text in await team.tick("2027-11-29 09:00") if "Récapitulatif de la semaine" in text]
    assert "… et 2 autres questions, que /a_traiter montrera une fois celles-ci traitées." in digest


async def test_a_nudge_after_fourteen_days_without_progress_and_none_after_opting_out(team, clock):
    await new_project(team, keep=("Relance sans nouvelles",))  # last activity: 27 November 2027
    assert await team.tick("2027-12-11 08:59") == []
    sent = await team.tick("2027-12-11 09:00")
    assert len(sent) == 1 and "n'a pas avancé depuis 14 jours" in sent[0]
    assert "étape 1" in sent[0]
    assert await team.tick("2027-12-20 09:00") == []  # once per quiet spell
    await team.client.send("Une réponse")  # activity on 20 December: the next nudge is on 3 January
    assert await team.tick("2028-01-02 09:00") == []
    assert len(await team.tick("2028-01-03 09:00")) == 1
    replies = await team.client.click("Ne plus me relancer")
    assert "sont en pause" in replies[0].text
    await team.client.send("Une autre réponse")
    assert await team.tick("2028-02-20 09:00") == []


async def test_the_bot_asks_for_a_date_eleven_months_after_the_labelling(team):
    await new_project(team)
    with team.services.database.begin() as connection:
        project_id = Repository(connection).user(team.user_id, "Marie Dupont").active_project_id
        for question, kind, value in (("label_decision", "choice", "accordee"),
                                      ("label_date_decision", "date", "2028-02-29")):
            Repository(connection).record_answer(project_id, question, kind, "answered", value, team.user_id)
    await team.client.send("/rappels")  # any activity plans again
    assert [t for t in await team.tick("2029-01-28 09:00") if "Prochain comité" in t] == []
    asked = [t for t in await team.tick("2029-01-29 09:00") if "Prochain comité de pilotage" in t]
    assert len(asked) == 1 and "29 février 2028" in asked[0]


async def reach_the_committee(team: Team) -> None:
    """A new project at stage 8's « Réunirez-vous un comité de pilotage… ? », the two steps before it walked."""
    await new_project(team)
    await team.client.send("/menu")
    replies = await team.client.click("8. La Maison, outil de développement local")
    for _ in range(2):  # the activity follow-up, then communication
        await walk_step(team.client, team.services.guide, replies)
        replies = await team.client.click("Étape suivante")


async def test_the_date_and_time_given_in_stage_8_plan_the_reminders_and_send_the_calendar_file(team, api):
    await reach_the_committee(team)
    await team.client.click("Oui")  # a committee at least once a year
    await team.client.send("la sous-préfecture et l'association Lévézou Solidarité")  # and its « Autre », named
    replies = await team.client.send("13/06/2028")
    assert "De quelle heure à quelle heure ?" in replies[-1].text
    assert not calendar_files(api)  # the file waits for the time
    replies = await team.client.send("14h30-16h30")
    assert "Où se tiendra-t-il ?" in replies[-1].text
    assert not calendar_files(api)  # nor the place
    replies = await team.client.send("à la salle du conseil, mairie de Salles-Curan")  # as a document prints it
    assert "Comité de pilotage enregistré" in replies[0].text and "14 h 30 – 16 h 30" in replies[0].text
    assert "📍 Salle du conseil, mairie de Salles-Curan" in replies[0].text  # what was kept, shown
    event = event_of(calendar_files(api)[-1])
    assert str(event["LOCATION"]) == "Salle du conseil, mairie de Salles-Curan"
    start = event["DTSTART"].dt
    assert str(start.tzinfo) == "Europe/Paris" and start.utcoffset() == timedelta(hours=2)
    assert start.replace(tzinfo=None) == datetime(2028, 6, 13, 14, 30)
    assert event["DTEND"].dt.replace(tzinfo=None) == datetime(2028, 6, 13, 16, 30)
    assert [alarm["TRIGGER"].dt for alarm in event.walk("VALARM")] == [-timedelta(days=1), -timedelta(hours=2)]
    # Those the project chose to invite, not the fiche's list.
    assert "À inviter : Préfecture de département ; l'association Lévézou Solidarité." in str(event["DESCRIPTION"])
    sent = await team.tick("2028-05-14 09:00")
    assert len(sent) == 1 and "Vous aviez prévu : Préfecture de département, l'association Lévézou Solidarité." \
        in sent[0]


async def test_the_hours_typed_at_the_guests_are_kept_for_the_hours_question(team, api):
    """"14h-16h" typed at « Qui inviterez-vous ? » (one question early) was an « Autre » guest worded "14h-16h",
    which the calendar file listed among the people to invite."""
    await reach_the_committee(team)
    await team.client.send("oui, le premier le 13 juin 2028")
    refused, asked = await team.client.send("14h-16h")
    assert refused.text.startswith("⚠️") and "📝 Votre texte est noté pour « De quelle heure à quelle heure ? »" \
        in refused.text
    assert "Qui inviterez-vous" in asked.text
    await team.client.click("Préfecture de département")
    asked = (await team.client.click("Valider"))[-1]
    assert "Où se tiendra-t-il ?" in asked.text  # the hours are not asked again
    replies = await team.client.send("à la mairie")
    assert "14 h – 16 h" in replies[0].text and "📍 Mairie" in replies[0].text
    event = event_of(calendar_files(api)[-1])
    assert "14h-16h" not in str(event["DESCRIPTION"]) and event["DTSTART"].dt.hour == 14


async def test_the_committee_hour_is_one_range_never_closed(team, api):
    await reach_the_committee(team)
    await team.client.click("Oui")
    await team.client.click("Préfecture de département")
    await team.client.click("Valider")
    await team.client.send("13/06/2028")
    replies = await team.client.send("fermé")  # a day's opening hours may be "fermé"; a meeting's hour may not
    assert "Indiquez l'heure de début et l'heure de fin" in replies[0].text
    assert "De quelle heure à quelle heure ?" in replies[-1].text
    replies = await team.client.send("9h-10h 14h-15h")
    assert "Indiquez une seule plage horaire" in replies[0].text
    replies = await team.client.send("à 14h")  # the start alone
    assert "Indiquez aussi l'heure de fin. Exemple : 14h-16h." in replies[0].text
    replies = await team.client.send("vers midi")  # a start said in words, alone too
    assert "Indiquez aussi l'heure de fin. Exemple : 14h-16h." in replies[0].text
    replies = await team.client.send("en fin de journée")
    assert "Je n'ai pas reconnu cet horaire. Exemple : 14h-16h." in replies[0].text and "fermé" not in replies[0].text
    assert not calendar_files(api)  # nothing taken yet
    await team.client.send("14h-16h")
    replies = await team.client.click("Passer")  # no place said: the file comes all the same
    assert "Comité de pilotage enregistré" in replies[1].text and "14 h – 16 h" in replies[1].text
    assert "📍" not in replies[1].text and "LOCATION" not in event_of(calendar_files(api)[-1])


async def test_another_button_or_a_sticker_while_typing_the_date(team):
    await new_project(team)
    await set_committee(team, "13/06/2028")
    await team.client.click("Changer la date du comité")
    replies = await team.client.send_other(sticker={"file_id": "s", "file_unique_id": "s", "type": "regular",
                                                    "width": 512, "height": 512, "is_animated": False,
                                                    "is_video": False})
    assert "Écrivez la date du prochain comité" in replies[-1].text
    await team.client.click("Menu")  # another button: what is typed next is no longer a date
    replies = await team.client.send("20/06/2028")
    assert all("Comité de pilotage enregistré" not in r.text for r in replies)
    summary = (await team.client.send("/rappels"))[0].text
    assert "mardi 13 juin 2028" in summary


async def test_next_years_committee_after_29_february_or_before_a_holiday(team):
    await new_project(team)
    await set_committee(team, "29/02/2028")
    await team.tick("2028-03-01 09:00")
    replies = await team.client.click("Oui, il a eu lieu")
    assert any("mercredi 28 février 2029" in r.text for r in replies)
    await team.client.click("Changer la date du comité")
    await team.client.send("14/07/2029")  # a Saturday and a holiday
    await team.tick("2029-07-16 09:00")  # the question after it waits for Monday
    replies = await team.client.click("Oui, il a eu lieu")
    assert any("lundi 15 juillet 2030" in r.text for r in replies)  # 14 July 2030 is a Sunday


async def test_a_date_typed_under_rappels_is_the_committees_and_other_words_answer_the_guide(team):
    """Under /rappels, "comité le 13 juin 2028" means the committee, as after « Fixer la date »: it was stored as
    the project leader's name. Other words still answer the guide's question."""
    await new_project(team)
    await team.client.send("/rappels")
    replies = await team.client.send("le comité aura lieu le 13 juin 2028")
    assert "Comité de pilotage enregistré" in replies[0].text and "mardi 13 juin 2028" in replies[0].text
    await team.client.send("/rappels")
    await team.client.send("Marie Dupont")
    with team.services.database.connect() as connection:
        repo = Repository(connection)
        answers = repo.answers(repo.projects(team.user_id)[0][0].id)
    assert answers["chef_projet_nom"].value == "Marie Dupont"
    assert answers["dev_comite_date"].value == "2028-06-13"
    await team.client.send("/rappels")  # another event dated, as if answered under a recap seen earlier: no committee
    replies = await team.client.send("1 décision reçue le 3 décembre : refusée, les horaires restent sous 24 heures")
    assert not any("Comité de pilotage enregistré" in reply.text for reply in replies)
    with team.services.database.connect() as connection:
        repo = Repository(connection)
        assert repo.answers(repo.projects(team.user_id)[0][0].id)["dev_comite_date"].value == "2028-06-13"


async def test_the_hours_typed_with_the_committees_date_or_after_it_are_its_hours(team, api):
    """"le 12 mars à 14h30" under /rappels kept the date and dropped the hour: the calendar file was all day."""
    await new_project(team)
    await team.client.send("/rappels")
    replies = await team.client.send("le comité se réunira le 13 juin 2028 à 14h30")
    assert "Comité de pilotage enregistré" in replies[0].text
    assert replies[1].text == "⚠️ Indiquez aussi l'heure de fin. Exemple : 14h-16h."
    replies = await team.client.send("14h30-16h30")  # under /rappels again: the hours of the committee dated
    assert "Comité de pilotage enregistré" in replies[0].text and "14 h 30" in replies[0].text
    event = event_of(calendar_files(api)[-1])
    assert (event["DTSTART"].dt.hour, event["DTSTART"].dt.minute, event["DTEND"].dt.hour) == (14, 30, 16)
    replies = await set_committee(team, "le 14 juin 2028 de 10h à 12h")
    event = event_of(calendar_files(api)[-1])
    assert (event["DTSTART"].dt.day, event["DTSTART"].dt.hour, event["DTEND"].dt.hour) == (14, 10, 12)
    with team.services.database.connect() as connection:
        repo = Repository(connection)
        answers = repo.answers(repo.projects(team.user_id)[0][0].id)
    assert answers["dev_comite_horaire"].value == [[600, 720]] and "chef_projet_nom" not in answers


async def test_a_dossier_sent_back_to_be_completed_keeps_what_is_asked_and_reminds_its_new_date(team):
    """"dossier incomplet, il manque la convention signée avec la CAF…" had no option: only "Envoyée", "En
    instruction", "Décision reçue", and what the Préfecture asked for was said not kept."""
    await new_project(team, keep=("Demande de subvention",))
    await team.client.send("/menu")
    replies = await team.client.click("7. Préparer la labellisation et obtenir le financement")
    while (asked := question_in(team.services.guide, replies[-1])) is None or asked.id != "label_demande_etat":
        replies = await team.client.click("Passer" if asked else "Étape suivante")
    said = await team.client.send("dossier incomplet, il manque la convention signée avec la CAF et nos horaires "
                                  "ne font que 22 h par semaine")
    assert said[0].text == "➡️ Réponse retenue : Dossier à compléter."
    assert said[1].text == ("➡️ Réponse retenue pour « Que demande la Préfecture pour compléter le dossier ? » : "
                            "il manque la convention signée avec la CAF et nos horaires ne font que 22 h par semaine.")
    assert "À quelle date avez-vous envoyé le dossier ?" in said[-1].text
    await team.client.send("le 15 septembre")
    asked = (await team.client.send("ils veulent tout pour le 15 janvier"))[-1].text
    assert "Dossier à compléter" in asked and "15 janvier 2028" in asked  # the step's recap
    shown = (await team.client.send("/rappels"))[-1].text
    assert "31 décembre 2027, 9 h : dossier à renvoyer complété dans 15 jours" in shown
    (sent,) = await team.tick("2027-12-31 09:00")
    assert sent.startswith("⏳ Dossier de labellisation à compléter : MSAP du Lévézou")
    assert "À renvoyer, complété, au plus tard le 15 janvier 2028, dans 15 jours." in sent
    assert "La Préfecture demande : il manque la convention signée avec la CAF" in sent
    assert "/conformite dit ce qui manque encore" in sent


async def test_where_the_committee_meets_typed_with_its_date_or_after_it_is_its_place(team, api):
    """"le 29 mars de 14h à 16h à la salle du conseil de la CC" kept the date and hours, the place dropped."""
    await new_project(team)
    await team.client.send("/rappels")
    replies = await team.client.send("comité le 13 juin 2028 de 14h à 16h à la salle du conseil de la CC")
    assert "mardi 13 juin 2028, 14 h – 16 h (dans 199 jours)\n📍 Salle du conseil de la CC" in replies[0].text
    assert str(event_of(calendar_files(api)[-1])["LOCATION"]) == "Salle du conseil de la CC"
    replies = await team.client.send("finalement à la médiathèque de Millau")  # under /rappels again
    assert "📍 Médiathèque de Millau" in replies[0].text and "14 h – 16 h" in replies[0].text
    event = event_of(calendar_files(api)[-1])
    assert str(event["LOCATION"]) == "Médiathèque de Millau" and event["SEQUENCE"] == 1  # the same event, moved
    (reminded,) = await team.tick("2028-05-12 09:00")  # 30 days before is a Sunday: the Friday
    assert "📍 Médiathèque de Millau" in reminded


async def test_the_dossiers_deadline_is_reminded_two_weeks_then_three_days_before_until_it_is_sent(team):
    """"dossier à déposer sur Démarches simplifiées avant le 31 mars" had nowhere to go: the date is asked in stage 7,
    and reminded with the funding request's reminders until the request is said sent."""
    await new_project(team, keep=("Demande de subvention",))
    await team.client.send("/menu")
    replies = await team.client.click("7. Préparer la labellisation et obtenir le financement")
    while (asked := question_in(team.services.guide, replies[-1])) is None or asked.id != "label_date_limite":
        replies = await team.client.click("Passer")
    await team.client.send("avant le 31 mars 2028")
    shown = (await team.client.send("/rappels"))[-1].text
    assert "17 mars 2028, 9 h : dossier à déposer dans 14 jours" in shown
    assert "28 mars 2028, 9 h : dossier à déposer dans 3 jours" in shown
    assert await team.tick("2028-03-17 08:59") == []
    sent = await team.tick("2028-03-17 09:00")
    assert len(sent) == 1 and sent[0].startswith("⏳ Dossier de labellisation : MSAP du Lévézou")
    assert "À déposer au plus tard le 31 mars 2028, dans 14 jours." in sent[0]
    with team.services.database.begin() as connection:
        project_id = Repository(connection).user(team.user_id, "Marie Dupont").active_project_id
        Repository(connection).record_answer(project_id, "label_demande_etat", "choice", "answered", "envoyee",
                                             team.user_id)
    await team.client.send("/rappels")  # any activity plans again: sent, nothing more to remind
    assert await team.tick("2028-03-28 09:00") == []
