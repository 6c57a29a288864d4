"""The engine without Telegram: events in, replies out, everything committed."""
from __future__ import annotations

from sqlalchemy import select

from states.events import Choice, Command, Sender, Text
from store.models import Project

MARIE = Sender(42, "Marie Dupont")


def test_replies_are_plain_data_and_state_is_committed(services):
    engine = services.engine
    welcome = engine.handle(Command(MARIE, "start"))
    assert [r.template for r in welcome.replies] == ["welcome"]
    engine.handle(Text(MARIE, "MSAP de Figeac"))
    choice = engine.handle(Text(MARIE, "Grand-Figeac")).replies[-1]
    assert choice.template == "choose_referential"
    outcome = engine.handle(Choice(MARIE, choice.buttons[1][0].data))  # the 2016 fiche
    assert [r.template for r in outcome.replies] == ["project_ready", "step_intro", "question"]
    question = outcome.replies[-1]
    assert question.values["prompt"] == services.guide.steps[0].questions[0].prompt
    assert all(len(b.data.encode()) <= 64 for row in question.buttons for b in row)
    with services.database.connect() as connection:
        assert connection.execute(select(Project.name, Project.territory)).one() == ("MSAP de Figeac", "Grand-Figeac")


def test_a_button_of_another_users_project_is_refused(services):
    engine = services.engine
    for text in ("/start", "Projet A"):
        engine.handle(Command(MARIE, "start") if text == "/start" else Text(MARIE, text))
    engine.handle(Choice(MARIE, engine.handle(Text(MARIE, "Territoire A")).replies[-1].buttons[0][0].data))
    paul = Sender(43, "Paul")
    engine.handle(Command(paul, "start"))
    engine.handle(Text(paul, "Projet B"))
    engine.handle(Choice(paul, engine.handle(Text(paul, "Territoire B")).replies[-1].buttons[0][0].data))
    marie_button = engine.handle(Command(MARIE, "menu")).replies[0].buttons[-1][0]
    outcome = engine.handle(Choice(paul, marie_button.data))
    assert outcome.notice == services.ui.notices.stale
    assert all("Projet A" not in str(r.values) for r in outcome.replies)

