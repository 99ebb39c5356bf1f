"""The stage list in force and reading the stage a rep typed (docs/pipeline.md).

Every pipeline use case (deals, stage commands, reports, agenda sections) reads the team's
stages through `stages_in_force` inside its own transaction, like any team rule: a stage
a manager adds applies to every rep's next command.
"""

from __future__ import annotations

from salescli.core.errors import BadInputError
from salescli.core.stages import Stage
from salescli.domain.pipeline import closest_names, find_stage
from salescli.services.settings import team_rules
from salescli.store.engine import Session


def stages_in_force(session: Session) -> tuple[Stage, ...]:
    """The team's open stages, in order (the defaults when the team set none)."""
    return team_rules(session).get("pipeline.stages")


def resolve_stage(stages: tuple[Stage, ...], typed: str) -> Stage:
    """The stage named (or keyed) `typed`; an unknown one is refused (exit 2) with the
    closest names, or the whole list when none is close."""
    found = find_stage(stages, typed)
    if found is None:
        raise BadInputError("stage.unknown", value=typed, close=closest_names(stages, typed),
                            names=[stage.name for stage in stages])
    return found


def stage_names(stages: tuple[Stage, ...]) -> dict[str, str]:
    """key -> name, for showing stored stage keys (a key no longer listed shows as itself)."""
    return {stage.key: stage.name for stage in stages}
