"""The writer's watch on other windows: between writes, it checks whether another window, tab
or process committed to the database (``PRAGMA data_version``); if so, it reads what changed in
the watched session and reports it (:class:`~grow_app.services.writer_events.Remote`)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from grow_app.services.writer_events import Remote, WriterEvent
from grow_app.services.writer_link import Link, SchemaNotReady, Transient
from grow_app.services.writer_queue import Watch
from grow_app.store import live

if TYPE_CHECKING:
    from grow_app.services.changes import Key


class Watching:
    """Mixin of :class:`~grow_app.services.writer.Writer` (it has the attributes)."""

    _cond: threading.Condition
    _watch: Watch | None
    _link: Link
    _emit: Callable[[WriterEvent], None]
    _ensure_thread: Callable[[], None]

    def watch(self, session_id: str, known: dict[Key, tuple[object, ...]]) -> None:
        """Report what other windows change in this session; ``known`` is what the screen has."""
        with self._cond:
            self._watch = Watch(session_id, dict(known))
            self._ensure_thread()
            self._cond.notify_all()

    def unwatch(self) -> None:
        with self._cond:
            self._watch = None

    def _poll(self) -> None:
        with self._cond:
            watch = self._watch
        if watch is None:
            return
        try:
            conn = self._link.get()
            version = live.data_version(conn)
            if version == watch.version:
                return
            rows = live.read_session(conn, watch.session_id, watch.known)
        except (Transient, SchemaNotReady, live.Error, OSError):
            return  # the next write says what is wrong; watching simply tries again
        watch.version = version
        changed = {k for k, sig in rows.signatures.items() if watch.known.get(k) != sig}
        if rows.session is None:
            changed.add(("session",))
        watch.known = dict(rows.signatures)
        if changed:
            self._emit(Remote(watch.session_id, rows, frozenset(changed)))
