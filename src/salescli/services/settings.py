"""Settings: personal ones in the rep's file, team rules in the store (docs/settings.md).

Team rules are read inside each operation's transaction with `team_rules(session)`: one
primary-key scan of a few rows, so a rule changed by a manager applies to the next command
of every rep (and to a dashboard left open). Changing a team rule in a shared store needs
a manager or admin and leaves a `setting_changes` row: who, when, old, new.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from datetime import datetime
from typing import Any

from salescli.core import config as config_file
from salescli.core.errors import BadInputError, Notice, RefusedError
from salescli.core.paths import config_path
from salescli.core.settings import SETTINGS, TEAM_KEYS, Setting, bad_value, setting
from salescli.domain.pool import GRADES, RecycleRules, pool_active, shortens
from salescli.services.context import Context
from salescli.services.identity import store_source
from salescli.services.records import Record, record
from salescli.store import locks
from salescli.store.engine import Session, describe
from salescli.store.queries import settings as queries
from salescli.store.queries import users as user_queries

# Not a setting anyone types: when the pool rules last came into force or had a threshold
# lowered (services/settings.py: watching_pool_rules), kept beside the team rules.
COUNTING_SINCE = "pool.counting_since"


class TeamRules:
    """The team rules as the store holds them, defaults for the rest. Each value is
    checked when first asked for, so a damaged row only stops what uses it."""

    def __init__(self, stored: dict[str, str]) -> None:
        self._stored = stored
        self._values: dict[str, Any] = {}

    def get(self, key: str) -> Any:
        if key in self._values:
            return self._values[key]
        declared = SETTINGS[key]
        if declared.scope != "team":
            raise KeyError(f"{key} is a personal setting: read it from Context.config")
        raw = self._stored.get(key)
        value = declared.default if raw is None else _load(declared, raw)
        self._values[key] = value
        return value

    def is_set(self, key: str) -> bool:
        return key in self._stored

    def stored(self, key: str) -> str | None:
        """The JSON text the store holds for `key`, unchecked."""
        return self._stored.get(key)

    def recycle_rules(self) -> RecycleRules:
        """The recycle thresholds, general and per grade (docs/pool.md)."""
        by_grade = {
            name: {g: v for g in GRADES if (v := self.get(f"pool.recycle_{name}_days_{g.lower()}")) is not None}
            for name in ("no_follow_up", "no_deal")
        }
        return RecycleRules(self.get("pool.recycle_no_follow_up_days"), self.get("pool.recycle_no_deal_days"),
                            by_grade["no_follow_up"], by_grade["no_deal"])

    def counting_since(self) -> datetime | None:
        """Since when the recycle countdowns count at the earliest (docs/pool.md); None: the
        rules never came into force through a command (a generated store's history)."""
        raw = self._stored.get(COUNTING_SINCE)
        if raw is None:
            return None
        try:
            return datetime.fromisoformat(json.loads(raw))
        except (ValueError, TypeError):
            raise RefusedError("setting.bad_stored_value", key=COUNTING_SINCE, value=raw,
                               setting=SETTINGS["pool.enabled"]) from None

    def forgotten_days(self) -> dict[str, int]:
        return {grade: self.get(f"forgotten.{grade.lower()}_days") for grade in ("A", "B", "C")}


def _load(declared: Setting, raw: str) -> Any:
    """A stored value, checked. A row someone edited by hand into something the rule cannot
    use refuses the commands that need that rule (exit 1, naming who can set it again),
    rather than guessing a value the team never chose."""
    try:
        return declared.load(raw)
    except (ValueError, TypeError):
        raise RefusedError("setting.bad_stored_value", key=declared.key, value=raw, setting=declared) from None


def team_rules(session: Session) -> TeamRules:
    return TeamRules(queries.stored_values(session))


def pool_rules_in_force(session: Session, rules: TeamRules) -> bool:
    enabled = rules.get("pool.enabled")
    if enabled is not None:
        return enabled
    return pool_active(None, user_queries.count_users(session, active_only=True))


# --------------------------------------------------------------------------- config show/get/set


@record
class SettingView(Record):
    """One setting as `config show` lists it. `source`: default, file, store, env (the value
    in force comes from SALESCLI_DB, SALESCLI_USER or SALESCLI_LANG), option (`--db` names
    the store), or invalid (a stored value the rule cannot use, shown as its raw JSON text)."""

    key: str
    value: Any
    default: Any
    scope: str  # personal | team
    source: str


@record
class SettingSaved(Record):
    key: str
    value: Any
    scope: str
    where: str  # the config file's path, or the store's location


@record
class SettingChangeView(Record):
    id: int
    key: str
    old_value: Any
    new_value: Any
    by: str | None
    at: datetime
    origin: str


# Personal settings an environment variable overrides: the variable `config show` names
# when a value's source is `env`. (store.url's is read by services/identity.py: store_source.)
ENVIRONMENT = {"store.url": "SALESCLI_DB", "user.handle": "SALESCLI_USER", "user.lang": "SALESCLI_LANG"}


def _personal_view(ctx: Context, key: str) -> SettingView:
    """`source` is default, file, or where the value in force comes from instead: `env`
    (SALESCLI_DB, SALESCLI_USER, SALESCLI_LANG) or `option` (--db)."""
    import os

    declared = SETTINGS[key]
    value = ctx.config.get(key)
    source = "file" if ctx.config.is_set(key) else "default"
    if key == "store.url":
        target, origin = store_source(ctx.config)
        if origin in ("env", "option"):
            value, source = target, origin
    elif key in ENVIRONMENT:
        raw = os.environ.get(ENVIRONMENT[key], "").strip()
        # A value the setting cannot use is not in force: the command warned (language) or refused (handle).
        with suppress(ValueError, TypeError):
            value, source = (declared.parse(raw), "env") if raw else (value, source)
    return SettingView(key, value, declared.default, "personal", source)


def _shown(declared: Setting, value: Any) -> Any:
    """A value in its JSON form: a stage list as the list of tables the store keeps."""
    if declared.kind == "stages" and isinstance(value, tuple):
        from salescli.core.stages import dump_stages

        return dump_stages(value)
    return value


def _team_view(rules: TeamRules, key: str) -> SettingView:
    declared = SETTINGS[key]
    default = _shown(declared, declared.default)
    try:
        value = rules.get(key)
    except RefusedError:  # shown as stored, so a manager sees what to fix
        return SettingView(key, rules.stored(key), default, "team", "invalid")
    return SettingView(key, _shown(declared, value), default, "team", "store" if rules.is_set(key) else "default")


def show_settings(ctx: Context) -> list[SettingView]:
    """Every setting, personal ones first, with where its value comes from."""
    personal = [_personal_view(ctx, key) for key, s in SETTINGS.items() if s.scope == "personal"]
    with ctx.session() as session:
        rules = team_rules(session)
        team = [_team_view(rules, key) for key in TEAM_KEYS]
    return personal + team


def get_setting(ctx: Context, key: str) -> SettingView:
    declared = setting(key)
    if declared.scope == "personal":
        return _personal_view(ctx, declared.key)
    with ctx.session() as session:
        return _team_view(team_rules(session), declared.key)


def set_setting(key: str, raw_value: str, context: Callable[[], Context]) -> SettingSaved:
    """Check and save one setting where it lives; a team rule needs a manager or admin
    once the store has a team, and the change is recorded. `context` is called only for a
    team rule: a personal setting is written without reading the rest of the file, so
    `config set` repairs a file whose other values are broken."""
    declared = setting(key)
    if declared.scope == "personal":
        path = config_path()
        value = config_file.set_value(declared.key, raw_value, path)
        return SettingSaved(declared.key, value, "personal", str(path))
    try:
        value = declared.parse(raw_value)
    except (ValueError, TypeError) as exc:
        raise _bad(declared, raw_value, exc) from None
    from salescli.services.access import require

    ctx = context()
    now = ctx.now()
    with ctx.session(write=True) as session:
        locks.hold(session, locks.setting(declared.key))
        who = require(session, ctx, "change_team_rules", action="change_team_rules")
        if declared.kind == "stages":  # a list that drops a stage holding open deals is refused
            from salescli.services.stages import check_new_list

            check_new_list(session, value)
        store_team_value(session, declared, value, at=now, by_id=who.id, origin="set")
    return SettingSaved(declared.key, _shown(declared, value), "team", describe(ctx.store.url))


def _bad(declared: Setting, raw: Any, exc: Exception) -> BadInputError:
    """The refusal of a value; a stage list's says what is wrong with it (StageListError)."""
    err = bad_value(declared.key, raw)
    problem = getattr(exc, "problem", None)
    if declared.kind == "stages" and problem is not None:
        err.params.update(problem=problem, detail=getattr(exc, "detail", None))
    return err


def store_team_value(session: Session, declared: Setting, value: Any, *, at: datetime, by_id: int | None,
                 origin: str) -> bool:
    """Write a team rule and its change record; False when it already held that value."""
    old = queries.stored_values(session).get(declared.key)
    new = None if value is None else declared.dump(value)
    if old == new:
        return False
    with watching_pool_rules(session, at, declared.key.startswith("pool.")):
        queries.put(session, declared.key, new, at=at, by_id=by_id)
    from salescli.store.queries import setting_changes

    setting_changes.record_change(session, key=declared.key, old=old, new=new, at=at, by_id=by_id, origin=origin)
    return True


@contextmanager
def watching_pool_rules(session: Session, at: datetime, relevant: bool = True) -> Iterator[None]:
    """Around a change that may bring the pool rules into force (a second active user,
    `pool.enabled`) or shorten a recycle threshold: afterwards every countdown starts at
    `at` at the earliest, so the rules never act retroactively (docs/pool.md)."""
    if not relevant:
        yield
        return
    before = team_rules(session)
    was = pool_rules_in_force(session, before)
    yield
    after = team_rules(session)
    if pool_rules_in_force(session, after) and (not was or shortens(before.recycle_rules(), after.recycle_rules())):
        queries.put(session, COUNTING_SINCE, json.dumps(at.isoformat()), at=at, by_id=None)


def setting_history(ctx: Context, key: str | None = None) -> list[SettingChangeView]:
    """Every change of a team rule (or of one), oldest first."""
    if key is not None:
        declared = setting(key)
        if declared.scope != "team":
            raise BadInputError("setting.not_team", key=declared.key)
        key = declared.key
    from salescli.store.queries import setting_changes

    with ctx.session() as session:
        rows = setting_changes.changes(session, key)
    return [
        SettingChangeView(c.id, c.key, _json_or_none(c.old_value), _json_or_none(c.new_value), c.by_handle, c.at,
                          c.origin)
        for c in rows
    ]


def _json_or_none(raw: str | None) -> Any:
    """A recorded value; a damaged one that was replaced is shown as the text it was."""
    import json

    if raw is None:
        return None
    try:
        return json.loads(raw)
    except ValueError:
        return raw


# --------------------------------------------------------------------------- team rules found in a file


def adopt_file_rules(ctx: Context, user_id: int) -> None:
    """Team rules found in the rep's config file: each moves into the store when the store
    holds no value for it yet and the rep may change team rules; otherwise the store's value
    stands. Either way the rule leaves the file (so this is said once), with a notice."""
    from salescli.domain.users import may

    found = dict(ctx.config.file_team_values)
    path = str(ctx.config.path)
    now = ctx.now()
    notices: list[Notice] = []
    with ctx.store.session(write=True) as session:  # called while identifying
        locks.hold(session, *(locks.setting(key) for key in found))
        stored = queries.stored_values(session)
        role_row = user_queries.role_and_active_count(session, user_id)
        allowed = role_row is not None and may(role_row[0], "change_team_rules", active_users=role_row[2])
        for key, raw in sorted(found.items()):
            declared = SETTINGS[key]
            try:
                value = declared.parse(raw)
            except (ValueError, TypeError) as exc:
                notices.append(Notice("settings.file_value_invalid", **(_bad(declared, raw, exc).params | {
                    "path": path, "key": key, "value": raw, "setting": declared})))
                continue
            if key in stored:
                try:
                    current = _load(declared, stored[key])
                except (RefusedError, BadInputError):
                    # A damaged rule in the store: the file's value does not repair it behind the
                    # team's back, and this command (like every later one) goes on.
                    notices.append(Notice("settings.file_value_unusable", path=path, key=key,
                                          store_value=stored[key]))
                    continue
                if current != value:
                    notices.append(Notice("settings.file_value_ignored", path=path, key=key, value=value,
                                          store_value=current))
                continue
            if allowed and declared.kind == "stages":
                from salescli.services.stages import check_new_list

                try:
                    check_new_list(session, value)
                except RefusedError as err:
                    notices.append(Notice("stage.file_list_refused", path=path, **err.params))
                    continue
            if allowed:
                store_team_value(session, declared, value, at=now, by_id=user_id, origin="file")
                notices.append(Notice("settings.file_value_moved", path=path, key=key, value=value))
            else:
                notices.append(
                    Notice("settings.file_value_ignored", path=path, key=key, value=value, store_value=declared.default)
                )
    try:
        config_file.remove_keys(sorted(found), ctx.config.path)
    except BadInputError as err:
        notices.append(Notice("settings.file_not_cleaned", path=path, problem=err.params.get("problem")))
    else:
        ctx.config.file_team_values.clear()
    for notice in notices:
        ctx.notify(notice)
