"""The planner: which reminders a project gets, when, and how re-planning treats the rows already there."""
from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError
from sqlalchemy import text

from dialogs.errors import GuideError
from dialogs.loader import load_guide
from dialogs.reminder_model import REMINDERS_FILE, check_questions, load_reminder_model
from states.reminder_plan import Facts, Planner
from store.reminders import ReminderStore
from store.repo import Repository
from tests.support.clock import PARIS, paris

MODEL = load_reminder_model()
PLANNER = Planner(MODEL, PARIS)
COMMITTEE = date(2028, 6, 13)


def facts(committee: date | None = COMMITTEE, held: date | None = None, labelled: date | None = None) -> Facts:
    return Facts(committee, held, labelled, finished=False)


def test_the_committee_plan():
    plan = {p.kind: p for p in PLANNER.committee_plan(facts())}
    assert plan["committee_30"].due_at == paris("2028-05-12 09:00")  # 30 days before is a Sunday: the Friday
    assert plan["committee_7"].due_at == paris("2028-06-06 09:00")
    assert plan["committee_1"].due_at == paris("2028-06-12 09:00")
    assert plan["activity_report"].due_at == paris("2028-05-23 09:00")
    assert plan["committee_followup"].due_at == paris("2028-06-14 09:00")
    # Each reminder gives way to the next one; none survives the committee day.
    assert plan["committee_30"].expires_at == plan["committee_7"].due_at
    assert plan["committee_7"].expires_at == plan["committee_1"].due_at
    assert plan["committee_1"].expires_at == paris("2028-06-14 00:00")
    assert plan["activity_report"].expires_at == paris("2028-06-13 00:00")
    assert plan["committee_followup"].expires_at is None


def test_reminders_that_would_fall_on_a_weekend_or_a_holiday_come_on_the_working_day_before():
    """Committee on Monday 19 July 2027: 1 day before is a Sunday, 7 days before the Monday, 30 days before a
    Saturday; the report (21 days before) falls on Monday 28 June. The follow-up after a Friday committee waits
    for Monday, and a reminder due on 14 July (the Fête nationale) comes on the 13th."""
    plan = {p.kind: p.due_at for p in PLANNER.committee_plan(facts(date(2027, 7, 19)))}
    assert plan["committee_1"] == paris("2027-07-16 09:00")
    assert plan["committee_7"] == paris("2027-07-12 09:00")
    assert plan["committee_30"] == paris("2027-06-18 09:00")
    assert plan["activity_report"] == paris("2027-06-28 09:00")
    assert plan["committee_followup"] == paris("2027-07-20 09:00")
    friday = {p.kind: p.due_at for p in PLANNER.committee_plan(facts(date(2027, 10, 15)))}
    assert friday["committee_followup"] == paris("2027-10-18 09:00")
    holiday = {p.kind: p.due_at for p in PLANNER.committee_plan(facts(date(2027, 7, 15)))}
    assert holiday["committee_1"] == paris("2027-07-13 09:00")


def test_without_a_date_the_bot_asks_eleven_months_after_the_last_committee_or_the_labelling():
    assert PLANNER.committee_plan(facts(None)) == []
    (ask,) = PLANNER.committee_plan(facts(None, held=date(2028, 2, 29)))
    assert (ask.kind, ask.due_at) == ("committee_ask_date", paris("2029-01-29 09:00"))
    (ask,) = PLANNER.committee_plan(facts(None, labelled=date(2027, 12, 20)))
    assert ask.due_at == paris("2028-11-20 09:00")


def test_facts_read_the_answers_and_the_committees_held():
    values = {"dev_comite_date": "2028-06-13", "label_decision": "accordee", "label_date_decision": "2027-12-20"}
    assert PLANNER.facts(values, [], False) == Facts(COMMITTEE, None, date(2027, 12, 20), False)
    assert PLANNER.facts(values, [date(2028, 6, 13)], False).committee_date is None  # held: no longer ahead
    assert PLANNER.facts({**values, "label_decision": "refusee"}, [], False).labelled_on is None


def test_next_occurrences():
    funding = PLANNER.next_occurrence("funding_request", paris("2027-11-27 10:00"))
    assert funding.due_at == paris("2028-01-03 09:00") and funding.recurrence == "yearly"
    assert PLANNER.next_occurrence("funding_request", paris("2028-01-03 09:00")).due_at == paris("2029-01-02 09:00")
    digest = PLANNER.next_occurrence("digest", paris("2027-11-29 08:00"))  # a Monday, before nine
    assert digest.due_at == paris("2027-11-29 09:00")
    assert PLANNER.next_occurrence("digest", paris("2027-11-29 09:00")).due_at == paris("2027-12-06 09:00")
    assert PLANNER.nudge(paris("2027-11-27 23:30")).due_at == paris("2027-12-11 09:00")


def project(database) -> int:
    with database.begin() as connection:
        repo = Repository(connection)
        _, created = repo.create_project(repo.user(42, "Élu"), "Maison", "msap", "2016", "chef_de_projet")
        return created.id


def rows(database) -> dict[str, str]:
    with database.connect() as connection:
        found = connection.execute(text("SELECT kind, status FROM reminder ORDER BY id")).all()
    return {kind: status for kind, status in found if not kind.startswith(("nudge", "funding"))}


def sync(database, project_id: int, plan: Facts, now: str) -> None:
    with database.begin() as connection:
        PLANNER.sync(ReminderStore(connection), project_id, plan, paris(now))


def test_planning_again_changes_nothing_and_a_new_date_replaces_the_waiting_reminders(database):
    project_id = project(database)
    sync(database, project_id, facts(), "2027-11-27 10:00")
    first = rows(database)
    assert set(first) == {"committee_30", "committee_7", "committee_1", "activity_report", "committee_followup"}
    sync(database, project_id, facts(), "2027-11-28 10:00")
    assert rows(database) == first
    with database.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM reminder")).scalar() == 7  # + nudge, funding
    sync(database, project_id, facts(date(2028, 6, 27)), "2027-11-28 10:00")
    with database.connect() as connection:
        found = connection.execute(text("SELECT status, event_date FROM reminder WHERE kind = 'committee_7'")).all()
    assert sorted(found) == [("cancelled", "2028-06-13"), ("pending", "2028-06-27")]


def test_reminders_overdue_after_an_outage_stay_and_late_new_ones_are_not_created(database):
    project_id = project(database)
    sync(database, project_id, facts(), "2027-11-27 10:00")
    sync(database, project_id, facts(), "2028-06-10 10:00")  # the bot was down since May
    assert rows(database)["committee_30"] == "pending"  # the dispatcher decides: it has expired
    other = project(database)
    sync(database, other, facts(), "2028-06-10 10:00")  # a date set three days ahead
    with database.connect() as connection:
        kinds = connection.execute(text("SELECT kind FROM reminder WHERE project_id = :p AND kind LIKE 'comm%'"),
                                   {"p": other}).scalars().all()
    assert sorted(kinds) == ["committee_1", "committee_followup"]


def test_a_question_whose_time_has_passed_is_asked_at_the_next_nine_o_clock(database):
    project_id = project(database)
    sync(database, project_id, facts(None, labelled=date(2026, 1, 5)), "2027-11-27 10:00")
    with database.connect() as connection:
        due = connection.execute(text("SELECT due_at FROM reminder WHERE kind = 'committee_ask_date'")).scalar()
    assert str(due).startswith("2027-11-28 08:00")
    sync(database, project_id, facts(None, labelled=date(2026, 1, 5)), "2027-11-27 11:00")
    with database.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM reminder WHERE kind = 'committee_ask_date'")
                                  ).scalar() == 1


def test_a_member_who_blocked_the_bot_gets_rows_on_hold(database):
    project_id = project(database)
    with database.begin() as connection:
        ReminderStore(connection).block_user(42, paris("2027-11-27 10:00"))
    sync(database, project_id, facts(), "2027-11-27 10:00")
    assert set(rows(database).values()) == {"blocked"}


def test_a_finished_guide_gets_no_nudge(database):
    project_id = project(database)
    sync(database, project_id, facts(), "2027-11-27 10:00")
    sync(database, project_id, Facts(COMMITTEE, None, None, finished=True), "2027-11-28 10:00")
    with database.connect() as connection:
        assert connection.execute(text("SELECT status FROM reminder WHERE kind = 'nudge'")).scalars().all() \
            == ["cancelled"]


@pytest.mark.parametrize(("territory", "zone"), [
    ("Commune de Maripasoula, Guyane (973)", "America/Cayenne"), ("CIREST, La Réunion", "Indian/Reunion"),
    ("Mamoudzou", "Indian/Mayotte"), ("Saint-Martin-d'Hères", None), ("CC du Haut-Val de Sèvre", None),
    ("Communauté de communes (9 731 habitants)", None), (None, None)])
def test_a_territory_outre_mer_names_its_clock(territory, zone):
    local = MODEL.local_calendar(territory)
    assert (local.zone if local else None) == zone


@pytest.mark.parametrize(("territory", "holidays"), [
    ("Communauté de communes du Pays de Bitche, Moselle (57)", "57"), ("Metz Métropole", "57"),
    ("Eurométropole de Strasbourg", "6AE"), ("CC de la Vallée de Kaysersberg (Haut-Rhin)", "6AE"),
    ("Commune de Maripasoula, Guyane (973)", "973"), ("CC Moselle et Madon (Meurthe-et-Moselle)", None),
    ("Nancy, Meurthe-et-Moselle", None), ("Communauté de communes rurale, 57 communes", None),
    ("Lévézou (Aveyron)", None)])
def test_a_territory_under_its_own_law_names_its_public_holidays(territory, holidays):
    local = MODEL.local_calendar(territory)
    assert (local.holidays if local else None) == holidays
    assert MODEL.public_holidays(local).subdivision == holidays


def test_a_committee_in_moselle_is_not_reminded_on_good_friday():
    """Committee on Monday 29 March 2027, Easter Monday: its eve is Good Friday there, a working day elsewhere."""
    moselle = Planner(MODEL, PARIS, MODEL.public_holidays(MODEL.local_calendar("Bitche (Moselle)")))
    assert {p.kind: p.due_at for p in moselle.committee_plan(facts(date(2027, 3, 29)))}["committee_1"] \
        == paris("2027-03-25 09:00")
    assert {p.kind: p.due_at for p in PLANNER.committee_plan(facts(date(2027, 3, 29)))}["committee_1"] \
        == paris("2027-03-26 09:00")


def test_an_unknown_clock_or_holidays_are_refused_when_the_calendar_loads(tmp_path):
    broken = tmp_path / "reminders.yaml"
    broken.write_text(REMINDERS_FILE.read_text(encoding="utf-8").replace("America/Cayenne", "America/Kourou"),
                      encoding="utf-8")
    with pytest.raises(ValidationError, match="unknown time zone 'America/Kourou'"):
        load_reminder_model(broken)
    broken.write_text(REMINDERS_FILE.read_text(encoding="utf-8").replace('holidays: "973"', 'holidays: "97"'),
                      encoding="utf-8")
    with pytest.raises(ValidationError, match="unknown holidays '97' in FR for la Guyane"):
        load_reminder_model(broken)


def test_the_dossiers_deadline_is_reminded_on_working_days_until_the_request_is_sent():
    values = {"label_date_limite": "2027-04-02"}
    deadline = PLANNER.facts(values, [], False)
    assert deadline.deadline == date(2027, 4, 2)
    plan = PLANNER.deadline_plan(deadline)
    # 14 days before is Friday 19 March; 3 days before, Tuesday 30 March.
    assert [(p.kind, p.due_at, p.expires_at) for p in plan] == [
        ("funding_deadline", paris("2027-03-19 09:00"), paris("2027-03-30 09:00")),
        ("funding_deadline", paris("2027-03-30 09:00"), paris("2027-04-03 00:00"))]
    for state in ("envoyee", "en_instruction", "decision"):
        assert PLANNER.facts(values | {"label_demande_etat": state}, [], False).deadline is None
    assert PLANNER.facts(values | {"label_demande_etat": "en_preparation"}, [], False).deadline == date(2027, 4, 2)
    assert MODEL.group("funding_deadline") == "funding_request"


def test_a_dossier_sent_back_to_be_completed_is_reminded_by_the_date_to_return_it():
    values = {"label_date_limite": "2026-09-30", "label_demande_etat": "a_completer"}
    assert PLANNER.facts(values, [], False).deadline == date(2026, 9, 30)  # no new date given: the dossier's own
    returned = values | {"label_complements_date": "2027-01-15"}
    assert PLANNER.facts(returned, [], False).deadline == date(2027, 1, 15)
    assert PLANNER.facts(returned | {"label_demande_etat": "envoyee"}, [], False).deadline is None  # sent again


def test_the_calendar_reads_questions_the_guide_has():
    questions = load_guide().questions
    check_questions(MODEL, questions)
    funding = MODEL.funding_request
    for changed, message in (({"sent_options": ["pizza"]}, "pizza is not an option of label_demande_etat"),
                             ({"deadline_question": "label_destinataire"}, "label_destinataire must be a date")):
        broken = MODEL.model_copy(update={"funding_request": funding.model_copy(update=changed)})
        with pytest.raises(GuideError, match=message):
            check_questions(broken, questions)
