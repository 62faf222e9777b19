"""Where grow keeps its files.

Everything goes through :func:`app_dirs`, so tests (and curious users) can move it all at once by
setting ``GROW_HOME``. Nothing here creates folders at import time.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import NamedTuple

APP_NAME = "grow"


class AppDirs(NamedTuple):
    data: Path
    config: Path
    cache: Path | None = None
    """What grow can make again (the checked cards): safe to delete."""

    @property
    def default_db(self) -> Path:
        return self.data / "grow.db"

    @property
    def user_cards(self) -> Path:
        return self.data / "cards"

    @property
    def settings_file(self) -> Path:
        return self.config / "settings.json"


def app_dirs() -> AppDirs:
    """The data and config folders: ``GROW_HOME`` if set, otherwise the platform's user folders."""
    home = os.environ.get("GROW_HOME")
    if home:
        root = Path(home).expanduser()
        return AppDirs(data=root / "data", config=root / "config", cache=root / "cache")
    if sys.platform.startswith("linux") and "ANDROID_ROOT" not in os.environ:
        return _xdg_dirs()
    import platformdirs

    return AppDirs(
        data=Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
        config=Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
        cache=Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)),
    )


def _xdg_dirs() -> AppDirs:
    """What platformdirs answers on Linux (the XDG base directories: an absolute
    ``$XDG_DATA_HOME`` etc., else ``~/.local/share``, ``~/.config``, ``~/.cache``), without
    importing it: every command asks for these folders, and platformdirs' import costs a
    listing command a tenth of a bare command-line program's start."""

    def base(variable: str, default: str) -> Path:
        value = os.environ.get(variable, "")
        return Path(value if os.path.isabs(value) else os.path.expanduser(default)) / APP_NAME

    return AppDirs(
        data=base("XDG_DATA_HOME", "~/.local/share"),
        config=base("XDG_CONFIG_HOME", "~/.config"),
        cache=base("XDG_CACHE_HOME", "~/.cache"),
    )


def builtin_cards_dir() -> Path:
    """The cards shipped with grow: inside the wheel, or ``cards/`` beside a source checkout."""
    package = Path(__file__).resolve().parent
    inside = package / "cards"
    return inside if inside.is_dir() else package.parent / "cards"


def resolve_db_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """``--db`` wins, then ``GROW_DB``, then the default file in the data folder."""
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get("GROW_DB")
    if env:
        return Path(env).expanduser()
    return app_dirs().default_db
