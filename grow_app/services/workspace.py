"""Where grow works: the database, the card catalogue and the settings, each opened on first use.

Shared by the app and the command line, with no click in it: a warning (a database in a synced
folder, a broken card file) goes to the ``warn`` callback (the command line prints it, the app
shows a notification).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, cast

from grow_app.paths import resolve_db_path

if TYPE_CHECKING:
    from sqlite_utils import Database

    from grow_app.card.cache import CardIndex
    from grow_app.card.loader import CardCatalog
    from grow_app.settings import Settings
    from grow_app.store.reader import ReadOnlyDatabase


class Workspace:
    """The database, the cards and the settings of one run, each opened on first use. (A plain
    class: a dataclass costs a millisecond to define, on the way of every command.)"""

    def __init__(
        self,
        db_path: str | None = None,
        card_dirs: tuple[str, ...] = (),
        settings: Settings | None = None,
        *,
        create: bool = True,
        warn: Callable[[str], None] | None = None,
    ) -> None:
        self.db_path = db_path
        self.card_dirs = card_dirs
        self.settings = settings
        self.create = create
        """Whether a missing database file may be made (not for a command that only reads)."""
        self.warn = warn
        self._db: Database | None = None
        self._catalog: CardCatalog | None = None
        self._reader: ReadOnlyDatabase | None = None
        self._card_index: CardIndex | None = None

    def __repr__(self) -> str:
        return f"Workspace(db_path={self.db_path!r}, card_dirs={self.card_dirs!r})"

    @property
    def database_file(self) -> Path:
        return resolve_db_path(self.db_path)

    @property
    def db_option(self) -> str | None:
        """Where the user named the database ("--db" or "GROW_DB"); None for the default file."""
        if self.db_path:
            return "GROW_DB" if os.environ.get("GROW_DB") == self.db_path else "--db"
        return "GROW_DB" if os.environ.get("GROW_DB") else None

    @property
    def db(self) -> Database:
        return self._open(create=self.create)

    @property
    def existing_db(self) -> Database:
        """The database, which must exist already: "Er is nog geen database op ..." otherwise."""
        return self._open(create=False)

    def check_database_folder(self) -> None:
        """A database path the user typed whose folder does not exist is a typo: refuse it."""
        option = self.db_option
        folder = self.database_file.parent
        if option and not folder.is_dir():
            from grow_app.errors import DatabaseError
            from grow_app.i18n import t

            raise DatabaseError(t("db.folder_missing_option", folder=folder, option=option))

    def _open(self, *, create: bool) -> Database:
        if self._db is None:
            from grow_app.store import open_database

            self.check_database_folder()
            self._db = open_database(
                self.database_file, create=create, create_folder=self.db_option is None
            )
            self._warn_sync_folder()
        return self._db

    def _warn_sync_folder(self) -> None:
        # Reliability hook (issue 6): warn once when the file lies in a synced folder.
        from grow_app.services.safety import sync_folder_warning

        warning = sync_folder_warning(self.database_file)
        if warning:
            self._warn(warning)

    def _warn(self, message: str) -> None:
        if self.warn is not None:
            self.warn(message)

    @property
    def reader(self) -> Database:
        """The existing database, for what only reads: through the standard library (no
        sqlite-utils to import) when the file is current; the ordinary way (which explains a
        missing file, or migrates an old one) otherwise.

        Typed as sqlite-utils' ``Database``: the plain reader
        (:class:`~grow_app.store.reader.ReadOnlyDatabase`) has its ``conn``, ``execute`` and
        ``query``, all that the reads called with it use; SQLite refuses a write through it."""
        if self._db is not None:
            return self._db
        if self._reader is None:
            from grow_app.store.reader import open_reader

            self.check_database_folder()
            self._reader = open_reader(self.database_file)
            if self._reader is None:
                return self.existing_db
            self._warn_sync_folder()
        return cast("Database", self._reader)

    @property
    def card_index(self) -> CardIndex:
        """What listings need of every card, without the pydantic models (card/cache.py)."""
        if self._card_index is None:
            from grow_app.i18n import t
            from grow_app.services.catalog import load_card_index

            self._card_index = load_card_index(Path(d) for d in self.card_dirs)
            for problem in self._card_index.problems:
                self._warn(t("card.broken_skipped", problem=problem))
        return self._card_index

    @property
    def catalog(self) -> CardCatalog:
        if self._catalog is None:
            from grow_app.i18n import t
            from grow_app.services.catalog import load_catalog

            self._catalog = load_catalog(Path(d) for d in self.card_dirs)
            for problem in self._catalog.problems:
                self._warn(t("card.broken_skipped", problem=problem))
        return self._catalog

    def close(self) -> None:
        if self._db is not None:
            self._db.conn.close()
            self._db = None
        if self._reader is not None:
            self._reader.conn.close()
            self._reader = None


def worker_database(db: Database | Path | str) -> Database:
    """A second connection to the workspace's database (the app's ``db``, or its file), for a
    worker thread: the app's own connection is never used from two threads. An in-memory
    database (tests) has none: ``db`` itself comes back. Close it with
    :func:`close_worker_database`. (The store's :func:`~grow_app.store.connection.worker_database`.)"""
    from grow_app.store.connection import worker_database as second_connection

    return second_connection(db)


def close_worker_database(worker: Database, db: Database) -> None:
    """Close a connection from :func:`worker_database` (never the app's own)."""
    from grow_app.store.connection import close_worker_database as close

    close(worker, db)
