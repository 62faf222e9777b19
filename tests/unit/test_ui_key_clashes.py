"""App-wide keys (help, projector mode, quit) work on every screen: no screen or widget of grow
binds the same key to something else, which would silently win over the app's binding."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from test_serve_browser_keys import bindings_of, ui_classes


def test_no_screen_or_widget_shadows_an_app_wide_key():
    from textual.app import App

    from grow_app.ui.app import GrowApp
    from grow_app.ui.screens.help import HelpScreen

    # The help screen closes with the key that opened it: that is the same key doing its job.
    allowed = {(HelpScreen, "f1"), (HelpScreen, "question_mark")}
    app_keys = {key: action for key, action in bindings_of(GrowApp)}
    assert {"f1", "f8", "ctrl+q"} <= set(app_keys)
    clashes = [
        f"{cls.__module__}.{cls.__name__}: {key} -> {action} (app: {app_keys[key]})"
        for cls in ui_classes()
        if not issubclass(cls, App)
        for key, action in bindings_of(cls)
        if key in app_keys and action != app_keys[key] and (cls, key) not in allowed
    ]
    assert clashes == []
