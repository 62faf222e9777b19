"""Key bindings with translated descriptions and tooltips.

Bindings are declared at class level (where ``t()`` must not run: the language is chosen later),
with an ``id``. :func:`translate_bindings` gives a widget instance its own copy whose
description is ``t(id)`` and tooltip ``t(id + ".tip")``.
"""

from __future__ import annotations

from dataclasses import replace

from textual.binding import BindingsMap
from textual.dom import DOMNode

from grow_app.i18n import t


def translate_bindings(node: DOMNode, texts: dict[str, str] | None = None) -> None:
    """Give ``node`` its own bindings with translated texts; ``texts`` maps an id to its
    description when it is not a catalog key (e.g. a phase title from the card)."""
    texts = texts or {}
    translated: dict[str, list] = {}
    for key, bindings in node._bindings.key_to_bindings.items():
        translated[key] = [
            (
                replace(b, description=texts[b.id], tooltip=texts[b.id])
                if b.id in texts
                else replace(b, description=t(b.id), tooltip=t(f"{b.id}.tip"))
            )
            if b.id
            else b
            for b in bindings
        ]
    fresh = BindingsMap()
    fresh.key_to_bindings = translated
    node._bindings = fresh
