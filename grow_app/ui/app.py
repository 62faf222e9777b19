"""The Textual app: a small shell that routes to screens (``screens/``) built from widgets.

Contract used by the screens:
- ``app.context``: the :class:`~grow_app.cli.context.AppContext` (``db``, ``catalog``, ``settings``);
- ``app.autosave_delay``: seconds after typing pauses before an answer is saved (tests pass 0);
- ``app.open_session(session_id)``: push the session screen for that session.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import App

if TYPE_CHECKING:
    from grow_app.cli.context import AppContext


class GrowApp(App[None]):
    TITLE = "grow"

    def __init__(
        self,
        context: AppContext,
        session_ref: str | None = None,
        *,
        autosave_delay: float | None = None,
    ) -> None:
        super().__init__()
        self.context = context
        self.session_ref = session_ref
        settings = context.settings
        self.autosave_delay = (
            autosave_delay
            if autosave_delay is not None
            else (settings.autosave_delay if settings else 0.6)
        )

    def on_mount(self) -> None:
        if self.session_ref:
            self.open_session(self.session_ref)
        else:
            from grow_app.ui.screens.home import HomeScreen

            self.push_screen(HomeScreen())

    def open_session(self, session_ref: str) -> None:
        from grow_app.services.meeting import Meeting
        from grow_app.ui.screens.session import SessionScreen

        meeting = Meeting.open(self.context.db, self.context.catalog, session_ref)
        self.push_screen(SessionScreen(meeting))


def create_app(
    context: AppContext, session_ref: str | None = None, *, autosave_delay: float | None = None
) -> GrowApp:
    """The one way to build the app, shared by ``grow``, ``grow serve`` and the tests."""
    return GrowApp(context, session_ref=session_ref, autosave_delay=autosave_delay)
