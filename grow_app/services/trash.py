"""Deleting is moving to the trash; the trash can be restored or emptied.

Items are found by their full id or a unique prefix of it (at least four characters), as the
command line shows them. Restoring a session whose partnership is also in the trash restores the
partnership too (otherwise the session would stay hidden); restoring a partnership whose name has
been taken in the meantime gives it a new name, so two partnerships never share one name.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from grow_app.errors import GrowError, NotFoundError
from grow_app.i18n import t
from grow_app.store import partnerships as partnership_store
from grow_app.store import trash as store

if TYPE_CHECKING:
    from sqlite_utils import Database

MIN_PREFIX = 4


def trash_partnership(db: Database, partnership_id: str) -> None:
    store.mark_deleted(db, "partnerships", partnership_id)


def trash_session(db: Database, session_id: str) -> None:
    store.mark_deleted(db, "sessions", session_id)


def list_trash(db: Database) -> list[dict]:
    """Rows with kind ('partnership' or 'session'), id, label, deleted_at and sessions."""
    return store.trashed(db)


def restore_item(db: Database, kind: str, item_id: str) -> bool:
    return store.restore(db, "partnerships" if kind == "partnership" else "sessions", item_id)


def empty_trash(db: Database) -> int:
    return store.purge(db)


def find_in_trash(db: Database, ref: str) -> dict:
    """The trashed item with id ``ref`` or the one whose id starts with ``ref``."""
    ref = ref.strip()
    items = list_trash(db)
    exact = [item for item in items if item["id"] == ref]
    if exact:
        return exact[0]
    matches = [item for item in items if len(ref) >= MIN_PREFIX and item["id"].startswith(ref)]
    if len(matches) > 1:
        raise GrowError(t("reliability.trash_ambiguous", ref=ref, count=len(matches)))
    if not matches:
        raise NotFoundError(t("reliability.trash_unknown", ref=ref))
    return matches[0]


@dataclass(frozen=True)
class Restored:
    kind: str
    label: str
    parent_restored: str | None = None  # name of a partnership restored along with a session
    renamed_from: str | None = None
    renamed_to: str | None = None


def _restore_partnership(db: Database, partnership_id: str) -> tuple[str, str | None]:
    """Restore one partnership; returns (old name, new name if it had to be renamed)."""
    partnership = partnership_store.get_partnership(db, partnership_id)
    assert partnership is not None
    new_name = None
    if partnership_store.find_partnerships_by_name(db, partnership.name):
        candidate = t("reliability.trash_renamed_suffix", name=partnership.name)
        serial = 1
        while partnership_store.find_partnerships_by_name(db, candidate):
            serial += 1
            candidate = f"{t('reliability.trash_renamed_suffix', name=partnership.name)} {serial}"
        new_name = candidate
        partnership_store.update_partnership(db, partnership_id, name=new_name)
    store.restore(db, "partnerships", partnership_id)
    return partnership.name, new_name


def restore_ref(db: Database, ref: str) -> Restored:
    """Restore the trashed item ``ref`` (id or unique prefix) and say what happened."""
    item = find_in_trash(db, ref)
    if item["kind"] == "partnership":
        name, new_name = _restore_partnership(db, item["id"])
        return Restored("partnership", name, renamed_from=new_name and name, renamed_to=new_name)
    store.restore(db, "sessions", item["id"])
    parent = partnership_store.get_partnership(db, item["partnership_id"])
    if parent is not None and parent.deleted_at:
        name, new_name = _restore_partnership(db, parent.id)
        return Restored(
            "session",
            item["label"],
            parent_restored=new_name or name,
            renamed_from=new_name and name,
            renamed_to=new_name,
        )
    return Restored("session", item["label"])
