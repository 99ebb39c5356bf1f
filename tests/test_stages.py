"""`salescli stage ...`: the pipeline's stage list, a team rule kept in the store, changed
by command or `config set`, carried in a config file as `[[pipeline.stages]]`, completed
by Tab. Every test runs on SQLite and PostgreSQL (`cli`), but the completion ones, which
read SQLite files only.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from checks import one_line_error
from pipeline_rows import at, insert_deal

DEFAULT_NAMES = ["new", "contacted", "qualified", "proposal", "negotiation"]


def listing(cli, **kwargs) -> dict:  # noqa: ANN003
    """`stage list --json` (an array) split into the listed stages and the keys no longer
    listed that still hold open deals."""
    rows = cli.ok("stage", "list", "--json", **kwargs).json()
    assert all(set(row) == {"position", "key", "name", "probability", "gate", "open_deals", "open_amount"}
               for row in rows)
    return {"stages": [row for row in rows if row["position"] is not None],
            "not_in_list": [{"key": row["key"], "open_deals": row["open_deals"], "open_amount": row["open_amount"]}
                            for row in rows if row["position"] is None]}


def names(cli) -> list[str]:
    return [s["name"] for s in listing(cli)["stages"]]


def stored(cli) -> list[dict]:
    return cli.ok("config", "show", "--json").json()


def history(cli) -> list[dict]:
    return cli.ok("config", "history", "pipeline.stages", "--json").json()


def config_file() -> Path:
    return Path(os.environ["SALESCLI_CONFIG"])


def open_deals(cli, stage: str, n: int, *, amount: int | None = 1000, status: str = "open") -> None:
    """`n` deals of alice's customer Acme (added first) in stage KEY `stage`."""
    from salescli.services.context import open_context

    with open_context().session() as s:
        customer_id = s.execute("SELECT id FROM customers WHERE name = 'Acme'").scalar()
    for i in range(n):
        insert_deal(customer_id=customer_id, title=f"{stage} {i}", stage=stage, status=status, amount=amount,
                    created_at=at("2026-11-01T10:00"))


def write_setting(value: str | None) -> None:
    """The `pipeline.stages` row as a hand-edit with a database tool could leave it (None:
    no row, as in a store that never set the rule)."""
    from salescli.services.context import open_context

    with open_context().session(write=True) as s:
        s.execute("DELETE FROM settings WHERE key = 'pipeline.stages'")
        if value is not None:
            s.execute("INSERT INTO settings (key, value, updated_at) VALUES ('pipeline.stages', :v, :at)",
                      {"v": value, "at": at("2026-11-20T10:00")})


def unchanged(cli, before_list: dict, before_history: list) -> None:
    assert listing(cli) == before_list
    assert history(cli) == before_history


# --- list ---------------------------------------------------------------------------------------


def test_list_shows_the_default_stages_with_open_deals_and_their_amounts(cli) -> None:
    cli.ok("customer", "add", "Acme")
    open_deals(cli, "proposal", 2, amount=12000)
    open_deals(cli, "proposal", 1, amount=None)  # amount not known yet: counted, adds nothing
    open_deals(cli, "new", 1, amount=500, status="won")  # closed deals are not in a stage any more
    data = listing(cli)
    assert [s["key"] for s in data["stages"]] == DEFAULT_NAMES
    assert [s["probability"] for s in data["stages"]] == [10, 20, 40, 60, 80]
    proposal = data["stages"][3]
    assert proposal == {"position": 4, "key": "proposal", "name": "proposal", "probability": 60,
                        "gate": ["note", "amount", "close_on"], "open_deals": 3, "open_amount": "24000.00"}
    assert data["stages"][0]["open_deals"] == 0 and data["not_in_list"] == []

    table = cli.ok("stage", "list").stdout
    line = next(line for line in table.splitlines() if "proposal" in line)
    for words in ("60%", "feedback note", "amount", "expected close date", "3", "¥24,000.00"):
        assert words in line, words
    assert "won 100%, lost 0%" in table  # the outcomes, as a footnote: not stages


def test_default_stages_read_in_chinese_while_json_keeps_the_keys(cli) -> None:
    data = listing(cli, env={"SALESCLI_LANG": "zh_CN"})
    assert [s["key"] for s in data["stages"]] == DEFAULT_NAMES
    assert [s["name"] for s in data["stages"]] == DEFAULT_NAMES
    cli.ok("stage", "rename", "new", "Lead")
    table = cli.ok("--lang", "zh_CN", "stage", "list").stdout
    assert "Lead" in table  # a name the team chose reads as written
    english = cli.ok("stage", "list").stdout
    assert "Lead" in english and "contacted" in english


def test_a_hand_edited_list_shows_the_deals_it_left_out(cli) -> None:
    cli.ok("customer", "add", "Acme")
    open_deals(cli, "demo", 2, amount=300)
    write_setting(json.dumps([{"name": "new", "probability": 10}, {"name": "proposal", "probability": 60}]))
    data = listing(cli)
    assert [s["key"] for s in data["stages"]] == ["new", "proposal"]
    assert data["not_in_list"] == [{"key": "demo", "open_deals": 2, "open_amount": "600.00"}]
    assert "(not in the list) demo: 2 open deals" in cli.ok("stage", "list").stdout
    # Unrelated changes still work: the list in force lost `demo` before them.
    cli.ok("stage", "set-probability", "proposal", "65")


# --- changes --------------------------------------------------------------------------------------


def test_add_places_a_stage_and_records_the_change(cli) -> None:
    run = cli.ok("stage", "add", "Demo", "--probability", "50", "--gate", "note,amount", "--after", "qualified")
    assert "Added stage Demo at position 4" in run.stdout
    data = listing(cli)
    demo = data["stages"][3]
    assert (demo["key"], demo["name"], demo["probability"], demo["gate"]) == ("demo", "Demo", 50, ["note", "amount"])
    cli.ok("stage", "add", "Pilot", "--probability", "70", "--before", "negotiation")
    cli.ok("stage", "add", "Signed", "--probability", "95%")  # at the end
    assert names(cli) == ["new", "contacted", "qualified", "Demo", "proposal", "Pilot", "negotiation", "Signed"]
    changes = history(cli)
    assert len(changes) == 3 and changes[0]["old_value"] is None and changes[0]["origin"] == "stage"
    assert changes[1]["old_value"] == changes[0]["new_value"]
    assert {"key": "demo", "name": "Demo", "probability": 50, "gate": ["note", "amount"]} in changes[0]["new_value"]
    assert "salescli stage" in cli.ok("config", "history", "pipeline.stages").stdout


def test_rename_keeps_the_key_so_deals_stay_in_their_stage(cli) -> None:
    cli.ok("customer", "add", "Acme")
    open_deals(cli, "proposal", 2)
    assert "Renamed stage proposal to Quote" in cli.ok("stage", "rename", "proposal", "Quote").stdout
    quote = listing(cli)["stages"][3]
    assert (quote["key"], quote["name"], quote["open_deals"]) == ("proposal", "Quote", 2)
    cli.ok("stage", "set-probability", "quote", "65")  # the new name is typed, ignoring case
    cli.ok("stage", "rename", "Quote", "proposal")  # back: the default label again
    assert listing(cli)["stages"][3]["name"] == "proposal"


def test_move_by_neighbour_or_position(cli) -> None:
    assert "position 1" in cli.ok("stage", "move", "qualified", "--to", "1").stdout
    assert names(cli)[:3] == ["qualified", "new", "contacted"]
    cli.ok("stage", "move", "qualified", "--after", "negotiation")
    assert names(cli)[-1] == "qualified"
    cli.ok("stage", "move", "qualified", "--before", "contacted")
    assert names(cli) == ["new", "qualified", "contacted", "proposal", "negotiation"]
    assert len(history(cli)) == 3


def test_set_probability_and_gate(cli) -> None:
    assert "probability 35%" in cli.ok("stage", "set-probability", "qualified", "35").stdout
    assert "expected close date" in cli.ok("stage", "set-gate", "qualified", "note,close_on,product").stdout
    qualified = listing(cli)["stages"][2]
    assert (qualified["probability"], qualified["gate"]) == (35, ["note", "close_on", "product"])
    cli.ok("stage", "set-gate", "qualified", "none")
    assert listing(cli)["stages"][2]["gate"] == []
    before = history(cli)
    run = cli.ok("stage", "set-gate", "qualified", "none")  # already so: nothing recorded
    assert "nothing changed" in run.stdout and history(cli) == before


def test_remove_is_refused_while_open_deals_are_in_the_stage(cli) -> None:
    cli.ok("customer", "add", "Acme")
    open_deals(cli, "proposal", 3)
    open_deals(cli, "qualified", 2, status="lost")  # closed deals that ended there do not block
    before, changes = listing(cli), history(cli)
    run = cli("stage", "remove", "proposal")
    one_line_error(run, 1, "3 open deals are in proposal", "move them first", "salescli deal list --stage proposal")
    unchanged(cli, before, changes)
    assert "Removed stage qualified" in cli.ok("stage", "remove", "qualified").stdout
    assert "qualified" not in names(cli)


def test_the_last_stage_cannot_be_removed(cli) -> None:
    for name in ["new", "contacted", "qualified", "proposal"]:
        cli.ok("stage", "remove", name)
    before, changes = listing(cli), history(cli)
    one_line_error(cli("stage", "remove", "negotiation"), 1, "negotiation", "only stage left")
    unchanged(cli, before, changes)


def test_bad_input_is_one_sentence_and_writes_nothing(cli) -> None:
    cli.ok("stage", "rename", "new", "Lead")
    before, changes = listing(cli), history(cli)
    cases = [
        (("stage", "rename", "proposl", "Quote"), 2, ["There is no stage 'proposl'", "Did you mean: proposal?"]),
        (("stage", "remove", "zzz"), 2, ["There is no stage 'zzz'", "the stages are: Lead, contacted"]),
        (("stage", "add", "Contacted", "--probability", "5"), 2, ["already a stage named 'Contacted'"]),
        (("stage", "add", "NEW", "--probability", "5"), 2, ["already a stage named 'NEW'"]),  # a key in use
        (("stage", "rename", "qualified", "lead"), 2, ["already a stage named"]),
        (("stage", "add", "won", "--probability", "5"), 2, ["'won' cannot be a stage name", "outcomes"]),
        (("stage", "rename", "new", "Lost"), 2, ["'Lost' cannot be a stage name"]),
        (("stage", "add", "  ", "--probability", "5"), 2, ["A stage needs a name"]),
        (("stage", "rename", "new", ""), 2, ["A stage needs a name"]),
        (("stage", "add", "Demo", "--probability", "150"), 2, ["from 0 to 100, not '150'"]),
        (("stage", "add", "Demo", "--probability", "-1"), 2, ["from 0 to 100, not '-1'"]),
        (("stage", "set-probability", "new", "lots"), 2, ["from 0 to 100, not 'lots'"]),
        (("stage", "set-probability", "new", "2.5"), 2, ["from 0 to 100"]),
        (("stage", "set-gate", "new", "note,budget"), 2, ["Unknown gate item 'budget'", "close_on"]),
        (("stage", "add", "Demo", "--probability", "5", "--gate", "signature"), 2, ["Unknown gate item"]),
        (("stage", "add", "Demo", "--probability", "5", "--after", "new", "--before", "proposal"), 2,
         ["only one of --after, --before and --to"]),
        (("stage", "move", "proposal"), 2, ["--after STAGE, --before STAGE or --to POSITION"]),
        (("stage", "move", "proposal", "--to", "9"), 2, ["--to must be a position from 1 to 5"]),
        (("stage", "move", "proposal", "--after", "new", "--to", "2"), 2, ["only one of"]),
        (("stage", "add", "Demo", "--probability", "5", "--after", "nowhere"), 2, ["There is no stage 'nowhere'"]),
    ]
    for args, code, needles in cases:
        one_line_error(cli(*args), code, *needles)
    unchanged(cli, before, changes)


def test_a_rep_in_a_team_store_is_refused_and_a_manager_allowed(cli) -> None:
    cli.ok("user", "add", "bob")
    cli.ok("user", "add", "carol", "--role", "manager")
    before, changes = listing(cli), history(cli)
    bob = {"SALESCLI_USER": "bob"}
    for args in [("add", "Demo", "--probability", "50"), ("rename", "new", "Lead"), ("move", "new", "--to", "2"),
                 ("remove", "new"), ("set-probability", "new", "5"), ("set-gate", "new", "note")]:
        one_line_error(cli("stage", *args, env=bob), 1, "Only a manager or an admin can change team rules")
    unchanged(cli, before, changes)
    assert listing(cli, env=bob) == before  # a rep reads the list
    cli.ok("stage", "add", "Demo", "--probability", "50", env={"SALESCLI_USER": "carol"})
    assert "Demo" in names(cli)
    assert history(cli)[-1]["by"] == "carol"


# --- config get/show/set/history ------------------------------------------------------------------


def test_config_shows_and_sets_the_list(cli) -> None:
    assert cli.ok("config", "get", "pipeline.stages").stdout.startswith("new 10%, contacted 20% [note], ")
    value = [{"name": "Lead", "probability": 10, "gate": []},
             {"name": "Quote", "probability": 50, "gate": ["note", "amount"]}]
    run = cli.ok("config", "set", "pipeline.stages", json.dumps(value))
    assert "pipeline.stages = Lead 10%, Quote 50% [note+amount]" in run.stdout
    row = next(r for r in stored(cli) if r["key"] == "pipeline.stages")
    kept = [{"key": "lead"} | value[0], {"key": "quote"} | value[1]]  # a key is the name in lowercase
    assert (row["value"], row["source"]) == (kept, "store")
    assert [(s["key"], s["name"]) for s in listing(cli)["stages"]] == [("lead", "Lead"), ("quote", "Quote")]
    assert cli.ok("config", "get", "pipeline.stages").stdout == "Lead 10%, Quote 50% [note+amount]\n"
    changes = history(cli)
    assert len(changes) == 1 and changes[0]["new_value"] == kept and changes[0]["origin"] == "set"
    assert "default (new 10%" in cli.ok("config", "history").stdout


def test_config_set_refuses_a_bad_list_in_one_sentence(cli) -> None:
    before, changes = listing(cli), history(cli)
    cases = [
        ('[{"name": "a", "probability": 10}, {"name": "A", "probability": 20}]', "already a stage named 'A'"),
        ('[{"name": "a", "probability": 150}]', "from 0 to 100, not 150"),
        ('[{"name": "a"}]', "needs a probability"),
        ('[{"name": "won", "probability": 10}]', "'won' cannot be a stage name"),
        ('[{"name": "a", "probability": 10, "gate": ["budget"]}]', "unknown gate item 'budget'"),
        ('[{"name": "a", "probability": 10, "colour": "red"}]', "no field 'colour'"),
        ("[]", "cannot be empty"),
        ('[{"name": "a", "probability": 1', "not valid JSON"),
    ]
    for value, needle in cases:
        one_line_error(cli("config", "set", "pipeline.stages", value), 2, "pipeline.stages", needle)
    unchanged(cli, before, changes)


def test_config_set_refuses_a_list_that_drops_a_stage_holding_open_deals(cli) -> None:
    cli.ok("customer", "add", "Acme")
    open_deals(cli, "proposal", 2)
    before, changes = listing(cli), history(cli)
    value = json.dumps([{"name": "new", "probability": 10}, {"name": "quote", "probability": 60}])
    run = cli("config", "set", "pipeline.stages", value)
    one_line_error(run, 1, "no stage proposal", "2 open deals", "salescli deal list --stage proposal")
    unchanged(cli, before, changes)
    # Keeping the key under another name is a rename: allowed.
    value = json.dumps([{"name": "new", "probability": 10}, {"key": "proposal", "name": "quote", "probability": 60}])
    cli.ok("config", "set", "pipeline.stages", value)
    assert listing(cli)["stages"][1]["open_deals"] == 2


# --- the config file ----------------------------------------------------------------------------------


FILE_LIST = """# my settings
[user]
lang = "en"

[[pipeline.stages]]
name = "new"
probability = 10
gate = []

[[pipeline.stages]]
name = "Demo"
probability = 45
gate = ["note"]
"""


def test_a_list_in_the_config_file_moves_into_the_store(cli) -> None:
    config_file().write_text(FILE_LIST, encoding="utf-8")
    run = cli.ok("stage", "list", "--json")
    assert "Moved pipeline.stages = new 10%, Demo 45% [note]" in run.stderr
    assert [(s["key"], s["probability"], s["gate"]) for s in run.json()] == [
        ("new", 10, []), ("demo", 45, ["note"])]
    assert config_file().read_text(encoding="utf-8").startswith('# my settings\n[user]\nlang = "en"')
    assert "pipeline" not in config_file().read_text(encoding="utf-8")
    assert history(cli)[0]["origin"] == "file"


def test_a_bad_list_in_the_file_is_ignored_with_what_is_wrong(cli) -> None:
    for bad, needle in [("[[pipeline.stages]]\nname = \"a\"\nprobability = 150\n", "not 150"),
                        ("[[pipeline.stages]]\nname = \"a\"\nprobability = 1\n[[pipeline.stages]]\nname = \"A\"\n"
                         "probability = 2\n", "already a stage named 'A'")]:
        config_file().write_text(bad, encoding="utf-8")
        run = cli.ok("stage", "list", "--json")
        assert "Note: Ignored pipeline.stages in" in run.stderr and needle in run.stderr, run.stderr
        assert "removed it from the file" in run.stderr
        assert [s["key"] for s in run.json()] == DEFAULT_NAMES
        assert "pipeline" not in config_file().read_text(encoding="utf-8")
    assert history(cli) == []


def test_a_file_list_dropping_a_stage_with_open_deals_is_not_adopted(cli) -> None:
    cli.ok("customer", "add", "Acme")
    open_deals(cli, "qualified", 1)
    config_file().write_text(FILE_LIST, encoding="utf-8")
    run = cli.ok("stage", "list", "--json")
    assert "Ignored pipeline.stages in" in run.stderr and "no stage qualified" in run.stderr
    assert "1 open deal" in run.stderr
    assert [s["key"] for s in run.json()] == DEFAULT_NAMES and history(cli) == []


def test_export_to_a_file_and_back_round_trips(cli) -> None:
    cli.ok("stage", "rename", "new", "Lead")
    cli.ok("stage", "add", "Demo day", "--probability", "55", "--gate", "note,product", "--after", "qualified")
    cli.ok("stage", "set-gate", "contacted", "none")
    before = cli.ok("stage", "list", "--json").json()
    exported = cli.ok("stage", "export").stdout
    assert exported.startswith("[[pipeline.stages]]\n") and 'key = "new"\nname = "Lead"' in exported
    # A store that never set the rule: the exported tables in a rep's config file are adopted as they were.
    write_setting(None)
    assert [st["name"] for st in listing(cli)["stages"]] == DEFAULT_NAMES
    config_file().write_text(exported, encoding="utf-8")
    run = cli.ok("stage", "list", "--json")
    assert "Moved pipeline.stages" in run.stderr
    assert run.json() == before
    assert cli.ok("stage", "export").stdout == exported


# --- completion ---------------------------------------------------------------------------------


def test_completion_offers_the_stage_names_in_force(sqlite_cli) -> None:  # noqa: ANN001
    from salescli.services.completion import stages

    assert stages("") == DEFAULT_NAMES  # no store yet: the defaults
    sqlite_cli.ok("stage", "rename", "proposal", "Quote")
    sqlite_cli.ok("stage", "add", "Question time", "--probability", "30")
    assert stages("q") == ["qualified", "Quote", "Question time"]
    assert stages("QUO") == ["Quote"]


def test_completion_offers_deal_ids_own_open_ones_first(sqlite_cli) -> None:  # noqa: ANN001
    from salescli.services.completion import deals

    assert deals("") == []
    sqlite_cli.ok("user", "add", "bob")
    customer = sqlite_cli.ok("customer", "add", "Acme", "--json").json()["id"]
    mine = insert_deal(customer_id=customer, title="a", stage="new", created_at=at("2026-11-01"))
    theirs = insert_deal(customer_id=customer, title="b", stage="new", owner="bob", created_at=at("2026-11-01"))
    closed = insert_deal(customer_id=customer, title="c", stage="new", status="won", created_at=at("2026-11-01"))
    assert deals("") == [str(mine), str(theirs), str(closed)]
    assert deals(str(mine)) == [str(mine)]
    assert deals("x") == []
