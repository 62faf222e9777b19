"""In a browser, ctrl+w, ctrl+n and ctrl+t (and their shift variants, ctrl+tab) close or open tabs
and windows before the page sees them. Nothing in grow's interface may depend on them.

Every module under ``grow_app.ui`` is imported and every class in it with ``BINDINGS`` is checked,
so screens and widgets added later are covered without touching this test.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Iterator

import pytest

BROWSER_KEYS = {
    "ctrl+w",
    "ctrl+n",
    "ctrl+t",
    "ctrl+shift+w",
    "ctrl+shift+n",
    "ctrl+shift+t",
    "ctrl+tab",
    "ctrl+shift+tab",
}

# Textual's own bindings on a swallowed key whose action has no other key, and why that is fine.
TEXTUAL_CONVENIENCES = {
    ("textual.widgets._input", "delete_left_word"): "backspace still deletes; only a shortcut",
}


def ui_classes() -> list[type]:
    """Every class defined in a module under grow_app.ui that declares or inherits BINDINGS."""
    import grow_app.ui

    found = []
    for info in pkgutil.walk_packages(grow_app.ui.__path__, f"{grow_app.ui.__name__}."):
        module = importlib.import_module(info.name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ == module.__name__ and hasattr(cls, "BINDINGS"):
                found.append(cls)
    return found


def bindings_of(owner: type) -> Iterator[tuple[str, str]]:
    """(key, action) for each binding ``owner`` itself declares, one key at a time."""
    from textual.binding import Binding

    for entry in owner.__dict__.get("BINDINGS", []):
        keys, action = (entry.key, entry.action) if isinstance(entry, Binding) else entry[:2]
        for key in keys.split(","):
            yield key.strip().lower().replace(" ", ""), action


def own_browser_keys(cls: type) -> list[str]:
    return [f"{key} -> {action}" for key, action in bindings_of(cls) if key in BROWSER_KEYS]


def actions_only_on_browser_keys(cls: type) -> list[str]:
    """Inherited actions whose every key is one the browser takes (and not a known convenience)."""
    keys_by_action: dict[tuple[str, str], set[str]] = {}
    for owner in cls.__mro__:
        for key, action in bindings_of(owner):
            keys_by_action.setdefault((owner.__module__, action), set()).add(key)
    return [
        f"{action} ({module}): {sorted(keys)}"
        for (module, action), keys in keys_by_action.items()
        if keys <= BROWSER_KEYS and (module, action) not in TEXTUAL_CONVENIENCES
    ]


CLASSES = ui_classes()


def test_the_walk_finds_the_app_and_its_screens():
    names = {cls.__name__ for cls in CLASSES}
    assert {"GrowApp", "HomeScreen", "SessionScreen"} <= names


@pytest.mark.parametrize("cls", CLASSES, ids=lambda cls: f"{cls.__module__}.{cls.__name__}")
def test_no_grow_binding_uses_a_key_the_browser_takes(cls):
    assert own_browser_keys(cls) == [], (
        f"{cls.__name__} binds keys a browser tab never receives (grow serve); choose another key"
    )


@pytest.mark.parametrize("cls", CLASSES, ids=lambda cls: f"{cls.__module__}.{cls.__name__}")
def test_every_inherited_action_has_a_key_that_works_in_a_browser(cls):
    assert actions_only_on_browser_keys(cls) == []


def test_the_check_catches_a_browser_key():
    from textual.binding import Binding
    from textual.screen import Screen
    from textual.widgets import Input, TextArea

    class Careless(Screen[None]):
        BINDINGS = [Binding("ctrl+n", "new_session", "Nieuw"), ("f2,Ctrl+W", "close", "Sluit")]

    class Field(Input):
        BINDINGS = [("ctrl+t", "toggle", "Wissel")]

    assert own_browser_keys(Careless) == ["ctrl+n -> new_session", "ctrl+w -> close"]
    assert actions_only_on_browser_keys(Field) == ["toggle (" + __name__ + "): ['ctrl+t']"]
    # TextArea's delete-word also has ctrl+backspace; Input's is a known convenience.
    assert actions_only_on_browser_keys(Input) == []
    assert actions_only_on_browser_keys(TextArea) == []
