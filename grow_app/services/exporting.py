"""Which meetings to export with --all: every session in the database whose card is known.

(One session by id or prefix is ``Meeting.open``.)"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from grow_app.card.loader import CardCatalog
from grow_app.errors import GrowError, NotFoundError
from grow_app.i18n import t
from grow_app.services.meeting import Meeting
from grow_app.services.sessions import list_sessions

if TYPE_CHECKING:
    from sqlite_utils import Database

    from grow_app.store.records import Session


def all_meetings(db: Database, catalog: CardCatalog) -> tuple[Iterator[Meeting], list[str]]:
    """Every session that can be exported, and one line per session that cannot (unknown card).

    The meetings are opened one at a time as they are asked for: ten thousand sessions with all
    their answers would not fit in memory together, and a paper needs only its own."""
    exportable: list[Session] = []
    skipped: list[str] = []
    for session in list_sessions(db):
        try:
            catalog.get(session.card_id)
        except NotFoundError as err:
            skipped.append(t("export.skipped_card", session=session.id[:8], reason=err.message))
        else:
            exportable.append(session)
    if not exportable and not skipped:
        raise GrowError(t("export.no_sessions"))
    return (Meeting(db, catalog.get(s.card_id), s) for s in exportable), skipped
