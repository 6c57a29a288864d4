"""The Word documents: contents read back with python-docx, drafts, blanks, hostile text, reproducible templates."""
from __future__ import annotations

import dataclasses
import io
import time
import zipfile

import pytest
from docx import Document
from docx.document import Document as WordDocument
from docx.oxml.ns import qn
from docx.shared import Mm
from docx.text.paragraph import Paragraph
from lxml import etree

from dossier import docx_templates
from dossier.word import (CONVENTION_TEMPLATE, DOCUMENTS_DIR, DOSSIER_TEMPLATE, clean, clean_text,
                          render_convention_docx, render_dossier_docx)
from dossier.model import Fact, Partner
from dossier.view import conformity_fields
from tests.dossier.sample import (COMPLETE_CONFORMITY, CONVENTION_TITLES, DRAFT_CONFORMITY, GROUP_HEADINGS, HOSTILE,
                                  KIND_NAMES, MISSING_BUDGET, VERDICTS, respect_summaries, sample_dossier, texts)

NBSP = "\u00a0"
LONG_TEXT = ("Égalité des chances, cœur de bourg « très » rural — 🚀👩🏽‍🌾 — مرحبا بكم في البيت — "
             "עברית — ĳ ß ø ñ € 1 000 ") * 100
LONG_TEXT = LONG_TEXT[:10_000]


def open_docx(data: bytes) -> WordDocument:
    """Read a rendered file back with python-docx."""
    return Document(io.BytesIO(data))


def header_texts(document: WordDocument) -> list[str]:
    """The text of every header of every section (default, first page, even pages)."""
    texts = []
    for section in document.sections:
        for header in (section.header, section.first_page_header, section.even_page_header):
            texts.append("\n".join(paragraph.text for paragraph in header.paragraphs))
    return texts


def footer_texts(document: WordDocument) -> list[str]:
    """The text of every footer of every section."""
    return ["\n".join(paragraph.text for paragraph in footer.paragraphs)
            for section in document.sections
            for footer in (section.footer, section.first_page_footer, section.even_page_footer)]


def table_rows(document: WordDocument, first_header: str) -> list[list[str]]:
    """The rows, as cell texts, of the table whose first header cell is given (header row excluded)."""
    for table in document.tables:
        if table.rows[0].cells[0].text == first_header:
            return [[cell.text for cell in row.cells] for row in table.rows[1:]]
    raise AssertionError(f"no table headed {first_header!r}")


def all_text(document: WordDocument) -> str:
    """Every paragraph, table cell, header and footer, one per line."""
    parts = [paragraph.text for paragraph in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join(parts + header_texts(document) + footer_texts(document))


def paragraphs(document: WordDocument) -> list[str]:
    """The body paragraphs' texts, in order."""
    return [paragraph.text for paragraph in document.paragraphs]


def conformity_part(document: WordDocument) -> list[tuple[str, list]]:
    """The part "Conformité au cahier des charges": its paragraphs (heading "") then each group's heading with
    what follows it, paragraph texts and tables' rows (header row excluded), in reading order."""
    part: list[tuple[str, list]] = []
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph) and item.style.name == "Heading 1":
            if part:
                break
            if item.text == "Conformité au cahier des charges":
                part.append(("", []))
        elif part and isinstance(item, Paragraph) and item.style.name == "Heading 2":
            part.append((item.text, []))
        elif part and isinstance(item, Paragraph):
            part[-1][1].append(item.text)
        elif part:
            part[-1][1].append([[cell.text for cell in row.cells] for row in item.rows[1:]])
    return part


def assert_well_formed(data: bytes) -> None:
    """Every XML part of the package parses with a strict parser."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for name in package.namelist():
            if name.endswith((".xml", ".rels")):
                etree.fromstring(package.read(name))


@pytest.fixture(scope="module")
def complete() -> WordDocument:
    return open_docx(render_dossier_docx(sample_dossier()))


@pytest.fixture(scope="module")
def draft() -> WordDocument:
    return open_docx(render_dossier_docx(sample_dossier(draft=True)))


# --- The dossier -------------------------------------------------------------------------------------------------

def test_cover_page_shows_the_project_territory_carrier_date_and_referential(complete):
    sample = sample_dossier()
    texts = paragraphs(complete)
    first_heading = next(i for i, p in enumerate(complete.paragraphs) if p.style.name.startswith("Heading"))
    cover = texts[:first_heading]
    assert "Dossier de demande de labellisation" in cover
    assert sample.project in cover
    assert f"Territoire{NBSP}: {sample.territory}" in cover
    assert f"Porteur{NBSP}: {sample.carrier}" in cover
    assert f"Chef de projet{NBSP}: {sample.leader}" in cover
    assert f"Date{NBSP}: {sample.generated_on}" in cover
    assert f"Référentiel{NBSP}: {sample.referential}" in cover


def test_summary_and_stages_are_label_text_paragraphs(complete):
    sample = sample_dossier()
    texts = paragraphs(complete)
    for fact in sample.summary:
        assert f"{fact.label}{NBSP}: {fact.text}" in texts
    for stage in sample.stages:
        assert f"Étape {stage.order} · {stage.title}" in texts
        for step in stage.steps:
            assert step.title in texts
            for fact in step.facts:
                assert f"{fact.label}{NBSP}: {fact.text}" in texts
            for prompt in step.deferred:
                assert prompt in texts


def test_partners_table_lists_every_partner_with_services_and_convention(complete):
    rows = table_rows(complete, "Opérateur")
    assert rows == [[p.name, p.services, p.convention, p.signed_on] for p in sample_dossier().partners]


def test_schedule_table_ends_with_its_total(complete):
    rows = table_rows(complete, "Jour")
    assert rows[:-1] == [[day.day, day.hours] for day in sample_dossier().schedule]
    assert rows[-1] == ["Total", "26 h par semaine"]


def test_spaces_equipment_team_training_follow_up_and_annexes(complete):
    sample = sample_dossier()
    texts = paragraphs(complete)
    for item in sample.spaces + sample.equipment + sample.local_actors:
        assert item in texts
    for fact in sample.delivery + sample.team + sample.training + sample.follow_up:
        assert f"{fact.label}{NBSP}: {fact.text}" in texts
    for annex in sample.annexes:
        assert f"☐ {annex}" in texts


@pytest.mark.parametrize("is_draft", [False, True])
def test_conformity_is_the_count_then_the_three_groups_each_rule_in_the_words_of_its_kind(complete, draft, is_draft):
    document, sample = (draft, sample_dossier(draft=True)) if is_draft else (complete, sample_dossier())
    (_, count), *groups = conformity_part(document)
    assert count == [DRAFT_CONFORMITY if is_draft else COMPLETE_CONFORMITY]
    assert [heading for heading, _ in groups] == GROUP_HEADINGS
    for (heading, content), kind in zip(groups, VERDICTS):
        intro, rows = content
        assert kind == "exigence" or "elles ne sont pas comptées parmi les exigences" in intro
        ours = [check for check in sample.checks if check.kind == kind]
        assert rows == [[c.title, "\n".join([VERDICTS[kind][c.state], c.reason][:2 if c.reason else 1]), c.fiche]
                        for c in ours], heading


def test_the_count_is_in_the_summary_too_and_says_toutes_respectees_only_when_all_are(complete, draft):
    assert paragraphs(complete).count(COMPLETE_CONFORMITY) == 2   # the summary and the conformity part
    assert paragraphs(draft).count(DRAFT_CONFORMITY) == 3         # and the list of what is missing
    assert respect_summaries(all_text(complete)) == ["toutes respectées"] * 2
    assert respect_summaries(all_text(draft)) == []


def test_a_group_without_rules_keeps_its_heading_and_says_so():
    sample = sample_dossier(draft=True)
    only_requirements = [check for check in sample.checks if check.kind == "exigence"]
    document = open_docx(render_dossier_docx(dataclasses.replace(sample, **conformity_fields(only_requirements,
                                                                                             texts()))))
    (_, count), *groups = conformity_part(document)
    assert count == [DRAFT_CONFORMITY]
    assert [heading for heading, _ in groups] == GROUP_HEADINGS
    for _, content in groups[1:]:
        assert content[-1] == "Aucun point de contrôle de ce type."


def test_budget_tables_subsidy_formula_and_balance(complete):
    texts = paragraphs(complete)
    assert table_rows(complete, "Poste")[-1] == ["Total du fonctionnement", "58 000 €"]
    assert ["Labellisation (FNADT + fonds inter-opérateurs)", "fonctionnement", "29 000 €"] in table_rows(
        complete, "Financeur")
    assert f"Montant{NBSP}: 29 000 €" in texts
    assert f"Calcul{NBSP}: 50 % de 58 000 € = 29 000 €" in texts
    plan = table_rows(complete, "Section")
    assert plan == [["Fonctionnement", "58 000 €", "39 000 €", "19 000 € (32,8 %)", "—"],
                    ["Investissement", "20 000 €", "20 000 €", "—", "—"]]
    assert sample_dossier().budget.notes[0] in texts
    assert "Budget prévisionnel 2027" in texts


def test_complete_dossier_has_no_draft_mark_and_no_leftover_tags(complete):
    text = all_text(complete)
    assert "BROUILLON" not in text
    assert "Réponses obligatoires manquantes" not in text and "Points en défaut" not in text
    for tag in ("{{", "}}", "{%", "%}", "{#"):
        assert tag not in text


def test_draft_dossier_marks_every_header_and_lists_what_is_missing_first(draft):
    sample = sample_dossier(draft=True)
    assert not draft.settings.odd_and_even_pages_header_footer
    for section in draft.sections:
        assert not section.different_first_page_header_footer
        assert "BROUILLON" in "\n".join(p.text for p in section.header.paragraphs)
    texts = paragraphs(draft)
    first_stage = texts.index(f"Étape 1 · {sample.stages[0].title}")
    front = texts[texts.index("Éléments à compléter avant le dépôt du dossier"):texts.index("Synthèse")]
    assert first_stage > texts.index("Synthèse")
    assert front[:3] == ["Éléments à compléter avant le dépôt du dossier",
                         "Ce document est un brouillon : il ne peut être ni transmis ni signé en l'état. Les points "
                         "suivants restent à traiter.", DRAFT_CONFORMITY]
    assert front[front.index("Réponses obligatoires manquantes") + 1:front.index("Points en défaut")] == [
        "Étape 3 · Qui porte juridiquement la Maison ?", MISSING_BUDGET]
    unmet = front[front.index("Points en défaut") + 1:-1]   # the last paragraph holds the page break
    in_kind_order = [c for kind in KIND_NAMES for c in sample.checks if c.kind == kind and c.state == "not_met"]
    assert [c.kind for c in in_kind_order] == ["exigence", "exigence", "recommandation", "coherence"]
    assert unmet == [f"{KIND_NAMES[c.kind]} · {c.title}{NBSP}: {c.reason} (Fiche technique{NBSP}: «{NBSP}{c.fiche}"
                     f"{NBSP}»)" for c in in_kind_order]


def test_document_is_a4_in_dejavu_sans(complete):
    for section in complete.sections:
        assert abs(section.page_width - Mm(210)) < Mm(1) and abs(section.page_height - Mm(297)) < Mm(1)
    normal = complete.styles["Normal"]
    assert normal.font.name == "DejaVu Sans"
    fonts = normal.element.rPr.find(qn("w:rFonts"))
    assert {fonts.get(qn(f"w:{script}")) for script in ("ascii", "hAnsi", "eastAsia", "cs")} == {"DejaVu Sans"}


# --- The convention ----------------------------------------------------------------------------------------------

def test_convention_has_the_ten_items_with_their_texts():
    document = open_docx(render_convention_docx(sample_dossier()))
    texts = paragraphs(document)
    for number, title in enumerate(CONVENTION_TITLES, start=1):
        heading = texts.index(f"{number}. {title}")
        assert texts[heading + 1] == f"Texte pré-rempli {number}."
    assert not any(text.startswith("À compléter") for text in texts)
    assert "BROUILLON" not in all_text(document)


def test_draft_convention_shows_visible_blanks_for_empty_items():
    sample = sample_dossier(draft=True)
    document = open_docx(render_convention_docx(sample))
    texts = paragraphs(document)
    for item in sample.convention:
        after = texts[texts.index(f"{item.number}. {item.title}") + 1]
        if item.text:
            assert after == item.text
        else:
            assert after.startswith(f"À compléter{NBSP}: ____")
    assert all("BROUILLON" in "\n".join(p.text for p in s.header.paragraphs) for s in document.sections)
    first_item = texts.index(f"1. {CONVENTION_TITLES[0]}")
    front = texts[texts.index("Éléments à compléter avant la signature de la convention"):first_item]
    assert DRAFT_CONFORMITY in front and sample.missing[0] in front and MISSING_BUDGET in front
    for check in sample.unmet:
        assert any(text.startswith(f"{KIND_NAMES[check.kind]} · {check.title}{NBSP}: ") for text in front)
    signatories = [row[0] for row in table_rows(document, "Signataire")]
    assert signatories == [sample.carrier] + [partner.name for partner in sample.partners]


# --- Hostile text ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("render", [render_dossier_docx, render_convention_docx])
def test_hostile_text_is_printed_verbatim_never_evaluated(render):
    data = render(sample_dossier(hostile=HOSTILE))
    assert_well_formed(data)
    document = open_docx(data)
    text = all_text(document)
    assert f"MSAP du Saint-Affricain {HOSTILE}" in paragraphs(document)
    assert "49" not in text
    if render is render_dossier_docx:
        assert table_rows(document, "Opérateur")[0][1] == f"Services postaux, retrait des recommandés. {HOSTILE}"


def test_long_text_with_accents_emoji_and_rtl_is_kept_whole():
    data = render_dossier_docx(sample_dossier(long_text=LONG_TEXT))
    assert_well_formed(data)
    assert f"Objectifs{NBSP}: {LONG_TEXT}" in paragraphs(open_docx(data))


@pytest.mark.parametrize("render", [render_dossier_docx, render_convention_docx])
def test_control_characters_are_dropped_and_the_file_stays_valid(render):
    controls = "".join(chr(code) for code in range(32) if chr(code) not in "\t\n\r") + "\ufffe\uffff"
    data = render(sample_dossier(hostile=f"a{controls}b\x07c\x0bd"))
    assert_well_formed(data)
    assert "MSAP du Saint-Affricain abcd" in paragraphs(open_docx(data))


def test_newlines_become_line_breaks_and_tabs_stay_tabs():
    address = Fact("Adresse", "1 rue Haute\r\n12400 Saint-Affrique\rFrance\tnord")
    sample = dataclasses.replace(sample_dossier(), summary=[address])
    document = open_docx(render_dossier_docx(sample))
    paragraph = next(p for p in document.paragraphs if p.text.startswith("Adresse"))
    assert paragraph.text == f"Adresse{NBSP}: 1 rue Haute\n12400 Saint-Affrique\nFrance\tnord"
    assert len(paragraph._p.findall(f".//{qn('w:br')}")) == 2
    assert len(paragraph._p.findall(f".//{qn('w:tab')}")) == 1


def test_docxtpl_brace_underscore_markers_in_user_text_stay_verbatim():
    odd = "{_{ x }_} {_% y %_}"
    sample = dataclasses.replace(sample_dossier(), partners=[Partner(odd, odd, "", "")])
    rows = table_rows(open_docx(render_dossier_docx(sample)), "Opérateur")
    assert rows == [[odd, odd, "non renseignée", ""]]


def test_clean_reaches_every_string_of_the_view_model():
    dirty = sample_dossier(hostile="x\x00y\r\nz")
    cleaned = clean(dirty)
    assert cleaned.project.endswith("xy\nz")
    assert cleaned.partners[0].services.endswith("xy\nz")
    assert cleaned.draft is False and cleaned.requirements == dirty.requirements
    assert clean_text("é\t\n🚀\u202f") == "é\t\n🚀\u202f"


# --- Empty answers -----------------------------------------------------------------------------------------------

def test_an_empty_dossier_renders_with_its_placeholders():
    sample = sample_dossier(draft=True)
    empty = dataclasses.replace(
        sample, carrier="", leader="", summary=[], stages=[], partners=[], local_actors=[], delivery=[],
        schedule=[], schedule_total="", spaces=[], equipment=[], team=[], training=[],
        **conformity_fields([], texts()), follow_up=[], annexes=[],
        budget=dataclasses.replace(sample.budget, year="", investment_charges=[], operating_charges=[],
                                   resources=[], notes=[]),
        convention=[dataclasses.replace(item, text="") for item in sample.convention])
    document = open_docx(render_dossier_docx(empty))
    text = all_text(document)
    for placeholder in ("Porteur\u00a0: non renseigné", "Aucun opérateur partenaire renseigné.",
                        "Aucun point de contrôle de ce type.", "Aucune ressource renseignée.",
                        "Aucune pièce à joindre.", "Aucun point n'est en défaut.",
                        "Exigences du cahier des charges : aucune n'est encore évaluée."):
        assert placeholder in text
    assert "Budget prévisionnel" in paragraphs(document)
    assert table_rows(document, "Jour") == [["Horaires non renseignés.", "Horaires non renseignés."],
                                            ["Total", "non calculé"]]
    convention = paragraphs(open_docx(render_convention_docx(empty)))
    assert sum(text.startswith("À compléter") for text in convention) == 10


# --- The templates -----------------------------------------------------------------------------------------------

def zip_parts(data: bytes) -> dict[str, bytes]:
    """Every member of a zip file, by name."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return {name: package.read(name) for name in package.namelist()}


def test_templates_on_disk_are_what_the_builder_writes(tmp_path):
    written = docx_templates.write_templates(tmp_path)
    assert sorted(path.name for path in written) == sorted([DOSSIER_TEMPLATE, CONVENTION_TEMPLATE])
    for path in written:
        built = zip_parts(path.read_bytes())
        on_disk = zip_parts((DOCUMENTS_DIR / path.name).read_bytes())
        assert built.keys() == on_disk.keys()
        for name in built:
            assert built[name] == on_disk[name], f"{path.name}:{name} differs: run python -m dossier.docx_templates"


def test_render_time_of_the_complete_sample():
    sample = sample_dossier()
    for label, render in (("dossier", render_dossier_docx), ("convention", render_convention_docx)):
        start = time.perf_counter()
        render(sample)
        print(f"\n{label} DOCX render: {time.perf_counter() - start:.3f} s")
