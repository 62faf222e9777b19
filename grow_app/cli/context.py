"""What every command shares: the database and the card catalog, opened on first use."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import click

from grow_app.paths import resolve_db_path

if TYPE_CHECKING:
    from sqlite_utils import Database

    from grow_app.card.cache import CardIndex
    from grow_app.card.loader import CardCatalog
    from grow_app.settings import Settings
    from grow_app.store.reader import ReadOnlyDatabase


READ_ONLY_COMMANDS = frozenset(
    {
        "partnership list",
        "session list",
        "session show",
        "export",
        "compare",
        "backup",
        "trash list",
        "trash restore",
        "trash empty",
        "open",
    }
)
"""Commands that only read: on a database file that does not exist yet they say so (and exit 1)
instead of creating an empty one. Every other command (``grow`` itself, ``partnership add``,
``session new``, ``import``, ``demo``, ``restore``, and ``serve``, which serves the whole app
to a browser, where partnerships are added) may create it. ``backup`` reads the file itself and
says there is nothing to back up."""


def current_command() -> str | None:
    """The running subcommand as typed without ``grow`` ("session list"); "" for ``grow``
    itself; None outside the command line (the app, tests)."""
    ctx = click.get_current_context(silent=True)
    if ctx is None:
        return None
    names: list[str] = []
    while ctx.parent is not None:
        names.append(ctx.info_name or "")
        ctx = ctx.parent
    return " ".join(reversed(names))


class AppContext:
    """The database, the cards and the settings of one run, each opened on first use. (A plain
    class: a dataclass costs a millisecond to define, on the way of every command.)"""

    def __init__(
        self,
        db_path: str | None = None,
        card_dirs: tuple[str, ...] = (),
        settings: Settings | None = None,
    ) -> None:
        self.db_path = db_path
        self.card_dirs = card_dirs
        self.settings = settings
        self._db: Database | None = None
        self._catalog: CardCatalog | None = None
        self._reader: ReadOnlyDatabase | None = None
        self._card_index: CardIndex | None = None

    def __repr__(self) -> str:
        return f"AppContext(db_path={self.db_path!r}, card_dirs={self.card_dirs!r})"

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
        """The database; created when missing, except under a read-only command."""
        return self._open(create=current_command() not in READ_ONLY_COMMANDS)

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
            click.echo(warning, err=True)

    @property
    def reader(self) -> Database | ReadOnlyDatabase:
        """The existing database, for a command that only reads: through the standard library
        (no sqlite-utils to import) when the file is current; the ordinary way (which explains
        a missing file, or migrates an old one) otherwise."""
        if self._db is not None:
            return self._db
        if self._reader is None:
            from grow_app.store.reader import open_reader

            self.check_database_folder()
            self._reader = open_reader(self.database_file)
            if self._reader is None:
                return self.existing_db
            self._warn_sync_folder()
        return self._reader

    @property
    def card_index(self) -> CardIndex:
        """What listings need of every card, without the pydantic models (card/cache.py)."""
        if self._card_index is None:
            from grow_app.i18n import t
            from grow_app.services.catalog import load_card_index

            self._card_index = load_card_index(Path(d) for d in self.card_dirs)
            for problem in self._card_index.problems:
                click.echo(t("card.broken_skipped", problem=problem), err=True)
        return self._card_index

    @property
    def catalog(self) -> CardCatalog:
        if self._catalog is None:
            from grow_app.i18n import t
            from grow_app.services.catalog import load_catalog

            self._catalog = load_catalog(Path(d) for d in self.card_dirs)
            for problem in self._catalog.problems:
                click.echo(t("card.broken_skipped", problem=problem), err=True)
        return self._catalog

    def close(self) -> None:
        if self._db is not None:
            self._db.conn.close()
            self._db = None
        if self._reader is not None:
            self._reader.conn.close()
            self._reader = None


def report_unexpected(err: BaseException) -> None:
    """One line for the user; the traceback goes to a crash log for whoever fixes it."""
    from grow_app.errors import write_crash_log
    from grow_app.i18n import t

    log = write_crash_log(err)
    where = f" (details: {log})" if log else ""  # a path needs no translation
    click.echo(t("error.unexpected", kind=type(err).__name__, detail=err, where=where), err=True)
