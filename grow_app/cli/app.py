"""Starting the interactive app: ``grow`` and ``grow open SESSION``."""

from __future__ import annotations

import click

from grow_app.cli.context import AppContext, pass_app


def run_app(app: AppContext, session_ref: str | None = None) -> None:
    # Open the database first, so a broken file is refused with one line before the screen clears.
    app.db  # noqa: B018
    from grow_app.ui.app import create_app

    create_app(app, session_ref=session_ref).run()


@click.command("open", help="command.open")
@click.argument("session_ref", metavar="SESSIE")
@pass_app
def open_session(app: AppContext, session_ref: str) -> None:
    """Open a session, straight at the first unanswered question."""
    # Quick path: the first open question, with a working editor, in the very first frame,
    # before anything heavy is imported (grow_app/services/session_start.py); the app loads
    # the rest of the session beside it.
    from grow_app.services.session_start import session_start

    start = session_start(app.database_file, session_ref, app.card_dirs)
    if start is not None:
        from grow_app.ui.app import create_app

        create_app(app, start=start).run()
        return
    # Careful path: unknown sessions and broken files are refused before the screen opens.
    from grow_app.services.sessions import find_session

    find_session(app.existing_db, session_ref)  # reads only: a missing file is not created
    run_app(app, session_ref)
