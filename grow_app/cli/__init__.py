"""The ``grow`` command: thin click commands over the services.

Each command group lives in its own module beside this one and is registered in ``COMMANDS``.
Errors meant for the user (:class:`grow_app.errors.GrowError`) become one line on stderr and
exit status 1; anything unexpected becomes one line plus a crash log, never a traceback.
"""

from __future__ import annotations

import importlib
import sys

import click

from grow_app import __version__
from grow_app.cli.context import AppContext, report_unexpected
from grow_app.errors import GrowError
from grow_app.i18n import language_from_env, set_language, t

# name -> "module:attribute"; modules are imported only when their command runs (fast start).
COMMANDS: dict[str, str] = {
    "cards": "grow_app.cli.cards:cards",
    "partnership": "grow_app.cli.partnerships:partnership",
    "session": "grow_app.cli.sessions:session",
    "open": "grow_app.cli.app:open_session",
    "import": "grow_app.cli.bundles:import_",
    "compare": "grow_app.cli.bundles:compare",
    "demo": "grow_app.cli.bundles:demo",
    "backup": "grow_app.cli.maintenance:backup",
    "restore": "grow_app.cli.maintenance:restore",
    "trash": "grow_app.cli.maintenance:trash",
    "export": "grow_app.cli.export:export",
    "serve": "grow_app.cli.serve:serve",
}


class GrowGroup(click.Group):
    """Loads subcommands lazily and turns user errors into one clear line."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        target = COMMANDS.get(name)
        if target is None:
            return None
        module, attribute = target.split(":")
        command = getattr(importlib.import_module(module), attribute)
        _translate_help_option(command, ctx)
        return command

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = t("cli.help_option")
        return option

    def invoke(self, ctx: click.Context):  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except GrowError as err:
            from grow_app.services.safety import one_line  # issue 6: no escapes, one line

            for line in err.lines():
                click.echo(
                    f"{t('error.prefix')}: {one_line(line)}"
                    if line is err.message
                    else f"  {one_line(line)}",
                    err=True,
                )
            ctx.exit(1)
        except Exception as err:
            # Reliability (issue 6): a read that meets a locked, full or damaged file is one line.
            import sqlite3

            from grow_app.store.connection import translate_error

            path = ctx.obj.database_file if isinstance(ctx.obj, AppContext) else ""
            translated = translate_error(err, path) if isinstance(err, sqlite3.Error) else None
            if translated is None:
                raise
            click.echo(f"{t('error.prefix')}: {translated.message}", err=True)  # one line
            ctx.exit(1)


def _translate_help_option(command: click.Command, ctx: click.Context) -> None:
    """click's own ``--help`` text is English; give it (and its subcommands') ours."""
    option = command.get_help_option(ctx)
    if option is not None:
        option.help = t("cli.help_option")
    if isinstance(command, click.Group):
        for name in command.list_commands(ctx):
            sub = command.get_command(ctx, name)
            if sub is not None:
                _translate_help_option(sub, ctx)


def _early_language(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """Set the language while the options are parsed, so subcommands' help follows it too."""
    if value or language_from_env():
        set_language(value or language_from_env())
    return value


@click.group(
    cls=GrowGroup,
    invoke_without_command=True,
    help="grow: gesprekskaarten voor partnerschappen, live vastgelegd.",
)
@click.version_option(
    __version__,
    "--version",
    prog_name="grow",
    message="%(prog)s %(version)s",
    help="Toon de versie van grow en stop.",
)
@click.option(
    "--db",
    "db_path",
    metavar="PAD",
    envvar="GROW_DB",
    help="Databasebestand (standaard in de gebruikersmap; ook via GROW_DB).",
)
@click.option(
    "--lang",
    type=click.Choice(["nl", "en"]),
    default=None,
    callback=_early_language,
    help="Taal van de interface: nl (standaard) of en.",
)
@click.option(
    "--cards",
    "card_dirs",
    metavar="MAP",
    multiple=True,
    type=click.Path(file_okay=False),
    help="Extra map met kaarten (mag vaker).",
)
@click.pass_context
def cli(
    ctx: click.Context, db_path: str | None, lang: str | None, card_dirs: tuple[str, ...]
) -> None:
    """grow: gesprekskaarten voor partnerschappen, live vastgelegd."""
    from grow_app.settings import load_settings

    settings = load_settings()
    set_language(lang or language_from_env() or settings.language)
    ctx.obj = AppContext(db_path=db_path, card_dirs=card_dirs, settings=settings)
    ctx.call_on_close(ctx.obj.close)
    if ctx.invoked_subcommand is None:
        from grow_app.cli.app import run_app

        run_app(ctx.obj)


def main(argv: list[str] | None = None) -> None:
    try:
        cli.main(args=argv, prog_name="grow")
    except SystemExit:
        raise
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as err:  # last resort: one line and a crash log, never a traceback
        report_unexpected(err)
        sys.exit(2)
