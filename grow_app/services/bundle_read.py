"""A session as a bundle, read by the services (what ``grow export --format json`` writes).

The bundle is the snapshot export renders: :mod:`grow_app.export.bundle` only turns it into a
file, it never reads the database. The format itself is :mod:`grow_app.services.bundle_schema`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from grow_app import __version__
from grow_app.errors import GrowError
from grow_app.i18n import t
from grow_app.services.bundle_schema import FORMAT_NAME, FORMAT_VERSION, Bundle

if TYPE_CHECKING:
    from sqlite_utils import Database


def session_bundle(db: Database, session_id: str) -> Bundle:
    """The bundle of one session, read in one go from the store."""
    from grow_app.store.bundles import session_snapshot
    from grow_app.store.clock import now_iso

    snapshot = session_snapshot(db, session_id)
    if snapshot is None:
        raise GrowError(t("error.unknown_session", name=session_id))
    with_contributions = bool(snapshot.get("contributions") or snapshot.get("votes"))
    return Bundle.model_validate(
        {
            "format": FORMAT_NAME,
            # version 1 (readable by every grow) unless it carries contributions or votes
            "format_version": FORMAT_VERSION if with_contributions else 1,
            "exported_at": now_iso(),
            "app_version": __version__,
            **snapshot,
        }
    )


def session_bundles(db: Database) -> Iterator[Bundle]:
    """The bundle of every session not in the trash, read one at a time as they are asked for
    (ten thousand sessions' bundles would not fit in memory together)."""
    from grow_app.store.sessions import list_sessions

    for session in list_sessions(db):
        yield session_bundle(db, session.id)
