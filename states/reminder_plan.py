"""What reminders a project should have, from its answers and committees, and making the rows say so.

Committee and deadline reminders follow from facts alone (the date, the committees held, the labelling, the
dossier's deadline), so planning again never drops a reminder that fell due while the bot was down; only new rows
whose time has already passed are not created. Recurring kinds keep one waiting row each.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Connection

from dialogs.calendar import (PublicHolidays, add_months, as_utc, at_local, local_date, next_weekday,
                              next_working_day, previous_working_day)
from dialogs.reminder_model import (ACTIVITY_REPORT, ASK_DATE, COMMITTEE, DEADLINE, DIGEST, FOLLOWUP, FUNDING, NUDGE,
                                    TEAM, ReminderModel)
from store import team_news
from store.reminders import ACTIVE, MemberRow, Planned, ReminderRow, ReminderStore

RECURRING = {FUNDING: "yearly", DIGEST: "weekly"}
# Questions still worth asking when their time has passed: they are asked at the next sending time.
CATCH_UP = {FOLLOWUP, ASK_DATE}
MIDNIGHT = time(0, 0)


@dataclass(frozen=True)
class Facts:
    committee_date: date | None  # the next committee, not yet recorded as held
    last_held: date | None
    labelled_on: date | None
    finished: bool
    deadline: date | None = None  # the dossier's, while the request is not sent


class Planner:
    def __init__(self, model: ReminderModel, zone: ZoneInfo, holidays: PublicHolidays | None = None) -> None:
        """`holidays`: the project's territory's, when its law adds some to the country's (Alsace-Moselle)."""
        self.model = model
        self.zone = zone
        self.holidays = holidays or model.public_holidays(None)

    # ---- the rules

    def facts(self, values: dict, held: list[date], finished: bool) -> Facts:
        rules = self.model
        raw = values.get(rules.committee.date_question)
        planned = date.fromisoformat(raw) if raw else None
        last_held = held[-1] if held else None
        if planned is not None and last_held is not None and planned <= last_held:
            planned = None
        labelled = None
        if values.get(rules.labelling.decision_question) == rules.labelling.granted_option:
            raw_label = values.get(rules.labelling.date_question)
            labelled = date.fromisoformat(raw_label) if raw_label else None
        funding = rules.funding_request
        deadline = values.get(funding.deadline_question)
        if funding.sent_back(values):
            deadline = values.get(funding.returned_deadline_question) or deadline
        sent = values.get(funding.state_question) in funding.sent_options
        return Facts(planned, last_held, labelled, finished, date.fromisoformat(deadline) if deadline and not sent
                     else None)

    def at(self, day: date, clock: time | None = None) -> datetime:
        return at_local(day, clock or self.model.send_time, self.zone)

    def committee_plan(self, facts: Facts) -> list[Planned]:
        """The one-time reminders: before and after the next committee, or asking for its date."""
        rules = self.model.committee
        day = facts.committee_date
        if day is None:
            since = facts.last_held or facts.labelled_on
            if since is None:
                return []
            return [Planned(ASK_DATE, self.at(add_months(since, rules.ask_date_months_after)), None, since)]
        before = self.before(day)
        expiries = [due for _, due in before[1:]] + [self.at(day + timedelta(days=1), MIDNIGHT)]
        plan = [Planned(self.model.before_kind(days), due, expires, day)
                for (days, due), expires in zip(before, expiries)]
        report = self.model.activity_report.days_before_committee
        plan.append(Planned(ACTIVITY_REPORT, self._working_before(day, report), self.at(day, MIDNIGHT), day))
        after = next_working_day(day + timedelta(days=rules.followup_days_after), self.holidays)
        plan.append(Planned(FOLLOWUP, self.at(after), None, day))
        return plan

    def deadline_plan(self, facts: Facts) -> list[Planned]:
        """The reminders ahead of the dossier's deadline, each valid until the next one, the last until the day's
        end."""
        if facts.deadline is None:
            return []
        dues = [self._working_before(facts.deadline, days)
                for days in sorted(self.model.funding_request.deadline_days_before, reverse=True)]
        expiries = dues[1:] + [self.at(facts.deadline + timedelta(days=1), MIDNIGHT)]
        return [Planned(DEADLINE, due, expires, facts.deadline) for due, expires in zip(dues, expiries)]

    def before(self, day: date) -> list[tuple[int, datetime]]:
        """(days before, when) of the reminders ahead of a committee on `day`, earliest first."""
        return [(days, self._working_before(day, days))
                for days in sorted(self.model.committee.days_before, reverse=True)]

    def _working_before(self, day: date, days: int) -> datetime:
        """`days` before `day`, or the working day before that when it falls on a weekend or a holiday: a team
        reads its reminders at work, and earlier leaves it more time, never less."""
        return self.at(previous_working_day(day - timedelta(days=days), self.holidays))

    def next_occurrence(self, kind: str, now: datetime) -> Planned:
        """The next funding request or weekly digest after `now`."""
        today = local_date(now, self.zone)
        if kind == DIGEST:
            day = today if self.at(today) > now and today.weekday() == self.model.digest.weekday \
                else next_weekday(today, self.model.digest.weekday)
            return Planned(DIGEST, self.at(day), self.at(day + timedelta(days=7)), recurrence="weekly")
        month = self.model.funding_request.month
        year = today.year
        while True:
            day = next_working_day(date(year, month, 1), self.holidays)
            if self.at(day) > now:
                break
            year += 1
        valid = timedelta(days=self.model.funding_request.valid_days)
        return Planned(FUNDING, self.at(day), self.at(day) + valid, recurrence="yearly")

    def next_slot(self, now: datetime) -> datetime:
        """The first sending time after `now`: today's if it is still to come, else tomorrow's."""
        today = local_date(now, self.zone)
        return self.at(today) if self.at(today) > now else self.at(today + timedelta(days=1))

    def nudge(self, now: datetime) -> Planned:
        return Planned(NUDGE, self.at(local_date(now, self.zone) + timedelta(days=self.model.nudge.idle_days)))

    # ---- making the rows agree

    def sync(self, store: ReminderStore, project_id: int, facts: Facts, now: datetime) -> None:
        """Create the reminders the facts and each member's role call for, cancel the waiting ones they no longer do."""
        rows = store.rows(project_id)
        one_time = self.committee_plan(facts) + self.deadline_plan(facts)
        for member in store.members(project_id):
            mine = [r for r in rows if r.user_id == member.user_id]
            enabled = self.enabled(member.reminder_settings, member.role)
            wanted = [p for p in one_time
                      if enabled[self.model.group(p.kind)] and member.role in self.model.roles_of(p.kind)]
            self._one_time(store, project_id, member, mine, wanted, now)
            for kind in RECURRING:
                self._recurring(store, project_id, member, mine, kind, enabled[kind], now)
            self._nudge(store, project_id, member, mine, enabled[NUDGE] and not facts.finished, now)
            if not enabled[TEAM]:  # team news are planned as they happen (tell_team); switched off, they stop
                store.cancel([r.id for r in mine if r.kind == TEAM and r.status in ACTIVE])

    def enabled(self, settings: dict[str, bool] | None, role: str | None = None) -> dict[str, bool]:
        """Each kind on or off for a member: their own choices over the defaults; off if not for their role."""
        chosen = {**self.model.defaults(), **(settings or {})}
        if role is None:
            return chosen
        return {kind: on and self.model.concerns(kind, role) for kind, on in chosen.items()}

    # ---- what the team hears of each other

    @property
    def news_policy(self) -> team_news.NewsPolicy:
        kind = next(k for k in self.model.kinds if k.id == TEAM)
        return team_news.NewsPolicy(frozenset(kind.roles), kind.enabled,
                                    timedelta(hours=self.model.team.min_hours_between))

    def tell_team(self, connection: Connection, project_id: int, actor_id: int, kind: str, details: dict[str, Any],
                  now: datetime) -> None:
        """Record a member's event (store.team_news kinds) and plan the grouped message to the other members."""
        team_news.post(connection, project_id, actor_id, kind, details, now, self.news_policy)

    def _one_time(self, store: ReminderStore, project_id: int, member: MemberRow, mine: list[ReminderRow],
                  wanted: list[Planned], now: datetime) -> None:
        have = {_identity(r.kind, as_utc(r.due_at), r.event_date): r for r in mine
                if r.kind.startswith(COMMITTEE) or r.kind in (ACTIVITY_REPORT, DEADLINE)}
        keys = {_identity(p.kind, p.due_at, p.event_date) for p in wanted}
        store.cancel([r.id for key, r in have.items() if key not in keys and r.status in ACTIVE])
        for planned in wanted:
            if _identity(planned.kind, planned.due_at, planned.event_date) in have:
                continue
            if planned.due_at <= now:
                if planned.kind not in CATCH_UP:
                    continue
                planned = replace(planned, due_at=self.next_slot(now))
            store.add(project_id, member.user_id, planned, _status(member))

    def _recurring(self, store: ReminderStore, project_id: int, member: MemberRow, mine: list[ReminderRow],
                   kind: str, enabled: bool, now: datetime) -> None:
        waiting = [r for r in mine if r.kind == kind and r.status in ACTIVE]
        if not enabled:
            store.cancel([r.id for r in waiting])
        elif not waiting:
            store.add(project_id, member.user_id, self.next_occurrence(kind, now), _status(member))

    def _nudge(self, store: ReminderStore, project_id: int, member: MemberRow, mine: list[ReminderRow],
               wanted: bool, now: datetime) -> None:
        waiting = [r for r in mine if r.kind == NUDGE and r.status in ACTIVE]
        if not wanted:
            store.cancel([r.id for r in waiting])
        elif not waiting:
            store.add(project_id, member.user_id, self.nudge(now), _status(member))


def _identity(kind: str, due: datetime, event: date | None) -> tuple:
    """Questions are the same question whenever they are asked; reminders are tied to their time."""
    return (kind, event) if kind in CATCH_UP else (kind, due, event)


def _status(member: MemberRow) -> str:
    return "blocked" if member.inactive_since is not None else "pending"
