"""Child process for the startup benchmark: prints READY once the first screen is drawn.

    python benchmarks/probe_startup.py bare
    python benchmarks/probe_startup.py grow DB_PATH SESSION_ID

'bare' is the yardstick: a Textual app that shows one line. 'grow' opens a session the way
`grow open SESSION` does and reports when the session screen with its question is on screen.
Both run headless and signal READY from the first refresh after their content is mounted.
"""

from __future__ import annotations

import sys


def ready(app) -> None:
    sys.stdout.write("READY\n")
    sys.stdout.flush()
    app.exit()


def run_bare() -> None:
    from textual.app import App
    from textual.widgets import Static

    class Bare(App[None]):
        def compose(self):
            yield Static("Wat zijn de gezamenlijke doelen van ons partnerschap?")

        def on_mount(self) -> None:
            self.call_after_refresh(ready, self)

    Bare().run(headless=True, size=(100, 30))


def run_grow(db_path: str, session_id: str) -> None:
    import asyncio

    from grow_app.cli.context import AppContext
    from grow_app.settings import load_settings
    from grow_app.ui.app import create_app

    app = create_app(AppContext(db_path=db_path, settings=load_settings()), session_ref=session_id)

    async def watch(pilot) -> None:
        while not (type(app.screen).__name__ == "SessionScreen" and app.screen.is_mounted):
            await asyncio.sleep(0.002)
        app.call_after_refresh(ready, app)

    app.run(headless=True, size=(100, 30), auto_pilot=watch)


if __name__ == "__main__":
    if sys.argv[1] == "bare":
        run_bare()
    else:
        run_grow(sys.argv[2], sys.argv[3])
