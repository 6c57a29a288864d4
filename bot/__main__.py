"""Command line: python -m bot run | chat | migrate | check-guide | diagram."""
from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path
from urllib.parse import urlsplit

from bot.config import Settings, SettingsError, load_settings
from bot.preflight import StartupProblem, check_database, reach_bot_api
from dialogs.budget_model import load_budget_model
from dialogs.loader import GuideError, load_guide
from dialogs.model import REQUIREMENT
from dialogs.referentials import default_referential, load_referentials
from dialogs.ui import load_ui
from states.diagram import mermaid
from store import migrate
from store.db import sqlite_file


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot", description="Guide MSAP: Telegram assistant for "
                                     "creating a Maison de services au public.")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("run", help="migrate the database, then serve Telegram (or the terminal without a token)")
    commands.add_parser("chat", help="the conversation in this terminal")
    commands.add_parser("migrate", help="upgrade the database to the latest schema")
    commands.add_parser("check-guide", help="validate every referential and list its stages, steps, questions "
                        "and requirements")
    commands.add_parser("diagram", help="print the project state machine as a Mermaid diagram")
    args = parser.parse_args(argv)
    # Quiet by default so the terminal conversation reads cleanly; the Telegram server logs more.
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s")

    ui = load_ui()
    try:
        if args.command == "check-guide":
            return _check_guide()
        if args.command == "diagram":
            print(mermaid(load_guide()))
            return 0
        settings = load_settings()
        check_database(settings.database_url, ui.startup)
        migrate.upgrade(settings.database_url)
        if args.command == "migrate":
            return 0
        if args.command == "chat":
            return _chat(settings)
        if not settings.telegram_bot_token:
            print(ui.terminal.no_token)
            return _chat(settings)
        reach_bot_api(settings, ui.startup)
        return _serve(settings)
    except SettingsError as error:
        print(ui.startup.config_error.format(field=error.field, reason=error.reason), file=sys.stderr)
    except GuideError as error:
        print(ui.startup.guide_error.format(reason=error), file=sys.stderr)
    except StartupProblem as problem:  # the settings are valid; what they point at is not usable
        print(problem, file=sys.stderr)
        return 1
    return 2


def _check_guide() -> int:
    """Every referential validated (dialogs/referentials/), then listed: the shared guide with its changes."""
    referentials = load_referentials(load_budget_model())
    default = default_referential(referentials)
    # The default first: the others are listed with what they add to it (+) or change in it (~).
    ordered = sorted(referentials.values(), key=lambda r: not r.meta.default)
    for number, referential in enumerate(ordered):
        guide, meta = referential.guide, referential.meta
        requirements = [check for check in guide.checks if check.kind == REQUIREMENT]
        print(("\n" if number else "") + f"{meta.id} {meta.version} ({meta.name}): {len(guide.stages)} stage(s), "
              f"{len(guide.steps)} step(s), {len(guide.questions)} question(s), {len(requirements)} requirement(s)")
        for stage in guide.stages:
            # The shared stage file; the referential's changes to it are marked on its questions.
            print(f"\n{stage.order}. {stage.title}  [{guide.files[stage.id].rpartition(' + ')[2]}]")
            for step in stage.steps:
                print(f"   {step.id}: {step.title} ({len(step.questions)} questions)")
                for question in step.questions:
                    flags = ("*" if question.required else " ") + ("?" if question.when else " ")
                    shared = default.guide.questions.get(question.id)
                    flags += " " if shared == question else "+" if shared is None else "~"
                    print(f"      {flags} {question.id} [{question.kind.value}] {question.prompt}")
            for check in stage.checks:
                if check.kind == REQUIREMENT:
                    print(f"   = {check.id}: {check.title}" + (" (to confirm)" if check.to_confirm else ""))
    print(f"\n* required   ? shown under a condition   + added, ~ changed against {default.id}   = requirement")
    return 0


def _chat(settings: Settings) -> int:
    from bot.services import build_services
    from bot.terminal import TerminalChat

    services = build_services(settings)
    database = sqlite_file(settings.database_url)
    # The files go beside the SQLite database, as the README says; on PostgreSQL, to ./data.
    files_dir = database.absolute().parent if database is not None else Path("data")
    try:
        TerminalChat(services.engine, services.ui, files_dir, documents=services.documents,
                     reminders=services.reminders).run()
    finally:
        services.close()
    return 0


def _serve(settings: Settings) -> int:
    from telegram import Update

    from bot.app import build_application
    from bot.rendering import ProcessRendering
    from bot.services import build_services
    from bot.webhook import run_webhook

    logging.getLogger().setLevel(logging.INFO)
    logging.getLogger("httpx").setLevel(logging.WARNING)
    # The job queue logs every run of every job at INFO: the outbox job alone would write a line a second.
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    services = build_services(settings)
    rendering = ProcessRendering(settings.database_url, idle_seconds=settings.render_idle_minutes * 60,
                                 timezone=settings.timezone)
    application = build_application(services, rendering=rendering)
    updates = [Update.MESSAGE, Update.EDITED_MESSAGE, Update.CALLBACK_QUERY]  # an edit changes the answer it gave
    try:
        if settings.webhook_url:
            # Our server rather than python-telegram-bot's: it checks the secret and the size before reading.
            run_webhook(application, settings, urlsplit(settings.webhook_url).path, updates)
        else:
            application.run_polling(allowed_updates=updates)
    finally:
        rendering.close()
        services.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
