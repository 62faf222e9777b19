"""A footer that is rebuilt only when the keys it shows change.

Textual's footer rebuilds all its keys whenever the bindings *may* have changed, which is every
move to another question (the focus moves). On the session screen that rebuilding was most of
the work of a move; the keys on show are nearly always the same.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer


class SteadyFooter(Footer):
    _shown: tuple | None = None

    def bindings_changed(self, screen: Screen) -> None:
        shown = tuple(
            (key, binding.description, enabled, binding.key_display)
            for key, (_node, binding, enabled, _tooltip) in screen.active_bindings.items()
            if binding.show
        )
        if shown == self._shown and self._bindings_ready:
            return
        self._shown = shown
        super().bindings_changed(screen)
