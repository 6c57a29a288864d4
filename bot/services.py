"""Everything the front ends share, built once at start-up from the settings."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import Engine as DatabaseEngine

from bot.config import Settings
from bot.render import Renderer
from dialogs.budget import subsidy_funds
from dialogs.budget_model import load_budget_model
from dialogs.loader import LoadedGuide
from dialogs.referentials import Referential, default_referential, load_referentials
from dialogs.reminder_model import check_questions, load_reminder_model
from dialogs.ui import UiTexts, load_ui
from dossier.files import DocumentMaker
from dossier.view import Sources
from states.engine import Engine
from states.reminder_notes import ReminderNotes
from states.reminder_queue import ReminderQueue
from store.db import Checkpoints, make_engine
from store.models import utcnow

MESSAGE_TEMPLATES = [
    "welcome", "ask_name", "ask_territory", "project_ready", "resume", "step_intro", "question", "answered",
    "date_understood", "understood", "invalid", "recap", "missing_required", "progress", "menu", "help", "finished",
    "unsupported", "use_buttons", "notice", "unknown_command", "error", "conformity", "checklist",
    "checklist_stage", "deferred", "stage_done", "budget", "budget_categories", "budget_ask_use", "budget_ask",
    "budget_ask_year", "budget_lines", "budget_line", "budget_move", "budget_changed", "budget_chart", "dossier",
    "dossier_sending", "reminders",
    "reminder_kind", "committee_ask", "committee_set", "committee_held", "committee_not_held", "committee_calendar",
    "reminder_committee", "reminder_activity_report", "reminder_followup", "reminder_ask_date", "reminder_funding",
    "reminder_deadline", "reminder_digest", "reminder_nudge", "paste_tail", "projects", "ask_new_project",
    "project_header", "project_opened", "animation", "privacy", "personal_data", "erase_confirm", "erase_cancelled", "erased",
    "inactivity_warning", "team", "team_invite_role", "team_invite_partner", "team_invitation", "team_no_links",
    "team_member", "invitation_offer", "invitation_refused", "invitation_accepted", "invitation_declined",
    "not_allowed", "partner_confirmed", "project_delete_confirm", "project_deleted", "project_deleted_member",
    "project_leave_confirm", "project_left", "team_member_left", "no_project_left",
    "project_handed_over", "reminder_team", "partner_not_chosen", "partner_deferred", "team_left", "team_new_role",
    "choose_referential", "referential_others", "referential_switch", "referential_switched", "passage",
    "pause", "puzzled", "week_understood",
]


@dataclass
class Services:
    settings: Settings
    guide: LoadedGuide
    ui: UiTexts
    database: DatabaseEngine
    engine: Engine
    renderer: Renderer
    documents: DocumentMaker
    reminders: ReminderQueue
    checkpoints: Checkpoints | None = None

    def close(self) -> None:
        if self.checkpoints is not None:
            self.checkpoints.close()
        self.database.dispose()


def build_services(settings: Settings, clock: Callable[[], datetime] = utcnow) -> Services:
    """Everything loaded and checked; `clock` gives the current time (tests freeze it)."""
    ui = load_ui()
    referentials = load_referentials(load_budget_model())
    guide = default_referential(referentials).guide  # the stages and steps every referential shares
    calendar = load_reminder_model()
    check_questions(calendar, guide.questions)
    renderer = Renderer()
    renderer.check(MESSAGE_TEMPLATES)
    database = make_engine(settings.database_url, background_checkpoints=True)
    checkpoints = Checkpoints(database) if database.dialect.name == "sqlite" else None
    engine = Engine(referentials, ui, database, calendar, settings.zone, clock,
                    admins=frozenset(settings.admin_user_ids))
    documents = DocumentMaker(document_sources(referentials, ui, settings.zone), database, clock)
    notes = {key: ReminderNotes(r.guide, calendar, ui, engine.partner_labels, subsidy_funds(r.budget.subsidy),
                                r.partners) for key, r in referentials.items()}
    queue = ReminderQueue(database, notes, engine.project_planner, clock)
    return Services(settings, guide, ui, database, engine, renderer, documents, queue, checkpoints)


def build_document_maker(database_url: str, timezone: str) -> DocumentMaker:
    """What a rendering worker process needs, loaded in that process."""
    ui = load_ui()
    sources = document_sources(load_referentials(load_budget_model()), ui, ZoneInfo(timezone))
    return DocumentMaker(sources, make_engine(database_url))


def document_sources(referentials: dict[str, Referential], ui: UiTexts, zone: ZoneInfo) -> dict[str, Sources]:
    """What each referential's documents are built from, the default referential first."""
    ordered = sorted(referentials.values(), key=lambda r: not r.meta.default)
    return {r.id: Sources.of(r, ui, zone) for r in ordered}
