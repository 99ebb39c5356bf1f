"""Why a customer left its owner, in the reader's language (docs/pool.md).

A release keeps the reason its rep typed; a recycle keeps the rule and the days it
allowed (`domain/pool.py: recycle_reason`), so the sentence is drawn here, translated.
"""

from __future__ import annotations

from salescli.core.i18n import ngettext
from salescli.domain.pool import parse_recycle_reason


def rule_words(rule: str, days: int) -> str:
    """"no follow-up for 15 days" / "no won deal 30 days after the claim"."""
    if rule == "no_follow_up":
        return ngettext("no follow-up for {n} day", "no follow-up for {n} days", days).format(n=days)
    return ngettext("no won deal {n} day after the claim", "no won deal {n} days after the claim", days).format(n=days)


def why_left(kind: str | None, reason: str | None) -> str:
    """The reason of a release or recycle event as a reader wants it; free text (and
    the reasons of older stores) as written."""
    if kind == "recycle":
        parsed = parse_recycle_reason(reason)
        if parsed is not None:
            return rule_words(*parsed)
    return reason or ""
