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


# More words reps type for a code, beyond its labels in every language.
WORDS: dict[str, tuple[str, ...]] = {
    "call": ("phone", "打电话", "通话", "致电"), "visit": ("拜访客户", "上门", "走访", "面访"),
    "email": ("e-mail", "mail", "电邮", "发邮件"), "meeting": ("开会", "见面", "面谈"),
    "message": ("msg", "wechat", "sms", "text", "微信", "短信", "信息"), "note": ("笔记", "记录"),
    "A": ("key", "重点", "重点客户"), "B": ("general", "普通", "普通客户"), "C": ("potential", "潜在", "潜在客户"),
    "rep": ("sales", "salesperson", "销售员", "业务员"), "manager": ("主管", "销售经理"),
    "admin": ("administrator", "系统管理员"),
}


def _squeeze(text: str) -> str:
    return "".join(text.split()).casefold()


def code_for(vocabulary: dict[str, str], typed: str) -> str:
    """The code a rep meant by `typed`: the code, or its label in any interface language
    (`邮件`, `Email`, `A 重点客户`), or one of `WORDS`. Anything else comes back as typed,
    for the service to refuse with the list of codes."""
    from salescli.core.i18n import LANGUAGES, translate_in

    wanted = _squeeze(typed)
    for code, text in vocabulary.items():
        spellings = {code, text, *WORDS.get(code, ())}
        spellings |= {translate_in(language, text) for language in LANGUAGES}
        if wanted in {_squeeze(s) for s in spellings}:
            return code
    return typed


def label(vocabulary: dict[str, str], code: str | None) -> str:
    """The translated label for a code; unknown codes (user-defined) are shown as typed."""
    if code is None:
        return ""
    return _(vocabulary[code]) if code in vocabulary else code
