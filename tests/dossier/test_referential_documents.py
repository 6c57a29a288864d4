"""The documents follow the project's referential: the same answers make an MSAP dossier citing the 2016 texts, or a
France services dossier titled France services, citing the arrêté of 16 June 2025 and the circulaire of 1 July 2019,
with France services' requirements, its rules to confirm and every national partner chosen."""
from __future__ import annotations

import dataclasses
import datetime

import pytest

from dialogs.parsing import parse_answer, to_json

from dossier.files import DocumentMaker
from dossier.model import Dossier, PartnerView
from dossier.pdf import render_checklist_pdf, render_convention_pdf, render_dossier_pdf
from dossier.view import build_dossier, check_view, cited, conformity_fields, label_view
from dossier.word import render_convention_docx, render_dossier_docx
from store.repo import Repository
from tests.bot.test_conversation import create_project
from tests.dossier.sample import HOSTILE, referentials, sample_dossier
from tests.dossier.sample import texts as texts_of_documents
from tests.dossier.test_docx import all_text, open_docx
from tests.dossier.test_pdf import page_texts
from tests.support.projects import CONFORMANT
from tests.support.walk import walk_guide

MSAP, FS = "msap", "france_services"
ARRETE = "l'arrêté du 16 juin 2025 approuvant le référentiel France services"
CIRCULAIRE = "la circulaire n° 6094-SG du 1er juillet 2019 relative à la création de France services"
DECRET = "2016-403"
# Some of the national partners France services adds to the 2016 fiche's operators.
ADDED = ["interieur", "justice", "dgfip", "urssaf"]


def flat(text: str) -> str:
    """Text without any whitespace (pypdf and Word break lines anywhere) nor the bullets the PDF's CSS draws."""
    return "".join(text.replace("•", " ").split())


def build(services, referential: str, draft: bool = False) -> Dossier:
    """Project 1's view model under a referential's rules, whichever the project follows."""
    sources = services.documents.by_referential[referential]
    with services.database.connect() as connection:
        return build_dossier(sources, Repository(connection), 1, draft, datetime.date(2027, 6, 20))


def texts(dossier: Dossier) -> dict[str, str]:
    """Each document as read back, squashed: the PDFs' pages, the DOCX's paragraphs, cells, headers and footers."""
    return {"pdf:dossier": flat("".join(page_texts(render_dossier_pdf(dossier)))),
            "docx:dossier": flat(all_text(open_docx(render_dossier_docx(dossier)))),
            "pdf:convention": flat("".join(page_texts(render_convention_pdf(dossier)))),
            "docx:convention": flat(all_text(open_docx(render_convention_docx(dossier)))),
            "pdf:checklist": flat("".join(page_texts(render_checklist_pdf(dossier))))}


def record(services, **answers) -> None:
    """Answers stored as the chat stores them, for what the walk below does not choose."""
    guide = services.documents.by_referential[FS].guide
    with services.database.begin() as connection:
        repo = Repository(connection)
        for question_id, value in answers.items():
            repo.record_answer(1, question_id, guide.questions[question_id].kind.value, "answered", value, 1001)


@pytest.fixture
async def walked(client, services):
    """A project walked through the real application on the 2016 fiche's rules, with the conformant answers."""
    replies = await create_project(client, "MSAP du Saint-Affricain", "Sud-Aveyron")
    await walk_guide(client, services.guide, replies, CONFORMANT)
    return services


def test_the_label_is_the_referential_files_name_visas_and_sources():
    for referential in (MSAP, FS):
        meta = referentials()[referential].meta
        label = label_view(meta)
        assert (label.name, label.visas) == (meta.name, meta.visas)
        assert label.texts == [cited(visa) for visa in meta.visas] and len(label.texts) == len(meta.visas)
        assert [(source.title, source.url) for source in label.sources] == [
            (source.title, source.url or "") for source in meta.sources]
    assert cited("Vu le décret n° 2016-403 du 4 avril 2016 relatif aux maisons de services au public ;") == \
        "le décret n° 2016-403 du 4 avril 2016 relatif aux maisons de services au public"
    assert cited("Vu l'arrêté du 16 juin 2025 approuvant le référentiel France services ;") == ARRETE
    assert cited("La convention de 2027.") == "La convention de 2027"


def test_user_text_stays_text_under_france_services_with_its_partners_and_rules_to_confirm():
    """The France services label on a draft full of hostile answers, with one of its own national partners and a
    rule to confirm: everything typed comes back verbatim, nothing is evaluated, in both formats."""
    sample = sample_dossier(draft=True, hostile=HOSTILE)
    justice = PartnerView("justice", "le ministère de la Justice", "Conseil départemental de l'accès au droit", "", "",
                          "", "", False, "", "", "")
    audits = check_view("fs_check_audits", "Audits qualité réguliers du label", "not_met", f"Refusés. {HOSTILE}",
                        "Audits : non trouvés dans un texte officiel, à confirmer.", "exigence", texts_of_documents(),
                        to_confirm=True, from_fiche=False)
    dossier = dataclasses.replace(sample, label=label_view(referentials()[FS].meta),
                                  referential="Arrêté du 16 juin 2025 (France services 2026)",
                                  partners=[*sample.partners, justice],
                                  **conformity_fields([*sample.checks, audits], texts_of_documents(),
                                                     referentials()[FS].meta.requirements_basis))
    for render in (render_dossier_docx, render_convention_docx):
        document = open_docx(render(dossier))
        text = all_text(document)
        assert f"France services «\u00a0{dossier.project}\u00a0»" in text and "49" not in text
        assert "Maison de services au public" not in text and DECRET not in text
    word = all_text(open_docx(render_dossier_docx(dossier)))
    assert "Audits qualité réguliers du label (règle à confirmer)" in word
    assert f"Refusés. {HOSTILE} (Audits : non trouvés dans un texte officiel, à confirmer.)" in word
    convention = flat("".join(page_texts(render_convention_pdf(dossier))))
    assert flat("MSA Midi-Pyrénées Nord et Conseil départemental de l'accès au droit.") in convention


async def test_the_same_answers_make_a_view_per_referential(walked):
    msap, fs = build(walked, MSAP), build(walked, FS)
    assert msap.label.name == "Maison de services au public" and fs.label.name == "France services"
    assert msap.label.visas == walked.documents.by_referential[MSAP].referential.visas
    assert fs.label.visas == walked.documents.by_referential[FS].referential.visas
    assert ARRETE in fs.label.texts and CIRCULAIRE in fs.label.texts
    assert not any(DECRET in text for text in fs.label.texts) and any(DECRET in text for text in msap.label.texts)
    assert ("Arrêté du 16 juin 2025 approuvant le référentiel France services",
            "https://legal.tricoteuses.fr/articles/LEGIARTI000051827933") in [
        (source.title, source.url) for source in fs.label.sources]
    assert fs.referential.startswith("Arrêté du 16 juin 2025") and fs.referential.endswith("(France services 2026)")
    assert msap.referential.endswith("(Maison de services au public 2016)")
    # The requirements are each referential's: at least two operators, or every national partner.
    assert (msap.operators_rule.minimum, msap.operators_rule.required) == (2, [])
    assert fs.operators_rule.required[:3] == ["La Poste", "France Travail", "la CAF"]
    assert len(fs.operators_rule.required) == 13 and "le ministère de la Justice" in fs.operators_rule.required
    assert {c.id for c in fs.checks} - {c.id for c in msap.checks} >= {"fs_check_conseillers", "fs_check_laicite"}
    audits = next(c for c in fs.checks if c.id == "fs_check_audits")
    assert audits.to_confirm and not audits.from_fiche
    assert not any(c.to_confirm for c in msap.checks) and all(c.from_fiche for c in msap.checks)
    assert next(c for c in fs.checks if c.id == "part_check_operateurs").state == "not_met"


async def test_the_france_services_documents_are_titled_and_cited_as_france_services(walked):
    documents = texts(build(walked, FS))
    dossier, convention = documents["pdf:dossier"], documents["pdf:convention"]
    for key, text in documents.items():
        assert DECRET not in text, key
        assert flat("inter-opérateurs") not in text, key  # the forfait's funds are the FNADT and the FNFS
        assert flat("Maison de services au public «") not in text, key   # the running footer names France services
        footer = "France services – état au" if key == "pdf:checklist" else \
            "France services « MSAP du Saint-Affricain » – document établi le"
        assert flat(footer) in text, key
    for key in ("pdf:dossier", "docx:dossier"):
        text = documents[key]
        assert flat("Objet : demande de labellisation « France services » et de subvention de fonctionnement "
                    "(FNADT et FNFS).") in text, key
        assert flat("J'ai l'honneur de solliciter pour « MSAP du Saint-Affricain » la labellisation "
                    "« France services »") in text, key
        assert flat("est établi selon les textes suivants : la loi n° 2000-321") in text, key
        assert flat(f"{CIRCULAIRE} ; {ARRETE}.") in text, key
        assert flat("Textes de référence") in text and flat("LEGIARTI000051827933") in text, key
        assert flat("Audits qualité réguliers du label (règle à confirmer)") in text, key
        assert flat("la labellisation requiert les 13 partenaires nationaux suivants : La Poste, "
                    "France Travail, la CAF") in text, key
        assert flat("la labellisation en requiert au moins deux") not in text, key
        assert flat("Une seule demande regroupant FNADT et FNFS : Oui.") in text, key
    assert flat("Demande de labellisation et de financement (FNADT et FNFS)") in dossier
    assert flat("Préparer une seule demande de subvention regroupant FNADT et FNFS") in documents["pdf:checklist"]
    for key in ("pdf:convention", "docx:convention"):
        text = documents[key]
        visas = [flat(visa) for visa in build(walked, FS).label.visas]
        deliberation = text.find(flat("Vu la délibération de la structure porteuse"))
        positions = [text.find(visa) for visa in visas] + [deliberation]
        assert -1 not in positions and positions == sorted(positions), key
        assert flat("approuvant le projet de France services et autorisant la signature") in text, key
        named = "La France services régie par la présente convention est dénommée « MSAP du Saint-Affricain »"
        assert flat(named) in text, key
        assert flat("en cas de retrait du label « France services ».") in text, key
    assert flat("France services « MSAP du Saint-Affricain »") in convention



@pytest.mark.parametrize("name", ["France services de Cajarc", "Maison France Services du Causse"])
def test_a_project_named_after_its_label_is_not_titled_with_the_label_twice(name):
    """The Préfecture reads "France services de Cajarc" on the covers and footers, not "France services « France
    services de Cajarc »"; a name without the label keeps it before the name."""
    sample = sample_dossier(draft=True)
    dossier = dataclasses.replace(sample, label=label_view(referentials()[FS].meta), project=name)
    documents = texts(dossier)
    for key in ("pdf:dossier", "docx:dossier", "pdf:convention", "docx:convention"):
        assert flat(f"{name} – document établi le") in documents[key], key
        assert flat("France services «") not in documents[key], key
    assert flat(f"Projet de convention-cadre {name} BROUILLON") in documents["pdf:convention"]
    other = texts(dataclasses.replace(dossier, project="Maison du Causse"))["docx:convention"]
    assert flat("France services « Maison du Causse » – document établi le") in other

async def test_the_msap_documents_keep_the_2016_texts(walked):
    documents = texts(build(walked, MSAP))
    for key in ("pdf:dossier", "docx:dossier"):
        text = documents[key]
        assert flat("Objet : demande de labellisation « Maison de services au public » et de subvention de "
                    "fonctionnement (FNADT et fonds inter-opérateurs).") in text, key
        assert flat("le décret n° 2016-403 du 4 avril 2016 relatif aux maisons de services au public ;") in text, key
        assert flat("La Maison associe 3 opérateurs nationaux ; la labellisation en requiert au moins deux.") \
            in text, key
        assert "arrêtédu16juin2025" not in text and "circulaire" not in text, key
        assert "règleàconfirmer" not in text, key
        assert flat("Une seule demande regroupant FNADT et fonds inter-opérateurs : Oui.") in text, key
    for key in ("pdf:convention", "docx:convention"):
        text = documents[key]
        assert flat("Vu le décret n° 2016-403 du 4 avril 2016 relatif aux maisons de services au public ; "
                    "Vu le cahier des charges des maisons de services au public ; Vu la délibération de la structure "
                    "porteuse") in text, key
        assert flat("en cas de retrait du label « Maison de services au public ».") in text, key
        assert flat("La Maison de services au public régie par la présente convention") in text, key
    assert flat("Maison de services au public « MSAP du Saint-Affricain » – document établi le") in \
        documents["pdf:dossier"]


async def test_every_national_partner_chosen_is_a_party_of_the_convention_asked_like_the_others(walked):
    """France services' own national partners have the questions the fiche's operators have: named by their
    answers in the convention-cadre; until answered, a blank to fill in and a draft, never a final document."""
    record(walked, part_operateurs=["la_poste", "caf", "msa", *ADDED, "autre"],
           part_operateurs_autre="Mission locale du Sud-Aveyron",
           part_nom_justice="Conseil départemental de l'accès au droit de l'Aveyron",
           part_signataire_justice="Mme Garrigues, présidente", part_contribution_justice=["formation"])
    fs = build(walked, FS)
    assert [(p.key, p.name) for p in fs.partners] == [
        ("la_poste", "La Poste, direction régionale Occitanie"),
        ("caf", "Caisse d'allocations familiales de l'Aveyron"), ("msa", "MSA Midi-Pyrénées Nord"),
        ("interieur", ""), ("justice", "Conseil départemental de l'accès au droit de l'Aveyron"), ("dgfip", ""),
        ("urssaf", "")]
    assert [p.name for p in fs.parties if p.role == "operateur"] == [p.name for p in fs.partners]
    # Named in a sentence as the referential names them, not by their buttons' labels.
    assert [p.short_name for p in fs.partners[3:]] == ["le ministère de l'Intérieur (ANTS)", "le ministère de la Justice",
                                                       "les Finances publiques (DGFiP)", "l'Urssaf"]
    # Three required answers (name, signatory, contribution) for each of the three partners not yet described.
    assert fs.draft and "Étape 2 · Les opérateurs partenaires et leurs services : 9 réponses obligatoires " \
        "manquantes" in fs.missing
    documents = texts(fs)
    for key in ("pdf:convention", "docx:convention"):
        article = documents[key].split(flat("Article 3 – Partenaires associés"))[1].split(flat("Article 4 –"))[0]
        assert flat("MSA Midi-Pyrénées Nord, ____________________, Conseil départemental de l'accès au droit de "
                    "l'Aveyron, ____________________ et ____________________.") in article, key
        assert flat("Est également associé l'opérateur suivant : Mission locale du Sud-Aveyron.") in article, key
        assert flat("Conseil départemental de l'accès au droit de l'Aveyron Mme Garrigues, présidente Signature") \
            in documents[key], key  # its signature block
    # Under the 2016 fiche, the operators it does not offer are not partners: the same answers, its options only.
    msap = build(walked, MSAP)
    assert [p.key for p in msap.partners] == ["la_poste", "caf", "msa"]
    for key, text in texts(msap).items():
        assert flat("Conseil départemental de l'accès au droit") not in text, key


async def test_the_documents_of_a_france_services_project_are_made_by_its_referential(client, services):
    """The maker picks the project's referential: a project created on France services gets its documents."""
    guide = services.documents.by_referential[FS].guide
    await client.send("/start")
    await client.send("MSAP du Saint-Affricain")
    await client.send("Sud-Aveyron")
    from tests.support.telegram import FRANCE_SERVICES_RULES
    replies = await client.click(FRANCE_SERVICES_RULES)
    await walk_guide(client, guide, replies, CONFORMANT)
    assert isinstance(services.documents, DocumentMaker)
    files = {f.filename.split("-")[0] + f.filename.rsplit(".", 1)[1]: f.content
             for f in services.documents.make(1, draft=False)}
    dossier = flat("".join(page_texts(files["dossierpdf"])))
    assert flat(ARRETE) in dossier and flat(CIRCULAIRE) in dossier and DECRET not in dossier
    word = flat(all_text(open_docx(files["dossierdocx"])))
    assert flat(ARRETE) in word and flat(CIRCULAIRE) in word and DECRET not in word
    convention = flat(all_text(open_docx(files["conventiondocx"])))
    assert flat("Vu l'arrêté du 16 juin 2025 approuvant le référentiel France services ;") in convention
    assert DECRET not in convention


async def test_the_checks_france_services_adds_quote_the_answers_that_meet_them(walked):
    saturday = walked.guide.questions["tech_horaires_samedi"]
    record(walked, tech_horaires_samedi=to_json(saturday.kind, parse_answer(saturday, "9h-12h")), fs_conseillers=["conseiller_1", "conseiller_2"],
           fs_forme_conseiller_1=True, fs_forme_conseiller_2=True, fs_engagement_laicite=True,
           fs_engagement_audits=True)
    checks = {check.id: check for check in build(walked, FS).checks}
    assert checks["fs_check_cinq_jours"].evidence == "Jours d'ouverture : Lundi, Mardi, Mercredi, Jeudi, Vendredi, Samedi."
    assert checks["fs_check_laicite"].evidence == "Engagement de laïcité et de neutralité : Oui."
    # Every rule met shows what in the answers meets it: none reads "Non renseigné" to the Préfecture.
    assert [c.id for c in checks.values() if c.state == "satisfied" and c.kind == "exigence" and not c.evidence] == []


async def test_the_premises_and_commitments_are_sentences_for_the_prefecture(walked):
    """Answers typed as notes ("ancienne perception", "rampe d'accès à construire") are labelled and closed;
    France services' own commitments are said among the others."""
    record(walked, tech_lieu_description="ancienne perception, place du Foirail", tech_accessibilite_pmr=False,
           tech_travaux_accessibilite="rampe d'accès à construire", tech_acces_tous="parking devant",
           fs_engagement_laicite=True, fs_engagement_audits=True, dev_reseau_departemental=True)
    documents = texts(build(walked, FS))
    for key in ("pdf:dossier", "docx:dossier"):
        text = documents[key]
        assert flat("Lieu retenu : ancienne perception, place du Foirail.") in text, key
        assert flat("Travaux prévus : rampe d'accès à construire. Accès pour tous les publics : parking devant.") \
            in text, key
        assert flat("Elle s'inscrira dans le réseau départemental.") in text, key
        assert flat("Elle respectera les principes de laïcité et de neutralité.") in text, key
        assert flat("Elle accepte les audits qualité réguliers du label.") in text, key
    for key in ("pdf:convention", "docx:convention"):
        text = documents[key]
        assert flat("Lieu retenu : ancienne perception, place du Foirail.") in text, key
        assert flat("accessibles aux personnes à mobilité réduite : rampe d'accès à construire. Accès pour tous les "
                    "publics : parking devant.") in text, key
    msap = texts(build(walked, MSAP))["pdf:dossier"]
    assert flat("laïcité") not in msap and flat("Lieu retenu : ancienne perception") in msap


async def test_an_answer_after_its_label_closes_its_sentence(walked):
    """"Objectifs fixés à la Maison : éviter … pour les démarches" ran into the next sentence without a stop."""
    record(walked, objectifs="Éviter aux habitants d'aller à Guingamp pour les démarches",
           tech_planning="un agent le matin, deux l'après-midi", port_sites="Bothoa!")
    documents = texts(build(walked, FS))
    for key in ("pdf:dossier", "docx:dossier"):
        assert flat("Objectifs fixés à la Maison : Éviter aux habitants d'aller à Guingamp pour les démarches.") \
            in documents[key], key
    for key in ("pdf:convention", "docx:convention"):
        assert flat("Organisation du planning : un agent le matin, deux l'après-midi.") in documents[key], key
        assert flat("antennes : Bothoa!") in documents[key] and flat("Bothoa!.") not in documents[key], key


async def test_an_answer_pasted_over_lines_keeps_them_after_its_label(walked):
    """"Objectifs fixés à la Maison : Trois objectifs : 1. Éviter… 2. Accompagner…": a numbered list pasted from a
    note ran on in one line after its label."""
    record(walked, objectifs="Trois objectifs :\n1. Éviter les trajets vers Saint-Claude.\n2. Accompagner les aînés")
    dossier = build(walked, FS)
    lines = [line.strip() for page in page_texts(render_dossier_pdf(dossier)) for line in page.splitlines()]
    start = lines.index("Objectifs fixés à la Maison :")
    assert lines[start + 1:start + 4] == ["Trois objectifs :", "1. Éviter les trajets vers Saint-Claude.",
                                          "2. Accompagner les aînés."]
    paragraphs = [p.text for p in open_docx(render_dossier_docx(dossier)).paragraphs]
    assert ("Objectifs fixés à la Maison :\nTrois objectifs :\n1. Éviter les trajets vers Saint-Claude.\n"
            "2. Accompagner les aînés.") in paragraphs


async def test_an_other_no_longer_ticked_is_no_longer_printed(walked):
    """Les Rousses: the operators first typed as an « Autre » ("les 13 + l'OCAS? … a voir"), then typed again
    without it: the dossier printed « Autre opérateur associé : les 13 + l'OCAS?… », an answer no longer asked."""
    record(walked, part_operateurs=["la_poste", "caf", "msa", *ADDED, "autre"],
           part_operateurs_autre="les 13 + l'OCAS? (office cantonal suisse) a voir")
    assert flat("Autre opérateur associé : les 13") in texts(build(walked, FS))["pdf:dossier"]
    record(walked, part_operateurs=["la_poste", "caf", "msa", *ADDED])
    for key, text in texts(build(walked, FS)).items():
        assert flat("Autre opérateur associé") not in text and flat("OCAS") not in text, key
