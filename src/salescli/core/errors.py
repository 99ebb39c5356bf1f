"""Typed errors and the exit codes from SPEC §Command-line contract.

Services raise these; `cli.main` turns each into one line on stderr and its exit code,
so no layer below the interface ever prints or exits.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    REFUSED = 1  # a rule said no: duplicate, cap, gate, cooldown
    USAGE = 2  # bad usage or input: unknown customer, bad date, ambiguous name
    STORAGE = 3  # the store is locked, unreachable, corrupt or too new


class SalescliError(Exception):
    """An error meant for the user: `str(err)` is the whole sentence they read."""

    exit_code: ExitCode = ExitCode.USAGE

    def __init__(self, message: str, *, details: list[str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        # Extra lines (candidates, the existing record) printed after the sentence.
        self.details = details or []


class RefusedError(SalescliError):
    exit_code = ExitCode.REFUSED


class BadInputError(SalescliError):
    exit_code = ExitCode.USAGE


class NotFoundError(BadInputError):
    pass


class AmbiguousError(BadInputError):
    pass


class StorageError(SalescliError):
    exit_code = ExitCode.STORAGE
