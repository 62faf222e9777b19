"""Sessions: start one on a card, find one by id or id prefix, list them with progress."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from grow_app.card.loader import CardCatalog
from grow_app.errors import GrowError, NotFoundError
from grow_app.i18n import t
from grow_app.records import Participant, Partnership, Session
from grow_app.store import sessions as store
from grow_app.store.trash import session_in_trash, trashed
from grow_app.text import clean_trimmed

if TYPE_CHECKING:
    from sqlite_utils import Database


def parse_date(value: str | None) -> str:
    if not value:
        return dt.date.today().isoformat()
    try:
        return dt.date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise GrowError(t("error.bad_date", value=value)) from None


def start_session(
    db: Database,
    catalog: CardCatalog,
    partnership: Partnership,
    card_id: str,
    *,
    date: str | None = None,
    facilitator: str = "",
    participants: list[Participant] | None = None,
) -> Session:
    card = catalog.get(card_id)
    cleaned = [
        Participant(
            clean_trimmed(p.name),
            clean_trimmed(p.organisation),
            clean_trimmed(p.role),
        )
        for p in participants or []
        if p.name.strip()
    ]
    session_id = store.insert_session(
        db,
        partnership_id=partnership.id,
        card_id=card.id,
        card_version=card.version,
        date=parse_date(date),
        facilitator=clean_trimmed(facilitator),
        participants=cleaned,
    )
    session = store.get_session(db, session_id)
    assert session is not None
    return session


def find_session(db: Database, ref: str) -> Session:
    """A session by its full id or a unique prefix of it (as git does for commits)."""
    ref = ref.strip()
    # A session is hidden when it or its partnership is in the trash (issue 6).
    exact = store.get_session(db, ref) if ref else None
    if exact and not session_in_trash(db, exact):
        return exact
    found = store.sessions_with_prefix(db, ref) if len(ref) >= 4 else []
    matches = [s for s in found if not session_in_trash(db, s)]
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        raise NotFoundError(t("error.ambiguous_session", name=ref, count=len(matches)))
    # Hidden by its partnership (found above) or trashed itself (only the trash lists those).
    trashed = [exact] if exact else [*found, *_trashed_with_prefix(db, ref)]
    if len(trashed) == 1:
        # Trashed itself, or with its partnership: restoring that brings the session back too.
        item = trashed[0]
        if item.deleted_at:
            raise NotFoundError(t("error.session_in_trash", name=ref, id=item.id[:8]))
        raise NotFoundError(
            t("error.session_partnership_in_trash", name=ref, id=item.partnership_id[:8])
        )
    message = t("error.unknown_session", name=ref)
    ids = [s.id[:8] for s in store.list_sessions(db)]
    near = [i for i in ids if i.startswith(ref[:2])][:3] if ref else []
    if near:
        message += " " + t("error.did_you_mean", names=", ".join(near))
    raise NotFoundError(message)


def _trashed_with_prefix(db: Database, ref: str) -> list[Session]:
    """Sessions in the trash (themselves) whose id starts with ``ref`` (at least 4 characters)."""
    if len(ref) < 4:
        return []
    ids = [r["id"] for r in trashed(db) if r["kind"] == "session" and r["id"].startswith(ref)]
    return [s for s in (store.get_session(db, i) for i in ids) if s is not None]


def list_sessions(db: Database, partnership: Partnership | None = None) -> list[Session]:
    return store.list_sessions(db, partnership_id=partnership.id if partnership else None)
