"""Joining a meeting by code: open and close codes, know participants' devices, follow the
facilitator's question, and tell pollers cheaply that something changed.

A code is random, short and easy to type (no 0/O, 1/I/L), belongs to one session and one
opening ("per meeting"): opening joining again gives a new code and closes the old one; closing
joining, or the server that opened it stopping, closes it; and it expires after
``OPEN_HOURS`` whatever happens. The web page is in ``grow_app/ui/join``; nothing here knows
about HTTP.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import secrets
import uuid
from pathlib import Path
from typing import TYPE_CHECKING

from grow_app.card.models import Card
from grow_app.errors import GrowError
from grow_app.i18n import t
from grow_app.join_records import MODES, SILENT_MODE, Device, JoinCode, QuestionRound
from grow_app.services.sessions import find_session
from grow_app.store import joining as store
from grow_app.store.clock import now_iso
from grow_app.text import clean_text

if TYPE_CHECKING:
    from sqlite_utils import Database

CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 6
OPEN_HOURS = 12
MAX_NAME = 40
MAX_DEVICES = 300  # per opening: a big room, with room to spare; stops a script filling the file


class JoinRefused(GrowError):
    """A code that does not (or no longer) give access: the page says so and stores nothing."""

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message)
        self.reason = reason  # "unknown", "closed", "expired", "other_session"


def _utc(stamp: str) -> dt.datetime:
    return dt.datetime.fromisoformat(stamp)


def _later(stamp: str, **delta: float) -> str:
    return (_utc(stamp) + dt.timedelta(**delta)).isoformat(timespec="microseconds")


def normalise_code(text: str) -> str:
    """What someone typed, as a code: capitals, without spaces and dashes ("k7m-4qx" -> "K7M4QX")."""
    return "".join(ch for ch in (text or "").upper() if ch not in " -\t")


def looks_like_code(code: str) -> bool:
    return len(code) == CODE_LENGTH and all(ch in CODE_ALPHABET for ch in code)


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


# -- codes ----------------------------------------------------------------------------------------
def open_join(
    db: Database,
    session_ref: str,
    *,
    allow_anonymous: bool = False,
    address: str = "",
    hours: float = OPEN_HOURS,
) -> JoinCode:
    """Open the session for participants with a new code; any earlier code of it closes."""
    session = find_session(db, session_ref)  # refuses unknown and trashed sessions
    stamp = now_iso()
    code = new_code()
    while store.code_in_use(db, code, stamp):  # 31**6 codes: a repeat is rare, never shared
        code = new_code()
    store.close_codes(db, session.id)
    opened = JoinCode(
        id=str(uuid.uuid4()),
        session_id=session.id,
        code=code,
        secret=secrets.token_hex(32),
        address=address,
        allow_anonymous=allow_anonymous,
        opened_at=stamp,
        expires_at=_later(stamp, hours=hours),
    )
    store.insert_code(db, opened)
    return opened


def announce_address(db: Database, join: JoinCode, address: str) -> JoinCode:
    """Store the participant address the server listens on, so the join panel (possibly in
    another process) can show it and draw its QR code."""
    store.set_address(db, join.id, address)
    return store.get_code(db, join.id) or join


def close_join(db: Database, session_id: str, join_id: str | None = None) -> int:
    """Stop joining: the session's open codes (or only ``join_id``) stop working at once."""
    return store.close_codes(db, session_id, join_id)


def active_join(db: Database, session_id: str) -> JoinCode | None:
    """The session's open code, if joining is open."""
    found = store.open_codes(db, session_id, now_iso())
    return found[0] if found else None


def check_code(db: Database, typed: str, session_id: str | None = None) -> JoinCode:
    """The open code ``typed`` names, or :class:`JoinRefused` with one Dutch line.

    ``session_id``: the only session this server lets in; a code of another session is refused
    like an unknown one (nothing about other sessions is told)."""
    code = normalise_code(typed)
    if not looks_like_code(code):
        raise JoinRefused(t("join.code_unknown"), "unknown")
    named = store.codes_named(db, code)
    found = [c for c in named if session_id is None or c.session_id == session_id]
    if not found:
        raise JoinRefused(t("join.code_unknown"), "other_session" if named else "unknown")
    join = found[0]
    if join.closed_at is not None:
        raise JoinRefused(t("join.code_closed"), "closed")
    if join.expires_at <= now_iso():
        raise JoinRefused(t("join.code_expired"), "expired")
    return join


# -- devices --------------------------------------------------------------------------------------
def device_key(token: str) -> str:
    """The stored name of a device: a hash of its cookie, so the file never holds the cookie."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def device_for(db: Database, join: JoinCode, token: str) -> Device | None:
    return store.get_device(db, device_key(token), join.id) if token else None


def clean_name(name: str) -> str:
    return " ".join(clean_text(name or "").split())


def register_device(
    db: Database, join: JoinCode, token: str, name: str, *, anonymous: bool = False
) -> Device:
    """Let a device take part under ``name`` (or anonymously, if the facilitator allows it)."""
    name = "" if anonymous else clean_name(name)
    if anonymous and not join.allow_anonymous:
        raise GrowError(t("join.anonymous_not_allowed"))
    if not anonymous and not name:
        raise GrowError(t("join.name_needed"))
    if len(name) > MAX_NAME:
        raise GrowError(t("join.name_too_long", limit=MAX_NAME))
    key = device_key(token)
    known = store.get_device(db, key, join.id)
    if known is None and store.count_devices(db, join.id) >= MAX_DEVICES:
        raise GrowError(t("join.room_full"))
    device = Device(key, join.id, name, known.created_at if known else now_iso())
    store.put_device(db, device)
    return device


# -- the question on screen -----------------------------------------------------------------------
def follow(db: Database, session_id: str, question_id: str) -> bool:
    """The facilitator is on ``question_id`` now: participants' pages follow it.

    The session screen calls this on every move (through its writer). It writes only when the
    question changed, so calling it often is cheap."""
    return store.set_focus(db, session_id, question_id)


def current_question(db: Database, card: Card, session_id: str) -> str:
    """The question participants see: the facilitator's, or the card's first one."""
    question_id = store.focus(db, session_id)
    if question_id and card.question(question_id) is not None:
        return question_id
    return next(card.questions()).id


# -- open or silent ---------------------------------------------------------------------------------
def question_round(db: Database, session_id: str, question_id: str) -> QuestionRound:
    return store.get_round(db, session_id, question_id)


def set_mode(db: Database, session_id: str, question_id: str, mode: str) -> QuestionRound:
    """Open (contributions appear as they come) or silent (only a count until revealed).

    Switching to silent starts a new silent round: what comes in is hidden until revealed."""
    if mode not in MODES:
        raise GrowError(f"mode '{mode}'?")
    current = store.get_round(db, session_id, question_id)
    revealed = current.revealed_at if mode == current.mode else None
    changed = QuestionRound(question_id, mode, None if mode == SILENT_MODE else revealed)
    if changed != current:
        store.put_round(db, session_id, changed)
    return changed


def reveal(db: Database, session_id: str, question_id: str) -> QuestionRound:
    """Show a silent round's contributions (on the projector and the participants' pages)."""
    current = store.get_round(db, session_id, question_id)
    if current.revealed_at is not None or current.mode != SILENT_MODE:
        return current
    changed = QuestionRound(question_id, current.mode, now_iso())
    store.put_round(db, session_id, changed)
    return changed


# -- what changed ---------------------------------------------------------------------------------
def change_mark(db: Database, session_id: str) -> int:
    """A number that grows with every change participants or the panel should see."""
    return store.change_mark(db, session_id)


def changes_since(db: Database, session_id: str, mark: int) -> int | None:
    """The new mark if anything changed since ``mark``, else None: one indexed read, cheap
    enough to call several times a second (the facilitator's watcher does)."""
    now = store.change_mark(db, session_id)
    return now if now != mark else None


def connect(path: str | os.PathLike[str]) -> Database:
    """Open the grow database for a participant server's own thread (the file must exist)."""
    from grow_app.services.workspace import worker_database

    return worker_database(Path(path))
