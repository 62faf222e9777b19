"""``grow export``: the position paper of a session as Word or markdown, or of every session.

A format is one entry in :data:`FORMATS` (name -> writer). A writer gets the request and returns
the files it wrote; the command prints where they went. New formats (e.g. JSON bundles) add a
writer and one line to the table.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import click

from grow_app.cli.context import AppContext, pass_app
from grow_app.errors import GrowError
from grow_app.i18n import t


@dataclass(frozen=True)
class ExportRequest:
    """What the user asked for; ``session`` is None with ``--all``."""

    app: AppContext
    fmt: str
    session: str | None
    all_sessions: bool
    output: str | None
    template: str | None
    skip_empty: bool
    with_contributions: bool = False


def write_papers(request: ExportRequest) -> list:
    """The position paper (docx or md) of one session, or of all of them."""
    from grow_app.export.paper import export_paper, export_papers
    from grow_app.services.snapshots import all_snapshots, read_snapshot

    contributions = request.with_contributions
    if request.all_sessions:
        snapshots, skipped = all_snapshots(
            request.app.db, request.app.catalog, with_contributions=contributions
        )
        for line in skipped:
            click.echo(t("export.warning", message=line), err=True)
        return export_papers(
            snapshots,
            request.fmt,
            request.output,
            template=request.template,
            skip_empty=request.skip_empty,
        )
    # Only reads: through the plain reader where the file is current (no migration check).
    snapshot = read_snapshot(
        request.app.reader, request.app.catalog, request.session or "",
        with_contributions=contributions,
    )  # fmt: skip
    return [
        export_paper(
            snapshot,
            request.fmt,
            request.output,
            template=request.template,
            skip_empty=request.skip_empty,
        )
    ]


def write_bundles(request: ExportRequest) -> list:
    """The JSON bundle of one session, or of all of them, for the programme manager."""
    from grow_app.export.bundle import export_bundle, write_all_bundles
    from grow_app.export.files import target_folder
    from grow_app.export.paper import ExportResult
    from grow_app.services.bundle_read import session_bundle, session_bundles
    from grow_app.services.sessions import find_session

    if request.template:
        raise GrowError(t("export.template_only_docx"))
    if request.skip_empty:
        raise GrowError(t("export.skip_empty_not_json"))
    if request.with_contributions:
        raise GrowError(t("join.export_with_contributions_not_json"))
    if request.all_sessions:
        folder = target_folder(request.output)
        written = write_all_bundles(session_bundles(request.app.db), folder)
        return [ExportResult(path, []) for path in written]
    session = find_session(request.app.db, request.session or "")
    request.app.catalog.get(session.card_id)  # a card not installed here: one line, as before
    bundle = session_bundle(request.app.db, session.id)
    return [ExportResult(export_bundle(bundle, request.output), [])]


# format name -> writer; each writer returns objects with ``.path`` and ``.warnings``.
FORMATS: dict[str, Callable[[ExportRequest], list]] = {
    "docx": write_papers,
    "md": write_papers,
    "json": write_bundles,
}
EXTENSIONS: dict[str, str] = {"docx": "docx", "md": "md", "json": "json"}  # format -> extension


@click.command("export", help="command.export")
@click.argument("session", required=False)
@click.option(
    "--all",
    "all_sessions",
    is_flag=True,
    help="command.export.all",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(FORMATS)),
    default=None,
    help="command.export.format",
)
@click.option(
    "-o",
    "--output",
    metavar="PAD",
    default=None,
    help="command.export.output",
)
@click.option(
    "--template",
    metavar="HUISSTIJL.docx",
    default=None,
    help="command.export.template",
)
@click.option(
    "--skip-empty",
    is_flag=True,
    help="command.export.skip_empty",
)
@click.option(
    "--with-contributions",
    is_flag=True,
    help="command.export.with_contributions",
)
@pass_app
def export(
    app: AppContext,
    session: str | None,
    all_sessions: bool,
    fmt: str | None,
    output: str | None,
    template: str | None,
    skip_empty: bool,
    with_contributions: bool,
) -> None:
    """Make a session's position paper (SESSION: its id or a unique start of it)."""
    if all_sessions and session:
        raise GrowError(t("export.session_and_all"))
    if not all_sessions and not session:
        raise GrowError(t("export.need_session"))
    from grow_app.export.files import choose_format, requested_file
    from grow_app.i18n import tn

    fmt = choose_format(fmt, output, EXTENSIONS, "docx")
    request = ExportRequest(
        app, fmt, session, all_sessions, output, template, skip_empty, with_contributions
    )
    results = FORMATS[fmt](request)
    shown: set[str] = set()
    for result in results:
        for warning in result.warnings:
            if warning not in shown:
                shown.add(warning)
                click.echo(t("export.warning", message=warning), err=True)
    requested = None if all_sessions else requested_file(output, EXTENSIONS[fmt])
    for result in results:
        if requested is not None and result.path != requested:
            note = t("export.file_exists_note", path=requested, name=result.path.name)
            click.echo(t("export.warning", message=note), err=True)
        click.echo(t("export.written", path=result.path))
    if all_sessions and results:
        click.echo(tn("export.written_count", len(results), folder=results[0].path.parent))
