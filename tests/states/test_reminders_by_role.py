"""Reminders by role: each member gets the kinds reminders.yaml gives their role, and the committee's questions go
only to those who can answer them."""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import get_args

import pytest
import yaml
from pydantic import ValidationError
from sqlalchemy import text, update

from dialogs.reminder_model import REMINDERS_FILE, Role, load_reminder_model
from states.reminder_plan import Facts, Planner
from store.models import ROLES, Membership
from store.reminders import ReminderStore
from store.repo import Repository
from tests.support.clock import PARIS, paris
from tests.support.members import add_member

MODEL = load_reminder_model()
PLANNER = Planner(MODEL, PARIS)
COMMITTEE = date(2028, 6, 13)
OWNER, CONTRIBUTOR, PARTNER, READER = 1, 2, 3, 4
BEFORE_COMMITTEE = {"committee_30", "committee_7", "committee_1"}
ANSWERING = BEFORE_COMMITTEE | {"activity_report", "committee_followup", "funding_request", "nudge"}


def test_the_roles_of_the_calendar_are_the_roles_of_the_store():
    assert get_args(Role) == ROLES


def write(tmp_path: Path, change) -> Path:
    data = yaml.safe_load(REMINDERS_FILE.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "reminders.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize("change", [
    lambda d: d["kinds"][4].update(roles=["owner", "porteur"]),        # not a role
    lambda d: d["kinds"][4].update(roles=[]),                          # nobody
    lambda d: d["kinds"][4].update(roles=["owner", "owner"]),          # twice
    lambda d: d["kinds"][4].pop("roles"),                              # unsaid
    lambda d: d["committee"].update(questions_to=["owner", "boss"]),
    lambda d: d["kinds"][0].update(roles=["owner"]),                   # asked about a committee it never hears of
])
def test_a_calendar_with_wrong_roles_is_refused_at_start_up(tmp_path, change):
    with pytest.raises(ValidationError):
        load_reminder_model(write(tmp_path, change))


@pytest.fixture
def project(database) -> int:
    with database.begin() as connection:
        repo = Repository(connection)
        _, created = repo.create_project(repo.user(OWNER, "Claire Morel"), "Maison", "msap", "2016", "chef_de_projet")
        add_member(connection, created.id, CONTRIBUTOR, "Marc Vidal", "contributor")
        add_member(connection, created.id, PARTNER, "Pierre Durand", "partner", partner="part_operateurs:caf")
        add_member(connection, created.id, READER, "Anne Lambert", "reader")
        return created.id


def sync(database, project_id: int, facts: Facts, now: str) -> None:
    with database.begin() as connection:
        PLANNER.sync(ReminderStore(connection), project_id, facts, paris(now))


def waiting(database, user_id: int) -> set[str]:
    with database.connect() as connection:
        return set(connection.execute(text("SELECT kind FROM reminder WHERE user_id = :u AND status = 'pending'"),
                                      {"u": user_id}).scalars())


def test_committee_reminders_reach_everyone_the_rest_owner_and_contributors(database, project):
    sync(database, project, Facts(COMMITTEE, None, None, finished=False), "2027-11-27 10:00")
    assert waiting(database, OWNER) == ANSWERING
    assert waiting(database, CONTRIBUTOR) == ANSWERING
    # No nudge, no funding request, no activity report, no "le comité a-t-il eu lieu ?": they cannot answer it.
    assert waiting(database, PARTNER) == BEFORE_COMMITTEE
    assert waiting(database, READER) == BEFORE_COMMITTEE


def test_the_question_of_the_date_goes_only_to_who_can_answer(database, project):
    sync(database, project, Facts(None, None, date(2027, 1, 5), finished=False), "2027-11-27 10:00")
    for user_id in (OWNER, CONTRIBUTOR):
        assert "committee_ask_date" in waiting(database, user_id)
    assert waiting(database, PARTNER) == set() and waiting(database, READER) == set()


def test_a_member_whose_role_changes_loses_what_no_longer_concerns_them(database, project):
    sync(database, project, Facts(COMMITTEE, None, None, finished=False), "2027-11-27 10:00")
    with database.begin() as connection:
        connection.execute(update(Membership).where(Membership.user_id == CONTRIBUTOR).values(role="reader"))
    sync(database, project, Facts(COMMITTEE, None, None, finished=False), "2027-11-28 10:00")
    assert waiting(database, CONTRIBUTOR) == BEFORE_COMMITTEE


def test_a_kind_not_for_the_role_stays_off_whatever_the_settings_say(database, project):
    with database.begin() as connection:
        connection.execute(update(Membership).where(Membership.user_id == READER)
                           .values(reminder_settings={"nudge": True, "digest": True}))
    sync(database, project, Facts(COMMITTEE, None, None, finished=False), "2027-11-27 10:00")
    assert waiting(database, READER) == BEFORE_COMMITTEE
    enabled = PLANNER.enabled({"nudge": True, "digest": True}, "reader")
    assert not enabled["nudge"] and not enabled["digest"] and enabled["committee"] and enabled["team"]
