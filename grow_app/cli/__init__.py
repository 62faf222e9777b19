"""The ``grow`` command: thin click commands over the services.

Each command group lives in its own module beside this one and is registered in ``COMMANDS``.
Errors meant for the user (:class:`grow_app.errors.GrowError`) become one line on stderr and
exit status 1; anything unexpected becomes one line plus a crash log, never a traceback.
"""

from __future__ import annotations

import importlib
import sys
from typing import TYPE_CHECKING

import click

from grow_app import __version__
from grow_app.cli.click_nl import TrackedContext
from grow_app.cli.context import AppContext, report_unexpected
from grow_app.errors import GrowError
from grow_app.i18n import language_from_env, set_language, t

if TYPE_CHECKING:
    from grow_app.settings import Settings

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


class GrowUsageError(click.ClickException):
    """A click error (unknown option, missing argument, ...) as one translated line, exit 1."""

    exit_code = 1

    def show(self, file=None) -> None:
        click.echo(f"{t('error.prefix')}: {self.message}", err=True)


def _one_line_usage_error(err: click.ClickException, ctx: click.Context) -> GrowUsageError:
    from grow_app.cli.click_nl import describe_usage_error

    return GrowUsageError(describe_usage_error(err, fallback=ctx))


class GrowGroup(click.Group):
    """Loads subcommands lazily and turns user errors into one clear line."""

    context_class = TrackedContext
    loads_lazily = True  # see click_nl.localise: each command is localised as it is loaded

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        target = COMMANDS.get(name)
        if target is None:
            return None
        module, attribute = target.split(":")
        command = getattr(importlib.import_module(module), attribute)
        from grow_app.cli.click_nl import localise

        localise(command, ctx)
        return command

    def resolve_command(self, ctx: click.Context, args: list[str]):
        try:
            return super().resolve_command(ctx, args)
        except click.exceptions.NoSuchCommand as err:  # suggest from the lazily loaded names
            raise click.exceptions.NoSuchCommand(
                err.command_name, possibilities=self.list_commands(ctx), ctx=ctx
            ) from None

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = t("cli.help_option")
        return option

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        from grow_app.cli.click_nl import ARGV_KEY, install, localise

        install()  # click asks us for its texts: Dutch, or its own English
        ctx.meta[ARGV_KEY] = list(args)
        _language_before_parsing(ctx, args)
        localise(self, ctx)
        try:
            return super().parse_args(ctx, args)
        except click.ClickException as err:
            raise _one_line_usage_error(err, ctx) from err

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except GrowUsageError:
            raise
        except (
            click.exceptions.NoArgsIsHelpError
        ) as err:  # ``grow session``: its help, not an error
            click.echo(err.ctx.get_help())
            ctx.exit(0)
        except click.ClickException as err:
            raise _one_line_usage_error(err, ctx) from err
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
            from grow_app.services.safety import database_problem

            path = ctx.obj.database_file if isinstance(ctx.obj, AppContext) else ""
            translated = database_problem(err, path)
            if translated is None:
                raise
            click.echo(f"{t('error.prefix')}: {translated.message}", err=True)  # one line
            ctx.exit(1)


SETTINGS_KEY = "grow.settings"


def _saved_settings(ctx: click.Context) -> Settings:
    """The saved settings, read once per command (kept in the shared ``meta``)."""
    settings = ctx.meta.get(SETTINGS_KEY)
    if settings is None:
        from grow_app.settings import load_settings

        settings = ctx.meta[SETTINGS_KEY] = load_settings()
    return settings


def _language_before_parsing(ctx: click.Context, args: list[str]) -> None:
    """The one choice of language: ``--lang``, else GROW_LANG, else the saved setting, before
    anything is parsed. ``--help`` and a usage error are handled while parsing, before the
    ``--lang`` option is reached when it comes after them (``grow --help --lang en``); the
    option's callback (:func:`_early_language`) only corrects a ``--lang`` this missed."""
    set_language(_lang_among(args) or language_from_env() or _saved_settings(ctx).language)


def _lang_among(args: list[str]) -> str | None:
    """The value of ``--lang`` among grow's own options (before the command's name)."""
    for number, word in enumerate(args):
        if word in COMMANDS:
            break
        if word.startswith("--lang="):
            return word.partition("=")[2]
        if word == "--lang" and number + 1 < len(args):
            return args[number + 1]
    return None


def _early_language(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """Set the language while the options are parsed, so subcommands' help follows it too."""
    if value:
        set_language(value)
        from grow_app.cli.click_nl import localise

        localise(ctx.command, ctx)
    return value


@click.group(
    cls=GrowGroup,
    invoke_without_command=True,
    help="command.grow",
)
@click.version_option(
    __version__,
    "--version",
    prog_name="grow",
    message="%(prog)s %(version)s",
    help="command.grow.version",
)
@click.option(
    "--db",
    "db_path",
    metavar="PAD",
    envvar="GROW_DB",
    help="command.grow.db",
)
@click.option(
    "--lang",
    type=click.Choice(["nl", "en"]),
    default=None,
    callback=_early_language,
    is_eager=True,  # before --help, so "grow --lang en --help" is English
    help="command.grow.lang",
)
@click.option(
    "--cards",
    "card_dirs",
    metavar="MAP",
    multiple=True,
    type=click.Path(file_okay=False),
    help="command.grow.cards",
)
@click.pass_context
def cli(
    ctx: click.Context, db_path: str | None, lang: str | None, card_dirs: tuple[str, ...]
) -> None:
    """The ``grow`` group: the workspace every command uses (the language is chosen before
    parsing, :func:`_language_before_parsing`)."""
    ctx.obj = AppContext(db_path=db_path, card_dirs=card_dirs, settings=_saved_settings(ctx))
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
