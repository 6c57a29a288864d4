"""The project machine: next needs the step's required answers; back, skip, goto; pooled models."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from dialogs.loader import load_guide
from states.diagram import mermaid
from states.machine import FINISHED, ProjectMachine, goto_trigger
from states.progress import ProjectView
from store.repo import StoredAnswer


@pytest.fixture(scope="module")
def guide():
    return load_guide()


@pytest.fixture(scope="module")
def machine(guide):
    return ProjectMachine(guide)


@dataclass
class Turn:
    view: ProjectView
    question: object = None

    def step_complete(self, step_id):
        return self.view.step_complete(step_id)


def turn(guide, question=None, **answers):
    stored = {qid: StoredAnswer("answered", value, guide.questions[qid].kind.value) for qid, value in answers.items()}
    return Turn(ProjectView(guide, stored), question)


def test_states_are_the_steps_in_order_then_the_end(guide, machine):
    assert machine.states == [s.id for s in guide.steps] + [FINISHED]
    assert machine.initial == "chef_de_projet"


def test_next_waits_for_the_required_answers(guide, machine):
    with machine.model("chef_de_projet") as model:
        assert model.next(turn(guide)) is False
        assert model.state == "chef_de_projet"
        assert model.next(turn(guide, chef_projet_nom="Marie")) is True
        assert model.state == "enjeux_objectifs"


def test_a_hidden_required_question_does_not_block(guide, machine):
    step = guide.step("cahier_des_charges")
    assert [q.id for q in step.questions if q.required] == ["prefecture_contactee"]
    with machine.model("cahier_des_charges") as model:
        assert model.next(turn(guide, prefecture_contactee=False)) is True


def test_back_and_its_limit(guide, machine):
    with machine.model("enjeux_objectifs") as model:
        assert model.back(turn(guide)) is True and model.state == "chef_de_projet"
        assert model.back(turn(guide)) is False and model.state == "chef_de_projet"
    with machine.model(FINISHED) as model:
        model.back(turn(guide))
        assert model.state == guide.steps[-1].id


def test_skip_only_for_optional_questions_of_the_current_step(guide, machine):
    required, optional = guide.questions["chef_projet_nom"], guide.questions["chef_projet_fonction"]
    elsewhere = guide.questions["objectifs"]
    with machine.model("chef_de_projet") as model:
        assert model.skip(turn(guide, optional)) is True
        assert model.skip(turn(guide, required)) is False
        assert model.skip(turn(guide, elsewhere)) is False
        assert model.answer(turn(guide, required)) is True
        assert model.answer(turn(guide, elsewhere)) is False


def test_goto_reaches_any_step_from_anywhere(guide, machine):
    with machine.model(FINISHED) as model:
        assert model.trigger(goto_trigger("chef_de_projet"), turn(guide)) is True
        assert model.state == "chef_de_projet"
        assert model.trigger(goto_trigger(guide.steps[-1].id), turn(guide)) is True
        assert model.state == guide.steps[-1].id


def test_models_are_reused_not_rebuilt(machine):
    with machine.model("chef_de_projet") as first:
        pass
    with machine.model("partenaires") as second:
        assert second is first and second.state == "partenaires"


def test_an_unknown_stored_state_restarts_at_the_first_step(machine):
    with machine.model("a_step_removed_from_the_guide") as model:
        assert model.state == machine.initial


def test_the_diagram_shows_the_path(guide):
    diagram = mermaid(guide)
    assert diagram.count("stateDiagram-v2") == 1
    assert "chef_de_projet --> enjeux_objectifs: next [complete]" in diagram
    assert "enjeux_objectifs --> chef_de_projet: back" in diagram


def test_the_readme_embeds_the_current_diagram(guide):
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    body = mermaid(guide).split("stateDiagram-v2", 1)[1]
    assert body.strip() in readme, "regenerate the README diagram: python -m bot diagram"


def test_a_named_prompt_waits_for_the_name_it_shows(guide):
    question = guide.questions["equipe_agent_autre"]

    def prompt(**answers):
        return turn(guide, **answers).view.prompt(question)
    assert prompt() == prompt(equipe_fonctions_autre="  ") == "Qui assurera l'autre fonction que vous avez indiquée ?"
    # The name is trimmed, and "{name}" typed in it stays text: the prompt's own is replaced once.
    assert prompt(equipe_fonctions_autre=" Médiation {name} ") == "Qui assurera la fonction « Médiation {name} » ?"
    assert turn(guide).view.prompt(guide.questions["equipe_fonctions"]) == guide.questions["equipe_fonctions"].prompt


@pytest.mark.parametrize(("visits", "asked"), [(0, False), (2, True)])
def test_what_visits_taught_is_asked_only_after_one(guide, visits, asked):
    """"Qu'avez-vous retenu de ces visites ?" came after "Aucune encore": a question about nothing."""
    step = guide.step_of_question["visites_maisons"]
    visible = turn(guide, visites_maisons=visits).view.visible_questions(step)
    assert (guide.questions["visites_enseignements"] in visible) is asked
