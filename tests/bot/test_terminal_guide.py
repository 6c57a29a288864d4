"""The whole fiche in the terminal, as a newcomer without a token would go through it."""
from __future__ import annotations

import re

from bot.terminal import TerminalChat
from dialogs.model import Kind
from tests.support.projects import CONFORMANT, DEFAULTS


def test_the_whole_guide_in_the_terminal(services):
    guide = services.guide
    prompts = {q.prompt: q for q in guide.question_list}
    screen: list[str] = []
    typed: list[str] = []
    pending = ["MSAP de Saint-Affrique", "Sud-Aveyron"]

    def read(_prompt: str) -> str:
        assert len(typed) < 3 * len(guide.question_list), "\n".join(screen[-6:])
        if pending:
            typed.append(pending.pop(0))
            return typed[-1]
        last = "\n".join(screen[-3:])
        screen.clear()
        if "/conformite" in typed:
            raise EOFError  # Ctrl+D
        if "toutes les étapes" in last:
            typed.append("/conformite")
            return "/conformite"
        if (button := re.search(r"\[(#?\d+)\] Étape suivante", last)) is not None:
            typed.append(button.group(1))
            return typed[-1]
        question = next((q for prompt, q in prompts.items() if f"\n{prompt}\n" in f"\n{last}\n"), None)
        assert question is not None, last
        answer = CONFORMANT.get(question.id, DEFAULTS[question.kind])
        if question.kind is Kind.MULTI and answer.isdigit():  # a number ticks a box: then press "Valider"
            pending.append(re.search(r"\[(\d+)\] ✅ Valider", last).group(1))
        typed.append(answer)
        return answer

    out: list[str] = []

    def write(text: str) -> None:
        screen.append(text)
        out.append(text)

    TerminalChat(services.engine, services.renderer, services.ui, read=read, write=write).run()
    shown = "\n".join(out)
    assert "<" not in shown.replace("<b>", "")  # no markup leaks into the terminal but what users typed
    for stage in guide.stages:
        assert f"Étape {stage.order} terminée : {stage.title}" in shown
    total = len(guide.checks)
    assert f"Conformité au cahier des charges : {total} sur {total}" in shown
    assert "Total : 26 h par semaine" in shown
    assert len(typed) > len(guide.question_list) // 2
