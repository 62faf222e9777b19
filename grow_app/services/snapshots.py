"""What the position paper shows of a session, read once by the services into plain values.

Export renders a :class:`SessionSnapshot` (Word, markdown) and never reads the database itself:
everything a paper needs (the partnership's name and region, every answer and status, the
people, actions and parking lot, and the participants' contributions when asked for) is read
here, in one go, on whatever connection the caller owns (the command line's, or a worker's own).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from grow_app.errors import GrowError, NotFoundError
from grow_app.i18n import t

if TYPE_CHECKING:
    from sqlite_utils import Database

    from grow_app.card.loader import CardCatalog
    from grow_app.card.models import Card, Question
    from grow_app.join_records import ContributionsSnapshot
    from grow_app.records import Action, ParkingItem, Participant, Session
    from grow_app.services.meeting import Meeting


def action_written(action: Action) -> bool:
    """An action counts once anything of it is written (an added, still empty row does not)."""
    return bool(action.wat.strip() or action.wie.strip() or action.wanneer.strip())


def question_answered(
    card: Card,
    question: Question,
    answer: Callable[[str, str], str],
    status: Callable[[str, str], str],
    actions: Callable[[], Iterable[Action]],
) -> bool:
    """Whether ``question`` counts as answered: the one rule of the meeting and the paper.
    (``actions`` is asked for only for the action question.)"""
    if question.kind == "actions":
        return any(map(action_written, actions()))
    if question.kind == "recommendations" and any(
        status(question.id, item.key) for item in question.items
    ):
        return True
    return any(answer(question.id, key).strip() for key in card.answer_keys(question))


@dataclass(frozen=True)
class SessionSnapshot:
    """One session as its position paper shows it: plain values, no database behind them."""

    card: Card
    session: Session
    partnership: str
    """The partnership's name as it is now (the session's own copy if it is gone)."""
    region: str
    answers: Mapping[tuple[str, str], str]
    statuses: Mapping[tuple[str, str], str]
    participants: tuple[Participant, ...]
    actions: tuple[Action, ...]
    """The actions not deleted, in their order (dropped ones included: the paper leaves them out)."""
    parking_lot: tuple[ParkingItem, ...]
    contributions: ContributionsSnapshot | None = None
    """The appendix "Inbreng van deelnemers", when it was asked for."""

    @property
    def key_message(self) -> str:
        return self.session.key_message

    def answer(self, question_id: str, item_key: str = "") -> str:
        return self.answers.get((question_id, item_key), "")

    def status(self, question_id: str, item_key: str) -> str:
        return self.statuses.get((question_id, item_key), "")

    def is_answered(self, question: Question) -> bool:
        actions = self.actions
        return question_answered(self.card, question, self.answer, self.status, lambda: actions)


def snapshot_of(meeting: Meeting, *, with_contributions: bool = False) -> SessionSnapshot:
    """The snapshot of a meeting held in memory (what its screen shows, saved or not yet), with
    the partnership (and the contributions) read from the meeting's database."""
    from grow_app.store.partnerships import get_partnership

    session = meeting.session
    partnership = get_partnership(meeting.db, session.partnership_id)
    contributions = None
    if with_contributions:
        from grow_app.services.contributions import paper_snapshot

        contributions = paper_snapshot(meeting.db, meeting.card, session.id)
    return SessionSnapshot(
        card=meeting.card,
        session=session,
        partnership=partnership.name if partnership else session.partnership_name,
        region=partnership.region if partnership else "",
        answers={key: answer.text for key, answer in meeting.answers.items()},
        statuses=dict(meeting.statuses),
        participants=tuple(meeting.participants()),
        actions=tuple(meeting.actions()),
        parking_lot=tuple(meeting.parking_lot()),
        contributions=contributions,
    )


def read_snapshot(
    db: Database, catalog: CardCatalog, ref: str, *, with_contributions: bool = False
) -> SessionSnapshot:
    """The snapshot of the session ``ref`` (an id or the start of one), read from ``db``."""
    from grow_app.services.meeting import Meeting

    return snapshot_of(Meeting.open(db, catalog, ref), with_contributions=with_contributions)


def all_snapshots(
    db: Database, catalog: CardCatalog, *, with_contributions: bool = False
) -> tuple[Iterator[SessionSnapshot], list[str]]:
    """Every session that can be exported, and one line per session that cannot (unknown card).

    The snapshots are read one at a time as they are asked for: ten thousand sessions with all
    their answers would not fit in memory together, and a paper needs only its own."""
    from grow_app.services.meeting import Meeting
    from grow_app.services.sessions import list_sessions

    exportable: list[Session] = []
    skipped: list[str] = []
    for session in list_sessions(db):
        try:
            catalog.get(session.card_id)
        except NotFoundError as err:
            skipped.append(t("export.skipped_card", session=session.id[:8], reason=err.message))
        else:
            exportable.append(session)
    if not exportable and not skipped:
        raise GrowError(t("export.no_sessions"))
    snapshots = (
        snapshot_of(Meeting(db, catalog.get(s.card_id), s), with_contributions=with_contributions)
        for s in exportable
    )
    return snapshots, skipped
