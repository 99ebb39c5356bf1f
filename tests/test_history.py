"""`salescli customer history` and the card of a pool customer (docs/ownership.md "Where
the history is shown"): the next rep sees who had a customer, what was done, and why it
was let go.

Histories are made with the commands at earlier clocks (`SALESCLI_NOW` per command), all
within the last two weeks so that no pool rule moves anything at the test's own clock; a
recycle is written straight into the store, as the lazy recycling writes it.
"""

from __future__ import annotations

from datetime import datetime

from checks import one_line_error as assert_error

DAY = "2026-11-{:02d}T09:00:00+08:00"  # the test clock is Nov 23


def at(day: int, **env: str) -> dict[str, str]:
    return {"SALESCLI_NOW": DAY.format(day), **env}


def released_by_bob(cli) -> None:  # noqa: ANN001 - a conftest.Cli
    """Acme: bob creates it (13th), calls (14th), emails (16th), alice logs a fair visit of
    the 17th late (on the 21st), bob leaves and his book goes to the pool (18th)."""
    cli.ok("user", "add", "bob", env=at(13))
    bob = {"SALESCLI_USER": "bob"}
    cli.ok("customer", "add", "Acme Robotics", env=at(13, **bob))
    cli.ok("log", "Acme", "Intro call", "--next", "+3d", "--next-action", "Send the catalogue", env=at(14, **bob))
    cli.ok("log", "Acme", "Sent the catalogue, no answer", "--kind", "email", env=at(16, **bob))
    cli.ok("user", "deactivate", "bob", "--release", env=at(18))
    cli.ok("log", "Acme", "Met them at the fair", "--kind", "visit", "--at", "-4d", env=at(21))
    cli.ok("log", "Acme", "Called: they buy from a competitor now", env=at(22))


def recycle(name: str, *, day: int, reason: str) -> None:
    """What lazy recycling does to `name`: back to the pool with a recycle event."""
    from salescli.services.context import open_context
    from salescli.store.queries import ownership

    ctx = open_context()
    try:
        with ctx.session(write=True) as session:
            row = session.execute("SELECT id, owner_id FROM customers WHERE name = :n", {"n": name}).first()
            moment = datetime.fromisoformat(DAY.format(day))
            ownership.record_event(session, customer_id=row.id, kind="recycle", at=moment, from_user_id=row.owner_id,
                                   reason=reason)
            ownership.set_owner(session, row.id, None, at=moment)
    finally:
        ctx.close()


def imported_into_pool(name: str, reason: str) -> None:
    """What an import does: a customer nobody ever owned, created in the pool."""
    from salescli.services.context import open_context

    ctx = open_context()
    try:
        with ctx.session(write=True) as session:
            customer = session.execute("SELECT id FROM customers WHERE name = :n", {"n": name}).scalar()
            session.execute("UPDATE customers SET owner_id = NULL, claimed_at = NULL WHERE id = :id", {"id": customer})
            session.execute("UPDATE ownership_events SET to_user_id = NULL, by_user_id = NULL, reason = :r"
                            " WHERE customer_id = :id", {"id": customer, "r": reason})
    finally:
        ctx.close()


def test_history_interleaves_changes_of_owner_and_follow_ups_oldest_first(cli) -> None:
    released_by_bob(cli)
    found = cli.ok("customer", "history", "Acme", "--json").json()
    assert (found["name"], found["owner"]) == ("Acme Robotics", None)
    assert isinstance(found["id"], int)
    entries = found["entries"]
    # By when it happened, not when it was typed: the fair visit logged on the 21st
    # happened on the 17th, before bob left.
    assert [(e["type"], e["kind"], e["at"][:10]) for e in entries] == [
        ("ownership", "create", "2026-11-13"),
        ("follow_up", "call", "2026-11-14"),
        ("follow_up", "email", "2026-11-16"),
        ("follow_up", "visit", "2026-11-17"),
        ("ownership", "release", "2026-11-18"),
        ("follow_up", "call", "2026-11-22"),
    ]
    create, intro, *_middle, release, last = entries
    assert set(create) == {"type", "id", "at", "kind", "from", "to", "by", "reason"}
    assert (create["from"], create["to"], create["by"]) == (None, "bob", "bob")
    assert (release["from"], release["to"], release["by"], release["reason"]) == ("bob", None, "alice", None)
    assert set(intro) == {"type", "id", "at", "kind", "author", "contact", "summary", "next_action", "due_on"}
    assert (intro["author"], intro["summary"], intro["next_action"], intro["due_on"]) == (
        "bob", "Intro call", "Send the catalogue", "2026-11-17")
    assert intro["at"] == "2026-11-14T09:00:00+08:00"
    assert (last["author"], last["next_action"], last["due_on"]) == ("alice", None, None)

    lines = cli.ok("customer", "history", "Acme").stdout.splitlines()
    assert "#" in lines[0] and "Acme Robotics" in lines[0] and "in the pool" in lines[0]
    body = "\n".join(lines)
    order = ["created", "Intro call", "Next: Send the catalogue, Nov 17, 2026", "Sent the catalogue",
             "Met them at the fair", "released", "competitor"]
    positions = [body.index(text) for text in order]
    assert positions == sorted(positions), body
    [release_line] = [line for line in lines if "released" in line]
    assert "bob → pool" in release_line and "by alice" in release_line


def test_history_words_a_recycle_by_its_rule_and_names_who_moved_a_customer(cli) -> None:
    cli.ok("customer", "add", "Globex", env=at(12))
    recycle("Globex", day=20, reason="no_follow_up:15")
    run = cli.ok("customer", "history", "Globex")
    [line] = [line for line in run.stdout.splitlines() if "recycled" in line]
    assert "alice → pool" in line and "no follow-up for 15 days" in line
    [event] = [e for e in cli.ok("customer", "history", "Globex", "--json").json()["entries"] if e["kind"] == "recycle"]
    assert (event["from"], event["to"], event["by"], event["reason"]) == ("alice", None, None, "no_follow_up:15")
    # The card's ownership table says it in words too, not as the stored code.
    card = cli.ok("customer", "show", "Globex").stdout
    assert "no follow-up for 15 days" in card and "no_follow_up:15" not in card


def test_history_of_an_unknown_customer_is_exit_2(cli) -> None:
    cli.ok("customer", "add", "Acme")
    assert_error(cli("customer", "history", "Nobody Ltd"), 2, "Nobody Ltd")
    assert_error(cli("customer", "history", "#99"), 2, "99")


def test_a_pool_customers_card_says_why_the_last_owner_let_it_go(cli) -> None:
    released_by_bob(cli)
    card = cli.ok("customer", "show", "Acme").stdout
    pool = card[card.index("Pool"):card.index("Timeline")]
    for text in ("In the pool since", "Nov 18 09:00 (5 days)", "Last owner", "bob", "released: no reason given",
                 "Follow-ups before", "3"):
        assert text in pool, (text, pool)
    # Near the top: before contacts, tasks and the timeline.
    assert card.index("Pool") < card.index("Timeline")

    data = cli.ok("customer", "show", "Acme", "--json").json()
    # Three follow-ups happened before bob left (the fair visit was logged later); the
    # call of the 22nd came after.
    assert data["pool"] == {"since": "2026-11-18T09:00:00+08:00", "days": 5, "last_owner": "bob", "left": "release",
                            "reason": None, "follow_ups": 3}
    # The whole timeline of the earlier owner stays on the card, newest first.
    assert [(f["author"], f["summary"]) for f in data["timeline"]] == [
        ("alice", "Called: they buy from a competitor now"), ("alice", "Met them at the fair"),
        ("bob", "Sent the catalogue, no answer"), ("bob", "Intro call"),
    ]
    timeline = card[card.index("Timeline"):]
    assert "Intro call" in timeline and "Sent the catalogue, no answer" in timeline and "bob" in timeline


def test_a_recycled_customers_card_gives_the_rule(cli) -> None:
    cli.ok("customer", "add", "Globex", env=at(12))
    cli.ok("log", "Globex", "Left a message", env=at(13))
    recycle("Globex", day=20, reason="no_follow_up:15")
    data = cli.ok("customer", "show", "Globex", "--json").json()
    assert data["pool"] == {"since": "2026-11-20T09:00:00+08:00", "days": 3, "last_owner": "alice",
                            "left": "recycle", "reason": "no_follow_up:15",
                            "follow_ups": 1}
    assert "recycled: no follow-up for 15 days" in cli.ok("customer", "show", "Globex").stdout
    # JSON is the same in every language: the reason as stored.
    assert cli.ok("--lang", "zh_CN", "customer", "show", "Globex", "--json").json() == data
    assert "回收" in cli.ok("--lang", "zh_CN", "customer", "show", "Globex").stdout  # the table is in Chinese


def test_an_owned_customers_card_has_no_pool_block(cli) -> None:
    cli.ok("customer", "add", "Initech")
    cli.ok("log", "Initech", "Called")
    assert cli.ok("customer", "show", "Initech", "--json").json()["pool"] is None
    assert "In the pool since" not in cli.ok("customer", "show", "Initech").stdout
    assert cli.ok("customer", "history", "Initech", "--json").json()["owner"] == "alice"


def test_a_customer_imported_into_the_pool_counts_from_its_creation(cli) -> None:
    cli.ok("customer", "add", "Umbrella Corp", env=at(10))
    imported_into_pool("Umbrella Corp", "Trade fair list 2026")
    cli.ok("log", "Umbrella", "Cold call, no interest", env=at(15))
    data = cli.ok("customer", "show", "Umbrella", "--json").json()
    assert data["pool"] == {"since": "2026-11-10T09:00:00+08:00", "days": 13, "last_owner": None, "left": None,
                            "reason": "Trade fair list 2026", "follow_ups": 0}
    card = cli.ok("customer", "show", "Umbrella").stdout
    assert "created in the pool: Trade fair list 2026" in card and "none" in card


def test_history_applies_a_due_recycle_before_showing(cli) -> None:
    """Recycling is lazy: the first look after a customer fell due already shows it gone."""
    cli.ok("user", "add", "bob", env=at(1))  # the pool rules are in force from here
    cli.ok("customer", "add", "Hooli", env=at(1))  # and nobody follows it up for 22 days
    found = cli.ok("customer", "history", "Hooli", "--json").json()
    assert found["owner"] is None
    assert [(e["kind"], e["from"], e["to"], e["reason"]) for e in found["entries"]] == [
        ("create", None, "alice", None), ("recycle", "alice", None, "no_follow_up:15")]
    [line] = [line for line in cli.ok("customer", "history", "Hooli").stdout.splitlines() if "recycled" in line]
    assert "alice → pool" in line and "no follow-up for 15 days" in line
