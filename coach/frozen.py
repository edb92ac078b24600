"""Small frozen records for the types a warm start reads (the library index, home's summary,
the look): `@frozen` gives a class what `@dataclass(frozen=True)` would, without writing and
compiling six methods per class as Python 3.11's dataclasses do. Eleven of those cost 5-9 ms
of every start here (the start path's imports timed in fresh processes, with and without), a
tenth of what coach adds to the bare app's time to a filled home (benchmarks/startup.py).

What such a class has: an `__init__` taking the fields in order or by name (a field given a value
in the class body is optional), `__post_init__` called when the class has one, `__eq__` and
`__hash__` over the fields, a dataclass-like `__repr__`, and assignment refused with
`dataclasses.FrozenInstanceError`. Fields are the class's own annotations, in order; a base
class's annotations are not fields (as with a dataclass over a plain base). Type checkers
treat a record as a frozen dataclass (PEP 681)."""

from __future__ import annotations

from dataclasses import FrozenInstanceError
from typing import Any, TypeVar, dataclass_transform

T = TypeVar("T")


@dataclass_transform(frozen_default=True)
def frozen(cls: type[T]) -> type[T]:
    """Make `cls` a frozen record of its annotated fields."""
    names: tuple[str, ...] = tuple(cls.__dict__.get("__annotations__", {}))
    defaults = {name: cls.__dict__[name] for name in names if name in cls.__dict__}
    for name, value in defaults.items():
        if isinstance(value, list | dict | set):
            raise TypeError(f"{cls.__name__}.{name}: a mutable default would be shared")
    post_init = cls.__dict__.get("__post_init__")
    title = cls.__name__

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        if len(args) > len(names):
            raise TypeError(f"{title}() takes {len(names)} fields, {len(args)} were given")
        values = dict(zip(names, args, strict=False))
        for name, value in kwargs.items():
            if name not in names or name in values:
                raise TypeError(f"{title}() got an unexpected or repeated field {name!r}")
            values[name] = value
        if len(values) < len(names):
            for name in names:
                if name not in values:
                    if name not in defaults:
                        raise TypeError(f"{title}() is missing the field {name!r}")
                    values[name] = defaults[name]
        self.__dict__.update(values)
        if post_init is not None:
            post_init(self)

    def fields_of(self: Any) -> tuple[Any, ...]:
        return tuple(self.__dict__[name] for name in names)

    def __eq__(self: Any, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return bool(fields_of(self) == fields_of(other))

    def __hash__(self: Any) -> int:
        return hash(fields_of(self))

    def __repr__(self: Any) -> str:
        shown = ", ".join(f"{name}={self.__dict__[name]!r}" for name in names)
        return f"{self.__class__.__qualname__}({shown})"

    def __setattr__(self: Any, name: str, value: Any) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self: Any, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")

    for method in (__init__, __eq__, __hash__, __repr__, __setattr__, __delattr__):
        method.__qualname__ = f"{cls.__qualname__}.{method.__name__}"
        setattr(cls, method.__name__, method)
    setattr(cls, "__match_args__", names)  # noqa: B010 (mypy refuses the plain assignment)
    return cls
