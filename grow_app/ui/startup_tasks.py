"""What the app does once its first screen is on the terminal: the daily backup and, when the
database lies in a synced folder, the warning about it.

Both run in one thread worker, after the first frame (the home or opening screen reports that
with its ``Painted`` message; a screen without one gets a timer), so starting never waits for
them. The outcome reaches the user as a notification of one line; nothing here can stop the app.
A successful backup is silent: the projector screen is no place for housekeeping.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from grow_app.errors import GrowError
from grow_app.i18n import t
from grow_app.services.backup import ensure_daily_backup
from grow_app.services.safety import one_line, sync_warning_for_app

if TYPE_CHECKING:
    from pathlib import Path

    from textual.app import App
    from textual.worker import Worker

    from grow_app.ui.app import GrowApp

WORKER_NAME = "grow-startup"
_ATTRIBUTE = "_grow_startup_worker"
"""Where an app keeps its start tasks' worker: on the app itself. (A module-level
WeakKeyDictionary kept every app alive, since the worker refers to its app.)"""


def start_startup_tasks(app: GrowApp) -> None:
    """Start the tasks once per app (later calls do nothing)."""
    if startup_worker(app) is not None:
        return
    path = app.context.database_file
    worker = app.run_worker(
        lambda: run_startup_tasks(app, path),
        thread=True,
        name=WORKER_NAME,
        group=WORKER_NAME,
        exit_on_error=False,
    )
    setattr(app, _ATTRIBUTE, worker)


def startup_worker(app: App[Any]) -> Worker[None] | None:
    """The worker of the start tasks, once started (tests wait for it to finish)."""
    worker: Worker[None] | None = getattr(app, _ATTRIBUTE, None)
    return worker


def run_startup_tasks(app: App, db_path: Path) -> None:
    """In the worker thread: warn about a synced folder, then write the daily backup if due."""
    try:
        warning = sync_warning_for_app(db_path)
    except OSError as err:
        warning = None
        _tell(app, t("reliability.startup_check_failed", reason=err.strerror or err), "warning")
    if warning:
        _tell(app, warning, "warning", timeout=20)
    try:
        ensure_daily_backup(db_path)
    except GrowError as err:
        _tell(app, err.message, "error", timeout=12)
    except OSError as err:  # the backups folder itself (the store's errors are BackupErrors)
        reason = err.strerror or err
        _tell(app, t("reliability.backup_failed", path=db_path, reason=reason), "error", 12)


def _tell(app: App, message: str, severity: str, timeout: float = 8) -> None:
    """A one-line notification from the worker thread (quietly dropped if the app has closed)."""
    try:
        app.call_from_thread(
            app.notify, one_line(message), severity=severity, timeout=timeout, markup=False
        )
    except RuntimeError:
        return  # the app is no longer running: nobody left to tell
