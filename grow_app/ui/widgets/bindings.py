"""Key bindings with translated descriptions and tooltips.

Textual reads ``BINDINGS`` when a class is created, before the language is chosen (``--lang``,
and tests switch language between apps), so bindings name their texts and every screen calls
:func:`translate_bindings` in ``__init__`` for its own translated copy. A binding names its
texts in one of two ways:

* its description and tooltip are message keys (``"ui.key.help"``, ``"ui.key.help_tip"``); or
* its ``id`` is a message key: the description is ``t(id)``, the tooltip ``t(id + ".tip")``.

``texts`` gives a description that is no message key (a phase title from the card).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from textual.binding import Binding, BindingsMap
from textual.dom import DOMNode

from grow_app.i18n import t

MESSAGE_KEY_PREFIX = "ui."


def _translated(binding: Binding, texts: dict[str, str]) -> Binding:
    if binding.id and binding.id in texts:
        text = texts[binding.id]
        return replace(binding, description=text, tooltip=text)
    if binding.description.startswith(MESSAGE_KEY_PREFIX):
        tip = binding.tooltip
        return replace(
            binding,
            description=t(binding.description),
            tooltip=t(tip) if tip.startswith(MESSAGE_KEY_PREFIX) else tip,
        )
    if binding.id and t(binding.id) != binding.id:  # the id is a message key
        return replace(binding, description=t(binding.id), tooltip=t(f"{binding.id}.tip"))
    return binding


def _rebind(node: DOMNode, change: Callable[[Binding], Binding]) -> None:
    """Give ``node`` its own copy of its bindings, each passed through ``change``."""
    keys = {
        key: [change(b) for b in found] for key, found in node._bindings.key_to_bindings.items()
    }
    node._bindings = BindingsMap.from_keys(keys)


def translate_bindings(node: DOMNode, texts: dict[str, str] | None = None) -> None:
    """Give ``node`` its own bindings with translated texts; ``texts`` maps an id to its
    description when it is not a message key (e.g. a phase title from the card)."""
    found_texts = texts or {}
    _rebind(node, lambda b: _translated(b, found_texts))


def retitle_bindings(node: DOMNode, descriptions: dict[str, str]) -> None:
    """Give ``node`` its own bindings whose actions are in ``descriptions`` described so: for a
    widget of Textual's that names its keys in English (the menu of a Select)."""

    def retitled(b: Binding) -> Binding:
        text = descriptions.get(b.action)
        return b if text is None else replace(b, description=text, tooltip=text)

    _rebind(node, retitled)
