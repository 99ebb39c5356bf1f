"""Roles, enforced by the services (docs/roles.md), on SQLite and PostgreSQL.

An admin manages users and roles; a manager (or admin) changes team rules and acts on
other reps' customers and tasks; a rep works their own and the pool. A refused write is
one sentence naming who may do it instead, exit 1, and nothing written.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from checks import one_line_error
from salescli.domain.codes import ROLES
from salescli.domain.users import may, may_act_on

BOB = {"SALESCLI_USER": "bob"}
CAROL = {"SALESCLI_USER": "carol"}


@pytest.fixture
def team(cli):  # noqa: ANN001, ANN201 - a conftest.Cli
    """alice (admin, the first user), bob (rep), carol (manager); alice owns Acme with an
    open task, bob owns Initech."""
    cli.ok("user", "add", "bob", "--name", "Bob Li")
    cli.ok("user", "add", "carol", "--role", "Manager")
    cli.ok("customer", "add", "Acme")
    cli.ok("log", "Acme", "Intro call", "--next", "fri", "--next-action", "Send the quote")
    cli.ok("customer", "add", "Initech", env=BOB)
    return cli


def state(cli) -> tuple:  # noqa: ANN001
    """Everything a refused write could have touched."""
    return (
        cli.ok("user", "list", "--json").json(),
        cli.ok("customer", "list", "--all", "--json").json(),
        cli.ok("customer", "list", "--archived", "--json").json(),
        cli.ok("customer", "show", "Acme", "--json").json(),
        cli.ok("tasks", "--everyone", "--json").json(),
        cli.ok("config", "history", "--json").json(),
    )


# --- the rules themselves ---------------------------------------------------------------------


@given(role=st.sampled_from(ROLES), active=st.integers(min_value=0, max_value=60))
def test_what_each_role_may_do(role: str, active: int) -> None:
    solo = active <= 1
    assert may(role, "manage_users", active_users=active) == (solo or role == "admin")
    assert may(role, "change_team_rules", active_users=active) == (solo or role in ("manager", "admin"))
    assert may_act_on(1, role, 1, active_users=active)  # your own
    assert may_act_on(1, role, None, active_users=active)  # the pool's
    assert may_act_on(1, role, 2, active_users=active) == (solo or role in ("manager", "admin"))


# --- managing users needs an admin ------------------------------------------------------------


def test_a_rep_cannot_add_users_or_make_themselves_admin(team) -> None:
    before = state(team)
    run = team("user", "add", "mallory", "--role", "admin", env=BOB)
    one_line_error(run, 1, "Only an admin can add users", "alice (admin)")
    one_line_error(team("user", "role", "bob", "admin", env=BOB), 1, "Only an admin can change roles")
    one_line_error(team("user", "deactivate", "alice", env=BOB), 1, "Only an admin can deactivate users")
    # A manager is no admin either.
    one_line_error(team("user", "add", "mallory", env=CAROL), 1, "Only an admin can add users")
    assert state(team) == before


def test_an_admin_changes_roles_and_the_store_keeps_an_admin(team) -> None:
    run = team.ok("user", "role", "bob", "Manager")
    assert run.stdout.strip() == "bob is now manager."
    assert {u["handle"]: u["role"] for u in team.ok("user", "list", "--json").json()}["bob"] == "manager"
    one_line_error(team("user", "role", "bob", "manager"), 1, "bob is already manager")
    one_line_error(team("user", "role", "bob", "boss"), 2, "boss", "rep, manager, admin")
    one_line_error(team("user", "role", "zed", "rep"), 2, "zed")
    # The last active admin can neither step down nor leave.
    one_line_error(team("user", "role", "alice", "rep"), 1, "alice is the last active admin")
    one_line_error(team("user", "deactivate", "alice", "--release"), 1, "last active admin")
    team.ok("user", "role", "carol", "admin")
    team.ok("user", "role", "alice", "rep", env=CAROL)
    assert {u["handle"]: u["role"] for u in team.ok("user", "list", "--json").json()} == {
        "alice": "rep", "bob": "manager", "carol": "admin"}


def test_services_normalise_what_any_interface_passes() -> None:
    """The dashboard calls the same service as the CLI, with the user's text as typed."""
    from salescli.services.context import open_context
    from salescli.services.users import add_user, set_role

    ctx = open_context()
    view = add_user(ctx, " Eve ", "  Eve   Wu ", " Manager ")
    assert (view.handle, view.name, view.role) == ("eve", "Eve Wu", "manager")
    assert set_role(ctx, "EVE", "ADMIN").role == "admin"
    ctx.close()


def test_deactivating_hands_a_reps_book_to_a_colleague(team) -> None:
    team.ok("log", "Initech", "Demo", "--next", "tomorrow", env=BOB)
    one_line_error(team("user", "deactivate", "bob"), 1, "bob still has 1 owned customer and 1 open task",
                   "--handover-to", "--release")
    one_line_error(team("user", "deactivate", "bob", "--handover-to", "bob"), 2, "hand over to themselves")
    one_line_error(team("user", "deactivate", "bob", "--handover-to", "carol", "--release"), 2, "not both")
    done = team.ok("user", "deactivate", "bob", "--handover-to", "carol", "--json").json()
    assert (done["handed_over_to"], done["customers_moved"], done["tasks_moved"]) == ("carol", 1, 1)
    assert done["user"]["active"] is False
    card = team.ok("customer", "show", "Initech", "--json").json()
    assert card["owner"] == "carol"
    assert [(e["kind"], e["from"], e["to"], e["by"]) for e in card["ownership"]][-1] == (
        "handover", "bob", "carol", "alice")
    assert [t["customer"] for t in team.ok("tasks", "--json", env=CAROL).json()] == ["Initech"]
    # A deactivated user can no longer act; reactivated, they can again (their book stays with carol).
    one_line_error(team("tasks", env=BOB), 1, "'bob' is deactivated")
    one_line_error(team("user", "deactivate", "bob"), 1, "already deactivated")
    team.ok("user", "activate", "bob")
    one_line_error(team("user", "activate", "bob"), 1, "already active")
    assert team.ok("tasks", "--json", env=BOB).json() == []


def test_deactivating_with_release_returns_customers_to_the_pool(team) -> None:
    done = team.ok("user", "deactivate", "bob", "--release", "--json").json()
    assert done["released"] == 1
    card = team.ok("customer", "show", "Initech", "--json").json()
    assert card["owner"] is None and card["ownership"][-1]["kind"] == "release"
    one_line_error(team("user", "deactivate", "carol", "--handover-to", "bob"), 1, "bob is deactivated")


# --- another rep's customers and tasks need their owner or a manager ----------------------------


def test_a_rep_cannot_change_another_reps_customer_or_task(team) -> None:
    task = team.ok("tasks", "--json").json()[0]["id"]
    before = state(team)
    refusals = [
        (["customer", "edit", "Acme", "--city", "Suzhou"], "edit it"),
        (["customer", "archive", "Acme"], "archive it"),
        (["log", "Acme", "I called them too"], "log follow-ups on it"),
        (["contact", "add", "Acme", "Li Na"], "add contacts to it"),
        (["done", str(task)], "close it"),
    ]
    for args, action in refusals:
        run = team(*args, env=BOB)
        one_line_error(run, 1, "belongs to alice", "only they or a manager can " + action, "carol (manager)")
    assert state(team) == before


def test_a_manager_acts_on_the_teams_records(team) -> None:
    task = team.ok("tasks", "--json").json()[0]["id"]
    team.ok("customer", "edit", "Acme", "--city", "Suzhou", env=CAROL)
    team.ok("contact", "add", "Acme", "Li Na", env=CAROL)
    done = team.ok("done", str(task), "--note", "Sent by carol", "--json", env=CAROL).json()
    assert done["assignee"] == "alice" and done["closed_note"] == "Sent by carol"
    team.ok("customer", "archive", "Initech", env=CAROL)
    team.ok("customer", "restore", "Initech", env=CAROL)
    assert team.ok("customer", "show", "Acme", "--json").json()["city"] == "Suzhou"


def test_a_cap_refusal_for_another_rep_names_that_rep(team) -> None:
    team.ok("customer", "archive", "Initech", env=CAROL)
    team.ok("customer", "add", "Globex", env=BOB)
    team.ok("config", "set", "pool.max_owned", "1", env=CAROL)
    run = team("customer", "restore", "Initech", env=CAROL)
    one_line_error(run, 1, "bob already owns 1 customers", "they must release one first")
    assert "You already own" not in run.stderr
    run = team("customer", "restore", "Initech", env=BOB)  # bob himself is spoken to as "you"
    one_line_error(run, 1, "You already own 1 customers")


def test_pool_customers_are_open_to_every_rep(team) -> None:
    team.ok("user", "deactivate", "bob", "--release")
    team.ok("user", "activate", "bob")
    team.ok("customer", "edit", "Initech", "--industry", "Software", env=CAROL)
    team.ok("user", "add", "dave")
    team.ok("customer", "edit", "Initech", "--city", "Ningbo", env={"SALESCLI_USER": "dave"})
    card = team.ok("customer", "show", "Initech", "--json").json()
    assert (card["owner"], card["city"], card["industry"]) == (None, "Ningbo", "Software")
