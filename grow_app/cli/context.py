"""What every command shares: the workspace (database, cards, settings) and its click rules."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

import click

from grow_app.services.workspace import Workspace

if TYPE_CHECKING:
    from sqlite_utils import Database

    from grow_app.settings import Settings

R = TypeVar("R")


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


def _echo_warning(message: str) -> None:
    click.echo(message, err=True)


class AppContext(Workspace):
    """The workspace of one command (:class:`~grow_app.services.workspace.Workspace`) with the
    command line's two rules: warnings go to stderr, and a command that only reads
    (:data:`READ_ONLY_COMMANDS`) never creates a missing database file."""

    def __init__(
        self,
        db_path: str | None = None,
        card_dirs: tuple[str, ...] = (),
        settings: Settings | None = None,
    ) -> None:
        super().__init__(db_path, card_dirs, settings, warn=_echo_warning)

    def __repr__(self) -> str:
        return f"AppContext(db_path={self.db_path!r}, card_dirs={self.card_dirs!r})"

    @property
    def db(self) -> Database:
        """The database; created when missing, except under a read-only command."""
        return self._open(create=current_command() not in READ_ONLY_COMMANDS)


def pass_app(command: Callable[..., R]) -> Callable[..., R]:
    """The command gets the run's :class:`AppContext` as its first argument (every command
    module's one decorator)."""
    return click.make_pass_decorator(AppContext)(command)


def report_unexpected(err: BaseException) -> None:
    """One line for the user; the traceback goes to a crash log for whoever fixes it."""
    from grow_app.errors import write_crash_log
    from grow_app.i18n import t

    log = write_crash_log(err)
    where = f" (details: {log})" if log else ""  # a path needs no translation
    click.echo(t("error.unexpected", kind=type(err).__name__, detail=err, where=where), err=True)
