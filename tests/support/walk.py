"""Answer the guide's questions through the chat the way a user would, by reading each message."""
from __future__ import annotations

from dialogs.loader import LoadedGuide
from dialogs.model import Kind, Question
from tests.support.telegram import ChatClient, Sent

SAMPLE_TEXT = {
    Kind.SHORT_TEXT: "Marie-Hélène Lefèvre 🙂",
    Kind.LONG_TEXT: "Un territoire rural de 12 000 habitants, où les services publics ferment.",
    Kind.INTEGER: "12 400",
    Kind.EUROS: "12 500 €",
    Kind.HOURS: "24h30",
    Kind.DATE: "15 mars 2027",
}


def question_in(guide: LoadedGuide, message: Sent) -> Question | None:
    """The question a bot message asks, found by its prompt."""
    if "· question" not in message.text:
        return None
    return next((q for q in guide.questions.values() if f"\n{q.prompt}\n" in f"\n{message.text}\n"), None)


async def answer(client: ChatClient, guide: LoadedGuide, message: Sent) -> list[Sent]:
    question = question_in(guide, message)
    assert question is not None, message.text
    if question.kind in SAMPLE_TEXT:
        return await client.send(SAMPLE_TEXT[question.kind])
    if question.kind is Kind.YES_NO:
        return await client.click("Oui")
    if question.kind is Kind.CHOICE:
        return await client.click(question.options[0].label)
    await client.click(question.options[0].label)
    return await client.click("Valider")


async def walk_step(client: ChatClient, guide: LoadedGuide, replies: list[Sent], limit: int = 80) -> list[Sent]:
    """Answer questions until the step's recap shows; returns the recap's replies."""
    for _ in range(limit):
        if any("Récapitulatif" in sent.text for sent in replies):
            return replies
        replies = await answer(client, guide, replies[-1])
    raise AssertionError("the step never reached its recap")
