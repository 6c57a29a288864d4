"""The documents of /dossier read as documents: no chat prompt, a convention written from the answers, and a
final dossier only for a project that meets every requirement."""
from __future__ import annotations

import re

from tests.bot.test_conversation import create_project
from tests.bot.test_dossier_chat import docx_text, pdf_text
from tests.support.projects import CONFORMANT
from tests.support.walk import walk_guide

# Every requirement answered, but the opening hours below the 24 hours of the cahier des charges.
SHORT_HOURS = {**CONFORMANT, "tech_horaires_mercredi": "9h-11h30", "tech_horaires_vendredi": "9h-12h"}


def squash(text: str) -> str:
    return "".join(text.replace("\u202f", " ").split())


async def documents(client, api, services, script: dict, button: str) -> dict[str, str]:
    """The text of each file sent for the dossier, by "<format>:<document>"."""
    replies = await create_project(client, "MSAP du Saint-Affricain", "Sud-Aveyron")
    await walk_guide(client, services.guide, replies, script)
    summary = (await client.send("/dossier"))[0]
    sent = len(api.documents)
    await client.click(button)
    files = {}
    for name, content, _ in api.documents[sent:]:
        key = name.rsplit(".", 1)[1] + ":" + name.split("-")[0]
        files[key] = pdf_text(content) if name.endswith(".pdf") else docx_text(content)
    return {"summary": summary.text, "labels": summary.labels, **files}


def articles(text: str) -> list[str]:
    """The ten articles of a convention's text, squashed."""
    flat = squash(text)
    bounds = [flat.index(f"Article{number}–") for number in range(1, 11)] + [flat.index("Signatures")]
    return [flat[bounds[n]:bounds[n + 1]] for n in range(10)]


async def test_no_prompt_of_the_guide_appears_in_any_document(client, api, services):
    files = await documents(client, api, services, CONFORMANT, "Dossier final")
    prompts = {question.id: squash(question.prompt) for question in services.guide.question_list}
    for key in ("pdf:dossier", "docx:dossier", "pdf:convention", "docx:convention", "pdf:checklist"):
        text = squash(files[key])
        found = [qid for qid, prompt in prompts.items() if prompt in text]
        assert found == [], (key, found)
        assert "BROUILLON" not in files[key], key


async def test_the_convention_is_written_from_the_answers_in_both_formats(client, api, services):
    files = await documents(client, api, services, CONFORMANT, "Dossier final")
    partners = ["La Poste, direction régionale Occitanie", "Caisse d'allocations familiales de l'Aveyron",
                "MSA Midi-Pyrénées Nord"]
    carrier = "Communauté de communes du Pays de Saint-Affrique"
    facts = [
        ["MSAP du Saint-Affricain"],
        ["2 avenue Victor-Hugo, 12400 Saint-Affrique", "120 m²"],
        [*partners, "Conseil départemental de l'Aveyron", "Commune de Belmont-sur-Rance, commune de Camarès"],
        [f"Le gestionnaire de la Maison, {carrier}", "Claire Morel"],
        ["Aide aux demandes de prestations et rendez-vous en visio avec un conseiller."],
        ["La Poste, direction régionale Occitanie : du personnel et des locaux.",
         "Deux jours de formation des agents et une borne de visio.", "29 000 €"],
        ["26 h par semaine"],
        ["M. Vidal, responsable du bureau de Saint-Affrique", "Mme Roques, conseillère territoriale"],
        ["mobilité réduite"],
        ["durée de trois ans", "reconduite tacitement", "préavis de trois mois"],
    ]
    for key in ("pdf:convention", "docx:convention"):
        parts = articles(files[key])
        for number, (article, expected) in enumerate(zip(parts, facts), start=1):
            for fact in expected:
                assert squash(fact) in article, (key, number, fact)
        text = squash(files[key])
        assert "____" not in text.split("Signatures")[0], key
        signatures = text.split("Signatures")[1]
        for name in [carrier, *partners]:
            assert squash(name) in signatures, (key, name)
        assert squash("Marie Fabre, Présidente de la communauté de communes") in text, key
        assert not re.search("(La|Une)(collectivité|structure)", signatures), key


async def test_the_dossier_opens_with_a_letter_and_the_carrier_s_identity(client, api, services):
    files = await documents(client, api, services, CONFORMANT, "Dossier final")
    for key in ("pdf:dossier", "docx:dossier"):
        text = squash(files[key])
        for fact in ["Madame la Préfète, Monsieur le Préfet,", "Fait à Saint-Affrique", "Marie Fabre",
                     "200 067 510 00012", "12 place de la Mairie, 12400 Saint-Affrique", "16 février 2027",
                     "Sophie Martin", "1,8", "La Maison associe 3 opérateurs nationaux"]:
            assert squash(fact) in text, (key, fact)
        assert text.index("Lettrededemande") < text.index("1.Identité") < text.index("11.Conformité")


async def test_a_requirement_not_met_keeps_the_dossier_a_draft(client, api, services):
    files = await documents(client, api, services, SHORT_HOURS, "Brouillon")
    assert "📄 Dossier final" not in files["labels"]
    assert "toutes les exigences de la labellisation seront respectées" in files["summary"]
    for key in ("pdf:dossier", "docx:dossier", "pdf:convention", "docx:convention"):
        assert "BROUILLON" in files[key], key
        assert "Horaires d'ouverture" in files[key], key
        assert "toutes respectées" not in files[key], key
    assert squash("Points en défaut") in squash(files["pdf:dossier"])


async def test_a_final_dossier_asked_for_an_incomplete_project_comes_out_as_a_draft(client, services):
    await create_project(client, "MSAP du Saint-Affricain", "Sud-Aveyron")
    files = services.documents.make(1, draft=False)
    assert all("-brouillon." in f.filename and "brouillon" in f.caption for f in files)
    assert all("BROUILLON" in pdf_text(f.content) for f in files if f.filename.endswith(".pdf"))
