"""What people read for each stored code (`domain/codes.py`), in the interface language.

Labels are marked with N_ and translated when displayed via `label()`; `--json` prints
the codes themselves.
"""

from __future__ import annotations

from salescli.core.i18n import N_, _

GRADES: dict[str, str] = {"A": N_("A key"), "B": N_("B general"), "C": N_("C potential")}
SIZES: dict[str, str] = {
    "micro": N_("micro"), "small": N_("small"), "medium": N_("medium"), "large": N_("large"),
}
KINDS: dict[str, str] = {
    "call": N_("call"), "visit": N_("visit"), "email": N_("email"),
    "meeting": N_("meeting"), "message": N_("message"), "note": N_("note"),
}
ROLES: dict[str, str] = {"rep": N_("rep"), "manager": N_("manager"), "admin": N_("admin")}
OWNERSHIP_KINDS: dict[str, str] = {
    "create": N_("created"), "claim": N_("claimed"), "release": N_("released"),
    "recycle": N_("recycled"), "assign": N_("assigned"), "transfer": N_("transferred"),
    "handover": N_("handed over"),
}


def label(vocabulary: dict[str, str], code: str | None) -> str:
    """The translated label for a code; unknown codes (user-defined) are shown as typed."""
    if code is None:
        return ""
    return _(vocabulary[code]) if code in vocabulary else code
