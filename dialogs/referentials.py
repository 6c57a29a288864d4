"""The referentials a project can be checked against, each a whole guide: the shared stage files with its changes.

Each referential is validated at start-up like the guide itself (dialogs/loader.py): a change naming a question or a
check that does not exist, or leaving a rule on a question removed, stops the bot with the file and the field.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from dialogs.budget_model import BudgetModel, check_framing, check_funders
from dialogs.dossier_model import DossierSources, load_dossier_sources
from dialogs.errors import GuideError
from dialogs.loader import GUIDE_DIR, LoadedGuide, _check, _describe, _read, load_guide
from dialogs.model import Guide, Stage, Step
from dialogs.partners import Partners
from dialogs.referential_model import ReferentialFile

REFERENTIALS_DIR = Path(__file__).parent / "referentials"


@dataclass(frozen=True)
class Referential:
    """One referential: what it is (its file), the guide it makes, the budget rule it gives projects, what the
    documents draw from its answers, and the organisations a partner member can speak for."""

    meta: ReferentialFile
    guide: LoadedGuide
    budget: BudgetModel
    dossier: DossierSources
    partners: Partners

    @property
    def id(self) -> str:
        return self.meta.id


def load_referentials(budget: BudgetModel, directory: Path = REFERENTIALS_DIR,
                      guide_dir: Path = GUIDE_DIR) -> dict[str, Referential]:
    """Every referential by id, in the order of their files; exactly one is the default."""
    base = load_guide(guide_dir)
    found: dict[str, Referential] = {}
    for path in sorted(directory.glob("*.yaml")):
        try:
            meta = ReferentialFile.model_validate(_read(path))
        except ValidationError as error:
            raise GuideError(_describe(path, error)) from None
        if meta.id in found:
            raise GuideError(f"{path.name}: id {meta.id!r} is also the id of another referential")
        guide = _apply(base, meta, path.name)
        rule = meta.subsidy if meta.subsidy is not None else budget.subsidy
        model = budget.model_copy(update={"subsidy": rule})
        check_framing(model, guide.questions)  # with a forfait, its bonus question too
        check_funders(model, guide.questions)
        dossier = load_dossier_sources(guide.questions, guide.checks, evidence=meta.evidence,
                                       operator_names=meta.operator_names)
        found[meta.id] = Referential(meta, guide, model, dossier,
                                     Partners(guide, dossier))
    for referential in found.values():
        if referential.meta.successor is not None and referential.meta.successor not in found:
            raise GuideError(f"{directory.name}: {referential.id}: successor {referential.meta.successor!r} is not a "
                             "referential")
    defaults = [r.id for r in found.values() if r.meta.default]
    if len(defaults) != 1:
        raise GuideError(f"{directory.name}: exactly one referential must be the default, found {defaults}")
    return found


def default_referential(referentials: dict[str, Referential]) -> Referential:
    return next(r for r in referentials.values() if r.meta.default)


def partner_labels(referentials: dict[str, Referential], in_sentence: bool = False) -> dict[str, str]:
    """Every organisation a partner member may answer for, under any referential, by key: a project that
    switched rules keeps members for organisations its new rules do not have (France services' Urssaf).
    `in_sentence`: as a sentence names it ("partenaire pour la CAF"), else as a button does ("CAF")."""
    return {partner.key: partner.name if in_sentence else partner.label
            for referential in referentials.values() for partner in referential.partners.all}


def _apply(base: LoadedGuide, meta: ReferentialFile, where: str) -> LoadedGuide:
    """The shared guide with the referential's changes, checked as a whole."""
    questions, checks, checklist = meta.questions, meta.checks, meta.checklist
    known_questions = set(base.questions)
    known_checks = {check.id for check in base.checks}
    known_items = {item.id for item in base.checklist}
    stage_ids = {stage.id for stage in base.stages}
    for field_path, ids, known in (("questions.replace", [q.id for q in questions.replace], known_questions),
                                   ("questions.remove", questions.remove, known_questions),
                                   ("questions.add.after", [a.after for a in questions.add], known_questions),
                                   ("checks.replace", [c.id for c in checks.replace], known_checks),
                                   ("checks.remove", checks.remove, known_checks),
                                   ("checks.add.stage", [a.stage for a in checks.add], stage_ids),
                                   ("checklist.replace", [i.id for i in checklist.replace], known_items),
                                   ("checklist.remove", checklist.remove, known_items),
                                   ("checklist.add.stage", [a.stage for a in checklist.add], stage_ids),
                                   ("steps", [s.id for s in meta.steps], set(base.step_index))):
        unknown = [item for item in ids if item not in known]
        if unknown:
            raise GuideError(f"{where}: {field_path}: {unknown} not in the shared guide")
    replaced = {q.id: q for q in questions.replace}
    added: dict[str, list] = {}
    for addition in questions.add:
        added.setdefault(addition.after, []).append(addition.question)
    replaced_checks = {c.id: c for c in checks.replace}
    replaced_items = {i.id: i for i in checklist.replace}
    attention = {change.id: change.attention for change in meta.steps}

    def step(old: Step) -> Step:
        new = []
        for question in old.questions:
            if question.id not in questions.remove:
                new.append(replaced.get(question.id, question))
            new += added.get(question.id, [])
        recall = [q for q in old.recall if q not in questions.remove]
        own = {"attention": attention[old.id], "attention_by": meta.name} if old.id in attention else {}
        return old.model_copy(update={"questions": new, "recall": recall, **own})

    stages = []
    for stage in base.stages:
        kept = [replaced_checks.get(c.id, c) for c in stage.checks if c.id not in checks.remove]
        kept += [a.check for a in checks.add if a.stage == stage.id]
        items = [replaced_items.get(i.id, i) for i in stage.checklist if i.id not in checklist.remove]
        items += [a.item for a in checklist.add if a.stage == stage.id]
        stages.append(stage.model_copy(update={"steps": [step(s) for s in stage.steps], "checks": kept,
                                               "checklist": items}))
    try:
        # Validated again as a whole: the changed questions' options and conditions, the checks' parameters.
        guide = Guide.model_validate({"referential": meta.id, "version": meta.version,
                                      "source": meta.sources[0].title,
                                      "stages": [Stage.model_validate(s.model_dump()) for s in stages]})
    except ValidationError as error:
        raise GuideError(f"{where}: {error.errors()[0]['loc']}: {error.errors()[0]['msg']}") from None
    files = {stage_id: f"{where} + {name}" for stage_id, name in base.files.items()}
    _check(guide, files)
    return LoadedGuide(guide, files)
