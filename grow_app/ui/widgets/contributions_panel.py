"""The contributions panel: what participants sent for the question on screen.

It draws a :class:`~grow_app.join_records.PanelState` and writes nothing: every key posts a
message upward, and the screen does the work through its writer, then calls :meth:`show` with
a fresh state (see the report of issue 12 for the mapping). In a silent round that has not been
revealed it shows only the count, as silent brainstorming does on the projector.

Keys (while the panel has the focus): Enter take into the answer, p park, m merge (then pick
the one to merge with and press Enter), h hide, u restore, r reveal, s silent/open, v start a
dot vote over the contributions, i over the question's items, c close the vote.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from grow_app.i18n import t, tn
from grow_app.join_records import (
    OPEN_MODE,
    OVER_CONTRIBUTIONS,
    OVER_ITEMS,
    PARKED,
    SILENT_MODE,
    TAKEN,
    Contribution,
    PanelState,
    VoteResult,
)
from grow_app.ui.widgets.bindings import translate_bindings

BAR_WIDTH = 24
MARKS = {TAKEN: "✓ ", PARKED: "P "}


# -- messages: what the facilitator asked for ------------------------------------------------------
@dataclass
class _About(Message):
    """A move on one contribution; ``revision`` is the one on screen (a stale move changes
    nothing in the store: see ``contributions.take(..., revision=)``)."""

    contribution_id: str
    revision: int
    text: str


class ContributionTaken(_About):
    """Take the text into the answer: the screen puts it in the editor, then marks it taken."""


class ContributionParked(_About):
    """Put it on the parking lot: the screen adds the parking-lot item, then marks it parked."""


class ContributionHidden(_About):
    """Hide it from the projector and the participants' pages."""


class ContributionRestored(_About):
    """List it again as it came in (undo take, park, hide)."""


@dataclass
class ContributionsMerged(Message):
    source_id: str
    target_id: str


@dataclass
class RevealRequested(Message):
    question_id: str


@dataclass
class ModeChangeRequested(Message):
    question_id: str
    mode: str  # "open" or "silent"


@dataclass
class VoteRequested(Message):
    question_id: str
    over: str  # "contributions" or "items"


@dataclass
class VoteCloseRequested(Message):
    vote_id: str


# -- drawing --------------------------------------------------------------------------------------
def bar_lines(result: VoteResult, width: int = BAR_WIDTH) -> Text:
    """Dots per option, most first: the option on one line, its bar and count below it."""
    text = Text(no_wrap=False)
    most = max(result.most, 1)
    for index, (option, dots) in enumerate(result.totals):
        if index:
            text.append("\n")
        text.append(_one_line(option.label, 120) + "\n")
        filled = round(width * dots / most)
        text.append("█" * filled, "bold")
        text.append("░" * (width - filled), "dim")
        text.append(f" {dots}", "bold")
    return text


def _one_line(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def contribution_prompt(item: Contribution, merged: int) -> Text:
    prompt = Text(MARKS.get(item.state, ""), "bold")
    prompt.append(" ".join(item.text.split()))
    prompt.append(f"  — {item.author or t('join.anonymous')}", "dim")
    if merged:
        prompt.append(f"  {t('join.cp_merged', count=merged)}", "bold")
    return prompt


class ContributionsPanel(Vertical, can_focus=True):
    DEFAULT_CSS = """
    ContributionsPanel { height: auto; max-height: 100%; }
    ContributionsPanel > #cp-header { text-style: bold; padding: 0 1; }
    ContributionsPanel > #cp-count { padding: 1 1; text-style: bold; }
    ContributionsPanel > #cp-hint { color: $text-muted; padding: 0 1; }
    ContributionsPanel > OptionList { height: auto; max-height: 20; }
    ContributionsPanel > #cp-votes { padding: 1 1 0 1; }
    """

    BINDINGS = [
        Binding("p", "park", id="join.cp_key_park"),
        Binding("m", "merge", id="join.cp_key_merge"),
        Binding("h", "hide", id="join.cp_key_hide"),
        Binding("u", "restore", id="join.cp_key_show"),
        Binding("r", "reveal", id="join.cp_key_reveal"),
        Binding("s", "mode", id="join.cp_key_mode"),
        Binding("v", "vote", id="join.cp_key_vote"),
        Binding("i", "vote_items", id="join.cp_key_vote_items"),
        Binding("c", "close_vote", id="join.cp_key_close_vote"),
        Binding("escape", "cancel_merge", show=False),
    ]

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        translate_bindings(self)
        self.state: PanelState | None = None
        self.merging: Contribution | None = None

    def compose(self) -> ComposeResult:
        yield Static(t("join.cp_title"), id="cp-header", markup=False)
        yield Static("", id="cp-count", markup=False)
        yield OptionList(id="cp-list")
        yield Static("", id="cp-hint", markup=False)
        yield Static("", id="cp-votes", markup=False)

    # -- the API --------------------------------------------------------------------------------
    def show(self, state: PanelState) -> None:
        """Draw ``state`` (the same question again keeps the highlighted contribution)."""
        same_question = self.state is not None and self.state.question_id == state.question_id
        self.state = state
        if not same_question:
            self.merging = None
        if self.is_mounted:
            self._draw(keep=same_question)

    @property
    def highlighted(self) -> Contribution | None:
        if self.state is None or not self.is_mounted:
            return None
        index = self.query_one(OptionList).highlighted
        listed = self._listed()
        return listed[index] if index is not None and 0 <= index < len(listed) else None

    def focus_list(self) -> None:
        """Focus the list, or the panel itself while there is no list (a silent round), so
        its keys work either way."""
        options = self.query_one(OptionList)
        if options.display:
            options.focus()
        else:
            self.focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "cancel_merge":
            return self.merging is not None  # otherwise Escape belongs to the screen
        return True

    # -- drawing --------------------------------------------------------------------------------
    def on_mount(self) -> None:
        if self.state is not None:
            self._draw(keep=False)

    def _listed(self) -> tuple[Contribution, ...]:
        if self.state is None or self.state.round.hidden_until_reveal:
            return ()
        return self.state.listed

    def _draw(self, *, keep: bool) -> None:
        state = self.state
        assert state is not None
        options = self.query_one(OptionList)
        previous = self.highlighted.id if keep and self.highlighted else None
        mode = t("join.cp_mode_silent" if state.round.mode == SILENT_MODE else "join.cp_mode_open")
        self.query_one("#cp-header", Static).update(
            f"{t('join.cp_title')} · {mode} · {state.count}"
        )
        count = self.query_one("#cp-count", Static)
        hint = self.query_one("#cp-hint", Static)
        listed = self._listed()
        if state.round.hidden_until_reveal:
            count.update(tn("join.cp_silent", state.count))
            count.display = True
            hint_text = t("join.cp_silent_hint", letter="r")
        else:
            count.display = not listed
            count.update(t("join.cp_empty"))
            hint_text = t("join.cp_merge_pick") if self.merging else ""
        hint.update(hint_text)
        hint.display = bool(hint_text)
        options.clear_options()
        options.add_options(
            Option(contribution_prompt(c, state.merged_count(c.id)), id=c.id) for c in listed
        )
        options.display = bool(listed)
        # Keep the focus inside the panel when the list comes and goes (a silent round).
        if not options.display and options.has_focus:
            self.focus()
        elif options.display and self.has_focus and self.screen.focused is self:
            options.focus()
        ids = [c.id for c in listed]
        if previous in ids:
            options.highlighted = ids.index(previous)
        elif listed and options.highlighted is None:
            options.highlighted = 0
        votes = self.query_one("#cp-votes", Static)
        result = state.vote
        if result is None:
            votes.display = False
        else:
            key = "join.cp_vote" if result.vote.open else "join.cp_vote_closed"
            title = Text(t(key, budget=result.vote.budget, voters=result.voters) + "\n", "bold")
            votes.update(title + bar_lines(result))
            votes.display = True

    # -- keys -----------------------------------------------------------------------------------
    def _about(self, kind: type[_About]) -> None:
        item = self.highlighted
        if item is not None:
            self.post_message(kind(item.id, item.revision, item.text))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        item = self.highlighted
        if item is None:
            return
        if self.merging is not None:
            source, self.merging = self.merging, None
            if source.id != item.id:
                self.post_message(ContributionsMerged(source.id, item.id))
            self._draw(keep=True)
            return
        self.post_message(ContributionTaken(item.id, item.revision, item.text))

    def action_park(self) -> None:
        self._about(ContributionParked)

    def action_hide(self) -> None:
        self._about(ContributionHidden)

    def action_restore(self) -> None:
        self._about(ContributionRestored)

    def action_merge(self) -> None:
        self.merging = self.highlighted
        if self.merging is not None:
            self._draw(keep=True)

    def action_cancel_merge(self) -> None:
        if self.merging is not None:
            self.merging = None
            self._draw(keep=True)

    def action_reveal(self) -> None:
        if self.state is not None and self.state.round.hidden_until_reveal:
            self.post_message(RevealRequested(self.state.question_id))

    def action_mode(self) -> None:
        if self.state is not None:
            mode = OPEN_MODE if self.state.round.mode == SILENT_MODE else SILENT_MODE
            self.post_message(ModeChangeRequested(self.state.question_id, mode))

    def action_vote(self) -> None:
        if self.state is not None:
            self.post_message(VoteRequested(self.state.question_id, OVER_CONTRIBUTIONS))

    def action_vote_items(self) -> None:
        if self.state is not None:
            self.post_message(VoteRequested(self.state.question_id, OVER_ITEMS))

    def action_close_vote(self) -> None:
        state = self.state
        if state is not None and state.vote is not None and state.vote.vote.open:
            self.post_message(VoteCloseRequested(state.vote.vote.id))
