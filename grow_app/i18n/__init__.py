"""The one translation mechanism for interface strings (Dutch first, English available).

Card text is never translated here: it is shown in the card's own language.
Usage: ``t("cli.session_created", id=...)``; a text with a number: ``tn("key", count)``, which
picks ``key_one`` or ``key_many``. Texts live in ``messages/<area>.py`` (``NL`` and
``EN`` dicts); all modules there are merged on first use.
"""

from __future__ import annotations

import os

SUPPORTED = ("nl", "en")
_language = "nl"


def set_language(lang: str | None) -> str:
    """Switch the interface language; unknown values fall back to Dutch."""
    global _language
    _language = lang if lang in SUPPORTED else "nl"
    return _language


def language() -> str:
    return _language


def language_from_env() -> str | None:
    value = os.environ.get("GROW_LANG", "").strip().lower()
    return value or None


_catalogs: dict[str, dict[str, str]] = {}


def area_modules() -> list[object]:
    import importlib

    from grow_app.i18n import messages

    # The modules beside messages/__init__.py, listed with os (pkgutil costs every start ~1 ms).
    names = sorted(
        {
            name.rsplit(".", 1)[0]
            for folder in messages.__path__
            for name in os.listdir(folder)
            if name.endswith(".py") and not name.startswith("_")
        }
    )
    return [importlib.import_module(f"{messages.__name__}.{name}") for name in names]


def _catalog(lang: str) -> dict[str, str]:
    if not _catalogs:
        nl: dict[str, str] = {}
        en: dict[str, str] = {}
        for module in area_modules():
            nl.update(module.NL)  # type: ignore[attr-defined]
            en.update(module.EN)  # type: ignore[attr-defined]
        _catalogs.update(nl=nl, en=en)
    return _catalogs["en" if lang == "en" else "nl"]


class _KeepMissing(dict):
    """A placeholder without a value stays visible instead of crashing the message."""

    def __missing__(self, name: str) -> str:
        return "{" + name + "}"


def t(key: str, /, **values: object) -> str:
    """The interface text for ``key`` in the current language, with ``values`` filled in.

    ``key`` is positional-only, so a placeholder may be called ``key`` too
    (``t("ui.help_quit", key="ctrl+q")``)."""
    catalog = _catalog(_language)
    template = catalog.get(key) or _catalog("nl").get(key) or key
    if not values:
        return template
    try:
        return template.format_map(_KeepMissing(values))
    except (IndexError, ValueError, AttributeError):  # a malformed template: show it as it is
        return template


def t_in(lang: str | None, key: str, /, **values: object) -> str:
    """``t`` in another language than the interface's (a document in its card's language);
    ``None``: the interface's."""
    if lang is None or lang == _language:
        return t(key, **values)
    saved = _language
    set_language(lang)
    try:
        return t(key, **values)
    finally:
        set_language(saved)


def plural(count: int, one: str, many: str) -> str:
    """``one`` for exactly one, ``many`` otherwise (also for 0: "0 sessies")."""
    return one if count == 1 else many


def tn(key: str, count: int, /, **values: object) -> str:
    """The text for ``key_one`` or ``key_many`` by ``count``, with ``count`` filled in.

    Dutch and English both have one singular form, so two keys per text are enough:
    ``tn("card.invalid_summary", 1)`` -> "1 kaartbestand met fouten."."""
    return t(plural(count, f"{key}_one", f"{key}_many"), count=count, **values)
