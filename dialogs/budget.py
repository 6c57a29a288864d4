"""The budget builder's arithmetic: the labelling subsidy (the fiche's rate or a yearly forfait), the months of
activity, the two plans."""
from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Literal

from dialogs import formatting
from dialogs.budget_model import INVESTMENT, OPERATING, BudgetModel, ForfaitRule, Fund, SubsidyRule, Use
from dialogs.ui import BudgetTexts, DocumentTexts, ForfaitCaveats

Section = Literal["charge", "resource"]
# none: no operating charge yet. The rate rule: rate, floor, ceiling, budget (the floor exceeds the budget).
# A forfait: forfait, budget (capped by the operating budget), before_first (the year precedes every listed year).
Basis = Literal["none", "rate", "floor", "ceiling", "budget", "forfait", "before_first"]
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
    """When the budget runs: its calendar year and whether the Maison is already open; for a forfait with a bonus,
    the answer to the bonus question (True: the territory qualifies)."""

    year: int | None
    operating_already: bool | None
    opening: datetime.date | None
    bonus: bool | None = None

    @property
    def budget_year(self) -> int | None:
        """The budget's year: the year asked, else the opening date's."""
        if self.year is not None:
            return self.year
        return self.opening.year if self.opening is not None else None


@dataclass(frozen=True)
class Share:
    """What one fund pays of a forfait (or a counted bonus, named by its label)."""

    fund: str
    name: str       # "FNADT", "FNFS"
    cents: int


@dataclass(frozen=True)
class ForfaitBonus:
    """The bonus the territory qualifies for. Counted only when its amount is known and confirmed; else announced."""

    label: str
    cents: int | None
    counted: bool
    to_confirm: bool
    source: str


@dataclass(frozen=True)
class Forfait:
    """How a forfait rule set the subsidy: which year's amount, and whether it is the one published for that year."""

    label: str                   # "Forfait France services"
    year: int | None             # the budget's year; None when neither the year nor the opening date is given
    listed_year: int | None      # the year whose amount applies; None when the budget's year precedes them all
    forfait_cents: int           # that year's forfait, before the cap by the budget (0 before the first year)
    published: bool              # False: the budget's year is unknown or after the last listed, so the amount is
                                 # the last published one, not the one of that year
    first_year: int              # the first year listed
    shares: tuple[Share, ...]    # the subsidy split between the funds; they add up to it
    bonus: ForfaitBonus | None   # only where the project answered yes to the bonus question
    source: str

    @property
    def titled_year(self) -> int | None:
        """The year its amount is given for: the budget's when published for it, else the year listed."""
        return self.year if self.published else self.listed_year


@dataclass(frozen=True)
class Subsidy:
    """The labelling subsidy and which part of the rule set its amount."""

    cents: int
    basis: Basis
    rate_cents: int  # the amount before the bounds: the rate's, or the forfait's (with a counted bonus)
    implausible: bool
    forfait: Forfait | None = None  # None under the rate rule

    @property
    def kind(self) -> str:
        return "rate" if self.forfait is None else "forfait"


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
    floor_cents: int | None  # None: the rule has no floor (a forfait)
    state_aid_uses: dict[str, frozenset[str]]  # category of a State aid -> the uses of its lines


def _percent_of(cents: int, percent: int) -> int:
    """percent % of cents, rounded half-up to the cent."""
    exact = Decimal(cents) * Decimal(percent) / Decimal(100)
    return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def labelling_subsidy(operating_cents: int, rule: SubsidyRule | ForfaitRule,
                      framing: Framing | None = None) -> Subsidy:
    """The labelling subsidy: the rate held between floor and ceiling, or the forfait of the budget's year
    (`framing`: its year and the bonus answer), never above the budget itself."""
    if operating_cents < 0:
        raise ValueError(f"negative operating budget: {operating_cents}")
    if isinstance(rule, ForfaitRule):
        return forfait_subsidy(operating_cents, rule, framing or Framing(None, None, None))
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


def forfait_subsidy(operating_cents: int, rule: ForfaitRule, framing: Framing) -> Subsidy:
    """The forfait of the budget's year (the last year listed at or before it; after the last, or with no year,
    the last amount, flagged as not that year's), shared between the funds by their percents, never above the
    operating budget (then the budget, split in the same proportions). No floor: never implausible. A bonus the
    territory qualifies for is counted only when its amount is known and confirmed; else it is only announced."""
    year = framing.budget_year
    listed = rule.last_year if year is None else rule.listed_year(year)
    forfait = rule.by_year[listed] * 100 if listed is not None else 0
    parts = [(fund.id, fund.name, cents) for fund, cents in zip(rule.funds, _split(forfait, rule.funds))]
    bonus = None
    if rule.bonus is not None and framing.bonus is True:
        known = rule.bonus.euros * 100 if rule.bonus.euros is not None else None
        counted = known is not None and not rule.bonus.to_confirm
        bonus = ForfaitBonus(rule.bonus.label, known, counted, rule.bonus.to_confirm, rule.bonus.source)
        if counted and forfait:
            parts.append((rule.bonus.question, rule.bonus.label, known))
    raw = sum(cents for _, _, cents in parts)
    amount = min(raw, operating_cents)
    if operating_cents == 0:
        basis: Basis = "none"
    elif listed is None:
        basis = "before_first"
    else:
        basis = "budget" if amount < raw else "forfait"
    shares = tuple(Share(fund, name, cents) for (fund, name, _), cents
                   in zip(parts, _scaled([cents for _, _, cents in parts], amount, raw)))
    published = year is not None and listed is not None and year <= rule.last_year
    detail = Forfait(rule.label, year, listed, forfait, published=published,
                     first_year=min(rule.by_year), shares=shares, bonus=bonus, source=rule.source)
    return Subsidy(amount, basis, raw, implausible=False, forfait=detail)


def _split(cents: int, funds: list[Fund]) -> list[int]:
    """cents shared by the funds' percents, rounded half-up; the last fund takes what rounding left."""
    shares = [_percent_of(cents, fund.percent) for fund in funds[:-1]]
    return [*shares, cents - sum(shares)]


def _scaled(parts: list[int], amount: int, raw: int) -> list[int]:
    """The parts brought down to `amount` in their proportions, rounded half-up; the last takes the rest."""
    if amount == raw:
        return parts
    scaled = [int((Decimal(amount) * part / raw).quantize(Decimal(1), rounding=ROUND_HALF_UP)) for part in parts[:-1]]
    return [*scaled, amount - sum(scaled)]


def subsidy_funds(rule: SubsidyRule | ForfaitRule) -> list[str]:
    """The funds the labelling subsidy comes from, by the names sentences use: "FNADT", "fonds inter-opérateurs"
    for the fiche's rule, "FNADT", "FNFS" for the France services forfait."""
    return [fund.name for fund in rule.funds] if isinstance(rule, ForfaitRule) else list(rule.funds)


def subsidy_label(rule: SubsidyRule | ForfaitRule, texts: BudgetTexts) -> str:
    """The subsidy as a resource: "Labellisation (FNADT + fonds inter-opérateurs)", "Labellisation (FNADT + FNFS)"."""
    return texts.subsidy_label.format(funds=texts.funds_separator.join(subsidy_funds(rule)))


def forfait_formula(subsidy: Subsidy, texts: DocumentTexts, caveats: ForfaitCaveats) -> list[str]:
    """A forfait's computation as the chat and the documents both print it: the amount and each fund's share,
    then what is not a fact (an amount not yet published for the year, a bonus to confirm), in the words of
    `caveats`' reader. [] without a forfait or before any operating charge is entered."""
    f = subsidy.forfait
    if f is None or subsidy.basis == "none":
        return []
    money = formatting.cents
    if subsidy.basis == "before_first":
        lines = [texts.formula_forfait_before_first.format(label=f.label, first=f.first_year, year=f.year)]
    else:
        shares = texts.formula_forfait_shares_separator.join(
            texts.formula_forfait_share.format(fund=share.name, amount=money(share.cents)) for share in f.shares)
        template = texts.formula_forfait_budget if subsidy.basis == "budget" else texts.formula_forfait
        lines = [template.format(label=f.label, year=f.titled_year, forfait=money(f.forfait_cents),
                                 amount=money(subsidy.cents), shares=shares)]
        if f.year is None:
            lines.append(caveats.no_year.format(listed=f.listed_year))
        elif not f.published:
            lines.append(caveats.not_published.format(year=f.year, listed=f.listed_year))
    if f.bonus is not None and not f.bonus.counted:
        if f.bonus.cents is None:
            lines.append(caveats.bonus.format(label=f.bonus.label))
        else:
            lines.append(caveats.bonus_amount.format(label=f.bonus.label, amount=money(f.bonus.cents)))
    return lines


def forfait_rule_sentence(rule: ForfaitRule, texts: DocumentTexts) -> str:
    """What the forfait is, for the documents: a yearly amount per structure, shared between the funds."""
    funds = texts.formula_forfait_shares_separator.join(
        texts.formula_forfait_fund.format(fund=fund.label, percent=fund.percent) for fund in rule.funds)
    return texts.formula_forfait_rule.format(funds=funds)


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
    subsidy = labelling_subsidy(operating_charges, model.subsidy, framing)
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
        floor_cents=model.subsidy.floor_euros * 100 if isinstance(model.subsidy, SubsidyRule) else None,
        state_aid_uses={category: frozenset(line.use for line in resources if line.category == category)
                        for category in {line.category for line in resources
                                         if model.categories[line.category].state_aid}},
    )


def project_budget(model: BudgetModel, values: Mapping[str, Any], rows: Iterable[Any]) -> BudgetSummary:
    """A project's budget from its stored lines (dataclasses with Line's fields) and its answered values."""
    opening = values.get(model.framing.opening)
    rule = model.subsidy
    bonus = values.get(rule.bonus.question) if isinstance(rule, ForfaitRule) and rule.bonus is not None else None
    framing = Framing(year=values.get(model.framing.year), operating_already=values.get(model.framing.operating),
                      opening=datetime.date.fromisoformat(opening) if opening else None, bonus=bonus)
    # A line whose category left budget.yaml stays stored (history) but no longer counts.
    lines = [Line(**asdict(row)) for row in rows if row.category in model.categories]
    return summarize(lines, model, framing)
