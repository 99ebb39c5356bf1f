"""Which column of an imported file fills which field (docs/import-files.md).

Files come from trade-show badge scanners, web forms, other CRMs (HubSpot, Salesforce,
纷享销客, 销售易) and hand-made Excel sheets, so one field has dozens of spellings across
two languages. A header is matched after `normalize_header()` has folded case, width,
spaces and punctuation away ("E-Mail", "e mail", "ＥＭＡＩＬ" all read "email"), then
without a bracketed hint ("手机(必填)", "Phone (work)"), then without a trailing number
("Phone 2"). `--map COLUMN=FIELD` wins over every guess. A column no field takes is kept,
with its header as written, as the record's extra data: nothing in a file is dropped
unless the user says `ignore`.

Pure: no I/O, no translation; the sentences of the errors raised here live in
present/import_messages.py.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from operator import itemgetter

from salescli.core.errors import BadInputError

LEAD_FIELDS: tuple[str, ...] = (
    "company", "contact", "title", "phone", "email", "wechat", "city",
    "address", "industry", "source", "website", "note",
)
"""The fields of a lead a file can fill; also the headers a lead export writes."""

NAME_PARTS: tuple[str, ...] = ("first_name", "last_name")
"""Pseudo-fields: never stored, combined into `contact` by `split_row()`."""

CUSTOMER_FIELDS: tuple[str, ...] = (
    "name", "industry", "size", "city", "address", "source", "grade", "phone", "email",
    "notes", "tags", "owner", "contact", "title",
)
"""The fields of a customer a file can fill (`customer import`); also a customer export's headers."""

IGNORE = "ignore"
"""`--map COLUMN=ignore`: drop the column (it is not even kept as extra data)."""

KINDS = ("lead", "customer")

# Synonyms by lead field, written as people write them; normalize_header() folds them.
# Kept broad on purpose: a header that matches nothing is not lost (it becomes extra
# data), but the user then has to spell out a --map for every import.
_LEAD_SYNONYMS: dict[str, tuple[str, ...]] = {
    "company": (
        "公司名称", "公司", "公司全称", "公司名", "客户名称", "客户名", "客户", "客户公司", "单位", "单位名称",
        "工作单位", "所在单位", "企业名称", "企业", "企业全称", "所在公司", "机构", "机构名称", "组织", "组织名称",
        "商户名称", "商家名称", "厂商", "厂家", "供应商名称",
        "Company", "Company Name", "Company Legal Name", "Account", "Account Name", "Organization",
        "Organisation", "Organization Name", "Organisation Name", "Org", "Business", "Business Name",
        "Employer", "Firm", "Customer", "Customer Name", "Client", "Client Name", "Corporation",
    ),
    "contact": (
        "联系人", "姓名", "名字", "联系人姓名", "联系人名称", "联系人名字", "客户姓名", "参会人", "参会人姓名",
        "参展人", "访客", "访客姓名", "到访人", "观众姓名", "称呼",
        "Contact", "Contact Name", "Contact Person", "Full Name", "Name", "Person", "Attendee",
        "Attendee Name", "Visitor", "Visitor Name", "Lead Name", "Your Name",
    ),
    "first_name": ("名", "First Name", "Given Name", "Forename", "First"),
    "last_name": ("姓", "姓氏", "Last Name", "Surname", "Family Name", "Last"),
    "phone": (
        "手机", "手机号", "手机号码", "电话", "电话号码", "联系电话", "联系方式", "联系人电话", "联系人手机",
        "座机", "固话", "固定电话", "办公电话", "公司电话", "移动电话", "手机电话",
        "Phone", "Phone Number", "Mobile", "Mobile Phone", "Mobile Number", "Mobile Phone Number",
        "Tel", "Telephone", "Telephone Number", "Cell", "Cell Phone", "Cellphone", "Work Phone",
        "Business Phone", "Office Phone", "Direct Phone", "Direct Line", "Contact Number", "Contact Phone",
    ),
    "email": (
        "邮箱", "电子邮箱", "邮件", "电子邮件", "邮箱地址", "电子邮件地址", "企业邮箱", "工作邮箱", "联系人邮箱",
        "Email", "E-mail", "Email Address", "E-mail Address", "Mail", "Work Email", "Business Email",
    ),
    "title": (
        "职位", "职务", "头衔", "岗位", "职称", "联系人职位", "联系人职务",
        "Title", "Job Title", "Position", "Role", "Job Role", "Designation", "Job Position",
    ),
    "wechat": ("微信", "微信号", "微信号码", "微信ID", "WeChat", "WeChat ID", "Weixin"),
    "city": (
        "城市", "所在城市", "地区", "所在地区", "所在地", "区域", "市", "所在市", "公司所在地",
        "City", "Town", "Location",
    ),
    "address": (
        "地址", "详细地址", "公司地址", "办公地址", "通讯地址", "联系地址", "单位地址", "注册地址", "街道地址",
        "Address", "Street", "Street Address", "Mailing Address", "Mailing Street", "Billing Street",
        "Address Line 1", "Company Address", "Office Address", "Postal Address",
    ),
    "industry": (
        "行业", "所属行业", "行业类别", "行业分类", "行业类型", "客户行业", "公司行业",
        "Industry", "Sector", "Vertical", "Industry Type",
    ),
    "source": (
        "来源", "渠道", "线索来源", "客户来源", "来源渠道", "获客渠道", "获取渠道", "信息来源", "渠道来源",
        "Source", "Lead Source", "Channel", "Origin", "Original Source", "Source Channel", "Lead Channel",
    ),
    "note": (
        "备注", "说明", "描述", "备注信息", "留言", "附言", "需求", "客户需求", "需求描述", "沟通记录", "跟进记录",
        "Notes", "Note", "Comments", "Comment", "Remarks", "Remark", "Description", "Memo", "Message",
    ),
    "website": (
        "网站", "官网", "网址", "公司网站", "公司网址", "公司官网", "主页", "网页",
        "Website", "Website URL", "Web Site", "URL", "Web", "Homepage", "Home Page", "Site",
        "Company Website", "Company Domain Name", "Domain",
    ),
}

# A customer file says "name" for the company, "notes" for the note, and has a few fields
# a lead lacks.
_CUSTOMER_RENAMES = {"company": "name", "note": "notes"}
_CUSTOMER_EXTRA: dict[str, tuple[str, ...]] = {
    "name": ("Name", "名称", "客户名称", "Customer", "Account Name"),
    "size": (
        "规模", "公司规模", "企业规模", "人员规模", "员工人数", "员工数", "人数", "Size", "Company Size",
        "Employees", "Number of Employees", "No of Employees", "Employee Count", "Headcount",
    ),
    "grade": ("等级", "级别", "客户等级", "客户级别", "客户分级", "Grade", "Rating", "Tier", "Customer Grade"),
    "tags": ("标签", "客户标签", "Tags", "Tag", "Labels", "Label"),
    "owner": (
        "负责人", "归属人", "所属销售", "销售", "销售代表", "业务员", "跟进人", "客户经理", "所有人",
        "Owner", "Account Owner", "Contact Owner", "Lead Owner", "Record Owner", "Sales Rep",
        "Salesperson", "Assigned To",
    ),
}
_NOT_FOR_CUSTOMERS = ("wechat", "website")  # customers have neither: such columns are kept as extra


def normalize_header(text: str) -> str:
    """A header as matched: NFKC, case-folded, every space, underscore and punctuation gone.

    "E-Mail", "e_mail" and "ＥＭＡＩＬ" read "email"; "公司 名称" reads "公司名称".
    """
    return re.sub(r"[\W_]+", "", unicodedata.normalize("NFKC", text).casefold())


_BRACKETED = re.compile(r"[(（\[【<《{].*?[)）\]】>》}]")
_TRAILING_NUMBER = re.compile(r"\d+$")


def _header_forms(text: str) -> list[str]:
    """The ways a header is tried, most exact first: as written, without a bracketed hint,
    without a trailing number ("Phone 2", "手机1")."""
    forms = [normalize_header(text)]
    unbracketed = normalize_header(_BRACKETED.sub("", unicodedata.normalize("NFKC", text)))
    if unbracketed:
        forms.append(unbracketed)
    forms += [_TRAILING_NUMBER.sub("", form) for form in list(forms)]
    return [form for i, form in enumerate(forms) if form and form not in forms[:i]]


def _table(synonyms: Mapping[str, Iterable[str]]) -> dict[str, str]:
    table: dict[str, str] = {}
    for name, words in synonyms.items():
        for word in (name, *words):
            table[normalize_header(word)] = name  # later entries win: see _synonyms()
    return table


def _synonyms(kind: str) -> dict[str, str]:
    """normalized header -> field, for one kind of import."""
    if kind == "customer":
        renamed = {
            _CUSTOMER_RENAMES.get(name, name): words
            for name, words in _LEAD_SYNONYMS.items() if name not in _NOT_FOR_CUSTOMERS
        }
        table = _table(renamed)
        table.update(_table(_CUSTOMER_EXTRA))  # "Name" is the company in a customer file
        table.update({normalize_header(name): name for name in CUSTOMER_FIELDS + NAME_PARTS})
        table["company"] = "name"
        table["note"] = "notes"
        return table
    table = _table(_LEAD_SYNONYMS)
    table.update({normalize_header(name): name for name in LEAD_FIELDS + NAME_PARTS})
    return table


_TABLES = {kind: _synonyms(kind) for kind in KINDS}


def fields_for(kind: str) -> tuple[str, ...]:
    """The fields a file of this kind can fill, the name parts included (what `--map` accepts)."""
    _check_kind(kind)
    return (LEAD_FIELDS if kind == "lead" else CUSTOMER_FIELDS) + NAME_PARTS


def field_for_header(header: str, kind: str = "lead") -> str | None:
    """The field a header names, or None when it names none."""
    _check_kind(kind)
    table = _TABLES[kind]
    for form in _header_forms(header):
        if form in table:
            return table[form]
    return None


def _check_kind(kind: str) -> None:
    if kind not in KINDS:
        raise ValueError(f"unknown import kind {kind!r}")


def _field_named(text: str, kind: str) -> str | None:
    """What `FIELD` in `--map COLUMN=FIELD` means: a field's own name, `ignore`, or any header
    synonym of a field (`--map 3=手机` and `--map 3=phone` are the same)."""
    key = normalize_header(text)
    if key in ("ignore", "skip", "忽略"):
        return IGNORE
    by_name = {normalize_header(name): name for name in fields_for(kind)}
    return by_name.get(key) or (field_for_header(text, kind) if key else None)


def _unknown_field(text: str, kind: str, *, bad_syntax: bool = False) -> BadInputError:
    return BadInputError("import.unknown_field", field=text, fields=", ".join(fields_for(kind)),
                         bad_syntax=bad_syntax)


def parse_map_options(items: list[str], kind: str = "lead") -> dict[str, str]:
    """`--map COLUMN=FIELD` options as {COLUMN as typed: field or "ignore"}.

    The column is matched against the header later, by `guess_mapping()` (which knows the
    file); the field is checked here, so a typo is refused before anything is read.
    """
    _check_kind(kind)
    overrides: dict[str, str] = {}
    for item in items:
        column, equals, target = item.rpartition("=")  # a field never holds "=", a header might
        if not equals or not column.strip() or not target.strip():
            raise _unknown_field(item, kind, bad_syntax=True)
        named = _field_named(target.strip(), kind)
        if named is None:
            raise _unknown_field(target.strip(), kind)
        overrides[column.strip()] = named
    return overrides


@dataclass(frozen=True)
class HeaderMap:
    """Which column fills what: `fields` (column index -> field), `extra` (column index ->
    the name its values are kept under), `ignored` (the columns dropped on purpose).

    `labels` names every column as `describe_mapping()` and `extra` show it: the header as
    written, `column_N` (1-based) for a blank one, `NAME_N` for the second of two columns
    with the same header, so no extra value overwrites another.
    """

    fields: dict[int, str]
    extra: dict[int, str]
    ignored: tuple[int, ...]
    labels: tuple[str, ...] = field(default=())

    @property
    def width(self) -> int:
        return len(self.labels)


def _labels(header: list[str]) -> tuple[str, ...]:
    labels: list[str] = []
    seen: set[str] = set()
    for i, text in enumerate(header):
        label = (text or "").strip() or f"column_{i + 1}"
        if label in seen:
            label = f"{label}_{i + 1}"
        seen.add(label)
        labels.append(label)
    return tuple(labels)


def _column_index(spec: str, header: list[str]) -> int:
    """The column `--map` names: a header (matched like one) or a 1-based column number."""
    key = normalize_header(spec)
    if key:
        for i, text in enumerate(header):
            if normalize_header(text or "") == key:
                return i
    if spec.isascii() and spec.isdigit() and 1 <= int(spec) <= len(header):
        return int(spec) - 1
    shown = ", ".join(_labels(header))
    raise BadInputError("import.unknown_column", column=spec, columns=shown)


def guess_mapping(header: list[str], overrides: dict[str, str], kind: str = "lead") -> HeaderMap:
    """Which column fills which field: `overrides` (from `parse_map_options`) first, then the
    synonym table, column by column from the left; the first column to claim a field gets
    it and a later one (座机 beside 手机) is kept as extra data.

    The columns a reject file adds (`reject_line`, `reject_reason`, `reject_matched`) are
    ignored, so a fixed reject file imports again as it is.
    """
    _check_kind(kind)
    chosen: dict[int, str] = {}
    for spec, target in overrides.items():
        named = _field_named(target, kind)
        if named is None:
            raise _unknown_field(target, kind)
        chosen[_column_index(spec, header)] = named
    taken: dict[str, int] = {}
    for i, named in sorted(chosen.items()):
        if named != IGNORE and named in taken:
            raise BadInputError("import.field_twice", field=named,
                                columns=", ".join(_labels(header)[j] for j in (taken[named], i)))
        taken[named] = i
    labels = _labels(header)
    fields: dict[int, str] = {}
    extra: dict[int, str] = {}
    ignored: list[int] = []
    for i, text in enumerate(header):
        if i in chosen:
            if chosen[i] == IGNORE:
                ignored.append(i)
            else:
                fields[i] = chosen[i]
            continue
        if normalize_header(text or "").startswith("reject"):
            ignored.append(i)
            continue
        guess = field_for_header(text or "", kind)
        if guess is not None and guess not in taken:
            taken[guess] = i
            fields[i] = guess
        else:
            extra[i] = labels[i]
    return HeaderMap(fields=fields, extra=extra, ignored=tuple(ignored), labels=labels)


_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")


def full_name(first: str, last: str) -> str:
    """First and last name as one: family name first with no space when either part is
    Chinese (李 + 华 -> 李华), "First Last" otherwise."""
    if not first or not last:
        return first or last
    if _HAN.search(first) or _HAN.search(last):
        return f"{last}{first}"
    return f"{first} {last}"


def split_row(header_map: HeaderMap, cells: list[str]) -> tuple[dict[str, str], dict[str, str]]:
    """One row as (field values, extra values by column name), values stripped and empty
    ones left out. First and last name become `contact` unless a contact column has a value
    (then they are kept as extra). A cell beyond the header is kept as `column_N`."""
    values: dict[str, str] = {}
    extra: dict[str, str] = {}
    names: dict[str, tuple[int, str]] = {}
    fields, extra_names, labels = header_map.fields, header_map.extra, header_map.labels
    width = max(len(labels), max(fields, default=-1) + 1, max(extra_names, default=-1) + 1)
    for i, cell in enumerate(cells):
        value = (cell or "").strip()
        if not value:
            continue
        name = fields.get(i)
        if name in NAME_PARTS:
            names[name] = (i, value)
        elif name is not None:
            values.setdefault(name, value)
        elif i in extra_names:
            extra[extra_names[i]] = value
        elif i >= width:
            extra[f"column_{i + 1}"] = value
    if names:
        if "contact" in values:
            for i, value in names.values():
                extra[labels[i] if i < len(labels) else f"column_{i + 1}"] = value
        else:
            first = names.get("first_name", (0, ""))[1]
            last = names.get("last_name", (0, ""))[1]
            values["contact"] = full_name(first, last)
    return values, extra


def row_splitter(header_map: HeaderMap) -> Callable[[list[str]], tuple[dict[str, str], dict[str, str]]]:
    """`split_row` for one file, planned once: an import splits every row the same way, so a
    column's role is looked up by position instead of in three dicts per cell. Gives what
    split_row gives (a test compares them); a file with first and last name columns, which
    split_row combines, uses it as is."""
    if any(name in NAME_PARTS for name in header_map.fields.values()):
        return lambda cells: split_row(header_map, cells)
    labels = header_map.labels
    width = max(len(labels), max(header_map.fields, default=-1) + 1, max(header_map.extra, default=-1) + 1)
    field_at = sorted(header_map.fields.items())
    extra_at = sorted(header_map.extra.items())
    field_names = [name for _i, name in field_at]
    extra_names = [name for _i, name in extra_at]
    # The cells of the field and of the extra columns, taken by position in C.
    field_cells = _picker([i for i, _n in field_at])
    extra_cells = _picker([i for i, _n in extra_at])

    def split(cells: list[str]) -> tuple[dict[str, str], dict[str, str]]:
        if len(cells) != width:  # a short or long row: the general way
            return split_row(header_map, cells)
        values = {name: value for name, cell in zip(field_names, field_cells(cells), strict=True)
                  if cell and (value := cell.strip())}
        extra = {name: value for name, cell in zip(extra_names, extra_cells(cells), strict=True)
                 if cell and (value := cell.strip())}
        return values, extra

    return split


def _picker(indexes: list[int]) -> Callable[[list[str]], tuple[str, ...]]:
    if not indexes:
        return lambda cells: ()
    if len(indexes) == 1:
        return lambda cells: (cells[indexes[0]],)
    return itemgetter(*indexes)


def describe_mapping(header: list[str], header_map: HeaderMap) -> list[tuple[str, str]]:
    """(the header as written, the field it fills, "extra" or "ignore") for every column,
    in file order: what the import summary prints as "Columns used"."""
    labels = header_map.labels or _labels(header)
    described = []
    for i in range(len(header)):
        if i in header_map.fields:
            what = header_map.fields[i]
        elif i in header_map.ignored:
            what = IGNORE
        else:
            what = "extra"
        described.append((labels[i], what))
    return described
