"""pydantic's validation errors in plain words: one shared mapping for cards and bundles.

pydantic reports a machine type (``missing``, ``string_type`` ...) and a field path; users get a
translated sentence and a readable path such as ``phases[1].sections[0].title``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from grow_app.i18n import t

# pydantic error type -> message key; callers add their own types on top.
COMMON_ERROR_TEXTS: Mapping[str, str] = {
    "missing": "card.err.missing",
    "extra_forbidden": "card.err.extra",
    "string_type": "card.err.string",
    "int_type": "card.err.int",
    "int_parsing": "card.err.int",
    "int_from_float": "card.err.int",
    "list_type": "card.err.list",
    "bool_type": "card.err.bool",
    "bool_parsing": "card.err.bool",
    "dict_type": "card.err.dict",
    "model_type": "card.err.dict",
    "model_attributes_type": "card.err.dict",
    "string_too_short": "card.err.too_short",
    "too_short": "card.err.too_short",
}


def format_path(loc: Iterable[str | int]) -> str:
    """``("phases", 1, "title")`` -> ``phases[1].title``."""
    text = ""
    for part in loc:
        if part == "[key]":  # pydantic's marker for a bad dict key: the key itself is named
            continue
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def error_text(error: Mapping, texts: Mapping[str, str] = COMMON_ERROR_TEXTS) -> str:
    """One translated sentence for one pydantic error (``texts`` maps error types to keys)."""
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    if kind == "literal_error":
        # pydantic joins the last choice with an English "or"; list the choices plainly.
        expected = str(ctx.get("expected", "")).replace(" or ", ", ")
        return t("card.err.literal", expected=expected)
    if kind in texts:
        return t(texts[kind], value=ctx.get("value", ""), limit=ctx.get("max_length", ""))
    return t("card.err.other", detail=error.get("msg", kind))
