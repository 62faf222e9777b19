"""Rebuild a pydantic model from its own JSON dump without checking it again.

For data grow checked itself a moment (or a run) ago and kept aside as JSON: a card in the card
cache, a bundle waiting to be merged. ``model_construct`` at every level; a dump that does not
fit the model (a field it lacks, a required one missing) raises ``KeyError``, and the caller
then checks the source again.
"""

from __future__ import annotations

import types
import typing
from typing import Any, TypeVar

M = TypeVar("M")


def construct(model: type[M], data: dict[str, Any]) -> M:
    fields = model.model_fields  # type: ignore[attr-defined]
    if set(data) - set(fields) or any(f.is_required() and n not in data for n, f in fields.items()):
        raise KeyError(model.__name__)
    values = {
        name: _value(field.annotation, data[name]) for name, field in fields.items() if name in data
    }
    return model.model_construct(**values)  # type: ignore[attr-defined]


def _value(annotation: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        return _value(args[0], value)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in args if a is not type(None)]
        return _value(options[0], value) if len(options) == 1 else value
    if origin is list:
        return [_value(args[0], v) for v in value]
    if origin is dict:
        return {k: _value(args[1], v) for k, v in value.items()}
    if isinstance(annotation, type) and hasattr(annotation, "model_construct"):
        return construct(annotation, value)
    return value
