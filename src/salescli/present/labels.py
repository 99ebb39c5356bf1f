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
    "plan": N_("planned"),  # a task `plan week --commit` recorded (domain/metrics.py PLAN_TASK_KIND)
}
ROLES: dict[str, str] = {"rep": N_("rep"), "manager": N_("manager"), "admin": N_("admin")}
OWNERSHIP_KINDS: dict[str, str] = {
    "create": N_("created"), "claim": N_("claimed"), "release": N_("released"),
    "recycle": N_("recycled"), "assign": N_("assigned"), "transfer": N_("transferred"),
    "handover": N_("handed over"), "merge": N_("merged"),
}
RECYCLE_RULES: dict[str, str] = {"no_follow_up": N_("no follow-up"), "no_deal": N_("no won deal")}

# The default stages (core/stages.py) and a deal's status. A stage the team renamed or
# added shows the name the team gave it (`stage_label`).
STAGES: dict[str, str] = {
    "new": N_("new"), "contacted": N_("contacted"), "qualified": N_("qualified"),
    "proposal": N_("proposal"), "negotiation": N_("negotiation"),
}
DEAL_STATUSES: dict[str, str] = {"open": N_("open"), "won": N_("won"), "lost": N_("lost")}
STAGE_CHANGE_KINDS: dict[str, str] = {
    "create": N_("created"), "advance": N_("advanced"), "skip": N_("skipped ahead"), "back": N_("moved back"),
    "won": N_("won"), "lost": N_("lost"), "reopen": N_("reopened"),
}


# More words reps type for a code, beyond its labels in every language.
WORDS: dict[str, tuple[str, ...]] = {
    "call": ("phone", "打电话", "通话", "致电"), "visit": ("拜访客户", "上门", "走访", "面访"),
    "email": ("e-mail", "mail", "电邮", "发邮件"), "meeting": ("开会", "见面", "面谈"),
    "message": ("msg", "wechat", "sms", "text", "微信", "短信", "信息"), "note": ("笔记", "记录"),
    "A": ("key", "重点", "重点客户"), "B": ("general", "普通", "普通客户"), "C": ("potential", "潜在", "潜在客户"),
    "rep": ("sales", "salesperson", "销售员", "业务员"), "manager": ("主管", "销售经理"),
    "admin": ("administrator", "系统管理员"),
    "new": ("新", "新商机"), "contacted": ("已接触", "初步接触"), "qualified": ("需求确认", "已确认"),
    "proposal": ("quote", "报价", "方案"), "negotiation": ("谈判", "商务谈判"),
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


def stage_label(key: str, name: str | None = None) -> str:
    """What a stage reads as: a default stage under its own name is translated (新建, 已联系 ...);
    a stage the team named (or renamed) reads as the team wrote it. `name` None: the stage
    left the list, and its key is all there is (`won`/`lost` read as outcomes)."""
    if name is None or name == key:
        if key in STAGES:
            return _(STAGES[key])
        if key in DEAL_STATUSES:
            return _(DEAL_STATUSES[key])
        return key
    return name
