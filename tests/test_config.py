"""`salescli config show|get|set|history|path`: personal settings in the rep's TOML file,
team rules in the store (docs/settings.md).

Team-rule tests run on SQLite and PostgreSQL (`cli`); tests about the file alone run
once (`sqlite_cli`).
"""

from __future__ import annotations

import os
import sqlite3
import stat
import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checks import one_line_error
from salescli.core.settings import SETTINGS

# Every threshold of the product's rules, with its documented default: all team rules.
RULE_DEFAULTS = {
    "pool.enabled": None,  # auto: on when the store has 2+ active users
    "pool.max_owned": 20,
    "pool.cap_counts_won": False,
    "pool.claims_per_day": 10,
    "pool.max_locked": 5,
    "pool.recycle_no_follow_up_days": 15,
    "pool.recycle_no_deal_days": 30,
    # per-grade overrides: empty means the general value applies
    **{f"pool.recycle_{rule}_days_{grade}": None for rule in ("no_follow_up", "no_deal") for grade in "abc"},
    "pool.warn_days": 3,
    "pool.reclaim_cooldown_days": 7,
    "forgotten.a_days": 14,
    "forgotten.b_days": 30,
    "forgotten.c_days": 90,
    "pipeline.sales_cycle_days": 42,
    "pipeline.stages": [  # JSON: the list of tables the store keeps (core/stages.py dump_stages)
        {"name": "new", "probability": 10, "gate": []},
        {"name": "contacted", "probability": 20, "gate": ["note"]},
        {"name": "qualified", "probability": 40, "gate": ["note"]},
        {"name": "proposal", "probability": 60, "gate": ["note", "amount", "close_on"]},
        {"name": "negotiation", "probability": 80, "gate": ["note", "amount", "close_on"]},
    ],
    "plan.weekends": False,
    "plan.a_visit_days": 30,
}
PERSONAL = ["user.handle", "user.lang", "user.timezone", "store.url", "store.busy_timeout_ms"]
OTHER_TEAM = ["pipeline.currency", "plan.calls_per_day", "plan.visits_per_day", "import.default_region"]

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


def shown(cli, **kwargs) -> dict:  # noqa: ANN003
    return {row["key"]: row for row in cli.ok("config", "show", "--json", **kwargs).json()}


def history(cli) -> list[dict]:
    return cli.ok("config", "history", "--json").json()


# --- show and get ----------------------------------------------------------------------------


def test_show_lists_every_setting_with_its_default_and_place(cli) -> None:
    rows = shown(cli)
    for key, default in RULE_DEFAULTS.items():
        assert rows[key]["value"] == default and rows[key]["default"] == default, key
        assert (rows[key]["scope"], rows[key]["source"]) == ("team", "default"), key
    for key in PERSONAL:
        assert rows[key]["scope"] == "personal", key
    assert set(rows) == set(RULE_DEFAULTS) | set(PERSONAL) | set(OTHER_TEAM)
    assert rows["store.url"]["source"] == "env"  # SALESCLI_DB names the store in every test

    table = cli.ok("config", "show").stdout
    for key in RULE_DEFAULTS:
        assert key in table, key
    assert "default" in table and "SALESCLI_DB" in table
    assert not config_file().exists()  # showing writes no file


def test_get_prints_the_value_alone(cli) -> None:
    for key, expected in [("pool.max_owned", "20"), ("pool.enabled", "auto"), ("pool.cap_counts_won", "false"),
                          ("forgotten.c_days", "90"), ("store.busy_timeout_ms", "5000")]:
        assert cli.ok("config", "get", key).stdout == expected + "\n"


# --- team rules live in the store ------------------------------------------------------------


def test_a_team_rule_is_saved_in_the_store_not_the_file(cli) -> None:
    run = cli.ok("config", "set", "pool.max_owned", "30")
    assert "pool.max_owned = 30" in run.stdout and "in the store" in run.stdout
    assert not config_file().exists()
    assert cli.ok("config", "get", "pool.max_owned").stdout.strip() == "30"
    row = shown(cli)["pool.max_owned"]
    assert (row["value"], row["source"]) == (30, "store")
    line = next(line for line in cli.ok("config", "show").stdout.splitlines() if "pool.max_owned" in line)
    assert "30" in line and "store" in line
    # Every rep of the store reads the same rule, whatever their own file says.
    cli.ok("user", "add", "bob")
    assert cli.ok("config", "get", "pool.max_owned", env={"SALESCLI_USER": "bob"}).stdout.strip() == "30"


def test_team_rules_apply_to_the_commands_that_use_them(cli) -> None:
    cli.ok("customer", "add", "Acme", "--grade", "A")
    cli.ok("log", "Acme", "Intro call", "--at", "-10d")
    assert cli.ok("forgotten", "--json").json() == []
    cli.ok("config", "set", "forgotten.a_days", "7")
    assert [r["customer"] for r in cli.ok("forgotten", "--json").json()] == ["Acme"]


TYPED_VALUES = [
    ("pool.enabled", "true", True, "true"),
    ("pool.enabled", "no", False, "false"),
    ("pool.enabled", "auto", None, "auto"),
    ("plan.weekends", "yes", True, "true"),
    ("pipeline.currency", "USD", "USD", "USD"),
    ("forgotten.b_days", "45", 45, "45"),
]


def test_team_values_are_typed(cli) -> None:
    for key, typed, stored, printed in TYPED_VALUES:
        cli.ok("config", "set", key, typed)
        assert shown(cli)[key]["value"] == stored, key
        assert cli.ok("config", "get", key).stdout.strip() == printed
    assert shown(cli)["pool.enabled"]["source"] == "default"  # auto: back to the default rule


def test_every_change_of_a_team_rule_is_recorded(cli) -> None:
    cli.ok("config", "set", "pool.max_owned", "12")
    cli.ok("config", "set", "pool.max_owned", "12")  # no change, no record
    cli.ok("user", "add", "carol", "--role", "manager")
    cli.ok("config", "set", "pool.max_owned", "8", env={"SALESCLI_USER": "carol"})
    cli.ok("config", "set", "pool.enabled", "auto")  # already the default: nothing to record
    rows = history(cli)
    assert [(r["key"], r["old_value"], r["new_value"], r["by"], r["origin"]) for r in rows] == [
        ("pool.max_owned", None, 12, "alice", "set"),
        ("pool.max_owned", 12, 8, "carol", "set"),
    ]
    assert rows[0]["at"] == "2026-11-23T09:00:00+08:00"
    table = cli.ok("config", "history").stdout
    assert "default (20)" in table and "carol" in table
    assert [r["new_value"] for r in cli.ok("config", "history", "pool.max_owned", "--json").json()] == [12, 8]
    assert cli.ok("config", "history", "forgotten.a_days", "--json").json() == []


def test_a_rep_cannot_change_team_rules_in_a_shared_store(cli) -> None:
    cli.ok("user", "add", "bob")
    cli.ok("user", "add", "carol", "--role", "manager")
    before = history(cli)
    run = cli("config", "set", "pool.max_owned", "99", env={"SALESCLI_USER": "bob"})
    one_line_error(run, 1, "Only a manager or an admin can change team rules", "carol (manager)", "alice (admin)")
    assert cli.ok("config", "get", "pool.max_owned").stdout.strip() == "20"
    assert history(cli) == before
    # A rep still sets their own, personal settings.
    cli.ok("config", "set", "user.lang", "zh_CN", env={"SALESCLI_USER": "bob"})
    assert read_toml() == {"user": {"lang": "zh_CN"}}


def test_a_solo_store_needs_no_ceremony(cli) -> None:
    """The one rep of a store is its admin: a rule changes with one line of output, no
    question asked; the change is still recorded."""
    run = cli.ok("config", "set", "forgotten.c_days", "60")
    assert run.stdout.count("\n") == 1 and run.stderr == ""
    assert [r["by"] for r in history(cli)] == ["alice"]


BAD_VALUES = [
    ("pool.max_owned", "lots", "whole number"),
    ("pool.max_owned", "0", "from 1 to"),
    ("pool.max_owned", "2.5", "whole number"),
    ("pool.enabled", "maybe", "true, false or auto"),
    ("pool.cap_counts_won", "auto", "true or false"),
    ("forgotten.a_days", "-1", "whole number"),
    ("forgotten.a_days", "99999999999999999999", "from 1 to 3650"),
    ("forgotten.a_days", "1e3", "from 1 to 3650"),
    ("forgotten.a_days", "١٤", "from 1 to 3650"),
    ("user.lang", "fr", "one of"),
    ("store.busy_timeout_ms", "-5", "whole number"),
    ("store.busy_timeout_ms", "9" * 5000, "from 0 to 600000"),
    ("user.handle", "Bad Handle!", "lowercase letters"),
    ("user.handle", "-x", "lowercase letters"),
    ("store.url", "mysql://x@y/z", "postgresql://"),
    ("store.url", "http://example.com/db", "sqlite://"),
    ("pipeline.currency", "dollars", "ISO 4217"),
    ("pipeline.currency", "XYZ", "ISO 4217"),
    ("pipeline.currency", "", "ISO 4217"),
    ("import.default_region", "XX", "two-letter region"),
    ("import.default_region", "ZZ", "two-letter region"),
    ("import.default_region", "China", "two-letter region"),
    ("user.timezone", "Mars/Olympus", "time zone"),
]


def test_a_negative_number_is_a_value_checked_against_the_range(cli) -> None:
    for key, value, allowed in [("forgotten.a_days", "-5", "from 1 to 3650"),
                                ("store.busy_timeout_ms", "-1", "from 0 to 600000"),
                                ("pool.enabled", "-x", "true, false or auto")]:
        assert_bad_input(cli("config", "set", key, value), key, repr(value), allowed)
    assert not config_file().exists()
    assert shown(cli)["forgotten.a_days"]["source"] == "default"


GOOD_VALUES = [
    ("pipeline.currency", "usd", "USD"),
    ("pipeline.currency", " EUR ", "EUR"),
    ("pipeline.currency", "CHF", "CHF"),
    ("import.default_region", "hk", "HK"),
    ("import.default_region", "BR", "BR"),
]


def test_codes_are_checked_and_kept_in_capitals(cli) -> None:
    for key, typed, kept in GOOD_VALUES:
        cli.ok("config", "set", key, typed)
        assert shown(cli)[key]["value"] == kept, key


@pytest.mark.parametrize("url", ["/tmp/x/salescli.db", "~/crm.db", "relative.db", "sqlite:////tmp/a.db",
                                 "postgresql://u@h/db", "postgresql+psycopg://u@h/db", "postgres://h/db"])
def test_store_url_takes_a_path_or_a_supported_address(sqlite_cli, url: str) -> None:
    sqlite_cli.ok("config", "set", "store.url", url)
    assert read_toml() == {"store": {"url": url}}


def test_a_handle_is_checked_and_lowercased(sqlite_cli) -> None:
    from salescli.core.settings import HANDLE
    from salescli.domain import users

    assert users.HANDLE is HANDLE  # one rule: what `user add` checks is what `config set` checks
    sqlite_cli.ok("config", "set", "user.handle", "Bob.Smith")
    assert read_toml() == {"user": {"handle": "bob.smith"}}


def test_a_bad_value_names_the_key_and_what_is_allowed(cli) -> None:
    cli.ok("config", "set", "user.lang", "en")
    cli.ok("config", "set", "pool.warn_days", "4")
    before_file, before_store = config_file().read_bytes(), shown(cli)
    for key, value, allowed in BAD_VALUES:
        assert_bad_input(cli("config", "set", "--", key, value), key, repr(value), allowed)
    assert config_file().read_bytes() == before_file
    assert shown(cli) == before_store


def test_unknown_keys_are_refused_with_a_suggestion(cli) -> None:
    assert_bad_input(cli("config", "set", "pool.max_own", "3"), "pool.max_own", "pool.max_owned")
    assert_bad_input(cli("config", "get", "nonsense"), "nonsense")
    assert_bad_input(cli("config", "set", "pool", "3"), "pool")
    assert_bad_input(cli("config", "history", "user.lang"), "user.lang", "personal")
    assert not config_file().exists()


def test_a_damaged_rule_in_the_store_refuses_what_needs_it_and_can_be_repaired(cli, backend: str) -> None:
    cli.ok("customer", "add", "Acme")
    cli.ok("config", "set", "forgotten.a_days", "10")
    _write_raw_setting(backend, "forgotten.a_days", '"ten"')
    run = cli("agenda")
    one_line_error(run, 1, "forgotten.a_days", "ten", "manager or admin", "salescli config set forgotten.a_days")
    cli.ok("tasks")  # what does not need the rule keeps working
    row = shown(cli)["forgotten.a_days"]
    assert (row["source"], row["value"]) == ("invalid", '"ten"')
    cli.ok("config", "set", "forgotten.a_days", "12")
    cli.ok("agenda")


def _write_raw_setting(backend: str, key: str, value: str) -> None:
    """What a hand-edit with a database tool could leave behind."""
    if backend.startswith("postgresql"):
        import psycopg

        from conftest import PG_ADMIN_URL

        schema = backend.rsplit("%3D", 1)[1]
        with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
            conn.execute(f'UPDATE "{schema}".settings SET value = %s WHERE key = %s', (value, key))
        return
    conn = sqlite3.connect(backend)
    with conn:
        conn.execute("UPDATE settings SET value = ? WHERE key = ?", (value, key))
    conn.close()


# --- team rules found in a rep's file ---------------------------------------------------------


def test_team_rules_in_the_file_move_into_the_store_once(cli) -> None:
    config_file().write_text(
        "# my settings\n[user]\nlang = \"en\"  # keep English\n\n[pool]\nmax_owned = 8\n\n[forgotten]\nc_days = 60\n",
        encoding="utf-8",
    )
    run = cli.ok("customer", "list")
    notes = [line for line in run.stderr.splitlines() if line.startswith("Note:")]
    assert len(notes) == 2 and all("into the store" in n and str(config_file()) in n for n in notes)
    assert "forgotten.c_days = 60" in run.stderr and "pool.max_owned = 8" in run.stderr
    text = config_file().read_text(encoding="utf-8")
    assert "max_owned" not in text and "c_days" not in text
    assert "# my settings" in text and "# keep English" in text  # the rest of the file as it was
    rows = shown(cli)
    assert (rows["pool.max_owned"]["value"], rows["pool.max_owned"]["source"]) == (8, "store")
    assert rows["forgotten.c_days"]["value"] == 60
    assert [(r["key"], r["origin"]) for r in history(cli)] == [("forgotten.c_days", "file"), ("pool.max_owned", "file")]
    again = cli.ok("customer", "list")
    assert again.stderr == ""  # said once


def test_the_store_wins_over_a_file_that_disagrees(cli) -> None:
    cli.ok("config", "set", "pool.max_owned", "15")
    config_file().write_text("[pool]\nmax_owned = 3\nwarn_days = 3\n", encoding="utf-8")
    run = cli.ok("tasks")
    notes = sorted(line for line in run.stderr.splitlines() if line.startswith("Note:"))
    assert len(notes) == 2
    assert "Ignored pool.max_owned = 3" in notes[0] and "which has pool.max_owned = 15" in notes[0]
    assert "Moved pool.warn_days = 3" in notes[1]  # the store had no value of its own for this one
    assert cli.ok("config", "get", "pool.max_owned").stdout.strip() == "15"
    assert "pool" not in read_toml()
    assert cli.ok("tasks").stderr == ""


def test_a_reps_file_never_changes_a_team_rule(cli) -> None:
    cli.ok("user", "add", "bob")
    config_file().write_text("[forgotten]\na_days = 2\n", encoding="utf-8")
    run = cli.ok("tasks", env={"SALESCLI_USER": "bob"})
    assert "Ignored forgotten.a_days = 2" in run.stderr
    assert cli.ok("config", "get", "forgotten.a_days").stdout.strip() == "14"
    assert history(cli) == []
    assert read_toml() == {}


def test_a_damaged_store_rule_does_not_stop_a_file_from_being_adopted(cli, backend: str) -> None:
    cli.ok("config", "set", "forgotten.a_days", "10")
    cli.ok("config", "set", "pool.max_owned", "15")
    _write_raw_setting(backend, "forgotten.a_days", "99999999999999999999")
    config_file().write_text("[forgotten]\na_days = 5\n[pool]\nmax_owned = 4\n", encoding="utf-8")
    run = cli.ok("tasks")
    assert "Ignored forgotten.a_days" in run.stderr and "99999999999999999999" in run.stderr
    assert "Ignored pool.max_owned = 4" in run.stderr
    assert read_toml() == {}
    assert cli.ok("tasks").stderr == ""  # said once: the file no longer holds them
    one_line_error(cli("agenda"), 1, "forgotten.a_days", "99999999999999999999", "from 1 to 3650")
    cli.ok("config", "set", "forgotten.a_days", "12")
    cli.ok("agenda")


def test_a_huge_number_in_the_file_or_the_store_is_refused_not_a_crash(cli, backend: str) -> None:
    config_file().write_text("[store]\nbusy_timeout_ms = 99999999999999999999\n", encoding="utf-8")
    assert_bad_input(cli("agenda"), str(config_file()), "store.busy_timeout_ms", "from 0 to 600000")
    config_file().unlink()
    cli.ok("config", "set", "pool.max_owned", "10")
    _write_raw_setting(backend, "pool.max_owned", "1e400")
    assert shown(cli)["pool.max_owned"]["source"] == "invalid"


def test_a_bad_team_value_in_the_file_is_reported_and_dropped(cli) -> None:
    config_file().write_text('[pool]\nmax_owned = "lots"\n', encoding="utf-8")
    run = cli.ok("agenda")
    assert "pool.max_owned" in run.stderr and "'lots'" in run.stderr and "whole number" in run.stderr
    assert cli.ok("config", "get", "pool.max_owned").stdout.strip() == "20"
    assert read_toml() == {}


def _read_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """The config file is read-only (as root, where chmod does not stop writes, say so)."""
    config_file().chmod(stat.S_IRUSR)
    if os.geteuid() == 0:
        monkeypatch.setattr("salescli.core.config.os.access", lambda path, mode: Path(path) != config_file())


def test_a_read_only_file_keeps_its_team_rules_and_says_so(cli, monkeypatch: pytest.MonkeyPatch) -> None:
    config_file().write_text("[pool]\nmax_owned = 8\n", encoding="utf-8")
    _read_only(monkeypatch)
    run = cli.ok("tasks")
    assert "Could not take the team rules out of" in run.stderr
    assert config_file().read_text(encoding="utf-8") == "[pool]\nmax_owned = 8\n"


# --- personal settings stay in the file ------------------------------------------------------


def test_personal_settings_persist_in_the_file_named_by_salescli_config(sqlite_cli) -> None:
    run = sqlite_cli.ok("config", "set", "user.handle", "alice")
    assert "user.handle = alice" in run.stdout and str(config_file()) in run.stdout
    assert read_toml() == {"user": {"handle": "alice"}}
    assert shown(sqlite_cli, env={"SALESCLI_USER": ""})["user.handle"]["source"] == "file"
    assert shown(sqlite_cli)["user.handle"]["source"] == "env"  # SALESCLI_USER wins over the file


def test_show_says_which_values_come_from_the_environment(sqlite_cli) -> None:
    rows = shown(sqlite_cli, env={"SALESCLI_LANG": "zh"})
    assert (rows["user.handle"]["value"], rows["user.handle"]["source"]) == ("alice", "env")
    assert (rows["user.lang"]["value"], rows["user.lang"]["source"]) == ("zh_CN", "env")
    assert rows["store.url"]["source"] == "env"
    table = sqlite_cli.ok("config", "show").stdout
    handle_line = next(line for line in table.splitlines() if line.startswith("user.handle"))
    assert "SALESCLI_USER" in handle_line and "alice" in handle_line
    assert shown(sqlite_cli, env={"SALESCLI_LANG": ""})["user.lang"]["source"] == "default"


def test_an_empty_value_takes_a_personal_setting_out_of_the_file(sqlite_cli) -> None:
    sqlite_cli.ok("config", "set", "user.lang", "en")
    sqlite_cli.ok("config", "set", "store.busy_timeout_ms", "700")
    run = sqlite_cli.ok("config", "set", "store.busy_timeout_ms", "")
    assert "store.busy_timeout_ms = 5000" in run.stdout
    sqlite_cli.ok("config", "set", "user.lang", " ")
    assert read_toml() == {}
    assert shown(sqlite_cli)["store.busy_timeout_ms"]["source"] == "default"


def test_set_keeps_the_rest_of_the_file(sqlite_cli) -> None:
    config_file().write_text(
        '# mine\n[user]\nlang = "en"\n\n[custom]\nnote = "from a newer salescli"  # kept\n', encoding="utf-8"
    )
    sqlite_cli.ok("config", "set", "store.busy_timeout_ms", "700")
    assert read_toml() == {
        "user": {"lang": "en"}, "custom": {"note": "from a newer salescli"}, "store": {"busy_timeout_ms": 700},
    }
    assert "# mine" in config_file().read_text(encoding="utf-8")


def test_set_creates_missing_folders(sqlite_cli, tmp_path: Path) -> None:
    target = tmp_path / "deep" / "er" / "salescli.toml"
    sqlite_cli.ok("config", "set", "user.lang", "zh_CN", env={"SALESCLI_CONFIG": str(target)})
    assert tomllib.loads(target.read_text(encoding="utf-8")) == {"user": {"lang": "zh_CN"}}


def test_path_prints_the_config_file(sqlite_cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert sqlite_cli.ok("config", "path").stdout.strip() == str(config_file())
    monkeypatch.delenv("SALESCLI_CONFIG")
    default = Path(sqlite_cli.ok("config", "path").stdout.strip())
    assert default == tmp_path / "xdg-config" / "salescli" / "config.toml"
    sqlite_cli.ok("config", "set", "store.busy_timeout_ms", "250")
    assert tomllib.loads(default.read_text(encoding="utf-8")) == {"store": {"busy_timeout_ms": 250}}


def test_invalid_toml_is_exit_2_for_any_command(sqlite_cli) -> None:
    config_file().write_text("[pool\nmax_owned = 30\n", encoding="utf-8")
    for args in ANY_COMMAND + [["config", "set", "pool.max_owned", "3"]]:
        assert_bad_input(sqlite_cli(*args), str(config_file()), "TOML")
    assert config_file().read_text(encoding="utf-8") == "[pool\nmax_owned = 30\n"


BAD_FILES = [
    ("[store]\nbusy_timeout_ms = -5\n", "store.busy_timeout_ms"),
    ('[store]\nbusy_timeout_ms = "lots"\n', "store.busy_timeout_ms"),
    ("[user]\nhandle = 42\n", "user.handle"),
    ("pool = 5\n", "pool"),
]


def test_a_bad_personal_value_in_the_file_is_exit_2_for_any_command(sqlite_cli) -> None:
    content, key = BAD_FILES[0]
    config_file().write_text(content, encoding="utf-8")
    for args in ANY_COMMAND:
        assert_bad_input(sqlite_cli(*args), str(config_file()), key)
    for content, key in BAD_FILES[1:]:
        config_file().write_text(content, encoding="utf-8")
        for args in (["config", "show"], ["agenda"]):
            assert_bad_input(sqlite_cli(*args), str(config_file()), key)


BAD_PERSONAL_VALUES = [
    ('[user]\nhandle = "Bad Handle!"\n', "user.handle"),
    ('[store]\nurl = "mysql://x@y/z"\n', "store.url"),
    ('[user]\ntimezone = "Mars/Olympus"\n', "user.timezone"),
]


def test_a_personal_value_the_command_cannot_use_is_one_error_and_set_repairs_it(sqlite_cli) -> None:
    for content, key in BAD_PERSONAL_VALUES:
        config_file().write_text(content, encoding="utf-8")
        for args in (["agenda"], ["config", "show"]):
            assert_bad_input(sqlite_cli(*args), str(config_file()), key)
        sqlite_cli.ok("config", "set", key, "")
        sqlite_cli.ok("agenda")


def test_unknown_keys_in_the_file_are_said_once_with_the_closest_key(sqlite_cli) -> None:
    config_file().write_text('[forgoten]\na_days = 3\n[user]\nhandel = "bob"\ncolour = "red"\n[plugins]\nx = 1\n',
                             encoding="utf-8")
    run = sqlite_cli.ok("tasks")
    notes = run.stderr.splitlines()
    path = str(config_file())
    assert notes == [
        f"Note: Unknown setting 'forgoten.a_days' in {path}; did you mean forgotten.a_days?",
        f"Note: Unknown setting 'user.handel' in {path}; did you mean user.handle?",
        f"Note: Unknown setting 'user.colour' in {path}; ignored.",
        f"Note: Unknown setting 'plugins.x' in {path}; ignored.",
    ], run.stderr
    assert run.stdout == "No open tasks.\n"
    assert sqlite_cli.ok("config", "get", "forgotten.a_days").stdout.strip() == "14"


@pytest.mark.parametrize("content", [b"\xff\xfe[\x00u\x00s\x00e\x00r\x00]\x00", b"\x7fELF\x02\x01\x01\x00\xd0\xcf",
                                     b'[user]\nhandle = "caf\xe9"\n'])
def test_a_binary_config_file_is_one_clear_error_and_stays_as_it_was(sqlite_cli, content: bytes) -> None:
    config_file().write_bytes(content)
    for args in ANY_COMMAND + [["config", "set", "user.lang", "en"], ["config", "set", "pool.max_owned", "3"]]:
        assert_bad_input(sqlite_cli(*args), str(config_file()), "not UTF-8 text")
    assert config_file().read_bytes() == content


def test_an_unknown_language_in_the_file_is_one_warning_not_an_error(sqlite_cli) -> None:
    config_file().write_text('[user]\nlang = "fr"\n', encoding="utf-8")
    run = sqlite_cli.ok("tasks")
    assert run.stderr.count("\n") == 1 and "user.lang" in run.stderr and "'fr'" in run.stderr
    assert run.stdout == "No open tasks.\n"


def test_config_set_repairs_a_bad_personal_value(sqlite_cli) -> None:
    config_file().write_text('[store]\nbusy_timeout_ms = "lots"\n', encoding="utf-8")
    sqlite_cli.ok("config", "set", "store.busy_timeout_ms", "12")
    assert sqlite_cli.ok("config", "get", "store.busy_timeout_ms").stdout.strip() == "12"


def test_unreadable_or_unwritable_config_is_exit_2(sqlite_cli, tmp_path: Path) -> None:
    folder = tmp_path / "a-folder"
    folder.mkdir()
    assert_bad_input(sqlite_cli("config", "show", env={"SALESCLI_CONFIG": str(folder)}), str(folder))
    blocker = tmp_path / "plain-file"
    blocker.write_text("x")
    target = blocker / "config.toml"
    assert_bad_input(sqlite_cli("config", "set", "user.lang", "en", env={"SALESCLI_CONFIG": str(target)}),
                     str(target))


def test_a_read_only_file_is_never_replaced(sqlite_cli, monkeypatch: pytest.MonkeyPatch) -> None:
    config_file().write_text('[user]\nlang = "en"\n', encoding="utf-8")
    _read_only(monkeypatch)
    assert_bad_input(sqlite_cli("config", "set", "user.lang", "zh_CN"), str(config_file()))
    assert config_file().read_text(encoding="utf-8") == '[user]\nlang = "en"\n'


def test_a_read_only_file_is_refused_even_for_root(sqlite_cli) -> None:
    config_file().write_text('[user]\nlang = "en"\n', encoding="utf-8")
    config_file().chmod(stat.S_IRUSR)  # no os.access patch: the mode alone says read-only
    assert_bad_input(sqlite_cli("config", "set", "user.lang", "zh_CN"), str(config_file()), "Cannot write")
    assert config_file().read_text(encoding="utf-8") == '[user]\nlang = "en"\n'


def test_a_file_the_system_will_not_replace_is_refused_and_unchanged(sqlite_cli,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """An immutable file (chattr +i) or a folder that refuses the new file: the write fails."""
    config_file().write_text('[user]\nlang = "en"\n', encoding="utf-8")

    def refuse(self, target):  # noqa: ANN001, ANN202
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(Path, "replace", refuse)
    assert_bad_input(sqlite_cli("config", "set", "user.lang", "zh_CN"), str(config_file()), "Operation not permitted")
    assert config_file().read_text(encoding="utf-8") == '[user]\nlang = "en"\n'
    assert sorted(p.name for p in config_file().parent.glob("config.toml*")) == ["config.toml"]


def test_tables_have_no_colour_codes_when_piped(sqlite_cli) -> None:
    plain = {"NO_COLOR": None, "TERM": "xterm-256color"}
    for args in (["config", "show"], ["user", "list"], ["db", "info"]):
        run = sqlite_cli.ok(*args, env=plain)
        assert run.stdout.strip()
        assert "\x1b[" not in run.stdout + run.stderr, args


# --- every setting is bounded and checked the same way ---------------------------------------


def test_every_whole_number_setting_has_a_range_a_store_can_hold() -> None:
    for key, declared in SETTINGS.items():
        if declared.kind == "int":
            assert declared.minimum is not None and declared.maximum is not None, key
            assert -(2**63) < declared.minimum <= declared.default <= declared.maximum < 2**63, key


@settings(max_examples=300, deadline=None)
@given(raw=st.one_of(st.text(max_size=30), st.integers(min_value=-(10**30), max_value=10**30), st.booleans(),
                     st.floats(allow_nan=True), st.none(), st.lists(st.integers(), max_size=2)),
       key=st.sampled_from(sorted(SETTINGS)))
def test_parse_accepts_only_what_the_setting_allows(raw: object, key: str) -> None:
    """Whatever a file, a rep or a hand-edited row holds: a checked value or ValueError,
    and a checked value parses again to itself (what is saved reads back)."""
    declared = SETTINGS[key]
    try:
        value = declared.parse(raw)
    except (ValueError, TypeError):
        return
    if declared.kind == "int":
        assert declared.minimum <= value <= declared.maximum
    assert declared.load(declared.dump(value)) == value
