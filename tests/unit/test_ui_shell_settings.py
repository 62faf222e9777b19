"""Settings: read on every start, so they must never fail and must keep what they do not know."""

from __future__ import annotations

import json

from grow_app.paths import app_dirs
from grow_app.settings import Settings, load_settings, save_settings


def test_defaults_without_a_file():
    settings = load_settings()
    assert (settings.language, settings.projector, settings.autosave_delay) == ("nl", False, 0.3)


def test_saved_values_come_back():
    save_settings(Settings(language="en", projector=True, autosave_delay=0.3))
    again = load_settings()
    assert (again.language, again.projector, again.autosave_delay) == ("en", True, 0.3)


def test_one_bad_value_does_not_lose_the_others():
    path = app_dirs().settings_file
    path.parent.mkdir(parents=True)
    path.write_text(
        json.dumps({"language": "fr", "projector": True, "autosave_delay": 5}), encoding="utf-8"
    )
    settings = load_settings()
    assert (settings.language, settings.projector, settings.autosave_delay) == ("nl", True, 0.3)


def test_a_broken_file_gives_defaults():
    path = app_dirs().settings_file
    path.parent.mkdir(parents=True)
    path.write_text("{niet af", encoding="utf-8")
    assert load_settings() == Settings()


def test_keys_from_a_newer_version_are_kept_on_save():
    path = app_dirs().settings_file
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"projector": False, "theme_size": "xl"}), encoding="utf-8")
    settings = load_settings()
    settings.projector = True
    save_settings(settings)
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved == {"theme_size": "xl", "language": "nl", "projector": True, "autosave_delay": 0.3}
