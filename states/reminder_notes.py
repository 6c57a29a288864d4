"""What a due reminder says: one reply per reminder, or None when there is nothing to say."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any, Callable
from zoneinfo import ZoneInfo

from dialogs.calendar import local_date
from dialogs.loader import LoadedGuide
from dialogs.partners import Partners
from dialogs.reminder_model import (ACTIVITY_REPORT, ASK_DATE, DEADLINE, DIGEST, FOLLOWUP, FUNDING, NUDGE, TEAM,
                                    ReminderModel)
from dialogs.ui import UiTexts
from states.buttons import Action, Payload
from states.events import Button, Reply
from states.progress import ProjectView
from states.reminder_plan import Planner
from states.reports import Reports
from store.reminders import ReminderRow
from store.repo import StoredAnswer
from store.team_news import CONFIRMED, JOINED, REFERENTIAL, REQUIREMENT, STAGE_DONE, TeamEventRow

# Reminders whose text does not read the project's answers (the others name invitees, writers, questions).
NO_ANSWERS = {FOLLOWUP, ASK_DATE, TEAM}
# A rule's state in a team event, as the conformity screens name it (templates/messages/_rules.html.j2).
STATES = {"met": "satisfied", "not_met": "not_met", "pending": "pending"}


class ReminderNotes:
    def __init__(self, guide: LoadedGuide, model: ReminderModel, ui: UiTexts,
                 partner_labels: Mapping[str, str], funds: Sequence[str], partners: Partners | None = None) -> None:
        """`partner_labels`: every referential's organisations (dialogs.referentials.partner_labels); `funds`: what
        the labelling subsidy's one request groups (dialogs.budget.subsidy_funds); `partners`: the referential's,
        which the digest names a run of questions by."""
        self.guide = guide
        self.partners = partners
        self.funds = list(funds)
        self.partner_labels = partner_labels
        self.model = model
        self.ui = ui

    def needs_answers(self, row: ReminderRow) -> bool:
        return row.kind not in NO_ANSWERS

    def compose(self, row: ReminderRow, project: str, state: str, answers: dict[str, StoredAnswer] | None,
                now: datetime, calendar: Planner, news: list[TeamEventRow] | None = None) -> Reply | None:
        """`calendar`: the project's clock and holidays; `news`: for a team message, the events it tells
        (store.team_news.events_for)."""
        today = local_date(now, calendar.zone)
        button = _buttons(row.project_id)
        if row.kind == TEAM:
            return self.team(project, news or [], button, now, calendar.zone)
        common: dict[str, Any] = {"project": project}
        if row.event_date is not None:
            common.update(date=row.event_date, days_left=(row.event_date - today).days,
                          holiday=calendar.holidays.name(row.event_date))
        texts = self.ui.reminders
        rules = self.model.committee
        if row.kind == FOLLOWUP:
            ordinal = row.event_date.toordinal()
            return Reply("reminder_followup", common, [[button(texts.held_yes, Action.REMINDER_HELD, ordinal)],
                                                       [button(texts.held_no, Action.REMINDER_NOT_HELD, ordinal)]])
        if row.kind == ASK_DATE:
            return Reply("reminder_ask_date", {**common, "since": row.event_date},
                         [[button(texts.set_date, Action.REMINDER_DATE)], [button(texts.open, Action.REMINDERS)]])
        view = ProjectView(self.guide, answers or {})
        values = view.values
        if row.kind == FUNDING:
            labelled = values.get(self.model.labelling.decision_question) == self.model.labelling.granted_option
            return Reply("reminder_funding", {**common, "year": today.year, "fiche": self.model.funding_request.fiche,
                                              "funds": self.funds, "under_way": not labelled and values.get(
                                                  self.model.funding_request.running_question) is not True},
                         [[button(self.ui.budget.open, Action.BUDGET)], [button(texts.open, Action.REMINDERS)]])
        if row.kind == DEADLINE:
            funding = self.model.funding_request
            returned = funding.sent_back(values)
            return Reply("reminder_deadline", {**common, "funds": self.funds, "returned": returned,
                                               "asked": values.get(funding.returned_question) if returned else None},
                         [[button(self.ui.documents.draft, Action.DOSSIER, 1)], [button(texts.open, Action.REMINDERS)]])
        if row.kind == DIGEST:
            deferred = Reports(self.guide, self.ui, view, button, lambda: None, partners=self.partners).deferred()
            if not deferred.values["stages"]:
                return None
            return Reply("reminder_digest", {**common, **deferred.values}, deferred.buttons)
        if row.kind == NUDGE:
            stage = self.guide.stage_of_step.get(state)  # None once the guide is finished
            return Reply("reminder_nudge", {**common, "days": self.model.nudge.idle_days,
                                            "stage": stage.title if stage else None,
                                            "stage_order": stage.order if stage else None},
                         [[button(self.ui.buttons.resume, Action.RESUME)],
                          [button(texts.stop_nudge, Action.REMINDER_KIND, self.kind_arg(NUDGE, on=False))]])
        if row.kind == ACTIVITY_REPORT:
            report = self.model.activity_report
            return Reply("reminder_activity_report", {
                **common, "writer": values.get(report.writer_question),
                "expectations": values.get(report.expectations_question), "fiche": report.fiche,
            }, [[button(texts.open, Action.REMINDERS)]])
        return Reply("reminder_committee", {
            **common, "agenda": rules.agenda, "invite": rules.invite,
            "invited": view.chosen_labels(rules.invitees_question), "place": values.get(rules.place_question),
            "todo": rules.todo, "fiche": rules.fiche,
        }, [[button(texts.change_date, Action.REMINDER_DATE)], [button(texts.open, Action.REMINDERS)]])

    def team(self, project: str, news: list[TeamEventRow], button: Callable[..., Button], now: datetime,
             zone: ZoneInfo) -> Reply | None:
        """What the other members did; None when nothing is left to tell (a stage or rule gone from the guide)."""
        latest: dict[tuple, dict] = {}
        for event in news:  # oldest first: a rule changed twice in the hour is told once, as it stands, last
            told = self._team_line(event, now, zone)
            if told is not None:
                key, line = told
                latest.pop(key, None)
                latest[key] = line
        lines = list(latest.values())
        if not lines:
            return None
        shown = self.model.team.show
        label = self.model.label(TEAM)
        return Reply("reminder_team", {"project": project, "events": lines[:shown],
                                       "more": max(0, len(lines) - shown)},
                     [[button(self.ui.buttons.progress, Action.PROGRESS)],
                      [button(self.ui.reminders.pause.format(label=label), Action.REMINDER_KIND,
                              self.kind_arg(TEAM, on=False))]])

    def _team_line(self, event: TeamEventRow, now: datetime, zone: ZoneInfo) -> tuple[tuple, dict] | None:
        """What the event is about, and the event as the template shows it; None for what the guide no longer has."""
        when = event.created_at.astimezone(zone)
        common = {"kind": event.kind, "actor": event.actor if event.user_id is not None else None,
                  "day": when.date(), "minutes": when.hour * 60 + when.minute,
                  "today": when.date() == local_date(now, zone)}
        details = event.details
        if event.kind == STAGE_DONE:
            stage = next((s for s in self.guide.stages if s.order == details.get("stage")), None)
            return stage and ((STAGE_DONE, stage.order), {**common, "order": stage.order, "title": stage.title})
        if event.kind == REQUIREMENT:
            check = next((c for c in self.guide.checks if c.id == details.get("check")), None)
            state = STATES.get(details.get("state"))
            if check is None or state is None:
                return None
            return (REQUIREMENT, check.id), {**common, "title": check.title, "check_kind": check.kind, "state": state,
                                           "to_confirm": check.to_confirm}
        if event.kind == CONFIRMED:
            partner = self._partner(details)
            return partner and ((CONFIRMED, details["partner"]), {**common, "partner": partner})
        if event.kind == JOINED:
            role = details.get("role")
            line = {**common, "role": self.ui.roles.get(role, role), "partner": self._partner(details)}
            return (JOINED, event.user_id, event.created_at), line  # each arrival is told
        if event.kind == REFERENTIAL:
            return (REFERENTIAL,), {**common, "before": details.get("before"), "after": details.get("after")}
        return None

    def _partner(self, details: dict[str, Any]) -> str | None:
        """The organisation of an event: the name it was told under ("Autre" by its typed name), else the label of
        its key ("part_operateurs:caf" -> "CAF"), whichever rules the project follows now."""
        key = details.get("partner")
        return (details.get("name") or self.partner_labels.get(key)) if key else None

    def kind_arg(self, kind: str, on: bool) -> int:
        position = [k.id for k in self.model.kinds].index(kind)
        return 2 * position + (1 if on else 0)


def _buttons(project_id: int) -> Callable[..., Button]:
    """Buttons of a reminder: valid whatever happened to the project since it was sent."""
    def button(label: str, action: str, arg: int | None = None) -> Button:
        return Button(label, Payload(project_id, None, action, arg).encode())
    return button
