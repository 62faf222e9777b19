"""``grow serve``: the app in a browser (textual-serve), e.g. for hybrid meetings; with
``--join`` also the participant page, so everyone in the room adds to the card."""

from __future__ import annotations

import socket
from typing import TYPE_CHECKING

import click

from grow_app.cli.context import AppContext, pass_app
from grow_app.errors import GrowError
from grow_app.i18n import t

if TYPE_CHECKING:
    from grow_app.records import Session


def _sessions(
    app: AppContext, session_ref: str | None, join_ref: str | None
) -> tuple[str | None, Session | None]:
    """The session every tab opens (if any), and the one participants join (the same one)."""
    from grow_app.services.sessions import find_session

    db = app.db  # a broken database file is refused before anything listens
    session_id = find_session(db, session_ref).id if session_ref is not None else None
    if join_ref is None:
        return session_id, None
    joined = find_session(db, join_ref)
    if session_id is not None and session_id != joined.id:
        raise GrowError(t("join.cli_open_other", open=session_ref, join=join_ref))
    return joined.id, joined


@click.command("serve", help="command.serve")
@click.option(
    "--host",
    metavar="ADRES",
    default="127.0.0.1",
    show_default=True,
    help="command.serve.host",
)
@click.option(
    "--port",
    type=click.IntRange(1, 65535),
    metavar="POORT",
    default=8000,
    show_default=True,
    help="command.serve.port",
)
@click.option(
    "--open",
    "session_ref",
    metavar="SESSIE",
    default=None,
    help="command.serve.open",
)
@click.option(
    "--join",
    "join_ref",
    metavar="SESSIE",
    default=None,
    help="command.serve.join",
)
@click.option(
    "--anonymous",
    is_flag=True,
    help="command.serve.anonymous",
)
@pass_app
def serve(
    app: AppContext,
    host: str,
    port: int,
    session_ref: str | None,
    join_ref: str | None,
    anonymous: bool,
) -> None:
    """Show grow in the browser (with textual-serve): every tab works in the same database."""
    from grow_app.i18n import language
    from grow_app.ui.serve import GrowServer, child_command, is_loopback, is_wildcard, url_for

    if anonymous and join_ref is None:
        raise GrowError(t("join.cli_anonymous_needs_join"))
    session_id, joined = _sessions(app, session_ref, join_ref)
    app.catalog  # noqa: B018 (broken cards are reported once, here, not in every tab)
    command = child_command(
        app.database_file, lang=language(), card_dirs=app.card_dirs, session_id=session_id
    )
    if not is_loopback(host):
        key = "join.warning_public" if joined else "serve.warning_public"
        click.secho(
            t(key, host=host, port=port, db=app.database_file), err=True, fg="yellow", bold=True
        )

    site = join = None
    if joined is not None:
        site, join = _open_join(app, joined, host, port, anonymous)

    def announce(url: str) -> None:
        local = url_for("127.0.0.1", port) if is_wildcard(host) else url
        click.echo(t("serve.running", url=local))
        click.echo(t("serve.open_in_browser", db=app.database_file))
        if session_id:
            click.echo(t("serve.open_session", session=session_id[:8]))
        if join is not None:
            click.echo(t("join.cli_address", code=join.code))
            click.echo(f"{join.address}/{join.code}")  # a line of its own: easy to copy
            if is_loopback(host):
                click.echo(t("join.cli_loopback_note"))
            if join.allow_anonymous:
                click.echo(t("join.anonymous_allowed"))
        elif is_wildcard(host):
            click.echo(t("serve.others_use", url=url_for(socket.gethostname(), port)))
        click.echo(t("serve.stop_hint"), nl=True)

    app.close()  # the server holds no connection; every tab (and the join page) opens its own
    try:
        GrowServer(command, host=host, port=port, announce=announce, participants=site).serve()
    finally:
        if join is not None:
            _close_join(app, join.session_id, join.id, join.code)


def _open_join(app: AppContext, joined: Session, host: str, port: int, anonymous: bool):
    """A join code for ``joined`` and the participant page that takes it."""
    from grow_app.services import joining
    from grow_app.ui.join.site import ParticipantSite
    from grow_app.ui.serve import participant_host, url_for

    card = app.catalog.get(joined.card_id)
    join = joining.open_join(app.db, joined.id, allow_anonymous=anonymous)
    address = f"{url_for(participant_host(host), port)}/j"
    join = joining.announce_address(app.db, join, address)
    return ParticipantSite(app.database_file, joined.id, card), join


def _close_join(app: AppContext, session_id: str, join_id: str, code: str) -> None:
    """The server stopped (or could not start): the code stops working."""
    from grow_app.services import joining

    try:
        if joining.close_join(app.db, session_id, join_id):
            click.echo(t("join.cli_closed", code=code))
    finally:
        app.close()
