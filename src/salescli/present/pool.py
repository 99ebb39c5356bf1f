"""How the pool reads, for every interface (docs/pool.md): the columns of `pool list`,
`pool sweep` and `pool rules`, the words their cells need beside the records' fields, and
the sentence saying whether the rules are in force and why.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from salescli.core.i18n import N_, _, ngettext
from salescli.present.columns import Column
from salescli.present.labels import OWNERSHIP_KINDS, label
from salescli.present.pool_reasons import rule_words, why_left

# `pool list`: the name keeps its room; the departure's reason is cut to two lines. On a
# narrow terminal the counts, the industry and the city give way first, the reason last.
POOL_COLUMNS: tuple[Column, ...] = (
    Column(N_("ID"), "id", "id"),
    Column(N_("Name"), "name"),
    Column(N_("Grade"), "grade", whole=True, drop=1),
    Column(N_("City"), "city", drop=5),
    Column(N_("Industry"), "industry", drop=6),
    Column(N_("Last owner"), "last_owner", whole=True, drop=3),
    Column(N_("Left"), "left_words", lines=2, drop=2),
    Column(N_("In pool"), "days_in_pool", "span", drop=4),
    Column(N_("Follow-ups"), "follow_ups", whole=True, drop=7),
)

# `pool sweep`: what moves, under which rule, counted from when.
SWEEP_COLUMNS: tuple[Column, ...] = (
    Column(N_("ID"), "customer_id", "id"),
    Column(N_("Customer"), "customer"),
    Column(N_("Grade"), "grade", whole=True),
    Column(N_("Owner"), "owner", whole=True),
    Column(N_("Rule"), "rule_words", drop=1),
    Column(N_("Since"), "since", "moment", drop=2),
)

# `pool rules`: (header, layout options).
RULE_COLUMNS: tuple[tuple[str, dict[str, Any]], ...] = (
    (N_("Key"), {"whole": True}),
    (N_("Value"), {}),
    (N_("Default"), {"whole": True, "drop": 1}),
    (N_("Meaning"), {"ratio": 2}),
)

NEVER_OWNED = N_("never owned")
SAME_AS_GENERAL = N_("same as general")
SAME_AS_GENERAL_VALUE = N_("same as general ({value})")

IN_FORCE = {
    "enabled": N_("The pool rules are in force: pool.enabled is true."),
    "solo": N_(
        "The pool rules are not in force: you are the only active user; set pool.enabled = true to apply them anyway."
    ),
    "disabled": N_("The pool rules are not in force: pool.enabled is false."),
}
NOT_IN_FORCE_SWEEP = N_(
    "The pool rules are not in force (one active user, or pool.enabled = false): nothing is recycled."
)


def left_words(left: str | None, reason: str | None) -> str:
    """How a pool customer left its last owner: `released: moving to Beijing`,
    `recycled: no follow-up for 15 days`; `never owned` for one that never had an owner."""
    why = why_left(left, reason)
    if left is None:
        return _(NEVER_OWNED) + (": " + why if why else "")
    return label(OWNERSHIP_KINDS, left) + (": " + why if why else "")


def pool_row_view(row: Any) -> Any:
    """A `pool list` row with the words its columns draw (`left_words`)."""
    return SimpleNamespace(**row.json_fields(), left_words=left_words(row.left, row.reason))


def sweep_item_view(item: Any) -> Any:
    """A `pool sweep` item with its rule in words."""
    return SimpleNamespace(**item.json_fields(), rule_words=rule_words(item.rule, item.days))


def rules_state(view: Any) -> str:
    """Whether the pool rules are in force, what decides it, and since when recycling
    counts (the rules never act retroactively)."""
    if view.why == "team":
        state = ngettext("The pool rules are in force: the store has {n} active user.",
                         "The pool rules are in force: the store has {n} active users.",
                         view.active_users).format(n=view.active_users)
    else:
        state = _(IN_FORCE.get(view.why, IN_FORCE["solo"]))
    if view.counting_since is not None:
        from salescli.present.formatting import format_moment

        state += " " + _(COUNTING_SINCE).format(at=format_moment(view.counting_since))
    return state


COUNTING_SINCE = N_(
    "Recycle countdowns count from {at} at the earliest (when the rules came into force or a threshold was"
    " lowered)."
)


def rule_value(value: Any, kind: str, general: Any = None) -> str:
    """A rule's value as a person reads it; an unset per-grade override reads as the
    general value it falls back to."""
    from salescli.present.messages import display_value

    if value is None and kind == "opt_int":
        return _(SAME_AS_GENERAL_VALUE).format(value=general) if general is not None else _(SAME_AS_GENERAL)
    return display_value(value)


def rule_rows(view: Any) -> list[tuple[str, str, str, str]]:
    """The cells of `pool rules`: key, value, default, meaning."""
    from salescli.core.settings import SETTINGS

    values = {rule.key: rule.value for rule in view.rules}
    rows = []
    for rule in view.rules:
        kind = SETTINGS[rule.key].kind
        general = values.get(_general_key(rule.key)) if kind == "opt_int" else None
        rows.append((rule.key, rule_value(rule.value, kind, general), rule_value(rule.default, kind),
                     _(rule.help)))
    return rows


def _general_key(key: str) -> str:
    """pool.recycle_no_follow_up_days_a -> pool.recycle_no_follow_up_days."""
    return key.rsplit("_", 1)[0]


def claimed_sentence(done: Any) -> str:
    """After a claim: whom, and (with the pool rules in force) the cap and today's claims left."""
    from salescli.present.deal_messages import words_list

    customers = words_list([f"#{c.id} {c.name}" for c in done.claimed])
    if done.cap is None:  # the pool rules are not in force: no cap, no daily limit
        return _("Claimed {customers}.").format(customers=customers)
    per_day = done.claims_per_day or 0
    claims = ngettext("{left} of {limit} claim left today", "{left} of {limit} claims left today", per_day).format(
        left=max(0, per_day - done.claims_today), limit=per_day)
    return _("Claimed {customers}. You own {owned} of {cap}; {claims}.").format(
        customers=customers, owned=done.owned, cap=done.cap, claims=claims)
