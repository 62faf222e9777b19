"""``grow backup``, ``grow restore FILE`` and ``grow trash list|restore|empty``."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from grow_app.cli.context import AppContext, pass_app
from grow_app.cli.output import echo_json, echo_table, table_or_json
from grow_app.i18n import t, tn


def _local_time(stamp: str | dt.datetime) -> str:
    """A stored UTC time as the user's local time, to the minute."""
    moment = dt.datetime.fromisoformat(stamp) if isinstance(stamp, str) else stamp
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return f"{moment.astimezone():%Y-%m-%d %H:%M}"


@click.command("backup", help="command.backup")
@click.option("--list", "show", is_flag=True, help="command.backup.list")
@pass_app
def backup(app: AppContext, show: bool) -> None:
    """Make a backup of the database now (in the backups/ folder beside it); shows its path."""
    from grow_app.services.backup import list_backups, write_backup

    app.check_database_folder()  # a typo in --db: "the folder does not exist"
    path = app.database_file
    if not show:
        target = write_backup(path)
        click.echo(t("reliability.backup_written", path=target))
        return
    items = list(reversed(list_backups(path)))
    if not items:
        click.echo(t("reliability.no_backups", path=path))
        return
    echo_table(
        [t("reliability.col_taken"), t("reliability.col_size"), t("reliability.col_file")],
        [
            (
                _local_time(b.taken_at),
                f"{b.path.stat().st_size / 1e6:.1f} MB",
                f"{b.path}{t('reliability.safety_mark') if b.kind != 'backup' else ''}",
            )
            for b in items
        ],
    )


def _describe(contents) -> str:
    if contents is None:
        return t("reliability.contents_none")
    text = t(
        "reliability.contents",
        partnerships=tn("reliability.partnerships", contents.partnerships),
        sessions=tn("reliability.sessions", contents.sessions),
    )
    if contents.newest_session:
        text += t("reliability.contents_newest", date=contents.newest_session)
    return text


@click.command("restore", help="command.restore")
@click.argument("file", metavar="BESTAND", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--yes", is_flag=True, help="command.yes")
@pass_app
def restore(app: AppContext, file: Path, yes: bool) -> None:
    """Restore the database from FILE (a backup); the current state is kept first."""
    from grow_app.errors import GrowError
    from grow_app.services.backup import check_source, contents, resolve_source, restore_database

    app.close()  # our own connection must not keep the file open during the swap
    file = resolve_source(app.database_file, file)
    check_source(app.database_file, file)
    if not yes:
        click.echo(t("reliability.restore_now", path=app.database_file))
        click.echo(f"  {_describe(contents(app.database_file))}")
        click.echo(t("reliability.restore_from", path=file))
        click.echo(f"  {_describe(contents(file))}")
        answer = _confirm(t("reliability.restore_confirm"))
        if answer is None:  # nobody could be asked: a script must say --yes
            raise GrowError(t("reliability.restore_no_answer"))
        if not answer:
            click.echo(t("reliability.restore_kept"))
            return
    previous = restore_database(app.database_file, file)
    click.echo(t("reliability.restored", source=file))
    if previous is not None:
        click.echo(t("reliability.restored_previous", backup=previous))


@click.group("trash", help="command.trash")
def trash() -> None:
    """The trash: view, restore or empty deleted partnerships and sessions."""


YES = frozenset({"j", "ja", "y", "yes"})


def _confirm(question: str) -> bool | None:
    """Ask a yes/no question in the interface language (click's own prompt only knows y/n).
    None when nobody could answer (no terminal, end of input)."""
    try:
        answer = click.prompt(
            f"{question} {t('reliability.confirm_hint')}",
            default="",
            show_default=False,
            prompt_suffix=" ",
        )
    except click.Abort:
        click.echo()  # end the question's line, so the refusal starts on a line of its own
        return None
    return answer.strip().lower() in YES


def _kind(kind: str) -> str:
    return t(f"reliability.kind_{kind}")


@trash.command("list", help="command.trash.list")
@table_or_json
@pass_app
def trash_list(app: AppContext, fmt: str) -> None:
    """Show what is in the trash, the most recently deleted first."""
    from grow_app.services.trash import list_trash

    items = list_trash(app.existing_db)
    if fmt == "json":
        echo_json(items)
        return
    if not items:
        click.echo(t("reliability.trash_empty_list"))
        return
    echo_table(
        [
            t("col.id"),
            t("reliability.col_kind"),
            t("reliability.col_item"),
            t("reliability.col_deleted"),
        ],
        [
            (
                item["id"][:8],
                _kind(item["kind"]),
                tn("reliability.with_sessions", item["sessions"], label=item["label"])
                if item["sessions"]
                else item["label"],
                _local_time(item["deleted_at"]),
            )
            for item in items
        ],
    )


@trash.command("restore", help="command.trash.restore")
@click.argument("item_id", metavar="ID")
@pass_app
def trash_restore(app: AppContext, item_id: str) -> None:
    """Restore a partnership or session (its id or its first characters, see: grow trash list)."""
    from grow_app.services.trash import restore_ref

    done = restore_ref(app.existing_db, item_id)
    click.echo(t("reliability.trash_restored", kind=_kind(done.kind), label=done.label))
    if done.parent_restored:
        click.echo(t("reliability.trash_restored_parent", name=done.parent_restored))
    if done.renamed_to:
        click.echo(t("reliability.trash_renamed", name=done.renamed_from, new_name=done.renamed_to))


@trash.command("empty", help="command.trash.empty")
@click.option("--yes", is_flag=True, help="command.yes")
@pass_app
def trash_empty(app: AppContext, yes: bool) -> None:
    """Empty the trash: what is in it is then gone for good (backups stay)."""
    from grow_app.services.trash import empty_trash, list_trash

    count = len(list_trash(app.existing_db))
    if count == 0:
        click.echo(t("reliability.trash_empty_list"))
        return
    if not yes:
        answer = _confirm(tn("reliability.trash_confirm", count))
        if answer is None:  # nobody could be asked: a script must say --yes
            from grow_app.errors import GrowError

            raise GrowError(t("reliability.trash_no_answer"))
        if not answer:  # the user said no: that is not an error
            click.echo(t("reliability.trash_kept"))
            return
    removed = empty_trash(app.existing_db)
    click.echo(tn("reliability.trash_emptied", removed))
