"""Documents rendered in worker processes, as when the bot serves Telegram."""
from __future__ import annotations

from bot.rendering import ProcessRendering
from states.events import Command, Sender, Text


async def test_worker_processes_render_the_same_files(services, database_url):
    marie = Sender(7001, "Marie")
    for event in (Command(marie, "start"), Text(marie, "MSAP de Millau"), Text(marie, "Grands Causses")):
        services.engine.handle(event)
    rendering = ProcessRendering(database_url, workers=1)
    try:
        files = await rendering.make(1, draft=True)
    finally:
        rendering.close()
    in_process = services.documents.make(1, draft=True)
    assert [f.filename for f in files] == [f.filename for f in in_process]
    assert all(f.content for f in files) and files[0].content.startswith(b"%PDF")
