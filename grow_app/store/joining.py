"""SQL for joining: codes, participants' devices, the question on screen and question rounds.

Every write that participants or the facilitator's panel should notice bumps the session's
change mark (``join_state.seq``) in the same transaction, so a poller learns that something
changed with one indexed read (:func:`change_mark`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from grow_app.join_records import OPEN_MODE, Device, JoinCode, QuestionRound
from grow_app.store.clock import now_iso
from grow_app.store.connection import write

if TYPE_CHECKING:
    from sqlite_utils import Database


def bump(db: Database, session_id: str, stamp: str | None = None) -> None:
    """Move the session's change mark on; call inside the write that changed something."""
    db.execute(
        "INSERT INTO join_state (session_id, question_id, seq, updated_at) VALUES (?, '', 1, ?) "
        "ON CONFLICT (session_id) DO UPDATE SET seq = seq + 1, updated_at = excluded.updated_at",
        [session_id, stamp or now_iso()],
    )


def change_mark(db: Database, session_id: str) -> int:
    row = db.execute("SELECT seq FROM join_state WHERE session_id = ?", [session_id]).fetchone()
    return int(row[0]) if row else 0


# -- the question on screen -------------------------------------------------------------------------
def set_focus(db: Database, session_id: str, question_id: str) -> bool:
    """Store the facilitator's current question; False (and no write) when it is unchanged."""
    if focus(db, session_id) == question_id:
        return False
    stamp = now_iso()
    with write(db):
        bump(db, session_id, stamp)
        db.execute(
            "UPDATE join_state SET question_id = ? WHERE session_id = ?", [question_id, session_id]
        )
    return True


def focus(db: Database, session_id: str) -> str:
    row = db.execute(
        "SELECT question_id FROM join_state WHERE session_id = ?", [session_id]
    ).fetchone()
    return row[0] if row else ""


def answers_of(db: Database, session_id: str, question_id: str) -> list[tuple[str, str, str]]:
    """(item key, text, updated_at) of one question's answers, for follow mode (read-only)."""
    rows = db.execute(
        "SELECT item_key, text, updated_at FROM answers WHERE session_id = ? AND question_id = ? "
        "ORDER BY item_key",
        [session_id, question_id],
    )
    return [tuple(r) for r in rows.fetchall()]


# -- codes ----------------------------------------------------------------------------------------
def _code(row: dict) -> JoinCode:
    return JoinCode(
        id=row["id"],
        session_id=row["session_id"],
        code=row["code"],
        secret=row["secret"],
        address=row["address"],
        allow_anonymous=bool(row["allow_anonymous"]),
        opened_at=row["opened_at"],
        expires_at=row["expires_at"],
        closed_at=row["closed_at"],
    )


def insert_code(db: Database, code: JoinCode) -> None:
    with write(db):
        db.execute(
            "INSERT INTO join_codes (id, session_id, code, secret, address, allow_anonymous, "
            "opened_at, expires_at, closed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL)",
            [
                code.id,
                code.session_id,
                code.code,
                code.secret,
                code.address,
                int(code.allow_anonymous),
                code.opened_at,
                code.expires_at,
            ],
        )
        bump(db, code.session_id, code.opened_at)


def codes_named(db: Database, code: str) -> list[JoinCode]:
    """Every opening that used ``code`` (old ones too: a code is only unique while open)."""
    rows = db.query("SELECT * FROM join_codes WHERE code = ? ORDER BY opened_at DESC", [code])
    return [_code(r) for r in rows]


def open_codes(db: Database, session_id: str, now: str) -> list[JoinCode]:
    rows = db.query(
        "SELECT * FROM join_codes WHERE session_id = ? AND closed_at IS NULL AND expires_at > ? "
        "ORDER BY opened_at DESC",
        [session_id, now],
    )
    return [_code(r) for r in rows]


def code_in_use(db: Database, code: str, now: str) -> bool:
    row = db.execute(
        "SELECT 1 FROM join_codes WHERE code = ? AND closed_at IS NULL AND expires_at > ?",
        [code, now],
    ).fetchone()
    return row is not None


def get_code(db: Database, join_id: str) -> JoinCode | None:
    rows = list(db.query("SELECT * FROM join_codes WHERE id = ?", [join_id]))
    return _code(rows[0]) if rows else None


def set_address(db: Database, join_id: str, address: str) -> None:
    with write(db):
        db.execute("UPDATE join_codes SET address = ? WHERE id = ?", [address, join_id])
        session = db.execute("SELECT session_id FROM join_codes WHERE id = ?", [join_id]).fetchone()
        if session:
            bump(db, session[0])


def close_codes(db: Database, session_id: str, join_id: str | None = None) -> int:
    """Close the session's open codes (or only ``join_id``); returns how many were open."""
    stamp = now_iso()
    with write(db):
        if join_id is None:
            cursor = db.execute(
                "UPDATE join_codes SET closed_at = ? WHERE session_id = ? AND closed_at IS NULL",
                [stamp, session_id],
            )
        else:
            cursor = db.execute(
                "UPDATE join_codes SET closed_at = ? WHERE id = ? AND session_id = ? "
                "AND closed_at IS NULL",
                [stamp, join_id, session_id],
            )
        if cursor.rowcount:
            bump(db, session_id, stamp)
    return cursor.rowcount


# -- devices --------------------------------------------------------------------------------------
def get_device(db: Database, device_id: str, join_id: str) -> Device | None:
    row = db.execute(
        "SELECT id, join_id, name, created_at FROM join_devices WHERE id = ? AND join_id = ?",
        [device_id, join_id],
    ).fetchone()
    return Device(*row) if row else None


def count_devices(db: Database, join_id: str) -> int:
    row = db.execute("SELECT count(*) FROM join_devices WHERE join_id = ?", [join_id]).fetchone()
    return int(row[0])


def put_device(db: Database, device: Device) -> None:
    """Add a device, or change its display name (the first time stays its ``created_at``)."""
    with write(db):
        db.execute(
            "INSERT INTO join_devices (id, join_id, name, created_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (id) DO UPDATE SET name = excluded.name",
            [device.id, device.join_id, device.name, device.created_at],
        )


# -- question rounds ------------------------------------------------------------------------------
def get_round(db: Database, session_id: str, question_id: str) -> QuestionRound:
    row = db.execute(
        "SELECT mode, revealed_at FROM question_rounds WHERE session_id = ? AND question_id = ?",
        [session_id, question_id],
    ).fetchone()
    return QuestionRound(question_id, row[0], row[1]) if row else QuestionRound(question_id)


def put_round(db: Database, session_id: str, round: QuestionRound) -> None:
    stamp = now_iso()
    with write(db):
        db.execute(
            "INSERT INTO question_rounds (session_id, question_id, mode, revealed_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (session_id, question_id) DO UPDATE SET "
            "mode = excluded.mode, revealed_at = excluded.revealed_at, "
            "updated_at = excluded.updated_at",
            [session_id, round.question_id, round.mode or OPEN_MODE, round.revealed_at, stamp],
        )
        bump(db, session_id, stamp)
