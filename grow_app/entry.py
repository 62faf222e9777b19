"""The ``grow`` command's entry point.

``grow open SESSION`` is how every meeting starts, and the facilitator types at once: that one
command takes a quick lane that does not load the command line (click) at all, and puts a
working editor in the first frame (:mod:`grow_app.services.session_start`). Anything unusual
(other options, an unknown session, an odd card) takes the ordinary command line, which
explains what is wrong.

A Ctrl+C while grow is starting ends it quietly (exit code 130, as a shell expects), never with
a Python traceback.
"""

from __future__ import annotations

import gc
import sys

COLLECTOR_OFF_SECONDS = 0.5
"""How long Python's cycle collector stays off while grow starts (see :func:`main`)."""


def main() -> None:
    _collector_off_while_starting()
    try:
        if quick_open(sys.argv[1:]):
            return
        from grow_app.cli import main as cli_main
    except KeyboardInterrupt:
        sys.exit(130)
    cli_main()


def _collector_off_while_starting() -> None:
    """Python's cycle collector is off for the first half second.

    Starting (click, grow's modules, a card, the database) makes objects that stay, not cycles
    of garbage, and the collections it triggered walked them again and again: some 15 % of a
    short command like ``grow session list`` (94 against 112 ms, paired). A timer turns it on
    again, so a long command, ``grow serve`` and the app collect as always."""
    import threading

    gc.disable()
    timer = threading.Timer(COLLECTOR_OFF_SECONDS, gc.enable)
    timer.daemon = True
    timer.start()


def quick_open(argv: list[str]) -> bool:
    """Run ``grow open SESSION`` without the command line; False to take the ordinary path."""
    if len(argv) != 2 or argv[0] != "open" or argv[1].startswith("-"):
        return False
    from grow_app.i18n import language_from_env, set_language
    from grow_app.services.session_start import session_start
    from grow_app.services.workspace import Workspace
    from grow_app.settings import load_settings

    settings = load_settings()
    set_language(language_from_env() or settings.language)
    workspace = Workspace(settings=settings, create=False)
    try:
        start = session_start(workspace.database_file, argv[1])
    except Exception:  # anything odd in this quick look: the ordinary path says what is wrong
        start = None
    if start is None:
        return False
    from grow_app.ui.app import create_app

    app = create_app(workspace, start=start)
    try:
        app.run()
    except Exception as err:  # last resort: one line and a crash log, never a traceback
        from grow_app.errors import write_crash_log
        from grow_app.i18n import t

        log = write_crash_log(err)
        where = f" (details: {log})" if log else ""
        print(
            t("error.unexpected", kind=type(err).__name__, detail=err, where=where), file=sys.stderr
        )
        sys.exit(2)
    finally:
        workspace.close()
    if app.return_code:
        sys.exit(app.return_code)
    return True
