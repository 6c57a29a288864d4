"""/equipe: the project's members and their roles, the invitation links, and the owner's changes to them."""
from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from zoneinfo import ZoneInfo

from dialogs.calendar import local_date
from dialogs.partners import Partners, partner_name
from dialogs.ui import UiTexts
from states.buttons import Action, shorten
from states.events import Button, Reply
from states.roles import ANSWERING, INVITED, OWNER, PARTNER, REMOVE, ROLE_CODES, allows_action
from store.team import VALID, InvitationRow, Member, Team


class TeamDesk:
    def __init__(self, team: Team, ui: UiTexts, partners: Partners,
                 partner_labels: tuple[Mapping[str, str], Mapping[str, str]], project: tuple[int, str],
                 user: tuple[int, str], role: str, values: Callable[[], dict],
                 button: Callable[..., Button], now: datetime, zone: ZoneInfo,
                 invite_link: Callable[[str], str] | None) -> None:
        """`partners`: those the project's rules offer; `partner_labels`: any rules', as a button and as a sentence
        names them ("CAF", "la CAF": a member may answer for one the project's rules no longer have); `project` and
        `user`: (id, name) each; `values`: the project's answers (which partners it chose); `invite_link`: a
        token's link, None where links cannot be opened (the terminal)."""
        self.team = team
        self.ui = ui
        self.partners = partners
        self.partner_labels, self.partner_names = partner_labels
        self.project_id, self.project_name = project
        self.user_id, self.user_name = user
        self.role = role
        self.values = values
        self.button = button
        self.now = now
        self.zone = zone
        self.invite_link = invite_link
        self.told: list[tuple[int, Reply]] = []  # what the members an owner's change concerns are told of it

    @property
    def managing(self) -> bool:
        return allows_action(self.role, Action.TEAM_INVITE)

    def role_label(self, role: str) -> str:
        return self.ui.roles.get(role, role)

    def partner_label(self, key: str | None) -> str | None:
        return partner_name(key, self.partner_labels, self.values())

    def partner_named(self, key: str | None) -> str | None:
        """"la CAF", as "partenaire pour …" says it."""
        return partner_name(key, self.partner_names, self.values())

    def summary(self, done: str | None = None, edit: bool = False) -> Reply:
        """The members, the links still waiting, and (for the owner) what can be changed."""
        members = self.team.members(self.project_id)
        waiting = self.team.waiting(self.project_id, self.now) if self.managing else []
        rows = []
        if self.managing:
            rows.append([self.button(self.ui.buttons.team_invite, Action.TEAM_INVITE)])
            rows += [[self.button(self.ui.buttons.team_member.format(name=shorten(m.name, 30)), Action.TEAM_MEMBER,
                                  m.user_id)] for m in members if m.user_id != self.user_id]
            rows += [[self.button(self.ui.buttons.team_revoke.format(number=number), Action.TEAM_REVOKE, i.id)]
                     for number, i in enumerate(waiting, start=1)]
        if len(members) > 1:  # alone, leaving is deleting the project
            rows.append([self.button(self.ui.buttons.project_leave, Action.PROJECT_LEAVE)])
        if self.managing:
            rows.append([self.button(self.ui.buttons.project_delete, Action.PROJECT_DELETE)])
        rows.append([self.button(self.ui.buttons.menu, Action.MENU)])
        return Reply("team", {"members": [self._member(m) for m in members],
                              "invitations": [self._invitation(i) for i in waiting],
                              "managing": self.managing, "done": done}, rows, edit=edit)

    def _last_owner(self, members: list[Member]) -> bool:
        return self.role == OWNER and [m.role for m in members].count(OWNER) == 1

    def leaving(self) -> Reply:
        """Leaving the project, asked first; the last owner is told to name another one, or to delete it."""
        members = self.team.members(self.project_id)
        last = self._last_owner(members)
        rows = [] if last else [[self.button(self.ui.buttons.project_leave_yes, Action.PROJECT_LEAVE, 1)]]
        rows.append([self.button(self.ui.buttons.team, Action.TEAM)])
        return Reply("project_leave_confirm", {"project": self.project_name, "last_owner": last,
                                               "alone": len(members) == 1,
                                               "wrote": self.team.wrote(self.project_id, self.user_id)}, rows)

    def leave(self, named: list[dict]) -> Reply | None:
        """The member who asked leaves; the others are told at once, with the answers that still name them
        (`named`: each one's prompt and stage). What the member is told; None for the last owner, who stays."""
        members = self.team.members(self.project_id)
        if self._last_owner(members):
            return None
        told = {"project": self.project_name, "name": self.user_name,
                "wrote": self.team.wrote(self.project_id, self.user_id)}
        self.told += [(m.user_id, Reply("team_member_left", told | {"named": named if m.role in ANSWERING else []}))
                      for m in members if m.user_id != self.user_id]
        self.team.remove(self.project_id, self.user_id)
        return Reply("project_left", told, edit=True)

    def _member(self, member: Member) -> dict:
        return {"name": member.name, "role": self.role_label(member.role), "you": member.user_id == self.user_id,
                "partner": self.partner_named(member.partner),
                "confirmed": local_date(member.confirmed_at, self.zone) if member.confirmed_at else None}

    def _invitation(self, invitation: InvitationRow) -> dict:
        return {"role": self.role_label(invitation.role), "partner": self.partner_named(invitation.partner),
                "expires": local_date(invitation.expires_at, self.zone)}

    def choose_role(self) -> Reply:
        """Which role the link gives."""
        if self.invite_link is None:
            return Reply("team_no_links", {}, [[self.button(self.ui.buttons.team, Action.TEAM)]])
        rows = [[self.button(self.ui.buttons.team_invite_as.format(role=self.role_label(role)), Action.TEAM_INVITE,
                             position)] for position, role in enumerate(INVITED)]
        rows.append([self.button(self.ui.buttons.team, Action.TEAM)])
        return Reply("team_invite_role", {}, rows)

    def invite(self, position: int) -> Reply | None:
        if self.invite_link is None or not 0 <= position < len(INVITED):
            return None
        role = INVITED[position]
        if role != PARTNER:
            return self._link(role, None)
        chosen = self.partners.chosen(self.values())
        rows = [[self.button(self.partner_label(p.key), Action.TEAM_PARTNER, self.partners.all.index(p))]
                for p in chosen]
        rows.append([self.button(self.ui.buttons.team, Action.TEAM)])
        return Reply("team_invite_partner", {"any": bool(chosen)}, rows)

    def invite_partner(self, position: int) -> Reply | None:
        if self.invite_link is None or not 0 <= position < len(self.partners.all):
            return None
        partner = self.partners.all[position]
        if partner not in self.partners.chosen(self.values()):
            return None  # only an organisation the project chose
        return self._link(PARTNER, partner.key)

    def _link(self, role: str, partner: str | None) -> Reply:
        token, invitation = self.team.invite(self.project_id, role, partner, self.user_id, self.now)
        return Reply("team_invitation", {
            "link": self.invite_link(token), "role": role, "role_label": self.role_label(role),
            "partner": self.partner_named(partner), "expires": local_date(invitation.expires_at, self.zone),
        }, [[self.button(self.ui.buttons.team, Action.TEAM)]], secret=True)

    def revoke(self, invitation_id: int) -> Reply | None:
        invitation = self.team.get(invitation_id)
        if invitation is None or invitation.project_id != self.project_id:
            return None
        if invitation.state(self.now) == VALID:
            self.team.revoke(invitation_id, self.now)
        return self.summary(done="revoked")

    def member(self, user_id: int) -> Reply | None:
        """One member, and the roles the owner can give them."""
        member = self.team.member(self.project_id, user_id)
        if member is None or user_id == self.user_id:
            return None
        rows = [[self.button(self.ui.buttons.team_set_role.format(role=self.role_label(role)), Action.TEAM_ROLE,
                             user_id * 8 + code)] for code, role in ROLE_CODES.items() if role != member.role]
        rows.append([self.button(self.ui.buttons.team_remove, Action.TEAM_ROLE, user_id * 8 + REMOVE)])
        rows.append([self.button(self.ui.buttons.team, Action.TEAM)])
        return Reply("team_member", self._member(member), rows)

    def change(self, arg: int) -> Reply | None:
        """A new role for a member, or their removal from the project; never one's own (the owner stays)."""
        user_id, code = divmod(arg, 8)
        member = self.team.member(self.project_id, user_id)
        if member is None or user_id == self.user_id or (code != REMOVE and code not in ROLE_CODES):
            return None
        told = {"project": self.project_name, "by": self.user_name}
        if code == REMOVE:
            self.team.remove(self.project_id, user_id)
            self.told.append((user_id, Reply("team_left", told)))
            return self.summary(done="removed")
        role = ROLE_CODES[code]
        if role != member.role:
            self.team.set_role(self.project_id, user_id, role)
            self.told.append((user_id, Reply("team_new_role", {**told, "role": role,
                                                               "role_label": self.role_label(role)})))
        return self.summary(done="changed")

