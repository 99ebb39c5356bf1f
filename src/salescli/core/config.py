"""The TOML configuration: every threshold in SPEC with its default, typed and checked.

Settings are declared once in `SETTINGS`; `config show|get|set` and every rule read
from here, so a new area (pipeline stages, plan capacity) is one more declaration.
Unknown keys in the file are kept and ignored (a newer salescli may have written them);
a known key with a bad value is refused with the key and what is allowed.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from salescli.core.errors import BadInputError
from salescli.core.i18n import N_, _
from salescli.core.paths import config_path


@dataclass(frozen=True)
class Setting:
    key: str
    kind: str  # int | bool | auto_bool | str | choice | lang
    default: Any
    help: str  # marked with N_, translated when shown
    choices: tuple[str, ...] = ()
    minimum: int | None = None

    def allowed(self) -> str:
        if self.kind == "int":
            return _("a whole number of at least {minimum}").format(minimum=self.minimum or 0)
        if self.kind == "bool":
            return _("true or false")
        if self.kind == "auto_bool":
            return _("true, false or auto")
        if self.kind == "choice":
            return _("one of: {choices}").format(choices=", ".join(self.choices))
        if self.kind == "lang":
            from salescli.core.i18n import LANGUAGES

            return _("one of: {choices}").format(choices=", ".join(LANGUAGES)) + " " + _("(or empty for the locale)")
        return _("any text")

    def parse(self, raw: Any) -> Any:
        """Check a value from the file (typed) or the command line (text)."""
        if self.kind == "int":
            if isinstance(raw, bool):
                raise ValueError
            value = int(str(raw).strip()) if not isinstance(raw, int) else raw
            if self.minimum is not None and value < self.minimum:
                raise ValueError
            return value
        if self.kind in ("bool", "auto_bool"):
            if isinstance(raw, bool):
                return raw
            text = str(raw).strip().lower()
            if text in ("true", "yes", "on", "1"):
                return True
            if text in ("false", "no", "off", "0"):
                return False
            if self.kind == "auto_bool" and text in ("auto", ""):
                return None
            raise ValueError
        if self.kind == "lang":
            from salescli.core.i18n import normalize_language

            text = str(raw).strip()
            if not text:
                return ""
            code = normalize_language(text)
            if code is None:
                raise ValueError
            return code
        if self.kind == "choice":
            text = str(raw).strip()
            if text not in self.choices:
                raise ValueError
            return text
        if not isinstance(raw, str):
            raise ValueError
        return raw.strip()


def _s(key: str, kind: str, default: Any, help: str, **extra: Any) -> Setting:
    return Setting(key, kind, default, help, **extra)


SETTINGS: dict[str, Setting] = {
    s.key: s
    for s in [
        _s("user.handle", "str", "", N_("Acting user's handle (default: the OS user).")),
        _s("user.lang", "lang", "", N_("Interface language: en or zh_CN (empty: from the locale).")),
        _s("store.url", "str", "", N_("Database path or postgresql+psycopg:// URL.")),
        _s("store.busy_timeout_ms", "int", 5000,
           N_("How long SQLite waits for a lock held by another salescli."), minimum=0),
        _s("pool.enabled", "auto_bool", None,
           N_("Public pool rules: auto = on when the store has 2+ active users.")),
        _s("pool.max_owned", "int", 20, N_("Most customers one rep may own."), minimum=1),
        _s("pool.cap_counts_won", "bool", False,
           N_("Whether customers with a won deal count toward max_owned.")),
        _s("pool.claims_per_day", "int", 10, N_("Pool claims per rep per day."), minimum=0),
        _s("pool.max_locked", "int", 5, N_("Customers a rep may lock against recycling."),
           minimum=0),
        _s("pool.recycle_no_follow_up_days", "int", 15,
           N_("Days without a follow-up before a customer returns to the pool."), minimum=1),
        _s("pool.recycle_no_deal_days", "int", 30,
           N_("Days after a claim without a won deal before recycling."), minimum=1),
        _s("pool.warn_days", "int", 3, N_("Days of warning before recycling."), minimum=0),
        _s("pool.reclaim_cooldown_days", "int", 7,
           N_("Days before a rep may reclaim a customer they lost."), minimum=0),
        _s("forgotten.a_days", "int", 14, N_("Days without contact before an A customer is forgotten."), minimum=1),
        _s("forgotten.b_days", "int", 30, N_("Days without contact before a B customer is forgotten."), minimum=1),
        _s("forgotten.c_days", "int", 90, N_("Days without contact before a C customer is forgotten."), minimum=1),
        _s("pipeline.sales_cycle_days", "int", 42,
           N_("Days in one stage after which an open deal is stale."), minimum=1),
        _s("pipeline.currency", "str", "CNY", N_("Currency of deal amounts (ISO 4217).")),
        _s("plan.calls_per_day", "int", 8, N_("Calls planned per day."), minimum=0),
        _s("plan.visits_per_day", "int", 3, N_("Visits planned per day."), minimum=0),
        _s("plan.weekends", "bool", False, N_("Whether the week plan uses weekends.")),
        _s("import.default_region", "str", "CN",
           N_("Region whose country prefix is dropped from phone numbers.")),
    ]
}


def _bad_value(key: str, raw: Any) -> BadInputError:
    setting = SETTINGS[key]
    return BadInputError(
        _("Bad value {value!r} for {key}: expected {allowed}.").format(
            value=raw, key=key, allowed=setting.allowed()
        )
    )


def _not_a_table(area: str) -> str:
    return _("{area} must be a table ([{area}] with keys under it), not a single value.").format(area=area)


def unknown_key(key: str) -> BadInputError:
    from difflib import get_close_matches

    close = get_close_matches(key, list(SETTINGS), n=3)
    hint = (" " + _("Did you mean: {keys}?").format(keys=", ".join(close))) if close else ""
    return BadInputError(_("Unknown setting {key!r}.").format(key=key) + hint)


class Config:
    """Loaded settings: file values checked against `SETTINGS`, defaults for the rest."""

    def __init__(self, path: Path, raw: dict[str, Any]) -> None:
        self.path = path
        self.raw = raw
        self._values: dict[str, Any] = {}
        for area in sorted({key.split(".", 1)[0] for key in SETTINGS}):
            if area in raw and not isinstance(raw[area], dict):
                raise BadInputError(_("In {path}: {problem}").format(path=path, problem=_not_a_table(area)))
        for key, setting in SETTINGS.items():
            area, name = key.split(".", 1)
            section = raw.get(area)
            if isinstance(section, dict) and name in section:
                try:
                    self._values[key] = setting.parse(section[name])
                except (ValueError, TypeError):
                    err = _bad_value(key, section[name])
                    raise BadInputError(
                        _("In {path}: {problem}").format(path=path, problem=err.message)
                    ) from None

    def get(self, key: str) -> Any:
        if key not in SETTINGS:
            raise unknown_key(key)
        return self._values.get(key, SETTINGS[key].default)

    def is_set(self, key: str) -> bool:
        return key in self._values

    def __getitem__(self, key: str) -> Any:
        return self.get(key)


def read_raw(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        return {}
    except tomllib.TOMLDecodeError as exc:
        raise BadInputError(
            _("The config file {path} is not valid TOML: {problem}.").format(path=path, problem=exc)
        ) from None
    except OSError as exc:
        raise BadInputError(
            _("Cannot read the config file {path}: {problem}.").format(
                path=path, problem=exc.strerror
            )
        ) from None


def load(path: Path | None = None) -> Config:
    path = path or config_path()
    return Config(path, read_raw(path))


def set_value(key: str, raw_value: str, path: Path | None = None) -> Any:
    """Check and write one setting, keeping every other table of the file as it was."""
    import tomli_w

    if key not in SETTINGS:
        raise unknown_key(key)
    try:
        value = SETTINGS[key].parse(raw_value)
    except (ValueError, TypeError):
        raise _bad_value(key, raw_value) from None
    path = path or config_path()
    raw = read_raw(path)
    area, name = key.split(".", 1)
    section = raw.setdefault(area, {})
    if not isinstance(section, dict):
        raise BadInputError(_("In {path}: {problem}").format(path=path, problem=_not_a_table(area)))
    if value is None:
        section.pop(name, None)
    else:
        section[name] = value
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".toml.tmp")
        tmp.write_text(tomli_w.dumps(raw), encoding="utf-8")
        tmp.replace(path)
    except OSError as exc:
        raise BadInputError(
            _("Cannot write the config file {path}: {problem}.").format(
                path=path, problem=exc.strerror
            )
        ) from None
    return value


def forgotten_days(config: Config | None = None) -> dict[str, int]:
    """Days without contact before a customer of each grade is forgotten (the defaults
    when no config is given)."""
    def days(grade: str) -> int:
        key = f"forgotten.{grade.lower()}_days"
        return config.get(key) if config is not None else SETTINGS[key].default

    return {grade: days(grade) for grade in ("A", "B", "C")}


def display(value: Any) -> str:
    if value is None:
        return "auto"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
