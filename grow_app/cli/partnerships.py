"""``grow partnership``: add and list partnerships."""

from __future__ import annotations

import click

from grow_app.cli.context import AppContext, pass_app
from grow_app.cli.output import echo_json, echo_table, table_or_json
from grow_app.i18n import t


@click.group(help="command.partnership")
def partnership() -> None:
    """Manage partnerships."""


@partnership.command("add", help="command.partnership.add")
@click.argument("name")
@click.option("--region", default="", help="command.partnership.add.region")
@click.option(
    "--sector",
    "sectors",
    multiple=True,
    help="command.partnership.add.sector",
)
@pass_app
def add(app: AppContext, name: str, region: str, sectors: tuple[str, ...]) -> None:
    """Add a partnership."""
    from grow_app.services.partnerships import add_partnership

    split = [part for value in sectors for part in value.split(",") if part.strip()]
    added = add_partnership(app.db, name, region, split)
    click.echo(t("cli.partnership_added", name=added.name))
    click.echo(added.id)


@partnership.command("list", help="command.partnership.list")
@table_or_json
@pass_app
def list_(app: AppContext, fmt: str) -> None:
    """Show all partnerships."""
    from grow_app.services.partnerships import SECTORS, list_partnerships, session_counts

    items = list_partnerships(app.reader)  # the standard library suffices to read
    counts = session_counts(app.reader)
    if fmt == "json":
        echo_json(
            [
                {
                    "id": p.id,
                    "name": p.name,
                    "region": p.region,
                    "sectors": list(p.sectors),
                    "sessions": counts.get(p.id, 0),
                }
                for p in items
            ]
        )
        return
    if not items:
        click.echo(t("cli.no_partnerships"))
        return
    echo_table(
        [t("col.name"), t("col.region"), t("col.sectors"), t("col.sessions")],
        [
            (p.name, p.region, ", ".join(SECTORS.get(s, s) for s in p.sectors), counts.get(p.id, 0))
            for p in items
        ],
    )
