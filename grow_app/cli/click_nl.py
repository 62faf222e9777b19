"""click's own texts in Dutch, and click's usage errors as one plain line.

click looks up every text it shows with ``gettext`` (each of its modules does
``from gettext import gettext as _`` and ``from gettext import ngettext``) and reads those names
when a text is needed. :func:`install` puts :func:`gettext_nl` and :func:`ngettext_nl` in their
place: in Dutch they answer from :data:`NL_TEXTS` / :data:`NL_PLURALS`, in English they hand the
text back to :mod:`gettext`, so ``--lang en`` keeps click's English.

What click does not look up with gettext is set per command by :func:`localise`: grow's own
help texts (each command and option names a key of ``i18n/messages/commands.py``), the
``[OPTIONS]`` and ``[COMMAND] [ARGS]...`` placeholders, argument names (``NAME``, ``FILES...``),
type names (``TEXT``) and the names grow gives a value (``PAD``, ``JJJJ-MM-DD``). The declared
values are kept, so switching language again restores them.

:func:`describe_usage_error` turns any :class:`click.ClickException` into one line: in Dutch
composed from the exception's fields, in English click's own message; both end with where to
find help. The msgids below are those of click 8.5 (``.venv/.../click/*.py``); a msgid click
changes falls back to click's English, never to an error.
"""

from __future__ import annotations

import gettext
import re
from collections.abc import Sequence

import click

from grow_app.i18n import language, t

# click's msgid -> Dutch. Placeholders may be dropped (Dutch needs no "File" before a name).
NL_TEXTS: dict[str, str] = {
    # help pages
    "Usage:": "Gebruik:",
    "Options": "Opties",
    "Commands": "Opdrachten",
    "Positional arguments": "Argumenten",
    "default: {default}": "standaard: {default}",
    "required": "verplicht",
    "env var: {var}": "omgevingsvariabele: {var}",
    "(dynamic)": "(wisselt)",
    "deprecated": "verouderd",
    "Show this message and exit.": "Toon deze hulp en stop.",
    "Show the version and exit.": "Toon de versie en stop.",
    "Confirm the action without prompting.": "Bevestig zonder te vragen.",
    "Do you want to continue?": "Wilt u doorgaan?",
    # errors and prompts
    "Error: {message}": "Fout: {message}",
    "Error: The two entered values do not match.": "Fout: de twee invoeren zijn niet gelijk.",
    "Error: invalid input": "Fout: ongeldige invoer",
    "Repeat for confirmation": "Herhaal ter bevestiging",
    "Press any key to continue...": "Druk op een toets om verder te gaan…",
    "Aborted!": "Afgebroken.",
    "Missing command.": "geef een opdracht op.",
    "No such option {name!r}.": "de optie {name} bestaat niet.",
    "No such command {name!r}.": "de opdracht '{name}' bestaat niet.",
    "Option {name!r} does not take a value.": "de optie {name} krijgt geen waarde.",
    "Argument {name!r} takes {nargs} values.": "{name} heeft {nargs} waarden nodig.",
    "Value must be an iterable.": "geef een lijst van waarden.",
    "Choose from:\n\t{choices}": "kies uit {choices}.",
    "{value!r} is not a valid {number_type}.": "{value!r} is geen geldig getal.",
    "{value} is not in the range {range}.": "{value} valt buiten het bereik {range}.",
    "{value!r} is not a valid boolean. Recognized values: {states}": (
        "{value!r} is geen ja/nee-waarde; gebruik een van: {states}."
    ),
    "{value!r} is not a valid UUID.": "{value!r} is geen geldig id (UUID).",
    "{name} {filename!r} does not exist.": "{filename!r} bestaat niet.",
    "{name} {filename!r} is a file.": "{filename!r} is een bestand, geen map.",
    "{name} {filename!r} is a directory.": "{filename!r} is een map, geen bestand.",
    "{name} {filename!r} is not readable.": "{filename!r} kan niet worden gelezen (geen toegang).",
    "{name} {filename!r} is not writable.": "In {filename!r} kan niet worden geschreven (geen toegang).",
    "{name} {filename!r} is not executable.": "{filename!r} kan niet worden uitgevoerd.",
    "Could not open file {filename!r}: {message}": "{filename!r} kan niet worden geopend: {message}",
    "unknown error": "onbekende fout",
}

# (singular msgid, plural msgid) -> (Dutch singular, Dutch plural)
NL_PLURALS: dict[tuple[str, str], tuple[str, str]] = {
    ("Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments."): (
        "na de optie {name} hoort een waarde.",
        "na de optie {name} horen {nargs} waarden.",
    ),
    ("Takes {nargs} values but 1 was given.", "Takes {nargs} values but {len} were given."): (
        "verwacht {nargs} waarden, maar kreeg er 1.",
        "verwacht {nargs} waarden, maar kreeg er {len}.",
    ),
    ("{value!r} is not {choice}.", "{value!r} is not one of {choices}."): (
        "{value!r} kan niet; de enige keuze is {choice}.",
        "{value!r} kan niet; kies uit {choices}.",
    ),
    (
        "{value!r} does not match the format {format}.",
        "{value!r} does not match the formats {formats}.",
    ): (
        "{value!r} heeft niet de vorm {format}.",
        "{value!r} heeft geen van de vormen {formats}.",
    ),
    (
        "{len_type} values are required, but {len_value} was given.",
        "{len_type} values are required, but {len_value} were given.",
    ): (
        "er zijn {len_type} waarden nodig, maar er is er {len_value} gegeven.",
        "er zijn {len_type} waarden nodig, maar er zijn er {len_value} gegeven.",
    ),
    ("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)"): (
        "Bedoelde u {possibility}?",
        "Bedoelde u een van deze: {possibilities}?",
    ),
}


def gettext_nl(message: str) -> str:
    if language() == "nl":
        return NL_TEXTS.get(message, message)
    return gettext.gettext(message)


def ngettext_nl(singular: str, plural: str, n: int) -> str:
    if language() == "nl":
        dutch = NL_PLURALS.get((singular, plural))
        if dutch is not None:
            return dutch[0] if n == 1 else dutch[1]
    return gettext.ngettext(singular, plural, n)


_CLICK_MODULES = (
    "core",
    "exceptions",
    "parser",
    "types",
    "formatting",
    "decorators",
    "termui",
    "utils",
    "shell_completion",
    "_termui_impl",
)
_LOADED_ON_DEMAND = ("shell_completion", "_termui_impl")
"""click imports these only for shell completion and an editor, pager or progress bar, none of
which grow uses; importing them on every start would cost more than the rest of a listing."""


def install() -> None:
    """Let click ask us for its texts (idempotent; English still answers with click's own)."""
    import importlib
    import sys

    for name in _CLICK_MODULES:
        if name in _LOADED_ON_DEMAND and f"click.{name}" not in sys.modules:
            continue
        try:
            module = importlib.import_module(f"click.{name}")
        except ImportError:  # a module click no longer has: nothing to translate there
            continue
        if hasattr(module, "_"):
            module._ = gettext_nl  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext_nl  # type: ignore[attr-defined]


# -- names click does not translate: set per command, English kept for switching back ----------
ARGUMENT_NAMES = {
    "name": "NAAM",
    "partnership": "PARTNERSCHAP",
    "files": "BESTANDEN",
    "file": "BESTAND",
    "session": "SESSIE",
    "session_ref": "SESSIE",
    "card_id": "KAART",
    "item_id": "ID",
}
TYPE_NAMES = {
    "text": "TEKST",
    "integer": "GETAL",
    "float": "GETAL",
    "path": "PAD",
    "file": "BESTAND",
    "directory": "MAP",
    "filename": "BESTAND",
    "boolean": "JA|NEE",
    "uuid": "ID",
}
ENGLISH_METAVARS = {
    "PAD": "PATH",
    "MAP": "FOLDER",
    "KAART": "CARD",
    "NAAM": "NAME",
    "REGIO": "REGION",
    "SECTOR": "SECTOR",
    "HUISSTIJL.docx": "HOUSE_STYLE.docx",
    "BESTAND_OF_MAP...": "FILE_OR_FOLDER...",
    "SESSIE": "SESSION",
    "BESTAND": "FILE",
    "ADRES": "ADDRESS",
    "POORT": "PORT",
    "JJJJ-MM-DD": "YYYY-MM-DD",
    "'NAAM|ORGANISATIE|ROL'": "'NAME|ORGANISATION|ROLE'",
    "ID": "ID",
}
"""The names grow declares for a value (Dutch, in the source) and their English."""
HELP_KEY_PREFIX = "command."
SUBCOMMAND_METAVARS = {
    "[COMMAND] [ARGS]...": "[OPDRACHT] [ARGUMENTEN]...",
    "COMMAND [ARGS]...": "OPDRACHT [ARGUMENTEN]...",
}


def _declared(obj: object, attribute: str) -> object:
    """The value ``attribute`` was declared with (click's own or grow's source), kept aside the
    first time it is replaced."""
    keep = f"_grow_declared_{attribute}"
    if keep not in vars(obj):
        setattr(obj, keep, getattr(obj, attribute))
    return getattr(obj, keep)


def _swap(obj: object, attribute: str, dutch: str | None) -> None:
    """Set ``attribute`` to ``dutch`` in Dutch, back to click's own value otherwise."""
    english = _declared(obj, attribute)
    setattr(obj, attribute, dutch if dutch is not None and language() == "nl" else english)


def _help_text(obj: click.Command | click.Option) -> None:
    """A help text declared as a key (``"command.export"``) in the interface language."""
    key = _declared(obj, "help")
    if isinstance(key, str) and key.startswith(HELP_KEY_PREFIX):
        obj.help = t(key)


def _declared_metavar(param: click.Parameter, declared: str) -> None:
    """A name grow declared for a value (Dutch) as it is, or its English."""
    param.metavar = declared if language() == "nl" else ENGLISH_METAVARS.get(declared, declared)


def _argument_name(param: click.Argument) -> str | None:
    name = ARGUMENT_NAMES.get(param.name or "")
    if name is None:
        return None
    if not param.required:
        name = f"[{name}]"
    return f"{name}..." if param.nargs != 1 else name


LAST_CONTEXT_KEY = "grow.last_context"


class TrackedContext(click.Context):
    """Remembers itself in the shared ``meta``: some click errors (an option without its value)
    carry no context, and the one-line message still names the command to ask for help."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.meta[LAST_CONTEXT_KEY] = self


def localise(command: click.Command, ctx: click.Context) -> None:
    """Dutch placeholders and metavars on ``command`` and its subcommands (or click's English)."""
    if command.context_class is click.Context:
        command.context_class = TrackedContext
    _help_text(command)
    _swap(command, "options_metavar", "[OPTIES]")
    if isinstance(command, click.Group):
        english = str(_declared(command, "subcommand_metavar"))
        _swap(command, "subcommand_metavar", SUBCOMMAND_METAVARS.get(english))
    for param in command.params:
        if isinstance(param, click.Option):
            _help_text(param)
        declared = _declared(param, "metavar")
        if isinstance(declared, str):
            _declared_metavar(param, declared)
        elif isinstance(param, click.Argument):
            _swap(param, "metavar", _argument_name(param))
        elif isinstance(param, click.Option) and not param.is_flag and not param.count:
            _swap(param, "metavar", TYPE_NAMES.get(param.type.name))
    option = command.get_help_option(ctx)
    if option is not None:
        option.help = t("cli.help_option")
    if isinstance(command, click.Group) and not getattr(command, "loads_lazily", False):
        # A group that imports its commands on demand localises each one as it is loaded;
        # walking them all here would import every command module on every start.
        for name in command.list_commands(ctx):
            sub = command.get_command(ctx, name)
            if sub is not None:
                localise(sub, ctx)


# -- usage errors as one line ------------------------------------------------------------------
_EXTRA_ARGS = re.compile(r"Got unexpected extra arguments? \((.*)\)", re.S)
ARGV_KEY = "grow.argv"
"""Key in ``ctx.meta`` for the words the user typed (to suggest quotes around a name)."""


def _flat(text: str) -> str:
    return " ".join(str(text).split())


def _option_name(param: click.Parameter) -> str:
    return max(param.opts, key=len) if param.opts else (param.name or "")


def _argument_label(param: click.Parameter, ctx: click.Context | None) -> str:
    if ctx is None:
        return (param.name or "").upper()
    return param.make_metavar(ctx).strip("[]").removesuffix("...")


def _did_you_mean(possibilities: Sequence[str] | None) -> str:
    if not possibilities:
        return ""
    return " " + t("error.did_you_mean", names=", ".join(sorted(possibilities)))


def _quote(word: str) -> str:
    return f'"{word}"' if not word or any(c.isspace() for c in word) else word


def quote_hint(ctx: click.Context | None, extras: str) -> str:
    """'Zet een naam met spaties tussen aanhalingstekens: grow partnership add "AOS Oost"'.

    Found by looking for the extra words in what was typed: the word before them is the start
    of the name (or the value of an option, like ``--date 14 maart``)."""
    if ctx is None:
        return ""
    argv = list(ctx.find_root().meta.get(ARGV_KEY) or [])
    words = extras.split()
    if not words or not argv:
        return ""
    start = next(
        (i for i in range(len(argv) - len(words), 0, -1) if argv[i : i + len(words)] == words),
        None,
    )
    if start is None or argv[start - 1].startswith("-"):
        return ""
    value = " ".join(argv[start - 1 : start + len(words)])
    before = argv[: start - 1]
    after = argv[start + len(words) :]
    is_option_value = bool(before) and before[-1].startswith("-") and "=" not in before[-1]
    if is_option_value:
        flag = next((p for p in ctx.command.params if before[-1] in getattr(p, "opts", ())), None)
        if flag is None or getattr(flag, "is_flag", False):
            is_option_value = False
    root = ctx.find_root().info_name or "grow"
    suggestion = " ".join([root, *map(_quote, before), _quote(value), *map(_quote, after)])
    key = "cli.err.quote_value" if is_option_value else "cli.err.quote_name"
    return " " + t(key, suggestion=suggestion)


def _dutch_message(err: click.ClickException) -> str:
    ctx = getattr(err, "ctx", None)
    if isinstance(err, click.exceptions.NoSuchCommand):
        return t("cli.err.no_command", name=err.command_name) + _did_you_mean(err.possibilities)
    if isinstance(err, click.NoSuchOption):
        return t("cli.err.no_option", name=err.option_name) + _did_you_mean(err.possibilities)
    if isinstance(err, click.MissingParameter) and err.param is not None:
        param = err.param
        if isinstance(param, click.Option):
            text = t("cli.err.missing_option", name=_option_name(param))
            if isinstance(param.type, click.Choice):
                choices = ", ".join(str(c) for c in param.type.choices)
                text = t("cli.err.missing_choice", name=_option_name(param), choices=choices)
            return text
        return t("cli.err.missing_argument", name=_argument_label(param, ctx))
    if isinstance(err, click.BadParameter):
        if isinstance(err.param, click.Option):
            return t("cli.err.bad_value", name=_option_name(err.param), message=_flat(err.message))
        return _flat(err.message)
    extra = _EXTRA_ARGS.fullmatch(err.message.strip())
    if extra:
        words = extra.group(1)
        return t("cli.err.extra_arguments", words=words)
    return _flat(err.format_message())


def describe_usage_error(err: click.ClickException, fallback: click.Context | None = None) -> str:
    """One line (without the 'Fout:' prefix) for a click error, with where to find help.

    ``fallback`` is the context to name when the error carries none."""
    ctx = getattr(err, "ctx", None) or (fallback.meta.get(LAST_CONTEXT_KEY) if fallback else None)
    text = _dutch_message(err) if language() == "nl" else _flat(err.format_message())
    extra = _EXTRA_ARGS.fullmatch(err.message.strip())
    hint = quote_hint(ctx, extra.group(1)) if extra else ""
    if hint:  # the suggestion is the whole command again; "--help" after it would confuse
        text = (text if text.endswith((".", "?", "!")) else f"{text}.") + hint
    elif ctx is not None and isinstance(err, click.UsageError):
        text += " " + t("cli.err.see_help", command=ctx.command_path)
    return _flat(text)
