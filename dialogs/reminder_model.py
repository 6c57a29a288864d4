"""The project's calendar as data (dialogs/reminders.yaml): kinds, delays, and what the committee is for."""
from __future__ import annotations

import re
from datetime import time
from pathlib import Path
from typing import Annotated, Literal, get_args
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import holidays
from pydantic import AfterValidator, Field, model_validator

from dialogs.calendar import PublicHolidays
from dialogs.errors import GuideError
from dialogs.folding import fold
from dialogs.model import Identifier, Question, Strict
from dialogs.yaml_files import read_yaml

REMINDERS_FILE = Path(__file__).parent / "reminders.yaml"
# Each kind a member can pause covers these stored reminder kinds.
COMMITTEE, ACTIVITY_REPORT, FUNDING, DIGEST, NUDGE, TEAM = (
    "committee", "activity_report", "funding_request", "digest", "nudge", "team")
KINDS = (COMMITTEE, ACTIVITY_REPORT, FUNDING, DIGEST, NUDGE, TEAM)
FOLLOWUP, ASK_DATE = "committee_followup", "committee_ask_date"
DEADLINE = "funding_deadline"  # a stored reminder of the dossier's deadline, paused with the funding request
# A member's role, as store.models.ROLES spells it (dialogs/ imports nothing of ours; a test keeps the two equal):
# porteur, contributeur, partenaire, lecteur.
Role = Literal["owner", "contributor", "partner", "reader"]
ROLES: tuple[str, ...] = get_args(Role)
# After a number naming a territory ("Moselle (57)"): no word, which would make it a count ("57 communes").
_NO_NOUN = r"(?!\s*[^\W\d_])"


def _distinct(roles: list[str]) -> list[str]:
    if len(set(roles)) != len(roles):
        raise ValueError("a role is listed twice")
    return roles


Roles = Annotated[list[Role], Field(min_length=1), AfterValidator(_distinct)]


class KindSetting(Strict):
    id: Identifier
    label: str = Field(min_length=1, max_length=40)
    enabled: bool
    roles: Roles  # the members this kind concerns


class CommitteeRules(Strict):
    date_question: Identifier
    time_question: Identifier
    place_question: Identifier
    invitees_question: Identifier
    days_before: list[int] = Field(min_length=1)
    followup_days_after: int = Field(ge=1)
    questions_to: Roles  # who is asked "a-t-il eu lieu ?" and for the date
    ask_date_months_after: int = Field(ge=1, le=12)
    alarms_minutes_before: list[int] = Field(min_length=1)
    all_day_alarms_minutes_before: list[int] = Field(min_length=1)
    fiche: str
    agenda: list[str]
    invite: list[str]
    todo: list[str]
    # A dated sentence typed under /rappels is the committee's, unless it names another event and not the committee:
    # word starts, as typed without accents.
    words: list[str] = Field(min_length=1)
    other_events: list[str] = Field(min_length=1)


class LabellingRules(Strict):
    decision_question: Identifier
    granted_option: Identifier
    date_question: Identifier


class ActivityReportRules(Strict):
    days_before_committee: int = Field(ge=1)
    writer_question: Identifier
    expectations_question: Identifier
    fiche: str


class FundingRules(Strict):
    month: int = Field(ge=1, le=12)
    valid_days: int = Field(ge=1)
    deadline_question: Identifier
    deadline_days_before: list[int] = Field(min_length=1)
    state_question: Identifier
    sent_options: list[Identifier] = Field(min_length=1)
    # Sent back to be completed: the deadline is then the date to return it by, and the reminder says what to add.
    returned_option: Identifier
    returned_deadline_question: Identifier
    returned_question: Identifier
    # "La Maison fonctionne-t-elle déjà ?": a Maison not labelled yet asks for its subsidy with its dossier.
    running_question: Identifier
    fiche: str

    def sent_back(self, values: dict) -> bool:
        """Whether the project's answers say the Préfecture sent the dossier back to be completed."""
        return values.get(self.state_question) == self.returned_option


class DigestRules(Strict):
    weekday: int = Field(ge=0, le=6)
    show: int = Field(ge=1)


class NudgeRules(Strict):
    idle_days: int = Field(ge=1)


class TeamRules(Strict):
    min_hours_between: int = Field(ge=1)
    show: int = Field(ge=1)


class InactivityRules(Strict):
    warn_after_months: int = Field(ge=1)
    erase_after_months: int = Field(ge=2)

    @model_validator(mode="after")
    def _warned_first(self) -> InactivityRules:
        if self.erase_after_months <= self.warn_after_months:
            raise ValueError("erase_after_months must come after warn_after_months")
        return self


def _known_zone(key: str) -> str:
    try:
        ZoneInfo(key)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"unknown time zone {key!r}") from None
    return key


class LocalCalendar(Strict):
    """A territory whose calendar is not the bot's: outre-mer its clock and holidays, Alsace-Moselle its holidays."""

    name: str = Field(min_length=1, max_length=60)  # "la Guyane", in the chat's sentence
    zone: Annotated[str, AfterValidator(_known_zone)] | None = None  # "America/Cayenne"; None: the bot's clock
    holidays: str | None = None  # its own public holidays: a subdivision of holidays_country ("57", "973")
    words: list[str] = Field(min_length=1)  # what its territory, as typed, holds: "Guyane", "973"
    unless: list[str] = Field(default_factory=list)  # names holding a word that are elsewhere: "Meurthe-et-Moselle"

    def says(self, typed: str) -> bool:
        """Whether a folded territory names this one; a number is a code, not a count ("57 communes")."""
        for other in self.unless:
            typed = re.sub(_whole(other), " ", typed)
        return any(re.search(_whole(words) + (_NO_NOUN if words.isdigit() else ""), typed) for words in self.words)


def _whole(words: str) -> str:
    return rf"(?<!\w){re.escape(fold(words))}(?!\w)"


class ReminderModel(Strict):
    send_time: time
    holidays_country: str = Field(pattern=r"^[A-Z]{2}$")
    local_calendars: list[LocalCalendar] = Field(default_factory=list)
    kinds: list[KindSetting]
    committee: CommitteeRules
    labelling: LabellingRules
    activity_report: ActivityReportRules
    funding_request: FundingRules
    digest: DigestRules
    nudge: NudgeRules
    team: TeamRules
    inactivity: InactivityRules

    @model_validator(mode="after")
    def _committee_questions_reach_its_members(self) -> ReminderModel:
        committee = next((kind for kind in self.kinds if kind.id == COMMITTEE), None)
        if committee is not None and not set(self.committee.questions_to) <= set(committee.roles):
            raise ValueError("committee.questions_to must be among the roles of the committee kind")
        return self

    @model_validator(mode="after")
    def _known_holidays(self) -> ReminderModel:
        for local in self.local_calendars:
            if local.holidays is not None and local.holidays not in holidays.list_supported_countries()[
                    self.holidays_country]:
                raise ValueError(f"unknown holidays {local.holidays!r} in {self.holidays_country} for {local.name}")
        return self

    def local_calendar(self, territory: str | None) -> LocalCalendar | None:
        """The territory's own calendar when its words say one ("Commune de Maripasoula, Guyane (973)", "Bitche,
        Moselle"); None for the bot's."""
        typed = fold(territory or "")
        return next((local for local in self.local_calendars if local.says(typed)), None)

    def public_holidays(self, local: LocalCalendar | None) -> PublicHolidays:
        return PublicHolidays(self.holidays_country, local.holidays if local is not None else None)

    def defaults(self) -> dict[str, bool]:
        return {kind.id: kind.enabled for kind in self.kinds}

    def label(self, kind_id: str) -> str:
        return next(kind.label for kind in self.kinds if kind.id == kind_id)

    def concerns(self, kind_id: str, role: str) -> bool:
        """Whether a pausable kind goes to members of this role."""
        return any(kind.id == kind_id and role in kind.roles for kind in self.kinds)

    def kinds_for(self, role: str) -> list[tuple[int, KindSetting]]:
        """The kinds of this role, each with its position in reminders.yaml (what /rappels buttons carry)."""
        return [(position, kind) for position, kind in enumerate(self.kinds) if role in kind.roles]

    def roles_of(self, stored_kind: str) -> tuple[str, ...]:
        """Who gets a stored reminder: the committee's questions need a member who can answer them."""
        if stored_kind in (FOLLOWUP, ASK_DATE):
            return tuple(self.committee.questions_to)
        group = self.group(stored_kind)
        return next((tuple(kind.roles) for kind in self.kinds if kind.id == group), ())

    def before_kind(self, days: int) -> str:
        return f"committee_{days}"

    def group(self, stored_kind: str) -> str:
        """The pausable kind a stored reminder belongs to."""
        return COMMITTEE if stored_kind.startswith("committee") else FUNDING if stored_kind == DEADLINE else stored_kind


def load_reminder_model(path: Path = REMINDERS_FILE) -> ReminderModel:
    model = ReminderModel.model_validate(read_yaml(path))
    ids = [kind.id for kind in model.kinds]
    if sorted(ids) != sorted(KINDS):
        raise GuideError(f"{path.name}: kinds must be {', '.join(KINDS)}, each once")
    return model


def check_questions(model: ReminderModel, questions: dict[str, Question]) -> None:
    """The guide questions the calendar reads exist and have the kind it expects."""
    expected = {
        model.committee.date_question: "date", model.committee.time_question: "time_ranges",
        model.committee.place_question: "short_text",
        model.committee.invitees_question: "multi_choice", model.labelling.decision_question: "choice",
        model.labelling.date_question: "date", model.activity_report.writer_question: "short_text",
        model.activity_report.expectations_question: "long_text",
        model.funding_request.deadline_question: "date", model.funding_request.state_question: "choice",
        model.funding_request.running_question: "yes_no",
        model.funding_request.returned_deadline_question: "date", model.funding_request.returned_question: "long_text",
    }
    for question_id, kind in expected.items():
        question = questions.get(question_id)
        if question is None or question.kind.value != kind:
            raise GuideError(f"reminders.yaml: {question_id} must be a {kind} question of the guide")
    state = questions[model.funding_request.state_question]
    funding = model.funding_request
    if unknown := {*funding.sent_options, funding.returned_option} - {option.id for option in state.options}:
        raise GuideError(f"reminders.yaml: {sorted(unknown)[0]} is not an option of {state.id}")
    decision = questions[model.labelling.decision_question]
    if all(option.id != model.labelling.granted_option for option in decision.options):
        raise GuideError(f"reminders.yaml: {model.labelling.granted_option} is not an option of "
                         f"{model.labelling.decision_question}")
