"""Plain text tables and JSON for command output."""

from __future__ import annotations

import json
from collections.abc import Sequence

import click


def echo_table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    cells = [[str(c) for c in row] for row in rows]
    widths = [len(h) for h in headers]
    for row in cells:
        widths = [max(w, len(c)) for w, c in zip(widths, row, strict=True)]

    def line(values: Sequence[str]) -> str:
        return "  ".join(v.ljust(w) for v, w in zip(values, widths, strict=True)).rstrip()

    click.echo(line(list(headers)))
    click.echo(line(["-" * w for w in widths]))
    for row in cells:
        click.echo(line(row))


def echo_json(data: object) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def format_option(*choices: str, help: str):
    """The ``--format`` option every listing and show command shares (first choice is default)."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(list(choices)),
        default=choices[0],
        show_default=True,
        help=help,
    )


table_or_json = format_option("table", "json", help="command.table_or_json")
