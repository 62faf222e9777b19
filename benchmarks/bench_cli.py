"""How a command that only reads starts: ``grow session list`` and its kin at one session, each
beside a bare click app that prints one line (the floor), in paired runs.

Part of ``benchmarks/run.py`` (figure ``cli``); on its own it prints the figures as JSON:

    .venv/bin/python benchmarks/bench_cli.py [--rounds 15]

The commands run as a user runs them: no ``GROW_HOME``, the database in the default place (a
temporary ``XDG_DATA_HOME``), settings and the card cache in temporary XDG folders. Each round
runs every program once, in a rotating order, and each command's time is divided by the bare
click app's time *of the same round*; the figure is the median of those ratios, with min-max.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

from common import GROW, paired
from synthetic import populate

TARGET_RATIO = 1.5

BARE_CLICK = """
import click

@click.command()
def main():
    click.echo("Hallo, dit is een regel.")

main()
"""


def user_environment(tmp: Path) -> dict[str, str]:
    """A user's environment inside ``tmp``: XDG folders, no GROW_HOME, no GROW_DB."""
    root = Path(__file__).resolve().parent.parent
    env = {key: value for key, value in os.environ.items() if not key.startswith("GROW_")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: modules compiled once, by pip
    home = tmp / "cli-home"
    env.update(
        HOME=str(home),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_CACHE_HOME=str(home / "cache"),
        PYTHONPATH=os.pathsep.join(filter(None, [str(root), os.environ.get("PYTHONPATH")])),
    )
    return env


def prepare(env: dict[str, str]) -> str:
    """The default database with one fully answered partnership; returns its session id."""
    database = Path(env["XDG_DATA_HOME"]) / "grow" / "grow.db"
    database.parent.mkdir(parents=True, exist_ok=True)
    return populate(database, 1, grid_every=0)[0]


def grow_command() -> list[str]:
    """``grow`` as a user runs it: the console script pip installed beside this Python (the
    same as ``python -m grow_app`` minus runpy), or ``-m`` where there is none."""
    script = Path(sys.executable).parent / "grow"
    return [sys.executable, str(script)] if script.is_file() else GROW


def measure(tmp: Path, rounds: int) -> dict:
    """The ``cli`` figures: each read-only command at one session against a bare click app."""
    env = user_environment(tmp)
    session_id = prepare(env)
    bare = tmp / "bare_click.py"  # a script file, as grow's own console script is
    bare.write_text(BARE_CLICK, encoding="utf-8")
    grow = grow_command()
    programs = {
        "bare_click": [sys.executable, str(bare)],
        "version": [*grow, "--version"],
        "session_list": [*grow, "session", "list"],
        "session_show": [*grow, "session", "show", session_id[:8]],
        "partnership_list": [*grow, "partnership", "list"],
        "cards_list": [*grow, "cards", "list"],
    }
    figures = paired(programs, "bare_click", env, rounds)
    figures["target_ratio"] = TARGET_RATIO
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        print(json.dumps(measure(Path(tmp), args.rounds), indent=2))


if __name__ == "__main__":
    main()
