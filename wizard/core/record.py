"""Frozen value classes that cost nothing to define.

`technova-setup status` runs from cron on every site, every hour, and its start is most of
what it costs. The standard `dataclasses` module imports `inspect` (and with it `ast`, `dis`
and `tokenize`) and compiles four or five methods per class with `exec`: about 30 ms for the
classes `status` needs, more than Python's own start. `@record` makes the same frozen value
classes from methods written once, here:

- construction by position or keyword, defaults, `field(default_factory=…)`, `__post_init__`;
- equality and hashing over the compared fields, and a `repr` of the shown ones;
- assignment refused after construction (`FrozenRecordError`, an `AttributeError`);
- `replace(obj, **changes)` for a changed copy, `fields_of(cls)` for the field names.

The engine's value types are records; mutable state (the wizard's, the stand-ins') stays in
dataclasses, off the cron path. mypy reads `@record` as a frozen dataclass (PEP 681).

The modules `status` loads do not import `typing` when the program runs (~3 ms of `status`'s
start): they name `TYPE_CHECKING = False` themselves, which mypy and ruff read as
`typing.TYPE_CHECKING`, and import from `typing` under it. Here, `field`'s overloads and
`dataclass_transform` only tell the type checker something: at run time, `field` is its one
definition and `dataclass_transform` a stand-in that returns what it decorates.
"""

from __future__ import annotations

from collections.abc import Callable

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (see above)
if TYPE_CHECKING:
    from typing import Any, TypeVar, dataclass_transform, overload

    _T = TypeVar("_T")
else:

    def dataclass_transform(**_: object) -> Callable[[object], object]:
        return lambda decorated: decorated


_MISSING: Any = object()


class FrozenRecordError(AttributeError):
    """An attempt to change a record after it was made."""


class Field:
    """What `field()` says about one field; read by `@record` when the class is made."""

    __slots__ = ("compare", "default", "default_factory", "name", "repr")

    def __init__(self, default: Any, default_factory: Any, repr: bool, compare: bool) -> None:
        if default is not _MISSING and default_factory is not _MISSING:
            raise ValueError("cannot specify both default and default_factory")
        self.name = ""
        self.default = default
        self.default_factory = default_factory
        self.repr = repr
        self.compare = compare

    @property
    def required(self) -> bool:
        return self.default is _MISSING and self.default_factory is _MISSING


if TYPE_CHECKING:  # what each call returns, for the checker only

    @overload
    def field(*, default: _T, repr: bool = True, compare: bool = True) -> _T: ...
    @overload
    def field(
        *, default_factory: Callable[[], _T], repr: bool = True, compare: bool = True
    ) -> _T: ...
    @overload
    def field(*, repr: bool = True, compare: bool = True) -> Any: ...


def field(
    *,
    default: Any = _MISSING,
    default_factory: Any = _MISSING,
    repr: bool = True,
    compare: bool = True,
) -> Any:
    """A field with a default made fresh for each record, or left out of `repr` or `==`."""
    return Field(default, default_factory, repr, compare)


def _fields_from(cls: type) -> tuple[Field, ...]:
    # Not inspect.get_annotations: importing inspect is the cost this module avoids.
    annotations: dict[str, Any] = cls.__dict__.get("__annotations__", {})  # noqa: RUF063
    found: list[Field] = []
    for name, annotation in annotations.items():
        if "ClassVar" in str(annotation):
            continue
        value = cls.__dict__.get(name, _MISSING)
        spec = value if isinstance(value, Field) else Field(value, _MISSING, True, True)
        spec.name = name
        if isinstance(spec.default, list | dict | set):
            kind = type(spec.default).__name__
            raise ValueError(f"mutable default {kind} for field {name}: use default_factory")
        if spec.default is _MISSING:
            if name in cls.__dict__:
                delattr(cls, name)
        else:
            setattr(cls, name, spec.default)
        if spec.required and any(not earlier.required for earlier in found):
            raise TypeError(f"non-default argument {name!r} follows default argument")
        found.append(spec)
    return tuple(found)


def _defined_by(cls: type, name: str) -> bool:
    if name == "__hash__" and cls.__dict__.get(name, _MISSING) is None:
        return "__eq__" not in cls.__dict__  # None is what Python writes for a class's own __eq__
    return name in cls.__dict__


@dataclass_transform(frozen_default=True, field_specifiers=(field,))
def record(cls: type[_T]) -> type[_T]:
    """Make `cls` a frozen value class from its annotated fields (see the module's text)."""
    if any(hasattr(base, "__record_fields__") for base in cls.__mro__[1:]):
        raise TypeError("records do not inherit from records; compose them instead")
    fields = _fields_from(cls)
    names = tuple(spec.name for spec in fields)
    by_name = {spec.name: spec for spec in fields}
    shown = tuple(spec.name for spec in fields if spec.repr)
    compared = tuple(spec.name for spec in fields if spec.compare)
    title = cls.__qualname__
    set_value = object.__setattr__

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        if len(args) > len(names):
            raise TypeError(
                f"{title}() takes {len(names)} positional arguments but {len(args)} were given"
            )
        values = dict(zip(names, args, strict=False))
        for name, value in kwargs.items():
            if name not in by_name:
                raise TypeError(f"{title}() got an unexpected keyword argument {name!r}")
            if name in values:
                raise TypeError(f"{title}() got multiple values for argument {name!r}")
            values[name] = value
        for spec in fields:
            if spec.name in values:
                value = values[spec.name]
            elif spec.default is not _MISSING:
                value = spec.default
            elif spec.default_factory is not _MISSING:
                value = spec.default_factory()
            else:
                raise TypeError(f"{title}() missing required argument: {spec.name!r}")
            set_value(self, spec.name, value)
        post_init = getattr(self, "__post_init__", None)
        if post_init is not None:
            post_init()

    def __repr__(self: Any) -> str:
        inside = ", ".join(f"{name}={getattr(self, name)!r}" for name in shown)
        return f"{title}({inside})"

    def __eq__(self: Any, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        # Tuples, as dataclasses compare: `x is y` counts as equal (a NaN equals itself).
        mine = tuple(getattr(self, name) for name in compared)
        return mine == tuple(getattr(other, name) for name in compared)

    def __hash__(self: Any) -> int:
        return hash(tuple(getattr(self, name) for name in compared))

    def __setattr__(self: Any, name: str, value: object) -> None:
        raise FrozenRecordError(f"cannot assign to field {name!r} of {title}")

    def __delattr__(self: Any, name: str) -> None:
        raise FrozenRecordError(f"cannot delete field {name!r} of {title}")

    methods: dict[str, Any] = {
        "__init__": __init__,
        "__repr__": __repr__,
        "__eq__": __eq__,
        "__hash__": __hash__,
        "__setattr__": __setattr__,
        "__delattr__": __delattr__,
    }
    for name, method in methods.items():
        if _defined_by(cls, name):
            continue  # as with dataclasses, what the class writes itself wins
        method.__qualname__ = f"{title}.{name}"
        setattr(cls, name, method)
    extra: dict[str, object] = {"__record_fields__": fields, "__match_args__": names}
    for name, value in extra.items():
        setattr(cls, name, value)
    return cls


def fields_of(cls_or_record: object) -> tuple[str, ...]:
    """The field names of a record class or record, in their order."""
    fields: tuple[Field, ...] | None = getattr(cls_or_record, "__record_fields__", None)
    if fields is None:
        name = getattr(cls_or_record, "__name__", type(cls_or_record).__name__)
        raise TypeError(f"{name} is not a record")
    return tuple(spec.name for spec in fields)


def replace(obj: _T, /, **changes: Any) -> _T:
    """A copy of the record `obj` with some fields changed (and `__post_init__` run again)."""
    for name in fields_of(obj):
        changes.setdefault(name, getattr(obj, name))
    return obj.__class__(**changes)
