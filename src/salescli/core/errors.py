"""Typed errors and the exit codes (docs/exit-codes.md).

An error says *what* went wrong as a code ("customer.duplicate") and the facts as
parameters (the record it matched and why, the numbers of a cap), never as a sentence:
each interface words it its own way. The CLI names its flags (`--force`), the dashboard
names its fields; both start from `present/messages.py`. So no layer below the
interfaces prints, exits, or names a flag or a widget.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Any, ClassVar


class ExitCode(IntEnum):
    OK = 0
    REFUSED = 1  # a rule said no: duplicate, cap, gate, cooldown, role
    USAGE = 2  # bad usage or input: unknown customer, bad date, ambiguous name
    STORAGE = 3  # the store is locked, unreachable, corrupt or too new
    INTERNAL = 70  # a bug: an exception nobody expected (sysexits' EX_SOFTWARE)
    OUTPUT = 74  # the answer could not be written (disk full, ...): sysexits' EX_IOERR
    INTERRUPTED = 130  # Ctrl-C, as shells report SIGINT


class SalescliError(Exception):
    """An error meant for the user: a stable `code` and the `params` that explain it."""

    exit_code: ClassVar[ExitCode] = ExitCode.USAGE

    def __init__(self, code: str, /, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params

    def __str__(self) -> str:  # for logs and tracebacks; users read present.messages.sentence()
        facts = ", ".join(f"{k}={v!r}" for k, v in self.params.items())
        return f"{self.code}({facts})" if facts else self.code


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


class Notice:
    """Something the user should know that did not stop the command (a setting moved into
    the store, a value ignored): worded by the interface like an error."""

    __slots__ = ("code", "params")

    def __init__(self, code: str, /, **params: Any) -> None:
        self.code = code
        self.params = params

    def __repr__(self) -> str:
        return f"Notice({self.code!r}, {self.params!r})"
