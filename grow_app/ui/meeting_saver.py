"""What an edit on the session screen means for the meeting, and how it reaches the database.

Every editable widget has a ``save_key``: ``("answer", question_id, item_key)``,
``("status", question_id, item_key)``, ``("key_message",)`` or ``("action", id, field)``.
:meth:`MeetingSaver.edit` stages the new text in the :class:`Meeting` at once (so progress marks
follow the typing) and hands the write to the :class:`Autosaver` thread. If the database still
refuses the last writes when the screen closes, they go to a plain text recovery file.
No Textual here: it is used by the screen and tested on its own.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Hashable
from datetime import datetime
from functools import partial
from pathlib import Path

from sqlite_utils import Database

from grow_app.i18n import t
from grow_app.services.meeting import KEY_MESSAGE_ID, Meeting
from grow_app.ui.autosave import Autosaver


class MeetingSaver:
    def __init__(
        self,
        meeting: Meeting,
        *,
        on_saved: Callable[[], None] | None = None,
        on_error: Callable[[str], None] | None = None,
    ) -> None:
        self.meeting = meeting
        self._on_error = on_error
        self.recovery_path: Path | None = None
        """The recovery file of this screen, once the database refused a write."""
        self.autosaver = Autosaver(meeting.db, on_saved=on_saved, on_error=self._refused)

    def _refused(self, reason: str) -> None:
        """From the writer thread: the database refused a write (full, locked, read-only...).

        What is not stored yet goes to the recovery file at once, not only when the screen
        closes: if the machine dies before the database takes the text again, it is still there.
        The editor keeps the text and the writer tries again shortly."""
        try:
            self.recovery_path = write_recovery_file(
                self.meeting, self.autosaver.unsaved(), self.recovery_path
            )
        except OSError as err:  # e.g. the disk is really full: the editor still has the text
            reason = t("reliability.recovery_failed", reason=reason, error=err.strerror or err)
        if self._on_error is not None:
            self._on_error(reason)

    def edit(self, save_key: Hashable, text: str, delay: float) -> str | None:
        """Take an edit; returns the question (or key message) whose answer changed, if any."""
        kind = save_key[0]  # type: ignore[index]
        meeting = self.meeting
        if kind == "answer":
            _, qid, item = save_key  # type: ignore[misc]
            before = meeting.answer(qid, item)
            cleaned = meeting.stage_answer(qid, item, text)
            if cleaned == before:
                return None
            job = partial(_store_answer, meeting, qid, item, cleaned)
            self.autosaver.submit(save_key, job, delay, text=cleaned)
            return qid
        if kind == "key_message":
            before = meeting.key_message
            cleaned = meeting.stage_key_message(text)
            if cleaned == before:
                return None
            job = partial(meeting.store_key_message, text=cleaned)
            self.autosaver.submit(save_key, job, delay, text=cleaned)
            return KEY_MESSAGE_ID
        if kind == "action":
            _, action_id, field = save_key  # type: ignore[misc]
            job = partial(_store_action, meeting, action_id, field, text)
            self.autosaver.submit(save_key, job, delay, text=text)
            return None
        if kind == "status":
            _, qid, item = save_key  # type: ignore[misc]
            meeting.statuses[(qid, item)] = text
            self.autosaver.submit(save_key, partial(_store_status, meeting, qid, item, text))
            return qid
        raise ValueError(f"unknown save key {save_key!r}")

    def save_soon(self) -> None:
        self.autosaver.save_soon()

    def flush(self, timeout: float = 10.0) -> bool:
        return self.autosaver.flush(timeout)

    def close(self, timeout: float = 10.0) -> Path | None:
        """Write what is left and stop; returns the recovery file if something could not be."""
        if self.autosaver.close(timeout):
            # Everything reached the database after all: an earlier recovery file is outdated.
            if self.recovery_path is not None:
                self.recovery_path.unlink(missing_ok=True)
                self.recovery_path = None
            return None
        try:
            self.recovery_path = write_recovery_file(
                self.meeting, self.autosaver.unsaved(), self.recovery_path
            )
        except OSError:
            return self.recovery_path  # the last copy that could be written, if any
        return self.recovery_path


def write_recovery_file(
    meeting: Meeting, unsaved: list[tuple[Hashable, str]], path: Path | None = None
) -> Path | None:
    """Texts the database did not take go to ``data/herstel/`` as plain text, so nothing typed
    is lost (e.g. when another program kept the file locked). ``path``: rewrite that file
    (one recovery file per screen, always with the newest texts). Written to a temporary file
    and renamed, so an earlier copy is never lost halfway."""
    if not unsaved:
        return path
    from grow_app.paths import app_dirs

    folder = app_dirs().data / "herstel"
    folder.mkdir(parents=True, exist_ok=True)
    session = meeting.session
    if path is None:
        path = folder / f"{session.id[:8]}-{datetime.now():%Y%m%d-%H%M%S}.txt"
    parts = [f"# {session.partnership_name} · {meeting.card.title} · {session.date}"]
    for key, text in unsaved:
        where = " / ".join(str(k) for k in key[1:]) or str(key[0])  # type: ignore[index]
        parts.append(f"\n## {where}\n\n{text}")
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text("\n".join(parts) + "\n", encoding="utf-8")
    os.replace(temporary, path)
    return path


def _store_answer(meeting: Meeting, qid: str, item: str, text: str, db: Database) -> bool:
    return meeting.store_answer(db, qid, item, text)


def _store_action(meeting: Meeting, action_id: str, field: str, text: str, db: Database) -> None:
    meeting.store_action(db, action_id, **{field: text})


def _store_status(meeting: Meeting, qid: str, item: str, status: str, db: Database) -> None:
    meeting.store_status(db, qid, item, status)
