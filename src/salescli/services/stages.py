"""The pipeline's stage list: listing it with the open deals in each stage, and changing it
(`salescli stage add|rename|move|remove|set-probability|set-gate`).

The list is the team rule `pipeline.stages` (core/stages.py, docs/settings.md). Every
change goes the team-rule way: the permission check, the `setting:pipeline.stages` lock,
the new list computed from the one in force inside that transaction, checked as a whole
(core/stages.parse_stages) and written with a `setting_changes` row holding the old and
new JSON. A refused change writes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal

from salescli.core.errors import BadInputError, RefusedError
from salescli.core.settings import SETTINGS
from salescli.core.stages import (
    Stage,
    StageListError,
    clean_gate,
    clean_name,
    clean_probability,
    dump_stages,
    key_for,
    parse_stages,
)
from salescli.domain.pipeline import find_stage, from_cents
from salescli.services.context import Context
from salescli.services.pipeline import resolve_stage, stages_in_force
from salescli.services.records import Record, record
from salescli.services.settings import team_rules
from salescli.store.engine import Session

KEY = "pipeline.stages"
# How `config history` says a change came from a stage command.
ORIGIN = "stage"


@record
class StageView(Record):
    position: int | None  # None: a key the list no longer has, where open deals still are
    key: str
    name: str | None
    probability: int
    gate: list[str]
    open_deals: int
    open_amount: Decimal


@record
class OutsideStage(Record):
    """Open deals in a stage key the list no longer has (a hand-edited store)."""

    key: str
    open_deals: int
    open_amount: Decimal


@record
class StageListing(Record):
    stages: list[StageView]
    not_in_list: list[OutsideStage]
    currency: str

    def rows(self) -> list[StageView]:
        """One list for `--json`: the stages in order, then any key no longer listed that
        still holds open deals (position and name null, probability 0)."""
        return self.stages + [StageView(None, o.key, None, 0, [], o.open_deals, o.open_amount)
                              for o in self.not_in_list]


@record
class StageChanged(Record):
    """What a stage command did: the stage it changed (None for a removal's result) and the
    list now in force."""

    action: str  # add | rename | move | remove | set_probability | set_gate
    stage: StageView
    old_name: str | None
    stages: list[StageView]
    changed: bool  # False: the list already was so; nothing was recorded


def stage_error(err: StageListError) -> BadInputError:
    """A problem of a stage list as the `stage.*` error a rep reads (exit 2)."""
    return BadInputError(f"stage.{err.problem}", detail=err.detail)


def _views(stages: tuple[Stage, ...], counts: dict[str, tuple[int, int]]) -> list[StageView]:
    return [
        StageView(i, s.key, s.name, s.probability, list(s.gate), counts.get(s.key, (0, 0))[0],
                  from_cents(counts.get(s.key, (0, 0))[1]) or Decimal("0.00"))
        for i, s in enumerate(stages, start=1)
    ]


def list_stages(ctx: Context) -> StageListing:
    """The stages in force with the open deals in each; open deals in a stage the list does
    not have (a hand-edited store) are listed apart, so a manager sees what to fix."""
    from salescli.store.queries import stages as queries

    with ctx.session() as session:
        rules = team_rules(session)
        stages = rules.get(KEY)
        currency = rules.get("pipeline.currency")
        counts = queries.open_deals_by_stage(session)
    keys = {s.key for s in stages}
    outside = [OutsideStage(key, n, from_cents(cents) or Decimal("0.00"))
               for key, (n, cents) in sorted(counts.items()) if key not in keys]
    return StageListing(_views(stages, counts), outside, currency)


def stages_for_export(ctx: Context) -> tuple[Stage, ...]:
    with ctx.session() as session:
        return stages_in_force(session)


# --------------------------------------------------------------------------- checks shared with config set


def open_deals_left_out(session: Session, old: tuple[Stage, ...], new: tuple[Stage, ...]) -> None:
    """Refuse (exit 1) a list that drops a stage open deals are in, naming it and the count.

    Only stages of the list in force count: a key a hand-edited store already lost is shown
    by `stage list` and does not block unrelated changes."""
    from salescli.store.queries import stages as queries

    kept = {s.key for s in new}
    dropped = [s for s in old if s.key not in kept]
    if not dropped:
        return
    counts = queries.open_deals_in(session, [s.key for s in dropped])
    for stage in dropped:
        if counts.get(stage.key):
            raise RefusedError("stage.open_deals_left", key=stage.key, name=stage.name, count=counts[stage.key])


def check_new_list(session: Session, new: tuple[Stage, ...]) -> None:
    """For `config set pipeline.stages` and a list adopted from a file: the list in force
    (the default when the store's row cannot be read) must not lose a stage with open deals."""
    try:
        old = team_rules(session).get(KEY)
    except (RefusedError, BadInputError):
        old = ()
    open_deals_left_out(session, old, new)


# --------------------------------------------------------------------------- changes


def _cleaned(fn: Callable[[], object]) -> object:
    try:
        return fn()
    except StageListError as err:
        raise stage_error(err) from None


def _change(ctx: Context, edit: Callable[[Session, tuple[Stage, ...]], tuple[tuple[Stage, ...], str]],
            action: str, old_name: str | None = None) -> StageChanged:
    """Apply `edit` (current list -> new list, key of the stage it concerns) to the list in
    force, check the result as a whole, and store it the team-rule way."""
    from salescli.services.access import require
    from salescli.services.settings import store_team_value
    from salescli.store import locks
    from salescli.store.queries import stages as queries

    now = ctx.now()
    with ctx.session(write=True) as session:
        locks.hold(session, locks.setting(KEY))
        who = require(session, ctx, "change_team_rules", action="change_team_rules")
        current = team_rules(session).get(KEY)
        edited, key = edit(session, current)
        try:
            new = parse_stages(dump_stages(edited))
        except StageListError as err:
            raise stage_error(err) from None
        open_deals_left_out(session, current, new)
        changed = store_team_value(session, SETTINGS[KEY], new, at=now, by_id=who.id, origin=ORIGIN)
        views = _views(new, queries.open_deals_by_stage(session))
    found = next((v for v in views if v.key == key), None)
    if found is None:  # removed: the stage as it was
        old = next(s for s in current if s.key == key)
        found = StageView(0, old.key, old.name, old.probability, list(old.gate), 0, Decimal("0.00"))
    return StageChanged(action, found, old_name, views, changed)


def _place(stages: list[Stage], after: str | None, before: str | None, to: int | None) -> int:
    """The index a stage goes to in `stages` (the list without it)."""
    if sum(x is not None for x in (after, before, to)) > 1:
        raise BadInputError("stage.one_place")
    if after is not None:
        return stages.index(resolve_stage(tuple(stages), after)) + 1
    if before is not None:
        return stages.index(resolve_stage(tuple(stages), before))
    if to is not None:
        if not 1 <= to <= len(stages) + 1:
            raise BadInputError("stage.bad_position", position=to, count=len(stages) + 1)
        return to - 1
    return len(stages)


def add_stage(ctx: Context, name: str, probability: str | int, gate: str | None = None, *,
              after: str | None = None, before: str | None = None) -> StageChanged:
    name = _cleaned(lambda: clean_name(name))  # type: ignore[assignment]
    chance = _cleaned(lambda: clean_probability(probability))
    items = _cleaned(lambda: clean_gate(gate or ""))
    if after is not None and before is not None:
        raise BadInputError("stage.one_place")

    def edit(session: Session, current: tuple[Stage, ...]) -> tuple[tuple[Stage, ...], str]:
        if find_stage(current, name) is not None:
            raise BadInputError("stage.duplicate", detail=name)
        stage = Stage(key_for(name, [s.key for s in current]), name, chance, items)  # type: ignore[arg-type]
        stages = list(current)
        stages.insert(_place(stages, after, before, None), stage)
        return tuple(stages), stage.key

    return _change(ctx, edit, "add")


def rename_stage(ctx: Context, typed: str, new_name: str) -> StageChanged:
    name = _cleaned(lambda: clean_name(new_name))
    old_name: list[str] = []

    def edit(session: Session, current: tuple[Stage, ...]) -> tuple[tuple[Stage, ...], str]:
        stage = resolve_stage(current, typed)
        old_name.append(stage.name)
        return tuple(replace(s, name=name) if s.key == stage.key else s for s in current), stage.key  # type: ignore[arg-type]

    result = _change(ctx, edit, "rename")
    result.old_name = old_name[0]
    return result


def move_stage(ctx: Context, typed: str, *, after: str | None = None, before: str | None = None,
               to: int | None = None) -> StageChanged:
    if (after, before, to) == (None, None, None):
        raise BadInputError("stage.place_required")
    if sum(x is not None for x in (after, before, to)) > 1:
        raise BadInputError("stage.one_place")

    def edit(session: Session, current: tuple[Stage, ...]) -> tuple[tuple[Stage, ...], str]:
        stage = resolve_stage(current, typed)
        for other in (after, before):
            if other is not None and resolve_stage(current, other) == stage:
                raise BadInputError("stage.beside_itself", name=stage.name)
        if to is not None and not 1 <= to <= len(current):
            raise BadInputError("stage.bad_position", position=to, count=len(current))
        stages = [s for s in current if s.key != stage.key]
        stages.insert(_place(stages, after, before, to), stage)
        return tuple(stages), stage.key

    return _change(ctx, edit, "move")


def remove_stage(ctx: Context, typed: str) -> StageChanged:
    def edit(session: Session, current: tuple[Stage, ...]) -> tuple[tuple[Stage, ...], str]:
        from salescli.store.queries import stages as queries

        stage = resolve_stage(current, typed)
        if len(current) == 1:
            raise RefusedError("stage.last", name=stage.name, key=stage.key)
        count = queries.open_deals_in(session, [stage.key]).get(stage.key, 0)
        if count:
            raise RefusedError("stage.has_open_deals", name=stage.name, key=stage.key, count=count)
        return tuple(s for s in current if s.key != stage.key), stage.key

    return _change(ctx, edit, "remove")


def set_probability(ctx: Context, typed: str, probability: str | int) -> StageChanged:
    chance = _cleaned(lambda: clean_probability(probability))

    def edit(session: Session, current: tuple[Stage, ...]) -> tuple[tuple[Stage, ...], str]:
        stage = resolve_stage(current, typed)
        return tuple(replace(s, probability=chance) if s.key == stage.key else s for s in current), stage.key  # type: ignore[arg-type]

    return _change(ctx, edit, "set_probability")


def set_gate(ctx: Context, typed: str, items: str) -> StageChanged:
    gate = _cleaned(lambda: clean_gate(items))

    def edit(session: Session, current: tuple[Stage, ...]) -> tuple[tuple[Stage, ...], str]:
        stage = resolve_stage(current, typed)
        return tuple(replace(s, gate=gate) if s.key == stage.key else s for s in current), stage.key  # type: ignore[arg-type]

    return _change(ctx, edit, "set_gate")
