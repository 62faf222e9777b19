"""Which keys the footer shows: as many as fit (the help screen, F1, lists them all). The texts
of bindings are translated by :mod:`grow_app.ui.widgets.bindings`."""

from __future__ import annotations

from dataclasses import replace

from textual.dom import DOMNode


def show_in_footer(node: DOMNode, shown: set[str], managed: frozenset[str]) -> None:
    """Of the bindings whose id is in ``managed``, show in the footer only those in ``shown``
    (a narrow terminal cannot fit them all; the help screen, F1, still lists every key)."""
    keys = node._bindings.key_to_bindings
    for key, found in keys.items():
        keys[key] = [replace(b, show=b.id in shown) if b.id in managed else b for b in found]
    node.refresh_bindings()
