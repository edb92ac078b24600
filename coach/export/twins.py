"""Records checked as plain dicts, for a quick import: each record model has a TypedDict twin
made from the model's own fields, so every limit still lives in one place (coach/records.py).

The twin takes exactly the records its model takes and gives back the document the model would
store (tests/unit/test_record_twins.py holds it to that), without building 20,000 model objects.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import ConfigDict, TypeAdapter, ValidationError
from typing_extensions import TypedDict

from coach.records import Record, check_extra_keys

Doc = dict[str, Any]

# the one check a record model makes beyond its fields; the twin makes it too (below)
_KNOWN_VALIDATORS = {"_only_x_extras"}

_TWINS: dict[type[Record], tuple[TypeAdapter[list[Doc]], frozenset[str]]] = {}


def twin(model: type[Record]) -> TypeAdapter[list[Doc]]:
    """A validator of a list of `model`'s records as plain dicts, built once from its fields."""
    return _twin(model)[0]


def _twin(model: type[Record]) -> tuple[TypeAdapter[list[Doc]], frozenset[str]]:
    if model not in _TWINS:
        checks = model.__pydantic_decorators__
        others = (
            checks.validators,
            checks.field_validators,
            checks.root_validators,
            checks.field_serializers,
            checks.model_serializers,
            checks.computed_fields,
        )
        if set(checks.model_validators) != _KNOWN_VALIDATORS or any(others):
            raise TypeError(f"{model.__name__} has a check its twin would not make")
        fields: dict[str, Any] = {}
        for name, info in model.model_fields.items():
            if not info.is_required() or info.alias or info.validation_alias:
                raise TypeError(f"{model.__name__}.{name} is not a plain required field")
            meta = info.metadata
            fields[name] = Annotated[(info.annotation, *meta)] if meta else info.annotation
        make: Any = TypedDict  # a TypedDict named at run time
        shape = make(f"{model.__name__}Fields", fields)
        shape.__pydantic_config__ = ConfigDict(**{**model.model_config, "extra": "allow"})
        adapter: TypeAdapter[list[Doc]] = TypeAdapter(list[shape])  # type: ignore[valid-type]
        _TWINS[model] = (adapter, frozenset(fields))
    return _TWINS[model]


def checked_docs(model: type[Record], items: list[Doc]) -> list[Doc] | None:
    """Every item as the document its record stores, when all are valid records of `model`
    with distinct ids; None otherwise (the caller then says each problem, record by record)."""
    adapter, fields = _twin(model)
    try:
        docs = adapter.validate_python(items)
    except ValidationError:
        return None
    width = len(fields)
    for doc in docs:
        if len(doc) != width:  # keys beyond the fields: only x- ones, bounded, as the model says
            try:
                check_extra_keys({key: value for key, value in doc.items() if key not in fields})
            except ValueError:
                return None
    if len({doc["id"] for doc in docs}) != len(docs):
        return None
    return docs
