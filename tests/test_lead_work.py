"""`salescli lead list|show|take|release|assign|log|convert|disqualify|reopen|merge`: working
leads as a rep and a manager do (docs/leads.md), on SQLite and PostgreSQL.

Leads are written straight into the store by `add_leads` (store/queries/leads.py
`insert_many`, the importer's bulk insert), so these tests do not depend on `lead import`.
alice is the store's admin; bob, a rep, puts the pool rules in force.
"""

from __future__ import annotations

import pytest

from checks import one_line_error
from lead_rows import add_leads, lead

BOB = {"SALESCLI_USER": "bob"}
ROW_KEYS = {"id", "company", "contact", "phone", "email", "city", "source", "status", "owner", "customer_id",
            "flags", "last_contact_at", "created_at"}


def ids(run) -> list[int]:  # noqa: ANN001 - a conftest.Run
    return [row["id"] for row in run.json()]


def card(cli, ref: str) -> dict:  # noqa: ANN001
    return cli.ok("lead", "show", ref, "--json").json()


@pytest.fixture
def team(cli):  # noqa: ANN001, ANN201 - a conftest.Cli
    """Three pool leads: #1 Acme (Zhang Wei, expo), #2 Globex (Li Na, web), #3 Wang Fang
    (a person without a company, web)."""
    cli.ok("user", "add", "bob")
    add_leads(
        lead("Acme", "Zhang Wei", phone="13800138000", source="expo", city="Shanghai"),
        lead("Globex", "Li Na", email="li@globex.cn", source="web", title="Buyer"),
        lead(None, "Wang Fang", phone="13900139000", source="web"),
    )
    return cli


# --- list and show ----------------------------------------------------------------------------


def test_list_shows_your_open_leads_newest_first_and_filters(team) -> None:
    assert ids(team.ok("lead", "list", "--pool", "--json")) == [3, 2, 1]
    assert ids(team.ok("lead", "list", "--json")) == []
    assert team.ok("lead", "list").stdout == "No leads match.\n"
    team.ok("lead", "take", "1", "#2")
    team.ok("lead", "take", "3", env=BOB)
    rows = team.ok("lead", "list", "--json").json()
    assert [r["id"] for r in rows] == [2, 1] and set(rows[0]) == ROW_KEYS
    assert (rows[1]["company"], rows[1]["owner"], rows[1]["status"]) == ("Acme", "alice", "new")
    assert ids(team.ok("lead", "list", "--source", "web", "--json")) == [2]
    assert ids(team.ok("lead", "list", "--search", "GLOBEX", "--json")) == [2]
    assert ids(team.ok("lead", "list", "--status", "converted", "--json")) == []
    assert ids(team.ok("lead", "list", "--all", "--json")) == [3, 2, 1]
    assert ids(team.ok("lead", "list", "--owner", "bob", "--json")) == [3]
    assert ids(team.ok("lead", "list", "--json", env=BOB)) == [3]
    run = team.ok("lead", "list", "--limit", "1")
    assert "Globex" in run.stdout and "Acme" not in run.stdout
    assert run.stdout.splitlines()[-1] == "The first 1 lead (--limit)."
    assert team.ok("lead", "list").stdout.splitlines()[-1] == "2 leads"
    # A rep reads their own leads and the pool, not the team's.
    one_line_error(team("lead", "list", "--all", env=BOB), 1, "Only managers and admins can list other reps' leads")
    one_line_error(team("lead", "list", "--owner", "alice", env=BOB), 1, "Only managers and admins")
    one_line_error(team("lead", "list", "--mine", "--pool"), 2, "Choose one of --mine, --pool")
    one_line_error(team("lead", "list", "--status", "won"), 2,
                   "Status must be one of new, working, converted, disqualified, not 'won'")


def test_show_is_the_whole_card_with_extra_data_origin_and_timeline(cli) -> None:
    cli.ok("user", "add", "bob")
    add_leads(lead("Initech", "Peter Gibbons", phone="12345", email="peter@", source="expo", source_line=7,
                   flags="bad_phone,bad_email", extra='{"Booth": "A12", "Interest": "TPS reports"}',
                   note="Met at the stand"), batch="expo-2026.csv")
    cli.ok("lead", "take", "1")
    cli.ok("lead", "log", "1", "Asked for a brochure", "--kind", "email", "--at", "2026-11-22 15:00")
    run = cli.ok("lead", "show", "#1")
    out = run.stdout
    assert out.splitlines()[0] == "#1 Initech (Peter Gibbons)  [working]"
    for fragment in ("Imported from │ batch #1, expo-2026.csv, line 7", "phone looks wrong, e-mail looks wrong",
                     "Booth    │ A12", "Interest │ TPS reports", "Note", "Met at the stand", "pool → alice",
                     "Asked for a brochure"):
        assert fragment in out, (fragment, out)
    data = card(cli, "1")
    assert data["extra"] == {"Booth": "A12", "Interest": "TPS reports"}
    assert data["flags"] == ["bad_phone", "bad_email"]
    assert data["origin"] == {"batch_id": 1, "file_name": "expo-2026.csv", "line": 7,
                              "imported_at": "2026-11-20T10:00:00+08:00"}
    assert [(e["kind"], e["by"]) for e in data["events"]] == [("follow_up", "alice"), ("take", "alice")]
    assert data["events"][0]["at"] == "2026-11-22T15:00:00+08:00"
    assert data["last_contact_at"] == "2026-11-22T15:00:00+08:00"
    one_line_error(cli("lead", "show", "99"), 2, "There is no lead #99.")
    one_line_error(cli("lead", "show", "Acme"), 2, "'Acme' is not a lead id")


# --- take, release, assign --------------------------------------------------------------------


def test_take_follows_the_pool_limits_all_or_none(team) -> None:
    team.ok("config", "set", "pool.claims_per_day", "2")
    add_leads(lead("Hooli", "Gavin Belson", source="expo"))
    run = team.ok("lead", "take", "1", "2")
    assert run.stdout == "Took #1 Acme (Zhang Wei), #2 Globex (Li Na); 0 of 2 takes left today.\n"
    one_line_error(team("lead", "take", "3"), 1, "You have already taken 2 leads today, the most allowed"
                   " (pool.claims_per_day = 2); you can take more from Tue Nov 24.")
    # Customer claims are counted apart: taking leads used none of them.
    team.ok("customer", "add", "Umbrella", env=BOB)
    team.ok("pool", "release", "Umbrella", "--reason", "Not my region", env=BOB)
    team.ok("pool", "claim", "Umbrella")
    # All or none: #1 is alice's, so bob takes neither.
    one_line_error(team("lead", "take", "4", "1", env=BOB), 1, "Lead #1 Acme (Zhang Wei) is already owned by alice")
    assert card(team, "4")["owner"] is None
    one_line_error(team("lead", "take", "1"), 1, "You already own lead #1 Acme (Zhang Wei).")
    # The reclaim cool-down after your own release.
    one_line_error(team("lead", "release", "1"), 2, "give --reason TEXT")
    assert team.ok("lead", "release", "1", "--reason", "Wrong region").stdout == (
        "Released lead #1 Acme (Zhang Wei) to the pool.\n")
    tomorrow = {"SALESCLI_NOW": "2026-11-24T09:00:00+08:00"}
    one_line_error(team("lead", "take", "1", env=tomorrow), 1, "You released lead #1 Acme (Zhang Wei) on Mon Nov 23"
                   " 09:00; you can take it again from Mon Nov 30 09:00.")
    team.ok("lead", "take", "1", env=BOB)
    events = card(team, "1")["events"]
    assert [(e["kind"], e["from"], e["to"], e["summary"]) for e in events] == [
        ("take", None, "alice", None), ("release", "alice", None, "Wrong region"), ("take", None, "bob", None)]


def test_assign_is_for_managers(team) -> None:
    one_line_error(team("lead", "assign", "1", "--to", "alice", env=BOB), 1,
                   "Only managers and admins can assign leads (your role: rep); ask alice.")
    assert team.ok("lead", "assign", "1", "--to", "bob").stdout == "Assigned lead #1 Acme (Zhang Wei) to bob.\n"
    assert card(team, "1")["owner"] == "bob"
    team.ok("lead", "assign", "1", "--to", "alice")
    assert [(e["kind"], e["from"], e["to"], e["by"]) for e in card(team, "1")["events"]] == [
        ("assign", None, "bob", "alice"), ("assign", "bob", "alice", "alice")]
    one_line_error(team("lead", "assign", "1", "--to", "nobody"), 2, "nobody")


# --- log, disqualify, reopen ------------------------------------------------------------------


def test_log_makes_a_new_lead_working_and_needs_its_owner(team) -> None:
    one_line_error(team("lead", "log", "1", "Called"), 1, "Lead #1 Acme (Zhang Wei) is in the pool; take it first:"
                   " salescli lead take 1")
    team.ok("lead", "take", "1")
    one_line_error(team("lead", "log", "1", "Called", env=BOB), 1,
                   "Lead #1 Acme (Zhang Wei) belongs to alice; only they or a manager can log on it.")
    one_line_error(team("lead", "log", "1", "Called", "--kind", "fax"), 2, "fax")
    one_line_error(team("lead", "log", "1", "Called", "--at", "tomorrow"), 2)
    run = team.ok("lead", "log", "1", "Called, wants a quote", "--kind", "visit")
    assert run.stdout == "Logged a follow-up on lead #1 Acme (Zhang Wei) (working).\n"
    data = card(team, "1")
    assert (data["status"], data["last_contact_at"]) == ("working", "2026-11-23T09:00:00+08:00")
    assert data["events"][-1] | {"id": 0} == {
        "id": 0, "kind": "follow_up", "at": "2026-11-23T09:00:00+08:00", "by": "alice", "from": None, "to": None,
        "follow_up_kind": "visit", "summary": "Called, wants a quote", "customer_id": None, "deal_id": None,
        "other_lead_id": None}


def test_disqualify_needs_a_reason_and_reopen_brings_it_back(team) -> None:
    team.ok("lead", "take", "2")
    one_line_error(team("lead", "disqualify", "2"), 2, "Disqualifying a lead needs a reason: give --reason TEXT.")
    one_line_error(team("lead", "disqualify", "2", "--reason", "  "), 2)
    assert card(team, "2")["status"] == "new"
    run = team.ok("lead", "disqualify", "2", "--reason", "Student, no budget")
    assert run.stdout == "Disqualified lead #2 Globex (Li Na): Student, no budget\n"
    data = card(team, "2")
    assert (data["status"], data["disqualify_reason"]) == ("disqualified", "Student, no budget")
    assert ids(team.ok("lead", "list", "--json")) == []
    assert ids(team.ok("lead", "list", "--status", "disqualified", "--json")) == [2]
    one_line_error(team("lead", "log", "2", "Called"), 1, "Lead #2 Globex (Li Na) is disqualified; it cannot be"
                   " logged on now.")
    one_line_error(team("lead", "disqualify", "2", "--reason", "again"), 1, "is disqualified")
    team.ok("lead", "reopen", "2")
    data = card(team, "2")
    assert (data["status"], data["disqualify_reason"]) == ("working", None)
    assert [e["kind"] for e in data["events"]] == ["take", "disqualify", "reopen"]
    one_line_error(team("lead", "reopen", "2"), 1, "is working; it cannot be reopened now")


# --- convert ----------------------------------------------------------------------------------


def test_convert_creates_customer_contact_and_deal_and_keeps_the_follow_ups(team) -> None:
    team.ok("lead", "take", "2", env=BOB)
    team.ok("lead", "log", "2", "Demo went well", "--at", "2026-11-22 10:00", env=BOB)
    run = team.ok("lead", "convert", "2", "--deal", "Annual licence", "--amount", "1.2万", env=BOB)
    assert run.stdout == ("Converted lead #2 Globex (Li Na) into new customer #1 Globex, owned by bob. Contact #1"
                          " added. Deal #1 opened. 1 follow-up copied to the customer.\n")
    customer = team.ok("customer", "show", "Globex", "--json").json()
    assert (customer["owner"], customer["source"], customer["email"]) == ("bob", "web", None)
    assert [(c["name"], c["title"], c["email"], c["primary"]) for c in customer["contacts"]] == [
        ("Li Na", "Buyer", "li@globex.cn", True)]
    assert [(f["summary"], f["author"], f["happened_at"]) for f in customer["timeline"]] == [
        ("Demo went well", "bob", "2026-11-22T10:00:00+08:00")]
    assert customer["last_contact_at"] == "2026-11-22T10:00:00+08:00"
    assert [(d["title"], d["amount"], d["owner"], d["stage"]) for d in customer["deals"]] == [
        ("Annual licence", "12000.00", "bob", "new")]
    assert [e["kind"] for e in customer["ownership"]] == ["create"]
    data = card(team, "2")
    assert (data["status"], data["customer"], data["deal_id"]) == ("converted", {"id": 1, "name": "Globex"}, 1)
    assert data["events"][-1]["kind"] == "convert" and data["events"][-1]["customer_id"] == 1
    one_line_error(team("lead", "convert", "2", env=BOB), 1,
                   "Lead #2 Globex (Li Na) is already converted, into customer #1 Globex.")
    # A person without a company becomes a person-customer, reachable by its phone.
    team.ok("lead", "take", "3")
    done = team.ok("lead", "convert", "3", "--json").json()
    assert (done["customer"], done["customer_created"], done["contact_id"], done["deal_id"]) == (
        "Wang Fang", True, None, None)
    assert team.ok("customer", "show", "Wang Fang", "--json").json()["phone"] == "13900139000"


def test_a_duplicate_conversion_is_refused_and_writes_nothing(team) -> None:
    team.ok("customer", "add", "ACME Co., Ltd.", "--city", "Shanghai")
    team.ok("lead", "take", "1")
    team.ok("lead", "log", "1", "Called")
    run = team("lead", "convert", "1", "--deal", "Pumps", "--amount", "5000")
    one_line_error(run, 1, "Lead #1 Acme (Zhang Wei) would duplicate customer #1 ACME Co., Ltd. (same name, owned by"
                   " alice); convert it into that customer with --customer 1.")
    assert [c["name"] for c in team.ok("customer", "list", "--all", "--json").json()] == ["ACME Co., Ltd."]
    assert team.ok("deal", "list", "--json").json() == []
    assert team.ok("customer", "show", "1", "--json").json()["contacts"] == []
    assert card(team, "1")["status"] == "working"
    one_line_error(team("lead", "convert", "1", "--amount", "5000"), 2, "--amount belongs to a deal")
    # Into the existing customer: the person joins it, nothing new is created.
    done = team.ok("lead", "convert", "1", "--customer", "1", "--json").json()
    assert (done["customer_id"], done["customer_created"], done["follow_ups_copied"]) == (1, False, 1)
    customer = team.ok("customer", "show", "1", "--json").json()
    assert [c["name"] for c in customer["contacts"]] == ["Zhang Wei"]
    assert [f["summary"] for f in customer["timeline"]] == ["Called"]
    # The person's e-mail is a customer's already: the same refusal, saying why.
    team.ok("customer", "add", "Globe Trading", "--email", "LI@globex.cn", env=BOB)
    team.ok("lead", "take", "2")
    one_line_error(team("lead", "convert", "2"), 1, "would duplicate customer #2 Globe Trading (same phone or e-mail,"
                   " owned by bob)")


def test_a_lead_linked_on_import_converts_into_its_customer(team) -> None:
    team.ok("customer", "add", "Hooli", "--city", "Palo Alto")
    add_leads(lead("Hooli Inc.", "Gavin Belson", phone="13700137000", customer_id=1, source="referral"))
    team.ok("lead", "take", "4")
    done = team.ok("lead", "convert", "4", "--json").json()
    assert (done["customer_id"], done["customer"], done["customer_created"]) == (1, "Hooli", False)
    assert len(team.ok("customer", "list", "--all", "--json").json()) == 1
    assert [c["phone"] for c in team.ok("customer", "show", "1", "--json").json()["contacts"]] == ["13700137000"]


def test_a_conversion_past_the_cap_is_refused_with_the_cap_sentence(team) -> None:
    team.ok("config", "set", "pool.max_owned", "1")
    team.ok("customer", "add", "Umbrella")
    team.ok("lead", "take", "1")
    one_line_error(team("lead", "convert", "1", "--deal", "Pumps"), 1,
                   "you already own 1 customer, the most allowed (pool.max_owned = 1)")
    assert len(team.ok("customer", "list", "--all", "--json").json()) == 1
    assert team.ok("deal", "list", "--json").json() == []
    assert (card(team, "1")["status"], card(team, "1")["customer"]) == ("new", None)


# --- merge ------------------------------------------------------------------------------------


def test_merge_moves_events_fills_fields_and_archives_the_other(team) -> None:
    add_leads(lead("ACME Ltd", "Zhang Wei", email="zw@acme.cn", wechat="zhangwei88", extra='{"Booth": "B7"}'))
    team.ok("lead", "take", "1", "4")
    team.ok("lead", "log", "4", "Sent the catalogue", "--kind", "email")
    one_line_error(team("lead", "merge", "1", "#1"), 2, "Lead #1 cannot be merged with itself.")
    one_line_error(team("lead", "merge", "1", "4", env=BOB), 1, "belongs to alice")
    run = team.ok("lead", "merge", "1", "4")
    assert run.stdout == ("Merged lead #4 into #1 Acme (Zhang Wei); #4 is archived. Filled from it: email,"
                          " wechat.\n")
    kept = card(team, "1")
    assert (kept["phone"], kept["email"], kept["wechat"], kept["status"]) == (
        "13800138000", "zw@acme.cn", "zhangwei88", "working")
    assert kept["extra"] == {"Booth": "B7"}
    assert [(e["kind"], e["other_lead_id"]) for e in kept["events"]] == [
        ("take", None), ("take", None), ("follow_up", None), ("merge", 4)]
    other = card(team, "4")
    assert (other["archived"], other["merged_into_id"], other["events"]) == (True, 1, [])
    assert ids(team.ok("lead", "list", "--json")) == [1]
    one_line_error(team("lead", "merge", "1", "4"), 1, "Lead #4 ACME Ltd (Zhang Wei) was merged into lead #1")
    one_line_error(team("lead", "log", "4", "Called"), 1, "was merged into lead #1; work that one instead.")


def test_a_converted_lead_is_not_merged_into_another_customer(team) -> None:
    team.ok("lead", "take", "1", "2")
    team.ok("lead", "convert", "2")
    one_line_error(team("lead", "merge", "1", "2"), 1, "Lead #2 Globex (Li Na) was converted into customer #1"
                   " Globex, and lead #1 was not; merge them the other way round: salescli lead merge 2 1")
    team.ok("lead", "merge", "2", "1")
    assert card(team, "1")["merged_into_id"] == 2


# --- two reps, one lead -----------------------------------------------------------------------

RACER = """
import os, sys, time
from salescli.core.errors import SalescliError
from salescli.services import leads
from salescli.services.context import open_context
ctx = open_context()
ctx.user_id  # identified before the race: the race is about the lead
open(os.environ["RACE_READY"], "w").close()
while not os.path.exists(os.environ["RACE_GO"]):
    time.sleep(0.0005)
try:
    leads.take(ctx, ["1"])
    print("taken")
except SalescliError as err:
    print(err.code)
ctx.close()
"""


def test_two_reps_taking_one_lead_leave_one_owner(team, tmp_path) -> None:  # noqa: ANN001
    import os
    import subprocess
    import sys
    import time

    reps = ["alice", "bob", "carol", "dave"]
    for rep in reps[2:]:
        team.ok("user", "add", rep)
    go = tmp_path / "go"
    procs = [subprocess.Popen([sys.executable, "-c", RACER], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              env=os.environ | {"SALESCLI_USER": rep, "RACE_READY": str(tmp_path / rep),
                                                "RACE_GO": str(go)}) for rep in reps]
    give_up = time.monotonic() + 30
    while not all((tmp_path / rep).exists() for rep in reps) and time.monotonic() < give_up:
        time.sleep(0.01)
    go.touch()
    outcomes = [proc.communicate(timeout=60) for proc in procs]
    assert all(err == "" for _out, err in outcomes), outcomes
    assert sorted(out.strip() for out, _err in outcomes) == ["lead.already_owned"] * 3 + ["taken"]
    winner = reps[[out.strip() for out, _err in outcomes].index("taken")]
    data = card(team, "1")
    assert data["owner"] == winner
    assert [(e["kind"], e["to"]) for e in data["events"]] == [("take", winner)]
