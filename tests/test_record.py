"""`@record` behaves as `@dataclass(frozen=True)` does for everything the engine uses, and the
cron path (`status`) loads neither `dataclasses` nor anything else it does not need."""

from __future__ import annotations

import copy
import dataclasses
import pickle
from typing import Any

import pytest

from wizard.core.record import FrozenRecordError, field, fields_of, record, replace


@record
class Point:
    x: int
    y: int = 0
    tags: tuple[str, ...] = ()


@dataclasses.dataclass(frozen=True)
class PointDC:
    x: int
    y: int = 0
    tags: tuple[str, ...] = ()


@record
class WithFactory:
    name: str
    items: list[int] = field(default_factory=list)
    hidden: str = field(default="s3cret", repr=False)
    noise: dict[str, int] = field(default_factory=dict, compare=False)


@dataclasses.dataclass(frozen=True)
class WithFactoryDC:
    name: str
    items: list[int] = dataclasses.field(default_factory=list)
    hidden: str = dataclasses.field(default="s3cret", repr=False)
    noise: dict[str, int] = dataclasses.field(default_factory=dict, compare=False)


@record
class Checked:
    low: int
    high: int

    def __post_init__(self) -> None:
        if self.low > self.high:
            raise ValueError("low above high")
        object.__setattr__(self, "span", self.high - self.low)


CALLS: list[tuple[tuple[Any, ...], dict[str, Any]]] = [
    ((1,), {}),
    ((1, 2), {}),
    ((1, 2, ("a",)), {}),
    ((), {"x": 1, "tags": ("b",)}),
    ((1,), {"y": 5}),
    ((), {}),  # missing x
    ((1, 2, (), 4), {}),  # too many
    ((1,), {"x": 2}),  # twice
    ((1,), {"z": 2}),  # unknown
]


def _outcome(cls: type, args: tuple[Any, ...], kwargs: dict[str, Any]) -> object:
    try:
        made = cls(*args, **kwargs)
    except TypeError:
        return TypeError
    return (made.x, made.y, made.tags)


@pytest.mark.parametrize(("args", "kwargs"), CALLS)
def test_construction_matches_a_frozen_dataclass(
    args: tuple[Any, ...], kwargs: dict[str, Any]
) -> None:
    assert _outcome(Point, args, kwargs) == _outcome(PointDC, args, kwargs)


def test_equality_hash_and_repr_match_a_frozen_dataclass() -> None:
    assert Point(1, 2) == Point(1, 2) and Point(1, 2) != Point(2, 1)
    assert hash(Point(1, 2, ("a",))) == hash(Point(1, 2, ("a",)))
    assert {Point(1), Point(1), Point(2)} == {Point(1), Point(2)}
    assert repr(Point(1, 2)) == repr(PointDC(1, 2)).replace("PointDC", "Point")
    assert Point(1) != PointDC(1)  # another class is never equal, as with dataclasses
    assert Point(1).__eq__(object()) is NotImplemented
    nan: Any = float("nan")
    assert Point(nan) == Point(nan) and PointDC(nan) == PointDC(nan)  # the same object


def test_fields_that_opt_out_of_repr_and_equality() -> None:
    a, b = WithFactory("a", noise={"x": 1}), WithFactory("a", noise={"y": 2})
    assert a == b  # `noise` is not compared
    assert "s3cret" not in repr(a)
    assert repr(a) == repr(WithFactoryDC("a", noise={"x": 1})).replace(
        "WithFactoryDC", "WithFactory"
    )
    assert a.items is not b.items  # a fresh list for each record


def test_assignment_and_deletion_are_refused_like_a_frozen_dataclass() -> None:
    point = Point(1)
    with pytest.raises(FrozenRecordError):
        point.x = 2  # type: ignore[misc]
    with pytest.raises(AttributeError):
        del point.x  # type: ignore[misc]
    assert point.x == 1


def test_post_init_checks_and_derives() -> None:
    assert Checked(1, 4).span == 3  # type: ignore[attr-defined]
    with pytest.raises(ValueError, match="low above high"):
        Checked(5, 1)
    with pytest.raises(ValueError, match="low above high"):
        replace(Checked(1, 4), low=9)  # a copy is checked again


def test_replace_copy_pickle_and_match() -> None:
    point = Point(1, 2, ("a",))
    assert replace(point, y=7) == Point(1, 7, ("a",)) and point.y == 2
    assert copy.copy(point) == point and copy.deepcopy(point) == point
    assert pickle.loads(pickle.dumps(point)) == point
    assert fields_of(Point) == fields_of(point) == ("x", "y", "tags")
    match point:
        case Point(1, y):
            assert y == 2
        case _:
            pytest.fail("positional match")
    with pytest.raises(TypeError, match="not a record"):
        fields_of(PointDC)


def test_definitions_a_dataclass_refuses_are_refused() -> None:
    with pytest.raises(ValueError, match="default_factory"):

        @record
        class Shared:
            items: list[int] = []  # noqa: RUF012 - the mistake under test

    with pytest.raises(TypeError, match="follows default"):

        @record
        class Order:
            a: int = 1
            b: int  # type: ignore[misc]

    with pytest.raises(ValueError, match="both"):
        field(default=1, default_factory=int)


def test_a_class_keeps_the_methods_it_writes_itself() -> None:
    @record
    class Masked:
        value: str

        def __repr__(self) -> str:
            return "Masked(…)"

    assert repr(Masked("sk-x")) == "Masked(…)"
    assert Masked("a") == Masked("a")
