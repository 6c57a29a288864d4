"""The checklist of a project walked through the real application: one state per item in the PDF and in the chat,
items ticked from the answers (and the budget) that prove them, and the day each was done."""
from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from pypdf import PdfReader

from bot.render import to_plain_text
from bot.services import build_services
from dialogs import formatting
from dialogs.budget import project_budget
from dialogs.checks import ANSWERED
from dossier.checklist_view import PARIS, ChecklistItemView, ChecklistStage, build_checklist
from dossier.pdf import render_checklist_pdf
from states.events import Button
from states.progress import ProjectView
from states.reports import Reports
from store.repo import Repository
from tests.bot.test_conversation import create_project
from tests.conftest import make_settings, start_application
from tests.support.clock import FrozenClock
from tests.support.projects import CONFORMANT
from tests.support.telegram import ChatClient, FakeBotApi
from tests.support.walk import FINISHED, NEXT_STEP, answer, question_in

FIRST_DAY = date(2027, 7, 1)
# The conformant project with a balanced budget (19 000 € more from the intercommunality for the operating
# budget) and no bilateral meeting yet.
INTERCOMMUNALITY = ("Intercommunalité", "fonctionnement", "19 000 €", None)
SCRIPT = {**CONFORMANT, "budget_ressources": [*CONFORMANT["budget_ressources"], INTERCOMMUNALITY],
          "rencontres_bilaterales": "0"}
REPORT = "Préparer le rapport d'activité selon le projet et les exigences des financeurs"
PROVED_NOTE, HAND_NOTE = "d'après les réponses", "cochée à la main"


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(f"{FIRST_DAY.isoformat()} 10:00")


@pytest.fixture
def services(database_url, clock):
    built = build_services(make_settings(database_url), clock=clock)
    yield built
    built.close()


@pytest.fixture
async def client(services):
    api = FakeBotApi()
    application = await start_application(services, api)
    yield ChatClient(application, api)
    await application.shutdown()


async def walk_a_step_a_day(client, guide, replies, script, clock) -> dict[str, date]:
    """Answer the whole guide, each step on the next day at 10:00 in Paris; the day each question was first
    answered (a question recalled in a later step is answered again then)."""
    first: dict[str, date] = {}
    day = FIRST_DAY
    for _ in range(len(guide.steps) + 1):
        if any(FINISHED in r.text for r in replies):
            return first
        clock.set(f"{day.isoformat()} 10:00")
        while NEXT_STEP not in replies[-1].labels:
            question = question_in(guide, replies[-1])
            assert question is not None, replies[-1].text
            first.setdefault(question.id, day)
            replies = await answer(client, question, script)
        replies = await client.click(NEXT_STEP)
        day += timedelta(days=1)
    raise AssertionError("the guide never finished")


def checklist_now(services, project_id: int = 1) -> list[ChecklistStage]:
    with services.database.connect() as connection:
        repo = Repository(connection)
        answers = repo.answers(project_id)
        values = {q: a.value for q, a in answers.items() if a.status == ANSWERED}
        budget = project_budget(services.documents.sources.budget, values, repo.budget_lines(project_id))
        return build_checklist(services.guide, answers, repo, project_id, budget)


def checklist_pdf(services, project_id: int = 1) -> str:
    """The checklist PDF /dossier sends, as text without any whitespace (pypdf breaks lines where it wraps)."""
    dossier = services.documents.view(project_id, draft=True)
    reader = PdfReader(io.BytesIO(render_checklist_pdf(dossier)))
    return "".join("".join(page.extract_text().split()) for page in reader.pages)


def squash(text: str) -> str:
    return "".join(text.split())


def items(stages: list[ChecklistStage]) -> dict[str, ChecklistItemView]:
    return {item.label: item for stage in stages for item in stage.items}


@pytest.fixture
async def walked(client, services, clock) -> dict[str, date]:
    replies = await create_project(client, "MSAP du Saint-Affricain", "Sud-Aveyron")
    return await walk_a_step_a_day(client, services.guide, replies, SCRIPT, clock)


async def test_answers_tick_what_they_prove_on_the_day_they_were_given(walked, services):
    labels = {item.id: item.label for item in services.guide.checklist}
    stages = checklist_now(services)
    state = items(stages)
    text = checklist_pdf(services)
    proved_on = {
        "diag_visiter_maisons": walked["visites_maisons"],
        "label_preparer_demande": walked["label_demande_unique"],
        "budget_construire_budget": walked["budget_ressources"],       # the budget's last line, a resource
        # Confirmed again in stage 8 ("toujours exact"): still done since stage 4.
        "tech_prevoir_signaletique": walked["tech_signaletique"],
        "dev_signaletique_kit": walked["dev_kit_communication"],          # the later of its two answers
        "part_todo_traduction": walked["part_services_msa"],               # each operator's services
    }
    assert walked["tech_signaletique"] < walked["dev_kit_communication"]
    for item_id, day in proved_on.items():
        item = state[labels[item_id]]
        assert (item.done, item.how, item.done_on) == (True, "proved", formatting.long_date(day)), item_id
        assert squash(f"☑{item.label}{formatting.long_date(day)}{PROVED_NOTE}") in text, item_id

    # No meeting held yet: the one item of the action is not ticked, anywhere.
    meetings = state[labels["diag_rencontres_bilaterales"]]
    assert (meetings.done, meetings.done_on, meetings.how) == (False, "", "")
    assert squash(f"☐{meetings.label}") in text
    assert sum("rencontres bilatérales" in label for label in labels.values()) == 1


async def test_every_item_has_one_state_in_the_whole_pdf(walked, services):
    stages = checklist_now(services)
    text = checklist_pdf(services)
    labels = [squash(item.label) for item in services.guide.checklist]
    assert not [a for a in labels for b in labels if a != b and a in b]   # no label hides inside another
    for stage in stages:
        for item in stage.items:
            label = squash(item.label)
            assert text.count(label) == 1, item.label
            assert text.count(f"☑{label}") == int(item.done) and text.count(f"☐{label}") == int(not item.done)
            assert bool(item.done_on) == item.done, item.label          # every ticked item is dated
    assert text.count("☑") + text.count("☐") == len(labels)


async def test_an_item_ticked_by_hand_shows_the_day_it_was_ticked(walked, client, services, clock):
    clock.set("2027-09-10 00:30")   # 9 September in UTC: the day is Paris's
    await client.send("/checklist")
    await client.click("8. ")
    edited = (await client.click("⬜ Préparer le rapport d'activité"))[0]
    assert f"☑️ {REPORT} (cochée à la main" in edited.text
    item = items(checklist_now(services))[REPORT]
    assert (item.done, item.how, item.done_on) == (True, "hand", "10 septembre 2027")
    assert squash(f"☑{item.label}10septembre2027{HAND_NOTE}") in checklist_pdf(services)


async def test_the_chat_shows_each_item_in_the_state_the_pdf_prints(walked, client, services):
    state = items(checklist_now(services))
    overview = (await client.send("/checklist"))[0]
    for stage in checklist_now(services):
        done = sum(item.done for item in stage.items)
        assert f"{stage.order}. {stage.title} : {done}/{len(stage.items)}" in overview.text
        shown = (await client.click(f"{stage.order}. "))[0].text
        for item in stage.items:
            box = "☑️" if item.done else "⬜"
            assert shown.count(item.label) == 1 and f"{box} {item.label}" in shown, item.label
            note = shown.split(item.label, 1)[1].split("\n", 1)[0]
            assert ("(d'après vos réponses" in note) == (state[item.label].how == "proved"), item.label


async def test_with_its_evidence_the_chat_says_when_each_item_was_done(walked, client, services, clock):
    """The chat's report, given the repository's evidence and the bot's zone, dates items as the PDF does."""
    clock.set("2027-09-10 00:30")
    await client.send("/checklist")
    await client.click("8. ")
    await client.click("⬜ Préparer le rapport d'activité")
    pdf = items(checklist_now(services))
    with services.database.connect() as connection:
        repo = Repository(connection)
        view = ProjectView(services.guide, repo.answers(1))
        budget = project_budget(services.documents.sources.budget, view.values, repo.budget_lines(1))
        reports = Reports(services.guide, services.ui, view, lambda text, action, arg: Button(text, ""),
                          lambda: budget, lambda: repo.checklist_evidence(1), PARIS)
        shown = {stage.order: to_plain_text(services.renderer.html(reports.checklist_stage(
            stage, repo.checklist_marks(1)))) for stage in services.guide.stages}
    for stage in services.guide.stages:
        for item in stage.checklist:
            expected = pdf[item.label]
            line = next(line for line in shown[stage.order].splitlines() if item.label in line)
            if expected.how == "proved":
                assert f"(d'après vos réponses, le {expected.done_on})" in line, line
            elif expected.how == "hand":
                assert f"(cochée à la main le {expected.done_on})" in line, line
            else:
                assert line.startswith("⬜") and "(" not in line.split(item.label, 1)[1], line
