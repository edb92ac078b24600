"""Records checked as plain dicts, for a quick import: each record model has a TypedDict twin
made from the model's own fields, so every limit still lives in one place (coach/records.py).

The twin takes exactly the records its model takes and gives back the document the model would
store (tests/unit/test_record_twins.py holds it to that), without building 20,000 model objects.
"""

from __future__ import annotations

from typing import Annotated, Any, NotRequired

from pydantic import ConfigDict, TypeAdapter, ValidationError
from typing_extensions import TypedDict

from coach.records import Card, Record, Session, check_extra_keys

Doc = dict[str, Any]

# the one check a record model makes beyond its fields; the twin makes it too (below)
_KNOWN_VALIDATORS = {"_only_x_extras"}

_TWINS: dict[type[Record], tuple[TypeAdapter[list[Doc]], frozenset[str], Any]] = {}


def twin(model: type[Record]) -> TypeAdapter[list[Doc]]:
    """A validator of a list of `model`'s records as plain dicts, built once from its fields."""
    return _twin(model)[0]


def _twin(model: type[Record]) -> tuple[TypeAdapter[list[Doc]], frozenset[str], Any]:
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
        _TWINS[model] = (adapter, frozenset(fields), shape)
    return _TWINS[model]


def checked_docs(model: type[Record], items: list[Doc]) -> list[Doc] | None:
    """Every item as the document its record stores, when all are valid records of `model`
    with distinct ids; None otherwise (the caller then says each problem, record by record)."""
    try:
        docs = _twin(model)[0].validate_python(items)
    except ValidationError:
        return None
    return docs if checked_extras(model, docs) else None


_EXPORT: list[TypeAdapter[Doc]] = []


def export_twin() -> TypeAdapter[Doc]:
    """A validator of a whole export file's JSON: its sessions and cards by their twins, any
    other key kept as it is (the importer checks those)."""
    if not _EXPORT:
        make: Any = TypedDict
        twins: dict[str, type[Record]] = {"sessions": Session, "cards": Card}
        fields = {name: NotRequired[list[_twin(m)[2]]] for name, m in twins.items()}  # type: ignore[misc]
        shape = make("ExportFields", fields)
        shape.__pydantic_config__ = ConfigDict(extra="allow", strict=True, allow_inf_nan=False)
        _EXPORT.append(TypeAdapter(shape))
    return _EXPORT[0]


def checked_extras(model: type[Record], docs: list[Doc]) -> bool:
    """Whether every checked document keeps only `x-` keys beyond its fields, bounded, and no
    two share an id (what `checked_docs` asks beyond the twin itself)."""
    fields = _twin(model)[1]
    width = len(fields)
    for doc in docs:
        if len(doc) != width:
            try:
                check_extra_keys({key: value for key, value in doc.items() if key not in fields})
            except ValueError:
                return False
    return len({doc["id"] for doc in docs}) == len(docs)
