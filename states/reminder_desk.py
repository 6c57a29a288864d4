"""The project's calendar in the chat: /rappels, the committee date, its follow-up and calendar file."""
from __future__ import annotations

import re
from collections.abc import Callable
from functools import cached_property
from datetime import date, datetime

from dialogs.calendar import add_months, as_utc, local_date, next_working_day
from dialogs.errors import ParseError
from dialogs.folding import fold
from dialogs.loader import LoadedGuide
from dialogs.parsing import parse_date, parse_time_ranges, place_said, to_json
from dialogs.reminder_model import DEADLINE, TEAM, ReminderModel
from dialogs.schedule import HOURS_IN_TEXT_RE
from dialogs.ui import UiTexts
from states.buttons import Action
from states.events import Button, CalendarInvite, Outcome, Reply
from states.progress import ANSWERED, ProjectView
from states.reminder_plan import Facts, Planner
from store.reminders import ReminderRow, ReminderStore
from store.repo import MembershipRow, ProjectRow, Repository

COMMITTEE_DATE = "committee_date"  # membership.awaiting: the next message is the committee's date
# membership.awaiting: /rappels is the last screen shown; a date typed there is the committee's, as if « Fixer la
# date » had been tapped first.
REMINDERS_SCREEN = "reminders_screen"
UPCOMING_SHOWN = 8
KINDS_PER_ROW = 2

MakeButton = Callable[[str, str, "int | None"], Button]


class ReminderDesk:
    def __init__(self, guide: LoadedGuide, model: ReminderModel, planner: Planner, ui: UiTexts, repo: Repository,
                 project: ProjectRow, membership: MembershipRow, user_id: int, view: Callable[[], ProjectView],
                 record: Callable[[str, object], None], button: MakeButton, now: datetime) -> None:
        self.guide = guide
        self.model = model
        self.planner = planner
        self.ui = ui
        self.repo = repo
        self.store = ReminderStore(repo.connection)
        self.project = project
        self.membership = membership
        self.user_id = user_id
        self.view = view
        self.record = record
        self.button = button
        self.now = now
        self.today = local_date(now, planner.zone)

    # ---- facts

    @cached_property
    def committees_held(self) -> list[date]:
        """The committees held, read once per event (recording one appends to it)."""
        return self.store.committees(self.project.id)

    def facts(self) -> Facts:
        return self.planner.facts(self.view().values, self.committees_held, self.project.state not in self.guide.step_index)

    def sync(self) -> None:
        self.planner.sync(self.store, self.project.id, self.facts(), self.now)

    # ---- screens

    def summary(self, edit: bool = False, plan: bool = True) -> Reply:
        """The /rappels screen; the reminders are planned again first, so it shows what will happen."""
        if plan:
            self.sync()
        facts = self.facts()
        texts = self.ui.reminders
        role = self.membership.role
        enabled = self.planner.enabled(self.membership.reminder_settings, role)
        rows = []
        if self.answers_committee:  # the others cannot record the committee's date or whether it was held
            self.membership.awaiting = REMINDERS_SCREEN  # saved with the membership; its buttons stay valid
            rows.append([self.button(texts.change_date if facts.committee_date else texts.set_date,
                                     Action.REMINDER_DATE)])
        if facts.committee_date is not None:
            rows.append([self.button(texts.calendar, Action.REMINDER_CALENDAR)])
            if facts.committee_date <= self.today and self.answers_committee:
                ordinal = facts.committee_date.toordinal()
                rows.append([self.button(texts.held_yes, Action.REMINDER_HELD, ordinal),
                             self.button(texts.held_no, Action.REMINDER_NOT_HELD, ordinal)])
        mine = self.model.kinds_for(role)
        # The argument is the kind's position in reminders.yaml, whatever the role shows of the list.
        kinds = [self.button((texts.pause if enabled[k.id] else texts.resume).format(label=k.label),
                             Action.REMINDER_KIND, 2 * i + (0 if enabled[k.id] else 1))
                 for i, k in mine]
        rows += [kinds[i:i + KINDS_PER_ROW] for i in range(0, len(kinds), KINDS_PER_ROW)]
        rows.append([self.button(self.ui.buttons.menu, Action.MENU)])
        # Team news are no date in the calendar: they come when something happens.
        upcoming = sorted((r for r in self.store.rows(self.project.id)
                           if r.user_id == self.user_id and r.status in ("pending", "claimed") and r.kind != TEAM),
                          key=lambda r: r.due_at)
        return Reply("reminders", {
            "project": self.project.name, "committee": self._committee(facts.committee_date),
            "last_held": facts.last_held, "past": facts.committee_date is not None
            and facts.committee_date <= self.today, "answers": self.answers_committee,
            "upcoming": [self._upcoming(r) for r in upcoming[:UPCOMING_SHOWN]],
            "more": max(0, len(upcoming) - UPCOMING_SHOWN),
            "kinds": [{"label": k.label, "enabled": enabled[k.id]} for _, k in mine],
        }, rows, edit=edit)

    @property
    def answers_committee(self) -> bool:
        return self.membership.role in self.model.committee.questions_to

    def _upcoming(self, row: ReminderRow) -> dict:
        local = as_utc(row.due_at).astimezone(self.planner.zone)
        return {"kind": row.kind, "due": local.date(), "minutes": local.hour * 60 + local.minute,
                "days": (row.event_date - local.date()).days if row.event_date else None,
                "returned": row.kind == DEADLINE and self.model.funding_request.sent_back(self.view().values)}

    def toggle(self, arg: int) -> Outcome | None:
        position, on = divmod(arg, 2)
        if not 0 <= position < len(self.model.kinds):
            return None
        kind = self.model.kinds[position]
        if not self.model.concerns(kind.id, self.membership.role):  # forged, or from before a change of role
            return None
        settings = dict(self.membership.reminder_settings or {})
        settings[kind.id] = bool(on)
        self.membership.reminder_settings = settings
        self.repo.save_membership(self.membership)  # the planner reads the members' settings
        self.sync()
        return Outcome([Reply("reminder_kind", {"label": kind.label, "enabled": bool(on)}),
                        self.summary(plan=False)])

    def ask_date(self) -> Reply:
        self.membership.awaiting = COMMITTEE_DATE
        return Reply("committee_ask", {"current": self.facts().committee_date},
                     [[self.button(self.ui.reminders.cancel, Action.REMINDER_CANCEL)]])

    def cancel(self) -> Reply:
        self.membership.awaiting = None
        return self.summary()

    def says_a_date(self, text: str) -> bool:
        """A text under /rappels that gives a date, or tries to ("mars 2027"), or the hours of the committee dated,
        rather than an answer to the guide."""
        try:
            parse_date(text, self.today, "future")
        except ParseError as error:
            return error.key != "date.invalid" or self._hours_or_place_alone(text)
        rules = self.model.committee
        return _names_any(text, rules.words) or not _names_any(text, rules.other_events)

    def _hours_or_place_alone(self, text: str) -> bool:
        """"14h-16h", "à la salle du conseil": the committee dated, its hours or its place, without another date."""
        said = HOURS_IN_TEXT_RE.search(text)
        rest = text if said is None else text[:said.start()] + text[said.end():]
        return (said is not None or place_said(text) is not None) and self.facts().committee_date is not None \
            and not re.search(r"[0-9]", rest)

    def text(self, text: str) -> list[Reply]:
        """The committee date typed after "Changer la date", or under /rappels; the hours and the place said with
        it, or alone once it has a date, are its hours and place."""
        if self._hours_or_place_alone(text):
            self.membership.awaiting = None
            refused = self._hours(text)
            self._place(text)
            return [*(refused or [self.date_set(self.facts().committee_date)]), self.summary(plan=False)]
        try:
            day = parse_date(text, self.today, "future")
            if day < self.today:
                raise ParseError("committee.past")
        except ParseError as error:
            return [Reply("invalid", {"key": error.key, "params": error.params, "kind": "date", "deferrable": False}),
                    self.ask_date()]
        self.membership.awaiting = None
        refused = self._hours(text)
        self._place(text)
        self.record(self.model.committee.date_question, to_json("date", day))
        self.sync()
        return [self.date_set(day), *refused, self.summary(plan=False)]

    def _hours(self, text: str) -> list[Reply]:
        """The committee's hours said in the text, recorded; or why they were not, for the user to type them
        again under /rappels."""
        said = HOURS_IN_TEXT_RE.search(text)
        if said is None:
            return []
        try:
            ranges = parse_time_ranges(said.group())
            if len(ranges) != 1:
                raise ParseError("time_ranges.count")
        except ParseError as error:
            return [Reply("invalid", {"key": error.key, "params": {**error.params, "closable": False, "max": 1},
                                      "kind": "time_ranges", "deferrable": False})]
        self.record(self.model.committee.time_question, to_json("time_ranges", ranges))
        return []

    def _place(self, text: str) -> None:
        """The committee's place said in the text ("… à la salle du conseil de la CC"), recorded."""
        if (place := place_said(text)) is not None:
            self.record(self.model.committee.place_question, to_json("short_text", place))

    def date_set(self, day: date) -> Reply:
        """What the team is told once the committee has a date, with the calendar file."""
        return Reply("committee_set", {
            **self._committee(day), "project": self.project.name,
            "reminders": [local_date(due, self.planner.zone) for _, due in self.planner.before(day) if due > self.now],
        }, [[self.button(self.ui.reminders.open, Action.REMINDERS)]], calendar=self.invite(day))

    def held(self, ordinal: int) -> list[Reply] | None:
        day = self.facts().committee_date
        if not self.answers_committee or day is None or day.toordinal() != ordinal or day > self.today:
            return None
        self.store.record_committee(self.project.id, day, self.user_id)
        self.committees_held.append(day)
        following = next_working_day(add_months(day, 12), self.planner.holidays)
        self.record(self.model.committee.date_question, to_json("date", following))
        self.sync()
        return [Reply("committee_held", {"held": day, "project": self.project.name}), self.date_set(following)]

    def not_held(self, ordinal: int) -> list[Reply] | None:
        day = self.facts().committee_date
        if not self.answers_committee or day is None or day.toordinal() != ordinal:
            return None
        self.membership.awaiting = COMMITTEE_DATE
        return [Reply("committee_not_held", {"date": day},
                      [[self.button(self.ui.reminders.cancel, Action.REMINDER_CANCEL)]])]

    def calendar(self) -> Reply | None:
        day = self.facts().committee_date
        if day is None:
            return None
        return Reply("committee_calendar", self._committee(day), calendar=self.invite(day))

    # ---- the calendar file

    def invite(self, day: date) -> CalendarInvite:
        rules = self.model.committee
        texts = self.ui.reminders
        separator = texts.list_separator
        values = self.view().values
        ranges = values.get(rules.time_question) if self.view().status(rules.time_question) == ANSWERED else None
        place = values.get(rules.place_question) if self.view().status(rules.place_question) == ANSWERED else None
        versions = [len(self.repo.history(self.project.id, question))
                    for question in (rules.date_question, rules.time_question, rules.place_question)]
        return CalendarInvite(
            uid=f"comite-{self.project.id}-{len(self.committees_held) + 1}@guide-msap",
            # RFC 5545: 0 when the event is created, one more with each change of its date or time.
            sequence=sum(count - 1 for count in versions if count),
            day=day, minutes=tuple(ranges[0]) if ranges else None,
            summary=texts.calendar_summary.format(project=self.project.name),
            # Those the project chose to invite, « Autre » named; the fiche's list until it chose.
            description=texts.calendar_description.format(
                agenda=separator.join(rules.agenda), todo=separator.join(rules.todo),
                invite=separator.join(self.view().chosen_labels(rules.invitees_question) or rules.invite)),
            alarm=texts.calendar_alarm.format(project=self.project.name),
            alarms_minutes_before=tuple(rules.alarms_minutes_before if ranges
                                        else rules.all_day_alarms_minutes_before),
            project=self.project.name, caption=texts.calendar_caption, zone=self.planner.zone.key,
            location=place or "")

    def _committee(self, day: date | None) -> dict:
        if day is None:
            return {"date": None}
        values, rules = self.view().values, self.model.committee
        return {"date": day, "days_left": (day - self.today).days, "weekend": day.weekday() >= 5,
                "holiday": self.planner.holidays.name(day), "time": values.get(rules.time_question) or None,
                "place": values.get(rules.place_question)}


def watched_questions(model: ReminderModel) -> frozenset[str]:
    """Answers that move the project's calendar."""
    return frozenset({model.committee.date_question, model.committee.time_question, model.committee.place_question,
                      model.labelling.decision_question, model.labelling.date_question,
                      model.funding_request.deadline_question, model.funding_request.state_question,
                      model.funding_request.returned_deadline_question})


def _names_any(text: str, starts: list[str]) -> bool:
    """Whether a word of the text, without accents, starts with one of `starts`."""
    return re.search(r"\b(?:" + "|".join(map(re.escape, starts)) + ")", fold(text)) is not None
