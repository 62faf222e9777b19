"""What an open session screen keeps is left out of full garbage collections, and handed back
when the screen closes (see grow_app.ui.long_lived); grow starts without collections and a
timer turns them on again."""

from __future__ import annotations

import gc

import pytest
from ui_session_helpers import context, make_session, ready, wait_for

from grow_app.ui.app import create_app


def _collected_ids() -> set[int]:
    """What full collections walk: gc.get_objects() lists the three generations, not what is
    frozen."""
    return {id(o) for o in gc.get_objects()}


@pytest.mark.slow(seconds=9)
async def test_built_panes_are_set_aside_and_handed_back_when_the_screen_closes(db_path):
    gc.unfreeze()  # whatever an earlier test in this process left
    session_id = make_session(db_path)
    app = create_app(context(db_path), session_id, autosave_delay=0)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(pilot)
        screen.idle_before_building = 0
        await wait_for(pilot, lambda: len(screen._panes) == len(screen.stops), 20)
        await wait_for(pilot, lambda: not any(w.group == "prebuild" for w in app.workers), 10)
        assert gc.isenabled()
        assert gc.get_freeze_count() > 10_000
        panes = list(screen._panes.values())
        walked = _collected_ids()
        assert not any(id(pane) in walked for pane in panes)  # the last one built too
    # the screen is gone: everything is collected as usual again
    assert gc.get_freeze_count() == 0
    walked = _collected_ids()
    assert all(id(pane) in walked for pane in panes)


def test_every_command_starts_without_the_collector_and_gets_it_back(monkeypatch):
    """grow's entry turns the cycle collector off while it starts and on again by a timer, so
    a long command (an export of everything, grow serve) collects as always."""
    import time

    from grow_app import entry

    monkeypatch.setattr(entry, "COLLECTOR_OFF_SECONDS", 0.05)
    try:
        entry._collector_off_while_starting()
        assert not gc.isenabled()
        deadline = time.monotonic() + 5
        while not gc.isenabled() and time.monotonic() < deadline:
            time.sleep(0.01)
        assert gc.isenabled()
    finally:
        gc.enable()
