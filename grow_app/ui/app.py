"""The Textual app: a small shell that routes to screens (``screens/``) built from widgets.

Contract used by the screens:
- ``app.context``: the :class:`~grow_app.cli.context.AppContext` (``db``, ``catalog``, ``settings``);
- ``app.autosave_delay``: seconds after typing pauses before an answer is saved (tests pass 0);
- ``app.open_session(session_ref)``: push the session screen for that session;
- ``app.projector``: True in projector (beamer) mode; the app then has the CSS class
  ``-projector`` and the high-contrast theme, so screens can style ``.-projector Foo {...}``.

Quitting (ctrl+q, or the palette's quit) first pops every screen, one at a time, and only then
exits. A popped screen gets ``ScreenSuspend`` (with its widgets still mounted) and then
``Unmount``, while the database is still open: that is where a screen saves what is pending.
(Textual's own ``App.exit`` also removes the screens, but skips ``ScreenSuspend``.)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import App
from textual.binding import Binding
from textual.screen import Screen

from grow_app.i18n import t
from grow_app.ui.theme import NORMAL_THEME, PROJECTOR_CLASS, PROJECTOR_THEME, projector_theme
from grow_app.ui.widgets.common_bindings import translate_bindings

if TYPE_CHECKING:
    from grow_app.cli.context import AppContext
    from grow_app.ui.screens.opening import OpeningPreview


class BaseScreen(Screen[None]):
    """The bottom of the stack for ``grow open``: back on top, it shows the home screen."""

    def on_screen_resume(self) -> None:
        self.app.call_later(self.app.show_home)  # type: ignore[attr-defined]


STARTUP_TASKS_FALLBACK_SECONDS = 1.5
"""For a first screen that never reports being drawn: start the backup and other start-up
tasks after this long anyway."""


class GrowApp(App[None]):
    TITLE = "grow"
    # home.tcss is listed here because the home screen can be the default screen, whose own
    # CSS_PATH Textual does not load.
    CSS_PATH = ["app.tcss", "screens/home.tcss"]
    BINDINGS = [
        Binding("f1", "help", "ui.key.help", tooltip="ui.key.help_tip", id="grow.help"),
        Binding(
            "question_mark",
            "help",
            "ui.key.help",
            tooltip="ui.key.help_tip",
            show=False,
            id="grow.help_alt",
        ),
        Binding(
            "f8",
            "toggle_projector",
            "ui.key.projector",
            tooltip="ui.key.projector_tip",
            id="grow.projector",
        ),
        Binding(
            "ctrl+q",
            "quit",
            "ui.key.quit",
            tooltip="ui.key.quit_tip",
            id="grow.quit",
            priority=True,
        ),
    ]

    def __init__(
        self,
        context: AppContext,
        session_ref: str | None = None,
        *,
        autosave_delay: float | None = None,
        preview: OpeningPreview | None = None,
    ) -> None:
        super().__init__()
        translate_bindings(self)
        self.context = context
        self.session_ref = session_ref
        self.preview = preview
        if context.settings is None:
            from grow_app.settings import load_settings

            context.settings = load_settings()
        self.settings = context.settings
        self.autosave_delay = (
            autosave_delay if autosave_delay is not None else self.settings.autosave_delay
        )
        self.projector = bool(self.settings.projector)
        self._leaving = False
        self._opening = False
        self._cards_checked = False
        self.register_theme(projector_theme)

    # -- start ------------------------------------------------------------------------------
    def get_default_screen(self) -> Screen:
        """The first screen is part of the very first frame (nothing blank is drawn first)."""
        if self.preview:
            from grow_app.ui.screens.opening import OpeningScreen

            return OpeningScreen(self.preview)
        if self.session_ref:
            return BaseScreen()
        from grow_app.ui.screens.home import HomeScreen

        return HomeScreen()

    def on_mount(self) -> None:
        self._apply_projector()
        self.set_timer(STARTUP_TASKS_FALLBACK_SECONDS, self.on_painted)
        if self.preview:
            self._opening = True  # until OpeningScreen.Drawn: see on_opening_screen_drawn
        elif self.session_ref:
            self.open_session(self.session_ref)

    def on_painted(self) -> None:  # the first screen is drawn: backup and sync-folder check
        from grow_app.ui.startup_tasks import start_startup_tasks

        start_startup_tasks(self)

    def on_opening_screen_drawn(self) -> None:
        """The previewed question is on screen; now load the session for real."""
        if self._opening and self.preview:
            self._opening = False
            self.open_session(self.preview.session_id)

    def show_home(self) -> None:
        """Put the home screen on top of the base screen (after leaving a session)."""
        from grow_app.ui.screens.home import HomeScreen

        if self._leaving or self._opening or len(self.screen_stack) > 1:
            return
        if not isinstance(self.screen, HomeScreen):
            self.push_screen(HomeScreen())

    def open_session(self, session_ref: str) -> None:
        from grow_app.errors import DatabaseError, GrowError
        from grow_app.services.meeting import Meeting
        from grow_app.ui.screens.opening import OpeningScreen
        from grow_app.ui.screens.session import SessionScreen

        try:
            meeting = Meeting.open(self.context.db, self.context.catalog, session_ref)
        except DatabaseError as err:
            self.exit(return_code=1, message=err.message)
            return
        except GrowError as err:
            self.notify(err.message, severity="error", markup=False)
            self.show_home()
            return
        # Keys typed on the opening screen (even ones still on their way) reach the first editor.
        opening = self.screen
        typed = opening.type_ahead if isinstance(opening, OpeningScreen) else ""
        self.push_screen(SessionScreen(meeting, typed_ahead=typed))
        self.call_after_refresh(self.report_card_problems)

    def report_card_problems(self) -> None:
        """Name broken card files once (the other cards work as usual)."""
        if self._cards_checked:
            return
        self._cards_checked = True
        problems = self.context.catalog.problems
        if problems:
            self.notify(
                t("ui.broken_cards", problems="; ".join(problems)),
                severity="warning",
                timeout=12,
            )

    # -- app-wide keys ----------------------------------------------------------------------
    def action_help(self) -> None:
        from grow_app.ui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen.active_bindings))

    def action_toggle_projector(self) -> None:
        self.projector = not self.projector
        self._apply_projector()
        self.notify(t("ui.projector_on" if self.projector else "ui.projector_off"), timeout=2)
        from grow_app.settings import save_settings

        self.settings.projector = self.projector
        try:
            save_settings(self.settings)
        except OSError as err:
            self.notify(t("ui.settings_not_saved", reason=err.strerror or err), severity="error")

    def _apply_projector(self) -> None:
        self.theme = PROJECTOR_THEME if self.projector else NORMAL_THEME
        self.set_class(self.projector, PROJECTOR_CLASS)

    QUIT_AGAIN_SECONDS = 3.0
    """A second ctrl+c within this many seconds quits (after saving), as ctrl+q does."""
    _help_quit_at = float("-inf")

    async def action_help_quit(self) -> None:
        """ctrl+c copies in editors; elsewhere it says how to quit, and a second one quits."""
        import time

        now = time.monotonic()
        if now - self._help_quit_at <= self.QUIT_AGAIN_SECONDS:
            await self.action_quit()
            return
        self._help_quit_at = now
        self.notify(t("ui.help_quit", key="Ctrl+Q"), timeout=self.QUIT_AGAIN_SECONDS)

    async def action_quit(self) -> None:
        """Pop every screen (so each can save) and then exit."""
        self._leaving = True
        while len(self.screen_stack) > 1:
            await self.pop_screen()
        self.exit()


def create_app(
    context: AppContext,
    session_ref: str | None = None,
    *,
    autosave_delay: float | None = None,
    preview: OpeningPreview | None = None,
) -> GrowApp:
    """The one way to build the app, shared by ``grow``, ``grow serve`` and the tests.

    ``preview`` (from :func:`grow_app.ui.screens.opening.preview_session`) draws the session's
    first open question before the heavy modules are loaded; ``grow open`` passes it.
    """
    return GrowApp(context, session_ref=session_ref, autosave_delay=autosave_delay, preview=preview)
