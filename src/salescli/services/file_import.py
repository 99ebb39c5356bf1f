"""What every import of a file reports, whatever its rows became (leads or customers):
the counts, how the file was read, which column filled which field, and the problems
(docs/import.md). `lead import` and `customer import` extend it with their own facts."""

from __future__ import annotations

from typing import Any

from salescli.services.records import Record, record


@record
class FileImportSummary(Record):
    file: str
    read: int
    imported: int
    duplicates: int
    rejected: int
    flagged: int
    updated: int
    batch: int | None
    encoding: str
    encoding_guessed: bool
    delimiter: str | None
    format: str
    columns: dict[str, str]  # the file's column -> the field it filled
    ignored_columns: list[str]  # read, but no field takes them (or --map said ignore)
    dry_run: bool
    update: bool
    problems: list[Any]  # the first ones, in line order; a reject file has them all
    problems_total: int

    @property
    def problems_truncated(self) -> bool:
        return self.problems_total > len(self.problems)

    def to_json(self) -> dict[str, Any]:
        return Record.to_json(self) | {"problems_truncated": self.problems_truncated}
