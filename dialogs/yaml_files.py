"""Read the guide's YAML with YAML 1.2 booleans: only true/false, never yes/no/on/off."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """PyYAML follows YAML 1.1, where `yes`, `no`, `on` and `off` are booleans; in a guide
    they are words (a rule kind, an option id), so only `true` and `false` stay booleans.

    libyaml's parser when PyYAML has it (its wheels do): the pure-Python one took 0.3 s of the bot's start-up.
    """


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                              list("tTfF"))


def read_yaml(path: Path) -> Any:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)  # noqa: S506 (a SafeLoader)
