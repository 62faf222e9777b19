"""The Textual app: a small shell that routes to screens (``screens/``) built from widgets.

Contract used by the screens:
- ``app.context``: the :class:`~grow_app.services.workspace.Workspace` (``db``, ``catalog``, ``settings``);
- ``app.autosave_delay``: seconds after typing pauses before an answer is saved (tests pass 0);
- ``app.writer``: the one :class:`~grow_app.services.writer.Writer` thread every change goes
  through; its news reaches every screen in the stack as ``screen.writer_event(event)``;
- ``app.open_session(session_ref)``: push the session screen for that session;
- ``app.projector``: True in projector (beamer) mode; the app then has the CSS class
  ``-projector`` and the high-contrast theme, so screens can style ``.-projector Foo {...}``.

Quitting (ctrl+q, or the palette's quit) first pops every screen, one at a time, and only then
exits. A popped screen gets ``ScreenSuspend`` (with its widgets still mounted) and then
``Unmount``: that is where a screen hands over what is pending. When the app unmounts, the
writer writes what is left, or leaves it in the recovery journal if the database refuses it.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen

from grow_app.i18n import t
from grow_app.ui.ctrl_c import CtrlC
from grow_app.ui.input_gate import InputGate
from grow_app.ui.input_order import KeysWhereSent
from grow_app.ui.terminal_watch import TerminalWatch
from grow_app.ui.theme import NORMAL_THEME, PROJECTOR_CLASS, PROJECTOR_THEME, projector_theme
from grow_app.ui.widgets.bindings import translate_bindings

if TYPE_CHECKING:
    from collections.abc import Iterable

    from grow_app.services.session_start import SessionStart
    from grow_app.services.workspace import Workspace
    from grow_app.services.writer import Writer, WriterEvent


STARTUP_TASKS_FALLBACK_SECONDS = 1.5
"""For a first screen that never reports being drawn: start the backup and other start-up
tasks after this long anyway."""
CLOSE_SECONDS = 10.0
"""Longest quitting waits for the last writes (it does not wait while the database refuses
them: those texts are in the recovery journal already)."""


class WriterNews(Message):
    """Something the writer thread reported, handed to every screen that shows the meeting."""

    def __init__(self, event: WriterEvent) -> None:
        super().__init__()
        self.event = event


OUTPUT_SWITCH_SECONDS = 0.0005
"""How long one thread may hold the interpreter lock while another waits (Python's default 5 ms)."""


class GrowApp(CtrlC, TerminalWatch, KeysWhereSent, InputGate, App[None]):
    TITLE = "grow"
    # Every screen's style sheet, read at start. The screens name their own too (home and the
    # session screen can be the first screen, whose CSS_PATH Textual does not load), but a
    # sheet first read when its screen is pushed makes Textual parse all the CSS it has again
    # and restyle every widget: ~40 ms more to open a session from the home screen, for the
    # ~10 ms these sheets take to parse at start.
    CSS_PATH = ["app.tcss", "screens/home.tcss", "screens/session.tcss", "screens/compare.tcss"]
    BINDINGS = [
        # F1 and F8 are priority bindings so that they work in dialogs too (Textual hands a
        # modal screen only the app's priority bindings); no field uses either key.
        Binding(
            "f1", "help", "ui.key.help", tooltip="ui.key.help_tip", id="grow.help", priority=True
        ),
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
            priority=True,
        ),
        Binding(
            "ctrl+q",
            "quit",
            "ui.key.quit",
            tooltip="ui.key.quit_tip",
            id="grow.quit",
            priority=True,
        ),
        # ctrl+c: copy what is selected, or say how to quit (on every screen, dialogs too).
        Binding("ctrl+c", "ctrl_c", show=False, priority=True, id="grow.ctrl_c"),
    ]

    def __init__(
        self,
        context: Workspace,
        session_ref: str | None = None,
        *,
        autosave_delay: float | None = None,
        start: SessionStart | None = None,
    ) -> None:
        super().__init__()
        from grow_app.ui.widgets.keys import restore_alt_digits

        restore_alt_digits()  # alt+1 … alt+9 (phases, the compare tabs) from real terminals
        translate_bindings(self)
        self.context = context
        self.session_ref = session_ref
        self.start = start
        if context.settings is None:
            from grow_app.settings import load_settings

            context.settings = load_settings()
        self.settings = context.settings
        self.autosave_delay = (
            autosave_delay if autosave_delay is not None else self.settings.autosave_delay
        )
        self.projector = bool(self.settings.projector)
        self._leaving = False
        self._cards_checked = False
        self._writer: Writer | None = None
        self.register_theme(projector_theme)

    def run(self, *args: Any, **kwargs: Any) -> None:  # what App.run returns (grow: None)
        # What the screen draws is written to the terminal by Textual's writer thread, which
        # needs the interpreter lock; the UI thread, busy with the events after a frame, hands
        # it over only every 5 ms by default. A move or a typed key then reached the terminal
        # up to 5 ms after it was drawn. grow's other threads mostly wait on the disk or the
        # network (the writer, the joining server); those that compute (loading the meeting,
        # an export, the comparison) run beside a screen that is already there.
        before = sys.getswitchinterval()
        if not kwargs.get("headless"):  # (snapshot tests run the app headless, in their process)
            sys.setswitchinterval(OUTPUT_SWITCH_SECONDS)
        try:
            return super().run(*args, **kwargs)
        finally:
            sys.setswitchinterval(before)

    # -- the one writer ---------------------------------------------------------------------
    @property
    def writer(self) -> Writer:
        """The app's one writer thread (started by the first change)."""
        if self._writer is None:
            from grow_app.services.writer import Writer

            self._writer = Writer(self.context.database_file, on_event=self._writer_event)
        return self._writer

    def _writer_event(self, event: WriterEvent) -> None:  # on the writer thread
        self.post_message(WriterNews(event))

    def on_writer_news(self, message: WriterNews) -> None:
        for screen in list(self.screen_stack):
            take = getattr(screen, "writer_event", None)
            if take is not None:
                take(message.event)

    def close_writer(self) -> bool:
        """Write what is left (or leave it in the recovery journal); True if all is stored."""
        if self._writer is None:
            return True
        return self._writer.close(CLOSE_SECONDS)

    # -- start ------------------------------------------------------------------------------
    async def on_event(self, event: events.Event) -> None:
        if self.hold_if_waiting(event):  # behind a key that has not done its work yet
            return
        if isinstance(event, events.Key):
            self.key_seen(event.key)
        if not isinstance(event, (events.Key, events.Paste)) or event.is_forwarded:
            await super().on_event(event)
            return
        # A key or paste read while the first screen is still being built (nothing has focus
        # yet) would be forwarded to that screen's queue, behind the message that draws its
        # first frame: the typed key then showed a frame later (~30 ms of grow open's start).
        # The screen takes it at once instead (its type-ahead hands it to the first editor).
        if self.focused is None and self._take_early(event):
            self.app_focus = True
            return
        if isinstance(event, events.Paste):
            await super().on_event(event)
            return
        # A key the focused field does not take as text comes back up to be looked up: where
        # it was sent (input_order), and what follows waits until it has (input_gate).
        handed_to = self.note_where_sent(event)
        await super().on_event(event)
        if handed_to is not None:
            self.wait_for_return(handed_to)

    def _take_early(self, event: events.Key | events.Paste) -> bool:
        if not self.screen_stack:
            return False
        take = getattr(self.screen, "take_early_input", None)
        return bool(take is not None and take(event))

    def get_default_screen(self) -> Screen:
        """The first screen is part of the very first frame (nothing blank is drawn first)."""
        if self.start is not None or self.session_ref:
            from grow_app.ui.screens.session import SessionScreen

            ref = self.start.session_id if self.start else str(self.session_ref)
            return SessionScreen(ref, start=self.start)
        from grow_app.ui.screens.home import HomeScreen

        return HomeScreen()

    def on_mount(self) -> None:
        self._apply_projector()
        self.watch_terminal()
        self.set_timer(STARTUP_TASKS_FALLBACK_SECONDS, self.on_painted)

    def on_painted(self) -> None:  # the first screen is drawn: backup and sync-folder check
        from grow_app.ui.startup_tasks import start_startup_tasks

        start_startup_tasks(self)

    def leave_session(self, screen: Screen) -> None:
        """Back to the overview. A session screen opened from the home screen is popped; the
        one ``grow open`` started with is the bottom of the stack (Textual cannot switch that
        one away): it stops watching and the home screen goes on top of it."""
        from grow_app.ui.screens.home import HomeScreen

        if self._leaving or screen is not self.screen:
            return
        if len(self.screen_stack) > 1:
            self.pop_screen()
            return
        unwatch = getattr(screen, "go_dormant", None)
        if unwatch is not None:
            unwatch()
        self.push_screen(HomeScreen())

    def show_home(self) -> None:
        """Show the home screen (after a session could not be opened)."""
        self.leave_session(self.screen)

    def open_session(self, session_ref: str) -> None:
        from grow_app.ui.screens.session import SessionScreen

        self.push_screen(SessionScreen(session_ref))
        self.call_after_refresh(self.report_card_problems)

    def session_failed(self, error: BaseException | None) -> None:
        """The session screen could not load its meeting: say why in one line."""
        from grow_app.errors import DatabaseError, GrowError

        if isinstance(error, DatabaseError):
            self.exit(return_code=1, message=error.message)
            return
        if isinstance(error, GrowError):
            self.notify(error.message, severity="error", markup=False)
        else:
            from grow_app.errors import write_crash_log

            log = write_crash_log(error) if error is not None else None
            self.notify(
                t("ui.session_failed", kind=type(error).__name__, log=log or "-"),
                severity="error",
                markup=False,
            )
        self.show_home()

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
    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The palette's own commands, in the interface's language (Textual's are English):
        help, quit (after saving), colours, and maximizing a field. Textual's SVG screenshot is
        left out: nobody in a meeting needs a file of the screen in the working folder."""
        yield SystemCommand(t("ui.key.help"), t("ui.key.help_tip"), self.action_help)
        yield SystemCommand(t("ui.key.quit"), t("ui.key.quit_tip"), self.action_quit)
        yield SystemCommand(
            t("ui.palette.theme"), t("ui.palette.theme_tip"), self.action_change_theme
        )
        if screen.maximized is not None:
            yield SystemCommand(
                t("ui.palette.minimize"), t("ui.palette.minimize_tip"), screen.action_minimize
            )
        elif screen.focused is not None and screen.focused.allow_maximize:
            yield SystemCommand(
                t("ui.palette.maximize"), t("ui.palette.maximize_tip"), screen.action_maximize
            )

    def action_command_palette(self) -> None:
        from textual.command import CommandPalette

        if self.use_command_palette and not isinstance(self.screen, CommandPalette):
            palette = CommandPalette(
                placeholder=t("ui.palette.placeholder"), id="--command-palette"
            )
            self.push_screen(palette)

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

    async def action_quit(self) -> None:
        """Pop every screen (so each can save), write what is left, and then exit."""
        self._leaving = True
        while len(self.screen_stack) > 1:
            await self.pop_screen()
        self.exit()

    def on_unmount(self) -> None:
        from grow_app.ui.long_lived import end_quiet

        self.close_writer()
        end_quiet()


def create_app(
    context: Workspace,
    session_ref: str | None = None,
    *,
    autosave_delay: float | None = None,
    start: SessionStart | None = None,
) -> GrowApp:
    """The one way to build the app, shared by ``grow``, ``grow serve`` and the tests.

    ``start`` (from :func:`grow_app.services.session_start.session_start`) puts the session's
    first open question, with a working editor, in the very first frame; ``grow open`` passes it.
    """
    return GrowApp(context, session_ref=session_ref, autosave_delay=autosave_delay, start=start)
