"""Where grow keeps its files.

Everything goes through :func:`app_dirs`, so tests (and curious users) can move it all at once by
setting ``GROW_HOME``. Nothing here creates folders at import time.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "grow"


@dataclass(frozen=True)
class AppDirs:
    data: Path
    config: Path

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
        return AppDirs(data=root / "data", config=root / "config")
    import platformdirs

    return AppDirs(
        data=Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
        config=Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
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
