"""What each role may do in a project; checked on the server for every command and button.

porteur (owner): everything. contributeur: everything but the team and the project's deletion.
partenaire: its own organisation's questions and the project's progress. lecteur: reads, answers nothing.
"""
from __future__ import annotations

from states.buttons import Action, decode
from states.events import Button

OWNER, CONTRIBUTOR, PARTNER, READER = "owner", "contributor", "partner", "reader"
ANSWERING = frozenset({OWNER, CONTRIBUTOR})
# Roles an invitation can give, in the order of the buttons (TEAM_INVITE's arg).
INVITED = (CONTRIBUTOR, PARTNER, READER, OWNER)
# TEAM_ROLE's codes: 0 removes the member from the project.
ROLE_CODES = {1: OWNER, 2: CONTRIBUTOR, 3: READER}
REMOVE = 0

_MANAGING = frozenset({Action.TEAM_INVITE, Action.TEAM_PARTNER, Action.TEAM_REVOKE, Action.TEAM_MEMBER,
                       Action.TEAM_ROLE, Action.PROJECT_DELETE, Action.PROJECT_RENAME, Action.REFERENTIAL_CHOOSE,
                       Action.REFERENTIAL_SWITCH})
_ANYONE = frozenset({Action.RESUME, Action.PROGRESS, Action.HELP, Action.MENU, Action.REMINDERS,
                     Action.REMINDER_KIND, Action.PROJECTS, Action.PROJECT_OPEN, Action.PROJECT_NEW,
                     Action.PROJECT_CANCEL, Action.PROJECT_LEAVE, Action.ERASE, Action.ERASE_CANCEL, Action.TEAM,
                     *Action.INVITATION})
_ACTIONS = {
    READER: _ANYONE | {Action.CHECKLIST, Action.BUDGET, Action.BUDGET_CHART, Action.DOSSIER,
                       Action.REMINDER_CALENDAR},
    PARTNER: _ANYONE | {Action.PICK, Action.TOGGLE, Action.VALIDATE, Action.SKIP, Action.DEFER, Action.BACK,
                        Action.NEXT, Action.EDIT, Action.DATE_KEEP, Action.KEEP, Action.CLEAR, Action.RESTORE},
}
_ANYONE_COMMANDS = frozenset({"start", "menu", "avancement", "rappels", "projets", "equipe", "aide"})
_COMMANDS = {
    READER: _ANYONE_COMMANDS | {"budget", "dossier", "conformite", "checklist", "passage"},
    PARTNER: _ANYONE_COMMANDS,
}


def allows_action(role: str, action: str) -> bool:
    if role == OWNER:
        return True
    if role == CONTRIBUTOR:
        return action not in _MANAGING
    return action in _ACTIONS.get(role, frozenset())


def usable(role: str, buttons: list[list[Button]]) -> list[list[Button]]:
    """The buttons this role may tap: the others are not shown (and refused if forged)."""
    if role == OWNER:
        return buttons
    rows = [[b for b in row if (p := decode(b.data)) is None or allows_action(role, p.action)] for row in buttons]
    return [row for row in rows if row]


def allows_command(role: str, name: str) -> bool:
    return role in ANSWERING or name in _COMMANDS.get(role, frozenset())
