"""Card problems in plain words: what pydantic and the cross-field checks found, as one line
of the interface language each, with a hint where one helps.

- an unknown key gets "did you mean 'text'?" (and the missing 'text' it explains is not reported
  again), or the keys that may stand there;
- an item or member written as a plain string shows its table form ``{ key = …, text = … }``;
- a duplicate id or key, and a second actions question, name where the first one is.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from types import UnionType
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel

from grow_app.card.models import ReferenceProblem
from grow_app.card.schema import Card
from grow_app.card.toml_lines import line_of
from grow_app.i18n import t
from grow_app.text import suggest
from grow_app.validation_text import COMMON_ERROR_TEXTS, error_text, format_path

_CARD_ERROR_TEXTS = {
    **COMMON_ERROR_TEXTS,
    "string_pattern_mismatch": "card.err.pattern",
    "needs_items": "card.err.needs_items",
    "needs_dimension": "card.err.needs_dimension",
    "needs_grid": "card.err.needs_grid",
    "duplicate_id": "card.err.duplicate_id",
    "unknown_dimension": "card.err.unknown_dimension",
    "second_actions": "card.err.second_actions_short",
}


def error_message(error: Mapping[str, Any]) -> str:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    loc = error.get("loc") or ()
    if kind == "string_pattern_mismatch" and loc and loc[-1] == "language":
        return t("card.err.language")
    if kind in ("greater_than", "greater_than_equal"):
        return t("card.err.greater", limit=ctx.get("gt", ctx.get("ge", 0)))
    if kind == "extra_forbidden" and loc:
        return _unknown_field(str(loc[-1]), model_fields_at(loc[:-1]))
    if kind in ("model_type", "dict_type") and isinstance(error.get("input"), str):
        shape = _table_shape(model_at(loc), error["input"])
        if shape:
            return t("card.err.write_as_table", shape=shape)
    return error_text(error, _CARD_ERROR_TEXTS)


def _unknown_field(name: str, fields: list[str]) -> str:
    """'onbekend veld; bedoelt u 'text'?', or the fields that may stand there."""
    near = suggest(name, fields, limit=1)
    if near:
        return t("card.err.extra_near", name=near[0])
    if fields:
        return t("card.err.extra_fields", names=", ".join(fields))
    return t("card.err.extra")


def _slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[:40].strip("-") or "sleutel"


def _table_shape(model: type[BaseModel] | None, text: str) -> str | None:
    """How an item or member written as a plain string is written as a table."""
    if model is None or "key" not in model.model_fields:
        return None
    field = next((f for f in ("text", "label") if f in model.model_fields), None)
    if field is None:
        return None
    value = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'{{ key = "{_slug(text)}", {field} = "{value}" }}'


def _unwrap(annotation) -> tuple[type[BaseModel] | None, int]:
    """The model inside a field's type, and how many list/dict levels wrap it."""
    levels = 0
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation = get_args(annotation)[0]
        elif origin in (list, dict):
            annotation = get_args(annotation)[-1]
            levels += 1
        elif origin in (Union, UnionType):
            found = [a for a in get_args(annotation) if a is not type(None)]
            annotation = found[0] if len(found) == 1 else None
        else:
            break
    is_model = isinstance(annotation, type) and issubclass(annotation, BaseModel)
    return (annotation if is_model else None), levels


def model_at(loc: tuple) -> type[BaseModel] | None:
    """The card model that belongs at a pydantic location: ``("phases", 0)`` -> Phase."""
    model: type[BaseModel] | None = Card
    levels = 0
    for part in loc:
        if levels:
            levels -= 1  # a list index or a dict key
            continue
        if model is None or not isinstance(part, str) or part not in model.model_fields:
            return None
        model, levels = _unwrap(model.model_fields[part].annotation)
    return None if levels else model


def model_fields_at(loc: tuple) -> list[str]:
    model = model_at(loc)
    return list(model.model_fields) if model else []


def explained_by_unknown_field(errors: Sequence[Mapping[str, Any]]) -> set[int]:
    """Errors 'text is missing' that an unknown field next to it explains ('tekst': did you
    mean 'text'?): one line for one mistake."""
    drop: set[int] = set()
    for error in errors:
        loc = tuple(error.get("loc") or ())
        if error.get("type") != "extra_forbidden" or not loc:
            continue
        near = suggest(str(loc[-1]), model_fields_at(loc[:-1]), limit=1)
        for index, other in enumerate(errors):
            if (
                other.get("type") == "missing"
                and near
                and tuple(other["loc"]) == (*loc[:-1], near[0])
            ):
                drop.add(index)
    return drop


def reference_message(problem: ReferenceProblem, lines) -> str:
    """The message of a cross-field problem; where it points back (a duplicate id, a second
    actions question) it names the line and path of the first."""
    if problem.first is None:
        return t(f"card.err.{problem.kind}", value=problem.value)
    line = line_of(lines, problem.first)
    key = f"card.err.{problem.kind}_at" if line else f"card.err.{problem.kind}_in"
    return t(key, value=problem.value, line=line, first=format_path(problem.first))
