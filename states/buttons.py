"""Callback payloads: short, opaque, and checked on the way back in (they carry no trust)."""
from __future__ import annotations

from dataclasses import dataclass

MAX_BYTES = 64


class Action:
    PICK = "o"       # single choice or yes/no: arg is the option's position
    TOGGLE = "t"     # multiple choice: arg is the option's position
    VALIDATE = "v"
    SKIP = "s"
    DEFER = "d"
    BACK = "b"
    NEXT = "n"       # from a step's recap
    EDIT = "e"       # from a step's recap: arg is the question's position in the step
    RESUME = "c"
    PROGRESS = "p"
    HELP = "h"
    MENU = "m"
    GOTO = "g"       # arg is the stage's position
    FIX = "f"        # arg is the check's position in the guide: open the step that fixes it
    ANSWER = "a"     # arg is the question's position in the guide: answer a deferred question now
    CHECKLIST = "l"  # arg is the stage's position: show that stage's checklist
    TICK = "k"       # arg is the checklist item's position in the guide: tick or untick it by hand
    TICK_ALL = "ka"  # arg is the stage's position: tick every item of its checklist by hand, or untick them all
    BUDGET = "u"           # the budget summary
    BUDGET_ADD = "+"       # arg: 0 investment charge, 1 operating charge, 2 resource
    BUDGET_CATEGORY = "y"  # arg is the category's position in budget.yaml
    BUDGET_USE = "z"       # arg: 0 investment, 1 operating
    BUDGET_LINES = "w"
    BUDGET_LINE = "x"      # arg is the line's key
    BUDGET_AMOUNT = "q"    # arg is the line's key
    BUDGET_LABEL = "r"     # arg is the line's key
    BUDGET_REMOVE = "j"    # arg is the line's key
    BUDGET_CANCEL = "C"
    BUDGET_CHART = "G"
    BUDGET_YEAR = "by"     # type the budget's year, from the summary (two letters: the single ones are taken)
    DOSSIER = "D"          # arg: 0 the final dossier, 1 a draft
    REMINDERS = "R"        # the /rappels screen
    REMINDER_KIND = "T"    # arg: 2 x the kind's position in reminders.yaml, + 1 to switch it on
    REMINDER_DATE = "E"    # type a new committee date
    REMINDER_HELD = "H"    # arg: the committee date (proleptic ordinal); it took place
    REMINDER_NOT_HELD = "N"  # arg: the committee date (proleptic ordinal); it did not
    REMINDER_CALENDAR = "I"  # the committee's calendar file again
    REMINDER_CANCEL = "X"  # stop typing a date
    KEEP = "K"             # the answer shown stays: a recalled question's is still true, a reopened one's unchanged
    CLEAR = "ca"           # a reopened optional question's answer is taken back: the question is passed
    DATE_KEEP = "Y"        # arg: the typed date (proleptic ordinal), confirmed although past or future
    PROJECTS = "P"         # the /projets screen
    PROJECT_OPEN = "O"     # arg is the project's id; the user must be a member of it
    PROJECT_NEW = "W"      # ask the new project's name
    PROJECT_CANCEL = "V"   # no new project after all
    ERASE = "Z"            # /supprimer confirmed: erase the user who taps it (never anyone else)
    ERASE_CANCEL = "U"     # /supprimer: keep everything
    TEAM = "A"             # the /equipe screen
    TEAM_INVITE = "B"      # no arg: choose the role; arg: the role's position in states.roles.INVITED
    TEAM_PARTNER = "F"     # arg: the partner's position in dialogs.partners: invite someone for it
    TEAM_REVOKE = "J"      # arg: the invitation's id (of this project, checked)
    TEAM_MEMBER = "L"      # arg: the member's user id (of this project, checked)
    TEAM_ROLE = "M"        # arg: user id x 8 + the new role's code in states.roles.ROLE_CODES (0: remove)
    INVITE_ACCEPT = "Q"    # arg: the invitation's id; only the person it was shown to can accept it
    INVITE_DECLINE = "S"   # arg: the invitation's id
    PROJECT_DELETE = "i"   # no arg: ask; arg 1: delete the project and everything in it
    PROJECT_LEAVE = "pl"   # no arg: ask; arg 1: the member who taps it leaves the project (never anyone else)
    # One letter each is taken: the referentials' actions have two.
    REFERENTIAL_CHOOSE = "rc"  # arg: the referential's position in dialogs/referentials/: the project follows it
    REFERENTIAL_SWITCH = "rs"  # arg: the referential's position: what would change, before choosing it
    PASSAGE_FIX = "pf"         # arg: a check's position in the next referential's guide: open its step
    DEFER_PARTNER = "dp"       # the questions about the partner asked now, not answered yet: all left for later
    PROJECT_RENAME = "pn"      # ask the current project's new name
    BUDGET_REPLACE = "br"      # arg is the line's key: the line typed like it replaces its amount
    BUDGET_BESIDE = "bb"       # the line typed like another is added beside it
    BUDGET_RECATEGORY = "bk"   # arg is the line's key: choose another category for it
    BUDGET_MOVE = "bm"         # arg is the category's position in budget.yaml: the line being changed goes there
    RESTORE = "ra"             # arg is the question's position in the guide: its version before this one, back

    # Steps of entering a budget line: they keep the line being typed.
    BUDGET_FLOW = frozenset({BUDGET_ADD, BUDGET_CATEGORY, BUDGET_USE, BUDGET_LINE, BUDGET_AMOUNT, BUDGET_LABEL,
                             BUDGET_REMOVE, BUDGET_CANCEL, BUDGET_REPLACE, BUDGET_BESIDE, BUDGET_RECATEGORY,
                             BUDGET_MOVE})

    # Navigation that is valid from any old message; the others need the current revision.
    TIMELESS = frozenset({RESUME, PROGRESS, HELP, MENU, GOTO, FIX, ANSWER, CHECKLIST, BUDGET, BUDGET_ADD,
                          BUDGET_LINES, BUDGET_LINE, BUDGET_CANCEL, BUDGET_CHART, BUDGET_YEAR, DOSSIER, REMINDERS,
                          REMINDER_KIND, REMINDER_DATE, REMINDER_HELD, REMINDER_NOT_HELD, REMINDER_CALENDAR,
                          REMINDER_CANCEL, PROJECTS, PROJECT_OPEN, PROJECT_NEW, PROJECT_CANCEL, ERASE,
                          ERASE_CANCEL, TEAM, TEAM_INVITE, TEAM_PARTNER, TEAM_REVOKE, TEAM_MEMBER, TEAM_ROLE,
                          INVITE_ACCEPT, INVITE_DECLINE, PROJECT_DELETE, PROJECT_LEAVE, REFERENTIAL_SWITCH,
                          PASSAGE_FIX, PROJECT_RENAME})
    # A question's own buttons: they carry its position, and act while it is the one the member is asked, whatever
    # a teammate did elsewhere in the project meanwhile.
    AT_QUESTION = frozenset({PICK, TOGGLE, VALIDATE, SKIP, DEFER, BACK, KEEP, CLEAR, DEFER_PARTNER})
    # Answers to an invitation: they come before the invitee belongs to the project (payload project 0).
    INVITATION = frozenset({INVITE_ACCEPT, INVITE_DECLINE})
    # What may be tapped while a new project still waits for its territory.
    PROJECT_FLOW = frozenset({PROJECTS, PROJECT_OPEN, PROJECT_NEW, PROJECT_CANCEL})


@dataclass(frozen=True)
class Payload:
    project_id: int
    revision: int | None
    action: str
    arg: int | None = None
    question: int | None = None  # the position in the guide of the question a button of its screen acts on

    def encode(self) -> str:
        revision = "" if self.revision is None else str(self.revision)
        arg = "" if self.arg is None else str(self.arg)
        data = f"{self.project_id}:{revision}:{self.action}:{arg}"
        if self.question is not None:
            data += f":{self.question}"
        assert len(data.encode()) <= MAX_BYTES
        return data


def decode(data: str) -> Payload | None:
    """The payload, or None for anything this bot did not produce."""
    parts = data.split(":")
    if len(parts) not in (4, 5) or len(data) > MAX_BYTES:
        return None
    project, revision, action, arg, *question = parts
    try:
        return Payload(int(project), int(revision) if revision else None, action, int(arg) if arg else None,
                       int(question[0]) if question else None)
    except ValueError:
        return None


def shorten(name: str, limit: int = 40) -> str:
    """A name that fits on a button."""
    return name if len(name) <= limit else name[:limit - 1].rstrip() + "…"
