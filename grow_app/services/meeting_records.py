"""The people, actions and parking lot of a meeting (part of :class:`~grow_app.services.meeting.Meeting`).

Records are kept in memory as rows; an edit changes the row at once and returns the change to
store (the session screen hands it to the writer thread, the command line stores it now).
"""

from __future__ import annotations

import uuid
from dataclasses import replace
from typing import TYPE_CHECKING

from grow_app.errors import GrowError
from grow_app.records import ACTION_STATUSES, Action, ParkingItem, Participant, Session
from grow_app.services import changes as ch
from grow_app.store import actions as action_store
from grow_app.store import live
from grow_app.store import sessions as session_store
from grow_app.text import clean_text, clean_trimmed

if TYPE_CHECKING:
    from sqlite_utils import Database

    from grow_app.card.models import Card, Phase, Question


class MeetingRecords:
    """Mixin of :class:`~grow_app.services.meeting.Meeting` (it has these attributes)."""

    db: Database
    card: Card
    session: Session
    _records: dict[str, dict[str, dict]]
    _base: dict[ch.Key, str]

    if TYPE_CHECKING:

        def apply(self, change: ch.Change) -> live.Written: ...

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
        text = clean_trimmed(text)
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
