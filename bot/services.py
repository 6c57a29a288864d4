"""Everything the front ends share, built once at start-up from the settings."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine as DatabaseEngine

from bot.config import Settings
from bot.render import Renderer
from dialogs.budget_model import check_framing, load_budget_model
from dialogs.dossier_model import load_dossier_sources
from dialogs.loader import LoadedGuide, load_guide
from dossier.files import DocumentMaker
from dossier.view import Sources
from dialogs.ui import UiTexts, load_ui
from states.engine import Engine
from store.db import make_engine

MESSAGE_TEMPLATES = [
    "welcome", "ask_name", "ask_territory", "project_ready", "resume", "step_intro", "question", "answered",
    "invalid", "recap", "missing_required", "progress", "menu", "help", "finished", "unsupported",
    "use_buttons", "unknown_command", "error", "conformity", "checklist", "checklist_stage", "deferred",
    "stage_done", "budget", "budget_categories", "budget_ask_use", "budget_ask", "budget_lines", "budget_line",
    "budget_chart", "dossier", "dossier_sending",
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

    def close(self) -> None:
        self.database.dispose()


def build_services(settings: Settings) -> Services:
    guide = load_guide()
    ui = load_ui()
    budget = load_budget_model()
    check_framing(budget, guide.questions)
    renderer = Renderer()
    renderer.check(MESSAGE_TEMPLATES)
    database = make_engine(settings.database_url)
    engine = Engine(guide, ui, budget, database)
    documents = DocumentMaker(Sources(guide, budget, load_dossier_sources(guide.questions), ui), database)
    return Services(settings, guide, ui, database, engine, renderer, documents)


def build_document_maker(database_url: str) -> DocumentMaker:
    """What a rendering worker process needs, loaded in that process."""
    guide, ui, budget = load_guide(), load_ui(), load_budget_model()
    sources = Sources(guide, budget, load_dossier_sources(guide.questions), ui)
    return DocumentMaker(sources, make_engine(database_url))
