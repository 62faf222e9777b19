"""What a meeting does: one session on its card, held in memory, its changes stored one by one.

The UI, the command line and the exports all go through :class:`Meeting`, so the rules (texts
are cleaned before they are stored, every change is kept in the history, what counts as
answered) live in one place.

A meeting is read once (:func:`grow_app.store.live.read_session`) and then kept in memory. An
edit updates the memory at once and returns a :class:`~grow_app.services.changes.Change`; the
session screen hands that to the writer thread, the command line stores it at once
(:meth:`Meeting.apply`, behind ``save_answer``, ``add_action`` and friends). What another window
saved arrives through :meth:`Meeting.take_remote`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from grow_app.errors import GrowError
from grow_app.records import (
    ACTION_STATUSES,
    KEY_MESSAGE_ID,
    RECOMMENDATION_STATUSES,
    Answer,
    Revision,
    Session,
)
from grow_app.services import changes as ch
from grow_app.services.meeting_records import MeetingRecords
from grow_app.services.meeting_remote import MeetingRemote, RemoteUpdate, answer_of
from grow_app.services.sessions import find_session
from grow_app.store import answers as answer_store
from grow_app.store import live
from grow_app.store import sessions as session_store
from grow_app.store.connection import write
from grow_app.text import clean_text

if TYPE_CHECKING:
    from sqlite_utils import Database

    from grow_app.card.loader import CardCatalog
    from grow_app.card.models import Card, Phase, Question

__all__ = ["ACTION_STATUSES", "KEY_MESSAGE_ID", "Meeting", "PhaseProgress", "RemoteUpdate"]


@dataclass(frozen=True)
class PhaseProgress:
    phase: Phase
    answered: int
    total: int

    @property
    def done(self) -> bool:
        return self.total > 0 and self.answered == self.total


class Meeting(MeetingRecords, MeetingRemote):
    """A session together with its card and everything answered so far.

    The people, actions and parking lot are :class:`MeetingRecords`; taking in what other
    windows saved is :class:`MeetingRemote`."""

    def __init__(self, db: Database, card: Card, session: Session) -> None:
        self.db = db
        self.card = card
        self.session = session
        self.origin = ""
        """Stored with direct writes (:meth:`apply`); the screen's writer has its own."""
        self.answers: dict[tuple[str, str], Answer] = {}
        self.statuses: dict[tuple[str, str], str] = {}
        self._records: dict[str, dict[str, dict]] = {"action": {}, "participant": {}, "parking": {}}
        self._base: dict[ch.Key, str] = {}
        """Per text field, the stored text the text in memory was typed over (a crossing test)."""
        self.signatures: dict[tuple[str, ...], tuple[object, ...]] = {}
        self._load()

    @classmethod
    def open(cls, db: Database, catalog: CardCatalog, ref: str) -> Meeting:
        session = find_session(db, ref)
        return cls(db, catalog.get(session.card_id), session)

    def _load(self) -> None:
        rows = live.read_session(self.db.conn, self.session.id, {})
        self.signatures = dict(rows.signatures)
        self.answers = {key: answer_of(row) for key, row in rows.answers.items()}
        self.statuses = {key: str(r["status"]) for key, r in rows.statuses.items() if r["status"]}
        for kind in self._records:
            self._records[kind] = {rid: row for (k, rid), row in rows.records.items() if k == kind}
        self._base = {("answer", *key): a.text for key, a in self.answers.items()}
        self._base[("key_message",)] = self.session.key_message

    def reload(self) -> None:
        fresh = session_store.get_session(self.db, self.session.id)
        if fresh:
            self.session = fresh
        self._load()

    # -- answers ------------------------------------------------------------------------------
    def answer(self, question_id: str, item_key: str = "") -> str:
        found = self.answers.get((question_id, item_key))
        return found.text if found else ""

    def revision(self, question_id: str, item_key: str = "") -> int:
        found = self.answers.get((question_id, item_key))
        return found.revision if found else 0

    def edit_answer(self, question_id: str, item_key: str, text: str) -> ch.AnswerChange | None:
        """Take ``text`` (cleaned) as the answer in memory; the change to store, or None."""
        text = clean_text(text)
        current = self.answers.get((question_id, item_key))
        if (current.text if current else "") == text:
            return None
        revision = current.revision if current else 0
        self.answers[(question_id, item_key)] = Answer(question_id, item_key, text, "", revision)
        base = self._base.get(("answer", question_id, item_key), "")
        return ch.AnswerChange(self.session.id, question_id, item_key, text, base)

    def stage_answer(self, question_id: str, item_key: str, text: str) -> str:
        """Clean ``text`` and take it as the answer in memory (not stored); returns it cleaned."""
        self.edit_answer(question_id, item_key, text)
        return self.answer(question_id, item_key)

    def save_answer(self, question_id: str, item_key: str, text: str) -> bool:
        """Clean and store one answer now; True if it changed (and a revision was kept)."""
        change = self.edit_answer(question_id, item_key, text)
        return change is not None and self.apply(change).changed

    def status(self, question_id: str, item_key: str) -> str:
        return self.statuses.get((question_id, item_key), "")

    def edit_status(self, question_id: str, item_key: str, status: str) -> ch.StatusChange | None:
        if status and status not in RECOMMENDATION_STATUSES:
            raise GrowError(f"status '{status}'?")
        if self.status(question_id, item_key) == status:
            return None
        if status:
            self.statuses[(question_id, item_key)] = status
        else:
            self.statuses.pop((question_id, item_key), None)
        return ch.StatusChange(self.session.id, question_id, item_key, status)

    def set_status(self, question_id: str, item_key: str, status: str) -> None:
        change = self.edit_status(question_id, item_key, status)
        if change is not None:
            self.apply(change)

    @property
    def key_message(self) -> str:
        return self.session.key_message

    def edit_key_message(self, text: str) -> ch.KeyMessageChange | None:
        text = clean_text(text)
        if text == self.session.key_message:
            return None
        self.session = replace(self.session, key_message=text)
        return ch.KeyMessageChange(self.session.id, text, self._base.get(("key_message",), ""))

    def stage_key_message(self, text: str) -> str:
        self.edit_key_message(text)
        return self.session.key_message

    def set_key_message(self, text: str) -> bool:
        change = self.edit_key_message(text)
        return change is not None and self.apply(change).changed

    def history(self, question_id: str, item_key: str = "") -> list[Revision]:
        return answer_store.history(self.db, self.session.id, question_id, item_key)

    def text_of(self, key: ch.Key) -> str | None:
        """The text (or status) in memory for a change key; None for an unknown record."""
        if key[0] == "answer":
            return self.answer(key[1], key[2])
        if key[0] == "key_message":
            return self.session.key_message
        if key[0] == "status":
            return self.status(key[1], key[2])
        if key[0] in self._records and len(key) == 3:
            row = self._records[key[0]].get(key[1])
            return None if row is None else row.get(key[2])
        return None

    # -- storing ------------------------------------------------------------------------------
    def apply(self, change: ch.Change) -> live.Written:
        """Store ``change`` now on this meeting's connection (the command line, tests)."""
        with write(self.db):
            written = change.apply(self.db.conn, self.origin, live.now_iso())
        self.saved(change, written)
        return written

    def saved_before(self, key: ch.Key, text: str) -> None:
        """This window saved ``text`` in the field ``key`` before the meeting was read in (the
        first frame's editor, :class:`~grow_app.services.session_start.StartMeeting`): the next
        edit is typed over it, whatever the database held when the meeting was read."""
        self._base[key] = text

    def saved(self, change: ch.Change, written: live.Written) -> None:
        """``change`` reached the database (by :meth:`apply` or the writer thread)."""
        text = getattr(change, "new_text", None)
        if isinstance(change, ch.RecordChange):
            text = change.value
        if text is not None:
            self._base[change.key] = text
        if isinstance(change, ch.AnswerChange):
            key = (change.question_id, change.item_key)
            current = self.answers.get(key)
            if current is not None and current.revision < written.revision:
                self.answers[key] = replace(current, revision=written.revision)
        elif isinstance(change, ch.KeyMessageChange):
            if self.session.key_message_revision < written.revision:
                self.session = replace(self.session, key_message_revision=written.revision)
        elif isinstance(change, ch.RecordAdd | ch.RecordChange):
            row = self._records[change.kind].get(change.record_id)
            if row is not None and int(row.get("revision") or 0) < written.revision:
                row["revision"] = written.revision

    # -- progress -----------------------------------------------------------------------------
    def key_message_answered(self) -> bool:
        return bool(self.session.key_message.strip())

    def is_answered(self, question: Question) -> bool:
        from grow_app.services.snapshots import question_answered

        return question_answered(self.card, question, self.answer, self.status, self.actions)

    def progress(self) -> list[PhaseProgress]:
        result = []
        for phase in self.card.phases:
            questions = list(phase.questions())
            answered = sum(1 for q in questions if self.is_answered(q))
            result.append(PhaseProgress(phase, answered, len(questions)))
        return result

    def total_progress(self) -> tuple[int, int]:
        parts = self.progress()
        return sum(p.answered for p in parts), sum(p.total for p in parts)

    def overall_progress(self) -> tuple[int, int]:
        """Answered and total over the whole session, the Kernboodschap counted as one more
        'question' when the card has one (as the session screen shows it)."""
        answered, total = self.total_progress()
        if self.card.key_message:
            answered += int(self.key_message_answered())
            total += 1
        return answered, total

    def first_unanswered(self) -> Question:
        for question in self.card.questions():
            if not self.is_answered(question):
                return question
        return next(self.card.questions())
