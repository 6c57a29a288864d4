"""Erasing a user: the Telegram traffic of their chat goes too (raw updates carry their name and words); a shared
project goes with its only owner when they ask, and is handed to its team when the erasure comes from silence."""
from __future__ import annotations

from sqlalchemy import func, select

from store.inbox import Inbox
from store.models import Membership, OutgoingMessage, Project, ReceivedUpdate
from store.outbox import write
from store.personal import erase_user, erasure_plan
from store.repo import Repository
from tests.support.members import add_member


def test_the_chat_s_stored_updates_and_messages_go_with_the_user(database):
    inbox = Inbox(database)
    inbox.receive(1, 4242, {"message": {"from": {"first_name": "Zéphirine"}, "text": "MSAP des Causses"}})
    inbox.receive(2, 5151, {"message": {"from": {"first_name": "Paul"}, "text": "MSAP du Ségala"}})
    with database.begin() as connection:
        repo = Repository(connection)
        repo.create_project(repo.user(4242, "Zéphirine"), "MSAP des Causses", "msap", "2016", "start")
        write(connection, 4242, 1, [{"kind": "text", "html": "Bonjour Zéphirine"}])
        write(connection, 5151, 2, [{"kind": "text", "html": "Bonjour Paul"}])
    with database.begin() as connection:
        plan = erase_user(connection, 4242)
    assert plan.erased == ["MSAP des Causses"] and plan.kept == []
    with database.connect() as connection:
        assert connection.execute(select(ReceivedUpdate.chat_id)).scalars().all() == [5151]
        assert connection.execute(select(OutgoingMessage.chat_id)).scalars().all() == [5151]
        assert connection.execute(select(func.count()).select_from(ReceivedUpdate)).scalar_one() == 1


def _team(database, members: list[tuple[int, str, str]]) -> int:
    """A project of Octave (1, owner) and the given members (id, name, role), joined in this order."""
    with database.begin() as connection:
        repo = Repository(connection)
        _, project = repo.create_project(repo.user(1, "Octave"), "MSAP des Causses", "msap", "2016", "start")
        for user_id, name, role in members:
            add_member(connection, project.id, user_id, name, role,
                       partner="part_operateurs:caf" if role == "partner" else None)
    return project.id


def _roles(database) -> dict[int, str]:
    with database.connect() as connection:
        return dict(connection.execute(select(Membership.user_id, Membership.role)).all())


def test_an_erasure_asked_by_nobody_hands_a_shared_project_to_a_contributor_first(database):
    project = _team(database, [(2, "Paul", "reader"), (3, "Nadia", "partner"), (4, "Claire", "contributor"),
                               (5, "Jean", "contributor")])
    with database.begin() as connection:
        plan = erase_user(connection, 1, hand_over=True)
    assert plan.heirs == [(4, project, "MSAP des Causses")]  # a contributor, the first to join, before readers and partners
    assert plan.erased == [] and plan.kept == ["MSAP des Causses"] and plan.bereft == []
    assert _roles(database) == {2: "reader", 3: "partner", 4: "owner", 5: "contributor"}


def test_a_partner_taking_over_leaves_its_organisation_and_a_lone_project_still_goes(database):
    project = _team(database, [(2, "Paul", "reader"), (3, "Nadia", "partner")])
    with database.begin() as connection:
        assert erase_user(connection, 1, hand_over=True).heirs == [(3, project, "MSAP des Causses")]
        assert erase_user(connection, 3, hand_over=True).heirs == [(2, project, "MSAP des Causses")]
    with database.connect() as connection:
        assert connection.execute(select(Membership.user_id, Membership.role, Membership.partner)).all() == [
            (2, "owner", None)]
    with database.begin() as connection:
        plan = erase_user(connection, 2, hand_over=True)
    assert plan.heirs == [] and plan.erased == ["MSAP des Causses"] and plan.bereft == []
    with database.connect() as connection:
        assert connection.execute(select(func.count()).select_from(Project)).scalar_one() == 0


def test_an_erasure_the_owner_asks_for_erases_the_shared_project_and_names_who_to_tell(database):
    _team(database, [(2, "Paul", "reader"), (4, "Claire", "contributor")])
    with database.begin() as connection:
        assert erasure_plan(connection, 1).bereft == [(2, "MSAP des Causses"), (4, "MSAP des Causses")]
        plan = erase_user(connection, 1)
    assert plan.heirs == [] and plan.erased == ["MSAP des Causses"]
    assert plan.bereft == [(2, "MSAP des Causses"), (4, "MSAP des Causses")]
    assert _roles(database) == {}
