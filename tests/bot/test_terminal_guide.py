"""The whole fiche in the terminal, as a newcomer without a token would go through it."""
from __future__ import annotations

import re

from bot.services import build_services
from bot.terminal import TerminalChat
from dialogs.model import Kind
from states.events import Button, Outcome, Reply
from tests.conftest import make_settings
from tests.support.clock import FrozenClock
from tests.support.projects import CONFORMANT
from tests.support.telegram import MSAP_RULES
from tests.support.walk import answer_text

PRESS = "press:"


def test_the_whole_guide_in_the_terminal(services, tmp_path):
    guide = services.guide
    prompts = {q.prompt: q for q in guide.question_list}
    screen: list[str] = []
    typed: list[str] = []
    pending = ["MSAP de Saint-Affrique", "Sud-Aveyron", PRESS + MSAP_RULES]

    def budget_keys(lines):
        """Buttons (by label) and amounts of budget lines, resolved on screen as they come, then "Valider"."""
        for category, use, amount, label in lines:
            yield PRESS + category
            if use is not None:
                yield PRESS + use.capitalize()
            if label:
                yield label
            yield amount
        yield PRESS + "✅ Valider"

    def read(_prompt: str) -> str:
        assert len(typed) < 3 * len(guide.question_list), "\n".join(screen[-6:])
        if pending:
            line = pending.pop(0)
            if line.startswith(PRESS):
                label = line[len(PRESS):]
                found = re.search(r"\[(#?\d+)\] " + re.escape(label) + r"\n", "\n".join(screen) + "\n")
                assert found, (label, screen)
                line = found.group(1)
            screen.clear()
            typed.append(line)
            return line
        last = "\n".join(screen[-3:])
        shown_now = list(screen)
        screen.clear()
        if "/conformite" in typed:
            raise EOFError  # Ctrl+D
        if "toutes les étapes" in last:
            pending.append("/conformite")
            return read(_prompt)
        if (button := re.search(r"\[(#?\d+)\] Étape suivante", last)) is not None:
            typed.append(button.group(1))
            return typed[-1]
        question = next((q for prompt, q in prompts.items() if f"\n{prompt}\n" in f"\n{last}\n"), None)
        assert question is not None, last
        if question.kind is Kind.BUDGET:  # entered with buttons, as on a phone
            pending.extend(budget_keys(CONFORMANT[question.id]))
            screen.extend(shown_now)  # its buttons are pressed from this screen
            return read(_prompt)
        answer = answer_text(question, CONFORMANT)
        if question.kind is Kind.MULTI and answer.isdigit():  # a number ticks a box: then press "Valider"
            pending.append(re.search(r"\[(\d+)\] ✅ Valider", last).group(1))
        typed.append(answer)
        return answer

    out: list[str] = []

    def write(text: str) -> None:
        screen.append(text)
        out.append(text)

    TerminalChat(services.engine, services.ui, tmp_path / "data", read=read, write=write).run()
    shown = "\n".join(out)
    assert "<" not in shown.replace("<b>", "")  # no markup leaks into the terminal but what users typed
    for stage in guide.stages:
        assert f"Étape {stage.order} terminée : {stage.title}" in shown
    total = sum(check.kind == "exigence" for check in guide.checks)
    assert f"Exigences de la labellisation : les {total} sont respectées." in shown
    assert "Total : 26 h par semaine" in shown
    assert "Comité de pilotage enregistré" in shown
    (saved,) = (tmp_path / "data").glob("comite-pilotage-*.ics")
    assert f"📎 {saved}" in shown and b"BEGIN:VEVENT" in saved.read_bytes()
    assert len(typed) > len(guide.question_list) // 2


def test_reminders_due_show_up_before_the_next_prompt(database_url, tmp_path):
    clock = FrozenClock("2027-11-27 10:00")
    services = build_services(make_settings(database_url), clock=clock)
    # "/rappels", then "#1" presses "Fixer la date du comité"; None lets time pass to the 30-day reminder.
    script = iter(["Maison des Causses", "Larzac", "2", "/rappels", "#1", "13/06/2028", None])
    out: list[str] = []

    def read(prompt: str) -> str:
        line = next(script, "end")
        if line == "end":
            raise EOFError
        if line is None:
            clock.set("2028-05-14 09:00")
            return "/aide"
        return line

    try:
        TerminalChat(services.engine, services.ui, tmp_path, read=read, write=out.append,
                     reminders=services.reminders).run()
    finally:
        services.close()
    shown = "\n".join(out)
    assert "Comité de pilotage enregistré" in shown
    assert shown.count("🔔 Comité de pilotage : Maison des Causses") == 1
    assert "Bilan de l'année écoulée" in shown


def test_the_buttons_of_every_message_of_a_reply_keep_their_numbers(services, tmp_path):
    """A long recap comes in several messages: ✏️ 41 is [41] under the second, and typing 41 presses it, as in
    Telegram, where every message keeps its buttons."""
    screen: list[str] = []
    chat = TerminalChat(services.engine, services.engine.ui, tmp_path, read=lambda _: "", write=screen.append)
    first = [[Button(f"✏️ {n}", f"e{n}") for n in range(1, 41)]]
    second = [[Button(f"✏️ {n}", f"e{n}") for n in range(41, 43)], [Button("Étape suivante ➡️", "next")]]
    recap_end = {"partner": False}
    chat.show(Outcome([Reply("use_buttons", recap_end, first), Reply("use_buttons", recap_end, second)]))
    shown = "\n".join(screen)
    assert "  [1] ✏️ 1\n" in shown and "  [40] ✏️ 40\n" in shown
    assert "  [41] ✏️ 41\n" in shown and "  [43] Étape suivante ➡️" in shown
    assert chat.event("41").data == "e41" and chat.event("1").data == "e1" and chat.event("43").data == "next"
    assert chat.event("44").text == "44"   # no such button: typed text


def test_the_terminal_help_says_how_to_fix_a_typo_here(services, tmp_path):
    """Editing a sent message is Telegram's; in the terminal, "je voulais dire…" corrects the answer."""
    screen: list[str] = []
    script = iter(["Maison des Causses", "Larzac", "2", "/aide"])

    def read(prompt: str) -> str:
        line = next(script, None)
        if line is None:
            raise EOFError
        return line

    TerminalChat(services.engine, services.ui, tmp_path, read=read, write=screen.append).run()
    help_text = next(text for text in screen if text.startswith("❓ Comment fonctionne le guide"))
    assert "Une erreur dans votre dernière réponse ? Écrivez «\xa0Je voulais dire\xa0», puis la bonne réponse." \
           in help_text
    assert "modifier votre message" not in help_text
