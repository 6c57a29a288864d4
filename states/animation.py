"""The network animator's view (/animation): projects by stage, the requirements most often unmet, the projects
gone quiet, the committees to come, and a CSV of every project. Project-level facts only."""
from __future__ import annotations

import csv
import io
from collections import Counter
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from dialogs.budget import project_budget
from dialogs.checks import State, evaluate
from dialogs.referentials import Referential, default_referential
from dialogs.reminder_model import ReminderModel
from dialogs.ui import AnimationTexts
from states.events import Attachment, Reply
from states.progress import ProjectView
from states.reports import requirement_counts
from store.network import NetworkProject, network_projects
from store.repo import Repository

# A spreadsheet takes a cell starting with one of these for a formula: typed text must stay text.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class Animation:
    def __init__(self, referentials: dict[str, Referential], calendar: ReminderModel, texts: AnimationTexts,
                 zone: ZoneInfo) -> None:
        """Each project is checked against its own referential; the stages are the same in every one."""
        self.referentials = referentials
        self.guide = default_referential(referentials).guide
        self.calendar = calendar
        self.texts = texts
        self.zone = zone

    def overview(self, repo: Repository, now: datetime) -> Reply:
        today = now.astimezone(self.zone).date()
        rows = [self._facts(repo, project, today) for project in network_projects(repo.connection)]
        by_stage = Counter(row["stage_label"] for row in rows)
        stage_rows = [{"label": label, "count": by_stage[label]} for label in self._stage_labels() if by_stage[label]]
        unmet = Counter(title for row in rows for title in row["unmet"])
        idle_since = now - timedelta(days=self.texts.idle_days)
        idle = sorted((row for row in rows if row["last_activity"] < idle_since), key=lambda r: r["last_activity"])
        committees = sorted((row for row in rows if row["committee"] is not None), key=lambda r: r["committee"])
        values = {
            "total": len(rows), "stages": stage_rows,
            "unmet": [{"title": title, "count": count} for title, count in unmet.most_common(self.texts.top_unmet)],
            "idle_days": self.texts.idle_days,
            "idle": [{"name": r["name"], "territory": r["territory"], "last": r["last_day"]} for r in idle],
            "committees": [{"name": r["name"], "day": r["committee"]} for r in committees],
        }
        return Reply("animation", values, file=self._csv(rows, today))

    def _facts(self, repo: Repository, project: NetworkProject, today: date) -> dict:
        referential = self.referentials[project.referential]
        guide = referential.guide
        view = ProjectView(guide, repo.answers(project.id))
        values = view.values
        results = evaluate(guide.stages, guide.questions, view.answers,
                           lambda: project_budget(referential.budget, values, repo.budget_lines(project.id)))
        counts = requirement_counts(results)
        stage = self.guide.stage_of_step.get(project.state) if project.territory else None
        committee = values.get(self.calendar.committee.date_question)
        committee_day = date.fromisoformat(committee) if committee else None
        return {
            "name": project.name, "territory": project.territory or "", "referential": referential.meta.name,
            "stage_label": self._stage_label(project, stage),
            "met": counts["met"], "not_met": counts["not_met"], "pending": counts["pending"],
            "unmet": [r.check.title for r in results if r.requirement and r.state is State.NOT_MET],
            "last_activity": project.last_activity,
            "last_day": project.last_activity.astimezone(self.zone).date(),
            "committee": committee_day if committee_day is not None and committee_day >= today else None,
        }

    def _stage_label(self, project: NetworkProject, stage) -> str:
        if project.territory is None:
            return self.texts.starting
        if stage is None:
            return self.texts.finished
        return self.texts.stage.format(order=stage.order, title=stage.title)

    def _stage_labels(self) -> list[str]:
        return [self.texts.starting, *(self.texts.stage.format(order=s.order, title=s.title)
                                       for s in self.guide.stages), self.texts.finished]

    def _csv(self, rows: list[dict], today: date) -> Attachment:
        out = io.StringIO()
        writer = csv.writer(out, delimiter=";", lineterminator="\r\n")  # what French spreadsheets open as is
        writer.writerow(self.texts.csv_columns)
        for row in rows:
            writer.writerow([_cell(row["name"]), _cell(row["territory"]), row["referential"], row["stage_label"],
                             row["met"],
                             row["not_met"], row["pending"], row["last_day"].isoformat()])
        return Attachment(self.texts.csv_filename.format(day=today.isoformat()), out.getvalue(),
                          self.texts.csv_caption)


def _cell(text: str) -> str:
    return "'" + text if text.startswith(_FORMULA_START) else text
