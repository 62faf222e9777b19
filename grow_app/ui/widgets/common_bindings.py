"""Key bindings whose descriptions are message keys, translated when the screen is built.

Textual reads ``BINDINGS`` when a class is created, which is before ``--lang`` is known (and tests
switch language between apps). So bindings name a message key (``"ui.key.help"``) and every screen
calls :func:`translate_bindings` in ``__init__``; keys without the ``ui.`` prefix are left alone.
"""

from __future__ import annotations

from dataclasses import replace

from textual.binding import Binding, BindingsMap
from textual.dom import DOMNode

from grow_app.i18n import t


def _tr(text: str) -> str:
    return t(text) if text.startswith("ui.") else text


def translate_bindings(node: DOMNode) -> None:
    """Replace the node's bindings by copies with translated descriptions and tooltips."""
    keys: dict[str, list[Binding]] = {
        key: [replace(b, description=_tr(b.description), tooltip=_tr(b.tooltip)) for b in found]
        for key, found in node._bindings.key_to_bindings.items()
    }
    node._bindings = BindingsMap.from_keys(keys)


def show_in_footer(node: DOMNode, shown: set[str], managed: frozenset[str]) -> None:
    """Of the bindings whose id is in ``managed``, show in the footer only those in ``shown``
    (a narrow terminal cannot fit them all; the help screen, F1, still lists every key)."""
    keys = node._bindings.key_to_bindings
    for key, found in keys.items():
        keys[key] = [replace(b, show=b.id in shown) if b.id in managed else b for b in found]
    node.refresh_bindings()
