"""The project state machine as a Mermaid diagram, drawn by transitions from the same definition."""
from __future__ import annotations

from transitions.extensions.diagrams import GraphMachine

from dialogs.loader import LoadedGuide
from states.machine import machine_definition

# Drawn: the path through the guide. Left out: answer/skip (loops on every step) and
# goto_<step> (from every state to every step), which would hide the path.
DRAWN_TRIGGERS = {"next", "back"}


def mermaid(guide: LoadedGuide) -> str:
    definition = machine_definition(guide)
    transitions = [t for t in definition["transitions"] if t["trigger"] in DRAWN_TRIGGERS]

    class Diagram:
        """The model the diagram is drawn for."""

    model = Diagram()
    GraphMachine(model=model, states=definition["states"], transitions=transitions,
                 initial=definition["initial"], graph_engine="mermaid", auto_transitions=False,
                 show_conditions=True, title="Guide MSAP")
    return model.get_graph().draw(None)
