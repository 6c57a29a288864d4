"""What a due reminder says: one reply per reminder, or None when there is nothing to say."""
from __future__ import annotations

from datetime import datetime
from typing import Any, Callable
from zoneinfo import ZoneInfo

from dialogs.calendar import holiday_name, local_date
from dialogs.loader import LoadedGuide
from dialogs.reminder_model import ACTIVITY_REPORT, ASK_DATE, DIGEST, FOLLOWUP, FUNDING, NUDGE, ReminderModel
from dialogs.ui import UiTexts
from states.buttons import Action, Payload
from states.events import Button, Reply
from states.progress import ProjectView
from states.reports import Reports
from store.reminders import ReminderRow
from store.repo import StoredAnswer

# Reminders whose text does not read the project's answers (the others name invitees, writers, questions).
NO_ANSWERS = {FOLLOWUP, ASK_DATE, FUNDING}


class ReminderNotes:
    def __init__(self, guide: LoadedGuide, model: ReminderModel, ui: UiTexts, zone: ZoneInfo) -> None:
        self.guide = guide
        self.model = model
        self.ui = ui
        self.zone = zone

    def needs_answers(self, row: ReminderRow) -> bool:
        return row.kind not in NO_ANSWERS

    def compose(self, row: ReminderRow, project: str, state: str, answers: dict[str, StoredAnswer] | None,
                now: datetime) -> Reply | None:
        today = local_date(now, self.zone)
        button = _buttons(row.project_id)
        common: dict[str, Any] = {"project": project}
        if row.event_date is not None:
            common.update(date=row.event_date, days_left=(row.event_date - today).days,
                          holiday=holiday_name(row.event_date, self.model.holidays_country))
        texts = self.ui.reminders
        rules = self.model.committee
        if row.kind == FOLLOWUP:
            ordinal = row.event_date.toordinal()
            return Reply("reminder_followup", common, [[button(texts.held_yes, Action.REMINDER_HELD, ordinal)],
                                                       [button(texts.held_no, Action.REMINDER_NOT_HELD, ordinal)]])
        if row.kind == ASK_DATE:
            return Reply("reminder_ask_date", {**common, "since": row.event_date},
                         [[button(texts.set_date, Action.REMINDER_DATE)], [button(texts.open, Action.REMINDERS)]])
        if row.kind == FUNDING:
            return Reply("reminder_funding", {**common, "year": today.year, "fiche": self.model.funding_request.fiche},
                         [[button(self.ui.budget.open, Action.BUDGET)], [button(texts.open, Action.REMINDERS)]])
        view = ProjectView(self.guide, answers or {})
        if row.kind == DIGEST:
            deferred = Reports(self.guide, self.ui, view, button, lambda: None).deferred()
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
                **common, "writer": view.values.get(report.writer_question),
                "expectations": view.values.get(report.expectations_question), "fiche": report.fiche,
            }, [[button(texts.open, Action.REMINDERS)]])
        invitees = view.values.get(rules.invitees_question) or []
        question = self.guide.questions[rules.invitees_question]
        named = [question.option(i).label for i in invitees if i != "autre"]
        return Reply("reminder_committee", {
            **common, "agenda": rules.agenda, "invite": rules.invite, "invited": named,
            "todo": rules.todo, "fiche": rules.fiche,
        }, [[button(texts.change_date, Action.REMINDER_DATE)], [button(texts.open, Action.REMINDERS)]])

    def kind_arg(self, kind: str, on: bool) -> int:
        position = [k.id for k in self.model.kinds].index(kind)
        return 2 * position + (1 if on else 0)


def _buttons(project_id: int) -> Callable[..., Button]:
    """Buttons of a reminder: valid whatever happened to the project since it was sent."""
    def button(label: str, action: str, arg: int | None = None) -> Button:
        return Button(label, Payload(project_id, None, action, arg).encode())
    return button
