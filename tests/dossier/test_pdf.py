"""The PDF documents read back with pypdf: contents, draft marker, convention blanks, checklist pages, safety."""
from __future__ import annotations

import dataclasses
import io
import logging
import re
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from functools import cache

import pytest
from pypdf import PdfReader
from pypdf.generic import NameObject

from dossier import pdf
from dossier.answers import Answers
from dossier.model import BudgetView, CarrierView, Party, PlanView
from dossier.view import conformity_fields
from dossier.word import render_convention_docx
from tests.dossier.sample import (COMPLETE_CONFORMITY, CONVENTION_TITLES, DRAFT_CONFORMITY, GROUP_HEADINGS, HOSTILE,
                                  KIND_NAMES, MISSING_BUDGET, VERDICTS, guide, msap, respect_summaries, sample_dossier,
                                  texts, ui)
from tests.dossier.test_docx import all_text, open_docx

RENDERERS = {
    "dossier": pdf.render_dossier_pdf,
    "convention": pdf.render_convention_pdf,
    "checklist": pdf.render_checklist_pdf,
}
MM = 72 / 25.4
TOP_MARGIN, BOTTOM_MARGIN = 22 * MM, 20 * MM  # as in documents.css: running header and footer live outside


def long_text() -> str:
    """10 000 characters: French sentences, a 2 000-character word, a line break."""
    sentence = "Rapprocher les services des habitants : œuvre commune, 12 500 € par an. "
    text = (sentence * 100)[:6000] + "x" * 2000 + "\n" + (sentence * 30)[:1999]
    assert len(text) == 10_000
    return text


def squash(text: str) -> str:
    """Text without any whitespace: pypdf splits lines wherever the layout wrapped them."""
    return "".join(text.split())


def reader(data: bytes) -> PdfReader:
    """A PdfReader whose fonts pypdf can decode.

    When a character has no glyph (the emoji of HOSTILE), WeasyPrint encodes that font with an embedded
    identity CMap instead of /Identity-H; pypdf 7 does not read embedded CMaps and would decode the page
    byte by byte. Both map two-byte codes to themselves, so naming /Identity-H changes nothing else.
    """
    document = PdfReader(io.BytesIO(data))
    for page in document.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            if not isinstance(font.get("/Encoding"), NameObject):
                font[NameObject("/Encoding")] = NameObject("/Identity-H")
    return document


def unhyphenated(text: str) -> str:
    """Text with the words the layout hyphenated at a line's end (U+2010, documents.css) joined again."""
    return text.replace("\u2010\n", "")


@cache
def page_texts(data: bytes) -> tuple[str, ...]:
    return tuple(unhyphenated(page.extract_text()) for page in reader(data).pages)


@cache
def body_texts(data: bytes) -> tuple[str, ...]:
    """Each page's text without the margin boxes (running header, footer, draft marker, page number)."""
    texts = []
    for page in reader(data).pages:
        height = float(page.mediabox.height)
        parts: list[str] = []

        def keep(text, cm, tm, font, size, parts=parts, height=height):
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            if BOTTOM_MARGIN < y < height - TOP_MARGIN:
                parts.append(text)

        page.extract_text(visitor_text=keep)
        texts.append(unhyphenated("".join(parts)))
    return tuple(texts)


class Collected(logging.Handler):
    """Keeps the records WeasyPrint logs while documents are rendered."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def render_all(dossier, timed: bool = False) -> tuple[dict[str, bytes], list[str]]:
    """The three documents and WeasyPrint's warnings and errors, printed timings on request (pytest -s)."""
    collected, logger = Collected(), logging.getLogger("weasyprint")
    logger.addHandler(collected)
    try:
        documents = {}
        for name, render in RENDERERS.items():
            started = time.perf_counter()
            documents[name] = render(dossier)
            if timed:
                print(f"\n{render.__name__}, complete sample: {time.perf_counter() - started:.2f} s", end="")
    finally:
        logger.removeHandler(collected)
    return documents, collected.messages


@pytest.fixture(scope="module")
def complete_and_logs():
    return render_all(sample_dossier(), timed=True)


@pytest.fixture(scope="module")
def complete(complete_and_logs) -> dict[str, bytes]:
    return complete_and_logs[0]


@pytest.fixture(scope="module")
def draft_and_logs():
    return render_all(sample_dossier(draft=True))


@pytest.fixture(scope="module")
def draft(draft_and_logs) -> dict[str, bytes]:
    return draft_and_logs[0]


@pytest.fixture(scope="module")
def hostile():
    """The three documents of a draft full of hostile text, and every URL the fetcher was asked for."""
    asked: list[str] = []
    original = pdf.AssetFetcher.fetch

    def recording(self, url, headers=None):
        asked.append(url)
        return original(self, url, headers)

    dossier = sample_dossier(draft=True, hostile=HOSTILE, long_text=long_text())
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pdf.AssetFetcher, "fetch", recording)
        documents = {name: render(dossier) for name, render in RENDERERS.items()}
    return documents, asked


# The complete sample.

def test_the_complete_dossier_holds_the_whole_project(complete):
    text = squash("".join(page_texts(complete["dossier"])))
    dossier = sample_dossier()
    expected_texts = [
        "MSAP du Saint-Affricain", "Dossier de demande de labellisation", "Communauté de communes du Saint-Affricain",
        "Claire Morel", "27 novembre 2026", dossier.referential, "Caisse d'allocations familiales de l'Aveyron",
        "La Poste, direction régionale Occitanie", "MSA Midi-Pyrénées Nord", "Conseil départemental de l'Aveyron",
        "200 039 555 00017", "12 place de la Mairie, 12400 Saint-Affrique", "Sébastien David", "14 février 2027",
        "Fait à Saint-Affrique, le 27 novembre 2026", "Paul Martin, conseiller", "Signée, le 2 mars 2027",
        "Elle réunit 3 opérateurs nationaux : La Poste, la CAF et la MSA", "Vendredi", "9 h – 12 h, 14 h – 17 h",
        "30 h par semaine", "Point d'accueil, Point d'attente et Espace confidentiel", "Julie Bernard", "0,5",
        "1,5 ETP", "Rapprocher les services publics des habitants du Sud-Aveyron.", "140 m²",
        "58 000 €", "20 000 €", "29 000 €", "50 % de 58 000 € = 29 000 €", "19 000 €", "32,8 %",
        "4 mois d'activité", "12 octobre 2027", "Ouverture de la Maison au public", *dossier.annexes,
        "Opérateurs partenaires : La Poste, CAF et MSA.",
        "Le prochain comité se tiendra le 12 octobre 2027 (14 h – 16 h), lieu : Salle du conseil de la CC.",
    ]
    for expected in expected_texts:
        assert squash(expected) in text, expected
    assert "BROUILLON" not in text


def conformity_part(data: bytes) -> str:
    """The conformity part of the dossier, squashed."""
    text = squash("".join(body_texts(data)))
    start, end = (text.index(squash(heading)) for heading in ("11. Conformité aux exigences de la labellisation",
                                                             "12. Pièces jointes"))
    return text[start:end]


@pytest.mark.parametrize("is_draft", [False, True])
def test_conformity_is_the_count_then_the_three_groups_each_rule_in_the_words_of_its_kind(complete, draft, is_draft):
    sample = sample_dossier(draft=is_draft)
    part = conformity_part((draft if is_draft else complete)["dossier"])
    sentence = squash(DRAFT_CONFORMITY if is_draft else COMPLETE_CONFORMITY)
    assert part.startswith(squash("11. Conformité aux exigences de la labellisation") + sentence)
    bounds = [part.find(squash(heading)) for heading in GROUP_HEADINGS] + [len(part)]
    assert -1 not in bounds and bounds == sorted(bounds)
    for number, kind in enumerate(VERDICTS):
        group = part[bounds[number]:bounds[number + 1]]
        for check in sample.checks:
            printed = squash(check.title) + squash(VERDICTS[kind].get(check.state, ""))
            assert (printed in group) == (check.kind == kind), (kind, check.title)
            assert squash(check.reason) in part
            if check.kind == kind == "exigence" and check.evidence:
                assert squash(check.evidence) in group


def test_the_count_is_in_the_summary_too_and_says_toutes_respectees_only_when_all_are(complete, draft):
    for documents, sentence, summaries in ((complete, COMPLETE_CONFORMITY, ["toutes respectées"] * 2),
                                           (draft, DRAFT_CONFORMITY, [])):
        text = "".join(body_texts(documents["dossier"]))
        summary = squash(text)[squash(text).index(squash("2. Synthèse du projet")):]
        assert summary.startswith(squash("2. Synthèse du projet")) and squash(sentence) in summary
        assert squash(text).count(squash(sentence)) == (3 if documents is draft else 2)
        assert respect_summaries("\n".join(page_texts(documents["dossier"]))) == summaries


def test_a_group_without_rules_keeps_its_heading_and_says_so():
    sample = sample_dossier(draft=True)
    only_requirements = [check for check in sample.checks if check.kind == "exigence"]
    dossier = dataclasses.replace(sample, **conformity_fields(only_requirements, texts(), msap().requirements_basis))
    part = conformity_part(pdf.render_dossier_pdf(dossier))
    assert part.count(squash("Aucun point de contrôle de ce type.")) == 2
    assert all(squash(heading) in part for heading in GROUP_HEADINGS)


def test_the_sections_follow_the_order_an_instructor_reads(complete):
    text = squash("".join(body_texts(complete["dossier"])))
    headings = ["Lettre de demande", "1. Identité de la structure porteuse", "2. Synthèse du projet",
                "3. Le territoire et ses besoins", "4. Les partenaires", "5. L'offre de services et les horaires",
                "6. Les locaux", "7. L'équipe", "8. Budget prévisionnel 2027", "9. Gouvernance",
                "10. Calendrier", "11. Conformité aux exigences de la labellisation", "12. Pièces jointes"]
    positions = [text.find(squash(heading)) for heading in headings]
    assert -1 not in positions, dict(zip(headings, positions))
    assert positions == sorted(positions)


def test_the_cover_and_the_letter_stand_alone_and_pages_are_numbered(complete):
    pages = page_texts(complete["dossier"])
    assert "Dossier de demande de labellisation" in pages[0] and "Communauté de communes" in pages[0]
    assert "Lettre de demande" not in pages[0] and "Lettre de demande" in pages[1]
    assert "Madame la Préfète, Monsieur le Préfet," in pages[1] and "Identité de la structure" not in pages[1]
    assert squash("de financement (FNADT et fonds inter-opérateurs)") in squash(pages[0])  # the funds the subsidy is from
    assert squash("de fonctionnement (FNADT et fonds inter-opérateurs).") in squash(pages[1])
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} / {len(pages)}" in text


def test_weasyprint_understands_everything_and_fetches_what_it_needs(complete_and_logs, draft_and_logs):
    assert complete_and_logs[1] == [] and draft_and_logs[1] == []  # no CSS warning, no refused or missing asset


# Drafts.

@pytest.mark.parametrize("name", sorted(RENDERERS))
def test_a_draft_says_brouillon_on_every_page(draft, name):
    pages = page_texts(draft[name])
    assert len(pages) == 2 if name == "checklist" else len(pages) > 2
    for number, text in enumerate(pages, start=1):
        assert "BROUILLON" in text, f"{name}, page {number}"


@pytest.mark.parametrize("name", sorted(RENDERERS))
def test_a_draft_lists_what_is_missing_at_the_front(draft, name):
    front = squash("".join(page_texts(draft[name])[:2]))
    dossier = sample_dossier(draft=True)
    start = front.index(squash("Éléments à compléter avant"))
    assert front.index(squash(DRAFT_CONFORMITY)) > start
    missing = front.index(squash("Réponses obligatoires manquantes"))
    unmet = front.index(squash("Points en défaut"))
    assert start < missing < unmet
    assert squash("•".join(["", *dossier.missing])) in front[missing:unmet]
    assert squash(MISSING_BUDGET) in front[missing:unmet]
    in_kind_order = [c for kind in KIND_NAMES for c in dossier.checks if c.kind == kind and c.state == "not_met"]
    items = [f"{KIND_NAMES[c.kind]} · {c.title} : {c.reason} (Fiche technique : « {c.fiche} »)"
             for c in in_kind_order]
    assert squash("•".join(["", *items])) in front[unmet:]


# The convention.

def articles(data: bytes) -> list[str]:
    """The ten articles of a convention, squashed, each up to the next (the last up to the signatures)."""
    text = squash("".join(body_texts(data)))
    bounds = [text.find(squash(title)) for title in CONVENTION_TITLES] + [text.find("Signatures")]
    assert -1 not in bounds and bounds == sorted(bounds), bounds
    return [text[bounds[n]:bounds[n + 1]] for n in range(10)]


@pytest.mark.parametrize("is_draft", [False, True])
def test_the_convention_has_visas_parties_and_the_ten_articles_in_order(complete, draft, is_draft):
    data = (draft if is_draft else complete)["convention"]
    text = squash("".join(body_texts(data)))
    assert len(articles(data)) == 10
    assert squash("Vu le décret n° 2016-403 du 4 avril 2016 relatif aux maisons de services au public") in text
    assert squash("loi n° 2000-321 du 12 avril 2000") in text and squash("notamment son article 27") in text
    assert text.index("Visas") < text.index("Parties") < text.index(squash(CONVENTION_TITLES[0]))


def test_the_complete_convention_is_written_from_the_answers_without_blanks(complete):
    parts = articles(complete["convention"])
    expected = [
        ["MSAP du Saint-Affricain", "Communauté de communes du Saint-Affricain", "18 500 habitants"],
        # "est situé Centre technique départemental, …": any place reads after the same words
        ["est situé à l'adresse suivante : 12 place de la Mairie, 12400 Saint-Affrique", "140 m²"],
        ["Caisse d'allocations familiales de l'Aveyron", "MSA Midi-Pyrénées Nord", "Conseil départemental"],
        ["Le gestionnaire de la Maison, Communauté de communes du Saint-Affricain", "Claire Morel"],
        ["mise en relation des usagers", "Services de Caisse d'allocations familiales de l'Aveyron."],
        ["Caisse d'allocations familiales de l'Aveyron : de la formation et du personnel. Une permanence le mardi "
         "matin.", "29 000 €"],
        ["30 h par semaine", "9 h – 12 h, 14 h – 17 h", "un mardi sur deux"],
        ["Paul Martin, conseiller", "sous l'autorité de leur employeur", "Un bureau est réservé"],
        ["accessibles aux personnes à mobilité réduite", "visioconférence", "à domicile"],
        ["trois ans", "reconduite tacitement", "préavis de trois mois", "avenant"],
    ]
    for number, (article, facts) in enumerate(zip(parts, expected), start=1):
        for fact in facts:
            assert squash(fact) in article, (number, fact)
    assert "____" not in squash("".join(body_texts(complete["convention"])).split("Signatures")[0])
    assert ".." not in parts[5]


def test_a_closing_guillemet_never_starts_a_line():
    dossier = dataclasses.replace(sample_dossier(draft=True), project="France services du Larzac")
    data = pdf.render_convention_pdf(dossier)  # the title wraps just before its "»"
    lines = [line.strip() for text in page_texts(data) for line in text.splitlines()]
    assert not any(line.startswith("»") for line in lines)
    assert any(line.endswith("Larzac\u00a0»") for line in lines)
    word = all_text(open_docx(render_convention_docx(dossier)))
    assert "«\u00a0France services du Larzac\u00a0»" in word and "« " not in word and " »" not in word


def test_a_carrier_named_with_brackets_gets_its_kind_without_more_brackets():
    """"Centre social Le Lien (association loi 1901) (une structure existante)" read as two asides in a row."""
    sample = sample_dossier(draft=True)
    carrier = dataclasses.replace(sample.carrier, name="Centre social Le Lien (association loi 1901)")
    article = articles(pdf.render_convention_pdf(dataclasses.replace(sample, carrier=carrier)))[3]
    assert squash("Le gestionnaire de la Maison, Centre social Le Lien (association loi 1901), la collectivité "
                  "locale, en assure") in article


def test_a_missing_answer_is_a_visible_blank_in_its_article(draft):
    sample = sample_dossier(draft=True)
    carrier = dataclasses.replace(sample.carrier, name="", representative="")
    data = pdf.render_convention_pdf(dataclasses.replace(sample, carrier=carrier, parties=[
        dataclasses.replace(sample.parties[0], name="", representative=""), *sample.parties[1:]]))
    parts = articles(data)
    assert "LegestionnairedelaMaison,____" in parts[3]
    assert "BROUILLON" in "".join(page_texts(data))


def test_a_signatory_named_by_function_reads_inside_the_sentence(draft):
    """Plouaret: "La Poste, direction régionale Bretagne, ayant pour signataire Le directeur régional," kept the
    capital a phone gives; a name keeps its own ("M. Vidal")."""
    sample = sample_dossier(draft=True)
    party = dataclasses.replace(sample.parties[1], name="La Poste, direction régionale Bretagne",
                                representative="Le directeur régional")
    data = pdf.render_convention_pdf(dataclasses.replace(sample, parties=[sample.parties[0], party,
                                                                          *sample.parties[2:]]))
    text = squash("".join(page_texts(data)))
    assert squash("La Poste, direction régionale Bretagne, ayant pour signataire le directeur régional,") in text


def test_parties_and_signatures_carry_legal_names_never_a_category(complete):
    text = squash("".join(page_texts(complete["convention"])))
    for party in sample_dossier().parties:
        assert squash(f"{party.name}{party.representative}Signature") in text  # its signature block
        assert (squash(f"{party.name}, ayant pour signataire {party.representative}") in text
                or party.role == "gestionnaire")
    assert "Lacollectivitélocale" not in text.split("Signatures")[1] and "représenté" not in text
    assert squash(f"en {len(sample_dossier().parties)} exemplaires originaux.") in text


# The checklist.

def test_the_checklist_gives_each_stage_its_own_page(complete):
    pages = [squash(text) for text in page_texts(complete["checklist"])]
    assert len(pages) == 2
    assert squash("Étape 1 – Établir un diagnostic pour définir le projet") in pages[0]
    assert "☑Identifierunchefdeprojet" in pages[0]
    assert "☐VisiterdesMaisonsexistantes" in pages[0]
    assert "Monterlepartenariat" not in pages[0]
    assert squash("Étape 2 – Monter le partenariat") in pages[1]
    assert "☐Signerlaconventionglobale" in pages[1]
    assert "☑" not in pages[1]
    assert "1actionréaliséesur2" in pages[0] and "0actionréaliséesur1" in pages[1]


# Hostile and long text.

@pytest.mark.parametrize("name", sorted(RENDERERS))
def test_hostile_text_comes_back_verbatim_and_inert(hostile, name):
    documents, _ = hostile
    text = squash("".join(body_texts(documents[name])))
    assert text.count(squash(HOSTILE)) >= (3 if name == "dossier" else 1)  # project twice, La Poste's services
    assert "49" not in text


def test_a_long_answer_comes_back_whole(hostile):
    documents, _ = hostile
    assert squash(long_text()) in squash("".join(body_texts(documents["dossier"])))


def test_the_fetcher_was_asked_only_for_the_assets(hostile):
    _, asked = hostile
    assert set(asked) == set(pdf.assets())  # the stylesheet and the fonts, nothing from the user's text
    assert not any("evil" in url for url in asked)


def test_control_characters_are_dropped_not_fatal():
    dossier = sample_dossier(hostile="a\x00b\x07c\x1bd\x7fe\x85f\ud800g\ufffeh\ti")
    text = squash("".join(page_texts(pdf.render_checklist_pdf(dossier))))
    assert "abcdefgh" + "i" in text


def test_a_long_word_in_a_narrow_column_is_hyphenated_not_cut(complete):
    """The team's "Fonction" column holds "Accompagnement": "Accompa‐" then "gnement", never "Accompagneme" then
    "nt" as a bare cut (documents.css); whole words keep no hyphen once the lines are joined."""
    raw = "\n".join(page.extract_text() for page in reader(complete["dossier"]).pages)
    team = raw.split("7. L'équipe")[1].split("8. Budget")[0]
    assert "Accompa\u2010\ngnement" in team
    assert not re.search(r"Accompagn?e?m?e?\n", team)
    assert "Accompagnement" in unhyphenated(team)


def test_french_typography_renders(caplog):
    french = "Cœur de bourg\u202f: 12\u202f500\u00a0€, « accueil »"
    dossier = dataclasses.replace(sample_dossier(), project=french)
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        text = "".join(page_texts(pdf.render_checklist_pdf(dossier)))
    assert "œ" in text and "€" in text and "«" in text
    assert squash(french) in squash(text)
    assert not [record for record in caplog.records if "notdef" in record.getMessage()]  # every glyph exists


# The URL fetcher.

@pytest.mark.parametrize("url", [
    "http://evil.example/x.png", "https://evil.example/a.css", "data:text/css,body{}", "file:///etc/passwd",
    "ftp://evil.example/x", "//evil.example/x.png",
])
def test_the_fetcher_refuses_foreign_urls(url):
    with pytest.raises(pdf.RefusedURL):
        pdf.AssetFetcher().fetch(url)


@pytest.mark.parametrize("path", [
    "../../../etc/passwd", "../documents/documents.css", "dossier.html.j2", "documents.css?v=1", "documents.css#x",
    "fonts/", "fonts/DejaVuSerif.ttf", "fonts/NotoColorEmoji.ttf?x", "fonts/../documents.css",
])
def test_the_fetcher_refuses_other_files_near_the_assets(path):
    with pytest.raises(pdf.RefusedURL):
        pdf.AssetFetcher().fetch(pdf.base_url() + path)


def test_the_fetcher_serves_the_stylesheet_and_fonts():
    for url, path in pdf.assets().items():
        response = pdf.AssetFetcher().fetch(url)
        try:
            assert response.read() == path.read_bytes()
        finally:
            response.close()
        assert response.content_type == ("text/css" if url.endswith(".css") else "font/ttf")


def test_the_fonts_are_debian_files_found_by_name_and_a_missing_one_says_what_to_install(monkeypatch, tmp_path):
    assert {path.name for path in pdf.font_files().values()} == set(pdf.FONTS.values())
    monkeypatch.setattr(pdf, "FONT_ROOTS", (tmp_path,))
    pdf.font_files.cache_clear()
    try:
        with pytest.raises(pdf.MissingFont, match="fonts-noto-color-emoji"):
            pdf.font_files()
    finally:
        pdf.font_files.cache_clear()


def test_document_fonts_set_up_what_weasyprint_s_own_configuration_does():
    # DocumentFonts replaces FontConfiguration.__init__ (to leave the system's fonts out): same attributes.
    assert set(vars(pdf.DocumentFonts())) == set(vars(pdf.FontConfiguration()))


def test_making_pdfs_does_not_load_matplotlib():
    code = "import sys, dossier.pdf; sys.exit('matplotlib' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_weasyprint_skips_a_refused_url_with_a_logged_error(caplog):
    markup = ('<p>Texte</p><img src="http://evil.example/x.png">'
              '<link rel="stylesheet" href="https://evil.example/a.css">')
    with caplog.at_level(logging.ERROR, logger="weasyprint"):
        data = pdf.HTML(string=markup, base_url=pdf.base_url(), url_fetcher=pdf.AssetFetcher()).write_pdf()
    assert "Texte" in page_texts(data)[0]
    refused = [record.getMessage() for record in caplog.records if "RefusedURL" in record.getMessage()]
    assert len(refused) == 2


# Robustness.

def test_an_empty_dossier_renders_with_blanks_everywhere():
    plan = PlanView("", "", "", "", "", empty=True)
    sample = sample_dossier(draft=True)
    empty = dataclasses.replace(
        sample, a=Answers(guide().questions, {}, ui()), territory="", leader="", leader_function="", missing=[],
        carrier=CarrierView(*[""] * 9), partners=[], local_partners=[], parties=[Party("gestionnaire", "", "")],
        schedule=[], schedule_total="", team=[], team_fte="", milestones=[],
        **conformity_fields([], texts(), msap().requirements_basis),
        annexes=[], checklist=[], budget=BudgetView("", [], [], "", "", [], "", "", plan, plan, []),
    )
    dossier_text = squash("".join(page_texts(pdf.render_dossier_pdf(empty))))
    assert "BROUILLON" in dossier_text and dossier_text.count("____") >= 10
    assert "_Aucunopérateur" not in dossier_text  # a sentence, not a blank to fill
    assert "Soldeéquilibré" not in dossier_text.lower() and "Solde——" in dossier_text  # no budget: no balance
    convention = squash("".join(page_texts(pdf.render_convention_pdf(empty))))
    assert convention.count("____") >= 12 and "BROUILLON" in convention
    assert "enunexemplaireoriginal." in convention  # one party so far: not "1 exemplaires"
    assert len(page_texts(pdf.render_checklist_pdf(empty))) == 1


def test_threads_render_the_same_documents(draft):
    dossier = sample_dossier(draft=True)
    alone = {name: page_texts(data) for name, data in draft.items()}
    with ThreadPoolExecutor(max_workers=3) as pool:
        futures = {name: pool.submit(render, dossier) for name, render in RENDERERS.items()}
        together = {name: page_texts(future.result()) for name, future in futures.items()}
    assert together == alone


def test_the_environment_is_built_once():
    assert pdf.environment() is pdf.environment()
    assert pdf.environment().autoescape is True


def test_the_letters_signature_line_starts_the_function_with_a_capital():
    """"le président, Raphaël Daubet" stores "président": under the name, on a line of its own, the letter prints
    "Président"; within a sentence or a table cell the function stays as typed."""
    sample = sample_dossier(draft=False)
    dossier = dataclasses.replace(sample, carrier=dataclasses.replace(
        sample.carrier, representative="Raphaël Daubet", function="président de Cauvaldor"))
    text = "".join(page_texts(pdf.render_dossier_pdf(dossier)))
    assert "Raphaël Daubet\nPrésident de Cauvaldor\nSignature et cachet" in text
    assert "Raphaël Daubet, président de Cauvaldor" in text


def test_the_partners_table_heads_their_contributions_as_what_they_are(complete):
    """What each operator brings (staff, premises, funding) stood under « Modalités de présence »: a Préfecture
    reader took "Une participation au financement" for how the CAF would be present."""
    text = squash("".join(page_texts(complete["dossier"])))
    assert squash("Partenaire Services rendus dans la Maison Apports Référent interne Convention locale") in text
    assert squash("Modalités de présence") not in text
