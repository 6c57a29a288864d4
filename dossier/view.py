"""Build the documents' view model from a project's stored answers, budget and checklist."""
from __future__ import annotations

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from dialogs import formatting
from dialogs.address import commune_of
from dialogs.budget import BudgetSummary, Line, Plan, project_budget
from dialogs.budget_model import INVESTMENT, OPERATING, BudgetModel
from dialogs.checks import State, budget_missing, evaluate, missing_required
from dialogs.dossier_model import DossierSources, PerOption, evidence_fields
from dialogs.loader import LoadedGuide
from dialogs.model import PLAUSIBILITY, RECOMMENDATION, REQUIREMENT, Kind, Question
from dialogs.schedule import total_minutes
from dialogs.ui import DocumentTexts, UiTexts
from dossier.answers import OTHER, Answers, french_list
from dossier.checklist_view import build_checklist
from dossier.model import (BudgetView, CarrierView, CheckGroup, CheckView, DayHours, Dossier, LocalPartnerView,
                           Milestone, MoneyLine, Party, PartnerView, PlanView, RequirementCount, TeamRow)
from store.repo import Repository

ANSWERED = "answered"
# The three kinds of rule, in the order the documents print them.
KIND_ORDER = (REQUIREMENT, RECOMMENDATION, PLAUSIBILITY)
CARRIER, OPERATOR, LOCAL_PARTNER = "gestionnaire", "operateur", "partenaire_local"
STAFF = "personnel"   # the contribution option meaning the partner's staff work in the Maison


@dataclass(frozen=True)
class Sources:
    """Everything fixed at start-up that a dossier is built from."""

    guide: LoadedGuide
    budget: BudgetModel
    sources: DossierSources
    ui: UiTexts
    zone: ZoneInfo          # the bot's time zone: the day an item was done, as the team lived it


def build_dossier(sources: Sources, repo: Repository, project_id: int, draft: bool,
                  today: datetime.date) -> Dossier:
    """The view model of one project's documents, read through `repo` in the caller's transaction.

    A dossier asked for as final is still a draft while a required answer is missing or a requirement of the
    cahier des charges is not met: the documents never claim more than the answers show."""
    return _Builder(sources, repo, project_id).build(draft, today)


class _Builder:
    def __init__(self, sources: Sources, repo: Repository, project_id: int) -> None:
        self.guide, self.model, self.src, self.ui = sources.guide, sources.budget, sources.sources, sources.ui
        self.zone = sources.zone
        self.project = repo.project(project_id)
        self.answers = repo.answers(project_id)
        self.values = {qid: a.value for qid, a in self.answers.items() if a.status == ANSWERED}
        self.a = Answers(self.guide.questions, self.values, self.ui)
        self.budget = project_budget(self.model, self.values, repo.budget_lines(project_id))
        self.repo, self.project_id = repo, project_id

    def build(self, draft: bool, today: datetime.date) -> Dossier:
        docs = self.ui.documents
        partners = self.partners()
        schedule_total = self.schedule_total()
        computed = self.computed_evidence(partners, schedule_total)
        results = evaluate(self.guide.stages, self.guide.questions, self.answers, lambda: self.budget)
        checks = [check_view(r.check.id, r.check.title, r.state.value, r.reason or "", r.check.fiche, r.check.kind,
                             docs, self.evidence(r.check.id, computed)) for r in results]
        rules = conformity_fields(checks, docs)
        missing = self.missing()
        final = not missing and rules["requirements"].met == rules["requirements"].total
        local_partners = self.local_partners()
        carrier = self.carrier()
        team = self.team()
        header = self.guide.guide
        return Dossier(
            draft=draft or not final, generated_on=formatting.long_date(today),
            referential=docs.referential.format(source=header.source, referential=header.referential,
                                                version=header.version),
            project=self.project.name, territory=self.project.territory or "", a=self.a,
            carrier=carrier, leader=self.a.text(self.src.leader.name),
            leader_function=self.a.text(self.src.leader.function),
            missing=missing, partners=partners, local_partners=local_partners,
            parties=self.parties(carrier, partners, local_partners),
            schedule=[DayHours(day.day, self.a.text(day.question)) for day in self.src.schedule],
            schedule_total=schedule_total, team=team, team_fte=self.team_fte(),
            milestones=self.milestones(partners, today), **rules,
            budget=self.budget_view(), annexes=list(self.src.annexes),
            checklist=build_checklist(self.guide, self.answers, self.repo, self.project_id, self.budget,
                                      self.zone),
        )

    # ---- what is missing

    def missing(self) -> list[str]:
        """The steps with required answers not given, in guide order, and the operating budget when it has no
        charge. Named by the guide's step titles: the chat lists the questions themselves."""
        docs, no_budget = self.ui.documents, budget_missing(self.budget)
        counts: dict[str, int] = {}
        for question in missing_required(self.guide.question_list, self.answers):
            if not (no_budget and _operating_budget(question)):
                step = self.guide.step_of_question[question.id]
                counts[step.id] = counts.get(step.id, 0) + 1
        items = []
        for step_id, count in counts.items():
            order = self.guide.stage_of_step[step_id].order
            step = self.guide.steps[self.guide.step_index[step_id]]
            text = docs.missing_step_plural if count > 1 else docs.missing_step
            items.append(((order, 1, self.guide.step_index[step_id]),
                          text.format(order=order, step=step.title, count=count)))
        if no_budget:
            order = self.budget_stage()
            items.append(((order, 0, 0), docs.missing_item.format(order=order, prompt=docs.missing_budget)))
        return [text for _, text in sorted(items, key=lambda item: item[0])]

    def budget_stage(self) -> int:
        """The order of the first stage that asks for the operating charges or opens the budget builder."""
        return next(stage.order for stage in self.guide.stages for step in stage.steps
                    if step.tool == "budget" or any(_operating_budget(q) for q in step.questions))

    # ---- who

    def carrier(self) -> CarrierView:
        src, a = self.src.carrier, self.a
        address = a.text(src.address)
        return CarrierView(name=a.text(src.name), kind=a.text(src.kind), legal_form=a.text(src.legal_form),
                           siret=a.text(src.siret), address=address, town=commune_of(address) if address else "",
                           representative=a.text(src.representative), function=a.text(src.function),
                           deliberation_on=a.text(src.deliberation))

    def chosen(self, group: PerOption) -> list[str]:
        """The options chosen in a group's question that have their own questions ("autre" may not)."""
        first = next(iter(group.fields))
        return [option for option in self.a.value(group.question) or []
                if group.question_id(first, option) in self.guide.questions]

    def field(self, group: PerOption, field: str, option: str) -> str:
        question_id = group.question_id(field, option)
        return self.a.text(question_id) if question_id in self.guide.questions else ""

    def partners(self) -> list[PartnerView]:
        group = self.src.operators
        question = self.guide.questions[group.question]
        rows = []
        for option in self.chosen(group):
            f = lambda name: self.field(group, name, option)  # noqa: E731
            rows.append(PartnerView(
                key=option, short_name=group.names.get(option, question.option(option).label), legal_name=f("legal_name"),
                signatory=f("signatory"), services=f("services"),
                contributions=self.contributions(group.question_id("contributions", option)),
                contribution_detail=f("contribution_detail"),
                staff=self.chose(group.question_id("contributions", option), STAFF), referent=f("referent"),
                convention=f("convention").lower(), signed_on=f("signed_on")))
        return rows

    def local_partners(self) -> list[LocalPartnerView]:
        group = self.src.local_partners
        rows = []
        for option in self.chosen(group):
            category = (self.a.text(f"{group.question}_{OTHER}") if option == OTHER
                        else self.guide.questions[group.question].option(option).label)
            rows.append(LocalPartnerView(
                key=option, category=category, legal_name=self.field(group, "legal_name", option),
                signatory=self.field(group, "signatory", option),
                contributions=self.contributions(group.question_id("contributions", option))))
        return rows

    def chose(self, question_id: str, option: str) -> bool:
        return question_id in self.guide.questions and self.a.has(question_id, option)

    def contributions(self, question_id: str) -> str:
        """"du personnel et des équipements": the option labels, in a sentence."""
        if question_id not in self.guide.questions:
            return ""
        return french_list(label[:1].lower() + label[1:] for label in self.a.labels(question_id))

    @staticmethod
    def parties(carrier: CarrierView, partners: list[PartnerView],
                local_partners: list[LocalPartnerView]) -> list[Party]:
        represented = ", ".join(part for part in (carrier.representative, carrier.function) if part)
        return [Party(CARRIER, carrier.name, represented),
                *(Party(OPERATOR, p.legal_name, p.signatory) for p in partners),
                *(Party(LOCAL_PARTNER, p.legal_name, p.signatory) for p in local_partners)]

    def team(self) -> list[TeamRow]:
        group = self.src.team
        rows = []
        for option in self.chosen(group):
            function = (self.a.text(f"{group.question}_{OTHER}") if option == OTHER
                        else self.guide.questions[group.question].option(option).label)
            f = lambda name: self.field(group, name, option)  # noqa: E731
            rows.append(TeamRow(function, f("agent"), f("fte"), f("status"), f("training")))
        return rows

    def team_fte(self) -> str:
        group = self.src.team
        ftes = [self.a.value(group.question_id("fte", option)) for option in self.chosen(group)]
        ftes = [fte for fte in ftes if fte is not None]
        return formatting.decimal(sum(ftes)) if ftes else ""

    # ---- when

    def milestones(self, partners: list[PartnerView], today: datetime.date) -> list[Milestone]:
        dated = [(self.a.value(m.question), m.label) for m in self.src.milestones]
        operators = self.src.operators
        dated += [(self.a.value(operators.question_id("signed_on", p.key)),
                   self.src.convention_signed.format(name=p.legal_name or p.short_name)) for p in partners]
        return [Milestone(formatting.long_date(day), label, day <= today)
                for day, label in sorted((d, label) for d, label in dated if d is not None)]

    def schedule_total(self) -> str:
        days = [self.values[d.question] for d in self.src.schedule if d.question in self.values]
        if not days:
            return ""
        return self.ui.documents.per_week.format(hours=formatting.hours(total_minutes(days)))

    # ---- conformity

    def computed_evidence(self, partners: list[PartnerView], schedule_total: str) -> dict[str, str]:
        """The evidence fields made of several answers (dialogs.dossier_model.COMPUTED_EVIDENCE)."""
        operating = self.budget.operating.charges_cents
        return {"referents": "; ".join(f"{p.short_name} : {p.referent}" for p in partners if p.referent),
                "conventions": "; ".join(f"{p.short_name} : {self.convention_state(p)}" for p in partners
                                         if p.convention),
                "weekly_hours": schedule_total,
                "operating_budget": formatting.cents(operating) if operating else ""}

    def convention_state(self, partner: PartnerView) -> str:
        """"signée le 2 mars 2027", "en discussion"."""
        if not partner.signed_on:
            return partner.convention
        return self.ui.documents.convention_signed_on.format(state=partner.convention, date=partner.signed_on)

    def evidence(self, check_id: str, computed: dict[str, str]) -> str:
        """The evidence sentences of a check whose fields all have a value."""
        sentences = []
        for sentence in self.src.evidence.get(check_id, []):
            fields = {name: computed[name] if name in computed else self.a.text(name)
                      for name in evidence_fields(sentence)}
            if all(fields.values()):
                sentences.append(sentence.format(**fields))
        return " ".join(sentences)

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


def check_view(check_id: str, title: str, state: str, reason: str, fiche: str, kind: str, texts: DocumentTexts,
               evidence: str = "") -> CheckView:
    """A rule as printed: its kind named, its state in the words of its kind."""
    words = getattr(texts.check_kinds, kind)
    return CheckView(check_id, title, state, reason, fiche, kind, words.name, getattr(words, state), evidence)


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
