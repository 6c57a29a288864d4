"""Erasing a user removes the Telegram traffic of their chat too: raw updates carry their name and words."""
from __future__ import annotations

from sqlalchemy import func, select

from store.inbox import Inbox
from store.models import OutgoingMessage, ReceivedUpdate
from store.outbox import write
from store.personal import erase_user
from store.repo import Repository


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
