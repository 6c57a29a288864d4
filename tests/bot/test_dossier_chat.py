"""/dossier through the real application: the completeness summary, then the files in the chat."""
from __future__ import annotations

import asyncio
import io
import re

import docx
from pypdf import PdfReader

from tests.bot.test_conversation import create_project
from tests.support.projects import CONFORMANT
from tests.support.telegram import FRANCE_SERVICES_RULES, ChatClient
from tests.support.walk import walk_guide

FILE_NAME = re.compile(r"^(dossier-labellisation|convention-cadre|checklist)-[a-z0-9-]+-\d{4}-\d{2}-\d{2}"
                       r"(-brouillon)?\.(pdf|docx)$")


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def docx_text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    headers = [p.text for section in document.sections for p in section.header.paragraphs]
    return "\n".join(headers + [p.text for p in document.paragraphs] + cells)


async def test_an_incomplete_project_gets_a_draft_with_what_is_missing(client, api):
    await create_project(client, "MSAP du Pays de Lure", "Haute-Saône")
    await client.send("Claire Morel")
    summary = (await client.send("/dossier"))[0]
    assert "À compléter avant le dossier final" in summary.text
    assert "Étape 1 : Quels enjeux la Maison doit-elle servir ?" in summary.text
    assert "📄 Dossier final" not in summary.labels and "📝 Brouillon" in summary.labels
    # A phone screen, not the whole list: a stage with many answers missing says how many; the draft has them all.
    lines = [line for line in summary.text.splitlines() if line.startswith("• Étape")]
    assert ("• Étape 2 : 5 réponses, dont « Quels services de l'offre de base la Maison assurera-t-elle ? »"
            in lines)
    assert "• Étape 1 : Avez-vous contacté votre référent en Préfecture ?" in lines  # three or fewer: each named
    await client.click("Brouillon")
    assert any(name == "sendChatAction" and params["action"] == "upload_document" for name, params in api.calls)
    names = [name for name, _, _ in api.documents]
    assert len(names) == 5 and all(FILE_NAME.match(name) for name in names), names
    assert all(name.startswith(("dossier-labellisation-msap-du-pays-de-lure-", "convention-cadre-msap-du-pays",
                                "checklist-msap-du-pays-de-lure-")) for name in names)
    assert all("brouillon" in caption for _, _, caption in api.documents)
    for name, content, _ in api.documents:
        text = pdf_text(content) if name.endswith(".pdf") else docx_text(content)
        assert "BROUILLON" in text, name
    dossier_pdf = next(content for name, content, _ in api.documents if name.startswith("dossier") and
                       name.endswith(".pdf"))
    reader = PdfReader(io.BytesIO(dossier_pdf))
    assert all("BROUILLON" in page.extract_text() for page in reader.pages)
    front = reader.pages[0].extract_text() + reader.pages[1].extract_text()
    assert "Étape 1 · Enjeux, objectifs et diagnostic : 1 réponse obligatoire manquante" in front
    assert "Quels enjeux la Maison doit-elle servir ?" not in front   # the chat's prompt stays in the chat


async def test_yes_or_brouillon_typed_under_dossier_asks_for_the_draft(client, api, services):
    """Typed instead of tapped, never taken for an answer to the guide's question out of sight."""
    await create_project(client, "MSAP du Pays de Lure", "Haute-Saône")
    await client.send("/dossier")
    sent = await client.send("oui")
    assert sent[0].text.startswith("📝 Préparation du brouillon")
    assert len(api.documents) == 5 and all("brouillon" in caption for _, _, caption in api.documents)
    await client.send("/dossier")
    await client.send("le brouillon")
    assert len(api.documents) == 10
    await client.send("/dossier")
    answered = await client.send("Claire Morel")  # other words answer the guide's question, as before
    assert "question 2/" in answered[-1].text


async def test_what_is_missing_is_listed_in_stage_order_with_the_budget_in_its_stage(client):
    await create_project(client, "France services de Lure", "Haute-Saône", FRANCE_SERVICES_RULES)
    summary = (await client.send("/dossier"))[0]
    lines = [line for line in summary.text.splitlines() if line.startswith("• Étape ")]
    stages = [int(line.split()[2]) for line in lines]
    assert stages == sorted(stages) and stages[-1] > 6, lines
    budget = lines.index("• Étape 6 : le budget (aucune charge de fonctionnement saisie, /budget)")
    assert stages[budget - 1] < 6 and stages[budget + 1] == 6, lines  # first of its stage, as in the draft


async def test_a_complete_project_gets_the_final_dossier(client, api, services):
    replies = await create_project(client, "MSAP du Saint-Affricain", "Sud-Aveyron")
    await walk_guide(client, services.guide, replies, CONFORMANT)  # the budget is entered on the way
    summary = (await client.send("/dossier"))[0]
    total = sum(check.kind == "exigence" for check in services.guide.checks)
    assert f"Exigences de la labellisation : les {total} sont respectées." in summary.text
    walked = len(api.documents)  # the walk got the committee's calendar file
    asked = await client.send("oui")  # both are offered: which one is asked, nothing is sent
    assert asked[0].text == "ℹ️ Lequel ? Touchez « 📄 Dossier final » ou « 📝 Brouillon »."
    assert len(api.documents) == walked
    await client.click("Dossier final")
    files = {name.rsplit(".", 1)[1] + ":" + name.split("-")[0]: content
             for name, content, _ in api.documents[walked:]}
    assert set(files) == {"pdf:dossier", "docx:dossier", "pdf:convention", "docx:convention", "pdf:checklist"}
    for key in ("pdf:dossier", "docx:dossier"):
        text = (pdf_text if key.startswith("pdf") else docx_text)(files[key])
        flat = " ".join(text.replace("\u202f", " ").split())
        for fact in ["MSAP du Saint-Affricain", "La Poste", "CAF", "MSA", "26 h par semaine", "58 000 €",
                     "29 000 €", "19 000 €"]:
            assert fact in flat, (key, fact)
        assert "BROUILLON" not in text


async def test_another_user_is_answered_while_a_dossier_renders(application, api, services):
    author, other = ChatClient(application, api, 6001, "Ana"), ChatClient(application, api, 6002, "Bruno")
    await create_project(author, "MSAP A", "Territoire A")
    await create_project(other, "MSAP B", "Territoire B")
    await application.start()
    try:
        await author.send("/dossier")
        from telegram import Update
        await application.update_queue.put(Update.de_json(author.button_update("Brouillon"), application.bot))
        await asyncio.sleep(0.05)  # the dossier is rendering in its worker thread now
        started = len(api.documents)
        await application.update_queue.put(Update.de_json(other.message_update("/aide"), application.bot))
        for _ in range(400):
            if any("Comment fonctionne le guide" in s.text for s in api.sent() if s.chat_id == 6002):
                break
            await asyncio.sleep(0.01)
        answered_before_files = len(api.documents) < 5
        for _ in range(1000):
            if len(api.documents) == 5:
                break
            await asyncio.sleep(0.02)
    finally:
        await application.stop()
    assert started == 0 and answered_before_files and len(api.documents) == 5
