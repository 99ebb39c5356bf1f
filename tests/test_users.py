"""`salescli user add|list` and who the acting user is (docs/identity-and-dedupe.md).

The acting user comes from SALESCLI_USER, then config `user.handle`, then the OS user;
the first user of an empty store is created on the spot, later unknown users are refused.
"""

from __future__ import annotations

from pathlib import Path

from checks import one_line_error as assert_error

OS_USER = {"SALESCLI_USER": None, "LOGNAME": "osrep", "USER": "osrep"}


def users(cli, **kwargs) -> dict[str, dict]:
    return {u["handle"]: u for u in cli.ok("user", "list", "--json", **kwargs).json()}


def test_the_first_user_of_an_empty_store_is_created_automatically(cli) -> None:
    assert cli.ok("tasks", "--json").json() == []
    [alice] = cli.ok("user", "list", "--json").json()
    assert (alice["handle"], alice["name"], alice["role"], alice["active"]) == ("alice", "alice", "admin", True)
    assert alice["customers"] == 0
    assert isinstance(alice["id"], int)
    assert alice["created_at"] == "2026-11-23T09:00:00+08:00"
    assert "alice *" in cli.ok("user", "list").stdout  # the acting user is marked


def test_user_add_and_list(cli) -> None:
    run = cli.ok("user", "add", "bob", "--name", "Bob Li", "--role", "manager")
    assert "Added user bob (Bob Li)" in run.stdout
    carol = cli.ok("user", "add", "Carol", "--json").json()
    assert (carol["handle"], carol["name"], carol["role"], carol["active"]) == ("carol", "carol", "rep", True)
    cli.ok("user", "add", "wang.fang", "--name", "王芳", "--role", "admin")

    rows = cli.ok("user", "list", "--json").json()
    assert [(u["handle"], u["name"], u["role"]) for u in rows] == [
        ("alice", "alice", "admin"), ("bob", "Bob Li", "manager"), ("carol", "carol", "rep"),
        ("wang.fang", "王芳", "admin"),
    ]
    for row in rows:
        assert {"id", "handle", "name", "role", "active", "customers"} <= set(row)
    table = cli.ok("user", "list").stdout
    for needle in ("alice *", "Bob Li", "manager", "王芳"):
        assert needle in table

    # A handle is unique, whatever its case: refused by a rule, exit 1.
    assert_error(cli("user", "add", "bob"), 1, "bob", "already exists")
    assert_error(cli("user", "add", "BOB", "--name", "Other Bob"), 1, "bob")
    assert cli.ok("user", "list", "--json").json() == rows


def test_user_list_counts_owned_customers(cli) -> None:
    cli.ok("user", "add", "bob")
    cli.ok("customer", "add", "Acme")
    cli.ok("customer", "add", "Globex")
    cli.ok("customer", "add", "Gone Ltd")
    cli.ok("customer", "archive", "Gone Ltd")
    cli.ok("customer", "add", "Initech", env={"SALESCLI_USER": "bob"})
    counts = {h: u["customers"] for h, u in users(cli).items()}
    assert counts == {"alice": 2, "bob": 1}


def test_unknown_acting_user_is_exit_2_with_a_hint(cli) -> None:
    cli.ok("customer", "add", "Acme")  # the store now has a user: alice
    before = cli.ok("db", "info", "--json").json()
    for args in (["customer", "add", "Globex"], ["log", "Acme", "Call"]):
        assert_error(cli(*args, env={"SALESCLI_USER": "zed"}), 2, "'zed'", "salescli user add zed")
    assert cli.ok("db", "info", "--json").json() == before
    assert set(users(cli)) == {"alice"}


def test_bad_handle_or_role_is_exit_2_and_adds_nobody(sqlite_cli) -> None:
    cli = sqlite_cli
    cli.ok("user", "add", "bob")
    before = users(cli)
    for handle in ("Bad Handle", "bad/handle", "王芳", "   ", ".dot", "x" * 65):
        assert_error(cli("user", "add", handle), 2, "handle")
    assert_error(cli("user", "add", "carol", "--role", "boss"), 2, "boss", "rep")
    assert users(cli) == before
    # The acting user's handle follows the same rules.
    assert_error(cli("tasks", env={"SALESCLI_USER": "not valid!"}), 2, "not valid!")
    for args in (["tasks"], ["agenda"], ["user", "list"]):
        assert_error(cli(*args, env={"SALESCLI_USER": "zed"}), 2, "'zed'", "salescli user add zed")


def test_salescli_user_wins_over_config_which_wins_over_the_os_user(sqlite_cli, tmp_path: Path) -> None:
    cli = sqlite_cli
    # With nothing set, the OS user acts (and, in an empty store, becomes its first user).
    solo = {"SALESCLI_DB": str(tmp_path / "solo.db")}
    assert cli.ok("customer", "add", "Acme", "--json", env=OS_USER | solo).json()["owner"] == "osrep"
    assert [(u["handle"], u["role"]) for u in users(cli, env=OS_USER | solo).values()] == [("osrep", "admin")]

    cli.ok("config", "set", "user.handle", "carol")
    # Config beats the OS user: carol is the first user of this store.
    assert set(users(cli, env=OS_USER)) == {"carol"}
    cli.ok("user", "add", "bob", env=OS_USER)

    def owner(name: str, acting: str | None) -> str:
        env = OS_USER | ({"SALESCLI_USER": acting} if acting is not None else {})
        return cli.ok("customer", "add", name, "--json", env=env).json()["owner"]

    # SALESCLI_USER beats config, whatever its case; an empty one counts as unset.
    assert owner("Acme", " BOB ") == "bob"
    assert owner("Globex", None) == "carol"
    assert owner("Initech", "") == "carol"
    # Config cleared: the OS user acts again; unknown in this store, so refused with the hint.
    cli.ok("config", "set", "user.handle", "")
    assert_error(cli("tasks", env=OS_USER), 2, "'osrep'", "salescli user add osrep")


def test_bad_user_add_leaves_an_empty_store_untouched(sqlite_cli) -> None:  # noqa: ANN001
    import os
    from pathlib import Path

    run = sqlite_cli("user", "add", "Bad Handle")
    assert run.exit_code == 2
    assert "not a valid handle" in run.stderr
    assert not Path(os.environ["SALESCLI_DB"]).exists()
