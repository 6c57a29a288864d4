"""The budget builder's arithmetic against the fiche, "PREPARER LE BUDGET DE LA MAISON DE SERVICES AU PUBLIC"."""
from __future__ import annotations

import datetime
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dialogs.budget import Framing, Line, Plan, Subsidy, labelling_subsidy, months_of_activity, summarize
from dialogs.budget_model import SubsidyRule, check_funders, load_budget_model
from dialogs.errors import GuideError
from dialogs.loader import load_guide
from dialogs.model import Kind, Option, Question

FICHE = Path(__file__).resolve().parents[3] / "shared" / "sources" / "fiche-technique-msap.txt"
# 2. Evaluer les recettes, word for word.
RULE_SENTENCE = ("la labellisation permet de bénéficier d'un financement de 50% de son budget annuel de "
                 "fonctionnement, avec un plancher de 10 000 € par an et un plafond de 35 000 € par an.")
NOT_CUMULATIVE = ("A noter que pour ce qui concerne le fonctionnement, le soutien du FNADT et de la DETR (ou "
                  "d'autres subventions de l'Etat au fonctionnement de la Maison) ne sont pas cumulables.")
MODEL = load_budget_model()
RULE = MODEL.subsidy
FLOOR, CEILING = 1_000_000, 3_500_000  # cents: 10 000 € and 35 000 €
FULL_YEAR = Framing(year=2027, operating_already=True, opening=None)


def euros(amount: int) -> int:
    return amount * 100


def half_up_half(cents: int) -> int:
    """50 % of cents rounded half-up, computed independently of the module."""
    return int((Decimal(cents) / 2).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def charge(key: int, category: str, cents: int, label: str = "") -> Line:
    return Line(key, "charge", category, label or category, cents, MODEL.charge_use(category))


def resource(key: int, category: str, cents: int, use: str = "fonctionnement", label: str = "") -> Line:
    return Line(key, "resource", category, label or category, cents, use)


budgets = st.one_of(
    st.integers(0, 10**10),
    st.integers(0, 2_000),
    st.integers(FLOOR - 300, FLOOR + 300),          # around the floor of the budget itself
    st.integers(2 * FLOOR - 300, 2 * FLOOR + 300),  # around where 50 % meets the floor
    st.integers(2 * CEILING - 300, 2 * CEILING + 300),  # around where 50 % meets the ceiling
)


# --- the rule as data ---------------------------------------------------------------------------------------

def test_the_rule_is_the_fiche():
    """budget.yaml holds "50% ... plancher de 10 000 € par an et un plafond de 35 000 € par an"."""
    assert (RULE.rate_percent, RULE.floor_euros, RULE.ceiling_euros) == (50, 10_000, 35_000)
    assert RULE.fiche == RULE_SENTENCE


@pytest.mark.skipif(not FICHE.exists(), reason="the fiche is beside the repository in shared/")
def test_the_quoted_sentences_are_in_the_fiche():
    """Both sentences these tests rely on are in part 2. Evaluer les recettes of the fiche."""
    part = FICHE.read_text(encoding="utf-8").split("2. Evaluer les recettes")[1].split("3. Construire")[0]
    assert RULE_SENTENCE in part
    assert NOT_CUMULATIVE in part


# --- labelling_subsidy: properties ----------------------------------------------------------------------------

@given(budgets)
def test_between_floor_and_ceiling_once_the_budget_reaches_the_floor(budget):
    """ "avec un plancher de 10 000 € par an et un plafond de 35 000 € par an" """
    subsidy = labelling_subsidy(budget, RULE)
    if budget >= FLOOR:
        assert FLOOR <= subsidy.cents <= CEILING
    else:
        assert subsidy.cents == budget


@given(budgets)
def test_never_above_the_budget(budget):
    """ "un financement de 50% de son budget annuel de fonctionnement": a financing, never more than the budget."""
    assert 0 <= labelling_subsidy(budget, RULE).cents <= budget


@given(budgets, budgets)
def test_monotone_in_the_budget(one, other):
    """A larger "budget annuel de fonctionnement" never earns a smaller financing."""
    low, high = sorted((one, other))
    assert labelling_subsidy(low, RULE).cents <= labelling_subsidy(high, RULE).cents


@given(budgets)
def test_exactly_half_between_the_bounds(budget):
    """ "un financement de 50% de son budget annuel de fonctionnement", to the cent (half-up)."""
    half = half_up_half(budget)
    subsidy = labelling_subsidy(budget, RULE)
    assert subsidy.rate_cents == half
    if FLOOR <= half <= CEILING:
        assert subsidy.cents == half
        assert subsidy.basis == "rate"


@given(budgets)
def test_the_basis_names_the_bound_that_applied(budget):
    """ "50% ... avec un plancher de 10 000 € ... et un plafond de 35 000 €": the basis says which one set the amount.

    A bound is the basis only when it changed the amount: 50 % exactly at a bound is "rate".
    """
    subsidy = labelling_subsidy(budget, RULE)
    half = half_up_half(budget)
    expected = ("none" if budget == 0 else "budget" if budget < FLOOR else "floor" if half < FLOOR
                else "ceiling" if half > CEILING else "rate")
    assert subsidy.basis == expected
    amount = {"none": 0, "budget": budget, "floor": FLOOR, "ceiling": CEILING, "rate": half}[expected]
    assert subsidy.cents == amount


@given(budgets)
def test_implausible_iff_the_floor_exceeds_the_budget(budget):
    """ "un plancher de 10 000 € par an": a budget below the floor cannot be the budget of a labelled Maison."""
    assert labelling_subsidy(budget, RULE).implausible == (0 < budget < FLOOR)


# --- labelling_subsidy: worked examples -----------------------------------------------------------------------

@pytest.mark.parametrize("budget, expected", [
    (euros(58_000), Subsidy(euros(29_000), "rate", euros(29_000), False)),
    (euros(100_000), Subsidy(euros(35_000), "ceiling", euros(50_000), False)),
    # 50 % lands exactly on the ceiling: the ceiling changed nothing, so the basis is "rate".
    (euros(70_000), Subsidy(euros(35_000), "rate", euros(35_000), False)),
    (euros(70_000) + 2, Subsidy(euros(35_000), "ceiling", euros(35_000) + 1, False)),
    (euros(15_000), Subsidy(euros(10_000), "floor", euros(7_500), False)),
    # 50 % lands exactly on the floor: "rate" again.
    (euros(20_000), Subsidy(euros(10_000), "rate", euros(10_000), False)),
    (euros(20_000) - 2, Subsidy(euros(10_000), "floor", euros(10_000) - 1, False)),
    # The budget equals the floor: the floor applies and is the whole budget, which is plausible.
    (euros(10_000), Subsidy(euros(10_000), "floor", euros(5_000), False)),
    (euros(8_000), Subsidy(euros(8_000), "budget", euros(4_000), True)),
    (1, Subsidy(1, "budget", 1, True)),  # 0.5 cent rounds up
    (0, Subsidy(0, "none", 0, False)),
    # 58 001,01 €: 50 % is 2 900 050,5 cents, half-up 2 900 051 cents = 29 000,51 €.
    (5_800_101, Subsidy(2_900_051, "rate", 2_900_051, False)),
    (5_800_103, Subsidy(2_900_052, "rate", 2_900_052, False)),  # 2 900 051,5 -> up, not to even
])
def test_worked_examples(budget, expected):
    """ "50% de son budget annuel de fonctionnement, avec un plancher de 10 000 € par an et un plafond de
    35 000 € par an." """
    assert labelling_subsidy(budget, RULE) == expected


def test_the_rule_is_read_from_the_data():
    """The amounts come from budget.yaml, not from the code: another rule gives other amounts."""
    rule = SubsidyRule(rate_percent=40, floor_euros=5_000, ceiling_euros=20_000, funds=["FNADT"], fiche="test")
    assert labelling_subsidy(euros(30_000), rule) == Subsidy(euros(12_000), "rate", euros(12_000), False)
    assert labelling_subsidy(euros(10_000), rule) == Subsidy(euros(5_000), "floor", euros(4_000), False)
    assert labelling_subsidy(euros(60_000), rule) == Subsidy(euros(20_000), "ceiling", euros(24_000), False)
    assert labelling_subsidy(333, rule) == Subsidy(333, "budget", 133, True)  # 133,2 -> 133


def test_a_negative_budget_is_refused():
    with pytest.raises(ValueError):
        labelling_subsidy(-1, RULE)


# --- months_of_activity ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("framing, months", [
    (Framing(2027, True, None), 12),
    (Framing(2027, True, datetime.date(2027, 9, 1)), 12),   # already open: the date does not matter
    (Framing(2027, None, None), 12),                         # unknown: a full year
    (Framing(2027, None, datetime.date(2027, 9, 1)), 12),
    (Framing(2027, False, None), 12),                        # opening date not given yet: a full year
    (Framing(2027, False, datetime.date(2027, 9, 1)), 4),    # September to December
    (Framing(2027, False, datetime.date(2027, 9, 15)), 4),   # the opening month counts
    (Framing(2028, False, datetime.date(2028, 2, 29)), 11),  # leap day
    (Framing(2027, False, datetime.date(2027, 1, 1)), 12),
    (Framing(2027, False, datetime.date(2027, 1, 31)), 12),
    (Framing(2027, False, datetime.date(2027, 12, 1)), 1),
    (Framing(2027, False, datetime.date(2027, 12, 31)), 1),
    (Framing(2027, False, datetime.date(2028, 1, 1)), 0),    # opens after the budget year
    (Framing(2027, False, datetime.date(2026, 6, 1)), 12),   # opened before the budget year
    (Framing(None, False, datetime.date(2027, 9, 15)), 4),   # no year: the opening's year
    (Framing(None, False, datetime.date(2028, 2, 29)), 11),
])
def test_months_of_activity(framing, months):
    """ "Il est recommandé de caler son budget (et ses subventions en fonctionnement) sur l'année civile." """
    assert months_of_activity(framing) == months


# --- summarize ------------------------------------------------------------------------------------------------

def test_operating_gap_and_percent():
    """ "Intégrer le financement (FNADT + fonds inter-opérateurs) lié à la labellisation": 58 000 € of charges,
    10 000 € from the commune and 29 000 € of subsidy leave 19 000 € to finance, 32,8 %."""
    summary = summarize([charge(1, "salaires", euros(40_000)), charge(2, "loyer_hebergement", euros(18_000)),
                         resource(3, "commune", euros(10_000))], MODEL, FULL_YEAR)
    assert summary.subsidy == Subsidy(euros(29_000), "rate", euros(29_000), False)
    assert summary.operating == Plan(euros(58_000), euros(39_000), euros(19_000), 0, Decimal("32.8"))
    assert summary.investment == Plan(0, 0, 0, 0, Decimal("0.0"))
    assert (summary.months, summary.partial_year) == (12, False)
    assert (summary.detr_operating, summary.detr_conflict) == (False, False)


def test_gap_percent_rounds_half_up():
    """ "Construire le budget de fonctionnement": 4 900 € missing out of 40 000 € is 12,25 %, shown 12,3 %."""
    summary = summarize([charge(1, "salaires", euros(40_000)), resource(2, "commune", euros(15_100))],
                        MODEL, FULL_YEAR)
    assert summary.subsidy.cents == euros(20_000)
    assert summary.operating.gap_cents == euros(4_900)
    assert summary.operating.gap_percent == Decimal("12.3")
    assert str(summary.operating.gap_percent) == "12.3"


def test_operating_surplus():
    """ "un financement de 50% ... avec un plancher de 10 000 €": 20 000 € of charges, 11 000 € of local money and
    10 000 € of subsidy leave 1 000 € over, nothing to finance."""
    summary = summarize([charge(1, "salaires", euros(20_000)), resource(2, "commune", euros(6_000)),
                         resource(3, "intercommunalite", euros(5_000))], MODEL, FULL_YEAR)
    assert summary.subsidy == Subsidy(euros(10_000), "rate", euros(10_000), False)
    assert summary.operating == Plan(euros(20_000), euros(21_000), 0, euros(1_000), Decimal("0.0"))


def test_the_investment_plan_is_separate():
    """ "Construire le budget de fonctionnement et le plan d'investissement": the subsidy is on the operating
    budget only, and investment money does not fill the operating gap."""
    lines = [charge(1, "mobilier", euros(10_000)), charge(2, "informatique", euros(20_000)),
             charge(3, "amenagement_locaux", euros(15_000)),
             resource(4, "region", euros(12_000), "investissement"),
             resource(5, "departement", euros(6_000), "investissement")]
    alone = summarize(lines, MODEL, FULL_YEAR)
    assert alone.subsidy == Subsidy(0, "none", 0, False)
    assert alone.investment == Plan(euros(45_000), euros(18_000), euros(27_000), 0, Decimal("60.0"))
    assert alone.operating == Plan(0, 0, 0, 0, Decimal("0.0"))

    both = summarize([*lines, charge(6, "salaires", euros(58_000)), resource(7, "commune", euros(10_000))],
                     MODEL, FULL_YEAR)
    assert both.subsidy.cents == euros(29_000)
    assert both.operating == Plan(euros(58_000), euros(39_000), euros(19_000), 0, Decimal("32.8"))
    assert both.investment == alone.investment


def test_operating_money_without_operating_charges_is_a_surplus():
    """ "le budget de fonctionnement": operating resources with no operating charge are all surplus."""
    summary = summarize([charge(1, "mobilier", euros(10_000)), resource(2, "commune", euros(5_000))],
                        MODEL, FULL_YEAR)
    assert summary.operating == Plan(0, euros(5_000), 0, euros(5_000), Decimal("0.0"))
    assert summary.investment == Plan(euros(10_000), 0, euros(10_000), 0, Decimal("100.0"))


@pytest.mark.parametrize("lines, detr_operating, conflict", [
    ([charge(1, "salaires", euros(30_000)), resource(2, "detr", euros(5_000))], True, True),
    ([charge(1, "salaires", euros(30_000)), resource(2, "detr", 0)], True, True),  # any amount
    ([charge(1, "salaires", euros(30_000)), resource(2, "detr", euros(5_000), "investissement")], False, False),
    ([charge(1, "mobilier", euros(10_000)), resource(2, "detr", euros(5_000))], True, False),  # no subsidy
    ([charge(1, "salaires", euros(30_000)), resource(2, "commune", euros(5_000))], False, False),
])
def test_detr_and_fnadt_not_cumulative_for_operating(lines, detr_operating, conflict):
    """ "pour ce qui concerne le fonctionnement, le soutien du FNADT et de la DETR ... ne sont pas cumulables." """
    summary = summarize(lines, MODEL, FULL_YEAR)
    assert (summary.detr_operating, summary.detr_conflict) == (detr_operating, conflict)


def test_lines_in_the_order_of_the_categories_then_key():
    """ "1. Evaluer les charges" / "2. Evaluer les recettes": lines shown in the order of budget.yaml, then key."""
    lines = [charge(5, "informatique", 100), charge(9, "mobilier", 100), charge(2, "mobilier", 100),
             charge(1, "autre_investissement", 100, "Borne"), charge(7, "amenagement_locaux", 100),
             charge(3, "communication", 100), charge(8, "salaires", 100), charge(4, "salaires", 100),
             resource(10, "autre_ressource", 100, label="Mécénat"), resource(11, "detr", 100, "investissement"),
             resource(12, "commune", 100), resource(13, "region", 100, "investissement"),
             resource(6, "commune", 100, "investissement")]
    summary = summarize(lines, MODEL, FULL_YEAR)
    assert list(summary.charges) == ["investissement", "fonctionnement"]
    assert [line.key for line in summary.charges["investissement"]] == [7, 2, 9, 5, 1]
    assert [line.key for line in summary.charges["fonctionnement"]] == [4, 8, 3]
    assert [line.key for line in summary.resources] == [6, 12, 13, 11, 10]


def test_both_uses_are_present_when_empty():
    summary = summarize([], MODEL, FULL_YEAR)
    assert summary.charges == {"investissement": [], "fonctionnement": []}
    assert summary.resources == []
    assert summary.resources_by_source == []


def test_resources_by_source():
    """ "Intégrer le financement (FNADT + fonds inter-opérateurs)" first, then "Repérer les autres aides financières
    existantes", by category; an "other" line is shown under its own label."""
    lines = [charge(1, "salaires", euros(58_000)),
             resource(2, "europe", euros(7_000), "investissement"),
             resource(3, "commune", euros(6_000)), resource(4, "commune", euros(4_000), "investissement"),
             resource(5, "region", 0),
             resource(6, "autre_ressource", euros(3_000), label="Vente de services"),
             resource(7, "autre_ressource", euros(1_000), label="Mécénat local"),
             resource(8, "autre_ressource", euros(500), label=" Mécénat local "),
             resource(9, "autre_ressource", euros(200), label="subsidy")]
    summary = summarize(lines, MODEL, FULL_YEAR)
    assert summary.resources_by_source == [
        ("subsidy", euros(29_000)), ("Commune", euros(10_000)), ("Europe", euros(7_000)),
        ("Vente de services", euros(3_000)), ("Mécénat local", euros(1_500)), ("subsidy", euros(200)),
    ]


def test_no_subsidy_in_the_sources_without_operating_charges():
    summary = summarize([resource(1, "fondations", euros(2_000), "investissement")], MODEL, FULL_YEAR)
    assert summary.resources_by_source == [("Fondations", euros(2_000))]


def test_a_partial_year_keeps_the_rule_on_the_amounts_entered():
    """ "En cas de labellisation dans l'année, la demande de subvention peut porter sur le budget de l'année
    considérée": a Maison opening on 1 September enters four months of charges, and the rule applies to them
    as they are (no proration of the floor or the ceiling)."""
    framing = Framing(2027, False, datetime.date(2027, 9, 1))
    summary = summarize([charge(1, "salaires", euros(12_000)), resource(2, "commune", euros(1_000))],
                        MODEL, framing)
    assert (summary.months, summary.partial_year) == (4, True)
    assert summary.subsidy == Subsidy(euros(10_000), "floor", euros(6_000), False)
    assert summary.operating == Plan(euros(12_000), euros(11_000), euros(1_000), 0, Decimal("8.3"))


@pytest.mark.parametrize("lines", [
    [charge(1, "salaires", 100), charge(1, "loyer_hebergement", 100)],                   # duplicate key
    [Line(1, "charge", "inconnu", "x", 100, "fonctionnement")],                        # unknown category
    [Line(1, "charge", "commune", "x", 100, "fonctionnement")],                        # a resource as a charge
    [Line(1, "resource", "salaires", "x", 100, "fonctionnement")],                     # a charge as a resource
    [Line(1, "charge", "salaires", "x", 100, "investissement")],                       # wrong use
])
def test_inconsistent_lines_are_refused(lines):
    with pytest.raises(ValueError):
        summarize(lines, MODEL, FULL_YEAR)


@pytest.mark.parametrize("cents", [-1, 10.5, True])
def test_a_line_amount_is_non_negative_integer_cents(cents):
    with pytest.raises(ValueError):
        Line(1, "charge", "salaires", "x", cents, "fonctionnement")


_charge_categories = [c.id for c in [*MODEL.charges.investissement, *MODEL.charges.fonctionnement]]
_lines = st.lists(st.one_of(
    st.builds(lambda category, cents: ("charge", category, cents, MODEL.charge_use(category)),
              st.sampled_from(_charge_categories), st.integers(0, 10**8)),
    st.builds(lambda category, cents, use: ("resource", category, cents, use),
              st.sampled_from([c.id for c in MODEL.resources]), st.integers(0, 10**8),
              st.sampled_from(["investissement", "fonctionnement"])),
), max_size=20)


@given(_lines)
def test_the_balance_adds_up(raw):
    """ "Construire le budget de fonctionnement et le plan d'investissement": each side balances to the cent."""
    lines = [Line(key, section, category, category, cents, use)
             for key, (section, category, cents, use) in enumerate(raw)]
    summary = summarize(lines, MODEL, FULL_YEAR)
    for use, plan in (("fonctionnement", summary.operating), ("investissement", summary.investment)):
        charges = sum(line.cents for line in lines if line.section == "charge" and line.use == use)
        resources = sum(line.cents for line in lines if line.section == "resource" and line.use == use)
        if use == "fonctionnement":
            assert summary.subsidy == labelling_subsidy(charges, RULE)
            resources += summary.subsidy.cents
        assert (plan.charges_cents, plan.resources_cents) == (charges, resources)
        assert plan.gap_cents - plan.surplus_cents == charges - resources
        assert min(plan.gap_cents, plan.surplus_cents) == 0
        assert Decimal(0) <= plan.gap_percent <= Decimal(100)
    assert sorted(line.key for line in [*summary.charges["investissement"], *summary.charges["fonctionnement"],
                                        *summary.resources]) == list(range(len(lines)))
    assert sum(cents for _, cents in summary.resources_by_source) == summary.subsidy.cents + sum(
        line.cents for line in lines if line.section == "resource")
    assert all(cents > 0 for _, cents in summary.resources_by_source)


def test_a_funder_the_guide_names_is_a_resource_category_of_the_budget():
    """An option ticked from the budget's lines names a category that exists, or the guide does not start."""
    model = load_budget_model()
    check_funders(model, load_guide().questions)
    aids = Question(id="aides", prompt="Aides ?", kind=Kind.MULTI, options=[
        Option(id="detr", label="DETR", budget="detr"), Option(id="loto", label="Loto", budget="loto")])
    with pytest.raises(GuideError, match="'loto' is no resource category"):
        check_funders(model, {"aides": aids})
    with pytest.raises(ValueError, match="an option's budget is only for a multiple choice"):
        Question(id="aide", prompt="Aide ?", kind=Kind.CHOICE, options=aids.options)
