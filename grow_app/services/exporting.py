"""Which meetings to export with --all: every session in the database whose card is known.

(One session by id or prefix is ``Meeting.open``.)"""

from __future__ import annotations

from sqlite_utils import Database

from grow_app.card.loader import CardCatalog
from grow_app.errors import GrowError, NotFoundError
from grow_app.i18n import t
from grow_app.services.meeting import Meeting
from grow_app.services.sessions import list_sessions


def all_meetings(db: Database, catalog: CardCatalog) -> tuple[list[Meeting], list[str]]:
    """Every session that can be exported, and one line per session that cannot (unknown card)."""
    meetings: list[Meeting] = []
    skipped: list[str] = []
    for session in list_sessions(db):
        try:
            meetings.append(Meeting(db, catalog.get(session.card_id), session))
        except NotFoundError as err:
            skipped.append(t("export.skipped_card", session=session.id[:8], reason=err.message))
    if not meetings and not skipped:
        raise GrowError(t("export.no_sessions"))
    return meetings, skipped
