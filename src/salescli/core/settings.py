"""Every setting, declared once: its key, type, bounds, default, and where it lives.

Two places hold values (docs/settings.md). *Personal* settings (who you are, your
language, which store) live in your TOML file. *Team* rules (pool caps and recycling,
forgotten thresholds, the pipeline, the plan, the phone region) live in the store, the
same for every rep, and only a manager or admin changes them once a team shares the store.
Both are checked by the same `Setting.parse`, on `config set` and when read back.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from salescli.core.errors import BadInputError
from salescli.core.i18n import N_
from salescli.core.paths import unsupported_scheme
from salescli.core.stages import DEFAULT_STAGES, dump_stages, parse_stages

Scope = Literal["personal", "team"]


@dataclass(frozen=True)
class Setting:
    key: str
    # int | opt_int (None: unset) | bool | auto_bool | str | choice | lang | zone | handle | store_url | currency
    # | region | stages
    kind: str
    default: Any
    help: str  # marked with N_, translated when shown
    scope: Scope = "team"
    choices: tuple[str, ...] = ()
    minimum: int | None = None
    maximum: int | None = None

    @property
    def area(self) -> str:
        return self.key.split(".", 1)[0]

    @property
    def name(self) -> str:
        return self.key.split(".", 1)[1]

    def parse(self, raw: Any) -> Any:
        """The checked value of `raw`, typed (from TOML or the store) or text (typed by a
        rep); ValueError when it is not allowed. None means "the default" (auto)."""
        if self.kind == "opt_int" and (raw is None or str(raw).strip().lower() in ("", "none", "default")):
            return None  # unset: the general value applies
        if self.kind in ("int", "opt_int"):
            if isinstance(raw, bool | float) or not isinstance(raw, int | str):
                raise ValueError(raw)
            text = raw if isinstance(raw, int) else str(raw).strip()
            if isinstance(text, str) and not _WHOLE.fullmatch(text):
                raise ValueError(raw)  # not "1e3", "٣", "1_0" or 5,000 digits: what int() would take
            value = int(text)
            if self.minimum is not None and value < self.minimum:
                raise ValueError(raw)
            if self.maximum is not None and value > self.maximum:
                raise ValueError(raw)
            return value
        if self.kind == "stages":
            return parse_stages(raw)  # a StageListError (a ValueError) says what is wrong
        if self.kind in ("bool", "auto_bool"):
            if isinstance(raw, bool):
                return raw
            if self.kind == "auto_bool" and raw is None:
                return None
            text = str(raw).strip().lower()
            if text in ("true", "yes", "on", "1"):
                return True
            if text in ("false", "no", "off", "0"):
                return False
            if self.kind == "auto_bool" and text in ("auto", ""):
                return None
            raise ValueError(raw)
        if not isinstance(raw, str):
            raise ValueError(raw)
        if self.kind == "lang":
            from salescli.core.i18n import normalize_language

            text = raw.strip()
            if not text:
                return ""
            code = normalize_language(text)
            if code is None:
                raise ValueError(raw)
            return code
        if self.kind == "choice":
            text = raw.strip()
            if text not in self.choices:
                raise ValueError(raw)
            return text
        if self.kind in _CHECKED_TEXT:
            normalize, valid, empty_ok = _CHECKED_TEXT[self.kind]
            text = normalize(raw.strip())
            if not (empty_ok and not text) and not valid(text):
                raise ValueError(raw)
            return text
        return raw.strip()

    def dump(self, value: Any) -> str:
        """The JSON the store keeps for a checked value."""
        if self.kind == "stages":
            value = dump_stages(value)
        return json.dumps(value, ensure_ascii=False)

    def load(self, stored: str) -> Any:
        """A value read back from the store, checked again (a hand-edited row may be wrong)."""
        return self.parse(json.loads(stored))


def valid_zone(name: str) -> bool:
    """Whether `name` is an IANA zone this machine knows (Asia/Shanghai, UTC, ...)."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True


# A whole number as a rep types it: an optional sign and ASCII digits (18 at most, so
# nothing near 2**63 reaches a store).
_WHOLE = re.compile(r"[+-]?[0-9]{1,18}")

# A user's handle; domain/users.py checks handles with this same rule.
HANDLE = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}$")
# Common values checked without loading Babel's data (~30 ms) on every command.
_COMMON_CURRENCIES = frozenset({"CNY", "USD", "EUR", "HKD", "JPY", "GBP", "SGD", "TWD", "KRW", "AUD", "CAD"})
_COMMON_REGIONS = frozenset({"CN", "US", "GB", "DE", "JP", "SG", "HK", "TW", "MO", "KR", "FR", "AU", "CA"})
# Babel territories that are not one region a phone number belongs to.
_NOT_REGIONS = frozenset({"ZZ", "EU", "EZ", "UN", "QO"})


def valid_store_address(text: str) -> bool:
    """A file path, or an address in one of core/paths.py's SUPPORTED_SCHEMES."""
    return "\x00" not in text and unsupported_scheme(text) is None


def valid_currency(code: str) -> bool:
    """An ISO 4217 code Babel knows (CNY, USD, EUR ...)."""
    if code in _COMMON_CURRENCIES:
        return True
    if not re.fullmatch(r"[A-Z]{3}", code):
        return False
    from babel.numbers import list_currencies

    return code in list_currencies()


def valid_region(code: str) -> bool:
    """A two-letter region (ISO 3166) Babel knows (CN, US, HK ...)."""
    if code in _COMMON_REGIONS:
        return True
    if not re.fullmatch(r"[A-Z]{2}", code) or code in _NOT_REGIONS:
        return False
    from babel import Locale

    return code in Locale("en").territories


# Text kinds checked by a rule: kind -> (normalize, valid, whether empty means "unset").
_CHECKED_TEXT: dict[str, tuple[Callable[[str], str], Callable[[str], bool], bool]] = {
    "zone": (str, valid_zone, True),
    "handle": (str.lower, lambda text: bool(HANDLE.match(text)), True),  # as domain/users.py: normalize_handle
    "store_url": (str, valid_store_address, True),
    "currency": (str.upper, valid_currency, False),
    "region": (str.upper, valid_region, False),
}


def _s(key: str, kind: str, default: Any, help: str, **extra: Any) -> Setting:
    return Setting(key, kind, default, help, **extra)


_DAYS = 3650  # ten years: the longest span any day-count setting may hold


def _grade_overrides() -> list[Setting]:
    """Per-grade recycle thresholds (docs/pool.md); unset, the general value applies."""
    helps = {
        "recycle_no_follow_up_days": {
            "a": N_("recycle_no_follow_up_days for A customers (empty: the general value)."),
            "b": N_("recycle_no_follow_up_days for B customers (empty: the general value)."),
            "c": N_("recycle_no_follow_up_days for C customers (empty: the general value)."),
        },
        "recycle_no_deal_days": {
            "a": N_("recycle_no_deal_days for A customers (empty: the general value)."),
            "b": N_("recycle_no_deal_days for B customers (empty: the general value)."),
            "c": N_("recycle_no_deal_days for C customers (empty: the general value)."),
        },
    }
    return [_s(f"pool.{name}_{grade}", "opt_int", None, text, minimum=1, maximum=_DAYS)
            for name, by_grade in helps.items() for grade, text in by_grade.items()]

SETTINGS: dict[str, Setting] = {
    s.key: s
    for s in [
        _s("user.handle", "handle", "", N_("Acting user's handle (default: the OS user)."), scope="personal"),
        _s("user.lang", "lang", "", N_("Interface language: en or zh_CN (empty: from the locale)."),
           scope="personal"),
        _s("user.timezone", "zone", "",
           N_("Your time zone, an IANA name such as Asia/Shanghai (empty: the system's)."), scope="personal"),
        _s("store.url", "store_url", "", N_("Database path or postgresql+psycopg:// URL."), scope="personal"),
        _s("store.busy_timeout_ms", "int", 5000,
           N_("How long SQLite waits for a lock held by another salescli."), scope="personal",
           minimum=0, maximum=600_000),
        _s("pool.enabled", "auto_bool", None,
           N_("Public pool rules: auto = on when the store has 2+ active users.")),
        _s("pool.max_owned", "int", 20, N_("Most customers one rep may own."), minimum=1, maximum=100_000),
        _s("pool.cap_counts_won", "bool", False,
           N_("Whether customers with a won deal count toward max_owned.")),
        _s("pool.claims_per_day", "int", 10, N_("Pool claims per rep per day."), minimum=0, maximum=10_000),
        _s("pool.max_locked", "int", 5, N_("Customers a rep may lock against recycling."),
           minimum=0, maximum=100_000),
        _s("pool.recycle_no_follow_up_days", "int", 15,
           N_("Days without a follow-up before a customer returns to the pool."), minimum=1, maximum=_DAYS),
        _s("pool.recycle_no_deal_days", "int", 30,
           N_("Days after a claim without a won deal before recycling."), minimum=1, maximum=_DAYS),
        *_grade_overrides(),
        _s("pool.warn_days", "int", 3, N_("Days of warning before recycling."), minimum=0, maximum=_DAYS),
        _s("pool.reclaim_cooldown_days", "int", 7,
           N_("Days before a rep may reclaim a customer they lost."), minimum=0, maximum=_DAYS),
        _s("forgotten.a_days", "int", 14, N_("Days without contact before an A customer is forgotten."),
           minimum=1, maximum=_DAYS),
        _s("forgotten.b_days", "int", 30, N_("Days without contact before a B customer is forgotten."),
           minimum=1, maximum=_DAYS),
        _s("forgotten.c_days", "int", 90, N_("Days without contact before a C customer is forgotten."),
           minimum=1, maximum=_DAYS),
        _s("pipeline.sales_cycle_days", "int", 42,
           N_("Days in one stage after which an open deal is stale."), minimum=1, maximum=_DAYS),
        _s("pipeline.currency", "currency", "CNY", N_("Currency of deal amounts (ISO 4217).")),
        _s("pipeline.stages", "stages", DEFAULT_STAGES,
           N_("The open stages of a deal, in order, with win probability and gate (salescli stage ...).")),
        _s("plan.calls_per_day", "int", 8, N_("Calls planned per day."), minimum=0, maximum=200),
        _s("plan.visits_per_day", "int", 3, N_("Visits planned per day."), minimum=0, maximum=50),
        _s("plan.weekends", "bool", False, N_("Whether the week plan uses weekends.")),
        _s("plan.a_visit_days", "int", 30, N_("Days between visits an A customer is due for."),
           minimum=1, maximum=_DAYS),
        _s("import.default_region", "region", "CN",
           N_("Region whose country prefix is dropped from phone numbers.")),
    ]
}
PERSONAL_KEYS: tuple[str, ...] = tuple(k for k, s in SETTINGS.items() if s.scope == "personal")
TEAM_KEYS: tuple[str, ...] = tuple(k for k, s in SETTINGS.items() if s.scope == "team")


def setting(key: str) -> Setting:
    """The declaration of `key`; an unknown key is refused with the closest known ones."""
    found = SETTINGS.get(key.strip())
    if found is None:
        from difflib import get_close_matches

        raise BadInputError("setting.unknown", key=key, close=get_close_matches(key, list(SETTINGS), n=3))
    return found


def bad_value(key: str, raw: Any) -> BadInputError:
    return BadInputError("setting.bad_value", key=key, value=raw, setting=SETTINGS[key])

