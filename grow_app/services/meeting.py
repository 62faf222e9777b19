"""What a meeting does: one session on its card, answers saved as they are typed.

The UI, the command line and the exports all go through :class:`Meeting`, so the rules (texts
are cleaned before they are stored, every saved revision is kept, what counts as answered) live
in one place.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from sqlite_utils import Database

from grow_app.card.loader import CardCatalog
from grow_app.card.models import RECOMMENDATION_STATUSES, Card, Phase, Question
from grow_app.errors import GrowError
from grow_app.services.sessions import find_session
from grow_app.store import actions as action_store
from grow_app.store import answers as answer_store
from grow_app.store import sessions as session_store
from grow_app.store.connection import write
from grow_app.store.records import Action, Answer, ParkingItem, Participant, Revision, Session
from grow_app.text import clean_text

KEY_MESSAGE_ID = "_kernboodschap"
ACTION_STATUSES = ("open", "klaar", "loopt", "vervallen")


@dataclass(frozen=True)
class PhaseProgress:
    phase: Phase
    answered: int
    total: int

    @property
    def done(self) -> bool:
        return self.total > 0 and self.answered == self.total


class Meeting:
    """A session together with its card and its current answers."""

    def __init__(self, db: Database, card: Card, session: Session) -> None:
        self.db = db
        self.card = card
        self.session = session
        self.answers: dict[tuple[str, str], Answer] = answer_store.load_answers(db, session.id)
        self.statuses: dict[tuple[str, str], str] = answer_store.load_statuses(db, session.id)
        self._action_count = len(action_store.list_actions(db, session.id))

    @classmethod
    def open(cls, db: Database, catalog: CardCatalog, ref: str) -> Meeting:
        session = find_session(db, ref)
        return cls(db, catalog.get(session.card_id), session)

    def reload(self) -> None:
        fresh = session_store.get_session(self.db, self.session.id)
        if fresh:
            self.session = fresh
        self.answers = answer_store.load_answers(self.db, self.session.id)
        self.statuses = answer_store.load_statuses(self.db, self.session.id)
        self._action_count = len(action_store.list_actions(self.db, self.session.id))

    # -- answers ------------------------------------------------------------------------------
    def answer(self, question_id: str, item_key: str = "") -> str:
        found = self.answers.get((question_id, item_key))
        return found.text if found else ""

    def save_answer(self, question_id: str, item_key: str, text: str) -> bool:
        """Clean and store one answer; returns True if it changed (and a revision was kept)."""
        text = self.stage_answer(question_id, item_key, text)
        return self.store_answer(self.db, question_id, item_key, text)

    def stage_answer(self, question_id: str, item_key: str, text: str) -> str:
        """Clean ``text`` and take it as the current answer in memory (not yet stored).

        The UI stages on every keystroke (so progress marks follow the typing) and lets a
        background writer call :meth:`store_answer` with its own connection.
        """
        text = clean_text(text)
        current = self.answers.get((question_id, item_key))
        if current is None or current.text != text:
            self.answers[(question_id, item_key)] = Answer(question_id, item_key, text, "")
        return text

    def store_answer(self, db: Database, question_id: str, item_key: str, text: str) -> bool:
        """Write one answer through ``db`` (may be another thread's connection)."""
        return answer_store.save_answer(db, self.session.id, question_id, item_key, text)

    def status(self, question_id: str, item_key: str) -> str:
        return self.statuses.get((question_id, item_key), "")

    def set_status(self, question_id: str, item_key: str, status: str) -> None:
        self.store_status(self.db, question_id, item_key, status)
        self.statuses[(question_id, item_key)] = status

    def store_status(self, db: Database, question_id: str, item_key: str, status: str) -> None:
        """Write a recommendation's status through ``db`` ('' clears it)."""
        if status and status not in RECOMMENDATION_STATUSES:
            raise GrowError(f"status '{status}'?")
        answer_store.set_status(db, self.session.id, question_id, item_key, status)

    @property
    def key_message(self) -> str:
        return self.session.key_message

    def set_key_message(self, text: str) -> bool:
        text = clean_text(text)
        if text == self.session.key_message:
            return False
        self.stage_key_message(text)
        return self.store_key_message(self.db, text)

    def stage_key_message(self, text: str) -> str:
        """Take ``text`` (cleaned) as the key message in memory; see :meth:`stage_answer`."""
        text = clean_text(text)
        if text != self.session.key_message:
            self.session = replace(self.session, key_message=text)
        return text

    def store_key_message(self, db: Database, text: str) -> bool:
        """Write the key message (and a history row) through ``db``; False when unchanged."""
        from grow_app.store.clock import now_iso

        current = session_store.get_session(db, self.session.id)
        if current is not None and current.key_message == text:
            return False
        stamp = now_iso()
        with write(db):
            session_store.update_session(
                db, self.session.id, key_message=text, key_message_updated_at=stamp
            )
            answer_store.append_history(db, self.session.id, KEY_MESSAGE_ID, "", text, stamp)
        return True

    def history(self, question_id: str, item_key: str = "") -> list[Revision]:
        return answer_store.history(self.db, self.session.id, question_id, item_key)

    # -- progress -----------------------------------------------------------------------------
    def key_message_answered(self) -> bool:
        return bool(self.session.key_message.strip())

    def is_answered(self, question: Question) -> bool:
        if question.kind == "actions":
            return self._action_count > 0
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
    def participants(self) -> list[Participant]:
        return session_store.list_participants(self.db, self.session.id)

    def set_participants(self, participants: list[Participant]) -> None:
        cleaned = [
            Participant(
                clean_text(p.name).strip(),
                clean_text(p.organisation).strip(),
                clean_text(p.role).strip(),
                p.id,
            )
            for p in participants
            if p.name.strip()
        ]
        session_store.replace_participants(self.db, self.session.id, cleaned)

    def actions(self) -> list[Action]:
        return action_store.list_actions(self.db, self.session.id)

    def actions_question(self) -> Question | None:
        return next((q for q in self.card.questions() if q.kind == "actions"), None)

    def add_action(
        self, wat: str = "", wie: str = "", wanneer: str = "", carried_from: str | None = None
    ) -> str:
        question = self.actions_question()
        action_id = action_store.insert_action(
            self.db,
            self.session.id,
            question.id if question else "",
            wat=clean_text(wat),
            wie=clean_text(wie),
            wanneer=clean_text(wanneer),
            carried_from=carried_from,
        )
        self._action_count += 1
        return action_id

    def update_action(self, action_id: str, **fields: str) -> None:
        self.store_action(self.db, action_id, **fields)

    def store_action(self, db: Database, action_id: str, **fields: str) -> None:
        """Change fields of an action through ``db`` (may be a background writer's)."""
        if "status" in fields and fields["status"] not in ACTION_STATUSES:
            raise GrowError(f"status '{fields['status']}'?")
        action_store.update_action(db, action_id, **{k: clean_text(v) for k, v in fields.items()})

    def remove_action(self, action_id: str) -> None:
        action_store.remove_action(self.db, action_id)
        self._action_count = max(0, self._action_count - 1)

    def previous_session(self) -> Session | None:
        """The partnership's session before this one (by date), whose actions open this meeting."""
        earlier = [
            s
            for s in session_store.list_sessions(
                self.db, partnership_id=self.session.partnership_id
            )
            if s.id != self.session.id
            and (s.date, s.created_at) < (self.session.date, self.session.created_at)
        ]
        return earlier[-1] if earlier else None

    def previous_actions(self) -> list[Action]:
        """The actions of the previous session (empty when there is none)."""
        previous = self.previous_session()
        return action_store.list_actions(self.db, previous.id) if previous else []

    def carry_over(self, previous_actions: list[Action]) -> int:
        """Copy the open ones (not klaar / vervallen) into this session's action list."""
        already = {a.carried_from for a in self.actions()}
        count = 0
        for action in previous_actions:
            if action.status in ("klaar", "vervallen") or action.id in already:
                continue
            self.add_action(action.wat, action.wie, action.wanneer, carried_from=action.id)
            count += 1
        return count

    def parking_lot(self) -> list[ParkingItem]:
        return action_store.list_parking(self.db, self.session.id)

    def park(self, text: str) -> str | None:
        text = clean_text(text).strip()
        return action_store.insert_parking(self.db, self.session.id, text) if text else None

    def update_parking(self, item_id: str, text: str) -> None:
        action_store.update_parking(self.db, item_id, text=clean_text(text))

    def unpark(self, item_id: str) -> None:
        """Take a point off the parking lot (soft delete: the row is kept)."""
        action_store.remove_parking(self.db, item_id)

    def set_phase_minutes(self, phase_id: str, minutes: int) -> None:
        values = dict(self.session.phase_minutes)
        values[phase_id] = max(1, int(minutes))
        session_store.update_session(self.db, self.session.id, phase_minutes=values)
        self.session = session_store.get_session(self.db, self.session.id) or self.session

    def phase_minutes(self, phase: Phase) -> int | None:
        return self.session.phase_minutes.get(phase.id, phase.minutes)
