"""The PDF documents read back with pypdf: contents, draft marker, convention blanks, checklist pages, safety."""
from __future__ import annotations

import dataclasses
import io
import logging
import time
from concurrent.futures import ThreadPoolExecutor
from functools import cache

import pytest
from pypdf import PdfReader
from pypdf.generic import NameObject

from dossier import pdf
from dossier.model import BudgetView, ConventionItem, PlanView
from dossier.view import conformity_fields
from tests.dossier.sample import (COMPLETE_CONFORMITY, CONVENTION_TITLES, DRAFT_CONFORMITY, GROUP_HEADINGS, HOSTILE,
                                  KIND_NAMES, MISSING_BUDGET, VERDICTS, respect_summaries, sample_dossier, texts)

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


@cache
def page_texts(data: bytes) -> tuple[str, ...]:
    return tuple(page.extract_text() for page in reader(data).pages)


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
        texts.append("".join(parts))
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
        "La collectivité locale", "Claire Morel", "27 novembre 2026", dossier.referential, "La Poste", "CAF", "MSA",
        "Services postaux", "en discussion", "2 mars 2027", "Missions locales", "Réseau d'antennes", "Vendredi",
        "9 h – 12 h, 14 h – 16 h", "26 h par semaine", "Espace confidentiel", "Postes informatiques", "1,5 ETP",
        "Rapprocher les services des habitants.", "Quel temps pourra-t-il consacrer au projet ?",
        "58 000 €", "20 000 €", "29 000 €", "50 % de 58 000 € = 29 000 €", "19 000 €", "32,8 %",
        "4 mois d'activité", "20 octobre 2028", *dossier.annexes,
    ]
    for expected in expected_texts:
        assert squash(expected) in text, expected
    assert "BROUILLON" not in text


def conformity_part(data: bytes) -> str:
    """Part 8 of the dossier, squashed."""
    text = squash("".join(body_texts(data)))
    start, end = (text.index(squash(heading)) for heading in ("8. Conformité au cahier des charges", "9. Budget"))
    return text[start:end]


@pytest.mark.parametrize("is_draft", [False, True])
def test_conformity_is_the_count_then_the_three_groups_each_rule_in_the_words_of_its_kind(complete, draft, is_draft):
    sample = sample_dossier(draft=is_draft)
    part = conformity_part((draft if is_draft else complete)["dossier"])
    sentence = squash(DRAFT_CONFORMITY if is_draft else COMPLETE_CONFORMITY)
    assert part.startswith(squash("8. Conformité au cahier des charges") + sentence)
    bounds = [part.find(squash(heading)) for heading in GROUP_HEADINGS] + [len(part)]
    assert -1 not in bounds and bounds == sorted(bounds)
    for number, kind in enumerate(VERDICTS):
        group = part[bounds[number]:bounds[number + 1]]
        for check in sample.checks:
            printed = squash(check.title) + squash(check.reason) + squash(VERDICTS[kind].get(check.state, ""))
            assert (printed in group) == (check.kind == kind), (kind, check.title)


def test_the_count_is_in_the_summary_too_and_says_toutes_respectees_only_when_all_are(complete, draft):
    for documents, sentence, summaries in ((complete, COMPLETE_CONFORMITY, ["toutes respectées"] * 2),
                                           (draft, DRAFT_CONFORMITY, [])):
        text = "".join(body_texts(documents["dossier"]))
        summary = squash(text)[squash(text).index(squash("1. Synthèse du projet")):]
        assert summary.startswith(squash("1. Synthèse du projet")) and squash(sentence) in summary
        assert squash(text).count(squash(sentence)) == (3 if documents is draft else 2)
        assert respect_summaries("\n".join(page_texts(documents["dossier"]))) == summaries


def test_a_group_without_rules_keeps_its_heading_and_says_so():
    sample = sample_dossier(draft=True)
    only_requirements = [check for check in sample.checks if check.kind == "exigence"]
    dossier = dataclasses.replace(sample, **conformity_fields(only_requirements, texts()))
    part = conformity_part(pdf.render_dossier_pdf(dossier))
    assert part.count(squash("Aucun point de contrôle de ce type.")) == 2
    assert all(squash(heading) in part for heading in GROUP_HEADINGS)


def test_the_sections_follow_the_brief_in_order(complete):
    text = squash("".join(body_texts(complete["dossier"])))
    headings = ["1. Synthèse du projet", "2. Le projet, étape par étape", "3. Partenariat",
                "4. Modalités de délivrance", "5. Horaires d'ouverture", "6. Locaux et équipements",
                "7. Équipe et formation", "8. Conformité au cahier des charges", "9. Budget prévisionnel 2027",
                "10. Suivi de l'activité", "11. Pièces à joindre"]
    positions = [text.find(squash(heading)) for heading in headings]
    assert -1 not in positions, dict(zip(headings, positions))
    assert positions == sorted(positions)


def test_the_cover_page_stands_alone_and_pages_are_numbered(complete):
    pages = page_texts(complete["dossier"])
    assert "Dossier de demande de labellisation" in pages[0] and "Claire Morel" in pages[0]
    assert "Synthèse du projet" not in pages[0] and "Synthèse du projet" in pages[1]
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

@pytest.mark.parametrize("is_draft", [False, True])
def test_the_convention_has_the_ten_items_in_order(complete, draft, is_draft):
    text = squash("".join(body_texts((draft if is_draft else complete)["convention"])))
    positions = [text.find(squash(f"Article {number} – {title}"))
                 for number, title in enumerate(CONVENTION_TITLES, start=1)]
    assert -1 not in positions and positions == sorted(positions)
    assert "décretn°2016-403du4avril2016" in text


def test_empty_convention_items_are_visible_blanks(complete, draft):
    for documents, blanks in [(complete, set()), (draft, {4, 6})]:
        text = squash("".join(body_texts(documents["convention"])))
        bounds = [text.find(squash(f"Article {number} – {title}"))
                  for number, title in enumerate(CONVENTION_TITLES, start=1)] + [text.find("Signatures")]
        for number in range(1, 11):
            article = text[bounds[number - 1]:bounds[number]]
            if number in blanks:
                assert "Àcompléter:____" in article and "Textepré-rempli" not in article, number
            else:
                assert f"Textepré-rempli{number}." in article and "Àcompléter" not in article, number


def test_the_convention_leaves_room_for_every_signature(complete):
    text = squash("".join(page_texts(complete["convention"])))
    for name in ["La collectivité locale", "La Poste", "CAF", "MSA"]:
        assert squash(f"Pour {name},") in text


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
    assert set(asked) == set(pdf.assets())  # the stylesheet and both fonts, nothing from the user's text
    assert not any("evil" in url for url in asked)


def test_control_characters_are_dropped_not_fatal():
    dossier = sample_dossier(hostile="a\x00b\x07c\x1bd\x7fe\x85f\ud800g\ufffeh\ti")
    text = squash("".join(page_texts(pdf.render_checklist_pdf(dossier))))
    assert "abcdefgh" + "i" in text


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
    "fonts/", "fonts/DejaVuSans-Oblique.ttf", "fonts/../documents.css",
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
    plan = PlanView("", "", "", "", "")
    empty = dataclasses.replace(
        sample_dossier(draft=True), carrier="", leader="", territory="", missing=[], summary=[], stages=[],
        partners=[], local_actors=[], delivery=[], schedule=[], schedule_total="", spaces=[], equipment=[], team=[],
        training=[], **conformity_fields([], texts()), follow_up=[], annexes=[], checklist=[],
        budget=BudgetView("", [], [], "", "", [], "", "", plan, plan, []),
        convention=[ConventionItem(number, title, "") for number, title in enumerate(CONVENTION_TITLES, start=1)],
    )
    dossier_text = "".join(page_texts(pdf.render_dossier_pdf(empty)))
    assert "Non calculable à ce jour" in dossier_text and "BROUILLON" in dossier_text
    convention = squash("".join(page_texts(pdf.render_convention_pdf(empty))))
    assert convention.count("Àcompléter:") == 12  # the ten items, the manager and the partners
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
