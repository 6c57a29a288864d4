"""The budget builder in the chat: the summary, adding, changing and removing lines."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from typing import Any

from dialogs.budget import BudgetSummary, Line, forfait_formula, project_budget, subsidy_label
from dialogs.budget_model import INVESTMENT, OPERATING, BudgetModel, Category, ForfaitRule
from dialogs.budget_typed import (REPLACE, RESOURCES, PartlyRead, TypedLine, amount_and_words, part_heading,
                                  read_lines, replace_or_beside, typed_clauses)
from dialogs.errors import ParseError
from dialogs.model import Question
from dialogs.parsing import SHORT_TEXT_MAX, parse_euros, parse_text
from dialogs.ui import UiTexts
from states.buttons import Action
from states.events import Button, Outcome, Reply
from states.progress import ProjectView
from store.repo import BudgetLineRow, MembershipRow, ProjectRow, Repository

CHARGE, RESOURCE = "charge", "resource"
BUDGET_YEAR = "budget_year"  # membership.awaiting: the next message is the budget's year, typed from the summary
# membership.awaiting: the summary, or a group's categories (the group's index after it), is the last screen shown:
# the next message is a line for it, not an answer to the guide's question out of sight.
BUDGET_SCREEN = "budget_screen"
# What "➕" adds: the section and, for charges, the use; resources ask for their use.
GROUPS = [(CHARGE, INVESTMENT), (CHARGE, OPERATING), (RESOURCE, None)]
USES = [INVESTMENT, OPERATING]
_HEADED_GROUPS = {INVESTMENT: 0, OPERATING: 1, RESOURCES: 2}  # a part named before the lines typed: its group

MakeButton = Callable[[str, str, "int | None"], Button]


class BudgetDesk:
    def __init__(self, model: BudgetModel, ui: UiTexts, repo: Repository, project: ProjectRow,
                 membership: MembershipRow, user_id: int, view: ProjectView, button: MakeButton,
                 touch: Callable[[], None], resume: Callable[[], list[Reply]]) -> None:
        self.model = model
        self.ui = ui
        self.repo = repo
        self.project = project
        self.membership = membership
        self.user_id = user_id
        self.view = view
        self.button = button
        self.touch = touch
        self.resume = resume  # back to the guide's budget question a line was started from
        self.categories = list(model.categories.values())

    # ---- screens

    def summary(self, edit: bool = False) -> Reply:
        rows = self.repo.budget_lines(self.project.id)
        summary = project_budget(self.model, self.view.values, rows)
        texts = self.ui.budget
        buttons = [[self.button(texts.add_investment, Action.BUDGET_ADD, 0),
                    self.button(texts.add_operating, Action.BUDGET_ADD, 1)],
                   [self.button(texts.add_resource, Action.BUDGET_ADD, 2)]]
        if rows:
            buttons.append([self.button(texts.edit_lines, Action.BUDGET_LINES, None)])
        if summary.resources_by_source:
            buttons.append([self.button(texts.chart, Action.BUDGET_CHART, None)])
        if self.view.values.get(self.model.framing.year) is None:  # the forfait's amount and the titles need it
            buttons.append([self.button(texts.set_year, Action.BUDGET_YEAR, None)])
        buttons.append([self.button(self.ui.buttons.menu, Action.MENU, None)])
        self.membership.awaiting = BUDGET_SCREEN  # saved with the membership; no revision: its buttons stay valid
        return Reply("budget", self._values(summary), buttons, edit=edit)

    def chart(self) -> Reply:
        summary = project_budget(self.model, self.view.values, self.repo.budget_lines(self.project.id))
        year = self.view.values.get(self.model.framing.year)
        title = self.ui.budget.chart_title.format(year=year) if year else self.ui.budget.chart_title_no_year
        items = [(subsidy_label(self.model.subsidy, self.ui.budget) if label == "subsidy" else label, cents)
                 for label, cents in summary.resources_by_source]
        return Reply("budget_chart", {"project": self.project.name}, image=("resources_chart",
                                                                              {"items": items, "title": title}))

    def ask_year(self, question: Question) -> Reply:
        """The guide's question on the budget's year, asked from the summary; the next text answers it."""
        self.membership.awaiting = BUDGET_YEAR
        self.touch()
        return Reply("budget_ask_year", {"prompt": question.prompt, "help": question.help}, [[self._cancel()]])

    def categories_for(self, group: int) -> Reply:
        section, use = GROUPS[group]
        rows = [[self.button(c.label, Action.BUDGET_CATEGORY, self.categories.index(c))] for c in self._section(group)]
        self.membership.awaiting = f"{BUDGET_SCREEN}{group}"
        return Reply("budget_categories", {"section": section, "use": use}, rows + [[self._cancel()]])

    def lines(self) -> Reply:
        rows = self.repo.budget_lines(self.project.id)
        buttons = [self.button(self.ui.budget.line.format(number=n), Action.BUDGET_LINE, row.key)
                   for n, row in enumerate(rows, start=1)]
        keyboard = [buttons[i:i + 4] for i in range(0, len(buttons), 4)]
        return Reply("budget_lines", {"lines": [self._line_values(row) for row in rows]},
                     keyboard + [[self.button(self.ui.budget.open, Action.BUDGET, None)]])

    def line(self, key: int) -> Reply | None:
        row = self._row(key)
        if row is None:
            return None
        texts = self.ui.budget
        return Reply("budget_line", self._line_values(row), [
            [self.button(texts.change_amount, Action.BUDGET_AMOUNT, key),
             self.button(texts.change_label, Action.BUDGET_LABEL, key)],
            [self.button(texts.change_category, Action.BUDGET_RECATEGORY, key)],
            [self.button(texts.remove, Action.BUDGET_REMOVE, key)],
            [self.button(texts.open, Action.BUDGET, None)]])

    # ---- changes

    def pick_category(self, index: int, from_guide: bool = False, typed: TypedLine | None = None) -> list[Reply]:
        """A line of this category begun; `typed`: with what was typed of it, only what it lacks is asked."""
        category = self.categories[index]
        pending: dict[str, Any] = {"category": category.id, "guide": from_guide}
        if typed is not None:
            pending |= {key: value for key, value in (("amount", typed.cents), ("label", typed.label))
                        if value is not None}
        if category.id in {c.id for c in self.model.resources}:
            pending["section"] = RESOURCE
            if typed is None or typed.use is None:
                self._pend(pending)
                return [Reply("budget_ask_use", {"category": category.label},
                              [[self.button(self.ui.budget.investment, Action.BUDGET_USE, 0),
                                self.button(self.ui.budget.operating, Action.BUDGET_USE, 1)], [self._cancel()]])]
            pending["use"] = typed.use
        else:
            pending |= {"section": CHARGE, "use": self.model.charge_use(category.id)}
        return self._ask_next(pending, category)

    def pick_use(self, index: int) -> list[Reply] | None:
        pending = dict(self.membership.budget_pending or {})
        if "category" not in pending or "key" in pending:
            return None
        pending["use"] = USES[index]
        return self._ask_next(pending, self.model.categories[pending["category"]])

    def typed_at_screen(self, text: str) -> Outcome:
        """Lines typed under the summary, read in the one part of the budget they fit (an « Autre » line's part is
        the user's to say), or under a group's categories, read in its part; the screen again when none fits."""
        group = self.membership.awaiting.removeprefix(BUDGET_SCREEN)
        screen = self.categories_for(int(group)) if group else None
        if not group and (heading := part_heading(text)[0]) is not None:
            group = str(_HEADED_GROUPS[heading])  # "Fonctionnement : …": as if « ➕ Fonctionnement » was tapped
        sections = [self._section(int(group))] if group else [self._section(index) for index in range(len(GROUPS))]
        readings, errors = [], []
        for section in sections:
            try:
                lines = read_lines(section, text, self.model.subsidy_words, self.model.names_with_article)
            except ParseError as error:
                errors.append(error.none_added() if isinstance(error, PartlyRead) else error)
                continue
            if group or not any(line.category.other for line in lines):
                readings.append(lines)
        if len(readings) != 1 and not group and (across := self._across_sections(text)) is not None:
            readings = [across]  # "salaires 95 000 €, loyer 6 000 €, informatique 2 500": each line where it fits
        if len(readings) == 1:
            try:
                return Outcome(self.typed(readings[0], from_guide=False))
            except ParseError as error:
                errors = [error]
        error = errors[0] if group and errors else ParseError("budget.where", unknown=text.strip())
        return Outcome([Reply("invalid", {"key": error.key, "params": error.params, "kind": None}),
                        screen or self.summary()])

    def _across_sections(self, text: str) -> list[TypedLine] | None:
        """The lines of a message typing several, each read in the one part of the budget it fits (no « Autre »
        there); None unless every line fits exactly one."""
        clauses = typed_clauses(text)
        lines = []
        for clause in clauses:
            fitting = []
            for index in range(len(GROUPS)):
                try:
                    read = read_lines(self._section(index), clause, self.model.subsidy_words,
                                      self.model.names_with_article)
                except ParseError:
                    continue
                if not any(line.category.other for line in read):
                    fitting.append(read)
            if len(fitting) != 1:
                return None
            lines += fitting[0]
        return lines if len(clauses) > 1 else None

    def typed(self, lines: list[TypedLine], from_guide: bool = True) -> list[Reply]:
        """Lines typed at the guide's budget question, or on a budget screen: added, then the question or the
        summary again; a line lacking its amount, its wording or, for a resource, its use is asked for it.
        ParseError when several lines lack a use."""
        if len(lines) == 1 and (lines[0].cents is None or lines[0].use is None and self._is_resource(lines[0])
                                or lines[0].category.other and lines[0].label is None):
            return self.pick_category(self.categories.index(lines[0].category), from_guide, typed=lines[0])
        if len(lines) == 1 and (alike := self._alike(lines[0])) is not None:
            return [self._ask_alike(lines[0], alike, from_guide)]
        if any(line.use is None and self._is_resource(line) for line in lines):
            raise ParseError("budget.use", several=True)
        if unnamed := [line.category.label for line in lines if line.category.other and line.label is None]:
            raise ParseError("budget.unnamed", unknown=unnamed[0], several=True)
        added = []
        # Charges of both kinds typed at once ("salaires…, informatique 2 500"): each says where it went.
        mixed = len({self.model.charge_use(line.category.id) for line in lines if not self._is_resource(line)}) > 1
        for line in lines:
            section, use = self._placed(line)
            label = line.label or line.category.label
            self.repo.add_budget_line(self.project.id, self.user_id, section, line.category.id, label, line.cents, use)
            added.append({"label": label, "cents": line.cents, "use": use if section == RESOURCE or mixed else None,
                          "category": line.category.label if line.label else None})
        self.touch()
        return [Reply("budget_added", {"lines": added}), *self._end(from_guide)]

    def replace(self, key: int) -> list[Reply] | None:
        """« 🔁 Remplacer le montant »: the line typed like another gives it its amount."""
        pending = self.membership.budget_pending or {}
        if pending.get("alike") != key or (row := self._row(key)) is None:
            return None
        self.repo.change_budget_line(self.project.id, self.user_id, row, cents=pending["amount"])
        self._pend(None)
        self.touch()
        return self._end(pending.get("guide", False))

    def beside(self) -> list[Reply] | None:
        """« ➕ Ajouter une autre ligne »: the line typed like another is added beside it."""
        pending = dict(self.membership.budget_pending or {})
        if "alike" not in pending:
            return None
        return self._ask_next(pending, self.model.categories[pending["category"]])

    def change(self, key: int, field: str, from_guide: bool = False) -> Reply | None:
        """`from_guide`: the line was opened from the guide's budget question, where the change ends."""
        row = self._row(key)
        if row is None:
            return None
        self._pend({"key": key, "await": field, "guide": from_guide})
        return self._ask(field, self.model.categories[row.category].label, row.use, self._line_values(row))

    def remove(self, key: int, from_guide: bool = False) -> list[Reply] | None:
        row = self._row(key)
        if row is None:
            return None
        self.repo.change_budget_line(self.project.id, self.user_id, row, removed=True)
        self.touch()
        return [self._changed(row.label, row.cents, removed=True), *self._end(from_guide)]

    def recategorize(self, key: int, from_guide: bool = False) -> Reply | None:
        """The other categories of the line's part (charges of its use, or resources), for it to move to."""
        row = self._row(key)
        if row is None:
            return None
        self._pend({"key": key, "await": "category", "guide": from_guide})
        others = [[self.button(category.label, Action.BUDGET_MOVE, self.categories.index(category))]
                  for category in self._part_of(row) if category.id != row.category]
        return Reply("budget_move", self._line_values(row), others + [[self._cancel()]])

    def move(self, index: int) -> list[Reply] | None:
        """The line being changed goes to this category; a line named after its category takes the new one's name."""
        pending = self.membership.budget_pending or {}
        category = self.categories[index]
        if pending.get("await") != "category" or (row := self._row(pending["key"])) is None \
                or category not in self._part_of(row):
            return None
        named_after = row.label == self.model.categories[row.category].label
        self.repo.change_budget_line(self.project.id, self.user_id, row, category=category.id,
                                     label=category.label if named_after else None)
        self._pend(None)
        self.touch()
        changed = self._changed(category.label if named_after else row.label, row.cents, category=category.label)
        return [changed, *self._end(pending.get("guide", False))]

    @staticmethod
    def _changed(label: str, cents: int, removed: bool = False, category: str | None = None) -> Reply:
        """What a change did to a line, said before the list it ends at: the list alone may not show it."""
        return Reply("budget_changed", {"label": label, "cents": cents, "removed": removed, "category": category})

    def _end(self, from_guide: bool) -> list[Reply]:
        """Where entering, changing or cancelling a line ends: the guide's question it began at, or the summary."""
        return self.resume() if from_guide else [self.summary()]

    def _part_of(self, row: BudgetLineRow) -> list[Category]:
        return self.model.section("ressources" if row.section == RESOURCE else row.use)

    def cancel(self) -> list[Reply]:
        from_guide = (self.membership.budget_pending or {}).get("guide", False)
        self._pend(None)
        return self._end(from_guide)

    def text(self, text: str) -> Outcome:
        """A typed label or amount for the line being entered or changed."""
        pending = dict(self.membership.budget_pending or {})
        if "alike" in pending:  # "remplacer", "ajouter": the buttons' words
            return self._typed_at_alike(pending, text)
        field = pending.get("await")
        try:
            value: Any = (parse_text(text, SHORT_TEXT_MAX) if field == "label"
                          else int(parse_euros(text) * 100))
        except ParseError as error:
            category = self.model.categories[pending["category"]] if "category" in pending else None
            said = amount_and_words(text) if field == "amount" and "key" not in pending else None
            if said is None or category is None or category.other:
                return Outcome([Reply("invalid", {"key": error.key, "params": error.params, "kind": None}),
                                self._ask(field, *self._category_and_use(pending))])
            value, words = said  # "18000 (travaux bureau confidentiel)": the line's wording says what it pays for
            pending["label"] = f"{category.label} ({words})"
        pending[field] = value
        if "key" not in pending:
            return Outcome(self._ask_next(pending, self.model.categories[pending["category"]]))
        changed = []
        if (row := self._row(pending["key"])) is not None:
            self.repo.change_budget_line(self.project.id, self.user_id, row,
                                         label=pending.get("label"), cents=pending.get("amount"))
            changed = [self._changed(pending.get("label") or row.label, pending.get("amount", row.cents))]
        self._pend(None)
        self.touch()
        return Outcome([*changed, *self._end(pending.get("guide", False))])

    # ---- helpers

    def _ask_next(self, pending: dict[str, Any], category: Category) -> list[Reply]:
        """Named lines ("autre") ask their label first, then every line its amount; once both are known, the line
        is added."""
        if (category.other and "label" not in pending) or "amount" not in pending:
            pending["await"] = "label" if category.other and "label" not in pending else "amount"
            self._pend(pending)
            return [self._ask(pending["await"], category.label, pending["use"])]
        self.repo.add_budget_line(self.project.id, self.user_id, pending["section"], category.id,
                                  pending.get("label", category.label), pending["amount"], pending["use"])
        self._pend(None)
        self.touch()
        return self._end(pending.get("guide", False))

    def _typed_at_alike(self, pending: dict[str, Any], text: str) -> Outcome:
        """"remplacer" or "ajouter" under « Remplacer le montant » and « Ajouter une autre ligne »."""
        if (row := self._row(pending["alike"])) is None:
            self._pend(None)
            return Outcome([self.summary()])
        meant = replace_or_beside(text)
        if meant is not None:
            return Outcome((self.replace(row.key) if meant == REPLACE else self.beside()) or [])
        return Outcome([self._alike_prompt(pending, row)])

    def _alike(self, line: TypedLine) -> BudgetLineRow | None:
        """The line already entered that one typed repeats: the same category and wording (and use, for a
        resource); a revised amount ("loyer 4 000" after "loyer 6 000") would otherwise count twice."""
        label = line.label or line.category.label
        return next((row for row in self.repo.budget_lines(self.project.id)
                     if row.category == line.category.id and row.label == label
                     and (not self._is_resource(line) or row.use == line.use)), None)

    def _ask_alike(self, line: TypedLine, row: BudgetLineRow, from_guide: bool) -> Reply:
        """Replace the amount of the line alike, or add one more: the user says which."""
        section, use = self._placed(line)
        pending = {"alike": row.key, "section": section, "category": line.category.id, "label": row.label,
                   "amount": line.cents, "use": use, "guide": from_guide}
        self._pend(pending)
        return self._alike_prompt(pending, row)

    def _alike_prompt(self, pending: dict[str, Any], row: BudgetLineRow) -> Reply:
        texts = self.ui.budget
        return Reply("budget_alike", {"label": row.label, "before": row.cents, "after": pending["amount"]},
                     [[self.button(texts.replace_line, Action.BUDGET_REPLACE, row.key)],
                      [self.button(texts.add_beside, Action.BUDGET_BESIDE, None)], [self._cancel()]])

    def _section(self, group: int) -> list[Category]:
        section, use = GROUPS[group]
        return self.model.section("ressources" if section == RESOURCE else use)

    def _placed(self, line: TypedLine) -> tuple[str, str | None]:
        """A typed line's section and use: a resource's as said, a charge's its category's."""
        return (RESOURCE, line.use) if self._is_resource(line) else (CHARGE, self.model.charge_use(line.category.id))

    def _is_resource(self, line: TypedLine) -> bool:
        return line.category in self.model.resources

    def _ask(self, field: str, category: str, use: str | None, current: dict[str, Any] | None = None) -> Reply:
        """`use`: an investment's amount is not a year's."""
        return Reply("budget_ask", {"await": field, "category": category, "yearly": use != INVESTMENT,
                                    "current": current}, [[self._cancel()]])

    def _pend(self, pending: dict[str, Any] | None) -> None:
        self.membership.budget_pending = pending
        if pending is not None:
            self.membership.awaiting = None  # the line's next word is typed for it, not for the screen it began on
        self.touch()

    def _row(self, key: int) -> BudgetLineRow | None:
        return next((row for row in self.repo.budget_lines(self.project.id) if row.key == key), None)

    def _category_and_use(self, pending: dict[str, Any]) -> tuple[str, str | None]:
        if "key" in pending and (row := self._row(pending["key"])) is not None:
            return self.model.categories[row.category].label, row.use
        if "category" in pending:
            return self.model.categories[pending["category"]].label, pending.get("use")
        return "", None

    def _cancel(self) -> Button:
        return self.button(self.ui.budget.cancel, Action.BUDGET_CANCEL, None)

    def _line_values(self, row: BudgetLineRow) -> dict[str, Any]:
        return {"label": row.label, "cents": row.cents, "section": row.section, "use": row.use,
                "category": self.model.categories[row.category].label}

    def _values(self, summary: BudgetSummary) -> dict[str, Any]:
        rule = self.model.subsidy
        if isinstance(rule, ForfaitRule):
            # No rate, floor or ceiling: the forfait's lines, as in the documents but for the team, and its source.
            forfait = summary.subsidy.forfait
            subsidy_rule = {"forfait_lines": forfait_formula(summary.subsidy, self.ui.documents,
                                                             self.ui.budget.forfait_caveats),
                            "forfait_year": forfait.titled_year, "subsidy_source": rule.source}
        else:
            subsidy_rule = {"rate": rule.rate_percent, "floor_cents": rule.floor_euros * 100,
                            "ceiling_cents": rule.ceiling_euros * 100}
        return {
            "project": self.project.name, "year": self.view.values.get(self.model.framing.year),
            "investment_lines": [self._line_dict(line) for line in summary.charges[INVESTMENT]],
            "operating_lines": [self._line_dict(line) for line in summary.charges[OPERATING]],
            "resources": [self._line_dict(line) for line in summary.resources],
            "subsidy": asdict(summary.subsidy), "operating": asdict(summary.operating),
            "investment": asdict(summary.investment), "months": summary.months,
            "partial_year": summary.partial_year, "already_operating": self.view.values.get(
                self.model.framing.operating) is True,
            "detr_conflict": summary.detr_conflict, "subsidy_kind": summary.subsidy.kind,
            "subsidy_label": subsidy_label(rule, self.ui.budget), **subsidy_rule,
        }

    def _line_dict(self, line: Line) -> dict[str, Any]:
        return {"label": line.label, "cents": line.cents, "use": line.use,
                "category": self.model.categories[line.category].label}
