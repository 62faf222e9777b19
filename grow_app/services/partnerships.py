"""Partnerships: add, find by name or id, rename, list."""

from __future__ import annotations

from typing import TYPE_CHECKING

from grow_app.errors import GrowError, NotFoundError
from grow_app.i18n import t
from grow_app.records import Partnership
from grow_app.store import partnerships as store
from grow_app.text import clean_text, clean_trimmed, suggest

if TYPE_CHECKING:
    from sqlite_utils import Database  # only a type here: reads work without sqlite-utils

SECTORS: dict[str, str] = {
    "po": "po",
    "vo": "vo",
    "vso": "(v)so",
    "so": "so",
    "mbo": "mbo",
    "ho": "ho",
}
_SECTOR_ALIASES = {"(v)so": "vso", "v-so": "vso", "sbo": "so"}


def normalise_sector(value: str) -> str:
    key = value.strip().lower()
    key = _SECTOR_ALIASES.get(key, key)
    if key not in SECTORS:
        raise GrowError(t("error.unknown_sector", value=value, choices=", ".join(SECTORS)))
    return key


def add_partnership(
    db: Database, name: str, region: str = "", sectors: list[str] | tuple[str, ...] = ()
) -> Partnership:
    name = " ".join(clean_text(name).split())  # one line: names appear in tables and messages
    if not name:
        raise GrowError(t("error.empty_name"))
    if store.find_partnerships_by_name(db, name):
        raise GrowError(t("error.partnership_exists", name=name))
    keys = tuple(dict.fromkeys(normalise_sector(s) for s in sectors))
    return store.insert_partnership(db, name, clean_trimmed(region), keys)


def find_partnership(db: Database, ref: str) -> Partnership:
    """By exact id, then by name (case-insensitive); otherwise a message with near names."""
    found = store.get_partnership(db, ref)
    if found and not found.deleted_at:
        return found
    matches = store.find_partnerships_by_name(db, ref.strip())
    if len(matches) == 1:
        return matches[0]
    trashed = trashed_partnership(db, ref)
    if trashed is not None:
        raise NotFoundError(t("error.partnership_in_trash", name=trashed.name, id=trashed.id[:8]))
    names = [p.name for p in store.list_partnerships(db)]
    message = t("error.unknown_partnership", name=ref)
    near = suggest(ref, names)
    if near:
        message += " " + t("error.did_you_mean", names=", ".join(near))
    raise NotFoundError(message)


def trashed_partnership(db: Database, ref: str) -> Partnership | None:
    """The partnership in the trash with id or name ``ref`` (to say where it went), or None."""
    name = ref.strip().casefold()
    return next(
        (
            p
            for p in store.list_partnerships(db, include_deleted=True)
            if p.deleted_at and (p.id == ref.strip() or p.name.casefold() == name)
        ),
        None,
    )


def rename_partnership(db: Database, partnership: Partnership, new_name: str) -> None:
    name = " ".join(clean_text(new_name).split())
    if not name:
        raise GrowError(t("error.empty_name"))
    if any(p.id != partnership.id for p in store.find_partnerships_by_name(db, name)):
        raise GrowError(t("error.partnership_exists", name=name))
    store.update_partnership(db, partnership.id, name=name)


def list_partnerships(db: Database) -> list[Partnership]:
    return store.list_partnerships(db)


def session_counts(db: Database) -> dict[str, int]:
    """partnership id -> its sessions not in the trash."""
    return store.session_counts(db)
