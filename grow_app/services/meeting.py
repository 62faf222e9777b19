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

import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from sqlite_utils import Database

from grow_app.card.loader import CardCatalog
from grow_app.card.models import RECOMMENDATION_STATUSES, Card, Phase, Question
from grow_app.errors import GrowError
from grow_app.records import (
    ACTION_STATUSES,
    KEY_MESSAGE_ID,
    Action,
    Answer,
    ParkingItem,
    Participant,
    Revision,
    Session,
)
from grow_app.services import changes as ch
from grow_app.services.sessions import find_session
from grow_app.store import actions as action_store
from grow_app.store import answers as answer_store
from grow_app.store import live
from grow_app.store import sessions as session_store
from grow_app.store.connection import write
from grow_app.text import clean_text

__all__ = ["ACTION_STATUSES", "KEY_MESSAGE_ID", "Meeting", "PhaseProgress", "RemoteUpdate"]


Adopt = Callable[[ch.Key, str], bool]
"""Whether a text field may show what another window saved (not while the user types in it)."""


@dataclass(frozen=True)
class PhaseProgress:
    phase: Phase
    answered: int
    total: int

    @property
    def done(self) -> bool:
        return self.total > 0 and self.answered == self.total


@dataclass
class RemoteUpdate:
    """What another window changed, for the screen to show (texts by change key)."""

    texts: dict[ch.Key, str] = field(default_factory=dict)
    statuses: dict[tuple[str, str], str] = field(default_factory=dict)
    actions: bool = False
    participants: bool = False
    parking: bool = False
    minutes: bool = False
    removed: bool = False
    """The session is gone (purged) or in the trash."""

    def __bool__(self) -> bool:
        return bool(
            self.texts or self.statuses or self.actions or self.participants or self.parking
        ) or (self.minutes or self.removed)


def _answer(row: dict) -> Answer:
    return Answer(
        str(row["question_id"]),
        str(row["item_key"]),
        str(row["text"]),
        str(row["updated_at"]),
        int(row["revision"] or 0),
    )


class Meeting:
    """A session together with its card and everything answered so far."""

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
        self.answers = {key: _answer(row) for key, row in rows.answers.items()}
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
        if question.kind == "actions":
            return bool(self.actions())
        if question.kind == "recommendations" and any(
            self.status(question.id, item.key) for item in question.items
        ):
            return True
        return any(self.answer(question.id, key).strip() for key in self.card.answer_keys(question))

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

    # -- people, actions, parking lot ---------------------------------------------------------
    def _live(self, kind: str) -> list[dict]:
        rows = [r for r in self._records[kind].values() if not r.get("deleted_at")]
        return sorted(rows, key=lambda r: (r.get("position") or 0, r.get("created_at") or ""))

    def participants(self) -> list[Participant]:
        return [session_store.participant_from_row(r) for r in self._live("participant")]

    def actions(self) -> list[Action]:
        return [action_store.action_from_row(r) for r in self._live("action")]

    def parking_lot(self) -> list[ParkingItem]:
        return [action_store.parking_from_row(r) for r in self._live("parking")]

    def actions_question(self) -> Question | None:
        return next((q for q in self.card.questions() if q.kind == "actions"), None)

    def add_record(self, kind: str, **fields: object) -> ch.RecordAdd:
        """A new action, participant or parking-lot point, in memory at once; the change to
        store it (under an id chosen here, so the screen need not wait for the database)."""
        cleaned = {k: clean_text(v) if isinstance(v, str) else v for k, v in fields.items()}
        record_id = str(uuid.uuid4())
        rows = self._records[kind]
        position = max((int(r.get("position") or 0) for r in rows.values()), default=-1) + 1
        rows[record_id] = {
            "id": record_id, "session_id": self.session.id, "position": position,
            "created_at": live.now_iso(), "updated_at": "", "deleted_at": None, "revision": 0, **cleaned,
        }  # fmt: skip
        for name, value in cleaned.items():
            if isinstance(value, str):
                self._base[(kind, record_id, name)] = value
        return ch.RecordAdd(self.session.id, kind, record_id, cleaned)

    def edit_record(
        self, kind: str, record_id: str, field_name: str, value: str | None
    ) -> ch.RecordChange | None:
        row = self._records[kind].get(record_id)
        if row is None:
            return None
        if field_name == "status" and value not in ACTION_STATUSES:
            raise GrowError(f"status '{value}'?")
        if isinstance(value, str) and field_name != "deleted_at":
            value = clean_text(value)
        if row.get(field_name) == value:
            return None
        row[field_name] = value
        base = self._base.get((kind, record_id, field_name), "")
        return ch.RecordChange(self.session.id, kind, record_id, field_name, value, base)

    def remove_record(self, kind: str, record_id: str) -> ch.RecordChange | None:
        """Soft delete: the row stays in the database (and in the history)."""
        return self.edit_record(kind, record_id, "deleted_at", live.now_iso())

    def add_action(
        self, wat: str = "", wie: str = "", wanneer: str = "", carried_from: str | None = None
    ) -> str:
        change = self.new_action(wat, wie, wanneer, carried_from)
        self.apply(change)
        return change.record_id

    def new_action(
        self, wat: str = "", wie: str = "", wanneer: str = "", carried_from: str | None = None
    ) -> ch.RecordAdd:
        question = self.actions_question()
        return self.add_record(
            "action", question_id=question.id if question else "", wat=wat, wie=wie,
            wanneer=wanneer, status="open", carried_from=carried_from,
        )  # fmt: skip

    def update_action(self, action_id: str, **fields: str) -> None:
        for name, value in fields.items():
            change = self.edit_record("action", action_id, name, value)
            if change is not None:
                self.apply(change)

    def store_action(self, db: Database, action_id: str, **fields: str) -> None:
        """Kept for older callers: change fields of an action now."""
        self.update_action(action_id, **fields)

    def remove_action(self, action_id: str) -> None:
        change = self.remove_record("action", action_id)
        if change is not None:
            self.apply(change)

    def set_participants(self, participants: list[Participant]) -> None:
        """Make the participant list this one (by position), storing only what differs."""
        current = self.participants()
        wanted = [p for p in participants if p.name.strip()]
        for index, person in enumerate(wanted):
            if index < len(current):
                for name in ("name", "organisation", "role"):
                    change = self.edit_record(
                        "participant", current[index].id, name, getattr(person, name).strip()
                    )
                    if change is not None:
                        self.apply(change)
            else:
                added = self.add_record(
                    "participant",
                    name=person.name.strip(),
                    organisation=person.organisation.strip(),
                    role=person.role.strip(),
                )
                self.apply(added)
        for extra in current[len(wanted) :]:
            change = self.remove_record("participant", extra.id)
            if change is not None:
                self.apply(change)

    def previous_session(self) -> Session | None:
        """The partnership's session before this one (by date) on the same card, whose actions
        open this meeting. A session on another card (a strategy session between two
        conversation-card meetings) is passed over: its actions, if it has any, belong to
        another conversation."""
        earlier = [
            s
            for s in session_store.list_sessions(
                self.db, partnership_id=self.session.partnership_id
            )
            if s.id != self.session.id
            and s.card_id == self.session.card_id
            and (s.date, s.created_at) < (self.session.date, self.session.created_at)
        ]
        return earlier[-1] if earlier else None

    def previous_actions(self) -> list[Action]:
        """The actions of the previous session on this card (empty when there is none)."""
        previous = self.previous_session()
        return action_store.list_actions(self.db, previous.id) if previous else []

    def carry_over_changes(self, previous_actions: list[Action]) -> list[ch.RecordAdd]:
        """The open ones (not klaar / vervallen) as new actions of this session, in memory."""
        already = {a.carried_from for a in self.actions()}
        return [
            self.new_action(action.wat, action.wie, action.wanneer, carried_from=action.id)
            for action in previous_actions
            if action.status not in ("klaar", "vervallen") and action.id not in already
        ]

    def carry_over(self, previous_actions: list[Action]) -> int:
        changes = self.carry_over_changes(previous_actions)
        for change in changes:
            self.apply(change)
        return len(changes)

    def park(self, text: str) -> str | None:
        text = clean_text(text).strip()
        if not text:
            return None
        change = self.add_record("parking", text=text)
        self.apply(change)
        return change.record_id

    def update_parking(self, item_id: str, text: str) -> None:
        change = self.edit_record("parking", item_id, "text", text)
        if change is not None:
            self.apply(change)

    def unpark(self, item_id: str) -> None:
        change = self.remove_record("parking", item_id)
        if change is not None:
            self.apply(change)

    def edit_phase_minutes(self, phase_id: str, minutes: int) -> ch.PhaseMinutesChange | None:
        minutes = max(1, int(minutes))
        if self.session.phase_minutes.get(phase_id) == minutes:
            return None
        values = {**self.session.phase_minutes, phase_id: minutes}
        self.session = replace(self.session, phase_minutes=values)
        return ch.PhaseMinutesChange(self.session.id, phase_id, minutes)

    def set_phase_minutes(self, phase_id: str, minutes: int) -> None:
        change = self.edit_phase_minutes(phase_id, minutes)
        if change is not None:
            self.apply(change)

    def phase_minutes(self, phase: Phase) -> int | None:
        return self.session.phase_minutes.get(phase.id, phase.minutes)

    def phase_seconds(self) -> dict[str, int]:
        """The time spent per phase so far (the timebox runs on from it), in seconds."""
        return dict(self.session.phase_seconds)

    def edit_phase_seconds(self, phase_id: str, seconds: float) -> ch.PhaseSecondsChange | None:
        seconds = max(0, int(seconds))
        if self.session.phase_seconds.get(phase_id) == seconds:
            return None
        values = {**self.session.phase_seconds, phase_id: seconds}
        self.session = replace(self.session, phase_seconds=values)
        return ch.PhaseSecondsChange(self.session.id, phase_id, seconds)

    # -- what other windows saved -----------------------------------------------------------
    def take_remote(
        self, rows: live.SessionRows, changed: frozenset[tuple[str, ...]], *, adopt: Adopt
    ) -> RemoteUpdate:
        """Take in what another window saved. ``adopt(key, text)`` says whether a text field
        may show the new text (False while the user is typing in it: then the memory keeps the
        user's text, and the next save of it is reported as a crossing)."""
        update = RemoteUpdate()
        self.signatures = dict(rows.signatures)
        if rows.session is None:
            update.removed = True
            return update
        for key in changed:
            if key[0] == "answer" and (key[1], key[2]) in rows.answers:
                self._take_answer(rows.answers[(key[1], key[2])], update, adopt)
            elif key[0] == "status":
                row = rows.statuses.get((key[1], key[2]), {})
                self.statuses[(key[1], key[2])] = str(row.get("status") or "")
                update.statuses[(key[1], key[2])] = self.statuses[(key[1], key[2])]
            elif key[0] in self._records:
                self._take_record(key[0], rows.records.get((key[0], key[1])), update, adopt)
        if ("session",) in changed:
            self._take_session(rows.session, update, adopt)
        return update

    def _take_answer(self, row: dict, update: RemoteUpdate, adopt: Adopt) -> None:
        incoming = _answer(row)
        key = (incoming.question_id, incoming.item_key)
        mine = self.answers.get(key)
        if mine is not None and mine.revision >= incoming.revision:
            return  # our own save, or older than what we have
        change_key = ("answer", *key)
        if adopt(change_key, incoming.text):
            self.answers[key] = incoming
            self._base[change_key] = incoming.text
            update.texts[change_key] = incoming.text
        elif mine is not None:
            self.answers[key] = replace(mine, revision=incoming.revision)

    def _take_record(self, kind: str, row: dict | None, update: RemoteUpdate, adopt: Adopt) -> None:
        if row is None:
            return
        record_id = str(row["id"])
        mine = self._records[kind].get(record_id)
        if mine is not None and int(mine.get("revision") or 0) >= int(row["revision"] or 0):
            return
        fresh = dict(row)
        for name, value in row.items():
            if not isinstance(value, str) or name in ("id", "session_id", "updated_at"):
                continue
            key = (kind, record_id, name)
            if mine is not None and mine.get(name) != value and not adopt(key, value):
                fresh[name] = mine.get(name)  # the user is typing here: keep it
            else:
                self._base[key] = value
        self._records[kind][record_id] = fresh
        setattr(update, {"action": "actions", "participant": "participants"}.get(kind, kind), True)

    def _take_session(self, row: dict, update: RemoteUpdate, adopt: Adopt) -> None:
        if row.get("deleted_at"):
            update.removed = True
        minutes = json.loads(str(row.get("phase_minutes") or "{}"))
        if minutes != self.session.phase_minutes:
            self.session = replace(self.session, phase_minutes=minutes)
            update.minutes = True
        text, revision = str(row["key_message"]), int(row["key_message_revision"] or 0)
        if revision > self.session.key_message_revision:
            if adopt(("key_message",), text):
                self.session = replace(self.session, key_message=text)
                self._base[("key_message",)] = text
                update.texts[("key_message",)] = text
            self.session = replace(self.session, key_message_revision=revision)
