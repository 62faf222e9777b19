"""A small app with the two join panels on one database, as the session screen will use them.

It polls ``joining.changes_since`` (one cheap read) in a worker thread and redraws the panels
only when something changed; the panels' messages are carried out by a second connection in a
worker thread (the session screen's writer will do this). Used by the Pilot tests, and to look
at the panels in a terminal::

    python tests/functional/join_panels_app.py DATABASE SESSION [QUESTION]
"""

from __future__ import annotations

import sys
import threading
from pathlib import Path

from textual import work
from textual.app import App, ComposeResult
from textual.containers import Horizontal

from grow_app.services import contributions, joining, voting
from grow_app.services.catalog import load_catalog
from grow_app.services.sessions import find_session
from grow_app.ui.widgets.contributions_panel import (
    ContributionHidden,
    ContributionParked,
    ContributionRestored,
    ContributionsMerged,
    ContributionsPanel,
    ContributionTaken,
    ModeChangeRequested,
    RevealRequested,
    VoteCloseRequested,
    VoteRequested,
)
from grow_app.ui.widgets.join_panel import JoinPanel


class PanelsApp(App):
    CSS = """
    Horizontal { height: 1fr; }
    JoinPanel { width: 1fr; }
    ContributionsPanel { width: 1fr; border-left: solid $panel; }
    """

    def __init__(self, db_path: Path, session_ref: str, question_id: str, poll: float = 0.2):
        super().__init__()
        self.db_path = Path(db_path)
        self.poll_seconds = poll
        self.reader = joining.connect(self.db_path)
        self.writer = joining.connect(self.db_path)
        self.session_id = find_session(self.reader, session_ref).id
        self.card = load_catalog().get(find_session(self.reader, self.session_id).card_id)
        self.question_id = question_id or joining.current_question(
            self.reader, self.card, self.session_id
        )
        self.mark = -1
        self.taken: list[str] = []  # what the session screen would put in the editor
        self.parked: list[str] = []
        self.problems: list[str] = []
        self._lock = threading.Lock()

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield JoinPanel()
            yield ContributionsPanel()

    def on_mount(self) -> None:
        self.set_interval(self.poll_seconds, self.poll)
        self.poll()
        self.query_one(ContributionsPanel).focus_list()

    def on_unmount(self) -> None:
        with self._lock:
            self.reader.conn.close()
            self.writer.conn.close()

    # -- reading: one cheap check, a full read only when something changed -----------------------
    def poll(self) -> None:
        self.read_changes()

    @work(thread=True, exclusive=True, group="read")
    def read_changes(self) -> None:
        with self._lock:
            changed = joining.changes_since(self.reader, self.session_id, self.mark)
            if changed is None:
                return
            state = contributions.panel_state(self.reader, self.session_id, self.question_id)
            join = joining.active_join(self.reader, self.session_id)
        self.call_from_thread(self.draw, changed, state, join)

    def draw(self, mark, state, join) -> None:
        self.mark = mark
        self.query_one(ContributionsPanel).show(state)
        self.query_one(JoinPanel).show(join)
        if self.focused is None:
            self.query_one(ContributionsPanel).focus_list()

    # -- writing: what the panels asked for ----------------------------------------------------
    @work(thread=True, group="write")
    def write(self, action, *args) -> None:
        try:
            with self._lock:
                action(self.writer, *args)
        except Exception as err:  # the test sees it: a move that failed must not vanish
            self.problems.append(str(err))
        self.call_from_thread(self.read_changes)

    def on_contribution_taken(self, message: ContributionTaken) -> None:
        self.taken.append(message.text)
        self.write(contributions.take, self.session_id, message.contribution_id, message.revision)

    def on_contribution_parked(self, message: ContributionParked) -> None:
        self.parked.append(message.text)
        self.write(contributions.park, self.session_id, message.contribution_id, message.revision)

    def on_contribution_hidden(self, message: ContributionHidden) -> None:
        self.write(contributions.hide, self.session_id, message.contribution_id, message.revision)

    def on_contribution_restored(self, message: ContributionRestored) -> None:
        self.write(contributions.show, self.session_id, message.contribution_id, message.revision)

    def on_contributions_merged(self, message: ContributionsMerged) -> None:
        self.write(contributions.merge, self.session_id, message.source_id, message.target_id)

    def on_reveal_requested(self, message: RevealRequested) -> None:
        self.write(joining.reveal, self.session_id, message.question_id)

    def on_mode_change_requested(self, message: ModeChangeRequested) -> None:
        self.write(joining.set_mode, self.session_id, message.question_id, message.mode)

    def on_vote_requested(self, message: VoteRequested) -> None:
        def start(db, question_id, over):
            voting.start_vote(db, self.card, self.session_id, question_id, over)

        self.write(start, message.question_id, message.over)

    def on_vote_close_requested(self, message: VoteCloseRequested) -> None:
        self.write(voting.close_vote, self.session_id, message.vote_id)


if __name__ == "__main__":
    PanelsApp(Path(sys.argv[1]), sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else "").run()
