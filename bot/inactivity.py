"""Users silent for months are told that their data will be erased, then erased (dialogs/reminders.yaml).

The warning is an outbox message written in the transaction that records it; any activity of the user voids it
(states.engine). The erasure comes at the later of the silence's end and a grace period after the warning, so
a bot that was down does not warn and erase at once.
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta
from sqlalchemy import Connection, Engine
from telegram.ext import ContextTypes

from bot.calls import DatabaseCalls
from bot.outbox import LEASE, OutboxSender, OutboxWriter
from dialogs.reminder_model import InactivityRules
from states.events import Outcome, Reply
from store.inactivity import mark_warned, to_erase, to_warn
from store.outbox import Outgoing
from store.personal import erase_user

INTERVAL_SECONDS = 6 * 3600


class InactivitySweep:
    def __init__(self, database: Engine, rules: InactivityRules, writer: OutboxWriter, sender: OutboxSender,
                 calls: DatabaseCalls, clock: Callable[[], datetime], zone: ZoneInfo,
                 plan: Callable[[Connection, int], None]) -> None:
        """`plan`: plans a project's reminders again in a transaction (states.engine.Engine.plan_reminders)."""
        self.database = database
        self.rules = rules
        self.writer = writer
        self.sender = sender
        self.calls = calls
        self.clock = clock
        self.zone = zone
        self.plan = plan

    def sweep(self) -> tuple[list[tuple[int, Outgoing | None]], list[int]]:
        """Erase who is due, warn who is due; returns the messages written, by chat (claimed for this sender, or
        None when the chat has older messages to send first), and the erased user ids.

        The messages are the warnings, and a word to each member who became the owner of a project handed over:
        the team of a silent owner keeps its project (store.personal.erase_user), so no one loses one."""
        now = self.clock()
        outbox = self.writer.outbox
        marks = outbox.unmarked()  # a chat's new message is written where its earlier one is marked sent
        warn, erase = relativedelta(months=self.rules.warn_after_months), relativedelta(
            months=self.rules.erase_after_months)
        grace = erase - warn
        with self.database.begin() as connection:
            outbox.mark_in(connection, marks)
            erased = to_erase(connection, now - erase, now - grace)
            told: dict[int, list[Reply]] = {}
            for user_id in erased:
                for heir, project_id, name in erase_user(connection, user_id, hand_over=True).heirs:
                    self.plan(connection, project_id)  # the new owner's reminders, as their role now wants
                    told.setdefault(heir, []).append(Reply("project_handed_over", {
                        "project": name, "months": self.rules.erase_after_months}))
            messages = []
            for chat_id, replies in told.items():
                if chat_id not in erased:  # an heir silent as long is erased in the same pass: the next one is told
                    messages.append((chat_id, outbox.add_in(connection, chat_id, None,
                                                            self.writer.messages(Outcome(replies)), LEASE)))
            for user_id, last_seen in to_warn(connection, now - warn):
                day = max(last_seen + erase, now + grace).astimezone(self.zone).date()
                reply = Reply("inactivity_warning", {"months": self.rules.warn_after_months, "day": day})
                messages.append((user_id, outbox.add_in(connection, user_id, None,
                                                        self.writer.messages(Outcome([reply])), LEASE)))
                mark_warned(connection, user_id, now)
        outbox.marked(marks)
        return messages, erased

    async def job(self, context: ContextTypes.DEFAULT_TYPE) -> None:
        """The JobQueue's periodic callback."""
        messages, _ = await self.calls(self.sweep)
        for user_id, claimed in messages:
            await self.sender.flush(context.bot, user_id, claimed)
