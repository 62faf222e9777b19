"""Starting the interactive app: ``grow`` and ``grow open SESSION``."""

from __future__ import annotations

import click

from grow_app.cli.context import AppContext

pass_app = click.make_pass_decorator(AppContext)


def run_app(app: AppContext, session_ref: str | None = None) -> None:
    # Open the database first, so a broken file is refused with one line before the screen clears.
    app.db  # noqa: B018
    from grow_app.ui.app import create_app

    create_app(app, session_ref=session_ref).run()


@click.command("open")
@click.argument("session_ref", metavar="SESSIE")
@pass_app
def open_session(app: AppContext, session_ref: str) -> None:
    """Open een sessie, direct bij de eerste onbeantwoorde vraag."""
    # Quick path: draw the first open question before anything heavy is imported (see
    # grow_app/ui/screens/opening.py); the app loads the session itself right after.
    from grow_app.ui.screens.opening import preview_session

    preview = preview_session(app, session_ref)
    if preview is not None:
        from grow_app.ui.app import create_app

        create_app(app, session_ref=preview.session_id, preview=preview).run()
        return
    # Careful path: unknown sessions and broken files are refused before the screen opens.
    from grow_app.services.sessions import find_session

    find_session(app.existing_db, session_ref)  # reads only: a missing file is not created
    run_app(app, session_ref)
