"""Enter budget lines through the chat, as a user taps and types them."""
from __future__ import annotations

from tests.support.telegram import ChatClient, Sent

GROUP_BUTTON = {"investissement": "➕ Investissement", "fonctionnement": "➕ Fonctionnement"}


async def add_charge(client: ChatClient, use: str, category: str, amount: str, label: str | None = None) -> list[Sent]:
    await client.click(GROUP_BUTTON[use])
    replies = await client.click(category)
    if label is not None:
        assert "Quel libellé" in replies[-1].text
        await client.send(label)
    return await client.send(amount)


async def add_resource(client: ChatClient, category: str, use: str, amount: str,
                       label: str | None = None) -> list[Sent]:
    await client.click("➕ Ressource")
    await client.click(category)
    replies = await client.click("Fonctionnement" if use == "fonctionnement" else "Investissement")
    if label is not None:
        assert "Quel libellé" in replies[-1].text
        await client.send(label)
    return await client.send(amount)


# The conformant project's budget: 58 000 € of operating charges (subsidy 29 000 €), DETR for investment only.
CONFORMANT_BUDGET = [
    ("charge", "fonctionnement", "Salaires et charges", "40 000 €", None),
    ("charge", "fonctionnement", "Loyer ou hébergement", "6 000 €", None),
    ("charge", "fonctionnement", "Autre charge de fonctionnement", "12 000 €", "Entretien et ménage"),
    ("charge", "investissement", "Mobilier", "20 000 €", None),
    ("resource", "fonctionnement", "Commune", "10 000 €", None),
    ("resource", "investissement", "DETR", "20 000 €", None),
]


async def enter_budget(client: ChatClient, lines) -> list[Sent]:
    replies = await client.send("/budget")
    for section, use, category, amount, label in lines:
        if section == "charge":
            replies = await add_charge(client, use, category, amount, label)
        else:
            replies = await add_resource(client, category, use, amount, label)
    return replies
