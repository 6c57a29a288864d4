"""Answer the guide through the chat the way a user would, by reading each message."""
from __future__ import annotations

import re

from dialogs.loader import LoadedGuide
from dialogs.model import Kind, Question
from tests.support.projects import DEFAULTS, MEETING_HOURS
from tests.support.telegram import ChatClient, Sent

NEXT_STEP = "Étape suivante ➡️"
FINISHED = "toutes les étapes"
DEFER = "🕓 Je ne sais pas encore"
VALIDATE = "✅ Valider"
# A done thing dated before the tests' today (1 July 2027), a planned one after it.
DATES = {"past": "15 mars 2027", "future": "15 mars 2028", "nearest": "15 mars 2027"}


def kept_without(answer: str, *unkept: str) -> str:
    """The chat's reply to an answer kept without what it was said with."""
    said = ", ".join(f"« {words} »" for words in unkept)
    verb = "n'est pas enregistré" if len(unkept) == 1 else "ne sont pas enregistrés"
    return f"➡️ Réponse retenue : {answer}.\nℹ️ Cette question ne garde pas de précision : {said} {verb}."


def question_in(guide: LoadedGuide, message: Sent) -> Question | None:
    """The question a bot message asks, found by its prompt."""
    if "· question" not in message.text:
        return None
    text = f"\n{message.text}\n"
    return next((q for q in guide.questions.values() if f"\n{q.prompt}\n" in text or (
        q.named is not None and re.search("\n" + re.escape(q.named.prompt).replace(r"\{name\}", ".+") + "\n", text))),
        None)


def answer_text(question: Question, script: dict) -> str:
    if question.id in script:
        return script[question.id]
    if question.kind is Kind.DATE and question.timing is not None:
        return DATES[question.timing]
    if question.kind is Kind.TIME_RANGES and question.min:
        return MEETING_HOURS  # a meeting's hour, never "fermé"
    return DEFAULTS[question.kind]


async def enter_lines(client: ChatClient, lines) -> list[Sent]:
    """Budget lines typed in a guide question: (category, use or None, amount, label or None) each."""
    replies: list[Sent] = []
    for category, use, amount, label in lines:
        replies = await client.click(category)
        if use is not None:
            replies = await client.click(use.capitalize())
        if label is not None:
            assert "Quel libellé" in replies[-1].text
            await client.send(label)
        replies = await client.send(amount)
    return replies


async def answer(client: ChatClient, question: Question, script: dict) -> list[Sent]:
    """Answer one question the way a user would: typing, or tapping for budget lines."""
    if question.kind is Kind.BUDGET:
        if question.id not in script:
            return await client.click(DEFER)
        await enter_lines(client, script[question.id])
        return await client.click(VALIDATE)
    return await client.send(answer_text(question, script))


async def answer_until(client: ChatClient, guide: LoadedGuide, replies: list[Sent], question_id: str,
                       limit: int = 300) -> list[Sent]:
    """Answer with the defaults, and go to each next step, until the question is asked; returns the replies asking
    it. A question the defaults hide is never asked: the walk fails, naming the last question, rather than runs on."""
    for _ in range(limit):
        if (asked := question_in(guide, replies[-1])) is not None and asked.id == question_id:
            return replies
        replies = await answer(client, asked, {}) if asked else await client.click(NEXT_STEP)
    raise AssertionError(f"« {question_id} » not asked after {limit} answers; last: {replies[-1].text[:200]}")


async def walk_step(client: ChatClient, guide: LoadedGuide, replies: list[Sent], script: dict | None = None,
                    limit: int = 200) -> list[Sent]:
    """Answer questions until the step's recap shows; returns the recap's replies."""
    for _ in range(limit):
        if NEXT_STEP in replies[-1].labels:
            return replies
        question = question_in(guide, replies[-1])
        assert question is not None, replies[-1].text
        replies = await answer(client, question, script or {})
    raise AssertionError("the step never reached its recap")


async def walk_guide(client: ChatClient, guide: LoadedGuide, replies: list[Sent], script: dict[str, str]) -> list[Sent]:
    """Answer every step of every stage, moving on from each recap, until the end of the guide."""
    seen = []
    for _ in range(len(guide.steps) + 1):
        if any(FINISHED in r.text for r in replies):
            return seen
        recap = await walk_step(client, guide, replies, script)
        seen.append(recap[-1])
        replies = await client.click("Étape suivante")
        seen += replies
    raise AssertionError("the guide never finished")
