"""`@frozen` records behave as the frozen dataclasses they replaced on the start path: fields in
order or by name, defaults, equality, hashing, a readable repr, no assignment, __post_init__."""

from __future__ import annotations

from dataclasses import FrozenInstanceError

import pytest

from coach.errors import Problem
from coach.frozen import frozen
from coach.packs.index import Listed, Named, Summary


@frozen
class Point:
    x: int
    y: int = 0
    tags: tuple[str, ...] = ()


class Base:
    kind: str  # a plain base's annotation is not a field

    @property
    def doubled(self) -> int:
        return 2 * self.x  # type: ignore[attr-defined]


@frozen
class Child(Base):
    x: int


def test_fields_by_place_or_name_with_defaults() -> None:
    assert Point(1, 2).y == 2
    assert Point(x=3).y == 0 and Point(x=3).tags == ()
    assert Point(1, tags=("a",)).tags == ("a",)
    assert repr(Point(1, 2)) == "Point(x=1, y=2, tags=())"


def test_wrong_arguments_are_refused() -> None:
    with pytest.raises(TypeError, match="missing the field 'x'"):
        Point()  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="unexpected or repeated field 'z'"):
        Point(1, z=2)  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="unexpected or repeated field 'x'"):
        Point(1, x=2)  # type: ignore[misc]
    with pytest.raises(TypeError, match="takes 3 fields"):
        Point(1, 2, (), 4)  # type: ignore[call-arg]


def test_equal_by_fields_and_class_and_hashable() -> None:
    assert Point(1, 2) == Point(1, 2) and Point(1, 2) != Point(2, 1)
    assert hash(Point(1, 2)) == hash(Point(1, 2))
    assert len({Point(1, 2), Point(1, 2), Point(3)}) == 2
    assert Point(1) != Child(1)  # another class is never equal, even with the same values
    assert Point(1) != (1, 0, ())


def test_assignment_and_deletion_are_refused() -> None:
    point = Point(1)
    with pytest.raises(FrozenInstanceError):
        point.x = 2  # type: ignore[misc]
    with pytest.raises(FrozenInstanceError):
        del point.x  # type: ignore[misc]
    assert point.x == 1


def test_a_plain_base_gives_methods_not_fields() -> None:
    child = Child(4)
    assert child.doubled == 8
    assert repr(child) == "Child(x=4)"
    with pytest.raises(TypeError):
        Child(4, "kind")  # type: ignore[call-arg]


def test_a_mutable_default_is_refused_as_a_dataclass_would() -> None:
    with pytest.raises(TypeError, match="shared"):

        @frozen
        class Shared:
            items: list[int] = []  # noqa: RUF012


def test_post_init_runs_and_cleans_a_problem() -> None:
    problem = Problem("pack\x1b[31m.yaml", 3, "title\u202e", "too long " * 500)
    assert problem.file == "pack.yaml" and "\u202e" not in problem.field
    assert len(problem.message) <= 1000
    assert str(problem).startswith("pack.yaml:3: title")


def test_the_index_rows_compare_and_print_as_before() -> None:
    summary = Summary("a", "A", "grounding", "s", 3.0, ["when"], ["anywhere"])
    row = Listed("p/a", summary, Named("p"))
    assert row == Listed(
        "p/a", Summary("a", "A", "grounding", "s", 3.0, ["when"], ["anywhere"]), Named("p")
    )
    assert row.title == "A" and row.minutes == 3.0 and row.tags == ["anywhere"]
    assert summary.steps == ()
    assert repr(row).startswith("Listed(full_id='p/a', exercise=Summary(id='a'")
