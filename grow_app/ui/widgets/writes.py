"""Screens that write outside a meeting (the home screen's trash, the trash screen) hand the
write to the app's one writer thread as a :class:`~grow_app.services.changes.Task` and carry on;
the outcome comes back as writer news. While the database refuses writes the user gets the
writer's one line, and the task waits in the queue until it can be done."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from grow_app.ui.typed_app import grow_of

if TYPE_CHECKING:
    from sqlite_utils import Database
    from textual.screen import Screen

    from grow_app.services.writer import WriterEvent

    _Screen = Screen[Any]
else:
    _Screen = object


class TaskRunner(_Screen):
    """Mixin for a Screen: :meth:`run_write` and the ``writer_event`` that finishes it."""

    _told: str | None = None

    def run_write(
        self, name: str, run: Callable[[Database], object], done: Callable[[object], None]
    ) -> None:
        from grow_app.services.changes import Task

        task = Task("", run=run, name=name)
        self._task_callbacks_map()[task.token] = done
        grow_of(self).writer.submit(task)

    def _task_callbacks_map(self) -> dict[str, Callable[[object], None]]:
        if not hasattr(self, "_task_callbacks"):
            self._task_callbacks: dict[str, Callable[[object], None]] = {}
        return self._task_callbacks

    def writer_event(self, event: WriterEvent) -> None:
        # (imported here: the session screen's first frame comes before the writer's modules)
        from grow_app.services.changes import Task
        from grow_app.services.writer import Failing, Refused, Saved

        callbacks = self._task_callbacks_map()
        change = getattr(event, "change", None)
        if isinstance(event, Saved) and isinstance(change, Task):
            done = callbacks.pop(change.token, None)
            if done is not None:
                self._told = None
                done(event.written.result)
        elif isinstance(event, Refused) and isinstance(change, Task):
            if callbacks.pop(change.token, None) is not None:
                self.notify(event.message, severity="error", markup=False)
        elif isinstance(event, Failing) and callbacks and event.message != self._told:
            self._told = event.message
            self.notify(event.message, severity="error", markup=False, timeout=10)
