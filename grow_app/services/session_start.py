"""What ``grow open`` puts in its first frame: the first open question with a working editor.

Starting costs time: sqlite-utils, pydantic and the card models together take longer to import
than Textual itself. So this reads, with the standard library only, the session
(:mod:`grow_app.store.peek`) and the raw card file (``tomllib``, or what it gave the last time
this file was read, kept in grow's cache folder), and says which question to show
and what is already in it. The session screen draws that question's editor at once, saves what is
typed through the writer thread, and loads the full meeting beside it. Anything odd (``None``)
simply means: take the ordinary path, which explains what is wrong.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from grow_app.keys import KEY_MESSAGE_ID
from grow_app.paths import app_dirs, builtin_cards_dir
from grow_app.services.question_view import QuestionView, from_raw
from grow_app.store.peek import SessionPeek, peek_answers, peek_session
from grow_app.text import clean_text

if TYPE_CHECKING:
    from grow_app.services.changes import AnswerChange, Change, KeyMessageChange, StatusChange
    from grow_app.services.meeting import Meeting

FIRST_FRAME_KINDS = frozenset(
    {"text", "per_item", "per_dimension", "recommendations", "grid", "key_message"}
)
"""Kinds whose editor needs nothing but the card and the answers (not the action list)."""


class SessionStart(NamedTuple):
    """What the first frame shows. (A named tuple: a dataclass costs ``grow open`` a
    millisecond to define, before its first frame.)"""

    session_id: str
    title: tuple[str, str, str]
    """(partnership, date, card title): the session screen's top line."""
    view: QuestionView
    answers: dict[tuple[str, str], str]
    statuses: dict[tuple[str, str], str]
    key_message: str


def card_folders(extra: Iterable[str | Path] = ()) -> list[Path]:
    """The card folders in the catalog's order (:func:`grow_app.services.catalog.card_folders`),
    without loading the catalog."""
    return [builtin_cards_dir(), app_dirs().user_cards, *(Path(d) for d in extra)]


RAW_CARDS = "raw-cards"
"""The cache folder's subfolder for card files as ``tomllib`` read them."""


def raw_card(folders: Iterable[Path], card_id: str) -> dict[str, Any] | None:
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.toml")):
            data = read_raw_card(path)
            if data is not None and data.get("id") == card_id:
                return data
    return None


def read_raw_card(path: Path) -> dict[str, Any] | None:
    """The card file as ``tomllib`` reads it (None if it cannot be read): kept in the cache
    folder under the SHA-256 of its bytes, so the next ``grow open`` neither imports ``tomllib``
    nor parses the file (~5 ms before the first frame). A changed file has another hash."""
    from grow_app import disk_cache

    try:
        content = path.read_bytes()
    except OSError:
        return None
    key = disk_cache.sha256(content).hexdigest()
    kept = disk_cache.read(RAW_CARDS, key)
    if kept is not None and isinstance(kept.get("card"), dict):
        return kept["card"]
    import tomllib

    try:
        data = tomllib.loads(content.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError):
        return None
    # Not kept: a date or time (no JSON), or tables nested thousands deep (too deep for json).
    with contextlib.suppress(TypeError, ValueError, RecursionError):
        disk_cache.write(RAW_CARDS, key, {"card": data})
    return data


def _first_open_stop(card: dict[str, Any], peek: SessionPeek) -> str | None:
    """The first question without an answer (the key message after all of them), as the
    session screen chooses it."""
    stops: list[tuple[str, str]] = [
        (str(q["id"]), str(q.get("kind", "text")))
        for phase in card["phases"]
        for section in phase["sections"]
        for q in section["questions"]
    ]
    for stop, kind in stops:
        answered = peek.has_actions if kind == "actions" else stop in peek.answered
        if not answered:
            return stop
    if card.get("key_message") and not peek.key_message.strip():
        return KEY_MESSAGE_ID
    return stops[0][0] if stops else None


def session_start(
    db_file: Path, ref: str, card_dirs: Iterable[str | Path] = ()
) -> SessionStart | None:
    """The first frame of session ``ref``, or None (then the careful path is taken)."""
    peek = peek_session(db_file, ref)
    card = peek and raw_card(card_folders(card_dirs), peek.card_id)
    if not peek or not card:
        return None
    try:
        stop = _first_open_stop(card, peek)
    except (KeyError, TypeError, AttributeError):
        return None
    view = from_raw(card, stop) if stop else None
    if view is None or view.kind not in FIRST_FRAME_KINDS:
        return None
    found = peek_answers(db_file, peek.id, stop) if stop and stop != KEY_MESSAGE_ID else ({}, {})
    if found is None:
        return None
    title = (peek.partnership_name, peek.date, str(card.get("title", "")))
    answers, statuses = found
    return SessionStart(peek.id, title, view, answers, statuses, peek.key_message)


class StartMeeting:
    """Stands in for the :class:`~grow_app.services.meeting.Meeting` while it loads: the first
    question's answers, and its edits as changes for the writer (the same changes the Meeting
    makes). When the Meeting is there, :meth:`handover` gives it what was typed meanwhile."""

    def __init__(self, start: SessionStart) -> None:
        self.start = start
        self.session_id = start.session_id
        self._answers = dict(start.answers)
        self._statuses = dict(start.statuses)
        self._key_message = start.key_message
        self.edited: dict[tuple[str, ...], str] = {}
        """Per field, the newest text typed before the Meeting arrived."""
        self._base: dict[tuple[str, ...], str] = {}
        """Per field, the text this window last saved: what the next edit is typed over (a
        stored text that is neither that nor the new one was saved by another window)."""

    def answer(self, question_id: str, item_key: str = "") -> str:
        return self._answers.get((question_id, item_key), "")

    def status(self, question_id: str, item_key: str) -> str:
        return self._statuses.get((question_id, item_key), "")

    @property
    def key_message(self) -> str:
        return self._key_message

    def actions(self) -> list:
        return []

    def edit_answer(self, question_id: str, item_key: str, text: str) -> AnswerChange | None:
        from grow_app.services.changes import AnswerChange

        text = clean_text(text)
        key = (question_id, item_key)
        if self._answers.get(key, "") == text:
            return None
        self._answers[key] = text
        self.edited[("answer", question_id, item_key)] = text
        base = self._base.get(("answer", question_id, item_key), self.start.answers.get(key, ""))
        return AnswerChange(self.session_id, question_id, item_key, text, base)

    def edit_key_message(self, text: str) -> KeyMessageChange | None:
        from grow_app.services.changes import KeyMessageChange

        text = clean_text(text)
        if text == self._key_message:
            return None
        self._key_message = text
        self.edited[("key_message",)] = text
        base = self._base.get(("key_message",), self.start.key_message)
        return KeyMessageChange(self.session_id, text, base)

    def edit_status(self, question_id: str, item_key: str, status: str) -> StatusChange | None:
        from grow_app.services.changes import StatusChange

        if self._statuses.get((question_id, item_key), "") == status:
            return None
        self._statuses[(question_id, item_key)] = status
        self.edited[("status", question_id, item_key)] = status
        return StatusChange(self.session_id, question_id, item_key, status)

    def saved(self, change: Change) -> None:
        """``change`` reached the database: the next edit of its field is typed over it."""
        text = getattr(change, "new_text", None)
        if text is not None:
            self._base[change.key] = text

    def handover(self, meeting: Meeting) -> None:
        """Stage in ``meeting`` what was typed here (the writer already has the changes), and
        what this window saved meanwhile: the next edit is typed over that."""
        for key, text in self._base.items():
            meeting.saved_before(key, text)
        for key, value in self.edited.items():
            if key[0] == "answer":
                meeting.edit_answer(key[1], key[2], value)
            elif key[0] == "key_message":
                meeting.edit_key_message(value)
            elif key[0] == "status":
                meeting.edit_status(key[1], key[2], value)
