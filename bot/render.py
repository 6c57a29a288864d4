"""Turn the engine's replies into HTML text with the Jinja2 templates of templates/messages."""
from __future__ import annotations

import html
import re

from jinja2 import Environment, PackageLoader, StrictUndefined, TemplateNotFound

from dialogs import formatting
from dialogs.parsing import without_full_stop
from states.events import Reply

TEMPLATE_SUFFIX = ".html.j2"
TELEGRAM_LIMIT = 4096
_BLANK_LINES = re.compile(r"\n{3,}")
_TAG = re.compile(r"<(/?)([a-z-]+)[^>]*>")


class _MessageEnvironment(Environment):
    def getattr(self, obj: object, attribute: str) -> object:
        """`reply.values` are dicts: their keys come first.

        Jinja tries the attribute first, and a failed attribute lookup costs about a microsecond: fifty of them
        in a recap of three answers.
        """
        if type(obj) is dict and attribute in obj:
            return obj[attribute]
        return super().getattr(obj, attribute)


def make_environment(front_end: str = "telegram") -> Environment:
    """`front_end`: "telegram" or "terminal", for the few words that differ (how to fix a typo)."""
    environment = _MessageEnvironment(
        loader=PackageLoader("templates", "messages"),
        auto_reload=False,  # templates change with a deploy, not while the bot runs: no stat() per message
        autoescape=True, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=False,
        undefined=StrictUndefined,
    )
    environment.filters.update(euros=formatting.euros, long_date=formatting.long_date, full_date=formatting.full_date,
                               hours=formatting.hours, integer=formatting.integer, cents=formatting.cents,
                               time_ranges=formatting.time_ranges, decimal=formatting.decimal,
                               siret=formatting.siret, weekday=formatting.weekday,
                               french_list=formatting.french_list, in_parentheses=formatting.in_parentheses,
                               without_full_stop=without_full_stop)
    environment.globals["front_end"] = front_end
    return environment


class Renderer:
    def __init__(self, environment: Environment | None = None) -> None:
        self.environment = environment or make_environment()

    def check(self, names: list[str]) -> None:
        """Fail at start-up, not in a chat, when a message template is missing."""
        for name in names:
            try:
                self.environment.get_template(name + TEMPLATE_SUFFIX)
            except TemplateNotFound:
                raise LookupError(f"templates/messages/{name}{TEMPLATE_SUFFIX} is missing") from None

    def project_named(self, text: str) -> str | None:
        """The project a message of the bot names at its top (to a user with several), read from its text as the
        app shows it; None when it names none."""
        marker = "\x00"
        header = to_plain_text(self.environment.get_template("project_header" + TEMPLATE_SUFFIX)
                               .render(project=marker)).strip()
        before, _, after = header.partition(marker)
        first = text.split("\n", 1)[0].strip()
        if len(first) <= len(before) + len(after) or not first.startswith(before) or not first.endswith(after):
            return None
        return first[len(before):len(first) - len(after)].replace("\u00a0", " ")

    def html(self, reply: Reply, project: str | None = None) -> str:
        """`project`: named at the top, for a user with several projects."""
        text = self.environment.get_template(reply.template + TEMPLATE_SUFFIX).render(**reply.values)
        if project is not None:
            header = self.environment.get_template("project_header" + TEMPLATE_SUFFIX).render(project=project)
            text = f"{header.strip()}\n{text}"
        return formatting.guillemets(_BLANK_LINES.sub("\n\n", text).strip())


def to_plain_text(markup: str) -> str:
    """The same message for the terminal: tags dropped, entities decoded."""
    return html.unescape(_TAG.sub("", markup))
