"""What services return: plain dataclasses, each with one JSON form (docs/json.md).

The CLI prints `to_json()` for `--json` and draws the attributes otherwise; the
dashboard reads the attributes. Keys are stable snake_case; instants stay aware
`datetime`s and days stay `date`s until the JSON writer turns them into ISO 8601 text.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any, ClassVar, TypeVar, dataclass_transform

T = TypeVar("T")


@dataclass_transform()
def record(cls: type[T]) -> type[T]:
    """Make a result class a dataclass. Slotted, and without generated comparison
    methods: a command imports a dozen of these, and each generated method costs import
    time on every run (a frozen one about twice as much)."""
    return dataclass(slots=True, eq=False)(cls)


class Record:
    """Base of every result dataclass: `to_json()` maps its fields to their JSON values,
    nested records and lists of them included."""

    __slots__ = ()
    _json_names: ClassVar[dict[type, tuple[str, ...]]] = {}
    _getters: ClassVar[dict[type, Any]] = {}

    def to_json(self) -> dict[str, Any]:
        names = Record._json_names.get(type(self))
        if names is None:
            names = Record._json_names[type(self)] = tuple(f.name for f in fields(self))  # type: ignore[arg-type]
        # A streamed 100k-row listing calls this for every row: scalars skip `plain`.
        return {
            name: value if value.__class__ in _SCALARS else plain(value)
            for name in names
            for value in (getattr(self, name),)
        }


    def json_fields(self) -> dict[str, Any]:
        """The JSON form one level deep, for a JSON writer that turns nested records (and
        dates) itself: what streams a long listing fast. Same output as `to_json()`."""
        cls = type(self)
        if cls.to_json is not Record.to_json:
            return self.to_json()
        getter = Record._getters.get(cls)
        if getter is None:
            from operator import attrgetter

            names = tuple(f.name for f in fields(self))  # type: ignore[arg-type]
            getter = Record._getters[cls] = (names, attrgetter(*names))
        names, get = getter
        return dict(zip(names, get(self), strict=True))


_SCALARS = frozenset({str, int, float, bool, type(None)})


def plain(value: Any) -> Any:
    """A value as JSON sees it: records become objects, tuples lists; the rest as is."""
    if isinstance(value, Record):
        return value.to_json()
    if isinstance(value, list | tuple):
        return [item if item.__class__ in _SCALARS else plain(item) for item in value]
    return value
