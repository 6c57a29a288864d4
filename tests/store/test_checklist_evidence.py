"""What dates the checklist, read back on every backend: answers' versions, hand marks, the budget's last change,
each stamped on the repository's clock."""
from __future__ import annotations

from datetime import datetime, timezone

from store.repo import AnswerVersion, ChecklistEvidence, MarkRow, Repository
from tests.store.test_repo import TELEGRAM_ID, database, new_project  # noqa: F401 (a fixture)

MARCH, APRIL, MAY = (datetime(2027, month, 15, 9, 30, tzinfo=timezone.utc) for month in (3, 4, 5))


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def test_every_version_every_mark_and_the_budget_come_with_their_time(database):  # noqa: F811
    clock = Clock(MARCH)
    with database.begin() as connection:
        repo = Repository(connection, clock)
        project_id = new_project(repo)
        other = new_project(repo, TELEGRAM_ID + 1, "Autre")
        repo.record_answer(project_id, "visites_maisons", "integer", "deferred", None, TELEGRAM_ID)
        repo.mark_checklist(project_id, "dev_preparer_rapport", True, TELEGRAM_ID)
        key = repo.add_budget_line(project_id, TELEGRAM_ID, "charge", "salaires", "Salaires", 100, "fonctionnement")
        repo.record_answer(other, "visites_maisons", "integer", "answered", 9, TELEGRAM_ID)
        clock.now = APRIL
        repo.record_answer(project_id, "visites_maisons", "integer", "answered", 2, TELEGRAM_ID)
        repo.mark_checklist(project_id, "dev_reunir_comite", True, TELEGRAM_ID)
        clock.now = MAY
        repo.mark_checklist(project_id, "dev_reunir_comite", False, TELEGRAM_ID)
        repo.change_budget_line(project_id, TELEGRAM_ID, repo.budget_lines(project_id)[0], removed=True)
        assert key == 1

    with database.connect() as connection:
        evidence = Repository(connection).checklist_evidence(project_id)
        empty = Repository(connection).checklist_evidence(new_project(Repository(connection), TELEGRAM_ID + 2))
    assert evidence == ChecklistEvidence(
        answers={"visites_maisons": [AnswerVersion("deferred", None, MARCH), AnswerVersion("answered", 2, APRIL)]},
        marks={"dev_preparer_rapport": MarkRow(True, MARCH), "dev_reunir_comite": MarkRow(False, MAY)},
        budget_changed=MAY)   # the line's removal is the budget's last change
    assert empty == ChecklistEvidence({}, {}, None)
