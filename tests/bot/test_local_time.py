"""A project keeps its territory's calendar: outre-mer its clock ("demain", its reminders at nine, its committee's
hour), in Alsace-Moselle and outre-mer its own public holidays.

Through the real Application, the fake Bot API and the reminder job; the clock is set in Paris time.
"""
from __future__ import annotations

from datetime import datetime

from tests.bot.test_reminders import calendar_files, clock, event_of, new_project, set_committee, team  # noqa: F401
from tests.support.walk import walk_step

GUYANE = "Commune de Maripasoula, Guyane (973)"


async def test_a_project_in_french_guiana_is_reminded_at_nine_there(team, clock):
    """Reminders went at 9:00 in Paris, 5:00 in Maripasoula."""
    await team.client.send("/start")
    await team.client.send("France services de Maripasoula")
    await team.client.send(GUYANE)
    ready = await team.client.click("Maison de services au public (fiche 2016)")
    assert ready[0].text.replace("\xa0", " ") == (
        "C'est noté : « France services de Maripasoula », Commune de Maripasoula, Guyane (973), selon les règles "
        "« Maison de services au public ».\n🕐 Les dates, les rappels et le comité suivront l'heure de la Guyane."
        "\n📅 Les rappels éviteront aussi les jours fériés propres à la Guyane : Abolition de l'esclavage (10 juin "
        "2028).\n\nNous commençons par la première étape de la fiche technique. Projet déjà engagé ? "
        "/menu vous mène directement à son étape.")
    await team.client.send("/rappels")
    for label in ("Rapport d'activité", "Relance sans nouvelles", "Demande de subvention"):
        await team.client.click(f"⏸ {label}")
    await set_committee(team, "10/04/2028")  # 30 days before is a Saturday: Friday 10 March
    assert await team.tick("2028-03-10 12:59") == []  # 8:59 in Cayenne (UTC-3), 12:59 in Paris
    assert clock.now == datetime.fromisoformat("2028-03-10 11:59+00:00")
    assert len(await team.tick("2028-03-10 13:00")) == 1


async def test_tomorrow_and_the_committee_s_hour_are_the_territory_s(team, api):
    """At 2:00 in Paris it is 22:00 the day before in Maripasoula: "demain" is the next day there; and
    "14h30-16h30" is 14:30 in the team's calendars, not 10:30."""
    await new_project(team, "France services de Maripasoula", GUYANE)
    await team.tick("2027-11-28 02:00")  # Saturday 27 November, 22:00 in Cayenne
    await team.client.send("/menu")
    replies = await team.client.click("8. La Maison, outil de développement local")
    for _ in range(2):  # the activity follow-up, then communication
        await walk_step(team.client, team.services.guide, replies)
        replies = await team.client.click("Étape suivante")
    await team.client.click("Oui")
    await team.client.click("Préfecture de département")
    await team.client.click("Valider")
    replies = await team.client.send("demain")
    assert "dimanche 28 novembre 2027" in replies[0].text
    await team.client.send("14h30-16h30")
    await team.client.send("mairie de Maripasoula")
    start = event_of(calendar_files(api)[-1])["DTSTART"].dt
    assert str(start.tzinfo) == "America/Cayenne" and start.replace(tzinfo=None) == datetime(2027, 11, 28, 14, 30)


async def test_a_project_on_the_bot_s_clock_is_told_nothing_of_it(team):
    await team.client.send("/start")
    await team.client.send("MSAP du Lévézou")
    await team.client.send("Lévézou (Aveyron)")
    ready = await team.client.click("Maison de services au public (fiche 2016)")
    assert ready[0].text.replace("\xa0", " ").endswith(
        "« Maison de services au public ».\n\nNous commençons par la première étape de la fiche technique. Projet déjà engagé ? "
        "/menu vous mène directement à son étape.")


async def test_a_project_in_moselle_is_not_reminded_on_good_friday(team):
    """Good Friday and 26 December are days off in Alsace-Moselle: the committee's eve, Good Friday before Easter
    Monday, came as a working day; and a committee set that day was not said a holiday."""
    await team.client.send("/start")
    await team.client.send("France services du Pays de Bitche")
    await team.client.send("Communauté de communes du Pays de Bitche, Moselle (57)")
    ready = await team.client.click("France services (règles en vigueur)")
    assert ready[0].text.replace("\xa0", " ") == (
        "C'est noté : « France services du Pays de Bitche », Communauté de communes du Pays de Bitche, Moselle (57), "
        "selon les règles « France services ».\n📅 Les rappels éviteront aussi les jours fériés propres à la "
        "Moselle : Saint-Étienne (26 décembre 2027), Vendredi saint (14 avril 2028)."
        "\n\nNous commençons par la première étape de la fiche technique. Projet déjà engagé ? "
        "/menu vous mène directement à son étape.")
    await team.client.send("/rappels")
    for label in ("Rapport d'activité", "Relance sans nouvelles", "Demande de subvention"):
        await team.client.click(f"⏸ {label}")
    good_friday = await set_committee(team, "vendredi 14 avril 2028")
    assert "C'est un jour férié (Vendredi saint)" in good_friday[0].text
    await team.client.click("Changer la date du comité")
    easter = await team.client.send("lundi 17 avril 2028")
    assert "le 17 mars 2028, le 10 avril 2028 et le 13 avril 2028" in easter[0].text.replace("\xa0", " ")
    (eve,) = await team.tick("2028-04-13 09:00")
    assert "lundi 17 avril 2028" in eve
    assert await team.tick("2028-04-14 09:00") == []
