"""Answer the guide through the chat the way a user would, by reading each message."""
from __future__ import annotations

from dialogs.loader import LoadedGuide
from dialogs.model import Question
from tests.support.projects import DEFAULTS
from tests.support.telegram import ChatClient, Sent

NEXT_STEP = "Étape suivante ➡️"
FINISHED = "toutes les étapes"


def question_in(guide: LoadedGuide, message: Sent) -> Question | None:
    """The question a bot message asks, found by its prompt."""
    if "· question" not in message.text:
        return None
    return next((q for q in guide.questions.values() if f"\n{q.prompt}\n" in f"\n{message.text}\n"), None)


def answer_text(question: Question, script: dict[str, str]) -> str:
    return script.get(question.id, DEFAULTS[question.kind])


async def walk_step(client: ChatClient, guide: LoadedGuide, replies: list[Sent], script: dict[str, str] | None = None,
                    limit: int = 80) -> list[Sent]:
    """Answer questions until the step's recap shows; returns the recap's replies."""
    for _ in range(limit):
        if NEXT_STEP in replies[-1].labels:
            return replies
        question = question_in(guide, replies[-1])
        assert question is not None, replies[-1].text
        replies = await client.send(answer_text(question, script or {}))
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
