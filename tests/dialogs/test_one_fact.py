"""One fact, one place: no question of the guide asks again what another one asks."""
from __future__ import annotations

import re

from dialogs.loader import load_guide, rule_questions
from tests.dialogs.test_fiche_coverage import plain

# Pairs that used to ask one fact twice, in different stages; at most one of each may remain.
FORMER_TWINS = [
    ("comite_pilotage_annuel", "dev_comite_annuel"), ("cooperation_cellule_nationale", "dev_cooperation_cellule"),
    ("exigences_partenaires", "part_obligations"), ("horaires_prevus", "tech_horaires_lundi"),
    ("exigences_structure", "tech_espaces"), ("dev_signaletique", "tech_signaletique"),
    ("budget_investissements", "budget_charges_investissement"),
    ("budget_fonctionnement", "budget_charges_fonctionnement"),
]


def test_no_two_questions_share_a_prompt():
    guide = load_guide()
    prompts = {}
    for question in guide.question_list:
        key = plain(question.prompt)
        assert key not in prompts, (question.id, prompts.get(key))
        prompts[key] = question.id


def test_former_twins_are_one_question():
    questions = load_guide().questions
    for first, second in FORMER_TWINS:
        assert not (first in questions and second in questions), (first, second)


def test_a_fact_shown_again_is_the_same_question_recalled_not_asked_twice():
    guide = load_guide()
    recalled = [(step, q) for step in guide.steps for q in step.recall]
    assert recalled  # the committee, the cooperation and the signage are confirmed where they matter again
    for step, question_id in recalled:
        home = guide.step_of_question[question_id]
        assert guide.step_index[home.id] < guide.step_index[step.id]


def test_no_question_asks_two_things_at_once():
    for question in load_guide().question_list:
        assert not re.search(r"\bet appliquez|connaissez-vous et\b", question.prompt, re.IGNORECASE), question.id


def test_every_check_opens_a_step_holding_its_questions():
    guide = load_guide()
    for check in guide.checks:
        step = guide.step(check.step)
        held = {q.id for q in step.questions} | set(step.recall)
        for rule in check.rules:
            if rule_questions(rule):
                assert held & rule_questions(rule), (check.id, check.step)


def test_no_name_that_no_longer_exists_is_offered():
    guide = load_guide()
    for question in guide.question_list:
        for option in question.options:
            assert "Pôle emploi" not in option.label or "France Travail" in option.label, option.label
            assert "portail" not in plain(option.label), option.label
        assert "Pôle emploi" not in question.prompt and "CNAM" not in question.prompt, question.id
