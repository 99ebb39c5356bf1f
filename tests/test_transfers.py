"""`customer assign|transfer` and `handover`: a manager moving customers between reps
(docs/ownership.md), on SQLite and PostgreSQL.

A change of hands is visible afterwards (an ownership event on the card), takes what
belongs with the customer (open deals, open tasks), respects the recipient's cap (except
a handover), and every refusal is one sentence, the right exit code, nothing written.
"""

from __future__ import annotations

import pytest

from checks import one_line_error

BOB = {"SALESCLI_USER": "bob"}
MIA = {"SALESCLI_USER": "mia"}  # the manager


@pytest.fixture
def team(cli):  # noqa: ANN001, ANN201 - a conftest.Cli
    """alice (admin), mia (manager), bob and carol (reps). bob owns Acme (#1) with an open
    deal, a won deal and an open task; alice has an open deal of her own on Acme; Globex
    (#2) is in the pool (dave left and released it)."""
    cli.ok("user", "add", "mia", "--role", "manager")
    for rep in ("bob", "carol", "dave"):
        cli.ok("user", "add", rep)
    cli.ok("customer", "add", "Acme", env=BOB)
    cli.ok("deal", "add", "Acme", "Lathes", "--amount", "10000", env=BOB)
    cli.ok("deal", "add", "Acme", "Spare parts", "--amount", "5000", env=BOB)
    cli.ok("deal", "won", "2", env=BOB)
    cli.ok("deal", "add", "Acme", "Alice's own", "--amount", "800")
    cli.ok("log", "Acme", "Intro call", "--next", "fri", "--next-action", "Send the quote", env=BOB)
    cli.ok("customer", "add", "Globex", env={"SALESCLI_USER": "dave"})
    cli.ok("user", "deactivate", "dave", "--release")
    return cli


def card(cli, ref: str) -> dict:  # noqa: ANN001
    return cli.ok("customer", "show", ref, "--json").json()


def deal_owners(cli) -> dict[str, str]:  # noqa: ANN001
    return {d["title"]: d["owner"] for d in cli.ok("deal", "list", "--all", "--status", "all", "--json").json()}


def task_assignees(cli) -> dict[str, str | None]:  # noqa: ANN001
    return {t["action"]: t["assignee"] for t in cli.ok("tasks", "--everyone", "--json").json()}


def state(cli) -> tuple:  # noqa: ANN001
    """Everything a refused move could have touched."""
    return (
        cli.ok("customer", "list", "--all", "--json").json(),
        cli.ok("customer", "list", "--archived", "--json").json(),
        card(cli, "Acme")["ownership"],
        card(cli, "Globex")["ownership"],
        deal_owners(cli),
        task_assignees(cli),
    )


def test_transfer_moves_the_customer_with_its_open_deals_and_tasks(team) -> None:
    run = team.ok("customer", "transfer", "Acme", "--to", "carol", "--reason", "New territory", env=MIA)
    assert run.stdout.strip() == "Transferred Acme (#1) from bob to carol."
    acme = card(team, "Acme")
    assert acme["owner"] == "carol"
    last = acme["ownership"][-1]
    assert (last["kind"], last["from"], last["to"], last["by"], last["reason"]) == (
        "transfer", "bob", "carol", "mia", "New territory")
    assert last["at"] == "2026-11-23T09:00:00+08:00"
    # bob's open deal and open task go along; his won deal stays his (credit at the time
    # of the win), and alice's own deal on Acme stays hers.
    assert deal_owners(team) == {"Lathes": "carol", "Spare parts": "bob", "Alice's own": "alice"}
    assert task_assignees(team) == {"Send the quote": "carol"}
    assert [c["name"] for c in team.ok("customer", "list", "--json", env={"SALESCLI_USER": "carol"}).json()] == [
        "Acme"]
    # The card shows the change to a reader too.
    assert "transferred" in team.ok("customer", "show", "Acme").stdout

    done = team.ok("customer", "transfer", "1", "--to", "bob", "--json").json()  # alice, an admin
    assert done == {"id": 1, "name": "Acme", "kind": "transfer", "from": "carol", "to": "bob", "by": "alice",
                    "at": "2026-11-23T09:00:00+08:00", "reason": None, "deals_moved": 1, "tasks_moved": 1}
    assert [e["kind"] for e in card(team, "Acme")["ownership"]] == ["create", "transfer", "transfer"]


def test_assign_gives_a_pool_customer_to_a_rep(team) -> None:
    assert card(team, "Globex")["owner"] is None
    done = team.ok("customer", "assign", "Globex", "--to", "carol", "--reason", "Knows the buyer", "--json",
                   env=MIA).json()
    assert done == {"id": 2, "name": "Globex", "kind": "assign", "from": None, "to": "carol", "by": "mia",
                    "at": "2026-11-23T09:00:00+08:00", "reason": "Knows the buyer", "deals_moved": 0,
                    "tasks_moved": 0}
    globex = card(team, "Globex")
    assert globex["owner"] == "carol"
    assert globex["claimed_at"] == "2026-11-23T09:00:00+08:00"
    assert [(e["kind"], e["from"], e["to"], e["by"]) for e in globex["ownership"]] == [
        ("create", None, "dave", "dave"), ("release", "dave", None, "alice"), ("assign", None, "carol", "mia")]
    team.ok("customer", "transfer", "Globex", "--to", "bob", env=MIA)
    run = team.ok("customer", "transfer", "Globex", "--to", "carol", env=MIA)
    assert run.stdout.strip() == "Transferred Globex (#2) from bob to carol."


def test_reps_cannot_assign_transfer_or_hand_over(team) -> None:
    before = state(team)
    refusals = [
        (["customer", "assign", "Globex", "--to", "bob"], "assign pool customers to reps"),
        (["customer", "transfer", "Acme", "--to", "carol"], "transfer customers between reps"),
        (["handover", "--from", "bob", "--to", "carol"], "hand over a rep's customers"),
        (["handover", "--from", "bob", "--to", "carol", "--dry-run"], "hand over a rep's customers"),
    ]
    for args, action in refusals:
        one_line_error(team(*args, env=BOB), 1, f"Only a manager or an admin can {action}", "your role: rep",
                       "mia (manager)", "alice (admin)")
    assert state(team) == before


def test_assign_and_transfer_respect_the_recipients_cap(team) -> None:
    team.ok("config", "set", "pool.max_owned", "1")
    team.ok("customer", "add", "Initech", env={"SALESCLI_USER": "carol"})
    before = state(team)
    for verb, ref in (("assign", "Globex"), ("transfer", "Acme")):
        one_line_error(team("customer", verb, ref, "--to", "carol", env=MIA), 1,
                       "carol already owns 1 customers", "pool.max_owned = 1")
    assert state(team) == before
    # A manager taking one over for themselves hears it about themselves.
    team.ok("customer", "add", "Umbrella", env=MIA)
    one_line_error(team("customer", "assign", "Globex", "--to", "mia", env=MIA), 1, "You already own 1 customers")
    # Under the cap it goes through.
    team.ok("config", "set", "pool.max_owned", "2")
    team.ok("customer", "assign", "Globex", "--to", "carol", env=MIA)
    assert card(team, "Globex")["owner"] == "carol"


def test_bad_moves_are_refused_with_one_sentence_and_nothing_written(team) -> None:
    team.ok("customer", "add", "Oldco", env=BOB)
    team.ok("customer", "archive", "Oldco", env=BOB)
    team.ok("user", "add", "erin")
    team.ok("user", "deactivate", "erin")
    before = state(team)
    cases = [
        # the wrong verb names the right command
        (["customer", "assign", "Acme", "--to", "carol"], 1,
         ("Customer #1 Acme belongs to bob", "salescli customer transfer 1 --to carol")),
        (["customer", "transfer", "Globex", "--to", "carol"], 1,
         ("Customer #2 Globex is in the pool", "salescli customer assign 2 --to carol")),
        (["customer", "transfer", "Acme", "--to", "bob"], 1, ("Customer #1 Acme already belongs to bob",)),
        (["customer", "transfer", "Acme", "--to", "erin"], 1, ("erin is deactivated",)),
        (["customer", "assign", "Globex", "--to", "erin"], 1, ("erin is deactivated",)),
        (["customer", "transfer", "Oldco", "--to", "carol"], 1, ("Oldco is archived", "restore it first")),
        (["customer", "transfer", "Acme", "--to", "zed"], 2, ("There is no user 'zed'",)),
        (["customer", "assign", "Globex", "--to", "zed"], 2, ("There is no user 'zed'",)),
        (["customer", "transfer", "Nowhere Inc", "--to", "carol"], 2, ("No customer matches 'Nowhere Inc'",)),
        (["customer", "transfer", "Acme", "--to", "carol", "--reason", "x" * 501], 2, ("reason", "at most 500")),
        (["customer", "transfer", "Acme", "--to", "carol", "--reason", "a\x1bb"], 2, ("reason",)),
        (["handover", "--from", "bob", "--to", "bob"], 2, ("bob cannot hand over to themselves",)),
        (["handover", "--from", "bob", "--to", "BOB", "--dry-run"], 2, ("bob cannot hand over to themselves",)),
        (["handover", "--from", "bob", "--to", "zed"], 2, ("There is no user 'zed'",)),
        (["handover", "--from", "zed", "--to", "bob"], 2, ("There is no user 'zed'",)),
        (["handover", "--from", "bob", "--to", "erin"], 1, ("erin is deactivated",)),
    ]
    for args, code, needles in cases:
        one_line_error(team(*args, env=MIA), code, *needles)
    assert state(team) == before


def test_handover_dry_run_lists_and_writes_nothing(team) -> None:
    team.ok("customer", "add", "Oldco", env=BOB)
    team.ok("customer", "archive", "Oldco", env=BOB)
    before = state(team)
    run = team.ok("handover", "--from", "bob", "--to", "carol", "--dry-run", env=MIA)
    lines = run.stdout.splitlines()
    assert lines[0] == ("Dry run: 2 customers, 1 open deal and 1 open task would go from bob to carol;"
                        " nothing was changed.")
    assert any("Acme" in line for line in lines) and any("Oldco" in line and "archived" in line for line in lines)
    preview = team.ok("handover", "--from", "bob", "--to", "carol", "--dry-run", "--json", env=MIA).json()
    assert (preview["dry_run"], preview["customers_moved"], preview["deals_moved"], preview["tasks_moved"]) == (
        True, 2, 1, 1)
    assert preview["customers"] == [{"id": 1, "name": "Acme", "archived": False},
                                    {"id": 3, "name": "Oldco", "archived": True}]
    assert state(team) == before


def test_handover_moves_the_whole_book_past_the_cap(team) -> None:
    team.ok("customer", "add", "Oldco", env=BOB)
    team.ok("customer", "archive", "Oldco", env=BOB)
    team.ok("log", "Globex", "Called the pool customer", "--next", "tomorrow", "--next-action", "Call back",
            env=BOB)
    team.ok("config", "set", "pool.max_owned", "1")
    team.ok("customer", "add", "Initech", env={"SALESCLI_USER": "carol"})  # carol is at the cap
    run = team.ok("handover", "--from", "bob", "--to", "carol", env=MIA)
    assert run.stdout.splitlines()[0] == "Handed 2 customers, 1 open deal and 2 open tasks from bob over to carol."
    for name in ("Acme", "Oldco"):
        moved = card(team, name)
        assert moved["owner"] == "carol"
        assert [(e["kind"], e["from"], e["to"], e["by"]) for e in moved["ownership"]][-1] == (
            "handover", "bob", "carol", "mia")
    assert deal_owners(team) == {"Lathes": "carol", "Spare parts": "bob", "Alice's own": "alice"}
    assert task_assignees(team) == {"Send the quote": "carol", "Call back": "carol"}
    # bob has nothing left: saying so is no error.
    run = team.ok("handover", "--from", "bob", "--to", "carol", env=MIA)
    assert run.stdout.strip() == "bob has nothing to hand over: no customers, open deals or open tasks."
    assert team.ok("handover", "--from", "bob", "--to", "carol", "--json", env=MIA).json()["customers"] == []


def test_deactivating_with_a_handover_moves_open_deals_too(team) -> None:
    done = team.ok("user", "deactivate", "bob", "--handover-to", "carol", "--json").json()
    assert (done["customers_moved"], done["deals_moved"], done["tasks_moved"]) == (1, 1, 1)
    assert deal_owners(team) == {"Lathes": "carol", "Spare parts": "bob", "Alice's own": "alice"}
    assert task_assignees(team) == {"Send the quote": "carol"}
    assert card(team, "Acme")["ownership"][-1]["kind"] == "handover"
