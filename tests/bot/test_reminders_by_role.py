"""/rappels by role, through the real application: each member sees and switches only the kinds their role gets,
and a team message's own button switches the team's news off."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.app import REMINDERS
from states.buttons import Action, Payload
from store.models import Membership, Project
from store.team_news import STAGE_DONE
from tests.support.members import add_member
from tests.support.telegram import ChatClient, MSAP_RULES

OWNER_KINDS = ["Comité de pilotage", "Rapport d'activité", "Demande de subvention", "Récapitulatif hebdomadaire",
               "Relance sans nouvelles", "Nouvelles de l'équipe"]


async def team_of_two(services, application, api, role: str) -> tuple[ChatClient, ChatClient, int]:
    owner = ChatClient(application, api, user_id=1001, first_name="Claire", last_name="Morel")
    await owner.send("/start")
    await owner.send("MSAP du Lévézou")
    await owner.send("Lévézou")
    await owner.click(MSAP_RULES)
    with services.database.begin() as connection:
        project_id = connection.execute(select(Project.id)).scalar_one()
        partner = "part_operateurs:caf" if role == "partner" else None
        add_member(connection, project_id, 2002, "Anne Lambert", role, partner=partner)
    return owner, ChatClient(application, api, user_id=2002, first_name="Anne", last_name="Lambert"), project_id


def kind_buttons(reply) -> list[str]:
    return [label.split(" ", 1)[1] for label in reply.labels if label.startswith(("⏸ ", "▶️ "))]


def settings(services, user_id: int) -> dict | None:
    with services.database.connect() as connection:
        return connection.execute(select(Membership.reminder_settings).where(Membership.user_id == user_id)
                                  ).scalar_one()


async def test_each_role_sees_its_own_kinds_in_rappels(services, application, api):
    owner, reader, _ = await team_of_two(services, application, api, "reader")
    mine = (await owner.send("/rappels"))[0]
    assert kind_buttons(mine) == OWNER_KINDS
    assert "Fixer la date du comité" in " ".join(mine.labels)

    theirs = (await reader.send("/rappels"))[0]
    assert kind_buttons(theirs) == ["Comité de pilotage", "Nouvelles de l'équipe"]
    assert "Fixer la date du comité" not in " ".join(theirs.labels)  # they cannot answer it
    listed = theirs.text.split("Vos rappels")[1]
    assert "Comité de pilotage" in listed and "Nouvelles de l'équipe" in listed
    assert "Relance" not in listed and "Rapport d'activité" not in listed


@pytest.mark.parametrize("role", ["partner", "reader"])
async def test_a_forged_switch_of_a_kind_not_for_the_role_is_a_stale_button(services, application, api, role):
    _, member, project_id = await team_of_two(services, application, api, role)
    await member.send("/rappels")
    nudge = [k.id for k in services.engine.reminders.kinds].index("nudge")
    message = api.messages[member.last().message_id]
    for arg in (2 * nudge + 1, 2 * nudge):  # on, then off: neither is theirs to set
        await member.deliver(member.press_update(message, Payload(project_id, None, Action.REMINDER_KIND,
                                                                    arg).encode()))
        assert api.toasts()[-1] == services.ui.notices.stale
    assert settings(services, 2002) is None
    replies = await member.click("⏸ Nouvelles de l'équipe")
    assert "les rappels « Nouvelles de l'équipe » sont en pause" in replies[0].text
    assert settings(services, 2002) == {"team": False}


async def test_the_team_message_has_its_own_switch_off(services, application, api):
    owner, reader, project_id = await team_of_two(services, application, api, "reader")
    with services.database.begin() as connection:
        services.engine.planner.tell_team(connection, project_id, 1001, STAGE_DONE, {"stage": 1},
                                          services.engine.clock())
    since = len(api.calls)
    await application.bot_data[REMINDERS].run_once(application.bot)
    (news,) = api.sent(since)
    assert news.chat_id == 2002 and "Étape 1 terminée" in news.text and "(Claire Morel, 10 h)" in news.text
    replies = await reader.click("⏸ Nouvelles de l'équipe")
    assert "sont en pause" in replies[0].text
    assert settings(services, 2002) == {"team": False}
