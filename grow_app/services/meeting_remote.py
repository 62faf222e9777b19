"""Taking in what another window, tab or process saved (part of
:class:`~grow_app.services.meeting.Meeting`): the writer thread's watcher reads the changed rows,
and the meeting takes them, except in a field the user is typing in."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from grow_app.records import Answer, Session
from grow_app.services import changes as ch
from grow_app.store import live

Adopt = Callable[[ch.Key, str], bool]
"""Whether a text field may show what another window saved (not while the user types in it)."""


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


def answer_of(row: dict) -> Answer:
    return Answer(
        str(row["question_id"]),
        str(row["item_key"]),
        str(row["text"]),
        str(row["updated_at"]),
        int(row["revision"] or 0),
    )


class MeetingRemote:
    """Mixin of :class:`~grow_app.services.meeting.Meeting` (it has these attributes)."""

    session: Session
    answers: dict[tuple[str, str], Answer]
    statuses: dict[tuple[str, str], str]
    signatures: dict[tuple[str, ...], tuple[object, ...]]
    _records: dict[str, dict[str, dict]]
    _base: dict[ch.Key, str]

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
        incoming = answer_of(row)
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
