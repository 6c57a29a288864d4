"""The conversation engine: one event in, one outcome out, in one database transaction."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from itertools import groupby
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Connection
from sqlalchemy import Engine as Database

from dialogs.budget import project_budget, subsidy_label
from dialogs.budget_typed import PartlyRead, read_lines, says_none
from dialogs.choices import (after_head, choice_clauses, match_choice, match_option, option_and_name, option_said_last,
                             options_mentioned, options_named, other_said, read_list, said_after_name, said_past_option,
                             says_added, says_where, with_details, with_other, without_means)
from dialogs.address import not_address_lines, without_parts
from dialogs.conditions import leaves
from dialogs.correction import Correction, corrected, likeness
from dialogs.checks import State, budget_missing, missing_required
from dialogs.loader import LoadedGuide
from dialogs.model import CHOICE_KINDS, OTHER, TYPED_KINDS, Equals, Kind, Question, Stage, Step, other_of
from dialogs.reminder_model import NUDGE, ReminderModel
from dialogs.folding import abbreviations, fold
from dialogs.schedule import (WEEKDAYS, closed_words, hours_among_words, parse_week, same_hours_as, total_minutes,
                              tour_lines)
from dialogs.parsing import (BACK, CLEAR, DEFER, DEFER_PARTNER, DEFER_PARTNERS, DRAFT, KEEP, MOVE_ON, NEW_PROJECT, NEXT,
                             SKIP, TEAM_HANDOVER, TEAM_INVITE, TEAM_LEAVE, DateInferred, ParseError, after_date,
                             after_partly_yes, button_typed, carried_apart, date_apart, day_alone, deadline_in,
                             doubt_apart, doubt_on_when, doubted_yes_no, doubts, each_of, figure_remarks, first_person,
                             from_json, how_reached_last, item_said_done, meeting_said, meeting_to_come, mentions,
                             month_alone, name_and_function, name_and_share, names_nothing, numbered_answer,
                             parse_answer, parse_date, parse_title, reads_as_shown, said_planned, said_serving,
                             said_yes_no, same_answer_as, same_then_said, says_awaited, says_none_of, shares_said,
                             spoken, statement_after_name, territory_said, text_and_count, to_json,
                             typed_at_checklist_stage, typed_at_deferred, typed_at_dossier, typed_at_menu,
                             typed_at_projects, typed_at_recap, typed_at_team, typed_button, typed_command,
                             typed_invitation, typed_validate, with_whom_before_date, with_whom_said, without_full_stop,
                             without_how_reached, word_said, yes_and_no, yes_but_to_do, yes_how, yes_in_part,
                             yes_no_because, yes_no_then, yes_then_plain, yes_told_more)
from dialogs.partners import partner_name
from dialogs.pasted import asides, contact_lines, in_typed_order, letter_parts, without_asides, without_lines
from dialogs.not_answers import asks_what_is_meant, says_goodbye, says_thanks
from dialogs.referentials import Referential, default_referential, partner_labels
from dialogs.ui import UiTexts
from states.buttons import Action, Payload, decode, shorten
from states.events import (CARD, EDITED, Button, Choice, Command, DocumentRequest, Edited, Event, Outcome, Replied,
                           Reply, Text, Unsupported)
from states.machine import FINISHED, ProjectMachine, goto_trigger
from states.progress import ANSWERED, DEFERRED, SKIPPED, ProjectView
from states import paste, repeats, taps
from states.replied import meant_among, which_question
from states.animation import Animation
from states.budget_desk import BUDGET_SCREEN, BUDGET_YEAR, BudgetDesk
from states.funders import asks_of_budget, budget_lines_shown, budgeted_options
from states.reminder_desk import COMMITTEE_DATE, REMINDERS_SCREEN, ReminderDesk, watched_questions
from states.reminder_plan import Planner
from states.reports import ONE_LINE_RUN, Reports, requirement_counts
from states.roles import ANSWERING, OWNER, PARTNER, allows_action, allows_command, usable
from states.referential_desk import ReferentialDesk
from states.renamed import another_name, answers_to_check, names_member
from states.team import TeamDesk
from states.unseen import ELSEWHERE, SCREENS_WITHOUT_QUESTION, acts_on_any_question
from store.db import write_transaction
from store.models import utcnow
from store.inbox import KEPT_FOR
from store.personal import erase_project, erase_user, erasure_plan
from store.reminders import ReminderStore
from store.repo import MembershipRow, ProjectRow, Repository, StoredAnswer, UserRow
from store.team import USED, VALID, Member, Team

COMMANDS = ("start", "menu", "avancement", "budget", "dossier", "conformite", "checklist", "a_traiter", "rappels",
            "projets", "equipe", "passage", "mes_donnees", "supprimer", "confidentialite", "aide")
# Answered with or without a project: they are about the user, not a project.
PERSONAL_COMMANDS = ("mes_donnees", "supprimer", "confidentialite")
EDIT_BUTTONS_PER_ROW = 5
RECAP_ITEMS_PER_MESSAGE = 40  # 8 rows of ✏️ buttons: well within Telegram's 100 buttons
# Kinds of answer no other question reads: typed too early, such an answer is kept for its question.
_ONLY_ITS_ANSWER = frozenset({Kind.ADDRESS, Kind.SIRET, Kind.TIME_RANGES})
# The next tap is the project's referential, chosen once its territory is given (membership.awaiting).
CHOOSING_REFERENTIAL = "referential"
# Before the rules are chosen, ↩️ Retour leads back: from the rules to the territory given (kept until another is
# typed), from the territory to the project's name (the same).
TERRITORY = "territory"
NAMING = "name"
SETTING_UP = frozenset({TERRITORY, NAMING})
RENAMING = "rename"  # membership.awaiting: the project's new name, asked from /projets by its owner
RESUME = "resume"  # membership.awaiting: "Voulez-vous continuer ?" is the last screen shown
MENU = "menu"  # membership.awaiting: the menu is the last screen shown; "5" or a stage's title opens that stage
DOSSIER = "dossier"  # membership.awaiting: /dossier is the last screen shown; "brouillon" or "oui" asks for it
PROJECTS = "projects"  # membership.awaiting: /projets is the last screen shown; a project's name opens it
TEAM = "team"  # membership.awaiting: /equipe is the last screen shown; "inviter…" is « ➕ Inviter quelqu'un »
CHECKLIST = "checklist"  # membership.awaiting: /checklist is the last screen shown; "3" opens stage 3's items
DEFERRED_LIST = "deferred"  # membership.awaiting: /a_traiter is the last screen shown; "2" is « ✏️ Répondre 2 »
# membership.awaiting: "later:<question's position>:<step's position, or termine>", a question opened from
# /a_traiter; once it is handled, the guide goes back to the state it left, and the list shows what is still left
# for later. Positions, not ids: the column holds 30 characters.
LATER = "later:"
# membership.awaiting: a stage's checklist, by its order, is the last screen shown; "tout est fait" ticks it all.
CHECKLIST_STAGE = "checklist:"
# Taps on the question opened from /a_traiter, which keep its way back; any other leaves it.
ANSWERING_TAPS = frozenset({Action.PICK, Action.TOGGLE, Action.VALIDATE, Action.KEEP, Action.CLEAR, Action.DATE_KEEP,
                            Action.SKIP, Action.DEFER})
# What the next text is for, not a date being typed.
SCREENS = frozenset({MENU, DOSSIER, PROJECTS, TEAM, CHECKLIST, DEFERRED_LIST, ELSEWHERE, REMINDERS_SCREEN})
# The screens whose words a reader may type: each does what a button the reader may tap does.
READING_SCREENS = frozenset({DOSSIER, PROJECTS, TEAM, CHECKLIST})
# The screens whose own words a text typed under them may be (the others are ELSEWHERE).
SCREEN_MARKERS = {"projects": PROJECTS, "team": TEAM, "checklist": CHECKLIST, "deferred": DEFERRED_LIST}
# A user's last activity is kept to the day: one write a day at most, plenty for an erasure counted in months.
ACTIVITY_RESOLUTION = timedelta(days=1)


class Engine:
    def __init__(self, referentials: dict[str, Referential], ui: UiTexts, database: Database,
                 reminders: ReminderModel, zone: ZoneInfo, clock: Callable[[], datetime] = utcnow,
                 admins: frozenset[int] = frozenset()) -> None:
        """`referentials`: what projects are checked against, by id (dialogs/referentials/); `admins`: the Telegram
        ids of the network's animators (ADMIN_USER_IDS), who get /animation."""
        self.referentials = referentials
        self.default = default_referential(referentials)
        self.guide = self.default.guide  # the stages and steps every referential shares
        self.ui = ui
        self.database = database
        self.reminders = reminders
        self.planner = Planner(reminders, zone)
        self._planners: dict[str | None, Planner] = {None: self.planner}
        self.watched = watched_questions(reminders)
        self.clock = clock
        self.zone = zone
        self.machines = {key: ProjectMachine(r.guide) for key, r in referentials.items()}
        self.partner_labels = partner_labels(referentials)
        self.partner_names = partner_labels(referentials, in_sentence=True)
        self.admins = admins
        # Makes an invitation link from its token; set by the Telegram front end once it knows the bot's name.
        self.invite_link: Callable[[str], str] | None = None
        self.animation = Animation(referentials, reminders, ui.animation, zone)

    def handle(self, event: Event, record: Callable[[Connection, Outcome], None] | None = None) -> Outcome:
        """Process one event; everything it changed is committed before this returns.

        `record` writes what the outcome will send (the front end's outbox) in the same transaction.
        """
        with write_transaction(self.database) as connection:
            repo = Repository(connection, clock=self.clock)
            repo.lock_chat(event.sender.user_id)  # private chats: the chat is the user
            if event.update_id is not None:
                if not repo.claim_update(event.update_id, self.clock()):
                    return Outcome()
            conversation = _Conversation(self, repo, repo.user(event.sender.user_id, event.sender.name))
            outcome = conversation.handle(event)
            conversation.save()
            if conversation.membership is not None and conversation.membership.role != OWNER:
                outcome = replace(outcome, replies=[replace(r, buttons=usable(conversation.membership.role, r.buttons))
                                                    for r in outcome.replies])
            if conversation.about_project and conversation.user.projects > 1 and conversation.project is not None:
                outcome = replace(outcome, project=conversation.project.name)  # which project a reply is about
            if record is not None:
                record(connection, outcome)
            return outcome

    def planner_of(self, territory: str | None) -> Planner:
        """A project's calendar: its territory's own (outre-mer, Alsace-Moselle: dialogs/reminders.yaml,
        local_calendars), else the bot's; worked out once per territory, since every answer asks it for its "today"."""
        if territory not in self._planners:
            local = self.reminders.local_calendar(territory)
            zone = ZoneInfo(local.zone) if local is not None and local.zone is not None else self.zone
            self._planners[territory] = Planner(self.reminders, zone, self.reminders.public_holidays(local))
        return self._planners[territory]

    def project_planner(self, connection: Connection, project_id: int) -> Planner:
        """The planner on the project's clock, for the reminder queue planning a recurring reminder again."""
        return self.planner_of(Repository(connection, clock=self.clock).project(project_id).territory)

    def plan_reminders(self, connection: Connection, project_id: int) -> None:
        """Plan a project's reminders again for its members' roles, outside any conversation (a project handed
        over to a new owner by the inactivity sweep), in the caller's transaction."""
        repo = Repository(connection, clock=self.clock)
        project = repo.project(project_id)
        if project.territory is None:
            return  # still being created: its reminders are planned once it has its territory
        guide = self.referentials[project.referential].guide
        store = ReminderStore(connection)
        planner = self.planner_of(project.territory)
        facts = planner.facts(ProjectView(guide, repo.answers(project_id)).values, store.committees(project_id),
                              project.state not in guide.step_index)
        planner.sync(store, project_id, facts, self.clock())


@dataclass(frozen=True)
class _Turn:
    """What the machine's conditions see."""

    view: ProjectView
    question: Question | None

    def step_complete(self, step_id: str) -> bool:
        return self.view.step_complete(step_id)


class _Conversation:
    def __init__(self, engine: Engine, repo: Repository, user: UserRow) -> None:
        self.engine = engine
        self.ui = engine.ui
        self.repo = repo
        self.user = user
        found = repo.membership(user.id, user.active_project_id) if user.active_project_id else None
        loaded_user = replace(user)
        if found is None and user.projects:  # the active project was deleted, or the user removed from it
            user.active_project_id = repo.projects(user.id)[0][0].id
            found = repo.membership(user.id, user.active_project_id)
        self.membership, self.project = found if found else (None, None)
        self._loaded = (loaded_user, found and replace(found[0]), found and replace(found[1]))
        self._view: ProjectView | None = None
        self.now = engine.clock()
        self._calendar_moved = False
        self._stored: set[str] = set()  # the questions this event gave a new version of
        self._names_replaced: list[tuple[Question, str]] = []  # names answered anew for another one, with the former
        self._recorded: str | None = None  # the question this event answered, if any
        self._handled: str | None = None  # the question this event answered, passed or left for later, if any
        self._message_id: int | None = None  # the Telegram message of the text being answered, if any
        self._asked: str | None = None  # the question the last reply built asks
        self._asking: int | None = None  # the position of the question whose screen is being built
        self.about_project = True  # the replies concern the active project (named when the user has several)
        self.erased = False  # the user was erased by this event: nothing of them is written back

    def save(self) -> None:
        """Write back what the event changed: the user, the membership, the project, its reminders."""
        if self.erased:
            return
        user, membership, project = self._loaded
        if self.user != user:
            self.repo.save_user(self.user)
        if self.membership is not None and self.membership != membership:
            self.repo.save_membership(self.membership)
        if self.project is not None and self.project != project:
            self.repo.save_project(self.project)
            self._remind()

    def _remind(self) -> None:
        """Keep the project's reminders in line with what just changed; any change postpones the nudge."""
        if self._calendar_moved or self.project.state not in self.guide.step_index:
            self._desk_for_reminders().sync()  # a finished guide needs no nudge: planning drops it
            return
        planner = self._planner
        if ReminderStore(self.repo.connection).bump_nudge(self.project.id, planner.nudge(self.now).due_at):
            return
        if self.project.territory is not None and planner.enabled(self.membership.reminder_settings, self.membership.role)[NUDGE]:
            self._desk_for_reminders().sync()  # no nudge waiting: first activity, or the last one was sent

    # ---- dispatch

    def handle(self, event: Event) -> Outcome:
        outcome = self._handle(event)
        if self.membership is not None and not self.erased and outcome.replies:  # what their next text answers
            self.membership.asked_question = self._asked if outcome.replies[-1].template == "question" else None
        if not self._names_replaced:
            return outcome
        notes = [Reply("notice", {"text": self.ui.notices.identity_changed.format(
            after=self.view.values[question.id], before=before, answers=answers)})
            for question, before in self._names_replaced
            if (answers := answers_to_check(question, self.view, self._stored))]
        return replace(outcome, replies=[*outcome.replies[:-1], *notes, *outcome.replies[-1:]])  # before what's next

    def _handle(self, event: Event) -> Outcome:
        self._seen()
        if isinstance(event, Text) and (name := typed_command(event.text, COMMANDS)) is not None:
            event = Command(event.sender, name, update_id=event.update_id)  # "aide" is asked, not an answer
        elif isinstance(event, Text) and (token := typed_invitation(event.text)) is not None:
            event = Command(event.sender, "start", token, update_id=event.update_id)  # the link pasted, not opened
        elif isinstance(event, Text) and event.card is not None and not self._asks_a_person():
            event = Unsupported(event.sender, CARD, update_id=event.update_id)  # a name no question asks for
        if self.user.inactive_since is not None:  # back after blocking the bot: their reminders resume
            ReminderStore(self.repo.connection).resume_user(self.user.id)
            self.user.inactive_since = None
            # Written now, not at the end: reminders planned during this event must not start on hold.
            self.repo.save_user(self.user)
            self._loaded = (replace(self.user), *self._loaded[1:])
        if isinstance(event, Command) and event.name == "animation" and self.user.id in self.engine.admins:
            self.about_project = False
            return Outcome([self.engine.animation.overview(self.repo, self.now)])
        personal = self._personal(event) or self._invitation(event)
        if personal is not None:
            return personal
        if self.project is None or not self._settled():
            return self._noted(event, self._onboarding(event))
        if self.user.creating_project:
            naming = self._naming_project(event)
            if naming is not None:
                return naming
        if self.membership.awaiting == CHOOSING_REFERENTIAL:
            return self._noted(event, self._choosing(event))
        self._forget_earlier_input(event)
        if isinstance(event, Command):
            return self._shown(self._command(event.name))
        if isinstance(event, Choice):
            return self._shown(self._tap(event))
        if isinstance(event, Text):
            return self._shown(self._text_message(event))
        if isinstance(event, Edited):
            return self._edited(event)
        if isinstance(event, Unsupported):
            return self._not_taken(event)
        raise TypeError(event)

    def _shown(self, outcome: Outcome) -> Outcome:
        """Notes a screen without the guide's question as the last one shown (nothing else waiting for a text)."""
        shown = outcome.replies[-1].template if outcome.replies else None
        if shown in SCREENS_WITHOUT_QUESTION and self.membership is not None and self.membership.awaiting is None:
            self.membership.awaiting = SCREEN_MARKERS.get(shown, ELSEWHERE)
            if shown == "checklist_stage":
                self.membership.awaiting = f"{CHECKLIST_STAGE}{outcome.replies[-1].values['order']}"
        return outcome

    def _not_taken(self, event: Unsupported | Edited) -> Outcome:
        """What the bot cannot take, said; then what it was waiting for, asked again."""
        return Outcome([self._unsupported(event), *self._again()])

    def _again(self) -> list[Reply]:
        """What the bot was waiting for, asked again after a message that did not give it."""
        if self.membership.awaiting == COMMITTEE_DATE:
            return [self._desk_for_reminders().ask_date()]
        if self.membership.awaiting == RENAMING:
            return [self._ask_new_name()]
        return self._proceed()

    def _unsupported(self, event: Unsupported | Edited) -> Reply:
        return Reply("unsupported", {"what": EDITED if isinstance(event, Edited) else event.what})

    def _noted(self, event: Event, outcome: Outcome) -> Outcome:
        """What the bot cannot take (a sticker, an edited message) is said before the question comes again."""
        if not isinstance(event, (Unsupported, Edited)):
            return outcome
        return replace(outcome, replies=[self._unsupported(event), *outcome.replies])

    def _onboarding(self, event: Event) -> Outcome:
        """Newcomer: welcome, then the project's name, then its territory."""
        if isinstance(event, Command) and event.name == "aide":  # then what the guide waits for, asked again
            asked = (Reply("ask_name", {"current": None}) if self.user.creating_project and self.project is None
                     else self._setup_screen() if self.project is not None else None)
            return Outcome([Reply("help"), *([asked] if asked else [])])
        if self.project is not None and self.user.projects > 1:
            # A new project waiting for its territory: the user may still go back to another one.
            if isinstance(event, Command) and event.name == "projets":
                return Outcome([self._projects()])
            payload = decode(event.data) if isinstance(event, Choice) else None
            if payload is not None and payload.project_id == self.project.id and payload.action in Action.PROJECT_FLOW:
                return self._project_action(payload)
        if self.project is not None:
            return self._setting_up(event)
        if isinstance(event, Text) and self.user.creating_project:
            return self._create_project(event.text)
        return Outcome([self._welcome()])

    def _welcome(self) -> Reply:
        """The start for someone without a project: the next text is the new project's name."""
        self.user.creating_project = True
        return Reply("welcome", {"name": self.user.name})

    def _create_project(self, text: str) -> Outcome:
        try:
            name = parse_title(spoken(text))
        except ParseError as error:
            return Outcome([self._invalid(error), Reply("ask_name", {"current": None})])
        ref = self.engine.default  # until the team chooses, once the territory is given
        self.membership, self.project = self.repo.create_project(
            self.user, name, ref.id, ref.meta.version, self.engine.machines[ref.id].initial)
        self._loaded = (replace(self.user), replace(self.membership), replace(self.project))
        if (territory := territory_said(spoken(text))) is not None:  # "Nom du projet : … – Territoire : …"
            territory, count = self._territory_counted(territory)
            self.project.territory = territory
            self._touch()
            self.membership.awaiting = CHOOSING_REFERENTIAL
            created = self.ui.notices.project_created.format(name=name, territory=territory)
            return Outcome([Reply("notice", {"text": created}), *self._count_noted(count),
                            self._referentials().choice()])
        carried = carried_apart(spoken(text))[1]  # "…, portée par notre association": the carrier is asked later
        return Outcome([self._ask_territory(created=True, unkept=[carried] if carried else None)])

    def _setting_up(self, event: Event) -> Outcome:
        """The project's territory, or its name again after ↩️ Retour; ↩️ Retour from the name keeps it."""
        naming = self.membership.awaiting == NAMING
        back, keep = self._setup_tap(event, Action.BACK), self._setup_tap(event, Action.KEEP)
        if back is False or keep is False:
            return Outcome(notice=self.ui.notices.already_done)
        if back or (keep and naming):
            self.membership.awaiting = (TERRITORY if self.project.territory else None) if naming else NAMING
            self._touch()
            return Outcome([self._setup_screen()])
        if keep and self.membership.awaiting == TERRITORY:
            self.membership.awaiting = CHOOSING_REFERENTIAL  # the territory given before, kept
            self._touch()
            return Outcome([self._referentials().choice()])
        if isinstance(event, Text):
            return self._name_typed_again(event.text) if naming else self._set_territory(event.text)
        return Outcome([self._setup_screen()])

    def _setup_tap(self, event: Event, action: str) -> bool | None:
        """True for ↩️ Retour (Action.BACK) or ✅ Garder (Action.KEEP), tapped or typed; False for a tap already
        taken into account; else None."""
        if isinstance(event, Text):
            return True if button_typed(event.text) == {Action.BACK: BACK, Action.KEEP: KEEP}[action] else None
        payload = decode(event.data) if isinstance(event, Choice) else None
        if payload is None or payload.project_id != self.project.id or payload.action != action:
            return None
        return payload.revision == self.project.revision

    def _name_typed_again(self, text: str) -> Outcome:
        """The project's name typed again from the territory's ↩️ Retour; then the territory, as it was."""
        try:
            self.project.name = parse_title(spoken(text))
        except ParseError as error:
            return Outcome([self._invalid(error), self._setup_screen()])
        self.membership.awaiting = TERRITORY if self.project.territory else None
        self._touch()
        return Outcome([Reply("notice", {"text": self.ui.notices.name_corrected.format(name=self.project.name)}),
                        self._setup_screen()])

    def _set_territory(self, text: str) -> Outcome:
        text = spoken(text)
        if (correction := corrected(text)) is not None:  # "pardon, je voulais dire…": the name just given
            return self._rename(correction)
        territory, count = self._territory_counted(text)
        try:
            self.project.territory = parse_title(territory, territory=True)
        except ParseError as error:
            return Outcome([self._invalid(error), self._ask_territory()])
        self._touch()
        self.membership.awaiting = CHOOSING_REFERENTIAL
        return Outcome([*self._count_noted(count), self._referentials().choice()])

    def _territory_counted(self, text: str) -> tuple[str, tuple[Question, Any, list[str]] | None]:
        """"commune nouvelle de Val-de-Bonnieure, 3 200 habitants": the territory, and the count it was said with
        for the question asking it (the population), not answered yet, with what the count does not keep; the text
        and None otherwise."""
        then = self.guide.territory_count
        if then is None or self.view.status(then.id) == ANSWERED or (said := text_and_count(text, then.unit)) is None:
            return text, None
        try:
            return said[0], (then, parse_answer(then, said[1], self._today()), figure_remarks(then, said[1]))
        except ParseError:
            return text, None

    def _count_noted(self, count: tuple[Question, Any, list[str]] | None) -> list[Reply]:
        """The count a territory was said with, answered and said back, with what it does not keep."""
        if count is None:
            return []
        then, value, unkept = count
        return [self._answered_along(then, value, self.guide.step_of_question[then.id].id, unkept=unkept)]

    def _rename(self, correction: Correction) -> Outcome:
        """The project's name corrected while its territory is asked."""
        if not correction.right:
            return Outcome([Reply("notice", {"text": self.ui.notices.name_correction}), self._ask_territory()])
        try:
            self.project.name = parse_title(correction.applied_to(self.project.name))
        except ParseError as error:
            return Outcome([self._invalid(error), Reply("notice", {"text": self.ui.notices.name_correction}),
                            self._ask_territory()])
        self._touch()
        return Outcome([Reply("notice", {"text": self.ui.notices.name_corrected.format(name=self.project.name)}),
                        self._ask_territory()])

    def _relocate(self, correction: Correction) -> Outcome:
        """The territory corrected while the rules are asked; said without the right one, it is asked again."""
        try:
            territory = parse_title(correction.applied_to(self.project.territory), territory=True) \
                if correction.right else None
        except ParseError as error:
            return Outcome([self._invalid(error), self._referentials().choice(again=True)])
        self.project.territory = territory
        self._touch()
        if territory is None:
            self.membership.awaiting = None
            return Outcome([self._ask_territory()])
        return Outcome([Reply("notice", {"text": self.ui.notices.territory_corrected.format(territory=territory)}),
                        self._referentials().choice()])

    def _choosing(self, event: Event) -> Outcome | None:
        """The project's rules, chosen before its first step; only help and the other projects come first."""
        if isinstance(event, Command) and event.name == "aide":
            return Outcome([Reply("help"), self._referentials().choice(again=True)])
        if isinstance(event, Command) and event.name == "projets":
            return Outcome([self._projects()])
        payload = decode(event.data) if isinstance(event, Choice) else None
        target = None
        if payload is not None and payload.project_id == self.project.id:
            if payload.action in Action.PROJECT_FLOW:
                return self._project_action(payload)
            if payload.action == Action.REFERENTIAL_CHOOSE:
                target = self._referentials().target(payload.arg)
        if (back := self._setup_tap(event, Action.BACK)) is False or self._setup_tap(event, Action.KEEP) is False:
            return Outcome(notice=self.ui.notices.already_done)  # ↩️ Retour or ✅ Garder tapped again
        if back:  # the territory asked again, kept until another is typed
            self.membership.awaiting = TERRITORY
            self._touch()
            return Outcome([self._setup_screen()])
        if isinstance(event, Text):  # "les règles en vigueur", typed instead of tapped
            if (correction := corrected(spoken(event.text))) is not None:  # the territory just given, corrected
                return self._relocate(correction)
            target = self._referentials().typed(spoken(event.text))
        if target is None:
            return Outcome([self._referentials().choice(again=True)])
        self._follow(target)
        self.membership.awaiting = None
        return Outcome([Reply("project_ready", self._project_values() | self._local_calendar()), *self._enter_step()])

    def _local_calendar(self) -> dict[str, Any]:
        """What a territory's own calendar changes, told once the project is set up: its clock, its holidays."""
        local = self.engine.reminders.local_calendar(self.project.territory)
        own = self._planner.holidays.own(self._today())
        return {"local": local.name if local else None,
                "local_time": local is not None and local.zone not in (None, self.engine.zone.key),
                "local_holidays": [{"name": name, "date": day} for day, name in own]}

    def _command(self, name: str) -> Outcome:
        if self.membership.budget_pending is not None or self._typing():
            self.membership.budget_pending = None  # a command leaves the line or date being typed
            self._touch()
        self.membership.awaiting = None
        if name in COMMANDS and not allows_command(self.membership.role, name):
            return Outcome([self._not_allowed(), *self._proceed()])
        if name == "equipe":
            return Outcome([self._team().summary()])
        if name == "passage":
            return Outcome([self._referentials().passage()])
        if name == "budget":
            return Outcome([self._desk().summary()])
        if name == "dossier":
            return Outcome([self._dossier_choice()])
        if name == "start":
            if self.membership.role in ANSWERING:
                self.membership.awaiting = RESUME  # "oui" is « ▶️ Continuer », "non" a pause: no answer
            return Outcome([Reply("resume", self._project_values(),
                                  [[self._button(self.ui.buttons.resume, Action.RESUME)],
                                   [self._button(self.ui.buttons.menu, Action.MENU)]])])
        if name == "menu":
            return Outcome([self._menu()])
        if name == "avancement":
            return Outcome([self._progress()])
        if name == "aide":
            return Outcome([self._help()])
        if name == "conformite":
            return Outcome([self._reports().conformity()])
        if name == "checklist":
            return Outcome([self._reports().checklist(self.repo.checklist_marks(self.project.id))])
        if name == "a_traiter":
            return Outcome([self._reports().deferred()])
        if name == "rappels":
            return Outcome([self._desk_for_reminders().summary()])
        if name == "projets":
            return Outcome([self._projects()])
        return Outcome([Reply("unknown_command", {"command": name, "commands": COMMANDS}), *self._proceed()])

    def _text(self, text: str) -> Outcome:
        # The question on the member's screen, read by the event's own text only: what a correction or a list goes
        # on to answer through this method again is this event's doing.
        asked_id, self.membership.asked_question = self.membership.asked_question, None
        if self.membership.role not in ANSWERING and not (self._partner and self._partner_asked()):
            reading = self.membership.awaiting in READING_SCREENS  # "brouillon" under /dossier: what its button does
            if reading and (under_screen := self._typed_at_screen(text)) is not None:
                return under_screen
            if self._partner:  # its part given: nothing is asked of it
                return Outcome(self._proceed())
            return Outcome([self._not_allowed(typed=True), *self._proceed()])
        if says_goodbye(text):  # "stop", "à demain": nothing to record; the question waits for them
            return Outcome([Reply("pause")])
        if says_thanks(text):  # "merci" answers no question: the one waiting comes again, in sight
            if self.membership.awaiting == ELSEWHERE:
                self.membership.awaiting = None
            return Outcome([Reply("notice", {"text": self.ui.notices.thanks}), *self._again()])
        if self.membership.awaiting == COMMITTEE_DATE:
            self._touch()
            return Outcome(self._desk_for_reminders().text(text))
        if self.membership.awaiting == RENAMING:
            return self._renamed(text)
        if self.membership.awaiting == BUDGET_YEAR:
            return self._budget_year(text)
        if self.membership.budget_pending is not None:
            return self._desk().text(text)
        if (correction := corrected(text)) is not None and correction.adds and correction.right \
                and self.membership.draft_choices and self.membership.draft_question == asked_id:
            text, correction = correction.right, None  # "et aussi une imprimante" under ticks to validate: more ticks
        if correction is not None:  # "pardon, je voulais dire…"
            if (last := self._last_answer()) is not None:
                return self._corrected(*last, correction)
            if not correction.right:  # nothing of theirs to correct: the question in course, asked again
                return Outcome(self._again())
            text = correction.right  # nothing answered yet: the right answer is this question's
        if (under_screen := self._typed_at_screen(text)) is not None:
            return under_screen
        step = self._step()
        question = self._current(step) if step is not None else None
        if asked_id is not None and asked_id not in self.guide.questions:  # the rules changed: it is asked no more
            return Outcome([Reply("notice", {"text": self.ui.notices.moved_meanwhile}), *self._again()])
        if (asked := self._asked_meanwhile(asked_id, question)) is not None:
            return self._answer_asked(asked, text)
        if step is None:
            return Outcome(self._proceed())
        if question is not None and question.person and (contacts := contact_lines(text)) \
                and (kept := without_lines(text, contacts)):
            return self._without(kept, contacts, self.ui.notices.contacts_unkept)
        if question is not None and question.kind is Kind.ADDRESS and (unkept := not_address_lines(text)) \
                and (kept := without_parts(text, unkept)):
            return self._without(kept, unkept, self.ui.notices.address_lines_unkept)
        if question is not None and question.kind in (Kind.SHORT_TEXT, Kind.LONG_TEXT) and not question.person \
                and (letter := letter_parts(text))[1]:  # an e-mail forwarded: its greeting and signature, not kept
            return self._without(*letter, self.ui.notices.letter_unkept)
        if question is not None and question.kind in (Kind.SHORT_TEXT, Kind.LONG_TEXT) and not question.person \
                and (same := same_then_said(text)) is not None:  # "idem, logements vacants…": the dossier prints
            return self._without(same[1], [same[0]], self.ui.notices.same_unkept)  # each answer alone
        unseen = self.membership.awaiting == ELSEWHERE  # the question is out of sight: the answer says which it is
        if unseen:
            self.membership.awaiting = None
            if question is not None and acts_on_any_question(question, text):
                return Outcome([Reply("notice", {"text": self.ui.notices.out_of_sight}), self._ask(question)])
        if question is None:
            if unseen:  # "ok" said to /avancement is no « Étape suivante », "3" no « ✏️ 3 »
                return Outcome([Reply("notice", {"text": self.ui.notices.recap_out_of_sight}), *self._recap(step)])
            return self._typed_at_recap(step, text)
        outcome = self._typed_answer(step, question, text, unseen)
        if unseen and outcome.replies and outcome.replies[0].template == "understood":
            said = outcome.replies[0].values
            named = said if "question" in said else said | {"question": self.view.prompt(question)}
            return replace(outcome, replies=[replace(outcome.replies[0], values=named), *outcome.replies[1:]])
        return outcome

    def _typed_answer(self, step: Step, question: Question, text: str, unseen: bool) -> Outcome:
        """A text typed at the question in course: a button's words, or its answer, recorded and said back."""
        meant = typed_button(question, text)
        if meant == DEFER and question.kind is Kind.DATE and self._reads_as(question, text):
            meant = None  # "pas encore, ce sera au conseil du 14 janvier": the date planned, which is asked
        if meant == DEFER and asks_what_is_meant(text):  # "je ne sais pas trop, qu'entendez-vous par là ?"
            meant = None
        stored = self.view.answers.get(question.id)
        if meant in (KEEP, CLEAR) and stored is not None and stored.status == ANSWERED:
            return self._typed(self._keep() if meant == KEEP else self._clear())
        if meant in (DEFER_PARTNER, DEFER_PARTNERS):
            every = meant == DEFER_PARTNERS
            return self._typed(self._defer_partner(every) if len(self._partner_left(question, every)) > 1
                               else self._skip(DEFERRED))
        if meant == MOVE_ON:  # "étape suivante" typed at a question: ticks validated, an answer kept, or passed
            if question.kind is Kind.MULTI and self._draft(question):
                return self._typed(self._validate(None))
            if question.required and (stored is None or stored.status != ANSWERED):
                return Outcome([self._invalid(ParseError("question.move_on"), question), self._ask(question)])
            return self._typed(self._skip(SKIPPED))
        if meant in (SKIP, DEFER, BACK):
            return self._typed(self._back() if meant == BACK else self._skip(SKIPPED if meant == SKIP else DEFERRED))
        if says_none_of(question, text):  # "aucun": what « ⏭️ Passer » does, or « 🗑 Effacer » for an answer
            answered = stored is not None and stored.status == ANSWERED
            return self._typed(self._clear() if answered else self._skip(SKIPPED))
        if asks_what_is_meant(text):  # "c'est quoi le tissu urbain ?" is no answer: what the fiche asks, said
            return Outcome([self._puzzled(step, question), self._ask(question)])
        if (still := self._still_exact(step, question, text)) is not None:
            return still
        if question.kind in (Kind.MULTI, Kind.BUDGET) and typed_validate(text):
            if question.kind is Kind.BUDGET and not self._budget_lines(question):  # "ok" after a line refused
                return Outcome([Reply("notice", {"text": self.ui.notices.budget_ok_empty}), self._ask(question)])
            return self._typed(self._validate(None))  # "ok" under the options ticked: what « ✅ Valider » does
        if question.kind is Kind.BUDGET:
            return self._typed_budget(question, text)
        # A name is any text, an option may be said with more words, "Autre (…)" names the option with its words:
        # what follows is set apart first.
        if (question.also_answers is not None or (question.kind in (Kind.CHOICE, Kind.MULTI) and other_said(text))) \
                and (taken := self._said_with_more(step, question, text)) is not None:
            return taken
        if (named := self._named_again(step, question, text)) is not None:
            return named
        if question.kind is Kind.TIME_RANGES and (week := self._week(step, question, text)) is not None:
            return week
        if question.kind is Kind.TIME_RANGES and (closed := self._closed_day(step, question, text)) is not None:
            return closed
        unkept: list[str] | None = None  # what an answer was said with that the question does not keep: said so
        typed, text = text, self._with_month_asked(question, text)  # "le 6", after « Il me faut aussi le jour »
        try:
            copied = self._hours_as_said(step, question, text) if question.kind is Kind.TIME_RANGES \
                else self._as_said_before(step, question, text)
            value = parse_answer(question, text, self._today()) if copied is None else copied
        except ParseError as error:
            if question.kind is Kind.YES_NO and yes_but_to_do(text):  # a yes in part, asked again
                return self._refusal(question, text, error)
            if (taken := self._said_with_more(step, question, text)) is not None:
                return taken
            if question.kind is Kind.YES_NO and (dated := self._date_for_yes_no(step, question, text)) is not None:
                return dated
            # "oui par mail", "oui, avec l'ANCT" (the question's words): a yes, said back; "pas encore, on attend
            # les élections", "oui, un coin près de l'accueil": the no or yes, and what is not kept, said back
            if question.kind is Kind.YES_NO and yes_how(text, self.view.prompt(question)):
                value = True  # "oui, il s'est réuni le 3 novembre": what the yes does not keep, said
                unkept = [more] if (more := yes_told_more(text, self.view.prompt(question))) else None
            elif question.kind is Kind.YES_NO and (because := yes_no_because(text, self.view.prompt(question))) \
                    is not None:
                value, unkept = because[0], [because[1]]
            elif question.kind is Kind.YES_NO and (dated := yes_no_then(text)) and dated[0] and doubt_on_when(dated[1]):
                value, unkept = dated[0], [dated[1]]  # "oui bien sûr, le premier le 16 mars, à confirmer": the date's
                # doubt, not the yes's, its date asked in its own step
            elif question.kind is Kind.YES_NO and (plain := yes_then_plain(text, self.view.prompt(question))):
                value, unkept = True, [plain]  # "oui, une seule demande comme l'a expliqué la préfecture"
            elif question.kind is Kind.YES_NO and (said_planned(text, self.view.prompt(question))
                                                   or said_serving(text, self.view.prompt(question))):
                value, unkept = True, [text.strip()]  # "inauguration prévue…", "le bureau … servira aussi pour ça"
            elif question.kind is Kind.TIME_RANGES and error.key != "time_ranges.alternate" and (
                    among := self._hours_among(step, question, text)):  # not "9h-12h une semaine sur deux"
                return among
            else:
                return self._refusal(question, text, error)
        notes: list[Reply] = []
        if question.kind is Kind.MULTI and copied is None:  # "personnes de passage (orpailleurs…)": the ticks only
            value = self._with_ticked(question, value, text)
            unkept, notes, said_of = self._list_said(question, text)
            described, covered = self._described_later(step, question, value, said_of)
            unkept = [detail for detail in unkept or [] if not any(detail in words for words in covered)] or None
            notes += described  # "…: Royère le mardi, Pontarion un vendredi sur deux": each part kept there
            if unkept:  # "…, via l'outil de l'ANCT": the tool asked next
                unkept, later = self._details_answering_later(step, question, value, unkept)
                notes += later
        if question.kind is Kind.CHOICE and copied is None:  # "envoyée le 3 mars", "décision reçue, labellisée…"
            unkept, notes = self._choice_said(step, question, value, text)
        if question.kind in (Kind.INTEGER, Kind.DECIMAL, Kind.EUROS) and copied is None:
            unkept = figure_remarks(question, text) or None  # "33 000 (recensement 2017)": the source is not kept
            if along := self._shares_along(step, question, text):  # "…, 0,6 pour l'accueil": the reception's share
                notes += [reply for reply, _ in along]
                unkept = [words for words in unkept or [] if words not in {said for _, said in along}] or None
        if question.kind is Kind.DATE and copied is None:
            unkept = doubts(text) or None  # "le 18 décembre (à confirmer)": the date is kept as sure
            if (whom := with_whom_before_date(text)) is not None:  # "avec le préfet et les maires, le 12 juin"
                unkept = [whom, *(unkept or [])]
        if question.kind is Kind.SHORT_TEXT and copied is None:
            unkept = [doubt] if (doubt := doubt_apart(text.strip())[1]) else None  # "CAF 43 (à vérifier)": so the name
            if question.person and (how := how_reached_last(text)):  # "…, par mail": how, not who
                unkept = [*(unkept or []), how]
            if question.person and (more := statement_after_name(text)):  # "…, les fiches de poste sont en cours"
                unkept = [*(unkept or []), more]
        if question.kind is Kind.LONG_TEXT and copied is None:  # a letter pasted: "…merci de compléter avant le 15"
            notes += self._deadline_along(step, question, value, text)
        if question.kind is Kind.YES_NO and unkept:  # "oui, … : dossier complet avant le 15 février"
            notes += self._deadline_along(step, question, value, unkept[0])
        if question.kind is Kind.YES_NO and copied is None:
            notes += self._said_of_each(step, question, value, text)
        if question.kind is Kind.DATE and self._unexpected_date(question, value):
            return Outcome([self._confirm_date(question, value)])
        if question.kind is Kind.DATE and copied is None and (after := after_date(text)) is not None:
            rest, along = self._hours_and_place_along(step, question, value, after)
            notes += along  # "le 28/01 de 14h à 16h à la mairie": the meeting's hours and place, asked next
            unkept = [*(words for words in unkept or [] if words not in after), *rest] or None
        # "15 mars", "hier": the date the guide took is shown, for the user to see it is the one meant.
        understood = []
        if isinstance(value, DateInferred):  # what it was said with, under the date shown: said once
            dated = {"date": value} | ({"unkept": unkept} if unkept else {})
            understood, unkept = [Reply("date_understood", dated)], None
        replies = self._answer(question, value)
        if self._recorded != question.id:
            return Outcome([*understood, *replies])
        said = {"answer": self._display(question, value)} | ({"unkept": unkept} if unkept else {})
        if unseen:
            understood.append(Reply("understood", said | {"question": self.view.prompt(question)}))
        elif copied is not None or unkept or (typed != text and not understood) \
                or not reads_as_shown(question, text, value):
            understood.append(Reply("understood", said))
        if question.kind in (Kind.SHORT_TEXT, Kind.LONG_TEXT) and (
                word := first_person(value)):  # "c'est moi qui coordonne", which the dossier prints as typed
            understood.append(Reply("notice", {"text": self.ui.notices.first_person.format(word=word)}))
        if question.kind in (Kind.SHORT_TEXT, Kind.LONG_TEXT) and (short := abbreviations(value)) \
                and not self._abbreviated_before(question):
            words = ", ".join(f"« {word} »" for word in short)
            understood.append(Reply("notice", {"text": self.ui.notices.abbreviated.format(words=words)}))
        return Outcome([*understood, *notes, *replies])

    def _abbreviated_before(self, question: Question) -> bool:
        """Whether another text of the project holds SMS spellings: the team was told then that they stay."""
        return any(isinstance(answer.value, str) and abbreviations(answer.value)
                   for question_id, answer in self.view.answers.items() if question_id != question.id)

    def _shown_with(self, step: Step, question: Question, value: Any) -> list[Question]:
        """The step's questions shown once `question` has this answer, before it is stored."""
        return self.view.with_answer(question.id, StoredAnswer(ANSWERED, to_json(question.kind, value),
                                                               question.kind.value)).visible_questions(step)

    def _details_answering_later(self, step: Step, question: Question, value: Any,
                                 details: list[str]) -> tuple[list[str] | None, list[Reply]]:
        """Of what a list said that its ticks do not keep, each naming one option of a choice further in the step,
        shown and not answered yet ("via l'outil de l'ANCT", the tool asked next): answered there, and said. The
        other details, and the replies saying so."""
        shown = self._shown_with(step, question, value)
        later = [q for q in shown[shown.index(question) + 1:]
                 if q.kind is Kind.CHOICE and self.view.status(q.id) != ANSWERED]
        kept, said = [], []
        for detail in details:
            named = [(q, option) for q in later
                     if (option := match_choice(q.options, without_means(detail))) not in (None, OTHER)]
            if len(named) != 1:
                kept.append(detail)
                continue
            then, option = named[0]
            said.append(self._answered_along(then, option, step.id))
            said += self._dated_along(step, question, value, then, detail)
        return kept or None, said

    def _hours_and_place_along(self, step: Step, question: Question, value: Any,
                               after: str) -> tuple[list[str], list[Reply]]:
        """What a date was said with ("à 14h30 à la mairie"), for the hours and the place the step asks next, shown:
        answered there, and said, an answer given before said replaced. What is left of it, as typed, and the
        replies saying so."""
        shown = self._shown_with(step, question, value)
        later = shown[shown.index(question) + 1:]
        hours = next((q for q in later if q.kind is Kind.TIME_RANGES and q.max == 1), None)
        place = next((q for q in later if q.kind is Kind.SHORT_TEXT and q.place), None)
        said = meeting_said(after, hours is not None, place is not None)
        along = []
        for then, answer in ((hours, said.hours), (place, said.place)):
            before = self.view.values.get(then.id) if then and self.view.status(then.id) == ANSWERED else None
            if answer is not None and to_json(then.kind, answer) != before:  # the same again: nothing to say
                along.append(self._answered_along(then, answer, step.id, replaced=before))
        return said.rest, along

    def _details_along(self, step: Step, question: Question, value: Any, text: str) -> Reply | None:
        """"accès au droit (CDAD de Mayotte), et la traduction": a list with an « Autre » saying more than its
        options' names, for its `also_answers` question too, as it is without an « Autre », when shown: answered
        there with the whole text, and said. None otherwise."""
        details = self.guide.questions.get(question.also_answers or "")
        if details is None or details not in self._shown_with(step, question, value):
            return None
        try:
            said = parse_answer(details, text, self._today())
        except ParseError:
            return None
        return self._answered_along(details, said, step.id)

    def _described_later(self, step: Step, question: Question, value: Any,
                         described: dict[str, str]) -> tuple[list[Reply], set[str]]:
        """What a list said of an option ("des permanences dans les écarts (Les Lianes, Vincendo)"), for the text
        question its `described_at` names, shown and not answered yet: answered there, and said. The replies saying
        so, and the details they keep, which the chat need not say are not kept."""
        shown = self._shown_with(step, question, value)
        said, covered = [], set()
        for option in question.options:
            then = self.guide.questions.get(option.described_at or "")
            if option.id not in described or not says_where(described[option.id]) or then not in shown \
                    or self.view.status(then.id) == ANSWERED:
                continue
            try:
                answer = parse_answer(then, described[option.id], self._today())
            except ParseError:
                continue
            said.append(self._answered_along(then, answer, step.id))
            covered |= {described[option.id], *asides(described[option.id])}
        return said, covered

    def _choice_said(self, step: Step, question: Question, value: Any, text: str) -> tuple[list[str] | None,
                                                                                          list[Reply]]:
        """What a single choice's answer said besides its option: a date for the date question it shows ("envoyée
        le 3 mars"), a clause naming an option of a choice further on, with its own date ("décision reçue,
        labellisée par arrêté du 12 septembre 2023": the decision, granted, and its date), the rest for a long text
        either shows ("…, refusée, les horaires restent sous 24 heures": the reasons), each answered there and said;
        the details left, for the chat to say they are not kept, and the replies saying what was answered."""
        head, details = choice_clauses(question.options, text)
        before = {q.id for q in step.questions if self.view.status(q.id) == ANSWERED}
        unkept, said = self._details_answering_later(step, question, value, details) if details else (None, [])
        by = {question.id} | {q.id for q in step.questions if self.view.status(q.id) == ANSWERED} - before
        # "décision reçue le 3 décembre : refusée": the head's date is the one the refusal shows, else the state's own
        dated = next((replies for then in step.questions if then.id in by - {question.id}
                      if (replies := self._dated_along(step, question, value, then, head))), None)
        # "redéposé le 3 décembre", once sent back: the new sending date
        again = self._dated_again(question, self.view.values.get(question.id), value)
        head_said = dated or self._dated_along(step, question, value, question, head, again)
        said = said + head_said if dated else head_said + said
        # "En discussion avec Mme Kerhervé", "le service informatique de Lannion-Trégor Communauté, …": the words
        # after the option's, unless they gave a date
        more = None if head_said else said_past_option(question.option(value), head)
        if unkept:
            rest = after_head(text, head) if unkept == details else ", ".join(unkept)
            if (described := self._described_along(step, question, value, rest, by)) is not None:
                return [more] if more else None, [*said, described]
            if unkept == details and len(details) > 1:  # quoted in one piece, as typed
                unkept = [rest]
        return [*([more] if more else []), *(unkept or [])] or None, said

    def _deadline_along(self, step: Step, question: Question, value: Any, text: str) -> list[Reply]:
        """The one bound a text sets ("merci de compléter avant le 15 janvier", "oui, … : dossier complet avant le 15
        février"), for the deadline asked further in the step and not answered yet: answered there, and said."""
        shown = self._shown_with(step, question, value)
        then = next((later for later in shown[shown.index(question) + 1:] if later.kind is Kind.DATE
                     and later.deadline), None) if question in shown else None
        if then is None or self.view.status(then.id) == ANSWERED \
                or (day := deadline_in(text, self._today())) is None or self._unexpected_date(then, day):
            return []
        return [self._answered_along(then, day, step.id)]

    def _described_along(self, step: Step, question: Question, value: Any, text: str,
                         by: set[str]) -> Reply | None:
        """"dossier incomplet, il manque la convention CAF": what a choice's answer says besides its option, for the
        long text that this answer, or one given along with it (`by`), shows further in the step, not answered yet
        (what the Préfecture asks for, the reasons of a refusal): answered there, and said. None when there is no
        such question."""
        shown = self._shown_with(step, question, value)
        then = next((q for q in shown[shown.index(question) + 1:] if q.kind is Kind.LONG_TEXT
                     and by & {leaf.question for leaf in leaves(q.when)} and self.view.status(q.id) != ANSWERED),
                    None)
        if then is None:
            return None
        return self._answered_along(then, text, step.id)

    def _dated_along(self, step: Step, question: Question, value: Any, answered: Question, text: str,
                     again: str | None = None) -> list[Reply]:
        """The one date `text` holds, for the date question that `answered` shows further in the step, not answered
        yet, or answered and `again` (the option left names it: "redéposé le 3 décembre", complete this time); said
        back. Nothing when there is no such question, no one date, or a date its timing doubts."""
        shown = self._shown_with(step, question, value)
        dated = self._dated(shown[shown.index(answered) + 1:], text, lambda then: (
            then.id == again or self.view.status(then.id) != ANSWERED)
            and answered.id in {leaf.question for leaf in leaves(then.when)})
        if dated is None or self._unexpected_date(dated, day := parse_answer(dated, text, self._today())):
            return []
        if self.view.values.get(dated.id) == to_json(dated.kind, day):
            return []
        return [self._answered_along(dated, day, step.id)]

    def _shares_along(self, step: Step, question: Question, text: str) -> list[tuple[Reply, str]]:
        """"…, 0,6 pour l'accompagnement et 0,6 pour l'accueil" at the accompaniment's full-time equivalents: the
        share said for another function, answered at its question of the step, and the words that said it."""
        along = []
        for figure, what, said in shares_said(text):
            then = next((q for q in step.questions if q.id != question.id and q.kind is question.kind
                         and self._stem(q) == self._stem(question) and mentions(self.view.prompt(q), fold(what))
                         and not mentions(self.view.prompt(question), fold(what))), None)
            try:
                value = parse_answer(then, figure, self._today()) if then is not None else None
            except ParseError:
                value = None
            if value is not None:
                along.append((self._answered_along(then, value, step.id), said))
        return along

    def _said_of_each(self, step: Step, question: Question, value: Any, text: str) -> list[Reply]:
        """"oui, les 2 seront formés" at « Le conseiller 1 est-il formé… ? »: the same answer for the step's other
        questions asked alike, shown and not answered yet, when the count said is all of them; said back."""
        if (count := each_of(text)) is None:  # most yeses say no count: the step's questions are not walked
            return []
        alike = [q for q in self.view.visible_questions(step) if q.id != question.id and q.kind is question.kind
                 and self._stem(q) == self._stem(question) and self.view.status(q.id) is None]
        if not alike or count != len(alike) + 1:
            return []
        return [self._answered_along(then, value, step.id) for then in alike]

    def _answered_along(self, then: Question, answer: Any, step_id: str, linked: bool = True,
                        unkept: list[str] | None = None, replaced: Any = None) -> Reply:
        """`then` answered by what a text typed for another question said of it: stored (`linked` to the message,
        for a reply to it to change it), and said back with what it does not keep, and the answer it `replaced`
        (stored form)."""
        self._store(then, ANSWERED, to_json(then.kind, answer), step_id, self._message_id if linked else None)
        return Reply("understood", {"question": self.view.prompt(then), "answer": self._display(then, answer)}
                     | ({"unkept": unkept} if unkept else {})
                     | ({"replaced": self._display(then, from_json(then.kind, replaced))} if replaced else {}))

    @staticmethod
    def _list_said(question: Question, text: str) -> tuple[list[str] | None, list[Reply], dict[str, str]]:
        """What a list typed at a multiple choice said that its ticks do not keep (what it said of an option
        included), why a name typed ticked several options ("la CGSS", outre-mer), and what it said of each option
        (ListRead.described)."""
        read = read_list(question, text)
        said_of = [words for option_id, words in read.described.items()  # "visio avec la CSSM", kept nowhere else;
                   if option_id != OTHER  # an « Autre »'s are its words
                   and not any(detail in words or words in detail for detail in read.details)]
        notes = [Reply("notice", {"text": note}) for note in read.notes]
        return in_typed_order(text, read.details + said_of) or None, notes, read.described

    def _puzzled(self, step: Step, question: Question) -> Reply:
        """What the fiche asks at this step, for a user who asked what the question means."""
        stage = self.guide.stage_of_step.get(step.id)  # none for a partner's own step
        return Reply("puzzled", {"step": step.title, "attention": step.attention,
                                 "buttons": question.kind in (Kind.CHOICE, Kind.MULTI, Kind.YES_NO),
                                 "fiche": f"{stage.fiche}, {step.fiche}" if stage else step.fiche})

    def _with_month_asked(self, question: Question, text: str) -> str:
        """A day typed alone right after a date's month was said without it ("début avril 2027", then "le 6"): the
        day of that month, kept on the member's draft of this question."""
        said = self.membership.draft_choices if self.membership.draft_question == question.id else None
        if question.kind is not Kind.DATE or not said or (day := day_alone(text)) is None:
            return text
        return " ".join((str(day), *said))

    def _refusal(self, question: Question, text: str, error: ParseError) -> Outcome:
        if question.kind is Kind.DATE and error.key == "date.no_day":  # its day asked: the month is kept for it
            self.membership.draft_question = question.id
            self.membership.draft_choices = [error.params["month"], *([str(error.params["year"])]
                                                                      if error.params.get("year") else [])]
            self._touch()
        if question.kind is Kind.YES_NO and yes_but_to_do(text):  # "oui…. les toilettes pmr sont à faire"
            error = ParseError("yes_no.partly")
        elif question.kind is Kind.YES_NO and (said := yes_no_then(text)) is not None:
            error = ParseError("yes_no.doubtful", words=said[1])  # "non, enfin oui": a doubt, not a detail
        elif question.kind is Kind.YES_NO and (doubt := doubted_yes_no(text)) is not None:
            error = ParseError("yes_no.doubtful", words=doubt)  # "je crois que oui mais à vérifier avec…"
        elif question.kind is Kind.YES_NO and yes_and_no(text):  # "le cahier des charges oui, les modèles pas encore"
            error = ParseError("yes_no.partly")
        elif question.kind is Kind.YES_NO and says_awaited(text):  # "on l'a demandée à la sous-préfecture"
            error = ParseError("yes_no.awaited")
        elif question.kind is Kind.YES_NO and (then := self._asked_if_yes(question, text)) is not None:
            self._store(then, ANSWERED, to_json(then.kind, after_partly_yes(text).strip()),
                        self.guide.step_of_question[then.id].id,
                        self._message_id)  # "la CAF et la commune sont partants": what a yes asks next, kept
            error = ParseError("yes_no.kept_if_yes", kept=self.view.prompt(then))
        elif question.kind is Kind.YES_NO and yes_in_part(text):  # "en partie, il m'a dit d'attendre…"
            error = ParseError("yes_no.partly")
        elif (later := self._answered_later(question, text)) is not None:
            then, value = later  # the carrier's address typed at its SIRET: kept for the address question
            self._store(then, ANSWERED, to_json(then.kind, value), self.guide.step_of_question[then.id].id,
                        self._message_id)
            error = ParseError(error.key, **error.params, later=self.view.prompt(then))
        described: list[Reply] = []
        if question.kind is Kind.MULTI and error.params.get("ticked"):
            error = self._tick_what_was_read(question, error)
            named = {number for number, _ in options_mentioned(question.options, text)}  # "une permanence MSA…"
            if question.also_answers is not None and error.params.get("ticked") and all(
                    number in named for number, _ in error.params.get("close", [])):
                error = self._details_kept(question, text, error)
            if error.params.get("ticked"):  # "…, et une permanence le mercredi matin à Saint-Angeau"
                described, _ = self._described_later(self.guide.step_of_question[question.id], question,
                                                     self.membership.draft_choices, read_list(question, text).described)
        return Outcome([self._invalid(error, question), *described, self._ask(question)])

    def _asked_if_yes(self, question: Question, text: str) -> Question | None:
        """The text question a yes shows next ("Qu'ont répondu les acteurs sondés ?"), not answered yet, when the
        text typed instead of the yes or no answers it; None otherwise."""
        step = self.guide.step_of_question[question.id]
        then = next((later for later in step.questions[step.questions.index(question) + 1:]
                     if any(isinstance(leaf, Equals) and leaf.question == question.id and leaf.equals is True
                            for leaf in leaves(later.when))), None)
        if then is None or then.kind not in (Kind.SHORT_TEXT, Kind.LONG_TEXT) or names_nothing(text) or (
                (stored := self.view.answers.get(then.id)) is not None and stored.status == ANSWERED):
            return None
        return then if self._reads_as(then, text) else None

    def _reads_as(self, question: Question, text: str) -> bool:
        """Whether the text reads as an answer to the question."""
        try:
            parse_answer(question, text, self._today())
        except ParseError:
            return False
        return True

    def _answered_later(self, question: Question, text: str) -> tuple[Question, Any] | None:
        """A question further in the step, shown and not answered yet, of a kind only its answer reads as (an
        address, a SIRET, hours), and its value, when the text refused here is that answer; None otherwise."""
        step = self.guide.step_of_question[question.id]
        for later in step.questions[step.questions.index(question) + 1:]:
            if later.kind not in _ONLY_ITS_ANSWER or later.kind is question.kind or not self.view.visible(later) or (
                    (stored := self.view.answers.get(later.id)) is not None and stored.status == ANSWERED):
                continue
            try:
                value = parse_answer(later, text, self._today())
            except ParseError:
                continue
            if value != []:  # "fermé", an opening day's hours, is no meeting's
                return later, value
        return None

    def _typed_at_screen(self, text: str) -> Outcome | None:
        """A text under the last screen shown that says what it is for: budget lines under /budget, a date under
        /rappels, "brouillon" under /dossier, "5" under the menu, a project's name under /projets, "inviter" under
        /equipe. None: it answers the guide's question."""
        screen = self.membership.awaiting or ""
        if screen.startswith(BUDGET_SCREEN):
            return self._desk().typed_at_screen(text)
        if screen.startswith(CHECKLIST_STAGE):
            order = int(screen.removeprefix(CHECKLIST_STAGE))
            stage = next(stage for stage in self.guide.stages if stage.order == order)
            self.membership.awaiting = None
            if (done := typed_at_checklist_stage(text)) is None and allows_action(self.membership.role, Action.TICK):
                marks = self.repo.checklist_marks(self.project.id)  # "la charte c'est fait": that action ticked
                undone = [item for item in self._reports().by_hand(stage, marks) if not marks.get(item.id, False)]
                if (said := item_said_done([item.label for item in undone], text)) is not None:
                    return self._tick(Payload(self.project.id, None, Action.TICK,
                                              self.guide.checklist.index(undone[said])))
            if done is None or not allows_action(self.membership.role, Action.TICK_ALL):
                self.membership.awaiting = ELSEWHERE
                return None
            return Outcome([self._ticked_all(stage, done)])
        read = {REMINDERS_SCREEN: self._typed_at_reminders, DOSSIER: self._typed_at_dossier,
                MENU: self._typed_at_menu, PROJECTS: self._typed_at_projects, TEAM: self._typed_at_team,
                CHECKLIST: self._typed_at_checklist, DEFERRED_LIST: self._typed_at_deferred,
                RESUME: self._typed_at_resume}.get(screen)
        if read is None:
            return None
        self.membership.awaiting = None  # once: the screen's own words act on it
        if (typed := read(text)) is None:  # other words, as under any screen without the guide's question
            self.membership.awaiting = ELSEWHERE
        return typed

    def _typed_at_reminders(self, text: str) -> Outcome | None:
        """A date typed under /rappels: the committee's, as « Fixer la date » would take it."""
        if not (desk := self._desk_for_reminders()).says_a_date(text):
            return None
        self._touch()
        return Outcome(desk.text(text))

    def _typed_at_checklist(self, text: str) -> Outcome | None:
        """"3", "étape 3" or a stage's title under /checklist: that stage's items, as its button shows them."""
        meant = typed_at_menu(text, [stage.title for stage in self.guide.stages])
        if not isinstance(meant, int) or not (stage := self.guide.stages[meant - 1]).checklist:
            return None
        return Outcome([self._reports().checklist_stage(stage, self.repo.checklist_marks(self.project.id))])

    def _typed_at_deferred(self, text: str) -> Outcome | None:
        """"2" or "répondre 2" under /a_traiter: « ✏️ Répondre 2 »; a partner's name ("France Travail"): its
        first question listed."""
        listed = self._reports().deferred_listed()
        if (number := typed_at_deferred(text)) is not None:
            question = listed[number - 1] if 1 <= number <= len(listed) else None
        else:
            question = next((listed_question for listed_question in listed
                             if self._names_partner_of(listed_question, text)), None)
        if question is None:
            return None
        return self._answer_later(Payload(self.project.id, None, Action.ANSWER,
                                          self.guide.question_index[question.id]))

    def _names_partner_of(self, question: Question, text: str) -> bool:
        """Whether the text names the partner the question is about: "France Travail", "la CAF"."""
        partner = self.ref.partners.by_question.get(question.id)
        return partner is not None and any(c.isalpha() for c in text) and match_option(
            self.guide.questions[partner.selector].options, text, first_words=True) == partner.option

    def _typed_at_resume(self, text: str) -> Outcome | None:
        """"Oui" to "Voulez-vous continuer ?" is « ▶️ Continuer »; "non", a pause."""
        said = said_yes_no(text)
        if said is True or typed_at_menu(text, []) == NEXT:
            return Outcome(self._proceed())
        return Outcome([Reply("pause")]) if said is False else None

    def _typed_at_menu(self, text: str) -> Outcome | None:
        meant = typed_at_menu(text, [stage.title for stage in self.guide.stages])
        if meant == NEXT:
            return Outcome(self._proceed())
        return self._fire(goto_trigger(self.guide.stages[meant - 1].steps[0].id)) if isinstance(meant, int) else None

    def _still_exact(self, step: Step, question: Question, text: str) -> Outcome | None:
        """"oui" or "non" to "Vous avez déjà répondu… Est-ce toujours exact ?", under an earlier step's answer
        recalled here: « ✅ Toujours exact », or the question asked again for today's answer. None elsewhere, and
        for a yes/no question, whose "oui" is its answer."""
        stored = self.view.answers.get(question.id)
        if question.id not in step.recall or question.kind is Kind.YES_NO or stored is None \
                or stored.status != ANSWERED or self.view.handled(step, question):
            return None
        if (still := said_yes_no(text)) is None:
            return None
        if still:
            return self._typed(self._keep())
        return Outcome([Reply("notice", {"text": self.ui.notices.recall_changed}), self._ask(question)])

    def _hours_as_said(self, step: Step, question: Question, text: str) -> list[list[int]] | None:
        """"pareil", "comme lundi": the hours of the day before in the step, or of the day named (the question
        asked as « Lundi : … »); None when the text says no such thing."""
        day = same_hours_as(text)
        if day is None:
            return None
        if day:
            source = self._days_asked(step).get(day)
        else:
            days = [q for q in self.view.visible_questions(step) if q.kind is Kind.TIME_RANGES]
            source = days[days.index(question) - 1] if question in days[1:] else None
        stored = self.view.answers.get(source.id) if source is not None and source != question else None
        if stored is None or stored.status != ANSWERED:
            raise ParseError("time_ranges.same_unknown", day=day)
        return from_json(Kind.TIME_RANGES, stored.value)

    def _as_said_before(self, step: Step, question: Question, text: str) -> Any:
        """"idem que pour l'accueil" at the accompaniment's training, "idem" at what the MSA brings: the answer of
        the question of the step asked the same for the function or partner named, or for the one before ("idem"),
        copied, for the dossier reads each answer alone; "idem que La Poste" at the carrier's contribution, the
        answer of a choice with the same options that names it, in any step. None when the text says no such
        thing, or names no question answered."""
        if question.kind in (Kind.BUDGET, Kind.TIME_RANGES) or (what := same_answer_as(text)) is None:
            return None
        shown, stem = self.view.visible_questions(step), self._stem(question)
        alike = [q for q in shown if self._stem(q) == stem and q.id != question.id
                 and q.kind is question.kind and self.view.status(q.id) == ANSWERED]
        if what:  # the step's question for what is named; else one asked alike anywhere; else an address named
            answered = [q for q in self.guide.question_list
                        if q.id != question.id and self.view.status(q.id) == ANSWERED]
            alike = ([q for q in alike if mentions(self.view.prompt(q), what)]
                     or [q for q in answered if self._asked_alike(q, question) and mentions(self.view.prompt(q), what)]
                     or [q for q in answered if q.kind is question.kind is Kind.ADDRESS
                         and mentions(self.view.prompt(q), what.split()[0])]
                     or [q for q in answered if q.kind is question.kind is Kind.ADDRESS
                         and self._address_of(q, what.split()[0])])
        else:
            alike = [q for q in alike if shown.index(q) < shown.index(question)][-1:]
        if len(alike) != 1:
            return None
        value = from_json(question.kind, self.view.answers[alike[0].id].value)
        # The same address, not the same floor: "(au 1er étage, au-dessus de la médiathèque)" was the other's.
        return without_asides(value).strip() if question.kind is Kind.ADDRESS else value

    def _address_of(self, question: Question, what: str) -> bool:
        """Whether an address answered is that of what is named: "mairie" of "1 place de la Mairie", "commune" of the
        address of the body its step names "Commune de Plouaret"."""
        step = self.guide.step_of_question[question.id]
        return mentions(self.view.values[question.id], what) or any(
            q.kind is Kind.SHORT_TEXT and self.view.status(q.id) == ANSWERED and mentions(self.view.values[q.id], what)
            for q in step.questions)

    def _asked_alike(self, one: Question, other: Question) -> bool:
        """Two questions asking the same of different bodies: choices with the same options ("Qu'apportera La
        Poste ?", the carrier's contribution), or the details such choices ask for next."""
        if _same_options(one, other):
            return True
        detailed = [next((q for q in self.guide.question_list if q.also_answers == asked.id), None)
                    for asked in (one, other)]
        return one.kind is other.kind and None not in detailed and _same_options(*detailed)

    def _stem(self, question: Question) -> str:
        """What a question asks, whoever it asks it of: "part_contribution" for the CAF's and for La Poste's."""
        return self.ref.partners.asked_alike(question.id) or question.id.rpartition("_")[0]

    def _week(self, step: Step, question: Question, text: str) -> Outcome | None:
        """A week's hours typed at one day's question ("du lundi au vendredi 9h-12h 14h-17h, samedi 9h-12h", a
        table pasted): each day's recorded at its own question, said back, and the guide goes on at the first day
        not said. None when the text names no day of the step with hours after it."""
        days = self._days_asked(step)
        if question not in days.values():
            return None  # a meeting's hour: "mardi après-midi" is no week
        try:
            week = parse_week(text)
        except ParseError as error:
            return self._refusal(question, text, error)
        said = {day: ranges for day, ranges in (week.hours if week else {}).items() if day in days}
        if not said:
            return None
        for day, ranges in said.items():
            if days[day] is not question:
                self._store(days[day], ANSWERED, ranges, step.id, self._message_id)
        understood = Reply("week_understood", {"days": [
            {"day": day, "answer": self._display(days[day], said[day])} for day in days if day in said]})
        tour = self._tour(step, {day: around for day, around in week.around.items() if day in said})
        # "…, le samedi matin de 9h à 12h les semaines paires": that day asked, with why
        other = [self._invalid(week.alternate)] if week.alternate is not None else []
        mine = next((day for day in said if days[day] is question), None)
        return Outcome([understood, *tour, *other, *(self._answer(question, said[mine]) if mine else self._proceed())])

    def _hours_among(self, step: Step, question: Question, text: str) -> Outcome | None:
        """"Lormes 9h-12h, Brassy 14h-16h30" at « Lundi : … »: the hours recorded, the words around them kept in
        the step's tour. None for a text without such words, or at a meeting's hour."""
        among = hours_among_words(text)
        return None if among is None else self._day_with_words(step, question, among[0], text.strip(), among[1])

    def _closed_day(self, step: Step, question: Question, text: str) -> Outcome | None:
        """"fermé (préparation du bus)", "fermé, sauf les semaines paires 9h-12h" at « Samedi : … »: the day closed
        in a typical week, what it was said with kept in the step's tour. None for other texts, or a meeting's hour."""
        said = closed_words(text)
        return None if said is None else self._day_with_words(step, question, [], said[0], [said[1]])

    def _day_with_words(self, step: Step, question: Question, ranges: list[list[int]], line: str,
                        words: list[str]) -> Outcome | None:
        """A day's hours recorded and said back, the words typed with them kept as the day's `line` in the step's
        tour; None when `question` asks no day's hours (a meeting's hour)."""
        day = next((day for day, asked in self._days_asked(step).items() if asked is question), None)
        if day is None:
            return None
        tour = self._tour(step, {day: (line, words)})
        replies = self._answer(question, ranges)
        return Outcome([Reply("understood", {"answer": self._display(question, ranges)}), *tour, *replies])

    def _tour(self, step: Step, parts: dict[str, tuple[str, list[str]]]) -> list[Reply]:
        """The words typed around days' hours (a bus's places), kept one line a day at the step's tour question,
        and said so; said not kept when the step has none or its answer is the user's own text."""
        if not parts:
            return []
        words = ", ".join(f"« {word} »" for word in dict.fromkeys(word for _, said in parts.values() for word in said))
        target = next((q for q in self.view.visible_questions(step) if q.id == step.tour), None)
        stored = self.view.answers.get(target.id) if target is not None else None
        kept = stored.value if stored is not None and stored.status == ANSWERED else None
        lines = tour_lines(kept, {day: typed for day, (typed, _) in parts.items()}) if target is not None else None
        if lines is None:
            return [Reply("notice", {"text": self.ui.notices.hours_words_unkept.format(words=words)})]
        self._store(target, ANSWERED, to_json(target.kind, lines), step.id, self._message_id)
        said = self.ui.notices.hours_words_kept.format(words=words, question=self.view.prompt(target))
        return [Reply("notice", {"text": said})]

    def _days_asked(self, step: Step) -> dict[str, Question]:
        """The step's questions asking a weekday's hours (« Lundi : … »), by that day."""
        return {day: question for question in self.view.visible_questions(step) if question.kind is Kind.TIME_RANGES
                for day in WEEKDAYS if fold(question.prompt).startswith(day)}

    def _without(self, text: str, unkept: list[str], notice: str) -> Outcome:
        """A signature or a letterhead pasted: what the question asks read, the lines it does not ask not kept
        (a phone, an e-mail, the addressee above an address), and said so once the rest is taken."""
        outcome = self._text(text)
        if outcome.replies and outcome.replies[0].template == "invalid":
            return outcome
        said = notice.format(lines=", ".join(f"« {line} »" for line in unkept))
        return replace(outcome, replies=[Reply("notice", {"text": said}), *outcome.replies])

    def _said_with_more(self, step: Step, question: Question, text: str) -> Outcome | None:
        """An answer and the words for the question shown right after it, typed together: "non, ouverture le 1er
        septembre" (then "À quelle date… ?", which a no shows), "polyvalence, patience" (then "Quelle autre… ?"
        for the « Autre » that "patience" is), "Marie Dupont, chargée de mission" (then her function), "la
        communauté de communes du Causse" (then the carrier's name). The answer is recorded and the words are read
        as typed at the next question: taken, or refused there with the reason. None when no next question takes
        such words, and nothing is recorded."""
        if question.kind is Kind.YES_NO and (said := yes_no_then(text)) is not None:
            if doubts(said[1]) and not doubt_on_when(said[1]):  # "oui, à vérifier avec la sous-préfecture": no yes
                # to record, nor words after it; "oui, probablement en avril": a yes, the date asked as doubtful
                return None
            if not (said := (said[0], without_how_reached(said[1])))[1]:
                return None  # "oui par mail": how it was done, nothing more ("oui, par téléphone, Mme Roux": her)

            def takes(then: Question) -> bool:
                return then.kind in TYPED_KINDS and question.id in {leaf.question for leaf in leaves(then.when)}
        elif (question.kind in (Kind.CHOICE, Kind.MULTI) and (said := with_other(question, text)) is not None
              and not names_nothing(said[1])):
            if question.kind is Kind.MULTI and (
                    ticked := self._ticked_further(step, question, *said, text)) is not None:
                return ticked

            def takes(then: Question) -> bool:
                return then.id == other_of(question.id)
        elif question.also_answers is not None and (
                said := _said_along(question, text, self.guide.questions[question.also_answers])) is not None:
            def takes(then: Question) -> bool:
                return then.id == question.also_answers
        elif question.person and (said := name_and_share(text)) is not None:  # "moi, Thomas Girod, 10% de mon
            def takes(then: Question) -> bool:  # temps": the share, at the time the function represents
                return then.full_time_share and then in self.guide.implied.get(question.id, ())
        else:
            return None
        value, rest = said
        if question.kind is Kind.MULTI:  # "Autre : …" under ticks the chat made: added to them
            value = self._with_ticked(question, value, text)
        # "oui par mail, rdv fixé le 14/01 à la sous-préfecture": the appointment answers nothing asked, said not kept
        meeting = meeting_to_come(rest, self._today()) if question.kind is Kind.YES_NO else None
        if meeting is not None and not (rest := meeting[0]):
            replies = self._answer(question, value)
            if self._recorded != question.id:
                return Outcome(replies)
            return Outcome([Reply("understood", {"answer": self._display(question, value), "unkept": [meeting[1]]}),
                            *replies])
        shown = self.view.with_answer(question.id, StoredAnswer(ANSWERED, value, question.kind.value)) \
            .visible_questions(step)
        then = shown[shown.index(question) + 1] if question in shown[:-1] else None
        passed: list[Question] = []  # "oui, prévu le 12 mars, avec les maires": the date further on, the list before
        if then is not None and question.kind is Kind.YES_NO and not takes(then):
            later = shown[shown.index(then):]
            then = self._dated(later, rest, takes)
            passed = later[:later.index(then)] if then is not None else []
        if then is None or not takes(then):
            return None
        if question.kind is Kind.YES_NO and then.kind is not Kind.DATE and (
                dated := self._dated(shown[shown.index(then) + 1:], rest, takes)) is not None:
            passed, then = shown[shown.index(then):shown.index(dated)], dated  # the name before the date: see below
        self._answer(question, value)
        self._focus(then)  # answered before, it is not the first question left: the words are for it all the same
        understood = {"answer": self._display(question, value)}
        unkept, notes, _ = self._list_said(question, text) if question.kind is Kind.MULTI else (None, [], {})
        if then.id == question.also_answers:  # a list's details question keeps the whole text
            unkept = None
        if question.kind is Kind.CHOICE and (how := said_after_name(text)):  # "…, via son CCAS": not the name
            unkept = [how]
        if unkept and then.id != question.also_answers and (
                along := self._details_along(step, question, value, text)) is not None:
            unkept, notes = None, [*notes, along]
        if unkept or meeting:
            understood["unkept"] = [*(unkept or []), *([meeting[1]] if meeting else [])]
        before = self.view.answers.get(then.id)
        outcome = self._text(rest)
        whom = with_whom_said(rest) if then.kind is Kind.DATE else None  # "avec le préfet, en juin"
        if self._recorded != then.id and whom is not None and not passed:  # the day asked: whom, said not kept
            understood["unkept"] = [*understood.get("unkept", []), whom]
        if self._recorded == then.id:
            stored = from_json(then.kind, self.view.answers[then.id].value)
            understood |= {"then": self.view.prompt(then), "details": self._display(then, stored)}
            if before is not None and before.status == ANSWERED and before.value != self.view.answers[then.id].value:
                understood["replaced"] = self._display(then, from_json(then.kind, before.value))  # 2 000 habitants,
                # given with the project's territory, then 6 000 with the one the Maison covers: said, not silent
            # Said once, in the line below: not again as the next question's own "Réponse retenue" or date, but with
            # what it does not keep; what it answered further on stays ("…, à 50 % sur le projet": the time of work).
            again = [reply for reply in outcome.replies if reply.template in ("understood", "date_understood")
                     and reply.values.get("question") in (None, understood["then"])]
            if then_unkept := [words for reply in again for words in reply.values.get("unkept", [])
                               if not passed or words != whom]:  # the guests, ticked along
                understood["then_unkept"] = then_unkept
            outcome = Outcome([reply for reply in outcome.replies if reply not in again])
        replies = self._named_along(passed, rest, outcome.replies)
        return Outcome([Reply("understood", understood), *notes, *self._ticked_along(passed, rest, replies)])

    def _ticked_further(self, step: Step, question: Question, value: list[str], words: str,
                        text: str) -> Outcome | None:
        """"la visio avec la CAF, 2 postes en libre accès, une imprimante-scanner" at « Quelles solutions d'accès
        numérique… ? »: words that would be its « Autre » but are the options of the list asked right after it
        (« Quels équipements informatiques… ? »), not answered yet. This list is answered without them, and they are
        ticked there for the user to complete and validate, what the list said besides its options ("avec la CAF")
        said not kept; words saying more than those options stay the « Autre ». None otherwise, and nothing is
        recorded."""
        kept = [option for option in value if option != OTHER]
        if not kept or self._partner:
            return None
        after = self.view.with_answer(question.id, StoredAnswer(ANSWERED, to_json(question.kind, kept),
                                                                question.kind.value))
        then = after.current_question(step, None)  # what comes next once this list is answered
        shown = after.visible_questions(step)
        if then is None or then.kind is not Kind.MULTI or shown.index(then) != shown.index(question) + 1 \
                or not (read := read_list(then, words)).chosen or read.unknown or read.details or read.described \
                or OTHER in read.chosen:
            return None  # "une box 4G en secours" says more than an option there: this list's « Autre »
        unkept = [detail for detail in self._list_said(question, text)[0] or [] if detail != words]
        replies = self._answer(question, kept)
        if self._recorded != question.id or self._question_for_buttons() is not then:  # not asked after all
            return Outcome([Reply("understood", {"answer": self._display(question, kept),
                                                 "unkept": in_typed_order(text, [*unkept, words])}), *replies])
        self.membership.draft_question = then.id
        self.membership.draft_choices = [option.id for option in then.options if option.id in read.chosen]
        self._touch()
        notice = self.ui.notices.ticked_next.format(items=f"« {without_full_stop(words)} »")
        understood = {"answer": self._display(question, kept)} | ({"unkept": unkept} if unkept else {})
        return Outcome([Reply("understood", understood), Reply("notice", {"text": notice}), *replies[:-1],
                        self._ask(then)])

    def _named_along(self, passed: list[Question], text: str, replies: list[Reply]) -> list[Reply]:
        """The short text passed over for a later date and asked next (the referent's name): what the words say
        before the date's clause ("Mme Besson, sous-préfecture de Riom" of "…, rencontrée le 18 novembre"), answered
        there and said."""
        asked = self._question_for_buttons()
        if replies[-1].template != "question":
            return replies
        named = asked if asked in passed else None
        if named is None and asked.kind is Kind.DATE:  # its day still asked ("… en sept"): the name answered anyway
            named = next((q for q in passed if self.view.status(q.id) is None), None)
        if named is None or named.kind is not Kind.SHORT_TEXT:
            return replies
        try:
            name = parse_answer(named, said[0]) if (said := date_apart(text)) is not None else None
        except ParseError:
            name = None
        if name is None:
            return replies
        noted = self._answered_along(named, name, self.guide.step_of_question[named.id].id)
        if named is not asked:
            return [*replies[:-2], noted, *replies[-2:]]
        return [*replies[:-1], noted, *self._proceed()]

    def _ticked_along(self, passed: list[Question], text: str, replies: list[Reply]) -> list[Reply]:
        """The list passed over for a later date and asked next: the options the same words name ticked, for the
        user to validate ("…, avec les maires et la sous-préfète" at "Qui inviterez-vous ?")."""
        asked = self._question_for_buttons()
        if (asked not in passed or asked.kind is not Kind.MULTI or replies[-1].template != "question"
                or not (ticked := options_named(asked, text))):
            return replies
        self.membership.draft_question, self.membership.draft_choices = asked.id, ticked
        self._touch()
        return [*replies[:-1], self._ask(asked)]

    def _named_again(self, step: Step, question: Question, text: str) -> Outcome | None:
        """"Mme Odile Lacroix, présidente de l'association" typed at the function asked after her name (a "Retour"
        too far, or the name mended with it): the function is this answer, and the name, when it is another, the
        name question's, said so. None unless a name question of the step is answered along with this one."""
        person = next((asked for asked in step.questions if asked.person and asked.also_answers == question.id), None)
        if person is None or (said := name_and_function(text)) is None or not text.lstrip().startswith(said[0]):
            return None  # "Chargée de mission, CC La Grandvallière" is a function and its structure
        name, function = said
        stored = self.view.answers.get(person.id)
        renamed = stored is None or stored.status != ANSWERED or stored.value != name
        if renamed:
            self._store(person, ANSWERED, name, step.id, self._message_id)
        replies = self._answer(question, function)
        said_back = {"answer": self._display(question, function)}
        if renamed:
            said_back |= {"then": self.view.prompt(person), "details": self._display(person, name)}
        return Outcome([Reply("understood", said_back), *replies])

    def _date_for_yes_no(self, step: Step, question: Question, text: str) -> Outcome | None:
        """"le 1er avril 2027" at « La Maison fonctionne-t-elle déjà ? »: a date alone, to come (a no) or past (a yes),
        where the question asked after that answer is its date. None for any other text or question."""
        if not any(then.kind is Kind.DATE and question.id in {leaf.question for leaf in leaves(then.when)}
                   for then in step.questions):
            return None
        try:
            day = parse_date(text, self._today())
        except ParseError:
            return None
        if day == self._today():
            return None
        return self._said_with_more(step, question, f"{'non' if day > self._today() else 'oui'}, {text.strip()}")

    def _dated(self, later: list[Question], text: str, takes: Callable[[Question], bool]) -> Question | None:
        """"oui, on a vu la déléguée du préfet le 10 novembre": the date question further on that the details'
        one date answers, rather than the text question right after the yes, which would keep a sentence as a
        name; "oui, en octobre" too, whose day that question asks for. None when no such question follows or the
        details hold no one date."""
        dated = next((then for then in later if then.kind is Kind.DATE and takes(then)), None)
        if dated is None:
            return None
        try:
            parse_answer(dated, text, self._today())
        except ParseError:  # "oui, Mme Chabanon en sept": the month's day asked there
            return dated if month_alone(text) or ((said := date_apart(text)) and month_alone(said[1])) else None
        return dated

    def _typed_at_recap(self, step: Step, text: str) -> Outcome:
        """"oui" to "Tout est juste ?", "3", "retour": what « Étape suivante », ✏️ 3 or « Retour » do; "3 Temps
        plein": answer 3 changed."""
        shown = self.view.visible_questions(step)
        meant = typed_at_recap(text, len(shown))
        if meant == NEXT:
            return self._typed(self._next())
        if meant == BACK:
            return self._typed(self._back())
        if isinstance(meant, int):
            return self._edit(meant - 1)
        if (numbered := numbered_answer(text)) is not None and numbered[1] and 0 < numbered[0] <= len(shown):
            return self._answer_asked(shown[numbered[0] - 1], numbered[1], replying=True)  # "1 Anna Pietri"
        return Outcome([Reply("use_buttons", {"partner": self._partner}), *self._recap(step)])

    @staticmethod
    def _typed(outcome: Outcome) -> Outcome:
        """A button's effect, typed: what a tap's toast would say comes as a message."""
        if outcome.notice is None:
            return outcome
        return Outcome([Reply("notice", {"text": outcome.notice}), *outcome.replies])

    @property
    def _planner(self) -> Planner:
        """The project's calendar (outre-mer, Alsace-Moselle: its territory's), else the bot's."""
        return self.engine.planner_of(self.project.territory if self.project is not None else None)

    @property
    def _zone(self) -> ZoneInfo:
        return self._planner.zone

    def _today(self) -> date:
        return self.now.astimezone(self._zone).date()

    def _unexpected_date(self, question: Question, day: date) -> bool:
        """A done thing dated in the future, or a planned one in the past."""
        today = self._today()
        return (question.timing == "past" and day > today) or (question.timing == "future" and day < today)

    def _confirm_date(self, question: Question, day: date) -> Reply:
        return Reply("date_confirm", {"prompt": self.view.prompt(question), "date": day, "timing": question.timing}, [
            [self._button(self.ui.buttons.date_keep, Action.DATE_KEEP, day.toordinal())],
            [self._button(self.ui.buttons.date_fix, Action.RESUME)]])

    def _date_keep(self, payload: Payload) -> Outcome:
        question = self._question_for_buttons()
        if question is None or question.kind is not Kind.DATE or payload.arg is None or payload.arg < 1:
            return self._stale()
        day = date.fromordinal(payload.arg)
        chosen = self._answered(question, day)
        return Outcome([chosen, *self._answer(question, day)])

    def _keep(self) -> Outcome:
        """The answer shown stays: a recalled question's is recorded again, as given in this step; a question
        reopened with "Retour" is left as it is, and the guide goes on."""
        step, question = self._step(), self._question_for_buttons()
        stored = self.view.answers.get(question.id) if question else None
        if question is None or stored is None or (question.id not in step.recall and stored.status != ANSWERED):
            return self._stale()
        if question.id in step.recall:
            self._record(question, stored.status, stored.value)
        else:
            self._move_on()
        answer = (self._display(question, from_json(question.kind, stored.value)) if stored.status == ANSWERED
                  else {"status": stored.status})
        return Outcome([Reply("answered", {"prompt": self.view.prompt(question), "answer": answer}, edit=True),
                        *self._proceed()])

    def _move_on(self) -> None:
        """Leave the question reopened, as it stands: the guide asks the first one not yet handled."""
        self.membership.focus_question = None
        self.membership.draft_question = None
        self.membership.draft_choices = None
        self._touch()

    def _choice(self, data: str) -> Outcome:
        payload = decode(data)
        if payload is None or payload.project_id != self.project.id:
            return self._stale()
        if not allows_action(self.membership.role, payload.action):
            return Outcome(self._proceed(), notice=self.ui.notices.not_allowed.format(
                role=self.ui.roles.get(self.membership.role, self.membership.role)))
        if payload.action not in Action.TIMELESS and payload.revision != self.project.revision \
                and not self._still_asked(payload):
            return Outcome(self._proceed(), notice=self._answered_by_teammate(payload) or self.ui.notices.stale)
        self._stop_typing(payload.action)
        handler = {
            Action.RESUME: lambda p: Outcome(self._proceed()),
            Action.PROJECTS: self._project_action,
            Action.PROJECT_OPEN: self._project_action,
            Action.PROJECT_NEW: self._project_action,
            Action.PROJECT_CANCEL: self._project_action,
            Action.PROJECT_RENAME: self._project_action,
            Action.MENU: lambda p: Outcome([self._menu()]),
            Action.PROGRESS: lambda p: Outcome([self._progress()]),
            Action.HELP: lambda p: Outcome([self._help()]),
            Action.GOTO: self._goto,
            Action.PICK: self._pick,
            Action.TOGGLE: self._toggle,
            Action.VALIDATE: self._validate,
            Action.KEEP: lambda p: self._keep(),
            Action.CLEAR: lambda p: self._clear(),
            Action.DATE_KEEP: self._date_keep,
            Action.RESTORE: self._restore,
            Action.SKIP: lambda p: self._skip(SKIPPED),
            Action.DEFER: lambda p: self._skip(DEFERRED),
            Action.DEFER_PARTNER: lambda p: self._defer_partner(),
            Action.BACK: lambda p: self._back(),
            Action.NEXT: lambda p: self._next(),
            Action.EDIT: lambda p: self._edit(p.arg),
            Action.FIX: self._fix,
            Action.ANSWER: self._answer_later,
            Action.CHECKLIST: self._checklist,
            Action.TICK: self._tick,
            Action.TICK_ALL: self._tick_all,
            Action.BUDGET: lambda p: Outcome([self._desk().summary()]),
            Action.BUDGET_ADD: lambda p: self._budget(p, 3, lambda desk: desk.categories_for(p.arg)),
            Action.BUDGET_CATEGORY: lambda p: self._budget(
                p, len(self.ref.budget.categories),
                lambda desk: desk.pick_category(p.arg, from_guide=self._guided())),
            Action.BUDGET_USE: lambda p: self._budget(p, 2, lambda desk: desk.pick_use(p.arg)),
            Action.BUDGET_LINES: lambda p: Outcome([self._desk().lines()]),
            Action.BUDGET_LINE: lambda p: self._budget(p, None, lambda desk: desk.line(p.arg)),
            Action.BUDGET_AMOUNT: lambda p: self._budget(p, None, lambda d: d.change(p.arg, "amount", self._guided())),
            Action.BUDGET_LABEL: lambda p: self._budget(p, None, lambda d: d.change(p.arg, "label", self._guided())),
            Action.BUDGET_RECATEGORY: lambda p: self._budget(p, None, lambda d: d.recategorize(p.arg, self._guided())),
            Action.BUDGET_MOVE: lambda p: self._budget(p, len(self.ref.budget.categories),
                                                       lambda desk: desk.move(p.arg)),
            Action.BUDGET_REMOVE: lambda p: self._budget(p, None, lambda d: d.remove(p.arg, self._guided())),
            Action.BUDGET_REPLACE: lambda p: self._budget(p, None, lambda desk: desk.replace(p.arg)),
            Action.BUDGET_BESIDE: lambda p: self._budget(p, None, lambda desk: desk.beside()),
            Action.BUDGET_CANCEL: lambda p: _outcome(self._desk().cancel()),
            Action.BUDGET_CHART: lambda p: Outcome([self._desk().chart()]),
            Action.BUDGET_YEAR: lambda p: Outcome([self._desk().ask_year(self._budget_year_question())]),
            Action.DOSSIER: self._dossier,
            Action.REMINDERS: lambda p: Outcome([self._desk_for_reminders().summary()]),
            Action.REMINDER_KIND: lambda p: self._reminder(p, lambda desk: desk.toggle(p.arg)),
            Action.REMINDER_DATE: lambda p: self._reminder(p, lambda desk: Outcome([desk.ask_date()]), False),
            Action.REMINDER_CANCEL: lambda p: self._reminder(p, lambda desk: Outcome([desk.cancel()]), False),
            Action.REMINDER_CALENDAR: lambda p: self._reminder(p, lambda desk: _outcome(desk.calendar()), False),
            Action.REMINDER_HELD: lambda p: self._reminder(p, lambda desk: _outcome(desk.held(p.arg))),
            Action.REMINDER_NOT_HELD: lambda p: self._reminder(p, lambda desk: _outcome(desk.not_held(p.arg))),
            Action.TEAM: lambda p: Outcome([self._team().summary()]),
            Action.TEAM_INVITE: lambda p: (Outcome([self._team().choose_role()]) if p.arg is None
                                           else self._team_action(lambda desk: desk.invite(p.arg))),
            Action.TEAM_PARTNER: lambda p: self._team_action(lambda desk: desk.invite_partner(p.arg)),
            Action.TEAM_REVOKE: lambda p: self._team_action(lambda desk: desk.revoke(p.arg)),
            Action.TEAM_MEMBER: lambda p: self._team_action(lambda desk: desk.member(p.arg)),
            Action.TEAM_ROLE: lambda p: self._team_action(lambda desk: desk.change(p.arg), planned=True),
            Action.PROJECT_DELETE: self._delete_project,
            Action.PROJECT_LEAVE: self._leave_project,
            Action.REFERENTIAL_SWITCH: self._switch_referential,
            Action.REFERENTIAL_CHOOSE: self._switch_referential,
            Action.PASSAGE_FIX: self._passage_fix,
        }.get(payload.action)
        if handler is None:
            return self._stale()
        return handler(payload)

    def _stop_typing(self, action: str) -> None:
        """A button elsewhere abandons a date or budget line being typed: the next text is an answer again."""
        if self._typing():
            self._touch()  # the date buttons ask again
        if not ((self.membership.awaiting or "").startswith(LATER) and action in ANSWERING_TAPS):
            self.membership.awaiting = None
        if self.membership.budget_pending is not None and action not in Action.BUDGET_FLOW:
            self.membership.budget_pending = None
            self._touch()

    def _typing(self) -> bool:
        """A date or a year is being typed: leaving it changes what buttons mean. A screen shown last (SCREENS, a
        budget screen) changes only what the next text is for."""
        awaiting = self.membership.awaiting
        return awaiting is not None and awaiting not in SCREENS and not awaiting.startswith(
            (BUDGET_SCREEN, LATER, CHECKLIST_STAGE))

    def _stale(self) -> Outcome:
        return Outcome(self._proceed(), notice=self.ui.notices.stale)

    def _reminder(self, payload: Payload, act, needs_arg: bool = True) -> Outcome:
        """A /rappels action; a missing or unknown argument is a stale button."""
        if needs_arg and (payload.arg is None or payload.arg < 0):
            return self._stale()
        self._touch()
        outcome = act(self._desk_for_reminders())
        return outcome if outcome is not None else self._stale()

    # ---- messages as the user meant them

    def _forget_earlier_input(self, event: Event) -> None:
        """Only a text continues a cut text; only a tap repeats a tap."""
        if not isinstance(event, Text):
            paste.forget(self.membership)
            repeats.forget(self.membership)
        if not isinstance(event, Choice):
            taps.forget(self.membership)

    def _text_message(self, event: Text) -> Outcome:
        """A text; the next part of a long paste the app cut at Telegram's limit completes the first part's answer;
        the same text sent again at once is said to be taken once."""
        self._message_id = event.message_id
        if paste.continues(self.membership, event.sent_at):
            outcome = self._paste_tail(self.membership.cut_text_question, event.text)
        elif event.replying_to is None and (again := self._sent_twice(event)) is not None:
            return again
        elif event.card is not None:
            outcome = self._card(event.text, event.card)
        elif event.replying_to is None or (outcome := self._replying(event.replying_to, spoken(event.text))) is None:
            outcome = self._text(spoken(event.text))
        paste.remember(self.membership, event.text, event.sent_at, self._recorded)
        repeats.remember(self.membership, event.text, event.sent_at, self._recorded)
        return outcome

    def _card(self, name: str, phone: str) -> Outcome:
        """A contact card at a question asking for a person: its name answers, said back (it was not typed); its
        number is said not kept."""
        outcome = self._without(name, [phone], self.ui.notices.contacts_unkept)
        question = self.guide.questions.get(self._recorded or "")
        if question is None or any(reply.template == "understood" for reply in outcome.replies):
            return outcome
        value = from_json(question.kind, self.view.answers[question.id].value)
        return replace(outcome, replies=[Reply("understood", {"answer": self._display(question, value)}),
                                         *outcome.replies])

    def _sent_twice(self, event: Text) -> Outcome | None:
        """The member's last text, sent again just after it answered a question: taken once, the question in
        course asked again. Sent a third time, it answers that question."""
        first = self.guide.questions.get(repeats.repeated(self.membership, event.text, event.sent_at) or "")
        step = self._step()
        if first is None or step is None or self._current(step) is first:  # asked again: read again
            return None
        repeats.forget(self.membership)
        notice = self.ui.notices.sent_twice.format(prompt=self.view.prompt(first))
        return Outcome([Reply("notice", {"text": notice}), *self._again()])

    def _replying(self, to: Replied, text: str) -> Outcome | None:
        """A text sent as a reply to an earlier message answers the question that message asked or said back, or
        corrects the answer it gave, wherever the guide is now; None when that is the question in course or none."""
        if self.membership.role not in ANSWERING and not self._partner:
            return None
        if to.own and (typed := self._answered_by(to.message_id, like=text))[0] is not None:
            return self._corrected(*typed, corrected(text) or Correction(text, adds=False))
        if to.project is not None and to.project != self.project.name:  # another project's question: not this one's
            self.membership.asked_question = None
            notice = self.ui.notices.replied_other_project.format(project=to.project)
            return Outcome([Reply("notice", {"text": notice}), *self._again()])
        if to.own:  # answers of that message replaced since: the first question it answered
            typed = self.repo.questions_typed_in(self.project.id, self.user.id, to.message_id)
            shown = [(question, None) for question in self.guide.question_list if question.id in typed][:1]
        else:
            shown = self.view.questions_shown(to.text)
        if not shown:
            return None
        question, text = meant_among(self.view, shown, text, self._today()) if len(shown) > 1 else (shown[0][0], text)
        if question is not None and self._partner and not self._in_step(question):
            return None
        self.membership.asked_question = None  # the reply says which question the text answers
        if self.membership.awaiting not in (COMMITTEE_DATE, RENAMING):  # a screen left: the question comes again
            self.membership.awaiting = None
        step = self._step()
        if question is not None and step is not None and question is self._current(step) and text:
            return self._text(text)
        if question is None:  # a recap, answers said back: the text could be any one's
            return Outcome([Reply("notice", {"text": which_question(self.ui.notices, shown, text)}), *self._again()])
        if not self.view.visible(question):  # the project's answers since have made it pointless
            return Outcome([Reply("notice", {"text": self.ui.notices.replied_not_asked}), *self._again()])
        stored = self.view.answers.get(question.id)
        if (correction := corrected(text)) is not None and correction.right and stored is not None \
                and stored.status == ANSWERED and self._changeable(question.id) is not None:
            return self._corrected(question, stored, correction, alone=True)  # "et aussi…": added to it
        if correction is not None:
            text = correction.right
        if not text:  # "3" under a recap, "je me suis trompée": the question, asked again
            self._reopen(question)
            return Outcome(self._proceed())
        return self._answer_asked(question, text, replying=True)

    def _edited(self, event: Edited) -> Outcome:
        """A text changed once sent. When it gave an answer still current, the answer becomes the new text, a new
        version in its history, and the guide stays where it is; whatever else it gave stands, and the user is
        told so."""
        question, stored = self._answered_by(event.message_id)
        if question is None:
            return self._not_taken(event)
        return self._replace_answer(question, stored, spoken(event.text), event.message_id,
                                    lambda value: self._not_taken(event))

    def _corrected(self, question: Question, stored: StoredAnswer, correction: Correction,
                   alone: bool = False) -> Outcome:
        """"Pardon, je voulais dire 1200": the answer this user gave last, replaced as an edit of its message
        would ("j'ai oublié les touristes": completed); a question just passed or left for later, answered; said
        without the right answer, that question is asked again. `alone`: that question's, not another answer the
        same message gave."""
        if not alone:
            question, stored = self._corrected_one(question, stored, correction)
        if stored.status != ANSWERED and correction.right:
            return self._answer_reopened(question, correction.right)
        if not correction.right or correction.words and question.kind is Kind.MULTI:  # "*CPAM": ticked anew
            self._reopen(question)
            return Outcome(self._proceed())

        def confirm_first(value: date) -> Outcome:  # its confirmation belongs to the question: asked again
            self._focus(question)
            return Outcome([self._confirm_date(question, value)])
        try:
            right = correction.right_for(question.kind, stored.value)
        except ParseError as error:
            return self._not_replaced(question, error)
        return self._replace_answer(question, stored, right, stored.message_id, confirm_first,
                                    adds=correction.adds_to(question.kind))

    def _reopen(self, question: Question) -> None:
        """The question asked next, in its own step."""
        step = self.guide.step_of_question[question.id]
        if step is self._step():
            self._focus(question)
        else:
            self._move(goto_trigger(step.id), focus=question)

    def _answer_reopened(self, question: Question, text: str) -> Outcome:
        """The text as the answer to a question passed or left for later, said back as a correction."""
        self._reopen(question)
        outcome = self._text(text)
        if self._recorded != question.id:
            return outcome
        taken = self._replaced(question, from_json(question.kind, self.view.answers[question.id].value))
        return replace(outcome, replies=[taken, *outcome.replies])

    def _corrected_one(self, question: Question, stored: StoredAnswer,
                       correction: Correction) -> tuple[Question, StoredAnswer]:
        """Of the answers the last message gave ("oui, avec les maires": a yes and what they said), the first the
        correction reads as: the question it was asked unless the correction does not fit it."""
        given = [(question, stored)] + [
            (self.guide.questions[question_id], other) for question_id, other in self.view.answers.items()
            if stored.message_id is not None and other.message_id == stored.message_id and question_id != question.id
            and self._changeable(question_id) is not None]
        for candidate, answer in given:
            try:
                parse_answer(candidate, correction.right_for(candidate.kind, answer.value), self._today())
            except ParseError:
                continue
            return candidate, answer
        return question, stored

    def _asked_meanwhile(self, asked_id: str | None, current: Question | None) -> Question | None:
        """The question this member's screen asks, when a teammate has answered it or moved the project on since:
        their text answers it, not the one the project is at now (a question no longer asked is no answer)."""
        asked = self.guide.questions.get(asked_id or "")
        if asked is None or current is not None and asked.id == current.id \
                or self._partner and not self._in_step(asked):  # a partner answers its own questions only
            return None
        return asked

    def _in_step(self, question: Question) -> bool:
        """Whether the question is one of the step this member is at (the project's, or a partner's own)."""
        step = self._step()
        return step is not None and question.id in {asked.id for asked in step.questions}

    def _answer_asked(self, asked: Question, text: str, replying: bool = False) -> Outcome:
        """A text typed under a question a teammate answered or moved past meanwhile answers it, as does a text sent
        as a reply to it (`replying`); the teammate's answers it replaces (that question's, and its « Autre »'s or
        details' said with it) are said, with a button to put them back."""
        if not self.view.visible(asked):  # a teammate's answer made it pointless: nothing is taken for another
            return Outcome([Reply("notice", {"text": self.ui.notices.moved_meanwhile}), *self._again()])
        answers = dict(self.view.answers)  # as they stood before this text
        before = answers.get(asked.id)
        if self._in_step(asked):
            self._focus(asked)
            outcome = self._text(text)
            after = self.view.answers.get(asked.id)  # which question it answered, said: not the one asked
            said = replying and after is not None and after.status == ANSWERED and after != before
            if said:
                outcome = replace(outcome, replies=self._said_for(asked, outcome.replies))
        else:  # the project is at another step now: the text replaces the answer, as an edit of a message would
            def not_taken(_) -> Outcome:  # a date to confirm, a text to read with its question: at its step
                notice = self.ui.notices.elsewhere_not_taken.format(prompt=self.view.prompt(asked))
                return Outcome([Reply("notice", {"text": notice}), *self._again()])

            def confirm_there(value: date) -> Outcome:  # replied to: the question it confirms is asked at its step
                self._reopen(asked)
                return Outcome([self._confirm_date(asked, value)])
            outcome = (self._replace_answer(asked, before, text, self._message_id, confirm_there) if replying
                       else self._replace_answer(asked, before, text, self._message_id, not_taken, not_taken=not_taken))
            said = outcome.replies[0].template == "edit_taken"  # the question and the new answer, said first
        if said and outcome.replies[0].template == "edit_taken" and (before is None or before.status != ANSWERED):
            outcome = replace(outcome, replies=[Reply("answered", outcome.replies[0].values),
                                                *outcome.replies[1:]])  # a first answer, no change
        given = sorted(self._stored, key=lambda question_id: (question_id != asked.id,
                                                              self.guide.question_index[question_id]))
        theirs = [(self.guide.questions[question_id], stored) for question_id in given
                  if (stored := answers.get(question_id)) is not None and stored.status == ANSWERED
                  and stored.author_id not in (None, self.user.id)
                  and self.view.answers[question_id].value != stored.value]
        if not theirs or theirs[0][0] is not asked:
            return outcome
        name = before.author
        replaced = Reply("answered_meanwhile", {"name": name, "meanwhile": not replying, "answers": [
            {"prompt": None if said and question is asked and len(theirs) == 1 else self.view.prompt(question),
             "answer": self._display(question, from_json(question.kind, stored.value))}
            for question, stored in theirs]},
            [[self._button(self.ui.buttons.restore_theirs.format(name=name), Action.RESTORE,
                           self.guide.question_index[asked.id])]])
        return replace(outcome, replies=[*outcome.replies[:-1], replaced, *outcome.replies[-1:]])

    def _said_for(self, question: Question, replies: list[Reply]) -> list[Reply]:
        """The replies to an answer, saying which question it answered: in how it was understood, or first."""
        understood = next((index for index, reply in enumerate(replies) if reply.template == "understood"), None)
        if understood is not None:
            said = Reply("understood", replies[understood].values | {"question": self.view.prompt(question)})
            return [*replies[:understood], said, *replies[understood + 1:]]
        return [self._replaced(question, from_json(question.kind, self.view.answers[question.id].value)), *replies]

    def _restore(self, payload: Payload) -> Outcome:
        """The teammate's answers that this member's text replaced (the question's, and those the same message
        gave), current again while each is the version before."""
        question = self._question_at(payload.arg)
        current = self.view.answers.get(question.id) if question is not None else None
        if current is None:
            return self._stale()
        together = [question, *(self.guide.questions[question_id] for question_id, stored in self.view.answers.items()
                                if question_id != question.id and question_id in self.guide.questions
                                and current.message_id is not None and stored.message_id == current.message_id)]
        restored = []
        for one in together:
            history = self.repo.history(self.project.id, one.id)
            if len(history) < 2 or history[-1].author_id != self.user.id \
                    or history[-2].author_id in (None, self.user.id):
                if one is question:
                    return self._stale()
                continue
            earlier = history[-2]  # their words again, under their name
            self._store(one, earlier.status, earlier.value, earlier.step, earlier.message_id,
                        (earlier.author_id, earlier.author))
            restored.append({"prompt": self.view.prompt(one), "answer": self._display(
                one, from_json(one.kind, earlier.value)) if earlier.status == ANSWERED else {"status": earlier.status}})
        return Outcome([Reply("answer_restored", {"name": self.view.answers[question.id].author,
                                                  "answers": restored}), *self._again()])

    def _replace_answer(self, question: Question, stored: StoredAnswer | None, text: str, message_id: int | None,
                        unexpected_date: Callable[[date], Outcome], adds: bool = False,
                        not_taken: Callable[[ParseError], Outcome] | None = None) -> Outcome:
        try:
            value = parse_answer(question, text, self._today())
            if adds and question.kind is Kind.MULTI:  # ticked with the options ticked before, in their order
                value = [o.id for o in question.options if o.id in value or o.id in stored.value]
            elif adds and question.kind in (Kind.SHORT_TEXT, Kind.LONG_TEXT):
                before = stored.value.rstrip(" ,;")
                value = parse_answer(question, f"{before} {value[:1].upper()}{value[1:]}" if before.endswith(
                    (".", "!", "?")) else f"{before}, {value}")
        except ParseError as error:
            return self._not_replaced(question, error) if not_taken is None else not_taken(error)
        if question.kind is Kind.DATE and self._unexpected_date(question, value):
            return unexpected_date(value)
        stored_value = to_json(question.kind, value)
        if stored is None or stored_value != stored.value:
            step = stored.step if stored is not None else self.guide.step_of_question[question.id].id
            self._store(question, ANSWERED, stored_value, step, message_id)
        if self.membership.focus_question == question.id:  # the question reopened is answered: the guide goes on
            self.membership.focus_question = None
        return Outcome([self._replaced(question, value), *self._committee_set(question), *self._again()])

    def _replaced(self, question: Question, value: Any) -> Reply:
        return Reply("edit_taken", {"prompt": self.view.prompt(question), "answer": self._display(question, value)})

    def _not_replaced(self, question: Question, error: ParseError) -> Outcome:
        """The answer stays as it was, and why the new text was not taken; then what the bot waits for."""
        return Outcome([Reply("edit_refused", {"prompt": self.view.prompt(question)}),
                        self._invalid(error, question), *self._again()])

    def _answered_by(self, message_id: int, like: str | None = None) -> tuple[Question | None, StoredAnswer | None]:
        """The current answer this user typed in that message, if they may still change it; of several ("Élodie
        Vergne, secrétaire générale"), the one most `like` a text correcting it."""
        typed = [(question, stored) for question_id, stored in self.view.answers.items()
                 if stored.message_id == message_id and (question := self._changeable(question_id)) is not None]
        if not typed:
            return None, None
        return typed[0] if like is None else max(typed, key=lambda answer: likeness(like, str(answer[1].value)))

    def _last_answer(self) -> tuple[Question, StoredAnswer] | None:
        """The question this user handled last (answered, passed or left for later), still as they left it, if
        they may still change it."""
        question_id = self.membership.last_answered
        question = self._changeable(question_id, any_status=True) if question_id is not None else None
        return (question, self.view.answers[question_id]) if question is not None else None

    def _changeable(self, question_id: str, any_status: bool = False) -> Question | None:
        """The question, when its current answer is this user's and they may still change it."""
        stored = self.view.answers.get(question_id)
        question = self.guide.questions.get(question_id)
        if stored is None or stored.author_id != self.user.id or question is None or (
                stored.status != ANSWERED and not any_status):
            return None
        allowed = self.membership.role in ANSWERING or (self._partner and question in self._step().questions)
        return question if allowed else None

    def _paste_tail(self, question_id: str | None, tail: str) -> Outcome:
        """A new version of the answer the paste's first part gave, with this part appended; the current
        question stays asked. When the first part was not taken as an answer, neither is this one."""
        question = self.guide.questions.get(question_id) if question_id is not None else None
        stored = self.view.answers.get(question_id) if question is not None else None
        if stored is None or stored.status != ANSWERED or question.kind not in (Kind.SHORT_TEXT, Kind.LONG_TEXT):
            return Outcome([Reply("paste_tail", {"outcome": "ignored"})])
        try:
            value = parse_answer(question, stored.value + tail)
        except ParseError as error:
            self._focus(question)  # asked again, to be given shorter
            return Outcome([Reply("paste_tail", {"outcome": "refused", "prompt": self.view.prompt(question)}),
                            self._invalid(error, question), self._ask(question)])
        self._record(question, ANSWERED, to_json(question.kind, value))
        return Outcome([Reply("paste_tail", {"outcome": "completed", "prompt": self.view.prompt(question),
                                             "length": len(value)}),
                        *self._proceed()])

    def _tap(self, event: Choice) -> Outcome:
        """A button; tapped again with nothing changed since it acted, it acts no more, and the toast says so."""
        revision = self.project.revision
        if taps.repeated(self.membership, event.message_id, event.data, revision, self.now):
            return Outcome(notice=self.ui.notices.already_done)
        outcome = self._choice(event.data)
        if self.membership is None:
            return outcome  # the project was deleted
        if outcome is not None and (outcome.replies or self.project.revision != revision):
            taps.remember(self.membership, event.message_id, event.data, self.project.revision, self.now)
        else:
            taps.forget(self.membership)  # a toast alone (e.g. "tick at least one"): the same tap toasts again
        return outcome

    # ---- answering

    def _pick(self, payload: Payload) -> Outcome:
        question = self._question_for_buttons()
        if question is None or question.kind not in (Kind.CHOICE, Kind.YES_NO):
            return self._stale()
        if question.kind is Kind.YES_NO:
            if payload.arg not in (0, 1):
                return self._stale()
            value: Any = payload.arg == 1
        else:
            if payload.arg is None or not 0 <= payload.arg < len(question.options):
                return self._stale()
            value = question.options[payload.arg].id
        chosen = self._answered(question, value)
        return Outcome([chosen, *self._answer(question, value)])

    def _toggle(self, payload: Payload) -> Outcome:
        question = self._question_for_buttons()
        if question is None or question.kind is not Kind.MULTI or payload.arg is None \
                or not 0 <= payload.arg < len(question.options):
            return self._stale()
        ticked, option = set(self._draft(question)), question.options[payload.arg]
        if option.id in ticked:
            ticked.remove(option.id)
        else:  # an option ticked alone ("Aucune pour l'instant") and the others exclude each other
            ticked = {o.id for o in question.options if o.id in ticked and not o.alone and not option.alone}
            ticked.add(option.id)
        self.membership.draft_question = question.id
        self.membership.draft_choices = [o.id for o in question.options if o.id in ticked]
        self._touch()
        return Outcome([self._ask(question, edit=True)])

    def _tick_what_was_read(self, question: Question, error: ParseError) -> ParseError:
        """A list with a part not read: the options it named are ticked, as taps would tick them, for the user to
        add what is missing and validate; the refusal names them. Ticks tapped on this screen stay; an answer given
        before does not: the list typed says anew what applies."""
        tapped = self.membership.draft_question == question.id and self.membership.draft_choices
        ticked = set(tapped or ()) | set(error.params["ticked"])
        if any(option.alone and option.id in ticked for option in question.options) and len(ticked) > 1:
            return ParseError(error.key, **{k: v for k, v in error.params.items() if k != "ticked"})
        self.membership.draft_question = question.id
        self.membership.draft_choices = [option.id for option in question.options if option.id in ticked]
        self._touch()
        labels = [question.label_of(option) for option in self.membership.draft_choices]
        return ParseError(error.key, **{**error.params, "ticked": labels})

    def _details_kept(self, question: Question, text: str, error: ParseError) -> ParseError:
        """"le bus (acheté 280 000 €), deux conseillères, le carburant", read in part: the options it named are
        ticked, and the whole text is the details the question after asks, kept now rather than typed again."""
        details = self.guide.questions[question.also_answers]
        step = self.guide.step_of_question[details.id]
        self._store(details, ANSWERED, to_json(details.kind, text.strip()), step.id, self._message_id)
        return ParseError(error.key, **{**error.params, "kept": self.view.prompt(details)})

    def _validate(self, payload: Payload) -> Outcome:
        question = self._question_for_buttons()
        if question is not None and question.kind is Kind.BUDGET:
            return self._validate_budget(question)
        if question is None or question.kind is not Kind.MULTI:
            return self._stale()
        ticked = self._draft(question)
        if not ticked:
            return Outcome(notice=self.ui.notices.pick_one)
        chosen = self._answered(question, ticked)
        return Outcome([chosen, *self._answer(question, ticked)])

    def _validate_budget(self, question: Question) -> Outcome:
        """The lines of this budget section are complete: their total is the answer."""
        lines = self._budget_lines(question)
        if len(lines) < (question.min or 0):
            return Outcome(notice=self.ui.notices.budget_empty)
        total = sum(line.cents for line in lines)
        chosen = self._answered(question, total)
        return Outcome([chosen, *self._answer(question, total)])

    def _typed_budget(self, question: Question, text: str) -> Outcome:
        """"salaires 70 000 €, loyer 6 000 €": lines added as the buttons would; "aucun" with no line, « Valider »."""
        if says_none(text) and not self._budget_lines(question):
            return self._typed(self._validate(None))
        budget = self.ref.budget
        try:
            return Outcome(self._desk().typed(read_lines(budget.section(question.budget), text, budget.subsidy_words,
                                                         budget.names_with_article)))
        except PartlyRead as error:  # "…, locaux de la poste 3 600, maintenance 1 500": all but one line added
            try:
                added, *then = self._desk().typed(error.lines)
            except ParseError:
                return Outcome([self._invalid(error.none_added(), question), self._ask(question)])
            return Outcome([added, self._invalid(error, question), *then])
        except ParseError as error:
            return Outcome([self._invalid(error, question), self._ask(question)])

    def _guided(self) -> bool:
        """Whether a budget screen was opened from the guide's budget question, where what it does ends."""
        return self._budget_question() is not None

    def _budget_question(self) -> Question | None:
        question = self._question_for_buttons()
        return question if question is not None and question.kind is Kind.BUDGET else None

    def _budget_summary(self):
        return project_budget(self.ref.budget, self.view.values, self.repo.budget_lines(self.project.id))

    def _budget_lines(self, question: Question, summary=None) -> list:
        summary = summary or self._budget_summary()
        if question.budget == "ressources":
            return summary.resources
        return summary.charges[question.budget]

    def _answer(self, question: Question, value: Any) -> list[Reply]:
        with self.machine.model(self._machine_state()) as model:
            if not model.answer(_Turn(self.view, question)):
                return self._proceed()
        left = self.view.values.get(question.id)
        self._record(question, ANSWERED, to_json(question.kind, value))
        self._asked_again(question, left, value)
        return [*self._committee_set(question), *self._implied(question, value), *self._proceed()]

    def _asked_again(self, question: Question, left: Any, value: Any) -> None:
        """The option left names a date to answer anew (the dossier sent back, now sent again): asked next, its
        answer shown to keep or change, unless this message gave it."""
        again = self.guide.questions.get(self._dated_again(question, left, value) or "")
        if again is not None and again.id not in self._stored and self.view.visible(again) \
                and self.view.status(again.id) == ANSWERED:
            self._focus(again)

    @staticmethod
    def _dated_again(question: Question, left: Any, value: Any) -> str | None:
        """The date question the option left for another names to answer anew (`dated_again`), if any."""
        return next((option.dated_again for option in question.options if option.id == left != value), None)

    def _implied(self, question: Question, value: Any) -> list[Reply]:
        """"à recruter, temps plein" as who will do a job is its status and its time too: the questions this answer
        names an option or a word of, shown and not answered yet, are answered, and the chat says so."""
        if not isinstance(value, str):
            return []
        said = []
        for implied in self.guide.implied.get(question.id, ()):
            if not self.view.visible(implied) or self.view.status(implied.id) == ANSWERED:
                continue
            meant = word_said(implied, value) if implied.kind is Kind.DECIMAL else (
                match_choice(implied.options, value) or option_said_last(implied.options, value))
            if meant is None:
                continue
            said.append(self._answered_along(implied, meant, self.guide.step_of_question[implied.id].id, linked=False))
        return said

    def _skip(self, status: str) -> Outcome:
        question = self._question_for_buttons()
        if question is None:
            return self._stale()
        stored = self.view.answers.get(question.id)
        if status == SKIPPED and stored is not None and stored.status == ANSWERED:
            return self._keep()  # passing never erases an answer
        return self._pass(question, status, status)

    def _defer_partner(self, every: bool = False) -> Outcome:
        """« Tout ce partenaire plus tard »: the questions about the partner asked now, not answered yet, all left for
        later at once; its member, if the owner invites one, or /a_traiter brings them back. With `every`, those
        about every partner of the step ("tous les partenaires plus tard")."""
        question = self._question_for_buttons()
        left = self._partner_left(question, every) if question is not None else []
        if len(left) < 2:
            return self._stale()
        with self.machine.model(self._machine_state()) as model:
            if not all(model.defer(_Turn(self.view, q)) for q in left):
                return self._stale()
        step = self._step()
        for other in left:
            self._record(other, DEFERRED, None)  # the question asked last: /a_traiter's way back reads it
        partners = {self.ref.partners.by_question[q.id].key for q in left}
        partner = self.ref.partners.by_question[question.id]
        member = None if every else self._member_for(partner.key)
        return Outcome([Reply("partner_deferred", {
            "partner": partner_name(partner.key, self.engine.partner_labels, self.view.values), "count": len(left),
            "member": member and {"name": member.name, "partner": self._partner_named(partner.key)},
            "partners": len(partners) if every else None, "others": not every and any(
                q.id in self.ref.partners.by_question and self.view.status(q.id) is None
                for q in self.view.visible_questions(step)),
            "owner": self.membership.role == OWNER}, edit=True), *self._proceed()])

    def _partner_left(self, question: Question, every: bool = False) -> list[Question]:
        """The questions about the partner this question is about (with `every`, about any partner), in its step,
        not handled yet, this one last unless answered; none for a question about no partner, or for a partner's
        own member (its part is all about it)."""
        partner = self.ref.partners.by_question.get(question.id)
        if partner is None or self._partner or self.view.status(question.id) == ANSWERED:
            return []
        step = self._step()
        if step is None:
            return []
        visible = self.view.visible_questions(step)
        if question not in visible:
            return []
        about = self.ref.partners.by_question if every else partner.questions
        others = [q for q in visible if q.id in about and q.id != question.id and self.view.status(q.id) is None]
        return [*others, question]

    def _clear(self) -> Outcome:
        """A reopened optional question's answer taken back: the question is passed; the answer stays in its
        history."""
        question = self._question_for_buttons()
        stored = self.view.answers.get(question.id) if question else None
        if question is None or question.kind is Kind.BUDGET or stored is None or stored.status != ANSWERED:
            return self._stale()
        return self._pass(question, SKIPPED, "cleared")

    def _pass(self, question: Question, status: str, shown: str) -> Outcome:
        """Record the question as passed or left for later, when the machine allows it; `shown`: how the
        reply states it."""
        with self.machine.model(self._machine_state()) as model:
            allowed = (model.skip if status == SKIPPED else model.defer)(_Turn(self.view, question))
        if not allowed:
            return Outcome([self._ask(question)], notice=self.ui.notices.required)
        self._record(question, status, None)
        return Outcome([Reply("answered", {"prompt": self.view.prompt(question), "answer": {"status": shown}},
                              edit=True),
                        *self._committee_set(question), *self._proceed()])

    def _committee_set(self, question: Question) -> list[Reply]:
        """Once the guide's committee date, time and place are handled: the confirmation and the calendar file."""
        rules = self.engine.reminders.committee
        asked = [rules.date_question, rules.time_question, rules.place_question]  # in the guide's order
        if question.id not in asked or any(later not in self.view.answers
                                           for later in asked[asked.index(question.id) + 1:]):
            return []  # the time or place question comes next; the file waits for it
        desk = self._desk_for_reminders()
        desk.sync()
        self._calendar_moved = False
        day = desk.facts().committee_date
        return [desk.date_set(day)] if day is not None else []

    def _record(self, question: Question, status: str, value: Any) -> None:
        """The answer to the question asked, given in the current step: the guide goes on from there."""
        step = self._step()
        self._store(question, status, value, step.id if step is not None else None, self._message_id)
        if self._handled is None:  # the first question a message handled: what "je voulais dire…" will correct
            self.membership.last_answered = question.id  # ("Le Goff, maire": the name; "passer": that question)
        self.membership.focus_question = None
        self.membership.draft_question = None
        self.membership.draft_choices = None
        self._recorded = question.id if status == ANSWERED else None
        self._handled = question.id

    def _store(self, question: Question, status: str, value: Any, step_id: str | None,
               message_id: int | None, author: tuple[int, str] | None = None) -> None:
        """A new version of an answer, as the project and its team see it from now on; `author`: (id, name) of
        whose words it is, when not this user's (a teammate's answer put back)."""
        author_id, author_name = author or (self.user.id, self.user.name)
        before = self._requirement_states() if self.project.members > 1 else None
        if question.identifies and status == ANSWERED and (earlier := self.view.answers.get(question.id)) is not None \
                and earlier.status == ANSWERED and another_name(earlier.value, value):
            self._names_replaced.append((question, earlier.value))
        self._stored.add(question.id)
        self.repo.record_answer(self.project.id, question.id, question.kind.value, status, value, author_id,
                                step_id, message_id)
        self._view = self.view.with_answer(question.id, StoredAnswer(
            status, value, question.kind.value, step_id, author_id, author_name, self.now, message_id))
        self._calendar_moved |= question.id in self.engine.watched
        self._touch()
        if before is not None:
            after = self._requirement_states()
            for check_id, state in after.items():
                if before.get(check_id) != state:
                    self._tell_team("requirement", {"check": check_id, "state": state})

    # ---- moving

    def _back(self) -> Outcome:
        step = self._step()
        if step is None:
            return self._fire("back")
        visible = self.view.visible_questions(step)
        question = self._current(step)
        position = visible.index(question) if question in visible else len(visible)
        if position > 0:
            self._focus(visible[position - 1])
            return Outcome(self._proceed())
        if self._partner or self.machine.states.index(self.project.state) == 0:
            return Outcome(self._proceed(), notice=self.ui.notices.first)
        self._move("back")
        return Outcome(self._recap(self._step()))

    def _next(self) -> Outcome:
        step = self._step()
        missing = self.view.missing_required(step) if step is not None else []  # a partner's: its part only
        if missing:
            self._focus(missing[0])
            deferred = all(self.view.status(q.id) == DEFERRED for q in missing)
            return Outcome([Reply("missing_required", {"questions": [self.view.prompt(q) for q in missing],
                                                       "deferred": deferred, "partner": self._partner}),
                            *self._proceed()])
        if self._partner:
            return self._confirm_part() if self._partner_asked() else Outcome(self._proceed())
        return self._fire("next")

    def _goto(self, payload: Payload) -> Outcome:
        if payload.arg is None or not 0 <= payload.arg < len(self.guide.stages):
            return self._stale()
        return self._fire(goto_trigger(self.guide.stages[payload.arg].steps[0].id))

    def _edit(self, index: int | None) -> Outcome:
        """Reopen the step's visible question at index (✏️ N)."""
        step = self._step()
        visible = self.view.visible_questions(step) if step else []
        if index is None or not 0 <= index < len(visible):
            return self._stale()
        self._focus(visible[index])
        return Outcome(self._proceed())

    def _fix(self, payload: Payload) -> Outcome:
        if payload.arg is None or not 0 <= payload.arg < len(self.guide.checks):
            return self._stale()
        return self._fire(goto_trigger(self.guide.checks[payload.arg].step))

    def _answer_later(self, payload: Payload) -> Outcome:
        """Open a deferred question, from the list of questions left for later."""
        question = self._question_at(payload.arg)
        if question is None:
            return self._stale()
        step = self.guide.step_of_question[question.id]
        if not self.view.visible(question):
            return self._stale()
        left = self.guide.step_index.get(self.project.state, FINISHED)
        self._move(goto_trigger(step.id), focus=question)
        if not self._partner:
            self.membership.awaiting = f"{LATER}{payload.arg}:{left}"
        return Outcome(self._proceed())

    def _back_from_later(self) -> list[Reply] | None:
        """Once the question opened from /a_traiter is handled: back to the state the guide left for it, with the
        questions still left for later, or where the guide was when none is. None otherwise."""
        awaiting = self.membership.awaiting or ""
        if not awaiting.startswith(LATER):
            return None
        position, left = awaiting.removeprefix(LATER).split(":", 1)
        questions = self.guide.question_list
        if not position.isdigit() or int(position) >= len(questions) or self._handled is None:
            return None
        later = questions[int(position)].id

        def follows(question: Question | None) -> bool:  # "Quel autre enjeu ?" after « Autre » ticked, and on
            asked = {leaf.question for leaf in leaves(question.when)} if question is not None else set()
            return later in asked or any(follows(self.guide.questions[asked_id]) for asked_id in asked)

        if self._handled != later and not follows(self.guide.questions[self._handled]):
            return None
        if (step := self._step()) is not None and follows(self._current(step)):
            return None  # what the answer calls for is asked first
        self.membership.awaiting = None
        if self.view.status(later) != DEFERRED and (then := self._partner_left_next(later)) is not None:
            self._move(goto_trigger(self.guide.step_of_question[then.id].id), focus=then)
            self.membership.awaiting = f"{LATER}{self.guide.question_index[then.id]}:{left}"
            partner = partner_name(self.ref.partners.by_question[later].key, self.engine.partner_names,
                                   self.view.values)
            return [Reply("notice", {"text": self.ui.notices.later_partner.format(partner=partner)}),
                    *self._proceed()]
        if left == FINISHED or (left.isdigit() and int(left) < len(self.guide.steps)):
            self._move(goto_trigger(left if left == FINISHED else self.guide.steps[int(left)].id))
        listed = self._reports().deferred()
        if listed.values["stages"]:
            return [Reply("notice", {"text": self.ui.notices.later_left}), listed]
        return [Reply("notice", {"text": self.ui.notices.later_done}), *self._proceed()]

    def _partner_left_next(self, question_id: str) -> Question | None:
        """The next question about the same partner still left for later, after one answered from /a_traiter: a
        partner's questions are answered in a row, not one per trip through the list."""
        partner = self.ref.partners.by_question.get(question_id)
        if partner is None or self._partner:
            return None
        after = partner.questions[partner.questions.index(question_id) + 1:]
        return next((self.guide.questions[then] for then in after if self.view.status(then) == DEFERRED
                     and self.view.visible(self.guide.questions[then])), None)

    def _checklist(self, payload: Payload) -> Outcome:
        marks = self.repo.checklist_marks(self.project.id)
        if payload.arg is None:
            return Outcome([self._reports().checklist(marks)])
        if not 0 <= payload.arg < len(self.guide.stages):
            return self._stale()
        return Outcome([self._reports().checklist_stage(self.guide.stages[payload.arg], marks)])

    def _tick(self, payload: Payload) -> Outcome:
        items = self.guide.checklist
        if payload.arg is None or not 0 <= payload.arg < len(items):
            return self._stale()
        item = items[payload.arg]
        marks = self.repo.checklist_marks(self.project.id)
        marks[item.id] = not marks.get(item.id, False)
        self.repo.mark_checklist(self.project.id, item.id, marks[item.id], self.user.id)
        self._touch()
        stage = next(stage for stage in self.guide.stages if item in stage.checklist)
        return Outcome([self._reports().checklist_stage(stage, marks, edit=True)])

    def _tick_all(self, payload: Payload) -> Outcome:
        if payload.arg is None or not 0 <= payload.arg < len(self.guide.stages):
            return self._stale()
        stage = self.guide.stages[payload.arg]
        states = self._reports().checklist_states(self.repo.checklist_marks(self.project.id))
        return Outcome([self._ticked_all(stage, not all(states[item.id].done for item in stage.checklist), edit=True)])

    def _ticked_all(self, stage: Stage, done: bool, edit: bool = False) -> Reply:
        """Every item of the stage that no answer shows ticked by hand ("tout est fait"), or every hand tick taken
        back; the stage's items shown again."""
        marks = self.repo.checklist_marks(self.project.id)
        for item in self._reports().by_hand(stage, marks):
            if marks.get(item.id, False) != done:
                marks[item.id] = done
                self.repo.mark_checklist(self.project.id, item.id, done, self.user.id)
        self._touch()
        return self._reports().checklist_stage(stage, marks, edit=edit)

    def _move(self, trigger: str, focus: Question | None = None) -> Step | None:
        """Fire a machine trigger and return the step that was left."""
        leaving = self._step()
        with self.machine.model(self.project.state) as model:
            model.trigger(trigger, _Turn(self.view, None))
            self.project.state = model.state
        self.membership.focus_question = focus.id if focus else None
        self._touch()
        return leaving

    def _fire(self, trigger: str) -> Outcome:
        """Move, then introduce the step; leaving a stage's last step forward shows the stage's summary."""
        leaving = self._move(trigger)
        replies = self._enter_step()
        if trigger == "next" and leaving is not None:
            stage = self.guide.stage_of_step[leaving.id]
            if stage.steps[-1] is leaving:
                replies.insert(0, self._reports().stage_done(stage))
                self._tell_team("stage_done", {"stage": stage.order})
        return Outcome(replies)

    def _missing_required(self) -> list[Question]:
        return missing_required(self.guide.question_list, self.view.answers)

    def _standing(self) -> dict[str, Any]:
        """What the guide's end and /dossier both say: answers missing, the budget, each kind of rule."""
        results = self._reports().results()
        budget_question = next(q for q in self.guide.question_list if q.kind is Kind.BUDGET)
        missing = [{"stage": self._stage_order(q), "prompt": self.view.prompt(q), "budget": False}
                   for q in self._missing_required()]
        no_budget, budget_stage = budget_missing(self._budget_summary()), self._stage_order(budget_question)
        budget = [{"stage": budget_stage, "budget": True}] if no_budget else []
        return {
            "missing": missing,
            "budget_missing": no_budget,
            "budget_stage": budget_stage,
            # In stage order, the budget first in its stage, as the draft dossier lists them.
            "to_complete": sorted(budget + missing, key=lambda item: item["stage"]),
            "requirements": requirement_counts(results),
            "unmet": [{"title": r.check.title, "reason": r.reason, "kind": r.check.kind,
                       "to_confirm": r.check.to_confirm} for r in results if r.state is State.NOT_MET],
            "pending": [{"title": r.check.title, "kind": r.check.kind, "to_confirm": r.check.to_confirm}
                        for r in results if r.state is State.PENDING and r.requirement],
        }

    def _stage_order(self, question: Question) -> int:
        return self.guide.stage_of_step[self.guide.step_of_question[question.id].id].order

    def _final_allowed(self, standing: dict[str, Any]) -> bool:
        """Final means final: every required answer given, the budget entered, every requirement met."""
        requirements = standing["requirements"]
        return (not standing["missing"] and not standing["budget_missing"]
                and requirements["met"] == requirements["total"])

    def _dossier_choice(self) -> Reply:
        """What the dossier would lack, then the choice: final (only when complete) or draft."""
        standing = self._standing()
        complete = self._final_allowed(standing)
        standing["final"] = complete
        buttons = [[self._button(self.ui.documents.final, Action.DOSSIER, 0)]] if complete else []
        buttons += [[self._button(self.ui.documents.draft, Action.DOSSIER, 1)],
                    [self._button(self.ui.buttons.menu, Action.MENU)]]
        if allows_action(self.membership.role, Action.DOSSIER):
            self.membership.awaiting = DOSSIER  # saved with the membership; its buttons stay valid
        return Reply("dossier", standing, buttons)

    def _typed_at_dossier(self, text: str) -> Outcome | None:
        """"brouillon", "dossier final", or a yes: what that button does; a yes with both offered is asked again,
        never taken for a yes to the guide's question out of sight."""
        if (meant := typed_at_dossier(text)) is None:
            return None
        if meant is True:
            if self._final_allowed(self._standing()):
                return Outcome([Reply("notice", {"text": self.ui.notices.dossier_which}), self._dossier_choice()])
            meant = DRAFT
        return self._typed(self._send_dossier(draft=meant == DRAFT))

    def _dossier(self, payload: Payload) -> Outcome:
        if payload.arg not in (0, 1):
            return self._stale()
        return self._send_dossier(draft=payload.arg == 1)

    def _send_dossier(self, draft: bool) -> Outcome:
        if not draft and not self._final_allowed(self._standing()):
            return Outcome([self._dossier_choice()], notice=self.ui.notices.stale)
        return Outcome([Reply("dossier_sending", {"draft": draft},
                              documents=DocumentRequest(self.project.id, draft))])

    def _budget(self, payload: Payload, bound: int | None, show) -> Outcome:
        """A budget action whose argument is checked (below `bound`, or a line key) before it runs."""
        if payload.arg is None or payload.arg < 0 or (bound is not None and payload.arg >= bound):
            return self._stale()
        return _outcome(show(self._desk())) or self._stale()

    def _desk_for_reminders(self) -> ReminderDesk:
        return ReminderDesk(self.guide, self.engine.reminders, self._planner, self.ui, self.repo, self.project,
                            self.membership, self.user.id, lambda: self.view, self._store_answer, self._button,
                            self.now)

    def _store_answer(self, question_id: str, value: Any) -> None:
        """An answer given outside the guide's flow (from /rappels): recorded, the place in the guide kept."""
        question = self.guide.questions[question_id]
        self.repo.record_answer(self.project.id, question_id, question.kind.value, ANSWERED, value, self.user.id)
        self._view = self.view.with_answer(question_id, StoredAnswer(
            ANSWERED, value, question.kind.value, None, self.user.id, self.user.name, self.now))
        self._touch()

    def _budget_year_question(self) -> Question:
        return self.guide.questions[self.ref.budget.framing.year]

    def _budget_year(self, text: str) -> Outcome:
        """The budget's year typed after "Année du budget": the guide's answer, the place in the guide kept."""
        question = self._budget_year_question()
        try:
            value = parse_answer(question, text, self._today())
        except ParseError as error:
            return Outcome([self._invalid(error, question), self._desk().ask_year(question)])
        self.membership.awaiting = None
        self._touch()
        self._store_answer(question.id, to_json(question.kind, value))
        return Outcome([self._desk().summary()])

    def _desk(self) -> BudgetDesk:
        return BudgetDesk(self.ref.budget, self.ui, self.repo, self.project, self.membership, self.user.id,
                          self.view, self._button, self._touch, self._proceed)

    def _reports(self) -> Reports:
        return Reports(self.guide, self.ui, self.view, self._button, lambda: project_budget(
            self.ref.budget, self.view.values, self.repo.budget_lines(self.project.id)),
                       lambda: self.repo.checklist_evidence(self.project.id), self._zone, self.ref.partners)

    def _focus(self, question: Question) -> None:
        self.membership.focus_question = question.id
        self._touch()

    def _touch(self) -> None:
        self.project.revision += 1

    # ---- what to show

    @property
    def view(self) -> ProjectView:
        if self._view is None:
            self._view = ProjectView(self.guide, self.repo.answers(self.project.id))
        return self._view

    @property
    def ref(self) -> Referential:
        """The referential of the project open (the default one before there is a project)."""
        return self.engine.referentials[self.project.referential] if self.project is not None else self.engine.default

    @property
    def guide(self) -> LoadedGuide:
        return self.ref.guide

    @property
    def machine(self) -> ProjectMachine:
        return self.engine.machines[self.ref.id]

    @property
    def _partner(self) -> bool:
        return self.membership.role == PARTNER

    def _partner_label(self) -> str:
        """The organisation this partner member answers for, whichever rules the project follows now."""
        return partner_name(self.membership.partner, self.engine.partner_labels, self.view.values)

    def _partner_named(self, key: str | None = None) -> str:
        """The same, or the organisation of that key, as a sentence names it: "la CAF"."""
        return partner_name(key or self.membership.partner, self.engine.partner_names, self.view.values)

    def _partner_asked(self) -> bool:
        """The partner's organisation is among those the project chose: it has questions to answer."""
        return bool(self.view.visible_questions(self._step()))

    def _machine_state(self) -> str:
        """Where the machine stands for this member: a partner's own step, or the project's."""
        return self._step().id if self._partner else self.project.state

    def _step(self) -> Step | None:
        if self._partner:
            return self.ref.partners.step(self.membership.partner)
        if self.project.state == FINISHED or self.project.state not in self.guide.step_index:
            return None
        return self.guide.step(self.project.state)

    def _current(self, step: Step) -> Question | None:
        return self.view.current_question(step, self.membership.focus_question,
                                          self.user.id if self._partner else None)

    def _question_for_buttons(self) -> Question | None:
        step = self._step()
        return self._current(step) if step else None

    def _with_ticked(self, question: Question, value: list[str], text: str) -> list[str]:
        """A list typed under options ticked on its screen ("3 4 6 9" after « J'ai coché : La Poste… Touchez ce qui
        manque »): those ticks and the options typed, unless one typed is ticked alone ("aucun"), less those the
        text withdraws ("le forum, on verra")."""
        ticked = self.membership.draft_choices if self.membership.draft_question == question.id else None
        if ticked is None and says_added(text):  # "+ la fibre et le wifi" under the answer shown: added to it
            ticked = self._draft(question)
        if not ticked or any(option.alone and option.id in value for option in question.options):
            return value
        withdrawn = read_list(question, text).withdrawn
        kept = {*value, *ticked} - withdrawn - {option.id for option in question.options if option.alone}
        return [option.id for option in question.options if option.id in kept]

    def _draft(self, question: Question, budget_lines: list | None = None) -> list[str]:
        """The list's ticks: those tapped on its screen, else its answer, else the aids the budget lists
        (`budget_lines`, read when not given)."""
        if self.membership.draft_question == question.id and self.membership.draft_choices is not None:
            return list(self.membership.draft_choices)
        stored = self.view.answers.get(question.id)
        if stored and stored.status == ANSWERED:
            return list(stored.value)
        if not asks_of_budget(question):
            return []
        return budgeted_options(question, self.repo.budget_lines(self.project.id) if budget_lines is None
                                else budget_lines)

    def _proceed(self) -> list[Reply]:
        """The current question, or the step's recap once every question is handled."""
        if self.membership.role not in ANSWERING and not self._partner:
            return [self._progress()]  # a reader answers nothing: where the project stands
        step = self._step()
        if self._partner and not self._partner_asked():
            return [Reply("partner_not_chosen", {"partner": self._partner_named()}, self._menu_buttons())]
        if (back := self._back_from_later()) is not None:
            return back
        if step is None:
            to_tick = self._reports().to_tick(self.repo.checklist_marks(self.project.id))
            # Reached by jumping ahead from the menu, the end is not "every stage gone through".
            untouched = [p.stage.order for p in self.view.stage_progress() if not p.done and not p.deferred]
            return [Reply("finished", {**self._project_values(), **self._standing(), "to_tick": to_tick,
                                       "untouched": untouched}, self._menu_buttons())]
        question = self._current(step)
        return [self._ask(question)] if question else self._recap(step)

    def _enter_step(self) -> list[Reply]:
        step = self._step()
        if step is None:
            return self._proceed()
        stage = self.guide.stage_of_step[step.id]
        intro = Reply("step_intro", {
            "stage": stage.title, "stage_order": stage.order, "stage_fiche": stage.fiche,
            "first_of_stage": stage.steps[0].id == step.id, "step": step.title, "fiche": step.fiche,
            "attention": step.attention, "attention_by": step.attention_by,
        })
        return [intro, *self._proceed()]

    def _ask(self, question: Question, edit: bool = False) -> Reply:
        self._asked = question.id
        self._asking = self.guide.question_index[question.id]  # its buttons act on it: see `_still_asked`
        try:
            return self._question_screen(question, edit)
        finally:
            self._asking = None

    def _question_screen(self, question: Question, edit: bool) -> Reply:
        step = self._step()
        visible = self.view.visible_questions(step) if step is not None else []
        if question not in visible:
            step = self.guide.step_of_question[question.id]
            visible = self.view.visible_questions(step)
        stored = self.view.answers.get(question.id)
        answered = stored is not None and stored.status == ANSWERED
        lines = self.repo.budget_lines(self.project.id) if asks_of_budget(question) else []  # the funders' lines
        values = {
            "prompt": self.view.prompt(question), "help": question.help, "kind": question.kind.value,
            "required": question.required, "step": step.title,
            "number": visible.index(question) + 1, "count": len(visible),
            "current": self._display(question, from_json(question.kind, stored.value))
            if answered else {"status": stored.status} if stored else None,
            "recall": None, "budget": None, "budget_lines": budget_lines_shown(question, lines), "from_budget": False,
            "partner_member": None if answered else self._partner_member(question),
        }
        rows: list[list[Button]] = []
        if question.id in step.recall and stored is not None:
            home = self.guide.step_of_question[question.id]
            values["recall"] = {"stage": self.guide.stage_of_step[home.id].order, "step": home.title}
            rows.append([self._button(self.ui.buttons.keep, Action.KEEP)])
        if question.kind is Kind.BUDGET:
            values["budget"] = self._budget_values(question)
            rows += self._budget_rows(question, values["budget"]["lines"])
        elif question.kind is Kind.YES_NO:
            rows.append([self._button(self.ui.buttons.answer_yes, Action.PICK, 1),
                         self._button(self.ui.buttons.answer_no, Action.PICK, 0)])
        elif question.kind is Kind.CHOICE:
            rows += [[self._button(o.label, Action.PICK, i)] for i, o in enumerate(question.options)]
        elif question.kind is Kind.MULTI:
            ticked = self._draft(question, lines)
            values["ticked"] = [o.label for o in question.options if o.id in ticked]
            tapped = self.membership.draft_question == question.id and self.membership.draft_choices is not None
            values["from_budget"] = bool(ticked) and not answered and not tapped
            for i, option in enumerate(question.options):
                template = self.ui.buttons.ticked if option.id in ticked else self.ui.buttons.unticked
                rows.append([self._button(template.format(label=option.label), Action.TOGGLE, i)])
            rows.append([self._button(self.ui.buttons.confirm, Action.VALIDATE)])
        if answered and question.id not in step.recall and question.kind not in (Kind.MULTI, Kind.BUDGET):
            rows.append([self._button(self.ui.buttons.keep_answer, Action.KEEP)])  # "Valider" keeps the others'
        if answered and not question.required and question.kind is not Kind.BUDGET:  # a budget's lines are its answer
            rows.append([self._button(self.ui.buttons.clear_answer, Action.CLEAR)])
        navigation = [self._button(self.ui.buttons.back, Action.BACK)]
        if not question.required and not answered:  # passing an answered question keeps it: "Garder" says so
            navigation.append(self._button(self.ui.buttons.skip, Action.SKIP))
        navigation.append(self._button(self.ui.buttons.defer, Action.DEFER))
        rows.append(navigation)
        if len(self._partner_left(question)) > 1:
            rows.append([self._button(self.ui.buttons.defer_partner, Action.DEFER_PARTNER)])
        return Reply("question", values, rows, edit=edit)

    def _partner_member(self, question: Question) -> dict[str, Any] | None:
        """Who in the team answers for the organisation this question is about, when someone else is asked it, and
        whether « Tout ce partenaire plus tard » is there to leave them its questions."""
        partner = self.ref.partners.by_question.get(question.id)
        if partner is None or self._partner:
            return None
        if (member := self._member_for(partner.key)) is None:
            return None
        every = len(self._partner_left(question)) > 1
        return {"name": member.name, "partner": self._partner_named(partner.key), "every": every,
                "button": self.ui.buttons.defer_partner if every else self.ui.buttons.defer}

    def _member_for(self, partner_key: str) -> Member | None:
        """The team member invited for that organisation, if any."""
        if self.project.members < 2:
            return None
        return next((m for m in Team(self.repo.connection).members(self.project.id) if m.partner == partner_key),
                    None)

    def _budget_values(self, question: Question) -> dict[str, Any]:
        summary = self._budget_summary()
        lines = self._budget_lines(question, summary)
        return {"section": question.budget, "total_cents": sum(line.cents for line in lines),
                "lines": [{"label": line.label, "cents": line.cents, "use": line.use} for line in lines],
                "subsidy_cents": summary.subsidy.cents if question.budget == "ressources" else None,
                "subsidy_label": subsidy_label(self.ref.budget.subsidy, self.ui.budget)}

    def _budget_rows(self, question: Question, lines: list) -> list[list[Button]]:
        """A button per category of the section, then validate and, once there are lines, edit them."""
        every = list(self.ref.budget.categories.values())
        buttons = [self._button(category.label, Action.BUDGET_CATEGORY, every.index(category))
                   for category in self.ref.budget.section(question.budget)]
        rows = [buttons[i:i + 2] for i in range(0, len(buttons), 2)]
        done = [self._button(self.ui.buttons.confirm, Action.VALIDATE)]
        if lines:
            done.append(self._button(self.ui.budget.edit_lines, Action.BUDGET_LINES))
        return rows + [done]

    def _recap(self, step: Step) -> list[Reply]:
        """The step's answers, each with its ✏️ button; in several messages past RECAP_ITEMS_PER_MESSAGE answers,
        since Telegram refuses a keyboard of more than 100 buttons. The last one moves on."""
        items = []
        for number, question in enumerate(self.view.visible_questions(step), start=1):
            stored = self.view.answers.get(question.id)
            answer = None
            if stored is not None:
                answer = (self._display(question, from_json(question.kind, stored.value))
                          if stored.status == ANSWERED else {"status": stored.status})
            items.append({"number": number, "prompt": self.view.prompt(question), "answer": answer,
                          "by": self._author(stored)})
        given = [item["by"] for item in items if item["answer"] is not None]
        all_by = given[0] if len(given) > 1 and given[0] is not None and all(by == given[0] for by in given) else None
        if all_by is not None:  # a step a teammate answered alone in a day: said once, not under each answer
            items = [item | {"by": None} for item in items]
        weekly = (total_minutes([self.view.values[q.id] for q in step.questions
                                 if q.kind is Kind.TIME_RANGES and q.id in self.view.values])
                  if step.weekly_hours else None)
        partner = self._partner_label() if self._partner else None
        items = _deferred_folded(items)
        starts = range(0, max(len(items), 1), RECAP_ITEMS_PER_MESSAGE)
        parts = []
        for start in starts:
            shown = items[start:start + RECAP_ITEMS_PER_MESSAGE]
            edit_buttons = [self._button(self.ui.buttons.edit.format(number=item["number"]), Action.EDIT,
                                         item["number"] - 1) for item in shown if not item.get("last")]
            rows = [edit_buttons[i:i + EDIT_BUTTONS_PER_ROW] for i in range(0, len(edit_buttons), EDIT_BUTTONS_PER_ROW)]
            last = start == starts[-1]
            if last:
                if step.tool == "budget" and not self._partner:
                    rows.append([self._button(self.ui.budget.open, Action.BUDGET)])
                rows.append([self._button(self.ui.buttons.back, Action.BACK),
                             self._button(self.ui.buttons.confirm_part if self._partner else self.ui.buttons.next_step,
                                          Action.NEXT)])
            parts.append(Reply("recap", {"step": step.title, "fiche": step.fiche, "items": shown, "all_by": all_by,
                                         "weekly_minutes": weekly, "partner": partner, "continued": start > 0,
                                         "more": not last}, rows))
        return parts

    def _author(self, stored: StoredAnswer | None) -> dict[str, Any] | None:
        """Who last changed an answer and when, when it was not the reader."""
        if stored is None or stored.at is None or stored.author_id == self.user.id:
            return None
        return {"name": stored.author, "at": stored.at.astimezone(self._zone).date()}

    def _answered(self, question: Question, value: Any) -> Reply:
        """The question's message, edited to show under it the answer just chosen."""
        return Reply("answered", {"prompt": self.view.prompt(question), "answer": self._display(question, value)},
                     edit=True)

    def _display(self, question: Question, value: Any) -> dict[str, Any]:
        """A typed value made ready for the templates' filters; options become their labels."""
        if question.kind is Kind.CHOICE:
            value = question.label_of(value)
        elif question.kind is Kind.BUDGET:
            value = sum(line.cents for line in self._budget_lines(question))  # the lines as they are now
        elif question.kind is Kind.MULTI:
            value = [question.label_of(v) for v in value]
        return {"status": ANSWERED, "kind": question.kind.value, "value": value}

    def _project_values(self) -> dict[str, Any]:
        step = self._step()
        stage = self.guide.stage_of_step[step.id] if step else None
        return {"project": self.project.name, "territory": self.project.territory, "referential": self.ref.meta.name,
                "stage": stage.title if stage else None, "stage_order": stage.order if stage else None,
                "step": step.title if step else None}

    # ---- the user's own data (RGPD)

    def _seen(self) -> None:
        """The user is active: their last activity moves on, and a warning of erasure for inactivity is void."""
        last = self.user.last_seen_at
        if last is None or self.now - last >= ACTIVITY_RESOLUTION or self.user.inactivity_warned_at is not None:
            self.user.last_seen_at = self.now
            self.user.inactivity_warned_at = None

    def _personal(self, event: Event) -> Outcome | None:
        """/confidentialite, /mes_donnees, /supprimer and its buttons, with or without a project."""
        if isinstance(event, Command) and event.name in PERSONAL_COMMANDS:
            self.about_project = False
            if self.membership is not None:
                self.membership.budget_pending = None  # as any command: the line or date being typed is left
                self.membership.awaiting = None
            if event.name == "confidentialite":
                rules = self.engine.reminders.inactivity
                return Outcome([Reply("privacy", {"days": KEPT_FOR.days, "warn_months": rules.warn_after_months,
                                                  "erase_months": rules.erase_after_months})])
            if event.name == "mes_donnees":
                return Outcome([Reply("personal_data", {}, personal_data=self.user.id)])
            plan = erasure_plan(self.repo.connection, self.user.id)
            return Outcome([Reply("erase_confirm", {"erased": plan.erased, "kept": plan.kept,
                                                    "told": bool(plan.bereft)}, [
                [self._personal_button(self.ui.buttons.erase, Action.ERASE)],
                [self._personal_button(self.ui.buttons.erase_cancel, Action.ERASE_CANCEL)]])])
        payload = decode(event.data) if isinstance(event, Choice) else None
        if payload is None or payload.action not in (Action.ERASE, Action.ERASE_CANCEL):
            return None
        self.about_project = False
        if payload.action == Action.ERASE_CANCEL:
            kept = Reply("erase_cancelled", {}, edit=True)
            if self.project is None or self.project.territory is None:
                return Outcome([kept])
            return Outcome([kept, *self._proceed()])
        # Whoever taps it erases themselves, and only themselves: the button names nobody.
        plan = erase_user(self.repo.connection, self.user.id)
        self.erased = True
        return Outcome([Reply("erased", {"erased": plan.erased, "kept": plan.kept}, edit=True)], forget_chat=True,
                       others=[(member, Reply("project_deleted_member", {"project": name, "by": None}))
                               for member, name in plan.bereft])

    def _personal_button(self, label: str, action: str) -> Button:
        """A button that works without a project (payload project 0)."""
        return Button(label, Payload(self.project.id if self.project else 0, None, action).encode())

    # ---- the referential

    def _referentials(self) -> ReferentialDesk:
        return ReferentialDesk(self.engine.referentials, self.ref, self.ui, self.project.name, self.view.answers,
                               lambda: self.repo.budget_lines(self.project.id), self._button)

    def _follow(self, target: Referential) -> None:
        """The project follows another referential; every answer stays, a question it no longer asks is left."""
        self.project.referential, self.project.referential_version = target.id, target.meta.version
        if self.membership.focus_question not in target.guide.questions:
            self.membership.focus_question = None
        self.membership.draft_question = self.membership.draft_choices = None
        self._view = None
        self._touch()

    def _switch_referential(self, payload: Payload) -> Outcome:
        """From the menu: the others; one of them: what it would change; confirmed: the project follows it."""
        desk = self._referentials()
        if payload.action == Action.REFERENTIAL_SWITCH and payload.arg is None:
            return Outcome([desk.others()])
        target = desk.target(payload.arg)
        if target is None or target is self.ref:
            return self._stale()
        if payload.action == Action.REFERENTIAL_SWITCH:
            return Outcome([desk.preview(target)])
        before = self.ref.meta.name
        self._follow(target)
        self._tell_team("referential", {"before": before, "after": target.meta.name})
        return Outcome([Reply("referential_switched", {"before": before, "after": target.meta.name}, edit=True),
                        *self._proceed()])

    def _passage_fix(self, payload: Payload) -> Outcome:
        step = self._referentials().successor_check_step(payload.arg)
        return self._stale() if step is None else self._fire(goto_trigger(step))

    # ---- the team

    def _team(self) -> TeamDesk:
        return TeamDesk(Team(self.repo.connection), self.ui, self.ref.partners,
                        (self.engine.partner_labels, self.engine.partner_names),
                        (self.project.id, self.project.name),
                        (self.user.id, self.user.name), self.membership.role, lambda: self.view.values, self._button,
                        self.now, self._zone, self.engine.invite_link)

    def _team_action(self, act, planned: bool = False) -> Outcome:
        """An owner's change to the team, told to the member it concerns; `planned`: members' reminders follow
        their new roles."""
        desk = self._team()
        reply = act(desk)
        if reply is None:
            return self._stale()
        if planned:
            self._desk_for_reminders().sync()
        return Outcome([reply], others=desk.told)

    def _tell_team(self, kind: str, details: dict[str, Any]) -> None:
        """The other members hear of it (grouped, at most hourly: store.team_news)."""
        if self.project.members > 1:
            self._planner.tell_team(self.repo.connection, self.project.id, self.user.id, kind, details,
                                          self.now)

    def _requirement_states(self) -> dict[str, str]:
        names = {State.SATISFIED: "met", State.NOT_MET: "not_met", State.PENDING: "pending"}
        return {r.check.id: names[r.state] for r in self._reports().results() if r.requirement}

    def _not_allowed(self, typed: bool = False) -> Reply:
        """`typed`: a reader's text, which may be meant for the team: who to write to, since the bot relays none."""
        owners = [m.name for m in Team(self.repo.connection).members(self.project.id) if m.role == OWNER] \
            if typed else []
        return Reply("not_allowed", {"role": self.membership.role, "typed": typed, "owners": owners,
                                     "role_label": self.ui.roles.get(self.membership.role, self.membership.role)})

    def _confirm_part(self) -> Outcome:
        """A partner confirms its part: the owner sees it in /equipe, and the team hears of it."""
        Team(self.repo.connection).confirm(self.project.id, self.user.id, self.now)
        self._tell_team("confirmed", {"partner": self.membership.partner, "name": self._partner_label()})
        self._touch()
        return Outcome([Reply("partner_confirmed", {"project": self.project.name, "partner": self._partner_named()},
                              self._menu_buttons())])

    def _invitation(self, event: Event) -> Outcome | None:
        """An invitation link opened (/start <token>), or its offer accepted or declined."""
        if isinstance(event, Command) and event.name == "start" and event.arg:
            self.about_project = False
            return self._open_invitation(event.arg)
        payload = decode(event.data) if isinstance(event, Choice) else None
        if payload is None or payload.action not in Action.INVITATION:
            return None
        self.about_project = False
        team = Team(self.repo.connection)
        invitation = team.get(payload.arg) if payload.arg is not None else None
        if invitation is None or invitation.opened_by != self.user.id:
            return self._refused("unknown")
        if payload.action == Action.INVITE_DECLINE:
            return Outcome([Reply("invitation_declined", {}, edit=True), *self._carry_on()])
        state = invitation.state(self.now)
        if state != VALID:
            return self._refused(state)
        if self.repo.membership(self.user.id, invitation.project_id) is not None:
            return self._refused("member")
        self.save()  # what this tap changed in the project left stays with it
        team.accept(invitation, self.user.id, self.now)
        self.user.projects += 1
        self._open(self.repo.membership(self.user.id, invitation.project_id))
        self._tell_team("joined", {"role": invitation.role, "partner": invitation.partner,
                                   "name": self._partner_named() if invitation.partner else None})
        self._desk_for_reminders().sync()  # the newcomer's reminders, as their role wants
        values = {**self._invitation_values(invitation), "project": self.project.name}
        if invitation.partner is None:  # where the project stands, for whoever joins it under way (a new mayor)
            values |= {"where": self._project_values(),
                       "answered": sum(progress.done for progress in self.view.stage_progress())}  # as /avancement
        return Outcome([Reply("invitation_accepted", values, edit=True), *self._carry_on()])

    def _open_invitation(self, token: str) -> Outcome:
        team = Team(self.repo.connection)
        invitation = team.find(token)
        if invitation is None:
            return self._refused("unknown")
        state = invitation.state(self.now)
        if state == USED and invitation.used_by == self.user.id or \
                self.repo.membership(self.user.id, invitation.project_id) is not None:
            return self._refused("member")
        if state != VALID:
            return self._refused(state)
        team.opened(invitation.id, self.user.id)
        project = self.repo.project(invitation.project_id)
        values = {**self._invitation_values(invitation), "project": project.name, "territory": project.territory,
                  "inviter": invitation.inviter}
        return Outcome([Reply("invitation_offer", values, [
            [Button(self.ui.buttons.invite_accept, Payload(0, None, Action.INVITE_ACCEPT, invitation.id).encode())],
            [Button(self.ui.buttons.invite_decline, Payload(0, None, Action.INVITE_DECLINE, invitation.id).encode())],
        ])])

    def _invitation_values(self, invitation) -> dict[str, Any]:
        partner = None
        if invitation.partner:  # named as the inviting project calls it ("Autre" by the name typed for it)
            values = ProjectView(self.guide, self.repo.answers(invitation.project_id)).values
            partner = partner_name(invitation.partner, self.engine.partner_names, values)
        return {"role": invitation.role, "role_label": self.ui.roles.get(invitation.role, invitation.role),
                "partner": partner}

    def _refused(self, reason: str) -> Outcome:
        return Outcome([Reply("invitation_refused", {"reason": reason}), *self._carry_on()])

    def _carry_on(self) -> list[Reply]:
        """After an invitation: back to the user's project, or to the start for a newcomer."""
        if self.project is not None and self._settled():
            return self._proceed()
        return [self._setup_screen() if self.project is not None else self._welcome()]

    def _delete_project(self, payload: Payload) -> Outcome:
        """The owner deletes the project and everything in it, after a confirmation."""
        if payload.arg is None:
            return Outcome([Reply("project_delete_confirm", {"project": self.project.name,
                                                             "members": len(Team(self.repo.connection)
                                                                            .members(self.project.id))}, [
                [self._button(self.ui.buttons.project_delete_yes, Action.PROJECT_DELETE, 1)],
                [self._button(self.ui.buttons.team, Action.TEAM)]])])
        if payload.arg != 1:
            return self._stale()
        name = self.project.name
        told = Reply("project_deleted_member", {"project": name, "by": self.user.name})
        others = [(member.user_id, told) for member in Team(self.repo.connection).members(self.project.id)
                  if member.user_id != self.user.id]
        erase_project(self.repo.connection, self.project.id)
        return self._gone(Reply("project_deleted", {"project": name}, edit=True), others)

    def _leave_project(self, payload: Payload) -> Outcome:
        """The member leaves the project, after a confirmation; the last owner stays, told how to hand it over."""
        desk = self._team()
        if payload.arg not in (None, 1):
            return self._stale()
        left = desk.leave(self._naming(self.user.name)) if payload.arg == 1 else None
        return Outcome([desk.leaving()]) if left is None else self._gone(left, desk.told)

    def _naming(self, name: str) -> list[dict[str, Any]]:
        """The answers the dossier prints that name this person (the project leader, a referent…), and their
        stage."""
        named = []
        for question in self.guide.questions.values():
            if question.person and self.view.status(question.id) == ANSWERED and self.view.visible(question) \
                    and names_member(self.view.values.get(question.id), name):
                stage = self.guide.stage_of_step.get(self.guide.step_of_question[question.id].id)
                named.append({"prompt": self.view.prompt(question), "stage": stage.order if stage else None})
        return named

    def _gone(self, said: Reply, others: list[tuple[int, Reply]]) -> Outcome:
        """The user no longer belongs to the project open: another of theirs opens, or they start anew."""
        self.about_project = False
        self.user.projects -= 1
        self._open(None)
        projects = self.repo.projects(self.user.id)
        if not projects:  # no welcome again: what they may start, and what is still kept of them
            self.user.creating_project = True
            return Outcome([said, Reply("no_project_left")], others=others)
        self._open(self.repo.membership(self.user.id, projects[0][0].id))
        return Outcome([said, self._projects()], others=others)

    # ---- several projects

    def _projects(self) -> Reply:
        """The user's projects with their stage and the user's role; one opens with a tap."""
        items, rows = [], []
        for project, role in self.repo.projects(self.user.id):
            stage = self.guide.stage_of_step.get(project.state) if project.territory else None
            items.append({"name": project.name, "territory": project.territory,
                          "current": project.id == self.project.id,
                          "stage": stage.title if stage else None, "stage_order": stage.order if stage else None,
                          "finished": project.territory is not None and stage is None,
                          "role": self.ui.roles.get(role, role)})
            if project.id != self.project.id:
                label = self.ui.buttons.project_open.format(name=shorten(project.name))
                rows.append([self._button(label, Action.PROJECT_OPEN, project.id)])
        if self.project.territory is not None and allows_action(self.membership.role, Action.PROJECT_RENAME):
            rows.append([self._button(self.ui.buttons.project_rename, Action.PROJECT_RENAME)])
        rows.append([self._button(self.ui.buttons.project_new, Action.PROJECT_NEW)])
        if self.project.territory is not None:
            rows.append([self._button(self.ui.buttons.menu, Action.MENU)])
        return Reply("projects", {"projects": items}, rows)

    def _project_action(self, payload: Payload) -> Outcome:
        if payload.action == Action.PROJECTS:
            return Outcome([self._projects()])
        if payload.action == Action.PROJECT_NEW:
            self.user.creating_project = True
            return Outcome([Reply("ask_new_project", {"current": self.project.name},
                                  [[self._button(self.ui.buttons.project_cancel, Action.PROJECT_CANCEL)]])])
        if payload.action == Action.PROJECT_RENAME:
            self.membership.awaiting = RENAMING
            return Outcome([self._ask_new_name()])
        if payload.action == Action.PROJECT_CANCEL:
            self.user.creating_project = False
            return Outcome(self._proceed() if self._settled() else [self._setup_screen()])
        # Open another project: only one the user belongs to, whatever the button says.
        found = self.repo.membership(self.user.id, payload.arg) if payload.arg is not None else None
        if found is None:
            return self._stale()
        self.save()  # what this tap changed in the project left (a line being typed dropped) stays with it
        self._open(found)
        opened = Reply("project_opened", self._project_values())
        return Outcome([opened, *(self._proceed() if self._settled() else [self._setup_screen()])])

    def _typed_at_team(self, text: str) -> Outcome | None:
        """"inviter Paul" typed under /equipe by whoever may invite: « ➕ Inviter quelqu'un », whose link is for
        anyone it is given to; "quitter le projet": « 🚪 Quitter le projet »; the project to hand over: how, then
        the invitation. Said by a member who may not, the team's screen again, never an answer."""
        desk = self._team()
        meant = typed_at_team(text)
        if meant is None:
            return None
        if meant == TEAM_LEAVE:  # alone, the last owner: told how instead
            return Outcome([desk.leaving()])
        if not desk.managing:  # words for the owner's buttons: never an answer to the question out of sight
            return Outcome([self._not_allowed(), desk.summary()])
        if meant == TEAM_HANDOVER:  # "je dois passer le projet au nouveau président"
            return Outcome([Reply("notice", {"text": self.ui.notices.handover}), desk.choose_role()])
        return Outcome([desk.choose_role()])

    def _typed_at_projects(self, text: str) -> Outcome | None:
        """"nouveau projet" or a project's name typed under /projets: what its button does."""
        projects = [project for project, _ in self.repo.projects(self.user.id)]
        meant = typed_at_projects(text, [project.name for project in projects])
        if meant is None:
            return None
        if meant == NEW_PROJECT:
            return self._project_action(Payload(self.project.id, None, Action.PROJECT_NEW))
        if projects[meant].id == self.project.id:
            return Outcome(self._proceed() if self._settled() else [self._setup_screen()])
        return self._project_action(Payload(self.project.id, None, Action.PROJECT_OPEN, projects[meant].id))

    def _ask_new_name(self, back: str = Action.PROJECTS) -> Reply:
        """The project's name asked again; ↩️ Retour keeps it: back to /projets, or to the territory (Action.BACK)."""
        return Reply("ask_name", {"current": self.project.name}, [[self._button(self.ui.buttons.back, back)]])

    def _renamed(self, text: str) -> Outcome:
        """The project's new name, asked from /projets: every document prints it from now on."""
        if button_typed(text) == BACK:  # "retour": the name kept
            self.membership.awaiting = None
            return Outcome([self._projects()])
        try:
            self.project.name = parse_title(text)
        except ParseError as error:
            return Outcome([self._invalid(error), self._ask_new_name()])
        self.membership.awaiting = None
        self._touch()
        return Outcome([Reply("notice", {"text": self.ui.notices.project_renamed.format(name=self.project.name)}),
                        *self._proceed()])

    def _naming_project(self, event: Event) -> Outcome | None:
        """The name of a new project, asked from /projets; anything else leaves it and is handled as usual."""
        if isinstance(event, Text) and button_typed(event.text) == BACK:  # "annuler": no new project after all
            return self._project_action(Payload(self.project.id, None, Action.PROJECT_CANCEL))
        if isinstance(event, Text):
            return self._create_project(event.text)
        if isinstance(event, Choice):
            payload = decode(event.data)
            if payload is not None and payload.project_id == self.project.id \
                    and payload.action == Action.PROJECT_CANCEL:
                return None  # handled as a tap: back to where the project was
        if isinstance(event, (Unsupported, Edited)):
            return Outcome([self._unsupported(event),
                            Reply("ask_new_project", {"current": self.project.name},
                                  [[self._button(self.ui.buttons.project_cancel, Action.PROJECT_CANCEL)]])])
        self.user.creating_project = False
        return None

    def _open(self, found: tuple[MembershipRow, ProjectRow] | None) -> None:
        """The user's active project is now this membership's (None: no project), as loaded: nothing to write back
        for it but what the event changes next."""
        self.membership, self.project = found if found else (None, None)
        self.user.active_project_id = self.project.id if self.project else None
        if found:
            self.user.creating_project = False
        self._loaded = (self._loaded[0], found and replace(found[0]), found and replace(found[1]))
        self._view = None

    def _asks_a_person(self) -> bool:
        """Whether the question on screen asks for a person's name, which a contact card gives."""
        if self.project is None or self.user.creating_project or not self._settled() \
                or self.membership.awaiting is not None \
                or self.membership.role not in ANSWERING and self.membership.role != PARTNER:
            return False
        step = self._step()
        question = self._current(step) if step is not None else None
        return question is not None and question.person

    def _settled(self) -> bool:
        """Whether the project has its territory, not asked again, nor its name."""
        return self.project.territory is not None and self.membership.awaiting not in SETTING_UP

    def _setup_screen(self) -> Reply:
        """What a project being set up waits for: its name again, its territory, or its rules."""
        if self.membership.awaiting == NAMING:
            return self._ask_new_name(Action.BACK)
        if self.membership.awaiting == CHOOSING_REFERENTIAL:
            return self._referentials().choice()
        return self._ask_territory()

    def _ask_territory(self, created: bool = False, unkept: list[str] | None = None) -> Reply:
        """The territory; one given before is kept with a tap. ↩️ Retour leads to the project's name."""
        current = self.project.territory if self.membership.awaiting == TERRITORY else None
        rows = [[self._button(self.ui.buttons.keep_territory, Action.KEEP)]] if current else []
        rows.append([self._button(self.ui.buttons.back, Action.BACK)])
        return Reply("ask_territory", {"project": self.project.name, "created": created, "current": current}
                     | ({"unkept": unkept} if unkept else {}), rows)

    def _menu(self) -> Reply:
        if self.membership.role in ANSWERING:
            self.membership.awaiting = MENU  # saved with the membership; no revision: its buttons stay valid
        return Reply("menu", self._project_values(), self._menu_buttons(with_stages=True))

    def _menu_buttons(self, with_stages: bool = False) -> list[list[Button]]:
        rows = [[self._button(self.ui.buttons.resume, Action.RESUME)],
                [self._button(self.ui.buttons.progress, Action.PROGRESS),
                 self._button(self.ui.buttons.help, Action.HELP)]]
        if with_stages and self.membership.role in ANSWERING:
            rows += [[self._button(self.ui.buttons.stage.format(order=s.order, title=s.title), Action.GOTO, i)]
                     for i, s in enumerate(self.guide.stages)]
        if with_stages:
            rows.append([self._button(self.ui.buttons.team, Action.TEAM),
                         self._button(self.ui.buttons.projects, Action.PROJECTS)])
            if allows_action(self.membership.role, Action.REFERENTIAL_SWITCH):
                rows.append([self._button(self.ui.buttons.referential.format(name=self.ref.meta.name),
                                          Action.REFERENTIAL_SWITCH)])
        return rows

    def _progress(self) -> Reply:
        current = self.guide.stage_of_step.get(self.project.state)
        stages = [{"order": p.stage.order, "title": p.stage.title, "total": p.total, "done": p.done,
                   "deferred": p.deferred, "current": p.stage is current}
                  for p in self.view.stage_progress()]
        return Reply("progress", {"project": self.project.name, "stages": stages}, self._menu_buttons())

    def _help(self) -> Reply:
        """The help, naming the rules this project is checked against (the steps are the 2016 fiche's for all)."""
        rules = {"rules": self.ref.meta.name, "source": self.ref.meta.sources[0].title}
        return Reply("help", rules, [[self._button(self.ui.buttons.resume, Action.RESUME)]])

    def _invalid(self, error: ParseError, question: Question | None = None) -> Reply:
        return Reply("invalid", {"key": error.key, "params": error.params,
                                 "kind": question.kind.value if question else None, "deferrable": question is not None})

    def _button(self, label: str, action: str, arg: int | None = None) -> Button:
        revision = None if action in Action.TIMELESS else self.project.revision
        question = self._asking if action in Action.AT_QUESTION else None
        return Button(label, Payload(self.project.id, revision, action, arg, question).encode())

    def _answered_by_teammate(self, payload: Payload) -> str | None:
        """The toast of a question's button tapped after a teammate answered that question."""
        question = self._question_at(payload.question)
        stored = self.view.answers.get(question.id) if question is not None else None
        if stored is None or stored.author_id in (None, self.user.id):
            return None
        return self.ui.notices.answered_by_teammate.format(name=stored.author)

    def _question_at(self, position: int | None) -> Question | None:
        """The question at that position in the guide (a button's argument, untrusted)."""
        questions = self.guide.question_list
        return questions[position] if position is not None and 0 <= position < len(questions) else None

    def _still_asked(self, payload: Payload) -> bool:
        """A button of a question's screen still acts, though the project changed since it was sent (a teammate
        answered elsewhere), while that question is the one this member is asked."""
        current = self._question_for_buttons() if payload.question is not None else None
        return current is not None and self.guide.question_index.get(current.id) == payload.question


def _same_options(one: Question, other: Question) -> bool:
    """Two choices asking the same of different bodies: "Qu'apportera La Poste ?" and the carrier's contribution."""
    return one.kind is other.kind and one.kind in CHOICE_KINDS and [o.id for o in one.options] == [
        o.id for o in other.options]


def _outcome(replies: Reply | list[Reply] | None) -> Outcome | None:
    if replies is None:
        return None
    return Outcome(replies if isinstance(replies, list) else [replies])


def _deferred_folded(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A recap's items, answers left for later ONE_LINE_RUN of them in a row or more on one line without ✏️ (a step
    of partners all left for later was 73 lines and buttons); /a_traiter lists them, and their numbers typed still
    reopen them."""
    folded: list[dict[str, Any]] = []
    for deferred, run in groupby(items, key=lambda item: (item["answer"] or {}).get("status") == DEFERRED):
        run = list(run)
        if deferred and len(run) >= ONE_LINE_RUN:
            folded.append({"number": run[0]["number"], "last": run[-1]["number"], "count": len(run), "by": None})
        else:
            folded += run
    return folded


def _said_along(question: Question, text: str, then: Question) -> tuple[Any, str] | None:
    """An answer and what its `also_answers` question, `then`, asks, typed together: a name and a function, a list
    and its details, an option and the name of what it is, a text and a count."""
    if question.person:
        return name_and_function(text)
    if question.kind is Kind.SHORT_TEXT:
        if then.unit is None or (said := text_and_count(text, then.unit)) is None:
            return None
        try:
            return parse_answer(question, said[0]), said[1]
        except ParseError:
            return None
    if question.kind is Kind.MULTI:
        return with_details(question, text)
    return option_and_name(question, text)
