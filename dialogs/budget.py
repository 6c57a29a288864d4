"""The budget builder's arithmetic: the labelling subsidy, the months of activity, the two plans."""
from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Literal

from dialogs.budget_model import INVESTMENT, OPERATING, BudgetModel, SubsidyRule, Use

Section = Literal["charge", "resource"]
Basis = Literal["none", "rate", "floor", "ceiling", "budget"]
SUBSIDY_SOURCE = "subsidy"  # the label key of the subsidy in resources_by_source; the caller translates it
_ONE_DECIMAL = Decimal("0.1")


@dataclass(frozen=True)
class Line:
    """One line of the budget, a charge or a resource, in integer cents."""

    key: int
    section: Section
    category: str
    label: str
    cents: int
    use: Use

    def __post_init__(self) -> None:
        """Refuse what no caller may build: a negative amount, an unknown section or use."""
        if isinstance(self.cents, bool) or not isinstance(self.cents, int) or self.cents < 0:
            raise ValueError(f"line {self.key}: cents must be a non-negative int, got {self.cents!r}")
        if self.section not in ("charge", "resource"):
            raise ValueError(f"line {self.key}: unknown section {self.section!r}")
        if self.use not in (INVESTMENT, OPERATING):
            raise ValueError(f"line {self.key}: unknown use {self.use!r}")


@dataclass(frozen=True)
class Framing:
    """When the budget runs: its calendar year and whether the Maison is already open."""

    year: int | None
    operating_already: bool | None
    opening: datetime.date | None


@dataclass(frozen=True)
class Subsidy:
    """The labelling subsidy and which part of the rule set its amount."""

    cents: int
    basis: Basis
    rate_cents: int
    implausible: bool


@dataclass(frozen=True)
class Plan:
    """One side of the plan, operating or investment: totals and balance."""

    charges_cents: int
    resources_cents: int
    gap_cents: int
    surplus_cents: int
    gap_percent: Decimal


@dataclass(frozen=True)
class BudgetSummary:
    """Everything the templates and the chart show about a budget."""

    charges: dict[Use, list[Line]]
    resources: list[Line]
    subsidy: Subsidy
    operating: Plan
    investment: Plan
    months: int
    partial_year: bool
    detr_operating: bool
    detr_conflict: bool
    resources_by_source: list[tuple[str, int]]
    floor_cents: int
    state_aid_uses: dict[str, frozenset[str]]  # category of a State aid -> the uses of its lines


def _percent_of(cents: int, percent: int) -> int:
    """percent % of cents, rounded half-up to the cent."""
    exact = Decimal(cents) * Decimal(percent) / Decimal(100)
    return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def labelling_subsidy(operating_cents: int, rule: SubsidyRule) -> Subsidy:
    """The labelling subsidy: the rate held between floor and ceiling, never above the budget itself."""
    if operating_cents < 0:
        raise ValueError(f"negative operating budget: {operating_cents}")
    floor, ceiling = rule.floor_euros * 100, rule.ceiling_euros * 100
    rate_cents = _percent_of(operating_cents, rule.rate_percent)
    if operating_cents == 0:
        return Subsidy(0, "none", 0, implausible=False)
    if operating_cents < floor:  # the floor alone would exceed the budget
        return Subsidy(operating_cents, "budget", rate_cents, implausible=True)
    # A bound is the basis only when it changed the amount: a rate exactly at a bound is "rate".
    if rate_cents < floor:
        return Subsidy(floor, "floor", rate_cents, implausible=False)
    if rate_cents > ceiling:
        return Subsidy(ceiling, "ceiling", rate_cents, implausible=False)
    return Subsidy(rate_cents, "rate", rate_cents, implausible=False)


def months_of_activity(framing: Framing) -> int:
    """Months of the budget year the Maison is open: 12 unless it opens during (or after) that year."""
    if framing.operating_already is not False or framing.opening is None:
        return 12
    year = framing.opening.year if framing.year is None else framing.year
    if framing.opening.year < year:
        return 12
    if framing.opening.year > year:
        return 0
    return 13 - framing.opening.month


def _plan(charges_cents: int, resources_cents: int) -> Plan:
    """Totals and balance of one side of the plan."""
    gap = max(charges_cents - resources_cents, 0)
    surplus = max(resources_cents - charges_cents, 0)
    if charges_cents == 0:
        percent = Decimal("0.0")
    else:
        percent = (Decimal(gap) * 100 / Decimal(charges_cents)).quantize(_ONE_DECIMAL, rounding=ROUND_HALF_UP)
    return Plan(charges_cents, resources_cents, gap, surplus, percent)


def _check_lines(lines: list[Line], model: BudgetModel) -> None:
    """Refuse unknown categories, a category of the wrong section, a charge with the wrong use, duplicate keys."""
    resource_ids = {category.id for category in model.resources}
    seen: set[int] = set()
    for line in lines:
        if line.key in seen:
            raise ValueError(f"duplicate line key {line.key}")
        seen.add(line.key)
        if line.category not in model.categories:
            raise ValueError(f"line {line.key}: unknown category {line.category!r}")
        if (line.section == "resource") != (line.category in resource_ids):
            raise ValueError(f"line {line.key}: category {line.category!r} is not a {line.section}")
        if line.section == "charge" and line.use != model.charge_use(line.category):
            raise ValueError(f"line {line.key}: category {line.category!r} is not a {line.use} charge")


def _sources(resources: list[Line], model: BudgetModel, subsidy: Subsidy) -> list[tuple[str, int]]:
    """(label, cents) per source of money: the subsidy, then each resource category; zero totals left out."""
    # Keyed by (category, label): an "other" line named like a category or like the subsidy stays apart.
    totals: dict[tuple[str, str], int] = {("", SUBSIDY_SOURCE): subsidy.cents}
    for line in resources:  # already in the order of the categories, then key
        category = model.categories[line.category]
        label = (line.label.strip() or category.label) if category.other else category.label
        totals[category.id, label] = totals.get((category.id, label), 0) + line.cents
    return [(label, cents) for (_, label), cents in totals.items() if cents > 0]


def summarize(lines: list[Line], model: BudgetModel, framing: Framing) -> BudgetSummary:
    """The operating budget and the investment plan of the lines, with the labelling subsidy."""
    _check_lines(lines, model)
    uses: dict[Use, list[str]] = {
        INVESTMENT: [c.id for c in model.charges.investissement],
        OPERATING: [c.id for c in model.charges.fonctionnement],
    }
    charges: dict[Use, list[Line]] = {
        use: sorted((line for line in lines if line.section == "charge" and line.use == use),
                    key=lambda line, ids=ids: (ids.index(line.category), line.key))
        for use, ids in uses.items()
    }
    resource_ids = [c.id for c in model.resources]
    resources = sorted((line for line in lines if line.section == "resource"),
                       key=lambda line: (resource_ids.index(line.category), line.key))

    operating_charges = sum(line.cents for line in charges[OPERATING])
    subsidy = labelling_subsidy(operating_charges, model.subsidy)
    operating_resources = sum(line.cents for line in resources if line.use == OPERATING) + subsidy.cents
    investment_resources = sum(line.cents for line in resources if line.use == INVESTMENT)
    detr_operating = any(model.categories[line.category].state_aid and line.use == OPERATING for line in resources)
    months = months_of_activity(framing)
    return BudgetSummary(
        charges=charges,
        resources=resources,
        subsidy=subsidy,
        operating=_plan(operating_charges, operating_resources),
        investment=_plan(sum(line.cents for line in charges[INVESTMENT]), investment_resources),
        months=months,
        partial_year=months < 12,
        detr_operating=detr_operating,
        detr_conflict=detr_operating and subsidy.cents > 0,
        resources_by_source=_sources(resources, model, subsidy),
        floor_cents=model.subsidy.floor_euros * 100,
        state_aid_uses={category: frozenset(line.use for line in resources if line.category == category)
                        for category in {line.category for line in resources
                                         if model.categories[line.category].state_aid}},
    )


def project_budget(model: BudgetModel, values: Mapping[str, Any], rows: Iterable[Any]) -> BudgetSummary:
    """A project's budget from its stored lines (dataclasses with Line's fields) and its answered values."""
    opening = values.get(model.framing.opening)
    framing = Framing(year=values.get(model.framing.year), operating_already=values.get(model.framing.operating),
                      opening=datetime.date.fromisoformat(opening) if opening else None)
    # A line whose category left budget.yaml stays stored (history) but no longer counts.
    lines = [Line(**asdict(row)) for row in rows if row.category in model.categories]
    return summarize(lines, model, framing)
