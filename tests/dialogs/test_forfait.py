"""The France services forfait (issue 14): the amount of the budget's year, its FNADT/FNFS halves, never above the
operating budget, the France Ruralités bonus announced and never counted; in the chat and in the documents.

The rule is built here, as shared/sources/france-services-2026.md gives it, so that these tests do not depend on
the referential file (dialogs/referentials/france-services-2026.yaml); the last test checks that file's block
against the same facts.
"""
from __future__ import annotations

import dataclasses
import datetime
import html
import re
from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.render import Renderer
from dialogs.budget import (Framing, Line, Subsidy, forfait_formula, labelling_subsidy, project_budget, subsidy_label,
                            summarize)
from dialogs.budget_model import Bonus, ForfaitRule, Fund, check_framing, load_budget_model
from dialogs.checks import State, budget_state, evaluate
from dialogs.errors import GuideError
from dialogs.loader import load_guide
from dialogs.referentials import load_referentials
from dialogs.ui import load_ui
from dossier.blocks import parse
from dossier.markup import render_html
from dossier.view import build_dossier
from states.budget_desk import BudgetDesk
from store.repo import BudgetLineRow, Repository
from tests.dialogs.test_checks import guide  # noqa: F401  (a fixture)

MSAP = load_budget_model()
UI = load_ui()
SOURCE = ("La Gazette des communes (lagazettedescommunes.com/799359) : 30 000 € par an dès 2020, pour moitié du "
          "FNADT et pour moitié du fonds national France services")
FRANCE_SERVICES = ForfaitRule(
    kind="forfait", label="Forfait France services",
    by_year={2020: 30_000, 2023: 35_000, 2024: 40_000, 2025: 45_000, 2026: 50_000},
    funds=[Fund(id="fnadt", label="FNADT", percent=50),
           Fund(id="fnfs", label="Fonds national France services (FNFS)", short="FNFS", percent=50)],
    bonus=Bonus(question="fs_france_ruralites", label="Majoration France Ruralités",
                source="archive.nossenateurs.fr/intervention/2832772", to_confirm=True),
    source=SOURCE)
FORFAIT = MSAP.model_copy(update={"subsidy": FRANCE_SERVICES})
IN_2026 = Framing(year=2026, operating_already=True, opening=None)
FORMULA_2026 = "Forfait France services 2026 : 50 000 € (FNADT 25 000 €, FNFS 25 000 €)"
CAPPED_2026 = ("Forfait France services 2026 : 50 000 €, limité au budget de fonctionnement, soit 30 000 € "
               "(FNADT 15 000 €, FNFS 15 000 €)")
RURALITES = "Majoration France Ruralités : montant à confirmer avec votre Préfecture, non compté dans le total."
# The documents are read by the Préfecture and the partners: what is uncertain is said to them, not sent to them.
DOCUMENT_RURALITES = "Majoration France Ruralités : montant non encore fixé, non compté dans ce total."
FOR_TEAM = UI.budget.forfait_caveats


def euros(amount: int) -> int:
    return amount * 100


def plain(text: str) -> str:
    """As read: Babel's narrow no-break spaces as spaces."""
    return text.replace("\u202f", " ").replace("\xa0", " ")


def operating(amount: int) -> list[Line]:
    return [Line(1, "charge", "salaires", "Salaires et charges", euros(amount), "fonctionnement")]


def shares(subsidy: Subsidy) -> list[tuple[str, int]]:
    return [(share.fund, share.cents) for share in subsidy.forfait.shares]


def forfait_of(year: int | None, budget: int = 80_000, **framing) -> Subsidy:
    return summarize(operating(budget), FORFAIT, Framing(year, True, None, **framing)).subsidy


# --- the amount ------------------------------------------------------------------------------------------------

def test_a_budget_of_80000_in_2026_gets_50000_half_fnadt_half_fnfs():
    summary = summarize(operating(80_000), FORFAIT, IN_2026)
    assert summary.subsidy.cents == euros(50_000) and summary.subsidy.basis == "forfait"
    assert shares(summary.subsidy) == [("fnadt", euros(25_000)), ("fnfs", euros(25_000))]
    assert not summary.subsidy.implausible and summary.floor_cents is None
    assert summary.operating.resources_cents == euros(50_000)
    assert summary.resources_by_source == [("subsidy", euros(50_000))]


def test_never_more_than_the_operating_budget_split_in_the_same_halves():
    subsidy = summarize(operating(30_000), FORFAIT, IN_2026).subsidy
    assert (subsidy.cents, subsidy.basis, subsidy.rate_cents) == (euros(30_000), "budget", euros(50_000))
    assert shares(subsidy) == [("fnadt", euros(15_000)), ("fnfs", euros(15_000))]
    assert not subsidy.implausible   # no floor: a small budget only caps the forfait


def test_the_same_budget_under_the_msap_fiche_gets_its_ceiling():
    subsidy = summarize(operating(80_000), MSAP, IN_2026).subsidy
    assert subsidy == Subsidy(euros(35_000), "ceiling", euros(40_000), False)
    assert subsidy.forfait is None and subsidy.kind == "rate"


@pytest.mark.parametrize(("year", "amount"), [(2020, 30_000), (2021, 30_000), (2022, 30_000), (2023, 35_000),
                                              (2024, 40_000), (2025, 45_000), (2026, 50_000)])
def test_the_forfait_of_the_budgets_year(year, amount):
    """The last year listed at or before the budget's year: 30 000 € from 2020 until 2023's 35 000 €."""
    subsidy = forfait_of(year)
    assert subsidy.cents == euros(amount) and subsidy.forfait.published
    assert shares(subsidy) == [("fnadt", euros(amount // 2)), ("fnfs", euros(amount // 2))]
    assert plain(forfait_formula(subsidy, UI.documents, FOR_TEAM)[0]).startswith(f"Forfait France services {year} : ")


def test_after_the_last_published_year_the_last_amount_is_said_to_be_so():
    subsidy = forfait_of(2027)
    assert subsidy.cents == euros(50_000)
    assert (subsidy.forfait.year, subsidy.forfait.listed_year, subsidy.forfait.published) == (2027, 2026, False)
    # Never "Forfait France services 2027 : 50 000 €": that amount is not published.
    assert [plain(line) for line in forfait_formula(subsidy, UI.documents, FOR_TEAM)] == [
        FORMULA_2026,
        "Le montant de 2027 n'est pas encore publié : c'est celui de 2026, le dernier publié, à confirmer avec "
        "votre Préfecture."]


def test_without_a_budget_year_the_opening_dates_year():
    opening_2024 = Framing(year=None, operating_already=False, opening=datetime.date(2024, 9, 1))
    assert summarize(operating(80_000), FORFAIT, opening_2024).subsidy.cents == euros(40_000)
    asked = Framing(year=2026, operating_already=False, opening=datetime.date(2024, 9, 1))
    assert summarize(operating(80_000), FORFAIT, asked).subsidy.cents == euros(50_000)


def test_with_no_year_at_all_the_last_amount_says_the_year_is_missing():
    subsidy = forfait_of(None)
    assert subsidy.cents == euros(50_000) and not subsidy.forfait.published
    assert plain(forfait_formula(subsidy, UI.documents, FOR_TEAM)[1]) == (
        "Année du budget non renseignée : c'est le montant de 2026, le dernier publié.")


def test_before_the_first_year_there_is_no_forfait():
    subsidy = forfait_of(2019)
    assert (subsidy.cents, subsidy.basis) == (0, "before_first")
    assert forfait_formula(subsidy, UI.documents, FOR_TEAM) == [
        "Forfait France services : aucun montant avant 2020 ; vérifiez l'année du budget (2019)"]


def test_no_operating_charge_no_forfait():
    subsidy = summarize([], FORFAIT, IN_2026).subsidy
    assert (subsidy.cents, subsidy.basis) == (0, "none") and forfait_formula(subsidy, UI.documents, FOR_TEAM) == []


@given(st.integers(0, 10**9), st.sampled_from([None, 2019, 2020, 2022, 2023, 2026, 2040]))
def test_shares_add_up_and_never_exceed_the_budget(budget, year):
    subsidy = labelling_subsidy(budget, FRANCE_SERVICES, Framing(year, True, None))
    assert 0 <= subsidy.cents <= budget and not subsidy.implausible
    assert sum(cents for _, cents in shares(subsidy)) == subsidy.cents
    first, second = shares(subsidy)
    assert abs(first[1] - second[1]) <= 1   # halves, to the cent


def test_shares_follow_uneven_percents_and_rounding():
    rule = FRANCE_SERVICES.model_copy(update={"funds": [Fund(id="a", label="A", percent=30),
                                                        Fund(id="b", label="B", percent=70)]})
    assert shares(labelling_subsidy(euros(80_000), rule, IN_2026)) == [("a", euros(15_000)), ("b", euros(35_000))]
    capped = labelling_subsidy(333, rule, IN_2026)   # 30 % of 3,33 € is 0,999 €
    assert shares(capped) == [("a", 100), ("b", 233)]


# --- the France Ruralités bonus ----------------------------------------------------------------------------------

def test_the_bonus_is_announced_where_the_project_answered_yes_and_never_counted():
    subsidy = forfait_of(2026, bonus=True)
    assert subsidy.cents == euros(50_000) and subsidy.forfait.bonus.cents is None
    assert not subsidy.forfait.bonus.counted and subsidy.forfait.bonus.to_confirm
    assert [plain(line) for line in forfait_formula(subsidy, UI.documents, FOR_TEAM)] == [FORMULA_2026, RURALITES]
    for answer in (False, None):
        assert forfait_of(2026, bonus=answer).forfait.bonus is None


def test_the_bonus_answer_is_read_from_the_projects_answers():
    rows = [BudgetLineRow(1, "charge", "salaires", "Salaires et charges", euros(80_000), "fonctionnement")]
    yes = project_budget(FORFAIT, {"budget_annee": 2026, "budget_en_activite": True, "fs_france_ruralites": True}, rows)
    assert yes.subsidy.forfait.bonus is not None and yes.subsidy.cents == euros(50_000)
    no = project_budget(FORFAIT, {"budget_annee": 2026, "fs_france_ruralites": False}, rows)
    assert no.subsidy.forfait.bonus is None
    # Under the fiche's rule the question means nothing.
    assert project_budget(MSAP, {"budget_annee": 2026, "fs_france_ruralites": True}, rows).subsidy.forfait is None


def test_a_known_and_confirmed_bonus_would_be_counted_within_the_budget():
    known = FRANCE_SERVICES.bonus.model_copy(update={"euros": 5_000, "to_confirm": False})
    rule = FRANCE_SERVICES.model_copy(update={"bonus": known})
    subsidy = labelling_subsidy(euros(80_000), rule, Framing(2026, True, None, bonus=True))
    assert subsidy.cents == euros(55_000) and subsidy.forfait.bonus.counted
    assert shares(subsidy)[-1] == ("fs_france_ruralites", euros(5_000))
    assert labelling_subsidy(euros(52_000), rule, Framing(2026, True, None, bonus=True)).cents == euros(52_000)
    announced = rule.bonus.model_copy(update={"to_confirm": True})
    unsure = labelling_subsidy(euros(80_000), rule.model_copy(update={"bonus": announced}),
                               Framing(2026, True, None, bonus=True))
    assert unsure.cents == euros(50_000)
    assert plain(forfait_formula(unsure, UI.documents, FOR_TEAM)[-1]) == (
        "Majoration France Ruralités : 5 000 € annoncés, à confirmer avec votre Préfecture, "
        "non comptés dans le total.")


# --- the checks ------------------------------------------------------------------------------------------------

def plausible(guide, model, amount: int) -> State:
    budget = summarize(operating(amount), model, IN_2026)
    return next(r for r in evaluate(guide.stages, guide.questions, {}, lambda: budget)
                if r.check.id == "budget_check_plausible").state


def test_a_forfait_has_no_floor_so_a_small_budget_is_plausible(guide):
    assert plausible(guide, MSAP, 8_000) is State.NOT_MET
    assert plausible(guide, FORFAIT, 8_000) is State.SATISFIED
    balanced = summarize([*operating(8_000)], FORFAIT, IN_2026)
    assert budget_state(balanced, "balanced")   # 8 000 € of forfait for 8 000 € of charges


# --- the chat ----------------------------------------------------------------------------------------------------

class _Lines:
    def __init__(self, rows: list[BudgetLineRow]) -> None:
        self.rows = rows

    def budget_lines(self, project_id: int) -> list[BudgetLineRow]:
        return self.rows


def chat_summary(model, values: dict, amount: int) -> str:
    """The /budget summary as BudgetDesk builds it and the bot's templates render it."""
    rows = [BudgetLineRow(1, "charge", "salaires", "Salaires et charges", euros(amount), "fonctionnement")]
    desk = BudgetDesk(model, UI, _Lines(rows), SimpleNamespace(id=1, name="France services du Lévézou"),
                      SimpleNamespace(budget_pending=None), 1, SimpleNamespace(values=values),
                      lambda label, action, arg: SimpleNamespace(label=label), lambda: None, lambda: [])
    return plain(html.unescape(Renderer().html(desk.summary())))


def test_the_chat_shows_the_forfait_its_halves_and_its_source():
    text = chat_summary(FORFAIT, {"budget_annee": 2026, "budget_en_activite": True}, 80_000)
    assert "<b>Labellisation (FNADT + FNFS)</b>\n" + FORMULA_2026 + ".\n" in text
    assert f"<i>Source : {SOURCE}</i>" in text
    assert "Fonctionnement : 50 000 € de ressources pour 80 000 € de charges." in text
    assert "plancher" not in text and "plafond" not in text and "%" not in text.split("Plan de financement")[0]


def test_the_chat_says_what_is_not_a_fact():
    text = chat_summary(FORFAIT, {"budget_annee": 2027, "budget_en_activite": True, "fs_france_ruralites": True},
                        30_000)
    assert CAPPED_2026 + ".\nLe montant de 2027 n'est pas encore publié" in text
    assert RURALITES in text


def test_the_chat_asks_a_partial_year_forfait_to_be_confirmed():
    text = chat_summary(FORFAIT, {"budget_annee": 2026, "budget_en_activite": False,
                                  "budget_date_ouverture": "2026-09-01"}, 16_000)
    assert "couvre 4 mois d'activité" in text
    assert ("Le forfait est-il réduit au prorata des mois d'activité ? C'est à votre Préfecture de le confirmer."
            in text)


def test_the_chat_keeps_the_fiches_wording_for_the_rate():
    text = chat_summary(MSAP, {"budget_annee": 2026, "budget_en_activite": True}, 80_000)
    assert ("<b>Labellisation (FNADT + fonds inter-opérateurs)</b>\n"
            "50 % de 80 000 € = 40 000 €, plafonné à 35 000 €.") in text
    assert "Source :" not in text and "Forfait" not in text


def test_the_subsidy_is_named_after_its_rule():
    assert subsidy_label(FRANCE_SERVICES, UI.budget) == "Labellisation (FNADT + FNFS)"
    assert subsidy_label(MSAP.subsidy, UI.budget) == "Labellisation (FNADT + fonds inter-opérateurs)"


# --- the documents -------------------------------------------------------------------------------------------------

def document_text(template: str, dossier) -> str:
    markup = render_html(template, dossier)
    parse(markup)   # within the subset both renderers read
    return plain(" ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split()))


def forfait_dossier(services, values: dict, amount: int, model=FORFAIT):
    with services.database.begin() as connection:
        repo = Repository(connection)
        guide = services.guide.guide
        _, project = repo.create_project(repo.user(1, "Claire Morel"), "France services du Lévézou",
                                         guide.referential, guide.version, services.guide.steps[0].id)
        for question_id, (kind, value) in values.items():
            repo.record_answer(project.id, question_id, kind, "answered", value, 1)
        repo.add_budget_line(project.id, 1, "charge", "salaires", "Salaires et charges", euros(amount),
                             "fonctionnement")
    sources = dataclasses.replace(services.documents.sources, budget=model)
    with services.database.connect() as connection:
        return build_dossier(sources, Repository(connection), project.id, True, datetime.date(2026, 3, 2))


def test_the_dossier_prints_the_forfait_and_its_source(services):
    dossier = forfait_dossier(services, {"budget_annee": ("integer", 2026), "budget_en_activite": ("yes_no", True)},
                              80_000)
    budget = dossier.budget
    assert plain(budget.subsidy_formula) == FORMULA_2026
    assert budget.subsidy_kind == "forfait" and budget.subsidy_caveats == [] and budget.subsidy_source == SOURCE
    assert "FNADT 50\u202f%, " in budget.subsidy_rule   # "50" and "%" never on two lines
    assert (budget.resources[0].label, plain(budget.resources[0].amount)) == ("Labellisation (FNADT + FNFS)",
                                                                               "50 000 €")
    assert budget.notes == []   # the fiche's "whole calendar year" note is not said of a forfait
    text = document_text("dossier.html.j2", dossier).split("8. Budget prévisionnel")[1].split("9. Gouvernance")[0]
    assert ("La labellisation ouvre droit à un forfait annuel de fonctionnement par structure, dont le montant est "
            "fixé chaque année, dans la limite du budget de fonctionnement. Répartition entre les fonds : "
            "FNADT 50 %, Fonds national France services (FNFS) 50 %. Une seule demande regroupe ces fonds.") in text
    assert f"Calcul {FORMULA_2026} Source {SOURCE} Montant sollicité 50 000 €" in text
    assert "plancher" not in text and "35 000 €" not in text
    convention = document_text("convention.html.j2", dossier)
    assert ("la Maison bénéficie d'un forfait annuel de fonctionnement, dans la limite de son budget de "
            f"fonctionnement : {FORMULA_2026}, sur un budget de fonctionnement de 80 000 €.") in convention
    assert "50 % de son budget" not in convention


def test_the_dossier_says_what_is_to_confirm(services):
    dossier = forfait_dossier(services, {"budget_annee": ("integer", 2027), "budget_en_activite": ("yes_no", True),
                                         "fs_france_ruralites": ("yes_no", True)}, 30_000)
    budget = dossier.budget
    assert plain(budget.subsidy_formula) == CAPPED_2026
    assert [plain(caveat) for caveat in budget.subsidy_caveats] == [
        "Le montant de 2027 n'étant pas encore publié, celui de 2026, le dernier publié, est retenu.",
        DOCUMENT_RURALITES]
    text = document_text("dossier.html.j2", dossier)
    assert f"À confirmer {DOCUMENT_RURALITES}" in text and "Montant sollicité 30 000 €" in text
    convention = document_text("convention.html.j2", dossier)
    assert DOCUMENT_RURALITES in convention
    for document in (text, convention):   # the Préfecture would be asked to confirm with itself
        assert "votre Préfecture" not in document and "à confirmer avec" not in document


@pytest.mark.parametrize(("model", "note"), [
    (FORFAIT, "Le forfait est demandé en entier ; s'il doit être réduit au prorata de ces mois, le plan de "
              "financement sera ajusté."),
    (MSAP, "La fiche ne dit pas si le plancher et le plafond sont alors réduits au prorata : le calcul ci-dessus "
           "les applique en entier.")])
def test_a_partial_year_is_explained_to_the_prefecture_not_asked_of_it(services, model, note):
    dossier = forfait_dossier(services, {"budget_annee": ("integer", 2026), "budget_en_activite": ("yes_no", False),
                                         "budget_date_ouverture": ("date", "2026-09-01")}, 16_000, model)
    assert [plain(note) for note in dossier.budget.notes] == [
        f"La Maison ouvre en cours d'année : le budget de fonctionnement couvre 4 mois d'activité. {note}"]
    observations = document_text("dossier.html.j2", dossier).split("Observations")[1].split("9. Gouvernance")[0]
    assert "?" not in observations and "Préfecture" not in observations


# --- the referential's data ------------------------------------------------------------------------------------------

def test_the_france_services_referential_holds_these_facts():
    found = load_referentials(MSAP)
    if "france_services" not in found or not isinstance(found["france_services"].budget.subsidy, ForfaitRule):
        pytest.skip("the France services referential has no forfait yet")
    rule = found["france_services"].budget.subsidy
    assert rule.by_year == FRANCE_SERVICES.by_year
    assert [(f.id, f.name, f.percent) for f in rule.funds] == [("fnadt", "FNADT", 50), ("fnfs", "FNFS", 50)]
    assert rule.bonus.question == "fs_france_ruralites" and rule.bonus.euros is None and rule.bonus.to_confirm
    assert "fs_france_ruralites" in found["france_services"].guide.questions
    assert found["msap"].budget.subsidy == MSAP.subsidy


def test_the_bonus_question_must_be_a_yes_no_question_of_the_guide():
    questions = dict(load_guide().questions)
    with pytest.raises(GuideError, match="subsidy: bonus: 'fs_france_ruralites' must be a yes_no question"):
        check_framing(FORFAIT, questions)
    check_framing(FORFAIT.model_copy(update={"subsidy": FRANCE_SERVICES.model_copy(update={"bonus": None})}),
                  questions)
    ruralites = questions["budget_en_activite"].model_copy(update={"id": "fs_france_ruralites"})
    check_framing(FORFAIT, questions | {"fs_france_ruralites": ruralites})
