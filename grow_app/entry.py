"""The ``grow`` command's entry point.

Importing the command line takes a moment; a Ctrl+C in that moment ends grow quietly (exit
code 130, as a shell expects), never with a Python traceback. After that, :func:`grow_app.cli.main`
handles it the same way.
"""

from __future__ import annotations

import sys


def main() -> None:
    try:
        from grow_app.cli import main as cli_main
    except KeyboardInterrupt:
        sys.exit(130)
    cli_main()
