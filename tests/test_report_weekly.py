"""`salescli report weekly`: the week's Markdown report (docs/weekly-report.md).

A small history of alice's week 2026-W48 (Mon Nov 23 - Sun Nov 29): deals written straight
into the store (tests/pipeline_rows.py), customers and follow-ups through the commands.
The report is asked for on Friday evening, Nov 27.
"""

from __future__ import annotations

import gettext
import os
from datetime import date

import pytest

from checks import one_line_error
from pipeline_rows import at, insert_change, insert_deal, insert_payment
from salescli.services.context import close_all

FRIDAY = {"SALESCLI_NOW": "2026-11-27T18:00:00+08:00"}


def _history(cli) -> None:
    acme = cli.ok("customer", "add", "Acme", "--json").json()["id"]
    globex = cli.ok("customer", "add", "Globex", "--grade", "A", "--json").json()["id"]
    cli.ok("customer", "add", "Initech")
    won = insert_deal(customer_id=acme, title="Big order", stage="negotiation", status="won", amount=20000,
                      created_at=at("2026-10-01T10:00+08:00"), closed_at=at("2026-11-24T15:00+08:00"),
                      stage_changed_at=at("2026-11-24T15:00+08:00"))
    insert_payment(won, amount=5000, due_on=date(2026, 11, 25), paid_on=date(2026, 11, 25),
                   created_at=at("2026-11-24T15:00+08:00"))
    moved = insert_deal(customer_id=globex, title="Pilot", stage="proposal", amount=8000,
                        created_at=at("2026-11-02T10:00+08:00"), stage_changed_at=at("2026-11-25T11:00+08:00"))
    insert_change(moved, kind="create", from_stage=None, to_stage="new", at=at("2026-11-02T10:00+08:00"))
    insert_change(moved, kind="advance", from_stage="new", to_stage="proposal", at=at("2026-11-25T11:00+08:00"),
                  feedback="Budget confirmed by the buyer; the technical team wants a second demo before they sign "
                           "anything at all")
    insert_deal(customer_id=acme, title="Old renewal", stage="qualified", amount=3000,
                created_at=at("2026-07-01T10:00+08:00"), stage_changed_at=at("2026-08-01T10:00+08:00"))
    insert_deal(customer_id=acme, title="Small add-on", stage="proposal", status="lost", amount=1000,
                lost_reason="Price too high", created_at=at("2026-11-01T10:00+08:00"),
                closed_at=at("2026-11-26T10:00+08:00"))
    close_all()
    cli.ok("log", "Acme", "Visited the plant", "--kind", "visit", "--at", "2026-11-24 10:00", env=FRIDAY)
    cli.ok("log", "Globex", "Demo call", "--at", "2026-11-25 10:00", "--next", "2026-12-01", env=FRIDAY)


def _sections(text: str) -> dict[str, str]:
    parts: dict[str, str] = {}
    for chunk in text.split("\n## ")[1:]:
        heading, _, body = chunk.partition("\n")
        parts[heading] = body
    return parts


def test_weekly_report_sections(cli) -> None:
    _history(cli)
    cli.ok("target", "set", "--period", "2026-11", "--metric", "won_amount", "--value", "100000")
    text = cli.ok("report", "weekly", env=FRIDAY).stdout
    assert text.startswith("# Weekly report: alice, 2026-W48 (Nov 23, 2026 – Nov 29, 2026)\n")
    sections = _sections(text)
    assert list(sections) == ["Done", "Numbers", "Next week", "Help needed"]
    done = sections["Done"]
    assert "- Won: Acme, Big order, ¥20,000.00" in done
    assert "- Advanced: Pilot (Globex): new → proposal; Budget confirmed by the buyer;" in done
    assert "…" in done and "anything at all" not in done  # the gate's note, shortened
    assert "- New customers: Acme, Globex, Initech" in done
    assert "- Payment collected: Acme, Big order, ¥5,000.00 on Wed Nov 25" in done
    assert "- Visits made: Acme" in done
    numbers = sections["Numbers"]
    assert "| Deals won | 1 | 0 |" in numbers and "| Visits | 1 | 0 |" in numbers
    assert "| won amount | 2026-11 | ¥20,000.00 / ¥100,000.00 | 20.0% |" in numbers
    assert "Visit: Globex" in sections["Next week"] or "Call: Globex" in sections["Next week"]
    help_ = sections["Help needed"]
    assert "Stale deal: Old renewal (Acme)" in help_
    assert "- Lost: Small add-on (Acme), Price too high" in help_


def test_empty_week_and_past_week(sqlite_cli) -> None:
    text = sqlite_cli.ok("report", "weekly", "--week", "2026-W40").stdout
    assert "# Weekly report: alice, 2026-W40" in text
    sections = _sections(text)
    assert sections["Done"].strip() == "Nothing recorded this week."
    assert sections["Help needed"].strip() == "Nothing needed."
    assert "| Follow-ups | 0 | 0 |" in sections["Numbers"]


def test_names_are_escaped_and_many_new_customers_counted(sqlite_cli) -> None:
    for i in range(12):
        sqlite_cli.ok("customer", "add", f"Shop {i:02d}")
    sqlite_cli.ok("customer", "add", "A|B *Trading*")
    done = _sections(sqlite_cli.ok("report", "weekly").stdout)["Done"]
    assert "Shop 00, Shop 01" in done and "Shop 09 and 3 more" in done
    sqlite_cli.ok("log", "A|B *Trading*", "Visit", "--kind", "visit")
    done = _sections(sqlite_cli.ok("report", "weekly").stdout)["Done"]
    assert r"- Visits made: A\|B \*Trading\*" in done


def test_out_writes_the_file(sqlite_cli, tmp_path) -> None:
    target = tmp_path / "week.md"
    run = sqlite_cli.ok("report", "weekly", "--out", str(target))
    assert str(target) in run.stdout and "## Done" not in run.stdout
    written = target.read_text(encoding="utf-8")
    assert written.startswith("# Weekly report: alice, 2026-W48") and "## Help needed" in written
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".week.md")] == []  # no temp file left


@pytest.mark.parametrize("where", ["missing/week.md", "folder"])
def test_unwritable_out_is_one_sentence(sqlite_cli, tmp_path, where) -> None:
    (tmp_path / "folder").mkdir()
    path = tmp_path / where
    one_line_error(sqlite_cli("report", "weekly", "--out", str(path)), 2, "weekly report", str(path))


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes anywhere")
def test_read_only_folder(sqlite_cli, tmp_path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        one_line_error(sqlite_cli("report", "weekly", "--out", str(locked / "w.md")), 2, "permission denied")
    finally:
        locked.chmod(0o700)


class _Marked(gettext.NullTranslations):
    """A catalog that marks every translated string, to see which words went through `_()`."""

    def gettext(self, message: str) -> str:
        return "«" + message + "»"

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return "«" + (singular if n == 1 else plural) + "»"


def test_every_heading_is_translated(sqlite_cli, monkeypatch) -> None:
    from salescli.core import i18n

    monkeypatch.setattr(i18n, "_load", lambda code: _Marked())
    text = sqlite_cli.ok("--lang", "zh_CN", "report", "weekly").stdout
    headings = [line for line in text.splitlines() if line.startswith("#")]
    assert len(headings) == 5
    for line in headings:
        assert line.lstrip("# ").startswith("«"), line
    header_row = next(line for line in text.splitlines() if line.startswith("| "))
    assert all(cell.strip().startswith("«") for cell in header_row.strip("|").split("|")), header_row
    for line in text.splitlines():
        if line.startswith("| ") and "---" not in line:
            assert line.split("|")[1].strip().startswith("«"), line  # every figure's name


def test_chinese_catalog_headings(sqlite_cli) -> None:
    """With the real catalog: a heading the catalog translates never shows in English."""
    from salescli.core.i18n import translate_in
    from salescli.present import weekly

    text = sqlite_cli.ok("--lang", "zh_CN", "report", "weekly").stdout
    for heading in (weekly.DONE, weekly.NUMBERS, weekly.NEXT_WEEK, weekly.HELP):
        translated = translate_in("zh_CN", heading)
        if translated != heading:
            assert f"## {translated}" in text and f"## {heading}\n" not in text


def test_json_gathers_the_sections(sqlite_cli) -> None:
    sqlite_cli.ok("customer", "add", "Acme")
    data = sqlite_cli.ok("report", "weekly", "--json").json()
    assert (data["week"], data["start"], data["last"]) == ("2026-W48", "2026-11-23", "2026-11-29")
    assert data["done"]["new_customers"] == ["Acme"] and data["done"]["new_customers_count"] == 1
    assert data["activity"]["total"]["new_customers"] == 1 and data["activity"]["previous"]["new_customers"] == 0
    assert data["next_week"]["week"] == "2026-W49" and data["next_week"]["committed"] is None
    assert data["help"]["overdue_tasks"] == 0 and data["help"]["lost"] == []
