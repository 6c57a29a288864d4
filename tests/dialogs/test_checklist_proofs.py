"""What proves a checklist item: tests on answers, the budget's state, each option's follow-up; since when; how."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

import pytest

from dialogs.budget import Framing, summarize
from dialogs.checks import BY_HAND, PROVED, ItemState, Proofs, budget_state, proved, ticked
from dialogs.loader import GuideError, load_guide
from dialogs.model import ChecklistItem
from dialogs.referentials import load_referentials
from tests.dialogs.test_budget import MODEL, charge, euros, resource
from tests.dialogs.test_loader import edit_stage, guide_dir  # noqa: F401 (a fixture)

REFERENTIALS = load_referentials(MODEL)
FULL_YEAR = Framing(year=2027, operating_already=True, opening=None)
MARCH, APRIL, MAY, JUNE = (datetime(2027, month, 15, 8, 0, tzinfo=timezone.utc) for month in (3, 4, 5, 6))


@dataclass(frozen=True)
class Version:
    status: str
    value: Any
    at: datetime


@dataclass(frozen=True)
class Mark:
    done: bool
    at: datetime


def item(proved_by: Any = None) -> ChecklistItem:
    return ChecklistItem(id="visiter", label="Visiter des Maisons", fiche="Organiser des visites", proved_by=proved_by)


VISITS = item({"question": "visites_maisons", "at_least": 1})
BALANCED = item({"budget": "balanced"})


def answered(value: Any, at: datetime) -> Version:
    return Version("answered", value, at)


# --- the budget's state -------------------------------------------------------------------------------------

def balanced_lines():
    """58 000 € of operating charges: 29 000 € of subsidy and 29 000 € from the commune; investment covered."""
    return [charge(1, "salaires", euros(58_000)), resource(2, "commune", euros(29_000)),
            charge(3, "mobilier", euros(20_000)), resource(4, "detr", euros(20_000), use="investissement")]


@pytest.mark.parametrize("lines, entered, balanced", [
    ([], False, False),
    (balanced_lines(), True, True),
    (balanced_lines()[:2], True, True),                                   # no investment: nothing to fund
    (balanced_lines() + [resource(5, "europe", euros(1_000))], True, True),   # a surplus is no gap
    (balanced_lines()[:3], True, False),                                  # the investment lacks 20 000 €
    (balanced_lines()[:1], True, False),                                  # the operating budget lacks 29 000 €
    ([charge(1, "salaires", euros(5_000))], True, False),                  # below the floor: implausible
    ([resource(1, "commune", euros(5_000))], False, False),               # money, but no charge
])
def test_the_budget_is_entered_then_balanced(lines, entered, balanced):
    summary = summarize(lines, MODEL, FULL_YEAR)
    assert budget_state(summary, "entered") is entered
    assert budget_state(summary, "balanced") is balanced


def test_the_budget_is_read_once_and_only_when_a_proof_asks():
    calls = []

    def budget():
        calls.append(1)
        return summarize(balanced_lines(), MODEL, FULL_YEAR)

    proofs = Proofs({"visites_maisons": 2}, budget)
    assert proofs.holds(VISITS.proved_by) and calls == []
    assert proofs.holds(BALANCED.proved_by) and proofs.holds(item({"budget": "entered"}).proved_by)
    assert calls == [1]


def test_without_a_budget_a_budget_proof_does_not_hold():
    assert not Proofs({}).holds(BALANCED.proved_by)
    assert ticked(BALANCED, {}, {"visiter": True})               # a hand tick still counts
    assert not proved(BALANCED, {}) and proved(BALANCED, {}, lambda: summarize(balanced_lines(), MODEL, FULL_YEAR))


# --- proofs on answers --------------------------------------------------------------------------------------

def test_each_option_chosen_needs_its_follow_up():
    translated = item({"each_of": "part_operateurs", "options": ["la_poste", "caf"],
                       "answered": "part_services_{option}"}).proved_by
    assert not Proofs({}).holds(translated)                                   # the choice itself is not made
    assert Proofs({"part_operateurs": ["autre"]}).holds(translated)         # no listed operator: nothing to detail
    assert not Proofs({"part_operateurs": ["la_poste", "caf"], "part_services_caf": "…"}).holds(translated)
    assert Proofs({"part_operateurs": ["la_poste", "caf"], "part_services_caf": "…",
                   "part_services_la_poste": "…"}).holds(translated)


def test_each_option_chosen_can_need_its_follow_up_to_say_one_thing():
    signed = item({"each_of": "part_operateurs", "options": ["la_poste", "caf"],
                   "answered": "part_convention_{option}", "equals": "signee"}).proved_by
    both = {"part_operateurs": ["la_poste", "caf"], "part_convention_la_poste": "signee"}
    assert Proofs({**both, "part_convention_caf": "signee"}).holds(signed)
    assert not Proofs({**both, "part_convention_caf": "en_discussion"}).holds(signed)
    assert not Proofs(both).holds(signed)                                    # the CAF's not answered yet


@pytest.mark.parametrize("rules", ["msap", "france_services"])
def test_local_conventions_are_not_all_signed_while_an_operator_s_is_not(rules):
    """"Toutes signées" for the local conventions does not tick the item while an operator's own convention,
    asked just before, is still being discussed."""
    checklist = {i.id: i for i in REFERENTIALS[rules].guide.checklist}
    conventions = checklist["part_todo_conventions_locales"]
    values = {"part_conventions_locales": "toutes_signees", "part_operateurs": ["la_poste", "caf"],
              "part_convention_la_poste": "signee", "part_convention_caf": "en_discussion"}
    assert not proved(conventions, values)
    assert proved(conventions, {**values, "part_convention_caf": "signee"})
    assert not proved(conventions, {**values, "part_convention_caf": "signee",
                                    "part_conventions_locales": "signees_en_partie"})


def test_all_parts_must_hold():
    both = item({"all": [{"question": "visites_maisons", "at_least": 1}, {"budget": "entered"}]}).proved_by
    budget = lambda: summarize(balanced_lines()[:1], MODEL, FULL_YEAR)  # noqa: E731
    assert Proofs({"visites_maisons": 1}, budget).holds(both)
    assert not Proofs({"visites_maisons": 0}, budget).holds(both)
    assert not Proofs({"visites_maisons": 1}).holds(both)


# --- since when ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("history, since", [
    ([answered(2, MARCH)], MARCH),
    ([answered(2, MARCH), answered(3, APRIL)], MARCH),                    # more visits: still done since March
    ([answered(0, MARCH), answered(2, APRIL)], APRIL),                    # none in March, two in April
    ([answered(2, MARCH), Version("deferred", None, APRIL), answered(2, MAY)], MAY),   # left in April
    ([answered(2, MARCH), answered(2, APRIL)], MARCH),                    # confirmed again in a later step
])
def test_an_answer_proves_since_the_version_that_began_to_prove_it(history, since):
    proofs = Proofs({"visites_maisons": history[-1].value}, history={"visites_maisons": history})
    assert proofs.since(VISITS.proved_by) == since


def test_several_parts_prove_since_the_last_of_them():
    proof = item({"all": [{"question": "a", "answered": True}, {"budget": "entered"}]}).proved_by
    budget = lambda: summarize(balanced_lines()[:1], MODEL, FULL_YEAR)  # noqa: E731
    proofs = Proofs({"a": "x"}, budget, {"a": [answered("x", MARCH)]}, budget_changed=MAY)
    assert proofs.since(proof) == MAY
    assert Proofs({"a": "x"}, budget, {"a": [answered("x", JUNE)]}, budget_changed=MAY).since(proof) == JUNE
    assert Proofs({"a": "x"}, budget).since(proof) is None            # no times given: no date


# --- the item's state ---------------------------------------------------------------------------------------

def visits(history: list[Version]) -> Proofs:
    values = {"visites_maisons": history[-1].value} if history[-1].status == "answered" else {}
    return Proofs(values, history={"visites_maisons": history})


@pytest.mark.parametrize("history, mark, state", [
    ([answered(2, APRIL)], None, ItemState(True, PROVED, APRIL)),
    ([answered(0, APRIL)], None, ItemState(False)),
    ([answered(0, APRIL)], Mark(True, MAY), ItemState(True, BY_HAND, MAY)),
    ([answered(2, APRIL)], Mark(True, MARCH), ItemState(True, PROVED, MARCH)),   # ticked before the answer came
    ([answered(2, APRIL)], Mark(True, MAY), ItemState(True, PROVED, APRIL)),
    ([answered(2, APRIL)], Mark(False, MAY), ItemState(True, PROVED, APRIL)),    # an untick does not hide a proof
    ([answered(2, MARCH), answered(0, MAY)], Mark(True, APRIL), ItemState(True, BY_HAND, APRIL)),  # proof gone
    ([answered(0, APRIL)], Mark(False, MAY), ItemState(False)),
])
def test_one_state_from_the_proof_and_the_hand_mark(history, mark, state):
    assert visits(history).state(VISITS, mark) == state


def test_plain_marks_give_states_without_dates():
    assert Proofs({"visites_maisons": 0}).state(VISITS, True) == ItemState(True, BY_HAND, None)
    assert Proofs({"visites_maisons": 2}).state(VISITS, False) == ItemState(True, PROVED, None)
    assert Proofs({}).state(item(), None) == ItemState(False)


# --- the loader ---------------------------------------------------------------------------------------------

def checklist(data) -> list[dict]:
    return data["checklist"]


@pytest.mark.parametrize("proof, message", [
    ({"budget": "paid"}, r"checklist\.0\.proved_by\.budget\.budget"),
    ({"question": "visites_maisons"}, "a proof names one of"),
    ({"question": "nowhere", "answered": True}, "'nowhere' is not a question of the guide"),
    ({"each_of": "visites_maisons", "options": ["x"], "answered": "a_{option}"}, "is not a multiple choice"),
    ({"each_of": "operateurs", "options": ["pizza"], "answered": "a_{option}"}, r"\['pizza'\] not options"),
    ({"each_of": "operateurs", "options": ["caf"], "answered": "services_{option}"},
     "'services_caf' is not a question"),
    ({"each_of": "part_operateurs", "options": ["caf"], "answered": "part_convention_{option}", "equals": "pizza"},
     "'pizza' is not an option of 'part_convention_caf'"),
    ({"all": [{"budget": "entered"}, {"question": "operateurs", "any_of": ["pizza"]}]},
     "'pizza' is not an option of 'operateurs'"),
])
def test_a_malformed_proof_is_refused(guide_dir, proof, message):  # noqa: F811
    edit_stage(guide_dir, lambda data: checklist(data)[0].update(proved_by=proof))
    with pytest.raises(GuideError, match=message):
        load_guide(guide_dir)


def test_a_question_is_never_shown_on_the_budget(guide_dir):  # noqa: F811
    edit_stage(guide_dir, lambda data: data["steps"][0]["questions"][1].update(when={"budget": "entered"}))
    with pytest.raises(GuideError, match="01-diagnostic.yaml: steps.0.questions.1.when"):
        load_guide(guide_dir)


def test_one_action_is_one_item(guide_dir):  # noqa: F811
    def change(data):
        checklist(data).append(dict(checklist(data)[0], id="diag_doublon"))
    edit_stage(guide_dir, change)
    with pytest.raises(GuideError, match="'Identifier un chef de projet' is also the label of diag_identifier_chef"):
        load_guide(guide_dir)


def test_the_shipped_guide_proves_the_reported_items_from_their_answers():
    items = {item.id: item for item in load_guide().checklist}
    values = {"visites_maisons": 2, "label_demande_unique": True, "rencontres_bilaterales": 3}
    budget = lambda: summarize(balanced_lines(), MODEL, FULL_YEAR)  # noqa: E731
    proofs = Proofs(values, budget)
    for item_id in ("diag_visiter_maisons", "label_preparer_demande", "budget_construire_budget",
                    "diag_rencontres_bilaterales"):
        assert proofs.holds(items[item_id].proved_by), item_id
    assert not Proofs({"rencontres_bilaterales": 0}).holds(items["diag_rencontres_bilaterales"].proved_by)
    assert sum("rencontres bilatérales" in item.label for item in items.values()) == 1
