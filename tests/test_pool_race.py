"""The pool's rules hold when reps claim at the same moment, and lazy recycling racing
with claims and assignments neither loses one nor writes an event twice
(docs/concurrency.md, docs/pool.md), on SQLite and on PostgreSQL.

Each race starts 8 to 10 real processes. They import salescli (and identify their rep)
first, then wait for one shared signal and act together, so the checks really race: one
race runs `salescli pool claim` itself; the others call the pool services several times
per process and report each call as the exit code and error code the command would end
with (docs/exit-codes.md). Afterwards the store's owners and ownership events must be
exactly what the rules allow, and nobody may have seen a lock error or a traceback.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from checks import one_line_error
from conftest import NOW, Run

MAX_OWNED, CLAIMS_PER_DAY = 3, 2
REPS = [f"rep{i}" for i in range(8)]
# The refusals a claim may meet in a race, and a piece of the sentence each shows the rep.
REFUSALS = {
    "pool.already_owned": "already own",
    "pool.cap_reached": f"the most allowed (pool.max_owned = {MAX_OWNED})",
    "pool.daily_limit": "(pool.claims_per_day",
}

# One racer: warm up (imports, the store, who am I), say ready, wait for the signal, then
# run its steps, printing one JSON line per step: the exit code a command would end with
# (docs/exit-codes.md), the error code, and the sentence a rep would read.
RACER = """
import json, os, sys, time
from salescli.core.errors import SalescliError
from salescli.core.i18n import set_language
from salescli.present.messages import sentence
from salescli.services import pool
from salescli.services.context import open_context
from salescli.services.transfers import assign_customer

set_language("en")
steps = json.loads(sys.argv[1])
ctx = open_context()
ctx.user_id  # identified before the race: the race is about the pool, not about users
open(os.environ["RACE_READY"], "w").close()
while not os.path.exists(os.environ["RACE_GO"]):
    time.sleep(0.0005)
for op, *args in steps:
    out = {"op": op, "args": args, "exit": 0}
    try:
        if op == "claim":
            out["claimed"] = [c.id for c in pool.claim(ctx, args[0]).claimed]
        elif op == "sweep":
            out["moved"] = [item.customer_id for item in pool.sweep(ctx).items]
        elif op == "assign":
            assign_customer(ctx, args[0], args[1])
        else:
            pool.ensure_recycled(ctx)
    except SalescliError as err:
        out |= {"exit": int(err.exit_code), "code": err.code, "sentence": sentence(err)}
    print(json.dumps(out), flush=True)
ctx.close()
"""


# The same, for a real command: `salescli ARGS...` once the signal comes.
CLI_RACER = """
import os, sys, time
import salescli.cli, salescli.commands.pool, salescli.services.pool, salescli.store.engine  # noqa
from salescli.__main__ import main
open(os.environ["RACE_READY"], "w").close()
while not os.path.exists(os.environ["RACE_GO"]):
    time.sleep(0.0005)
sys.argv = ["salescli", *sys.argv[1:]]
main()
"""


def launch(tmp_path: Path, script: str, runs: list[tuple[str, list[str]]], env: dict[str, str] | None = None,
           ) -> list[subprocess.CompletedProcess]:
    """Start `script` once per (rep, arguments), let them all warm up, then start them
    together; what each printed and its exit code. None may print a traceback or a word
    about locks."""
    go = tmp_path / "race-go"
    go.unlink(missing_ok=True)
    procs = []
    for i, (handle, args) in enumerate(runs):
        ready = tmp_path / f"race-ready-{i}"
        ready.unlink(missing_ok=True)
        extra = {"SALESCLI_USER": handle, "RACE_READY": str(ready), "RACE_GO": str(go)}
        procs.append(subprocess.Popen([sys.executable, "-c", script, *args], env=dict(os.environ) | (env or {}) | extra,
                                      stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
    give_up = time.monotonic() + 30
    while not all((tmp_path / f"race-ready-{i}").exists() for i in range(len(runs))):
        if any(p.poll() is not None for p in procs) or time.monotonic() > give_up:
            break
        time.sleep(0.01)
    go.touch()
    started = time.monotonic()
    outputs = [proc.communicate(timeout=60) for proc in procs]
    finished = [subprocess.CompletedProcess(p.args, p.returncode, *out) for p, out in zip(procs, outputs, strict=True)]
    assert time.monotonic() - started < 30, "the racers took too long"
    for run in finished:
        text = run.stdout + run.stderr
        assert "Traceback" not in text and "locked" not in text.lower(), (run.returncode, text)
    return finished


def race(tmp_path: Path, plans: list[tuple[str, list[list[Any]]]], env: dict[str, str] | None = None,
         ) -> list[list[dict[str, Any]]]:
    """Run each (rep, steps) plan in its own process, all starting together; each
    process's step outcomes, in plan order."""
    finished = launch(tmp_path, RACER, [(handle, [json.dumps(steps)]) for handle, steps in plans], env)
    for run in finished:
        assert run.returncode == 0, (run.returncode, run.stdout, run.stderr)
    return [[json.loads(line) for line in run.stdout.splitlines()] for run in finished]


# --------------------------------------------------------------------------- the store, read directly


class Store:
    """The test's store, read (and set up) with the services and plain SQL."""

    def __init__(self) -> None:
        self.contexts: dict[str, Any] = {}

    def ctx(self, handle: str = "alice") -> Any:
        """A context acting as `handle` at the tests' clock (NOW)."""
        from salescli.core.config import load
        from salescli.services.context import Context
        from salescli.services.identity import store_url

        if handle not in self.contexts:
            config = load()
            self.contexts[handle] = Context(config, store_url(config), handle)
        return self.contexts[handle]

    def rows(self, sql: str, **params: Any) -> list[Any]:
        with self.ctx().session() as session:
            return session.execute(sql, params).all()

    def user_ids(self) -> dict[str, int]:
        return {r.handle: r.id for r in self.rows("SELECT id, handle FROM users")}

    def owners(self) -> dict[int, int | None]:
        return {r.id: r.owner_id for r in self.rows("SELECT id, owner_id FROM customers")}

    def events(self, kind: str | None = None) -> list[Any]:
        rows = self.rows("SELECT customer_id, kind, from_user_id, to_user_id, at FROM ownership_events"
                         " ORDER BY at, id")
        return [r for r in rows if kind is None or r.kind == kind]

    def add(self, name: str, handle: str = "alice") -> int:
        from salescli.services.customers import CustomerInput, add_customer

        return add_customer(self.ctx(handle), CustomerInput(name=name)).customer.id

    def to_pool(self, name: str) -> int:
        """A customer alice adds and releases at once: a pool customer nobody races for."""
        from salescli.services.pool import release

        customer_id = self.add(name)
        release(self.ctx(), f"#{customer_id}", "not my region")
        return customer_id

    def close(self) -> None:
        for ctx in self.contexts.values():
            ctx.close()


@pytest.fixture
def store(cli) -> Any:
    cli.ok("user", "list")  # the store exists, alice is its admin
    for rep in REPS:
        cli.ok("user", "add", rep)
    opened = Store()
    yield opened
    opened.close()


def assert_trail_matches_owners(store: Store) -> None:
    """Every change of hands left one event, and each customer's owner is the one its
    last event gave it to."""
    owners = store.owners()
    last: dict[int, Any] = {}
    for event in store.events():
        last[event.customer_id] = event
    for customer_id, owner in owners.items():
        assert last[customer_id].to_user_id == owner, (customer_id, owner, last[customer_id])


# --------------------------------------------------------------------------- the claim race


def test_reps_racing_for_pool_customers_stay_within_the_cap_and_the_daily_limit(cli, store, tmp_path) -> None:
    # rep0-rep3 own 2 customers each (room for 1 under the cap of 3); rep4-rep7 own none,
    # so the daily limit of 2 binds them. rep0 and rep4 also race against themselves.
    for rep in REPS[:4]:
        store.add(f"{rep} Own One", rep)
        store.add(f"{rep} Own Two", rep)
    pool = [store.to_pool(f"Pool Company {i}") for i in range(6)]
    cli.ok("config", "set", "pool.max_owned", str(MAX_OWNED))
    cli.ok("config", "set", "pool.claims_per_day", str(CLAIMS_PER_DAY))
    ids = store.user_ids()
    pairs = [[f"#{pool[i]}", f"#{pool[i + 1]}"] for i in (0, 2, 4)]

    def one_by_one(order: list[int]) -> list[list[Any]]:
        return [["claim", [f"#{pool[i]}"]] for i in order]

    forward, backward = one_by_one([0, 1, 2, 3, 4, 5]), one_by_one([5, 4, 3, 2, 1, 0])
    plans = [
        ("rep0", forward), ("rep0", backward), ("rep1", backward), ("rep2", forward), ("rep3", backward),
        ("rep4", forward), ("rep4", backward), ("rep5", forward),
        # all or none, the pair named in either order
        ("rep6", [["claim", p] for p in pairs]), ("rep7", [["claim", p[::-1]] for p in pairs]),
    ]
    outcomes = race(tmp_path, plans)

    won: list[tuple[str, int]] = []
    for (handle, _steps), steps in zip(plans, outcomes, strict=True):
        for step in steps:
            if step["exit"] == 0:
                assert sorted(step["claimed"]) == sorted(int(ref[1:]) for ref in step["args"][0])
                won += [(handle, customer_id) for customer_id in step["claimed"]]
            else:  # a loser is told which rule said no, in a sentence, never a lock or a crash
                assert step["exit"] == 1, step
                assert step["code"] in REFUSALS and REFUSALS[step["code"]] in step["sentence"], step
                assert "locked" not in step["sentence"].lower(), step

    # Every pool customer found exactly one winner (the reps had room for 12), and each
    # win is exactly one claim event, the customer's owner now.
    assert sorted(customer_id for _h, customer_id in won) == sorted(pool), won
    claims = store.events("claim")
    assert Counter((e.to_user_id, e.customer_id) for e in claims) == Counter((ids[h], c) for h, c in won)
    owners = store.owners()
    for handle, customer_id in won:
        assert owners[customer_id] == ids[handle]
    assert_trail_matches_owners(store)

    # Nobody ended above the cap, nobody claimed more than the day allows.
    for rep in REPS:
        owned = sum(1 for owner in owners.values() if owner == ids[rep])
        assert owned <= MAX_OWNED, (rep, owned)
        assert sum(1 for e in claims if e.to_user_id == ids[rep]) <= CLAIMS_PER_DAY, rep
    assert len(store.events("recycle")) == 0


def test_eight_reps_claiming_one_customer_at_the_command_line_one_wins(cli, store, tmp_path) -> None:
    customer_id = store.to_pool("Hongda Machinery")
    results = launch(tmp_path, CLI_RACER, [(rep, ["pool", "claim", f"#{customer_id}"]) for rep in REPS])

    assert sorted(r.returncode for r in results) == [0] + [1] * 7, [(r.returncode, r.stderr) for r in results]
    winner = next(rep for rep, r in zip(REPS, results, strict=True) if r.returncode == 0)
    for result in results:
        if result.returncode:  # one sentence that names who has it, nothing else
            assert result.stdout == ""
            one_line_error(Run(result.returncode, result.stdout, result.stderr), 1,
                           f"#{customer_id} Hongda Machinery", f"already owned by {winner}")
    assert store.owners()[customer_id] == store.user_ids()[winner]
    assert [(e.kind, e.customer_id) for e in store.events("claim")] == [("claim", customer_id)]


def test_reps_naming_the_same_customers_in_opposite_orders_each_get_all_or_none(cli, store, tmp_path) -> None:
    # Every rep claims the same eight pairs, half of them naming each pair the other way
    # round. A claim takes its rows in id order, so two claims never each hold a row the
    # other waits for (PostgreSQL would end one with "deadlock detected").
    pool = [store.to_pool(f"Pool Company {i}") for i in range(16)]
    cli.ok("config", "set", "pool.claims_per_day", "100")  # only the race decides
    pairs = [[f"#{pool[i]}", f"#{pool[i + 1]}"] for i in range(0, 16, 2)]
    plans = [(rep, [["claim", pair if i % 2 else pair[::-1]] for pair in pairs]) for i, rep in enumerate(REPS)]
    outcomes = race(tmp_path, plans)

    ids, owners = store.user_ids(), store.owners()
    winners = {}
    for (handle, _steps), steps in zip(plans, outcomes, strict=True):
        for step in steps:
            pair = tuple(sorted(int(ref[1:]) for ref in step["args"][0]))
            if step["exit"] == 0:
                assert pair not in winners, (pair, winners[pair], handle)
                winners[pair] = handle
            else:
                assert (step["exit"], step["code"]) == (1, "pool.already_owned"), step
                assert REFUSALS["pool.already_owned"] in step["sentence"], step
    assert len(winners) == len(pairs)  # each pair went, whole, to one rep
    for (first, second), handle in winners.items():
        assert owners[first] == owners[second] == ids[handle]
    claims = Counter((e.customer_id, e.to_user_id) for e in store.events("claim"))
    assert claims == Counter((c, ids[h]) for pair, h in winners.items() for c in pair)
    assert_trail_matches_owners(store)


# --------------------------------------------------------------------------- lazy recycling racing claims and assigns


def test_recycling_racing_claims_and_assigns_loses_nothing_and_recycles_once(cli, store, tmp_path) -> None:
    # Each rep owns one customer left untouched, one they locked, and alice one with a
    # deal in negotiation and one with a deal won: 40 days later the untouched ones are
    # due (past both the 15 and the 30 days), the others exempt. Then rep0-rep3 each claim
    # a pool customer while alice assigns each of them another, every process sweeping or
    # reading (which recycles) before or after.
    from salescli.services.deals import add_deal, win_deal
    from salescli.services.pool import set_locked

    due = {rep: store.add(f"{rep} Forgotten Co", rep) for rep in REPS}
    locked = {rep: store.add(f"{rep} Locked Co", rep) for rep in REPS}
    for rep, customer_id in locked.items():
        set_locked(store.ctx(rep), f"#{customer_id}", True)
    negotiating, won = store.add("Negotiating Co"), store.add("Won Co")
    add_deal(store.ctx(), f"#{negotiating}", "Big order", amount="50000", close="2026-12-20", stage="negotiation")
    deal = add_deal(store.ctx(), f"#{won}", "Small order", amount="5000")
    win_deal(store.ctx(), deal.id)
    takers = REPS[:4]
    claimed = {rep: store.to_pool(f"Pool Company {i}") for i, rep in enumerate(takers)}
    assigned = {rep: store.to_pool(f"Pool Company {i + 4}") for i, rep in enumerate(takers)}
    later = datetime.fromisoformat(NOW) + timedelta(days=40)
    ids = store.user_ids()

    def plan(i: int, move: list[Any]) -> list[list[Any]]:
        return [move, ["sweep"]] if i % 2 == 0 else [["ensure" if i % 4 == 1 else "sweep"], move]

    plans = []
    for i, rep in enumerate(takers):
        plans.append((rep, plan(i, ["claim", [f"#{claimed[rep]}"]])))
        plans.append(("alice", plan(i + 1, ["assign", f"#{assigned[rep]}", rep])))
    outcomes = race(tmp_path, plans, env={"SALESCLI_NOW": later.isoformat()})

    for steps in outcomes:  # every claim, assign, sweep and read went through
        assert [s["exit"] for s in steps] == [0, 0], steps
    owners = store.owners()
    recycles = Counter(e.customer_id for e in store.events("recycle"))
    assert recycles == Counter(due.values()), recycles  # each due customer once, nothing else
    assert all(owners[c] is None for c in due.values())
    for rep in takers:  # nothing taken was lost to the recycling around it
        assert owners[claimed[rep]] == owners[assigned[rep]] == ids[rep]
    for rep in REPS:
        assert owners[locked[rep]] == ids[rep]
    assert owners[negotiating] == ids["alice"] and owners[won] == ids["alice"]
    taken = Counter((e.kind, e.customer_id, e.to_user_id) for e in store.events() if e.kind in ("claim", "assign"))
    assert taken == Counter([("claim", claimed[r], ids[r]) for r in takers] +
                            [("assign", assigned[r], ids[r]) for r in takers])
    # What the sweeps reported moving, they moved themselves: no customer twice.
    moved = [c for steps in outcomes for s in steps if s["op"] == "sweep" for c in s["moved"]]
    assert len(moved) == len(set(moved)) and set(moved) <= set(due.values()), moved
    assert_trail_matches_owners(store)
