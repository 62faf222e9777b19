"""User settings, kept as a small JSON file in the config folder."""

from __future__ import annotations

import json
import os
import tempfile

from pydantic import BaseModel, ConfigDict, ValidationError

from grow_app.paths import app_dirs


class Settings(BaseModel):
    model_config = ConfigDict(extra="ignore")

    language: str = "nl"
    """Interface language: 'nl' (default) or 'en'. ``--lang`` overrides it for one run."""

    projector: bool = False
    """Projector mode: high contrast, large and calm. Toggled in the app and remembered."""

    autosave_delay: float = 0.6
    """Seconds after typing pauses before an answer is written (must stay under 1 s)."""


def load_settings() -> Settings:
    path = app_dirs().settings_file
    try:
        return Settings.model_validate(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, ValidationError):
        return Settings()


def save_settings(settings: Settings) -> None:
    """Write atomically (temp file + rename) so a crash never leaves half a settings file."""
    path = app_dirs().settings_file
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".settings-", suffix=".json")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(settings.model_dump_json(indent=2))
    os.replace(tmp, path)
