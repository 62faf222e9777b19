"""The session screen: the card's outline beside one question at a time, saved as it is typed.

Keys (see docs/handleiding.md): ctrl+down / ctrl+up (or alt+down / alt+up) next / previous
question, alt+1..9 jump to a phase, F2 participants, F3 parking lot, F4 key message, F6 timebox,
F7 actions of the previous session, F9 card intro, F10 back to the overview, ctrl+p find a
question, ctrl+e export (position paper or bundle). The footer shows the keys that fit its width.

Two promises shape this module:

* **Interactive from the first frame.** ``grow open`` hands over a
  :class:`~grow_app.services.session_start.SessionStart` read with the standard library: the
  first open question's editor is in the very first frame and saves through the writer at
  once. The full :class:`~grow_app.services.meeting.Meeting` (card models, sqlite-utils) loads in
  a thread meanwhile and is attached when it is there; the first editor stays as it is.
* **Input goes to the question on screen, always.** Each question gets its pane once
  (:class:`~grow_app.ui.widgets.question_pane.QuestionPane`), kept mounted and hidden when
  another is shown: a move only flips which pane shows and where the focus is. The keys that move
  (or move the focus to another field: tab, enter in the action list) are priority bindings:
  Textual runs them before it hands the next key or paste to the focused field, so what is
  typed right after a move lands in the new question, in order.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.reactive import Reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Label, Static

from grow_app.i18n import t
from grow_app.ui.screens.session_aids import SessionAids
from grow_app.ui.screens.session_join import SessionJoin
from grow_app.ui.screens.session_keys import SessionKeys
from grow_app.ui.screens.session_loading import SessionLoading
from grow_app.ui.screens.session_panes import SessionPanes
from grow_app.ui.screens.session_sync import SessionSync
from grow_app.ui.typed_app import grow_of
from grow_app.ui.widgets.common_painted import PaintedStatic
from grow_app.ui.widgets.common_typeahead import TypeAhead
from grow_app.ui.widgets.notice import Notice
from grow_app.ui.widgets.question_pane import QuestionPane, QuestionScroll
from grow_app.ui.widgets.writes import TaskRunner

if TYPE_CHECKING:
    from grow_app.card.models import Phase, Question
    from grow_app.services.changes import Key
    from grow_app.services.meeting import Meeting
    from grow_app.services.session_start import SessionStart, StartMeeting
    from grow_app.services.writer import WriterEvent
    from grow_app.ui.app import GrowApp

MAX_PHASE_KEYS = 9
NARROW_WIDTH = 100
WIDE_WIDTH = 160
LOAD_FALLBACK_SECONDS = 0.5
"""Start the writer and load the meeting after this long even if the first frame never reports
being drawn."""

# The footer shows as many keys as fit on one line (F1 lists them all, ctrl+p finds them too):
# the first set always, the second from NARROW_WIDTH columns, the rest from WIDE_WIDTH.
FOOTER_ALWAYS = frozenset({"session.next", "session.parking", "session.leave"})
FOOTER_NORMAL = frozenset({"session.previous", "session.key_message"})
FOOTER_WIDE = frozenset(
    {
        "session.participants",
        "session.timebox",
        "session.previous_actions",
        "session.intro",
        "session.versions",
        "session.export",
        "session.find",
        "session.join",
    }
)
FOOTER_IDS = FOOTER_ALWAYS | FOOTER_NORMAL | FOOTER_WIDE


def _session_commands() -> type:
    """The command palette's questions (textual.command is loaded when the palette opens)."""
    from grow_app.ui.commands import SessionCommands

    return SessionCommands


def _phase_bindings() -> list[Binding]:
    return [
        Binding(
            f"alt+{n}",
            f"jump_phase({n - 1})",
            show=False,
            id=f"session.phase_{n}",
            priority=True,
        )
        for n in range(1, MAX_PHASE_KEYS + 1)
    ]


class SessionScreen(
    SessionLoading,
    SessionPanes,
    SessionKeys,
    SessionSync,
    SessionAids,
    SessionJoin,
    TaskRunner,
    Screen[None],
):
    CSS_PATH = "session.tcss"  # also read at start (see GrowApp.CSS_PATH and CompareScreen's)
    COMMANDS = {_session_commands}
    AUTO_FOCUS = None

    focused: Reactive[Widget | None] = Reactive(None, repaint=False)
    """As Textual's, without repainting the whole screen when the focus moves: the screen's own
    look does not depend on it (the two widgets whose focus changed repaint themselves). With
    the repaint every move drew the full screen twice, the second time for nothing."""

    BINDINGS = [
        Binding(
            "ctrl+down,alt+down",
            "next_question",
            "next",
            id="session.next",
            tooltip="n",
            priority=True,
        ),
        Binding(
            "ctrl+up,alt+up",
            "previous_question",
            "prev",
            id="session.previous",
            tooltip="p",
            priority=True,
        ),
        Binding("f2", "participants", "people", id="session.participants", tooltip="p"),
        Binding("f3", "parking_lot", "parking", id="session.parking", tooltip="p"),
        Binding("f5", "join", "join", id="session.join", tooltip="j"),
        Binding("shift+f5", "close_join", "close", id="session.close_join", show=False),
        Binding("f4", "key_message", "key", id="session.key_message", tooltip="k", priority=True),
        Binding("f6", "timebox", "time", id="session.timebox", tooltip="t"),
        Binding("f7", "previous_actions", "previous", id="session.previous_actions", tooltip="p"),
        Binding("f9", "intro", "intro", id="session.intro", tooltip="i"),
        Binding("ctrl+e", "export", "export", id="session.export", tooltip="e"),
        Binding("f10", "leave", "leave", id="session.leave", tooltip="l"),
        Binding("ctrl+p", "app.command_palette", "find", id="session.find", tooltip="f"),
        Binding("alt+h", "versions", "versions", id="session.versions", tooltip="v"),
        Binding("ctrl+s", "save_now", "save", id="session.save_now", tooltip="s", show=False),
        # Moving the focus within a question: handled before the next key is handed on.
        Binding("tab", "next_field", show=False, priority=True),
        Binding("shift+tab", "previous_field", show=False, priority=True),
        Binding("enter", "enter", show=False, priority=True),
        Binding("shift+delete", "remove_action", show=False, priority=True),
        *_phase_bindings(),
    ]

    def __init__(
        self,
        session_ref: str,
        *,
        start: SessionStart | None = None,
        clock: Callable[[], float] = time.monotonic,
        typed_ahead: str | TypeAhead = "",
    ) -> None:
        from grow_app.services.session_start import StartMeeting

        super().__init__()
        self.session_ref = session_ref
        self.session_id = start.session_id if start else session_ref
        self.start = start
        self.clock = clock
        self.meeting: Meeting | None = None
        self.values: Meeting | StartMeeting | None = StartMeeting(start) if start else None
        self.type_ahead = (
            typed_ahead if isinstance(typed_ahead, TypeAhead) else TypeAhead(typed_ahead)
        )
        self.stops: list[str] = [start.view.stop] if start else []
        self.index = 0
        self._panes: dict[str, QuestionPane] = {}
        self._mounts: dict[str, asyncio.Future[None]] = {}
        self._dirty: set[Key] = set()
        self._held: list[Callable[[], None]] | None = []  # edits until the first frame
        self._loading_started = False
        self._opened_at = time.time()  # stamped when asked (services.changes is not needed yet)
        self._previous_actions_count: int | None = None
        from grow_app.ui.widgets.bindings import translate_bindings

        translate_bindings(self)

    @property
    def opened_at(self) -> str:
        """When this screen opened, as the store stamps changes (what changed since then)."""
        from grow_app.services.changes import stamp_at

        return stamp_at(self._opened_at)

    # -- layout ------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        # The width classes before anything is mounted (on_resize keeps them right): set on the
        # first resize they restyled the whole screen (a wide terminal, a projector).
        self._width_classes(self.app.size.width)
        self.title_parts = self.start.title if self.start else (t("session.loading"),)
        title = " · ".join(self.title_parts)
        with Horizontal(id="session-top"):
            yield PaintedStatic(title, id="session-title", markup=False)
            yield Label("", id="progress", markup=False)
            yield Label("", id="saved", markup=False)
        yield Notice(id="notice")
        with Horizontal(id="session-body"):
            yield Vertical(id="outline-slot")
            with QuestionScroll(id="question-pane", can_focus=False):
                if self.start is not None:
                    assert self.values is not None
                    pane = QuestionPane(self.start.view, self.values, "")
                    self._panes[self.start.view.stop] = pane
                    yield pane

    def on_mount(self) -> None:
        if self.start is not None:
            self._focus_in(self._panes[self.start.view.stop])
        self.set_timer(LOAD_FALLBACK_SECONDS, self._after_first_frame)

    def on_painted(self) -> None:
        # The writer at once: what is typed from now on is on disk as soon as it can be. The
        # loading thread after the frame that shows what was typed meanwhile (a typed-ahead key
        # need not wait behind it).
        self.release_held()
        self.call_after_refresh(self._after_first_frame)

    def _after_first_frame(self) -> None:
        """Drawn (or a fallback timer): the writer starts, the meeting loads."""
        from grow_app.ui.long_lived import started

        started()
        self.release_held()
        self._start_loading()

    # Keys typed before the first editor had focus wait in the type-ahead; they are judged by
    # when they were typed, not when they are handled.
    _first_focus_at = float("inf")

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if self.pane is not None and self.focused in self.pane.fields():
            self._first_focus_at = min(self._first_focus_at, event.time)

    def _typed_ahead(self, event: events.Event) -> bool:
        return event.time < self._first_focus_at

    def on_key(self, event: events.Key) -> None:
        if self._typed_ahead(event):
            self.type_ahead.take_key(event)
        elif self._versions_key_off(event.key):
            # versions are an answer's: elsewhere (an action's field, a status) the key is off
            # (check_action), and said so rather than doing nothing
            self.notify(t("session.versions_where"), timeout=4)

    def _versions_key_off(self, key: str) -> bool:
        """``key`` is bound to the versions here (whichever key that is), but off."""
        bound = self._bindings.key_to_bindings.get(key, ())
        return (
            any(b.action == "versions" for b in bound)
            and self.meeting is not None
            and not self.check_action("versions", ())
        )

    def on_paste(self, event: events.Paste) -> None:
        if self._typed_ahead(event):
            self.type_ahead.take_paste(event)

    def take_early_input(self, event: events.Key | events.Paste) -> bool:
        """A key or paste the app read before anything had focus (this screen is being built):
        kept in the type-ahead now, so it is in the first frame; False if it is not text (a
        key that goes its usual way). Only until the first editor is known: after that a key
        goes where the focus is, never to the first editor because nothing has focus."""
        if self.type_ahead.target is not None:
            return False
        if isinstance(event, events.Paste):
            self.type_ahead.take_paste(event)
            return True
        return self.type_ahead.take_key(event)

    def _width_classes(self, width: int) -> None:
        self.set_class(width < NARROW_WIDTH, "-narrow")
        self.set_class(width >= WIDE_WIDTH, "-wide")

    def on_resize(self, event: events.Resize) -> None:
        self._width_classes(event.size.width)
        self.fit_footer(event.size.width)
        self.call_after_refresh(self.fit_title)

    title_parts: tuple[str, ...] = ()
    """The top line: partnership, date, card title."""

    def fit_title(self) -> None:
        """The whole top line where it fits; else without the card's title (the same for every
        session on the card), then without the date, so that the partnership's name is not cut
        short (a name longer than the room still is, with "…")."""
        from rich.cells import cell_len

        title = self.query_one("#session-title", Static)
        room = title.content_region.width
        parts = self.title_parts
        while room > 0 and len(parts) > 1 and cell_len(" · ".join(parts)) > room:
            parts = parts[:-1]
        title.update(" · ".join(parts))

    def fit_footer(self, width: int) -> None:
        """Show in the footer only the keys that fit in ``width`` columns."""
        from grow_app.ui.widgets.common_bindings import show_in_footer

        shown = set(FOOTER_ALWAYS)
        if width >= NARROW_WIDTH:
            shown |= FOOTER_NORMAL
        if width >= WIDE_WIDTH:
            shown |= FOOTER_WIDE
        show_in_footer(self, shown, FOOTER_IDS)

    def _now(self) -> float:
        return self.clock()

    # -- where we are --------------------------------------------------------------------------
    @property
    def stop(self) -> str:
        return self.stops[self.index]

    @property
    def grow(self) -> GrowApp:
        return grow_of(self)

    @property
    def question(self) -> Question | None:
        return self.meeting.card.question(self.stop) if self.meeting else None

    @property
    def phase(self) -> Phase | None:
        return self.meeting.card.phase_of(self.stop) if self.meeting else None

    @property
    def pane(self) -> QuestionPane | None:
        return self._panes.get(self.stop) if self.stops else None

    def _position(self, index: int) -> str:
        return t("session.position", number=index + 1, total=len(self.stops))

    def _refresh_where(self, pane: QuestionPane) -> None:
        if pane.is_mounted:
            where = pane.query_one(".question-where", Label)
            where.update(f"{pane.view.where}   {pane.position}")

    # -- saving (tests and quitting) -----------------------------------------------------------
    def flush(self, timeout: float = 10.0) -> bool:
        """Write everything typed so far and wait for it (tests, quitting)."""
        self.release_held()
        return self.writer.flush(timeout)

    def action_save_now(self) -> None:
        """Autosave needs no key, but people press ctrl+s anyway: write now, say so when done."""
        self.writer.save_soon()
        self.notify(t("session.saving_now"), timeout=2)

    def on_screen_suspend(self) -> None:
        self.release_held()
        self.writer.save_soon()

    def on_unmount(self) -> None:
        from grow_app.ui.long_lived import hand_back

        self.go_dormant()
        hand_back()

    def go_dormant(self) -> None:
        """Left (or gone): what is pending is written, other windows' changes no longer read,
        joining that this screen started stops."""
        self.release_held()
        self.writer.save_soon()
        self.stop_joining()
        if self.meeting is not None and not self._dormant:
            self.writer.unwatch()
        self._dormant = True

    _dormant = False

    def writer_event(self, event: WriterEvent) -> None:
        TaskRunner.writer_event(self, event)
        if not self._dormant and self.is_attached:
            SessionSync.writer_event(self, event)
