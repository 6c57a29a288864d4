"""Build the documents' view model from a project's stored answers, budget and checklist."""
from __future__ import annotations

import datetime
from dataclasses import dataclass

from dialogs import formatting
from dialogs.budget import BudgetSummary, Line, Plan, project_budget
from dialogs.budget_model import INVESTMENT, OPERATING, BudgetModel
from dialogs.checks import State, budget_missing, evaluate, missing_required, ticked
from dialogs.conditions import holds
from dialogs.dossier_model import DossierSources
from dialogs.loader import LoadedGuide
from dialogs.model import PLAUSIBILITY, RECOMMENDATION, REQUIREMENT, Kind, Question
from dialogs.parsing import from_json
from dialogs.schedule import total_minutes
from dialogs.ui import DocumentTexts, UiTexts
from dossier.model import (BudgetView, CheckGroup, ChecklistItemView, ChecklistStage, CheckView, ConventionItem,
                           DayHours, Dossier, Fact, MoneyLine, Partner, PlanView, RequirementCount, StageView,
                           StepView)
from store.repo import Repository

ANSWERED, DEFERRED = "answered", "deferred"
# The three kinds of rule, in the order the documents print them.
KIND_ORDER = (REQUIREMENT, RECOMMENDATION, PLAUSIBILITY)


@dataclass(frozen=True)
class Sources:
    """Everything fixed at start-up that a dossier is built from."""

    guide: LoadedGuide
    budget: BudgetModel
    sources: DossierSources
    ui: UiTexts


def build_dossier(sources: Sources, repo: Repository, project_id: int, draft: bool,
                  today: datetime.date) -> Dossier:
    """The view model of one project's documents, read through `repo` in the caller's transaction."""
    return _Builder(sources, repo, project_id).build(draft, today)


class _Builder:
    def __init__(self, sources: Sources, repo: Repository, project_id: int) -> None:
        self.guide, self.model, self.src, self.ui = sources.guide, sources.budget, sources.sources, sources.ui
        self.repo = repo
        self.project = repo.project(project_id)
        self.answers = repo.answers(project_id)
        self.values = {qid: a.value for qid, a in self.answers.items() if a.status == ANSWERED}
        self.budget = project_budget(self.model, self.values, repo.budget_lines(project_id))
        self.marks = repo.checklist_marks(project_id)

    def build(self, draft: bool, today: datetime.date) -> Dossier:
        docs = self.ui.documents
        results = evaluate(self.guide.stages, self.guide.questions, self.answers, lambda: self.budget)
        checks = [check_view(r.check.title, r.state.value, r.reason or "", r.check.fiche, r.check.kind, docs)
                  for r in results]
        header = self.guide.guide
        return Dossier(
            draft=draft, generated_on=formatting.long_date(today),
            referential=docs.referential.format(source=header.source, referential=header.referential,
                                                version=header.version),
            project=self.project.name, territory=self.project.territory or "",
            carrier=self.text(self.src.carrier), leader=self.text(self.src.leader),
            missing=self.missing(),
            summary=[Fact(docs.territory, self.project.territory or ""), *self.facts(self.src.summary)],
            stages=[self.stage(stage) for stage in self.guide.stages],
            partners=self.partners(), local_actors=[f.text for f in self.facts(self.src.local_actors)],
            delivery=self.facts(self.src.delivery), schedule=self.schedule(), schedule_total=self.schedule_total(),
            spaces=self.labels(self.src.spaces), equipment=self.labels(self.src.equipment),
            team=self.facts(self.src.team), training=self.facts(self.src.training),
            **conformity_fields(checks, docs),
            budget=self.budget_view(), follow_up=self.facts(self.src.follow_up), annexes=list(self.src.annexes),
            convention=self.convention(), checklist=self.checklist(),
        )

    # ---- what is missing

    def missing(self) -> list[str]:
        """The required answers not given, in guide order, and the operating budget when it has no charge.

        Without a charge the budget question would say less than the budget line: the line replaces it."""
        docs, no_budget = self.ui.documents, budget_missing(self.budget)
        items = []
        for question in missing_required(self.guide.question_list, self.answers):
            if no_budget and _operating_budget(question):
                continue
            order = self.guide.stage_of_step[self.guide.step_of_question[question.id].id].order
            items.append(((order, 1), docs.missing_item.format(order=order, prompt=question.prompt)))
        if no_budget:
            order = self.budget_stage()
            items.append(((order, 0), docs.missing_item.format(order=order, prompt=docs.missing_budget)))
        return [text for _, text in sorted(items, key=lambda item: item[0])]

    def budget_stage(self) -> int:
        """The order of the first stage that asks for the operating charges or opens the budget builder."""
        return next(stage.order for stage in self.guide.stages for step in stage.steps
                    if step.tool == "budget" or any(_operating_budget(q) for q in step.questions))

    # ---- answers

    def text(self, question_id: str) -> str:
        """The answer as printed, or "" when there is none."""
        if question_id not in self.values:
            return ""
        question = self.guide.questions[question_id]
        value = from_json(question.kind, self.values[question_id])
        if question.kind is Kind.CHOICE:
            return question.option(value).label
        if question.kind is Kind.MULTI:
            return ", ".join(question.option(v).label for v in value)
        if question.kind is Kind.YES_NO:
            return self.ui.buttons.answer_yes if value else self.ui.buttons.answer_no
        if question.kind is Kind.INTEGER:
            return formatting.integer(value)
        if question.kind is Kind.EUROS:
            return formatting.euros(value)
        if question.kind is Kind.DATE:
            return formatting.long_date(value)
        if question.kind is Kind.HOURS:
            return self.ui.documents.per_week.format(hours=formatting.hours(value))
        if question.kind is Kind.TIME_RANGES:
            return formatting.time_ranges(value) if value else self.ui.documents.closed
        return value

    def facts(self, question_ids: list[str]) -> list[Fact]:
        return [Fact(self.guide.questions[q].prompt, self.text(q)) for q in question_ids if q in self.values]

    def labels(self, question_id: str) -> list[str]:
        question = self.guide.questions[question_id]
        return [question.option(v).label for v in self.values.get(question_id, [])]

    def stage(self, stage) -> StageView:
        steps = []
        for step in stage.steps:
            shown = [q for q in step.questions if holds(q.when, self.values)]
            steps.append(StepView(step.title, step.fiche, [Fact(q.prompt, self.text(q.id)) for q in shown
                                                           if q.id in self.values],
                                  [q.prompt for q in shown if self.answers.get(q.id) and
                                   self.answers[q.id].status == DEFERRED]))
        return StageView(stage.order, stage.title, stage.fiche, steps)

    def partners(self) -> list[Partner]:
        src = self.src.partners
        question = self.guide.questions[src.question]
        partners = []
        for option_id in self.values.get(src.question, []):
            services = f"{src.services_prefix}{option_id}"
            if services not in self.guide.questions:
                continue  # "autre": named elsewhere, no convention questions
            convention = f"{src.convention_prefix}{option_id}"
            partners.append(Partner(question.option(option_id).label, self.text(services), self.text(convention),
                                    self.text(f"{convention}{src.signed_suffix}")))
        return partners

    def schedule(self) -> list[DayHours]:
        return [DayHours(day.day, self.text(day.question)) for day in self.src.schedule]

    def schedule_total(self) -> str:
        days = [self.values[d.question] for d in self.src.schedule if d.question in self.values]
        if not days:
            return ""
        return self.ui.documents.per_week.format(hours=formatting.hours(total_minutes(days)))

    # ---- budget

    def budget_view(self) -> BudgetView:
        summary, rule, docs = self.budget, self.model.subsidy, self.ui.documents
        money, line = formatting.cents, _money_line
        subsidy = summary.subsidy
        formula = {
            "none": docs.formula_none, "rate": docs.formula_rate, "ceiling": docs.formula_ceiling,
            "floor": docs.formula_floor, "budget": docs.formula_budget,
        }[subsidy.basis].format(rate=rule.rate_percent, budget=money(summary.operating.charges_cents),
                                raw=money(subsidy.rate_cents), amount=money(subsidy.cents),
                                floor=money(summary.floor_cents))
        return BudgetView(
            year=str(self.values.get(self.model.framing.year, "")),
            investment_charges=[line(l) for l in summary.charges[INVESTMENT]],
            operating_charges=[line(l) for l in summary.charges[OPERATING]],
            investment_total=money(summary.investment.charges_cents),
            operating_total=money(summary.operating.charges_cents),
            resources=[MoneyLine(self.ui.budget.subsidy_label, money(subsidy.cents), OPERATING),
                       *[line(l) for l in summary.resources]],
            subsidy=money(subsidy.cents), subsidy_formula=formula,
            operating=self.plan(summary.operating), investment=self.plan(summary.investment),
            notes=self.notes(summary),
        )

    @staticmethod
    def plan(plan: Plan) -> PlanView:
        percent = f"{str(plan.gap_percent).replace('.', ',')} %" if plan.gap_cents else ""
        return PlanView(formatting.cents(plan.charges_cents), formatting.cents(plan.resources_cents),
                        formatting.cents(plan.gap_cents) if plan.gap_cents else "", percent,
                        formatting.cents(plan.surplus_cents) if plan.surplus_cents else "")

    def notes(self, summary: BudgetSummary) -> list[str]:
        docs, notes = self.ui.documents, []
        if summary.partial_year:
            notes.append(docs.note_partial_year.format(months=summary.months))
        elif self.values.get(self.model.framing.operating) is True:
            notes.append(docs.note_whole_year)
        if summary.detr_conflict:
            notes.append(docs.note_detr)
        if summary.subsidy.implausible:
            notes.append(docs.note_implausible)
        return notes

    # ---- convention and checklist

    def convention(self) -> list[ConventionItem]:
        items = []
        for number, source in enumerate(self.src.convention, start=1):
            parts = []
            if source.project:
                parts.append(self.ui.documents.project_area.format(project=self.project.name,
                                                                   territory=self.project.territory or ""))
            parts += [f"{fact.label} {fact.text}" for fact in self.facts(source.questions)]
            if source.schedule and (total := self.schedule_total()):
                parts.append(self.ui.documents.schedule_line.format(total=total))
            if source.budget_resources:
                parts += [f"{l.label} : {formatting.cents(l.cents)}" for l in self.budget.resources]
            items.append(ConventionItem(number, source.title, "\n".join(parts)))
        return items

    def checklist(self) -> list[ChecklistStage]:
        stages = []
        for stage in self.guide.stages:
            items = [ChecklistItemView(item.label, ticked(item, self.values, self.marks)) for item in stage.checklist]
            stages.append(ChecklistStage(stage.order, stage.title, items))
        return stages


def check_view(title: str, state: str, reason: str, fiche: str, kind: str, texts: DocumentTexts) -> CheckView:
    """A rule as printed: its kind named, its state in the words of its kind."""
    words = getattr(texts.check_kinds, kind)
    return CheckView(title, state, reason, fiche, kind, words.name, getattr(words, state))


def conformity_fields(checks: list[CheckView], texts: DocumentTexts) -> dict:
    """The Dossier's fields about the rules: every check, the three groups, what is not met, the requirements'
    count and its sentence. Only requirements are counted; a rule not met or not answered is never met."""
    groups = [CheckGroup(kind, getattr(texts.check_kinds, kind).heading, getattr(texts.check_kinds, kind).intro,
                         [c for c in checks if c.kind == kind]) for kind in KIND_ORDER]
    states = [c.state for c in checks if c.kind == REQUIREMENT]
    count = RequirementCount(met=states.count(State.SATISFIED.value), not_met=states.count(State.NOT_MET.value),
                             pending=states.count(State.PENDING.value), total=len(states))
    return {"checks": checks, "check_groups": groups, "requirements": count,
            "conformity": conformity_sentence(count, texts),
            "unmet": [c for group in groups for c in group.checks if c.state == State.NOT_MET.value]}


def conformity_sentence(count: RequirementCount, texts: DocumentTexts) -> str:
    """"Exigences du cahier des charges : 14 respectées sur 17 ; 2 non respectées ; 1 à renseigner." — "toutes
    respectées" only when every requirement is met."""
    if not count.total:
        return texts.requirements_none
    if count.met == count.total:
        return texts.requirements_all_met.format(total=count.total)
    met = texts.requirements_met_plural if count.met > 1 else texts.requirements_met
    parts = [met.format(count=count.met, total=count.total)]
    if count.not_met:
        not_met = texts.requirements_not_met_plural if count.not_met > 1 else texts.requirements_not_met
        parts.append(not_met.format(count=count.not_met))
    if count.pending:
        parts.append(texts.requirements_pending.format(count=count.pending))
    return texts.requirements_count.format(counts=texts.requirements_separator.join(parts))


def _operating_budget(question: Question) -> bool:
    """The question holding the budget builder's operating charges."""
    return question.kind is Kind.BUDGET and question.budget == OPERATING


def _money_line(line: Line) -> MoneyLine:
    return MoneyLine(line.label, formatting.cents(line.cents), line.use)
