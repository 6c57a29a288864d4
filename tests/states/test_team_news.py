"""Team news: what a member did reaches the other members in one short message, at most one an hour, through the
real queue, notes and templates, on SQLite and PostgreSQL."""
from __future__ import annotations

import pytest
from sqlalchemy import select, text, update

from bot.render import Renderer, to_plain_text
from dialogs.budget_model import load_budget_model
from dialogs.loader import load_guide
from dialogs.referentials import load_referentials, partner_labels
from dialogs.reminder_model import load_reminder_model
from dialogs.ui import load_ui
from states.buttons import Action, decode
from states.reminder_notes import ReminderNotes
from states.reminder_plan import Facts, Planner
from states.reminder_queue import DELAYED, ReminderQueue, Result
from store.models import Membership, Reminder
from store.personal import erase_user
from store.reminders import ReminderStore
from store.repo import Repository
from store.team_news import CONFIRMED, JOINED, REFERENTIAL, REQUIREMENT, STAGE_DONE
from tests.store.conftest import database, database_url, postgres_url, sqlite_url  # noqa: F401 (fixtures)
from tests.support.clock import PARIS, FrozenClock, paris
from tests.support.members import add_member
from tests.support.telegram import as_seen

MODEL = load_reminder_model()
PLANNER = Planner(MODEL, PARIS)
NOTES = ReminderNotes(load_guide(), MODEL, load_ui(),
                      partner_labels(load_referentials(load_budget_model())), ["FNADT", "fonds inter-opérateurs"])
RENDERER = Renderer()
OWNER, CONTRIBUTOR, PARTNER, READER = 1, 2, 3, 4
HEADING = "👥 Nouvelles de l'équipe : MSAP du Lévézou"
STAGE_2 = "🏁 Étape 2 terminée : Monter le partenariat avec les opérateurs et les acteurs locaux"
OPERATORS_MET = "✅ Exigence · Au moins deux opérateurs partenaires : respectée"
REFERENTS_NOT_MET = "❌ Exigence · Un référent interne désigné par chaque opérateur : non respectée"
CAF_CONFIRMED = "🤝 Partie « CAF » confirmée"


class Team:
    """A project of four members, the clock, and the reminder queue as the dispatcher runs it."""

    def __init__(self, database) -> None:
        self.database = database
        self.clock = FrozenClock("2027-11-27 10:00")
        self.queue = ReminderQueue(database, NOTES, PLANNER, self.clock)
        with database.begin() as connection:
            repo = Repository(connection)
            _, project = repo.create_project(repo.user(OWNER, "Claire Morel"), "MSAP du Lévézou", "msap", "2016",
                                             "chef_de_projet")
            add_member(connection, project.id, CONTRIBUTOR, "Marc <b>Vidal</b>", "contributor")
            add_member(connection, project.id, PARTNER, "Pierre Durand", "partner", partner="part_operateurs:caf")
            add_member(connection, project.id, READER, "Anne Lambert", "reader")
        self.project_id = project.id

    def tell(self, actor: int, kind: str, details: dict, local: str, project_id: int | None = None) -> None:
        """What the engine does in the unit of work of the actor's change."""
        self.clock.set(local)
        with self.database.begin() as connection:
            PLANNER.tell_team(connection, project_id or self.project_id, actor, kind, details, self.clock.now)

    def deliver(self, local: str) -> dict[int, list]:
        """Run the dispatcher at `local`: what each member receives, sent successfully."""
        self.clock.set(local)
        batch = self.queue.claim()
        for delivery in batch.deliveries:
            self.queue.sent(delivery)
        received: dict[int, list] = {}
        for delivery in batch.deliveries:
            received.setdefault(delivery.chat_id, []).append(delivery.reply)
        return received

    def texts(self, local: str) -> dict[int, str]:
        return {chat: "\n\n".join(as_seen(to_plain_text(RENDERER.html(reply))) for reply in replies)
                for chat, replies in self.deliver(local).items()}

    def team_rows(self, user_id: int) -> list[tuple[str, str]]:
        with self.database.connect() as connection:
            rows = connection.execute(select(Reminder.status, Reminder.due_at).where(
                Reminder.user_id == user_id, Reminder.kind == "team").order_by(Reminder.id)).all()
        return [(status, str(due)[:19]) for status, due in rows]


@pytest.fixture
def team(database) -> Team:  # noqa: F811
    return Team(database)


def test_a_stage_completed_and_a_rule_met_make_one_message_to_each_other_member(team):
    team.tell(OWNER, STAGE_DONE, {"stage": 2}, "2027-11-27 10:00")
    team.tell(OWNER, REQUIREMENT, {"check": "part_check_operateurs", "state": "met"}, "2027-11-27 10:00")
    received = team.deliver("2027-11-27 10:00")
    assert sorted(received) == [CONTRIBUTOR, PARTNER, READER]  # the actor never hears of their own events
    (reply,) = received[READER]
    assert as_seen(to_plain_text(RENDERER.html(reply))) == (
        f"{HEADING}\n{STAGE_2} (Claire Morel, 10 h)\n{OPERATORS_MET} (Claire Morel, 10 h)")
    labels = [button.label for row in reply.buttons for button in row]
    assert labels == ["📊 Avancement", "⏸ Nouvelles de l'équipe"]
    stop = decode(reply.buttons[1][0].data)
    assert (stop.project_id, stop.action, stop.arg) == (team.project_id, Action.REMINDER_KIND,
                                                        2 * [k.id for k in MODEL.kinds].index("team"))
    assert team.deliver("2027-11-27 10:05") == {}  # told once


def test_news_after_a_message_wait_an_hour_after_it_and_go_together(team):
    team.tell(OWNER, STAGE_DONE, {"stage": 2}, "2027-11-27 10:00")
    assert sorted(team.texts("2027-11-27 10:00:30")) == [CONTRIBUTOR, PARTNER, READER]

    team.tell(OWNER, REQUIREMENT, {"check": "part_check_referents", "state": "not_met"}, "2027-11-27 10:10:30")
    assert team.team_rows(READER)[-1] == ("pending", str(paris("2027-11-27 11:00:30"))[:19])  # not before
    team.tell(PARTNER, CONFIRMED, {"partner": "part_operateurs:caf"}, "2027-11-27 10:40")
    # The owner had no message this hour: the partner's confirmation reaches them at once, with its time.
    assert team.texts("2027-11-27 10:40") == {OWNER: f"{HEADING}\n{CAF_CONFIRMED} (Pierre Durand, 10 h 40)"}
    assert team.deliver("2027-11-27 11:00:29") == {}

    texts = team.texts("2027-11-27 11:00:30")
    both = f"{HEADING}\n{REFERENTS_NOT_MET} (Claire Morel, 10 h 10)\n{CAF_CONFIRMED} (Pierre Durand, 10 h 40)"
    assert texts[CONTRIBUTOR] == both and texts[READER] == both
    assert texts[PARTNER] == f"{HEADING}\n{REFERENTS_NOT_MET} (Claire Morel, 10 h 10)"  # not their own
    assert OWNER not in texts


def test_names_are_text_and_a_rule_changed_twice_is_told_as_it_stands(team):
    team.tell(CONTRIBUTOR, REQUIREMENT, {"check": "part_check_operateurs", "state": "met"}, "2027-11-27 10:00")
    team.tell(CONTRIBUTOR, REQUIREMENT, {"check": "part_check_operateurs", "state": "pending"}, "2027-11-27 10:01")
    (reply,) = team.deliver("2027-11-27 10:02")[OWNER]
    markup = RENDERER.html(reply)
    assert "Marc &lt;b&gt;Vidal&lt;/b&gt;" in markup  # autoescaped: a name is never markup
    assert to_plain_text(markup) == (f"{HEADING}\n⏳ Exigence · Au moins deux opérateurs partenaires : "
                                     "à renseigner (Marc <b>Vidal</b>, 10 h 01)")


def test_a_member_who_switched_the_news_off_gets_none(team):
    team.tell(OWNER, STAGE_DONE, {"stage": 1}, "2027-11-27 10:00")
    assert team.team_rows(CONTRIBUTOR) == [("pending", str(paris("2027-11-27 10:00"))[:19])]
    # "⏸ Nouvelles de l'équipe" saves the setting, then plans again: the waiting message goes.
    with team.database.begin() as connection:
        connection.execute(update(Membership).where(Membership.user_id == CONTRIBUTOR)
                           .values(reminder_settings={"team": False}))
        PLANNER.sync(ReminderStore(connection), team.project_id, Facts(None, None, None, False), team.clock.now)
    assert team.team_rows(CONTRIBUTOR) == [("cancelled", str(paris("2027-11-27 10:00"))[:19])]
    team.tell(OWNER, STAGE_DONE, {"stage": 2}, "2027-11-27 12:00")
    assert team.team_rows(CONTRIBUTOR)[-1][0] == "cancelled"  # nothing new planned
    assert CONTRIBUTOR not in team.deliver("2027-11-27 12:00")


def test_an_erased_actor_is_a_former_member(team):
    team.tell(CONTRIBUTOR, STAGE_DONE, {"stage": 3}, "2027-11-27 10:00")
    with team.database.begin() as connection:
        erase_user(connection, CONTRIBUTOR)
    texts = team.texts("2027-11-27 10:01")
    assert texts[OWNER] == f"{HEADING}\n🏁 Étape 3 terminée : Définir le portage (ancien membre, 10 h)"
    assert CONTRIBUTOR not in texts


def test_a_member_who_blocked_the_bot_finds_the_news_when_back_dated(team):
    with team.database.begin() as connection:
        ReminderStore(connection).block_user(READER, paris("2027-11-26 18:00"))
    team.tell(OWNER, STAGE_DONE, {"stage": 2}, "2027-11-27 10:00")
    assert team.team_rows(READER) == [("blocked", str(paris("2027-11-27 10:00"))[:19])]
    assert READER not in team.deliver("2027-11-27 10:00")
    with team.database.begin() as connection:
        ReminderStore(connection).resume_user(READER)
    assert team.texts("2027-11-28 09:00")[READER] == f"{HEADING}\n{STAGE_2} (Claire Morel, 27 novembre 2027, 10 h)"


def test_nothing_left_to_tell_sends_nothing(team):
    team.tell(OWNER, REQUIREMENT, {"check": "a_rule_gone_from_the_guide", "state": "met"}, "2027-11-27 10:00")
    assert team.deliver("2027-11-27 10:00") == {}
    assert team.team_rows(READER) == [("skipped", str(paris("2027-11-27 10:00"))[:19])]


def test_a_message_sent_again_after_a_flood_wait_does_not_take_the_next_ones_news(team):
    team.tell(OWNER, STAGE_DONE, {"stage": 1}, "2027-11-27 10:00")
    team.clock.set("2027-11-27 10:00")
    batch = team.queue.claim()
    first = next(d for d in batch.deliveries if d.chat_id == READER)
    # Claimed, not yet sent: the next event starts the next message.
    team.tell(OWNER, STAGE_DONE, {"stage": 2}, "2027-11-27 10:00:10")
    team.clock.set("2027-11-27 10:00:20")
    team.queue.record([Result(first, DELAYED, "429", retry_at=paris("2027-11-27 10:01"))])
    again = team.texts("2027-11-27 10:01")[READER]
    assert "Étape 1 terminée" in again and "Étape 2" not in again
    later = team.texts("2027-11-27 11:01")[READER]
    assert "Étape 2 terminée" in later and "Étape 1" not in later


def test_one_message_an_hour_whatever_the_project(team):
    with team.database.begin() as connection:
        repo = Repository(connection)
        _, other = repo.create_project(repo.user(5, "Luc Bru"), "MSAP du Ségala", "msap", "2016", "chef_de_projet")
        connection.execute(text("INSERT INTO membership (user_id, project_id, role, created_at) "
                                "VALUES (:u, :p, 'reader', :t)"), {"u": READER, "p": other.id, "t": team.clock.now})
    team.tell(OWNER, STAGE_DONE, {"stage": 1}, "2027-11-27 10:00")
    team.tell(5, STAGE_DONE, {"stage": 1}, "2027-11-27 10:05", project_id=other.id)
    assert [due for _, due in team.team_rows(READER)] == [str(paris("2027-11-27 10:00"))[:19],
                                                          str(paris("2027-11-27 11:00"))[:19]]


def test_a_newcomer_is_announced_with_their_role(team):
    team.tell(PARTNER, JOINED, {"role": "partner", "partner": "part_operateurs:caf"}, "2027-11-27 10:00")
    team.tell(READER, JOINED, {"role": "reader", "partner": None}, "2027-11-27 10:02")
    texts = team.texts("2027-11-27 10:05")
    assert texts[OWNER] == (f"{HEADING}\n👋 Nouveau membre : partenaire pour CAF (Pierre Durand, 10 h)\n"
                            "👋 Nouveau membre : lecteur (Anne Lambert, 10 h 02)")
    assert texts[READER] == f"{HEADING}\n👋 Nouveau membre : partenaire pour CAF (Pierre Durand, 10 h)"


def test_rules_switched_back_and_forth_are_told_as_they_stand(team):
    fs, msap = "France services", "Maison de services au public"
    team.tell(OWNER, REFERENTIAL, {"before": msap, "after": fs}, "2027-11-27 10:00")
    team.tell(OWNER, REFERENTIAL, {"before": fs, "after": msap}, "2027-11-27 10:03")
    assert team.texts("2027-11-27 10:05")[READER] == (
        f"{HEADING}\n⚖️ Le projet suit désormais les règles « {msap} », au lieu de « {fs} » (Claire Morel, 10 h 03)")


def test_an_other_local_partner_is_told_by_the_name_it_was_confirmed_under(team):
    team.tell(PARTNER, CONFIRMED, {"partner": "part_acteurs_locaux:autre", "name": "Chambre d'agriculture du Lot"},
              "2027-11-27 10:40")
    assert team.texts("2027-11-27 10:40")[OWNER] == (
        f"{HEADING}\n🤝 Partie « Chambre d'agriculture du Lot » confirmée (Pierre Durand, 10 h 40)")
    team.tell(PARTNER, CONFIRMED, {"partner": "part_acteurs_locaux:autre"}, "2027-11-27 12:00")  # stored before
    assert team.texts("2027-11-27 12:00")[OWNER] == f"{HEADING}\n🤝 Partie « Autre » confirmée (Pierre Durand, 12 h)"
