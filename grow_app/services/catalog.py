"""Which card folders grow reads, in order: built in, the user's folder, then ``--cards``."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from grow_app.errors import GrowError
from grow_app.i18n import t
from grow_app.paths import app_dirs, builtin_cards_dir

if TYPE_CHECKING:
    from grow_app.card.cache import CardIndex
    from grow_app.card.loader import CardCatalog


def card_folders(extra: Iterable[Path] = ()) -> list[Path]:
    folders = [builtin_cards_dir(), app_dirs().user_cards]
    for folder in extra:
        if not Path(folder).is_dir():
            raise GrowError(t("error.cards_dir_missing", path=folder))
        folders.append(Path(folder))
    return folders


def load_catalog(extra: Iterable[Path] = ()) -> CardCatalog:
    from grow_app.card.loader import CardCatalog

    return CardCatalog.load(card_folders(extra))


def load_card_index(extra: Iterable[Path] = ()) -> CardIndex:
    """What listings need of every card, without the pydantic models (see card/cache.py)."""
    from grow_app.card.cache import CardIndex

    return CardIndex.load(card_folders(extra))
