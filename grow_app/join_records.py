"""Plain records of joining: codes, contributions, votes, and the snapshots built from them.

Stdlib only (dataclasses), so the store fills them, the services hand them on, and the web page,
the facilitator's panels and the paper's appendix read them without importing each other.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# The states a contribution can be in. Nothing is ever deleted: "hidden" is a state.
SHOWN = "shown"
HIDDEN = "hidden"
MERGED = "merged"  # merged into another contribution (``merged_into``)
TAKEN = "taken"  # taken into the answer by the facilitator
PARKED = "parked"  # put on the parking lot
STATES = (SHOWN, HIDDEN, MERGED, TAKEN, PARKED)

OPEN_MODE = "open"  # contributions appear as they come (the default)
SILENT_MODE = "silent"  # only a count until the facilitator reveals them
MODES = (OPEN_MODE, SILENT_MODE)

OVER_CONTRIBUTIONS = "contributions"  # a dot vote over the question's contributions
OVER_ITEMS = "items"  # ... or over the question's items (options, recommendations, members)
VOTE_OVER = (OVER_CONTRIBUTIONS, OVER_ITEMS)


@dataclass(frozen=True)
class JoinCode:
    """One opening of a session for participants. The code works while it is open and not
    expired, for this session only."""

    id: str
    session_id: str
    code: str
    secret: str  # signs the participant's form tokens; never leaves this computer
    address: str  # the participant address as the server announced it ('' until then)
    allow_anonymous: bool
    opened_at: str
    expires_at: str
    closed_at: str | None = None


@dataclass(frozen=True)
class Device:
    """A participant's browser, known by the hash of a random cookie (no account, no IP)."""

    id: str
    join_id: str
    name: str  # the display name ('' = anonymous)
    created_at: str


@dataclass(frozen=True)
class Contribution:
    id: str
    session_id: str
    question_id: str
    author: str  # the display name at the time of sending; '' = anonymous
    text: str
    state: str = SHOWN
    merged_into: str | None = None
    revision: int = 1
    created_at: str = ""
    updated_at: str = ""
    device: str = ""  # '' for contributions that came in through a bundle

    @property
    def visible(self) -> bool:
        """Listed on the projector and the participant pages (once revealed)."""
        return self.state in (SHOWN, TAKEN, PARKED)


@dataclass(frozen=True)
class QuestionRound:
    """How one question collects contributions: open, or silent until revealed."""

    question_id: str
    mode: str = OPEN_MODE
    revealed_at: str | None = None

    @property
    def hidden_until_reveal(self) -> bool:
        return self.mode == SILENT_MODE and self.revealed_at is None


@dataclass(frozen=True)
class VoteOption:
    key: str
    label: str


@dataclass(frozen=True)
class Vote:
    id: str
    session_id: str
    question_id: str
    over: str
    options: tuple[VoteOption, ...]
    budget: int  # dots per person
    started_at: str
    closed_at: str | None = None

    @property
    def open(self) -> bool:
        return self.closed_at is None


@dataclass(frozen=True)
class VoteResult:
    """The tally of a vote: every option with its dots (most first), and how many voted."""

    vote: Vote
    totals: tuple[tuple[VoteOption, int], ...]
    voters: int

    @property
    def most(self) -> int:
        return max((dots for _option, dots in self.totals), default=0)


@dataclass(frozen=True)
class PanelState:
    """What the facilitator's contributions panel shows for one question."""

    session_id: str
    question_id: str
    round: QuestionRound
    contributions: tuple[Contribution, ...]  # every one, oldest first (the panel filters)
    vote: VoteResult | None = None
    mark: int = 0  # the change mark this state was read at (see ``changes_since``)

    @property
    def listed(self) -> tuple[Contribution, ...]:
        """The contributions the panel lists: not hidden, not merged into another."""
        return tuple(c for c in self.contributions if c.state not in (HIDDEN, MERGED))

    @property
    def count(self) -> int:
        """How many came in (hidden ones too: they arrived)."""
        return len(self.contributions)

    def merged_count(self, contribution_id: str) -> int:
        return sum(1 for c in self.contributions if c.merged_into == contribution_id)


@dataclass(frozen=True)
class QuestionContributions:
    """One question's part of the paper's appendix: a plain snapshot (no store, no card)."""

    question_id: str
    question_text: str
    contributions: tuple[Contribution, ...]  # listed ones, oldest first
    merged_counts: dict[str, int] = field(default_factory=dict)
    votes: tuple[VoteResult, ...] = ()


@dataclass(frozen=True)
class ContributionsSnapshot:
    """Everything the appendix "Inbreng van deelnemers" shows, per question in card order."""

    questions: tuple[QuestionContributions, ...] = ()

    def __bool__(self) -> bool:
        return any(q.contributions or q.votes for q in self.questions)


@dataclass(frozen=True)
class ParticipantView:
    """What one participant's page shows: this session's current question and nothing else."""

    heading: str  # "partnership · date": so people know they joined the right meeting
    question_id: str
    question_text: str
    phase_title: str
    items: tuple[str, ...]  # the question's sub-items, to read along
    round: QuestionRound
    mine: tuple[Contribution, ...]  # this device's contributions to the question
    others: tuple[Contribution, ...]  # others' visible ones (none while a silent round runs)
    waiting: int  # contributions that arrived but are not shown yet (silent round)
    vote: Vote | None  # the open vote on this question
    my_dots: dict[str, int]  # this device's ballot in that vote
    result: VoteResult | None  # the last closed vote on this question
    answers: tuple[tuple[str, str], ...]  # (label, text): the answer as the facilitator types it
    version: str  # changes whenever any of the above may have changed
