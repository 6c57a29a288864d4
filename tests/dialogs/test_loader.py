"""The guide loads and validates; each kind of malformed guide stops with file and field named."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from dialogs.loader import GUIDE_DIR, GuideError, load_guide
from dialogs.model import Kind
from dialogs.yaml_files import read_yaml

FICHE = Path(__file__).resolve().parents[3] / "shared" / "sources" / "fiche-technique-msap.txt"


def test_the_shipped_guide_loads_with_the_whole_first_stage():
    guide = load_guide()
    stage = guide.stages[0]
    assert stage.id == "diagnostic" and stage.order == 1
    parts = [step.fiche.split(".")[0] for step in stage.steps]
    assert parts == ["1", "2", "3", "4", "5", "6"]
    assert all(step.attention for step in stage.steps)
    kinds = {q.kind for q in guide.questions.values()}
    assert {Kind.SHORT_TEXT, Kind.LONG_TEXT, Kind.INTEGER, Kind.DECIMAL, Kind.DATE, Kind.CHOICE, Kind.MULTI,
            Kind.YES_NO, Kind.TIME_RANGES, Kind.BUDGET} <= kinds


def test_the_first_stage_covers_the_lists_of_the_fiche():
    labels = " ".join(o.label for q in load_guide().questions.values() for o in q.options).lower()
    for item in ["la poste", "france travail", "caf", "assurance maladie", "msa", "carsat", "grdf", "résidents", "salariés",
                 "touristes", "personnes de passage", "co-voiturage", "missions locales", "associations",
                 "point d'accueil", "espace confidentiel", "référent"]:
        assert item in labels, item


@pytest.mark.skipif(not FICHE.exists(), reason="the fiche is beside the repository in shared/")
def test_points_of_attention_quote_the_fiche():
    fiche = " ".join(FICHE.read_text(encoding="utf-8").split()).lower()
    for step in load_guide().stages[0].steps:
        quoted = [p for p in step.attention if " ".join(p.lower().split())[:25] in fiche]
        assert quoted, step.id


@pytest.fixture
def guide_dir(tmp_path) -> Path:
    target = tmp_path / "guide"
    shutil.copytree(GUIDE_DIR, target)
    return target


def edit_stage(directory: Path, change) -> None:
    path = directory / "01-diagnostic.yaml"
    data = read_yaml(path)
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def first_questions(data):
    return data["steps"][0]["questions"]


@pytest.mark.parametrize("change, message", [
    (lambda d: first_questions(d).append(dict(first_questions(d)[0])), "id is used twice"),
    (lambda d: first_questions(d)[0].update(kind="colour"), "01-diagnostic.yaml: steps.0.questions.0.kind"),
    (lambda d: first_questions(d)[1].update(when={"question": "nowhere", "answered": True}),
     "names 'nowhere', which is not an earlier question"),
    (lambda d: first_questions(d)[0].update(when={"question": first_questions(d)[1]["id"], "answered": True}),
     "not an earlier question"),
    (lambda d: first_questions(d)[1].update(when={"question": "enjeux", "any_of": ["pizza"]}),
     "not an earlier question"),
    (lambda d: d["steps"][0].update(questions=[dict(q, when={"all": [
        {"question": "prefecture_contactee", "equals": True}]}) for q in first_questions(d)]),
     "not an earlier question"),
    (lambda d: d.update(steps=d["steps"] + [dict(d["steps"][0], id="doublon")]), "id is used twice"),
    (lambda d: d.pop("title"), "01-diagnostic.yaml: title: Field required"),
    (lambda d: first_questions(d)[0].update(kind="choice"), "needs at least two options"),
    (lambda d: d["steps"][0].update(weekly_hours=True), "step chef_de_projet: weekly_hours without a time_ranges"),
    (lambda d: first_questions(d)[1].update(named={"by": "nowhere", "prompt": "Pour {name} ?"}),
     "named.by: 'nowhere' is not an earlier short text"),
    (lambda d: first_questions(d)[2].update(named={"by": "chef_projet_nom", "prompt": "Pour qui ?"}),
     "questions.2.named.prompt: String should match pattern"),
    (lambda d: first_questions(d)[0].update(also_answers="chef_projet_temps"),
     "chef_projet_nom.also_answers: 'chef_projet_temps' is not the text right after it"),
    (lambda d: first_questions(d)[1].update(also_answers="chef_projet_temps"),
     "chef_projet_fonction.also_answers: 'chef_projet_temps' is not the count in a unit right after it"),
    (lambda d: first_questions(d)[1].update(kind="long_text", also_answers="chef_projet_temps"),
     "also_answers is only for a short text or a choice"),
    (lambda d: first_questions(d)[1].update(unit="habitant"), "unit is only for whole numbers"),
    (lambda d: first_questions(d)[2].update(project_territory=True), "project_territory is only for a short text"),
    (lambda d: first_questions(d)[1].update(project_territory=True),
     "project_territory: 'territoire' is the project's territory as 'chef_projet_fonction' is"),
    (lambda d: first_questions(d)[2].update(implied_by="nowhere"),
     "chef_projet_temps.implied_by: 'nowhere' is not a short text before it in its step"),
    (lambda d: first_questions(d)[0].update(implied_by="chef_projet_fonction"), "implied_by is only for a single choice"),
])
def test_a_malformed_guide_is_refused_with_file_and_field(guide_dir, change, message):
    edit_stage(guide_dir, change)
    with pytest.raises(GuideError, match=message.replace("(", r"\(").replace(")", r"\)").replace(".", r"\.")):
        load_guide(guide_dir)


def test_an_option_word_that_another_option_is_called_is_refused(guide_dir):
    """"temps plein" typed would then name two options: the guide says which one the loader found twice."""
    def change(data):
        question = next(q for s in data["steps"] for q in s["questions"] if q["id"] == "chef_projet_temps")
        next(o for o in question["options"] if o["id"] == "mi_temps")["words"] = ["un mi-temps", "le temps plein"]
    edit_stage(guide_dir, change)
    with pytest.raises(GuideError, match="chef_projet_temps.options: 'le temps plein' names two options"):
        load_guide(guide_dir)


@pytest.mark.parametrize("together, message", [
    ({"words": ["CGSS"], "options": ["cnam", "pizza"], "note": "…"}, "together names no option pizza"),
    ({"words": ["CPAM"], "options": ["cnam", "carsat"], "note": "…"}, "operateurs.options: 'CPAM' names two options"),
])
def test_a_name_for_several_options_names_options_and_only_them(guide_dir, together, message):
    """"la CGSS" ticks the options it stands for: none may be missing, and the name may be no option's own."""
    def change(data):
        question = next(q for s in data["steps"] for q in s["questions"] if q["id"] == "operateurs")
        question["together"] = [together]
    edit_stage(guide_dir, change)
    with pytest.raises(GuideError, match=message):
        load_guide(guide_dir)


def test_an_option_that_does_not_exist_in_a_condition_is_refused(guide_dir):
    def change(data):
        step = next(s for s in data["steps"] if any(q["id"] == "enjeux" for q in s["questions"]))
        step["questions"][-1]["when"] = {"question": "enjeux", "any_of": ["pizza"]}
    edit_stage(guide_dir, change)
    with pytest.raises(GuideError, match="'pizza' is not an option of 'enjeux'"):
        load_guide(guide_dir)


def test_an_unreachable_step_is_refused(guide_dir):
    def change(data):
        step = data["steps"][-1]
        contradiction = {"all": [{"question": "prefecture_contactee", "equals": True},
                                 {"question": "prefecture_contactee", "equals": False}]}
        for question in step["questions"]:
            question["when"] = contradiction
    edit_stage(guide_dir, change)
    with pytest.raises(GuideError, match="unreachable step"):
        load_guide(guide_dir)


def test_broken_yaml_names_the_file(guide_dir):
    (guide_dir / "01-diagnostic.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    with pytest.raises(GuideError, match="01-diagnostic.yaml"):
        load_guide(guide_dir)


@pytest.mark.parametrize("not_for, message", [
    ({"pizza": {"question": "port_porteur", "equals": "bureau_poste"}}, "not_for: ['pizza'] not options of the rule"),
    ({"la_poste": {"question": "port_porteur", "equals": "pizza"}}, "'pizza' is not an option of 'port_porteur'"),
])
def test_an_option_a_rule_spares_is_one_of_its_options_and_its_condition_real(guide_dir, not_for, message):
    path = guide_dir / "02-partenariat.yaml"
    data = read_yaml(path)
    check = next(c for c in data["checks"] if c["id"] == "part_check_conventions")
    check["rules"][0]["not_for"] = not_for
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(GuideError, match=re.escape(message)):
        load_guide(guide_dir)


@pytest.mark.parametrize("identifies, message", [
    ({"port_porteur": "le type"}, "identifies: 'port_porteur' is not a later question of its step"),
    ({"part_operateurs": "les opérateurs"}, "identifies: 'part_operateurs' is not a later question of its step"),
])
def test_what_a_name_identifies_is_said_later_in_its_step(guide_dir, identifies, message):
    path = guide_dir / "03-portage.yaml"
    data = read_yaml(path)
    step = next(s for s in data["steps"] if s["id"] == "port_juridique")
    next(q for q in step["questions"] if q["id"] == "port_porteur_nom")["identifies"] = identifies
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(GuideError, match=re.escape(message)):
        load_guide(guide_dir)


def test_only_a_short_text_names_what_later_answers_describe(guide_dir):
    path = guide_dir / "03-portage.yaml"
    data = read_yaml(path)
    step = next(s for s in data["steps"] if s["id"] == "port_juridique")
    next(q for q in step["questions"] if q["id"] == "port_siret")["identifies"] = {"port_adresse": "l'adresse"}
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(GuideError, match="identifies is only for a short text"):
        load_guide(guide_dir)


def _set_option_field(guide_dir, file: str, step: int, question: str, option: str, field: str, value: str) -> None:
    path = guide_dir / file
    data = read_yaml(path)
    asked = next(q for q in data["steps"][step]["questions"] if q["id"] == question)
    next(o for o in asked["options"] if o["id"] == option)[field] = value
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


@pytest.mark.parametrize("described_at", ["port_nombre_sites", "port_porteur_nom", "port_modes"])
def test_what_a_list_says_of_an_option_answers_a_later_text_of_its_step(guide_dir, described_at):
    """A number, a question of another step, the list itself: none can keep "dans les écarts (Les Lianes…)"."""
    _set_option_field(guide_dir, "03-portage.yaml", 0, "port_modes", "itinerance", "described_at", described_at)
    with pytest.raises(GuideError, match=f"described_at '{described_at}' is not a later text question of its step"):
        load_guide(guide_dir)


@pytest.mark.parametrize("dated_again", ["label_complements", "label_date_limite", "label_demande_etat"])
def test_the_date_an_option_left_answers_anew_is_a_later_date_of_its_step(guide_dir, dated_again):
    """A text, a date of another step, the choice itself: none is the dossier's new sending date."""
    _set_option_field(guide_dir, "07-labellisation.yaml", 1, "label_demande_etat", "a_completer", "dated_again",
                      dated_again)
    with pytest.raises(GuideError, match=f"dated_again '{dated_again}' is not a later date question of its step"):
        load_guide(guide_dir)
