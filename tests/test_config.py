"""`salescli config show|get|set|path` and the TOML file (SPEC §Command-line contract).

The config commands never open the store, so most tests here run once (`sqlite_cli`).
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

import pytest

from checks import one_line_error

# Every threshold SPEC names, with the default SPEC gives it.
SPEC_DEFAULTS = {
    "pool.enabled": None,  # auto: on when the store has 2+ active users
    "pool.max_owned": 20,
    "pool.cap_counts_won": False,
    "pool.claims_per_day": 10,
    "pool.max_locked": 5,
    "pool.recycle_no_follow_up_days": 15,
    "pool.recycle_no_deal_days": 30,
    "pool.warn_days": 3,
    "pool.reclaim_cooldown_days": 7,
    "forgotten.a_days": 14,
    "forgotten.b_days": 30,
    "forgotten.c_days": 90,
    "pipeline.sales_cycle_days": 42,
    "plan.weekends": False,
}
OTHER_KEYS = ["user.handle", "store.url", "pipeline.currency", "plan.calls_per_day", "plan.visits_per_day",
              "import.default_region"]

# Commands that must all refuse a broken config file the same way.
ANY_COMMAND = [
    ["config", "show"], ["config", "get", "pool.max_owned"], ["agenda"], ["tasks"], ["forgotten"],
    ["log", "Acme", "Call"], ["customer", "list"], ["user", "list"], ["db", "info"],
]


def assert_bad_input(run, *needles: str) -> None:
    one_line_error(run, 2, *needles)


def config_file() -> Path:
    return Path(os.environ["SALESCLI_CONFIG"])


def read_toml() -> dict:
    return tomllib.loads(config_file().read_text(encoding="utf-8"))


def test_show_lists_every_setting_with_spec_defaults(sqlite_cli) -> None:
    shown = sqlite_cli.ok("config", "show", "--json").json()
    for key, default in SPEC_DEFAULTS.items():
        assert shown[key] == default, key
    assert set(SPEC_DEFAULTS) | set(OTHER_KEYS) <= set(shown)

    table = sqlite_cli.ok("config", "show").stdout
    for key in SPEC_DEFAULTS:
        assert key in table, key
    assert "default" in table
    assert "file" not in table.split("\n", 1)[1]  # nothing set yet (the title may hold the path)
    assert not config_file().exists()  # showing does not write


def test_get_prints_the_value_alone(sqlite_cli) -> None:
    for key, expected in [("pool.max_owned", "20"), ("pool.enabled", "auto"), ("pool.cap_counts_won", "false"),
                          ("forgotten.c_days", "90")]:
        assert sqlite_cli.ok("config", "get", key).stdout == expected + "\n"


def test_set_persists_in_the_file_named_by_salescli_config(sqlite_cli) -> None:
    run = sqlite_cli.ok("config", "set", "pool.max_owned", "30")
    assert "pool.max_owned = 30" in run.stdout
    assert read_toml() == {"pool": {"max_owned": 30}}
    assert sqlite_cli.ok("config", "get", "pool.max_owned").stdout.strip() == "30"
    assert sqlite_cli.ok("config", "show", "--json").json()["pool.max_owned"] == 30
    row = next(line for line in sqlite_cli.ok("config", "show").stdout.splitlines() if "pool.max_owned" in line)
    assert "30" in row and "file" in row


def test_set_keeps_the_rest_of_the_file(sqlite_cli) -> None:
    config_file().write_text(
        '[pool]\nwarn_days = 5\n\n[custom]\nnote = "from a newer salescli"\n', encoding="utf-8"
    )
    sqlite_cli.ok("config", "set", "forgotten.a_days", "7")
    assert read_toml() == {
        "pool": {"warn_days": 5}, "custom": {"note": "from a newer salescli"}, "forgotten": {"a_days": 7},
    }
    shown = sqlite_cli.ok("config", "show", "--json").json()
    assert (shown["pool.warn_days"], shown["forgotten.a_days"]) == (5, 7)


def test_set_creates_missing_folders(sqlite_cli, tmp_path: Path) -> None:
    target = tmp_path / "deep" / "er" / "salescli.toml"
    sqlite_cli.ok("config", "set", "pool.warn_days", "2", env={"SALESCLI_CONFIG": str(target)})
    assert tomllib.loads(target.read_text(encoding="utf-8")) == {"pool": {"warn_days": 2}}


TYPED_VALUES = [
    ("pool.enabled", "true", True, "true"),
    ("pool.enabled", "no", False, "false"),
    ("plan.weekends", "yes", True, "true"),
    ("pipeline.currency", "USD", "USD", "USD"),
    ("user.handle", "bob", "bob", "bob"),
    ("store.busy_timeout_ms", "0", 0, "0"),
]


def test_set_parses_typed_values(sqlite_cli) -> None:
    for key, typed, stored, shown in TYPED_VALUES:
        sqlite_cli.ok("config", "set", key, typed)
        area, name = key.split(".")
        assert read_toml()[area][name] == stored
        assert sqlite_cli.ok("config", "get", key).stdout.strip() == shown


def test_set_auto_removes_the_key(sqlite_cli) -> None:
    sqlite_cli.ok("config", "set", "pool.enabled", "true")
    sqlite_cli.ok("config", "set", "pool.enabled", "auto")
    assert "enabled" not in read_toml().get("pool", {})
    assert sqlite_cli.ok("config", "get", "pool.enabled").stdout.strip() == "auto"


BAD_VALUES = [
    ("pool.max_owned", "lots", "whole number"),
    ("pool.max_owned", "0", "at least 1"),
    ("pool.max_owned", "2.5", "whole number"),
    ("pool.enabled", "maybe", "true, false or auto"),
    ("pool.cap_counts_won", "auto", "true or false"),
    ("forgotten.a_days", "-1", "whole number"),
    ("user.lang", "fr", "one of"),
]


def test_a_bad_value_names_the_key_and_what_is_allowed(sqlite_cli) -> None:
    sqlite_cli.ok("config", "set", "pool.warn_days", "4")
    before = config_file().read_bytes()
    for key, value, allowed in BAD_VALUES:
        assert_bad_input(sqlite_cli("config", "set", "--", key, value), key, repr(value), allowed)
    assert config_file().read_bytes() == before


def test_unknown_keys_are_refused_with_a_suggestion(sqlite_cli) -> None:
    assert_bad_input(sqlite_cli("config", "set", "pool.max_own", "3"), "pool.max_own", "pool.max_owned")
    assert_bad_input(sqlite_cli("config", "get", "nonsense"), "nonsense")
    assert_bad_input(sqlite_cli("config", "set", "pool", "3"), "pool")
    assert not config_file().exists()


def test_path_prints_the_config_file(sqlite_cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert sqlite_cli.ok("config", "path").stdout.strip() == str(config_file())
    monkeypatch.delenv("SALESCLI_CONFIG")
    default = Path(sqlite_cli.ok("config", "path").stdout.strip())
    assert default == tmp_path / "xdg-config" / "salescli" / "config.toml"
    sqlite_cli.ok("config", "set", "pool.max_owned", "25")
    assert tomllib.loads(default.read_text(encoding="utf-8")) == {"pool": {"max_owned": 25}}


def test_invalid_toml_is_exit_2_for_any_command(sqlite_cli) -> None:
    config_file().write_text("[pool\nmax_owned = 30\n", encoding="utf-8")
    for args in ANY_COMMAND + [["config", "set", "pool.max_owned", "3"]]:
        assert_bad_input(sqlite_cli(*args), str(config_file()), "TOML")
    assert config_file().read_text(encoding="utf-8") == "[pool\nmax_owned = 30\n"


BAD_FILES = [
    ('[pool]\nmax_owned = "lots"\n', "pool.max_owned"),
    ("[pool]\nmax_owned = 0\n", "pool.max_owned"),
    ('[pool]\nenabled = "maybe"\n', "pool.enabled"),
    ("[forgotten]\na_days = true\n", "forgotten.a_days"),
    ("[store]\nbusy_timeout_ms = -5\n", "store.busy_timeout_ms"),
    ("[user]\nhandle = 42\n", "user.handle"),
    ("pool = 5\n", "pool"),
]


def test_a_bad_value_in_the_file_is_exit_2_for_any_command(sqlite_cli) -> None:
    content, key = BAD_FILES[0]
    config_file().write_text(content, encoding="utf-8")
    for args in ANY_COMMAND:
        assert_bad_input(sqlite_cli(*args), str(config_file()), key)
    for content, key in BAD_FILES[1:]:
        config_file().write_text(content, encoding="utf-8")
        for args in (["config", "show"], ["agenda"]):
            assert_bad_input(sqlite_cli(*args), str(config_file()), key)


def test_config_set_repairs_a_bad_value(sqlite_cli) -> None:
    config_file().write_text('[pool]\nmax_owned = "lots"\n', encoding="utf-8")
    sqlite_cli.ok("config", "set", "pool.max_owned", "12")
    assert sqlite_cli.ok("config", "get", "pool.max_owned").stdout.strip() == "12"


def test_unreadable_or_unwritable_config_is_exit_2(sqlite_cli, tmp_path: Path) -> None:
    folder = tmp_path / "a-folder"
    folder.mkdir()
    assert_bad_input(sqlite_cli("config", "show", env={"SALESCLI_CONFIG": str(folder)}), str(folder))
    blocker = tmp_path / "plain-file"
    blocker.write_text("x")
    target = blocker / "config.toml"
    assert_bad_input(sqlite_cli("config", "set", "pool.max_owned", "3", env={"SALESCLI_CONFIG": str(target)}),
                     str(target))


def test_tables_have_no_colour_codes_when_piped(sqlite_cli) -> None:
    plain = {"NO_COLOR": None, "TERM": "xterm-256color"}
    for args in (["config", "show"], ["user", "list"], ["db", "info"]):
        run = sqlite_cli.ok(*args, env=plain)
        assert run.stdout.strip()
        assert "\x1b[" not in run.stdout + run.stderr, args
