"""The columns of `customer export` and `lead export`, and how an import reads its own
exports back (docs/export.md).

Pure: column names and the rules that make an export round-trip. The names are the stable
snake_case keys of the JSON form too; a script may rely on them, so they only ever grow.

Round trip: an export imported into an empty store gives the same records in every field a
user typed. The columns the store decides (ids, status, owner of a lead, batch, file line,
flags, timestamps) are written for the reader and skipped by an import of the file; a lead's
`extra` column holds the file columns no field took, as a JSON object, and an import of a
lead export unpacks it back into the lead's extra data instead of keeping it as one column.
"""

from __future__ import annotations

import json
import re

CUSTOMER_COLUMNS: tuple[str, ...] = (
    "id", "name", "grade", "industry", "size", "city", "address", "source", "phone", "email", "owner", "tags",
    "notes", "created_at", "last_contact_at", "archived",
    "contact_name", "contact_title", "contact_phone", "contact_email", "contact_wechat",
)
"""A customer and its primary contact (the first live contact when none is marked primary)."""

LEAD_COLUMNS: tuple[str, ...] = (
    "id", "company", "contact", "title", "phone", "email", "wechat", "city", "address", "industry", "source",
    "website", "note", "status", "owner", "customer_id", "batch_id", "source_line", "flags", "created_at", "extra",
)

# What `customer import` reads from a customer export's columns: the user's fields. The
# rest (id, created_at, last_contact_at) is the store's own and is not read back: a new
# store gives new ids, records when the customer entered it, and derives the last contact
# from follow-ups, which an export does not carry.
CUSTOMER_IMPORT_FIELDS: tuple[str, ...] = (
    "name", "grade", "industry", "size", "city", "address", "source", "phone", "email", "owner", "tags", "notes",
    "archived", "contact_name", "contact_title", "contact_phone", "contact_email", "contact_wechat",
)
CUSTOMER_SYSTEM_COLUMNS: tuple[str, ...] = ("id", "created_at", "last_contact_at")

# A lead export's columns that the store decides; an import of the file skips them.
LEAD_SYSTEM_COLUMNS: tuple[str, ...] = (
    "id", "status", "owner", "customer_id", "batch_id", "source_line", "flags", "created_at",
)

TAG_SEPARATOR = ";"
LIST_SEPARATOR = ","  # a lead's flags in CSV

def is_lead_export(header: list[str]) -> bool:
    """Whether a file's header is a `lead export` header (every column, as written, in any
    order): then its store columns are skipped and `extra` unpacked on import. A file from
    elsewhere with a `status` or `extra` column keeps them as the extra data they are."""
    return set(LEAD_COLUMNS) <= {h.strip() for h in header}


def is_customer_export(header: list[str]) -> bool:
    """Whether a file's header is a `customer export` header (every column, as written)."""
    return set(CUSTOMER_COLUMNS) <= {h.strip() for h in header}


def restore_lead_extra(extra: dict[str, str]) -> dict[str, str]:
    """A lead export row's extra values (file column -> text, as the header mapping leaves
    them) as the lead's extra data: the store's columns dropped and the `extra` column's JSON
    object unpacked. A cell that is not a JSON object is kept under `extra`, never lost."""
    kept = {name: value for name, value in extra.items() if name.strip() not in LEAD_SYSTEM_COLUMNS}
    packed = kept.pop("extra", None)
    if packed is None or not packed.strip():
        return kept
    try:
        data = json.loads(packed)
    except ValueError:
        data = None
    if not isinstance(data, dict):
        return kept | {"extra": packed}
    unpacked = {str(k): v if isinstance(v, str) else json.dumps(v, ensure_ascii=False) for k, v in data.items()}
    return unpacked | kept


def split_tags(cell: str | None) -> list[str]:
    """`vip; 华东 ;key` -> ["vip", "华东", "key"]: the tags of a customer export's cell. Only
    a semicolon (or the full-width `；`) separates: a comma may be part of a tag."""
    if not cell:
        return []
    return [tag.strip() for tag in re.split(r"[;；]", cell) if tag.strip()]


def join_tags(tags: list[str]) -> str:
    return TAG_SEPARATOR.join(sorted(tags))


_TRUE = {"true", "yes", "y", "1", "是", "归档", "已归档"}
_FALSE = {"false", "no", "n", "0", "否", ""}


def parse_flag(cell: str | None) -> bool | None:
    """An `archived` cell: true/false as an export writes them (and yes/no, 1/0, 是/否);
    None when it is neither."""
    value = (cell or "").strip().casefold()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    return None
