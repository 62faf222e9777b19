"""``grow serve``: the app in a browser (textual-serve), e.g. for hybrid meetings."""

from __future__ import annotations

import socket

import click

from grow_app.cli.context import AppContext
from grow_app.i18n import t

pass_app = click.make_pass_decorator(AppContext)


@click.command("serve")
@click.option(
    "--host",
    metavar="ADRES",
    default="127.0.0.1",
    show_default=True,
    help="Adres waarop grow luistert. Standaard alleen deze computer; met een ander adres "
    "(bijvoorbeeld 0.0.0.0) kan iedereen die de poort bereikt de gegevens lezen en wijzigen.",
)
@click.option(
    "--port",
    type=click.IntRange(1, 65535),
    metavar="POORT",
    default=8000,
    show_default=True,
    help="Poort waarop grow luistert.",
)
@click.option(
    "--open",
    "session_ref",
    metavar="SESSIE",
    default=None,
    help="Open in elk browsertabblad direct deze sessie (id of uniek begin van het id), "
    "zodat bij hybride overleg iedereen in hetzelfde gesprek begint.",
)
@pass_app
def serve(app: AppContext, host: str, port: int, session_ref: str | None) -> None:
    """Toon grow in de browser (met textual-serve): elk tabblad werkt in dezelfde database."""
    from grow_app.i18n import language
    from grow_app.ui.serve import GrowServer, child_command, is_loopback, is_wildcard, url_for

    db = app.db  # a broken database file is refused before anything listens
    session_id = None
    if session_ref is not None:
        from grow_app.services.sessions import find_session

        session_id = find_session(db, session_ref).id
    app.catalog  # noqa: B018  (broken cards are reported once, here, not in every tab)
    command = child_command(
        app.database_file, lang=language(), card_dirs=app.card_dirs, session_id=session_id
    )
    if not is_loopback(host):
        click.secho(
            t("serve.warning_public", host=host, port=port, db=app.database_file),
            err=True,
            fg="yellow",
            bold=True,
        )

    def announce(url: str) -> None:
        local = url_for("127.0.0.1", port) if is_wildcard(host) else url
        click.echo(t("serve.running", url=local))
        click.echo(t("serve.open_in_browser", db=app.database_file))
        if session_id:
            click.echo(t("serve.open_session", session=session_id[:8]))
        if is_wildcard(host):
            click.echo(t("serve.others_use", url=url_for(socket.gethostname(), port)))
        click.echo(t("serve.stop_hint"), nl=True)

    app.close()  # the server holds no connection; every tab opens its own
    GrowServer(command, host=host, port=port, announce=announce).serve()
