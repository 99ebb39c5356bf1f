"""The pipeline's stage list as a team rule: its shape, its defaults and its checks.

The list is a setting (`pipeline.stages`, docs/pipeline.md) kept in the store like every
team rule, so it is checked where settings are checked: when `config set` or `stage ...`
writes it, when a rep's config file brings a `[[pipeline.stages]]` list, and when it is
read back. The rules that *use* stages (gates, skips, weights) are in domain/pipeline.py.

Each stage has a stable `key` (what deals and their history store, and what JSON shows)
and a `name` (what people read and type). Renaming changes the name only, so a deal's
history still reads right after a rename; a new stage takes its key from its name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

# What a gate may require when a deal enters a stage: a feedback note, or fields set.
GATE_ITEMS: tuple[str, ...] = ("note", "amount", "close_on", "product")
# The closed outcomes are not stages of the list: every deal may end in either.
CLOSED: tuple[str, ...] = ("won", "lost")
MAX_STAGES = 30
NAME_WIDTH = 40
# A stage name: letters (any script), digits, spaces and - _ . / &, starting with a letter or digit.
_NAME = re.compile(r"[^\W_][\w .&/-]*")


@dataclass(frozen=True, slots=True)
class Stage:
    key: str
    name: str
    probability: int  # the chance, 0-100, that a deal in this stage is won
    gate: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        """The stored and written form (JSON in the store, a TOML table in a file)."""
        out: dict[str, Any] = {"name": self.name, "probability": self.probability, "gate": list(self.gate)}
        if self.key != self.name:
            out = {"key": self.key} | out
        return out


DEFAULT_STAGES: tuple[Stage, ...] = (
    Stage("new", "new", 10),
    Stage("contacted", "contacted", 20, ("note",)),
    Stage("qualified", "qualified", 40, ("note",)),
    Stage("proposal", "proposal", 60, ("note", "amount", "close_on")),
    Stage("negotiation", "negotiation", 80, ("note", "amount", "close_on")),
)


class StageListError(ValueError):
    """Why a stage list cannot be used: `problem` is one of the codes below, `detail` the
    name, item or value at fault (shown in the message)."""

    def __init__(self, problem: str, detail: Any = None) -> None:
        super().__init__(problem, detail)
        self.problem = problem  # not_list | empty | too_many | not_table | bad_name | reserved | duplicate
        #                        bad_probability | bad_gate | bad_key | unknown_field
        self.detail = detail


def folded(text: str) -> str:
    """How names are compared: case and surrounding spaces do not count."""
    return " ".join(text.split()).casefold()


def clean_name(raw: Any) -> str:
    """A stage name as typed or read; StageListError when it cannot be one."""
    if not isinstance(raw, str):
        raise StageListError("bad_name", raw)
    name = " ".join(raw.split())
    if not name or len(name) > NAME_WIDTH or not _NAME.fullmatch(name):
        raise StageListError("bad_name", raw)
    if folded(name) in CLOSED:
        raise StageListError("reserved", name)
    return name


def clean_probability(raw: Any) -> int:
    if isinstance(raw, bool) or not isinstance(raw, int | str):
        raise StageListError("bad_probability", raw)
    text = str(raw).strip().removesuffix("%").strip()
    if not re.fullmatch(r"[0-9]{1,3}", text) or not 0 <= int(text) <= 100:
        raise StageListError("bad_probability", raw)
    return int(text)


def clean_gate(raw: Any) -> tuple[str, ...]:
    """A gate: a list of items (`["note", "amount"]`) or text (`note,amount`, `none`)."""
    if isinstance(raw, str):
        items: Iterable[Any] = [] if raw.strip().lower() in ("", "none", "-") else raw.replace("+", ",").split(",")
    elif isinstance(raw, list | tuple):
        items = raw
    else:
        raise StageListError("bad_gate", raw)
    gate: list[str] = []
    for item in items:
        if not isinstance(item, str) or item.strip().lower().replace("-", "_") not in GATE_ITEMS:
            raise StageListError("bad_gate", item)
        code = item.strip().lower().replace("-", "_")
        if code not in gate:
            gate.append(code)
    return tuple(sorted(gate, key=GATE_ITEMS.index))


def key_for(name: str, taken: Iterable[str]) -> str:
    """The key a new stage named `name` gets: the name itself (lowercased), made unique."""
    base = folded(name)
    used = {folded(k) for k in taken} | set(CLOSED)
    key, n = base, 2
    while key in used:
        key, n = f"{base}-{n}", n + 1
    return key


def parse_stages(raw: Any) -> tuple[Stage, ...]:
    """A checked stage list from the store's JSON, a TOML array of tables, or JSON text.

    Names and keys are unique (ignoring case) across the whole list, since a rep may type
    either; `won` and `lost` are outcomes, never stages."""
    if isinstance(raw, str):
        import json

        try:
            raw = json.loads(raw)
        except ValueError:
            raise StageListError("not_list", raw) from None
    if not isinstance(raw, list | tuple):
        raise StageListError("not_list", raw)
    if not raw:
        raise StageListError("empty")
    if len(raw) > MAX_STAGES:
        raise StageListError("too_many", len(raw))
    stages: list[Stage] = []
    seen: set[str] = set()
    for entry in raw:
        if isinstance(entry, Stage):
            entry = entry.as_dict()
        if not isinstance(entry, Mapping):
            raise StageListError("not_table", entry)
        unknown = sorted(set(entry) - {"key", "name", "probability", "gate"})
        if unknown:
            raise StageListError("unknown_field", unknown[0])
        if "name" not in entry:
            raise StageListError("bad_name", None)
        name = clean_name(entry["name"])
        key = entry.get("key", folded(name))
        if not isinstance(key, str) or not key.strip() or folded(key) != key or len(key) > NAME_WIDTH + 4:
            raise StageListError("bad_key", key)
        if key in CLOSED:
            raise StageListError("reserved", key)
        if "probability" not in entry:
            raise StageListError("bad_probability", None)
        probability = clean_probability(entry["probability"])
        gate = clean_gate(entry.get("gate", []))
        for word in {key, folded(name)}:
            if word in seen:
                raise StageListError("duplicate", name if word == folded(name) else key)
        seen |= {key, folded(name)}
        stages.append(Stage(key, name, probability, gate))
    return tuple(stages)


def dump_stages(stages: Iterable[Stage]) -> list[dict[str, Any]]:
    return [stage.as_dict() for stage in stages]
