"""What every command shares: the database and the card catalog, opened on first use."""

from __future__ import annotations

import datetime as dt
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import click

from grow_app.paths import app_dirs, resolve_db_path

if TYPE_CHECKING:
    from sqlite_utils import Database

    from grow_app.card.loader import CardCatalog
    from grow_app.settings import Settings


@dataclass
class AppContext:
    db_path: str | None = None
    card_dirs: tuple[str, ...] = ()
    settings: Settings | None = None
    _db: Database | None = field(default=None, repr=False)
    _catalog: CardCatalog | None = field(default=None, repr=False)

    @property
    def database_file(self) -> Path:
        return resolve_db_path(self.db_path)

    @property
    def db(self) -> Database:
        if self._db is None:
            from grow_app.store import open_database

            self._db = open_database(self.database_file)
            # Reliability hook (issue 6): warn once when the file lies in a synced folder.
            from grow_app.services.safety import sync_folder_warning

            warning = sync_folder_warning(self.database_file)
            if warning:
                click.echo(warning, err=True)
        return self._db

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


def report_unexpected(err: BaseException) -> None:
    """One line for the user; the traceback goes to a crash log for whoever fixes it."""
    log_dir = app_dirs().data / "logs"
    where = ""
    try:
        log_dir.mkdir(parents=True, exist_ok=True)
        log = log_dir / f"crash-{dt.datetime.now():%Y%m%d-%H%M%S}.txt"
        log.write_text("".join(traceback.format_exception(err)), encoding="utf-8")
        where = f" (details: {log})"  # a path needs no translation
    except OSError:
        pass
    from grow_app.i18n import t

    click.echo(t("error.unexpected", kind=type(err).__name__, detail=err, where=where), err=True)
