"""The one translation mechanism for interface strings (Dutch first, English available).

Card text is never translated here: it is shown in the card's own language.
Usage: ``t("cli.session_created", id=...)``; a text with a number: ``tn("key", count)``, which
picks ``key_one`` or ``key_many``. Texts live in ``messages/<area>.py`` (``NL`` and
``EN`` dicts); a module is loaded when a text of its key prefixes is first asked for
(``AREAS_BY_PREFIX``).
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


_catalogs: dict[str, dict[str, str]] = {"nl": {}, "en": {}}
_loaded: set[str] = set()
_all_loaded = False

AREAS_BY_PREFIX: dict[str, tuple[str, ...]] = {
    "action": ("core",),
    "bundle": ("compare",),
    "card": ("core",),
    "cli": ("core",),
    "col": ("core",),
    "command": ("commands",),
    "compare": ("compare",),
    "db": ("core",),
    "demo": ("compare",),
    "error": ("core",),
    "export": ("export",),
    "import": ("compare",),
    "join": ("join", "live"),
    "kind": ("core",),
    "oserror": ("core",),
    "recovery": ("live",),
    "reliability": ("reliability",),
    "serve": ("serve",),
    "session": ("ui_session", "live"),
    "status": ("core",),
    "ui": ("ui", "live"),
    "when": ("when",),
    "writer": ("writer",),
}
"""Which modules of ``messages/`` hold the texts of each key prefix (the part before the first
dot): a text loads only those. Importing all of them (eleven then) took ~4 ms, of every command and of
``grow open``'s first frame. A key found nowhere there loads the rest, so a key added elsewhere
is still found (slower); ``tests/unit/test_i18n_catalogs.py`` keeps this table complete."""


def area_names() -> list[str]:
    """The modules beside messages/__init__.py, listed with os (pkgutil costs every start ~1 ms)."""
    from grow_app.i18n import messages

    return sorted(
        {
            name.rsplit(".", 1)[0]
            for folder in messages.__path__
            for name in os.listdir(folder)
            if name.endswith(".py") and not name.startswith("_")
        }
    )


def _module(area: str) -> object:
    import importlib

    return importlib.import_module(f"{__name__}.messages.{area}")


def area_modules() -> list[object]:
    return [_module(name) for name in area_names()]


def _load(areas: list[str] | tuple[str, ...]) -> None:
    for area in areas:
        if area not in _loaded:
            module = _module(area)
            _catalogs["nl"].update(module.NL)  # type: ignore[attr-defined]
            _catalogs["en"].update(module.EN)  # type: ignore[attr-defined]
            _loaded.add(area)


def _lookup(key: str, lang: str) -> str | None:
    return _catalogs["en" if lang == "en" else "nl"].get(key) or _catalogs["nl"].get(key)


def _template(key: str, lang: str) -> str | None:
    """The text of ``key`` in ``lang`` (else Dutch), loading the modules that may hold it: those
    of its prefix first, then (once) all of them."""
    global _all_loaded
    found = _lookup(key, lang)
    if found is None:
        _load(AREAS_BY_PREFIX.get(key.split(".", 1)[0], ()))
        found = _lookup(key, lang)
    if found is None and not _all_loaded:
        _load(area_names())
        _all_loaded = True
        found = _lookup(key, lang)
    return found


class _KeepMissing(dict):
    """A placeholder without a value stays visible instead of crashing the message."""

    def __missing__(self, name: str) -> str:
        return "{" + name + "}"


def t(key: str, /, **values: object) -> str:
    """The interface text for ``key`` in the current language, with ``values`` filled in.

    ``key`` is positional-only, so a placeholder may be called ``key`` too
    (``t("ui.help_quit", key="ctrl+q")``)."""
    return _filled(_template(key, _language) or key, values)


def t_in(lang: str | None, key: str, /, **values: object) -> str:
    """``t`` in another language than the interface's (a document in its card's language);
    ``None``: the interface's. The interface's language is left alone: a document made in a
    worker thread never changes what the screen shows meanwhile."""
    return _filled(_template(key, lang or _language) or key, values)


def _filled(template: str, values: dict[str, object]) -> str:
    if not values:
        return template
    try:
        return template.format_map(_KeepMissing(values))
    except (IndexError, ValueError, AttributeError):  # a malformed template: show it as it is
        return template


def plural(count: int, one: str, many: str) -> str:
    """``one`` for exactly one, ``many`` otherwise (also for 0: "0 sessies")."""
    return one if count == 1 else many


def tn(key: str, count: int, /, **values: object) -> str:
    """The text for ``key_one`` or ``key_many`` by ``count``, with ``count`` filled in.

    Dutch and English both have one singular form, so two keys per text are enough:
    ``tn("card.invalid_summary", 1)`` -> "1 kaartbestand met fouten."."""
    return tn_in(None, key, count, **values)


def tn_in(lang: str | None, key: str, count: int, /, **values: object) -> str:
    """``tn`` in ``lang`` (``None``: the interface's), as :func:`t_in`."""
    return t_in(lang, plural(count, f"{key}_one", f"{key}_many"), count=count, **values)
