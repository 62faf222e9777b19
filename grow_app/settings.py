"""User settings, kept as a small JSON file in the config folder.

A plain dataclass rather than a pydantic model: settings are read on every start, before the
first screen is drawn, and importing pydantic costs more than the whole rest of the start-up
work. Each value is checked on its own, so one bad value falls back to its default without
throwing away the others; keys written by a newer grow are kept when the file is saved again.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field, fields

from grow_app.paths import app_dirs

LANGUAGES = ("nl", "en")


@dataclass
class Settings:
    language: str = "nl"
    """Interface language: 'nl' (default) or 'en'. ``--lang`` overrides it for one run."""

    projector: bool = False
    """Projector mode: high contrast, large and calm. Toggled in the app and remembered."""

    autosave_delay: float = 0.3
    """Seconds after typing pauses before an answer is written (must stay under 1 s)."""

    extra: dict[str, object] = field(default_factory=dict, repr=False)
    """Keys this version does not know (from a newer grow); written back unchanged."""

    @classmethod
    def from_dict(cls, data: object) -> Settings:
        settings = cls()
        if not isinstance(data, dict):
            return settings
        known = {f.name for f in fields(cls)} - {"extra"}
        settings.extra = {k: v for k, v in data.items() if k not in known}
        language = data.get("language")
        if language in LANGUAGES:
            settings.language = language
        if isinstance(data.get("projector"), bool):
            settings.projector = data["projector"]
        delay = data.get("autosave_delay")
        if isinstance(delay, int | float) and not isinstance(delay, bool) and 0 <= delay < 1:
            settings.autosave_delay = float(delay)
        return settings

    def to_dict(self) -> dict[str, object]:
        values = asdict(self)
        extra = values.pop("extra")
        return {**extra, **values}


def load_settings() -> Settings:
    """The saved settings; defaults when the file is missing or unreadable (never an error)."""
    path = app_dirs().settings_file
    try:
        return Settings.from_dict(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError):
        return Settings()


def save_settings(settings: Settings) -> None:
    """Write atomically (temp file + rename) so a crash never leaves half a settings file."""
    import tempfile  # only when saving: the start-up path stays light

    path = app_dirs().settings_file
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".settings-", suffix=".json")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(settings.to_dict(), handle, indent=2, ensure_ascii=False)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
