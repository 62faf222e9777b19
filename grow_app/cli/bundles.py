"""``grow import``, ``grow compare`` and ``grow demo``: thin commands over the services."""

from __future__ import annotations

from pathlib import Path

import click

from grow_app.cli.context import AppContext, pass_app
from grow_app.i18n import t

COMPARE_FORMATS: dict[str, str] = {"docx": "docx", "csv": "csv"}  # format -> file extension


@click.command("import", help="command.import")
@click.argument("files", nargs=-1, type=click.Path(path_type=Path), metavar="BESTAND_OF_MAP...")
@pass_app
def import_(app: AppContext, files: tuple[Path, ...]) -> None:
    """Read bundles (JSON) from other laptops and merge them into this database."""
    from grow_app.errors import GrowError
    from grow_app.i18n import tn
    from grow_app.services.bundles import merge_staged, stage_bundles

    if not files:
        raise GrowError(t("bundle.no_files"))
    catalog = app.catalog
    # Check every file before the database is even opened: a refusal leaves it untouched. The
    # checked bundles wait in a temporary file and are merged one at a time, in one transaction.
    with stage_bundles(files, catalog) as staged:
        reports = merge_staged(app.db, catalog, staged)
    for report in reports:
        click.echo(
            tn(
                "import.report",
                report.new,
                file=report.file,
                partnership=report.partnership,
                matched=t(f"import.matched.{report.matched_by}"),
                new=report.new,
                updated=report.updated,
                unchanged=report.unchanged,
                conflicts=report.conflicts,
            )
        )
        if report.conflict_keys:
            click.echo(t("import.conflicts", keys=", ".join(report.conflict_keys)))
    click.echo(tn("import.summary", len(reports), db=app.database_file))


@click.command("compare", help="command.compare")
@click.option(
    "--card",
    "card_id",
    required=True,
    metavar="KAART",
    help="command.card",
)
@click.option(
    "--partnership",
    "names",
    multiple=True,
    metavar="NAAM",
    help="command.compare.partnership",
)
@click.option(
    "--region",
    default=None,
    metavar="REGIO",
    help="command.compare.region",
)
@click.option(
    "--sector",
    default=None,
    metavar="SECTOR",
    help="command.compare.sector",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(COMPARE_FORMATS)),
    default=None,
    help="command.compare.format",
)
@click.option(
    "-o",
    "--output",
    default=None,
    metavar="PAD",
    help="command.compare.output",
)
@pass_app
def compare(
    app: AppContext,
    card_id: str,
    names: tuple[str, ...],
    region: str | None,
    sector: str | None,
    fmt: str | None,
    output: str | None,
) -> None:
    """Compare the latest session of each partnership on a card, as Word or CSV."""
    from grow_app.errors import GrowError
    from grow_app.export.files import choose_format, requested_file
    from grow_app.i18n import tn
    from grow_app.services.compare import Filters, check_filters, comparison, select_sessions

    fmt = choose_format(fmt, output, COMPARE_FORMATS, "docx")
    card = app.catalog.get(card_id)
    filters = check_filters(app.db, card, Filters(region=region, sector=sector, names=names))
    sessions = select_sessions(app.db, card, filters)
    if not sessions:
        raise GrowError(t("compare.no_sessions", card=card.id))
    chosen = (filters.region, sector, *filters.names)
    selection = ", ".join(x for x in chosen if x)  # "" for all: the document says it
    read = comparison(app.db, card, sessions, selection=selection)
    if fmt == "docx":
        from grow_app.export.compare_docx import write_compare_docx

        path = write_compare_docx(read, output)
    else:
        from grow_app.export.compare_csv import write_compare_csv

        path = write_compare_csv(read, output)
    requested = requested_file(output, COMPARE_FORMATS[fmt])
    if requested is not None and path != requested:
        note = t("export.file_exists_note", path=requested, name=path.name)
        click.echo(t("export.warning", message=note), err=True)
    click.echo(tn("compare.written", len(sessions), path=path))


@click.command("demo", help="command.demo")
@click.option(
    "--db",
    "demo_db",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    metavar="PAD",
    help="command.demo.db",
)
@click.option("--no-open", is_flag=True, help="command.demo.no_open")
@pass_app
def demo(app: AppContext, demo_db: Path | None, no_open: bool) -> None:
    """Make a sample database with three partnerships and open the comparison screen."""
    from grow_app.paths import app_dirs
    from grow_app.services.demo import create_demo_database

    path = demo_db or app_dirs().data / "demo.db"
    count = create_demo_database(path, app.catalog)
    click.echo(t("demo.created", path=path, count=count))
    if no_open:
        click.echo(t("demo.open_hint", path=path))
        return
    context = AppContext(db_path=str(path), card_dirs=app.card_dirs, settings=app.settings)
    context._catalog = app.catalog
    try:
        run_on_compare_screen(context)
    finally:
        context.close()


def compare_first_app(context: AppContext):
    """The usual app (from ``create_app``) that puts the compare screen on top once it is up."""
    from grow_app.ui.app import create_app
    from grow_app.ui.screens.compare import CompareScreen

    app = create_app(context)
    base = type(app)

    class CompareFirst(base):  # type: ignore[misc, valid-type]
        def on_mount(self) -> None:
            # Textual also runs the base class's on_mount (it walks the MRO); once that has
            # pushed the home screen, the compare screen goes on top of it.
            self.call_later(self.push_screen, CompareScreen())

    app.__class__ = CompareFirst
    return app


def run_on_compare_screen(context: AppContext) -> None:
    context.db  # noqa: B018  (a broken file is refused before the screen clears)
    compare_first_app(context).run()
