"""Build the documents' view model from a project's stored answers, budget and checklist."""
from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any
from zoneinfo import ZoneInfo

from dialogs import formatting
from dialogs.address import commune_of
from dialogs.budget import (BudgetSummary, Line, Plan, forfait_formula, forfait_rule_sentence, project_budget,
                            subsidy_funds, subsidy_label)
from dialogs.budget_model import INVESTMENT, OPERATING, BudgetModel, ForfaitRule
from dialogs.checks import State, budget_missing, evaluate, missing_required
from dialogs.conditions import holds
from dialogs.dossier_model import DossierSources, PerOption, evidence_fields
from dialogs.choices import options_named
from dialogs.folding import fold
from dialogs.formatting import french_list, lower_first, upper_first
from dialogs.parsing import text_and_count
from dialogs.loader import LoadedGuide
from dialogs.referential_model import ReferentialFile
from dialogs.referentials import Referential
from dialogs.model import (CHOICE_KINDS, OTHER, PLAUSIBILITY, RECOMMENDATION, REQUIREMENT, IncludesAllRule, Kind,
                           MinSelectedRule, Question, other_of)
from dialogs.schedule import total_minutes
from dialogs.ui import DocumentTexts, UiTexts
from dossier.answers import Answers
from dossier.checklist_view import build_checklist
from dossier.model import (BudgetView, CarrierView, CheckGroup, CheckView, DayHours, Dossier, LabelView,
                           LocalPartnerView, Milestone, MoneyLine, OperatorsRule, Party, PartnerView, PlanView,
                           RequirementCount, SourceView, TeamRow)
from store.repo import Repository

ANSWERED = "answered"
# The three kinds of rule, in the order the documents print them.
KIND_ORDER = (REQUIREMENT, RECOMMENDATION, PLAUSIBILITY)
CARRIER, OPERATOR, LOCAL_PARTNER = "gestionnaire", "operateur", "partenaire_local"
STAFF = "personnel"   # the contribution option meaning the partner's staff work in the Maison
VISA = "Vu "          # how a legal visa opens (dialogs/referentials/*.yaml, `visas`)


@dataclass(frozen=True)
class Sources:
    """Everything fixed at start-up that a dossier is built from."""

    guide: LoadedGuide
    budget: BudgetModel
    sources: DossierSources
    ui: UiTexts
    zone: ZoneInfo          # the bot's time zone: the day an item was done, as the team lived it
    referential: ReferentialFile  # the label's name, sources and legal visas

    @classmethod
    def of(cls, referential: Referential, ui: UiTexts, zone: ZoneInfo) -> Sources:
        return cls(referential.guide, referential.budget, referential.dossier, ui, zone, referential.meta)


def build_dossier(sources: Sources, repo: Repository, project_id: int, draft: bool,
                  today: datetime.date) -> Dossier:
    """The view model of one project's documents, read through `repo` in the caller's transaction.

    A dossier asked for as final is still a draft while a required answer is missing or a requirement of the
    cahier des charges is not met: the documents never claim more than the answers show."""
    return _Builder(sources, repo, project_id).build(draft, today)


class _Builder:
    def __init__(self, sources: Sources, repo: Repository, project_id: int) -> None:
        self.guide, self.model, self.src, self.ui = sources.guide, sources.budget, sources.sources, sources.ui
        self.zone, self.referential = sources.zone, sources.referential
        self.project = repo.project(project_id)
        self.answers = repo.answers(project_id)
        self.values = offered({qid: a.value for qid, a in self.answers.items() if a.status == ANSWERED},
                              self.guide.questions)
        self.a = Answers(self.guide.questions, self.values, self.ui)
        self.budget = project_budget(self.model, self.values, repo.budget_lines(project_id))
        self.repo, self.project_id = repo, project_id

    def build(self, draft: bool, today: datetime.date) -> Dossier:
        docs = self.ui.documents
        partners = self.partners()
        schedule_total = self.schedule_total()
        computed = self.computed_evidence(partners, schedule_total)
        results = evaluate(self.guide.stages, self.guide.questions, self.answers, lambda: self.budget)
        own = own_checks(self.referential)
        checks = [check_view(r.check.id, r.check.title, r.state.value, r.reason or "", r.check.fiche, r.check.kind,
                             docs, self.evidence(r.check.id, computed), to_confirm=r.check.to_confirm,
                             from_fiche=r.check.id not in own) for r in results]
        rules = conformity_fields(checks, docs, self.referential.requirements_basis)
        missing = self.missing()
        final = not missing and rules["requirements"].met == rules["requirements"].total
        local_partners = self.local_partners()
        carrier = self.carrier(today)
        team = self.team()
        header = self.guide.guide
        return Dossier(
            draft=draft or not final, generated_on=formatting.long_date(today),
            referential=docs.referential.format(source=header.source, referential=self.referential.name,
                                                version=header.version),
            label=label_view(self.referential),
            project=upper_first(self.project.name), territory=self.territory(), a=self.a,
            carrier=carrier, leader=self.a.text(self.src.leader.name),
            leader_function=self.a.text(self.src.leader.function),
            missing=missing, partners=partners, operators_rule=self.operators_rule(),
            local_partners=local_partners,
            parties=self.parties(carrier, partners, local_partners),
            schedule=[DayHours(day.day, self.a.text(day.question)) for day in self.src.schedule],
            schedule_total=schedule_total, team=team, team_fte=self.team_fte(),
            milestones=self.milestones(partners, today), **rules,
            budget=self.budget_view(), annexes=list(self.src.annexes),
            checklist=build_checklist(self.guide, self.answers, self.repo, self.project_id, self.budget,
                                      self.zone),
        )

    def territory(self) -> str:
        """The project's territory; a count it was given with at creation, before that count was noted apart ("…,
        3200 habitants"), left to the answer holding it once given: the documents say it once."""
        territory, then = self.project.territory or "", self.guide.territory_count
        said = text_and_count(territory, then.unit) if then is not None and then.id in self.values else None
        return said[0] if said else territory

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

    def carrier(self, today: datetime.date) -> CarrierView:
        src, a = self.src.carrier, self.a
        address, deliberation = a.text(src.address), a.value(src.deliberation)
        return CarrierView(name=a.text(src.name), kind=a.text(src.kind), legal_form=a.text(src.legal_form),
                           siret=a.text(src.siret), address=address, town=commune_of(address) if address else "",
                           representative=a.text(src.representative), function=a.text(src.function),
                           deliberation_on=a.text(src.deliberation),
                           deliberation_planned=deliberation is not None and deliberation > today,
                           by_decision=a.value(src.kind) in src.by_decision)

    def chosen(self, group: PerOption) -> list[str]:
        """The options chosen in a group's question that have their own questions ("autre" may not)."""
        first = next(iter(group.fields))
        return [option for option in self.a.value(group.question) or []
                if group.question_id(first, option) in self.guide.questions]

    def field(self, group: PerOption, field: str, option: str) -> str:
        question_id = group.question_id(field, option)
        return self.a.text(question_id) if question_id in self.guide.questions else ""

    def partners(self) -> list[PartnerView]:
        """Every operator chosen, in the order of the answer, with its answers (every operator a referential offers
        has its questions). "Autre" is not one: the template prints the operator the user typed."""
        group = self.src.operators
        rows = []
        for option in self.chosen(group):
            f = lambda name: self.field(group, name, option)  # noqa: E731
            rows.append(PartnerView(
                key=option, short_name=self.operator_name(option), legal_name=f("legal_name"),
                signatory=f("signatory"), services=f("services"),
                contributions=self.contributions(group.question_id("contributions", option)),
                contribution_detail=f("contribution_detail"),
                staff=self.chose(group.question_id("contributions", option), STAFF), referent=f("referent"),
                convention=f("convention").lower(), signed_on=f("signed_on"),
                detail_repeats=self.detail_repeats(group.question_id("contributions", option),
                                                   f("contribution_detail"))))
        bodies = Counter(fold(row.legal_name) for row in rows if row.legal_name)
        return [replace(row, shared=bodies[fold(row.legal_name)] > 1) if row.legal_name else row for row in rows]

    def detail_repeats(self, question_id: str, detail: str) -> bool:
        """"du personnel (permanence mensuelle)" after « Du personnel » ticked: the details name every option
        ticked, which printed before them would be said twice."""
        ticked = set(self.a.value(question_id) or []) if question_id in self.guide.questions else set()
        return bool(ticked and detail) and ticked <= set(options_named(self.guide.questions[question_id], detail))

    def operator_name(self, option: str) -> str:
        """"la CAF" (dialogs/dossier.yaml), or the option's label for an operator without a name there."""
        group = self.src.operators
        return group.names.get(option) or self.guide.questions[group.question].option(option).label

    def operators_rule(self) -> OperatorsRule:
        """The requirements' rules on the operators question: a minimum count, or every one of a list."""
        question, minimum, required = self.src.operators.question, 0, []
        for check in self.guide.checks:
            if check.kind != REQUIREMENT:
                continue
            for rule in check.rules:
                if isinstance(rule, MinSelectedRule) and rule.question == question:
                    minimum = max(minimum, rule.min)
                elif isinstance(rule, IncludesAllRule) and rule.question == question:
                    required += [name for name in map(self.operator_name, rule.options) if name not in required]
        return OperatorsRule(minimum, required)

    def local_partners(self) -> list[LocalPartnerView]:
        group = self.src.local_partners
        rows = []
        for option in self.chosen(group):
            category = (self.a.text(other_of(group.question)) if option == OTHER
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
        signing = {}  # one body signing for several operators (outre-mer, the CGSS) is one party
        for p in partners:
            signing.setdefault((fold(p.name), fold(p.signatory)) if p.name else id(p), p)
        return [Party(CARRIER, carrier.name, represented),
                *(Party(OPERATOR, p.name, p.signatory, p.short_name) for p in signing.values()),
                *(Party(LOCAL_PARTNER, p.legal_name, p.signatory, lower_first(p.category)) for p in local_partners)]

    def team(self) -> list[TeamRow]:
        group = self.src.team
        rows = []
        for option in self.chosen(group):
            function = (self.a.text(other_of(group.question)) if option == OTHER
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
        for partner in partners:   # France services' partners without questions have no date of signature
            question = self.src.operators.question_id("signed_on", partner.key)
            if question in self.guide.questions:
                name = partner.legal_name or partner.short_name
                dated.append((self.a.value(question), self.src.convention_signed.format(name=name)))
        return [Milestone(formatting.long_date(day), label, day <= today)
                for day, label in sorted((d, label) for d, label in dated if d is not None)]

    def open_days(self) -> str:
        """The days the timetable opens: "Lundi, Mardi, …"; "" until a day is answered."""
        return ", ".join(d.day for d in self.src.schedule
                         if d.question in self.values and total_minutes([self.values[d.question]]) > 0)

    def schedule_total(self) -> str:
        days = [self.values[d.question] for d in self.src.schedule if d.question in self.values]
        if not days:
            return ""
        return self.ui.documents.per_week.format(hours=formatting.hours(total_minutes(days)))

    # ---- conformity

    def computed_evidence(self, partners: list[PartnerView], schedule_total: str) -> dict[str, str]:
        """The evidence fields made of several answers (dialogs.dossier_model.COMPUTED_EVIDENCE)."""
        operating = self.budget.operating.charges_cents
        docs = self.ui.documents
        return {"referents": docs.evidence_separator.join(
                    docs.evidence_item.format(partner=p.short_name, value=p.referent) for p in partners if p.referent),
                "conventions": docs.evidence_separator.join(
                    docs.evidence_item.format(partner=p.short_name, value=self.convention_state(p))
                    for p in partners if p.convention),
                "weekly_hours": schedule_total, "open_days": self.open_days(),
                "operating_budget": formatting.cents(operating) if operating else "",
                # What the budget says of State aid in operation, when the aids question is not answered.
                "operating_resources": french_list([line.label for line in self.budget.resources
                                                    if line.use == OPERATING])}

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
        forfait: dict = {}
        if isinstance(rule, ForfaitRule):
            # The forfait's lines as in the chat: the amount and its shares, then what is not a fact yet, worded
            # for the Préfecture.
            lines = forfait_formula(subsidy, docs, docs.forfait_caveats) or [docs.formula_none]
            formula = lines[0]
            forfait = {"subsidy_kind": "forfait", "subsidy_rule": forfait_rule_sentence(rule, docs),
                       "subsidy_caveats": lines[1:], "subsidy_source": rule.source}
        else:
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
            resources=[MoneyLine(subsidy_label(rule, self.ui.budget), money(subsidy.cents), OPERATING),
                       *[line(l) for l in summary.resources]],
            subsidy=money(subsidy.cents), subsidy_formula=formula,
            operating=self.plan(summary.operating), investment=self.plan(summary.investment),
            notes=self.notes(summary), funds=subsidy_funds(rule), **forfait,
            investment_said=bool(summary.charges[INVESTMENT]) or any(
                question.kind is Kind.BUDGET and question.budget == INVESTMENT and question.id in self.values
                for question in self.guide.question_list),
        )

    @staticmethod
    def plan(plan: Plan) -> PlanView:
        percent = f"{str(plan.gap_percent).replace('.', ',')} %" if plan.gap_cents else ""
        return PlanView(formatting.cents(plan.charges_cents), formatting.cents(plan.resources_cents),
                        formatting.cents(plan.gap_cents) if plan.gap_cents else "", percent,
                        formatting.cents(plan.surplus_cents) if plan.surplus_cents else "",
                        empty=not plan.charges_cents and not plan.resources_cents)

    def notes(self, summary: BudgetSummary) -> list[str]:
        docs, notes = self.ui.documents, []
        forfait = summary.subsidy.forfait is not None
        if summary.partial_year:
            # The fiche is silent on prorating its floor and ceiling; whether a forfait is prorated is to confirm.
            note = docs.note_partial_year_forfait if forfait else docs.note_partial_year
            notes.append(note.format(months=summary.months))
        elif self.values.get(self.model.framing.operating) is True and not forfait:
            notes.append(docs.note_whole_year)  # the fiche's rule, not stated for a forfait
        if summary.detr_conflict:
            notes.append(docs.note_detr)
        if summary.subsidy.implausible:
            notes.append(docs.note_implausible)
        return notes


def offered(values: dict[str, Any], questions: Mapping[str, Question]) -> dict[str, Any]:
    """The stored answers as this referential asks its questions: an option chosen under another referential
    (a France services partner, then the project switched to the 2016 fiche) is not one of its options, and an
    answer to a question the others no longer show is not asked; both are left out of the documents, the answers
    themselves kept in the database."""
    kept = {}
    for question_id, value in values.items():
        question = questions.get(question_id)
        if question is not None and question.kind in CHOICE_KINDS:
            options = {option.id for option in question.options}
            if question.kind is Kind.MULTI and isinstance(value, list):
                value = [option for option in value if option in options]
            elif value not in options:
                continue
        kept[question_id] = value
    while hidden := [question_id for question_id in kept if question_id in questions
                     and not holds(questions[question_id].when, kept)]:  # "Quel autre opérateur ?" once « Autre »
        for question_id in hidden:  # is no longer ticked: an answer its question no longer asks, left out too
            del kept[question_id]
    return kept


def check_view(check_id: str, title: str, state: str, reason: str, fiche: str, kind: str, texts: DocumentTexts,
               evidence: str = "", to_confirm: bool = False, from_fiche: bool = True) -> CheckView:
    """A rule as printed: its kind named, its state in the words of its kind."""
    words = getattr(texts.check_kinds, kind)
    return CheckView(check_id, title, state, reason, fiche, kind, words.name, getattr(words, state), evidence,
                     to_confirm, from_fiche)


def own_checks(referential: ReferentialFile) -> set[str]:
    """The checks a referential replaces or adds: their `fiche` names its own source, not the shared fiche."""
    return {c.id for c in referential.checks.replace} | {added.check.id for added in referential.checks.add}


def label_view(referential: ReferentialFile) -> LabelView:
    """The label's name, its legal visas (and the texts they cite), its sources: all from the referential's file."""
    return LabelView(referential.name, list(referential.visas), [cited(visa) for visa in referential.visas],
                     [SourceView(source.title, source.url or "") for source in referential.sources])


def cited(visa: str) -> str:
    """A visa as a sentence cites its text: "Vu le décret n° 2016-403 du 4 avril 2016 … ;" -> "le décret
    n° 2016-403 du 4 avril 2016 …". A visa written otherwise is kept, without its final punctuation."""
    text = visa.strip().rstrip(";.").rstrip()
    return text[len(VISA):] if text.startswith(VISA) else text


def conformity_fields(checks: list[CheckView], texts: DocumentTexts, basis: str) -> dict:
    """The Dossier's fields about the rules: every check, the three groups, what is not met, the requirements'
    count and its sentence. Only requirements are counted; a rule not met or not answered is never met.
    `basis`: what sets the requirements, for their group's introduction (the referential's requirements_basis)."""
    groups = [CheckGroup(kind, getattr(texts.check_kinds, kind).heading,
                         getattr(texts.check_kinds, kind).intro.format(basis=basis),
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
